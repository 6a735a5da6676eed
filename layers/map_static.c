/* map_static.c — the static map (PNG or SVG) with Cairo, text with Pango
 * (HarfBuzz shaping, so Arabic labels join and run right to left).
 *
 * Layout: a title band, the map frame (UTM 37N, see map.h), a legend panel
 * (right in English, left in Arabic) and a credits band. Incident symbols
 * that would overlap are moved onto a ring around their shared point with a
 * leader line back to the true position (never stacked out of sight).
 * Labels are placed greedily in priority order against a list of occupied
 * rectangles: a label that fits nowhere is dropped, never drawn over a
 * symbol.
 *
 * Determinism: fixed font options (grey antialiasing, no hinting, no
 * hinted metrics), stable orders everywhere; the PNG has no timestamp. In
 * the SVG, incident symbols (and only they) are stroked with a width of
 * exactly MARKER_STROKE so tools and tests can count them. */
#include "layers/map_internal.h"
#include "layers/map_style.h"
#include "geo/perpetrator.h"

#include <cairo-svg.h>
#include <cairo.h>
#include <errno.h>
#include <geodesic.h>
#include <limits.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MARKER_STROKE 1.35 /* px; unique to incident symbols (see above) */
#define LEGEND_STROKE 1.2

struct rect {
	double x0, y0, x1, y1;
};

struct mark {
	long inc;          /* incident index */
	double tx, ty;     /* true position, px */
	double px, py;     /* drawn position, px */
	long group;        /* cluster id (index of its first mark) */
	long bubble;       /* > 0: this mark stands for its whole crowded group (count) */
	int hidden;        /* counted in another mark's bubble, not drawn */
};

/* A place with more strikes than this is drawn as one count, not a ring, on
 * maps wider than 80 km: a ring of 20 symbols would cover the towns around
 * it. Closer in, every strike is drawn. */
#define RING_MAX 8

struct canvas {
	struct map_data *d;
	const struct geo_map_opts *o;
	cairo_t *cr;
	double W, H, u;            /* size; u = scale unit (1 at 1600x1200) */
	double fx, fy, fw, fh;     /* map frame, px */
	double s;                  /* px per projected metre */
	double ex0, ey1;           /* extent origin: px = fx + (x - ex0) * s, py = fy + (ey1 - y) * s */
	int ar;
	struct rect *occ;
	size_t nocc, capocc;
	struct mark *marks;
	size_t nmarks;
	double r;                  /* marker radius, px */
	enum geo_status err;
};

static const char *FONT_FAMILY = "Noto Sans, Noto Sans Arabic, DejaVu Sans";

/* ---- small helpers ---- */

static void set_hex(cairo_t *cr, const char *hex, double alpha)
{
	unsigned v = (unsigned)strtoul(hex + 1, NULL, 16);
	cairo_set_source_rgba(cr, ((v >> 16) & 255) / 255.0, ((v >> 8) & 255) / 255.0,
	                      (v & 255) / 255.0, alpha);
}

static void to_px(const struct canvas *cv, double x, double y, double *px, double *py)
{
	*px = cv->fx + (x - cv->ex0) * cv->s;
	*py = cv->fy + (cv->ey1 - y) * cv->s;
}

static int rect_hits(const struct rect *a, const struct rect *b)
{
	return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

static int occupied(const struct canvas *cv, const struct rect *r)
{
	if (r->x0 < cv->fx + 2 || r->y0 < cv->fy + 2 || r->x1 > cv->fx + cv->fw - 2 ||
	    r->y1 > cv->fy + cv->fh - 2)
		return 1;
	for (size_t i = 0; i < cv->nocc; i++)
		if (rect_hits(&cv->occ[i], r))
			return 1;
	return 0;
}

static void occupy(struct canvas *cv, double x0, double y0, double x1, double y1)
{
	if (cv->nocc == cv->capocc) {
		size_t nc = cv->capocc ? cv->capocc * 2 : 256;
		struct rect *nv = geo_realloc(cv->occ, nc * sizeof *nv);
		if (!nv) {
			cv->err = GEO_ERR_NOMEM;
			return;
		}
		cv->occ = nv;
		cv->capocc = nc;
	}
	cv->occ[cv->nocc++] = (struct rect){x0, y0, x1, y1};
}

/* A Pango layout with the map's font options. Caller unrefs. */
static PangoLayout *text_layout(struct canvas *cv, const char *text, double size, int bold,
                                int italic)
{
	PangoLayout *l = pango_cairo_create_layout(cv->cr);
	PangoFontDescription *fd = pango_font_description_from_string(FONT_FAMILY);
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	pango_cairo_context_set_font_options(pango_layout_get_context(l), fo);
	pango_layout_context_changed(l);
	cairo_font_options_destroy(fo);
	pango_font_description_set_absolute_size(fd, size * cv->u * PANGO_SCALE);
	if (bold)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	if (italic)
		pango_font_description_set_style(fd, PANGO_STYLE_ITALIC);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_text(l, text, -1);
	return l;
}

static void layout_size(PangoLayout *l, double *w, double *h)
{
	int iw, ih;
	pango_layout_get_size(l, &iw, &ih);
	*w = (double)iw / PANGO_SCALE;
	*h = (double)ih / PANGO_SCALE;
}

/* Draw a layout with its top-left at (x, y), with a halo of `halo` px
 * (0: none) in white. */
static void draw_layout(struct canvas *cv, PangoLayout *l, double x, double y, const char *hex,
                        double halo)
{
	cairo_t *cr = cv->cr;
	cairo_save(cr);
	cairo_move_to(cr, x, y);
	if (halo > 0) {
		pango_cairo_layout_path(cr, l);
		cairo_set_source_rgba(cr, 1, 1, 1, 0.9);
		cairo_set_line_width(cr, halo * 2);
		cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
		cairo_stroke(cr);
		cairo_move_to(cr, x, y);
	}
	set_hex(cr, hex, 1);
	pango_cairo_show_layout(cr, l);
	cairo_restore(cr);
}

/* Text at a point, anchored by (ax, ay) in 0..1 of its box. Returns width. */
static double draw_text(struct canvas *cv, const char *text, double x, double y, double ax,
                        double ay, double size, int bold, const char *hex, double halo)
{
	PangoLayout *l = text_layout(cv, text, size, bold, 0);
	double w, h;
	layout_size(l, &w, &h);
	draw_layout(cv, l, x - ax * w, y - ay * h, hex, halo);
	g_object_unref(l);
	return w;
}

/* Try to place a label near (x, y): offsets are tried in order; returns 1
 * and draws when a free spot was found. */
static int place_label(struct canvas *cv, const char *text, double x, double y, double size,
                       int bold, int italic, const char *hex, double gap)
{
	PangoLayout *l = text_layout(cv, text, size, bold, italic);
	double w, h;
	int placed = 0;
	layout_size(l, &w, &h);
	{
		/* right, left, above, below, and the four diagonals */
		const double cand[][2] = {{gap, -h / 2},          {-gap - w, -h / 2},
		                          {-w / 2, -gap - h},     {-w / 2, gap},
		                          {gap * 0.7, -gap * 0.7 - h}, {-gap * 0.7 - w, -gap * 0.7 - h},
		                          {gap * 0.7, gap * 0.7}, {-gap * 0.7 - w, gap * 0.7}};
		for (size_t k = 0; k < sizeof cand / sizeof cand[0] && !placed; k++) {
			struct rect r = {x + cand[k][0] - 1, y + cand[k][1], x + cand[k][0] + w + 1,
			                 y + cand[k][1] + h};
			if (occupied(cv, &r))
				continue;
			occupy(cv, r.x0, r.y0, r.x1, r.y1);
			draw_layout(cv, l, r.x0 + 1, r.y0, hex, 2.2 * cv->u);
			placed = 1;
		}
	}
	g_object_unref(l);
	return placed;
}

/* ---- geometry ---- */

static void path_ring(struct canvas *cv, GEOSContextHandle_t h, const GEOSGeometry *ring)
{
	const GEOSCoordSequence *cs = GEOSGeom_getCoordSeq_r(h, ring);
	unsigned n = 0;
	if (!cs || !GEOSCoordSeq_getSize_r(h, cs, &n))
		return;
	for (unsigned i = 0; i < n; i++) {
		double x, y, px, py;
		if (!GEOSCoordSeq_getXY_r(h, cs, i, &x, &y))
			return;
		to_px(cv, x, y, &px, &py);
		if (i == 0)
			cairo_move_to(cv->cr, px, py);
		else
			cairo_line_to(cv->cr, px, py);
	}
	cairo_close_path(cv->cr);
}

static void path_geom(struct canvas *cv, GEOSContextHandle_t h, const GEOSGeometry *g)
{
	int type = GEOSGeomTypeId_r(h, g);
	if (type == GEOS_POLYGON) {
		int nh = GEOSGetNumInteriorRings_r(h, g);
		path_ring(cv, h, GEOSGetExteriorRing_r(h, g));
		for (int i = 0; i < nh; i++)
			path_ring(cv, h, GEOSGetInteriorRingN_r(h, g, i));
	} else if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
		int n = GEOSGetNumGeometries_r(h, g);
		for (int i = 0; i < n; i++)
			path_geom(cv, h, GEOSGetGeometryN_r(h, g, i));
	}
}

/* The geometry cut to the view (plus a margin) and simplified to a third
 * of a pixel. Caller destroys; NULL when nothing is in view. */
static GEOSGeometry *view_geom(struct canvas *cv, const GEOSGeometry *xy)
{
	GEOSContextHandle_t h = geo_ctx_geos(cv->d->ctx);
	double m = 20 / cv->s;
	double x0 = cv->ex0 - m, x1 = cv->ex0 + cv->fw / cv->s + m;
	double y1 = cv->ey1 + m, y0 = cv->ey1 - cv->fh / cv->s - m;
	GEOSGeometry *c = GEOSClipByRect_r(h, xy, x0, y0, x1, y1), *sg;
	if (!c)
		return NULL;
	if (GEOSisEmpty_r(h, c) == 1) {
		GEOSGeom_destroy_r(h, c);
		return NULL;
	}
	sg = GEOSTopologyPreserveSimplify_r(h, c, 0.35 / cv->s);
	GEOSGeom_destroy_r(h, c);
	return sg;
}

static void fill_stroke_areas(struct canvas *cv, struct map_area *a, size_t n, const char *fill,
                              const char *line, double width)
{
	GEOSContextHandle_t h = geo_ctx_geos(cv->d->ctx);
	for (size_t i = 0; i < n; i++) {
		GEOSGeometry *g = view_geom(cv, a[i].xy);
		if (!g)
			continue;
		cairo_new_path(cv->cr);
		path_geom(cv, h, g);
		if (fill) {
			set_hex(cv->cr, fill, 1);
			cairo_fill_preserve(cv->cr);
		}
		set_hex(cv->cr, line, 1);
		cairo_set_line_width(cv->cr, width);
		cairo_set_line_join(cv->cr, CAIRO_LINE_JOIN_ROUND);
		cairo_stroke(cv->cr);
		GEOSGeom_destroy_r(h, g);
	}
}

/* ---- symbols ---- */

static void shape_path(cairo_t *cr, const struct geo_map_shape *sh, double x, double y, double r)
{
	cairo_new_path(cr);
	for (size_t i = 0; i < sh->n; i++) {
		double px = x + r * sh->xy[2 * i], py = y + r * sh->xy[2 * i + 1];
		if (i == 0)
			cairo_move_to(cr, px, py);
		else
			cairo_line_to(cr, px, py);
	}
	cairo_close_path(cr);
}

static void draw_symbol(cairo_t *cr, const char *facility_type, const char *perp_hex, double x,
                        double y, double r, double stroke)
{
	shape_path(cr, geo_map_shape_for(facility_type), x, y, r);
	set_hex(cr, perp_hex, 1);
	cairo_fill_preserve(cr);
	cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
	cairo_set_line_width(cr, stroke);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
	cairo_stroke(cr);
}

/* ---- incident layout: clusters spread on rings ---- */

static long uf_find(long *p, long i)
{
	while (p[i] != i) {
		p[i] = p[p[i]];
		i = p[i];
	}
	return i;
}

/* Ring radius for a group of n symbols of radius r. */
/* Ring radius for a group of n symbols of radius r. The chord between
 * neighbours, 2 R sin(pi / n), holds two symbols and a gap; when the ring
 * holds a repeat group, the gap also holds its outline (u = r / 8.5). */
static double ring_radius(size_t n, double r, int outlines)
{
	double gap = (outlines ? 14 : 4) * r / 8.5;
	double need = (r + gap) / sin(M_PI / (double)(n < 2 ? 2 : n));
	return fmax((outlines ? 2.2 : 1.8) * r, need);
}

/* Order of the members around a ring: time order, except that the members
 * of one repeat group sit together (at the time of the group's first
 * strike), so the group can be enclosed without enclosing others. */
struct ring_key {
	char when[24];  /* YYYY-MM-DD HH:MM of the block */
	long rep;       /* repeat group index, LONG_MAX when none */
	size_t mark;    /* the mark; marks are already in time order */
};

static int ring_key_cmp(const void *a, const void *b)
{
	const struct ring_key *x = a, *y = b;
	int c = strcmp(x->when, y->when);
	if (c)
		return c;
	if (x->rep != y->rep)
		return x->rep < y->rep ? -1 : 1;
	return x->mark < y->mark ? -1 : x->mark > y->mark;
}

static void when_of(const struct geo_incident *inc, char *out, size_t cap)
{
	snprintf(out, cap, "%s %s", inc->date, inc->time ? inc->time : "99:99");
}

/* Push apart symbols that still overlap (groups in neighbouring towns),
 * each pulled gently back towards its place on its ring; then a leader
 * line joins it to its true point. A fixed number of passes in a fixed
 * order keeps the result deterministic. Quadratic in the symbols in view,
 * which for a month of incidents is a few hundred. */
static void relax(struct canvas *cv)
{
	size_t n = cv->nmarks;
	double need = 2 * cv->r + 4 * cv->u;
	double *hx = geo_calloc(n + 1, sizeof *hx), *hy = geo_calloc(n + 1, sizeof *hy);
	if (!hx || !hy) {
		cv->err = GEO_ERR_NOMEM;
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		hx[i] = cv->marks[i].px;
		hy[i] = cv->marks[i].py;
	}
	for (int it = 0; it < 400; it++) {
		int moved = 0;
		for (size_t i = 0; i < n; i++)
			for (size_t j = i + 1; j < n; j++) {
				struct mark *a = &cv->marks[i], *b = &cv->marks[j];
				double dx = b->px - a->px, dy = b->py - a->py, dd = hypot(dx, dy), push;
				double want = need + ((a->bubble > 0) + (b->bubble > 0)) * cv->r;
				if (a->hidden || b->hidden || dd >= want)
					continue;
				if (dd < 1e-6) {
					/* same spot: separate away from their groups' centres */
					dx = (double)((long)j % 7) - 3.0 + 0.5;
					dy = (double)((long)i % 5) - 2.0 + 0.5;
					dd = hypot(dx, dy);
				}
				push = (want - dd) / 2 + 0.01;
				a->px -= dx / dd * push;
				a->py -= dy / dd * push;
				b->px += dx / dd * push;
				b->py += dy / dd * push;
				moved = 1;
			}
		if (!moved)
			break;
		for (size_t i = 0; i < n; i++) {
			cv->marks[i].px += 0.04 * (hx[i] - cv->marks[i].px);
			cv->marks[i].py += 0.04 * (hy[i] - cv->marks[i].py);
		}
	}
out:
	free(hx);
	free(hy);
}

static enum geo_status layout_marks(struct canvas *cv, struct geo_map_summary *sum)
{
	struct map_data *d = cv->d;
	long *parent = NULL, *count = NULL;
	double *cx = NULL, *cy = NULL;
	struct ring_key *keys = NULL;
	enum geo_status rc = GEO_OK;
	size_t n = 0;
	cv->marks = geo_calloc(d->inc.n + 1, sizeof *cv->marks);
	if (!cv->marks)
		return GEO_ERROR(d->ctx, GEO_ERR_NOMEM, "out of memory laying out the map");
	for (size_t i = 0; i < d->inc.n; i++) {
		double px, py;
		if (!d->inc.v[i].has_point) {
			sum->unlocated++;
			continue;
		}
		to_px(cv, d->x[i], d->y[i], &px, &py);
		if (px < cv->fx || px > cv->fx + cv->fw || py < cv->fy || py > cv->fy + cv->fh) {
			sum->outside++;
			continue;
		}
		cv->marks[n].inc = (long)i;
		cv->marks[n].tx = cv->marks[n].px = px;
		cv->marks[n].ty = cv->marks[n].py = py;
		n++;
	}
	cv->nmarks = n;
	parent = geo_calloc(n + 1, sizeof *parent);
	count = geo_calloc(n + 1, sizeof *count);
	cx = geo_calloc(n + 1, sizeof *cx);
	cy = geo_calloc(n + 1, sizeof *cy);
	if (!parent || !count || !cx || !cy) {
		rc = GEO_ERROR(d->ctx, GEO_ERR_NOMEM, "out of memory laying out the map");
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		parent[i] = (long)i;
	/* Symbols at (nearly) the same point form a group drawn as a ring
	 * around it; neighbouring groups are then pushed apart (below). */
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			if (hypot(cv->marks[i].tx - cv->marks[j].tx, cv->marks[i].ty - cv->marks[j].ty) <
			    1.2 * cv->r) {
				long ri = uf_find(parent, (long)i), rj = uf_find(parent, (long)j);
				if (ri != rj)
					parent[ri > rj ? ri : rj] = ri < rj ? ri : rj;
			}
	for (size_t i = 0; i < n; i++) {
		long root = uf_find(parent, (long)i);
		count[root]++;
		cx[root] += cv->marks[i].tx;
		cy[root] += cv->marks[i].ty;
	}
	for (size_t i = 0; i < n; i++)
		if (count[i] > 0) {
			cx[i] /= (double)count[i];
			cy[i] /= (double)count[i];
		}
	/* Place the members of each group on its ring (ring_key order), from
	 * the top, clockwise. */
	keys = geo_calloc(n + 1, sizeof *keys);
	if (!keys) {
		rc = GEO_ERROR(d->ctx, GEO_ERR_NOMEM, "out of memory laying out the map");
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		const struct geo_incident *inc = &d->inc.v[cv->marks[i].inc];
		keys[i].mark = i;
		keys[i].rep = LONG_MAX;
		when_of(inc, keys[i].when, sizeof keys[i].when);
		for (size_t g = 0; g < d->n_reps && keys[i].rep == LONG_MAX; g++)
			for (size_t k = 0; k < d->reps[g].n; k++)
				if (d->reps[g].members[k] == cv->marks[i].inc) {
					keys[i].rep = (long)g;
					when_of(&d->inc.v[d->reps[g].members[0]], keys[i].when,
					        sizeof keys[i].when);
					break;
				}
	}
	qsort(keys, n, sizeof *keys, ring_key_cmp);
	for (size_t g = 0; g < n; g++) {
		size_t k = 0;
		double R;
		if (count[g] < 2)
			continue;
		if (count[g] > RING_MAX && cv->fw / cv->s > 80000) {
			int first = 1;
			for (size_t j = 0; j < n; j++) {
				struct mark *m = &cv->marks[keys[j].mark];
				if (uf_find(parent, (long)keys[j].mark) != (long)g)
					continue;
				m->px = cx[g];
				m->py = cy[g];
				m->bubble = first ? count[g] : 0;
				m->hidden = !first;
				first = 0;
				sum->counted++;
			}
			continue;
		}
		{
			int outlines = 0;
			for (size_t j = 0; j < n; j++)
				outlines |= keys[j].rep != LONG_MAX && uf_find(parent, (long)keys[j].mark) == (long)g;
			R = ring_radius((size_t)count[g], cv->r, outlines);
		}
		for (size_t j = 0; j < n; j++) {
			size_t i = keys[j].mark;
			if (uf_find(parent, (long)i) != (long)g)
				continue;
			double a = -M_PI / 2 + 2 * M_PI * (double)k / (double)count[g];
			cv->marks[i].px = cx[g] + R * cos(a);
			cv->marks[i].py = cy[g] + R * sin(a);
			k++;
			sum->spread++;
		}
	}
	for (size_t i = 0; i < n; i++)
		cv->marks[i].group = uf_find(parent, (long)i);
	relax(cv);
	for (size_t i = 0; i < n; i++)
		if (count[cv->marks[i].group] < 2 &&
		    (cv->marks[i].px != cv->marks[i].tx || cv->marks[i].py != cv->marks[i].ty))
			sum->spread++;
out:
	free(keys);
	free(parent);
	free(count);
	free(cx);
	free(cy);
	return rc;
}

static const struct mark *mark_of(const struct canvas *cv, long inc)
{
	for (size_t i = 0; i < cv->nmarks; i++)
		if (cv->marks[i].inc == inc)
			return cv->marks[i].bubble || cv->marks[i].hidden ? NULL : &cv->marks[i];
	return NULL;
}

/* A crowded place (see RING_MAX): a ring cut into slices by perpetrator
 * class (the palette's colours, in the vocabulary's order) around the
 * number of strikes. */
static void draw_count_bubble(struct canvas *cv, const struct mark *bm)
{
	cairo_t *cr = cv->cr;
	char t[32];
	double rr = 2 * cv->r, a0 = -M_PI / 2;
	long per[16] = {0};
	for (size_t i = 0; i < cv->nmarks; i++)
		if (cv->marks[i].group == bm->group)
			for (int k = 0; GEO_PERPETRATOR_CLASSES[k] && k < 16; k++)
				if (strcmp(cv->d->perp_class[cv->marks[i].inc], GEO_PERPETRATOR_CLASSES[k]) == 0)
					per[k]++;
	for (int k = 0; GEO_PERPETRATOR_CLASSES[k] && k < 16; k++) {
		double a1;
		if (!per[k])
			continue;
		a1 = a0 + 2 * M_PI * (double)per[k] / (double)bm->bubble;
		cairo_new_path(cr);
		cairo_move_to(cr, bm->px, bm->py);
		cairo_arc(cr, bm->px, bm->py, rr, a0, a1);
		cairo_close_path(cr);
		set_hex(cr, geo_map_perp_hex(GEO_PERPETRATOR_CLASSES[k]), 1);
		cairo_fill(cr);
		a0 = a1;
	}
	cairo_new_path(cr);
	cairo_arc(cr, bm->px, bm->py, rr, 0, 2 * M_PI);
	cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
	cairo_set_line_width(cr, 1.5 * cv->u);
	cairo_stroke(cr);
	cairo_new_path(cr);
	cairo_arc(cr, bm->px, bm->py, 1.25 * cv->r, 0, 2 * M_PI);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_fill_preserve(cr);
	cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
	cairo_set_line_width(cr, 1 * cv->u);
	cairo_stroke(cr);
	snprintf(t, sizeof t, "%ld", bm->bubble);
	draw_text(cv, t, bm->px, bm->py, 0.5, 0.5, bm->bubble > 99 ? 10.5 : 12.5, 1, "#111111", 0);
	occupy(cv, bm->px - rr - 1, bm->py - rr - 1, bm->px + rr + 1, bm->py + rr + 1);
}

static void draw_marks(struct canvas *cv, struct geo_map_summary *sum)
{
	cairo_t *cr = cv->cr;
	/* leaders and true-position dots under the symbols */
	for (size_t i = 0; i < cv->nmarks; i++) {
		const struct mark *m = &cv->marks[i];
		if ((m->px == m->tx && m->py == m->ty) || m->hidden || m->bubble)
			continue;
		cairo_new_path(cr);
		cairo_move_to(cr, m->tx, m->ty);
		cairo_line_to(cr, m->px, m->py);
		cairo_set_source_rgba(cr, 0.2, 0.2, 0.2, 0.8);
		cairo_set_line_width(cr, 0.9 * cv->u);
		cairo_stroke(cr);
	}
	for (size_t i = 0; i < cv->nmarks; i++) {
		const struct mark *m = &cv->marks[i];
		if ((m->px == m->tx && m->py == m->ty) || m->hidden || m->bubble)
			continue;
		cairo_new_path(cr);
		cairo_arc(cr, m->tx, m->ty, 2.2 * cv->u, 0, 2 * M_PI);
		cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
		cairo_fill(cr);
		/* the true point and the leader stay clear of labels */
		occupy(cv, fmin(m->tx, m->px) - 3, fmin(m->ty, m->py) - 3, fmax(m->tx, m->px) + 3,
		       fmax(m->ty, m->py) + 3);
	}
	for (size_t i = 0; i < cv->nmarks; i++) {
		const struct mark *m = &cv->marks[i];
		const struct geo_incident *inc = &cv->d->inc.v[m->inc];
		if (m->hidden)
			continue;
		if (m->bubble) {
			draw_count_bubble(cv, m);
			continue;
		}
		draw_symbol(cr, inc->facility_type, geo_map_perp_hex(cv->d->perp_class[m->inc]), m->px,
		            m->py, cv->r, MARKER_STROKE);
		occupy(cv, m->px - cv->r - 1, m->py - cv->r - 1, m->px + cv->r + 1, m->py + cv->r + 1);
		sum->drawn++;
	}
}

/* ---- sequences and repeats ---- */

static void arrow_head(cairo_t *cr, double x, double y, double ang, double size)
{
	cairo_new_path(cr);
	cairo_move_to(cr, x, y);
	cairo_line_to(cr, x - size * cos(ang - 0.42), y - size * sin(ang - 0.42));
	cairo_line_to(cr, x - size * cos(ang + 0.42), y - size * sin(ang + 0.42));
	cairo_close_path(cr);
	cairo_fill(cr);
}

static void gap_text(long gap, int ar, char *out, size_t cap)
{
	const char *min = geo_map_text("min", ar);
	if (gap < 0)
		snprintf(out, cap, "%s", ar ? "بعد ضربة سابقة" : "after an earlier strike");
	else if (gap < 60)
		snprintf(out, cap, "+%ld %s", gap, min);
	else if (gap < 24 * 60)
		snprintf(out, cap, ar ? "+%ld س %ld د" : "+%ld h %02ld min", gap / 60, gap % 60);
	else
		snprintf(out, cap, ar ? "+%ld يوم" : "+%ld d", gap / (24 * 60));
}

/* The label of a sequence link: its gap, placed beside the arrow. */
static void draw_sequences(struct canvas *cv, struct geo_map_summary *sum, int labels)
{
	cairo_t *cr = cv->cr;
	for (size_t i = 0; i < cv->d->n_seqs; i++) {
		const struct map_seq *q = &cv->d->seqs[i];
		const struct mark *b = mark_of(cv, q->to);
		const struct mark *a = q->from >= 0 ? mark_of(cv, q->from) : NULL;
		double ax, ay, bx, by, mx, my, nx, ny, len, cxp, cyp, ang;
		char text[64];
		if (!b || (q->from >= 0 && !a))
			continue;
		bx = b->px;
		by = b->py;
		if (a) {
			ax = a->px;
			ay = a->py;
		} else {
			/* the first strike has no row: a short arrow from above-left */
			ax = bx - 3.2 * cv->r;
			ay = by - 3.2 * cv->r;
		}
		len = hypot(bx - ax, by - ay);
		if (len < 1e-6) {
			ax = bx - 2.5 * cv->r;
			ay = by - 2.5 * cv->r;
			len = hypot(bx - ax, by - ay);
		}
		/* bend the arrow away from its group's centre so that it does not
		 * run through the ring */
		nx = -(by - ay) / len;
		ny = (bx - ax) / len;
		mx = (ax + bx) / 2;
		my = (ay + by) / 2;
		if (nx * (mx - b->tx) + ny * (my - b->ty) < 0) {
			nx = -nx;
			ny = -ny;
		}
		cxp = mx + nx * (0.35 * len + cv->r);
		cyp = my + ny * (0.35 * len + cv->r);
		if (!labels) {
			/* shorten both ends to the symbols' edges */
			double a0 = atan2(cyp - ay, cxp - ax), a1 = atan2(by - cyp, bx - cxp);
			double sx = a ? ax + (cv->r + 2) * cos(a0) : ax, sy = a ? ay + (cv->r + 2) * sin(a0) : ay;
			double ex = bx - (cv->r + 3) * cos(a1), ey = by - (cv->r + 3) * sin(a1);
			ang = a1;
			for (int pass = 0; pass < 2; pass++) {
				cairo_new_path(cr);
				cairo_move_to(cr, sx, sy);
				cairo_curve_to(cr, sx + (cxp - sx) * 2 / 3, sy + (cyp - sy) * 2 / 3,
				               ex + (cxp - ex) * 2 / 3, ey + (cyp - ey) * 2 / 3, ex, ey);
				if (pass == 0) {
					cairo_set_source_rgba(cr, 1, 1, 1, 0.9);
					cairo_set_line_width(cr, 4.2 * cv->u);
				} else {
					cairo_set_source_rgb(cr, 0.08, 0.08, 0.08);
					cairo_set_line_width(cr, 1.9 * cv->u);
					if (!a) {
						double dash[] = {4 * cv->u, 3 * cv->u};
						cairo_set_dash(cr, dash, 2, 0);
					}
				}
				cairo_stroke(cr);
				cairo_set_dash(cr, NULL, 0, 0);
			}
			cairo_set_source_rgb(cr, 0.08, 0.08, 0.08);
			arrow_head(cr, ex + 2 * cos(ang), ey + 2 * sin(ang), ang, 8.5 * cv->u);
			for (int k = 0; k <= 4; k++) { /* keep labels off the arrow */
				double t = k / 4.0, u1 = 1 - t;
				double qx = u1 * u1 * sx + 2 * u1 * t * cxp + t * t * ex;
				double qy = u1 * u1 * sy + 2 * u1 * t * cyp + t * t * ey;
				occupy(cv, qx - 3, qy - 3, qx + 3, qy + 3);
			}
			sum->sequences++;
			continue;
		}
		if (!a && q->gap_min < 0)
			continue; /* the dashed arrow says it; the legend explains */
		gap_text(q->gap_min, cv->ar, text, sizeof text);
		/* the label next to the curve's apex, away from the group */
		{
			double lx = (mx + 2 * cxp) / 3 + nx * 4 * cv->u, ly = (my + 2 * cyp) / 3 + ny * 4 * cv->u;
			if (!place_label(cv, text, lx, ly, 12.5, 1, 0, "#111111", 3 * cv->u))
				place_label(cv, text, lx + nx * 14 * cv->u, ly + ny * 14 * cv->u, 12.5, 1, 0,
				            "#111111", 3 * cv->u);
		}
	}
}

static void draw_badge(struct canvas *cv, double x, double y, long count)
{
	char t[32];
	double rr = 9.5 * cv->u;
	snprintf(t, sizeof t, "%ld", count);
	cairo_new_path(cv->cr);
	cairo_arc(cv->cr, x, y, rr, 0, 2 * M_PI);
	cairo_set_source_rgb(cv->cr, 1, 1, 1);
	cairo_fill_preserve(cv->cr);
	cairo_set_source_rgb(cv->cr, 0.05, 0.05, 0.05);
	cairo_set_line_width(cv->cr, 2 * cv->u);
	cairo_stroke(cv->cr);
	draw_text(cv, t, x, y, 0.5, 0.5, 12, 1, "#111111", 0);
	occupy(cv, x - rr, y - rr, x + rr, y + rr);
}

/* Repeat groups. Members spread around one point sit next to each other
 * on the ring (ring_key), so they are enclosed together by a capsule (a
 * thick outlined stroke through them) that encloses no other symbol;
 * members drawn in different places get a ring each, joined by a thin
 * line. The badge holds the group's full count (members outside the view
 * or without a location included). Outlines go under the symbols (pass 0),
 * badges over them (pass 1). */
/* Distance from (x, y) to the segment (ax, ay)-(bx, by). */
static double seg_dist(double x, double y, double ax, double ay, double bx, double by)
{
	double dx = bx - ax, dy = by - ay, l2 = dx * dx + dy * dy, t;
	t = l2 > 0 ? ((x - ax) * dx + (y - ay) * dy) / l2 : 0;
	t = t < 0 ? 0 : t > 1 ? 1 : t;
	return hypot(x - (ax + t * dx), y - (ay + t * dy));
}

static void capsule(struct canvas *cv, const struct mark *const *ms, size_t n, double half)
{
	cairo_t *cr = cv->cr;
	for (int pass = 0; pass < 2; pass++) {
		cairo_new_path(cr);
		cairo_move_to(cr, ms[0]->px, ms[0]->py);
		for (size_t k = 1; k < n; k++)
			cairo_line_to(cr, ms[k]->px, ms[k]->py);
		if (n == 1)
			cairo_line_to(cr, ms[0]->px + 0.01, ms[0]->py);
		cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
		cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
		if (pass == 0) {
			cairo_set_source_rgb(cr, 0.05, 0.05, 0.05);
			cairo_set_line_width(cr, 2 * half + 4 * cv->u);
		} else {
			cairo_set_source_rgb(cr, 1, 1, 1);
			cairo_set_line_width(cr, 2 * half);
		}
		cairo_stroke(cr);
	}
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
}

static void draw_repeats(struct canvas *cv, struct geo_map_summary *sum, int pass)
{
	double half = cv->r + 4 * cv->u; /* capsule half-width */
	for (size_t i = 0; i < cv->d->n_reps; i++) {
		const struct map_rep *rp = &cv->d->reps[i];
		const struct mark *ms[64];
		size_t n = 0;
		int together = 1;
		for (size_t k = 0; k < rp->n && n < 64; k++) {
			const struct mark *m = mark_of(cv, rp->members[k]);
			if (m)
				ms[n++] = m;
		}
		if (n == 0)
			continue;
		for (size_t k = 1; k < n; k++)
			together &= ms[k]->group == ms[0]->group;
		/* an outline through the members must not take in anyone else */
		for (size_t j = 0; j < cv->nmarks && together; j++) {
			int member = 0;
			for (size_t k = 0; k < n; k++)
				member |= ms[k] == &cv->marks[j];
			for (size_t k = 0; k + 1 < n && !member && together; k++)
				if (seg_dist(cv->marks[j].px, cv->marks[j].py, ms[k]->px, ms[k]->py, ms[k + 1]->px,
				             ms[k + 1]->py) < half + cv->r)
					together = 0;
		}
		if (pass == 0) {
			for (size_t k = 0; k < n; k++)
				occupy(cv, ms[k]->px - half - 2, ms[k]->py - half - 2, ms[k]->px + half + 2,
				       ms[k]->py + half + 2);
			if (together) {
				capsule(cv, ms, n, half);
			} else {
				for (size_t k = 0; k + 1 < n; k++) {
					cairo_new_path(cv->cr);
					cairo_move_to(cv->cr, ms[k]->px, ms[k]->py);
					cairo_line_to(cv->cr, ms[k + 1]->px, ms[k + 1]->py);
					cairo_set_source_rgb(cv->cr, 0.05, 0.05, 0.05);
					cairo_set_line_width(cv->cr, 1.2 * cv->u);
					cairo_stroke(cv->cr);
				}
				for (size_t k = 0; k < n; k++)
					capsule(cv, &ms[k], 1, half);
			}
			sum->repeats++;
			continue;
		}
		{
			/* the badge: on the outline at either end, where it is
			 * furthest from every other symbol */
			double bx = ms[n - 1]->px + half, by = ms[n - 1]->py - half, best = -1;
			for (int end = 0; end < 2; end++) {
				const struct mark *e = end ? ms[0] : ms[n - 1];
				for (int k = 0; k < 8; k++) {
					double a = -M_PI / 4 - k * M_PI / 4, rr = half + 2 * cv->u;
					double x = e->px + rr * cos(a), y = e->py + rr * sin(a), dmin = 1e9;
					for (size_t j = 0; j < cv->nmarks; j++)
						dmin = fmin(dmin, hypot(cv->marks[j].px - x, cv->marks[j].py - y));
					if (dmin > best + 0.5) {
						best = dmin;
						bx = x;
						by = y;
					}
				}
			}
			draw_badge(cv, bx, by, rp->count);
		}
	}
}

/* ---- base layers ---- */

static void hatch_zone(struct canvas *cv, const GEOSGeometry *g)
{
	cairo_t *cr = cv->cr;
	GEOSContextHandle_t h = geo_ctx_geos(cv->d->ctx);
	double step = 9 * cv->u;
	cairo_save(cr);
	cairo_new_path(cr);
	path_geom(cv, h, g);
	cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
	set_hex(cr, "#7B5EA7", 0.13);
	cairo_fill_preserve(cr);
	cairo_clip(cr);
	cairo_new_path(cr);
	for (double t = -cv->fh; t < cv->fw + cv->fh; t += step) {
		cairo_move_to(cr, cv->fx + t, cv->fy);
		cairo_line_to(cr, cv->fx + t - cv->fh, cv->fy + cv->fh);
	}
	set_hex(cr, "#7B5EA7", 0.45);
	cairo_set_line_width(cr, 1.0 * cv->u);
	cairo_stroke(cr);
	cairo_restore(cr);
	cairo_new_path(cr);
	path_geom(cv, h, g);
	set_hex(cr, "#5B3E87", 0.9);
	cairo_set_line_width(cr, 1.6 * cv->u);
	{
		double dash[] = {6 * cv->u, 4 * cv->u};
		cairo_set_dash(cr, dash, 2, 0);
	}
	cairo_stroke(cr);
	cairo_set_dash(cr, NULL, 0, 0);
}

static void draw_zones(struct canvas *cv, struct geo_map_summary *sum)
{
	GEOSContextHandle_t h = geo_ctx_geos(cv->d->ctx);
	for (size_t i = 0; i < cv->d->n_zones; i++) {
		GEOSGeometry *g = view_geom(cv, cv->d->zones[i].xy);
		if (!g)
			continue;
		hatch_zone(cv, g);
		GEOSGeom_destroy_r(h, g);
		sum->zones++;
	}
}

/* A label point for an area inside the view: the point on surface of its
 * largest visible part. 0 when none. */
static int area_label_point(struct canvas *cv, const GEOSGeometry *xy, double *px, double *py,
                            double *area_px)
{
	GEOSContextHandle_t h = geo_ctx_geos(cv->d->ctx);
	double x0 = cv->ex0, x1 = cv->ex0 + cv->fw / cv->s, y1 = cv->ey1, y0 = cv->ey1 - cv->fh / cv->s;
	GEOSGeometry *c = GEOSClipByRect_r(h, xy, x0, y0, x1, y1), *pt = NULL;
	const GEOSGeometry *best = NULL;
	double best_area = 0;
	int ok = 0;
	if (!c)
		return 0;
	for (int i = 0; i < GEOSGetNumGeometries_r(h, c); i++) {
		const GEOSGeometry *part = GEOSGetGeometryN_r(h, c, i);
		double a = 0;
		if (GEOSArea_r(h, part, &a) && a > best_area) {
			best_area = a;
			best = part;
		}
	}
	if (best && (pt = GEOSPointOnSurface_r(h, best)) != NULL) {
		double x, y;
		if (GEOSGeomGetX_r(h, pt, &x) && GEOSGeomGetY_r(h, pt, &y)) {
			to_px(cv, x, y, px, py);
			*area_px = best_area * cv->s * cv->s;
			ok = 1;
		}
		GEOSGeom_destroy_r(h, pt);
	}
	GEOSGeom_destroy_r(h, c);
	return ok;
}

static void upper(const char *in, char *out, size_t cap)
{
	size_t i = 0;
	for (; in[i] && i + 1 < cap; i++)
		out[i] = (in[i] >= 'a' && in[i] <= 'z') ? (char)(in[i] - 32) : in[i];
	out[i] = '\0';
}

static void label_areas(struct canvas *cv)
{
	for (size_t i = 0; i < cv->d->n_gov; i++) {
		const struct map_area *a = &cv->d->gov[i];
		double x, y, area;
		char name[128];
		if (!area_label_point(cv, a->xy, &x, &y, &area) || area < 4000 * cv->u * cv->u)
			continue;
		if (cv->ar && a->name_ar)
			snprintf(name, sizeof name, "%s", a->name_ar);
		else
			upper(a->name_en, name, sizeof name);
		if (!place_label(cv, name, x, y, 13, 0, 0, "#6B6B6B", 0))
			place_label(cv, name, x, y, 13, 0, 0, "#6B6B6B", 18 * cv->u);
	}
}

static void label_zones(struct canvas *cv)
{
	for (size_t i = 0; i < cv->d->n_zones; i++) {
		const struct map_area *a = &cv->d->zones[i];
		double x, y, area;
		char name[256];
		if (!area_label_point(cv, a->xy, &x, &y, &area) || area < 1500 * cv->u * cv->u)
			continue;
		snprintf(name, sizeof name, "%s (%s)", cv->ar && a->name_ar ? a->name_ar : a->name_en,
		         geo_map_text("approx", cv->ar));
		if (!place_label(cv, name, x, y, 12.5, 1, 1, "#4B2E77", 0))
			if (!place_label(cv, name, x, y, 12.5, 1, 1, "#4B2E77", 30 * cv->u))
				place_label(cv, name, x, y, 12.5, 1, 1, "#4B2E77", 70 * cv->u);
	}
}

/* Neighbouring countries and the sea, labelled where they are in view
 * (points well inside each, so a label never sits on Syria). */
static void label_neighbours(struct canvas *cv)
{
	static const struct {
		double lon, lat;
		const char *en, *ar;
	} nb[] = {
		{38.2, 37.45, "TURKEY", "تركيا"},   {35.9, 33.9, "LEBANON", "لبنان"},
		{41.9, 34.0, "IRAQ", "العراق"},     {37.2, 31.9, "JORDAN", "الأردن"},
		{35.25, 35.0, "Mediterranean Sea", "البحر المتوسط"},
	};
	for (size_t i = 0; i < sizeof nb / sizeof nb[0]; i++) {
		double x, y, px, py;
		if (map_project(cv->d, nb[i].lon, nb[i].lat, &x, &y) != 0)
			continue;
		to_px(cv, x, y, &px, &py);
		place_label(cv, cv->ar ? nb[i].ar : nb[i].en, px, py, 13, 0, 1,
		            i == 4 ? "#5A7A94" : "#8A8A8A", 0);
	}
}

/* Towns: a square and a name, largest first, while there is room. */
static void draw_towns(struct canvas *cv, struct geo_map_summary *sum)
{
	double view_km = cv->fw / cv->s / 1000;
	long min_pop = view_km > 400 ? 90000 : view_km > 150 ? 30000 : 0;
	size_t max_labels = view_km > 400 ? 14 : 24;
	for (size_t i = 0; i < cv->d->n_towns && (size_t)sum->towns < max_labels; i++) {
		const struct map_town *t = &cv->d->towns[i];
		double px, py, q = 3.2 * cv->u;
		struct rect r;
		int named = 0;
		if (t->population < min_pop)
			break;
		to_px(cv, t->x, t->y, &px, &py);
		/* an incident group nearby already carries this name */
		for (size_t j = 0; j < cv->nmarks && !named; j++) {
			const char *pn = cv->ar && cv->d->place_ar[cv->marks[j].inc]
			                     ? cv->d->place_ar[cv->marks[j].inc]
			                     : cv->d->inc.v[cv->marks[j].inc].place_name;
			named = pn && (strcasecmp(pn, t->name_en) == 0 ||
			               (t->name_ar && strcmp(pn, t->name_ar) == 0)) &&
			        hypot(cv->marks[j].tx - px, cv->marks[j].ty - py) < 60 * cv->u;
		}
		if (named)
			continue;
		r = (struct rect){px - q, py - q, px + q, py + q};
		if (occupied(cv, &r))
			continue;
		if (!place_label(cv, cv->ar && t->name_ar ? t->name_ar : t->name_en, px, py, 12, 0, 0,
		                 "#333333", 5 * cv->u))
			continue;
		cairo_new_path(cv->cr);
		cairo_rectangle(cv->cr, px - q, py - q, 2 * q, 2 * q);
		cairo_set_source_rgb(cv->cr, 1, 1, 1);
		cairo_fill_preserve(cv->cr);
		cairo_set_source_rgb(cv->cr, 0.2, 0.2, 0.2);
		cairo_set_line_width(cv->cr, 1.3 * cv->u);
		cairo_stroke(cv->cr);
		occupy(cv, r.x0, r.y0, r.x1, r.y1);
		sum->towns++;
	}
}

/* Place names of incident groups (the gazetteer name each resolved to),
 * one per distinct name in a group, when zoomed in enough to read them. */
static void label_incident_places(struct canvas *cv)
{
	for (size_t i = 0; i < cv->nmarks; i++) {
		const struct mark *m = &cv->marks[i];
		const char *name = cv->ar && cv->d->place_ar[m->inc] ? cv->d->place_ar[m->inc]
		                                                    : cv->d->inc.v[m->inc].place_name;
		int dup = 0;
		double gx = 0, gy = 0, R = 0;
		size_t gn = 0;
		if (!name || !*name)
			continue;
		for (size_t j = 0; j < i && !dup; j++) {
			const char *nj = cv->ar && cv->d->place_ar[cv->marks[j].inc]
			                     ? cv->d->place_ar[cv->marks[j].inc]
			                     : cv->d->inc.v[cv->marks[j].inc].place_name;
			dup = cv->marks[j].group == m->group && nj && strcmp(nj, name) == 0;
		}
		if (dup)
			continue;
		for (size_t j = 0; j < cv->nmarks; j++)
			if (cv->marks[j].group == m->group) {
				gx += cv->marks[j].tx;
				gy += cv->marks[j].ty;
				gn++;
			}
		gx /= (double)gn;
		gy /= (double)gn;
		for (size_t j = 0; j < cv->nmarks; j++)
			if (cv->marks[j].group == m->group)
				R = fmax(R, hypot(cv->marks[j].px - gx, cv->marks[j].py - gy));
		if (gn == 1) {
			gx = m->px;
			gy = m->py;
		}
		place_label(cv, name, gx, gy, 11.5, 1, 0, "#222222", R + cv->r + 4 * cv->u);
	}
}

/* ---- furniture: scale bar, north arrow, legend, title, credits ---- */

static void draw_scale_bar(struct canvas *cv)
{
	struct geod_geodesic gd;
	double cxm = cv->ex0 + cv->fw / cv->s / 2, cym = cv->ey1 - cv->fh / cv->s / 2;
	double lon0, lat0, lon1, lat1, s12 = 0, k = 1, m_per_px, target, len_m, len_px;
	double x0 = cv->fx + 18 * cv->u, y0 = cv->fy + cv->fh - 24 * cv->u;
	char t[64];
	static const double nice[] = {1, 2, 5};
	/* the projection's scale factor at the map's centre, measured against
	 * the geodesic on the WGS84 ellipsoid: the bar is true there */
	geod_init(&gd, 6378137, 1 / 298.257223563);
	if (map_unproject(cv->d, cxm - 5000, cym, &lon0, &lat0) == 0 &&
	    map_unproject(cv->d, cxm + 5000, cym, &lon1, &lat1) == 0) {
		geod_inverse(&gd, lat0, lon0, lat1, lon1, &s12, NULL, NULL);
		if (s12 > 0)
			k = 10000 / s12;
	}
	m_per_px = 1 / cv->s / k;
	target = 170 * cv->u * m_per_px;
	len_m = 1;
	for (double p = 1; p < 1e7; p *= 10)
		for (int i = 0; i < 3; i++)
			if (nice[i] * p <= target)
				len_m = nice[i] * p;
	len_px = len_m / m_per_px;
	cairo_new_path(cv->cr);
	cairo_rectangle(cv->cr, x0 - 8 * cv->u, y0 - 24 * cv->u, len_px + 58 * cv->u, 36 * cv->u);
	cairo_set_source_rgba(cv->cr, 1, 1, 1, 0.85);
	cairo_fill(cv->cr);
	occupy(cv, x0 - 8 * cv->u, y0 - 24 * cv->u, x0 + len_px + 50 * cv->u, y0 + 12 * cv->u);
	for (int i = 0; i < 4; i++) {
		cairo_new_path(cv->cr);
		cairo_rectangle(cv->cr, x0 + i * len_px / 4, y0, len_px / 4, 5 * cv->u);
		if (i % 2 == 0)
			cairo_set_source_rgb(cv->cr, 0.1, 0.1, 0.1);
		else
			cairo_set_source_rgb(cv->cr, 1, 1, 1);
		cairo_fill_preserve(cv->cr);
		cairo_set_source_rgb(cv->cr, 0.1, 0.1, 0.1);
		cairo_set_line_width(cv->cr, 1);
		cairo_stroke(cv->cr);
	}
	draw_text(cv, "0", x0, y0 - 2 * cv->u, 0.5, 1, 11, 0, "#111111", 0);
	snprintf(t, sizeof t, "%g", len_m / 2000);
	draw_text(cv, t, x0 + len_px / 2, y0 - 2 * cv->u, 0.5, 1, 11, 0, "#111111", 0);
	snprintf(t, sizeof t, "%g %s", len_m / 1000, geo_map_text("km", cv->ar));
	draw_text(cv, t, x0 + len_px, y0 - 2 * cv->u, 0.5, 1, 11, 0, "#111111", 0);
}

static void draw_north_arrow(struct canvas *cv)
{
	double cxm = cv->ex0 + cv->fw / cv->s / 2, cym = cv->ey1 - cv->fh / cv->s / 2;
	double lon, lat, x1, y1, ang = 0, x = cv->fx + cv->fw - 34 * cv->u, y = cv->fy + 48 * cv->u;
	double L = 22 * cv->u;
	cairo_t *cr = cv->cr;
	/* true north at the centre: the grid direction of a meridian */
	if (map_unproject(cv->d, cxm, cym, &lon, &lat) == 0 &&
	    map_project(cv->d, lon, lat + 0.05, &x1, &y1) == 0)
		ang = atan2(x1 - cxm, y1 - cym);
	cairo_new_path(cr);
	cairo_arc(cr, x, y, L + 8 * cv->u, 0, 2 * M_PI);
	cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
	cairo_fill(cr);
	occupy(cv, x - L - 8 * cv->u, y - L - 26 * cv->u, x + L + 8 * cv->u, y + L + 8 * cv->u);
	cairo_save(cr);
	cairo_translate(cr, x, y);
	cairo_rotate(cr, ang);
	cairo_new_path(cr);
	cairo_move_to(cr, 0, -L);
	cairo_line_to(cr, 0.42 * L, 0.75 * L);
	cairo_line_to(cr, 0, 0.45 * L);
	cairo_close_path(cr);
	cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
	cairo_fill(cr);
	cairo_new_path(cr);
	cairo_move_to(cr, 0, -L);
	cairo_line_to(cr, -0.42 * L, 0.75 * L);
	cairo_line_to(cr, 0, 0.45 * L);
	cairo_close_path(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_fill_preserve(cr);
	cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
	cairo_set_line_width(cr, 1.2 * cv->u);
	cairo_stroke(cr);
	cairo_restore(cr);
	draw_text(cv, geo_map_text("north", cv->ar), x + sin(ang) * (L + 2 * cv->u),
	          y - cos(ang) * (L + 2 * cv->u), 0.5, 1, 13, 1, "#111111", 2 * cv->u);
}

/* Legend row: a sample drawn by the caller at (sx, y), text beside it. */
struct legend {
	struct canvas *cv;
	double x, w, y;  /* panel column and the next row's top */
	double sx;       /* sample centre x */
	double tx;       /* text anchor x */
	double ax;       /* text anchor (0 left, 1 right) */
};

static void legend_heading(struct legend *lg, const char *text)
{
	struct canvas *cv = lg->cv;
	lg->y += 10 * cv->u;
	draw_text(cv, text, lg->ax > 0.5 ? lg->x + lg->w : lg->x, lg->y, lg->ax, 0, 14.5, 1,
	          "#111111", 0);
	lg->y += 26 * cv->u;
}

static void legend_text(struct legend *lg, const char *text, double rowh)
{
	struct canvas *cv = lg->cv;
	PangoLayout *l = text_layout(cv, text, 12.5, 0, 0);
	double w, h, maxw = lg->w - 44 * cv->u;
	pango_layout_set_width(l, (int)(maxw * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD);
	pango_layout_set_alignment(l, lg->ax > 0.5 ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
	layout_size(l, &w, &h);
	draw_layout(cv, l, lg->ax > 0.5 ? lg->tx - maxw : lg->tx, lg->y + rowh / 2 - fmin(h, rowh) / 2,
	            "#222222", 0);
	g_object_unref(l);
	lg->y += fmax(rowh, h + 4 * cv->u);
}

static void draw_legend(struct canvas *cv, double px, double py, double pw, double ph,
                        const struct geo_map_summary *sum)
{
	cairo_t *cr = cv->cr;
	struct legend lg;
	long per_type[8] = {0}, per_perp[16] = {0};
	char t[256];
	double rowh = 24 * cv->u;
	memset(&lg, 0, sizeof lg);
	lg.cv = cv;
	lg.x = px + 16 * cv->u;
	lg.w = pw - 32 * cv->u;
	lg.y = py + 6 * cv->u;
	lg.ax = cv->ar ? 1 : 0;
	lg.sx = cv->ar ? lg.x + lg.w - 12 * cv->u : lg.x + 12 * cv->u;
	lg.tx = cv->ar ? lg.x + lg.w - 32 * cv->u : lg.x + 32 * cv->u;
	cairo_new_path(cr);
	cairo_rectangle(cr, px, py, pw, ph);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_fill(cr);
	for (size_t i = 0; i < cv->nmarks; i++) {
		const struct geo_incident *inc = &cv->d->inc.v[cv->marks[i].inc];
		for (int k = 0; GEO_FACILITY_TYPES[k] && k < 8; k++)
			if (inc->facility_type && strcmp(GEO_FACILITY_TYPES[k], inc->facility_type) == 0)
				per_type[k]++;
		for (int k = 0; GEO_PERPETRATOR_CLASSES[k] && k < 16; k++)
			if (strcmp(cv->d->perp_class[cv->marks[i].inc], GEO_PERPETRATOR_CLASSES[k]) == 0)
				per_perp[k]++;
	}
	legend_heading(&lg, geo_map_text("facility", cv->ar));
	for (int k = 0; GEO_FACILITY_TYPES[k] && k < 8; k++) {
		if (!per_type[k] && cv->nmarks)
			continue;
		draw_symbol(cr, GEO_FACILITY_TYPES[k], "#BBBBBB", lg.sx, lg.y + rowh / 2, cv->r,
		            LEGEND_STROKE);
		snprintf(t, sizeof t, "%s (%ld)", geo_map_facility_label(GEO_FACILITY_TYPES[k], cv->ar),
		         per_type[k]);
		legend_text(&lg, t, rowh);
	}
	legend_heading(&lg, geo_map_text("perpetrator", cv->ar));
	for (int k = 0; GEO_PERPETRATOR_CLASSES[k] && k < 16; k++) {
		if (!per_perp[k] && cv->nmarks)
			continue;
		cairo_new_path(cr);
		cairo_arc(cr, lg.sx, lg.y + rowh / 2, cv->r * 0.85, 0, 2 * M_PI);
		set_hex(cr, geo_map_perp_hex(GEO_PERPETRATOR_CLASSES[k]), 1);
		cairo_fill_preserve(cr);
		cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
		cairo_set_line_width(cr, LEGEND_STROKE);
		cairo_stroke(cr);
		snprintf(t, sizeof t, "%s (%ld)", geo_map_perp_label(GEO_PERPETRATOR_CLASSES[k], cv->ar),
		         per_perp[k]);
		legend_text(&lg, t, rowh);
	}
	legend_heading(&lg, cv->ar ? "مفتاح" : "Key");
	int paired = 0;
	for (size_t i = 0; i < cv->d->n_seqs; i++)
		paired |= cv->d->seqs[i].from >= 0 && mark_of(cv, cv->d->seqs[i].from) &&
		          mark_of(cv, cv->d->seqs[i].to);
	if (paired) {
		double x0 = lg.sx - 10 * cv->u, x1 = lg.sx + 12 * cv->u, yy = lg.y + rowh / 2;
		cairo_new_path(cr);
		cairo_move_to(cr, cv->ar ? x1 : x0, yy);
		cairo_line_to(cr, cv->ar ? x0 + 5 * cv->u : x1 - 5 * cv->u, yy);
		cairo_set_source_rgb(cr, 0.08, 0.08, 0.08);
		cairo_set_line_width(cr, 1.9 * cv->u);
		cairo_stroke(cr);
		arrow_head(cr, cv->ar ? x0 : x1, yy, cv->ar ? M_PI : 0, 8.5 * cv->u);
		snprintf(t, sizeof t, "%s: +12 %s", geo_map_text("sequence", cv->ar),
		         geo_map_text("min", cv->ar));
		legend_text(&lg, t, rowh);
	}
	if (cv->d->have_seq) {
		int lone = 0;
		for (size_t i = 0; i < cv->d->n_seqs; i++)
			lone |= cv->d->seqs[i].from < 0 && mark_of(cv, cv->d->seqs[i].to) != NULL;
		if (lone) {
			double x0 = lg.sx - 10 * cv->u, x1 = lg.sx + 12 * cv->u, yy = lg.y + rowh / 2;
			double dash[] = {4 * cv->u, 3 * cv->u};
			cairo_new_path(cr);
			cairo_move_to(cr, cv->ar ? x1 : x0, yy);
			cairo_line_to(cr, cv->ar ? x0 + 5 * cv->u : x1 - 5 * cv->u, yy);
			cairo_set_source_rgb(cr, 0.08, 0.08, 0.08);
			cairo_set_line_width(cr, 1.9 * cv->u);
			cairo_set_dash(cr, dash, 2, 0);
			cairo_stroke(cr);
			cairo_set_dash(cr, NULL, 0, 0);
			arrow_head(cr, cv->ar ? x0 : x1, yy, cv->ar ? M_PI : 0, 8.5 * cv->u);
			legend_text(&lg, geo_map_text("sequence_lone", cv->ar), rowh);
		}
	}
	if (sum->repeats > 0) {
		double yy = lg.y + rowh / 2 + 3 * cv->u, h2 = 5.5 * cv->u;
		struct mark a = {0}, b = {0};
		const struct mark *pair[2] = {&a, &b};
		a.px = lg.sx - 6 * cv->u;
		b.px = lg.sx + 6 * cv->u;
		a.py = b.py = yy;
		capsule(cv, pair, 2, h2);
		for (int k = 0; k < 2; k++) {
			cairo_new_path(cr);
			cairo_arc(cr, pair[k]->px, yy, 3.5 * cv->u, 0, 2 * M_PI);
			cairo_set_source_rgb(cr, 0.73, 0.73, 0.73);
			cairo_fill_preserve(cr);
			cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
			cairo_set_line_width(cr, 1);
			cairo_stroke(cr);
		}
		legend_text(&lg, geo_map_text("repeat", cv->ar), rowh + 6 * cv->u);
	}
	if (sum->spread) {
		double yy = lg.y + rowh / 2, xx = lg.sx;
		for (int k = 0; k < 3; k++) {
			double a = -M_PI / 2 + 2 * M_PI * k / 3, rr = 4.2 * cv->u;
			cairo_new_path(cr);
			cairo_move_to(cr, xx, yy);
			cairo_line_to(cr, xx + 9 * cv->u * cos(a), yy + 9 * cv->u * sin(a));
			cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
			cairo_set_line_width(cr, 0.9 * cv->u);
			cairo_stroke(cr);
			cairo_new_path(cr);
			cairo_arc(cr, xx + 9 * cv->u * cos(a), yy + 9 * cv->u * sin(a), rr, 0, 2 * M_PI);
			cairo_set_source_rgb(cr, 0.73, 0.73, 0.73);
			cairo_fill_preserve(cr);
			cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
			cairo_set_line_width(cr, 1);
			cairo_stroke(cr);
		}
		cairo_new_path(cr);
		cairo_arc(cr, xx, yy, 2.2 * cv->u, 0, 2 * M_PI);
		cairo_fill(cr);
		legend_text(&lg, geo_map_text("spread", cv->ar), rowh + 6 * cv->u);
	}
	if (sum->counted) {
		double yy = lg.y + rowh / 2 + 4 * cv->u;
		struct mark sample;
		memset(&sample, 0, sizeof sample);
		sample.px = lg.sx;
		sample.py = yy;
		sample.group = -1; /* no member: a grey ring */
		cairo_new_path(cr);
		cairo_arc(cr, lg.sx, yy, 2 * cv->r, 0, 2 * M_PI);
		cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
		cairo_fill(cr);
		sample.bubble = 15;
		draw_count_bubble(cv, &sample);
		legend_text(&lg, geo_map_text("counted", cv->ar), rowh + 8 * cv->u);
	}
	if (cv->d->n_zones) {
		double yy = lg.y + 4 * cv->u;
		cairo_save(cr);
		cairo_new_path(cr);
		cairo_rectangle(cr, lg.sx - 11 * cv->u, yy, 22 * cv->u, 16 * cv->u);
		set_hex(cr, "#7B5EA7", 0.13);
		cairo_fill_preserve(cr);
		cairo_clip_preserve(cr);
		set_hex(cr, "#5B3E87", 0.9);
		cairo_set_line_width(cr, 1.6 * cv->u);
		cairo_stroke(cr);
		for (double t2 = -16; t2 < 40; t2 += 9) {
			cairo_move_to(cr, lg.sx - 11 * cv->u + t2 * cv->u, yy);
			cairo_line_to(cr, lg.sx - 11 * cv->u + (t2 - 16) * cv->u, yy + 16 * cv->u);
		}
		set_hex(cr, "#7B5EA7", 0.45);
		cairo_set_line_width(cr, 1.0 * cv->u);
		cairo_stroke(cr);
		cairo_restore(cr);
		legend_text(&lg, geo_map_text("zone", cv->ar), rowh);
	}
	{
		double yy = lg.y + rowh / 2, q = 3.2 * cv->u;
		cairo_new_path(cr);
		cairo_move_to(cr, lg.sx - 11 * cv->u, yy);
		cairo_line_to(cr, lg.sx + 11 * cv->u, yy);
		cairo_set_source_rgb(cr, 0.45, 0.45, 0.45);
		cairo_set_line_width(cr, 1.2 * cv->u);
		cairo_stroke(cr);
		legend_text(&lg, geo_map_text("governorate", cv->ar), rowh);
		yy = lg.y + rowh / 2;
		cairo_new_path(cr);
		cairo_rectangle(cr, lg.sx - q, yy - q, 2 * q, 2 * q);
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_fill_preserve(cr);
		cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
		cairo_set_line_width(cr, 1.3 * cv->u);
		cairo_stroke(cr);
		legend_text(&lg, geo_map_text("town", cv->ar), rowh);
	}
	/* locator: the country with the view's box, when zoomed in */
	if (cv->o->zone || cv->o->governorate || cv->o->has_bbox) {
		GEOSContextHandle_t h = geo_ctx_geos(cv->d->ctx);
		double e[4] = {INFINITY, INFINITY, -INFINITY, -INFINITY};
		double lw = lg.w, lh = fmin(200 * cv->u, py + ph - lg.y - 20 * cv->u), ls;
		for (size_t i = 0; i < cv->d->n_gov; i++) {
			double a0, b0, a1, b1;
			if (GEOSGeom_getXMin_r(h, cv->d->gov[i].xy, &a0) && GEOSGeom_getYMin_r(h, cv->d->gov[i].xy, &b0) &&
			    GEOSGeom_getXMax_r(h, cv->d->gov[i].xy, &a1) && GEOSGeom_getYMax_r(h, cv->d->gov[i].xy, &b1)) {
				e[0] = fmin(e[0], a0); e[1] = fmin(e[1], b0);
				e[2] = fmax(e[2], a1); e[3] = fmax(e[3], b1);
			}
		}
		if (lh > 80 * cv->u && isfinite(e[0])) {
			struct canvas loc = *cv;
			double ly = lg.y + 14 * cv->u;
			ls = fmin(lw / (e[2] - e[0]), lh / (e[3] - e[1]));
			loc.s = ls;
			loc.ex0 = e[0];
			loc.ey1 = e[3];
			loc.fx = lg.x + (lw - (e[2] - e[0]) * ls) / 2;
			loc.fy = ly;
			loc.fw = (e[2] - e[0]) * ls;
			loc.fh = (e[3] - e[1]) * ls;
			for (size_t i = 0; i < cv->d->n_gov; i++) {
				cairo_new_path(cr);
				{
					GEOSGeometry *sg = GEOSTopologyPreserveSimplify_r(h, cv->d->gov[i].xy, 0.5 / ls);
					if (!sg)
						continue;
					path_geom(&loc, h, sg);
					GEOSGeom_destroy_r(h, sg);
				}
				cairo_set_source_rgb(cr, 0.96, 0.95, 0.92);
				cairo_fill_preserve(cr);
				cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
				cairo_set_line_width(cr, 0.7 * cv->u);
				cairo_stroke(cr);
			}
			{
				double bx0, by0, bx1, by1;
				to_px(&loc, cv->ex0, cv->ey1, &bx0, &by0);
				to_px(&loc, cv->ex0 + cv->fw / cv->s, cv->ey1 - cv->fh / cv->s, &bx1, &by1);
				cairo_new_path(cr);
				cairo_rectangle(cr, bx0, by0, fmax(bx1 - bx0, 3), fmax(by1 - by0, 3));
				cairo_set_source_rgb(cr, 0.84, 0.1, 0.1);
				cairo_set_line_width(cr, 2 * cv->u);
				cairo_stroke(cr);
			}
		}
	}
}

/* ---- SVG output ---- */

static cairo_status_t svg_sink(void *closure, const unsigned char *data, unsigned int length)
{
	return geo_buf_add(closure, data, length) == GEO_OK ? CAIRO_STATUS_SUCCESS
	                                                     : CAIRO_STATUS_WRITE_ERROR;
}

/* Cairo names the SVG's groups "surface<N>" with a process-wide counter, so
 * the same map drawn twice in one process would differ. Renumber them in
 * order of first appearance and write the file. */
static enum geo_status svg_write_renumbered(geo_ctx *ctx, const geo_buf *svg, const char *path)
{
	const char *s = geo_buf_str(svg), *p = s, *q;
	long old_ids[4096];
	size_t n_ids = 0;
	FILE *f = fopen(path, "wb");
	int ok = f != NULL;
	while (ok && (q = strstr(p, "surface")) != NULL) {
		const char *digits = q + 7, *end = digits;
		long id, neu = -1;
		while (*end >= '0' && *end <= '9')
			end++;
		if (end == digits) {
			ok = fwrite(p, 1, (size_t)(digits - p), f) == (size_t)(digits - p);
			p = digits;
			continue;
		}
		id = strtol(digits, NULL, 10);
		for (size_t i = 0; i < n_ids; i++)
			if (old_ids[i] == id)
				neu = (long)i + 1;
		if (neu < 0 && n_ids < sizeof old_ids / sizeof old_ids[0]) {
			old_ids[n_ids++] = id;
			neu = (long)n_ids;
		}
		ok = fwrite(p, 1, (size_t)(digits - p), f) == (size_t)(digits - p) &&
		     fprintf(f, "%ld", neu < 0 ? id : neu) > 0;
		p = end;
	}
	if (ok)
		ok = fwrite(p, 1, strlen(p), f) == strlen(p);
	if (f && fclose(f) != 0)
		ok = 0;
	if (!ok)
		return GEO_ERROR(ctx, GEO_ERR_IO, "%s: cannot write the SVG: %s", path, strerror(errno));
	return GEO_OK;
}

/* ---- the whole map ---- */

static void draw_map(struct canvas *cv, struct geo_map_summary *sum)
{
	cairo_t *cr = cv->cr;
	struct map_data *d = cv->d;
	double view_km = cv->fw / cv->s / 1000;
	cairo_save(cr);
	cairo_new_path(cr);
	cairo_rectangle(cr, cv->fx, cv->fy, cv->fw, cv->fh);
	cairo_clip(cr);
	set_hex(cr, "#E4E4E1", 1);
	cairo_paint(cr);
	fill_stroke_areas(cv, d->gov, d->n_gov, "#FBFAF5", "#FBFAF5", 0.5);
	if (view_km < 260)
		fill_stroke_areas(cv, d->sub, d->n_sub, NULL, "#D9D4CA", 0.7 * cv->u);
	draw_zones(cv, sum);
	fill_stroke_areas(cv, d->gov, d->n_gov, NULL, "#8C8C8C", 1.2 * cv->u);
	if (cv->err != GEO_OK)
		goto out;
	if (layout_marks(cv, sum) != GEO_OK) {
		cv->err = geo_ctx_error_code(d->ctx);
		goto out;
	}
	draw_repeats(cv, sum, 0);
	draw_marks(cv, sum);
	draw_sequences(cv, sum, 0);
	draw_scale_bar(cv);
	draw_north_arrow(cv);
	draw_repeats(cv, sum, 1);
	draw_sequences(cv, sum, 1);
	label_incident_places(cv);
	label_zones(cv);
	label_areas(cv);
	draw_towns(cv, sum);
	label_neighbours(cv);
out:
	cairo_restore(cr);
	cairo_new_path(cr);
	cairo_rectangle(cr, cv->fx, cv->fy, cv->fw, cv->fh);
	cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
	cairo_set_line_width(cr, 1);
	cairo_stroke(cr);
}

enum geo_status map_static_write(struct map_data *d, const struct geo_map_opts *o,
                                 enum geo_map_format fmt, const char *path,
                                 struct geo_map_summary *sum)
{
	struct canvas cv;
	cairo_surface_t *sf = NULL;
	cairo_t *cr = NULL;
	PangoLayout *credits = NULL;
	geo_buf cb, svg;
	enum geo_status rc = GEO_OK;
	double panel_w, top_h, cred_h, cw, chh, margin;
	char sub[512], d0[64], d1[64], range[140];
	geo_buf_init(&cb, 1 << 14);
	geo_buf_init(&svg, (size_t)1 << 30);
	memset(&cv, 0, sizeof cv);
	cv.d = d;
	cv.o = o;
	cv.W = o->width;
	cv.H = o->height;
	cv.u = fmax(0.6, fmin(cv.W / 1600.0, cv.H / 1200.0));
	cv.ar = o->lang_ar;
	cv.r = 8.5 * cv.u;
	if (fmt == GEO_MAP_SVG) {
		sf = cairo_svg_surface_create_for_stream(svg_sink, &svg, cv.W, cv.H);
		if (cairo_surface_status(sf) == CAIRO_STATUS_SUCCESS) {
			cairo_svg_surface_restrict_to_version(sf, CAIRO_SVG_VERSION_1_2);
			cairo_svg_surface_set_document_unit(sf, CAIRO_SVG_UNIT_PX);
		}
	} else {
		sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, o->width, o->height);
	}
	if (cairo_surface_status(sf) != CAIRO_STATUS_SUCCESS) {
		rc = GEO_ERROR(d->ctx, GEO_ERR_IO, "%s: cannot create the map surface: %s", path,
		               cairo_status_to_string(cairo_surface_status(sf)));
		goto out;
	}
	cr = cairo_create(sf);
	cv.cr = cr;
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);

	margin = 16 * cv.u;
	panel_w = 380 * cv.u;
	top_h = 84 * cv.u;
	/* the frame must exist before the credits know what was drawn: lay out
	 * the map with a provisional credits height, then write them */
	cred_h = 58 * cv.u;
	cv.fx = cv.ar ? margin + panel_w + margin : margin;
	cv.fy = top_h;
	cv.fw = cv.W - panel_w - 3 * margin;
	cv.fh = cv.H - top_h - cred_h - margin;
	{
		double ew = d->ext[2] - d->ext[0], eh = d->ext[3] - d->ext[1];
		double s = fmin(cv.fw / ew, cv.fh / eh);
		double cxm = (d->ext[0] + d->ext[2]) / 2, cym = (d->ext[1] + d->ext[3]) / 2;
		cv.s = s;
		cv.ex0 = cxm - cv.fw / s / 2;
		cv.ey1 = cym + cv.fh / s / 2;
	}
	draw_map(&cv, sum);
	if (cv.err != GEO_OK) {
		rc = geo_ctx_error_code(d->ctx) != GEO_OK
		         ? geo_ctx_error_code(d->ctx)
		         : GEO_ERROR(d->ctx, cv.err, "out of memory drawing the map");
		goto out;
	}
	/* title and subtitle */
	{
		const char *title = o->title ? o->title : geo_map_text("title", cv.ar);
		double tx = cv.ar ? cv.W - margin : margin;
		map_format_date(o->from ? o->from : d->date_min, cv.ar, d0, sizeof d0);
		map_format_date(o->to ? o->to : d->date_max, cv.ar, d1, sizeof d1);
		draw_text(&cv, title, tx, 14 * cv.u, cv.ar ? 1 : 0, 0, 26, 1, "#111111", 0);
		if (strcmp(d0, d1) == 0)
			snprintf(range, sizeof range, "%s", d0);
		else
			snprintf(range, sizeof range, "%s – %s", d0, d1);
		long shown = sum->drawn + sum->counted;
		if (cv.ar && shown < (long)d->inc.n)
			snprintf(sub, sizeof sub, "%s%s%s · %ld %s، %ld على هذه الخريطة",
			         d->focus_name ? d->focus_name : "", d->focus_name ? " · " : "", range,
			         (long)d->inc.n, geo_map_text("incidents", 1), shown);
		else if (cv.ar)
			snprintf(sub, sizeof sub, "%s%s%s · %ld %s", d->focus_name ? d->focus_name : "",
			         d->focus_name ? " · " : "", range, (long)d->inc.n,
			         geo_map_text("incidents", 1));
		else if (shown < (long)d->inc.n)
			snprintf(sub, sizeof sub, "%s%s%s · %ld incidents, %ld on this map",
			         d->focus_name ? d->focus_name : "", d->focus_name ? " · " : "", range,
			         (long)d->inc.n, shown);
		else
			snprintf(sub, sizeof sub, "%s%s%s · %ld incidents",
			         d->focus_name ? d->focus_name : "", d->focus_name ? " · " : "", range,
			         (long)d->inc.n);
		if (!d->inc.n)
			snprintf(sub, sizeof sub, "%s", cv.ar ? "لا حوادث في هذه الفترة" : "No incidents in this period");
		draw_text(&cv, sub, tx, 50 * cv.u, cv.ar ? 1 : 0, 0, 15.5, 0, "#444444", 0);
	}
	draw_legend(&cv, cv.ar ? margin : cv.fx + cv.fw + margin, cv.fy, panel_w, cv.fh, sum);
	/* credits */
	if ((rc = map_credits(d, sum, cv.ar, &cb)) != GEO_OK)
		goto out;
	credits = text_layout(&cv, geo_buf_str(&cb), 11.5, 0, 0);
	pango_layout_set_width(credits, (int)((cv.W - 2 * margin) * PANGO_SCALE));
	pango_layout_set_wrap(credits, PANGO_WRAP_WORD);
	pango_layout_set_alignment(credits, cv.ar ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
	layout_size(credits, &cw, &chh);
	draw_layout(&cv, credits, margin, cv.fy + cv.fh + 8 * cv.u, "#444444", 0);
	if (cv.err != GEO_OK) {
		rc = GEO_ERROR(d->ctx, cv.err, "out of memory drawing the map");
		goto out;
	}
	if (fmt == GEO_MAP_PNG) {
		cairo_surface_flush(sf);
		if (cairo_surface_write_to_png(sf, path) != CAIRO_STATUS_SUCCESS) {
			rc = GEO_ERROR(d->ctx, GEO_ERR_IO, "%s: cannot write the PNG", path);
			goto out;
		}
	} else {
		cairo_surface_finish(sf);
		if (cairo_surface_status(sf) != CAIRO_STATUS_SUCCESS) {
			rc = GEO_ERROR(d->ctx, GEO_ERR_IO, "%s: cannot write the SVG: %s", path,
			               cairo_status_to_string(cairo_surface_status(sf)));
			goto out;
		}
		if ((rc = svg_write_renumbered(d->ctx, &svg, path)) != GEO_OK)
			goto out;
	}
out:
	if (credits)
		g_object_unref(credits);
	if (cr)
		cairo_destroy(cr);
	if (sf)
		cairo_surface_destroy(sf);
	free(cv.occ);
	free(cv.marks);
	geo_buf_free(&cb);
	geo_buf_free(&svg);
	return rc;
}
