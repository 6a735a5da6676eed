/* zones.c — de-escalation zones: parse the compiled-in layers/zones.csv,
 * union the named sub-districts with GEOS, locate points with prepared
 * geometries, and write incidents.zone in the store.
 *
 * zones.csv is small and written by us: a minimal CSV reader (commas,
 * double-quoted fields with "" escapes, # comment lines) is enough. */
#include "layers/zones.h"

#include <stdlib.h>
#include <string.h>

#define ZONES_FILE "zones.csv"
#define ZONES_MAX_FIELDS 8
#define ZONES_HEADER "zone,zone_name,pcode,subdistrict,why"

struct geo_zones {
	struct geo_zone *v;
	size_t n;
};

static void zone_clear(geo_ctx *ctx, struct geo_zone *z)
{
	GEOSContextHandle_t h = geo_ctx_geos(ctx);
	for (size_t i = 0; i < z->n_pcodes; i++) {
		free(z->pcodes[i]);
		free(z->why[i]);
	}
	free(z->pcodes);
	free(z->why);
	free(z->id);
	free(z->name);
	if (z->prep)
		GEOSPreparedGeom_destroy_r(h, z->prep);
	if (z->geom)
		GEOSGeom_destroy_r(h, z->geom);
}

void geo_zones_free(geo_ctx *ctx, geo_zones *z)
{
	if (!z)
		return;
	for (size_t i = 0; i < z->n; i++)
		zone_clear(ctx, &z->v[i]);
	free(z->v);
	free(z);
}

size_t geo_zones_count(const geo_zones *z) { return z->n; }
const struct geo_zone *geo_zones_get(const geo_zones *z, size_t i)
{
	return i < z->n ? &z->v[i] : NULL;
}

/* Split one line (without its newline) into at most ZONES_MAX_FIELDS
 * fields, written NUL-terminated into `line` itself (quotes removed).
 * Returns the number of fields, or -1 for an unterminated quote. */
static int split_csv(char *line, char **f)
{
	int n = 0;
	char *r = line, *w = line;
	for (;;) {
		if (n == ZONES_MAX_FIELDS)
			return n + 1; /* too many: caller reports */
		f[n++] = w;
		if (*r == '"') {
			r++;
			for (;;) {
				if (!*r)
					return -1;
				if (*r == '"' && r[1] == '"') {
					*w++ = '"';
					r += 2;
				} else if (*r == '"') {
					r++;
					break;
				} else {
					*w++ = *r++;
				}
			}
		}
		while (*r && *r != ',')
			*w++ = *r++;
		if (!*r) {
			*w = '\0';
			return n;
		}
		*w++ = '\0';
		r++;
	}
}

static struct geo_zone *zone_for(geo_ctx *ctx, geo_zones *z, const char *id, const char *name,
                                 long lineno)
{
	struct geo_zone *v;
	for (size_t i = 0; i < z->n; i++)
		if (strcmp(z->v[i].id, id) == 0) {
			if (strcmp(z->v[i].name, name) != 0) {
				GEO_ERROR(ctx, GEO_ERR_PARSE, "%s:%ld: zone %s is named \"%s\" here but \"%s\" above",
				          ZONES_FILE, lineno, id, name, z->v[i].name);
				return NULL;
			}
			return &z->v[i];
		}
	v = geo_realloc(z->v, (z->n + 1) * sizeof *v);
	if (!v) {
		GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory reading %s", ZONES_FILE);
		return NULL;
	}
	z->v = v;
	memset(&v[z->n], 0, sizeof v[z->n]);
	v[z->n].id = geo_strdup(id);
	v[z->n].name = geo_strdup(name);
	if (!v[z->n].id || !v[z->n].name) {
		z->n++; /* so that geo_zones_free frees what was allocated */
		GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory reading %s", ZONES_FILE);
		return NULL;
	}
	return &z->v[z->n++];
}

static enum geo_status parse_defs(geo_ctx *ctx, geo_zones *z)
{
	const char *p = geo_zones_csv;
	long lineno = 0;
	int seen_header = 0;
	char line[1024];
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char *f[ZONES_MAX_FIELDS];
		struct geo_zone *zone;
		char **pc, **why;
		int nf;
		lineno++;
		if (len >= sizeof line)
			return GEO_ERROR(ctx, GEO_ERR_PARSE, "%s:%ld: line too long", ZONES_FILE, lineno);
		memcpy(line, p, len);
		line[len] = '\0';
		if (len && line[len - 1] == '\r')
			line[len - 1] = '\0';
		p = nl ? nl + 1 : p + len;
		if (line[0] == '#' || line[0] == '\0')
			continue;
		if (!seen_header) {
			if (strcmp(line, ZONES_HEADER) != 0)
				return GEO_ERROR(ctx, GEO_ERR_PARSE, "%s:%ld: header must be \"%s\"", ZONES_FILE,
				                 lineno, ZONES_HEADER);
			seen_header = 1;
			continue;
		}
		nf = split_csv(line, f);
		if (nf != 5)
			return GEO_ERROR(ctx, GEO_ERR_PARSE, "%s:%ld: %s (wanted 5 fields: %s)", ZONES_FILE,
			                 lineno, nf < 0 ? "unterminated quote" : "wrong number of fields",
			                 ZONES_HEADER);
		if (strncmp(f[2], "SY", 2) != 0 || strlen(f[2]) != 8)
			return GEO_ERROR(ctx, GEO_ERR_PARSE, "%s:%ld: column \"pcode\": \"%s\" is not a"
			                 " sub-district P-code (SYnnnnnn)", ZONES_FILE, lineno, f[2]);
		if (!*f[0] || !*f[1] || !*f[4])
			return GEO_ERROR(ctx, GEO_ERR_PARSE, "%s:%ld: zone, zone_name and why must not be empty",
			                 ZONES_FILE, lineno);
		for (size_t i = 0; i < z->n; i++)
			for (size_t k = 0; k < z->v[i].n_pcodes; k++)
				if (strcmp(z->v[i].pcodes[k], f[2]) == 0)
					return GEO_ERROR(ctx, GEO_ERR_PARSE, "%s:%ld: %s is already in zone %s",
					                 ZONES_FILE, lineno, f[2], z->v[i].id);
		zone = zone_for(ctx, z, f[0], f[1], lineno);
		if (!zone)
			return geo_ctx_error_code(ctx);
		pc = geo_realloc(zone->pcodes, (zone->n_pcodes + 1) * sizeof *pc);
		if (pc)
			zone->pcodes = pc;
		why = geo_realloc(zone->why, (zone->n_pcodes + 1) * sizeof *why);
		if (why)
			zone->why = why;
		if (!pc || !why)
			return GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory reading %s", ZONES_FILE);
		zone->pcodes[zone->n_pcodes] = geo_strdup(f[2]);
		zone->why[zone->n_pcodes] = geo_strdup(f[4]);
		zone->n_pcodes++;
		if (!zone->pcodes[zone->n_pcodes - 1] || !zone->why[zone->n_pcodes - 1])
			return GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory reading %s", ZONES_FILE);
	}
	if (z->n == 0)
		return GEO_ERROR(ctx, GEO_ERR_PARSE, "%s: no zone defined", ZONES_FILE);
	return GEO_OK;
}

/* Union of the zone's sub-districts, and its prepared form. */
static enum geo_status build_zone(geo_ctx *ctx, const geo_base *base, struct geo_zone *zone)
{
	GEOSContextHandle_t h = geo_ctx_geos(ctx);
	GEOSGeometry **parts = geo_calloc(zone->n_pcodes, sizeof *parts);
	GEOSGeometry *coll = NULL;
	enum geo_status rc = GEO_OK;
	size_t k = 0;
	if (!parts)
		return GEO_ERROR(ctx, GEO_ERR_NOMEM, "zone %s: out of memory", zone->id);
	for (; k < zone->n_pcodes; k++) {
		const struct geo_base_area *a = geo_base_find(base, zone->pcodes[k]);
		if (!a || a->level != GEO_ADMIN_SUBDISTRICT) {
			rc = GEO_ERROR(ctx, GEO_ERR_NOTFOUND,
			               "%s: zone %s: sub-district %s is not in the gazetteer's admin areas",
			               ZONES_FILE, zone->id, zone->pcodes[k]);
			goto out;
		}
		parts[k] = GEOSGeom_clone_r(h, a->geom);
		if (!parts[k]) {
			rc = GEO_ERROR(ctx, GEO_ERR_GEOS, "zone %s: GEOS could not copy %s", zone->id,
			               zone->pcodes[k]);
			goto out;
		}
	}
	coll = GEOSGeom_createCollection_r(h, GEOS_GEOMETRYCOLLECTION, parts, (unsigned)k);
	if (!coll) {
		rc = GEO_ERROR(ctx, GEO_ERR_GEOS, "zone %s: GEOS could not collect the sub-districts",
		               zone->id);
		goto out;
	}
	k = 0; /* owned by coll */
	zone->geom = GEOSUnaryUnion_r(h, coll);
	if (!zone->geom) {
		rc = GEO_ERROR(ctx, GEO_ERR_GEOS, "zone %s: the union of its sub-districts failed",
		               zone->id);
		goto out;
	}
	zone->prep = GEOSPrepare_r(h, zone->geom);
	if (!zone->prep)
		rc = GEO_ERROR(ctx, GEO_ERR_GEOS, "zone %s: GEOS could not prepare the polygon", zone->id);
out:
	for (size_t i = 0; i < k; i++)
		if (parts[i])
			GEOSGeom_destroy_r(h, parts[i]);
	if (coll)
		GEOSGeom_destroy_r(h, coll);
	free(parts);
	return rc;
}

geo_zones *geo_zones_load(geo_ctx *ctx, const geo_base *base)
{
	geo_zones *z = geo_calloc(1, sizeof *z);
	if (!z) {
		GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory reading %s", ZONES_FILE);
		return NULL;
	}
	if (parse_defs(ctx, z) != GEO_OK)
		goto fail;
	if (base)
		for (size_t i = 0; i < z->n; i++)
			if (build_zone(ctx, base, &z->v[i]) != GEO_OK)
				goto fail;
	return z;
fail:
	geo_zones_free(ctx, z);
	return NULL;
}

const char *geo_zones_locate(geo_ctx *ctx, const geo_zones *z, double lon, double lat,
                             enum geo_status *st)
{
	GEOSContextHandle_t h = geo_ctx_geos(ctx);
	GEOSGeometry *pt = GEOSGeom_createPointFromXY_r(h, lon, lat);
	const char *found = NULL;
	*st = GEO_OK;
	if (!pt) {
		*st = GEO_ERROR(ctx, GEO_ERR_GEOS, "GEOS could not make the point %.6f %.6f", lon, lat);
		return NULL;
	}
	for (size_t i = 0; i < z->n && !found; i++) {
		char r;
		if (!z->v[i].prep) {
			*st = GEO_ERROR(ctx, GEO_ERR_INVALID, "zone %s has no polygon (zones loaded without"
			                " admin areas)", z->v[i].id);
			break;
		}
		r = GEOSPreparedIntersects_r(h, z->v[i].prep, pt);
		if (r == 2) {
			*st = GEO_ERROR(ctx, GEO_ERR_GEOS, "point-in-zone test failed for %.6f %.6f (zone %s)",
			                lon, lat, z->v[i].id);
			break;
		}
		if (r == 1)
			found = z->v[i].id;
	}
	GEOSGeom_destroy_r(h, pt);
	return found;
}

enum geo_status geo_zones_assign_count(geo_ctx *ctx, geo_store *st, const char *gazetteer_path,
                                       long *n_in)
{
	sqlite3 *db = geo_store_db(st);
	geo_base *base = NULL;
	geo_zones *z = NULL;
	sqlite3_stmt *sel = NULL, *upd = NULL;
	enum geo_status rc = GEO_OK;
	long in = 0;
	int step, in_tx = 0;

	if (geo_base_has_level(gazetteer_path, GEO_ADMIN_SUBDISTRICT) == 0) {
		geo_ctx_warn(ctx, "%s: no sub-district polygons (a reduced gazetteer): de-escalation"
		             " zones not assigned", gazetteer_path);
		in = -1;
		goto out;
	}
	base = geo_base_load(ctx, gazetteer_path, 1u << GEO_ADMIN_SUBDISTRICT);
	if (!base) {
		rc = geo_ctx_error_code(ctx);
		goto out;
	}
	z = geo_zones_load(ctx, base);
	if (!z) {
		rc = geo_ctx_error_code(ctx);
		goto out;
	}
	/* A savepoint works both alone and inside the caller's transaction
	 * (import calls this before its commit). */
	if ((rc = geo_store_exec(st, "SAVEPOINT geo_zones_assign")) != GEO_OK)
		goto out;
	in_tx = 1;
	/* Everything without a point (or outside every zone) gets NULL. */
	if ((rc = geo_store_exec(st, "UPDATE incidents SET zone = NULL")) != GEO_OK)
		goto out;
	if (sqlite3_prepare_v2(db, "SELECT id, ST_X(geom), ST_Y(geom) FROM incidents"
	                           " WHERE geom IS NOT NULL", -1, &sel, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "UPDATE incidents SET zone = ?1 WHERE id = ?2", -1, &upd,
	                       NULL) != SQLITE_OK) {
		rc = geo_store_db_error(st, "assigning zones");
		goto out;
	}
	while ((step = sqlite3_step(sel)) == SQLITE_ROW) {
		const char *zone = geo_zones_locate(ctx, z, sqlite3_column_double(sel, 1),
		                                    sqlite3_column_double(sel, 2), &rc);
		if (rc != GEO_OK)
			goto out;
		if (!zone)
			continue;
		sqlite3_reset(upd);
		sqlite3_bind_text(upd, 1, zone, -1, SQLITE_STATIC);
		sqlite3_bind_text(upd, 2, (const char *)sqlite3_column_text(sel, 0), -1,
		                  SQLITE_TRANSIENT);
		if (sqlite3_step(upd) != SQLITE_DONE) {
			rc = geo_store_db_error(st, "assigning zones");
			goto out;
		}
		in++;
	}
	if (step != SQLITE_DONE) {
		rc = geo_store_db_error(st, "assigning zones");
		goto out;
	}
	sqlite3_finalize(sel);
	sqlite3_finalize(upd);
	sel = upd = NULL;
	rc = geo_store_exec(st, "RELEASE geo_zones_assign");
	if (rc == GEO_OK)
		in_tx = 0;
out:
	sqlite3_finalize(sel);
	sqlite3_finalize(upd);
	if (in_tx)
		sqlite3_exec(db, "ROLLBACK TO geo_zones_assign; RELEASE geo_zones_assign", NULL, NULL,
		             NULL);
	geo_zones_free(ctx, z);
	geo_base_free(ctx, base);
	if (rc == GEO_OK && n_in)
		*n_in = in;
	return rc;
}

enum geo_status geo_zones_assign(geo_ctx *ctx, geo_store *st, const char *gazetteer_path)
{
	return geo_zones_assign_count(ctx, st, gazetteer_path, NULL);
}
