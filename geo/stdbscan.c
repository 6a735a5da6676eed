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
	size_t from, to;          /* grid-order (or cell) range for this worker */
	const uint32_t *rep;      /* plane metric: first core point of each cell, or UINT32_MAX */
	int reach;                /* cells to search on each side (eps / cell, rounded up) */
	int mutual;               /* plane metric with cells <= eps/sqrt(2): a cell's points are
	                             all neighbours of each other */
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

/* The block of cells within reach of cell (cx, cy), clipped to the grid. */
static inline void block(const struct job *j, uint32_t cx, uint32_t cy, uint32_t *x0, uint32_t *x1,
                         uint32_t *y0, uint32_t *y1)
{
	uint32_t r = (uint32_t)j->reach;
	*x0 = cx > r ? cx - r : 0;
	*y0 = cy > r ? cy - r : 0;
	*x1 = cx + r < j->g->nx ? cx + r : j->g->nx - 1;
	*y1 = cy + r < j->g->ny ? cy + r : j->g->ny - 1;
}

/* ---- pass 1: core flags (count neighbours, itself included, up to min_points) ---- */

static void core_work(struct job *j)
{
	const struct geo_grid *g = j->g;
	for (size_t s = j->from; s < j->to; s++) {
		const struct spt *p = &j->sp[s];
		uint32_t cx = geo_grid_cx(g, p->x), cy = geo_grid_cy(g, p->y), x0, x1, y0, y1;
		uint32_t c = cx + cy * g->nx;
		size_t count = 0;
		if (j->mutual && g->start[c + 1] - g->start[c] >= j->min_points) {
			j->core[s] = 1; /* the cell alone holds enough mutual neighbours */
			continue;
		}
		block(j, cx, cy, &x0, &x1, &y0, &y1);
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
	long r = j->reach;
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
		/* the later half of the block: each unordered pair of cells once */
		for (long dy = 0; dy <= r; dy++)
			for (long dx = dy ? -r : 1; dx <= r; dx++) {
				long nx = (long)cx + dx, ny = (long)cy + dy;
				if (nx < 0 || nx >= (long)g->nx || ny >= (long)g->ny)
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

/* Plane metric with mutual cells (grid-based DBSCAN): the core points of a
 * cell are one component; two cells are joined by the first core pair
 * within eps, and a pair of cells already joined is not searched again.
 * The range [from, to) is over cells. */
static void union_cells_work(struct job *j)
{
	const struct geo_grid *g = j->g;
	long r = j->reach;
	for (size_t c = j->from; c < j->to; c++) {
		uint32_t ra = j->rep[c];
		if (ra == UINT32_MAX)
			continue;
		for (uint32_t k = g->start[c]; k < g->start[c + 1]; k++)
			if (j->core[k] && k != ra)
				uf_union(j->par, ra, k);
		uint32_t cx = (uint32_t)(c % g->nx), cy = (uint32_t)(c / g->nx);
		for (long dy = 0; dy <= r; dy++)
			for (long dx = dy ? -r : 1; dx <= r; dx++) {
				long nx = (long)cx + dx, ny = (long)cy + dy;
				if (nx < 0 || nx >= (long)g->nx || ny >= (long)g->ny)
					continue;
				uint32_t b = (uint32_t)nx + (uint32_t)ny * g->nx, rb = j->rep[b];
				if (rb == UINT32_MAX || uf_find(j->par, ra) == uf_find(j->par, rb))
					continue;
				for (uint32_t k = g->start[c]; k < g->start[c + 1]; k++) {
					if (!j->core[k])
						continue;
					uint32_t q = g->start[b];
					for (; q < g->start[b + 1]; q++)
						if (j->core[q] && is_neighbour(j, &j->sp[k], &j->sp[q]))
							break;
					if (q < g->start[b + 1]) {
						uf_union(j->par, k, q);
						break;
					}
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
		uint32_t cx = geo_grid_cx(g, p->x), cy = geo_grid_cy(g, p->y), x0, x1, y0, y1;
		block(j, cx, cy, &x0, &x1, &y0, &y1);
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
	uint32_t *rep = NULL;
	int reach = 1, mutual = 0;
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
	/* the plane metric uses cells of eps/sqrt(2): all points of a cell are
	 * neighbours of each other (grid-based DBSCAN) */
	if ((rc = geo_grid_build(ctx, n, x, y,
	                         p->metric == GEO_STDBSCAN_PLANE ? p->eps_space / M_SQRT2 * (1 - 1e-9)
	                                                         : p->eps_space,
	                         &g)) != GEO_OK)
		return rc;
	reach = (int)ceil(p->eps_space / g.cell - 1e-9);
	if (reach < 1)
		reach = 1;
	mutual = p->metric == GEO_STDBSCAN_PLANE && g.cell * M_SQRT2 <= p->eps_space;

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
			.reach = reach,
			.mutual = mutual,
		};
	/* pass 1: core points */
	parallel(jobs, nthreads, n, core_work);
	/* pass 2: connected components of the core points */
	for (size_t s = 0; s < n; s++)
		atomic_init(&par[s], (uint32_t)s);
	if (mutual) {
		size_t ncells = (size_t)g.nx * g.ny;
		rep = geo_malloc(ncells * sizeof *rep);
		if (!rep) {
			rc = GEO_ERROR(ctx, GEO_ERR_NOMEM, "ST-DBSCAN: out of memory for the cell index");
			goto out;
		}
		for (size_t c = 0; c < ncells; c++) {
			rep[c] = UINT32_MAX;
			for (uint32_t k = g.start[c]; k < g.start[c + 1]; k++)
				if (core[k]) {
					rep[c] = k;
					break;
				}
		}
		for (int k = 0; k < nthreads; k++)
			jobs[k].rep = rep;
		parallel(jobs, nthreads, ncells, union_cells_work);
	} else {
		parallel(jobs, nthreads, n, union_work);
	}
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
	free(rep);
	free(par);
	free(tmp);
	free(lab);
	free(core);
	free(sp);
	geo_grid_free(&g);
	return rc;
}
