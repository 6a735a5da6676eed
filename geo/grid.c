/* grid.c — the uniform CSR grid of grid.h. */
#include "geo/grid.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void geo_grid_free(struct geo_grid *g)
{
	if (!g)
		return;
	free(g->start);
	free(g->order);
	memset(g, 0, sizeof *g);
}

enum geo_status geo_grid_build(geo_ctx *ctx, size_t n, const double *x, const double *y,
                               double min_cell, struct geo_grid *g)
{
	enum geo_status rc = GEO_OK;
	double minx = INFINITY, miny = INFINITY, maxx = -INFINITY, maxy = -INFINITY;
	double w, h, cell = min_cell;
	size_t ncells, max_cells;
	uint32_t *cellof = NULL;

	memset(g, 0, sizeof *g);
	if (n >= ((size_t)1 << 31))
		return GEO_ERROR(ctx, GEO_ERR_LIMIT, "%zu points: the grid index holds at most 2^31", n);
	if (!(min_cell > 0) || !isfinite(min_cell))
		return GEO_ERROR(ctx, GEO_ERR_INVALID, "grid cell size %g is not a positive distance",
		                 min_cell);
	for (size_t i = 0; i < n; i++) {
		if (!isfinite(x[i]) || !isfinite(y[i]))
			return GEO_ERROR(ctx, GEO_ERR_INVALID, "point %zu has a non-finite coordinate", i);
		if (x[i] < minx) minx = x[i];
		if (x[i] > maxx) maxx = x[i];
		if (y[i] < miny) miny = y[i];
		if (y[i] > maxy) maxy = y[i];
	}
	if (n == 0)
		minx = miny = maxx = maxy = 0;
	w = maxx - minx;
	h = maxy - miny;
	max_cells = 4 * n + 1024;
	/* grow the cell until the grid has at most max_cells cells */
	while ((floor(w / cell) + 1) * (floor(h / cell) + 1) > (double)max_cells)
		cell *= 1.25;
	g->minx = minx;
	g->miny = miny;
	g->cell = cell;
	g->nx = (uint32_t)floor(w / cell) + 1;
	g->ny = (uint32_t)floor(h / cell) + 1;
	g->n = n;
	ncells = (size_t)g->nx * g->ny;
	g->start = geo_calloc(ncells + 1, sizeof *g->start);
	g->order = geo_malloc((n ? n : 1) * sizeof *g->order);
	cellof = geo_malloc((n ? n : 1) * sizeof *cellof);
	if (!g->start || !g->order || !cellof) {
		rc = GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory building a grid over %zu points", n);
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		cellof[i] = geo_grid_cx(g, x[i]) + geo_grid_cy(g, y[i]) * g->nx;
		g->start[cellof[i] + 1]++;
	}
	for (size_t c = 0; c < ncells; c++)
		g->start[c + 1] += g->start[c];
	/* stable placement: within a cell, input order is kept */
	for (size_t i = 0; i < n; i++)
		g->order[g->start[cellof[i]]++] = (uint32_t)i;
	for (size_t c = ncells; c > 0; c--)
		g->start[c] = g->start[c - 1];
	g->start[0] = 0;
out:
	free(cellof);
	if (rc != GEO_OK)
		geo_grid_free(g);
	return rc;
}
