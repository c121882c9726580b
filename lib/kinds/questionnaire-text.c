/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The texts of a model in Dutch and English, for callers such as a coach's
 * screen: a questionnaire's questions and answer options, and any output's
 * label and levels. One accessor per thing, taking the language code.
 */
#include <string.h>

#include "questionnaire.h"

/* The text of @p t in @p lang ("nl" or "en"), or NULL. */
static const char *text_in(const char *nl, const char *en, const char *lang)
{
	if (!lang)
		return NULL;
	if (strcmp(lang, "nl") == 0)
		return nl;
	if (strcmp(lang, "en") == 0)
		return en;
	return NULL;
}

static const struct q_item *item_at(const struct anker_model *model, size_t variable)
{
	if (!model || model->kind->value != ANKER_MODEL_QUESTIONNAIRE ||
	    variable >= model->linear->n_variables)
		return NULL;
	return &anker_questionnaire_of(model)->items[variable];
}

ANKER_EXPORT int anker_model_get_item_response(const struct anker_model *model, size_t variable)
{
	if (!model)
		return ANKER_E_INVALID_ARGUMENT;
	const struct q_item *item = item_at(model, variable);
	return item ? item->response : ANKER_E_NOT_FOUND;
}

ANKER_EXPORT const char *anker_model_get_item_text(const struct anker_model *model, size_t variable,
						   const char *lang)
{
	const struct q_item *item = item_at(model, variable);
	return item ? text_in(item->text.nl, item->text.en, lang) : NULL;
}

ANKER_EXPORT size_t anker_model_get_option_count(const struct anker_model *model, size_t variable)
{
	const struct q_item *item = item_at(model, variable);
	return item ? item->n_options : 0;
}

static const struct q_option *option_at(const struct anker_model *model, size_t variable,
					size_t option)
{
	const struct q_item *item = item_at(model, variable);
	return item && option < item->n_options ? &item->options[option] : NULL;
}

ANKER_EXPORT int anker_model_get_option_value(const struct anker_model *model, size_t variable,
					      size_t option, double *ret_value)
{
	if (!model)
		return ANKER_E_INVALID_ARGUMENT;
	const struct q_option *opt = option_at(model, variable, option);
	if (!opt)
		return ANKER_E_NOT_FOUND;
	if (ret_value)
		*ret_value = opt->value;
	return 0;
}

ANKER_EXPORT const char *anker_model_get_option_text(const struct anker_model *model,
						     size_t variable, size_t option,
						     const char *lang)
{
	const struct q_option *opt = option_at(model, variable, option);
	return opt ? text_in(opt->label.nl, opt->label.en, lang) : NULL;
}

ANKER_EXPORT const char *anker_model_get_output_text(const struct anker_model *model, size_t index,
						     const char *lang)
{
	if (!model || index >= anker_model_get_output_count(model))
		return NULL;
	size_t n;
	const struct anker_output *out = &anker_model_outputs(model, &n)[index];
	return text_in(out->label_nl, out->label, lang);
}

ANKER_EXPORT const char *anker_model_get_output_level_text(const struct anker_model *model,
							   size_t index, size_t level,
							   const char *lang)
{
	if (!model || level >= anker_model_get_output_level_count(model, index))
		return NULL;
	size_t n;
	const struct anker_band *l = &anker_model_outputs(model, &n)[index].levels->items[level];
	return text_in(l->label_nl, l->label, lang);
}

ANKER_EXPORT const char *anker_response_type_name(int type)
{
	return anker_name_of(anker_response_type_names, type);
}
