/* util.c — shared command-line helpers: messages, exit codes, option
 * value parsing with the contract's error format. */
#include "cli/cli.h"
#include "geo/units.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

int cli_quiet;
int cli_verbose;

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "strikemap: %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'strikemap %s --help' for more information.\n", cmd);
	return CLI_EXIT_USAGE;
}

int cli_exit_for(enum geo_status st)
{
	switch (st) {
	case GEO_OK: return CLI_EXIT_OK;
	case GEO_ERR_PARSE:
	case GEO_ERR_INVALID: return CLI_EXIT_DATA;
	case GEO_ERR_NOTFOUND: return CLI_EXIT_NOTFOUND;
	case GEO_ERR_UNSUPPORTED: return CLI_EXIT_UNIMPLEMENTED;
	default: return CLI_EXIT_FAILURE;
	}
}

void cli_flush_warnings(geo_ctx *ctx, const char *cmd)
{
	if (!cli_quiet)
		for (size_t i = 0; i < geo_ctx_warning_count(ctx); i++)
			fprintf(stderr, "strikemap: %s: warning: %s\n", cmd, geo_ctx_warning(ctx, i));
	geo_ctx_clear_warnings(ctx);
}

int cli_fail(geo_ctx *ctx, const char *cmd)
{
	enum geo_status st = geo_ctx_error_code(ctx);
	cli_flush_warnings(ctx, cmd);
	if (st == GEO_OK) { /* a failure without a recorded error is a bug: say so, exit 1 */
		fprintf(stderr, "strikemap: %s: internal error: a step failed without saying why\n", cmd);
		return CLI_EXIT_FAILURE;
	}
	fprintf(stderr, "strikemap: %s: %s\n", cmd,
	        *geo_ctx_error_message(ctx) ? geo_ctx_error_message(ctx) : geo_status_name(st));
	if (cli_verbose)
		fprintf(stderr, "strikemap: %s: (%s, raised in %s)\n", cmd, geo_status_name(st),
		        geo_ctx_error_origin(ctx));
	return cli_exit_for(st);
}

void cli_note(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	if (cli_quiet)
		return;
	fprintf(stderr, "strikemap: %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cli_unimplemented(const char *cmd, const char *issue)
{
	fprintf(stderr, "strikemap: %s: not implemented yet (planned in %s); nothing was done\n",
	        cmd, issue);
	return CLI_EXIT_UNIMPLEMENTED;
}

int cli_opt_distance(const char *cmd, const char *opt, const char *val, double *metres)
{
	if (geo_parse_distance(val, metres) != GEO_OK)
		return cli_usage_error(cmd, "%s: \"%s\" is not a distance (write e.g. 500m or 2km)", opt, val);
	return 0;
}

int cli_opt_duration(const char *cmd, const char *opt, const char *val, double *seconds)
{
	if (geo_parse_duration(val, seconds) != GEO_OK)
		return cli_usage_error(cmd, "%s: \"%s\" is not a duration (write e.g. 45min, 1h or 30d)",
		                       opt, val);
	return 0;
}

int cli_opt_distance_positive(const char *cmd, const char *opt, const char *val, double *metres)
{
	double v;
	int rc = cli_opt_distance(cmd, opt, val, &v);
	if (rc)
		return rc;
	if (!(v > 0))
		return cli_usage_error(cmd, "%s: \"%s\" must be more than 0", opt, val);
	*metres = v;
	return 0;
}

int cli_opt_duration_positive(const char *cmd, const char *opt, const char *val, double *seconds)
{
	double v;
	int rc = cli_opt_duration(cmd, opt, val, &v);
	if (rc)
		return rc;
	if (!(v > 0))
		return cli_usage_error(cmd, "%s: \"%s\" must be more than 0", opt, val);
	*seconds = v;
	return 0;
}

int cli_opt_long(const char *cmd, const char *opt, const char *val, long min, long max, long *out)
{
	char *end;
	long v;
	errno = 0;
	v = strtol(val, &end, 10);
	if (!*val || *end || errno || v < min || v > max)
		return cli_usage_error(cmd, "%s: \"%s\" is not a whole number from %ld to %ld", opt, val,
		                       min, max);
	*out = v;
	return 0;
}

int cli_opt_date(const char *cmd, const char *opt, const char *val)
{
	int32_t d;
	if (geo_parse_date(val, &d) != GEO_OK)
		return cli_usage_error(cmd, "%s: \"%s\" is not a date (write YYYY-MM-DD)", opt, val);
	return 0;
}

int cli_opt_choice(const char *cmd, const char *opt, const char *val,
                   const char *const *choices, int *idx)
{
	for (int i = 0; choices[i]; i++)
		if (strcmp(val, choices[i]) == 0) {
			*idx = i;
			return 0;
		}
	fprintf(stderr, "strikemap: %s: %s: \"%s\" is not one of:", cmd, opt, val);
	for (int i = 0; choices[i]; i++)
		fprintf(stderr, " %s", choices[i]);
	fprintf(stderr, "\nTry 'strikemap %s --help' for more information.\n", cmd);
	return CLI_EXIT_USAGE;
}

int cli_write_output(const char *cmd, const char *path, const char *data, size_t len)
{
	int to_stdout = !path || strcmp(path, "-") == 0;
	FILE *f = to_stdout ? stdout : fopen(path, "w");
	int err = 0;
	if (!f) {
		err = errno;
	} else {
		if (fwrite(data, 1, len, f) != len || fflush(f) != 0)
			err = errno ? errno : EIO;
		if (!to_stdout && fclose(f) != 0 && !err)
			err = errno ? errno : EIO;
	}
	if (err) {
		fprintf(stderr, "strikemap: %s: %s: cannot write: %s\n", cmd,
		        to_stdout ? "standard output" : path, strerror(err));
		return CLI_EXIT_FAILURE;
	}
	return 0;
}

const char *cli_shared_data_dir(void)
{
	static char path[4096];
	const char *env = getenv("STRIKEMAP_SHARED");
	if (env && *env) {
		snprintf(path, sizeof path, "%s/data", env);
		return path;
	}
	return STRIKEMAP_SHARED_DIR "/data";
}
