/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * $.outcomes of a scenario: each outcome's truth model and columns. Every
 * variable a truth model reads must be a column made before the outcomes
 * (a variable, an answer or a questionnaire column) of a matching kind, and
 * every level a scenario draws must be one the model knows, so that a case
 * fails to score only where a value is missing.
 */
#include <math.h>
#include <string.h>

#include "../model/load-private.h"
#include "sim-load.h"

#define MAX_OUTCOMES 100

static const struct sim_column *find_column(const struct anker_scenario *sc, const char *name)
{
	for (size_t i = 0; i < sc->n_input_columns; i++)
		if (strcmp(sc->columns[i].name, name) == 0)
			return &sc->columns[i];
	return NULL;
}

static const struct sim_variable *find_variable(const struct anker_scenario *sc, const char *name)
{
	for (size_t i = 0; i < sc->n_variables; i++)
		if (strcmp(sc->variables[i].name, name) == 0)
			return &sc->variables[i];
	return NULL;
}

static bool column_fits(int type, int kind)
{
	switch (kind) {
	case ANKER_VARIABLE_NUMERIC:
		return type == ANKER_SIM_COLUMN_NUMBER || type == ANKER_SIM_COLUMN_INTEGER;
	case ANKER_VARIABLE_BOOLEAN:
		return type == ANKER_SIM_COLUMN_BOOLEAN;
	default:
		return type == ANKER_SIM_COLUMN_LEVEL;
	}
}

/* At $.outcomes[i].truth: the truth model's variables against the columns. */
static int check_truth_inputs(struct jr *jr, const struct anker_scenario *sc,
			      const struct anker_model *m, const char *file)
{
	for (size_t i = 0; i < anker_model_get_variable_count(m); i++) {
		const char *name = anker_model_get_variable_name(m, i);
		int kind = anker_model_get_variable_kind(m, i);
		const struct sim_column *col = find_column(sc, name);
		if (!col)
			return jr_fail(jr, ANKER_E_REFERENCE,
				       "truth model '%s' needs variable '%s', which the scenario "
				       "does not make",
				       file, name);
		if (!column_fits(col->type, kind))
			return jr_fail(jr, ANKER_E_REFERENCE,
				       "truth model '%s' reads '%s' as %s, which the scenario "
				       "does not make",
				       file, name, anker_variable_kind_name(kind));
		const struct sim_variable *v = find_variable(sc, name);
		for (size_t k = 0; v && v->draw == DRAW_CATEGORICAL && k < v->n_levels; k++)
			if (anker_model_find_level(m, i, v->levels[k]) < 0)
				return jr_fail(jr, ANKER_E_REFERENCE,
					       "truth model '%s' has no level '%s' of '%s'", file,
					       v->levels[k], name);
	}
	return 0;
}

static int load_binary_outcome(struct jr *jr, json_t *obj, struct anker_scenario *sc,
			       struct sim_outcome *o)
{
	static const char *const keys[] = {"name", "truth", "column", "target_rate", NULL};
	const char *column = NULL;
	json_t *target = NULL;
	int r = jr_check_keys(jr, obj, keys, NULL);
	if (r == 0)
		r = jr_identifier(jr, obj, "column", true, &column);
	if (r == 0)
		r = jr_member(jr, obj, "target_rate", false, &target);
	if (r == 0 && target) {
		r = jr_number(jr, obj, "target_rate", true, &o->target_rate);
		if (r == 0 && !(o->target_rate > 0 && o->target_rate < 1))
			r = jr_fail_at(jr, "target_rate", ANKER_E_BAD_VALUE, "%g is outside (0, 1)",
				       o->target_rate);
		o->has_target = true;
	}
	o->link = anker_model_get_link(o->model);
	if (r == 0)
		r = jr_strdup(jr, column, &sc->outcome_columns[sc->n_outcome_columns]);
	if (r == 0)
		r = sim_add_column(jr, sc, sc->outcome_columns[sc->n_outcome_columns++],
				   ANKER_SIM_COLUMN_INTEGER, 0);
	return r;
}

static int load_duration_outcome(struct jr *jr, json_t *obj, struct anker_scenario *sc,
				 struct sim_outcome *o)
{
	static const char *const keys[] = {"name",	   "truth",	    "time_column",
					   "event_column", "censor_months", NULL};
	const char *time = NULL, *event = NULL;
	long long censor = 0;
	int r = jr_check_keys(jr, obj, keys, NULL);
	if (r == 0)
		r = jr_identifier(jr, obj, "time_column", true, &time);
	if (r == 0)
		r = jr_identifier(jr, obj, "event_column", true, &event);
	if (r == 0)
		r = jr_integer(jr, obj, "censor_months", true, &censor);
	double max = anker_model_get_max_months(o->model);
	if (r == 0 && (censor < 1 || (double)censor > max))
		r = jr_fail_at(jr, "censor_months", ANKER_E_BAD_VALUE,
			       "%lld: 1 to the truth model's last month (%g) allowed", censor, max);
	o->censor_months = (int)censor;
	for (int k = 0; k < 2 && r == 0; k++) {
		r = jr_strdup(jr, k == 0 ? time : event,
			      &sc->outcome_columns[sc->n_outcome_columns]);
		if (r == 0)
			r = sim_add_column(jr, sc, sc->outcome_columns[sc->n_outcome_columns++],
					   ANKER_SIM_COLUMN_INTEGER, 0);
	}
	return r;
}

static int load_outcome(struct jr *jr, json_t *obj, const char *base, struct anker_scenario *sc,
			struct sim_outcome *o)
{
	const char *name = NULL, *truth = NULL;
	int r = jr_check_object(jr, obj);
	if (r == 0)
		r = jr_identifier(jr, obj, "name", true, &name);
	if (r == 0)
		r = jr_strdup(jr, name, &o->name);
	if (r == 0)
		r = jr_string(jr, obj, "truth", true, &truth);
	if (r == 0)
		r = sim_load_model(jr, base, "truth", truth, &o->model);
	if (r < 0)
		return r;
	o->kind = anker_model_get_kind(o->model);
	struct jr_mark mark = jr_push_key(jr, "truth");
	if (o->kind != ANKER_MODEL_BINARY && o->kind != ANKER_MODEL_DURATION)
		r = jr_fail(jr, ANKER_E_UNSUPPORTED,
			    "truth model '%s' is a %s model: binary or duration required", truth,
			    anker_model_kind_name(o->kind));
	if (r == 0)
		r = check_truth_inputs(jr, sc, o->model, truth);
	jr_pop(jr, mark);
	if (r == 0 && o->kind == ANKER_MODEL_BINARY)
		r = load_binary_outcome(jr, obj, sc, o);
	else if (r == 0)
		r = load_duration_outcome(jr, obj, sc, o);
	return r;
}

int sim_load_outcomes(struct jr *jr, json_t *root, const char *base, struct anker_scenario *sc)
{
	json_t *arr = NULL;
	int r = jr_array(jr, root, "outcomes", true, 1, MAX_OUTCOMES, &arr);
	if (r < 0)
		return r;
	size_t n = json_array_size(arr);
	sc->outcomes = anker_alloc_zeroed(sc->ctx, n, sizeof(*sc->outcomes));
	sc->outcome_columns = anker_alloc_zeroed(sc->ctx, 2 * n, sizeof(*sc->outcome_columns));
	if (!sc->outcomes || !sc->outcome_columns)
		return jr_fail_no_memory(jr);
	sc->outcomes_alloc = n;
	struct jr_mark mark = jr_push_key(jr, "outcomes");
	/* Truth models read only the inputs, never each other's outcome columns. */
	sc->n_input_columns = sc->n_columns;
	for (size_t i = 0; i < n && r == 0; i++) {
		struct jr_mark at = jr_push_index(jr, i);
		r = load_outcome(jr, json_array_get(arr, i), base, sc, &sc->outcomes[i]);
		if (r == 0)
			sc->n_outcomes++;
		jr_pop(jr, at);
	}
	jr_pop(jr, mark);
	return r;
}
