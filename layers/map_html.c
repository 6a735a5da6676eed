/* map_html.c — the HTML map: one self-contained file that works offline.
 *
 * The page is the template layers/web/map_template.html with Leaflet's CSS
 * and JS (npm package, built in at build time by layers/web/npm_assets.sh),
 * the data as one JSON object, and the map's script (layers/web/map_app.js)
 * put in place. There is no tile layer: the governorate polygons are the
 * base map. The page's Content-Security-Policy forbids any request.
 *
 * Coordinates are written with 5 decimals (about 1 m) for incidents and 4
 * for base-layer polygons simplified to 0.002 degrees (about 200 m), which
 * keeps the file small; the polygons are a backdrop, not the record. */
#include "layers/map_internal.h"
#include "layers/map_style.h"
#include "geo/perpetrator.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define ADD(...) do { if ((rc = geo_buf_addf(b, __VA_ARGS__)) != GEO_OK) goto out; } while (0)
#define ADDS(s) do { if ((rc = geo_buf_adds(b, (s))) != GEO_OK) goto out; } while (0)
#define ADDJ(s) do { if ((rc = geo_buf_add_json_str(b, (s))) != GEO_OK) goto out; } while (0)

struct word {
	const char *key, *en, *ar;
};

/* Words only the web map uses (the rest come from map_style). */
static const struct word web_words[] = {
	{"time", "Dates shown", "الفترة المعروضة"},
	{"layers", "Layers", "الطبقات"},
	{"govnames", "Governorate names", "أسماء المحافظات"},
	{"date", "Date", "التاريخ"},
	{"monthOnly", "day not known", "اليوم غير معروف"},
	{"place", "Place (as reported)", "المكان (كما ورد)"},
	{"facilityName", "Facility", "المنشأة"},
	{"facilityType", "Facility type", "نوع المنشأة"},
	{"perpetratorAsWritten", "Perpetrator (as reported)", "الجهة المنفذة (كما وردت)"},
	{"perpetratorClass", "Attributed to", "الجهة المنفذة"},
	{"weapon", "Weapon", "السلاح"},
	{"killed", "Killed", "القتلى"},
	{"injured", "Injured", "الجرحى"},
	{"damage", "Damage", "الأضرار"},
	{"location", "Location", "الموقع"},
	{"source", "Source", "المصدر"},
	{"notes", "Notes", "ملاحظات"},
};

static enum geo_status add_ring(geo_buf *b, GEOSContextHandle_t h, const GEOSGeometry *ring)
{
	enum geo_status rc = GEO_OK;
	const GEOSCoordSequence *cs = GEOSGeom_getCoordSeq_r(h, ring);
	unsigned n = 0;
	if (!cs || !GEOSCoordSeq_getSize_r(h, cs, &n))
		return GEO_ERR_GEOS;
	ADDS("[");
	for (unsigned i = 0; i < n; i++) {
		double x, y;
		if (!GEOSCoordSeq_getXY_r(h, cs, i, &x, &y))
			return GEO_ERR_GEOS;
		ADD("%s[%.4f,%.4f]", i ? "," : "", x, y);
	}
	ADDS("]");
out:
	return rc;
}

static enum geo_status add_polygon(geo_buf *b, GEOSContextHandle_t h, const GEOSGeometry *g)
{
	enum geo_status rc = GEO_OK;
	int nh = GEOSGetNumInteriorRings_r(h, g);
	ADDS("[");
	if ((rc = add_ring(b, h, GEOSGetExteriorRing_r(h, g))) != GEO_OK)
		goto out;
	for (int i = 0; i < nh; i++) {
		ADDS(",");
		if ((rc = add_ring(b, h, GEOSGetInteriorRingN_r(h, g, i))) != GEO_OK)
			goto out;
	}
	ADDS("]");
out:
	return rc;
}

/* A MultiPolygon geometry object of the (multi)polygon parts of g. */
static enum geo_status add_multipolygon(geo_buf *b, GEOSContextHandle_t h, const GEOSGeometry *g)
{
	enum geo_status rc = GEO_OK;
	int first = 1;
	ADDS("{\"type\":\"MultiPolygon\",\"coordinates\":[");
	if (GEOSGeomTypeId_r(h, g) == GEOS_POLYGON) {
		if ((rc = add_polygon(b, h, g)) != GEO_OK)
			goto out;
	} else {
		for (int i = 0; i < GEOSGetNumGeometries_r(h, g); i++) {
			const GEOSGeometry *p = GEOSGetGeometryN_r(h, g, i);
			if (GEOSGeomTypeId_r(h, p) != GEOS_POLYGON)
				continue;
			if (!first)
				ADDS(",");
			first = 0;
			if ((rc = add_polygon(b, h, p)) != GEO_OK)
				goto out;
		}
	}
	ADDS("]}");
out:
	return rc;
}

static enum geo_status add_areas(struct map_data *d, geo_buf *b, const struct map_area *a, size_t n,
                                 int ar, int zones)
{
	GEOSContextHandle_t h = geo_ctx_geos(d->ctx);
	enum geo_status rc = GEO_OK;
	GEOSGeometry *sg = NULL, *pt = NULL;
	ADDS("{\"type\":\"FeatureCollection\",\"features\":[");
	for (size_t i = 0; i < n; i++) {
		double x, y;
		char name[300];
		sg = GEOSTopologyPreserveSimplify_r(h, a[i].ll, 0.002);
		if (!sg) {
			rc = GEO_ERROR(d->ctx, GEO_ERR_GEOS, "GEOS could not simplify %s", a[i].pcode);
			goto out;
		}
		if (zones)
			snprintf(name, sizeof name, "%s (%s)", ar && a[i].name_ar ? a[i].name_ar : a[i].name_en,
			         geo_map_text("approx", ar));
		else
			snprintf(name, sizeof name, "%s", ar && a[i].name_ar ? a[i].name_ar : a[i].name_en);
		ADD("%s{\"type\":\"Feature\",\"properties\":{\"id\":", i ? "," : "");
		ADDJ(a[i].pcode);
		ADDS(",\"name\":");
		ADDJ(name);
		pt = GEOSPointOnSurface_r(h, a[i].ll);
		if (pt && GEOSGeomGetX_r(h, pt, &x) && GEOSGeomGetY_r(h, pt, &y))
			ADD(",\"label\":[%.4f,%.4f]", x, y);
		if (pt)
			GEOSGeom_destroy_r(h, pt);
		pt = NULL;
		ADDS("},\"geometry\":");
		if ((rc = add_multipolygon(b, h, sg)) != GEO_OK)
			goto out;
		ADDS("}");
		GEOSGeom_destroy_r(h, sg);
		sg = NULL;
	}
	ADDS("]}");
out:
	if (sg)
		GEOSGeom_destroy_r(h, sg);
	if (pt)
		GEOSGeom_destroy_r(h, pt);
	return rc;
}

/* "35.86, 36.80 · community (drawn at the town centre): Saraqab · resolved" */
static void location_text(const struct geo_incident *inc, int ar, char *out, size_t cap)
{
	const char *w = inc->precision_word ? inc->precision_word : "";
	int town = inc->geo_precision == 1 && strcmp(w, "point") != 0;
	snprintf(out, cap, "%.5f, %.5f · %s%s%s%s · %s", inc->lat, inc->lon, w,
	         town ? (ar ? " (مرسوم في مركز البلدة)" : " (drawn at the town centre)") : "",
	         inc->place_name ? ": " : "", inc->place_name ? inc->place_name : "",
	         inc->geocode_status ? inc->geocode_status : "");
}

static enum geo_status build_data(struct map_data *d, const struct geo_map_opts *o, geo_buf *b,
                                  struct geo_map_summary *sum, const char *subtitle,
                                  const char *credits)
{
	enum geo_status rc = GEO_OK;
	int ar = o->lang_ar;
	long *jidx = geo_calloc(d->inc.n + 1, sizeof *jidx);
	long nj = 0;
	char buf[600];
	if (!jidx)
		return GEO_ERROR(d->ctx, GEO_ERR_NOMEM, "out of memory writing the HTML map");
	ADDS("{\"lang\":");
	ADDJ(ar ? "ar" : "en");
	ADDS(",\"title\":");
	ADDJ(o->title ? o->title : geo_map_text("title", ar));
	ADDS(",\"subtitle\":");
	ADDJ(subtitle);
	ADDS(",\"credits\":");
	ADDJ(credits);
	/* style */
	ADDS(",\"style\":{\"shapes\":{");
	for (int k = 0; GEO_FACILITY_TYPES[k]; k++) {
		const struct geo_map_shape *sh = geo_map_shape_for(GEO_FACILITY_TYPES[k]);
		ADD("%s\"%s\":[", k ? "," : "", GEO_FACILITY_TYPES[k]);
		for (size_t i = 0; i < sh->n; i++)
			ADD("%s%.4f,%.4f", i ? "," : "", sh->xy[2 * i], sh->xy[2 * i + 1]);
		ADDS("]");
	}
	ADDS("},\"facilityOrder\":[");
	for (int k = 0; GEO_FACILITY_TYPES[k]; k++)
		ADD("%s\"%s\"", k ? "," : "", GEO_FACILITY_TYPES[k]);
	ADDS("],\"facility\":{");
	for (int k = 0; GEO_FACILITY_TYPES[k]; k++) {
		ADD("%s\"%s\":", k ? "," : "", GEO_FACILITY_TYPES[k]);
		ADDJ(geo_map_facility_label(GEO_FACILITY_TYPES[k], ar));
	}
	ADDS("},\"perpOrder\":[");
	for (int k = 0; GEO_PERPETRATOR_CLASSES[k]; k++)
		ADD("%s\"%s\"", k ? "," : "", GEO_PERPETRATOR_CLASSES[k]);
	ADDS("],\"perp\":{");
	for (int k = 0; GEO_PERPETRATOR_CLASSES[k]; k++) {
		ADD("%s\"%s\":{\"hex\":\"%s\",\"label\":", k ? "," : "", GEO_PERPETRATOR_CLASSES[k],
		    geo_map_perp_hex(GEO_PERPETRATOR_CLASSES[k]));
		ADDJ(geo_map_perp_label(GEO_PERPETRATOR_CLASSES[k], ar));
		ADDS("}");
	}
	ADDS("},\"words\":{");
	{
		static const char *const style_keys[][2] = {
			{"facility", "facility"}, {"perpetrator", "perpetrator"}, {"sequence", "sequence"},
			{"repeat", "repeat"}, {"zone", "zone"}, {"governorate", "governorate"},
			{"sequenceLone", "sequence_lone"}, {"counted", "counted"},
			{"town", "town"}, {"precision", "precision_note"}};
		for (size_t i = 0; i < sizeof style_keys / sizeof style_keys[0]; i++) {
			ADD("%s\"%s\":", i ? "," : "", style_keys[i][0]);
			ADDJ(geo_map_text(style_keys[i][1], ar));
		}
		for (size_t i = 0; i < sizeof web_words / sizeof web_words[0]; i++) {
			ADD(",\"%s\":", web_words[i].key);
			ADDJ(ar ? web_words[i].ar : web_words[i].en);
		}
	}
	ADDS("}}");
	/* base layers */
	ADDS(",\"governorates\":");
	if ((rc = add_areas(d, b, d->gov, d->n_gov, ar, 0)) != GEO_OK)
		goto out;
	ADDS(",\"zones\":");
	if ((rc = add_areas(d, b, d->zones, d->n_zones, ar, 1)) != GEO_OK)
		goto out;
	sum->zones = (long)d->n_zones;
	ADDS(",\"towns\":[");
	for (size_t i = 0, w = 0; i < d->n_towns && w < 40; i++) {
		const struct map_town *t = &d->towns[i];
		if (t->population < 50000 && w >= 14)
			break;
		ADD("%s{\"name\":", w ? "," : "");
		ADDJ(ar && t->name_ar ? t->name_ar : t->name_en);
		ADD(",\"lon\":%.5f,\"lat\":%.5f}", t->lon, t->lat);
		w++;
		sum->towns++;
	}
	/* incidents (located ones; the others are counted) */
	ADDS("],\"incidents\":[");
	for (size_t i = 0; i < d->inc.n; i++) {
		const struct geo_incident *inc = &d->inc.v[i];
		jidx[i] = -1;
		if (!inc->has_point) {
			sum->unlocated++;
			continue;
		}
		jidx[i] = nj;
		ADD("%s{\"id\":", nj ? "," : "");
		ADDJ(inc->id);
		ADDS(",\"date\":");
		ADDJ(inc->date);
		ADDS(",\"time\":");
		ADDJ(inc->time);
		ADDS(",\"dp\":");
		ADDJ(inc->date_precision);
		ADD(",\"lon\":%.5f,\"lat\":%.5f,\"ft\":", inc->lon, inc->lat);
		ADDJ(inc->facility_type ? inc->facility_type : "other");
		ADDS(",\"pc\":");
		ADDJ(d->perp_class[i]);
		ADDS(",\"perp\":");
		ADDJ(inc->perpetrator);
		ADDS(",\"place\":");
		ADDJ(inc->place_text);
		ADDS(",\"facility\":");
		ADDJ(inc->facility_name);
		ADDS(",\"weapon\":");
		ADDJ(inc->weapon);
		ADD(",\"killed\":%d,\"injured\":%d,\"damage\":", inc->killed, inc->injured);
		ADDJ(inc->damage);
		location_text(inc, ar, buf, sizeof buf);
		ADDS(",\"loc\":");
		ADDJ(buf);
		ADDS(",\"source\":");
		ADDJ(inc->source);
		ADDS(",\"notes\":");
		ADDJ(inc->notes);
		ADDS("}");
		nj++;
		sum->drawn++;
	}
	ADD("],\"unlocated\":%ld,\"unlocatedText\":", sum->unlocated);
	if (ar)
		snprintf(buf, sizeof buf, "%ld حوادث دون موقع لم تُرسم.", sum->unlocated);
	else
		snprintf(buf, sizeof buf, "%ld incident%s without location not drawn.", sum->unlocated,
		         sum->unlocated == 1 ? "" : "s");
	ADDJ(buf);
	ADD(",\"haveSequences\":%s,\"haveRepeats\":%s", d->have_seq ? "true" : "false",
	    d->have_rep ? "true" : "false");
	ADDS(",\"sequences\":[");
	{
		int first = 1;
		for (size_t i = 0; i < d->n_seqs; i++) {
			const struct map_seq *q = &d->seqs[i];
			long from = q->from >= 0 ? jidx[q->from] : -1, to = jidx[q->to];
			char gap[64];
			if (to < 0 || (q->from >= 0 && from < 0))
				continue;
			if (q->gap_min < 0)
				snprintf(gap, sizeof gap, "%s", ar ? "بعد ضربة سابقة" : "after an earlier strike");
			else if (q->gap_min < 60)
				snprintf(gap, sizeof gap, "+%ld %s", q->gap_min, geo_map_text("min", ar));
			else if (q->gap_min < 24 * 60)
				snprintf(gap, sizeof gap, ar ? "+%ld س %ld د" : "+%ld h %02ld min",
				         q->gap_min / 60, q->gap_min % 60);
			else
				snprintf(gap, sizeof gap, ar ? "+%ld يوم" : "+%ld d", q->gap_min / (24 * 60));
			ADD("%s{\"id\":", first ? "" : ",");
			ADDJ(q->id);
			ADD(",\"from\":%ld,\"to\":%ld,\"gap\":%ld,\"label\":", from, to, q->gap_min);
			ADDJ(gap);
			ADDS("}");
			first = 0;
			sum->sequences++;
		}
	}
	ADDS("],\"repeats\":[");
	{
		int first = 1;
		for (size_t i = 0; i < d->n_reps; i++) {
			const struct map_rep *rp = &d->reps[i];
			int any = 0;
			if (rp->n == 0)
				continue;
			ADD("%s{\"id\":", first ? "" : ",");
			ADDJ(rp->id);
			ADD(",\"count\":%ld,\"members\":[", rp->count);
			for (size_t k = 0; k < rp->n; k++)
				if (jidx[rp->members[k]] >= 0) {
					ADD("%s%ld", any ? "," : "", jidx[rp->members[k]]);
					any = 1;
				}
			ADDS("]}");
			first = 0;
			sum->repeats++;
		}
	}
	ADDS("]");
	/* the initial view */
	{
		double lon0, lat0, lon1, lat1;
		if (map_unproject(d, d->ext[0], d->ext[1], &lon0, &lat0) != 0 ||
		    map_unproject(d, d->ext[2], d->ext[3], &lon1, &lat1) != 0) {
			rc = GEO_ERROR(d->ctx, GEO_ERR_PROJ, "cannot convert the map's extent to degrees");
			goto out;
		}
		ADD(",\"bounds\":[%.5f,%.5f,%.5f,%.5f]", lon0, lat0, lon1, lat1);
	}
	ADD(",\"dateMin\":\"%s\",\"dateMax\":\"%s\"}", o->from ? o->from : d->date_min,
	    o->to ? o->to : d->date_max);
out:
	free(jidx);
	if (rc == GEO_ERR_LIMIT || rc == GEO_ERR_NOMEM)
		GEO_ERROR(d->ctx, rc, "the HTML map's data is too large or memory is short");
	else if (rc == GEO_ERR_GEOS)
		GEO_ERROR(d->ctx, rc, "GEOS could not read a boundary for the HTML map");
	return rc;
}

static int put(FILE *f, const void *p, size_t n)
{
	return n == 0 || fwrite(p, 1, n, f) == n;
}

/* Text inside <script>: "</" becomes "<\/" (valid in JSON strings, and the
 * only way script text can end its element early). */
static int put_script_safe(FILE *f, const char *s, size_t n)
{
	size_t start = 0;
	for (size_t i = 0; i + 1 < n; i++)
		if (s[i] == '<' && s[i + 1] == '/') {
			if (!put(f, s + start, i + 1 - start) || !put(f, "\\", 1))
				return 0;
			start = i + 1;
		}
	return put(f, s + start, n - start);
}

static int put_html_escaped(FILE *f, const char *s)
{
	for (; *s; s++) {
		const char *e = *s == '&' ? "&amp;" : *s == '<' ? "&lt;" : *s == '>' ? "&gt;" :
		                *s == '"' ? "&quot;" : NULL;
		if (e ? fputs(e, f) < 0 : fputc(*s, f) == EOF)
			return 0;
	}
	return 1;
}

enum geo_status map_html_write(struct map_data *d, const struct geo_map_opts *o, const char *path,
                               struct geo_map_summary *sum)
{
	geo_buf data, cred;
	enum geo_status rc = GEO_OK;
	FILE *f = NULL;
	const char *t = (const char *)geo_map_asset_template;
	const char *title = o->title ? o->title : geo_map_text("title", o->lang_ar);
	char sub[512], d0[64], d1[64], range[140];
	int ok = 1;
	struct geo_map_summary probe;
	geo_buf_init(&data, (size_t)1 << 30);
	geo_buf_init(&cred, 1 << 14);
	/* counts for the subtitle and credits before the data is written */
	memset(&probe, 0, sizeof probe);
	for (size_t i = 0; i < d->inc.n; i++)
		if (d->inc.v[i].has_point)
			probe.drawn++;
		else
			probe.unlocated++;
	probe.sequences = 0;
	for (size_t i = 0; i < d->n_seqs; i++)
		if (d->inc.v[d->seqs[i].to].has_point &&
		    (d->seqs[i].from < 0 || d->inc.v[d->seqs[i].from].has_point))
			probe.sequences++;
	for (size_t i = 0; i < d->n_reps; i++)
		if (d->reps[i].n > 0)
			probe.repeats++;
	map_format_date(o->from ? o->from : d->date_min, o->lang_ar, d0, sizeof d0);
	map_format_date(o->to ? o->to : d->date_max, o->lang_ar, d1, sizeof d1);
	if (strcmp(d0, d1) == 0)
		snprintf(range, sizeof range, "%s", d0);
	else
		snprintf(range, sizeof range, "%s – %s", d0, d1);
	if (o->lang_ar)
		snprintf(sub, sizeof sub, "%s%s%s · %ld حوادث، %ld على الخريطة",
		         d->focus_name ? d->focus_name : "", d->focus_name ? " · " : "", range,
		         (long)d->inc.n, probe.drawn);
	else
		snprintf(sub, sizeof sub, "%s%s%s · %ld incidents, %ld on the map",
		         d->focus_name ? d->focus_name : "", d->focus_name ? " · " : "", range,
		         (long)d->inc.n, probe.drawn);
	if ((rc = map_credits(d, &probe, o->lang_ar, &cred)) != GEO_OK)
		goto out;
	if ((rc = build_data(d, o, &data, sum, sub, geo_buf_str(&cred))) != GEO_OK)
		goto out;
	f = fopen(path, "wb");
	if (!f) {
		rc = GEO_ERROR(d->ctx, GEO_ERR_IO, "%s: cannot write the HTML map: %s", path,
		               strerror(errno));
		goto out;
	}
	while (*t && ok) {
		static const struct {
			const char *tag;
			int kind; /* 0 raw asset, 1 script-safe data, 2 html text */
		} tags[] = {{"/*@LEAFLET_CSS@*/", 0}, {"/*@LEAFLET_JS@*/", 0}, {"/*@DATA@*/", 1},
		            {"/*@APP_JS@*/", 0}, {"@TITLE@", 2}, {"@LANG@", 2}, {"@DIR@", 2}};
		const char *next = NULL;
		size_t which = 0;
		for (size_t k = 0; k < sizeof tags / sizeof tags[0]; k++) {
			const char *p = strstr(t, tags[k].tag);
			if (p && (!next || p < next)) {
				next = p;
				which = k;
			}
		}
		if (!next) {
			ok = put(f, t, strlen(t));
			break;
		}
		ok = put(f, t, (size_t)(next - t));
		switch (which) {
		case 0:
			ok = ok && put(f, geo_map_asset_leaflet_css, geo_map_asset_leaflet_css_len);
			break;
		case 1:
			ok = ok && put(f, geo_map_asset_leaflet_js, geo_map_asset_leaflet_js_len);
			break;
		case 2:
			ok = ok && put_script_safe(f, geo_buf_str(&data), geo_buf_len(&data));
			break;
		case 3:
			ok = ok && put(f, geo_map_asset_app_js, geo_map_asset_app_js_len);
			break;
		case 4:
			ok = ok && put_html_escaped(f, title);
			break;
		case 5:
			ok = ok && put_html_escaped(f, o->lang_ar ? "ar" : "en");
			break;
		default:
			ok = ok && put_html_escaped(f, o->lang_ar ? "rtl" : "ltr");
			break;
		}
		t = next + strlen(tags[which].tag);
	}
	if (!ok || fclose(f) != 0) {
		f = NULL;
		rc = GEO_ERROR(d->ctx, GEO_ERR_IO, "%s: cannot write the HTML map: %s", path,
		               strerror(errno));
		goto out;
	}
	f = NULL;
out:
	if (f)
		fclose(f);
	geo_buf_free(&data);
	geo_buf_free(&cred);
	return rc;
}
