/* zones.h — the four de-escalation zones of the Astana memorandum of
 * 4 May 2017 (idlib, northern_homs, eastern_ghouta, south), each defined in
 * layers/zones.csv as a list of OCHA sub-district P-codes and drawn as the
 * union of those sub-districts' polygons. The zones are APPROXIMATE (no
 * official polygons were published): every output says so.
 *
 * zones.csv is compiled into the program (layers/embed.py): no file is read
 * at run time apart from the gazetteer's polygons. */
#ifndef GEO_ZONES_H
#define GEO_ZONES_H

#include <stddef.h>
#include "geo/ctx.h"
#include "geo/store.h"
#include "layers/base.h"

/* The zone definitions as compiled in (the text of layers/zones.csv). */
extern const char geo_zones_csv[];

/* Words every zone output carries: the source and the caveat. */
#define GEO_ZONES_SOURCE \
	"Astana memorandum of 4 May 2017; drawn by strikemap as unions of OCHA sub-districts;" \
	" approximate"

struct geo_zone {
	char *id;           /* idlib, northern_homs, eastern_ghouta, south */
	char *name;         /* English name for legends */
	size_t n_pcodes;
	char **pcodes;      /* sub-district P-codes, in definition order */
	char **why;         /* one reason per P-code (the CSV's comment column) */
	GEOSGeometry *geom; /* union of the sub-districts, degrees WGS84; NULL until built */
	const GEOSPreparedGeometry *prep; /* prepared geom for point-in-zone */
};

typedef struct geo_zones geo_zones;

/* Parse the compiled-in definitions and, when `base` is not NULL, build
 * each zone's polygon from the sub-districts in `base` (which must hold
 * level 3). Errors: GEO_ERR_PARSE for a bad definition line ("zones.csv:12:
 * ..."), GEO_ERR_NOTFOUND when a P-code is not among the sub-districts,
 * GEO_ERR_GEOS. Free with geo_zones_free(ctx, z). */
geo_zones *geo_zones_load(geo_ctx *ctx, const geo_base *base);
void geo_zones_free(geo_ctx *ctx, geo_zones *z);

size_t geo_zones_count(const geo_zones *z);
const struct geo_zone *geo_zones_get(const geo_zones *z, size_t i);

/* The id of the zone containing (lon, lat) (boundary included), or NULL
 * when outside every zone. *st is set to GEO_OK, or to GEO_ERR_GEOS (with
 * the context error) when a predicate failed. Needs polygons (base given to
 * geo_zones_load). Borrowed string. */
const char *geo_zones_locate(geo_ctx *ctx, const geo_zones *z, double lon, double lat,
                             enum geo_status *st);

/* Set incidents.zone for every incident of the store: the zone containing
 * its point, NULL outside every zone or without a point. Polygons come from
 * the gazetteer at `gazetteer_path`. Runs in a savepoint, so it may be
 * called inside the caller's transaction (import) or alone; on failure the
 * incidents are unchanged. *n_in (may be NULL) receives the number of incidents placed
 * in a zone. A gazetteer that opens but has no sub-district polygons (a
 * reduced gazetteer built without ../shared/data) is not an error: the
 * zones are left as they are, a warning says why, and *n_in is -1. A
 * gazetteer that cannot be opened is GEO_ERR_NOTFOUND. */
enum geo_status geo_zones_assign(geo_ctx *ctx, geo_store *st, const char *gazetteer_path) GEO_WUR;
enum geo_status geo_zones_assign_count(geo_ctx *ctx, geo_store *st, const char *gazetteer_path,
                                       long *n_in) GEO_WUR;

#endif
