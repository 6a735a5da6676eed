/* knox_bench.c — the Knox test with N permutations on n synthetic events
 * (synth.h), with the defaults of `strikemap repeats` (500 m, 30 days,
 * near-repeat bands 0/125/250/500 m x 7.5/15/30/60 days).
 *
 *   knox_bench N PERMUTATIONS THREADS [SEED] */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "bench/synth.h"
#include "geo/knox.h"

/* CPU seconds of the process (user + system, all threads): a fair
 * figure when other work shares the machine. */
static double cpu_seconds(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6 +
	       (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec * 1e-6;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
	size_t n;
	struct geo_knox_params p = {0};
	struct geo_knox_result r;
	double *x, *y, *t, t0, t1, c0, c1;
	struct rusage ru;
	geo_ctx *ctx = geo_ctx_new();
	if (argc < 4 || !ctx) {
		fprintf(stderr, "usage: knox_bench N PERMUTATIONS THREADS [SEED]\n");
		return 2;
	}
	n = strtoull(argv[1], NULL, 10);
	x = malloc(n * sizeof *x);
	y = malloc(n * sizeof *y);
	t = malloc(n * sizeof *t);
	if (!x || !y || !t)
		return 1;
	synth_events(n, argc > 4 ? strtoull(argv[4], NULL, 10) : 1, x, y, t);
	p.space = 500;
	p.time = 30 * 86400.0;
	p.permutations = atol(argv[2]);
	p.threads = atoi(argv[3]);
	p.seed = 1;
	double sb[] = {0, 125, 250, 500}, tb[] = {7.5 * 86400, 15 * 86400, 30 * 86400, 60 * 86400};
	for (int k = 0; k < 4; k++) {
		p.space_bands[k] = sb[k];
		p.time_bands[k] = tb[k];
	}
	p.n_space_bands = p.n_time_bands = 4;
	c0 = cpu_seconds();
	t0 = now();
	if (geo_knox(ctx, n, x, y, t, &p, &r) != GEO_OK) {
		fprintf(stderr, "knox: %s\n", geo_ctx_error_message(ctx));
		return 1;
	}
	t1 = now();
	c1 = cpu_seconds();
	getrusage(RUSAGE_SELF, &ru);
	printf("impl=strikemap knox n=%zu permutations=%ld threads=%d seconds=%.3f cpu_seconds=%.3f"
	       " pairs_within_500m=%lld observed=%lld expected=%.1f ratio=%.3f p=%.4f peak_rss_bytes=%ld\n",
	       n, p.permutations, p.threads, t1 - t0, c1 - c0,
	       r.pairs_space, r.observed, r.expected, r.ratio, r.p_value, ru.ru_maxrss * 1024L);
	geo_knox_result_free(&r);
	free(x);
	free(y);
	free(t);
	geo_ctx_free(ctx);
	return 0;
}
