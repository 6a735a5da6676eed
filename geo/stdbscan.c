/* stdbscan.c — ST-DBSCAN over a time-sorted uniform grid (stdbscan.h). */
#include "geo/stdbscan.h"
#include "geo/grid.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

struct spt {
	double x, y, t; /* metres, metres, seconds (already scaled for the ball metric) */
};

struct job {
	const struct geo_grid *g;
	const struct spt *sp;     /* points in grid order */
	uint8_t *core;            /* pass 1 out: 1 for core points (grid order) */
	_Atomic uint32_t *par;    /* pass 2: union-find parents over grid order */
	int32_t *lab;             /* pass 4: cluster numbers (grid order) */
	size_t from, to;          /* grid-order range for this worker */
	double eps2, eps_t;
	size_t min_points;
	enum geo_stdbscan_metric metric;
	void (*work)(struct job *);
};

/* First index in [lo, hi) whose t >= v (cells are sorted by t). */
static uint32_t lower_t(const struct spt *sp, uint32_t lo, uint32_t hi, double v)
{
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (sp[mid].t < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static inline int is_neighbour(const struct job *j, const struct spt *a, const struct spt *b)
{
	double dx = a->x - b->x, dy = a->y - b->y, d2 = dx * dx + dy * dy;
	if (j->metric == GEO_STDBSCAN_BALL) {
		double dt = a->t - b->t;
		return d2 + dt * dt <= j->eps2;
	}
	return d2 <= j->eps2;
}

/* The candidate range of cell c for point p: [*k, *end), time-bounded. */
static inline void cell_range(const struct job *j, uint32_t c, const struct spt *p, uint32_t *k,
                              uint32_t *end)
{
	*k = j->g->start[c];
	*end = j->g->start[c + 1];
	if (*k < *end && j->metric != GEO_STDBSCAN_PLANE)
		*k = lower_t(j->sp, *k, *end, p->t - j->eps_t);
}

static inline int past_window(const struct job *j, const struct spt *p, const struct spt *q)
{
	return j->metric != GEO_STDBSCAN_PLANE && q->t > p->t + j->eps_t;
}

/* ---- pass 1: core flags (count neighbours, itself included, up to min_points) ---- */

static void core_work(struct job *j)
{
	const struct geo_grid *g = j->g;
	for (size_t s = j->from; s < j->to; s++) {
		const struct spt *p = &j->sp[s];
		uint32_t cx = geo_grid_cx(g, p->x), cy = geo_grid_cy(g, p->y);
		uint32_t x0 = cx ? cx - 1 : 0, x1 = cx + 1 < g->nx ? cx + 1 : cx;
		uint32_t y0 = cy ? cy - 1 : 0, y1 = cy + 1 < g->ny ? cy + 1 : cy;
		size_t count = 0;
		for (uint32_t yy = y0; yy <= y1 && count < j->min_points; yy++)
			for (uint32_t xx = x0; xx <= x1 && count < j->min_points; xx++) {
				uint32_t k, end;
				cell_range(j, xx + yy * g->nx, p, &k, &end);
				for (; k < end && count < j->min_points; k++) {
					if (past_window(j, p, &j->sp[k]))
						break;
					count += is_neighbour(j, p, &j->sp[k]);
				}
			}
		j->core[s] = count >= j->min_points;
	}
}

/* ---- pass 2: join core neighbours (concurrent union-find) ---- */

static uint32_t uf_find(_Atomic uint32_t *par, uint32_t x)
{
	for (;;) {
		uint32_t p = atomic_load_explicit(&par[x], memory_order_acquire);
		if (p == x)
			return x;
		uint32_t gp = atomic_load_explicit(&par[p], memory_order_acquire);
		if (gp != p) /* path halving: an ancestor is always a valid parent */
			atomic_compare_exchange_weak_explicit(&par[x], &p, gp, memory_order_acq_rel,
			                                      memory_order_relaxed);
		x = gp;
	}
}

static void uf_union(_Atomic uint32_t *par, uint32_t a, uint32_t b)
{
	for (;;) {
		a = uf_find(par, a);
		b = uf_find(par, b);
		if (a == b)
			return;
		if (a < b) { /* link the larger root under the smaller: no cycles */
			uint32_t t = a;
			a = b;
			b = t;
		}
		uint32_t expect = a;
		if (atomic_compare_exchange_strong_explicit(&par[a], &expect, b, memory_order_acq_rel,
		                                            memory_order_relaxed))
			return;
	}
}

static void union_work(struct job *j)
{
	const struct geo_grid *g = j->g;
	/* half of the 3x3 block: each unordered pair of cells once */
	static const int dx[4] = {1, 1, 1, 0}, dy[4] = {-1, 0, 1, 1};
	for (size_t s = j->from; s < j->to; s++) {
		const struct spt *p = &j->sp[s];
		if (!j->core[s])
			continue;
		uint32_t cx = geo_grid_cx(g, p->x), cy = geo_grid_cy(g, p->y);
		uint32_t c = cx + cy * g->nx, k, end;
		/* own cell: partners after s only */
		for (k = (uint32_t)s + 1, end = g->start[c + 1]; k < end; k++) {
			if (past_window(j, p, &j->sp[k]))
				break;
			if (j->core[k] && is_neighbour(j, p, &j->sp[k]))
				uf_union(j->par, (uint32_t)s, k);
		}
		for (int d = 0; d < 4; d++) {
			long nx = (long)cx + dx[d], ny = (long)cy + dy[d];
			if (nx < 0 || ny < 0 || nx >= (long)g->nx || ny >= (long)g->ny)
				continue;
			cell_range(j, (uint32_t)nx + (uint32_t)ny * g->nx, p, &k, &end);
			for (; k < end; k++) {
				if (past_window(j, p, &j->sp[k]))
					break;
				if (j->core[k] && is_neighbour(j, p, &j->sp[k]))
					uf_union(j->par, (uint32_t)s, k);
			}
		}
	}
}

/* ---- pass 4: border points take the lowest cluster number among their
 * core neighbours (the cluster scikit-learn would have grown first) ---- */

static void border_work(struct job *j)
{
	const struct geo_grid *g = j->g;
	for (size_t s = j->from; s < j->to; s++) {
		const struct spt *p = &j->sp[s];
		int32_t best = INT32_MAX;
		if (j->core[s])
			continue;
		uint32_t cx = geo_grid_cx(g, p->x), cy = geo_grid_cy(g, p->y);
		uint32_t x0 = cx ? cx - 1 : 0, x1 = cx + 1 < g->nx ? cx + 1 : cx;
		uint32_t y0 = cy ? cy - 1 : 0, y1 = cy + 1 < g->ny ? cy + 1 : cy;
		for (uint32_t yy = y0; yy <= y1; yy++)
			for (uint32_t xx = x0; xx <= x1; xx++) {
				uint32_t k, end;
				cell_range(j, xx + yy * g->nx, p, &k, &end);
				for (; k < end; k++) {
					if (past_window(j, p, &j->sp[k]))
						break;
					if (j->core[k] && j->lab[k] < best && is_neighbour(j, p, &j->sp[k]))
						best = j->lab[k];
				}
			}
		j->lab[s] = best == INT32_MAX ? GEO_STDBSCAN_NOISE : best;
	}
}

static void *run_job(void *arg)
{
	struct job *j = arg;
	j->work(j);
	return NULL;
}

/* Run `work` over [0, n) split in contiguous ranges over the jobs' threads. */
static void parallel(struct job *jobs, int nthreads, size_t n, void (*work)(struct job *))
{
	pthread_t tid[16];
	int started[16] = {0};
	for (int k = 0; k < nthreads; k++) {
		jobs[k].from = n * (size_t)k / (size_t)nthreads;
		jobs[k].to = n * (size_t)(k + 1) / (size_t)nthreads;
		jobs[k].work = work;
	}
	for (int k = 1; k < nthreads; k++)
		started[k] = pthread_create(&tid[k], NULL, run_job, &jobs[k]) == 0;
	work(&jobs[0]);
	for (int k = 1; k < nthreads; k++) {
		if (started[k])
			pthread_join(tid[k], NULL);
		else
			work(&jobs[k]); /* a thread that could not start: do its share here */
	}
}

struct tkey {
	double t;   /* unscaled time */
	uint32_t k; /* input index */
};

static int cmp_tkey(const void *a, const void *b)
{
	const struct tkey *x = a, *y = b;
	if (x->t != y->t)
		return (x->t > y->t) - (x->t < y->t);
	return (x->k > y->k) - (x->k < y->k);
}

static int cmp_root(const void *a, const void *b, void *arg)
{
	const uint32_t *minorig = arg;
	uint32_t x = minorig[*(const uint32_t *)a], y = minorig[*(const uint32_t *)b];
	return (x > y) - (x < y);
}

enum geo_status geo_stdbscan(geo_ctx *ctx, size_t n, const double *x, const double *y,
                             const double *t, const struct geo_stdbscan_params *p,
                             int32_t *labels, size_t *n_clusters)
{
	enum geo_status rc = GEO_OK;
	struct geo_grid g = {0};
	struct spt *sp = NULL;
	int32_t *lab = NULL;
	uint32_t *tmp = NULL;
	_Atomic uint32_t *par = NULL;
	uint8_t *core = NULL;
	struct tkey *kv = NULL;
	struct job jobs[16];
	int nthreads = p->threads > 0 ? p->threads : 2;
	double tscale = 1.0;
	int32_t clusters = 0;

	if (nthreads > 16)
		nthreads = 16;
	if (!(p->eps_space > 0) || !isfinite(p->eps_space))
		return GEO_ERROR(ctx, GEO_ERR_INVALID, "ST-DBSCAN: eps-space %g is not a positive distance",
		                 p->eps_space);
	if (p->metric != GEO_STDBSCAN_PLANE && (!(p->eps_time > 0) || !isfinite(p->eps_time) || !t))
		return GEO_ERROR(ctx, GEO_ERR_INVALID, "ST-DBSCAN: eps-time %g is not a positive duration",
		                 p->eps_time);
	if (p->min_points < 1)
		return GEO_ERROR(ctx, GEO_ERR_INVALID, "ST-DBSCAN: min-points must be at least 1");
	if (p->metric != GEO_STDBSCAN_PLANE)
		for (size_t i = 0; i < n; i++)
			if (!isfinite(t[i]))
				return GEO_ERROR(ctx, GEO_ERR_INVALID, "ST-DBSCAN: point %zu has no finite time", i);
	if ((rc = geo_grid_build(ctx, n, x, y, p->eps_space, &g)) != GEO_OK)
		return rc;

	sp = geo_malloc((n ? n : 1) * sizeof *sp);
	if (!sp) {
		rc = GEO_ERROR(ctx, GEO_ERR_NOMEM, "ST-DBSCAN: out of memory for %zu points", n);
		goto out;
	}
	if (p->metric == GEO_STDBSCAN_BALL)
		tscale = p->eps_space / p->eps_time;
	/* sort each cell's input indexes by time (the grid keeps input order
	 * inside a cell, so ties stay in input order: results are deterministic) */
	if (p->metric != GEO_STDBSCAN_PLANE) {
		size_t ncells = (size_t)g.nx * g.ny, maxc = 0;
		for (size_t c = 0; c < ncells; c++)
			if (g.start[c + 1] - g.start[c] > maxc)
				maxc = g.start[c + 1] - g.start[c];
		kv = geo_malloc((maxc ? maxc : 1) * sizeof *kv);
		if (!kv) {
			rc = GEO_ERROR(ctx, GEO_ERR_NOMEM, "ST-DBSCAN: out of memory sorting cells");
			goto out;
		}
		for (size_t c = 0; c < ncells; c++) {
			uint32_t a = g.start[c], b = g.start[c + 1], m = b - a;
			if (m < 2)
				continue;
			for (uint32_t k = 0; k < m; k++) {
				kv[k].k = g.order[a + k];
				kv[k].t = t[kv[k].k];
			}
			if (m <= 32) {
				for (uint32_t k = 1; k < m; k++) {
					struct tkey v = kv[k];
					uint32_t q = k;
					while (q > 0 && (kv[q - 1].t > v.t || (kv[q - 1].t == v.t && kv[q - 1].k > v.k))) {
						kv[q] = kv[q - 1];
						q--;
					}
					kv[q] = v;
				}
			} else {
				qsort(kv, m, sizeof *kv, cmp_tkey);
			}
			for (uint32_t k = 0; k < m; k++)
				g.order[a + k] = kv[k].k;
		}
		free(kv);
		kv = NULL;
	}
	for (size_t s = 0; s < n; s++) {
		uint32_t i = g.order[s];
		sp[s].x = x[i];
		sp[s].y = y[i];
		sp[s].t = p->metric == GEO_STDBSCAN_PLANE ? 0.0 : t[i] * tscale;
	}

	core = geo_malloc(n ? n : 1);
	lab = geo_malloc((n ? n : 1) * sizeof *lab);
	tmp = geo_malloc((n ? n : 1) * sizeof *tmp);
	par = geo_malloc((n ? n : 1) * sizeof *par);
	if (!core || !lab || !tmp || !par) {
		rc = GEO_ERROR(ctx, GEO_ERR_NOMEM, "ST-DBSCAN: out of memory for %zu points", n);
		goto out;
	}
	if ((size_t)nthreads > n / 1024 + 1)
		nthreads = (int)(n / 1024 + 1);
	for (int k = 0; k < nthreads; k++)
		jobs[k] = (struct job){
			.g = &g, .sp = sp, .core = core, .par = par, .lab = lab,
			.eps2 = p->eps_space * p->eps_space,
			.eps_t = p->metric == GEO_STDBSCAN_BALL ? p->eps_space : p->eps_time,
			.min_points = p->min_points,
			.metric = p->metric,
		};
	/* pass 1: core points */
	parallel(jobs, nthreads, n, core_work);
	/* pass 2: connected components of the core points */
	for (size_t s = 0; s < n; s++)
		atomic_init(&par[s], (uint32_t)s);
	parallel(jobs, nthreads, n, union_work);
	/* pass 3: number the components by their first core point in input
	 * order, as scikit-learn seeds its clusters */
	for (size_t s = 0; s < n; s++)
		tmp[s] = UINT32_MAX;
	for (size_t s = 0; s < n; s++)
		if (core[s]) {
			uint32_t r = uf_find(par, (uint32_t)s);
			if (g.order[s] < tmp[r])
				tmp[r] = g.order[s];
		}
	{
		uint32_t *roots = (uint32_t *)lab; /* lab is free until pass 4: hold the roots */
		size_t nr = 0;
		for (size_t s = 0; s < n; s++)
			if (core[s] && atomic_load(&par[s]) == s)
				roots[nr++] = (uint32_t)s;
		qsort_r(roots, nr, sizeof *roots, cmp_root, tmp);
		for (size_t k = 0; k < nr; k++)
			tmp[roots[k]] = (uint32_t)k; /* root -> cluster number */
		clusters = (int32_t)nr;
	}
	for (size_t s = 0; s < n; s++)
		lab[s] = core[s] ? (int32_t)tmp[uf_find(par, (uint32_t)s)] : GEO_STDBSCAN_NOISE;
	/* pass 4: border points */
	parallel(jobs, nthreads, n, border_work);
	for (size_t s = 0; s < n; s++)
		labels[g.order[s]] = lab[s];
	if (n_clusters)
		*n_clusters = (size_t)clusters;
out:
	free(kv);
	free(par);
	free(tmp);
	free(lab);
	free(core);
	free(sp);
	geo_grid_free(&g);
	return rc;
}
