/* fixture.h — test data for the layers tests, made with the library's own
 * APIs so the tests depend neither on import nor on the gazetteer build:
 *   fixture_gazetteer(): a gazetteer file holding only admin_areas, built
 *     from ../shared/data/ocha (governorates and sub-districts, repaired
 *     with MakeValid, duplicate codes merged) as gazetteer/schema.md says;
 *   fixture_store(): a store with located and unlocated incidents, an
 *     Arabic text and unknown input columns.
 * Header-only; include after cmocka.h and test_util.h. */
#ifndef TEST_LAYERS_FIXTURE_H
#define TEST_LAYERS_FIXTURE_H

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpedantic"
#include <gdal.h>
#include <ogr_api.h>
#pragma GCC diagnostic pop
#include <sqlite3.h>
#include <spatialite.h>

#include "geo/store.h"

/* Add one OCHA file's features to admin_areas. */
static inline int fixture_add_areas(sqlite3 *db, const char *path, int level, const char *code_f,
                                    const char *en_f, const char *ar_f)
{
	GDALDatasetH ds = GDALOpenEx(path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
	sqlite3_stmt *ins = NULL;
	OGRLayerH lay;
	OGRFeatureH f;
	int ok = 1;
	if (!ds)
		return 0;
	lay = GDALDatasetGetLayer(ds, 0);
	if (sqlite3_prepare_v2(db,
	        "INSERT INTO admin_areas (pcode, level, name_en, name_ar, admin1_pcode, geom)"
	        " VALUES (?1, ?2, ?3, ?4, substr(?1, 1, 4),"
	        "  CastToMultiPolygon(CollectionExtract(MakeValid(GeomFromWKB(?5, 4326)), 3)))"
	        " ON CONFLICT(pcode) DO UPDATE SET geom ="
	        "  CastToMultiPolygon(ST_Union(geom, excluded.geom))", -1, &ins, NULL) != SQLITE_OK)
		ok = 0;
	while (ok && (f = OGR_L_GetNextFeature(lay)) != NULL) {
		OGRGeometryH g = OGR_F_GetGeometryRef(f);
		int n = OGR_G_WkbSize(g);
		unsigned char *wkb = malloc((size_t)n);
		OGRFeatureDefnH d = OGR_L_GetLayerDefn(lay);
		OGR_G_ExportToWkb(g, wkbNDR, wkb);
		sqlite3_bind_text(ins, 1, OGR_F_GetFieldAsString(f, OGR_FD_GetFieldIndex(d, code_f)), -1,
		                  SQLITE_TRANSIENT);
		sqlite3_bind_int(ins, 2, level);
		sqlite3_bind_text(ins, 3, OGR_F_GetFieldAsString(f, OGR_FD_GetFieldIndex(d, en_f)), -1,
		                  SQLITE_TRANSIENT);
		if (ar_f)
			sqlite3_bind_text(ins, 4, OGR_F_GetFieldAsString(f, OGR_FD_GetFieldIndex(d, ar_f)), -1,
			                  SQLITE_TRANSIENT);
		else
			sqlite3_bind_null(ins, 4);
		sqlite3_bind_blob(ins, 5, wkb, n, free);
		if (sqlite3_step(ins) != SQLITE_DONE) {
			fprintf(stderr, "fixture: %s\n", sqlite3_errmsg(db));
			ok = 0;
		}
		sqlite3_reset(ins);
		OGR_F_Destroy(f);
	}
	sqlite3_finalize(ins);
	GDALClose(ds);
	return ok;
}

/* A gazetteer with admin_areas only, at dir/gaz.sqlite; NULL when the
 * reference data is absent (the caller skips). Static path. */
static inline const char *fixture_gazetteer(const char *dir)
{
	static char path[512];
	char a1[1024], a3[1024];
	sqlite3 *db = NULL;
	void *cache;
	int ok;
	snprintf(a1, sizeof a1, "%s/ocha/syr_admin1.geojson", test_shared_data());
	snprintf(a3, sizeof a3, "%s/ocha/syr_admin3.geojson", test_shared_data());
	if (access(a1, R_OK) != 0 || access(a3, R_OK) != 0)
		return NULL;
	snprintf(path, sizeof path, "%s/gaz.sqlite", dir);
	GDALAllRegister();
	if (sqlite3_open(path, &db) != SQLITE_OK)
		abort();
	cache = spatialite_alloc_connection();
	spatialite_init_ex(db, cache, 0);
	ok = sqlite3_exec(db,
	         "SELECT InitSpatialMetadata(1);"
	         "CREATE TABLE admin_areas (pcode TEXT PRIMARY KEY, level INTEGER NOT NULL,"
	         " name_en TEXT NOT NULL, name_ar TEXT, admin1_pcode TEXT);"
	         "SELECT AddGeometryColumn('admin_areas', 'geom', 4326, 'MULTIPOLYGON', 'XY');"
	         "BEGIN;", NULL, NULL, NULL) == SQLITE_OK &&
	     fixture_add_areas(db, a1, 1, "ADM1_PCODE", "ADM1_EN", "ADM1_AR") &&
	     fixture_add_areas(db, a3, 3, "Admin3_Pco", "Admin3_EN", NULL) &&
	     sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK;
	sqlite3_close(db);
	spatialite_cleanup_ex(cache);
	if (!ok)
		abort();
	return path;
}

/* One incident record for the fixture store. */
static inline void fixture_incident(geo_store *st, const char *id, const char *date,
                                    const char *place, const char *ftype, const char *perp,
                                    int located, double lon, double lat)
{
	struct geo_incident inc;
	geo_incident_init(&inc);
	if (geo_incident_set(&inc.id, id) || geo_incident_set(&inc.date, date) ||
	    geo_incident_set(&inc.place_text, place) || geo_incident_set(&inc.facility_type, ftype) ||
	    geo_incident_set(&inc.perpetrator, perp) ||
	    geo_incident_set(&inc.geocode_status, located ? GEO_GC_RESOLVED : GEO_GC_UNRESOLVED))
		abort();
	if (located) {
		inc.has_point = 1;
		inc.lon = lon;
		inc.lat = lat;
		inc.geo_precision = 1;
		if (geo_incident_set(&inc.precision_word, "community"))
			abort();
	} else if (geo_incident_set(&inc.geocode_note, "no place of that name in the gazetteer")) {
		abort();
	}
	inc.killed = 2;
	inc.injured = -1;
	if (geo_store_upsert_incident(st, &inc, NULL) != GEO_OK)
		abort();
	geo_incident_clear(&inc);
}

#endif
