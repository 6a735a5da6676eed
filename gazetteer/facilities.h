/* facilities.h — the facility registry: named hospitals, medical points,
 * civil-defence centres with their town and aliases.
 *
 * A facility is identified by its registry id; its names (the name and
 * every alias) are matched to an incident's facility_name only together
 * with the town the incident resolved to, so two hospitals in one town are
 * never merged because they share the town, and "al Salam Hospital" in
 * Ma'arrat al-Nu'man is not "al Salam Medical and Charity Center" in Idlib.
 *
 * CSV format (header required, UTF-8):
 *   id,name,type,town_pcode,lon,lat,aliases,note
 * `aliases` holds alternative names separated by `|`; lon/lat may be empty
 * (the facility is then located at its town). gazetteer/facilities.csv is
 * the curated seed; users extend it with their own file. */
#ifndef GEO_FACILITIES_H
#define GEO_FACILITIES_H

#include <stddef.h>
#include <sqlite3.h>
#include "geo/ctx.h"

typedef struct geo_facilities geo_facilities;

struct geo_facility {
	char *id;          /* registry id, unique */
	char *name;        /* preferred name */
	char *type;        /* one of GEO_FACILITY_TYPES */
	char *town_pcode;  /* community P-code (Cnnnn) of the town it is in */
	int has_point;     /* lon/lat known */
	double lon, lat;   /* degrees WGS84 when has_point */
	char *aliases;     /* `|`-separated, may be NULL */
	char *note;        /* provenance, may be NULL */
};

/* An empty registry; NULL when memory is short. Free with
 * geo_facilities_free (NULL does nothing). */
geo_facilities *geo_facilities_new(void);
void geo_facilities_free(geo_facilities *f);
size_t geo_facilities_count(const geo_facilities *f);
/* The i-th facility (borrowed). */
const struct geo_facility *geo_facilities_get(const geo_facilities *f, size_t i);

/* Append the facilities of a CSV file. Errors name file, line and column:
 * `facilities.csv:4: column "type": "clinic" is not a facility type`. A
 * file with an error adds nothing. An id already present is replaced. */
enum geo_status geo_facilities_read_csv(geo_ctx *ctx, geo_facilities *f,
                                        const char *path) GEO_WUR;

/* Append the rows of the `facilities` table of an open database (a
 * gazetteer); a database without the table adds nothing and is no error. */
enum geo_status geo_facilities_read_db(geo_ctx *ctx, geo_facilities *f, sqlite3 *db) GEO_WUR;

/* Create the `facilities` table in `db` (IF NOT EXISTS) and upsert every
 * facility of the CSV at `path` (one transaction; on error the table is
 * unchanged). For `strikemap gazetteer build --facilities FILE`; the
 * gazetteer builder calls it with the curated seed and any user file. */
enum geo_status geo_facilities_load_csv(geo_ctx *ctx, sqlite3 *db, const char *path) GEO_WUR;

/* The facility whose name or an alias occurs as whole words in
 * `facility_name` and whose town is `town_pcode`; the longest matching name
 * wins. NULL when none (also when either argument is NULL). Borrowed. */
const struct geo_facility *geo_facilities_match(const geo_facilities *f,
                                                const char *facility_name,
                                                const char *town_pcode);

#endif
