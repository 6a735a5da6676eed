/* sequences.h — double-strike sequences, "following the wounded", and
 * sequences known from the report's words (DESIGN.md, Definitions).
 *
 * Rules (each threshold is a parameter):
 *  - double_strike: a later strike within max_gap (0 < gap) of an earlier
 *    one at the same site; chains are joined (A->B->C). Same site: two
 *    strikes located to points ("point") within max_distance (geodesic);
 *    when either is known only to its town ("community" or
 *    "neighbourhood"), both must be precision 1 with the same community
 *    P-code — so a town centroid is never "within 1 km" of a point in
 *    another town, whatever the distance between the two points. Strikes
 *    located only to a sub-district or worse never form a site.
 *  - following_wounded: a strike on a medical facility (hospital, medical
 *    point) within follow_window after a strike with casualties in the
 *    same town (same P-code) or within follow_distance (geodesic, both
 *    precision 1). Pairs that are already a double strike stay one.
 *  - textual_evidence: a row whose notes say the victims were tending to
 *    the wounded from, or scouting the site of, a previous strike, or that
 *    the facility was receiving the victims, marks a sequence even when
 *    the earlier strike has no row: reported with one (or more, see below)
 *    member and unrecorded_earlier = 1. When the row is already the later
 *    member of a timed sequence, the words are attached to it instead.
 *    Rows at the same site and the same minute as the evidence row (the
 *    same strike reported as a killing and as damage) join it.
 *  - Times: only strikes with a clock time and an exact day take part in
 *    timed rules. Two strikes on the same date without times are NOT a
 *    sequence (the gap could be 20 hours) unless the words say so.
 *    Strikes at the very same minute and site are one strike reported
 *    twice, not a sequence (gap must be > 0). */
#ifndef GEO_SEQUENCES_H
#define GEO_SEQUENCES_H

#include <stddef.h>
#include "geo/buf.h"
#include "geo/events.h"
#include "geo/store.h"

struct geo_seq_params {
	double max_gap;         /* seconds, default 3600 */
	double max_distance;    /* metres, default 1000 */
	double follow_window;   /* seconds, default 10800 */
	double follow_distance; /* metres, default 5000 */
};

/* The defaults above. */
void geo_seq_params_default(struct geo_seq_params *p);

enum geo_seq_type {
	GEO_SEQ_DOUBLE_STRIKE = 0,
	GEO_SEQ_FOLLOWING_WOUNDED,
	GEO_SEQ_TEXTUAL_EVIDENCE
};
/* "double_strike", "following_wounded", "textual_evidence" */
const char *geo_seq_type_name(enum geo_seq_type t);

struct geo_seq_member {
	size_t event;       /* index into the geo_events the sequence was found in */
	double gap_min;     /* minutes since the previous member; NAN for the first or when unknown */
	double dist_m;      /* geodesic metres from the previous member; NAN when unknown */
	const char *basis;  /* static: why it is linked to the previous member: "distance",
	                       "same_town", "follow_town", "follow_distance", "same_strike",
	                       "chain" (linked through another member), NULL for the first */
};

struct geo_sequence {
	int id;                   /* 1.. in order of the first member's time */
	enum geo_seq_type type;
	size_t first, n;          /* members [first, first+n) of geo_sequences.members */
	int unrecorded_earlier;   /* 1: the earlier strike is known only from the words */
	char *evidence;           /* owned: the sentence of the notes that is evidence, or NULL */
	double max_gap_min;       /* NAN when no gap is known */
	char *perpetrators;       /* owned: distinct perpetrator classes, in member order, ", " */
};

struct geo_sequences {
	struct geo_sequence *v;
	size_t n;
	struct geo_seq_member *members;
	size_t n_members;
};

/* Find the sequences in `ev` (sorted as geo_events_load leaves them).
 * `out` is filled (free with geo_sequences_free). */
enum geo_status geo_sequences_find(geo_ctx *ctx, const struct geo_events *ev,
                                   const struct geo_seq_params *p,
                                   struct geo_sequences *out) GEO_WUR;
void geo_sequences_free(struct geo_sequences *s);

/* The evidence sentence in `notes` into *out (owned, free(); NULL when the
 * notes hold none); *following is set to 1 when it says the facility was
 * receiving the victims (following the wounded). GEO_ERR_NOMEM when memory
 * is short (then *out is NULL). */
enum geo_status geo_seq_evidence(const char *notes, int *following, char **out) GEO_WUR;

/* Replace the store's `sequences` and `sequence_members` tables (created
 * when missing, with their geometry columns and spatial views) with `s`,
 * in one transaction. The store is unchanged on failure. */
enum geo_status geo_sequences_store(geo_store *st, const struct geo_events *ev,
                                    const struct geo_sequences *s,
                                    const struct geo_seq_params *p) GEO_WUR;

enum geo_out_format { GEO_OUT_TABLE = 0, GEO_OUT_JSON, GEO_OUT_GEOJSON };

/* Append the sequences to `b` as a text table, a JSON array or a GeoJSON
 * FeatureCollection (LineString first -> last member; a Point for a
 * single located member; null geometry when none is located). */
enum geo_status geo_sequences_format(geo_ctx *ctx, const struct geo_events *ev,
                                     const struct geo_sequences *s, enum geo_out_format f,
                                     geo_buf *b) GEO_WUR;

#endif
