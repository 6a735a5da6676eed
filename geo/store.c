/* store.c — the SpatiaLite store: schema, transactions, incident rows.
 *
 * Assumes SpatiaLite 5 (spatialite_init_ex) and SQLite >= 3.24 (UPSERT).
 * Unknown input columns are stored as one JSON object in `attrs` so a
 * re-import with other columns never loses or misplaces a value. */
#include "geo/store.h"
#include "geo/buf.h"
#include "geo/perpetrator.h"

#include <json-c/json.h>
#include <spatialite.h>
#include <stdlib.h>
#include <string.h>

struct geo_store {
	geo_ctx *ctx;
	sqlite3 *db;
	void *splite_cache;
	int in_tx;
	char *path;
};

static const char *const SCHEMA_SQL =
	"CREATE TABLE IF NOT EXISTS incidents ("
	" id TEXT PRIMARY KEY NOT NULL,"
	" date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),"
	" time TEXT,"
	" date_precision TEXT NOT NULL DEFAULT 'day',"
	" place_text TEXT,"
	" governorate_text TEXT,"
	" facility_name TEXT,"
	" facility_type TEXT NOT NULL DEFAULT 'other' CHECK (facility_type IN"
	"  ('hospital','medical_point','ambulance','civil_defense','red_crescent','other')),"
	" facility_id TEXT,"
	" perpetrator TEXT,"
	" perpetrator_class TEXT NOT NULL DEFAULT 'unknown',"
	" weapon TEXT,"
	" killed INTEGER CHECK (killed IS NULL OR killed >= 0),"
	" injured INTEGER CHECK (injured IS NULL OR injured >= 0),"
	" damage TEXT,"
	" control TEXT,"
	" source TEXT,"
	" notes TEXT,"
	" geo_precision INTEGER CHECK (geo_precision IS NULL OR geo_precision BETWEEN 1 AND 3),"
	" precision_word TEXT,"
	" place_name TEXT,"
	" pcode TEXT,"
	" admin1_pcode TEXT,"
	" admin3_pcode TEXT,"
	" geocode_status TEXT NOT NULL CHECK (geocode_status IN"
	"  ('input','resolved','ambiguous','unresolved')),"
	" geocode_note TEXT,"
	" geocode_score REAL,"
	" zone TEXT,"
	" attrs TEXT NOT NULL DEFAULT '{}',"
	" source_file TEXT,"
	" source_line INTEGER,"
	" imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))"
	");"
	"CREATE INDEX IF NOT EXISTS incidents_date ON incidents(date, time);"
	"CREATE INDEX IF NOT EXISTS incidents_admin1 ON incidents(admin1_pcode);"
	"CREATE INDEX IF NOT EXISTS incidents_facility ON incidents(facility_id);"
	"CREATE TABLE IF NOT EXISTS import_log ("
	" id INTEGER PRIMARY KEY,"
	" file TEXT NOT NULL,"
	" inserted INTEGER NOT NULL,"
	" updated INTEGER NOT NULL,"
	" at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))"
	");";

enum geo_status geo_store_db_error(geo_store *st, const char *what)
{
	return GEO_ERROR(st->ctx, GEO_ERR_DB, "%s: %s: %s", st->path, what,
	                 sqlite3_errmsg(st->db));
}

enum geo_status geo_store_exec(geo_store *st, const char *sql)
{
	char *err = NULL;
	if (sqlite3_exec(st->db, sql, NULL, NULL, &err) != SQLITE_OK) {
		enum geo_status s = GEO_ERROR(st->ctx, GEO_ERR_DB, "%s: %s (in: %.80s)",
		                              st->path, err ? err : "error", sql);
		sqlite3_free(err);
		return s;
	}
	return GEO_OK;
}

static int table_has_geom(geo_store *st)
{
	sqlite3_stmt *s = NULL;
	int found = 0;
	if (sqlite3_prepare_v2(st->db,
	        "SELECT 1 FROM geometry_columns WHERE f_table_name='incidents' AND f_geometry_column='geom'",
	        -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
		found = 1;
	sqlite3_finalize(s);
	return found;
}

static enum geo_status create_schema(geo_store *st)
{
	enum geo_status rc;
	sqlite3_stmt *s = NULL;
	int has_meta = 0;
	if (sqlite3_prepare_v2(st->db,
	        "SELECT 1 FROM sqlite_master WHERE name='spatial_ref_sys'", -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		has_meta = 1;
	sqlite3_finalize(s);
	/* InitSpatialMetadata(1) runs its own transaction: call it first. */
	if (!has_meta && (rc = geo_store_exec(st, "SELECT InitSpatialMetadata(1)")) != GEO_OK)
		return rc;
	if ((rc = geo_store_begin(st)) != GEO_OK)
		return rc;
	if ((rc = geo_store_exec(st, SCHEMA_SQL)) != GEO_OK)
		goto fail;
	if (!table_has_geom(st)) {
		if ((rc = geo_store_exec(st,
		         "SELECT AddGeometryColumn('incidents','geom',4326,'POINT','XY');"
		         "SELECT CreateSpatialIndex('incidents','geom');")) != GEO_OK)
			goto fail;
		if (!table_has_geom(st)) {
			rc = GEO_ERROR(st->ctx, GEO_ERR_DB, "%s: SpatiaLite could not add the geometry column",
			               st->path);
			goto fail;
		}
	}
	return geo_store_commit(st);
fail:
	geo_store_rollback(st);
	return rc;
}

geo_store *geo_store_open(geo_ctx *ctx, const char *path, int create)
{
	geo_store *st = geo_calloc(1, sizeof *st);
	int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
	if (!st) {
		GEO_ERROR(ctx, GEO_ERR_NOMEM, "%s: out of memory opening the store", path);
		return NULL;
	}
	st->ctx = ctx;
	st->path = geo_strdup(path);
	if (!st->path) {
		GEO_ERROR(ctx, GEO_ERR_NOMEM, "%s: out of memory opening the store", path);
		goto fail;
	}
	if (sqlite3_open_v2(path, &st->db, flags, NULL) != SQLITE_OK) {
		GEO_ERROR(ctx, create ? GEO_ERR_IO : GEO_ERR_NOTFOUND, "%s: cannot open the store: %s",
		          path, st->db ? sqlite3_errmsg(st->db) : "out of memory");
		goto fail;
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, 5000);
	st->splite_cache = spatialite_alloc_connection();
	if (!st->splite_cache) {
		GEO_ERROR(ctx, GEO_ERR_DB, "%s: SpatiaLite could not allocate a connection", path);
		goto fail;
	}
	spatialite_init_ex(st->db, st->splite_cache, 0);
	if (geo_store_exec(st, "PRAGMA foreign_keys=ON") != GEO_OK)
		goto fail;
	if (geo_store_exec(st, "PRAGMA journal_mode=WAL") != GEO_OK)
		goto fail;
	if (create) {
		if (create_schema(st) != GEO_OK)
			goto fail;
	} else if (!table_has_geom(st)) {
		GEO_ERROR(ctx, GEO_ERR_NOTFOUND,
		          "%s: not a strikemap store (no incidents table); run `strikemap import` first",
		          path);
		goto fail;
	}
	return st;
fail:
	geo_store_close(st);
	return NULL;
}

void geo_store_close(geo_store *st)
{
	if (!st)
		return;
	if (st->in_tx)
		geo_store_rollback(st);
	if (st->db)
		sqlite3_close_v2(st->db);
	if (st->splite_cache)
		spatialite_cleanup_ex(st->splite_cache);
	free(st->path);
	free(st);
}

sqlite3 *geo_store_db(geo_store *st) { return st->db; }
geo_ctx *geo_store_ctx(geo_store *st) { return st->ctx; }

enum geo_status geo_store_begin(geo_store *st)
{
	enum geo_status rc = geo_store_exec(st, "BEGIN IMMEDIATE");
	if (rc == GEO_OK)
		st->in_tx = 1;
	return rc;
}

enum geo_status geo_store_commit(geo_store *st)
{
	enum geo_status rc = geo_store_exec(st, "COMMIT");
	if (rc == GEO_OK)
		st->in_tx = 0;
	return rc;
}

void geo_store_rollback(geo_store *st)
{
	if (st->in_tx)
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	st->in_tx = 0;
}

/* The attrs JSON object for an incident. Caller frees. */
static char *attrs_json(const struct geo_incident *inc)
{
	geo_buf b;
	geo_buf_init(&b, 0);
	if (geo_buf_addc(&b, '{') != GEO_OK)
		goto fail;
	for (size_t i = 0; i < inc->n_attrs; i++) {
		if ((i && geo_buf_addc(&b, ',') != GEO_OK) ||
		    geo_buf_add_json_str(&b, inc->attrs[i].key) != GEO_OK ||
		    geo_buf_addc(&b, ':') != GEO_OK ||
		    geo_buf_add_json_str(&b, inc->attrs[i].value) != GEO_OK)
			goto fail;
	}
	if (geo_buf_addc(&b, '}') != GEO_OK)
		goto fail;
	return geo_buf_take(&b);
fail:
	geo_buf_free(&b);
	return NULL;
}

/* Column order shared by insert and load. */
#define INCIDENT_COLUMNS \
	"id, date, time, date_precision, place_text, governorate_text, facility_name," \
	" facility_type, facility_id, perpetrator, weapon, killed, injured, damage, control," \
	" source, notes, geo_precision, precision_word, place_name, pcode, admin1_pcode," \
	" admin3_pcode, geocode_status, geocode_note, geocode_score, zone, attrs," \
	" source_file, source_line, perpetrator_class"

static void bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, i);
}

static void bind_count(sqlite3_stmt *s, int i, int v)
{
	if (v >= 0)
		sqlite3_bind_int(s, i, v);
	else
		sqlite3_bind_null(s, i);
}

enum geo_status geo_store_upsert_incident(geo_store *st, const struct geo_incident *inc,
                                          int *updated)
{
	static const char *sql =
		"INSERT INTO incidents (" INCIDENT_COLUMNS ", geom) VALUES ("
		"?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,"
		"?21,?22,?23,?24,?25,?26,?27,?28,?29,?30,?33,"
		" CASE WHEN ?31 IS NULL THEN NULL ELSE MakePoint(?31, ?32, 4326) END)"
		" ON CONFLICT(id) DO UPDATE SET"
		" date=excluded.date, time=excluded.time, date_precision=excluded.date_precision,"
		" place_text=excluded.place_text, governorate_text=excluded.governorate_text,"
		" facility_name=excluded.facility_name, facility_type=excluded.facility_type,"
		" facility_id=excluded.facility_id, perpetrator=excluded.perpetrator,"
		" weapon=excluded.weapon, killed=excluded.killed, injured=excluded.injured,"
		" damage=excluded.damage, control=excluded.control, source=excluded.source,"
		" notes=excluded.notes, geo_precision=excluded.geo_precision,"
		" precision_word=excluded.precision_word, place_name=excluded.place_name,"
		" pcode=excluded.pcode, admin1_pcode=excluded.admin1_pcode,"
		" admin3_pcode=excluded.admin3_pcode, geocode_status=excluded.geocode_status,"
		" geocode_note=excluded.geocode_note, geocode_score=excluded.geocode_score,"
		" zone=excluded.zone, attrs=excluded.attrs, source_file=excluded.source_file,"
		" source_line=excluded.source_line, perpetrator_class=excluded.perpetrator_class,"
		" geom=excluded.geom,"
		" imported_at=strftime('%Y-%m-%dT%H:%M:%SZ','now')";
	sqlite3_stmt *s = NULL, *q = NULL;
	char *attrs = NULL;
	enum geo_status rc = GEO_OK;
	int existed = 0;

	if (sqlite3_prepare_v2(st->db, "SELECT 1 FROM incidents WHERE id=?1", -1, &q, NULL) != SQLITE_OK) {
		rc = geo_store_db_error(st, "preparing the id lookup");
		goto out;
	}
	bind_text(q, 1, inc->id);
	switch (sqlite3_step(q)) {
	case SQLITE_ROW: existed = 1; break;
	case SQLITE_DONE: existed = 0; break;
	default:
		rc = geo_store_db_error(st, "looking up the incident id");
		goto out;
	}

	attrs = attrs_json(inc);
	if (!attrs) {
		rc = GEO_ERROR(st->ctx, GEO_ERR_NOMEM, "out of memory storing incident %s", inc->id);
		goto out;
	}
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
		rc = geo_store_db_error(st, "preparing the incident insert");
		goto out;
	}
	bind_text(s, 1, inc->id);
	bind_text(s, 2, inc->date);
	bind_text(s, 3, inc->time);
	bind_text(s, 4, inc->date_precision ? inc->date_precision : "day");
	bind_text(s, 5, inc->place_text);
	bind_text(s, 6, inc->governorate);
	bind_text(s, 7, inc->facility_name);
	bind_text(s, 8, inc->facility_type ? inc->facility_type : "other");
	bind_text(s, 9, inc->facility_id);
	bind_text(s, 10, inc->perpetrator);
	bind_text(s, 11, inc->weapon);
	bind_count(s, 12, inc->killed);
	bind_count(s, 13, inc->injured);
	bind_text(s, 14, inc->damage);
	bind_text(s, 15, inc->control);
	bind_text(s, 16, inc->source);
	bind_text(s, 17, inc->notes);
	if (inc->geo_precision > 0)
		sqlite3_bind_int(s, 18, inc->geo_precision);
	else
		sqlite3_bind_null(s, 18);
	bind_text(s, 19, inc->precision_word);
	bind_text(s, 20, inc->place_name);
	bind_text(s, 21, inc->pcode);
	bind_text(s, 22, inc->admin1_pcode);
	bind_text(s, 23, inc->admin3_pcode);
	bind_text(s, 24, inc->geocode_status ? inc->geocode_status : GEO_GC_UNRESOLVED);
	bind_text(s, 25, inc->geocode_note);
	sqlite3_bind_double(s, 26, inc->geocode_score);
	bind_text(s, 27, inc->zone);
	bind_text(s, 28, attrs);
	bind_text(s, 29, inc->source_file);
	if (inc->source_line > 0)
		sqlite3_bind_int64(s, 30, inc->source_line);
	else
		sqlite3_bind_null(s, 30);
	sqlite3_bind_text(s, 33, geo_perpetrator_class(inc->perpetrator), -1, SQLITE_STATIC);
	if (inc->has_point) {
		sqlite3_bind_double(s, 31, inc->lon);
		sqlite3_bind_double(s, 32, inc->lat);
	}
	if (sqlite3_step(s) != SQLITE_DONE) {
		rc = GEO_ERROR(st->ctx, GEO_ERR_DB, "%s:%ld: incident \"%s\": %s",
		               inc->source_file ? inc->source_file : st->path, inc->source_line,
		               inc->id ? inc->id : "?", sqlite3_errmsg(st->db));
		goto out;
	}
	if (updated)
		*updated = existed;
out:
	sqlite3_finalize(q);
	sqlite3_finalize(s);
	free(attrs);
	return rc;
}

static enum geo_status col_text(geo_store *st, sqlite3_stmt *s, int i, char **field)
{
	const unsigned char *v = sqlite3_column_text(s, i);
	if (geo_incident_set(field, (const char *)v) != GEO_OK)
		return GEO_ERROR(st->ctx, GEO_ERR_NOMEM, "out of memory loading incidents");
	return GEO_OK;
}

static enum geo_status parse_attrs(geo_store *st, const char *json, struct geo_incident *inc)
{
	struct json_object *o;
	enum geo_status rc = GEO_OK;
	if (!json || !*json)
		return GEO_OK;
	o = json_tokener_parse(json);
	if (!o || !json_object_is_type(o, json_type_object)) {
		json_object_put(o);
		return GEO_ERROR(st->ctx, GEO_ERR_DB, "%s: incident %s: attrs is not a JSON object",
		                 st->path, inc->id);
	}
	json_object_object_foreach(o, key, val) {
		const char *v = json_object_is_type(val, json_type_null) ? NULL : json_object_get_string(val);
		if (geo_incident_add_attr(inc, key, v) != GEO_OK) {
			rc = GEO_ERROR(st->ctx, GEO_ERR_NOMEM, "out of memory loading incidents");
			break;
		}
	}
	json_object_put(o);
	return rc;
}

enum geo_status geo_store_load_incidents(geo_store *st, const char *where,
                                         struct geo_incident_list *out)
{
	geo_buf sql;
	sqlite3_stmt *s = NULL;
	enum geo_status rc = GEO_OK;
	int step;
	geo_buf_init(&sql, 1 << 16);
	if (geo_buf_addf(&sql, "SELECT " INCIDENT_COLUMNS ", ST_X(geom), ST_Y(geom)"
	                       " FROM incidents%s%s ORDER BY date, time IS NULL, time, id",
	                 where ? " WHERE " : "", where ? where : "") != GEO_OK) {
		rc = GEO_ERROR(st->ctx, GEO_ERR_LIMIT, "query condition too long");
		goto out;
	}
	if (sqlite3_prepare_v2(st->db, geo_buf_str(&sql), -1, &s, NULL) != SQLITE_OK) {
		rc = geo_store_db_error(st, "loading incidents");
		goto out;
	}
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct geo_incident *inc = geo_incident_list_push(out);
		if (!inc) {
			rc = GEO_ERROR(st->ctx, GEO_ERR_NOMEM, "out of memory loading incidents");
			goto out;
		}
		char **text_cols[] = {&inc->id, &inc->date, &inc->time, &inc->date_precision,
		                      &inc->place_text, &inc->governorate, &inc->facility_name,
		                      &inc->facility_type, &inc->facility_id, &inc->perpetrator,
		                      &inc->weapon};
		for (int i = 0; i < 11; i++)
			if ((rc = col_text(st, s, i, text_cols[i])) != GEO_OK)
				goto out;
		inc->killed = sqlite3_column_type(s, 11) == SQLITE_NULL ? -1 : sqlite3_column_int(s, 11);
		inc->injured = sqlite3_column_type(s, 12) == SQLITE_NULL ? -1 : sqlite3_column_int(s, 12);
		char **more[] = {&inc->damage, &inc->control, &inc->source, &inc->notes};
		for (int i = 0; i < 4; i++)
			if ((rc = col_text(st, s, 13 + i, more[i])) != GEO_OK)
				goto out;
		inc->geo_precision = sqlite3_column_int(s, 17);
		char **geo_cols[] = {&inc->precision_word, &inc->place_name, &inc->pcode,
		                     &inc->admin1_pcode, &inc->admin3_pcode, &inc->geocode_status,
		                     &inc->geocode_note};
		for (int i = 0; i < 7; i++)
			if ((rc = col_text(st, s, 18 + i, geo_cols[i])) != GEO_OK)
				goto out;
		inc->geocode_score = sqlite3_column_double(s, 25);
		if ((rc = col_text(st, s, 26, &inc->zone)) != GEO_OK)
			goto out;
		if ((rc = parse_attrs(st, (const char *)sqlite3_column_text(s, 27), inc)) != GEO_OK)
			goto out;
		if ((rc = col_text(st, s, 28, &inc->source_file)) != GEO_OK)
			goto out;
		inc->source_line = sqlite3_column_int64(s, 29);
		/* column 30, perpetrator_class, is derived: geo_perpetrator_class() */
		if (sqlite3_column_type(s, 31) != SQLITE_NULL) {
			inc->has_point = 1;
			inc->lon = sqlite3_column_double(s, 31);
			inc->lat = sqlite3_column_double(s, 32);
		}
	}
	if (step != SQLITE_DONE)
		rc = geo_store_db_error(st, "loading incidents");
out:
	sqlite3_finalize(s);
	geo_buf_free(&sql);
	return rc;
}

enum geo_status geo_store_count_incidents(geo_store *st, int with_geom, long *n)
{
	sqlite3_stmt *s = NULL;
	enum geo_status rc = GEO_OK;
	const char *sql = with_geom ? "SELECT count(*) FROM incidents WHERE geom IS NOT NULL"
	                            : "SELECT count(*) FROM incidents";
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK || sqlite3_step(s) != SQLITE_ROW)
		rc = geo_store_db_error(st, "counting incidents");
	else
		*n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return rc;
}

enum geo_status geo_store_log_import(geo_store *st, const char *file, long inserted, long updated)
{
	sqlite3_stmt *s = NULL;
	enum geo_status rc = GEO_OK;
	if (sqlite3_prepare_v2(st->db, "INSERT INTO import_log(file, inserted, updated) VALUES (?1,?2,?3)",
	                       -1, &s, NULL) != SQLITE_OK) {
		rc = geo_store_db_error(st, "logging the import");
		goto out;
	}
	bind_text(s, 1, file);
	sqlite3_bind_int64(s, 2, inserted);
	sqlite3_bind_int64(s, 3, updated);
	if (sqlite3_step(s) != SQLITE_DONE)
		rc = geo_store_db_error(st, "logging the import");
out:
	sqlite3_finalize(s);
	return rc;
}
