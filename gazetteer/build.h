/* build.h — building the gazetteer database (schema in gazetteer/schema.md)
 * from the reference data folder (../shared/data), or, when that folder is
 * absent, a reduced gazetteer from the project's curated list
 * (gazetteer/curated/places.csv).
 *
 * The database is written to a temporary file beside the output and renamed
 * over it only when complete: a failed build never leaves a half file and
 * never replaces a good gazetteer. */
#ifndef GEO_GAZ_BUILD_H
#define GEO_GAZ_BUILD_H

#include "geo/ctx.h"

/* What to build from. Strings are borrowed for the call. */
struct geo_gaz_build_opts {
	const char *sources;   /* reference data folder; NULL, or a folder that does not
	                          exist or holds no ocha/ sub-folder, means a reduced build */
	const char *curated;   /* the curated CSV (gazetteer/curated/places.csv); required */
	const char *output;    /* the database to write (replaced when the build succeeds) */
	/* The facility registry written to the `facilities` table
	 * (gazetteer/facilities.h): the seed (NULL: the project's
	 * gazetteer/facilities.csv, when it exists), then an optional user CSV
	 * (NULL: none) whose rows are added (an id already in the seed is
	 * replaced). An error in either file fails the build. */
	const char *facilities_seed;
	const char *facilities;
	const char *quarters;  /* the curated city quarters (gazetteer/curated/quarters.csv),
	                          or NULL: none; not used by a reduced build */
};

#define GEO_GAZ_BUILD_MAX_COUNTS 64

/* What was built: filled by geo_gaz_build() (also on most failures, with
 * the counts reached so far). */
struct geo_gaz_build_stats {
	int reduced;            /* 1: built from the curated list only */
	long places, names, admin_areas;
	double seconds;         /* wall-clock build time */
	size_t n_counts;        /* per-source counts, in build order, as stored in meta */
	struct {
		char key[48];       /* e.g. "geonames_merged", "ocha_points_rejected" */
		long value;
	} counts[GEO_GAZ_BUILD_MAX_COUNTS];
};

/* Build the gazetteer. Errors name the file (and line/feature) at fault:
 * GEO_ERR_IO (unreadable source, unwritable output folder), GEO_ERR_NOTFOUND
 * (a source file missing from an otherwise present folder), GEO_ERR_PARSE /
 * GEO_ERR_INVALID (malformed source), GEO_ERR_GEOS, GEO_ERR_GDAL, GEO_ERR_DB,
 * GEO_ERR_NOMEM. On failure the output path is left as it was. */
enum geo_status geo_gaz_build(geo_ctx *ctx, const struct geo_gaz_build_opts *opts,
                              struct geo_gaz_build_stats *stats) GEO_WUR;

/* The value of count `key` in stats, or -1 when absent. */
long geo_gaz_build_count(const struct geo_gaz_build_stats *stats, const char *key);

#endif
