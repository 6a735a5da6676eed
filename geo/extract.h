/* extract.h — turn a narrative monthly report (plain text, in the style of
 * the SNHR reports on attacks against medical and civil-defence personnel)
 * into draft incident rows for a person to review.
 *
 * Heuristic by nature: every row carries the report line it came from
 * (source "REPORT:LINE") and a `review` attribute listing what the
 * extractor could not determine (no place, no facility name, perpetrator
 * taken from the section heading only, ...). It never invents a value: a
 * field it cannot find stays empty. */
#ifndef GEO_EXTRACT_H
#define GEO_EXTRACT_H

#include "geo/ctx.h"
#include "geo/incident.h"

/* Read the report at `path` and append one incident per attack or killing
 * it describes to `out`, in report order, including earlier attacks that a
 * paragraph mentions ("the center was damaged ... on Thursday, January 11,
 * 2018"), which get attribute `mentioned_in` = the id of the row that
 * mentions them. Ids are "<prefix>-NNN" with prefix derived from the file
 * name. Returns GEO_ERR_IO when the file cannot be read, GEO_ERR_NOMEM. */
enum geo_status geo_extract_report(geo_ctx *ctx, const char *path,
                                   struct geo_incident_list *out) GEO_WUR;

/* The same on text already in memory; `name` is used in ids and sources. */
enum geo_status geo_extract_text(geo_ctx *ctx, const char *name, const char *text,
                                 struct geo_incident_list *out) GEO_WUR;

#endif
