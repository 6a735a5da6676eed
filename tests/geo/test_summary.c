/* test_summary.c — geo/summary: grouped counts against counts worked out
 * by hand from the fixture, order and wording, the filters, CSV and JSON. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <json-c/json.h>

#include "geo/summary.h"
#include "tests/test_util.h"
#include "tests/geo/query_fixture.h"


static struct geo_summary *run(struct fx *f, const struct geo_query *q, const char *by)
{
	enum geo_summary_key keys[GEO_SUMMARY_MAX_KEYS];
	int n = 0;
	struct geo_summary *s = NULL;
	if (by)
		assert_int_equal(geo_summary_parse_by(f->ctx, by, keys, &n), GEO_OK);
	if (geo_summary_run(f->st, q, keys, n, &s) != GEO_OK)
		fail_msg("summary: %s", geo_ctx_error_message(f->ctx));
	return s;
}

static char *format(struct fx *f, const struct geo_summary *s, enum geo_query_format fmt)
{
	geo_buf b;
	geo_buf_init(&b, GEO_BUF_DEFAULT_CAP);
	assert_int_equal(geo_summary_format(f->ctx, s, fmt, &b), GEO_OK);
	return geo_buf_take(&b);
}

static void check_group(const struct geo_summary *s, size_t i, const char *v0, const char *v1,
                        long count, long attacks, long killed, long pk)
{
	assert_true(i < s->n);
	const struct geo_summary_group *g = &s->groups[i];
	if (v0)
		assert_string_equal(g->value[0], v0);
	else
		assert_null(g->value[0]);
	if (s->nkeys > 1)
		assert_string_equal(g->value[1], v1);
	assert_int_equal(g->count, count);
	assert_int_equal(g->attacks, attacks);
	assert_int_equal(g->killed, killed);
	assert_int_equal(g->personnel_killed, pk);
}

static void test_by_perpetrator_and_type(void **state)
{
	struct fx *f = *state;
	struct geo_query q;
	geo_query_init(&q);
	struct geo_summary *s = run(f, &q, "perpetrator,facility_type");
	/* worked out by hand from FX_ROWS: vocabulary order, then type order */
	assert_int_equal(s->n, 6);
	check_group(s, 0, "regime", "hospital", 3, 2, 1, 1);
	/* killed -1: no row of the group states a number (not 0) */
	check_group(s, 1, "regime", "civil_defense", 1, 1, -1, 0);
	check_group(s, 2, "russia", "hospital", 2, 2, 2, 0);
	check_group(s, 3, "russia", "civil_defense", 1, 1, -1, 0);
	check_group(s, 4, "turkey", "red_crescent", 1, 1, -1, 0);
	check_group(s, 5, "unknown", "ambulance", 1, 1, -1, 0);
	assert_int_equal(s->groups[0].killed_not_stated, 1); /* h-arabic */
	assert_int_equal(s->groups[1].killed_not_stated, 1);
	assert_int_equal(s->groups[2].killed_not_stated, 1); /* a-salam; g-maghara says 2 */
	assert_int_equal(s->total_count, 9);
	assert_int_equal(s->total_attacks, 8);
	assert_int_equal(s->total_killed, 3);
	assert_int_equal(s->total_killed_not_stated, 6);
	assert_int_equal(s->total_personnel_killed, 1);

	char *t = format(f, s, GEO_QUERY_TABLE);
	assert_non_null(strstr(t, "9 incidents: 8 attacks on facilities, 1 personnel killed,"
	                          " at least 3 people killed in all (6 incidents without a figure);"
	                          " by perpetrator and facility type\n"));
	assert_non_null(strstr(t, "\nSyrian regime forces: 3 attacks, 1 personnel killed \xe2\x80\x94"
	                          " 2 hospitals, 1 civil defense facility\n"));
	assert_non_null(strstr(t, "\nRussian forces: 3 attacks, 0 personnel killed \xe2\x80\x94"
	                          " 2 hospitals, 1 civil defense facility\n"));
	assert_non_null(strstr(t, "\nTurkish forces: 1 attack, 0 personnel killed \xe2\x80\x94"
	                          " 1 Red Crescent facility\n"));
	assert_true(strstr(t, "Syrian regime") < strstr(t, "Russian forces"));
	free(t);

	char *c = format(f, s, GEO_QUERY_CSV);
	static const char csv_head[] = "perpetrator,perpetrator_label,facility_type,facility_type_label,"
	                               "count,attacks,killed,personnel_killed,killed_not_stated\r\n";
	assert_true(strncmp(c, csv_head, sizeof csv_head - 1) == 0);
	assert_non_null(strstr(c, "\r\nregime,Syrian regime forces,hospital,Hospitals,3,2,1,1,1\r\n"));
	assert_non_null(strstr(c, "\r\nrussia,Russian forces,hospital,Hospitals,2,2,2,0,1\r\n"));
	/* no row states a number: empty, not 0 */
	assert_non_null(strstr(c, "\r\nturkey,Turkish forces,red_crescent,Red Crescent facilities,1,1,,0,1\r\n"));
	free(c);

	char *j = format(f, s, GEO_QUERY_JSON);
	struct json_object *o = json_tokener_parse(j), *v, *groups, *g;
	assert_non_null(o);
	assert_true(json_object_object_get_ex(o, "by", &v));
	assert_int_equal(json_object_array_length(v), 2);
	assert_string_equal(json_object_get_string(json_object_array_get_idx(v, 1)), "facility_type");
	assert_true(json_object_object_get_ex(o, "total", &v));
	assert_true(json_object_object_get_ex(v, "count", &g));
	assert_int_equal(json_object_get_int(g), 9);
	assert_true(json_object_object_get_ex(o, "groups", &groups));
	assert_int_equal(json_object_array_length(groups), 6);
	g = json_object_array_get_idx(groups, 2);
	assert_true(json_object_object_get_ex(g, "perpetrator", &v));
	assert_string_equal(json_object_get_string(v), "russia");
	assert_true(json_object_object_get_ex(g, "perpetrator_label", &v));
	assert_string_equal(json_object_get_string(v), "Russian forces");
	assert_true(json_object_object_get_ex(g, "count", &v));
	assert_int_equal(json_object_get_int(v), 2);
	assert_true(json_object_object_get_ex(g, "killed", &v));
	assert_int_equal(json_object_get_int(v), 2);
	assert_true(json_object_object_get_ex(g, "killed_not_stated", &v));
	assert_int_equal(json_object_get_int(v), 1);
	g = json_object_array_get_idx(groups, 3); /* russia civil_defense: nobody says */
	assert_true(json_object_object_get_ex(g, "killed", &v));
	assert_true(json_object_is_type(v, json_type_null));
	json_object_put(o);
	free(j);
	geo_summary_free(s);
}

static void test_other_keys(void **state)
{
	struct fx *f = *state;
	struct geo_query q;
	geo_query_init(&q);
	struct geo_summary *s = run(f, &q, "governorate");
	assert_int_equal(s->n, 4);
	check_group(s, 0, "SY02", NULL, 1, 1, -1, 0);
	check_group(s, 1, "SY03", NULL, 2, 1, 1, 1);
	check_group(s, 2, "SY05", NULL, 1, 1, 2, 0);
	check_group(s, 3, "SY07", NULL, 5, 5, -1, 0);
	char *t = format(f, s, GEO_QUERY_TABLE);
	assert_non_null(strstr(t, "\nIdleb: 5 attacks, 0 personnel killed\n"));
	assert_non_null(strstr(t, "\nRural Damascus: 1 attack, 1 personnel killed\n"));
	free(t);
	geo_summary_free(s);

	s = run(f, &q, "zone");
	assert_int_equal(s->n, 4);
	check_group(s, 0, "idlib", NULL, 5, 5, 2, 0);
	check_group(s, 1, "eastern_ghouta", NULL, 2, 1, 1, 1);
	check_group(s, 2, "none", NULL, 1, 1, -1, 0);  /* located, outside every zone */
	check_group(s, 3, NULL, NULL, 1, 1, -1, 0);    /* no point: zone not known */
	t = format(f, s, GEO_QUERY_TABLE);
	assert_non_null(strstr(t, "\noutside the de-escalation zones: 1 attack"));
	assert_non_null(strstr(t, "\nzone not known (not located, or zones not assigned): 1 attack"));
	free(t);
	geo_summary_free(s);
	/* before zones were ever assigned, nothing is "outside" */
	assert_int_equal(geo_store_exec(f->st, "UPDATE incidents SET zone = NULL"), GEO_OK);
	geo_ctx_clear_warnings(f->ctx);
	s = run(f, &q, "zone");
	assert_int_equal(s->n, 1);
	check_group(s, 0, NULL, NULL, 9, 8, 3, 1);
	assert_int_equal(geo_ctx_warning_count(f->ctx), 1);
	geo_ctx_clear_warnings(f->ctx);
	geo_summary_free(s);

	s = run(f, &q, "month,perpetrator");
	assert_int_equal(s->n, 5);
	check_group(s, 4, "2018-02", "russia", 1, 1, 2, 0);
	t = format(f, s, GEO_QUERY_TABLE);
	assert_non_null(strstr(t, "\nJanuary 2018: 7 attacks, 1 personnel killed \xe2\x80\x94"
	                          " Syrian regime forces 3, Russian forces 2, Turkish forces 1,"
	                          " Unidentified perpetrators 1\n"));
	assert_non_null(strstr(t, "\nFebruary 2018: 1 attack, 0 personnel killed \xe2\x80\x94"
	                          " Russian forces 1\n"));
	free(t);
	geo_summary_free(s);

	/* three keys nest: headings with subtotals, the last key inline */
	s = run(f, &q, "perpetrator,governorate,facility_type");
	t = format(f, s, GEO_QUERY_TABLE);
	assert_non_null(strstr(t, "\nRussian forces: 3 attacks, 0 personnel killed\n"
	                          "  Hama: 1 attack, 0 personnel killed \xe2\x80\x94 1 hospital\n"
	                          "  Idleb: 2 attacks, 0 personnel killed \xe2\x80\x94 1 hospital,"
	                          " 1 civil defense facility\n"));
	free(t);
	geo_summary_free(s);

	/* no key: one total */
	s = run(f, &q, NULL);
	assert_int_equal(s->n, 1);
	assert_int_equal(s->groups[0].count, 9);
	t = format(f, s, GEO_QUERY_TABLE);
	assert_string_equal(t, "9 incidents: 8 attacks on facilities, 1 personnel killed,"
	                       " at least 3 people killed in all (6 incidents without a figure)\n");
	free(t);
	geo_summary_free(s);
}

static void test_filters_apply(void **state)
{
	struct fx *f = *state;
	struct geo_query q;
	geo_query_init(&q);
	q.from = "2018-01-01";
	q.to = "2018-01-31";
	q.admin1_pcode = "SY07";
	struct geo_summary *s = run(f, &q, "perpetrator");
	assert_int_equal(s->n, 3);
	check_group(s, 0, "regime", NULL, 2, 2, -1, -1); /* no row here records personnel */
	check_group(s, 1, "russia", NULL, 2, 2, -1, -1); /* nor a killed number */
	check_group(s, 2, "unknown", NULL, 1, 1, -1, -1);
	assert_int_equal(s->total_personnel_killed, -1);
	/* without the attribute the table says "killed" from the killed column */
	char *t = format(f, s, GEO_QUERY_TABLE);
	assert_true(strncmp(t, "5 incidents from 2018-01-01 to 2018-01-31: 5 attacks", 52) == 0);
	assert_non_null(strstr(t, "\nRussian forces: 2 attacks, killed not stated\n"));
	assert_non_null(strstr(t, ": 5 attacks on facilities, killed not stated; by perpetrator\n"));
	free(t);
	char *j = format(f, s, GEO_QUERY_JSON);
	assert_non_null(strstr(j, "\"personnel_killed\": null"));
	assert_non_null(strstr(j, "\"total\": {\"count\": 5, \"attacks\": 5, \"killed\": null,"));
	assert_non_null(strstr(j, "\"killed_not_stated\": 5"));
	char *c = format(f, s, GEO_QUERY_CSV);
	assert_non_null(strstr(c, "\r\nrussia,Russian forces,2,2,,,2\r\n"));
	free(c);
	assert_non_null(strstr(j, "\"from\": \"2018-01-01\", \"to\": \"2018-01-31\""));
	free(j);
	geo_summary_free(s);

	/* nothing matches: empty groups, valid JSON */
	geo_query_init(&q);
	q.zone = "south";
	s = run(f, &q, "perpetrator,facility_type");
	assert_int_equal(s->n, 0);
	j = format(f, s, GEO_QUERY_JSON);
	struct json_object *o = json_tokener_parse(j), *v;
	assert_non_null(o);
	assert_true(json_object_object_get_ex(o, "groups", &v));
	assert_int_equal(json_object_array_length(v), 0);
	json_object_put(o);
	free(j);
	geo_summary_free(s);

	/* a value that looks like SQL: nothing matches, nothing changes */
	unsigned long long before = fx_checksum(f->st, "incidents");
	geo_query_init(&q);
	q.perpetrator = "x' OR '1'='1";
	s = run(f, &q, "perpetrator");
	assert_int_equal(s->n, 0);
	assert_int_equal(s->total_count, 0);
	geo_summary_free(s);
	q.perpetrator = NULL;
	q.facility = "x'); DELETE FROM incidents; --";
	s = run(f, &q, NULL);
	assert_int_equal(s->n, 0);
	geo_summary_free(s);
	assert_true(fx_checksum(f->st, "incidents") == before);

	/* GeoJSON is not a summary format */
	s = run(f, &q, NULL);
	geo_buf b;
	geo_buf_init(&b, 1024);
	assert_int_equal(geo_summary_format(f->ctx, s, GEO_QUERY_GEOJSON, &b), GEO_ERR_UNSUPPORTED);
	geo_ctx_clear_error(f->ctx);
	geo_buf_free(&b);
	geo_summary_free(s);
}

/* Groups where some rows state a killed number and some do not: the sum
 * is a lower bound and says how many rows give no figure; where every row
 * states one, the plain sum. (No personnel_killed attribute in these
 * selections, so the table speaks of "killed".) */
static void test_killed_partly_stated(void **state)
{
	struct fx *f = *state;
	struct geo_query q;
	geo_query_init(&q);
	q.zone = "idlib"; /* a, c, d, g, h: only g-maghara states a number (2) */
	struct geo_summary *s = run(f, &q, "perpetrator");
	assert_int_equal(s->total_personnel_killed, -1);
	assert_int_equal(s->n, 2);
	check_group(s, 0, "regime", NULL, 2, 2, -1, -1);
	check_group(s, 1, "russia", NULL, 3, 3, 2, -1);
	assert_int_equal(s->groups[1].killed_not_stated, 2);
	assert_int_equal(s->total_killed, 2);
	assert_int_equal(s->total_killed_not_stated, 4);
	char *t = format(f, s, GEO_QUERY_TABLE);
	assert_non_null(strstr(t, "5 incidents: 5 attacks on facilities, at least 2 people killed in all"
	                          " (4 incidents without a figure); by perpetrator\n"));
	assert_non_null(strstr(t, "\nSyrian regime forces: 2 attacks, killed not stated\n"));
	assert_non_null(strstr(t, "\nRussian forces: 3 attacks, at least 2 killed"
	                          " (2 incidents without a figure)\n"));
	free(t);
	char *c = format(f, s, GEO_QUERY_CSV);
	assert_non_null(strstr(c, "\r\nregime,Syrian regime forces,2,2,,,2\r\n"));
	assert_non_null(strstr(c, "\r\nrussia,Russian forces,3,3,2,,2\r\n"));
	free(c);
	geo_summary_free(s);

	/* headings add up only what is stated, and keep the count of the rest */
	s = run(f, &q, "perpetrator,facility_type");
	t = format(f, s, GEO_QUERY_TABLE);
	assert_non_null(strstr(t, "\nRussian forces: 3 attacks, at least 2 killed (2 incidents without"
	                          " a figure) \xe2\x80\x94 2 hospitals, 1 civil defense facility\n"));
	free(t);
	geo_summary_free(s);

	/* every row states a number: no "at least"; one row without: singular */
	q.zone = NULL;
	q.from = "2018-02-01";
	s = run(f, &q, "perpetrator");
	check_group(s, 0, "russia", NULL, 1, 1, 2, -1);
	assert_int_equal(s->groups[0].killed_not_stated, 0);
	t = format(f, s, GEO_QUERY_TABLE);
	assert_non_null(strstr(t, "1 incident from 2018-02-01: 1 attack on facilities, 2 people killed"
	                          " in all; by perpetrator\n"));
	assert_non_null(strstr(t, "\nRussian forces: 1 attack, 2 killed\n"));
	free(t);
	geo_summary_free(s);
	q.from = NULL;
	q.facility_type = "hospital";
	q.zone = "idlib";
	q.perpetrator = "russia"; /* a-salam (not stated) and g-maghara (2) */
	s = run(f, &q, NULL);
	t = format(f, s, GEO_QUERY_TABLE);
	assert_string_equal(t, "2 incidents: 2 attacks on facilities, at least 2 people killed in all"
	                       " (1 incident without a figure)\n");
	free(t);
	char *j = format(f, s, GEO_QUERY_JSON);
	assert_non_null(strstr(j, "\"killed\": 2,"));
	assert_non_null(strstr(j, "\"killed_not_stated\": 1"));
	free(j);
	geo_summary_free(s);
}

static void test_parse_by(void **state)
{
	struct fx *f = *state;
	enum geo_summary_key k[GEO_SUMMARY_MAX_KEYS];
	int n = 0;
	assert_int_equal(geo_summary_parse_by(f->ctx, "month,zone,governorate,facility_type,perpetrator",
	                                      k, &n), GEO_OK);
	assert_int_equal(n, 5);
	assert_int_equal(k[0], GEO_SUMMARY_MONTH);
	assert_int_equal(k[4], GEO_SUMMARY_PERPETRATOR);
	static const struct {
		const char *by, *msg;
	} bad[] = {
		{"weapon", "--by: \"weapon\" is not one of"},
		{"perpetrator,perpetrator", "\"perpetrator\" is given twice"},
		{"perpetrator,", "ends with a comma"},
		{"", "give at least one"},
		{"perpetrator,,zone", "\"\" is not one of"},
		{"x' OR '1'='1", "is not one of"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(geo_summary_parse_by(f->ctx, bad[i].by, k, &n), GEO_ERR_INVALID);
		if (!strstr(geo_ctx_error_message(f->ctx), bad[i].msg))
			fail_msg("--by %s: %s", bad[i].by, geo_ctx_error_message(f->ctx));
		geo_ctx_clear_error(f->ctx);
	}
	char tmp[64];
	assert_string_equal(geo_summary_label(GEO_SUMMARY_MONTH, "2018-01", -1, tmp), "January 2018");
	assert_string_equal(geo_summary_label(GEO_SUMMARY_FACILITY_TYPE, "ambulance", 1, tmp),
	                    "ambulance");
	assert_string_equal(geo_summary_label(GEO_SUMMARY_FACILITY_TYPE, "ambulance", 5, tmp),
	                    "ambulances");
	assert_string_equal(geo_summary_label(GEO_SUMMARY_GOVERNORATE, "SY03", -1, tmp),
	                    "Rural Damascus");
	assert_string_equal(geo_summary_label(GEO_SUMMARY_GOVERNORATE, NULL, -1, tmp),
	                    "governorate not known");
}

/* Every allocation of a summary run and its formatting failing in turn:
 * each run fails cleanly with GEO_ERR_NOMEM (or succeeds when the failing
 * allocation was not needed), never crashes, never leaks (ASan setup). */
static void test_failing_allocations(void **state)
{
	struct fx *f = *state;
	struct geo_query q;
	enum geo_summary_key keys[2] = {GEO_SUMMARY_PERPETRATOR, GEO_SUMMARY_FACILITY_TYPE};
	int ok_runs = 0, failed_runs = 0;
	geo_query_init(&q);
	q.perpetrator = "Syrian regime"; /* free text: the folding allocates too */
	for (long n = 1; n < 400; n++) {
		struct geo_summary *s = NULL;
		geo_buf b;
		geo_buf_init(&b, GEO_BUF_DEFAULT_CAP);
		geo_alloc_fail_after(n);
		enum geo_status rc = geo_summary_run(f->st, &q, keys, 2, &s);
		if (rc == GEO_OK)
			rc = geo_summary_format(f->ctx, s, GEO_QUERY_JSON, &b);
		geo_alloc_fail_after(0);
		if (rc == GEO_OK) {
			assert_non_null(strstr(geo_buf_str(&b), "\"count\": 3"));
			ok_runs++;
		} else {
			assert_true(rc == GEO_ERR_NOMEM || rc == GEO_ERR_LIMIT);
			if (s == NULL)
				assert_true(geo_ctx_error_code(f->ctx) != GEO_OK);
			failed_runs++;
		}
		geo_ctx_clear_error(f->ctx);
		geo_summary_free(s);
		geo_buf_free(&b);
		if (rc == GEO_OK && ok_runs > 3)
			break; /* past the last allocation */
	}
	assert_true(failed_runs > 3);
	assert_true(ok_runs > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_by_perpetrator_and_type, setup, teardown),
		cmocka_unit_test_setup_teardown(test_other_keys, setup, teardown),
		cmocka_unit_test_setup_teardown(test_filters_apply, setup, teardown),
		cmocka_unit_test_setup_teardown(test_killed_partly_stated, setup, teardown),
		cmocka_unit_test_setup_teardown(test_parse_by, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failing_allocations, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
