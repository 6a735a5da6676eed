/* postgis.c — incidents from a PostGIS table through OGR's PostgreSQL
 * driver: known columns to the record's fields, the geometry to lon/lat,
 * everything else to attributes. GDAL messages go into the context.
 *
 * Assumes the table was written by `strikemap export --format postgis` or
 * has the same column names; other tables work too (every unknown column
 * is kept as an attribute). */
#include "layers/postgis.h"
#include "geo/buf.h"
#include "geo/units.h"

/* GDAL's headers use enum values beyond int (-Wpedantic): not ours to fix. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpedantic"
#include <cpl_conv.h>
#include <cpl_string.h>
#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#pragma GCC diagnostic pop

#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct pg_sink {
	geo_ctx *ctx;
	char last[768];
};

static void CPL_STDCALL pg_handler(CPLErr cls, CPLErrorNum num, const char *msg)
{
	struct pg_sink *s = CPLGetErrorHandlerUserData();
	(void)num;
	if (!s)
		return;
	if (cls >= CE_Failure)
		snprintf(s->last, sizeof s->last, "%s", msg ? msg : "unknown GDAL error");
	else if (cls == CE_Warning)
		geo_ctx_warn(s->ctx, "GDAL: %s", msg ? msg : "");
}

/* The message without anything that looks like "password=...". */
static void strip_password(char *msg)
{
	char *p;
	while ((p = strstr(msg, "password=")) != NULL) {
		char *end = p + 9;
		while (*end && *end != ' ' && *end != '\'' && *end != '"')
			end++;
		memmove(p + 9, "***", 3);
		memmove(p + 12, end, strlen(end) + 1);
		msg = p + 12;
	}
}

enum field_kind { F_TEXT, F_COUNT, F_INT, F_REAL, F_SKIP, F_LON, F_LAT, F_SRCLINE };

struct known {
	const char *name;
	enum field_kind kind;
	size_t off; /* offset of the char* / int / double field */
};

#define TXT(n, f) {n, F_TEXT, offsetof(struct geo_incident, f)}
static const struct known known_cols[] = {
	TXT("id", id), TXT("date", date), TXT("time", time), TXT("date_precision", date_precision),
	TXT("place_text", place_text), TXT("governorate_text", governorate),
	TXT("governorate", governorate), TXT("facility_name", facility_name),
	TXT("facility_type", facility_type), TXT("facility_id", facility_id),
	TXT("perpetrator", perpetrator), TXT("weapon", weapon), TXT("damage", damage),
	TXT("control", control), TXT("source", source), TXT("notes", notes),
	TXT("precision_word", precision_word), TXT("place_name", place_name), TXT("pcode", pcode),
	TXT("admin1_pcode", admin1_pcode), TXT("admin3_pcode", admin3_pcode),
	TXT("geocode_status", geocode_status), TXT("geocode_note", geocode_note),
	TXT("zone", zone), TXT("source_file", source_file),
	{"killed", F_COUNT, offsetof(struct geo_incident, killed)},
	{"injured", F_COUNT, offsetof(struct geo_incident, injured)},
	{"geo_precision", F_INT, offsetof(struct geo_incident, geo_precision)},
	{"geocode_score", F_REAL, offsetof(struct geo_incident, geocode_score)},
	{"source_line", F_SRCLINE, offsetof(struct geo_incident, source_line)},
	{"perpetrator_class", F_SKIP, 0}, /* derived from perpetrator by the store */
	{"imported_at", F_SKIP, 0},       /* set by the store */
	{"ogc_fid", F_SKIP, 0},
	{"fid", F_SKIP, 0},
	{"lon", F_LON, 0},
	{"lat", F_LAT, 0},
};
#undef TXT

static const struct known *known_col(const char *name)
{
	for (size_t i = 0; i < sizeof known_cols / sizeof known_cols[0]; i++)
		if (strcasecmp(known_cols[i].name, name) == 0)
			return &known_cols[i];
	return NULL;
}

/* A field's value as text: dates YYYY-MM-DD, times HH:MM[:SS], date-times
 * ISO 8601; NULL for a null field. Written into buf. */
static const char *field_text(OGRFeatureH f, int i, char *buf, size_t cap)
{
	OGRFieldDefnH fd = OGR_F_GetFieldDefnRef(f, i);
	int y, m, d, hh, mm, tz;
	float ss;
	if (!OGR_F_IsFieldSetAndNotNull(f, i))
		return NULL;
	switch (OGR_Fld_GetType(fd)) {
	case OFTDate:
		OGR_F_GetFieldAsDateTimeEx(f, i, &y, &m, &d, &hh, &mm, &ss, &tz);
		snprintf(buf, cap, "%04d-%02d-%02d", y, m, d);
		return buf;
	case OFTTime:
		OGR_F_GetFieldAsDateTimeEx(f, i, &y, &m, &d, &hh, &mm, &ss, &tz);
		if ((int)ss)
			snprintf(buf, cap, "%02d:%02d:%02d", hh, mm, (int)ss);
		else
			snprintf(buf, cap, "%02d:%02d", hh, mm);
		return buf;
	case OFTDateTime:
		OGR_F_GetFieldAsDateTimeEx(f, i, &y, &m, &d, &hh, &mm, &ss, &tz);
		snprintf(buf, cap, "%04d-%02d-%02dT%02d:%02d:%02d", y, m, d, hh, mm, (int)ss);
		return buf;
	default:
		return OGR_F_GetFieldAsString(f, i);
	}
}

static int parse_long(const char *t, long *v)
{
	char *end;
	errno = 0;
	*v = strtol(t, &end, 10);
	return *t && !*end && !errno;
}

enum geo_status geo_pg_read_incidents(geo_ctx *ctx, const char *conninfo, const char *table,
                                      struct geo_incident_list *out)
{
	struct pg_sink sink = {.ctx = ctx};
	GDALDatasetH ds = NULL;
	OGRLayerH lay;
	OGRFeatureDefnH defn;
	OGRFeatureH f = NULL;
	OGRSpatialReferenceH wgs84 = NULL;
	OGRCoordinateTransformationH ct = NULL;
	geo_buf conn;
	enum geo_status rc = GEO_OK;
	const struct known **map = NULL;
	char where[300];
	long row = 0;
	int nf, lon_i = -1, lat_i = -1, has_src_file = 0, has_src_line = 0;
	const char *allowed[] = {"PostgreSQL", NULL};

	if (!table)
		table = "incidents";
	snprintf(where, sizeof where, "PG:%s", table);
	geo_buf_init(&conn, 1 << 16);
	if ((strncmp(conninfo, "PG:", 3) != 0 && geo_buf_adds(&conn, "PG:") != GEO_OK) ||
	    geo_buf_adds(&conn, conninfo) != GEO_OK) {
		rc = GEO_ERROR(ctx, GEO_ERR_LIMIT, "PostGIS connection string too long");
		goto out0;
	}
	GDALAllRegister();
	CPLPushErrorHandlerEx(pg_handler, &sink);
	ds = GDALOpenEx(geo_buf_str(&conn), GDAL_OF_VECTOR | GDAL_OF_READONLY, allowed, NULL, NULL);
	if (!ds) {
		strip_password(sink.last);
		rc = GEO_ERROR(ctx, GEO_ERR_GDAL, "PostGIS: cannot connect: %s",
		               sink.last[0] ? sink.last : "no reason given");
		goto out;
	}
	lay = GDALDatasetGetLayerByName(ds, table);
	if (!lay) {
		rc = GEO_ERROR(ctx, GEO_ERR_NOTFOUND, "%s: no such table in the database", where);
		goto out;
	}
	defn = OGR_L_GetLayerDefn(lay);
	nf = OGR_FD_GetFieldCount(defn);
	map = geo_calloc((size_t)nf + 1, sizeof *map);
	if (!map) {
		rc = GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory reading %s", where);
		goto out;
	}
	for (int i = 0; i < nf; i++) {
		const char *name = OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i));
		map[i] = known_col(name);
		if (map[i] && map[i]->kind == F_LON)
			lon_i = i;
		if (map[i] && map[i]->kind == F_LAT)
			lat_i = i;
		if (map[i] && map[i]->kind == F_TEXT && strcmp(map[i]->name, "source_file") == 0)
			has_src_file = 1;
		if (map[i] && map[i]->kind == F_SRCLINE)
			has_src_line = 1;
	}
	if (OGR_L_GetSpatialRef(lay)) {
		OGRSpatialReferenceH srs = OGR_L_GetSpatialRef(lay);
		const char *auth = OSRGetAuthorityName(srs, NULL), *code = OSRGetAuthorityCode(srs, NULL);
		if (!(auth && code && strcmp(auth, "EPSG") == 0 && strcmp(code, "4326") == 0)) {
			wgs84 = OSRNewSpatialReference(NULL);
			if (!wgs84 || OSRImportFromEPSG(wgs84, 4326) != OGRERR_NONE) {
				rc = GEO_ERROR(ctx, GEO_ERR_PROJ, "%s: cannot make EPSG:4326", where);
				goto out;
			}
			OSRSetAxisMappingStrategy(wgs84, OAMS_TRADITIONAL_GIS_ORDER);
			ct = OCTNewCoordinateTransformation(srs, wgs84);
			if (!ct) {
				rc = GEO_ERROR(ctx, GEO_ERR_PROJ, "%s: cannot transform its coordinates to"
				               " EPSG:4326: %s", where, sink.last);
				goto out;
			}
		}
	}
	OGR_L_ResetReading(lay);
	while ((f = OGR_L_GetNextFeature(lay)) != NULL) {
		struct geo_incident *inc = geo_incident_list_push(out);
		OGRGeometryH g = OGR_F_GetGeometryRef(f);
		char buf[64];
		row++;
		if (!inc) {
			rc = GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory reading %s", where);
			goto out;
		}
		for (int i = 0; i < nf; i++) {
			const char *name = OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i));
			const char *v = field_text(f, i, buf, sizeof buf);
			const struct known *k = map[i];
			long n;
			if (!k) {
				/* the export names an input column that repeats a store
				 * column attr_<name>: give it its own name back */
				if (strncmp(name, "attr_", 5) == 0 && known_col(name + 5))
					name += 5;
				if (geo_incident_add_attr(inc, name, v) != GEO_OK) {
					rc = GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory reading %s", where);
					goto out;
				}
				continue;
			}
			switch (k->kind) {
			case F_TEXT:
				if (geo_incident_set((char **)((char *)inc + k->off), v) != GEO_OK) {
					rc = GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory reading %s", where);
					goto out;
				}
				break;
			case F_COUNT:
			case F_INT:
			case F_SRCLINE:
				if (!v) {
					if (k->kind == F_COUNT)
						*(int *)((char *)inc + k->off) = -1;
					break;
				}
				if (!parse_long(v, &n) || n < 0 || n > 2147483647L) {
					rc = GEO_ERROR(ctx, GEO_ERR_INVALID, "%s: row %ld: column \"%s\": \"%s\" is not"
					               " a whole number", where, row, name, v);
					goto out;
				}
				if (k->kind == F_SRCLINE)
					*(long *)((char *)inc + k->off) = n;
				else
					*(int *)((char *)inc + k->off) = (int)n;
				break;
			case F_REAL:
				if (v)
					*(double *)((char *)inc + k->off) = OGR_F_GetFieldAsDouble(f, i);
				break;
			case F_LON:
			case F_LAT:
			case F_SKIP:
				break;
			}
		}
		if (g && !OGR_G_IsEmpty(g)) {
			if (wkbFlatten(OGR_G_GetGeometryType(g)) != wkbPoint) {
				rc = GEO_ERROR(ctx, GEO_ERR_INVALID, "%s: row %ld: the geometry is a %s, not a point",
				               where, row, OGR_G_GetGeometryName(g));
				goto out;
			}
			if (ct && OGR_G_Transform(g, ct) != OGRERR_NONE) {
				rc = GEO_ERROR(ctx, GEO_ERR_PROJ, "%s: row %ld: cannot transform the point to"
				               " EPSG:4326", where, row);
				goto out;
			}
			inc->has_point = 1;
			inc->lon = OGR_G_GetX(g, 0);
			inc->lat = OGR_G_GetY(g, 0);
		} else if (!OGR_FD_GetGeomFieldCount(defn) && lon_i >= 0 && lat_i >= 0 &&
		           OGR_F_IsFieldSetAndNotNull(f, lon_i) && OGR_F_IsFieldSetAndNotNull(f, lat_i)) {
			inc->has_point = 1;
			inc->lon = OGR_F_GetFieldAsDouble(f, lon_i);
			inc->lat = OGR_F_GetFieldAsDouble(f, lat_i);
		}
		/* the checks the CSV/GeoJSON reader makes of what every later step
		 * relies on: an id, a real date, a real time, a point on the globe */
		{
			int32_t days, secs;
			const char *bad = NULL;
			if (!inc->id || !*inc->id)
				bad = "no id (the \"id\" column is missing or empty)";
			else if (!inc->date || geo_parse_date(inc->date, &days) != GEO_OK)
				bad = "no date, or not a date (YYYY-MM-DD)";
			else if (inc->time && geo_parse_time(inc->time, &secs) != GEO_OK)
				bad = "the time is not a time (HH:MM)";
			else if (inc->has_point && !(isfinite(inc->lon) && isfinite(inc->lat) &&
			                             fabs(inc->lon) <= 180 && fabs(inc->lat) <= 90))
				bad = "the point is not a longitude/latitude in degrees";
			if (bad) {
				rc = GEO_ERROR(ctx, GEO_ERR_INVALID, "%s: row %ld%s%s%s: %s", where, row,
				               inc->id ? " (id \"" : "", inc->id ? inc->id : "",
				               inc->id ? "\")" : "", bad);
				goto out;
			}
		}
		if (!has_src_file && geo_incident_set(&inc->source_file, where) != GEO_OK) {
			rc = GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory reading %s", where);
			goto out;
		}
		if (!has_src_line)
			inc->source_line = row;
		OGR_F_Destroy(f);
		f = NULL;
	}
	if (sink.last[0]) {
		strip_password(sink.last);
		rc = GEO_ERROR(ctx, GEO_ERR_GDAL, "%s: reading failed: %s", where, sink.last);
	}
out:
	if (f)
		OGR_F_Destroy(f);
	if (ct)
		OCTDestroyCoordinateTransformation(ct);
	if (wgs84)
		OSRDestroySpatialReference(wgs84);
	if (ds)
		GDALClose(ds);
	CPLPopErrorHandler();
	free(map);
out0:
	geo_buf_free(&conn);
	return rc;
}
