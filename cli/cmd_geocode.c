/* cmd_geocode.c — `strikemap geocode`: resolve place names to points,
 * P-codes and precision, one JSON object (or CSV row) per query.
 *
 * Queries come from the command line (TEXT...) or from a CSV (--batch FILE
 * or - for stdin) whose header names a `place` column and optionally a
 * `governorate` and an `id` column. Output is streamed: one line per query
 * as soon as it is answered. */
#include "cli/cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "geo/buf.h"
#include "gazetteer/gaz.h"

#define CMD "geocode"

static void usage(void)
{
	printf("Usage: strikemap geocode [--gazetteer GAZ] [--format jsonl|csv] [--governorate G]\n"
	       "                         TEXT... | --batch FILE|-\n"
	       "\n"
	       "Resolve place names (English transliterations or Arabic, with context such as\n"
	       "\"Saraqeb city, eastern suburbs of Idlib governorate\") to a point, P-codes and\n"
	       "an ACLED-style precision.\n"
	       "\n"
	       "Options:\n"
	       "  --gazetteer GAZ    the gazetteer database (default $STRIKEMAP_GAZETTEER, else\n"
	       "                     %s); build one with `strikemap gazetteer build`\n"
	       "  --format F         jsonl (default): one JSON object per line; csv: a header and\n"
	       "                     one row per query\n"
	       "  --governorate G    governorate context for every query (name in any spelling,\n"
	       "                     Arabic, or P-code SYnn); a batch row's own `governorate`\n"
	       "                     cell takes precedence\n"
	       "  --batch FILE|-     read queries from a CSV with a header holding `place` and\n"
	       "                     optionally `governorate` and `id` (- reads stdin); without\n"
	       "                     them, ACLED's `location`, `admin1` and `event_id_cnty`\n"
	       "                     (also `place_name`, `town`, `province`) are read, and\n"
	       "                     stderr says so\n"
	       "  --exclude-source S leave names from these sources out of the index (comma-\n"
	       "                     separated names.source values); for honest evaluation\n"
	       "  --help             this text\n"
	       "\n"
	       "Each answer has: query, status (resolved | ambiguous | unresolved), name, pcode,\n"
	       "admin1_pcode, admin3_pcode, lon, lat, precision (1 community or finer, 2 sub-\n"
	       "district/district, 3 governorate), precision_word, score (0..1), note, and\n"
	       "candidates (name, pcode, admin1_pcode, lon, lat, score). An ambiguous answer\n"
	       "picks none: its name/lon/lat are null and the candidates list the rivals.\n"
	       "\n"
	       "Exit status: 0 answered (whatever the statuses), 2 usage error, 3 a batch file\n"
	       "is malformed, 5 the gazetteer or batch file was not found.\n",
	       CLI_DEFAULT_GAZ);
}

enum fmt { FMT_JSONL, FMT_CSV };

static enum geo_status emit(geo_buf *b, enum fmt fmt, const char *id, const char *query,
                            const char *gov, const struct geo_gaz_result *r)
{
	int st = 0;
	int has = strcmp(r->status, "resolved") == 0 && r->n > 0;
	const struct geo_gaz_candidate *c = has ? &r->cand[0] : NULL;
	geo_buf_reset(b);
	if (fmt == FMT_JSONL) {
		st |= geo_buf_adds(b, "{");
		if (id) {
			st |= geo_buf_adds(b, "\"id\":");
			st |= geo_buf_add_json_str(b, id);
			st |= geo_buf_adds(b, ",");
		}
		st |= geo_buf_adds(b, "\"query\":");
		st |= geo_buf_add_json_str(b, query);
		st |= geo_buf_adds(b, ",\"governorate\":");
		st |= geo_buf_add_json_str(b, gov && *gov ? gov : NULL);
		st |= geo_buf_adds(b, ",\"status\":");
		st |= geo_buf_add_json_str(b, r->status);
		st |= geo_buf_adds(b, ",\"name\":");
		st |= geo_buf_add_json_str(b, c ? c->name : NULL);
		st |= geo_buf_adds(b, ",\"name_ar\":");
		st |= geo_buf_add_json_str(b, c ? c->name_ar : NULL);
		st |= geo_buf_adds(b, ",\"kind\":");
		st |= geo_buf_add_json_str(b, c ? c->kind : NULL);
		st |= geo_buf_adds(b, ",\"pcode\":");
		st |= geo_buf_add_json_str(b, c ? c->pcode : NULL);
		st |= geo_buf_adds(b, ",\"admin1_pcode\":");
		st |= geo_buf_add_json_str(b, c ? c->admin1_pcode : r->admin1_pcode);
		st |= geo_buf_adds(b, ",\"admin3_pcode\":");
		st |= geo_buf_add_json_str(b, c ? c->admin3_pcode : NULL);
		if (c)
			st |= geo_buf_addf(b, ",\"lon\":%.6f,\"lat\":%.6f,\"precision\":%d", c->lon, c->lat,
			                   c->precision);
		else
			st |= geo_buf_adds(b, ",\"lon\":null,\"lat\":null,\"precision\":null");
		st |= geo_buf_adds(b, ",\"precision_word\":");
		st |= geo_buf_add_json_str(b, c ? c->precision_word : NULL);
		st |= geo_buf_addf(b, ",\"score\":%.3f", r->n ? r->cand[0].score : 0.0);
		st |= geo_buf_adds(b, ",\"matched\":");
		st |= geo_buf_add_json_str(b, c ? c->matched : NULL);
		st |= geo_buf_adds(b, ",\"note\":");
		st |= geo_buf_add_json_str(b, r->note[0] ? r->note : NULL);
		st |= geo_buf_adds(b, ",\"candidates\":[");
		for (size_t i = 0; i < r->n; i++) {
			const struct geo_gaz_candidate *k = &r->cand[i];
			st |= geo_buf_adds(b, i ? ",{\"name\":" : "{\"name\":");
			st |= geo_buf_add_json_str(b, k->name);
			st |= geo_buf_adds(b, ",\"pcode\":");
			st |= geo_buf_add_json_str(b, k->pcode);
			st |= geo_buf_adds(b, ",\"admin1_pcode\":");
			st |= geo_buf_add_json_str(b, k->admin1_pcode);
			st |= geo_buf_adds(b, ",\"kind\":");
			st |= geo_buf_add_json_str(b, k->kind);
			st |= geo_buf_addf(b, ",\"lon\":%.6f,\"lat\":%.6f,\"precision\":%d,\"score\":%.3f}",
			                   k->lon, k->lat, k->precision, k->score);
		}
		st |= geo_buf_adds(b, "]}\n");
	} else {
		char num[64];
		if (id) {
			st |= geo_buf_add_csv_field(b, id);
			st |= geo_buf_addc(b, ',');
		}
		st |= geo_buf_add_csv_field(b, query);
		st |= geo_buf_addc(b, ',');
		st |= geo_buf_add_csv_field(b, gov);
		st |= geo_buf_addc(b, ',');
		st |= geo_buf_add_csv_field(b, r->status);
		st |= geo_buf_addc(b, ',');
		st |= geo_buf_add_csv_field(b, c ? c->name : NULL);
		st |= geo_buf_addc(b, ',');
		st |= geo_buf_add_csv_field(b, c ? c->pcode : NULL);
		st |= geo_buf_addc(b, ',');
		st |= geo_buf_add_csv_field(b, c ? c->admin1_pcode : r->admin1_pcode);
		st |= geo_buf_addc(b, ',');
		st |= geo_buf_add_csv_field(b, c ? c->admin3_pcode : NULL);
		if (c)
			st |= geo_buf_addf(b, ",%.6f,%.6f,%d,", c->lon, c->lat, c->precision);
		else
			st |= geo_buf_adds(b, ",,,,");
		st |= geo_buf_add_csv_field(b, c ? c->precision_word : NULL);
		snprintf(num, sizeof num, ",%.3f,", r->n ? r->cand[0].score : 0.0);
		st |= geo_buf_adds(b, num);
		st |= geo_buf_add_csv_field(b, r->note[0] ? r->note : NULL);
		st |= geo_buf_addc(b, ',');
		{
			geo_buf cb;
			geo_buf_init(&cb, 1 << 16);
			for (size_t i = 0; i < r->n; i++)
				st |= geo_buf_addf(&cb, "%s%s|%s|%.3f", i ? ";" : "", r->cand[i].name,
				                   r->cand[i].pcode ? r->cand[i].pcode : "", r->cand[i].score);
			st |= geo_buf_add_csv_field(b, geo_buf_str(&cb));
			geo_buf_free(&cb);
		}
		st |= geo_buf_addc(b, '\n');
	}
	return st ? GEO_ERR_NOMEM : GEO_OK;
}

/* ---- a small streaming CSV reader (RFC 4180: quotes, doubled quotes,
 * newlines inside quotes, CRLF) ---- */

struct csvrec {
	char **f;
	size_t n, cap;
	geo_buf raw;   /* field text, NUL-separated */
	size_t *off;   /* field offsets into raw */
	size_t offcap;
};

/* Read one record. Returns 1 on a record, 0 at EOF, -1 on an unterminated
 * quote (reported with the line where the record started). *line counts
 * physical lines. */
static int csv_read(FILE *fp, struct csvrec *r, long *line, long *start)
{
	int c, inq = 0, any = 0, after_quote = 0;
	geo_buf_reset(&r->raw);
	r->n = 0;
	*start = *line + 1;
	for (;;) {
		c = fgetc(fp);
		if (c == EOF) {
			if (inq)
				return -1;
			if (!any)
				return 0;
			break;
		}
		if (!any) {
			any = 1;
			(*line)++;
		}
		if (r->n >= r->offcap) {
			size_t nc = r->offcap ? r->offcap * 2 : 16;
			size_t *no = realloc(r->off, nc * sizeof *no);
			if (!no)
				return -2;
			r->off = no;
			r->offcap = nc;
		}
		if (r->n == 0 && geo_buf_len(&r->raw) == 0) {
			r->off[0] = 0;
			r->n = 1;
		}
		if (inq) {
			if (c == '"') {
				int d = fgetc(fp);
				if (d == '"') {
					if (geo_buf_addc(&r->raw, '"'))
						return -2;
				} else {
					inq = 0;
					after_quote = 1;
					if (d != EOF)
						ungetc(d, fp);
				}
			} else {
				if (c == '\n')
					(*line)++;
				if (geo_buf_addc(&r->raw, (char)c))
					return -2;
			}
			continue;
		}
		if (c == '"' && !after_quote) {
			inq = 1;
			continue;
		}
		if (c == ',') {
			if (geo_buf_addc(&r->raw, '\0'))
				return -2;
			if (r->n >= r->offcap) {
				size_t nc = r->offcap * 2;
				size_t *no = realloc(r->off, nc * sizeof *no);
				if (!no)
					return -2;
				r->off = no;
				r->offcap = nc;
			}
			r->off[r->n++] = geo_buf_len(&r->raw);
			after_quote = 0;
			continue;
		}
		if (c == '\r')
			continue;
		if (c == '\n')
			break;
		if (geo_buf_addc(&r->raw, (char)c))
			return -2;
	}
	if (r->n == 0) {
		r->off[0] = 0;
		r->n = 1;
	}
	/* field pointers */
	if (r->n > r->cap) {
		char **nf = realloc(r->f, r->n * sizeof *nf);
		if (!nf)
			return -2;
		r->f = nf;
		r->cap = r->n;
	}
	{
		const char *base = geo_buf_str(&r->raw);
		for (size_t i = 0; i < r->n; i++)
			r->f[i] = (char *)base + r->off[i];
	}
	return 1;
}

static int answer(geo_ctx *ctx, geo_gaz *gaz, geo_buf *b, enum fmt fmt, const char *id,
                  const char *query, const char *gov)
{
	struct geo_gaz_result res;
	if (geo_gaz_lookup(gaz, query, gov, &res) != GEO_OK)
		return cli_fail(ctx, CMD);
	if (emit(b, fmt, id, query, gov, &res) != GEO_OK) {
		fprintf(stderr, "strikemap: %s: out of memory formatting the answer\n", CMD);
		return CLI_EXIT_FAILURE;
	}
	fwrite(geo_buf_str(b), 1, geo_buf_len(b), stdout);
	return CLI_EXIT_OK;
}

/* The column of the header named names[0] (case-insensitive), else the
 * first of the other names found; *alt is set to that other name. -1
 * when none is there. */
static long header_column(const struct csvrec *rec, const char *const *names, const char **alt)
{
	*alt = NULL;
	for (size_t k = 0; names[k]; k++)
		for (size_t i = 0; i < rec->n; i++)
			if (strcasecmp(rec->f[i], names[k]) == 0) {
				if (k > 0)
					*alt = names[k];
				return (long)i;
			}
	return -1;
}

static int run_batch(geo_ctx *ctx, geo_gaz *gaz, geo_buf *b, enum fmt fmt, const char *path,
                     const char *default_gov)
{
	int rc = CLI_EXIT_OK;
	FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	struct csvrec rec;
	long line = 0, start = 0;
	long col_place = -1, col_gov = -1, col_id = -1;
	size_t ncols = 0;
	int r;
	memset(&rec, 0, sizeof rec);
	geo_buf_init(&rec.raw, 1 << 20);
	if (!fp) {
		fprintf(stderr, "strikemap: %s: %s: cannot open the batch file: %s\n", CMD, path,
		        strerror(errno));
		rc = errno == ENOENT ? CLI_EXIT_NOTFOUND : CLI_EXIT_FAILURE;
		goto out;
	}
	r = csv_read(fp, &rec, &line, &start);
	if (r <= 0) {
		fprintf(stderr, "strikemap: %s: %s:1: %s\n", CMD, name,
		        r == 0 ? "empty file: expected a CSV header with a \"place\" column"
		               : "unterminated quoted field in the header");
		rc = CLI_EXIT_DATA;
		goto out;
	}
	ncols = rec.n;
	/* the header's names once, in place: no BOM, no spaces around */
	for (size_t i = 0; i < rec.n; i++) {
		char *h = rec.f[i];
		size_t L = strlen(h);
		if (i == 0 && L >= 3 && (unsigned char)h[0] == 0xEF && (unsigned char)h[1] == 0xBB &&
		    (unsigned char)h[2] == 0xBF) {
			memmove(h, h + 3, L - 2);
			L -= 3;
		}
		size_t lead = strspn(h, " ");
		memmove(h, h + lead, L - lead + 1);
		L -= lead;
		while (L && h[L - 1] == ' ')
			h[--L] = '\0';
	}
	/* the contract's names, else those other incident tables give these
	 * columns (ACLED's location, admin1 and event_id_cnty) */
	static const char *const PLACE_COL[] = {"place", "location", "place_name", "town", NULL};
	static const char *const GOV_COL[] = {"governorate", "admin1", "province", NULL};
	static const char *const ID_COL[] = {"id", "event_id_cnty", NULL};
	const char *alt_place = NULL, *alt_gov = NULL, *alt_id = NULL;
	col_place = header_column(&rec, PLACE_COL, &alt_place);
	col_gov = header_column(&rec, GOV_COL, &alt_gov);
	col_id = header_column(&rec, ID_COL, &alt_id);
	if (alt_place)
		fprintf(stderr, "strikemap: %s: %s: no \"place\" column: reading \"%s\" as the place\n", CMD,
		        name, alt_place);
	if (alt_gov)
		fprintf(stderr, "strikemap: %s: %s: no \"governorate\" column: reading \"%s\" as the governorate\n",
		        CMD, name, alt_gov);
	if (alt_id)
		fprintf(stderr, "strikemap: %s: %s: no \"id\" column: reading \"%s\" as the id\n", CMD, name,
		        alt_id);
	if (col_place < 0) {
		fprintf(stderr, "strikemap: %s: %s:1: the header has no \"place\" column (columns: ", CMD,
		        name);
		for (size_t i = 0; i < rec.n; i++)
			fprintf(stderr, "%s\"%s\"", i ? ", " : "", rec.f[i]);
		fprintf(stderr, ")\n");
		rc = CLI_EXIT_DATA;
		goto out;
	}
	if (fmt == FMT_CSV)
		printf("%squery,governorate,status,name,pcode,admin1_pcode,admin3_pcode,lon,lat,"
		       "precision,precision_word,score,note,candidates\n",
		       col_id >= 0 ? "id," : "");
	while ((r = csv_read(fp, &rec, &line, &start)) == 1) {
		if (rec.n == 1 && rec.f[0][0] == '\0')
			continue; /* blank line */
		if (rec.n != ncols) {
			fprintf(stderr, "strikemap: %s: %s:%ld: %zu fields, the header has %zu\n", CMD, name,
			        start, rec.n, ncols);
			rc = CLI_EXIT_DATA;
			goto out;
		}
		const char *gov = col_gov >= 0 && rec.f[col_gov][0] ? rec.f[col_gov] : default_gov;
		rc = answer(ctx, gaz, b, fmt, col_id >= 0 ? rec.f[col_id] : NULL, rec.f[col_place], gov);
		if (rc != CLI_EXIT_OK)
			goto out;
	}
	if (r == -1) {
		fprintf(stderr, "strikemap: %s: %s:%ld: unterminated quoted field\n", CMD, name, start);
		rc = CLI_EXIT_DATA;
	} else if (r == -2) {
		fprintf(stderr, "strikemap: %s: %s:%ld: out of memory\n", CMD, name, start);
		rc = CLI_EXIT_FAILURE;
	}
out:
	if (fp && fp != stdin)
		fclose(fp);
	geo_buf_free(&rec.raw);
	free(rec.f);
	free(rec.off);
	return rc;
}

int cli_cmd_geocode(int argc, char **argv)
{
	const char *gaz_path = NULL, *batch = NULL, *gov = NULL, *exclude = NULL;
	enum fmt fmt = FMT_JSONL;
	int first_text = -1, rc = CLI_EXIT_OK;
	geo_ctx *ctx = NULL;
	geo_gaz *gaz = NULL;
	geo_buf b;
	geo_buf_init(&b, 1 << 20);

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage();
			return CLI_EXIT_OK;
		}
		if (strcmp(a, "--") == 0) {
			first_text = i + 1 < argc ? i + 1 : -1;
			break;
		}
		if (a[0] == '-' && a[1] == '-') {
			static const char *const FORMATS[] = {"jsonl", "csv", NULL};
			const char **dst = NULL;
			if (strcmp(a, "--gazetteer") == 0)
				dst = &gaz_path;
			else if (strcmp(a, "--batch") == 0)
				dst = &batch;
			else if (strcmp(a, "--governorate") == 0)
				dst = &gov;
			else if (strcmp(a, "--exclude-source") == 0)
				dst = &exclude;
			else if (strcmp(a, "--format") == 0) {
				int idx;
				if (i + 1 >= argc)
					return cli_usage_error(CMD, "--format needs a value (jsonl or csv)");
				if (cli_opt_choice(CMD, "--format", argv[++i], FORMATS, &idx))
					return CLI_EXIT_USAGE;
				fmt = idx == 0 ? FMT_JSONL : FMT_CSV;
				continue;
			} else
				return cli_usage_error(CMD, "unknown option '%s'", a);
			if (i + 1 >= argc)
				return cli_usage_error(CMD, "%s needs a value", a);
			*dst = argv[++i];
			continue;
		}
		if (strcmp(a, "-") == 0 && batch == NULL && first_text < 0) {
			return cli_usage_error(CMD, "'-' alone: use --batch - to read a CSV from stdin");
		}
		first_text = i;
		break;
	}
	if (batch && first_text >= 0)
		return cli_usage_error(CMD, "give either TEXT or --batch, not both");
	if (!batch && first_text < 0)
		return cli_usage_error(CMD, "nothing to geocode: give TEXT or --batch FILE|-");
	if (!gaz_path) {
		const char *env = getenv("STRIKEMAP_GAZETTEER");
		gaz_path = env && *env ? env : CLI_DEFAULT_GAZ;
	}
	ctx = geo_ctx_new();
	if (!ctx) {
		fprintf(stderr, "strikemap: %s: cannot create a context (GEOS/PROJ or memory)\n", CMD);
		return CLI_EXIT_FAILURE;
	}
	{
		struct geo_gaz_options opt;
		memset(&opt, 0, sizeof opt);
		opt.exclude_sources = exclude;
		gaz = geo_gaz_open_opts(ctx, gaz_path, &opt);
	}
	if (!gaz) {
		rc = cli_fail(ctx, CMD);
		goto out;
	}
	if (geo_gaz_is_reduced(gaz))
		cli_note(CMD, "%s is a reduced gazetteer (built without the reference data): only "
		              "the places the project curates are known", gaz_path);
	if (batch) {
		rc = run_batch(ctx, gaz, &b, fmt, batch, gov);
	} else {
		if (fmt == FMT_CSV)
			printf("query,governorate,status,name,pcode,admin1_pcode,admin3_pcode,lon,lat,"
			       "precision,precision_word,score,note,candidates\n");
		for (int i = first_text; i < argc && rc == CLI_EXIT_OK; i++)
			rc = answer(ctx, gaz, &b, fmt, NULL, argv[i], gov);
	}
	if (fflush(stdout) != 0 && rc == CLI_EXIT_OK) {
		fprintf(stderr, "strikemap: %s: cannot write the output: %s\n", CMD, strerror(errno));
		rc = CLI_EXIT_FAILURE;
	}
	cli_flush_warnings(ctx, CMD);
out:
	geo_buf_free(&b);
	geo_gaz_close(gaz);
	geo_ctx_free(ctx);
	return rc;
}
