/* gaz_fixture.h — the cmocka group fixture of the geocoder tests: one
 * context and the build-time gazetteer ($STRIKEMAP_GAZETTEER, else
 * gazetteer.sqlite), opened once per test program. Include after
 * cmocka.h; defines static ctx, gaz, gaz_path(), setup() and teardown(). */
#ifndef TESTS_GAZ_FIXTURE_H
#define TESTS_GAZ_FIXTURE_H
#include <stdio.h>
#include <stdlib.h>

#include "gazetteer/gaz.h"

static geo_ctx *ctx;
static geo_gaz *gaz;

static const char *gaz_path(void)
{
	const char *p = getenv("STRIKEMAP_GAZETTEER");
	return p && *p ? p : "gazetteer.sqlite";
}

static int setup(void **state)
{
	(void)state;
	ctx = geo_ctx_new();
	gaz = geo_gaz_open(ctx, gaz_path());
	if (!gaz)
		fprintf(stderr, "cannot open %s: %s\n", gaz_path(), geo_ctx_error_message(ctx));
	return gaz ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	geo_gaz_close(gaz);
	geo_ctx_free(ctx);
	return 0;
}
#endif
