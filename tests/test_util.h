/* test_util.h — helpers shared by the cmocka tests: temporary folders and
 * paths to the reference data. Header-only; include after cmocka.h. */
#ifndef TEST_UTIL_H
#define TEST_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A fresh temporary directory (mkdtemp); returns a static path. */
static inline const char *test_tmpdir(void)
{
	static char dir[256];
	const char *base = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/strikemap-test-XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		abort();
	}
	return dir;
}

/* dir + "/" + name into a static buffer (one of 8 rotating). */
static inline const char *test_path(const char *dir, const char *name)
{
	static char bufs[8][512];
	static int k;
	char *b = bufs[k++ % 8];
	snprintf(b, 512, "%s/%s", dir, name);
	return b;
}

/* Write `text` to path; aborts on failure. */
static inline void test_write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
		perror(path);
		abort();
	}
}

/* The reference data folder: $STRIKEMAP_SHARED/data or the build default. */
static inline const char *test_shared_data(void)
{
	static char p[512];
	const char *env = getenv("STRIKEMAP_SHARED");
	snprintf(p, sizeof p, "%s/data", env && *env ? env : STRIKEMAP_SHARED_DIR);
	return p;
}

/* Remove a directory tree (used at the end of tests). */
static inline void test_rmtree(const char *dir)
{
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "warning: could not remove %s\n", dir);
}

#endif
