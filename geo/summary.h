/* summary.h — counts of attacks and of persons killed, grouped by any
 * combination of perpetrator, facility type, governorate, zone and month:
 * the table at the top of every monthly report ("Russian forces: 20
 * attacks — 8 hospitals, 5 ambulances, 7 civil defense facilities").
 *
 * The incidents counted are those a geo_query selects (same filters as
 * `strikemap query`). Per group:
 *   count             incident rows
 *   attacks           rows that are attacks on a facility: every row except
 *                     those whose `category` attribute is "personnel_killed"
 *                     (a worker killed away from any facility)
 *   killed            the sum of the killed column over the rows that give a
 *                     number (everyone killed); -1 when no row of the group
 *                     gives one: "killed not stated", never 0
 *   killed_not_stated rows without a killed number: when some rows give one
 *                     and some do not, `killed` is a lower bound ("at least 5
 *                     killed (2 incidents without a figure)")
 *   personnel_killed  the sum of the `personnel_killed` attribute (medical,
 *                     civil-defence, Red Crescent personnel killed: the
 *                     report's killing count); -1 when no row has it */
#ifndef GEO_SUMMARY_H
#define GEO_SUMMARY_H

#include "geo/buf.h"
#include "geo/query.h"
#include "geo/store.h"

enum geo_summary_key {
	GEO_SUMMARY_PERPETRATOR,   /* perpetrator_class (vocabulary of perpetrator.h) */
	GEO_SUMMARY_FACILITY_TYPE, /* facility_type */
	GEO_SUMMARY_GOVERNORATE,   /* admin1_pcode, else the governorate the input names
	                              (GEO_QUERY_ADMIN1); labelled with the OCHA name */
	GEO_SUMMARY_ZONE,          /* zone; "none" for a located incident outside every zone
	                              (once zones are assigned in the store); NULL when
	                              not known (no point, or zones never assigned) */
	GEO_SUMMARY_MONTH          /* YYYY-MM of the date */
};
#define GEO_SUMMARY_MAX_KEYS 5
/* The key words in enum order, NULL-terminated. */
extern const char *const GEO_SUMMARY_KEYS[];

/* One group. Strings are owned by the summary. */
struct geo_summary_group {
	char *value[GEO_SUMMARY_MAX_KEYS]; /* one per key, in `by` order; NULL = not known */
	long count;                        /* incident rows */
	long attacks;                      /* rows that are attacks on a facility */
	long killed;                       /* persons killed, summed where stated; -1 when
	                                      no row of the group states a number */
	long killed_not_stated;            /* rows without a killed number */
	long personnel_killed;             /* personnel killed; -1 when not recorded */
};

struct geo_summary {
	int nkeys;
	enum geo_summary_key keys[GEO_SUMMARY_MAX_KEYS];
	struct geo_summary_group *groups; /* ordered: vocabulary / type / P-code / zone / month order */
	size_t n;
	char from[11], to[11];            /* the query's date range ("" when open) */
	long total_count, total_attacks;
	long total_killed;            /* -1 when no row states a number */
	long total_killed_not_stated; /* rows without a killed number */
	long total_personnel_killed; /* -1 when no row records it */
};

/* Parse "perpetrator,facility_type,month" into keys (in order, no
 * repeats). Errors name the word: `--by: "weapon" is not one of ...`. */
enum geo_status geo_summary_parse_by(geo_ctx *ctx, const char *by,
                                     enum geo_summary_key keys[GEO_SUMMARY_MAX_KEYS],
                                     int *nkeys) GEO_WUR;

/* Count the incidents matching `q` (its limit is ignored) grouped by
 * `keys` (0 keys: one total). On success *out is owned by the caller
 * (geo_summary_free); on failure it is NULL. */
enum geo_status geo_summary_run(geo_store *st, const struct geo_query *q,
                                const enum geo_summary_key *keys, int nkeys,
                                struct geo_summary **out) GEO_WUR;
void geo_summary_free(struct geo_summary *s);

/* A value as a reader says it: "russia" -> "Russian forces", "SY07" ->
 * "Idleb", "2018-01" -> "January 2018", zone "none" -> "outside the
 * de-escalation zones". `count` picks singular or plural for facility
 * types ("1 ambulance", "5 ambulances"); heading forms are capitalised
 * plurals (count < 0). Returns a static string or `value` itself. */
const char *geo_summary_label(enum geo_summary_key key, const char *value, long count,
                              char tmp[64]);

/* Format as GEO_QUERY_TABLE (the report's wording, nested by key), CSV
 * (one row per group: each key and its label, count, attacks, killed,
 * personnel_killed, killed_not_stated) or JSON ({"by": [...], "from": ...,
 * "to": ..., "total": {...}, "groups": [...]}); GeoJSON is
 * GEO_ERR_UNSUPPORTED. A killed count no row states is empty in CSV and
 * null in JSON, "killed not stated" in the table. Appends to `out`. */
enum geo_status geo_summary_format(geo_ctx *ctx, const struct geo_summary *s,
                                   enum geo_query_format fmt, geo_buf *out) GEO_WUR;

#endif
