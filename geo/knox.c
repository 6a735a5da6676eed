/* knox.c — Knox test and near-repeat table with permuted times (knox.h). */
#include "geo/knox.h"
#include "geo/grid.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK 8            /* permutations per pass over the pairs */
#define BAND_BEYOND 0x7f   /* pair within `space` but beyond the last distance band */
#define KNOX_CLOSE 0x80    /* pair within `space` */

/* ---- xoshiro256** (public domain, Blackman & Vigna 2018) ---- */

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void geo_rng_seed(struct geo_rng *r, uint64_t seed, uint64_t stream)
{
	uint64_t x = seed ^ (stream * 0xd1342543de82ef95ULL + 0x632be59bd9b4e019ULL);
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
}

static inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

uint64_t geo_rng_next(struct geo_rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

__extension__ typedef unsigned __int128 u128;

uint64_t geo_rng_below(struct geo_rng *r, uint64_t bound)
{
	/* Lemire's multiply-shift with rejection */
	u128 m = (u128)geo_rng_next(r) * bound;
	uint64_t lo = (uint64_t)m;
	if (lo < bound) {
		uint64_t thresh = -bound % bound;
		while (lo < thresh) {
			m = (u128)geo_rng_next(r) * bound;
			lo = (uint64_t)m;
		}
	}
	return (uint64_t)(m >> 64);
}

double geo_rng_unit(struct geo_rng *r)
{
	return (double)(geo_rng_next(r) >> 11) * 0x1.0p-53;
}

/* ---- the test ---- */

struct pairs {
	uint32_t *off;  /* n+1: pairs of event s are [off[s], off[s+1]) */
	uint32_t *j;    /* partner (grid-order index, > s) */
	uint8_t *band;  /* distance band | KNOX_CLOSE */
	size_t n, cap;
};

struct shared {
	const struct geo_knox_params *p;
	const int32_t *ti;       /* times in grid order, seconds from the earliest */
	const int32_t *ti_in;    /* the same times in input order */
	const uint32_t *order;   /* grid order -> input index */
	size_t n;
	const struct pairs *pr;
	int32_t time_thr;
	int32_t tedge[GEO_KNOX_MAX_BANDS];
	size_t ntb, rows, cols;
	long long band_total[GEO_KNOX_MAX_BANDS]; /* pairs per distance band (fixed) */
	long long observed;
	const long long *obs_cells;
	long nblocks;
	int nthreads;
};

struct worker {
	const struct shared *sh;
	int id;
	/* results: sums and exceedance counts */
	double knox_sum;
	long knox_ge;
	double *cell_sum;
	long *cell_ge;
	enum geo_status rc;
};

/* The inner loop: for every close pair and each of the BLOCK permutations
 * in tp (interleaved: tp[s * BLOCK + k]), count Knox pairs and near-repeat
 * cells. NTB is the number of time edges the loop compares against: a
 * compile-time 4 (edges padded with INT32_MAX) lets the compiler unroll
 * and vectorise it; GEO_KNOX_MAX_BANDS is the general case. Lanes past
 * the valid permutations are counted too and ignored by the caller.
 * The last time column (beyond the last edge) is not counted here: most
 * pairs fall in it, and it is the band's pair total minus the other
 * columns (fill_beyond), since distances do not change under permutation. */
#define COUNT_BLOCK(NAME, NTB)                                                                   \
	static void NAME(const struct shared *sh, const int32_t *tp, long long *knox,             \
	                 long long *cells)                                                        \
	{                                                                                         \
		const struct pairs *pr = sh->pr;                                                  \
		size_t cols = sh->cols, ncell = sh->rows * sh->cols;                              \
		int32_t thr = sh->time_thr, e[NTB], ntb = (int32_t)sh->ntb;                       \
		for (int m = 0; m < NTB; m++)                                                     \
			e[m] = (size_t)m < sh->ntb ? sh->tedge[m] : INT32_MAX;                    \
		for (size_t s = 0; s < sh->n; s++) {                                              \
			const int32_t *a = &tp[s * BLOCK];                                        \
			for (uint32_t q = pr->off[s]; q < pr->off[s + 1]; q++) {                  \
				const int32_t *b = &tp[(size_t)pr->j[q] * BLOCK];                 \
				uint8_t band = pr->band[q];                                       \
				int32_t dt[BLOCK];                                                \
				for (int k = 0; k < BLOCK; k++) {                                 \
					int32_t d = a[k] - b[k];                                  \
					dt[k] = d < 0 ? -d : d;                                   \
				}                                                                 \
				if (band & KNOX_CLOSE)                                            \
					for (int k = 0; k < BLOCK; k++)                           \
						knox[k] += dt[k] <= thr;                          \
				band &= BAND_BEYOND;                                              \
				if (band == BAND_BEYOND)                                          \
					continue;                                                 \
				int32_t tb[BLOCK];                                                \
				for (int k = 0; k < BLOCK; k++) {                                 \
					int32_t v = 0;                                            \
					for (int m = 0; m < NTB; m++)                             \
						v += dt[k] > e[m];                                \
					tb[k] = v;                                                \
				}                                                                 \
				long long *row = cells + (size_t)band * cols;                     \
				for (int k = 0; k < BLOCK; k++)                                   \
					if (tb[k] < ntb)                                          \
						row[(size_t)k * ncell + (size_t)tb[k]]++;         \
			}                                                                         \
		}                                                                                 \
	}

COUNT_BLOCK(count_block4, 4)
COUNT_BLOCK(count_block_any, GEO_KNOX_MAX_BANDS)

/* Complete the beyond-the-last-edge column of each lane's table. */
static void fill_beyond(const struct shared *sh, long long *cells)
{
	size_t ncell = sh->rows * sh->cols;
	for (int k = 0; k < BLOCK; k++)
		for (size_t a = 0; a < sh->rows; a++) {
			long long *row = cells + (size_t)k * ncell + a * sh->cols, sum = 0;
			for (size_t c = 0; c + 1 < sh->cols; c++)
				sum += row[c];
			row[sh->cols - 1] = sh->band_total[a] - sum;
		}
}

static void count_block(const struct shared *sh, const int32_t *tp, long long *knox,
                        long long *cells)
{
	if (sh->ntb <= 4)
		count_block4(sh, tp, knox, cells);
	else
		count_block_any(sh, tp, knox, cells);
	if (sh->rows)
		fill_beyond(sh, cells);
}

static void *perm_worker(void *arg)
{
	struct worker *w = arg;
	const struct shared *sh = w->sh;
	size_t n = sh->n, ncell = sh->rows * sh->cols;
	int32_t *tp = geo_malloc(n * BLOCK * sizeof *tp);
	int32_t *sh_t = geo_malloc(n * sizeof *sh_t);
	long long *cells = geo_calloc(BLOCK * (ncell ? ncell : 1), sizeof *cells);
	if (!tp || !sh_t || !cells) {
		w->rc = GEO_ERR_NOMEM;
		goto out;
	}
	for (long blk = w->id; blk < sh->nblocks; blk += sh->nthreads) {
		long first = blk * BLOCK;
		int valid = (int)(sh->p->permutations - first < BLOCK ? sh->p->permutations - first : BLOCK);
		long long knox[BLOCK] = {0};
		for (int k = 0; k < BLOCK; k++) {
			struct geo_rng r;
			/* permute in input order, so the result depends on the data and
			 * the seed only, not on the grid's layout */
			memcpy(sh_t, sh->ti_in, n * sizeof *sh_t);
			if (k < valid) {
				geo_rng_seed(&r, sh->p->seed, (uint64_t)(first + k));
				for (size_t i = n - 1; i > 0; i--) { /* Fisher-Yates */
					size_t j = (size_t)geo_rng_below(&r, i + 1);
					int32_t tmp = sh_t[i];
					sh_t[i] = sh_t[j];
					sh_t[j] = tmp;
				}
			}
			for (size_t i = 0; i < n; i++)
				tp[i * BLOCK + k] = sh_t[sh->order[i]];
		}
		memset(cells, 0, BLOCK * ncell * sizeof *cells);
		count_block(sh, tp, knox, cells);
		for (int k = 0; k < valid; k++) {
			w->knox_sum += (double)knox[k];
			w->knox_ge += knox[k] >= sh->observed;
			for (size_t c = 0; c < ncell; c++) {
				long long v = cells[(size_t)k * ncell + c];
				w->cell_sum[c] += (double)v;
				w->cell_ge[c] += v >= sh->obs_cells[c];
			}
		}
	}
out:
	free(cells);
	free(sh_t);
	free(tp);
	return NULL;
}

void geo_knox_result_free(struct geo_knox_result *r)
{
	if (!r)
		return;
	free(r->cell_obs);
	free(r->cell_exp);
	free(r->cell_p);
	r->cell_obs = NULL;
	r->cell_exp = NULL;
	r->cell_p = NULL;
}

static int cmp_i32(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
	return (x > y) - (x < y);
}

static enum geo_status pairs_push(struct pairs *pr, uint32_t j, uint8_t band)
{
	if (pr->n == pr->cap) {
		size_t cap = pr->cap ? pr->cap * 2 : 1024;
		uint32_t *nj;
		uint8_t *nb;
		if (cap > UINT32_MAX)
			return GEO_ERR_LIMIT;
		nj = geo_realloc(pr->j, cap * sizeof *nj);
		if (!nj)
			return GEO_ERR_NOMEM;
		pr->j = nj;
		nb = geo_realloc(pr->band, cap);
		if (!nb)
			return GEO_ERR_NOMEM;
		pr->band = nb;
		pr->cap = cap;
	}
	pr->j[pr->n] = j;
	pr->band[pr->n] = band;
	pr->n++;
	return GEO_OK;
}

enum geo_status geo_knox(geo_ctx *ctx, size_t n, const double *x, const double *y,
                         const double *t, const struct geo_knox_params *p,
                         struct geo_knox_result *out)
{
	enum geo_status rc = GEO_OK;
	struct geo_grid g = {0};
	struct pairs pr = {0};
	int32_t *ti = NULL, *sorted = NULL, *ti_in = NULL;
	double *sx = NULL, *sy = NULL;
	double maxd, tmin = INFINITY, tmax = -INFINITY;
	double sedge2[GEO_KNOX_MAX_BANDS];
	struct shared sh;
	struct worker wk[16];
	pthread_t tid[16];
	int nthreads = p->threads > 0 ? p->threads : 2;
	size_t ncell;

	memset(out, 0, sizeof *out);
	memset(wk, 0, sizeof wk);
	if (nthreads > 16)
		nthreads = 16;
	if (!(p->space >= 0) || !isfinite(p->space) || !(p->time >= 0) || !isfinite(p->time) ||
	    p->permutations < 0 || p->n_space_bands > GEO_KNOX_MAX_BANDS ||
	    p->n_time_bands > GEO_KNOX_MAX_BANDS)
		return GEO_ERROR(ctx, GEO_ERR_INVALID, "Knox: bad parameters (space %g m, time %g s, %ld permutations)",
		                 p->space, p->time, p->permutations);
	for (size_t k = 0; k < p->n_space_bands; k++)
		if (!(p->space_bands[k] >= 0) || !isfinite(p->space_bands[k]) ||
		    (k && !(p->space_bands[k] > p->space_bands[k - 1])))
			return GEO_ERROR(ctx, GEO_ERR_INVALID, "Knox: distance bands must be increasing and finite");
	for (size_t k = 0; k < p->n_time_bands; k++)
		if (!(p->time_bands[k] >= 0) || !(p->time_bands[k] < 2147483647.0) ||
		    (k && !(p->time_bands[k] > p->time_bands[k - 1])))
			return GEO_ERROR(ctx, GEO_ERR_INVALID, "Knox: time bands must be increasing and under 68 years");
	out->n = n;
	out->permutations = p->permutations;
	out->seed = p->seed;
	out->rows = p->n_space_bands;
	out->cols = p->n_space_bands ? p->n_time_bands + 1 : 0;
	out->pairs_total = (long long)n * ((long long)n - 1) / 2;
	out->expected = out->ratio = out->p_value = NAN;
	ncell = out->rows * out->cols;
	out->cell_obs = geo_calloc(ncell ? ncell : 1, sizeof *out->cell_obs);
	out->cell_exp = geo_calloc(ncell ? ncell : 1, sizeof *out->cell_exp);
	out->cell_p = geo_calloc(ncell ? ncell : 1, sizeof *out->cell_p);
	if (!out->cell_obs || !out->cell_exp || !out->cell_p) {
		rc = GEO_ERROR(ctx, GEO_ERR_NOMEM, "Knox: out of memory");
		goto out;
	}
	for (size_t c = 0; c < ncell; c++)
		out->cell_exp[c] = out->cell_p[c] = NAN;
	if (n < 2)
		goto out;
	for (size_t i = 0; i < n; i++) {
		if (!isfinite(t[i])) {
			rc = GEO_ERROR(ctx, GEO_ERR_INVALID, "Knox: event %zu has no finite time", i);
			goto out;
		}
		if (t[i] < tmin) tmin = t[i];
		if (t[i] > tmax) tmax = t[i];
	}
	if (tmax - tmin >= 2147483647.0) {
		rc = GEO_ERROR(ctx, GEO_ERR_LIMIT, "Knox: the events span more than 68 years");
		goto out;
	}
	maxd = p->space;
	if (p->n_space_bands && p->space_bands[p->n_space_bands - 1] > maxd)
		maxd = p->space_bands[p->n_space_bands - 1];
	for (size_t k = 0; k < p->n_space_bands; k++)
		sedge2[k] = p->space_bands[k] * p->space_bands[k];
	if ((rc = geo_grid_build(ctx, n, x, y, maxd > 0 ? maxd : 1.0, &g)) != GEO_OK)
		goto out;

	/* work in grid order: neighbours are close in memory */
	ti = geo_malloc(n * sizeof *ti);
	ti_in = geo_malloc(n * sizeof *ti_in);
	sorted = geo_malloc(n * sizeof *sorted);
	sx = geo_malloc(n * sizeof *sx);
	sy = geo_malloc(n * sizeof *sy);
	pr.off = geo_malloc((n + 1) * sizeof *pr.off);
	if (!ti || !ti_in || !sorted || !sx || !sy || !pr.off) {
		rc = GEO_ERROR(ctx, GEO_ERR_NOMEM, "Knox: out of memory for %zu events", n);
		goto out;
	}
	for (size_t s = 0; s < n; s++) {
		uint32_t i = g.order[s];
		ti[s] = (int32_t)llround(t[i] - tmin);
		ti_in[i] = ti[s];
		sx[s] = x[i];
		sy[s] = y[i];
	}
	/* close pairs, each once (partner index > s) */
	{
		double max2 = maxd * maxd, sp2 = p->space * p->space;
		for (size_t s = 0; s < n; s++) {
			uint32_t cx = geo_grid_cx(&g, sx[s]), cy = geo_grid_cy(&g, sy[s]);
			uint32_t x0 = cx ? cx - 1 : 0, x1 = cx + 1 < g.nx ? cx + 1 : cx;
			uint32_t y0 = cy ? cy - 1 : 0, y1 = cy + 1 < g.ny ? cy + 1 : cy;
			pr.off[s] = (uint32_t)pr.n;
			for (uint32_t yy = y0; yy <= y1; yy++)
				for (uint32_t xx = x0; xx <= x1; xx++) {
					uint32_t c = xx + yy * g.nx;
					uint32_t k = g.start[c] > s + 1 ? g.start[c] : (uint32_t)s + 1;
					for (; k < g.start[c + 1]; k++) {
						double dx = sx[s] - sx[k], dy = sy[s] - sy[k], d2 = dx * dx + dy * dy;
						uint8_t band = BAND_BEYOND;
						if (d2 > max2)
							continue;
						for (size_t m = 0; m < p->n_space_bands; m++)
							if (d2 <= sedge2[m]) {
								band = (uint8_t)m;
								break;
							}
						if (d2 <= sp2)
							band |= KNOX_CLOSE;
						else if ((band & BAND_BEYOND) == BAND_BEYOND)
							continue;
						if ((rc = pairs_push(&pr, k, band)) != GEO_OK) {
							rc = GEO_ERROR(ctx, rc, "Knox: too many close pairs (%zu) for memory",
							               pr.n);
							goto out;
						}
					}
				}
		}
		pr.off[n] = (uint32_t)pr.n;
	}
	/* exact pairs within `time`, by sorting */
	{
		int32_t thr = (int32_t)floor(p->time);
		size_t lo = 0;
		memcpy(sorted, ti, n * sizeof *sorted);
		qsort(sorted, n, sizeof *sorted, cmp_i32);
		for (size_t hi = 0; hi < n; hi++) {
			while (sorted[hi] - sorted[lo] > thr)
				lo++;
			out->pairs_time += (long long)(hi - lo);
		}
	}
	memset(&sh, 0, sizeof sh);
	sh.p = p;
	sh.ti = ti;
	sh.ti_in = ti_in;
	sh.order = g.order;
	sh.n = n;
	sh.pr = &pr;
	sh.time_thr = (int32_t)floor(p->time);
	sh.ntb = p->n_time_bands;
	for (size_t m = 0; m < sh.ntb; m++)
		sh.tedge[m] = (int32_t)floor(p->time_bands[m]);
	sh.rows = out->rows;
	sh.cols = out->cols;
	for (uint32_t q = 0; q < pr.n; q++)
		if ((pr.band[q] & BAND_BEYOND) != BAND_BEYOND)
			sh.band_total[pr.band[q] & BAND_BEYOND]++;
	/* observed: the real times, through the same kernel (all BLOCK lanes equal) */
	{
		int32_t *tp = geo_malloc(n * BLOCK * sizeof *tp);
		long long *cells = geo_calloc(BLOCK * (ncell ? ncell : 1), sizeof *cells);
		long long knox[BLOCK] = {0};
		if (!tp || !cells) {
			free(tp);
			free(cells);
			rc = GEO_ERROR(ctx, GEO_ERR_NOMEM, "Knox: out of memory for %zu events", n);
			goto out;
		}
		for (size_t s = 0; s < n; s++)
			for (int k = 0; k < BLOCK; k++)
				tp[s * BLOCK + k] = ti[s];
		count_block(&sh, tp, knox, cells);
		out->observed = knox[0];
		for (size_t c = 0; c < ncell; c++)
			out->cell_obs[c] = cells[c];
		for (uint32_t q = 0; q < pr.n; q++)
			out->pairs_space += (pr.band[q] & KNOX_CLOSE) != 0;
		free(tp);
		free(cells);
	}
	if (p->permutations == 0)
		goto out;
	sh.observed = out->observed;
	sh.obs_cells = out->cell_obs;
	sh.nblocks = (p->permutations + BLOCK - 1) / BLOCK;
	if (nthreads > sh.nblocks)
		nthreads = (int)sh.nblocks;
	sh.nthreads = nthreads;
	for (int k = 0; k < nthreads; k++) {
		wk[k].sh = &sh;
		wk[k].id = k;
		wk[k].cell_sum = geo_calloc(ncell ? ncell : 1, sizeof *wk[k].cell_sum);
		wk[k].cell_ge = geo_calloc(ncell ? ncell : 1, sizeof *wk[k].cell_ge);
		if (!wk[k].cell_sum || !wk[k].cell_ge) {
			rc = GEO_ERROR(ctx, GEO_ERR_NOMEM, "Knox: out of memory");
			goto out;
		}
	}
	{
		int started[16] = {0};
		for (int k = 1; k < nthreads; k++)
			started[k] = pthread_create(&tid[k], NULL, perm_worker, &wk[k]) == 0;
		perm_worker(&wk[0]);
		for (int k = 1; k < nthreads; k++) {
			if (started[k])
				pthread_join(tid[k], NULL);
			else
				perm_worker(&wk[k]);
		}
	}
	{
		double ksum = 0;
		long kge = 0;
		for (int k = 0; k < nthreads; k++) {
			if (wk[k].rc != GEO_OK) {
				rc = GEO_ERROR(ctx, wk[k].rc, "Knox: out of memory in a permutation worker");
				goto out;
			}
			ksum += wk[k].knox_sum;
			kge += wk[k].knox_ge;
		}
		out->expected = ksum / (double)p->permutations;
		out->ratio = out->expected > 0 ? (double)out->observed / out->expected : NAN;
		out->p_value = (1.0 + (double)kge) / (1.0 + (double)p->permutations);
		for (size_t c = 0; c < ncell; c++) {
			double s = 0;
			long ge = 0;
			for (int k = 0; k < nthreads; k++) {
				s += wk[k].cell_sum[c];
				ge += wk[k].cell_ge[c];
			}
			out->cell_exp[c] = s / (double)p->permutations;
			out->cell_p[c] = (1.0 + (double)ge) / (1.0 + (double)p->permutations);
		}
	}
out:
	for (int k = 0; k < 16; k++) {
		free(wk[k].cell_sum);
		free(wk[k].cell_ge);
	}
	free(pr.off);
	free(pr.j);
	free(pr.band);
	free(sx);
	free(sy);
	free(sorted);
	free(ti_in);
	free(ti);
	geo_grid_free(&g);
	if (rc != GEO_OK)
		geo_knox_result_free(out);
	return rc;
}
