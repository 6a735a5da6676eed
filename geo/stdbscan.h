/* stdbscan.h — ST-DBSCAN (Birant & Kut 2007, "ST-DBSCAN: An algorithm for
 * clustering spatial-temporal data", Data & Knowledge Engineering 60(1)).
 *
 * Two points are neighbours when they are within eps_space in the plane
 * AND within eps_time in time (the paper's Eps1/Eps2); a point with at
 * least min_points neighbours (counting itself, as scikit-learn and
 * PostGIS do) is a core point; clusters are the points density-reachable
 * from a core point. The paper's Δε (cluster-average) refinement for
 * non-spatial values is not used: strikes carry no non-spatial value.
 *
 * Implementation: flat arrays, a uniform grid whose cells are at least
 * eps_space wide (so neighbours lie in the 3x3 block around a cell), each
 * cell's points sorted by time so a neighbour query is nine binary searches
 * and short scans. No O(n^2) step. Four passes, the first, second and
 * fourth split over threads:
 *   1. core flags (count neighbours, stopping at min_points);
 *   2. core neighbours joined in a lock-free union-find (each pair of
 *      cells visited once);
 *   3. components numbered by their first core point in input order;
 *   4. each border point takes the lowest cluster number among its core
 *      neighbours.
 * That numbering is exactly scikit-learn's (it seeds clusters at core
 * points in input order and a border point joins the first cluster that
 * reaches it), so labels are identical to sklearn.cluster.DBSCAN on the
 * same metric — tests/geo/test_stdbscan.c checks it against a brute-force
 * reference and bench/run.sh against scikit-learn itself.
 * Memory: about 50 bytes per point besides the caller's arrays. */
#ifndef GEO_STDBSCAN_H
#define GEO_STDBSCAN_H

#include <stddef.h>
#include <stdint.h>
#include "geo/ctx.h"

enum geo_stdbscan_metric {
	GEO_STDBSCAN_CYLINDER = 0, /* ST-DBSCAN: plane distance <= eps_space AND |dt| <= eps_time */
	GEO_STDBSCAN_BALL,         /* Euclidean on (x, y, t * eps_space / eps_time) <= eps_space:
	                              scikit-learn DBSCAN on time scaled to the space threshold */
	GEO_STDBSCAN_PLANE         /* plane distance only (t ignored): PostGIS ST_ClusterDBSCAN */
};

struct geo_stdbscan_params {
	double eps_space;    /* metres (the plane's unit), > 0 */
	double eps_time;     /* seconds (t's unit), > 0; ignored by GEO_STDBSCAN_PLANE */
	size_t min_points;   /* >= 1, counting the point itself */
	enum geo_stdbscan_metric metric;
	int threads;         /* worker threads for the core pass; <= 0 means 2 */
};

#define GEO_STDBSCAN_NOISE (-1)

/* Cluster n points (x, y in metres, t in seconds; t may be NULL for
 * GEO_STDBSCAN_PLANE). labels[i] receives the cluster number (0, 1, ...
 * in order of each cluster's first core point) or GEO_STDBSCAN_NOISE.
 * *n_clusters (may be NULL) receives the number of clusters.
 * Errors: GEO_ERR_INVALID for bad parameters or a non-finite coordinate
 * (naming the point), GEO_ERR_NOMEM, GEO_ERR_LIMIT above 2^31 points. */
enum geo_status geo_stdbscan(geo_ctx *ctx, size_t n, const double *x, const double *y,
                             const double *t, const struct geo_stdbscan_params *p,
                             int32_t *labels, size_t *n_clusters) GEO_WUR;

#endif
