/* stdbscan_bench.c — ST-DBSCAN at scale (bench/run.sh drives it).
 *
 *   stdbscan_bench gen N SEED OUT.bin [OUT.csv]
 *       write N synthetic events (synth.h) as float64 rows x,y,t (and CSV
 *       "id,x,y,t" for PostGIS)
 *   stdbscan_bench run IN.bin METRIC EPS_SPACE EPS_TIME MIN_PTS [LABELS.out] [FIRST_N]
 *       METRIC: cylinder (ST-DBSCAN), ball (time scaled to the space
 *       threshold, as scikit-learn gets it), plane (space only, as
 *       PostGIS ST_ClusterDBSCAN). Prints one line of key=value: seconds,
 *       clusters, noise, peak RSS and bytes per event (peak RSS / n, the
 *       whole process: input arrays, labels, index, libraries). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "bench/synth.h"
#include "geo/stdbscan.h"

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

static long peak_rss_bytes(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss * 1024L;
}

static int gen(int argc, char **argv)
{
	size_t n = strtoull(argv[2], NULL, 10);
	uint64_t seed = strtoull(argv[3], NULL, 10);
	double *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y), *t = malloc(n * sizeof *t);
	FILE *f;
	if (!x || !y || !t)
		return 1;
	synth_events(n, seed, x, y, t);
	f = fopen(argv[4], "wb");
	if (!f)
		return perror(argv[4]), 1;
	for (size_t i = 0; i < n; i++) {
		double row[3] = {x[i], y[i], t[i]};
		if (fwrite(row, sizeof row, 1, f) != 1)
			return perror(argv[4]), 1;
	}
	if (fclose(f))
		return perror(argv[4]), 1;
	if (argc > 5) {
		f = fopen(argv[5], "w");
		if (!f)
			return perror(argv[5]), 1;
		for (size_t i = 0; i < n; i++)
			fprintf(f, "%zu,%.3f,%.3f,%.0f\n", i, x[i], y[i], t[i]);
		if (fclose(f))
			return perror(argv[5]), 1;
	}
	free(x);
	free(y);
	free(t);
	return 0;
}

static int run(int argc, char **argv)
{
	const char *metric = argv[3];
	struct geo_stdbscan_params p = {0};
	FILE *f = fopen(argv[2], "rb");
	size_t n, nc = 0, noise = 0, limit = argc > 8 ? strtoull(argv[8], NULL, 10) : 0;
	double *x, *y, *t, t0, t1, c0, c1;
	int32_t *lab;
	long base;
	geo_ctx *ctx = geo_ctx_new();
	if (!f || !ctx)
		return perror(argv[2]), 1;
	fseek(f, 0, SEEK_END);
	n = (size_t)ftell(f) / (3 * sizeof(double));
	fseek(f, 0, SEEK_SET);
	if (limit && limit < n)
		n = limit;
	base = peak_rss_bytes();
	x = malloc(n * sizeof *x);
	y = malloc(n * sizeof *y);
	t = malloc(n * sizeof *t);
	lab = malloc(n * sizeof *lab);
	if (!x || !y || !t || !lab)
		return 1;
	for (size_t i = 0; i < n; i++) {
		double row[3];
		if (fread(row, sizeof row, 1, f) != 1)
			return fprintf(stderr, "%s: short read\n", argv[2]), 1;
		x[i] = row[0];
		y[i] = row[1];
		t[i] = row[2];
	}
	fclose(f);
	p.eps_space = atof(argv[4]);
	p.eps_time = atof(argv[5]);
	p.min_points = strtoull(argv[6], NULL, 10);
	p.threads = 2;
	p.metric = strcmp(metric, "ball") == 0    ? GEO_STDBSCAN_BALL
	           : strcmp(metric, "plane") == 0 ? GEO_STDBSCAN_PLANE
	                                          : GEO_STDBSCAN_CYLINDER;
	c0 = cpu_seconds();
	t0 = now();
	if (geo_stdbscan(ctx, n, x, y, t, &p, lab, &nc) != GEO_OK) {
		fprintf(stderr, "stdbscan: %s\n", geo_ctx_error_message(ctx));
		return 1;
	}
	t1 = now();
	c1 = cpu_seconds();
	for (size_t i = 0; i < n; i++)
		noise += lab[i] < 0;
	printf("impl=strikemap metric=%s n=%zu seconds=%.3f cpu_seconds=%.3f clusters=%zu noise=%zu peak_rss_bytes=%ld"
	       " bytes_per_event=%.1f process_baseline_bytes=%ld\n",
	       metric, n, t1 - t0, c1 - c0, nc, noise, peak_rss_bytes(), (double)peak_rss_bytes() / (double)n, base);
	if (argc > 7 && strcmp(argv[7], "-") != 0) {
		f = fopen(argv[7], "wb");
		if (!f || fwrite(lab, sizeof *lab, n, f) != n || fclose(f))
			return perror(argv[7]), 1;
	}
	free(x);
	free(y);
	free(t);
	free(lab);
	geo_ctx_free(ctx);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 5 && strcmp(argv[1], "gen") == 0)
		return gen(argc, argv);
	if (argc >= 7 && strcmp(argv[1], "run") == 0)
		return run(argc, argv);
	fprintf(stderr, "usage: stdbscan_bench gen N SEED OUT.bin [OUT.csv]\n"
	                "       stdbscan_bench run IN.bin cylinder|ball|plane EPS_SPACE EPS_TIME MIN_PTS [LABELS.out|-] [FIRST_N]\n");
	return 2;
}
