/* SPDX-License-Identifier: GPL-3.0-or-later */
/* $.terms of a linear predictor: one reader per term type, chosen from a table. */
#include <string.h>

#include "load-private.h"

#define MAX_TERMS 4096
#define MAX_KNOTS 256
#define MAX_EDGES 256
#define MIN_FACTORS 2
#define MAX_FACTORS 8

#define KIND_BIT(kind) (1u << (kind))
#define NUMERIC_ONLY KIND_BIT(ANKER_VARIABLE_NUMERIC)
#define NUMERIC_OR_BOOLEAN (KIND_BIT(ANKER_VARIABLE_NUMERIC) | KIND_BIT(ANKER_VARIABLE_BOOLEAN))
#define CATEGORICAL_ONLY KIND_BIT(ANKER_VARIABLE_CATEGORICAL)

static const char *kinds_wanted(unsigned int kinds)
{
	if (kinds == NUMERIC_ONLY)
		return "a numeric variable";
	if (kinds == NUMERIC_OR_BOOLEAN)
		return "a numeric or boolean variable";
	return "a categorical variable";
}

/* The variable named at key "variable", which must be of one of the given kinds. */
static int load_variable_ref(struct jr *jr, json_t *obj, const struct anker_linear *linear,
			     unsigned int kinds, size_t *ret_index)
{
	const char *name = NULL;
	int r = jr_string(jr, obj, "variable", true, &name);
	if (r < 0)
		return r;
	size_t index = 0;
	const struct anker_variable *var = anker_loader_find_variable(linear, name, &index);
	if (!var)
		return jr_fail_at(jr, "variable", ANKER_E_REFERENCE, "no variable called \"%s\"",
				  name);
	if (!(kinds & KIND_BIT(var->kind)))
		return jr_fail_at(jr, "variable", ANKER_E_REFERENCE,
				  "\"%s\" is %s; this term needs %s", name,
				  anker_variable_kind_name(var->kind), kinds_wanted(kinds));
	*ret_index = index;
	return 0;
}

static int check_numbers(struct jr *jr, json_t *array, bool increasing, double *values)
{
	for (size_t i = 0; i < json_array_size(array); i++) {
		struct jr_mark mark = jr_push_index(jr, i);
		int r = jr_check_number(jr, json_array_get(array, i), &values[i]);
		if (r == 0 && increasing && i > 0 && !(values[i] > values[i - 1]))
			r = jr_fail(jr, ANKER_E_ORDER, "%g does not exceed the previous %g",
				    values[i], values[i - 1]);
		jr_pop(jr, mark);
		if (r < 0)
			return r;
	}
	return 0;
}

/*
 * An array of min..max numbers at key. When want_count is non-zero the array
 * must have exactly that many elements (else ANKER_E_BAD_VALUE).
 */
int anker_load_numbers(struct jr *jr, json_t *obj, const char *key, size_t min, size_t max,
		       size_t want_count, bool increasing, double **ret, size_t *ret_count)
{
	json_t *array = NULL;
	int r = jr_array(jr, obj, key, true, min, max, &array);
	if (r < 0)
		return r;
	size_t n = json_array_size(array);
	if (want_count && n != want_count)
		return jr_fail_at(jr, key, ANKER_E_BAD_VALUE, "%zu numbers, %zu expected", n,
				  want_count);
	double *values = anker_alloc_zeroed(jr->ctx, n, sizeof(*values));
	if (!values)
		return jr_fail_no_memory(jr);
	struct jr_mark mark = jr_push_key(jr, key);
	r = check_numbers(jr, array, increasing, values);
	jr_pop(jr, mark);
	if (r < 0) {
		anker_dealloc(jr->ctx, values);
		return r;
	}
	*ret = values;
	if (ret_count)
		*ret_count = n;
	return 0;
}

static int load_intercept(struct jr *jr, json_t *obj, struct anker_linear *linear,
			  struct anker_term *term)
{
	for (size_t i = 0; i < linear->n_terms && &linear->terms[i] != term; i++)
		if (linear->terms[i].type == ANKER_TERM_INTERCEPT)
			return jr_fail_at(jr, "type", ANKER_E_DUPLICATE,
					  "a second intercept (the first is term %zu)", i);
	return jr_number(jr, obj, "coef", true, &term->coef);
}

static int load_linear(struct jr *jr, json_t *obj, struct anker_linear *linear,
		       struct anker_term *term)
{
	int r = load_variable_ref(jr, obj, linear, NUMERIC_OR_BOOLEAN, &term->variable);
	if (r == 0)
		r = jr_number(jr, obj, "coef", true, &term->coef);
	if (r == 0)
		r = jr_number(jr, obj, "center", false, &term->center);
	return r;
}

/* Every non-reference level needs an effect; the reference and unknown names are errors. */
static int check_effects(struct jr *jr, json_t *effects, const struct anker_variable *var,
			 struct anker_term *term)
{
	const char *ref_name = var->levels[term->reference];
	if (json_object_get(effects, ref_name))
		return jr_fail_at(jr, ref_name, ANKER_E_BAD_VALUE,
				  "the reference level has no effect of its own (it is 0)");
	size_t found = 0;
	for (size_t i = 0; i < var->n_levels; i++) {
		json_t *value = json_object_get(effects, var->levels[i]);
		if (!value)
			continue;
		struct jr_mark mark = jr_push_key(jr, var->levels[i]);
		int r = jr_check_number(jr, value, &term->effects[i]);
		jr_pop(jr, mark);
		if (r < 0)
			return r;
		found++;
	}
	if (found < json_object_size(effects)) {
		/* At most n_levels - 1 known keys precede the first unknown one: O(levels^2). */
		const char *key;
		json_t *value;
		json_object_foreach (effects, key, value) {
			if (anker_loader_find_level(var, key) < 0)
				return jr_fail_at(jr, key, ANKER_E_REFERENCE,
						  "\"%s\" is not a level of %s", key, var->name);
		}
	}
	for (size_t i = 0; i < var->n_levels; i++)
		if ((int32_t)i != term->reference && !json_object_get(effects, var->levels[i]))
			return jr_fail_at(jr, var->levels[i], ANKER_E_MISSING_KEY,
					  "no effect for level \"%s\"", var->levels[i]);
	return 0;
}

static int load_categorical(struct jr *jr, json_t *obj, struct anker_linear *linear,
			    struct anker_term *term)
{
	int r = load_variable_ref(jr, obj, linear, CATEGORICAL_ONLY, &term->variable);
	if (r < 0)
		return r;
	const struct anker_variable *var = &linear->variables[term->variable];

	const char *ref = NULL;
	r = jr_string(jr, obj, "reference", true, &ref);
	if (r < 0)
		return r;
	term->reference = anker_loader_find_level(var, ref);
	if (term->reference < 0)
		return jr_fail_at(jr, "reference", ANKER_E_REFERENCE,
				  "\"%s\" is not a level of %s", ref, var->name);

	json_t *effects = NULL;
	r = jr_object(jr, obj, "effects", true, &effects);
	if (r < 0)
		return r;
	term->effects = anker_alloc_zeroed(jr->ctx, var->n_levels, sizeof(*term->effects));
	if (!term->effects)
		return jr_fail_no_memory(jr);
	struct jr_mark mark = jr_push_key(jr, "effects");
	r = check_effects(jr, effects, var, term);
	jr_pop(jr, mark);
	return r;
}

static int load_spline(struct jr *jr, json_t *obj, struct anker_linear *linear,
		       struct anker_term *term)
{
	int r = load_variable_ref(jr, obj, linear, NUMERIC_ONLY, &term->variable);
	if (r == 0)
		r = anker_load_numbers(jr, obj, "knots", 2, MAX_KNOTS, 0, true, &term->knots,
				 &term->n_knots);
	if (r == 0)
		r = anker_load_numbers(jr, obj, "values", 0, SIZE_MAX, term->n_knots, false,
				 &term->values, NULL);
	return r;
}

static int load_bins(struct jr *jr, json_t *obj, struct anker_linear *linear,
		     struct anker_term *term)
{
	int r = load_variable_ref(jr, obj, linear, NUMERIC_ONLY, &term->variable);
	if (r == 0)
		r = anker_load_numbers(jr, obj, "edges", 1, MAX_EDGES, 0, true, &term->edges,
				 &term->n_edges);
	if (r == 0)
		r = anker_load_numbers(jr, obj, "effects", 0, SIZE_MAX, term->n_edges + 1, false,
				 &term->effects, NULL);
	return r;
}

static int load_factor(struct jr *jr, json_t *obj, const struct anker_linear *linear,
		       struct anker_factor *factor)
{
	static const char *const keys[] = { "variable", "level", NULL };
	static const unsigned int any_kind = NUMERIC_OR_BOOLEAN | CATEGORICAL_ONLY;
	int r = jr_check_object(jr, obj);
	if (r == 0)
		r = jr_check_keys(jr, obj, keys, NULL);
	if (r == 0)
		r = load_variable_ref(jr, obj, linear, any_kind, &factor->variable);
	if (r < 0)
		return r;
	const struct anker_variable *var = &linear->variables[factor->variable];
	json_t *level = json_object_get(obj, "level");
	factor->level = -1;
	if (var->kind != ANKER_VARIABLE_CATEGORICAL) {
		if (level)
			return jr_fail_at(jr, "level", ANKER_E_REFERENCE,
					  "%s is %s; only a categorical factor names a level",
					  var->name, anker_variable_kind_name(var->kind));
		return 0;
	}
	if (!level)
		return jr_fail_at(jr, "level", ANKER_E_MISSING_KEY,
				  "a categorical factor must name a level of %s", var->name);
	const char *name = NULL;
	struct jr_mark mark = jr_push_key(jr, "level");
	r = jr_check_string(jr, level, &name);
	if (r == 0) {
		factor->level = anker_loader_find_level(var, name);
		if (factor->level < 0)
			r = jr_fail(jr, ANKER_E_REFERENCE, "\"%s\" is not a level of %s", name,
				    var->name);
	}
	jr_pop(jr, mark);
	return r;
}

static int load_factor_array(struct jr *jr, json_t *array, const struct anker_linear *linear,
			     struct anker_term *term)
{
	size_t n = json_array_size(array);
	term->factors = anker_alloc_zeroed(jr->ctx, n, sizeof(*term->factors));
	if (!term->factors)
		return jr_fail_no_memory(jr);
	term->n_factors = n;
	for (size_t i = 0; i < n; i++) {
		struct jr_mark mark = jr_push_index(jr, i);
		int r = load_factor(jr, json_array_get(array, i), linear, &term->factors[i]);
		jr_pop(jr, mark);
		if (r < 0)
			return r;
	}
	return 0;
}

static int load_interaction(struct jr *jr, json_t *obj, struct anker_linear *linear,
			    struct anker_term *term)
{
	json_t *factors = NULL;
	int r = jr_number(jr, obj, "coef", true, &term->coef);
	if (r == 0)
		r = jr_array(jr, obj, "factors", true, MIN_FACTORS, MAX_FACTORS, &factors);
	if (r < 0)
		return r;
	struct jr_mark mark = jr_push_key(jr, "factors");
	r = load_factor_array(jr, factors, linear, term);
	jr_pop(jr, mark);
	return r;
}

struct term_kind {
	const char *name;
	int type;
	const char *const keys[4]; /* beyond type, name and label; NULL-terminated */
	int (*load)(struct jr *jr, json_t *obj, struct anker_linear *linear,
		    struct anker_term *term);
};

static const struct term_kind term_kinds[] = {
	{ "intercept", ANKER_TERM_INTERCEPT, { "coef", NULL }, load_intercept },
	{ "linear", ANKER_TERM_LINEAR, { "variable", "coef", "center", NULL }, load_linear },
	{ "categorical",
	  ANKER_TERM_CATEGORICAL,
	  { "variable", "reference", "effects", NULL },
	  load_categorical },
	{ "spline", ANKER_TERM_SPLINE, { "variable", "knots", "values", NULL }, load_spline },
	{ "bins", ANKER_TERM_BINS, { "variable", "edges", "effects", NULL }, load_bins },
	{ "interaction", ANKER_TERM_INTERACTION, { "coef", "factors", NULL }, load_interaction },
};
#define N_TERM_KINDS (sizeof(term_kinds) / sizeof(term_kinds[0]))

static const char *const common_keys[] = { "type", "name", "label", NULL };

static int load_term(struct jr *jr, json_t *obj, struct anker_linear *linear,
		     struct anker_term *term)
{
	int r = jr_check_object(jr, obj);
	if (r < 0)
		return r;

	/* The choices map each type name to its row in term_kinds. */
	int type = 0;
	struct anker_name_value choices[N_TERM_KINDS + 1];
	for (size_t i = 0; i < N_TERM_KINDS; i++)
		choices[i] = (struct anker_name_value){ term_kinds[i].name, (int)i };
	choices[N_TERM_KINDS] = (struct anker_name_value){ NULL, 0 };
	r = jr_choice(jr, obj, "type", true, choices, &type);
	if (r < 0)
		return r;
	const struct term_kind *kind = &term_kinds[type];

	const char *name = NULL, *label = NULL;
	r = jr_check_keys(jr, obj, common_keys, kind->keys);
	if (r == 0)
		r = jr_identifier(jr, obj, "name", true, &name);
	if (r == 0)
		r = jr_string(jr, obj, "label", true, &label);
	if (r == 0)
		r = jr_strdup(jr, name, &term->name);
	if (r == 0)
		r = jr_strdup(jr, label, &term->label);
	if (r < 0)
		return r;
	term->type = kind->type;
	return kind->load(jr, obj, linear, term);
}

static int check_unique_names(struct jr *jr, struct anker_linear *linear)
{
	const char **names = anker_alloc_array(jr->ctx, linear->n_terms, sizeof(*names));
	if (!names)
		return jr_fail_no_memory(jr);
	for (size_t i = 0; i < linear->n_terms; i++)
		names[i] = linear->terms[i].name;
	size_t dup = linear->n_terms;
	int r = jr_first_duplicate(jr, names, linear->n_terms, &dup);
	anker_dealloc(jr->ctx, names);
	if (r == 0 && dup < linear->n_terms) {
		struct jr_mark mark = jr_push_index(jr, dup);
		r = jr_fail_at(jr, "name", ANKER_E_DUPLICATE, "term \"%s\" is defined twice",
			       linear->terms[dup].name);
		jr_pop(jr, mark);
	}
	return r;
}

static int load_term_array(struct jr *jr, json_t *array, struct anker_linear *linear)
{
	size_t n = json_array_size(array);
	linear->terms = anker_alloc_zeroed(jr->ctx, n, sizeof(*linear->terms));
	if (!linear->terms)
		return jr_fail_no_memory(jr);
	linear->n_terms = n;
	for (size_t i = 0; i < n; i++) {
		struct jr_mark mark = jr_push_index(jr, i);
		int r = load_term(jr, json_array_get(array, i), linear, &linear->terms[i]);
		jr_pop(jr, mark);
		if (r < 0)
			return r;
	}
	return check_unique_names(jr, linear);
}

int anker_load_terms(struct jr *jr, json_t *root, struct anker_linear *linear)
{
	json_t *array = NULL;
	int r = jr_array(jr, root, "terms", true, 1, MAX_TERMS, &array);
	if (r < 0)
		return r;
	struct jr_mark mark = jr_push_key(jr, "terms");
	r = load_term_array(jr, array, linear);
	jr_pop(jr, mark);
	return r;
}
