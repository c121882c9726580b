/* SPDX-License-Identifier: GPL-3.0-or-later */
/* $.variables: names, kinds, numeric ranges, categorical levels, missing-value policies. */
#include <string.h>

#include "load-private.h"

#define MAX_VARIABLES 1024
#define MAX_LEVELS 1024
#define MAX_LEVEL_BYTES 255

static const char *const common_keys[] = { "name", "label", "kind", "missing", NULL };
static const char *const numeric_keys[] = { "range", "out_of_range", NULL };
static const char *const categorical_keys[] = { "levels", NULL };

const struct anker_variable *anker_loader_find_variable(const struct anker_linear *linear,
							const char *name, size_t *ret_index)
{
	for (size_t i = 0; i < linear->n_variables; i++) {
		if (linear->variables[i].name && strcmp(linear->variables[i].name, name) == 0) {
			*ret_index = i;
			return &linear->variables[i];
		}
	}
	return NULL;
}

int32_t anker_loader_find_level(const struct anker_variable *var, const char *name)
{
	for (size_t i = 0; i < var->n_levels; i++)
		if (strcmp(var->levels[i], name) == 0)
			return (int32_t)i;
	return -1;
}

int anker_load_range(struct jr *jr, json_t *obj, struct anker_variable *var)
{
	json_t *range = NULL;
	int r = jr_array(jr, obj, "range", true, 2, 2, &range);
	if (r < 0)
		return r;
	struct jr_mark mark = jr_push_key(jr, "range");
	double bounds[2] = { 0, 0 };
	for (size_t i = 0; i < 2 && r == 0; i++) {
		struct jr_mark at = jr_push_index(jr, i);
		r = jr_check_number(jr, json_array_get(range, i), &bounds[i]);
		jr_pop(jr, at);
	}
	if (r == 0 && !(bounds[0] < bounds[1]))
		r = jr_fail(jr, ANKER_E_ORDER, "min %g is not below max %g", bounds[0], bounds[1]);
	jr_pop(jr, mark);
	if (r < 0)
		return r;
	var->min = bounds[0];
	var->max = bounds[1];
	return jr_choice(jr, obj, "out_of_range", false, anker_range_policy_names, &var->out_of_range);
}

int anker_load_level_names(struct jr *jr, json_t *levels, struct anker_variable *var)
{
	size_t n = json_array_size(levels);
	var->levels = anker_alloc_zeroed(jr->ctx, n, sizeof(*var->levels));
	if (!var->levels)
		return jr_fail_no_memory(jr);
	var->n_levels = n;
	for (size_t i = 0; i < n; i++) {
		struct jr_mark mark = jr_push_index(jr, i);
		const char *name = NULL;
		int r = jr_check_string(jr, json_array_get(levels, i), &name);
		if (r == 0 && strlen(name) > MAX_LEVEL_BYTES)
			r = jr_fail(jr, ANKER_E_BAD_VALUE, "level name longer than %d bytes",
				    MAX_LEVEL_BYTES);
		if (r == 0)
			r = jr_strdup(jr, name, &var->levels[i]);
		jr_pop(jr, mark);
		if (r < 0)
			return r;
	}
	size_t dup = n;
	int r = jr_first_duplicate(jr, (const char *const *)var->levels, n, &dup);
	if (r == 0 && dup < n) {
		struct jr_mark mark = jr_push_index(jr, dup);
		r = jr_fail(jr, ANKER_E_DUPLICATE, "level \"%s\" appears twice", var->levels[dup]);
		jr_pop(jr, mark);
	}
	return r;
}

static int load_levels(struct jr *jr, json_t *obj, struct anker_variable *var)
{
	json_t *levels = NULL;
	int r = jr_array(jr, obj, "levels", true, 1, MAX_LEVELS, &levels);
	if (r < 0)
		return r;
	struct jr_mark mark = jr_push_key(jr, "levels");
	r = anker_load_level_names(jr, levels, var);
	jr_pop(jr, mark);
	return r;
}

int anker_load_level_ref(struct jr *jr, json_t *value, const struct anker_variable *var, int code,
			 int32_t *ret)
{
	const char *name = NULL;
	int r = jr_check_string(jr, value, &name);
	if (r < 0)
		return r;
	int32_t level = anker_loader_find_level(var, name);
	if (level < 0)
		return jr_fail(jr, code, "\"%s\" is not a level of %s", name, var->name);
	*ret = level;
	return 0;
}

static int check_impute_value(struct jr *jr, json_t *value, struct anker_variable *var)
{
	int r;
	switch (var->kind) {
	case ANKER_VARIABLE_NUMERIC: {
		double v = 0;
		r = jr_check_number(jr, value, &v);
		if (r == 0 && !(v >= var->min && v <= var->max))
			r = jr_fail(jr, ANKER_E_BAD_VALUE, "%g is outside the range [%g, %g]", v,
				    var->min, var->max);
		if (r == 0)
			var->impute_value = v;
		return r;
	}
	case ANKER_VARIABLE_BOOLEAN: {
		bool b = false;
		r = jr_check_boolean(jr, value, &b);
		if (r == 0)
			var->impute_value = b ? 1.0 : 0.0;
		return r;
	}
	default:
		return anker_load_level_ref(jr, value, var, ANKER_E_REFERENCE, &var->impute_level);
	}
}

static int load_missing_policy(struct jr *jr, json_t *missing, struct anker_variable *var)
{
	static const char *const reject_keys[] = { "policy", NULL };
	static const char *const impute_keys[] = { "policy", "value", NULL };
	static const char *const level_keys[] = { "policy", "level", NULL };

	int policy = 0;
	int r = jr_choice(jr, missing, "policy", true, anker_missing_policy_names, &policy);
	if (r < 0)
		return r;
	if (policy == ANKER_MISSING_LEVEL && var->kind != ANKER_VARIABLE_CATEGORICAL)
		return jr_fail_at(jr, "policy", ANKER_E_BAD_VALUE,
				  "the \"level\" policy is for categorical variables only");
	/* Only a questionnaire's scales know what to do with a missing value. */
	if (policy == ANKER_MISSING_PASS)
		return jr_fail_at(jr, "policy", ANKER_E_BAD_VALUE,
				  "the \"pass\" policy is for questionnaire items only");
	const char *const *keys = policy == ANKER_MISSING_REJECT   ? reject_keys
				  : policy == ANKER_MISSING_IMPUTE ? impute_keys
								   : level_keys;
	r = jr_check_keys(jr, missing, keys, NULL);
	if (r < 0)
		return r;

	const char *key = policy == ANKER_MISSING_IMPUTE ? "value" : "level";
	json_t *value = NULL;
	if (policy != ANKER_MISSING_REJECT) {
		r = jr_member(jr, missing, key, true, &value);
		if (r < 0)
			return r;
		struct jr_mark mark = jr_push_key(jr, key);
		if (policy == ANKER_MISSING_IMPUTE)
			r = check_impute_value(jr, value, var);
		else
			r = anker_load_level_ref(jr, value, var, ANKER_E_REFERENCE,
						 &var->impute_level);
		jr_pop(jr, mark);
	}
	if (r == 0)
		var->missing = policy;
	return r;
}

static int load_missing(struct jr *jr, json_t *obj, struct anker_variable *var)
{
	json_t *missing = NULL;
	int r = jr_object(jr, obj, "missing", false, &missing);
	if (r < 0 || !missing)
		return r;
	struct jr_mark mark = jr_push_key(jr, "missing");
	r = load_missing_policy(jr, missing, var);
	jr_pop(jr, mark);
	return r;
}

static int load_variable(struct jr *jr, json_t *obj, struct anker_variable *var)
{
	int r = jr_check_object(jr, obj);
	if (r < 0)
		return r;

	/* Defaults first: the readers leave outputs untouched for absent optional keys. */
	var->out_of_range = ANKER_RANGE_REJECT;
	var->missing = ANKER_MISSING_REJECT;
	var->impute_level = -1;

	const char *name = NULL, *label = NULL;
	r = jr_identifier(jr, obj, "name", true, &name);
	if (r == 0)
		r = jr_string(jr, obj, "label", false, &label);
	if (r == 0)
		r = jr_choice(jr, obj, "kind", true, anker_variable_kind_names, &var->kind);
	if (r < 0)
		return r;

	const char *const *kind_keys = var->kind == ANKER_VARIABLE_NUMERIC	   ? numeric_keys
				       : var->kind == ANKER_VARIABLE_CATEGORICAL ? categorical_keys
										  : NULL;
	r = jr_check_keys(jr, obj, common_keys, kind_keys);
	if (r == 0)
		r = jr_strdup(jr, name, &var->name);
	if (r == 0)
		r = jr_strdup(jr, label ? label : name, &var->label);
	if (r == 0 && var->kind == ANKER_VARIABLE_NUMERIC)
		r = anker_load_range(jr, obj, var);
	if (r == 0 && var->kind == ANKER_VARIABLE_CATEGORICAL)
		r = load_levels(jr, obj, var);
	if (r == 0)
		r = load_missing(jr, obj, var);
	return r;
}

int anker_loader_check_unique_variables(struct jr *jr, const struct anker_linear *linear)
{
	const char **names = anker_alloc_array(jr->ctx, linear->n_variables, sizeof(*names));
	if (!names)
		return jr_fail_no_memory(jr);
	for (size_t i = 0; i < linear->n_variables; i++)
		names[i] = linear->variables[i].name;
	size_t dup = linear->n_variables;
	int r = jr_first_duplicate(jr, names, linear->n_variables, &dup);
	anker_dealloc(jr->ctx, names);
	if (r == 0 && dup < linear->n_variables) {
		struct jr_mark mark = jr_push_index(jr, dup);
		r = jr_fail_at(jr, "name", ANKER_E_DUPLICATE, "variable \"%s\" is defined twice",
			       linear->variables[dup].name);
		jr_pop(jr, mark);
	}
	return r;
}

static int load_variable_array(struct jr *jr, json_t *array, struct anker_linear *linear)
{
	size_t n = json_array_size(array);
	linear->variables = anker_alloc_zeroed(jr->ctx, n, sizeof(*linear->variables));
	if (!linear->variables)
		return jr_fail_no_memory(jr);
	linear->n_variables = n;
	for (size_t i = 0; i < n; i++) {
		struct jr_mark mark = jr_push_index(jr, i);
		int r = load_variable(jr, json_array_get(array, i), &linear->variables[i]);
		jr_pop(jr, mark);
		if (r < 0)
			return r;
	}
	return anker_loader_check_unique_variables(jr, linear);
}

int anker_load_variables(struct jr *jr, json_t *root, struct anker_linear *linear)
{
	json_t *array = NULL;
	int r = jr_array(jr, root, "variables", true, 1, MAX_VARIABLES, &array);
	if (r < 0)
		return r;
	struct jr_mark mark = jr_push_key(jr, "variables");
	r = load_variable_array(jr, array, linear);
	jr_pop(jr, mark);
	return r;
}
