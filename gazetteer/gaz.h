/* gaz.h — the geocoder: an in-memory index over a gazetteer database built
 * by `strikemap gazetteer build` (schema in gazetteer/schema.md).
 *
 * Loading reads the places and names tables once into flat arrays; lookups
 * do not touch the database. One geo_gaz may be shared by lookups on one
 * thread at a time. */
#ifndef GEO_GAZ_H
#define GEO_GAZ_H

#include <stddef.h>
#include "geo/ctx.h"
#include "geo/incident.h"

typedef struct geo_gaz geo_gaz;

#define GEO_GAZ_MAX_CANDIDATES 8

/* One candidate place. Strings are borrowed from the geo_gaz and live
 * until geo_gaz_close(). */
struct geo_gaz_candidate {
	const char *name;          /* preferred English name */
	const char *name_ar;       /* Arabic name, or NULL */
	const char *matched;       /* the name (variant/alias) that matched */
	const char *pcode;         /* the place's P-code (Cnnnn, SYnn, SYnnnn, SYnnnnnn) */
	const char *admin1_pcode;  /* governorate */
	const char *admin3_pcode;  /* sub-district, or NULL for a governorate */
	const char *kind;          /* governorate, district, subdistrict, community, neighbourhood, landmark */
	double lon, lat;           /* degrees WGS84 */
	int precision;             /* ACLED code 1..3 */
	const char *precision_word;/* point, neighbourhood, community, subdistrict, district, governorate, region */
	double score;              /* 0..1, calibrated (below) */
};

/* The score. A candidate's score is the similarity of its best name to the
 * text (1 the same spelling, 0.985 the same spelling but for its vowels
 * (ou/u, e/a, ee/i, ai/ay, a doubled letter, a final h), 0.94 the same key,
 * edit-distance based below,
 * at most 0.9 across scripts), times the kind the text asks for (a "city"
 * is a community) and 0.6 outside the governorate the text or hint gives;
 * the answer's score is then lowered by the margin over the best different
 * place (x0.6 at a tie, full at a margin of 0.25 or more). The score speaks
 * for the POINT: a fuzzy match within one script (not the same key) is
 * scaled by 0.88; an area (sub-district, district) or a town only near the
 * place named first scores at most 0.75; a governorate given because the
 * place named is unknown scores 0.4 (0.9 when the text names only the
 * governorate). On the development set (tests/gazetteer/devset, held-out
 * sources) resolved answers scoring >= 0.8 lie within 5 km 95-96% of the
 * time, 0.6-0.8 about 70-78%, below 0.6 about 50% or less; two places closer than 0.04 make the answer
 * ambiguous, unless one of them clearly dominates the others by prominence
 * (the prior for a bare name: population >= 20,000 and 10x the rival's, the
 * seat of a district or governorate against a plain village, or a lead of
 * 1.5 on log10(population) + admin-seat level + 0.25 per name source + 0.5
 * when the conflict-documentation gazetteer names it), and only when its
 * name matches as well as any rival's (the same key at least): that answer
 * is `resolved` with a MODERATE score, 0.6..0.75 (never >= 0.8), the rivals
 * stay in `candidates` below it and the note says "chosen by prominence over
 * N other places named X". On the development set such answers are right
 * about 73% of the time (it draws places uniformly; incident reports name
 * big towns far more often). Comparable places stay ambiguous. */

struct geo_gaz_result {
	const char *status;        /* GEO_GC_RESOLVED, GEO_GC_AMBIGUOUS or GEO_GC_UNRESOLVED */
	size_t n;                  /* candidates, best first; for resolved, cand[0] is the answer */
	struct geo_gaz_candidate cand[GEO_GAZ_MAX_CANDIDATES];
	char note[512];            /* why ambiguous/unresolved; context used */
	const char *admin1_pcode;  /* the governorate when it is known even if the
	                              place is not: the answer's, or the one every
	                              tied candidate of an ambiguous answer shares;
	                              NULL otherwise (borrowed) */
};

/* Load the gazetteer at `path`. Returns NULL with the context error set
 * (naming the path) when it is missing or not a gazetteer. */
geo_gaz *geo_gaz_open(geo_ctx *ctx, const char *path);
void geo_gaz_close(geo_gaz *gaz);

/* Load options (all optional; zero-initialise). */
struct geo_gaz_options {
	/* Comma-separated name sources (names.source) to leave out of the
	 * index, e.g. "syrianarchive" to evaluate on that source honestly. */
	const char *exclude_sources;
	/* An extra facility-registry CSV (gazetteer/facilities.h format) to
	 * add to the gazetteer's own `facilities` table. */
	const char *facilities_csv;
};

/* geo_gaz_open with options (NULL = defaults). When the gazetteer has no
 * `facilities` table, the curated seed (gazetteer/facilities.csv of the
 * source tree, if present) is read instead. */
geo_gaz *geo_gaz_open_opts(geo_ctx *ctx, const char *path, const struct geo_gaz_options *opt);

/* Sizes of the loaded index: places and (distinct) names. */
size_t geo_gaz_place_count(const geo_gaz *gaz);
size_t geo_gaz_name_count(const geo_gaz *gaz);

/* Admin units of a point by point-in-polygon over admin_areas (loaded on
 * first use). admin1 gets "SYnn" and admin3 "SYnnnnnn" ("" when the point
 * is in none); *inside is 1 when the point is inside a governorate of
 * Syria. Buffers must hold 16 bytes. */
enum geo_status geo_gaz_locate_point(geo_gaz *gaz, double lon, double lat, char *admin1,
                                     char *admin3, int *inside) GEO_WUR;

/* The facility registry loaded with the gazetteer (borrowed). */
struct geo_facilities;
const struct geo_facilities *geo_gaz_facilities(const geo_gaz *gaz);

/* 1 when the gazetteer was built from the curated fallback only (no
 * reference data): lookups are limited to the places the project knows. */
int geo_gaz_is_reduced(const geo_gaz *gaz);

/* Geocode free text ("Hamouriya town, Eastern Ghouta, eastern Damascus
 * suburbs governorate", "كفرزيتا") with an optional governorate hint (name
 * or P-code; NULL for none). Always fills *out; returns an error only on a
 * real failure (memory), never for an unresolved place. */
enum geo_status geo_gaz_lookup(geo_gaz *gaz, const char *text, const char *governorate,
                               struct geo_gaz_result *out) GEO_WUR;

/* Geocode an incident in place. When inc->has_point (the input gave
 * coordinates) the point is kept and only checked: admin P-codes are set by
 * point-in-polygon and a point outside Syria adds a warning to the context
 * and to geocode_note. Otherwise place_text (with inc->governorate as
 * context) is looked up and the location fields are filled: has_point,
 * lon, lat, geo_precision, precision_word, place_name, pcode, admin1_pcode,
 * admin3_pcode, geocode_status, geocode_note, geocode_score. An unresolved
 * place leaves has_point 0 and says why in geocode_note. The facility
 * registry is consulted too: a recognised facility sets facility_id (and,
 * when the registry knows its point, the point with precision "point"). */
enum geo_status geo_gaz_geocode_incident(geo_gaz *gaz, struct geo_incident *inc) GEO_WUR;

#endif
