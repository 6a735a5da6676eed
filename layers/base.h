/* base.h — base layers: governorate and sub-district polygons (English and
 * Arabic names) and the country outline, read from the gazetteer database
 * built by `strikemap gazetteer build` (table admin_areas, see
 * gazetteer/schema.md: polygons already repaired with GEOS MakeValid).
 *
 * A geo_base holds GEOS geometries made with the context's reentrant
 * handle; it must be freed with the same context. Used by the exports, the
 * de-escalation zones (layers/zones.h) and the maps. */
#ifndef GEO_BASE_H
#define GEO_BASE_H

#include <stddef.h>
#include "geo/ctx.h"

typedef struct geo_base geo_base;

/* Administrative levels of admin_areas. */
#define GEO_ADMIN_GOVERNORATE 1
#define GEO_ADMIN_DISTRICT 2
#define GEO_ADMIN_SUBDISTRICT 3

/* One polygon area. Everything is owned by the geo_base. */
struct geo_base_area {
	char *pcode;        /* SYnn, SYnnnn or SYnnnnnn */
	int level;          /* GEO_ADMIN_* */
	char *name_en;
	char *name_ar;      /* NULL when the gazetteer has none */
	char *admin1_pcode; /* the governorate */
	GEOSGeometry *geom; /* (multi)polygon, degrees WGS84 */
};

/* Load the areas of the given levels (a bit mask: 1 << GEO_ADMIN_*) from the
 * gazetteer at `gazetteer_path`. Returns NULL with the context error set:
 * GEO_ERR_NOTFOUND when the file or its admin_areas table is missing, or it
 * holds no area of a requested level (a reduced gazetteer built without the
 * reference data has no polygons; the message says so). Free with
 * geo_base_free(ctx, base). */
geo_base *geo_base_load(geo_ctx *ctx, const char *gazetteer_path, unsigned levels);
/* 1 when the gazetteer at `path` can be opened and holds at least one
 * polygon of `level`, 0 when it opens but has none (a reduced gazetteer, or
 * no admin_areas table), -1 when it cannot be opened. Sets no error. */
int geo_base_has_level(const char *gazetteer_path, int level);

/* Free; NULL does nothing. `ctx` must be the one the base was loaded with. */
void geo_base_free(geo_ctx *ctx, geo_base *base);

/* Areas of one level, ordered by P-code. Borrowed. */
size_t geo_base_count(const geo_base *base, int level);
const struct geo_base_area *geo_base_get(const geo_base *base, int level, size_t i);
/* The area with this P-code, or NULL. Borrowed. */
const struct geo_base_area *geo_base_find(const geo_base *base, const char *pcode);

/* The country outline: the union of the governorates (computed on first
 * call, needs level 1 loaded). Borrowed; NULL with the context error set
 * when GEOS fails or no governorate was loaded. */
const GEOSGeometry *geo_base_country(geo_ctx *ctx, geo_base *base);

#endif
