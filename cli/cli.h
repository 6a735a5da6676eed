/* cli.h — the command-line program: the only place that prints or exits.
 *
 * Each command lives in cli/cmd_<name>.c as `int cli_cmd_<name>(int argc,
 * char **argv)` (argv[0] is the command name) and returns an exit code. */
#ifndef CLI_H
#define CLI_H

#include <stdio.h>
#include "geo/ctx.h"

/* Exit codes (documented in the README). */
enum cli_exit {
	CLI_EXIT_OK = 0,            /* success */
	CLI_EXIT_FAILURE = 1,       /* runtime failure: I/O, database, library error */
	CLI_EXIT_USAGE = 2,         /* bad command line */
	CLI_EXIT_DATA = 3,          /* input data refused (bad row, bad file); nothing changed */
	CLI_EXIT_UNIMPLEMENTED = 4, /* the command exists in the contract but is not built yet */
	CLI_EXIT_NOTFOUND = 5       /* a named store, layer or file does not exist */
};

/* Global flags set by main before dispatch. */
extern int cli_quiet;    /* --quiet: no progress, no notes on stderr */
extern int cli_verbose;  /* --verbose: error origins in messages */

/* Default paths (relative to the working directory). */
#define CLI_DEFAULT_DB "strikes.sqlite"
#define CLI_DEFAULT_GAZ "gazetteer.sqlite"

/* Usage error: prints `strikemap: <cmd>: <message>` and a hint to stderr;
 * returns CLI_EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) GEO_PRINTF(2, 3);

/* Print the context error as `strikemap: <cmd>: <message>` (plus origin
 * with --verbose) and return the exit code for its status. */
int cli_fail(geo_ctx *ctx, const char *cmd);
/* Exit code for a status. */
int cli_exit_for(enum geo_status st);

/* Print and clear the context's warnings on stderr (unless --quiet). */
void cli_flush_warnings(geo_ctx *ctx, const char *cmd);

/* Note on stderr unless --quiet: `strikemap: <cmd>: ...`. */
void cli_note(const char *cmd, const char *fmt, ...) GEO_PRINTF(2, 3);

/* For commands the contract names but a later issue builds. */
int cli_unimplemented(const char *cmd, const char *issue);

/* Option value parsers that print the usage error themselves: return 0 on
 * success, CLI_EXIT_USAGE otherwise. */
int cli_opt_distance(const char *cmd, const char *opt, const char *val, double *metres);
int cli_opt_duration(const char *cmd, const char *opt, const char *val, double *seconds);
/* The same for a window or radius that must be more than zero: "0min" or
 * "0m" is a usage error `<opt>: "0min" must be more than 0`. */
int cli_opt_distance_positive(const char *cmd, const char *opt, const char *val, double *metres);
int cli_opt_duration_positive(const char *cmd, const char *opt, const char *val, double *seconds);
int cli_opt_long(const char *cmd, const char *opt, const char *val, long min, long max, long *out);
int cli_opt_date(const char *cmd, const char *opt, const char *val);
/* `val` must be one of the NULL-terminated `choices`; returns its index
 * through *idx. */
int cli_opt_choice(const char *cmd, const char *opt, const char *val,
                   const char *const *choices, int *idx);

/* Write `len` bytes of `data` to `path` (NULL or "-": standard output),
 * checking every step. On failure prints `strikemap: <cmd>: <path>: cannot
 * write: <reason>` and returns CLI_EXIT_FAILURE; else 0. */
int cli_write_output(const char *cmd, const char *path, const char *data, size_t len);

/* The reference-data folder: $STRIKEMAP_SHARED/data, else the build-time
 * default (../shared/data beside the source). Borrowed. */
const char *cli_shared_data_dir(void);

/* Commands. */
int cli_cmd_gazetteer(int argc, char **argv);
int cli_cmd_geocode(int argc, char **argv);
int cli_cmd_import(int argc, char **argv);
int cli_cmd_extract(int argc, char **argv);
int cli_cmd_sequences(int argc, char **argv);
int cli_cmd_repeats(int argc, char **argv);
int cli_cmd_query(int argc, char **argv);
int cli_cmd_summary(int argc, char **argv);
int cli_cmd_export(int argc, char **argv);
int cli_cmd_map(int argc, char **argv);
int cli_cmd_demo(int argc, char **argv);

#endif
