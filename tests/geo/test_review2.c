/* test_review2.c — review findings on the GeoJSON duplicate-key scan:
 * a root key "features" given twice must be refused even when the first
 * (discarded by json-c) array holds a feature with a repeated key; the scan
 * used to stop at that inner repetition, report it against a feature number
 * of the array json-c kept, and so accept the file silently when the kept
 * array is shorter (its features were dropped without a word). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "geo/reader.h"
#include "tests/test_util.h"

#define PT "\"geometry\":{\"type\":\"Point\",\"coordinates\":[36.63,35.93]}"
#define DUPF "{\"type\":\"Feature\"," PT ",\"properties\":{\"id\":\"x\",\"date\":\"2018-01-05\"," \
             "\"date\":\"2018-01-09\"}}"
#define GOODF "{\"type\":\"Feature\"," PT ",\"properties\":{\"id\":\"g\",\"date\":\"2018-01-06\"}}"

static void expect_features_twice(const char *text)
{
	geo_ctx *ctx = geo_ctx_new();
	struct geo_incident_list l = {0};
	enum geo_status st =
	    geo_read_incidents_mem(ctx, "t.geojson", text, strlen(text), GEO_INPUT_GEOJSON, &l);
	assert_int_not_equal(st, GEO_OK);
	assert_non_null(strstr(geo_ctx_error_message(ctx), "\"features\" appears twice"));
	assert_int_equal(l.n, 0);
	geo_incident_list_free(&l);
	geo_ctx_free(ctx);
}

/* the kept array is empty: the file was accepted with no incident */
static void test_features_twice_inner_dup_kept_empty(void **state)
{
	(void)state;
	expect_features_twice("{\"type\":\"FeatureCollection\",\"features\":[" DUPF "],"
	                      "\"features\":[]}");
}

/* the kept array is shorter than the inner repetition's feature number */
static void test_features_twice_inner_dup_kept_shorter(void **state)
{
	(void)state;
	expect_features_twice("{\"type\":\"FeatureCollection\",\"features\":[" GOODF "," DUPF "],"
	                      "\"features\":[" GOODF "]}");
}

/* the kept array is long enough: refused, but for the right reason (the
 * inner repetition is in an array that is thrown away) */
static void test_features_twice_inner_dup_kept_longer(void **state)
{
	(void)state;
	expect_features_twice("{\"type\":\"FeatureCollection\",\"features\":[" DUPF "],"
	                      "\"features\":[" GOODF "]}");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_features_twice_inner_dup_kept_empty),
		cmocka_unit_test(test_features_twice_inner_dup_kept_shorter),
		cmocka_unit_test(test_features_twice_inner_dup_kept_longer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
