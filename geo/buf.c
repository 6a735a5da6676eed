/* buf.c — bounded growable buffer; see buf.h. */
#include "geo/buf.h"
#include "geo/ctx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void geo_buf_init(geo_buf *b, size_t cap)
{
	b->data = NULL;
	b->len = 0;
	b->alloc = 0;
	b->cap = cap ? cap : GEO_BUF_DEFAULT_CAP;
}

void geo_buf_free(geo_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = 0;
	b->alloc = 0;
}

void geo_buf_reset(geo_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

static enum geo_status reserve(geo_buf *b, size_t extra)
{
	size_t need, a;
	char *p;
	if (extra >= b->cap || b->len + extra + 1 > b->cap)
		return GEO_ERR_LIMIT;
	need = b->len + extra + 1;
	if (need <= b->alloc)
		return GEO_OK;
	a = b->alloc ? b->alloc : 64;
	while (a < need)
		a = a > b->cap / 2 ? b->cap : a * 2;
	p = geo_realloc(b->data, a);
	if (!p)
		return GEO_ERR_NOMEM;
	b->data = p;
	b->alloc = a;
	return GEO_OK;
}

enum geo_status geo_buf_add(geo_buf *b, const void *mem, size_t n)
{
	enum geo_status st = reserve(b, n);
	if (st != GEO_OK)
		return st;
	if (n)
		memcpy(b->data + b->len, mem, n);
	b->len += n;
	b->data[b->len] = '\0';
	return GEO_OK;
}

enum geo_status geo_buf_adds(geo_buf *b, const char *s)
{
	return geo_buf_add(b, s, strlen(s));
}

enum geo_status geo_buf_addc(geo_buf *b, char c)
{
	return geo_buf_add(b, &c, 1);
}

enum geo_status geo_buf_vaddf(geo_buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;
	enum geo_status st;
	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return GEO_ERR_INVALID;
	st = reserve(b, (size_t)n);
	if (st != GEO_OK)
		return st;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return GEO_OK;
}

enum geo_status geo_buf_addf(geo_buf *b, const char *fmt, ...)
{
	va_list ap;
	enum geo_status st;
	va_start(ap, fmt);
	st = geo_buf_vaddf(b, fmt, ap);
	va_end(ap);
	return st;
}

enum geo_status geo_buf_add_json_str(geo_buf *b, const char *s)
{
	size_t start = b->len;
	enum geo_status st = GEO_OK;
	if (!s)
		return geo_buf_adds(b, "null");
	st = geo_buf_addc(b, '"');
	for (const unsigned char *p = (const unsigned char *)s; st == GEO_OK && *p; p++) {
		switch (*p) {
		case '"': st = geo_buf_adds(b, "\\\""); break;
		case '\\': st = geo_buf_adds(b, "\\\\"); break;
		case '\n': st = geo_buf_adds(b, "\\n"); break;
		case '\r': st = geo_buf_adds(b, "\\r"); break;
		case '\t': st = geo_buf_adds(b, "\\t"); break;
		default:
			if (*p < 0x20)
				st = geo_buf_addf(b, "\\u%04x", *p);
			else
				st = geo_buf_addc(b, (char)*p);
		}
	}
	if (st == GEO_OK)
		st = geo_buf_addc(b, '"');
	if (st != GEO_OK) { /* leave the buffer as it was */
		b->len = start;
		if (b->data)
			b->data[start] = '\0';
	}
	return st;
}

enum geo_status geo_buf_add_xml_str(geo_buf *b, const char *s)
{
	size_t start = b->len;
	enum geo_status st = GEO_OK;
	for (; st == GEO_OK && s && *s; s++) {
		switch (*s) {
		case '<': st = geo_buf_adds(b, "&lt;"); break;
		case '>': st = geo_buf_adds(b, "&gt;"); break;
		case '&': st = geo_buf_adds(b, "&amp;"); break;
		case '"': st = geo_buf_adds(b, "&quot;"); break;
		default: st = geo_buf_addc(b, *s);
		}
	}
	if (st != GEO_OK) { /* leave the buffer as it was */
		b->len = start;
		if (b->data)
			b->data[start] = '\0';
	}
	return st;
}

enum geo_status geo_buf_add_csv_field(geo_buf *b, const char *s)
{
	size_t start = b->len;
	enum geo_status st = GEO_OK;
	if (!s)
		return GEO_OK;
	if (!strpbrk(s, ",\"\r\n"))
		return geo_buf_adds(b, s);
	st = geo_buf_addc(b, '"');
	for (const char *p = s; st == GEO_OK && *p; p++)
		st = *p == '"' ? geo_buf_adds(b, "\"\"") : geo_buf_addc(b, *p);
	if (st == GEO_OK)
		st = geo_buf_addc(b, '"');
	if (st != GEO_OK) {
		b->len = start;
		if (b->data)
			b->data[start] = '\0';
	}
	return st;
}

const char *geo_buf_str(const geo_buf *b)
{
	return b->data ? b->data : "";
}

size_t geo_buf_len(const geo_buf *b) { return b->len; }

char *geo_buf_take(geo_buf *b)
{
	char *s = b->data;
	if (!s)
		s = geo_strdup("");
	b->data = NULL;
	b->len = 0;
	b->alloc = 0;
	return s;
}
