/* cmd_repeats.c — `strikemap repeats`: repeated strikes on one facility
 * (identity first, then ST-DBSCAN over precisely located strikes) and the
 * Knox test with a near-repeat table. Rules in geo/repeats.h; results
 * replace the store's repeats, repeat_members, knox_results and
 * near_repeat tables and are printed. */
#include "cli/cli.h"
#include "geo/buf.h"
#include "geo/events.h"
#include "geo/repeats.h"
#include "geo/store.h"
#include "geo/units.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const FORMATS[] = {"table", "json", "geojson", NULL};

static void usage(void)
{
	printf("Usage: strikemap repeats [--db DB] [--eps-space 500m] [--eps-time 30d]\n"
	       "                         [--min-strikes 2] [--knox 999|0] [--seed N]\n"
	       "                         [--bands-space LIST] [--bands-time LIST]\n"
	       "                         [--format table|json|geojson] [-o FILE]\n"
	       "\n"
	       "Group strikes on one facility: by facility identity first (registry id, or\n"
	       "the same facility name and type in the same town), then, for strikes\n"
	       "located precisely (point or neighbourhood) without identity, by ST-DBSCAN\n"
	       "(Birant & Kut 2007: neighbours within --eps-space AND --eps-time). Strikes\n"
	       "geocoded only to a town centroid are never clustered, so two facilities of\n"
	       "one town are never merged. Then the Knox test: are strikes close in space\n"
	       "also close in time more often than chance? Results replace the store's\n"
	       "repeats, repeat_members, knox_results and near_repeat tables (spatial views\n"
	       "repeats_points and repeats_hulls open in QGIS) and are printed.\n"
	       "\n"
	       "Options:\n"
	       "  --db DB             the store (default %s)\n"
	       "  --eps-space DIST    ST-DBSCAN and Knox distance threshold (default 500m)\n"
	       "  --eps-time DUR      ST-DBSCAN and Knox time threshold (default 30d)\n"
	       "  --min-strikes N     strikes a group needs, and ST-DBSCAN's min-points counting\n"
	       "                      the strike itself (default 2)\n"
	       "  --knox N            Monte Carlo permutations of the times for the Knox p-value\n"
	       "                      (default 999; 0 turns the test off)\n"
	       "  --seed N            seed of the permutations, for reproducible p-values (default 1)\n"
	       "  --bands-space LIST  near-repeat distance band edges, e.g. 0m,250m,500m,1km\n"
	       "                      (default 0, eps/4, eps/2, eps; 0 = the same point; wider\n"
	       "                      bands mean more pairs to permute)\n"
	       "  --bands-time LIST   near-repeat time band edges, e.g. 7d,14d,30d,60d\n"
	       "                      (default eps/4, eps/2, eps, 2 eps; a last column holds longer gaps)\n"
	       "  --format FMT        table (default), json or geojson (Point per facility, Polygon\n"
	       "                      hull per ST-DBSCAN cluster; the Knox result as member \"knox\")\n"
	       "  -o FILE             write the output to FILE instead of stdout\n"
	       "  --help              this help\n"
	       "\n"
	       "Strikes dated only to the month count in their facility's group, but the\n"
	       "intervals next to them are unknown and shown as \"?\".\n",
	       CLI_DEFAULT_DB);
}

/* "0m,250m,1km" -> edges; prints the usage error itself. */
static int parse_bands(const char *cmd, const char *opt, const char *val, int time, double *edges,
                       size_t *n)
{
	char buf[1024];
	char *save = NULL, *tok;
	size_t k = 0;
	if (strlen(val) >= sizeof buf)
		return cli_usage_error(cmd, "%s: list too long", opt);
	strcpy(buf, val);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		double v;
		if (k == GEO_KNOX_MAX_BANDS)
			return cli_usage_error(cmd, "%s: at most %d bands", opt, GEO_KNOX_MAX_BANDS);
		if ((time ? geo_parse_duration(tok, &v) : geo_parse_distance(tok, &v)) != GEO_OK)
			return cli_usage_error(cmd, "%s: \"%s\" is not a %s", opt, tok,
			                       time ? "duration (write e.g. 7d)" : "distance (write e.g. 500m)");
		if (k && !(v > edges[k - 1]))
			return cli_usage_error(cmd, "%s: band edges must increase (\"%s\")", opt, tok);
		edges[k++] = v;
	}
	if (!k)
		return cli_usage_error(cmd, "%s: empty list", opt);
	*n = k;
	return 0;
}

int cli_cmd_repeats(int argc, char **argv)
{
	const char *cmd = "repeats", *db = CLI_DEFAULT_DB, *outpath = NULL;
	struct geo_rep_params p;
	int fmt = 0, rc = CLI_EXIT_OK;
	long lv;
	geo_ctx *ctx = NULL;
	geo_store *st = NULL;
	struct geo_events ev = {0};
	struct geo_repeats reps = {0};
	geo_buf out;

	geo_rep_params_default(&p);
	geo_buf_init(&out, GEO_BUF_DEFAULT_CAP);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage();
			goto out;
		}
		if (strcmp(a, "--db") && strcmp(a, "--eps-space") && strcmp(a, "--eps-time") &&
		    strcmp(a, "--min-strikes") && strcmp(a, "--knox") && strcmp(a, "--seed") &&
		    strcmp(a, "--bands-space") && strcmp(a, "--bands-time") && strcmp(a, "--format") &&
		    strcmp(a, "-o")) {
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
		else if (strcmp(a, "--eps-space") == 0) {
			rc = cli_opt_distance_positive(cmd, a, v, &p.eps_space);
		} else if (strcmp(a, "--eps-time") == 0) {
			rc = cli_opt_duration_positive(cmd, a, v, &p.eps_time);
		} else if (strcmp(a, "--min-strikes") == 0) {
			if (!(rc = cli_opt_long(cmd, a, v, 2, 1000000, &lv)))
				p.min_strikes = (size_t)lv;
		} else if (strcmp(a, "--knox") == 0) {
			if (!(rc = cli_opt_long(cmd, a, v, 0, 1000000, &lv)))
				p.knox_permutations = lv;
		} else if (strcmp(a, "--seed") == 0) {
			char *end;
			errno = 0;
			unsigned long long s = strtoull(v, &end, 10);
			if (!*v || *end || errno || *v == '-')
				rc = cli_usage_error(cmd, "%s: \"%s\" is not a whole number", a, v);
			else
				p.seed = s;
		} else if (strcmp(a, "--bands-space") == 0)
			rc = parse_bands(cmd, a, v, 0, p.space_bands, &p.n_space_bands);
		else if (strcmp(a, "--bands-time") == 0)
			rc = parse_bands(cmd, a, v, 1, p.time_bands, &p.n_time_bands);
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
	    geo_repeats_find(ctx, &ev, &p, &reps) != GEO_OK ||
	    geo_repeats_store(st, &ev, &reps, &p) != GEO_OK ||
	    geo_repeats_format(ctx, &ev, &reps, (enum geo_out_format)fmt, &out) != GEO_OK) {
		rc = cli_fail(ctx, cmd);
		goto out;
	}
	if ((rc = cli_write_output(cmd, outpath, geo_buf_str(&out), geo_buf_len(&out))) != 0)
		goto out;
	cli_flush_warnings(ctx, cmd);
	{
		size_t ident = 0;
		for (size_t i = 0; i < reps.n; i++)
			ident += strcmp(reps.v[i].method, "identity") == 0;
		cli_note(cmd, "%zu incidents, %zu repeat groups (%zu by facility identity, %zu by ST-DBSCAN)"
		              " stored in %s",
		         ev.n, reps.n, ident, reps.n - ident, db);
	}
out:
	geo_repeats_free(&reps);
	geo_events_free(&ev);
	geo_store_close(st);
	geo_ctx_free(ctx);
	geo_buf_free(&out);
	return rc;
}
