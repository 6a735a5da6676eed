/* map_style.c — palette, facility shapes and legend words for the maps.
 * See map_style.h. The shape tables were generated once (regular polygons
 * and a crescent from two circles: outer r=1, inner r=0.8 offset 0.4) and
 * are written out so that every build draws exactly the same vertices. */
#include "layers/map_style.h"

#include <stdio.h>
#include <string.h>

static const double SHAPE_CROSS[] = {
	-0.3300, -0.9500, 0.3300, -0.9500, 0.3300, -0.3300, 0.9500, -0.3300, 0.9500, 0.3300,
	0.3300, 0.3300, 0.3300, 0.9500, -0.3300, 0.9500, -0.3300, 0.3300, -0.9500, 0.3300,
	-0.9500, -0.3300, -0.3300, -0.3300,
};

static const double SHAPE_CIRCLE[] = {
	0.8500, 0.0000, 0.8395, 0.1330, 0.8084, 0.2627, 0.7574, 0.3859, 0.6877, 0.4996,
	0.6010, 0.6010, 0.4996, 0.6877, 0.3859, 0.7574, 0.2627, 0.8084, 0.1330, 0.8395,
	0.0000, 0.8500, -0.1330, 0.8395, -0.2627, 0.8084, -0.3859, 0.7574, -0.4996, 0.6877,
	-0.6010, 0.6010, -0.6877, 0.4996, -0.7574, 0.3859, -0.8084, 0.2627, -0.8395, 0.1330,
	-0.8500, 0.0000, -0.8395, -0.1330, -0.8084, -0.2627, -0.7574, -0.3859, -0.6877, -0.4996,
	-0.6010, -0.6010, -0.4996, -0.6877, -0.3859, -0.7574, -0.2627, -0.8084,
	-0.1330, -0.8395, 0.0000, -0.8500, 0.1330, -0.8395, 0.2627, -0.8084, 0.3859, -0.7574,
	0.4996, -0.6877, 0.6010, -0.6010, 0.6877, -0.4996, 0.7574, -0.3859, 0.8084, -0.2627,
	0.8395, -0.1330,
};

static const double SHAPE_DIAMOND[] = {
	0.0000, -1.0000, 0.8500, 0.0000, 0.0000, 1.0000, -0.8500, 0.0000,
};

static const double SHAPE_TRIANGLE[] = {
	0.0000, -1.0000, 0.9500, 0.6500, -0.9500, 0.6500,
};

static const double SHAPE_CRESCENT[] = {
	0.8000, 0.7600, 0.6449, 0.8690, 0.4720, 0.9467, 0.2875, 0.9905, 0.0981, 0.9987,
	-0.0894, 0.9709, -0.2683, 0.9083, -0.4322, 0.8130, -0.5752, 0.6885, -0.6921, 0.5393,
	-0.7788, 0.3707, -0.8320, 0.1887, -0.8500, 0.0000, -0.8320, -0.1887, -0.7788, -0.3707,
	-0.6921, -0.5393, -0.5752, -0.6885, -0.4322, -0.8130, -0.2683, -0.9083,
	-0.0894, -0.9709, 0.0981, -0.9987, 0.2875, -0.9905, 0.4720, -0.9467, 0.6449, -0.8690,
	0.8000, -0.7600, 0.6778, -0.7897, 0.5524, -0.8000, 0.4270, -0.7905, 0.3046, -0.7614,
	0.1883, -0.7136, 0.0810, -0.6481, -0.0148, -0.5665, -0.0966, -0.4710, -0.1625, -0.3638,
	-0.2107, -0.2477, -0.2401, -0.1254, -0.2500, 0.0000, -0.2401, 0.1254, -0.2107, 0.2477,
	-0.1625, 0.3638, -0.0966, 0.4710, -0.0148, 0.5665, 0.0810, 0.6481, 0.1883, 0.7136,
	0.3046, 0.7614, 0.4270, 0.7905, 0.5524, 0.8000, 0.6778, 0.7897,
};

static const double SHAPE_SQUARE[] = {
	-0.7500, -0.7500, 0.7500, -0.7500, 0.7500, 0.7500, -0.7500, 0.7500,
};

#define SHAPE(t, a) {t, a, sizeof a / sizeof a[0] / 2}

/* Facility type -> shape. Hospital: the medical cross; medical point: a
 * disc; ambulance: a diamond; civil defence: the triangle of the
 * international civil-defence sign; Red Crescent: the crescent; other: a
 * square. */
static const struct geo_map_shape shapes[] = {
	SHAPE("hospital", SHAPE_CROSS),
	SHAPE("medical_point", SHAPE_CIRCLE),
	SHAPE("ambulance", SHAPE_DIAMOND),
	SHAPE("civil_defense", SHAPE_TRIANGLE),
	SHAPE("red_crescent", SHAPE_CRESCENT),
	SHAPE("other", SHAPE_SQUARE),
};
#define N_SHAPES (sizeof shapes / sizeof shapes[0])

const struct geo_map_shape *geo_map_shape_for(const char *facility_type)
{
	for (size_t i = 0; facility_type && i < N_SHAPES; i++)
		if (strcmp(shapes[i].facility_type, facility_type) == 0)
			return &shapes[i];
	return &shapes[N_SHAPES - 1];
}

struct perp_style {
	const char *cls;
	const char *hex;
	int light; /* light fill: dark text/outline reads better */
	const char *en, *ar;
};

/* Okabe–Ito: vermillion, blue, reddish purple, black, yellow, sky blue,
 * bluish green, orange; then dark orange, grey, white. */
static const struct perp_style perps[] = {
	{"regime", "#D55E00", 0, "Syrian regime forces", "قوات النظام السوري"},
	{"russia", "#0072B2", 0, "Russian forces", "القوات الروسية"},
	{"regime_or_russia", "#CC79A7", 0, "Syrian or Russian forces (not determined)",
	 "قوات سورية أو روسية (غير محدد)"},
	{"isis", "#000000", 0, "ISIS", "تنظيم داعش"},
	{"sdf_ypg", "#F0E442", 1, "SDF / Kurdish forces", "قوات سوريا الديمقراطية"},
	{"coalition", "#56B4E9", 1, "International coalition", "التحالف الدولي"},
	{"turkey", "#009E73", 0, "Turkish forces", "القوات التركية"},
	{"hts", "#994F00", 0, "Hay'at Tahrir al-Sham", "هيئة تحرير الشام"},
	{"opposition", "#E69F00", 1, "Armed opposition", "فصائل المعارضة المسلحة"},
	{"unknown", "#999999", 1, "Not identified", "جهة غير محددة"},
	{"other", "#FFFFFF", 1, "Other parties", "جهات أخرى"},
};
#define N_PERPS (sizeof perps / sizeof perps[0])
#define PERP_UNKNOWN 9

static const struct perp_style *perp_find(const char *cls)
{
	for (size_t i = 0; cls && i < N_PERPS; i++)
		if (strcmp(perps[i].cls, cls) == 0)
			return &perps[i];
	return &perps[PERP_UNKNOWN];
}

static int hexval(char c)
{
	return c >= 'a' ? c - 'a' + 10 : c >= 'A' ? c - 'A' + 10 : c - '0';
}

void geo_map_perp_rgb(const char *perp_class, double rgb[3])
{
	const char *h = perp_find(perp_class)->hex;
	for (int i = 0; i < 3; i++)
		rgb[i] = (hexval(h[1 + 2 * i]) * 16 + hexval(h[2 + 2 * i])) / 255.0;
}

const char *geo_map_perp_hex(const char *perp_class) { return perp_find(perp_class)->hex; }
int geo_map_perp_is_light(const char *perp_class) { return perp_find(perp_class)->light; }

const char *geo_map_perp_label(const char *perp_class, int lang_ar)
{
	for (size_t i = 0; perp_class && i < N_PERPS; i++)
		if (strcmp(perps[i].cls, perp_class) == 0)
			return lang_ar ? perps[i].ar : perps[i].en;
	return perp_class ? perp_class : "";
}

struct phrase {
	const char *key, *en, *ar;
};

static const struct phrase facility_words[] = {
	{"hospital", "Hospital", "مستشفى"},
	{"medical_point", "Medical point", "نقطة طبية"},
	{"ambulance", "Ambulance", "سيارة إسعاف"},
	{"civil_defense", "Civil defence", "الدفاع المدني"},
	{"red_crescent", "Red Crescent", "الهلال الأحمر"},
	{"other", "Other", "أخرى"},
};

static const struct phrase phrases[] = {
	{"title", "Attacks on medical and civil-defence facilities in Syria",
	 "الهجمات على المنشآت الطبية ومراكز الدفاع المدني في سوريا"},
	{"facility", "Facility attacked", "المنشأة المستهدفة"},
	{"perpetrator", "Attributed to", "الجهة المنفذة"},
	{"sequence", "Double strike (gap)", "ضربة مزدوجة (الفاصل)"},
	{"sequence_lone", "Struck while responding to an earlier strike (not in the data)",
	 "استُهدف أثناء الاستجابة لضربة سابقة (غير مسجلة)"},
	{"repeat", "Same facility hit again (count)", "استهداف متكرر للمنشأة (العدد)"},
	{"counted", "Strikes at one crowded place: their number, the ring by perpetrator (zoom in to see each)",
	 "ضربات في مكان واحد مزدحم: عددها، والحلقة حسب الجهة المنفذة (كبّر الخريطة لرؤيتها)"},
	{"zone", "De-escalation zone (approximate)", "منطقة خفض التصعيد (تقريبية)"},
	{"approx", "approximate", "تقريبية"},
	{"town", "Town", "مدينة"},
	{"governorate", "Governorate boundary", "حدود المحافظة"},
	{"spread", "Strikes at one place (or places close together), spread around it",
	 "ضربات في مكان واحد (أو أماكن متقاربة) موزعة حوله"},
	{"precision_note", "Town-level locations drawn at the town centre",
	 "المواقع المعروفة على مستوى البلدة مرسومة في مركز البلدة"},
	{"km", "km", "كم"},
	{"min", "min", "د"},
	{"incidents", "incidents", "حوادث"},
	{"north", "N", "ش"},
	{"boundaries", "Boundaries: OCHA COD-AB (CC BY 3.0 IGO)",
	 "الحدود: OCHA COD-AB (CC BY 3.0 IGO)"},
	{"zones_note", "De-escalation zones approximate (unions of sub-districts, Astana memorandum of 4 May 2017)",
	 "مناطق خفض التصعيد تقريبية (مجموع نواحٍ، مذكرة أستانا 4 أيار 2017)"},
	{"sources", "Incidents", "الحوادث"},
};

static const char *phrase_find(const struct phrase *p, size_t n, const char *key, int ar)
{
	for (size_t i = 0; key && i < n; i++)
		if (strcmp(p[i].key, key) == 0)
			return ar ? p[i].ar : p[i].en;
	return key ? key : "";
}

const char *geo_map_facility_label(const char *facility_type, int lang_ar)
{
	return phrase_find(facility_words, sizeof facility_words / sizeof facility_words[0],
	                   facility_type, lang_ar);
}

const char *geo_map_text(const char *key, int lang_ar)
{
	return phrase_find(phrases, sizeof phrases / sizeof phrases[0], key, lang_ar);
}

int geo_map_shape_svg_path(const struct geo_map_shape *s, double cx, double cy, double r,
                           char *out, size_t cap)
{
	size_t len = 0;
	for (size_t i = 0; i < s->n; i++) {
		int k = snprintf(out + len, cap - len, "%s%.2f %.2f", i ? "L" : "M",
		                 cx + r * s->xy[2 * i], cy + r * s->xy[2 * i + 1]);
		if (k < 0 || (size_t)k >= cap - len)
			return -1;
		len += (size_t)k;
	}
	if (len + 2 > cap)
		return -1;
	out[len++] = 'Z';
	out[len] = '\0';
	return 0;
}
