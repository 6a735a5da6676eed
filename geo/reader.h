/* reader.h — read incidents from CSV or GeoJSON and validate them.
 *
 * A file is accepted whole or refused whole: the first invalid row stops
 * the read with the context error naming file, line and column
 *   incidents.csv:17: column "date": "2018-13-06" is not a date
 * (GeoJSON: `incidents.geojson: feature 3: column "date": ...`), and
 * nothing is appended to the output list.
 *
 * Columns (CSV header names and GeoJSON property names; case-insensitive,
 * spaces and hyphens count as underscores):
 *   id                   stable id; when absent or empty one is derived (below)
 *   date                 YYYY-MM-DD, a real calendar date (required)
 *   time                 HH:MM or HH:MM:SS
 *   date_precision       day (default), month, approximate
 *   place | place_text   the place as written
 *   governorate | governorate_text
 *   facility_name | facility
 *   facility_type        hospital, medical_point, ambulance, civil_defense,
 *                        red_crescent, other; common spellings are normalised
 *                        ("Civil Defence", "civil defense center", "clinic",
 *                        "Red Crescent", "hospitals" ...); empty means other
 *   perpetrator, weapon, damage, control, source, notes   free text
 *   killed, injured      non-negative whole numbers (empty: not stated)
 *   lon | longitude, lat | latitude   WGS84 degrees; both or neither. A
 *                        GeoJSON Point geometry gives them too. A point
 *                        outside Syria's bounding box is a warning, not an
 *                        error. Rows with a point get geocode_status "input".
 * Any other column is kept, as written, in the incident's attrs.
 *
 * Ids: an id repeated within one file is an error. A row without an id gets
 * "auto-" followed by 16 hex digits of the 64-bit FNV-1a hash of its date,
 * place, facility name and all its cells in header order (separated by
 * 0x1F): the same row always gets the same id, so re-importing an unchanged
 * file updates instead of duplicating; editing any cell of such a row makes
 * it a new incident — give ids to rows you will correct later.
 *
 * GeoJSON: a key given twice in one object is refused, since a JSON parser
 * keeps only one of the values (`t.geojson: feature 2: property "date"
 * appears twice (line 3)`; `key "x" appears twice in one object` elsewhere
 * in a feature; `t.geojson:4: JSON: key "features" appears twice ...`
 * outside the features). Keys are compared after unescaping.
 *
 * Text must be UTF-8; cells are trimmed of surrounding spaces and tabs. */
#ifndef GEO_READER_H
#define GEO_READER_H

#include <stddef.h>
#include "geo/ctx.h"
#include "geo/incident.h"

enum geo_input_format {
	GEO_INPUT_AUTO = 0, /* by extension (.csv .txt / .geojson .json), else by content */
	GEO_INPUT_CSV,
	GEO_INPUT_GEOJSON
};

/* Syria's bounding box with a small margin (degrees): points outside it get
 * a warning. */
#define GEO_SYRIA_MIN_LON 35.5
#define GEO_SYRIA_MAX_LON 42.5
#define GEO_SYRIA_MIN_LAT 32.2
#define GEO_SYRIA_MAX_LAT 37.5

/* Read the incidents of the file at `path` and append them to `out`
 * (which keeps ownership of what it held; the new records are owned by it
 * too). `name` (NULL: path) is how messages and source_file name the file.
 * On any error `out` is unchanged and the context error says where. Warnings
 * (points outside Syria) go to the context's warnings. */
enum geo_status geo_read_incidents(geo_ctx *ctx, const char *path, const char *name,
                                   enum geo_input_format fmt,
                                   struct geo_incident_list *out) GEO_WUR;

/* The same from memory (`text`, `len` bytes); fmt AUTO sniffs the content. */
enum geo_status geo_read_incidents_mem(geo_ctx *ctx, const char *name, const char *text,
                                       size_t len, enum geo_input_format fmt,
                                       struct geo_incident_list *out) GEO_WUR;

/* A check of each point an input row gives (lon/lat columns or a GeoJSON
 * Point), called once the row is otherwise valid. `where` names the row
 * ("t.csv:17", "t.geojson: feature 3"), `field` how the point was given
 * (`columns "lon"/"lat"` as written in the header, or `geometry`); `inc`
 * is the record (borrowed, id and point set). It may add warnings to the
 * context; a status other than GEO_OK refuses the file (the check sets the
 * context error). The importer uses it to test points against the
 * country's border with the gazetteer (swapped longitude and latitude). */
typedef enum geo_status (*geo_point_check_fn)(void *user, geo_ctx *ctx, const char *where,
                                              const char *field,
                                              const struct geo_incident *inc);

struct geo_read_options {
	/* NULL: a point outside Syria's bounding box is a warning (above);
	 * set: this check replaces that warning. */
	geo_point_check_fn check_point;
	void *user; /* passed to check_point */
};

/* geo_read_incidents and geo_read_incidents_mem with options (NULL: the
 * defaults). */
enum geo_status geo_read_incidents_opts(geo_ctx *ctx, const char *path, const char *name,
                                        enum geo_input_format fmt,
                                        const struct geo_read_options *opt,
                                        struct geo_incident_list *out) GEO_WUR;
enum geo_status geo_read_incidents_mem_opts(geo_ctx *ctx, const char *name, const char *text,
                                            size_t len, enum geo_input_format fmt,
                                            const struct geo_read_options *opt,
                                            struct geo_incident_list *out) GEO_WUR;

/* Normalise a facility-type word: writes the vocabulary word (static) to
 * *word and returns 1, or returns 0 when the text is not a known spelling. */
int geo_facility_type_normalise(const char *text, const char **word);

#endif
