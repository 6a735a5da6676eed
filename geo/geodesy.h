/* geodesy.h — metric distances for the analyses.
 *
 * Two tools, each where it is exact enough:
 *  - geo_geodesic_m(): the ellipsoidal (WGS84) geodesic distance by
 *    Karney's algorithm (PROJ's geodesic.h), accurate to nanometres. Used
 *    for every distance the program reports (sequence members, repeats).
 *  - geo_project_utm37(): WGS84 lon/lat -> UTM zone 37N (EPSG:32637)
 *    metres through PROJ, one planar frame for all of Syria so that grid
 *    indexes (ST-DBSCAN, Knox) can use Euclidean distances. Syria spans
 *    35.6..42.4 E, i.e. UTM zones 36-38; in zone 37's frame (central
 *    meridian 39 E, k0 = 0.9996) the point scale factor over Syria stays
 *    between 0.9996 and 1.0008, so a planar 500 m is the true distance
 *    within -0.04 %..+0.08 % (at most 0.4 m at 500 m). That bound is
 *    checked by tests/geo/test_repeats.c against the geodesic. */
#ifndef GEO_GEODESY_H
#define GEO_GEODESY_H

#include <stddef.h>
#include "geo/ctx.h"

/* The planar frame used by the grid indexes. */
#define GEO_PLANAR_CRS "EPSG:32637"

/* Geodesic distance in metres between two WGS84 points given in degrees
 * (longitude first). Thread-safe; never fails. */
double geo_geodesic_m(double lon1, double lat1, double lon2, double lat2);

/* Project n points (degrees, longitude first) to GEO_PLANAR_CRS metres.
 * x and y may not alias lon and lat. Returns GEO_ERR_PROJ (with PROJ's
 * message in the context) when the transformation cannot be created or a
 * point cannot be projected. */
enum geo_status geo_project_utm37(geo_ctx *ctx, size_t n, const double *lon,
                                  const double *lat, double *x, double *y) GEO_WUR;

#endif
