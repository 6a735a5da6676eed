/* test_sequences.c — double strikes, following the wounded, textual
 * evidence: each rule at its boundaries (gap, distance, precision, time
 * known or not), the store tables and views, the output formats, failure
 * paths. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <json-c/json.h>

#include "geo/sequences.h"
#include "tests/geo/analysis_fixture.h"

#define LON 36.80
#define LAT 35.86
#define NO NAN

static void find(struct fx *f, const struct geo_seq_params *p, struct geo_sequences *s)
{
	fx_load(f);
	assert_int_equal(geo_sequences_find(f->ctx, &f->ev, p, s), GEO_OK);
}

static void defaults(struct geo_seq_params *p) { geo_seq_params_default(p); }

/* the gap: 60 min is in, 60 min 1 s is out; equal times are one strike */
static void test_gap_boundary(void **state)
{
	(void)state;
	struct fx f;
	struct geo_seq_params p;
	struct geo_sequences s;
	fx_open(&f);
	defaults(&p);
	fx_put(&f, (struct inc_spec){.id = "a1", .date = "2018-01-05", .time = "10:00:00", .lon = LON, .lat = LAT, .pcode = "C1"});
	fx_put(&f, (struct inc_spec){.id = "a2", .date = "2018-01-05", .time = "11:00:00", .lon = LON, .lat = LAT, .pcode = "C1"});
	fx_put(&f, (struct inc_spec){.id = "b1", .date = "2018-01-06", .time = "10:00:00", .lon = LON, .lat = LAT, .pcode = "C1"});
	fx_put(&f, (struct inc_spec){.id = "b2", .date = "2018-01-06", .time = "11:00:01", .lon = LON, .lat = LAT, .pcode = "C1"});
	fx_put(&f, (struct inc_spec){.id = "c1", .date = "2018-01-07", .time = "10:00", .lon = LON, .lat = LAT, .pcode = "C1"});
	fx_put(&f, (struct inc_spec){.id = "c2", .date = "2018-01-07", .time = "10:00", .lon = LON, .lat = LAT, .pcode = "C1"});
	find(&f, &p, &s);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.v[0].type, GEO_SEQ_DOUBLE_STRIKE);
	assert_int_equal(s.v[0].n, 2);
	assert_string_equal(f.ev.v[s.members[s.v[0].first].event].id, "a1");
	assert_string_equal(f.ev.v[s.members[s.v[0].first + 1].event].id, "a2");
	assert_true(fabs(s.members[s.v[0].first + 1].gap_min - 60.0) < 1e-9);
	assert_true(fabs(s.v[0].max_gap_min - 60.0) < 1e-9);
	assert_string_equal(s.members[s.v[0].first + 1].basis, "distance");
	geo_sequences_free(&s);

	/* a longer --max-gap takes b1-b2 in */
	p.max_gap = 3601;
	find(&f, &p, &s);
	assert_int_equal(s.n, 2);
	geo_sequences_free(&s);

	/* across midnight: 23:40 then 00:20 next day is a 40-minute gap */
	defaults(&p);
	fx_put(&f, (struct inc_spec){.id = "d1", .date = "2018-01-09", .time = "23:40", .lon = LON, .lat = LAT, .pcode = "C1"});
	fx_put(&f, (struct inc_spec){.id = "d2", .date = "2018-01-10", .time = "00:20", .lon = LON, .lat = LAT, .pcode = "C1"});
	find(&f, &p, &s);
	assert_int_equal(s.n, 2);
	assert_true(fabs(s.v[1].max_gap_min - 40.0) < 1e-9);
	geo_sequences_free(&s);
	fx_close(&f);
}

/* the distance between two points: 999 m is in, 1001 m is out */
static void test_distance_boundary(void **state)
{
	(void)state;
	struct fx f;
	struct geo_seq_params p;
	struct geo_sequences s;
	fx_open(&f);
	defaults(&p);
	fx_put(&f, (struct inc_spec){.id = "a1", .date = "2018-01-05", .time = "10:00", .lon = LON, .lat = LAT, .pcode = "C1"});
	fx_put(&f, (struct inc_spec){.id = "a2", .date = "2018-01-05", .time = "10:30", .lon = east_of(LON, LAT, 999), .lat = LAT, .pcode = "C2"});
	fx_put(&f, (struct inc_spec){.id = "b1", .date = "2018-01-06", .time = "10:00", .lon = LON, .lat = LAT, .pcode = "C1"});
	fx_put(&f, (struct inc_spec){.id = "b2", .date = "2018-01-06", .time = "10:30", .lon = east_of(LON, LAT, 1001), .lat = LAT, .pcode = "C1"});
	find(&f, &p, &s);
	assert_int_equal(s.n, 1);
	assert_string_equal(f.ev.v[s.members[s.v[0].first].event].id, "a1");
	assert_true(fabs(s.members[s.v[0].first + 1].dist_m - 999.0) < 0.01);
	geo_sequences_free(&s);
	p.max_distance = 1002;
	find(&f, &p, &s);
	assert_int_equal(s.n, 2);
	geo_sequences_free(&s);
	fx_close(&f);
}

/* precision: town-only strikes of one town are the same site whatever the
 * distance between their points; a town centroid is never "within 1 km" of
 * a point in another town; sub-district precision never forms a site */
static void test_precision(void **state)
{
	(void)state;
	struct fx f;
	struct geo_seq_params p;
	struct geo_sequences s;
	fx_open(&f);
	defaults(&p);
	/* same town: a community centroid and a neighbourhood point 3 km apart */
	fx_put(&f, (struct inc_spec){.id = "t1", .date = "2018-01-05", .time = "10:00", .lon = LON, .lat = LAT, .word = "community", .pcode = "C1"});
	fx_put(&f, (struct inc_spec){.id = "t2", .date = "2018-01-05", .time = "10:20", .lon = east_of(LON, LAT, 3000), .lat = LAT, .word = "neighbourhood", .pcode = "C1"});
	/* another town's centroid 300 m from a precise point */
	fx_put(&f, (struct inc_spec){.id = "u1", .date = "2018-01-06", .time = "10:00", .lon = LON, .lat = LAT, .word = "point", .pcode = "C1"});
	fx_put(&f, (struct inc_spec){.id = "u2", .date = "2018-01-06", .time = "10:20", .lon = east_of(LON, LAT, 300), .lat = LAT, .word = "community", .pcode = "C9"});
	/* sub-district precision, same point */
	fx_put(&f, (struct inc_spec){.id = "v1", .date = "2018-01-07", .time = "10:00", .lon = LON, .lat = LAT, .precision = 2, .word = "subdistrict", .pcode = "SY070300"});
	fx_put(&f, (struct inc_spec){.id = "v2", .date = "2018-01-07", .time = "10:20", .lon = LON, .lat = LAT, .precision = 2, .word = "subdistrict", .pcode = "SY070300"});
	/* town-only without a P-code cannot be matched */
	fx_put(&f, (struct inc_spec){.id = "w1", .date = "2018-01-08", .time = "10:00", .lon = LON, .lat = LAT, .word = "community"});
	fx_put(&f, (struct inc_spec){.id = "w2", .date = "2018-01-08", .time = "10:20", .lon = LON, .lat = LAT, .word = "community"});
	/* unlocated strikes never form a site */
	fx_put(&f, (struct inc_spec){.id = "x1", .date = "2018-01-09", .time = "10:00", .lon = NO});
	fx_put(&f, (struct inc_spec){.id = "x2", .date = "2018-01-09", .time = "10:20", .lon = NO});
	find(&f, &p, &s);
	assert_int_equal(s.n, 1);
	assert_string_equal(f.ev.v[s.members[s.v[0].first].event].id, "t1");
	assert_string_equal(s.members[s.v[0].first + 1].basis, "same_town");
	assert_true(s.members[s.v[0].first + 1].dist_m > 2999 && s.members[s.v[0].first + 1].dist_m < 3001);
	geo_sequences_free(&s);
	fx_close(&f);
}

/* strikes without a time, or dated to the month, are not a timed sequence */
static void test_untimed(void **state)
{
	(void)state;
	struct fx f;
	struct geo_seq_params p;
	struct geo_sequences s;
	fx_open(&f);
	defaults(&p);
	fx_put(&f, (struct inc_spec){.id = "a1", .date = "2018-01-05", .lon = LON, .lat = LAT, .pcode = "C1"});
	fx_put(&f, (struct inc_spec){.id = "a2", .date = "2018-01-05", .lon = LON, .lat = LAT, .pcode = "C1"});
	fx_put(&f, (struct inc_spec){.id = "a3", .date = "2018-01-05", .time = "00:10", .lon = LON, .lat = LAT, .pcode = "C1"});
	fx_put(&f, (struct inc_spec){.id = "m1", .date = "2018-01-01", .time = "10:00", .date_precision = "month", .lon = LON, .lat = LAT, .pcode = "C1"});
	fx_put(&f, (struct inc_spec){.id = "m2", .date = "2018-01-01", .time = "10:30", .lon = LON, .lat = LAT, .pcode = "C1"});
	find(&f, &p, &s);
	assert_int_equal(s.n, 0);
	geo_sequences_free(&s);
	fx_close(&f);
}

/* chains: A -> B -> C, each 50 minutes apart, is one sequence of three;
 * A and C (100 min) are linked through B */
static void test_chain(void **state)
{
	(void)state;
	struct fx f;
	struct geo_seq_params p;
	struct geo_sequences s;
	fx_open(&f);
	defaults(&p);
	fx_put(&f, (struct inc_spec){.id = "a", .date = "2018-01-05", .time = "10:00", .lon = LON, .lat = LAT, .pcode = "C1", .perp = "Syrian regime forces"});
	fx_put(&f, (struct inc_spec){.id = "b", .date = "2018-01-05", .time = "10:50", .lon = east_of(LON, LAT, 400), .lat = LAT, .pcode = "C1", .perp = "Russian forces"});
	fx_put(&f, (struct inc_spec){.id = "c", .date = "2018-01-05", .time = "11:40", .lon = east_of(LON, LAT, 800), .lat = LAT, .pcode = "C1", .perp = "Syrian regime forces"});
	find(&f, &p, &s);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.v[0].n, 3);
	assert_true(fabs(s.v[0].max_gap_min - 50) < 1e-9);
	assert_string_equal(s.v[0].perpetrators, "regime, russia");
	assert_true(isnan(s.members[s.v[0].first].gap_min));
	assert_true(fabs(s.members[s.v[0].first + 2].dist_m - 400) < 0.1);
	geo_sequences_free(&s);
	fx_close(&f);
}

/* following the wounded: a medical facility struck within 3 h after a
 * strike with casualties, in the same town or within 5 km */
static void test_following(void **state)
{
	(void)state;
	struct fx f;
	struct geo_seq_params p;
	struct geo_sequences s;
	fx_open(&f);
	defaults(&p);
	/* day 5: casualties in C1 at 10:00, hospital in C1 at 13:00 (exactly 3 h) */
	fx_put(&f, (struct inc_spec){.id = "k5", .date = "2018-01-05", .time = "10:00", .lon = LON, .lat = LAT, .word = "community", .pcode = "C1", .killed = 4});
	fx_put(&f, (struct inc_spec){.id = "h5", .date = "2018-01-05", .time = "13:00", .lon = east_of(LON, LAT, 2000), .lat = LAT, .word = "point", .pcode = "C1", .ftype = "hospital"});
	/* day 6: 3 h 1 min later: out */
	fx_put(&f, (struct inc_spec){.id = "k6", .date = "2018-01-06", .time = "10:00", .lon = LON, .lat = LAT, .pcode = "C1", .killed = 4});
	fx_put(&f, (struct inc_spec){.id = "h6", .date = "2018-01-06", .time = "13:01", .lon = LON, .lat = LAT, .pcode = "C1", .ftype = "hospital"});
	/* day 7: another town 4.9 km away: in; day 8: 5.1 km: out */
	fx_put(&f, (struct inc_spec){.id = "k7", .date = "2018-01-07", .time = "10:00", .lon = LON, .lat = LAT, .pcode = "C1", .notes = "The strike caused a massacre."});
	fx_put(&f, (struct inc_spec){.id = "h7", .date = "2018-01-07", .time = "11:30", .lon = east_of(LON, LAT, 4900), .lat = LAT, .word = "community", .pcode = "C2", .ftype = "medical_point"});
	fx_put(&f, (struct inc_spec){.id = "k8", .date = "2018-01-08", .time = "10:00", .lon = LON, .lat = LAT, .pcode = "C1", .killed = 2});
	fx_put(&f, (struct inc_spec){.id = "h8", .date = "2018-01-08", .time = "11:30", .lon = east_of(LON, LAT, 5100), .lat = LAT, .pcode = "C2", .ftype = "hospital"});
	/* day 9: no casualties, or a civil-defence centre: out */
	fx_put(&f, (struct inc_spec){.id = "k9", .date = "2018-01-09", .time = "10:00", .lon = LON, .lat = LAT, .pcode = "C1"});
	fx_put(&f, (struct inc_spec){.id = "h9", .date = "2018-01-09", .time = "11:30", .lon = LON, .lat = LAT, .pcode = "C1", .ftype = "hospital"});
	fx_put(&f, (struct inc_spec){.id = "k10", .date = "2018-01-10", .time = "10:00", .lon = LON, .lat = LAT, .pcode = "C1", .killed = 3});
	fx_put(&f, (struct inc_spec){.id = "h10", .date = "2018-01-10", .time = "11:30", .lon = LON, .lat = LAT, .pcode = "C1", .ftype = "civil_defense"});
	find(&f, &p, &s);
	assert_int_equal(s.n, 2);
	assert_int_equal(s.v[0].type, GEO_SEQ_FOLLOWING_WOUNDED);
	assert_string_equal(f.ev.v[s.members[s.v[0].first + 1].event].id, "h5");
	assert_string_equal(s.members[s.v[0].first + 1].basis, "follow_town");
	assert_int_equal(s.v[1].type, GEO_SEQ_FOLLOWING_WOUNDED);
	assert_string_equal(f.ev.v[s.members[s.v[1].first + 1].event].id, "h7");
	assert_string_equal(s.members[s.v[1].first + 1].basis, "follow_distance");
	geo_sequences_free(&s);
	/* a casualty strike and a hospital strike 30 min later at the same
	 * site are a double strike, reported once */
	fx_put(&f, (struct inc_spec){.id = "k11", .date = "2018-01-11", .time = "10:00", .lon = LON, .lat = LAT, .pcode = "C1", .killed = 3});
	fx_put(&f, (struct inc_spec){.id = "h11", .date = "2018-01-11", .time = "10:30", .lon = LON, .lat = LAT, .pcode = "C1", .ftype = "hospital"});
	find(&f, &p, &s);
	assert_int_equal(s.n, 3);
	assert_int_equal(s.v[2].type, GEO_SEQ_DOUBLE_STRIKE);
	geo_sequences_free(&s);
	fx_close(&f);
}

/* the words: evidence without a row for the earlier strike */
static void test_textual(void **state)
{
	(void)state;
	struct fx f;
	struct geo_seq_params p;
	struct geo_sequences s;
	int fol = -1;
	char *e;
	fx_open(&f);
	defaults(&p);

	assert_int_equal(geo_seq_evidence("A nurse. He died while he was Tending to the wounded from a previous shelling; nobody else.", &fol, &e), GEO_OK);
	assert_non_null(e);
	assert_string_equal(e, "He died while he was Tending to the wounded from a previous shelling");
	assert_int_equal(fol, 0);
	free(e);
	assert_int_equal(geo_seq_evidence("The centre was hit while it was receiving the victims of a massacre.", &fol, &e), GEO_OK);
	assert_non_null(e);
	assert_int_equal(fol, 1);
	free(e);
	/* a previous strike without anyone responding to it is a repeat, not a sequence */
	assert_int_equal(geo_seq_evidence("The centre had been damaged in a previous bombing on 11 January.", &fol, &e), GEO_OK);
	assert_null(e);
	assert_int_equal(geo_seq_evidence("Shells hit the market.", &fol, &e), GEO_OK);
	assert_null(e);
	assert_int_equal(geo_seq_evidence(NULL, &fol, &e), GEO_OK);
	assert_null(e);

	fx_put(&f, (struct inc_spec){.id = "e1", .date = "2018-01-02", .lon = LON, .lat = LAT, .pcode = "C1", .word = "community",
	                             .notes = "Killed at the market while scouting the site of a previous bombing."});
	/* the same strike, two rows (a killing and the damage): same minute, same town */
	fx_put(&f, (struct inc_spec){.id = "e2", .date = "2018-01-20", .time = "11:30", .lon = LON, .lat = LAT, .pcode = "C1", .word = "community",
	                             .notes = "Killed while tending to wounded from a previous shelling."});
	fx_put(&f, (struct inc_spec){.id = "e3", .date = "2018-01-20", .time = "11:30", .lon = LON, .lat = LAT, .pcode = "C1", .word = "community", .ftype = "ambulance"});
	/* evidence in the later member of a timed double strike corroborates it */
	fx_put(&f, (struct inc_spec){.id = "f1", .date = "2018-01-25", .time = "09:00", .lon = LON, .lat = LAT, .pcode = "C1"});
	fx_put(&f, (struct inc_spec){.id = "f2", .date = "2018-01-25", .time = "09:40", .lon = LON, .lat = LAT, .pcode = "C1",
	                             .notes = "Paramedics were rescuing the wounded of the earlier strike."});
	/* unlocated rows with words still make a sequence (no geometry) */
	fx_put(&f, (struct inc_spec){.id = "g1", .date = "2018-01-28", .lon = NO,
	                             .notes = "The hospital was receiving the wounded."});
	find(&f, &p, &s);
	assert_int_equal(s.n, 4);
	assert_int_equal(s.v[0].type, GEO_SEQ_TEXTUAL_EVIDENCE);
	assert_int_equal(s.v[0].n, 1);
	assert_int_equal(s.v[0].unrecorded_earlier, 1);
	assert_non_null(strstr(s.v[0].evidence, "scouting the site"));
	assert_int_equal(s.v[1].type, GEO_SEQ_TEXTUAL_EVIDENCE);
	assert_int_equal(s.v[1].n, 2);
	assert_string_equal(s.members[s.v[1].first + 1].basis, "same_strike");
	assert_int_equal(s.v[2].type, GEO_SEQ_DOUBLE_STRIKE);
	assert_int_equal(s.v[2].unrecorded_earlier, 0);
	assert_non_null(s.v[2].evidence);
	assert_int_equal(s.v[3].type, GEO_SEQ_TEXTUAL_EVIDENCE);
	assert_int_equal(s.v[3].id, 4);

	/* GeoJSON: a Point for a single recorded strike, LineString for two, null for none */
	{
		geo_buf b;
		struct json_object *o, *feats, *g;
		geo_buf_init(&b, GEO_BUF_DEFAULT_CAP);
		assert_int_equal(geo_sequences_format(f.ctx, &f.ev, &s, GEO_OUT_GEOJSON, &b), GEO_OK);
		o = json_tokener_parse(geo_buf_str(&b));
		assert_non_null(o);
		assert_true(json_object_object_get_ex(o, "features", &feats));
		assert_int_equal(json_object_array_length(feats), 4);
		assert_true(json_object_object_get_ex(json_object_array_get_idx(feats, 0), "geometry", &g));
		assert_string_equal(json_object_get_string(json_object_object_get(g, "type")), "Point");
		assert_true(json_object_object_get_ex(json_object_array_get_idx(feats, 2), "geometry", &g));
		assert_string_equal(json_object_get_string(json_object_object_get(g, "type")), "LineString");
		assert_true(json_object_object_get_ex(json_object_array_get_idx(feats, 3), "geometry", &g));
		assert_null(g);
		{
			struct json_object *pr = json_object_object_get(json_object_array_get_idx(feats, 0), "properties");
			assert_true(json_object_get_boolean(json_object_object_get(pr, "unrecorded_earlier_strike")));
			assert_string_equal(json_object_get_string(json_object_object_get(pr, "type")), "textual_evidence");
		}
		json_object_put(o);
		geo_buf_reset(&b);
		assert_int_equal(geo_sequences_format(f.ctx, &f.ev, &s, GEO_OUT_JSON, &b), GEO_OK);
		o = json_tokener_parse(geo_buf_str(&b));
		assert_non_null(o);
		assert_int_equal(json_object_array_length(o), 4);
		json_object_put(o);
		geo_buf_reset(&b);
		assert_int_equal(geo_sequences_format(f.ctx, &f.ev, &s, GEO_OUT_TABLE, &b), GEO_OK);
		assert_non_null(strstr(geo_buf_str(&b), "has no row"));
		geo_buf_free(&b);
	}
	geo_sequences_free(&s);
	fx_close(&f);
}

/* the store: tables replaced on each run, geometry registered, views */
static void test_store(void **state)
{
	(void)state;
	struct fx f;
	struct geo_seq_params p;
	struct geo_sequences s;
	fx_open(&f);
	defaults(&p);
	fx_put(&f, (struct inc_spec){.id = "a1", .date = "2018-01-05", .time = "10:00", .lon = LON, .lat = LAT, .pcode = "C1"});
	fx_put(&f, (struct inc_spec){.id = "a2", .date = "2018-01-05", .time = "10:45", .lon = east_of(LON, LAT, 500), .lat = LAT, .pcode = "C1"});
	fx_put(&f, (struct inc_spec){.id = "e1", .date = "2018-01-07", .lon = LON, .lat = LAT, .pcode = "C1", .notes = "Killed while tending to the wounded from a previous shelling."});
	find(&f, &p, &s);
	assert_int_equal(geo_sequences_store(f.st, &f.ev, &s, &p), GEO_OK);
	assert_int_equal(geo_sequences_store(f.st, &f.ev, &s, &p), GEO_OK); /* replaced, not added */
	assert_int_equal(fx_count(&f, "SELECT count(*) FROM sequences"), 2);
	assert_int_equal(fx_count(&f, "SELECT count(*) FROM sequence_members"), 3);
	assert_int_equal(fx_count(&f, "SELECT count(*) FROM sequences WHERE GeometryType(geom) LIKE 'LINESTRING%' AND type='double_strike'"), 1);
	assert_int_equal(fx_count(&f, "SELECT count(*) FROM sequences_points WHERE unrecorded_earlier=1"), 1);
	assert_int_equal(fx_count(&f, "SELECT count(*) FROM sequences_lines"), 1);
	assert_int_equal(fx_count(&f, "SELECT round(gap_min) FROM sequence_members WHERE incident_id='a2'"), 45);
	assert_int_equal(fx_count(&f, "SELECT round(dist_m) FROM sequence_members WHERE incident_id='a2'"), 500);
	assert_int_equal(fx_count(&f, "SELECT count(*) FROM geometry_columns WHERE f_table_name IN ('sequences','sequence_members')"), 4);
	/* typed views: lines for two or more strikes, the last strike's point for every sequence */
	assert_int_equal(fx_count(&f, "SELECT count(*) FROM sequences_points"), 2);
	assert_int_equal(fx_count(&f, "SELECT count(*) FROM views_geometry_columns v JOIN geometry_columns g ON g.f_table_name = v.f_table_name AND g.f_geometry_column = v.f_geometry_column WHERE v.view_name = 'sequences_lines' AND g.geometry_type = 2"), 1);
	assert_int_equal(fx_count(&f, "SELECT count(*) FROM views_geometry_columns WHERE view_name IN ('sequences_lines','sequences_points')"), 2);
	assert_int_equal(fx_count(&f, "SELECT count(*) FROM sequence_members_detail"), 3);
	/* ST_Length in metres of the line matches the member distance */
	assert_int_equal(fx_count(&f, "SELECT round(ST_Length(geom, 1)) FROM sequences WHERE type='double_strike'"), 500);
	geo_sequences_free(&s);

	/* a store write that fails leaves the previous tables in place */
	assert_int_equal(geo_store_exec(f.st, "CREATE TRIGGER boom BEFORE INSERT ON sequences BEGIN SELECT RAISE(ABORT, 'refused'); END"), GEO_OK);
	find(&f, &p, &s);
	assert_int_equal(geo_sequences_store(f.st, &f.ev, &s, &p), GEO_ERR_DB);
	assert_non_null(strstr(geo_ctx_error_message(f.ctx), "refused"));
	geo_ctx_clear_error(f.ctx);
	assert_int_equal(fx_count(&f, "SELECT count(*) FROM sequences"), 2);
	geo_sequences_free(&s);
	fx_close(&f);
}

/* bad parameters and failing allocations */
static void test_failures(void **state)
{
	(void)state;
	struct fx f;
	struct geo_seq_params p;
	struct geo_sequences s;
	fx_open(&f);
	defaults(&p);
	fx_put(&f, (struct inc_spec){.id = "a1", .date = "2018-01-05", .time = "10:00", .lon = LON, .lat = LAT, .pcode = "C1"});
	fx_put(&f, (struct inc_spec){.id = "a2", .date = "2018-01-05", .time = "10:45", .lon = LON, .lat = LAT, .pcode = "C1"});
	fx_put(&f, (struct inc_spec){.id = "e1", .date = "2018-01-07", .lon = LON, .lat = LAT, .pcode = "C1", .notes = "While tending to the wounded from a previous shelling."});
	fx_load(&f);
	p.max_gap = -1;
	assert_int_equal(geo_sequences_find(f.ctx, &f.ev, &p, &s), GEO_ERR_INVALID);
	geo_ctx_clear_error(f.ctx);
	defaults(&p);
	for (long k = 1; k < 200; k++) {
		enum geo_status rc;
		geo_alloc_fail_after(k);
		rc = geo_sequences_find(f.ctx, &f.ev, &p, &s);
		geo_alloc_fail_after(0);
		if (rc == GEO_OK) {
			assert_int_equal(s.n, 2);
			geo_sequences_free(&s);
			break;
		}
		assert_int_equal(rc, GEO_ERR_NOMEM);
		assert_int_equal(s.n, 0);
		geo_ctx_clear_error(f.ctx);
	}
	fx_close(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gap_boundary),
		cmocka_unit_test(test_distance_boundary),
		cmocka_unit_test(test_precision),
		cmocka_unit_test(test_untimed),
		cmocka_unit_test(test_chain),
		cmocka_unit_test(test_following),
		cmocka_unit_test(test_textual),
		cmocka_unit_test(test_store),
		cmocka_unit_test(test_failures),
	};
	return cmocka_run_group_tests_name("geo_sequences", tests, NULL, NULL);
}
