/* map_internal.h — what the static and HTML maps share inside layers/: the
 * loaded map data (incidents, analysis groups, base layers, towns, zones)
 * and the loaders. Not a public header. */
#ifndef GEO_MAP_INTERNAL_H
#define GEO_MAP_INTERNAL_H

#include <stdio.h>
#include "geo/buf.h"
#include "geo/incident.h"
#include "layers/map.h"

/* A polygon layer feature: governorate, sub-district or zone. */
struct map_area {
	char *pcode;       /* P-code, or zone id */
	char *name_en;
	char *name_ar;     /* may be NULL */
	GEOSGeometry *ll;  /* lon/lat degrees, owned */
	GEOSGeometry *xy;  /* UTM 37N metres, owned */
};

struct map_town {
	char *name_en, *name_ar; /* name_ar may be NULL */
	double lon, lat;         /* degrees */
	double x, y;             /* UTM 37N metres */
	long population;         /* 0 when unknown */
};

/* A double-strike link: from an earlier to a later incident. */
struct map_seq {
	char *id;          /* sequence id as stored */
	long from, to;     /* incident indexes; from = -1 when the first strike has no row */
	long gap_min;      /* minutes, -1 when unknown */
};

/* A repeat group. */
struct map_rep {
	char *id;
	long *members;     /* incident indexes (located ones only), owned */
	size_t n;          /* located members */
	long count;        /* all members, located or not */
};

struct map_data {
	geo_ctx *ctx;
	PJ *pj;                      /* EPSG:4326 -> EPSG:32637, lon/lat order */
	struct geo_incident_list inc;/* selected incidents (date filter applied) */
	double *x, *y;               /* projected positions; has_point tells validity */
	char **perp_class;           /* borrowed static class word per incident */
	char **place_ar;             /* Arabic name of each incident's place (gazetteer), owned, or NULL */
	struct map_area *gov; size_t n_gov;
	struct map_area *sub; size_t n_sub;
	struct map_area *zones; size_t n_zones;
	struct map_town *towns; size_t n_towns; /* by population, largest first */
	struct map_seq *seqs; size_t n_seqs;
	struct map_rep *reps; size_t n_reps;
	int have_seq, have_rep;
	long seq_groups, rep_groups; /* groups in the tables touching the selection */
	double ext[4];               /* map extent in metres: minx, miny, maxx, maxy */
	char date_min[11], date_max[11];
	char *sources;               /* "SNHR …; …" distinct incident sources, owned */
	const char *focus_name;      /* zone or governorate zoomed to, borrowed from areas */
};

/* Load everything the map needs. On failure the context error is set and
 * map_data_free() must still be called. */
enum geo_status map_data_load(geo_ctx *ctx, geo_store *st, const struct geo_map_opts *o,
                              struct map_data *d) GEO_WUR;
void map_data_free(struct map_data *d);

/* Project lon/lat to UTM 37N metres; 0 on success. */
int map_project(const struct map_data *d, double lon, double lat, double *x, double *y);
/* And back. */
int map_unproject(const struct map_data *d, double x, double y, double *lon, double *lat);

/* Renderers. Write to `path` (the caller handles the temporary name). */
enum geo_status map_static_write(struct map_data *d, const struct geo_map_opts *o,
                                 enum geo_map_format fmt, const char *path,
                                 struct geo_map_summary *sum) GEO_WUR;
enum geo_status map_html_write(struct map_data *d, const struct geo_map_opts *o,
                               const char *path, struct geo_map_summary *sum) GEO_WUR;

/* "1 January 2018" / "1 كانون الثاني 2018" from YYYY-MM-DD into out. */
void map_format_date(const char *iso, int ar, char *out, size_t cap);
/* The credits line (sources, precision, zones, what was drawn). */
enum geo_status map_credits(const struct map_data *d, const struct geo_map_summary *sum,
                            int ar, geo_buf *out) GEO_WUR;

/* Web assets built in at build time (layers/web, generated C). */
extern const unsigned char geo_map_asset_leaflet_js[];
extern const unsigned long geo_map_asset_leaflet_js_len;
extern const unsigned char geo_map_asset_leaflet_css[];
extern const unsigned long geo_map_asset_leaflet_css_len;
extern const unsigned char geo_map_asset_template[];
extern const unsigned long geo_map_asset_template_len;
extern const unsigned char geo_map_asset_app_js[];
extern const unsigned long geo_map_asset_app_js_len;

#endif
