/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What the record writer (record.c) needs from a profile, worked out once at
 * load: every name list it writes as a JSON object in sorted order (outputs,
 * contributions, advice fields, rule-table inputs), and which rule-table
 * inputs each rule reads, so that a record is written straight into a buffer
 * with no sorting and no JSON tree per record. A record's explanation is an
 * object of contribution names, so an instrument's contribution names must
 * be distinct.
 */
#include <stdlib.h>
#include <string.h>

#include "../kinds/rules.h"
#include "../model/load-private.h"
#include "../model/score-private.h"
#include "assess-private.h"
#include "chain.h"
#include "instrument-wwb.h"

struct name_at {
	const char *name;
	size_t index;
};

static int by_name(const void *x, const void *y)
{
	return strcmp(((const struct name_at *)x)->name, ((const struct name_at *)y)->name);
}

/*
 * Indices 0..n-1 sorted by name(i) into a new array; *dup the first name
 * that occurs twice, or NULL.
 */
static size_t *sorted_order(struct anker_ctx *ctx, size_t n,
			    const char *(*name)(const void *, size_t), const void *of,
			    const char **dup)
{
	struct name_at *tmp = malloc((n ? n : 1) * sizeof(*tmp));
	size_t *order = anker_alloc_zeroed(ctx, n ? n : 1, sizeof(*order));
	*dup = NULL;
	if (!tmp || !order) {
		free(tmp);
		anker_dealloc(ctx, order);
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		tmp[i] = (struct name_at){name(of, i), i};
	qsort(tmp, n, sizeof(*tmp), by_name);
	for (size_t i = 0; i < n; i++) {
		order[i] = tmp[i].index;
		if (i && !*dup && strcmp(tmp[i - 1].name, tmp[i].name) == 0)
			*dup = tmp[i].name;
	}
	free(tmp);
	return order;
}

static const char *output_name(const void *m, size_t i)
{
	return anker_model_get_output_name(m, i);
}

static const char *contribution_name(const void *m, size_t i)
{
	return anker_model_get_contribution_name(m, i);
}

static const char *field_name(const void *t, size_t i)
{
	return ((const struct anker_rules *)t)->field_names[i];
}

static const char *input_name(const void *t, size_t i)
{
	return ((const struct anker_rules *)t)->linear.variables[i].name;
}

static int by_string(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

long anker_profile_find_hashed(const struct anker_profile *p, const char *name, uint32_t hash)
{
	for (size_t at = hash & p->slot_mask;; at = (at + 1) & p->slot_mask) {
		uint32_t slot = p->variable_slots[at];
		if (slot == 0)
			return -1;
		if (strcmp(p->variables[slot - 1], name) == 0)
			return (long)slot - 1;
	}
}

long anker_profile_find_variable(const struct anker_profile *p, const char *name)
{
	size_t len;
	return anker_profile_find_hashed(p, name, anker_name_hash(name, &len));
}

/*
 * The hash index of p->variables (at most half full, so that a search ends
 * at an empty slot soon), and each instrument's variable per profile
 * variable, so that an assessment matches a case to every instrument with no
 * name compared (assess.c).
 */
static bool index_variables(struct anker_ctx *ctx, struct anker_profile *p)
{
	size_t slots = 8;
	while (slots < 2 * p->n_variables)
		slots *= 2;
	p->slot_mask = slots - 1;
	p->variable_slots = anker_alloc_zeroed(ctx, slots, sizeof(*p->variable_slots));
	if (!p->variable_slots)
		return false;
	for (size_t k = 0; k < p->n_variables; k++) {
		size_t len, at = anker_name_hash(p->variables[k], &len) & p->slot_mask;
		while (p->variable_slots[at])
			at = (at + 1) & p->slot_mask;
		p->variable_slots[at] = (uint32_t)k + 1;
	}
	for (size_t i = 0; i < p->n_instruments; i++) {
		struct p_instrument *ins = &p->instruments[i];
		const struct anker_model *m = ins->model;
		size_t nv = anker_model_get_variable_count(m);
		ins->source_at = p->n_sources;
		p->n_sources += nv;
		if (p->chain && p->chain->per_instrument[i].n_inputs > 0)
			continue;
		ins->variable_of = anker_alloc_zeroed(ctx, p->n_variables ? p->n_variables : 1,
						      sizeof(*ins->variable_of));
		if (!ins->variable_of)
			return false;
		for (size_t v = 0; v < p->n_variables; v++)
			ins->variable_of[v] = -1;
		for (size_t k = 0; k < nv; k++) {
			long v =
			    anker_profile_find_variable(p, anker_model_get_variable_name(m, k));
			if (v >= 0)
				ins->variable_of[v] = (int32_t)k;
		}
	}
	return true;
}

/*
 * Every variable a case gives, sorted and once each: the instruments' own
 * variables but those fed from other instruments (chain.c), the first
 * estimate of a follow-up, and the household fields of the WWB-toets.
 */
static bool collect_variables(struct anker_ctx *ctx, struct anker_profile *p)
{
	size_t n = 1, n_wwb = 0;
	if (p->wwb) {
		p->wwb_fields = wwb_instrument_case_fields(ctx, p->wwb, &n_wwb);
		if (!p->wwb_fields)
			return false;
	}
	n += n_wwb;
	for (size_t i = 0; i < p->n_instruments; i++)
		n += anker_model_get_variable_count(p->instruments[i].model);
	p->variables = anker_alloc_zeroed(ctx, n ? n : 1, sizeof(*p->variables));
	if (!p->variables)
		return false;
	for (size_t i = 0; i < p->n_instruments; i++) {
		const struct anker_model *m = p->instruments[i].model;
		for (size_t k = 0; k < anker_model_get_variable_count(m); k++)
			if (!anker_chain_feeds(p, i, k))
				p->variables[p->n_variables++] =
				    anker_model_get_variable_name(m, k);
	}
	if (p->chain && p->chain->followup)
		p->variables[p->n_variables++] = p->chain->first_variable;
	for (const char *f = p->wwb_fields; n_wwb--; f += strlen(f) + 1)
		p->variables[p->n_variables++] = f;
	qsort(p->variables, p->n_variables, sizeof(*p->variables), by_string);
	size_t unique = 0;
	for (size_t k = 0; k < p->n_variables; k++)
		if (unique == 0 || strcmp(p->variables[unique - 1], p->variables[k]) != 0)
			p->variables[unique++] = p->variables[k];
	p->n_variables = unique;
	return index_variables(ctx, p);
}

static void mark_reads(const struct r_cond *c, bool *reads)
{
	if (!c)
		return;
	if (c->op == R_ALL || c->op == R_ANY || c->op == R_NOT) {
		for (size_t k = 0; k < c->n_kids; k++)
			mark_reads(&c->kids[k], reads);
		return;
	}
	reads[c->input] = true;
}

int anker_record_plan(struct jr *jr, struct anker_profile *p)
{
	struct anker_ctx *ctx = jr->ctx;
	const char *dup = NULL;
	for (size_t i = 0; i < p->n_instruments; i++) {
		struct p_instrument *ins = &p->instruments[i];
		const struct anker_model *m = ins->model;
		ins->output_order =
		    sorted_order(ctx, anker_model_get_output_count(m), output_name, m, &dup);
		ins->contribution_order =
		    ins->output_order ? sorted_order(ctx, anker_model_get_contribution_count(m),
						     contribution_name, m, &dup)
				      : NULL;
		if (!ins->contribution_order)
			return jr_fail_no_memory(jr);
		if (dup) {
			struct jr_mark mark = jr_push_key(jr, "instruments");
			int r = jr_fail_at(jr, "file", ANKER_E_BAD_VALUE,
					   "instrument %s (%s) has two contributions named \"%s\"; "
					   "a record names each contribution once",
					   ins->alias, m->id, dup);
			jr_pop(jr, mark);
			return r;
		}
	}
	const struct anker_rules *t = p->rules->payload;
	size_t nv = t->linear.n_variables;
	p->field_order = sorted_order(ctx, t->n_fields, field_name, t, &dup);
	p->input_order = p->field_order ? sorted_order(ctx, nv, input_name, t, &dup) : NULL;
	p->rule_reads = anker_alloc_zeroed(ctx, t->n_rules * (nv ? nv : 1), sizeof(bool));
	if (!p->field_order || !p->input_order || !p->rule_reads || !collect_variables(ctx, p) ||
	    anker_record_texts(ctx, p) < 0)
		return jr_fail_no_memory(jr);
	for (size_t r = 0; r < t->n_rules; r++)
		mark_reads(t->rules[r].when, p->rule_reads + r * nv);
	return 0;
}

void anker_record_plan_free(struct anker_profile *p)
{
	struct anker_ctx *ctx = p->ctx;
	for (size_t i = 0; p->instruments && i < p->n_instruments; i++) {
		anker_dealloc(ctx, p->instruments[i].output_order);
		anker_dealloc(ctx, p->instruments[i].contribution_order);
		anker_dealloc(ctx, p->instruments[i].variable_of);
	}
	anker_dealloc(ctx, p->variable_slots);
	anker_record_texts_free(ctx, p);
	anker_dealloc(ctx, p->field_order);
	anker_dealloc(ctx, p->input_order);
	anker_dealloc(ctx, p->rule_reads);
	anker_dealloc(ctx, p->variables);
	anker_dealloc(ctx, p->wwb_fields);
}
