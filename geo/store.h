/* store.h — the SpatiaLite store: one database file (WAL mode) holding the
 * incidents and everything derived from them.
 *
 * Tables created here (the schema is documented in docs/schema.md):
 *   incidents            one row per incident, geom POINT EPSG:4326 (NULL
 *                        when unresolved), unknown input columns in `attrs`
 *                        (a JSON object)
 *   import_log           one row per accepted import
 * Other modules add their own tables (sequences, repeats, facilities, base
 * layers) through geo_store_db(); they create them IF NOT EXISTS.
 *
 * SpatiaLite is loaded through spatialite_alloc_connection /
 * spatialite_init_ex (reentrant), never the global init. */
#ifndef GEO_STORE_H
#define GEO_STORE_H

#include <sqlite3.h>
#include "geo/ctx.h"
#include "geo/incident.h"

typedef struct geo_store geo_store;

/* Open the store at `path`, creating the file and schema when `create` is
 * non-zero (an existing store is upgraded in place). Returns NULL with the
 * context error set (naming the path) on failure. Close with
 * geo_store_close(). */
geo_store *geo_store_open(geo_ctx *ctx, const char *path, int create);
/* Close; NULL does nothing. An open transaction is rolled back. */
void geo_store_close(geo_store *st);

/* The SQLite connection (SpatiaLite functions loaded). Borrowed. */
sqlite3 *geo_store_db(geo_store *st);
/* The context the store was opened with. Borrowed. */
geo_ctx *geo_store_ctx(geo_store *st);

/* Transactions: begin / commit / rollback. Rollback never fails
 * visibly (it is used on error paths). */
enum geo_status geo_store_begin(geo_store *st) GEO_WUR;
enum geo_status geo_store_commit(geo_store *st) GEO_WUR;
void geo_store_rollback(geo_store *st);

/* Run SQL with no results (DDL, maintenance). Errors name the statement. */
enum geo_status geo_store_exec(geo_store *st, const char *sql) GEO_WUR;

/* Insert an incident, or replace the stored one with the same id (its
 * derived rows in other tables are left to their own modules to refresh).
 * *updated (may be NULL) is set to 1 when a row with that id existed. */
enum geo_status geo_store_upsert_incident(geo_store *st, const struct geo_incident *inc,
                                          int *updated) GEO_WUR;

/* Load incidents into `out` (appended), ordered by date, time, id.
 * `where` is an optional SQL condition over the incidents table (NULL for
 * all); it must be a constant written by the program, never user text: user
 * values go through bound parameters in the query module. */
enum geo_status geo_store_load_incidents(geo_store *st, const char *where,
                                         struct geo_incident_list *out) GEO_WUR;

/* Number of incidents; with_geom counts only located ones. */
enum geo_status geo_store_count_incidents(geo_store *st, int with_geom, long *n) GEO_WUR;

/* Record an accepted import: file, rows inserted, rows updated. */
enum geo_status geo_store_log_import(geo_store *st, const char *file, long inserted,
                                     long updated) GEO_WUR;

/* Set ctx error from the connection's last error: "<what>: <sqlite msg>". */
enum geo_status geo_store_db_error(geo_store *st, const char *what);

#endif
