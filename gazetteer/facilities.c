/* facilities.c — the facility registry (see facilities.h): CSV and
 * database readers, the `facilities` table writer and name matching. */
#include "gazetteer/facilities.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "geo/buf.h"
#include "geo/incident.h"
#include "gazetteer/normalize.h"

struct fac {
	struct geo_facility pub;
	char **keys; /* normalised name and aliases, owned */
	size_t n_keys;
};

struct geo_facilities {
	struct fac *v;
	size_t n, cap;
};

geo_facilities *geo_facilities_new(void)
{
	return geo_calloc(1, sizeof(geo_facilities));
}

static void fac_clear(struct fac *f)
{
	free(f->pub.id);
	free(f->pub.name);
	free(f->pub.type);
	free(f->pub.town_pcode);
	free(f->pub.aliases);
	free(f->pub.note);
	for (size_t i = 0; i < f->n_keys; i++)
		free(f->keys[i]);
	free(f->keys);
	memset(f, 0, sizeof *f);
}

void geo_facilities_free(geo_facilities *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->n; i++)
		fac_clear(&f->v[i]);
	free(f->v);
	free(f);
}

size_t geo_facilities_count(const geo_facilities *f) { return f ? f->n : 0; }

const struct geo_facility *geo_facilities_get(const geo_facilities *f, size_t i)
{
	return f && i < f->n ? &f->v[i].pub : NULL;
}

/* Facility-name key: folded words, articles and "the" dropped, British and
 * American spellings unified, joined by single spaces. */
static void fac_key(const char *in, char *out, size_t cap)
{
	char f[GEO_NORM_MAX * 2];
	size_t n = 0;
	geo_norm_fold(in, f, sizeof f);
	out[0] = '\0';
	for (char *tok = strtok(f, " "); tok; tok = strtok(NULL, " ")) {
		static const char *const DROP[] = {"al", "el", "the", "ar", "as", "ash", "ad", "az",
		                                   "at", "an", "ath", NULL};
		static const char *const MAP[][2] = {
			{"centre", "center"}, {"centres", "center"}, {"centers", "center"},
			{"defence", "defense"}, {"defences", "defense"}, {"defenses", "defense"},
			{"hospitals", "hospital"}, {"shifa", "shefaa"}, {"shefa", "shefaa"},
			{"shifaa", "shefaa"}, {"zahra", "zahraa"}, {NULL, NULL}};
		int drop = 0;
		for (size_t i = 0; DROP[i]; i++)
			if (strcmp(tok, DROP[i]) == 0)
				drop = 1;
		if (drop)
			continue;
		const char *w = tok;
		for (size_t i = 0; MAP[i][0]; i++)
			if (strcmp(tok, MAP[i][0]) == 0)
				w = MAP[i][1];
		size_t wl = strlen(w);
		if (n + wl + 2 >= cap)
			break;
		if (n)
			out[n++] = ' ';
		memcpy(out + n, w, wl);
		n += wl;
		out[n] = '\0';
	}
}

static enum geo_status fac_add_key(struct fac *f, const char *name)
{
	char k[GEO_NORM_MAX * 2];
	char **nk;
	fac_key(name, k, sizeof k);
	if (!k[0])
		return GEO_OK;
	nk = geo_realloc(f->keys, (f->n_keys + 1) * sizeof *nk);
	if (!nk)
		return GEO_ERR_NOMEM;
	f->keys = nk;
	f->keys[f->n_keys] = geo_strdup(k);
	if (!f->keys[f->n_keys])
		return GEO_ERR_NOMEM;
	f->n_keys++;
	return GEO_OK;
}

/* Fill f->keys from name and aliases. */
static enum geo_status fac_index(struct fac *f)
{
	enum geo_status rc = fac_add_key(f, f->pub.name);
	if (rc == GEO_OK && f->pub.aliases) {
		char *a = geo_strdup(f->pub.aliases);
		if (!a)
			return GEO_ERR_NOMEM;
		char *save = NULL;
		for (char *t = strtok_r(a, "|", &save); t && rc == GEO_OK; t = strtok_r(NULL, "|", &save))
			rc = fac_add_key(f, t);
		free(a);
	}
	return rc;
}

/* Take ownership of *nf (zeroed on return): replace same id or append. */
static enum geo_status fac_put(geo_facilities *reg, struct fac *nf)
{
	for (size_t i = 0; i < reg->n; i++) {
		if (strcmp(reg->v[i].pub.id, nf->pub.id) == 0) {
			fac_clear(&reg->v[i]);
			reg->v[i] = *nf;
			memset(nf, 0, sizeof *nf);
			return GEO_OK;
		}
	}
	struct fac *nv = geo_grow(reg->v, &reg->cap, reg->n + 1, sizeof *nv, 32);
	if (!nv)
		return GEO_ERR_NOMEM;
	reg->v = nv;
	reg->v[reg->n++] = *nf;
	memset(nf, 0, sizeof *nf);
	return GEO_OK;
}

/* ---- CSV ------------------------------------------------------------- */

#define FAC_COLS 8
static const char *const FAC_HEADER[FAC_COLS] = {"id", "name", "type", "town_pcode",
                                                  "lon", "lat", "aliases", "note"};

/* Split one CSV record (RFC 4180, quotes; no embedded newlines) into at
 * most `max` fields, in place. Returns the field count or -1 on a quote
 * error. */
static int csv_split(char *line, char **fld, int max)
{
	int n = 0;
	char *p = line;
	for (;;) {
		if (n == max)
			return n + 1; /* too many */
		char *w = p;
		fld[n++] = w;
		if (*p == '"') {
			p++;
			for (;;) {
				if (!*p)
					return -1;
				if (*p == '"') {
					if (p[1] == '"') {
						*w++ = '"';
						p += 2;
						continue;
					}
					p++;
					break;
				}
				*w++ = *p++;
			}
			if (*p && *p != ',')
				return -1;
		} else {
			while (*p && *p != ',')
				*w++ = *p++;
		}
		int more = *p == ',';
		if (*p)
			p++;
		*w = '\0';
		if (!more)
			return n;
	}
}

static int parse_coord(const char *s, double lo, double hi, double *v)
{
	char *end;
	errno = 0;
	*v = strtod(s, &end);
	return errno == 0 && end != s && *end == '\0' && *v >= lo && *v <= hi;
}

enum geo_status geo_facilities_read_csv(geo_ctx *ctx, geo_facilities *reg, const char *path)
{
	enum geo_status rc = GEO_OK;
	FILE *fp = NULL;
	char line[4096];
	long lineno = 0;
	geo_facilities *tmp = NULL;
	struct fac nf;
	memset(&nf, 0, sizeof nf);

	fp = fopen(path, "r");
	if (!fp) {
		rc = GEO_ERROR(ctx, GEO_ERR_IO, "%s: cannot open the facility registry: %s", path,
		               strerror(errno));
		goto out;
	}
	tmp = geo_facilities_new();
	if (!tmp) {
		rc = GEO_ERROR(ctx, GEO_ERR_NOMEM, "%s: out of memory", path);
		goto out;
	}
	while (fgets(line, sizeof line, fp)) {
		char *fld[FAC_COLS + 1];
		size_t L = strlen(line);
		lineno++;
		if (L && line[L - 1] != '\n' && !feof(fp)) {
			rc = GEO_ERROR(ctx, GEO_ERR_PARSE, "%s:%ld: line longer than %zu bytes", path,
			               lineno, sizeof line - 1);
			goto out;
		}
		while (L && (line[L - 1] == '\n' || line[L - 1] == '\r'))
			line[--L] = '\0';
		if (lineno == 1 && (unsigned char)line[0] == 0xEF)
			memmove(line, line + 3, strlen(line + 3) + 1); /* UTF-8 BOM */
		if (!line[0] || line[0] == '#')
			continue;
		int n = csv_split(line, fld, FAC_COLS);
		if (n < 0) {
			rc = GEO_ERROR(ctx, GEO_ERR_PARSE, "%s:%ld: unbalanced quotes", path, lineno);
			goto out;
		}
		if (lineno == 1) {
			for (int i = 0; i < FAC_COLS; i++) {
				if (i >= n || strcmp(fld[i], FAC_HEADER[i]) != 0) {
					rc = GEO_ERROR(ctx, GEO_ERR_PARSE,
					               "%s:1: header must be id,name,type,town_pcode,lon,lat,aliases,note (column %d is \"%s\")",
					               path, i + 1, i < n ? fld[i] : "");
					goto out;
				}
			}
			continue;
		}
		if (n != FAC_COLS) {
			rc = GEO_ERROR(ctx, GEO_ERR_PARSE, "%s:%ld: %d fields, expected %d", path, lineno,
			               n, FAC_COLS);
			goto out;
		}
		for (int i = 0; i < 4; i++) {
			if (!fld[i][0]) {
				rc = GEO_ERROR(ctx, GEO_ERR_INVALID, "%s:%ld: column \"%s\" is empty", path,
				               lineno, FAC_HEADER[i]);
				goto out;
			}
		}
		if (!geo_facility_type_valid(fld[2])) {
			rc = GEO_ERROR(ctx, GEO_ERR_INVALID, "%s:%ld: column \"type\": \"%s\" is not a facility type",
			               path, lineno, fld[2]);
			goto out;
		}
		if ((fld[4][0] != 0) != (fld[5][0] != 0)) {
			rc = GEO_ERROR(ctx, GEO_ERR_INVALID, "%s:%ld: give both lon and lat or neither", path,
			               lineno);
			goto out;
		}
		if (fld[4][0]) {
			if (!parse_coord(fld[4], -180, 180, &nf.pub.lon)) {
				rc = GEO_ERROR(ctx, GEO_ERR_INVALID, "%s:%ld: column \"lon\": \"%s\" is not a longitude",
				               path, lineno, fld[4]);
				goto out;
			}
			if (!parse_coord(fld[5], -90, 90, &nf.pub.lat)) {
				rc = GEO_ERROR(ctx, GEO_ERR_INVALID, "%s:%ld: column \"lat\": \"%s\" is not a latitude",
				               path, lineno, fld[5]);
				goto out;
			}
			nf.pub.has_point = 1;
		}
		nf.pub.id = geo_strdup(fld[0]);
		nf.pub.name = geo_strdup(fld[1]);
		nf.pub.type = geo_strdup(fld[2]);
		nf.pub.town_pcode = geo_strdup(fld[3]);
		nf.pub.aliases = fld[6][0] ? geo_strdup(fld[6]) : NULL;
		nf.pub.note = fld[7][0] ? geo_strdup(fld[7]) : NULL;
		if (!nf.pub.id || !nf.pub.name || !nf.pub.type || !nf.pub.town_pcode ||
		    (fld[6][0] && !nf.pub.aliases) || (fld[7][0] && !nf.pub.note) ||
		    fac_index(&nf) != GEO_OK || fac_put(tmp, &nf) != GEO_OK) {
			rc = GEO_ERROR(ctx, GEO_ERR_NOMEM, "%s:%ld: out of memory", path, lineno);
			goto out;
		}
	}
	if (ferror(fp)) {
		rc = GEO_ERROR(ctx, GEO_ERR_IO, "%s: read error", path);
		goto out;
	}
	if (lineno == 0) {
		rc = GEO_ERROR(ctx, GEO_ERR_PARSE, "%s: empty file (no header)", path);
		goto out;
	}
	for (size_t i = 0; i < tmp->n; i++) {
		if (fac_put(reg, &tmp->v[i]) != GEO_OK) {
			rc = GEO_ERROR(ctx, GEO_ERR_NOMEM, "%s: out of memory", path);
			goto out;
		}
	}
	tmp->n = 0;
out:
	fac_clear(&nf);
	geo_facilities_free(tmp);
	if (fp)
		fclose(fp);
	return rc;
}

/* ---- database ---------------------------------------------------------- */

static char *col_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? geo_strdup((const char *)t) : NULL;
}

enum geo_status geo_facilities_read_db(geo_ctx *ctx, geo_facilities *reg, sqlite3 *db)
{
	enum geo_status rc = GEO_OK;
	sqlite3_stmt *st = NULL;
	struct fac nf;
	int r;
	memset(&nf, 0, sizeof nf);
	if (sqlite3_prepare_v2(db,
	                       "SELECT id, name, type, town_pcode, lon, lat, aliases, note FROM facilities",
	                       -1, &st, NULL) != SQLITE_OK)
		goto out; /* no table: an older gazetteer, nothing to read */
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		nf.pub.id = col_dup(st, 0);
		nf.pub.name = col_dup(st, 1);
		nf.pub.type = col_dup(st, 2);
		nf.pub.town_pcode = col_dup(st, 3);
		nf.pub.has_point = sqlite3_column_type(st, 4) != SQLITE_NULL &&
		                   sqlite3_column_type(st, 5) != SQLITE_NULL;
		nf.pub.lon = sqlite3_column_double(st, 4);
		nf.pub.lat = sqlite3_column_double(st, 5);
		nf.pub.aliases = col_dup(st, 6);
		nf.pub.note = col_dup(st, 7);
		if (!nf.pub.id || !nf.pub.name || !nf.pub.type || !nf.pub.town_pcode ||
		    fac_index(&nf) != GEO_OK || fac_put(reg, &nf) != GEO_OK) {
			rc = GEO_ERROR(ctx, GEO_ERR_NOMEM, "facilities table: out of memory or a NULL id/name/type/town");
			goto out;
		}
	}
	if (r != SQLITE_DONE)
		rc = GEO_ERROR(ctx, GEO_ERR_DB, "facilities table: %s", sqlite3_errmsg(db));
out:
	fac_clear(&nf);
	sqlite3_finalize(st);
	return rc;
}

enum geo_status geo_facilities_load_csv(geo_ctx *ctx, sqlite3 *db, const char *path)
{
	enum geo_status rc = GEO_OK;
	geo_facilities *reg = geo_facilities_new();
	sqlite3_stmt *st = NULL;
	int in_tx = 0;
	if (!reg) {
		rc = GEO_ERROR(ctx, GEO_ERR_NOMEM, "%s: out of memory", path);
		goto out;
	}
	rc = geo_facilities_read_csv(ctx, reg, path);
	if (rc != GEO_OK)
		goto out;
	if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
	    (in_tx = 1, sqlite3_exec(db,
	                             "CREATE TABLE IF NOT EXISTS facilities ("
	                             " id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL,"
	                             " town_pcode TEXT NOT NULL, lon REAL, lat REAL, aliases TEXT,"
	                             " note TEXT)",
	                             NULL, NULL, NULL)) != SQLITE_OK ||
	    sqlite3_prepare_v2(db,
	                       "INSERT OR REPLACE INTO facilities(id, name, type, town_pcode, lon, lat,"
	                       " aliases, note) VALUES (?,?,?,?,?,?,?,?)",
	                       -1, &st, NULL) != SQLITE_OK) {
		rc = GEO_ERROR(ctx, GEO_ERR_DB, "%s: facilities table: %s", path, sqlite3_errmsg(db));
		goto out;
	}
	for (size_t i = 0; i < reg->n; i++) {
		const struct geo_facility *f = &reg->v[i].pub;
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, f->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, f->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, f->type, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, f->town_pcode, -1, SQLITE_STATIC);
		if (f->has_point) {
			sqlite3_bind_double(st, 5, f->lon);
			sqlite3_bind_double(st, 6, f->lat);
		} else {
			sqlite3_bind_null(st, 5);
			sqlite3_bind_null(st, 6);
		}
		sqlite3_bind_text(st, 7, f->aliases, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 8, f->note, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE) {
			rc = GEO_ERROR(ctx, GEO_ERR_DB, "%s: facility %s: %s", path, f->id, sqlite3_errmsg(db));
			goto out;
		}
	}
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		rc = GEO_ERROR(ctx, GEO_ERR_DB, "%s: commit: %s", path, sqlite3_errmsg(db));
		goto out;
	}
	in_tx = 0;
out:
	sqlite3_finalize(st);
	if (in_tx)
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	geo_facilities_free(reg);
	return rc;
}

/* ---- matching ------------------------------------------------------------ */

const struct geo_facility *geo_facilities_match(const geo_facilities *reg,
                                                const char *facility_name,
                                                const char *town_pcode)
{
	char q[GEO_NORM_MAX * 2 + 2];
	const struct geo_facility *best = NULL;
	size_t best_len = 0;
	if (!reg || !facility_name || !town_pcode)
		return NULL;
	q[0] = ' ';
	fac_key(facility_name, q + 1, sizeof q - 2);
	size_t ql = strlen(q);
	q[ql] = ' ';
	q[ql + 1] = '\0';
	for (size_t i = 0; i < reg->n; i++) {
		const struct fac *f = &reg->v[i];
		if (strcmp(f->pub.town_pcode, town_pcode) != 0)
			continue;
		for (size_t k = 0; k < f->n_keys; k++) {
			char pat[GEO_NORM_MAX * 2 + 2];
			size_t kl = strlen(f->keys[k]);
			if (kl + 3 > sizeof pat)
				continue;
			pat[0] = ' ';
			memcpy(pat + 1, f->keys[k], kl);
			pat[kl + 1] = ' ';
			pat[kl + 2] = '\0';
			if (strstr(q, pat) && kl > best_len) {
				best = &f->pub;
				best_len = kl;
			}
		}
	}
	return best;
}
