/* pg_roundtrip.c — read incidents back from PostGIS with
 * geo_pg_read_incidents(), store them in a new store, and compare every
 * field, attribute and point with the original store.
 * Usage: pg_roundtrip ORIGINAL.sqlite "PG:..." TABLE NEW.sqlite
 *    or: pg_roundtrip ORIGINAL.sqlite --stores - IMPORTED.sqlite
 * (the second form compares a store that `strikemap import` filled from
 * PostGIS; the import treats the points as input coordinates and sets the
 * geocoding fields itself, so only input facts, attributes and points count).
 * Prints one line per difference; exit 0 when identical, 1 otherwise. */
#include "geo/store.h"
#include "layers/postgis.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static int diffs;

static void cmp_str(const char *id, const char *what, const char *a, const char *b)
{
	if ((a == NULL) != (b == NULL) || (a && strcmp(a, b) != 0)) {
		printf("%s: %s: \"%s\" became \"%s\"\n", id, what, a ? a : "(null)", b ? b : "(null)");
		diffs++;
	}
}

static void cmp_int(const char *id, const char *what, long a, long b)
{
	if (a != b) {
		printf("%s: %s: %ld became %ld\n", id, what, a, b);
		diffs++;
	}
}

int main(int argc, char **argv)
{
	geo_ctx *ctx = geo_ctx_new();
	geo_store *orig = NULL, *copy = NULL;
	struct geo_incident_list a = {0}, pg = {0}, b = {0};
	int rc = 1;
	if (argc != 5) {
		fprintf(stderr, "usage: pg_roundtrip ORIGINAL.sqlite PG:... TABLE NEW.sqlite\n");
		return 2;
	}
	int stores = strcmp(argv[2], "--stores") == 0;
	if (stores) {
		if (!(orig = geo_store_open(ctx, argv[1], 0)) ||
		    geo_store_load_incidents(orig, NULL, &a) != GEO_OK ||
		    !(copy = geo_store_open(ctx, argv[4], 0)) ||
		    geo_store_load_incidents(copy, NULL, &b) != GEO_OK)
			goto fail;
		goto compare;
	}
	if (!(orig = geo_store_open(ctx, argv[1], 0)) ||
	    geo_store_load_incidents(orig, NULL, &a) != GEO_OK ||
	    geo_pg_read_incidents(ctx, argv[2], argv[3], &pg) != GEO_OK ||
	    !(copy = geo_store_open(ctx, argv[4], 1)) || geo_store_begin(copy) != GEO_OK)
		goto fail;
	for (size_t i = 0; i < pg.n; i++)
		if (geo_store_upsert_incident(copy, &pg.v[i], NULL) != GEO_OK)
			goto fail;
	if (geo_store_commit(copy) != GEO_OK || geo_store_load_incidents(copy, NULL, &b) != GEO_OK)
		goto fail;
compare:
	if (stores)
		printf("imported store has %zu rows, original has %zu\n", b.n, a.n);
	else
		printf("read %zu rows from %s, stored %zu, original has %zu\n", pg.n, argv[3], b.n, a.n);
	cmp_int("store", "row count", (long)a.n, (long)b.n);
	for (size_t i = 0; i < a.n && i < b.n; i++) {
		const struct geo_incident *x = &a.v[i], *y = &b.v[i];
		const char *id = x->id;
		cmp_str(id, "id", x->id, y->id);
		cmp_str(id, "date", x->date, y->date);
		cmp_str(id, "time", x->time, y->time);
		cmp_str(id, "place_text", x->place_text, y->place_text);
		cmp_str(id, "facility_name", x->facility_name, y->facility_name);
		cmp_str(id, "facility_type", x->facility_type, y->facility_type);
		cmp_str(id, "perpetrator", x->perpetrator, y->perpetrator);
		cmp_str(id, "notes", x->notes, y->notes);
		if (!stores) {
			cmp_str(id, "geocode_status", x->geocode_status, y->geocode_status);
			cmp_str(id, "precision_word", x->precision_word, y->precision_word);
			cmp_int(id, "geo_precision", x->geo_precision, y->geo_precision);
		}
		if (!stores) {
			cmp_str(id, "geocode_note", x->geocode_note, y->geocode_note);
			cmp_str(id, "zone", x->zone, y->zone);
		}
		cmp_int(id, "killed", x->killed, y->killed);
		cmp_int(id, "injured", x->injured, y->injured);
		cmp_int(id, "has_point", x->has_point, y->has_point);
		if (x->has_point && y->has_point &&
		    (fabs(x->lon - y->lon) > 1e-9 || fabs(x->lat - y->lat) > 1e-9)) {
			printf("%s: point %.9f %.9f became %.9f %.9f\n", id, x->lon, x->lat, y->lon, y->lat);
			diffs++;
		}
		/* every original attribute is back with its value (PostGIS adds a
		 * NULL column for keys other rows have: that is not a difference) */
		for (size_t k = 0; k < x->n_attrs; k++)
			cmp_str(id, x->attrs[k].key, x->attrs[k].value, geo_incident_attr(y, x->attrs[k].key));
		for (size_t k = 0; k < y->n_attrs; k++)
			if (y->attrs[k].value && !geo_incident_attr(x, y->attrs[k].key)) {
				printf("%s: new attribute %s=%s\n", id, y->attrs[k].key, y->attrs[k].value);
				diffs++;
			}
	}
	printf("%d differences\n", diffs);
	rc = diffs ? 1 : 0;
	goto out;
fail:
	fprintf(stderr, "pg_roundtrip: %s\n", geo_ctx_error_message(ctx));
out:
	geo_incident_list_free(&a);
	geo_incident_list_free(&pg);
	geo_incident_list_free(&b);
	geo_store_close(orig);
	geo_store_close(copy);
	geo_ctx_free(ctx);
	return rc;
}
