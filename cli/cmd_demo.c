/* cmd_demo.c — `strikemap demo [-o DIR] [--data FILE]`: the whole pipeline
 * on the built-in January 2018 incidents.
 *
 * The demo is a list of steps, each one a call to another command's
 * cli_cmd_* function with a constructed argv, so it can never drift from
 * what a user types. Adding a step is one line in STEPS: the command, its
 * arguments with {dir} {db} {gaz} {data} {shared} placeholders, and whether
 * the output named by -o is removed first. The store is always started
 * fresh; the import step prints the summary (incidents, precision,
 * unresolved and why) on stdout. */
#include "cli/cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef STRIKEMAP_SOURCE_DIR
#define STRIKEMAP_SOURCE_DIR "."
#endif

static const char *const CMD = "demo";

#define DEMO_DATA STRIKEMAP_SOURCE_DIR "/data/incidents-2018-01.csv"
#define MAX_ARGS 24

struct demo_step {
	const char *name;                  /* shown in notes and errors */
	int (*run)(int argc, char **argv); /* the command */
	int fresh_output;                  /* remove the -o output (and shapefile parts) first */
	const char *args[MAX_ARGS];        /* argv template, NULL-terminated */
};

/* The pipeline, in order. */
static const struct demo_step STEPS[] = {
	{"gazetteer", cli_cmd_gazetteer, 0,
	 {"gazetteer", "build", "--sources", "{shared}", "-o", "{gaz}", NULL}},
	{"import", cli_cmd_import, 0,
	 {"import", "--db", "{db}", "--gazetteer", "{gaz}", "{data}", NULL}},
	{"export geojson", cli_cmd_export, 1,
	 {"export", "--db", "{db}", "--layer", "incidents", "--format", "geojson", "-o",
	  "{dir}/incidents.geojson", NULL}},
	{"export shapefile", cli_cmd_export, 1,
	 {"export", "--db", "{db}", "--layer", "incidents", "--format", "shp", "-o",
	  "{dir}/incidents.shp", NULL}},
	{"sequences", cli_cmd_sequences, 1,
	 {"sequences", "--db", "{db}", "--format", "geojson", "-o", "{dir}/sequences.geojson", NULL}},
	{"repeats", cli_cmd_repeats, 1,
	 {"repeats", "--db", "{db}", "--seed", "1", "--format", "geojson", "-o", "{dir}/repeats.geojson", NULL}},
	{"export gpkg", cli_cmd_export, 1,
	 {"export", "--db", "{db}", "--gazetteer", "{gaz}", "--layer", "all", "--format", "gpkg",
	  "-o", "{dir}/strikes.gpkg", NULL}},
	{"export kml", cli_cmd_export, 1,
	 {"export", "--db", "{db}", "--layer", "incidents", "--format", "kml", "-o",
	  "{dir}/incidents.kml", NULL}},
	{"map png", cli_cmd_map, 1,
	 {"map", "--db", "{db}", "--gazetteer", "{gaz}", "-o", "{dir}/map.png", NULL}},
	{"map svg", cli_cmd_map, 1,
	 {"map", "--db", "{db}", "--gazetteer", "{gaz}", "-o", "{dir}/map.svg", NULL}},
	{"map html", cli_cmd_map, 1,
	 {"map", "--db", "{db}", "--gazetteer", "{gaz}", "-o", "{dir}/map.html", NULL}},
};
#define N_STEPS (sizeof STEPS / sizeof STEPS[0])

struct demo {
	const char *dir, *data, *shared;
	char db[4096], gaz[4096];
};

static void usage(FILE *f)
{
	fprintf(f,
	        "Usage: strikemap demo [-o DIR] [--data FILE]\n"
	        "\n"
	        "Run the whole pipeline on the built-in January 2018 incidents (28 attacks\n"
	        "and killings described in the SNHR report for that month):\n");
	for (size_t i = 0; i < N_STEPS; i++) {
		fprintf(f, "  %zu. strikemap", i + 1);
		for (int k = 0; STEPS[i].args[k]; k++)
			fprintf(f, " %s", STEPS[i].args[k]);
		fputc('\n', f);
	}
	fprintf(f,
	        "\n"
	        "DIR receives gazetteer.sqlite, strikes.sqlite (the SpatiaLite store, started\n"
	        "fresh), incidents.geojson and incidents.shp with .shx .dbf .prj .cpg. A\n"
	        "summary (incidents, how many were located at which precision, which were not\n"
	        "and why) is printed on stdout.\n"
	        "\n"
	        "Options:\n"
	        "  -o, --output DIR  output folder (default out; created when missing)\n"
	        "  --data FILE       incidents to use instead of the built-in dataset\n"
	        "                    (default %s)\n"
	        "  --help            show this help\n"
	        "\n"
	        "The reference data comes from {shared} = %s ($STRIKEMAP_SHARED/data);\n"
	        "without it the gazetteer is reduced to the project's curated places.\n"
	        "Exit codes: 0 done; otherwise the exit code of the first step that failed\n"
	        "(4 when a step's command is not built yet: the other steps still run).\n",
	        DEMO_DATA, cli_shared_data_dir());
}

/* mkdir -p */
static int make_dirs(const char *path)
{
	char buf[4096];
	size_t n = strlen(path);
	if (n == 0 || n >= sizeof buf)
		return -1;
	memcpy(buf, path, n + 1);
	for (size_t i = 1; i <= n; i++) {
		if (buf[i] == '/' || buf[i] == '\0') {
			char c = buf[i];
			buf[i] = '\0';
			if (mkdir(buf, 0777) != 0 && errno != EEXIST)
				return -1;
			buf[i] = c;
		}
	}
	struct stat sb;
	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode) ? 0 : -1;
}

/* Remove a file if it exists; -1 (errno set) when it exists and cannot go. */
static int remove_if_there(const char *path)
{
	if (unlink(path) != 0 && errno != ENOENT)
		return -1;
	return 0;
}

/* Expand {dir} {db} {gaz} {data} {shared} in `tmpl` into out. */
static int expand(const struct demo *d, const char *tmpl, char *out, size_t cap)
{
	static const char *const keys[] = {"{dir}", "{db}", "{gaz}", "{data}", "{shared}"};
	const char *vals[] = {d->dir, d->db, d->gaz, d->data, d->shared};
	size_t n = 0;
	while (*tmpl) {
		size_t k = 0;
		for (; k < sizeof keys / sizeof keys[0]; k++)
			if (strncmp(tmpl, keys[k], strlen(keys[k])) == 0)
				break;
		const char *piece = k < sizeof keys / sizeof keys[0] ? vals[k] : NULL;
		size_t len = piece ? strlen(piece) : 1;
		if (n + len + 1 > cap)
			return -1;
		memcpy(out + n, piece ? piece : tmpl, len);
		n += len;
		tmpl += piece ? strlen(keys[k]) : 1;
	}
	out[n] = '\0';
	return 0;
}

static int remove_output(const char *path)
{
	static const char *const shp_parts[] = {".shp", ".shx", ".dbf", ".prj", ".cpg", ".qix", ".sbn", ".sbx"};
	size_t n = strlen(path);
	if (n > 4 && strcmp(path + n - 4, ".shp") == 0) {
		char p[4096];
		if (n >= sizeof p)
			return -1;
		for (size_t i = 0; i < sizeof shp_parts / sizeof shp_parts[0]; i++) {
			memcpy(p, path, n - 4);
			strcpy(p + n - 4, shp_parts[i]);
			if (remove_if_there(p) != 0)
				return -1;
		}
		return 0;
	}
	return remove_if_there(path);
}

/* Run one step; returns the command's exit code. */
static int run_step(const struct demo *d, const struct demo_step *s)
{
	static char store[MAX_ARGS][4096];
	char *argv[MAX_ARGS + 1];
	int argc = 0;
	for (; s->args[argc]; argc++) {
		if (expand(d, s->args[argc], store[argc], sizeof store[argc]) != 0) {
			fprintf(stderr, "strikemap: %s: %s: path too long\n", CMD, s->name);
			return CLI_EXIT_USAGE;
		}
		argv[argc] = store[argc];
	}
	argv[argc] = NULL;
	if (s->fresh_output)
		for (int i = 0; i + 1 < argc; i++)
			if (strcmp(argv[i], "-o") == 0 && remove_output(argv[i + 1]) != 0) {
				fprintf(stderr, "strikemap: %s: %s: cannot replace %s: %s\n", CMD, s->name,
				        argv[i + 1], strerror(errno));
				return CLI_EXIT_FAILURE;
			}
	cli_note(CMD, "step %s", s->name);
	fflush(stdout);
	int rc = s->run(argc, argv);
	fflush(stdout);
	return rc;
}

int cli_cmd_demo(int argc, char **argv)
{
	struct demo d = {.dir = "out", .data = DEMO_DATA, .shared = NULL};
	int rc = CLI_EXIT_OK;
	const char *pending[N_STEPS];
	size_t n_pending = 0;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage(stdout);
			return CLI_EXIT_OK;
		} else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0 || strcmp(a, "--data") == 0) {
			if (i + 1 >= argc || !*argv[i + 1])
				return cli_usage_error(CMD, "%s needs a value", a);
			if (strcmp(a, "--data") == 0)
				d.data = argv[++i];
			else
				d.dir = argv[++i];
		} else {
			return cli_usage_error(CMD, "unexpected argument '%s'", a);
		}
	}
	d.shared = cli_shared_data_dir();
	if (access(d.data, R_OK) != 0) {
		fprintf(stderr, "strikemap: %s: cannot read the incidents %s: %s\n", CMD, d.data,
		        strerror(errno));
		return CLI_EXIT_NOTFOUND;
	}
	if (make_dirs(d.dir) != 0) {
		fprintf(stderr, "strikemap: %s: cannot create the folder %s: %s\n", CMD, d.dir,
		        strerror(errno));
		return CLI_EXIT_FAILURE;
	}
	if ((size_t)snprintf(d.db, sizeof d.db, "%s/strikes.sqlite", d.dir) >= sizeof d.db ||
	    (size_t)snprintf(d.gaz, sizeof d.gaz, "%s/gazetteer.sqlite", d.dir) >= sizeof d.gaz)
		return cli_usage_error(CMD, "-o: the path is too long");

	/* a fresh store: the demo's numbers must not depend on an earlier run */
	{
		static const char *const sfx[] = {"", "-wal", "-shm", "-journal"};
		char p[4200];
		for (size_t i = 0; i < sizeof sfx / sizeof sfx[0]; i++) {
			snprintf(p, sizeof p, "%s%s", d.db, sfx[i]);
			if (remove_if_there(p) != 0) {
				fprintf(stderr, "strikemap: %s: cannot remove the old store %s: %s\n", CMD, p,
				        strerror(errno));
				return CLI_EXIT_FAILURE;
			}
		}
	}

	for (size_t i = 0; i < N_STEPS; i++) {
		int r = run_step(&d, &STEPS[i]);
		if (r == CLI_EXIT_UNIMPLEMENTED) {
			pending[n_pending++] = STEPS[i].name;
			continue;
		}
		if (r != CLI_EXIT_OK) {
			fprintf(stderr, "strikemap: %s: step %s failed (exit %d); stopping\n", CMD,
			        STEPS[i].name, r);
			return r;
		}
	}

	printf("\nwrote %s/: gazetteer.sqlite, strikes.sqlite", d.dir);
	for (size_t i = 0; i < N_STEPS; i++) {
		int done = 1;
		for (size_t k = 0; k < n_pending; k++)
			done &= strcmp(pending[k], STEPS[i].name) != 0;
		for (int a = 0; done && STEPS[i].fresh_output && STEPS[i].args[a]; a++)
			if (strcmp(STEPS[i].args[a], "-o") == 0 && STEPS[i].args[a + 1]) {
				const char *p = STEPS[i].args[a + 1];
				if (strncmp(p, "{dir}/", 6) == 0)
					p += 6;
				printf(", %s", p);
				if (strlen(p) > 4 && strcmp(p + strlen(p) - 4, ".shp") == 0)
					printf(" (.shx .dbf .prj .cpg)");
			}
	}
	printf("\n");
	if (n_pending) {
		fprintf(stderr, "strikemap: %s: not built yet, skipped:", CMD);
		for (size_t k = 0; k < n_pending; k++)
			fprintf(stderr, " %s%s", pending[k], k + 1 < n_pending ? "," : "");
		fprintf(stderr, "\n");
		rc = CLI_EXIT_UNIMPLEMENTED;
	}
	return rc;
}
