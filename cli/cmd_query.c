/* cmd_query.c — `strikemap query`. Not built yet: says so and exits 4. */
#include "cli/cli.h"

#include <string.h>

int cli_cmd_query(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--help") == 0) {
		printf("Usage: strikemap query ...\n\nNot implemented yet (planned in issue 6).\n");
		return CLI_EXIT_OK;
	}
	return cli_unimplemented("query", "issue 6");
}
