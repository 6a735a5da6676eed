/* cmd_export.c — `strikemap export`. Not built yet: says so and exits 4. */
#include "cli/cli.h"

#include <string.h>

int cli_cmd_export(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--help") == 0) {
		printf("Usage: strikemap export ...\n\nNot implemented yet (planned in issue 2).\n");
		return CLI_EXIT_OK;
	}
	return cli_unimplemented("export", "issue 2");
}
