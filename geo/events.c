/* events.c — incidents -> flat event array for the analyses (events.h). */
#include "geo/events.h"
#include "geo/geodesy.h"
#include "geo/perpetrator.h"
#include "geo/units.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum geo_site_level geo_site_level_of(int geo_precision, const char *word, int has_point)
{
	if (!has_point)
		return GEO_SITE_NONE;
	if (geo_precision != 1)
		return GEO_SITE_COARSE;
	if (!word || strcmp(word, "point") == 0)
		return word ? GEO_SITE_POINT : GEO_SITE_TOWN; /* no word: assume the town only */
	if (strcmp(word, "neighbourhood") == 0 || strcmp(word, "neighborhood") == 0)
		return GEO_SITE_NEIGHBOURHOOD;
	if (strcmp(word, "community") == 0)
		return GEO_SITE_TOWN;
	return GEO_SITE_COARSE; /* precision 1 with a coarser word is contradictory: be safe */
}

static int contains_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	if (!hay)
		return 0;
	for (; *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return 1;
	return 0;
}

static void event_clear(struct geo_event *e)
{
	char **s[] = {&e->id, &e->date, &e->time, &e->date_precision, &e->pcode, &e->admin3_pcode,
	              &e->precision_word, &e->place_name, &e->facility_id, &e->facility_name,
	              &e->facility_type, &e->perpetrator, &e->perpetrator_class, &e->notes};
	for (size_t i = 0; i < sizeof s / sizeof s[0]; i++) {
		free(*s[i]);
		*s[i] = NULL;
	}
}

void geo_events_free(struct geo_events *ev)
{
	if (!ev)
		return;
	for (size_t i = 0; i < ev->n; i++)
		event_clear(&ev->v[i]);
	free(ev->v);
	ev->v = NULL;
	ev->n = ev->cap = 0;
}

static int cmp_event(const void *a, const void *b)
{
	const struct geo_event *x = a, *y = b;
	/* by date, timed before untimed, then time, then id (as the store sorts) */
	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	int tx = !(x->flags & GEO_EV_HAS_TIME), ty = !(y->flags & GEO_EV_HAS_TIME);
	if (tx != ty)
		return tx - ty;
	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return strcmp(x->id, y->id);
}

static enum geo_status dup_field(geo_ctx *ctx, char **dst, const char *src)
{
	if (!src) {
		*dst = NULL;
		return GEO_OK;
	}
	*dst = geo_strdup(src);
	return *dst ? GEO_OK : GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory loading events");
}

enum geo_status geo_events_from_incidents(geo_ctx *ctx, const struct geo_incident *inc, size_t n,
                                          struct geo_events *ev)
{
	enum geo_status rc = GEO_OK;
	double *lon = NULL, *lat = NULL, *x = NULL, *y = NULL;
	size_t np = 0;

	memset(ev, 0, sizeof *ev);
	ev->v = geo_calloc(n ? n : 1, sizeof *ev->v);
	lon = geo_malloc((n ? n : 1) * sizeof *lon);
	lat = geo_malloc((n ? n : 1) * sizeof *lat);
	x = geo_malloc((n ? n : 1) * sizeof *x);
	y = geo_malloc((n ? n : 1) * sizeof *y);
	if (!ev->v || !lon || !lat || !x || !y) {
		rc = GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory loading %zu events", n);
		goto out;
	}
	ev->cap = n;
	for (size_t i = 0; i < n; i++) {
		const struct geo_incident *c = &inc[i];
		struct geo_event *e = &ev->v[ev->n];
		int32_t day = 0, secs = 0;
		ev->n++;
		if ((rc = dup_field(ctx, &e->id, c->id)) || (rc = dup_field(ctx, &e->date, c->date)) ||
		    (rc = dup_field(ctx, &e->time, c->time)) ||
		    (rc = dup_field(ctx, &e->date_precision, c->date_precision ? c->date_precision : "day")) ||
		    (rc = dup_field(ctx, &e->pcode, c->pcode)) ||
		    (rc = dup_field(ctx, &e->admin3_pcode, c->admin3_pcode)) ||
		    (rc = dup_field(ctx, &e->precision_word, c->precision_word)) ||
		    (rc = dup_field(ctx, &e->place_name, c->place_name)) ||
		    (rc = dup_field(ctx, &e->facility_id, c->facility_id)) ||
		    (rc = dup_field(ctx, &e->facility_name, c->facility_name)) ||
		    (rc = dup_field(ctx, &e->facility_type, c->facility_type ? c->facility_type : "other")) ||
		    (rc = dup_field(ctx, &e->perpetrator, c->perpetrator)) ||
		    (rc = dup_field(ctx, &e->perpetrator_class, geo_perpetrator_class(c->perpetrator))) ||
		    (rc = dup_field(ctx, &e->notes, c->notes)))
			goto out;
		if (!c->id || !c->date || geo_parse_date(c->date, &day) != GEO_OK) {
			rc = GEO_ERROR(ctx, GEO_ERR_INVALID, "incident %s: date \"%s\" is not a date",
			               c->id ? c->id : "?", c->date ? c->date : "");
			goto out;
		}
		e->day = day;
		e->t = (int64_t)day * 86400;
		if (c->time && *c->time) {
			if (geo_parse_time(c->time, &secs) != GEO_OK) {
				rc = GEO_ERROR(ctx, GEO_ERR_INVALID, "incident %s: time \"%s\" is not a time",
				               c->id, c->time);
				goto out;
			}
			e->t += secs;
			e->flags |= GEO_EV_HAS_TIME;
		}
		if (strcmp(e->date_precision, "day") != 0) {
			e->flags |= GEO_EV_DATE_INEXACT;
			e->flags &= ~(unsigned)GEO_EV_HAS_TIME; /* a clock time without a day means nothing */
		}
		e->killed = c->killed;
		e->injured = c->injured;
		if (c->killed > 0 || c->injured > 0 || contains_ci(c->notes, "casualt") ||
		    contains_ci(c->notes, "massacre"))
			e->flags |= GEO_EV_CASUALTIES;
		if (c->facility_type && (strcmp(c->facility_type, "hospital") == 0 ||
		                         strcmp(c->facility_type, "medical_point") == 0))
			e->flags |= GEO_EV_MEDICAL;
		if (c->facility_type && strcmp(c->facility_type, "ambulance") == 0)
			e->flags |= GEO_EV_AMBULANCE;
		e->geo_precision = c->geo_precision;
		if (c->has_point) {
			e->flags |= GEO_EV_HAS_POINT;
			e->lon = c->lon;
			e->lat = c->lat;
			lon[np] = c->lon;
			lat[np] = c->lat;
			np++;
		}
		/* coordinates given by the input without a word are points */
		e->site = geo_site_level_of(c->geo_precision,
		                            (!c->precision_word && c->geocode_status &&
		                             strcmp(c->geocode_status, GEO_GC_INPUT) == 0 && c->geo_precision == 1)
		                                ? "point" : c->precision_word,
		                            c->has_point);
	}
	if ((rc = geo_project_utm37(ctx, np, lon, lat, x, y)) != GEO_OK)
		goto out;
	for (size_t i = 0, k = 0; i < ev->n; i++)
		if (ev->v[i].flags & GEO_EV_HAS_POINT) {
			ev->v[i].x = x[k];
			ev->v[i].y = y[k];
			k++;
		}
	qsort(ev->v, ev->n, sizeof *ev->v, cmp_event);
out:
	if (rc != GEO_OK)
		geo_events_free(ev);
	free(lon);
	free(lat);
	free(x);
	free(y);
	return rc;
}

enum geo_status geo_events_load(geo_store *st, struct geo_events *ev)
{
	struct geo_incident_list l = {0};
	enum geo_status rc = geo_store_load_incidents(st, NULL, &l);
	if (rc == GEO_OK)
		rc = geo_events_from_incidents(geo_store_ctx(st), l.v, l.n, ev);
	else
		memset(ev, 0, sizeof *ev);
	geo_incident_list_free(&l);
	return rc;
}

void geo_event_when(const struct geo_event *e, char out[20])
{
	if (e->flags & GEO_EV_DATE_INEXACT)
		snprintf(out, 20, "%.7s", e->date);
	else if (e->time)
		snprintf(out, 20, "%s %.5s", e->date, e->time);
	else
		snprintf(out, 20, "%s", e->date);
}
