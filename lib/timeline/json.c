/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A timeline as canonical JSON (docs/timeline.md, "JSON"): sorted keys,
 * compact, UTF-8. Durations are whole or half months, which print exactly.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "timeline-private.h"

static json_t *deadline_json(const struct timeline_deadline *d)
{
	return json_pack("{s:s, s:s, s:{s:s, s:s}, s:s}", "rule", d->rule, "date", d->date_text,
			 "label", "nl", d->label[ANKER_WWB_DUTCH], "en",
			 d->label[ANKER_WWB_ENGLISH], "source", d->source);
}

static json_t *timeline_json(const struct anker_timeline *t)
{
	json_t *list = json_array();
	for (size_t i = 0; list && i < t->n_deadlines; i++)
		if (json_array_append_new(list, deadline_json(&t->deadlines[i])) < 0) {
			json_decref(list);
			return NULL;
		}
	json_t *pension = t->pension_known ? json_string(t->pension_text) : json_null();
	/* json_pack steals the references of "o" also when it fails. */
	return json_pack("{s:s, s:i, s:s, s:s, s:s, s:f, s:b, s:o, s:o}", "format",
			 "anker-timeline", "format_version", 1, "ww_start", t->ww_start_text,
			 "ww_end", t->ww_end_text, "ww_last_day", t->ww_last_text,
			 "duration_months", t->half_months / 2.0, "capped_at_pension_age",
			 t->capped, "pension_date", pension, "deadlines", list);
}

ANKER_EXPORT int anker_timeline_write_json(const struct anker_timeline *t, char *buf, size_t cap,
					   size_t *ret_len, struct anker_error *err)
{
	if (!t || !ret_len || (!buf && cap))
		return anker_fail(err, ANKER_E_INVALID_ARGUMENT, ANKER_WHERE_NONE,
				  "anker_timeline_write_json: timeline and ret_len are required");
	json_t *root = timeline_json(t);
	char *text = root ? json_dumps(root, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(root);
	if (!text)
		return anker_fail(err, ANKER_E_NO_MEMORY, ANKER_WHERE_NONE, "out of memory");
	size_t len = strlen(text);
	*ret_len = len;
	int r = 0;
	if (cap < len + 1)
		r = anker_fail(err, ANKER_E_TOO_LARGE, ANKER_WHERE_NONE,
			       "the timeline needs %zu bytes and a NUL", len);
	else
		memcpy(buf, text, len + 1);
	free(text);
	if (r == 0)
		anker_error_clear(err);
	return r;
}
