/* test_reader_point_check.c — geo_read_incidents_*_opts with a point
 * check: called once per row that gives a point, after the row is valid,
 * with the row's place and the columns (as written) or "geometry" that
 * gave the point; its warnings kept; it replaces the bounding-box warning;
 * a failing check refuses the file and leaves the list as it was. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "geo/reader.h"
#include "tests/test_util.h"

struct calls {
	int n;
	char where[8][128];
	char field[8][128];
	char id[8][64];
	double lon[8], lat[8];
	enum geo_status fail_with; /* GEO_OK: pass */
	int set_error;             /* with fail_with: set the context error too */
};

static enum geo_status check(void *user, geo_ctx *ctx, const char *where, const char *field,
                             const struct geo_incident *inc)
{
	struct calls *c = user;
	int k = c->n++;
	if (k < 8) {
		snprintf(c->where[k], sizeof c->where[k], "%s", where);
		snprintf(c->field[k], sizeof c->field[k], "%s", field);
		snprintf(c->id[k], sizeof c->id[k], "%s", inc->id);
		c->lon[k] = inc->lon;
		c->lat[k] = inc->lat;
	}
	geo_ctx_warn(ctx, "checked %s", inc->id);
	if (c->fail_with != GEO_OK && c->set_error)
		return GEO_ERROR(ctx, c->fail_with, "%s: the check says no", where);
	return c->fail_with;
}

static const char *CSV = "id,date,Longitude,LAT,place\n"
                         "a,2018-01-02,35.93,36.63,Idlib\n"   /* swapped, inside the bbox */
                         "b,2018-01-03,,,Douma\n"             /* no point: no call */
                         "c,2018-01-04,2.35,48.85,Paris\n";   /* outside the bbox */

static void test_csv_calls(void **state)
{
	(void)state;
	geo_ctx *ctx = geo_ctx_new();
	struct geo_incident_list l = {0};
	struct calls c = {0};
	struct geo_read_options opt = {check, &c};
	assert_int_equal(geo_read_incidents_mem_opts(ctx, "t.csv", CSV, strlen(CSV), GEO_INPUT_CSV,
	                                             &opt, &l), GEO_OK);
	assert_int_equal(l.n, 3);
	assert_int_equal(c.n, 2);
	assert_string_equal(c.where[0], "t.csv:2");
	assert_string_equal(c.field[0], "columns \"Longitude\"/\"LAT\"");
	assert_string_equal(c.id[0], "a");
	assert_true(c.lon[0] == 35.93 && c.lat[0] == 36.63); /* as given, not swapped */
	assert_string_equal(c.where[1], "t.csv:4");
	assert_string_equal(c.id[1], "c");
	/* the check's warnings, and no bounding-box warning: the check replaces it */
	assert_int_equal(geo_ctx_warning_count(ctx), 2);
	assert_string_equal(geo_ctx_warning(ctx, 0), "checked a");
	assert_string_equal(geo_ctx_warning(ctx, 1), "checked c");
	/* the records keep the point as given */
	assert_true(l.v[0].has_point && l.v[0].lon == 35.93 && l.v[0].lat == 36.63);
	geo_incident_list_free(&l);
	geo_ctx_free(ctx);

	/* without a check: the bounding-box warning, for Paris only (the
	 * swapped Idlib point is inside the box: only the border can tell) */
	ctx = geo_ctx_new();
	assert_int_equal(geo_read_incidents_mem(ctx, "t.csv", CSV, strlen(CSV), GEO_INPUT_CSV, &l),
	                 GEO_OK);
	assert_int_equal(geo_ctx_warning_count(ctx), 1);
	assert_string_equal(geo_ctx_warning(ctx, 0),
	                    "t.csv:4: incident c: the point (2.350000, 48.850000) is outside Syria");
	geo_incident_list_free(&l);
	geo_ctx_free(ctx);
}

static void test_geojson_calls(void **state)
{
	(void)state;
	const char *text =
		"{\"type\":\"FeatureCollection\",\"features\":[\n"
		"{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[35.93,36.63]},"
		"\"properties\":{\"id\":\"g1\",\"date\":\"2018-01-02\"}},\n"
		"{\"type\":\"Feature\",\"geometry\":null,\"properties\":{\"id\":\"g2\",\"date\":\"2018-01-02\","
		"\"lon\":36.63,\"lat\":35.93}},\n"
		"{\"type\":\"Feature\",\"geometry\":null,\"properties\":{\"id\":\"g3\",\"date\":\"2018-01-02\"}}]}";
	geo_ctx *ctx = geo_ctx_new();
	struct geo_incident_list l = {0};
	struct calls c = {0};
	struct geo_read_options opt = {check, &c};
	assert_int_equal(geo_read_incidents_mem_opts(ctx, "t.geojson", text, strlen(text),
	                                             GEO_INPUT_GEOJSON, &opt, &l), GEO_OK);
	assert_int_equal(l.n, 3);
	assert_int_equal(c.n, 2);
	assert_string_equal(c.where[0], "t.geojson: feature 1");
	assert_string_equal(c.field[0], "geometry");
	assert_string_equal(c.where[1], "t.geojson: feature 2");
	assert_string_equal(c.field[1], "properties \"lon\"/\"lat\"");
	geo_incident_list_free(&l);
	geo_ctx_free(ctx);
}

static void test_failing_check_refuses(void **state)
{
	(void)state;
	for (int set_error = 0; set_error < 2; set_error++) {
		geo_ctx *ctx = geo_ctx_new();
		struct geo_incident_list l = {0};
		struct calls c = {0};
		struct geo_read_options opt = {check, &c};
		assert_int_equal(geo_read_incidents_mem(ctx, "k.csv", "id,date\nkeep,2018-01-01\n", 23,
		                                        GEO_INPUT_CSV, &l), GEO_OK);
		c.fail_with = GEO_ERR_GEOS;
		c.set_error = set_error;
		assert_int_equal(geo_read_incidents_mem_opts(ctx, "t.csv", CSV, strlen(CSV), GEO_INPUT_CSV,
		                                             &opt, &l), GEO_ERR_GEOS);
		assert_int_equal(c.n, 1); /* stopped at the first point */
		assert_string_equal(geo_ctx_error_message(ctx), set_error ? "t.csv:2: the check says no"
		                                                          : "t.csv:2: checking the point failed");
		assert_int_equal(l.n, 1);
		assert_string_equal(l.v[0].id, "keep");
		geo_incident_list_free(&l);
		geo_ctx_free(ctx);
	}
}

/* The options from a file too (geo_read_incidents_opts). */
static void test_file_opts(void **state)
{
	(void)state;
	const char *dir = test_tmpdir();
	const char *path = test_path(dir, "p.csv");
	test_write_file(path, CSV);
	geo_ctx *ctx = geo_ctx_new();
	struct geo_incident_list l = {0};
	struct calls c = {0};
	struct geo_read_options opt = {check, &c};
	assert_int_equal(geo_read_incidents_opts(ctx, path, "p.csv", GEO_INPUT_AUTO, &opt, &l), GEO_OK);
	assert_int_equal(c.n, 2);
	assert_string_equal(c.where[0], "p.csv:2");
	geo_incident_list_free(&l);
	geo_ctx_free(ctx);
	test_rmtree(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_calls),
		cmocka_unit_test(test_geojson_calls),
		cmocka_unit_test(test_failing_check_refuses),
		cmocka_unit_test(test_file_opts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
