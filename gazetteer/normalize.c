/* normalize.c — place-name normalisation (see normalize.h for the forms).
 *
 * Works code point by code point with utf8proc (decomposition, case
 * folding, mark stripping) and never allocates, so the geocoder can call it
 * on every query at full speed. Assumes names are short (GEO_NORM_MAX). */
#include "gazetteer/normalize.h"

#include <string.h>
#include <utf8proc.h>

/* ---- small output helpers ------------------------------------------- */

struct out {
	char *p;
	size_t n, cap;
};

static void out_byte(struct out *o, char c)
{
	if (o->n + 1 < o->cap)
		o->p[o->n++] = c;
}

static void out_cp(struct out *o, utf8proc_int32_t cp)
{
	utf8proc_uint8_t tmp[4];
	utf8proc_ssize_t k = utf8proc_encode_char(cp, tmp);
	if (k <= 0 || o->n + (size_t)k + 1 > o->cap)
		return;
	memcpy(o->p + o->n, tmp, (size_t)k);
	o->n += (size_t)k;
}

static size_t out_end(struct out *o)
{
	if (o->cap == 0)
		return 0;
	while (o->n > 0 && o->p[o->n - 1] == ' ')
		o->n--;
	o->p[o->n] = '\0';
	return o->n;
}

static int is_arabic_letter(utf8proc_int32_t c)
{
	return (c >= 0x0621 && c <= 0x064A) || c == 0x0671 || c == 0x067E || c == 0x0686 ||
	       c == 0x06A4 || c == 0x06A9 || c == 0x06AF || c == 0x06CC;
}

/* utf8proc_iterate() for the hot paths: the code point at p (at most n
 * bytes, n < 0 for a NUL-terminated string) and its length, or -1 for a
 * byte that starts no valid sequence (overlong forms, surrogates and
 * values past U+10FFFF included). ASCII and two-byte letters (Arabic)
 * take the short way. */
static inline utf8proc_ssize_t utf8_next(const utf8proc_uint8_t *p, utf8proc_ssize_t n, utf8proc_int32_t *c)
{
	if (n == 0)
		return utf8proc_iterate(p, n, c); /* reads nothing */
	if (p[0] < 0x80) {
		*c = p[0];
		return 1;
	}
	if (p[0] >= 0xC2 && p[0] < 0xE0 && (n < 0 || n >= 2) && (p[1] & 0xC0) == 0x80) {
		*c = (utf8proc_int32_t)(((p[0] & 0x1F) << 6) | (p[1] & 0x3F));
		return 2;
	}
	return utf8proc_iterate(p, n, c);
}

int geo_norm_is_arabic(const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_int32_t c;
	/* fast path: Arabic letters (U+0621..U+06CC) start with 0xD8..0xDB */
	const unsigned char *b = (const unsigned char *)s;
	while (*b && (*b < 0xD8 || *b > 0xDB))
		b++;
	if (!*b)
		return 0;
	p = (const utf8proc_uint8_t *)b;
	for (;;) {
		utf8proc_ssize_t k = utf8_next(p, -1, &c);
		if (k <= 0) {
			if (*p == 0)
				return 0;
			p++;
			continue;
		}
		if (c == 0)
			return 0;
		if (is_arabic_letter(c))
			return 1;
		p += k;
	}
}

/* Apostrophe-like characters transliterations use for ʿayn and hamza. */
static int is_apostrophe(utf8proc_int32_t c)
{
	return c == '\'' || c == '`' || c == 0x00B4 || c == 0x2018 || c == 0x2019 || c == 0x02BF ||
	       c == 0x02BE || c == 0x02BB || c == 0x02BC || c == 0x2032 || c == 0x02B9 || c == 0x02C8;
}

/* One decomposed, case-folded, mark-free code point into the fold. */
static void fold_cp(struct out *o, utf8proc_int32_t c, int *space)
{
	if (c < 0x80) {
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			out_byte(o, (char)c);
			*space = 0;
		} else if (c >= 'A' && c <= 'Z') {
			out_byte(o, (char)(c - 'A' + 'a'));
			*space = 0;
		} else if (is_apostrophe(c)) {
			/* removed: Ma'arrat -> maarrat */
		} else if (!*space && o->n > 0) {
			out_byte(o, ' ');
			*space = 1;
		}
		return;
	}
	if (is_apostrophe(c))
		return;
	if (c == 0x0640 || (c >= 0x064B && c <= 0x065F) || c == 0x0670 || c == 0x0654 ||
	    c == 0x0655 || c == 0x200C || c == 0x200D || c == 0x200E || c == 0x200F)
		return; /* tatweel, harakat, superscript alef, joiners, marks */
	if (c >= 0x0660 && c <= 0x0669) {
		out_byte(o, (char)('0' + (c - 0x0660)));
		*space = 0;
		return;
	}
	if (c >= 0x06F0 && c <= 0x06F9) {
		out_byte(o, (char)('0' + (c - 0x06F0)));
		*space = 0;
		return;
	}
	if (is_arabic_letter(c)) {
		switch (c) {
		case 0x0623: case 0x0625: case 0x0622: case 0x0671: c = 0x0627; break; /* alef forms */
		case 0x0649: case 0x06CC: c = 0x064A; break; /* alef maqsura, Farsi yeh -> ya */
		case 0x0624: c = 0x0648; break;              /* waw with hamza */
		case 0x0626: c = 0x064A; break;              /* ya with hamza */
		case 0x06A9: c = 0x0643; break;              /* keheh -> kaf */
		case 0x067E: c = 0x0628; break;              /* peh -> ba */
		case 0x0686: c = 0x062C; break;              /* tcheh -> jim */
		case 0x06A4: c = 0x0641; break;              /* veh -> fa */
		case 0x06AF: c = 0x0643; break;              /* gaf -> kaf */
		default: break;
		}
		out_cp(o, c);
		*space = 0;
		return;
	}
	switch (c) {
	case 0x0131: out_byte(o, 'i'); *space = 0; return;  /* dotless i */
	case 0x00F8: out_byte(o, 'o'); *space = 0; return;
	case 0x00E6: out_byte(o, 'a'); out_byte(o, 'e'); *space = 0; return;
	case 0x00DF: out_byte(o, 's'); out_byte(o, 's'); *space = 0; return;
	case 0x0111: out_byte(o, 'd'); *space = 0; return;
	case 0x0142: out_byte(o, 'l'); *space = 0; return;
	case 0x0127: out_byte(o, 'h'); *space = 0; return;
	default: break;
	}
	if (!*space && o->n > 0) { /* any other symbol separates words */
		out_byte(o, ' ');
		*space = 1;
	}
}

/* letters that an h after them turns into a digraph in key_word */
static int digraph_first(char c)
{
	return c == 'k' || c == 'g' || c == 's' || c == 'c' || c == 'd' || c == 't' || c == 'z' ||
	       c == 'p';
}

size_t geo_norm_fold(const char *in, char *buf, size_t cap)
{
	struct out o = {buf, 0, cap};
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)in;
	int space = 1;
	utf8proc_int32_t c, dec[8];
	if (!in) {
		if (cap)
			buf[0] = '\0';
		return 0;
	}
	while (*p) {
		utf8proc_ssize_t k = utf8_next(p, -1, &c);
		if (k <= 0) {
			p++;
			continue;
		}
		p += k;
		if (c < 0x80) { /* ASCII needs no decomposition */
			fold_cp(&o, c, &space);
			continue;
		}
		/* letters whose diacritic is the transliteration of an Arabic
		 * letter (DIN 31635, ALA-LC, ISO 233): the digraph, not the bare
		 * letter. ġ/ḡ ghayn, ḫ/ẖ kha, ṯ tha, ḏ dhal, š shin */
		const char *dg = NULL;
		switch (c) {
		case 0x0120: case 0x0121: case 0x1E20: case 0x1E21: dg = "gh"; break;
		case 0x1E2A: case 0x1E2B: case 0x1E96: dg = "kh"; break;
		case 0x1E6E: case 0x1E6F: dg = "th"; break;
		case 0x1E0E: case 0x1E0F: dg = "dh"; break;
		case 0x0160: case 0x0161: dg = "sh"; break;
		default: break;
		}
		if (dg) {
			fold_cp(&o, dg[0], &space);
			fold_cp(&o, dg[1], &space);
			continue;
		}
		/* ḩ/ḥ is the letter ha on its own: after t, s, d, k... it is not
		 * the second half of a digraph (Shaţḩat: t then ha, not tha). It
		 * folds to 'H', which key_word reads as a plain h. */
		if ((c == 0x1E28 || c == 0x1E29 || c == 0x1E24 || c == 0x1E25) && o.n > 0 &&
		    digraph_first(o.p[o.n - 1])) {
			out_byte(&o, 'H');
			space = 0;
			continue;
		}
		int last = 0;
		utf8proc_ssize_t nd = utf8proc_decompose_char(
			c, dec, 8, UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD |
			UTF8PROC_STRIPMARK | UTF8PROC_IGNORE, &last);
		if (nd < 0 || nd > 8) {
			fold_cp(&o, c, &space);
			continue;
		}
		for (utf8proc_ssize_t i = 0; i < nd; i++)
			fold_cp(&o, dec[i], &space);
	}
	return out_end(&o);
}

/* ---- Latin keys ------------------------------------------------------ */

static const char *const ARTICLES[] = {
	"al", "el", "il", "ul", "ar", "er", "as", "es", "ash", "esh", "ad", "ed", "az", "ez",
	"at", "et", "an", "en", "ath", "adh", "ats", "ech", "ej", "ach", NULL,
};

/* Generic words: every spelling on the left takes the canonical form. */
struct generic {
	const char *canon;
	const char *const spellings[16];
};
static const struct generic GENERICS[] = {
	{"kafr", {"kafr", "kfar", "kafar", "kfr", "kefr", "kifr", "kufr", "kfer", "kafer", "kefer", "kfre", NULL}},
	{"tal", {"tal", "tall", "tell", "tel", "til", "tul", NULL}},
	{"dayr", {"dayr", "deir", "dair", "der", "deyr", "dier", "dir", "deyer", NULL}},
	{"maarat", {"maarat", "maarrat", "maaret", "maarret", "marat", "maarit", "maarra", "maarrah",
	            "maara", "maarah", "maret", "maaratt", "mearat", "maarrit", NULL}},
	{"ayn", {"ayn", "ain", "ein", "aiin", "ayin", "aen", "ayyn", NULL}},
	{"umm", {"umm", "um", "om", "omm", "oum", "oumm", NULL}},
	{"bayt", {"bayt", "beit", "bait", "beyt", "bet", "beet", NULL}},
	{"jisr", {"jisr", "jisser", "jesr", "jser", "jsr", "jiser", "jessr", NULL}},
	{"khan", {"khan", "khaan", NULL}},
	{"qasr", {"qasr", "kasr", "qaser", "qsar", "kaser", "qasser", NULL}},
	{"abu", {"abu", "abou", "abo", "aboo", "abul", "aboul", NULL}}, /* Abul Khos: Abu al-Khos */
	{"jabal", {"jabal", "jebel", "jabel", "jbel", "jebal", "jbal", "jibal", NULL}},
	{"shaykh", {"shaykh", "sheikh", "shaikh", "sheik", "shekh", "sheykh", "shiekh", "shikh", "sheyh", NULL}},
	{"mazraat", {"mazraat", "mazraa", "mazraet", "mazrat", "mazraah", "mazraet", "mazraa", NULL}},
	{"ras", {"ras", "raas", "rass", NULL}},
	{"wadi", {"wadi", "wady", "wadie", NULL}},
	{"hayy", {"hay", "hayy", "hai", "hayi", NULL}},
};

/* Articles and generic-word spellings indexed by first letter and length
 * (built once; idempotent). */
struct wentry {
	const char *s;
	const char *canon; /* NULL for an article */
	size_t len;
};
static struct wentry WIDX[26][48];
static size_t WN[26];
static int widx_ready;

static void widx_add(const char *s, const char *canon)
{
	int c = s[0] - 'a';
	if (c < 0 || c >= 26 || WN[c] >= sizeof WIDX[0] / sizeof WIDX[0][0])
		return;
	WIDX[c][WN[c]].s = s;
	WIDX[c][WN[c]].canon = canon;
	WIDX[c][WN[c]].len = strlen(s);
	WN[c]++;
}

static void widx_init(void)
{
	memset(WN, 0, sizeof WN);
	for (size_t i = 0; ARTICLES[i]; i++)
		widx_add(ARTICLES[i], NULL);
	for (size_t g = 0; g < sizeof GENERICS / sizeof GENERICS[0]; g++)
		for (size_t i = 0; GENERICS[g].spellings[i]; i++)
			widx_add(GENERICS[g].spellings[i], GENERICS[g].canon);
	widx_ready = 1;
}

static const struct wentry *wfind(const char *w, size_t n, int article)
{
	int c = w[0] - 'a';
	if (!widx_ready)
		widx_init();
	if (n == 0 || c < 0 || c >= 26)
		return NULL;
	for (size_t i = 0; i < WN[c]; i++) {
		const struct wentry *e = &WIDX[c][i];
		if (e->len == n && (e->canon == NULL) == article && memcmp(e->s, w, n) == 0)
			return e;
	}
	return NULL;
}

static int is_article(const char *w, size_t n)
{
	return wfind(w, n, 1) != NULL;
}

static const char *generic_canon(const char *w, size_t n)
{
	const struct wentry *e = wfind(w, n, 0);
	return e ? e->canon : NULL;
}

static int is_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

static int vclass_rank(char v)
{
	return v == 'i' ? 3 : v == 'u' ? 2 : 1;
}

/* One Latin word (lower-case ASCII, no spaces) into key symbols. */
static void key_word(struct out *o, const char *w, size_t n)
{
	char sym[GEO_NORM_MAX];
	size_t ns = 0;
	/* a final ta-marbuta h: -ah, -eh, -iyah (not kh, sh, th, dh, gh, ch) */
	if (n >= 3 && w[n - 1] == 'h' && is_vowel(w[n - 2]) && w[n - 2] != 'y')
		n--;
	for (size_t i = 0; i < n && ns + 2 < sizeof sym; i++) {
		char c = w[i], d = i + 1 < n ? w[i + 1] : 0;
		char s;
		if (d == 'h' && (c == 'k' || c == 'g' || c == 's' || c == 'c' || c == 'd' || c == 't' ||
		                 c == 'z' || c == 'p')) {
			s = c == 'k' ? 'h' : c == 'g' ? 'g' : (c == 's' || c == 'c') ? 'x' : c == 'p' ? 'f' : 'z';
			i++;
		} else if (i == 0 && c == 'r' && d == 'h' && n >= 4) {
			s = 'g'; /* French rh for ghayn, at the start of a word: Rhazale = Ghazala */
			i++;
		} else if (c == 'd' && d == 'j') {
			s = 'j'; /* French dj: Djerud = Jirud, Djeble = Jableh */
			i++;
		} else if ((c == 'o' && (d == 'u' || d == 'o')) || (c == 'e' && d == 'e')) {
			s = c == 'e' ? 'i' : 'u';
			i++;
		} else if (c == 'y' && i == 0 && n >= 3) {
			/* a word-initial y is the consonant ya (Yabroud, يبرود), in
			 * the key and the skeleton */
			s = 'y';
		} else {
			switch (c) {
			case 'q': case 'c': s = 'k'; break;
			case 'g': s = 'g'; break; /* Syrian g is ghayn or a spoken qaf, rarely jim */
			case 'p': s = 'b'; break;
			/* Arabic has no v: the Russian and German spellings write
			 * waw so (Nava = Nawa, Suvejda) */
			case 'v': s = 'u'; break;
			case 'H': s = 'h'; break; /* ha after a digraph letter (fold) */
			case 'w': case 'o': s = 'u'; break;
			case 'e': s = 'a'; break;
			case 'y': s = 'i'; break;
			case 'x':
				sym[ns++] = 'k';
				s = 's';
				break;
			default: s = c; break;
			}
		}
		sym[ns++] = s;
	}
	/* reduce vowel runs to one vowel (i > u > a), single doubled letters */
	char prev = 0;
	for (size_t i = 0; i < ns; i++) {
		char c = sym[i];
		if (c == 'a' || c == 'i' || c == 'u') {
			size_t j = i;
			char best = c;
			while (j + 1 < ns && (sym[j + 1] == 'a' || sym[j + 1] == 'i' || sym[j + 1] == 'u')) {
				j++;
				if (vclass_rank(sym[j]) > vclass_rank(best))
					best = sym[j];
			}
			i = j;
			c = best;
		}
		if (c == prev)
			continue;
		out_byte(o, c);
		prev = c;
	}
}

/* Split folded text into words: calls back with each. */
#define MAX_WORDS 32
static size_t split_words(const char *s, const char *w[MAX_WORDS], size_t len[MAX_WORDS])
{
	size_t n = 0;
	while (*s && n < MAX_WORDS) {
		while (*s == ' ')
			s++;
		if (!*s)
			break;
		const char *b = s;
		while (*s && *s != ' ')
			s++;
		w[n] = b;
		len[n] = (size_t)(s - b);
		n++;
	}
	return n;
}

/* Arabic helpers: decode a word into code points. */
/* A word of digits ("6 Tishrin", "Tishrin 6", "6 تشرين"): numbers go to
 * the end of a key or skeleton, wherever the name writes them. */
static int number_word(const char *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (w[i] < '0' || w[i] > '9')
			return 0;
	return n > 0;
}

static void out_numbers(struct out *o, const char *const *w, const size_t *len, size_t nw)
{
	if (nw < 2)
		return;
	for (size_t i = 0; i < nw; i++)
		if (number_word(w[i], len[i]))
			for (size_t k = 0; k < len[i]; k++)
				out_byte(o, w[i][k]);
}

static size_t decode(const char *w, size_t n, utf8proc_int32_t *cp, size_t max)
{
	size_t k = 0, i = 0;
	while (i < n && k < max) {
		utf8proc_int32_t c;
		utf8proc_ssize_t r = utf8_next((const utf8proc_uint8_t *)w + i, (utf8proc_ssize_t)(n - i), &c);
		if (r <= 0) {
			i++;
			continue;
		}
		cp[k++] = c;
		i += (size_t)r;
	}
	return k;
}

/* The start of an Arabic word after an optional article ال (kept when the
 * rest would be shorter than two letters). */
static size_t arabic_article_skip(const utf8proc_int32_t *cp, size_t n)
{
	if (n >= 4 && cp[0] == 0x0627 && cp[1] == 0x0644)
		return 2;
	return 0;
}

static const struct {
	char mark;
	const char *const words[8];
} AR_QUALIFIERS[] = {
	{'U', {"فوقاني", "فوقانية", "فوقا", NULL}},
	{'L', {"تحتاني", "تحتانية", "تحتا", NULL}},
	{'E', {"شرقي", "شرقية", NULL}},
	{'W', {"غربي", "غربية", NULL}},
	{'N', {"شمالي", "شمالية", NULL}},
	{'S', {"جنوبي", "جنوبية", "قبلي", "قبلية", NULL}},
	{'B', {"كبير", "كبيرة", "كبري", NULL}},
	{'M', {"صغير", "صغيرة", "صغري", "زغير", "زغيرة", NULL}},
};

/* The qualifier mark of a folded Arabic word (with or without ال), or 0. */
static char arabic_qualifier_mark(const char *w, size_t n)
{
	if (n > 4 && memcmp(w, "\xd8\xa7\xd9\x84", 4) == 0) { /* ال */
		w += 4;
		n -= 4;
	}
	if (n < 6 || n > 14)
		return 0; /* three to seven letters of two bytes */
	/* a final ha written for ta marbuta (الغربيه for الغربية) */
	char t[16];
	if ((unsigned char)w[n - 2] == 0xD9 && (unsigned char)w[n - 1] == 0x87) {
		memcpy(t, w, n - 2);
		t[n - 2] = (char)0xD8;
		t[n - 1] = (char)0xA9;
		w = t;
	}
	for (size_t q = 0; q < sizeof AR_QUALIFIERS / sizeof AR_QUALIFIERS[0]; q++)
		for (size_t i = 0; AR_QUALIFIERS[q].words[i]; i++)
			if (strlen(AR_QUALIFIERS[q].words[i]) == n && memcmp(AR_QUALIFIERS[q].words[i], w, n) == 0)
				return AR_QUALIFIERS[q].mark;
	return 0;
}

/* The index of the last word that is not a qualifier: a ta marbuta before
 * it is in construct (معرة النعمان), after it the qualifier is an adjective
 * (سكرية كبيرة: Sukariyeh Kabira, no t). */
static size_t last_name_word(const char *const *w, const size_t *len, size_t nw)
{
	size_t last = nw ? nw - 1 : 0;
	while (last > 0 && arabic_qualifier_mark(w[last], len[last]))
		last--;
	return last;
}

/* The word of an Arabic name of qualifier words only (الكبير الغربي) that
 * is its name: the first; nw (none) otherwise. */
static size_t arabic_plain_word(const char *const *w, const size_t *len, size_t nw, size_t lastw)
{
	/* (last_name_word has found every word after the first a qualifier) */
	return nw >= 2 && lastw == 0 && arabic_qualifier_mark(w[0], len[0]) ? 0 : nw;
}

static size_t arabic_key(const char *folded, struct out *o)
{
	const char *w[MAX_WORDS];
	size_t len[MAX_WORDS];
	size_t nw = split_words(folded, w, len);
	utf8proc_int32_t cp[GEO_NORM_MAX];
	for (size_t i = 0; i < nw; i++) {
		if (nw > 1 && number_word(w[i], len[i]))
			continue;
		size_t n = decode(w[i], len[i], cp, GEO_NORM_MAX);
		for (size_t j = arabic_article_skip(cp, n); j < n; j++) {
			utf8proc_int32_t c = cp[j];
			if (c == 0x0621)
				continue; /* lone hamza */
			if (c == 0x0629)
				c = 0x0647; /* ta marbuta -> ha */
			if (c < 0x80) {
				out_byte(o, (char)c);
				continue;
			}
			out_cp(o, c);
		}
	}
	out_numbers(o, w, len, nw);
	return out_end(o);
}

/* Qualifier words: OCHA writes "Upper Makhrim", "Eastern Kwaires", others
 * "Mukharram Fokani", "Khuwayrat ash Sharqi". In a name of two words or
 * more they become one upper-case marker at the end of the key, wherever
 * and in whichever language they were written. */
static const struct {
	char mark;
	int en; /* the first en words are English (the others transliterate Arabic) */
	const char *const words[32];
} QUALIFIERS[] = {
	{'U', 1, {"upper", "fawqani", "fauqani", "foqani", "fouqani", "fokani", "fuqani", "fouqa", "fawqa", "ulya", "olia", "fawqaniya", "fouqaniyeh", "foqaniya", "ulia", "olya", NULL}},
	{'L', 1, {"lower", "tahtani", "tahtaniya", "tahtaniyah", "tahtaniyeh", "tahtania", "sufla", "sofla", "tahta", "tahtaniye", "tahtani", "tahtaniyya", "tahtaniyyeh", "sifla", NULL}},
	{'E', 1, {"eastern", "sharqi", "sharki", "sharqiya", "sharqiyah", "sharqiyeh", "sharqieh", "charki", "chergui", "shurqi", "charqiye", "cherqi", "charqi", "charqui", "chargui", "chargi", "cherqui", "cherki", "sharqia", "sharqiyya", "sharqiyyah", "sharqiyyeh", "sharkia", "sharkiya", "sharkiyeh", "sharkieh", "sharqiye", NULL}},
	{'W', 1, {"western", "gharbi", "gharbiya", "gharbiyah", "gharbiyeh", "garbi", "rharbi", "gharbiye", "rharbiye", "gharbia", "gharbiyya", "gharbiyyah", "gharbiyyeh", "gharbieh", NULL}},
	{'N', 1, {"northern", "shamali", "shamaliya", "shamaliyah", "shamaliyeh", "chimaliye", "chamali", "chemaliye", "chemali", "chamaliye", "shamalia", "shamaliyya", "shamaliyyeh", "shmali", "shemali", "shamalieh", NULL}},
	{'S', 1, {"southern", "janubi", "jnubi", "janoubi", "qibli", "qabali", "qabli", "kibli", "kabli", "qebli", "janubiya", "qibliye", "qebliye", "janubia", "janoubia", "janoubiya", "janubiyya", "janoubiyeh", "janubiyeh", "jnoubi", "qibliya", "qibliyeh", NULL}},
	{'B', 2, {"big", "great", "kabir", "kabira", "kbir", "kebir", "kabeer", "kubra", "kbira", "kebira", "kebire", "kbire", "kabire", "kobra", "koubra", "kubrah", NULL}},
	{'M', 2, {"small", "little", "saghir", "saghira", "sghir", "zghir", "sughra", "zgheer", "sgheer", "zghira", "sghire", "saghire", "srhir", "serhir", "srhire", "serhire", "zghire", "soghra", "soughra", "sughrah", NULL}},
};

/* Qualifier words by first letter (built once; idempotent). */
struct qentry {
	const char *s;
	size_t len;
	char mark;
	int fuzzy; /* the English word: one letter off is accepted */
	int en;    /* an English word */
};
static struct qentry QIDX[26][64];
static size_t QN[26];
static int qidx_ready;

static void qidx_init(void)
{
	memset(QN, 0, sizeof QN);
	for (size_t q = 0; q < sizeof QUALIFIERS / sizeof QUALIFIERS[0]; q++) {
		for (size_t i = 0; QUALIFIERS[q].words[i]; i++) {
			const char *x = QUALIFIERS[q].words[i];
			int c = x[0] - 'a';
			if (c < 0 || c >= 26 || QN[c] >= sizeof QIDX[0] / sizeof QIDX[0][0])
				continue;
			QIDX[c][QN[c]].s = x;
			QIDX[c][QN[c]].len = strlen(x);
			QIDX[c][QN[c]].mark = QUALIFIERS[q].mark;
			QIDX[c][QN[c]].fuzzy = i == 0;
			QIDX[c][QN[c]].en = (int)i < QUALIFIERS[q].en;
			QN[c]++;
		}
	}
	qidx_ready = 1;
}

/* The qualifier word w is, or NULL. */
static const struct qentry *qualifier_find(const char *w, size_t n)
{
	int c = w[0] - 'a';
	if (!qidx_ready)
		qidx_init();
	if (c < 0 || c >= 26)
		return NULL;
	/* a final ta marbuta written -ah, -eh (Kubrah, Sughrah, Kabirah) */
	if (n >= 5 && w[n - 1] == 'h' && (w[n - 2] == 'a' || w[n - 2] == 'e')) {
		const struct qentry *e = qualifier_find(w, n - 1);
		if (e)
			return e;
	}
	for (size_t i = 0; i < QN[c]; i++) {
		const struct qentry *e = &QIDX[c][i];
		if (e->len != n)
			continue;
		/* one letter off in a word of five or more (Uppar, Westren) */
		size_t diff = 0;
		for (size_t k = 0; k < n && diff < 2; k++)
			diff += e->s[k] != w[k];
		if (diff == 0 || (diff == 1 && n >= 5 && e->fuzzy))
			return e;
	}
	return NULL;
}

static char qualifier_mark(const char *w, size_t n)
{
	const struct qentry *e = qualifier_find(w, n);
	return e ? e->mark : 0;
}

/* 1 for kubra and sughra (كبرى, صغرى) in their spellings: qualifiers only. */
static int elative_qualifier(const char *w, size_t n)
{
	static const char *const E[] = {"kubra", "kobra", "koubra", "kubrah", "sughra", "soghra", "soughra",
	                                "sughrah", NULL};
	for (size_t i = 0; E[i]; i++)
		if (strlen(E[i]) == n && memcmp(E[i], w, n) == 0)
			return 1;
	return 0;
}

/* The length of the first name of a compound written as one word with
 * "al-Din" assimilated onto it (Salaheddine, Nureddin, Alaaddin,
 * Saifuddin: ed-din, ud-din, ad-din after a stem of three letters or
 * more); 0 otherwise. */
static size_t joined_din(const char *w, size_t n)
{
	size_t e = n; /* the end of "din" */
	if (n >= 8 && w[n - 1] == 'e')
		e = n - 1;
	if (e < 8 || memcmp(w + e - 4, "ddin", 4) != 0 || !strchr("eua", w[e - 5]))
		return 0; /* (not -iddin: Rashiddin, الراشدين, is no Rash al-Din) */
	return e - 5;
}

/* The word of a name of qualifier words only that is its name: the first
 * one not in English (OCHA's Lower Kbir, Kbir Tahtani: Kbir), else the
 * last; nw (none) when some word is no qualifier. */
static size_t latin_plain_word(const char *const *w, const size_t *len, size_t nw)
{
	size_t plain = nw;
	if (nw < 2)
		return nw;
	for (size_t i = 0; i < nw; i++) {
		if ((i + 1 < nw && is_article(w[i], len[i])) || number_word(w[i], len[i]))
			continue;
		const struct qentry *e = qualifier_find(w[i], len[i]);
		if (!e)
			return nw;
		if (!e->en && plain == nw)
			plain = i;
	}
	return plain == nw ? nw - 1 : plain;
}

/* 1 when word w starts with an assimilated article written with e and a
 * doubled sun letter (ezz-, err-, ess-, ett-, edd-, enn-): Ezzor, Erraqa.
 * Not a-: Attiyeh, Assal, Annan are names (ʿa- is ʿayn). A first word needs
 * six letters. */
static int sun_article(const char *w, size_t n, int first)
{
	(void)first;
	if (w[0] != 'e')
		return 0;
	if (!strchr("tdrzsn", w[1]) || w[2] != w[1])
		return 0;
	return n >= (first ? 6u : 5u) && !is_vowel(w[1]) && is_vowel(w[3]);
}

size_t geo_norm_key_folded(const char *folded, char *buf, size_t cap)
{
	struct out o = {buf, 0, cap};
	if (geo_norm_is_arabic(folded))
		return arabic_key(folded, &o);
	const char *w[MAX_WORDS];
	size_t len[MAX_WORDS];
	char marks[MAX_WORDS];
	size_t nm = 0;
	size_t nw = split_words(folded, w, len);
	size_t plain = nw;
again:
	for (size_t i = 0; i < nw; i++) {
		char m = nw > 1 && i != plain ? qualifier_mark(w[i], len[i]) : 0;
		/* (and kubra, sughra with the article written onto them, as
		 * OCHA writes Orm Elkobra: words that only qualify, unlike
		 * kabir, which names "Ein Elkbir", the big spring) */
		if (!m && nw > 1 && i > 0 && i != plain && len[i] >= 7 && (w[i][0] == 'e' || w[i][0] == 'a') &&
		    w[i][1] == 'l' && elative_qualifier(w[i] + 2, len[i] - 2))
			m = qualifier_mark(w[i] + 2, len[i] - 2);
		if (m) {
			marks[nm++] = m;
			continue;
		}
		if (nw > 1 && i + 1 < nw && is_article(w[i], len[i]))
			continue;
		if (nw > 1 && number_word(w[i], len[i]))
			continue;
		const char *wp = w[i];
		size_t wl = len[i];
		/* an article written onto a later word: Khan Elsabil, Ein Eldananir */
		if (i > 0 && wl >= 5 && (wp[0] == 'e' || wp[0] == 'a') && wp[1] == 'l') {
			wp += 2;
			wl -= 2;
		} else if (wl >= 5 && sun_article(wp, wl, i == 0)) {
			/* the article assimilated to a sun letter and written onto
			 * the word: Deir Ezzor, Erraqqa, Essalamiyeh */
			wp += 2;
			wl -= 2;
		}
		const char *g = generic_canon(wp, wl);
		size_t din = joined_din(wp, wl);
		if (g)
			key_word(&o, g, strlen(g));
		else if (din) {
			/* Salaheddine, Nureddin: Salah al-Din, Nur al-Din */
			key_word(&o, wp, din);
			key_word(&o, "din", 3);
		} else
			key_word(&o, wp, wl);
	}
	if (nw > 1 && nm > 0 && o.n == 0 && plain == nw) {
		/* qualifier words only (and articles: Kbir al-Tahtani): one of
		 * them is the name */
		size_t pw = latin_plain_word(w, len, nw);
		if (pw < nw) {
			plain = pw;
			nm = 0;
			goto again;
		}
	}
	/* a doubled letter across a word boundary (Kafr Rumah) stays: it is
	 * two consonants */
	out_numbers(&o, w, len, nw);
	if (nm > 0 && nm < nw)
		for (size_t i = 0; i < nm; i++)
			out_byte(&o, marks[i]);
	return out_end(&o);
}

const char *geo_norm_generic_first(const char *folded)
{
	size_t l = strcspn(folded, " ");
	if (!l || !folded[l] || !folded[l + 1])
		return NULL;
	return generic_canon(folded, l);
}

int geo_norm_qualifiers_only(const char *folded)
{
	const char *w[MAX_WORDS];
	size_t len[MAX_WORDS];
	size_t nw = split_words(folded, w, len), nq = 0;
	int ar = geo_norm_is_arabic(folded);
	for (size_t i = 0; i < nw; i++) {
		if (ar ? arabic_qualifier_mark(w[i], len[i]) : qualifier_mark(w[i], len[i]))
			nq++;
		else if (ar || !is_article(w[i], len[i]))
			return 0;
	}
	return nq > 0;
}

/* ---- other languages' romanisations --------------------------------------- */

size_t geo_norm_foreign_latin(const char *folded, char *buf, size_t cap)
{
	/* digraphs first, longest first: Russian dzh, zh; German dsch, tsch,
	 * sch; French dj, tch, gu before e/i, eu */
	static const struct {
		const char *from, *to;
	} SUB[] = {{"dsch", "j"}, {"tsch", "sh"}, {"dzh", "j"}, {"sch", "sh"}, {"tch", "sh"},
	           {"dj", "j"},   {"zh", "j"},    {"eu", "i"},  {NULL, NULL}};
	size_t n = strlen(folded), o = 0, i = 0;
	int changed = 0;
	if (!cap)
		return 0;
	if (geo_norm_is_arabic(folded)) {
		buf[0] = '\0';
		return 0;
	}
	while (i < n && o + 3 < cap) {
		char c = folded[i];
		int at_word = i == 0 || folded[i - 1] == ' ';
		/* Russian э as "eh": the article ehl-, ehs-, eht-... is el-, es- */
		if (at_word && c == 'e' && folded[i + 1] == 'h' && folded[i + 2] && folded[i + 2] != ' ' &&
		    !is_vowel(folded[i + 2]) && folded[i + 2] != 'h' &&
		    (folded[i + 3] == ' ' || (folded[i + 3] == 'h' && folded[i + 4] == ' '))) {
			buf[o++] = 'e';
			i += 2;
			changed = 1;
			continue;
		}
		size_t k = sizeof SUB / sizeof SUB[0] - 1; /* (the NULL row: none) */
		if (c == 'd' || c == 't' || c == 's' || c == 'z' || c == 'e')
			for (k = 0; SUB[k].from; k++) {
				size_t L = strlen(SUB[k].from);
				if (strncmp(folded + i, SUB[k].from, L) == 0)
					break;
			}
		if (SUB[k].from) {
			size_t L = strlen(SUB[k].from), T = strlen(SUB[k].to);
			if (o + T + 1 >= cap)
				break;
			memcpy(buf + o, SUB[k].to, T);
			o += T;
			i += L;
			changed = 1;
			continue;
		}
		char nx = folded[i + 1];
		int after_vowel = i > 0 && is_vowel(folded[i - 1]) && folded[i - 1] != 'y';
		if (c == 'j' && after_vowel && (!is_vowel(nx) || folded[i - 1] == 'i')) {
			/* Slavic j is y: before a consonant (Dejr, Kunejtra) or
			 * after i (Banijas, Lazikija); a j between other vowels is
			 * an English jim (Najiyah, Hajin) */
			c = 'y';
			changed = 1;
		} else if (c == 'v' && after_vowel && is_vowel(nx)) {
			c = 'w'; /* Russian v for waw: Suvejda */
			changed = 1;
		} else if (c == 'c' && (nx == 'e' || nx == 'i') && i > 0 && folded[i - 1] != 's') {
			c = 's'; /* French c before e, i: Jacem */
			changed = 1;
		} else if (c == 'g' && nx == 'u' && (folded[i + 2] == 'e' || folded[i + 2] == 'i')) {
			buf[o++] = 'g'; /* French gu before e, i: Guebelli */
			i += 2;
			changed = 1;
			continue;
		}
		buf[o++] = c;
		i++;
	}
	buf[o] = '\0';
	if (!changed || i < n) { /* (nothing rewritten, or cut short) */
		buf[0] = '\0';
		return 0;
	}
	return o;
}

size_t geo_norm_key(const char *in, char *buf, size_t cap)
{
	char f[GEO_NORM_MAX * 2];
	geo_norm_fold(in, f, sizeof f);
	return geo_norm_key_folded(f, buf, cap);
}

/* ---- Arabic to Latin ------------------------------------------------------ */

static const char *arabic_latin_letter(utf8proc_int32_t c)
{
	switch (c) {
	case 0x0627: return "a";
	case 0x0628: return "b";
	case 0x062A: return "t";
	case 0x062B: return "th";
	case 0x062C: return "j";
	case 0x062D: return "h";
	case 0x062E: return "kh";
	case 0x062F: return "d";
	case 0x0630: return "dh";
	case 0x0631: return "r";
	case 0x0632: return "z";
	case 0x0633: return "s";
	case 0x0634: return "sh";
	case 0x0635: return "s";
	case 0x0636: return "d";
	case 0x0637: return "t";
	case 0x0638: return "z";
	case 0x0639: return "a";
	case 0x063A: return "gh";
	case 0x0641: return "f";
	case 0x0642: return "q";
	case 0x0643: return "k";
	case 0x0644: return "l";
	case 0x0645: return "m";
	case 0x0646: return "n";
	case 0x0647: return "h";
	case 0x0648: return "w";
	case 0x064A: return "y";
	case 0x0649: return "a";
	default: return "";
	}
}

size_t geo_norm_arabic_latin(const char *folded, char *buf, size_t cap)
{
	struct out o = {buf, 0, cap};
	const char *w[MAX_WORDS];
	size_t len[MAX_WORDS];
	utf8proc_int32_t cp[GEO_NORM_MAX];
	if (!geo_norm_is_arabic(folded)) {
		if (cap)
			buf[0] = '\0';
		return 0;
	}
	size_t nw = split_words(folded, w, len);
	size_t lastw = last_name_word(w, len, nw);
	size_t plain = arabic_plain_word(w, len, nw, lastw);
	char marks[MAX_WORDS];
	size_t nm = 0;
	for (size_t i = 0; i < nw; i++) {
		char lat[GEO_NORM_MAX * 2];
		size_t nl = 0;
		char m = nw > 1 && i != plain ? arabic_qualifier_mark(w[i], len[i]) : 0;
		if (m) {
			marks[nm++] = m;
			continue;
		}
		if (nw > 1 && number_word(w[i], len[i]))
			continue;
		size_t n = decode(w[i], len[i], cp, GEO_NORM_MAX);
		for (size_t j = arabic_article_skip(cp, n); j < n; j++) {
			const char *t;
			utf8proc_int32_t c = cp[j];
			if (c == 0x0629)
				t = i < lastw ? "at" : "a"; /* ta marbuta */
			else if (c == 0x0647 && j + 1 == n && n > 2)
				t = "a"; /* final ha for ta marbuta */
			else if (c < 0x80)
				t = "";
			else if ((c == 0x062D || c == 0x0647) && nl > 0 &&
			         (digraph_first(lat[nl - 1]) || lat[nl - 1] == 'r'))
				t = "H"; /* قدح: d then ha, not the digraph dh; رحال: not the French rh of ghayn */
			else
				t = arabic_latin_letter(c);
			size_t tl = strlen(t);
			if (nl + tl + 1 < sizeof lat) {
				memcpy(lat + nl, t, tl);
				nl += tl;
			}
		}
		lat[nl] = '\0';
		key_word(&o, lat, nl);
	}
	out_numbers(&o, w, len, nw);
	if (nm > 0 && nm < nw)
		for (size_t i = 0; i < nm; i++)
			out_byte(&o, marks[i]);
	return out_end(&o);
}

/* ---- skeletons --------------------------------------------------------- */

static char arabic_class(utf8proc_int32_t c)
{
	switch (c) {
	case 0x0628: return 'b';
	case 0x062A: case 0x0637: return 't';
	case 0x062B: case 0x0630: case 0x0632: case 0x0638: return 'z';
	case 0x062C: return 'j';
	case 0x062D: case 0x062E: case 0x0647: return 'h';
	case 0x062F: case 0x0636: return 'd';
	case 0x0631: return 'r';
	case 0x0633: case 0x0635: return 's';
	case 0x0634: return 'x';
	case 0x063A: return 'g';
	case 0x0641: return 'f';
	case 0x0642: case 0x0643: return 'k';
	case 0x0644: return 'l';
	case 0x0645: return 'm';
	case 0x0646: return 'n';
	default: return 0; /* alef, hamza, ʿayn, waw, ya, alef maqsura: dropped */
	}
}

static size_t arabic_skeleton(const char *folded, struct out *o)
{
	const char *w[MAX_WORDS];
	size_t len[MAX_WORDS];
	size_t nw = split_words(folded, w, len);
	size_t lastw = last_name_word(w, len, nw);
	size_t plain = arabic_plain_word(w, len, nw, lastw);
	utf8proc_int32_t cp[GEO_NORM_MAX];
	char marks[MAX_WORDS];
	size_t nm = 0;
	for (size_t i = 0; i < nw; i++) {
		char m = nw > 1 && i != plain ? arabic_qualifier_mark(w[i], len[i]) : 0;
		if (m) {
			marks[nm++] = m;
			continue;
		}
		if (nw > 1 && number_word(w[i], len[i]))
			continue;
		size_t n = decode(w[i], len[i], cp, GEO_NORM_MAX);
		for (size_t j = arabic_article_skip(cp, n); j < n; j++) {
			utf8proc_int32_t c = cp[j];
			char s;
			if (c == 0x0629) /* ta marbuta: t in construct, silent at the end */
				s = i < lastw ? 't' : 0;
			else if (c == 0x0647 && j + 1 == n && n > 2)
				s = 0; /* final ha written for ta marbuta */
			else if (c == 0x064A && j == arabic_article_skip(cp, n) && n >= 3)
				s = 'y'; /* word-initial ya: a consonant (key_word keeps y too) */
			else if (c < 0x80)
				s = (c >= '0' && c <= '9') ? (char)c : 0;
			else
				s = arabic_class(c);
			if (s)
				out_byte(o, s);
		}
	}
	out_numbers(o, w, len, nw);
	if (nm > 0 && nm < nw)
		for (size_t i = 0; i < nm; i++)
			out_byte(o, marks[i]);
	return out_end(o);
}

size_t geo_norm_skeleton_keyed(const char *folded, const char *key, char *buf, size_t cap)
{
	struct out o = {buf, 0, cap};
	if (geo_norm_is_arabic(folded))
		return arabic_skeleton(folded, &o);
	for (const char *p = key; *p; p++)
		if (*p != 'a' && *p != 'i' && *p != 'u')
			out_byte(&o, *p);
	return out_end(&o);
}

size_t geo_norm_skeleton_folded(const char *folded, char *buf, size_t cap)
{
	char key[GEO_NORM_MAX * 2];
	geo_norm_key_folded(folded, key, sizeof key);
	return geo_norm_skeleton_keyed(folded, key, buf, cap);
}

size_t geo_norm_skeleton(const char *in, char *buf, size_t cap)
{
	char f[GEO_NORM_MAX * 2];
	geo_norm_fold(in, f, sizeof f);
	return geo_norm_skeleton_folded(f, buf, cap);
}

/* ---- distances --------------------------------------------------------- */

static int kvowel(char c)
{
	return c == 'a' || c == 'i' || c == 'u';
}

/* Costs in tenths, indexed by ASCII: built once (idempotent, so a race
 * between threads writes the same values). */
static unsigned char SUB[128][128], INDEL[128];
static int costs_ready;

static void costs_init(void)
{
	static const char *const PAIRS[] = {"dz", "tz", "dt", "sx", "sz", "hk", "jg", "gk", "bf",
	                                    "jk", "jz", "nm", NULL};
	for (int a = 0; a < 128; a++) {
		for (int b = 0; b < 128; b++)
			SUB[a][b] = a == b ? 0 : (kvowel((char)a) && kvowel((char)b)) ? 3 : 10;
		INDEL[a] = kvowel((char)a) ? 4 : (a == 'h' || a == 't') ? 6 : 10;
	}
	for (size_t i = 0; PAIRS[i]; i++) {
		SUB[(int)PAIRS[i][0]][(int)PAIRS[i][1]] = 5;
		SUB[(int)PAIRS[i][1]][(int)PAIRS[i][0]] = 5;
	}
	costs_ready = 1;
}

static double distance_n(const char *a, size_t na, const char *b, size_t nb, double max)
{
	int row0[GEO_NORM_MAX + 1], row1[GEO_NORM_MAX + 1];
	int *prev = row0, *cur = row1;
	int lim = max * 10 > 1e6 ? 1000000 : (int)(max * 10 + 0.5);
	if (!costs_ready)
		costs_init();
	if (na > GEO_NORM_MAX)
		na = GEO_NORM_MAX;
	if (nb > GEO_NORM_MAX)
		nb = GEO_NORM_MAX;
	/* a final vowel (Misraba / Masrab) is written in both scripts: its
	 * presence is not a transliteration choice, so it costs more. A letter
	 * the same as the one before it costs a vowel: حللوز is h-l-l-z in the
	 * skeleton, while a Latin key writes the doubled l of Halluz once. An
	 * h or t, cheap for a ta marbuta, is a whole consonant at the start
	 * (Termala is Tramla, not Armala) */
#define INDEL_AT(str, c, pos, len)                                          \
	((pos) > 0 && (unsigned)((unsigned char)(str)[(pos) - 1] & 127) == (c) \
	     ? 4                                                               \
	     : (pos) == 0 && INDEL[c] == 6 ? 10                                \
	     : INDEL[c] + ((pos) + 1 == (len) && INDEL[c] == 4 ? 3 : 0))
	/* a band around the diagonals: an indel costs at least 4, so a cell
	 * k = i - j off the diagonal, with the end dn = na - nb off it,
	 * needs |k| + |dn - k| indels, which must cost no more than lim */
	enum { FAR = 1 << 28 };
	long dn = (long)na - (long)nb, adn = dn < 0 ? -dn : dn, nind = lim / 4;
	if (adn > nind)
		return max + 1;
	long e = (nind - adn) / 2;
	long klo = (dn < 0 ? dn : 0) - e, khi = (dn > 0 ? dn : 0) + e;
	unsigned char insb[GEO_NORM_MAX], bc[GEO_NORM_MAX]; /* b's letters and their costs, once */
	prev[0] = 0;
	for (size_t j = 1; j <= nb; j++) {
		bc[j - 1] = (unsigned char)b[j - 1] & 127;
		insb[j - 1] = (unsigned char)INDEL_AT(b, bc[j - 1], j - 1, nb);
		prev[j] = (long)j <= -klo ? prev[j - 1] + insb[j - 1] : FAR;
	}
	for (size_t i = 1; i <= na; i++) {
		unsigned ca = (unsigned char)a[i - 1] & 127;
		int ia = INDEL_AT(a, ca, i - 1, na);
		int rowmin;
		long jl = (long)i - khi, jh = (long)i - klo;
		size_t jlo = jl < 1 ? 1 : (size_t)jl, jhi = jh > (long)nb ? nb : (size_t)jh;
		cur[0] = (long)i <= khi ? prev[0] + ia : FAR;
		cur[jlo - 1] = jlo > 1 ? FAR : cur[0];
		rowmin = cur[jlo - 1];
		for (size_t j = jlo; j <= jhi; j++) {
			int v = prev[j - 1] + SUB[ca][bc[j - 1]];
			int d = prev[j] + ia;
			int ins = cur[j - 1] + insb[j - 1];
			if (d < v)
				v = d;
			if (ins < v)
				v = ins;
			cur[j] = v;
			if (v < rowmin)
				rowmin = v;
		}
		if (jhi < nb)
			cur[jhi + 1] = FAR;
		if (rowmin > lim)
			return max + 1;
		int *t = prev;
		prev = cur;
		cur = t;
	}
	return prev[nb] > lim && prev[nb] >= FAR / 2 ? max + 1 : prev[nb] / 10.0;
}

double geo_norm_distance(const char *a, const char *b, double max)
{
	return distance_n(a, strlen(a), b, strlen(b), max);
}

double geo_norm_similarity_floor(const char *a, const char *b, double floor)
{
	if (strcmp(a, b) == 0)
		return 1.0;
	int ara = (unsigned char)a[0] >= 0x80, arb = (unsigned char)b[0] >= 0x80;
	if (ara || arb) {
		utf8proc_int32_t ca[GEO_NORM_MAX], cb[GEO_NORM_MAX];
		size_t na = decode(a, strlen(a), ca, GEO_NORM_MAX);
		size_t nb = decode(b, strlen(b), cb, GEO_NORM_MAX);
		size_t mx = na > nb ? na : nb, dl = na > nb ? na - nb : nb - na;
		if (mx == 0 || 1.0 - (double)dl / (double)mx < floor)
			return 0.0;
		size_t row0[GEO_NORM_MAX + 1], row1[GEO_NORM_MAX + 1];
		size_t *prev = row0, *cur = row1;
		for (size_t j = 0; j <= nb; j++)
			prev[j] = j;
		for (size_t i = 1; i <= na; i++) {
			cur[0] = i;
			for (size_t j = 1; j <= nb; j++) {
				size_t v = prev[j - 1] + (ca[i - 1] != cb[j - 1]);
				if (prev[j] + 1 < v)
					v = prev[j] + 1;
				if (cur[j - 1] + 1 < v)
					v = cur[j - 1] + 1;
				cur[j] = v;
			}
			size_t *t = prev;
			prev = cur;
			cur = t;
		}
		size_t m = na > nb ? na : nb;
		double sim = m ? 1.0 - (double)prev[nb] / (double)m : 0.0;
		return sim >= floor ? sim : 0.0;
	}
	size_t la = strlen(a), lb = strlen(b);
	double m = (double)(la > lb ? la : lb);
	if (m == 0)
		return 0;
	/* a consonant edit in an eight-letter key costs 0.2: different names
	 * one consonant apart (Kafr Zeid / Kafr Zita) must stay apart */
	double dl = (double)(la > lb ? la - lb : lb - la);
	if (1.0 - 1.6 * 0.4 * dl / m < floor)
		return 0.0; /* each missing letter costs at least a vowel */
	double lim = (1.0 - floor) * m / 1.6;
	double d = distance_n(a, la, b, lb, lim);
	if (d > lim)
		return 0.0;
	double s = 1.0 - 1.6 * d / m;
	return s < floor || s < 0 ? 0 : s;
}

double geo_norm_similarity(const char *a, const char *b)
{
	return geo_norm_similarity_floor(a, b, 0.0);
}
