/* cmd_sequences.c — `strikemap sequences`: double-strike sequences,
 * following the wounded, and sequences known from the report's words.
 * The rules are in geo/sequences.h; results replace the store's
 * `sequences` and `sequence_members` tables and are printed. */
#include "cli/cli.h"
#include "geo/buf.h"
#include "geo/events.h"
#include "geo/sequences.h"
#include "geo/store.h"

#include <stdio.h>
#include <string.h>

static const char *const FORMATS[] = {"table", "json", "geojson", NULL};

static void usage(void)
{
	printf("Usage: strikemap sequences [--db DB] [--max-gap 1h] [--max-distance 1km]\n"
	       "                           [--follow-window 3h] [--follow-distance 5km]\n"
	       "                           [--format table|json|geojson] [-o FILE]\n"
	       "\n"
	       "Find double-strike sequences (the same site struck again soon after a first\n"
	       "strike), strikes on medical facilities following the wounded, and sequences\n"
	       "the report's words reveal even when the first strike has no row. Results\n"
	       "replace the store's sequences and sequence_members tables (spatial views\n"
	       "sequences_lines and sequences_points open in QGIS) and are printed.\n"
	       "\n"
	       "Options:\n"
	       "  --db DB               the store (default %s)\n"
	       "  --max-gap DUR         largest gap between two strikes of a double strike (default 1h)\n"
	       "  --max-distance DIST   largest geodesic distance between two strikes located to\n"
	       "                        points (default 1km); a strike known only to its town\n"
	       "                        matches another only in the same town (same P-code)\n"
	       "  --follow-window DUR   a medical facility struck within DUR after a strike with\n"
	       "                        casualties is following the wounded (default 3h)\n"
	       "  --follow-distance DIST  ... when in the same town or within DIST (default 5km)\n"
	       "  --format FMT          table (default), json or geojson (LineString first -> last;\n"
	       "                        a Point when only one strike is recorded)\n"
	       "  -o FILE               write the output to FILE instead of stdout\n"
	       "  --help                this help\n"
	       "\n"
	       "Strikes without a clock time, or dated only to the month, never form a timed\n"
	       "sequence: two strikes on the same date without times may be hours apart.\n"
	       "Units are required: 45min, 1h, 500m, 2km; every window and distance must be\n"
	       "more than 0.\n",
	       CLI_DEFAULT_DB);
}

int cli_cmd_sequences(int argc, char **argv)
{
	const char *cmd = "sequences", *db = CLI_DEFAULT_DB, *outpath = NULL;
	struct geo_seq_params p;
	int fmt = 0, rc = CLI_EXIT_OK;
	geo_ctx *ctx = NULL;
	geo_store *st = NULL;
	struct geo_events ev = {0};
	struct geo_sequences seqs = {0};
	geo_buf out;

	geo_seq_params_default(&p);
	geo_buf_init(&out, GEO_BUF_DEFAULT_CAP);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage();
			goto out;
		}
		if (strcmp(a, "--db") && strcmp(a, "--max-gap") && strcmp(a, "--max-distance") &&
		    strcmp(a, "--follow-window") && strcmp(a, "--follow-distance") &&
		    strcmp(a, "--format") && strcmp(a, "-o")) {
			rc = cli_usage_error(cmd, "unknown option '%s'", a);
			goto out;
		}
		if (!v) {
			rc = cli_usage_error(cmd, "%s needs a value", a);
			goto out;
		}
		i++;
		if (strcmp(a, "--db") == 0)
			db = v;
		else if (strcmp(a, "-o") == 0)
			outpath = v;
		else if (strcmp(a, "--max-gap") == 0)
			rc = cli_opt_duration_positive(cmd, a, v, &p.max_gap);
		else if (strcmp(a, "--max-distance") == 0)
			rc = cli_opt_distance_positive(cmd, a, v, &p.max_distance);
		else if (strcmp(a, "--follow-window") == 0)
			rc = cli_opt_duration_positive(cmd, a, v, &p.follow_window);
		else if (strcmp(a, "--follow-distance") == 0)
			rc = cli_opt_distance_positive(cmd, a, v, &p.follow_distance);
		else
			rc = cli_opt_choice(cmd, a, v, FORMATS, &fmt);
		if (rc)
			goto out;
	}
	ctx = geo_ctx_new();
	if (!ctx) {
		fprintf(stderr, "strikemap: %s: cannot initialise GEOS/PROJ\n", cmd);
		rc = CLI_EXIT_FAILURE;
		goto out;
	}
	st = geo_store_open(ctx, db, 0);
	if (!st || geo_events_load(st, &ev) != GEO_OK ||
	    geo_sequences_find(ctx, &ev, &p, &seqs) != GEO_OK ||
	    geo_sequences_store(st, &ev, &seqs, &p) != GEO_OK ||
	    geo_sequences_format(ctx, &ev, &seqs, (enum geo_out_format)fmt, &out) != GEO_OK) {
		rc = cli_fail(ctx, cmd);
		goto out;
	}
	if ((rc = cli_write_output(cmd, outpath, geo_buf_str(&out), geo_buf_len(&out))) != 0)
		goto out;
	cli_flush_warnings(ctx, cmd);
	{
		size_t counts[3] = {0};
		for (size_t i = 0; i < seqs.n; i++)
			counts[seqs.v[i].type]++;
		cli_note(cmd, "%zu incidents, %zu sequences (%zu double strike, %zu following the wounded,"
		              " %zu from the words only) stored in %s",
		         ev.n, seqs.n, counts[0], counts[1], counts[2], db);
	}
out:
	geo_sequences_free(&seqs);
	geo_events_free(&ev);
	geo_store_close(st);
	geo_ctx_free(ctx);
	geo_buf_free(&out);
	return rc;
}
