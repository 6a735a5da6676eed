/* csv.h — an RFC 4180 CSV reader that knows where each record came from.
 *
 * Reads comma-separated text: fields optionally quoted with '"', a quote
 * inside a quoted field written twice, CR, LF or CRLF line ends (also inside
 * quoted fields, where they are kept as written), a UTF-8 byte-order mark at
 * the start skipped. Completely empty lines between records are skipped.
 * Each record reports the physical line (1-based) it starts on, so errors
 * can say `incidents.csv:17: ...` even when earlier fields span lines.
 *
 * The whole input is held in memory (inputs are reports' incident lists,
 * not bulk data); files larger than GEO_CSV_MAX_BYTES are refused. */
#ifndef GEO_CSV_H
#define GEO_CSV_H

#include <stddef.h>
#include "geo/ctx.h"

typedef struct geo_csv geo_csv;

#define GEO_CSV_MAX_BYTES ((size_t)512 << 20) /* 512 MiB */

/* Open `path` for reading; `name` (may be NULL: then `path`) is how
 * messages name it. Returns NULL with the context error set (GEO_ERR_IO
 * naming the file, GEO_ERR_LIMIT, GEO_ERR_NOMEM). Close with
 * geo_csv_close(). */
geo_csv *geo_csv_open(geo_ctx *ctx, const char *path, const char *name);

/* Read CSV from memory: `text` (len bytes, need not be NUL-terminated) is
 * copied. `name` names it in messages. Returns NULL on GEO_ERR_NOMEM. */
geo_csv *geo_csv_open_mem(geo_ctx *ctx, const char *name, const char *text, size_t len);

/* Free the reader; NULL does nothing. */
void geo_csv_close(geo_csv *c);

/* Read the next record. On success *got is 1 and the fields are available
 * through geo_csv_nfields()/geo_csv_field() until the next call; at the end
 * of input *got is 0. Errors (GEO_ERR_PARSE: an unterminated quoted field,
 * text after a closing quote, a NUL byte; GEO_ERR_NOMEM) set the context
 * error as `name:line: reason`. */
enum geo_status geo_csv_next(geo_csv *c, int *got) GEO_WUR;

/* The current record: its field count and fields (borrowed, NUL-terminated;
 * a field with an embedded NUL cannot occur: it is a parse error). */
size_t geo_csv_nfields(const geo_csv *c);
const char *geo_csv_field(const geo_csv *c, size_t i);
/* 1 when field i was quoted in the input (an empty quoted field "" is an
 * empty string, an empty unquoted field is "not given"; readers may use the
 * difference). */
int geo_csv_field_quoted(const geo_csv *c, size_t i);

/* The physical line (1-based) on which the current record starts. */
long geo_csv_line(const geo_csv *c);
/* The name given at open. Borrowed. */
const char *geo_csv_name(const geo_csv *c);

#endif
