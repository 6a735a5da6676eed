/* stdbscan.c — ST-DBSCAN over a time-sorted uniform grid (stdbscan.h). */
#include "geo/stdbscan.h"
#include "geo/grid.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct spt {
	double x, y, t; /* metres, metres, seconds (already scaled for the ball metric) */
};

struct job {
	const struct geo_grid *g;
	const struct spt *sp;     /* points in grid order */
	uint8_t *core;            /* out: 1 for core points (grid order) */
	size_t from, to;          /* grid-order range for this worker */
	double eps2, eps_t, eps_s;
	size_t min_points;
	enum geo_stdbscan_metric metric;
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

/* Count the neighbours of grid-order point s (itself included). With
 * `visit`, call it on each neighbour; without, stop counting at `limit`
 * (when > 0) since the core test needs no more. */
static size_t neighbours(const struct job *j, uint32_t s, size_t limit,
                         void (*visit)(void *, uint32_t), void *arg)
{
	const struct geo_grid *g = j->g;
	const struct spt *p = &j->sp[s];
	uint32_t cx = geo_grid_cx(g, p->x), cy = geo_grid_cy(g, p->y);
	uint32_t x0 = cx ? cx - 1 : 0, x1 = cx + 1 < g->nx ? cx + 1 : cx;
	uint32_t y0 = cy ? cy - 1 : 0, y1 = cy + 1 < g->ny ? cy + 1 : cy;
	int timed = j->metric != GEO_STDBSCAN_PLANE;
	size_t count = 0;
	for (uint32_t yy = y0; yy <= y1; yy++) {
		for (uint32_t xx = x0; xx <= x1; xx++) {
			uint32_t c = xx + yy * g->nx;
			uint32_t k = g->start[c], end = g->start[c + 1];
			if (k == end)
				continue;
			if (timed)
				k = lower_t(j->sp, k, end, p->t - j->eps_t);
			for (; k < end; k++) {
				const struct spt *q = &j->sp[k];
				if (timed && q->t > p->t + j->eps_t)
					break;
				if (!is_neighbour(j, p, q))
					continue;
				count++;
				if (visit)
					visit(arg, k);
				else if (limit && count >= limit)
					return count;
			}
		}
	}
	return count;
}

static void *core_worker(void *arg)
{
	struct job *j = arg;
	for (size_t s = j->from; s < j->to; s++)
		j->core[s] = neighbours(j, (uint32_t)s, j->min_points, NULL, NULL) >= j->min_points;
	return NULL;
}

struct expand {
	int32_t *lab;
	const uint8_t *core;
	uint32_t *stack;
	size_t top;
	int32_t cluster;
};

#define UNSET (-2)

static void push_unlabelled(void *arg, uint32_t k)
{
	struct expand *e = arg;
	if (e->lab[k] == UNSET || e->lab[k] == GEO_STDBSCAN_NOISE) {
		e->lab[k] = e->cluster;
		if (e->core[k])
			e->stack[e->top++] = k;
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

enum geo_status geo_stdbscan(geo_ctx *ctx, size_t n, const double *x, const double *y,
                             const double *t, const struct geo_stdbscan_params *p,
                             int32_t *labels, size_t *n_clusters)
{
	enum geo_status rc = GEO_OK;
	struct geo_grid g = {0};
	struct spt *sp = NULL;
	uint32_t *pos = NULL;
	int32_t *lab = NULL;
	uint8_t *core = NULL;
	uint32_t *stack = NULL;
	struct tkey *kv = NULL;
	struct job jobs[16];
	pthread_t tid[16];
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
	pos = geo_malloc((n ? n : 1) * sizeof *pos);
	if (!sp || !pos) {
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
	for (size_t s = 0; s < n; s++)
		pos[g.order[s]] = (uint32_t)s;

	core = geo_malloc(n ? n : 1);
	lab = geo_malloc((n ? n : 1) * sizeof *lab);
	stack = geo_malloc((n ? n : 1) * sizeof *stack);
	if (!core || !lab || !stack) {
		rc = GEO_ERROR(ctx, GEO_ERR_NOMEM, "ST-DBSCAN: out of memory for %zu points", n);
		goto out;
	}
	/* pass 1: core flags, in parallel over contiguous grid ranges */
	{
		int started = 0;
		if ((size_t)nthreads > n / 1024 + 1)
			nthreads = (int)(n / 1024 + 1);
		for (int k = 0; k < nthreads; k++) {
			jobs[k] = (struct job){
				.g = &g, .sp = sp, .core = core,
				.from = n * (size_t)k / (size_t)nthreads,
				.to = n * (size_t)(k + 1) / (size_t)nthreads,
				.eps2 = p->eps_space * p->eps_space,
				.eps_t = p->metric == GEO_STDBSCAN_BALL ? p->eps_space : p->eps_time,
				.eps_s = p->eps_space,
				.min_points = p->min_points,
				.metric = p->metric,
			};
		}
		for (int k = 1; k < nthreads; k++)
			if (pthread_create(&tid[k], NULL, core_worker, &jobs[k]) == 0)
				started = k;
			else
				break;
		core_worker(&jobs[0]);
		for (int k = 1; k <= started; k++)
			pthread_join(tid[k], NULL);
		for (int k = started + 1; k < nthreads; k++)
			core_worker(&jobs[k]); /* threads that could not start: do their share here */
	}
	/* pass 2: grow clusters from core points in input order */
	for (size_t s = 0; s < n; s++)
		lab[s] = UNSET;
	{
		struct expand e = {.lab = lab, .core = core, .stack = stack, .top = 0, .cluster = 0};
		for (size_t i = 0; i < n; i++) {
			uint32_t s = pos[i];
			if (lab[s] != UNSET && lab[s] != GEO_STDBSCAN_NOISE)
				continue;
			if (!core[s]) {
				lab[s] = GEO_STDBSCAN_NOISE; /* may become a border point later */
				continue;
			}
			e.cluster = clusters++;
			lab[s] = e.cluster;
			e.top = 0;
			e.stack[e.top++] = s;
			while (e.top) {
				uint32_t q = e.stack[--e.top];
				neighbours(&jobs[0], q, 0, push_unlabelled, &e);
			}
		}
	}
	for (size_t s = 0; s < n; s++)
		labels[g.order[s]] = lab[s] == UNSET ? GEO_STDBSCAN_NOISE : lab[s];
	if (n_clusters)
		*n_clusters = (size_t)clusters;
out:
	free(kv);
	free(stack);
	free(lab);
	free(core);
	free(pos);
	free(sp);
	geo_grid_free(&g);
	return rc;
}
