/* analysis_fixture.h — hand-made incidents for the analysis tests
 * (sequences, repeats): a fresh store in a temporary folder and a one-call
 * incident writer. Header-only; include after cmocka.h. */
#ifndef ANALYSIS_FIXTURE_H
#define ANALYSIS_FIXTURE_H

#include <math.h>
#include "geo/events.h"
#include "geo/geodesy.h"
#include "geo/store.h"
#include "tests/test_util.h"

struct fx {
	geo_ctx *ctx;
	geo_store *st;
	char dir[256];
	struct geo_events ev;
};

static inline void fx_open(struct fx *f)
{
	memset(f, 0, sizeof *f);
	snprintf(f->dir, sizeof f->dir, "%s", test_tmpdir());
	f->ctx = geo_ctx_new();
	assert_non_null(f->ctx);
	f->st = geo_store_open(f->ctx, test_path(f->dir, "s.sqlite"), 1);
	assert_non_null(f->st);
}

static inline void fx_close(struct fx *f)
{
	geo_events_free(&f->ev);
	geo_store_close(f->st);
	geo_ctx_free(f->ctx);
	test_rmtree(f->dir);
}

/* One incident. lon NAN: unlocated. time/word/pcode/fname/fid/notes may be
 * NULL; killed -1 = not stated. */
struct inc_spec {
	const char *id, *date, *time, *date_precision;
	double lon, lat;
	int precision;
	const char *word, *pcode, *ftype, *fname, *fid, *perp;
	int killed;
	const char *notes;
};

static inline void fx_put(struct fx *f, struct inc_spec s)
{
	struct geo_incident inc;
	geo_incident_init(&inc);
	assert_int_equal(geo_incident_set(&inc.id, s.id), GEO_OK);
	assert_int_equal(geo_incident_set(&inc.date, s.date), GEO_OK);
	assert_int_equal(geo_incident_set(&inc.time, s.time), GEO_OK);
	assert_int_equal(geo_incident_set(&inc.date_precision, s.date_precision ? s.date_precision : "day"), GEO_OK);
	assert_int_equal(geo_incident_set(&inc.facility_type, s.ftype ? s.ftype : "other"), GEO_OK);
	assert_int_equal(geo_incident_set(&inc.facility_name, s.fname), GEO_OK);
	assert_int_equal(geo_incident_set(&inc.facility_id, s.fid), GEO_OK);
	assert_int_equal(geo_incident_set(&inc.perpetrator, s.perp ? s.perp : "Syrian regime forces"), GEO_OK);
	assert_int_equal(geo_incident_set(&inc.notes, s.notes), GEO_OK);
	assert_int_equal(geo_incident_set(&inc.pcode, s.pcode), GEO_OK);
	assert_int_equal(geo_incident_set(&inc.place_name, s.pcode ? "Town" : NULL), GEO_OK);
	inc.killed = s.killed == 0 ? -1 : s.killed;
	if (!isnan(s.lon)) {
		inc.has_point = 1;
		inc.lon = s.lon;
		inc.lat = s.lat;
		inc.geo_precision = s.precision ? s.precision : 1;
		assert_int_equal(geo_incident_set(&inc.precision_word, s.word ? s.word : "point"), GEO_OK);
		assert_int_equal(geo_incident_set(&inc.geocode_status, GEO_GC_RESOLVED), GEO_OK);
	} else {
		assert_int_equal(geo_incident_set(&inc.geocode_status, GEO_GC_UNRESOLVED), GEO_OK);
	}
	assert_int_equal(geo_store_upsert_incident(f->st, &inc, NULL), GEO_OK);
	geo_incident_clear(&inc);
}

/* Reload the events from the store. */
static inline void fx_load(struct fx *f)
{
	geo_events_free(&f->ev);
	assert_int_equal(geo_events_load(f->st, &f->ev), GEO_OK);
}

/* The longitude `metres` east of (lon, lat) along the parallel, found by
 * bisection on the geodesic distance (to 1 mm). */
static inline double east_of(double lon, double lat, double metres)
{
	double lo = lon, hi = lon + 1.0;
	for (int i = 0; i < 80; i++) {
		double mid = (lo + hi) / 2;
		if (geo_geodesic_m(lon, lat, mid, lat) < metres)
			lo = mid;
		else
			hi = mid;
	}
	return (lo + hi) / 2;
}

/* SQL count helper. */
static inline long fx_count(struct fx *f, const char *sql)
{
	sqlite3_stmt *s = NULL;
	long n = -1;
	assert_int_equal(sqlite3_prepare_v2(geo_store_db(f->st), sql, -1, &s, NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

#endif
