/* buf.h — the one bounded growable text buffer (after curl's dynbuf).
 *
 * Every place that assembles text (SQL, JSON, messages, CSV) uses it. A
 * buffer has a size cap; an append that would pass it fails with
 * GEO_ERR_LIMIT and leaves the buffer as it was. The text is always
 * NUL-terminated. Embed it by value: `geo_buf b; geo_buf_init(&b, cap);`. */
#ifndef GEO_BUF_H
#define GEO_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include "geo/status.h"

typedef struct geo_buf {
	char *data;     /* owned; NULL until the first append */
	size_t len;     /* bytes used, without the NUL */
	size_t alloc;   /* bytes allocated */
	size_t cap;     /* maximum len + 1 */
} geo_buf;

#define GEO_BUF_DEFAULT_CAP ((size_t)1 << 30)

void geo_buf_init(geo_buf *b, size_t cap);
/* Free the text; the buffer is empty and reusable afterwards. */
void geo_buf_free(geo_buf *b);
/* Empty the buffer but keep its memory. */
void geo_buf_reset(geo_buf *b);

enum geo_status geo_buf_add(geo_buf *b, const void *mem, size_t n) GEO_WUR;
enum geo_status geo_buf_adds(geo_buf *b, const char *s) GEO_WUR;
enum geo_status geo_buf_addc(geo_buf *b, char c) GEO_WUR;
enum geo_status geo_buf_addf(geo_buf *b, const char *fmt, ...) GEO_WUR GEO_PRINTF(2, 3);
enum geo_status geo_buf_vaddf(geo_buf *b, const char *fmt, va_list ap) GEO_WUR;
/* Append `s` as a JSON string literal with quotes; NULL appends `null`. */
enum geo_status geo_buf_add_json_str(geo_buf *b, const char *s) GEO_WUR;
/* Append `s` with & < > " escaped for XML/HTML text and attributes; NULL
 * appends nothing. */
enum geo_status geo_buf_add_xml_str(geo_buf *b, const char *s) GEO_WUR;
/* Append `s` as one CSV field (quoted when it holds , " CR or LF). NULL is empty. */
enum geo_status geo_buf_add_csv_field(geo_buf *b, const char *s) GEO_WUR;

/* The text (never NULL: "" when empty). Borrowed until the next append. */
const char *geo_buf_str(const geo_buf *b);
size_t geo_buf_len(const geo_buf *b);
/* Hand the text over to the caller (free() it); the buffer is emptied.
 * Returns NULL only when allocating an empty string fails. */
char *geo_buf_take(geo_buf *b);

#endif
