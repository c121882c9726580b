/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What a Werkverkenner-like profile needs beyond the kinds (werkverkenner.h):
 * the factor diagnosis of a chained binary instrument, the items that left
 * it unscored, and the month-7 re-estimate next to the first estimate.
 */
#include <string.h>

#include <anker/werkverkenner.h>

#include "../kinds/questionnaire.h"
#include "chain.h"

static const struct chain_instrument *chained(const struct anker_assessment *a, size_t index)
{
	const struct anker_chain *ch = a->profile->chain;
	if (!ch || index >= a->profile->n_instruments || ch->per_instrument[index].n_inputs == 0)
		return NULL;
	return &ch->per_instrument[index];
}

/* The linear term on variable @p v, or NULL: only those are diagnosed. */
static const struct anker_term *linear_term(const struct anker_model *m, size_t v)
{
	for (size_t t = 0; t < m->linear->n_terms; t++)
		if (m->linear->terms[t].type == ANKER_TERM_LINEAR &&
		    m->linear->terms[t].variable == v)
			return &m->linear->terms[t];
	return NULL;
}

ANKER_EXPORT int anker_assessment_diagnose(const struct anker_assessment *a, size_t index,
					   struct anker_factor_pull *out, size_t cap,
					   size_t *ret_count, struct anker_error *err)
{
	if (!a || !ret_count || (!out && cap))
		return anker_assess_fail(err, ANKER_E_INVALID_ARGUMENT, NULL,
					 "anker_assessment_diagnose: a and ret_count are required");
	const struct chain_instrument *ci = chained(a, index);
	if (!ci)
		return anker_assess_fail(err, ANKER_E_NOT_FOUND, NULL,
					 "instrument %zu of profile %s is not chained", index,
					 a->profile->id);
	if (!anker_result_get_model(a->results[index]))
		return anker_assess_fail(err, ANKER_E_MISSING_VALUE, NULL,
					 "%s was not scored: a factor is missing",
					 a->profile->instruments[index].alias);
	const struct anker_model *m = a->profile->instruments[index].model;
	struct anker_factor_pull all[256];
	size_t n = 0;
	for (size_t k = 0; k < ci->n_inputs && n < 256; k++) {
		const struct chain_input *in = &ci->inputs[k];
		const struct anker_term *term = linear_term(m, in->variable);
		if (!term)
			continue;
		const struct anker_variable *var = &m->linear->variables[in->variable];
		const struct p_instrument *src = &a->profile->instruments[in->source.instrument];
		double score =
		    anker_result_get_number(a->results[in->source.instrument], in->source.output);
		double x = fmin(fmax(score, var->min), var->max);
		double best = term->coef >= 0.0 ? var->max : var->min;
		struct anker_factor_pull f = {
		    .instrument = in->source.instrument,
		    .output = in->source.output,
		    .score = score,
		    .pull = term->coef * (x - best) + 0.0,
		    .type = anker_model_get_output_factor(src->model, in->source.output),
		};
		/* insertion in order of pull, stable: equal pulls keep the inputs' order */
		size_t at = n++;
		while (at > 0 && all[at - 1].pull > f.pull) {
			all[at] = all[at - 1];
			at--;
		}
		all[at] = f;
	}
	*ret_count = n;
	if (cap)
		memcpy(out, all, (n < cap ? n : cap) * sizeof(*out));
	anker_error_clear(err);
	return 0;
}

/* Whether questionnaire item @p item was answered in the case. */
static bool answered(const struct anker_assessment *a, const char *item)
{
	for (size_t k = 0; k < a->n_inputs; k++)
		if (strcmp(a->inputs[k].name, item) == 0)
			return a->inputs[k].type != ANKER_VALUE_MISSING &&
			       !(a->inputs[k].type == ANKER_VALUE_NUMBER &&
				 isnan(a->inputs[k].number));
	return false;
}

/* Whether item @p item of instrument @p j is in a scale that left @p ci without its input. */
static bool in_unscorable_scale(const struct anker_assessment *a, const struct chain_instrument *ci,
				size_t j, size_t item)
{
	for (size_t k = 0; k < ci->n_inputs; k++) {
		const struct p_source *src = &ci->inputs[k].source;
		if (src->instrument != j ||
		    !isnan(anker_result_get_number(a->results[j], src->output)))
			continue;
		const struct anker_questionnaire *q =
		    anker_questionnaire_of(a->profile->instruments[j].model);
		const struct q_scale *s = &q->scales[src->output / Q_N_OUTPUTS];
		for (size_t mb = 0; mb < s->n_members; mb++)
			if (s->members[mb].item == item)
				return true;
	}
	return false;
}

ANKER_EXPORT int anker_assessment_get_missing_items(const struct anker_assessment *a, size_t index,
						    const char **names, size_t cap,
						    size_t *ret_count)
{
	if (!a || !ret_count || (!names && cap))
		return ANKER_E_INVALID_ARGUMENT;
	const struct chain_instrument *ci = chained(a, index);
	if (!ci)
		return ANKER_E_NOT_FOUND;
	size_t n = 0;
	for (size_t j = 0; j < index; j++) {
		const struct anker_model *m = a->profile->instruments[j].model;
		if (m->kind->value != ANKER_MODEL_QUESTIONNAIRE)
			continue;
		for (size_t v = 0; v < m->linear->n_variables; v++) {
			const char *item = m->linear->variables[v].name;
			if (answered(a, item) || !in_unscorable_scale(a, ci, j, v))
				continue;
			if (n < cap)
				names[n] = item;
			n++;
		}
	}
	*ret_count = n;
	return 0;
}

ANKER_EXPORT int anker_assessment_get_followup(const struct anker_assessment *a,
					       struct anker_followup *ret)
{
	if (!a || !ret)
		return ANKER_E_INVALID_ARGUMENT;
	const struct anker_chain *ch = a->profile->chain;
	double first = anker_chain_first_estimate(a);
	if (!ch || !ch->followup || isnan(first))
		return ANKER_E_NOT_FOUND;
	size_t i = ch->followup_instrument;
	const struct anker_model *m = a->profile->instruments[i].model;
	const struct anker_result *res = a->results[i];
	bool scored = anker_result_get_model(res) != NULL;
	struct anker_followup f = {
	    .instrument = i,
	    .first_chance = first,
	    .first_band = anker_model_band_for_probability(m, first),
	    .chance = scored ? anker_result_get_probability(res) : NAN,
	    .band = scored ? anker_result_get_band(res) : -1,
	    .threshold = ch->drop_threshold,
	};
	f.drop = f.first_chance - f.chance;
	f.band_drop = scored && f.band < f.first_band;
	/* a drop of exactly the threshold is not "more than" it */
	f.flag = f.band_drop || (scored && f.drop > f.threshold);
	*ret = f;
	return 0;
}
