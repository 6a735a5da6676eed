/* query.c — filtered selections of incidents and their output formats.
 *
 * The WHERE clause is assembled from the constant fragments below, one per
 * filter in use; user values go through named parameters (:from, :to, ...)
 * bound with sqlite3_bind_*. The radius filter pre-selects rows through
 * the incidents' SpatiaLite R*Tree (idx_incidents_geom) with a bounding box
 * that is sure to contain the circle, then keeps rows whose geodesic
 * distance on the WGS84 ellipsoid (ST_Distance(..., 1)) is within the
 * radius. Assumes the schema of store.c; other columns (added by later
 * versions or other modules) are carried into CSV/JSON/GeoJSON as they are. */
#include "geo/query.h"
#include "geo/perpetrator.h"
#include "geo/units.h"

#include <json-c/json.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

const char *const GEO_QUERY_FORMATS[] = {"table", "csv", "json", "geojson", NULL};
const char *const GEO_QUERY_ZONES[] = {"idlib", "northern_homs", "eastern_ghouta", "south", NULL};

void geo_query_init(struct geo_query *q)
{
	memset(q, 0, sizeof *q);
}

/* ---- governorates ------------------------------------------------------ */

/* OCHA COD-AB admin-1 names, SY01..SY14. */
static const char *const GOV_NAMES[14] = {
	"Damascus", "Aleppo", "Rural Damascus", "Homs", "Hama", "Lattakia", "Idleb",
	"Al-Hasakeh", "Deir-ez-Zor", "Tartous", "Ar-Raqqa", "Dar'a", "As-Sweida", "Quneitra"};

/* Common variants (compared folded), for when no gazetteer is at hand. */
static const struct {
	const char *name;
	int n; /* 1..14 */
} GOV_VARIANTS[] = {
	{"dimashq", 1}, {"damas", 1}, {"دمشق", 1},
	{"halab", 2}, {"حلب", 2},
	{"rif dimashq", 3}, {"rif dimashq governorate", 3}, {"rural damascus", 3},
	{"damascus suburbs", 3}, {"damascus countryside", 3}, {"reef damascus", 3},
	{"rif damascus", 3}, {"ريف دمشق", 3},
	{"hims", 4}, {"حمص", 4},
	{"hamah", 5}, {"حماه", 5}, {"حماة", 5},
	{"latakia", 6}, {"al ladhiqiyah", 6}, {"ladhiqiyah", 6}, {"اللاذقية", 6},
	{"idlib", 7}, {"idleb", 7}, {"edlib", 7}, {"إدلب", 7}, {"ادلب", 7},
	{"hasakah", 8}, {"al hasakah", 8}, {"hasakeh", 8}, {"al hasakeh", 8}, {"الحسكة", 8},
	{"deir ez zor", 9}, {"deir ezzor", 9}, {"deir al zor", 9}, {"dayr az zawr", 9},
	{"دير الزور", 9},
	{"tartus", 10}, {"tartous", 10}, {"طرطوس", 10},
	{"raqqa", 11}, {"ar raqqa", 11}, {"al raqqa", 11}, {"الرقة", 11},
	{"daraa", 12}, {"dar a", 12}, {"deraa", 12}, {"درعا", 12},
	{"sweida", 13}, {"as sweida", 13}, {"al suwayda", 13}, {"suwayda", 13}, {"السويداء", 13},
	{"quneitra", 14}, {"al qunaytirah", 14}, {"القنيطرة", 14},
};

int geo_query_is_governorate_pcode(const char *s)
{
	if (!s || strlen(s) != 4 || s[0] != 'S' || s[1] != 'Y' || s[2] < '0' || s[2] > '1' ||
	    s[3] < '0' || s[3] > '9')
		return 0;
	int n = (s[2] - '0') * 10 + (s[3] - '0');
	return n >= 1 && n <= 14;
}

const char *geo_query_governorate_name(const char *pcode)
{
	if (!geo_query_is_governorate_pcode(pcode))
		return NULL;
	return GOV_NAMES[(pcode[2] - '0') * 10 + (pcode[3] - '0') - 1];
}

const char *geo_query_governorate_pcode(const char *name)
{
	static const char *const PCODES[14] = {"SY01", "SY02", "SY03", "SY04", "SY05", "SY06",
	                                       "SY07", "SY08", "SY09", "SY10", "SY11", "SY12",
	                                       "SY13", "SY14"};
	const char *hit = NULL;
	char *f, *g;
	if (!name)
		return NULL;
	if (geo_query_is_governorate_pcode(name))
		return PCODES[(name[2] - '0') * 10 + (name[3] - '0') - 1];
	f = geo_query_fold(name);
	if (!f)
		return NULL;
	/* "Idlib governorate" names the same place as "Idlib" */
	size_t n = strlen(f);
	if (n > 12 && strcmp(f + n - 12, " governorate") == 0)
		f[n - 12] = '\0';
	for (int i = 0; i < 14 && !hit; i++) {
		g = geo_query_fold(GOV_NAMES[i]);
		if (g && strcmp(f, g) == 0)
			hit = PCODES[i];
		free(g);
	}
	for (size_t i = 0; !hit && i < sizeof GOV_VARIANTS / sizeof GOV_VARIANTS[0]; i++) {
		g = geo_query_fold(GOV_VARIANTS[i].name);
		if (g && strcmp(f, g) == 0)
			hit = PCODES[GOV_VARIANTS[i].n - 1];
		free(g);
	}
	free(f);
	return hit;
}

/* ---- text: folding and display width ----------------------------------- */

/* Arabic letters that the same word is written with interchangeably. */
static utf8proc_int32_t fold_arabic(utf8proc_int32_t c)
{
	switch (c) {
	case 0x0629: return 0x0647; /* teh marbuta -> heh */
	case 0x0649: return 0x064A; /* alef maksura -> yeh */
	case 0x0671: return 0x0627; /* alef wasla -> alef */
	default: return c;
	}
}

char *geo_query_fold(const char *s)
{
	utf8proc_uint8_t *mapped = NULL;
	geo_buf b;
	char *out = NULL;
	int space = 0;
	if (!s)
		return NULL;
	geo_buf_init(&b, GEO_BUF_DEFAULT_CAP);
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &mapped,
	                                  UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPAT |
	                                  UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD |
	                                  UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);
	if (n < 0) {
		/* invalid UTF-8: fold ASCII only, keep other bytes as they are */
		for (const char *p = s; *p; p++) {
			unsigned char c = (unsigned char)*p;
			int alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			            c >= 0x80;
			if (!alnum) {
				space = b.len > 0;
				continue;
			}
			if ((space && geo_buf_addc(&b, ' ') != GEO_OK) ||
			    geo_buf_addc(&b, (char)(c >= 'A' && c <= 'Z' ? c + 32 : c)) != GEO_OK)
				goto out;
			space = 0;
		}
	} else {
		const utf8proc_uint8_t *p = mapped;
		utf8proc_int32_t c;
		utf8proc_ssize_t k;
		while (*p && (k = utf8proc_iterate(p, -1, &c)) > 0) {
			p += k;
			utf8proc_category_t cat = utf8proc_category(c);
			if (c == 0x0640) /* tatweel */
				continue;
			if (cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC ||
			    cat == UTF8PROC_CATEGORY_ME || cat == UTF8PROC_CATEGORY_CF)
				continue;
			int word = (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
			           (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
			if (!word) {
				space = b.len > 0;
				continue;
			}
			utf8proc_uint8_t enc[4];
			utf8proc_ssize_t m = utf8proc_encode_char(fold_arabic(c), enc);
			if ((space && geo_buf_addc(&b, ' ') != GEO_OK) ||
			    geo_buf_add(&b, enc, (size_t)m) != GEO_OK)
				goto out;
			space = 0;
		}
	}
	out = geo_buf_take(&b);
out:
	free(mapped);
	geo_buf_free(&b);
	return out;
}

size_t geo_query_display_width(const char *s)
{
	size_t w = 0;
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_int32_t c;
	if (!s)
		return 0;
	while (*p) {
		utf8proc_ssize_t k = utf8proc_iterate(p, -1, &c);
		if (k <= 0) {
			w++;
			p++;
			continue;
		}
		int cw = utf8proc_charwidth(c);
		w += cw > 0 ? (size_t)cw : 0;
		p += k;
	}
	return w;
}

/* 1 when `s` holds a right-to-left letter (Arabic, Hebrew...). */
static int has_rtl(const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_int32_t c;
	while (*p) {
		utf8proc_ssize_t k = utf8proc_iterate(p, -1, &c);
		if (k <= 0) {
			p++;
			continue;
		}
		int bc = utf8proc_get_property(c)->bidi_class;
		if (bc == UTF8PROC_BIDI_CLASS_R || bc == UTF8PROC_BIDI_CLASS_AL)
			return 1;
		p += k;
	}
	return 0;
}

/* SQL function geo_fold(text): geo_query_fold for SQL; NULL stays NULL. */
static void sql_fold(sqlite3_context *sctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
		sqlite3_result_null(sctx);
		return;
	}
	char *f = geo_query_fold((const char *)sqlite3_value_text(argv[0]));
	if (!f) {
		sqlite3_result_error_nomem(sctx);
		return;
	}
	sqlite3_result_text(sctx, f, -1, free);
}

/* SQL function geo_governorate(text): the P-code of a governorate name
 * (geo_query_governorate_pcode), NULL when it names none. */
static void sql_governorate(sqlite3_context *sctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *pc = geo_query_governorate_pcode((const char *)sqlite3_value_text(argv[0]));
	if (pc)
		sqlite3_result_text(sctx, pc, -1, SQLITE_STATIC);
	else
		sqlite3_result_null(sctx);
}

static enum geo_status register_functions(geo_store *st)
{
	if (sqlite3_create_function_v2(geo_store_db(st), "geo_fold", 1,
	                               SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, sql_fold, NULL, NULL,
	                               NULL) != SQLITE_OK ||
	    sqlite3_create_function_v2(geo_store_db(st), "geo_governorate", 1,
	                               SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, sql_governorate, NULL,
	                               NULL, NULL) != SQLITE_OK)
		return geo_store_db_error(st, "registering the query's SQL functions");
	return GEO_OK;
}

enum geo_status geo_query_db_error(geo_store *st, const char *what)
{
	/* geo_fold() reports a failed allocation as SQLITE_NOMEM */
	if ((sqlite3_errcode(geo_store_db(st)) & 0xff) == SQLITE_NOMEM)
		return GEO_ERROR(geo_store_ctx(st), GEO_ERR_NOMEM, "%s: out of memory", what);
	return geo_store_db_error(st, what);
}

/* ---- checking ---------------------------------------------------------- */

enum geo_status geo_query_check(geo_ctx *ctx, const struct geo_query *q)
{
	int32_t d0 = 0, d1 = 0;
	char *f = NULL;
	enum geo_status rc = GEO_OK;
	if (q->from && geo_parse_date(q->from, &d0) != GEO_OK)
		return GEO_ERROR(ctx, GEO_ERR_INVALID, "--from: \"%s\" is not a date (write YYYY-MM-DD)",
		                 q->from);
	if (q->to && geo_parse_date(q->to, &d1) != GEO_OK)
		return GEO_ERROR(ctx, GEO_ERR_INVALID, "--to: \"%s\" is not a date (write YYYY-MM-DD)",
		                 q->to);
	if (q->from && q->to && d0 > d1)
		return GEO_ERROR(ctx, GEO_ERR_INVALID, "--from %s is after --to %s", q->from, q->to);
	if (q->admin1_pcode && !geo_query_is_governorate_pcode(q->admin1_pcode))
		return GEO_ERROR(ctx, GEO_ERR_INVALID,
		                 "--governorate: \"%s\" is not a governorate P-code (SY01..SY14)",
		                 q->admin1_pcode);
	if (q->zone) {
		int ok = 0;
		for (int i = 0; GEO_QUERY_ZONES[i]; i++)
			ok |= strcmp(q->zone, GEO_QUERY_ZONES[i]) == 0;
		if (!ok)
			return GEO_ERROR(ctx, GEO_ERR_INVALID,
			                 "--zone: \"%s\" is not a zone (idlib, northern_homs, eastern_ghouta, south)",
			                 q->zone);
	}
	if (q->facility_type && !geo_facility_type_valid(q->facility_type))
		return GEO_ERROR(ctx, GEO_ERR_INVALID,
		                 "--facility-type: \"%s\" is not a facility type (hospital, medical_point,"
		                 " ambulance, civil_defense, red_crescent, other)",
		                 q->facility_type);
	/* free text must keep something to match after folding: an empty
	 * needle would match every row */
	const char *texts[2] = {q->perpetrator, q->facility};
	const char *opts[2] = {"--perpetrator", "--facility"};
	for (int i = 0; i < 2; i++) {
		if (!texts[i])
			continue;
		f = geo_query_fold(texts[i]);
		if (!f) {
			rc = GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory");
			goto out;
		}
		if (!*f) {
			rc = GEO_ERROR(ctx, GEO_ERR_INVALID, "%s: \"%s\" has no letters or digits to match",
			               opts[i], texts[i]);
			goto out;
		}
		free(f);
		f = NULL;
	}
	if (q->near) {
		if (!(q->near_lon >= -180 && q->near_lon <= 180 && q->near_lat >= -90 && q->near_lat <= 90)) {
			rc = GEO_ERROR(ctx, GEO_ERR_INVALID,
			               "--near: %g,%g is not a longitude,latitude in degrees", q->near_lon,
			               q->near_lat);
			goto out;
		}
		if (!(q->radius_m > 0 && q->radius_m <= 2.0e7)) {
			rc = GEO_ERROR(ctx, GEO_ERR_INVALID, "--radius: %g m is not a radius (0 < r <= 20000 km)",
			               q->radius_m);
			goto out;
		}
	}
	if (q->n_facility_ids > 500) {
		rc = GEO_ERROR(ctx, GEO_ERR_LIMIT, "--facility: \"%s\" names %zu registry facilities"
		               " (at most 500): be more specific", q->facility ? q->facility : "",
		               q->n_facility_ids);
		goto out;
	}
	if (q->max_precision < 0 || q->max_precision > 3)
		rc = GEO_ERROR(ctx, GEO_ERR_INVALID, "--precision: %d is not 1, 2 or 3", q->max_precision);
	else if (q->limit < 0)
		rc = GEO_ERROR(ctx, GEO_ERR_INVALID, "--limit: %ld is negative", q->limit);
out:
	free(f);
	return rc;
}

/* ---- SQL --------------------------------------------------------------- */

static int table_exists(geo_store *st, const char *name)
{
	sqlite3_stmt *s = NULL;
	int found = 0;
	if (sqlite3_prepare_v2(geo_store_db(st),
	                       "SELECT 1 FROM sqlite_master WHERE type IN ('table','view') AND name=?1",
	                       -1, &s, NULL) == SQLITE_OK) {
		sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
		found = sqlite3_step(s) == SQLITE_ROW;
	}
	sqlite3_finalize(s);
	return found;
}

/* A bounding box (degrees) sure to contain every point within r metres
 * (geodesic, WGS84) of (lon, lat). Latitude: an arc of a meridian is at
 * least the smallest meridional radius of curvature, a(1-e^2), times its
 * angle. Longitude: on a sphere a circle of angular radius t around
 * latitude p spans asin(sin t / cos p) in longitude; 5% covers the
 * ellipsoid's difference. Near a pole, or for huge radii, the whole
 * longitude range. */
static void radius_bbox(double lon, double lat, double r, double box[4])
{
	const double m_min = 6335439.327; /* a(1-e^2), WGS84 */
	const double rad = M_PI / 180.0;
	double dlat = r / m_min / rad * 1.05;
	double lat0 = lat - dlat, lat1 = lat + dlat;
	double far = fmax(fabs(lat0), fabs(lat1));
	double t = r / m_min;
	if (lat0 < -90)
		lat0 = -90;
	if (lat1 > 90)
		lat1 = 90;
	box[1] = lat0;
	box[3] = lat1;
	if (far >= 89.0 || t >= M_PI / 2 || sin(t) >= cos(far * rad)) {
		box[0] = -180;
		box[2] = 180;
		return;
	}
	double dlon = asin(sin(t) / cos(far * rad)) / rad * 1.05;
	box[0] = lon - dlon;
	box[2] = lon + dlon;
	if (box[0] < -180 || box[2] > 180) { /* crosses the antimeridian: no pre-filter in lon */
		box[0] = -180;
		box[2] = 180;
	}
}

/* Bind `v` to the named parameter when the statement has it. */
static void bind_named_text(sqlite3_stmt *s, const char *name, const char *v)
{
	int i = sqlite3_bind_parameter_index(s, name);
	if (i > 0)
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
}

static void bind_named_double(sqlite3_stmt *s, const char *name, double v)
{
	int i = sqlite3_bind_parameter_index(s, name);
	if (i > 0)
		sqlite3_bind_double(s, i, v);
}

static void bind_named_int(sqlite3_stmt *s, const char *name, long v)
{
	int i = sqlite3_bind_parameter_index(s, name);
	if (i > 0)
		sqlite3_bind_int64(s, i, v);
}

/* The vocabulary word `s` names, case-insensitively ("Russia" ->
 * "russia"), or NULL when it is free text. */
static const char *vocabulary_word(const char *s)
{
	for (size_t i = 0; s && GEO_PERPETRATOR_CLASSES[i]; i++)
		if (strcasecmp(s, GEO_PERPETRATOR_CLASSES[i]) == 0)
			return GEO_PERPETRATOR_CLASSES[i];
	return NULL;
}

void geo_query_warn_no_zones(geo_store *st)
{
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(geo_store_db(st),
	                       "SELECT (SELECT count(*) FROM incidents) > 0 AND NOT EXISTS"
	                       " (SELECT 1 FROM incidents WHERE zone IS NOT NULL)",
	                       -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 0))
		geo_ctx_warn(geo_store_ctx(st), "no incident in the store has a de-escalation zone:"
		             " zones are assigned on import when the gazetteer's polygons are available");
	sqlite3_finalize(s);
}

enum geo_status geo_query_prepare(geo_store *st, const struct geo_query *q, const char *select,
                                  const char *tail, sqlite3_stmt **out)
{
	geo_ctx *ctx = geo_store_ctx(st);
	geo_buf sql;
	sqlite3_stmt *s = NULL;
	char *perp_fold = NULL, *fac_fold = NULL;
	enum geo_status rc;
	const char *perp_class = vocabulary_word(q->perpetrator);

	*out = NULL;
	geo_buf_init(&sql, 1 << 16);
	if ((rc = geo_query_check(ctx, q)) != GEO_OK || (rc = register_functions(st)) != GEO_OK)
		goto out;
	if (q->in_sequence && !table_exists(st, "sequence_members")) {
		rc = GEO_ERROR(ctx, GEO_ERR_NOTFOUND,
		               "--in-sequence: the store has no double-strike sequences yet;"
		               " run `strikemap sequences` first");
		goto out;
	}
	if (q->zone)
		geo_query_warn_no_zones(st);
	if (q->repeated && !table_exists(st, "repeat_members")) {
		rc = GEO_ERROR(ctx, GEO_ERR_NOTFOUND,
		               "--repeated: the store has no repeated-strike groups yet;"
		               " run `strikemap repeats` first");
		goto out;
	}
	rc = geo_buf_addf(&sql, "SELECT %s FROM incidents i WHERE 1", select);
	/* an incident dated only to a month matches when its month overlaps
	 * the range (its date holds the first of the month) */
	if (rc == GEO_OK && q->from)
		rc = geo_buf_adds(&sql, " AND (i.date >= :from OR (i.date_precision = 'month' AND"
		                        " date(i.date, 'start of month', '+1 month', '-1 day') >= :from))");
	if (rc == GEO_OK && q->to)
		rc = geo_buf_adds(&sql, " AND i.date <= :to");
	/* an incident the geocoder could not place still belongs to the
	 * governorate its input names */
	if (rc == GEO_OK && q->admin1_pcode)
		rc = geo_buf_adds(&sql, " AND " GEO_QUERY_ADMIN1 " = :admin1");
	if (rc == GEO_OK && q->zone)
		rc = geo_buf_adds(&sql, " AND i.zone = :zone");
	if (rc == GEO_OK && q->perpetrator)
		rc = geo_buf_adds(&sql, perp_class ? " AND i.perpetrator_class = :perp"
		                                      : " AND instr(geo_fold(i.perpetrator), :perp) > 0");
	if (rc == GEO_OK && q->facility_type)
		rc = geo_buf_adds(&sql, " AND i.facility_type = :ftype");
	if (rc == GEO_OK && q->facility) {
		rc = geo_buf_adds(&sql, " AND (i.facility_id = :facility_id"
		                        " OR instr(geo_fold(i.facility_name), :facility) > 0");
		for (size_t k = 0; rc == GEO_OK && k < q->n_facility_ids; k++)
			rc = geo_buf_addf(&sql, "%s:fid%zu", k ? ", " : " OR i.facility_id IN (", k);
		if (rc == GEO_OK && q->n_facility_ids)
			rc = geo_buf_addc(&sql, ')');
		if (rc == GEO_OK)
			rc = geo_buf_addc(&sql, ')');
	}
	if (rc == GEO_OK && q->near)
		rc = geo_buf_adds(&sql, " AND i.rowid IN (SELECT pkid FROM idx_incidents_geom"
		                        " WHERE xmin <= :bx1 AND xmax >= :bx0 AND ymin <= :by1 AND ymax >= :by0)"
		                        " AND " GEO_QUERY_DISTANCE " <= :radius");
	if (rc == GEO_OK && q->max_precision)
		rc = geo_buf_adds(&sql, " AND i.geom IS NOT NULL AND i.geo_precision <= :prec");
	if (rc == GEO_OK && q->in_sequence)
		rc = geo_buf_adds(&sql, " AND EXISTS (SELECT 1 FROM sequence_members sm"
		                        " WHERE sm.incident_id = i.id)");
	if (rc == GEO_OK && q->repeated)
		rc = geo_buf_adds(&sql, " AND EXISTS (SELECT 1 FROM repeat_members rm"
		                        " WHERE rm.incident_id = i.id)");
	if (rc == GEO_OK && q->unresolved)
		rc = geo_buf_adds(&sql, " AND i.geom IS NULL");
	if (rc == GEO_OK && tail)
		rc = geo_buf_addf(&sql, " %s", tail);
	if (rc != GEO_OK) {
		rc = GEO_ERROR(ctx, rc, "query: the SQL text does not fit its buffer");
		goto out;
	}
	if (sqlite3_prepare_v2(geo_store_db(st), geo_buf_str(&sql), -1, &s, NULL) != SQLITE_OK) {
		rc = geo_store_db_error(st, "preparing the query");
		goto out;
	}
	bind_named_text(s, ":from", q->from);
	bind_named_text(s, ":to", q->to);
	bind_named_text(s, ":admin1", q->admin1_pcode);
	bind_named_text(s, ":zone", q->zone);
	if (q->perpetrator) {
		if (perp_class) {
			bind_named_text(s, ":perp", perp_class);
		} else if (!(perp_fold = geo_query_fold(q->perpetrator))) {
			rc = GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory");
			goto out;
		} else {
			bind_named_text(s, ":perp", perp_fold);
		}
	}
	bind_named_text(s, ":ftype", q->facility_type);
	if (q->facility) {
		if (!(fac_fold = geo_query_fold(q->facility))) {
			rc = GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory");
			goto out;
		}
		bind_named_text(s, ":facility_id", q->facility);
		bind_named_text(s, ":facility", fac_fold);
		for (size_t k = 0; k < q->n_facility_ids; k++) {
			char name[32];
			snprintf(name, sizeof name, ":fid%zu", k);
			bind_named_text(s, name, q->facility_ids[k]);
		}
	}
	if (q->near) {
		double box[4];
		radius_bbox(q->near_lon, q->near_lat, q->radius_m, box);
		bind_named_double(s, ":bx0", box[0]);
		bind_named_double(s, ":by0", box[1]);
		bind_named_double(s, ":bx1", box[2]);
		bind_named_double(s, ":by1", box[3]);
		bind_named_double(s, ":near_lon", q->near_lon);
		bind_named_double(s, ":near_lat", q->near_lat);
		bind_named_double(s, ":radius", q->radius_m);
	}
	bind_named_int(s, ":prec", q->max_precision);
	bind_named_int(s, ":limit", q->limit);
	*out = s;
	s = NULL;
out:
	sqlite3_finalize(s);
	free(perp_fold);
	free(fac_fold);
	geo_buf_free(&sql);
	return rc;
}

enum geo_status geo_query_count(geo_store *st, const struct geo_query *q, long *n)
{
	sqlite3_stmt *s = NULL;
	enum geo_status rc = geo_query_prepare(st, q, "count(*)", NULL, &s);
	if (rc != GEO_OK)
		return rc;
	if (sqlite3_step(s) == SQLITE_ROW)
		*n = (long)sqlite3_column_int64(s, 0);
	else
		rc = geo_query_db_error(st, "counting matching incidents");
	sqlite3_finalize(s);
	return rc;
}

#define ORDER_BY "ORDER BY i.date, i.time IS NULL, i.time, i.id"

enum geo_status geo_query_load(geo_store *st, const struct geo_query *q,
                               struct geo_incident_list *out)
{
	sqlite3_stmt *s = NULL, *ins = NULL;
	enum geo_status rc;
	int step, made = 0;
	rc = geo_query_prepare(st, q, "i.id", q->limit ? ORDER_BY " LIMIT :limit" : ORDER_BY, &s);
	if (rc != GEO_OK)
		goto out;
	/* The matching ids go to a table of the connection's temporary
	 * database (never the store file), which the store's loader then
	 * joins with a constant condition. */
	if ((rc = geo_store_exec(st, "DROP TABLE IF EXISTS temp.geo_query_ids;"
	                             "CREATE TEMP TABLE geo_query_ids (id TEXT PRIMARY KEY)")) != GEO_OK)
		goto out;
	made = 1;
	if (sqlite3_prepare_v2(geo_store_db(st), "INSERT OR IGNORE INTO temp.geo_query_ids VALUES (?1)",
	                       -1, &ins, NULL) != SQLITE_OK) {
		rc = geo_query_db_error(st, "collecting matching incidents");
		goto out;
	}
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		sqlite3_bind_value(ins, 1, sqlite3_column_value(s, 0));
		if (sqlite3_step(ins) != SQLITE_DONE) {
			rc = geo_query_db_error(st, "collecting matching incidents");
			goto out;
		}
		sqlite3_reset(ins);
	}
	if (step != SQLITE_DONE) {
		rc = geo_query_db_error(st, "running the query");
		goto out;
	}
	rc = geo_store_load_incidents(st, "id IN (SELECT id FROM temp.geo_query_ids)", out);
out:
	sqlite3_finalize(s);
	sqlite3_finalize(ins);
	if (made)
		sqlite3_exec(geo_store_db(st), "DROP TABLE IF EXISTS temp.geo_query_ids", NULL, NULL, NULL);
	return rc;
}

/* ---- output ------------------------------------------------------------ */

/* The writer: a buffer flushed to the sink in chunks. */
struct writer {
	geo_ctx *ctx;
	geo_buf b;
	geo_query_sink sink;
	void *user;
	enum geo_status rc; /* first failure; later appends are skipped */
};

static void w_check(struct writer *w, enum geo_status st)
{
	if (w->rc == GEO_OK && st != GEO_OK)
		w->rc = GEO_ERROR(w->ctx, st, "query output: %s", st == GEO_ERR_LIMIT ?
		                  "a row is too long for the output buffer" : "out of memory");
}

static void w_flush(struct writer *w, int force)
{
	if (w->rc != GEO_OK || w->b.len == 0 || (!force && w->b.len < (1u << 16)))
		return;
	enum geo_status st = w->sink(w->user, geo_buf_str(&w->b), w->b.len);
	if (st != GEO_OK) {
		w->rc = st;
		if (geo_ctx_error_code(w->ctx) == GEO_OK)
			GEO_ERROR(w->ctx, st, "query output could not be written");
	}
	geo_buf_reset(&w->b);
}

static void w_adds(struct writer *w, const char *s)
{
	if (w->rc == GEO_OK)
		w_check(w, geo_buf_adds(&w->b, s));
}

static void w_json(struct writer *w, const char *s)
{
	if (w->rc == GEO_OK)
		w_check(w, geo_buf_add_json_str(&w->b, s));
}

static void w_csv(struct writer *w, const char *s)
{
	if (w->rc == GEO_OK)
		w_check(w, geo_buf_add_csv_field(&w->b, s));
}

static void w_addf(struct writer *w, const char *fmt, ...) GEO_PRINTF(2, 3);
static void w_addf(struct writer *w, const char *fmt, ...)
{
	va_list ap;
	if (w->rc != GEO_OK)
		return;
	va_start(ap, fmt);
	w_check(w, geo_buf_vaddf(&w->b, fmt, ap));
	va_end(ap);
}

/* Column layout of the generic SELECT: i.* then lon, lat, [distance_m]. */
struct layout {
	int ncols;      /* columns in the statement */
	int geom;       /* index of i.geom (skipped), or -1 */
	int attrs;      /* index of i.attrs, or -1 */
	int lon, lat;   /* indexes of ST_X, ST_Y */
	int dist;       /* index of the distance, or -1 */
};

static void layout_of(sqlite3_stmt *s, int near, struct layout *l)
{
	l->ncols = sqlite3_column_count(s);
	l->geom = l->attrs = -1;
	l->dist = near ? l->ncols - 1 : -1;
	l->lat = l->ncols - 1 - (near ? 1 : 0);
	l->lon = l->lat - 1;
	for (int i = 0; i < l->lon; i++) {
		const char *n = sqlite3_column_name(s, i);
		if (strcmp(n, "geom") == 0)
			l->geom = i;
		else if (strcmp(n, "attrs") == 0)
			l->attrs = i;
	}
}

/* A JSON value for a column: numbers as numbers, NULL as null. Reals
 * print with up to 15 significant digits; coordinates with 7 decimals
 * (about 1 cm), enough for any source the store holds. */
static void w_json_value(struct writer *w, sqlite3_stmt *s, int i, int coord)
{
	switch (sqlite3_column_type(s, i)) {
	case SQLITE_NULL: w_adds(w, "null"); break;
	case SQLITE_INTEGER: w_addf(w, "%lld", (long long)sqlite3_column_int64(s, i)); break;
	case SQLITE_FLOAT:
		if (coord)
			w_addf(w, "%.7f", sqlite3_column_double(s, i));
		else
			w_addf(w, "%.15g", sqlite3_column_double(s, i));
		break;
	default: w_json(w, (const char *)sqlite3_column_text(s, i)); break;
	}
}

/* Text for CSV and table cells: NULL stays NULL; reals formatted like JSON. */
static const char *cell_text(sqlite3_stmt *s, int i, int coord, char tmp[64])
{
	switch (sqlite3_column_type(s, i)) {
	case SQLITE_NULL: return NULL;
	case SQLITE_FLOAT:
		snprintf(tmp, 64, coord ? "%.7f" : "%.15g", sqlite3_column_double(s, i));
		return tmp;
	default: return (const char *)sqlite3_column_text(s, i);
	}
}

/* The attrs object of a row (json-c, owned: json_object_put), or NULL. */
static struct json_object *row_attrs(sqlite3_stmt *s, const struct layout *l)
{
	const char *t;
	struct json_object *o;
	if (l->attrs < 0 || !(t = (const char *)sqlite3_column_text(s, l->attrs)))
		return NULL;
	o = json_tokener_parse(t);
	if (o && !json_object_is_type(o, json_type_object)) {
		json_object_put(o);
		o = NULL;
	}
	return o;
}

static const char *attr_value(struct json_object *v)
{
	return !v || json_object_is_type(v, json_type_null) ? NULL : json_object_get_string(v);
}

static void write_json_attrs(struct writer *w, sqlite3_stmt *s, const struct layout *l)
{
	struct json_object *o = row_attrs(s, l);
	int first = 1;
	w_adds(w, "{");
	if (o) {
		json_object_object_foreach(o, key, val) {
			if (!first)
				w_adds(w, ", ");
			first = 0;
			w_json(w, key);
			w_adds(w, ": ");
			w_json(w, attr_value(val));
		}
		json_object_put(o);
	}
	w_adds(w, "}");
}

static void write_json_row(struct writer *w, sqlite3_stmt *s, const struct layout *l, long n)
{
	w_adds(w, n ? ",\n  {" : "\n  {");
	for (int i = 0; i < l->lon; i++) {
		if (i)
			w_adds(w, ", ");
		if (i == l->geom) {
			w_adds(w, "\"lon\": ");
			w_json_value(w, s, l->lon, 1);
			w_adds(w, ", \"lat\": ");
			w_json_value(w, s, l->lat, 1);
			continue;
		}
		w_json(w, sqlite3_column_name(s, i));
		w_adds(w, ": ");
		if (i == l->attrs)
			write_json_attrs(w, s, l);
		else
			w_json_value(w, s, i, 0);
	}
	if (l->dist >= 0) {
		w_adds(w, ", \"distance_m\": ");
		if (sqlite3_column_type(s, l->dist) == SQLITE_NULL)
			w_adds(w, "null");
		else
			w_addf(w, "%.1f", sqlite3_column_double(s, l->dist));
	}
	w_adds(w, "}");
}

static void write_geojson_row(struct writer *w, sqlite3_stmt *s, const struct layout *l, long n)
{
	int first = 1;
	w_adds(w, n ? ",\n" : "\n");
	w_adds(w, "{\"type\": \"Feature\", \"id\": ");
	w_json_value(w, s, 0, 0);
	if (sqlite3_column_type(s, l->lon) == SQLITE_NULL) {
		w_adds(w, ", \"geometry\": null");
	} else {
		w_adds(w, ", \"geometry\": {\"type\": \"Point\", \"coordinates\": [");
		w_json_value(w, s, l->lon, 1);
		w_adds(w, ", ");
		w_json_value(w, s, l->lat, 1);
		w_adds(w, "]}");
	}
	w_adds(w, ", \"properties\": {");
	for (int i = 0; i < l->lon; i++) {
		if (i == l->geom)
			continue;
		if (i == l->attrs) {
			struct json_object *o = row_attrs(s, l);
			if (o) {
				json_object_object_foreach(o, key, val) {
					w_adds(w, first ? "" : ", ");
					first = 0;
					w_adds(w, "\"attrs.");
					/* the key inside the quoted name: escape, drop the quotes */
					geo_buf kb;
					geo_buf_init(&kb, 1 << 20);
					w_check(w, geo_buf_add_json_str(&kb, key));
					if (kb.len >= 2)
						w_check(w, geo_buf_add(&w->b, geo_buf_str(&kb) + 1, kb.len - 2));
					geo_buf_free(&kb);
					w_adds(w, "\": ");
					w_json(w, attr_value(val));
				}
				json_object_put(o);
			}
			continue;
		}
		w_adds(w, first ? "" : ", ");
		first = 0;
		w_json(w, sqlite3_column_name(s, i));
		w_adds(w, ": ");
		w_json_value(w, s, i, 0);
	}
	if (l->dist >= 0) {
		w_adds(w, first ? "\"distance_m\": " : ", \"distance_m\": ");
		w_addf(w, "%.1f", sqlite3_column_double(s, l->dist));
	}
	w_adds(w, "}}");
}

/* The distinct attrs keys of every matching row, in first-seen order. */
struct keyset {
	char **v;
	size_t n, cap;
};

static void keyset_free(struct keyset *k)
{
	for (size_t i = 0; i < k->n; i++)
		free(k->v[i]);
	free(k->v);
	memset(k, 0, sizeof *k);
}

static enum geo_status keyset_add(struct keyset *k, const char *key)
{
	for (size_t i = 0; i < k->n; i++)
		if (strcmp(k->v[i], key) == 0)
			return GEO_OK;
	if (k->n == k->cap) {
		size_t cap = k->cap ? k->cap * 2 : 16;
		char **v = geo_realloc(k->v, cap * sizeof *v);
		if (!v)
			return GEO_ERR_NOMEM;
		k->v = v;
		k->cap = cap;
	}
	if (!(k->v[k->n] = geo_strdup(key)))
		return GEO_ERR_NOMEM;
	k->n++;
	return GEO_OK;
}

static void write_csv_header(struct writer *w, sqlite3_stmt *s, const struct layout *l,
                             const struct keyset *keys)
{
	int first = 1;
	for (int i = 0; i < l->lon; i++) {
		if (i == l->attrs)
			continue;
		w_adds(w, first ? "" : ",");
		first = 0;
		if (i == l->geom)
			w_adds(w, "lon,lat");
		else
			w_csv(w, sqlite3_column_name(s, i));
	}
	if (l->dist >= 0)
		w_adds(w, ",distance_m");
	for (size_t k = 0; k < keys->n; k++) {
		char name[600];
		snprintf(name, sizeof name, "attrs.%s", keys->v[k]);
		w_adds(w, ",");
		w_csv(w, name);
	}
	w_adds(w, "\r\n");
}

static void write_csv_row(struct writer *w, sqlite3_stmt *s, const struct layout *l,
                          const struct keyset *keys)
{
	char tmp[64];
	int first = 1;
	for (int i = 0; i < l->lon; i++) {
		if (i == l->attrs)
			continue;
		w_adds(w, first ? "" : ",");
		first = 0;
		if (i == l->geom) {
			w_csv(w, cell_text(s, l->lon, 1, tmp));
			w_adds(w, ",");
			w_csv(w, cell_text(s, l->lat, 1, tmp));
		} else {
			w_csv(w, cell_text(s, i, 0, tmp));
		}
	}
	if (l->dist >= 0)
		w_addf(w, ",%.1f", sqlite3_column_double(s, l->dist));
	if (keys->n) {
		struct json_object *o = row_attrs(s, l);
		for (size_t k = 0; k < keys->n; k++) {
			struct json_object *v = NULL;
			w_adds(w, ",");
			if (o && json_object_object_get_ex(o, keys->v[k], &v))
				w_csv(w, attr_value(v));
		}
		json_object_put(o);
	}
	w_adds(w, "\r\n");
}

/* ---- the terminal table ----------------------------------------------- */

#define TABLE_COLS 11
static const char *const TABLE_HEAD[TABLE_COLS] = {
	"id", "date", "time", "place", "governorate", "facility", "type", "perpetrator",
	"killed", "prec", "km"};
/* widest a cell may be before it is cut with an ellipsis */
static const size_t TABLE_MAX[TABLE_COLS] = {24, 11, 8, 30, 14, 30, 13, 16, 6, 4, 7};

/* A copy of `s` cut to `max` display columns (ending with "…" when cut).
 * Owned by the caller. */
static char *cut_to_width(const char *s, size_t max)
{
	geo_buf b;
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t w = 0;
	utf8proc_int32_t c;
	if (geo_query_display_width(s) <= max)
		return geo_strdup(s);
	geo_buf_init(&b, GEO_BUF_DEFAULT_CAP);
	while (*p) {
		utf8proc_ssize_t k = utf8proc_iterate(p, -1, &c);
		int cw = 1;
		if (k <= 0)
			k = 1;
		else
			cw = utf8proc_charwidth(c) > 0 ? utf8proc_charwidth(c) : 0;
		if (w + (size_t)cw > max - 1)
			break;
		if (geo_buf_add(&b, p, (size_t)k) != GEO_OK)
			goto fail;
		w += (size_t)cw;
		p += k;
	}
	if (geo_buf_adds(&b, "\xe2\x80\xa6") != GEO_OK) /* … */
		goto fail;
	return geo_buf_take(&b);
fail:
	geo_buf_free(&b);
	return NULL;
}

struct table {
	char **cells; /* rows * TABLE_COLS, owned */
	size_t rows, cap;
};

static void table_free(struct table *t)
{
	for (size_t i = 0; i < t->rows * TABLE_COLS; i++)
		free(t->cells[i]);
	free(t->cells);
	memset(t, 0, sizeof *t);
}

static int col_index(sqlite3_stmt *s, const struct layout *l, const char *name)
{
	for (int i = 0; i < l->lon; i++)
		if (strcmp(sqlite3_column_name(s, i), name) == 0)
			return i;
	return -1;
}

static const char *col_str(sqlite3_stmt *s, int i)
{
	return i < 0 ? NULL : (const char *)sqlite3_column_text(s, i);
}

static enum geo_status table_add_row(struct table *t, sqlite3_stmt *s, const struct layout *l)
{
	char killed[32], prec[16], km[32];
	const char *v[TABLE_COLS];
	if (t->rows == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		char **c = geo_realloc(t->cells, cap * TABLE_COLS * sizeof *c);
		if (!c)
			return GEO_ERR_NOMEM;
		t->cells = c;
		t->cap = cap;
	}
	int ik = col_index(s, l, "killed"), ip = col_index(s, l, "geo_precision");
	const char *admin1 = col_str(s, col_index(s, l, "admin1_pcode"));
	const char *gov = geo_query_governorate_name(admin1);
	const char *gov_text = col_str(s, col_index(s, l, "governorate_text"));
	const char *place = col_str(s, col_index(s, l, "place_text"));
	const char *status = col_str(s, col_index(s, l, "geocode_status"));
	const char *resolved = col_str(s, col_index(s, l, "place_name"));
	const char *date = col_str(s, col_index(s, l, "date"));
	const char *dprec = col_str(s, col_index(s, l, "date_precision"));
	char datebuf[32];
	/* the place the geocoder settled on, else the words of the source */
	if (resolved && status && strcmp(status, GEO_GC_RESOLVED) == 0)
		place = resolved;
	/* a date known only to the month must not read as the 1st */
	if (date && dprec && strcmp(dprec, "month") == 0 && strlen(date) >= 7) {
		snprintf(datebuf, sizeof datebuf, "%.7s-??", date);
		date = datebuf;
	} else if (date && dprec && strcmp(dprec, "approximate") == 0) {
		snprintf(datebuf, sizeof datebuf, "~%s", date);
		date = datebuf;
	}
	snprintf(killed, sizeof killed, "%s",
	         ik >= 0 && sqlite3_column_type(s, ik) != SQLITE_NULL ?
	         (const char *)sqlite3_column_text(s, ik) : "");
	if (sqlite3_column_type(s, l->lon) == SQLITE_NULL)
		snprintf(prec, sizeof prec, "-");
	else if (ip >= 0 && sqlite3_column_type(s, ip) != SQLITE_NULL)
		snprintf(prec, sizeof prec, "%d", sqlite3_column_int(s, ip));
	else
		snprintf(prec, sizeof prec, "?");
	if (l->dist >= 0)
		snprintf(km, sizeof km, "%.2f", sqlite3_column_double(s, l->dist) / 1000.0);
	else
		km[0] = '\0';
	v[0] = col_str(s, 0);
	v[1] = date;
	v[2] = col_str(s, col_index(s, l, "time"));
	v[3] = place;
	v[4] = gov ? gov : (admin1 ? admin1 : gov_text);
	v[5] = col_str(s, col_index(s, l, "facility_name"));
	v[6] = col_str(s, col_index(s, l, "facility_type"));
	v[7] = col_str(s, col_index(s, l, "perpetrator_class"));
	v[8] = killed;
	v[9] = prec;
	v[10] = km;
	char **row = t->cells + t->rows * TABLE_COLS;
	for (int c = 0; c < TABLE_COLS; c++)
		row[c] = NULL;
	t->rows++; /* counted now so table_free frees a half-filled row */
	for (int c = 0; c < TABLE_COLS; c++)
		if (!(row[c] = cut_to_width(v[c] ? v[c] : "", TABLE_MAX[c])))
			return GEO_ERR_NOMEM;
	return GEO_OK;
}

/* One cell padded to `width` columns; right-to-left text isolated (FSI ..
 * PDI, Unicode UAX #9) so that a bidi terminal does not reorder it with
 * its neighbours. */
static void w_cell(struct writer *w, const char *s, size_t width, int right)
{
	size_t dw = geo_query_display_width(s);
	size_t pad = width > dw ? width - dw : 0;
	int rtl = has_rtl(s);
	if (right)
		w_addf(w, "%*s", (int)pad, "");
	if (rtl)
		w_adds(w, "\xe2\x81\xa8"); /* U+2068 FIRST STRONG ISOLATE */
	w_adds(w, s);
	if (rtl)
		w_adds(w, "\xe2\x81\xa9"); /* U+2069 POP DIRECTIONAL ISOLATE */
	if (!right)
		w_addf(w, "%*s", (int)pad, "");
}

/* `matching`: how many incidents match without the limit (-1 unknown). */
static void write_table(struct writer *w, const struct table *t, int near, long matching)
{
	size_t width[TABLE_COLS];
	int ncols = near ? TABLE_COLS : TABLE_COLS - 1;
	for (int c = 0; c < ncols; c++) {
		width[c] = strlen(TABLE_HEAD[c]);
		for (size_t r = 0; r < t->rows; r++) {
			size_t dw = geo_query_display_width(t->cells[r * TABLE_COLS + c]);
			if (dw > width[c])
				width[c] = dw;
		}
	}
	for (int c = 0; c < ncols; c++) {
		w_adds(w, c ? "  " : "");
		w_cell(w, TABLE_HEAD[c], width[c], c >= 8);
	}
	w_adds(w, "\n");
	for (int c = 0; c < ncols; c++) {
		w_adds(w, c ? "  " : "");
		for (size_t k = 0; k < width[c]; k++)
			w_adds(w, "-");
	}
	w_adds(w, "\n");
	for (size_t r = 0; r < t->rows; r++) {
		for (int c = 0; c < ncols; c++) {
			w_adds(w, c ? "  " : "");
			w_cell(w, t->cells[r * TABLE_COLS + c], width[c], c >= 8);
		}
		w_adds(w, "\n");
		w_flush(w, 0);
	}
	if (matching > (long)t->rows) /* cut by --limit: say so */
		w_addf(w, "%zu of %ld matching incidents (limited)\n", t->rows, matching);
	else
		w_addf(w, "%zu incident%s\n", t->rows, t->rows == 1 ? "" : "s");
}

enum geo_status geo_query_write(geo_store *st, const struct geo_query *q,
                                enum geo_query_format fmt, geo_query_sink sink, void *user,
                                long *n_rows)
{
	struct writer w = {.ctx = geo_store_ctx(st), .sink = sink, .user = user, .rc = GEO_OK};
	struct keyset keys = {0};
	struct table t = {0};
	struct layout l;
	sqlite3_stmt *s = NULL;
	long n = 0;
	int step;
	enum geo_status rc;
	const char *select = q->near ? "i.*, ST_X(i.geom), ST_Y(i.geom), " GEO_QUERY_DISTANCE
	                             : "i.*, ST_X(i.geom), ST_Y(i.geom)";

	geo_buf_init(&w.b, 1 << 24);
	rc = geo_query_prepare(st, q, select, q->limit ? ORDER_BY " LIMIT :limit" : ORDER_BY, &s);
	if (rc != GEO_OK)
		goto out;
	layout_of(s, q->near, &l);

	if (fmt == GEO_QUERY_CSV && l.attrs >= 0) {
		/* first pass: the attrs columns */
		while ((step = sqlite3_step(s)) == SQLITE_ROW) {
			struct json_object *o = row_attrs(s, &l);
			if (o) {
				json_object_object_foreach(o, key, val) {
					(void)val;
					if (keyset_add(&keys, key) != GEO_OK) {
						json_object_put(o);
						rc = GEO_ERROR(w.ctx, GEO_ERR_NOMEM, "out of memory");
						goto out;
					}
				}
				json_object_put(o);
			}
		}
		if (step != SQLITE_DONE) {
			rc = geo_query_db_error(st, "running the query");
			goto out;
		}
		sqlite3_reset(s);
	}
	if (fmt == GEO_QUERY_CSV)
		write_csv_header(&w, s, &l, &keys);
	else if (fmt == GEO_QUERY_JSON)
		w_adds(&w, "[");
	else if (fmt == GEO_QUERY_GEOJSON)
		w_adds(&w, "{\"type\": \"FeatureCollection\", \"features\": [");

	while (w.rc == GEO_OK && (step = sqlite3_step(s)) == SQLITE_ROW) {
		switch (fmt) {
		case GEO_QUERY_CSV: write_csv_row(&w, s, &l, &keys); break;
		case GEO_QUERY_JSON: write_json_row(&w, s, &l, n); break;
		case GEO_QUERY_GEOJSON: write_geojson_row(&w, s, &l, n); break;
		case GEO_QUERY_TABLE:
			if (table_add_row(&t, s, &l) != GEO_OK)
				w_check(&w, GEO_ERR_NOMEM);
			break;
		}
		n++;
		w_flush(&w, 0);
	}
	if (w.rc != GEO_OK) {
		rc = w.rc;
		goto out;
	}
	if (step != SQLITE_DONE) {
		rc = geo_query_db_error(st, "running the query");
		goto out;
	}
	if (fmt == GEO_QUERY_JSON)
		w_adds(&w, n ? "\n]\n" : "]\n");
	else if (fmt == GEO_QUERY_GEOJSON)
		w_adds(&w, "\n]}\n");
	else if (fmt == GEO_QUERY_TABLE) {
		long matching = -1;
		if (q->limit && (long)t.rows == q->limit && (rc = geo_query_count(st, q, &matching)) != GEO_OK)
			goto out;
		write_table(&w, &t, q->near, matching);
	}
	w_flush(&w, 1);
	rc = w.rc;
	if (rc == GEO_OK && n_rows)
		*n_rows = n;
out:
	sqlite3_finalize(s);
	keyset_free(&keys);
	table_free(&t);
	geo_buf_free(&w.b);
	return rc;
}
