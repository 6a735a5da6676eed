/* test_export.c — every export format opens in GDAL with the store's
 * feature count; attributes round-trip (Arabic text, unknown input
 * columns); unresolved incidents are kept where the format allows (GeoJSON
 * null geometry, shapefile null shape, GeoPackage null geometry) and
 * counted and listed where it does not (KML); the shapefile's field table
 * is stable and its sidecar present; base layers and analysis tables; and
 * the failure paths (absent tables, formats that hold one layer, an
 * unwritable destination). Test data is made with the store API. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>

#include "layers/export.h"
#include "tests/test_util.h"
#include "tests/layers/fixture.h"
#include "tests/layers/fixture_store.h"

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpedantic"
#include <ogr_srs_api.h>
#pragma GCC diagnostic pop

static char dir[256];
static const char *gaz;
static char db[512];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "%s", test_tmpdir());
	if (fixture_store(dir) != 0)
		return -1;
	snprintf(db, sizeof db, "%s/strikes.sqlite", dir);
	gaz = fixture_gazetteer(dir);
	GDALAllRegister();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	test_rmtree(dir);
	return 0;
}

static enum geo_status export1(geo_ctx *ctx, const char *layer, enum geo_export_format fmt,
                               const char *dest, struct geo_export_result *res)
{
	struct geo_export_opts o = {.db_path = db, .gazetteer_path = gaz, .format = fmt, .dest = dest};
	const char *layers[] = {layer};
	return geo_export(ctx, &o, layers, 1, res);
}

static GDALDatasetH open_ro(const char *path)
{
	/* CSV: read the lon/lat columns as the point, as a GIS user would */
	const char *const csv_oo[] = {"X_POSSIBLE_NAMES=lon", "Y_POSSIBLE_NAMES=lat", NULL};
	size_t n = strlen(path);
	GDALDatasetH ds = GDALOpenEx(path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL,
	                             n > 4 && strcmp(path + n - 4, ".csv") == 0 ? csv_oo : NULL, NULL);
	assert_non_null(ds);
	return ds;
}

/* The feature with id `id` in layer `lay` (by the field named `idf`). */
static OGRFeatureH find_feature(OGRLayerH lay, const char *idf, const char *id)
{
	OGRFeatureH f;
	int i = OGR_FD_GetFieldIndex(OGR_L_GetLayerDefn(lay), idf);
	assert_true(i >= 0);
	OGR_L_ResetReading(lay);
	while ((f = OGR_L_GetNextFeature(lay)) != NULL) {
		if (strcmp(OGR_F_GetFieldAsString(f, i), id) == 0)
			return f;
		OGR_F_Destroy(f);
	}
	fail_msg("no feature %s", id);
	return NULL;
}

static const char *field(OGRFeatureH f, const char *name)
{
	int i = OGR_FD_GetFieldIndex(OGR_F_GetDefnRef(f), name);
	if (i < 0)
		fail_msg("no field %s", name);
	return OGR_F_IsFieldSetAndNotNull(f, i) ? OGR_F_GetFieldAsString(f, i) : NULL;
}

static int null_geom(OGRFeatureH f)
{
	OGRGeometryH g = OGR_F_GetGeometryRef(f);
	return g == NULL || OGR_G_IsEmpty(g);
}

/* Checks shared by the formats that hold every row. */
static void check_incidents(GDALDatasetH ds, const char *layer, const char *fac_name_f,
                            const char *witness_f, const char *notes_attr_f,
                            const char *arabic_key_f, int full_notes)
{
	OGRLayerH lay = layer ? GDALDatasetGetLayerByName(ds, layer) : GDALDatasetGetLayer(ds, 0);
	OGRFeatureH f;
	assert_non_null(lay);
	assert_int_equal(OGR_L_GetFeatureCount(lay, TRUE), FIXTURE_N);
	f = find_feature(lay, "id", "a-saraqeb-cd");
	assert_string_equal(field(f, fac_name_f), FIXTURE_ARABIC);
	assert_string_equal(field(f, witness_f), "3");
	assert_string_equal(field(f, arabic_key_f), "تقرير");
	assert_string_equal(field(f, notes_attr_f), "a second notes column from the input");
	assert_false(null_geom(f));
	assert_true(fabs(OGR_G_GetX(OGR_F_GetGeometryRef(f), 0) - 36.8007) < 1e-9);
	assert_true(fabs(OGR_G_GetY(OGR_F_GetGeometryRef(f), 0) - 35.8624) < 1e-9);
	if (full_notes)
		assert_string_equal(field(f, "notes"), fixture_long_note());
	OGR_F_Destroy(f);
	f = find_feature(lay, "id", "x-unloc-1");
	assert_true(null_geom(f));
	assert_string_equal(field(f, "place_text"), "an unknown village");
	OGR_F_Destroy(f);
}

static void test_geojson(void **state)
{
	(void)state;
	geo_ctx *ctx = geo_ctx_new();
	struct geo_export_result res;
	char dest[512];
	snprintf(dest, sizeof dest, "%s/%s", dir, "i.geojson");
	assert_int_equal(export1(ctx, "incidents", GEO_EXPORT_GEOJSON, dest, &res), GEO_OK);
	assert_int_equal(res.n, 1);
	assert_int_equal(res.v[0].written, FIXTURE_N);
	assert_int_equal(res.v[0].no_geom, FIXTURE_N - FIXTURE_LOCATED);
	assert_int_equal(res.v[0].not_written, 0);
	geo_export_result_free(&res);
	GDALDatasetH ds = open_ro(dest);
	OGRLayerH lay = GDALDatasetGetLayer(ds, 0);
	assert_int_equal(OGR_L_GetFeatureCount(lay, TRUE), FIXTURE_N);
	OGRFeatureH f = find_feature(lay, "id", "a-saraqeb-cd");
	assert_string_equal(field(f, "facility_name"), FIXTURE_ARABIC);
	assert_string_equal(field(f, "witness_count"), "3");
	assert_string_equal(field(f, "المصدر"), "تقرير");
	assert_string_equal(field(f, "attr_Notes"), "a second notes column from the input");
	assert_string_equal(field(f, "notes"), fixture_long_note());
	assert_string_equal(field(f, "perpetrator_class"), "regime_or_russia");
	assert_int_equal(OGR_Fld_GetType(OGR_FD_GetFieldDefn(OGR_L_GetLayerDefn(lay),
	                     OGR_FD_GetFieldIndex(OGR_L_GetLayerDefn(lay), "date"))), OFTDate);
	assert_int_equal(OGR_F_GetFieldAsInteger(f, OGR_FD_GetFieldIndex(OGR_F_GetDefnRef(f), "killed")), 1);
	OGR_F_Destroy(f);
	f = find_feature(lay, "id", "x-unloc-2");
	assert_true(null_geom(f));
	OGR_F_Destroy(f);
	GDALClose(ds);
	/* RFC 7946: no crs member, lon first, 6 decimals, null geometry */
	FILE *fp = fopen(dest, "r");
	char buf[1 << 16];
	size_t n = fread(buf, 1, sizeof buf - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	assert_null(strstr(buf, "\"crs\""));
	assert_non_null(strstr(buf, "[ 36.8007, 35.8624 ]"));
	assert_non_null(strstr(buf, "\"geometry\": null"));
	geo_ctx_free(ctx);
}

static void test_shapefile(void **state)
{
	(void)state;
	geo_ctx *ctx = geo_ctx_new();
	struct geo_export_result res;
	char dest[512];
	snprintf(dest, sizeof dest, "%s/%s", dir, "i.shp");
	assert_int_equal(export1(ctx, "incidents", GEO_EXPORT_SHP, dest, &res), GEO_OK);
	assert_int_equal(res.v[0].written, FIXTURE_N);
	assert_int_equal(res.v[0].no_geom, 2);
	assert_int_equal(res.v[0].truncated, 1);
	assert_non_null(res.v[0].sidecar);
	assert_string_equal(res.v[0].sidecar, test_path(dir, "i.fields.csv"));
	assert_string_equal(res.v[0].long_values, test_path(dir, "i.long_values.csv"));
	geo_export_result_free(&res);
	{
		/* the cut value is kept whole beside the shapefile */
		static char lv[8192], want[2048];
		FILE *lf = fopen(test_path(dir, "i.long_values.csv"), "r");
		assert_non_null(lf);
		size_t ln = fread(lv, 1, sizeof lv - 1, lf);
		lv[ln] = '\0';
		fclose(lf);
		snprintf(want, sizeof want, "id,short_name,full_name,value\na-saraqeb-cd,notes,notes,%s\n",
		         fixture_long_note());
		assert_string_equal(lv, want);
	}
	/* the cut is said, not silent */
	assert_true(geo_ctx_warning_count(ctx) >= 1);
	assert_non_null(strstr(geo_ctx_warning(ctx, 0), "254 bytes"));
	static const char *const ext[] = {"i.shx", "i.dbf", "i.prj", "i.cpg", "i.fields.csv"};
	for (size_t i = 0; i < 5; i++)
		assert_int_equal(access(test_path(dir, ext[i]), R_OK), 0);
	FILE *fp = fopen(test_path(dir, "i.cpg"), "r");
	char cpg[32] = {0};
	assert_non_null(fgets(cpg, sizeof cpg, fp));
	fclose(fp);
	assert_non_null(strstr(cpg, "UTF-8"));

	GDALDatasetH ds = open_ro(dest);
	OGRLayerH lay = GDALDatasetGetLayer(ds, 0);
	OGRFeatureDefnH d = OGR_L_GetLayerDefn(lay);
	/* the stable name table */
	static const char *const names[] = {"id", "date", "date_prec", "place_text", "gov_text",
	                                    "fac_name", "fac_type", "perp", "perp_class", "gc_status",
	                                    "gc_note", "adm1_pcode", "adm3_pcode", "geo_prec",
	                                    "prec_word", "src_file", "imported", "zone"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (OGR_FD_GetFieldIndex(d, names[i]) < 0)
			fail_msg("shapefile lacks field %s", names[i]);
	for (int i = 0; i < OGR_FD_GetFieldCount(d); i++)
		assert_true(strlen(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(d, i))) <= 10);
	/* unknown columns: deterministic truncated unique names */
	assert_true(OGR_FD_GetFieldIndex(d, "reporting") >= 0);
	assert_true(OGR_FD_GetFieldIndex(d, "reportin_2") >= 0);
	assert_true(OGR_FD_GetFieldIndex(d, "attr_notes") >= 0);
	assert_int_equal(OGR_Fld_GetType(OGR_FD_GetFieldDefn(d, OGR_FD_GetFieldIndex(d, "date"))), OFTDate);
	assert_int_equal(OGR_Fld_GetType(OGR_FD_GetFieldDefn(d, OGR_FD_GetFieldIndex(d, "killed"))), OFTInteger);
	/* the .prj is WGS84 */
	OGRSpatialReferenceH srs = OGR_L_GetSpatialRef(lay);
	assert_non_null(srs);
	assert_true(OSRIsGeographic(srs));
	check_incidents(ds, NULL, "fac_name", "witness_co", "attr_notes", "field", 0);
	OGRFeatureH f = find_feature(lay, "id", "a-saraqeb-cd");
	const char *notes = field(f, "notes");
	assert_true(strlen(notes) <= 254 && strlen(notes) > 240);
	assert_int_equal(strncmp(notes, fixture_long_note(), strlen(notes)), 0); /* cut on a character */
	assert_string_equal(field(f, "reporting"), "SNHR");
	assert_string_equal(field(f, "reportin_2"), "NGO");
	OGR_F_Destroy(f);
	GDALClose(ds);

	/* the sidecar lists every short name with its full name */
	fp = fopen(test_path(dir, "i.fields.csv"), "r");
	char side[8192];
	size_t n = fread(side, 1, sizeof side - 1, fp);
	side[n] = '\0';
	fclose(fp);
	assert_non_null(strstr(side, "short_name,full_name,type,origin\n"));
	assert_non_null(strstr(side, "fac_name,facility_name,string,store column\n"));
	assert_non_null(strstr(side, "perp_class,perpetrator_class,string,store column\n"));
	assert_non_null(strstr(side, "date,date,date,store column\n"));
	assert_non_null(strstr(side, "reportin_2,reporting_organisation_type,string,input column"));
	assert_non_null(strstr(side, "field,المصدر,string,input column"));
	assert_non_null(strstr(side, "attr_notes,Notes,string,input column"));

	/* exporting again gives the same names (stable) */
	assert_int_equal(export1(ctx, "incidents", GEO_EXPORT_SHP, dest, &res), GEO_OK);
	geo_export_result_free(&res);
	fp = fopen(test_path(dir, "i.fields.csv"), "r");
	char side2[8192];
	size_t n2 = fread(side2, 1, sizeof side2 - 1, fp);
	side2[n2] = '\0';
	fclose(fp);
	assert_string_equal(side, side2);
	geo_ctx_free(ctx);
}

static void test_gpkg_all(void **state)
{
	(void)state;
	geo_ctx *ctx = geo_ctx_new();
	struct geo_export_result res;
	char dest[512];
	snprintf(dest, sizeof dest, "%s/%s", dir, "all.gpkg");
	const char *all[] = {"incidents", "sequences", "repeats", "facilities", "governorates",
	                     "subdistricts", "zones", "country"};
	struct geo_export_opts o = {.db_path = db, .gazetteer_path = gaz, .format = GEO_EXPORT_GPKG,
	                            .dest = dest, .skip_missing = 1};
	size_t nl = gaz ? 8 : 4;
	assert_int_equal(geo_export(ctx, &o, all, nl, &res), GEO_OK);
	assert_int_equal(res.n, nl);
	assert_int_equal(res.v[0].written, FIXTURE_N);
	assert_int_equal(res.v[1].skipped, 1); /* no sequences table */
	assert_non_null(strstr(geo_ctx_warning(ctx, 0), "run strikemap sequences first"));
	geo_export_result_free(&res);
	GDALDatasetH ds = open_ro(dest);
	check_incidents(ds, "incidents", "facility_name", "witness_count", "attr_Notes", "المصدر", 1);
	if (gaz) {
		assert_int_equal(OGR_L_GetFeatureCount(GDALDatasetGetLayerByName(ds, "governorates"), 1), 14);
		assert_int_equal(OGR_L_GetFeatureCount(GDALDatasetGetLayerByName(ds, "subdistricts"), 1), 272);
		OGRLayerH z = GDALDatasetGetLayerByName(ds, "zones");
		assert_int_equal(OGR_L_GetFeatureCount(z, 1), 4);
		OGRFeatureH f = find_feature(z, "zone_id", "eastern_ghouta");
		assert_string_equal(field(f, "approximate"), "1");
		assert_non_null(strstr(field(f, "source"), "approximate"));
		assert_non_null(strstr(field(f, "subdistricts"), "SY030200"));
		OGR_F_Destroy(f);
		OGRLayerH sd = GDALDatasetGetLayerByName(ds, "subdistricts");
		f = find_feature(sd, "pcode", "SY040401");
		assert_string_equal(field(f, "zone"), "northern_homs");
		assert_string_equal(field(f, "governorate"), "Homs");
		OGR_F_Destroy(f);
		f = find_feature(GDALDatasetGetLayerByName(ds, "governorates"), "pcode", "SY07");
		assert_non_null(field(f, "name_ar"));
		OGR_F_Destroy(f);
		assert_int_equal(OGR_L_GetFeatureCount(GDALDatasetGetLayerByName(ds, "country"), 1), 1);
	}
	GDALClose(ds);

	/* a single layer into an existing GeoPackage replaces that layer only */
	assert_int_equal(export1(ctx, "incidents", GEO_EXPORT_GPKG, dest, &res), GEO_OK);
	geo_export_result_free(&res);
	ds = open_ro(dest);
	assert_int_equal(GDALDatasetGetLayerCount(ds), gaz ? 5 : 1);
	assert_int_equal(OGR_L_GetFeatureCount(GDALDatasetGetLayerByName(ds, "incidents"), 1), FIXTURE_N);
	GDALClose(ds);
	geo_ctx_free(ctx);
}

static void test_kml(void **state)
{
	(void)state;
	geo_ctx *ctx = geo_ctx_new();
	struct geo_export_result res;
	char dest[512];
	snprintf(dest, sizeof dest, "%s/%s", dir, "i.kml");
	assert_int_equal(export1(ctx, "incidents", GEO_EXPORT_KML, dest, &res), GEO_OK);
	assert_int_equal(res.v[0].rows, FIXTURE_N);
	assert_int_equal(res.v[0].written, FIXTURE_LOCATED);
	assert_int_equal(res.v[0].not_written, 2);
	assert_string_equal(res.v[0].not_written_ids, FIXTURE_UNLOCATED_IDS);
	geo_export_result_free(&res);
	GDALDatasetH ds = open_ro(dest);
	long total = 0;
	/* folders by facility type, only those with a located incident */
	assert_int_equal(GDALDatasetGetLayerCount(ds), 5);
	for (int i = 0; i < GDALDatasetGetLayerCount(ds); i++)
		total += (long)OGR_L_GetFeatureCount(GDALDatasetGetLayer(ds, i), 1);
	assert_int_equal(total, FIXTURE_LOCATED);
	OGRLayerH cd = GDALDatasetGetLayerByName(ds, "civil_defense");
	assert_non_null(cd);
	assert_int_equal(OGR_L_GetFeatureCount(cd, 1), 2);
	GDALClose(ds);
	FILE *fp = fopen(dest, "r");
	static char buf[1 << 17];
	size_t n = fread(buf, 1, sizeof buf - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	/* KML colours are aabbggrr, the maps' colours: regime #D55E00 -> ff005ed5 */
	assert_string_equal(geo_export_perp_colour("regime"), "#D55E00");
	assert_non_null(strstr(buf, "<color>ff005ed5</color>"));
	assert_non_null(strstr(buf, "<name>" FIXTURE_ARABIC "</name>"));
	assert_non_null(strstr(buf, "<Style id=\"perp_regime\"><IconStyle><color>ff005ed5</color>"));
	assert_non_null(strstr(buf, "<styleUrl>#perp_regime_or_russia</styleUrl>"));
	/* the description is an HTML table of the facts (escaped in the XML) */
	assert_non_null(strstr(buf, "&lt;th align=&quot;left&quot;&gt;Perpetrator&lt;/th&gt;&lt;td&gt;"
	                            "Syrian-Russian alliance forces&lt;/td&gt;"));
	assert_non_null(strstr(buf, "<Data name=\"witness_count\"><value>3</value></Data>"));
	assert_non_null(strstr(buf, "<Data name=\"date\"><value>2018-01-11</value></Data>"));
	/* GDAL reads the fields back */
	ds = open_ro(dest);
	OGRFeatureH f = find_feature(GDALDatasetGetLayerByName(ds, "civil_defense"), "id", "a-saraqeb-cd");
	assert_string_equal(field(f, "witness_count"), "3");
	assert_string_equal(field(f, "facility_name"), FIXTURE_ARABIC);
	OGR_F_Destroy(f);
	GDALClose(ds);
	geo_ctx_free(ctx);
}

static void test_csv(void **state)
{
	(void)state;
	geo_ctx *ctx = geo_ctx_new();
	struct geo_export_result res;
	char dest[512];
	snprintf(dest, sizeof dest, "%s/%s", dir, "i.csv");
	assert_int_equal(export1(ctx, "incidents", GEO_EXPORT_CSV, dest, &res), GEO_OK);
	assert_int_equal(res.v[0].written, FIXTURE_N);
	geo_export_result_free(&res);
	GDALDatasetH ds = open_ro(dest);
	check_incidents(ds, NULL, "facility_name", "witness_count", "attr_Notes", "المصدر", 1);
	OGRLayerH lay = GDALDatasetGetLayer(ds, 0);
	OGRFeatureH f = find_feature(lay, "id", "c-douma");
	assert_string_equal(field(f, "lon"), "36.4016");
	assert_string_equal(field(f, "lat"), "33.5711");
	assert_string_equal(field(f, "date"), "2018-01-08");
	OGR_F_Destroy(f);
	f = find_feature(lay, "id", "x-unloc-1");
	assert_null(field(f, "lon"));
	OGR_F_Destroy(f);
	GDALClose(ds);

	struct geo_export_opts o = {.db_path = db, .format = GEO_EXPORT_CSV, .dest = dest, .csv_wkt = 1};
	const char *layers[] = {"incidents"};
	assert_int_equal(geo_export(ctx, &o, layers, 1, &res), GEO_OK);
	geo_export_result_free(&res);
	FILE *fp = fopen(dest, "r");
	char head[256];
	assert_non_null(fgets(head, sizeof head, fp));
	fclose(fp);
	assert_int_equal(strncmp(head, "WKT,id,date", 11), 0);
	ds = open_ro(dest);
	assert_int_equal(OGR_L_GetFeatureCount(GDALDatasetGetLayer(ds, 0), 1), FIXTURE_N);
	GDALClose(ds);

	/* polygons cannot go into lon/lat columns */
	if (gaz) {
		o.csv_wkt = 0;
		o.gazetteer_path = gaz;
		layers[0] = "zones";
		assert_int_equal(geo_export(ctx, &o, layers, 1, &res), GEO_ERR_INVALID);
		assert_non_null(strstr(geo_ctx_error_message(ctx), "--geometry wkt"));
		geo_export_result_free(&res);
		geo_ctx_clear_error(ctx);
	}
	geo_ctx_free(ctx);
}

/* Analysis tables: exported generically with their geometry, members too. */
static void test_analysis_tables(void **state)
{
	(void)state;
	geo_ctx *ctx = geo_ctx_new();
	struct geo_export_result res;
	/* absent: a clear error */
	assert_int_equal(export1(ctx, "sequences", GEO_EXPORT_GEOJSON, test_path(dir, "s.geojson"), &res),
	                 GEO_ERR_NOTFOUND);
	assert_non_null(strstr(geo_ctx_error_message(ctx), "run strikemap sequences first"));
	assert_int_equal(access(test_path(dir, "s.geojson"), F_OK), -1); /* no empty file left */
	geo_export_result_free(&res);
	geo_ctx_clear_error(ctx);

	geo_store *st = geo_store_open(ctx, db, 0);
	assert_non_null(st);
	assert_int_equal(geo_store_exec(st,
	    "CREATE TABLE sequences (id INTEGER PRIMARY KEY, type TEXT, n_members INTEGER,"
	    " first_at TEXT, max_gap_min REAL);"
	    "SELECT AddGeometryColumn('sequences','geom',4326,'GEOMETRY','XY');"
	    "CREATE TABLE sequence_members (sequence_id INTEGER, incident_id TEXT, ord INTEGER);"
	    "SELECT AddGeometryColumn('sequence_members','geom',4326,'POINT','XY');"
	    "INSERT INTO sequences VALUES (1, 'double_strike', 2, '2018-01-20T20:45', 12.5,"
	    " GeomFromText('LINESTRING(36.8007 35.8624, 36.8010 35.8630)', 4326));"
	    "INSERT INTO sequence_members VALUES (1, 'a-saraqeb-cd', 1, MakePoint(36.8007, 35.8624, 4326)),"
	    " (1, 'b-saraqeb-cd2', 2, MakePoint(36.8010, 35.8630, 4326));"), GEO_OK);
	geo_store_close(st);
	char dest[512];
	snprintf(dest, sizeof dest, "%s/%s", dir, "seq.gpkg");
	struct geo_export_opts o = {.db_path = db, .format = GEO_EXPORT_GPKG, .dest = dest};
	const char *layers[] = {"sequences"};
	assert_int_equal(geo_export(ctx, &o, layers, 1, &res), GEO_OK);
	assert_int_equal(res.n, 2);
	assert_string_equal(res.v[1].layer, "sequence_members");
	assert_int_equal(res.v[1].written, 2);
	geo_export_result_free(&res);
	GDALDatasetH ds = open_ro(dest);
	OGRLayerH lay = GDALDatasetGetLayerByName(ds, "sequences");
	assert_int_equal(OGR_L_GetGeomType(lay), wkbLineString);
	OGRFeatureH f = find_feature(lay, "type", "double_strike");
	assert_true(fabs(OGR_F_GetFieldAsDouble(f, OGR_FD_GetFieldIndex(OGR_F_GetDefnRef(f), "max_gap_min")) - 12.5) < 1e-9);
	OGR_F_Destroy(f);
	assert_int_equal(OGR_L_GetFeatureCount(GDALDatasetGetLayerByName(ds, "sequence_members"), 1), 2);
	GDALClose(ds);
	assert_int_equal(geo_store_exec(st = geo_store_open(ctx, db, 0),
	                                "DROP TABLE sequences; DROP TABLE sequence_members;"
	                                "DELETE FROM geometry_columns WHERE f_table_name LIKE 'sequence%'"),
	                 GEO_OK);
	geo_store_close(st);
	geo_ctx_free(ctx);
}

static void test_failures(void **state)
{
	(void)state;
	geo_ctx *ctx = geo_ctx_new();
	struct geo_export_result res;
	const char *two[] = {"incidents", "zones"};
	struct geo_export_opts o = {.db_path = db, .gazetteer_path = gaz, .format = GEO_EXPORT_GEOJSON,
	                            .dest = test_path(dir, "two.geojson")};
	/* GeoJSON holds one layer */
	assert_int_equal(geo_export(ctx, &o, two, 2, &res), GEO_ERR_INVALID);
	assert_non_null(strstr(geo_ctx_error_message(ctx), "gpkg or postgis"));
	geo_export_result_free(&res);
	geo_ctx_clear_error(ctx);
	/* an unknown layer */
	assert_int_equal(export1(ctx, "hospitals", GEO_EXPORT_GEOJSON, o.dest, &res), GEO_ERR_INVALID);
	geo_export_result_free(&res);
	geo_ctx_clear_error(ctx);
	/* an unwritable destination: GDAL's reason, naming the path */
	assert_int_equal(export1(ctx, "incidents", GEO_EXPORT_GEOJSON, "/nonexistent-dir/i.geojson", &res),
	                 GEO_ERR_GDAL);
	assert_non_null(strstr(geo_ctx_error_message(ctx), "/nonexistent-dir/i.geojson"));
	geo_export_result_free(&res);
	geo_ctx_clear_error(ctx);
	/* a missing store */
	o.db_path = test_path(dir, "missing.sqlite");
	const char *one[] = {"incidents"};
	assert_int_equal(geo_export(ctx, &o, one, 1, &res), GEO_ERR_NOTFOUND);
	assert_non_null(strstr(geo_ctx_error_message(ctx), "missing.sqlite"));
	assert_int_equal(access(o.dest, F_OK), -1);
	geo_export_result_free(&res);
	geo_ctx_clear_error(ctx);
	/* base layers without a gazetteer */
	o.db_path = db;
	o.gazetteer_path = test_path(dir, "no-gaz.sqlite");
	const char *z[] = {"zones"};
	assert_int_equal(geo_export(ctx, &o, z, 1, &res), GEO_ERR_NOTFOUND);
	assert_non_null(strstr(geo_ctx_error_message(ctx), "strikemap gazetteer build"));
	geo_export_result_free(&res);
	geo_ctx_free(ctx);
}

/* docs/exports.md and the README carry the shapefile name table: every
 * row of geo_export_shp_names must be in both, so the documentation cannot
 * drift from the code. */
static void test_docs_name_table(void **state)
{
	(void)state;
	static const char *const docs[] = {"docs/exports.md", "README.md"};
	for (size_t d = 0; d < 2; d++) {
		char path[1024], row[128];
		static char text[1 << 17];
		snprintf(path, sizeof path, "%s/%s", STRIKEMAP_SOURCE_DIR, docs[d]);
		FILE *fp = fopen(path, "r");
		assert_non_null(fp);
		size_t n = fread(text, 1, sizeof text - 1, fp);
		text[n] = '\0';
		fclose(fp);
		for (size_t i = 0; geo_export_shp_names[i].full; i++) {
			assert_true(strlen(geo_export_shp_names[i].shp) <= 10);
			snprintf(row, sizeof row, "| `%s` | `%s` ", geo_export_shp_names[i].full,
			         geo_export_shp_names[i].shp);
			if (!strstr(text, row))
				fail_msg("%s lacks the row %s", docs[d], row);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_geojson),
		cmocka_unit_test(test_shapefile),
		cmocka_unit_test(test_gpkg_all),
		cmocka_unit_test(test_kml),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_analysis_tables),
		cmocka_unit_test(test_failures),
		cmocka_unit_test(test_docs_name_table),
	};
	return cmocka_run_group_tests_name("layers_export", tests, setup, teardown);
}
