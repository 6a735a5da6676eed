/* map_data.c — load what a map draws: the incidents of a store (filtered by
 * date), the double-strike and repeat groups when the analysis tables
 * exist, the governorate and sub-district polygons and main towns from the
 * gazetteer, and the de-escalation zones; project everything to UTM 37N;
 * choose the extent. Shared by the static and the HTML map.
 *
 * Assumes the gazetteer schema of gazetteer/schema.md (admin_areas with a
 * SpatiaLite MULTIPOLYGON geom; places with lon, lat, population) and the
 * analysis tables `sequences`/`sequence_members(sequence_id, incident_id
 * [, gap_min])` and `repeats`/`repeat_members(repeat_id, incident_id)`. */
#include "layers/map_internal.h"
#include "layers/base.h"
#include "layers/map_style.h"
#include "layers/zones.h"
#include "geo/perpetrator.h"

#include <errno.h>
#include <math.h>
#include <spatialite.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

void geo_map_opts_init(struct geo_map_opts *o)
{
	memset(o, 0, sizeof *o);
	o->width = 1600;
	o->height = 1200;
}

enum geo_status geo_map_format_from_path(geo_ctx *ctx, const char *path, enum geo_map_format *out)
{
	const char *dot = path ? strrchr(path, '.') : NULL;
	if (dot && strcasecmp(dot, ".png") == 0)
		*out = GEO_MAP_PNG;
	else if (dot && strcasecmp(dot, ".svg") == 0)
		*out = GEO_MAP_SVG;
	else if (dot && (strcasecmp(dot, ".html") == 0 || strcasecmp(dot, ".htm") == 0))
		*out = GEO_MAP_HTML;
	else
		return GEO_ERROR(ctx, GEO_ERR_INVALID,
		                 "%s: the map format is chosen by the extension: .png, .svg or .html",
		                 path ? path : "(no file)");
	return GEO_OK;
}

int map_project(const struct map_data *d, double lon, double lat, double *x, double *y)
{
	PJ_COORD c = proj_coord(lon, lat, 0, 0);
	c = proj_trans(d->pj, PJ_FWD, c);
	if (!isfinite(c.xy.x) || !isfinite(c.xy.y))
		return -1;
	*x = c.xy.x;
	*y = c.xy.y;
	return 0;
}

int map_unproject(const struct map_data *d, double x, double y, double *lon, double *lat)
{
	PJ_COORD c = proj_coord(x, y, 0, 0);
	c = proj_trans(d->pj, PJ_INV, c);
	if (!isfinite(c.lp.lam) || !isfinite(c.lp.phi))
		return -1;
	*lon = c.lp.lam;
	*lat = c.lp.phi;
	return 0;
}

static int transform_cb(double *x, double *y, void *userdata)
{
	return map_project(userdata, *x, *y, x, y) == 0;
}

static void area_clear(GEOSContextHandle_t h, struct map_area *a)
{
	free(a->pcode);
	free(a->name_en);
	free(a->name_ar);
	if (a->ll)
		GEOSGeom_destroy_r(h, a->ll);
	if (a->xy)
		GEOSGeom_destroy_r(h, a->xy);
}

void map_data_free(struct map_data *d)
{
	GEOSContextHandle_t h = d->ctx ? geo_ctx_geos(d->ctx) : NULL;
	for (size_t i = 0; d->place_ar && i < d->inc.n; i++)
		free(d->place_ar[i]);
	free(d->place_ar);
	geo_incident_list_free(&d->inc);
	free(d->x);
	free(d->y);
	free(d->perp_class);
	for (size_t i = 0; i < d->n_gov; i++)
		area_clear(h, &d->gov[i]);
	for (size_t i = 0; i < d->n_sub; i++)
		area_clear(h, &d->sub[i]);
	for (size_t i = 0; i < d->n_zones; i++)
		area_clear(h, &d->zones[i]);
	free(d->gov);
	free(d->sub);
	free(d->zones);
	for (size_t i = 0; i < d->n_towns; i++) {
		free(d->towns[i].name_en);
		free(d->towns[i].name_ar);
	}
	free(d->towns);
	for (size_t i = 0; i < d->n_seqs; i++)
		free(d->seqs[i].id);
	free(d->seqs);
	for (size_t i = 0; i < d->n_reps; i++) {
		free(d->reps[i].id);
		free(d->reps[i].members);
	}
	free(d->reps);
	free(d->sources);
	if (d->pj)
		proj_destroy(d->pj);
	memset(d, 0, sizeof *d);
}

static char *dup_col(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return t && *t ? geo_strdup((const char *)t) : NULL;
}

/* ---- gazetteer: admin areas and towns ---- */

struct gaz_conn {
	sqlite3 *db;
	void *cache;
};

static void gaz_close(struct gaz_conn *g)
{
	if (g->db)
		sqlite3_close_v2(g->db);
	if (g->cache)
		spatialite_cleanup_ex(g->cache);
	g->db = NULL;
	g->cache = NULL;
}

static int table_exists(sqlite3 *db, const char *name)
{
	sqlite3_stmt *s = NULL;
	int found = 0;
	if (sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_master WHERE type IN ('table','view') AND name=?1",
	                       -1, &s, NULL) == SQLITE_OK) {
		sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
		found = sqlite3_step(s) == SQLITE_ROW;
	}
	sqlite3_finalize(s);
	return found;
}

static int column_exists(sqlite3 *db, const char *table, const char *col)
{
	sqlite3_stmt *s = NULL;
	int found = 0;
	if (sqlite3_prepare_v2(db, "SELECT 1 FROM pragma_table_info(?1) WHERE name=?2", -1, &s,
	                       NULL) == SQLITE_OK) {
		sqlite3_bind_text(s, 1, table, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, col, -1, SQLITE_STATIC);
		found = sqlite3_step(s) == SQLITE_ROW;
	}
	sqlite3_finalize(s);
	return found;
}

static enum geo_status gaz_open(geo_ctx *ctx, const char *path, struct gaz_conn *g)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return GEO_ERROR(ctx, GEO_ERR_NOTFOUND,
		                 "%s: gazetteer not found (build it with `strikemap gazetteer build`,"
		                 " or name it with --gazetteer)", path);
	fclose(f);
	if (sqlite3_open_v2(path, &g->db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		return GEO_ERROR(ctx, GEO_ERR_DB, "%s: cannot open the gazetteer: %s", path,
		                 g->db ? sqlite3_errmsg(g->db) : "out of memory");
	g->cache = spatialite_alloc_connection();
	if (!g->cache)
		return GEO_ERROR(ctx, GEO_ERR_DB, "%s: SpatiaLite could not allocate a connection", path);
	spatialite_init_ex(g->db, g->cache, 0);
	return GEO_OK;
}

static enum geo_status push_area(geo_ctx *ctx, struct map_area **v, size_t *n, size_t *cap,
                                 struct map_area *a)
{
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 32;
		struct map_area *nv = geo_realloc(*v, nc * sizeof *nv);
		if (!nv)
			return GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory loading boundaries");
		*v = nv;
		*cap = nc;
	}
	(*v)[(*n)++] = *a;
	return GEO_OK;
}

/* Project a lon/lat geometry into a new one in metres. */
static GEOSGeometry *project_geom(struct map_data *d, const GEOSGeometry *ll)
{
	return GEOSGeom_transformXY_r(geo_ctx_geos(d->ctx), ll, transform_cb, d);
}

/* Copy the governorates and sub-districts of the base layers (layers/base.h)
 * and project them. */
static enum geo_status load_admin(struct map_data *d, const geo_base *base)
{
	GEOSContextHandle_t h = geo_ctx_geos(d->ctx);
	static const int levels[2] = {GEO_ADMIN_GOVERNORATE, GEO_ADMIN_SUBDISTRICT};
	enum geo_status rc = GEO_OK;
	size_t cap[2] = {0, 0};
	struct map_area a;
	memset(&a, 0, sizeof a);
	for (int l = 0; l < 2; l++) {
		for (size_t i = 0; i < geo_base_count(base, levels[l]); i++) {
			const struct geo_base_area *b = geo_base_get(base, levels[l], i);
			memset(&a, 0, sizeof a);
			a.pcode = geo_strdup(b->pcode);
			a.name_en = geo_strdup(b->name_en ? b->name_en : b->pcode);
			a.name_ar = b->name_ar && *b->name_ar ? geo_strdup(b->name_ar) : NULL;
			a.ll = GEOSGeom_clone_r(h, b->geom);
			if (!a.pcode || !a.name_en || !a.ll) {
				rc = GEO_ERROR(d->ctx, GEO_ERR_NOMEM, "out of memory loading boundaries");
				goto out;
			}
			a.xy = project_geom(d, a.ll);
			if (!a.xy) {
				rc = GEO_ERROR(d->ctx, GEO_ERR_PROJ, "admin area %s: cannot project to UTM 37N",
				               a.pcode);
				goto out;
			}
			if (l == 0)
				rc = push_area(d->ctx, &d->gov, &d->n_gov, &cap[0], &a);
			else
				rc = push_area(d->ctx, &d->sub, &d->n_sub, &cap[1], &a);
			if (rc != GEO_OK)
				goto out;
			memset(&a, 0, sizeof a);
		}
	}
out:
	area_clear(h, &a);
	return rc;
}

static enum geo_status load_towns(struct map_data *d, struct gaz_conn *g, const char *path)
{
	sqlite3_stmt *s = NULL;
	enum geo_status rc = GEO_OK;
	size_t cap = 0;
	int step;
	if (!table_exists(g->db, "places") || !column_exists(g->db, "places", "population"))
		return GEO_OK; /* a gazetteer without towns: the map says nothing about towns */
	if (sqlite3_prepare_v2(g->db,
	        "SELECT name_en, name_ar, lon, lat, population FROM places"
	        " WHERE kind = 'community' AND population > 0 AND lon IS NOT NULL AND lat IS NOT NULL"
	        " ORDER BY population DESC, name_en LIMIT 400",
	        -1, &s, NULL) != SQLITE_OK) {
		rc = GEO_ERROR(d->ctx, GEO_ERR_DB, "%s: reading places: %s", path, sqlite3_errmsg(g->db));
		goto out;
	}
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct map_town t;
		memset(&t, 0, sizeof t);
		t.lon = sqlite3_column_double(s, 2);
		t.lat = sqlite3_column_double(s, 3);
		t.population = sqlite3_column_int64(s, 4);
		if (map_project(d, t.lon, t.lat, &t.x, &t.y) != 0)
			continue;
		t.name_en = dup_col(s, 0);
		t.name_ar = dup_col(s, 1);
		if (!t.name_en) {
			free(t.name_ar);
			continue;
		}
		if (d->n_towns == cap) {
			size_t nc = cap ? cap * 2 : 64;
			struct map_town *nv = geo_realloc(d->towns, nc * sizeof *nv);
			if (!nv) {
				free(t.name_en);
				free(t.name_ar);
				rc = GEO_ERROR(d->ctx, GEO_ERR_NOMEM, "out of memory loading towns");
				goto out;
			}
			d->towns = nv;
			cap = nc;
		}
		d->towns[d->n_towns++] = t;
	}
	if (step != SQLITE_DONE)
		rc = GEO_ERROR(d->ctx, GEO_ERR_DB, "%s: reading places: %s", path, sqlite3_errmsg(g->db));
out:
	sqlite3_finalize(s);
	return rc;
}

/* The Arabic names of the incidents' places, by P-code, for Arabic maps. */
static enum geo_status load_place_names_ar(struct map_data *d, struct gaz_conn *g, const char *path)
{
	sqlite3_stmt *s = NULL;
	enum geo_status rc = GEO_OK;
	d->place_ar = geo_calloc(d->inc.n + 1, sizeof *d->place_ar);
	if (!d->place_ar)
		return GEO_ERROR(d->ctx, GEO_ERR_NOMEM, "out of memory loading place names");
	if (!table_exists(g->db, "places") || !column_exists(g->db, "places", "pcode") ||
	    !column_exists(g->db, "places", "name_ar"))
		return GEO_OK;
	if (sqlite3_prepare_v2(g->db, "SELECT name_ar FROM places WHERE pcode = ?1 AND name_ar <> ''"
	                              " ORDER BY id LIMIT 1", -1, &s, NULL) != SQLITE_OK) {
		rc = GEO_ERROR(d->ctx, GEO_ERR_DB, "%s: reading places: %s", path, sqlite3_errmsg(g->db));
		goto out;
	}
	for (size_t i = 0; i < d->inc.n; i++) {
		if (!d->inc.v[i].pcode)
			continue;
		sqlite3_reset(s);
		sqlite3_bind_text(s, 1, d->inc.v[i].pcode, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0)) {
			d->place_ar[i] = geo_strdup((const char *)sqlite3_column_text(s, 0));
			if (!d->place_ar[i]) {
				rc = GEO_ERROR(d->ctx, GEO_ERR_NOMEM, "out of memory loading place names");
				goto out;
			}
		}
	}
out:
	sqlite3_finalize(s);
	return rc;
}

/* ---- incidents and analysis groups ---- */

static int in_dates(const struct geo_incident *inc, const struct geo_map_opts *o)
{
	if (o->from && strcmp(inc->date, o->from) < 0)
		return 0;
	if (o->to && strcmp(inc->date, o->to) > 0)
		return 0;
	return 1;
}

static enum geo_status load_incidents(struct map_data *d, geo_store *st,
                                      const struct geo_map_opts *o)
{
	struct geo_incident_list all = {0};
	enum geo_status rc = geo_store_load_incidents(st, NULL, &all);
	geo_buf src;
	geo_buf_init(&src, 4096);
	if (rc != GEO_OK)
		goto out;
	for (size_t i = 0; i < all.n; i++) {
		struct geo_incident *dst;
		if (!in_dates(&all.v[i], o))
			continue;
		dst = geo_incident_list_push(&d->inc);
		if (!dst) {
			rc = GEO_ERROR(d->ctx, GEO_ERR_NOMEM, "out of memory loading incidents");
			goto out;
		}
		/* move the record: the source list's slot is re-initialised */
		*dst = all.v[i];
		geo_incident_init(&all.v[i]);
	}
	d->x = geo_calloc(d->inc.n + 1, sizeof *d->x);
	d->y = geo_calloc(d->inc.n + 1, sizeof *d->y);
	d->perp_class = geo_calloc(d->inc.n + 1, sizeof *d->perp_class);
	if (!d->x || !d->y || !d->perp_class) {
		rc = GEO_ERROR(d->ctx, GEO_ERR_NOMEM, "out of memory loading incidents");
		goto out;
	}
	for (size_t i = 0; i < d->inc.n; i++) {
		struct geo_incident *inc = &d->inc.v[i];
		d->perp_class[i] = (char *)geo_perpetrator_class(inc->perpetrator);
		if (inc->has_point && map_project(d, inc->lon, inc->lat, &d->x[i], &d->y[i]) != 0)
			inc->has_point = 0;
		if (!d->date_min[0] || strcmp(inc->date, d->date_min) < 0)
			snprintf(d->date_min, sizeof d->date_min, "%s", inc->date);
		if (strcmp(inc->date, d->date_max) > 0)
			snprintf(d->date_max, sizeof d->date_max, "%s", inc->date);
	}
	/* distinct sources, in first-seen order, at most three named */
	{
		size_t named = 0, more = 0;
		for (size_t i = 0; i < d->inc.n; i++) {
			const char *s = d->inc.v[i].source;
			int seen = 0;
			if (!s || !*s)
				continue;
			for (size_t j = 0; j < i && !seen; j++)
				seen = d->inc.v[j].source && strcmp(d->inc.v[j].source, s) == 0;
			if (seen)
				continue;
			if (named == 3) {
				more++;
				continue;
			}
			size_t cut = strlen(s);
			if (cut > 160) /* cut at a character boundary of the UTF-8 text */
				for (cut = 160; cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80; cut--)
					;
			if ((named && geo_buf_adds(&src, "; ") != GEO_OK) ||
			    geo_buf_add(&src, s, cut) != GEO_OK ||
			    (cut < strlen(s) && geo_buf_adds(&src, "…") != GEO_OK)) {
				rc = GEO_ERROR(d->ctx, GEO_ERR_NOMEM, "out of memory listing sources");
				goto out;
			}
			named++;
		}
		if (more && geo_buf_addf(&src, " and %zu more", more) != GEO_OK) {
			rc = GEO_ERROR(d->ctx, GEO_ERR_NOMEM, "out of memory listing sources");
			goto out;
		}
		d->sources = geo_buf_take(&src);
		if (!d->sources) {
			rc = GEO_ERROR(d->ctx, GEO_ERR_NOMEM, "out of memory listing sources");
			goto out;
		}
	}
out:
	geo_buf_free(&src);
	geo_incident_list_free(&all);
	return rc;
}

static long find_incident(const struct map_data *d, const char *id)
{
	for (size_t i = 0; id && i < d->inc.n; i++)
		if (strcmp(d->inc.v[i].id, id) == 0)
			return (long)i;
	return -1;
}

/* Minutes between two incidents with dates and times, or -1. */
static long gap_minutes(const struct geo_incident *a, const struct geo_incident *b)
{
	int y1, m1, d1, h1, n1, y2, m2, d2, h2, n2;
	struct tm ta, tb;
	if (!a->time || !b->time ||
	    sscanf(a->date, "%d-%d-%d", &y1, &m1, &d1) != 3 ||
	    sscanf(b->date, "%d-%d-%d", &y2, &m2, &d2) != 3 ||
	    sscanf(a->time, "%d:%d", &h1, &n1) != 2 || sscanf(b->time, "%d:%d", &h2, &n2) != 2)
		return -1;
	memset(&ta, 0, sizeof ta);
	memset(&tb, 0, sizeof tb);
	ta.tm_year = y1 - 1900; ta.tm_mon = m1 - 1; ta.tm_mday = d1; ta.tm_hour = h1; ta.tm_min = n1;
	tb.tm_year = y2 - 1900; tb.tm_mon = m2 - 1; tb.tm_mday = d2; tb.tm_hour = h2; tb.tm_min = n2;
	return (long)((timegm(&tb) - timegm(&ta)) / 60);
}

/* The grouping column of a members table: the first that exists. */
static const char *group_column(sqlite3 *db, const char *table, const char *const *names)
{
	for (size_t i = 0; names[i]; i++)
		if (column_exists(db, table, names[i]))
			return names[i];
	return NULL;
}

static enum geo_status push_seq(struct map_data *d, size_t *cap, const char *gid, long from,
                                long to, long gap)
{
	struct map_seq q;
	q.id = geo_strdup(gid);
	q.from = from;
	q.to = to;
	q.gap_min = gap;
	if (!q.id)
		return GEO_ERROR(d->ctx, GEO_ERR_NOMEM, "out of memory reading sequences");
	if (d->n_seqs == *cap) {
		size_t nc = *cap ? *cap * 2 : 16;
		struct map_seq *nv = geo_realloc(d->seqs, nc * sizeof *nv);
		if (!nv) {
			free(q.id);
			return GEO_ERROR(d->ctx, GEO_ERR_NOMEM, "out of memory reading sequences");
		}
		d->seqs = nv;
		*cap = nc;
	}
	d->seqs[d->n_seqs++] = q;
	return GEO_OK;
}

struct seq_row {
	char *gid;
	long idx;  /* incident index in the selection, -1 outside it */
	long mgap; /* member's gap_min, -1 when none */
	long sgap; /* sequence's gap_min, -1 when none */
};

/* Links between consecutive members of one sequence (rows[a..b)). A
 * sequence of one member (the first strike has no row of its own: "while
 * tending the wounded from a previous shelling") gets a link from nowhere. */
static enum geo_status seq_links(struct map_data *d, size_t *cap, struct seq_row *rows, size_t a,
                                 size_t b)
{
	enum geo_status rc = GEO_OK;
	long prev = -1;
	int any = 0;
	for (size_t i = a; i < b; i++)
		any |= rows[i].idx >= 0;
	if (!any)
		return GEO_OK;
	d->seq_groups++;
	if (b - a == 1)
		return push_seq(d, cap, rows[a].gid, -1, rows[a].idx,
		                rows[a].mgap >= 0 ? rows[a].mgap : rows[a].sgap);
	for (size_t i = a; i < b; i++) {
		long gap;
		if (rows[i].idx < 0) {
			prev = -1; /* a member outside the selection breaks the chain */
			continue;
		}
		if (prev >= 0) {
			gap = rows[i].mgap;
			if (gap < 0)
				gap = gap_minutes(&d->inc.v[prev], &d->inc.v[rows[i].idx]);
			if (gap < 0 && b - a == 2)
				gap = rows[i].sgap;
			if ((rc = push_seq(d, cap, rows[i].gid, prev, rows[i].idx, gap)) != GEO_OK)
				return rc;
		}
		prev = rows[i].idx;
	}
	return rc;
}

static enum geo_status load_sequences(struct map_data *d, geo_store *st)
{
	static const char *const gcols[] = {"sequence_id", "seq_id", "sequence", NULL};
	sqlite3 *db = geo_store_db(st);
	sqlite3_stmt *s = NULL;
	enum geo_status rc = GEO_OK;
	const char *gcol;
	char sql[600];
	struct seq_row *rows = NULL;
	size_t nrows = 0, caprows = 0, cap = 0, start = 0;
	int step, member_gap, seq_gap;
	if (!table_exists(db, "sequence_members") || !table_exists(db, "sequences"))
		return GEO_OK;
	gcol = group_column(db, "sequence_members", gcols);
	if (!gcol || !column_exists(db, "sequence_members", "incident_id")) {
		geo_ctx_warn(d->ctx, "sequence_members has no sequence_id/incident_id columns:"
		                     " sequences not drawn");
		return GEO_OK;
	}
	d->have_seq = 1;
	member_gap = column_exists(db, "sequence_members", "gap_min");
	seq_gap = column_exists(db, "sequences", "gap_min") && column_exists(db, "sequences", "id");
	/* members in time order within each sequence */
	if (seq_gap)
		snprintf(sql, sizeof sql,
		         "SELECT m.%s, m.incident_id, %s,"
		         " (SELECT q.gap_min FROM sequences q WHERE q.id = m.%s) FROM sequence_members m"
		         " LEFT JOIN incidents i ON i.id = m.incident_id"
		         " ORDER BY m.%s, i.date, i.time IS NULL, i.time, m.incident_id",
		         gcol, member_gap ? "m.gap_min" : "NULL", gcol, gcol);
	else
		snprintf(sql, sizeof sql,
		         "SELECT m.%s, m.incident_id, %s, NULL FROM sequence_members m"
		         " LEFT JOIN incidents i ON i.id = m.incident_id"
		         " ORDER BY m.%s, i.date, i.time IS NULL, i.time, m.incident_id",
		         gcol, member_gap ? "m.gap_min" : "NULL", gcol);
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK) {
		rc = geo_store_db_error(st, "reading sequences");
		goto out;
	}
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		const char *gid = (const char *)sqlite3_column_text(s, 0);
		if (!gid)
			continue;
		if (nrows == caprows) {
			size_t nc = caprows ? caprows * 2 : 32;
			struct seq_row *nv = geo_realloc(rows, nc * sizeof *nv);
			if (!nv) {
				rc = GEO_ERROR(d->ctx, GEO_ERR_NOMEM, "out of memory reading sequences");
				goto out;
			}
			rows = nv;
			caprows = nc;
		}
		rows[nrows].gid = geo_strdup(gid);
		if (!rows[nrows].gid) {
			rc = GEO_ERROR(d->ctx, GEO_ERR_NOMEM, "out of memory reading sequences");
			goto out;
		}
		rows[nrows].idx = find_incident(d, (const char *)sqlite3_column_text(s, 1));
		if (rows[nrows].idx >= 0 && !d->inc.v[rows[nrows].idx].has_point)
			rows[nrows].idx = -1;
		rows[nrows].mgap = sqlite3_column_type(s, 2) == SQLITE_NULL ? -1 : sqlite3_column_int64(s, 2);
		rows[nrows].sgap = sqlite3_column_type(s, 3) == SQLITE_NULL ? -1 : sqlite3_column_int64(s, 3);
		nrows++;
	}
	if (step != SQLITE_DONE) {
		rc = geo_store_db_error(st, "reading sequences");
		goto out;
	}
	for (size_t i = 1; i <= nrows; i++)
		if (i == nrows || strcmp(rows[i].gid, rows[start].gid) != 0) {
			if ((rc = seq_links(d, &cap, rows, start, i)) != GEO_OK)
				goto out;
			start = i;
		}
out:
	for (size_t i = 0; i < nrows; i++)
		free(rows[i].gid);
	free(rows);
	sqlite3_finalize(s);
	return rc;
}

static enum geo_status load_repeats(struct map_data *d, geo_store *st)
{
	static const char *const gcols[] = {"repeat_id", "group_id", "repeat", NULL};
	sqlite3 *db = geo_store_db(st);
	sqlite3_stmt *s = NULL;
	enum geo_status rc = GEO_OK;
	const char *gcol;
	char sql[400];
	size_t cap = 0;
	int step;
	struct map_rep *cur = NULL;
	if (!table_exists(db, "repeat_members") || !table_exists(db, "repeats"))
		return GEO_OK;
	gcol = group_column(db, "repeat_members", gcols);
	if (!gcol || !column_exists(db, "repeat_members", "incident_id")) {
		geo_ctx_warn(d->ctx, "repeat_members has no repeat_id/incident_id columns:"
		                     " repeat groups not drawn");
		return GEO_OK;
	}
	d->have_rep = 1;
	snprintf(sql, sizeof sql,
	         "SELECT m.%s, m.incident_id FROM repeat_members m"
	         " LEFT JOIN incidents i ON i.id = m.incident_id"
	         " ORDER BY m.%s, i.date, i.time IS NULL, i.time, m.incident_id", gcol, gcol);
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK) {
		rc = geo_store_db_error(st, "reading repeats");
		goto out;
	}
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		const char *gid = (const char *)sqlite3_column_text(s, 0);
		long idx = find_incident(d, (const char *)sqlite3_column_text(s, 1));
		if (!gid)
			continue;
		if (!cur || strcmp(cur->id, gid) != 0) {
			if (d->n_reps == cap) {
				size_t nc = cap ? cap * 2 : 16;
				struct map_rep *nv = geo_realloc(d->reps, nc * sizeof *nv);
				if (!nv) {
					rc = GEO_ERROR(d->ctx, GEO_ERR_NOMEM, "out of memory reading repeats");
					goto out;
				}
				d->reps = nv;
				cap = nc;
			}
			cur = &d->reps[d->n_reps++];
			memset(cur, 0, sizeof *cur);
			cur->id = geo_strdup(gid);
			if (!cur->id) {
				rc = GEO_ERROR(d->ctx, GEO_ERR_NOMEM, "out of memory reading repeats");
				goto out;
			}
		}
		cur->count++;
		if (idx >= 0 && d->inc.v[idx].has_point) {
			long *nm = geo_realloc(cur->members, (cur->n + 1) * sizeof *nm);
			if (!nm) {
				rc = GEO_ERROR(d->ctx, GEO_ERR_NOMEM, "out of memory reading repeats");
				goto out;
			}
			cur->members = nm;
			cur->members[cur->n++] = idx;
		}
	}
	if (step != SQLITE_DONE)
		rc = geo_store_db_error(st, "reading repeats");
	/* groups with members in the selection */
	for (size_t i = 0; i < d->n_reps; i++)
		if (d->reps[i].n > 0)
			d->rep_groups++;
out:
	sqlite3_finalize(s);
	return rc;
}

/* ---- zones ---- */

/* Arabic names of the zones (zones.h gives English names only). */
static const char *zone_name_ar(const char *id)
{
	static const char *const names[][2] = {
		{"idlib", "إدلب وما حولها"},
		{"northern_homs", "ريف حمص الشمالي"},
		{"eastern_ghouta", "الغوطة الشرقية"},
		{"south", "الجنوب (درعا والقنيطرة)"},
	};
	for (size_t i = 0; id && i < sizeof names / sizeof names[0]; i++)
		if (strcmp(names[i][0], id) == 0)
			return names[i][1];
	return NULL;
}

/* The de-escalation zones (layers/zones.h) built on the loaded base. */
static enum geo_status load_zones(struct map_data *d, const geo_base *base)
{
	GEOSContextHandle_t h = geo_ctx_geos(d->ctx);
	geo_zones *zs = geo_zones_load(d->ctx, base);
	enum geo_status rc = GEO_OK;
	size_t cap = 0;
	struct map_area a;
	memset(&a, 0, sizeof a);
	if (!zs)
		return geo_ctx_error_code(d->ctx);
	for (size_t i = 0; i < geo_zones_count(zs); i++) {
		const struct geo_zone *z = geo_zones_get(zs, i);
		memset(&a, 0, sizeof a);
		if (!z->geom)
			continue;
		a.pcode = geo_strdup(z->id);
		a.name_en = geo_strdup(z->name ? z->name : z->id);
		a.name_ar = zone_name_ar(z->id) ? geo_strdup(zone_name_ar(z->id)) : NULL;
		a.ll = GEOSGeom_clone_r(h, z->geom);
		if (!a.pcode || !a.name_en || !a.ll) {
			rc = GEO_ERROR(d->ctx, GEO_ERR_NOMEM, "out of memory loading zones");
			goto out;
		}
		a.xy = project_geom(d, a.ll);
		if (!a.xy) {
			rc = GEO_ERROR(d->ctx, GEO_ERR_PROJ, "zone %s: cannot project to UTM 37N", z->id);
			goto out;
		}
		if ((rc = push_area(d->ctx, &d->zones, &d->n_zones, &cap, &a)) != GEO_OK)
			goto out;
		memset(&a, 0, sizeof a);
	}
out:
	area_clear(h, &a);
	geo_zones_free(d->ctx, zs);
	return rc;
}

/* ---- extent ---- */

static void env_of(geo_ctx *ctx, const GEOSGeometry *g, double e[4])
{
	GEOSContextHandle_t h = geo_ctx_geos(ctx);
	double x0, y0, x1, y1;
	if (GEOSGeom_getXMin_r(h, g, &x0) && GEOSGeom_getYMin_r(h, g, &y0) &&
	    GEOSGeom_getXMax_r(h, g, &x1) && GEOSGeom_getYMax_r(h, g, &y1)) {
		e[0] = fmin(e[0], x0);
		e[1] = fmin(e[1], y0);
		e[2] = fmax(e[2], x1);
		e[3] = fmax(e[3], y1);
	}
}

static int name_matches(const struct map_area *a, const char *q)
{
	return (a->pcode && strcasecmp(a->pcode, q) == 0) ||
	       (a->name_en && strcasecmp(a->name_en, q) == 0) ||
	       (a->name_ar && strcmp(a->name_ar, q) == 0);
}

static enum geo_status choose_extent(struct map_data *d, const struct geo_map_opts *o)
{
	double e[4] = {INFINITY, INFINITY, -INFINITY, -INFINITY};
	double margin = 0.04;
	if (o->has_bbox) {
		const double *b = o->bbox;
		if (!(b[0] < b[2] && b[1] < b[3]) || b[0] < -180 || b[2] > 180 || b[1] < -85 || b[3] > 85)
			return GEO_ERROR(d->ctx, GEO_ERR_INVALID,
			                 "--bbox %g,%g,%g,%g: want min lon < max lon and min lat < max lat",
			                 b[0], b[1], b[2], b[3]);
		/* sample the edges: a lon/lat box is curved in UTM */
		for (int i = 0; i <= 8; i++) {
			double t = i / 8.0, pts[4][2] = {
				{b[0] + t * (b[2] - b[0]), b[1]}, {b[0] + t * (b[2] - b[0]), b[3]},
				{b[0], b[1] + t * (b[3] - b[1])}, {b[2], b[1] + t * (b[3] - b[1])}};
			for (int k = 0; k < 4; k++) {
				double x, y;
				if (map_project(d, pts[k][0], pts[k][1], &x, &y) != 0)
					return GEO_ERROR(d->ctx, GEO_ERR_PROJ, "--bbox: cannot project");
				e[0] = fmin(e[0], x); e[1] = fmin(e[1], y);
				e[2] = fmax(e[2], x); e[3] = fmax(e[3], y);
			}
		}
		margin = 0;
	} else if (o->zone) {
		for (size_t i = 0; i < d->n_zones; i++)
			if (name_matches(&d->zones[i], o->zone)) {
				env_of(d->ctx, d->zones[i].xy, e);
				d->focus_name = o->lang_ar && d->zones[i].name_ar ? d->zones[i].name_ar
				                                                  : d->zones[i].name_en;
			}
		if (!isfinite(e[0])) {
			geo_buf names;
			geo_buf_init(&names, 2048);
			for (size_t i = 0; i < d->n_zones; i++)
				if (geo_buf_addf(&names, "%s%s", i ? ", " : "", d->zones[i].pcode) != GEO_OK)
					break;
			GEO_ERROR(d->ctx, GEO_ERR_NOTFOUND, "--zone \"%s\": no such de-escalation zone%s%s",
			          o->zone, d->n_zones ? " (known: " : "",
			          d->n_zones ? geo_buf_str(&names) : "");
			geo_buf_free(&names);
			return geo_ctx_error_code(d->ctx);
		}
		margin = 0.08;
	} else if (o->governorate) {
		for (size_t i = 0; i < d->n_gov; i++)
			if (name_matches(&d->gov[i], o->governorate)) {
				env_of(d->ctx, d->gov[i].xy, e);
				d->focus_name = o->lang_ar && d->gov[i].name_ar ? d->gov[i].name_ar
				                                                : d->gov[i].name_en;
			}
		if (!isfinite(e[0]))
			return GEO_ERROR(d->ctx, GEO_ERR_NOTFOUND,
			                 "--governorate \"%s\": no governorate with that P-code or name",
			                 o->governorate);
		margin = 0.06;
	} else {
		for (size_t i = 0; i < d->n_gov; i++)
			env_of(d->ctx, d->gov[i].xy, e);
		for (size_t i = 0; i < d->inc.n; i++)
			if (d->inc.v[i].has_point) {
				e[0] = fmin(e[0], d->x[i]); e[1] = fmin(e[1], d->y[i]);
				e[2] = fmax(e[2], d->x[i]); e[3] = fmax(e[3], d->y[i]);
			}
		margin = 0.03;
	}
	{
		double w = e[2] - e[0], hgt = e[3] - e[1], m = margin * fmax(w, hgt);
		if (!(w > 0) || !(hgt > 0)) {
			/* a single point: show 20 km around it */
			m = 10000;
		}
		d->ext[0] = e[0] - m;
		d->ext[1] = e[1] - m;
		d->ext[2] = e[2] + m;
		d->ext[3] = e[3] + m;
	}
	return GEO_OK;
}

enum geo_status map_data_load(geo_ctx *ctx, geo_store *st, const struct geo_map_opts *o,
                              struct map_data *d)
{
	struct gaz_conn g = {0};
	geo_base *base = NULL;
	enum geo_status rc;
	memset(d, 0, sizeof *d);
	d->ctx = ctx;
	if (!o->gazetteer)
		return GEO_ERROR(ctx, GEO_ERR_INVALID, "no gazetteer named for the map's boundaries");
	{
		PJ *p = proj_create_crs_to_crs(geo_ctx_proj(ctx), "EPSG:4326", "EPSG:32637", NULL);
		if (!p)
			return GEO_ERROR(ctx, GEO_ERR_PROJ, "PROJ: cannot create EPSG:4326 -> EPSG:32637: %s",
			                 proj_context_errno_string(geo_ctx_proj(ctx),
			                                           proj_context_errno(geo_ctx_proj(ctx))));
		d->pj = proj_normalize_for_visualization(geo_ctx_proj(ctx), p);
		proj_destroy(p);
		if (!d->pj)
			return GEO_ERROR(ctx, GEO_ERR_PROJ, "PROJ: cannot normalise the axis order");
	}
	base = geo_base_load(ctx, o->gazetteer,
	                     (1u << GEO_ADMIN_GOVERNORATE) | (1u << GEO_ADMIN_SUBDISTRICT));
	if (!base) {
		rc = geo_ctx_error_code(ctx);
		goto out;
	}
	if ((rc = load_admin(d, base)) != GEO_OK)
		goto out;
	if ((rc = load_zones(d, base)) != GEO_OK)
		goto out;
	if ((rc = gaz_open(ctx, o->gazetteer, &g)) != GEO_OK)
		goto out;
	if ((rc = load_towns(d, &g, o->gazetteer)) != GEO_OK)
		goto out;
	if ((rc = load_incidents(d, st, o)) != GEO_OK)
		goto out;
	if ((rc = load_place_names_ar(d, &g, o->gazetteer)) != GEO_OK)
		goto out;
	gaz_close(&g);
	if ((rc = load_sequences(d, st)) != GEO_OK)
		goto out;
	if ((rc = load_repeats(d, st)) != GEO_OK)
		goto out;
	rc = choose_extent(d, o);
out:
	gaz_close(&g);
	geo_base_free(ctx, base);
	return rc;
}

static const char *const MONTHS_EN[] = {"January", "February", "March", "April", "May", "June",
                                        "July", "August", "September", "October", "November",
                                        "December"};
/* Levantine month names, as Syrian sources write them. */
static const char *const MONTHS_AR[] = {"كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران",
                                        "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني",
                                        "كانون الأول"};

void map_format_date(const char *iso, int ar, char *out, size_t cap)
{
	int y, m, dd;
	if (!iso || sscanf(iso, "%d-%d-%d", &y, &m, &dd) != 3 || m < 1 || m > 12) {
		snprintf(out, cap, "%s", iso ? iso : "");
		return;
	}
	snprintf(out, cap, "%d %s %d", dd, ar ? MONTHS_AR[m - 1] : MONTHS_EN[m - 1], y);
}

enum geo_status map_credits(const struct map_data *d, const struct geo_map_summary *sum, int ar,
                            geo_buf *out)
{
	enum geo_status rc = GEO_OK;
#define ADD(...) do { if ((rc = geo_buf_addf(out, __VA_ARGS__)) != GEO_OK) goto out; } while (0)
	if (ar) {
		ADD("المصادر: الحوادث: %s؛ %s.", d->sources && *d->sources ? d->sources : "—",
		    geo_map_text("boundaries", 1));
		if (d->n_zones)
			ADD(" %s.", geo_map_text("zones_note", 1));
		ADD(" %s.", geo_map_text("precision_note", 1));
		if (sum->unlocated)
			ADD(" %ld %s دون موقع لم تُرسم.", sum->unlocated,
			    sum->unlocated == 1 ? "حادثة" : "حوادث");
		if (sum->outside)
			ADD(" %ld خارج حدود الخريطة.", sum->outside);
		if (sum->counted)
			ADD(" %ld حوادث في أماكن مزدحمة مرسومة كعدد.", sum->counted);
		ADD(" مرسوم: ");
		if (d->have_seq)
			ADD("%ld ضربة مزدوجة", sum->sequences);
		else
			ADD("الضربات المزدوجة غير محللة");
		ADD("، ");
		if (d->have_rep)
			ADD("%ld مجموعة استهداف متكرر", sum->repeats);
		else
			ADD("الاستهداف المتكرر غير محلل");
		ADD(". الإسقاط: UTM 37N.");
	} else {
		ADD("Sources: incidents: %s; %s; towns: strikemap gazetteer.",
		    d->sources && *d->sources ? d->sources : "not stated", geo_map_text("boundaries", 0));
		if (d->n_zones)
			ADD(" %s.", geo_map_text("zones_note", 0));
		ADD(" %s.", geo_map_text("precision_note", 0));
		if (sum->unlocated)
			ADD(" %ld incident%s without location not drawn.", sum->unlocated,
			    sum->unlocated == 1 ? "" : "s");
		if (sum->counted)
			ADD(" %ld incidents at crowded places drawn as a count (a map under 80 km wide,"
			    " with --zone or --bbox, draws each).", sum->counted);
		if (sum->outside)
			ADD(" %ld located incident%s outside this map.", sum->outside,
			    sum->outside == 1 ? "" : "s");
		ADD(" Drawn: ");
		if (d->have_seq)
			ADD("%ld double-strike link%s", sum->sequences, sum->sequences == 1 ? "" : "s");
		else
			ADD("no double strikes (not analysed: run strikemap sequences)");
		ADD(", ");
		if (d->have_rep)
			ADD("%ld repeat group%s", sum->repeats, sum->repeats == 1 ? "" : "s");
		else
			ADD("no repeat groups (not analysed: run strikemap repeats)");
		if (!d->n_zones)
			ADD(", no de-escalation zones");
		ADD(". Projection UTM 37N.");
	}
#undef ADD
out:
	if (rc != GEO_OK)
		GEO_ERROR(d->ctx, rc, "the credits line is too long");
	return rc;
}

enum geo_status geo_map_write(geo_ctx *ctx, geo_store *st, const struct geo_map_opts *opts,
                              enum geo_map_format fmt, const char *path,
                              struct geo_map_summary *sum)
{
	struct map_data d;
	struct geo_map_summary local;
	enum geo_status rc;
	char *tmp = NULL;
	size_t n;
	if (!sum)
		sum = &local;
	memset(sum, 0, sizeof *sum);
	if (fmt != GEO_MAP_HTML && (opts->width < 400 || opts->height < 300 || opts->width > 20000 ||
	                            opts->height > 20000))
		return GEO_ERROR(ctx, GEO_ERR_INVALID, "--size %dx%d: want 400x300 to 20000x20000",
		                 opts->width, opts->height);
	rc = map_data_load(ctx, st, opts, &d);
	if (rc != GEO_OK)
		goto out;
	sum->incidents = (long)d.inc.n;
	sum->have_sequences = d.have_seq;
	sum->have_repeats = d.have_rep;
	n = strlen(path) + 16;
	tmp = geo_malloc(n);
	if (!tmp) {
		rc = GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory");
		goto out;
	}
	snprintf(tmp, n, "%s.tmp", path);
	if (fmt == GEO_MAP_HTML)
		rc = map_html_write(&d, opts, tmp, sum);
	else
		rc = map_static_write(&d, opts, fmt, tmp, sum);
	if (rc != GEO_OK) {
		remove(tmp);
		goto out;
	}
	if (rename(tmp, path) != 0) {
		rc = GEO_ERROR(ctx, GEO_ERR_IO, "%s: cannot write the map: %s", path, strerror(errno));
		remove(tmp);
		goto out;
	}
out:
	free(tmp);
	map_data_free(&d);
	return rc;
}
