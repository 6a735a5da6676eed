/* cmd_map.c — `strikemap map`. Not built yet: says so and exits 4. */
#include "cli/cli.h"

#include <string.h>

int cli_cmd_map(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--help") == 0) {
		printf("Usage: strikemap map ...\n\nNot implemented yet (planned in issue 5).\n");
		return CLI_EXIT_OK;
	}
	return cli_unimplemented("map", "issue 5");
}
