/* test_core.c — the context, the bounded buffer and the unit parsers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "geo/buf.h"
#include "geo/ctx.h"
#include "geo/units.h"
#include "tests/test_util.h"

static void test_error_first_wins(void **state)
{
	(void)state;
	geo_ctx *ctx = geo_ctx_new();
	assert_non_null(ctx);
	assert_int_equal(geo_ctx_error_code(ctx), GEO_OK);
	assert_int_equal(GEO_ERROR(ctx, GEO_ERR_PARSE, "a.csv:3: column \"date\": bad"), GEO_ERR_PARSE);
	assert_int_equal(GEO_ERROR(ctx, GEO_ERR_DB, "later"), GEO_ERR_DB);
	assert_int_equal(geo_ctx_error_code(ctx), GEO_ERR_PARSE);
	assert_string_equal(geo_ctx_error_message(ctx), "a.csv:3: column \"date\": bad");
	assert_non_null(strstr(geo_ctx_error_origin(ctx), "test_error_first_wins"));
	geo_ctx_clear_error(ctx);
	assert_int_equal(geo_ctx_error_code(ctx), GEO_OK);
	geo_ctx_warn(ctx, "w%d", 1);
	assert_int_equal(geo_ctx_warning_count(ctx), 1);
	assert_string_equal(geo_ctx_warning(ctx, 0), "w1");
	geo_ctx_free(ctx);
	geo_ctx_free(NULL);
}

static void test_geos_errors_reach_context(void **state)
{
	(void)state;
	geo_ctx *ctx = geo_ctx_new();
	GEOSWKTReader *r = GEOSWKTReader_create_r(geo_ctx_geos(ctx));
	GEOSGeometry *g = GEOSWKTReader_read_r(geo_ctx_geos(ctx), r, "POINT (1");
	assert_null(g);
	assert_int_equal(geo_ctx_error_code(ctx), GEO_ERR_GEOS);
	GEOSWKTReader_destroy_r(geo_ctx_geos(ctx), r);
	geo_ctx_free(ctx);
}

static void test_buf_cap_and_escape(void **state)
{
	(void)state;
	geo_buf b;
	geo_buf_init(&b, 8);
	assert_int_equal(geo_buf_adds(&b, "abc"), GEO_OK);
	assert_int_equal(geo_buf_adds(&b, "defgh"), GEO_ERR_LIMIT);
	assert_string_equal(geo_buf_str(&b), "abc"); /* unchanged after a refused append */
	assert_int_equal(geo_buf_addf(&b, "%d", 1234), GEO_OK);
	assert_string_equal(geo_buf_str(&b), "abc1234");
	geo_buf_free(&b);

	geo_buf_init(&b, 0);
	assert_int_equal(geo_buf_add_json_str(&b, "a\"b\\c\n\x01"), GEO_OK);
	assert_string_equal(geo_buf_str(&b), "\"a\\\"b\\\\c\\n\\u0001\"");
	geo_buf_reset(&b);
	assert_int_equal(geo_buf_add_csv_field(&b, "Ma'aret, \"al\" Nu'man"), GEO_OK);
	assert_string_equal(geo_buf_str(&b), "\"Ma'aret, \"\"al\"\" Nu'man\"");
	geo_buf_reset(&b);
	assert_int_equal(geo_buf_add_xml_str(&b, "<a href=\"x\">Tom & Jerry</a>"), GEO_OK);
	assert_string_equal(geo_buf_str(&b), "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&lt;/a&gt;");
	geo_buf_reset(&b);
	assert_int_equal(geo_buf_add_xml_str(&b, NULL), GEO_OK);
	assert_int_equal(geo_buf_len(&b), 0);
	assert_int_equal(geo_buf_add_csv_field(&b, "Ma'aret, \"al\" Nu'man"), GEO_OK);
	char *s = geo_buf_take(&b);
	assert_string_equal(s, "\"Ma'aret, \"\"al\"\" Nu'man\"");
	free(s);
	assert_int_equal(geo_buf_len(&b), 0);
	geo_buf_free(&b);
}

static void test_buf_failing_allocation(void **state)
{
	(void)state;
	geo_buf b;
	geo_buf_init(&b, 0);
	geo_alloc_fail_after(1);
	assert_int_equal(geo_buf_adds(&b, "x"), GEO_ERR_NOMEM);
	assert_int_equal(geo_buf_len(&b), 0);
	assert_int_equal(geo_buf_adds(&b, "x"), GEO_OK);
	geo_buf_free(&b);
}

static void test_units(void **state)
{
	(void)state;
	double v;
	assert_int_equal(geo_parse_distance("500m", &v), GEO_OK);
	assert_true(v == 500.0);
	assert_int_equal(geo_parse_distance("2km", &v), GEO_OK);
	assert_true(v == 2000.0);
	assert_int_equal(geo_parse_distance("1.5 km", &v), GEO_OK);
	assert_true(v == 1500.0);
	assert_int_equal(geo_parse_distance("500", &v), GEO_ERR_PARSE);
	assert_int_equal(geo_parse_distance("x", &v), GEO_ERR_PARSE);
	/* hexadecimal and values infinite once converted are no distances */
	assert_int_equal(geo_parse_distance("0x10km", &v), GEO_ERR_PARSE);
	assert_int_equal(geo_parse_distance("1e308km", &v), GEO_ERR_PARSE);
	assert_int_equal(geo_parse_duration("1e308w", &v), GEO_ERR_PARSE);
	assert_int_equal(geo_parse_distance("-1km", &v), GEO_ERR_PARSE);
	assert_int_equal(geo_parse_distance("2 miles", &v), GEO_ERR_PARSE);
	assert_int_equal(geo_parse_duration("45min", &v), GEO_OK);
	assert_true(v == 2700.0);
	assert_int_equal(geo_parse_duration("1h", &v), GEO_OK);
	assert_true(v == 3600.0);
	assert_int_equal(geo_parse_duration("30d", &v), GEO_OK);
	assert_true(v == 30 * 86400.0);
	assert_int_equal(geo_parse_duration("nan h", &v), GEO_ERR_PARSE);
	assert_int_equal(geo_parse_duration("inf", &v), GEO_ERR_PARSE);
}

static void test_dates(void **state)
{
	(void)state;
	int32_t d, t;
	char out[11];
	assert_int_equal(geo_parse_date("1970-01-01", &d), GEO_OK);
	assert_int_equal(d, 0);
	assert_int_equal(geo_parse_date("2018-01-29", &d), GEO_OK);
	assert_int_equal(d, 17560);
	geo_format_date(d, out);
	assert_string_equal(out, "2018-01-29");
	assert_int_equal(geo_parse_date("2016-02-29", &d), GEO_OK);
	assert_int_equal(geo_parse_date("2018-02-29", &d), GEO_ERR_PARSE);
	assert_int_equal(geo_parse_date("2018-13-06", &d), GEO_ERR_PARSE);
	assert_int_equal(geo_parse_date("2018-1-6", &d), GEO_ERR_PARSE);
	assert_int_equal(geo_parse_date("06/01/2018", &d), GEO_ERR_PARSE);
	assert_int_equal(geo_parse_time("19:30", &t), GEO_OK);
	assert_int_equal(t, 19 * 3600 + 30 * 60);
	assert_int_equal(geo_parse_time("23:59:59", &t), GEO_OK);
	assert_int_equal(geo_parse_time("24:00", &t), GEO_ERR_PARSE);
	assert_int_equal(geo_parse_time("7pm", &t), GEO_ERR_PARSE);
}

/* geo_grow: doubles from `first`, keeps what it held, and on a failed
 * allocation leaves the array and its capacity as they were. */
static void test_grow(void **state)
{
	(void)state;
	size_t cap = 0;
	int *v = geo_grow(NULL, &cap, 1, sizeof *v, 4);
	assert_non_null(v);
	assert_int_equal(cap, 4);
	for (int i = 0; i < 4; i++)
		v[i] = i;
	assert_ptr_equal(geo_grow(v, &cap, 4, sizeof *v, 4), v); /* room already */
	int *w = geo_grow(v, &cap, 9, sizeof *v, 4);
	assert_non_null(w);
	assert_int_equal(cap, 16);
	for (int i = 0; i < 4; i++)
		assert_int_equal(w[i], i);
	geo_alloc_fail_after(1);
	assert_null(geo_grow(w, &cap, 17, sizeof *w, 4));
	geo_alloc_fail_after(0);
	assert_int_equal(cap, 16);
	assert_int_equal(w[3], 3);
	/* a size that would overflow is refused, not wrapped */
	size_t big = 1;
	assert_null(geo_grow(NULL, &big, (size_t)-1 / 2, 16, 1));
	free(w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_error_first_wins),
		cmocka_unit_test(test_geos_errors_reach_context),
		cmocka_unit_test(test_buf_cap_and_escape),
		cmocka_unit_test(test_buf_failing_allocation),
		cmocka_unit_test(test_grow),
		cmocka_unit_test(test_units),
		cmocka_unit_test(test_dates),
	};
	return cmocka_run_group_tests_name("geo_core", tests, NULL, NULL);
}
