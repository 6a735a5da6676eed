/* internal.h — small helpers shared by the modules of geo/ and nothing
 * else (not part of any public header). */
#ifndef GEO_INTERNAL_H
#define GEO_INTERNAL_H

#include <stddef.h>

/* Union-find over a flat parent array (par[i] == i for a root), with path
 * halving. The smaller index becomes the root, so a group is named by its
 * earliest member whatever order the unions come in. Single-threaded; the
 * parallel ST-DBSCAN has its own lock-free version. */
static inline size_t geo_uf_find(size_t *par, size_t i)
{
	while (par[i] != i) {
		par[i] = par[par[i]];
		i = par[i];
	}
	return i;
}

static inline void geo_uf_union(size_t *par, size_t a, size_t b)
{
	a = geo_uf_find(par, a);
	b = geo_uf_find(par, b);
	if (a != b) {
		if (a < b)
			par[b] = a;
		else
			par[a] = b;
	}
}

#endif
