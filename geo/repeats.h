/* repeats.h — repeated strikes on one facility (DESIGN.md, Definitions),
 * and whether strikes cluster in space and time beyond chance (Knox).
 *
 * Grouping, in this order:
 *  1. identity: strikes with the same registry facility_id, or with the
 *     same normalised facility_name and facility type in the same town
 *     (community P-code). A name group joins a registry group when exactly
 *     one registry facility carries that name there; when the registry
 *     knows two facilities of that name in the town, name-only rows are
 *     left ungrouped rather than guessed. Strikes on an ambulance are
 *     never grouped with strikes on the building it belongs to.
 *  2. ST-DBSCAN (stdbscan.h) over the precisely located strikes without
 *     identity: precision 1 with "point" or "neighbourhood", exact date.
 *     Town centroids never enter it, so two different facilities of one
 *     town are never merged because both were geocoded to its centroid.
 * A group needs min_strikes members. Strikes known only to the month
 * count as members of an identity group but have no exact interval
 * (intervals next to them are unknown, shown as "?").
 *
 * Knox: over the strikes located to precision 1 with an exact date, with
 * the space and time thresholds eps_space and eps_time; strikes geocoded
 * to the same town centroid are at distance 0 (the result says how many
 * are centroids). */
#ifndef GEO_REPEATS_H
#define GEO_REPEATS_H

#include <stddef.h>
#include <stdint.h>
#include "geo/events.h"
#include "geo/knox.h"
#include "geo/sequences.h" /* enum geo_out_format */

struct geo_rep_params {
	double eps_space;        /* metres, default 500 */
	double eps_time;         /* seconds, default 30 days */
	size_t min_strikes;      /* default 2 */
	long knox_permutations;  /* default 999; 0 turns Knox off */
	uint64_t seed;           /* default 1 */
	/* near-repeat bands (upper edges); 0 bands = derived from eps:
	 * space 0 (the same point), eps/4, eps/2, eps; time eps/4, eps/2, eps,
	 * 2 eps (and a column beyond). Space bands stay within eps by default:
	 * the pairs to permute are then those of the Knox test itself. */
	double space_bands[GEO_KNOX_MAX_BANDS];
	size_t n_space_bands;
	double time_bands[GEO_KNOX_MAX_BANDS];
	size_t n_time_bands;
	int threads;             /* <= 0: 2 */
};

void geo_rep_params_default(struct geo_rep_params *p);

struct geo_repeat {
	int id;                  /* 1.. in order of the first strike */
	const char *method;      /* static: "identity" or "st_dbscan" */
	size_t first, n;         /* members [first, first+n) of geo_repeats.members */
	char *facility_id;       /* owned, may be NULL */
	char *facility_name;     /* owned, may be NULL (st_dbscan) */
	char *facility_type;     /* owned */
	char *pcode;             /* owned: the town's community P-code, may be NULL */
	char *town;              /* owned: the town's name, may be NULL */
	char first_date[11], last_date[11]; /* exact dates; "" when none is exact */
	size_t n_inexact;        /* members dated only to the month */
	double *intervals;       /* owned, n-1 days between consecutive members; NAN = unknown */
	char *perpetrators;      /* owned: distinct classes, ", " */
	double extent_m;         /* largest geodesic distance between two members */
	char *wkt;               /* owned: POINT (identity, or a degenerate hull) or POLYGON */
};

struct geo_repeats {
	struct geo_repeat *v;
	size_t n;
	size_t *members;         /* event indexes, grouped */
	size_t n_members;
	int knox_done;
	struct geo_knox_params knox_params;
	struct geo_knox_result knox;
	size_t knox_centroids;   /* Knox events located only to a town centroid */
};

enum geo_status geo_repeats_find(geo_ctx *ctx, const struct geo_events *ev,
                                 const struct geo_rep_params *p, struct geo_repeats *out) GEO_WUR;
void geo_repeats_free(struct geo_repeats *r);

/* "Al-Salam  Hospital" -> "al salam hospital": lower case, punctuation to
 * spaces, apostrophes dropped, spaces collapsed, a leading "the " dropped.
 * Returns an owned string or NULL when memory is short. */
char *geo_facility_name_norm(const char *name);

/* Replace the store's repeats, repeat_members, knox_results and
 * near_repeat tables (created when missing, geometry columns and spatial
 * views registered) in one transaction; unchanged on failure. */
enum geo_status geo_repeats_store(geo_store *st, const struct geo_events *ev,
                                  const struct geo_repeats *r, const struct geo_rep_params *p) GEO_WUR;

enum geo_status geo_repeats_format(geo_ctx *ctx, const struct geo_events *ev,
                                   const struct geo_repeats *r, enum geo_out_format f,
                                   geo_buf *b) GEO_WUR;

#endif
