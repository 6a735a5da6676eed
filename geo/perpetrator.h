/* perpetrator.h — the small documented vocabulary perpetrators are
 * normalised to, keeping the original text alongside.
 *
 *   regime            Syrian regime forces (army, security, militias)
 *   russia            Russian forces ("warplanes we believe were Russian")
 *   regime_or_russia  Syrian/Russian air force, party not determined
 *   isis              ISIS / the self-proclaimed Islamic State
 *   sdf_ypg           SDF, YPG, PYD, Kurdish Self-Management forces
 *   coalition         the international (US-led) coalition
 *   turkey            Turkish army
 *   hts               Hay'at Tahrir al Sham (Nusra)
 *   opposition        armed opposition factions
 *   unknown           not identified ("we haven't been able to identify")
 *   other             a named party outside this list
 */
#ifndef GEO_PERPETRATOR_H
#define GEO_PERPETRATOR_H

/* NULL-terminated list of the vocabulary words, in the order above. */
extern const char *const GEO_PERPETRATOR_CLASSES[];

/* The class of a perpetrator as written; NULL or empty text is "unknown".
 * Returns a static string from GEO_PERPETRATOR_CLASSES. */
const char *geo_perpetrator_class(const char *text);

/* 1 when `word` is a vocabulary word. */
int geo_perpetrator_class_valid(const char *word);

#endif
