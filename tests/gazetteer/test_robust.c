/* test_robust.c — the geocoder on hostile and malformed text, on the
 * build-time gazetteer ($STRIKEMAP_GAZETTEER): empty and separator-only
 * strings, 10 kB strings, runs of apostrophes and possessives, invalid
 * UTF-8, lone Arabic preposition letters, more words than the parser
 * holds, diacritics and tatweel only, binary junk, and 20,000 random
 * mixes of real place names, type and context words and separators from
 * a fixed seed. Every answer must keep the contract of gazetteer/gaz.h:
 * GEO_OK, one of the three statuses, a resolved answer with a candidate
 * inside Syria, scores in 0..1, a NUL-terminated note, and the same
 * answer when asked twice. Meant to run under
 * AddressSanitizer/UBSan too (make test-asan). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>
#include <time.h>

#include "gazetteer/gaz.h"
#include "geo/incident.h"
#include "tests/test_util.h"

#include "tests/gazetteer/gaz_fixture.h"

/* Printable form of a test input for failure messages (bytes >= 0x80 and
 * controls as \xNN, at most ~300 characters). */
static const char *shown(const char *s)
{
	static char b[1300];
	size_t n = 0;
	for (const unsigned char *u = (const unsigned char *)s; *u && n + 5 < sizeof b; u++) {
		if (n > 1200) {
			memcpy(b + n, "...", 3);
			n += 3;
			break;
		}
		if (*u >= 0x20 && *u < 0x7F)
			b[n++] = (char)*u;
		else
			n += (size_t)snprintf(b + n, sizeof b - n, "\\x%02X", *u);
	}
	b[n] = '\0';
	return b;
}

static int in_syria(double lon, double lat)
{
	return isfinite(lon) && isfinite(lat) && lon >= 35.5 && lon <= 42.5 && lat >= 32.2 && lat <= 37.4;
}

/* Contract violations found so far (each printed; the first 30 in full):
 * a test fails at its end when any was found, so one run lists them all. */
static size_t bad;

#define BAD(...)                                   \
	do {                                           \
		if (bad++ < 30)                            \
			fprintf(stderr, __VA_ARGS__);          \
		return;                                    \
	} while (0)

static void expect_no_violation(void)
{
	if (bad)
		fprintf(stderr, "%zu contract violations\n", bad);
	size_t n = bad;
	bad = 0;
	assert_int_equal(n, 0);
}

/* Looks text up (twice) and checks the contract; the number of resolved
 * answers is counted in *resolved when given. */
static void check(const char *text, const char *gov, size_t *resolved)
{
	static struct geo_gaz_result r, r2;
	memset(&r, 0x5A, sizeof r);
	enum geo_status rc = geo_gaz_lookup(gaz, text, gov, &r);
	if (rc != GEO_OK)
		BAD("'%s': status %d\n", shown(text), (int)rc);
	if (!memchr(r.note, '\0', sizeof r.note))
		BAD("'%s': note not NUL-terminated\n", shown(text));
	int st_res = r.status && strcmp(r.status, GEO_GC_RESOLVED) == 0;
	int st_amb = r.status && strcmp(r.status, GEO_GC_AMBIGUOUS) == 0;
	int st_unr = r.status && strcmp(r.status, GEO_GC_UNRESOLVED) == 0;
	if (!st_res && !st_amb && !st_unr)
		BAD("'%s': status '%s'\n", shown(text), r.status ? r.status : "(null)");
	if (r.n > GEO_GAZ_MAX_CANDIDATES || (st_res && r.n < 1) || (st_amb && r.n < 2))
		BAD("'%s' (hint %s): %s with %zu candidates [%s]\n", shown(text), gov ? gov : "-",
		    r.status, r.n, r.note);
	for (size_t i = 0; i < r.n; i++) {
		const struct geo_gaz_candidate *c = &r.cand[i];
		if (!c->name || !c->kind || !c->precision_word || c->precision < 1 || c->precision > 3 ||
		    !isfinite(c->score) || c->score < 0 || c->score > 1 || !in_syria(c->lon, c->lat))
			BAD("'%s': %s, candidate %zu: %s %s precision %d score %g at %g,%g [%s]\n",
			    shown(text), r.status, i, c->name ? c->name : "(null)", c->pcode ? c->pcode : "-",
			    c->precision, c->score, c->lon, c->lat, r.note);
	}
	if (resolved)
		*resolved += (size_t)st_res;
	/* deterministic: nothing read that was not written */
	memset(&r2, 0xA5, sizeof r2);
	if (geo_gaz_lookup(gaz, text, gov, &r2) != GEO_OK)
		BAD("'%s': the second lookup failed\n", shown(text));
	int same = strcmp(r.status, r2.status) == 0 && r.n == r2.n && strcmp(r.note, r2.note) == 0;
	for (size_t i = 0; same && i < r.n; i++)
		same = r.cand[i].score == r2.cand[i].score && r.cand[i].lon == r2.cand[i].lon &&
		       r.cand[i].lat == r2.cand[i].lat && strcmp(r.cand[i].name, r2.cand[i].name) == 0;
	if (!same)
		BAD("'%s': two lookups differ: %s [%s] / %s [%s]\n", shown(text), r.status, r.note,
		    r2.status, r2.note);
}

/* text and every governorate hint of a few kinds, the text also as a hint */
static void check_all(const char *text)
{
	check(text, NULL, NULL);
	check(text, "", NULL);
	check(text, "Idlib", NULL);
	check(text, "SY02", NULL);
	check("Saraqeb", text, NULL);
}

static const char *const ODD[] = {
	"", " ", "  ", ",", ",,,", ",,, ,,, ,,,", " - ", " - - ", " - - - - ", "-", "--", "- -", "–", "—",
	" – ", " — ", "،", "،،،", "، ، ،", "(", ")", "()", "[]", "|||", "///", ";;;", "\n\n\n", "\t",
	/* apostrophes and possessives */
	"'", "''", "'''''''''''''", "'s", "'s ", " 's", "'s 's 's", "'s 's 's ", "s's's's", "abc's",
	"abc's ", "abc's 's 's ", "abc's,", "abc'sdef", "ab's ", "Idlib's", "Idlib's ", "Idlib's 's",
	"Idlib’s ", "Idlib’s", "Idlib’", "Idlib\xE2\x80", "Idlib\xE2", "Idlib'", "Hama's ,", "Hama's - ",
	"Hama's northern countryside's ", "Ra's", "Ra's al-Ain's ", "’s ’s ’s ", "’’’’", "’", "\xE2\x80\x99s",
	/* invalid UTF-8 */
	"\xD8", "\xD8\xD8", "\xD8 - ", "\xE2\x80", "\xE2", "Saraqeb \xE2", "Saraqeb \xD8", "\xFF\xFE\xFD",
	"\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\x80\x80\x80", "\xD8\x8C", "\xD8\x8C\xD8",
	"سراق\xD8", "\xD9", "\xD9\x88", "\xD8\xA8", "\xD8\xA8\xD8", "\xD8\xA8\xD8\xA7\xD9",
	/* lone Arabic prefix letters and prefixes on nothing */
	"ب", "و", "ل", "ف", "بال", "وال", "لل", "فال", "بالا", "ب ب ب", "بال بال بال", "وال وال",
	"بريف", "بريف ", "بمدينة", "بالغوطة", "ب،", "ب - ", "بب", "ببب", "بالال", "وبال",
	"في", "في في في", "ريف", "ريف ريف", "بريف بريف بريف", "مدينة", "مدينة مدينة", "حي",
	/* tatweel and diacritics only */
	"ـ", "ـــــ", "َ", "ًٌٍَُِّْ", "ـَـُـ", "بـــ", "ـال", "ا", "ال", "الـ",
	/* type and context words alone */
	"city", "city of", "of city", "the city of", "neighbourhood", "neighbourhood in city",
	"countryside", "northern countryside", "governorate", "rural", "suburbs", "nahiyah village",
	"in", "of in of", "northern", "north south east west", "Idlib governorate",
	"Hama's northern countryside", "Eastern Ghouta's Douma", "Aleppo's al-Shaar",
	"قنيطرة في ريف الحسكة", "قرية سراقب بريف إدلب الشرقي",
	/* control bytes */
	"\x01\x02\x03", "\x1B[31m", "\x7F",
	NULL,
};

static void test_odd_inputs(void **state)
{
	(void)state;
	for (size_t i = 0; ODD[i]; i++)
		check_all(ODD[i]);
	check(NULL, NULL, NULL);
	check(NULL, "Hama", NULL);
	expect_no_violation();
}

/* s repeated into a buffer of about `len` bytes */
static char *repeat(const char *s, size_t len)
{
	size_t l = strlen(s), k = 0;
	char *b = malloc(len + l + 1);
	if (!b)
		abort();
	while (k < len) {
		memcpy(b + k, s, l);
		k += l;
	}
	b[k] = '\0';
	return b;
}

static void test_long_inputs(void **state)
{
	(void)state;
	static const char *const units[] = {
		"a", "Idlib, ", "سراقب ", "بالغوطة ", "'s ", "abc's ", "Kafr ", "ب ", "ريف ", "بريف ",
		"city of ", "northern ", "kafr nabl ", "Ma'arrat ", " - ", ",", "،", "ـ", "\xD8", "\xE2\x80",
		"’s ", "x", "Saraqeb city, Idlib governorate; ", "في ", "neighbourhood in ", "(",
		NULL,
	};
	for (size_t i = 0; units[i]; i++) {
		char *b = repeat(units[i], 10000);
		check(b, NULL, NULL);
		check("Saraqeb", b, NULL);
		free(b);
	}
	/* a skeleton of letters each read several ways (z as d or t, d and t
	 * as z, g as jim): every variant of a 255-letter skeleton is looked
	 * up without overflowing (each key length up to the key's limit) */
	static const char *const dialect[] = {"zd", "zt", "dz", "zzg", "zg", "tdzg", NULL};
	for (size_t i = 0; dialect[i]; i++) {
		for (size_t len = 200; len < 300; len += 7) {
			char *b = repeat(dialect[i], len);
			b[len] = '\0';
			check(b, NULL, NULL);
			free(b);
		}
	}
	/* more words than the parser holds (64), with a prefix to strip at
	 * the end of the word array */
	char words[4096] = "";
	for (int i = 0; i < 70; i++)
		strcat(words, i % 2 ? "بالغوطة " : "بريف ");
	check(words, NULL, NULL);
	words[0] = '\0';
	for (int i = 0; i < 63; i++)
		strcat(words, "w ");
	strcat(words, "بالغوطة الشرقية");
	check(words, NULL, NULL);
	words[0] = '\0';
	for (int i = 0; i < 100; i++)
		strcat(words, i == 80 ? "Saraqeb " : "in ");
	check(words, NULL, NULL);
	/* a name after 1023 bytes of one segment, and a word longer than a
	 * phrase holds */
	char *b = repeat("x", 1100);
	size_t tn = strlen(b) + 64;
	char *t = malloc(tn);
	if (!t)
		abort();
	snprintf(t, tn, "Saraqeb %s Idlib", b);
	check(t, NULL, NULL);
	snprintf(t, tn, "%s Saraqeb, Idlib", b);
	check(t, NULL, NULL);
	free(t);
	free(b);
	expect_no_violation();
}

/* xorshift64*: a fixed sequence on every machine */
static uint64_t rng = 0x9E3779B97F4A7C15ULL;
static uint32_t next(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return (uint32_t)((rng * 0x2545F4914F6CDD1DULL) >> 32);
}

static const char *const WORDS[] = {
	/* places, Latin */
	"Saraqeb", "Idlib", "Kafr Nabl", "Douma", "Aleppo", "Hama", "Ra's al-Ain", "Deir ez-Zor",
	"Khan Shaykhun", "Jisr al-Shughur", "Eastern Ghouta", "Daraa", "Maarat al-Numan", "Jobar",
	"al-Shaar", "Tal Rifaat", "Manbij", "Qamishli", "Sweida", "Arbin", "Homs", "Latakia", "Qaboun",
	"Mzairib", "Deir Hafer", "Hawash", "Tal Khanzir", "Jableh", "Dumayr", "Salamiyah", "Midan",
	"Quneitra", "Raqqa", "Al-Bab", "Afrin", "Kafr Zita", "Latamneh", "Sukariyeh Kabira", "Djerud",
	"Alsafira", "Elbab", "Arbine", "Tall Shadadi",
	/* places, Arabic */
	"سراقب", "إدلب", "كفرنبل", "دوما", "حلب", "حماة", "الغوطة الشرقية", "معرة النعمان", "خان شيخون",
	"جسر الشغور", "درعا", "القنيطرة", "قنيطرة", "الحسكة", "عربين", "الميدان", "سراقيب", "قناطر",
	"تل خنزير", "سكرية كبيرة", "مريغل", "بنش", "دمشق", "حمص", "اللطامنة", "كفرزيتا", "جوبر",
	/* types, context, directions, prepositions */
	"city", "town", "village", "neighbourhood", "neighborhood", "countryside", "rural", "governorate",
	"province", "suburbs", "district", "sub-district", "nahiyah", "northern", "eastern", "southern",
	"western", "north", "in", "of", "near", "the", "east of", "ريف", "بريف", "مدينة", "بمدينة", "بلدة",
	"قرية", "حي", "في", "الشمالي", "الشرقي", "الجنوبي", "الغربي", "محافظة", "بالغوطة", "وال", "ب", "بال",
	"شمال", "جنوب", "منطقة", "ناحية",
	/* possessives and punctuation */
	"'s", "’s", "'", "’", ",", "،", "-", " - ", "–", "—", "(", ")", "/", ";", "|", "[", "]", "\n",
	"ـ", "َ", "ّ", "\"",
	NULL,
};

static void random_text(char *b, size_t cap)
{
	size_t nwords = 0;
	while (WORDS[nwords])
		nwords++;
	size_t k = 0, tokens = 1 + next() % (next() % 8 == 0 ? 90 : 12);
	b[0] = '\0';
	for (size_t t = 0; t < tokens; t++) {
		char tok[64];
		uint32_t r = next() % 100;
		if (r < 4) {
			/* a few random bytes, never NUL */
			size_t n = 1 + next() % 6;
			for (size_t i = 0; i < n; i++)
				tok[i] = (char)(1 + next() % 255);
			tok[n] = '\0';
		} else if (r < 8) {
			/* a word cut in the middle of a character */
			const char *w = WORDS[next() % nwords];
			size_t n = strlen(w);
			n = n > 1 ? 1 + next() % (n - 1) : n;
			memcpy(tok, w, n);
			tok[n] = '\0';
		} else {
			snprintf(tok, sizeof tok, "%s", WORDS[next() % nwords]);
		}
		const char *sep = next() % 5 == 0 ? "" : " ";
		size_t n = strlen(tok) + strlen(sep);
		if (k + n + 1 >= cap)
			break;
		memcpy(b + k, sep, strlen(sep));
		k += strlen(sep);
		memcpy(b + k, tok, strlen(tok));
		k += strlen(tok);
		b[k] = '\0';
	}
}

static void test_random_mixes(void **state)
{
	(void)state;
	char b[4096];
	size_t resolved = 0, total = 20000;
	clock_t t0 = clock();
	double worst = 0;
	for (size_t i = 0; i < total; i++) {
		random_text(b, sizeof b);
		clock_t t1 = clock();
		/* one in ten with a governorate hint from the words too */
		if (i % 10 == 0) {
			char h[64];
			snprintf(h, sizeof h, "%s", WORDS[next() % 40]);
			check(b, h, &resolved);
		} else {
			check(b, NULL, &resolved);
		}
		double dt = (double)(clock() - t1) / CLOCKS_PER_SEC;
		if (dt > worst)
			worst = dt;
		/* no input may take long (two lookups; generous for sanitizers) */
		if (dt > 5.0 && bad++ < 30)
			fprintf(stderr, "'%s': %.1f s\n", shown(b), dt);
	}
	double all = (double)(clock() - t0) / CLOCKS_PER_SEC;
	fprintf(stderr, "random mixes: %zu of %zu resolved; %.1f s, slowest %.3f s\n", resolved, total,
	        all, worst);
	/* the mixes hold real names: some must resolve, not all */
	assert_true(resolved > total / 10);
	assert_true(resolved < total);
	expect_no_violation();
}

/* random bytes only (no NUL), as text and as the governorate hint */
static void test_binary_junk(void **state)
{
	(void)state;
	char b[2048];
	for (int i = 0; i < 300; i++) {
		size_t n = 1 + next() % (sizeof b - 1);
		for (size_t k = 0; k < n; k++)
			b[k] = (char)(1 + next() % 255);
		b[n] = '\0';
		check(b, NULL, NULL);
		if (i % 20 == 0)
			check("Saraqeb", b, NULL);
	}
	expect_no_violation();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_odd_inputs),
		cmocka_unit_test(test_long_inputs),
		cmocka_unit_test(test_random_mixes),
		cmocka_unit_test(test_binary_junk),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
