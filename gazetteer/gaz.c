/* gaz.c — the geocoder (gaz.h): loads a gazetteer database into flat
 * arrays and answers lookups from memory.
 *
 * Index: every distinct (place, name key) pair is one entry of `names`;
 * two sorted hash arrays point into it: the exact-key index and the
 * skeleton index, which also holds every one-letter deletion of skeletons
 * of four letters or more (the symmetric-deletion trick of SymSpell, Garbe
 * 2012), so a query finds names one consonant away without scanning.
 *
 * A query is cut into segments (commas, brackets, " - ", ":", ">", a
 * possessive "'s"), each segment into phrases separated by type words
 * ("city", "town", "neighborhood"...) and prepositions (Arabic ones
 * written onto the next word, بريف, are taken off); phrases that name a
 * governorate or region ("southern suburbs of Idlib governorate", "Eastern
 * Ghouta", "ريف دمشق", the owner in "Idlib's Saraqeb") become context, the
 * others are looked up as places, a "neighborhood" phrase only inside its
 * town. The answer is the first place phrase found, or a later one inside
 * it ("Idlib Governorate - ... - Kafr Nabl"); a shared name goes by
 * prominence only when one place clearly dominates; "near", "outskirts",
 * "east of" keep the town at precision 2; a sub-district or district is
 * placed at its seat. Assumes the schema of gazetteer/schema.md. */
#include "gazetteer/gaz.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sqlite3.h>
#include <spatialite.h>

#include "gazetteer/facilities.h"
#include "gazetteer/normalize.h"

/* ---- storage ------------------------------------------------------------ */

enum kind { K_GOV, K_DIST, K_SUB, K_COMM, K_NEIGH, K_LAND, K_OTHER };

struct gplace {
	const char *pcode, *kind, *name_en, *name_ar, *admin1, *admin2, *admin3, *point_source;
	double lon, lat;       /* degrees */
	long long id, parent_id;
	long long population;  /* 0 when unknown */
	enum kind k;
	int a1;                /* governorate number 1..14 (SYnn), 0 unknown */
	int sub_centroid;      /* the point is its sub-district's centroid */
	uint32_t first_name, n_names; /* the place's names: names[first_name..+n_names) */
	/* prominence (the prior for a bare name several places share) */
	unsigned char seat;    /* a community named like its unit: 3 governorate,
	                          2 district, 1 sub-district seat, 0 none */
	unsigned short srcmask;/* name sources indexed for it (bit per SRC_*) */
	long long prom_pop;    /* population for the prior: its own, or for a quarter
	                          of a town 1/20 of the town's, or for a unit's seat
	                          of unknown size a third of its sub-district's */
	uint32_t seat_place;   /* units: index+1 of their seat community, 0 none */
	uint32_t pcode_twin;   /* a community without P-code: index+1 of the OCHA
	                          community at its point (mark_pcode_twins), 0 none */
	unsigned short reported; /* governorates reports also file it under (bit n:
	                            SYnn; the reported_admin1 table), besides a1 */
};

/* Name sources, one bit each in gplace.srcmask (names.source). */
static const char *const SRC_NAMES[] = {"ocha_admin", "ocha_communities", "ocha_points", "opensyria",
                                        "geonames", "osm", "syrianarchive", "curated"};
#define SRC_GEONAMES 4
#define SRC_SYRIANARCHIVE 6
#define N_SRC (sizeof SRC_NAMES / sizeof SRC_NAMES[0])

/* The Arabic letters that one Latin spelling stands for and the key
 * merges (ق q not k, ك k, خ kh, غ gh, ش sh), as a bit mask of the classes a
 * name shows, in either script. */
static unsigned char letter_mask(const char *s)
{
	unsigned char m = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		unsigned char c = *p, d = p[1];
		if (c == 0xD9 && d == 0x82)
			m |= 1; /* ق */
		else if (c == 0xD9 && d == 0x83)
			m |= 2; /* ك */
		else if (c == 0xD8 && d == 0xAE)
			m |= 4; /* خ */
		else if (c == 0xD8 && d == 0xBA)
			m |= 8; /* غ */
		else if (c == 0xD8 && d == 0xB4)
			m |= 16; /* ش */
		else if ((c | 0x20) == 'q')
			m |= 1;
		else if ((c | 0x20) == 'k')
			m |= (d | 0x20) == 'h' ? 4 : 2;
		else if ((c | 0x20) == 'g' && (d | 0x20) == 'h')
			m |= 8;
		else if (((c | 0x20) == 's' || (c | 0x20) == 'c') && (d | 0x20) == 'h')
			m |= 16;
	}
	return m;
}

struct gname {
	uint32_t place;
	const char *name;   /* as written */
	const char *key;    /* geo_norm_key */
	const char *skel;   /* geo_norm_skeleton */
	const char *lkey;   /* Arabic names: geo_norm_arabic_latin; Latin names: the key */
	const char *akey[2]; /* Latin names with dh or th: spoken_key() SPOKEN_TD and SPOKEN_D
	                        when they differ from the key (and each other), else NULL */
	uint64_t fhash;     /* spelling_hash of the folded name: exact spelling */
	uint64_t vhash;     /* vowel_hash: the spelling up to its vowels */
	unsigned char arabic;
	unsigned char klen, slen; /* strlen of key and skel, capped at 255 */
	unsigned char part;       /* a part of a longer name ("A - B"): weaker; 2 when
	                             it names another place (mark_qualifier_parts) */
	unsigned char split;      /* the part is one side of " - ", " / " or brackets */
	unsigned char dmask;      /* letter_mask: q, k, kh, gh, sh shown */
	unsigned char exo;        /* a GeoNames alternate unlike the place's other names
	                             (Berea, Emesa): matched as written only */
	unsigned char ayn1;       /* ayn_first(): a Latin name beginning with the word Ain */
	unsigned char dupkey;     /* an earlier name of the place has this key (and
	                             flags): it differs only where the key matches
	                             the query's (spelling_hash, vowel_hash) */
};

/* a part of a longer name scores a little lower; a part naming another
 * place (mark_qualifier_parts) lower still */
#define PART_FACTOR(n) ((n)->part == 2 ? 0.75 : (n)->part ? 0.95 : 1.0)

struct ient {
	uint64_t h;
	uint32_t name;
	uint32_t place_ar;  /* the name's place << 1 | arabic: checks without touching names[] */
};

struct chunk {
	struct chunk *next;
	size_t used, cap;
	char data[];
};

/* A phrase-class table: hash of a word/phrase key → class/admin1. */
struct ctxent {
	uint64_t h;
	int cls;              /* word class, or governorate index */
	char admin1[8];
};

struct admin_poly {
	char pcode[16];
	int level;
	GEOSGeometry *g;
	const GEOSPreparedGeometry *pg;
	double minx, miny, maxx, maxy;
};

struct geo_gaz {
	geo_ctx *ctx;
	char *path;
	uint64_t gov_sp_vh[48]; /* vowel_hash of each GOV_SPELLINGS phrase (gov_key_only) */
	int reduced;
	int adding_exo; /* while loading: the names added are exonyms (mark_exonyms) */
	struct chunk *arena;
	struct gplace *places;
	size_t n_places;
	struct gname *names;
	size_t n_names, cap_names;
	struct ient *kidx, *sidx;
	size_t n_kidx, n_sidx;
	uint32_t *kdir, *sdir;  /* DIR_SIZE+1 offsets: entries whose hash starts with b */
	struct ctxent *words;   /* word classes */
	size_t n_words;
	struct ctxent *regions; /* governorate and region phrases → admin1 */
	size_t n_regions;
	struct ctxent *reg_first, *reg_last; /* keys of their first and last words */
	size_t n_reg_first, n_reg_last;
	uint32_t gov_place[15]; /* index+1 of the governorate place of SY01..SY14 */
	uint32_t *unplaced;     /* the quarters placed at their city's point (indexes) */
	size_t n_unplaced;
	geo_facilities *fac;
	struct admin_poly *polys;
	size_t n_polys;
	int polys_loaded;
};

/* Copies src into dst of cap bytes, cut and terminated (snprintf "%s"
 * without its cost). */
static void copy_str(char *dst, size_t cap, const char *src)
{
	size_t n = strlen(src);
	if (n >= cap)
		n = cap - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h ? h : 1;
}

/* A folded Latin name past its leading article (al-, as-, el-...). Arabic
 * keeps its ال: dropping it made more wrong answers score high
 * (development set, held-out Arabic: 162 -> 182 wrong at >= 0.8). */
static const char *const ARTICLES[] = {"al", "el", "il", "ul", "ar", "er", "as", "es", "ash",
                                        "esh", "ad", "ed", "az", "ez", "at", "et", "an", "en",
                                        "ath", "adh", "ech", "ej", "ach", NULL};

/* 1 when the w bytes at s are an article: al-, as-, el-... or ال */
static int is_article(const char *s, size_t w)
{
	if (w == 4 && memcmp(s, "\xd8\xa7\xd9\x84", 4) == 0)
		return 1;
	for (size_t i = 0; ARTICLES[i]; i++)
		if (strlen(ARTICLES[i]) == w && memcmp(ARTICLES[i], s, w) == 0)
			return 1;
	return 0;
}

static const char *skip_article(const char *fold)
{
	/* a first word of two or three letters followed by a name */
	size_t w = 0;
	if (fold[0] && fold[1] && fold[1] != ' ')
		w = fold[2] == ' ' ? 2 : (fold[2] && fold[3] == ' ') ? 3 : 0;
	if (w && fold[w + 1] && (unsigned char)fold[0] < 0x80 && is_article(fold, w))
		return fold + w + 1;
	return fold;
}

/* The hash of a spelling: the folded name without a leading article and
 * without spaces. "Sweida" and "As-Sweida" are one spelling; "Qasab" and
 * "Kasab" are two (the key merges them). */
static uint64_t spelling_hash(const char *fold)
{
	fold = skip_article(fold);
	/* a final h after a vowel is the ta marbuta one writes or not
	 * (Al-Thawra / Al-Thawrah): not a spelling of its own */
	size_t L = strlen(fold);
	if (L >= 4 && fold[L - 1] == 'h' && strchr("aei", fold[L - 2]))
		L--;
	uint64_t h = 1469598103934665603ULL; /* FNV-1a, spaces skipped */
	for (const unsigned char *p = (const unsigned char *)fold; p < (const unsigned char *)fold + L; p++) {
		if (*p == ' ')
			continue;
		h ^= *p;
		h *= 1099511628211ULL;
	}
	return h;
}

/* The hash of a spelling up to its vowels as English and French write
 * them: ou oo o u are one vowel, ee i another, e a a third, ai ei ay one
 * diphthong, iya is ia; a doubled letter is one and a final h after a vowel
 * is none. "Mansoura" and "Mansura",
 * "Hazzeh" and "Hezzeh", "Rabee'a" and "Rabiah" are one such spelling;
 * "Saida" and "Sweida", "Bayda" and "Bayadah" are not (the key merges
 * them all). Arabic names: their spelling_hash. */
static uint64_t vowel_hash(const char *fold)
{
	if ((unsigned char)fold[0] >= 0x80)
		return spelling_hash(fold);
	fold = skip_article(fold);
	char v[GEO_NORM_MAX * 2];
	size_t n = 0;
	for (const char *p = fold; *p && n + 1 < sizeof v; p++) {
		char ch = *p;
		if (ch == ' ')
			continue;
		if ((ch == 'o' && (p[1] == 'u' || p[1] == 'o')) || (ch == 'e' && p[1] == 'e')) {
			ch = ch == 'e' ? 'i' : 'u';
			p++;
		} else if ((ch == 'a' || ch == 'e') && p[1] == 'i' && n + 2 < sizeof v) {
			v[n++] = 'a'; /* ai ei: ay */
			ch = 'y';
			p++;
		} else if (ch == 'y' && n && v[n - 1] == 'i') {
			const char *e = p;
			while (e[1] == 'y')
				e++;
			if (e[1] && strchr("aeiou", e[1])) {
				p = e;
				continue; /* iya, iyya: ia */
			}
		} else if (ch == 'o') {
			ch = 'u';
		} else if (ch == 'e') {
			ch = 'a';
		}
		if (n && v[n - 1] == ch)
			continue;
		v[n++] = ch;
	}
	if (n >= 4 && v[n - 1] == 'h' && strchr("aiu", v[n - 2]))
		n--;
	uint64_t h = 1469598103934665603ULL ^ 0x5a5a; /* FNV-1a, apart from spelling_hash's */
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)v[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static const char *arena_dup(geo_gaz *g, const char *s)
{
	size_t n;
	if (!s)
		return NULL;
	n = strlen(s) + 1;
	if (!g->arena || g->arena->used + n > g->arena->cap) {
		size_t cap = n > 65536 ? n : 65536;
		struct chunk *c = geo_malloc(sizeof *c + cap);
		if (!c)
			return NULL;
		c->next = g->arena;
		c->used = 0;
		c->cap = cap;
		g->arena = c;
	}
	char *d = g->arena->data + g->arena->used;
	memcpy(d, s, n);
	g->arena->used += n;
	return d;
}

static int ient_cmp(const void *a, const void *b)
{
	const struct ient *x = a, *y = b;
	if (x->h != y->h)
		return x->h < y->h ? -1 : 1;
	return x->name < y->name ? -1 : x->name > y->name;
}

static int ctxent_cmp(const void *a, const void *b)
{
	const struct ctxent *x = a, *y = b;
	return x->h < y->h ? -1 : x->h > y->h;
}

#define DIR_BITS 16
#define DIR_SIZE ((size_t)1 << DIR_BITS)

/* Bucket offsets of a sorted ient array by the top DIR_BITS of the hash. */
static uint32_t *ient_dir(const struct ient *v, size_t n)
{
	uint32_t *d = geo_malloc((DIR_SIZE + 1) * sizeof *d);
	size_t i = 0;
	if (!d)
		return NULL;
	for (size_t b = 0; b <= DIR_SIZE; b++) {
		while (i < n && (b == DIR_SIZE || (v[i].h >> (64 - DIR_BITS)) < b))
			i++;
		d[b] = (uint32_t)i;
	}
	return d;
}

/* First index of hash h in a sorted ient array (with its directory), or n. */
static size_t ient_find_dir(const struct ient *v, size_t n, const uint32_t *dir, uint64_t h)
{
	size_t b = (size_t)(h >> (64 - DIR_BITS));
	for (size_t i = dir[b]; i < dir[b + 1]; i++) {
		if (v[i].h == h)
			return i;
		if (v[i].h > h)
			break;
	}
	return n;
}

static const struct ctxent *ctx_find(const struct ctxent *v, size_t n, uint64_t h)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (v[mid].h < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && v[lo].h == h ? &v[lo] : NULL;
}

static enum kind kind_of(const char *k)
{
	if (!k)
		return K_OTHER;
	if (strcmp(k, "governorate") == 0)
		return K_GOV;
	if (strcmp(k, "district") == 0)
		return K_DIST;
	if (strcmp(k, "subdistrict") == 0)
		return K_SUB;
	if (strcmp(k, "community") == 0)
		return K_COMM;
	if (strcmp(k, "neighbourhood") == 0 || strcmp(k, "neighborhood") == 0)
		return K_NEIGH;
	if (strcmp(k, "landmark") == 0)
		return K_LAND;
	return K_OTHER;
}

static int gov_index(const char *admin1)
{
	if (!admin1 || strncmp(admin1, "SY", 2) != 0 || strlen(admin1) < 4)
		return 0;
	int v = (admin1[2] - '0') * 10 + (admin1[3] - '0');
	return v >= 1 && v <= 14 ? v : 0;
}

static double dist_km(double lon1, double lat1, double lon2, double lat2)
{
	double rlat = (lat1 + lat2) * 0.5 * M_PI / 180.0;
	double dx = (lon1 - lon2) * cos(rlat) * 111.32, dy = (lat1 - lat2) * 110.57;
	return sqrt(dx * dx + dy * dy);
}

/* ---- word classes and regions ------------------------------------------------ */

enum wcls {
	W_NONE,
	W_ADMIN,     /* governorate, province */
	W_SUBURB,    /* suburbs, countryside, rif */
	W_DIR,       /* northern, eastern... */
	W_STOP,      /* of, the, in, near */
	W_SETTLE,    /* city, town, village */
	W_SUBPLACE,  /* neighbourhood, street, square */
	W_UNIT,      /* district, subdistrict, area */
};

static const struct {
	const char *w;
	int cls;
} WORDS[] = {
	{"governorate", W_ADMIN}, {"governate", W_ADMIN}, {"governerate", W_ADMIN},
	{"province", W_ADMIN}, {"provence", W_ADMIN}, {"muhafaza", W_ADMIN}, {"muhafazat", W_ADMIN},
	{"mohafaza", W_ADMIN}, {"mohafazat", W_ADMIN}, {"gov", W_ADMIN}, {"governorates", W_ADMIN},
	{"محافظة", W_ADMIN}, {"محافظه", W_ADMIN},
	{"suburbs", W_SUBURB}, {"suburb", W_SUBURB}, {"countryside", W_SUBURB}, {"rif", W_SUBURB},
	{"reef", W_SUBURB}, {"rural", W_SUBURB}, {"outskirts", W_SUBURB}, {"environs", W_SUBURB},
	{"vicinity", W_SUBURB}, {"periphery", W_SUBURB}, {"surroundings", W_SUBURB},
	{"countrysides", W_SUBURB}, {"ريف", W_SUBURB}, {"ضواحي", W_SUBURB}, {"اطراف", W_SUBURB},
	{"north", W_DIR}, {"south", W_DIR}, {"east", W_DIR}, {"west", W_DIR}, {"northern", W_DIR},
	{"southern", W_DIR}, {"eastern", W_DIR}, {"western", W_DIR}, {"northeast", W_DIR},
	{"northwest", W_DIR}, {"southeast", W_DIR}, {"southwest", W_DIR}, {"northeastern", W_DIR},
	{"northwestern", W_DIR}, {"southeastern", W_DIR}, {"southwestern", W_DIR}, {"central", W_DIR},
	{"middle", W_DIR}, {"شمال", W_DIR}, {"جنوب", W_DIR},
	{"شرق", W_DIR}, {"غرب", W_DIR}, {"الشمالي", W_DIR}, {"الجنوبي", W_DIR}, {"الشرقي", W_DIR},
	{"الغربي", W_DIR}, {"الشمالية", W_DIR}, {"الجنوبية", W_DIR}, {"الشرقية", W_DIR},
	{"الغربية", W_DIR}, {"وسط", W_DIR},
	{"of", W_STOP}, {"the", W_STOP}, {"in", W_STOP}, {"near", W_STOP}, {"from", W_STOP},
	{"between", W_STOP}, {"and", W_STOP}, {"located", W_STOP}, {"which", W_STOP}, {"is", W_STOP},
	{"refugee", W_STOP}, {"refugees", W_STOP}, {"palestinian", W_STOP}, {"displaced", W_STOP},
	{"idp", W_STOP}, {"idps", W_STOP}, {"displacement", W_STOP}, {"النازحين", W_STOP},
	{"a", W_STOP}, {"an", W_STOP}, {"for", W_STOP}, {"people", W_STOP}, {"tent", W_STOP},
	{"tents", W_STOP}, {"time", W_STOP}, {"times", W_STOP}, {"second", W_STOP}, {"third", W_STOP},
	{"again", W_STOP}, {"its", W_STOP},
	{"للنازحين", W_STOP}, {"اللاجئين", W_STOP}, {"للاجئين", W_STOP}, {"لاجئين", W_STOP},
	{"نازحين", W_STOP}, {"المهجرين", W_STOP}, {"للمهجرين", W_STOP},
	{"part", W_STOP}, {"administratively", W_STOP}, {"outside", W_STOP}, {"inside", W_STOP},
	{"around", W_STOP}, {"town's", W_STOP}, {"في", W_STOP}, {"من", W_STOP}, {"قرب", W_STOP},
	{"بالقرب", W_STOP}, {"old", W_STOP}, {"القديمة", W_STOP}, {"القديم", W_STOP},
	/* distances ("21 km southwest of Safita", "على بعد 5 كم جنوب دوما") and
	 * belonging ("قرية الهبيط التابعة لمنطقة معرة النعمان") */
	{"km", W_STOP}, {"kms", W_STOP}, {"kilometres", W_STOP}, {"kilometers", W_STOP},
	{"kilometre", W_STOP}, {"kilometer", W_STOP}, {"miles", W_STOP}, {"about", W_STOP},
	{"approximately", W_STOP}, {"some", W_STOP}, {"كم", W_STOP}, {"كلم", W_STOP},
	{"كيلو", W_STOP}, {"كيلومتر", W_STOP}, {"كيلومترات", W_STOP},
	{"بعد", W_STOP}, {"مسافة", W_STOP}, {"حوالي", W_STOP}, {"نحو", W_STOP},
	{"التابعة", W_STOP}, {"التابع", W_STOP}, {"تابعة", W_STOP}, {"التابعه", W_STOP},
	{"تابع", W_STOP}, {"belonging", W_STOP}, {"affiliated", W_STOP},
	{"city", W_SETTLE}, {"town", W_SETTLE}, {"village", W_SETTLE}, {"villages", W_SETTLE},
	{"hamlet", W_SETTLE}, {"township", W_SETTLE}, {"farms", W_SETTLE}, {"مدينة", W_SETTLE},
	{"مدينه", W_SETTLE}, {"بلدة", W_SETTLE}, {"بلده", W_SETTLE}, {"قرية", W_SETTLE},
	{"قريه", W_SETTLE}, {"بلدات", W_SETTLE},
	{"neighborhood", W_SUBPLACE}, {"neighbourhood", W_SUBPLACE}, {"neighborhoods", W_SUBPLACE},
	{"neighbourhoods", W_SUBPLACE}, {"quarter", W_SUBPLACE}, {"street", W_SUBPLACE}, {"avenue", W_SUBPLACE},
	{"road", W_SUBPLACE}, {"roundabout", W_SUBPLACE}, {"square", W_SUBPLACE},
	{"highway", W_SUBPLACE}, {"camp", W_SUBPLACE}, {"market", W_SUBPLACE}, {"حي", W_SUBPLACE},
	{"احياء", W_SUBPLACE}, {"الاحياء", W_SUBPLACE}, /* "أحياء مدينة دمشق": the city's quarters */
	{"mosque", W_SUBPLACE}, {"مسجد", W_SUBPLACE}, {"جامع", W_SUBPLACE}, {"البلد", W_SETTLE},
	{"شارع", W_SUBPLACE}, {"ساحة", W_SUBPLACE}, {"دوار", W_SUBPLACE}, {"مخيم", W_SUBPLACE},
	{"طريق", W_SUBPLACE}, {"اوتوستراد", W_SUBPLACE}, {"اتوستراد", W_SUBPLACE},
	{"الطريق", W_SUBPLACE}, {"بين", W_STOP}, {"الواصل", W_STOP}, {"الواصلة", W_STOP},
	{"و", W_STOP},
	/* what happened, when a sentence is given for a place ("Airstrike
	 * on Kafr Nabl", "غارة جوية على كفرنبل"): none is a place name */
	{"airstrike", W_STOP}, {"airstrikes", W_STOP}, {"strike", W_STOP}, {"strikes", W_STOP},
	{"shelling", W_STOP}, {"shelled", W_STOP}, {"bombing", W_STOP}, {"bombed", W_STOP},
	{"bomb", W_STOP}, {"bombs", W_STOP}, {"barrel", W_STOP}, {"attack", W_STOP},
	{"attacks", W_STOP}, {"attacked", W_STOP}, {"targeted", W_STOP}, {"targeting", W_STOP},
	{"raid", W_STOP}, {"raids", W_STOP}, {"missile", W_STOP}, {"missiles", W_STOP},
	{"rocket", W_STOP}, {"rockets", W_STOP}, {"russian", W_STOP}, {"regime", W_STOP},
	{"forces", W_STOP}, {"warplanes", W_STOP}, {"warplane", W_STOP}, {"helicopter", W_STOP},
	{"helicopters", W_STOP}, {"artillery", W_STOP}, {"on", W_STOP}, {"syria", W_STOP}, {"syr", W_STOP},
	{"سوريا", W_STOP}, {"سورية", W_STOP},
	{"قصف", W_STOP}, {"غارة", W_STOP}, {"غارات", W_STOP}, {"جوية", W_STOP}, {"استهداف", W_STOP},
	{"استهدف", W_STOP}, {"براميل", W_STOP}, {"برميل", W_STOP}, {"صاروخ", W_STOP},
	{"صواريخ", W_STOP}, {"الطيران", W_STOP}, {"الحربي", W_STOP}, {"الروسي", W_STOP},
	{"المروحي", W_STOP}, {"هجوم", W_STOP}, {"هجمات", W_STOP}, {"اعتداء", W_STOP},
	{"قذائف", W_STOP}, {"قذيفة", W_STOP}, {"ضربة", W_STOP}, {"ضربات", W_STOP},
	{"مدفعي", W_STOP}, {"صاروخي", W_STOP}, {"جوي", W_STOP}, {"روسية", W_STOP},
	{"روسي", W_STOP}, {"متفجر", W_STOP}, {"متفجرة", W_STOP}, {"عنقودية", W_STOP},
	{"قنابل", W_STOP}, {"قنبلة", W_STOP}, {"mortar", W_STOP}, {"mortars", W_STOP},
	{"drone", W_STOP}, {"drones", W_STOP}, {"cluster", W_STOP}, {"munitions", W_STOP},
	{"shells", W_STOP}, {"shell", W_STOP}, {"coalition", W_STOP}, {"government", W_STOP},
	/* facilities: "Orient Hospital in Kafr Nabl" is in Kafr Nabl */
	{"hospital", W_SUBPLACE}, {"hospitals", W_SUBPLACE}, {"clinic", W_SUBPLACE},
	{"center", W_SUBPLACE}, {"centre", W_SUBPLACE}, {"school", W_SUBPLACE},
	{"dispensary", W_SUBPLACE}, {"bakery", W_SUBPLACE}, {"مشفى", W_SUBPLACE},
	{"المشفى", W_SUBPLACE}, {"مستشفى", W_SUBPLACE}, {"المستشفى", W_SUBPLACE},
	{"مركز", W_SUBPLACE}, {"المركز", W_SUBPLACE}, {"مستوصف", W_SUBPLACE},
	{"عيادة", W_SUBPLACE}, {"مدرسة", W_SUBPLACE}, {"المدرسة", W_SUBPLACE}, {"فرن", W_SUBPLACE},
	{"camps", W_SUBPLACE}, {"مخيمات", W_SUBPLACE}, {"crossing", W_SUBPLACE},
	{"معبر", W_SUBPLACE},
	{"district", W_UNIT}, {"districts", W_UNIT}, {"subdistrict", W_UNIT}, {"nahiya", W_UNIT}, {"nahiyah", W_UNIT},
	{"county", W_UNIT}, {"nahiyah", W_UNIT}, {"mantiqah", W_UNIT}, {"mintaqa", W_UNIT},
	{"mantiqa", W_UNIT}, {"muhafazah", W_ADMIN}, {"area", W_UNIT}, {"region", W_UNIT}, {"ناحية", W_UNIT},
	{"منطقة", W_UNIT}, {"منطقه", W_UNIT},
};

/* Region phrases (facts about Syria's geography) → governorate. */
static const struct {
	const char *phrase;
	const char *admin1;
} REGIONS[] = {
	{"ghouta", "SY03"}, {"eastern ghouta", "SY03"}, {"western ghouta", "SY03"},
	{"damascus suburbs", "SY03"}, {"suburbs damascus", "SY03"}, {"rif dimashq", "SY03"},
	{"rif dimashk", "SY03"}, {"rif damascus", "SY03"}, {"reef damascus", "SY03"},
	{"rural damascus", "SY03"}, {"damascus countryside", "SY03"}, {"countryside damascus", "SY03"},
	{"damascus rural", "SY03"}, {"qalamoun", "SY03"}, {"qalamun", "SY03"},
	{"ريف دمشق", "SY03"}, {"الغوطة", "SY03"}, {"الغوطة الشرقية", "SY03"},
	{"الغوطة الغربية", "SY03"}, {"القلمون", "SY03"},
	{"jabal zawiya", "SY07"}, {"zawiya mountain", "SY07"}, {"جبل الزاوية", "SY07"},
	{"ghab", "SY05"}, {"ghab plain", "SY05"}, {"sahl ghab", "SY05"}, {"سهل الغاب", "SY05"},
	{"jabal akrad", "SY06"}, {"jabal turkman", "SY06"}, {"kurd mountain", "SY06"},
	{"kurds mountain", "SY06"}, {"turkmen mountain", "SY06"}, {"جبل الاكراد", "SY06"},
	{"جبل التركمان", "SY06"},
	{"hauran", "SY12"}, {"houran", "SY12"}, {"horan", "SY12"}, {"حوران", "SY12"},
	{"wadi barada", "SY03"}, {"وادي بردى", "SY03"}, {"lajat", "SY12"}, {"laja", "SY12"},
	{"اللجاة", "SY12"},
};

/* Extra spellings of governorate names (besides the gazetteer's own). */
static const struct {
	const char *phrase;
	const char *admin1;
} GOV_SPELLINGS[] = {
	{"deir ezzor", "SY09"}, {"deir ezor", "SY09"}, {"deirezzor", "SY09"}, {"dair ezzor", "SY09"},
	{"raqqa", "SY11"}, {"rakka", "SY11"}, {"hasaka", "SY08"}, {"hassakeh", "SY08"},
	{"hasakeh", "SY08"}, {"sweida", "SY13"}, {"suwayda", "SY13"}, {"sweyda", "SY13"},
	{"daraa", "SY12"}, {"deraa", "SY12"}, {"dara", "SY12"}, {"quneitra", "SY14"},
	{"qunaitra", "SY14"}, {"kuneitra", "SY14"}, {"lattakia", "SY06"}, {"latakia", "SY06"},
	{"ladhiqiyah", "SY06"}, {"tartous", "SY10"}, {"tartus", "SY10"}, {"idlib", "SY07"},
	{"idleb", "SY07"}, {"edlib", "SY07"}, {"aleppo", "SY02"}, {"halab", "SY02"}, {"homs", "SY04"},
	{"hims", "SY04"}, {"hama", "SY05"}, {"hamah", "SY05"}, {"damascus", "SY01"},
	{"dimashq", "SY01"},
};

static enum geo_status add_ctxent(struct ctxent **v, size_t *n, size_t *cap, uint64_t h, int cls,
                                  const char *admin1)
{
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 256;
		struct ctxent *nv = geo_realloc(*v, nc * sizeof *nv);
		if (!nv)
			return GEO_ERR_NOMEM;
		*v = nv;
		*cap = nc;
	}
	(*v)[*n].h = h;
	(*v)[*n].cls = cls;
	snprintf((*v)[*n].admin1, sizeof (*v)[*n].admin1, "%s", admin1 ? admin1 : "");
	(*n)++;
	return GEO_OK;
}

/* Context tables use the folded word for classes (exact words) and the
 * name key for regions and governorates (any spelling). */
static uint64_t word_hash(const char *folded_word)
{
	return hash_str(folded_word);
}

static enum geo_status build_context(geo_gaz *g)
{
	size_t cap = 0;
	char f[GEO_NORM_MAX * 2], k[GEO_NORM_MAX * 2];
	for (size_t i = 0; i < sizeof WORDS / sizeof WORDS[0]; i++) {
		geo_norm_fold(WORDS[i].w, f, sizeof f);
		if (add_ctxent(&g->words, &g->n_words, &cap, word_hash(f), WORDS[i].cls, NULL) != GEO_OK)
			return GEO_ERR_NOMEM;
	}
	qsort(g->words, g->n_words, sizeof *g->words, ctxent_cmp);
	cap = 0;
	for (size_t i = 0; i < sizeof REGIONS / sizeof REGIONS[0]; i++) {
		geo_norm_key(REGIONS[i].phrase, k, sizeof k);
		if (add_ctxent(&g->regions, &g->n_regions, &cap, hash_str(k), 1, REGIONS[i].admin1) != GEO_OK)
			return GEO_ERR_NOMEM;
	}
	_Static_assert(sizeof GOV_SPELLINGS / sizeof GOV_SPELLINGS[0] <= sizeof g->gov_sp_vh / sizeof g->gov_sp_vh[0],
	               "gov_sp_vh holds every GOV_SPELLINGS phrase");
	for (size_t i = 0; i < sizeof GOV_SPELLINGS / sizeof GOV_SPELLINGS[0]; i++) {
		char gf[GEO_NORM_MAX * 2];
		geo_norm_fold(GOV_SPELLINGS[i].phrase, gf, sizeof gf);
		g->gov_sp_vh[i] = vowel_hash(gf);
		geo_norm_key(GOV_SPELLINGS[i].phrase, k, sizeof k);
		if (add_ctxent(&g->regions, &g->n_regions, &cap, hash_str(k), 0, GOV_SPELLINGS[i].admin1) != GEO_OK)
			return GEO_ERR_NOMEM;
	}
	/* every name of every governorate in the gazetteer */
	for (size_t i = 0; i < g->n_names; i++) {
		const struct gplace *p = &g->places[g->names[i].place];
		if (p->k != K_GOV || !p->pcode)
			continue;
		if (add_ctxent(&g->regions, &g->n_regions, &cap, hash_str(g->names[i].key), 0, p->pcode) != GEO_OK)
			return GEO_ERR_NOMEM;
	}
	qsort(g->regions, g->n_regions, sizeof *g->regions, ctxent_cmp);
	/* their first and last words: a run of words is tried as ending or
	 * starting with one only when its edge word is one */
	size_t capf = 0, capl = 0;
	for (size_t i = 0; i < sizeof REGIONS / sizeof REGIONS[0] + sizeof GOV_SPELLINGS / sizeof GOV_SPELLINGS[0] +
	                           g->n_names;
	     i++) {
		const char *ph;
		size_t nr = sizeof REGIONS / sizeof REGIONS[0], ng = sizeof GOV_SPELLINGS / sizeof GOV_SPELLINGS[0];
		if (i < nr) {
			ph = REGIONS[i].phrase;
		} else if (i < nr + ng) {
			ph = GOV_SPELLINGS[i - nr].phrase;
		} else {
			const struct gname *n = &g->names[i - nr - ng];
			if (g->places[n->place].k != K_GOV)
				continue;
			ph = n->name;
		}
		char w[GEO_NORM_MAX * 2];
		geo_norm_fold(ph, f, sizeof f);
		size_t a = strcspn(f, " ");
		snprintf(w, sizeof w, "%.*s", (int)a, f);
		geo_norm_key_folded(w, k, sizeof k);
		if (add_ctxent(&g->reg_first, &g->n_reg_first, &capf, hash_str(k), 0, NULL) != GEO_OK)
			return GEO_ERR_NOMEM;
		const char *l = strrchr(f, ' ');
		geo_norm_key_folded(l ? l + 1 : f, k, sizeof k);
		if (add_ctxent(&g->reg_last, &g->n_reg_last, &capl, hash_str(k), 0, NULL) != GEO_OK)
			return GEO_ERR_NOMEM;
	}
	qsort(g->reg_first, g->n_reg_first, sizeof *g->reg_first, ctxent_cmp);
	qsort(g->reg_last, g->n_reg_last, sizeof *g->reg_last, ctxent_cmp);
	return GEO_OK;
}

/* 1 when folded word w has the key of the first (or last) word of a
 * governorate's or region's name (a quick test before whole keys are
 * compared). */
static int region_edge(const geo_gaz *g, const char *w, int last)
{
	char k[GEO_NORM_MAX * 2];
	geo_norm_key_folded(w, k, sizeof k);
	return last ? ctx_find(g->reg_last, g->n_reg_last, hash_str(k)) != NULL
	            : ctx_find(g->reg_first, g->n_reg_first, hash_str(k)) != NULL;
}

/* ---- loading ----------------------------------------------------------------- */

static int source_excluded(const char *list, const char *src)
{
	size_t n;
	if (!list || !src)
		return 0;
	n = strlen(src);
	for (const char *p = list; *p;) {
		const char *e = strchr(p, ',');
		size_t l = e ? (size_t)(e - p) : strlen(p);
		if (l == n && strncmp(p, src, n) == 0)
			return 1;
		if (!e)
			break;
		p = e + 1;
	}
	return 0;
}

static int place_cmp_id(const void *a, const void *b)
{
	const struct gplace *x = a, *y = b;
	return x->id < y->id ? -1 : x->id > y->id;
}

static long find_place_id(const geo_gaz *g, long long id)
{
	size_t lo = 0, hi = g->n_places;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (g->places[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < g->n_places && g->places[lo].id == id ? (long)lo : -1;
}

static const char *col_text(geo_gaz *g, sqlite3_stmt *st, int i, int *oom)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	const char *d;
	if (!t || !*t)
		return NULL;
	d = arena_dup(g, (const char *)t);
	if (!d)
		*oom = 1;
	return d;
}

/* 1 when a folded Latin name begins with the word Ain (عين, a spring)
 * before another word: "Ain al-Arab". Its key writes Ain "in" and drops
 * the ʿayn, a consonant in Arabic, so that it differs from a name without
 * the word by little more than a vowel ("inarab", "nirab"). */
static int ayn_first(const char *fold)
{
	const char *g;
	return (fold[0] == 'a' || fold[0] == 'e') && (g = geo_norm_generic_first(fold)) && strcmp(g, "ayn") == 0;
}

/* The key of a Latin name read as Syrians speak its digraphs, into buf; 0
 * when the name has no such digraph. SPOKEN_T (a query): th as t (ث spoken
 * t: "Haritan" for Harithan). SPOKEN_TD (a name): th as t and dh as d (ذ
 * and ض spoken d: "Hader" for Hadher, al-Hader's الحاضر). SPOKEN_D (a
 * name): th and dh as d (OCHA writes ذ and ظ th: "Umm al-Mayadin" for Um
 * Elmayathen). (A query's dh as d is a variant of its own: try_variants.) */
enum spoken { SPOKEN_T, SPOKEN_TD, SPOKEN_D };

static size_t spoken_key(const char *fold, enum spoken mode, char *buf, size_t cap)
{
	char f[GEO_NORM_MAX * 2];
	size_t o = 0;
	int any = 0;
	if ((unsigned char)fold[0] >= 0x80 || (!(mode != SPOKEN_T && strstr(fold, "dh")) && !strstr(fold, "th")))
		return 0;
	for (const char *p = fold; *p && o + 1 < sizeof f; p++) {
		int dh = *p == 'd' && mode != SPOKEN_T, th = *p == 't';
		f[o++] = th && mode == SPOKEN_D && p[1] == 'h' ? 'd' : *p;
		if ((dh || th) && p[1] == 'h') {
			p++; /* (the h dropped) */
			any = 1;
		}
	}
	f[o] = '\0';
	if (!any)
		return 0;
	return geo_norm_key_folded(f, buf, cap);
}

/* Add a name of place pi unless the place has it already: the same key
 * spelt the same (spelling_hash), so that OSM's "Duweir Raslan" beside
 * OCHA's "Dweir Raslan" is a spelling the place has (the exact-spelling
 * rules read it); build_indexes() keeps such second spellings cheap. */
static enum geo_status add_name_as(geo_gaz *g, uint32_t pi, const char *name, int part)
{
	char f[GEO_NORM_MAX * 2], k[GEO_NORM_MAX * 2], s[GEO_NORM_MAX * 2];
	struct gname *n;
	geo_norm_fold(name, f, sizeof f);
	geo_norm_key_folded(f, k, sizeof k);
	if (!k[0])
		return GEO_OK;
	geo_norm_skeleton_keyed(f, k, s, sizeof s);
	char l[GEO_NORM_MAX * 2];
	geo_norm_arabic_latin(f, l, sizeof l);
	/* names of one place are loaded together: look back for a duplicate
	 * (an exonym's spellings are kept apart: it is matched as written) */
	uint64_t fh = spelling_hash(f), vh = vowel_hash(f);
	for (size_t i = g->n_names; i-- > 0 && g->names[i].place == pi;)
		if (strcmp(g->names[i].key, k) == 0 && g->names[i].fhash == fh) {
			/* (a name given whole is no longer only a part: the
			 * Syrian Archive's "حي الفردوس" gave الفردوس as a part, the
			 * curated list gives it whole) */
			if (!part)
				g->names[i].part = 0;
			return GEO_OK;
		}
	struct gname *nv = geo_grow(g->names, &g->cap_names, g->n_names + 1, sizeof *nv, 16384);
	if (!nv)
		return GEO_ERR_NOMEM;
	g->names = nv;
	n = &g->names[g->n_names];
	n->place = pi;
	n->name = arena_dup(g, name);
	n->key = arena_dup(g, k);
	n->skel = arena_dup(g, s);
	n->lkey = l[0] ? arena_dup(g, l) : n->key;
	n->akey[0] = n->akey[1] = NULL;
	for (int m = 0; m < 2; m++) {
		char ak[GEO_NORM_MAX * 2];
		if (!spoken_key(f, m ? SPOKEN_D : SPOKEN_TD, ak, sizeof ak) || strcmp(ak, k) == 0 ||
		    (n->akey[0] && strcmp(ak, n->akey[0]) == 0))
			continue;
		if (!(n->akey[m] = arena_dup(g, ak)))
			return GEO_ERR_NOMEM;
	}
	n->arabic = (unsigned char)((unsigned char)k[0] >= 0x80);
	n->fhash = fh;
	n->vhash = vh;
	n->part = (unsigned char)(part ? 1 : 0);
	n->split = 0;
	n->exo = (unsigned char)(g->adding_exo ? 2 : 0); /* decided by resolve_exonyms() */
	n->dmask = letter_mask(name);
	n->ayn1 = (unsigned char)ayn_first(f);
	n->klen = (unsigned char)(strlen(k) > 255 ? 255 : strlen(k));
	n->slen = (unsigned char)(strlen(s) > 255 ? 255 : strlen(s));
	if (!n->name || !n->key || !n->skel || !n->lkey)
		return GEO_ERR_NOMEM;
	if (g->places[pi].n_names == 0)
		g->places[pi].first_name = (uint32_t)g->n_names;
	g->places[pi].n_names++;
	g->n_names++;
	return GEO_OK;
}

static enum geo_status add_name(geo_gaz *g, uint32_t pi, const char *name)
{
	return add_name_as(g, pi, name, 0);
}

/* name as a part of another name of place pi (scored a little lower). */
static enum geo_status add_part(geo_gaz *g, uint32_t pi, const char *name)
{
	return add_name_as(g, pi, name, 1);
}

/* OCHA writes two names of one community as "Thalabiyah - Big Jkal" and
 * a quarter as "Damascus (Joubar)": each part is a name of the place too. */
static enum geo_status add_name_parts(geo_gaz *g, uint32_t pi, const char *name)
{
	char buf[512];
	const char *seps[] = {" - ", " / ", "(", ")"};
	int has = 0;
	/* "Madinet Sad Tishrine", "مدينة سدّ تشرين", "قرية شريفا", "حي الشعار":
	 * reports write the word city, town, village, quarter or camp before
	 * the name or not at all (and the parser reads it as a word, not a
	 * name) */
	static const char *const city[] = {"Madinet ", "Madinat ", "Medinet ", "Mdinet ", "مدينة ",
	                                   "قرية ", "بلدة ", "ضيعة ", "حي ", "مخيم "};
	/* ... and "Yarmouk Camp": the kind of place after it (not a street's
	 * or a square's word: Bab Street is not al-Bab) */
	static const char *const kind_after[] = {" Camp", " camp", " Neighborhood", " neighborhood",
	                                         " Neighbourhood", " neighbourhood", " Quarter",
	                                         " quarter"};
	size_t nl = strlen(name);
	for (size_t k = 0; k < sizeof kind_after / sizeof kind_after[0]; k++) {
		size_t kl = strlen(kind_after[k]);
		if (nl > kl + 2 && nl < sizeof buf && strcmp(name + nl - kl, kind_after[k]) == 0) {
			memcpy(buf, name, nl - kl);
			buf[nl - kl] = '\0';
			enum geo_status rc = add_part(g, pi, buf);
			if (rc != GEO_OK)
				return rc;
		}
	}
	/* OCHA translates a castle's word: "Nejem Castle" is Qalaat Najm
	 * (قلعة نجم) as reports write it */
	if (nl > 9 && nl < sizeof buf - 8 && strcmp(name + nl - 7, " Castle") == 0) {
		snprintf(buf, sizeof buf, "Qalaat %.*s", (int)(nl - 7), name);
		enum geo_status rc = add_part(g, pi, buf);
		if (rc != GEO_OK)
			return rc;
	}
	/* an article written onto the first word (Alfauri, Almilk: الفاعوري,
	 * الملك) is read apart too, the name as written kept (Almadar is
	 * علمدار, ʿAlamdar) */
	if ((name[0] == 'A' || name[0] == 'E' || name[0] == 'a' || name[0] == 'e') && name[1] == 'l' &&
	    isalpha((unsigned char)name[2]) && !strchr("aeiouyl", tolower((unsigned char)name[2]))) {
		size_t wl = strcspn(name, " -");
		if (wl >= 5 && strlen(name) + 2 < sizeof buf) {
			snprintf(buf, sizeof buf, "al %s", name + 2);
			enum geo_status rc = add_part(g, pi, buf);
			if (rc != GEO_OK)
				return rc;
		}
	}
	/* (each begins with M or an Arabic letter) */
	for (size_t k = 0; (name[0] == 'M' || name[0] == 'm' || (unsigned char)name[0] >= 0x80) &&
	                   k < sizeof city / sizeof city[0];
	     k++) {
		size_t cl = strlen(city[k]);
		if (strncasecmp(name, city[k], cl) == 0 && strlen(name + cl) >= 3) {
			enum geo_status rc = add_part(g, pi, name + cl);
			if (rc != GEO_OK)
				return rc;
		}
	}
	for (size_t k = 0; k < 4; k++)
		has |= strstr(name, seps[k]) != NULL;
	if (!has || strlen(name) >= sizeof buf)
		return GEO_OK;
	copy_str(buf, sizeof buf, name);
	/* cut at each separator */
	char *parts[8];
	size_t np = 0;
	char *p = buf;
	parts[np++] = p;
	while (*p && np < 8) {
		size_t skip = 0;
		if (strncmp(p, " - ", 3) == 0 || strncmp(p, " / ", 3) == 0)
			skip = 3;
		else if (*p == '(' || *p == ')')
			skip = 1;
		if (skip) {
			*p = '\0';
			p += skip;
			parts[np++] = p;
		} else {
			p++;
		}
	}
	for (size_t i = 0; i < np; i++) {
		char *t = parts[i];
		while (*t == ' ')
			t++;
		size_t L = strlen(t);
		while (L && t[L - 1] == ' ')
			t[--L] = '\0';
		if (L >= 3) {
			size_t before = g->n_names;
			enum geo_status rc = add_part(g, pi, t);
			if (rc != GEO_OK)
				return rc;
			if (g->n_names > before)
				g->names[before].split = 1;
		}
	}
	return GEO_OK;
}

struct rawname {
	uint32_t place;
	const char *name;
	int geonames; /* from GeoNames' alternate names only */
	int exo;      /* ... and unlike the place's other names (mark_exonyms) */
	int copy;     /* a unit's name given to its seat (seat_city_of) */
};

/* A hash of a name up to ASCII case. */
static uint64_t name_hash_nocase(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		h ^= c >= 'A' && c <= 'Z' ? c | 0x20 : c;
		h *= 1099511628211ULL;
	}
	return h ? h : 1;
}

/* A unit's name given to its seat is dropped when another community bears
 * it: OpenSyria names the Karama sub-district جديدة خابور, which is OSM's
 * Jdidet Khabur, and Mansura's أبو هريرة, OSM's Abu Horaira. */
static enum geo_status drop_taken_copies(const geo_gaz *g, struct rawname *raw, size_t *n_raw)
{
	size_t n = *n_raw, cap = 64, ncopy = 0;
	for (size_t i = 0; i < n; i++)
		ncopy += raw[i].copy;
	if (!ncopy)
		return GEO_OK;
	while (cap < 2 * n)
		cap *= 2;
	struct {
		uint64_t h;
		uint32_t place; /* index+1; UINT32_MAX for several */
	} *t = geo_calloc(cap, sizeof *t);
	if (!t)
		return GEO_ERR_NOMEM;
	for (size_t i = 0; i < n; i++) {
		if (raw[i].copy || g->places[raw[i].place].k != K_COMM)
			continue;
		uint64_t h = name_hash_nocase(raw[i].name);
		size_t j = h & (cap - 1);
		while (t[j].h && t[j].h != h)
			j = (j + 1) & (cap - 1);
		if (!t[j].h) {
			t[j].h = h;
			t[j].place = raw[i].place + 1;
		} else if (t[j].place != raw[i].place + 1)
			t[j].place = UINT32_MAX;
	}
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		if (raw[i].copy) {
			uint64_t h = name_hash_nocase(raw[i].name);
			size_t j = h & (cap - 1);
			while (t[j].h && t[j].h != h)
				j = (j + 1) & (cap - 1);
			if (t[j].h && t[j].place != raw[i].place + 1)
				continue;
		}
		raw[o++] = raw[i];
	}
	*n_raw = o;
	free(t);
	return GEO_OK;
}

/* Room for n raw names in *raw (capacity *cap), doubling from 32768. */
static enum geo_status raw_reserve(struct rawname **raw, size_t *cap, size_t n)
{
	if (n <= *cap)
		return GEO_OK;
	size_t nc = *cap ? *cap * 2 : 32768;
	while (nc < n)
		nc *= 2;
	struct rawname *nv = geo_realloc(*raw, nc * sizeof *nv);
	if (!nv)
		return GEO_ERR_NOMEM;
	*raw = nv;
	*cap = nc;
	return GEO_OK;
}

static int rawname_cmp(const void *a, const void *b)
{
	const struct rawname *x = a, *y = b;
	return x->place < y->place ? -1 : x->place > y->place;
}

/* The skeleton with each g read as qaf (k) into d; 0 when it has no g. */
static int g_as_qaf(const char *skel, char *d)
{
	int any = 0;
	size_t i;
	for (i = 0; skel[i]; i++) {
		d[i] = skel[i] == 'g' ? 'k' : skel[i];
		any |= skel[i] == 'g';
	}
	d[i] = '\0';
	return any;
}

/* 1 when a written name ends in a vowel and h (-ah, -eh: final_ha_elided()
 * reads it) */
static int ends_vowel_h(const char *name)
{
	size_t l = strlen(name);
	return l >= 3 && (name[l - 1] == 'h' || name[l - 1] == 'H') && strchr("aeiouAEIOU", name[l - 2]) != NULL;
}

static enum geo_status build_indexes(geo_gaz *g)
{
	size_t cap = g->n_names * 8 + 16;
	size_t n_alt = 0;
	for (size_t i = 0; i < g->n_names; i++)
		n_alt += (g->names[i].akey[0] != NULL) + (g->names[i].akey[1] != NULL);
	g->kidx = geo_malloc((g->n_names + n_alt) * sizeof *g->kidx + 1);
	g->sidx = geo_malloc(cap * sizeof *g->sidx);
	if (!g->kidx || !g->sidx)
		return GEO_ERR_NOMEM;
	for (size_t i = 0; i < g->n_names; i++) {
		struct gname *n = &g->names[i];
		char d[GEO_NORM_MAX * 2];
		size_t L = strlen(n->skel);
		uint32_t pa = n->place << 1 | n->arabic;
		g->kidx[g->n_kidx].h = hash_str(n->key);
		g->kidx[g->n_kidx].place_ar = pa;
		g->kidx[g->n_kidx++].name = (uint32_t)i;
		for (int m = 0; m < 2; m++) /* found by its spoken readings too */
			if (n->akey[m]) {
				g->kidx[g->n_kidx].h = hash_str(n->akey[m]);
				g->kidx[g->n_kidx].place_ar = pa;
				g->kidx[g->n_kidx++].name = (uint32_t)i;
			}
		/* a spelling of a key the place has already (OSM's "Duweir
		 * Raslan" beside OCHA's "Dweir Raslan"): found by its key, scored
		 * apart only against the query's key; its skeleton is indexed */
		n->dupkey = 0;
		for (size_t j = g->places[n->place].first_name; j < i && !n->dupkey; j++) {
			const struct gname *o = &g->names[j];
			n->dupkey = o->arabic == n->arabic && o->klen == n->klen && o->part == n->part &&
			            o->split == n->split && o->dmask == n->dmask && !o->exo && !n->exo &&
			            !o->dupkey && ends_vowel_h(o->name) == ends_vowel_h(n->name) &&
			            strcmp(o->key, n->key) == 0;
		}
		if (!L || n->dupkey)
			continue;
		if (g->n_sidx + L + 2 > cap) {
			size_t nc = cap * 2 + L + 1;
			struct ient *nv = geo_realloc(g->sidx, nc * sizeof *nv);
			if (!nv)
				return GEO_ERR_NOMEM;
			g->sidx = nv;
			cap = nc;
		}
		g->sidx[g->n_sidx].h = hash_str(n->skel);
		g->sidx[g->n_sidx].place_ar = pa;
		g->sidx[g->n_sidx++].name = (uint32_t)i;
		/* a Latin g is qaf more often than ghayn (Shegag = Shaqaq): the
		 * name is found under its skeleton with q too */
		if (!n->arabic && L < sizeof d && g_as_qaf(n->skel, d)) {
			g->sidx[g->n_sidx].h = hash_str(d);
			g->sidx[g->n_sidx].place_ar = pa;
			g->sidx[g->n_sidx++].name = (uint32_t)i;
		}
		if (L >= 4 && L < sizeof d) {
			for (size_t j = 0; j < L; j++) {
				if (j > 0 && n->skel[j] == n->skel[j - 1])
					continue; /* same deletion as the previous one */
				memcpy(d, n->skel, j);
				memcpy(d + j, n->skel + j + 1, L - j);
				g->sidx[g->n_sidx].h = hash_str(d) ^ 0x9E3779B97F4A7C15ULL;
				g->sidx[g->n_sidx].place_ar = pa;
				g->sidx[g->n_sidx++].name = (uint32_t)i;
			}
		}
	}
	qsort(g->kidx, g->n_kidx, sizeof *g->kidx, ient_cmp);
	qsort(g->sidx, g->n_sidx, sizeof *g->sidx, ient_cmp);
	g->kdir = ient_dir(g->kidx, g->n_kidx);
	g->sdir = ient_dir(g->sidx, g->n_sidx);
	if (!g->kdir || !g->sdir)
		return GEO_ERR_NOMEM;
	return GEO_OK;
}

/* An admin unit with the keys of its names, for mark_seats(). */
struct unit_key {
	const struct gplace *p;
	char en[GEO_NORM_MAX], ar[GEO_NORM_MAX];
};

static int unit_cmp(const void *a, const void *b)
{
	const struct unit_key *x = a, *y = b;
	return strcmp(x->p->pcode, y->p->pcode);
}

static void unit_keys(struct unit_key *u, const struct gplace *p)
{
	u->p = p;
	u->en[0] = u->ar[0] = '\0';
	if (p->name_en)
		geo_norm_key(p->name_en, u->en, sizeof u->en);
	if (p->name_ar)
		geo_norm_key(p->name_ar, u->ar, sizeof u->ar);
}

/* 1 when the community (keys en, ar) bears the name of unit u: their
 * English or their Arabic names have one key ("Duma" in Duma). */
static int same_name(const char *en, const char *ar, const struct unit_key *u)
{
	return (en[0] && strcmp(en, u->en) == 0) || (ar[0] && strcmp(ar, u->ar) == 0);
}

/* Admin seats: a community that shares the name of its sub-district (1),
 * district (2) or governorate (3) is that unit's seat (the OCHA units are
 * named after their seat). Sets gplace.seat, and the unit's seat_place
 * (the largest such community when sources disagree). A seat whose own
 * population is unknown is given a third of its sub-district's (a sixth
 * of its district's) for the prior: a sub-district seat is a town, not a
 * hamlet of the same name. Each name is keyed once. */
#define SEAT_FUZZY 0.85 /* a seat spelt unlike its unit: the least similarity */

static enum geo_status mark_seats(geo_gaz *g)
{
	struct unit_key *units = NULL, gov[15];
	size_t n = 0;
	for (size_t i = 0; i < g->n_places; i++)
		n += (g->places[i].k == K_SUB || g->places[i].k == K_DIST) && g->places[i].pcode;
	units = geo_malloc((n ? n : 1) * sizeof *units);
	if (!units)
		return GEO_ERR_NOMEM;
	n = 0;
	for (size_t i = 0; i < g->n_places; i++)
		if ((g->places[i].k == K_SUB || g->places[i].k == K_DIST) && g->places[i].pcode)
			unit_keys(&units[n++], &g->places[i]);
	qsort(units, n, sizeof *units, unit_cmp);
	double *fuzzy_sim = geo_calloc(n ? n : 1, sizeof *fuzzy_sim);
	uint32_t *fuzzy_seat = geo_calloc(n ? n : 1, sizeof *fuzzy_seat);
	if (!fuzzy_sim || !fuzzy_seat) {
		free(units);
		free(fuzzy_sim);
		free(fuzzy_seat);
		return GEO_ERR_NOMEM;
	}
	for (int a = 1; a < 15; a++) {
		gov[a].p = NULL;
		if (g->gov_place[a])
			unit_keys(&gov[a], &g->places[g->gov_place[a] - 1]);
	}
	for (size_t i = 0; i < g->n_places; i++) {
		struct gplace *c = &g->places[i];
		char en[GEO_NORM_MAX] = "", ar[GEO_NORM_MAX] = "";
		if (c->k != K_COMM)
			continue;
		if (c->name_en)
			geo_norm_key(c->name_en, en, sizeof en);
		if (c->name_ar)
			geo_norm_key(c->name_ar, ar, sizeof ar);
		struct gplace *seat_of[3] = {NULL, NULL, NULL};
		if (c->a1 > 0 && c->a1 < 15 && gov[c->a1].p && same_name(en, ar, &gov[c->a1])) {
			c->seat = 3;
			seat_of[2] = &g->places[g->gov_place[c->a1] - 1];
		}
		const char *codes[2] = {c->admin2, c->admin3};
		for (int j = 0; j < 2; j++) {
			struct gplace kp;
			struct unit_key key;
			const struct unit_key *u;
			if (!codes[j])
				continue;
			kp.pcode = codes[j];
			key.p = &kp;
			u = bsearch(&key, units, n, sizeof *units, unit_cmp);
			if (u && same_name(en, ar, u)) {
				if (c->seat < 2 - j)
					c->seat = (unsigned char)(2 - j);
				seat_of[1 - j] = &g->places[u->p - g->places];
			} else if (u && en[0] && u->en[0]) {
				/* spelt apart by the sources ("Quamishli" in
				 * "Al-Qamishli"): the closest name, kept apart */
				double sim = geo_norm_similarity_floor(en, u->en, SEAT_FUZZY);
				size_t ui = (size_t)(u - units);
				if (sim >= SEAT_FUZZY && sim > fuzzy_sim[ui]) {
					fuzzy_sim[ui] = sim;
					fuzzy_seat[ui] = (uint32_t)i + 1;
				}
			}
		}
		for (int j = 0; j < 3; j++) {
			struct gplace *unit = seat_of[j];
			if (!unit)
				continue;
			const struct gplace *old = unit->seat_place ? &g->places[unit->seat_place - 1] : NULL;
			if (!old || c->population > old->population || (!old->pcode && c->pcode))
				unit->seat_place = (uint32_t)i + 1;
		}
	}
	/* a unit no community bears the name of exactly: its closest spelling */
	for (size_t k = 0; k < n; k++) {
		struct gplace *unit = &g->places[units[k].p - g->places];
		if (unit->seat_place || !fuzzy_seat[k])
			continue;
		struct gplace *c = &g->places[fuzzy_seat[k] - 1];
		unit->seat_place = fuzzy_seat[k];
		unsigned char lvl = unit->k == K_DIST ? 2 : 1;
		if (c->seat < lvl)
			c->seat = lvl;
	}
	free(fuzzy_sim);
	free(fuzzy_seat);
	/* seats of unknown size: a share of their unit's population */
	for (size_t i = 0; i < g->n_places; i++) {
		const struct gplace *u = &g->places[i];
		if ((u->k != K_SUB && u->k != K_DIST) || !u->seat_place || u->population <= 0)
			continue;
		struct gplace *c = &g->places[u->seat_place - 1];
		long long share = u->population / (u->k == K_SUB ? 3 : 6);
		if (c->population <= 0 && share > c->prom_pop)
			c->prom_pop = share;
	}
	free(units);
	return GEO_OK;
}

#define SEAT_ALIAS_SIM 0.6 /* a unit's name given to its seat: like the unit's own */

/* The seat (index+1) of unit place i (governorate, district, sub-district)
 * named after it (mark_seats) in the script of `name`, else 0: the unit's
 * and the town's preferred names in that script have one key (not a seat
 * mark_seats chose as the closest spelling; and OpenSyria's Karama
 * sub-district is جديدة خابور in Arabic, another village, while the town
 * Karama has no Arabic name without OSM). */
static uint32_t seat_city_of(const geo_gaz *g, size_t i, const char *name)
{
	const struct gplace *p = &g->places[i];
	if ((p->k != K_GOV && p->k != K_DIST && p->k != K_SUB) || !p->seat_place)
		return 0;
	const struct gplace *c = &g->places[p->seat_place - 1];
	int ar = geo_norm_is_arabic(name);
	const char *un = ar ? p->name_ar : p->name_en, *cn = ar ? c->name_ar : c->name_en;
	if (!c->seat || !un || !cn)
		return 0;
	char uk[GEO_NORM_MAX], ck[GEO_NORM_MAX], nk[GEO_NORM_MAX];
	geo_norm_key(un, uk, sizeof uk);
	geo_norm_key(cn, ck, sizeof ck);
	if (!uk[0] || strcmp(uk, ck) != 0)
		return 0;
	/* ... and the name is a spelling of that one, not another name the
	 * unit goes by (OpenSyria's Mansura sub-district is also أبو هريرة, a
	 * village of its own) */
	geo_norm_key(name, nk, sizeof nk);
	return geo_norm_similarity_floor(nk, uk, SEAT_ALIAS_SIM) >= SEAT_ALIAS_SIM ? p->seat_place : 0;
}

/* GeoNames alternates whose consonants are unlike every other name of
 * their place (Berea, Emesa, Palmyra; other languages' names) are
 * exonyms: matched as written, or by their key a little lower, never
 * fuzzily, so that "al-Barrah" is not Aleppo. Those like another name
 * (Haleb, Halep) stay ordinary. raw[i0..i1) are one place's names. */
static void mark_exonyms(struct rawname *raw, size_t i0, size_t i1, char (*sk)[GEO_NORM_MAX])
{
	char f[GEO_NORM_MAX * 2];
	size_t ns = 0, ngn = 0;
	for (size_t k = i0; k < i1; k++)
		ngn += raw[k].geonames != 0;
	if (!ngn)
		return;
	/* the other names' skeletons, once */
	for (size_t k = i0; k < i1; k++) {
		if (raw[k].geonames)
			continue;
		geo_norm_fold(raw[k].name, f, sizeof f);
		geo_norm_skeleton_folded(f, sk[ns++], GEO_NORM_MAX);
	}
	for (size_t i = i0; i < i1; i++) {
		char a[GEO_NORM_MAX];
		int like = 0;
		if (!raw[i].geonames)
			continue;
		geo_norm_fold(raw[i].name, f, sizeof f);
		geo_norm_skeleton_folded(f, a, sizeof a);
		for (size_t k = 0; k < ns && !like; k++)
			like = geo_norm_similarity(a, sk[k]) >= 0.5;
		raw[i].exo = ns > 0 && !like;
	}
}

/* 1 when places a and b have a name of one key in the same script */
static int share_key(const geo_gaz *g, const struct gplace *a, const struct gplace *b)
{
	for (uint32_t i = a->first_name; i < a->first_name + a->n_names; i++)
		for (uint32_t j = b->first_name; j < b->first_name + b->n_names; j++)
			if (g->names[i].arabic == g->names[j].arabic && g->names[i].klen == g->names[j].klen &&
			    strcmp(g->names[i].key, g->names[j].key) == 0)
				return 1;
	return 0;
}

/* 1 when a and b have a name of one key in the script asked (1 Arabic). */
static int share_key_script(const geo_gaz *g, const struct gplace *a, const struct gplace *b, int arabic)
{
	for (uint32_t i = a->first_name; i < a->first_name + a->n_names; i++)
		for (uint32_t j = b->first_name; j < b->first_name + b->n_names; j++)
			if (g->names[i].arabic == arabic && g->names[j].arabic == arabic &&
			    g->names[i].klen == g->names[j].klen && strcmp(g->names[i].key, g->names[j].key) == 0)
				return 1;
	return 0;
}

#define NAME_TWIN_KM 10.0 /* a namesake of the sub-district this near is the place */
#define SA_TWIN_KM 5.0    /* a Syrian Archive namesake in both scripts this near is the place */
#define MISPLACED_KM 40.0 /* a town this near a city is what a quarter of its name means */

/* Name k of the index folded into buf. */
static const char *fold_of(const geo_gaz *g, uint32_t k, char *buf, size_t cap)
{
	geo_norm_fold(g->names[k].name, buf, cap);
	return buf;
}

/* The words of a folded name, less articles written apart (al, el, ar,
 * ash..., ال). */
static size_t name_words(const char *fold)
{
	size_t n = 0;
	for (const char *p = fold; *p;) {
		while (*p == ' ')
			p++;
		const char *w = p;
		while (*p && *p != ' ')
			p++;
		size_t len = (size_t)(p - w);
		if (len && !is_article(w, len))
			n++;
	}
	return n;
}

/* 1 when one of p's Arabic names says it is a quarter (حي ...) */
static int named_a_quarter(const geo_gaz *g, const struct gplace *p)
{
	for (uint32_t i = p->first_name; i < p->first_name + p->n_names; i++)
		if (g->names[i].arabic && strncmp(g->names[i].name, "\xd8\xad\xd9\x8a ", 5) == 0)
			return 1;
	return 0;
}

/* A "quarter" only the conflict-documentation gazetteer knows, named like
 * the seat of a sub-district (or larger unit) of the governorate within
 * MISPLACED_KM, and like no other P-coded community there, is that town
 * misplaced (the list's Darat Izzah lies in Aleppo city, 22 km from the
 * town; its Nubl and Mahambel are 12-22 km from theirs): the index+1 of
 * the town, else 0. Not one its Arabic calls a quarter (حي العامود), nor
 * one named like a plain village, which may well have a namesake quarter
 * (Lattakia's Ashrafiyah). */
static uint32_t misplaced_town(const geo_gaz *g, const struct gplace *t)
{
	if (t->k != K_NEIGH || t->pcode || t->srcmask != (1u << SRC_SYRIANARCHIVE) || named_a_quarter(g, t))
		return 0;
	uint32_t town = 0;
	for (size_t k = 0; k < g->n_places; k++) {
		const struct gplace *p = &g->places[k];
		if (p->k != K_COMM || !p->pcode || p->a1 != t->a1 || p->sub_centroid ||
		    fabs(p->lat - t->lat) > MISPLACED_KM / 111.0 ||
		    dist_km(p->lon, p->lat, t->lon, t->lat) > MISPLACED_KM || !share_key(g, t, p))
			continue;
		if (town)
			return 0; /* two communities of the name: no telling */
		town = (uint32_t)k + 1;
	}
	return town && g->places[town - 1].seat ? town : 0;
}

/* A community no P-coded source names, within 0.5 km of an OCHA community
 * of its sub-district (with a point of its own), is that community under
 * another name: GeoNames' Qal'at al Madiq is OCHA's Madiq Castle, C3207.
 * Answers carry the OCHA community's P-code (geo_gaz_lookup). Before that:
 * a misplaced town (misplaced_town), and a GeoNames-only community's
 * P-coded namesake of its sub-district within NAME_TWIN_KM. */
static void mark_pcode_twins(geo_gaz *g)
{
	for (size_t i = 0; i < g->n_places; i++) {
		struct gplace *t = &g->places[i];
		t->pcode_twin = 0;
		if ((t->pcode_twin = misplaced_town(g, t)) != 0)
			continue;
		if (t->pcode || t->k != K_COMM || !t->admin3)
			continue;
		/* first a P-coded community of its sub-district bearing its
		 * name: GeoNames' Duwayr Raslan is OCHA's Dweir Raslan 5.5 km
		 * away, not the community Oweinat beside its point (GeoNames
		 * records only: a Syrian Archive record may carry its district's
		 * name, al-Amarnah's جرابلس) */
		for (size_t k = 0; t->srcmask == (1u << SRC_GEONAMES) && k < g->n_places && !t->pcode_twin; k++) {
			const struct gplace *p = &g->places[k];
			if (fabs(p->lat - t->lat) > 0.1 || p->k != K_COMM || !p->pcode || p->sub_centroid ||
			    !p->admin3 || strcmp(p->admin3, t->admin3) != 0 ||
			    dist_km(p->lon, p->lat, t->lon, t->lat) > NAME_TWIN_KM || !share_key(g, t, p))
				continue;
			t->pcode_twin = (uint32_t)k + 1;
		}
		/* ... a Syrian Archive community's P-coded namesake in both
		 * scripts within SA_TWIN_KM, across a sub-district border too: its
		 * Dorien (دورين) is OCHA's Durin 3.4 km away (its points are
		 * often rounded; a name in one script only may be its district's,
		 * al-Amarnah's جرابلس) */
		for (size_t k = 0; t->srcmask == (1u << SRC_SYRIANARCHIVE) && k < g->n_places && !t->pcode_twin;
		     k++) {
			const struct gplace *p = &g->places[k];
			if (fabs(p->lat - t->lat) > 0.05 || p->k != K_COMM || !p->pcode || p->sub_centroid ||
			    p->a1 != t->a1 || dist_km(p->lon, p->lat, t->lon, t->lat) > SA_TWIN_KM ||
			    !share_key_script(g, t, p, 0) || !share_key_script(g, t, p, 1))
				continue;
			t->pcode_twin = (uint32_t)k + 1;
		}
		for (size_t k = 0; k < g->n_places && !t->pcode_twin; k++) {
			const struct gplace *p = &g->places[k];
			if (fabs(p->lat - t->lat) > 0.005 || p->k != K_COMM || !p->pcode || p->sub_centroid ||
			    !p->admin3 || strcmp(p->admin3, t->admin3) != 0 || dist_km(p->lon, p->lat, t->lon, t->lat) > 0.5)
				continue;
			t->pcode_twin = (uint32_t)k + 1;
			break;
		}
	}
}

/* An exonym candidate (mark_exonyms) stays one only where its spelling
 * could be another place's: another place has a name of its key or of its
 * skeleton (Berea and al-Barrah). Others (Tirbespiye for Al-Qahtaniyah)
 * are matched as any name. */
static void resolve_exonyms(geo_gaz *g)
{
	for (size_t i = 0; i < g->n_names; i++) {
		struct gname *n = &g->names[i];
		if (n->exo != 2)
			continue;
		int clash = 0;
		uint64_t h = hash_str(n->key);
		for (size_t k = ient_find_dir(g->kidx, g->n_kidx, g->kdir, h);
		     k < g->n_kidx && g->kidx[k].h == h && !clash; k++)
			clash = (g->kidx[k].place_ar >> 1) != n->place &&
			        strcmp(g->names[g->kidx[k].name].key, n->key) == 0;
		h = hash_str(n->skel);
		for (size_t k = ient_find_dir(g->sidx, g->n_sidx, g->sdir, h);
		     k < g->n_sidx && g->sidx[k].h == h && !clash && n->slen; k++)
			clash = (g->sidx[k].place_ar >> 1) != n->place &&
			        strcmp(g->names[g->sidx[k].name].skel, n->skel) == 0;
		n->exo = (unsigned char)clash;
	}
}

/* A part of an OCHA name that names another place: "Kniseh - Sheikh
 * Bader" is the village Kniseh by the town Sheikh Badr, so "Sheikh Bader"
 * is that town's name, not Kniseh's. A side of " - ", " / " or brackets
 * is such a qualifier when another community of the same governorate,
 * more than 5 km away and with a point of its own, bears a whole name of
 * its skeleton and a key at least 0.85 alike; it stays a name of the
 * place, scored below the other's (part = 2). */
static void mark_qualifier_parts(geo_gaz *g)
{
	for (size_t i = 0; i < g->n_names; i++) {
		struct gname *n = &g->names[i];
		if (n->part != 1 || !n->split || n->arabic || n->slen < 3)
			continue;
		const struct gplace *p = &g->places[n->place];
		uint64_t h = hash_str(n->skel);
		for (size_t k = ient_find_dir(g->sidx, g->n_sidx, g->sdir, h); k < g->n_sidx && g->sidx[k].h == h;
		     k++) {
			const struct gname *o = &g->names[g->sidx[k].name];
			const struct gplace *op = &g->places[o->place];
			/* (another community with a point of its own: not the unit
			 * the place is in, nor a record at a sub-district's centroid) */
			if (o->place == n->place || o->part || o->arabic || op->a1 != p->a1 || op->k != K_COMM ||
			    op->sub_centroid || strcmp(o->skel, n->skel) != 0 ||
			    dist_km(p->lon, p->lat, op->lon, op->lat) <= 5.0 ||
			    geo_norm_similarity_floor(o->key, n->key, 0.85) < 0.85)
				continue;
			n->part = 2;
			break;
		}
	}
}

static enum geo_status load_db(geo_gaz *g, sqlite3 *db, const char *path,
                               const struct geo_gaz_options *opt)
{
	enum geo_status rc = GEO_OK;
	sqlite3_stmt *st = NULL;
	struct rawname *raw = NULL;
	char (*scratch)[GEO_NORM_MAX] = NULL;
	size_t n_raw = 0, cap_raw = 0, cap_places = 0;
	int r, oom = 0;

	if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = 'reduced'", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW) {
		const unsigned char *v = sqlite3_column_text(st, 0);
		g->reduced = v && v[0] == '1';
	}
	sqlite3_finalize(st);
	st = NULL;

	if (sqlite3_prepare_v2(db,
	                       "SELECT id, pcode, kind, name_en, name_ar, admin1_pcode, admin2_pcode,"
	                       " admin3_pcode, parent_id, lon, lat, point_source, population FROM places"
	                       " WHERE lon IS NOT NULL AND lat IS NOT NULL",
	                       -1, &st, NULL) != SQLITE_OK) {
		rc = GEO_ERROR(g->ctx, GEO_ERR_NOTFOUND,
		               "%s: not a strikemap gazetteer (%s); build one with `strikemap gazetteer build -o %s`",
		               path, sqlite3_errmsg(db), path);
		goto out;
	}
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		struct gplace *p;
		if (g->n_places == cap_places) {
			size_t nc = cap_places ? cap_places * 2 : 8192;
			struct gplace *nv = geo_realloc(g->places, nc * sizeof *nv);
			if (!nv) {
				oom = 1;
				break;
			}
			g->places = nv;
			cap_places = nc;
		}
		p = &g->places[g->n_places++];
		memset(p, 0, sizeof *p);
		p->id = sqlite3_column_int64(st, 0);
		p->pcode = col_text(g, st, 1, &oom);
		p->kind = col_text(g, st, 2, &oom);
		p->name_en = col_text(g, st, 3, &oom);
		p->name_ar = col_text(g, st, 4, &oom);
		p->admin1 = col_text(g, st, 5, &oom);
		p->admin2 = col_text(g, st, 6, &oom);
		p->admin3 = col_text(g, st, 7, &oom);
		p->parent_id = sqlite3_column_type(st, 8) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 8);
		p->lon = sqlite3_column_double(st, 9);
		p->lat = sqlite3_column_double(st, 10);
		p->point_source = col_text(g, st, 11, &oom);
		p->population = sqlite3_column_int64(st, 12);
		p->k = kind_of(p->kind);
		p->a1 = gov_index(p->admin1);
		p->sub_centroid = p->point_source && strcmp(p->point_source, "subdistrict_centroid") == 0;
		if (!p->name_en)
			p->name_en = p->pcode ? p->pcode : "";
		if (p->k == K_GOV && gov_index(p->pcode) && !g->gov_place[gov_index(p->pcode)])
			g->gov_place[gov_index(p->pcode)] = (uint32_t)g->n_places;
		if (oom)
			break;
	}
	if (oom) {
		rc = GEO_ERROR(g->ctx, GEO_ERR_NOMEM, "%s: out of memory loading places", path);
		goto out;
	}
	if (r != SQLITE_DONE) {
		rc = GEO_ERROR(g->ctx, GEO_ERR_DB, "%s: reading places: %s", path, sqlite3_errmsg(db));
		goto out;
	}
	sqlite3_finalize(st);
	st = NULL;
	qsort(g->places, g->n_places, sizeof *g->places, place_cmp_id);
	memset(g->gov_place, 0, sizeof g->gov_place);
	for (size_t i = 0; i < g->n_places; i++)
		if (g->places[i].k == K_GOV && gov_index(g->places[i].pcode) &&
		    !g->gov_place[gov_index(g->places[i].pcode)])
			g->gov_place[gov_index(g->places[i].pcode)] = (uint32_t)(i + 1);

	/* a quarter of a big town is itself populous: 1/20 of its town (a
	 * quarter of Aleppo outweighs a hamlet of the same name); 1/50 for a
	 * quarter no source places (at its city's point: OCHA's and our
	 * curated quarters), which do not outweigh a town (Damascus's al-Maliki
	 * and al-Malikiyah of al-Hasakeh) */
	for (size_t i = 0; i < g->n_places; i++) {
		struct gplace *p = &g->places[i];
		p->prom_pop = p->population;
		if ((p->k == K_NEIGH || p->k == K_LAND) && p->population <= 0 && p->parent_id >= 0) {
			long pi = find_place_id(g, p->parent_id);
			int placed = !(p->point_source && strcmp(p->point_source, "parent_point") == 0);
			if (pi >= 0 && g->places[pi].k == K_COMM)
				p->prom_pop = g->places[pi].population / (placed ? 20 : 50);
		}
	}
	if (mark_seats(g) != GEO_OK) {
		rc = GEO_ERROR(g->ctx, GEO_ERR_NOMEM, "%s: out of memory", path);
		goto out;
	}
	/* the governorates reports also file places under (a gazetteer built
	 * before the table existed has none) */
	if (sqlite3_prepare_v2(db, "SELECT place_id, admin1_pcode FROM reported_admin1", -1, &st, NULL) == SQLITE_OK) {
		while (sqlite3_step(st) == SQLITE_ROW) {
			long pi = find_place_id(g, sqlite3_column_int64(st, 0));
			int a = gov_index((const char *)sqlite3_column_text(st, 1));
			if (pi >= 0 && a)
				g->places[pi].reported |= (unsigned short)(1u << a);
		}
	}
	sqlite3_finalize(st);
	st = NULL;
	if (sqlite3_prepare_v2(db, "SELECT place_id, name, source FROM names", -1, &st, NULL) != SQLITE_OK) {
		rc = GEO_ERROR(g->ctx, GEO_ERR_NOTFOUND, "%s: not a strikemap gazetteer (%s)", path,
		               sqlite3_errmsg(db));
		goto out;
	}
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		long pi = find_place_id(g, sqlite3_column_int64(st, 0));
		const unsigned char *nm = sqlite3_column_text(st, 1);
		const unsigned char *src = sqlite3_column_text(st, 2);
		if (pi < 0 || !nm || !*nm)
			continue;
		if (opt && source_excluded(opt->exclude_sources, (const char *)src))
			continue;
		if (raw_reserve(&raw, &cap_raw, n_raw + 1) != GEO_OK) {
			oom = 1;
			break;
		}
		for (size_t k = 0; src && k < N_SRC; k++)
			if (strcmp((const char *)src, SRC_NAMES[k]) == 0)
				g->places[pi].srcmask |= (unsigned short)(1u << k);
		raw[n_raw].place = (uint32_t)pi;
		raw[n_raw].geonames = src && strcmp((const char *)src, "geonames") == 0;
		raw[n_raw].exo = 0;
		raw[n_raw].copy = 0;
		raw[n_raw].name = arena_dup(g, (const char *)nm);
		if (!raw[n_raw].name) {
			oom = 1;
			break;
		}
		n_raw++;
		/* a unit named after its seat: its names are the town's too
		 * ("Dajr ez-Zaur", "Hamat" were the governorate only, at
		 * precision 3, while "Deir ez-Zor" is the city; "Dhibbin" the
		 * sub-district); only spellings of the unit's own name
		 * (seat_city_of: "Hama Governorate", "Nahiyat Dhibbin" are
		 * not), and none another community bears (drop_taken_copies) */
		uint32_t seat = seat_city_of(g, (size_t)pi, raw[n_raw - 1].name);
		if (seat) {
			if (raw_reserve(&raw, &cap_raw, n_raw + 1) != GEO_OK) {
				oom = 1;
				break;
			}
			raw[n_raw] = raw[n_raw - 1];
			raw[n_raw].place = seat - 1;
			raw[n_raw].copy = 1;
			n_raw++;
		}
	}
	if (oom) {
		rc = GEO_ERROR(g->ctx, GEO_ERR_NOMEM, "%s: out of memory loading names", path);
		goto out;
	}
	if (r != SQLITE_DONE) {
		rc = GEO_ERROR(g->ctx, GEO_ERR_DB, "%s: reading names: %s", path, sqlite3_errmsg(db));
		goto out;
	}
	/* the preferred names count as names even when the names table omits
	 * them (unless their source is excluded: they then come only from the
	 * names table) */
	if (!opt || !opt->exclude_sources) {
		for (size_t i = 0; i < g->n_places; i++) {
			const char *two[2] = {g->places[i].name_en, g->places[i].name_ar};
			for (int j = 0; j < 2; j++) {
				if (!two[j])
					continue;
				if (raw_reserve(&raw, &cap_raw, n_raw + 1) != GEO_OK) {
					rc = GEO_ERROR(g->ctx, GEO_ERR_NOMEM, "%s: out of memory", path);
					goto out;
				}
				raw[n_raw].place = (uint32_t)i;
				raw[n_raw].geonames = 0;
				raw[n_raw].exo = 0;
				raw[n_raw].copy = 0;
				raw[n_raw++].name = two[j];
			}
		}
	}
	if (drop_taken_copies(g, raw, &n_raw) != GEO_OK) {
		rc = GEO_ERROR(g->ctx, GEO_ERR_NOMEM, "%s: out of memory", path);
		goto out;
	}
	qsort(raw, n_raw, sizeof *raw, rawname_cmp);
	/* one place's names at a time, with room for their skeletons */
	for (size_t i0 = 0, i1, room = 0; i0 < n_raw; i0 = i1) {
		for (i1 = i0 + 1; i1 < n_raw && raw[i1].place == raw[i0].place; i1++)
			;
		char(*nv)[GEO_NORM_MAX] = geo_grow(scratch, &room, i1 - i0, GEO_NORM_MAX, 64);
		if (!nv) {
			rc = GEO_ERROR(g->ctx, GEO_ERR_NOMEM, "%s: out of memory", path);
			goto out;
		}
		scratch = nv;
		mark_exonyms(raw, i0, i1, scratch);
	}
	for (size_t i = 0; i < n_raw; i++) {
		g->adding_exo = raw[i].exo;
		if (add_name(g, raw[i].place, raw[i].name) != GEO_OK ||
		    add_name_parts(g, raw[i].place, raw[i].name) != GEO_OK) {
			rc = GEO_ERROR(g->ctx, GEO_ERR_NOMEM, "%s: out of memory indexing names", path);
			goto out;
		}
	}
	g->adding_exo = 0;
	rc = build_indexes(g);
	if (rc == GEO_OK) {
		resolve_exonyms(g);
		mark_qualifier_parts(g);
		mark_pcode_twins(g); /* (by name too: after the names) */
		/* a population only GeoNames vouches for, on a record no other
		 * source confirms, is no size for the prior: its "Qabbāsīn" (pop.
		 * 12,000; Arabic خربة السودة) 55 km from Qabasin made the town
		 * ambiguous */
		for (size_t i = 0; i < g->n_places; i++) {
			struct gplace *p = &g->places[i];
			if (p->srcmask == (1u << SRC_GEONAMES) && !p->pcode && !p->pcode_twin && p->k == K_COMM)
				p->prom_pop = 0;
		}
		rc = build_context(g);
	}
	if (rc == GEO_OK) {
		g->unplaced = geo_calloc(g->n_places ? g->n_places : 1, sizeof *g->unplaced);
		if (!g->unplaced)
			rc = GEO_ERR_NOMEM;
		for (size_t i = 0; rc == GEO_OK && i < g->n_places; i++)
			if (g->places[i].k == K_NEIGH && g->places[i].point_source &&
			    strcmp(g->places[i].point_source, "parent_point") == 0)
				g->unplaced[g->n_unplaced++] = (uint32_t)i;
	}
	if (rc != GEO_OK) {
		rc = GEO_ERROR(g->ctx, GEO_ERR_NOMEM, "%s: out of memory building the index", path);
		goto out;
	}
	g->fac = geo_facilities_new();
	if (!g->fac) {
		rc = GEO_ERROR(g->ctx, GEO_ERR_NOMEM, "%s: out of memory", path);
		goto out;
	}
	rc = geo_facilities_read_db(g->ctx, g->fac, db);
	if (rc != GEO_OK)
		goto out;
#ifdef STRIKEMAP_FACILITIES_SEED
	if (geo_facilities_count(g->fac) == 0) {
		FILE *t = fopen(STRIKEMAP_FACILITIES_SEED, "r");
		if (t) {
			fclose(t);
			rc = geo_facilities_read_csv(g->ctx, g->fac, STRIKEMAP_FACILITIES_SEED);
			if (rc != GEO_OK)
				goto out;
		}
	}
#endif
	if (opt && opt->facilities_csv) {
		rc = geo_facilities_read_csv(g->ctx, g->fac, opt->facilities_csv);
		if (rc != GEO_OK)
			goto out;
	}
out:
	sqlite3_finalize(st);
	free(scratch);
	free(raw);
	return rc;
}

geo_gaz *geo_gaz_open_opts(geo_ctx *ctx, const char *path, const struct geo_gaz_options *opt)
{
	geo_gaz *g = NULL;
	sqlite3 *db = NULL;
	FILE *probe = fopen(path, "rb");
	if (!probe) {
		GEO_ERROR(ctx, GEO_ERR_NOTFOUND,
		          "%s: no gazetteer here; build it with `strikemap gazetteer build -o %s` "
		          "(or give --gazetteer / set STRIKEMAP_GAZETTEER)",
		          path, path);
		return NULL;
	}
	fclose(probe);
	g = geo_calloc(1, sizeof *g);
	if (!g) {
		GEO_ERROR(ctx, GEO_ERR_NOMEM, "%s: out of memory opening the gazetteer", path);
		return NULL;
	}
	g->ctx = ctx;
	g->path = geo_strdup(path);
	if (!g->path) {
		GEO_ERROR(ctx, GEO_ERR_NOMEM, "%s: out of memory opening the gazetteer", path);
		goto fail;
	}
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		GEO_ERROR(ctx, GEO_ERR_IO, "%s: cannot open the gazetteer: %s", path,
		          db ? sqlite3_errmsg(db) : "out of memory");
		goto fail;
	}
	if (load_db(g, db, path, opt) != GEO_OK)
		goto fail;
	sqlite3_close(db);
	return g;
fail:
	if (db)
		sqlite3_close(db);
	geo_gaz_close(g);
	return NULL;
}

geo_gaz *geo_gaz_open(geo_ctx *ctx, const char *path)
{
	return geo_gaz_open_opts(ctx, path, NULL);
}

void geo_gaz_close(geo_gaz *g)
{
	if (!g)
		return;
	if (g->polys) {
		GEOSContextHandle_t h = geo_ctx_geos(g->ctx);
		for (size_t i = 0; i < g->n_polys; i++) {
			if (g->polys[i].pg)
				GEOSPreparedGeom_destroy_r(h, g->polys[i].pg);
			if (g->polys[i].g)
				GEOSGeom_destroy_r(h, g->polys[i].g);
		}
		free(g->polys);
	}
	while (g->arena) {
		struct chunk *n = g->arena->next;
		free(g->arena);
		g->arena = n;
	}
	geo_facilities_free(g->fac);
	free(g->places);
	free(g->names);
	free(g->kidx);
	free(g->sidx);
	free(g->unplaced);
	free(g->kdir);
	free(g->sdir);
	free(g->words);
	free(g->regions);
	free(g->reg_first);
	free(g->reg_last);
	free(g->path);
	free(g);
}

int geo_gaz_is_reduced(const geo_gaz *g) { return g ? g->reduced : 0; }
size_t geo_gaz_place_count(const geo_gaz *g) { return g ? g->n_places : 0; }
size_t geo_gaz_name_count(const geo_gaz *g) { return g ? g->n_names : 0; }
const struct geo_facilities *geo_gaz_facilities(const geo_gaz *g) { return g ? g->fac : NULL; }

/* ---- matching ------------------------------------------------------------------- */

#define MAX_CAND 16
/* the same key but not the same spelling: the exact spelling wins a tie */
#define KEY_EQUAL 0.94
/* ... nor spelt otherwise than by its vowels (vowel_hash): a hair below the
 * exact spelling, close enough for the prior to choose between them
 * ("Mansoura" written so is not the village of OSM's "Al-Mansoura" more
 * than the town Mansura) */
#define VOWEL_EQUAL 0.985
#define EXO_AS_WRITTEN 0.94 /* an exonym as written: below another place's own name so spelt */
#define EXO_KEY 0.9         /* ... by its key only */

#define KH_APART 0.06
#define SPOKEN_APART 0.02   /* a name matched with dh read as d or th as t */
#define SPOKEN_D_APART 0.05 /* ... with th read as d */
/* A place whose names in the query's script do not match (a Syrian Archive
 * "تل هواش" on the Hawash of Hama) keeps a letter-for-letter match through
 * the other script, less this much */
#define CROSS_OVER_SAME 0.1
#define EXACT_OVER_VOWELS 0.96 /* a vowel apart, when another place has the query's key */
#define GATHER_FLOOR 0.6 /* a Latin name below this cannot make a resolvable answer */
#define GATHER_FLOOR_AR 0.55

struct cand {
	uint32_t place;
	uint32_t name;  /* best-matching name */
	double sim;     /* name similarity 0..1 */
	double score;   /* after kind and context factors */
	unsigned char spelt; /* the name is the query's spelling (2) or its spelling
	                        up to vowels (1): set by score_candidates */
	float near_km;       /* km from the place the text names beside it (0 in its
	                        unit), -1 no such place: set by lookup_phrase */
};

struct cset {
	struct cand v[MAX_CAND];
	size_t n;
};

static void cset_put(struct cset *c, uint32_t place, uint32_t name, double sim)
{
	for (size_t i = 0; i < c->n; i++) {
		if (c->v[i].place == place) {
			if (sim > c->v[i].sim) {
				c->v[i].sim = sim;
				c->v[i].name = name;
			}
			return;
		}
	}
	if (c->n < MAX_CAND) {
		c->v[c->n].place = place;
		c->v[c->n].name = name;
		c->v[c->n].sim = sim;
		c->v[c->n].score = 0;
		c->v[c->n].spelt = 0;
		c->v[c->n].near_km = -1;
		c->n++;
		return;
	}
	/* full: replace the weakest */
	size_t w = 0;
	for (size_t i = 1; i < c->n; i++)
		if (c->v[i].sim < c->v[w].sim)
			w = i;
	if (sim > c->v[w].sim) {
		c->v[w].place = place;
		c->v[w].name = name;
		c->v[w].sim = sim;
		c->v[w].near_km = -1;
	}
}

struct query {
	const char *fold, *key, *skel, *lkey;
	const char *akey; /* spoken_key() of a Latin query (th as t), NULL when it has no th */
	uint64_t fhash, vhash;
	int arabic;
	unsigned dmask; /* letter_mask of the text */
	int vowelless;  /* Latin letters without a vowel: an Arabic skeleton romanised */
	int ayn1;       /* ayn_first() */
	size_t klen, slen;
};

/* The factor for a name matched by its key: 1, or less for an exonym. */
static double exo_factor(const struct query *q, const struct gname *n)
{
	if (!n->exo)
		return 1.0;
	return q->fhash == n->fhash ? EXO_AS_WRITTEN : EXO_KEY;
}

/* Similarity of a query to one indexed name; values below `floor` may
 * come back as 0 (the caller does not need them). */
static double name_sim_raw(const struct query *q, const struct gname *n, double floor);

/* The similarity of a name of the query's key: 1 for the same spelling,
 * else KEY_EQUAL; less when a letter the key merges is written apart (kh
 * in Sakhour, h in Sehur: another word more often than not). */
static double key_equal_sim(const struct query *q, const struct gname *n)
{
	if (q->fhash == n->fhash)
		return 1.0;
	if (q->vhash && q->vhash == n->vhash && !n->exo) /* (an exonym is as written or not) */
		return VOWEL_EQUAL;
	if (!q->arabic && (q->dmask & 4) != (n->dmask & 4))
		return KEY_EQUAL - KH_APART;
	return KEY_EQUAL;
}

/* Trailing qualifier marks of a key or skeleton (Upper, Eastern, Big...:
 * normalize.h writes them as capitals at the end). */
static size_t qual_marks(const char *k, size_t len)
{
	size_t m = 0;
	while (m < len && k[len - 1 - m] >= 'A' && k[len - 1 - m] <= 'Z')
		m++;
	return m;
}

#define QUAL_MISSING 0.06 /* a name's Upper/Lower... the query does not say */

static double name_sim_marks(const struct query *q, const struct gname *n, double floor)
{
	/* an exonym: as written, or by its key a little lower (Palmira for
	 * Palmyra), never fuzzily (Berea is not al-Barrah) */
	if (n->exo)
		return n->klen == q->klen && strcmp(n->key, q->key) == 0 ? key_equal_sim(q, n) * exo_factor(q, n) : 0;
	double s = name_sim_raw(q, n, floor);
	/* "Baghuz" for Upper Baguz: the place without its qualifier, a little
	 * less (its Lower twin matches as well, and lies beside it) */
	size_t km = qual_marks(n->key, n->klen), sm = qual_marks(n->skel, n->slen);
	if ((!km && !sm) || qual_marks(q->key, q->klen) || qual_marks(q->skel, q->slen) ||
	    km >= n->klen || sm >= n->slen)
		return s;
	char key[256], skel[256], lkey[256];
	struct gname t = *n;
	memcpy(key, n->key, n->klen - km);
	key[n->klen - km] = '\0';
	memcpy(skel, n->skel, n->slen - sm);
	skel[n->slen - sm] = '\0';
	size_t ll = strlen(n->lkey), lm = qual_marks(n->lkey, ll);
	memcpy(lkey, n->lkey, ll - lm < sizeof lkey ? ll - lm : sizeof lkey - 1);
	lkey[ll - lm < sizeof lkey ? ll - lm : sizeof lkey - 1] = '\0';
	t.key = key;
	t.skel = skel;
	t.lkey = lkey;
	t.klen = (unsigned char)(n->klen - km);
	t.slen = (unsigned char)(n->slen - sm);
	t.akey[0] = t.akey[1] = NULL;
	t.fhash = 0; /* not the same spelling */
	t.vhash = 0;
	double s2 = name_sim_raw(q, &t, floor + QUAL_MISSING) - QUAL_MISSING;
	return s2 > s ? s2 : s;
}

static double name_sim(const struct query *q, const struct gname *n, double floor)
{
	if (n->part)
		return PART_FACTOR(n) * name_sim_marks(q, n, floor / PART_FACTOR(n));
	return name_sim_marks(q, n, floor);
}

/* A final ح (or خ, ه: skeleton h) against a Latin name ending in a vowel
 * and h: "Qadah" for قدح. The Latin key drops a final -ah as a ta marbuta,
 * so its skeleton lacks the h; the two agree letter for letter otherwise. */
static int final_ha_elided(const struct query *q, const struct gname *n)
{
	const char *askel = q->arabic ? q->skel : n->skel;
	const char *lskel = q->arabic ? n->skel : q->skel;
	size_t al = q->arabic ? q->slen : n->slen, ll = q->arabic ? n->slen : q->slen;
	if (al < 2 || al != ll + 1 || askel[al - 1] != 'h' || strncmp(askel, lskel, ll) != 0)
		return 0;
	const char *lat = q->arabic ? n->name : q->fold;
	size_t tl = strlen(lat);
	if (tl < 3)
		return 0;
	return (lat[tl - 1] == 'h' || lat[tl - 1] == 'H') && strchr("aeiouAEIOU", lat[tl - 2]) != NULL;
}

/* Code points in a UTF-8 string. */
static size_t utf8_len(const char *s)
{
	size_t n = 0;
	for (const unsigned char *u = (const unsigned char *)s; *u; u++)
		n += (*u & 0xC0) != 0x80;
	return n;
}

#define AYN_APART 0.85 /* a fuzzy match with the word Ain on one side only */

static int is_key_vowel(char c)
{
	return c == 'a' || c == 'i' || c == 'u';
}

#define ARABIC_TWO_VOWELS 0.12 /* one skeleton, two or more long vowels apart */

static double name_sim_raw(const struct query *q, const struct gname *n, double floor)
{
	if (floor < 0.5)
		floor = 0.5;
	if (q->arabic == n->arabic) {
		if (q->klen == n->klen && strcmp(q->key, n->key) == 0)
			return key_equal_sim(q, n);
		double s = 0;
		if (!q->arabic) {
			/* each letter of length difference costs at least a vowel */
			size_t m = q->klen > n->klen ? q->klen : n->klen;
			size_t dl = q->klen > n->klen ? q->klen - n->klen : n->klen - q->klen;
			size_t ds = q->slen > n->slen ? q->slen - n->slen : n->slen - q->slen;
			/* a lower bound of the distance: each missing consonant costs at
			 * least 0.6, each other missing letter a vowel's 0.4 */
			double lb = 0.6 * (double)ds + 0.4 * (double)(dl > ds ? dl - ds : 0);
			if (m && 1.0 - 1.6 * lb / (double)m >= floor)
				s = geo_norm_similarity_floor(q->key, n->key, floor);
			/* the word Ain on one side only is a word more, not a
			 * vowel: al-Nayrab is not Ain al-Arab */
			if (s > 0 && q->ayn1 != n->ayn1)
				s *= AYN_APART;
			/* digraphs read as spoken, on either side: below the key's
			 * own match, th as d more (it is t more often) */
			if (q->akey || n->akey[0] || n->akey[1])
				for (int r = 0; r < 3; r++) {
					const char *a = q->akey ? q->akey : q->key;
					const char *b = r < 2 ? n->akey[r] : n->key;
					if (!b || (r == 2 && !q->akey))
						continue;
					double apart = r == 1 ? SPOKEN_D_APART : SPOKEN_APART, t;
					if (strcmp(a, b) == 0)
						t = KEY_EQUAL - ((q->dmask & 4) != (n->dmask & 4) ? KH_APART : 0);
					else /* (which bounds the lengths before it compares) */
						t = geo_norm_similarity_floor(a, b, floor + apart);
					t -= apart;
					if (t > 0 && q->ayn1 != n->ayn1)
						t *= AYN_APART;
					if (t > s)
						s = t;
				}
			/* the same consonants in the same order (Sfira / sfyrt written
			 * without vowels) are good evidence even when vowels differ */
			/* (not when one begins with a vowel the other lacks: a
			 * word of vowels and ʿayn, "Ain al-Arab", is no part of the
			 * skeleton, and al-Nayrab is not Ain al-Arab) */
			if (s < 0.78 && q->slen >= 3 && q->slen == n->slen && strcmp(q->skel, n->skel) == 0 &&
			    is_key_vowel(q->key[0]) == is_key_vowel(n->key[0]))
				s = 0.78;
			/* ... and the only evidence a vowel-less romanisation can give,
			 * worth what an Arabic spelling's skeleton is worth */
			if (q->vowelless && q->slen >= 3 && q->slen == n->slen && strcmp(q->skel, n->skel) == 0 &&
			    s < (q->slen >= 4 ? 0.88 : 0.84))
				s = q->slen >= 4 ? 0.88 : 0.84;
			return s;
		}
		/* Arabic spellings differ mostly in long vowels and ال: let the
		 * skeleton vouch for them */
		double k = 0;
		if (q->slen == n->slen && strcmp(q->skel, n->skel) == 0) {
			k = q->slen >= 4 ? 0.9 : q->slen == 3 ? 0.86 : 0.75;
			/* ... for one long vowel more or less (سراقب / سراقيب); two
			 * (قناطر / قنيطرة) make another word of the same root */
			size_t lq = utf8_len(q->key), ln = utf8_len(n->key);
			size_t m = lq > ln ? lq : ln;
			double one = m ? 1.0 - 1.0 / (double)m - 1e-9 : 1;
			if (geo_norm_similarity_floor(q->key, n->key, one) < one)
				k -= ARABIC_TWO_VOWELS;
		}
		s = geo_norm_similarity_floor(q->key, n->key, floor > k ? floor : k);
		/* a letter of the skeleton more or less (حرملة / ارملة) is another
		 * name more often than a long vowel is */
		if (!k && s > 0 && q->slen >= 2 && n->slen >= 2)
			s *= 0.65 + 0.35 * geo_norm_similarity(q->skel, n->skel);
		return s > k ? s : k;
	}
	/* across scripts: consonant skeletons only, capped below same-script hits */
	if (!q->slen || !n->slen)
		return 0;
	double cap = q->slen >= 4 ? 0.9 : q->slen == 3 ? 0.86 : q->slen == 2 ? 0.8 : 0.6;
	double sk;
	if (cap < floor)
		return 0;
	if ((q->slen == n->slen && strcmp(q->skel, n->skel) == 0) || final_ha_elided(q, n))
		sk = 1.0;
	else
		sk = geo_norm_similarity_floor(q->skel, n->skel, floor / cap);
	if (sk <= 0)
		return 0;
	/* the transliterated vowels separate places of one skeleton */
	double need = 2.0 * floor / cap - sk; /* the least ls that can reach floor */
	if (sk == 1.0 && need > 0.99)
		need = 0.99; /* keep the letter-for-letter case below */
	double ls = geo_norm_similarity_floor(q->arabic ? q->lkey : q->key, q->arabic ? n->key : n->lkey,
	                                      need > 0 ? need : 0);
	double v = cap * (0.5 * sk + 0.5 * ls);
	/* a short name transliterated letter for letter (صايا / Saya) */
	if (sk == 1.0 && ls == 1.0 && v < 0.85)
		v = 0.85;
	/* the letters the key merges but a transliteration keeps apart (ق q
	 * against k): a disagreement lowers the similarity, which breaks ties
	 * between places of one skeleton (development set: held-out Arabic
	 * 65.2% -> 65.4%; a bonus for agreement made it worse) */
	if (v < floor)
		return v; /* not wanted: spare the letter scan */
	/* agreement -1..1 on the classes either script shows: +1 both, -1 one */
	unsigned shown = q->dmask | n->dmask, both = q->dmask & n->dmask;
	if (shown) {
		int ns = __builtin_popcount(shown), nb = __builtin_popcount(both);
		double dl = (double)(nb - (ns - nb)) / ns;
		if (dl < 0)
			v -= 0.06 * -dl;
	}
	return v;
}

/* 1 when every letter of a appears in b in order (a is b less some letters). */
static int subsequence(const char *a, const char *b)
{
	for (; *a && *b; b++)
		if (*a == *b)
			a++;
	return !*a;
}

/* 1 when a spoken reading of name n (gname.akey) is the key k. */
static int spoken_is(const struct gname *n, const char *k)
{
	return (n->akey[0] && strcmp(n->akey[0], k) == 0) || (n->akey[1] && strcmp(n->akey[1], k) == 0);
}

static void gather(const geo_gaz *g, struct query *q, const char *admin1, struct cset *c)
{
	size_t i;
	uint64_t h = hash_str(q->key);
	int exact = 0;
	for (i = ient_find_dir(g->kidx, g->n_kidx, g->kdir, h); i < g->n_kidx && g->kidx[i].h == h; i++) {
		const struct gname *n = &g->names[g->kidx[i].name];
		if (n->klen != q->klen || strcmp(n->key, q->key) != 0) {
			if (spoken_is(n, q->key)) /* Hadher for "Hader" */
				cset_put(c, n->place, g->kidx[i].name, name_sim(q, n, 0));
			continue;
		}
		/* (the spelling up to vowels matters only between names of one
		 * key: computed when the first is met) */
		if (!q->vhash)
			q->vhash = vowel_hash(q->fold);
		cset_put(c, n->place, g->kidx[i].name,
		         key_equal_sim(q, n) * PART_FACTOR(n) * exo_factor(q, n));
		/* an exact hit outside the context governorate does not end the
		 * search: the right place may be spelt differently; nor does a
		 * part of a longer name ("Sheikh Bader" in "Bluzeh - Sheikh
		 * Bader", a village named after its sub-district) */
		if (!n->part && (!admin1 || !admin1[0] || g->places[n->place].a1 == gov_index(admin1)))
			exact = 1;
	}
	if (q->akey) { /* "Harithan": Haritan's key */
		uint64_t ha = hash_str(q->akey);
		for (i = ient_find_dir(g->kidx, g->n_kidx, g->kdir, ha); i < g->n_kidx && g->kidx[i].h == ha; i++) {
			const struct gname *n = &g->names[g->kidx[i].name];
			if (!n->arabic && (strcmp(n->key, q->akey) == 0 || spoken_is(n, q->akey)))
				cset_put(c, n->place, g->kidx[i].name, name_sim(q, n, 0));
		}
	}
	size_t L = strlen(q->skel);
	if (!L)
		return;
	/* skeleton neighbours: equal skeletons always (the other script);
	 * one-deletion neighbours only when no exact key matched */
	/* the skeleton, g as qaf, 2 per deletion, final ha, g as jim, up to 2
	 * per dialect letter: at most 4 per letter + 4 */
	uint64_t hs[4 * GEO_NORM_MAX + 8];
#define HS_PUSH(x)                                      \
	do {                                            \
		if (nh < sizeof hs / sizeof hs[0])      \
			hs[nh++] = (x);                 \
	} while (0)
	size_t nh = 0;
	char d[GEO_NORM_MAX * 2];
	HS_PUSH(hash_str(q->skel));
	if (!exact && !q->arabic && L < GEO_NORM_MAX && g_as_qaf(q->skel, d))
		HS_PUSH(hash_str(d)); /* g as qaf */
	if (!exact && L >= 3 && L < GEO_NORM_MAX) {
		HS_PUSH(hash_str(q->skel) ^ 0x9E3779B97F4A7C15ULL); /* query = a name minus one */
		if (L >= 4) {
			for (size_t j = 0; j < L; j++) {
				if (j > 0 && q->skel[j] == q->skel[j - 1])
					continue;
				memcpy(d, q->skel, j);
				memcpy(d + j, q->skel + j + 1, L - j);
				HS_PUSH(hash_str(d));                          /* name = query minus one */
				HS_PUSH(hash_str(d) ^ 0x9E3779B97F4A7C15ULL); /* both minus one */
			}
		}
	}
	/* an Arabic final ح/ه against a Latin -ah whose key dropped the h */
	if (!exact && q->arabic && L >= 2 && q->skel[L - 1] == 'h') {
		memcpy(d, q->skel, L - 1);
		d[L - 1] = '\0';
		HS_PUSH(hash_str(d));
	}
	/* letters read another way, looked up only when nothing (in the
	 * context governorate) matched well: a Latin g as jim, as French
	 * writes it before e and i (Ain Figeh, Ein Elfijeh); the interdentals
	 * as spoken in Syria, ذ ظ (z) as d and ث (z) as t, and the reverse
	 * (Dibbin for ذيبين, Thibeen), one letter at a time */
	size_t n_first = nh;
	if (!exact && !q->arabic && L < GEO_NORM_MAX && strchr(q->skel, 'g')) {
		for (size_t j = 0; j <= L; j++)
			d[j] = q->skel[j] == 'g' ? 'j' : q->skel[j];
		HS_PUSH(hash_str(d));
	}
	if (!exact && L >= 2 && L < GEO_NORM_MAX) {
		for (size_t j = 0; j < L; j++) {
			const char *to = q->skel[j] == 'z' ? "dt" : q->skel[j] == 'd' || q->skel[j] == 't' ? "z" : "";
			for (; *to; to++) {
				memcpy(d, q->skel, L + 1);
				d[j] = *to;
				HS_PUSH(hash_str(d));
			}
		}
	}
	size_t budget = 800;
	int a1 = admin1 && admin1[0] ? gov_index(admin1) : 0;
	/* Arabic spellings keep weaker rivals: their scores lean on them */
	double fl = q->arabic ? GATHER_FLOOR_AR : GATHER_FLOOR;
	for (size_t k = 0; k < nh && budget; k++) {
		if (k == n_first) {
			double best = 0;
			for (size_t k2 = 0; k2 < c->n; k2++)
				if ((!a1 || g->places[c->v[k2].place].a1 == a1) && c->v[k2].sim > best)
					best = c->v[k2].sim;
			if (best >= 0.9)
				break;
		}
		for (i = ient_find_dir(g->sidx, g->n_sidx, g->sdir, hs[k]); i < g->n_sidx && g->sidx[i].h == hs[k] && budget;
		     i++, budget--) {
			uint32_t pa = g->sidx[i].place_ar;
			/* same-script fuzzy hits cannot beat an exact one, but the
			 * same letters with vowels more or less (Jdideh beside
			 * Al-Jadideh, not Tal Abbud beside Tell Abyad) are other
			 * places of the name */
			if (exact && (int)(pa & 1) == q->arabic && k > 0)
				continue;
			int seen = 0;
			for (size_t k2 = 0; k2 < c->n && !seen; k2++)
				seen = c->v[k2].place == pa >> 1;
			if (seen)
				continue; /* the place is rescored on all its names anyway */
			const struct gname *n = &g->names[g->sidx[i].name];
			if (exact && (int)(pa & 1) == q->arabic &&
			    !(n->klen < q->klen ? subsequence(n->key, q->key) : subsequence(q->key, n->key)))
				continue;
			double s = name_sim(q, n, fl);
			if (s >= fl)
				cset_put(c, n->place, g->sidx[i].name, s);
		}
	}
#undef HS_PUSH
}

/* Kind preferences from the words around a phrase. */
/* P_DQUARTER: "X district" in English, an administrative district or, as
 * often in reports, a city's quarter ("the Salaheddine district of
 * Aleppo", "al-Waer district"): either kind, before a community. Alone,
 * and the name of a district or sub-district, it is the unit ("Shahba
 * district" is as-Sweida's, not a quarter of Aleppo) */
enum ptype { P_NONE, P_SETTLE, P_SUBPLACE, P_UNIT, P_ADMIN, P_DQUARTER };

static double kind_factor(enum kind k, enum ptype t)
{
	switch (t) {
	case P_SETTLE:
		return k == K_COMM ? 1.0 : (k == K_NEIGH || k == K_LAND) ? 0.85 : 0.8;
	case P_SUBPLACE:
		return (k == K_NEIGH || k == K_LAND) ? 1.0 : k == K_COMM ? 0.9 : 0.7;
	case P_UNIT:
		return (k == K_SUB || k == K_DIST) ? 1.0 : k == K_COMM ? 0.95 : 0.85;
	case P_DQUARTER:
		return (k == K_SUB || k == K_DIST || k == K_NEIGH || k == K_LAND) ? 1.0 : k == K_COMM ? 0.9 : 0.85;
	case P_ADMIN:
		return k == K_GOV ? 1.0 : 0.8;
	default:
		return k == K_COMM ? 1.0 : (k == K_NEIGH || k == K_LAND) ? 0.99 : k == K_GOV ? 0.93 : 0.94;
	}
}

static int cand_cmp(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return x->place < y->place ? -1 : x->place > y->place;
}

/* Candidates best first (at most MAX_CAND: an insertion sort beats
 * qsort's setup). */
static void cset_sort(struct cset *c)
{
	for (size_t i = 1; i < c->n; i++) {
		struct cand x = c->v[i];
		size_t j = i;
		while (j > 0 && cand_cmp(&x, &c->v[j - 1]) < 0) {
			c->v[j] = c->v[j - 1];
			j--;
		}
		c->v[j] = x;
	}
}

/* The city a governorate's sides are told from: its seat (the capital it
 * is named after), Damascus for Rural Damascus (its own point is a
 * centroid in the desert, 100 km east of the city); NULL when none. */
static const struct gplace *gov_capital(const geo_gaz *g, int a1)
{
	if (a1 == 3)
		a1 = 1;
	if (a1 <= 0 || a1 >= 15 || !g->gov_place[a1])
		return NULL;
	const struct gplace *gp = &g->places[g->gov_place[a1] - 1];
	return gp->seat_place ? &g->places[gp->seat_place - 1] : NULL;
}

/* The cosine between the direction (dx, dy) and the bearing of p from the
 * city c; 0 when p is at it. */
static double side_cos(const struct gplace *c, const struct gplace *p, double dx, double dy)
{
	double vx = (p->lon - c->lon) * cos(c->lat * M_PI / 180), vy = p->lat - c->lat;
	double vl = sqrt(vx * vx + vy * vy);
	return vl > 1e-6 ? (vx * dx + vy * dy) / vl : 0;
}

#define NEAR_MIN_SIM 0.80    /* a place within twice the radius of the town named beside it,
                                matching this well, ... */
#define NEAR_TAPER 0.10      /* ... weighs namesakes from half a radius beyond it (and
                                beyond the radius) to a radius further down by up to
                                this, */
#define NEAR_FAR_FACTOR 0.85 /* ... and those beyond four radii so, on top of the 0.85
                                or 0.93 every place that far gets */

struct hints {
	char admin1[8];       /* governorate from text or argument, "" none */
	const char *admin1_from; /* the words that gave it */
	int admin1_from_text;
	int damascus_loose;   /* "Damascus" in the text, not said to be the governorate:
	                         the city or its countryside */
	int countryside;      /* the text says the governorate's countryside (ريف حلب) */
	long near_place;      /* a place named elsewhere in the text (index), -1 none */
	double near_km;       /* ... the answer lies this near it: 15, or the distance
	                         the text gives ("21 km southwest of Safita") and 8 */
	double dx, dy;        /* "northern suburbs of X": direction within the governorate */
};

/* The radius "near the place the text names" means: 15 km, or the distance
 * the text gives and 8. */
static double near_radius(const struct hints *hi)
{
	return hi->near_km > 15 ? hi->near_km : 15;
}

/* 1 when place p is in governorate a1 (1..14): OCHA's, or one reports
 * also file it under (Rukban, in Homs's eastern desert to reports, in
 * Rural Damascus to OCHA's polygons). */
static int in_gov(const struct gplace *p, int a1)
{
	return p->a1 == a1 || (a1 > 0 && a1 < 16 && ((p->reported >> a1) & 1));
}

/* Look up one phrase: candidates scored and sorted into *c. */
static void lookup_phrase(const geo_gaz *g, const char *fold, enum ptype t, const struct hints *hi,
                          struct cset *c)
{
	char key[GEO_NORM_MAX * 2], skel[GEO_NORM_MAX * 2];
	struct query q;
	geo_norm_key_folded(fold, key, sizeof key);
	geo_norm_skeleton_keyed(fold, key, skel, sizeof skel);
	char lkey[GEO_NORM_MAX * 2];
	geo_norm_arabic_latin(fold, lkey, sizeof lkey);
	q.lkey = lkey[0] ? lkey : key;
	char akey[GEO_NORM_MAX * 2];
	q.akey = spoken_key(fold, SPOKEN_T, akey, sizeof akey) && strcmp(akey, key) != 0 ? akey : NULL;
	q.fold = fold;
	q.key = key;
	q.skel = skel;
	q.arabic = (unsigned char)key[0] >= 0x80;
	q.fhash = spelling_hash(fold);
	q.vhash = 0; /* gather() computes it when a name bears the query's key */
	q.dmask = letter_mask(fold);
	q.vowelless = !q.arabic && strpbrk(fold, "aeiou") == NULL;
	q.ayn1 = !q.arabic && ayn_first(fold);
	q.klen = strlen(key);
	q.slen = strlen(skel);
	int hint_a1 = gov_index(hi->admin1);
	c->n = 0;
	if (!key[0])
		return;
	gather(g, &q, hi->admin1, c);
	int exact_key = 0;
	for (size_t i = 0; i < c->n && !exact_key; i++)
		exact_key = strcmp(g->names[c->v[i].name].key, q.key) == 0;
	for (size_t i = 0; i < c->n; i++) {
		const struct gplace *p = &g->places[c->v[i].place];
		/* the place's own names in the query's script decide; a match
		 * through the other script only adds a little over them */
		double same = 0, cross = 0;
		uint32_t same_n = c->v[i].name, cross_n = c->v[i].name;
		int has_same = 0;
		/* the name that brought the place in was scored by gather() */
		uint32_t seen_n = c->v[i].name;
		if (g->names[seen_n].arabic == q.arabic) {
			same = c->v[i].sim;
			has_same = 1;
		} else {
			cross = c->v[i].sim;
		}
		/* the query's script first: a name of the other script matters
		 * only above the best of those, which prunes its comparisons */
		for (int pass = 0; pass < 2; pass++) {
			for (uint32_t k = p->first_name; same < 1.0 && k < p->first_name + p->n_names; k++) {
				const struct gname *n = &g->names[k];
				int ss = n->arabic == q.arabic;
				if (k == seen_n || ss != (pass == 0) ||
				    (n->dupkey && !(n->klen == q.klen && strcmp(n->key, q.key) == 0)))
					continue;
				if (ss) {
					has_same = 1;
					double v = name_sim(&q, n, same);
					if (v > same) {
						same = v;
						same_n = k;
					}
				} else {
					double v = name_sim(&q, n, cross > same ? cross : same);
					if (v > cross) {
						cross = v;
						cross_n = k;
					}
				}
			}
		}
		if (has_same && cross > same + 0.1)
			cross = same + 0.1 > cross - CROSS_OVER_SAME ? same + 0.1 : cross - CROSS_OVER_SAME;
		c->v[i].sim = same >= cross ? same : cross;
		c->v[i].name = same >= cross ? same_n : cross_n;
		{
			const struct gname *bn = &g->names[c->v[i].name];
			c->v[i].spelt = bn->fhash == q.fhash ? 2 : q.vhash && bn->vhash == q.vhash && !bn->exo ? 1 : 0;
		}
		/* where a place bears the query's key, another spelt with other
		 * vowels (Big Arada beside Big Aruda) is a little further */
		if (exact_key && same >= cross && strcmp(g->names[same_n].key, q.key) != 0)
			c->v[i].sim *= EXACT_OVER_VOWELS;
		double s = c->v[i].sim * kind_factor(p->k, t);
		/* Damascus city and Rural Damascus are told apart loosely by
		 * reports: the city's quarters in "Damascus suburbs" (Jobar,
		 * Qaboun, Yarmouk), and the suburbs "in Damascus", "south of
		 * Damascus" (Yalda, Babila; Douma east of Damascus), unless the
		 * text says the governorate or the hint gives it */
		if (hi->admin1[0] && !in_gov(p, hint_a1))
			s *= (p->a1 == 1 && hint_a1 == 3)                         ? 0.9
			     : (p->a1 == 3 && hint_a1 == 1 && hi->damascus_loose) ? 0.9
			     : (p->a1 == 3 && hint_a1 == 1)                       ? 0.7
			                                                          : 0.6;
		if (hi->near_place >= 0) {
			const struct gplace *np = &g->places[hi->near_place];
			/* (a town that is its district's or sub-district's seat
			 * stands for it: "Sheikh al-Hadid, Afrin") */
			int inside = (np->k == K_SUB && p->admin3 && np->pcode && strcmp(p->admin3, np->pcode) == 0) ||
			             (np->k == K_DIST && p->admin2 && np->pcode && strcmp(p->admin2, np->pcode) == 0);
			int in_seat = (np->k == K_COMM && np->seat == 2 && p->admin2 && np->admin2 &&
			               strcmp(p->admin2, np->admin2) == 0) ||
			              (np->k == K_COMM && np->seat == 1 && p->admin3 && np->admin3 &&
			               strcmp(p->admin3, np->admin3) == 0);
			if (in_seat) {
				s *= 1.1; /* in the unit of the seat named ("X, Afrin") */
				c->v[i].near_km = 0;
			} else {
				double r = near_radius(hi), d = dist_km(p->lon, p->lat, np->lon, np->lat);
				c->v[i].near_km = inside ? 0 : (float)d;
				if (inside || d < r)
					s *= 1.05;
				else if (d > 4 * r)
					/* far from the place the text puts it by; farther
					 * still in another governorate ("قرية الباغوز التابعة
					 * لمنطقة البوكمال" is not Idlib's Bughaz) */
					s *= p->a1 != np->a1 ? 0.85 : 0.93;
			}
		}
		const struct gplace *cap;
		if ((hi->dx != 0 || hi->dy != 0) && hint_a1 && in_gov(p, hint_a1) && (cap = gov_capital(g, hint_a1))) {
			/* a small nudge for places on the named side of the governorate:
			 * of its capital, as reports mean it ("eastern Hama countryside"
			 * is Salamiyah, west of the governorate's desert centroid;
			 * "eastern Damascus countryside" is east of Damascus) */
			double cosang = side_cos(cap, p, hi->dx, hi->dy);
			s *= cosang > 0.3 ? 1.03 : cosang < -0.3 ? 0.97 : 1.0;
		}
		/* a quarter of a governorate's capital is not in its countryside
		 * ("الزهراء - ريف حلب الشمالي" is the town al-Zahraa, not Aleppo's
		 * quarter); Damascus's are ("Jobar, Damascus suburbs") */
		if (hi->countryside && p->k == K_NEIGH && p->a1 != 1 && p->parent_id >= 0) {
			long pi = find_place_id(g, p->parent_id);
			if (pi >= 0 && g->places[pi].seat == 3)
				s *= 0.8;
		}
		if (p->population > 0)
			s += 0.02 * log10((double)p->population + 1) / 6.0; /* a whisker for size */
		if (p->sub_centroid)
			s -= 0.01;
		c->v[i].score = s > 1 ? 1 : s;
	}
	/* a place of the name by the town the text names outweighs its
	 * namesakes farther from it, even when its name matches less well or
	 * as well: the Latin-only Salhiyeh by Hajin, not Aleppo's
	 * al-Salihiyah 338 km away, for "الصالحية قرب هجين"; the town
	 * al-Zahraa 13 km from Tal Rifaat, not Aleppo's quarter al-Zahra 28 km
	 * from it, for "الزهراء قرب تل رفعت" */
	if (hi->near_place >= 0) {
		double r = near_radius(hi), dmin = 2 * r;
		for (size_t i = 0; i < c->n; i++)
			if (c->v[i].near_km >= 0 && c->v[i].near_km < dmin && c->v[i].sim >= NEAR_MIN_SIM)
				dmin = c->v[i].near_km;
		/* (namesakes about as near as the nearest stay its rivals: Jablah
		 * and Jablaya, both 22 km from Latakia; the two Huwaytilahs, 19
		 * and 25 km from al-Shaddadi) */
		double from = dmin + r / 2 > r ? dmin + r / 2 : r;
		for (size_t i = 0; dmin < 2 * r && i < c->n; i++) {
			double d = c->v[i].near_km;
			if (d > 4 * r)
				c->v[i].score *= NEAR_FAR_FACTOR;
			else if (d > from)
				c->v[i].score *= 1 - NEAR_TAPER * (d < from + r ? (d - from) / r : 1);
		}
	}
	cset_sort(c);
	/* districts and sub-districts are named after their seat: unless the
	 * text asks for the unit, the town of that name inside it comes first */
	if (t != P_UNIT && t != P_ADMIN && t != P_DQUARTER && c->n > 1) {
		const struct gplace *top = &g->places[c->v[0].place];
		if ((top->k == K_SUB || top->k == K_DIST || top->k == K_GOV) && top->pcode) {
			size_t tl = strlen(top->pcode);
			for (size_t i = 1; i < c->n; i++) {
				const struct gplace *p = &g->places[c->v[i].place];
				const char *code = top->k == K_SUB ? p->admin3 : top->k == K_DIST ? p->admin2 : p->admin1;
				if (p->k != K_COMM || c->v[i].score < c->v[0].score - 0.1 || !code ||
				    strncmp(code, top->pcode, tl) != 0)
					continue;
				struct cand seat = c->v[i];
				memmove(&c->v[1], &c->v[0], i * sizeof c->v[0]);
				seat.score = c->v[1].score; /* it inherits the unit's score */
				c->v[0] = seat;
				break;
			}
		}
	}
}

/* ---- prominence ------------------------------------------------------------------ */

static int same_place(const geo_gaz *g, const struct cand *a, const struct cand *b);

/* The prior of a place for a bare name: log10 of its population (unknown
 * counts as 10 people; a quarter of a town counts 1/20 of the town's), +1 per admin level it is the seat of (sub-district
 * 1, district 2, governorate 3), +0.25 per name source that knows it and
 * +0.5 when the conflict-documentation gazetteer (syrianarchive) names it:
 * places incident reports mention. */
static double prominence(const struct gplace *p)
{
	int nsrc = 0;
	for (unsigned m = p->srcmask; m; m &= m - 1)
		nsrc++;
	return log10((double)(p->prom_pop > 10 ? p->prom_pop : 10)) + (double)p->seat +
	       0.25 * nsrc + ((p->srcmask >> SRC_SYRIANARCHIVE) & 1 ? 0.5 : 0);
}

#define PROM_WINDOW 0.04 /* candidates this close to the best compete on prominence */
#define SA_WINDOW 0.08   /* ... and on being documented (syrianarchive) for a bare name */
#define SA_CONF 0.7      /* the score of a place chosen for being documented */
#define SA_SIM_SLACK 0.03 /* ... whose name matches at most this much less well */
#define PROM_GAP 1.5     /* the prior must lead every rival by this much */
#define PROM_CONF_MAX 0.75
#define PROM_MIN_SIM 0.94 /* the chosen place's name must match this well */
#define PROM_MIN_SIM_LATIN 0.85 /* ... a Latin query through a Latin name (development set:
                                   the prior's picks stay right 76% of the time in English;
                                   for Arabic queries 0.85 let them fall to 63%) */
#define PROM_MIN_SIM_NAMESAKE 0.80 /* ... when its rivals all bear its name */
#define PROM_MIN_SIM_CAPITAL 0.70 /* ... when it is a governorate's capital */
#define PROM_MIN_SIM_SEAT 0.75 /* ... a district's seat, for a Latin query (development set:
                                 6 of 8 such picks right; Arabic queries 0 of 6) */

/* 1 when a dominates b by the rule: a has >= 20,000 people and 10x b's, or
 * a is the seat of a district or governorate and b no seat, or a leads by
 * PROM_GAP on prominence(). */
static int dominates(const struct gplace *a, const struct gplace *b, double *gap)
{
	double pa = prominence(a), pb = prominence(b);
	*gap = pa - pb;
	if (a->prom_pop >= 20000 && a->prom_pop >= 10 * (b->prom_pop > 0 ? b->prom_pop : 1))
		return 1;
	if (a->seat >= 2 && b->seat == 0 && a->k == K_COMM)
		return 1;
	return *gap >= PROM_GAP && a->k == K_COMM;
}

/* Candidate i with what the other records of the same place among the
 * candidates know of it (sources, size, seat): the Syrian Archive's
 * "Yarmouk Camp" beside OCHA's community Yarmuk is one place, named by
 * both. Fills *m and returns it. */
static const struct gplace *cluster_of(const geo_gaz *g, const struct cset *c, size_t i,
                                       struct gplace *m)
{
	*m = g->places[c->v[i].place];
	for (size_t j = 0; j < c->n; j++) {
		const struct gplace *o = &g->places[c->v[j].place];
		/* within 4 km: a box first (0.04° of latitude is 4.4 km) */
		if (j == i || (o->k != K_COMM && o->k != K_NEIGH && o->k != K_LAND) ||
		    fabs(o->lat - m->lat) > 0.04 || fabs(o->lon - m->lon) > 0.05 ||
		    dist_km(o->lon, o->lat, m->lon, m->lat) >= 4.0)
			continue;
		m->srcmask |= o->srcmask;
		if (o->prom_pop > m->prom_pop)
			m->prom_pop = o->prom_pop;
		if (o->seat > m->seat)
			m->seat = o->seat;
	}
	return m;
}

/* Candidates of *c within PROM_WINDOW of the best that are different places
 * (same_place) compete on prominence: when one dominates every other, it is
 * moved first, *conf gets its score (0.6..PROM_CONF_MAX, growing with the
 * lead) and the number of places it outshone is returned; 0 otherwise
 * (the order is then unchanged). */
static size_t by_prominence(const geo_gaz *g, struct cset *c, int q_arabic, const char *q_fold, int city_named,
                            double *conf)
{
	size_t near[MAX_CAND], nn = 0, pick = 0;
	double top = c->v[0].score, bestp = -1, maxsim = 0;
	/* admin units are not picked (their seat is, and holds them) */
#define IS_UNIT(i) (g->places[c->v[i].place].k == K_GOV || g->places[c->v[i].place].k == K_DIST || \
                    g->places[c->v[i].place].k == K_SUB)
	/* a seat matches as well as its unit: "Jableh" is the district's
	 * spelling, the city's is "Jablah" */
	for (size_t i = 0; i < c->n; i++) {
		if (!IS_UNIT(i) || !g->places[c->v[i].place].seat_place)
			continue;
		for (size_t j = 0; j < c->n; j++)
			if (c->v[j].place + 1 == g->places[c->v[i].place].seat_place && c->v[j].sim < c->v[i].sim)
				c->v[j].sim = c->v[i].sim;
	}
	for (size_t i = 0; i < c->n; i++)
		if (top - c->v[i].score < PROM_WINDOW && c->v[i].sim > maxsim && !IS_UNIT(i))
			maxsim = c->v[i].sim;
	for (size_t i = 0; i < c->n; i++) {
		if (top - c->v[i].score >= PROM_WINDOW)
			continue;
		near[nn++] = i;
		/* the prior never overrides a better spelling match: "Ma'adi"
		 * written so is the quarter, not the same-key town Madaya */
		/* (but a spelling that differs in its vowels only is as good:
		 * "Mansoura" is the town Mansura, not OSM's village Al-Mansoura) */
		if ((c->v[i].sim < maxsim - 0.005 &&
		     !(c->v[i].spelt == 1 && c->v[i].sim >= maxsim - (1.0 - VOWEL_EQUAL) - 0.005)) ||
		    IS_UNIT(i))
			continue;
		struct gplace merged;
		double p = prominence(cluster_of(g, c, i, &merged));
		if (p > bestp) {
			bestp = p;
			pick = i;
		}
	}
	size_t outshone = 0;
	double mingap = 1e9;
	int one_name = 1; /* every rival outshone bears the pick's name (key) */
	for (size_t k = 0; k < nn; k++) {
		size_t i = near[k];
		double gap;
		if (i == pick || same_place(g, &c->v[pick], &c->v[i]))
			continue;
		struct gplace ma, mb;
		if (!dominates(cluster_of(g, c, pick, &ma), cluster_of(g, c, i, &mb), &gap))
			return 0;
		/* (a quarter of a city, whose size is a share of its city's, does
		 * not outweigh a town of its own governorate: "al-Zahraa,
		 * Aleppo" is Aleppo's quarter or the town by Nubl, and the
		 * governorate does not tell which; unless the text names the
		 * city: "Aleppo city - al-Zahraa", and ACLED's "Aleppo -
		 * Ameriyeh", the city written first as the frame) */
		const struct gplace *pp = &g->places[c->v[pick].place], *pi = &g->places[c->v[i].place];
		if (!city_named && (pp->k == K_NEIGH || pp->k == K_LAND) && pp->population <= 0 && pi->k == K_COMM &&
		    pp->a1 && pp->a1 == pi->a1)
			return 0;
		if (gap < mingap)
			mingap = gap;
		outshone++;
		one_name &= strcmp(g->names[c->v[i].name].key, g->names[c->v[pick].name].key) == 0;
	}
#undef IS_UNIT
	/* only between strong name matches: a weak fuzzy tie ("Midan" ~ "Al
	 * Mayadin") says the place is likely not in the gazetteer at all;
	 * unless the places tied are namesakes and the query spells their one
	 * name another way ("Mzairib" for the two Mzeirebs) */
	struct gplace mp;
	int seat = cluster_of(g, c, pick, &mp)->seat;
	if (!outshone || bestp < 0 ||
	    c->v[pick].sim < (seat == 3 ? PROM_MIN_SIM_CAPITAL : seat == 2 && !q_arabic ? PROM_MIN_SIM_SEAT : one_name ? PROM_MIN_SIM_NAMESAKE
	                      : !q_arabic && !g->names[c->v[pick].name].arabic ? PROM_MIN_SIM_LATIN
	                                                                       : PROM_MIN_SIM))
		return 0;
	/* (nor a name that lacks the first word the text has, Umm, Abu,
	 * Kafr...: "Umm al-Mayadin" is not the town al-Mayadin) */
	char nf[GEO_NORM_MAX * 2];
	const char *qg = q_fold ? geo_norm_generic_first(q_fold) : NULL;
	if (qg) {
		const char *ng = geo_norm_generic_first(fold_of(g, c->v[pick].name, nf, sizeof nf));
		if (!ng || strcmp(qg, ng) != 0)
			return 0;
	}
	struct cand chosen = c->v[pick];
	memmove(&c->v[1], &c->v[0], pick * sizeof c->v[0]);
	c->v[0] = chosen;
	double lead = mingap / 3.0;
	*conf = 0.6 + (PROM_CONF_MAX - 0.6) * (lead < 0 ? 0 : lead > 1 ? 1 : lead);
	if (*conf > chosen.score)
		*conf = chosen.score;
	return outshone;
}

#define T_RESOLVE 0.72   /* best score below this: unresolved */

/* Words that name a feature of a place ("Tall Shadadi", "Burj Safita",
 * "Qalaat al-Madiq"): when the whole name is not known, the place the
 * feature belongs to is (a tell, tower or castle lies by its village). */
static const char *const FEATURE_WORDS[] = {"tal", "tall", "tell", "tel", "burj", "borj", "qalaat",
                                            "qalat", "qalaa", "qalaah", "jabal", "jebel",
                                            "jabel", NULL};
#define FEATURE_DROP 0.799 /* below 0.8, even spelt exactly: the feature is not the village itself */
#define FINAL_E 0.97      /* a French silent final e: Arbine = Arbin */
#define T_RESOLVE_FEATURE 0.8 /* "Tall X" scoring below this: try X */
#define WORD_DROP 0.78    /* a name found without one of its words */
#define WORD_DROP_TRY 0.8 /* ... tried when the whole matches below this */
#define VOWELLESS 0.9     /* a vowel-less romanisation, article and ta marbuta off */
#define DIGRAPH_APART 0.95 /* th, dh read as two letters */
#define DH_AS_D 0.97      /* dh written for dad (ض): Madhaya = Madaya */
#define FOREIGN_LATIN 0.93 /* another language's romanisation: Dejr ez-Zor, Banijas */
#define FOREIGN_MIN_SIM KEY_EQUAL /* ... taken only when it spells a name's key */

static int feature_word(const char *w, size_t n)
{
	for (size_t i = 0; FEATURE_WORDS[i]; i++)
		if (strlen(FEATURE_WORDS[i]) == n && memcmp(FEATURE_WORDS[i], w, n) == 0)
			return 1;
	return 0;
}

/* Words that never stand alone as a place name: what is left after
 * dropping a word must not be only one of these. */
static const char *const GENERIC_ALONE[] = {
	"kafr", "kfar", "deir", "dayr", "dair", "ain", "ayn", "ein", "umm", "um", "bayt", "beit",
	"khirbet", "khirbat", "kherbet", "abu", "abou", "sheikh", "shaykh", "jisr", "qasr", "wadi",
	"ras", "mazraat", "mazraa", "maarat", "hay", "al", "el", "tal", "tall", "tell", "ard", "sahl",
	"كفر", "دير", "عين", "أم", "ام", "بيت", "خربة", "تل", "أبو", "ابو", "الشيخ", "شيخ", "جسر",
	"قصر", "وادي", "رأس", "راس", "مزرعة", "معرة", "حي", "ضيعة", NULL};

/* 1 when some indexed name has the key of `fold` (one hash probe), of a
 * district or sub-district only when units_only. */
static int key_exists_of(const geo_gaz *g, const char *fold, int units_only)
{
	char key[GEO_NORM_MAX * 2];
	geo_norm_key_folded(fold, key, sizeof key);
	if (!key[0])
		return 0;
	uint64_t h = hash_str(key);
	for (size_t i = ient_find_dir(g->kidx, g->n_kidx, g->kdir, h); i < g->n_kidx && g->kidx[i].h == h; i++) {
		const struct gname *n = &g->names[g->kidx[i].name];
		enum kind k = g->places[n->place].k;
		if (strcmp(n->key, key) == 0 && (!units_only || k == K_SUB || k == K_DIST))
			return 1;
	}
	return 0;
}

/* 1 for the English words of a sentence the stop words hold that a
 * name may have (OCHA's "For A"): the ones checked against names. */
static int sentence_word(const char *w)
{
	static const char *const S[] = {"a", "an", "for", "people", "tent", "tents", "time", "times",
	                                "second", "third", "again", "its", NULL};
	for (size_t i = 0; S[i]; i++)
		if (strcmp(w, S[i]) == 0)
			return 1;
	return 0;
}

/* 1 when the text writes the article art ("a", "an") with a hyphen onto
 * the word whose fold is next: "Deir a-Zor", "An-Nabk". */
static int article_hyphened(const char *text, const char *art, const char *next)
{
	size_t n = strlen(art);
	for (const char *p = text; *p; p++) {
		if (p > text && ((p[-1] >= 'a' && p[-1] <= 'z') || (p[-1] >= 'A' && p[-1] <= 'Z')))
			continue;
		if (strncasecmp(p, art, n) != 0 || p[n] != '-')
			continue;
		/* the word after the hyphen, folded */
		const char *q = p + n + 1;
		size_t l = strcspn(q, " ,;/()-\t");
		char raw[GEO_NORM_MAX], f[GEO_NORM_MAX * 2];
		if (!l || l >= sizeof raw)
			continue;
		memcpy(raw, q, l);
		raw[l] = '\0';
		geo_norm_fold(raw, f, sizeof f);
		if (strcmp(f, next) == 0)
			return 1;
	}
	return 0;
}

/* 1 when some indexed name is written as `fold`, word for word (its
 * folded text: the spelling hash skips spaces, and "Al Tal in" is no
 * spelling of the village Talin). */
static int spelt_exists(const geo_gaz *g, const char *fold)
{
	char key[GEO_NORM_MAX * 2], nf[GEO_NORM_MAX * 2];
	geo_norm_key_folded(fold, key, sizeof key);
	if (!key[0])
		return 0;
	uint64_t h = hash_str(key), fh = spelling_hash(fold);
	for (size_t i = ient_find_dir(g->kidx, g->n_kidx, g->kdir, h); i < g->n_kidx && g->kidx[i].h == h; i++) {
		const struct gname *n = &g->names[g->kidx[i].name];
		if (n->fhash == fh && strcmp(n->key, key) == 0 &&
		    strcmp(geo_norm_fold(n->name, nf, sizeof nf) ? nf : "", fold) == 0)
			return 1;
	}
	return 0;
}

/* 1 when some indexed name has the key of `fold`: a name found without a
 * word must match that well to resolve (WORD_DROP), so a full fuzzy
 * lookup is only worth it then. */
static int key_exists(const geo_gaz *g, const char *fold)
{
	return key_exists_of(g, fold, 0);
}

/* 1 when a district or sub-district has a name of the key of fold. */
static int unit_key_exists(const geo_gaz *g, const char *fold)
{
	return key_exists_of(g, fold, 1);
}

/* 1 when some name, in either script, has the consonant skeleton of fold. */
static int skel_exists(const geo_gaz *g, const char *fold)
{
	char sk[GEO_NORM_MAX * 2];
	geo_norm_skeleton_folded(fold, sk, sizeof sk);
	if (strlen(sk) < 3)
		return 0;
	uint64_t h = hash_str(sk);
	for (size_t i = ient_find_dir(g->sidx, g->n_sidx, g->sdir, h); i < g->n_sidx && g->sidx[i].h == h; i++)
		if (strcmp(g->names[g->sidx[i].name].skel, sk) == 0)
			return 1;
	return 0;
}

/* 1 when the words two (and the word next, if any) are a name: its key,
 * or its skeleton through the other script. */
static int key_prefix_exists(const geo_gaz *g, const char *two, const char *next)
{
	char three[GEO_NORM_MAX * 2];
	if (key_exists(g, two) || skel_exists(g, two))
		return 1;
	if (!next)
		return 0;
	snprintf(three, sizeof three, "%s %s", two, next);
	return key_exists(g, three) || skel_exists(g, three);
}

/* The Arabic nouns of direction (north of, south of...), not the
 * adjectives (الشمالي), which qualify the governorate or region before
 * them ("ريف حلب الشمالي مدينة اعزاز"). */
static int direction_noun(const char *w)
{
	static const char *const D[] = {"شمال", "جنوب", "شرق", "غرب", "وسط", NULL};
	for (size_t i = 0; D[i]; i++)
		if (strcmp(w, D[i]) == 0)
			return 1;
	return 0;
}

static int old_word(const char *w)
{
	if (w[0] != 'o' && (unsigned char)w[0] != 0xD8)
		return 0;
	return strcmp(w, "old") == 0 || strcmp(w, "القديمة") == 0 || strcmp(w, "القديم") == 0;
}

static int droppable_rest(const char *rest)
{
	if (strlen(rest) < 4)
		return 0;
	if (strchr(rest, ' '))
		return 1;
	for (size_t i = 0; GENERIC_ALONE[i]; i++)
		if (strcmp(rest, GENERIC_ALONE[i]) == 0)
			return 0;
	return 1;
}

/* The phrase's candidates *cur (already looked up) replaced by those of a
 * spelling variant when that does better after its penalty: without a
 * French silent final e ("Arbine", "Mihine": the -e after a consonant),
 * or, when the name is not found well enough, without a leading feature
 * word ("Tall Shadadi" -> Shadadi). */
/* The candidates *alt of a spelling variant replace *cur when they do
 * better, after the variant's factor, by more than margin; they keep the
 * factor. */
static void take_variant(struct cset *cur, struct cset *alt, double factor, double margin)
{
	if (!alt->n || (cur->n && alt->v[0].score * factor <= cur->v[0].score + margin))
		return;
	for (size_t k = 0; k < alt->n; k++)
		alt->v[k].score *= factor;
	*cur = *alt;
}

static void try_variants(const geo_gaz *g, const char *fold, enum ptype t, const struct hints *hi,
                         struct cset *cur)
{
	char v[GEO_NORM_MAX];
	size_t n = strlen(fold);
	struct cset alt;
	if (n >= 5 && n < sizeof v && fold[n - 1] == 'e' && !strchr("aeiouy h'", fold[n - 2]) &&
	    (!cur->n || cur->v[0].sim < 0.99) && geo_norm_is_arabic(fold) == 0) {
		memcpy(v, fold, n - 1);
		v[n - 1] = '\0';
		/* a full fuzzy lookup only when the name is otherwise not found
		 * or the shortened key is indexed (speed) */
		if ((!cur->n || cur->v[0].score < T_RESOLVE || key_exists(g, v)))
			lookup_phrase(g, v, t, hi, &alt);
		else
			alt.n = 0;
		take_variant(cur, &alt, FINAL_E, 0.02);
	}
	/* Arabic letters romanised one for one, without vowels ("tlbyst",
	 * "alslmyt", "sqlbyt": GeoNames keeps such forms): the article al and
	 * a final ta marbuta t off each word, then the name, below 0.8 */
	if ((!cur->n || cur->v[0].score < T_RESOLVE) && n >= 3 && n < sizeof v &&
	    !geo_norm_is_arabic(fold)) {
		size_t m = 0;
		int vowelless = 1;
		for (const char *w = fold; *w && vowelless;) {
			size_t L = strcspn(w, " ");
			const char *b = w;
			if (L > 4 && b[0] == 'a' && b[1] == 'l')
				b += 2, L -= 2; /* the article */
			for (size_t k = 0; k < L; k++)
				vowelless &= strchr("aeiou", b[k]) == NULL;
			const char *next = b + L;
			if (L >= 4 && b[L - 1] == 't')
				L--; /* ta marbuta */
			if (m && m + 1 < sizeof v)
				v[m++] = ' ';
			for (size_t k = 0; k < L && m + 1 < sizeof v; k++)
				v[m++] = b[k];
			w = next;
			while (*w == ' ')
				w++;
		}
		v[m] = '\0';
		if (vowelless && m && strcmp(v, fold) != 0) {
			lookup_phrase(g, v, t, hi, &alt);
			take_variant(cur, &alt, VOWELLESS, 0);
		}
	}
	/* th and dh as two letters, t or d then ha (Shathah for شطحة,
	 * Shateha; Fath Allah for فتح الله), when the name is not found
	 * otherwise: the fold's H is a ha of its own */
	if ((!cur->n || cur->v[0].score < T_RESOLVE) && n < sizeof v && !geo_norm_is_arabic(fold) &&
	    (strstr(fold, "th") || strstr(fold, "dh"))) {
		memcpy(v, fold, n + 1);
		for (size_t k = 1; k < n; k++)
			if (v[k] == 'h' && (v[k - 1] == 't' || v[k - 1] == 'd'))
				v[k] = 'H';
		lookup_phrase(g, v, t, hi, &alt);
		take_variant(cur, &alt, DIGRAPH_APART, 0);
	}
	/* dh for dad, as d (Madhaya for مضايا, Madaya), when the name as
	 * written matches only fuzzily (Mezzeh, through dh as z) */
	if ((!cur->n || cur->v[0].sim < KEY_EQUAL) && n < sizeof v && !geo_norm_is_arabic(fold) &&
	    strstr(fold, "dh")) {
		size_t m = 0;
		for (size_t k = 0; k < n; k++)
			if (!(fold[k] == 'h' && k > 0 && fold[k - 1] == 'd'))
				v[m++] = fold[k];
		v[m] = '\0';
		lookup_phrase(g, v, t, hi, &alt);
		take_variant(cur, &alt, DH_AS_D, 0);
	}
	/* a French rh inside a word is ghayn too (Jisr ech Chorhour, Jisr
	 * al-Shughur; Serrhaya, Sarghaya), when the name as written matches
	 * only fuzzily (Burhan is r and ha) */
	if ((!cur->n || cur->v[0].sim < KEY_EQUAL) && n < sizeof v && !geo_norm_is_arabic(fold) &&
	    strstr(fold, "rh")) {
		int any = 0;
		memcpy(v, fold, n + 1);
		for (size_t k = 1; k + 1 < n; k++)
			if (v[k] == 'r' && v[k + 1] == 'h' && v[k - 1] != ' ') {
				v[k] = 'g';
				any = 1;
			}
		if (any) {
			lookup_phrase(g, v, t, hi, &alt);
			take_variant(cur, &alt, DIGRAPH_APART, 0);
		}
	}
	/* ... and a word's first rh, which the key reads as ghayn (Rhazale,
	 * Ghazala), may be r and ha with the vowel between them left out
	 * ("Rheibeh" is al-Ruhaybah, not Ghaybi 544 km away), when the ghayn
	 * reading matches only fuzzily */
	if ((!cur->n || cur->v[0].sim < KEY_EQUAL) && n + 4 < sizeof v && !geo_norm_is_arabic(fold) &&
	    (strncmp(fold, "rh", 2) == 0 || strstr(fold, " rh"))) {
		size_t m = 0;
		int any = 0;
		for (size_t k = 0; k < n && m + 2 < sizeof v; k++) {
			v[m++] = fold[k];
			if (fold[k] == 'r' && (k == 0 || fold[k - 1] == ' ') && fold[k + 1] == 'h' && fold[k + 2] &&
			    strchr("aeiouy", fold[k + 2])) {
				v[m++] = 'e';
				any = 1;
			}
		}
		v[m] = '\0';
		if (any) {
			lookup_phrase(g, v, t, hi, &alt);
			take_variant(cur, &alt, DIGRAPH_APART, 0);
		}
	}
	/* another language's romanisation (Russian Dejr ez-Zor, Dzhasim,
	 * Ehl'-Kunejtra; German Manbidsch; French Jacem, Guebelli), rewritten
	 * into the English one, when the name is not found otherwise */
	/* (a spelling of a name the gazetteer holds, not only near one, and
	 * not a short key many names share: Sijo camp's "Sijou" read as
	 * "Siyou" keys "si", like Saya and Shiye) */
	if ((!cur->n || cur->v[0].score < T_RESOLVE) && n < sizeof v && geo_norm_foreign_latin(fold, v, sizeof v)) {
		char vk[GEO_NORM_MAX];
		if (geo_norm_key_folded(v, vk, sizeof vk) >= 4) {
			lookup_phrase(g, v, t, hi, &alt);
			if (alt.n && alt.v[0].sim >= FOREIGN_MIN_SIM)
				take_variant(cur, &alt, FOREIGN_LATIN, 0);
		}
	}
	const char *sp = strchr(fold, ' ');
	if (sp && sp[1] && feature_word(fold, (size_t)(sp - fold)) &&
	    (!cur->n || cur->v[0].score < T_RESOLVE_FEATURE)) {
		lookup_phrase(g, sp + 1, t, hi, &alt);
		take_variant(cur, &alt, FEATURE_DROP, 0);
	}
	/* still not found: a word the gazetteer does not hold around a name
	 * it does ("حمص القديمة", "Daraya al-Balad", "Mhambal al-Dahiya",
	 * "ضيعة دوما"): the name without its first or last word, below 0.8 */
	const char *last = strrchr(fold, ' ');
	int weak = !cur->n || cur->v[0].score < T_RESOLVE;
	/* ... or a last word with its article after a name ("Daraa
	 * al-Balad"), when the whole matches only fuzzily */
	int fuzzy = cur->n && cur->v[0].sim < WORD_DROP_TRY;
	if (sp && last && (weak || fuzzy)) {
		for (int side = 0; side < 2; side++) {
			const char *rest;
			if (side == 0) {
				/* (not a first word that makes another name of the rest:
				 * "Kafr Halab" is no Aleppo, while "Jisr al-Shaddadi"
				 * is by al-Shaddadi) */
				static const char *const OTHER[] = {
					"kafr", "kfar", "kafar", "kfr", "kefr", "deir", "dayr", "dair", "der", "ain",
					"ayn", "ein", "umm", "um", "abu", "abou", "bayt", "beit", "bait", "maarat",
					"maaret", "marat", "maarrat", "كفر", "دير", "عين", "ام", "ابو", "بيت", "معره",
					"معرة", NULL};
				size_t l0 = (size_t)(sp - fold);
				int other = 0;
				for (size_t k = 0; OTHER[k] && !other; k++)
					other = strlen(OTHER[k]) == l0 && memcmp(OTHER[k], fold, l0) == 0;
				/* (nor before qualifiers: "Sirrin ash Shamaliyah" is
				 * Northern Sirrin, not the village Shamaliyeh) */
				if (!weak || other || geo_norm_qualifiers_only(sp + 1))
					continue;
				rest = sp + 1;
			} else {
				size_t l = (size_t)(last - fold), ws = l;
				while (ws > 0 && fold[ws - 1] != ' ')
					ws--;
				int art = ws > 0 && is_article(fold + ws, l - ws);
				if (art)
					l = ws - 1;
				if (l >= sizeof v || (!weak && !art))
					continue;
				memcpy(v, fold, l);
				v[l] = '\0';
				rest = v;
			}
			if (!droppable_rest(rest) || !key_exists(g, rest))
				continue;
			lookup_phrase(g, rest, t, hi, &alt);
			take_variant(cur, &alt, WORD_DROP, 0);
		}
	}
}

/* 1 when candidate b is the same place as a for ambiguity purposes: the
 * same point (duplicates across sources) or an admin unit holding a. */
static int same_place(const geo_gaz *g, const struct cand *a, const struct cand *b)
{
	const struct gplace *p = &g->places[a->place], *q = &g->places[b->place];
	if (dist_km(p->lon, p->lat, q->lon, q->lat) < 4.0)
		return 1; /* duplicates across sources, twin hamlets: one location */
	if (p->pcode_twin == b->place + 1 || q->pcode_twin == a->place + 1)
		return 1; /* (mark_pcode_twins) */
	/* a point at its sub-district's centroid says only "in the
	 * sub-district": OCHA's Yarmuk and the Syrian Archive's Yarmouk Camp */
	if ((p->sub_centroid || q->sub_centroid) && p->admin3 && q->admin3 && strcmp(p->admin3, q->admin3) == 0 &&
	    strcmp(g->names[a->name].skel, g->names[b->name].skel) == 0)
		return 1;
	if (q->pcode && ((q->k == K_SUB && p->admin3 && strcmp(p->admin3, q->pcode) == 0) ||
	                 (q->k == K_DIST && p->admin2 && strcmp(p->admin2, q->pcode) == 0) ||
	                 (q->k == K_GOV && p->admin1 && strcmp(p->admin1, q->pcode) == 0)))
		return 1;
	if (p->pcode && ((p->k == K_SUB && q->admin3 && strcmp(q->admin3, p->pcode) == 0) ||
	                 (p->k == K_DIST && q->admin2 && strcmp(q->admin2, p->pcode) == 0) ||
	                 (p->k == K_GOV && q->admin1 && strcmp(q->admin1, p->pcode) == 0)))
		return 1;
	return 0;
}

static void fill_cand(const geo_gaz *g, const struct cand *c, double score,
                      struct geo_gaz_candidate *out)
{
	const struct gplace *p = &g->places[c->place];
	memset(out, 0, sizeof *out);
	out->name = p->name_en;
	out->name_ar = p->name_ar;
	out->matched = c->name < g->n_names ? g->names[c->name].name : NULL;
	out->pcode = p->pcode;
	out->admin1_pcode = p->admin1;
	out->admin3_pcode = p->admin3;
	out->kind = p->kind;
	out->lon = p->lon;
	out->lat = p->lat;
	/* a sub-district or district is placed at its seat, the town it is
	 * named after, as ACLED does for an area (precision 2 says so): its
	 * polygon's centroid can lie in empty steppe (Dumayr's, 80 km from
	 * the town), and reports of an area mean its town far more often */
	if ((p->k == K_SUB || p->k == K_DIST) && p->seat_place) {
		out->lon = g->places[p->seat_place - 1].lon;
		out->lat = g->places[p->seat_place - 1].lat;
	}
	out->score = score;
	switch (p->k) {
	case K_GOV: out->precision = 3; out->precision_word = "governorate"; break;
	case K_DIST: out->precision = 2; out->precision_word = "district"; break;
	case K_SUB: out->precision = 2; out->precision_word = "subdistrict"; break;
	case K_NEIGH:
		/* a quarter OCHA lists under its town, at the town's point: the
		 * point is the town's, not the quarter's */
		out->precision = 1;
		out->precision_word = p->point_source && strcmp(p->point_source, "parent_point") == 0 ? "community"
		                                                                                      : "neighbourhood";
		break;
	case K_LAND: out->precision = 1; out->precision_word = "point"; break;
	default:
		if (p->point_source && strcmp(p->point_source, "subdistrict_centroid") == 0) {
			out->precision = 2;
			out->precision_word = "subdistrict";
		} else {
			out->precision = 1;
			out->precision_word = "community";
		}
		break;
	}
}

static void fill_gov(const geo_gaz *g, const char *admin1, double score, struct geo_gaz_candidate *out)
{
	int gi = gov_index(admin1);
	memset(out, 0, sizeof *out);
	if (gi && g->gov_place[gi]) {
		struct cand c = {g->gov_place[gi] - 1, 0, 1, 1, 0, -1};
		/* name index: any name of that place, for `matched` */
		c.name = g->places[c.place].first_name;
		fill_cand(g, &c, score, out);
		out->matched = NULL;
	}
}

/* ---- text parsing ------------------------------------------------------------------ */

#define MAX_PHRASES 16

struct phrase {
	char fold[GEO_NORM_MAX];     /* words of the phrase, with direction words */
	char core[GEO_NORM_MAX];     /* without direction words */
	enum ptype type;
	int seg;
	int seg_admin, seg_suburb;   /* the segment has governorate / suburb words */
	int is_context;
	int owner;                   /* named as an owner ("Idlib's Saraqeb") */
	int paren;                   /* written in brackets: "Kafr Nabl (Idlib)" */
	int hier;                    /* after " - ", ">", ":" or "/": a step of a hierarchy */
	size_t seg_off, seg_len;     /* its segment: bytes of the text */
	int adj;                     /* next to a governorate or suburb word
	                                ("ريف الحسكة", "Idlib governorate") */
	char admin1[8];
	double dx, dy;               /* direction words of a context phrase (unit vector or 0) */
	char segdirs[64];            /* the direction words of its segment */
	char core_key[GEO_NORM_MAX]; /* geo_norm_key of core */
	int anon;                    /* a place the text types but does not name
	                                ("IDP camp, Idlib", "village, Idlib"):
	                                empty fold, found nowhere */
};

static int word_class(const geo_gaz *g, const char *w)
{
	const struct ctxent *e = ctx_find(g->words, g->n_words, word_hash(w));
	return e ? e->cls : W_NONE;
}

/* 1 when w is a number (21, ٢١) */
static int is_number(const char *w)
{
	const unsigned char *u = (const unsigned char *)w;
	if (!*u)
		return 0;
	for (; *u; u++) {
		if (*u >= '0' && *u <= '9')
			continue;
		if (u[0] == 0xD9 && u[1] >= 0xA0 && u[1] <= 0xA9) { /* ٠..٩ */
			u++;
			continue;
		}
		return 0;
	}
	return 1;
}

/* 1 when w is a unit of distance (km, كم) */
static int is_distance_unit(const char *w)
{
	static const char *const U[] = {"km", "kms", "kilometres", "kilometers", "kilometre", "kilometer",
	                                "miles", "كم", "كلم", "كيلو", "كيلومتر", "كيلومترات", NULL};
	for (size_t i = 0; U[i]; i++)
		if (strcmp(w, U[i]) == 0)
			return 1;
	return 0;
}

/* The region entry of a key, or NULL. */
static const struct ctxent *region_entry(const geo_gaz *g, const char *key)
{
	if (!key[0])
		return NULL;
	return ctx_find(g->regions, g->n_regions, hash_str(key));
}

/* 1 when fold has a governorate's key but is no spelling of its names up
 * to vowels, while a community is spelt so: "Daraa - Sayda" names the
 * village Sayda of Daraa, not as-Sweida, whose key ("sida") it shares. */
static int gov_key_only(const geo_gaz *g, const char *fold, const char *key)
{
	uint64_t vh = vowel_hash(fold), h = hash_str(key);
	int spelt_place = 0;
	for (size_t i = 0; i < sizeof GOV_SPELLINGS / sizeof GOV_SPELLINGS[0]; i++)
		if (g->gov_sp_vh[i] == vh)
			return 0;
	for (size_t i = ient_find_dir(g->kidx, g->n_kidx, g->kdir, h); i < g->n_kidx && g->kidx[i].h == h; i++) {
		const struct gname *n = &g->names[g->kidx[i].name];
		const struct gplace *p = &g->places[n->place];
		if (strcmp(n->key, key) != 0 || n->vhash != vh)
			continue;
		if (p->k == K_GOV || (p->k == K_COMM && p->seat == 3))
			return 0; /* a spelling of a governorate or its capital */
		spelt_place |= p->k == K_COMM;
	}
	return spelt_place;
}

/* Governorate or region named by folded words: admin1 or NULL. */
static const char *region_of(const geo_gaz *g, const char *fold)
{
	char k[GEO_NORM_MAX * 2];
	geo_norm_key_folded(fold, k, sizeof k);
	const struct ctxent *e = region_entry(g, k);
	return e ? e->admin1 : NULL;
}

static void append_word(char *dst, size_t cap, const char *w)
{
	size_t n = strlen(dst), l = strlen(w);
	if (n + l + 2 > cap)
		return;
	if (n)
		dst[n++] = ' ';
	memcpy(dst + n, w, l + 1);
}

/* Arabic writes the prepositions bi-, wa-, li-, fa- onto the next word:
 * "بريف دمشق" (in Rif Dimashq), "بمدينة", "بالغوطة الشرقية". The word
 * without it, when that is a word of the context tables, or an ال word
 * while the word as written is no name the gazetteer knows (بنش stays
 * Binnish). NULL when nothing is to be stripped. */
static const char *arabic_prefix_strip(const geo_gaz *g, const char *w, const char *next)
{
	const unsigned char *u = (const unsigned char *)w;
	int prefix = (u[0] == 0xD8 && u[1] == 0xA8) ||                /* ب */
	             (u[0] == 0xD9 && (u[1] == 0x88 || u[1] == 0x84 || /* و ل */
	                               u[1] == 0x81));                 /* ف */
	if (!prefix || strlen(w) < 2 + 4)
		return NULL;
	const char *rest = w + 2;
	/* a word the gazetteer knows as written is a name (بقرية is the
	 * village Baqariya, not "in a village"; بنش is Binnish), unless it
	 * is a kind-of-place word before a name: "بقرية يمضية" is in the
	 * village Yamdiyeh */
	if (key_exists(g, w)) {
		int kind = word_class(g, rest);
		if (!next || (kind != W_SETTLE && kind != W_SUBPLACE) || word_class(g, next) != W_NONE ||
		    region_of(g, next))
			return NULL;
		return rest;
	}
	if (word_class(g, rest) != W_NONE)
		return rest;
	/* "وإدلب", "وسراقب": and, before a governorate or a known name */
	if (u[1] == 0x88 && (key_exists(g, rest) || region_of(g, rest)))
		return rest;
	/* "بحلب", "بإدلب": in, before a governorate or a region, unless the
	 * word as written is a name by its letters (برقة is the village
	 * Barqa, not "in Raqqa") */
	if (u[0] == 0xD8 && u[1] == 0xA8 && region_of(g, rest) && (utf8_len(rest) >= 4 || !skel_exists(g, w)))
		return rest; /* (a three-letter governorate's word only: بدرعا's skeleton is Badr's) */
	if (strncmp(rest, "\xd8\xa7\xd9\x84", 4) == 0 && strlen(rest) >= 4 + 6)
		return rest;
	/* "بنوى": in, before a town the gazetteer knows, when the word as
	 * written is no name by its letters either (Nawa) */
	if (u[0] == 0xD8 && u[1] == 0xA8 && utf8_len(rest) >= 3 && key_exists(g, rest) && !skel_exists(g, w))
		return rest;
	return NULL;
}

/* An Arabic direction adjective (شمالي...), which is also a name's
 * qualifier: a direction only before a governorate (parse_text). */
static int arabic_direction(const char *w)
{
	static const char *const D[] = {"شمالي", "جنوبي", "شرقي", "غربي"};
	for (size_t i = 0; i < sizeof D / sizeof D[0]; i++)
		if (strcmp(w, D[i]) == 0)
			return 1;
	return 0;
}

/* The generic first words of names (Tal, Kafr, Deir, Ain, تل, كفر...):
 * not a name on their own when a governorate's name follows ("تل حمص"
 * is the village Tal Hmis, not Homs). w is folded. */
static int generic_word(const char *w)
{
	static const char *const G[] = {
		"kafr", "kfar", "kafar", "kfr", "kefr", "tal", "tall", "tell", "tel", "deir", "dayr", "dair",
		"der", "ain", "ayn", "ein", "umm", "um", "qasr", "bayt", "beit", "bait", "jisr", "khan",
		"maarat", "maaret", "marat", "maarrat", "khirbet", "khirbat", "kherbet", "abu", "abou",
		"jabal", "jebel", "burj", "qalaat", "qalat", "bir", "nahr", "wadi", "ras", "ard", "mazraat",
		"تل", "كفر", "دير", "عين", "ام", "قصر", "بيت", "جسر", "خان", "معره", "معرة", "خربه", "خربة",
		"ابو", "جبل", "برج", "قلعه", "قلعة", "بير", "بئر", "نهر", "وادي", "راس", "مزرعه", "مزرعة", NULL};
	for (size_t i = 0; G[i]; i++)
		if (strcmp(w, G[i]) == 0)
			return 1;
	return 0;
}

/* "Hay": حي transliterated, which types the name after it, as in Arabic. */
static int hay_word(const char *w)
{
	return strcmp(w, "hay") == 0 || strcmp(w, "hayy") == 0 || strcmp(w, "hai") == 0;
}

/* "Madinat", "Qaryat": the words city, village... transliterated from
 * Arabic, which are not a name on their own ("Madinat Halab"). */
static int kind_transliterated(const char *w)
{
	static const char *const K[] = {"madinat", "madinet", "medinet", "mdinet", "madina", "madinah",
	                                "qaryat", "qaryet", "qariyat", "baldat", "balda", "nahiyat",
	                                "nahiyah", "mintaqat", "mantiqat", "muhafazat", "rif", "reef",
	                                "rural", NULL};
	for (size_t i = 0; K[i]; i++)
		if (strcmp(w, K[i]) == 0)
			return 1;
	return 0;
}

/* 1 when folded words name a place whole: its key is known, or a place
 * matches it at min or better ("Muadamiyat al-Sham", whose last words are
 * not Damascus). */
static int whole_name(const geo_gaz *g, const char *fold, double min)
{
	if (key_exists(g, fold))
		return 1;
	struct hints h0;
	memset(&h0, 0, sizeof h0);
	h0.near_place = -1;
	struct cset c;
	lookup_phrase(g, fold, P_NONE, &h0, &c);
	return c.n && c.v[0].sim >= min;
}

/* 1 when the n folded words w name a place of governorate admin1 well
 * (0.85): what follows a governorate written first is read in it only
 * then ("Aleppo Masaken Hanano"; not "جامع حلب الكبير", the Great
 * Mosque of Aleppo). */
static int rest_in_gov(const geo_gaz *g, const char *const *w, size_t n, const char *admin1)
{
	char rest[GEO_NORM_MAX] = "";
	for (size_t m = 0; m < n; m++)
		append_word(rest, sizeof rest, w[m]);
	struct hints h0;
	memset(&h0, 0, sizeof h0);
	h0.near_place = -1;
	copy_str(h0.admin1, sizeof h0.admin1, admin1);
	struct cset c;
	lookup_phrase(g, rest, P_NONE, &h0, &c);
	return c.n && c.v[0].sim >= 0.85 && g->places[c.v[0].place].a1 == gov_index(admin1);
}

/* The word index at which a run w[i..run_end) of name words splits
 * because a governorate or region is written at its edge with no comma,
 * or 0. After the name ("Saraqeb Idlib", "محمبل ادلب", "Douma Rif
 * Dimashq") the governorate is context, unless the whole run is a name
 * ("Muadamiyat al-Sham", "Madinat Halab") or a region's ("Sahl al-Ghab"),
 * or the name is only a generic word ("تل حمص" is Tal Hmis); after a
 * region the name must be found in the region's governorate ("Ashrafiat
 * Wadi Barada" stays whole). Before the name ("Aleppo Masaken Hanano",
 * "Idlib Saraqeb") it frames what follows, when that is found there
 * (*frame is set); not a town's part ("Daraa al-Balad"). In English a
 * kind word after the run types its last name: "Saraqeb-Idlib road" is a
 * road to Idlib, not split. */
static size_t gov_edge_split(const geo_gaz *g, const char *const *w, const int *cls, size_t nw, size_t i,
                             size_t run_end, int *frame)
{
	int typed_after = run_end < nw && (unsigned char)w[run_end][0] < 0x80 &&
	                  (cls[run_end] == W_SUBPLACE || cls[run_end] == W_SETTLE || cls[run_end] == W_UNIT);
	if (typed_after || (!region_edge(g, w[run_end - 1], 1) && !region_edge(g, w[i], 0)))
		return 0;
	char whole[GEO_NORM_MAX] = "", wk[GEO_NORM_MAX * 2];
	for (size_t m = i; m < run_end; m++)
		append_word(whole, sizeof whole, w[m]);
	geo_norm_key_folded(whole, wk, sizeof wk);
	if (region_entry(g, wk))
		return 0;
	int known = -1; /* the whole run is a name (computed once, when needed) */
	/* after the name (a governorate's name has at most three words) */
	for (size_t k = run_end - i > 3 ? run_end - 3 : i + 1; k < run_end; k++) {
		char rest[GEO_NORM_MAX] = "", rkey[GEO_NORM_MAX];
		int named = 0;
		/* (an article alone names nothing: "central Al-Hassakah" is
		 * the city, not "al" and the governorate) */
		for (size_t m = i; m < k; m++)
			named |= cls[m] == W_NONE && !kind_transliterated(w[m]) && !generic_word(w[m]) &&
			         !((unsigned char)w[m][0] < 0x80 && is_article(w[m], strlen(w[m])));
		for (size_t m = k; m < run_end; m++)
			append_word(rest, sizeof rest, w[m]);
		geo_norm_key_folded(rest, rkey, sizeof rkey);
		const struct ctxent *te = named ? region_entry(g, rkey) : NULL;
		if (!te)
			continue;
		if (te->cls == 1 ? rest_in_gov(g, w + i, k - i, te->admin1)
		                 : (known < 0 ? (known = whole_name(g, whole, 0.9)) : known) == 0)
			return k;
	}
	/* before it */
	for (size_t k = i + 1; k < run_end && k <= i + 3; k++) {
		char head[GEO_NORM_MAX] = "", hkey[GEO_NORM_MAX];
		int named = 0;
		if (run_end - k == 2 && (strcmp(w[k], "al") == 0 || strcmp(w[k], "el") == 0))
			break;
		for (size_t m = k; m < run_end; m++)
			named |= cls[m] == W_NONE && !kind_transliterated(w[m]);
		for (size_t m = i; m < k; m++)
			append_word(head, sizeof head, w[m]);
		geo_norm_key_folded(head, hkey, sizeof hkey);
		const struct ctxent *he = named ? region_entry(g, hkey) : NULL;
		if (!he || he->cls != 0)
			continue;
		if (known < 0)
			known = whole_name(g, whole, 0.9);
		if (!known && rest_in_gov(g, w + k, run_end - k, he->admin1)) {
			*frame = 1;
			return k;
		}
	}
	return 0;
}

/* 1 when s has a letter (Latin or not): more text after a word. */
static int has_letters(const char *s)
{
	for (; *s; s++)
		if (isalpha((unsigned char)*s) || (unsigned char)*s >= 0x80)
			return 1;
	return 0;
}

/* 1 for a word that types a settlement or camp, or says its people are
 * displaced ("village", "camp", "IDPs", مخيم), 2 for one that types a
 * quarter, 0 otherwise: a segment with such a word and no name names an
 * unknown place (add_anon). */
static int anon_word(const char *w)
{
	static const char *const SETTLE_W[] = {"village", "town", "camp", "camps", "idp", "idps", "displaced",
	                                       "refugee", "refugees", "قرية", "بلدة", "مخيم", "مخيمات",
	                                       "النازحين", "للنازحين", "اللاجئين", NULL};
	static const char *const QUARTER_W[] = {"neighbourhood", "neighborhood", "neighbourhoods",
	                                        "neighborhoods", "quarter", "حي", "احياء", "الاحياء", NULL};
	for (size_t k = 0; QUARTER_W[k]; k++)
		if (strcmp(w, QUARTER_W[k]) == 0)
			return 2;
	for (size_t k = 0; SETTLE_W[k]; k++)
		if (strcmp(w, SETTLE_W[k]) == 0)
			return 1;
	return 0;
}

/* A phrase for a place the text types but does not name: an empty fold
 * that no name matches, a settlement (1) or a quarter (2). */
static void add_anon(struct phrase *q, int kind, int seg, size_t seg_off, size_t seg_len, int seg_admin,
                     int seg_suburb)
{
	memset(q, 0, sizeof *q);
	q->anon = 1;
	q->type = kind == 2 ? P_SUBPLACE : P_SETTLE;
	q->seg = seg;
	q->seg_off = seg_off;
	q->seg_len = seg_len;
	q->seg_admin = seg_admin;
	q->seg_suburb = seg_suburb;
}

/* Splits text into phrases; returns the count. Sets *cut when the text
 * is longer than the tables hold (a segment over 1,023 bytes, 64 words in
 * a segment, MAX_PHRASES phrases): what follows is not read. */
static size_t parse_text(const geo_gaz *g, const char *text, struct phrase *ph, int *cut)
{
	size_t np = 0;
	int seg = 0;
	const char *p = text;
	char segbuf[1024], f[2048];
	int opened = 0; /* the segment follows an opening bracket */
	int stepped = 0; /* the segment follows " - ", ">", ":" or "/" */
	while (*p && np < MAX_PHRASES) {
		/* one segment: up to , ، ; ( ) [ ] | newline or " - " */
		size_t n = 0;
		size_t poss = 0; /* bytes of a possessive "'s " ending the segment */
		const char *seg_start = p;
		while (*p) {
			unsigned char c = (unsigned char)*p;
			/* "Eastern Ghouta's Douma", "Aleppo's al-Shaar": the owner is
			 * context, as after a comma (not Ra's, two letters) */
			/* ' ’ ‘ ʼ */
			size_t al = c == '\'' ? 1
			            : (c == 0xE2 && (unsigned char)p[1] == 0x80 &&
			               ((unsigned char)p[2] == 0x99 || (unsigned char)p[2] == 0x98)) ? 3
			            : (c == 0xCA && (unsigned char)p[1] == 0xBC) ? 2 : 0;
			/* (the owner may have its own apostrophe: "Dar'a's") */
			if (al && p[al] == 's' && p[al + 1] == ' ' && n >= 3 &&
			    isalpha((unsigned char)segbuf[n - 1]) &&
			    (isalpha((unsigned char)segbuf[n - 2]) || segbuf[n - 2] == '\'') &&
			    isalpha((unsigned char)segbuf[n - 3])) {
				poss = al + 2;
				break;
			}
			if (c == ',' || c == ';' || c == '(' || c == ')' || c == '[' || c == ']' || c == '|' ||
			    c == ':' || c == '>' ||
			    c == '\n' || c == '/')
				break;
			if (c == 0xD8 && (unsigned char)p[1] == 0x8C)
				break; /* Arabic comma */
			if (c == ' ' && (p[1] == '-' || (unsigned char)p[1] == 0xE2) && p[1] && p[2] == ' ')
				break;
			if (c == 0xE2 && (unsigned char)p[1] == 0x80 && ((unsigned char)p[2] == 0x93 || (unsigned char)p[2] == 0x94))
				break; /* en/em dash */
			if (n + 1 < sizeof segbuf)
				segbuf[n++] = *p;
			else
				*cut = 1;
			p++;
		}
		segbuf[n] = '\0';
		/* the preposition على (on) folds to علي (Ali, a name): written
		 * with its alef maqsura, it is the word "on" */
		for (char *a = strstr(segbuf, "\xd8\xb9\xd9\x84\xd9\x89"); a;
		     a = strstr(a + 1, "\xd8\xb9\xd9\x84\xd9\x89")) {
			if ((a != segbuf && a[-1] != ' ') || a[6] != ' ')
				continue;
			/* ... unless the word before it and it are a name the
			 * gazetteer knows (دير على, تل على: Ali written with alef
			 * maqsura) */
			if (a != segbuf) {
				char prev[128], pf[256];
				const char *e = a - 1;
				while (e > segbuf && e[-1] == ' ')
					e--;
				const char *b = e;
				while (b > segbuf && b[-1] != ' ')
					b--;
				size_t pl = (size_t)(e - b);
				if (pl > 0 && pl + 8 < sizeof prev) {
					memcpy(prev, b, pl);
					memcpy(prev + pl, " \xd8\xb9\xd9\x84\xd9\x8a", 7); /* " علي" */
					prev[pl + 7] = '\0';
					geo_norm_fold(prev, pf, sizeof pf);
					if (key_exists(g, pf))
						continue;
				}
			}
			memcpy(a, "on", 2);
			memmove(a + 2, a + 6, strlen(a + 6) + 1);
		}
		size_t seg_off = (size_t)(seg_start - text), seg_len = (size_t)(p - seg_start);
		int in_paren = opened, in_step = stepped;
		opened = *p == '(' || *p == '[';
		stepped = *p == '>' || *p == ':' || *p == '/' || (*p == ' ' && p[1] == '-') ||
		          ((unsigned char)*p == 0xE2 && (unsigned char)p[1] == 0x80 &&
		           ((unsigned char)p[2] == 0x93 || (unsigned char)p[2] == 0x94));
		/* skip the separator */
		if (poss) {
			p += poss;
		} else if (*p) {
			if ((unsigned char)*p == 0xD8 || (unsigned char)*p == 0xE2)
				p += (unsigned char)*p == 0xD8 ? 2 : 3;
			else if (*p == ' ')
				p += 3;
			else
				p++;
		}
		geo_norm_fold(segbuf, f, sizeof f);
		if (!f[0])
			continue;
		/* words and classes */
		const char *w[64];
		int cls[64];
		size_t nw = 0;
		int seg_admin = 0, seg_suburb = 0;
		for (char *s = f; *s;) {
			if (nw == 64) {
				while (*s == ' ')
					s++;
				*cut |= *s != '\0';
				break;
			}
			while (*s == ' ')
				s++;
			if (!*s)
				break;
			w[nw] = s;
			while (*s && *s != ' ')
				s++;
			if (*s)
				*s++ = '\0';
			cls[nw] = word_class(g, w[nw]);
			if (cls[nw] == W_NONE && nw + 1 < 64) {
				/* (the word after it, if any) */
				char nextw[GEO_NORM_MAX];
				const char *ns = s;
				while (*ns == ' ')
					ns++;
				size_t nl = strcspn(ns, " ");
				if (nl >= sizeof nextw)
					nl = sizeof nextw - 1;
				memcpy(nextw, ns, nl);
				nextw[nl] = '\0';
				const char *rest = arabic_prefix_strip(g, w[nw], nl ? nextw : NULL);
				if (rest) {
					/* the preposition ends the phrase before it, as في does */
					cls[nw] = W_STOP;
					w[++nw] = rest;
					cls[nw] = word_class(g, rest);
				}
			}
			if (cls[nw] == W_ADMIN)
				seg_admin = 1;
			if (cls[nw] == W_SUBURB)
				seg_suburb = 1;
			nw++;
		}
		/* "a" and "an" written onto a name word are its article (Deir a-Zor,
		 * Bab a-Salama, a-Raqqa, an-Nabk); the English article otherwise
		 * ("an IDP tent", "a car for civilians in Saraqeb", "Kafr Nabl a
		 * day after"). Spaced between name words, an is the article, as
		 * GeoNames writes it (Khirbat an Nasiriyah, Ma`arat an Na`man),
		 * and a the English one ("Kafr Nabl a day after": no source
		 * writes the article so) */
		for (size_t k = 0; k + 1 < nw; k++)
			if (cls[k] == W_STOP && (strcmp(w[k], "an") == 0 || strcmp(w[k], "a") == 0) &&
			    cls[k + 1] == W_NONE &&
			    (article_hyphened(text, w[k], w[k + 1]) ||
			     (w[k][1] == 'n' && k > 0 && cls[k - 1] == W_NONE))) {
				cls[k] = W_NONE;
				w[k] = "al"; /* (the key reads al as the article: a-Raqqa is al-Raqqa) */
			}
		/* a sentence word (a, for, time...) in a run of two to four words that is a name the
		 * gazetteer holds spelt so: OCHA's "For A" (Fora) is a name, in
		 * "shelling on For A" too; "a tent for people" is none */
		for (size_t k = 0; k < nw; k++) {
			/* ("old" has its own rule below: Old Deir ez-Zor is not the
			 * village Old Deir) */
			if (cls[k] != W_STOP || (unsigned char)w[k][0] >= 0x80 || old_word(w[k]) || !sentence_word(w[k]))
				continue;
			int done = 0;
			for (size_t b = k >= 3 ? k - 3 : 0; b <= k && !done; b++) {
				for (size_t e = (b + 1 > k ? b + 1 : k); e < nw && e < b + 4 && !done; e++) {
					char run[GEO_NORM_MAX];
					run[0] = '\0';
					for (size_t j = b; j <= e; j++)
						append_word(run, sizeof run, w[j]);
					if (spelt_exists(g, run)) {
						for (size_t j = b; j <= e; j++)
							if (cls[j] == W_STOP)
								cls[j] = W_NONE;
						done = 1;
					}
				}
			}
		}
		/* a number before a unit of distance is no name ("21 km southwest
		 * of Safita", "على بعد 5 كم") */
		for (size_t k = 0; k + 1 < nw; k++)
			if (is_number(w[k]) && is_distance_unit(w[k + 1]))
				cls[k] = W_STOP;
		/* a kind-of-place word alone is a name (مدرسة, the village
		 * Madrasa); in Arabic, where it comes before the name it types,
		 * one right after a name word is part of that name (أم جامع,
		 * the village Um Jameh), but for البلد, which follows it (داريا
		 * البلد, Darayya's old town) */
		if (nw == 1 && (cls[0] == W_SUBPLACE || cls[0] == W_SETTLE) &&
		    (key_exists(g, w[0]) || ((unsigned char)w[0][0] >= 0x80 && skel_exists(g, w[0]))))
			cls[0] = W_NONE;
		/* ... and one that with the word after it is a name the
		 * gazetteer knows whole (طريق الباب is Aleppo's Tariq al-Bab
		 * quarter, not a road near al-Bab) */
		for (size_t k = 0; k + 1 < nw; k++) {
			char two[GEO_NORM_MAX];
			if (cls[k] != W_SUBPLACE || cls[k + 1] != W_NONE || (unsigned char)w[k][0] < 0x80 ||
			    (k + 2 < nw && cls[k + 2] == W_NONE))
				continue;
			/* (not حي: the Syrian Archive writes حي into its
			 * quarters' names, "حي الميدان" of Aleppo, and حي الميدان
			 * في مدينة دمشق is Damascus's al-Midan) */
			if (strcmp(w[k], "حي") == 0)
				continue;
			snprintf(two, sizeof two, "%s %s", w[k], w[k + 1]);
			if (key_exists(g, two))
				cls[k] = W_NONE;
		}
		for (size_t k = 1; k < nw; k++) {
			char two[GEO_NORM_MAX];
			if ((cls[k] != W_SUBPLACE && cls[k] != W_SETTLE) || cls[k - 1] != W_NONE ||
			    (unsigned char)w[k][0] < 0x80 || (unsigned char)w[k - 1][0] < 0x80)
				continue;
			/* ... when the two words begin a name the gazetteer knows
			 * (not "ادلب بلدة كفرنبل": Idlib, the town Kafr Nabl); البلد,
			 * a town's old quarter, only when the two are the name
			 * ("درعا البلد", a quarter; "داريا البلد" is Darayya) */
			snprintf(two, sizeof two, "%s %s", w[k - 1], w[k]);
			if (strcmp(w[k], "البلد") == 0 ? key_exists(g, two)
			                                : key_prefix_exists(g, two, k + 1 < nw && cls[k + 1] == W_NONE ? w[k + 1] : NULL))
				cls[k] = W_NONE;
		}
		/* ... and in English, a street, square or camp word after the words
		 * of a name the gazetteer knows whole with it: the Syrian
		 * Archive's "Bab Street" (Aleppo) and "Hama Street" (Homs) are
		 * landmarks, not the towns al-Bab and Hama */
		for (size_t k = 1; k < nw; k++) {
			char run[GEO_NORM_MAX];
			if (cls[k] != W_SUBPLACE || cls[k - 1] != W_NONE || (unsigned char)w[k][0] >= 0x80 ||
			    strncmp(w[k], "neighbo", 7) == 0 || strcmp(w[k], "quarter") == 0)
				continue; /* (a quarter word types the name: "Sheikh Maksoud neighborhood") */
			size_t b = k;
			while (b > 0 && cls[b - 1] == W_NONE)
				b--;
			run[0] = '\0';
			for (size_t j = b; j <= k; j++)
				append_word(run, sizeof run, w[j]);
			if (key_exists(g, run))
				cls[k] = W_NONE;
		}
		/* an Arabic direction before a word for a town relates the name
		 * to that town ("حي برزة وسط مدينة دمشق", "قرية X شمال مدينة
		 * حلب"): no part of the name */
		for (size_t k = 1; k + 1 < nw; k++)
			if (cls[k] == W_DIR && direction_noun(w[k]) && cls[k + 1] == W_SETTLE && cls[k - 1] == W_NONE)
				cls[k] = W_STOP;
		/* a word after an article is a name's, whatever else it can be:
		 * "Al 'Is" is the village al-Eis (العيس), not "is" */
		for (size_t k = 1; k < nw; k++)
			if (cls[k] == W_STOP && cls[k - 1] == W_NONE && (unsigned char)w[k][0] < 0x80 &&
			    (unsigned char)w[k - 1][0] < 0x80 && is_article(w[k - 1], strlen(w[k - 1])) &&
			    (k + 1 == nw || cls[k + 1] != W_NONE) && key_exists(g, w[k]))
				cls[k] = W_NONE;
		/* "old" that with the name beside it is a name the gazetteer
		 * knows whole is part of it: Old Um Hartein is a village 20 km
		 * from Um Hartein; حمص القديمة is Old Homs */
		for (size_t k = 0; k < nw; k++) {
			char two[GEO_NORM_MAX], three[GEO_NORM_MAX];
			if (cls[k] != W_STOP || !old_word(w[k]))
				continue;
			if ((unsigned char)w[k][0] < 0x80) {
				if (k + 1 >= nw || cls[k + 1] != W_NONE)
					continue;
				/* (the whole run of name words after it, by its key
				 * only: "Old Deir ez-Zor" is not Old Deir, "Old
				 * Darayya" not a name of the same skeleton) */
				size_t e = k + 1;
				while (e < nw && cls[e] == W_NONE)
					e++;
				if (e - k > 3)
					continue;
				snprintf(two, sizeof two, "%s %s", w[k], w[k + 1]);
				if (e - k == 3)
					snprintf(three, sizeof three, "%s %s %s", w[k], w[k + 1], w[k + 2]);
				if (key_exists(g, e - k == 3 ? three : two))
					cls[k] = W_NONE;
			} else if (k > 0 && cls[k - 1] == W_NONE) {
				snprintf(two, sizeof two, "%s %s", w[k - 1], w[k]);
				if (k > 1 && cls[k - 2] == W_NONE)
					snprintf(three, sizeof three, "%s %s %s", w[k - 2], w[k - 1], w[k]);
				if (key_exists(g, two) || (k > 1 && cls[k - 2] == W_NONE && key_exists(g, three)))
					cls[k] = W_NONE;
			}
		}
		/* "Hay al-Shaar": حي transliterated, before an article, is the
		 * word quarter */
		for (size_t k = 0; k + 1 < nw; k++)
			if (hay_word(w[k]) && (strcmp(w[k + 1], "al") == 0 || strcmp(w[k + 1], "el") == 0) &&
			    cls[k] == W_NONE)
				cls[k] = W_SUBPLACE;
		/* ... and one right after the word town or village names it
		 * ("قرية مدرسة", the village Madrasa; "بلدة مسجد") */
		for (size_t k = 1; k < nw; k++)
			if (cls[k - 1] == W_SETTLE && (cls[k] == W_SUBPLACE || cls[k] == W_SETTLE) &&
			    (unsigned char)w[k][0] >= 0x80 && (unsigned char)w[k - 1][0] >= 0x80 &&
			    (key_exists(g, w[k]) || skel_exists(g, w[k])))
				cls[k] = W_NONE;
		/* "بين X وY" is between X and Y; بين without a و after it is a
		 * name's word (بين سوهين) */
		for (size_t k = 0; k < nw; k++) {
			if (cls[k] != W_STOP || strcmp(w[k], "بين") != 0)
				continue;
			int and = 0;
			for (size_t m = k + 1; m < nw && !and; m++)
				and = (unsigned char)w[m][0] == 0xD9 && (unsigned char)w[m][1] == 0x88;
			if (!and)
				cls[k] = W_NONE;
		}
		/* phrases: runs of name words (direction words included), a type
		 * word after a run types it; "city of X" types X */
		enum ptype pending = P_NONE;
		int frame_next = 0; /* the next phrase follows a governorate written before it */
		size_t i = 0, np_seg = np;
		int anon_type = 0; /* a settlement or quarter word: 1 settlement, 2 quarter */
		while (i < nw && np < MAX_PHRASES) {
			int c = cls[i];
			int anon_here = c == W_SETTLE || c == W_SUBPLACE || c == W_STOP ? anon_word(w[i]) : 0;
			if (anon_here > anon_type)
				anon_type = anon_here;
			if (c == W_SETTLE || c == W_SUBPLACE || c == W_UNIT) {
				enum ptype t = c == W_SETTLE ? P_SETTLE : c == W_SUBPLACE ? P_SUBPLACE : P_UNIT;
				/* "X neighbourhood in Y city" types X; "the city of X"
				 * (no name before it in the segment) types what follows */
				int before = np > 0 && ph[np - 1].seg == seg;
				if ((unsigned char)w[i][0] >= 0x80 || hay_word(w[i])) {
					/* Arabic types the name right after it: حي الوعر
					 * بمدينة حمص (not قرية X في ريف Y: Y is no village) */
					if (i + 1 < nw && (cls[i + 1] == W_NONE || cls[i + 1] == W_DIR))
						pending = t;
					else if (anon_here && i + 1 < nw && cls[i + 1] == W_STOP && np < MAX_PHRASES)
						/* (مخيم للنازحين في إدلب: a camp not named) */
						add_anon(&ph[np++], anon_here, seg, seg_off, seg_len, seg_admin, seg_suburb);
				}
				else if (before && ph[np - 1].type == P_NONE)
					/* (a quarter only when the text goes on, naming
					 * its city: "Shahba district" alone is the
					 * district of as-Sweida, not a quarter of Aleppo) */
					ph[np - 1].type = t == P_UNIT &&
					                          (strcmp(w[i], "district") == 0 || strcmp(w[i], "districts") == 0) &&
					                          (i + 1 < nw || has_letters(p) || np > 1 ||
					                           !unit_key_exists(g, ph[np - 1].fold))
					                      ? P_DQUARTER
					                      : t;
				else if (before)
					; /* "X nahiyah village in rural Hama": X is typed already */
				else if (i + 1 < nw && strcmp(w[i + 1], "of") == 0)
					pending = t; /* "city of X" (not "hospital in X") */
				else if (i + 1 < nw && cls[i + 1] == W_STOP && anon_here && np < MAX_PHRASES)
					/* "a camp in Idlib": a camp the text does not name,
					 * not the city */
					add_anon(&ph[np++], anon_here, seg, seg_off, seg_len, seg_admin, seg_suburb);
				else if (i + 1 < nw && cls[i + 1] == W_STOP)
					; /* "the hospital in Saraqeb": in the town, not named so */
				else
					pending = t; /* "the town Saraqeb" */
				i++;
				continue;
			}
			if (c == W_STOP || c == W_ADMIN || c == W_SUBURB) {
				i++;
				continue;
			}
			struct phrase *q = &ph[np];
			memset(q, 0, sizeof *q);
			int framed_here = frame_next;
			frame_next = 0;
			size_t j = i;
			int any_name = 0;
			size_t run_end = i;
			while (run_end < nw && (cls[run_end] == W_NONE || cls[run_end] == W_DIR))
				run_end++;
			/* "كفرزيتا شمال حماة", "كفرنبل جنوبي إدلب": a direction between a
			 * name and a governorate says "north of" (Arabic needs no "of"):
			 * the run ends before it, the governorate is read on its own */
			size_t resume = 0;
			for (size_t k = i + 1; k + 1 < run_end && !resume; k++) {
				if (cls[k] != W_DIR && !arabic_direction(w[k]))
					continue;
				/* (the words up to the next direction: "كفرزيتا شمال حماة
				 * جنوب خان شيخون" splits at each) */
				char rest[GEO_NORM_MAX] = "", rkey[GEO_NORM_MAX];
				for (size_t m = k + 1; m < run_end && (m == k + 1 || (cls[m] != W_DIR && !arabic_direction(w[m])));
				     m++)
					append_word(rest, sizeof rest, w[m]);
				geo_norm_key_folded(rest, rkey, sizeof rkey);
				/* ... or a town the gazetteer knows by those words
				 * ("كفرنبل جنوب سراقب", "الحميدية جنوب خان أرنبة": the
				 * town is read as a place of its own, near which) */
				int town = (direction_noun(w[k]) || arabic_direction(w[k])) && strcmp(w[k], "وسط") != 0 &&
				           key_exists(g, rest);
				if (!region_entry(g, rkey) && !town)
					continue;
				/* an adjective that ends a name the gazetteer knows is
				 * the name's ("بري شرقي سلمية" is Eastern Bari near
				 * Salamiyah) */
				size_t end_at = k;
				if (arabic_direction(w[k]) || (cls[k] == W_DIR && !direction_noun(w[k]))) {
					char name[GEO_NORM_MAX] = "";
					for (size_t m = i; m <= k; m++)
						append_word(name, sizeof name, w[m]);
					if (key_exists(g, name))
						end_at = k + 1;
				}
				run_end = end_at;
				resume = k + 1;
			}
			/* a governorate written after or before the name with no
			 * comma ("Saraqeb Idlib", "Idlib Saraqeb") ends the run */
			if (!resume && run_end - i >= 2) {
				size_t at = gov_edge_split(g, w, cls, nw, i, run_end, &frame_next);
				if (at) {
					run_end = at;
					resume = at;
				}
			}
			while (j < run_end) {
				append_word(q->fold, sizeof q->fold, w[j]);
				if (cls[j] == W_NONE) {
					append_word(q->core, sizeof q->core, w[j]);
					any_name = 1;
				}
				j++;
			}
			/* next to a governorate or countryside word: before it, over
			 * prepositions and directions ("suburbs of northern Hama"),
			 * or after it, over directions ("Idlib southern countryside") */
			long kb = (long)i - 1;
			while (kb >= 0 && (cls[kb] == W_STOP || cls[kb] == W_DIR))
				kb--;
			size_t ka = j;
			while (ka < nw && cls[ka] == W_DIR)
				ka++;
			q->adj = (kb >= 0 && (cls[kb] == W_SUBURB || cls[kb] == W_ADMIN)) ||
			         (ka < nw && (cls[ka] == W_SUBURB || cls[ka] == W_ADMIN));
			i = resume ? resume : j;
			if (!any_name)
				continue;
			q->type = pending;
			pending = P_NONE;
			for (size_t k = 0; k < nw; k++)
				if (cls[k] == W_DIR)
					append_word(q->segdirs, sizeof q->segdirs, w[k]);
			q->seg = seg;
			q->paren = in_paren;
			q->hier = in_step || framed_here;
			q->seg_off = seg_off;
			q->seg_len = seg_len;
			q->seg_admin = seg_admin;
			q->seg_suburb = seg_suburb;
			np++;
		}
		/* a segment that types a place but names none ("IDP camp,
		 * Idlib", "village, Idlib", "the neighbourhood, Aleppo"): an
		 * unknown place of that kind, not the capital named after it */
		if (anon_type && np == np_seg && np < MAX_PHRASES)
			add_anon(&ph[np++], anon_type, seg, seg_off, seg_len, seg_admin, seg_suburb);
		/* the owner of a possessive is the name just before the "'s" */
		if (poss && np && ph[np - 1].seg == seg)
			ph[np - 1].owner = 1;
		seg++;
	}
	if (*p)
		*cut = 1; /* MAX_PHRASES phrases read, more text left */
	/* direction words ("northern suburbs of Idlib"): a unit vector from
	 * the direction words of the phrase's segment */
	for (size_t i = 0; i < np; i++) {
		const char *f0 = ph[i].segdirs;
		double dx = 0, dy = 0;
		if (!f0[0]) {
			ph[i].dx = ph[i].dy = 0;
			continue;
		}
		if (strstr(f0, "north") || strstr(f0, "شمال"))
			dy += 1;
		if (strstr(f0, "south") || strstr(f0, "جنوب"))
			dy -= 1;
		if (strstr(f0, "east") || strstr(f0, "شرق"))
			dx += 1;
		if (strstr(f0, "west") || strstr(f0, "غرب"))
			dx -= 1;
		double len = sqrt(dx * dx + dy * dy);
		ph[i].dx = len > 0 ? dx / len : 0;
		ph[i].dy = len > 0 ? dy / len : 0;
	}
	/* context: governorates and regions */
	size_t n_place = 0;
	for (size_t i = 0; i < np; i++) {
		struct phrase *q = &ph[i];
		const char *a1 = NULL;
		geo_norm_key_folded(q->core, q->core_key, sizeof q->core_key);
		const struct ctxent *re = region_entry(g, q->core_key);
		int region = re && re->cls == 1;
		if (q->type == P_SETTLE || q->type == P_SUBPLACE)
			continue;
		/* the governorate or countryside words of a segment belong to the
		 * phrase beside them when the segment names several ("قنيطرة في
		 * ريف الحسكة": the village Qneitra, in Al-Hasakeh's countryside) */
		size_t in_seg = 0;
		for (size_t k = 0; k < np; k++)
			in_seg += ph[k].seg == q->seg;
		int marked = (q->seg_admin || q->seg_suburb) && (q->adj || in_seg == 1);
		if (region || marked || q->owner || (i > 0 && !(re && re->cls == 0 && gov_key_only(g, q->core, q->core_key))))
			a1 = re ? re->admin1 : NULL;
		if (!a1 && marked) {
			/* "eastern Damascus suburbs governorate": try each word */
			char tmp[GEO_NORM_MAX];
			copy_str(tmp, sizeof tmp, q->core);
			for (char *s = strtok(tmp, " "); s && !a1; s = strtok(NULL, " "))
				a1 = region_of(g, s);
		}
		if (a1) {
			q->is_context = 1;
			copy_str(q->admin1, sizeof q->admin1, a1);
			/* "suburbs of Damascus" is Rural Damascus */
			if (strcmp(a1, "SY01") == 0 && q->seg_suburb)
				snprintf(q->admin1, sizeof q->admin1, "SY03");
		} else {
			n_place++;
		}
	}
	/* a region named ("Jabal Turkman", "Eastern Ghouta", "al-Ghab") with
	 * a bare governorate or capital name: the name is its governorate,
	 * the frame of the region, not the city ("Lattakia - Jabal Turkman"
	 * is no place in the city of Lattakia; "Damascus - Eastern Ghouta"
	 * is Rural Damascus) */
	const struct ctxent *sub_region = NULL;
	for (size_t i = 0; i < np && !sub_region; i++) {
		const struct ctxent *re = region_entry(g, ph[i].core_key);
		if (ph[i].is_context && re && re->cls == 1 && ph[i].type != P_SETTLE && ph[i].type != P_SUBPLACE)
			sub_region = re;
	}
	for (size_t i = 0; sub_region && i < np; i++) {
		struct phrase *q = &ph[i];
		const struct ctxent *re = region_entry(g, q->core_key);
		if (q->is_context || !re || re->cls != 0 || q->type == P_SETTLE || q->type == P_SUBPLACE)
			continue;
		/* (only the region's own governorate, or Damascus for a region
		 * of its countryside: "Idlib - al-Ghab - Qarqur" stays Qarqur) */
		int dam = strcmp(re->admin1, "SY01") == 0 && strcmp(sub_region->admin1, "SY03") == 0;
		if (!dam && strcmp(re->admin1, sub_region->admin1) != 0)
			continue;
		q->is_context = 1;
		copy_str(q->admin1, sizeof q->admin1, dam ? "SY03" : re->admin1);
	}
	return np;
}

static int gov_from_hint(const geo_gaz *g, const char *hint, char admin1[8])
{
	struct phrase ph[MAX_PHRASES];
	char buf[600];
	admin1[0] = '\0';
	if (!hint || !*hint)
		return 0;
	if ((hint[0] == 'S' || hint[0] == 's') && (hint[1] == 'Y' || hint[1] == 'y') && gov_index(hint) &&
	    strlen(hint) == 4) {
		snprintf(admin1, 8, "SY%c%c", hint[2], hint[3]);
		return 1;
	}
	snprintf(buf, sizeof buf, "%s governorate", hint);
	int cut = 0;
	size_t np = parse_text(g, buf, ph, &cut);
	for (size_t i = 0; i < np; i++)
		if (ph[i].is_context) {
			snprintf(admin1, 8, "%s", ph[i].admin1);
			return 1;
		}
	const char *a1 = region_of(g, buf);
	if (a1) {
		snprintf(admin1, 8, "%s", a1);
		return 1;
	}
	return 0;
}

/* ---- lookup --------------------------------------------------------------------- */

#define HIER_MIN_SIM 0.75 /* a step of a hierarchy found inside the step before it */
#define T_TIE 0.04       /* two different places closer than this: ambiguous */
#define T_TWIN_CAP 0.75  /* the most a place with an unseen namesake may score */
#define F_FUZZY_SAME 0.88 /* a fuzzy same-script match's score, scaled */
#define T_AREA_CAP 0.75 /* the most an area's point or a point near the place may score */

/* The answer's score brought down to cap (the others in proportion):
 * the score speaks for the point. */
static void cap_answer(struct geo_gaz_result *out, double cap)
{
	if (!out->n || out->cand[0].score <= cap)
		return;
	double f = cap / out->cand[0].score;
	for (size_t i = 0; i < out->n; i++)
		out->cand[i].score *= f;
}

static void note_add(struct geo_gaz_result *out, const char *fmt, ...) GEO_PRINTF(2, 3);
/* Appends "; " and the formatted text to the answer's note, cut at its
 * size. %s and %zu are formatted here (a note per answer, without
 * vsnprintf's cost); a format with any other goes to vsnprintf. */
static void note_add(struct geo_gaz_result *out, const char *fmt, ...)
{
	va_list ap;
	size_t n = strlen(out->note), cap = sizeof out->note - 1;
	if (n + 3 >= cap)
		return;
	if (n) {
		out->note[n++] = ';';
		out->note[n++] = ' ';
	}
	va_start(ap, fmt);
	for (const char *f = strchr(fmt, '%'); f; f = strchr(f + 2, '%'))
		if (f[1] != 's' && !(f[1] == 'z' && f[2] == 'u')) {
			vsnprintf(out->note + n, sizeof out->note - n, fmt, ap); /* another format */
			va_end(ap);
			return;
		}
	for (const char *f = fmt; *f && n < cap; f++) {
		if (f[0] == '%' && f[1] == 's') {
			const char *a = va_arg(ap, const char *);
			for (a = a ? a : "(null)"; *a && n < cap; a++)
				out->note[n++] = *a;
			f++;
		} else if (f[0] == '%' && f[1] == 'z' && f[2] == 'u') {
			char d[24];
			size_t v = va_arg(ap, size_t), k = 0;
			do
				d[k++] = (char)('0' + v % 10);
			while ((v /= 10) && k < sizeof d);
			while (k && n < cap)
				out->note[n++] = d[--k];
			f += 2;
		} else {
			out->note[n++] = *f;
		}
	}
	va_end(ap);
	out->note[n] = '\0';
}

/* Two place names run together ("Saraqeb-Idlib road", "طريق سراقب
 * إدلب"): when the words split into two names that each match a place
 * well, the first is taken (the road or front starts there), scaled by
 * WORD_DROP; *c is replaced only then. */
static void split_pair(const geo_gaz *g, const char *core, const struct hints *hi, struct cset *c)
{
	char left[GEO_NORM_MAX];
	size_t n = strlen(core);
	if (n >= sizeof left)
		return;
	for (size_t k = 1; k < n; k++) {
		if (core[k] != ' ')
			continue;
		struct cset a, b;
		memcpy(left, core, k);
		left[k] = '\0';
		lookup_phrase(g, left, P_NONE, hi, &a);
		if (!a.n || a.v[0].sim < 0.9 || a.v[0].score < 0.9)
			continue;
		lookup_phrase(g, core + k + 1, P_NONE, hi, &b);
		if (!b.n || b.v[0].sim < 0.9 || b.v[0].place == a.v[0].place)
			continue;
		for (size_t i = 0; i < a.n; i++)
			a.v[i].score *= WORD_DROP;
		if (!c->n || a.v[0].score > c->v[0].score)
			*c = a;
		return;
	}
}

/* A word that says what a facility is (Surgical, Civil Defence). */
static int facility_descriptor(const char *w, size_t n)
{
	static const char *const D[] = {
		"surgical", "national", "central", "general", "field", "specialized", "specialised",
		"specialty", "maternity", "children", "childrens", "women", "womens", "civil", "defence",
		"defense", "university", "charity", "medical", "emergency", "main", "old", "new",
		"الجراحي", "الوطني", "المركزي", "العام", "الميداني", "التخصصي", "الجامعي", "الخيري",
		"للتوليد", "للاطفال", "للنساء", "الدفاع", "المدني", "الطبي", "الرئيسي", "الكبير",
		"الكبرى", "great", "grand", NULL};
	for (size_t i = 0; D[i]; i++)
		if (strlen(D[i]) == n && memcmp(D[i], w, n) == 0)
			return 1;
	return 0;
}

/* A word that begins a person's name (Abu, Umm, Ibn, Dar, Omar...). */
static int personal_word(const char *w, size_t n)
{
	static const char *const P[] = {"abu", "abou", "umm", "um", "ibn", "bin", "dar", "omar", "umar",
	                                "ali", "othman", "uthman", "khalid", "hamza", "abd", "abdul",
	                                "sheikh", "shaykh", "imam", "al", "el", "ابو", "ام", "ابن",
	                                "بن", "دار", "عمر", "علي", "عثمان", "خالد", "حمزة", "عبد",
	                                "الشيخ", "الامام", NULL};
	for (size_t i = 0; P[i]; i++)
		if (strlen(P[i]) == n && memcmp(P[i], w, n) == 0)
			return 1;
	return 0;
}

/* The longest leading words of core that name a town (a community, its
 * name matched at 0.9 or more) into *c, a little lower than found alone. */
static void town_prefix(const geo_gaz *g, const char *core, const struct hints *hi, struct cset *c)
{
	char left[GEO_NORM_MAX];
	size_t n = strlen(core);
	if (n >= sizeof left)
		return;
	for (size_t k = n; k-- > 1;) {
		if (core[k] != ' ')
			continue;
		/* the words after the town say what the facility is (Surgical,
		 * Civil Defence), or name it (Cave, al-Rahma: a little lower);
		 * a person's name is not a town (Dar al-Shifa, Abu Bakr
		 * al-Siddiq, Omar bin Abdulaziz are not the villages Dar, Abu
		 * Baker, Omar) */
		int described = 1;
		for (const char *w = core + k + 1; *w && described;) {
			size_t l = strcspn(w, " ");
			described = facility_descriptor(w, l);
			w += l;
			while (*w == ' ')
				w++;
		}
		if (!described && (k < 5 || personal_word(core, strcspn(core, " "))))
			continue;
		struct cset a;
		memcpy(left, core, k);
		left[k] = '\0';
		lookup_phrase(g, left, P_SETTLE, hi, &a);
		if (!a.n || a.v[0].sim < 0.9 || a.v[0].score < T_RESOLVE ||
		    g->places[a.v[0].place].k != K_COMM)
			continue;
		for (size_t i = 0; i < a.n; i++)
			a.v[i].score *= described ? 0.95 : 0.85;
		if (!c->n || a.v[0].score > c->v[0].score)
			*c = a;
		return;
	}
}

/* 1 when place p lies inside place u: a place in a governorate, district
 * or sub-district (its P-codes), a quarter or landmark in its town (its
 * parent, or within 4 km). */
static int inside_of(const struct gplace *p, const struct gplace *u, int chain)
{
	if (p == u)
		return 0;
	if ((u->k == K_GOV || u->k == K_DIST || u->k == K_SUB) && u->pcode && p->k != K_GOV &&
	    !(p->k == u->k)) {
		const char *code = u->k == K_GOV ? p->admin1 : u->k == K_DIST ? p->admin2 : p->admin3;
		return code && strcmp(code, u->pcode) == 0 && !(u->k == K_SUB && p->k == K_DIST);
	}
	if (u->k == K_COMM && (p->k == K_NEIGH || p->k == K_LAND) &&
	    (p->parent_id == u->id || dist_km(p->lon, p->lat, u->lon, u->lat) < 4))
		return 1;
	/* a governorate's capital named first stands for the governorate
	 * ("Idlib > Maarat al-Numan > Kafr Nabl", "Idlib, Saraqeb"); a lesser
	 * seat does not ("Douma, Harasta" lists two towns) */
	/* (Damascus governorate is the city: its communities are quarters,
	 * however near the centre) */
	if (u->k == K_COMM && u->seat == 3 && (p->k == K_COMM || p->k == K_NEIGH || p->k == K_LAND))
		return p->a1 == u->a1 && (dist_km(p->lon, p->lat, u->lon, u->lat) >= 4 || p->a1 == 1);
	/* ... and once the text goes from the general to the particular, a
	 * district's or sub-district's seat stands for its unit too ("Idlib,
	 * Maarat al-Numan, Kafr Nabl", "Aleppo - Azaz - Tal Rifaat") */
	if (chain && u->k == K_COMM && (u->seat == 2 || u->seat == 1) &&
	    (p->k == K_COMM || p->k == K_NEIGH || p->k == K_LAND)) {
		const char *pc = u->seat == 2 ? p->admin2 : p->admin3, *uc = u->seat == 2 ? u->admin2 : u->admin3;
		/* (a record within 4 km may be the seat's own; a community of
		 * its own P-code is not: Tadaf, 2.8 km from al-Bab) */
		int own = p->k == K_COMM && p->pcode && (!u->pcode || strcmp(p->pcode, u->pcode) != 0);
		return pc && uc && strcmp(pc, uc) == 0 && (own || dist_km(p->lon, p->lat, u->lon, u->lat) >= 4);
	}
	return 0;
}

/* 1 when the space-separated words of s include w (n bytes). */
static int has_word(const char *s, const char *w, size_t n)
{
	for (const char *p = s; *p;) {
		while (*p == ' ')
			p++;
		size_t l = strcspn(p, " ");
		if (l == n && memcmp(p, w, n) == 0)
			return 1;
		p += l;
	}
	return 0;
}

/* 1 when the text calls a place a village or town (village, town, قرية,
 * بلدة, with a preposition on them). */
static int says_village(const char *text)
{
	static const char *const V[] = {"village", "town", "قرية", "بقرية", "لقرية", "بلدة", "ببلدة", "لبلدة", NULL};
	char tf[2048];
	geo_norm_fold(text, tf, sizeof tf);
	for (size_t i = 0; V[i]; i++)
		if (has_word(tf, V[i], strlen(V[i])))
			return 1;
	return 0;
}

/* 1 when the text writes the word city (city, مدينة, بمدينة, لمدينة). */
static int says_city(const char *text)
{
	char tf[2048];
	geo_norm_fold(text, tf, sizeof tf);
	return has_word(tf, "city", 4) || has_word(tf, "مدينة", strlen("مدينة")) ||
	       has_word(tf, "بمدينة", strlen("بمدينة")) || has_word(tf, "لمدينة", strlen("لمدينة"));
}

/* 1 when the text places the event near a place rather than in it: "near
 * Kafr Nabl", "outskirts of", "east of Saraqeb", "between X and Y", "the
 * X-Y road", "قرب", "أطراف", "شرق سراقب" (ACLED precision 2). */
static int says_near(const char *text, const char *core)
{
	/* (before the name: "Hass near Kafr Nabl" is in Hass) */
	static const char *const NEAR_BEFORE[] = {"near", "nearby", "between", "around", "قرب", "بالقرب", "بين",
	                                          NULL};
	/* (anywhere: "Saraqeb and its vicinity", "the Saraqeb-Ariha road") */
	static const char *const NEAR_ANY[] = {"outskirts", "vicinity", "outside", "اطراف", "محيط",
	                                       "خارج", "road", "highway", "طريق", "الطريق", NULL};
	static const char *const DIRS[] = {"north", "south", "east", "west", "northeast", "northwest",
	                                   "southeast", "southwest", NULL};
	static const char *const AR_DIRS[] = {"شمال", "جنوب", "شرق", "غرب", NULL};
	char f[2048];
	geo_norm_fold(text, f, sizeof f);
	/* a direction counts before the name only: "Kafr Nabl, south of
	 * Idlib" is in Kafr Nabl */
	char first[GEO_NORM_MAX];
	copy_str(first, sizeof first, core);
	first[strcspn(first, " ")] = '\0';
	const char *name_at = first[0] ? strstr(f, first) : NULL;
	const char *prev = NULL;
	size_t prevn = 0;
	for (char *w = f; *w;) {
		while (*w == ' ')
			w++;
		if (!*w)
			break;
		char *e = w;
		while (*e && *e != ' ')
			e++;
		size_t n = (size_t)(e - w);
		int last = !*e;
		/* not a word of the name itself (بين سوهين, Bein Sohin) */
		for (size_t i = 0; NEAR_BEFORE[i]; i++)
			if (strlen(NEAR_BEFORE[i]) == n && memcmp(NEAR_BEFORE[i], w, n) == 0 && !has_word(core, w, n) &&
			    (!name_at || w < name_at))
				return 1;
		for (size_t i = 0; NEAR_ANY[i]; i++)
			if (strlen(NEAR_ANY[i]) == n && memcmp(NEAR_ANY[i], w, n) == 0 && !has_word(core, w, n))
				return 1;
		/* "east of X"; Arabic "شرق X" (the noun, not the adjective شرقي) */
		for (size_t i = 0; prev && DIRS[i] && (!name_at || w < name_at); i++)
			if (n == 2 && memcmp(w, "of", 2) == 0 && strlen(DIRS[i]) == prevn &&
			    memcmp(DIRS[i], prev, prevn) == 0)
				return 1;
		for (size_t i = 0; AR_DIRS[i] && !last && (!name_at || w < name_at); i++)
			if (strlen(AR_DIRS[i]) == n && memcmp(AR_DIRS[i], w, n) == 0)
				return 1;
		prev = w;
		prevn = n;
		w = e;
	}
	return 0;
}

/* says_near on the segment of the phrase the answer came from */
static int says_near_phrase(const char *text, const struct phrase *q)
{
	char seg[1024];
	size_t n = q->seg_len < sizeof seg ? q->seg_len : sizeof seg - 1;
	memcpy(seg, text + q->seg_off, n);
	seg[n] = '\0';
	return says_near(seg, q->core);
}

static int fold_is_arabic(const char *fold)
{
	for (const unsigned char *u = (const unsigned char *)fold; *u; u++)
		if (*u >= 0xD8 && *u <= 0xDB)
			return 1;
	return 0;
}

/* 1 when place p has a name in the script (arabic 1 / Latin 0). */
static int has_script_name(const geo_gaz *g, const struct gplace *p, int arabic)
{
	for (uint32_t k = p->first_name; k < p->first_name + p->n_names; k++)
		if ((int)g->names[k].arabic == arabic)
			return 1;
	return 0;
}

/* A namesake of the best candidate that the query's script cannot tell
 * apart: another place, matched fairly well, with no name in the query's
 * script, whose matching name (of the other script) the best bears too. An
 * Arabic query matches the one Tal Khanzir whose Arabic name a source
 * gives and only the Latin letters of the other; which one was meant is
 * not known (development set, OSM Arabic held out: such answers were right
 * about half the time at scores 0.8-0.85). NULL when there is none. */
static const struct cand *unseen_namesake(const geo_gaz *g, const struct cset *c, int q_arabic, int *alike_only)
{
	const struct gplace *a = &g->places[c->v[0].place];
	const struct cand *alike = NULL;
	int n_alike = 0;
	for (size_t i = 1; i < c->n; i++) {
		const struct gplace *b = &g->places[c->v[i].place];
		/* b matched through the other script (it has none of the query's) */
		const struct gname *nb = &g->names[c->v[i].name];
		if (c->v[0].score - c->v[i].score > 0.3 || (int)nb->arabic == q_arabic || nb->part ||
		    has_script_name(g, b, q_arabic) || same_place(g, &c->v[0], &c->v[i]))
			continue;
		int skel = 0;
		for (uint32_t k = a->first_name; k < a->first_name + a->n_names; k++) {
			const struct gname *na = &g->names[k];
			if (na->arabic != nb->arabic || na->part)
				continue;
			if (na->klen == nb->klen && strcmp(na->key, nb->key) == 0) {
				*alike_only = 0;
				return &c->v[i];
			}
			/* (its consonants, and a key alike, of a place that is no
			 * seat: المليحة is Maliha though Milheh shares its
			 * consonants; الميادين the town al-Mayadin) */
			skel |= !a->seat && na->slen >= 3 && na->slen == nb->slen && strcmp(na->skel, nb->skel) == 0 &&
			        geo_norm_similarity(na->key, nb->key) >= 0.85;
		}
		if (skel && !n_alike++)
			alike = &c->v[i];
	}
	/* ... or three or more spelt with its consonants: الصالحية is OCHA's
	 * Salihyah of Aleppo, but five Salhiyehs have no Arabic name */
	*alike_only = 1;
	return n_alike >= 3 ? alike : NULL;
}

/* The candidates of phrase q as the main phrase: its words, else without
 * its direction words, an article written onto the name, spelling
 * variants, two names run together. Every lookup of the main phrase goes
 * through here, so that a second lookup (with a nearby place) finds what
 * the first found. */
static void lookup_full(const geo_gaz *g, const struct phrase *q, const struct hints *hi,
                        struct cset *cur)
{
	lookup_phrase(g, q->fold, q->type, hi, cur);
	/* without its direction words when that matches better ("western
	 * Hama" is Hama, not the Western Tuhama the words also spell) */
	int fuzzy_same = cur->n && cur->v[0].sim < KEY_EQUAL &&
	                 (int)g->names[cur->v[0].name].arabic == geo_norm_is_arabic(q->fold);
	if ((!cur->n || cur->v[0].score < T_RESOLVE || fuzzy_same) && strcmp(q->fold, q->core) != 0) {
		struct cset alt;
		lookup_phrase(g, q->core, q->type, hi, &alt);
		if (alt.n && (!cur->n || alt.v[0].score > cur->v[0].score) &&
		    (!fuzzy_same || cur->v[0].score < T_RESOLVE || alt.v[0].sim >= KEY_EQUAL))
			*cur = alt;
	}
	/* an article written onto the name: "Alsafira", "Elbab" */
	const char *f0 = q->fold;
	if ((f0[0] == 'a' || f0[0] == 'e') && f0[1] == 'l' && strlen(f0) >= 5 && f0[2] != ' ' &&
	    strchr("aeiou", f0[2]) == NULL) {
		struct cset alt;
		lookup_phrase(g, f0 + 2, q->type, hi, &alt);
		take_variant(cur, &alt, 0.99, 0);
	}
	try_variants(g, f0, q->type, hi, cur);
	/* a road between two places: "Saraqeb-Idlib road", طريق سراقب إدلب */
	if ((!cur->n || cur->v[0].score < T_RESOLVE) && q->type == P_SUBPLACE)
		split_pair(g, q->core, hi, cur);
	/* a facility named after its town: "Kafr Nabl Surgical Hospital",
	 * "Saraqeb Civil Defence Centre" are in the town their name begins
	 * with */
	if ((!cur->n || cur->v[0].score < T_RESOLVE) && q->type == P_SUBPLACE)
		town_prefix(g, q->core, hi, cur);
}

/* The governorate alone as the answer, scored score, the candidates of
 * *c listed after it. */
static void answer_gov(const geo_gaz *g, const char *admin1, double score, const struct cset *c,
                       struct geo_gaz_result *out)
{
	out->status = GEO_GC_RESOLVED;
	out->n = 1;
	fill_gov(g, admin1, score, &out->cand[0]);
	out->admin1_pcode = out->cand[0].admin1_pcode;
	for (size_t i = 0; i < c->n && out->n < GEO_GAZ_MAX_CANDIDATES; i++)
		fill_cand(g, &c->v[i], c->v[i].score, &out->cand[out->n++]);
}

/* The phrase's segment of the text, folded, into f. */
static void segment_fold(const char *text, const struct phrase *q, char *f, size_t cap)
{
	char seg[1024];
	size_t n = q->seg_len < sizeof seg ? q->seg_len : sizeof seg - 1;
	memcpy(seg, text + q->seg_off, n);
	seg[n] = '\0';
	geo_norm_fold(seg, f, cap);
}

/* 1 when the phrase's segment calls it a quarter (not a road, a square
 * or a mosque, which may lie outside a town). */
/* 1 when the phrase's segment says camp: a camp is a site of its own,
 * often kilometres out of the town it is named by. */
static int says_camp(const char *text, const struct phrase *q)
{
	static const char *const W[] = {"camp", "camps", "مخيم", "مخيمات", NULL};
	char f[2048];
	segment_fold(text, q, f, sizeof f);
	for (size_t i = 0; W[i]; i++)
		if (has_word(f, W[i], strlen(W[i])))
			return 1;
	return 0;
}

static int says_quarter(const char *text, const struct phrase *q)
{
	static const char *const W[] = {"neighborhood", "neighbourhood", "quarter", "حي", "hay", "hayy", "hai", NULL};
	char f[2048];
	segment_fold(text, q, f, sizeof f);
	for (size_t i = 0; W[i]; i++)
		if (has_word(f, W[i], strlen(W[i])))
			return 1;
	return 0;
}

/* 1 when the phrase is typed as a street or a square by the word right
 * after it ("Thawra Street") or, in Arabic, right before it ("شارع
 * بغداد"): the name is the street's own, after a person, an event or
 * another town, and a town of the name elsewhere is not meant. (Not a
 * street word elsewhere in the segment: "Kafr Nabl bakery on Thawra
 * street" is in Kafr Nabl.) */
static int names_street_of(const char *text, const struct phrase *q, int streets_only)
{
	static const char *const STREETS[] = {"street", "avenue", "شارع", NULL};
	static const char *const SQUARES[] = {"square", "roundabout", "ساحة", "دوار", NULL};
	char f[2048];
	segment_fold(text, q, f, sizeof f);
	size_t L = strlen(q->fold);
	if (!L)
		return 0;
	for (const char *at = strstr(f, q->fold); at; at = strstr(at + 1, q->fold)) {
		if ((at > f && at[-1] != ' ') || (at[L] && at[L] != ' '))
			continue; /* (not a whole-word match) */
		const char *next = at[L] ? at + L + 1 : NULL;
		const char *prev_end = at > f ? at - 1 : NULL; /* the space before */
		for (int list = 0; list < (streets_only ? 1 : 2); list++) {
			const char *const *W = list ? SQUARES : STREETS;
			for (size_t i = 0; W[i]; i++) {
				size_t wl = strlen(W[i]);
				if (next && strncmp(next, W[i], wl) == 0 && (next[wl] == ' ' || !next[wl]))
					return 1;
				if (prev_end && (size_t)(prev_end - f) >= wl && strncmp(prev_end - wl, W[i], wl) == 0 &&
				    (prev_end - wl == f || prev_end[-(long)wl - 1] == ' '))
					return 1;
			}
		}
	}
	return 0;
}

static int names_street(const char *text, const struct phrase *q)
{
	return names_street_of(text, q, 0);
}

/* 0 when the text cannot hold a street word (a cheap test before
 * names_street_of(..., 1), which folds the text): no "street" or "avenue"
 * in any case, and no ش, the first letter of شارع (written with vowel
 * marks or a tatweel as well). */
static int mentions_street(const char *text)
{
	for (const char *p = text; *p; p++) {
		char c = (char)(*p | 0x20);
		if ((c == 's' && strncasecmp(p, "street", 6) == 0) || (c == 'a' && strncasecmp(p, "avenue", 6) == 0) ||
		    ((unsigned char)p[0] == 0xD8 && (unsigned char)p[1] == 0xB4))
			return 1;
	}
	return 0;
}

/* A quarter is in its city: candidates farther than 8 km from the city
 * stay listed, below what resolves. */
static void in_city(const geo_gaz *g, struct cset *c, const struct gplace *city)
{
	for (size_t k = 0; k < c->n; k++) {
		const struct gplace *p = &g->places[c->v[k].place];
		if (dist_km(p->lon, p->lat, city->lon, city->lat) >= 8)
			c->v[k].score *= 0.5;
	}
	cset_sort(c);
}

static enum geo_status lookup_text(geo_gaz *g, const char *text, const char *governorate,
                                   struct geo_gaz_result *out);

#define BORDER_NAMESAKE_KM 60.0 /* ... within this of the named capital */
#define FAR_FUZZY_SIM 0.85 /* a first name matched no better than this... */
#define FAR_FUZZY_NEAR 2.0 /* ... by a place farther than this many times the near
                               distance (8 km, or the text's) from the town named beside it */

/* A community of another governorate than a1, bearing the top answer's
 * name as well as it does, on the side (dx, dy) of a1's capital and
 * within BORDER_NAMESAKE_KM of it, while the top answer is not on that
 * side; NULL if none. */
static const struct gplace *border_namesake(const geo_gaz *g, const struct cset *c, const struct cand *top,
                                            int a1, double dx, double dy)
{
	const struct gplace *tp = &g->places[top->place], *cap = gov_capital(g, a1);
	if (!cap || tp->a1 != a1 || side_cos(cap, tp, dx, dy) >= 0.3)
		return NULL;
	for (size_t k = 0; k < c->n; k++) {
		const struct gplace *p = &g->places[c->v[k].place];
		if (p->a1 == a1 || !p->a1 || !g->gov_place[p->a1] || p->k != K_COMM || c->v[k].sim < top->sim - 0.01)
			continue;
		if (dist_km(p->lon, p->lat, cap->lon, cap->lat) <= BORDER_NAMESAKE_KM && side_cos(cap, p, dx, dy) > 0.7)
			return p;
	}
	return NULL;
}

/* The distance a text gives in kilometres ("21 km southwest of Safita",
 * "على بعد 5 كم جنوب دوما"), or 0. */
static double text_distance_km(const char *text)
{
	char f[2048];
	geo_norm_fold(text, f, sizeof f);
	for (const char *p = f; *p; p++) {
		if (!(*p >= '0' && *p <= '9') || (p > f && p[-1] >= '0' && p[-1] <= '9'))
			continue;
		char *end;
		double v = strtod(p, &end);
		while (*end == ' ')
			end++;
		if (v > 0 && v < 200 &&
		    (strncmp(end, "km", 2) == 0 || strncmp(end, "kilomet", 7) == 0 ||
		     strncmp(end, "\xd9\x83\xd9\x85", 4) == 0 ||                           /* كم */
		     strncmp(end, "\xd9\x83\xd9\x8a\xd9\x84\xd9\x88", 8) == 0 ||       /* كيلو */
		     strncmp(end, "\xd9\x83\xd9\x84\xd9\x85", 6) == 0))                  /* كلم */
			return v;
	}
	return 0;
}

enum geo_status geo_gaz_lookup(geo_gaz *g, const char *text, const char *governorate,
                               struct geo_gaz_result *out)
{
	enum geo_status rc = lookup_text(g, text, governorate, out);
	/* a quarter no source gives a point of its own (OCHA's under its town,
	 * our curated ones): the point is its city's, and the note says so */
	if (rc != GEO_OK || strcmp(out->status, GEO_GC_RESOLVED) != 0 || !out->n ||
	    strcmp(out->cand[0].kind, "neighbourhood") != 0 ||
	    strcmp(out->cand[0].precision_word, "community") != 0)
		return rc;
	for (size_t u = 0; u < g->n_unplaced; u++) {
		const struct gplace *q = &g->places[g->unplaced[u]];
		if (q->name_en != out->cand[0].name || q->parent_id < 0)
			continue;
		long pi = find_place_id(g, q->parent_id);
		if (pi >= 0)
			note_add(out, "%s is a quarter of %s with no point of its own in the sources: placed "
			         "at the city's point", q->name_en, g->places[pi].name_en);
		break;
	}
	return rc;
}

static enum geo_status lookup_text(geo_gaz *g, const char *text, const char *governorate,
                                   struct geo_gaz_result *out)
{
	struct phrase ph[MAX_PHRASES];
	struct hints hi;
	struct cset best, cur;
	int best_phrase = -1;
	memset(out, 0, sizeof *out);
	out->status = GEO_GC_UNRESOLVED;
	memset(&hi, 0, sizeof hi);
	hi.near_place = -1;
	best.n = 0;
	if (!text)
		text = "";
	int cut = 0;
	/* OCHA writes some names with " - " ("Sweida - Qorret Tashli"): a text
	 * that is such a name whole is not a list of two */
	char whole[1024];
	if (strstr(text, " - ") && strlen(text) < sizeof whole) {
		char wf[2048];
		geo_norm_fold(text, wf, sizeof wf);
		if (key_exists(g, wf)) {
			copy_str(whole, sizeof whole, text);
			for (char *d = strstr(whole, " - "); d; d = strstr(d, " - "))
				d[1] = ' ';
			text = whole;
		}
	}
	size_t np = parse_text(g, text, ph, &cut);
	if (cut)
		note_add(out, "the text is longer than the geocoder reads; only its beginning was read");
	/* governorate context: the argument, else the text */
	char ga[8];
	if (governorate && *governorate) {
		if (gov_from_hint(g, governorate, ga)) {
			copy_str(hi.admin1, sizeof hi.admin1, ga);
			note_add(out, "governorate %s from the hint \"%s\"", ga, governorate);
		} else {
			note_add(out, "governorate hint \"%s\" not recognised", governorate);
		}
	}
	/* a phrase with "governorate" in it is the governorate; then one with
	 * suburbs or countryside ("northern suburbs of Hama"); regions come
	 * last ("Jabal Akrad, northern suburbs of Hama" is in Hama) */
	for (size_t k = 0; k < 3 * np; k++) {
		size_t i = k % np;
		int rank = ph[i].seg_admin ? 0 : ph[i].seg_suburb ? 1 : 2;
		if (!ph[i].is_context || (size_t)rank != k / np)
			continue;
		if ((ph[i].dx != 0 || ph[i].dy != 0) && hi.dx == 0 && hi.dy == 0 &&
		    (!hi.admin1[0] || strcmp(hi.admin1, ph[i].admin1) == 0)) {
			hi.dx = ph[i].dx;
			hi.dy = ph[i].dy;
		}
		if (ph[i].seg_suburb && (!hi.admin1[0] || strcmp(hi.admin1, ph[i].admin1) == 0))
			hi.countryside = 1;
		if (!hi.admin1[0]) {
			copy_str(hi.admin1, sizeof hi.admin1, ph[i].admin1);
			hi.admin1_from_text = 1;
			hi.damascus_loose = strcmp(ph[i].admin1, "SY01") == 0 && !ph[i].seg_admin;
			note_add(out, "governorate %s from \"%s\"", ph[i].admin1, ph[i].fold);
		}
	}
	/* the main phrase: the first place phrase in text order that resolves
	 * (reports name the most specific place first), sub-places last
	 * (resolved within their town below) */
	double best_score = 0;
	int skipped_place = 0; /* an earlier place phrase was not found */
	/* "al-Waer neighbourhood of Homs": a quarter beside a bare name that
	 * is a governorate's and its capital's is a quarter of the capital,
	 * not a village of the governorate */
	/* (and a street of it: "Thawra Street, Raqqa" is no street of
	 * al-Thawrah, 40 km away) */
	const struct gplace *quarter_city = NULL;
	for (size_t i = 0; i < np && !quarter_city; i++) {
		if (ph[i].type != P_SUBPLACE || !(says_quarter(text, &ph[i]) || names_street(text, &ph[i])))
			continue;
		for (size_t k = 0; k < np && !quarter_city; k++) {
			struct cset cc;
			/* (the city as context, or as the frame written first:
			 * "حمص - حي الوعر") */
			if ((!ph[k].is_context && !(k < i && ph[i].hier)) || ph[k].seg_admin || ph[k].seg_suburb ||
			    ph[k].segdirs[0])
				continue;
			lookup_phrase(g, ph[k].fold, P_SETTLE, &hi, &cc);
			if (cc.n && g->places[cc.v[0].place].seat == 3 && cc.v[0].score >= 0.9)
				quarter_city = &g->places[cc.v[0].place];
		}
	}
	for (int pass = 0; pass < 2 && best_phrase < 0; pass++) {
		for (size_t i = 0; i < np; i++) {
			if (ph[i].is_context || (ph[i].type == P_SUBPLACE) != (pass == 1))
				continue;
			lookup_full(g, &ph[i], &hi, &cur);
			if (quarter_city && ph[i].type == P_SUBPLACE)
				in_city(g, &cur, quarter_city);
			if (cur.n && cur.v[0].score >= T_RESOLVE) {
				best = cur;
				best_phrase = (int)i;
				break;
			}
			if (pass == 0)
				skipped_place = 1;
			if (cur.n && cur.v[0].score > best_score) {
				best_score = cur.v[0].score;
				best = cur;
			}
		}
	}
	/* written from the general to the particular ("Idlib Governorate -
	 * Maarrat Al-Numan District - Kafr Nabl", "Aleppo - Al-Shaar"): a
	 * later phrase naming a place inside the one found is the answer */
	int refined = 0, unrefined = -1, n_refined = 0;
	/* the phrases the answer used as frames or context, or already said */
	unsigned char framed[MAX_PHRASES] = {0}, noted[MAX_PHRASES] = {0};
	/* "and" or و in the text: names listed, not a hierarchy */
	int lists = 0;
	if (np > 1) {
		char tf[2048];
		geo_norm_fold(text, tf, sizeof tf);
		lists = has_word(tf, "and", 3) || has_word(tf, "\xd9\x88", 2);
		for (size_t i = 0; i < np && !lists; i++)
			lists = (unsigned char)ph[i].fold[0] == 0xD9 && (unsigned char)ph[i].fold[1] == 0x88 &&
			        ph[i].fold[2] != '\0' && !key_exists(g, ph[i].fold);
	}
	struct hints hg = hi; /* ... looked up in the governorate named first */
	const struct gplace *gov_first = NULL; /* a governorate or its capital, tied best */
	for (size_t k = 0; best_phrase >= 0 && k < best.n && !gov_first; k++) {
		const struct gplace *tp = &g->places[best.v[k].place];
		if (best.v[0].score - best.v[k].score < PROM_WINDOW &&
		    (tp->k == K_GOV || (tp->k == K_COMM && tp->seat == 3)) && tp->admin1)
			gov_first = tp;
	}
	if (gov_first && !hg.admin1[0])
		copy_str(hg.admin1, sizeof hg.admin1, gov_first->admin1);
	if (best_phrase >= 0 && best.n) {
		for (size_t i = 0; i < np; i++) {
			struct cset fine;
			if ((int)i <= best_phrase || ph[i].is_context)
				continue;
			if (ph[i].type != P_SUBPLACE && unrefined < 0)
				unrefined = (int)i; /* until it refines */
			lookup_phrase(g, ph[i].fold, ph[i].type, &hg, &fine);
			/* a quarter after its city ("حمص - حي الوعر") is in the
			 * city: places farther than 8 km stay listed, below what
			 * resolves */
			const struct gplace *city = &g->places[best.v[0].place];
			if (ph[i].type == P_SUBPLACE && city->k == K_COMM && says_quarter(text, &ph[i]))
				in_city(g, &fine, city);
			/* (a step of a hierarchy is looked for inside the district
			 * or sub-district before it, where a name matched less well
			 * is enough: "درعا - إزرع - بصرى الحرير" is Bisr Elharir,
			 * which has no Arabic name, in Izra' district; a step after
			 * a governorate is looked up in it below) */
			const struct gplace *before = &g->places[best.v[0].place];
			int unit = before->k == K_SUB || before->k == K_DIST ||
			           (before->k == K_COMM && (before->seat == 1 || before->seat == 2));
			double need = ph[i].hier && unit ? HIER_MIN_SIM : 0.85;
			if (!fine.n || fine.v[0].score < T_RESOLVE || fine.v[0].sim < need)
				continue;
			/* inside the place found, or any of its namesakes tied with
			 * it ("Hama, Kafr Zita": Hama the city is one of several);
			 * the later place may be one of namesakes too ("Daraa,
			 * Nawa": the Nawa of Dar'a, not of Hama) */
			int in = 0, asked_unit = ph[best_phrase].type == P_UNIT || ph[best_phrase].type == P_ADMIN ||
			                       ph[best_phrase].type == P_DQUARTER;
			size_t fi = 0;
			for (size_t f2 = 0; f2 < fine.n && !in; f2++) {
				if (fine.v[0].score - fine.v[f2].score >= PROM_WINDOW || fine.v[f2].sim < need)
					continue;
				for (size_t k = 0; k < best.n && !in; k++) {
					const struct gplace *u = &g->places[best.v[k].place];
					/* a unit only when the text names it as one ("Douma,
					 * Harasta" lists two towns, not Harasta in Douma
					 * district) */
					if ((u->k == K_SUB || u->k == K_DIST) && !asked_unit && k > 0)
						continue;
					/* a seat stands for its unit along a hierarchy
					 * ("Idlib - Maarat al-Numan - Kafr Nabl"), not in a
					 * list ("Aleppo, Azaz and Tal Rifaat") */
					in = best.v[0].score - best.v[k].score < PROM_WINDOW &&
					     inside_of(&g->places[fine.v[f2].place], u,
					               ph[i].hier || (refined && !lists));
				}
				if (in)
					fi = f2;
			}
			/* a unit named, then a place the name of which only one
			 * place bears near it but outside it, within 30 km of its
			 * seat ("Ariha district, Sfuhen": Sfuhen is of Ma'arrat
			 * al-Nu'man district, 26 km from Ariha): the place, and the
			 * note says so */
			int outside = 0;
			if (!in && asked_unit && fine.v[0].sim >= KEY_EQUAL &&
			    (fine.n < 2 || fine.v[0].score - fine.v[1].score >= T_TIE)) {
				const struct gplace *u = &g->places[best.v[0].place], *fp0 = &g->places[fine.v[0].place];
				const struct gplace *seat = u->seat_place ? &g->places[u->seat_place - 1] : u;
				if ((u->k == K_SUB || u->k == K_DIST) && u->a1 == fp0->a1 &&
				    dist_km(seat->lon, seat->lat, fp0->lon, fp0->lat) < 30)
					in = outside = 1;
			}
			if (!in)
				continue;
			if (outside)
				note_add(out, "%s is not in the %s of %s, as the text says: the place named is taken",
				         g->places[fine.v[0].place].name_en,
				         g->places[best.v[0].place].k == K_DIST ? "district" : "sub-district",
				         g->places[best.v[0].place].name_en);
			if (fi) {
				struct cand x = fine.v[fi];
				memmove(&fine.v[1], &fine.v[0], fi * sizeof fine.v[0]);
				fine.v[0] = x;
			}
			/* its namesakes outside the place named before are not meant */
			const struct gplace *fp = &g->places[fine.v[0].place];
			for (size_t f2 = 1; f2 < fine.n; f2++) {
				const struct gplace *o = &g->places[fine.v[f2].place];
				if (o->a1 != fp->a1)
					fine.v[f2].score *= 0.6;
			}
			best = fine;
			framed[best_phrase] = 1;
			best_phrase = (int)i;
			refined = 1;
			n_refined++;
			if (unrefined == (int)i)
				unrefined = -1;
		}
		if (refined)
			note_add(out, "the most particular place named is taken");
	}
	/* "حلب - أسنبل", "Homs - Nezala": a governorate or its capital named
	 * first, then a place the gazetteer does not find in it. The place is
	 * somewhere in the governorate, not at its capital: the governorate
	 * alone (precision 3), as for "Nezala, Homs governorate" */
	if (best_phrase >= 0 && best.n && !refined && unrefined >= 0) {
		int first = ph[best_phrase].type == P_NONE || ph[best_phrase].type == P_ADMIN;
		for (int i = 0; i < best_phrase; i++)
			first &= ph[i].is_context;
		const struct gplace *tp = gov_first ? gov_first : &g->places[best.v[0].place];
		struct cset later;
		struct hints hl = hg;
		if (gov_first && !hi.admin1[0] && (gov_first->a1 == 1 || gov_first->a1 == 3))
			hl.admin1[0] = '\0'; /* "Damascus, Douma": either of the two */
		lookup_full(g, &ph[unrefined], &hl, &later);
		int found = later.n && later.v[0].score >= T_RESOLVE;
		int la1 = found ? g->places[later.v[0].place].a1 : 0, ha1 = gov_index(hi.admin1);
		/* Damascus and Rural Damascus are told apart loosely by reports */
#define SAME_AREA(a, b) ((a) == (b) || (((a) == 1 || (a) == 3) && ((b) == 1 || (b) == 3)))
		/* a governorate the hint or the text states otherwise is not
		 * overridden by the name written first */
		if (gov_first && ha1 && !SAME_AREA(ha1, gov_first->a1))
			first = 0;
		if (first && gov_first) {
			if (found && (SAME_AREA(la1, tp->a1) || (ha1 && la1 == ha1) ||
			              in_gov(&g->places[later.v[0].place], tp->a1))) {
				/* found in the governorate, as "X, Y governorate" finds it */
				best = later;
				framed[best_phrase] = 1;
				best_phrase = unrefined;
				refined = 1;
				note_add(out, "the most particular place named is taken");
			} else {
				answer_gov(g, tp->admin1, 0.4, &later, out);
				note_add(out, "\"%s\" not found in %s: located to the governorate only",
				         ph[unrefined].fold, g->places[g->gov_place[tp->a1] - 1].name_en);
				return GEO_OK;
			}
		} else if (!found) {
			/* found elsewhere, or not at all */
			noted[unrefined] = 1;
			struct hints h0 = hi;
			h0.admin1[0] = '\0';
			lookup_full(g, &ph[unrefined], &h0, &later);
			if (later.n && later.v[0].score >= 0.9)
				note_add(out, "\"%s\" (%s) lies outside the governorate: not taken", ph[unrefined].fold,
				         g->places[later.v[0].place].name_en);
			else
				note_add(out, "\"%s\" not in the gazetteer: located to %s", ph[unrefined].fold,
				         tp->name_en);
		}
#undef SAME_AREA
	}
	/* another place phrase (a sub-district, a nearby town) refines ties
	 * (not once the text went from the general to the particular: the
	 * general place has said where) */
	if (best_phrase >= 0 && best.n > 1 && !refined) {
		for (size_t i = 0; i < np; i++) {
			struct cset other;
			if ((int)i == best_phrase || ph[i].is_context || ph[i].type == P_SUBPLACE)
				continue;
			lookup_phrase(g, ph[i].fold, ph[i].type, &hi, &other);
			if (other.n && other.v[0].score >= 0.9) {
				/* rescored with the hint; kept only when the phrase as
				 * written finds places (the best may have come from a
				 * variant of it: its core, a split, a dropped word) */
				struct cset again;
				/* (of namesakes, the prominent one: "Afrin" is the town,
				 * not the hamlet of that name) */
				double pc;
				if (other.n > 1)
					by_prominence(g, &other, fold_is_arabic(ph[i].fold), ph[i].fold, 0, &pc);
				hi.near_place = other.v[0].place;
				hi.near_km = text_distance_km(text) + 8.0;
				lookup_full(g, &ph[best_phrase], &hi, &again);
				/* "X, Damascus city", "X في مدينة دمشق": X is in the city
				 * the text names; when no place of that name lies within
				 * 15 km of it (Damascus's al-Salihiyah, which no source
				 * holds), the city at precision 2, not Aleppo's Salihyah */
				const struct gplace *cy = &g->places[other.v[0].place];
				/* (not a place of its own, named so and by no other:
				 * "Kafr Nabl, Idlib city" is Kafr Nabl) */
				int unique = again.n && again.v[0].sim >= KEY_EQUAL;
				for (size_t k = 1; unique && k < again.n; k++)
					unique = same_place(g, &again.v[0], &again.v[k]) ||
					         again.v[0].score - again.v[k].score >= 0.1;
				/* (a quarter of the city, when the text says city, before
				 * a namesake as good outside it: "الصالحية في مدينة دمشق"
				 * is Damascus's quarter, not the Salhiyeh 16 km east) */
				if (ph[i].type == P_SETTLE && says_city(text) && !says_village(text) &&
				    !says_near_phrase(text, &ph[best_phrase]) && again.n > 1) {
					for (size_t k = 1; k < again.n && again.v[0].score - again.v[k].score < PROM_WINDOW; k++) {
						const struct gplace *qk = &g->places[again.v[k].place];
						if (qk->k == K_NEIGH && qk->parent_id == cy->id &&
						    g->places[again.v[0].place].parent_id != cy->id) {
							struct cand x = again.v[k];
							x.score = again.v[0].score;
							memmove(&again.v[1], &again.v[0], k * sizeof again.v[0]);
							again.v[0] = x;
							break;
						}
					}
				}
				if (ph[i].type == P_SETTLE && cy->k == K_COMM && (cy->seat == 3 || cy->population >= 100000) &&
				    !unique &&
				    (!again.n || dist_km(g->places[again.v[0].place].lon, g->places[again.v[0].place].lat,
				                         cy->lon, cy->lat) > 15)) {
					out->status = GEO_GC_RESOLVED;
					out->n = 0;
					fill_cand(g, &other.v[0], T_AREA_CAP, &out->cand[out->n++]);
					out->cand[0].precision = 2;
					out->admin1_pcode = out->cand[0].admin1_pcode;
					note_add(out, "\"%s\" not found in %s: located to the city", ph[best_phrase].fold,
					         cy->name_en);
					for (size_t k = 0; k < again.n && out->n < GEO_GAZ_MAX_CANDIDATES; k++)
						if (again.v[k].place != other.v[0].place)
							fill_cand(g, &again.v[k], again.v[k].score * 0.6, &out->cand[out->n++]);
					return GEO_OK;
				}
				/* the first name only near-spelt by places far from the
				 * town the text names beside it ("between Kafr Lusin and
				 * Sarmada": Kafr Bssin, 26 km away): that place is not
				 * in the gazetteer, and the event is near the town */
				const struct cand *b0 = again.n ? &again.v[0] : &best.v[0];
				const struct gplace *bp = &g->places[b0->place];
				/* (a place with a name in the text's script, its own point,
				 * and outside the town's district: a village of its district,
				 * "قرية الحمزية، حارم", or one the text's script can only
				 * reach through its Latin name, stays a candidate) */
				if (b0->sim < FAR_FUZZY_SIM && other.v[0].sim >= KEY_EQUAL && cy->k == K_COMM &&
				    has_script_name(g, bp, fold_is_arabic(ph[best_phrase].fold)) && !bp->sub_centroid &&
				    !(bp->admin2 && cy->admin2 && strcmp(bp->admin2, cy->admin2) == 0) &&
				    dist_km(bp->lon, bp->lat, cy->lon, cy->lat) > FAR_FUZZY_NEAR * hi.near_km) {
					note_add(out, "\"%s\" matches only %s, %.0f km from %s: not taken", ph[best_phrase].fold,
					         bp->name_en, dist_km(bp->lon, bp->lat, cy->lon, cy->lat), cy->name_en);
					noted[best_phrase] = 1;
					best.n = 0;
					cset_put(&best, other.v[0].place, other.v[0].name, other.v[0].sim);
					best.v[0].score = other.v[0].score;
					best_phrase = (int)i;
					skipped_place = 1;
					break;
				}
				if (again.n && again.v[0].score >= T_RESOLVE) {
					best = again;
					framed[i] = 1;
					note_add(out, "\"%s\" also named: read as context, not taken", ph[i].fold);
				}
				break;
			}
		}
	}
	if (best_phrase < 0) {
		/* "Bustan al-Qasr, Aleppo": an unknown place then a bare city name
		 * that is also a governorate's. Reports write "quarter, city": the
		 * place is near the city (ACLED precision 2), which is nearer the
		 * truth than the governorate's centroid. Not when the text says
		 * governorate, suburbs or countryside. */
		for (size_t i = 1; i < np; i++) {
			int earlier = 0, village = 0;
			/* (written apart: "Mantaf Idleb" is a village and its
			 * governorate, as incident tables write them) */
			for (size_t j = 0; j < i; j++) {
				/* (or in the same one, when the place is called a quarter
				 * or a street: "Al Nairab neighborhood in Aleppo") */
				earlier |= !ph[j].is_context &&
				           (ph[j].seg != ph[i].seg || says_quarter(text, &ph[j]) || names_street(text, &ph[j]));
				village |= !ph[j].is_context && ph[j].type == P_SETTLE;
			}
			/* (nor a village or town: "Foobar village, Idlib" is in the
			 * governorate, not near its capital) */
			if (!ph[i].is_context || !earlier || village || ph[i].seg_admin || ph[i].seg_suburb ||
			    ph[i].segdirs[0] || ph[i].paren || ph[i].owner)
				continue; /* "Kafr Nabl (Idlib)", "X in Idlib's countryside": the governorate */
			struct hints h2 = hi;
			copy_str(h2.admin1, sizeof h2.admin1, ph[i].admin1);
			lookup_phrase(g, ph[i].fold, P_SETTLE, &h2, &cur);
			if (cur.n && g->places[cur.v[0].place].k == K_COMM && cur.v[0].score >= 0.9 &&
			    g->places[cur.v[0].place].a1 == gov_index(ph[i].admin1)) {
				out->status = GEO_GC_RESOLVED;
				out->n = 0;
				fill_cand(g, &cur.v[0], 0.6, &out->cand[out->n++]);
				out->cand[0].precision = 2;
				out->admin1_pcode = out->cand[0].admin1_pcode;
				note_add(out, "the place named first is not in the gazetteer: located near %s",
				         out->cand[0].name);
				for (size_t k = 0; k < best.n && out->n < GEO_GAZ_MAX_CANDIDATES; k++)
					fill_cand(g, &best.v[k], best.v[k].score, &out->cand[out->n++]);
				return GEO_OK;
			}
		}
		/* no place: the governorate alone when the text or hint gives one */
		if (hi.admin1[0] && gov_index(hi.admin1) && g->gov_place[gov_index(hi.admin1)]) {
			out->status = GEO_GC_RESOLVED;
			out->n = 1;
			/* the score is for the point: a governorate's centroid is a
			 * fair answer when the text names only the governorate, but
			 * when it named a place the gazetteer does not know, the
			 * place is somewhere in the governorate, not at its centroid
			 * (development set: such answers were within 5 km of the
			 * place under 2% of the time) */
			int named_place = 0;
			for (size_t i = 0; i < np; i++)
				named_place |= !ph[i].is_context;
			double gs = hi.admin1_from_text ? 0.9 : 0.6;
			if (named_place)
				gs = 0.4;
			answer_gov(g, hi.admin1, gs, &best, out);
			note_add(out, "%s", best.n ? "no place matched well enough; located to the governorate only"
			                           : "only the governorate is known");
			/* (a region it names is said, not dropped: "Jabal Turkman") */
			for (size_t i = 0; i < np; i++) {
				const struct ctxent *re = region_entry(g, ph[i].core_key);
				if (ph[i].is_context && re && re->cls == 1 && strcmp(re->admin1, hi.admin1) == 0 &&
				    !strstr(out->note, ph[i].fold)) {
					note_add(out, "the region \"%s\" is read as the governorate's", ph[i].fold);
					break;
				}
			}
			return GEO_OK;
		}
		out->status = GEO_GC_UNRESOLVED;
		for (size_t i = 0; i < best.n && out->n < GEO_GAZ_MAX_CANDIDATES; i++)
			fill_cand(g, &best.v[i], best.v[i].score, &out->cand[out->n++]);
		note_add(out, "%s", best.n ? "no place matched well enough; nearest candidates listed"
		                           : "no place name recognised");
		return GEO_OK;
	}
	/* a bare name several places share: the prominent place when it
	 * clearly dominates the others (moderate score, rivals kept) */
	size_t n_outshone = 0;
	double prom_conf = 0;
	/* (the text names a city: its word, or a name written before the
	 * answer's as its frame, "Aleppo - Ameriyeh") */
	int city_named = 0;
	if (best.n > 1) {
		char tf[2048];
		geo_norm_fold(text, tf, sizeof tf);
		city_named = has_word(tf, "city", 4) || has_word(tf, "مدينة", strlen("مدينة")) ||
		             has_word(tf, "بمدينة", strlen("بمدينة"));
		for (int k = 0; k < best_phrase && !city_named; k++)
			city_named = ph[best_phrase].hier && !ph[k].anon && ph[k].seg != ph[best_phrase].seg;
	}
	if (best.n > 1)
		n_outshone = by_prominence(g, &best, fold_is_arabic(ph[best_phrase].fold), ph[best_phrase].fold,
		                           city_named, &prom_conf);
	/* of two records of one place, the one with its own point before the
	 * one at its sub-district's centroid (Yarmouk Camp, Yarmuk), and the
	 * one with a P-code before one without (OCHA's Madiq Castle, GeoNames'
	 * Qal'at al Madiq) */
	const struct gplace *t0 = &g->places[best.v[0].place];
	if (best.n > 1 && (t0->sub_centroid || (!t0->pcode && t0->k == K_COMM))) {
		for (size_t i = 1; i < best.n; i++) {
			const struct gplace *p = &g->places[best.v[i].place];
			int better = t0->sub_centroid ? !p->sub_centroid && (p->k == K_COMM || p->k == K_NEIGH || p->k == K_LAND)
			                              : p->pcode && p->k == K_COMM && !p->sub_centroid;
			if (best.v[0].score - best.v[i].score < (t0->sub_centroid ? 0.1 : 0.02) && better &&
			    same_place(g, &best.v[0], &best.v[i])) {
				struct cand x = best.v[i];
				x.score = best.v[0].score; /* the same place, a better point */
				memmove(&best.v[1], &best.v[0], i * sizeof best.v[0]);
				best.v[0] = x;
				break;
			}
		}
	}
	/* a community no P-coded source names, within 0.5 km of an OCHA
	 * community of its sub-district, is that community under another
	 * name (GeoNames' Qal'at al Madiq is OCHA's Madiq Castle, C3207):
	 * the answer carries its P-code */
	t0 = &g->places[best.v[0].place];
	if (t0->pcode_twin) {
		const struct gplace *p = &g->places[t0->pcode_twin - 1];
		note_add(out, "\"%s\" is %s (%s) of the OCHA list", g->names[best.v[0].name].name, p->name_en, p->pcode);
		best.v[0].place = t0->pcode_twin - 1;
	}
	/* a bare name several places share about as well, of which only one
	 * is in the conflict-documentation gazetteer (syrianarchive):
	 * incident reports name that one; it goes first, at a moderate score,
	 * and the note says why. Only for names matched about as well: on the
	 * development set a wider margin (0.065) lost as many answers as it
	 * won, partly to the list's misplaced records (Darat Izzah) */
	const struct gplace *documented = NULL;
	int bare = 1; /* the text names one place and nothing around it */
	for (size_t i = 0; i < np; i++)
		bare &= (int)i == best_phrase;
	if (!n_outshone && bare && !hi.admin1[0] && hi.near_place < 0 && best.n > 1) {
		size_t pick = 0, n_doc = 0, n_other = 0;
		char nfold[GEO_NORM_MAX * 2];
		for (size_t i = 0; i < best.n && best.v[0].score - best.v[i].score < SA_WINDOW; i++) {
			const struct gplace *p = &g->places[best.v[i].place];
			int doc = ((p->srcmask >> SRC_SYRIANARCHIVE) & 1) && (p->k == K_COMM || p->k == K_NEIGH);
			if (i > 0 && same_place(g, &best.v[0], &best.v[i]))
				continue;
			/* (spelt as well, or nearly: the documented place is not
			 * preferred over a better spelling match, Byanun for
			 * "Bianoun" rather than Banin) */
			/* (nor one that has words the text lacks: "Nerab" is not
			 * Ain al-Arab) */
			if (doc && best.v[i].sim >= PROM_MIN_SIM_LATIN && best.v[i].sim >= best.v[0].sim - SA_SIM_SLACK &&
			    name_words(fold_of(g, best.v[i].name, nfold, sizeof nfold)) <= name_words(ph[best_phrase].fold)) {
				if (!n_doc++)
					pick = i;
				else if (!same_place(g, &best.v[pick], &best.v[i]))
					n_doc = 99; /* two documented places: no choice */
				else
					n_doc--; /* the same place twice (a P-code twin) */
			} else if (!doc && (!n_doc || !same_place(g, &best.v[pick], &best.v[i]))) {
				n_other++;
			}
		}
		if (!n_other)
			n_doc = 0; /* no namesake to choose from */
		/* (not over a place that clearly dominates it: Arbin, the town
		 * of Eastern Ghouta, over the documented village Arbain) */
		struct gplace mt, md;
		double gap;
		if (n_doc == 1 && pick &&
		    dominates(cluster_of(g, &best, 0, &mt), cluster_of(g, &best, pick, &md), &gap))
			n_doc = 0;
		/* (nor a documented quarter over a town that is a seat: bare
		 * "al-Karamah" is the town of al-Raqqa, not a quarter of Hama;
		 * reports name a quarter with its city) */
		if (n_doc == 1 && g->places[best.v[pick].place].k == K_NEIGH)
			for (size_t i = 0; i < best.n && best.v[0].score - best.v[i].score < SA_WINDOW && n_doc; i++) {
				struct gplace mi;
				const struct gplace *ci = cluster_of(g, &best, i, &mi);
				if (i != pick && !same_place(g, &best.v[pick], &best.v[i]) && ci->seat >= 1 &&
				    g->places[best.v[i].place].k != K_NEIGH)
					n_doc = 0;
			}
		if (n_doc == 1) {
			struct cand x = best.v[pick];
			memmove(&best.v[1], &best.v[0], pick * sizeof best.v[0]);
			best.v[0] = x;
			documented = &g->places[x.place];
		}
	}
	/* ambiguity: the best and the next different place */
	const struct cand *top = &best.v[0];
	const struct cand *rival = NULL;
	for (size_t i = 1; i < best.n; i++) {
		if (!same_place(g, top, &best.v[i])) {
			rival = &best.v[i];
			break;
		}
	}
	double margin = rival ? top->score - rival->score : top->score;
	/* the query's own spelling over one that differs in its vowels only:
	 * the spelling still decides ("Ameriyeh, Aleppo" is OCHA's Ameriyeh,
	 * not the quarter Ameriyah), by the margin a spelling of the same key
	 * would leave, and the note names the other */
	int vowel_rival = 0;
	if (rival && top->spelt == 2 && rival->spelt == 1) {
		/* (over every other place: one spelt exactly so still ties) */
		double m2 = 1.0;
		for (size_t i = 1; i < best.n; i++) {
			if (same_place(g, top, &best.v[i]))
				continue;
			double mi = top->score - best.v[i].score * (best.v[i].spelt == 1 ? KEY_EQUAL / VOWEL_EQUAL : 1.0);
			if (mi < m2)
				m2 = mi;
		}
		vowel_rival = margin < T_TIE && m2 >= T_TIE;
		if (m2 > margin)
			margin = m2;
	}
	double conf = top->score;
	if (margin < 0.25)
		conf *= 0.6 + 0.4 * (margin / 0.25);
	if (documented) {
		out->status = GEO_GC_RESOLVED;
		out->admin1_pcode = documented->admin1;
		conf = top->score < SA_CONF ? top->score : SA_CONF;
		note_add(out, "of the places named \"%s\", the one conflict documentation names; give the "
		         "governorate to be sure", ph[best_phrase].fold);
	} else if (n_outshone) {
		out->status = GEO_GC_RESOLVED;
		out->admin1_pcode = g->places[top->place].admin1;
		conf = prom_conf;
		note_add(out, "chosen by prominence over %zu other place%s named \"%s\"%s", n_outshone,
		         n_outshone == 1 ? "" : "s", ph[best_phrase].fold,
		         hi.admin1[0] ? " in the governorate" : "; give the governorate to be sure");
	} else if (rival && margin < T_TIE) {
		out->status = GEO_GC_AMBIGUOUS;
		/* the governorate is still known when every tied place shares it */
		out->admin1_pcode = g->places[top->place].admin1;
		for (size_t i = 1; i < best.n && out->admin1_pcode; i++) {
			const char *a = g->places[best.v[i].place].admin1;
			if (top->score - best.v[i].score < T_TIE && (!a || strcmp(a, out->admin1_pcode) != 0))
				out->admin1_pcode = NULL;
		}
		note_add(out, "\"%s\" matches several places equally well%s", ph[best_phrase].fold,
		         hi.admin1[0] ? " even within the governorate" : "; give the governorate");
	} else {
		out->status = GEO_GC_RESOLVED;
		out->admin1_pcode = g->places[top->place].admin1;
		int alike_only = 0;
		const struct cand *twin = unseen_namesake(g, &best, fold_is_arabic(ph[best_phrase].fold), &alike_only);
		if (twin && conf > T_TWIN_CAP) {
			conf = T_TWIN_CAP;
			note_add(out, "%s (%s), %s, has no name in this script in the gazetteer"
			         " and cannot be ruled out", g->places[twin->place].name_en,
			         g->places[twin->place].admin1 ? g->places[twin->place].admin1 : "?",
			         alike_only ? "one of three or more places spelt with the same consonants"
			                    : "of the same name");
		} else if (vowel_rival) {
			note_add(out, "%s (%s), spelt so but for its vowels, cannot be ruled out%s",
			         g->places[rival->place].name_en,
			         g->places[rival->place].admin1 ? g->places[rival->place].admin1 : "?",
			         hi.admin1[0] ? "" : "; give the governorate to be sure");
		} else if (rival && margin < 0.1 && !hi.admin1[0] && g->places[rival->place].admin1 &&
		           out->admin1_pcode && strcmp(g->places[rival->place].admin1, out->admin1_pcode) != 0) {
			/* a bare name a place of another governorate nearly matches
			 * as well ("Hazzeh": Hezzeh in Rural Damascus) */
			note_add(out, "%s (%s) matches nearly as well; give the governorate to be sure",
			         g->places[rival->place].name_en, g->places[rival->place].admin1);
		}
	}
	/* a step of a hierarchy after a district's or sub-district's seat, not
	 * found in it ("درعا - إزرع - X"): the event is somewhere in the unit,
	 * not at its seat, as "حلب - X" is somewhere in Aleppo governorate */
	/* (the seat the first step after the governorate, or the first place
	 * named: "Idlib - Maarat al-Numan - Kafr Nabl - al-Hara al-Sharqiya"
	 * has reached the town, and its quarter is in it; and a step that
	 * names the seat again, or a place of it, is found: "Aleppo - Azaz -
	 * Azaz", "Homs - Tadmur - Palmyra citadel") */
	int seat_only = 0, seat_near = 0;
	int chain = refined ? n_refined == 1 && gov_first : best_phrase >= 0;
	for (int j = 0; !refined && chain && j < best_phrase; j++)
		chain = ph[j].is_context;
	if (chain && unrefined > best_phrase && ph[unrefined].hier) {
		const struct gplace *tp = &g->places[top->place];
		if (tp->k == K_COMM && (tp->seat == 1 || tp->seat == 2)) {
			struct cset chk;
			lookup_full(g, &ph[unrefined], &hi, &chk);
			int itself = 0;
			for (size_t k = 0; k < chk.n && !itself; k++)
				itself = chk.v[k].sim >= 0.85 && chk.v[0].score - chk.v[k].score < PROM_WINDOW &&
				         (chk.v[k].place == top->place || same_place(g, top, &chk.v[k]));
			/* (named with more than its name, it is near or around the
			 * seat, not the seat: "Ariha countryside", "near Ariha",
			 * "Palmyra airport", "مطار تدمر"; the seat at precision 2) */
			if (itself) {
				struct cset raw;
				lookup_phrase(g, ph[unrefined].fold, ph[unrefined].type, &hi, &raw);
				int bare_name = raw.n && raw.v[0].sim >= 0.85 &&
				                (raw.v[0].place == top->place || same_place(g, top, &raw.v[0]));
				if (!bare_name || ph[unrefined].seg_suburb || ph[unrefined].segdirs[0] ||
				    says_near_phrase(text, &ph[unrefined])) {
					itself = 0;
					seat_near = 1;
				}
			}
			if (!itself) {
				seat_only = tp->seat;
				noted[unrefined] = 1;
			} else if (chk.v[0].place == top->place) {
				noted[unrefined] = 1; /* (the answer named twice) */
			}
		}
	}
	/* no name the text gives is dropped silently */
	for (size_t i = 0; i < np; i++)
		if (!ph[i].is_context && (int)i != best_phrase && !framed[i] && !noted[i] &&
		    ph[i].type != P_SUBPLACE && !ph[i].anon)
			note_add(out, "\"%s\" also named: not taken", ph[i].fold);
	/* candidates: distinct places, best first */
	for (size_t i = 0; i < best.n && out->n < GEO_GAZ_MAX_CANDIDATES; i++) {
		int dup = 0;
		for (size_t j = 0; j < i && !dup; j++)
			if (best.v[j].place == best.v[i].place)
				dup = 1;
		if (dup)
			continue;
		double sc = top->score > 0 ? best.v[i].score * conf / top->score : 0;
		if ((n_outshone || documented) && i > 0 && sc > conf - 0.1)
			sc = conf - 0.1; /* the places the prior passed over */
		fill_cand(g, &best.v[i], sc, &out->cand[out->n++]);
	}
	/* "Mazra'at al Fa'loul, east of Jarjanaz town": the named place is not
	 * in the gazetteer, the town is only near it (ACLED precision 2) */
	if (skipped_place && strcmp(out->status, GEO_GC_RESOLVED) == 0 && out->cand[0].precision == 1) {
		out->cand[0].precision = 2;
		note_add(out, "the first place named is not in the gazetteer: located near %s",
		         out->cand[0].name);
	}
	/* "Maarat al-Numan countryside", "ريف سراقب": around a town, not in
	 * it (the countryside of a governorate is context, read before) */
	int seg_gov = 0; /* "Douma Rif Dimashq": the countryside word is the governorate's */
	for (size_t i = 0; i < np; i++)
		seg_gov |= ph[i].is_context && ph[i].seg == ph[best_phrase].seg;
	if (strcmp(out->status, GEO_GC_RESOLVED) == 0 && out->n && out->cand[0].precision == 1 &&
	    ph[best_phrase].adj && ph[best_phrase].seg_suburb && !ph[best_phrase].is_context && !seg_gov) {
		out->cand[0].precision = 2;
		note_add(out, "the countryside of %s, not the town: precision 2", out->cand[0].name);
	}
	/* a neighbourhood or landmark phrase: only when the gazetteer knows it
	 * within the town */
	int quarter_found = 0;
	if (strcmp(out->status, GEO_GC_RESOLVED) == 0) {
		const struct gplace *town = &g->places[top->place];
		for (size_t i = 0; i < np; i++) {
			struct cset sub;
			if (ph[i].type != P_SUBPLACE || (int)i == best_phrase)
				continue;
			lookup_phrase(g, ph[i].fold, P_SUBPLACE, &hi, &sub);
			int found = 0;
			for (size_t k = 0; k < sub.n && !found; k++) {
				const struct gplace *p = &g->places[sub.v[k].place];
				if ((p->k == K_NEIGH || p->k == K_LAND) && sub.v[k].sim >= 0.85 &&
				    (p->parent_id == town->id || dist_km(p->lon, p->lat, town->lon, town->lat) < 4)) {
					struct geo_gaz_candidate c0 = out->cand[0];
					fill_cand(g, &sub.v[k], conf, &out->cand[0]);
					if (out->n < GEO_GAZ_MAX_CANDIDATES) {
						memmove(&out->cand[2], &out->cand[1], (out->n - 1) * sizeof out->cand[0]);
						out->cand[1] = c0;
						out->n++;
					}
					found = quarter_found = 1;
				}
			}
			if (!found) {
				note_add(out, "\"%s\" not in the gazetteer: located to %s", ph[i].fold, town->name_en);
				/* a city's centre says little of where a quarter of it
				 * lies: one of Damascus or Aleppo may be 6-8 km away
				 * (Barzeh, 5.8 km), and so may a street of it: near the
				 * city, as for "X neighbourhood, Aleppo" (a hospital or
				 * bakery is named
				 * in its town, as ACLED codes it) */
				if (town->k == K_COMM && (town->seat == 3 || town->population >= 100000) &&
				    (says_quarter(text, &ph[i]) || names_street(text, &ph[i]))) {
					out->cand[0].precision = 2;
					out->cand[0].precision_word = "community";
					cap_answer(out, T_AREA_CAP);
				} else if (says_camp(text, &ph[i])) {
					/* ... and a camp the gazetteer does not know is only
					 * near the town ("مخيم خان الشيح قرب معضمية الشام":
					 * Khan al-Shih is 11 km away): its point is the town's
					 * guess, not the camp's */
					cap_answer(out, T_AREA_CAP);
				}
			}
		}
	}
	/* a camp named after a community the gazetteer holds no camp of
	 * ("Atmeh camp", "al-Hol camp", "مخيم قاح"): near the community, not
	 * in it (camps lie beside or kilometres out of the village they are
	 * named by), precision 2, and the note says so; a camp the gazetteer
	 * holds, or one a community's name says (Rukban camp), is itself */
	if (strcmp(out->status, GEO_GC_RESOLVED) == 0 && out->n && out->cand[0].precision == 1 && best_phrase >= 0 &&
	    g->places[top->place].k == K_COMM && says_camp(text, &ph[best_phrase]) &&
	    !strstr(out->note, "not in the gazetteer")) { /* (not the town a camp lies by, which says so) */
		char mf[GEO_NORM_MAX * 2];
		const char *mn = out->cand[0].matched ? out->cand[0].matched : "";
		geo_norm_fold(mn, mf, sizeof mf);
		if (!has_word(mf, "camp", 4) && !has_word(mf, "مخيم", strlen("مخيم"))) {
			out->cand[0].precision = 2;
			cap_answer(out, T_AREA_CAP);
			note_add(out, "no camp of that name in the gazetteer: located to %s, which it is named by, "
			         "precision 2", out->cand[0].name);
		}
	}
	/* a namesake just across the named governorate's border, on the side
	 * of its capital the text names (a side is only ever read with its
	 * governorate, "northern Hama", never from a hint), when the answer is
	 * not on that side:
	 * "Abu Dali in the northern countryside of Hama" is Idlib's Abu Dali,
	 * 37 km north of Hama (reports name the front line by the nearer
	 * city), or Hama's, 58 km east: no high score for either */
	if (strcmp(out->status, GEO_GC_RESOLVED) == 0 && out->n && out->cand[0].precision == 1 &&
	    (hi.dx != 0 || hi.dy != 0) && gov_index(hi.admin1) && out->cand[0].score > T_AREA_CAP) {
		const struct gplace *across = border_namesake(g, &best, top, gov_index(hi.admin1), hi.dx, hi.dy);
		if (across) {
			cap_answer(out, T_AREA_CAP);
			note_add(out, "%s of %s, of the same name, lies on the side of %s the text names, outside it",
			         across->name_en, g->places[g->gov_place[across->a1] - 1].name_en,
			         g->places[g->gov_place[gov_index(hi.admin1)] - 1].name_en);
		}
	}
	/* a place reports file under the governorate the text names, which
	 * OCHA's boundaries put in another: the answer keeps OCHA's, and says so */
	{
		int ha = gov_index(hi.admin1);
		if (!ha && gov_first)
			ha = gov_first->a1; /* ("Homs: al-Rukban camp") */
		const struct gplace *tp = &g->places[top->place];
		if (strcmp(out->status, GEO_GC_RESOLVED) == 0 && out->n && ha && tp->a1 != ha && in_gov(tp, ha))
			note_add(out, "%s is in %s by OCHA's boundaries; reports also place it in %s", tp->name_en,
			         g->places[g->gov_place[tp->a1] - 1].name_en, g->places[g->gov_place[ha] - 1].name_en);
	}
	if (seat_only && strcmp(out->status, GEO_GC_RESOLVED) == 0 && out->n && out->cand[0].precision == 1) {
		cap_answer(out, T_AREA_CAP);
		out->cand[0].precision = 2;
		if (seat_near)
			note_add(out, "\"%s\": near %s or a place of it the gazetteer does not know, precision 2",
			         ph[unrefined].fold, out->cand[0].name);
		else
			note_add(out, "\"%s\" not found in the %s of %s: located to its seat, precision 2",
			         ph[unrefined].fold, seat_only == 2 ? "district" : "sub-district", out->cand[0].name);
	}
	/* a street named after a town, in a text that names no other place
	 * ("Baghdad Street", "Hama Street", both in Damascus; "Bab Street" of
	 * Aleppo): the town of the name is a guess (a town's square,
	 * "Saraqeb square", is in the town) */
	if (strcmp(out->status, GEO_GC_RESOLVED) == 0 && out->n && out->cand[0].precision == 1 && !quarter_found &&
	    np == 1 && g->places[top->place].k == K_COMM && out->cand[0].score > T_AREA_CAP &&
	    mentions_street(text) && names_street_of(text, &ph[best_phrase], 1)) {
		cap_answer(out, T_AREA_CAP);
		note_add(out, "a street named after %s; the text names no city it is in", out->cand[0].name);
	}
	/* near a town, not in it: ACLED precision 2 (not a quarter of it
	 * found: "حي جوبر جنوب مدينة دمشق" is in the south of the city) */
	if (strcmp(out->status, GEO_GC_RESOLVED) == 0 && out->n && out->cand[0].precision == 1 && !quarter_found &&
	    says_near_phrase(text, &ph[best_phrase])) {
		out->cand[0].precision = 2;
		note_add(out, "near %s, not in it: precision 2", out->cand[0].name);
	}
	if (strcmp(out->status, GEO_GC_RESOLVED) == 0 && out->n &&
	    (g->places[top->place].k == K_SUB || g->places[top->place].k == K_DIST) &&
	    g->places[top->place].seat_place)
		note_add(out, "the %s is placed at its seat, %s",
		         g->places[top->place].k == K_SUB ? "sub-district" : "district",
		         g->places[g->places[top->place].seat_place - 1].name_en);
	/* the score speaks for the point: an area (a sub-district or district,
	 * whose point is a centroid or its seat, sources disagreeing by 5-50
	 * km) or a town only near the place named first is sure of the name but
	 * not of the point, so it stays below 0.8 */
	/* a fuzzy match within one script (not the same key) is right less
	 * often than its similarity says: a name one letter off is as often
	 * another village as a variant spelling (development set: 76-90% right
	 * at 0.8-0.9); its score is scaled down. Across scripts the similarity
	 * is capped already and stays as it is. */
	if (strcmp(out->status, GEO_GC_RESOLVED) == 0 && out->n && !n_outshone &&
	    top->sim < KEY_EQUAL - 1e-9) {
		int q_ar = 0;
		for (const unsigned char *u = (const unsigned char *)ph[best_phrase].fold; *u && !q_ar; u++)
			q_ar = *u == 0xD8 || *u == 0xD9;
		if (q_ar == (int)g->names[top->name].arabic)
			for (size_t i = 0; i < out->n; i++)
				out->cand[i].score *= F_FUZZY_SAME;
	}
	/* ... and so is a community no source places, put at its
	 * sub-district's centroid (precision 2), which may lie 5-30 km from
	 * it (OCHA's Upper Baguz, Otayba); the note says so */
	if (strcmp(out->status, GEO_GC_RESOLVED) == 0 && out->n && strcmp(out->cand[0].kind, "community") == 0 &&
	    strcmp(out->cand[0].precision_word, "subdistrict") == 0) {
		note_add(out, "%s has no point of its own in the sources: placed at its sub-district's centroid",
		         out->cand[0].name);
		cap_answer(out, T_AREA_CAP);
	}
	if (strcmp(out->status, GEO_GC_RESOLVED) == 0 && out->n &&
	    (skipped_place || g->places[top->place].k == K_SUB || g->places[top->place].k == K_DIST))
		cap_answer(out, T_AREA_CAP);
	/* never a resolved answer without a place */
	if (strcmp(out->status, GEO_GC_RESOLVED) == 0 && out->n == 0) {
		out->status = GEO_GC_UNRESOLVED;
		out->admin1_pcode = NULL;
		note_add(out, "no place matched well enough");
	}
	return GEO_OK;
}

/* ---- points and incidents --------------------------------------------------------- */

static enum geo_status load_polys(geo_gaz *g)
{
	enum geo_status rc = GEO_OK;
	sqlite3 *db = NULL;
	void *cache = NULL;
	sqlite3_stmt *st = NULL;
	GEOSContextHandle_t h = geo_ctx_geos(g->ctx);
	GEOSWKBReader *rd = NULL;
	size_t cap = 0;
	int r;
	g->polys_loaded = 1;
	if (sqlite3_open_v2(g->path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		rc = GEO_ERROR(g->ctx, GEO_ERR_IO, "%s: cannot open the gazetteer: %s", g->path,
		               db ? sqlite3_errmsg(db) : "out of memory");
		goto out;
	}
	cache = spatialite_alloc_connection();
	if (!cache) {
		rc = GEO_ERROR(g->ctx, GEO_ERR_DB, "%s: SpatiaLite could not allocate a connection", g->path);
		goto out;
	}
	spatialite_init_ex(db, cache, 0);
	if (sqlite3_prepare_v2(db,
	                       "SELECT pcode, level, AsBinary(geom) FROM admin_areas WHERE level IN (1, 3)"
	                       " AND geom IS NOT NULL",
	                       -1, &st, NULL) != SQLITE_OK) {
		rc = GEO_ERROR(g->ctx, GEO_ERR_NOTFOUND, "%s: no admin_areas polygons: %s", g->path,
		               sqlite3_errmsg(db));
		goto out;
	}
	rd = GEOSWKBReader_create_r(h);
	if (!rd) {
		rc = GEO_ERROR(g->ctx, GEO_ERR_GEOS, "GEOS could not create a WKB reader");
		goto out;
	}
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *pc = sqlite3_column_text(st, 0);
		const void *wkb = sqlite3_column_blob(st, 2);
		int nb = sqlite3_column_bytes(st, 2);
		if (!pc || !wkb || nb <= 0)
			continue;
		if (g->n_polys == cap) {
			size_t nc = cap ? cap * 2 : 512;
			struct admin_poly *nv = geo_realloc(g->polys, nc * sizeof *nv);
			if (!nv) {
				rc = GEO_ERROR(g->ctx, GEO_ERR_NOMEM, "out of memory loading admin polygons");
				goto out;
			}
			g->polys = nv;
			cap = nc;
		}
		struct admin_poly *ap = &g->polys[g->n_polys];
		memset(ap, 0, sizeof *ap);
		copy_str(ap->pcode, sizeof ap->pcode, (const char *)pc);
		ap->level = sqlite3_column_int(st, 1);
		ap->g = GEOSWKBReader_read_r(h, rd, wkb, (size_t)nb);
		if (!ap->g)
			continue;
		ap->pg = GEOSPrepare_r(h, ap->g);
		if (!ap->pg || !GEOSGeom_getXMin_r(h, ap->g, &ap->minx) || !GEOSGeom_getYMin_r(h, ap->g, &ap->miny) ||
		    !GEOSGeom_getXMax_r(h, ap->g, &ap->maxx) || !GEOSGeom_getYMax_r(h, ap->g, &ap->maxy)) {
			if (ap->pg)
				GEOSPreparedGeom_destroy_r(h, ap->pg);
			GEOSGeom_destroy_r(h, ap->g);
			continue;
		}
		g->n_polys++;
	}
	if (r != SQLITE_DONE)
		rc = GEO_ERROR(g->ctx, GEO_ERR_DB, "%s: reading admin_areas: %s", g->path, sqlite3_errmsg(db));
out:
	if (rd)
		GEOSWKBReader_destroy_r(h, rd);
	sqlite3_finalize(st);
	if (db)
		sqlite3_close(db);
	if (cache)
		spatialite_cleanup_ex(cache);
	return rc;
}

enum geo_status geo_gaz_locate_point(geo_gaz *g, double lon, double lat, char *admin1, char *admin3,
                                     int *inside)
{
	enum geo_status rc = GEO_OK;
	GEOSContextHandle_t h = geo_ctx_geos(g->ctx);
	GEOSGeometry *pt = NULL;
	admin1[0] = admin3[0] = '\0';
	*inside = 0;
	if (!g->polys_loaded) {
		rc = load_polys(g);
		if (rc != GEO_OK)
			return rc;
	}
	pt = GEOSGeom_createPointFromXY_r(h, lon, lat);
	if (!pt)
		return GEO_ERROR(g->ctx, GEO_ERR_GEOS, "GEOS could not make the point %f %f", lon, lat);
	for (size_t i = 0; i < g->n_polys; i++) {
		struct admin_poly *ap = &g->polys[i];
		if (lon < ap->minx || lon > ap->maxx || lat < ap->miny || lat > ap->maxy)
			continue;
		if ((ap->level == 1 && admin1[0]) || (ap->level == 3 && admin3[0]))
			continue;
		char r = GEOSPreparedIntersects_r(h, ap->pg, pt);
		if (r == 2) {
			rc = GEO_ERROR(g->ctx, GEO_ERR_GEOS, "GEOS failed testing %s", ap->pcode);
			break;
		}
		if (r == 1) {
			if (ap->level == 1)
				snprintf(admin1, 16, "%s", ap->pcode);
			else
				snprintf(admin3, 16, "%s", ap->pcode);
		}
	}
	if (!admin1[0] && admin3[0])
		snprintf(admin1, 16, "%.4s", admin3);
	*inside = admin1[0] != 0;
	GEOSGeom_destroy_r(h, pt);
	return rc;
}

static enum geo_status set_str(char **field, const char *v)
{
	return geo_incident_set(field, v);
}

enum geo_status geo_gaz_geocode_incident(geo_gaz *g, struct geo_incident *inc)
{
	enum geo_status rc = GEO_OK;
	char note[1024];
	note[0] = '\0';
	if (inc->has_point) {
		char a1[16], a3[16];
		int inside;
		rc = geo_gaz_locate_point(g, inc->lon, inc->lat, a1, a3, &inside);
		if (rc != GEO_OK)
			goto out;
		if ((rc = set_str(&inc->geocode_status, GEO_GC_INPUT)) != GEO_OK ||
		    (rc = set_str(&inc->admin1_pcode, a1[0] ? a1 : NULL)) != GEO_OK ||
		    (rc = set_str(&inc->admin3_pcode, a3[0] ? a3 : NULL)) != GEO_OK)
			goto out;
		if (!inc->precision_word && (rc = set_str(&inc->precision_word, "point")) != GEO_OK)
			goto out;
		if (!inc->geo_precision)
			inc->geo_precision = 1;
		inc->geocode_score = 1.0;
		if (!inside) {
			snprintf(note, sizeof note, "point %.5f %.5f is outside Syria", inc->lon, inc->lat);
			geo_ctx_warn(g->ctx, "%s:%ld: incident %s: %s", inc->source_file ? inc->source_file : "input",
			             inc->source_line, inc->id ? inc->id : "?", note);
			if ((rc = set_str(&inc->geocode_note, note)) != GEO_OK)
				goto out;
		}
	} else {
		struct geo_gaz_result res;
		rc = geo_gaz_lookup(g, inc->place_text, inc->governorate, &res);
		if (rc != GEO_OK)
			goto out;
		if ((rc = set_str(&inc->geocode_status, res.status)) != GEO_OK)
			goto out;
		copy_str(note, sizeof note, res.note);
		if (strcmp(res.status, GEO_GC_RESOLVED) == 0 && res.n > 0) {
			const struct geo_gaz_candidate *c = &res.cand[0];
			inc->has_point = 1;
			inc->lon = c->lon;
			inc->lat = c->lat;
			inc->geo_precision = c->precision;
			inc->geocode_score = c->score;
			if ((rc = set_str(&inc->precision_word, c->precision_word)) != GEO_OK ||
			    (rc = set_str(&inc->place_name, c->name)) != GEO_OK ||
			    (rc = set_str(&inc->pcode, c->pcode)) != GEO_OK ||
			    (rc = set_str(&inc->admin1_pcode, c->admin1_pcode)) != GEO_OK ||
			    (rc = set_str(&inc->admin3_pcode, c->admin3_pcode)) != GEO_OK)
				goto out;
		} else {
			size_t n = strlen(note);
			inc->has_point = 0;
			inc->geo_precision = 0;
			inc->geocode_score = res.n ? res.cand[0].score : 0;
			for (size_t i = 0; i < res.n && i < 4 && n + 80 < sizeof note; i++) {
				n += (size_t)snprintf(note + n, sizeof note - n, "%s%s %s (%s, %.2f)",
				                      i == 0 ? "; candidates: " : ", ", res.cand[i].name,
				                      res.cand[i].pcode ? res.cand[i].pcode : "",
				                      res.cand[i].admin1_pcode ? res.cand[i].admin1_pcode : "",
				                      res.cand[i].score);
			}
		}
		if ((rc = set_str(&inc->geocode_note, note[0] ? note : NULL)) != GEO_OK)
			goto out;
	}
	/* the facility registry: same name (or alias) in the same town; an
	 * input point's town is the nearest community within 3 km */
	const char *town = inc->pcode;
	if (!town && inc->facility_name && inc->has_point) {
		double bd = 3.0;
		for (size_t i = 0; i < g->n_places; i++) {
			const struct gplace *p = &g->places[i];
			if (p->k != K_COMM || !p->pcode || fabs(p->lat - inc->lat) > 0.05)
				continue;
			double d = dist_km(p->lon, p->lat, inc->lon, inc->lat);
			if (d < bd) {
				bd = d;
				town = p->pcode;
			}
		}
	}
	if (inc->facility_name && town) {
		const struct geo_facility *f = geo_facilities_match(g->fac, inc->facility_name, town);
		if (f) {
			if ((rc = set_str(&inc->facility_id, f->id)) != GEO_OK)
				goto out;
			if (f->has_point && strcmp(inc->geocode_status, GEO_GC_INPUT) != 0) {
				inc->lon = f->lon;
				inc->lat = f->lat;
				inc->geo_precision = 1;
				if ((rc = set_str(&inc->precision_word, "point")) != GEO_OK)
					goto out;
			}
		}
	}
out:
	if (rc == GEO_ERR_NOMEM)
		GEO_ERROR(g->ctx, rc, "out of memory geocoding incident %s", inc->id ? inc->id : "?");
	return rc;
}
