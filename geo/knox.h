/* knox.h — space-time interaction: the Knox test and a near-repeat table.
 *
 * Knox (1964): X = the number of pairs of events close in space (planar
 * distance <= space) AND in time (|dt| <= time). Under no interaction the
 * times are exchangeable between places, so the reference distribution is
 * obtained by permuting the times over the events (Monte Carlo, Besag &
 * Diggle 1977); p = (1 + #{X_perm >= X}) / (1 + N).
 *
 * The near-repeat table (after Ratcliffe's Near Repeat Calculator and
 * Johnson & Bowers 2004) counts pairs per distance band x time band, with
 * the permutation mean as the expected count, observed/expected and a
 * one-sided p-value per cell.
 *
 * Pairs within the largest distance are found once on a grid (no O(n^2))
 * and kept as compact (j, band) records; only the times are permuted.
 * Permutations run in blocks of 8 over the pair list (one pass over the
 * pairs per block), spread over threads. Each permutation k draws from its
 * own xoshiro256** stream seeded from (seed, k), so results depend on the
 * seed only, never on the number of threads. */
#ifndef GEO_KNOX_H
#define GEO_KNOX_H

#include <stddef.h>
#include <stdint.h>
#include "geo/ctx.h"

#define GEO_KNOX_MAX_BANDS 16

struct geo_knox_params {
	double space;           /* metres: Knox closeness in space (inclusive) */
	double time;            /* seconds: Knox closeness in time (inclusive) */
	/* Band upper edges, strictly increasing: band 0 is [0, e0], band k is
	 * (e[k-1], e[k]]. Time has one more column for pairs beyond the last
	 * edge. n_*_bands may be 0 (no table). */
	double space_bands[GEO_KNOX_MAX_BANDS];  /* metres */
	size_t n_space_bands;
	double time_bands[GEO_KNOX_MAX_BANDS];   /* seconds */
	size_t n_time_bands;
	long permutations;      /* N >= 0; 0 gives the observed counts only */
	uint64_t seed;
	int threads;            /* <= 0 means 2 */
};

struct geo_knox_result {
	size_t n;               /* events tested */
	long long pairs_space;  /* pairs within `space` */
	long long pairs_time;   /* pairs within `time` (all pairs, computed exactly) */
	long long pairs_total;  /* n(n-1)/2 */
	long long observed;     /* the Knox statistic X */
	double expected;        /* mean of X over the permutations (NAN when N = 0) */
	double ratio;           /* observed / expected (NAN when expected is 0 or N = 0) */
	double p_value;         /* (1 + #{X_perm >= X}) / (1 + N) (NAN when N = 0) */
	long permutations;
	uint64_t seed;
	/* near-repeat table, rows = space bands, cols = time bands + 1; owned */
	size_t rows, cols;
	long long *cell_obs;
	double *cell_exp;
	double *cell_p;
};

/* Run the test on n events (x, y metres; t seconds). The times must span
 * less than 68 years (GEO_ERR_LIMIT). Fills *out (free with
 * geo_knox_result_free()). Errors: GEO_ERR_INVALID for bad parameters or
 * non-finite values, GEO_ERR_NOMEM. */
enum geo_status geo_knox(geo_ctx *ctx, size_t n, const double *x, const double *y,
                         const double *t, const struct geo_knox_params *p,
                         struct geo_knox_result *out) GEO_WUR;

void geo_knox_result_free(struct geo_knox_result *r);

/* The pseudo-random generator (xoshiro256**, Blackman & Vigna), exposed
 * for the benchmarks and tests. */
struct geo_rng {
	uint64_t s[4];
};
void geo_rng_seed(struct geo_rng *r, uint64_t seed, uint64_t stream);
uint64_t geo_rng_next(struct geo_rng *r);
/* Uniform in [0, bound) without modulo bias. */
uint64_t geo_rng_below(struct geo_rng *r, uint64_t bound);
/* Uniform double in [0, 1). */
double geo_rng_unit(struct geo_rng *r);

#endif
