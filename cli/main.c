/* main.c — `strikemap <command> [options]`: global flags and dispatch. */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *usage;
	const char *summary;
};

static const struct command commands[] = {
	{"gazetteer", cli_cmd_gazetteer, "gazetteer build [--sources DIR] [-o GAZ]",
	 "build the place-name gazetteer from the reference data"},
	{"geocode", cli_cmd_geocode,
	 "geocode [--gazetteer GAZ] [--format jsonl|csv] TEXT... | --batch FILE|-",
	 "resolve place names to points, P-codes and precision"},
	{"import", cli_cmd_import, "import [--db DB] [--gazetteer GAZ] FILE...",
	 "validate, geocode and store incidents (CSV or GeoJSON)"},
	{"extract", cli_cmd_extract, "extract [-o FILE] REPORT.txt",
	 "turn a narrative report into an incidents CSV"},
	{"sequences", cli_cmd_sequences,
	 "sequences [--db DB] [--max-gap 1h] [--max-distance 1km] [--format table|json|geojson]",
	 "find double-strike sequences"},
	{"repeats", cli_cmd_repeats,
	 "repeats [--db DB] [--eps-space 500m] [--eps-time 30d] [--min-strikes 2] [--knox 999|0]",
	 "find repeated strikes on one facility and test them against chance"},
	{"query", cli_cmd_query, "query [--db DB] [filters] [--format table|csv|json|geojson]",
	 "select incidents by date, place, perpetrator, facility"},
	{"summary", cli_cmd_summary, "summary [--db DB] [--by perpetrator,facility_type,governorate]",
	 "count attacks and personnel killed by group"},
	{"export", cli_cmd_export,
	 "export [--db DB] --layer NAME --format geojson|shp|gpkg|kml|csv|postgis -o DEST",
	 "write a layer through GDAL/OGR"},
	{"map", cli_cmd_map, "map [--db DB] -o FILE.png|FILE.svg|FILE.html [--zone Z] [--from D] [--to D]",
	 "draw a map"},
	{"demo", cli_cmd_demo, "demo [-o DIR]",
	 "run the whole pipeline on the built-in January 2018 incidents"},
};

#define N_COMMANDS (sizeof commands / sizeof commands[0])

static void usage(FILE *f)
{
	fprintf(f,
	        "Usage: strikemap [--quiet] [--verbose] <command> [options]\n"
	        "\n"
	        "Map and analyse attacks on medical, civil-defence and Red Crescent\n"
	        "personnel and facilities in Syria.\n"
	        "\n"
	        "Commands:\n");
	for (size_t i = 0; i < N_COMMANDS; i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\nSynopsis:\n");
	for (size_t i = 0; i < N_COMMANDS; i++)
		fprintf(f, "  strikemap %s\n", commands[i].usage);
	fprintf(f,
	        "\n"
	        "Run 'strikemap <command> --help' for a command's options.\n"
	        "Exit codes: 0 success, 1 runtime failure, 2 usage error, 3 input data refused,\n"
	        "4 command not implemented yet, 5 store, layer or file not found.\n");
}

int main(int argc, char **argv)
{
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			usage(stdout);
			return CLI_EXIT_OK;
		} else if (strcmp(argv[i], "--version") == 0) {
			printf("strikemap %s\n", STRIKEMAP_VERSION);
			return CLI_EXIT_OK;
		} else if (strcmp(argv[i], "--quiet") == 0 || strcmp(argv[i], "-q") == 0) {
			cli_quiet = 1;
		} else if (strcmp(argv[i], "--verbose") == 0 || strcmp(argv[i], "-v") == 0) {
			cli_verbose = 1;
		} else {
			fprintf(stderr, "strikemap: unknown option '%s'\nTry 'strikemap --help'.\n", argv[i]);
			return CLI_EXIT_USAGE;
		}
	}
	if (i >= argc) {
		usage(stderr);
		return CLI_EXIT_USAGE;
	}
	for (size_t c = 0; c < N_COMMANDS; c++)
		if (strcmp(argv[i], commands[c].name) == 0)
			return commands[c].run(argc - i, argv + i);
	fprintf(stderr, "strikemap: unknown command '%s'\nTry 'strikemap --help'.\n", argv[i]);
	return CLI_EXIT_USAGE;
}
