/* base.c — governorate and sub-district polygons from the gazetteer's
 * admin_areas table (gazetteer/schema.md), as GEOS geometries.
 *
 * The gazetteer is opened read-only with SpatiaLite loaded (reentrant
 * init) so that AsBinary() turns its geometry blobs into WKB for GEOS. */
#include "layers/base.h"

#include <sqlite3.h>
#include <spatialite.h>
#include <stdlib.h>
#include <string.h>

struct geo_base {
	struct geo_base_area *v; /* ordered by level, then P-code */
	size_t n, cap;
	GEOSGeometry *country;   /* lazily computed union of level 1 */
};

static void area_clear(geo_ctx *ctx, struct geo_base_area *a)
{
	free(a->pcode);
	free(a->name_en);
	free(a->name_ar);
	free(a->admin1_pcode);
	if (a->geom)
		GEOSGeom_destroy_r(geo_ctx_geos(ctx), a->geom);
	memset(a, 0, sizeof *a);
}

void geo_base_free(geo_ctx *ctx, geo_base *base)
{
	if (!base)
		return;
	for (size_t i = 0; i < base->n; i++)
		area_clear(ctx, &base->v[i]);
	if (base->country)
		GEOSGeom_destroy_r(geo_ctx_geos(ctx), base->country);
	free(base->v);
	free(base);
}

static char *dup_col(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return t ? geo_strdup((const char *)t) : NULL;
}

geo_base *geo_base_load(geo_ctx *ctx, const char *path, unsigned levels)
{
	GEOSContextHandle_t h = geo_ctx_geos(ctx);
	sqlite3 *db = NULL;
	void *cache = NULL;
	sqlite3_stmt *s = NULL;
	GEOSWKBReader *rd = NULL;
	geo_base *base = NULL;
	size_t per_level[4] = {0};
	int step, ok = 0;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		GEO_ERROR(ctx, GEO_ERR_NOTFOUND,
		          "%s: cannot open the gazetteer: %s (build it with `strikemap gazetteer build`)",
		          path, db ? sqlite3_errmsg(db) : "out of memory");
		goto out;
	}
	cache = spatialite_alloc_connection();
	if (!cache) {
		GEO_ERROR(ctx, GEO_ERR_DB, "%s: SpatiaLite could not allocate a connection", path);
		goto out;
	}
	spatialite_init_ex(db, cache, 0);
	if (sqlite3_prepare_v2(db,
	        "SELECT pcode, level, name_en, name_ar, admin1_pcode, AsBinary(geom)"
	        " FROM admin_areas WHERE geom IS NOT NULL ORDER BY level, pcode",
	        -1, &s, NULL) != SQLITE_OK) {
		GEO_ERROR(ctx, GEO_ERR_NOTFOUND,
		          "%s: not a gazetteer with polygons (admin_areas: %s); build it with"
		          " `strikemap gazetteer build`", path, sqlite3_errmsg(db));
		goto out;
	}
	base = geo_calloc(1, sizeof *base);
	rd = GEOSWKBReader_create_r(h);
	if (!base || !rd) {
		GEO_ERROR(ctx, GEO_ERR_NOMEM, "%s: out of memory loading admin areas", path);
		goto out;
	}
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		int level = sqlite3_column_int(s, 1);
		const void *wkb;
		int wkb_len;
		struct geo_base_area *a;
		if (level < 1 || level > 3 || !(levels & (1u << level)))
			continue;
		wkb = sqlite3_column_blob(s, 5);
		wkb_len = sqlite3_column_bytes(s, 5);
		if (!wkb || wkb_len <= 0) {
			GEO_ERROR(ctx, GEO_ERR_DB, "%s: admin_areas %s: geometry is not readable", path,
			          (const char *)sqlite3_column_text(s, 0));
			goto out;
		}
		if (base->n == base->cap) {
			size_t cap = base->cap ? base->cap * 2 : 64;
			struct geo_base_area *v = geo_realloc(base->v, cap * sizeof *v);
			if (!v) {
				GEO_ERROR(ctx, GEO_ERR_NOMEM, "%s: out of memory loading admin areas", path);
				goto out;
			}
			base->v = v;
			base->cap = cap;
		}
		a = &base->v[base->n++];
		memset(a, 0, sizeof *a);
		a->level = level;
		a->pcode = dup_col(s, 0);
		a->name_en = dup_col(s, 2);
		a->name_ar = dup_col(s, 3);
		a->admin1_pcode = dup_col(s, 4);
		/* a NULL from dup_col is either a NULL cell or a failed copy */
		if ((!a->pcode && sqlite3_column_type(s, 0) != SQLITE_NULL) ||
		    (!a->name_en && sqlite3_column_type(s, 2) != SQLITE_NULL) ||
		    (!a->name_ar && sqlite3_column_type(s, 3) != SQLITE_NULL) ||
		    (!a->admin1_pcode && sqlite3_column_type(s, 4) != SQLITE_NULL)) {
			GEO_ERROR(ctx, GEO_ERR_NOMEM, "%s: out of memory loading admin areas", path);
			goto out;
		}
		if (!a->pcode) {
			GEO_ERROR(ctx, GEO_ERR_INVALID, "%s: admin_areas: a level-%d area has no P-code",
			          path, level);
			goto out;
		}
		a->geom = GEOSWKBReader_read_r(h, rd, wkb, (size_t)wkb_len);
		if (!a->geom) {
			GEO_ERROR(ctx, GEO_ERR_GEOS, "%s: admin_areas %s: unreadable geometry", path, a->pcode);
			goto out;
		}
		per_level[level]++;
	}
	if (step != SQLITE_DONE) {
		GEO_ERROR(ctx, GEO_ERR_DB, "%s: reading admin_areas: %s", path, sqlite3_errmsg(db));
		goto out;
	}
	for (int l = 1; l <= 3; l++)
		if ((levels & (1u << l)) && per_level[l] == 0) {
			GEO_ERROR(ctx, GEO_ERR_NOTFOUND,
			          "%s: the gazetteer has no %s polygons (a reduced gazetteer built without"
			          " ../shared/data has none)", path,
			          l == 1 ? "governorate" : l == 2 ? "district" : "sub-district");
			goto out;
		}
	ok = 1;
out:
	if (rd)
		GEOSWKBReader_destroy_r(h, rd);
	sqlite3_finalize(s);
	if (db)
		sqlite3_close_v2(db);
	if (cache)
		spatialite_cleanup_ex(cache);
	if (!ok) {
		geo_base_free(ctx, base);
		base = NULL;
	}
	return base;
}

int geo_base_has_level(const char *path, int level)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *s = NULL;
	int r = -1;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		goto out;
	/* a file that is not a database fails here too: say "cannot open" */
	if (sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL) != SQLITE_OK)
		goto out;
	r = 0;
	if (sqlite3_prepare_v2(db, "SELECT 1 FROM admin_areas WHERE level = ?1 AND geom IS NOT NULL"
	                           " LIMIT 1", -1, &s, NULL) == SQLITE_OK) {
		sqlite3_bind_int(s, 1, level);
		r = sqlite3_step(s) == SQLITE_ROW;
	}
out:
	sqlite3_finalize(s);
	if (db)
		sqlite3_close_v2(db);
	return r;
}

size_t geo_base_count(const geo_base *base, int level)
{
	size_t n = 0;
	for (size_t i = 0; i < base->n; i++)
		n += base->v[i].level == level;
	return n;
}

const struct geo_base_area *geo_base_get(const geo_base *base, int level, size_t i)
{
	for (size_t k = 0; k < base->n; k++)
		if (base->v[k].level == level && i-- == 0)
			return &base->v[k];
	return NULL;
}

const struct geo_base_area *geo_base_find(const geo_base *base, const char *pcode)
{
	for (size_t k = 0; k < base->n; k++)
		if (strcmp(base->v[k].pcode, pcode) == 0)
			return &base->v[k];
	return NULL;
}

const GEOSGeometry *geo_base_country(geo_ctx *ctx, geo_base *base)
{
	GEOSContextHandle_t h = geo_ctx_geos(ctx);
	GEOSGeometry **parts = NULL, *coll = NULL;
	size_t n = geo_base_count(base, GEO_ADMIN_GOVERNORATE), k = 0;
	if (base->country)
		return base->country;
	if (n == 0) {
		GEO_ERROR(ctx, GEO_ERR_NOTFOUND, "country outline: no governorate polygons loaded");
		return NULL;
	}
	parts = geo_calloc(n, sizeof *parts);
	if (!parts) {
		GEO_ERROR(ctx, GEO_ERR_NOMEM, "country outline: out of memory");
		return NULL;
	}
	for (size_t i = 0; i < base->n; i++)
		if (base->v[i].level == GEO_ADMIN_GOVERNORATE) {
			parts[k] = GEOSGeom_clone_r(h, base->v[i].geom);
			if (!parts[k])
				goto out;
			k++;
		}
	coll = GEOSGeom_createCollection_r(h, GEOS_GEOMETRYCOLLECTION, parts, (unsigned)k);
	if (!coll)
		goto out;
	k = 0; /* the collection owns the parts now */
	base->country = GEOSUnaryUnion_r(h, coll);
	if (!base->country)
		GEO_ERROR(ctx, GEO_ERR_GEOS, "country outline: the union of the governorates failed");
out:
	for (size_t i = 0; i < k; i++)
		GEOSGeom_destroy_r(h, parts[i]);
	if (coll)
		GEOSGeom_destroy_r(h, coll);
	free(parts);
	if (!base->country)
		GEO_ERROR(ctx, GEO_ERR_GEOS, "country outline: GEOS failed");
	return base->country;
}
