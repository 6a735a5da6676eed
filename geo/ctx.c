/* ctx.c — the context: GEOS and PROJ handles, first-error-wins reporting,
 * warnings, and the allocation wrappers with a failure hook for tests. */
#include "geo/ctx.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define GEO_MSG_MAX 1024
#define GEO_WARN_MAX 10000

struct geo_ctx {
	GEOSContextHandle_t geos;
	PJ_CONTEXT *proj;
	enum geo_status code;
	char message[GEO_MSG_MAX];
	char origin[256];
	char **warnings;
	size_t n_warnings;
	size_t cap_warnings;
	size_t dropped_warnings;
};

static long alloc_fail_countdown;

void geo_alloc_fail_after(long n) { alloc_fail_countdown = n; }

static int alloc_should_fail(void)
{
	if (alloc_fail_countdown <= 0)
		return 0;
	return --alloc_fail_countdown == 0;
}

void *geo_malloc(size_t n)
{
	return alloc_should_fail() ? NULL : malloc(n ? n : 1);
}

void *geo_calloc(size_t count, size_t size)
{
	return alloc_should_fail() ? NULL : calloc(count ? count : 1, size ? size : 1);
}

void *geo_realloc(void *p, size_t n)
{
	return alloc_should_fail() ? NULL : realloc(p, n ? n : 1);
}

void *geo_grow(void *v, size_t *cap, size_t need, size_t size, size_t first)
{
	if (need <= *cap && v)
		return v;
	size_t nc = *cap ? *cap : (first ? first : 1);
	while (nc < need) {
		if (nc > SIZE_MAX / 2 / (size ? size : 1))
			return NULL;
		nc *= 2;
	}
	if (size && nc > SIZE_MAX / size)
		return NULL;
	void *n = geo_realloc(v, nc * size);
	if (!n)
		return NULL;
	*cap = nc;
	return n;
}

char *geo_strndup(const char *s, size_t n)
{
	char *d;
	if (!s)
		return NULL;
	d = geo_malloc(n + 1);
	if (!d)
		return NULL;
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *geo_strdup(const char *s)
{
	return s ? geo_strndup(s, strlen(s)) : NULL;
}

const char *geo_status_name(enum geo_status st)
{
	switch (st) {
	case GEO_OK: return "GEO_OK";
	case GEO_ERR_NOMEM: return "GEO_ERR_NOMEM";
	case GEO_ERR_IO: return "GEO_ERR_IO";
	case GEO_ERR_PARSE: return "GEO_ERR_PARSE";
	case GEO_ERR_INVALID: return "GEO_ERR_INVALID";
	case GEO_ERR_NOTFOUND: return "GEO_ERR_NOTFOUND";
	case GEO_ERR_DB: return "GEO_ERR_DB";
	case GEO_ERR_GEOS: return "GEO_ERR_GEOS";
	case GEO_ERR_PROJ: return "GEO_ERR_PROJ";
	case GEO_ERR_GDAL: return "GEO_ERR_GDAL";
	case GEO_ERR_LIMIT: return "GEO_ERR_LIMIT";
	case GEO_ERR_UNSUPPORTED: return "GEO_ERR_UNSUPPORTED";
	}
	return "GEO_ERR_?";
}

/* GEOS reports through handlers; keep its message as the context error. */
static void geos_error_handler(const char *msg, void *user)
{
	geo_ctx *ctx = user;
	GEO_ERROR(ctx, GEO_ERR_GEOS, "GEOS: %s", msg);
}

static void geos_notice_handler(const char *msg, void *user)
{
	(void)msg;
	(void)user; /* notices (e.g. self-intersection details) are not errors */
}

static void proj_log_handler(void *user, int level, const char *msg)
{
	geo_ctx *ctx = user;
	if (level == PJ_LOG_ERROR)
		GEO_ERROR(ctx, GEO_ERR_PROJ, "PROJ: %s", msg);
}

geo_ctx *geo_ctx_new(void)
{
	geo_ctx *ctx = calloc(1, sizeof *ctx);
	if (!ctx)
		return NULL;
	ctx->geos = GEOS_init_r();
	if (!ctx->geos)
		goto fail;
	GEOSContext_setErrorMessageHandler_r(ctx->geos, geos_error_handler, ctx);
	GEOSContext_setNoticeMessageHandler_r(ctx->geos, geos_notice_handler, ctx);
	ctx->proj = proj_context_create();
	if (!ctx->proj)
		goto fail;
	proj_log_func(ctx->proj, ctx, proj_log_handler);
	return ctx;
fail:
	geo_ctx_free(ctx);
	return NULL;
}

void geo_ctx_free(geo_ctx *ctx)
{
	if (!ctx)
		return;
	geo_ctx_clear_warnings(ctx);
	free(ctx->warnings);
	if (ctx->proj)
		proj_context_destroy(ctx->proj);
	if (ctx->geos)
		GEOS_finish_r(ctx->geos);
	free(ctx);
}

GEOSContextHandle_t geo_ctx_geos(geo_ctx *ctx) { return ctx->geos; }
PJ_CONTEXT *geo_ctx_proj(geo_ctx *ctx) { return ctx->proj; }

enum geo_status geo_ctx_set_error(geo_ctx *ctx, enum geo_status code,
                                  const char *func, const char *file, int line,
                                  const char *fmt, ...)
{
	va_list ap;
	if (!ctx || ctx->code != GEO_OK)
		return code;
	ctx->code = code;
	va_start(ap, fmt);
	vsnprintf(ctx->message, sizeof ctx->message, fmt, ap);
	va_end(ap);
	snprintf(ctx->origin, sizeof ctx->origin, "%s (%s:%d)", func, file, line);
	return code;
}

enum geo_status geo_ctx_error_code(const geo_ctx *ctx) { return ctx->code; }
const char *geo_ctx_error_message(const geo_ctx *ctx) { return ctx->message; }
const char *geo_ctx_error_origin(const geo_ctx *ctx) { return ctx->origin; }

void geo_ctx_clear_error(geo_ctx *ctx)
{
	ctx->code = GEO_OK;
	ctx->message[0] = '\0';
	ctx->origin[0] = '\0';
}

void geo_ctx_warn(geo_ctx *ctx, const char *fmt, ...)
{
	char buf[GEO_MSG_MAX];
	char *copy;
	va_list ap;
	if (ctx->n_warnings >= GEO_WARN_MAX) {
		ctx->dropped_warnings++;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (ctx->n_warnings == ctx->cap_warnings) {
		size_t cap = ctx->cap_warnings ? ctx->cap_warnings * 2 : 16;
		char **w = realloc(ctx->warnings, cap * sizeof *w);
		if (!w)
			return;
		ctx->warnings = w;
		ctx->cap_warnings = cap;
	}
	copy = strdup(buf);
	if (copy)
		ctx->warnings[ctx->n_warnings++] = copy;
}

size_t geo_ctx_warning_count(const geo_ctx *ctx) { return ctx->n_warnings; }

const char *geo_ctx_warning(const geo_ctx *ctx, size_t i)
{
	return i < ctx->n_warnings ? ctx->warnings[i] : NULL;
}

void geo_ctx_clear_warnings(geo_ctx *ctx)
{
	for (size_t i = 0; i < ctx->n_warnings; i++)
		free(ctx->warnings[i]);
	ctx->n_warnings = 0;
	ctx->dropped_warnings = 0;
}
