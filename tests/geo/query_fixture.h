/* query_fixture.h — a small hand-made store for the query and summary
 * tests: incidents with known dates, governorates, zones, perpetrators
 * (as written, including Arabic), facilities, points and precisions.
 * Header-only; include after cmocka.h and test_util.h. Coordinates are
 * approximate town points, good enough for distances between them. */
#ifndef QUERY_FIXTURE_H
#define QUERY_FIXTURE_H

#include "geo/store.h"

struct fx_row {
	const char *id, *date, *time, *admin1, *zone, *perpetrator, *facility_type, *facility_name,
		*facility_id, *category;
	int located;
	double lon, lat;
	int precision; /* 1..3 when located */
	int killed;    /* -1 not stated */
	int personnel_killed; /* -1: no attribute */
};

static const struct fx_row FX_ROWS[] = {
	{"a-salam", "2018-01-03", NULL, "SY07", "idlib", "Russian forces", "hospital",
	 "al Salam Hospital", NULL, "facility_attack", 1, 36.6747, 35.6476, 1, -1, -1},
	{"b-quds", "2018-01-06", "14:00", "SY03", "eastern_ghouta", "Syrian regime forces",
	 "hospital", "al Quds Hospital", NULL, "facility_attack", 1, 36.3597, 33.5281, 1, 0, -1},
	{"c-saraqeb-cd", "2018-01-20", "20:45", "SY07", "idlib",
	 "fixed-wing warplanes we believe were Russian", "civil_defense",
	 "Saraqeb civil defense center", "fac-saraqeb-cd", "facility_attack", 1, 36.8007, 35.8624,
	 1, -1, -1},
	{"d-saraqeb-cd-early", "2018-01-11", NULL, "SY07", "idlib", "Syrian regime forces",
	 "civil_defense", "Saraqeb Civil-Defense Centre", NULL, "facility_attack", 1, 36.8150,
	 35.8700, 2, -1, -1},
	{"e-krc", "2018-01-24", NULL, "SY02", NULL, "Turkish army", "red_crescent",
	 "Kurdish Red Crescent ambulance", NULL, "facility_attack", 1, 36.6920, 36.3960, 1, -1, -1},
	{"f-unplaced", "2018-01-26", NULL, "SY07", NULL, "unidentified", "ambulance", NULL, NULL,
	 "facility_attack", 0, 0, 0, 0, -1, -1},
	{"g-maghara", "2018-02-02", NULL, "SY05", "idlib", "Russian forces", "hospital",
	 "Martyr Hasan al A'raj Hospital", NULL, "facility_attack", 1, 36.6030, 35.3750, 1, 2, -1},
	{"h-arabic", "2018-01-15", NULL, "SY07", "idlib", "قوات النظام السوري", "hospital",
	 "مَشْفَى الرَّحْمَة", NULL, "facility_attack", 1, 36.6340, 35.9300, 3, -1, -1},
	{"i-medic", "2018-01-20", NULL, "SY03", "eastern_ghouta", "Syrian regime forces", "hospital",
	 NULL, NULL, "personnel_killed", 1, 36.3597, 33.5281, 1, 1, 1},
};
#define FX_N (sizeof FX_ROWS / sizeof FX_ROWS[0])

/* Open a new store in a fresh folder and fill it with FX_ROWS. */
static inline geo_store *fx_store(geo_ctx *ctx, const char **dir_out)
{
	const char *dir = test_tmpdir();
	geo_store *st = geo_store_open(ctx, test_path(dir, "fx.sqlite"), 1);
	assert_non_null(st);
	assert_int_equal(geo_store_begin(st), GEO_OK);
	for (size_t i = 0; i < FX_N; i++) {
		const struct fx_row *r = &FX_ROWS[i];
		struct geo_incident inc;
		geo_incident_init(&inc);
		assert_int_equal(geo_incident_set(&inc.id, r->id), GEO_OK);
		assert_int_equal(geo_incident_set(&inc.date, r->date), GEO_OK);
		assert_int_equal(geo_incident_set(&inc.time, r->time), GEO_OK);
		assert_int_equal(geo_incident_set(&inc.place_text, "somewhere"), GEO_OK);
		assert_int_equal(geo_incident_set(&inc.admin1_pcode, r->admin1), GEO_OK);
		assert_int_equal(geo_incident_set(&inc.zone, r->zone), GEO_OK);
		assert_int_equal(geo_incident_set(&inc.perpetrator, r->perpetrator), GEO_OK);
		assert_int_equal(geo_incident_set(&inc.facility_type, r->facility_type), GEO_OK);
		assert_int_equal(geo_incident_set(&inc.facility_name, r->facility_name), GEO_OK);
		assert_int_equal(geo_incident_set(&inc.facility_id, r->facility_id), GEO_OK);
		assert_int_equal(geo_incident_set(&inc.geocode_status,
		                                  r->located ? GEO_GC_RESOLVED : GEO_GC_UNRESOLVED),
		                 GEO_OK);
		if (r->located) {
			inc.has_point = 1;
			inc.lon = r->lon;
			inc.lat = r->lat;
			inc.geo_precision = r->precision;
		}
		inc.killed = r->killed;
		assert_int_equal(geo_incident_add_attr(&inc, "category", r->category), GEO_OK);
		if (r->personnel_killed >= 0) {
			char pk[16];
			snprintf(pk, sizeof pk, "%d", r->personnel_killed);
			assert_int_equal(geo_incident_add_attr(&inc, "personnel_killed", pk), GEO_OK);
		}
		assert_int_equal(geo_store_upsert_incident(st, &inc, NULL), GEO_OK);
		geo_incident_clear(&inc);
	}
	assert_int_equal(geo_store_commit(st), GEO_OK);
	*dir_out = dir;
	return st;
}

/* FNV-1a over every value of every row of `table` (ordered by rowid),
 * plus the schema: a change anywhere changes the sum. */
static inline unsigned long long fx_checksum(geo_store *st, const char *table)
{
	unsigned long long h = 1469598103934665603ULL;
	sqlite3_stmt *s = NULL;
	char sql[200];
	snprintf(sql, sizeof sql, "SELECT * FROM %s ORDER BY rowid", table);
	assert_int_equal(sqlite3_prepare_v2(geo_store_db(st), sql, -1, &s, NULL), SQLITE_OK);
	while (sqlite3_step(s) == SQLITE_ROW) {
		for (int i = 0; i < sqlite3_column_count(s); i++) {
			const unsigned char *p = sqlite3_column_blob(s, i);
			int n = sqlite3_column_bytes(s, i);
			h = (h ^ (unsigned)sqlite3_column_type(s, i)) * 1099511628211ULL;
			for (int k = 0; k < n; k++)
				h = (h ^ p[k]) * 1099511628211ULL;
		}
		h = (h ^ 0xffu) * 1099511628211ULL;
	}
	sqlite3_finalize(s);
	assert_int_equal(sqlite3_prepare_v2(geo_store_db(st),
	                                    "SELECT type, name, sql FROM sqlite_master ORDER BY name",
	                                    -1, &s, NULL), SQLITE_OK);
	while (sqlite3_step(s) == SQLITE_ROW)
		for (int i = 0; i < 3; i++) {
			const unsigned char *p = sqlite3_column_text(s, i);
			for (; p && *p; p++)
				h = (h ^ *p) * 1099511628211ULL;
		}
	sqlite3_finalize(s);
	return h;
}

/* The cmocka group fixture: a context and the store above in a fresh
 * temporary folder, removed at teardown. */
struct fx {
	geo_ctx *ctx;
	geo_store *st;
	const char *dir;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	f->ctx = geo_ctx_new();
	f->st = fx_store(f->ctx, &f->dir);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	char dir[256];
	snprintf(dir, sizeof dir, "%s", f->dir);
	geo_store_close(f->st);
	geo_ctx_free(f->ctx);
	free(f);
	test_rmtree(dir);
	return 0;
}

#endif
