/* test_knox.c — the Knox test and near-repeat table: exact counts on
 * hand-made events, the p-value separating data with and without a
 * planted space-time interaction, reproducibility (seed, thread count),
 * the PRNG, and bad parameters. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "geo/knox.h"

#define DAY 86400.0

static struct geo_knox_params params(double space, double time, long perms)
{
	struct geo_knox_params p;
	memset(&p, 0, sizeof p);
	p.space = space;
	p.time = time;
	p.permutations = perms;
	p.seed = 7;
	return p;
}

static void test_exact_counts(void **state)
{
	(void)state;
	geo_ctx *ctx = geo_ctx_new();
	/* a-b: 100 m, 2 d; a-c: 100 m, 10 d; b-c: 0 m... c is at b's point */
	double x[] = {0, 100, 100, 5000};
	double y[] = {0, 0, 0, 0};
	double t[] = {0, 2 * DAY, 10 * DAY, 1 * DAY};
	struct geo_knox_params p = params(100, 7 * DAY, 0);
	struct geo_knox_result r;
	p.space_bands[0] = 0;
	p.space_bands[1] = 100;
	p.n_space_bands = 2;
	p.time_bands[0] = 7 * DAY;
	p.n_time_bands = 1;
	assert_int_equal(geo_knox(ctx, 4, x, y, t, &p, &r), GEO_OK);
	assert_int_equal(r.n, 4);
	assert_int_equal(r.pairs_total, 6);
	assert_int_equal(r.pairs_space, 3);       /* a-b, a-c, b-c */
	assert_int_equal(r.observed, 1);          /* a-b: 100 m (inclusive) and 2 d */
	/* pairs within 7 d: a-b(2), a-d(1), b-d(1), c-b(8)? no; c-d(9) no, a-c(10) no */
	assert_int_equal(r.pairs_time, 3);
	assert_true(isnan(r.p_value));
	assert_int_equal(r.rows, 2);
	assert_int_equal(r.cols, 2);
	assert_int_equal(r.cell_obs[0 * 2 + 0], 0); /* same point, <= 7 d */
	assert_int_equal(r.cell_obs[0 * 2 + 1], 1); /* same point (b-c), 8 d */
	assert_int_equal(r.cell_obs[1 * 2 + 0], 1); /* (0,100], a-b */
	assert_int_equal(r.cell_obs[1 * 2 + 1], 1); /* (0,100], a-c */
	geo_knox_result_free(&r);
	/* fewer than two events: nothing to count, no error */
	assert_int_equal(geo_knox(ctx, 1, x, y, t, &p, &r), GEO_OK);
	assert_int_equal(r.observed, 0);
	geo_knox_result_free(&r);
	geo_ctx_free(ctx);
}

/* n events uniform over 40 km x 40 km x 2 years; with `planted`, every
 * tenth event is followed by a near repeat within 200 m and 3 days. */
static size_t make_events(uint64_t seed, int planted, double *x, double *y, double *t, size_t n)
{
	struct geo_rng r;
	size_t k = 0;
	geo_rng_seed(&r, seed, 99);
	while (k < n) {
		x[k] = 40000 * geo_rng_unit(&r);
		y[k] = 40000 * geo_rng_unit(&r);
		t[k] = 730 * DAY * geo_rng_unit(&r);
		k++;
		if (planted && k % 10 == 0 && k < n) {
			x[k] = x[k - 1] + 200 * (geo_rng_unit(&r) - 0.5);
			y[k] = y[k - 1] + 200 * (geo_rng_unit(&r) - 0.5);
			t[k] = t[k - 1] + 3 * DAY * geo_rng_unit(&r);
			k++;
		}
	}
	return k;
}

static void test_planted_interaction(void **state)
{
	(void)state;
	geo_ctx *ctx = geo_ctx_new();
	size_t n = 2000;
	double *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y), *t = malloc(n * sizeof *t);
	struct geo_knox_params p = params(300, 7 * DAY, 199);
	struct geo_knox_result with, without, again;
	p.space_bands[0] = 300;
	p.space_bands[1] = 1000;
	p.n_space_bands = 2;
	p.time_bands[0] = 7 * DAY;
	p.time_bands[1] = 30 * DAY;
	p.n_time_bands = 2;

	make_events(1, 1, x, y, t, n);
	assert_int_equal(geo_knox(ctx, n, x, y, t, &p, &with), GEO_OK);
	make_events(1, 0, x, y, t, n);
	assert_int_equal(geo_knox(ctx, n, x, y, t, &p, &without), GEO_OK);
	/* the interaction is found, and absent data is not flagged */
	assert_true(with.p_value <= 0.01);
	assert_true(with.ratio > 5);
	assert_true(without.p_value > 0.05);
	assert_true(without.ratio < 2);
	/* the near-repeat cell (<= 300 m, <= 7 d) carries it; far cells do not */
	assert_true(with.cell_p[0] <= 0.01);
	assert_true(with.cell_obs[0] == with.observed);
	assert_true(with.cell_p[1 * 3 + 2] > 0.01 || with.cell_obs[1 * 3 + 2] < with.cell_exp[1 * 3 + 2] * 2);
	/* p is (1 + #ge) / (N + 1): a multiple of 1/200 */
	assert_true(fabs(with.p_value * 200 - round(with.p_value * 200)) < 1e-9);

	/* the same seed gives the same answer with any number of threads */
	make_events(1, 1, x, y, t, n);
	p.threads = 1;
	assert_int_equal(geo_knox(ctx, n, x, y, t, &p, &again), GEO_OK);
	assert_true(again.expected == with.expected);
	assert_true(again.p_value == with.p_value);
	for (size_t c = 0; c < with.rows * with.cols; c++) {
		assert_true(again.cell_exp[c] == with.cell_exp[c]);
		assert_true(again.cell_p[c] == with.cell_p[c]);
	}
	geo_knox_result_free(&again);
	p.threads = 3;
	assert_int_equal(geo_knox(ctx, n, x, y, t, &p, &again), GEO_OK);
	assert_true(again.expected == with.expected);
	geo_knox_result_free(&again);
	/* another seed gives another (close) expectation */
	p.seed = 8;
	assert_int_equal(geo_knox(ctx, n, x, y, t, &p, &again), GEO_OK);
	assert_true(again.expected != with.expected);
	assert_true(fabs(again.expected - with.expected) < 0.2 * with.expected + 2);
	geo_knox_result_free(&again);

	geo_knox_result_free(&with);
	geo_knox_result_free(&without);
	free(x);
	free(y);
	free(t);
	geo_ctx_free(ctx);
}

static void test_rng(void **state)
{
	(void)state;
	struct geo_rng a, b;
	long hist[10] = {0};
	geo_rng_seed(&a, 5, 1);
	geo_rng_seed(&b, 5, 1);
	for (int i = 0; i < 100; i++)
		assert_true(geo_rng_next(&a) == geo_rng_next(&b));
	geo_rng_seed(&b, 5, 2);
	assert_true(geo_rng_next(&a) != geo_rng_next(&b));
	for (int i = 0; i < 100000; i++) {
		uint64_t v = geo_rng_below(&a, 10);
		assert_true(v < 10);
		hist[v]++;
	}
	for (int i = 0; i < 10; i++)
		assert_true(hist[i] > 9500 && hist[i] < 10500);
	for (int i = 0; i < 1000; i++) {
		double u = geo_rng_unit(&a);
		assert_true(u >= 0 && u < 1);
	}
}

static void test_bad_params(void **state)
{
	(void)state;
	geo_ctx *ctx = geo_ctx_new();
	double x[] = {0, 1}, y[] = {0, 1}, t[] = {0, 1};
	struct geo_knox_params p = params(100, DAY, 9);
	struct geo_knox_result r;
	p.permutations = -1;
	assert_int_equal(geo_knox(ctx, 2, x, y, t, &p, &r), GEO_ERR_INVALID);
	geo_ctx_clear_error(ctx);
	p = params(100, DAY, 9);
	p.space_bands[0] = 500;
	p.space_bands[1] = 100;
	p.n_space_bands = 2;
	assert_int_equal(geo_knox(ctx, 2, x, y, t, &p, &r), GEO_ERR_INVALID);
	assert_non_null(strstr(geo_ctx_error_message(ctx), "increasing"));
	geo_ctx_clear_error(ctx);
	p = params(100, DAY, 9);
	t[1] = 1e10; /* 300 years */
	assert_int_equal(geo_knox(ctx, 2, x, y, t, &p, &r), GEO_ERR_LIMIT);
	geo_ctx_clear_error(ctx);
	t[1] = NAN;
	assert_int_equal(geo_knox(ctx, 2, x, y, t, &p, &r), GEO_ERR_INVALID);
	geo_ctx_clear_error(ctx);
	geo_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exact_counts),
		cmocka_unit_test(test_planted_interaction),
		cmocka_unit_test(test_rng),
		cmocka_unit_test(test_bad_params),
	};
	return cmocka_run_group_tests_name("geo_knox", tests, NULL, NULL);
}
