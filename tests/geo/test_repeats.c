/* test_repeats.c — repeated strikes: facility identity (registry id,
 * normalised name in one town), never merging two facilities of a town
 * geocoded to its centroid, ST-DBSCAN at the eps boundaries, month-only
 * dates, the store tables, the Knox wiring, and the planar frame's error
 * against the geodesic over Syria. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <json-c/json.h>

#include "geo/repeats.h"
#include "tests/geo/analysis_fixture.h"

#define LON 36.80
#define LAT 35.86

static void params(struct geo_rep_params *p)
{
	geo_rep_params_default(p);
	p->knox_permutations = 0;
}

static void find(struct fx *f, const struct geo_rep_params *p, struct geo_repeats *r)
{
	fx_load(f);
	assert_int_equal(geo_repeats_find(f->ctx, &f->ev, p, r), GEO_OK);
}

static const char *member_id(struct fx *f, const struct geo_repeats *r, size_t g, size_t k)
{
	return f->ev.v[r->members[r->v[g].first + k]].id;
}

static void test_name_norm(void **state)
{
	(void)state;
	char *a = geo_facility_name_norm("Al-Salam  Hospital"), *b = geo_facility_name_norm("al Salam hospital");
	char *c = geo_facility_name_norm("The Martyr Hasan al A\xe2\x80\x99raj Hospital");
	char *d = geo_facility_name_norm("Martyr Hasan al A'raj Hospital ");
	assert_string_equal(a, "al salam hospital");
	assert_string_equal(a, b);
	assert_string_equal(c, d);
	free(a);
	free(b);
	free(c);
	free(d);
}

static void test_identity(void **state)
{
	(void)state;
	struct fx f;
	struct geo_rep_params p;
	struct geo_repeats r;
	fx_open(&f);
	params(&p);
	/* the same named hospital, twice, at the town centroid */
	fx_put(&f, (struct inc_spec){.id = "s1", .date = "2018-01-21", .lon = LON, .lat = LAT, .word = "community", .pcode = "C3916", .ftype = "hospital", .fname = "Oday Saraqeb Hospital", .perp = "Russian forces"});
	fx_put(&f, (struct inc_spec){.id = "s2", .date = "2018-01-29", .lon = LON, .lat = LAT, .word = "community", .pcode = "C3916", .ftype = "hospital", .fname = "oday saraqeb  hospital", .perp = "Russian forces"});
	/* another hospital of the same town, same centroid: never merged */
	fx_put(&f, (struct inc_spec){.id = "o1", .date = "2018-01-22", .lon = LON, .lat = LAT, .word = "community", .pcode = "C3916", .ftype = "hospital", .fname = "al Salam Hospital"});
	/* the same name in another town: not the same facility */
	fx_put(&f, (struct inc_spec){.id = "o2", .date = "2018-01-23", .lon = LON + 0.5, .lat = LAT, .word = "community", .pcode = "C3985", .ftype = "hospital", .fname = "Oday Saraqeb Hospital"});
	/* an ambulance of the hospital: a vehicle, not the building */
	fx_put(&f, (struct inc_spec){.id = "o3", .date = "2018-01-24", .lon = LON, .lat = LAT, .word = "community", .pcode = "C3916", .ftype = "ambulance", .fname = "Oday Saraqeb Hospital"});
	/* registry ids: three strikes, one only known to the month */
	fx_put(&f, (struct inc_spec){.id = "m1", .date = "2018-01-30", .lon = LON + 1, .lat = LAT, .word = "point", .pcode = "C3463", .ftype = "hospital", .fname = "Martyr Hasan al A'raj Hospital", .fid = "fac-17"});
	fx_put(&f, (struct inc_spec){.id = "m2", .date = "2018-01-01", .date_precision = "month", .lon = LON + 1, .lat = LAT, .word = "community", .pcode = "C3463", .ftype = "hospital", .fname = "al Maghara Hospital", .fid = "fac-17"});
	fx_put(&f, (struct inc_spec){.id = "m3", .date = "2018-01-12", .lon = LON + 1, .lat = LAT, .word = "community", .pcode = "C3463", .ftype = "hospital", .fid = "fac-17"});
	/* a name-only row of the registry facility joins it */
	fx_put(&f, (struct inc_spec){.id = "m4", .date = "2018-01-15", .lon = LON + 1, .lat = LAT, .word = "community", .pcode = "C3463", .ftype = "hospital", .fname = "Martyr Hasan al Araj Hospital"});
	find(&f, &p, &r);
	assert_int_equal(r.n, 2);
	/* groups in order of their first member: the month-only strike sorts on 2018-01-01 */
	assert_string_equal(r.v[0].method, "identity");
	assert_string_equal(r.v[0].facility_id, "fac-17");
	assert_int_equal(r.v[0].n, 4);
	assert_int_equal(r.v[0].n_inexact, 1);
	assert_string_equal(member_id(&f, &r, 0, 0), "m2");
	assert_true(isnan(r.v[0].intervals[0]));        /* from a month-only date: unknown */
	assert_true(fabs(r.v[0].intervals[1] - 3) < 1e-9); /* 12 -> 15 */
	assert_true(fabs(r.v[0].intervals[2] - 15) < 1e-9); /* 15 -> 30 */
	assert_string_equal(r.v[0].first_date, "2018-01-12");
	assert_string_equal(r.v[0].last_date, "2018-01-30");
	assert_non_null(strstr(r.v[0].wkt, "POINT("));
	assert_string_equal(r.v[1].facility_name, "Oday Saraqeb Hospital");
	assert_int_equal(r.v[1].n, 2);
	assert_string_equal(member_id(&f, &r, 1, 0), "s1");
	assert_string_equal(member_id(&f, &r, 1, 1), "s2");
	assert_true(fabs(r.v[1].intervals[0] - 8) < 1e-9);
	assert_string_equal(r.v[1].perpetrators, "russia");
	geo_repeats_free(&r);

	/* min-strikes 4 keeps only the four-strike group */
	p.min_strikes = 4;
	find(&f, &p, &r);
	assert_int_equal(r.n, 1);
	geo_repeats_free(&r);
	fx_close(&f);
}

/* two registry facilities share a name in one town: a name-only row is
 * not guessed into either */
static void test_name_conflict(void **state)
{
	(void)state;
	struct fx f;
	struct geo_rep_params p;
	struct geo_repeats r;
	fx_open(&f);
	params(&p);
	fx_put(&f, (struct inc_spec){.id = "a", .date = "2018-01-02", .lon = LON, .lat = LAT, .word = "community", .pcode = "C1", .ftype = "medical_point", .fname = "Medical Center", .fid = "f1"});
	fx_put(&f, (struct inc_spec){.id = "b", .date = "2018-01-03", .lon = LON, .lat = LAT, .word = "community", .pcode = "C1", .ftype = "medical_point", .fname = "Medical Center", .fid = "f2"});
	fx_put(&f, (struct inc_spec){.id = "c", .date = "2018-01-04", .lon = LON, .lat = LAT, .word = "community", .pcode = "C1", .ftype = "medical_point", .fname = "Medical Center"});
	find(&f, &p, &r);
	assert_int_equal(r.n, 0);
	geo_repeats_free(&r);
	fx_close(&f);
}

/* ST-DBSCAN over precisely located strikes without identity */
static void test_stdbscan_groups(void **state)
{
	(void)state;
	struct fx f;
	struct geo_rep_params p;
	struct geo_repeats r;
	fx_open(&f);
	params(&p);
	/* three points 499 m apart in a line within 30 days: one cluster (hull is a line -> its centre) */
	fx_put(&f, (struct inc_spec){.id = "p1", .date = "2018-01-01", .lon = LON, .lat = LAT, .word = "point"});
	fx_put(&f, (struct inc_spec){.id = "p2", .date = "2018-01-20", .lon = east_of(LON, LAT, 499), .lat = LAT, .word = "point"});
	fx_put(&f, (struct inc_spec){.id = "p3", .date = "2018-01-31", .lon = east_of(LON, LAT, 998), .lat = LAT, .word = "neighbourhood"});
	/* 31 days after p3 at the same place: outside eps-time */
	fx_put(&f, (struct inc_spec){.id = "p4", .date = "2018-03-03", .lon = east_of(LON, LAT, 998), .lat = LAT, .word = "point"});
	/* 501 m from p1 on the other side */
	fx_put(&f, (struct inc_spec){.id = "p5", .date = "2018-01-02", .lon = 2 * LON - east_of(LON, LAT, 501), .lat = LAT, .word = "point"});
	/* town centroids without names, same town, same day: never clustered */
	fx_put(&f, (struct inc_spec){.id = "c1", .date = "2018-01-05", .lon = LON + 0.3, .lat = LAT, .word = "community", .pcode = "C5"});
	fx_put(&f, (struct inc_spec){.id = "c2", .date = "2018-01-05", .lon = LON + 0.3, .lat = LAT, .word = "community", .pcode = "C5"});
	/* a triangle of three points 100 m apart: a polygon hull */
	fx_put(&f, (struct inc_spec){.id = "q1", .date = "2018-02-01", .lon = LON + 0.6, .lat = LAT, .word = "point"});
	fx_put(&f, (struct inc_spec){.id = "q2", .date = "2018-02-02", .lon = east_of(LON + 0.6, LAT, 100), .lat = LAT, .word = "point"});
	fx_put(&f, (struct inc_spec){.id = "q3", .date = "2018-02-03", .lon = LON + 0.6, .lat = LAT + 0.0009, .word = "point"});
	find(&f, &p, &r);
	assert_int_equal(r.n, 2);
	assert_string_equal(r.v[0].method, "st_dbscan");
	assert_int_equal(r.v[0].n, 3);
	assert_string_equal(member_id(&f, &r, 0, 0), "p1");
	assert_string_equal(member_id(&f, &r, 0, 2), "p3");
	assert_true(fabs(r.v[0].extent_m - 998) < 0.5);
	assert_non_null(strstr(r.v[0].wkt, "POINT("));
	assert_int_equal(r.v[1].n, 3);
	assert_non_null(strstr(r.v[1].wkt, "POLYGON(("));
	geo_repeats_free(&r);
	/* a wider eps-space takes p5 in; a wider eps-time takes p4 in */
	p.eps_space = 502;
	p.eps_time = 32 * 86400.0;
	find(&f, &p, &r);
	assert_int_equal(r.v[0].n, 5);
	geo_repeats_free(&r);
	/* min-strikes 3: each triangle point has 3 neighbours (itself
	 * included): a group; min-strikes 4: no point of either has 4 */
	p.min_strikes = 3;
	find(&f, &p, &r);
	assert_int_equal(r.n, 2);
	geo_repeats_free(&r);
	p.min_strikes = 4;
	find(&f, &p, &r);
	assert_int_equal(r.n, 0);
	geo_repeats_free(&r);
	fx_close(&f);
}

/* the store, GeoJSON output and Knox wiring */
static void test_store_and_knox(void **state)
{
	(void)state;
	struct fx f;
	struct geo_rep_params p;
	struct geo_repeats r;
	fx_open(&f);
	geo_rep_params_default(&p);
	p.knox_permutations = 99;
	fx_put(&f, (struct inc_spec){.id = "s1", .date = "2018-01-21", .lon = LON, .lat = LAT, .word = "community", .pcode = "C1", .ftype = "hospital", .fname = "H"});
	fx_put(&f, (struct inc_spec){.id = "s2", .date = "2018-01-29", .time = "10:00", .lon = LON, .lat = LAT, .word = "community", .pcode = "C1", .ftype = "hospital", .fname = "H"});
	fx_put(&f, (struct inc_spec){.id = "m1", .date = "2018-01-01", .date_precision = "month", .lon = LON, .lat = LAT, .word = "community", .pcode = "C1", .ftype = "hospital", .fname = "H"});
	fx_put(&f, (struct inc_spec){.id = "q1", .date = "2018-02-01", .lon = LON + 0.6, .lat = LAT, .word = "point"});
	fx_put(&f, (struct inc_spec){.id = "q2", .date = "2018-02-02", .lon = east_of(LON + 0.6, LAT, 100), .lat = LAT, .word = "point"});
	fx_put(&f, (struct inc_spec){.id = "q3", .date = "2018-02-03", .lon = LON + 0.6, .lat = LAT + 0.0009, .word = "point"});
	fx_put(&f, (struct inc_spec){.id = "z1", .date = "2018-06-03", .lon = LON + 1.6, .lat = LAT, .word = "point"});
	find(&f, &p, &r);
	assert_int_equal(r.n, 2);
	assert_true(r.knox_done);
	assert_int_equal(r.knox.n, 6); /* the month-only strike is left out */
	assert_int_equal(r.knox_centroids, 2);
	assert_int_equal(r.knox.pairs_total, 15);
	assert_int_equal(geo_repeats_store(f.st, &f.ev, &r, &p), GEO_OK);
	assert_int_equal(geo_repeats_store(f.st, &f.ev, &r, &p), GEO_OK);
	assert_int_equal(fx_count(&f, "SELECT count(*) FROM repeats"), 2);
	assert_int_equal(fx_count(&f, "SELECT count(*) FROM repeat_members"), 6);
	assert_int_equal(fx_count(&f, "SELECT n_month_only FROM repeats WHERE method='identity'"), 1);
	assert_int_equal(fx_count(&f, "SELECT count(*) FROM repeats WHERE intervals_days = '?, 8'"), 1);
	assert_int_equal(fx_count(&f, "SELECT count(*) FROM repeats_points"), 2); /* every group, as a point */
	assert_int_equal(fx_count(&f, "SELECT count(*) FROM repeats_hulls"), 1);
	assert_int_equal(fx_count(&f, "SELECT count(*) FROM views_geometry_columns WHERE view_name IN ('repeats_points','repeats_hulls')"), 2);
	assert_int_equal(fx_count(&f, "SELECT count(*) FROM repeat_members WHERE geom IS NOT NULL"), 6);
	assert_int_equal(fx_count(&f, "SELECT count(*) FROM repeat_members_detail"), 6);
	assert_int_equal(fx_count(&f, "SELECT n_events FROM knox_results"), 6);
	assert_int_equal(fx_count(&f, "SELECT permutations FROM knox_results"), 99);
	assert_int_equal(fx_count(&f, "SELECT count(*) FROM near_repeat"), 4 * 5);
	assert_int_equal(fx_count(&f, "SELECT sum(observed) FROM near_repeat"), r.knox.cell_obs[0] + r.knox.cell_obs[1] + r.knox.cell_obs[2] + r.knox.cell_obs[3] + r.knox.cell_obs[4] + fx_count(&f, "SELECT sum(observed) FROM near_repeat WHERE space_band > 0"));
	{
		geo_buf b;
		struct json_object *o, *feats, *knox, *g;
		geo_buf_init(&b, GEO_BUF_DEFAULT_CAP);
		assert_int_equal(geo_repeats_format(f.ctx, &f.ev, &r, GEO_OUT_GEOJSON, &b), GEO_OK);
		o = json_tokener_parse(geo_buf_str(&b));
		assert_non_null(o);
		assert_true(json_object_object_get_ex(o, "features", &feats));
		assert_int_equal(json_object_array_length(feats), 2);
		assert_true(json_object_object_get_ex(json_object_array_get_idx(feats, 1), "geometry", &g));
		assert_string_equal(json_object_get_string(json_object_object_get(g, "type")), "Polygon");
		assert_true(json_object_object_get_ex(o, "knox", &knox));
		assert_int_equal(json_object_get_int(json_object_object_get(knox, "n_events")), 6);
		assert_int_equal(json_object_array_length(json_object_object_get(knox, "near_repeat")), 20);
		json_object_put(o);
		geo_buf_reset(&b);
		assert_int_equal(geo_repeats_format(f.ctx, &f.ev, &r, GEO_OUT_TABLE, &b), GEO_OK);
		assert_non_null(strstr(geo_buf_str(&b), "dated only to the month"));
		assert_non_null(strstr(geo_buf_str(&b), "Knox test"));
		geo_buf_free(&b);
	}
	geo_repeats_free(&r);
	/* bad parameters */
	p.min_strikes = 1;
	fx_load(&f);
	assert_int_equal(geo_repeats_find(f.ctx, &f.ev, &p, &r), GEO_ERR_INVALID);
	geo_ctx_clear_error(f.ctx);
	/* failing allocations never give a partial answer */
	geo_rep_params_default(&p);
	p.knox_permutations = 9;
	for (long k = 1; k < 400; k++) {
		enum geo_status rc;
		geo_alloc_fail_after(k);
		rc = geo_repeats_find(f.ctx, &f.ev, &p, &r);
		geo_alloc_fail_after(0);
		if (rc == GEO_OK) {
			assert_int_equal(r.n, 2);
			geo_repeats_free(&r);
			break;
		}
		assert_int_equal(rc, GEO_ERR_NOMEM);
		assert_int_equal(r.n, 0);
		geo_ctx_clear_error(f.ctx);
	}
	fx_close(&f);
}

/* the planar frame (UTM 37N) against the geodesic, across Syria's extent
 * (35.7..42.4 E, 32.3..37.3 N): within the bound documented in geodesy.h */
static void test_planar_error(void **state)
{
	(void)state;
	geo_ctx *ctx = geo_ctx_new();
	double lons[] = {35.7, 36.8, 38.0, 39.0, 40.5, 42.4};
	double lats[] = {32.3, 34.0, 35.9, 37.3};
	for (size_t i = 0; i < 6; i++)
		for (size_t j = 0; j < 4; j++) {
			double lon[2] = {lons[i], east_of(lons[i], lats[j], 500)};
			double lat[2] = {lats[j], lats[j]};
			double x[2], y[2];
			assert_int_equal(geo_project_utm37(ctx, 2, lon, lat, x, y), GEO_OK);
			double d = hypot(x[1] - x[0], y[1] - y[0]);
			assert_true(d / 500.0 > 0.9995 && d / 500.0 < 1.0009);
		}
	geo_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_name_norm),
		cmocka_unit_test(test_identity),
		cmocka_unit_test(test_name_conflict),
		cmocka_unit_test(test_stdbscan_groups),
		cmocka_unit_test(test_store_and_knox),
		cmocka_unit_test(test_planar_error),
	};
	return cmocka_run_group_tests_name("geo_repeats", tests, NULL, NULL);
}
