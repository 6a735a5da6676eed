/* map_style.h — the map's visual vocabulary, shared by the PNG/SVG renderer
 * (map_static.c) and the HTML map (map_html.c): one colour per perpetrator
 * class, one shape per facility type, and the legend words in English and
 * Arabic. Keeping them here is what makes the static and the web map read
 * the same.
 *
 * Colours are the Okabe–Ito palette (Okabe & Ito 2008, "Color Universal
 * Design"), distinguishable with the common colour-vision deficiencies;
 * the vocabulary has more classes than the palette has hues, so the three
 * rarest classes use a dark orange, grey and white (shape outlines keep a
 * white marker visible). Shapes differ in outline, not only in colour, so a
 * grey-scale print still tells facility types apart. */
#ifndef GEO_MAP_STYLE_H
#define GEO_MAP_STYLE_H

#include <stddef.h>

/* A shape in unit coordinates: a closed polygon centred on (0,0), y down,
 * fitting the unit circle. Scale by the marker radius in pixels. */
struct geo_map_shape {
	const char *facility_type; /* one of GEO_FACILITY_TYPES */
	const double *xy;          /* n (x, y) pairs */
	size_t n;
};

/* The shape for a facility type; an unknown or NULL type gets "other".
 * Never NULL; static storage. */
const struct geo_map_shape *geo_map_shape_for(const char *facility_type);

/* Colour of a perpetrator class (GEO_PERPETRATOR_CLASSES) as 0..1 RGB, and
 * as "#rrggbb". An unknown class gets the "unknown" colour. Static. */
void geo_map_perp_rgb(const char *perp_class, double rgb[3]);
const char *geo_map_perp_hex(const char *perp_class);

/* 1 when text drawn on this class's colour should be dark (light fill). */
int geo_map_perp_is_light(const char *perp_class);

/* Legend words. lang_ar: 0 English, 1 Arabic. Static strings, never NULL
 * (an unknown key is returned as given). */
const char *geo_map_facility_label(const char *facility_type, int lang_ar);
const char *geo_map_perp_label(const char *perp_class, int lang_ar);

/* Fixed phrases of the map, by key: "title", "sequence", "repeat", "zone",
 * "town", "governorate", "approx", "precision_note", "scale_km", "north",
 * "incidents", "facility", "perpetrator", "boundaries", "unlocated_one",
 * "unlocated_many", "min". Unknown keys are returned as given. */
const char *geo_map_text(const char *key, int lang_ar);

/* Append the shape as an SVG path "d" string scaled by r and centred on
 * (cx, cy), with coordinates printed to 2 decimals, into out (size cap).
 * Returns 0 on success, -1 when out is too small. Used by the HTML map and
 * the tests. */
int geo_map_shape_svg_path(const struct geo_map_shape *s, double cx, double cy, double r,
                           char *out, size_t cap);

#endif
