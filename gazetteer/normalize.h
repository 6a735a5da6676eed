/* normalize.h — place-name normalisation for matching Syrian place names
 * across transliterations and scripts.
 *
 * Three forms, all computed into caller buffers (no allocation):
 *
 *  - fold   words in lower case, diacritics and apostrophes (' ‘ ’ ʿ ʾ `)
 *           removed, punctuation turned into single spaces. Arabic text is
 *           folded to its normalised letters (see key). Used to parse
 *           context words ("southern suburbs of Idlib governorate").
 *  - key    the exact-match key: Latin names lose their articles (al-, el-,
 *           ar-, as-, ash-, ...), generic words take one spelling (Kfar/Kafar
 *           → kafr, Tell/Tall → tal, Deir/Dair → dayr, Maaret/Ma'arrat →
 *           maarat, Ain/Ein → ayn, Um → umm, Beit → bayt...), letter
 *           alternations take one form (kh→h, q→k, dh/th/z→z, sh→x, gh→g,
 *           g stays g: in Syrian names a plain g is ghayn (Mreigel) or a
 *           spoken qaf (Gaara), rarely jim; a French word-initial rh→g; ph→f, dj→j, w→u, p→b, v→u (Arabic has no v: Nava is Nawa),
 *           doubled letters single, a final
 *           ta-marbuta h dropped, vowel runs reduced to one vowel of the
 *           classes a/e→a, i/y→i, o/u→u), spaces removed. Arabic names:
 *           diacritics and tatweel stripped, alef forms (أ إ آ ٱ) → ا,
 *           ta marbuta ة → ه, alef maqsura ى → ي, hamza carriers ؤ ئ → و ي,
 *           the article ال dropped, spaces removed. Latin keys are ASCII;
 *           Arabic keys are UTF-8 and start with the byte 0xD8..0xDB.
 *  - skeleton the script-independent consonant skeleton (ASCII) used to
 *           match an Arabic query against Latin names and the reverse, and
 *           to find fuzzy candidates: the key's consonants with vowels,
 *           w/y, ʿayn and hamza dropped, using one consonant class per
 *           Arabic letter (ح خ ه → h, ق ك → k, ذ ز ظ ث → z, ت ط → t,
 *           س ص → s, ش → x, ض د → d, غ → g, ج → j). A ta marbuta in a
 *           word that is not the last one becomes t (construct state:
 *           معرة النعمان → mrtnmn like "Maarat al-Numan").
 *
 * All functions accept any UTF-8 (invalid bytes are skipped) and always
 * NUL-terminate the output (truncating at cap). They return the output
 * length. */
#ifndef GEO_NORMALIZE_H
#define GEO_NORMALIZE_H

#include <stddef.h>

#define GEO_NORM_MAX 256 /* a comfortable buffer for any one place name */

/* 1 when `s` contains at least one Arabic letter. */
int geo_norm_is_arabic(const char *s);

size_t geo_norm_fold(const char *in, char *out, size_t cap);
size_t geo_norm_key(const char *in, char *out, size_t cap);
size_t geo_norm_skeleton(const char *in, char *out, size_t cap);

/* A Latin key for Arabic text (folded): each letter by its usual
 * transliteration (long vowels ا و ي as a u i, ʿayn as a, ta marbuta as a
 * or, in construct, at), then the Latin key rules. Compared with Latin keys
 * it separates places that share a consonant skeleton (حمورية is nearer
 * "Hamouriya" than "Hmeira"). Empty for Latin text. */
size_t geo_norm_arabic_latin(const char *folded, char *out, size_t cap);

/* The same from text already folded by geo_norm_fold (skips folding). */
size_t geo_norm_key_folded(const char *folded, char *out, size_t cap);
/* 1 when every word of folded text is a qualifier (Upper, Eastern, Kabir,
 * Shamaliyah, الشرقي...) or a Latin article, and one at least a qualifier:
 * "ash Shamaliyah" qualifies the name before it. */
int geo_norm_qualifiers_only(const char *folded);
/* The canonical generic word ("kafr", "ayn", "umm", "dayr"...) folded
 * Latin text begins with, when another word follows; NULL otherwise. */
const char *geo_norm_generic_first(const char *folded);
size_t geo_norm_skeleton_folded(const char *folded, char *out, size_t cap);
/* The same from folded text whose geo_norm_key_folded() is already key
 * (saves computing the key twice). */
size_t geo_norm_skeleton_keyed(const char *folded, const char *key, char *out, size_t cap);

/* Folded Latin text rewritten from the romanisations of other languages
 * into the English one, for a second lookup when the name is not found:
 * Russian (dzh, zh -> j; a j after a vowel -> y; v between vowels -> w;
 * "ehl'-" -> el-: Dzhasim, Dejr ez-Zor, Es-Suvejda, Ehl'-Kunejtra), German
 * (dsch -> j, sch -> sh: Manbidsch), French (dj -> j, tch -> sh, c before
 * e/i -> s, gu before e/i -> g, eu -> i: Jacem, Guebelli, Kheurbet).
 * Returns the length, or 0 (and an empty string) when nothing changes or
 * the text is Arabic. */
size_t geo_norm_foreign_latin(const char *folded, char *out, size_t cap);

/* Weighted edit distance between two Latin keys (ASCII): substituting one
 * vowel for another costs 0.3, inserting or deleting a vowel 0.4, a
 * substitution inside a consonant class that transliterations confuse
 * (d/z/t, s/x/z, h/k, j/g/k, b/f) 0.5, anything else 1. Returns the
 * distance; stops early and returns a value > max once it exceeds max. */
double geo_norm_distance(const char *a, const char *b, double max);

/* Similarity 0..1 of two keys of the same script: 1 - distance / the
 * longer length (Arabic keys compared by code point). */
double geo_norm_similarity(const char *a, const char *b);
/* The same, but any similarity below `floor` comes back as 0 (faster: the
 * comparison stops as soon as it cannot reach the floor). */
double geo_norm_similarity_floor(const char *a, const char *b, double floor);

#endif
