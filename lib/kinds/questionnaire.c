/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Kind "questionnaire": its outputs and contributions, checking and scoring
 * one case's answers, and the explanation's texts. The batch scorer is
 * questionnaire-batch.c; both use the arithmetic of questionnaire.h.
 */
#include <string.h>

#include "questionnaire.h"

const struct anker_output *anker_questionnaire_outputs(const struct anker_model *model,
						       size_t *ret_count)
{
	const struct anker_questionnaire *q = anker_questionnaire_of(model);
	*ret_count = q->n_scales * Q_N_OUTPUTS;
	return q->outputs;
}

const struct anker_contribution *anker_questionnaire_contributions(const struct anker_model *model,
								   size_t *ret_count)
{
	const struct anker_questionnaire *q = anker_questionnaire_of(model);
	*ret_count = q->n_contributions;
	return q->contributions;
}

/* A Likert answer inside the options' range must still be one of them (2.5 is not). */
enum anker_value_error anker_questionnaire_check(const struct anker_model *model,
						 const struct anker_resolved_value *values,
						 size_t *ret_variable)
{
	const struct anker_questionnaire *q = anker_questionnaire_of(model);
	for (size_t k = 0; k < q->linear.n_variables; k++) {
		const struct q_item *item = &q->items[k];
		if (item->response == ANKER_RESPONSE_LIKERT && !isnan(values[k].x) &&
		    !q_is_option(item, values[k].x)) {
			*ret_variable = k;
			return ANKER_VERR_NOT_AN_OPTION;
		}
	}
	return ANKER_VERR_OK;
}

/* An item's score value from its resolved answer; NaN when missing. */
static double item_value(const struct anker_questionnaire *q, size_t k,
			 const struct anker_resolved_value *values)
{
	const struct q_item *item = &q->items[k];
	if (item->response == ANKER_RESPONSE_CHOICE)
		return q_choice_value(item, values[k].level);
	return values[k].x;
}

/* One scale: its members' contributions, and its outputs. */
static void score_scale(const struct anker_questionnaire *q, const struct q_scale *s,
			const struct anker_resolved_value *values, double *contributions,
			struct anker_output_value *out)
{
	size_t answered = 0;
	double answered_weight = 0.0;
	for (size_t j = 0; j < s->n_members; j++) {
		if (!isnan(item_value(q, s->members[j].item, values))) {
			answered++;
			answered_weight += s->members[j].weight;
		}
	}
	bool scorable = q_scorable(s, answered);
	double factor = q_factor(s, answered_weight), score = 0.0;
	for (size_t j = 0; j < s->n_members; j++) {
		const struct q_member *mb = &s->members[j];
		const struct q_item *item = &q->items[mb->item];
		double v = item_value(q, mb->item, values);
		double c = !scorable  ? NAN
			   : isnan(v) ? 0.0
				      : q_contribution(mb->weight, q_keyed(item, mb, v), factor);
		contributions[j] = c;
		score += c;
	}
	out[Q_SCORE] = (struct anker_output_value){score, -1};
	out[Q_LEVEL] = (struct anker_output_value){NAN, anker_bands_find_any(&s->levels, score)};
	out[Q_ANSWERED] = (struct anker_output_value){(double)answered, -1};
}

enum anker_value_error anker_questionnaire_score(const struct anker_model *model,
						 const struct anker_resolved_value *values,
						 double *contributions,
						 struct anker_output_value *outputs)
{
	const struct anker_questionnaire *q = anker_questionnaire_of(model);
	for (size_t s = 0; s < q->n_scales; s++) {
		const struct q_scale *scale = &q->scales[s];
		score_scale(q, scale, values, contributions + scale->first_contribution,
			    outputs + s * Q_N_OUTPUTS);
	}
	return ANKER_VERR_OK;
}

/* The explanation: per member, the answer given and what the scale made of it. */

static const char reversed[] = ", reverse-keyed: ";
static const char missing_prorated[] = " missing (prorated)";
static const char missing_mean[] = " missing (mean of the answered items)";
static const char missing_unscorable[] = " missing (scale not scorable)";

size_t anker_questionnaire_explain_bound(const struct anker_model *model)
{
	const struct anker_questionnaire *q = anker_questionnaire_of(model);
	size_t total = 0;
	for (size_t s = 0; s < q->n_scales; s++) {
		const struct q_scale *scale = &q->scales[s];
		for (size_t j = 0; j < scale->n_members; j++) {
			size_t k = scale->members[j].item;
			const struct q_item *item = &q->items[k];
			size_t longest = ANKER_NUMBER_MAX + ANKER_NAME_MAX;
			for (size_t o = 0; o < item->n_options; o++)
				longest = strlen(item->options[o].label.en) > longest
					      ? strlen(item->options[o].label.en)
					      : longest;
			/* "name = value (label)" or "name: missing (...)", then the reverse key */
			total += strlen(q->linear.variables[k].name) + sizeof(" = ") +
				 ANKER_NUMBER_MAX + longest + sizeof(" ()") +
				 sizeof(missing_unscorable) + sizeof(missing_mean) +
				 sizeof(reversed) + ANKER_NUMBER_MAX + 1;
		}
	}
	return total;
}

/* "q3 = 2 (Disagree), reverse-keyed: 4", "q5 = yes", "q7 = fulltime (Full time)". */
static void mention_answer(struct anker_writer *w, const struct anker_questionnaire *q,
			   const struct q_member *mb, const struct anker_resolved_value *resolved)
{
	size_t k = mb->item;
	const struct anker_resolved_value *rv = &resolved[k];
	const struct q_item *item = &q->items[k];
	const struct anker_variable *var = &q->linear.variables[k];
	anker_writer_put(w, var->name);
	anker_writer_put(w, " = ");
	switch (item->response) {
	case ANKER_RESPONSE_CHOICE:
		anker_writer_put(w, var->levels[rv->level]);
		anker_writer_put(w, " (");
		anker_writer_put(w, item->options[rv->level].label.en);
		anker_writer_put(w, ")");
		break;
	case ANKER_RESPONSE_YES_NO:
		anker_writer_put(w, rv->x != 0.0 ? "yes" : "no");
		break;
	case ANKER_RESPONSE_LIKERT:
		anker_writer_put_number(w, rv->x);
		for (size_t o = 0; o < item->n_options; o++) {
			if (item->options[o].value == rv->x) {
				anker_writer_put(w, " (");
				anker_writer_put(w, item->options[o].label.en);
				anker_writer_put(w, ")");
			}
		}
		break;
	default:
		anker_writer_put_number(w, rv->x);
		break;
	}
	if (mb->reverse) {
		anker_writer_put(w, reversed);
		anker_writer_put_number(w, q_keyed(item, mb, item_value(q, k, resolved)));
	}
}

void anker_questionnaire_explain_write(const struct anker_model *model,
				       const struct anker_resolved_value *resolved, char *buf,
				       size_t cap, size_t *detail_at)
{
	const struct anker_questionnaire *q = anker_questionnaire_of(model);
	struct anker_writer w = {buf, cap, 0};
	for (size_t s = 0; s < q->n_scales; s++) {
		const struct q_scale *scale = &q->scales[s];
		size_t answered = 0;
		for (size_t j = 0; j < scale->n_members; j++)
			answered += !isnan(item_value(q, scale->members[j].item, resolved));
		const char *missing = !q_scorable(scale, answered)	? missing_unscorable
				      : scale->rule == ANKER_SCALE_MEAN ? missing_mean
									: missing_prorated;
		for (size_t j = 0; j < scale->n_members; j++) {
			const struct q_member *mb = &scale->members[j];
			detail_at[scale->first_contribution + j] = w.len;
			if (isnan(item_value(q, mb->item, resolved))) {
				anker_writer_put(&w, q->linear.variables[mb->item].name);
				anker_writer_put(&w, ":");
				anker_writer_put(&w, missing);
			} else {
				mention_answer(&w, q, mb, resolved);
			}
			anker_writer_end(&w);
		}
	}
}
