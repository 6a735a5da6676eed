/* test_reader_dupkeys.c — a GeoJSON key repeated within one object is
 * refused (json-c would silently keep only the last value): in a Feature's
 * properties, elsewhere in a feature, and outside the features; keys are
 * compared as json-c sees them (after unescaping, surrogate pairs, a lone
 * surrogate as U+FFFD, cut at a NUL); strings, comments and nesting do not
 * confuse the scan; earlier bad features are still reported first; a large
 * object is scanned quickly; failing allocations are reported as such. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "geo/buf.h"
#include "geo/reader.h"
#include "tests/test_util.h"

#define HEAD "{\"type\":\"FeatureCollection\",\"features\":[\n"
#define F(props) "{\"type\":\"Feature\",\"geometry\":null,\"properties\":" props "}"

static enum geo_status read_json(geo_ctx *ctx, const char *text, struct geo_incident_list *l)
{
	return geo_read_incidents_mem(ctx, "t.geojson", text, strlen(text), GEO_INPUT_GEOJSON, l);
}

/* Refused with exactly `msg`; a record already in the list survives. */
static void expect_refused(const char *text, enum geo_status code, const char *msg)
{
	geo_ctx *ctx = geo_ctx_new();
	struct geo_incident_list l = {0};
	assert_int_equal(read_json(ctx, HEAD F("{\"id\":\"keep\",\"date\":\"2018-01-01\"}") "]}", &l),
	                 GEO_OK);
	assert_int_equal(l.n, 1);
	assert_int_equal(read_json(ctx, text, &l), code);
	assert_string_equal(geo_ctx_error_message(ctx), msg);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].id, "keep");
	geo_incident_list_free(&l);
	geo_ctx_free(ctx);
}

static void expect_read(const char *text, size_t n)
{
	geo_ctx *ctx = geo_ctx_new();
	struct geo_incident_list l = {0};
	enum geo_status st = read_json(ctx, text, &l);
	if (st != GEO_OK)
		fail_msg("refused: %s", geo_ctx_error_message(ctx));
	assert_int_equal(l.n, n);
	geo_incident_list_free(&l);
	geo_ctx_free(ctx);
}

static void test_repeated_property(void **state)
{
	(void)state;
	/* the case of the closing note: the record would silently become the 20th */
	expect_refused(HEAD F("{\"date\":\"2018-01-02\",\"place\":\"Douma\"}") ",\n"
	               F("{\"date\":\"2018-01-02\",\"date\":\"2018-01-20\"}") "]}",
	               GEO_ERR_PARSE, "t.geojson: feature 2: property \"date\" appears twice (line 3)");
	/* on two lines */
	expect_refused(HEAD F("{\"killed\":3,\n\"place\":\"Douma\",\n\"killed\":0,\"date\":\"2018-01-02\"}") "]}",
	               GEO_ERR_PARSE, "t.geojson: feature 1: property \"killed\" appears twice (lines 2 and 4)");
	/* three times: named once, at its first repetition */
	expect_refused(HEAD F("{\"a\":1,\"b\":1,\"b\":2,\"a\":2,\"a\":3,\"date\":\"2018-01-02\"}") "]}",
	               GEO_ERR_PARSE, "t.geojson: feature 1: property \"b\" appears twice (line 2)");
	/* a key the reader does not know is an attribute: repeated is just as wrong */
	expect_refused(HEAD F("{\"date\":\"2018-01-02\",\"witness\":\"A\",\"witness\":\"B\"}") "]}",
	               GEO_ERR_PARSE, "t.geojson: feature 1: property \"witness\" appears twice (line 2)");
}

static void test_keys_compared_as_json_sees_them(void **state)
{
	(void)state;
	/* an escaped letter is the same key */
	expect_refused(HEAD F("{\"date\":\"2018-01-02\",\"d\\u0061te\":\"2018-01-20\"}") "]}",
	               GEO_ERR_PARSE, "t.geojson: feature 1: property \"date\" appears twice (line 2)");
	/* \u00e9 and the raw UTF-8 of é */
	expect_refused(HEAD F("{\"date\":\"2018-01-02\",\"caf\\u00e9\":1,\"caf\xc3\xa9\":2}") "]}",
	               GEO_ERR_PARSE, "t.geojson: feature 1: property \"caf\xc3\xa9\" appears twice (line 2)");
	/* a surrogate pair and the raw 4-byte UTF-8 of U+1F600 */
	expect_refused(HEAD F("{\"date\":\"2018-01-02\",\"\\ud83d\\ude00\":1,\"\xf0\x9f\x98\x80\":2}") "]}",
	               GEO_ERR_PARSE, "t.geojson: feature 1: property \"\xf0\x9f\x98\x80\" appears twice (line 2)");
	/* json-c turns two different lone surrogates into U+FFFD: one key for it */
	expect_refused(HEAD F("{\"date\":\"2018-01-02\",\"\\ud800\":1,\"\\udbff\":2}") "]}",
	               GEO_ERR_PARSE, "t.geojson: feature 1: property \"\xef\xbf\xbd\" appears twice (line 2)");
	/* json-c cuts a key at \u0000: "a\u0000b" and "a\u0000c" are both "a" */
	expect_refused(HEAD F("{\"date\":\"2018-01-02\",\"a\\u0000b\":1,\"a\\u0000c\":2}") "]}",
	               GEO_ERR_PARSE, "t.geojson: feature 1: property \"a\" appears twice (line 2)");
	/* escapes that make different keys stay different */
	expect_read(HEAD F("{\"date\":\"2018-01-02\",\"a\\\"b\":1,\"a\\\\b\":2,\"a/b\":3,\"a\\nb\":4,"
	                   "\"a\\tb\":5,\"A\":6,\"a\":7,\"\\u00e9\":8,\"e\\u0301\":9}") "]}", 1);
}

static void test_repeated_elsewhere(void **state)
{
	(void)state;
	/* in a feature's geometry */
	expect_refused(HEAD "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[36.6,35.9],"
	               "\"coordinates\":[35.9,36.6]},\"properties\":{\"date\":\"2018-01-02\"}}]}",
	               GEO_ERR_PARSE, "t.geojson: feature 1: key \"coordinates\" appears twice in one object (line 2)");
	/* at the feature's own level: two property sets */
	expect_refused(HEAD "{\"type\":\"Feature\",\"properties\":{\"date\":\"2018-01-02\"},\n"
	               "\"properties\":{\"date\":\"2018-01-03\"}}]}",
	               GEO_ERR_PARSE, "t.geojson: feature 1: key \"properties\" appears twice in one object (lines 2 and 3)");
	/* inside an object-valued property (kept as an attribute) */
	expect_refused(HEAD F("{\"date\":\"2018-01-02\",\"extra\":{\"n\":1,\"n\":2}}") "]}",
	               GEO_ERR_PARSE, "t.geojson: feature 1: key \"n\" appears twice in one object (line 2)");
	/* outside the features: the collection itself */
	expect_refused("{\"type\":\"FeatureCollection\",\"features\":[],\n\"features\":[" F("{\"date\":\"2018-01-02\"}") "]}",
	               GEO_ERR_PARSE, "t.geojson:2: JSON: key \"features\" appears twice in one object (lines 1 and 2)");
	expect_refused("{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"type\":\"x\",\"properties\":"
	               "{\"name\":\"EPSG:4326\"}},\"features\":[]}",
	               GEO_ERR_PARSE, "t.geojson:1: JSON: key \"type\" appears twice in one object (line 1)");
}

static void test_no_false_alarm(void **state)
{
	(void)state;
	/* the same key in sibling and nested objects; keys inside string values,
	 * braces and quotes in strings; comments, single quotes and trailing
	 * commas that json-c's lenient mode accepts */
	expect_read(HEAD F("{\"date\":\"2018-01-02\",\"notes\":\"a } { \\\"date\\\": \\\"x\\\", [\",\"extra\":{\"date\":1,"
	                   "\"sub\":{\"date\":2}},\"list\":[{\"a\":1},{\"a\":2}]}") ",\n"
	                   "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[36.6,35.9]},"
	                   "\"properties\":{\"date\":\"2018-01-03\",\"type\":\"x\"}}]}", 2);
	expect_read(HEAD "/* a comment with \"date\": \"x\" */ " F("{'date':'2018-01-02', // \"date\"\n"
	                   "\"place\":\"Douma\",}") ",]}", 1);
	/* but a repeat written with single quotes or after a comment is found */
	expect_refused(HEAD F("{'date':'2018-01-02', /* c */ \"date\":\"2018-01-20\"}") "]}",
	               GEO_ERR_PARSE, "t.geojson: feature 1: property \"date\" appears twice (line 2)");
	/* the feature index counts past features holding arrays and strings with commas */
	expect_refused(HEAD F("{\"date\":\"2018-01-02\",\"tags\":[1,2,3],\"n\":\"a,b\"}") ",\n"
	               F("{\"date\":\"2018-01-03\"}") ",\n" F("{\"date\":\"2018-01-04\",\"n\":1,\"n\":2}") "]}",
	               GEO_ERR_PARSE, "t.geojson: feature 3: property \"n\" appears twice (line 4)");
}

static void test_order_of_errors(void **state)
{
	(void)state;
	/* an earlier bad feature is reported first, as in any file */
	expect_refused(HEAD F("{\"date\":\"2018-13-02\"}") ",\n" F("{\"date\":\"2018-01-02\",\"date\":\"2018-01-03\"}") "]}",
	               GEO_ERR_PARSE, "t.geojson: feature 1: column \"date\": \"2018-13-02\" is not a date");
	/* and a repeated key before a later bad feature */
	expect_refused(HEAD F("{\"date\":\"2018-01-02\",\"date\":\"2018-01-03\"}") ",\n" F("{\"date\":\"2018-13-02\"}") "]}",
	               GEO_ERR_PARSE, "t.geojson: feature 1: property \"date\" appears twice (line 2)");
}

/* One object of 20,000 keys with the repeat at the very end: found (the
 * check sorts keys; its speed on big files is measured by hand, see the
 * commit that added it, not timed here). */
static void test_large_object(void **state)
{
	(void)state;
	geo_buf b;
	geo_buf_init(&b, (size_t)64 << 20);
	assert_int_equal(geo_buf_adds(&b, HEAD "{\"type\":\"Feature\",\"properties\":{\"date\":\"2018-01-02\""), GEO_OK);
	for (int k = 0; k < 20000; k++)
		assert_int_equal(geo_buf_addf(&b, ",\"k%d\":%d", k, k), GEO_OK);
	size_t cut = b.len;
	assert_int_equal(geo_buf_adds(&b, ",\"k7\":0}}]}"), GEO_OK);
	geo_ctx *ctx = geo_ctx_new();
	struct geo_incident_list l = {0};
	assert_int_equal(read_json(ctx, geo_buf_str(&b), &l), GEO_ERR_PARSE);
	assert_string_equal(geo_ctx_error_message(ctx), "t.geojson: feature 1: property \"k7\" appears twice (line 2)");
	geo_ctx_free(ctx);
	/* without the repeat the same object is read */
	b.len = cut;
	b.data[cut] = '\0';
	assert_int_equal(geo_buf_adds(&b, "}}]}"), GEO_OK);
	ctx = geo_ctx_new();
	assert_int_equal(read_json(ctx, geo_buf_str(&b), &l), GEO_OK);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].n_attrs, 20000);
	geo_incident_list_free(&l);
	geo_ctx_free(ctx);
	geo_buf_free(&b);
}

/* Every allocation of the check may fail: NOMEM, nothing appended. */
static void test_failing_allocations(void **state)
{
	(void)state;
	const char *text = HEAD F("{\"date\":\"2018-01-02\",\"extra\":{\"a\":1}}") ",\n"
	                   F("{\"date\":\"2018-01-03\",\"x\":1,\"x\":2}") "]}";
	int done = 0;
	for (long n = 1; n < 2000 && !done; n++) {
		geo_ctx *ctx = geo_ctx_new();
		struct geo_incident_list l = {0};
		geo_alloc_fail_after(n);
		enum geo_status st = read_json(ctx, text, &l);
		geo_alloc_fail_after(0);
		if (st == GEO_ERR_PARSE) {
			assert_string_equal(geo_ctx_error_message(ctx),
			                    "t.geojson: feature 2: property \"x\" appears twice (line 3)");
			done = 1;
		} else {
			assert_int_equal(st, GEO_ERR_NOMEM);
		}
		assert_int_equal(l.n, 0);
		geo_incident_list_free(&l);
		geo_ctx_free(ctx);
	}
	assert_true(done);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_repeated_property),
		cmocka_unit_test(test_keys_compared_as_json_sees_them),
		cmocka_unit_test(test_repeated_elsewhere),
		cmocka_unit_test(test_no_false_alarm),
		cmocka_unit_test(test_order_of_errors),
		cmocka_unit_test(test_large_object),
		cmocka_unit_test(test_failing_allocations),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
