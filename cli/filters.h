/* filters.h — the incident filters shared by `strikemap query` and
 * `strikemap summary`: option parsing, help text, and resolving names
 * (a governorate in any spelling the gazetteer knows, a facility alias in
 * the facility registry) to the P-codes and ids geo/query takes. */
#ifndef CLI_FILTERS_H
#define CLI_FILTERS_H

#include "geo/query.h"

struct cli_filters {
	struct geo_query q;       /* filled by parse + resolve; strings borrow argv or this struct */
	const char *db;           /* --db, default CLI_DEFAULT_DB */
	const char *gazetteer;    /* --gazetteer, else $STRIKEMAP_GAZETTEER, else CLI_DEFAULT_GAZ */
	const char *governorate;  /* --governorate as given */
	const char *format;       /* --format as given, or NULL */
	char pcode[8];            /* the governorate P-code resolved */
	char **facility_ids;      /* registry ids --facility resolved to; owned */
	size_t n_facility_ids;
	int has_radius;
};

/* Defaults. */
void cli_filters_init(struct cli_filters *f);
void cli_filters_free(struct cli_filters *f);

/* Try to consume the option at argv[*i] (and its value). Returns 1 when it
 * was a filter option (and *i is advanced past it), 0 when it is not one,
 * or CLI_EXIT_USAGE after printing the usage error. `with_limit`: accept
 * --limit (query) or not (summary). */
int cli_filters_option(const char *cmd, struct cli_filters *f, int argc, char **argv, int *i,
                       int with_limit);

/* After parsing: check combinations (--near with --radius), resolve the
 * governorate and the facility names. Returns 0 or an exit code after
 * printing the error. */
int cli_filters_finish(const char *cmd, geo_ctx *ctx, struct cli_filters *f);

/* Help text of the filter options (for --help). */
extern const char CLI_FILTERS_HELP[];

/* The value of an option written `--opt VALUE` or `--opt=VALUE`: returns
 * 1 and sets *val when argv[*i] is `opt` (advancing *i over a separate
 * value), 0 when it is another option, CLI_EXIT_USAGE when the value is
 * missing. */
int cli_filters_value(const char *cmd, const char *opt, int argc, char **argv, int *i,
                      const char **val);

#endif
