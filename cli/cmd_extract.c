/* cmd_extract.c — `strikemap extract [-o FILE] REPORT.txt`: a narrative
 * report into a draft incidents CSV that `strikemap import` reads. */
#include "cli/cli.h"
#include "geo/buf.h"
#include "geo/extract.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char *const COLUMNS[] = {
	"id", "date", "time", "date_precision", "place", "governorate", "facility_name",
	"facility_type", "perpetrator", "weapon", "killed", "injured", "damage", "control",
	"source", "notes", NULL};
/* attributes the extractor adds, written after the standard columns */
static const char *const EXTRA[] = {"event", "facility_alias", "facility_description",
                                    "mentioned_in", "review", NULL};

static void usage(void)
{
	printf("Usage: strikemap extract [-o FILE] REPORT.txt\n"
	       "\n"
	       "Read a narrative monthly report (plain text, SNHR style) and write one\n"
	       "draft incident per attack or killing it describes, as CSV with the\n"
	       "columns `strikemap import` reads:\n"
	       "  id,date,time,date_precision,place,governorate,facility_name,facility_type,\n"
	       "  perpetrator,weapon,killed,injured,damage,control,source,notes,\n"
	       "  event,facility_alias,facility_description,mentioned_in,review\n"
	       "`source` is REPORT:LINE. `review` lists what the extractor had to guess\n"
	       "or could not find: check those rows against the report before importing.\n"
	       "Earlier attacks a paragraph mentions get their own row (mentioned_in).\n"
	       "\n"
	       "Options:\n"
	       "  -o, --output FILE  write the CSV to FILE (default: standard output)\n"
	       "  -h, --help         show this help\n");
}

static const char *field(const struct geo_incident *inc, int col, char *num, size_t numsz)
{
	switch (col) {
	case 0: return inc->id;
	case 1: return inc->date;
	case 2: return inc->time;
	case 3: return inc->date_precision;
	case 4: return inc->place_text;
	case 5: return inc->governorate;
	case 6: return inc->facility_name;
	case 7: return inc->facility_type;
	case 8: return inc->perpetrator;
	case 9: return inc->weapon;
	case 10:
		if (inc->killed < 0)
			return NULL;
		snprintf(num, numsz, "%d", inc->killed);
		return num;
	case 11:
		if (inc->injured < 0)
			return NULL;
		snprintf(num, numsz, "%d", inc->injured);
		return num;
	case 12: return inc->damage;
	case 13: return inc->control;
	case 14: return inc->source;
	case 15: return inc->notes;
	}
	return NULL;
}

int cli_cmd_extract(int argc, char **argv)
{
	static const struct option opts[] = {
		{"output", required_argument, NULL, 'o'}, {"help", no_argument, NULL, 'h'}, {0}};
	const char *output = NULL;
	struct geo_incident_list list = {0};
	geo_ctx *ctx = NULL;
	geo_buf b;
	int c, rc = CLI_EXIT_OK, review = 0;

	geo_buf_init(&b, 0);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'o': output = optarg; break;
		case 'h': usage(); return CLI_EXIT_OK;
		case ':': return cli_usage_error("extract", "%s: needs a value", argv[optind - 1]);
		default: return cli_usage_error("extract", "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind != argc - 1)
		return cli_usage_error("extract", "give exactly one REPORT.txt");
	ctx = geo_ctx_new();
	if (!ctx) {
		fprintf(stderr, "strikemap: extract: cannot initialise GEOS/PROJ\n");
		return CLI_EXIT_FAILURE;
	}
	if (geo_extract_report(ctx, argv[optind], &list) != GEO_OK) {
		rc = cli_fail(ctx, "extract");
		goto out;
	}
	for (int i = 0; COLUMNS[i]; i++)
		if (geo_buf_addf(&b, "%s%s", i ? "," : "", COLUMNS[i]) != GEO_OK)
			goto nomem;
	for (int i = 0; EXTRA[i]; i++)
		if (geo_buf_addf(&b, ",%s", EXTRA[i]) != GEO_OK)
			goto nomem;
	if (geo_buf_addc(&b, '\n') != GEO_OK)
		goto nomem;
	for (size_t r = 0; r < list.n; r++) {
		const struct geo_incident *inc = &list.v[r];
		char num[32];
		for (int i = 0; COLUMNS[i]; i++)
			if ((i && geo_buf_addc(&b, ',') != GEO_OK) ||
			    geo_buf_add_csv_field(&b, field(inc, i, num, sizeof num)) != GEO_OK)
				goto nomem;
		for (int i = 0; EXTRA[i]; i++)
			if (geo_buf_addc(&b, ',') != GEO_OK ||
			    geo_buf_add_csv_field(&b, geo_incident_attr(inc, EXTRA[i])) != GEO_OK)
				goto nomem;
		if (geo_buf_addc(&b, '\n') != GEO_OK)
			goto nomem;
		if (geo_incident_attr(inc, "review"))
			review++;
	}
	if ((rc = cli_write_output("extract", output, geo_buf_str(&b), geo_buf_len(&b))) != 0)
		goto out;
	cli_note("extract", "%zu incidents extracted from %s; %d need review (see the review column)",
	         list.n, argv[optind], review);
	goto out;
nomem:
	fprintf(stderr, "strikemap: extract: out of memory\n");
	rc = CLI_EXIT_FAILURE;
out:
	geo_buf_free(&b);
	geo_incident_list_free(&list);
	geo_ctx_free(ctx);
	return rc;
}
