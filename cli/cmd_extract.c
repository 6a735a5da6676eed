/* cmd_extract.c — `strikemap extract`. Not built yet: says so and exits 4. */
#include "cli/cli.h"

#include <string.h>

int cli_cmd_extract(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--help") == 0) {
		printf("Usage: strikemap extract ...\n\nNot implemented yet (planned in a later issue).\n");
		return CLI_EXIT_OK;
	}
	return cli_unimplemented("extract", "a later issue");
}
