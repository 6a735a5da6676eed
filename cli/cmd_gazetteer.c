/* cmd_gazetteer.c — `strikemap gazetteer build [--sources DIR] [-o GAZ]
 * [--curated FILE] [--quarters FILE] [--facilities FILE]`: build the gazetteer database (gazetteer/build.h). */
#include "cli/cli.h"
#include "gazetteer/build.h"

#include <stdlib.h>
#include <string.h>

#ifndef STRIKEMAP_SOURCE_DIR
#define STRIKEMAP_SOURCE_DIR "."
#endif

static const char CMD[] = "gazetteer";

static void usage(FILE *f)
{
	fprintf(f,
	        "Usage: strikemap gazetteer build [--sources DIR] [-o GAZ] [--curated FILE]\n"
	        "                                 [--quarters FILE] [--facilities FILE]\n"
	        "\n"
	        "Build the place-name gazetteer (a SpatiaLite database) from the reference\n"
	        "data: OCHA governorate and sub-district polygons (districts are their\n"
	        "union), OCHA communities and community points, OpenSyria names and aliases,\n"
	        "GeoNames, OSM/IOM locations and the Syrian Archive gazetteer, merged into\n"
	        "one place per real place with every name and the source of every name and\n"
	        "point. When the reference data folder is absent, a reduced gazetteer is\n"
	        "built from the project's curated list (governorates and the towns of the\n"
	        "built-in dataset) and a note says so.\n"
	        "\n"
	        "Options:\n"
	        "  --sources DIR    reference data folder (default: %s)\n"
	        "  -o, --output GAZ the database to write (default: %s); replaced only\n"
	        "                   when the build succeeds\n"
	        "  --curated FILE   the curated list (default: %s/gazetteer/curated/places.csv)\n"
	        "  --quarters FILE  the curated city quarters no source holds, each placed at\n"
	        "                   its city's point (header city_pcode,name_en,name_ar,\n"
	        "                   aliases,source; default:\n"
	        "                   %s/gazetteer/curated/quarters.csv; 'none': none)\n"
	        "  --facilities FILE\n"
	        "                   add your facility registry CSV (header id,name,type,\n"
	        "                   town_pcode,lon,lat,aliases,note; aliases separated by |)\n"
	        "                   to the `facilities` table, which always holds the\n"
	        "                   project's seed (%s/gazetteer/facilities.csv); a row\n"
	        "                   with the id of a seed row replaces it. An error in the\n"
	        "                   file (named with its line and column) fails the build\n"
	        "  --help           show this help\n"
	        "\n"
	        "Prints the counts per source and the build time on stderr (unless --quiet).\n"
	        "Exit codes: 0 built, 1 I/O or library failure (e.g. the output folder does\n"
	        "not exist), 2 usage error, 3 a source file (or the --facilities file) is\n"
	        "malformed, 5 a source file is "
	        "missing from the reference data folder.\n",
	        cli_shared_data_dir(), CLI_DEFAULT_GAZ, STRIKEMAP_SOURCE_DIR, STRIKEMAP_SOURCE_DIR,
	        STRIKEMAP_SOURCE_DIR);
}

static void print_stats(const struct geo_gaz_build_stats *st, const char *out)
{
	if (cli_quiet)
		return;
	fprintf(stderr, "strikemap: %s: wrote %s: %ld places, %ld names, %ld admin areas in %.2f s%s\n",
	        CMD, out, st->places, st->names, st->admin_areas, st->seconds,
	        st->reduced ? " (reduced)" : "");
	for (size_t i = 0; i < st->n_counts; i++)
		fprintf(stderr, "strikemap: %s:   %-40s %ld\n", CMD, st->counts[i].key,
		        st->counts[i].value);
}

static int build(int argc, char **argv)
{
	const char *sources = cli_shared_data_dir(), *output = CLI_DEFAULT_GAZ;
	const char *curated = STRIKEMAP_SOURCE_DIR "/gazetteer/curated/places.csv";
	const char *quarters = STRIKEMAP_SOURCE_DIR "/gazetteer/curated/quarters.csv";
	const char *facilities = NULL;
	struct geo_gaz_build_opts opts;
	struct geo_gaz_build_stats st;
	geo_ctx *ctx;
	int rc;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage(stdout);
			return CLI_EXIT_OK;
		} else if (strcmp(a, "--sources") == 0 || strcmp(a, "-o") == 0 ||
		           strcmp(a, "--output") == 0 || strcmp(a, "--curated") == 0 ||
		           strcmp(a, "--facilities") == 0 || strcmp(a, "--quarters") == 0) {
			if (i + 1 >= argc || !*argv[i + 1])
				return cli_usage_error(CMD, "%s needs a value", a);
			if (strcmp(a, "--sources") == 0)
				sources = argv[++i];
			else if (strcmp(a, "--curated") == 0)
				curated = argv[++i];
			else if (strcmp(a, "--facilities") == 0)
				facilities = argv[++i];
			else if (strcmp(a, "--quarters") == 0)
				quarters = argv[++i];
			else
				output = argv[++i];
		} else {
			return cli_usage_error(CMD, "build: unexpected argument '%s'", a);
		}
	}
	ctx = geo_ctx_new();
	if (!ctx) {
		fprintf(stderr, "strikemap: %s: cannot initialise GEOS/PROJ\n", CMD);
		return CLI_EXIT_FAILURE;
	}
	memset(&opts, 0, sizeof opts);
	opts.facilities = facilities;
	opts.sources = sources;
	opts.curated = curated;
	opts.quarters = strcmp(quarters, "none") == 0 ? NULL : quarters;
	opts.output = output;
	if (geo_gaz_build(ctx, &opts, &st) != GEO_OK) {
		rc = cli_fail(ctx, CMD);
		geo_ctx_free(ctx);
		return rc;
	}
	cli_flush_warnings(ctx, CMD);
	if (st.reduced)
		cli_note(CMD, "reference data not found at %s: built a reduced gazetteer from the "
		         "curated list (%ld places)", sources, st.places);
	print_stats(&st, output);
	geo_ctx_free(ctx);
	return CLI_EXIT_OK;
}

int cli_cmd_gazetteer(int argc, char **argv)
{
	if (argc < 2)
		return cli_usage_error(CMD, "missing subcommand (build)");
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return CLI_EXIT_OK;
	}
	if (strcmp(argv[1], "build") == 0)
		return build(argc - 1, argv + 1);
	return cli_usage_error(CMD, "unknown subcommand '%s' (expected: build)", argv[1]);
}
