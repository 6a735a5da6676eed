/* test_store.c — the SpatiaLite store: schema, upsert, attrs, rollback. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "geo/store.h"
#include "tests/test_util.h"

static void fill(struct geo_incident *inc, const char *id, int located)
{
	geo_incident_init(inc);
	assert_int_equal(geo_incident_set(&inc->id, id), GEO_OK);
	assert_int_equal(geo_incident_set(&inc->date, "2018-01-20"), GEO_OK);
	assert_int_equal(geo_incident_set(&inc->time, "20:45"), GEO_OK);
	assert_int_equal(geo_incident_set(&inc->place_text, "Saraqeb city"), GEO_OK);
	assert_int_equal(geo_incident_set(&inc->facility_type, "civil_defense"), GEO_OK);
	assert_int_equal(geo_incident_set(&inc->geocode_status,
	                                  located ? GEO_GC_RESOLVED : GEO_GC_UNRESOLVED), GEO_OK);
	if (located) {
		inc->has_point = 1;
		inc->lon = 36.8007;
		inc->lat = 35.8624;
		inc->geo_precision = 1;
	}
	assert_int_equal(geo_incident_add_attr(inc, "witness_count", "3"), GEO_OK);
	assert_int_equal(geo_incident_add_attr(inc, "empty", NULL), GEO_OK);
}

static void test_store_roundtrip(void **state)
{
	(void)state;
	const char *dir = test_tmpdir();
	geo_ctx *ctx = geo_ctx_new();
	geo_store *st = geo_store_open(ctx, test_path(dir, "s.sqlite"), 1);
	assert_non_null(st);
	struct geo_incident a, b;
	fill(&a, "a1", 1);
	fill(&b, "b1", 0);
	assert_int_equal(geo_incident_set(&b.time, NULL), GEO_OK); /* unknown times sort last */
	int upd = -1;
	assert_int_equal(geo_store_begin(st), GEO_OK);
	assert_int_equal(geo_store_upsert_incident(st, &a, &upd), GEO_OK);
	assert_int_equal(upd, 0);
	assert_int_equal(geo_store_upsert_incident(st, &b, &upd), GEO_OK);
	assert_int_equal(geo_store_commit(st), GEO_OK);

	/* re-import of the same id updates instead of duplicating */
	assert_int_equal(geo_incident_set(&a.time, "21:00"), GEO_OK);
	assert_int_equal(geo_store_upsert_incident(st, &a, &upd), GEO_OK);
	assert_int_equal(upd, 1);
	long n = 0;
	assert_int_equal(geo_store_count_incidents(st, 0, &n), GEO_OK);
	assert_int_equal(n, 2);
	assert_int_equal(geo_store_count_incidents(st, 1, &n), GEO_OK);
	assert_int_equal(n, 1);

	struct geo_incident_list l = {0};
	assert_int_equal(geo_store_load_incidents(st, NULL, &l), GEO_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[0].id, "a1");
	assert_string_equal(l.v[0].time, "21:00");
	assert_true(l.v[0].has_point);
	assert_true(l.v[0].lon > 36.8 && l.v[0].lon < 36.81);
	assert_false(l.v[1].has_point);
	assert_int_equal(l.v[1].killed, -1);
	assert_string_equal(geo_incident_attr(&l.v[0], "witness_count"), "3");
	assert_null(geo_incident_attr(&l.v[0], "empty"));
	assert_int_equal(l.v[0].n_attrs, 2);
	geo_incident_list_free(&l);

	/* a rolled-back transaction leaves the store as it was */
	struct geo_incident c;
	fill(&c, "c1", 1);
	assert_int_equal(geo_store_begin(st), GEO_OK);
	assert_int_equal(geo_store_upsert_incident(st, &c, NULL), GEO_OK);
	geo_store_rollback(st);
	assert_int_equal(geo_store_count_incidents(st, 0, &n), GEO_OK);
	assert_int_equal(n, 2);

	/* the CHECK constraints refuse a bad facility type */
	assert_int_equal(geo_incident_set(&c.facility_type, "school"), GEO_OK);
	assert_int_equal(geo_store_upsert_incident(st, &c, NULL), GEO_ERR_DB);
	assert_non_null(strstr(geo_ctx_error_message(ctx), "c1"));

	geo_incident_clear(&a);
	geo_incident_clear(&b);
	geo_incident_clear(&c);
	geo_store_close(st);
	geo_ctx_clear_error(ctx);

	/* reopening without create works, and a missing file is NOTFOUND */
	st = geo_store_open(ctx, test_path(dir, "s.sqlite"), 0);
	assert_non_null(st);
	geo_store_close(st);
	assert_null(geo_store_open(ctx, test_path(dir, "missing.sqlite"), 0));
	assert_int_equal(geo_ctx_error_code(ctx), GEO_ERR_NOTFOUND);
	assert_non_null(strstr(geo_ctx_error_message(ctx), "missing.sqlite"));
	geo_ctx_free(ctx);
	test_rmtree(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_store_roundtrip),
	};
	return cmocka_run_group_tests_name("geo_store", tests, NULL, NULL);
}
