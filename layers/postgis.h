/* postgis.h — reading incidents from a PostGIS table (through OGR's
 * PostgreSQL driver), the way in when one machine is not enough: exports
 * write the table (layers/export.h, format postgis), and
 * `strikemap import "PG:dbname=..." --table incidents` reads it back. */
#ifndef GEO_POSTGIS_H
#define GEO_POSTGIS_H

#include "geo/ctx.h"
#include "geo/incident.h"

/* Read every row of `table` (default "incidents" when NULL) from the
 * PostgreSQL database named by `conninfo` ("PG:dbname=x host=y port=z" or
 * "dbname=x ..."), appending to `out`, ordered by the table's FID.
 * Columns named like the store's (id, date, time, date_precision,
 * place_text, governorate_text or governorate, facility_name, ...,
 * geocode_status, zone, source_file, source_line) fill the record's
 * fields; the geometry (a point, any SRID transformed to EPSG:4326) fills
 * lon/lat and has_point, or, without a geometry column, `lon` and `lat`
 * columns do; derived columns (perpetrator_class, imported_at, ogc_fid)
 * are skipped; every other column becomes an attribute (key = column name,
 * NULL kept as NULL). Values are copied as text, not validated: the caller
 * validates them like rows of a file. source_file/source_line are taken
 * from the table when it has them, else "PG:<table>" and the row number.
 * Errors: GEO_ERR_GDAL (cannot connect; message without the password),
 * GEO_ERR_NOTFOUND (no such table), GEO_ERR_INVALID (a non-point geometry,
 * a count that is not a whole number: "PG:incidents: row 3: column
 * \"killed\": \"x\" is not a whole number"), GEO_ERR_NOMEM. On failure
 * `out` keeps the rows read before. */
enum geo_status geo_pg_read_incidents(geo_ctx *ctx, const char *conninfo, const char *table,
                                      struct geo_incident_list *out) GEO_WUR;

#endif
