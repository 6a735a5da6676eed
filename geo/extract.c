/* extract.c — draft incidents from a narrative report (see extract.h).
 *
 * Assumes the layout of the SNHR monthly reports: one paragraph per line,
 * blank lines between, section headings ("A. Acts of killing", "B.
 * Targeting ...", "- Russian forces", "- Ambulances", "Civil defense
 * facilities"), incidents introduced by a full date with its weekday
 * ("Saturday, January 6, 2018, around 14:00, ..."), Markdown link
 * remnants ("[Hamouriya](#)"), footnotes marked with superscript digits and
 * paragraphs broken across pages. The rules below are deliberately plain
 * string rules: each one is named in the `review` attribute when it had to
 * guess, so a person checks exactly those rows. */
#include "geo/extract.h"
#include "geo/buf.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_FIELD 512

enum mode { MODE_NONE, MODE_KILL, MODE_ATTACK };

struct para {
	char *text; /* cleaned, owned */
	long line;  /* first physical line (1-based) */
};

struct state {
	geo_ctx *ctx;
	const char *name;     /* report file name (for sources) */
	char prefix[64];      /* id prefix */
	int seq;              /* id counter */
	enum mode mode;
	char heading_perp[64];
	char heading_type[32];
	struct geo_incident_list *out;
};

static const char *const WEEKDAYS[] = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                       "Friday", "Saturday", "Sunday", NULL};
static const char *const MONTHS[] = {"January", "February", "March", "April", "May", "June",
                                     "July", "August", "September", "October", "November",
                                     "December", NULL};

/* ---- text cleaning ------------------------------------------------------ */

/* Copy `s` with Markdown links "[x](...)" reduced to x, typographic quotes
 * to ASCII, and runs of spaces collapsed. Caller frees. */
static char *clean_text(const char *s, size_t n)
{
	geo_buf b;
	geo_buf_init(&b, 0);
	for (size_t i = 0; i < n;) {
		const unsigned char *p = (const unsigned char *)s + i;
		enum geo_status st = GEO_OK;
		if (*p == '[') { /* drop the bracket; the "(#)" or "(url)" after "]" too */
			i++;
			continue;
		}
		if (*p == ']' && i + 1 < n && p[1] == '(') {
			const char *close = memchr(s + i, ')', n - i);
			i = close ? (size_t)(close - s) + 1 : i + 1;
			continue;
		}
		if (*p == 0xE2 && i + 2 < n && p[1] == 0x80 &&
		    (p[2] == 0x98 || p[2] == 0x99)) { /* ‘ ’ */
			st = geo_buf_addc(&b, '\'');
			i += 3;
		} else if (*p == 0xE2 && i + 2 < n && p[1] == 0x80 && (p[2] == 0x9C || p[2] == 0x9D)) {
			st = geo_buf_addc(&b, '"'); /* “ ” */
			i += 3;
		} else if (*p == 0xE2 && i + 2 < n && p[1] == 0x80 && (p[2] == 0x93 || p[2] == 0x94)) {
			st = geo_buf_addc(&b, '-'); /* – — */
			i += 3;
		} else if (*p == '*') { /* bold markers */
			i++;
		} else if (isspace(*p)) {
			if (b.len && geo_buf_str(&b)[b.len - 1] != ' ')
				st = geo_buf_addc(&b, ' ');
			i++;
		} else {
			st = geo_buf_addc(&b, (char)*p);
			i++;
		}
		if (st != GEO_OK) {
			geo_buf_free(&b);
			return NULL;
		}
	}
	while (b.len && b.data[b.len - 1] == ' ')
		b.data[--b.len] = '\0';
	return geo_buf_take(&b);
}

/* Footnote lines start with a superscript digit (¹ ² ³ or U+2070..2079). */
static int is_footnote(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	return (p[0] == 0xC2 && (p[1] == 0xB9 || p[1] == 0xB2 || p[1] == 0xB3)) ||
	       (p[0] == 0xE2 && p[1] == 0x81 && p[2] >= 0xB0 && p[2] <= 0xB9);
}

static int starts_with_weekday(const char *s)
{
	for (int i = 0; WEEKDAYS[i]; i++)
		if (strncmp(s, WEEKDAYS[i], strlen(WEEKDAYS[i])) == 0)
			return 1;
	return 0;
}

static int ends_sentence(const char *s)
{
	size_t n = strlen(s);
	return n && strchr(".:!?\")", s[n - 1]) != NULL;
}

/* ---- small string helpers ------------------------------------------------ */

static const char *find_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return hay;
	return NULL;
}

static int is_word_byte(unsigned char c)
{
	return isalnum(c) || c == '\'' || c == '`' || c >= 0x80 || c == '-';
}

/* Parse "<Weekday>[ word], <Month> <D>, <YYYY>" at or after `from`; on
 * success writes "YYYY-MM-DD" and returns a pointer just past the year,
 * with *start at the weekday. */
static const char *find_date(const char *from, char date[11], const char **start)
{
	for (const char *p = from; *p; p++) {
		for (int w = 0; WEEKDAYS[w]; w++) {
			size_t wl = strlen(WEEKDAYS[w]);
			const char *q;
			if (strncmp(p, WEEKDAYS[w], wl) != 0 || (p > from && isalpha((unsigned char)p[-1])))
				continue;
			q = p + wl;
			/* optional one word: "Wednesday noon", "Wednesday dawn" */
			if (*q == ' ' && islower((unsigned char)q[1])) {
				q++;
				while (isalpha((unsigned char)*q))
					q++;
			}
			if (*q != ',')
				continue;
			q++;
			while (*q == ' ')
				q++;
			for (int m = 0; MONTHS[m]; m++) {
				size_t ml = strlen(MONTHS[m]);
				int d = 0, y = 0, nd = 0, ny = 0;
				const char *r;
				if (strncmp(q, MONTHS[m], ml) != 0 || q[ml] != ' ')
					continue;
				r = q + ml + 1;
				while (isdigit((unsigned char)*r) && nd < 2)
					d = d * 10 + (*r++ - '0'), nd++;
				if (!nd || *r != ',')
					break;
				r++;
				while (*r == ' ')
					r++;
				while (isdigit((unsigned char)*r) && ny < 4)
					y = y * 10 + (*r++ - '0'), ny++;
				if (ny != 4 || d < 1 || d > 31)
					break;
				char tmp[40];
				snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, m + 1, d);
				memcpy(date, tmp, 10);
				date[10] = '\0';
				*start = p;
				return r;
			}
		}
	}
	return NULL;
}

/* The word of the date phrase after the weekday ("noon", "dawn"), if any. */
static void date_daypart(const char *start, char *out, size_t outsz)
{
	const char *q = start;
	out[0] = '\0';
	while (isalpha((unsigned char)*q))
		q++;
	if (*q == ' ' && islower((unsigned char)q[1])) {
		size_t n = 0;
		q++;
		while (isalpha((unsigned char)q[n]) && n + 1 < outsz)
			n++;
		memcpy(out, q, n);
		out[n] = '\0';
	}
}

/* "around HH:MM" within a few characters after the date. */
static int find_time(const char *after, char out[6])
{
	const char *a = strstr(after, "around ");
	if (!a || a - after > 4)
		return 0;
	a += 7;
	if (isdigit((unsigned char)a[0]) && isdigit((unsigned char)a[1]) && a[2] == ':' &&
	    isdigit((unsigned char)a[3]) && isdigit((unsigned char)a[4])) {
		memcpy(out, a, 5);
		out[5] = '\0';
		return 1;
	}
	return 0;
}

/* Is the '.' at `dot` the end of an abbreviation ("Dr.", "Mr.", "No.")? */
static int is_abbrev(const char *text, const char *dot)
{
	static const char *const abbr[] = {"Dr", "Mr", "Ms", "St", "No", "Mrs", NULL};
	for (int i = 0; abbr[i]; i++) {
		size_t n = strlen(abbr[i]);
		if (dot - text >= (long)n && !strncmp(dot - n, abbr[i], n) &&
		    (dot - text == (long)n || !isalpha((unsigned char)dot[-(long)n - 1])))
			return 1;
	}
	return 0;
}

/* End of the sentence that contains `p` (the final '.', or the NUL). */
static const char *sentence_end_in(const char *text, const char *p)
{
	for (; *p; p++)
		if (*p == '.' && (p[1] == ' ' || p[1] == '\0') && !is_abbrev(text, p))
			return p;
	return p;
}

/* Start of the sentence that contains `p`. */
static const char *sentence_start(const char *text, const char *p)
{
	for (const char *s = p; s > text + 1; s--)
		if (s[-1] == ' ' && s[-2] == '.' && !is_abbrev(text, s - 2))
			return s;
	return text;
}

/* ---- places -------------------------------------------------------------- */

static const char *const PLACE_WORDS[] = {"city", "town", "village", "county", "neighborhood",
                                          "neighbourhood", "camp", "district", NULL};
/* lower-case words that may sit inside a place name */
static const char *const PARTICLES[] = {"al", "el", "ar", "ash", "ad", "az", "um", "umm",
                                        "abu", "bin", "bani", NULL};
static const char *const CONTEXT_WORDS[] = {"suburbs", "ghouta", "governorate", "countryside",
                                            "outskirts", "city", "town", "province", NULL};

static int word_in(const char *w, size_t n, const char *const *list)
{
	for (int i = 0; list[i]; i++)
		if (strlen(list[i]) == n && strncasecmp(w, list[i], n) == 0)
			return 1;
	return 0;
}

/* Walk back from `end` (exclusive) over a name: capitalised words and
 * particles. Returns the start, or `end` when there is no name. */
static const char *name_before(const char *text, const char *end, int allow_and)
{
	const char *start = end;
	const char *p = end;
	while (p > text) {
		const char *we = p;
		while (we > text && we[-1] == ' ')
			we--;
		const char *ws = we;
		while (ws > text && is_word_byte((unsigned char)ws[-1]))
			ws--;
		size_t n = (size_t)(we - ws);
		if (n == 0)
			break;
		unsigned char c = (unsigned char)ws[0];
		if (isupper(c) || c >= 0x80 || isdigit(c)) {
			start = ws;
		} else if (word_in(ws, n, PARTICLES) || (allow_and && n == 3 && !strncmp(ws, "and", 3))) {
			/* a particle belongs to the name only if a capitalised word precedes it
			 * or follows it directly ("al Dana", "Kafr al Sheikh") */
			if (start == end)
				break;
			start = ws;
		} else {
			break;
		}
		p = ws;
	}
	/* a trailing "and" or particle at the very start is not part of the name */
	while (start < end && (strncmp(start, "and ", 4) == 0))
		start += 4;
	return start;
}

/* Does the place mention at [s, e) sit after "from " or "stationed in "? */
static int excluded_mention(const char *text, const char *s)
{
	static const char *const bad[] = {"from ", "stationed in ", "from the ", "born in ", NULL};
	for (int i = 0; bad[i]; i++) {
		size_t n = strlen(bad[i]);
		if (s - text >= (long)n && strncmp(s - n, bad[i], n) == 0)
			return 1;
	}
	return 0;
}

/* Append the comma-separated context after a place mention ("Eastern
 * Ghouta, eastern Damascus suburbs governorate"). */
static void add_context(const char *p, const char *limit, char *out, size_t outsz)
{
	for (int seg = 0; seg < 3 && p < limit && *p == ','; seg++) {
		const char *s = p + 1, *e;
		while (*s == ' ')
			s++;
		e = s;
		while (e < limit && *e != ',' && !(*e == '.' && (e[1] == ' ' || !e[1])))
			e++;
		/* a context segment names a region; it does not start a clause */
		size_t n = (size_t)(e - s);
		int ok = 0;
		for (const char *w = s; w < e;) {
			const char *we = w;
			while (we < e && is_word_byte((unsigned char)*we))
				we++;
			if (word_in(w, (size_t)(we - w), CONTEXT_WORDS))
				ok = 1;
			w = we < e ? we + 1 : e;
		}
		if (!ok || n == 0 || !strncmp(s, "as ", 3) || !strncmp(s, "which", 5) ||
		    !strncmp(s, "while", 5) || !strncmp(s, "born", 4) || !strncmp(s, "works", 5))
			break;
		const char *gov = find_ci(s, " governorate");
		int last = 0;
		if (gov && gov < e) { /* "... suburbs governorate as he was ..." ends here */
			n = (size_t)(gov + 12 - s);
			last = 1;
		}
		size_t len = strlen(out);
		if (len + n + 3 >= outsz)
			break;
		snprintf(out + len, outsz - len, ", %.*s", (int)n, s);
		if (last)
			break;
		p = e;
	}
}

/* The first place mention in [from, limit): "<Name> <city|town|...>" plus
 * its context, skipping hometowns ("from X") and gun positions
 * ("stationed in X"). Returns 1 when found. */
static int find_place(const char *text, const char *from, const char *limit, char *out,
                      size_t outsz, int *relative)
{
	for (const char *p = from; p < limit; p++) {
		if (p > text && is_word_byte((unsigned char)p[-1]))
			continue;
		const char *we = p;
		while (we < limit && is_word_byte((unsigned char)*we))
			we++;
		size_t n = (size_t)(we - p);
		if (!n || !word_in(p, n, PLACE_WORDS) || p - text < 2 || p[-1] != ' ')
			continue;
		const char *ns = name_before(text, p - 1, 0);
		if (ns >= p - 1 || excluded_mention(text, ns))
			continue;
		snprintf(out, outsz, "%.*s", (int)(we - ns), ns);
		add_context(we, limit, out, outsz);
		/* "located to the east of X town": the strike was near X, not in it */
		if (relative) {
			static const char *const rel[] = {"east of ", "west of ", "north of ", "south of ",
			                                  "near ", "outskirts of ", NULL};
			*relative = 0;
			for (int i = 0; rel[i]; i++) {
				size_t rl = strlen(rel[i]);
				if (ns - text >= (long)rl && !strncmp(ns - rl, rel[i], rl))
					*relative = 1;
			}
		}
		return 1;
	}
	return 0;
}

/* "suburbs of Idlib governorate", "suburbs of Aleppo", "Damascus suburbs
 * governorate", "Idlib governorate" -> the governorate's name. */
static int find_governorate(const char *text, char *out, size_t outsz)
{
	/* 1. "suburbs of X governorate" and "X governorate" */
	for (const char *p = strstr(text, " governorate"); p; p = strstr(p + 1, " governorate")) {
		const char *s = p;
		while (s > text && is_word_byte((unsigned char)s[-1]))
			s--;
		if (s == p || !isupper((unsigned char)*s))
			continue;
		/* "eastern Damascus suburbs governorate": Rural Damascus */
		if (p - s == 7 && !strncmp(s, "suburbs", 7)) {
			const char *e2 = s - 1, *s2 = e2;
			while (s2 > text && is_word_byte((unsigned char)s2[-1]))
				s2--;
			snprintf(out, outsz, "%.*s suburbs", (int)(e2 - s2), s2);
			return 1;
		}
		snprintf(out, outsz, "%.*s", (int)(p - s), s);
		return 1;
	}
	for (const char *p = strstr(text, " suburbs governorate"); p;) {
		const char *e = p, *s = p;
		while (s > text && is_word_byte((unsigned char)s[-1]))
			s--;
		if (s < e && isupper((unsigned char)*s)) {
			snprintf(out, outsz, "%.*s suburbs", (int)(e - s), s);
			return 1;
		}
		break;
	}
	/* 2. "suburbs of X" where X is not itself a city or town */
	for (const char *p = strstr(text, "suburbs of "); p; p = strstr(p + 1, "suburbs of ")) {
		const char *s = p + 11, *e = s;
		while (is_word_byte((unsigned char)*e))
			e++;
		if (e == s || !isupper((unsigned char)*s))
			continue;
		if (!strncmp(e, " city", 5) || !strncmp(e, " town", 5) || !strncmp(e, " village", 8))
			continue;
		snprintf(out, outsz, "%.*s", (int)(e - s), s);
		return 1;
	}
	return 0;
}

/* ---- facilities -------------------------------------------------------- */

static const char *const FACILITY_NOUNS[] = {"Hospital", "hospital", "Center", "center",
                                             "Clinic", "clinic", "Dispensary", "dispensary",
                                             "Red Crescent", "Complex", NULL};

/* The first named facility in [from, limit): the name before a facility
 * noun, with a civil-defence centre number when present. Generic names
 * ("the only medical center") set *generic. */
static int find_facility(const char *text, const char *from, const char *limit, char *out,
                         size_t outsz, int *generic)
{
	const char *best = NULL, *best_s = NULL, *best_e = NULL;
	*generic = 0;
	for (int i = 0; FACILITY_NOUNS[i]; i++) {
		size_t nl = strlen(FACILITY_NOUNS[i]);
		for (const char *p = from; p && p < limit; p = strstr(p + 1, FACILITY_NOUNS[i])) {
			if (strncmp(p, FACILITY_NOUNS[i], nl) != 0 || p + nl > limit)
				continue;
			if (p > text && is_word_byte((unsigned char)p[-1]))
				continue;
			const char *e = p + nl;
			/* "center 200", "center 3332" */
			if (e[0] == ' ' && isdigit((unsigned char)e[1])) {
				e++;
				while (isdigit((unsigned char)*e))
					e++;
			}
			if (best && p >= best)
				break;
			best = p;
			best_s = p;
			best_e = e;
		}
	}
	if (!best)
		return 0;
	const char *ns = name_before(text, best - 1 >= text ? best - 1 : best, 1);
	if (ns < best - 1) {
		/* "the Martyr Martyr Hasan ..." repeats a word from a link label */
		if (!strncmp(ns, "Martyr Martyr ", 14))
			ns += 7;
		best_s = ns;
	} else {
		/* one lower-case qualifier: "civil defense center", "mental hospital" */
		const char *we = best - 1, *ws;
		while (we > text && we[-1] == ' ')
			we--;
		ws = we;
		while (ws > text && is_word_byte((unsigned char)ws[-1]))
			ws--;
		int numbered = isdigit((unsigned char)best_e[-1]);
		if (ws < we && !word_in(ws, (size_t)(we - ws), (const char *const[]){"only", "a", "an", "the", "main", "local", "its", "to", "at", "in", "of", NULL})) {
			best_s = ws;
			/* "civil defense's center", "civil defense' center" */
			if (ws - text >= 6 && !strncmp(ws, "defense", 7))
				best_s = ws - 6;
			/* a descriptive name ("mental hospital") names one facility in
			 * its town; "medical center" or an unnumbered civil-defence
			 * centre does not */
			*generic = !numbered && (word_in(ws, (size_t)(we - ws), (const char *const[]){"medical", "field", "defense'", "defense's", "defense", NULL}));
		} else {
			*generic = !numbered;
		}
	}
	snprintf(out, outsz, "%.*s", (int)(best_e - best_s), best_s);
	/* normalise "defense's center"/"defense' center" to "defense center" */
	char *apos = strstr(out, "defense'");
	if (apos) {
		char *q = apos + 7;
		size_t skip = q[1] == 's' ? 2 : 1;
		memmove(q, q + skip, strlen(q + skip) + 1);
	}
	return 1;
}

/* "known as <Name Hospital>" -> alias. */
static int find_alias(const char *from, const char *limit, char *out, size_t outsz)
{
	const char *k = strstr(from, "known as ");
	if (!k || k >= limit)
		return 0;
	k += 9;
	if (!strncmp(k, "the ", 4))
		k += 4;
	const char *e = k;
	while (e < limit && *e != ',' && *e != '.' && *e != '(')
		e++;
	while (e > k && e[-1] == ' ')
		e--;
	if (e == k)
		return 0;
	snprintf(out, outsz, "%.*s", (int)(e - k), k);
	return 1;
}

/* ---- perpetrators, weapons, damage ------------------------------------- */

static const char *perpetrator_in(const char *s, const char *e)
{
	char buf[4096];
	snprintf(buf, sizeof buf, "%.*s", (int)(e - s), s);
	if (strstr(buf, "Syrian/Russian"))
		return "Syrian/Russian regime forces";
	if (strstr(buf, "haven't been able to identify") || strstr(buf, "couldn't identify") ||
	    strstr(buf, "unable to identify"))
		return "unidentified";
	if (strstr(buf, "Russian"))
		return "Russian forces";
	if (strstr(buf, "Syrian regime forces") || strstr(buf, "regime forces"))
		return "Syrian regime forces";
	if (strstr(buf, "ISIS"))
		return "ISIS";
	if (strstr(buf, "Self-Management forces"))
		return "Self-Management forces";
	if (strstr(buf, "Turkish"))
		return "Turkish army";
	if (strstr(buf, "coalition"))
		return "International coalition";
	return NULL;
}

static void weapon_in(const char *s, const char *e, char *out, size_t outsz)
{
	static const struct { const char *needle, *word; } w[] = {
		{"barrel bomb", "barrel bombs"},
		{"fixed-wing", "fixed-wing warplanes"},
		{"helicopter", "helicopters"},
		{"missile", "missiles"},
		{"airstrike", "airstrikes"},
		{"mortar", "mortar shells"},
		{"artillery", "artillery"},
		{"Shilka", "SPAAG (Shilka)"},
		{"rocket launcher", "rocket launchers"},
		{"IED", "IED"},
		{"car bomb", "car bomb"},
		{NULL, NULL}};
	char buf[4096];
	snprintf(buf, sizeof buf, "%.*s", (int)(e - s), s);
	out[0] = '\0';
	for (int i = 0; w[i].needle; i++) {
		if (!strstr(buf, w[i].needle))
			continue;
		size_t len = strlen(out);
		snprintf(out + len, outsz - len, "%s%s", len ? ", " : "", w[i].word);
	}
}

static const char *damage_in(const char *text)
{
	static const char *const d[] = {"heavily destroyed", "completely destroyed",
	                                 "partially destroyed", "heavily damaged",
	                                 "moderately damaged", "slightly damaged", "destroyed",
	                                 "damaged", NULL};
	for (int i = 0; d[i]; i++)
		if (strstr(text, d[i]))
			return d[i];
	return NULL;
}

static int control_in(const char *text, char *out, size_t outsz)
{
	const char *p = strstr(text, "control of ");
	if (!p)
		return 0;
	p += 11;
	const char *e = strstr(p, " at the time");
	const char *dot = strchr(p, '.');
	if (!e || (dot && dot < e))
		e = dot ? dot : p + strlen(p);
	snprintf(out, outsz, "%.*s", (int)(e - p), p);
	return 1;
}

/* Textual evidence of a sequence, kept verbatim in the notes. */
static void evidence_in(const char *text, geo_buf *notes)
{
	static const char *const ev[] = {"tending to the wounded from a previous",
	                                 "tending to wounded from a previous",
	                                 "scouting the site of a previous", "receiving the victims",
	                                 "double-strike", "the third attack", "the second attack",
	                                 "resulted in a massacre", "resulted in casualties", NULL};
	for (int i = 0; ev[i]; i++) {
		const char *p = strstr(text, ev[i]);
		if (!p)
			continue;
		const char *e = p;
		while (*e && *e != ',' && *e != '.')
			e++;
		if (geo_buf_addf(notes, "%s%.*s", notes->len ? "; " : "", (int)(e - p), p) != GEO_OK)
			return;
	}
}

/* ---- rows ----------------------------------------------------------------- */

static enum geo_status set(geo_ctx *ctx, char **field, const char *v)
{
	if (geo_incident_set(field, v && *v ? v : NULL) != GEO_OK)
		return GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory extracting incidents");
	return GEO_OK;
}

static const char *type_for(const struct state *S, const char *sentence, const char *fac)
{
	if (S->mode == MODE_ATTACK && S->heading_type[0]) {
		if (!strcmp(S->heading_type, "medical")) {
			if (fac && (find_ci(fac, "hospital")))
				return "hospital";
			return "medical_point";
		}
		return S->heading_type;
	}
	if (strstr(sentence, "Red Crescent"))
		return "red_crescent";
	if (strstr(sentence, "civil defense") || strstr(sentence, "Civil Defense"))
		return "civil_defense";
	if (strstr(sentence, "ambulance"))
		return "ambulance";
	if (find_ci(sentence, "hospital"))
		return "hospital";
	if (strstr(sentence, "medical center") || strstr(sentence, "medical point") ||
	    strstr(sentence, "clinic") || strstr(sentence, "dispensary"))
		return "medical_point";
	return "other";
}

static enum geo_status add_row(struct state *S, const struct para *P, const char *date,
                               const char *time, const char *place, const char *gov,
                               const char *fac, int fac_generic, const char *alias,
                               const char *type, const char *perp, int perp_from_heading,
                               const char *weapon, int killed, int injured, const char *damage,
                               const char *control, const char *notes, const char *event,
                               const char *mentioned_in, int relative, char id_out[96])
{
	geo_ctx *ctx = S->ctx;
	struct geo_incident *inc = geo_incident_list_push(S->out);
	char id[96], src[600];
	geo_buf review;
	enum geo_status st = GEO_OK;
	if (!inc)
		return GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory extracting incidents");
	geo_buf_init(&review, 4096);
	snprintf(id, sizeof id, "%s-%03d", S->prefix, ++S->seq);
	if (id_out)
		snprintf(id_out, 96, "%s", id);
	snprintf(src, sizeof src, "%s:%ld", S->name, P->line);
	if ((st = set(ctx, &inc->id, id)) || (st = set(ctx, &inc->date, date)) ||
	    (st = set(ctx, &inc->time, time)) || (st = set(ctx, &inc->date_precision, "day")) ||
	    (st = set(ctx, &inc->place_text, place)) || (st = set(ctx, &inc->governorate, gov)) ||
	    (st = set(ctx, &inc->facility_name, fac_generic ? NULL : fac)) ||
	    (st = set(ctx, &inc->facility_type, type)) || (st = set(ctx, &inc->perpetrator, perp)) ||
	    (st = set(ctx, &inc->weapon, weapon)) || (st = set(ctx, &inc->damage, damage)) ||
	    (st = set(ctx, &inc->control, control)) || (st = set(ctx, &inc->source, src)) ||
	    (st = set(ctx, &inc->notes, notes)) || (st = set(ctx, &inc->source_file, S->name)))
		goto out;
	inc->source_line = P->line;
	inc->killed = killed;
	inc->injured = injured;
	if (!place || !*place)
		st = geo_buf_adds(&review, "no place found; ");
	if (st == GEO_OK && (!gov || !*gov))
		st = geo_buf_adds(&review, "no governorate found; ");
	if (st == GEO_OK && fac_generic && fac)
		st = geo_buf_addf(&review, "unnamed facility (\"%s\"); ", fac);
	if (st == GEO_OK && perp_from_heading)
		st = geo_buf_adds(&review, "perpetrator from the section heading; ");
	if (st == GEO_OK && !perp)
		st = geo_buf_adds(&review, "no perpetrator found; ");
	if (st == GEO_OK && mentioned_in)
		st = geo_buf_adds(&review, "earlier attack mentioned in another paragraph; ");
	if (st == GEO_OK && relative)
		st = geo_buf_adds(&review, "the report places it near or outside the named town; ");
	if (st != GEO_OK) {
		st = GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory extracting incidents");
		goto out;
	}
	if (review.len >= 2)
		review.data[review.len -= 2] = '\0';
	if (geo_incident_add_attr(inc, "event", event) ||
	    (alias && geo_incident_add_attr(inc, "facility_alias", alias)) ||
	    (fac_generic && fac && geo_incident_add_attr(inc, "facility_description", fac)) ||
	    (mentioned_in && geo_incident_add_attr(inc, "mentioned_in", mentioned_in)) ||
	    geo_incident_add_attr(inc, "review", review.len ? geo_buf_str(&review) : NULL))
		st = GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory extracting incidents");
out:
	geo_buf_free(&review);
	return st;
}

/* A paragraph under "A. Acts of killing": one person killed. */
static enum geo_status do_killing(struct state *S, const struct para *P)
{
	const char *t = P->text, *killed = strstr(t, "killed"), *dstart, *after;
	char date[11], time[6] = "", place[MAX_FIELD] = "", gov[128] = "", fac[256] = "",
	     weapon[256], control[256] = "", daypart[32];
	int generic = 0, relative = 0;
	const char *perp;
	geo_buf notes;
	enum geo_status st;
	if (!killed)
		return GEO_OK;
	after = find_date(sentence_start(t, killed), date, &dstart);
	if (!after)
		return GEO_OK;
	find_time(after, time);
	date_daypart(dstart, daypart, sizeof daypart);
	const char *ss = sentence_start(t, killed), *se = sentence_end_in(t, killed);
	find_place(t, killed < dstart ? killed : dstart, se, place, sizeof place, &relative);
	find_governorate(t, gov, sizeof gov);
	/* the victim's workplace is the facility (killings are counted by it) */
	const char *works = strstr(t, "works ");
	if (works)
		find_facility(t, works, sentence_end_in(t, works), fac, sizeof fac, &generic);
	perp = perpetrator_in(ss, se);
	weapon_in(ss, se, weapon, sizeof weapon);
	control_in(t, control, sizeof control);
	geo_buf_init(&notes, 4096);
	if (geo_buf_adds(&notes, "killing of medical or civil-defence personnel") != GEO_OK) {
		geo_buf_free(&notes);
		return GEO_ERROR(S->ctx, GEO_ERR_NOMEM, "out of memory extracting incidents");
	}
	evidence_in(t, &notes);
	if (daypart[0] && geo_buf_addf(&notes, "; time of day: %s", daypart) != GEO_OK) {
		geo_buf_free(&notes);
		return GEO_ERROR(S->ctx, GEO_ERR_NOMEM, "out of memory extracting incidents");
	}
	st = add_row(S, P, date, time, place, gov, fac[0] ? fac : NULL, generic, NULL,
	             type_for(S, t, fac), perp ? perp : (S->heading_perp[0] ? S->heading_perp : NULL),
	             !perp && S->heading_perp[0], weapon, 1, -1, NULL, control, geo_buf_str(&notes),
	             "killing", NULL, relative, NULL);
	geo_buf_free(&notes);
	return st;
}

static int count_phrase(const char *s, const char *e, const char *needle)
{
	char buf[4096];
	snprintf(buf, sizeof buf, "%.*s", (int)(e - s), s);
	return strstr(buf, needle) != NULL;
}

/* A paragraph under "B. Targeting ...": an attack on a facility, plus any
 * earlier dated attack on the same facility that it mentions. */
static enum geo_status do_attack(struct state *S, const struct para *P)
{
	const char *t = P->text, *dstart, *after;
	char date[11], time[6] = "", place[MAX_FIELD] = "", gov[128] = "", fac[256] = "",
	     alias[256] = "", weapon[256], control[256] = "", daypart[32], id[96];
	int generic = 0, killed = -1, injured = -1, relative = 0;
	const char *perp, *type;
	geo_buf notes;
	enum geo_status st = GEO_OK;
	if (!starts_with_weekday(t))
		return GEO_OK;
	after = find_date(t, date, &dstart);
	if (!after || dstart != t)
		return GEO_OK;
	find_time(after, time);
	date_daypart(dstart, daypart, sizeof daypart);
	const char *se = sentence_end_in(t, after);
	find_place(t, after, se, place, sizeof place, &relative);
	if (!place[0]) /* e.g. "... in front of X, in Y town" split over two sentences */
		find_place(t, after, t + strlen(t), place, sizeof place, &relative);
	find_governorate(t, gov, sizeof gov);
	find_facility(t, after, se, fac, sizeof fac, &generic);
	find_alias(after, se, alias, sizeof alias);
	type = type_for(S, t, fac);
	perp = perpetrator_in(t, t + strlen(t) > se + 400 ? se + 400 : t + strlen(t));
	if (!perp || strcmp(perp, "unidentified") != 0) {
		const char *p1 = perpetrator_in(t, se);
		if (p1)
			perp = p1;
	}
	weapon_in(t, se, weapon, sizeof weapon);
	control_in(t, control, sizeof control);
	if (count_phrase(t, t + strlen(t), "was killed"))
		killed = 1;
	if (count_phrase(t, t + strlen(t), "was wounded"))
		injured = 1;
	geo_buf_init(&notes, 4096);
	if (geo_buf_adds(&notes, "attack on a facility") != GEO_OK)
		st = GEO_ERR_NOMEM;
	evidence_in(t, &notes);
	if (st == GEO_OK && daypart[0])
		st = geo_buf_addf(&notes, "; time of day: %s", daypart);
	if (st != GEO_OK) {
		geo_buf_free(&notes);
		return GEO_ERROR(S->ctx, GEO_ERR_NOMEM, "out of memory extracting incidents");
	}
	st = add_row(S, P, date, time, place, gov, fac[0] ? fac : NULL, generic,
	             alias[0] ? alias : NULL, type,
	             perp ? perp : (S->heading_perp[0] ? S->heading_perp : NULL),
	             !perp && S->heading_perp[0], weapon, killed, injured, damage_in(t), control,
	             geo_buf_str(&notes), "attack", NULL, relative, id);
	geo_buf_free(&notes);
	if (st != GEO_OK)
		return st;

	/* earlier attacks on the same facility, dated in a later sentence */
	const char *main_perp = perp ? perp : S->heading_perp;
	for (const char *p = se; (p = find_date(p, date, &dstart)) != NULL;) {
		const char *ss = sentence_start(t, dstart), *e2 = sentence_end_in(t, dstart);
		char w2[256], note2[160];
		if (!count_phrase(ss, e2, "damaged") && !count_phrase(ss, e2, "targeted") &&
		    !count_phrase(ss, e2, "airstrike") && !count_phrase(ss, e2, "bomb"))
			continue;
		const char *p2 = perpetrator_in(ss, e2);
		if (!p2 && count_phrase(ss, e2, "same"))
			p2 = main_perp;
		weapon_in(ss, e2, w2, sizeof w2);
		snprintf(note2, sizeof note2, "earlier attack on the same facility, mentioned in %s", id);
		st = add_row(S, P, date, NULL, place, gov, fac[0] ? fac : NULL, generic,
		             alias[0] ? alias : NULL, type, p2, 0, w2, -1, -1, damage_in(ss), NULL,
		             note2, "attack", id, relative, NULL);
		if (st != GEO_OK)
			return st;
	}
	return GEO_OK;
}

/* Section headings change the mode, the perpetrator and the facility type. */
static void heading(struct state *S, const char *t)
{
	size_t n = strlen(t);
	if (n > 160)
		return;
	if (strstr(t, "Acts of killing") || !strncmp(t, "A. ", 3)) {
		S->mode = MODE_KILL;
		S->heading_perp[0] = S->heading_type[0] = '\0';
	} else if (!strncmp(t, "B. ", 3) || strstr(t, "Targeting")) {
		S->mode = MODE_ATTACK;
		S->heading_perp[0] = S->heading_type[0] = '\0';
	} else if (!strncmp(t, "V. ", 3) || strstr(t, "Conclusions") || strstr(t, "Recommendations")) {
		S->mode = MODE_NONE;
	} else if (!strncmp(t, "IV. ", 4) || !strncmp(t, "III. ", 5) || !strncmp(t, "II. ", 4)) {
		S->mode = MODE_NONE;
	}
	if (t[0] == '-' || strstr(t, "forces") || !strcmp(t, "ISIS")) {
		const char *p = NULL;
		if (strstr(t, "Syrian regime forces"))
			p = "Syrian regime forces";
		else if (strstr(t, "Russian forces"))
			p = "Russian forces";
		else if (strstr(t, "Self-Management"))
			p = "Self-Management forces";
		else if (!strcmp(t, "ISIS") || strstr(t, "- ISIS"))
			p = "ISIS";
		else if (strstr(t, "Other parties"))
			p = "";
		else if (strstr(t, "Extremist Islamic groups"))
			p = "";
		if (p)
			snprintf(S->heading_perp, sizeof S->heading_perp, "%s", p);
	}
	if (strstr(t, "medical facilities (hospitals") || strstr(t, "Medical facilities (hospitals"))
		snprintf(S->heading_type, sizeof S->heading_type, "medical");
	else if (!strcmp(t, "- Ambulances") || !strcmp(t, "Ambulances"))
		snprintf(S->heading_type, sizeof S->heading_type, "ambulance");
	else if (!strcmp(t, "Civil defense facilities"))
		snprintf(S->heading_type, sizeof S->heading_type, "civil_defense");
	else if (strstr(t, "humanitarian insignia") || !strcmp(t, "Red Crescent facilities"))
		snprintf(S->heading_type, sizeof S->heading_type, "red_crescent");
}

static void free_paras(struct para *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].text);
	free(v);
}

enum geo_status geo_extract_text(geo_ctx *ctx, const char *name, const char *text,
                                 struct geo_incident_list *out)
{
	struct para *paras = NULL;
	size_t n = 0, cap = 0;
	long line = 1;
	enum geo_status st = GEO_OK;
	struct state S;
	const char *base = strrchr(name, '/');

	memset(&S, 0, sizeof S);
	S.ctx = ctx;
	S.name = base ? base + 1 : name;
	S.out = out;
	snprintf(S.prefix, sizeof S.prefix, "%s", S.name);
	char *dot = strrchr(S.prefix, '.');
	if (dot)
		*dot = '\0';

	/* one paragraph per non-empty line */
	for (const char *p = text; *p;) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		char *c = clean_text(p, len);
		if (!c) {
			st = GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory reading %s", name);
			goto out;
		}
		if (*c) {
			if (n == cap) {
				size_t nc = cap ? cap * 2 : 256;
				struct para *v = geo_realloc(paras, nc * sizeof *v);
				if (!v) {
					free(c);
					st = GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory reading %s", name);
					goto out;
				}
				paras = v;
				cap = nc;
			}
			paras[n].text = c;
			paras[n].line = line;
			n++;
		} else {
			free(c);
		}
		line++;
		p = e ? e + 1 : p + len;
	}

	/* re-join paragraphs broken across pages: a hyphenated word, or a long
	 * paragraph that stops mid-sentence; footnotes in between are skipped */
	for (size_t i = 0; i + 1 < n; i++) {
		size_t len = strlen(paras[i].text);
		int hyphen = len && paras[i].text[len - 1] == '-';
		if (!hyphen && (len < 200 || ends_sentence(paras[i].text)))
			continue;
		size_t j = i + 1;
		while (j < n && is_footnote(paras[j].text))
			j++;
		if (j >= n || starts_with_weekday(paras[j].text) || paras[j].text[0] == '-')
			continue;
		size_t l2 = strlen(paras[j].text);
		char *joined = geo_malloc(len + l2 + 2);
		if (!joined) {
			st = GEO_ERROR(ctx, GEO_ERR_NOMEM, "out of memory reading %s", name);
			goto out;
		}
		if (hyphen)
			snprintf(joined, len + l2 + 2, "%.*s%s", (int)(len - 1), paras[i].text, paras[j].text);
		else
			snprintf(joined, len + l2 + 2, "%s %s", paras[i].text, paras[j].text);
		free(paras[i].text);
		paras[i].text = joined;
		paras[j].text[0] = '\0';
	}

	for (size_t i = 0; i < n && st == GEO_OK; i++) {
		const char *t = paras[i].text;
		if (!*t || is_footnote(t))
			continue;
		heading(&S, t);
		if (S.mode == MODE_KILL)
			st = do_killing(&S, &paras[i]);
		else if (S.mode == MODE_ATTACK)
			st = do_attack(&S, &paras[i]);
	}
out:
	free_paras(paras, n);
	return st;
}

enum geo_status geo_extract_report(geo_ctx *ctx, const char *path, struct geo_incident_list *out)
{
	FILE *f = fopen(path, "rb");
	geo_buf b;
	char chunk[65536];
	size_t got;
	enum geo_status st = GEO_OK;
	if (!f)
		return GEO_ERROR(ctx, errno == ENOENT ? GEO_ERR_NOTFOUND : GEO_ERR_IO, "%s: cannot open: %s",
		                 path, strerror(errno));
	geo_buf_init(&b, (size_t)64 << 20);
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (geo_buf_add(&b, chunk, got) != GEO_OK) {
			st = GEO_ERROR(ctx, GEO_ERR_LIMIT, "%s: larger than 64 MiB or out of memory", path);
			goto out;
		}
	}
	if (ferror(f)) {
		st = GEO_ERROR(ctx, GEO_ERR_IO, "%s: read error", path);
		goto out;
	}
	st = geo_extract_text(ctx, path, geo_buf_str(&b), out);
out:
	fclose(f);
	geo_buf_free(&b);
	return st;
}
