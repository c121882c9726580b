/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * $.questionnaire of a scenario: the questionnaire model the simulated
 * clients fill in, how they answer (docs/simulation.md, "Questionnaire") and
 * which of its outputs become columns.
 */
#include <math.h>
#include <string.h>

#include "../model/load-private.h"
#include "sim-load.h"

static int find_item(struct jr *jr, const struct anker_scenario *sc, const char *name, size_t *ret)
{
	for (size_t i = 0; i < sc->n_items; i++)
		if (strcmp(sc->items[i].name, name) == 0) {
			*ret = i;
			return 0;
		}
	return jr_fail(jr, ANKER_E_REFERENCE, "'%s' is no item of the questionnaire", name);
}

static int load_items(struct jr *jr, struct anker_scenario *sc)
{
	const struct anker_model *q = sc->questionnaire;
	size_t n = anker_model_get_variable_count(q);
	sc->items = anker_alloc_zeroed(sc->ctx, n, sizeof(*sc->items));
	if (!sc->items)
		return jr_fail_no_memory(jr);
	sc->items_alloc = n;
	for (size_t i = 0; i < n; i++) {
		struct sim_item *it = &sc->items[i];
		it->name = anker_model_get_variable_name(q, i);
		it->response = anker_model_get_item_response(q, i);
		it->from_variable = -1;
		if (it->response != ANKER_RESPONSE_LIKERT && it->response != ANKER_RESPONSE_CHOICE)
			return jr_fail_at(jr, "file", ANKER_E_UNSUPPORTED,
					  "item '%s' is a %s item: only Likert and choice items "
					  "can be simulated",
					  it->name, anker_response_type_name(it->response));
		it->n_options = anker_model_get_option_count(q, i);
		it->values = anker_alloc_array(sc->ctx, it->n_options, sizeof(*it->values));
		it->codes = anker_alloc_zeroed(sc->ctx, it->n_options, sizeof(*it->codes));
		if (!it->values || !it->codes)
			return jr_fail_no_memory(jr);
		for (size_t k = 0; k < it->n_options; k++) {
			anker_model_get_option_value(q, i, k, &it->values[k]);
			if (it->response == ANKER_RESPONSE_CHOICE)
				it->codes[k] = anker_model_get_level_name(q, i, k);
		}
		sc->n_items++;
	}
	return 0;
}

static int load_reverse(struct jr *jr, json_t *obj, struct anker_scenario *sc)
{
	json_t *arr = NULL;
	int r = jr_array(jr, obj, "reverse_items", false, 0, 10000, &arr);
	if (r < 0 || !arr)
		return r;
	struct jr_mark mark = jr_push_key(jr, "reverse_items");
	for (size_t i = 0; i < json_array_size(arr) && r == 0; i++) {
		struct jr_mark at = jr_push_index(jr, i);
		const char *name = NULL;
		size_t item = 0;
		r = jr_check_string(jr, json_array_get(arr, i), &name);
		if (r == 0)
			r = find_item(jr, sc, name, &item);
		if (r == 0)
			sc->items[item].reverse = true;
		jr_pop(jr, at);
	}
	jr_pop(jr, mark);
	return r;
}

/* {"<item>": {"variable": "<numeric variable>", "edges": [...]}}: options by bins. */
static int load_items_from(struct jr *jr, json_t *obj, struct anker_scenario *sc)
{
	static const char *const keys[] = {"variable", "edges", NULL};
	json_t *map = NULL;
	int r = jr_object(jr, obj, "items_from", false, &map);
	if (r < 0 || !map)
		return r;
	struct jr_mark mark = jr_push_key(jr, "items_from");
	const char *key;
	json_t *value;
	json_object_foreach(map, key, value)
	{
		struct jr_mark at = jr_push_key(jr, key);
		size_t item = 0, var = 0;
		const char *name = NULL;
		r = find_item(jr, sc, key, &item);
		struct sim_item *it = &sc->items[item];
		if (r == 0)
			r = jr_check_object(jr, value);
		if (r == 0)
			r = jr_check_keys(jr, value, keys, NULL);
		if (r == 0)
			r = jr_string(jr, value, "variable", true, &name);
		if (r == 0) {
			struct jr_mark v = jr_push_key(jr, "variable");
			r = sim_find_earlier(jr, sc, sc->n_variables, key, name, &var);
			if (r == 0 && sc->variables[var].kind != ANKER_VARIABLE_NUMERIC)
				r = jr_fail(jr, ANKER_E_REFERENCE, "'%s' is not numeric", name);
			jr_pop(jr, v);
		}
		size_t n_edges = 0;
		if (r == 0)
			r = anker_load_numbers(jr, value, "edges", it->n_options - 1,
					       it->n_options - 1, it->n_options - 1, true,
					       &it->edges, &n_edges);
		if (r == 0)
			it->from_variable = (long)var;
		jr_pop(jr, at);
		if (r < 0)
			break;
	}
	jr_pop(jr, mark);
	return r;
}

/* {"<column>": "<number output>"}: the derived columns, in file order. */
static int load_columns(struct jr *jr, json_t *obj, struct anker_scenario *sc)
{
	json_t *map = NULL;
	int r = jr_object(jr, obj, "columns", false, &map);
	if (r < 0 || !map)
		return r;
	size_t n = json_object_size(map);
	sc->derived = anker_alloc_zeroed(sc->ctx, n ? n : 1, sizeof(*sc->derived));
	if (!sc->derived)
		return jr_fail_no_memory(jr);
	struct jr_mark mark = jr_push_key(jr, "columns");
	const char *key;
	json_t *value;
	json_object_foreach(map, key, value)
	{
		struct jr_mark at = jr_push_key(jr, key);
		struct sim_derived *d = &sc->derived[sc->n_derived];
		const char *output = NULL;
		if (!jr_is_identifier(key))
			r = jr_fail(jr, ANKER_E_BAD_VALUE, "'%s' is no identifier", key);
		if (r == 0)
			r = jr_check_string(jr, value, &output);
		int index = r == 0 ? anker_model_find_output(sc->questionnaire, output) : 0;
		if (r == 0 &&
		    (index < 0 || anker_model_get_output_type(sc->questionnaire, (size_t)index) !=
				      ANKER_OUTPUT_NUMBER))
			r = jr_fail(jr, ANKER_E_REFERENCE,
				    "'%s' is no number output of the questionnaire", output);
		if (r == 0)
			r = jr_strdup(jr, key, &d->column);
		jr_pop(jr, at);
		if (r < 0)
			break;
		d->output = (size_t)index;
		sc->n_derived++;
	}
	jr_pop(jr, mark);
	return r;
}

int sim_load_questionnaire(struct jr *jr, json_t *root, const char *base, struct anker_scenario *sc)
{
	static const char *const keys[] = {
	    "file",	   "completion",    "loading",	  "noise_sd", "answer_none",
	    "stop_within", "reverse_items", "items_from", "columns",  NULL};
	json_t *obj = NULL;
	const char *file = NULL;
	long long stop_within = -1;
	int r = jr_object(jr, root, "questionnaire", false, &obj);
	if (r < 0 || !obj)
		return r;
	struct jr_mark mark = jr_push_key(jr, "questionnaire");
	sc->loading = 1.1;
	sc->noise_sd = 0.9;
	sc->answer_none = 0.5;
	r = jr_check_keys(jr, obj, keys, NULL);
	if (r == 0)
		r = jr_string(jr, obj, "file", true, &file);
	if (r == 0)
		r = sim_load_model(jr, base, "file", file, &sc->questionnaire);
	if (r == 0 && anker_model_get_kind(sc->questionnaire) != ANKER_MODEL_QUESTIONNAIRE)
		r = jr_fail_at(jr, "file", ANKER_E_BAD_VALUE,
			       "'%s' is a %s model, not a questionnaire", file,
			       anker_model_kind_name(anker_model_get_kind(sc->questionnaire)));
	if (r == 0)
		r = jr_number(jr, obj, "completion", true, &sc->completion);
	if (r == 0 && !(sc->completion > 0 && sc->completion <= 1))
		r = jr_fail_at(jr, "completion", ANKER_E_BAD_VALUE, "%g is outside (0, 1]",
			       sc->completion);
	if (r == 0)
		r = jr_number(jr, obj, "loading", false, &sc->loading);
	if (r == 0)
		r = jr_number(jr, obj, "noise_sd", false, &sc->noise_sd);
	if (r == 0 && !(sc->noise_sd >= 0))
		r = jr_fail_at(jr, "noise_sd", ANKER_E_BAD_VALUE, "must not be negative");
	if (r == 0)
		r = jr_number(jr, obj, "answer_none", false, &sc->answer_none);
	if (r == 0 && !(sc->answer_none >= 0 && sc->answer_none <= 1))
		r = jr_fail_at(jr, "answer_none", ANKER_E_BAD_VALUE, "%g is outside [0, 1]",
			       sc->answer_none);
	if (r == 0)
		r = load_items(jr, sc);
	if (r == 0)
		r = jr_integer(jr, obj, "stop_within", false, &stop_within);
	if (r == 0 && stop_within == -1)
		stop_within = (long long)sc->n_items - 1;
	/* one item: a client answers it or not, and a non-completer answers nothing */
	if (r == 0 && sc->n_items > 1 && (stop_within < 1 || stop_within >= (long long)sc->n_items))
		r = jr_fail_at(jr, "stop_within", ANKER_E_BAD_VALUE,
			       "%lld: 1 to %zu (one less than the items) allowed", stop_within,
			       sc->n_items - 1);
	sc->stop_within = (long)stop_within;
	if (r == 0)
		r = load_reverse(jr, obj, sc);
	if (r == 0)
		r = load_items_from(jr, obj, sc);
	if (r == 0)
		r = load_columns(jr, obj, sc);
	jr_pop(jr, mark);
	return r;
}
