/* test_map.c — the maps (layers/map.h): PNG compared with reference images
 * within a tolerance, determinism, SVG well-formed with one symbol per
 * drawn incident, the HTML file self-contained, what the summary and the
 * credits say, Arabic text shaped with real glyphs, and the refusals
 * (missing gazetteer, unknown zone, bad extension or size).
 *
 * Reference images live in tests/data/maps/. To regenerate them after a
 * deliberate change of the drawing: STRIKEMAP_UPDATE_REFERENCE=1 and run
 * this test, then LOOK at them before committing. To keep the rendered
 * files for viewing: STRIKEMAP_MAP_KEEP=DIR. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "tests/test_util.h"
/* fixture.h (the export tests') builds paths with snprintf into fixed buffers */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-truncation"
#include "tests/layers/fixture.h"
#pragma GCC diagnostic pop
#include "tests/layers/map_fixture.h"

#include <cairo.h>
#include <pango/pangocairo.h>
#include <sys/stat.h>

#include "layers/map.h"

/* Under LeakSanitizer (make test-asan): fontconfig keeps its configuration
 * and pattern caches until the process ends, which LeakSanitizer reports as
 * leaks of memory strikemap never owned. This hook (read by LeakSanitizer
 * only; inert otherwise) suppresses exactly those. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}

static char g_dir[256];
static const char *g_gaz;
static char g_db[512], g_db_plain[512];

static int setup(void **state)
{
	(void)state;
	snprintf(g_dir, sizeof g_dir, "%s", test_tmpdir());
	g_gaz = fixture_gazetteer(g_dir);
	if (!g_gaz)
		return 0;
	map_fixture_towns(g_gaz);
	snprintf(g_db, sizeof g_db, "%s/strikes.sqlite", g_dir);
	map_fixture_store(g_db);
	map_fixture_analysis(g_db);
	snprintf(g_db_plain, sizeof g_db_plain, "%s/plain.sqlite", g_dir);
	map_fixture_store(g_db_plain);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	test_rmtree(g_dir);
	return 0;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	if (fread(buf, 1, (size_t)n, f) != (size_t)n)
		abort();
	buf[n] = '\0';
	fclose(f);
	if (len)
		*len = (size_t)n;
	return buf;
}

static size_t count_str(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return n;
}

/* Render with the fixture store; returns the status and fills *sum. */
static enum geo_status render(const char *db, struct geo_map_opts *o, const char *name,
                              struct geo_map_summary *sum, char *path_out, size_t cap)
{
	geo_ctx *ctx = geo_ctx_new();
	geo_store *st = geo_store_open(ctx, db, 0);
	enum geo_map_format fmt;
	enum geo_status rc;
	const char *keep = getenv("STRIKEMAP_MAP_KEEP");
	assert_non_null(st);
	snprintf(path_out, cap, "%s/%s", keep && *keep ? keep : g_dir, name);
	assert_int_equal(geo_map_format_from_path(ctx, path_out, &fmt), GEO_OK);
	rc = geo_map_write(ctx, st, o, fmt, path_out, sum);
	if (rc != GEO_OK)
		fprintf(stderr, "map error: %s\n", geo_ctx_error_message(ctx));
	geo_store_close(st);
	geo_ctx_free(ctx);
	return rc;
}

/* Pixels whose largest channel difference passes `fuzz` (0..255). Sizes
 * must match; -1 when they do not or a file is unreadable. */
static long png_diff(const char *a, const char *b, int fuzz)
{
	cairo_surface_t *sa = cairo_image_surface_create_from_png(a);
	cairo_surface_t *sb = cairo_image_surface_create_from_png(b);
	long diff = -1;
	if (cairo_surface_status(sa) == CAIRO_STATUS_SUCCESS &&
	    cairo_surface_status(sb) == CAIRO_STATUS_SUCCESS &&
	    cairo_image_surface_get_width(sa) == cairo_image_surface_get_width(sb) &&
	    cairo_image_surface_get_height(sa) == cairo_image_surface_get_height(sb)) {
		int w = cairo_image_surface_get_width(sa), h = cairo_image_surface_get_height(sa);
		int stride_a = cairo_image_surface_get_stride(sa), stride_b = cairo_image_surface_get_stride(sb);
		unsigned char *pa = cairo_image_surface_get_data(sa), *pb = cairo_image_surface_get_data(sb);
		diff = 0;
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				const unsigned char *qa = pa + y * stride_a + 4 * x, *qb = pb + y * stride_b + 4 * x;
				int m = 0;
				for (int c = 0; c < 3; c++)
					m = abs(qa[c] - qb[c]) > m ? abs(qa[c] - qb[c]) : m;
				if (m > fuzz)
					diff++;
			}
	}
	cairo_surface_destroy(sa);
	cairo_surface_destroy(sb);
	return diff;
}

/* Compare with tests/data/maps/<name> (or write it when updating). The
 * tolerance: pixels off by more than 5 % in a channel, at most 0.3 % of
 * the image (anti-aliasing and font-version noise, not a moved symbol). */
static void check_reference(const char *rendered, const char *name, int w, int h)
{
	char ref[600];
	const char *upd = getenv("STRIKEMAP_UPDATE_REFERENCE");
	long diff, allowed = (long)w * h * 3 / 1000;
	snprintf(ref, sizeof ref, "%s/tests/data/maps/%s", STRIKEMAP_SOURCE_DIR, name);
	if (upd && *upd == '1') {
		char cmd[1300];
		snprintf(cmd, sizeof cmd, "cp '%s' '%s'", rendered, ref);
		assert_int_equal(system(cmd), 0);
		fprintf(stderr, "updated reference %s\n", ref);
		return;
	}
	diff = png_diff(rendered, ref, 13);
	if (diff < 0 || diff > allowed)
		fprintf(stderr, "%s: %ld pixels differ from %s (allowed %ld)\n", rendered, diff, ref,
		        allowed);
	assert_true(diff >= 0);
	assert_true(diff <= allowed);
}

static void test_country_png(void **state)
{
	struct geo_map_opts o;
	struct geo_map_summary sum;
	char path[600];
	(void)state;
	if (!g_gaz)
		skip();
	geo_map_opts_init(&o);
	o.gazetteer = g_gaz;
	o.width = 1200;
	o.height = 900;
	assert_int_equal(render(g_db, &o, "country.png", &sum, path, sizeof path), GEO_OK);
	assert_int_equal(sum.incidents, MAP_FIXTURE_N);
	assert_int_equal(sum.drawn, MAP_FIXTURE_LOCATED);
	assert_int_equal(sum.unlocated, MAP_FIXTURE_N - MAP_FIXTURE_LOCATED);
	assert_int_equal(sum.outside, 0);
	assert_true(sum.spread >= 6); /* Saraqib (4), Douma (2), Hamouriya (2) at least */
	assert_int_equal(sum.sequences, 2);
	assert_int_equal(sum.repeats, 2);
	assert_int_equal(sum.have_sequences, 1);
	assert_int_equal(sum.have_repeats, 1);
	assert_int_equal(sum.zones, 4);
	assert_true(sum.towns >= 5);
	check_reference(path, "country.png", 1200, 900);
}

static void test_zone_png(void **state)
{
	struct geo_map_opts o;
	struct geo_map_summary sum;
	char path[600];
	(void)state;
	if (!g_gaz)
		skip();
	geo_map_opts_init(&o);
	o.gazetteer = g_gaz;
	o.width = 1200;
	o.height = 900;
	o.zone = "eastern_ghouta";
	assert_int_equal(render(g_db, &o, "ghouta.png", &sum, path, sizeof path), GEO_OK);
	/* Douma x2, Misraba, Hamouriya x2 are in view; the rest is outside */
	assert_int_equal(sum.drawn, 5);
	assert_int_equal(sum.outside, MAP_FIXTURE_LOCATED - 5);
	assert_int_equal(sum.sequences, 1); /* the lone "tending the wounded" link in Douma */
	assert_int_equal(sum.repeats, 0);
	check_reference(path, "ghouta.png", 1200, 900);

	o.zone = "idlib";
	assert_int_equal(render(g_db, &o, "idlib.png", &sum, path, sizeof path), GEO_OK);
	assert_int_equal(sum.drawn, 7); /* Saraqib x4, Ma'arrat, Kafr Zita x2; Afrin is outside */
	check_reference(path, "idlib.png", 1200, 900);
}

static void test_deterministic(void **state)
{
	struct geo_map_opts o;
	struct geo_map_summary sum;
	char p1[600], p2[600];
	char *a, *b;
	size_t la, lb;
	(void)state;
	if (!g_gaz)
		skip();
	geo_map_opts_init(&o);
	o.gazetteer = g_gaz;
	o.width = 800;
	o.height = 600;
	for (int svg = 0; svg < 2; svg++) {
		assert_int_equal(render(g_db, &o, svg ? "d1.svg" : "d1.png", &sum, p1, sizeof p1), GEO_OK);
		assert_int_equal(render(g_db, &o, svg ? "d2.svg" : "d2.png", &sum, p2, sizeof p2), GEO_OK);
		a = slurp(p1, &la);
		b = slurp(p2, &lb);
		assert_non_null(a);
		assert_non_null(b);
		assert_int_equal(la, lb);
		assert_memory_equal(a, b, la);
		free(a);
		free(b);
	}
}

static void test_svg(void **state)
{
	struct geo_map_opts o;
	struct geo_map_summary sum;
	char path[600], cmd[800];
	char *svg;
	(void)state;
	if (!g_gaz)
		skip();
	geo_map_opts_init(&o);
	o.gazetteer = g_gaz;
	assert_int_equal(render(g_db, &o, "map.svg", &sum, path, sizeof path), GEO_OK);
	svg = slurp(path, NULL);
	assert_non_null(svg);
	assert_non_null(strstr(svg, "<svg"));
	/* incident symbols are the only paths stroked 1.35 wide */
	assert_int_equal(count_str(svg, "stroke-width:1.35;"), (size_t)sum.drawn);
	free(svg);
	if (system("command -v xmllint >/dev/null 2>&1") == 0) {
		snprintf(cmd, sizeof cmd, "xmllint --noout --huge '%s'", path);
		assert_int_equal(system(cmd), 0);
	}
}

static void test_html(void **state)
{
	struct geo_map_opts o;
	struct geo_map_summary sum;
	char path[600];
	char *html;
	(void)state;
	if (!g_gaz)
		skip();
	geo_map_opts_init(&o);
	o.gazetteer = g_gaz;
	assert_int_equal(render(g_db, &o, "map.html", &sum, path, sizeof path), GEO_OK);
	assert_int_equal(sum.drawn, MAP_FIXTURE_LOCATED);
	assert_int_equal(sum.unlocated, 2);
	html = slurp(path, NULL);
	assert_non_null(html);
	/* self-contained: no external script, style sheet or image */
	assert_null(strstr(html, "<script src"));
	assert_null(strstr(html, "<link"));
	assert_null(strstr(html, "@LEAFLET"));
	assert_null(strstr(html, "@DATA@"));
	assert_non_null(strstr(html, "Content-Security-Policy"));
	assert_non_null(strstr(html, "L.map("));           /* the map script is in */
	assert_non_null(strstr(html, "leaflet-container")); /* Leaflet's CSS is in */
	assert_non_null(strstr(html, "window.L"));          /* Leaflet itself is in */
	/* one record per located incident; the Arabic place text kept */
	assert_int_equal(count_str(html, "{\"id\":\"t"), MAP_FIXTURE_LOCATED);
	assert_non_null(strstr(html, "مدينة دير الزور"));
	assert_non_null(strstr(html, "\"label\":\"+12 min\""));
	assert_non_null(strstr(html, "\"subtitle\":\"2 January 2018 – 30 January 2018 · 16 incidents, 14 on the map\""));
	assert_non_null(strstr(html, "2 incidents without location not drawn"));
	free(html);
}

static void test_credits_without_analysis(void **state)
{
	struct geo_map_opts o;
	struct geo_map_summary sum;
	char path[600];
	char *html;
	(void)state;
	if (!g_gaz)
		skip();
	geo_map_opts_init(&o);
	o.gazetteer = g_gaz;
	o.from = "2018-01-10";
	o.to = "2018-01-21";
	assert_int_equal(render(g_db_plain, &o, "plain.html", &sum, path, sizeof path), GEO_OK);
	assert_int_equal(sum.have_sequences, 0);
	assert_int_equal(sum.have_repeats, 0);
	assert_int_equal(sum.sequences, 0);
	assert_int_equal(sum.drawn, 6); /* t07..t12 */
	html = slurp(path, NULL);
	assert_non_null(strstr(html, "no double strikes (not analysed: run strikemap sequences)"));
	assert_non_null(strstr(html, "no repeat groups (not analysed: run strikemap repeats)"));
	assert_non_null(strstr(html, "Town-level locations drawn at the town centre"));
	assert_non_null(strstr(html, "De-escalation zones approximate"));
	assert_non_null(strstr(html, "OCHA COD-AB"));
	free(html);
}

static void test_arabic(void **state)
{
	struct geo_map_opts o;
	struct geo_map_summary sum;
	char path[600];
	cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 10, 10);
	cairo_t *cr = cairo_create(sf);
	PangoLayout *l = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_from_string("Noto Sans, Noto Sans Arabic, DejaVu Sans 12");
	(void)state;
	/* the fonts the map asks for cover Arabic: no missing glyph boxes */
	pango_layout_set_font_description(l, fd);
	pango_layout_set_text(l, "إدلب · الغوطة الشرقية · منطقة خفض التصعيد (تقريبية)", -1);
	assert_int_equal(pango_layout_get_unknown_glyphs_count(l), 0);
	assert_int_equal(pango_layout_get_direction(l, 0), PANGO_DIRECTION_RTL);
	pango_font_description_free(fd);
	g_object_unref(l);
	cairo_destroy(cr);
	cairo_surface_destroy(sf);
	if (!g_gaz)
		skip();
	geo_map_opts_init(&o);
	o.gazetteer = g_gaz;
	o.width = 1200;
	o.height = 900;
	o.lang_ar = 1;
	assert_int_equal(render(g_db, &o, "country-ar.png", &sum, path, sizeof path), GEO_OK);
	assert_int_equal(sum.drawn, MAP_FIXTURE_LOCATED);
	check_reference(path, "country-ar.png", 1200, 900);
}

static void test_refusals(void **state)
{
	struct geo_map_opts o;
	struct geo_map_summary sum;
	geo_ctx *ctx = geo_ctx_new();
	geo_store *st;
	enum geo_map_format fmt;
	char path[600];
	struct stat sb;
	(void)state;
	assert_int_equal(geo_map_format_from_path(ctx, "out/map.jpeg", &fmt), GEO_ERR_INVALID);
	assert_non_null(strstr(geo_ctx_error_message(ctx), "out/map.jpeg"));
	geo_ctx_clear_error(ctx);
	assert_int_equal(geo_map_format_from_path(ctx, "MAP.SVG", &fmt), GEO_OK);
	assert_int_equal(fmt, GEO_MAP_SVG);
	if (!g_gaz) {
		geo_ctx_free(ctx);
		skip();
	}
	st = geo_store_open(ctx, g_db, 0);
	assert_non_null(st);
	geo_map_opts_init(&o);
	snprintf(path, sizeof path, "%s/refused.png", g_dir);

	o.gazetteer = "/nonexistent/gaz.sqlite";
	assert_int_equal(geo_map_write(ctx, st, &o, GEO_MAP_PNG, path, &sum), GEO_ERR_NOTFOUND);
	assert_non_null(strstr(geo_ctx_error_message(ctx), "/nonexistent/gaz.sqlite"));
	geo_ctx_clear_error(ctx);

	o.gazetteer = g_gaz;
	o.zone = "atlantis";
	assert_int_equal(geo_map_write(ctx, st, &o, GEO_MAP_PNG, path, &sum), GEO_ERR_NOTFOUND);
	assert_non_null(strstr(geo_ctx_error_message(ctx), "\"atlantis\""));
	assert_non_null(strstr(geo_ctx_error_message(ctx), "eastern_ghouta"));
	geo_ctx_clear_error(ctx);

	o.zone = NULL;
	o.governorate = "Narnia";
	assert_int_equal(geo_map_write(ctx, st, &o, GEO_MAP_PNG, path, &sum), GEO_ERR_NOTFOUND);
	assert_non_null(strstr(geo_ctx_error_message(ctx), "Narnia"));
	geo_ctx_clear_error(ctx);

	o.governorate = NULL;
	o.width = 100;
	assert_int_equal(geo_map_write(ctx, st, &o, GEO_MAP_PNG, path, &sum), GEO_ERR_INVALID);
	geo_ctx_clear_error(ctx);

	o.width = 1600;
	o.has_bbox = 1;
	o.bbox[0] = 37;
	o.bbox[1] = 35;
	o.bbox[2] = 36;
	o.bbox[3] = 36;
	assert_int_equal(geo_map_write(ctx, st, &o, GEO_MAP_PNG, path, &sum), GEO_ERR_INVALID);
	assert_non_null(strstr(geo_ctx_error_message(ctx), "--bbox"));
	geo_ctx_clear_error(ctx);

	/* nothing was written by a refused map */
	assert_int_not_equal(stat(path, &sb), 0);

	/* a governorate by name zooms there */
	o.has_bbox = 0;
	o.governorate = "Idleb";
	assert_int_equal(geo_map_write(ctx, st, &o, GEO_MAP_PNG, path, &sum), GEO_OK);
	assert_int_equal(stat(path, &sb), 0);
	geo_store_close(st);
	geo_ctx_free(ctx);
}

/* Twelve strikes at one point: one count on a country map (a ring of
 * twelve would cover the towns around), every one drawn on a close map. */
static void test_crowded(void **state)
{
	struct geo_map_opts o;
	struct geo_map_summary sum;
	char path[600], db[600];
	geo_ctx *ctx = geo_ctx_new();
	geo_store *st;
	(void)state;
	if (!g_gaz) {
		geo_ctx_free(ctx);
		skip();
	}
	snprintf(db, sizeof db, "%s/crowded.sqlite", g_dir);
	st = geo_store_open(ctx, db, 1);
	assert_non_null(st);
	for (int i = 0; i < 12; i++) {
		struct geo_incident inc;
		char id[16];
		snprintf(id, sizeof id, "c%02d", i);
		geo_incident_init(&inc);
		assert_int_equal(geo_incident_set(&inc.id, id), GEO_OK);
		assert_int_equal(geo_incident_set(&inc.date, "2018-02-20"), GEO_OK);
		assert_int_equal(geo_incident_set(&inc.facility_type, i % 2 ? "hospital" : "ambulance"), GEO_OK);
		assert_int_equal(geo_incident_set(&inc.perpetrator, i < 8 ? "Syrian regime forces" : "Russian forces"), GEO_OK);
		assert_int_equal(geo_incident_set(&inc.geocode_status, GEO_GC_RESOLVED), GEO_OK);
		inc.has_point = 1;
		inc.lon = 36.40194;
		inc.lat = 33.57167;
		inc.geo_precision = 1;
		assert_int_equal(geo_store_upsert_incident(st, &inc, NULL), GEO_OK);
		geo_incident_clear(&inc);
	}
	geo_store_close(st);
	geo_ctx_free(ctx);
	geo_map_opts_init(&o);
	o.gazetteer = g_gaz;
	o.width = 800;
	o.height = 600;
	assert_int_equal(render(db, &o, "crowded.png", &sum, path, sizeof path), GEO_OK);
	assert_int_equal(sum.counted, 12);
	assert_int_equal(sum.drawn, 0);
	o.has_bbox = 1;
	o.bbox[0] = 36.3;
	o.bbox[1] = 33.5;
	o.bbox[2] = 36.5;
	o.bbox[3] = 33.65;
	assert_int_equal(render(db, &o, "crowded-close.png", &sum, path, sizeof path), GEO_OK);
	assert_int_equal(sum.counted, 0);
	assert_int_equal(sum.drawn, 12);
	assert_int_equal(sum.spread, 12);
}

/* Every allocation the map makes through geo_malloc & co can fail: the
 * result is GEO_ERR_NOMEM (or a clean success when the failing allocation
 * was not needed), never a crash, and no partial file is left. */
static void test_alloc_failures(void **state)
{
	struct geo_map_opts o;
	struct geo_map_summary sum;
	char path[600];
	int failures = 0, last_ok = 0;
	(void)state;
	if (!g_gaz)
		skip();
	geo_map_opts_init(&o);
	o.gazetteer = g_gaz;
	o.width = 400;
	o.height = 300;
	o.zone = "eastern_ghouta";
	for (int fmt = 0; fmt < 2; fmt++) {
		for (long n = 1; n < 20000; n += n < 12 ? 1 : n / 2) {
			geo_ctx *ctx = geo_ctx_new();
			geo_store *st = geo_store_open(ctx, g_db, 0);
			enum geo_status rc;
			struct stat sb;
			assert_non_null(st);
			snprintf(path, sizeof path, "%s/oom.%s", g_dir, fmt ? "html" : "png");
			remove(path);
			geo_alloc_fail_after(n);
			rc = geo_map_write(ctx, st, &o, fmt ? GEO_MAP_HTML : GEO_MAP_PNG, path, &sum);
			geo_alloc_fail_after(0);
			last_ok = rc == GEO_OK;
			if (rc != GEO_OK) {
				if (rc != GEO_ERR_NOMEM)
					fprintf(stderr, "allocation %ld: %s: %s\n", n, geo_status_name(rc),
					        geo_ctx_error_message(ctx));
				assert_int_equal(rc, GEO_ERR_NOMEM);
				assert_int_not_equal(stat(path, &sb), 0);
				failures++;
			}
			geo_store_close(st);
			geo_ctx_free(ctx);
		}
		assert_true(last_ok); /* the range went past the last allocation */
	}
	assert_true(failures > 16);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_country_png),
		cmocka_unit_test(test_zone_png),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_svg),
		cmocka_unit_test(test_html),
		cmocka_unit_test(test_credits_without_analysis),
		cmocka_unit_test(test_arabic),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_crowded),
		cmocka_unit_test(test_alloc_failures),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
