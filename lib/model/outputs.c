/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What a kind declares (kind.h): the named outputs of a model (names, labels,
 * types, and the levels of level outputs) and the contributions that explain
 * a case. Results (score.c) and batches (batch-run.c) address outputs and
 * contributions by the indices these give.
 */
#include <string.h>

#include "kind.h"
#include "names.h"

static const struct anker_output *output_at(const struct anker_model *model, size_t index)
{
	if (!model)
		return NULL;
	size_t n;
	const struct anker_output *outputs = anker_model_outputs(model, &n);
	return index < n ? &outputs[index] : NULL;
}

ANKER_EXPORT size_t anker_model_get_output_count(const struct anker_model *model)
{
	size_t n = 0;
	if (model)
		anker_model_outputs(model, &n);
	return n;
}

ANKER_EXPORT int anker_model_find_output(const struct anker_model *model, const char *name)
{
	if (!model || !name)
		return ANKER_E_INVALID_ARGUMENT;
	size_t n;
	const struct anker_output *outputs = anker_model_outputs(model, &n);
	for (size_t i = 0; i < n; i++)
		if (strcmp(outputs[i].name, name) == 0)
			return (int)i;
	return ANKER_E_NOT_FOUND;
}

ANKER_EXPORT const char *anker_model_get_output_name(const struct anker_model *model, size_t index)
{
	const struct anker_output *out = output_at(model, index);
	return out ? out->name : NULL;
}

ANKER_EXPORT const char *anker_model_get_output_label(const struct anker_model *model, size_t index)
{
	const struct anker_output *out = output_at(model, index);
	return out ? out->label : NULL;
}

ANKER_EXPORT int anker_model_get_output_type(const struct anker_model *model, size_t index)
{
	if (!model)
		return ANKER_E_INVALID_ARGUMENT;
	const struct anker_output *out = output_at(model, index);
	return out ? out->type : ANKER_E_NOT_FOUND;
}

/* The level @p level of output @p index, or NULL (not a level output, or out of range). */
static const struct anker_band *level_at(const struct anker_model *model, size_t index,
					 size_t level)
{
	const struct anker_output *out = output_at(model, index);
	if (!out || out->type != ANKER_OUTPUT_LEVEL || level >= out->levels->count)
		return NULL;
	return &out->levels->items[level];
}

ANKER_EXPORT size_t anker_model_get_output_level_count(const struct anker_model *model,
						       size_t index)
{
	const struct anker_output *out = output_at(model, index);
	return out && out->type == ANKER_OUTPUT_LEVEL ? out->levels->count : 0;
}

ANKER_EXPORT const char *anker_model_get_output_level_name(const struct anker_model *model,
							   size_t index, size_t level)
{
	const struct anker_band *l = level_at(model, index, level);
	return l ? l->name : NULL;
}

ANKER_EXPORT const char *anker_model_get_output_level_label(const struct anker_model *model,
							    size_t index, size_t level)
{
	const struct anker_band *l = level_at(model, index, level);
	return l ? l->label : NULL;
}

ANKER_EXPORT const char *anker_output_type_name(int type)
{
	return anker_name_of(anker_output_type_names, type);
}

/* Contributions: the kind's own, or by default one per term of the linear predictor. */

ANKER_EXPORT size_t anker_model_get_contribution_count(const struct anker_model *model)
{
	return model ? anker_model_contribution_count(model) : 0;
}

/* Contribution @p index's name (@p label false) or label, or NULL. */
static const char *contribution_text(const struct anker_model *model, size_t index, bool label)
{
	if (!model || index >= anker_model_contribution_count(model))
		return NULL;
	if (model->kind->contributions) {
		size_t n;
		const struct anker_contribution *c = model->kind->contributions(model, &n);
		return label ? c[index].label : c[index].name;
	}
	const struct anker_term *term = &model->linear->terms[index];
	return label ? term->label : term->name;
}

ANKER_EXPORT const char *anker_model_get_contribution_name(const struct anker_model *model,
							   size_t index)
{
	return contribution_text(model, index, false);
}

ANKER_EXPORT const char *anker_model_get_contribution_label(const struct anker_model *model,
							    size_t index)
{
	return contribution_text(model, index, true);
}

size_t anker_model_explain_bound(const struct anker_model *model)
{
	if (model->kind->explain_bound)
		return model->kind->explain_bound(model);
	return anker_explain_bound(model->linear);
}

void anker_model_explain_write(const struct anker_model *model,
			       const struct anker_resolved_value *resolved, char *buf, size_t cap,
			       size_t *detail_at)
{
	if (model->kind->explain_write)
		model->kind->explain_write(model, resolved, buf, cap, detail_at);
	else
		anker_explain_write(model->linear, resolved, buf, cap, detail_at);
}
