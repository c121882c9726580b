/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * One assessment: every instrument scores the case, their outputs become
 * the rule table's inputs ("<ALIAS>.<output>"; an output that could not be
 * computed is missing), and the rule table gives the eerste advies.
 */
#include <stdlib.h>
#include <string.h>

#include "../model/kind.h"
#include "assess-private.h"
#include "chain.h"
#include "instrument-wwb.h"

/* What one case and its decision left in @p a, freed; the memory the next case refills stays. */
static void clear_case(struct anker_assessment *a)
{
	struct anker_ctx *ctx = a->ctx;
	for (size_t i = 0; a->inputs && i < a->n_inputs; i++)
		anker_dealloc(ctx, a->inputs[i].level);
	a->n_inputs = 0;
	wwb_instrument_result_free(ctx, a->wwb);
	anker_dealloc(ctx, a->decided_levels);
	anker_dealloc(ctx, a->actor_id);
	anker_dealloc(ctx, a->actor_role);
	anker_dealloc(ctx, a->time);
	anker_dealloc(ctx, a->reason_code);
	anker_dealloc(ctx, a->reason_text);
	anker_dealloc(ctx, a->case_id);
	a->wwb = NULL;
	a->decided = false;
	a->decided_levels = NULL;
	a->actor_id = a->actor_role = a->time = a->reason_code = a->reason_text = NULL;
	a->case_id = NULL;
	a->previous[0] = '\0';
}

ANKER_EXPORT void anker_assessment_free(struct anker_assessment *a)
{
	if (!a)
		return;
	struct anker_ctx *ctx = a->ctx;
	clear_case(a);
	anker_dealloc(ctx, a->inputs);
	for (size_t i = 0; a->results && i < a->profile->n_instruments; i++)
		anker_result_free(a->results[i]);
	anker_dealloc(ctx, a->results);
	anker_result_free(a->advice);
	free(a->scratch);
	anker_profile_unref((struct anker_profile *)a->profile);
	anker_dealloc(ctx, a);
}

static int compare_inputs(const void *x, const void *y)
{
	long i = ((const struct a_input *)x)->index, j = ((const struct a_input *)y)->index;
	return (i > j) - (i < j);
}

/*
 * The inputs in order of their index in profile->variables, which is the
 * names' order: placed by index when the profile is small, else sorted.
 */
static int sort_inputs(struct anker_assessment *a, struct anker_error *err)
{
	size_t n = a->profile->n_variables, at[256];
	if (n > 256) {
		qsort(a->inputs, a->n_inputs, sizeof(*a->inputs), compare_inputs);
		return 0;
	}
	for (size_t k = 0; k < n; k++)
		at[k] = SIZE_MAX;
	for (size_t i = 0; i < a->n_inputs; i++)
		at[a->inputs[i].index] = i; /* each index once: a case has each name once */
	struct a_input stack[64],
	    *sorted =
		a->n_inputs <= 64 ? stack : anker_alloc(a->ctx, a->n_inputs * sizeof(*sorted));
	if (!sorted)
		return anker_assess_fail(err, ANKER_E_NO_MEMORY, NULL, "out of memory");
	size_t j = 0;
	for (size_t k = 0; k < n; k++)
		if (at[k] != SIZE_MAX)
			sorted[j++] = a->inputs[at[k]];
	memcpy(a->inputs, sorted, a->n_inputs * sizeof(*sorted));
	if (sorted != stack)
		anker_dealloc(a->ctx, sorted);
	return 0;
}

/*
 * The case's values as given, sorted by name; every one read by some
 * instrument unless ignored. The names are the profile's (sorted once, at
 * load), so that a value costs a hash lookup and no copy. Matched on the way
 * to the variables of every instrument that is not chained: @p sources holds
 * per instrument (from its source_at) the index in @p c of each variable's
 * value, or SIZE_MAX.
 */
static int copy_inputs(struct anker_assessment *a, const struct anker_case *c, unsigned int flags,
		       size_t *sources, struct anker_error *err)
{
	const struct anker_profile *p = a->profile;
	if (a->inputs_cap < c->count || !a->inputs) {
		anker_dealloc(a->ctx, a->inputs);
		a->inputs_cap = 0;
		a->inputs = anker_alloc_zeroed(a->ctx, c->count ? c->count : 1, sizeof(*a->inputs));
		if (!a->inputs)
			return anker_assess_fail(err, ANKER_E_NO_MEMORY, NULL, "out of memory");
		a->inputs_cap = c->count ? c->count : 1;
	}
	for (size_t k = 0; k < p->n_sources; k++)
		sources[k] = SIZE_MAX;
	for (size_t v = 0; v < c->count; v++) {
		const struct anker_case_value *cv = &c->values[v];
		long known = anker_profile_find_hashed(p, cv->name, cv->hash);
		if (known < 0 && (flags & ANKER_ASSESS_IGNORE_EXTRA))
			continue;
		if (known < 0)
			return anker_assess_fail(err, ANKER_E_UNKNOWN_VARIABLE, cv->name,
						 "no instrument of profile %s reads \"%s\"", p->id,
						 cv->name);
		for (size_t i = 0; i < p->n_instruments; i++) {
			const struct p_instrument *ins = &p->instruments[i];
			if (ins->variable_of && ins->variable_of[known] >= 0)
				sources[ins->source_at + (size_t)ins->variable_of[known]] = v;
		}
		struct a_input *in = &a->inputs[a->n_inputs++];
		in->name = p->variables[known];
		in->index = known;
		in->type = cv->type;
		in->number = cv->number;
		if (!anker_assess_strdup(a->ctx, cv->type == ANKER_VALUE_LEVEL ? cv->level : NULL,
					 &in->level))
			return anker_assess_fail(err, ANKER_E_NO_MEMORY, NULL, "out of memory");
	}
	return sort_inputs(a, err);
}

/* The rule table's inputs from the instruments' results, set by name (a WWB-toets feeds some). */
static int fill_rule_case(const struct anker_assessment *a, struct anker_case *rc)
{
	const struct anker_profile *p = a->profile;
	const struct anker_linear *in = p->rules->linear;
	int r = 0;
	for (size_t k = 0; r == 0 && k < in->n_variables; k++) {
		const struct p_source *src = &p->sources[k];
		const char *name = in->variables[k].name;
		if (src->instrument == P_SOURCE_WWB) {
			r = wwb_instrument_set_input(p->wwb, a->wwb, src->output, name, rc);
			continue;
		}
		const struct anker_result *res = a->results[src->instrument];
		if (in->variables[k].kind == ANKER_VARIABLE_CATEGORICAL) {
			int level = anker_result_get_level(res, src->output);
			r = level < 0
				? anker_case_set_missing(rc, name)
				: anker_case_set_level(rc, name, in->variables[k].levels[level]);
		} else {
			double x = anker_result_get_number(res, src->output);
			r = isnan(x) ? anker_case_set_missing(rc, name)
				     : anker_case_set_number(rc, name, x);
		}
	}
	return r;
}

static int advise_by_name(struct anker_assessment *a, struct anker_error *err)
{
	struct anker_case *rc = NULL;
	int r = anker_case_new(a->ctx, &rc);
	if (r == 0)
		r = fill_rule_case(a, rc);
	if (r == 0)
		r = anker_model_score(a->profile->rules, rc, ANKER_SCORE_DEFAULT, a->advice, err);
	anker_case_free(rc);
	return r;
}

/*
 * The same when only instruments feed the rule table: the rule case borrows
 * the table's names and levels, value k for input k, so that it is neither
 * allocated nor matched by name.
 */
#define ADVISE_DIRECT_MAX 64

static int advise_direct(struct anker_assessment *a, struct anker_error *err)
{
	const struct anker_profile *p = a->profile;
	const struct anker_linear *in = p->rules->linear;
	struct anker_case_value values[ADVISE_DIRECT_MAX];
	size_t source[ADVISE_DIRECT_MAX];
	for (size_t k = 0; k < in->n_variables; k++) {
		const struct anker_result *res = a->results[p->sources[k].instrument];
		size_t output = p->sources[k].output;
		struct anker_case_value *v = &values[k];
		*v = (struct anker_case_value){.name = (char *)in->variables[k].name,
					       .type = ANKER_VALUE_MISSING};
		if (in->variables[k].kind == ANKER_VARIABLE_CATEGORICAL) {
			int level = anker_result_get_level(res, output);
			if (level >= 0) {
				v->type = ANKER_VALUE_LEVEL;
				v->level = (char *)in->variables[k].levels[level];
			}
		} else {
			double x = anker_result_get_number(res, output);
			if (!isnan(x)) {
				v->type = ANKER_VALUE_NUMBER;
				v->number = x;
			}
		}
		source[k] = k;
	}
	struct anker_case rc = {a->ctx, values, in->n_variables, in->n_variables};
	return anker_model_score_sourced(p->rules, &rc, source, ANKER_SCORE_DEFAULT, a->advice,
					 err);
}

static int score_all(struct anker_assessment *a, const struct anker_case *c, const size_t *sources,
		     struct anker_error *err)
{
	const struct anker_profile *p = a->profile;
	int r = 0;
	for (size_t i = 0; r == 0 && i < p->n_instruments; i++)
		r = anker_chain_score(a, i, c, sources + p->instruments[i].source_at, err);
	if (r == 0 && p->wwb)
		r = wwb_instrument_assess(p->wwb, c, err, &a->wwb);
	if (r < 0)
		return r;
	r = a->advice ? 0 : anker_result_new(a->ctx, &a->advice);
	if (r < 0)
		return anker_assess_fail(err, r, NULL, "out of memory");
	bool direct = !p->wwb && p->rules->linear->n_variables <= ADVISE_DIRECT_MAX;
	r = direct ? advise_direct(a, err) : advise_by_name(a, err);
	return r < 0 && anker_error_code(err) == 0
		   ? anker_assess_fail(err, r, NULL, "out of memory")
		   : r;
}

/* Assess @p c into @p a, whose results (but those of chained instruments) may be refilled. */
static int assess_into(struct anker_assessment *a, const struct anker_case *c, unsigned int flags,
		       struct anker_error *err)
{
	const struct anker_profile *profile = a->profile;
	if (!a->results)
		a->results =
		    anker_alloc_zeroed(a->ctx, profile->n_instruments, sizeof(*a->results));
	int r = a->results ? 0 : anker_assess_fail(err, ANKER_E_NO_MEMORY, NULL, "out of memory");
	size_t on_stack[256];
	size_t *sources = profile->n_sources <= 256
			      ? on_stack
			      : anker_alloc_zeroed(a->ctx, profile->n_sources, sizeof(*sources));
	if (r == 0 && !sources)
		r = anker_assess_fail(err, ANKER_E_NO_MEMORY, NULL, "out of memory");
	if (r == 0)
		r = copy_inputs(a, c, flags, sources, err);
	if (r == 0)
		r = score_all(a, c, sources, err);
	if (sources != on_stack)
		anker_dealloc(a->ctx, sources);
	if (r == 0)
		anker_error_clear(err);
	return r;
}

static bool valid_flags(unsigned int flags)
{
	return (flags & ~(unsigned int)ANKER_ASSESS_IGNORE_EXTRA) == 0;
}

ANKER_EXPORT int anker_profile_assess(const struct anker_profile *profile,
				      const struct anker_case *c, unsigned int flags,
				      struct anker_assessment **ret, struct anker_error *err)
{
	if (!profile || !c || !ret || !valid_flags(flags))
		return anker_assess_fail(
		    err, ANKER_E_INVALID_ARGUMENT, NULL,
		    "anker_profile_assess: profile, case and ret are required");
	struct anker_assessment *a = anker_alloc_zeroed(profile->ctx, 1, sizeof(*a));
	if (!a)
		return anker_assess_fail(err, ANKER_E_NO_MEMORY, NULL, "out of memory");
	a->ctx = profile->ctx;
	a->profile = anker_profile_ref((struct anker_profile *)profile);
	int r = assess_into(a, c, flags, err);
	if (r < 0) {
		anker_assessment_free(a);
		return r;
	}
	*ret = a;
	return 0;
}

/*
 * The results of the instruments that are not chained are scored again in
 * place, keeping their buffers and what they worked out per model; a chained
 * instrument's result is made anew, since one that cannot be scored must be
 * empty.
 */
ANKER_EXPORT int anker_profile_reassess(const struct anker_profile *profile,
					const struct anker_case *c, unsigned int flags,
					struct anker_assessment *a, struct anker_error *err)
{
	if (!profile || !c || !a || !valid_flags(flags) || a->profile != profile)
		return anker_assess_fail(err, ANKER_E_INVALID_ARGUMENT, NULL,
					 "anker_profile_reassess: profile, case and an "
					 "assessment of that profile are required");
	clear_case(a);
	for (size_t i = 0; a->results && i < profile->n_instruments; i++)
		if (!profile->instruments[i].variable_of) { /* chained */
			anker_result_free(a->results[i]);
			a->results[i] = NULL;
		}
	int r = assess_into(a, c, flags, err);
	a->failed = r < 0;
	return r;
}

ANKER_EXPORT const struct anker_result *
anker_assessment_get_result(const struct anker_assessment *a, size_t index)
{
	return a && index < a->profile->n_instruments ? a->results[index] : NULL;
}

ANKER_EXPORT const struct anker_result *
anker_assessment_get_advice(const struct anker_assessment *a)
{
	return a ? a->advice : NULL;
}

ANKER_EXPORT const char *anker_assessment_get_advice_value(const struct anker_assessment *a,
							   const char *field)
{
	if (!a || !field)
		return NULL;
	int o = anker_model_find_output(a->profile->rules, field);
	if (o < 0)
		return NULL;
	int level = anker_result_get_level(a->advice, (size_t)o);
	return anker_model_get_output_level_name(a->profile->rules, (size_t)o, (size_t)level);
}
