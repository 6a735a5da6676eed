/* perpetrator.c — map a perpetrator as written in a report (English or
 * Arabic) to the vocabulary of perpetrator.h. Rules are ordered: the mixed
 * "Syrian/Russian" attribution must win over either party alone, and
 * "unknown" phrasing over any party the sentence happens to mention.
 * Acronyms match whole words only, so "crisis" is not ISIS and "human
 * rights" is not HTS. */
#include "geo/perpetrator.h"

#include <ctype.h>
#include <stddef.h>
#include <string.h>

const char *const GEO_PERPETRATOR_CLASSES[] = {
	"regime", "russia", "regime_or_russia", "isis", "sdf_ypg", "coalition",
	"turkey", "hts", "opposition", "unknown", "other", NULL};

/* How a needle must sit in the text: anywhere, at the start of a word
 * ("russia" in "Russian"), or as a whole word ("isis", never "crisis";
 * "hts", never "rights"). Boundaries are ASCII letters and digits; Arabic
 * needles match anywhere (Arabic attaches the article and prepositions). */
enum { ANY, START, WORD };

struct rule {
	const char *needle; /* lower-case; substring of the folded text */
	int where;
	const char *cls;
};

static const struct rule rules[] = {
	/* undetermined attributions first */
	{"regime_or_russia", WORD, "regime_or_russia"},
	{"syrian/russian", ANY, "regime_or_russia"},
	{"syrian-russian", ANY, "regime_or_russia"},
	{"syrian russian", ANY, "regime_or_russia"},
	{"syrian or russian", ANY, "regime_or_russia"},
	{"syrian and russian", ANY, "regime_or_russia"},
	{"russian/syrian", ANY, "regime_or_russia"},
	{"russian-syrian", ANY, "regime_or_russia"},
	{"russian or syrian", ANY, "regime_or_russia"},
	{"regime or russia", ANY, "regime_or_russia"},
	{"regime/russia", ANY, "regime_or_russia"},
	{"\xd8\xa7\xd9\x84\xd8\xb3\xd9\x88\xd8\xb1\xd9\x8a \xd8\xa7\xd9\x84\xd8\xb1\xd9\x88\xd8\xb3\xd9\x8a", ANY, "regime_or_russia"}, /* السوري الروسي */
	{"unidentified", START, "unknown"},
	{"unknown", START, "unknown"},
	{"not identified", ANY, "unknown"},
	{"not known", ANY, "unknown"},
	{"couldn't identify", ANY, "unknown"},
	{"could not identify", ANY, "unknown"},
	{"haven't been able to identify", ANY, "unknown"},
	{"have not been able to identify", ANY, "unknown"},
	{"\xd9\x85\xd8\xac\xd9\x87\xd9\x88\xd9\x84", ANY, "unknown"}, /* مجهول */
	{"russia", START, "russia"},
	{"\xd8\xa7\xd9\x84\xd8\xb1\xd9\x88\xd8\xb3", ANY, "russia"}, /* الروس: الروسي، الروسية */
	{"\xd8\xb1\xd9\x88\xd8\xb3\xd9\x8a", ANY, "russia"}, /* روسي: روسيا، روسية */
	{"isis", WORD, "isis"},
	{"isil", WORD, "isis"},
	{"islamic state", ANY, "isis"},
	{"daesh", WORD, "isis"},
	{"\xd8\xaf\xd8\xa7\xd8\xb9\xd8\xb4", ANY, "isis"}, /* داعش */
	{"\xd8\xaa\xd9\x86\xd8\xb8\xd9\x8a\xd9\x85 \xd8\xa7\xd9\x84\xd8\xaf\xd9\x88\xd9\x84\xd8\xa9", ANY, "isis"}, /* تنظيم الدولة */
	{"self-management", ANY, "sdf_ypg"},
	{"self management", ANY, "sdf_ypg"},
	{"sdf", WORD, "sdf_ypg"},
	{"sdf_ypg", WORD, "sdf_ypg"},
	{"ypg", WORD, "sdf_ypg"},
	{"pyd", WORD, "sdf_ypg"},
	{"pkk", WORD, "sdf_ypg"},
	{"syrian democratic forces", ANY, "sdf_ypg"},
	{"democratic union", ANY, "sdf_ypg"},
	{"kurdish", START, "sdf_ypg"},
	{"\xd9\x82\xd8\xb3\xd8\xaf", ANY, "sdf_ypg"}, /* قسد */
	{"\xd8\xa7\xd9\x84\xd8\xa5\xd8\xaf\xd8\xa7\xd8\xb1\xd8\xa9 \xd8\xa7\xd9\x84\xd8\xb0\xd8\xa7\xd8\xaa\xd9\x8a\xd8\xa9", ANY, "sdf_ypg"}, /* الإدارة الذاتية */
	{"coalition", START, "coalition"},
	{"us-led", ANY, "coalition"},
	{"\xd8\xa7\xd9\x84\xd8\xaa\xd8\xad\xd8\xa7\xd9\x84\xd9\x81", ANY, "coalition"}, /* التحالف */
	{"turkmen", START, "opposition"}, /* Turkmen factions are not the Turkish army */
	{"turk", START, "turkey"},
	{"\xd8\xa7\xd9\x84\xd8\xaa\xd8\xb1\xd9\x83", ANY, "turkey"}, /* التركي، التركية */
	{"\xd8\xaa\xd8\xb1\xd9\x83\xd9\x8a\xd8\xa7", ANY, "turkey"}, /* تركيا */
	{"\xd8\xa7\xd9\x84\xd8\xa3\xd8\xaa\xd8\xb1\xd8\xa7\xd9\x83", ANY, "turkey"}, /* الأتراك */
	{"tahrir al sham", ANY, "hts"},
	{"tahrir al-sham", ANY, "hts"},
	{"hts", WORD, "hts"},
	{"nusra", START, "hts"},
	{"fateh al sham", ANY, "hts"},
	{"\xd8\xaa\xd8\xad\xd8\xb1\xd9\x8a\xd8\xb1 \xd8\xa7\xd9\x84\xd8\xb4\xd8\xa7\xd9\x85", ANY, "hts"}, /* تحرير الشام */
	{"\xd8\xa7\xd9\x84\xd9\x86\xd8\xb5\xd8\xb1\xd8\xa9", ANY, "hts"}, /* النصرة */
	{"opposition", START, "opposition"},
	{"free syrian army", ANY, "opposition"},
	{"fsa", WORD, "opposition"},
	{"\xd8\xa7\xd9\x84\xd9\x85\xd8\xb9\xd8\xa7\xd8\xb1\xd8\xb6\xd8\xa9", ANY, "opposition"}, /* المعارضة */
	{"regime", START, "regime"},
	{"syrian army", ANY, "regime"},
	{"syrian arab army", ANY, "regime"},
	{"syrian air force", ANY, "regime"},
	{"government", START, "regime"},
	{"hezbollah", START, "regime"},
	{"iranian militia", ANY, "regime"},
	{"\xd8\xa7\xd9\x84\xd9\x86\xd8\xb8\xd8\xa7\xd9\x85", ANY, "regime"}, /* النظام */
	{"other", WORD, "other"},
	{NULL, 0, NULL}};

static int is_word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* 1 when `needle` occurs in `text` as rule `where` asks. */
static int occurs(const char *text, const char *needle, int where)
{
	size_t n = strlen(needle);
	for (const char *p = strstr(text, needle); p; p = strstr(p + 1, needle)) {
		if (where == ANY)
			return 1;
		if (p > text && is_word_char(p[-1]))
			continue;
		if (where == WORD && is_word_char(p[n]))
			continue;
		return 1;
	}
	return 0;
}

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
		if (occurs(folded, r->needle, r->where))
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
