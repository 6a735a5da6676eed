/* antables.h — helpers shared by the analyses that write result tables
 * into the store (sequences, repeats, Knox): geometry columns registered
 * with SpatiaLite and spatial views QGIS can open. Internal to geo/. */
#ifndef GEO_ANTABLES_H
#define GEO_ANTABLES_H

#include <sqlite3.h>
#include "geo/buf.h"
#include "geo/store.h"

/* Add `column` of SpatiaLite `type` ("POINT", "GEOMETRY", ...) in EPSG:4326
 * XY to `table`, with a spatial index, unless it is already registered. */
enum geo_status geo_an_geometry_column(geo_store *st, const char *table, const char *column,
                                       const char *type) GEO_WUR;

/* (Re)create view `view` AS `select` (which must expose `rowid` of
 * `table`, and `table`.`column` as `geom`) and register it in
 * views_geometry_columns so that it opens as a spatial layer of that
 * column's type. */
enum geo_status geo_an_spatial_view(geo_store *st, const char *view, const char *select,
                                    const char *table, const char *column) GEO_WUR;

/* Prepare or set the store error naming `what`. */
enum geo_status geo_an_prepare(geo_store *st, const char *sql, sqlite3_stmt **s,
                               const char *what) GEO_WUR;

/* Bind text or NULL; a double or NULL when NAN. */
void geo_an_bind_text(sqlite3_stmt *s, int i, const char *v);
void geo_an_bind_real(sqlite3_stmt *s, int i, double v);

struct geo_event;
/* Bind where an event was located: geo_precision (NULL when unknown),
 * precision_word, lon and lat (NULL without a point) at columns i..i+3. */
void geo_an_bind_site(sqlite3_stmt *s, int i, const struct geo_event *e);

/* Append a JSON number, or null when not finite, with `prec` decimals. */
enum geo_status geo_an_json_num(geo_buf *b, double v, int prec) GEO_WUR;

#endif
