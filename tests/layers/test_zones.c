/* test_zones.c — base layers and de-escalation zones: the polygons load
 * from a gazetteer's admin_areas, known towns fall in the right zone, the
 * store's zone column is set by point-in-polygon, and the failure paths
 * (no gazetteer, a zone sub-district missing) name what is wrong. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "layers/base.h"
#include "layers/zones.h"
#include "tests/test_util.h"
#include "tests/layers/fixture.h"

static char dir[256];
static const char *gaz;

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "%s", test_tmpdir());
	gaz = fixture_gazetteer(dir);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	test_rmtree(dir);
	return 0;
}

/* Town points (WGS84) checked against the OCHA sub-district polygons. */
static const struct {
	const char *town;
	double lon, lat;
	const char *zone; /* NULL: outside every zone */
} towns[] = {
	{"Douma", 36.4016, 33.5711, "eastern_ghouta"},
	{"Hamouriya", 36.3611, 33.5222, "eastern_ghouta"},
	{"Saraqeb", 36.8007, 35.8624, "idlib"},
	{"Idlib city", 36.6333, 35.9306, "idlib"},
	{"Kafr Zita (northern Hama)", 36.6027, 35.3744, "idlib"},
	{"Talbiseh", 36.7307, 34.8406, "northern_homs"},
	{"Ar-Rastan", 36.7325, 34.9266, "northern_homs"},
	{"Dar'a city", 36.1021, 32.6189, "south"},
	{"Damascus city", 36.2913, 33.5138, NULL},
	{"Aleppo city", 37.1612, 36.2021, NULL},
	{"Homs city", 36.7167, 34.7333, NULL},
	{"Latakia city", 35.7833, 35.5167, NULL},
	{"Raqqa", 39.0167, 35.95, NULL},
};

static void test_zone_definitions(void **state)
{
	(void)state;
	geo_ctx *ctx = geo_ctx_new();
	geo_zones *z = geo_zones_load(ctx, NULL); /* definitions only */
	assert_non_null(z);
	assert_int_equal(geo_zones_count(z), 4);
	assert_string_equal(geo_zones_get(z, 0)->id, "idlib");
	assert_string_equal(geo_zones_get(z, 1)->id, "northern_homs");
	assert_string_equal(geo_zones_get(z, 2)->id, "eastern_ghouta");
	assert_string_equal(geo_zones_get(z, 3)->id, "south");
	for (size_t i = 0; i < 4; i++) {
		const struct geo_zone *zz = geo_zones_get(z, i);
		assert_true(zz->n_pcodes >= 4);
		for (size_t k = 0; k < zz->n_pcodes; k++) {
			assert_int_equal(strlen(zz->pcodes[k]), 8);
			assert_true(strlen(zz->why[k]) > 0);
		}
	}
	/* all 26 Idlib sub-districts are in zone 1 */
	size_t idlib = 0;
	for (size_t k = 0; k < geo_zones_get(z, 0)->n_pcodes; k++)
		idlib += strncmp(geo_zones_get(z, 0)->pcodes[k], "SY07", 4) == 0;
	assert_int_equal(idlib, 26);
	assert_non_null(strstr(geo_zones_csv, "APPROXIMATE"));
	/* locating without polygons is refused, not guessed */
	enum geo_status st;
	assert_null(geo_zones_locate(ctx, z, 36.4, 33.57, &st));
	assert_int_equal(st, GEO_ERR_INVALID);
	geo_zones_free(ctx, z);
	geo_ctx_free(ctx);
}

static void test_base_layers(void **state)
{
	(void)state;
	if (!gaz)
		skip();
	geo_ctx *ctx = geo_ctx_new();
	geo_base *b = geo_base_load(ctx, gaz, 1u << GEO_ADMIN_GOVERNORATE | 1u << GEO_ADMIN_SUBDISTRICT);
	assert_non_null(b);
	assert_int_equal(geo_base_count(b, GEO_ADMIN_GOVERNORATE), 14);
	assert_int_equal(geo_base_count(b, GEO_ADMIN_SUBDISTRICT), 272);
	const struct geo_base_area *idlib = geo_base_find(b, "SY07");
	assert_non_null(idlib);
	assert_string_equal(idlib->name_en, "Idleb");
	assert_non_null(idlib->name_ar);
	const GEOSGeometry *country = geo_base_country(ctx, b);
	assert_non_null(country);
	double area = 0;
	assert_int_equal(GEOSArea_r(geo_ctx_geos(ctx), country, &area), 1);
	assert_true(area > 17.0 && area < 19.5); /* ~185,000 km2 in square degrees */
	geo_base_free(ctx, b);

	/* missing gazetteer: NOTFOUND naming the path */
	assert_null(geo_base_load(ctx, "/nonexistent/gaz.sqlite", 1u << GEO_ADMIN_GOVERNORATE));
	assert_int_equal(geo_ctx_error_code(ctx), GEO_ERR_NOTFOUND);
	assert_non_null(strstr(geo_ctx_error_message(ctx), "/nonexistent/gaz.sqlite"));
	geo_ctx_free(ctx);
}

static void test_towns_in_zones(void **state)
{
	(void)state;
	if (!gaz)
		skip();
	geo_ctx *ctx = geo_ctx_new();
	geo_base *b = geo_base_load(ctx, gaz, 1u << GEO_ADMIN_SUBDISTRICT);
	assert_non_null(b);
	geo_zones *z = geo_zones_load(ctx, b);
	assert_non_null(z);
	for (size_t i = 0; i < sizeof towns / sizeof towns[0]; i++) {
		enum geo_status st;
		const char *got = geo_zones_locate(ctx, z, towns[i].lon, towns[i].lat, &st);
		assert_int_equal(st, GEO_OK);
		if (towns[i].zone == NULL && got)
			fail_msg("%s: wanted no zone, got %s", towns[i].town, got);
		if (towns[i].zone && (!got || strcmp(got, towns[i].zone) != 0))
			fail_msg("%s: wanted %s, got %s", towns[i].town, towns[i].zone, got ? got : "none");
	}
	geo_zones_free(ctx, z);
	geo_base_free(ctx, b);
	geo_ctx_free(ctx);
}

static void test_assign_store(void **state)
{
	(void)state;
	if (!gaz)
		skip();
	geo_ctx *ctx = geo_ctx_new();
	geo_store *st = geo_store_open(ctx, test_path(dir, "zones.sqlite"), 1);
	assert_non_null(st);
	for (size_t i = 0; i < sizeof towns / sizeof towns[0]; i++) {
		char id[16];
		snprintf(id, sizeof id, "t%02zu", i);
		fixture_incident(st, id, "2018-01-20", towns[i].town, "hospital", "regime", 1,
		                 towns[i].lon, towns[i].lat);
	}
	fixture_incident(st, "unlocated", "2018-01-21", "nowhere", "other", NULL, 0, 0, 0);
	long n_in = -1;
	assert_int_equal(geo_zones_assign_count(ctx, st, gaz, &n_in), GEO_OK);
	assert_int_equal(n_in, 8);
	struct geo_incident_list l = {0};
	assert_int_equal(geo_store_load_incidents(st, NULL, &l), GEO_OK);
	assert_int_equal(l.n, sizeof towns / sizeof towns[0] + 1);
	for (size_t k = 0; k < l.n; k++) {
		const struct geo_incident *inc = &l.v[k];
		if (strcmp(inc->id, "unlocated") == 0) {
			assert_null(inc->zone);
			continue;
		}
		size_t i = (size_t)atoi(inc->id + 1);
		if (towns[i].zone)
			assert_string_equal(inc->zone, towns[i].zone);
		else
			assert_null(inc->zone);
	}
	geo_incident_list_free(&l);

	/* inside the caller's transaction too */
	assert_int_equal(geo_store_begin(st), GEO_OK);
	assert_int_equal(geo_zones_assign(ctx, st, gaz), GEO_OK);
	assert_int_equal(geo_store_commit(st), GEO_OK);

	/* a gazetteer without polygons: refused, store unchanged */
	assert_int_equal(geo_zones_assign(ctx, st, "/nonexistent/gaz.sqlite"), GEO_ERR_NOTFOUND);
	geo_ctx_clear_error(ctx);
	long zoned = 0;
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(geo_store_db(st),
	                     "SELECT count(*) FROM incidents WHERE zone IS NOT NULL", -1, &s, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	zoned = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	assert_int_equal(zoned, 8);

	/* a reduced gazetteer (no polygons): not an error, zones left as they
	 * are, a warning, n_in -1 */
	{
		sqlite3 *db;
		const char *reduced = test_path(dir, "reduced.sqlite");
		assert_int_equal(sqlite3_open(reduced, &db), SQLITE_OK);
		assert_int_equal(sqlite3_exec(db, "CREATE TABLE places (id INTEGER)", NULL, NULL, NULL),
		                 SQLITE_OK);
		sqlite3_close(db);
		geo_ctx_clear_warnings(ctx);
		n_in = 0;
		assert_int_equal(geo_zones_assign_count(ctx, st, reduced, &n_in), GEO_OK);
		assert_int_equal(n_in, -1);
		assert_int_equal(geo_ctx_warning_count(ctx), 1);
		assert_non_null(strstr(geo_ctx_warning(ctx, 0), "no sub-district polygons"));
		geo_ctx_clear_warnings(ctx);
	}
	assert_int_equal(sqlite3_prepare_v2(geo_store_db(st),
	                     "SELECT count(*) FROM incidents WHERE zone IS NOT NULL", -1, &s, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(s, 0), 8);
	sqlite3_finalize(s);

	/* a zone's sub-district missing from the gazetteer: NOTFOUND naming it */
	{
		sqlite3 *db;
		void *cache = spatialite_alloc_connection();
		assert_int_equal(sqlite3_open(gaz, &db), SQLITE_OK);
		spatialite_init_ex(db, cache, 0);
		assert_int_equal(sqlite3_exec(db, "CREATE TABLE keep AS SELECT * FROM admin_areas WHERE"
		                                  " pcode='SY030201'; DELETE FROM admin_areas WHERE"
		                                  " pcode='SY030201'", NULL, NULL, NULL), SQLITE_OK);
		assert_int_equal(geo_zones_assign(ctx, st, gaz), GEO_ERR_NOTFOUND);
		assert_non_null(strstr(geo_ctx_error_message(ctx), "SY030201"));
		assert_non_null(strstr(geo_ctx_error_message(ctx), "eastern_ghouta"));
		geo_ctx_clear_error(ctx);
		assert_int_equal(sqlite3_exec(db, "INSERT INTO admin_areas SELECT * FROM keep;"
		                                  " DROP TABLE keep", NULL, NULL, NULL), SQLITE_OK);
		sqlite3_close(db);
		spatialite_cleanup_ex(cache);
	}
	geo_store_close(st);
	geo_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_zone_definitions),
		cmocka_unit_test(test_base_layers),
		cmocka_unit_test(test_towns_in_zones),
		cmocka_unit_test(test_assign_store),
	};
	return cmocka_run_group_tests_name("layers_zones", tests, setup, teardown);
}
