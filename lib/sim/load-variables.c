/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * $.variables of a scenario: each variable's kind and its draw
 * (docs/simulation.md, "Variables"). A draw may refer only to earlier
 * variables, so that one pass in file order generates a case.
 */
#include <math.h>
#include <string.h>

#include "../model/load-private.h"
#include "sim-load.h"

#define MAX_VARIABLES 1000
#define MAX_LEVELS    1000
#define MAX_DECIMALS  9

static const struct anker_name_value draw_names[] = {
    {"uniform_int", DRAW_UNIFORM_INT},
    {"normal", DRAW_NORMAL},
    {"bernoulli", DRAW_BERNOULLI},
    {"categorical", DRAW_CATEGORICAL},
    {NULL, 0},
};

/* The kind of variable each draw makes. */
static int draw_kind(int draw)
{
	switch (draw) {
	case DRAW_BERNOULLI:
		return ANKER_VARIABLE_BOOLEAN;
	case DRAW_CATEGORICAL:
		return ANKER_VARIABLE_CATEGORICAL;
	default:
		return ANKER_VARIABLE_NUMERIC;
	}
}

static int number_in(struct jr *jr, json_t *obj, const char *key, bool required, double lo,
		     double hi, double *ret)
{
	double v = *ret;
	int r = jr_number(jr, obj, key, required, &v);
	if (r < 0)
		return r;
	if (!(v >= lo && v <= hi))
		return jr_fail_at(jr, key, ANKER_E_BAD_VALUE, "%g is outside [%g, %g]", v, lo, hi);
	*ret = v;
	return 0;
}

/*
 * The variable called @p name among the first @p before variables; a later
 * or unknown one is ANKER_E_REFERENCE naming both (at the current path).
 */
int sim_find_earlier(struct jr *jr, const struct anker_scenario *sc, size_t before,
		     const char *user, const char *name, size_t *ret)
{
	for (size_t i = 0; i < sc->n_variables; i++) {
		if (!sc->variables[i].name || strcmp(sc->variables[i].name, name) != 0)
			continue;
		if (i >= before)
			return jr_fail(jr, ANKER_E_REFERENCE,
				       "'%s' refers to variable '%s', which is defined later", user,
				       name);
		*ret = i;
		return 0;
	}
	return jr_fail(jr, ANKER_E_REFERENCE, "'%s' refers to '%s', which is no variable", user,
		       name);
}

/* "mean": a number, or {"intercept": a, "<earlier numeric or boolean variable>": b, ...}. */
static int load_mean(struct jr *jr, json_t *draw, struct anker_scenario *sc, size_t index)
{
	struct sim_variable *v = &sc->variables[index];
	json_t *mean = NULL;
	int r = jr_member(jr, draw, "mean", true, &mean);
	if (r < 0)
		return r;
	if (json_is_number(mean))
		return jr_number(jr, draw, "mean", true, &v->intercept);
	struct jr_mark mark = jr_push_key(jr, "mean");
	r = jr_check_object(jr, mean);
	size_t n = r == 0 ? json_object_size(mean) : 0;
	if (r == 0 && n > MAX_VARIABLES)
		r = jr_fail(jr, ANKER_E_TOO_LARGE, "more than %d terms", MAX_VARIABLES);
	if (r == 0 && n > 0) {
		v->terms = anker_alloc_array(sc->ctx, n, sizeof(*v->terms));
		if (!v->terms)
			r = jr_fail_no_memory(jr);
	}
	const char *key;
	json_t *value;
	json_object_foreach(mean, key, value)
	{
		if (r < 0)
			break;
		if (strcmp(key, "intercept") == 0) {
			r = jr_number(jr, mean, key, true, &v->intercept);
			continue;
		}
		struct jr_mark at = jr_push_key(jr, key);
		struct sim_term *t = &v->terms[v->n_terms];
		r = sim_find_earlier(jr, sc, index, v->name, key, &t->variable);
		if (r == 0 && sc->variables[t->variable].kind == ANKER_VARIABLE_CATEGORICAL)
			r = jr_fail(
			    jr, ANKER_E_REFERENCE,
			    "'%s' is categorical: a mean can use numeric and boolean variables",
			    key);
		if (r == 0)
			r = jr_check_number(jr, value, &t->coef);
		jr_pop(jr, at);
		if (r == 0)
			v->n_terms++;
	}
	jr_pop(jr, mark);
	return r;
}

static int load_normal(struct jr *jr, json_t *draw, struct anker_scenario *sc, size_t index)
{
	static const char *const keys[] = {"type", "mean", "sd", "round", "min", "max", NULL};
	struct sim_variable *v = &sc->variables[index];
	long long decimals = 0;
	v->min = -INFINITY;
	v->max = INFINITY;
	int r = jr_check_keys(jr, draw, keys, NULL);
	if (r == 0)
		r = load_mean(jr, draw, sc, index);
	if (r == 0)
		r = number_in(jr, draw, "sd", true, 0, JR_NUMBER_MAX, &v->sd);
	if (r == 0)
		r = jr_integer(jr, draw, "round", false, &decimals);
	if (r == 0 && (decimals < 0 || decimals > MAX_DECIMALS))
		r = jr_fail_at(jr, "round", ANKER_E_BAD_VALUE, "%lld decimals: 0 to %d allowed",
			       decimals, MAX_DECIMALS);
	if (r == 0)
		r = jr_number(jr, draw, "min", false, &v->min);
	if (r == 0)
		r = jr_number(jr, draw, "max", false, &v->max);
	if (r == 0 && !(v->min < v->max))
		r = jr_fail_at(jr, "max", ANKER_E_ORDER, "max must be above min");
	v->decimals = (int)decimals;
	return r;
}

static int load_uniform_int(struct jr *jr, json_t *draw, struct sim_variable *v)
{
	static const char *const keys[] = {"type", "min", "max", NULL};
	int r = jr_check_keys(jr, draw, keys, NULL);
	if (r == 0)
		r = jr_integer(jr, draw, "min", true, &v->int_min);
	if (r == 0)
		r = jr_integer(jr, draw, "max", true, &v->int_max);
	if (r == 0 && v->int_max < v->int_min)
		r = jr_fail_at(jr, "max", ANKER_E_ORDER, "max must not be below min");
	if (r == 0 && (llabs(v->int_min) > 1000000000LL || llabs(v->int_max) > 1000000000LL))
		r = jr_fail_at(jr, "max", ANKER_E_OUT_OF_RANGE, "bounds beyond +-1e9");
	return r;
}

static int load_bernoulli(struct jr *jr, json_t *draw, struct sim_variable *v)
{
	static const char *const keys[] = {"type", "p", NULL};
	int r = jr_check_keys(jr, draw, keys, NULL);
	if (r == 0)
		r = number_in(jr, draw, "p", true, 0, 1, &v->p);
	return r;
}

/* {"levels": {"a": share, ...}}: identifiers, shares summing to 1 within 1e-9. */
static int load_categorical(struct jr *jr, json_t *draw, struct anker_scenario *sc,
			    struct sim_variable *v)
{
	static const char *const keys[] = {"type", "levels", NULL};
	json_t *levels = NULL;
	int r = jr_check_keys(jr, draw, keys, NULL);
	if (r == 0)
		r = jr_object(jr, draw, "levels", true, &levels);
	if (r < 0)
		return r;
	struct jr_mark mark = jr_push_key(jr, "levels");
	size_t n = json_object_size(levels);
	if (n == 0)
		r = jr_fail(jr, ANKER_E_BAD_VALUE, "at least one level required");
	else if (n > MAX_LEVELS)
		r = jr_fail(jr, ANKER_E_TOO_LARGE, "more than %d levels", MAX_LEVELS);
	if (r == 0) {
		v->levels = anker_alloc_zeroed(sc->ctx, n, sizeof(*v->levels));
		v->cumulative = anker_alloc_array(sc->ctx, n, sizeof(*v->cumulative));
		if (!v->levels || !v->cumulative)
			r = jr_fail_no_memory(jr);
	}
	double sum = 0;
	const char *key;
	json_t *value;
	json_object_foreach(levels, key, value)
	{
		if (r < 0)
			break;
		struct jr_mark at = jr_push_key(jr, key);
		double share = 0;
		if (!jr_is_identifier(key))
			r = jr_fail(jr, ANKER_E_BAD_VALUE, "'%s' is no identifier", key);
		if (r == 0)
			r = jr_check_number(jr, value, &share);
		if (r == 0 && !(share >= 0 && share <= 1))
			r = jr_fail(jr, ANKER_E_BAD_VALUE, "share %g is outside [0, 1]", share);
		if (r == 0)
			r = jr_strdup(jr, key, &v->levels[v->n_levels]);
		jr_pop(jr, at);
		if (r == 0) {
			sum += share;
			v->cumulative[v->n_levels++] = sum;
		}
	}
	if (r == 0 && fabs(sum - 1.0) > 1e-9)
		r = jr_fail(jr, ANKER_E_BAD_VALUE, "the shares sum to %.12g, not 1", sum);
	if (r == 0)
		v->cumulative[n - 1] = 1.0; /* a last draw never falls past the end */
	jr_pop(jr, mark);
	return r;
}

static int load_variable(struct jr *jr, json_t *obj, struct anker_scenario *sc, size_t index)
{
	static const char *const keys[] = {"name", "label", "kind", "draw", "missing", NULL};
	struct sim_variable *v = &sc->variables[index];
	const char *name = NULL, *label = NULL;
	json_t *draw = NULL;
	int r = jr_check_object(jr, obj);
	if (r == 0)
		r = jr_check_keys(jr, obj, keys, NULL);
	if (r == 0)
		r = jr_identifier(jr, obj, "name", true, &name);
	if (r == 0 && !v->name)
		r = jr_strdup(jr, name, &v->name);
	if (r == 0)
		r = jr_string(jr, obj, "label", false, &label);
	if (r == 0)
		r = jr_choice(jr, obj, "kind", true, anker_variable_kind_names, &v->kind);
	if (r == 0)
		r = number_in(jr, obj, "missing", false, 0, 1, &v->missing);
	if (r == 0)
		r = jr_object(jr, obj, "draw", true, &draw);
	if (r < 0)
		return r;
	struct jr_mark mark = jr_push_key(jr, "draw");
	r = jr_choice(jr, draw, "type", true, draw_names, &v->draw);
	if (r == 0 && draw_kind(v->draw) != v->kind)
		r = jr_fail_at(jr, "type", ANKER_E_BAD_VALUE,
			       "a %s draw makes a %s variable, not a %s one",
			       anker_name_of(draw_names, v->draw),
			       anker_variable_kind_name(draw_kind(v->draw)),
			       anker_variable_kind_name(v->kind));
	if (r == 0) {
		switch (v->draw) {
		case DRAW_UNIFORM_INT:
			r = load_uniform_int(jr, draw, v);
			break;
		case DRAW_NORMAL:
			r = load_normal(jr, draw, sc, index);
			break;
		case DRAW_BERNOULLI:
			r = load_bernoulli(jr, draw, v);
			break;
		default:
			r = load_categorical(jr, draw, sc, v);
			break;
		}
	}
	jr_pop(jr, mark);
	return r;
}

int sim_load_variables(struct jr *jr, json_t *root, struct anker_scenario *sc)
{
	json_t *arr = NULL;
	int r = jr_array(jr, root, "variables", true, 1, MAX_VARIABLES, &arr);
	if (r < 0)
		return r;
	size_t n = json_array_size(arr);
	sc->variables = anker_alloc_zeroed(sc->ctx, n, sizeof(*sc->variables));
	if (!sc->variables)
		return jr_fail_no_memory(jr);
	sc->n_variables = n;
	struct jr_mark mark = jr_push_key(jr, "variables");
	/* Every name first, so that a reference to a later variable can name it. */
	for (size_t i = 0; i < n && r == 0; i++) {
		json_t *name = json_object_get(json_array_get(arr, i), "name");
		if (json_is_string(name) && jr_is_identifier(json_string_value(name)))
			r = jr_strdup(jr, json_string_value(name), &sc->variables[i].name);
	}
	for (size_t i = 0; i < n && r == 0; i++) {
		struct jr_mark at = jr_push_index(jr, i);
		r = load_variable(jr, json_array_get(arr, i), sc, i);
		jr_pop(jr, at);
	}
	jr_pop(jr, mark);
	return r;
}
