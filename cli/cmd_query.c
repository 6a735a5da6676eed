/* cmd_query.c — `strikemap query`: the incidents matching a set of
 * filters, as an aligned table, CSV, JSON or GeoJSON on stdout. */
#include "cli/cli.h"
#include "cli/filters.h"
#include "geo/query.h"
#include "geo/store.h"

#include <string.h>

static void help(void)
{
	printf("Usage: strikemap query [--db DB] [filters] [--format table|csv|json|geojson]"
	       " [--limit N]\n"
	       "\n"
	       "Print the incidents of the store that match every filter given, in date\n"
	       "order.\n"
	       "\n"
	       "%s"
	       "\n"
	       "Output:\n"
	       "  --format F             table (default: aligned for a terminal, Arabic\n"
	       "                         kept readable), csv (every column with lon/lat,\n"
	       "                         attributes as attrs.<name> columns), json (a list of\n"
	       "                         incidents with every attribute), geojson (an RFC 7946\n"
	       "                         FeatureCollection; unplaced incidents have a null\n"
	       "                         geometry)\n"
	       "  --limit N              at most N incidents (when more match, the table\n"
	       "                         or a note on stderr says how many)\n"
	       "  --help                 this text\n"
	       "\n"
	       "With --near, each incident also carries its distance (distance_m; km in\n"
	       "the table). Exit codes: 0 (also when nothing matches), 1 runtime failure,\n"
	       "2 usage error, 5 the store, or the sequences/repeats it needs, not found.\n"
	       "\n"
	       "Examples:\n"
	       "  strikemap query --governorate Hama --facility-type hospital --from 2018-02-01 --to 2018-02-07\n"
	       "  strikemap query --near 36.80,35.86 --radius 3km --format geojson\n"
	       "  strikemap query --repeated --perpetrator russia --format json\n",
	       CLI_FILTERS_HELP);
}

static enum geo_status to_stdout(void *user, const char *data, size_t len)
{
	(void)user;
	if (fwrite(data, 1, len, stdout) != len)
		return GEO_ERR_IO;
	return GEO_OK;
}

int cli_cmd_query(int argc, char **argv)
{
	const char *cmd = "query";
	struct cli_filters f;
	geo_ctx *ctx = NULL;
	geo_store *st = NULL;
	int rc = CLI_EXIT_OK, fmt = GEO_QUERY_TABLE;
	long n = 0;

	cli_filters_init(&f);
	for (int i = 1; i < argc;) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			help();
			goto out;
		}
		int r = cli_filters_option(cmd, &f, argc, argv, &i, 1);
		if (r == 1)
			continue;
		if (r != 0) {
			rc = r;
			goto out;
		}
		rc = cli_usage_error(cmd, argv[i][0] == '-' ? "unknown option '%s'"
		                                            : "unexpected argument '%s'", argv[i]);
		goto out;
	}
	if (f.format && (rc = cli_opt_choice(cmd, "--format", f.format, GEO_QUERY_FORMATS, &fmt)))
		goto out;
	if (!(ctx = geo_ctx_new())) {
		fprintf(stderr, "strikemap: %s: cannot initialise GEOS/PROJ\n", cmd);
		rc = CLI_EXIT_FAILURE;
		goto out;
	}
	if ((rc = cli_filters_finish(cmd, ctx, &f)) != 0)
		goto out;
	if (!(st = geo_store_open(ctx, f.db, 0))) {
		rc = cli_fail(ctx, cmd);
		goto out;
	}
	if (geo_query_write(st, &f.q, (enum geo_query_format)fmt, to_stdout, NULL, &n) != GEO_OK) {
		rc = cli_fail(ctx, cmd);
		goto out;
	}
	/* the table says "N of M (limited)" itself; other formats say it here,
	 * so a file cut by --limit is never taken for every match */
	if (fmt != GEO_QUERY_TABLE && f.q.limit && n == f.q.limit) {
		long matching = 0;
		if (geo_query_count(st, &f.q, &matching) != GEO_OK) {
			rc = cli_fail(ctx, cmd);
			goto out;
		}
		if (matching > n)
			cli_note(cmd, "%ld of %ld matching incidents written (--limit %ld)", n, matching,
			         f.q.limit);
	}
	if (fflush(stdout) != 0) {
		fprintf(stderr, "strikemap: %s: writing the output failed\n", cmd);
		rc = CLI_EXIT_FAILURE;
		goto out;
	}
	cli_flush_warnings(ctx, cmd);
out:
	geo_store_close(st);
	geo_ctx_free(ctx);
	cli_filters_free(&f);
	return rc;
}
