/* cmd_import.c — `strikemap import [--db DB] [--gazetteer GAZ] FILE...`
 *
 * Three phases, so a bad input never half-changes the store:
 *   1. read and validate every file (geo/reader.h); one bad row refuses its
 *      file with `file:line: column "x": reason` and nothing is written;
 *   2. geocode every incident (gazetteer/gaz.h); rows given lon/lat are
 *      only checked (against the border as they are read, when there is a
 *      gazetteer: swapped longitude/latitude is warned about); a place that
 *      cannot be resolved is kept, unlocated, with the reason;
 *   3. write everything in one transaction; any error rolls it back.
 * Then a summary goes to stdout: incidents read, new/updated, resolved by
 * precision, ambiguous and unresolved with their ids and reasons. */
#include "cli/cli.h"
#include "gazetteer/gaz.h"
#include "geo/query.h"
#include "geo/reader.h"
#include "geo/store.h"
#include "layers/zones.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* PostGIS sources ("PG:conninfo") are read by layers/postgis.c when it
 * exists (the export work); until then they are refused plainly. */
#if defined(__has_include)
#if __has_include("layers/postgis.h")
#include "layers/postgis.h"
#define HAVE_PG_READER 1
#endif
#endif

static const char *const CMD = "import";

static void usage(FILE *f)
{
	fprintf(f,
	        "Usage: strikemap import [--db DB] [--gazetteer GAZ] [--dry-run] [--table NAME] FILE...\n"
	        "\n"
	        "Validate, geocode and store incidents from CSV or GeoJSON files.\n"
	        "\n"
	        "Every file is read and validated first: a file with one bad row is refused\n"
	        "whole (the message names file, line and column) and nothing is stored.\n"
	        "Places are then geocoded; rows that give lon/lat are only checked: with a\n"
	        "gazetteer, a point outside Syria is a warning, and one that lies in Syria\n"
	        "once longitude and latitude are swapped is named as such (the row is kept\n"
	        "as given, never swapped). All rows are written in one transaction:\n"
	        "re-importing an id updates that incident.\n"
	        "Rows whose place cannot be resolved are stored without a point, with the\n"
	        "reason. A summary is printed on stdout.\n"
	        "\n"
	        "Options:\n"
	        "  --db DB          the store (default %s; created when missing)\n"
	        "  --gazetteer GAZ  the gazetteer (default $STRIKEMAP_GAZETTEER, else %s)\n"
	        "  --dry-run        validate and geocode, print the summary, write nothing\n"
	        "  --table NAME     table to read from PostGIS sources (default incidents)\n"
	        "  --help           show this help\n"
	        "\n"
	        "FILE: a .csv or .geojson/.json file, '-' for CSV or GeoJSON on stdin, or\n"
	        "PG:\"<conninfo>\" for a PostGIS table.\n"
	        "CSV columns: id, date (YYYY-MM-DD, required), time (HH:MM), date_precision,\n"
	        "place (or place_text), governorate, facility_name, facility_type (hospital,\n"
	        "medical_point, ambulance, civil_defense, red_crescent, other), perpetrator,\n"
	        "weapon, killed, injured, damage, control, source, notes, lon/lat; other\n"
	        "columns are kept as attributes. Header names are case-insensitive.\n"
	        "\n"
	        "Exit codes: 0 stored, 1 runtime failure, 2 usage error, 3 input refused\n"
	        "(nothing stored), 5 a file or the gazetteer was not found.\n",
	        CLI_DEFAULT_DB, CLI_DEFAULT_GAZ);
}

/* Precision words in report order, with their ACLED codes. */
static const struct {
	const char *word;
	int code;
} PRECISIONS[] = {
	{"point", 1},       {"neighbourhood", 1}, {"community", 1}, {"subdistrict", 2},
	{"district", 2},    {"governorate", 3},   {"region", 3},
};
#define N_PRECISIONS (sizeof PRECISIONS / sizeof PRECISIONS[0])

static int needs_geocoder(const struct geo_incident_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		if (!l->v[i].has_point)
			return 1;
	return 0;
}

static void print_summary(const struct geo_incident_list *l, size_t nfiles, long inserted,
                          long updated, const char *db, int dry_run)
{
	size_t n_input = 0, n_located = 0, n_amb = 0, n_unres = 0;
	size_t by_prec[N_PRECISIONS][4] = {{0}}, other_prec = 0; /* [word][ACLED code] */

	for (size_t i = 0; i < l->n; i++) {
		const struct geo_incident *inc = &l->v[i];
		const char *gs = inc->geocode_status ? inc->geocode_status : GEO_GC_UNRESOLVED;
		if (strcmp(gs, GEO_GC_INPUT) == 0) {
			n_input++;
		} else if (inc->has_point && strcmp(gs, GEO_GC_RESOLVED) == 0) {
			size_t k = 0;
			for (; k < N_PRECISIONS; k++)
				if (inc->precision_word && strcmp(inc->precision_word, PRECISIONS[k].word) == 0)
					break;
			if (k < N_PRECISIONS)
				by_prec[k][inc->geo_precision >= 1 && inc->geo_precision <= 3 ? inc->geo_precision
				                                                              : PRECISIONS[k].code]++;
			else
				other_prec++;
		} else if (strcmp(gs, GEO_GC_AMBIGUOUS) == 0) {
			n_amb++;
		} else {
			n_unres++;
		}
		if (inc->has_point)
			n_located++;
	}
	printf("%zu incident%s read from %zu file%s\n", l->n, l->n == 1 ? "" : "s", nfiles,
	       nfiles == 1 ? "" : "s");
	if (dry_run)
		printf("dry run: nothing written to %s\n", db);
	else
		printf("stored in %s: %ld new, %ld updated\n", db, inserted, updated);
	printf("located: %zu of %zu\n", n_located, l->n);
	if (n_input)
		printf("  given as lon/lat in the input: %zu\n", n_input);
	/* (a place's point at a coarser code: near the community, or a part of
	 * it the gazetteer does not know) */
	for (size_t k = 0; k < N_PRECISIONS; k++)
		for (int c = 1; c <= 3; c++)
			if (by_prec[k][c] && c > PRECISIONS[k].code)
				printf("  resolved to a %s's point, near it or in a part of it the gazetteer does "
				       "not know (precision %d): %zu\n", PRECISIONS[k].word, c, by_prec[k][c]);
			else if (by_prec[k][c])
				printf("  resolved to a %s (precision %d): %zu\n", PRECISIONS[k].word, c, by_prec[k][c]);
	if (other_prec)
		printf("  resolved, precision not stated: %zu\n", other_prec);
	printf("ambiguous: %zu\n", n_amb);
	for (size_t i = 0; i < l->n; i++) {
		const struct geo_incident *inc = &l->v[i];
		if (inc->geocode_status && strcmp(inc->geocode_status, GEO_GC_AMBIGUOUS) == 0)
			printf("  %s: \"%s\": %s%s\n", inc->id, inc->place_text ? inc->place_text : "",
			       inc->geocode_note ? inc->geocode_note : "several places match",
			       inc->has_point ? " (stored at the best candidate)" : " (stored without a point)");
	}
	printf("unresolved: %zu\n", n_unres);
	for (size_t i = 0; i < l->n; i++) {
		const struct geo_incident *inc = &l->v[i];
		const char *gs = inc->geocode_status ? inc->geocode_status : GEO_GC_UNRESOLVED;
		if (strcmp(gs, GEO_GC_INPUT) && strcmp(gs, GEO_GC_AMBIGUOUS) &&
		    !(inc->has_point && strcmp(gs, GEO_GC_RESOLVED) == 0))
			printf("  %s: \"%s\": %s\n", inc->id, inc->place_text ? inc->place_text : "",
			       inc->geocode_note ? inc->geocode_note : "no reason given");
	}
}

/* ---- input points against the border -------------------------------------
 *
 * With a gazetteer, each point an input row gives is tested against Syria's
 * governorate polygons as the row is read (geo/reader.h check_point), so the
 * warning can name the file, the row and the columns that gave it. A point
 * outside Syria whose swap (lat, lon) lies inside is most likely written
 * latitude first: warned (saying whether the governorate the row names
 * agrees), noted in geocode_note, and kept as given (never swapped
 * silently). A point outside Syria either way is warned about too. */

struct swap_note {
	char *id;        /* the incident's id (owned) */
	char note[160];  /* appended to its geocode_note */
};

struct point_checker {
	geo_gaz *gaz;          /* borrowed */
	struct swap_note *v;   /* in reading order */
	size_t n, cap;
};

static void point_checker_free(struct point_checker *pc)
{
	for (size_t i = 0; i < pc->n; i++)
		free(pc->v[i].id);
	free(pc->v);
	pc->v = NULL;
	pc->n = pc->cap = 0;
}

static const char *gov_name(const char *pcode)
{
	const char *n = geo_query_governorate_name(pcode);
	return n ? n : pcode;
}

static enum geo_status check_input_point(void *user, geo_ctx *ctx, const char *where,
                                         const char *field, const struct geo_incident *inc)
{
	struct point_checker *pc = user;
	char a1[16], a3[16], s1[16], s3[16];
	char note[160];
	int in = 0, swapped_in = 0;
	double x = inc->lon, y = inc->lat;
	enum geo_status st;
	const char *stated = NULL;

	note[0] = '\0';
	if (inc->governorate)
		stated = geo_query_is_governorate_pcode(inc->governorate)
		                 ? inc->governorate
		                 : geo_query_governorate_pcode(inc->governorate);
	if ((st = geo_gaz_locate_point(pc->gaz, x, y, a1, a3, &in)) != GEO_OK)
		return st;
	if (in)
		return GEO_OK;
	/* the swapped point, when the longitude can be a latitude (a point in
	 * Syria whose swap is in Syria too would need both coordinates in
	 * 35.7..37.3 and lies near the diagonal: the same place either way) */
	/* a swap that moves the point less than ~20 km cannot be told from a
	 * point just over the border or off the coast (Kessab, the Afrin
	 * border): then only "outside Syria" is said */
	int try_swap = fabs(x) <= 90 && fabs(x - y) >= 0.16;
	if (try_swap && (st = geo_gaz_locate_point(pc->gaz, y, x, s1, s3, &swapped_in)) != GEO_OK)
		return st;
	if (swapped_in) {
		int agrees = stated && strcmp(s1, stated) == 0;
		char says[96] = "";
		if (agrees)
			snprintf(says, sizeof says, " (as the row says)");
		else if (stated)
			snprintf(says, sizeof says, " (the row says %s governorate)", gov_name(stated));
		geo_ctx_warn(ctx, "%s: incident %s: %s: lon/lat look swapped: (%.8g, %.8g) is outside "
		             "Syria, (%.8g, %.8g) is in %s governorate%s; kept as given",
		             where, inc->id, field, x, y, y, x, gov_name(s1), says);
		snprintf(note, sizeof note, "lon/lat look swapped: (%.8g, %.8g) is in %s governorate", y,
		         x, gov_name(s1));
	} else {
		geo_ctx_warn(ctx, "%s: incident %s: %s: (%.8g, %.8g) is outside Syria%s; kept as given",
		             where, inc->id, field, x, y,
		             try_swap ? " (so is the point with longitude and latitude swapped)" : "");
	}
	if (note[0]) {
		struct swap_note *v = geo_grow(pc->v, &pc->cap, pc->n + 1, sizeof *v, 16);
		if (!v)
			return GEO_ERROR(ctx, GEO_ERR_NOMEM, "%s: out of memory", where);
		pc->v = v;
		if (!(pc->v[pc->n].id = strdup(inc->id)))
			return GEO_ERROR(ctx, GEO_ERR_NOMEM, "%s: out of memory", where);
		snprintf(pc->v[pc->n].note, sizeof pc->v[pc->n].note, "%s", note);
		pc->n++;
	}
	return GEO_OK;
}

/* Keep the context's warnings except those whose index is in drop[0..nd)
 * (ascending). Returns GEO_OK or GEO_ERR_NOMEM (error set). */
static enum geo_status drop_warnings(geo_ctx *ctx, const size_t *drop, size_t nd)
{
	size_t n = geo_ctx_warning_count(ctx), k = 0, d = 0;
	char **keep;
	enum geo_status rc = GEO_OK;
	if (!nd)
		return GEO_OK;
	keep = calloc(n, sizeof *keep);
	if (!keep)
		return GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < n; i++) {
		if (d < nd && drop[d] == i) {
			d++;
			continue;
		}
		if (!(keep[k++] = strdup(geo_ctx_warning(ctx, i)))) {
			rc = GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory");
			goto out;
		}
	}
	geo_ctx_clear_warnings(ctx);
	for (size_t i = 0; i < k; i++)
		geo_ctx_warn(ctx, "%s", keep[i]);
out:
	for (size_t i = 0; i < k; i++)
		free(keep[i]);
	free(keep);
	return rc;
}

/* Geocode every incident. Rows without a place are marked unresolved here.
 * checked[i] (i < nchecked) is set for incidents whose point check_input_point already
 * tested: the geocoder's own "outside Syria" warning for them is a
 * duplicate and is dropped (its geocode_note stays), and a swap note is
 * added to their geocode_note. */
static enum geo_status geocode_all(geo_ctx *ctx, geo_gaz *gaz, struct geo_incident_list *l,
                                   const unsigned char *checked, size_t nchecked,
                                   const struct point_checker *pc)
{
	enum geo_status rc = GEO_OK;
	size_t *drop = NULL, nd = 0, cap = 0, sw = 0;
	for (size_t i = 0; i < l->n; i++) {
		struct geo_incident *inc = &l->v[i];
		enum geo_status st;
		size_t w0 = geo_ctx_warning_count(ctx);
		if (!inc->has_point && !inc->place_text) {
			if (geo_incident_set(&inc->geocode_status, GEO_GC_UNRESOLVED) != GEO_OK ||
			    geo_incident_set(&inc->geocode_note, "no place given") != GEO_OK) {
				rc = GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory geocoding");
				goto out;
			}
			continue;
		}
		if (!gaz)
			continue; /* every remaining row has a point: kept as given */
		int input_point = inc->has_point;
		if ((st = geo_gaz_geocode_incident(gaz, inc)) != GEO_OK) {
			if (geo_ctx_error_code(ctx) == GEO_OK)
				GEO_ERROR(ctx, st, "%s:%ld: geocoding incident %s failed", inc->source_file,
				          inc->source_line, inc->id);
			rc = st;
			goto out;
		}
		if (!inc->geocode_status &&
		    geo_incident_set(&inc->geocode_status,
		                     inc->has_point ? GEO_GC_RESOLVED : GEO_GC_UNRESOLVED) != GEO_OK) {
			rc = GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory geocoding");
			goto out;
		}
		if (!input_point || i >= nchecked || !checked[i])
			continue;
		for (size_t w = w0; w < geo_ctx_warning_count(ctx); w++) {
			if (!strstr(geo_ctx_warning(ctx, w), "outside Syria"))
				continue;
			if (nd == cap) {
				size_t nc = cap ? cap * 2 : 16;
				size_t *nv = realloc(drop, nc * sizeof *nv);
				if (!nv) {
					rc = GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory geocoding");
					goto out;
				}
				drop = nv;
				cap = nc;
			}
			drop[nd++] = w;
		}
		/* swap notes come in reading order, as the incidents do */
		if (pc && sw < pc->n && strcmp(pc->v[sw].id, inc->id) == 0) {
			const char *old = inc->geocode_note;
			size_t len = (old ? strlen(old) + 2 : 0) + strlen(pc->v[sw].note) + 1;
			char *note = malloc(len);
			if (!note) {
				rc = GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory geocoding");
				goto out;
			}
			snprintf(note, len, "%s%s%s", old ? old : "", old ? "; " : "", pc->v[sw].note);
			st = geo_incident_set(&inc->geocode_note, note);
			free(note);
			if (st != GEO_OK) {
				rc = GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory geocoding");
				goto out;
			}
			sw++;
		}
	}
	rc = drop_warnings(ctx, drop, nd);
out:
	free(drop);
	return rc;
}

/* Store everything in one transaction; inserted and updated count rows.
 * With a gazetteer, the de-escalation zone of every stored incident is set
 * in the same transaction (layers/zones.h); *in_zone counts them. */
static enum geo_status store_all(geo_ctx *ctx, geo_store *st, const struct geo_incident_list *l,
                                 char **names, int nfiles, const char *gaz_path,
                                 long *inserted, long *updated, long *in_zone)
{
	enum geo_status rc;
	if ((rc = geo_store_begin(st)) != GEO_OK)
		return rc;
	for (int f = 0; f < nfiles; f++) {
		long ins = 0, upd = 0;
		for (size_t i = 0; i < l->n; i++) {
			int was;
			if (!l->v[i].source_file || strcmp(l->v[i].source_file, names[f]) != 0)
				continue;
			if ((rc = geo_store_upsert_incident(st, &l->v[i], &was)) != GEO_OK)
				goto fail;
			if (was)
				upd++;
			else
				ins++;
		}
		if ((rc = geo_store_log_import(st, names[f], ins, upd)) != GEO_OK)
			goto fail;
		*inserted += ins;
		*updated += upd;
	}
	if (gaz_path && (rc = geo_zones_assign_count(ctx, st, gaz_path, in_zone)) != GEO_OK)
		goto fail;
	if ((rc = geo_store_commit(st)) != GEO_OK)
		goto fail;
	return GEO_OK;
fail:
	geo_store_rollback(st);
	*inserted = *updated = *in_zone = 0;
	return rc;
}

/* Two inputs giving the same id would silently overwrite each other in one
 * import: refuse that as a data error naming both places. (Repeats inside
 * one file are caught by the reader.) */
/* How a source is named in the store (source_file, import_log): a PostGIS
 * conninfo with its password replaced by "***" (key=value or URI form).
 * Returns a malloc'ed string, or NULL when memory is short. */
static char *source_name(const char *arg)
{
	size_t n = strlen(arg);
	char *out = malloc(2 * n + 8), *o; /* a 1-byte secret grows to 3 */
	const char *p = arg;
	if (!out)
		return NULL;
	if (strncmp(arg, "PG:", 3) != 0)
		return memcpy(out, arg, n + 1);
	o = out;
	while (*p) {
		const char *v = NULL, *e = NULL;
		if (strncasecmp(p, "password", 8) == 0) {
			v = p + 8;
			while (*v == ' ')
				v++;
			if (*v == '=') {
				v++;
				while (*v == ' ')
					v++;
				if (*v == '\'') {
					for (e = v + 1; *e && *e != '\''; e++)
						if (*e == '\\' && e[1])
							e++;
					if (*e)
						e++;
				} else {
					for (e = v; *e && *e != ' '; e++)
						;
				}
			} else {
				v = NULL;
			}
		} else if (strncmp(p, "://", 3) == 0) {
			/* postgresql://user:secret@host */
			const char *at = strchr(p + 3, '@'), *colon = strchr(p + 3, ':');
			if (at && colon && colon < at) {
				v = colon + 1;
				e = at;
			}
		}
		if (v && e > v) {
			memcpy(o, p, (size_t)(v - p));
			o += v - p;
			memcpy(o, "***", 3);
			o += 3;
			p = e;
		} else {
			*o++ = *p++;
		}
	}
	*o = '\0';
	return out;
}

static const struct geo_incident_list *g_sort_list;

static int cmp_by_id(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int c = strcmp(g_sort_list->v[x].id, g_sort_list->v[y].id);
	return c ? c : (x < y ? -1 : x > y);
}

static enum geo_status check_ids_across(geo_ctx *ctx, const struct geo_incident_list *l)
{
	size_t *idx;
	enum geo_status rc = GEO_OK;
	if (l->n < 2)
		return GEO_OK;
	idx = malloc(l->n * sizeof *idx);
	if (!idx)
		return GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory checking ids");
	for (size_t i = 0; i < l->n; i++)
		idx[i] = i;
	g_sort_list = l;
	qsort(idx, l->n, sizeof *idx, cmp_by_id);
	for (size_t i = 1; i < l->n; i++) {
		const struct geo_incident *a = &l->v[idx[i - 1]], *b = &l->v[idx[i]];
		if (strcmp(a->id, b->id) == 0) {
			rc = GEO_ERROR(ctx, GEO_ERR_INVALID,
			               "%s:%ld: column \"id\": \"%s\" is also given by %s:%ld; one import "
			               "cannot hold the same incident twice",
			               b->source_file, b->source_line, b->id, a->source_file, a->source_line);
			break;
		}
	}
	free(idx);
	return rc;
}

/* Open the gazetteer into *gaz; on failure print why and what to do and
 * return the exit code. */
static int open_gazetteer(geo_ctx *ctx, const char *gaz_path, geo_gaz **gaz)
{
	*gaz = geo_gaz_open(ctx, gaz_path);
	if (!*gaz) {
		int rc = cli_fail(ctx, CMD);
		fprintf(stderr,
		        "strikemap: %s: build the gazetteer with 'strikemap gazetteer build -o %s' "
		        "or name it with --gazetteer; nothing was stored\n",
		        CMD, gaz_path);
		return rc;
	}
	if (geo_gaz_is_reduced(*gaz))
		cli_note(CMD, "%s is a reduced gazetteer (built without the reference data): only "
		              "the places the project curates can be found",
		         gaz_path);
	return CLI_EXIT_OK;
}

int cli_cmd_import(int argc, char **argv)
{
	const char *db = CLI_DEFAULT_DB, *gaz_path = NULL, *table = "incidents";
	int dry_run = 0, rc = CLI_EXIT_OK, nfiles = 0;
	char **files = NULL, **names = NULL;
	geo_ctx *ctx = NULL;
	geo_gaz *gaz = NULL;
	geo_store *st = NULL;
	struct geo_incident_list all = {0};
	long inserted = 0, updated = 0, in_zone = -1;
	struct point_checker pc = {0};
	struct geo_read_options ropt = {0};
	unsigned char *checked = NULL; /* per incident of `all`: its point was checked */
	size_t nchecked = 0;

	files = calloc((size_t)argc, sizeof *files);
	if (!files) {
		fprintf(stderr, "strikemap: %s: out of memory\n", CMD);
		return CLI_EXIT_FAILURE;
	}
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage(stdout);
			goto out;
		} else if (strcmp(a, "--db") == 0 || strcmp(a, "--gazetteer") == 0 ||
		           strcmp(a, "--table") == 0) {
			if (i + 1 >= argc) {
				rc = cli_usage_error(CMD, "%s needs a value", a);
				goto out;
			}
			if (strcmp(a, "--db") == 0)
				db = argv[++i];
			else if (strcmp(a, "--gazetteer") == 0)
				gaz_path = argv[++i];
			else
				table = argv[++i];
		} else if (strncmp(a, "--db=", 5) == 0) {
			db = a + 5;
		} else if (strncmp(a, "--gazetteer=", 12) == 0) {
			gaz_path = a + 12;
		} else if (strcmp(a, "--dry-run") == 0 || strcmp(a, "-n") == 0) {
			dry_run = 1;
		} else if (strcmp(a, "--") == 0) {
			for (i++; i < argc; i++)
				files[nfiles++] = argv[i];
		} else if (a[0] == '-' && a[1] != '\0') {
			rc = cli_usage_error(CMD, "unknown option '%s'", a);
			goto out;
		} else {
			files[nfiles++] = argv[i];
		}
	}
	if (nfiles == 0) {
		rc = cli_usage_error(CMD, "no input file (give one or more CSV or GeoJSON files)");
		goto out;
	}
	if (!*db) {
		rc = cli_usage_error(CMD, "--db: the path is empty");
		goto out;
	}
	names = calloc((size_t)nfiles, sizeof *names);
	for (int f = 0; names && f < nfiles; f++)
		if (!(names[f] = source_name(files[f]))) {
			free(names[f]);
			break;
		}
	if (!names || !names[nfiles - 1]) {
		fprintf(stderr, "strikemap: %s: out of memory\n", CMD);
		rc = CLI_EXIT_FAILURE;
		goto out;
	}
	if (!gaz_path) {
		const char *env = getenv("STRIKEMAP_GAZETTEER");
		gaz_path = env && *env ? env : CLI_DEFAULT_GAZ;
	}
	ctx = geo_ctx_new();
	if (!ctx) {
		fprintf(stderr, "strikemap: %s: cannot initialise GEOS/PROJ\n", CMD);
		rc = CLI_EXIT_FAILURE;
		goto out;
	}

	/* The gazetteer first when there is one: the points rows give are then
	 * checked against the border as they are read. */
	if (access(gaz_path, R_OK) == 0 && (rc = open_gazetteer(ctx, gaz_path, &gaz)) != CLI_EXIT_OK)
		goto out;
	pc.gaz = gaz;
	ropt.check_point = check_input_point;
	ropt.user = &pc;

	/* 1. read and validate everything */
	for (int f = 0; f < nfiles; f++) {
		enum geo_status s;
		size_t before = all.n;
		if (strncmp(files[f], "PG:", 3) == 0) {
#ifdef HAVE_PG_READER
			s = geo_pg_read_incidents(ctx, files[f] + 3, table, &all);
			for (size_t i = before; s == GEO_OK && i < all.n; i++)
				if (geo_incident_set(&all.v[i].source_file, names[f]) != GEO_OK)
					s = GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory");
#else
			(void)table;
			s = GEO_ERROR(ctx, GEO_ERR_UNSUPPORTED,
			              "%s: PostGIS sources are not supported in this build yet (export the "
			              "table to GeoJSON with ogr2ogr and import that)",
			              files[f]);
#endif
		} else {
			s = geo_read_incidents_opts(ctx, files[f], NULL, GEO_INPUT_AUTO, gaz ? &ropt : NULL,
			                            &all);
			if (s == GEO_OK && gaz) {
				unsigned char *c = realloc(checked, all.n ? all.n : 1);
				if (!c) {
					s = GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory");
				} else {
					checked = c;
					memset(checked + nchecked, 0, all.n - nchecked);
					memset(checked + before, 1, all.n - before);
					nchecked = all.n;
				}
			}
		}
		if (s != GEO_OK) {
			/* a conninfo may hold a password: never echo it */
			const char *shown = strncmp(files[f], "PG:", 3) == 0 ? "the PostGIS source" : files[f];
			rc = cli_fail(ctx, CMD);
			fprintf(stderr, "strikemap: %s: %s %s; nothing was stored\n", CMD, shown,
			        s == GEO_ERR_PARSE || s == GEO_ERR_INVALID ? "refused" : "could not be read");
			goto out;
		}
	}
	if (check_ids_across(ctx, &all) != GEO_OK) {
		rc = cli_fail(ctx, CMD);
		fprintf(stderr, "strikemap: %s: nothing was stored\n", CMD);
		goto out;
	}

	/* 2. geocode: the gazetteer is needed unless every row gave a point */
	if (!gaz && needs_geocoder(&all)) {
		if ((rc = open_gazetteer(ctx, gaz_path, &gaz)) != CLI_EXIT_OK)
			goto out;
	} else if (!gaz) {
		cli_note(CMD, "no gazetteer at %s: every row gives lon/lat, so points are kept as given "
		              "without admin codes (nor checked against the border beyond Syria's "
		              "bounding box)",
		         gaz_path);
	}
	if (geocode_all(ctx, gaz, &all, checked, nchecked, &pc) != GEO_OK) {
		rc = cli_fail(ctx, CMD);
		goto out;
	}
	cli_flush_warnings(ctx, CMD);

	/* 3. one transaction */
	if (!dry_run) {
		st = geo_store_open(ctx, db, 1);
		if (!st) {
			rc = cli_fail(ctx, CMD);
			goto out;
		}
		if (store_all(ctx, st, &all, names, nfiles, gaz ? gaz_path : NULL, &inserted, &updated,
		              &in_zone) != GEO_OK) {
			rc = cli_fail(ctx, CMD);
			fprintf(stderr, "strikemap: %s: rolled back; %s is as it was\n", CMD, db);
			goto out;
		}
	}
	print_summary(&all, (size_t)nfiles, inserted, updated, db, dry_run);
	if (in_zone >= 0) {
		long total = 0;
		if (geo_store_count_incidents(st, 0, &total) != GEO_OK) {
			rc = cli_fail(ctx, CMD);
			goto out;
		}
		printf("in a de-escalation zone (approximate, Astana 2017): %ld of the %ld incidents "
		       "now in %s\n",
		       in_zone, total, db);
	}
out:
	point_checker_free(&pc);
	free(checked);
	geo_store_close(st);
	geo_gaz_close(gaz);
	geo_incident_list_free(&all);
	geo_ctx_free(ctx);
	for (int f = 0; names && f < nfiles; f++)
		free(names[f]);
	free(names);
	free(files);
	return rc;
}
