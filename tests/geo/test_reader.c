/* test_reader.c — incidents from CSV and GeoJSON: each validation rule and
 * its exact message, attributes kept, ids, the whole-file refusal, the
 * built-in dataset, and a failing-allocation loop. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "geo/reader.h"
#include "tests/test_util.h"

#define HDR "id,date,time,place,facility_type,killed,injured\n"

static enum geo_status read_csv(geo_ctx *ctx, const char *text, struct geo_incident_list *l)
{
	return geo_read_incidents_mem(ctx, "t.csv", text, strlen(text), GEO_INPUT_CSV, l);
}

static enum geo_status read_json(geo_ctx *ctx, const char *text, struct geo_incident_list *l)
{
	return geo_read_incidents_mem(ctx, "t.geojson", text, strlen(text), GEO_INPUT_GEOJSON, l);
}

/* The CSV must be refused with exactly `msg`, and the list left as it was. */
static void expect_refused(const char *text, enum geo_status code, const char *msg)
{
	geo_ctx *ctx = geo_ctx_new();
	struct geo_incident_list l = {0};
	/* one record already in the list: it must survive untouched */
	assert_int_equal(read_csv(ctx, "id,date\nkeep,2018-01-01\n", &l), GEO_OK);
	assert_int_equal(l.n, 1);
	assert_int_equal(read_csv(ctx, text, &l), code);
	assert_string_equal(geo_ctx_error_message(ctx), msg);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].id, "keep");
	geo_incident_list_free(&l);
	geo_ctx_free(ctx);
}

static void test_good_csv(void **state)
{
	(void)state;
	geo_ctx *ctx = geo_ctx_new();
	struct geo_incident_list l = {0};
	const char *text =
		"ID,Date,TIME,Place_Text,Governorate,Facility Name,Facility-Type,perpetrator,"
		"Weapon,killed,injured,damage,control,source,notes,witness,category\n"
		"a1,2018-01-20,20:45,\"Saraqeb city, Idlib\",Idleb,Saraqeb civil defense center,"
		"Civil Defence,Russian forces,missile,0,2,partly destroyed,opposition,SNHR,"
		"\"two lines\nof notes\",  Ahmad  ,facility_attack\n"
		"a2,2018-01-21,,Kafr Zita,,,hospitals,,,,,,,,,,\n";
	assert_int_equal(read_csv(ctx, text, &l), GEO_OK);
	assert_int_equal(l.n, 2);
	struct geo_incident *a = &l.v[0], *b = &l.v[1];
	assert_string_equal(a->id, "a1");
	assert_string_equal(a->date, "2018-01-20");
	assert_string_equal(a->time, "20:45");
	assert_string_equal(a->date_precision, "day");
	assert_string_equal(a->place_text, "Saraqeb city, Idlib");
	assert_string_equal(a->governorate, "Idleb");
	assert_string_equal(a->facility_name, "Saraqeb civil defense center");
	assert_string_equal(a->facility_type, "civil_defense"); /* normalised */
	assert_string_equal(a->perpetrator, "Russian forces");
	assert_int_equal(a->killed, 0);
	assert_int_equal(a->injured, 2);
	assert_string_equal(a->notes, "two lines\nof notes");
	assert_string_equal(a->source_file, "t.csv");
	assert_int_equal(a->source_line, 2);
	assert_false(a->has_point);
	assert_null(a->geocode_status);
	/* unknown columns kept in input order, as written, trimmed */
	assert_int_equal(a->n_attrs, 2);
	assert_string_equal(a->attrs[0].key, "witness");
	assert_string_equal(a->attrs[0].value, "Ahmad");
	assert_string_equal(a->attrs[1].key, "category");
	assert_string_equal(geo_incident_attr(a, "category"), "facility_attack");
	/* the second record starts on line 4: the notes spanned two lines */
	assert_int_equal(b->source_line, 4);
	assert_null(b->time);
	assert_null(b->governorate);
	assert_string_equal(b->facility_type, "hospital");
	assert_int_equal(b->killed, -1); /* not stated */
	assert_int_equal(b->injured, -1);
	assert_null(geo_incident_attr(b, "witness"));
	assert_int_equal(b->n_attrs, 2);
	geo_incident_list_free(&l);
	geo_ctx_free(ctx);
}

static void test_date_rules(void **state)
{
	(void)state;
	expect_refused(HDR "a,2018-01-02,,x,,,\nb,2018-13-06,,x,,,\n", GEO_ERR_PARSE,
	               "t.csv:3: column \"date\": \"2018-13-06\" is not a date");
	expect_refused(HDR "a,2018-02-30,,x,,,\n", GEO_ERR_PARSE,
	               "t.csv:2: column \"date\": \"2018-02-30\" is not a date");
	expect_refused(HDR "a,20/01/2018,,x,,,\n", GEO_ERR_PARSE,
	               "t.csv:2: column \"date\": \"20/01/2018\" is not a date");
	expect_refused(HDR "a,,,x,,,\n", GEO_ERR_INVALID, "t.csv:2: column \"date\": the date is missing");
	expect_refused("id,place\na,x\n", GEO_ERR_INVALID, "t.csv:1: no \"date\" column in the header");
	expect_refused("id,date,date_precision\na,2018-01-01,week\n", GEO_ERR_INVALID,
	               "t.csv:2: column \"date_precision\": \"week\" is not one of day, month, approximate");
}

static void test_time_and_count_rules(void **state)
{
	(void)state;
	expect_refused(HDR "a,2018-01-02,25:00,x,,,\n", GEO_ERR_PARSE,
	               "t.csv:2: column \"time\": \"25:00\" is not a time (HH:MM)");
	expect_refused(HDR "a,2018-01-02,around noon,x,,,\n", GEO_ERR_PARSE,
	               "t.csv:2: column \"time\": \"around noon\" is not a time (HH:MM)");
	expect_refused(HDR "a,2018-01-02,,x,,-1,\n", GEO_ERR_PARSE,
	               "t.csv:2: column \"killed\": \"-1\" is not a non-negative whole number");
	expect_refused(HDR "a,2018-01-02,,x,,,2.5\n", GEO_ERR_PARSE,
	               "t.csv:2: column \"injured\": \"2.5\" is not a non-negative whole number");
	expect_refused(HDR "a,2018-01-02,,x,,several,\n", GEO_ERR_PARSE,
	               "t.csv:2: column \"killed\": \"several\" is not a non-negative whole number");
	expect_refused(HDR "a,2018-01-02,,x,,99999999999,\n", GEO_ERR_INVALID,
	               "t.csv:2: column \"killed\": \"99999999999\" is too large");
}

/* A date after today (a typing slip for 2013 or 2021?) or a time of day on
 * a date that is only a month or approximate is kept, but warned about. */
static void test_future_date_and_vague_time_warned(void **state)
{
	(void)state;
	geo_ctx *ctx = geo_ctx_new();
	struct geo_incident_list l = {0};
	assert_int_equal(read_csv(ctx, "id,date,time,date_precision\n"
	                               "fut,2099-05-01,,\n"
	                               "ok,2018-01-02,10:00,day\n"
	                               "vague,2018-01-01,10:00,month\n", &l), GEO_OK);
	assert_int_equal(l.n, 3);
	assert_int_equal(geo_ctx_warning_count(ctx), 2);
	assert_string_equal(geo_ctx_warning(ctx, 0),
	                    "t.csv:2: incident fut: column \"date\": 2099-05-01 is in the future");
	assert_string_equal(geo_ctx_warning(ctx, 1),
	                    "t.csv:4: incident vague: column \"time\": 10:00 is given, but the date "
	                    "precision is month");
	geo_incident_list_free(&l);
	geo_ctx_free(ctx);

	/* a count past any single attack on a facility: a slip, probably; kept */
	ctx = geo_ctx_new();
	assert_int_equal(read_csv(ctx, "id,date,killed,injured\n"
	                               "big,2018-01-02,99999999,1000\n", &l), GEO_OK);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].killed, 99999999);
	assert_int_equal(geo_ctx_warning_count(ctx), 1);
	assert_string_equal(geo_ctx_warning(ctx, 0),
	                    "t.csv:2: incident big: column \"killed\": 99999999 is more than 1000 "
	                    "people in one incident; check the number");
	geo_incident_list_free(&l);
	geo_ctx_free(ctx);
}

static void test_facility_type_rules(void **state)
{
	(void)state;
	const char *word = NULL;
	static const char *const ok[][2] = {
		{"hospital", "hospital"},         {"Hospital", "hospital"},
		{"civil defense", "civil_defense"}, {"Civil Defence", "civil_defense"},
		{"civil-defence centre", "civil_defense"}, {"medical point", "medical_point"},
		{"Clinic", "medical_point"},      {"Red Crescent", "red_crescent"},
		{"AMBULANCE", "ambulance"},       {"other", "other"},
	};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		assert_true(geo_facility_type_normalise(ok[i][0], &word));
		assert_string_equal(word, ok[i][1]);
	}
	assert_false(geo_facility_type_normalise("school", &word));
	expect_refused(HDR "a,2018-01-02,,x,school,,\n", GEO_ERR_INVALID,
	               "t.csv:2: column \"facility_type\": \"school\" is not a facility type "
	               "(hospital, medical_point, ambulance, civil_defense, red_crescent, other)");
}

static void test_coordinate_rules(void **state)
{
	(void)state;
	expect_refused("id,date,lon,lat\na,2018-01-02,36.8,\n", GEO_ERR_INVALID,
	               "t.csv:2: columns \"lon\" and \"lat\": give both longitude and latitude, or neither");
	expect_refused("id,date,Longitude,Latitude\na,2018-01-02,east,35.8\n", GEO_ERR_PARSE,
	               "t.csv:2: column \"Longitude\": \"east\" is not a number");
	expect_refused("id,date,lon,lat\na,2018-01-02,36.8,95\n", GEO_ERR_INVALID,
	               "t.csv:2: column \"lat\": \"95\" is out of range (-90 to 90 degrees)");
	expect_refused("id,date,lon,lat\na,2018-01-02,nan,35\n", GEO_ERR_PARSE,
	               "t.csv:2: column \"lon\": \"nan\" is not a number");
	/* strtod reads hexadecimal: 0x24 would silently become 36 degrees */
	expect_refused("id,date,lon,lat\na,2018-01-02,0x24,35.9\n", GEO_ERR_PARSE,
	               "t.csv:2: column \"lon\": \"0x24\" is not a number");

	/* a point is kept as input; outside Syria it is a warning only */
	geo_ctx *ctx = geo_ctx_new();
	struct geo_incident_list l = {0};
	assert_int_equal(read_csv(ctx, "id,date,lon,lat\nin,2018-01-02,36.8061,35.8611\n"
	                               "out,2018-01-03,2.35,48.85\n", &l), GEO_OK);
	assert_int_equal(l.n, 2);
	assert_true(l.v[0].has_point);
	assert_true(l.v[0].lon > 36.80 && l.v[0].lon < 36.81);
	assert_string_equal(l.v[0].geocode_status, "input");
	assert_int_equal(l.v[0].geo_precision, 1);
	assert_int_equal(l.v[0].n_attrs, 0); /* lon/lat are not attributes */
	assert_int_equal(geo_ctx_warning_count(ctx), 1);
	assert_string_equal(geo_ctx_warning(ctx, 0),
	                    "t.csv:3: incident out: the point (2.350000, 48.850000) is outside Syria");
	assert_int_equal(geo_ctx_error_code(ctx), GEO_OK);
	geo_incident_list_free(&l);
	geo_ctx_free(ctx);
}

/* A given point keeps the precision the input states: a town-centre point
 * re-imported from an export must not become an exact one. */
static void test_point_precision(void **state)
{
	(void)state;
	expect_refused("id,date,lon,lat,geo_precision\na,2018-01-02,36.8,35.8,4\n", GEO_ERR_INVALID,
	               "t.csv:2: column \"geo_precision\": \"4\" is not a geo-precision code (1, 2 or 3)");
	expect_refused("id,date,lon,lat,precision_word\na,2018-01-02,36.8,35.8,village\n",
	               GEO_ERR_INVALID,
	               "t.csv:2: column \"precision_word\": \"village\" is not a precision word (point, "
	               "neighbourhood, community, subdistrict, district, governorate, region)");
	expect_refused("id,date,lon,lat,geo_precision,precision_word\na,2018-01-02,36.8,35.8,1,governorate\n",
	               GEO_ERR_INVALID,
	               "t.csv:2: columns \"geo_precision\" and \"precision_word\": precision 1 is finer "
	               "than \"governorate\"");

	geo_ctx *ctx = geo_ctx_new();
	struct geo_incident_list l = {0};
	assert_int_equal(read_csv(ctx,
	                          "id,date,lon,lat,geo_precision,precision_word\n"
	                          "town,2018-01-02,36.8061,35.8611,1,community\n"
	                          "gov,2018-01-02,36.6,35.9,3,governorate\n"
	                          "code,2018-01-02,36.8061,35.8611,1,\n"
	                          "none,2018-01-02,36.8061,35.8611,,\n"
	                          "near,2018-01-02,36.8061,35.8611,2,community\n"
	                          "nopoint,2018-01-02,,,2,district\n",
	                          &l),
	                 GEO_OK);
	assert_int_equal(l.n, 6);
	assert_string_equal(l.v[0].precision_word, "community");
	assert_int_equal(l.v[0].geo_precision, 1);
	assert_string_equal(l.v[1].precision_word, "governorate");
	assert_int_equal(l.v[1].geo_precision, 3);
	assert_string_equal(l.v[2].precision_word, "community"); /* a code alone: the coarsest word */
	assert_string_equal(l.v[3].precision_word, "point");     /* nothing stated: an exact point */
	assert_string_equal(l.v[4].precision_word, "community"); /* near a town: ACLED 2 */
	assert_int_equal(l.v[4].geo_precision, 2);
	assert_false(l.v[5].has_point);                          /* no point: kept as attributes */
	assert_null(l.v[5].precision_word);
	assert_string_equal(geo_incident_attr(&l.v[5], "geo_precision"), "2");
	assert_string_equal(geo_incident_attr(&l.v[5], "precision_word"), "district");
	geo_incident_list_free(&l);
	geo_ctx_free(ctx);
}

static void test_structure_rules(void **state)
{
	(void)state;
	expect_refused(HDR "a,2018-01-02,,x,,\n", GEO_ERR_PARSE,
	               "t.csv:2: 6 fields, but the header has 7 (quote values that contain commas)");
	expect_refused("id,date,place,place_text\na,2018-01-02,x,y\n", GEO_ERR_INVALID,
	               "t.csv:1: columns \"place\" and \"place_text\" give the same field");
	expect_refused("id,date,,x\na,2018-01-02,1,2\n", GEO_ERR_PARSE,
	               "t.csv:1: column 3 of the header has no name");
	expect_refused("id,date,place\na,2018-01-02,\"Sara\xff\"\n", GEO_ERR_PARSE,
	               "t.csv:2: column \"place\": not valid UTF-8 text");
	expect_refused("", GEO_ERR_PARSE, "t.csv: the file is empty (a header line is needed)");
	expect_refused("id,date\na,2018-01-02\nb,\"2018-01-03\n", GEO_ERR_PARSE,
	               "t.csv:3: quoted field is never closed (the input ends on line 4)");
}

static void test_ids(void **state)
{
	(void)state;
	expect_refused(HDR "a,2018-01-02,,x,,,\nb,2018-01-02,,x,,,\na,2018-01-03,,y,,,\n",
	               GEO_ERR_INVALID, "t.csv:4: column \"id\": \"a\" is repeated (first on line 2)");
	expect_refused("date,place\n2018-01-02,Douma\n2018-01-02,Douma\n", GEO_ERR_INVALID,
	               "t.csv:3: this row repeats line 2 exactly (same date, place and cells); give "
	               "the rows ids if they are different incidents");

	/* derived ids are stable and depend on the content */
	geo_ctx *ctx = geo_ctx_new();
	struct geo_incident_list l1 = {0}, l2 = {0};
	const char *text = "id,date,place,facility_name\n,2018-01-02,Douma,A\n,2018-01-02,Douma,B\n";
	assert_int_equal(read_csv(ctx, text, &l1), GEO_OK);
	assert_int_equal(read_csv(ctx, text, &l2), GEO_OK);
	assert_int_equal(l1.n, 2);
	assert_int_equal(strncmp(l1.v[0].id, "auto-", 5), 0);
	assert_int_equal(strlen(l1.v[0].id), 21);
	assert_string_equal(l1.v[0].id, l2.v[0].id);
	assert_string_equal(l1.v[1].id, l2.v[1].id);
	assert_string_not_equal(l1.v[0].id, l1.v[1].id);
	geo_incident_list_free(&l1);
	geo_incident_list_free(&l2);
	geo_ctx_free(ctx);
}

static const char *GEOJSON =
	"{\"type\":\"FeatureCollection\",\"features\":[\n"
	" {\"type\":\"Feature\",\"id\":\"g1\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[36.8061,35.8611]},\n"
	"  \"properties\":{\"date\":\"2018-01-20\",\"Time\":\"20:45\",\"place\":\"Saraqeb\",\"killed\":1,"
	"\"facility_type\":\"civil defense\",\"reporter\":\"x\",\"score\":2.5,\"tags\":[\"a\",\"b\"],\"gone\":null}},\n"
	" {\"type\":\"Feature\",\"geometry\":null,\"properties\":{\"id\":\"g2\",\"date\":\"2018-01-21\","
	"\"place_text\":\"Kafr Zita\"}}\n"
	"]}\n";

static void test_geojson(void **state)
{
	(void)state;
	geo_ctx *ctx = geo_ctx_new();
	struct geo_incident_list l = {0};
	assert_int_equal(read_json(ctx, GEOJSON, &l), GEO_OK);
	assert_int_equal(l.n, 2);
	struct geo_incident *a = &l.v[0], *b = &l.v[1];
	assert_string_equal(a->id, "g1"); /* the Feature id */
	assert_true(a->has_point);
	assert_true(a->lon > 36.80 && a->lon < 36.81 && a->lat > 35.86 && a->lat < 35.87);
	assert_string_equal(a->geocode_status, "input");
	assert_string_equal(a->time, "20:45");
	assert_int_equal(a->killed, 1);
	assert_string_equal(a->facility_type, "civil_defense");
	assert_int_equal(a->source_line, 1);
	assert_string_equal(geo_incident_attr(a, "reporter"), "x");
	assert_string_equal(geo_incident_attr(a, "score"), "2.5");
	assert_string_equal(geo_incident_attr(a, "tags"), "[\"a\",\"b\"]");
	assert_int_equal(a->n_attrs, 4);
	assert_null(geo_incident_attr(a, "gone"));
	assert_string_equal(b->id, "g2");
	assert_false(b->has_point);
	assert_string_equal(b->place_text, "Kafr Zita");
	assert_int_equal(b->source_line, 2);
	geo_incident_list_free(&l);
	geo_ctx_free(ctx);

	/* auto-detection by content and by name */
	ctx = geo_ctx_new();
	assert_int_equal(geo_read_incidents_mem(ctx, "stdin", GEOJSON, strlen(GEOJSON), GEO_INPUT_AUTO, &l),
	                 GEO_OK);
	assert_int_equal(l.n, 2);
	geo_incident_list_free(&l);
	geo_ctx_free(ctx);
}

static void expect_json_refused(const char *text, enum geo_status code, const char *msg)
{
	geo_ctx *ctx = geo_ctx_new();
	struct geo_incident_list l = {0};
	assert_int_equal(read_json(ctx, text, &l), code);
	assert_string_equal(geo_ctx_error_message(ctx), msg);
	assert_int_equal(l.n, 0);
	geo_ctx_free(ctx);
}

static void test_geojson_errors(void **state)
{
	(void)state;
	expect_json_refused("{\"type\":\"FeatureCollection\",\"features\":[\n"
	                    "{\"type\":\"Feature\",\"geometry\":null,\"properties\":{\"date\":\"2018-01-02\"}},\n"
	                    "{\"type\":\"Feature\",\"geometry\":null,\"properties\":{\"date\":\"2018-13-06\"}}]}",
	                    GEO_ERR_PARSE, "t.geojson: feature 2: column \"date\": \"2018-13-06\" is not a date");
	expect_json_refused("{\"type\":\"FeatureCollection\",\n\"features\":[\n{\"type\":}]}", GEO_ERR_PARSE,
	                    "t.geojson:3: JSON: unexpected character");
	expect_json_refused("{\"type\":\"FeatureCollection\",\"features\":[\n"
	                    "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[]},"
	                    "\"properties\":{\"date\":\"2018-01-02\"}}]}",
	                    GEO_ERR_INVALID, "t.geojson: feature 1: geometry: type \"Polygon\" is not supported (Point or null)");
	expect_json_refused("{\"type\":\"FeatureCollection\",\"features\":[\n"
	                    "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[36.8,35.8]},"
	                    "\"properties\":{\"date\":\"2018-01-02\",\"lon\":36.9,\"lat\":35.8}}]}",
	                    GEO_ERR_INVALID,
	                    "t.geojson: feature 1: the Point geometry (36.8, 35.8) and the lon/lat properties (36.9, 35.8) disagree");
	expect_json_refused("{\"type\":\"Feature\"}", GEO_ERR_PARSE,
	                    "t.geojson: not a GeoJSON FeatureCollection (an object with \"type\": "
	                    "\"FeatureCollection\" and a \"features\" array)");
	expect_json_refused("{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":"
	                    "{\"name\":\"EPSG:3857\"}},\"features\":[]}",
	                    GEO_ERR_INVALID,
	                    "t.geojson: \"crs\" {\"type\":\"name\",\"properties\":{\"name\":\"EPSG:3857\"}} "
	                    "is not WGS84 longitude/latitude (RFC 7946)");
	expect_json_refused("{\"type\":\"FeatureCollection\",\"features\":[\n"
	                    "{\"type\":\"Feature\",\"id\":\"x\",\"properties\":{\"date\":\"2018-01-02\"}},"
	                    "{\"type\":\"Feature\",\"id\":\"x\",\"properties\":{\"date\":\"2018-01-03\"}}]}",
	                    GEO_ERR_INVALID, "t.geojson: feature 2: column \"id\": \"x\" is repeated (first on feature 1)");
}

static void test_builtin_dataset(void **state)
{
	(void)state;
	geo_ctx *ctx = geo_ctx_new();
	struct geo_incident_list l = {0};
	char path[1024];
	const char *src = getenv("STRIKEMAP_SOURCE_DIR");
	snprintf(path, sizeof path, "%s/data/incidents-2018-01.csv", src && *src ? src : STRIKEMAP_SOURCE_DIR);
	assert_int_equal(geo_read_incidents(ctx, path, "incidents-2018-01.csv", GEO_INPUT_AUTO, &l), GEO_OK);
	assert_int_equal(l.n, 28);
	for (size_t i = 0; i < l.n; i++) {
		char want[48];
		snprintf(want, sizeof want, "snhr-2018-01-%03zu", i + 1);
		assert_string_equal(l.v[i].id, want);
		assert_non_null(l.v[i].place_text);
		assert_non_null(l.v[i].perpetrator);
		assert_non_null(geo_incident_attr(&l.v[i], "category"));
		assert_false(l.v[i].has_point);
	}
	/* al Maghara's two undated attacks carry month precision */
	assert_string_equal(l.v[26].date_precision, "month");
	assert_string_equal(l.v[27].date_precision, "month");
	assert_string_equal(l.v[25].facility_name, l.v[26].facility_name);
	assert_int_equal(geo_ctx_warning_count(ctx), 0);
	geo_incident_list_free(&l);
	geo_ctx_free(ctx);
}

/* Every allocation of a read may fail: the reader must report NOMEM, leave
 * the list as it was and leak nothing (run under ASan with make test-asan). */
static void test_failing_allocations(void **state)
{
	(void)state;
	const char *csv = "id,date,place,facility_type,killed,extra\n"
	                  "a,2018-01-02,\"Douma, city\",Civil Defence,1,x\n"
	                  ",2018-01-03,Saraqeb,hospital,,y\n";
	int done_csv = 0, done_json = 0;
	for (long n = 1; n < 2000 && !(done_csv && done_json); n++) {
		for (int fmt = 0; fmt < 2; fmt++) {
			if ((fmt == 0 && done_csv) || (fmt == 1 && done_json))
				continue;
			geo_ctx *ctx = geo_ctx_new();
			struct geo_incident_list l = {0};
			const char *text = fmt == 0 ? csv : GEOJSON;
			geo_alloc_fail_after(n);
			enum geo_status st = geo_read_incidents_mem(ctx, "t", text, strlen(text),
			                                            fmt == 0 ? GEO_INPUT_CSV : GEO_INPUT_GEOJSON, &l);
			geo_alloc_fail_after(0);
			if (st == GEO_OK) {
				assert_int_equal(l.n, 2);
				if (fmt == 0)
					done_csv = 1;
				else
					done_json = 1;
			} else {
				assert_int_equal(st, GEO_ERR_NOMEM);
				assert_int_equal(l.n, 0);
			}
			geo_incident_list_free(&l);
			geo_ctx_free(ctx);
		}
	}
	assert_true(done_csv);
	assert_true(done_json);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_csv),
		cmocka_unit_test(test_date_rules),
		cmocka_unit_test(test_time_and_count_rules),
	    cmocka_unit_test(test_future_date_and_vague_time_warned),
		cmocka_unit_test(test_facility_type_rules),
		cmocka_unit_test(test_coordinate_rules),
		cmocka_unit_test(test_point_precision),
		cmocka_unit_test(test_structure_rules),
		cmocka_unit_test(test_ids),
		cmocka_unit_test(test_geojson),
		cmocka_unit_test(test_geojson_errors),
		cmocka_unit_test(test_builtin_dataset),
		cmocka_unit_test(test_failing_allocations),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
