/* perpetrator.c — map a perpetrator as written in a report to the
 * vocabulary of perpetrator.h. Rules are ordered: the mixed "Syrian/Russian"
 * attribution must win over either party alone, and "unknown" phrasing over
 * any party the sentence happens to mention. */
#include "geo/perpetrator.h"

#include <ctype.h>
#include <stddef.h>
#include <string.h>

const char *const GEO_PERPETRATOR_CLASSES[] = {
	"regime", "russia", "regime_or_russia", "isis", "sdf_ypg", "coalition",
	"turkey", "hts", "opposition", "unknown", "other", NULL};

struct rule {
	const char *needle; /* lower-case substring of the folded text */
	const char *cls;
};

static const struct rule rules[] = {
	/* undetermined attributions first */
	{"regime_or_russia", "regime_or_russia"},
	{"syrian/russian", "regime_or_russia"},
	{"syrian-russian", "regime_or_russia"},
	{"syrian or russian", "regime_or_russia"},
	{"regime or russia", "regime_or_russia"},
	{"regime/russia", "regime_or_russia"},
	{"unidentified", "unknown"},
	{"unknown", "unknown"},
	{"not identified", "unknown"},
	{"couldn't identify", "unknown"},
	{"could not identify", "unknown"},
	{"haven't been able to identify", "unknown"},
	{"russia", "russia"},
	{"isis", "isis"},
	{"islamic state", "isis"},
	{"daesh", "isis"},
	{"self-management", "sdf_ypg"},
	{"self management", "sdf_ypg"},
	{"sdf", "sdf_ypg"},
	{"ypg", "sdf_ypg"},
	{"pyd", "sdf_ypg"},
	{"democratic union", "sdf_ypg"},
	{"kurdish", "sdf_ypg"},
	{"sdf_ypg", "sdf_ypg"},
	{"coalition", "coalition"},
	{"turk", "turkey"},
	{"tahrir al sham", "hts"},
	{"tahrir al-sham", "hts"},
	{"hts", "hts"},
	{"nusra", "hts"},
	{"opposition", "opposition"},
	{"free syrian army", "opposition"},
	{"fsa", "opposition"},
	{"regime", "regime"},
	{"syrian army", "regime"},
	{"government", "regime"},
	{"other", "other"},
	{NULL, NULL}};

const char *geo_perpetrator_class(const char *text)
{
	char folded[512];
	size_t n = 0;
	if (!text)
		return "unknown";
	for (; text[n] && n + 1 < sizeof folded; n++)
		folded[n] = (char)tolower((unsigned char)text[n]);
	folded[n] = '\0';
	while (n && isspace((unsigned char)folded[n - 1]))
		folded[--n] = '\0';
	if (n == 0)
		return "unknown";
	for (const struct rule *r = rules; r->needle; r++)
		if (strstr(folded, r->needle))
			return r->cls;
	return "other";
}

int geo_perpetrator_class_valid(const char *word)
{
	if (!word)
		return 0;
	for (size_t i = 0; GEO_PERPETRATOR_CLASSES[i]; i++)
		if (strcmp(word, GEO_PERPETRATOR_CLASSES[i]) == 0)
			return 1;
	return 0;
}
