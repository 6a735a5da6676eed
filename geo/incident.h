/* incident.h — the incident model: one attack on, or killing of, medical,
 * civil-defence or Red Crescent personnel or facilities.
 *
 * A plain record (not opaque): readers fill it, the geocoder adds the
 * location fields, the store writes it. Every string is owned by the
 * record (heap, freed by geo_incident_clear); NULL means "not stated".
 * Nothing in the input is dropped: columns the model does not know are
 * kept in `attrs` in input order. */
#ifndef GEO_INCIDENT_H
#define GEO_INCIDENT_H

#include <stddef.h>
#include "geo/ctx.h"

/* Facility types of DESIGN.md; GEO_FACILITY_TYPE_NAMES lists their words. */
extern const char *const GEO_FACILITY_TYPES[]; /* NULL-terminated */
/* 1 when `s` is one of the facility-type words. */
int geo_facility_type_valid(const char *s);

/* Geocode statuses. `input`: the input gave lon/lat (checked, not
 * geocoded). The others come from the geocoder. */
#define GEO_GC_INPUT "input"
#define GEO_GC_RESOLVED "resolved"
#define GEO_GC_AMBIGUOUS "ambiguous"
#define GEO_GC_UNRESOLVED "unresolved"

struct geo_attr {
	char *key;   /* column name as written in the input */
	char *value; /* value as written; NULL for an empty cell */
};

struct geo_incident {
	char *id;             /* stable id: from the input, else derived */
	char *date;           /* YYYY-MM-DD, validated */
	char *time;           /* HH:MM or HH:MM:SS local time, or NULL */
	char *date_precision; /* "day" (default), "month", "approximate" */
	char *place_text;     /* the place as written in the source */
	char *governorate;    /* governorate as given in the input, or NULL */
	char *facility_name;
	char *facility_type;  /* one of GEO_FACILITY_TYPES */
	char *perpetrator;    /* as written */
	char *weapon;
	int killed;           /* persons; -1 when not stated */
	int injured;          /* persons; -1 when not stated */
	char *damage;
	char *control;        /* who controlled the place at the time */
	char *source;
	char *notes;

	/* Location. has_point: lon/lat hold a point (degrees, WGS84). */
	int has_point;
	double lon, lat;
	int geo_precision;     /* ACLED code 1..3; 0 when unresolved */
	char *precision_word;  /* point, neighbourhood, community, subdistrict, district, governorate, region */
	char *place_name;      /* the gazetteer name the place resolved to */
	char *pcode;           /* P-code of the place resolved to */
	char *admin1_pcode;    /* governorate SYnn */
	char *admin3_pcode;    /* sub-district SYnnnnnn */
	char *geocode_status;  /* GEO_GC_* */
	char *geocode_note;    /* why unresolved/ambiguous, candidates, warnings */
	double geocode_score;  /* 0..1 from the geocoder; 1 for input points */
	char *facility_id;     /* registry id when the facility was recognised */
	char *zone;            /* de-escalation zone id, or NULL */

	struct geo_attr *attrs; /* unknown input columns, owned */
	size_t n_attrs;

	char *source_file;     /* where it was read from, for messages */
	long source_line;      /* 1-based line (CSV) or feature number (GeoJSON) */
};

/* A growable array of incidents. Zero-initialise; free with
 * geo_incident_list_free(). */
struct geo_incident_list {
	struct geo_incident *v;
	size_t n, cap;
};

/* Zero a record for filling: killed/injured = -1, everything else empty. */
void geo_incident_init(struct geo_incident *inc);
/* Free every owned field and re-initialise. */
void geo_incident_clear(struct geo_incident *inc);
/* Replace an owned string field: frees *field, stores a copy of value
 * (NULL allowed). Returns GEO_ERR_NOMEM on failure, field unchanged. */
enum geo_status geo_incident_set(char **field, const char *value) GEO_WUR;
/* Append an unknown attribute (copies key and value). */
enum geo_status geo_incident_add_attr(struct geo_incident *inc, const char *key,
                                      const char *value) GEO_WUR;
/* The value of attribute `key`, or NULL. Borrowed. */
const char *geo_incident_attr(const struct geo_incident *inc, const char *key);

/* Append a slot to the list and return it initialised (owned by the list),
 * or NULL when memory is short. */
struct geo_incident *geo_incident_list_push(struct geo_incident_list *l);
void geo_incident_list_free(struct geo_incident_list *l);

#endif
