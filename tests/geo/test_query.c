/* test_query.c — geo/query: every filter alone and combined, the radius
 * query against a brute-force geodesic computation (PROJ's geod_inverse,
 * Karney 2013), values that look like SQL matching nothing and changing
 * nothing, the output formats, folding and display widths. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <geodesic.h>
#include <json-c/json.h>
#include <math.h>

#include "geo/query.h"
#include "tests/test_util.h"
#include "tests/geo/query_fixture.h"


/* The ids a query selects, joined by spaces in date order ("" for none). */
static const char *ids(struct fx *f, const struct geo_query *q)
{
	static char out[4096];
	struct geo_incident_list l = {0};
	enum geo_status rc = geo_query_load(f->st, q, &l);
	if (rc != GEO_OK)
		fail_msg("query failed: %s", geo_ctx_error_message(f->ctx));
	out[0] = '\0';
	for (size_t i = 0; i < l.n; i++) {
		strcat(out, i ? " " : "");
		strcat(out, l.v[i].id);
	}
	size_t rows = l.n;
	geo_incident_list_free(&l);
	/* the count agrees with the rows */
	long n = -1;
	struct geo_query nl = *q;
	nl.limit = 0;
	assert_int_equal(geo_query_count(f->st, &nl, &n), GEO_OK);
	if (!q->limit)
		assert_int_equal(n, (long)rows);
	return out;
}

static void test_no_filter_is_everything_in_date_order(void **state)
{
	struct fx *f = *state;
	struct geo_query q;
	geo_query_init(&q);
	/* within a day, incidents with a clock time come first */
	assert_string_equal(ids(f, &q), "a-salam b-quds d-saraqeb-cd-early h-arabic c-saraqeb-cd "
	                                "i-medic e-krc f-unplaced g-maghara");
}

static void test_dates(void **state)
{
	struct fx *f = *state;
	struct geo_query q;
	geo_query_init(&q);
	q.from = "2018-01-20";
	q.to = "2018-01-24";
	assert_string_equal(ids(f, &q), "c-saraqeb-cd i-medic e-krc"); /* inclusive both ends */
	q.to = NULL;
	q.from = "2018-02-01";
	assert_string_equal(ids(f, &q), "g-maghara");
	q.from = NULL;
	q.to = "2018-01-03";
	assert_string_equal(ids(f, &q), "a-salam");
	/* an incident known only to the month overlaps any range in that month */
	struct geo_incident m;
	geo_incident_init(&m);
	assert_int_equal(geo_incident_set(&m.id, "j-month"), GEO_OK);
	assert_int_equal(geo_incident_set(&m.date, "2018-01-01"), GEO_OK);
	assert_int_equal(geo_incident_set(&m.date_precision, "month"), GEO_OK);
	assert_int_equal(geo_incident_set(&m.geocode_status, GEO_GC_UNRESOLVED), GEO_OK);
	assert_int_equal(geo_store_upsert_incident(f->st, &m, NULL), GEO_OK);
	geo_incident_clear(&m);
	q.from = "2018-01-20";
	q.to = "2018-01-24";
	assert_string_equal(ids(f, &q), "j-month c-saraqeb-cd i-medic e-krc");
	q.from = "2018-01-31";
	q.to = NULL;
	assert_string_equal(ids(f, &q), "j-month g-maghara");
	q.from = "2018-02-01";
	assert_string_equal(ids(f, &q), "g-maghara");
	q.from = NULL;
	q.to = "2017-12-31";
	assert_string_equal(ids(f, &q), "");
	/* and the table does not print it as the 1st */
	struct geo_query mq;
	geo_query_init(&mq);
	mq.unresolved = 1;
	mq.from = "2018-01-02";
	mq.to = "2018-01-02";
	assert_string_equal(ids(f, &mq), "j-month");
	q.from = q.to = NULL;

	/* reversed range and non-dates are refused, naming the option */
	q.from = "2018-02-01";
	q.to = "2018-01-01";
	assert_int_equal(geo_query_check(f->ctx, &q), GEO_ERR_INVALID);
	assert_non_null(strstr(geo_ctx_error_message(f->ctx), "is after --to"));
	geo_ctx_clear_error(f->ctx);
	q.to = "2018-13-01";
	assert_int_equal(geo_query_check(f->ctx, &q), GEO_ERR_INVALID);
	assert_non_null(strstr(geo_ctx_error_message(f->ctx), "--to: \"2018-13-01\" is not a date"));
	geo_ctx_clear_error(f->ctx);
}

static void test_governorate_zone_type(void **state)
{
	struct fx *f = *state;
	struct geo_query q;
	geo_query_init(&q);
	q.admin1_pcode = "SY03";
	assert_string_equal(ids(f, &q), "b-quds i-medic");
	q.admin1_pcode = "SY14";
	assert_string_equal(ids(f, &q), "");
	/* an unplaced incident belongs to the governorate its input names */
	struct geo_incident u;
	geo_incident_init(&u);
	assert_int_equal(geo_incident_set(&u.id, "k-unplaced-hama"), GEO_OK);
	assert_int_equal(geo_incident_set(&u.date, "2018-01-09"), GEO_OK);
	assert_int_equal(geo_incident_set(&u.governorate, "Hamah"), GEO_OK);
	assert_int_equal(geo_incident_set(&u.geocode_status, GEO_GC_UNRESOLVED), GEO_OK);
	assert_int_equal(geo_store_upsert_incident(f->st, &u, NULL), GEO_OK);
	geo_incident_clear(&u);
	q.admin1_pcode = "SY05";
	assert_string_equal(ids(f, &q), "k-unplaced-hama g-maghara");
	geo_query_init(&q);
	q.zone = "eastern_ghouta";
	assert_string_equal(ids(f, &q), "b-quds i-medic");
	q.zone = "south";
	assert_string_equal(ids(f, &q), "");
	geo_query_init(&q);
	q.facility_type = "civil_defense";
	assert_string_equal(ids(f, &q), "d-saraqeb-cd-early c-saraqeb-cd");
	q.facility_type = "red_crescent";
	assert_string_equal(ids(f, &q), "e-krc");
	/* malformed codes and words are refused before any SQL runs */
	q.facility_type = "clinic";
	assert_int_equal(geo_query_check(f->ctx, &q), GEO_ERR_INVALID);
	geo_ctx_clear_error(f->ctx);
	geo_query_init(&q);
	q.admin1_pcode = "SY15";
	assert_int_equal(geo_query_check(f->ctx, &q), GEO_ERR_INVALID);
	geo_ctx_clear_error(f->ctx);
	geo_query_init(&q);
	q.zone = "north";
	assert_int_equal(geo_query_check(f->ctx, &q), GEO_ERR_INVALID);
	geo_ctx_clear_error(f->ctx);
}

static void test_perpetrator(void **state)
{
	struct fx *f = *state;
	struct geo_query q;
	geo_query_init(&q);
	/* a vocabulary word matches the normalised class... */
	q.perpetrator = "russia";
	assert_string_equal(ids(f, &q), "a-salam c-saraqeb-cd g-maghara");
	q.perpetrator = "regime";
	assert_string_equal(ids(f, &q), "b-quds d-saraqeb-cd-early h-arabic i-medic");
	q.perpetrator = "turkey";
	assert_string_equal(ids(f, &q), "e-krc");
	q.perpetrator = "Regime"; /* any case */
	assert_string_equal(ids(f, &q), "b-quds d-saraqeb-cd-early h-arabic i-medic");
	q.perpetrator = "unknown";
	assert_string_equal(ids(f, &q), "f-unplaced");
	/* ...any other text is found inside the original, folded */
	q.perpetrator = "WE BELIEVE";
	assert_string_equal(ids(f, &q), "c-saraqeb-cd");
	q.perpetrator = "Turkish";
	assert_string_equal(ids(f, &q), "e-krc");
	q.perpetrator = "النظام";
	assert_string_equal(ids(f, &q), "h-arabic");
	q.perpetrator = "'";
	assert_int_equal(geo_query_check(f->ctx, &q), GEO_ERR_INVALID);
	assert_non_null(strstr(geo_ctx_error_message(f->ctx), "no letters or digits"));
	geo_ctx_clear_error(f->ctx);
}

static void test_facility(void **state)
{
	struct fx *f = *state;
	struct geo_query q;
	geo_query_init(&q);
	/* spelling variants of one name: case, hyphens, accents */
	q.facility = "saraqeb civil defense";
	assert_string_equal(ids(f, &q), "d-saraqeb-cd-early c-saraqeb-cd");
	q.facility = "SARAQEB CIVIL-DEFENSE CENTRE";
	assert_string_equal(ids(f, &q), "d-saraqeb-cd-early");
	q.facility = "Hasan al A’raj"; /* typographic apostrophe */
	assert_string_equal(ids(f, &q), "g-maghara");
	/* Arabic without the harakat written in the store */
	q.facility = "مشفى الرحمة";
	assert_string_equal(ids(f, &q), "h-arabic");
	/* the registry id, and ids resolved from an alias by the caller */
	q.facility = "fac-saraqeb-cd";
	assert_string_equal(ids(f, &q), "c-saraqeb-cd");
	static const char *const resolved[] = {"fac-saraqeb-cd", "fac-other"};
	q.facility = "Saraqeb Civil Defence";
	q.facility_ids = resolved;
	q.n_facility_ids = 2;
	assert_string_equal(ids(f, &q), "c-saraqeb-cd");
	q.facility = "al Salam";
	q.n_facility_ids = 0;
	assert_string_equal(ids(f, &q), "a-salam");
}

/* Geodesic distance (metres, WGS84) by Karney's algorithm in PROJ. */
static double karney(double lon1, double lat1, double lon2, double lat2)
{
	struct geod_geodesic g;
	double s12;
	geod_init(&g, 6378137.0, 1 / 298.257223563);
	geod_inverse(&g, lat1, lon1, lat2, lon2, &s12, NULL, NULL);
	return s12;
}

static void test_radius_against_brute_force(void **state)
{
	struct fx *f = *state;
	/* add a cloud of points around Saraqeb at known distances so the
	 * bounding-box pre-filter is tested at its edges */
	srand(42);
	assert_int_equal(geo_store_begin(f->st), GEO_OK);
	struct { double lon, lat; } pts[400];
	for (int i = 0; i < 400; i++) {
		struct geo_incident inc;
		char id[32];
		geo_incident_init(&inc);
		snprintf(id, sizeof id, "r%03d", i);
		pts[i].lon = 36.8007 + ((double)rand() / RAND_MAX - 0.5) * 0.2;
		pts[i].lat = 35.8624 + ((double)rand() / RAND_MAX - 0.5) * 0.2;
		assert_int_equal(geo_incident_set(&inc.id, id), GEO_OK);
		assert_int_equal(geo_incident_set(&inc.date, "2018-03-01"), GEO_OK);
		assert_int_equal(geo_incident_set(&inc.geocode_status, GEO_GC_INPUT), GEO_OK);
		inc.has_point = 1;
		inc.lon = pts[i].lon;
		inc.lat = pts[i].lat;
		inc.geo_precision = 1;
		assert_int_equal(geo_store_upsert_incident(f->st, &inc, NULL), GEO_OK);
		geo_incident_clear(&inc);
	}
	assert_int_equal(geo_store_commit(f->st), GEO_OK);

	struct geo_incident_list all = {0};
	assert_int_equal(geo_store_load_incidents(f->st, NULL, &all), GEO_OK);
	const double centres[][2] = {{36.8007, 35.8624}, {36.75, 35.90}, {36.3597, 33.5281}};
	const double radii[] = {250, 1000, 3000, 5000, 7500, 50000, 300000};
	int checked = 0;
	for (size_t c = 0; c < 3; c++)
		for (size_t r = 0; r < sizeof radii / sizeof radii[0]; r++) {
			struct geo_query q;
			struct geo_incident_list got = {0};
			geo_query_init(&q);
			q.near = 1;
			q.near_lon = centres[c][0];
			q.near_lat = centres[c][1];
			q.radius_m = radii[r];
			assert_int_equal(geo_query_load(f->st, &q, &got), GEO_OK);
			size_t want = 0;
			for (size_t i = 0; i < all.n; i++) {
				if (!all.v[i].has_point)
					continue;
				double d = karney(q.near_lon, q.near_lat, all.v[i].lon, all.v[i].lat);
				if (fabs(d - q.radius_m) < 0.01)
					continue; /* on the circle to within 1 cm: either answer is right */
				int in = d <= q.radius_m, found = 0;
				for (size_t k = 0; k < got.n; k++)
					found |= strcmp(got.v[k].id, all.v[i].id) == 0;
				if (in != found)
					fail_msg("centre %zu radius %g: %s at %.3f m %s", c, q.radius_m, all.v[i].id, d,
					         in ? "missing" : "wrongly included");
				want += in;
				checked++;
			}
			assert_int_equal(got.n, want);
			geo_incident_list_free(&got);
		}
	assert_true(checked > 5000);

	/* the distances SpatiaLite reports agree with Karney's to 1 cm */
	struct geo_query q;
	sqlite3_stmt *s = NULL;
	geo_query_init(&q);
	q.near = 1;
	q.near_lon = 36.8007;
	q.near_lat = 35.8624;
	q.radius_m = 8000;
	assert_int_equal(geo_query_prepare(f->st, &q, "ST_X(i.geom), ST_Y(i.geom), " GEO_QUERY_DISTANCE,
	                                   NULL, &s), GEO_OK);
	int rows = 0;
	while (sqlite3_step(s) == SQLITE_ROW) {
		double d = karney(q.near_lon, q.near_lat, sqlite3_column_double(s, 0),
		                  sqlite3_column_double(s, 1));
		assert_true(fabs(d - sqlite3_column_double(s, 2)) < 0.01);
		rows++;
	}
	sqlite3_finalize(s);
	assert_true(rows > 50);
	geo_incident_list_free(&all);

	/* the plan goes through the R*Tree */
	geo_query_init(&q);
	q.near = 1;
	q.near_lon = 36.8;
	q.near_lat = 35.86;
	q.radius_m = 3000;
	assert_int_equal(geo_query_prepare(f->st, &q, "i.id", NULL, &s), GEO_OK);
	sqlite3_stmt *plan = NULL;
	char sql[8192];
	snprintf(sql, sizeof sql, "EXPLAIN QUERY PLAN %s", sqlite3_sql(s));
	sqlite3_finalize(s);
	assert_int_equal(sqlite3_prepare_v2(geo_store_db(f->st), sql, -1, &plan, NULL), SQLITE_OK);
	int uses_rtree = 0;
	while (sqlite3_step(plan) == SQLITE_ROW)
		uses_rtree |= strstr((const char *)sqlite3_column_text(plan, 3), "idx_incidents_geom") != NULL;
	sqlite3_finalize(plan);
	assert_true(uses_rtree);
}

static void test_precision_unresolved_limit(void **state)
{
	struct fx *f = *state;
	struct geo_query q;
	geo_query_init(&q);
	q.max_precision = 1;
	assert_string_equal(ids(f, &q), "a-salam b-quds c-saraqeb-cd i-medic e-krc g-maghara");
	q.max_precision = 2;
	assert_string_equal(ids(f, &q),
	                    "a-salam b-quds d-saraqeb-cd-early c-saraqeb-cd i-medic e-krc g-maghara");
	q.max_precision = 3; /* every located incident */
	assert_string_equal(ids(f, &q), "a-salam b-quds d-saraqeb-cd-early h-arabic c-saraqeb-cd "
	                                "i-medic e-krc g-maghara");
	geo_query_init(&q);
	q.unresolved = 1;
	assert_string_equal(ids(f, &q), "f-unplaced");
	geo_query_init(&q);
	q.limit = 2;
	assert_string_equal(ids(f, &q), "a-salam b-quds");
}

static void test_sequences_and_repeats(void **state)
{
	struct fx *f = *state;
	struct geo_query q;
	struct geo_incident_list l = {0};
	geo_query_init(&q);
	/* before the analyses ran: a clear error, not an empty answer */
	q.in_sequence = 1;
	assert_int_equal(geo_query_load(f->st, &q, &l), GEO_ERR_NOTFOUND);
	assert_non_null(strstr(geo_ctx_error_message(f->ctx), "run `strikemap sequences` first"));
	geo_ctx_clear_error(f->ctx);
	q.in_sequence = 0;
	q.repeated = 1;
	assert_int_equal(geo_query_count(f->st, &q, &(long){0}), GEO_ERR_NOTFOUND);
	assert_non_null(strstr(geo_ctx_error_message(f->ctx), "run `strikemap repeats` first"));
	geo_ctx_clear_error(f->ctx);
	assert_int_equal(l.n, 0);

	/* the analyses' member tables, as the analysis module writes them */
	assert_int_equal(geo_store_exec(f->st,
		"CREATE TABLE sequence_members (sequence_id INTEGER, incident_id TEXT, ord INTEGER,"
		" gap_min REAL, dist_m REAL);"
		"INSERT INTO sequence_members VALUES (1,'b-quds',1,NULL,NULL),(1,'i-medic',2,0,0);"
		"CREATE TABLE repeat_members (repeat_id INTEGER, incident_id TEXT, ord INTEGER);"
		"INSERT INTO repeat_members VALUES (1,'d-saraqeb-cd-early',1),(1,'c-saraqeb-cd',2),"
		" (2,'c-saraqeb-cd',1);"), GEO_OK);
	geo_query_init(&q);
	q.in_sequence = 1;
	assert_string_equal(ids(f, &q), "b-quds i-medic");
	geo_query_init(&q);
	q.repeated = 1; /* a member of two groups is listed once */
	assert_string_equal(ids(f, &q), "d-saraqeb-cd-early c-saraqeb-cd");
	q.perpetrator = "russia"; /* "which repeated strikes were by Russian forces" */
	assert_string_equal(ids(f, &q), "c-saraqeb-cd");
}

static void test_combinations(void **state)
{
	struct fx *f = *state;
	struct geo_query q;
	geo_query_init(&q);
	q.admin1_pcode = "SY07";
	q.perpetrator = "russia";
	q.from = "2018-01-01";
	q.to = "2018-01-31";
	assert_string_equal(ids(f, &q), "a-salam c-saraqeb-cd");
	q.facility_type = "hospital";
	assert_string_equal(ids(f, &q), "a-salam");
	q.zone = "eastern_ghouta";
	assert_string_equal(ids(f, &q), "");
	/* everything within 3 km of Saraqeb that is a civil-defence facility */
	geo_query_init(&q);
	q.near = 1;
	q.near_lon = 36.8007;
	q.near_lat = 35.8624;
	q.radius_m = 3000;
	assert_string_equal(ids(f, &q), "d-saraqeb-cd-early c-saraqeb-cd");
	q.max_precision = 1;
	assert_string_equal(ids(f, &q), "c-saraqeb-cd");
	q.max_precision = 0;
	q.to = "2018-01-15";
	assert_string_equal(ids(f, &q), "d-saraqeb-cd-early");
	q.facility = "civil defense";
	q.perpetrator = "Syrian regime";
	assert_string_equal(ids(f, &q), "d-saraqeb-cd-early");
	q.unresolved = 1;
	assert_string_equal(ids(f, &q), "");
}

/* `x' OR '1'='1` (and friends) in every text filter: nothing matches,
 * nothing changes. */
static void test_injection_matches_nothing_changes_nothing(void **state)
{
	struct fx *f = *state;
	static const char *const evil[] = {
		"x' OR '1'='1", "x\" OR \"1\"=\"1", "'; DROP TABLE incidents; --",
		"%", "_", "x') OR 1=1 --", "SY07' OR '1'='1", "idlib' OR zone IS NOT NULL --"};
	unsigned long long before = fx_checksum(f->st, "incidents");
	long n_before = 0;
	assert_int_equal(geo_store_count_incidents(f->st, 0, &n_before), GEO_OK);
	for (size_t e = 0; e < sizeof evil / sizeof evil[0]; e++) {
		for (int which = 0; which < 8; which++) {
			struct geo_query q;
			struct geo_incident_list l = {0};
			geo_query_init(&q);
			switch (which) {
			case 0: q.perpetrator = evil[e]; break;
			case 1: q.facility = evil[e]; break;
			case 2: q.admin1_pcode = evil[e]; break;
			case 3: q.zone = evil[e]; break;
			case 4: q.facility_type = evil[e]; break;
			case 5: q.from = evil[e]; break;
			case 6: q.to = evil[e]; break;
			case 7: q.facility = "x"; q.facility_ids = &evil[e]; q.n_facility_ids = 1; break;
			}
			enum geo_status rc = geo_query_load(f->st, &q, &l);
			/* free text runs and finds nothing; coded values are refused */
			if (rc == GEO_OK)
				assert_int_equal(l.n, 0);
			else if (rc != GEO_ERR_INVALID)
				fail_msg("filter %d with %s: %s", which, evil[e], geo_ctx_error_message(f->ctx));
			if (which == 0 || which == 1 || which == 7)
				assert_true(rc == GEO_OK || strcmp(evil[e], "%") == 0 || strcmp(evil[e], "_") == 0);
			geo_ctx_clear_error(f->ctx);
			geo_incident_list_free(&l);
		}
	}
	long n_after = 0;
	assert_int_equal(geo_store_count_incidents(f->st, 0, &n_after), GEO_OK);
	assert_int_equal(n_after, n_before);
	assert_true(fx_checksum(f->st, "incidents") == before);
}

/* ---- output formats ---- */

struct capture {
	geo_buf b;
	int fail_after; /* sink fails on this call (0 = never) */
	int calls;
};

static enum geo_status capture_sink(void *user, const char *data, size_t len)
{
	struct capture *c = user;
	if (c->fail_after && ++c->calls >= c->fail_after)
		return GEO_ERR_IO;
	return geo_buf_add(&c->b, data, len);
}

static char *run_format(struct fx *f, const struct geo_query *q, enum geo_query_format fmt,
                        long *n)
{
	struct capture c = {0};
	geo_buf_init(&c.b, GEO_BUF_DEFAULT_CAP);
	assert_int_equal(geo_query_write(f->st, q, fmt, capture_sink, &c, n), GEO_OK);
	return geo_buf_take(&c.b);
}

static void test_json(void **state)
{
	struct fx *f = *state;
	struct geo_query q;
	long n = 0;
	geo_query_init(&q);
	char *out = run_format(f, &q, GEO_QUERY_JSON, &n);
	struct json_object *a = json_tokener_parse(out), *o, *v, *attrs;
	assert_non_null(a);
	assert_true(json_object_is_type(a, json_type_array));
	assert_int_equal(json_object_array_length(a), FX_N);
	assert_int_equal(n, (long)FX_N);
	o = json_object_array_get_idx(a, 0);
	assert_true(json_object_object_get_ex(o, "id", &v));
	assert_string_equal(json_object_get_string(v), "a-salam");
	assert_true(json_object_object_get_ex(o, "lon", &v));
	assert_true(json_object_is_type(v, json_type_double));
	assert_true(fabs(json_object_get_double(v) - 36.6747) < 1e-6);
	assert_true(json_object_object_get_ex(o, "perpetrator_class", &v));
	assert_string_equal(json_object_get_string(v), "russia");
	assert_true(json_object_object_get_ex(o, "geo_precision", &v));
	assert_true(json_object_is_type(v, json_type_int));
	assert_true(json_object_object_get_ex(o, "killed", &v));
	assert_true(json_object_is_type(v, json_type_null));
	assert_false(json_object_object_get_ex(o, "geom", &v)); /* no blob */
	assert_true(json_object_object_get_ex(o, "attrs", &attrs));
	assert_true(json_object_is_type(attrs, json_type_object));
	assert_true(json_object_object_get_ex(attrs, "category", &v));
	assert_string_equal(json_object_get_string(v), "facility_attack");
	/* Arabic round-trips */
	int found = 0;
	for (size_t i = 0; i < json_object_array_length(a); i++) {
		o = json_object_array_get_idx(a, i);
		if (json_object_object_get_ex(o, "facility_name", &v) &&
		    json_object_is_type(v, json_type_string) &&
		    strcmp(json_object_get_string(v), "مَشْفَى الرَّحْمَة") == 0)
			found = 1;
	}
	assert_true(found);
	json_object_put(a);
	free(out);

	/* nothing matched: still valid JSON */
	q.zone = "south";
	out = run_format(f, &q, GEO_QUERY_JSON, &n);
	assert_int_equal(n, 0);
	a = json_tokener_parse(out);
	assert_non_null(a);
	assert_int_equal(json_object_array_length(a), 0);
	json_object_put(a);
	free(out);

	/* with --near, each row has its distance */
	geo_query_init(&q);
	q.near = 1;
	q.near_lon = 36.8007;
	q.near_lat = 35.8624;
	q.radius_m = 3000;
	out = run_format(f, &q, GEO_QUERY_JSON, &n);
	a = json_tokener_parse(out);
	assert_int_equal(json_object_array_length(a), 2);
	o = json_object_array_get_idx(a, 1);
	assert_true(json_object_object_get_ex(o, "distance_m", &v));
	assert_true(json_object_get_double(v) < 1.0);
	json_object_put(a);
	free(out);
}

static void test_geojson(void **state)
{
	struct fx *f = *state;
	struct geo_query q;
	long n = 0;
	geo_query_init(&q);
	char *out = run_format(f, &q, GEO_QUERY_GEOJSON, &n);
	struct json_object *fc = json_tokener_parse(out), *v, *feats, *ft, *geom, *props;
	assert_non_null(fc);
	assert_true(json_object_object_get_ex(fc, "type", &v));
	assert_string_equal(json_object_get_string(v), "FeatureCollection");
	assert_false(json_object_object_get_ex(fc, "crs", &v)); /* RFC 7946: WGS84 implied */
	assert_true(json_object_object_get_ex(fc, "features", &feats));
	assert_int_equal(json_object_array_length(feats), FX_N);
	int nulls = 0;
	for (size_t i = 0; i < json_object_array_length(feats); i++) {
		ft = json_object_array_get_idx(feats, i);
		assert_true(json_object_object_get_ex(ft, "type", &v));
		assert_string_equal(json_object_get_string(v), "Feature");
		assert_true(json_object_object_get_ex(ft, "geometry", &geom));
		assert_true(json_object_object_get_ex(ft, "properties", &props));
		assert_true(json_object_object_get_ex(props, "attrs.category", &v));
		if (!geom) {
			nulls++;
			assert_true(json_object_object_get_ex(ft, "id", &v));
			assert_string_equal(json_object_get_string(v), "f-unplaced");
			continue;
		}
		struct json_object *coords;
		assert_true(json_object_object_get_ex(geom, "coordinates", &coords));
		/* longitude first */
		double lon = json_object_get_double(json_object_array_get_idx(coords, 0));
		double lat = json_object_get_double(json_object_array_get_idx(coords, 1));
		assert_true(lon > 36 && lon < 37 && lat > 33 && lat < 37);
	}
	assert_int_equal(nulls, 1);
	json_object_put(fc);
	free(out);
}

static void test_csv(void **state)
{
	struct fx *f = *state;
	struct geo_query q;
	long n = 0;
	geo_query_init(&q);
	q.facility_type = "civil_defense";
	char *out = run_format(f, &q, GEO_QUERY_CSV, &n);
	assert_int_equal(n, 2);
	assert_true(strncmp(out, "id,date,time,", 13) == 0);
	assert_non_null(strstr(out, ",lon,lat"));
	assert_non_null(strstr(out, ",attrs.category\r\n"));
	assert_null(strstr(out, "geom"));
	assert_non_null(strstr(out, "\r\nd-saraqeb-cd-early,2018-01-11,,"));
	assert_non_null(strstr(out, ",36.8150000,35.8700000,"));
	int lines = 0;
	for (const char *p = out; (p = strstr(p, "\r\n")); p += 2)
		lines++;
	assert_int_equal(lines, 3);
	free(out);
}

static void test_table_alignment_with_arabic(void **state)
{
	struct fx *f = *state;
	struct geo_query q;
	long n = 0;
	geo_query_init(&q);
	char *out = run_format(f, &q, GEO_QUERY_TABLE, &n);
	assert_int_equal(n, (long)FX_N);
	/* header, rule, one line per incident, footer */
	size_t width = 0;
	int lines = 0;
	char *save = NULL;
	for (char *line = strtok_r(out, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		lines++;
		if (lines == (int)FX_N + 3) {
			assert_string_equal(line, "9 incidents");
			break;
		}
		size_t w = geo_query_display_width(line);
		if (!width)
			width = w;
		if (w != width)
			fail_msg("line %d is %zu columns wide, the header %zu: %s", lines, w, width, line);
		if (strstr(line, "h-arabic")) {
			/* the Arabic cell is isolated (FSI ... PDI) */
			assert_non_null(strstr(line, "\xe2\x81\xa8"));
			assert_non_null(strstr(line, "\xe2\x81\xa9"));
		}
	}
	assert_int_equal(lines, (int)FX_N + 3);
	free(out);

	/* no zone anywhere: a --zone filter warns instead of looking empty */
	assert_int_equal(geo_store_exec(f->st, "UPDATE incidents SET zone = NULL"), GEO_OK);
	geo_ctx_clear_warnings(f->ctx);
	geo_query_init(&q);
	q.zone = "idlib";
	out = run_format(f, &q, GEO_QUERY_TABLE, &n);
	assert_int_equal(n, 0);
	assert_int_equal(geo_ctx_warning_count(f->ctx), 1);
	assert_non_null(strstr(geo_ctx_warning(f->ctx, 0), "no incident in the store has a de-escalation zone"));
	free(out);
	geo_ctx_clear_warnings(f->ctx);
	geo_query_init(&q);

	/* a month-precision date reads 2018-01-?? */
	assert_int_equal(geo_store_exec(f->st, "UPDATE incidents SET date_precision = 'month'"
	                                       " WHERE id = 'g-maghara'"), GEO_OK);
	q.perpetrator = "russia";
	q.from = "2018-02-01";
	out = run_format(f, &q, GEO_QUERY_TABLE, &n);
	assert_int_equal(n, 1);
	assert_non_null(strstr(out, "\ng-maghara  2018-02-??  "));
	free(out);
	geo_query_init(&q);

	/* a sink that fails stops the query with its status */
	struct capture c = {0};
	geo_buf_init(&c.b, GEO_BUF_DEFAULT_CAP);
	c.fail_after = 1;
	assert_int_equal(geo_query_write(f->st, &q, GEO_QUERY_JSON, capture_sink, &c, &n), GEO_ERR_IO);
	geo_ctx_clear_error(f->ctx);
	geo_buf_free(&c.b);
}

/* Each allocation of query_load and of every output format failing in
 * turn: a clean GEO_ERR_NOMEM, never a crash or a leak (ASan setup). */
static void test_failing_allocations(void **state)
{
	struct fx *f = *state;
	struct geo_query q;
	geo_query_init(&q);
	q.facility = "hospital";
	q.perpetrator = "forces";
	for (int fmt = -1; fmt <= GEO_QUERY_GEOJSON; fmt++) {
		int ok_runs = 0, failed = 0;
		for (long n = 1; n < 2000 && ok_runs < 3; n++) {
			struct geo_incident_list l = {0};
			struct capture c = {0};
			enum geo_status rc;
			geo_buf_init(&c.b, GEO_BUF_DEFAULT_CAP);
			geo_alloc_fail_after(n);
			if (fmt < 0)
				rc = geo_query_load(f->st, &q, &l);
			else
				rc = geo_query_write(f->st, &q, (enum geo_query_format)fmt, capture_sink, &c, NULL);
			geo_alloc_fail_after(0);
			if (rc == GEO_OK)
				ok_runs++;
			else {
				if (rc != GEO_ERR_NOMEM && rc != GEO_ERR_LIMIT)
					fail_msg("format %d, allocation %ld: %s (%s)", fmt, n, geo_status_name(rc),
					         geo_ctx_error_message(f->ctx));
				failed++;
			}
			geo_ctx_clear_error(f->ctx);
			geo_incident_list_free(&l);
			geo_buf_free(&c.b);
		}
		assert_true(failed > 0);
		assert_int_equal(ok_runs, 3);
	}
	/* and afterwards everything works */
	assert_string_equal(ids(f, &q), "a-salam b-quds g-maghara");
}

static void test_text_helpers(void **state)
{
	(void)state;
	char *s = geo_query_fold("  Ma'arrat  al-Nu‘man ");
	assert_string_equal(s, "ma arrat al nu man");
	free(s);
	s = geo_query_fold("Ḥamā CAFÉ");
	assert_string_equal(s, "hama cafe");
	free(s);
	char *a = geo_query_fold("إدلب"), *b = geo_query_fold("ادلب");
	assert_string_equal(a, b);
	free(a);
	free(b);
	a = geo_query_fold("مَشْفَى الرَّحْمَة");
	b = geo_query_fold("مشفى الرحمه");
	assert_string_equal(a, b);
	free(a);
	free(b);
	s = geo_query_fold("' -- ;");
	assert_string_equal(s, "");
	free(s);

	assert_int_equal(geo_query_display_width("abc"), 3);
	assert_int_equal(geo_query_display_width("مُحَمَّد"), 4); /* harakat take no column */
	assert_int_equal(geo_query_display_width("中文"), 4);
	assert_int_equal(geo_query_display_width("\xe2\x81\xa8x\xe2\x81\xa9"), 1);

	assert_string_equal(geo_query_governorate_pcode("Idlib"), "SY07");
	assert_string_equal(geo_query_governorate_pcode("IDLEB"), "SY07");
	assert_string_equal(geo_query_governorate_pcode("إدلب"), "SY07");
	assert_string_equal(geo_query_governorate_pcode("Idlib governorate"), "SY07");
	assert_string_equal(geo_query_governorate_pcode("Damascus suburbs"), "SY03");
	assert_string_equal(geo_query_governorate_pcode("Rural Damascus"), "SY03");
	assert_string_equal(geo_query_governorate_pcode("Damascus"), "SY01");
	assert_string_equal(geo_query_governorate_pcode("Dar'a"), "SY12");
	assert_string_equal(geo_query_governorate_pcode("SY14"), "SY14");
	assert_null(geo_query_governorate_pcode("Atlantis"));
	assert_null(geo_query_governorate_pcode("x' OR '1'='1"));
	assert_string_equal(geo_query_governorate_name("SY05"), "Hama");
	assert_null(geo_query_governorate_name("SY15"));
	assert_null(geo_query_governorate_name("SY0"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_no_filter_is_everything_in_date_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_governorate_zone_type, setup, teardown),
		cmocka_unit_test_setup_teardown(test_perpetrator, setup, teardown),
		cmocka_unit_test_setup_teardown(test_facility, setup, teardown),
		cmocka_unit_test_setup_teardown(test_radius_against_brute_force, setup, teardown),
		cmocka_unit_test_setup_teardown(test_precision_unresolved_limit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sequences_and_repeats, setup, teardown),
		cmocka_unit_test_setup_teardown(test_combinations, setup, teardown),
		cmocka_unit_test_setup_teardown(test_injection_matches_nothing_changes_nothing, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_json, setup, teardown),
		cmocka_unit_test_setup_teardown(test_geojson, setup, teardown),
		cmocka_unit_test_setup_teardown(test_csv, setup, teardown),
		cmocka_unit_test_setup_teardown(test_table_alignment_with_arabic, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failing_allocations, setup, teardown),
		cmocka_unit_test(test_text_helpers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
