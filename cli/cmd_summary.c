/* cmd_summary.c — `strikemap summary`: counts of attacks and personnel
 * killed grouped by perpetrator, facility type, governorate, zone and/or
 * month, worded like a monthly report's executive summary, or as CSV or
 * JSON. */
#include "cli/cli.h"
#include "cli/filters.h"
#include "geo/summary.h"

#include <string.h>

static const char *const SUMMARY_FORMATS[] = {"table", "csv", "json", NULL};

static void help(void)
{
	printf("Usage: strikemap summary [--db DB] [--by perpetrator,facility_type,governorate]"
	       " [filters] [--format table|csv|json]\n"
	       "\n"
	       "Count the incidents that match the filters, grouped by the keys of --by\n"
	       "in the order given:\n"
	       "\n"
	       "  --by KEYS              comma-separated, any of: perpetrator (the normalised\n"
	       "                         vocabulary), facility_type, governorate (by P-code,\n"
	       "                         named as OCHA names it), zone, month\n"
	       "                         (default perpetrator,facility_type)\n"
	       "  --format F             table (default: one line per group in the wording\n"
	       "                         of the report, \"Russian forces: 8 attacks, 3\n"
	       "                         personnel killed — 5 hospitals, 3 civil defense\n"
	       "                         facilities\"), csv or json (count, attacks, killed,\n"
	       "                         personnel_killed and killed_not_stated per group)\n"
	       "  --help                 this text\n"
	       "\n"
	       "Counts: `count` is incident rows; `attacks` leaves out rows whose category\n"
	       "attribute is personnel_killed (a worker killed away from any facility);\n"
	       "`killed` sums the killed column over the incidents that give a number:\n"
	       "when none of a group's incidents does, the table says \"killed not stated\"\n"
	       "and CSV/JSON give an empty cell/null (never 0); when only some do, the table\n"
	       "says \"at least 5 killed (2 incidents without a figure)\" and\n"
	       "`killed_not_stated` counts the incidents without a number; `personnel_killed`\n"
	       "sums the personnel_killed attribute (null when the data has none).\n"
	       "\n"
	       "%s"
	       "\n"
	       "Example:\n"
	       "  strikemap summary --by perpetrator,facility_type --from 2018-01-01 --to 2018-01-31\n",
	       CLI_FILTERS_HELP);
}

int cli_cmd_summary(int argc, char **argv)
{
	const char *cmd = "summary";
	const char *by = "perpetrator,facility_type";
	struct cli_filters f;
	geo_ctx *ctx = NULL;
	geo_store *st = NULL;
	struct geo_summary *sum = NULL;
	enum geo_summary_key keys[GEO_SUMMARY_MAX_KEYS];
	int nkeys = 0, rc = CLI_EXIT_OK, fmt = 0;
	geo_buf out;

	geo_buf_init(&out, GEO_BUF_DEFAULT_CAP);
	cli_filters_init(&f);
	for (int i = 1; i < argc;) {
		const char *v;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			help();
			goto out;
		}
		int r = cli_filters_value(cmd, "--by", argc, argv, &i, &v);
		if (r == 1) {
			by = v;
			i++;
			continue;
		}
		if (r == 0)
			r = cli_filters_option(cmd, &f, argc, argv, &i, 0);
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
	if (f.format && (rc = cli_opt_choice(cmd, "--format", f.format, SUMMARY_FORMATS, &fmt)))
		goto out;
	if (!(ctx = geo_ctx_new())) {
		fprintf(stderr, "strikemap: %s: cannot initialise GEOS/PROJ\n", cmd);
		rc = CLI_EXIT_FAILURE;
		goto out;
	}
	if (geo_summary_parse_by(ctx, by, keys, &nkeys) != GEO_OK) {
		rc = cli_usage_error(cmd, "%s", geo_ctx_error_message(ctx));
		goto out;
	}
	if ((rc = cli_filters_finish(cmd, ctx, &f)) != 0)
		goto out;
	if (!(st = geo_store_open(ctx, f.db, 0)) ||
	    geo_summary_run(st, &f.q, keys, nkeys, &sum) != GEO_OK ||
	    geo_summary_format(ctx, sum, fmt == 0 ? GEO_QUERY_TABLE : fmt == 1 ? GEO_QUERY_CSV
	                                                                      : GEO_QUERY_JSON,
	                       &out) != GEO_OK) {
		rc = cli_fail(ctx, cmd);
		goto out;
	}
	if (fwrite(geo_buf_str(&out), 1, geo_buf_len(&out), stdout) != geo_buf_len(&out) ||
	    fflush(stdout) != 0) {
		fprintf(stderr, "strikemap: %s: writing the output failed\n", cmd);
		rc = CLI_EXIT_FAILURE;
		goto out;
	}
	cli_flush_warnings(ctx, cmd);
out:
	geo_summary_free(sum);
	geo_store_close(st);
	geo_ctx_free(ctx);
	cli_filters_free(&f);
	geo_buf_free(&out);
	return rc;
}
