/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The accessors of the override figures (include/anker/overrides.h). */
#include <stdlib.h>
#include <string.h>

#include <anker/assess.h>
#include <anker/overrides.h>

#include "../core/private.h"
#include "overrides-private.h"

ANKER_EXPORT void anker_overrides_free(struct anker_overrides *ov)
{
	if (!ov)
		return;
	struct anker_ctx *ctx = ov->ctx;
	for (int b = 0; b < 2; b++) {
		struct ov_row *rows = ov->by[b].rows;
		for (size_t i = 0; i < ov->by[b].n; i++)
			anker_dealloc(ctx, rows[i].key);
		anker_dealloc(ctx, rows);
	}
	struct ov_cell *cells = ov->cells.rows;
	for (size_t i = 0; i < ov->cells.n; i++) {
		anker_dealloc(ctx, cells[i].field);
		anker_dealloc(ctx, cells[i].advised);
		anker_dealloc(ctx, cells[i].decided);
	}
	anker_dealloc(ctx, cells);
	struct ov_reason *reasons = ov->reasons.rows;
	for (size_t i = 0; i < ov->reasons.n; i++)
		anker_dealloc(ctx, reasons[i].code);
	anker_dealloc(ctx, reasons);
	anker_profile_unref(ov->profile);
	anker_dealloc(ctx, ov->profile_id);
	anker_dealloc(ctx, ov);
	anker_ctx_unref(ctx); /* last: ov was allocated with it */
}

ANKER_EXPORT const char *anker_overrides_get_profile_id(const struct anker_overrides *ov)
{
	return ov ? ov->profile_id : NULL;
}

ANKER_EXPORT size_t anker_overrides_get_count(const struct anker_overrides *ov, int which)
{
	return ov && which >= 0 && which < 4 ? ov->counts[which] : 0;
}

ANKER_EXPORT size_t anker_overrides_get_advice_count(const struct anker_overrides *ov, int by)
{
	return ov && (by == 0 || by == 1) ? ov->by[by].n : 0;
}

ANKER_EXPORT int anker_overrides_get_advice(const struct anker_overrides *ov, int by, size_t index,
					    const char **ret_key, size_t *ret_records,
					    size_t *ret_decided, size_t *ret_overridden)
{
	if (index >= anker_overrides_get_advice_count(ov, by))
		return ANKER_E_NOT_FOUND;
	const struct ov_row *row = (const struct ov_row *)ov->by[by].rows + index;
	if (ret_key)
		*ret_key = row->key;
	if (ret_records)
		*ret_records = row->records;
	if (ret_decided)
		*ret_decided = row->decided;
	if (ret_overridden)
		*ret_overridden = row->overridden;
	return 0;
}

ANKER_EXPORT size_t anker_overrides_get_cell_count(const struct anker_overrides *ov)
{
	return ov ? ov->cells.n : 0;
}

ANKER_EXPORT int anker_overrides_get_cell(const struct anker_overrides *ov, size_t index,
					  const char **ret_field, const char **ret_advised,
					  const char **ret_decided, size_t *ret_count)
{
	if (index >= anker_overrides_get_cell_count(ov))
		return ANKER_E_NOT_FOUND;
	const struct ov_cell *c = (const struct ov_cell *)ov->cells.rows + index;
	if (ret_field)
		*ret_field = c->field;
	if (ret_advised)
		*ret_advised = c->advised;
	if (ret_decided)
		*ret_decided = c->decided;
	if (ret_count)
		*ret_count = c->count;
	return 0;
}

ANKER_EXPORT size_t anker_overrides_get_reason_count(const struct anker_overrides *ov)
{
	return ov ? ov->reasons.n : 0;
}

ANKER_EXPORT int anker_overrides_get_reason(const struct anker_overrides *ov, size_t index,
					    const char **ret_code, size_t *ret_count,
					    size_t *ret_overridden)
{
	if (index >= anker_overrides_get_reason_count(ov))
		return ANKER_E_NOT_FOUND;
	const struct ov_reason *r = (const struct ov_reason *)ov->reasons.rows + index;
	if (ret_code)
		*ret_code = r->code;
	if (ret_count)
		*ret_count = r->count;
	if (ret_overridden)
		*ret_overridden = r->overridden;
	return 0;
}

ANKER_EXPORT const char *anker_overrides_get_reason_label(const struct anker_overrides *ov,
							  size_t index, const char *lang)
{
	if (index >= anker_overrides_get_reason_count(ov) || !ov->profile)
		return NULL;
	const char *code = ((const struct ov_reason *)ov->reasons.rows)[index].code;
	size_t n = anker_profile_get_reason_count(ov->profile);
	for (size_t i = 0; code && i < n; i++)
		if (strcmp(anker_profile_get_reason_code(ov->profile, i), code) == 0)
			return anker_profile_get_reason_label(ov->profile, i, lang);
	return NULL;
}
