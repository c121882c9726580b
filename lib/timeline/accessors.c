/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading a timeline. Every getter takes NULL and indexes past the end calmly. */
#include <string.h>

#include "timeline-private.h"

ANKER_EXPORT const char *anker_timeline_get_ww_start(const struct anker_timeline *t)
{
	return t ? t->ww_start_text : NULL;
}

ANKER_EXPORT const char *anker_timeline_get_ww_end(const struct anker_timeline *t)
{
	return t ? t->ww_end_text : NULL;
}

ANKER_EXPORT const char *anker_timeline_get_ww_last_day(const struct anker_timeline *t)
{
	return t ? t->ww_last_text : NULL;
}

ANKER_EXPORT double anker_timeline_get_duration_months(const struct anker_timeline *t)
{
	return t ? t->half_months / 2.0 : 0.0;
}

ANKER_EXPORT int anker_timeline_get_capped(const struct anker_timeline *t)
{
	return t && t->capped ? 1 : 0;
}

ANKER_EXPORT const char *anker_timeline_get_pension_date(const struct anker_timeline *t)
{
	return t ? t->pension_text : NULL;
}

ANKER_EXPORT size_t anker_timeline_get_count(const struct anker_timeline *t)
{
	return t ? t->n_deadlines : 0;
}

static const struct timeline_deadline *deadline(const struct anker_timeline *t, size_t index)
{
	return t && index < t->n_deadlines ? &t->deadlines[index] : NULL;
}

ANKER_EXPORT const char *anker_timeline_get_rule(const struct anker_timeline *t, size_t index)
{
	const struct timeline_deadline *d = deadline(t, index);
	return d ? d->rule : NULL;
}

ANKER_EXPORT const char *anker_timeline_get_date(const struct anker_timeline *t, size_t index)
{
	const struct timeline_deadline *d = deadline(t, index);
	return d ? d->date_text : NULL;
}

ANKER_EXPORT const char *anker_timeline_get_label(const struct anker_timeline *t, size_t index,
						  int language)
{
	const struct timeline_deadline *d = deadline(t, index);
	if (!d || (language != ANKER_WWB_DUTCH && language != ANKER_WWB_ENGLISH))
		return NULL;
	return d->label[language];
}

ANKER_EXPORT const char *anker_timeline_get_source(const struct anker_timeline *t, size_t index)
{
	const struct timeline_deadline *d = deadline(t, index);
	return d ? d->source : NULL;
}

ANKER_EXPORT long anker_timeline_find(const struct anker_timeline *t, const char *rule)
{
	for (size_t i = 0; t && rule && i < t->n_deadlines; i++)
		if (strcmp(t->deadlines[i].rule, rule) == 0)
			return (long)i;
	return -1;
}
