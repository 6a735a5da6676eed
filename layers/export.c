/* export.c — layers out through GDAL/OGR: GeoJSON (RFC 7946), Shapefile,
 * GeoPackage, KML, CSV and PostGIS.
 *
 * Every layer is a SQL query over a SQLite database (the store, the
 * gazetteer, or an in-memory database holding the base layers) whose last
 * column is the geometry as WKB. A first pass over the rows decides each
 * field's type from the values (integers, reals, ISO dates, text) and
 * collects the keys of the incidents' `attrs` JSON; the second pass writes
 * the features. So a column another module adds to a table is exported
 * without a change here.
 *
 * Assumes GDAL >= 3.1 (OGR_F_SetFieldNull, RFC7946 option). GDAL errors
 * reach us through a CPLErrorHandler pushed for the duration of an export;
 * the handler is per thread, like the context. */
#include "layers/export.h"
#include "layers/base.h"
#include "layers/map_style.h"
#include "layers/zones.h"
#include "geo/buf.h"
#include "geo/incident.h"
#include "geo/perpetrator.h"
#include "geo/store.h"

/* GDAL's headers use enum values beyond int (-Wpedantic): not ours to fix. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpedantic"
#include <cpl_conv.h>
#include <cpl_string.h>
#include <cpl_error.h>
#include <gdal.h>
#include <json-c/json.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#pragma GCC diagnostic pop
#include <sqlite3.h>
#include <spatialite.h>

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

const char *const GEO_EXPORT_FORMATS[] = {"geojson", "shp", "gpkg", "kml", "csv", "postgis", NULL};
const char *const GEO_EXPORT_LAYERS[] = {"incidents", "sequences", "repeats", "facilities",
                                         "governorates", "subdistricts", "zones", "country",
                                         NULL};

int geo_export_layer_valid(const char *name)
{
	for (int i = 0; GEO_EXPORT_LAYERS[i]; i++)
		if (strcmp(name, GEO_EXPORT_LAYERS[i]) == 0)
			return 1;
	return 0;
}

/* The stable shapefile name table. Changing a row changes every
 * shapefile users have already joined on: add rows, never edit them. */
const struct geo_export_shp_name geo_export_shp_names[] = {
	/* incidents */
	{"id", "id"},
	{"date", "date"},
	{"time", "time"},
	{"date_precision", "date_prec"},
	{"place_text", "place_text"},
	{"governorate_text", "gov_text"},
	{"facility_name", "fac_name"},
	{"facility_type", "fac_type"},
	{"facility_id", "fac_id"},
	{"perpetrator", "perp"},
	{"perpetrator_class", "perp_class"},
	{"weapon", "weapon"},
	{"killed", "killed"},
	{"injured", "injured"},
	{"damage", "damage"},
	{"control", "control"},
	{"source", "source"},
	{"notes", "notes"},
	{"geo_precision", "geo_prec"},
	{"precision_word", "prec_word"},
	{"place_name", "place_name"},
	{"pcode", "pcode"},
	{"admin1_pcode", "adm1_pcode"},
	{"admin2_pcode", "adm2_pcode"},
	{"admin3_pcode", "adm3_pcode"},
	{"geocode_status", "gc_status"},
	{"geocode_note", "gc_note"},
	{"geocode_score", "gc_score"},
	{"zone", "zone"},
	{"source_file", "src_file"},
	{"source_line", "src_line"},
	{"imported_at", "imported"},
	/* base layers */
	{"level", "level"},
	{"name_en", "name_en"},
	{"name_ar", "name_ar"},
	{"zone_id", "zone_id"},
	{"zone_name", "zone_name"},
	{"approximate", "approx"},
	{"subdistricts", "subdists"},
	{"n_subdistricts", "n_subdist"},
	{"governorate", "gov"},
	/* CSV/KML helpers and common analysis fields */
	{"lon", "lon"},
	{"lat", "lat"},
	{"incident_id", "inc_id"},
	{"incident_ids", "inc_ids"},
	{"sequence_id", "seq_id"},
	{"repeat_id", "rep_id"},
	{"n_strikes", "n_strikes"},
	{"gap_seconds", "gap_s"},
	{"gap_minutes", "gap_min"},
	{"distance_m", "dist_m"},
	{"first_date", "first_date"},
	{"last_date", "last_date"},
	{"aliases", "aliases"},
	{NULL, NULL},
};

/* KML colours are the maps' (layers/map_style.h: Okabe & Ito 2008,
 * colour-blind safe), so a KML and a PNG of the same incidents agree. */
const char *geo_export_perp_colour(const char *cls)
{
	return geo_map_perp_hex(cls);
}

#define KML_ICON "http://maps.google.com/mapfiles/kml/shapes/shaded_dot.png"

/* ---- GDAL messages ---------------------------------------------------- */

struct gdal_sink {
	geo_ctx *ctx;
	char last[768]; /* the last failure message, for our error text */
	int failures;
};

static void CPL_STDCALL gdal_handler(CPLErr cls, CPLErrorNum num, const char *msg)
{
	struct gdal_sink *s = CPLGetErrorHandlerUserData();
	(void)num;
	if (!s)
		return;
	if (cls >= CE_Failure) {
		snprintf(s->last, sizeof s->last, "%s", msg ? msg : "unknown GDAL error");
		s->failures++;
	} else if (cls == CE_Warning) {
		geo_ctx_warn(s->ctx, "GDAL: %s", msg ? msg : "");
	}
}

/* ---- the source: a query and its fields ------------------------------- */

enum col_kind { COL_SQL, COL_ATTR, COL_LON, COL_LAT, COL_KML_NAME, COL_KML_DESC };

struct col {
	enum col_kind kind;
	char *name;      /* full field name */
	char *out;       /* name written (the short name in a shapefile) */
	int src;         /* statement column (COL_SQL) */
	char *key;       /* attrs key (COL_ATTR) */
	int decl;        /* declared SQL type: 0 other, 1 integer, 2 real */
	OGRFieldType type;
	int n_int, n_real, n_text, n_date;
	long long min, max;
	size_t maxlen;   /* bytes */
	int ogr;         /* field index in the layer */
};

struct src {
	const char *what;     /* for messages: the database path */
	sqlite3 *db;          /* borrowed */
	char *sql;            /* owned */
	int wkb_col;          /* statement column of the WKB, or -1 */
	int attrs_col;        /* statement column of the attrs JSON, or -1 */
	int id_col, ftype_col;
	OGRwkbGeometryType gtype; /* declared, or wkbUnknown to decide from the rows */
	struct col *cols;
	size_t ncols, cap;
	long rows;
	long with_geom;
	int point_only;       /* every geometry is a point */
	long located_by_type[8]; /* rows with a geometry per GEO_FACILITY_TYPES entry */
};

static void src_free(struct src *s)
{
	for (size_t i = 0; i < s->ncols; i++) {
		free(s->cols[i].name);
		free(s->cols[i].out);
		free(s->cols[i].key);
	}
	free(s->cols);
	free(s->sql);
	memset(s, 0, sizeof *s);
}

static struct col *add_col(geo_ctx *ctx, struct src *s, enum col_kind kind, const char *name)
{
	struct col *c;
	if (s->ncols == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 32;
		struct col *v = geo_realloc(s->cols, cap * sizeof *v);
		if (!v) {
			GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory preparing the export");
			return NULL;
		}
		s->cols = v;
		s->cap = cap;
	}
	c = &s->cols[s->ncols];
	memset(c, 0, sizeof *c);
	c->kind = kind;
	c->src = -1;
	c->ogr = -1;
	c->name = geo_strdup(name);
	if (!c->name) {
		GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory preparing the export");
		return NULL;
	}
	s->ncols++;
	return c;
}

static int is_iso_date(const char *t, size_t n)
{
	if (n != 10 || t[4] != '-' || t[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)t[i]))
			return 0;
	int m = (t[5] - '0') * 10 + (t[6] - '0'), d = (t[8] - '0') * 10 + (t[9] - '0');
	return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

static void note_text(struct col *c, const char *t, size_t n)
{
	c->n_text++;
	if (t && is_iso_date(t, n))
		c->n_date++;
	if (n > c->maxlen)
		c->maxlen = n;
}

static void note_value(struct col *c, sqlite3_stmt *st, int i)
{
	switch (sqlite3_column_type(st, i)) {
	case SQLITE_NULL:
		break;
	case SQLITE_INTEGER: {
		long long v = sqlite3_column_int64(st, i);
		if (!c->n_int || v < c->min)
			c->min = v;
		if (!c->n_int || v > c->max)
			c->max = v;
		c->n_int++;
		if ((size_t)sqlite3_column_bytes(st, i) > c->maxlen)
			c->maxlen = (size_t)sqlite3_column_bytes(st, i);
		break;
	}
	case SQLITE_FLOAT:
		c->n_real++;
		if (c->maxlen < 24)
			c->maxlen = 24;
		break;
	case SQLITE_BLOB:
		c->n_text++; /* written as hex */
		if ((size_t)sqlite3_column_bytes(st, i) * 2 > c->maxlen)
			c->maxlen = (size_t)sqlite3_column_bytes(st, i) * 2;
		break;
	default: {
		const char *t = (const char *)sqlite3_column_text(st, i);
		note_text(c, t, (size_t)sqlite3_column_bytes(st, i));
	}
	}
}

static void decide_type(struct col *c)
{
	int date_name = strstr(c->name, "date") && !strstr(c->name, "precision");
	if (c->kind == COL_LON || c->kind == COL_LAT) {
		c->type = OFTReal;
	} else if (c->kind != COL_SQL) {
		c->type = OFTString;
	} else if (c->n_text) {
		c->type = (date_name && c->n_date == c->n_text && !c->n_int && !c->n_real) ? OFTDate
		                                                                             : OFTString;
		if (c->type == OFTString && (c->n_int || c->n_real) && c->maxlen < 24)
			c->maxlen = 24;
	} else if (c->n_real) {
		c->type = OFTReal;
	} else if (c->n_int) {
		c->type = (c->min >= INT32_MIN && c->max <= INT32_MAX) ? OFTInteger : OFTInteger64;
	} else if (c->decl == 1) {
		c->type = OFTInteger;
	} else if (c->decl == 2) {
		c->type = OFTReal;
	} else {
		c->type = OFTString;
	}
}

/* The flat OGR type of a WKB blob, or wkbUnknown. */
static OGRwkbGeometryType wkb_type(const unsigned char *w, int n)
{
	uint32_t t;
	if (!w || n < 5)
		return wkbUnknown;
	if (w[0] == 1)
		t = (uint32_t)w[1] | (uint32_t)w[2] << 8 | (uint32_t)w[3] << 16 | (uint32_t)w[4] << 24;
	else
		t = (uint32_t)w[4] | (uint32_t)w[3] << 8 | (uint32_t)w[2] << 16 | (uint32_t)w[1] << 24;
	return wkbFlatten((OGRwkbGeometryType)(t % 1000));
}

static int ci_equal(const char *a, const char *b) { return strcasecmp(a, b) == 0; }

static struct col *find_attr(struct src *s, const char *key)
{
	for (size_t i = 0; i < s->ncols; i++)
		if (s->cols[i].kind == COL_ATTR && strcmp(s->cols[i].key, key) == 0)
			return &s->cols[i];
	return NULL;
}

/* First pass: the statement's columns, the attrs keys, value statistics,
 * the geometry type. */
static enum geo_status prescan(geo_ctx *ctx, struct src *s)
{
	sqlite3_stmt *st = NULL;
	enum geo_status rc = GEO_OK;
	int step, n;
	size_t first_attr;
	int gtypes_seen = 0, only_points = 1;
	OGRwkbGeometryType g0 = wkbUnknown;
	int mixed = 0;

	if (sqlite3_prepare_v2(s->db, s->sql, -1, &st, NULL) != SQLITE_OK) {
		rc = GEO_ERROR(ctx, GEO_ERR_DB, "%s: %s (in: %.120s)", s->what, sqlite3_errmsg(s->db),
		               s->sql);
		goto out;
	}
	n = sqlite3_column_count(st);
	s->id_col = s->ftype_col = -1;
	for (int i = 0; i < n; i++) {
		const char *name = sqlite3_column_name(st, i);
		struct col *c;
		if (i == s->wkb_col || i == s->attrs_col)
			continue;
		if (!(c = add_col(ctx, s, COL_SQL, name))) {
			rc = GEO_ERR_NOMEM;
			goto out;
		}
		c->src = i;
		{
			const char *d = sqlite3_column_decltype(st, i); /* valid until finalize */
			c->decl = !d ? 0 : strcasestr(d, "INT") ? 1
			        : (strcasestr(d, "REAL") || strcasestr(d, "FLOA") || strcasestr(d, "DOUB")) ? 2 : 0;
		}
		if (strcmp(name, "id") == 0)
			s->id_col = i;
		if (strcmp(name, "facility_type") == 0)
			s->ftype_col = i;
	}
	first_attr = s->ncols;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		s->rows++;
		for (size_t k = 0; k < first_attr; k++)
			if (s->cols[k].kind == COL_SQL)
				note_value(&s->cols[k], st, s->cols[k].src);
		if (s->ftype_col >= 0 && sqlite3_column_type(st, s->wkb_col < 0 ? 0 : s->wkb_col) == SQLITE_BLOB) {
			const char *t = (const char *)sqlite3_column_text(st, s->ftype_col);
			for (int k = 0; GEO_FACILITY_TYPES[k] && k < 8; k++)
				if (strcmp(t ? t : "other", GEO_FACILITY_TYPES[k]) == 0)
					s->located_by_type[k]++;
		}
		if (s->attrs_col >= 0 && sqlite3_column_type(st, s->attrs_col) == SQLITE_TEXT) {
			struct json_object *o = json_tokener_parse((const char *)sqlite3_column_text(st, s->attrs_col));
			if (!o || !json_object_is_type(o, json_type_object)) {
				json_object_put(o);
				rc = GEO_ERROR(ctx, GEO_ERR_DB, "%s: row %ld: attrs is not a JSON object",
				               s->what, s->rows);
				goto out;
			}
			json_object_object_foreach(o, key, val) {
				struct col *c = find_attr(s, key);
				if (!c) {
					if (!(c = add_col(ctx, s, COL_ATTR, key)) || !(c->key = geo_strdup(key))) {
						json_object_put(o);
						rc = GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory preparing the export");
						goto out;
					}
				}
				if (!json_object_is_type(val, json_type_null))
					note_text(c, NULL, strlen(json_object_get_string(val)));
			}
			json_object_put(o);
		}
		if (s->wkb_col >= 0 && sqlite3_column_type(st, s->wkb_col) == SQLITE_BLOB) {
			OGRwkbGeometryType t = wkb_type(sqlite3_column_blob(st, s->wkb_col),
			                                sqlite3_column_bytes(st, s->wkb_col));
			s->with_geom++;
			if (t != wkbPoint)
				only_points = 0;
			if (!gtypes_seen++)
				g0 = t;
			else if (t != g0)
				mixed = 1;
		}
	}
	if (step != SQLITE_DONE) {
		rc = GEO_ERROR(ctx, GEO_ERR_DB, "%s: %s", s->what, sqlite3_errmsg(s->db));
		goto out;
	}
	s->point_only = only_points;
	if (s->wkb_col < 0) {
		s->gtype = wkbNone;
	} else if (s->gtype == wkbUnknown && gtypes_seen) {
		if (!mixed)
			s->gtype = g0;
		else
			s->gtype = wkbUnknown;
	}
	if (s->gtype == wkbPolygon && mixed)
		s->gtype = wkbMultiPolygon;
out:
	sqlite3_finalize(st);
	return rc;
}

/* ---- field names ------------------------------------------------------ */

static const char *shp_known(const char *full)
{
	for (size_t i = 0; geo_export_shp_names[i].full; i++)
		if (strcmp(geo_export_shp_names[i].full, full) == 0)
			return geo_export_shp_names[i].shp;
	return NULL;
}

static int name_taken(const struct src *s, size_t upto, const char *name, int use_out)
{
	for (size_t i = 0; i < upto; i++) {
		const char *o = use_out ? s->cols[i].out : s->cols[i].name;
		if (o && ci_equal(o, name))
			return 1;
	}
	return 0;
}

/* Make full names unique (case-insensitively, as OGR compares them): an
 * attrs key that repeats a column becomes attr_<key>, then _2, _3... */
static enum geo_status unique_full_names(geo_ctx *ctx, struct src *s)
{
	for (size_t i = 0; i < s->ncols; i++) {
		struct col *c = &s->cols[i];
		char buf[512];
		int k = 2;
		if (!name_taken(s, i, c->name, 0))
			continue;
		snprintf(buf, sizeof buf, "%s%s", c->kind == COL_ATTR ? "attr_" : "", c->name);
		while (name_taken(s, i, buf, 0))
			snprintf(buf, sizeof buf, "%s%s_%d", c->kind == COL_ATTR ? "attr_" : "", c->name, k++);
		free(c->name);
		if (!(c->name = geo_strdup(buf)))
			return GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory preparing the export");
	}
	return GEO_OK;
}

/* Shapefile names: the table first (so an unknown name never takes a known
 * one's short name), then a deterministic truncation of the rest in column
 * order: lower-case ASCII letters, digits and '_', at most 10 bytes, made
 * unique with a numeric suffix (name_2, nam_10). */
static enum geo_status shp_names(geo_ctx *ctx, struct src *s)
{
	for (size_t i = 0; i < s->ncols; i++) {
		const char *k = shp_known(s->cols[i].name);
		if (k && !name_taken(s, s->ncols, k, 1) && !(s->cols[i].out = geo_strdup(k)))
			return GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory preparing the export");
	}
	for (size_t i = 0; i < s->ncols; i++) {
		struct col *c = &s->cols[i];
		char base[16], buf[16];
		size_t n = 0;
		int k = 2;
		if (c->out)
			continue;
		for (const unsigned char *p = (const unsigned char *)c->name; *p && n < 10; p++) {
			if (isalnum(*p) && *p < 0x80)
				base[n++] = (char)tolower(*p);
			else if ((*p & 0xC0) != 0x80 && (n == 0 || base[n - 1] != '_'))
				base[n++] = '_';
		}
		while (n && base[n - 1] == '_')
			n--;
		base[n] = '\0';
		if (n == 0 || isdigit((unsigned char)base[0]))
			snprintf(base, sizeof base, "f%.9s", n ? base : "ield");
		snprintf(buf, sizeof buf, "%s", base);
		while (name_taken(s, s->ncols, buf, 1)) {
			char suf[8];
			int sl = snprintf(suf, sizeof suf, "_%d", k++);
			snprintf(buf, sizeof buf, "%.*s%s", 10 - sl, base, suf);
		}
		if (!(c->out = geo_strdup(buf)))
			return GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory preparing the export");
	}
	return GEO_OK;
}

/* ---- the export ------------------------------------------------------- */

struct ex {
	geo_ctx *ctx;
	const struct geo_export_opts *o;
	struct gdal_sink *sink;
	GDALDriverH drv;
	GDALDatasetH ds;
	OGRSpatialReferenceH srs;
	sqlite3 *base_db;       /* in-memory base layers, built on first need */
	geo_store *store;
	sqlite3 *gaz_db;
	void *gaz_cache;
	FILE *kml;              /* KML is streamed by us (see kml_open) */
	const char *cur_id;     /* id of the row being written, for messages */
	geo_buf long_vals;      /* shapefile: the full text of values cut to 254 bytes (CSV) */
	int long_vals_failed;   /* the buffer's cap was reached */
	geo_buf kml_buf;        /* one placemark at a time */
};

static enum geo_status gdal_fail(struct ex *e, const char *what)
{
	return GEO_ERROR(e->ctx, GEO_ERR_GDAL, "%s: %s: %s", e->o->format == GEO_EXPORT_POSTGIS ? "PostGIS" : e->o->dest,
	                 what, e->sink->last[0] ? e->sink->last : "GDAL reported no reason");
}

static int table_exists(sqlite3 *db, const char *name)
{
	sqlite3_stmt *s = NULL;
	int found = 0;
	if (sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_master WHERE type IN ('table','view')"
	                           " AND lower(name) = lower(?1)", -1, &s, NULL) == SQLITE_OK) {
		sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
		found = sqlite3_step(s) == SQLITE_ROW;
	}
	sqlite3_finalize(s);
	return found;
}

static enum geo_status open_store(struct ex *e)
{
	if (e->store)
		return GEO_OK;
	e->store = geo_store_open(e->ctx, e->o->db_path, 0);
	return e->store ? GEO_OK : geo_ctx_error_code(e->ctx);
}

static enum geo_status open_gazetteer(struct ex *e)
{
	if (e->gaz_db)
		return GEO_OK;
	if (!e->o->gazetteer_path || access(e->o->gazetteer_path, R_OK) != 0)
		return GEO_ERROR(e->ctx, GEO_ERR_NOTFOUND,
		                 "%s: no gazetteer (build it with `strikemap gazetteer build`)",
		                 e->o->gazetteer_path ? e->o->gazetteer_path : "(none given)");
	if (sqlite3_open_v2(e->o->gazetteer_path, &e->gaz_db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		return GEO_ERROR(e->ctx, GEO_ERR_DB, "%s: cannot open the gazetteer: %s",
		                 e->o->gazetteer_path, sqlite3_errmsg(e->gaz_db));
	e->gaz_cache = spatialite_alloc_connection();
	if (!e->gaz_cache)
		return GEO_ERROR(e->ctx, GEO_ERR_DB, "%s: SpatiaLite could not allocate a connection",
		                 e->o->gazetteer_path);
	spatialite_init_ex(e->gaz_db, e->gaz_cache, 0);
	return GEO_OK;
}

/* Geometry column and type of a SpatiaLite table, from geometry_columns. */
static void spatialite_geom(sqlite3 *db, const char *table, char *col, size_t cap,
                            OGRwkbGeometryType *gt)
{
	sqlite3_stmt *s = NULL;
	col[0] = '\0';
	*gt = wkbUnknown;
	if (sqlite3_prepare_v2(db, "SELECT f_geometry_column, geometry_type FROM geometry_columns"
	                           " WHERE lower(f_table_name) = lower(?1) ORDER BY 1", -1, &s,
	                       NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_text(s, 1, table, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW) {
		snprintf(col, cap, "%s", (const char *)sqlite3_column_text(s, 0));
		switch (sqlite3_column_int(s, 1) % 1000) {
		case 1: *gt = wkbPoint; break;
		case 2: *gt = wkbLineString; break;
		case 3: *gt = wkbPolygon; break;
		case 4: *gt = wkbMultiPoint; break;
		case 5: *gt = wkbMultiLineString; break;
		case 6: *gt = wkbMultiPolygon; break;
		case 7: *gt = wkbGeometryCollection; break;
		default: *gt = wkbUnknown;
		}
	}
out:
	sqlite3_finalize(s);
}

/* SELECT every column of `table` but its geometry, then AsBinary(geometry)
 * (or lon/lat made into a point when the table has no geometry column but
 * has lon and lat). `attrs` is moved last-but-one when asked. */
static enum geo_status table_source(struct ex *e, sqlite3 *db, const char *what,
                                    const char *table, int expand_attrs, const char *order,
                                    struct src *s)
{
	geo_buf b;
	sqlite3_stmt *ti = NULL;
	char gcol[256];
	OGRwkbGeometryType gt;
	int ncol = 0, has_attrs = 0, has_lon = 0, has_lat = 0;
	enum geo_status rc = GEO_OK;

	geo_buf_init(&b, 1 << 20);
	spatialite_geom(db, table, gcol, sizeof gcol, &gt);
	if (sqlite3_prepare_v2(db, "SELECT name FROM pragma_table_info(?1) ORDER BY cid", -1, &ti,
	                       NULL) != SQLITE_OK) {
		rc = GEO_ERROR(e->ctx, GEO_ERR_DB, "%s: %s", what, sqlite3_errmsg(db));
		goto out;
	}
	sqlite3_bind_text(ti, 1, table, -1, SQLITE_STATIC);
	if (geo_buf_adds(&b, "SELECT ") != GEO_OK)
		goto limit;
	while (sqlite3_step(ti) == SQLITE_ROW) {
		const char *c = (const char *)sqlite3_column_text(ti, 0);
		if (gcol[0] && ci_equal(c, gcol))
			continue;
		if (expand_attrs && strcmp(c, "attrs") == 0) {
			has_attrs = 1;
			continue;
		}
		has_lon |= strcmp(c, "lon") == 0;
		has_lat |= strcmp(c, "lat") == 0;
		if ((ncol++ && geo_buf_adds(&b, ", ") != GEO_OK) || geo_buf_addc(&b, '"') != GEO_OK)
			goto limit;
		for (const char *p = c; *p; p++)
			if ((*p == '"' && geo_buf_addc(&b, '"') != GEO_OK) || geo_buf_addc(&b, *p) != GEO_OK)
				goto limit;
		if (geo_buf_addc(&b, '"') != GEO_OK)
			goto limit;
	}
	if (ncol == 0) {
		rc = GEO_ERROR(e->ctx, GEO_ERR_NOTFOUND, "%s: table %s has no columns", what, table);
		goto out;
	}
	if (has_attrs && geo_buf_adds(&b, ", attrs") != GEO_OK)
		goto limit;
	if (gcol[0]) {
		if (geo_buf_addf(&b, ", AsBinary(\"%s\")", gcol) != GEO_OK)
			goto limit;
	} else if (has_lon && has_lat) {
		if (geo_buf_adds(&b, ", CASE WHEN lon IS NULL OR lat IS NULL THEN NULL ELSE"
		                     " AsBinary(MakePoint(lon, lat, 4326)) END") != GEO_OK)
			goto limit;
		gt = wkbPoint;
	}
	if (geo_buf_addf(&b, " FROM \"%s\"%s%s", table, order ? " ORDER BY " : "", order ? order : "") != GEO_OK)
		goto limit;
	s->what = what;
	s->db = db;
	s->attrs_col = has_attrs ? ncol : -1;
	s->wkb_col = (gcol[0] || (has_lon && has_lat)) ? ncol + has_attrs : -1;
	s->gtype = gt;
	if (!(s->sql = geo_buf_take(&b)))
		rc = GEO_ERROR(e->ctx, GEO_ERR_NOMEM, "out of memory preparing the export");
	goto out;
limit:
	rc = GEO_ERROR(e->ctx, GEO_ERR_LIMIT, "%s: table %s: the query is too long", what, table);
out:
	sqlite3_finalize(ti);
	geo_buf_free(&b);
	return rc;
}

/* The base layers as tables of an in-memory database (WKB blobs), built
 * from the gazetteer's polygons and the zone definitions. */
static enum geo_status build_base_db(struct ex *e)
{
	geo_ctx *ctx = e->ctx;
	GEOSContextHandle_t h = geo_ctx_geos(ctx);
	geo_base *base = NULL;
	geo_zones *zones = NULL;
	GEOSWKBWriter *wr = NULL;
	sqlite3_stmt *ins = NULL;
	enum geo_status rc = GEO_OK;
	const GEOSGeometry *country;

	if (e->base_db)
		return GEO_OK;
	if (!e->o->gazetteer_path || access(e->o->gazetteer_path, R_OK) != 0)
		return GEO_ERROR(ctx, GEO_ERR_NOTFOUND,
		                 "%s: no gazetteer (build it with `strikemap gazetteer build`)",
		                 e->o->gazetteer_path ? e->o->gazetteer_path : "(none given)");
	base = geo_base_load(ctx, e->o->gazetteer_path,
	                     1u << GEO_ADMIN_GOVERNORATE | 1u << GEO_ADMIN_SUBDISTRICT);
	if (!base)
		return geo_ctx_error_code(ctx);
	if (!(zones = geo_zones_load(ctx, base))) {
		rc = geo_ctx_error_code(ctx);
		goto out;
	}
	if (!(country = geo_base_country(ctx, base))) {
		rc = geo_ctx_error_code(ctx);
		goto out;
	}
	if (sqlite3_open(":memory:", &e->base_db) != SQLITE_OK) {
		rc = GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory building the base layers");
		goto out;
	}
	if (sqlite3_exec(e->base_db,
	        "CREATE TABLE governorates (pcode TEXT, name_en TEXT, name_ar TEXT, wkb BLOB);"
	        "CREATE TABLE subdistricts (pcode TEXT, name_en TEXT, name_ar TEXT,"
	        " admin1_pcode TEXT, governorate TEXT, zone TEXT, wkb BLOB);"
	        "CREATE TABLE zones (zone_id TEXT, name TEXT, approximate INTEGER,"
	        " n_subdistricts INTEGER, subdistricts TEXT, source TEXT, wkb BLOB);"
	        "CREATE TABLE country (name_en TEXT, name_ar TEXT, pcode TEXT, wkb BLOB);",
	        NULL, NULL, NULL) != SQLITE_OK) {
		rc = GEO_ERROR(ctx, GEO_ERR_DB, "base layers: %s", sqlite3_errmsg(e->base_db));
		goto out;
	}
	wr = GEOSWKBWriter_create_r(h);
	if (!wr) {
		rc = GEO_ERROR(ctx, GEO_ERR_GEOS, "base layers: GEOS could not make a WKB writer");
		goto out;
	}
	GEOSWKBWriter_setByteOrder_r(h, wr, GEOS_WKB_NDR);
#define PUT_WKB(stmt, idx, g)                                                               \
	do {                                                                                    \
		size_t wl;                                                                          \
		unsigned char *w = GEOSWKBWriter_write_r(h, wr, (g), &wl);                          \
		if (!w) {                                                                           \
			rc = GEO_ERROR(ctx, GEO_ERR_GEOS, "base layers: GEOS could not write WKB");     \
			goto out;                                                                       \
		}                                                                                   \
		sqlite3_bind_blob((stmt), (idx), w, (int)wl, SQLITE_TRANSIENT);                     \
		GEOSFree_r(h, w);                                                                   \
	} while (0)
#define STEP(stmt)                                                                          \
	do {                                                                                    \
		if (sqlite3_step(stmt) != SQLITE_DONE) {                                            \
			rc = GEO_ERROR(ctx, GEO_ERR_DB, "base layers: %s", sqlite3_errmsg(e->base_db)); \
			goto out;                                                                       \
		}                                                                                   \
		sqlite3_reset(stmt);                                                                \
	} while (0)

	if (sqlite3_prepare_v2(e->base_db, "INSERT INTO governorates VALUES (?1,?2,?3,?4)", -1, &ins,
	                       NULL) != SQLITE_OK)
		goto dberr;
	for (size_t i = 0; i < geo_base_count(base, GEO_ADMIN_GOVERNORATE); i++) {
		const struct geo_base_area *a = geo_base_get(base, GEO_ADMIN_GOVERNORATE, i);
		sqlite3_bind_text(ins, 1, a->pcode, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 2, a->name_en, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 3, a->name_ar, -1, SQLITE_STATIC);
		PUT_WKB(ins, 4, a->geom);
		STEP(ins);
	}
	sqlite3_finalize(ins);
	if (sqlite3_prepare_v2(e->base_db, "INSERT INTO subdistricts VALUES (?1,?2,?3,?4,?5,?6,?7)",
	                       -1, &ins, NULL) != SQLITE_OK)
		goto dberr;
	for (size_t i = 0; i < geo_base_count(base, GEO_ADMIN_SUBDISTRICT); i++) {
		const struct geo_base_area *a = geo_base_get(base, GEO_ADMIN_SUBDISTRICT, i);
		const struct geo_base_area *gov = a->admin1_pcode ? geo_base_find(base, a->admin1_pcode) : NULL;
		const char *zone = NULL;
		for (size_t z = 0; z < geo_zones_count(zones) && !zone; z++) {
			const struct geo_zone *zz = geo_zones_get(zones, z);
			for (size_t k = 0; k < zz->n_pcodes; k++)
				if (strcmp(zz->pcodes[k], a->pcode) == 0)
					zone = zz->id;
		}
		sqlite3_bind_text(ins, 1, a->pcode, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 2, a->name_en, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 3, a->name_ar, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 4, a->admin1_pcode, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 5, gov ? gov->name_en : NULL, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 6, zone, -1, SQLITE_STATIC);
		PUT_WKB(ins, 7, a->geom);
		STEP(ins);
	}
	sqlite3_finalize(ins);
	if (sqlite3_prepare_v2(e->base_db, "INSERT INTO zones VALUES (?1,?2,1,?3,?4,?5,?6)", -1, &ins,
	                       NULL) != SQLITE_OK)
		goto dberr;
	for (size_t z = 0; z < geo_zones_count(zones); z++) {
		const struct geo_zone *zz = geo_zones_get(zones, z);
		geo_buf list;
		geo_buf_init(&list, 1 << 16);
		for (size_t k = 0; k < zz->n_pcodes; k++)
			if (geo_buf_addf(&list, "%s%s", k ? " " : "", zz->pcodes[k]) != GEO_OK) {
				geo_buf_free(&list);
				rc = GEO_ERROR(ctx, GEO_ERR_LIMIT, "zone %s: too many sub-districts", zz->id);
				goto out;
			}
		sqlite3_bind_text(ins, 1, zz->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 2, zz->name, -1, SQLITE_STATIC);
		sqlite3_bind_int64(ins, 3, (sqlite3_int64)zz->n_pcodes);
		sqlite3_bind_text(ins, 4, geo_buf_str(&list), -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ins, 5, GEO_ZONES_SOURCE, -1, SQLITE_STATIC);
		geo_buf_free(&list);
		PUT_WKB(ins, 6, zz->geom);
		STEP(ins);
	}
	sqlite3_finalize(ins);
	if (sqlite3_prepare_v2(e->base_db, "INSERT INTO country VALUES ('Syria', 'سوريا', 'SY', ?1)",
	                       -1, &ins, NULL) != SQLITE_OK)
		goto dberr;
	PUT_WKB(ins, 1, country);
	STEP(ins);
	goto out;
#undef PUT_WKB
#undef STEP
dberr:
	rc = GEO_ERROR(ctx, GEO_ERR_DB, "base layers: %s", sqlite3_errmsg(e->base_db));
out:
	sqlite3_finalize(ins);
	if (wr)
		GEOSWKBWriter_destroy_r(h, wr);
	geo_zones_free(ctx, zones);
	geo_base_free(ctx, base);
	if (rc != GEO_OK && e->base_db) {
		sqlite3_close_v2(e->base_db);
		e->base_db = NULL;
	}
	return rc;
}

/* Fill `s` for a named layer. *absent is set when the layer's source does
 * not exist (and the error is set). */
static enum geo_status layer_source(struct ex *e, const char *layer, struct src *s, int *absent)
{
	enum geo_status rc;
	*absent = 0;
	memset(s, 0, sizeof *s);
	s->wkb_col = s->attrs_col = -1;
	if (strcmp(layer, "incidents") == 0) {
		if ((rc = open_store(e)) != GEO_OK)
			return rc;
		return table_source(e, geo_store_db(e->store), e->o->db_path, "incidents", 1,
		                    "date, time IS NULL, time, id", s);
	}
	if (strcmp(layer, "sequences") == 0 || strcmp(layer, "repeats") == 0 ||
	    strcmp(layer, "sequence_members") == 0 || strcmp(layer, "repeat_members") == 0) {
		if ((rc = open_store(e)) != GEO_OK)
			return rc;
		if (!table_exists(geo_store_db(e->store), layer)) {
			*absent = 1;
			return GEO_ERROR(e->ctx, GEO_ERR_NOTFOUND, "%s: no %s in the store: run strikemap %s first",
			                 e->o->db_path, layer, layer[0] == 's' ? "sequences" : "repeats");
		}
		return table_source(e, geo_store_db(e->store), e->o->db_path, layer, 0, "1", s);
	}
	if (strcmp(layer, "facilities") == 0) {
		if ((rc = open_store(e)) != GEO_OK)
			return rc;
		if (table_exists(geo_store_db(e->store), "facilities"))
			return table_source(e, geo_store_db(e->store), e->o->db_path, "facilities", 1, "1", s);
		if (open_gazetteer(e) == GEO_OK && table_exists(e->gaz_db, "facilities")) {
			/* The registry knows most facilities only by their town: draw
			 * those at the town's point and say so in location_precision,
			 * never as if the point were the building. */
			static const char *const view =
				"CREATE TEMP VIEW IF NOT EXISTS facilities_located AS"
				" SELECT f.id, f.name, f.type, f.town_pcode,"
				"  (SELECT p.name_en FROM places p WHERE p.pcode = f.town_pcode ORDER BY p.id LIMIT 1) AS town,"
				"  f.aliases, f.note,"
				"  CASE WHEN f.lon IS NOT NULL AND f.lat IS NOT NULL THEN 'point'"
				"   WHEN (SELECT p.lon FROM places p WHERE p.pcode = f.town_pcode ORDER BY p.id LIMIT 1)"
				"        IS NOT NULL THEN 'community' END AS location_precision,"
				"  coalesce(f.lon, (SELECT p.lon FROM places p WHERE p.pcode = f.town_pcode ORDER BY p.id LIMIT 1)) AS lon,"
				"  coalesce(f.lat, (SELECT p.lat FROM places p WHERE p.pcode = f.town_pcode ORDER BY p.id LIMIT 1)) AS lat"
				" FROM facilities f";
			char *err = NULL;
			if (sqlite3_exec(e->gaz_db, view, NULL, NULL, &err) != SQLITE_OK) {
				rc = GEO_ERROR(e->ctx, GEO_ERR_DB, "%s: facilities: %s", e->o->gazetteer_path,
				               err ? err : sqlite3_errmsg(e->gaz_db));
				sqlite3_free(err);
				return rc;
			}
			return table_source(e, e->gaz_db, e->o->gazetteer_path, "facilities_located", 1, "id",
			                    s);
		}
		geo_ctx_clear_error(e->ctx);
		*absent = 1;
		return GEO_ERROR(e->ctx, GEO_ERR_NOTFOUND,
		                 "no facilities table in the store (%s) or the gazetteer (%s): the facility"
		                 " registry is built with the gazetteer", e->o->db_path,
		                 e->o->gazetteer_path ? e->o->gazetteer_path : "none");
	}
	/* base layers */
	if ((rc = build_base_db(e)) != GEO_OK) {
		*absent = rc == GEO_ERR_NOTFOUND;
		return rc;
	}
	s->what = "base layers";
	s->db = e->base_db;
	s->gtype = wkbMultiPolygon;
	if (strcmp(layer, "governorates") == 0) {
		s->sql = geo_strdup("SELECT pcode, name_en, name_ar, wkb FROM governorates ORDER BY pcode");
		s->wkb_col = 3;
	} else if (strcmp(layer, "subdistricts") == 0) {
		s->sql = geo_strdup("SELECT pcode, name_en, name_ar, admin1_pcode, governorate, zone, wkb"
		                    " FROM subdistricts ORDER BY pcode");
		s->wkb_col = 6;
	} else if (strcmp(layer, "zones") == 0) {
		s->sql = geo_strdup("SELECT zone_id, name, approximate, n_subdistricts, subdistricts,"
		                    " source, wkb FROM zones ORDER BY rowid");
		s->wkb_col = 6;
	} else if (strcmp(layer, "country") == 0) {
		s->sql = geo_strdup("SELECT name_en, name_ar, pcode, wkb FROM country");
		s->wkb_col = 3;
	} else {
		return GEO_ERROR(e->ctx, GEO_ERR_INVALID, "unknown layer \"%s\"", layer);
	}
	if (!s->sql)
		return GEO_ERROR(e->ctx, GEO_ERR_NOMEM, "out of memory preparing the export");
	return GEO_OK;
}

/* ---- writing ----------------------------------------------------------- */

static int src_col(const struct src *s, sqlite3_stmt *st, const char *name)
{
	(void)s;
	for (int i = 0; i < sqlite3_column_count(st); i++)
		if (strcmp(sqlite3_column_name(st, i), name) == 0)
			return i;
	return -1;
}

/* The KML description: the incident's facts as an HTML table. */
static enum geo_status kml_description(sqlite3_stmt *st, geo_buf *b)
{
	static const struct {
		const char *col, *label;
	} facts[] = {
		{"id", "Incident"},          {"date", "Date"},           {"time", "Time"},
		{"place_text", "Place (as reported)"}, {"place_name", "Located at"},
		{"precision_word", "Location precision"}, {"facility_name", "Facility"},
		{"facility_type", "Facility type"}, {"perpetrator", "Perpetrator"},
		{"perpetrator_class", "Perpetrator class"}, {"weapon", "Weapon"},
		{"killed", "Killed"},        {"injured", "Injured"},     {"damage", "Damage"},
		{"control", "Control"},      {"zone", "De-escalation zone (approximate)"},
		{"source", "Source"},        {"notes", "Notes"},
	};
	geo_buf_reset(b);
	if (geo_buf_adds(b, "<table>") != GEO_OK)
		return GEO_ERR_LIMIT;
	for (size_t i = 0; i < sizeof facts / sizeof facts[0]; i++) {
		int c = src_col(NULL, st, facts[i].col);
		const char *v = c >= 0 ? (const char *)sqlite3_column_text(st, c) : NULL;
		if (!v || !*v)
			continue;
		if (geo_buf_addf(b, "<tr><th align=\"left\">%s</th><td>", facts[i].label) != GEO_OK ||
		    geo_buf_add_xml_str(b, v) != GEO_OK || geo_buf_adds(b, "</td></tr>") != GEO_OK)
			return GEO_ERR_LIMIT;
	}
	return geo_buf_adds(b, "</table>");
}

/* Cut `t` to at most `max` bytes without splitting a UTF-8 character. */
static size_t utf8_cut(const char *t, size_t n, size_t max)
{
	if (n <= max)
		return n;
	n = max;
	while (n > 0 && ((unsigned char)t[n] & 0xC0) == 0x80)
		n--;
	return n;
}

static void set_text(struct ex *e, OGRFeatureH f, struct col *c, const char *t, size_t n,
                     struct geo_export_count *cnt)
{
	char *cut;
	if (e->o->format == GEO_EXPORT_SHP && n > 254) {
		size_t k = utf8_cut(t, n, 254);
		cnt->truncated++;
		/* keep the whole value beside the shapefile: id, field, full text */
		if (geo_buf_add_csv_field(&e->long_vals, e->cur_id ? e->cur_id : "") != GEO_OK ||
		    geo_buf_addc(&e->long_vals, ',') != GEO_OK ||
		    geo_buf_add_csv_field(&e->long_vals, c->out ? c->out : c->name) != GEO_OK ||
		    geo_buf_addc(&e->long_vals, ',') != GEO_OK ||
		    geo_buf_add_csv_field(&e->long_vals, c->kind == COL_ATTR ? c->key : c->name) != GEO_OK ||
		    geo_buf_addc(&e->long_vals, ',') != GEO_OK ||
		    geo_buf_add_csv_field(&e->long_vals, t) != GEO_OK ||
		    geo_buf_addc(&e->long_vals, '\n') != GEO_OK)
			e->long_vals_failed = 1;
		cut = geo_strndup(t, k);
		if (cut) {
			OGR_F_SetFieldString(f, c->ogr, cut);
			free(cut);
			return;
		}
	}
	OGR_F_SetFieldString(f, c->ogr, t);
}

static void set_sql_value(struct ex *e, OGRFeatureH f, struct col *c, sqlite3_stmt *st,
                          struct geo_export_count *cnt)
{
	int i = c->src;
	if (sqlite3_column_type(st, i) == SQLITE_NULL) {
		OGR_F_SetFieldNull(f, c->ogr);
		return;
	}
	switch (c->type) {
	case OFTInteger:
		OGR_F_SetFieldInteger(f, c->ogr, sqlite3_column_int(st, i));
		break;
	case OFTInteger64:
		OGR_F_SetFieldInteger64(f, c->ogr, sqlite3_column_int64(st, i));
		break;
	case OFTReal:
		OGR_F_SetFieldDouble(f, c->ogr, sqlite3_column_double(st, i));
		break;
	case OFTDate: {
		const char *t = (const char *)sqlite3_column_text(st, i);
		OGR_F_SetFieldDateTime(f, c->ogr, atoi(t), atoi(t + 5), atoi(t + 8), 0, 0, 0, 0);
		break;
	}
	default:
		if (sqlite3_column_type(st, i) == SQLITE_BLOB) {
			const unsigned char *p = sqlite3_column_blob(st, i);
			int n = sqlite3_column_bytes(st, i);
			char *hex = geo_malloc((size_t)n * 2 + 1);
			if (hex) {
				for (int k = 0; k < n; k++)
					snprintf(hex + 2 * k, 3, "%02x", p[k]);
				set_text(e, f, c, hex, (size_t)n * 2, cnt);
				free(hex);
			}
		} else {
			set_text(e, f, c, (const char *)sqlite3_column_text(st, i),
			         (size_t)sqlite3_column_bytes(st, i), cnt);
		}
	}
}

static enum geo_status add_id(struct ex *e, struct geo_export_count *cnt, geo_buf *ids,
                              const char *id)
{
	(void)cnt;
	if ((geo_buf_len(ids) && geo_buf_adds(ids, ", ") != GEO_OK) ||
	    geo_buf_adds(ids, id ? id : "?") != GEO_OK)
		return GEO_ERROR(e->ctx, GEO_ERR_LIMIT, "too many unwritten ids to list");
	return GEO_OK;
}

static const char *ogr_type_name(OGRFieldType t)
{
	switch (t) {
	case OFTInteger: return "integer";
	case OFTInteger64: return "integer64";
	case OFTReal: return "real";
	case OFTDate: return "date";
	default: return "string";
	}
}

/* The shapefile's field-name table: DEST without .shp + ".fields.csv". */
static enum geo_status write_sidecar(struct ex *e, const struct src *s, const char *shp,
                                     struct geo_export_count *cnt)
{
	geo_buf b, path;
	FILE *f = NULL;
	enum geo_status rc = GEO_OK;
	size_t n = strlen(shp);
	geo_buf_init(&b, GEO_BUF_DEFAULT_CAP);
	geo_buf_init(&path, 8192);
	if (n > 4 && ci_equal(shp + n - 4, ".shp"))
		n -= 4;
	if (geo_buf_add(&path, shp, n) != GEO_OK || geo_buf_adds(&path, ".fields.csv") != GEO_OK ||
	    geo_buf_adds(&b, "short_name,full_name,type,origin\n") != GEO_OK) {
		rc = GEO_ERROR(e->ctx, GEO_ERR_LIMIT, "%s: path too long", shp);
		goto out;
	}
	for (size_t i = 0; i < s->ncols; i++) {
		const struct col *c = &s->cols[i];
		const char *origin = c->kind == COL_ATTR ? "input column (attrs)"
		                     : c->kind == COL_SQL ? "store column"
		                                          : "derived";
		if (geo_buf_add_csv_field(&b, c->out) != GEO_OK || geo_buf_addc(&b, ',') != GEO_OK ||
		    geo_buf_add_csv_field(&b, c->kind == COL_ATTR ? c->key : c->name) != GEO_OK ||
		    geo_buf_addf(&b, ",%s,%s\n", ogr_type_name(c->type), origin) != GEO_OK) {
			rc = GEO_ERROR(e->ctx, GEO_ERR_LIMIT, "%s: field table too long", shp);
			goto out;
		}
	}
	f = fopen(geo_buf_str(&path), "w");
	if (!f || fwrite(geo_buf_str(&b), 1, geo_buf_len(&b), f) != geo_buf_len(&b)) {
		rc = GEO_ERROR(e->ctx, GEO_ERR_IO, "%s: cannot write: %s", geo_buf_str(&path),
		               strerror(errno));
		goto out;
	}
	if (fclose(f) != 0) {
		f = NULL;
		rc = GEO_ERROR(e->ctx, GEO_ERR_IO, "%s: cannot write: %s", geo_buf_str(&path),
		               strerror(errno));
		goto out;
	}
	f = NULL;
	cnt->sidecar = geo_buf_take(&path);
	if (!cnt->sidecar)
		rc = GEO_ERROR(e->ctx, GEO_ERR_NOMEM, "out of memory");
out:
	if (f)
		fclose(f);
	geo_buf_free(&b);
	geo_buf_free(&path);
	return rc;
}

/* The full text of the values the DBF cut: DEST without .shp +
 * ".long_values.csv" (id, short_name, full_name, value). */
static enum geo_status write_long_values(struct ex *e, struct geo_export_count *cnt)
{
	geo_buf path;
	FILE *f = NULL;
	enum geo_status rc = GEO_OK;
	const char *shp = e->o->dest;
	size_t n = strlen(shp);
	static const char head[] = "id,short_name,full_name,value\n";
	geo_buf_init(&path, 8192);
	if (n > 4 && ci_equal(shp + n - 4, ".shp"))
		n -= 4;
	if (geo_buf_add(&path, shp, n) != GEO_OK || geo_buf_adds(&path, ".long_values.csv") != GEO_OK) {
		rc = GEO_ERROR(e->ctx, GEO_ERR_LIMIT, "%s: path too long", shp);
		goto out;
	}
	f = fopen(geo_buf_str(&path), "w");
	if (!f || fwrite(head, 1, sizeof head - 1, f) != sizeof head - 1 ||
	    fwrite(geo_buf_str(&e->long_vals), 1, geo_buf_len(&e->long_vals), f) !=
	        geo_buf_len(&e->long_vals)) {
		rc = GEO_ERROR(e->ctx, GEO_ERR_IO, "%s: cannot write: %s", geo_buf_str(&path),
		               strerror(errno));
		goto out;
	}
	if (fclose(f) != 0) {
		f = NULL;
		rc = GEO_ERROR(e->ctx, GEO_ERR_IO, "%s: cannot write: %s", geo_buf_str(&path),
		               strerror(errno));
		goto out;
	}
	f = NULL;
	if (!(cnt->long_values = geo_buf_take(&path)))
		rc = GEO_ERROR(e->ctx, GEO_ERR_NOMEM, "out of memory");
out:
	if (f)
		fclose(f);
	geo_buf_free(&path);
	return rc;
}

/* Create one OGR layer with the source's fields. */
static OGRLayerH create_layer(struct ex *e, struct src *s, const char *name,
                              OGRwkbGeometryType gtype, enum geo_status *rc)
{
	char **lco = NULL;
	OGRLayerH lay;
	*rc = GEO_OK;
	switch (e->o->format) {
	case GEO_EXPORT_GEOJSON:
		lco = CSLSetNameValue(lco, "RFC7946", "YES");
		lco = CSLSetNameValue(lco, "COORDINATE_PRECISION", "6");
		break;
	case GEO_EXPORT_SHP:
		lco = CSLSetNameValue(lco, "ENCODING", "UTF-8");
		break;
	case GEO_EXPORT_GPKG:
		lco = CSLSetNameValue(lco, "OVERWRITE", "YES");
		lco = CSLSetNameValue(lco, "GEOMETRY_NAME", "geom");
		lco = CSLSetNameValue(lco, "FID", "fid");
		break;
	case GEO_EXPORT_CSV:
		if (e->o->csv_wkt)
			lco = CSLSetNameValue(lco, "GEOMETRY", "AS_WKT");
		lco = CSLSetNameValue(lco, "CREATE_CSVT", "YES");
		lco = CSLSetNameValue(lco, "STRING_QUOTING", "IF_NEEDED");
		break;
	case GEO_EXPORT_POSTGIS:
		lco = CSLSetNameValue(lco, "OVERWRITE", "YES");
		lco = CSLSetNameValue(lco, "GEOMETRY_NAME", "geom");
		lco = CSLSetNameValue(lco, "SPATIAL_INDEX", "GIST");
		lco = CSLSetNameValue(lco, "PRECISION", "NO");
		lco = CSLSetNameValue(lco, "LAUNDER", "NO"); /* column names exactly as in the store */
		lco = CSLSetNameValue(lco, "FID", "ogc_fid");
		break;
	case GEO_EXPORT_KML:
		break; /* streamed by kml_placemark() */
	}
	e->sink->last[0] = '\0';
	lay = GDALDatasetCreateLayer(e->ds, name, gtype == wkbNone ? NULL : e->srs, gtype, lco);
	CSLDestroy(lco);
	if (!lay) {
		*rc = gdal_fail(e, "cannot create the layer");
		return NULL;
	}
	for (size_t i = 0; i < s->ncols; i++) {
		struct col *c = &s->cols[i];
		OGRFieldDefnH fd = OGR_Fld_Create(c->out ? c->out : c->name, c->type);
		if (e->o->format == GEO_EXPORT_SHP && c->type == OFTString)
			OGR_Fld_SetWidth(fd, (int)(c->maxlen < 1 ? 1 : c->maxlen > 254 ? 254 : c->maxlen));
		if (e->o->format == GEO_EXPORT_SHP && c->type == OFTReal) {
			OGR_Fld_SetWidth(fd, 24);
			OGR_Fld_SetPrecision(fd, 15);
		}
		if (OGR_L_CreateField(lay, fd, e->o->format == GEO_EXPORT_POSTGIS) != OGRERR_NONE) {
			OGR_Fld_Destroy(fd);
			*rc = gdal_fail(e, c->name);
			return NULL;
		}
		OGR_Fld_Destroy(fd);
		/* by position: drivers may launder names (PostGIS) or have fields of
		 * their own (KML's Name and Description) */
		c->ogr = OGR_FD_GetFieldCount(OGR_L_GetLayerDefn(lay)) - 1;
	}
	return lay;
}

/* ---- KML -----------------------------------------------------------------
 * GDAL's LIBKML driver builds the whole document in memory and serialises
 * it in time quadratic in its size (1,000 placemarks: 47 s), and the KML
 * driver writes no styles; so the KML is streamed here, one placemark at a
 * time: shared styles per perpetrator class, a Folder per facility type,
 * the facts as an HTML description, every field as ExtendedData/Data, and
 * the geometry serialised by OGR (OGR_G_ExportToKML). */

static enum geo_status kml_flush(struct ex *e)
{
	size_t n = geo_buf_len(&e->kml_buf);
	if (n && fwrite(geo_buf_str(&e->kml_buf), 1, n, e->kml) != n)
		return GEO_ERROR(e->ctx, GEO_ERR_IO, "%s: cannot write: %s", e->o->dest, strerror(errno));
	geo_buf_reset(&e->kml_buf);
	return GEO_OK;
}

static enum geo_status kml_open(struct ex *e)
{
	geo_buf *b = &e->kml_buf;
	e->kml = fopen(e->o->dest, "w");
	if (!e->kml)
		return GEO_ERROR(e->ctx, GEO_ERR_IO, "%s: cannot create: %s", e->o->dest, strerror(errno));
	if (geo_buf_adds(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	                    "<kml xmlns=\"http://www.opengis.net/kml/2.2\">\n<Document>\n"
	                    "<name>strikemap</name>\n") != GEO_OK)
		goto limit;
	/* one icon style per perpetrator class: KML colours are aabbggrr */
	for (size_t i = 0; GEO_PERPETRATOR_CLASSES[i]; i++) {
		char h[8];
		snprintf(h, sizeof h, "%s", geo_export_perp_colour(GEO_PERPETRATOR_CLASSES[i]));
		for (char *p = h; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		if (geo_buf_addf(b, "<Style id=\"perp_%s\"><IconStyle><color>ff%.2s%.2s%.2s</color>"
		                    "<scale>1.1</scale><Icon><href>%s</href></Icon></IconStyle>"
		                    "<LabelStyle><scale>0</scale></LabelStyle></Style>\n",
		                 GEO_PERPETRATOR_CLASSES[i], h + 5, h + 3, h + 1, KML_ICON) != GEO_OK)
			goto limit;
	}
	if (geo_buf_adds(b, "<Style id=\"area\"><LineStyle><color>ff333333</color><width>2</width>"
	                    "</LineStyle><PolyStyle><color>400099ff</color></PolyStyle></Style>\n") != GEO_OK)
		goto limit;
	return kml_flush(e);
limit:
	return GEO_ERROR(e->ctx, GEO_ERR_LIMIT, "%s: KML header too long", e->o->dest);
}

static enum geo_status kml_folder(struct ex *e, const char *name, int open)
{
	if (open) {
		if (geo_buf_adds(&e->kml_buf, "<Folder><name>") != GEO_OK ||
		    geo_buf_add_xml_str(&e->kml_buf, name) != GEO_OK ||
		    geo_buf_adds(&e->kml_buf, "</name>\n") != GEO_OK)
			return GEO_ERROR(e->ctx, GEO_ERR_LIMIT, "%s: folder name too long", e->o->dest);
	} else if (geo_buf_adds(&e->kml_buf, "</Folder>\n") != GEO_OK) {
		return GEO_ERROR(e->ctx, GEO_ERR_LIMIT, "%s: KML too long", e->o->dest);
	}
	return kml_flush(e);
}

static enum geo_status kml_close(struct ex *e, int ok)
{
	enum geo_status rc = GEO_OK;
	if (!e->kml)
		return GEO_OK;
	if (ok && (geo_buf_adds(&e->kml_buf, "</Document>\n</kml>\n") != GEO_OK ||
	           (rc = kml_flush(e)) != GEO_OK))
		rc = rc ? rc : GEO_ERROR(e->ctx, GEO_ERR_LIMIT, "%s: KML too long", e->o->dest);
	if (fclose(e->kml) != 0 && ok && rc == GEO_OK)
		rc = GEO_ERROR(e->ctx, GEO_ERR_IO, "%s: cannot write: %s", e->o->dest, strerror(errno));
	e->kml = NULL;
	return rc;
}

/* One placemark from an assembled feature: name and description from the
 * fields of those names, every other field as Data. `perp`: the class for
 * the style, NULL for a layer without perpetrators (areas, analyses). */
static enum geo_status kml_placemark(struct ex *e, OGRFeatureH f, const char *perp)
{
	geo_buf *b = &e->kml_buf;
	OGRFeatureDefnH d = OGR_F_GetDefnRef(f);
	OGRGeometryH g = OGR_F_GetGeometryRef(f);
	char *gk = NULL;
	enum geo_status rc = GEO_OK;
	int n = OGR_FD_GetFieldCount(d);
	int ni = OGR_FD_GetFieldIndex(d, "name"), di = OGR_FD_GetFieldIndex(d, "description");
	if (geo_buf_adds(b, "<Placemark><name>") != GEO_OK ||
	    (ni >= 0 && geo_buf_add_xml_str(b, OGR_F_GetFieldAsString(f, ni)) != GEO_OK) ||
	    geo_buf_adds(b, "</name>\n<description>") != GEO_OK ||
	    (di >= 0 && geo_buf_add_xml_str(b, OGR_F_GetFieldAsString(f, di)) != GEO_OK) ||
	    geo_buf_adds(b, "</description>\n") != GEO_OK)
		goto limit;
	if (perp ? geo_buf_addf(b, "<styleUrl>#perp_%s</styleUrl>\n", geo_perpetrator_class_valid(perp) ? perp : "unknown") != GEO_OK
	         : (g && wkbFlatten(OGR_G_GetGeometryType(g)) != wkbPoint &&
	            geo_buf_adds(b, "<styleUrl>#area</styleUrl>\n") != GEO_OK))
		goto limit;
	if (geo_buf_adds(b, "<ExtendedData>") != GEO_OK)
		goto limit;
	for (int i = 0; i < n; i++) {
		if (i == ni || i == di || !OGR_F_IsFieldSetAndNotNull(f, i))
			continue;
		if (geo_buf_adds(b, "<Data name=\"") != GEO_OK ||
		    geo_buf_add_xml_str(b, OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(d, i))) != GEO_OK ||
		    geo_buf_adds(b, "\"><value>") != GEO_OK ||
		    geo_buf_add_xml_str(b, OGR_F_GetFieldAsString(f, i)) != GEO_OK ||
		    geo_buf_adds(b, "</value></Data>") != GEO_OK)
			goto limit;
	}
	if (geo_buf_adds(b, "</ExtendedData>\n") != GEO_OK)
		goto limit;
	if (g) {
		gk = OGR_G_ExportToKML(g, NULL);
		if (!gk) {
			rc = GEO_ERROR(e->ctx, GEO_ERR_GDAL, "%s: a geometry could not be written as KML",
			               e->o->dest);
			goto out;
		}
		if (geo_buf_adds(b, gk) != GEO_OK)
			goto limit;
	}
	if (geo_buf_adds(b, "</Placemark>\n") != GEO_OK)
		goto limit;
	rc = kml_flush(e);
	goto out;
limit:
	rc = GEO_ERROR(e->ctx, GEO_ERR_LIMIT, "%s: a placemark is too long", e->o->dest);
out:
	CPLFree(gk);
	return rc;
}

/* The field definitions of `s` for the KML stream (no OGR layer). */
static OGRFeatureDefnH kml_defn(struct src *s)
{
	OGRFeatureDefnH d = OGR_FD_Create("kml");
	OGR_FD_Reference(d);
	for (size_t i = 0; i < s->ncols; i++) {
		OGRFieldDefnH fd = OGR_Fld_Create(s->cols[i].name, s->cols[i].type);
		OGR_FD_AddFieldDefn(d, fd);
		OGR_Fld_Destroy(fd);
		s->cols[i].ogr = (int)i;
	}
	return d;
}

/* Write the rows of `s` into `lay`; when `only_type` is set (KML folders),
 * only rows of that facility type. */
static enum geo_status write_rows(struct ex *e, struct src *s, OGRLayerH lay, OGRFeatureDefnH defn,
                                  OGRwkbGeometryType gtype, const char *only_type,
                                  struct geo_export_count *cnt, geo_buf *unwritten)
{
	sqlite3_stmt *st = NULL;
	enum geo_status rc = GEO_OK;
	geo_buf desc;
	int step, kml = e->o->format == GEO_EXPORT_KML;
	int perp_col = -1, name_cols[3] = {-1, -1, -1};
	geo_buf_init(&desc, 1 << 20);

	if (sqlite3_prepare_v2(s->db, s->sql, -1, &st, NULL) != SQLITE_OK) {
		rc = GEO_ERROR(e->ctx, GEO_ERR_DB, "%s: %s", s->what, sqlite3_errmsg(s->db));
		goto out;
	}
	perp_col = src_col(s, st, "perpetrator_class");
	name_cols[0] = src_col(s, st, "facility_name");
	name_cols[1] = src_col(s, st, "place_text");
	name_cols[2] = src_col(s, st, "name_en");
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		OGRFeatureH f;
		OGRGeometryH g = NULL;
		const unsigned char *wkb = NULL;
		int wkb_len = 0;
		struct json_object *attrs = NULL;
		const char *id = s->id_col >= 0 ? (const char *)sqlite3_column_text(st, s->id_col) : NULL;
		e->cur_id = id;

		if (only_type) {
			const char *t = s->ftype_col >= 0 ? (const char *)sqlite3_column_text(st, s->ftype_col) : NULL;
			if (strcmp(t ? t : "other", only_type) != 0)
				continue;
		}
		if (s->wkb_col >= 0 && sqlite3_column_type(st, s->wkb_col) == SQLITE_BLOB) {
			wkb = sqlite3_column_blob(st, s->wkb_col);
			wkb_len = sqlite3_column_bytes(st, s->wkb_col);
		}
		if (!wkb && kml) {
			cnt->not_written++;
			if ((rc = add_id(e, cnt, unwritten, id)) != GEO_OK)
				goto out;
			continue;
		}
		f = OGR_F_Create(defn);
		if (!f) {
			rc = GEO_ERROR(e->ctx, GEO_ERR_NOMEM, "out of memory writing %s", e->o->dest);
			goto out;
		}
		if (wkb) {
			if (OGR_G_CreateFromWkb(wkb, e->srs, &g, wkb_len) != OGRERR_NONE) {
				OGR_F_Destroy(f);
				rc = GEO_ERROR(e->ctx, GEO_ERR_GDAL, "%s: row %s: unreadable geometry", s->what,
				               id ? id : "?");
				goto out;
			}
			if (gtype == wkbMultiPolygon &&
			    wkbFlatten(OGR_G_GetGeometryType(g)) == wkbPolygon)
				g = OGR_G_ForceToMultiPolygon(g);
		}
		if (s->attrs_col >= 0 && sqlite3_column_type(st, s->attrs_col) == SQLITE_TEXT)
			attrs = json_tokener_parse((const char *)sqlite3_column_text(st, s->attrs_col));
		for (size_t i = 0; i < s->ncols; i++) {
			struct col *c = &s->cols[i];
			struct json_object *v = NULL;
			switch (c->kind) {
			case COL_SQL:
				set_sql_value(e, f, c, st, cnt);
				break;
			case COL_ATTR:
				if (attrs && json_object_object_get_ex(attrs, c->key, &v) &&
				    !json_object_is_type(v, json_type_null)) {
					const char *t = json_object_get_string(v);
					set_text(e, f, c, t, strlen(t), cnt);
				} else {
					OGR_F_SetFieldNull(f, c->ogr);
				}
				break;
			case COL_LON:
			case COL_LAT:
				if (g && wkbFlatten(OGR_G_GetGeometryType(g)) == wkbPoint) {
					double x = c->kind == COL_LON ? OGR_G_GetX(g, 0) : OGR_G_GetY(g, 0);
					OGR_F_SetFieldDouble(f, c->ogr, round(x * 1e6) / 1e6);
				} else {
					OGR_F_SetFieldNull(f, c->ogr);
				}
				break;
			case COL_KML_NAME: {
				const char *n = NULL;
				for (int k = 0; k < 3 && !n; k++)
					if (name_cols[k] >= 0) {
						n = (const char *)sqlite3_column_text(st, name_cols[k]);
						if (n && !*n)
							n = NULL;
					}
				OGR_F_SetFieldString(f, c->ogr, n ? n : id ? id : s->what);
				break;
			}
			case COL_KML_DESC:
				if (kml_description(st, &desc) != GEO_OK) {
					json_object_put(attrs);
					OGR_F_Destroy(f);
					OGR_G_DestroyGeometry(g);
					rc = GEO_ERROR(e->ctx, GEO_ERR_LIMIT, "incident %s: description too long",
					               id ? id : "?");
					goto out;
				}
				OGR_F_SetFieldString(f, c->ogr, geo_buf_str(&desc));
				break;
			}
		}
		json_object_put(attrs);
		if (g && gtype == wkbNone) {
			OGR_G_DestroyGeometry(g); /* CSV lon/lat: the point is in the columns */
			g = NULL;
		}
		if (g && OGR_F_SetGeometryDirectly(f, g) != OGRERR_NONE) {
			OGR_F_Destroy(f);
			rc = gdal_fail(e, "cannot set a geometry");
			goto out;
		}
		e->sink->last[0] = '\0';
		if (kml) {
			const char *cls = perp_col >= 0 ? (const char *)sqlite3_column_text(st, perp_col) : NULL;
			if ((rc = kml_placemark(e, f, perp_col >= 0 ? (cls ? cls : "unknown") : NULL)) != GEO_OK) {
				OGR_F_Destroy(f);
				goto out;
			}
		} else if (OGR_L_CreateFeature(lay, f) != OGRERR_NONE) {
			OGR_F_Destroy(f);
			rc = gdal_fail(e, id ? id : "cannot write a feature");
			goto out;
		}
		OGR_F_Destroy(f);
		cnt->written++;
		if (!wkb)
			cnt->no_geom++;
	}
	if (step != SQLITE_DONE)
		rc = GEO_ERROR(e->ctx, GEO_ERR_DB, "%s: %s", s->what, sqlite3_errmsg(s->db));
out:
	sqlite3_finalize(st);
	geo_buf_free(&desc);
	return rc;
}

/* KML: the unlocated rows of a facility type that has no folder. */
static enum geo_status count_unlocated(struct ex *e, struct src *s, const char *type,
                                       struct geo_export_count *cnt, geo_buf *ids)
{
	sqlite3_stmt *st = NULL;
	enum geo_status rc = GEO_OK;
	int step;
	if (sqlite3_prepare_v2(s->db, s->sql, -1, &st, NULL) != SQLITE_OK)
		return GEO_ERROR(e->ctx, GEO_ERR_DB, "%s: %s", s->what, sqlite3_errmsg(s->db));
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, s->ftype_col);
		if (strcmp(t ? t : "other", type) != 0 || sqlite3_column_type(st, s->wkb_col) == SQLITE_BLOB)
			continue;
		cnt->not_written++;
		if ((rc = add_id(e, cnt, ids,
		                 s->id_col >= 0 ? (const char *)sqlite3_column_text(st, s->id_col) : NULL)) != GEO_OK)
			break;
	}
	if (rc == GEO_OK && step != SQLITE_DONE)
		rc = GEO_ERROR(e->ctx, GEO_ERR_DB, "%s: %s", s->what, sqlite3_errmsg(s->db));
	sqlite3_finalize(st);
	return rc;
}

static enum geo_status export_layer(struct ex *e, const char *layer, struct geo_export_count *cnt)
{
	struct src s;
	enum geo_status rc;
	int absent = 0;
	OGRLayerH lay;
	geo_buf ids;
	const char *out_name = e->o->table ? e->o->table : layer;
	geo_buf_init(&ids, 1 << 20);

	if (!(cnt->layer = geo_strdup(out_name))) {
		rc = GEO_ERROR(e->ctx, GEO_ERR_NOMEM, "out of memory");
		goto out0;
	}
	rc = layer_source(e, layer, &s, &absent);
	if (rc != GEO_OK) {
		if (absent && e->o->skip_missing) {
			geo_ctx_warn(e->ctx, "layer %s skipped: %s", layer, geo_ctx_error_message(e->ctx));
			geo_ctx_clear_error(e->ctx);
			cnt->skipped = 1;
			rc = GEO_OK;
		}
		goto out;
	}
	if (e->o->format == GEO_EXPORT_KML) {
		struct col *c;
		if (!(c = add_col(e->ctx, &s, COL_KML_NAME, "name")) ||
		    !(c = add_col(e->ctx, &s, COL_KML_DESC, "description"))) {
			rc = GEO_ERR_NOMEM;
			goto out;
		}
		/* they go first, so that they win the names */
		struct col tmp[2] = {s.cols[s.ncols - 2], s.cols[s.ncols - 1]};
		memmove(s.cols + 2, s.cols, (s.ncols - 2) * sizeof *s.cols);
		s.cols[0] = tmp[0];
		s.cols[1] = tmp[1];
	}
	if ((rc = prescan(e->ctx, &s)) != GEO_OK)
		goto out;
	if (e->o->format == GEO_EXPORT_CSV && !e->o->csv_wkt && s.wkb_col >= 0) {
		struct col tmp[2];
		if (!s.point_only) {
			rc = GEO_ERROR(e->ctx, GEO_ERR_INVALID,
			               "layer %s has %s geometries: CSV lon/lat columns hold points only;"
			               " use --geometry wkt", layer, "non-point");
			goto out;
		}
		if (!add_col(e->ctx, &s, COL_LON, "lon") || !add_col(e->ctx, &s, COL_LAT, "lat")) {
			rc = GEO_ERR_NOMEM;
			goto out;
		}
		tmp[0] = s.cols[s.ncols - 2];
		tmp[1] = s.cols[s.ncols - 1];
		memmove(s.cols + 2, s.cols, (s.ncols - 2) * sizeof *s.cols);
		s.cols[0] = tmp[0];
		s.cols[1] = tmp[1];
	}
	for (size_t i = 0; i < s.ncols; i++) {
		decide_type(&s.cols[i]);
		/* the CSV and KML drivers write dates as 2018/01/20: keep the ISO text */
		if ((e->o->format == GEO_EXPORT_CSV || e->o->format == GEO_EXPORT_KML) &&
		    s.cols[i].type == OFTDate)
			s.cols[i].type = OFTString;
	}
	if ((rc = unique_full_names(e->ctx, &s)) != GEO_OK)
		goto out;
	if (e->o->format == GEO_EXPORT_SHP && (rc = shp_names(e->ctx, &s)) != GEO_OK)
		goto out;
	cnt->rows = s.rows;
	if (e->o->format == GEO_EXPORT_SHP && s.with_geom && s.gtype == wkbUnknown) {
		rc = GEO_ERROR(e->ctx, GEO_ERR_INVALID,
		               "layer %s mixes geometry types, which a shapefile cannot hold;"
		               " export it to gpkg or geojson", layer);
		goto out;
	}

	if (e->o->format == GEO_EXPORT_KML) {
		OGRFeatureDefnH d = kml_defn(&s);
		OGRwkbGeometryType gt = s.gtype == wkbPolygon ? wkbMultiPolygon : s.gtype;
		if (s.ftype_col >= 0) {
			/* folders by facility type, in the vocabulary's order; a type
			 * without a located incident gets no folder */
			for (int t = 0; GEO_FACILITY_TYPES[t] && rc == GEO_OK; t++) {
				struct geo_export_count part = {0};
				if (t < 8 && s.located_by_type[t]) {
					if ((rc = kml_folder(e, GEO_FACILITY_TYPES[t], 1)) == GEO_OK &&
					    (rc = write_rows(e, &s, NULL, d, gt, GEO_FACILITY_TYPES[t], &part,
					                     &ids)) == GEO_OK)
						rc = kml_folder(e, NULL, 0);
				} else {
					rc = count_unlocated(e, &s, GEO_FACILITY_TYPES[t], &part, &ids);
				}
				cnt->written += part.written;
				cnt->not_written += part.not_written;
			}
		} else if ((rc = kml_folder(e, layer, 1)) == GEO_OK &&
		           (rc = write_rows(e, &s, NULL, d, gt, NULL, cnt, &ids)) == GEO_OK) {
			rc = kml_folder(e, NULL, 0);
		}
		OGR_FD_Release(d);
		if (rc != GEO_OK)
			goto out;
	} else {
		OGRwkbGeometryType gt = s.gtype;
		if (e->o->format == GEO_EXPORT_CSV && !e->o->csv_wkt)
			gt = wkbNone;
		if (!(lay = create_layer(e, &s, out_name, gt, &rc)))
			goto out;
		if ((rc = write_rows(e, &s, lay, OGR_L_GetLayerDefn(lay), OGR_L_GetGeomType(lay), NULL, cnt,
		                     &ids)) != GEO_OK)
			goto out;
	}
	if (cnt->not_written && !(cnt->not_written_ids = geo_buf_take(&ids)))
		rc = GEO_ERROR(e->ctx, GEO_ERR_NOMEM, "out of memory");
	if (rc == GEO_OK && e->o->format == GEO_EXPORT_SHP)
		rc = write_sidecar(e, &s, e->o->dest, cnt);
	if (rc == GEO_OK && cnt->truncated) {
		if (e->long_vals_failed)
			rc = GEO_ERROR(e->ctx, GEO_ERR_LIMIT, "%s: too many long values to keep beside the"
			               " shapefile; export to gpkg", e->o->dest);
		else
			rc = write_long_values(e, cnt);
		if (rc == GEO_OK)
			geo_ctx_warn(e->ctx,
			             "%s: %ld text values longer than 254 bytes were cut to fit the"
			             " shapefile's DBF fields; their full text is in %s", e->o->dest,
			             cnt->truncated, cnt->long_values);
	}
out:
	src_free(&s);
out0:
	geo_buf_free(&ids);
	return rc;
}

/* "PG:dbname=x password=secret host=y" without the password. */
static char *redact_pg(const char *conn)
{
	geo_buf b;
	const char *p = conn;
	geo_buf_init(&b, 1 << 16);
	while (*p) {
		const char *sp = p;
		while (*sp == ' ')
			sp++;
		const char *end = sp;
		int quoted = 0;
		while (*end && (quoted || *end != ' ')) {
			if (*end == '\'')
				quoted = !quoted;
			end++;
		}
		if (!(strncmp(sp, "password=", 9) == 0 || strncmp(sp, "PG:password=", 12) == 0)) {
			if (geo_buf_add(&b, p, (size_t)(end - p)) != GEO_OK)
				break;
		} else if (strncmp(sp, "PG:", 3) == 0) {
			if (geo_buf_adds(&b, "PG:") != GEO_OK)
				break;
		}
		p = end;
	}
	return geo_buf_take(&b);
}

static void remove_outputs(const char *dest, enum geo_export_format fmt)
{
	if (fmt == GEO_EXPORT_SHP) {
		static const char *const ext[] = {".shp", ".shx", ".dbf", ".prj", ".cpg", ".fields.csv",
		                                  ".long_values.csv", NULL};
		size_t n = strlen(dest);
		char path[4096];
		if (n > 4 && ci_equal(dest + n - 4, ".shp"))
			n -= 4;
		for (int i = 0; ext[i]; i++) {
			snprintf(path, sizeof path, "%.*s%s", (int)n, dest, ext[i]);
			unlink(path);
		}
	} else if (fmt == GEO_EXPORT_CSV) {
		char path[4096];
		size_t n = strlen(dest);
		unlink(dest);
		if (n > 4 && ci_equal(dest + n - 4, ".csv"))
			n -= 4;
		snprintf(path, sizeof path, "%.*s.csvt", (int)n, dest);
		unlink(path);
	} else if (fmt != GEO_EXPORT_POSTGIS) {
		unlink(dest);
	}
}

static enum geo_status open_dataset(struct ex *e)
{
	static const char *const drivers[] = {"GeoJSON", "ESRI Shapefile", "GPKG", "KML", "CSV", "PostgreSQL"};
	const struct geo_export_opts *o = e->o;
	const char *drv = drivers[o->format];
	e->drv = GDALGetDriverByName(drv);
	if (!e->drv)
		return GEO_ERROR(e->ctx, GEO_ERR_UNSUPPORTED, "this GDAL has no %s driver", drv);
	e->sink->last[0] = '\0';
	if (o->format == GEO_EXPORT_POSTGIS) {
		const char *allowed[] = {"PostgreSQL", NULL};
		e->ds = GDALOpenEx(o->dest, GDAL_OF_VECTOR | GDAL_OF_UPDATE, allowed, NULL, NULL);
		if (!e->ds)
			return GEO_ERROR(e->ctx, GEO_ERR_GDAL, "PostGIS: cannot connect: %s",
			                 e->sink->last[0] ? e->sink->last : "no reason given");
		return GEO_OK;
	}
	if (o->format == GEO_EXPORT_GPKG && access(o->dest, F_OK) == 0) {
		const char *allowed[] = {"GPKG", NULL};
		e->ds = GDALOpenEx(o->dest, GDAL_OF_VECTOR | GDAL_OF_UPDATE, allowed, NULL, NULL);
		if (!e->ds)
			return gdal_fail(e, "exists but cannot be opened as a GeoPackage to update");
		return GEO_OK;
	}
	remove_outputs(o->dest, o->format);
	if (o->format == GEO_EXPORT_KML)
		return kml_open(e);
	{
		char **dco = NULL;
		e->ds = GDALCreate(e->drv, o->dest, 0, 0, 0, GDT_Unknown, dco);
		CSLDestroy(dco);
	}
	if (!e->ds)
		return gdal_fail(e, "cannot create");
	return GEO_OK;
}

void geo_export_result_free(struct geo_export_result *res)
{
	if (!res)
		return;
	for (size_t i = 0; i < res->n; i++) {
		free(res->v[i].layer);
		free(res->v[i].not_written_ids);
		free(res->v[i].sidecar);
		free(res->v[i].long_values);
	}
	free(res->v);
	free(res->dest);
	memset(res, 0, sizeof *res);
}

enum geo_status geo_export(geo_ctx *ctx, const struct geo_export_opts *o,
                           const char *const *layers, size_t n_layers,
                           struct geo_export_result *res)
{
	struct gdal_sink sink = {.ctx = ctx};
	struct ex e = {.ctx = ctx, .o = o, .sink = &sink};
	geo_buf_init(&e.kml_buf, 1 << 26);
	geo_buf_init(&e.long_vals, GEO_BUF_DEFAULT_CAP);
	enum geo_status rc = GEO_OK;
	int multi = o->format == GEO_EXPORT_GPKG || o->format == GEO_EXPORT_POSTGIS;
	int in_tx = 0;

	memset(res, 0, sizeof *res);
	if (n_layers == 0)
		return GEO_ERROR(ctx, GEO_ERR_INVALID, "no layer to export");
	if (n_layers > 1 && !multi)
		return GEO_ERROR(ctx, GEO_ERR_INVALID,
		                 "%s holds one layer: export several layers to gpkg or postgis", o->dest);
	if (n_layers > 1 && o->table)
		return GEO_ERROR(ctx, GEO_ERR_INVALID, "a table name is for one layer only");
	for (size_t i = 0; i < n_layers; i++)
		if (!geo_export_layer_valid(layers[i]))
			return GEO_ERROR(ctx, GEO_ERR_INVALID, "unknown layer \"%s\"", layers[i]);
	res->dest = o->format == GEO_EXPORT_POSTGIS ? redact_pg(o->dest) : geo_strdup(o->dest);
	res->v = geo_calloc(n_layers + 2, sizeof *res->v);
	if (!res->dest || !res->v)
		return GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory");

	GDALAllRegister();
	CPLPushErrorHandlerEx(gdal_handler, &sink);
	e.srs = OSRNewSpatialReference(NULL);
	if (!e.srs || OSRImportFromEPSG(e.srs, 4326) != OGRERR_NONE) {
		rc = GEO_ERROR(ctx, GEO_ERR_PROJ, "cannot make the EPSG:4326 reference system: %s",
		               sink.last);
		goto out;
	}
	OSRSetAxisMappingStrategy(e.srs, OAMS_TRADITIONAL_GIS_ORDER);
	/* Sources first, so a missing store does not leave an empty file. */
	for (size_t i = 0; i < n_layers; i++) {
		if (strcmp(layers[i], "incidents") == 0 || strcmp(layers[i], "sequences") == 0 ||
		    strcmp(layers[i], "repeats") == 0 || strcmp(layers[i], "facilities") == 0) {
			if ((rc = open_store(&e)) != GEO_OK)
				goto out;
		}
	}
	if ((rc = open_dataset(&e)) != GEO_OK)
		goto out;
	if (e.ds && GDALDatasetTestCapability(e.ds, ODsCTransactions) &&
	    GDALDatasetStartTransaction(e.ds, FALSE) == OGRERR_NONE)
		in_tx = 1;
	for (size_t i = 0; i < n_layers; i++) {
		struct geo_export_count *c = &res->v[res->n++];
		if ((rc = export_layer(&e, layers[i], c)) != GEO_OK)
			goto out;
		/* with the sequences and repeats go their member tables */
		if (multi && !c->skipped && !o->table &&
		    (strcmp(layers[i], "sequences") == 0 || strcmp(layers[i], "repeats") == 0)) {
			const char *m = layers[i][0] == 's' ? "sequence_members" : "repeat_members";
			if (table_exists(geo_store_db(e.store), m)) {
				c = &res->v[res->n++];
				if ((rc = export_layer(&e, m, c)) != GEO_OK)
					goto out;
			}
		}
		if (sink.failures) {
			rc = gdal_fail(&e, layers[i]);
			goto out;
		}
	}
	if (in_tx) {
		in_tx = 0;
		if (GDALDatasetCommitTransaction(e.ds) != OGRERR_NONE) {
			rc = gdal_fail(&e, "cannot commit");
			goto out;
		}
	}
	rc = kml_close(&e, 1);
out:
	if (e.kml)
		kml_close(&e, 0);
	geo_buf_free(&e.kml_buf);
	geo_buf_free(&e.long_vals);
	if (in_tx)
		GDALDatasetRollbackTransaction(e.ds);
	if (e.ds) {
		int before = sink.failures;
		GDALClose(e.ds);
		if (sink.failures > before && rc == GEO_OK)
			rc = gdal_fail(&e, "cannot finish writing");
	}
	if (rc != GEO_OK && (e.ds || o->format == GEO_EXPORT_KML) && o->format != GEO_EXPORT_GPKG &&
	    res->n)
		remove_outputs(o->dest, o->format);
	if (e.srs)
		OSRDestroySpatialReference(e.srs);
	CPLPopErrorHandler();
	if (e.base_db)
		sqlite3_close_v2(e.base_db);
	if (e.gaz_db)
		sqlite3_close_v2(e.gaz_db);
	if (e.gaz_cache)
		spatialite_cleanup_ex(e.gaz_cache);
	geo_store_close(e.store);
	return rc;
}
