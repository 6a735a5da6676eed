/* make_fixture.c — write the layers test fixture into a folder, for the
 * end-to-end export tests (tests/cli/test_export.sh, tests/postgis/run.sh):
 *   DIR/strikes.sqlite  a store of 8 incidents (2 unlocated; Arabic text;
 *                       unknown input columns, one with an Arabic name, one
 *                       long text over the shapefile's 254 bytes)
 *   DIR/gaz.sqlite      a gazetteer holding admin_areas from ../shared/data
 *                       (only when the reference data is present)
 * Made with the store API directly, so it depends on no import code.
 * Usage: make_fixture DIR. Exit 0; 77 (skip) when the reference data is
 * absent and the caller needs the gazetteer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "tests/test_util.h"
#include "tests/layers/fixture.h"
#include "tests/layers/fixture_store.h"

int main(int argc, char **argv)
{
	const char *gaz;
	if (argc != 2) {
		fprintf(stderr, "usage: make_fixture DIR\n");
		return 2;
	}
	if (fixture_store(argv[1]) != 0)
		return 1;
	gaz = fixture_gazetteer(argv[1]);
	printf("%s/strikes.sqlite\n%s\n", argv[1], gaz ? gaz : "(no reference data: no gazetteer)");
	return 0;
}
