/* units.h — explicit units on the command line and in input: distances
 * ("500m", "2km", "1.5 km"), durations ("45min", "1h", "30d", "90s"),
 * ISO dates and clock times. Parsers are strict: the whole string must be
 * consumed, numbers must be finite and non-negative. */
#ifndef GEO_UNITS_H
#define GEO_UNITS_H

#include <stdint.h>
#include "geo/status.h"

/* "500m", "2km", "0.5 km" -> metres. A bare number is refused: the unit
 * must be written. Returns GEO_ERR_PARSE on anything else. */
enum geo_status geo_parse_distance(const char *s, double *metres) GEO_WUR;

/* "90s", "45min", "1h", "1.5h", "30d", "2w" -> seconds. Unit required. */
enum geo_status geo_parse_duration(const char *s, double *seconds) GEO_WUR;

/* "YYYY-MM-DD" (a real calendar date, 1900..2100) -> days since 1970-01-01. */
enum geo_status geo_parse_date(const char *s, int32_t *days) GEO_WUR;

/* "HH:MM" or "HH:MM:SS" (00:00..23:59:59) -> seconds since midnight. */
enum geo_status geo_parse_time(const char *s, int32_t *seconds) GEO_WUR;

/* Days since 1970-01-01 -> "YYYY-MM-DD" into out[11]. */
void geo_format_date(int32_t days, char out[11]);

#endif
