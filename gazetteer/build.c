/* build.c — `strikemap gazetteer build`: merge every reference source into
 * one SpatiaLite gazetteer (gazetteer/schema.md), or a reduced one from the
 * curated list when the reference data is absent.
 *
 * Order of the full build (each step may only add to what came before):
 *   1. admin areas: governorates (OCHA admin1), sub-districts (OCHA admin3,
 *      features sharing a code dissolved, invalid rings repaired with
 *      GEOSMakeValid), districts (union of sub-districts by code prefix);
 *      names from OCHA and OpenSyria (names, aliases, centroids).
 *   2. communities: one place per OCHA community code; extra rows of a code
 *      listing neighbourhoods ("Damascus (Joubar)") become neighbourhood
 *      places of that community.
 *   3. OCHA points, each checked against its own sub-district polygon.
 *   4. OSM/IOM locations, merged by the community P-code they were matched
 *      to (when the two points agree), else by name and distance.
 *   5. the curated list (names, and a point for a community without one).
 *   6. GeoNames, then the Syrian Archive gazetteer, merged by name and
 *      distance within the same sub-district, else new places.
 *   7. every place attached to its sub-district/district/governorate by
 *      point-in-polygon (prepared geometries, STRtree), communities without
 *      any point given their sub-district's point ("subdistrict_centroid").
 *
 * Assumes GEOS >= 3.8 (GEOSMakeValid_r), GDAL >= 3, json-c, SpatiaLite 5.
 * All coordinates are WGS84 degrees, longitude first. */
#include "gazetteer/build.h"
#include "gazetteer/facilities.h"
#include "gazetteer/normalize.h"

#include <errno.h>
#include <json-c/json.h>
#include <math.h>
#include <sqlite3.h>
#include <spatialite.h>
/* GDAL's headers use enumerator values outside int (ISO C pedantry) */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpedantic"
#include <gdal.h>
#include <cpl_error.h>
#include <ogr_api.h>
#pragma GCC diagnostic pop
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <utf8proc.h>

/* ---------------------------------------------------------------- model */

struct place {
	char *pcode;              /* owned; NULL when none */
	const char *kind;         /* static */
	char *name_en;            /* owned */
	char *name_ar;            /* owned; NULL when none */
	char admin1[8], admin2[8], admin3[12];
	long parent;              /* index into places, -1 for none */
	double lon, lat;          /* degrees; valid when has_point */
	int has_point;
	const char *point_source; /* static */
	long population;          /* 0 = unknown */
	int population_iom;       /* 1: population is IOM's displacement figure */
	long first_name;          /* head of the place's name list, -1 for none */
	long area;                /* index of its sub-district area, -1 unknown */
	unsigned reported;        /* governorates reports also file it under (bit n: SYnn),
	                             besides admin1: the curated list's reported_admin1 */
};

struct name {
	long place;
	long next;                /* next name of the same place, -1 */
	char *name;               /* owned */
	const char *lang, *source, *type; /* static */
	char *key;                /* owned: normalised key (Latin or Arabic) */
	char *skel;               /* owned: consonant skeleton (Latin names), or NULL */
};

struct area {
	char pcode[12];
	int level;                /* 1, 2, 3 */
	char *name_en, *name_ar;  /* owned */
	char admin1[8];
	GEOSGeometry *geom;       /* owned, valid (multi)polygon */
	const GEOSPreparedGeometry *prep; /* owned; sub-districts only */
	long place;               /* its place, -1 */
};

struct builder {
	geo_ctx *ctx;
	GEOSContextHandle_t gh;
	const struct geo_gaz_build_opts *opts;
	struct geo_gaz_build_stats *stats;
	struct place *places;
	long n_places, cap_places;
	struct name *names;
	long n_names, cap_names;
	struct area *areas;
	long n_areas, cap_areas;
	long *code_place;         /* community code number -> place index (or -1) */
	GEOSSTRtree *tree;        /* over level-3 areas */
	char path[4096];          /* scratch: the file being read */
};

#define N_CODES 10000
#define MERGE_KM 5.0          /* merge radius for name + distance matching */
#define SAME_SITE_KM 3.0      /* across a sub-district border only this close */
#define POINT_TOLERANCE_KM 2.0 /* a community point may lie this far outside its sub-district */
#define PCODE_AGREE_KM 10.0   /* OSM point vs OCHA point for the same P-code */

static const char *const K_GOV = "governorate", *const K_DIST = "district",
	*const K_SUB = "subdistrict", *const K_COMM = "community",
	*const K_NBH = "neighbourhood", *const K_LAND = "landmark";

/* -------------------------------------------------------------- counts */

static void count_add(struct builder *b, const char *key, long v)
{
	struct geo_gaz_build_stats *s = b->stats;
	for (size_t i = 0; i < s->n_counts; i++)
		if (strcmp(s->counts[i].key, key) == 0) {
			s->counts[i].value += v;
			return;
		}
	if (s->n_counts >= GEO_GAZ_BUILD_MAX_COUNTS)
		return; /* a programming error caught by the tests (a count missing) */
	snprintf(s->counts[s->n_counts].key, sizeof s->counts[0].key, "%s", key);
	s->counts[s->n_counts].value = v;
	s->n_counts++;
}

long geo_gaz_build_count(const struct geo_gaz_build_stats *stats, const char *key)
{
	for (size_t i = 0; i < stats->n_counts; i++)
		if (strcmp(stats->counts[i].key, key) == 0)
			return stats->counts[i].value;
	return -1;
}

/* ------------------------------------------------------------- strings */

static char *trim(char *s)
{
	char *e;
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n'))
		*--e = '\0';
	return s;
}

static int is_arabic_cp(int32_t c)
{
	return (c >= 0x0600 && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F) ||
	       (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF);
}

/* Script of a name: "ar" (Arabic letters), "en" (Latin letters, with marks
 * and punctuation), or NULL (other scripts: Cyrillic, Hebrew... which the
 * gazetteer does not keep, and names mixing Latin and Arabic letters). */
static const char *name_lang(const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	int32_t c;
	int latin = 0, arabic = 0;
	for (;;) {
		utf8proc_ssize_t n = utf8proc_iterate(p, -1, &c);
		if (n <= 0) {
			if (n < 0) { p++; continue; }
			break;
		}
		if (c == 0)
			break;
		p += n;
		if (is_arabic_cp(c))
			arabic = 1;
		else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0x24F) ||
		    (c >= 0x1E00 && c <= 0x1EFF))
			latin = 1;
		else if (c >= 0x370 && c < 0x2000 && !(c >= 0x2B0 && c <= 0x36F))
			return NULL; /* Greek, Cyrillic, Hebrew, Armenian... */
	}
	if (arabic)
		return latin ? NULL : "ar"; /* mixed scripts: a garbled name */
	return latin ? "en" : NULL;
}

/* Keys for merging come from gazetteer/normalize.h, the same rules the
 * geocoder applies to queries: a name the build merged on is a name the
 * geocoder finds. */

/* Great-circle distance in km (haversine, mean Earth radius). */
static double dist_km(double lon1, double lat1, double lon2, double lat2)
{
	const double r = 6371.0088, k = M_PI / 180.0;
	double dlat = (lat2 - lat1) * k, dlon = (lon2 - lon1) * k;
	double a = sin(dlat / 2) * sin(dlat / 2) +
	           cos(lat1 * k) * cos(lat2 * k) * sin(dlon / 2) * sin(dlon / 2);
	return 2 * r * asin(sqrt(a < 1 ? a : 1));
}

/* ------------------------------------------------------ places & names */

static enum geo_status nomem(struct builder *b)
{
	return GEO_ERROR(b->ctx, GEO_ERR_NOMEM, "out of memory building the gazetteer");
}

static int grow(void **arr, long *cap, long need, size_t size)
{
	if (need <= *cap)
		return 0;
	long ncap = *cap ? *cap * 2 : 1024;
	while (ncap < need)
		ncap *= 2;
	void *n = geo_realloc(*arr, (size_t)ncap * size);
	if (!n)
		return -1;
	*arr = n;
	*cap = ncap;
	return 0;
}

/* Add a place; returns its index or -1 (error set). Strings are copied. */
static long place_add(struct builder *b, const char *pcode, const char *kind,
                      const char *name_en, const char *name_ar)
{
	struct place *p;
	if (grow((void **)&b->places, &b->cap_places, b->n_places + 1, sizeof *b->places)) {
		nomem(b);
		return -1;
	}
	p = &b->places[b->n_places];
	memset(p, 0, sizeof *p);
	p->kind = kind;
	p->parent = -1;
	p->first_name = -1;
	p->area = -1;
	p->pcode = pcode && *pcode ? geo_strdup(pcode) : NULL;
	p->name_en = geo_strdup(name_en);
	p->name_ar = name_ar && *name_ar ? geo_strdup(name_ar) : NULL;
	if ((pcode && *pcode && !p->pcode) || !p->name_en || (name_ar && *name_ar && !p->name_ar)) {
		free(p->pcode);
		free(p->name_en);
		free(p->name_ar);
		nomem(b);
		return -1;
	}
	return b->n_places++;
}

static void place_set_point(struct place *p, double lon, double lat, const char *source)
{
	p->lon = lon;
	p->lat = lat;
	p->has_point = 1;
	p->point_source = source;
}

/* Add a name to a place unless the same (name, source) is there already.
 * Names in scripts other than Latin and Arabic are skipped. */
static enum geo_status name_add(struct builder *b, long place, const char *raw,
                                const char *source, const char *type)
{
	char buf[512], key[256], skel[256];
	const char *lang;
	struct name *n;
	char *s;
	snprintf(buf, sizeof buf, "%s", raw ? raw : "");
	s = trim(buf);
	if (!*s)
		return GEO_OK;
	lang = name_lang(s);
	if (!lang)
		return GEO_OK;
	for (long i = b->places[place].first_name; i >= 0; i = b->names[i].next)
		if (strcmp(b->names[i].name, s) == 0 && strcmp(b->names[i].source, source) == 0)
			return GEO_OK;
	geo_norm_key(s, key, sizeof key);
	geo_norm_skeleton(s, skel, sizeof skel);
	if (grow((void **)&b->names, &b->cap_names, b->n_names + 1, sizeof *b->names))
		return nomem(b);
	n = &b->names[b->n_names];
	n->place = place;
	n->name = geo_strdup(s);
	n->key = geo_strdup(key);
	n->skel = skel[0] ? geo_strdup(skel) : NULL;
	if (!n->name || !n->key || (skel[0] && !n->skel)) {
		free(n->name);
		free(n->key);
		free(n->skel);
		return nomem(b);
	}
	n->lang = lang;
	n->source = source;
	n->type = type;
	/* append at the tail so the preferred (first) name stays first */
	n->next = -1;
	if (b->places[place].first_name < 0) {
		b->places[place].first_name = b->n_names;
	} else {
		long i = b->places[place].first_name;
		while (b->names[i].next >= 0)
			i = b->names[i].next;
		b->names[i].next = b->n_names;
	}
	b->n_names++;
	/* the first Arabic name a place gets is its preferred Arabic name */
	if (lang[0] == 'a' && !b->places[place].name_ar) {
		b->places[place].name_ar = geo_strdup(s);
		if (!b->places[place].name_ar)
			return nomem(b);
	}
	return GEO_OK;
}

/* ---------------------------------------------------------------- CSV */

struct csv {
	char *buf;          /* owned: the whole file, parsed in place */
	size_t len, pos;
	long line;          /* line where the current record starts (1-based) */
	long next_line;
	const char *path;   /* borrowed, for messages */
};

static enum geo_status read_file(struct builder *b, const char *path, char **out, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long sz;
	enum geo_status rc = GEO_OK;
	*out = NULL;
	if (!f)
		return GEO_ERROR(b->ctx, errno == ENOENT ? GEO_ERR_NOTFOUND : GEO_ERR_IO,
		                 "%s: cannot read: %s", path, strerror(errno));
	if (fseek(f, 0, SEEK_END) != 0 || (sz = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
		rc = GEO_ERROR(b->ctx, GEO_ERR_IO, "%s: cannot read: %s", path, strerror(errno));
		goto out;
	}
	buf = geo_malloc((size_t)sz + 1);
	if (!buf) {
		rc = nomem(b);
		goto out;
	}
	if (fread(buf, 1, (size_t)sz, f) != (size_t)sz) {
		rc = GEO_ERROR(b->ctx, GEO_ERR_IO, "%s: cannot read: %s", path,
		               ferror(f) ? strerror(errno) : "short read");
		goto out;
	}
	buf[sz] = '\0';
	*out = buf;
	*len = (size_t)sz;
	buf = NULL;
out:
	free(buf);
	fclose(f);
	return rc;
}

/* Next CSV record (RFC 4180: quotes, doubled quotes, CRLF) parsed in place.
 * Lines starting with '#' between records are comments when `comments`.
 * Returns 1 with fields, 0 at the end, -1 on a malformed record (error set). */
static int csv_next(struct builder *b, struct csv *c, char **f, int maxf, int *nf, int comments)
{
	char *w;
	int n = 0;
	if (c->pos == 0 && c->len >= 3 && memcmp(c->buf, "\xEF\xBB\xBF", 3) == 0)
		c->pos = 3;
	if (c->next_line == 0)
		c->next_line = 1;
	for (;;) {
		if (c->pos >= c->len)
			return 0;
		if (comments && c->buf[c->pos] == '#') {
			while (c->pos < c->len && c->buf[c->pos] != '\n')
				c->pos++;
			c->pos++;
			c->next_line++;
			continue;
		}
		if (c->buf[c->pos] == '\n' || (c->buf[c->pos] == '\r' && c->buf[c->pos + 1] == '\n')) {
			c->pos += c->buf[c->pos] == '\r' ? 2 : 1; /* blank line */
			c->next_line++;
			continue;
		}
		break;
	}
	c->line = c->next_line;
	w = c->buf + c->pos;
	f[n++] = w;
	for (;;) {
		char ch = c->pos < c->len ? c->buf[c->pos] : '\0';
		if (ch == '"' && w == f[n - 1]) {
			c->pos++;
			for (;;) {
				if (c->pos >= c->len) {
					GEO_ERROR(b->ctx, GEO_ERR_PARSE, "%s:%ld: unterminated quoted field",
					          c->path, c->line);
					return -1;
				}
				ch = c->buf[c->pos++];
				if (ch == '"') {
					if (c->pos < c->len && c->buf[c->pos] == '"') {
						*w++ = '"';
						c->pos++;
						continue;
					}
					break;
				}
				if (ch == '\n')
					c->next_line++;
				*w++ = ch;
			}
			continue;
		}
		if (ch == ',' ) {
			*w = '\0';
			c->pos++;
			if (n >= maxf) {
				GEO_ERROR(b->ctx, GEO_ERR_PARSE, "%s:%ld: more than %d fields", c->path,
				          c->line, maxf);
				return -1;
			}
			w = c->buf + c->pos;
			f[n++] = w;
			continue;
		}
		if (ch == '\0' || ch == '\n' || ch == '\r') {
			/* step over the line end before terminating the field in place */
			if (ch == '\0') {
				c->pos = c->len;
			} else {
				c->pos++;
				if (ch == '\r' && c->pos < c->len && c->buf[c->pos] == '\n')
					c->pos++;
				c->next_line++;
			}
			*w = '\0';
			break;
		}
		*w++ = ch;
		c->pos++;
	}
	*nf = n;
	return 1;
}

/* Index of the header column `name`, or -1 with the error set. */
static int csv_col(struct builder *b, const struct csv *c, char **hdr, int nh, const char *name)
{
	for (int i = 0; i < nh; i++)
		if (strcmp(trim(hdr[i]), name) == 0)
			return i;
	GEO_ERROR(b->ctx, GEO_ERR_PARSE, "%s:%ld: no column \"%s\" in the header", c->path,
	          c->line, name);
	return -1;
}

/* The header of CSV c: its first line (comment lines skipped when
 * `comments`), and the index of each of the n columns `cols` in ci.
 * GEO_OK, or the error set (an empty file; a missing column). */
static enum geo_status csv_header_nf(struct builder *b, struct csv *c, char **f, int maxf, int comments,
                                     const char *const *cols, int n, int *ci, int *nf)
{
	int r = csv_next(b, c, f, maxf, nf, comments);
	if (r <= 0)
		return r < 0 ? GEO_ERR_PARSE : GEO_ERROR(b->ctx, GEO_ERR_PARSE, "%s: empty file", c->path);
	for (int k = 0; k < n; k++)
		if ((ci[k] = csv_col(b, c, f, *nf, cols[k])) < 0)
			return GEO_ERR_PARSE;
	return GEO_OK;
}

static enum geo_status csv_header(struct builder *b, struct csv *c, char **f, int maxf, int comments,
                                  const char *const *cols, int n, int *ci)
{
	int nf;
	return csv_header_nf(b, c, f, maxf, comments, cols, n, ci, &nf);
}

static int parse_double(const char *s, double *v)
{
	char *end;
	errno = 0;
	*v = strtod(s, &end);
	while (*end == ' ')
		end++;
	return *s && !*end && !errno && isfinite(*v);
}

/* Roughly inside Syria (with a margin): guards against swapped or zero
 * coordinates in the sources. */
static int in_syria_box(double lon, double lat)
{
	return lon > 35.4 && lon < 42.6 && lat > 32.2 && lat < 37.5;
}

static const char *src_path(struct builder *b, const char *rel)
{
	snprintf(b->path, sizeof b->path, "%s/%s", b->opts->sources, rel);
	return b->path;
}

/* ----------------------------------------------------------- geometry */

static enum geo_status geos_fail(struct builder *b, const char *what)
{
	/* the GEOS error handler has usually set the message already */
	return GEO_ERROR(b->ctx, GEO_ERR_GEOS, "%s: GEOS failed", what);
}

/* The polygonal part of a geometry as a MultiPolygon (takes `g`). Lines and
 * points that GEOSMakeValid may produce from degenerate rings are dropped. */
static GEOSGeometry *polygonal(struct builder *b, GEOSGeometry *g)
{
	GEOSContextHandle_t h = b->gh;
	GEOSGeometry **parts = NULL, *res = NULL;
	unsigned np = 0;
	int t, n;
	if (!g)
		return NULL;
	t = GEOSGeomTypeId_r(h, g);
	if (t == GEOS_MULTIPOLYGON)
		return g;
	if (t == GEOS_POLYGON) {
		GEOSGeometry *one[1] = {g};
		return GEOSGeom_createCollection_r(h, GEOS_MULTIPOLYGON, one, 1);
	}
	n = GEOSGetNumGeometries_r(h, g);
	parts = geo_calloc((size_t)(n > 0 ? n : 1) * 4 + 4, sizeof *parts);
	if (!parts)
		goto out;
	for (int i = 0; i < n; i++) {
		const GEOSGeometry *c = GEOSGetGeometryN_r(h, g, i);
		int ct = GEOSGeomTypeId_r(h, c);
		if (ct == GEOS_POLYGON) {
			parts[np++] = GEOSGeom_clone_r(h, c);
		} else if (ct == GEOS_MULTIPOLYGON) {
			for (int j = 0; j < GEOSGetNumGeometries_r(h, c); j++)
				parts[np++] = GEOSGeom_clone_r(h, GEOSGetGeometryN_r(h, c, j));
		}
	}
	res = GEOSGeom_createCollection_r(h, GEOS_MULTIPOLYGON, parts, np);
out:
	free(parts);
	GEOSGeom_destroy_r(h, g);
	return res;
}

/* Make `g` valid (takes it); returns a valid MultiPolygon or NULL. */
static GEOSGeometry *make_valid(struct builder *b, GEOSGeometry *g, int *repaired)
{
	GEOSContextHandle_t h = b->gh;
	char v;
	if (!g)
		return NULL;
	v = GEOSisValid_r(h, g);
	if (v == 2) {
		GEOSGeom_destroy_r(h, g);
		return NULL;
	}
	if (v == 0) {
		GEOSGeometry *fixed = GEOSMakeValid_r(h, g);
		GEOSGeom_destroy_r(h, g);
		if (!fixed)
			return NULL;
		g = fixed;
		if (repaired)
			(*repaired)++;
	}
	return polygonal(b, g);
}

static long area_find(struct builder *b, const char *pcode)
{
	for (long i = 0; i < b->n_areas; i++)
		if (strcmp(b->areas[i].pcode, pcode) == 0)
			return i;
	return -1;
}

/* The 2019 sub-district of governorate admin1 named `name` (its English
 * name keyed): where a 2018 sub-district code the polygons lack went (OCHA
 * moved Banyas district's Anaza, Qadmous, Hamam Wasil and Tawahin
 * sub-districts into a new Qadmous district); -1 if none or several. */
static long area_by_name(struct builder *b, const char *admin1, const char *name)
{
	char k[GEO_NORM_MAX], ak[GEO_NORM_MAX];
	long found = -1;
	if (!geo_norm_key(name, k, sizeof k))
		return -1;
	for (long i = 0; i < b->n_areas; i++) {
		const struct area *a = &b->areas[i];
		if (a->level != 3 || !a->name_en || strncmp(a->pcode, admin1, 4) != 0)
			continue;
		geo_norm_key(a->name_en, ak, sizeof ak);
		if (strcmp(k, ak) == 0) {
			if (found >= 0)
				return -1;
			found = i;
		}
	}
	return found;
}

static long area_add(struct builder *b, const char *pcode, int level)
{
	struct area *a;
	if (grow((void **)&b->areas, &b->cap_areas, b->n_areas + 1, sizeof *b->areas)) {
		nomem(b);
		return -1;
	}
	a = &b->areas[b->n_areas];
	memset(a, 0, sizeof *a);
	snprintf(a->pcode, sizeof a->pcode, "%s", pcode);
	snprintf(a->admin1, sizeof a->admin1, "%.4s", pcode);
	a->level = level;
	a->place = -1;
	return b->n_areas++;
}

/* Read a polygon layer with OGR: for each feature, call back with its
 * GEOS geometry (owned by the callee) and the feature. */
typedef enum geo_status (*feature_fn)(struct builder *b, OGRFeatureH f, GEOSGeometry *g,
                                      long fid);

static enum geo_status ogr_each(struct builder *b, const char *path, feature_fn fn)
{
	GDALDatasetH ds = NULL;
	OGRLayerH layer;
	OGRFeatureH f = NULL;
	unsigned char *wkb = NULL;
	enum geo_status rc = GEO_OK;
	long fid = 0;
	if (access(path, R_OK) != 0)
		return GEO_ERROR(b->ctx, errno == ENOENT ? GEO_ERR_NOTFOUND : GEO_ERR_IO,
		                 "%s: cannot read: %s", path, strerror(errno));
	CPLErrorReset();
	ds = GDALOpenEx(path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
	if (!ds)
		return GEO_ERROR(b->ctx, GEO_ERR_PARSE, "%s: not a readable vector file: %s", path,
		                 *CPLGetLastErrorMsg() ? CPLGetLastErrorMsg() : "GDAL could not open it");
	layer = GDALDatasetGetLayer(ds, 0);
	if (!layer) {
		rc = GEO_ERROR(b->ctx, GEO_ERR_PARSE, "%s: no layer", path);
		goto out;
	}
	OGR_L_ResetReading(layer);
	while ((f = OGR_L_GetNextFeature(layer)) != NULL) {
		OGRGeometryH og = OGR_F_GetGeometryRef(f);
		GEOSGeometry *g = NULL;
		fid++;
		if (og) {
			size_t sz = (size_t)OGR_G_WkbSize(og);
			unsigned char *nw = geo_realloc(wkb, sz);
			if (!nw) {
				rc = nomem(b);
				goto out;
			}
			wkb = nw;
			if (OGR_G_ExportToWkb(og, wkbNDR, wkb) != OGRERR_NONE) {
				rc = GEO_ERROR(b->ctx, GEO_ERR_GDAL, "%s: feature %ld: bad geometry", path, fid);
				goto out;
			}
			g = GEOSGeomFromWKB_buf_r(b->gh, wkb, sz);
			if (!g) {
				rc = GEO_ERROR(b->ctx, GEO_ERR_GEOS, "%s: feature %ld: unreadable geometry",
				               path, fid);
				goto out;
			}
		}
		rc = fn(b, f, g, fid);
		OGR_F_Destroy(f);
		f = NULL;
		if (rc != GEO_OK)
			goto out;
	}
	if (CPLGetLastErrorType() >= CE_Failure && fid == 0) {
		rc = GEO_ERROR(b->ctx, GEO_ERR_GDAL, "%s: %s", path, CPLGetLastErrorMsg());
		goto out;
	}
	if (fid == 0)
		rc = GEO_ERROR(b->ctx, GEO_ERR_INVALID, "%s: no features", path);
out:
	if (f)
		OGR_F_Destroy(f);
	free(wkb);
	if (ds)
		GDALClose(ds);
	return rc;
}

static const char *fstr(OGRFeatureH f, const char *field)
{
	int i = OGR_F_GetFieldIndex(f, field);
	if (i < 0 || !OGR_F_IsFieldSetAndNotNull(f, i))
		return NULL;
	return OGR_F_GetFieldAsString(f, i);
}

/* ---------------------------------------------------------- admin areas */

static enum geo_status on_admin1(struct builder *b, OGRFeatureH f, GEOSGeometry *g, long fid)
{
	const char *pc = fstr(f, "ADM1_PCODE"), *en = fstr(f, "ADM1_EN"), *ar = fstr(f, "ADM1_AR");
	long a;
	int repaired = 0;
	if (!pc || strlen(pc) != 4 || strncmp(pc, "SY", 2) != 0 || !en || !g) {
		GEOSGeom_destroy_r(b->gh, g);
		return GEO_ERROR(b->ctx, GEO_ERR_INVALID,
		                 "%s: feature %ld: needs ADM1_PCODE (SYnn), ADM1_EN and a polygon",
		                 b->path, fid);
	}
	if (area_find(b, pc) >= 0) {
		GEOSGeom_destroy_r(b->gh, g);
		return GEO_ERROR(b->ctx, GEO_ERR_INVALID, "%s: feature %ld: %s appears twice", b->path,
		                 fid, pc);
	}
	if ((a = area_add(b, pc, 1)) < 0) {
		GEOSGeom_destroy_r(b->gh, g);
		return geo_ctx_error_code(b->ctx);
	}
	b->areas[a].geom = make_valid(b, g, &repaired);
	b->areas[a].name_en = geo_strdup(en);
	b->areas[a].name_ar = ar ? geo_strdup(ar) : NULL;
	if (!b->areas[a].geom)
		return geos_fail(b, b->path);
	if (!b->areas[a].name_en || (ar && !b->areas[a].name_ar))
		return nomem(b);
	count_add(b, "ocha_admin1_repaired", repaired);
	/* other spellings the file gives, as names of the governorate place later */
	return GEO_OK;
}

/* Sub-district features, collected per code before dissolving. */
struct sub_parts {
	GEOSGeometry **g;
	long n, cap;
};

static enum geo_status on_admin3(struct builder *b, OGRFeatureH f, GEOSGeometry *g, long fid)
{
	const char *pc = fstr(f, "Admin3_Pco"), *en = fstr(f, "Admin3_EN");
	long a;
	int repaired = 0;
	struct area *ar;
	if (!pc || strlen(pc) != 8 || strncmp(pc, "SY", 2) != 0 || !en || !g) {
		GEOSGeom_destroy_r(b->gh, g);
		return GEO_ERROR(b->ctx, GEO_ERR_INVALID,
		                 "%s: feature %ld: needs Admin3_Pco (SYnnnnnn), Admin3_EN and a polygon",
		                 b->path, fid);
	}
	count_add(b, "ocha_admin3_features", 1);
	g = make_valid(b, g, &repaired);
	if (!g)
		return geos_fail(b, b->path);
	count_add(b, "ocha_admin3_repaired", repaired);
	a = area_find(b, pc);
	if (a < 0) {
		if ((a = area_add(b, pc, 3)) < 0) {
			GEOSGeom_destroy_r(b->gh, g);
			return geo_ctx_error_code(b->ctx);
		}
		ar = &b->areas[a];
		ar->geom = g;
		ar->name_en = geo_strdup(en);
		if (!ar->name_en)
			return nomem(b);
		return GEO_OK;
	}
	/* a second feature with the same code: dissolve */
	ar = &b->areas[a];
	{
		GEOSGeometry *u = GEOSUnion_r(b->gh, ar->geom, g);
		GEOSGeom_destroy_r(b->gh, g);
		if (!u)
			return geos_fail(b, b->path);
		u = make_valid(b, u, NULL);
		if (!u)
			return geos_fail(b, b->path);
		GEOSGeom_destroy_r(b->gh, ar->geom);
		ar->geom = u;
	}
	count_add(b, "ocha_admin3_dissolved", 1);
	return GEO_OK;
}

/* Districts: the union of their sub-districts (first 6 characters). */
static enum geo_status make_districts(struct builder *b)
{
	long n3 = b->n_areas;
	GEOSGeometry **parts = geo_calloc((size_t)n3 + 1, sizeof *parts);
	enum geo_status rc = GEO_OK;
	if (!parts)
		return nomem(b);
	for (long i = 0; i < n3; i++) {
		char code[8];
		unsigned np = 0;
		GEOSGeometry *coll, *u;
		long a;
		if (b->areas[i].level != 3)
			continue;
		snprintf(code, sizeof code, "%.6s", b->areas[i].pcode);
		if (area_find(b, code) >= 0)
			continue;
		for (long j = i; j < n3; j++)
			if (b->areas[j].level == 3 && strncmp(b->areas[j].pcode, code, 6) == 0)
				parts[np++] = GEOSGeom_clone_r(b->gh, b->areas[j].geom);
		coll = GEOSGeom_createCollection_r(b->gh, GEOS_GEOMETRYCOLLECTION, parts, np);
		if (!coll) {
			rc = geos_fail(b, code);
			goto out;
		}
		u = GEOSUnaryUnion_r(b->gh, coll);
		GEOSGeom_destroy_r(b->gh, coll);
		u = make_valid(b, u, NULL);
		if (!u) {
			rc = geos_fail(b, code);
			goto out;
		}
		if ((a = area_add(b, code, 2)) < 0) {
			GEOSGeom_destroy_r(b->gh, u);
			rc = geo_ctx_error_code(b->ctx);
			goto out;
		}
		b->areas[a].geom = u;
	}
out:
	free(parts);
	return rc;
}

/* ------------------------------------------------------------ OpenSyria */

static const char *alias_type(const char *t)
{
	if (!t) return "alias";
	if (strcmp(t, "formal") == 0) return "formal";
	if (strcmp(t, "alias") == 0) return "alias";
	return "alternate"; /* alternate_spelling, transliteration */
}

static const char *jstr(json_object *o, const char *k)
{
	json_object *v;
	if (!o || !json_object_object_get_ex(o, k, &v) || !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

static double jnum(json_object *o, const char *k, int *ok)
{
	json_object *v;
	if (!o || !json_object_object_get_ex(o, k, &v) ||
	    !(json_object_is_type(v, json_type_double) || json_object_is_type(v, json_type_int))) {
		*ok = 0;
		return 0;
	}
	return json_object_get_double(v);
}

static json_object *jobj(json_object *o, const char *k)
{
	json_object *v;
	if (!o || !json_object_object_get_ex(o, k, &v))
		return NULL;
	return v;
}

static enum geo_status load_json(struct builder *b, const char *path, json_object **out)
{
	if (access(path, R_OK) != 0)
		return GEO_ERROR(b->ctx, errno == ENOENT ? GEO_ERR_NOTFOUND : GEO_ERR_IO,
		                 "%s: cannot read: %s", path, strerror(errno));
	*out = json_object_from_file(path);
	if (!*out || !json_object_is_type(*out, json_type_array)) {
		const char *e = json_util_get_last_err();
		json_object_put(*out);
		*out = NULL;
		return GEO_ERROR(b->ctx, GEO_ERR_PARSE, "%s: not a JSON array%s%.200s", path,
		                 e ? ": " : "", e ? e : "");
	}
	return GEO_OK;
}

/* Names, aliases, centroid and population of OpenSyria admin units, onto
 * the place of the same P-code. */
static enum geo_status opensyria_file(struct builder *b, const char *rel, int level)
{
	json_object *arr = NULL;
	enum geo_status rc;
	const char *path = src_path(b, rel);
	char pathcopy[4096];
	snprintf(pathcopy, sizeof pathcopy, "%s", path);
	if ((rc = load_json(b, pathcopy, &arr)) != GEO_OK)
		return rc;
	for (size_t i = 0; i < json_object_array_length(arr); i++) {
		json_object *o = json_object_array_get_idx(arr, i);
		const char *pc = jstr(jobj(o, "externalIds"), "ochaPcode");
		json_object *nm = jobj(o, "name"), *al = jobj(o, "aliases"), *ce = jobj(o, "centroid");
		long a, p;
		int ok = 1;
		double lon, lat, pop;
		if (!pc) {
			count_add(b, "opensyria_without_pcode", 1);
			continue;
		}
		a = area_find(b, pc);
		if (a < 0 || b->areas[a].level != level) {
			count_add(b, "opensyria_unknown_pcode", 1);
			continue;
		}
		p = b->areas[a].place;
		if (jstr(nm, "ar") && !b->areas[a].name_ar &&
		    !(b->areas[a].name_ar = geo_strdup(jstr(nm, "ar")))) {
			rc = nomem(b);
			goto out;
		}
		if (jstr(nm, "en") && !b->areas[a].name_en &&
		    !(b->areas[a].name_en = geo_strdup(jstr(nm, "en")))) {
			rc = nomem(b);
			goto out;
		}
		if (p < 0)
			continue;
		if ((rc = name_add(b, p, jstr(nm, "en"), "opensyria", "official")) != GEO_OK ||
		    (rc = name_add(b, p, jstr(nm, "ar"), "opensyria", "official")) != GEO_OK)
			goto out;
		for (size_t k = 0; al && k < json_object_array_length(al); k++) {
			json_object *x = json_object_array_get_idx(al, k);
			if ((rc = name_add(b, p, jstr(x, "value"), "opensyria",
			                   alias_type(jstr(x, "type")))) != GEO_OK)
				goto out;
		}
		count_add(b, "opensyria_units", 1);
		lon = jnum(ce, "longitude", &ok);
		lat = jnum(ce, "latitude", &ok);
		if (ok && in_syria_box(lon, lat)) {
			/* keep the centroid only when it lies inside the unit */
			GEOSGeometry *pt = GEOSGeom_createPointFromXY_r(b->gh, lon, lat);
			char in = pt ? GEOSIntersects_r(b->gh, b->areas[a].geom, pt) : 2;
			GEOSGeom_destroy_r(b->gh, pt);
			if (in == 1)
				place_set_point(&b->places[p], lon, lat, "opensyria_centroid");
		}
		ok = 1;
		pop = jnum(jobj(o, "population"), "value", &ok);
		if (ok && pop > 0)
			b->places[p].population = (long)pop;
	}
out:
	json_object_put(arr);
	return rc;
}

/* A place for each admin area (governorates, districts, sub-districts),
 * pointed at the polygon's centroid (or a point on its surface when the
 * centroid falls outside). OpenSyria later replaces the point with its own
 * centroid when that lies inside. */
static enum geo_status admin_places(struct builder *b)
{
	static const char *const kinds[4] = {NULL, "governorate", "district", "subdistrict"};
	for (int level = 1; level <= 3; level++)
		for (long i = 0; i < b->n_areas; i++) {
			struct area *a = &b->areas[i];
			GEOSGeometry *c;
			double x, y;
			char in;
			long p;
			if (a->level != level)
				continue;
			p = place_add(b, a->pcode, kinds[level], a->name_en ? a->name_en : a->pcode,
			              a->name_ar);
			if (p < 0)
				return geo_ctx_error_code(b->ctx);
			a->place = p;
			snprintf(b->places[p].admin1, sizeof b->places[p].admin1, "%.4s", a->pcode);
			if (level >= 2)
				snprintf(b->places[p].admin2, sizeof b->places[p].admin2, "%.6s", a->pcode);
			if (level == 3)
				snprintf(b->places[p].admin3, sizeof b->places[p].admin3, "%s", a->pcode);
			c = GEOSGetCentroid_r(b->gh, a->geom);
			in = c ? GEOSIntersects_r(b->gh, a->geom, c) : 2;
			if (in != 1) {
				GEOSGeom_destroy_r(b->gh, c);
				c = GEOSPointOnSurface_r(b->gh, a->geom);
			}
			if (!c || GEOSGeomGetX_r(b->gh, c, &x) != 1 || GEOSGeomGetY_r(b->gh, c, &y) != 1) {
				GEOSGeom_destroy_r(b->gh, c);
				return geos_fail(b, a->pcode);
			}
			GEOSGeom_destroy_r(b->gh, c);
			place_set_point(&b->places[p], x, y, "polygon_centroid");
			if (a->name_en && name_add(b, p, a->name_en, "ocha_admin", "official") != GEO_OK)
				return geo_ctx_error_code(b->ctx);
			if (a->name_ar && name_add(b, p, a->name_ar, "ocha_admin", "official") != GEO_OK)
				return geo_ctx_error_code(b->ctx);
		}
	/* parents: sub-district -> district -> governorate */
	for (long i = 0; i < b->n_areas; i++) {
		struct area *a = &b->areas[i];
		char code[12];
		long up;
		if (a->level == 1)
			continue;
		snprintf(code, sizeof code, "%.*s", a->level == 3 ? 6 : 4, a->pcode);
		up = area_find(b, code);
		if (up >= 0)
			b->places[a->place].parent = b->areas[up].place;
	}
	return GEO_OK;
}

static enum geo_status load_admin(struct builder *b)
{
	enum geo_status rc;
	char extra[3][16] = {"province_name", "adm1_ref_name", "Name"};
	if ((rc = ogr_each(b, src_path(b, "ocha/syr_admin1.geojson"), on_admin1)) != GEO_OK)
		return rc;
	if ((rc = ogr_each(b, src_path(b, "ocha/syr_admin3.geojson"), on_admin3)) != GEO_OK)
		return rc;
	if ((rc = make_districts(b)) != GEO_OK)
		return rc;
	count_add(b, "admin1_areas", 0);
	count_add(b, "admin2_areas", 0);
	count_add(b, "admin3_areas", 0);
	for (long i = 0; i < b->n_areas; i++)
		count_add(b, b->areas[i].level == 1 ? "admin1_areas" :
		             b->areas[i].level == 2 ? "admin2_areas" : "admin3_areas", 1);
	/* district names: OpenSyria (below) and the community list's admin2 names */
	if ((rc = admin_places(b)) != GEO_OK)
		return rc;
	/* other spellings of governorates from the admin1 file */
	{
		GDALDatasetH ds = GDALOpenEx(src_path(b, "ocha/syr_admin1.geojson"),
		                             GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
		OGRLayerH l = ds ? GDALDatasetGetLayer(ds, 0) : NULL;
		OGRFeatureH f;
		while (l && (f = OGR_L_GetNextFeature(l)) != NULL) {
			long a = fstr(f, "ADM1_PCODE") ? area_find(b, fstr(f, "ADM1_PCODE")) : -1;
			for (int k = 0; a >= 0 && k < 3 && rc == GEO_OK; k++)
				rc = name_add(b, b->areas[a].place, fstr(f, extra[k]), "ocha_admin", "alternate");
			OGR_F_Destroy(f);
		}
		if (ds)
			GDALClose(ds);
		if (rc != GEO_OK)
			return rc;
	}
	if ((rc = opensyria_file(b, "opensyria/governorates.json", 1)) != GEO_OK ||
	    (rc = opensyria_file(b, "opensyria/districts.json", 2)) != GEO_OK ||
	    (rc = opensyria_file(b, "opensyria/subdistricts.json", 3)) != GEO_OK)
		return rc;
	/* names OpenSyria gave to areas that had none (districts) */
	for (long i = 0; i < b->n_areas; i++) {
		struct place *p = &b->places[b->areas[i].place];
		if (strcmp(p->name_en, b->areas[i].pcode) == 0 && b->areas[i].name_en) {
			free(p->name_en);
			if (!(p->name_en = geo_strdup(b->areas[i].name_en)))
				return nomem(b);
		}
		if (!p->name_ar && b->areas[i].name_ar && !(p->name_ar = geo_strdup(b->areas[i].name_ar)))
			return nomem(b);
	}
	return GEO_OK;
}

/* The STRtree of sub-districts with prepared geometries. */
static enum geo_status build_index(struct builder *b)
{
	b->tree = GEOSSTRtree_create_r(b->gh, 10);
	if (!b->tree)
		return geos_fail(b, "STRtree");
	for (long i = 0; i < b->n_areas; i++) {
		if (b->areas[i].level != 3)
			continue;
		b->areas[i].prep = GEOSPrepare_r(b->gh, b->areas[i].geom);
		if (!b->areas[i].prep)
			return geos_fail(b, b->areas[i].pcode);
		GEOSSTRtree_insert_r(b->gh, b->tree, b->areas[i].geom, (void *)(intptr_t)i);
	}
	return GEO_OK;
}

struct pip_q {
	struct builder *b;
	const GEOSGeometry *pt;
	long found;
};

static void pip_cb(void *item, void *user)
{
	struct pip_q *q = user;
	long i = (long)(intptr_t)item;
	if (q->found >= 0)
		return;
	if (GEOSPreparedIntersects_r(q->b->gh, q->b->areas[i].prep, q->pt) == 1)
		q->found = i;
}

/* The sub-district containing the point, else the nearest one within
 * `tolerance_km` (points on the border or a little outside), else -1.
 * *outside_km is 0 inside, else the distance to that sub-district. */
static long locate(struct builder *b, double lon, double lat, double tolerance_km,
                   double *outside_km)
{
	struct pip_q q = {b, NULL, -1};
	GEOSGeometry *pt = GEOSGeom_createPointFromXY_r(b->gh, lon, lat);
	double best = 1e9;
	long besti = -1;
	*outside_km = 0;
	if (!pt)
		return -1;
	q.pt = pt;
	GEOSSTRtree_query_r(b->gh, b->tree, pt, pip_cb, &q);
	if (q.found >= 0) {
		GEOSGeom_destroy_r(b->gh, pt);
		return q.found;
	}
	for (long i = 0; i < b->n_areas; i++) {
		double d;
		if (b->areas[i].level != 3)
			continue;
		if (GEOSPreparedDistance_r(b->gh, b->areas[i].prep, pt, &d) == 1 && d < best) {
			best = d;
			besti = i;
		}
	}
	GEOSGeom_destroy_r(b->gh, pt);
	/* degrees to km: at most 111 km per degree; conservative */
	*outside_km = best * 111.32;
	return *outside_km <= tolerance_km ? besti : -1;
}

/* Distance from a point to one sub-district, km (0 inside). */
static double outside_area_km(struct builder *b, long area, double lon, double lat)
{
	GEOSGeometry *pt = GEOSGeom_createPointFromXY_r(b->gh, lon, lat);
	double d = 1e9;
	if (!pt)
		return d;
	if (GEOSPreparedIntersects_r(b->gh, b->areas[area].prep, pt) == 1)
		d = 0;
	else if (GEOSPreparedDistance_r(b->gh, b->areas[area].prep, pt, &d) == 1)
		d *= 111.32;
	GEOSGeom_destroy_r(b->gh, pt);
	return d;
}

static void place_set_admin(struct builder *b, struct place *p, long area)
{
	p->area = area;
	if (area < 0)
		return;
	snprintf(p->admin3, sizeof p->admin3, "%s", b->areas[area].pcode);
	snprintf(p->admin2, sizeof p->admin2, "%.6s", b->areas[area].pcode);
	snprintf(p->admin1, sizeof p->admin1, "%.4s", b->areas[area].pcode);
}

/* ------------------------------------------------------------- matching */

#define KM_COMM 1
#define KM_NBH 2
#define KM_LAND 4
#define KM_SUB 8
#define KM_DIST 16

static int kind_bit(const char *k)
{
	if (k == K_COMM) return KM_COMM;
	if (k == K_NBH) return KM_NBH;
	if (k == K_LAND) return KM_LAND;
	if (k == K_SUB) return KM_SUB;
	if (k == K_DIST) return KM_DIST;
	return 0;
}

#define IN_MAX 48

/* The names of an incoming feature, with their keys. */
struct incoming {
	int n;
	struct {
		int ar;
		char key[160];
		char skel[160];
	} v[IN_MAX];
};

static void incoming_add(struct incoming *in, const char *name)
{
	const char *lang;
	char buf[512];
	char *s;
	if (!name || in->n >= IN_MAX)
		return;
	snprintf(buf, sizeof buf, "%s", name);
	s = trim(buf);
	if (!*s || !(lang = name_lang(s)))
		return;
	in->v[in->n].ar = lang[0] == 'a';
	geo_norm_key(s, in->v[in->n].key, sizeof in->v[in->n].key);
	geo_norm_skeleton(s, in->v[in->n].skel, sizeof in->v[in->n].skel);
	if (in->v[in->n].key[0])
		in->n++;
}

/* 1 when a name of place p and an incoming name are spellings of one name:
 * equal keys (same script); equal consonant skeletons of 4+ letters, or 3
 * within 2 km (Latin only: an Arabic skeleton drops ʿayn and long vowels, so "حي المعادي" and
 * "حميدية" would both be "hmd"; cross-script matching is left to the
 * geocoder); or, closer than 3 km, Latin keys of 5+ letters at least 80%
 * alike. */
static int names_match(const struct builder *b, long p, const struct incoming *in, double d)
{
	for (long i = b->places[p].first_name; i >= 0; i = b->names[i].next) {
		const struct name *n = &b->names[i];
		int ar = n->lang[0] == 'a';
		for (int k = 0; k < in->n; k++) {
			if (in->v[k].ar != ar)
				continue;
			if (n->key[0] && strcmp(n->key, in->v[k].key) == 0)
				return 1;
			if (!ar && n->skel && (strlen(n->skel) >= 4 || (strlen(n->skel) == 3 && d <= 2.0)) &&
			    strcmp(n->skel, in->v[k].skel) == 0)
				return 1;
			if (!ar && d <= 3.0 && strlen(n->key) >= 5 && strlen(in->v[k].key) >= 5 &&
			    geo_norm_similarity(n->key, in->v[k].key) >= 0.8)
				return 1;
		}
	}
	return 0;
}

/* The existing place (of a kind in `kinds`) that the incoming feature at
 * lon/lat in sub-district `area` is: the nearest place within radius_km
 * whose names match and which lies in the same sub-district (or within
 * SAME_SITE_KM across a border); failing that, a place of the same
 * sub-district that has no point yet and whose names match. -1 if none. */
static long find_match(const struct builder *b, const struct incoming *in, double lon,
                       double lat, long area, int kinds, double radius_km, double *d_out)
{
	long best = -1, pointless = -1, recoded = -1;
	double bestd = 1e9;
	double dlat = radius_km / 111.0, dlon = radius_km / 85.0; /* a box; Syria lat <= 37.5 */
	for (long p = 0; p < b->n_places; p++) {
		const struct place *pl = &b->places[p];
		double d;
		if (!(kind_bit(pl->kind) & kinds))
			continue;
		if (!pl->has_point) {
			/* same sub-district, no point to compare: judged as if 2 km away */
			if (pointless < 0 && area >= 0 && pl->area == area && names_match(b, p, in, 2.0))
				pointless = p;
			/* ... or, for a community whose 2018 sub-district the 2019
			 * polygons lack (Banyas district: Qadmous, Tawahin, whose
			 * district is another code in 2019), the only one of the name
			 * in the governorate */
			else if (area >= 0 && pl->area < 0 && pl->pcode &&
			         strcmp(pl->admin1, b->areas[area].admin1) == 0 && names_match(b, p, in, 2.0))
				recoded = recoded == -1 ? p : -2;
			continue;
		}
		if (fabs(pl->lat - lat) > dlat || fabs(pl->lon - lon) > dlon)
			continue;
		d = dist_km(lon, lat, pl->lon, pl->lat);
		if (d > radius_km || d >= bestd)
			continue;
		if (area >= 0 && pl->area >= 0 && pl->area != area && d > SAME_SITE_KM)
			continue;
		if (names_match(b, p, in, d)) {
			best = p;
			bestd = d;
		}
	}
	if (d_out)
		*d_out = best >= 0 ? bestd : -1;
	return best >= 0 ? best : pointless >= 0 ? pointless : recoded >= 0 ? recoded : -1;
}

/* The nearest place with a point of a kind in `kinds`, within radius_km. */
static long nearest_place(const struct builder *b, double lon, double lat, int kinds,
                          double radius_km, double *d_out)
{
	long best = -1;
	double bestd = radius_km;
	for (long p = 0; p < b->n_places; p++) {
		const struct place *pl = &b->places[p];
		double d;
		if (!(kind_bit(pl->kind) & kinds) || !pl->has_point || pl->point_source == NULL ||
		    strcmp(pl->point_source, "parent_point") == 0)
			continue;
		if (fabs(pl->lat - lat) > 0.2 || fabs(pl->lon - lon) > 0.2)
			continue;
		d = dist_km(lon, lat, pl->lon, pl->lat);
		if (d <= bestd) {
			best = p;
			bestd = d;
		}
	}
	if (d_out)
		*d_out = bestd;
	return best;
}

/* The city whose built-up area a point is likely in: a community of
 * 500,000+ people within 8 km, or of 100,000+ within 3 km; -1 if none. */
static long nearest_city(const struct builder *b, double lon, double lat)
{
	long best = -1;
	double bestd = 1e9;
	for (long p = 0; p < b->n_places; p++) {
		const struct place *pl = &b->places[p];
		double d, radius;
		/* IOM figures count displaced people camped around a town: not
		 * its built-up size */
		if (pl->kind != K_COMM || !pl->has_point || pl->population < 100000 ||
		    pl->population_iom)
			continue;
		radius = pl->population >= 500000 ? 8.0 : 3.0;
		d = dist_km(lon, lat, pl->lon, pl->lat);
		if (d <= radius && d < bestd) {
			best = p;
			bestd = d;
		}
	}
	return best;
}

/* ---------------------------------------------------------- communities */

static long code_number(const char *pc)
{
	char *end;
	long n;
	if (!pc || pc[0] != 'C' || !pc[1])
		return -1;
	n = strtol(pc + 1, &end, 10);
	if (*end || n <= 0 || n >= N_CODES)
		return -1;
	return n;
}

/* Split "Damascus (Joubar, Qaboun wa Tadamon)" into the base name and the
 * parts listed in brackets; returns the number of parts (up to max). */
static int split_parts(char *name, char **base, char **parts, int max)
{
	char *open = strchr(name, '('), *close, *p;
	int n = 0;
	*base = trim(name);
	if (!open)
		return 0;
	*open = '\0';
	*base = trim(name);
	close = strrchr(open + 1, ')');
	if (close)
		*close = '\0';
	p = open + 1;
	for (char *q = p; *q; q++)
		if (*q == '_')
			*q = ',';
	while (p && n < max) {
		char *comma = strchr(p, ',');
		char *wa;
		if (comma)
			*comma = '\0';
		/* "A wa B": the Arabic "and" joining two names */
		while ((wa = strstr(p, " wa ")) != NULL && n < max - 1) {
			*wa = '\0';
			if (*trim(p))
				parts[n++] = trim(p);
			p = wa + 4;
		}
		if (*trim(p))
			parts[n++] = trim(p);
		p = comma ? comma + 1 : NULL;
	}
	return n;
}

static enum geo_status load_communities(struct builder *b)
{
	struct csv c = {0};
	char *f[16];
	int nf, r, ci[7];
	static const char *const cols[7] = {"admin1_name_en", "admin2_pcode", "admin2_name_en",
	                                    "admin3_pcode", "admin3_name_en", "admin4_pcode",
	                                    "admin4_name_en"};
	unsigned char *rows = NULL;
	enum geo_status rc;
	char path[4096];
	snprintf(path, sizeof path, "%s", src_path(b, "ocha/syr_communities_hno2018.csv"));
	if ((rc = read_file(b, path, &c.buf, &c.len)) != GEO_OK)
		return rc;
	c.path = path;
	rows = geo_calloc(N_CODES, 1);
	if (!rows) {
		rc = nomem(b);
		goto out;
	}
	/* pass 1: rows per code */
	for (int pass = 1; pass <= 2; pass++) {
		if (pass == 2) {
			/* pass 1 parsed the buffer in place: read it again */
			free(c.buf);
			c.buf = NULL;
			if ((rc = read_file(b, path, &c.buf, &c.len)) != GEO_OK)
				goto out;
		}
		c.pos = 0;
		c.next_line = 0;
		if ((rc = csv_header(b, &c, f, 16, 0, cols, 7, ci)) != GEO_OK)
			goto out;
		while ((r = csv_next(b, &c, f, 16, &nf, 0)) > 0) {
			char namebuf[512], *base, *parts[16];
			const char *pc, *a3;
			long num, p, area;
			int np;
			if (nf < 7) {
				rc = GEO_ERROR(b->ctx, GEO_ERR_PARSE, "%s:%ld: %d fields, wanted 7", path,
				               c.line, nf);
				goto out;
			}
			pc = trim(f[ci[5]]);
			a3 = trim(f[ci[3]]);
			num = code_number(pc);
			if (num < 0 || strlen(a3) != 8) {
				rc = GEO_ERROR(b->ctx, GEO_ERR_PARSE,
				               "%s:%ld: column \"admin4_pcode\"/\"admin3_pcode\": \"%s\"/\"%s\" "
				               "is not a community/sub-district P-code", path, c.line, pc, a3);
				goto out;
			}
			if (pass == 1) {
				if (rows[num] < 255)
					rows[num]++;
				continue;
			}
			count_add(b, "ocha_communities_rows", 1);
			snprintf(namebuf, sizeof namebuf, "%s", f[ci[6]]);
			np = rows[num] > 1 ? split_parts(namebuf, &base, parts, 16) : 0;
			if (np == 0)
				base = trim(namebuf);
			p = b->code_place[num];
			if (p < 0) {
				p = place_add(b, pc, K_COMM, base, NULL);
				if (p < 0) {
					rc = geo_ctx_error_code(b->ctx);
					goto out;
				}
				b->code_place[num] = p;
				area = area_find(b, a3);
				if (area < 0) {
					/* a 2018 code the polygons lack: the sub-district of
					 * its name in the governorate, if one */
					char a1[8];
					snprintf(a1, sizeof a1, "%.4s", a3);
					if ((area = area_by_name(b, a1, trim(f[ci[4]]))) >= 0)
						count_add(b, "ocha_communities_recoded_admin3", 1);
				}
				if (area >= 0 && b->areas[area].level == 3) {
					place_set_admin(b, &b->places[p], area);
					b->places[p].parent = b->areas[area].place;
				} else {
					snprintf(b->places[p].admin3, sizeof b->places[p].admin3, "%s", a3);
					snprintf(b->places[p].admin2, sizeof b->places[p].admin2, "%.6s", a3);
					snprintf(b->places[p].admin1, sizeof b->places[p].admin1, "%.4s", a3);
					count_add(b, "ocha_communities_unknown_admin3", 1);
				}
				count_add(b, "ocha_communities", 1);
			}
			if ((rc = name_add(b, p, base, "ocha_communities", "official")) != GEO_OK)
				goto out;
			if (np == 0 && strchr(f[ci[6]], '(')) {
				/* "Ramadan (Non-Official Pr Camp)": also the name without the note */
				char plain[512];
				snprintf(plain, sizeof plain, "%s", f[ci[6]]);
				*strchr(plain, '(') = '\0';
				if ((rc = name_add(b, p, trim(plain), "ocha_communities", "alternate")) != GEO_OK)
					goto out;
			}
			for (int k = 0; k < np; k++) {
				long q = place_add(b, NULL, K_NBH, parts[k], NULL);
				if (q < 0) {
					rc = geo_ctx_error_code(b->ctx);
					goto out;
				}
				b->places[q].parent = p;
				b->places[q].area = b->places[p].area;
				memcpy(b->places[q].admin1, b->places[p].admin1, sizeof b->places[q].admin1);
				memcpy(b->places[q].admin2, b->places[p].admin2, sizeof b->places[q].admin2);
				memcpy(b->places[q].admin3, b->places[p].admin3, sizeof b->places[q].admin3);
				if ((rc = name_add(b, q, parts[k], "ocha_communities", "official")) != GEO_OK)
					goto out;
				count_add(b, "ocha_neighbourhoods", 1);
			}
			/* district and sub-district names as the community list spells them */
			area = area_find(b, trim(f[ci[1]]));
			if (area >= 0 && b->areas[area].place >= 0 &&
			    (rc = name_add(b, b->areas[area].place, f[ci[2]], "ocha_communities",
			                   "official")) != GEO_OK)
				goto out;
			area = area_find(b, a3);
			if (area >= 0 && b->areas[area].place >= 0 &&
			    (rc = name_add(b, b->areas[area].place, f[ci[4]], "ocha_communities",
			                   "official")) != GEO_OK)
				goto out;
		}
		if (r < 0) {
			rc = GEO_ERR_PARSE;
			goto out;
		}
	}
	rc = GEO_OK;
out:
	free(rows);
	free(c.buf);
	return rc;
}

static enum geo_status load_points(struct builder *b)
{
	struct csv c = {0};
	char *f[16];
	int nf, r, ci[4];
	static const char *const cols[4] = {"admin4_pcode", "admin4_name_en", "lon", "lat"};
	enum geo_status rc;
	char path[4096];
	snprintf(path, sizeof path, "%s", src_path(b, "ocha/syr_communities_points.csv"));
	if ((rc = read_file(b, path, &c.buf, &c.len)) != GEO_OK)
		return rc;
	c.path = path;
	if ((rc = csv_header(b, &c, f, 16, 0, cols, 4, ci)) != GEO_OK)
		goto out;
	while ((r = csv_next(b, &c, f, 16, &nf, 0)) > 0) {
		double lon, lat, out_km;
		long num, p;
		if (nf <= ci[3] || nf <= ci[2]) {
			rc = GEO_ERROR(b->ctx, GEO_ERR_PARSE, "%s:%ld: %d fields, too few", path, c.line, nf);
			goto out;
		}
		count_add(b, "ocha_points_rows", 1);
		if (!parse_double(trim(f[ci[2]]), &lon) || !parse_double(trim(f[ci[3]]), &lat)) {
			rc = GEO_ERROR(b->ctx, GEO_ERR_PARSE, "%s:%ld: column \"lon\"/\"lat\": \"%s\"/\"%s\" "
			               "is not a coordinate", path, c.line, f[ci[2]], f[ci[3]]);
			goto out;
		}
		num = code_number(trim(f[ci[0]]));
		p = num >= 0 ? b->code_place[num] : -1;
		if (p < 0) {
			count_add(b, "ocha_points_unknown_code", 1);
			continue;
		}
		if ((rc = name_add(b, p, f[ci[1]], "ocha_points", "official")) != GEO_OK)
			goto out;
		if (!in_syria_box(lon, lat)) {
			count_add(b, "ocha_points_rejected", 1);
			geo_ctx_warn(b->ctx, "%s:%ld: %s: point %.5f,%.5f is outside Syria: not used", path,
			             c.line, b->places[p].pcode, lon, lat);
			continue;
		}
		out_km = b->places[p].area >= 0 ? outside_area_km(b, b->places[p].area, lon, lat) : 0;
		if (out_km > POINT_TOLERANCE_KM) {
			count_add(b, "ocha_points_rejected", 1);
			geo_ctx_warn(b->ctx, "%s:%ld: %s (%s): point lies %.1f km outside its sub-district %s: "
			             "not used", path, c.line, b->places[p].pcode, b->places[p].name_en,
			             out_km, b->places[p].admin3);
			continue;
		}
		if (out_km > 0)
			count_add(b, "ocha_points_near_border", 1);
		place_set_point(&b->places[p], lon, lat, "ocha_points");
		count_add(b, "ocha_points_used", 1);
	}
	rc = r < 0 ? GEO_ERR_PARSE : GEO_OK;
out:
	free(c.buf);
	return rc;
}

/* Add all incoming names of a feature to a place. */
static enum geo_status add_names(struct builder *b, long p, const char *const *names, int n,
                                 const char *source, const char *first_type,
                                 const char *other_type)
{
	enum geo_status rc = GEO_OK;
	for (int i = 0; i < n && rc == GEO_OK; i++)
		rc = name_add(b, p, names[i], source, i == 0 ? first_type : other_type);
	return rc;
}

/* A new place for a feature no existing place matched. */
static long new_place(struct builder *b, const char *kind, const char *name_en,
                      const char *name_ar, double lon, double lat, long area,
                      const char *point_source)
{
	long p = place_add(b, NULL, kind, name_en, name_ar);
	if (p < 0)
		return -1;
	place_set_point(&b->places[p], lon, lat, point_source);
	place_set_admin(b, &b->places[p], area);
	if (area >= 0)
		b->places[p].parent = b->areas[area].place;
	return p;
}

/* --------------------------------------------------------------- OSM/IOM */

static enum geo_status on_osm(struct builder *b, OGRFeatureH f, GEOSGeometry *g, long fid)
{
	const char *names[3] = {fstr(f, "hot_name_en"), fstr(f, "hot_name_latin"), fstr(f, "hot_name")};
	const char *pc = fstr(f, "adm4_pcode"), *placetype = fstr(f, "hot_place");
	double lon, lat, d, out_km;
	long num, p = -1, area;
	struct incoming in = {0};
	enum geo_status rc;
	int ok = g && GEOSGeomTypeId_r(b->gh, g) == GEOS_POINT &&
	         GEOSGeomGetX_r(b->gh, g, &lon) == 1 && GEOSGeomGetY_r(b->gh, g, &lat) == 1;
	GEOSGeom_destroy_r(b->gh, g);
	count_add(b, "osm_rows", 1);
	if (!ok || !in_syria_box(lon, lat)) {
		count_add(b, "osm_bad_point", 1);
		geo_ctx_warn(b->ctx, "%s: feature %ld: no usable point: skipped", b->path, fid);
		return GEO_OK;
	}
	area = locate(b, lon, lat, POINT_TOLERANCE_KM, &out_km);
	num = code_number(pc);
	if (num >= 0 && (p = b->code_place[num]) >= 0) {
		struct place *pl = &b->places[p];
		if (pl->has_point) {
			d = dist_km(lon, lat, pl->lon, pl->lat);
			if (d > PCODE_AGREE_KM) {
				count_add(b, "osm_pcode_disagree", 1);
				p = -1;
			} else {
				count_add(b, "osm_merged_pcode", 1);
			}
		} else if ((pl->area >= 0 && outside_area_km(b, pl->area, lon, lat) <= POINT_TOLERANCE_KM) ||
		           (pl->area < 0 && area >= 0 &&
		            strncmp(b->areas[area].pcode, pl->admin1, 4) == 0)) {
			/* the second case: a 2018 sub-district code without a 2019
			 * polygon (Banyas); IOM matched the same community code, and the
			 * point is in the same governorate: the point fixes the place */
			place_set_point(pl, lon, lat, "osm");
			count_add(b, "osm_merged_pcode", 1);
			count_add(b, "osm_point_filled", 1);
		} else {
			count_add(b, "osm_pcode_disagree", 1);
			p = -1;
		}
	}
	if (p < 0) {
		if (area < 0) {
			count_add(b, "osm_outside", 1);
			return GEO_OK;
		}
		for (int i = 0; i < 3; i++)
			incoming_add(&in, names[i]);
		p = find_match(b, &in, lon, lat, area, KM_COMM | KM_NBH, MERGE_KM, &d);
		if (p >= 0) {
			count_add(b, "osm_merged_name", 1);
			if (!b->places[p].has_point)
				place_set_point(&b->places[p], lon, lat, "osm");
		} else {
			int nbh = placetype && (strcmp(placetype, "suburb") == 0 ||
			                        strcmp(placetype, "neighbourhood") == 0 ||
			                        strcmp(placetype, "quarter") == 0);
			const char *en = names[0] ? names[0] : names[1] ? names[1] : names[2];
			if (!en)
				return GEO_OK;
			p = new_place(b, nbh ? K_NBH : K_COMM, en, NULL, lon, lat, area, "osm");
			if (p < 0)
				return geo_ctx_error_code(b->ctx);
			count_add(b, "osm_added", 1);
			if (num >= 0 && b->code_place[num] < 0) {
				/* a community code newer than the 2018 list: keep it */
				if (!(b->places[p].pcode = geo_strdup(pc)))
					return nomem(b);
				b->code_place[num] = p;
				count_add(b, "osm_added_with_pcode", 1);
			}
		}
	}
	{
		/* IOM's population figure (residents, IDPs and returnees): a size
		 * for tie-breaking where GeoNames and OpenSyria give none */
		const char *tp = fstr(f, "total_population");
		long pop = tp ? strtol(tp, NULL, 10) : 0;
		if (pop > 0 && b->places[p].population <= 0) {
			b->places[p].population = pop;
			b->places[p].population_iom = 1;
			count_add(b, "osm_population_used", 1);
		}
	}
	if ((rc = name_add(b, p, names[0], "osm", "official")) != GEO_OK ||
	    (rc = name_add(b, p, names[1], "osm", "alternate")) != GEO_OK ||
	    (rc = name_add(b, p, names[2], "osm", "official")) != GEO_OK)
		return rc;
	return GEO_OK;
}

/* -------------------------------------------------------------- GeoNames */

/* A name of the governorate or district a town is the capital of
 * ("محافظة إدلب", "Muhafazat Halab", "Idlib Governorate"): GeoNames lists
 * them among the town's alternate names, but the geocoder must resolve them
 * to the unit, not to the town. */
static int is_admin_name(const char *name)
{
	static const char *const words[] = {"محافظة", "منطقة", "ناحية", "muhafaz", "mhafz",
	                                    "governorate", "province", "district", "nahiyat",
	                                    "mintaqat", NULL};
	for (int i = 0; words[i]; i++)
		if (strcasestr(name, words[i]))
			return 1;
	return 0;
}

/* The OCHA names of P-coded communities, sorted by key: for
 * geonames_alt_elsewhere(). */
struct key_ref {
	const char *key;
	long place;
};

static int key_ref_cmp(const void *a, const void *b)
{
	return strcmp(((const struct key_ref *)a)->key, ((const struct key_ref *)b)->key);
}

static enum geo_status ocha_keys(struct builder *b, struct key_ref **out, size_t *n_out)
{
	size_t n = 0;
	struct key_ref *v = geo_malloc((size_t)(b->n_names ? b->n_names : 1) * sizeof *v);
	if (!v)
		return nomem(b);
	for (long i = 0; i < b->n_names; i++) {
		const struct name *nm = &b->names[i];
		const struct place *p = &b->places[nm->place];
		if (strncmp(nm->source, "ocha", 4) == 0 && nm->key[0] && p->kind == K_COMM && p->pcode &&
		    p->has_point)
			v[n++] = (struct key_ref){nm->key, nm->place};
	}
	qsort(v, n, sizeof *v, key_ref_cmp);
	*out = v;
	*n_out = n;
	return GEO_OK;
}

/* 1 when a GeoNames alternate of place p is the OCHA name of another
 * community of its governorate more than NAME_ELSEWHERE_KM away, and it is
 * not a spelling of any name p has (from another source, or the GeoNames
 * row's own `own` names): GeoNames lists "Marshemarin" among the names of
 * Ma'arrat Misrin, but Maar Shamarin is OCHA's C3983, 44 km south, and the
 * town of many incident reports; "Bezzaq" among Rawda's. "Sfira" stays a
 * name of the town As-Safira, though a village of Aleppo is spelt so. */
#define NAME_ELSEWHERE_KM 10.0
#define NAME_ELSEWHERE_ALIKE 0.75
static int geonames_alt_elsewhere(const struct builder *b, long p, const char *alt,
                                  const char *const *own, int n_own,
                                  const struct key_ref *keys, size_t n_keys)
{
	char buf[512], key[256], okey[256];
	const struct place *pl = &b->places[p];
	snprintf(buf, sizeof buf, "%s", alt);
	geo_norm_key(trim(buf), key, sizeof key);
	if (!key[0] || !pl->has_point)
		return 0;
	for (long i = pl->first_name; i >= 0; i = b->names[i].next)
		if (strcmp(b->names[i].source, "geonames") != 0 &&
		    geo_norm_similarity(b->names[i].key, key) >= NAME_ELSEWHERE_ALIKE)
			return 0;
	for (int i = 0; i < n_own; i++) {
		snprintf(buf, sizeof buf, "%s", own[i]);
		geo_norm_key(trim(buf), okey, sizeof okey);
		if (geo_norm_similarity(okey, key) >= NAME_ELSEWHERE_ALIKE)
			return 0;
	}
	size_t lo = 0, hi = n_keys;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (strcmp(keys[mid].key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t k = lo; k < n_keys && strcmp(keys[k].key, key) == 0; k++) {
		const struct place *q = &b->places[keys[k].place];
		if (keys[k].place != p && strcmp(q->admin1, pl->admin1) == 0 &&
		    dist_km(q->lon, q->lat, pl->lon, pl->lat) > NAME_ELSEWHERE_KM)
			return 1;
	}
	return 0;
}

static enum geo_status load_geonames(struct builder *b)
{
	char *buf = NULL, *line, *save = NULL;
	size_t len, n_keys = 0;
	long lineno = 0;
	enum geo_status rc;
	char path[4096];
	struct key_ref *keys = NULL;
	snprintf(path, sizeof path, "%s", src_path(b, "geonames/cities500_SY.txt"));
	if ((rc = read_file(b, path, &buf, &len)) != GEO_OK)
		return rc;
	if ((rc = ocha_keys(b, &keys, &n_keys)) != GEO_OK) {
		free(buf);
		return rc;
	}
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *col[20], *p = line, *alt, *as = NULL;
		const char *names[IN_MAX];
		int nc = 0, nn = 0, n_own;
		double lon, lat, d, out_km;
		long pl, area, pop;
		struct incoming in = {0};
		lineno++;
		if (!*trim(line))
			continue;
		while (nc < 20) {
			col[nc++] = p;
			p = strchr(p, '\t');
			if (!p)
				break;
			*p++ = '\0';
		}
		if (nc < 15 || !parse_double(col[4], &lat) || !parse_double(col[5], &lon)) {
			rc = GEO_ERROR(b->ctx, GEO_ERR_PARSE, "%s:%ld: not a GeoNames row (19 tab-separated "
			               "columns with latitude and longitude)", path, lineno);
			goto out;
		}
		count_add(b, "geonames_rows", 1);
		if (strcmp(col[6], "P") != 0) {
			count_add(b, "geonames_not_populated", 1);
			continue;
		}
		area = locate(b, lon, lat, POINT_TOLERANCE_KM, &out_km);
		if (area < 0) {
			count_add(b, "geonames_outside", 1);
			continue;
		}
		names[nn++] = col[1];
		if (strcmp(col[2], col[1]) != 0)
			names[nn++] = col[2];
		n_own = nn;
		for (alt = strtok_r(col[3], ",", &as); alt && nn < IN_MAX; alt = strtok_r(NULL, ",", &as))
			if (!is_admin_name(alt))
				names[nn++] = alt;
			else
				count_add(b, "geonames_admin_names_dropped", 1);
		for (int i = 0; i < nn; i++)
			incoming_add(&in, names[i]);
		pop = strtol(col[14], NULL, 10);
		pl = find_match(b, &in, lon, lat, area, KM_COMM | KM_NBH, MERGE_KM, &d);
		if (pl >= 0) {
			count_add(b, "geonames_merged", 1);
			if (!b->places[pl].has_point)
				place_set_point(&b->places[pl], lon, lat, "geonames");
		} else {
			pl = new_place(b, strcmp(col[7], "PPLX") == 0 ? K_NBH : K_COMM, col[1], NULL, lon,
			               lat, area, "geonames");
			if (pl < 0) {
				rc = geo_ctx_error_code(b->ctx);
				goto out;
			}
			count_add(b, "geonames_added", 1);
		}
		if (pop > 0 && (pop > b->places[pl].population || b->places[pl].population_iom)) {
			b->places[pl].population = pop;
			b->places[pl].population_iom = 0;
		}
		{
			int kept = n_own;
			for (int i = n_own; i < nn; i++)
				if (geonames_alt_elsewhere(b, pl, names[i], names, n_own, keys, n_keys))
					count_add(b, "geonames_alt_elsewhere_dropped", 1);
				else
					names[kept++] = names[i];
			nn = kept;
		}
		if ((rc = add_names(b, pl, names, nn, "geonames", "official", "alternate")) != GEO_OK)
			goto out;
	}
	rc = GEO_OK;
out:
	free(keys);
	free(buf);
	return rc;
}

/* ------------------------------------------------------- Syrian Archive */

static int has_word(const char *lower, const char *w)
{
	size_t n = strlen(w);
	for (const char *p = strstr(lower, w); p; p = strstr(p + 1, w))
		if ((p == lower || p[-1] == ' ' || p[-1] == '-') && (p[n] == '\0' || p[n] == ' ' ||
		                                                     p[n] == 's' || p[n] == '-'))
			return 1;
	return 0;
}

static int is_landmark_name(const char *name)
{
	static const char *const words[] = {
		"roundabout", "hospital", "school", "mosque", "square", "street", "bridge", "factory",
		"university", "stadium", "airport", "base", "checkpoint", "prison", "dam", "market",
		"station", "bakery", "company", "church", "park", "garden", "gate", "castle", "citadel",
		"palace", "college", "institute", "building", "court", "branch", "barracks", "academy",
		"roundabout", "road", "highway", "crossing", "hotel", "tower", "plant", "complex",
		"office", "center", "centre", "clinic", "mill", "silos", "quarry", "battalion",
		"brigade", "regiment", "airbase", "camp", "uni", NULL};
	char lower[256];
	size_t i;
	for (i = 0; name[i] && i + 1 < sizeof lower; i++)
		lower[i] = (name[i] >= 'A' && name[i] <= 'Z') ? (char)(name[i] + 32) : name[i];
	lower[i] = '\0';
	for (int k = 0; words[k]; k++)
		if (has_word(lower, words[k]))
			return 1;
	return 0;
}

/* Strip a trailing word ("nahiyah") case-insensitively; 1 when stripped. */
static int strip_suffix(char *s, const char *word)
{
	size_t n = strlen(s), w = strlen(word);
	if (n > w + 1 && strcasecmp(s + n - w, word) == 0 && s[n - w - 1] == ' ') {
		s[n - w - 1] = '\0';
		trim(s);
		return 1;
	}
	return 0;
}

static enum geo_status load_syrianarchive(struct builder *b)
{
	json_object *arr = NULL;
	enum geo_status rc;
	char path[4096];
	snprintf(path, sizeof path, "%s", src_path(b, "syrianarchive/locations.json"));
	if ((rc = load_json(b, path, &arr)) != GEO_OK)
		return rc;
	for (size_t i = 0; i < json_object_array_length(arr); i++) {
		json_object *o = json_object_array_get_idx(arr, i);
		const char *rawname = jstr(o, "name"), *ar = jstr(o, "arabic_name");
		const char *slon = jstr(o, "longitude"), *slat = jstr(o, "latitude");
		char name[256], arbuf[256];
		double lon, lat, d, out_km;
		long p = -1, area;
		int admin_level = 0, unit_not_town = 0, merged = 0;
		struct incoming in = {0};
		count_add(b, "syrianarchive_rows", 1);
		if (!rawname || !slon || !slat || !parse_double(trim((char *)slon), &lon) ||
		    !parse_double(trim((char *)slat), &lat)) {
			count_add(b, "syrianarchive_bad_point", 1);
			geo_ctx_warn(b->ctx, "%s: entry %zu: no numeric longitude/latitude: skipped", path, i);
			continue;
		}
		if (!in_syria_box(lon, lat) && in_syria_box(lat, lon)) {
			double t = lon;
			lon = lat;
			lat = t;
			count_add(b, "syrianarchive_swapped", 1);
		}
		snprintf(name, sizeof name, "%s", rawname);
		snprintf(arbuf, sizeof arbuf, "%s", ar ? ar : "");
		trim(name);
		if (strip_suffix(name, "nahiyah"))
			admin_level = 3;
		else if (strip_suffix(name, "mantiqah"))
			admin_level = 2;
		else
			strip_suffix(name, "village");
		area = locate(b, lon, lat, POINT_TOLERANCE_KM, &out_km);
		if (area < 0) {
			count_add(b, "syrianarchive_outside", 1);
			continue;
		}
		incoming_add(&in, name);
		incoming_add(&in, trim(arbuf));
		if (admin_level) {
			/* a sub-district or district: the unit containing the point, or a
			 * neighbour within 10 km, whose names match */
			for (long a = 0; a < b->n_areas && p < 0; a++) {
				if (b->areas[a].level != admin_level)
					continue;
				if (strncmp(b->areas[a].pcode, b->areas[area].pcode, admin_level == 3 ? 8 : 6) != 0 &&
				    dist_km(lon, lat, b->places[b->areas[a].place].lon,
				            b->places[b->areas[a].place].lat) > 40)
					continue;
				if (names_match(b, b->areas[a].place, &in, 10))
					p = b->areas[a].place;
			}
			if (p < 0) {
				/* the point is often the town the unit is named after */
				p = find_match(b, &in, lon, lat, area, KM_COMM, MERGE_KM, &d);
				if (p >= 0 && b->places[p].has_point) {
					merged = 1;
					count_add(b, "syrianarchive_merged", 1);
					/* ... or a town of the unit, named in Arabic only:
					 * "Qudsaya mantiqah", عين الفيجة is Ain al-Fijeh, in
					 * Qudsaya's district, not Qudsaya */
					struct incoming en = {0};
					incoming_add(&en, name);
					if (!names_match(b, p, &en, d)) {
						unit_not_town = 1;
						count_add(b, "syrianarchive_unit_not_town", 1);
					}
				} else {
					count_add(b, "syrianarchive_admin_unmatched", 1);
					geo_ctx_warn(b->ctx, "%s: entry %zu: \"%s\": no %s or town of that name "
					             "near %.4f,%.4f: skipped", path, i, trim(name),
					             admin_level == 3 ? "sub-district" : "district", lon, lat);
					continue;
				}
			} else {
				count_add(b, "syrianarchive_merged_admin", 1);
				struct incoming en = {0};
				incoming_add(&en, name);
				if (!names_match(b, p, &en, 0)) {
					unit_not_town = 1;
					count_add(b, "syrianarchive_unit_not_town", 1);
				}
			}
		} else {
			p = find_match(b, &in, lon, lat, area, KM_COMM | KM_NBH | KM_LAND, MERGE_KM, &d);
			if (p >= 0) {
				struct place *pl = &b->places[p];
				merged = 1;
				count_add(b, "syrianarchive_merged", 1);
				if (!pl->has_point || strcmp(pl->point_source, "parent_point") == 0)
					place_set_point(pl, lon, lat, "syrianarchive");
			} else {
				const char *kind = K_COMM;
				long parent = -1;
				double nd;
				long near = nearest_place(b, lon, lat, KM_COMM, 8.0, &nd);
				long city = nearest_city(b, lon, lat);
				if (is_landmark_name(name)) {
					kind = K_LAND;
					if (city >= 0)
						parent = city;
					else if (near >= 0 && nd <= 3.0)
						parent = near;
				} else if (city >= 0) {
					kind = K_NBH;
					parent = city;
				} else if (near >= 0 && (nd <= 1.5 || strncmp(trim(arbuf), "حي ", 5) == 0)) {
					kind = K_NBH;
					parent = near;
				}
				p = new_place(b, kind, name, NULL, lon, lat, area, "syrianarchive");
				if (p < 0) {
					rc = geo_ctx_error_code(b->ctx);
					goto out;
				}
				if (parent >= 0)
					b->places[p].parent = parent;
				count_add(b, kind == K_COMM ? "syrianarchive_added_community" :
				             kind == K_NBH ? "syrianarchive_added_neighbourhood" :
				                             "syrianarchive_added_landmark", 1);
			}
		}
		if (unit_not_town)
			geo_ctx_warn(b->ctx, "%s: entry %zu: \"%s\" names a unit and its Arabic \"%s\" a "
			             "place of it: only the Arabic name is given to %s", path, i, trim(name),
			             trim(arbuf), b->places[p].name_en);
		/* an Arabic "حي X" (the quarter X) on a record merged into a
		 * village or town names a city's quarter, not the place: its
		 * "Sarrin" is حي السريان, Aleppo's al-Suryan, 110 km away;
		 * "Arba'een" is Hama's حي مشاع الأربعين, 27 km away */
		int quarter_ar = merged && b->places[p].kind == K_COMM && b->places[p].population < 100000 &&
		                 strncmp(trim(arbuf), "حي ", strlen("حي ")) == 0;
		if (quarter_ar) {
			count_add(b, "syrianarchive_quarter_name_dropped", 1);
			geo_ctx_warn(b->ctx, "%s: entry %zu: \"%s\": its Arabic \"%s\" names a quarter, not "
			             "%s: not taken", path, i, trim(name), trim(arbuf), b->places[p].name_en);
		}
		if ((!unit_not_town && (rc = name_add(b, p, name, "syrianarchive", "report")) != GEO_OK) ||
		    (!quarter_ar && (rc = name_add(b, p, arbuf, "syrianarchive", "report")) != GEO_OK))
			goto out;
		/* its quarters' Arabic names often begin with حي (quarter): the
		 * name without it too ("حيّ الليرمون" is الليرمون, which a
		 * curated quarter of that name then joins) */
		{
			static const char *const HAY[] = {"حي ", "حيّ ", NULL};
			const char *ta = trim(arbuf);
			for (size_t k = 0; !quarter_ar && HAY[k]; k++)
				if (strncmp(ta, HAY[k], strlen(HAY[k])) == 0 && ta[strlen(HAY[k])] &&
				    (rc = name_add(b, p, ta + strlen(HAY[k]), "syrianarchive", "report")) != GEO_OK)
					goto out;
		}
		/* "طريق التح" (the road of al-Tah) merged into the village Tah:
		 * the village's own name is التح */
		static const char ROAD[] = "\xd8\xb7\xd8\xb1\xd9\x8a\xd9\x82 "; /* طريق */
		const char *road = trim(arbuf);
		if (merged && b->places[p].kind == K_COMM && strncmp(road, ROAD, sizeof ROAD - 1) == 0 &&
		    (rc = name_add(b, p, road + sizeof ROAD - 1, "syrianarchive", "report")) != GEO_OK)
			goto out;
	}
	rc = GEO_OK;
out:
	json_object_put(arr);
	return rc;
}

/* ------------------------------------------------------------- curated */

static const char *kind_from(const char *s)
{
	static const char *const *const all[] = {&K_GOV, &K_DIST, &K_SUB, &K_COMM, &K_NBH, &K_LAND};
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		if (strcmp(s, *all[i]) == 0)
			return *all[i];
	return NULL;
}

static int pcode_ok(const char *pc)
{
	size_t n = strlen(pc);
	if (code_number(pc) >= 0)
		return 1;
	if (strncmp(pc, "SY", 2) != 0 || !(n == 4 || n == 6 || n == 8))
		return 0;
	for (size_t i = 2; i < n; i++)
		if (pc[i] < '0' || pc[i] > '9')
			return 0;
	return 1;
}

/* The place with this P-code, or -1. */
static long place_by_pcode(const struct builder *b, const char *pc)
{
	long num = code_number(pc);
	if (num >= 0)
		return b->code_place[num];
	for (long i = 0; i < b->n_places; i++)
		if (b->places[i].pcode && strcmp(b->places[i].pcode, pc) == 0 &&
		    b->places[i].kind != K_COMM)
			return i;
	return -1;
}

/* A curated row's names for place p: its English and Arabic names
 * (official) and its aliases, separated by | (the string is cut up). */
static enum geo_status add_curated_names(struct builder *b, long p, const char *en, const char *ar,
                                         char *aliases)
{
	enum geo_status rc;
	char *alias, *save = NULL;
	if ((rc = name_add(b, p, en, "curated", "official")) != GEO_OK ||
	    (rc = name_add(b, p, ar, "curated", "official")) != GEO_OK)
		return rc;
	for (alias = strtok_r(aliases, "|", &save); alias; alias = strtok_r(NULL, "|", &save))
		if ((rc = name_add(b, p, alias, "curated", "alias")) != GEO_OK)
			return rc;
	return GEO_OK;
}

/* The governorate number of "SYnn" (1..14), or 0. */
static unsigned code_number_admin1(const char *a1)
{
	if (strlen(a1) != 4 || a1[0] != 'S' || a1[1] != 'Y' || a1[2] < '0' || a1[2] > '9' || a1[3] < '0' ||
	    a1[3] > '9')
		return 0;
	unsigned n = (unsigned)((a1[2] - '0') * 10 + (a1[3] - '0'));
	return n >= 1 && n <= 14 ? n : 0;
}

/* The bits (1 << n) of "SYnn|SYmm..." into *mask; 0 when a code is not a
 * governorate's ("" is none). */
static int reported_mask(const char *v, unsigned *mask)
{
	*mask = 0;
	if (!*v)
		return 1;
	/* (each |-separated field a code: "SY04||SY05" has an empty one) */
	for (const char *p = v;;) {
		size_t l = strcspn(p, "|");
		char code[16];
		if (l >= sizeof code)
			return 0;
		memcpy(code, p, l);
		code[l] = '\0';
		unsigned n = code_number_admin1(trim(code));
		if (!n)
			return 0;
		*mask |= 1u << n;
		if (!p[l])
			break;
		p += l + 1;
	}
	return 1;
}

/* The curated list (our own facts; columns in gazetteer/curated/places.csv).
 * Reduced build: it is the whole gazetteer. Full build: its names join the
 * place of the same P-code, and its point is used when that place has none;
 * a curated point far from the reference point is reported (it means one of
 * the two is wrong). */
static enum geo_status load_curated(struct builder *b, int reduced)
{
	struct csv c = {0};
	char *f[16];
	int nf, r, ci[11];
	static const char *const cols[11] = {"pcode", "kind", "name_en", "name_ar", "admin1_pcode",
	                                     "admin2_pcode", "admin3_pcode", "lon", "lat",
	                                     "aliases", "source"};
	enum geo_status rc;
	const char *path = b->opts->curated;
	if ((rc = read_file(b, path, &c.buf, &c.len)) != GEO_OK)
		return rc;
	c.path = path;
	int n_cols;
	if ((rc = csv_header_nf(b, &c, f, 16, 1, cols, 11, ci, &n_cols)) != GEO_OK)
		goto out;
	/* (and, optionally, the governorates reports also file a place under) */
	int ci_rep = -1;
	for (int i = 0; i < n_cols; i++)
		if (strcmp(trim(f[i]), "reported_admin1") == 0)
			ci_rep = i;
	while ((r = csv_next(b, &c, f, 16, &nf, 1)) > 0) {
		const char *pc, *kind, *en, *ar, *a1, *a2, *a3;
		double lon, lat;
		long p;
		unsigned rep = 0;
		if (nf != n_cols) {
			rc = GEO_ERROR(b->ctx, GEO_ERR_PARSE, "%s:%ld: %d fields, wanted %d", path, c.line, nf,
			               n_cols);
			goto out;
		}
		if (ci_rep >= 0 && !reported_mask(trim(f[ci_rep]), &rep)) {
			rc = GEO_ERROR(b->ctx, GEO_ERR_PARSE, "%s:%ld: column \"reported_admin1\": \"%s\" is not "
			               "SYnn codes separated by |", path, c.line, f[ci_rep]);
			goto out;
		}
		pc = trim(f[ci[0]]);
		kind = kind_from(trim(f[ci[1]]));
		en = trim(f[ci[2]]);
		ar = trim(f[ci[3]]);
		a1 = trim(f[ci[4]]);
		a2 = trim(f[ci[5]]);
		a3 = trim(f[ci[6]]);
		if (!pcode_ok(pc)) {
			rc = GEO_ERROR(b->ctx, GEO_ERR_PARSE, "%s:%ld: column \"pcode\": \"%s\" is not a "
			               "P-code", path, c.line, pc);
			goto out;
		}
		if (!kind) {
			rc = GEO_ERROR(b->ctx, GEO_ERR_PARSE, "%s:%ld: column \"kind\": \"%s\" is not a place "
			               "kind", path, c.line, f[ci[1]]);
			goto out;
		}
		if (!*en) {
			rc = GEO_ERROR(b->ctx, GEO_ERR_PARSE, "%s:%ld: column \"name_en\" is empty", path,
			               c.line);
			goto out;
		}
		if (strlen(a1) != 4 || !pcode_ok(a1) || (*a2 && (strlen(a2) != 6 || !pcode_ok(a2))) ||
		    (*a3 && (strlen(a3) != 8 || !pcode_ok(a3)))) {
			rc = GEO_ERROR(b->ctx, GEO_ERR_PARSE, "%s:%ld: columns \"admin1_pcode\".. "
			               "\"admin3_pcode\": \"%s\" \"%s\" \"%s\" are not SYnn/SYnnnn/SYnnnnnn",
			               path, c.line, a1, a2, a3);
			goto out;
		}
		/* no point: a row that only names a place the reference data
		 * holds (the reduced gazetteer, whose places are these rows,
		 * leaves it out) */
		int no_point = !*trim(f[ci[7]]) && !*trim(f[ci[8]]);
		if (!no_point && (!parse_double(trim(f[ci[7]]), &lon) || !parse_double(trim(f[ci[8]]), &lat) ||
		                  !in_syria_box(lon, lat))) {
			rc = GEO_ERROR(b->ctx, GEO_ERR_PARSE, "%s:%ld: columns \"lon\",\"lat\": \"%s\",\"%s\" "
			               "is not a point in Syria", path, c.line, f[ci[7]], f[ci[8]]);
			goto out;
		}
		count_add(b, "curated_rows", 1);
		if (reduced && no_point) {
			count_add(b, "curated_names_only_left_out", 1);
			continue;
		}
		if (reduced) {
			if (place_by_pcode(b, pc) >= 0) {
				rc = GEO_ERROR(b->ctx, GEO_ERR_INVALID, "%s:%ld: P-code %s appears twice", path,
				               c.line, pc);
				goto out;
			}
			if ((p = place_add(b, pc, kind, en, ar)) < 0) {
				rc = geo_ctx_error_code(b->ctx);
				goto out;
			}
			if (code_number(pc) >= 0)
				b->code_place[code_number(pc)] = p;
			snprintf(b->places[p].admin1, sizeof b->places[p].admin1, "%s", a1);
			snprintf(b->places[p].admin2, sizeof b->places[p].admin2, "%s", a2);
			snprintf(b->places[p].admin3, sizeof b->places[p].admin3, "%s", a3);
			place_set_point(&b->places[p], lon, lat, "curated");
			count_add(b, "curated_places", 1);
		} else {
			p = place_by_pcode(b, pc);
			if (p < 0) {
				count_add(b, "curated_unknown_pcode", 1);
				geo_ctx_warn(b->ctx, "%s:%ld: P-code %s (%s) is not in the reference data: row "
				             "not used", path, c.line, pc, en);
				continue;
			}
			if (no_point) {
				/* names only */
			} else if (!b->places[p].has_point) {
				place_set_point(&b->places[p], lon, lat, "curated");
				count_add(b, "curated_point_used", 1);
			} else if (b->places[p].kind == K_COMM) {
				double d = dist_km(lon, lat, b->places[p].lon, b->places[p].lat);
				if (d > 2.0) {
					count_add(b, "curated_point_disagrees", 1);
					geo_ctx_warn(b->ctx, "%s:%ld: %s (%s): the curated point is %.1f km from "
					             "the %s point", path, c.line, pc, en, d,
					             b->places[p].point_source);
				}
			}
			count_add(b, "curated_merged", 1);
		}
		b->places[p].reported |= rep & ~(1u << code_number_admin1(b->places[p].admin1));
		if ((rc = add_curated_names(b, p, en, ar, f[ci[9]])) != GEO_OK)
			goto out;
	}
	rc = r < 0 ? GEO_ERR_PARSE : GEO_OK;
out:
	free(c.buf);
	return rc;
}

/* ------------------------------------------------------------- quarters */

#define QUARTER_KM 12.0 /* a quarter's own record lies this near its city's point */

/* The curated city quarters (gazetteer/curated/quarters.csv; columns
 * city_pcode, name_en, name_ar, aliases, source): quarters of the big
 * cities that incident reports name and no reference source holds (Aleppo's
 * al-Sakhour, Homs's Baba Amr). A quarter a source already holds near its
 * city (the Syrian Archive's Sha'ar; a community of the same name) gets the
 * names; another becomes a neighbourhood of the city, placed at the city's
 * point ("parent_point": the geocoder says the point is the city's). */
static enum geo_status load_quarters(struct builder *b)
{
	struct csv c = {0};
	char *f[8];
	int nf, r, ci[5];
	static const char *const cols[5] = {"city_pcode", "name_en", "name_ar", "aliases", "source"};
	enum geo_status rc;
	const char *path = b->opts->quarters;
	if (!path)
		return GEO_OK;
	if ((rc = read_file(b, path, &c.buf, &c.len)) != GEO_OK)
		return rc;
	c.path = path;
	if ((rc = csv_header(b, &c, f, 8, 1, cols, 5, ci)) != GEO_OK)
		goto out;
	count_add(b, "quarters_merged", 0);
	count_add(b, "quarters_added", 0);
	while ((r = csv_next(b, &c, f, 8, &nf, 1)) > 0) {
		if (nf != 5) {
			rc = GEO_ERROR(b->ctx, GEO_ERR_PARSE, "%s:%ld: %d fields, wanted 5", path, c.line, nf);
			goto out;
		}
		const char *pc = trim(f[ci[0]]), *en = trim(f[ci[1]]), *ar = trim(f[ci[2]]);
		char *aliases = f[ci[3]];
		if (!*en || !*ar) {
			rc = GEO_ERROR(b->ctx, GEO_ERR_PARSE, "%s:%ld: column \"%s\" is empty", path, c.line,
			               *en ? "name_ar" : "name_en");
			goto out;
		}
		const char *le = name_lang(en), *la = name_lang(ar);
		if (!le || le[0] != 'e' || !la || la[0] != 'a') {
			int bad_en = !le || le[0] != 'e';
			rc = GEO_ERROR(b->ctx, GEO_ERR_PARSE, "%s:%ld: column \"%s\": \"%s\" is not in %s script",
			               path, c.line, bad_en ? "name_en" : "name_ar", bad_en ? en : ar,
			               bad_en ? "Latin" : "Arabic");
			goto out;
		}
		long city = pcode_ok(pc) ? place_by_pcode(b, pc) : -1;
		if (city < 0 || b->places[city].kind != K_COMM || !b->places[city].has_point) {
			rc = GEO_ERROR(b->ctx, GEO_ERR_PARSE, "%s:%ld: column \"city_pcode\": \"%s\" is not "
			               "a community with a point", path, c.line, pc);
			goto out;
		}
		const struct place *cp = &b->places[city];
		struct incoming in = {0};
		incoming_add(&in, en);
		incoming_add(&in, ar);
		/* the nearest place of the city's governorate within QUARTER_KM
		 * bearing the name (its key, or a skeleton of 4+ letters: no
		 * looser likeness, as quarters of one city are alike) */
		long p = -1;
		double best = QUARTER_KM;
		for (long k = 0; k < b->n_places; k++) {
			const struct place *pl = &b->places[k];
			if (!(kind_bit(pl->kind) & (KM_COMM | KM_NBH | KM_LAND)) || !pl->has_point ||
			    strcmp(pl->admin1, cp->admin1) != 0)
				continue;
			double d = dist_km(cp->lon, cp->lat, pl->lon, pl->lat);
			if (d < best && names_match(b, k, &in, QUARTER_KM)) {
				best = d;
				p = k;
			}
		}
		if (p >= 0) {
			count_add(b, "quarters_merged", 1);
		} else {
			p = new_place(b, K_NBH, en, ar, cp->lon, cp->lat, cp->area, "parent_point");
			if (p < 0) {
				rc = geo_ctx_error_code(b->ctx);
				goto out;
			}
			b->places[p].parent = city;
			count_add(b, "quarters_added", 1);
		}
		if ((rc = add_curated_names(b, p, en, ar, aliases)) != GEO_OK)
			goto out;
	}
	rc = r < 0 ? GEO_ERR_PARSE : GEO_OK;
out:
	free(c.buf);
	return rc;
}

/* ------------------------------------------------------------- finalise */

/* Attach every place to its sub-district by point-in-polygon, give
 * communities without a point their sub-district's point, neighbourhoods
 * without one their town's, and set parents. */
/* A key with the words for a camp or quarter dropped: "Yarmouk Camp",
 * "مخيم اليرموك", "حي الوعر" are named after Yarmuk, al-Waer. */
static void key_without_kind(const char *name, char *key, size_t cap)
{
	static const char *const KIND[] = {"camp", "camps", "refugee", "refugees", "mukhayyam",
	                                   "mukhayam", "neighbourhood", "neighborhood", "quarter",
	                                   "hay", "hayy", "hai", "مخيم", "حي", NULL};
	char buf[512], out[512];
	size_t n = 0;
	geo_norm_fold(name, buf, sizeof buf); /* (lower case, no marks or punctuation) */
	out[0] = '\0';
	for (char *save = NULL, *w = strtok_r(buf, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		int kind = 0;
		for (size_t k = 0; KIND[k] && !kind; k++)
			kind = strcmp(w, KIND[k]) == 0;
		if (!kind && n + strlen(w) + 2 < sizeof out)
			n += (size_t)snprintf(out + n, sizeof out - n, "%s%s", n ? " " : "", w);
	}
	geo_norm_key(out, key, cap);
}

/* A neighbourhood or landmark with a point of its own (not its city's:
 * a curated quarter's parent_point), in the sub-district of community i
 * (which has none), named as i is, but for a word for camp or quarter:
 * OCHA's community Yarmuk of Damascus is the Yarmouk camp, 5 km from the
 * sub-district's centroid. -1 when none, or more than one. */
static long placed_namesake(const struct builder *b, long i)
{
	const struct place *p = &b->places[i];
	long found = -1;
	if (p->area < 0)
		return -1;
	for (long k = 0; k < b->n_places; k++) {
		const struct place *q = &b->places[k];
		if ((q->kind != K_NBH && q->kind != K_LAND) || !q->has_point || q->area != p->area ||
		    k == found || (q->point_source && strcmp(q->point_source, "parent_point") == 0))
			continue;
		int same = 0;
		for (long m = q->first_name; m >= 0 && !same; m = b->names[m].next) {
			char key[256];
			key_without_kind(b->names[m].name, key, sizeof key); /* (once per name) */
			for (long a = p->first_name; a >= 0 && !same; a = b->names[a].next)
				same = b->names[a].lang[0] == b->names[m].lang[0] && b->names[a].key[0] &&
				       strcmp(key, b->names[a].key) == 0;
		}
		if (same) {
			if (found >= 0)
				return -1;
			found = k;
		}
	}
	return found;
}

static enum geo_status finalise(struct builder *b)
{
	for (long i = 0; i < b->n_places; i++) {
		struct place *p = &b->places[i];
		double out_km;
		long a;
		if (p->kind == K_GOV || p->kind == K_DIST || p->kind == K_SUB)
			continue;
		if (p->area >= 0 || !p->has_point)
			continue;
		a = locate(b, p->lon, p->lat, 5.0, &out_km);
		if (a >= 0) {
			place_set_admin(b, p, a);
			if (p->parent < 0 && p->kind == K_COMM)
				p->parent = b->areas[a].place;
		}
	}
	for (int pass = 0; pass < 2; pass++)
		for (long i = 0; i < b->n_places; i++) {
			struct place *p = &b->places[i];
			long twin;
			if (pass == 0 && p->kind == K_COMM && !p->has_point &&
			    (twin = placed_namesake(b, i)) >= 0) {
				place_set_point(p, b->places[twin].lon, b->places[twin].lat,
				                b->places[twin].point_source);
				count_add(b, "communities_at_namesake_point", 1);
			}
			if (pass == 0 && p->kind == K_COMM && !p->has_point) {
				long a = p->area;
				const char *src = "subdistrict_centroid";
				if (a < 0) {
					src = "district_centroid";
					/* a 2018 sub-district code the 2019 polygons do not have
					 * (Banyas district): its district's point */
					char code[8];
					snprintf(code, sizeof code, "%.6s", p->admin3);
					a = area_find(b, code);
					if (a < 0) {
						snprintf(code, sizeof code, "%.4s", p->admin3);
						a = area_find(b, code);
					}
				}
				if (a < 0)
					return GEO_ERROR(b->ctx, GEO_ERR_INVALID,
					                 "community %s (%s): sub-district %s is unknown", p->pcode,
					                 p->name_en, p->admin3);
				place_set_point(p, b->places[b->areas[a].place].lon,
				                b->places[b->areas[a].place].lat, src);
				count_add(b, a == p->area ? "communities_at_subdistrict_centroid" :
				             "communities_at_district_centroid", 1);
				if (p->parent < 0)
					p->parent = b->areas[a].place;
			}
			if (pass == 1 && p->kind == K_NBH && (!p->has_point || !p->point_source) &&
			    p->parent >= 0) {
				place_set_point(p, b->places[p->parent].lon, b->places[p->parent].lat,
				                "parent_point");
				count_add(b, "neighbourhoods_at_parent_point", 1);
			}
		}
	for (long i = 0; i < b->n_places; i++)
		if (!b->places[i].has_point || !b->places[i].admin1[0])
			return GEO_ERROR(b->ctx, GEO_ERR_INVALID, "place %s (%s) has no %s",
			                 b->places[i].pcode ? b->places[i].pcode : "-", b->places[i].name_en,
			                 b->places[i].has_point ? "governorate" : "point");
	return GEO_OK;
}

/* Reduced build: governorates are the communities' parents. */
static enum geo_status finalise_reduced(struct builder *b)
{
	for (long i = 0; i < b->n_places; i++) {
		struct place *p = &b->places[i];
		if (p->kind == K_GOV)
			continue;
		for (long j = 0; j < b->n_places; j++)
			if (b->places[j].kind == K_GOV && strcmp(b->places[j].pcode, p->admin1) == 0)
				p->parent = j;
		if (p->parent < 0)
			return GEO_ERROR(b->ctx, GEO_ERR_INVALID, "%s: %s (%s): governorate %s is not in the "
			                 "list", b->opts->curated, p->name_en, p->pcode ? p->pcode : "-",
			                 p->admin1);
	}
	count_add(b, "curated_governorates", 0);
	for (long i = 0; i < b->n_places; i++)
		if (b->places[i].kind == K_GOV)
			count_add(b, "curated_governorates", 1);
	if (geo_gaz_build_count(b->stats, "curated_governorates") != 14)
		return GEO_ERROR(b->ctx, GEO_ERR_INVALID, "%s: lists %ld governorates, wanted 14",
		                 b->opts->curated, geo_gaz_build_count(b->stats, "curated_governorates"));
	return GEO_OK;
}

/* --------------------------------------------------------------- output */

static enum geo_status db_exec(struct builder *b, sqlite3 *db, const char *path, const char *sql)
{
	char *err = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
		enum geo_status rc = GEO_ERROR(b->ctx, GEO_ERR_DB, "%s: %s (in: %.60s)", path,
		                               err ? err : sqlite3_errmsg(db), sql);
		sqlite3_free(err);
		return rc;
	}
	return GEO_OK;
}

static const char *const DDL =
	"CREATE TABLE places ("
	" id INTEGER PRIMARY KEY, pcode TEXT, kind TEXT NOT NULL, name_en TEXT NOT NULL,"
	" name_ar TEXT, admin1_pcode TEXT NOT NULL, admin2_pcode TEXT, admin3_pcode TEXT,"
	" parent_id INTEGER REFERENCES places(id), lon REAL NOT NULL, lat REAL NOT NULL,"
	" point_source TEXT NOT NULL, population INTEGER);"
	"SELECT AddGeometryColumn('places','geom',4326,'POINT','XY');"
	"CREATE TABLE names ("
	" place_id INTEGER NOT NULL REFERENCES places(id), name TEXT NOT NULL,"
	" lang TEXT NOT NULL, source TEXT NOT NULL, type TEXT NOT NULL);"
	"CREATE TABLE reported_admin1 ("
	" place_id INTEGER NOT NULL REFERENCES places(id), admin1_pcode TEXT NOT NULL,"
	" source TEXT NOT NULL);"
	"CREATE TABLE admin_areas ("
	" pcode TEXT PRIMARY KEY, level INTEGER NOT NULL, name_en TEXT, name_ar TEXT,"
	" admin1_pcode TEXT NOT NULL);"
	"SELECT AddGeometryColumn('admin_areas','geom',4326,'MULTIPOLYGON','XY');"
	"CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);";

static const char *const INDEXES =
	"CREATE INDEX places_pcode ON places(pcode);"
	"CREATE INDEX places_kind ON places(kind);"
	"CREATE INDEX names_place ON names(place_id);"
	"CREATE INDEX admin_areas_level ON admin_areas(level);";

static void bind_opt(sqlite3_stmt *s, int i, const char *v)
{
	if (v && *v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

static enum geo_status write_rows(struct builder *b, sqlite3 *db, const char *path)
{
	sqlite3_stmt *sp = NULL, *sn = NULL, *sa = NULL, *sr = NULL;
	GEOSWKBWriter *w = NULL;
	enum geo_status rc = GEO_OK;
	if (sqlite3_prepare_v2(db, "INSERT INTO places (id, pcode, kind, name_en, name_ar,"
	                       " admin1_pcode, admin2_pcode, admin3_pcode, parent_id, lon, lat,"
	                       " point_source, population, geom) VALUES"
	                       " (?,?,?,?,?,?,?,?,?,?,?,?,?,MakePoint(?10,?11,4326))",
	                       -1, &sp, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO names VALUES (?,?,?,?,?)", -1, &sn, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO reported_admin1 VALUES (?,?,?)", -1, &sr, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO admin_areas VALUES (?,?,?,?,?,"
	                       "CastToMultiPolygon(GeomFromWKB(?,4326)))", -1, &sa, NULL) != SQLITE_OK) {
		rc = GEO_ERROR(b->ctx, GEO_ERR_DB, "%s: %s", path, sqlite3_errmsg(db));
		goto out;
	}
	for (long i = 0; i < b->n_places; i++) {
		const struct place *p = &b->places[i];
		sqlite3_reset(sp);
		sqlite3_bind_int64(sp, 1, i + 1);
		bind_opt(sp, 2, p->pcode);
		bind_opt(sp, 3, p->kind);
		bind_opt(sp, 4, p->name_en);
		bind_opt(sp, 5, p->name_ar);
		bind_opt(sp, 6, p->admin1);
		bind_opt(sp, 7, p->admin2);
		bind_opt(sp, 8, p->admin3);
		if (p->parent >= 0)
			sqlite3_bind_int64(sp, 9, p->parent + 1);
		else
			sqlite3_bind_null(sp, 9);
		sqlite3_bind_double(sp, 10, p->lon);
		sqlite3_bind_double(sp, 11, p->lat);
		bind_opt(sp, 12, p->point_source);
		if (p->population > 0)
			sqlite3_bind_int64(sp, 13, p->population);
		else
			sqlite3_bind_null(sp, 13);
		if (sqlite3_step(sp) != SQLITE_DONE) {
			rc = GEO_ERROR(b->ctx, GEO_ERR_DB, "%s: place %s: %s", path, p->name_en,
			               sqlite3_errmsg(db));
			goto out;
		}
	}
	for (long i = 0; i < b->n_places; i++) {
		for (unsigned k = 1; k <= 14; k++) {
			if (!((b->places[i].reported >> k) & 1))
				continue;
			char code[8];
			snprintf(code, sizeof code, "SY%02u", k);
			sqlite3_reset(sr);
			sqlite3_bind_int64(sr, 1, i + 1);
			sqlite3_bind_text(sr, 2, code, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(sr, 3, "curated", -1, SQLITE_STATIC);
			if (sqlite3_step(sr) != SQLITE_DONE) {
				rc = GEO_ERROR(b->ctx, GEO_ERR_DB, "%s: reported governorate of %s: %s", path,
				               b->places[i].name_en, sqlite3_errmsg(db));
				goto out;
			}
		}
	}
	for (long i = 0; i < b->n_names; i++) {
		const struct name *n = &b->names[i];
		sqlite3_reset(sn);
		sqlite3_bind_int64(sn, 1, n->place + 1);
		bind_opt(sn, 2, n->name);
		bind_opt(sn, 3, n->lang);
		bind_opt(sn, 4, n->source);
		bind_opt(sn, 5, n->type);
		if (sqlite3_step(sn) != SQLITE_DONE) {
			rc = GEO_ERROR(b->ctx, GEO_ERR_DB, "%s: name %s: %s", path, n->name,
			               sqlite3_errmsg(db));
			goto out;
		}
	}
	w = GEOSWKBWriter_create_r(b->gh);
	if (!w) {
		rc = geos_fail(b, "WKB writer");
		goto out;
	}
	for (long i = 0; i < b->n_areas; i++) {
		const struct area *a = &b->areas[i];
		const struct place *p = &b->places[a->place];
		size_t sz;
		unsigned char *wkb = GEOSWKBWriter_write_r(b->gh, w, a->geom, &sz);
		int step;
		if (!wkb) {
			rc = geos_fail(b, a->pcode);
			goto out;
		}
		sqlite3_reset(sa);
		bind_opt(sa, 1, a->pcode);
		sqlite3_bind_int(sa, 2, a->level);
		bind_opt(sa, 3, p->name_en);
		bind_opt(sa, 4, p->name_ar);
		bind_opt(sa, 5, a->admin1);
		sqlite3_bind_blob(sa, 6, wkb, (int)sz, SQLITE_TRANSIENT);
		step = sqlite3_step(sa);
		GEOSFree_r(b->gh, wkb);
		if (step != SQLITE_DONE) {
			rc = GEO_ERROR(b->ctx, GEO_ERR_DB, "%s: admin area %s: %s", path, a->pcode,
			               sqlite3_errmsg(db));
			goto out;
		}
	}
out:
	if (w)
		GEOSWKBWriter_destroy_r(b->gh, w);
	sqlite3_finalize(sp);
	sqlite3_finalize(sn);
	sqlite3_finalize(sr);
	sqlite3_finalize(sa);
	return rc;
}

static enum geo_status write_meta(struct builder *b, sqlite3 *db, const char *path,
                                  double seconds)
{
	sqlite3_stmt *s = NULL;
	enum geo_status rc = GEO_OK;
	char built_at[32], num[64];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(built_at, sizeof built_at, "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO meta VALUES (?,?)", -1, &s, NULL) !=
	    SQLITE_OK)
		return GEO_ERROR(b->ctx, GEO_ERR_DB, "%s: %s", path, sqlite3_errmsg(db));
#define META(k, v)                                                                       \
	do {                                                                                 \
		sqlite3_reset(s);                                                                \
		sqlite3_bind_text(s, 1, (k), -1, SQLITE_TRANSIENT);                              \
		sqlite3_bind_text(s, 2, (v), -1, SQLITE_TRANSIENT);                              \
		if (sqlite3_step(s) != SQLITE_DONE) {                                            \
			rc = GEO_ERROR(b->ctx, GEO_ERR_DB, "%s: meta: %s", path, sqlite3_errmsg(db)); \
			goto out;                                                                    \
		}                                                                                \
	} while (0)
	META("schema_version", "1");
	META("built_at", built_at);
	META("sources", b->stats->reduced ? "" : b->opts->sources);
	META("curated", b->opts->curated);
	META("quarters", b->stats->reduced || !b->opts->quarters ? "" : b->opts->quarters);
	META("reduced", b->stats->reduced ? "1" : "0");
	snprintf(num, sizeof num, "%ld", b->n_places);
	META("places", num);
	snprintf(num, sizeof num, "%ld", b->n_names);
	META("names", num);
	snprintf(num, sizeof num, "%ld", b->n_areas);
	META("admin_areas", num);
	snprintf(num, sizeof num, "%.2f", seconds);
	META("build_seconds", num);
	for (size_t i = 0; i < b->stats->n_counts; i++) {
		snprintf(num, sizeof num, "%ld", b->stats->counts[i].value);
		META(b->stats->counts[i].key, num);
	}
#undef META
out:
	sqlite3_finalize(s);
	return rc;
}

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The `facilities` table: the seed (opts->facilities_seed, else the
 * compiled-in project seed when that file exists), then opts->facilities.
 * The table always exists, empty when there is no seed. */
static enum geo_status write_facilities(struct builder *b, sqlite3 *db, const char *tmp)
{
	enum geo_status rc = GEO_OK;
	const char *seed = b->opts->facilities_seed;
	sqlite3_stmt *s = NULL;
	long n = -1;
#ifdef STRIKEMAP_FACILITIES_SEED
	if (!seed && access(STRIKEMAP_FACILITIES_SEED, R_OK) == 0)
		seed = STRIKEMAP_FACILITIES_SEED;
#endif
	if ((rc = db_exec(b, db, tmp, "CREATE TABLE IF NOT EXISTS facilities ("
	                  " id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL,"
	                  " town_pcode TEXT NOT NULL, lon REAL, lat REAL, aliases TEXT, note TEXT)")) != GEO_OK)
		return rc;
	if (seed && (rc = geo_facilities_load_csv(b->ctx, db, seed)) != GEO_OK)
		return rc;
	if (b->opts->facilities && (rc = geo_facilities_load_csv(b->ctx, db, b->opts->facilities)) != GEO_OK)
		return rc;
	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM facilities", -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	if (n < 0)
		return GEO_ERROR(b->ctx, GEO_ERR_DB, "%s: facilities: %s", tmp, sqlite3_errmsg(db));
	count_add(b, "facilities", n);
	return GEO_OK;
}

/* Write the database to a temporary file beside `output`, then rename. */
static enum geo_status write_db(struct builder *b, double t0)
{
	const char *out = b->opts->output;
	char *tmp = NULL;
	sqlite3 *db = NULL;
	void *cache = NULL;
	enum geo_status rc = GEO_OK;
	int fd;
	size_t n = strlen(out) + 16;
	tmp = geo_malloc(n);
	if (!tmp)
		return nomem(b);
	snprintf(tmp, n, "%s.tmp-XXXXXX", out);
	fd = mkstemp(tmp);
	if (fd < 0) {
		rc = GEO_ERROR(b->ctx, GEO_ERR_IO, "%s: cannot write: %s", out, strerror(errno));
		free(tmp);
		return rc;
	}
	{
		/* mkstemp makes the file private; a gazetteer is ordinary data */
		mode_t mask = umask(0);
		umask(mask);
		if (fchmod(fd, 0666 & ~mask) != 0) {
			rc = GEO_ERROR(b->ctx, GEO_ERR_IO, "%s: cannot set permissions: %s", tmp,
			               strerror(errno));
			close(fd);
			goto out;
		}
	}
	close(fd);
	if (sqlite3_open_v2(tmp, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		rc = GEO_ERROR(b->ctx, GEO_ERR_DB, "%s: cannot create: %s", tmp,
		               db ? sqlite3_errmsg(db) : "out of memory");
		goto out;
	}
	cache = spatialite_alloc_connection();
	if (!cache) {
		rc = GEO_ERROR(b->ctx, GEO_ERR_DB, "%s: SpatiaLite could not allocate a connection", tmp);
		goto out;
	}
	spatialite_init_ex(db, cache, 0);
	if ((rc = db_exec(b, db, tmp, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;")) != GEO_OK ||
	    (rc = db_exec(b, db, tmp, "SELECT InitSpatialMetadata(1, 'WGS84')")) != GEO_OK ||
	    (rc = db_exec(b, db, tmp, "BEGIN")) != GEO_OK ||
	    (rc = db_exec(b, db, tmp, DDL)) != GEO_OK ||
	    (rc = write_rows(b, db, tmp)) != GEO_OK ||
	    (rc = db_exec(b, db, tmp, INDEXES)) != GEO_OK)
		goto out;
	if ((rc = db_exec(b, db, tmp, "SELECT CreateSpatialIndex('admin_areas','geom')")) != GEO_OK)
		goto out;
	/* every geometry written must have gone in and be valid */
	{
		sqlite3_stmt *s = NULL;
		long bad = -1;
		if (sqlite3_prepare_v2(db, "SELECT (SELECT count(*) FROM admin_areas WHERE geom IS NULL"
		                       " OR ST_IsValid(geom) != 1) + (SELECT count(*) FROM places WHERE"
		                       " geom IS NULL)", -1, &s, NULL) == SQLITE_OK &&
		    sqlite3_step(s) == SQLITE_ROW)
			bad = sqlite3_column_int64(s, 0);
		sqlite3_finalize(s);
		if (bad != 0) {
			rc = GEO_ERROR(b->ctx, GEO_ERR_DB, "%s: %ld geometries were not stored or are invalid",
			               tmp, bad);
			goto out;
		}
	}
	b->stats->places = b->n_places;
	b->stats->names = b->n_names;
	b->stats->admin_areas = b->n_areas;
	b->stats->seconds = now_seconds() - t0;
	if ((rc = write_meta(b, db, tmp, b->stats->seconds)) != GEO_OK ||
	    (rc = db_exec(b, db, tmp, "COMMIT")) != GEO_OK)
		goto out;
	/* the facility registry: seed, then the user's file (each in its own
	 * transaction; an error fails the build before the rename) */
	if ((rc = write_facilities(b, db, tmp)) != GEO_OK)
		goto out;
	if (sqlite3_close(db) != SQLITE_OK) {
		rc = GEO_ERROR(b->ctx, GEO_ERR_DB, "%s: cannot close: %s", tmp, sqlite3_errmsg(db));
		db = NULL;
		goto out;
	}
	db = NULL;
	if (rename(tmp, out) != 0) {
		rc = GEO_ERROR(b->ctx, GEO_ERR_IO, "%s: cannot write: %s", out, strerror(errno));
		goto out;
	}
out:
	if (db)
		sqlite3_close_v2(db);
	if (cache)
		spatialite_cleanup_ex(cache);
	if (rc != GEO_OK)
		unlink(tmp);
	free(tmp);
	return rc;
}

/* ----------------------------------------------------------------- main */

static void builder_free(struct builder *b)
{
	for (long i = 0; i < b->n_places; i++) {
		free(b->places[i].pcode);
		free(b->places[i].name_en);
		free(b->places[i].name_ar);
	}
	for (long i = 0; i < b->n_names; i++) {
		free(b->names[i].name);
		free(b->names[i].key);
		free(b->names[i].skel);
	}
	if (b->tree)
		GEOSSTRtree_destroy_r(b->gh, b->tree);
	for (long i = 0; i < b->n_areas; i++) {
		if (b->areas[i].prep)
			GEOSPreparedGeom_destroy_r(b->gh, b->areas[i].prep);
		if (b->areas[i].geom)
			GEOSGeom_destroy_r(b->gh, b->areas[i].geom);
		free(b->areas[i].name_en);
		free(b->areas[i].name_ar);
	}
	free(b->places);
	free(b->names);
	free(b->areas);
	free(b->code_place);
}

static int is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The folder part of a path ("." for a bare file name). */
static void dir_of(const char *path, char *out, size_t cap)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		snprintf(out, cap, ".");
	else if (slash == path)
		snprintf(out, cap, "/");
	else
		snprintf(out, cap, "%.*s", (int)(slash - path), path);
}

enum geo_status geo_gaz_build(geo_ctx *ctx, const struct geo_gaz_build_opts *opts,
                              struct geo_gaz_build_stats *stats)
{
	struct builder b;
	enum geo_status rc = GEO_OK;
	double t0 = now_seconds();
	char dir[4096], ocha[4096];
	int gdal_quiet = 0;
	memset(stats, 0, sizeof *stats);
	memset(&b, 0, sizeof b);
	b.ctx = ctx;
	b.gh = geo_ctx_geos(ctx);
	b.opts = opts;
	b.stats = stats;
	if (!opts->output || !*opts->output || !opts->curated)
		return GEO_ERROR(ctx, GEO_ERR_INVALID, "gazetteer build: no output path or curated list");
	dir_of(opts->output, dir, sizeof dir);
	if (!is_dir(dir))
		return GEO_ERROR(ctx, GEO_ERR_IO, "%s: cannot write: folder %s does not exist",
		                 opts->output, dir);
	if (access(dir, W_OK) != 0)
		return GEO_ERROR(ctx, GEO_ERR_IO, "%s: cannot write: folder %s is not writable",
		                 opts->output, dir);
	if (is_dir(opts->output))
		return GEO_ERROR(ctx, GEO_ERR_IO, "%s: cannot write: it is a folder", opts->output);
	snprintf(ocha, sizeof ocha, "%s/ocha", opts->sources ? opts->sources : "");
	stats->reduced = !opts->sources || !is_dir(opts->sources) || !is_dir(ocha);
	if (!stats->reduced && access(opts->sources, R_OK | X_OK) != 0)
		return GEO_ERROR(ctx, GEO_ERR_IO, "%s: cannot read the reference data folder: %s",
		                 opts->sources, strerror(errno));
	b.code_place = geo_malloc(N_CODES * sizeof *b.code_place);
	if (!b.code_place) {
		rc = nomem(&b);
		goto out;
	}
	for (long i = 0; i < N_CODES; i++)
		b.code_place[i] = -1;
	if (stats->reduced) {
		if ((rc = load_curated(&b, 1)) != GEO_OK || (rc = finalise_reduced(&b)) != GEO_OK)
			goto out;
	} else {
		GDALAllRegister();
		/* GDAL would print its errors: keep them for the context instead */
		CPLPushErrorHandler(CPLQuietErrorHandler);
		gdal_quiet = 1;
		if ((rc = load_admin(&b)) != GEO_OK || (rc = build_index(&b)) != GEO_OK ||
		    (rc = load_communities(&b)) != GEO_OK || (rc = load_points(&b)) != GEO_OK ||
		    (rc = ogr_each(&b, src_path(&b, "osm-iom/syr_locations_osm_iom.gpkg"), on_osm)) != GEO_OK ||
		    (rc = load_curated(&b, 0)) != GEO_OK || (rc = load_geonames(&b)) != GEO_OK ||
		    (rc = load_syrianarchive(&b)) != GEO_OK || (rc = load_quarters(&b)) != GEO_OK ||
		    (rc = finalise(&b)) != GEO_OK)
			goto out;
	}
	rc = write_db(&b, t0);
out:
	if (gdal_quiet)
		CPLPopErrorHandler();
	builder_free(&b);
	return rc;
}
