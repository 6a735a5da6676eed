/* query.h — questions investigators ask the store: which incidents match a
 * set of filters (dates, governorate, zone, perpetrator, facility, a radius
 * around a point, geocoding precision, membership of a double-strike
 * sequence or a repeated-strike group), written as an aligned terminal
 * table, CSV, JSON or GeoJSON.
 *
 * Every user value reaches SQLite as a bound parameter; the SQL text is
 * assembled only from constant fragments of this module. Filters combine
 * with AND. The library formats, it never prints: output goes in chunks to
 * a caller-supplied sink. Names (a governorate in Arabic, a facility alias)
 * are resolved by the caller (the CLI, through the gazetteer); this module
 * takes P-codes and plain text. */
#ifndef GEO_QUERY_H
#define GEO_QUERY_H

#include <sqlite3.h>
#include <stddef.h>
#include "geo/buf.h"
#include "geo/incident.h"
#include "geo/status.h"
#include "geo/store.h"

/* The filters. Zero-initialise with geo_query_init(); every string is
 * borrowed (it must outlive the calls that use the struct); NULL or 0
 * means "no filter". */
struct geo_query {
	const char *from;          /* YYYY-MM-DD, inclusive; an incident dated only to a
	                              month (date_precision "month") matches when its
	                              month overlaps the range */
	const char *to;            /* YYYY-MM-DD, inclusive */
	const char *admin1_pcode;  /* governorate P-code SYnn (SY01..SY14): matches admin1_pcode,
	                              or for an incident without one the governorate its
	                              input names (GEO_QUERY_ADMIN1) */
	const char *zone;          /* de-escalation zone id: idlib, northern_homs, eastern_ghouta, south */
	const char *perpetrator;   /* a vocabulary word (perpetrator.h, any case) matches
	                              perpetrator_class;
	                              any other text is matched, case- and accent-insensitively,
	                              inside the perpetrator as written */
	const char *facility_type; /* one of GEO_FACILITY_TYPES */
	const char *facility;      /* facility: matches the registry id, or the text inside
	                              facility_name (case-, accent- and punctuation-insensitive) */
	const char *const *facility_ids; /* registry ids the caller resolved `facility` to
	                              (name or alias in the gazetteer's facility registry);
	                              incidents with any of them match too */
	size_t n_facility_ids;
	int near;                  /* 1: keep incidents within radius_m of (near_lon, near_lat) */
	double near_lon, near_lat; /* degrees WGS84 */
	double radius_m;           /* metres, geodesic on the WGS84 ellipsoid */
	int max_precision;         /* 1..3: keep located incidents with geo_precision <= this
	                              (1 = town/point only); 0 = no filter */
	int in_sequence;           /* 1: only members of a double-strike sequence */
	int repeated;              /* 1: only members of a repeated-strike group */
	int unresolved;            /* 1: only incidents without a point (unresolved, or
	                              ambiguous and left unplaced) */
	long limit;                /* at most this many rows; 0 = all */
};

void geo_query_init(struct geo_query *q);

/* Check the filter values before running: dates, P-code shape, facility
 * type, zone, precision range, radius, coordinates. Errors name the
 * option ("--from: \"2018-13-01\" is not a date") and are GEO_ERR_INVALID. */
enum geo_status geo_query_check(geo_ctx *ctx, const struct geo_query *q) GEO_WUR;

/* Prepare "SELECT <select> FROM incidents i WHERE <filters> <tail>" with
 * the filter values bound. `select` and `tail` are constant SQL written by
 * the program (never user text); the incidents table is aliased `i`, and
 * when q->near is set the geodesic distance in metres is available as the
 * expression GEO_QUERY_DISTANCE. q->limit is not applied here (add it to
 * `tail` yourself). Fails with GEO_ERR_NOTFOUND ("run strikemap sequences
 * first") when --in-sequence/--repeated ask for tables that do not exist.
 * On success *out is a statement the caller finalizes. */
enum geo_status geo_query_prepare(geo_store *st, const struct geo_query *q, const char *select,
                                  const char *tail, sqlite3_stmt **out) GEO_WUR;
#define GEO_QUERY_DISTANCE "ST_Distance(i.geom, MakePoint(:near_lon, :near_lat, 4326), 1)"
/* The incident's governorate P-code: the geocoder's admin1_pcode, else the
 * governorate the input names (governorate_text, by OCHA name or variant). */
#define GEO_QUERY_ADMIN1 "coalesce(i.admin1_pcode, geo_governorate(i.governorate_text))"

/* Add a warning to the store's context when the store holds incidents but
 * none has a zone (zones were never assigned): a --zone filter or a
 * grouping by zone would otherwise look like "no attacks in the zones". */
void geo_query_warn_no_zones(geo_store *st);

/* After a failed sqlite3_step on a query statement: the context error for
 * it (GEO_ERR_NOMEM when SQLite ran out of memory, else GEO_ERR_DB). */
enum geo_status geo_query_db_error(geo_store *st, const char *what);

/* Number of matching incidents (q->limit ignored). */
enum geo_status geo_query_count(geo_store *st, const struct geo_query *q, long *n) GEO_WUR;

/* Append the matching incidents to `out` (owned by the caller, free with
 * geo_incident_list_free), ordered by date, time, id, at most q->limit. */
enum geo_status geo_query_load(geo_store *st, const struct geo_query *q,
                               struct geo_incident_list *out) GEO_WUR;

enum geo_query_format {
	GEO_QUERY_TABLE,   /* aligned text for a terminal, widths by display width */
	GEO_QUERY_CSV,     /* every column, lon/lat, attrs as attrs.<key> columns */
	GEO_QUERY_JSON,    /* a JSON array of objects; attrs a nested object */
	GEO_QUERY_GEOJSON  /* an RFC 7946 FeatureCollection; attrs as attrs.<key> properties */
};
/* The format words, in enum order, NULL-terminated: table csv json geojson. */
extern const char *const GEO_QUERY_FORMATS[];

/* Where formatted output goes: `len` bytes at `data`. Return GEO_OK to go
 * on; anything else stops the query with that status (the sink sets the
 * context error itself). */
typedef enum geo_status (*geo_query_sink)(void *user, const char *data, size_t len);

/* Run the query and write the result in `fmt` through `sink`. *n_rows (may
 * be NULL) receives the number of incidents written. The output is always
 * complete and well-formed (an empty JSON array, a CSV header, a table
 * saying "no incidents match") when nothing matches. */
enum geo_status geo_query_write(geo_store *st, const struct geo_query *q,
                                enum geo_query_format fmt, geo_query_sink sink, void *user,
                                long *n_rows) GEO_WUR;

/* Display helpers, shared with the summary. */

/* OCHA English name of a governorate P-code ("SY07" -> "Idleb"), or NULL
 * when `pcode` is not SY01..SY14. */
const char *geo_query_governorate_name(const char *pcode);
/* The P-code of a governorate written as its OCHA name or a common variant
 * (Latin or Arabic: "Idlib", "إدلب", "Damascus suburbs"), case-insensitive;
 * NULL when unknown. A fallback for when no gazetteer is at hand. */
const char *geo_query_governorate_pcode(const char *name);
/* 1 when `s` looks like a governorate P-code SY01..SY14. */
int geo_query_is_governorate_pcode(const char *s);

/* The zone ids, NULL-terminated: idlib northern_homs eastern_ghouta south. */
extern const char *const GEO_QUERY_ZONES[];

/* Terminal columns `s` (UTF-8) takes: combining marks and format
 * characters take 0, East Asian wide characters 2 (utf8proc_charwidth).
 * Invalid UTF-8 bytes count 1 each. */
size_t geo_query_display_width(const char *s);

/* Fold text for matching: Unicode case fold, accents and Arabic harakat
 * removed, apostrophes, hyphens and punctuation to spaces, spaces
 * collapsed, trimmed. Owned by the caller (free); NULL on allocation
 * failure or NULL input. Also available in SQL on a store connection
 * prepared by this module as geo_fold(text). */
char *geo_query_fold(const char *s);

#endif
