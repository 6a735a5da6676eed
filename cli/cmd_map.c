/* cmd_map.c — `strikemap map`: draw the incidents of a store as a static
 * map (PNG or SVG) or a self-contained offline HTML map (layers/map.h). */
#include "cli/cli.h"
#include "geo/units.h"
#include "layers/map.h"

#include <stdlib.h>
#include <string.h>

static const char *const CMD = "map";

/* Under LeakSanitizer (make test-asan): fontconfig keeps its configuration
 * and pattern caches until the process ends, which LeakSanitizer reports as
 * leaks of memory strikemap never owned. This hook (read by LeakSanitizer
 * only; inert otherwise) suppresses exactly those. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}

static void usage(void)
{
	printf("Usage: strikemap map [--db DB] -o FILE.png|FILE.svg|FILE.html [options]\n"
	       "\n"
	       "Draw the incidents of the store: symbols by facility type, coloured by\n"
	       "perpetrator (colour-blind-safe palette), double-strike sequences as arrows\n"
	       "with the gap, repeat groups as rings with the count, de-escalation zones\n"
	       "(approximate), governorates and main towns, with legend, scale bar, north\n"
	       "arrow and credits. Incidents at the same place are spread around it, never\n"
	       "hidden. The format follows the extension: .png and .svg (static, Cairo),\n"
	       ".html (one self-contained file: works offline, pan/zoom, popups, layer\n"
	       "toggles, time slider).\n"
	       "\n"
	       "Options:\n"
	       "  -o, --output FILE      the map to write (.png, .svg or .html); required\n"
	       "  --db DB                the store (default %s)\n"
	       "  --gazetteer GAZ        boundaries and towns (default $STRIKEMAP_GAZETTEER,\n"
	       "                         else %s)\n"
	       "  --zone Z               zoom to a de-escalation zone: idlib, northern_homs,\n"
	       "                         eastern_ghouta, south\n"
	       "  --governorate G        zoom to a governorate (P-code such as SY07, or name)\n"
	       "  --bbox MINLON,MINLAT,MAXLON,MAXLAT\n"
	       "                         zoom to a box in degrees\n"
	       "  --from DATE, --to DATE only incidents on or after / on or before (YYYY-MM-DD)\n"
	       "  --title TEXT           the title (default: a descriptive title)\n"
	       "  --size WxH             PNG pixels / SVG size (default 1600x1200; at least\n"
	       "                         400x300)\n"
	       "  --lang en|ar           labels and legend in English or Arabic (default en)\n"
	       "  --help                 this help\n"
	       "\n"
	       "Only one of --zone, --governorate and --bbox. Output is deterministic: the\n"
	       "same store and gazetteer give the same file.\n",
	       CLI_DEFAULT_DB, CLI_DEFAULT_GAZ);
}

static int parse_size(const char *val, int *w, int *h)
{
	char *end = NULL;
	long a = strtol(val, &end, 10), b;
	if (end == val || (*end != 'x' && *end != 'X'))
		return -1;
	val = end + 1;
	b = strtol(val, &end, 10);
	if (end == val || *end || a < 400 || b < 300 || a > 20000 || b > 20000)
		return -1;
	*w = (int)a;
	*h = (int)b;
	return 0;
}

static int parse_bbox(const char *val, double b[4])
{
	char *end = NULL;
	const char *p = val;
	for (int i = 0; i < 4; i++) {
		b[i] = strtod(p, &end);
		if (end == p)
			return -1;
		if (i < 3) {
			if (*end != ',')
				return -1;
			p = end + 1;
		}
	}
	if (*end)
		return -1;
	return b[0] < b[2] && b[1] < b[3] && b[0] >= -180 && b[2] <= 180 && b[1] >= -85 &&
	               b[3] <= 85
	           ? 0
	           : -1;
}

int cli_cmd_map(int argc, char **argv)
{
	struct geo_map_opts o;
	struct geo_map_summary sum;
	const char *db = CLI_DEFAULT_DB, *out = NULL, *lang = "en";
	const char *gaz = getenv("STRIKEMAP_GAZETTEER");
	enum geo_map_format fmt;
	geo_ctx *ctx = NULL;
	geo_store *st = NULL;
	int rc = CLI_EXIT_OK, nfocus = 0;
	char spread[128];
	static const char *const langs[] = {"en", "ar", NULL};
	geo_map_opts_init(&o);
	if (!gaz || !*gaz)
		gaz = CLI_DEFAULT_GAZ;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage();
			return CLI_EXIT_OK;
		}
		if (a[0] != '-')
			return cli_usage_error(CMD, "unexpected argument \"%s\"", a);
		if (!v)
			return cli_usage_error(CMD, "%s needs a value", a);
		i++;
		if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
			out = v;
		} else if (strcmp(a, "--db") == 0) {
			db = v;
		} else if (strcmp(a, "--gazetteer") == 0) {
			gaz = v;
		} else if (strcmp(a, "--zone") == 0) {
			o.zone = v;
			nfocus++;
		} else if (strcmp(a, "--governorate") == 0) {
			o.governorate = v;
			nfocus++;
		} else if (strcmp(a, "--bbox") == 0) {
			if (parse_bbox(v, o.bbox) != 0)
				return cli_usage_error(CMD, "--bbox: \"%s\" is not MINLON,MINLAT,MAXLON,MAXLAT"
				                            " in degrees with min < max", v);
			o.has_bbox = 1;
			nfocus++;
		} else if (strcmp(a, "--from") == 0) {
			if ((rc = cli_opt_date(CMD, a, v)) != 0)
				return rc;
			o.from = v;
		} else if (strcmp(a, "--to") == 0) {
			if ((rc = cli_opt_date(CMD, a, v)) != 0)
				return rc;
			o.to = v;
		} else if (strcmp(a, "--title") == 0) {
			o.title = v;
		} else if (strcmp(a, "--size") == 0) {
			if (parse_size(v, &o.width, &o.height) != 0)
				return cli_usage_error(CMD, "--size: \"%s\" is not WxH between 400x300 and"
				                            " 20000x20000", v);
		} else if (strcmp(a, "--lang") == 0) {
			int idx;
			if ((rc = cli_opt_choice(CMD, a, v, langs, &idx)) != 0)
				return rc;
			lang = v;
		} else {
			return cli_usage_error(CMD, "unknown option '%s'", a);
		}
	}
	if (!out)
		return cli_usage_error(CMD, "name the map to write with -o FILE.png|FILE.svg|FILE.html");
	if (nfocus > 1)
		return cli_usage_error(CMD, "use only one of --zone, --governorate and --bbox");
	if (o.from && o.to && strcmp(o.from, o.to) > 0)
		return cli_usage_error(CMD, "--from %s is after --to %s", o.from, o.to);
	o.lang_ar = strcmp(lang, "ar") == 0;
	o.gazetteer = gaz;

	ctx = geo_ctx_new();
	if (!ctx) {
		fprintf(stderr, "strikemap: %s: cannot initialise GEOS/PROJ\n", CMD);
		return CLI_EXIT_FAILURE;
	}
	if (geo_map_format_from_path(ctx, out, &fmt) != GEO_OK) {
		fprintf(stderr, "strikemap: %s: %s\n", CMD, geo_ctx_error_message(ctx));
		geo_ctx_free(ctx);
		return CLI_EXIT_USAGE;
	}
	st = geo_store_open(ctx, db, 0);
	if (!st) {
		rc = cli_fail(ctx, CMD);
		goto out;
	}
	if (geo_map_write(ctx, st, &o, fmt, out, &sum) != GEO_OK) {
		rc = cli_fail(ctx, CMD);
		goto out;
	}
	cli_flush_warnings(ctx, CMD);
	if (fmt == GEO_MAP_HTML)
		snprintf(spread, sizeof spread, "spread on screen by the page");
	else
		snprintf(spread, sizeof spread, "%ld spread around shared points, %ld counted at crowded"
		         " places", sum.spread, sum.counted);
	cli_note(CMD, "%s: %ld incident%s drawn (%s), %ld without"
	              " location, %ld outside the map; %ld double-strike link%s%s, %ld repeat"
	              " group%s%s, %ld zone%s",
	         out, sum.drawn, sum.drawn == 1 ? "" : "s", spread, sum.unlocated, sum.outside,
	         sum.sequences, sum.sequences == 1 ? "" : "s",
	         sum.have_sequences ? "" : " (no sequences table)", sum.repeats,
	         sum.repeats == 1 ? "" : "s", sum.have_repeats ? "" : " (no repeats table)",
	         sum.zones, sum.zones == 1 ? "" : "s");
out:
	geo_store_close(st);
	geo_ctx_free(ctx);
	return rc;
}
