/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Chained instruments and the follow-up declaration of a profile (chain.h).
 * A chained instrument reads the variables its "inputs" name from the
 * number outputs of instruments listed before it, so the order of the
 * profile is the order of scoring and no cycle can be written. When any of
 * those outputs is undefined (a questionnaire scale with too many missing
 * answers) the instrument is not scored at all: its result stays empty and
 * every output it has reaches the rule table as missing. Nothing is imputed.
 */
#include <string.h>

#include <anker/werkverkenner.h>

#include "../model/kind.h"
#include "../model/load-private.h"
#include "chain.h"

/* Instrument @p alias (of @p len bytes) among the first @p before, or SIZE_MAX. */
static size_t find_alias(const struct anker_profile *p, const char *alias, size_t len,
			 size_t before)
{
	for (size_t j = 0; j < before; j++)
		if (strlen(p->instruments[j].alias) == len &&
		    memcmp(p->instruments[j].alias, alias, len) == 0)
			return j;
	return SIZE_MAX;
}

/* "inputs": {"<variable>": "<ALIAS>.<output>", ...} of instrument @p i. */
static int load_inputs(struct jr *jr, json_t *obj, const struct anker_profile *p, size_t i,
		       struct chain_instrument *ci)
{
	json_t *inputs = NULL;
	int r = jr_object(jr, obj, "inputs", false, &inputs);
	if (r < 0 || !inputs)
		return r;
	const struct anker_model *m = p->instruments[i].model;
	size_t n = json_object_size(inputs);
	ci->inputs = anker_alloc_zeroed(jr->ctx, n ? n : 1, sizeof(*ci->inputs));
	if (!ci->inputs)
		return jr_fail_no_memory(jr);
	struct jr_mark mark = jr_push_key(jr, "inputs");
	const char *name;
	json_t *value;
	json_object_foreach(inputs, name, value)
	{
		const char *from = NULL;
		int v = anker_model_find_variable(m, name);
		if (v < 0 || m->linear->variables[v].kind != ANKER_VARIABLE_NUMERIC) {
			r = jr_fail_at(jr, name, ANKER_E_REFERENCE,
				       "%s (%s) has no numeric variable \"%s\"",
				       p->instruments[i].alias, m->id, name);
			break;
		}
		r = jr_string(jr, inputs, name, true, &from);
		const char *dot = r == 0 ? strchr(from, '.') : NULL;
		if (r == 0 && !dot)
			r = jr_fail_at(jr, name, ANKER_E_BAD_VALUE,
				       "\"<ALIAS>.<output>\", e.g. \"WV.leeftijd_score\"");
		if (r < 0)
			break;
		size_t j = find_alias(p, from, (size_t)(dot - from), i);
		if (j == SIZE_MAX) {
			r = jr_fail_at(jr, name, ANKER_E_REFERENCE,
				       "no instrument before %s has the alias \"%.*s\"",
				       p->instruments[i].alias, (int)(dot - from), from);
			break;
		}
		const struct anker_model *src = p->instruments[j].model;
		int o = anker_model_find_output(src, dot + 1);
		if (o < 0 || anker_model_get_output_type(src, (size_t)o) != ANKER_OUTPUT_NUMBER) {
			r = jr_fail_at(jr, name, ANKER_E_REFERENCE,
				       "%s (%s) has no number output \"%s\"",
				       p->instruments[j].alias, src->id, dot + 1);
			break;
		}
		ci->inputs[ci->n_inputs++] =
		    (struct chain_input){(size_t)v, (struct p_source){j, (size_t)o}};
	}
	jr_pop(jr, mark);
	return r;
}

static bool any_instrument_reads(const struct anker_profile *p, const char *name)
{
	for (size_t i = 0; i < p->n_instruments; i++)
		if (anker_model_find_variable(p->instruments[i].model, name) >= 0)
			return true;
	return false;
}

/* "followup": {"instrument": ALIAS, "first_estimate": NAME, "drop_threshold": T}. */
static int load_followup(struct jr *jr, json_t *root, struct anker_profile *p,
			 struct anker_chain *ch)
{
	static const char *const keys[] = {"instrument", "first_estimate", "drop_threshold", NULL};
	json_t *f = NULL;
	int r = jr_object(jr, root, "followup", false, &f);
	if (r < 0 || !f)
		return r;
	struct jr_mark mark = jr_push_key(jr, "followup");
	const char *alias = NULL, *first = NULL;
	r = jr_check_keys(jr, f, keys, NULL);
	if (r == 0)
		r = jr_identifier(jr, f, "instrument", true, &alias);
	if (r == 0) {
		ch->followup_instrument = find_alias(p, alias, strlen(alias), p->n_instruments);
		const struct anker_model *m = ch->followup_instrument == SIZE_MAX
						  ? NULL
						  : p->instruments[ch->followup_instrument].model;
		if (!m || m->kind->value != ANKER_MODEL_BINARY)
			r = jr_fail_at(jr, "instrument", ANKER_E_REFERENCE,
				       "\"%s\" is not a binary instrument of the profile", alias);
	}
	if (r == 0)
		r = jr_identifier(jr, f, "first_estimate", true, &first);
	if (r == 0 && any_instrument_reads(p, first))
		r = jr_fail_at(jr, "first_estimate", ANKER_E_DUPLICATE,
			       "an instrument already reads \"%s\"", first);
	if (r == 0)
		r = jr_strdup(jr, first, &ch->first_variable);
	if (r == 0)
		r = jr_number(jr, f, "drop_threshold", true, &ch->drop_threshold);
	if (r == 0 && !(ch->drop_threshold > 0.0 && ch->drop_threshold < 1.0))
		r = jr_fail_at(jr, "drop_threshold", ANKER_E_BAD_VALUE,
			       "%g is not strictly between 0 and 1", ch->drop_threshold);
	ch->followup = r == 0;
	jr_pop(jr, mark);
	return r;
}

int anker_chain_load(struct jr *jr, json_t *root, struct anker_profile *p)
{
	struct anker_chain *ch = anker_alloc_zeroed(jr->ctx, 1, sizeof(*ch));
	if (!ch)
		return jr_fail_no_memory(jr);
	p->chain = ch;
	ch->per_instrument =
	    anker_alloc_zeroed(jr->ctx, p->n_instruments, sizeof(*ch->per_instrument));
	if (!ch->per_instrument)
		return jr_fail_no_memory(jr);
	json_t *array = json_object_get(root, "instruments");
	struct jr_mark mark = jr_push_key(jr, "instruments");
	int r = 0;
	for (size_t i = 0; r == 0 && i < p->n_instruments; i++) {
		struct jr_mark at = jr_push_index(jr, i);
		r = load_inputs(jr, json_array_get(array, i), p, i, &ch->per_instrument[i]);
		jr_pop(jr, at);
	}
	jr_pop(jr, mark);
	if (r == 0)
		r = load_followup(jr, root, p, ch);
	return r;
}

void anker_chain_free(struct anker_profile *p)
{
	struct anker_chain *ch = p->chain;
	if (!ch)
		return;
	for (size_t i = 0; ch->per_instrument && i < p->n_instruments; i++)
		anker_dealloc(p->ctx, ch->per_instrument[i].inputs);
	anker_dealloc(p->ctx, ch->per_instrument);
	anker_dealloc(p->ctx, ch->first_variable);
	anker_dealloc(p->ctx, ch);
	p->chain = NULL;
}

static bool is_chained(const struct chain_instrument *ci, size_t variable)
{
	for (size_t k = 0; k < ci->n_inputs; k++)
		if (ci->inputs[k].variable == variable)
			return true;
	return false;
}

bool anker_chain_feeds(const struct anker_profile *p, size_t i, size_t variable)
{
	return p->chain && is_chained(&p->chain->per_instrument[i], variable);
}

/* The first estimate must be a probability: checked before anything is scored. */
static int check_first_estimate(const struct anker_assessment *a, const struct anker_case *c,
				struct anker_error *err)
{
	const struct anker_chain *ch = a->profile->chain;
	for (size_t v = 0; ch && ch->followup && v < c->count; v++) {
		const struct anker_case_value *cv = &c->values[v];
		if (strcmp(cv->name, ch->first_variable) != 0 || cv->type == ANKER_VALUE_MISSING)
			continue;
		if (cv->type != ANKER_VALUE_NUMBER)
			return anker_assess_fail(err, ANKER_E_TYPE_MISMATCH, cv->name,
						 "the first estimate \"%s\" is a number", cv->name);
		if (!(cv->number >= 0.0 && cv->number <= 1.0))
			return anker_assess_fail(
			    err, ANKER_E_OUT_OF_RANGE, cv->name,
			    "the first estimate \"%s\" is a chance from 0 to 1", cv->name);
	}
	return 0;
}

/* A copy of @p c with the chained variables from the results before instrument @p i. */
static int chained_case(const struct anker_assessment *a, size_t i, const struct anker_case *c,
			struct anker_case *out, bool *complete)
{
	int r = 0;
	for (size_t v = 0; r == 0 && v < c->count; v++) {
		const struct anker_case_value *cv = &c->values[v];
		r = cv->type == ANKER_VALUE_NUMBER
			? anker_case_set_number(out, cv->name, cv->number)
		    : cv->type == ANKER_VALUE_BOOLEAN
			? anker_case_set_bool(out, cv->name, cv->number != 0.0)
		    : cv->type == ANKER_VALUE_LEVEL ? anker_case_set_level(out, cv->name, cv->level)
						    : anker_case_set_missing(out, cv->name);
	}
	const struct chain_instrument *ci = &a->profile->chain->per_instrument[i];
	const struct anker_model *m = a->profile->instruments[i].model;
	*complete = true;
	for (size_t k = 0; r == 0 && k < ci->n_inputs; k++) {
		const struct chain_input *in = &ci->inputs[k];
		double x =
		    anker_result_get_number(a->results[in->source.instrument], in->source.output);
		*complete = *complete && !isnan(x);
		r = anker_case_set_number(out, m->linear->variables[in->variable].name, x);
	}
	return r;
}

int anker_chain_score(struct anker_assessment *a, size_t i, const struct anker_case *c,
		      const size_t *source, struct anker_error *err)
{
	const struct anker_profile *p = a->profile;
	const struct anker_model *m = p->instruments[i].model;
	int r = a->results[i] ? 0 : anker_result_new(a->ctx, &a->results[i]);
	if (r < 0)
		return anker_assess_fail(err, r, NULL, "out of memory");
	if (p->chain->followup && i == p->chain->followup_instrument)
		r = check_first_estimate(a, c, err);
	const struct chain_instrument *ci = &p->chain->per_instrument[i];
	if (r < 0)
		return r;
	if (ci->n_inputs == 0) /* reads the case only: as any instrument */
		return anker_model_score_sourced(m, c, source, ANKER_SCORE_IGNORE_EXTRA,
						 a->results[i], err);
	struct anker_case *fed = NULL;
	bool complete = false;
	r = anker_case_new(a->ctx, &fed);
	if (r == 0)
		r = chained_case(a, i, c, fed, &complete);
	if (r < 0) { /* the case's own calls: only memory */
		anker_case_free(fed);
		return anker_assess_fail(err, r, NULL, "out of memory");
	}
	/* incomplete: the result stays empty, so every output is missing */
	if (complete)
		r = anker_model_score(m, fed, ANKER_SCORE_IGNORE_EXTRA, a->results[i], err);
	anker_case_free(fed);
	return r;
}

ANKER_EXPORT int anker_profile_get_followup(const struct anker_profile *profile,
					    size_t *ret_instrument, const char **ret_first_variable,
					    double *ret_threshold)
{
	if (!profile)
		return ANKER_E_INVALID_ARGUMENT;
	const struct anker_chain *ch = profile->chain;
	if (!ch || !ch->followup)
		return ANKER_E_NOT_FOUND;
	if (ret_instrument)
		*ret_instrument = ch->followup_instrument;
	if (ret_first_variable)
		*ret_first_variable = ch->first_variable;
	if (ret_threshold)
		*ret_threshold = ch->drop_threshold;
	return 0;
}

double anker_chain_first_estimate(const struct anker_assessment *a)
{
	const struct anker_chain *ch = a->profile->chain;
	for (size_t k = 0; ch && ch->followup && k < a->n_inputs; k++)
		if (strcmp(a->inputs[k].name, ch->first_variable) == 0)
			return a->inputs[k].type == ANKER_VALUE_NUMBER ? a->inputs[k].number : NAN;
	return NAN;
}
