/* geocode_bench.c — the geocoder's speed and memory: load time, single-core
 * queries per second over a batch of real place strings, and memory.
 *
 * Usage: geocode_bench [GAZETTEER] [SECONDS]
 * GAZETTEER defaults to $STRIKEMAP_GAZETTEER, else gazetteer.sqlite. The
 * queries are the gazetteer's own names (English and Arabic, as written by
 * their sources), half of them with report-style context added ("X city,
 * northern suburbs of Hama governorate"), and misspelt variants (a letter
 * dropped) so that the fuzzy path is timed too. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "gazetteer/gaz.h"

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* CPU time of this thread: the machine is shared, wall time is not ours. */
static double cpu(void)
{
	struct timespec t;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* VmRSS / VmHWM of this process in kB. */
static long proc_kb(const char *field)
{
	char line[256];
	long v = -1;
	size_t n = strlen(field);
	FILE *f = fopen("/proc/self/status", "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		if (strncmp(line, field, n) == 0 && line[n] == ':')
			v = atol(line + n + 1);
	fclose(f);
	return v;
}

static const char *const CONTEXT[] = {
	" city, northern suburbs of Hama governorate",
	" town, Eastern Ghouta, eastern Damascus suburbs governorate",
	" village, southern suburbs of Idlib governorate",
	", Aleppo",
	"، ريف دمشق",
};

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : getenv("STRIKEMAP_GAZETTEER");
	double seconds = argc > 2 ? atof(argv[2]) : 2.0;
	char **q = NULL;
	size_t nq = 0, cap = 0;
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int rc = 1;
	if (!path || !*path)
		path = "gazetteer.sqlite";

	/* the query batch, read before loading so it does not count as index memory */
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT name FROM names ORDER BY rowid", -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "geocode_bench: %s: %s\n", path, db ? sqlite3_errmsg(db) : "cannot open");
		goto out;
	}
	for (long i = 0; sqlite3_step(st) == SQLITE_ROW; i++) {
		const char *n = (const char *)sqlite3_column_text(st, 0);
		char buf[600];
		if (!n || i % 3)
			continue; /* a third of the names */
		if (nq + 1 > cap) {
			cap = cap ? cap * 2 : 4096;
			q = realloc(q, cap * sizeof *q);
			if (!q)
				goto out;
		}
		switch (i % 4) {
		case 0:
			snprintf(buf, sizeof buf, "%s", n);
			break;
		case 1:
			snprintf(buf, sizeof buf, "%s%s", n, CONTEXT[(i / 4) % 5]);
			break;
		case 2: { /* misspelt: one byte dropped from the middle of a Latin name */
			size_t L = strlen(n);
			if (L > 5 && (unsigned char)n[L / 2] < 0x80)
				snprintf(buf, sizeof buf, "%.*s%s", (int)(L / 2), n, n + L / 2 + 1);
			else
				snprintf(buf, sizeof buf, "%s", n);
			break;
		}
		default:
			snprintf(buf, sizeof buf, "%s town", n);
			break;
		}
		q[nq++] = strdup(buf);
	}
	sqlite3_finalize(st);
	st = NULL;
	sqlite3_close(db);
	db = NULL;
	if (nq == 0) {
		fprintf(stderr, "geocode_bench: %s: no names\n", path);
		goto out;
	}

	geo_ctx *ctx = geo_ctx_new();
	long rss0 = proc_kb("VmRSS");
	double t0 = now(), c0 = cpu();
	geo_gaz *gaz = geo_gaz_open(ctx, path);
	double t_load = now() - t0, c_load = cpu() - c0;
	long rss1 = proc_kb("VmRSS");
	if (!gaz) {
		fprintf(stderr, "geocode_bench: %s\n", geo_ctx_error_message(ctx));
		geo_ctx_free(ctx);
		goto out;
	}
	struct geo_gaz_result res;
	size_t done = 0, resolved = 0;
	t0 = now();
	c0 = cpu();
	double t = 0, w = 0;
	do {
		for (size_t i = 0; i < nq; i++) {
			if (geo_gaz_lookup(gaz, q[i], NULL, &res) != GEO_OK)
				break;
			resolved += strcmp(res.status, "resolved") == 0;
		}
		done += nq;
		t = cpu() - c0;
	} while (t < seconds);
	w = now() - t0;
	printf("geocoder: gazetteer %s: %zu places, %zu distinct names\n", path,
	       geo_gaz_place_count(gaz), geo_gaz_name_count(gaz));
	printf("geocoder: load %.3f s wall, %.3f s CPU\n", t_load, c_load);
	printf("geocoder: %.0f queries/s on one core (CPU time; %.0f/s wall on this shared machine; "
	       "%zu queries of %zu distinct strings, %.1f%% resolved)\n",
	       (double)done / t, (double)done / w, done, nq, 100.0 * (double)resolved / (double)done);
	printf("geocoder: memory: index %.1f MB resident (%.0f bytes per name), peak RSS %.1f MB\n",
	       (double)(rss1 - rss0) / 1024.0,
	       (double)(rss1 - rss0) * 1024.0 / (double)(geo_gaz_name_count(gaz) ? geo_gaz_name_count(gaz) : 1),
	       (double)proc_kb("VmHWM") / 1024.0);
	geo_gaz_close(gaz);
	geo_ctx_free(ctx);
	rc = 0;
out:
	sqlite3_finalize(st);
	if (db)
		sqlite3_close(db);
	for (size_t i = 0; i < nq; i++)
		free(q[i]);
	free(q);
	return rc;
}
