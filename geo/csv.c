/* csv.c — RFC 4180 reader with physical line numbers; see csv.h.
 *
 * The input is held in one buffer; a record's fields are copied into
 * `fields` separated by NUL bytes, with their offsets in `off`. Line ends
 * (CR, LF, CRLF) are counted wherever they occur, including inside quoted
 * fields, so `line` is always the physical line of the record's start. */
#include "geo/csv.h"
#include "geo/buf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct geo_csv {
	geo_ctx *ctx;
	char *name;        /* owned */
	char *text;        /* owned input */
	size_t len, pos;   /* input length, read position (bytes) */
	long next_line;    /* physical line at `pos` */
	long line;         /* line of the current record */
	geo_buf fields;    /* current record's fields, NUL-separated */
	size_t *off;       /* offsets of fields in `fields` */
	unsigned char *quoted;
	size_t n, cap;     /* fields in the record, capacity of off/quoted */
};

static geo_csv *csv_new(geo_ctx *ctx, const char *name)
{
	geo_csv *c = geo_calloc(1, sizeof *c);
	if (!c)
		return NULL;
	c->ctx = ctx;
	c->name = geo_strdup(name);
	if (!c->name) {
		free(c);
		return NULL;
	}
	c->next_line = 1;
	geo_buf_init(&c->fields, (size_t)64 << 20);
	return c;
}

/* Skip a UTF-8 byte-order mark. */
static void skip_bom(geo_csv *c)
{
	if (c->len >= 3 && (unsigned char)c->text[0] == 0xEF && (unsigned char)c->text[1] == 0xBB &&
	    (unsigned char)c->text[2] == 0xBF)
		c->pos = 3;
}

geo_csv *geo_csv_open_mem(geo_ctx *ctx, const char *name, const char *text, size_t len)
{
	geo_csv *c = csv_new(ctx, name ? name : "(input)");
	if (!c) {
		GEO_ERROR(ctx, GEO_ERR_NOMEM, "%s: out of memory", name ? name : "(input)");
		return NULL;
	}
	c->text = geo_malloc(len + 1);
	if (!c->text) {
		GEO_ERROR(ctx, GEO_ERR_NOMEM, "%s: out of memory", c->name);
		geo_csv_close(c);
		return NULL;
	}
	memcpy(c->text, text, len);
	c->text[len] = '\0';
	c->len = len;
	skip_bom(c);
	return c;
}

geo_csv *geo_csv_open(geo_ctx *ctx, const char *path, const char *name)
{
	FILE *f = NULL;
	geo_buf in;
	geo_csv *c = NULL;
	char chunk[65536];
	size_t got;
	const char *shown = name ? name : path;

	geo_buf_init(&in, GEO_CSV_MAX_BYTES);
	f = fopen(path, "rb");
	if (!f) {
		GEO_ERROR(ctx, errno == ENOENT ? GEO_ERR_NOTFOUND : GEO_ERR_IO, "%s: cannot open: %s",
		          shown, strerror(errno));
		goto out;
	}
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
		enum geo_status st = geo_buf_add(&in, chunk, got);
		if (st == GEO_ERR_LIMIT) {
			GEO_ERROR(ctx, GEO_ERR_LIMIT, "%s: larger than %zu MiB", shown,
			          GEO_CSV_MAX_BYTES >> 20);
			goto out;
		} else if (st != GEO_OK) {
			GEO_ERROR(ctx, GEO_ERR_NOMEM, "%s: out of memory reading the file", shown);
			goto out;
		}
	}
	if (ferror(f)) {
		GEO_ERROR(ctx, GEO_ERR_IO, "%s: read error", shown);
		goto out;
	}
	c = csv_new(ctx, shown);
	if (!c) {
		GEO_ERROR(ctx, GEO_ERR_NOMEM, "%s: out of memory", shown);
		goto out;
	}
	c->len = in.len;
	c->text = geo_buf_take(&in);
	if (!c->text) {
		GEO_ERROR(ctx, GEO_ERR_NOMEM, "%s: out of memory", shown);
		geo_csv_close(c);
		c = NULL;
		goto out;
	}
	skip_bom(c);
out:
	if (f)
		fclose(f);
	geo_buf_free(&in);
	return c;
}

void geo_csv_close(geo_csv *c)
{
	if (!c)
		return;
	geo_buf_free(&c->fields);
	free(c->off);
	free(c->quoted);
	free(c->text);
	free(c->name);
	free(c);
}

/* Start a new field at the end of `fields`. */
static enum geo_status start_field(geo_csv *c, int quoted)
{
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 32;
		size_t *o = geo_realloc(c->off, cap * sizeof *o);
		if (!o)
			return GEO_ERR_NOMEM;
		c->off = o;
		unsigned char *q = geo_realloc(c->quoted, cap);
		if (!q)
			return GEO_ERR_NOMEM;
		c->quoted = q;
		c->cap = cap;
	}
	c->off[c->n] = c->fields.len;
	c->quoted[c->n] = (unsigned char)quoted;
	c->n++;
	return GEO_OK;
}

static enum geo_status add_span(geo_csv *c, size_t from, size_t to)
{
	enum geo_status st = geo_buf_add(&c->fields, c->text + from, to - from);
	if (st == GEO_ERR_LIMIT)
		return GEO_ERROR(c->ctx, GEO_ERR_LIMIT, "%s:%ld: record longer than %zu MiB", c->name,
		                 c->line, c->fields.cap >> 20);
	if (st != GEO_OK)
		return GEO_ERROR(c->ctx, GEO_ERR_NOMEM, "%s:%ld: out of memory", c->name, c->line);
	return GEO_OK;
}

static enum geo_status end_field(geo_csv *c)
{
	enum geo_status st = geo_buf_addc(&c->fields, '\0');
	if (st != GEO_OK)
		return GEO_ERROR(c->ctx, st, "%s:%ld: out of memory", c->name, c->line);
	return GEO_OK;
}

/* Consume a line end at pos (CR, LF or CRLF); returns 1 when there was one. */
static int eat_eol(geo_csv *c)
{
	if (c->pos < c->len && c->text[c->pos] == '\r') {
		c->pos++;
		if (c->pos < c->len && c->text[c->pos] == '\n')
			c->pos++;
		c->next_line++;
		return 1;
	}
	if (c->pos < c->len && c->text[c->pos] == '\n') {
		c->pos++;
		c->next_line++;
		return 1;
	}
	return 0;
}

enum geo_status geo_csv_next(geo_csv *c, int *got)
{
	enum geo_status st = GEO_OK;
	*got = 0;
	c->n = 0;
	geo_buf_reset(&c->fields);
	/* skip empty lines */
	while (c->pos < c->len && eat_eol(c))
		;
	if (c->pos >= c->len)
		return GEO_OK;
	c->line = c->next_line;
	for (;;) {
		/* one field */
		if (c->pos < c->len && c->text[c->pos] == '"') {
			long opened = c->next_line;
			if ((st = start_field(c, 1)) != GEO_OK)
				return GEO_ERROR(c->ctx, st, "%s:%ld: out of memory", c->name, c->line);
			c->pos++;
			for (;;) {
				size_t from = c->pos;
				while (c->pos < c->len && c->text[c->pos] != '"' && c->text[c->pos] != '\r' &&
				       c->text[c->pos] != '\n' && c->text[c->pos] != '\0')
					c->pos++;
				if ((st = add_span(c, from, c->pos)) != GEO_OK)
					return st;
				if (c->pos >= c->len)
					return GEO_ERROR(c->ctx, GEO_ERR_PARSE,
					                 "%s:%ld: quoted field is never closed (the input ends on "
					                 "line %ld)",
					                 c->name, opened, c->next_line);
				char ch = c->text[c->pos];
				if (ch == '\0')
					return GEO_ERROR(c->ctx, GEO_ERR_PARSE, "%s:%ld: NUL byte in the input",
					                 c->name, c->next_line);
				if (ch == '\r' || ch == '\n') {
					size_t eol = c->pos;
					eat_eol(c);
					if ((st = add_span(c, eol, c->pos)) != GEO_OK)
						return st;
					continue;
				}
				/* a quote: doubled is a literal quote, else the field ends */
				if (c->pos + 1 < c->len && c->text[c->pos + 1] == '"') {
					if ((st = add_span(c, c->pos, c->pos + 1)) != GEO_OK)
						return st;
					c->pos += 2;
					continue;
				}
				c->pos++;
				break;
			}
			if (c->pos < c->len && c->text[c->pos] != ',' && c->text[c->pos] != '\r' &&
			    c->text[c->pos] != '\n')
				return GEO_ERROR(c->ctx, GEO_ERR_PARSE,
				                 "%s:%ld: unexpected text after a closing quote (write a quote "
				                 "inside a quoted field as \"\")",
				                 c->name, c->next_line);
		} else {
			size_t from = c->pos;
			if ((st = start_field(c, 0)) != GEO_OK)
				return GEO_ERROR(c->ctx, st, "%s:%ld: out of memory", c->name, c->line);
			while (c->pos < c->len && c->text[c->pos] != ',' && c->text[c->pos] != '\r' &&
			       c->text[c->pos] != '\n' && c->text[c->pos] != '\0')
				c->pos++;
			if (c->pos < c->len && c->text[c->pos] == '\0')
				return GEO_ERROR(c->ctx, GEO_ERR_PARSE, "%s:%ld: NUL byte in the input", c->name,
				                 c->next_line);
			if ((st = add_span(c, from, c->pos)) != GEO_OK)
				return st;
		}
		if ((st = end_field(c)) != GEO_OK)
			return st;
		if (c->pos < c->len && c->text[c->pos] == ',') {
			c->pos++;
			continue;
		}
		eat_eol(c);
		break;
	}
	*got = 1;
	return GEO_OK;
}

size_t geo_csv_nfields(const geo_csv *c) { return c->n; }

const char *geo_csv_field(const geo_csv *c, size_t i)
{
	return i < c->n ? c->fields.data + c->off[i] : NULL;
}

int geo_csv_field_quoted(const geo_csv *c, size_t i) { return i < c->n && c->quoted[i]; }

long geo_csv_line(const geo_csv *c) { return c->line; }
const char *geo_csv_name(const geo_csv *c) { return c->name; }
