/* test_stdbscan.c — ST-DBSCAN: hand-made clusters at the eps boundaries,
 * the AND of space and time, and label-for-label agreement with a brute
 * force DBSCAN written the way scikit-learn's is (cores first, clusters
 * grown from cores in input order) on random data, for all three
 * metrics and several thread counts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "geo/knox.h" /* geo_rng */
#include "geo/stdbscan.h"

static int neighbour(const struct geo_stdbscan_params *p, const double *x, const double *y,
                     const double *t, size_t i, size_t j)
{
	double dx = x[i] - x[j], dy = y[i] - y[j], d2 = dx * dx + dy * dy;
	if (p->metric == GEO_STDBSCAN_PLANE)
		return d2 <= p->eps_space * p->eps_space;
	if (p->metric == GEO_STDBSCAN_BALL) {
		double s = p->eps_space / p->eps_time, dt = t[i] * s - t[j] * s;
		return d2 + dt * dt <= p->eps_space * p->eps_space;
	}
	return d2 <= p->eps_space * p->eps_space && fabs(t[i] - t[j]) <= p->eps_time;
}

/* O(n^2) reference with scikit-learn's order of work */
static size_t reference(size_t n, const double *x, const double *y, const double *t,
                        const struct geo_stdbscan_params *p, int32_t *lab)
{
	char *core = calloc(n, 1);
	size_t *stack = malloc(n * n * sizeof *stack + 1);
	int32_t c = 0;
	for (size_t i = 0; i < n; i++) {
		size_t k = 0;
		for (size_t j = 0; j < n; j++)
			k += neighbour(p, x, y, t, i, j);
		core[i] = k >= p->min_points;
		lab[i] = -1;
	}
	for (size_t i = 0; i < n; i++) {
		size_t top = 0, q = i;
		if (lab[i] != -1 || !core[i])
			continue;
		for (;;) {
			if (lab[q] == -1) {
				lab[q] = c;
				if (core[q])
					for (size_t j = 0; j < n; j++)
						if (lab[j] == -1 && neighbour(p, x, y, t, q, j))
							stack[top++] = j;
			}
			if (!top)
				break;
			q = stack[--top];
		}
		c++;
	}
	free(stack);
	free(core);
	return (size_t)c;
}

static void test_handmade(void **state)
{
	(void)state;
	geo_ctx *ctx = geo_ctx_new();
	/* three strikes 500 m apart in a line within 30 days; a fourth at the
	 * same place 31 days later; a fifth 500.001 m away */
	double x[] = {0, 500, 1000, 1000, 1500.001};
	double y[] = {0, 0, 0, 0, 0};
	double t[] = {0, 86400, 2 * 86400, 33 * 86400, 2 * 86400};
	int32_t lab[5];
	size_t nc = 99;
	struct geo_stdbscan_params p = {.eps_space = 500, .eps_time = 30 * 86400.0, .min_points = 2,
	                                .metric = GEO_STDBSCAN_CYLINDER};
	assert_int_equal(geo_stdbscan(ctx, 5, x, y, t, &p, lab, &nc), GEO_OK);
	assert_int_equal(nc, 1);
	assert_int_equal(lab[0], 0);
	assert_int_equal(lab[1], 0);
	assert_int_equal(lab[2], 0);
	assert_int_equal(lab[3], GEO_STDBSCAN_NOISE); /* 31 days after its neighbour */
	assert_int_equal(lab[4], GEO_STDBSCAN_NOISE); /* 1 mm too far */
	/* min_points 3: x=0 has 2 neighbours (itself and x=500): a border point */
	p.min_points = 3;
	assert_int_equal(geo_stdbscan(ctx, 5, x, y, t, &p, lab, &nc), GEO_OK);
	assert_int_equal(nc, 1);
	assert_int_equal(lab[0], 0);
	/* min_points 4: nobody is a core */
	p.min_points = 4;
	assert_int_equal(geo_stdbscan(ctx, 5, x, y, t, &p, lab, &nc), GEO_OK);
	assert_int_equal(nc, 0);
	for (int i = 0; i < 5; i++)
		assert_int_equal(lab[i], GEO_STDBSCAN_NOISE);
	/* min_points 1: every point is in a cluster */
	p.min_points = 1;
	assert_int_equal(geo_stdbscan(ctx, 5, x, y, t, &p, lab, &nc), GEO_OK);
	assert_int_equal(nc, 3);
	/* the plane metric ignores time: point 3 joins */
	p.min_points = 2;
	p.metric = GEO_STDBSCAN_PLANE;
	assert_int_equal(geo_stdbscan(ctx, 5, x, y, NULL, &p, lab, &nc), GEO_OK);
	assert_int_equal(lab[3], 0);
	/* no points */
	assert_int_equal(geo_stdbscan(ctx, 0, x, y, t, &p, lab, &nc), GEO_OK);
	assert_int_equal(nc, 0);
	/* errors name the problem */
	p.eps_space = 0;
	assert_int_equal(geo_stdbscan(ctx, 5, x, y, t, &p, lab, &nc), GEO_ERR_INVALID);
	assert_non_null(strstr(geo_ctx_error_message(ctx), "eps-space"));
	geo_ctx_clear_error(ctx);
	p.eps_space = 500;
	p.metric = GEO_STDBSCAN_CYLINDER;
	t[2] = NAN;
	assert_int_equal(geo_stdbscan(ctx, 5, x, y, t, &p, lab, &nc), GEO_ERR_INVALID);
	assert_non_null(strstr(geo_ctx_error_message(ctx), "point 2"));
	geo_ctx_clear_error(ctx);
	t[2] = 0;
	x[4] = INFINITY;
	assert_int_equal(geo_stdbscan(ctx, 5, x, y, t, &p, lab, &nc), GEO_ERR_INVALID);
	geo_ctx_clear_error(ctx);
	geo_ctx_free(ctx);
}

static void test_against_reference(void **state)
{
	(void)state;
	geo_ctx *ctx = geo_ctx_new();
	struct geo_rng r;
	size_t n = 1500;
	double *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y), *t = malloc(n * sizeof *t);
	int32_t *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b);
	geo_rng_seed(&r, 42, 0);
	/* clumps around 12 centres plus uniform noise over 20 km x 20 km x 1 year */
	for (size_t i = 0; i < n; i++) {
		if (i % 3) {
			size_t c = geo_rng_below(&r, 12);
			x[i] = 1000.0 * (double)c + 300 * (geo_rng_unit(&r) - 0.5);
			y[i] = 700.0 * (double)(c % 5) + 300 * (geo_rng_unit(&r) - 0.5);
			t[i] = 86400.0 * (double)(c * 20) + 86400.0 * 40 * geo_rng_unit(&r);
		} else {
			x[i] = 20000 * geo_rng_unit(&r);
			y[i] = 20000 * geo_rng_unit(&r);
			t[i] = 86400.0 * 365 * geo_rng_unit(&r);
		}
	}
	for (int pass = 0; pass < 2; pass++) {
	if (pass == 1) /* dense: the plane metric's cells of eps/sqrt(2) hold mutual neighbours */
		for (size_t i = 0; i < n; i++) {
			x[i] = x[i] / 10;
			y[i] = y[i] / 10;
		}
	for (int m = 0; m < 3; m++)
		for (size_t mp = 2; mp <= 6; mp += 4)
			for (int th = 1; th <= 3; th++) {
				struct geo_stdbscan_params p = {.eps_space = 120, .eps_time = 10 * 86400.0,
				                                .min_points = mp, .metric = (enum geo_stdbscan_metric)m,
				                                .threads = th};
				size_t nc = 0, nr = reference(n, x, y, t, &p, b);
				assert_int_equal(geo_stdbscan(ctx, n, x, y, t, &p, a, &nc), GEO_OK);
				assert_int_equal(nc, nr);
				assert_true(nc >= 1);
				for (size_t i = 0; i < n; i++)
					assert_int_equal(a[i], b[i]);
			}
	}
	free(x);
	free(y);
	free(t);
	free(a);
	free(b);
	geo_ctx_free(ctx);
}

/* spread-out points force the grid to grow its cells (memory stays O(n)) */
static void test_sparse_extent(void **state)
{
	(void)state;
	geo_ctx *ctx = geo_ctx_new();
	double x[] = {0, 1e7, 1e7 + 10, -1e7, 5};
	double y[] = {0, 1e7, 1e7, -1e7, 0};
	double t[] = {0, 0, 0, 0, 0};
	int32_t lab[5];
	size_t nc;
	struct geo_stdbscan_params p = {.eps_space = 50, .eps_time = 1, .min_points = 2};
	assert_int_equal(geo_stdbscan(ctx, 5, x, y, t, &p, lab, &nc), GEO_OK);
	assert_int_equal(nc, 2);
	assert_int_equal(lab[0], 0);
	assert_int_equal(lab[4], 0);
	assert_int_equal(lab[1], 1);
	assert_int_equal(lab[2], 1);
	assert_int_equal(lab[3], GEO_STDBSCAN_NOISE);
	geo_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_handmade),
		cmocka_unit_test(test_against_reference),
		cmocka_unit_test(test_sparse_extent),
	};
	return cmocka_run_group_tests_name("geo_stdbscan", tests, NULL, NULL);
}
