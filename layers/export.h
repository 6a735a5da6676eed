/* export.h — `strikemap export`: write a layer (incidents, sequences,
 * repeats, facilities, governorates, subdistricts, zones, country) through
 * GDAL/OGR as GeoJSON, Shapefile, GeoPackage, KML, CSV or PostGIS.
 *
 * Every export keeps every attribute (the incidents' `attrs` JSON object is
 * expanded into one field per key) and every row the format can hold; rows
 * a format cannot hold (KML has no place for an unlocated incident) are
 * counted and listed in the result. GDAL's messages are routed into the
 * context: failures into the error, warnings into the warnings.
 *
 * Shapefile field names are limited to 10 characters: the stable mapping
 * table is geo_export_shp_names[] (documented in docs/exports.md) and a
 * sidecar DEST.fields.csv lists every short name with its full name. A DBF
 * text field holds 254 bytes: longer values are cut on a character boundary
 * and kept whole in DEST.long_values.csv, so nothing is lost. */
#ifndef GEO_EXPORT_H
#define GEO_EXPORT_H

#include <stddef.h>
#include "geo/ctx.h"

enum geo_export_format {
	GEO_EXPORT_GEOJSON,
	GEO_EXPORT_SHP,
	GEO_EXPORT_GPKG,
	GEO_EXPORT_KML,
	GEO_EXPORT_CSV,
	GEO_EXPORT_POSTGIS
};

/* Format words in enum order ("geojson", "shp", ...), NULL-terminated. */
extern const char *const GEO_EXPORT_FORMATS[];
/* Layer names, NULL-terminated: incidents, sequences, repeats,
 * facilities, governorates, subdistricts, zones, country. */
extern const char *const GEO_EXPORT_LAYERS[];
/* 1 when `name` is one of GEO_EXPORT_LAYERS. */
int geo_export_layer_valid(const char *name);

/* One row of the shapefile name table: a full field name and its
 * 10-character name. NULL-terminated array (full == NULL ends it). */
struct geo_export_shp_name {
	const char *full;
	const char *shp;
};
extern const struct geo_export_shp_name geo_export_shp_names[];

/* What to export. Strings are borrowed for the call. */
struct geo_export_opts {
	const char *db_path;        /* the store (incidents, sequences, repeats, facilities) */
	const char *gazetteer_path; /* admin polygons (base layers, zones) and facilities */
	enum geo_export_format format;
	const char *dest;           /* file, or "PG:..." connection string for postgis */
	const char *table;          /* postgis: table name for a single layer (NULL: layer name) */
	int csv_wkt;                /* csv: a WKT column instead of lon/lat columns */
	int skip_missing;           /* "--layer all": a layer whose source is absent is skipped
	                               with a warning instead of failing */
};

/* What happened to one layer. */
struct geo_export_count {
	char *layer;           /* layer (or PostGIS table) name as written */
	long rows;             /* rows in the source */
	long written;          /* features written */
	long no_geom;          /* of the written ones, without geometry (null geometry / shape) */
	long not_written;      /* rows the format cannot hold (KML: no location) */
	char *not_written_ids; /* their ids, comma-separated, or NULL */
	long truncated;        /* text values cut to the format's limit (shapefile: 254 bytes) */
	char *sidecar;         /* shapefile: the field-name table written beside it, or NULL */
	char *long_values;     /* shapefile: DEST.long_values.csv holding the full text of the
	                          truncated values (id, short_name, full_name, value), or NULL */
	int skipped;           /* 1: the layer's source is absent and it was skipped */
};

struct geo_export_result {
	struct geo_export_count *v; /* owned; free with geo_export_result_free() */
	size_t n;
	char *dest;                 /* where it went (a PG: string without its password) */
};

/* Export `layers` (n of them, names from GEO_EXPORT_LAYERS) to opts->dest.
 * Several layers need a multi-layer format (gpkg, postgis). File outputs
 * are replaced; a GeoPackage that exists is updated (the named layers are
 * replaced, others kept); PostGIS tables are created or replaced with a
 * geometry column `geom` (SRID 4326) and a GIST index. `res` is filled
 * (also on failure, with the layers done so far). Errors: GEO_ERR_NOTFOUND
 * (store, gazetteer or a layer's table absent: "run strikemap sequences
 * first"), GEO_ERR_INVALID (a request the format cannot satisfy), GEO_ERR_GDAL
 * (GDAL's message, naming the destination), GEO_ERR_DB, GEO_ERR_NOMEM. A
 * failed file export removes the partial file. */
enum geo_status geo_export(geo_ctx *ctx, const struct geo_export_opts *opts,
                           const char *const *layers, size_t n_layers,
                           struct geo_export_result *res) GEO_WUR;
void geo_export_result_free(struct geo_export_result *res);

/* The KML colour of a perpetrator class as "#RRGGBB": the maps' colour
 * (layers/map_style.h, Okabe-Ito, colour-blind safe). Static; an unknown
 * class gets the "unknown" colour. */
const char *geo_export_perp_colour(const char *perp_class);

#endif
