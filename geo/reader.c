/* reader.c — incidents from CSV and GeoJSON, validated; see reader.h.
 *
 * Both formats are turned into the same "row": a list of (column as
 * written, trimmed cell or NULL) pairs with each column mapped to a known
 * field or to attrs. One function validates a row and fills an incident, so
 * the two formats follow exactly the same rules. Records are collected in a
 * private list and handed to the caller only when the whole file is valid. */
#include "geo/reader.h"
#include "geo/buf.h"
#include "geo/csv.h"
#include "geo/units.h"

#include <ctype.h>
#include <errno.h>
#include <json-c/json.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

enum field {
	F_ATTR = -1,
	F_ID,
	F_DATE,
	F_TIME,
	F_DATE_PRECISION,
	F_PLACE,
	F_GOVERNORATE,
	F_FACILITY_NAME,
	F_FACILITY_TYPE,
	F_PERPETRATOR,
	F_WEAPON,
	F_KILLED,
	F_INJURED,
	F_DAMAGE,
	F_CONTROL,
	F_SOURCE,
	F_NOTES,
	F_LON,
	F_LAT,
	F_GEO_PRECISION,
	F_PRECISION_WORD,
	F_COUNT
};

/* Column names (normalised: lower case, spaces and hyphens as '_'). */
static const struct {
	const char *name;
	enum field f;
} COLUMNS[] = {
	{"id", F_ID},
	{"date", F_DATE},
	{"time", F_TIME},
	{"date_precision", F_DATE_PRECISION},
	{"place", F_PLACE},
	{"place_text", F_PLACE},
	{"governorate", F_GOVERNORATE},
	{"governorate_text", F_GOVERNORATE},
	{"facility_name", F_FACILITY_NAME},
	{"facility", F_FACILITY_NAME},
	{"facility_type", F_FACILITY_TYPE},
	{"perpetrator", F_PERPETRATOR},
	{"weapon", F_WEAPON},
	{"killed", F_KILLED},
	{"injured", F_INJURED},
	{"damage", F_DAMAGE},
	{"control", F_CONTROL},
	{"source", F_SOURCE},
	{"notes", F_NOTES},
	{"lon", F_LON},
	{"longitude", F_LON},
	{"lat", F_LAT},
	{"latitude", F_LAT},
	/* how precise a given point is (a strikemap export, an ACLED-style file) */
	{"geo_precision", F_GEO_PRECISION},
	{"precision_word", F_PRECISION_WORD},
};

/* Precision words and their ACLED codes (DESIGN.md, Geo-precision). */
static const struct {
	const char *word;
	int code;
} PRECISION_WORDS[] = {
	{"point", 1}, {"neighbourhood", 1}, {"community", 1}, {"subdistrict", 2},
	{"district", 2}, {"governorate", 3}, {"region", 3},
};


static const char *const DATE_PRECISIONS[] = {"day", "month", "approximate", NULL};

/* Spellings of facility types (normalised as column names are). */
static const struct {
	const char *spelling;
	const char *word;
} FACILITY_SPELLINGS[] = {
	{"hospital", "hospital"},
	{"hospitals", "hospital"},
	{"field_hospital", "hospital"},
	{"makeshift_hospital", "hospital"},
	{"medical_point", "medical_point"},
	{"medical_points", "medical_point"},
	{"medical_center", "medical_point"},
	{"medical_centre", "medical_point"},
	{"health_center", "medical_point"},
	{"health_centre", "medical_point"},
	{"clinic", "medical_point"},
	{"clinics", "medical_point"},
	{"dispensary", "medical_point"},
	{"dispensaries", "medical_point"},
	{"ambulance", "ambulance"},
	{"ambulances", "ambulance"},
	{"civil_defense", "civil_defense"},
	{"civil_defence", "civil_defense"},
	{"civil_defense_center", "civil_defense"},
	{"civil_defense_centre", "civil_defense"},
	{"civil_defence_center", "civil_defense"},
	{"civil_defence_centre", "civil_defense"},
	{"civil_defense_facility", "civil_defense"},
	{"civil_defence_facility", "civil_defense"},
	{"white_helmets", "civil_defense"},
	{"red_crescent", "red_crescent"},
	{"red_crescent_facility", "red_crescent"},
	{"kurdish_red_crescent", "red_crescent"},
	{"sarc", "red_crescent"},
	{"other", "other"},
};

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

/* Normalise a name: lower case ASCII, runs of spaces, hyphens and
 * underscores become one '_', no leading/trailing '_'. */
static void norm_name(const char *s, char *out, size_t cap)
{
	size_t n = 0;
	int sep = 0;
	for (; *s && n + 1 < cap; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == ' ' || ch == '\t' || ch == '-' || ch == '_') {
			sep = n > 0;
			continue;
		}
		if (sep && n + 2 < cap)
			out[n++] = '_';
		sep = 0;
		out[n++] = (char)tolower(ch);
	}
	out[n] = '\0';
}

static enum field column_field(const char *name)
{
	char k[64];
	if (strlen(name) >= sizeof k)
		return F_ATTR;
	norm_name(name, k, sizeof k);
	for (size_t i = 0; i < N_ELEMS(COLUMNS); i++)
		if (strcmp(k, COLUMNS[i].name) == 0)
			return COLUMNS[i].f;
	return F_ATTR;
}

int geo_facility_type_normalise(const char *text, const char **word)
{
	char k[64];
	if (!text || strlen(text) >= sizeof k)
		return 0;
	norm_name(text, k, sizeof k);
	for (size_t i = 0; i < N_ELEMS(FACILITY_SPELLINGS); i++)
		if (strcmp(k, FACILITY_SPELLINGS[i].spelling) == 0) {
			*word = FACILITY_SPELLINGS[i].word;
			return 1;
		}
	return 0;
}

/* 1 when s is valid UTF-8 (no overlongs, no surrogates, <= U+10FFFF). */
static int utf8_valid(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		unsigned c = *p;
		int n;
		unsigned cp;
		if (c < 0x80) {
			p++;
			continue;
		} else if (c >= 0xC2 && c <= 0xDF) {
			n = 1;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			n = 2;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 3;
			cp = c & 0x07;
		} else {
			return 0;
		}
		for (int i = 1; i <= n; i++) {
			if ((p[i] & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (p[i] & 0x3F);
		}
		if ((n == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
		    (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
			return 0;
		p += n + 1;
	}
	return 1;
}

/* Above this many killed (or injured) in one incident a row is kept but
 * warned about: more than any single attack on a facility the reports
 * describe, so most likely a typing slip. */
#define GEO_COUNT_PLAUSIBLE_MAX 1000

/* ---- rows ---------------------------------------------------------- */

/* One input row: columns as written and trimmed cells (NULL when empty).
 * Cells live in `text`, NUL-separated; pointers are fixed up after. */
struct row {
	const char *where;   /* "file:17" or "file: feature 3" */
	size_t n, cap;
	const char **keys;   /* borrowed from the header / JSON object */
	enum field *fields;
	size_t *off;         /* offset of each cell in text, or SIZE_MAX for NULL */
	geo_buf text;
	int has_geometry;    /* GeoJSON: a Point geometry was given */
	int json;            /* the row is a GeoJSON feature: cells are properties */
	double g_lon, g_lat;
	const struct geo_read_options *opt; /* borrowed; NULL for none */
};

static void row_init(struct row *r)
{
	memset(r, 0, sizeof *r);
	geo_buf_init(&r->text, (size_t)64 << 20);
}

static void row_reset(struct row *r)
{
	r->n = 0;
	r->has_geometry = 0;
	geo_buf_reset(&r->text);
}

static void row_free(struct row *r)
{
	free(r->keys);
	free(r->fields);
	free(r->off);
	geo_buf_free(&r->text);
}

/* Append a cell, trimmed of spaces and tabs; an empty result is NULL. */
static enum geo_status row_add(struct row *r, const char *key, enum field f, const char *val)
{
	size_t len;
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 32;
		const char **k = geo_realloc(r->keys, cap * sizeof *k);
		if (!k)
			return GEO_ERR_NOMEM;
		r->keys = k;
		enum field *fl = geo_realloc(r->fields, cap * sizeof *fl);
		if (!fl)
			return GEO_ERR_NOMEM;
		r->fields = fl;
		size_t *o = geo_realloc(r->off, cap * sizeof *o);
		if (!o)
			return GEO_ERR_NOMEM;
		r->off = o;
		r->cap = cap;
	}
	r->keys[r->n] = key;
	r->fields[r->n] = f;
	r->off[r->n] = SIZE_MAX;
	if (val) {
		while (*val == ' ' || *val == '\t')
			val++;
		len = strlen(val);
		while (len && (val[len - 1] == ' ' || val[len - 1] == '\t'))
			len--;
		if (len) {
			enum geo_status st;
			r->off[r->n] = r->text.len;
			if ((st = geo_buf_add(&r->text, val, len)) != GEO_OK ||
			    (st = geo_buf_addc(&r->text, '\0')) != GEO_OK)
				return st;
		}
	}
	r->n++;
	return GEO_OK;
}

static const char *row_cell(const struct row *r, size_t i)
{
	return r->off[i] == SIZE_MAX ? NULL : r->text.data + r->off[i];
}

/* The cell of a known field, or NULL; *col gets the column name. */
static const char *row_get(const struct row *r, enum field f, const char **col)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->fields[i] == f) {
			if (col)
				*col = r->keys[i];
			return row_cell(r, i);
		}
	if (col)
		*col = NULL;
	return NULL;
}

/* ---- ids ----------------------------------------------------------- */

static uint64_t fnv1a(uint64_t h, const char *s)
{
	for (; s && *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return h;
}

static uint64_t fnv1a_sep(uint64_t h)
{
	h ^= 0x1F;
	return h * 0x100000001b3ULL;
}

static uint64_t row_hash(const struct row *r)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	h = fnv1a_sep(fnv1a(h, row_get(r, F_DATE, NULL)));
	h = fnv1a_sep(fnv1a(h, row_get(r, F_PLACE, NULL)));
	h = fnv1a_sep(fnv1a(h, row_get(r, F_FACILITY_NAME, NULL)));
	for (size_t i = 0; i < r->n; i++)
		h = fnv1a_sep(fnv1a(h, row_cell(r, i)));
	if (r->has_geometry) {
		char pt[64];
		snprintf(pt, sizeof pt, "%.9g,%.9g", r->g_lon, r->g_lat);
		h = fnv1a_sep(fnv1a(h, pt));
	}
	return h;
}

/* Open-addressing set of ids seen in one file: id (borrowed from the
 * incident) -> where it was first seen. */
struct idset {
	struct idslot {
		const char *id;
		long line;
	} *slot;
	size_t n, cap;
};

static void idset_free(struct idset *s) { free(s->slot); }

/* Insert; when the id is there already, returns its line through *prev. */
static enum geo_status idset_add(struct idset *s, const char *id, long line, long *prev)
{
	*prev = 0;
	if (2 * (s->n + 1) > s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		struct idslot *ns = geo_calloc(cap, sizeof *ns);
		if (!ns)
			return GEO_ERR_NOMEM;
		for (size_t i = 0; i < s->cap; i++)
			if (s->slot[i].id) {
				size_t j = fnv1a(0xcbf29ce484222325ULL, s->slot[i].id) & (cap - 1);
				while (ns[j].id)
					j = (j + 1) & (cap - 1);
				ns[j] = s->slot[i];
			}
		free(s->slot);
		s->slot = ns;
		s->cap = cap;
	}
	size_t j = fnv1a(0xcbf29ce484222325ULL, id) & (s->cap - 1);
	while (s->slot[j].id) {
		if (strcmp(s->slot[j].id, id) == 0) {
			*prev = s->slot[j].line;
			return GEO_OK;
		}
		j = (j + 1) & (s->cap - 1);
	}
	s->slot[j].id = id;
	s->slot[j].line = line;
	s->n++;
	return GEO_OK;
}

/* ---- validation ---------------------------------------------------- */

static enum geo_status nomem(geo_ctx *ctx, const char *where)
{
	return GEO_ERROR(ctx, GEO_ERR_NOMEM, "%s: out of memory", where);
}

static enum geo_status parse_count(geo_ctx *ctx, const char *where, const char *col,
                                   const char *v, int *out)
{
	long n = 0;
	const char *p = v;
	if (!v) {
		*out = -1;
		return GEO_OK;
	}
	if (!*p)
		goto bad;
	for (; *p; p++) {
		if (!isdigit((unsigned char)*p))
			goto bad;
		n = n * 10 + (*p - '0');
		if (n > INT_MAX)
			return GEO_ERROR(ctx, GEO_ERR_INVALID, "%s: column \"%s\": \"%s\" is too large", where,
			                 col, v);
	}
	*out = (int)n;
	return GEO_OK;
bad:
	return GEO_ERROR(ctx, GEO_ERR_PARSE,
	                 "%s: column \"%s\": \"%s\" is not a non-negative whole number", where, col, v);
}

static enum geo_status parse_coord(geo_ctx *ctx, const char *where, const char *col,
                                   const char *v, double lim, double *out)
{
	char *end;
	double d;
	errno = 0;
	d = strtod(v, &end);
	if (end == v || *end || errno == ERANGE || !isfinite(d) || strpbrk(v, "xX"))
		return GEO_ERROR(ctx, GEO_ERR_PARSE, "%s: column \"%s\": \"%s\" is not a number", where,
		                 col, v);
	if (d < -lim || d > lim)
		return GEO_ERROR(ctx, GEO_ERR_INVALID,
		                 "%s: column \"%s\": \"%s\" is out of range (-%g to %g degrees)", where,
		                 col, v, lim, lim);
	*out = d;
	return GEO_OK;
}

static enum geo_status set_field(geo_ctx *ctx, const char *where, char **field, const char *v)
{
	if (geo_incident_set(field, v) != GEO_OK)
		return nomem(ctx, where);
	return GEO_OK;
}

/* The precision of an input point: what the geo_precision and
 * precision_word columns say, checked against each other; "point" (1) when
 * the input says nothing. A code without a word gets the coarsest word of
 * that code (1 -> community), so a town-centre point is never taken for an
 * exact one. */
static enum geo_status point_precision(geo_ctx *ctx, const char *where, const struct row *r,
                                       struct geo_incident *inc)
{
	const char *code_col = NULL, *word_col = NULL;
	const char *code_s = row_get(r, F_GEO_PRECISION, &code_col);
	const char *word_s = row_get(r, F_PRECISION_WORD, &word_col);
	const char *word = "point";
	int code = 1;
	if (code_s) {
		if (strlen(code_s) != 1 || code_s[0] < '1' || code_s[0] > '3')
			return GEO_ERROR(ctx, GEO_ERR_INVALID,
			                 "%s: column \"%s\": \"%s\" is not a geo-precision code (1, 2 or 3)",
			                 where, code_col, code_s);
		code = code_s[0] - '0';
		word = code == 1 ? "community" : code == 2 ? "district" : "governorate";
	}
	if (word_s) {
		size_t k = 0;
		while (k < N_ELEMS(PRECISION_WORDS) && strcmp(word_s, PRECISION_WORDS[k].word) != 0)
			k++;
		if (k == N_ELEMS(PRECISION_WORDS))
			return GEO_ERROR(ctx, GEO_ERR_INVALID,
			                 "%s: column \"%s\": \"%s\" is not a precision word (point, "
			                 "neighbourhood, community, subdistrict, district, governorate, region)",
			                 where, word_col, word_s);
		/* a code coarser than the word is fine ("near a community" is 2,
		 * ACLED's "near a town"); a code finer than the word is not */
		if (code_s && code < PRECISION_WORDS[k].code)
			return GEO_ERROR(ctx, GEO_ERR_INVALID,
			                 "%s: columns \"%s\" and \"%s\": precision %d is finer than \"%s\"",
			                 where, code_col, word_col, code, word_s);
		word = PRECISION_WORDS[k].word;
		if (!code_s)
			code = PRECISION_WORDS[k].code;
	}
	inc->geo_precision = code;
	return set_field(ctx, where, &inc->precision_word, word);
}

/* Validate `r` and fill `inc` (initialised, owned by the caller). */
static enum geo_status fill_incident(geo_ctx *ctx, const char *file, long line,
                                     const struct row *r, struct geo_incident *inc)
{
	const char *where = r->where, *col, *v;
	enum geo_status st;
	int32_t days, secs;
	const char *lon_s, *lat_s, *lon_col, *lat_col, *date_col, *time_col;
	const char *killed_col, *injured_col;

	/* text first: every cell must be UTF-8 */
	for (size_t i = 0; i < r->n; i++) {
		const char *c = row_cell(r, i);
		if (c && !utf8_valid(c))
			return GEO_ERROR(ctx, GEO_ERR_PARSE, "%s: column \"%s\": not valid UTF-8 text", where,
			                 r->keys[i]);
	}

	v = row_get(r, F_DATE, &col);
	if (!v)
		return GEO_ERROR(ctx, GEO_ERR_INVALID, "%s: column \"%s\": the date is missing", where,
		                 col ? col : "date");
	if (geo_parse_date(v, &days) != GEO_OK)
		return GEO_ERROR(ctx, GEO_ERR_PARSE, "%s: column \"%s\": \"%s\" is not a date", where, col,
		                 v);
	if ((st = set_field(ctx, where, &inc->date, v)) != GEO_OK)
		return st;
	date_col = col;

	v = row_get(r, F_TIME, &col);
	time_col = col;
	if (v && geo_parse_time(v, &secs) != GEO_OK)
		return GEO_ERROR(ctx, GEO_ERR_PARSE, "%s: column \"%s\": \"%s\" is not a time (HH:MM)",
		                 where, col, v);
	if ((st = set_field(ctx, where, &inc->time, v)) != GEO_OK)
		return st;

	v = row_get(r, F_DATE_PRECISION, &col);
	if (v) {
		char k[32] = "";
		int ok = 0;
		if (strlen(v) < sizeof k)
			norm_name(v, k, sizeof k);
		for (int i = 0; DATE_PRECISIONS[i]; i++)
			if (strcmp(k, DATE_PRECISIONS[i]) == 0) {
				v = DATE_PRECISIONS[i];
				ok = 1;
			}
		if (!ok)
			return GEO_ERROR(ctx, GEO_ERR_INVALID,
			                 "%s: column \"%s\": \"%s\" is not one of day, month, approximate",
			                 where, col, v);
	}
	if ((st = set_field(ctx, where, &inc->date_precision, v ? v : "day")) != GEO_OK)
		return st;

	v = row_get(r, F_FACILITY_TYPE, &col);
	if (v) {
		const char *word;
		if (!geo_facility_type_normalise(v, &word))
			return GEO_ERROR(ctx, GEO_ERR_INVALID,
			                 "%s: column \"%s\": \"%s\" is not a facility type (hospital, "
			                 "medical_point, ambulance, civil_defense, red_crescent, other)",
			                 where, col, v);
		v = word;
	}
	if ((st = set_field(ctx, where, &inc->facility_type, v ? v : "other")) != GEO_OK)
		return st;

	v = row_get(r, F_KILLED, &killed_col);
	if ((st = parse_count(ctx, where, killed_col, v, &inc->killed)) != GEO_OK)
		return st;
	v = row_get(r, F_INJURED, &injured_col);
	if ((st = parse_count(ctx, where, injured_col, v, &inc->injured)) != GEO_OK)
		return st;

	/* plain text fields */
	{
		static const enum field tf[] = {F_PLACE, F_GOVERNORATE, F_FACILITY_NAME, F_PERPETRATOR,
		                                F_WEAPON, F_DAMAGE, F_CONTROL, F_SOURCE, F_NOTES};
		char **dst[] = {&inc->place_text, &inc->governorate, &inc->facility_name,
		                &inc->perpetrator, &inc->weapon, &inc->damage, &inc->control,
		                &inc->source, &inc->notes};
		for (size_t i = 0; i < N_ELEMS(tf); i++)
			if ((st = set_field(ctx, where, dst[i], row_get(r, tf[i], NULL))) != GEO_OK)
				return st;
	}

	/* location: lon/lat columns, or a GeoJSON Point */
	lon_s = row_get(r, F_LON, &lon_col);
	lat_s = row_get(r, F_LAT, &lat_col);
	if (!lon_s != !lat_s)
		return GEO_ERROR(ctx, GEO_ERR_INVALID,
		                 "%s: columns \"%s\" and \"%s\": give both longitude and latitude, or "
		                 "neither",
		                 where, lon_col ? lon_col : "lon", lat_col ? lat_col : "lat");
	if (lon_s) {
		double lo, la;
		if ((st = parse_coord(ctx, where, lon_col, lon_s, 180, &lo)) != GEO_OK ||
		    (st = parse_coord(ctx, where, lat_col, lat_s, 90, &la)) != GEO_OK)
			return st;
		if (r->has_geometry && (fabs(lo - r->g_lon) > 1e-7 || fabs(la - r->g_lat) > 1e-7))
			return GEO_ERROR(ctx, GEO_ERR_INVALID,
			                 "%s: the Point geometry (%.7g, %.7g) and the %s/%s properties "
			                 "(%s, %s) disagree",
			                 where, r->g_lon, r->g_lat, lon_col, lat_col, lon_s, lat_s);
		inc->has_point = 1;
		inc->lon = lo;
		inc->lat = la;
	} else if (r->has_geometry) {
		if (r->g_lon < -180 || r->g_lon > 180 || r->g_lat < -90 || r->g_lat > 90)
			return GEO_ERROR(ctx, GEO_ERR_INVALID,
			                 "%s: geometry: (%g, %g) is out of range (longitude first, degrees)",
			                 where, r->g_lon, r->g_lat);
		inc->has_point = 1;
		inc->lon = r->g_lon;
		inc->lat = r->g_lat;
	}

	/* unknown columns, as written (precision columns of a row without a
	 * point too: they describe no location here, but are not lost) */
	for (size_t i = 0; i < r->n; i++)
		if ((r->fields[i] == F_ATTR ||
		     (!inc->has_point && (r->fields[i] == F_GEO_PRECISION ||
		                          r->fields[i] == F_PRECISION_WORD))) &&
		    geo_incident_add_attr(inc, r->keys[i], row_cell(r, i)) != GEO_OK)
			return nomem(ctx, where);

	/* id: given, or derived from the row's content */
	v = row_get(r, F_ID, &col);
	if (v) {
		for (const char *p = v; *p; p++)
			if ((unsigned char)*p < 0x20)
				return GEO_ERROR(ctx, GEO_ERR_INVALID,
				                 "%s: column \"%s\": the id contains a control character", where,
				                 col);
		if (strlen(v) > 200)
			return GEO_ERROR(ctx, GEO_ERR_INVALID,
			                 "%s: column \"%s\": the id is longer than 200 bytes", where, col);
		if ((st = set_field(ctx, where, &inc->id, v)) != GEO_OK)
			return st;
	} else {
		char id[32];
		snprintf(id, sizeof id, "auto-%016llx", (unsigned long long)row_hash(r));
		if ((st = set_field(ctx, where, &inc->id, id)) != GEO_OK)
			return st;
	}

	if (inc->has_point) {
		if ((st = set_field(ctx, where, &inc->geocode_status, GEO_GC_INPUT)) != GEO_OK ||
		    (st = point_precision(ctx, where, r, inc)) != GEO_OK)
			return st;
		inc->geocode_score = 1.0;
		if (r->opt && r->opt->check_point) {
			char field[300];
			if (lon_s)
				snprintf(field, sizeof field, "%s \"%s\"/\"%s\"",
				         r->json ? "properties" : "columns", lon_col, lat_col);
			else
				snprintf(field, sizeof field, "geometry");
			if ((st = r->opt->check_point(r->opt->user, ctx, where, field, inc)) != GEO_OK) {
				if (geo_ctx_error_code(ctx) == GEO_OK)
					GEO_ERROR(ctx, st, "%s: checking the point failed", where);
				return st;
			}
		} else if (inc->lon < GEO_SYRIA_MIN_LON || inc->lon > GEO_SYRIA_MAX_LON ||
		           inc->lat < GEO_SYRIA_MIN_LAT || inc->lat > GEO_SYRIA_MAX_LAT) {
			geo_ctx_warn(ctx, "%s: incident %s: the point (%.6f, %.6f) is outside Syria", where,
			             inc->id, inc->lon, inc->lat);
		}
	}
	if ((int64_t)days * 86400 > (int64_t)time(NULL))
		geo_ctx_warn(ctx, "%s: incident %s: column \"%s\": %s is in the future", where, inc->id,
		             date_col, inc->date);
	if (inc->killed > GEO_COUNT_PLAUSIBLE_MAX)
		geo_ctx_warn(ctx, "%s: incident %s: column \"%s\": %d is more than %d people in one "
		             "incident; check the number", where, inc->id, killed_col, inc->killed,
		             GEO_COUNT_PLAUSIBLE_MAX);
	if (inc->injured > GEO_COUNT_PLAUSIBLE_MAX)
		geo_ctx_warn(ctx, "%s: incident %s: column \"%s\": %d is more than %d people in one "
		             "incident; check the number", where, inc->id, injured_col, inc->injured,
		             GEO_COUNT_PLAUSIBLE_MAX);
	if (inc->time && strcmp(inc->date_precision, "day") != 0)
		geo_ctx_warn(ctx, "%s: incident %s: column \"%s\": %s is given, but the date precision "
		             "is %s", where, inc->id, time_col, inc->time, inc->date_precision);
	if ((st = set_field(ctx, where, &inc->source_file, file)) != GEO_OK)
		return st;
	inc->source_line = line;
	return GEO_OK;
}

/* Add a validated row to `tmp`, checking its id is new in this file. */
static enum geo_status take_row(geo_ctx *ctx, const char *file, long line, const struct row *r,
                                struct geo_incident_list *tmp, struct idset *ids, int by_line)
{
	enum geo_status st;
	long prev;
	struct geo_incident *inc = geo_incident_list_push(tmp);
	if (!inc)
		return nomem(ctx, r->where);
	if ((st = fill_incident(ctx, file, line, r, inc)) != GEO_OK)
		return st;
	if (idset_add(ids, inc->id, line, &prev) != GEO_OK)
		return nomem(ctx, r->where);
	if (prev) {
		const char *unit = by_line ? "line" : "feature";
		if (strncmp(inc->id, "auto-", 5) == 0 && !row_get(r, F_ID, NULL))
			return GEO_ERROR(ctx, GEO_ERR_INVALID,
			                 "%s: this row repeats %s %ld exactly (same date, place and cells); "
			                 "give the rows ids if they are different incidents",
			                 r->where, unit, prev);
		return GEO_ERROR(ctx, GEO_ERR_INVALID, "%s: column \"id\": \"%s\" is repeated (first on %s %ld)",
		                 r->where, inc->id, unit, prev);
	}
	return GEO_OK;
}

/* Move every record of `tmp` to the end of `out`; `tmp` is left empty. */
static enum geo_status move_all(geo_ctx *ctx, const char *name, struct geo_incident_list *tmp,
                                struct geo_incident_list *out)
{
	if (out->n + tmp->n > out->cap) {
		size_t cap = out->cap ? out->cap : 32;
		while (cap < out->n + tmp->n)
			cap *= 2;
		struct geo_incident *v = geo_realloc(out->v, cap * sizeof *v);
		if (!v)
			return nomem(ctx, name);
		out->v = v;
		out->cap = cap;
	}
	if (tmp->n)
		memcpy(out->v + out->n, tmp->v, tmp->n * sizeof *tmp->v);
	out->n += tmp->n;
	free(tmp->v);
	tmp->v = NULL;
	tmp->n = tmp->cap = 0;
	return GEO_OK;
}

/* ---- CSV ----------------------------------------------------------- */

static enum geo_status read_csv(geo_ctx *ctx, geo_csv *c, const struct geo_read_options *opt,
                                struct geo_incident_list *tmp)
{
	enum geo_status st = GEO_OK;
	const char *name = geo_csv_name(c);
	char **header = NULL;
	enum field *hf = NULL;
	size_t nh = 0;
	int got, have_date = 0;
	struct row r;
	struct idset ids = {0};
	char where[600];

	row_init(&r);
	r.where = where;
	r.opt = opt;
	if ((st = geo_csv_next(c, &got)) != GEO_OK)
		goto out;
	if (!got) {
		st = GEO_ERROR(ctx, GEO_ERR_PARSE, "%s: the file is empty (a header line is needed)", name);
		goto out;
	}
	nh = geo_csv_nfields(c);
	header = geo_calloc(nh, sizeof *header);
	hf = geo_calloc(nh, sizeof *hf);
	if (!header || !hf) {
		st = nomem(ctx, name);
		goto out;
	}
	for (size_t i = 0; i < nh; i++) {
		const char *h = geo_csv_field(c, i);
		while (*h == ' ' || *h == '\t')
			h++;
		header[i] = geo_strdup(h);
		if (!header[i]) {
			st = nomem(ctx, name);
			goto out;
		}
		for (size_t k = strlen(header[i]); k && (header[i][k - 1] == ' ' || header[i][k - 1] == '\t');)
			header[i][--k] = '\0';
		if (!*header[i]) {
			st = GEO_ERROR(ctx, GEO_ERR_PARSE, "%s:%ld: column %zu of the header has no name", name,
			               geo_csv_line(c), i + 1);
			goto out;
		}
		if (!utf8_valid(header[i])) {
			st = GEO_ERROR(ctx, GEO_ERR_PARSE, "%s:%ld: column %zu of the header is not UTF-8",
			               name, geo_csv_line(c), i + 1);
			goto out;
		}
		hf[i] = column_field(header[i]);
		for (size_t j = 0; j < i; j++)
			if ((hf[i] != F_ATTR && hf[j] == hf[i]) || strcmp(header[i], header[j]) == 0) {
				st = GEO_ERROR(ctx, GEO_ERR_INVALID,
				               "%s:%ld: columns \"%s\" and \"%s\" give the same field", name,
				               geo_csv_line(c), header[j], header[i]);
				goto out;
			}
		have_date |= hf[i] == F_DATE;
	}
	if (!have_date) {
		st = GEO_ERROR(ctx, GEO_ERR_INVALID, "%s:%ld: no \"date\" column in the header", name,
		               geo_csv_line(c));
		goto out;
	}
	for (;;) {
		if ((st = geo_csv_next(c, &got)) != GEO_OK || !got)
			break;
		long line = geo_csv_line(c);
		snprintf(where, sizeof where, "%s:%ld", name, line);
		if (geo_csv_nfields(c) != nh) {
			st = GEO_ERROR(ctx, GEO_ERR_PARSE,
			               "%s: %zu fields, but the header has %zu (quote values that contain "
			               "commas)",
			               where, geo_csv_nfields(c), nh);
			break;
		}
		row_reset(&r);
		for (size_t i = 0; i < nh; i++)
			if (row_add(&r, header[i], hf[i], geo_csv_field(c, i)) != GEO_OK) {
				st = nomem(ctx, where);
				goto out;
			}
		if ((st = take_row(ctx, name, line, &r, tmp, &ids, 1)) != GEO_OK)
			break;
	}
out:
	idset_free(&ids);
	row_free(&r);
	for (size_t i = 0; header && i < nh; i++)
		free(header[i]);
	free(header);
	free(hf);
	return st;
}

/* ---- GeoJSON ------------------------------------------------------- */

/* The line of byte offset `off` in text. */
static long line_of(const char *text, size_t off)
{
	long line = 1;
	for (size_t i = 0; i < off && text[i]; i++)
		if (text[i] == '\n')
			line++;
	return line;
}

/* A property value as text into `tmp` (reset first); NULL for JSON null. */
static const char *json_cell(struct json_object *v)
{
	if (!v || json_object_is_type(v, json_type_null))
		return NULL;
	if (json_object_is_type(v, json_type_object) || json_object_is_type(v, json_type_array))
		return json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN);
	return json_object_get_string(v);
}

static enum geo_status get_number(struct json_object *v, double *out)
{
	if (!v || !(json_object_is_type(v, json_type_double) || json_object_is_type(v, json_type_int)))
		return GEO_ERR_PARSE;
	*out = json_object_get_double(v);
	return isfinite(*out) ? GEO_OK : GEO_ERR_PARSE;
}

static enum geo_status read_feature(geo_ctx *ctx, struct json_object *feat, struct row *r)
{
	struct json_object *type, *geom, *props, *fid;
	const char *where = r->where;
	if (!json_object_is_type(feat, json_type_object) ||
	    !json_object_object_get_ex(feat, "type", &type) ||
	    strcmp(json_object_get_string(type), "Feature") != 0)
		return GEO_ERROR(ctx, GEO_ERR_PARSE, "%s: not a GeoJSON Feature", where);
	if (json_object_object_get_ex(feat, "geometry", &geom) && geom &&
	    !json_object_is_type(geom, json_type_null)) {
		struct json_object *gt, *coords;
		const char *gts;
		if (!json_object_is_type(geom, json_type_object) ||
		    !json_object_object_get_ex(geom, "type", &gt))
			return GEO_ERROR(ctx, GEO_ERR_PARSE, "%s: geometry: no \"type\"", where);
		gts = json_object_get_string(gt);
		if (strcmp(gts, "Point") != 0)
			return GEO_ERROR(ctx, GEO_ERR_INVALID,
			                 "%s: geometry: type \"%s\" is not supported (Point or null)", where,
			                 gts);
		if (!json_object_object_get_ex(geom, "coordinates", &coords) ||
		    !json_object_is_type(coords, json_type_array) ||
		    json_object_array_length(coords) < 2 ||
		    get_number(json_object_array_get_idx(coords, 0), &r->g_lon) != GEO_OK ||
		    get_number(json_object_array_get_idx(coords, 1), &r->g_lat) != GEO_OK)
			return GEO_ERROR(ctx, GEO_ERR_PARSE,
			                 "%s: geometry: coordinates must be [longitude, latitude] numbers",
			                 where);
		r->has_geometry = 1;
	}
	if (json_object_object_get_ex(feat, "properties", &props) && props &&
	    !json_object_is_type(props, json_type_null)) {
		if (!json_object_is_type(props, json_type_object))
			return GEO_ERROR(ctx, GEO_ERR_PARSE, "%s: \"properties\" is not an object", where);
		json_object_object_foreach(props, key, val) {
			enum field f = column_field(key);
			if (f != F_ATTR && (json_object_is_type(val, json_type_object) ||
			                    json_object_is_type(val, json_type_array)))
				return GEO_ERROR(ctx, GEO_ERR_PARSE,
				                 "%s: column \"%s\": an object or array where a value is needed",
				                 where, key);
			for (size_t j = 0; f != F_ATTR && j < r->n; j++) /* attributes: no scan */
				if (r->fields[j] == f)
					return GEO_ERROR(ctx, GEO_ERR_INVALID,
					                 "%s: properties \"%s\" and \"%s\" give the same field", where,
					                 r->keys[j], key);
			if (row_add(r, key, f, json_cell(val)) != GEO_OK)
				return nomem(ctx, where);
		}
	}
	/* a Feature-level "id" stands in for a missing id property */
	if (!row_get(r, F_ID, NULL) && json_object_object_get_ex(feat, "id", &fid) && fid &&
	    !json_object_is_type(fid, json_type_null)) {
		for (size_t j = 0; j < r->n; j++)
			if (r->fields[j] == F_ID)
				r->fields[j] = F_ATTR; /* an empty id property: keep it as written */
		if (row_add(r, "id", F_ID, json_object_get_string(fid)) != GEO_OK)
			return nomem(ctx, where);
	}
	return GEO_OK;
}

/* ---- duplicate keys ----------------------------------------------- */

/* json-c keeps only the last value of a key repeated in one object
 * ({"date":"2018-01-02","date":"2018-01-20"} reads as the 20th), so a file
 * with a repeated key would silently change a record. The raw text is
 * scanned once more, after json-c accepted it, for keys repeated within
 * one object. Keys are compared as json-c sees them: unescaped (\uXXXX and
 * surrogate pairs to UTF-8, a lone surrogate to U+FFFD) and cut at the
 * first NUL; what json-c's lenient mode allows besides JSON (comments,
 * single-quoted strings, trailing commas) is followed too. The keys of each
 * open object are kept until it closes, then sorted: linear in the text
 * plus n log n per object. */

struct dup_key {
	size_t off;    /* of the unescaped key (NUL-terminated) in dup_scan.keys */
	uint64_t hash; /* FNV-1a of the key */
	size_t pos;    /* byte offset of the key in the text */
};

struct dup_level {
	char type;        /* '{' or '[' */
	int expect_key;   /* object: the next string is a key */
	size_t first;     /* object: its first entry in dup_scan.v */
	size_t keys_len;  /* dup_scan.keys length when it opened */
	size_t last_key;  /* object: entry of the latest key, or SIZE_MAX */
	long commas;      /* array: the index of the current element */
};

struct dup_scan {
	geo_buf keys;
	struct dup_key *v;
	size_t n, cap;
	struct dup_level *lv;
	size_t depth, lcap;
	/* the first duplicate found */
	int found;
	char key[128];    /* the key as shown (cut to fit) */
	size_t pos1, pos2;
	long feature;     /* 1-based, 0 when not inside a feature */
	int in_properties;
};

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Four hex digits at text[i..i+3] (all before len), or -1. */
static long hex4(const char *text, size_t len, size_t i)
{
	long v = 0;
	if (i + 4 > len)
		return -1;
	for (size_t k = 0; k < 4; k++) {
		int h = hexval((unsigned char)text[i + k]);
		if (h < 0)
			return -1;
		v = v * 16 + h;
	}
	return v;
}

static enum geo_status add_utf8(geo_buf *b, unsigned long cp)
{
	char u[4];
	size_t n;
	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		u[0] = (char)(0xF0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	return geo_buf_add(b, u, n);
}

/* The string whose opening quote is at text[*i]: skipped (*i moves past the
 * closing quote); when `key` is set it is unescaped onto s->keys, cut at
 * the first NUL, and NUL-terminated. */
static enum geo_status dup_string(struct dup_scan *s, const char *text, size_t len, size_t *i,
                                  int key)
{
	char q = text[*i];
	size_t p = *i + 1;
	int cut = 0; /* a NUL was written: json-c's key ends there */
	enum geo_status st = GEO_OK;
	while (p < len && text[p] != q && st == GEO_OK) {
		if (text[p] != '\\') {
			if (key && !cut)
				st = geo_buf_addc(&s->keys, text[p]);
			p++;
			continue;
		}
		p++;
		if (p >= len)
			break;
		char c = text[p++];
		if (c != 'u') {
			static const char from[] = "bfnrt", to[] = "\b\f\n\r\t";
			const char *f = strchr(from, c);
			if (key && !cut)
				st = geo_buf_addc(&s->keys, f && c ? to[f - from] : c);
			continue;
		}
		long cp = hex4(text, len, p);
		if (cp < 0)
			continue; /* json-c refused such text already */
		p += 4;
		if (cp >= 0xD800 && cp <= 0xDBFF) {
			long lo = p + 1 < len && text[p] == '\\' && text[p + 1] == 'u' ? hex4(text, len, p + 2)
			                                                                : -1;
			if (lo >= 0xDC00 && lo <= 0xDFFF) {
				cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
				p += 6;
			} else {
				cp = 0xFFFD;
			}
		} else if (cp >= 0xDC00 && cp <= 0xDFFF) {
			cp = 0xFFFD;
		}
		if (key && !cut) {
			if (cp == 0)
				cut = 1;
			else
				st = add_utf8(&s->keys, (unsigned long)cp);
		}
	}
	*i = p < len ? p + 1 : len;
	if (key && st == GEO_OK)
		st = geo_buf_addc(&s->keys, '\0');
	return st;
}

static const char *dup_key_str(const struct dup_scan *s, size_t e)
{
	return s->keys.data + s->v[e].off;
}

static const struct dup_scan *dup_sort_scan; /* qsort has no user pointer in C11 */

static int cmp_dup_key(const void *pa, const void *pb)
{
	const struct dup_key *a = pa, *b = pb;
	int c;
	if (a->hash != b->hash)
		return a->hash < b->hash ? -1 : 1;
	if ((c = strcmp(dup_sort_scan->keys.data + a->off, dup_sort_scan->keys.data + b->off)) != 0)
		return c;
	return a->pos < b->pos ? -1 : a->pos > b->pos;
}

/* The object at level `d` closes: look for a repeated key among its entries
 * and record the one whose second occurrence comes first. */
static void dup_check_object(struct dup_scan *s, size_t d)
{
	const struct dup_level *L = &s->lv[d];
	size_t n = s->n - L->first, best = SIZE_MAX;
	struct dup_key *e = s->v + L->first;
	if (n < 2)
		return;
	dup_sort_scan = s;
	qsort(e, n, sizeof *e, cmp_dup_key);
	dup_sort_scan = NULL;
	for (size_t k = 1; k < n; k++)
		if (e[k].hash == e[k - 1].hash &&
		    strcmp(s->keys.data + e[k].off, s->keys.data + e[k - 1].off) == 0 &&
		    (best == SIZE_MAX || e[k].pos < e[best].pos) &&
		    (k < 2 || e[k - 2].hash != e[k].hash ||
		     strcmp(s->keys.data + e[k].off, s->keys.data + e[k - 2].off) != 0))
			best = k; /* the second of a run: the first repetition of that key */
	if (best == SIZE_MAX)
		return;
	/* where: inside feature k of the root's "features" array? */
	long feature = 0;
	int in_properties = 0;
	if (d >= 2 && s->lv[0].type == '{' && s->lv[0].last_key != SIZE_MAX &&
	    strcmp(dup_key_str(s, s->lv[0].last_key), "features") == 0 && s->lv[1].type == '[' &&
	    s->lv[2].type == '{') {
		feature = s->lv[1].commas + 1;
		in_properties = d == 3 && s->lv[2].last_key != SIZE_MAX &&
		                strcmp(dup_key_str(s, s->lv[2].last_key), "properties") == 0;
	}
	/* a repetition inside a feature does not end the scan: the root may
	 * repeat "features" (json-c keeps only the last array, and the feature
	 * found may be in the one it dropped); one outside the features wins */
	if (s->found && feature)
		return;
	s->found = 1;
	s->feature = feature;
	s->in_properties = in_properties;
	snprintf(s->key, sizeof s->key, "%s", s->keys.data + e[best].off);
	s->pos1 = e[best - 1].pos;
	s->pos2 = e[best].pos;
}

/* Scan text[0..len) (already accepted by json-c) for the first object
 * holding a key twice; s->found says whether there is one. */
static enum geo_status dup_scan_text(struct dup_scan *s, const char *text, size_t len)
{
	size_t i = 0;
	enum geo_status st = GEO_OK;
	while (i < len && !(s->found && !s->feature) && st == GEO_OK) {
		char c = text[i];
		struct dup_level *top = s->depth ? &s->lv[s->depth - 1] : NULL;
		if (c == '/' && i + 1 < len && text[i + 1] == '*') {
			const char *e = i + 2 < len ? memmem(text + i + 2, len - i - 2, "*/", 2) : NULL;
			i = e ? (size_t)(e - text) + 2 : len;
		} else if (c == '/' && i + 1 < len && text[i + 1] == '/') {
			const char *e = memchr(text + i, '\n', len - i);
			i = e ? (size_t)(e - text) + 1 : len;
		} else if (c == '"' || c == '\'') {
			if (top && top->type == '{' && top->expect_key) {
				struct dup_key *v = geo_grow(s->v, &s->cap, s->n + 1, sizeof *v, 64);
				if (!v)
					return GEO_ERR_NOMEM;
				s->v = v;
				size_t off = s->keys.len;
				s->v[s->n].pos = i;
				if ((st = dup_string(s, text, len, &i, 1)) != GEO_OK)
					break;
				s->v[s->n].off = off;
				s->v[s->n].hash = fnv1a(0xcbf29ce484222325ULL, s->keys.data + off);
				top->last_key = s->n++;
				top->expect_key = 0;
			} else {
				st = dup_string(s, text, len, &i, 0);
			}
		} else if (c == '{' || c == '[') {
			struct dup_level *lv = geo_grow(s->lv, &s->lcap, s->depth + 1, sizeof *lv, 16);
			if (!lv)
				return GEO_ERR_NOMEM;
			s->lv = lv;
			struct dup_level *L = &s->lv[s->depth++];
			L->type = c;
			L->expect_key = c == '{';
			L->first = s->n;
			L->keys_len = s->keys.len;
			L->last_key = SIZE_MAX;
			L->commas = 0;
			i++;
		} else if (c == '}' || c == ']') {
			if (!top)
				break; /* json-c stopped here */
			if (top->type == '{')
				dup_check_object(s, s->depth - 1);
			s->n = top->first;
			s->keys.len = top->keys_len; /* its keys are done with */
			if (s->keys.data)
				s->keys.data[s->keys.len] = '\0';
			s->depth--;
			i++;
		} else if (c == ',') {
			if (top && top->type == '{')
				top->expect_key = 1;
			else if (top)
				top->commas++;
			i++;
		} else {
			i++;
		}
	}
	return st;
}

/* Refuse text whose JSON repeats a key in one object. When the repetition
 * is inside a feature, *feature gets its number (1-based) and the message
 * is left for when that feature is read (so earlier bad features are
 * reported first): msg gets it. Otherwise the context error is set. */
static enum geo_status check_duplicate_keys(geo_ctx *ctx, const char *name, const char *text,
                                            size_t len, long *feature, char *msg, size_t msgsz)
{
	struct dup_scan s;
	enum geo_status st;
	memset(&s, 0, sizeof s);
	geo_buf_init(&s.keys, len + 64);
	*feature = 0;
	st = dup_scan_text(&s, text, len);
	if (st != GEO_OK) {
		st = nomem(ctx, name);
	} else if (s.found) {
		long l1 = line_of(text, s.pos1), l2 = line_of(text, s.pos2);
		char lines[64];
		if (l1 == l2)
			snprintf(lines, sizeof lines, "line %ld", l2);
		else
			snprintf(lines, sizeof lines, "lines %ld and %ld", l1, l2);
		if (s.feature) {
			*feature = s.feature;
			snprintf(msg, msgsz, "%s \"%s\" appears twice%s (%s)",
			         s.in_properties ? "property" : "key", s.key,
			         s.in_properties ? "" : " in one object", lines);
		} else {
			st = GEO_ERROR(ctx, GEO_ERR_PARSE, "%s:%ld: JSON: key \"%s\" appears twice in one "
			               "object (%s)", name, l2, s.key, lines);
		}
	}
	geo_buf_free(&s.keys);
	free(s.v);
	free(s.lv);
	return st;
}

static enum geo_status read_geojson(geo_ctx *ctx, const char *name, const char *text, size_t len,
                                    const struct geo_read_options *opt,
                                    struct geo_incident_list *tmp)
{
	enum geo_status st = GEO_OK;
	struct json_tokener *tok = NULL;
	struct json_object *root = NULL, *type, *features, *crs;
	struct row r;
	struct idset ids = {0};
	char where[600], dup_msg[300];
	size_t end;
	long dup_feature = 0;

	row_init(&r);
	r.where = where;
	r.opt = opt;
	r.json = 1;
	if (len > INT_MAX) {
		st = GEO_ERROR(ctx, GEO_ERR_LIMIT, "%s: too large", name);
		goto out;
	}
	tok = json_tokener_new_ex(64);
	if (!tok) {
		st = nomem(ctx, name);
		goto out;
	}
	root = json_tokener_parse_ex(tok, text, (int)len);
	end = json_tokener_get_parse_end(tok);
	if (!root || json_tokener_get_error(tok) != json_tokener_success) {
		enum json_tokener_error e = json_tokener_get_error(tok);
		st = GEO_ERROR(ctx, GEO_ERR_PARSE, "%s:%ld: JSON: %s", name, line_of(text, end),
		               e == json_tokener_continue ? "the text ends too early"
		                                          : json_tokener_error_desc(e));
		goto out;
	}
	for (; end < len; end++)
		if (!isspace((unsigned char)text[end])) {
			st = GEO_ERROR(ctx, GEO_ERR_PARSE, "%s:%ld: JSON: text after the end of the document",
			               name, line_of(text, end));
			goto out;
		}
	if (!json_object_is_type(root, json_type_object) ||
	    !json_object_object_get_ex(root, "type", &type) ||
	    strcmp(json_object_get_string(type), "FeatureCollection") != 0 ||
	    !json_object_object_get_ex(root, "features", &features) ||
	    !json_object_is_type(features, json_type_array)) {
		st = GEO_ERROR(ctx, GEO_ERR_PARSE,
		               "%s: not a GeoJSON FeatureCollection (an object with \"type\": "
		               "\"FeatureCollection\" and a \"features\" array)",
		               name);
		goto out;
	}
	if (json_object_object_get_ex(root, "crs", &crs) && crs) {
		const char *s = json_object_to_json_string_ext(crs, JSON_C_TO_STRING_PLAIN);
		if (!strstr(s, "CRS84") && !strstr(s, "EPSG::4326") && !strstr(s, "EPSG:4326")) {
			st = GEO_ERROR(ctx, GEO_ERR_INVALID,
			               "%s: \"crs\" %s is not WGS84 longitude/latitude (RFC 7946)", name, s);
			goto out;
		}
	}
	if ((st = check_duplicate_keys(ctx, name, text, end, &dup_feature, dup_msg, sizeof dup_msg)) !=
	    GEO_OK)
		goto out;
	for (size_t k = 0; k < json_object_array_length(features); k++) {
		snprintf(where, sizeof where, "%s: feature %zu", name, k + 1);
		if ((long)k + 1 == dup_feature) {
			st = GEO_ERROR(ctx, GEO_ERR_PARSE, "%s: %s", where, dup_msg);
			break;
		}
		row_reset(&r);
		if ((st = read_feature(ctx, json_object_array_get_idx(features, k), &r)) != GEO_OK)
			break;
		if (!row_get(&r, F_DATE, NULL)) {
			int has = 0;
			for (size_t j = 0; j < r.n; j++)
				has |= r.fields[j] == F_DATE;
			if (!has) {
				st = GEO_ERROR(ctx, GEO_ERR_INVALID, "%s: no \"date\" property", where);
				break;
			}
		}
		if ((st = take_row(ctx, name, (long)k + 1, &r, tmp, &ids, 0)) != GEO_OK)
			break;
	}
out:
	idset_free(&ids);
	row_free(&r);
	json_object_put(root);
	if (tok)
		json_tokener_free(tok);
	return st;
}

/* ---- entry points -------------------------------------------------- */

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

static enum geo_input_format sniff(const char *name, const char *text, size_t len)
{
	if (name && (ends_with(name, ".geojson") || ends_with(name, ".json")))
		return GEO_INPUT_GEOJSON;
	if (name && (ends_with(name, ".csv") || ends_with(name, ".txt")))
		return GEO_INPUT_CSV;
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)text[i];
		if (isspace(ch) || ch == 0xEF || ch == 0xBB || ch == 0xBF)
			continue;
		return ch == '{' ? GEO_INPUT_GEOJSON : GEO_INPUT_CSV;
	}
	return GEO_INPUT_CSV;
}

static enum geo_status read_text(geo_ctx *ctx, const char *name, const char *text, size_t len,
                                 enum geo_input_format fmt, const struct geo_read_options *opt,
                                 struct geo_incident_list *out)
{
	struct geo_incident_list tmp = {0};
	enum geo_status st;
	geo_csv *c = NULL;

	if (fmt == GEO_INPUT_AUTO)
		fmt = sniff(name, text, len);
	if (fmt == GEO_INPUT_GEOJSON) {
		st = read_geojson(ctx, name, text, len, opt, &tmp);
	} else {
		c = geo_csv_open_mem(ctx, name, text, len);
		st = c ? read_csv(ctx, c, opt, &tmp) : geo_ctx_error_code(ctx);
		if (st == GEO_OK && !c)
			st = GEO_ERR_NOMEM;
	}
	if (st == GEO_OK)
		st = move_all(ctx, name, &tmp, out);
	geo_csv_close(c);
	geo_incident_list_free(&tmp);
	return st;
}

enum geo_status geo_read_incidents_mem_opts(geo_ctx *ctx, const char *name, const char *text,
                                            size_t len, enum geo_input_format fmt,
                                            const struct geo_read_options *opt,
                                            struct geo_incident_list *out)
{
	return read_text(ctx, name ? name : "(input)", text, len, fmt, opt, out);
}

enum geo_status geo_read_incidents_mem(geo_ctx *ctx, const char *name, const char *text,
                                       size_t len, enum geo_input_format fmt,
                                       struct geo_incident_list *out)
{
	return geo_read_incidents_mem_opts(ctx, name, text, len, fmt, NULL, out);
}

enum geo_status geo_read_incidents(geo_ctx *ctx, const char *path, const char *name,
                                   enum geo_input_format fmt, struct geo_incident_list *out)
{
	return geo_read_incidents_opts(ctx, path, name, fmt, NULL, out);
}

enum geo_status geo_read_incidents_opts(geo_ctx *ctx, const char *path, const char *name,
                                        enum geo_input_format fmt,
                                        const struct geo_read_options *opt,
                                        struct geo_incident_list *out)
{
	FILE *f = NULL;
	geo_buf in;
	char chunk[65536];
	size_t got;
	enum geo_status st = GEO_OK;
	const char *shown = name ? name : path;

	geo_buf_init(&in, GEO_CSV_MAX_BYTES);
	f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!f) {
		st = GEO_ERROR(ctx, errno == ENOENT ? GEO_ERR_NOTFOUND : GEO_ERR_IO, "%s: cannot open: %s",
		               shown, strerror(errno));
		goto out;
	}
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
		enum geo_status a = geo_buf_add(&in, chunk, got);
		if (a == GEO_ERR_LIMIT) {
			st = GEO_ERROR(ctx, GEO_ERR_LIMIT, "%s: larger than %zu MiB", shown,
			               GEO_CSV_MAX_BYTES >> 20);
			goto out;
		} else if (a != GEO_OK) {
			st = nomem(ctx, shown);
			goto out;
		}
	}
	if (ferror(f)) {
		st = GEO_ERROR(ctx, GEO_ERR_IO, "%s: read error", shown);
		goto out;
	}
	st = read_text(ctx, shown, geo_buf_str(&in), in.len, fmt, opt, out);
out:
	if (f && f != stdin)
		fclose(f);
	geo_buf_free(&in);
	return st;
}
