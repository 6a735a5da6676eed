/* filters.c — incident filter options of `query` and `summary`.
 *
 * Option values are checked here with the contract's error format and
 * handed to geo/query as they are: nothing the user types becomes SQL
 * text. Names are resolved to codes here because geo/ must not depend on
 * the gazetteer: a governorate name through the gazetteer when one is at
 * hand (else the OCHA names and common variants geo/query knows), a
 * facility name or alias through the gazetteer's facility registry. */
#include "cli/filters.h"
#include "cli/cli.h"
#include "gazetteer/facilities.h"
#include "gazetteer/gaz.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char CLI_FILTERS_HELP[] =
	"Filters (combine with AND; every value is matched as data, never as SQL):\n"
	"  --from DATE            incidents on or after DATE (YYYY-MM-DD)\n"
	"  --to DATE              incidents on or before DATE (YYYY-MM-DD); an incident\n"
	"                         dated only to a month matches when the month overlaps\n"
	"  --governorate NAME     a governorate: P-code (SY07) or a name the gazetteer\n"
	"                         knows (Idleb, Idlib, إدلب, \"Damascus suburbs\")\n"
	"  --zone ZONE            de-escalation zone: idlib, northern_homs,\n"
	"                         eastern_ghouta, south\n"
	"  --perpetrator P        a vocabulary word (regime, russia, regime_or_russia,\n"
	"                         isis, sdf_ypg, coalition, turkey, hts, opposition,\n"
	"                         unknown, other) or any text, found inside the\n"
	"                         perpetrator as written (case and accents ignored)\n"
	"  --facility-type T      hospital, medical_point, ambulance, civil_defense,\n"
	"                         red_crescent, other\n"
	"  --facility NAME        a facility by registry id, name or alias (aliases\n"
	"                         from the gazetteer's facility registry), or text\n"
	"                         found inside the facility name\n"
	"  --near LON,LAT         with --radius: incidents within that geodesic\n"
	"  --radius DIST          distance of the point (WGS84, e.g. 3km, 500m)\n"
	"  --precision N          only incidents located at least this precisely\n"
	"                         (ACLED geo-precision: 1 town or point, 2 district,\n"
	"                         3 governorate)\n"
	"  --in-sequence          only members of a double-strike sequence\n"
	"                         (run `strikemap sequences` first)\n"
	"  --repeated             only members of a repeated-strike group\n"
	"                         (run `strikemap repeats` first)\n"
	"  --unresolved           only incidents the geocoder could not place\n"
	"                         (an unplaced incident still matches --governorate\n"
	"                         through the governorate its input names)\n"
	"\n"
	"Store and names:\n"
	"  --db DB                the store (default " CLI_DEFAULT_DB ")\n"
	"  --gazetteer GAZ        for governorate and facility names (default\n"
	"                         $STRIKEMAP_GAZETTEER, else " CLI_DEFAULT_GAZ ")\n";

void cli_filters_init(struct cli_filters *f)
{
	memset(f, 0, sizeof *f);
	geo_query_init(&f->q);
	f->db = CLI_DEFAULT_DB;
	const char *env = getenv("STRIKEMAP_GAZETTEER");
	f->gazetteer = env && *env ? env : CLI_DEFAULT_GAZ;
}

void cli_filters_free(struct cli_filters *f)
{
	for (size_t i = 0; i < f->n_facility_ids; i++)
		free(f->facility_ids[i]);
	free(f->facility_ids);
	f->facility_ids = NULL;
	f->n_facility_ids = 0;
}

int cli_filters_value(const char *cmd, const char *opt, int argc, char **argv, int *i,
                      const char **val)
{
	size_t n = strlen(opt);
	const char *a = argv[*i];
	if (strncmp(a, opt, n) != 0)
		return 0;
	if (a[n] == '=') {
		*val = a + n + 1;
		return 1;
	}
	if (a[n] != '\0')
		return 0;
	if (*i + 1 >= argc)
		return cli_usage_error(cmd, "%s needs a value", opt);
	*val = argv[++*i];
	return 1;
}

/* "36.80,35.86" -> lon, lat. */
static int parse_point(const char *cmd, const char *val, double *lon, double *lat)
{
	char *end;
	errno = 0;
	*lon = strtod(val, &end);
	if (end == val || *end != ',' || errno)
		goto bad;
	const char *p = end + 1;
	*lat = strtod(p, &end);
	if (end == p || *end || errno || !isfinite(*lon) || !isfinite(*lat) || fabs(*lon) > 180 ||
	    fabs(*lat) > 90)
		goto bad;
	return 0;
bad:
	return cli_usage_error(cmd, "--near: \"%s\" is not LON,LAT in degrees (e.g. 36.80,35.86)", val);
}

/* 1 when (lon, lat) is in Syria: inside a governorate polygon of the
 * gazetteer when there is one, else inside a loose box around the country.
 * -1 when that cannot be told. */
static int in_syria(geo_ctx *ctx, geo_gaz *gaz, double lon, double lat)
{
	char a1[16], a3[16];
	int inside = 0;
	if (!gaz)
		return lon >= 35.4 && lon <= 42.6 && lat >= 32.1 && lat <= 37.6;
	if (geo_gaz_locate_point(gaz, lon, lat, a1, a3, &inside) != GEO_OK) {
		geo_ctx_clear_error(ctx);
		return -1;
	}
	return inside;
}

/* A point outside Syria is most often LAT,LON written the wrong way round:
 * say so (a note, not an error: the query still runs as asked). */
static void check_near(const char *cmd, geo_ctx *ctx, struct cli_filters *f, geo_gaz *gaz)
{
	const struct geo_query *q = &f->q;
	if (in_syria(ctx, gaz, q->near_lon, q->near_lat) != 0)
		return;
	if (in_syria(ctx, gaz, q->near_lat, q->near_lon) == 1)
		cli_note(cmd, "note: --near %g,%g is outside Syria but %g,%g is inside: the order is"
		         " LON,LAT", q->near_lon, q->near_lat, q->near_lat, q->near_lon);
	else
		cli_note(cmd, "note: --near %g,%g is outside Syria", q->near_lon, q->near_lat);
}

int cli_filters_option(const char *cmd, struct cli_filters *f, int argc, char **argv, int *i,
                       int with_limit)
{
	const char *v = NULL;
	int r;
	struct geo_query *q = &f->q;
#define VALUE(opt) ((r = cli_filters_value(cmd, opt, argc, argv, i, &v)) != 0)
	if (VALUE("--db")) {
		if (r == 1)
			f->db = v;
	} else if (VALUE("--gazetteer")) {
		if (r == 1)
			f->gazetteer = v;
	} else if (VALUE("--from")) {
		if (r == 1 && cli_opt_date(cmd, "--from", v))
			r = CLI_EXIT_USAGE;
		if (r == 1)
			q->from = v;
	} else if (VALUE("--to")) {
		if (r == 1 && cli_opt_date(cmd, "--to", v))
			r = CLI_EXIT_USAGE;
		if (r == 1)
			q->to = v;
	} else if (VALUE("--governorate")) {
		if (r == 1)
			f->governorate = v;
	} else if (VALUE("--zone")) {
		int idx;
		if (r == 1 && cli_opt_choice(cmd, "--zone", v, GEO_QUERY_ZONES, &idx))
			r = CLI_EXIT_USAGE;
		if (r == 1)
			q->zone = v;
	} else if (VALUE("--perpetrator")) {
		if (r == 1)
			q->perpetrator = v;
	} else if (VALUE("--facility-type")) {
		int idx;
		if (r == 1 && cli_opt_choice(cmd, "--facility-type", v, GEO_FACILITY_TYPES, &idx))
			r = CLI_EXIT_USAGE;
		if (r == 1)
			q->facility_type = v;
	} else if (VALUE("--facility")) {
		if (r == 1)
			q->facility = v;
	} else if (VALUE("--near")) {
		if (r == 1 && parse_point(cmd, v, &q->near_lon, &q->near_lat))
			r = CLI_EXIT_USAGE;
		if (r == 1)
			q->near = 1;
	} else if (VALUE("--radius")) {
		if (r == 1 && cli_opt_distance(cmd, "--radius", v, &q->radius_m))
			r = CLI_EXIT_USAGE;
		if (r == 1)
			f->has_radius = 1;
	} else if (VALUE("--precision")) {
		long n;
		if (r == 1 && cli_opt_long(cmd, "--precision", v, 1, 3, &n))
			r = CLI_EXIT_USAGE;
		if (r == 1)
			q->max_precision = (int)n;
	} else if (VALUE("--format")) {
		if (r == 1)
			f->format = v;
	} else if (with_limit && VALUE("--limit")) {
		if (r == 1 && cli_opt_long(cmd, "--limit", v, 1, 1000000000L, &q->limit))
			r = CLI_EXIT_USAGE;
	} else if (strcmp(argv[*i], "--in-sequence") == 0) {
		q->in_sequence = r = 1;
	} else if (strcmp(argv[*i], "--repeated") == 0) {
		q->repeated = r = 1;
	} else if (strcmp(argv[*i], "--unresolved") == 0) {
		q->unresolved = r = 1;
	} else {
		return 0;
	}
#undef VALUE
	if (r == 1)
		++*i;
	return r;
}

/* The governorate P-code for what the user wrote, into f->pcode: a
 * P-code as it is; a name through the gazetteer (a candidate of kind
 * governorate: "Hama" is a city too), else the OCHA names and variants
 * geo/query knows. */
static int resolve_governorate(const char *cmd, geo_gaz *gaz, struct cli_filters *f)
{
	const char *g = f->governorate;
	const char *pc = NULL;
	struct geo_gaz_result res;
	if (strlen(g) == 4 && (g[0] == 'S' || g[0] == 's') && (g[1] == 'Y' || g[1] == 'y')) {
		char up[5] = {'S', 'Y', g[2], g[3], '\0'};
		if (!geo_query_is_governorate_pcode(up))
			return cli_usage_error(cmd, "--governorate: \"%s\" is not a governorate P-code"
			                       " (SY01..SY14)", g);
		memcpy(f->pcode, up, 5);
		return 0;
	}
	memset(&res, 0, sizeof res);
	if (gaz && geo_gaz_lookup(gaz, g, NULL, &res) == GEO_OK) {
		for (size_t i = 0; i < res.n && !pc; i++)
			if (res.cand[i].kind && strcmp(res.cand[i].kind, "governorate") == 0 &&
			    geo_query_is_governorate_pcode(res.cand[i].admin1_pcode))
				pc = res.cand[i].admin1_pcode;
	}
	if (!pc)
		pc = geo_query_governorate_pcode(g);
	if (!pc && res.n > 0 && res.cand[0].kind)
		return cli_usage_error(cmd, "--governorate: \"%s\" is a %s (%s, in %s), not a governorate",
		                       g, res.cand[0].kind, res.cand[0].name ? res.cand[0].name : "?",
		                       res.cand[0].admin1_pcode ? res.cand[0].admin1_pcode : "?");
	if (!pc)
		return cli_usage_error(cmd, "--governorate: \"%s\" is not a governorate %s; give its"
		                       " P-code (SY01..SY14)", g,
		                       gaz ? "the gazetteer knows" : "name I know (no gazetteer was found)");
	snprintf(f->pcode, sizeof f->pcode, "%s", pc);
	return 0;
}

/* `s` folded, articles (al, el, the) dropped, padded with spaces for
 * whole-word search: " ihsan hospital ". Owned by the caller. */
static char *facility_key(const char *s)
{
	char *fold = geo_query_fold(s), *out = NULL;
	if (!fold)
		return NULL;
	out = malloc(strlen(fold) + 3);
	if (out) {
		char *o = out;
		*o++ = ' ';
		for (char *tok = strtok(fold, " "); tok; tok = strtok(NULL, " ")) {
			if (strcmp(tok, "al") == 0 || strcmp(tok, "el") == 0 || strcmp(tok, "the") == 0)
				continue;
			size_t n = strlen(tok);
			memcpy(o, tok, n);
			o += n;
			*o++ = ' ';
		}
		*o = '\0';
	}
	free(fold);
	return out;
}

/* 1 when the user's key is the name (or alias) or a run of its words. */
static int facility_name_matches(const char *want_key, const char *name)
{
	char *k = facility_key(name);
	int hit = k && strlen(want_key) > 2 && strstr(k, want_key) != NULL;
	free(k);
	return hit;
}

/* The registry ids whose name or alias matches --facility. */
static int resolve_facility(const char *cmd, geo_gaz *gaz, struct cli_filters *f)
{
	const struct geo_facilities *reg = gaz ? geo_gaz_facilities(gaz) : NULL;
	char *want = NULL;
	int rc = 0;
	size_t n = reg ? geo_facilities_count(reg) : 0;
	if (!n)
		return 0;
	if (!(want = facility_key(f->q.facility))) {
		fprintf(stderr, "strikemap: %s: out of memory\n", cmd);
		return CLI_EXIT_FAILURE;
	}
	for (size_t i = 0; i < n; i++) {
		const struct geo_facility *fac = geo_facilities_get(reg, i);
		int hit = fac->name && facility_name_matches(want, fac->name);
		if (!hit && fac->aliases) {
			char *al = strdup(fac->aliases), *save = NULL;
			if (!al) {
				rc = CLI_EXIT_FAILURE;
				break;
			}
			for (char *a = strtok_r(al, "|", &save); a && !hit; a = strtok_r(NULL, "|", &save))
				hit = facility_name_matches(want, a);
			free(al);
		}
		if (!hit)
			continue;
		char **v = realloc(f->facility_ids, (f->n_facility_ids + 1) * sizeof *v);
		if (!v || !(v[f->n_facility_ids] = strdup(fac->id))) {
			if (v)
				f->facility_ids = v;
			rc = CLI_EXIT_FAILURE;
			break;
		}
		f->facility_ids = v;
		f->n_facility_ids++;
		cli_note(cmd, "--facility \"%s\": registry facility %s (%s)", f->q.facility, fac->id,
		         fac->name ? fac->name : "");
	}
	if (rc)
		fprintf(stderr, "strikemap: %s: out of memory\n", cmd);
	free(want);
	f->q.facility_ids = (const char *const *)f->facility_ids;
	f->q.n_facility_ids = f->n_facility_ids;
	return rc;
}

int cli_filters_finish(const char *cmd, geo_ctx *ctx, struct cli_filters *f)
{
	struct geo_query *q = &f->q;
	geo_gaz *gaz = NULL;
	int r = 0;
	if (q->near && !f->has_radius)
		return cli_usage_error(cmd, "--near needs --radius (e.g. --radius 3km)");
	if (f->has_radius && !q->near)
		return cli_usage_error(cmd, "--radius needs --near LON,LAT");
	if (q->unresolved && (q->near || q->max_precision))
		return cli_usage_error(cmd, "--unresolved selects incidents without a point: it cannot"
		                       " combine with --near or --precision");
	/* the gazetteer, when a name needs it and it is there */
	int pcode_given = f->governorate && strlen(f->governorate) == 4 &&
	                  (f->governorate[0] == 'S' || f->governorate[0] == 's');
	if (((f->governorate && !pcode_given) || q->facility || q->near) &&
	    access(f->gazetteer, R_OK) == 0) {
		gaz = geo_gaz_open(ctx, f->gazetteer);
		if (!gaz) {
			r = cli_fail(ctx, cmd);
			goto out;
		}
	}
	if (q->near)
		check_near(cmd, ctx, f, gaz);
	if (f->governorate) {
		if ((r = resolve_governorate(cmd, gaz, f)) != 0)
			goto out;
		q->admin1_pcode = f->pcode;
	}
	if (q->facility && (r = resolve_facility(cmd, gaz, f)) != 0)
		goto out;
	if (geo_query_check(ctx, q) != GEO_OK) {
		r = cli_usage_error(cmd, "%s", geo_ctx_error_message(ctx));
		geo_ctx_clear_error(ctx);
	}
out:
	geo_gaz_close(gaz);
	return r;
}
