/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Kind "rules": loading a rule's condition (docs/assessment.md, "Rule
 * tables"): all/any/not over comparisons of the table's inputs, each checked
 * against its input's domain (a level it has, a threshold inside its range).
 */
#include <string.h>

#include "../model/load-private.h"
#include "rules.h"

#define MAX_DEPTH 16
#define MAX_KIDS  64

static const struct anker_name_value ops[] = {
    {"<", R_LT},
    {"<=", R_LE},
    {">", R_GT},
    {">=", R_GE},
    {"==", R_EQ},
    {"!=", R_NE},
    {"in", R_IN},
    {"not_in", R_NOT_IN},
    {"missing", R_MISSING},
    {"present", R_PRESENT},
    {NULL, 0},
};

static int load_cond(struct jr *jr, json_t *obj, struct anker_rules *t, struct r_cond *c,
		     int depth);

/* The level named at the current path, as its bit. */
static int level_bit(struct jr *jr, json_t *value, const struct anker_variable *var, uint64_t *bits)
{
	int32_t level = -1;
	int r = anker_load_level_ref(jr, value, var, ANKER_E_UNKNOWN_LEVEL, &level);
	if (r == 0)
		*bits |= UINT64_C(1) << level;
	return r;
}

/* The "value" of an atom on a level input: a level, or for in/not_in a list of them. */
static int load_level_value(struct jr *jr, json_t *value, const struct anker_variable *var,
			    struct r_cond *c)
{
	struct jr_mark mark = jr_push_key(jr, "value");
	int r = 0;
	if (c->op == R_EQ || c->op == R_NE) {
		r = level_bit(jr, value, var, &c->levels);
	} else if (c->op == R_IN || c->op == R_NOT_IN) {
		if (!json_is_array(value) || json_array_size(value) == 0)
			r = jr_fail(jr, ANKER_E_WRONG_TYPE,
				    "\"%s\" takes a non-empty array of levels",
				    c->op == R_IN ? "in" : "not_in");
		for (size_t i = 0; r == 0 && i < json_array_size(value); i++) {
			struct jr_mark at = jr_push_index(jr, i);
			r = level_bit(jr, json_array_get(value, i), var, &c->levels);
			jr_pop(jr, at);
		}
	} else {
		r = jr_fail(jr, ANKER_E_REFERENCE,
			    "input \"%s\" is a level: compare it with ==, !=, in or not_in",
			    var->name);
	}
	jr_pop(jr, mark);
	return r;
}

static int load_number_value(struct jr *jr, json_t *obj, const struct anker_variable *var,
			     struct r_cond *c)
{
	if (c->op == R_IN || c->op == R_NOT_IN)
		return jr_fail_at(
		    jr, "op", ANKER_E_REFERENCE,
		    "input \"%s\" is a number: compare it with <, <=, >, >=, == or !=", var->name);
	int r = jr_number(jr, obj, "value", true, &c->value);
	if (r == 0 && !(c->value >= var->min && c->value <= var->max))
		r = jr_fail_at(jr, "value", ANKER_E_OUT_OF_RANGE,
			       "outside the range [%g, %g] of input \"%s\"", var->min, var->max,
			       var->name);
	return r;
}

static int load_atom(struct jr *jr, json_t *obj, struct anker_rules *t, struct r_cond *c)
{
	static const char *const keys[] = {"input", "op", "value", NULL};
	const char *name = NULL;
	int op = 0;
	int r = jr_check_keys(jr, obj, keys, NULL);
	if (r == 0)
		r = jr_string(jr, obj, "input", true, &name);
	if (r < 0)
		return r;
	const struct anker_variable *var = anker_loader_find_variable(&t->linear, name, &c->input);
	if (!var)
		return jr_fail_at(jr, "input", ANKER_E_REFERENCE,
				  "\"%s\" is not one of the table's inputs", name);
	r = jr_choice(jr, obj, "op", true, ops, &op);
	if (r < 0)
		return r;
	c->op = (enum r_op)op;
	json_t *value = json_object_get(obj, "value");
	if (c->op == R_MISSING || c->op == R_PRESENT) {
		if (value)
			return jr_fail_at(jr, "value", ANKER_E_UNKNOWN_KEY,
					  "\"missing\" and \"present\" take no value");
		return 0;
	}
	if (!value)
		return jr_fail_at(jr, "value", ANKER_E_MISSING_KEY, "the comparison needs a value");
	if (var->kind == ANKER_VARIABLE_CATEGORICAL)
		return load_level_value(jr, value, var, c);
	return load_number_value(jr, obj, var, c);
}

static int load_kids(struct jr *jr, json_t *obj, const char *key, struct anker_rules *t,
		     struct r_cond *c, int depth)
{
	json_t *kids = NULL;
	int r = jr_array(jr, obj, key, true, 1, MAX_KIDS, &kids);
	if (r < 0)
		return r;
	c->kids = anker_alloc_zeroed(jr->ctx, json_array_size(kids), sizeof(*c->kids));
	if (!c->kids)
		return jr_fail_no_memory(jr);
	c->n_kids = json_array_size(kids);
	struct jr_mark mark = jr_push_key(jr, key);
	for (size_t i = 0; r == 0 && i < c->n_kids; i++) {
		struct jr_mark at = jr_push_index(jr, i);
		r = load_cond(jr, json_array_get(kids, i), t, &c->kids[i], depth + 1);
		jr_pop(jr, at);
	}
	jr_pop(jr, mark);
	return r;
}

static int load_cond(struct jr *jr, json_t *obj, struct anker_rules *t, struct r_cond *c, int depth)
{
	int r = jr_check_object(jr, obj);
	if (r < 0)
		return r;
	if (depth > MAX_DEPTH)
		return jr_fail(jr, ANKER_E_TOO_LARGE, "conditions nest deeper than %d", MAX_DEPTH);
	static const char *const all_keys[] = {"all", NULL};
	static const char *const any_keys[] = {"any", NULL};
	static const char *const not_keys[] = {"not", NULL};
	if (json_object_get(obj, "all")) {
		c->op = R_ALL;
		r = jr_check_keys(jr, obj, all_keys, NULL);
		return r < 0 ? r : load_kids(jr, obj, "all", t, c, depth);
	}
	if (json_object_get(obj, "any")) {
		c->op = R_ANY;
		r = jr_check_keys(jr, obj, any_keys, NULL);
		return r < 0 ? r : load_kids(jr, obj, "any", t, c, depth);
	}
	if (json_object_get(obj, "not")) {
		c->op = R_NOT;
		r = jr_check_keys(jr, obj, not_keys, NULL);
		if (r < 0)
			return r;
		c->kids = anker_alloc_zeroed(jr->ctx, 1, sizeof(*c->kids));
		if (!c->kids)
			return jr_fail_no_memory(jr);
		c->n_kids = 1;
		struct jr_mark mark = jr_push_key(jr, "not");
		r = load_cond(jr, json_object_get(obj, "not"), t, c->kids, depth + 1);
		jr_pop(jr, mark);
		return r;
	}
	return load_atom(jr, obj, t, c);
}

int anker_rules_load_cond(struct jr *jr, json_t *obj, struct anker_rules *t, struct r_cond *c)
{
	return load_cond(jr, obj, t, c, 0);
}
