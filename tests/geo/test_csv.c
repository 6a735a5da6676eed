/* test_csv.c — the RFC 4180 reader: quoting, embedded line ends, CRLF, BOM,
 * physical line numbers, and its errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "geo/csv.h"
#include "tests/test_util.h"

static geo_csv *open_text(geo_ctx *ctx, const char *text)
{
	geo_csv *c = geo_csv_open_mem(ctx, "t.csv", text, strlen(text));
	assert_non_null(c);
	return c;
}

/* Read the next record and check its line and fields. */
static void expect_record(geo_csv *c, long line, size_t n, ...)
{
	int got = 0;
	va_list ap;
	assert_int_equal(geo_csv_next(c, &got), GEO_OK);
	assert_int_equal(got, 1);
	assert_int_equal(geo_csv_line(c), line);
	assert_int_equal(geo_csv_nfields(c), n);
	va_start(ap, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(geo_csv_field(c, i), va_arg(ap, const char *));
	va_end(ap);
}

static void expect_end(geo_csv *c)
{
	int got = 1;
	assert_int_equal(geo_csv_next(c, &got), GEO_OK);
	assert_int_equal(got, 0);
}

static void test_plain_and_quoted(void **state)
{
	(void)state;
	geo_ctx *ctx = geo_ctx_new();
	geo_csv *c = open_text(ctx, "a,b,c\n1,\"x, y\",\"say \"\"hi\"\"\"\n,,\n\"\",z,\n");
	expect_record(c, 1, 3, "a", "b", "c");
	expect_record(c, 2, 3, "1", "x, y", "say \"hi\"");
	expect_record(c, 3, 3, "", "", "");
	assert_false(geo_csv_field_quoted(c, 0));
	expect_record(c, 4, 3, "", "z", "");
	assert_true(geo_csv_field_quoted(c, 0));
	assert_false(geo_csv_field_quoted(c, 1));
	expect_end(c);
	expect_end(c); /* stays at the end */
	geo_csv_close(c);
	geo_ctx_free(ctx);
}

static void test_embedded_newlines_keep_line_numbers(void **state)
{
	(void)state;
	geo_ctx *ctx = geo_ctx_new();
	geo_csv *c = open_text(ctx, "id,notes\n1,\"first\nsecond\nthird\"\n2,after\n\n\n3,\"x\r\ny\"\n4,end");
	expect_record(c, 1, 2, "id", "notes");
	expect_record(c, 2, 2, "1", "first\nsecond\nthird");
	expect_record(c, 5, 2, "2", "after");
	/* two empty lines are skipped but counted; CRLF inside quotes is kept */
	expect_record(c, 8, 2, "3", "x\r\ny");
	expect_record(c, 10, 2, "4", "end"); /* no final newline */
	expect_end(c);
	geo_csv_close(c);
	geo_ctx_free(ctx);
}

static void test_crlf_and_bom(void **state)
{
	(void)state;
	geo_ctx *ctx = geo_ctx_new();
	geo_csv *c = open_text(ctx, "\xEF\xBB\xBFid,date\r\nA,2018-01-02\r\nB,\"2018-01-03\"\r\n");
	expect_record(c, 1, 2, "id", "date"); /* the BOM is not part of "id" */
	expect_record(c, 2, 2, "A", "2018-01-02");
	expect_record(c, 3, 2, "B", "2018-01-03");
	expect_end(c);
	geo_csv_close(c);
	/* old Mac line ends (CR alone) count as lines too */
	c = open_text(ctx, "a\rb\rc");
	expect_record(c, 1, 1, "a");
	expect_record(c, 2, 1, "b");
	expect_record(c, 3, 1, "c");
	expect_end(c);
	geo_csv_close(c);
	geo_ctx_free(ctx);
}

static void test_unterminated_quote(void **state)
{
	(void)state;
	geo_ctx *ctx = geo_ctx_new();
	int got;
	geo_csv *c = open_text(ctx, "a,b\n1,2\n3,\"never\nclosed\n");
	expect_record(c, 1, 2, "a", "b");
	expect_record(c, 2, 2, "1", "2");
	assert_int_equal(geo_csv_next(c, &got), GEO_ERR_PARSE);
	assert_string_equal(geo_ctx_error_message(ctx),
	                    "t.csv:3: quoted field is never closed (the input ends on line 5)");
	geo_csv_close(c);
	geo_ctx_free(ctx);
}

static void test_text_after_closing_quote(void **state)
{
	(void)state;
	geo_ctx *ctx = geo_ctx_new();
	int got;
	geo_csv *c = open_text(ctx, "a,b\n\"x\"y,2\n");
	expect_record(c, 1, 2, "a", "b");
	assert_int_equal(geo_csv_next(c, &got), GEO_ERR_PARSE);
	assert_non_null(strstr(geo_ctx_error_message(ctx), "t.csv:2: unexpected text after a closing quote"));
	geo_csv_close(c);
	geo_ctx_free(ctx);
}

static void test_nul_byte(void **state)
{
	(void)state;
	geo_ctx *ctx = geo_ctx_new();
	int got;
	geo_csv *c = geo_csv_open_mem(ctx, "t.csv", "a\nb\0c\n", 6);
	assert_non_null(c);
	expect_record(c, 1, 1, "a");
	assert_int_equal(geo_csv_next(c, &got), GEO_ERR_PARSE);
	assert_string_equal(geo_ctx_error_message(ctx), "t.csv:2: NUL byte in the input");
	geo_csv_close(c);
	geo_ctx_free(ctx);
}

static void test_file_and_missing_file(void **state)
{
	(void)state;
	const char *dir = test_tmpdir();
	geo_ctx *ctx = geo_ctx_new();
	const char *p = test_path(dir, "in.csv");
	test_write_file(p, "x,y\n1,2\n");
	geo_csv *c = geo_csv_open(ctx, p, "in.csv");
	assert_non_null(c);
	assert_string_equal(geo_csv_name(c), "in.csv");
	expect_record(c, 1, 2, "x", "y");
	expect_record(c, 2, 2, "1", "2");
	expect_end(c);
	geo_csv_close(c);
	assert_null(geo_csv_open(ctx, test_path(dir, "nope.csv"), "nope.csv"));
	assert_int_equal(geo_ctx_error_code(ctx), GEO_ERR_NOTFOUND);
	assert_non_null(strstr(geo_ctx_error_message(ctx), "nope.csv: cannot open"));
	geo_ctx_free(ctx);
	test_rmtree(dir);
}

static void test_failing_allocations(void **state)
{
	(void)state;
	const char *text = "id,notes\n1,\"a\nb\"\n2,\"c,d\"\n";
	for (long n = 1; n < 200; n++) {
		geo_ctx *ctx = geo_ctx_new();
		int got = 1, records = 0;
		enum geo_status st = GEO_OK;
		geo_alloc_fail_after(n);
		geo_csv *c = geo_csv_open_mem(ctx, "t.csv", text, strlen(text));
		if (c) {
			while ((st = geo_csv_next(c, &got)) == GEO_OK && got)
				records++;
		}
		geo_alloc_fail_after(0);
		geo_csv_close(c);
		if (c && st == GEO_OK) {
			assert_int_equal(records, 3);
			geo_ctx_free(ctx);
			break;
		}
		assert_int_equal(geo_ctx_error_code(ctx), GEO_ERR_NOMEM);
		geo_ctx_free(ctx);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_and_quoted),
		cmocka_unit_test(test_embedded_newlines_keep_line_numbers),
		cmocka_unit_test(test_crlf_and_bom),
		cmocka_unit_test(test_unterminated_quote),
		cmocka_unit_test(test_text_after_closing_quote),
		cmocka_unit_test(test_nul_byte),
		cmocka_unit_test(test_file_and_missing_file),
		cmocka_unit_test(test_failing_allocations),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
