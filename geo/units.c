/* units.c — strict parsers for distances, durations, dates and times. */
#include "geo/units.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Parse a non-negative finite number followed by a unit from `units`
 * (name -> factor). Whitespace between number and unit is allowed. */
struct unit { const char *name; double factor; };

static enum geo_status parse_with_units(const char *s, const struct unit *units,
                                        double *out)
{
	char *end;
	double v;
	if (!s || !*s || isspace((unsigned char)*s) || *s == '-' || *s == '+')
		return GEO_ERR_PARSE;
	errno = 0;
	v = strtod(s, &end);
	if (end == s || errno == ERANGE || !isfinite(v) || v < 0)
		return GEO_ERR_PARSE;
	for (const char *p = s; p < end; p++)
		if (*p == 'x' || *p == 'X')
			return GEO_ERR_PARSE; /* strtod reads hexadecimal: "0x10km" is no distance */
	while (*end == ' ')
		end++;
	for (const struct unit *u = units; u->name; u++) {
		if (strcasecmp(end, u->name) == 0) {
			if (!isfinite(v * u->factor))
				return GEO_ERR_PARSE; /* "1e308km": too large once converted */
			*out = v * u->factor;
			return GEO_OK;
		}
	}
	return GEO_ERR_PARSE;
}

enum geo_status geo_parse_distance(const char *s, double *metres)
{
	static const struct unit units[] = {
		{"m", 1}, {"km", 1000}, {"metre", 1}, {"metres", 1},
		{"meter", 1}, {"meters", 1}, {NULL, 0}};
	return parse_with_units(s, units, metres);
}

enum geo_status geo_parse_duration(const char *s, double *seconds)
{
	static const struct unit units[] = {
		{"s", 1}, {"sec", 1}, {"min", 60}, {"m", 60}, {"h", 3600},
		{"hour", 3600}, {"hours", 3600}, {"d", 86400}, {"day", 86400},
		{"days", 86400}, {"w", 604800}, {"week", 604800}, {"weeks", 604800},
		{NULL, 0}};
	return parse_with_units(s, units, seconds);
}

/* Days from civil date (Howard Hinnant's algorithm). */
static int32_t days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void geo_format_date(int32_t z, char out[11])
{
	z += 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int y = yoe + era * 400;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	int d = doy - (153 * mp + 2) / 5 + 1;
	int m = mp + (mp < 10 ? 3 : -9);
	char tmp[40];
	snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", (y + (m <= 2)) % 10000, m, d);
	memcpy(out, tmp, 10);
	out[10] = '\0';
}

static int digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

enum geo_status geo_parse_date(const char *s, int32_t *days)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y, m, d, leap;
	if (!s || strlen(s) != 10 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) ||
	    s[7] != '-' || !digits(s + 8, 2))
		return GEO_ERR_PARSE;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1)
		return GEO_ERR_PARSE;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (d > mdays[m - 1] + (m == 2 && leap))
		return GEO_ERR_PARSE;
	*days = days_from_civil(y, m, d);
	return GEO_OK;
}

enum geo_status geo_parse_time(const char *s, int32_t *seconds)
{
	size_t n = s ? strlen(s) : 0;
	int h, mi, se = 0;
	if ((n != 5 && n != 8) || !digits(s, 2) || s[2] != ':' || !digits(s + 3, 2))
		return GEO_ERR_PARSE;
	if (n == 8 && (s[5] != ':' || !digits(s + 6, 2)))
		return GEO_ERR_PARSE;
	h = atoi(s);
	mi = atoi(s + 3);
	if (n == 8)
		se = atoi(s + 6);
	if (h > 23 || mi > 59 || se > 59)
		return GEO_ERR_PARSE;
	*seconds = h * 3600 + mi * 60 + se;
	return GEO_OK;
}
