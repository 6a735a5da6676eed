/* test_build.c — the gazetteer database built by `strikemap gazetteer build`
 * (the build-time target, $STRIKEMAP_GAZETTEER) checked against the
 * reference data, plus reduced builds and refused builds run here.
 *
 * Tests that need the full gazetteer skip when the build-time one is reduced
 * (no ../shared/data on this machine). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <sqlite3.h>
#include <spatialite.h>
#include <sys/stat.h>

#include "gazetteer/build.h"
#include "tests/test_util.h"

#define CURATED STRIKEMAP_SOURCE_DIR "/gazetteer/curated/places.csv"

static sqlite3 *db;
static void *splite;
static int full; /* 1 when the build-time gazetteer is a full one */

static double km(double lon1, double lat1, double lon2, double lat2)
{
	const double k = M_PI / 180.0;
	double a = sin((lat2 - lat1) * k / 2) * sin((lat2 - lat1) * k / 2) +
	           cos(lat1 * k) * cos(lat2 * k) * sin((lon2 - lon1) * k / 2) * sin((lon2 - lon1) * k / 2);
	return 2 * 6371.0088 * asin(sqrt(a));
}

static sqlite3 *open_db(const char *path, void **cache)
{
	sqlite3 *d = NULL;
	if (sqlite3_open_v2(path, &d, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		fprintf(stderr, "cannot open %s\n", path);
		sqlite3_close(d);
		return NULL;
	}
	*cache = spatialite_alloc_connection();
	spatialite_init_ex(d, *cache, 0);
	return d;
}

static void close_db(sqlite3 *d, void *cache)
{
	sqlite3_close(d);
	if (cache)
		spatialite_cleanup_ex(cache);
}

/* One integer from SQL with one optional text parameter. */
static long q_long(sqlite3 *d, const char *sql, const char *param)
{
	sqlite3_stmt *s = NULL;
	long v = -1;
	if (sqlite3_prepare_v2(d, sql, -1, &s, NULL) != SQLITE_OK) {
		fprintf(stderr, "%s: %s\n", sql, sqlite3_errmsg(d));
		return -999;
	}
	if (param)
		sqlite3_bind_text(s, 1, param, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

static const char *meta(sqlite3 *d, const char *key)
{
	static char v[256];
	sqlite3_stmt *s = NULL;
	v[0] = '\0';
	if (sqlite3_prepare_v2(d, "SELECT value FROM meta WHERE key=?", -1, &s, NULL) == SQLITE_OK) {
		sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
		if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
			snprintf(v, sizeof v, "%s", (const char *)sqlite3_column_text(s, 0));
	}
	sqlite3_finalize(s);
	return v;
}

static int setup(void **state)
{
	const char *path = getenv("STRIKEMAP_GAZETTEER");
	(void)state;
	if (!path || !*path) {
		fprintf(stderr, "STRIKEMAP_GAZETTEER is not set\n");
		return -1;
	}
	db = open_db(path, &splite);
	if (!db)
		return -1;
	full = strcmp(meta(db, "reduced"), "0") == 0;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	close_db(db, splite);
	return 0;
}

/* The OCHA community point of a code, read from the reference CSV (the
 * last three fields are lon, lat, pplp_index). 1 when found. */
static int ocha_point(const char *code, double *lon, double *lat)
{
	char path[600], line[1024], prefix[16];
	FILE *f;
	int found = 0;
	snprintf(path, sizeof path, "%s/ocha/syr_communities_points.csv", test_shared_data());
	snprintf(prefix, sizeof prefix, "%s,", code);
	f = fopen(path, "r");
	if (!f)
		return 0;
	while (!found && fgets(line, sizeof line, f))
		if (strncmp(line, prefix, strlen(prefix)) == 0) {
			char *c3 = strrchr(line, ','), *c2, *c1;
			*c3 = '\0';
			c2 = strrchr(line, ',');
			*c2 = '\0';
			c1 = strrchr(line, ',');
			*lon = atof(c1 + 1);
			*lat = atof(c2 + 1);
			found = 1;
		}
	fclose(f);
	return found;
}

static void test_admin_areas(void **state)
{
	(void)state;
	if (!full)
		skip();
	assert_int_equal(q_long(db, "SELECT count(*) FROM admin_areas WHERE level=1", NULL), 14);
	/* the curated list's reported governorates: Rukban camp, Homs */
	assert_int_equal(q_long(db, "SELECT count(*) FROM reported_admin1 r JOIN places p ON p.id=r.place_id "
	                            "WHERE p.pcode='C6674' AND r.admin1_pcode='SY04' AND r.source='curated'", NULL), 1);
	assert_int_equal(q_long(db, "SELECT count(*) FROM admin_areas WHERE level=2", NULL), 62);
	assert_int_equal(q_long(db, "SELECT count(*) FROM admin_areas WHERE level=3", NULL), 272);
	assert_int_equal(q_long(db, "SELECT count(*) FROM admin_areas WHERE geom IS NULL OR "
	                            "ST_IsValid(geom) != 1 OR GeometryType(geom) != 'MULTIPOLYGON'",
	                        NULL), 0);
	/* every area has a place of the same code and kind, with names */
	assert_int_equal(q_long(db, "SELECT count(*) FROM admin_areas a WHERE NOT EXISTS (SELECT 1 "
	                            "FROM places p WHERE p.pcode=a.pcode AND p.kind=CASE a.level WHEN 1 "
	                            "THEN 'governorate' WHEN 2 THEN 'district' ELSE 'subdistrict' END)",
	                        NULL), 0);
	/* Arabic names of every governorate, district and sub-district */
	assert_int_equal(q_long(db, "SELECT count(*) FROM admin_areas WHERE name_ar IS NULL", NULL), 0);
	/* districts are the union of their sub-districts: same area (within 0.1%) */
	assert_int_equal(q_long(db, "SELECT count(*) FROM admin_areas d WHERE d.level=2 AND abs("
	                            "ST_Area(d.geom) - (SELECT sum(ST_Area(s.geom)) FROM admin_areas s "
	                            "WHERE s.level=3 AND substr(s.pcode,1,6)=d.pcode)) > 0.001*ST_Area(d.geom)",
	                        NULL), 0);
	/* the repaired sub-districts stay inside their governorate (by centroid) */
	assert_int_equal(q_long(db, "SELECT count(*) FROM admin_areas s JOIN admin_areas g ON "
	                            "g.pcode=s.admin1_pcode WHERE s.level=3 AND "
	                            "ST_Covers(g.geom, ST_PointOnSurface(s.geom)) != 1", NULL), 0);
}

struct town {
	const char *pcode;
	const char *names[6]; /* each must be a name of that one place */
	const char *admin1;
	double lon, lat;      /* when the OCHA points file has no point: the expected one */
};

static const struct town towns[] = {
	{"C3916", {"Saraqab", "Saraqib", "Saraqeb", "سراقب", NULL}, "SY07", 0, 0},
	{"C3463", {"Kafr Zeita", "Kafr Zita", "Kafar Zita", "كفر زيتا", "كفرزيتا", NULL}, "SY05", 0, 0},
	{"C2338", {"Duma", "Douma", "دوما", NULL}, "SY03", 0, 0},
	{"C3985", {"Ma'arrat An Nu'man", "Ma'aret al Nu'man", "معرة النعمان", NULL}, "SY07", 0, 0},
	{"C1564", {"Azaz", "Izaz", "A'zaz", "أعزاز", NULL}, "SY02", 0, 0},
	{"C1426", {"Jandairis", "Jneidres", "Jindires", "جنديرس", NULL}, "SY02", 0, 0},
	{"C2316", {"Hammura", "Hamouriya", NULL}, "SY03", 0, 0},
	{"C2343", {"Modira", "Madyara", NULL}, "SY03", 0, 0},
	{"C3977", {"Jarjnaz", "Jarjanaz", "جرجناز", NULL}, "SY07", 0, 0},
	{"C3925", {"Khan Elsobol", "Khan al Sebel", NULL}, "SY07", 0, 0},
	{"C3947", {"Ma'aret Misreen", "معرة مصرين", NULL}, "SY07", 0, 0},
	{"C1168", {"Jazraya", "Jezraya", NULL}, "SY02", 0, 0},
	{"C3275", {"As-Saan", "al Se'in", "السعن", NULL}, "SY05", 0, 0},
	{"C4126", {"Dana", "al Dana", "الدانا", NULL}, "SY07", 0, 0},
	{"C3871", {"Idleb", "Idlib", "إدلب", NULL}, "SY07", 0, 0},
	/* no OCHA point: GeoNames 173311 Al Ghantu; Syrian Archive "latameh" */
	{"C2885", {"Ghanto", "Al Ghantu", "al Ghanto", NULL}, "SY04", 36.69613, 34.82202},
	{"C3458", {"Latmana", "al Latamena", "اللطامنة", NULL}, "SY05", 36.621766, 35.326749},
};

static void test_known_towns(void **state)
{
	(void)state;
	if (!full)
		skip();
	for (size_t i = 0; i < sizeof towns / sizeof towns[0]; i++) {
		const struct town *t = &towns[i];
		sqlite3_stmt *s = NULL;
		double lon = t->lon, lat = t->lat, plon, plat;
		long id;
		char sql[512];
		if (lon == 0)
			assert_true(ocha_point(t->pcode, &lon, &lat));
		/* exactly one place with the code */
		assert_int_equal(q_long(db, "SELECT count(*) FROM places WHERE pcode=?", t->pcode), 1);
		id = q_long(db, "SELECT id FROM places WHERE pcode=?", t->pcode);
		assert_int_equal(sqlite3_prepare_v2(db, "SELECT lon, lat, admin1_pcode, kind FROM places "
		                                    "WHERE id=?", -1, &s, NULL), SQLITE_OK);
		sqlite3_bind_int64(s, 1, id);
		assert_int_equal(sqlite3_step(s), SQLITE_ROW);
		plon = sqlite3_column_double(s, 0);
		plat = sqlite3_column_double(s, 1);
		if (km(plon, plat, lon, lat) > 2.0)
			fail_msg("%s: %.5f,%.5f is %.1f km from the reference point %.5f,%.5f", t->pcode,
			         plon, plat, km(plon, plat, lon, lat), lon, lat);
		assert_string_equal((const char *)sqlite3_column_text(s, 2), t->admin1);
		assert_string_equal((const char *)sqlite3_column_text(s, 3), "community");
		sqlite3_finalize(s);
		for (int k = 0; t->names[k]; k++) {
			/* the name belongs to this place... */
			snprintf(sql, sizeof sql, "SELECT count(*) FROM names WHERE place_id=%ld AND name=?", id);
			if (q_long(db, sql, t->names[k]) < 1)
				fail_msg("%s: no name \"%s\"", t->pcode, t->names[k]);
			/* ...and to no other town or neighbourhood within 10 km: no duplicate */
			snprintf(sql, sizeof sql,
			         "SELECT count(DISTINCT p.id) FROM places p JOIN names n ON n.place_id=p.id "
			         "WHERE n.name=? AND p.id != %ld AND p.kind IN ('community','neighbourhood') "
			         "AND abs(p.lon - %f) < 0.1 AND abs(p.lat - %f) < 0.09", id, lon, lat);
			if (q_long(db, sql, t->names[k]) != 0)
				fail_msg("%s: \"%s\" is also the name of another place nearby", t->pcode,
				         t->names[k]);
		}
	}
	/* names from several sources for the big merges */
	assert_true(q_long(db, "SELECT count(DISTINCT n.source) FROM names n JOIN places p ON "
	                       "p.id=n.place_id WHERE p.pcode=?", "C3916") >= 4);
	assert_true(q_long(db, "SELECT count(DISTINCT n.source) FROM names n JOIN places p ON "
	                       "p.id=n.place_id WHERE p.pcode=?", "C3463") >= 4);
	assert_true(q_long(db, "SELECT count(DISTINCT n.source) FROM names n JOIN places p ON "
	                       "p.id=n.place_id WHERE p.pcode=?", "C2338") >= 4);
}

static void test_duma_and_douma(void **state)
{
	double a_lon, a_lat, b_lon, b_lat;
	(void)state;
	if (!full)
		skip();
	/* Duma (Hama, Hamra sub-district) and Douma (Rural Damascus) are two places */
	assert_int_equal(q_long(db, "SELECT count(*) FROM places WHERE pcode='C3076' AND "
	                            "admin1_pcode='SY05' AND admin3_pcode='SY050103'", NULL), 1);
	assert_int_equal(q_long(db, "SELECT count(*) FROM places WHERE pcode='C2338' AND "
	                            "admin1_pcode='SY03' AND admin3_pcode='SY030200'", NULL), 1);
	assert_true(ocha_point("C3076", &a_lon, &a_lat));
	assert_true(ocha_point("C2338", &b_lon, &b_lat));
	assert_true(km(a_lon, a_lat, b_lon, b_lat) > 100);
	/* the GeoNames "Douma" went to Rural Damascus, not to Hama */
	assert_int_equal(q_long(db, "SELECT count(*) FROM names n JOIN places p ON p.id=n.place_id "
	                            "WHERE n.name='Douma' AND n.source='geonames' AND p.pcode='C2338'",
	                        NULL), 1);
	assert_int_equal(q_long(db, "SELECT count(*) FROM names n JOIN places p ON p.id=n.place_id "
	                            "WHERE n.name='Douma' AND p.admin1_pcode='SY05'", NULL), 0);
	/* Syrian Archive's Hama "Duma" (ضيعة دوما) joined the Hama place */
	assert_int_equal(q_long(db, "SELECT count(*) FROM names n JOIN places p ON p.id=n.place_id "
	                            "WHERE n.name='ضيعة دوما' AND p.pcode='C3076'", NULL), 1);
}

static void test_every_place(void **state)
{
	(void)state;
	if (!full)
		skip();
	assert_int_equal(q_long(db, "SELECT count(*) FROM places WHERE admin1_pcode IS NULL OR "
	                            "admin1_pcode NOT IN (SELECT pcode FROM admin_areas WHERE level=1)",
	                        NULL), 0);
	assert_int_equal(q_long(db, "SELECT count(*) FROM places WHERE kind IN ('community',"
	                            "'neighbourhood','landmark','subdistrict') AND (admin3_pcode IS NULL "
	                            "OR substr(admin3_pcode,1,4) != admin1_pcode)", NULL), 0);
	assert_int_equal(q_long(db, "SELECT count(*) FROM places WHERE geom IS NULL OR "
	                            "abs(X(geom)-lon) > 1e-9 OR abs(Y(geom)-lat) > 1e-9", NULL), 0);
	assert_int_equal(q_long(db, "SELECT count(*) FROM places WHERE point_source NOT IN "
	                            "('ocha_points','geonames','osm','syrianarchive','opensyria_centroid',"
	                            "'polygon_centroid','curated','subdistrict_centroid','parent_point',"
	                            "'district_centroid')",
	                        NULL), 0);
	assert_int_equal(q_long(db, "SELECT count(*) FROM names WHERE source NOT IN ('ocha_communities',"
	                            "'ocha_points','ocha_admin','geonames','opensyria','osm',"
	                            "'syrianarchive','curated') OR lang NOT IN ('en','ar') OR type NOT "
	                            "IN ('official','alternate','alias','formal','report')", NULL), 0);
	/* every place has a name row; a community's parent is its sub-district
	 * (its district when the 2018 sub-district code has no polygon) */
	assert_int_equal(q_long(db, "SELECT count(*) FROM places p WHERE NOT EXISTS (SELECT 1 FROM "
	                            "names n WHERE n.place_id=p.id)", NULL), 0);
	assert_int_equal(q_long(db, "SELECT count(*) FROM places c JOIN places s ON s.id=c.parent_id "
	                            "WHERE c.pcode LIKE 'C%' AND c.point_source != 'district_centroid' "
	                            "AND (s.kind != 'subdistrict' OR s.pcode != c.admin3_pcode)", NULL), 0);
	assert_int_equal(q_long(db, "SELECT count(*) FROM places c JOIN places s ON s.id=c.parent_id "
	                            "WHERE c.point_source = 'district_centroid' AND (s.kind != 'district' "
	                            "OR s.pcode != substr(c.admin3_pcode,1,6) OR c.lon != s.lon)", NULL), 0);
	assert_true(q_long(db, "SELECT count(*) FROM places WHERE point_source='district_centroid'",
	                   NULL) <= 65);
	assert_int_equal(q_long(db, "SELECT count(*) FROM places WHERE kind != 'governorate' AND "
	                            "parent_id IS NULL", NULL), 0);
	/* one place per community code */
	assert_int_equal(q_long(db, "SELECT count(*) FROM (SELECT pcode FROM places WHERE pcode IS "
	                            "NOT NULL GROUP BY pcode HAVING count(*) > 1)", NULL), 0);
	/* 5,622 OCHA communities, each once */
	assert_true(q_long(db, "SELECT count(*) FROM places WHERE kind='community' AND pcode LIKE 'C%'",
	                   NULL) >= 5622);
	/* plenty of Arabic names, and Arabic names of the report's towns */
	assert_true(q_long(db, "SELECT count(*) FROM names WHERE lang='ar'", NULL) > 3000);
	assert_true(q_long(db, "SELECT count(*) FROM places WHERE kind='community' AND name_ar IS "
	                       "NOT NULL", NULL) > 2000);
	/* community points checked against their sub-district: the sampled
	 * OCHA points lie inside or within 2 km of it */
	assert_int_equal(q_long(db, "SELECT count(*) FROM places p JOIN admin_areas a ON "
	                            "a.pcode=p.admin3_pcode WHERE p.point_source='ocha_points' AND "
	                            "p.id % 25 = 0 AND ST_Distance(a.geom, p.geom) > 0.02", NULL), 0);
	/* the build recorded itself */
	assert_string_equal(meta(db, "reduced"), "0");
	assert_true(atof(meta(db, "build_seconds")) < 30.0);
	assert_int_equal(atol(meta(db, "places")), q_long(db, "SELECT count(*) FROM places", NULL));
	assert_int_equal(atol(meta(db, "names")), q_long(db, "SELECT count(*) FROM names", NULL));
	assert_int_equal(atol(meta(db, "ocha_communities")), 5622);
	assert_int_equal(atol(meta(db, "geonames_rows")), 290);
	assert_int_equal(atol(meta(db, "syrianarchive_rows")), 819);
	assert_int_equal(atol(meta(db, "osm_rows")), 2455);
}

/* ------------------------------------------------------- builds in here */

static void test_reduced_build(void **state)
{
	const char *dir = test_tmpdir();
	const char *out = test_path(dir, "g.sqlite");
	struct geo_gaz_build_opts o = {test_path(dir, "no-such-folder"), CURATED, out, NULL, NULL, NULL};
	struct geo_gaz_build_stats st;
	geo_ctx *ctx = geo_ctx_new();
	sqlite3 *d;
	void *cache;
	double lon, lat;
	(void)state;
	assert_int_equal(geo_gaz_build(ctx, &o, &st), GEO_OK);
	assert_int_equal(st.reduced, 1);
	assert_true(st.places >= 40);
	assert_int_equal(st.admin_areas, 0);
	d = open_db(out, &cache);
	assert_non_null(d);
	assert_string_equal(meta(d, "reduced"), "1");
	assert_int_equal(q_long(d, "SELECT count(*) FROM places WHERE kind='governorate'", NULL), 14);
	assert_int_equal(q_long(d, "SELECT count(*) FROM places WHERE kind='governorate' AND "
	                           "name_ar IS NOT NULL", NULL), 14);
	assert_int_equal(q_long(d, "SELECT count(*) FROM places WHERE admin1_pcode IS NULL", NULL), 0);
	assert_int_equal(q_long(d, "SELECT count(*) FROM places WHERE point_source != 'curated'",
	                        NULL), 0);
	/* (a curated row without a point is left out: it only names a place
	 * of the reference data) */
	assert_int_equal(q_long(d, "SELECT count(*) FROM places WHERE pcode='C2348'", NULL), 0);
	/* (one with a point is a place of its own: al-Baghuz) */
	assert_int_equal(q_long(d, "SELECT count(*) FROM places WHERE pcode='C5184'", NULL), 1);
	/* aliases the reports use */
	assert_int_equal(q_long(d, "SELECT count(*) FROM names n JOIN places p ON p.id=n.place_id "
	                           "WHERE n.name='Damascus suburbs' AND p.pcode='SY03'", NULL), 1);
	assert_int_equal(q_long(d, "SELECT count(*) FROM names n JOIN places p ON p.id=n.place_id "
	                           "WHERE n.name='Rif Dimashq' AND p.pcode='SY03'", NULL), 1);
	assert_int_equal(q_long(d, "SELECT count(*) FROM names n JOIN places p ON p.id=n.place_id "
	                           "WHERE n.name='Izaz' AND p.pcode='C1564'", NULL), 1);
	assert_int_equal(q_long(d, "SELECT count(*) FROM names n JOIN places p ON p.id=n.place_id "
	                           "WHERE n.name='Hamouriya' AND p.pcode='C2316'", NULL), 1);
	/* the curated points agree with the reference data (when present) */
	if (ocha_point("C2338", &lon, &lat)) {
		for (size_t i = 0; i < sizeof towns / sizeof towns[0]; i++) {
			char sql[200];
			double rl = towns[i].lon, rt = towns[i].lat;
			if (rl == 0)
				assert_true(ocha_point(towns[i].pcode, &rl, &rt));
			snprintf(sql, sizeof sql, "SELECT count(*) FROM places WHERE pcode=? AND "
			         "abs(lon - %f) < 0.02 AND abs(lat - %f) < 0.018", rl, rt);
			if (q_long(d, sql, towns[i].pcode) != 1)
				fail_msg("curated %s is missing or more than ~2 km from the reference point",
				         towns[i].pcode);
		}
	}
	/* every community the built-in January 2018 incidents need (the
	 * hand-checked expectations of the dataset) is in the reduced gazetteer,
	 * within 2 km of the expected point */
	{
		FILE *f = fopen(STRIKEMAP_SOURCE_DIR "/tests/data/expected-2018-01.csv", "r");
		char line[1024];
		int rows = 0;
		assert_non_null(f);
		assert_non_null(fgets(line, sizeof line, f)); /* header */
		while (fgets(line, sizeof line, f)) {
			/* id,pcode,name,admin3_pcode,lon,lat,point_source */
			char *fld[7], *p = line, sql[256];
			int n = 0;
			while (n < 7 && p) {
				fld[n++] = p;
				p = strchr(p, ',');
				if (p)
					*p++ = '\0';
			}
			if (n < 6)
				continue;
			rows++;
			snprintf(sql, sizeof sql, "SELECT count(*) FROM places WHERE pcode=? AND "
			         "abs(lon - %s) < 0.022 AND abs(lat - %s) < 0.018", fld[4], fld[5]);
			if (q_long(d, sql, fld[1]) != 1)
				fail_msg("%s: the reduced gazetteer lacks %s (%s) near %s,%s", fld[0], fld[1],
				         fld[2], fld[4], fld[5]);
		}
		fclose(f);
		assert_true(rows >= 24);
	}
	close_db(d, cache);
	geo_ctx_free(ctx);
	test_rmtree(dir);
}

static void test_missing_output_folder(void **state)
{
	const char *dir = test_tmpdir();
	struct geo_gaz_build_opts o = {NULL, CURATED, test_path(dir, "nope/g.sqlite"), NULL, NULL, NULL};
	struct geo_gaz_build_stats st;
	geo_ctx *ctx = geo_ctx_new();
	(void)state;
	assert_int_equal(geo_gaz_build(ctx, &o, &st), GEO_ERR_IO);
	assert_non_null(strstr(geo_ctx_error_message(ctx), "nope does not exist"));
	geo_ctx_free(ctx);
	test_rmtree(dir);
}

/* A malformed source file refuses the build and leaves the old output. */
static void test_bad_source_keeps_output(void **state)
{
	const char *dir = test_tmpdir();
	const char *out = test_path(dir, "g.sqlite");
	char src[512], path[600];
	struct geo_gaz_build_opts o = {0};
	struct geo_gaz_build_stats st;
	geo_ctx *ctx = geo_ctx_new();
	FILE *f;
	char buf[16] = {0};
	(void)state;
	snprintf(src, sizeof src, "%s/src", dir);
	mkdir(src, 0755);
	snprintf(path, sizeof path, "%s/ocha", src);
	mkdir(path, 0755);
	snprintf(path, sizeof path, "%s/ocha/syr_admin1.geojson", src);
	test_write_file(path, "{\"type\": \"FeatureCollection\", \"features\": [ {oops");
	test_write_file(out, "old gazetteer");
	o.sources = src;
	o.curated = CURATED;
	o.output = out;
	assert_int_not_equal(geo_gaz_build(ctx, &o, &st), GEO_OK);
	assert_non_null(strstr(geo_ctx_error_message(ctx), "syr_admin1.geojson"));
	f = fopen(out, "r");
	assert_non_null(f);
	assert_non_null(fgets(buf, sizeof buf, f));
	fclose(f);
	assert_string_equal(buf, "old gazetteer");
	/* no temporary file left behind */
	{
		char cmd[700];
		snprintf(cmd, sizeof cmd, "ls '%s' | grep -q tmp-", dir);
		assert_int_not_equal(system(cmd), 0);
	}
	geo_ctx_free(ctx);
	test_rmtree(dir);
}

/* A source folder with some files missing names the first missing one. */
static void test_missing_source_file(void **state)
{
	const char *dir = test_tmpdir();
	char src[512], path[600], target[700];
	struct geo_gaz_build_opts o = {0};
	struct geo_gaz_build_stats st;
	geo_ctx *ctx = geo_ctx_new();
	(void)state;
	snprintf(target, sizeof target, "%s/ocha/syr_admin1.geojson", test_shared_data());
	if (access(target, R_OK) != 0) {
		geo_ctx_free(ctx);
		test_rmtree(dir);
		skip();
	}
	snprintf(src, sizeof src, "%s/src", dir);
	mkdir(src, 0755);
	snprintf(path, sizeof path, "%s/ocha", src);
	mkdir(path, 0755);
	snprintf(path, sizeof path, "%s/ocha/syr_admin1.geojson", src);
	assert_int_equal(symlink(target, path), 0);
	o.sources = src;
	o.curated = CURATED;
	o.output = test_path(dir, "g.sqlite");
	assert_int_equal(geo_gaz_build(ctx, &o, &st), GEO_ERR_NOTFOUND);
	assert_non_null(strstr(geo_ctx_error_message(ctx), "syr_admin3.geojson"));
	assert_int_not_equal(access(o.output, F_OK), 0);
	geo_ctx_free(ctx);
	test_rmtree(dir);
}

/* The curated quarters (gazetteer/curated/quarters.csv): a quarter no
 * source holds is a neighbourhood of its city at the city's point; one a
 * source holds near its city gets the curated names and keeps its point. */
static void test_quarters(void **state)
{
	(void)state;
	if (!full)
		skip();
	assert_true(atol(meta(db, "quarters_added")) > 50);
	assert_true(atol(meta(db, "quarters_merged")) > 10);
	/* al-Sakhour: at Aleppo's point, a child of the city */
	assert_int_equal(q_long(db, "SELECT count(*) FROM places q JOIN places c ON c.id=q.parent_id "
	                            "WHERE q.name_en='al-Sakhour' AND q.kind='neighbourhood' AND "
	                            "q.point_source='parent_point' AND c.pcode='C1007' AND q.lon=c.lon "
	                            "AND q.lat=c.lat AND q.admin3_pcode=c.admin3_pcode",
	                        NULL), 1);
	assert_int_equal(q_long(db, "SELECT count(*) FROM names n JOIN places p ON p.id=n.place_id "
	                            "WHERE p.name_en='al-Sakhour' AND n.name='الصاخور' AND "
	                            "n.source='curated'", NULL), 1);
	/* the Syrian Archive's Sha'ar: the curated al-Shaar joined it, its point kept */
	assert_int_equal(q_long(db, "SELECT count(*) FROM names n JOIN places p ON p.id=n.place_id "
	                            "WHERE p.name_en='Sha''ar' AND n.name='al-Shaar' AND "
	                            "n.source='curated' AND p.point_source='syrianarchive'", NULL), 1);
	/* one al-Qusour per city: Homs (the Syrian Archive's), Hama, Deir ez-Zor */
	assert_int_equal(q_long(db, "SELECT count(DISTINCT p.admin1_pcode) FROM names n JOIN places p "
	                            "ON p.id=n.place_id WHERE n.name='al-Qusour' AND n.source='curated'",
	                        NULL), 3);
}

/* A 2018 sub-district code the 2019 polygons lack (Banyas district's
 * Anaza, Qadmous, Hamam Wasil, Tawahin, now of Qadmous district) is the
 * sub-district of its name: the town Qadmous is in it, with GeoNames'
 * point (it was at Banyas district's centroid, 15 km west) */
static void test_recoded_subdistricts(void **state)
{
	(void)state;
	if (!full)
		skip();
	assert_int_equal(q_long(db, "SELECT count(*) FROM places WHERE pcode='C5404' AND "
	                            "admin3_pcode='SY100602' AND admin2_pcode='SY1006' AND "
	                            "point_source='geonames'", NULL), 1);
	assert_int_equal(q_long(db, "SELECT count(*) FROM places WHERE kind='community' AND "
	                            "point_source='district_centroid'", NULL), 0);
}

/* A curated row without a point names a place of the reference data: its
 * names join the place, whose point stays its own (OCHA's Otayba has none:
 * its sub-district's centroid); a curated point is used for a place that
 * has none (OCHA's Upper Baguz, al-Baghuz). */
static void test_curated_names_only(void **state)
{
	(void)state;
	if (!full)
		skip();
	assert_int_equal(q_long(db, "SELECT count(*) FROM names n JOIN places p ON p.id=n.place_id "
	                            "WHERE p.pcode='C2348' AND n.name='العتيبة' AND n.source='curated' AND "
	                            "p.point_source='subdistrict_centroid'", NULL), 1);
	assert_int_equal(q_long(db, "SELECT count(*) FROM names n JOIN places p ON p.id=n.place_id "
	                            "WHERE p.pcode='C5184' AND n.name='الباغوز' AND n.source='curated' AND "
	                            "p.point_source='curated'", NULL), 1);
	assert_int_equal(q_long(db, "SELECT count(*) FROM names n JOIN places p ON p.id=n.place_id "
	                            "WHERE p.pcode='C3974' AND n.name='Talmenes' AND n.source='curated' AND "
	                            "p.point_source='ocha_points'", NULL), 1);
}

/* A community whose 2018 sub-district code the 2019 polygons lack (Banyas
 * district) takes the point of the GeoNames town of its name in the
 * governorate, rather than its district's centroid: Tawahin, Kaf Eljaa. */
static void test_recoded_communities(void **state)
{
	(void)state;
	if (!full)
		skip();
	assert_int_equal(q_long(db, "SELECT count(*) FROM places WHERE pcode IN ('C5439','C5426') AND "
	                            "point_source='geonames'", NULL), 2);
	assert_int_equal(q_long(db, "SELECT count(*) FROM names n JOIN places p ON p.id=n.place_id "
	                            "WHERE p.pcode='C5439' AND n.source='geonames'", NULL) > 0, 1);
}

/* A bad quarters file fails the build, naming the file, line and column,
 * and leaves no output. */
static void test_bad_quarters(void **state)
{
	const char *dir = test_tmpdir();
	const char *q = test_path(dir, "quarters.csv");
	char src[700];
	struct geo_gaz_build_opts o = {0};
	struct geo_gaz_build_stats st;
	geo_ctx *ctx = geo_ctx_new();
	(void)state;
	snprintf(src, sizeof src, "%s/ocha/syr_admin1.geojson", test_shared_data());
	if (access(src, R_OK) != 0) {
		geo_ctx_free(ctx);
		test_rmtree(dir);
		skip();
	}
	o.sources = test_shared_data();
	o.curated = CURATED;
	o.quarters = q;
	o.output = test_path(dir, "g.sqlite");
	test_write_file(q, "city_pcode,name_en,name_ar,aliases,source\n"
	                   "C1007,al-Sakhour,الصاخور,Sakhour,test\n"
	                   "C9999,Nowhere,لا مكان,,test\n");
	assert_int_equal(geo_gaz_build(ctx, &o, &st), GEO_ERR_PARSE);
	assert_non_null(strstr(geo_ctx_error_message(ctx), "quarters.csv:3: column \"city_pcode\": \"C9999\""));
	assert_int_not_equal(access(o.output, F_OK), 0);
	geo_ctx_clear_error(ctx);
	test_write_file(q, "city_pcode,name_en,name_ar,aliases,source\n"
	                   "C1007,al-Sakhour,,Sakhour,test\n");
	assert_int_equal(geo_gaz_build(ctx, &o, &st), GEO_ERR_PARSE);
	assert_non_null(strstr(geo_ctx_error_message(ctx), "quarters.csv:2: column \"name_ar\" is empty"));
	geo_ctx_clear_error(ctx);
	/* the columns swapped: each name in its script */
	test_write_file(q, "city_pcode,name_en,name_ar,aliases,source\n"
	                   "C1007,الصاخور,al-Sakhour,Sakhour,test\n");
	assert_int_equal(geo_gaz_build(ctx, &o, &st), GEO_ERR_PARSE);
	assert_non_null(strstr(geo_ctx_error_message(ctx), "quarters.csv:2: column \"name_en\""));
	assert_int_not_equal(access(o.output, F_OK), 0);
	geo_ctx_free(ctx);
	test_rmtree(dir);
}

/* Builds from a curated list holding `csv`: the build fails with `code`
 * and its message holds `msg`; the error is cleared. */
static void expect_curated_error(geo_ctx *ctx, const struct geo_gaz_build_opts *o, const char *csv,
                                 enum geo_status code, const char *msg)
{
	struct geo_gaz_build_stats st;
	test_write_file(o->curated, csv);
	assert_int_equal(geo_gaz_build(ctx, o, &st), code);
	if (!strstr(geo_ctx_error_message(ctx), msg))
		fail_msg("wanted \"%s\" in: %s", msg, geo_ctx_error_message(ctx));
	geo_ctx_clear_error(ctx);
}

#define CURATED_HEADER "pcode,kind,name_en,name_ar,admin1_pcode,admin2_pcode,admin3_pcode,lon,lat,aliases,source"

/* The curated list is checked: errors name the line and column. */
static void test_bad_curated(void **state)
{
	const char *dir = test_tmpdir();
	const char *cur = test_path(dir, "places.csv");
	struct geo_gaz_build_opts o = {NULL, cur, test_path(dir, "g.sqlite"), NULL, NULL, NULL};
	geo_ctx *ctx = geo_ctx_new();
	(void)state;
	expect_curated_error(ctx, &o,
	                     "# comment\n" CURATED_HEADER "\n"
	                     "SY01,governorate,Damascus,دمشق,SY01,,,36.28,33.51,,test\n"
	                     "C2338,town,Douma,,SY03,SY0302,SY030200,36.40,33.57,,test\n",
	                     GEO_ERR_PARSE, "places.csv:4: column \"kind\": \"town\"");
	expect_curated_error(ctx, &o,
	                     CURATED_HEADER "\n"
	                     "C2338,community,Douma,,SY03,SY0302,SY030200,3.40,33.57,,test\n",
	                     GEO_ERR_PARSE, "places.csv:2: columns \"lon\",\"lat\"");
	/* a point is both coordinates or neither (a row that only names a
	 * place of the reference data) */
	expect_curated_error(ctx, &o,
	                     CURATED_HEADER "\n"
	                     "C2338,community,Douma,,SY03,SY0302,SY030200,36.40,,,test\n",
	                     GEO_ERR_PARSE, "places.csv:2: columns \"lon\",\"lat\"");
	/* the optional reported_admin1 column holds governorate codes */
	expect_curated_error(ctx, &o,
	                     CURATED_HEADER ",reported_admin1\n"
	                     "C2338,community,Douma,,SY03,SY0302,SY030200,36.40,33.57,,test,SY04|Homs\n",
	                     GEO_ERR_PARSE, "places.csv:2: column \"reported_admin1\": \"SY04|Homs\"");
	expect_curated_error(ctx, &o,
	                     CURATED_HEADER ",reported_admin1\n"
	                     "C2338,community,Douma,,SY03,SY0302,SY030200,36.40,33.57,,test,SY04||SY05\n",
	                     GEO_ERR_PARSE, "column \"reported_admin1\"");
	/* ... and a row has as many fields as the header */
	expect_curated_error(ctx, &o,
	                     CURATED_HEADER ",reported_admin1\n"
	                     "C2338,community,Douma,,SY03,SY0302,SY030200,36.40,33.57,,test\n",
	                     GEO_ERR_PARSE, "places.csv:2: 11 fields, wanted 12");
	/* well-formed but not 14 governorates */
	expect_curated_error(ctx, &o,
	                     CURATED_HEADER "\n"
	                     "SY03,governorate,Rural Damascus,,SY03,,,37.38,33.5,,test\n"
	                     "C2338,community,Douma,,SY03,SY0302,SY030200,36.40,33.57,,test\n",
	                     GEO_ERR_INVALID, "wanted 14");
	assert_int_not_equal(access(o.output, F_OK), 0);
	geo_ctx_free(ctx);
	test_rmtree(dir);
}

/* Every allocation of a reduced build may fail: the build reports
 * GEO_ERR_NOMEM (never crashes or half-writes) until it has enough. */
static void test_failing_allocations(void **state)
{
	const char *dir = test_tmpdir();
	const char *out = test_path(dir, "g.sqlite");
	struct geo_gaz_build_opts o = {NULL, CURATED, out, NULL, NULL, NULL};
	struct geo_gaz_build_stats st;
	enum geo_status rc = GEO_ERR_NOMEM;
	long n;
	(void)state;
	for (n = 1; n < 20000 && rc != GEO_OK; n++) {
		geo_ctx *ctx = geo_ctx_new();
		assert_non_null(ctx);
		geo_alloc_fail_after(n);
		rc = geo_gaz_build(ctx, &o, &st);
		geo_alloc_fail_after(0);
		if (rc != GEO_OK) {
			if (rc != GEO_ERR_NOMEM)
				fail_msg("allocation %ld failing gave %s: %s", n, geo_status_name(rc),
				         geo_ctx_error_message(ctx));
			assert_int_not_equal(access(out, F_OK), 0);
		}
		geo_ctx_free(ctx);
	}
	assert_int_equal(rc, GEO_OK);
	assert_true(n > 100);
	test_rmtree(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_admin_areas),
		cmocka_unit_test(test_known_towns),
		cmocka_unit_test(test_duma_and_douma),
		cmocka_unit_test(test_every_place),
		cmocka_unit_test(test_reduced_build),
		cmocka_unit_test(test_missing_output_folder),
		cmocka_unit_test(test_bad_source_keeps_output),
		cmocka_unit_test(test_missing_source_file),
		cmocka_unit_test(test_bad_curated),
		cmocka_unit_test(test_curated_names_only),
		cmocka_unit_test(test_recoded_subdistricts),
		cmocka_unit_test(test_quarters),
		cmocka_unit_test(test_recoded_communities),
		cmocka_unit_test(test_bad_quarters),
		cmocka_unit_test(test_failing_allocations),
	};
	return cmocka_run_group_tests_name("gazetteer_build", tests, setup, teardown);
}
