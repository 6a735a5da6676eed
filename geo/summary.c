/* summary.c — grouped counts of attacks and persons killed (summary.h).
 *
 * Grouping runs in SQL (GROUP BY over constant key expressions, the
 * filters of geo_query_prepare bound as parameters); ordering and wording
 * are done here so groups come out in the order a report lists them:
 * perpetrators in vocabulary order, facility types in model order,
 * governorates by P-code, zones in memorandum order, months in time. */
#include "geo/summary.h"
#include "geo/perpetrator.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const GEO_SUMMARY_KEYS[] = {"perpetrator", "facility_type", "governorate", "zone",
                                        "month", NULL};

/* SQL expression of each key over incidents `i` (constant text). */
static const char *const KEY_SQL[] = {"i.perpetrator_class", "i.facility_type", GEO_QUERY_ADMIN1,
                                      "i.zone", "substr(i.date, 1, 7)"};
/* The zone key once zones have been assigned in the store: a located
 * incident outside every zone is "none"; NULL is left for incidents
 * without a point, whose zone nobody knows. */
static const char *const ZONE_SQL_ASSIGNED =
	"CASE WHEN i.zone IS NOT NULL THEN i.zone WHEN i.geom IS NOT NULL THEN 'none' END";

/* 1 when at least one incident of the store has a zone. */
static int zones_assigned(geo_store *st)
{
	sqlite3_stmt *s = NULL;
	int yes = 0;
	if (sqlite3_prepare_v2(geo_store_db(st),
	                       "SELECT EXISTS (SELECT 1 FROM incidents WHERE zone IS NOT NULL)", -1, &s,
	                       NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
		yes = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return yes;
}

/* Words a reader uses for the keys, in titles ("by perpetrator and month"). */
static const char *const KEY_TITLE[] = {"perpetrator", "facility type", "governorate", "zone",
                                        "month"};

enum geo_status geo_summary_parse_by(geo_ctx *ctx, const char *by,
                                     enum geo_summary_key keys[GEO_SUMMARY_MAX_KEYS],
                                     int *nkeys)
{
	const char *p = by;
	*nkeys = 0;
	if (!by || !*by)
		return GEO_ERROR(ctx, GEO_ERR_INVALID, "--by: give at least one of perpetrator,"
		                 " facility_type, governorate, zone, month");
	while (*p) {
		const char *e = strchr(p, ',');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		int k = -1;
		for (int i = 0; GEO_SUMMARY_KEYS[i]; i++)
			if (strlen(GEO_SUMMARY_KEYS[i]) == len && strncmp(p, GEO_SUMMARY_KEYS[i], len) == 0)
				k = i;
		if (k < 0)
			return GEO_ERROR(ctx, GEO_ERR_INVALID,
			                 "--by: \"%.*s\" is not one of perpetrator, facility_type, governorate,"
			                 " zone, month", (int)len, p);
		for (int i = 0; i < *nkeys; i++)
			if ((int)keys[i] == k)
				return GEO_ERROR(ctx, GEO_ERR_INVALID, "--by: \"%s\" is given twice",
				                 GEO_SUMMARY_KEYS[k]);
		keys[(*nkeys)++] = (enum geo_summary_key)k;
		p += len;
		if (*p == ',') {
			p++;
			if (!*p)
				return GEO_ERROR(ctx, GEO_ERR_INVALID, "--by: \"%s\" ends with a comma", by);
		}
	}
	return GEO_OK;
}

void geo_summary_free(struct geo_summary *s)
{
	if (!s)
		return;
	for (size_t g = 0; g < s->n; g++)
		for (int k = 0; k < s->nkeys; k++)
			free(s->groups[g].value[k]);
	free(s->groups);
	free(s);
}

/* ---- ordering ---------------------------------------------------------- */

static int index_in(const char *const *list, const char *v)
{
	int i = 0;
	for (; list[i]; i++)
		if (v && strcmp(list[i], v) == 0)
			return i;
	return i + (v ? 0 : 1); /* unknown words after the list, NULL last */
}

static int cmp_value(enum geo_summary_key k, const char *a, const char *b)
{
	int ra, rb;
	switch (k) {
	case GEO_SUMMARY_PERPETRATOR:
		ra = index_in(GEO_PERPETRATOR_CLASSES, a);
		rb = index_in(GEO_PERPETRATOR_CLASSES, b);
		break;
	case GEO_SUMMARY_FACILITY_TYPE:
		ra = index_in(GEO_FACILITY_TYPES, a);
		rb = index_in(GEO_FACILITY_TYPES, b);
		break;
	case GEO_SUMMARY_ZONE:
		ra = index_in(GEO_QUERY_ZONES, a);
		rb = index_in(GEO_QUERY_ZONES, b);
		break;
	default:
		ra = a ? 0 : 1;
		rb = b ? 0 : 1;
		break;
	}
	if (ra != rb)
		return ra < rb ? -1 : 1;
	if (a && b)
		return strcmp(a, b);
	return 0;
}

static const struct geo_summary *sort_summary; /* qsort has no user pointer in C11 */

static int cmp_group(const void *pa, const void *pb)
{
	const struct geo_summary_group *a = pa, *b = pb;
	for (int k = 0; k < sort_summary->nkeys; k++) {
		int c = cmp_value(sort_summary->keys[k], a->value[k], b->value[k]);
		if (c)
			return c;
	}
	return 0;
}

/* ---- running ----------------------------------------------------------- */

enum geo_status geo_summary_run(geo_store *st, const struct geo_query *q,
                                const enum geo_summary_key *keys, int nkeys,
                                struct geo_summary **out)
{
	geo_ctx *ctx = geo_store_ctx(st);
	struct geo_summary *s = NULL;
	sqlite3_stmt *stmt = NULL;
	geo_buf sel, tail;
	enum geo_status rc = GEO_OK;
	int step;

	*out = NULL;
	geo_buf_init(&sel, 4096);
	geo_buf_init(&tail, 4096);
	if (nkeys < 0 || nkeys > GEO_SUMMARY_MAX_KEYS) {
		rc = GEO_ERROR(ctx, GEO_ERR_INVALID, "summary: %d keys (at most %d)", nkeys,
		               GEO_SUMMARY_MAX_KEYS);
		goto out;
	}
	if (!(s = geo_calloc(1, sizeof *s))) {
		rc = GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory");
		goto out;
	}
	s->nkeys = nkeys;
	snprintf(s->from, sizeof s->from, "%s", q->from ? q->from : "");
	snprintf(s->to, sizeof s->to, "%s", q->to ? q->to : "");
	int zones = 0;
	for (int k = 0; k < nkeys; k++)
		if (keys[k] == GEO_SUMMARY_ZONE && !(zones = zones_assigned(st)))
			geo_query_warn_no_zones(st);
	for (int k = 0; k < nkeys; k++) {
		s->keys[k] = keys[k];
		const char *expr = keys[k] == GEO_SUMMARY_ZONE && zones ? ZONE_SQL_ASSIGNED
		                                                        : KEY_SQL[keys[k]];
		if (geo_buf_addf(&sel, "%s, ", expr) != GEO_OK ||
		    (geo_buf_adds(&tail, k ? ", " : "GROUP BY ") != GEO_OK) ||
		    geo_buf_addf(&tail, "%d", k + 1) != GEO_OK) {
			rc = GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory");
			goto out;
		}
	}
	if (geo_buf_adds(&sel, "count(*),"
	                       " sum(coalesce(json_extract(i.attrs, '$.category'), '') <> 'personnel_killed'),"
	                       " CAST(total(i.killed) AS INTEGER),"
	                       " sum(CAST(json_extract(i.attrs, '$.personnel_killed') AS INTEGER)),"
	                       " count(i.killed)") != GEO_OK) {
		rc = GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory");
		goto out;
	}
	if ((rc = geo_query_prepare(st, q, geo_buf_str(&sel), nkeys ? geo_buf_str(&tail) : NULL,
	                            &stmt)) != GEO_OK)
		goto out;
	size_t cap = 0, missing_pk = 0, missing_killed = 0;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		long count = (long)sqlite3_column_int64(stmt, nkeys);
		if (count == 0)
			continue; /* no --by and nothing matched: no group */
		if (s->n == cap) {
			size_t ncap = cap ? cap * 2 : 32;
			struct geo_summary_group *g = geo_realloc(s->groups, ncap * sizeof *g);
			if (!g) {
				rc = GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory");
				goto out;
			}
			s->groups = g;
			cap = ncap;
		}
		struct geo_summary_group *g = &s->groups[s->n];
		memset(g, 0, sizeof *g);
		s->n++;
		for (int k = 0; k < nkeys; k++) {
			const char *v = (const char *)sqlite3_column_text(stmt, k);
			if (v && !(g->value[k] = geo_strdup(v))) {
				rc = GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory");
				goto out;
			}
		}
		g->count = count;
		g->attacks = (long)sqlite3_column_int64(stmt, nkeys + 1);
		/* no row stating a number is "not stated", not 0 */
		long stated = (long)sqlite3_column_int64(stmt, nkeys + 4);
		g->killed = stated ? (long)sqlite3_column_int64(stmt, nkeys + 2) : -1;
		g->killed_not_stated = count - stated;
		g->personnel_killed = sqlite3_column_type(stmt, nkeys + 3) == SQLITE_NULL ?
		                      -1 : (long)sqlite3_column_int64(stmt, nkeys + 3);
		s->total_count += g->count;
		s->total_attacks += g->attacks;
		if (g->killed >= 0)
			s->total_killed += g->killed;
		else
			missing_killed++;
		s->total_killed_not_stated += g->killed_not_stated;
		if (g->personnel_killed >= 0)
			s->total_personnel_killed += g->personnel_killed;
		else
			missing_pk++;
	}
	if (missing_pk == s->n)
		s->total_personnel_killed = -1;
	if (s->n && missing_killed == s->n) /* none selected: 0, not "not stated" */
		s->total_killed = -1;
	/* groups where no row records it count 0 once another group has it */
	for (size_t g = 0; s->total_personnel_killed >= 0 && g < s->n; g++)
		if (s->groups[g].personnel_killed < 0)
			s->groups[g].personnel_killed = 0;
	if (step != SQLITE_DONE) {
		rc = geo_query_db_error(st, "running the summary");
		goto out;
	}
	if (s->n > 1) {
		sort_summary = s;
		qsort(s->groups, s->n, sizeof *s->groups, cmp_group);
		sort_summary = NULL;
	}
	*out = s;
	s = NULL;
out:
	sqlite3_finalize(stmt);
	geo_summary_free(s);
	geo_buf_free(&sel);
	geo_buf_free(&tail);
	return rc;
}

/* ---- wording ----------------------------------------------------------- */

static const struct {
	const char *cls, *label;
} PERP_LABELS[] = {
	{"regime", "Syrian regime forces"},
	{"russia", "Russian forces"},
	{"regime_or_russia", "Syrian/Russian forces (not determined)"},
	{"isis", "ISIS"},
	{"sdf_ypg", "Self-Management forces (SDF/YPG)"},
	{"coalition", "International coalition forces"},
	{"turkey", "Turkish forces"},
	{"hts", "Hay'at Tahrir al-Sham"},
	{"opposition", "Armed opposition factions"},
	{"unknown", "Unidentified perpetrators"},
	{"other", "Other parties"},
};

static const struct {
	const char *type, *one, *many, *heading;
} FACILITY_LABELS[] = {
	{"hospital", "hospital", "hospitals", "Hospitals"},
	{"medical_point", "medical point", "medical points", "Medical points"},
	{"ambulance", "ambulance", "ambulances", "Ambulances"},
	{"civil_defense", "civil defense facility", "civil defense facilities",
	 "Civil defense facilities"},
	{"red_crescent", "Red Crescent facility", "Red Crescent facilities",
	 "Red Crescent facilities"},
	{"other", "other facility", "other facilities", "Other facilities"},
};

static const struct {
	const char *zone, *label;
} ZONE_LABELS[] = {
	{"idlib", "Idlib zone"},
	{"northern_homs", "Northern Homs zone"},
	{"eastern_ghouta", "Eastern Ghouta zone"},
	{"south", "Southern zone (Dar'a, Quneitra)"},
};

static const char *const MONTHS[12] = {"January", "February", "March", "April", "May", "June",
                                       "July", "August", "September", "October", "November",
                                       "December"};

const char *geo_summary_label(enum geo_summary_key key, const char *value, long count,
                              char tmp[64])
{
	switch (key) {
	case GEO_SUMMARY_PERPETRATOR:
		for (size_t i = 0; value && i < sizeof PERP_LABELS / sizeof PERP_LABELS[0]; i++)
			if (strcmp(value, PERP_LABELS[i].cls) == 0)
				return PERP_LABELS[i].label;
		return value ? value : "Unidentified perpetrators";
	case GEO_SUMMARY_FACILITY_TYPE:
		for (size_t i = 0; value && i < sizeof FACILITY_LABELS / sizeof FACILITY_LABELS[0]; i++)
			if (strcmp(value, FACILITY_LABELS[i].type) == 0)
				return count < 0 ? FACILITY_LABELS[i].heading :
				       count == 1 ? FACILITY_LABELS[i].one : FACILITY_LABELS[i].many;
		return value ? value : "facility not stated";
	case GEO_SUMMARY_GOVERNORATE: {
		const char *n = geo_query_governorate_name(value);
		return n ? n : value ? value : "governorate not known";
	}
	case GEO_SUMMARY_ZONE:
		for (size_t i = 0; value && i < sizeof ZONE_LABELS / sizeof ZONE_LABELS[0]; i++)
			if (strcmp(value, ZONE_LABELS[i].zone) == 0)
				return ZONE_LABELS[i].label;
		if (value && strcmp(value, "none") == 0)
			return "outside the de-escalation zones";
		return value ? value : "zone not known (not located, or zones not assigned)";
	case GEO_SUMMARY_MONTH: {
		int y, m;
		char extra;
		if (value && sscanf(value, "%4d-%2d%c", &y, &m, &extra) == 2 && m >= 1 && m <= 12) {
			snprintf(tmp, 64, "%s %d", MONTHS[m - 1], y);
			return tmp;
		}
		return value ? value : "date not known";
	}
	}
	return value ? value : "";
}

/* ---- formats ----------------------------------------------------------- */

static int same_prefix(const struct geo_summary *s, size_t a, size_t b, int upto)
{
	for (int k = 0; k <= upto; k++) {
		const char *x = s->groups[a].value[k], *y = s->groups[b].value[k];
		if ((x == NULL) != (y == NULL) || (x && strcmp(x, y) != 0))
			return 0;
	}
	return 1;
}

/* The killed figure of a group: "5 killed", "at least 5 killed (2
 * incidents without a figure)" when some rows give no number, "killed not
 * stated" when none gives one (killed < 0). `noun` follows the number
 * ("killed", "people killed in all"). */
static enum geo_status add_killed(geo_buf *b, long killed, long not_stated, const char *noun)
{
	if (killed < 0)
		return geo_buf_adds(b, "killed not stated");
	if (not_stated <= 0)
		return geo_buf_addf(b, "%ld %s", killed, noun);
	return geo_buf_addf(b, "at least %ld %s (%ld incident%s without a figure)", killed, noun,
	                    not_stated, not_stated == 1 ? "" : "s");
}

/* "7 attacks, 4 personnel killed" (or "..., 3 killed" when the data
 * records no personnel count). */
static enum geo_status add_counts(geo_buf *b, const struct geo_summary *s, long attacks,
                                  long killed, long not_stated, long pk)
{
	enum geo_status rc;
	if (s->total_personnel_killed >= 0)
		return geo_buf_addf(b, "%ld attack%s, %ld personnel killed", attacks,
		                    attacks == 1 ? "" : "s", pk);
	if ((rc = geo_buf_addf(b, "%ld attack%s, ", attacks, attacks == 1 ? "" : "s")) != GEO_OK)
		return rc;
	return add_killed(b, killed, not_stated, "killed");
}

/* "8 hospitals" for facility types, "Russian forces 8" for the others. */
static enum geo_status add_item(geo_buf *b, enum geo_summary_key k, const char *v, long count)
{
	char tmp[64];
	if (k == GEO_SUMMARY_FACILITY_TYPE)
		return geo_buf_addf(b, "%ld %s", count, geo_summary_label(k, v, count, tmp));
	return geo_buf_addf(b, "%s %ld", geo_summary_label(k, v, -1, tmp), count);
}

static enum geo_status format_table(const struct geo_summary *s, geo_buf *b)
{
	enum geo_status rc;
	char tmp[64];
	int n = s->nkeys;
	rc = geo_buf_addf(b, "%ld incident%s", s->total_count, s->total_count == 1 ? "" : "s");
	if (rc == GEO_OK && *s->from)
		rc = geo_buf_addf(b, " from %s", s->from);
	if (rc == GEO_OK && *s->to)
		rc = geo_buf_addf(b, " to %s", s->to);
	if (rc == GEO_OK)
		rc = geo_buf_addf(b, ": %ld attack%s on facilities", s->total_attacks,
		                  s->total_attacks == 1 ? "" : "s");
	if (rc == GEO_OK && s->total_personnel_killed >= 0)
		rc = geo_buf_addf(b, ", %ld personnel killed", s->total_personnel_killed);
	if (rc == GEO_OK)
		rc = geo_buf_adds(b, ", ");
	if (rc == GEO_OK)
		rc = add_killed(b, s->total_killed, s->total_killed_not_stated,
		                s->total_killed == 1 ? "person killed in all" : "people killed in all");
	for (int k = 0; k < n && rc == GEO_OK; k++)
		rc = geo_buf_addf(b, "%s%s", k ? (k == n - 1 ? " and " : ", ") : "; by ",
		                  KEY_TITLE[s->keys[k]]);
	if (rc != GEO_OK || (rc = geo_buf_adds(b, "\n")) != GEO_OK || n == 0)
		return rc;
	/* headings for levels 0..n-2 with subtotals and the last level inline
	 * (counting attacks, as the report does); one line per group when
	 * there is a single key */
	int inline_level = n >= 2 ? n - 1 : -1;
	int head_levels = n >= 2 ? n - 1 : 1;
	for (size_t g = 0; g < s->n; g++) {
		for (int L = 0; L < head_levels; L++) {
			if (g > 0 && same_prefix(s, g, g - 1, L))
				continue;
			long att = 0, kil = -1, kns = 0, pk = 0;
			size_t end = g;
			for (; end < s->n && same_prefix(s, end, g, L); end++) {
				att += s->groups[end].attacks;
				if (s->groups[end].killed >= 0)
					kil = (kil < 0 ? 0 : kil) + s->groups[end].killed;
				kns += s->groups[end].killed_not_stated;
				pk += s->groups[end].personnel_killed > 0 ? s->groups[end].personnel_killed : 0;
			}
			if ((rc = geo_buf_addf(b, "%*s%s: ", 2 * L, "",
			                       geo_summary_label(s->keys[L], s->groups[g].value[L], -1,
			                                         tmp))) != GEO_OK ||
			    (rc = add_counts(b, s, att, kil, kns, pk)) != GEO_OK)
				return rc;
			if (L == head_levels - 1 && inline_level >= 0) {
				int first = 1;
				for (size_t j = g; j < end; j++) {
					if (s->groups[j].attacks == 0)
						continue;
					if ((rc = geo_buf_adds(b, first ? " \xe2\x80\x94 " : ", ")) != GEO_OK ||
					    (rc = add_item(b, s->keys[inline_level], s->groups[j].value[inline_level],
					                   s->groups[j].attacks)) != GEO_OK)
						return rc;
					first = 0;
				}
			}
			if ((rc = geo_buf_adds(b, "\n")) != GEO_OK)
				return rc;
		}
	}
	return GEO_OK;
}

static enum geo_status format_csv(const struct geo_summary *s, geo_buf *b)
{
	enum geo_status rc = GEO_OK;
	char tmp[64];
	for (int k = 0; k < s->nkeys && rc == GEO_OK; k++)
		rc = geo_buf_addf(b, "%s,%s_label,", GEO_SUMMARY_KEYS[s->keys[k]],
		                  GEO_SUMMARY_KEYS[s->keys[k]]);
	if (rc == GEO_OK)
		rc = geo_buf_adds(b, "count,attacks,killed,personnel_killed,killed_not_stated\r\n");
	for (size_t g = 0; g < s->n && rc == GEO_OK; g++) {
		for (int k = 0; k < s->nkeys && rc == GEO_OK; k++) {
			const char *v = s->groups[g].value[k];
			if ((rc = geo_buf_add_csv_field(b, v)) == GEO_OK &&
			    (rc = geo_buf_addc(b, ',')) == GEO_OK &&
			    (rc = geo_buf_add_csv_field(b, geo_summary_label(s->keys[k], v, -1, tmp))) == GEO_OK)
				rc = geo_buf_addc(b, ',');
		}
		if (rc == GEO_OK)
			rc = geo_buf_addf(b, "%ld,%ld,", s->groups[g].count, s->groups[g].attacks);
		if (rc == GEO_OK && s->groups[g].killed >= 0) /* empty: no row states a number */
			rc = geo_buf_addf(b, "%ld", s->groups[g].killed);
		if (rc == GEO_OK)
			rc = geo_buf_addc(b, ',');
		if (rc == GEO_OK && s->groups[g].personnel_killed >= 0)
			rc = geo_buf_addf(b, "%ld", s->groups[g].personnel_killed);
		if (rc == GEO_OK)
			rc = geo_buf_addf(b, ",%ld\r\n", s->groups[g].killed_not_stated);
	}
	return rc;
}

/* The counts as JSON members, closing the object: `"count": 8, ...}`;
 * killed is null when no row states a number, personnel_killed when the
 * data does not record it. When `open` is set the object is opened first. */
static enum geo_status json_counts(geo_buf *b, int open, long count, long attacks, long killed,
                                   long killed_not_stated, long pk)
{
	enum geo_status rc = geo_buf_addf(b, "%s\"count\": %ld, \"attacks\": %ld, \"killed\": ",
	                                  open ? "{" : "", count, attacks);
	if (rc == GEO_OK)
		rc = killed >= 0 ? geo_buf_addf(b, "%ld", killed) : geo_buf_adds(b, "null");
	if (rc == GEO_OK)
		rc = geo_buf_addf(b, ", \"killed_not_stated\": %ld, \"personnel_killed\": ",
		                  killed_not_stated);
	if (rc == GEO_OK)
		rc = pk >= 0 ? geo_buf_addf(b, "%ld}", pk) : geo_buf_adds(b, "null}");
	return rc;
}

static enum geo_status format_json(const struct geo_summary *s, geo_buf *b)
{
	enum geo_status rc = geo_buf_adds(b, "{\"by\": [");
	char tmp[64], name[64];
	for (int k = 0; k < s->nkeys && rc == GEO_OK; k++)
		rc = geo_buf_addf(b, "%s\"%s\"", k ? ", " : "", GEO_SUMMARY_KEYS[s->keys[k]]);
	if (rc == GEO_OK)
		rc = geo_buf_adds(b, "],\n \"from\": ");
	if (rc == GEO_OK)
		rc = geo_buf_add_json_str(b, *s->from ? s->from : NULL);
	if (rc == GEO_OK)
		rc = geo_buf_adds(b, ", \"to\": ");
	if (rc == GEO_OK)
		rc = geo_buf_add_json_str(b, *s->to ? s->to : NULL);
	if (rc == GEO_OK)
		rc = geo_buf_adds(b, ",\n \"total\": ");
	if (rc == GEO_OK)
		rc = json_counts(b, 1, s->total_count, s->total_attacks, s->total_killed,
		                 s->total_killed_not_stated, s->total_personnel_killed);
	if (rc == GEO_OK)
		rc = geo_buf_adds(b, ",\n \"groups\": [");
	for (size_t g = 0; g < s->n && rc == GEO_OK; g++) {
		rc = geo_buf_adds(b, g ? ",\n  {" : "\n  {");
		for (int k = 0; k < s->nkeys && rc == GEO_OK; k++) {
			const char *v = s->groups[g].value[k];
			snprintf(name, sizeof name, "%s_label", GEO_SUMMARY_KEYS[s->keys[k]]);
			if ((rc = geo_buf_addf(b, "\"%s\": ", GEO_SUMMARY_KEYS[s->keys[k]])) == GEO_OK &&
			    (rc = geo_buf_add_json_str(b, v)) == GEO_OK &&
			    (rc = geo_buf_addf(b, ", \"%s\": ", name)) == GEO_OK &&
			    (rc = geo_buf_add_json_str(b, geo_summary_label(s->keys[k], v, -1, tmp))) == GEO_OK)
				rc = geo_buf_adds(b, ", ");
		}
		if (rc == GEO_OK)
			rc = json_counts(b, 0, s->groups[g].count, s->groups[g].attacks, s->groups[g].killed,
			                 s->groups[g].killed_not_stated, s->groups[g].personnel_killed);
	}
	if (rc == GEO_OK)
		rc = geo_buf_adds(b, s->n ? "\n ]}\n" : "]}\n");
	return rc;
}

enum geo_status geo_summary_format(geo_ctx *ctx, const struct geo_summary *s,
                                   enum geo_query_format fmt, geo_buf *out)
{
	enum geo_status rc;
	switch (fmt) {
	case GEO_QUERY_TABLE: rc = format_table(s, out); break;
	case GEO_QUERY_CSV: rc = format_csv(s, out); break;
	case GEO_QUERY_JSON: rc = format_json(s, out); break;
	default:
		return GEO_ERROR(ctx, GEO_ERR_UNSUPPORTED,
		                 "summary: a summary has no geometry; use table, csv or json");
	}
	if (rc != GEO_OK)
		rc = GEO_ERROR(ctx, rc, "summary: the output does not fit its buffer");
	return rc;
}
