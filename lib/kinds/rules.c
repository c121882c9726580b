/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Kind "rules": evaluating the table for one case or a chunk of a batch (the
 * first rule that holds fires), and the explanation: per rule, the values
 * that decided it.
 */
#include <string.h>

#include "../model/batch-private.h"
#include "../model/batch-resolve.h"
#include "rules.h"

const struct anker_output *anker_rules_outputs(const struct anker_model *model, size_t *ret_count)
{
	const struct anker_rules *t = anker_rules_of(model);
	*ret_count = t->n_fields + 1;
	return t->outputs;
}

const struct anker_contribution *anker_rules_contributions(const struct anker_model *model,
							   size_t *ret_count)
{
	const struct anker_rules *t = anker_rules_of(model);
	*ret_count = t->n_rules;
	return t->contributions;
}

static bool is_missing(const struct anker_resolved_value *v)
{
	return v->origin == ANKER_ORIGIN_MISSING;
}

static bool atom_holds(const struct r_cond *c, const struct anker_resolved_value *v)
{
	if (c->op == R_MISSING)
		return is_missing(v);
	if (c->op == R_PRESENT)
		return !is_missing(v);
	if (is_missing(v))
		return false; /* no comparison holds on a value that is not there */
	if (c->levels) {
		bool in = (c->levels >> v->level) & 1u;
		return c->op == R_EQ || c->op == R_IN ? in : !in;
	}
	switch (c->op) {
	case R_LT:
		return v->x < c->value;
	case R_LE:
		return v->x <= c->value;
	case R_GT:
		return v->x > c->value;
	case R_GE:
		return v->x >= c->value;
	case R_EQ:
		return v->x == c->value;
	default:
		return v->x != c->value;
	}
}

bool anker_rules_holds(const struct r_cond *c, const struct anker_resolved_value *values)
{
	switch (c->op) {
	case R_ALL:
		for (size_t i = 0; i < c->n_kids; i++)
			if (!anker_rules_holds(&c->kids[i], values))
				return false;
		return true;
	case R_ANY:
		for (size_t i = 0; i < c->n_kids; i++)
			if (anker_rules_holds(&c->kids[i], values))
				return true;
		return false;
	case R_NOT:
		return !anker_rules_holds(c->kids, values);
	default:
		return atom_holds(c, &values[c->input]);
	}
}

size_t anker_rules_fire(const struct anker_rules *t, const struct anker_resolved_value *values)
{
	size_t i = 0;
	while (i + 1 < t->n_rules && !anker_rules_holds(t->rules[i].when, values))
		i++;
	return i; /* the last rule is the default */
}

static void write_outputs(const struct anker_rules *t, size_t fired, double *contributions,
			  struct anker_output_value *outputs)
{
	for (size_t f = 0; f < t->n_fields; f++)
		outputs[f] = (struct anker_output_value){NAN, t->rules[fired].advice[f]};
	outputs[t->n_fields] = (struct anker_output_value){NAN, (int32_t)fired};
	for (size_t i = 0; contributions && i < t->n_rules; i++)
		contributions[i] = i < fired ? 0.0 : i == fired ? 1.0 : NAN;
}

enum anker_value_error anker_rules_score(const struct anker_model *model,
					 const struct anker_resolved_value *values,
					 double *contributions, struct anker_output_value *outputs)
{
	const struct anker_rules *t = anker_rules_of(model);
	write_outputs(t, anker_rules_fire(t, values), contributions, outputs);
	return ANKER_VERR_OK;
}

/*
 * A batch: the shared kernels resolve the chunk (a missing input stays NaN or
 * -1), then each case goes through the single-case evaluator. A rule table
 * is a handful of comparisons per case, far below the cost of the
 * instruments that feed it, so it is not worth a vectorized pipeline.
 */
void anker_rules_batch_chunk(struct anker_batch *b, size_t start, size_t m,
			     const struct anker_batch_sink *sink)
{
	const struct anker_rules *t = b->model->payload;
	size_t nv = t->linear.n_variables, no = t->n_fields + 1;
	struct anker_resolved_value values[256]; /* MAX_INPUTS of rules-load.c */
	struct anker_output_value out[33];	 /* MAX_FIELDS + 1 */
	resolve_chunk(b, start, m);
	for (size_t i = 0; i < m; i++) {
		bool failed = b->status[i] != 0;
		for (size_t k = 0; k < nv; k++) {
			bool categorical =
			    t->linear.variables[k].kind == ANKER_VARIABLE_CATEGORICAL;
			double x = categorical ? NAN : b->x[k][i];
			int32_t level = categorical ? b->level[k][i] : -1;
			bool missing = categorical ? level < 0 : isnan(x);
			values[k] = (struct anker_resolved_value){
			    x, x, level, missing ? ANKER_ORIGIN_MISSING : ANKER_ORIGIN_GIVEN};
		}
		double *row =
		    sink->contributions ? sink->contributions + (start + i) * t->n_rules : NULL;
		write_outputs(t, failed ? 0 : anker_rules_fire(t, values), failed ? NULL : row,
			      out);
		for (size_t o = 0; o < no; o++) {
			int32_t *dst = sink->outputs[o];
			if (dst)
				dst[start + i] = failed ? -1 : out[o].level;
		}
	}
}

/* The explanation */

size_t anker_rules_explain_bound(const struct anker_model *model)
{
	return anker_rules_of(model)->explain_bound;
}

static const char *op_text(enum r_op op)
{
	static const char *const text[] = {
	    "<", "<=", ">", ">=", "==", "!=", "in", "not in", "missing", "present"};
	return text[op];
}

/* "AMT.band = low (in low, moderate: yes)", "AMT.probability missing (< 0.25: no)" */
static void explain_atom(struct anker_writer *w, const struct anker_rules *t,
			 const struct r_cond *c, const struct anker_resolved_value *values)
{
	const struct anker_variable *var = &t->linear.variables[c->input];
	const struct anker_resolved_value *v = &values[c->input];
	anker_writer_put(w, var->name);
	if (is_missing(v)) {
		anker_writer_put(w, " missing");
	} else {
		anker_writer_put(w, " = ");
		if (var->kind == ANKER_VARIABLE_CATEGORICAL)
			anker_writer_put(w, var->levels[v->level]);
		else
			anker_writer_put_number(w, v->x);
	}
	anker_writer_put(w, " (");
	anker_writer_put(w, op_text(c->op));
	if (c->levels) {
		const char *sep = " ";
		for (size_t i = 0; i < var->n_levels; i++) {
			if ((c->levels >> i) & 1u) {
				anker_writer_put(w, sep);
				anker_writer_put(w, var->levels[i]);
				sep = ", ";
			}
		}
	} else if (c->op != R_MISSING && c->op != R_PRESENT) {
		anker_writer_put(w, " ");
		anker_writer_put_number(w, c->value);
	}
	anker_writer_put(w, atom_holds(c, v) ? ": yes)" : ": no)");
}

/*
 * The atoms that decided @p c: for "all", every atom when it holds, else the
 * first that does not; for "any" the reverse; "not" as its condition.
 */
static void explain_cond(struct anker_writer *w, const struct anker_rules *t,
			 const struct r_cond *c, const struct anker_resolved_value *values,
			 bool *first)
{
	if (c->op != R_ALL && c->op != R_ANY && c->op != R_NOT) {
		if (!*first)
			anker_writer_put(w, "; ");
		*first = false;
		explain_atom(w, t, c, values);
		return;
	}
	if (c->op == R_NOT) {
		if (!*first)
			anker_writer_put(w, "; ");
		anker_writer_put(w, "not [");
		bool inner = true;
		explain_cond(w, t, c->kids, values, &inner);
		anker_writer_put(w, "]");
		*first = false;
		return;
	}
	bool holds = anker_rules_holds(c, values);
	bool decisive = c->op == R_ALL ? !holds : holds; /* one kid decided it */
	for (size_t i = 0; i < c->n_kids; i++) {
		bool kid = anker_rules_holds(&c->kids[i], values);
		if (decisive && kid != (c->op == R_ANY))
			continue;
		explain_cond(w, t, &c->kids[i], values, first);
		if (decisive)
			return;
	}
}

void anker_rules_explain_write(const struct anker_model *model,
			       const struct anker_resolved_value *resolved, char *buf, size_t cap,
			       size_t *detail_at)
{
	const struct anker_rules *t = anker_rules_of(model);
	struct anker_writer w = {buf, cap, 0};
	size_t fired = anker_rules_fire(t, resolved);
	for (size_t i = 0; i < t->n_rules; i++) {
		detail_at[i] = w.len;
		const struct r_rule *rule = &t->rules[i];
		if (i > fired) {
			anker_writer_put(&w, "not evaluated");
		} else {
			anker_writer_put(&w, i == fired ? "fired" : "did not match");
			if (!rule->when) {
				anker_writer_put(&w, ": the default rule");
			} else {
				bool first = true;
				anker_writer_put(&w, ": ");
				explain_cond(&w, t, rule->when, resolved, &first);
			}
		}
		anker_writer_end(&w);
	}
}
