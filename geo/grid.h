/* grid.h — a uniform grid over planar points for fixed-radius neighbour
 * search (used by ST-DBSCAN and the Knox pair count). Internal to the
 * analyses.
 *
 * Cells are at least `min_cell` wide, so every point within min_cell of a
 * point lies in the 3x3 block of cells around it. The cell size grows when
 * needed to keep the number of cells at most about 4n (16 bytes a point), so memory stays
 * O(n) whatever the extent. Points are counting-sorted by cell (CSR). */
#ifndef GEO_GRID_H
#define GEO_GRID_H

#include <stddef.h>
#include <stdint.h>
#include "geo/ctx.h"

struct geo_grid {
	double minx, miny;  /* metres: the lower-left corner */
	double cell;        /* metres: cell width, >= min_cell */
	uint32_t nx, ny;    /* cells across and up */
	uint32_t *start;    /* owned; nx*ny+1 offsets into order */
	uint32_t *order;    /* owned; n input indexes, grouped by cell */
	size_t n;
};

/* Build the grid. Points must be finite (checked: GEO_ERR_INVALID names
 * the first bad one); n < 2^31 (GEO_ERR_LIMIT). */
enum geo_status geo_grid_build(geo_ctx *ctx, size_t n, const double *x, const double *y,
                               double min_cell, struct geo_grid *g) GEO_WUR;
void geo_grid_free(struct geo_grid *g);

static inline uint32_t geo_grid_cx(const struct geo_grid *g, double x)
{
	double c = (x - g->minx) / g->cell;
	uint32_t i = c <= 0 ? 0 : (uint32_t)c;
	return i >= g->nx ? g->nx - 1 : i;
}

static inline uint32_t geo_grid_cy(const struct geo_grid *g, double y)
{
	double c = (y - g->miny) / g->cell;
	uint32_t i = c <= 0 ? 0 : (uint32_t)c;
	return i >= g->ny ? g->ny - 1 : i;
}

#endif
