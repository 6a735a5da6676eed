/* events.h — the incidents as the analyses see them: one flat array of
 * plain structs loaded from the store, with times in seconds, planar
 * coordinates in metres and the precision facts the rules need.
 *
 * Times are local times as reported (the reports give Syrian local time);
 * no time-zone conversion is made, so gaps are exact except across a DST
 * change. An event without a clock time sits at midnight of its date with
 * GEO_EV_HAS_TIME clear; one known only to the month has GEO_EV_DATE_INEXACT. */
#ifndef GEO_EVENTS_H
#define GEO_EVENTS_H

#include <stddef.h>
#include <stdint.h>
#include "geo/ctx.h"
#include "geo/store.h"

enum geo_event_flag {
	GEO_EV_HAS_POINT = 1 << 0,   /* lon/lat/x/y are set */
	GEO_EV_HAS_TIME = 1 << 1,    /* the clock time is known */
	GEO_EV_DATE_INEXACT = 1 << 2,/* date_precision is not "day" (month, approximate) */
	GEO_EV_MEDICAL = 1 << 3,     /* facility_type hospital or medical_point */
	GEO_EV_CASUALTIES = 1 << 4,  /* killed > 0, injured > 0, or the notes say casualties/massacre */
	GEO_EV_AMBULANCE = 1 << 5    /* facility_type ambulance (a vehicle, not a building) */
};

/* How well the location is known, from geo_precision and precision_word. */
enum geo_site_level {
	GEO_SITE_NONE = 0,    /* no point */
	GEO_SITE_COARSE,      /* precision 2 or 3: sub-district or worse */
	GEO_SITE_TOWN,        /* precision 1, "community": the town centroid */
	GEO_SITE_NEIGHBOURHOOD, /* precision 1, "neighbourhood": a named part of a town */
	GEO_SITE_POINT        /* precision 1, "point" (or coordinates given by the input) */
};

struct geo_event {
	double lon, lat;       /* degrees WGS84 (valid with GEO_EV_HAS_POINT) */
	double x, y;           /* metres in GEO_PLANAR_CRS (UTM 37N) */
	int64_t t;             /* seconds since 1970-01-01T00:00 local time */
	int32_t day;           /* days since 1970-01-01 */
	int geo_precision;     /* ACLED code 1..3, 0 when unresolved */
	enum geo_site_level site;
	unsigned flags;        /* enum geo_event_flag */
	int killed, injured;   /* persons, -1 when not stated */
	/* Strings owned by the geo_events set; NULL when not stated. */
	char *id;
	char *date;            /* YYYY-MM-DD */
	char *time;            /* HH:MM[:SS] or NULL */
	char *date_precision;  /* day, month, approximate */
	char *pcode;           /* community P-code of the place resolved to */
	char *admin3_pcode;
	char *precision_word;
	char *place_name;
	char *facility_id;
	char *facility_name;
	char *facility_type;
	char *perpetrator;
	char *perpetrator_class;
	char *notes;
};

/* A set of events, sorted by t then id (untimed events of a day after the
 * timed ones). Free with geo_events_free(). */
struct geo_events {
	struct geo_event *v;
	size_t n, cap;
};

/* Load every incident of the store (located or not) and project the
 * located ones. `events` must be zeroed or freed; on failure it is left
 * empty and the context error names the store. */
enum geo_status geo_events_load(geo_store *st, struct geo_events *events) GEO_WUR;

/* Build events from incident records (tests and callers that already hold
 * incidents), in the same order and with the same derived fields. */
enum geo_status geo_events_from_incidents(geo_ctx *ctx, const struct geo_incident *inc, size_t n,
                                          struct geo_events *events) GEO_WUR;

void geo_events_free(struct geo_events *events);

/* The site level for a precision code and word (exposed for tests). */
enum geo_site_level geo_site_level_of(int geo_precision, const char *precision_word,
                                      int has_point);

/* "2018-01-20 11:30" (or "2018-01-20" without a time, "2018-01" for a
 * month-only date) into out[20]. */
void geo_event_when(const struct geo_event *e, char out[20]);

#endif
