/* ctx.h — the strikemap context: one per thread of work.
 *
 * A geo_ctx owns the reentrant GEOS handle, the PROJ context and the last
 * error. Every library function takes it first. Errors are recorded with
 * GEO_ERROR(), which keeps the first error set until geo_ctx_clear_error():
 * a low-level failure is never overwritten by a vaguer one further up. */
#ifndef GEO_CTX_H
#define GEO_CTX_H

#include <stddef.h>
#include <geos_c.h>
#include <proj.h>
#include "geo/status.h"

typedef struct geo_ctx geo_ctx;

/* Create a context. Returns NULL when GEOS or PROJ cannot be initialised
 * or memory is short. Free with geo_ctx_free(). */
geo_ctx *geo_ctx_new(void);

/* Free a context and everything it owns; NULL does nothing. */
void geo_ctx_free(geo_ctx *ctx);

/* Borrowed handles, valid until geo_ctx_free(). */
GEOSContextHandle_t geo_ctx_geos(geo_ctx *ctx);
PJ_CONTEXT *geo_ctx_proj(geo_ctx *ctx);

/* Record an error unless one is already set. Returns `code` so callers can
 * write `return GEO_ERROR(ctx, GEO_ERR_PARSE, "...")`. Use the macro. */
enum geo_status geo_ctx_set_error(geo_ctx *ctx, enum geo_status code,
                                  const char *func, const char *file, int line,
                                  const char *fmt, ...) GEO_PRINTF(6, 7);
#define GEO_ERROR(ctx, code, ...) \
	geo_ctx_set_error((ctx), (code), __func__, __FILE__, __LINE__, __VA_ARGS__)

/* The last error: its code (GEO_OK when none), its message ("" when none),
 * and where in the source it was raised (for --verbose). Borrowed. */
enum geo_status geo_ctx_error_code(const geo_ctx *ctx);
const char *geo_ctx_error_message(const geo_ctx *ctx);
const char *geo_ctx_error_origin(const geo_ctx *ctx);
void geo_ctx_clear_error(geo_ctx *ctx);

/* Warnings are non-fatal notes for the user (a point outside Syria, a
 * reduced gazetteer). They accumulate; the CLI prints and clears them. */
void geo_ctx_warn(geo_ctx *ctx, const char *fmt, ...) GEO_PRINTF(2, 3);
size_t geo_ctx_warning_count(const geo_ctx *ctx);
const char *geo_ctx_warning(const geo_ctx *ctx, size_t i);
void geo_ctx_clear_warnings(geo_ctx *ctx);

/* Test hook: make the n-th allocation through geo_malloc/geo_calloc/
 * geo_realloc/geo_strdup from now fail (0 turns it off). Used by the
 * failing-allocation tests; never set in production. */
void geo_alloc_fail_after(long n);

void *geo_malloc(size_t n);
void *geo_calloc(size_t count, size_t size);
void *geo_realloc(void *p, size_t n);
char *geo_strdup(const char *s);
/* Grows an array to hold at least `need` (>= 1) elements of `size` bytes,
 * doubling its capacity from `first`: returns the array (moved or not)
 * with *cap updated, or NULL when out of memory (then the array and *cap
 * are untouched and still owned by the caller). */
void *geo_grow(void *v, size_t *cap, size_t need, size_t size, size_t first);
char *geo_strndup(const char *s, size_t n);

#endif
