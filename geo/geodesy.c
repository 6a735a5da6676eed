/* geodesy.c — geodesic distances (Karney, via PROJ's geodesic.h) and the
 * projection to the planar frame used by the grid indexes (see geodesy.h
 * for the error bound over Syria). */
#include "geo/geodesy.h"

#include <geodesic.h>
#include <math.h>
#include <pthread.h>

static struct geod_geodesic wgs84;
static pthread_once_t wgs84_once = PTHREAD_ONCE_INIT;

static void wgs84_init(void)
{
	geod_init(&wgs84, 6378137.0, 1.0 / 298.257223563);
}

double geo_geodesic_m(double lon1, double lat1, double lon2, double lat2)
{
	double s12 = 0.0;
	if (lon1 == lon2 && lat1 == lat2)
		return 0.0;
	pthread_once(&wgs84_once, wgs84_init);
	geod_inverse(&wgs84, lat1, lon1, lat2, lon2, &s12, NULL, NULL);
	return s12;
}

enum geo_status geo_project_utm37(geo_ctx *ctx, size_t n, const double *lon,
                                  const double *lat, double *x, double *y)
{
	PJ_CONTEXT *pc = geo_ctx_proj(ctx);
	PJ *raw = NULL, *pj = NULL;
	enum geo_status rc = GEO_OK;
	size_t done;

	raw = proj_create_crs_to_crs(pc, "EPSG:4326", GEO_PLANAR_CRS, NULL);
	if (!raw) {
		rc = GEO_ERROR(ctx, GEO_ERR_PROJ, "cannot create the WGS84 -> %s transformation: %s",
		               GEO_PLANAR_CRS, proj_context_errno_string(pc, proj_context_errno(pc)));
		goto out;
	}
	/* longitude first, whatever the CRS axis order says */
	pj = proj_normalize_for_visualization(pc, raw);
	if (!pj) {
		rc = GEO_ERROR(ctx, GEO_ERR_PROJ, "cannot normalise the axis order of %s", GEO_PLANAR_CRS);
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		x[i] = lon[i];
		y[i] = lat[i];
	}
	if (n == 0)
		goto out;
	done = proj_trans_generic(pj, PJ_FWD, x, sizeof *x, n, y, sizeof *y, n, NULL, 0, 0, NULL, 0, 0);
	if (done != n) {
		rc = GEO_ERROR(ctx, GEO_ERR_PROJ, "projecting %zu points to %s: only %zu done", n,
		               GEO_PLANAR_CRS, done);
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		if (!isfinite(x[i]) || !isfinite(y[i])) {
			rc = GEO_ERROR(ctx, GEO_ERR_PROJ, "point %zu (%.6f, %.6f) cannot be projected to %s",
			               i, lon[i], lat[i], GEO_PLANAR_CRS);
			goto out;
		}
out:
	proj_destroy(pj);
	proj_destroy(raw);
	return rc;
}
