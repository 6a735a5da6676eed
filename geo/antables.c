/* antables.c — geometry columns, spatial views and small output helpers
 * for the analysis result tables (antables.h). */
#include "geo/antables.h"

#include "geo/events.h"

#include <math.h>
#include <stdio.h>

enum geo_status geo_an_prepare(geo_store *st, const char *sql, sqlite3_stmt **s, const char *what)
{
	if (sqlite3_prepare_v2(geo_store_db(st), sql, -1, s, NULL) != SQLITE_OK)
		return geo_store_db_error(st, what);
	return GEO_OK;
}

void geo_an_bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, i);
}

void geo_an_bind_real(sqlite3_stmt *s, int i, double v)
{
	if (isfinite(v))
		sqlite3_bind_double(s, i, v);
	else
		sqlite3_bind_null(s, i);
}

void geo_an_bind_site(sqlite3_stmt *s, int i, const struct geo_event *e)
{
	if (e->geo_precision > 0)
		sqlite3_bind_int(s, i, e->geo_precision);
	geo_an_bind_text(s, i + 1, e->precision_word);
	if (e->flags & GEO_EV_HAS_POINT) {
		sqlite3_bind_double(s, i + 2, e->lon);
		sqlite3_bind_double(s, i + 3, e->lat);
	}
}

enum geo_status geo_an_json_num(geo_buf *b, double v, int prec)
{
	if (!isfinite(v))
		return geo_buf_adds(b, "null");
	return geo_buf_addf(b, "%.*f", prec, v);
}

static int registered(geo_store *st, const char *sql, const char *a, const char *b)
{
	sqlite3_stmt *s = NULL;
	int found = 0;
	if (sqlite3_prepare_v2(geo_store_db(st), sql, -1, &s, NULL) == SQLITE_OK) {
		sqlite3_bind_text(s, 1, a, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, b, -1, SQLITE_STATIC);
		found = sqlite3_step(s) == SQLITE_ROW;
	}
	sqlite3_finalize(s);
	return found;
}

enum geo_status geo_an_geometry_column(geo_store *st, const char *table, const char *column,
                                       const char *type)
{
	char sql[512];
	enum geo_status rc;
	if (registered(st, "SELECT 1 FROM geometry_columns WHERE f_table_name=lower(?1) AND"
	                   " f_geometry_column=lower(?2)", table, column))
		return GEO_OK;
	snprintf(sql, sizeof sql,
	         "SELECT AddGeometryColumn('%s','%s',4326,'%s','XY');"
	         "SELECT CreateSpatialIndex('%s','%s');",
	         table, column, type, table, column);
	if ((rc = geo_store_exec(st, sql)) != GEO_OK)
		return rc;
	if (!registered(st, "SELECT 1 FROM geometry_columns WHERE f_table_name=lower(?1) AND"
	                    " f_geometry_column=lower(?2)", table, column))
		return GEO_ERROR(geo_store_ctx(st), GEO_ERR_DB,
		                 "SpatiaLite could not add the geometry column %s.%s", table, column);
	return GEO_OK;
}

enum geo_status geo_an_spatial_view(geo_store *st, const char *view, const char *select,
                                    const char *table, const char *column)
{
	geo_buf b;
	enum geo_status rc;
	geo_buf_init(&b, 1 << 16);
	if (geo_buf_addf(&b, "DELETE FROM views_geometry_columns WHERE view_name = lower('%s');"
	                     "DROP VIEW IF EXISTS %s;"
	                     "CREATE VIEW %s AS %s;"
	                     "INSERT INTO views_geometry_columns"
	                     " (view_name, view_geometry, view_rowid, f_table_name, f_geometry_column,"
	                     " read_only) VALUES (lower('%s'), 'geom', 'rowid', lower('%s'), lower('%s'), 1);",
	                 view, view, view, select, view, table, column) != GEO_OK)
		rc = GEO_ERROR(geo_store_ctx(st), GEO_ERR_LIMIT, "view %s: SQL too long", view);
	else
		rc = geo_store_exec(st, geo_buf_str(&b));
	geo_buf_free(&b);
	return rc;
}
