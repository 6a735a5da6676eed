/* map_fixture.h — a small store and gazetteer for the map tests.
 *
 * The gazetteer is the export tests' one (fixture.h: OCHA governorates and
 * sub-districts from ../shared/data) plus a `places` table with a few main
 * towns. The store holds 16 incidents modelled on January 2018: several in
 * one town (Saraqab, Douma) so markers must be spread, a double strike 12
 * minutes apart, two repeat groups, every facility type, several
 * perpetrator classes, an Arabic place text, and two incidents without a
 * location. Sequence and repeat tables are added by map_fixture_analysis().
 * Header-only; include after cmocka.h, test_util.h and fixture.h. */
#ifndef TEST_LAYERS_MAP_FIXTURE_H
#define TEST_LAYERS_MAP_FIXTURE_H

/* Towns: name, Arabic name, lon, lat, population (GeoNames-style). */
static inline void map_fixture_towns(const char *gaz)
{
	static const char *sql =
		"CREATE TABLE places (id INTEGER PRIMARY KEY, pcode TEXT, kind TEXT, name_en TEXT NOT NULL,"
		" name_ar TEXT, admin1_pcode TEXT, lon REAL, lat REAL, population INTEGER);"
		"INSERT INTO places (kind, name_en, name_ar, lon, lat, population) VALUES"
		" ('community','Aleppo','حلب',37.16117,36.20124,1602264),"
		" ('community','Damascus','دمشق',36.29128,33.51020,1569394),"
		" ('community','Homs','حمص',36.72339,34.72682,775404),"
		" ('community','Hama','حماة',36.75783,35.13179,460602),"
		" ('community','Latakia','اللاذقية',35.79011,35.53168,340181),"
		" ('community','Deir ez-Zor','دير الزور',40.14084,35.33588,242565),"
		" ('community','Ar Raqqah','الرقة',39.00788,35.95283,177636),"
		" ('community','Idlib','إدلب',36.63393,35.93062,128840),"
		" ('community','Douma','دوما',36.40194,33.57167,110893),"
		" ('community','Dar''a','درعا',36.10628,32.61889,97969),"
		" ('community','Al Hasakah','الحسكة',40.74490,36.50240,188160),"
		" ('community','Tartus','طرطوس',35.88659,34.88902,89457),"
		" ('community','As Suwayda','السويداء',36.56959,32.70896,73641),"
		" ('community','Ma''arrat an Nu''man','معرة النعمان',36.67170,35.64370,58008),"
		" ('community','Saraqib','سراقب',36.80000,35.86444,33024),"
		" ('community','Harasta','حرستا',36.36250,33.55861,29000);";
	sqlite3 *db = NULL;
	if (sqlite3_open(gaz, &db) != SQLITE_OK || sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "map fixture: %s\n", db ? sqlite3_errmsg(db) : "open");
		abort();
	}
	sqlite3_close(db);
}

struct map_fixture_row {
	const char *id, *date, *time, *place, *place_name, *ftype, *perp;
	double lon, lat; /* 0, 0: no location */
	const char *facility;
};

static const struct map_fixture_row MAP_FIXTURE_ROWS[] = {
	{"t01", "2018-01-02", NULL, "Douma city, Eastern Ghouta", "Douma", "ambulance",
	 "Syrian regime forces", 36.40194, 33.57167, NULL},
	{"t02", "2018-01-03", "19:30", "Misraba town, Eastern Ghouta", "Misraba", "civil_defense",
	 "Russian forces", 36.37580, 33.54870, "Civil defence centre 270"},
	{"t03", "2018-01-03", NULL, "Ma'aret al Nu'man city", "Ma'arrat an Nu'man", "hospital",
	 "Russian forces", 36.67170, 35.64370, "al Salam Hospital"},
	{"t04", "2018-01-06", "14:00", "Hamouriya town, Eastern Ghouta", "Hamouriya", "hospital",
	 "Syrian regime forces", 36.36110, 33.52720, "al Quds Hospital"},
	{"t05", "2018-01-06", "14:00", "Hamouriya town, Eastern Ghouta", "Hamouriya", "medical_point",
	 "Syrian regime forces", 36.36110, 33.52720, "al Balsam Clinical Complex"},
	{"t06", "2018-01-08", NULL, "Kafr Zita town, northern suburbs of Hama", "Kafr Zita",
	 "hospital", "Syrian or Russian warplanes", 36.60300, 35.37530, "al Maghara Hospital"},
	{"t07", "2018-01-11", NULL, "Saraqeb city", "Saraqib", "civil_defense",
	 "Russian forces", 36.80000, 35.86444, "Saraqeb civil defence centre"},
	{"t08", "2018-01-14", NULL, "Kafr Zita town, northern suburbs of Hama", "Kafr Zita",
	 "hospital", "Syrian or Russian warplanes", 36.60300, 35.37530, "al Maghara Hospital"},
	{"t09", "2018-01-20", NULL, "Saraqeb city", "Saraqib", "civil_defense", "Russian forces",
	 36.80000, 35.86444, "Saraqeb civil defence centre"},
	{"t10", "2018-01-20", NULL, "Douma city, Eastern Ghouta", "Douma", "red_crescent",
	 "Syrian regime forces", 36.40194, 33.57167, "SARC centre"},
	{"t11", "2018-01-21", "12:00", "Saraqeb city", "Saraqib", "hospital", "Russian forces",
	 36.80000, 35.86444, "Oday Saraqeb Hospital"},
	{"t12", "2018-01-21", "12:12", "Saraqeb city", "Saraqib", "ambulance", "Russian forces",
	 36.80000, 35.86444, NULL},
	{"t13", "2018-01-24", NULL, "مدينة دير الزور", "Deir ez-Zor", "other", "ISIS", 40.14084,
	 35.33588, NULL},
	{"t14", "2018-01-27", NULL, "Afrin", "Afrin", "hospital", "Turkish army", 36.86750,
	 36.51170, "Afrin hospital"},
	{"t15", "2018-01-25", NULL, "a village near Khan Shaykhun", NULL, "medical_point",
	 "unidentified gunmen", 0, 0, NULL},
	{"t16", "2018-01-30", NULL, "somewhere in the eastern countryside", NULL, "ambulance",
	 "Syrian regime forces", 0, 0, NULL},
};
#define MAP_FIXTURE_N (sizeof MAP_FIXTURE_ROWS / sizeof MAP_FIXTURE_ROWS[0])
#define MAP_FIXTURE_LOCATED 14

static inline void map_fixture_store(const char *path)
{
	geo_ctx *ctx = geo_ctx_new();
	geo_store *st = geo_store_open(ctx, path, 1);
	if (!st)
		abort();
	for (size_t i = 0; i < MAP_FIXTURE_N; i++) {
		const struct map_fixture_row *r = &MAP_FIXTURE_ROWS[i];
		struct geo_incident inc;
		int located = r->lon != 0;
		geo_incident_init(&inc);
		if (geo_incident_set(&inc.id, r->id) || geo_incident_set(&inc.date, r->date) ||
		    geo_incident_set(&inc.time, r->time) || geo_incident_set(&inc.place_text, r->place) ||
		    geo_incident_set(&inc.place_name, r->place_name) ||
		    geo_incident_set(&inc.facility_type, r->ftype) ||
		    geo_incident_set(&inc.facility_name, r->facility) ||
		    geo_incident_set(&inc.perpetrator, r->perp) ||
		    geo_incident_set(&inc.source, "SNHR monthly report, January 2018 (test fixture)") ||
		    geo_incident_set(&inc.geocode_status, located ? GEO_GC_RESOLVED : GEO_GC_UNRESOLVED))
			abort();
		if (located) {
			inc.has_point = 1;
			inc.lon = r->lon;
			inc.lat = r->lat;
			inc.geo_precision = 1;
			if (geo_incident_set(&inc.precision_word, "community"))
				abort();
		}
		inc.killed = (int)(i % 3);
		if (geo_store_upsert_incident(st, &inc, NULL) != GEO_OK)
			abort();
		geo_incident_clear(&inc);
	}
	geo_store_close(st);
	geo_ctx_free(ctx);
}

/* The analysis tables: one double strike (t11 -> t12, 12 min), one
 * "tending the wounded" sequence whose first strike has no row (t01), and
 * two repeat groups (Saraqeb civil defence t07+t09, al Maghara t06+t08). */
static inline void map_fixture_analysis(const char *path)
{
	static const char *sql =
		"CREATE TABLE sequences (id TEXT PRIMARY KEY, type TEXT, gap_min INTEGER);"
		"CREATE TABLE sequence_members (sequence_id TEXT, incident_id TEXT, ord INTEGER);"
		"INSERT INTO sequences VALUES ('seq-1','double_strike',12),('seq-2','following_wounded',NULL);"
		"INSERT INTO sequence_members VALUES ('seq-1','t12',2),('seq-1','t11',1),('seq-2','t01',2);"
		"CREATE TABLE repeats (id TEXT PRIMARY KEY, facility TEXT, n INTEGER);"
		"CREATE TABLE repeat_members (repeat_id TEXT, incident_id TEXT);"
		"INSERT INTO repeats VALUES ('rep-1','Saraqeb civil defence centre',2),"
		" ('rep-2','al Maghara Hospital',2);"
		"INSERT INTO repeat_members VALUES ('rep-1','t07'),('rep-1','t09'),"
		" ('rep-2','t06'),('rep-2','t08');";
	sqlite3 *db = NULL;
	if (sqlite3_open(path, &db) != SQLITE_OK || sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "map fixture: %s\n", db ? sqlite3_errmsg(db) : "open");
		abort();
	}
	sqlite3_close(db);
}

#endif
