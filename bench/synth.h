/* synth.h — the synthetic strike record both benchmarks use: n events in
 * UTM 37N metres over a Syria-sized box (600 km x 550 km) and 10 years.
 * Strikes concentrate like the real record: 3,000 towns with Zipf(1)
 * weights (a few cities take most strikes), a Gaussian spread of 2 km
 * around each town, and half of each town's strikes in campaigns (five
 * 45-day windows per town). Deterministic for a seed (xoshiro256**). */
#ifndef BENCH_SYNTH_H
#define BENCH_SYNTH_H

#include <math.h>
#include <stdlib.h>
#include "geo/knox.h"

#define SYNTH_TOWNS 3000
#define SYNTH_YEARS 10

static inline void synth_events(size_t n, uint64_t seed, double *x, double *y, double *t)
{
	struct geo_rng r;
	double *tx = malloc(SYNTH_TOWNS * sizeof *tx), *ty = malloc(SYNTH_TOWNS * sizeof *ty);
	double *cum = malloc(SYNTH_TOWNS * sizeof *cum), *camp = malloc(SYNTH_TOWNS * 5 * sizeof *camp);
	double span = SYNTH_YEARS * 365.0 * 86400.0, total = 0;
	if (!tx || !ty || !cum || !camp)
		abort();
	geo_rng_seed(&r, seed, 0x5eed);
	for (size_t k = 0; k < SYNTH_TOWNS; k++) {
		tx[k] = 250000 + 600000 * geo_rng_unit(&r);
		ty[k] = 3580000 + 550000 * geo_rng_unit(&r);
		total += 1.0 / (double)(k + 1);
		cum[k] = total;
		for (int c = 0; c < 5; c++)
			camp[k * 5 + c] = (span - 45 * 86400.0) * geo_rng_unit(&r);
	}
	for (size_t i = 0; i < n; i++) {
		double u = geo_rng_unit(&r) * total, g1, g2, rad;
		size_t lo = 0, hi = SYNTH_TOWNS - 1;
		while (lo < hi) { /* the town: inverse of the Zipf cumulative weights */
			size_t mid = (lo + hi) / 2;
			if (cum[mid] < u)
				lo = mid + 1;
			else
				hi = mid;
		}
		do
			g1 = geo_rng_unit(&r);
		while (g1 <= 0);
		g2 = geo_rng_unit(&r);
		rad = 2000 * sqrt(-2 * log(g1));
		x[i] = tx[lo] + rad * cos(2 * M_PI * g2);
		y[i] = ty[lo] + rad * sin(2 * M_PI * g2);
		if (geo_rng_unit(&r) < 0.5)
			t[i] = camp[lo * 5 + geo_rng_below(&r, 5)] + 45 * 86400.0 * geo_rng_unit(&r);
		else
			t[i] = span * geo_rng_unit(&r);
		t[i] = floor(t[i]); /* whole seconds, like the record */
	}
	free(tx);
	free(ty);
	free(cum);
	free(camp);
}

#endif
