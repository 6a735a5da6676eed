/* repeats.c — repeated strikes: facility identity, ST-DBSCAN over the
 * precisely located rest, Knox and the near-repeat table (repeats.h). */
#include "geo/internal.h"
#include "geo/repeats.h"
#include "geo/antables.h"
#include "geo/geodesy.h"
#include "geo/stdbscan.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void geo_rep_params_default(struct geo_rep_params *p)
{
	memset(p, 0, sizeof *p);
	p->eps_space = 500.0;
	p->eps_time = 30 * 86400.0;
	p->min_strikes = 2;
	p->knox_permutations = 999;
	p->seed = 1;
}

char *geo_facility_name_norm(const char *name)
{
	size_t n = strlen(name), k = 0;
	char *o = geo_malloc(n + 1);
	if (!o)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)name[i];
		/* apostrophes: ' ` and U+2018/U+2019 (E2 80 98/99) vanish */
		if (c == '\'' || c == '`')
			continue;
		if (c == 0xE2 && i + 2 < n && (unsigned char)name[i + 1] == 0x80 &&
		    ((unsigned char)name[i + 2] == 0x98 || (unsigned char)name[i + 2] == 0x99)) {
			i += 2;
			continue;
		}
		if (c < 0x80 && !isalnum(c))
			c = ' ';
		if (c == ' ' && (k == 0 || o[k - 1] == ' '))
			continue;
		o[k++] = (char)(c < 0x80 ? tolower(c) : c);
	}
	while (k && o[k - 1] == ' ')
		k--;
	o[k] = '\0';
	if (strncmp(o, "the ", 4) == 0)
		memmove(o, o + 4, k - 3);
	return o;
}

struct keyed {
	char *key;
	size_t ev;
};

static int cmp_keyed(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	if (c)
		return c;
	return (x->ev > y->ev) - (x->ev < y->ev);
}

static const char *type_class(const struct geo_event *e)
{
	return (e->flags & GEO_EV_AMBULANCE) ? "vehicle" : e->facility_type;
}

static int has_identity(const struct geo_event *e)
{
	return (e->facility_id && *e->facility_id) ||
	       (e->facility_name && *e->facility_name && e->pcode && *e->pcode);
}

/* ---- building groups ---- */

static char *dup_or_null(const char *s, int *fail)
{
	char *d;
	if (!s)
		return NULL;
	d = geo_strdup(s);
	if (!d)
		*fail = 1;
	return d;
}

static int site_rank(const struct geo_event *e) { return (int)e->site; }

/* Lower-left-first monotone chain convex hull on lon/lat (fine at the
 * scale of one facility). pts are sorted in place; returns hull size. */
struct ll { double x, y; };
static int cmp_ll(const void *a, const void *b)
{
	const struct ll *p = a, *q = b;
	if (p->x != q->x)
		return p->x < q->x ? -1 : 1;
	return (p->y > q->y) - (p->y < q->y);
}
static double cross(struct ll o, struct ll a, struct ll b)
{
	return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
}
static size_t hull(struct ll *p, size_t n, struct ll *h)
{
	size_t k = 0;
	qsort(p, n, sizeof *p, cmp_ll);
	for (size_t i = 0; i < n; i++) {
		while (k >= 2 && cross(h[k - 2], h[k - 1], p[i]) <= 0)
			k--;
		h[k++] = p[i];
	}
	for (size_t i = n - 1, t = k + 1; i-- > 0;) {
		while (k >= t && cross(h[k - 2], h[k - 1], p[i]) <= 0)
			k--;
		h[k++] = p[i];
	}
	return k > 1 ? k - 1 : k;
}

static enum geo_status add_group(geo_ctx *ctx, const struct geo_events *evs, struct geo_repeats *o,
                                 size_t *cap, const char *method, const size_t *idx, size_t n)
{
	const struct geo_event *ev = evs->v;
	struct geo_repeat *g;
	int fail = 0;
	size_t best = idx[0], located = 0;
	geo_buf b;
	struct ll *pts = NULL, *h = NULL;
	enum geo_status rc = GEO_OK;

	if (o->n == *cap) {
		size_t nc = *cap ? *cap * 2 : 16;
		struct geo_repeat *v = geo_realloc(o->v, nc * sizeof *v);
		if (!v)
			return GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory building repeats");
		o->v = v;
		*cap = nc;
	}
	g = &o->v[o->n++];
	memset(g, 0, sizeof *g);
	g->method = method;
	g->first = o->n_members;
	g->n = n;
	for (size_t k = 0; k < n; k++) {
		o->members[o->n_members++] = idx[k];
		if (site_rank(&ev[idx[k]]) > site_rank(&ev[best]))
			best = idx[k];
	}
	/* names: the first member that has each */
	for (size_t k = 0; k < n && !fail; k++) {
		const struct geo_event *e = &ev[idx[k]];
		if (!g->facility_id && e->facility_id)
			g->facility_id = dup_or_null(e->facility_id, &fail);
		if (!g->facility_name && e->facility_name)
			g->facility_name = dup_or_null(e->facility_name, &fail);
		if (!g->pcode && e->pcode) {
			g->pcode = dup_or_null(e->pcode, &fail);
			g->town = dup_or_null(e->place_name, &fail);
		}
	}
	g->facility_type = dup_or_null(ev[idx[0]].facility_type, &fail);
	/* dates and intervals */
	g->intervals = geo_malloc((n ? n : 1) * sizeof *g->intervals);
	if (!g->intervals)
		fail = 1;
	for (size_t k = 0; k < n && !fail; k++) {
		const struct geo_event *e = &ev[idx[k]];
		if (e->flags & GEO_EV_DATE_INEXACT) {
			g->n_inexact++;
		} else {
			if (!g->first_date[0])
				snprintf(g->first_date, sizeof g->first_date, "%s", e->date);
			snprintf(g->last_date, sizeof g->last_date, "%s", e->date);
		}
		if (k > 0) {
			const struct geo_event *p = &ev[idx[k - 1]];
			if ((e->flags | p->flags) & GEO_EV_DATE_INEXACT)
				g->intervals[k - 1] = NAN;
			else if ((e->flags & p->flags) & GEO_EV_HAS_TIME)
				g->intervals[k - 1] = (double)(e->t - p->t) / 86400.0;
			else
				g->intervals[k - 1] = (double)(e->day - p->day);
		}
	}
	/* perpetrators */
	geo_buf_init(&b, 4096);
	for (size_t k = 0; k < n && !fail; k++) {
		const char *c = ev[idx[k]].perpetrator_class;
		int seen = 0;
		for (size_t q = 0; q < k && !seen; q++)
			seen = strcmp(ev[idx[q]].perpetrator_class, c) == 0;
		if (!seen && ((geo_buf_len(&b) && geo_buf_adds(&b, ", ") != GEO_OK) ||
		              geo_buf_adds(&b, c) != GEO_OK))
			fail = 1;
	}
	g->perpetrators = fail ? NULL : geo_buf_take(&b);
	geo_buf_free(&b);
	if (!g->perpetrators)
		fail = 1;
	/* extent and geometry */
	pts = geo_malloc((n ? n : 1) * sizeof *pts);
	h = geo_malloc((2 * n + 1) * sizeof *h);
	if (!pts || !h)
		fail = 1;
	for (size_t k = 0; k < n && !fail; k++) {
		const struct geo_event *e = &ev[idx[k]];
		if (!(e->flags & GEO_EV_HAS_POINT))
			continue;
		pts[located++] = (struct ll){e->lon, e->lat};
		for (size_t q = 0; q < k; q++) {
			const struct geo_event *f = &ev[idx[q]];
			if (f->flags & GEO_EV_HAS_POINT) {
				double d = geo_geodesic_m(e->lon, e->lat, f->lon, f->lat);
				if (d > g->extent_m)
					g->extent_m = d;
			}
		}
	}
	if (!fail && located) {
		geo_buf w;
		geo_buf_init(&w, 1 << 20);
		size_t nh = strcmp(method, "identity") == 0 ? 0 : hull(pts, located, h);
		if (nh >= 3) {
			int bad = geo_buf_adds(&w, "POLYGON((") != GEO_OK;
			for (size_t k = 0; k <= nh && !bad; k++)
				bad = geo_buf_addf(&w, "%s%.7f %.7f", k ? "," : "", h[k % nh].x, h[k % nh].y) != GEO_OK;
			if (bad || geo_buf_adds(&w, "))") != GEO_OK)
				fail = 1;
		} else if (nh > 0) {
			/* a degenerate hull (all points on a line): its centre */
			double sx = 0, sy = 0;
			for (size_t k = 0; k < located; k++) {
				sx += pts[k].x;
				sy += pts[k].y;
			}
			if (geo_buf_addf(&w, "POINT(%.7f %.7f)", sx / (double)located, sy / (double)located) != GEO_OK)
				fail = 1;
		} else if (ev[best].flags & GEO_EV_HAS_POINT) {
			/* identity: the most precisely located member's point */
			if (geo_buf_addf(&w, "POINT(%.7f %.7f)", ev[best].lon, ev[best].lat) != GEO_OK)
				fail = 1;
		}
		if (!fail && geo_buf_len(&w)) {
			g->wkt = geo_buf_take(&w);
			if (!g->wkt)
				fail = 1;
		}
		geo_buf_free(&w);
	}
	free(pts);
	free(h);
	if (fail)
		rc = GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory building repeats");
	return rc;
}

void geo_repeats_free(struct geo_repeats *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n; i++) {
		struct geo_repeat *g = &r->v[i];
		free(g->facility_id);
		free(g->facility_name);
		free(g->facility_type);
		free(g->pcode);
		free(g->town);
		free(g->intervals);
		free(g->perpetrators);
		free(g->wkt);
	}
	free(r->v);
	free(r->members);
	geo_knox_result_free(&r->knox);
	memset(r, 0, sizeof *r);
}

static int cmp_group(const void *a, const void *b, void *arg)
{
	const struct geo_repeats *o = arg;
	const struct geo_repeat *x = a, *y = b;
	size_t ex = o->members[x->first], ey = o->members[y->first];
	return (ex > ey) - (ex < ey);
}

static enum geo_status identity_groups(geo_ctx *ctx, const struct geo_events *evs, size_t *par,
                                       unsigned char *grouped)
{
	const struct geo_event *ev = evs->v;
	size_t n = evs->n, nk = 0;
	struct keyed *keys = geo_calloc(n ? n : 1, sizeof *keys);
	enum geo_status rc = GEO_OK;
	if (!keys)
		return GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory grouping facilities");
	/* 1. registry ids */
	for (size_t i = 0; i < n; i++) {
		const struct geo_event *e = &ev[i];
		if (!e->facility_id || !*e->facility_id)
			continue;
		geo_buf b;
		geo_buf_init(&b, 4096);
		if (geo_buf_addf(&b, "%s|%s", e->facility_id,
		                 (e->flags & GEO_EV_AMBULANCE) ? "vehicle" : "site") != GEO_OK ||
		    !(keys[nk].key = geo_buf_take(&b))) {
			geo_buf_free(&b);
			rc = GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory grouping facilities");
			goto out;
		}
		keys[nk++].ev = i;
	}
	qsort(keys, nk, sizeof *keys, cmp_keyed);
	for (size_t k = 1; k < nk; k++)
		if (strcmp(keys[k].key, keys[k - 1].key) == 0) {
			geo_uf_union(par, keys[k].ev, keys[k - 1].ev);
			grouped[keys[k].ev] = grouped[keys[k - 1].ev] = 1;
		}
	for (size_t k = 0; k < nk; k++)
		free(keys[k].key);
	nk = 0;
	/* 2. normalised names within a town */
	for (size_t i = 0; i < n; i++) {
		const struct geo_event *e = &ev[i];
		char *norm;
		if (!e->facility_name || !*e->facility_name || !e->pcode || !*e->pcode)
			continue;
		norm = geo_facility_name_norm(e->facility_name);
		geo_buf b;
		geo_buf_init(&b, 4096);
		if (!norm || geo_buf_addf(&b, "%s|%s|%s", norm, type_class(e), e->pcode) != GEO_OK ||
		    !(keys[nk].key = geo_buf_take(&b))) {
			free(norm);
			geo_buf_free(&b);
			rc = GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory grouping facilities");
			goto out;
		}
		free(norm);
		if (!*keys[nk].key) {
			free(keys[nk].key);
			continue;
		}
		keys[nk++].ev = i;
	}
	qsort(keys, nk, sizeof *keys, cmp_keyed);
	for (size_t a = 0; a < nk;) {
		size_t b = a + 1, ids = 0;
		const char *id0 = NULL;
		int conflict = 0;
		while (b < nk && strcmp(keys[b].key, keys[a].key) == 0)
			b++;
		for (size_t k = a; k < b; k++) {
			const char *id = ev[keys[k].ev].facility_id;
			if (!id || !*id)
				continue;
			if (!id0)
				id0 = id;
			else if (strcmp(id0, id) != 0)
				conflict = 1;
			ids++;
		}
		if (b - a >= 2 && !conflict) {
			for (size_t k = a + 1; k < b; k++) {
				geo_uf_union(par, keys[k].ev, keys[a].ev);
				grouped[keys[k].ev] = grouped[keys[a].ev] = 1;
			}
		}
		(void)ids;
		a = b;
	}
out:
	for (size_t k = 0; k < nk; k++)
		free(keys[k].key);
	free(keys);
	return rc;
}

enum geo_status geo_repeats_find(geo_ctx *ctx, const struct geo_events *evs,
                                 const struct geo_rep_params *p, struct geo_repeats *out)
{
	const struct geo_event *ev = evs->v;
	size_t n = evs->n, cap = 0;
	size_t *par = NULL, *buf = NULL, *cand = NULL;
	unsigned char *grouped = NULL;
	double *x = NULL, *y = NULL, *t = NULL;
	int32_t *lab = NULL;
	enum geo_status rc = GEO_OK;

	memset(out, 0, sizeof *out);
	if (!(p->eps_space > 0) || !(p->eps_time > 0) || p->min_strikes < 2 || p->knox_permutations < 0)
		return GEO_ERROR(ctx, GEO_ERR_INVALID,
		                 "repeats: eps-space and eps-time must be positive and min-strikes at least 2");
	par = geo_malloc((n + 1) * sizeof *par);
	buf = geo_malloc((n + 1) * sizeof *buf);
	cand = geo_malloc((n + 1) * sizeof *cand);
	grouped = geo_calloc(n + 1, 1);
	out->members = geo_malloc((n + 1) * sizeof *out->members);
	x = geo_malloc((n + 1) * sizeof *x);
	y = geo_malloc((n + 1) * sizeof *y);
	t = geo_malloc((n + 1) * sizeof *t);
	lab = geo_malloc((n + 1) * sizeof *lab);
	if (!par || !buf || !cand || !grouped || !out->members || !x || !y || !t || !lab) {
		rc = GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory finding repeats");
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		par[i] = i;
	if ((rc = identity_groups(ctx, evs, par, grouped)) != GEO_OK)
		goto out;
	for (size_t r = 0; r < n; r++) {
		size_t k = 0;
		if (!grouped[r] || geo_uf_find(par, r) != r)
			continue;
		for (size_t i = r; i < n; i++)
			if (grouped[i] && geo_uf_find(par, i) == r)
				buf[k++] = i;
		if (k >= p->min_strikes && (rc = add_group(ctx, evs, out, &cap, "identity", buf, k)) != GEO_OK)
			goto out;
	}
	/* ST-DBSCAN over precisely located strikes without identity */
	{
		size_t nc = 0, nclus = 0;
		struct geo_stdbscan_params sp = {
			.eps_space = p->eps_space, .eps_time = p->eps_time, .min_points = p->min_strikes,
			.metric = GEO_STDBSCAN_CYLINDER, .threads = p->threads};
		for (size_t i = 0; i < n; i++) {
			const struct geo_event *e = &ev[i];
			if (has_identity(e) || !(e->flags & GEO_EV_HAS_POINT) ||
			    (e->flags & GEO_EV_DATE_INEXACT) ||
			    (e->site != GEO_SITE_POINT && e->site != GEO_SITE_NEIGHBOURHOOD))
				continue;
			cand[nc] = i;
			x[nc] = e->x;
			y[nc] = e->y;
			t[nc] = (double)e->t;
			nc++;
		}
		if (nc && (rc = geo_stdbscan(ctx, nc, x, y, t, &sp, lab, &nclus)) != GEO_OK)
			goto out;
		for (size_t c = 0; c < nclus; c++) {
			size_t k = 0;
			for (size_t q = 0; q < nc; q++)
				if (lab[q] == (int32_t)c)
					buf[k++] = cand[q];
			if (k >= 2 && (rc = add_group(ctx, evs, out, &cap, "st_dbscan", buf, k)) != GEO_OK)
				goto out;
		}
	}
	if (out->n)
		qsort_r(out->v, out->n, sizeof *out->v, cmp_group, out);
	for (size_t q = 0; q < out->n; q++)
		out->v[q].id = (int)q + 1;

	/* Knox */
	if (p->knox_permutations > 0) {
		struct geo_knox_params *kp = &out->knox_params;
		size_t nk = 0;
		memset(kp, 0, sizeof *kp);
		kp->space = p->eps_space;
		kp->time = p->eps_time;
		kp->permutations = p->knox_permutations;
		kp->seed = p->seed;
		kp->threads = p->threads;
		if (p->n_space_bands) {
			memcpy(kp->space_bands, p->space_bands, sizeof kp->space_bands);
			kp->n_space_bands = p->n_space_bands;
		} else {
			double d[] = {0, p->eps_space / 4, p->eps_space / 2, p->eps_space};
			memcpy(kp->space_bands, d, sizeof d);
			kp->n_space_bands = 4;
		}
		if (p->n_time_bands) {
			memcpy(kp->time_bands, p->time_bands, sizeof kp->time_bands);
			kp->n_time_bands = p->n_time_bands;
		} else {
			double d[] = {p->eps_time / 4, p->eps_time / 2, p->eps_time, 2 * p->eps_time};
			memcpy(kp->time_bands, d, sizeof d);
			kp->n_time_bands = 4;
		}
		for (size_t i = 0; i < n; i++) {
			const struct geo_event *e = &ev[i];
			if (!(e->flags & GEO_EV_HAS_POINT) || (e->flags & GEO_EV_DATE_INEXACT) ||
			    e->site < GEO_SITE_TOWN)
				continue;
			x[nk] = e->x;
			y[nk] = e->y;
			t[nk] = (double)e->t;
			out->knox_centroids += e->site == GEO_SITE_TOWN;
			nk++;
		}
		if ((rc = geo_knox(ctx, nk, x, y, t, kp, &out->knox)) != GEO_OK)
			goto out;
		out->knox_done = 1;
	}
out:
	free(lab);
	free(t);
	free(y);
	free(x);
	free(grouped);
	free(cand);
	free(buf);
	free(par);
	if (rc != GEO_OK)
		geo_repeats_free(out);
	return rc;
}

/* ---- store ---- */

static const char *const REP_SCHEMA =
	"CREATE TABLE IF NOT EXISTS repeats ("
	" id INTEGER PRIMARY KEY,"
	" method TEXT NOT NULL CHECK (method IN ('identity','st_dbscan')),"
	" facility_id TEXT, facility_name TEXT, facility_type TEXT,"
	" pcode TEXT, town TEXT,"
	" n_strikes INTEGER NOT NULL,"
	" n_month_only INTEGER NOT NULL DEFAULT 0,"
	" first_date TEXT, last_date TEXT,"
	" intervals_days TEXT,"
	" perpetrators TEXT,"
	" extent_m REAL,"
	" rule TEXT);"
	"CREATE TABLE IF NOT EXISTS repeat_members ("
	" repeat_id INTEGER NOT NULL REFERENCES repeats(id) ON DELETE CASCADE,"
	" incident_id TEXT NOT NULL,"
	" ord INTEGER NOT NULL,"
	" date TEXT, time TEXT, date_precision TEXT,"
	" interval_days REAL,"
	" facility_name TEXT, perpetrator_class TEXT, geo_precision INTEGER, precision_word TEXT,"
	" PRIMARY KEY (repeat_id, ord));"
	"CREATE INDEX IF NOT EXISTS repeat_members_incident ON repeat_members(incident_id);"
	"CREATE TABLE IF NOT EXISTS knox_results ("
	" id INTEGER PRIMARY KEY,"
	" n_events INTEGER, n_town_centroids INTEGER,"
	" space_m REAL, time_days REAL,"
	" pairs_total INTEGER, pairs_space INTEGER, pairs_time INTEGER,"
	" observed INTEGER, expected REAL, ratio REAL, p_value REAL,"
	" permutations INTEGER, seed TEXT,"
	" computed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')));"
	"CREATE TABLE IF NOT EXISTS near_repeat ("
	" space_band INTEGER NOT NULL, time_band INTEGER NOT NULL,"
	" space_from_m REAL, space_to_m REAL, time_from_days REAL, time_to_days REAL,"
	" observed INTEGER, expected REAL, ratio REAL, p_value REAL,"
	" PRIMARY KEY (space_band, time_band));";

/* The columns of the repeats views; %s: the geometry column (twice). */
#define REP_VIEW_COLS                                                                        \
	"r.rowid AS rowid, r.id AS id, r.method AS method, r.facility_id AS facility_id,"    \
	" r.facility_name AS facility_name, r.facility_type AS facility_type,"               \
	" r.pcode AS pcode, r.town AS town, r.n_strikes AS n_strikes,"                       \
	" r.n_month_only AS n_month_only, r.first_date AS first_date,"                       \
	" r.last_date AS last_date, r.intervals_days AS intervals_days,"                     \
	" r.perpetrators AS perpetrators, r.extent_m AS extent_m, r.%s AS geom"              \
	" FROM repeats AS r WHERE r.%s IS NOT NULL"

static enum geo_status rep_schema(geo_store *st)
{
	enum geo_status rc;
	char sql[2048];
	if ((rc = geo_store_exec(st, REP_SCHEMA)) != GEO_OK ||
	    (rc = geo_an_geometry_column(st, "repeats", "geom", "GEOMETRY")) != GEO_OK ||
	    (rc = geo_an_geometry_column(st, "repeats", "point", "POINT")) != GEO_OK ||
	    (rc = geo_an_geometry_column(st, "repeats", "hull", "POLYGON")) != GEO_OK ||
	    (rc = geo_an_geometry_column(st, "repeat_members", "geom", "POINT")) != GEO_OK)
		return rc;
	snprintf(sql, sizeof sql, "SELECT " REP_VIEW_COLS, "point", "point");
	if ((rc = geo_an_spatial_view(st, "repeats_points", sql, "repeats", "point")) != GEO_OK)
		return rc;
	snprintf(sql, sizeof sql, "SELECT " REP_VIEW_COLS, "hull", "hull");
	if ((rc = geo_an_spatial_view(st, "repeats_hulls", sql, "repeats", "hull")) != GEO_OK)
		return rc;
	return geo_store_exec(st,
	    "CREATE VIEW IF NOT EXISTS repeat_members_detail AS"
	    " SELECT m.repeat_id, r.method, r.facility_name AS group_facility, m.ord, m.incident_id,"
	    " m.date, m.time, m.date_precision, m.interval_days, i.place_text, i.facility_name,"
	    " i.facility_type, i.perpetrator, i.killed, i.injured, i.notes"
	    " FROM repeat_members AS m JOIN repeats AS r ON r.id = m.repeat_id"
	    " LEFT JOIN incidents AS i ON i.id = m.incident_id ORDER BY m.repeat_id, m.ord");
}

/* "9, ?, 8.5" (days; ? = unknown) into b. */
static enum geo_status intervals_text(const struct geo_repeat *g, geo_buf *b)
{
	enum geo_status rc = GEO_OK;
	for (size_t k = 0; k + 1 < g->n && rc == GEO_OK; k++) {
		double v = g->intervals[k];
		if (k)
			rc = geo_buf_adds(b, ", ");
		if (rc != GEO_OK)
			break;
		if (isnan(v))
			rc = geo_buf_adds(b, "?");
		else if (v == floor(v))
			rc = geo_buf_addf(b, "%.0f", v);
		else
			rc = geo_buf_addf(b, "%.2f", v);
	}
	return rc;
}

enum geo_status geo_repeats_store(geo_store *st, const struct geo_events *ev,
                                  const struct geo_repeats *r, const struct geo_rep_params *p)
{
	geo_ctx *ctx = geo_store_ctx(st);
	sqlite3_stmt *qr = NULL, *qm = NULL, *qk = NULL, *qn = NULL;
	enum geo_status rc;
	geo_buf iv, rule;
	geo_buf_init(&iv, 1 << 20);
	geo_buf_init(&rule, 1024);

	if ((rc = geo_store_begin(st)) != GEO_OK)
		goto out_nobegin;
	if ((rc = rep_schema(st)) != GEO_OK ||
	    (rc = geo_store_exec(st, "DELETE FROM repeat_members; DELETE FROM repeats;"
	                             " DELETE FROM knox_results; DELETE FROM near_repeat;")) != GEO_OK)
		goto out;
	if (geo_buf_addf(&rule, "identity, then st_dbscan eps_space=%gm eps_time=%gd min_strikes=%zu",
	                 p->eps_space, p->eps_time / 86400, p->min_strikes) != GEO_OK) {
		rc = GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory storing repeats");
		goto out;
	}
	if ((rc = geo_an_prepare(st,
	         "INSERT INTO repeats (id, method, facility_id, facility_name, facility_type, pcode, town,"
	         " n_strikes, n_month_only, first_date, last_date, intervals_days, perpetrators,"
	         " extent_m, rule, geom, point, hull) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,"
	         "?14,?15, GeomFromText(?16, 4326),"
	         " CASE WHEN ?16 LIKE 'POLYGON%' THEN ST_PointOnSurface(GeomFromText(?16, 4326))"
	         "      ELSE GeomFromText(?16, 4326) END,"
	         " CASE WHEN ?16 LIKE 'POLYGON%' THEN GeomFromText(?16, 4326) END)",
	         &qr, "preparing the repeats insert")) != GEO_OK ||
	    (rc = geo_an_prepare(st,
	         "INSERT INTO repeat_members (repeat_id, incident_id, ord, date, time, date_precision,"
	         " interval_days, facility_name, perpetrator_class, geo_precision, precision_word, geom)"
	         " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,"
	         " CASE WHEN ?12 IS NULL THEN NULL ELSE MakePoint(?12, ?13, 4326) END)",
	         &qm, "preparing the repeat members insert")) != GEO_OK)
		goto out;
	for (size_t q = 0; q < r->n; q++) {
		const struct geo_repeat *g = &r->v[q];
		geo_buf_reset(&iv);
		if (intervals_text(g, &iv) != GEO_OK) {
			rc = GEO_ERROR(ctx, GEO_ERR_LIMIT, "repeat %d: too many intervals", g->id);
			goto out;
		}
		sqlite3_reset(qr);
		sqlite3_bind_int(qr, 1, g->id);
		sqlite3_bind_text(qr, 2, g->method, -1, SQLITE_STATIC);
		geo_an_bind_text(qr, 3, g->facility_id);
		geo_an_bind_text(qr, 4, g->facility_name);
		geo_an_bind_text(qr, 5, g->facility_type);
		geo_an_bind_text(qr, 6, g->pcode);
		geo_an_bind_text(qr, 7, g->town);
		sqlite3_bind_int64(qr, 8, (sqlite3_int64)g->n);
		sqlite3_bind_int64(qr, 9, (sqlite3_int64)g->n_inexact);
		geo_an_bind_text(qr, 10, g->first_date[0] ? g->first_date : NULL);
		geo_an_bind_text(qr, 11, g->last_date[0] ? g->last_date : NULL);
		geo_an_bind_text(qr, 12, geo_buf_str(&iv));
		geo_an_bind_text(qr, 13, g->perpetrators);
		geo_an_bind_real(qr, 14, g->extent_m);
		geo_an_bind_text(qr, 15, geo_buf_str(&rule));
		geo_an_bind_text(qr, 16, g->wkt);
		if (sqlite3_step(qr) != SQLITE_DONE) {
			rc = geo_store_db_error(st, "storing a repeat group");
			goto out;
		}
		for (size_t k = 0; k < g->n; k++) {
			const struct geo_event *e = &ev->v[r->members[g->first + k]];
			sqlite3_reset(qm);
			sqlite3_clear_bindings(qm);
			sqlite3_bind_int(qm, 1, g->id);
			geo_an_bind_text(qm, 2, e->id);
			sqlite3_bind_int64(qm, 3, (sqlite3_int64)k + 1);
			geo_an_bind_text(qm, 4, e->date);
			geo_an_bind_text(qm, 5, e->time);
			geo_an_bind_text(qm, 6, e->date_precision);
			geo_an_bind_real(qm, 7, k ? g->intervals[k - 1] : NAN);
			geo_an_bind_text(qm, 8, e->facility_name);
			geo_an_bind_text(qm, 9, e->perpetrator_class);
			geo_an_bind_site(qm, 10, e);
			if (sqlite3_step(qm) != SQLITE_DONE) {
				rc = geo_store_db_error(st, "storing a repeat member");
				goto out;
			}
		}
	}
	if (r->knox_done) {
		const struct geo_knox_result *k = &r->knox;
		const struct geo_knox_params *kp = &r->knox_params;
		char seed[32];
		snprintf(seed, sizeof seed, "%llu", (unsigned long long)k->seed);
		if ((rc = geo_an_prepare(st,
		         "INSERT INTO knox_results (id, n_events, n_town_centroids, space_m, time_days,"
		         " pairs_total, pairs_space, pairs_time, observed, expected, ratio, p_value,"
		         " permutations, seed) VALUES (1,?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)",
		         &qk, "preparing the Knox insert")) != GEO_OK ||
		    (rc = geo_an_prepare(st,
		         "INSERT INTO near_repeat (space_band, time_band, space_from_m, space_to_m,"
		         " time_from_days, time_to_days, observed, expected, ratio, p_value)"
		         " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)", &qn,
		         "preparing the near-repeat insert")) != GEO_OK)
			goto out;
		sqlite3_bind_int64(qk, 1, (sqlite3_int64)k->n);
		sqlite3_bind_int64(qk, 2, (sqlite3_int64)r->knox_centroids);
		sqlite3_bind_double(qk, 3, kp->space);
		sqlite3_bind_double(qk, 4, kp->time / 86400);
		sqlite3_bind_int64(qk, 5, k->pairs_total);
		sqlite3_bind_int64(qk, 6, k->pairs_space);
		sqlite3_bind_int64(qk, 7, k->pairs_time);
		sqlite3_bind_int64(qk, 8, k->observed);
		geo_an_bind_real(qk, 9, k->expected);
		geo_an_bind_real(qk, 10, k->ratio);
		geo_an_bind_real(qk, 11, k->p_value);
		sqlite3_bind_int64(qk, 12, k->permutations);
		sqlite3_bind_text(qk, 13, seed, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(qk) != SQLITE_DONE) {
			rc = geo_store_db_error(st, "storing the Knox result");
			goto out;
		}
		for (size_t a = 0; a < k->rows; a++)
			for (size_t c = 0; c < k->cols; c++) {
				size_t cell = a * k->cols + c;
				double e = k->cell_exp[cell];
				sqlite3_reset(qn);
				sqlite3_clear_bindings(qn);
				sqlite3_bind_int64(qn, 1, (sqlite3_int64)a);
				sqlite3_bind_int64(qn, 2, (sqlite3_int64)c);
				sqlite3_bind_double(qn, 3, a ? kp->space_bands[a - 1] : 0);
				sqlite3_bind_double(qn, 4, kp->space_bands[a]);
				sqlite3_bind_double(qn, 5, c ? kp->time_bands[c - 1] / 86400 : 0);
				geo_an_bind_real(qn, 6, c < kp->n_time_bands ? kp->time_bands[c] / 86400 : NAN);
				sqlite3_bind_int64(qn, 7, k->cell_obs[cell]);
				geo_an_bind_real(qn, 8, e);
				geo_an_bind_real(qn, 9, e > 0 ? (double)k->cell_obs[cell] / e : NAN);
				geo_an_bind_real(qn, 10, k->cell_p[cell]);
				if (sqlite3_step(qn) != SQLITE_DONE) {
					rc = geo_store_db_error(st, "storing the near-repeat table");
					goto out;
				}
			}
	}
	rc = geo_store_commit(st);
out:
	if (rc != GEO_OK)
		geo_store_rollback(st);
out_nobegin:
	sqlite3_finalize(qr);
	sqlite3_finalize(qm);
	sqlite3_finalize(qk);
	sqlite3_finalize(qn);
	geo_buf_free(&iv);
	geo_buf_free(&rule);
	return rc;
}

/* ---- output ---- */

static void fmt_dist(char *o, size_t n, double m)
{
	if (m >= 1000 && fmod(m, 1000) == 0)
		snprintf(o, n, "%gkm", m / 1000);
	else
		snprintf(o, n, "%gm", m);
}

static void fmt_days(char *o, size_t n, double s)
{
	snprintf(o, n, "%gd", s / 86400);
}

static enum geo_status knox_table(const struct geo_repeats *r, geo_buf *b)
{
	const struct geo_knox_result *k = &r->knox;
	const struct geo_knox_params *kp = &r->knox_params;
	char sd[32], td[32];
	enum geo_status rc;
	fmt_dist(sd, sizeof sd, kp->space);
	fmt_days(td, sizeof td, kp->time);
	rc = geo_buf_addf(b, "\nKnox test: %zu strikes located to a town or better with an exact date"
	                     " (%zu only to a town centroid: distances between those are between centroids)\n",
	                  k->n, r->knox_centroids);
	if (rc == GEO_OK)
		rc = geo_buf_addf(b, "  pairs within %s and %s: observed %lld, expected %.2f, ratio %.2f,"
		                     " p = %.4f (%ld permutations of the times, seed %llu)\n",
		                  sd, td, k->observed, k->expected, k->ratio, k->p_value, k->permutations,
		                  (unsigned long long)k->seed);
	if (rc == GEO_OK)
		rc = geo_buf_addf(b, "  (pairs: %lld in all, %lld within %s, %lld within %s)\n",
		                  k->pairs_total, k->pairs_space, sd, k->pairs_time, td);
	if (rc == GEO_OK && k->rows)
		rc = geo_buf_adds(b, "\nNear-repeat table: observed/expected (p) per distance x time band\n"
		                     "  distance      ");
	for (size_t c = 0; c < k->cols && rc == GEO_OK; c++) {
		char lab[48], a[24], z[24];
		fmt_days(a, sizeof a, c ? kp->time_bands[c - 1] : 0);
		if (c < kp->n_time_bands) {
			fmt_days(z, sizeof z, kp->time_bands[c]);
			snprintf(lab, sizeof lab, "%s-%s", a, z);
		} else {
			snprintf(lab, sizeof lab, ">%s", a);
		}
		rc = geo_buf_addf(b, " %-18s", lab);
	}
	if (rc == GEO_OK && k->rows)
		rc = geo_buf_addc(b, '\n');
	for (size_t a = 0; a < k->rows && rc == GEO_OK; a++) {
		char lab[64], s0[24], s1[24];
		fmt_dist(s0, sizeof s0, a ? kp->space_bands[a - 1] : 0);
		fmt_dist(s1, sizeof s1, kp->space_bands[a]);
		if (a == 0 && kp->space_bands[0] == 0)
			snprintf(lab, sizeof lab, "same point");
		else
			snprintf(lab, sizeof lab, "%s%s-%s", a ? ">" : "", s0, s1);
		rc = geo_buf_addf(b, "  %-14s", lab);
		for (size_t c = 0; c < k->cols && rc == GEO_OK; c++) {
			size_t cell = a * k->cols + c;
			char v[48];
			double e = k->cell_exp[cell];
			if (e > 0)
				snprintf(v, sizeof v, "%lld/%.1f=%.2f (%.3f)", k->cell_obs[cell], e,
				         (double)k->cell_obs[cell] / e, k->cell_p[cell]);
			else
				snprintf(v, sizeof v, "%lld/0", k->cell_obs[cell]);
			rc = geo_buf_addf(b, " %-18s", v);
		}
		if (rc == GEO_OK)
			rc = geo_buf_addc(b, '\n');
	}
	return rc;
}

static enum geo_status knox_json(const struct geo_repeats *r, geo_buf *b)
{
	const struct geo_knox_result *k = &r->knox;
	const struct geo_knox_params *kp = &r->knox_params;
	enum geo_status rc;
	if (!r->knox_done)
		return geo_buf_adds(b, "null");
	rc = geo_buf_addf(b, "{\"n_events\":%zu,\"n_town_centroids\":%zu,\"space_m\":%g,\"time_days\":%g,"
	                     "\"pairs_total\":%lld,\"pairs_space\":%lld,\"pairs_time\":%lld,"
	                     "\"observed\":%lld,\"expected\":",
	                  k->n, r->knox_centroids, kp->space, kp->time / 86400, k->pairs_total,
	                  k->pairs_space, k->pairs_time, k->observed);
	if (rc == GEO_OK) rc = geo_an_json_num(b, k->expected, 4);
	if (rc == GEO_OK) rc = geo_buf_adds(b, ",\"ratio\":");
	if (rc == GEO_OK) rc = geo_an_json_num(b, k->ratio, 4);
	if (rc == GEO_OK) rc = geo_buf_adds(b, ",\"p_value\":");
	if (rc == GEO_OK) rc = geo_an_json_num(b, k->p_value, 6);
	if (rc == GEO_OK)
		rc = geo_buf_addf(b, ",\"permutations\":%ld,\"seed\":%llu,\"near_repeat\":[", k->permutations,
		                  (unsigned long long)k->seed);
	for (size_t a = 0; a < k->rows && rc == GEO_OK; a++)
		for (size_t c = 0; c < k->cols && rc == GEO_OK; c++) {
			size_t cell = a * k->cols + c;
			double e = k->cell_exp[cell];
			rc = geo_buf_addf(b, "%s{\"space_from_m\":%g,\"space_to_m\":%g,\"time_from_days\":%g,"
			                     "\"time_to_days\":",
			                  a || c ? "," : "", a ? kp->space_bands[a - 1] : 0, kp->space_bands[a],
			                  c ? kp->time_bands[c - 1] / 86400 : 0);
			if (rc == GEO_OK)
				rc = geo_an_json_num(b, c < kp->n_time_bands ? kp->time_bands[c] / 86400 : NAN, 4);
			if (rc == GEO_OK)
				rc = geo_buf_addf(b, ",\"observed\":%lld,\"expected\":", k->cell_obs[cell]);
			if (rc == GEO_OK) rc = geo_an_json_num(b, e, 4);
			if (rc == GEO_OK) rc = geo_buf_adds(b, ",\"ratio\":");
			if (rc == GEO_OK) rc = geo_an_json_num(b, e > 0 ? (double)k->cell_obs[cell] / e : NAN, 4);
			if (rc == GEO_OK) rc = geo_buf_adds(b, ",\"p_value\":");
			if (rc == GEO_OK) rc = geo_an_json_num(b, k->cell_p[cell], 6);
			if (rc == GEO_OK) rc = geo_buf_addc(b, '}');
		}
	if (rc == GEO_OK)
		rc = geo_buf_adds(b, "]}");
	return rc;
}

static enum geo_status group_json(const struct geo_events *ev, const struct geo_repeats *r,
                                  const struct geo_repeat *g, geo_buf *b)
{
	enum geo_status rc;
	rc = geo_buf_addf(b, "{\"id\":%d,\"method\":\"%s\",\"facility_id\":", g->id, g->method);
	if (rc == GEO_OK) rc = geo_buf_add_json_str(b, g->facility_id);
	if (rc == GEO_OK) rc = geo_buf_adds(b, ",\"facility_name\":");
	if (rc == GEO_OK) rc = geo_buf_add_json_str(b, g->facility_name);
	if (rc == GEO_OK) rc = geo_buf_adds(b, ",\"facility_type\":");
	if (rc == GEO_OK) rc = geo_buf_add_json_str(b, g->facility_type);
	if (rc == GEO_OK) rc = geo_buf_adds(b, ",\"pcode\":");
	if (rc == GEO_OK) rc = geo_buf_add_json_str(b, g->pcode);
	if (rc == GEO_OK) rc = geo_buf_adds(b, ",\"town\":");
	if (rc == GEO_OK) rc = geo_buf_add_json_str(b, g->town);
	if (rc == GEO_OK) rc = geo_buf_addf(b, ",\"n_strikes\":%zu,\"n_month_only\":%zu,\"first_date\":", g->n,
	                                    g->n_inexact);
	if (rc == GEO_OK) rc = geo_buf_add_json_str(b, g->first_date[0] ? g->first_date : NULL);
	if (rc == GEO_OK) rc = geo_buf_adds(b, ",\"last_date\":");
	if (rc == GEO_OK) rc = geo_buf_add_json_str(b, g->last_date[0] ? g->last_date : NULL);
	if (rc == GEO_OK) rc = geo_buf_adds(b, ",\"intervals_days\":[");
	for (size_t k = 0; k + 1 < g->n && rc == GEO_OK; k++) {
		if (k)
			rc = geo_buf_addc(b, ',');
		if (rc == GEO_OK)
			rc = geo_an_json_num(b, g->intervals[k], 2);
	}
	if (rc == GEO_OK) rc = geo_buf_adds(b, "],\"perpetrators\":");
	if (rc == GEO_OK) rc = geo_buf_add_json_str(b, g->perpetrators);
	if (rc == GEO_OK) rc = geo_buf_adds(b, ",\"extent_m\":");
	if (rc == GEO_OK) rc = geo_an_json_num(b, g->extent_m, 1);
	if (rc == GEO_OK) rc = geo_buf_adds(b, ",\"members\":[");
	for (size_t k = 0; k < g->n && rc == GEO_OK; k++) {
		const struct geo_event *e = &ev->v[r->members[g->first + k]];
		rc = geo_buf_addf(b, "%s{\"ord\":%zu,\"incident_id\":", k ? "," : "", k + 1);
		if (rc == GEO_OK) rc = geo_buf_add_json_str(b, e->id);
		if (rc == GEO_OK) rc = geo_buf_adds(b, ",\"date\":");
		if (rc == GEO_OK) rc = geo_buf_add_json_str(b, e->date);
		if (rc == GEO_OK) rc = geo_buf_adds(b, ",\"time\":");
		if (rc == GEO_OK) rc = geo_buf_add_json_str(b, e->time);
		if (rc == GEO_OK) rc = geo_buf_adds(b, ",\"date_precision\":");
		if (rc == GEO_OK) rc = geo_buf_add_json_str(b, e->date_precision);
		if (rc == GEO_OK) rc = geo_buf_adds(b, ",\"facility_name\":");
		if (rc == GEO_OK) rc = geo_buf_add_json_str(b, e->facility_name);
		if (rc == GEO_OK) rc = geo_buf_adds(b, ",\"perpetrator\":");
		if (rc == GEO_OK) rc = geo_buf_add_json_str(b, e->perpetrator_class);
		if (rc == GEO_OK) rc = geo_buf_adds(b, ",\"precision\":");
		if (rc == GEO_OK) rc = geo_buf_add_json_str(b, e->precision_word);
		if (rc == GEO_OK) rc = geo_buf_addc(b, '}');
	}
	if (rc == GEO_OK) rc = geo_buf_adds(b, "]}");
	return rc;
}

/* GeoJSON geometry from our own WKT (POINT(x y) or POLYGON((x y,...))). */
static enum geo_status wkt_geojson(const char *wkt, geo_buf *b)
{
	enum geo_status rc;
	const char *p;
	int poly;
	if (!wkt)
		return geo_buf_adds(b, "null");
	poly = strncmp(wkt, "POLYGON", 7) == 0;
	rc = geo_buf_addf(b, "{\"type\":\"%s\",\"coordinates\":%s", poly ? "Polygon" : "Point",
	                  poly ? "[[" : "");
	p = strchr(wkt, '(');
	while (p && *p == '(')
		p++;
	for (int first = 1; p && *p && *p != ')' && rc == GEO_OK; first = 0) {
		char *end;
		double x = strtod(p, &end), y = strtod(end, &end);
		rc = geo_buf_addf(b, "%s[%.7f,%.7f]", poly && !first ? "," : "", x, y);
		p = end;
		if (*p == ',')
			p++;
		if (!poly)
			break;
	}
	if (rc == GEO_OK)
		rc = geo_buf_adds(b, poly ? "]]}" : "}");
	return rc;
}

enum geo_status geo_repeats_format(geo_ctx *ctx, const struct geo_events *ev,
                                   const struct geo_repeats *r, enum geo_out_format f, geo_buf *b)
{
	enum geo_status rc = GEO_OK;
	geo_buf iv;
	geo_buf_init(&iv, 1 << 20);
	if (f == GEO_OUT_TABLE) {
		if (r->n == 0)
			rc = geo_buf_adds(b, "No repeated strikes found.\n");
		else
			rc = geo_buf_addf(b, "%-4s %-9s %-7s %-10s %-10s %-14s %-16s %s\n", "id", "method",
			                  "strikes", "first", "last", "intervals(d)", "perpetrators",
			                  "facility / town");
		for (size_t q = 0; q < r->n && rc == GEO_OK; q++) {
			const struct geo_repeat *g = &r->v[q];
			geo_buf_reset(&iv);
			if ((rc = intervals_text(g, &iv)) != GEO_OK)
				break;
			rc = geo_buf_addf(b, "%-4d %-9s %-7zu %-10s %-10s %-14s %-16s %s (%s%s%s)\n", g->id,
			                  g->method, g->n, g->first_date[0] ? g->first_date : "-",
			                  g->last_date[0] ? g->last_date : "-", geo_buf_str(&iv), g->perpetrators,
			                  g->facility_name ? g->facility_name : "unnamed site",
			                  g->town ? g->town : (g->pcode ? g->pcode : "no town"),
			                  g->facility_type ? ", " : "", g->facility_type ? g->facility_type : "");
			if (rc == GEO_OK && g->n_inexact)
				rc = geo_buf_addf(b, "     %zu strike(s) dated only to the month: their intervals are"
				                     " unknown (?)\n", g->n_inexact);
			for (size_t k = 0; k < g->n && rc == GEO_OK; k++) {
				const struct geo_event *e = &ev->v[r->members[g->first + k]];
				char at[20];
				geo_event_when(e, at);
				rc = geo_buf_addf(b, "     %zu. %-16s %s [%s, %s]\n", k + 1, at, e->id,
				                  e->perpetrator_class, e->precision_word ? e->precision_word : "unlocated");
			}
		}
		if (rc == GEO_OK && r->knox_done)
			rc = knox_table(r, b);
	} else if (f == GEO_OUT_JSON) {
		rc = geo_buf_adds(b, "{\"repeats\":[");
		for (size_t q = 0; q < r->n && rc == GEO_OK; q++) {
			if (q)
				rc = geo_buf_addc(b, ',');
			if (rc == GEO_OK)
				rc = group_json(ev, r, &r->v[q], b);
		}
		if (rc == GEO_OK) rc = geo_buf_adds(b, "],\"knox\":");
		if (rc == GEO_OK) rc = knox_json(r, b);
		if (rc == GEO_OK) rc = geo_buf_adds(b, "}\n");
	} else {
		rc = geo_buf_adds(b, "{\"type\":\"FeatureCollection\",\"name\":\"repeats\",\"features\":[");
		for (size_t q = 0; q < r->n && rc == GEO_OK; q++) {
			const struct geo_repeat *g = &r->v[q];
			rc = geo_buf_addf(b, "%s{\"type\":\"Feature\",\"id\":%d,\"geometry\":", q ? "," : "", g->id);
			if (rc == GEO_OK) rc = wkt_geojson(g->wkt, b);
			if (rc == GEO_OK) rc = geo_buf_adds(b, ",\"properties\":");
			if (rc == GEO_OK) rc = group_json(ev, r, g, b);
			if (rc == GEO_OK) rc = geo_buf_addc(b, '}');
		}
		if (rc == GEO_OK) rc = geo_buf_adds(b, "],\"knox\":");
		if (rc == GEO_OK) rc = knox_json(r, b);
		if (rc == GEO_OK) rc = geo_buf_adds(b, "}\n");
	}
	geo_buf_free(&iv);
	if (rc != GEO_OK)
		return GEO_ERROR(ctx, rc, "formatting repeats: %s", geo_status_name(rc));
	return GEO_OK;
}
