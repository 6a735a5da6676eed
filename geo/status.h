/* status.h — the status codes every fallible strikemap function returns.
 *
 * Zero is success. The CLI maps each code to an exit status (cli/cli.h);
 * the library itself never prints or exits. */
#ifndef GEO_STATUS_H
#define GEO_STATUS_H

enum geo_status {
	GEO_OK = 0,
	GEO_ERR_NOMEM,      /* an allocation failed */
	GEO_ERR_IO,         /* a file could not be opened, read or written */
	GEO_ERR_PARSE,      /* input is malformed: bad CSV, JSON, date, number */
	GEO_ERR_INVALID,    /* input is well-formed but refused (out of range, unknown value) */
	GEO_ERR_NOTFOUND,   /* a named thing (layer, place, table) does not exist */
	GEO_ERR_DB,         /* SQLite/SpatiaLite reported an error */
	GEO_ERR_GEOS,       /* GEOS reported an error */
	GEO_ERR_PROJ,       /* PROJ reported an error */
	GEO_ERR_GDAL,       /* GDAL/OGR reported an error */
	GEO_ERR_LIMIT,      /* a size cap was reached (buffer, row count) */
	GEO_ERR_UNSUPPORTED /* the request is valid but not supported here */
};

#if defined(__GNUC__)
#define GEO_WUR __attribute__((warn_unused_result))
#define GEO_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define GEO_WUR
#define GEO_PRINTF(a, b)
#endif

/* The name of a status code ("GEO_ERR_PARSE"); never NULL. */
const char *geo_status_name(enum geo_status st);

#endif
