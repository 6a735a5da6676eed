/* map.h — maps of the incidents in a store: a static map (PNG or SVG,
 * Cairo + Pango) for print, and one self-contained offline HTML map
 * (Leaflet built in) for the web.
 *
 * Both read the same things: the incidents (geo_store_load_incidents), the
 * double-strike sequences and repeat groups when the analysis tables exist
 * (`sequences`/`sequence_members`, `repeats`/`repeat_members`; absent
 * tables are skipped and the credits say what was drawn), the governorate
 * and sub-district polygons and the main towns from the gazetteer
 * (gazetteer/schema.md: admin_areas, places), and the de-escalation zones.
 *
 * The static map is drawn in UTM zone 37N (EPSG:32637, through PROJ): Syria
 * lies within 3.5 degrees of its central meridian, so the scale error is
 * under 0.1 % everywhere and the scale bar is true anywhere on the map. The
 * north arrow points to true north at the map's centre (it differs from the
 * grid's up by the meridian convergence, up to 2 degrees).
 *
 * Output is deterministic: the same store and gazetteer give a
 * byte-identical PNG and SVG (fixed font options, no timestamps, stable
 * ordering). */
#ifndef GEO_MAP_H
#define GEO_MAP_H

#include "geo/ctx.h"
#include "geo/store.h"

enum geo_map_format {
	GEO_MAP_PNG,
	GEO_MAP_SVG,
	GEO_MAP_HTML
};

/* The format named by the file's extension (.png, .svg, .html/.htm, any
 * case). GEO_ERR_INVALID naming the file for anything else. */
enum geo_status geo_map_format_from_path(geo_ctx *ctx, const char *path,
                                         enum geo_map_format *out) GEO_WUR;

/* What to draw. Strings are borrowed for the duration of the call. */
struct geo_map_opts {
	const char *gazetteer;   /* gazetteer database path (required) */
	const char *zone;        /* zoom to a de-escalation zone: id or name, or NULL */
	const char *governorate; /* zoom to a governorate: P-code or name, or NULL */
	int has_bbox;            /* bbox holds min lon, min lat, max lon, max lat (degrees) */
	double bbox[4];
	const char *from, *to;   /* YYYY-MM-DD inclusive, or NULL */
	const char *title;       /* NULL: the default title in the chosen language */
	int width, height;       /* pixels (PNG), points (SVG); HTML ignores them */
	int lang_ar;             /* 1: Arabic labels and legend */
};

/* Defaults: 1600 x 1200, English, whole country. */
void geo_map_opts_init(struct geo_map_opts *o);

/* What was drawn, for the CLI's note and the tests. */
struct geo_map_summary {
	long incidents;      /* incidents selected (after --from/--to) */
	long drawn;          /* incident symbols drawn */
	long unlocated;      /* without a location: not drawn, counted in the credits */
	long outside;        /* located but outside the map's extent */
	long spread;         /* symbols moved onto a ring around a shared point */
	long counted;        /* incidents at a crowded place drawn as one count (static maps) */
	long sequences;      /* sequence arrows drawn */
	long repeats;        /* repeat rings drawn */
	int have_sequences;  /* the sequences tables exist */
	int have_repeats;    /* the repeats tables exist */
	long zones;          /* de-escalation zones drawn */
	long towns;          /* town labels drawn */
};

/* Draw the map of the incidents in `st` to `path` in `fmt`. The file is
 * written whole or not at all (a temporary file renamed into place).
 * Errors: GEO_ERR_NOTFOUND (gazetteer, zone or governorate not found),
 * GEO_ERR_INVALID (bad extent or size), GEO_ERR_IO (cannot write),
 * GEO_ERR_DB, GEO_ERR_PROJ, GEO_ERR_GEOS; the message names the input.
 * `sum` may be NULL. */
enum geo_status geo_map_write(geo_ctx *ctx, geo_store *st, const struct geo_map_opts *opts,
                              enum geo_map_format fmt, const char *path,
                              struct geo_map_summary *sum) GEO_WUR;

#endif
