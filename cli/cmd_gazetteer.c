/* cmd_gazetteer.c — `strikemap gazetteer`. Not built yet: says so and exits 4. */
#include "cli/cli.h"

#include <string.h>

int cli_cmd_gazetteer(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--help") == 0) {
		printf("Usage: strikemap gazetteer ...\n\nNot implemented yet (planned in issue 2).\n");
		return CLI_EXIT_OK;
	}
	return cli_unimplemented("gazetteer", "issue 2");
}
