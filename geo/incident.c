/* incident.c — the incident record and its list. */
#include "geo/incident.h"

#include <stdlib.h>
#include <string.h>

const char *const GEO_FACILITY_TYPES[] = {
	"hospital", "medical_point", "ambulance", "civil_defense", "red_crescent", "other", NULL};

int geo_facility_type_valid(const char *s)
{
	if (!s)
		return 0;
	for (size_t i = 0; GEO_FACILITY_TYPES[i]; i++)
		if (strcmp(s, GEO_FACILITY_TYPES[i]) == 0)
			return 1;
	return 0;
}

void geo_incident_init(struct geo_incident *inc)
{
	memset(inc, 0, sizeof *inc);
	inc->killed = -1;
	inc->injured = -1;
}

void geo_incident_clear(struct geo_incident *inc)
{
	char **fields[] = {
		&inc->id, &inc->date, &inc->time, &inc->date_precision, &inc->place_text,
		&inc->governorate, &inc->facility_name, &inc->facility_type,
		&inc->perpetrator, &inc->weapon, &inc->damage, &inc->control,
		&inc->source, &inc->notes, &inc->precision_word, &inc->place_name,
		&inc->pcode, &inc->admin1_pcode, &inc->admin3_pcode,
		&inc->geocode_status, &inc->geocode_note, &inc->facility_id,
		&inc->zone, &inc->source_file};
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		free(*fields[i]);
	for (size_t i = 0; i < inc->n_attrs; i++) {
		free(inc->attrs[i].key);
		free(inc->attrs[i].value);
	}
	free(inc->attrs);
	geo_incident_init(inc);
}

enum geo_status geo_incident_set(char **field, const char *value)
{
	char *copy = NULL;
	if (value) {
		copy = geo_strdup(value);
		if (!copy)
			return GEO_ERR_NOMEM;
	}
	free(*field);
	*field = copy;
	return GEO_OK;
}

enum geo_status geo_incident_add_attr(struct geo_incident *inc, const char *key,
                                      const char *value)
{
	struct geo_attr *a;
	char *k = geo_strdup(key), *v = value ? geo_strdup(value) : NULL;
	if (!k || (value && !v))
		goto nomem;
	a = geo_realloc(inc->attrs, (inc->n_attrs + 1) * sizeof *a);
	if (!a)
		goto nomem;
	inc->attrs = a;
	a[inc->n_attrs].key = k;
	a[inc->n_attrs].value = v;
	inc->n_attrs++;
	return GEO_OK;
nomem:
	free(k);
	free(v);
	return GEO_ERR_NOMEM;
}

const char *geo_incident_attr(const struct geo_incident *inc, const char *key)
{
	for (size_t i = 0; i < inc->n_attrs; i++)
		if (strcmp(inc->attrs[i].key, key) == 0)
			return inc->attrs[i].value;
	return NULL;
}

struct geo_incident *geo_incident_list_push(struct geo_incident_list *l)
{
	struct geo_incident *v = geo_grow(l->v, &l->cap, l->n + 1, sizeof *v, 32);
	if (!v)
		return NULL;
	l->v = v;
	geo_incident_init(&l->v[l->n]);
	return &l->v[l->n++];
}

void geo_incident_list_free(struct geo_incident_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		geo_incident_clear(&l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}
