/* sequences.c — double strikes, following the wounded, textual evidence
 * (rules in sequences.h), their tables in the store and their output. */
#include "geo/internal.h"
#include "geo/sequences.h"
#include "geo/antables.h"
#include "geo/geodesy.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void geo_seq_params_default(struct geo_seq_params *p)
{
	p->max_gap = 3600.0;
	p->max_distance = 1000.0;
	p->follow_window = 3 * 3600.0;
	p->follow_distance = 5000.0;
}

const char *geo_seq_type_name(enum geo_seq_type t)
{
	switch (t) {
	case GEO_SEQ_DOUBLE_STRIKE: return "double_strike";
	case GEO_SEQ_FOLLOWING_WOUNDED: return "following_wounded";
	case GEO_SEQ_TEXTUAL_EVIDENCE: return "textual_evidence";
	}
	return "?";
}

/* ---- textual evidence ---- */

/* Words that put a victim at the scene of an earlier strike: rescuers,
 * medics, the wounded. Matched as lower-case substrings. */
static const char *const RESPONSE_WORDS[] = {
	"tending", "attending to", "scouting", "rescu", "evacuat", "treating", "aiding",
	"helping", "responding", "retriev", "pulling", "transporting", "wounded", "injured",
	"victims", "paramedic", "first responder", NULL};
/* An earlier strike named as such. */
static const char *const PREVIOUS_WORDS[] = {"previous", "earlier", "first strike", "first shell", NULL};
/* A facility taking in the casualties of another strike. */
static const char *const RECEIVING_WORDS[] = {
	"receiving the victims", "receiving the wounded", "receiving the injured",
	"receiving the casualties", "received the victims", "received the wounded",
	"receiving victims", "receiving wounded", NULL};

static int has_any(const char *s, const char *const *words)
{
	for (size_t i = 0; words[i]; i++)
		if (strstr(s, words[i]))
			return 1;
	return 0;
}

enum geo_status geo_seq_evidence(const char *notes, int *following, char **out)
{
	char *low = NULL, *found = NULL;
	size_t n;
	enum geo_status rc = GEO_OK;
	*following = 0;
	*out = NULL;
	if (!notes || !*notes)
		return GEO_OK;
	n = strlen(notes);
	low = geo_malloc(n + 1);
	if (!low)
		return GEO_ERR_NOMEM;
	for (size_t i = 0; i <= n; i++)
		low[i] = (char)tolower((unsigned char)notes[i]);
	for (size_t a = 0; a < n && !found;) {
		size_t b = a;
		while (b < n && low[b] != '.' && low[b] != ';' && low[b] != '\n')
			b++;
		char save = low[b];
		low[b] = '\0';
		int recv = has_any(low + a, RECEIVING_WORDS);
		int prev = has_any(low + a, PREVIOUS_WORDS) && has_any(low + a, RESPONSE_WORDS);
		if (recv || prev) {
			size_t s = a;
			while (s < b && isspace((unsigned char)notes[s]))
				s++;
			found = geo_strndup(notes + s, b - s);
			if (!found)
				rc = GEO_ERR_NOMEM;
			*following = recv && !prev;
			low[b] = save;
			break;
		}
		low[b] = save;
		a = b + 1;
	}
	free(low);
	*out = found;
	return rc;
}

/* ---- sites ---- */

/* 1 when a and b are the same site for a double strike; *basis says why. */
static int same_site(const struct geo_event *a, const struct geo_event *b, double max_distance,
                     const char **basis)
{
	if (a->site < GEO_SITE_TOWN || b->site < GEO_SITE_TOWN)
		return 0;
	if (a->site == GEO_SITE_POINT && b->site == GEO_SITE_POINT) {
		*basis = "distance";
		return geo_geodesic_m(a->lon, a->lat, b->lon, b->lat) <= max_distance;
	}
	/* one is known only to its town: same community, or nothing */
	*basis = "same_town";
	return a->pcode && b->pcode && strcmp(a->pcode, b->pcode) == 0;
}

/* 1 when b (medical) is close enough to a (casualties) to be following the wounded. */
static int follow_site(const struct geo_event *a, const struct geo_event *b, double follow_distance,
                       const char **basis)
{
	if (a->site < GEO_SITE_TOWN || b->site < GEO_SITE_TOWN)
		return 0;
	if (a->pcode && b->pcode && strcmp(a->pcode, b->pcode) == 0) {
		*basis = "follow_town";
		return 1;
	}
	*basis = "follow_distance";
	return geo_geodesic_m(a->lon, a->lat, b->lon, b->lat) <= follow_distance;
}

static int timed(const struct geo_event *e)
{
	return (e->flags & GEO_EV_HAS_TIME) && !(e->flags & GEO_EV_DATE_INEXACT);
}

/* ---- building ---- */

struct builder {
	geo_ctx *ctx;
	const struct geo_events *ev;
	struct geo_sequences *out;
	size_t cap_v, cap_m;
};

static enum geo_status add_sequence(struct builder *bd, enum geo_seq_type type, const size_t *idx,
                                    size_t n, const struct geo_seq_params *p)
{
	struct geo_sequences *o = bd->out;
	struct geo_sequence *s;
	const struct geo_event *ev = bd->ev->v;
	if (o->n == bd->cap_v) {
		size_t cap = bd->cap_v ? bd->cap_v * 2 : 16;
		struct geo_sequence *v = geo_realloc(o->v, cap * sizeof *v);
		if (!v)
			return GEO_ERROR(bd->ctx, GEO_ERR_NOMEM, "out of memory building sequences");
		o->v = v;
		bd->cap_v = cap;
	}
	while (o->n_members + n > bd->cap_m) {
		size_t cap = bd->cap_m ? bd->cap_m * 2 : 64;
		struct geo_seq_member *m = geo_realloc(o->members, cap * sizeof *m);
		if (!m)
			return GEO_ERROR(bd->ctx, GEO_ERR_NOMEM, "out of memory building sequences");
		o->members = m;
		bd->cap_m = cap;
	}
	s = &o->v[o->n];
	memset(s, 0, sizeof *s);
	s->type = type;
	s->first = o->n_members;
	s->n = n;
	s->max_gap_min = NAN;
	for (size_t k = 0; k < n; k++) {
		struct geo_seq_member *m = &o->members[o->n_members + k];
		const struct geo_event *cur = &ev[idx[k]];
		m->event = idx[k];
		m->gap_min = NAN;
		m->dist_m = NAN;
		m->basis = NULL;
		if (k == 0)
			continue;
		const struct geo_event *prv = &ev[idx[k - 1]];
		if (timed(prv) && timed(cur)) {
			m->gap_min = (double)(cur->t - prv->t) / 60.0;
			if (isnan(s->max_gap_min) || m->gap_min > s->max_gap_min)
				s->max_gap_min = m->gap_min;
		}
		if ((prv->flags & GEO_EV_HAS_POINT) && (cur->flags & GEO_EV_HAS_POINT))
			m->dist_m = geo_geodesic_m(prv->lon, prv->lat, cur->lon, cur->lat);
		const char *basis = "chain";
		double gap = (double)(cur->t - prv->t);
		if (type == GEO_SEQ_TEXTUAL_EVIDENCE)
			basis = "same_strike";
		else if (type == GEO_SEQ_DOUBLE_STRIKE) {
			const char *b2 = NULL;
			if (gap > 0 && gap <= p->max_gap && same_site(prv, cur, p->max_distance, &b2))
				basis = b2;
		} else {
			const char *b2 = NULL;
			if (gap > 0 && gap <= p->follow_window && (prv->flags & GEO_EV_CASUALTIES) &&
			    (cur->flags & GEO_EV_MEDICAL) && follow_site(prv, cur, p->follow_distance, &b2))
				basis = b2;
		}
		m->basis = basis;
	}
	o->n_members += n;
	o->n++;
	/* perpetrators: distinct classes in member order */
	{
		geo_buf b;
		geo_buf_init(&b, 4096);
		for (size_t k = 0; k < n; k++) {
			const char *c = ev[idx[k]].perpetrator_class;
			int seen = 0;
			for (size_t q = 0; q < k && !seen; q++)
				seen = strcmp(ev[idx[q]].perpetrator_class, c) == 0;
			if (!seen && ((geo_buf_len(&b) && geo_buf_adds(&b, ", ") != GEO_OK) ||
			              geo_buf_adds(&b, c) != GEO_OK)) {
				geo_buf_free(&b);
				return GEO_ERROR(bd->ctx, GEO_ERR_NOMEM, "out of memory building sequences");
			}
		}
		s->perpetrators = geo_buf_take(&b);
		if (!s->perpetrators)
			return GEO_ERROR(bd->ctx, GEO_ERR_NOMEM, "out of memory building sequences");
	}
	return GEO_OK;
}

void geo_sequences_free(struct geo_sequences *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++) {
		free(s->v[i].evidence);
		free(s->v[i].perpetrators);
	}
	free(s->v);
	free(s->members);
	memset(s, 0, sizeof *s);
}

/* Components of the union-find with >= 2 members become sequences. */
static enum geo_status components(struct builder *bd, size_t *par, const unsigned char *in,
                                  enum geo_seq_type type, size_t *buf,
                                  const struct geo_seq_params *p)
{
	size_t n = bd->ev->n;
	enum geo_status rc = GEO_OK;
	for (size_t r = 0; r < n; r++) {
		size_t k = 0;
		if (!in[r] || geo_uf_find(par, r) != r)
			continue;
		for (size_t i = r; i < n; i++) /* members come after their root (root = lowest index) */
			if (in[i] && geo_uf_find(par, i) == r)
				buf[k++] = i;
		if (k >= 2 && (rc = add_sequence(bd, type, buf, k, p)) != GEO_OK)
			return rc;
	}
	return rc;
}

static int cmp_seq(const void *a, const void *b, void *arg)
{
	const struct geo_sequences *o = arg;
	const struct geo_sequence *x = a, *y = b;
	size_t ex = o->members[x->first].event, ey = o->members[y->first].event;
	if (ex != ey)
		return ex < ey ? -1 : 1;
	return (int)x->type - (int)y->type;
}

enum geo_status geo_sequences_find(geo_ctx *ctx, const struct geo_events *events,
                                   const struct geo_seq_params *p, struct geo_sequences *out)
{
	const struct geo_event *ev = events->v;
	size_t n = events->n;
	size_t *par1 = NULL, *par2 = NULL, *buf = NULL;
	unsigned char *in1 = NULL, *in2 = NULL, *used = NULL;
	char **evid = NULL;
	int following = 0;
	struct builder bd = {.ctx = ctx, .ev = events, .out = out};
	enum geo_status rc = GEO_OK;
	double window = p->max_gap > p->follow_window ? p->max_gap : p->follow_window;

	memset(out, 0, sizeof *out);
	if (!(p->max_gap >= 0) || !(p->max_distance >= 0) || !(p->follow_window >= 0) ||
	    !(p->follow_distance >= 0))
		return GEO_ERROR(ctx, GEO_ERR_INVALID, "sequences: thresholds must be non-negative");
	par1 = geo_malloc((n + 1) * sizeof *par1);
	par2 = geo_malloc((n + 1) * sizeof *par2);
	buf = geo_malloc((n + 1) * sizeof *buf);
	in1 = geo_calloc(n + 1, 1);
	in2 = geo_calloc(n + 1, 1);
	used = geo_calloc(n + 1, 1);
	evid = geo_calloc(n + 1, sizeof *evid);
	if (!par1 || !par2 || !buf || !in1 || !in2 || !used || !evid) {
		rc = GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory finding sequences");
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		par1[i] = par2[i] = i;

	/* timed pairs: the array is sorted by day then time for timed events,
	 * so scan forward over timed events until the window is passed */
	for (size_t i = 0; i < n; i++) {
		if (!timed(&ev[i]))
			continue;
		for (size_t j = i + 1; j < n; j++) {
			const char *basis;
			double gap;
			if (ev[j].day > ev[i].day + (int32_t)(window / 86400.0) + 1)
				break;
			if (!timed(&ev[j]))
				continue;
			gap = (double)(ev[j].t - ev[i].t);
			if (gap <= 0 || gap > window)
				continue;
			if (gap <= p->max_gap && same_site(&ev[i], &ev[j], p->max_distance, &basis)) {
				geo_uf_union(par1, i, j);
				in1[i] = in1[j] = 1;
			} else if (gap <= p->follow_window && (ev[i].flags & GEO_EV_CASUALTIES) &&
			           (ev[j].flags & GEO_EV_MEDICAL) &&
			           follow_site(&ev[i], &ev[j], p->follow_distance, &basis)) {
				geo_uf_union(par2, i, j);
				in2[i] = in2[j] = 1;
			}
		}
	}
	if ((rc = components(&bd, par1, in1, GEO_SEQ_DOUBLE_STRIKE, buf, p)) != GEO_OK)
		goto out;
	if ((rc = components(&bd, par2, in2, GEO_SEQ_FOLLOWING_WOUNDED, buf, p)) != GEO_OK)
		goto out;

	/* textual evidence */
	for (size_t i = 0; i < n; i++)
		if (geo_seq_evidence(ev[i].notes, &following, &evid[i]) != GEO_OK) {
			rc = GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory reading the notes of %s", ev[i].id);
			goto out;
		}
	for (size_t i = 0; i < n; i++) {
		size_t k = 0;
		int attached = 0;
		if (!evid[i] || used[i])
			continue;
		/* already in a timed sequence: the words corroborate it */
		for (size_t q = 0; q < out->n && !attached; q++) {
			struct geo_sequence *s = &out->v[q];
			for (size_t m = 0; m < s->n; m++)
				if (out->members[s->first + m].event == i) {
					if (!s->evidence) {
						s->evidence = geo_strdup(evid[i]);
						if (!s->evidence) {
							rc = GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory finding sequences");
							goto out;
						}
					}
					if (m == 0) /* the first recorded strike followed an unrecorded one */
						s->unrecorded_earlier = 1;
					attached = 1;
					break;
				}
		}
		if (attached)
			continue;
		/* the same strike reported in other rows: same site, same minute */
		for (size_t j = 0; j < n; j++) {
			const char *basis;
			if (j != i && !used[j] && timed(&ev[i]) && timed(&ev[j]) && ev[j].t == ev[i].t &&
			    same_site(&ev[i], &ev[j], p->max_distance, &basis))
				buf[k++] = j;
			else if (j == i)
				buf[k++] = j;
		}
		for (size_t q = 0; q < k; q++)
			used[buf[q]] = 1;
		if ((rc = add_sequence(&bd, GEO_SEQ_TEXTUAL_EVIDENCE, buf, k, p)) != GEO_OK)
			goto out;
		out->v[out->n - 1].unrecorded_earlier = 1;
		out->v[out->n - 1].evidence = evid[i];
		evid[i] = NULL;
	}
	if (out->n)
		qsort_r(out->v, out->n, sizeof *out->v, cmp_seq, out);
	for (size_t q = 0; q < out->n; q++)
		out->v[q].id = (int)q + 1;
out:
	if (evid)
		for (size_t i = 0; i < n; i++)
			free(evid[i]);
	free(evid);
	free(used);
	free(in2);
	free(in1);
	free(buf);
	free(par2);
	free(par1);
	if (rc != GEO_OK)
		geo_sequences_free(out);
	return rc;
}

/* ---- geometry ---- */

/* WKT of the sequence: LINESTRING through the located members in order,
 * POINT when one is located, NULL (returned as GEO_OK with *wkt NULL)
 * when none is. */
static enum geo_status seq_wkt(const struct geo_events *ev, const struct geo_sequences *ss,
                               const struct geo_sequence *s, geo_buf *b)
{
	size_t located = 0;
	enum geo_status rc = GEO_OK;
	for (size_t k = 0; k < s->n; k++)
		located += (ev->v[ss->members[s->first + k].event].flags & GEO_EV_HAS_POINT) != 0;
	if (located == 0)
		return GEO_OK;
	rc = geo_buf_adds(b, located == 1 ? "POINT(" : "LINESTRING(");
	for (size_t k = 0, w = 0; k < s->n && rc == GEO_OK; k++) {
		const struct geo_event *e = &ev->v[ss->members[s->first + k].event];
		if (!(e->flags & GEO_EV_HAS_POINT))
			continue;
		rc = geo_buf_addf(b, "%s%.7f %.7f", w++ ? "," : "", e->lon, e->lat);
	}
	if (rc == GEO_OK)
		rc = geo_buf_addc(b, ')');
	return rc;
}

static void seq_span(const struct geo_events *ev, const struct geo_sequences *ss,
                     const struct geo_sequence *s, char first[20], char last[20])
{
	geo_event_when(&ev->v[ss->members[s->first].event], first);
	geo_event_when(&ev->v[ss->members[s->first + s->n - 1].event], last);
}

/* ---- store ---- */

static const char *const SEQ_SCHEMA =
	"CREATE TABLE IF NOT EXISTS sequences ("
	" id INTEGER PRIMARY KEY,"
	" type TEXT NOT NULL CHECK (type IN ('double_strike','following_wounded','textual_evidence')),"
	" n_members INTEGER NOT NULL,"
	" first_at TEXT, last_at TEXT,"
	" max_gap_min REAL,"
	" perpetrators TEXT,"
	" unrecorded_earlier INTEGER NOT NULL DEFAULT 0,"
	" evidence TEXT,"
	" rule TEXT);"
	"CREATE TABLE IF NOT EXISTS sequence_members ("
	" sequence_id INTEGER NOT NULL REFERENCES sequences(id) ON DELETE CASCADE,"
	" incident_id TEXT NOT NULL,"
	" ord INTEGER NOT NULL,"
	" at TEXT,"
	" gap_min REAL,"
	" dist_m REAL,"
	" basis TEXT,"
	" facility_name TEXT, facility_type TEXT, perpetrator_class TEXT, pcode TEXT,"
	" geo_precision INTEGER, precision_word TEXT,"
	" PRIMARY KEY (sequence_id, ord));"
	"CREATE INDEX IF NOT EXISTS sequence_members_incident ON sequence_members(incident_id);";

static enum geo_status seq_schema(geo_store *st)
{
	enum geo_status rc;
	if ((rc = geo_store_exec(st, SEQ_SCHEMA)) != GEO_OK ||
	    (rc = geo_an_geometry_column(st, "sequences", "geom", "GEOMETRY")) != GEO_OK ||
	    (rc = geo_an_geometry_column(st, "sequences", "line", "LINESTRING")) != GEO_OK ||
	    (rc = geo_an_geometry_column(st, "sequences", "point", "POINT")) != GEO_OK ||
	    (rc = geo_an_geometry_column(st, "sequence_members", "geom", "POINT")) != GEO_OK)
		return rc;
	if ((rc = geo_an_spatial_view(st, "sequences_lines",
	         "SELECT s.rowid AS rowid, s.id AS id, s.type AS type, s.n_members AS n_members,"
	         " s.first_at AS first_at, s.last_at AS last_at, s.max_gap_min AS max_gap_min,"
	         " s.perpetrators AS perpetrators, s.unrecorded_earlier AS unrecorded_earlier,"
	         " s.evidence AS evidence, s.line AS geom FROM sequences AS s"
	         " WHERE s.line IS NOT NULL", "sequences", "line")) != GEO_OK)
		return rc;
	if ((rc = geo_an_spatial_view(st, "sequences_points",
	         "SELECT s.rowid AS rowid, s.id AS id, s.type AS type, s.n_members AS n_members,"
	         " s.first_at AS first_at, s.last_at AS last_at, s.max_gap_min AS max_gap_min,"
	         " s.perpetrators AS perpetrators, s.unrecorded_earlier AS unrecorded_earlier,"
	         " s.evidence AS evidence, s.point AS geom FROM sequences AS s"
	         " WHERE s.point IS NOT NULL", "sequences", "point")) != GEO_OK)
		return rc;
	return geo_store_exec(st,
	    "CREATE VIEW IF NOT EXISTS sequence_members_detail AS"
	    " SELECT m.sequence_id, s.type, m.ord, m.incident_id, m.at, m.gap_min, m.dist_m, m.basis,"
	    " i.place_text, i.facility_name, i.facility_type, i.perpetrator, i.killed, i.injured,"
	    " i.notes FROM sequence_members AS m JOIN sequences AS s ON s.id = m.sequence_id"
	    " LEFT JOIN incidents AS i ON i.id = m.incident_id ORDER BY m.sequence_id, m.ord");
}

enum geo_status geo_sequences_store(geo_store *st, const struct geo_events *ev,
                                    const struct geo_sequences *ss, const struct geo_seq_params *p)
{
	geo_ctx *ctx = geo_store_ctx(st);
	sqlite3_stmt *qs = NULL, *qm = NULL;
	enum geo_status rc;
	geo_buf wkt, rule;
	geo_buf_init(&wkt, 1 << 24);
	geo_buf_init(&rule, 1024);

	if ((rc = geo_store_begin(st)) != GEO_OK)
		goto out_nobegin;
	if ((rc = seq_schema(st)) != GEO_OK ||
	    (rc = geo_store_exec(st, "DELETE FROM sequence_members; DELETE FROM sequences;")) != GEO_OK)
		goto out;
	if (geo_buf_addf(&rule, "max_gap=%gmin max_distance=%gm follow_window=%gmin follow_distance=%gm",
	                 p->max_gap / 60, p->max_distance, p->follow_window / 60,
	                 p->follow_distance) != GEO_OK) {
		rc = GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory storing sequences");
		goto out;
	}
	if ((rc = geo_an_prepare(st,
	         "INSERT INTO sequences (id, type, n_members, first_at, last_at, max_gap_min,"
	         " perpetrators, unrecorded_earlier, evidence, rule, geom, line, point) VALUES"
	         " (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10, GeomFromText(?11, 4326),"
	         " CASE WHEN ?11 LIKE 'LINESTRING%' THEN GeomFromText(?11, 4326) END,"
	         " CASE WHEN ?12 IS NULL THEN NULL ELSE MakePoint(?12, ?13, 4326) END)",
	         &qs, "preparing the sequences insert")) != GEO_OK ||
	    (rc = geo_an_prepare(st,
	         "INSERT INTO sequence_members (sequence_id, incident_id, ord, at, gap_min, dist_m,"
	         " basis, facility_name, facility_type, perpetrator_class, pcode, geo_precision,"
	         " precision_word, geom) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,"
	         " CASE WHEN ?14 IS NULL THEN NULL ELSE MakePoint(?14, ?15, 4326) END)",
	         &qm, "preparing the sequence members insert")) != GEO_OK)
		goto out;
	for (size_t q = 0; q < ss->n; q++) {
		const struct geo_sequence *s = &ss->v[q];
		char first[20], last[20];
		seq_span(ev, ss, s, first, last);
		geo_buf_reset(&wkt);
		if (seq_wkt(ev, ss, s, &wkt) != GEO_OK) {
			rc = GEO_ERROR(ctx, GEO_ERR_LIMIT, "sequence %d: geometry too large", s->id);
			goto out;
		}
		sqlite3_reset(qs);
		sqlite3_bind_int(qs, 1, s->id);
		sqlite3_bind_text(qs, 2, geo_seq_type_name(s->type), -1, SQLITE_STATIC);
		sqlite3_bind_int64(qs, 3, (sqlite3_int64)s->n);
		geo_an_bind_text(qs, 4, first);
		geo_an_bind_text(qs, 5, last);
		geo_an_bind_real(qs, 6, s->max_gap_min);
		geo_an_bind_text(qs, 7, s->perpetrators);
		sqlite3_bind_int(qs, 8, s->unrecorded_earlier);
		geo_an_bind_text(qs, 9, s->evidence);
		geo_an_bind_text(qs, 10, geo_buf_str(&rule));
		geo_an_bind_text(qs, 11, geo_buf_len(&wkt) ? geo_buf_str(&wkt) : NULL);
		sqlite3_bind_null(qs, 12);
		sqlite3_bind_null(qs, 13);
		for (size_t k = s->n; k-- > 0;) { /* the point: the last located strike */
			const struct geo_event *e = &ev->v[ss->members[s->first + k].event];
			if (e->flags & GEO_EV_HAS_POINT) {
				sqlite3_bind_double(qs, 12, e->lon);
				sqlite3_bind_double(qs, 13, e->lat);
				break;
			}
		}
		if (sqlite3_step(qs) != SQLITE_DONE) {
			rc = geo_store_db_error(st, "storing a sequence");
			goto out;
		}
		for (size_t k = 0; k < s->n; k++) {
			const struct geo_seq_member *m = &ss->members[s->first + k];
			const struct geo_event *e = &ev->v[m->event];
			char at[20];
			geo_event_when(e, at);
			sqlite3_reset(qm);
			sqlite3_clear_bindings(qm);
			sqlite3_bind_int(qm, 1, s->id);
			geo_an_bind_text(qm, 2, e->id);
			sqlite3_bind_int64(qm, 3, (sqlite3_int64)k + 1);
			geo_an_bind_text(qm, 4, at);
			geo_an_bind_real(qm, 5, m->gap_min);
			geo_an_bind_real(qm, 6, m->dist_m);
			geo_an_bind_text(qm, 7, m->basis);
			geo_an_bind_text(qm, 8, e->facility_name);
			geo_an_bind_text(qm, 9, e->facility_type);
			geo_an_bind_text(qm, 10, e->perpetrator_class);
			geo_an_bind_text(qm, 11, e->pcode);
			geo_an_bind_site(qm, 12, e);
			if (sqlite3_step(qm) != SQLITE_DONE) {
				rc = geo_store_db_error(st, "storing a sequence member");
				goto out;
			}
		}
	}
	rc = geo_store_commit(st);
out:
	if (rc != GEO_OK)
		geo_store_rollback(st);
out_nobegin:
	sqlite3_finalize(qs);
	sqlite3_finalize(qm);
	geo_buf_free(&wkt);
	geo_buf_free(&rule);
	return rc;
}

/* ---- output ---- */

static const char *member_label(const struct geo_event *e)
{
	if (e->facility_name)
		return e->facility_name;
	if (e->place_name)
		return e->place_name;
	return e->facility_type;
}

static enum geo_status fmt_table(const struct geo_events *ev, const struct geo_sequences *ss,
                                 geo_buf *b)
{
	enum geo_status rc = GEO_OK;
	if (ss->n == 0)
		return geo_buf_adds(b, "No sequences found.\n");
	rc = geo_buf_addf(b, "%-4s %-18s %-7s %-16s %-16s %-8s %s\n", "id", "type", "members",
	                  "first", "last", "max_gap", "perpetrators");
	for (size_t q = 0; q < ss->n && rc == GEO_OK; q++) {
		const struct geo_sequence *s = &ss->v[q];
		char first[20], last[20], gap[32];
		seq_span(ev, ss, s, first, last);
		if (isnan(s->max_gap_min))
			snprintf(gap, sizeof gap, "-");
		else
			snprintf(gap, sizeof gap, "%.0fmin", s->max_gap_min);
		rc = geo_buf_addf(b, "%-4d %-18s %-7zu %-16s %-16s %-8s %s\n", s->id,
		                  geo_seq_type_name(s->type), s->n, first, last, gap, s->perpetrators);
		if (rc == GEO_OK && s->unrecorded_earlier)
			rc = geo_buf_adds(b, "       (an earlier strike is reported in the words but has no row)\n");
		if (rc == GEO_OK && s->evidence)
			rc = geo_buf_addf(b, "       evidence: \"%s\"\n", s->evidence);
		for (size_t k = 0; k < s->n && rc == GEO_OK; k++) {
			const struct geo_seq_member *m = &ss->members[s->first + k];
			const struct geo_event *e = &ev->v[m->event];
			char at[20], g[32] = "", d[32] = "";
			geo_event_when(e, at);
			if (!isnan(m->gap_min))
				snprintf(g, sizeof g, "+%.0fmin", m->gap_min);
			if (!isnan(m->dist_m) && k > 0)
				snprintf(d, sizeof d, "%.0fm", m->dist_m);
			rc = geo_buf_addf(b, "       %zu. %-16s %-8s %-7s %-12s %s [%s, %s, %s]\n", k + 1, at, g, d,
			                  m->basis ? m->basis : "", e->id, member_label(e) ? member_label(e) : "",
			                  e->pcode ? e->pcode : "no pcode",
			                  e->precision_word ? e->precision_word : "unlocated");
		}
	}
	return rc;
}

static enum geo_status fmt_json_seq(const struct geo_events *ev, const struct geo_sequences *ss,
                                    const struct geo_sequence *s, geo_buf *b, int props_only)
{
	enum geo_status rc;
	char first[20], last[20];
	seq_span(ev, ss, s, first, last);
	rc = geo_buf_addf(b, "{\"id\":%d,\"type\":\"%s\",\"n_members\":%zu,\"first\":", s->id,
	                  geo_seq_type_name(s->type), s->n);
	if (rc == GEO_OK) rc = geo_buf_add_json_str(b, first);
	if (rc == GEO_OK) rc = geo_buf_adds(b, ",\"last\":");
	if (rc == GEO_OK) rc = geo_buf_add_json_str(b, last);
	if (rc == GEO_OK) rc = geo_buf_adds(b, ",\"max_gap_min\":");
	if (rc == GEO_OK) rc = geo_an_json_num(b, s->max_gap_min, 1);
	if (rc == GEO_OK) rc = geo_buf_adds(b, ",\"perpetrators\":");
	if (rc == GEO_OK) rc = geo_buf_add_json_str(b, s->perpetrators);
	if (rc == GEO_OK) rc = geo_buf_addf(b, ",\"unrecorded_earlier_strike\":%s,\"evidence\":",
	                                    s->unrecorded_earlier ? "true" : "false");
	if (rc == GEO_OK) rc = geo_buf_add_json_str(b, s->evidence);
	if (rc == GEO_OK) rc = geo_buf_adds(b, ",\"members\":[");
	for (size_t k = 0; k < s->n && rc == GEO_OK; k++) {
		const struct geo_seq_member *m = &ss->members[s->first + k];
		const struct geo_event *e = &ev->v[m->event];
		char at[20];
		geo_event_when(e, at);
		rc = geo_buf_addf(b, "%s{\"ord\":%zu,\"incident_id\":", k ? "," : "", k + 1);
		if (rc == GEO_OK) rc = geo_buf_add_json_str(b, e->id);
		if (rc == GEO_OK) rc = geo_buf_adds(b, ",\"at\":");
		if (rc == GEO_OK) rc = geo_buf_add_json_str(b, at);
		if (rc == GEO_OK) rc = geo_buf_adds(b, ",\"gap_min\":");
		if (rc == GEO_OK) rc = geo_an_json_num(b, m->gap_min, 1);
		if (rc == GEO_OK) rc = geo_buf_adds(b, ",\"dist_m\":");
		if (rc == GEO_OK) rc = geo_an_json_num(b, k ? m->dist_m : NAN, 1);
		if (rc == GEO_OK) rc = geo_buf_adds(b, ",\"basis\":");
		if (rc == GEO_OK) rc = geo_buf_add_json_str(b, m->basis);
		if (rc == GEO_OK) rc = geo_buf_adds(b, ",\"facility_name\":");
		if (rc == GEO_OK) rc = geo_buf_add_json_str(b, e->facility_name);
		if (rc == GEO_OK) rc = geo_buf_adds(b, ",\"facility_type\":");
		if (rc == GEO_OK) rc = geo_buf_add_json_str(b, e->facility_type);
		if (rc == GEO_OK) rc = geo_buf_adds(b, ",\"place\":");
		if (rc == GEO_OK) rc = geo_buf_add_json_str(b, e->place_name);
		if (rc == GEO_OK) rc = geo_buf_adds(b, ",\"pcode\":");
		if (rc == GEO_OK) rc = geo_buf_add_json_str(b, e->pcode);
		if (rc == GEO_OK) rc = geo_buf_adds(b, ",\"precision\":");
		if (rc == GEO_OK) rc = geo_buf_add_json_str(b, e->precision_word);
		if (rc == GEO_OK) rc = geo_buf_adds(b, ",\"perpetrator\":");
		if (rc == GEO_OK) rc = geo_buf_add_json_str(b, e->perpetrator_class);
		if (rc == GEO_OK && !props_only && (e->flags & GEO_EV_HAS_POINT))
			rc = geo_buf_addf(b, ",\"lon\":%.7f,\"lat\":%.7f", e->lon, e->lat);
		if (rc == GEO_OK) rc = geo_buf_addc(b, '}');
	}
	if (rc == GEO_OK) rc = geo_buf_adds(b, "]}");
	return rc;
}

enum geo_status geo_sequences_format(geo_ctx *ctx, const struct geo_events *ev,
                                     const struct geo_sequences *ss, enum geo_out_format f,
                                     geo_buf *b)
{
	enum geo_status rc = GEO_OK;
	geo_buf wkt;
	geo_buf_init(&wkt, 1 << 24);
	if (f == GEO_OUT_TABLE) {
		rc = fmt_table(ev, ss, b);
	} else if (f == GEO_OUT_JSON) {
		rc = geo_buf_addc(b, '[');
		for (size_t q = 0; q < ss->n && rc == GEO_OK; q++) {
			if (q)
				rc = geo_buf_addc(b, ',');
			if (rc == GEO_OK)
				rc = fmt_json_seq(ev, ss, &ss->v[q], b, 0);
		}
		if (rc == GEO_OK)
			rc = geo_buf_adds(b, "]\n");
	} else {
		rc = geo_buf_adds(b, "{\"type\":\"FeatureCollection\",\"name\":\"sequences\",\"features\":[");
		for (size_t q = 0; q < ss->n && rc == GEO_OK; q++) {
			const struct geo_sequence *s = &ss->v[q];
			size_t located = 0, w = 0;
			for (size_t k = 0; k < s->n; k++)
				located += (ev->v[ss->members[s->first + k].event].flags & GEO_EV_HAS_POINT) != 0;
			rc = geo_buf_addf(b, "%s{\"type\":\"Feature\",\"id\":%d,\"geometry\":", q ? "," : "",
			                  s->id);
			if (rc == GEO_OK && located == 0)
				rc = geo_buf_adds(b, "null");
			else if (rc == GEO_OK) {
				rc = geo_buf_addf(b, "{\"type\":\"%s\",\"coordinates\":%s",
				                  located == 1 ? "Point" : "LineString", located == 1 ? "" : "[");
				for (size_t k = 0; k < s->n && rc == GEO_OK; k++) {
					const struct geo_event *e = &ev->v[ss->members[s->first + k].event];
					if (!(e->flags & GEO_EV_HAS_POINT))
						continue;
					rc = geo_buf_addf(b, "%s[%.7f,%.7f]", w++ ? "," : "", e->lon, e->lat);
				}
				if (rc == GEO_OK)
					rc = geo_buf_adds(b, located == 1 ? "}" : "]}");
			}
			if (rc == GEO_OK)
				rc = geo_buf_adds(b, ",\"properties\":");
			if (rc == GEO_OK)
				rc = fmt_json_seq(ev, ss, s, b, 1);
			if (rc == GEO_OK)
				rc = geo_buf_addc(b, '}');
		}
		if (rc == GEO_OK)
			rc = geo_buf_adds(b, "]}\n");
	}
	geo_buf_free(&wkt);
	if (rc != GEO_OK)
		return GEO_ERROR(ctx, rc, "formatting sequences: %s", geo_status_name(rc));
	return GEO_OK;
}
