/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Loading a scenario file (format "anker-scenario", docs/simulation.md): the
 * metadata and provenance here, the sections in load-*.c; then the columns,
 * whose names must all differ.
 */
#include <limits.h>
#include <math.h>
#include <string.h>

#include "../assess/assess-private.h"
#include "../model/load-private.h"
#include "sim-load.h"

int sim_add_column(struct jr *jr, struct anker_scenario *sc, const char *name, int type,
		   int decimals)
{
	struct sim_column *grown =
	    anker_realloc_array(sc->ctx, sc->columns, sc->n_columns + 1, sizeof(*grown));
	if (!grown)
		return jr_fail_no_memory(jr);
	sc->columns = grown;
	sc->columns[sc->n_columns++] = (struct sim_column){name, type, decimals};
	return 0;
}

int sim_load_model(struct jr *jr, const char *base, const char *key, const char *file,
		   struct anker_model **ret)
{
	char path[ANKER_PROFILE_MAX_PATH];
	int r = anker_profile_resolve_path(jr, base, file, path);
	if (r < 0)
		return r;
	struct anker_error *inner = NULL;
	if (anker_error_new(&inner) < 0)
		return jr_fail_no_memory(jr);
	r = anker_model_load_file(jr->ctx, path, inner, ret);
	if (r < 0)
		r = jr_fail_at(jr, key, r, "cannot load '%s': %s", file,
			       anker_error_message(inner));
	anker_error_free(inner);
	return r;
}

static int variable_column_type(const struct sim_variable *v)
{
	switch (v->draw) {
	case DRAW_UNIFORM_INT:
		return ANKER_SIM_COLUMN_INTEGER;
	case DRAW_NORMAL:
		return v->decimals == 0 ? ANKER_SIM_COLUMN_INTEGER : ANKER_SIM_COLUMN_NUMBER;
	case DRAW_BERNOULLI:
		return ANKER_SIM_COLUMN_BOOLEAN;
	default:
		return ANKER_SIM_COLUMN_LEVEL;
	}
}

/* The input columns: case_id, the variables, the answers, the questionnaire's columns. */
static int add_input_columns(struct jr *jr, struct anker_scenario *sc)
{
	int r = sim_add_column(jr, sc, "case_id", ANKER_SIM_COLUMN_TEXT, 0);
	for (size_t i = 0; i < sc->n_variables && r == 0; i++)
		r = sim_add_column(jr, sc, sc->variables[i].name,
				   variable_column_type(&sc->variables[i]),
				   sc->variables[i].decimals);
	for (size_t i = 0; i < sc->n_items && r == 0; i++)
		r = sim_add_column(jr, sc, sc->items[i].name,
				   sc->items[i].response == ANKER_RESPONSE_CHOICE
				       ? ANKER_SIM_COLUMN_LEVEL
				       : ANKER_SIM_COLUMN_INTEGER,
				   0);
	for (size_t i = 0; i < sc->n_derived && r == 0; i++)
		r = sim_add_column(jr, sc, sc->derived[i].column, ANKER_SIM_COLUMN_NUMBER, -1);
	return r;
}

static int check_unique_columns(struct jr *jr, struct anker_scenario *sc)
{
	const char **names = anker_alloc_array(sc->ctx, sc->n_columns, sizeof(*names));
	if (!names)
		return jr_fail_no_memory(jr);
	for (size_t i = 0; i < sc->n_columns; i++)
		names[i] = sc->columns[i].name;
	size_t dup = 0;
	int r = jr_first_duplicate(jr, names, sc->n_columns, &dup);
	anker_dealloc(sc->ctx, names);
	if (r == 0 && dup < sc->n_columns)
		r = jr_fail(jr, ANKER_E_DUPLICATE,
			    "column '%s' is made twice (a variable, item, questionnaire column "
			    "or outcome column)",
			    sc->columns[dup].name);
	return r;
}

/* provenance.sources: a text for the completion share and for every target rate. */
static int check_sources(struct jr *jr, json_t *root, const struct anker_scenario *sc)
{
	static const char *const keys[] = {"statement", "sources", "notes", NULL};
	json_t *prov = NULL, *sources = NULL;
	const char *text = NULL;
	int r = jr_object(jr, root, "provenance", true, &prov);
	if (r < 0)
		return r;
	struct jr_mark mark = jr_push_key(jr, "provenance");
	r = jr_check_keys(jr, prov, keys, NULL);
	if (r == 0)
		r = jr_string(jr, prov, "statement", true, &text);
	if (r == 0)
		r = jr_string(jr, prov, "notes", false, &text);
	if (r == 0)
		r = jr_object(jr, prov, "sources", true, &sources);
	if (r == 0) {
		struct jr_mark at = jr_push_key(jr, "sources");
		const char *key;
		json_t *value;
		json_object_foreach(sources, key, value)
		{
			if (r == 0)
				r = jr_string(jr, sources, key, true, &text);
		}
		if (r == 0 && sc->questionnaire)
			r = jr_string(jr, sources, "completion", true, &text);
		for (size_t i = 0; i < sc->n_outcomes && r == 0; i++)
			if (sc->outcomes[i].has_target)
				r = jr_string(jr, sources, sc->outcomes[i].name, true, &text);
		jr_pop(jr, at);
	}
	jr_pop(jr, mark);
	return r;
}

static int load_root(struct jr *jr, json_t *root, const char *base, struct anker_scenario *sc)
{
	static const char *const keys[] = {
	    "format",	 "format_version", "id",       "version", "description", "provenance",
	    "variables", "questionnaire",  "outcomes", NULL};
	const char *id = NULL, *version = NULL, *text = NULL;
	int r = jr_check_object(jr, root);
	if (r == 0)
		r = jr_format(jr, root, "anker-scenario", 1);
	if (r == 0)
		r = jr_check_keys(jr, root, keys, NULL);
	if (r == 0)
		r = jr_string(jr, root, "id", true, &id);
	if (r == 0)
		r = jr_string(jr, root, "version", true, &version);
	if (r == 0)
		r = jr_string(jr, root, "description", false, &text);
	if (r == 0)
		r = jr_strdup(jr, id, &sc->id);
	if (r == 0)
		r = jr_strdup(jr, version, &sc->version);
	if (r == 0)
		r = sim_load_variables(jr, root, sc);
	if (r == 0)
		r = sim_load_questionnaire(jr, root, base, sc);
	if (r == 0)
		r = add_input_columns(jr, sc);
	if (r == 0)
		r = sim_load_outcomes(jr, root, base, sc);
	if (r == 0)
		r = check_unique_columns(jr, sc);
	if (r == 0)
		r = check_sources(jr, root, sc);
	return r;
}

ANKER_EXPORT void anker_scenario_free(struct anker_scenario *sc)
{
	if (!sc)
		return;
	struct anker_ctx *ctx = sc->ctx;
	for (size_t i = 0; sc->variables && i < sc->n_variables; i++) {
		struct sim_variable *v = &sc->variables[i];
		anker_dealloc(ctx, v->name);
		anker_dealloc(ctx, v->terms);
		for (size_t k = 0; v->levels && k < v->n_levels; k++)
			anker_dealloc(ctx, v->levels[k]);
		anker_dealloc(ctx, v->levels);
		anker_dealloc(ctx, v->cumulative);
	}
	anker_dealloc(ctx, sc->variables);
	/* every allocated entry: a load that failed half-way leaves some uncounted */
	for (size_t i = 0; sc->items && i < sc->items_alloc; i++) {
		anker_dealloc(ctx, sc->items[i].values);
		anker_dealloc(ctx, sc->items[i].codes);
		anker_dealloc(ctx, sc->items[i].edges);
	}
	anker_dealloc(ctx, sc->items);
	for (size_t i = 0; sc->derived && i < sc->n_derived; i++)
		anker_dealloc(ctx, sc->derived[i].column);
	anker_dealloc(ctx, sc->derived);
	anker_model_unref(sc->questionnaire);
	for (size_t i = 0; sc->outcomes && i < sc->outcomes_alloc; i++) {
		anker_dealloc(ctx, sc->outcomes[i].name);
		anker_model_unref(sc->outcomes[i].model);
	}
	anker_dealloc(ctx, sc->outcomes);
	for (size_t i = 0; sc->outcome_columns && i < sc->n_outcome_columns; i++)
		anker_dealloc(ctx, sc->outcome_columns[i]);
	anker_dealloc(ctx, sc->outcome_columns);
	anker_dealloc(ctx, sc->columns);
	anker_dealloc(ctx, sc->id);
	anker_dealloc(ctx, sc->version);
	anker_dealloc(ctx, sc);
	anker_ctx_unref(ctx);
}

static int load_bytes(struct anker_ctx *ctx, const char *data, size_t size, const char *file,
		      struct anker_error *err, struct anker_scenario **ret)
{
	if (size > ANKER_SCENARIO_MAX_BYTES)
		return anker_fail(err, ANKER_E_TOO_LARGE,
				  (struct anker_where){file, 0, 0, NULL, NULL, -1},
				  "larger than %u bytes", ANKER_SCENARIO_MAX_BYTES);
	json_t *root = NULL;
	int r = anker_parse_json(data, size, file, err, &root);
	if (r < 0)
		return r;
	struct anker_scenario *sc = anker_alloc_zeroed(ctx, 1, sizeof(*sc));
	if (!sc) {
		json_decref(root);
		return anker_fail(err, ANKER_E_NO_MEMORY,
				  (struct anker_where){file, 0, 0, NULL, NULL, -1},
				  "out of memory");
	}
	sc->ctx = anker_ctx_ref(ctx);
	struct jr jr;
	jr_init(&jr, ctx, err, file);
	r = load_root(&jr, root, file, sc);
	json_decref(root);
	if (r < 0) {
		anker_scenario_free(sc);
		return r;
	}
	anker_error_clear(err);
	*ret = sc;
	return 0;
}

ANKER_EXPORT int anker_scenario_load_file(struct anker_ctx *ctx, const char *path,
					  struct anker_error *err, struct anker_scenario **ret)
{
	if (!ctx || !path || !ret)
		return anker_fail(err, ANKER_E_INVALID_ARGUMENT, ANKER_WHERE_NONE,
				  "anker_scenario_load_file: ctx, path and ret are required");
	char *data = NULL;
	size_t size = 0;
	int r = anker_read_path(ctx, path, ANKER_SCENARIO_MAX_BYTES, err, &data, &size);
	if (r < 0)
		return r;
	r = load_bytes(ctx, data, size, path, err, ret);
	anker_dealloc(ctx, data);
	return r;
}

ANKER_EXPORT int anker_scenario_load_buffer(struct anker_ctx *ctx, const char *data, size_t size,
					    const char *source_name, struct anker_error *err,
					    struct anker_scenario **ret)
{
	if (!ctx || (!data && size > 0) || !ret)
		return anker_fail(err, ANKER_E_INVALID_ARGUMENT, ANKER_WHERE_NONE,
				  "anker_scenario_load_buffer: ctx, data and ret are required");
	return load_bytes(ctx, data ? data : "", size, source_name ? source_name : "<buffer>", err,
			  ret);
}

ANKER_EXPORT const char *anker_scenario_get_id(const struct anker_scenario *sc)
{
	return sc ? sc->id : NULL;
}

ANKER_EXPORT const char *anker_scenario_get_version(const struct anker_scenario *sc)
{
	return sc ? sc->version : NULL;
}

ANKER_EXPORT size_t anker_scenario_get_column_count(const struct anker_scenario *sc)
{
	return sc ? sc->n_columns : 0;
}

ANKER_EXPORT const char *anker_scenario_get_column_name(const struct anker_scenario *sc,
							size_t index)
{
	return sc && index < sc->n_columns ? sc->columns[index].name : NULL;
}

ANKER_EXPORT int anker_scenario_get_column_type(const struct anker_scenario *sc, size_t index)
{
	if (!sc)
		return ANKER_E_INVALID_ARGUMENT;
	return index < sc->n_columns ? sc->columns[index].type : ANKER_E_NOT_FOUND;
}

ANKER_EXPORT size_t anker_scenario_get_outcome_count(const struct anker_scenario *sc)
{
	return sc ? sc->n_outcomes : 0;
}

ANKER_EXPORT const char *anker_scenario_get_outcome_name(const struct anker_scenario *sc,
							 size_t index)
{
	return sc && index < sc->n_outcomes ? sc->outcomes[index].name : NULL;
}
