/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A questionnaire scale marked as a predictive factor (docs/model-format.md,
 * "Scales"): "factor": {"type": "hard" | "soft", "say": {"nl", "en"}}. Hard
 * factors (age, work history) are not changeable; soft ones are partly
 * changeable and so starting points for a werkplan. "say" is what a coach
 * can tell the client about the factor when it pulls the chance down, in
 * both languages: the loader requires both, so no translation can be absent.
 */
#include <string.h>

#include <anker/werkverkenner.h>

#include "../model/load-private.h"
#include "questionnaire.h"

int anker_questionnaire_load_factor(struct jr *jr, json_t *obj, struct q_scale *s)
{
	static const char *const keys[] = {"type", "say", NULL};
	static const struct anker_name_value types[] = {
	    {"hard", ANKER_FACTOR_HARD},
	    {"soft", ANKER_FACTOR_SOFT},
	    {NULL, 0},
	};
	json_t *factor = NULL;
	s->factor = ANKER_FACTOR_NONE;
	int r = jr_object(jr, obj, "factor", false, &factor);
	if (r < 0 || !factor)
		return r;
	struct jr_mark mark = jr_push_key(jr, "factor");
	r = jr_check_keys(jr, factor, keys, NULL);
	if (r == 0)
		r = jr_choice(jr, factor, "type", true, types, &s->factor);
	if (r == 0)
		r = anker_questionnaire_load_text(jr, factor, "say", true, &s->say);
	jr_pop(jr, mark);
	return r;
}

/* The scale of output @p output of a questionnaire, or NULL. */
static const struct q_scale *scale_of(const struct anker_model *model, size_t output)
{
	if (!model || model->kind->value != ANKER_MODEL_QUESTIONNAIRE)
		return NULL;
	const struct anker_questionnaire *q = anker_questionnaire_of(model);
	return output < q->n_scales * Q_N_OUTPUTS ? &q->scales[output / Q_N_OUTPUTS] : NULL;
}

ANKER_EXPORT int anker_model_get_output_factor(const struct anker_model *model, size_t output)
{
	if (!model)
		return ANKER_E_INVALID_ARGUMENT;
	if (output >= anker_model_get_output_count(model))
		return ANKER_E_NOT_FOUND;
	const struct q_scale *s = scale_of(model, output);
	return s ? s->factor : ANKER_FACTOR_NONE;
}

ANKER_EXPORT const char *anker_model_get_output_factor_text(const struct anker_model *model,
							    size_t output, const char *lang)
{
	const struct q_scale *s = scale_of(model, output);
	if (!s || s->factor == ANKER_FACTOR_NONE || !lang)
		return NULL;
	if (strcmp(lang, "nl") == 0)
		return s->say.nl;
	if (strcmp(lang, "en") == 0)
		return s->say.en;
	return NULL;
}
