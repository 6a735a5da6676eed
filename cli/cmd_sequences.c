/* cmd_sequences.c — `strikemap sequences`. Not built yet: says so and exits 4. */
#include "cli/cli.h"

#include <string.h>

int cli_cmd_sequences(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--help") == 0) {
		printf("Usage: strikemap sequences ...\n\nNot implemented yet (planned in issue 4).\n");
		return CLI_EXIT_OK;
	}
	return cli_unimplemented("sequences", "issue 4");
}
