/* fixture_store.h — the incidents the export tests write and read back.
 * Header-only; include after fixture.h. */
#ifndef TEST_LAYERS_FIXTURE_STORE_H
#define TEST_LAYERS_FIXTURE_STORE_H

#define FIXTURE_N 8          /* incidents */
#define FIXTURE_LOCATED 6    /* with a point */
#define FIXTURE_ARABIC "مشفى الإحسان في بلدة سراقب"
#define FIXTURE_UNLOCATED_IDS "x-unloc-1, x-unloc-2"

/* A long note (300+ bytes, Arabic: 2 bytes a letter) to test the DBF cut. */
static inline const char *fixture_long_note(void)
{
	static char note[1024];
	if (!note[0]) {
		for (int i = 0; i < 20; i++)
			strcat(note, "قصف مشفى ");
		strcat(note, "END");
	}
	return note;
}

/* Write DIR/strikes.sqlite. Returns 0 on success. */
static inline int fixture_store(const char *dir)
{
	char path[512];
	geo_ctx *ctx = geo_ctx_new();
	geo_store *st;
	struct geo_incident inc;
	snprintf(path, sizeof path, "%s/strikes.sqlite", dir);
	unlink(path);
	st = geo_store_open(ctx, path, 1);
	if (!st) {
		fprintf(stderr, "fixture: %s\n", geo_ctx_error_message(ctx));
		return 1;
	}
	fixture_incident(st, "a-saraqeb-cd", "2018-01-11", "Saraqeb city", "civil_defense",
	                 "Syrian-Russian alliance forces", 1, 36.8007, 35.8624);
	fixture_incident(st, "b-saraqeb-cd2", "2018-01-20", "Saraqeb city", "civil_defense",
	                 "Russian forces", 1, 36.8007, 35.8624);
	fixture_incident(st, "c-douma", "2018-01-08", "Douma city", "hospital",
	                 "Syrian regime forces", 1, 36.4016, 33.5711);
	fixture_incident(st, "d-kafrzita", "2018-01-03", "Kafr Zita", "medical_point",
	                 "Syrian regime forces", 1, 36.6027, 35.3744);
	fixture_incident(st, "e-daraa", "2018-01-25", "Dar'a al-Balad", "ambulance",
	                 "ISIS", 1, 36.1021, 32.6189);
	fixture_incident(st, "f-aleppo", "2018-01-29", "Aleppo city", "red_crescent",
	                 NULL, 1, 37.1612, 36.2021);
	fixture_incident(st, "x-unloc-1", "2018-01-15", "an unknown village", "hospital",
	                 "Syrian regime forces", 0, 0, 0);
	fixture_incident(st, "x-unloc-2", "2018-01-16", "somewhere in the east", "other",
	                 NULL, 0, 0, 0);
	/* the Saraqeb hospital row gets an Arabic name and unknown columns */
	geo_incident_init(&inc);
	if (geo_incident_set(&inc.id, "a-saraqeb-cd") || geo_incident_set(&inc.date, "2018-01-11") ||
	    geo_incident_set(&inc.time, "20:45") ||
	    geo_incident_set(&inc.facility_name, FIXTURE_ARABIC) ||
	    geo_incident_set(&inc.place_text, "Saraqeb city, Idlib") ||
	    geo_incident_set(&inc.facility_type, "civil_defense") ||
	    geo_incident_set(&inc.perpetrator, "Syrian-Russian alliance forces") ||
	    geo_incident_set(&inc.geocode_status, GEO_GC_RESOLVED) ||
	    geo_incident_set(&inc.notes, fixture_long_note()) ||
	    geo_incident_add_attr(&inc, "witness_count", "3") ||
	    geo_incident_add_attr(&inc, "reporting_organisation_name", "SNHR") ||
	    geo_incident_add_attr(&inc, "reporting_organisation_type", "NGO") ||
	    geo_incident_add_attr(&inc, "المصدر", "تقرير") ||
	    geo_incident_add_attr(&inc, "Notes", "a second notes column from the input"))
		return 1;
	inc.has_point = 1;
	inc.lon = 36.8007;
	inc.lat = 35.8624;
	inc.geo_precision = 1;
	inc.killed = 1;
	inc.injured = 3;
	if (geo_store_upsert_incident(st, &inc, NULL) != GEO_OK) {
		fprintf(stderr, "fixture: %s\n", geo_ctx_error_message(ctx));
		return 1;
	}
	geo_incident_clear(&inc);
	geo_store_close(st);
	geo_ctx_free(ctx);
	return 0;
}

#endif
