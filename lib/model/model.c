/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The model object: lifetime, and the read-only accessors of what kinds
 * share: the header, variables, terms and bands (for a kind without them,
 * the empty anker_linear_none and anker_bands_none answer "none").
 * Loading lives in load*.c, outputs in outputs.c, the kinds in lib/kinds/.
 */
#include <math.h>
#include <string.h>

#include "kind.h"
#include "names.h"
#include "../core/suggest.h"

const struct anker_linear anker_linear_none = {NULL, 0, NULL, 0};
const struct anker_bands anker_bands_none = {NULL, 0, 0};

struct anker_model *anker_model_alloc(struct anker_ctx *ctx)
{
	struct anker_model *model = anker_alloc_zeroed(ctx, 1, sizeof(*model));
	if (!model)
		return NULL;
	atomic_init(&model->refcount, 1);
	model->ctx = anker_ctx_ref(ctx);
	model->linear = &anker_linear_none;
	model->bands = &anker_bands_none;
	return model;
}

static void free_variable(struct anker_ctx *ctx, struct anker_variable *var)
{
	anker_dealloc(ctx, var->name);
	anker_dealloc(ctx, var->label);
	if (var->levels) {
		for (size_t i = 0; i < var->n_levels; i++)
			anker_dealloc(ctx, var->levels[i]);
		anker_dealloc(ctx, var->levels);
	}
}

static void free_term(struct anker_ctx *ctx, struct anker_term *term)
{
	anker_dealloc(ctx, term->name);
	anker_dealloc(ctx, term->label);
	anker_dealloc(ctx, term->effects);
	anker_dealloc(ctx, term->knots);
	anker_dealloc(ctx, term->values);
	anker_dealloc(ctx, term->edges);
	anker_dealloc(ctx, term->factors);
}

/*
 * These cope with half-built parts: arrays are allocated zeroed and their
 * counts set before they are filled, so every entry is either complete or all
 * NULL.
 */
void anker_linear_free(struct anker_ctx *ctx, struct anker_linear *linear)
{
	if (linear->variables) {
		for (size_t i = 0; i < linear->n_variables; i++)
			free_variable(ctx, &linear->variables[i]);
		anker_dealloc(ctx, linear->variables);
	}
	if (linear->terms) {
		for (size_t i = 0; i < linear->n_terms; i++)
			free_term(ctx, &linear->terms[i]);
		anker_dealloc(ctx, linear->terms);
	}
}

void anker_bands_free(struct anker_ctx *ctx, struct anker_bands *bands)
{
	if (!bands->items)
		return;
	for (size_t i = 0; i < bands->count; i++) {
		anker_dealloc(ctx, bands->items[i].name);
		anker_dealloc(ctx, bands->items[i].label);
		anker_dealloc(ctx, bands->items[i].label_nl);
	}
	anker_dealloc(ctx, bands->items);
}

void anker_model_destroy(struct anker_model *model)
{
	if (!model)
		return;
	struct anker_ctx *ctx = model->ctx;

	anker_dealloc(ctx, model->id);
	anker_dealloc(ctx, model->name);
	anker_dealloc(ctx, model->version);
	anker_dealloc(ctx, model->toets);
	anker_dealloc(ctx, model->outcome);
	anker_dealloc(ctx, model->valid_from);
	if (model->provenance) {
		for (size_t i = 0; i < model->n_provenance; i++) {
			anker_dealloc(ctx, model->provenance[i].key);
			anker_dealloc(ctx, model->provenance[i].value);
		}
		anker_dealloc(ctx, model->provenance);
	}
	if (model->payload)
		model->kind->destroy(ctx, model->payload);
	anker_dealloc(ctx, model);
	anker_ctx_unref(ctx);
}

ANKER_EXPORT struct anker_model *anker_model_ref(struct anker_model *model)
{
	if (model)
		anker_refcount_inc(&model->refcount);
	return model;
}

ANKER_EXPORT struct anker_model *anker_model_unref(struct anker_model *model)
{
	if (model && anker_refcount_dec(&model->refcount))
		anker_model_destroy(model);
	return NULL;
}

/* Metadata */

ANKER_EXPORT int anker_model_get_kind(const struct anker_model *model)
{
	return model ? model->kind->value : ANKER_E_INVALID_ARGUMENT;
}

ANKER_EXPORT const char *anker_model_get_id(const struct anker_model *model)
{
	return model ? model->id : NULL;
}

ANKER_EXPORT const char *anker_model_get_name(const struct anker_model *model)
{
	return model ? model->name : NULL;
}

ANKER_EXPORT const char *anker_model_get_version(const struct anker_model *model)
{
	return model ? model->version : NULL;
}

ANKER_EXPORT const char *anker_model_get_toets(const struct anker_model *model)
{
	return model ? model->toets : NULL;
}

ANKER_EXPORT const char *anker_model_get_outcome(const struct anker_model *model)
{
	return model ? model->outcome : NULL;
}

ANKER_EXPORT int anker_model_get_horizon_months(const struct anker_model *model)
{
	if (!model)
		return ANKER_E_INVALID_ARGUMENT;
	/* 0 until a kind with an outcome loads one (1..120) */
	return model->horizon_months > 0 ? model->horizon_months : ANKER_E_NOT_FOUND;
}

ANKER_EXPORT const char *anker_model_get_valid_from(const struct anker_model *model)
{
	return model ? model->valid_from : NULL;
}

ANKER_EXPORT const char *anker_model_get_provenance(const struct anker_model *model,
						    const char *key)
{
	if (!model || !key)
		return NULL;
	for (size_t i = 0; i < model->n_provenance; i++)
		if (model->provenance[i].key && strcmp(model->provenance[i].key, key) == 0)
			return model->provenance[i].value;
	return NULL;
}

ANKER_EXPORT size_t anker_model_get_provenance_count(const struct anker_model *model)
{
	return model ? model->n_provenance : 0;
}

ANKER_EXPORT const char *anker_model_get_provenance_key(const struct anker_model *model,
							size_t index)
{
	if (!model || index >= model->n_provenance)
		return NULL;
	return model->provenance[index].key;
}

ANKER_EXPORT const char *anker_model_get_sha256(const struct anker_model *model)
{
	return model ? model->sha256 : NULL;
}

/* Variables and levels */

static const struct anker_variable *variable_at(const struct anker_model *model, size_t index)
{
	if (!model || index >= model->linear->n_variables)
		return NULL;
	return &model->linear->variables[index];
}

ANKER_EXPORT size_t anker_model_get_variable_count(const struct anker_model *model)
{
	return model ? model->linear->n_variables : 0;
}

ANKER_EXPORT int anker_model_find_variable(const struct anker_model *model, const char *name)
{
	if (!model || !name)
		return ANKER_E_INVALID_ARGUMENT;
	const struct anker_linear *lin = model->linear;
	for (size_t i = 0; i < lin->n_variables; i++)
		if (strcmp(lin->variables[i].name, name) == 0)
			return (int)i;
	return ANKER_E_NOT_FOUND;
}

ANKER_EXPORT const char *anker_model_suggest_variable(const struct anker_model *model,
						       const char *name)
{
	if (!model || !name)
		return NULL;
	const char *best = NULL;
	size_t best_distance = SIZE_MAX;
	for (size_t i = 0; i < model->linear->n_variables; i++) {
		const char *candidate = model->linear->variables[i].name;
		if (strcmp(candidate, name) == 0)
			return NULL;
		size_t d;
		if (anker_name_is_near(name, candidate, &d) && d < best_distance) {
			best = candidate;
			best_distance = d;
		}
	}
	return best;
}

ANKER_EXPORT const char *anker_model_get_variable_name(const struct anker_model *model,
						       size_t index)
{
	const struct anker_variable *var = variable_at(model, index);
	return var ? var->name : NULL;
}

ANKER_EXPORT const char *anker_model_get_variable_label(const struct anker_model *model,
							size_t index)
{
	const struct anker_variable *var = variable_at(model, index);
	return var ? var->label : NULL;
}

ANKER_EXPORT int anker_model_get_variable_kind(const struct anker_model *model, size_t index)
{
	if (!model)
		return ANKER_E_INVALID_ARGUMENT;
	const struct anker_variable *var = variable_at(model, index);
	return var ? var->kind : ANKER_E_NOT_FOUND;
}

ANKER_EXPORT int anker_model_get_variable_range(const struct anker_model *model, size_t index,
						double *ret_min, double *ret_max)
{
	if (!model)
		return ANKER_E_INVALID_ARGUMENT;
	const struct anker_variable *var = variable_at(model, index);
	if (!var)
		return ANKER_E_NOT_FOUND;
	if (var->kind != ANKER_VARIABLE_NUMERIC)
		return ANKER_E_TYPE_MISMATCH;
	if (ret_min)
		*ret_min = var->min;
	if (ret_max)
		*ret_max = var->max;
	return 0;
}

ANKER_EXPORT int anker_model_get_variable_out_of_range(const struct anker_model *model,
						       size_t index)
{
	if (!model)
		return ANKER_E_INVALID_ARGUMENT;
	const struct anker_variable *var = variable_at(model, index);
	if (!var)
		return ANKER_E_NOT_FOUND;
	if (var->kind != ANKER_VARIABLE_NUMERIC)
		return ANKER_E_TYPE_MISMATCH;
	return var->out_of_range;
}

ANKER_EXPORT int anker_model_get_variable_missing(const struct anker_model *model, size_t index)
{
	if (!model)
		return ANKER_E_INVALID_ARGUMENT;
	const struct anker_variable *var = variable_at(model, index);
	return var ? var->missing : ANKER_E_NOT_FOUND;
}

ANKER_EXPORT int anker_model_get_variable_imputed_number(const struct anker_model *model,
							 size_t index, double *ret_value)
{
	if (!model)
		return ANKER_E_INVALID_ARGUMENT;
	const struct anker_variable *var = variable_at(model, index);
	if (!var)
		return ANKER_E_NOT_FOUND;
	if (var->kind == ANKER_VARIABLE_CATEGORICAL)
		return ANKER_E_TYPE_MISMATCH;
	if (var->missing != ANKER_MISSING_IMPUTE)
		return ANKER_E_NOT_FOUND;
	if (ret_value)
		*ret_value = var->impute_value;
	return 0;
}

ANKER_EXPORT int anker_model_get_variable_imputed_level(const struct anker_model *model,
							size_t index)
{
	if (!model)
		return ANKER_E_INVALID_ARGUMENT;
	const struct anker_variable *var = variable_at(model, index);
	if (!var)
		return ANKER_E_NOT_FOUND;
	if (var->kind != ANKER_VARIABLE_CATEGORICAL)
		return ANKER_E_TYPE_MISMATCH;
	if (var->missing == ANKER_MISSING_REJECT)
		return ANKER_E_NOT_FOUND;
	return var->impute_level;
}

ANKER_EXPORT size_t anker_model_get_level_count(const struct anker_model *model, size_t index)
{
	const struct anker_variable *var = variable_at(model, index);
	return var ? var->n_levels : 0;
}

ANKER_EXPORT const char *anker_model_get_level_name(const struct anker_model *model,
						    size_t index, size_t level)
{
	const struct anker_variable *var = variable_at(model, index);
	if (!var || level >= var->n_levels)
		return NULL;
	return var->levels[level];
}

ANKER_EXPORT int anker_model_find_level(const struct anker_model *model, size_t index,
					const char *name)
{
	if (!model || !name)
		return ANKER_E_INVALID_ARGUMENT;
	const struct anker_variable *var = variable_at(model, index);
	if (!var)
		return ANKER_E_NOT_FOUND;
	for (size_t i = 0; i < var->n_levels; i++)
		if (strcmp(var->levels[i], name) == 0)
			return (int)i;
	return ANKER_E_NOT_FOUND;
}

/* Terms */

static const struct anker_term *term_at(const struct anker_model *model, size_t index)
{
	if (!model || index >= model->linear->n_terms)
		return NULL;
	return &model->linear->terms[index];
}

ANKER_EXPORT size_t anker_model_get_term_count(const struct anker_model *model)
{
	return model ? model->linear->n_terms : 0;
}

ANKER_EXPORT const char *anker_model_get_term_name(const struct anker_model *model, size_t index)
{
	const struct anker_term *term = term_at(model, index);
	return term ? term->name : NULL;
}

ANKER_EXPORT const char *anker_model_get_term_label(const struct anker_model *model, size_t index)
{
	const struct anker_term *term = term_at(model, index);
	return term ? term->label : NULL;
}

ANKER_EXPORT int anker_model_get_term_type(const struct anker_model *model, size_t index)
{
	if (!model)
		return ANKER_E_INVALID_ARGUMENT;
	const struct anker_term *term = term_at(model, index);
	return term ? term->type : ANKER_E_NOT_FOUND;
}

ANKER_EXPORT int anker_model_get_term_variable(const struct anker_model *model, size_t index)
{
	const struct anker_term *term = term_at(model, index);
	if (!term || term->type == ANKER_TERM_INTERCEPT || term->type == ANKER_TERM_INTERACTION)
		return ANKER_E_NOT_FOUND;
	return (int)term->variable;
}

ANKER_EXPORT int anker_model_get_term_edges(const struct anker_model *model, size_t index,
					    const double **ret_edges, size_t *ret_count)
{
	if (!model || !ret_edges || !ret_count)
		return ANKER_E_INVALID_ARGUMENT;
	const struct anker_term *term = term_at(model, index);
	if (!term)
		return ANKER_E_NOT_FOUND;
	if (term->type != ANKER_TERM_BINS)
		return ANKER_E_INVALID_ARGUMENT;
	*ret_edges = term->edges;
	*ret_count = term->n_edges;
	return 0;
}

/* Bands */

static const struct anker_band *band_at(const struct anker_model *model, size_t index)
{
	if (!model || index >= model->bands->count)
		return NULL;
	return &model->bands->items[index];
}

ANKER_EXPORT size_t anker_model_get_band_count(const struct anker_model *model)
{
	return model ? model->bands->count : 0;
}

ANKER_EXPORT const char *anker_model_get_band_name(const struct anker_model *model, size_t index)
{
	const struct anker_band *band = band_at(model, index);
	return band ? band->name : NULL;
}

ANKER_EXPORT const char *anker_model_get_band_label(const struct anker_model *model, size_t index)
{
	const struct anker_band *band = band_at(model, index);
	return band ? band->label : NULL;
}

ANKER_EXPORT double anker_model_get_band_upper(const struct anker_model *model, size_t index)
{
	const struct anker_band *band = band_at(model, index);
	return band ? band->upper : NAN;
}

ANKER_EXPORT int anker_model_get_band_boundary(const struct anker_model *model)
{
	if (!model)
		return ANKER_E_INVALID_ARGUMENT;
	return model->bands->count ? model->bands->boundary : ANKER_E_NOT_FOUND;
}

/*
 * Band i holds p <= upper[i] ("lower") or p < upper[i] ("upper"); the last band
 * takes everything above the last threshold. See docs/model-format.md.
 */
int anker_bands_find(const struct anker_bands *bands, double value)
{
	if (bands->count == 0)
		return ANKER_E_INVALID_ARGUMENT;
	if (!(value >= 0.0 && value <= 1.0))
		return ANKER_E_OUT_OF_RANGE;
	return anker_bands_find_any(bands, value);
}

int anker_bands_find_any(const struct anker_bands *bands, double value)
{
	if (isnan(value) || bands->count == 0)
		return -1;
	bool upper_closed = bands->boundary == ANKER_BAND_BOUNDARY_LOWER;
	size_t last = bands->count - 1;
	for (size_t i = 0; i < last; i++) {
		double t = bands->items[i].upper;
		if (upper_closed ? value <= t : value < t)
			return (int)i;
	}
	return (int)last;
}

ANKER_EXPORT int anker_model_band_for_probability(const struct anker_model *model,
						  double probability)
{
	if (!model)
		return ANKER_E_INVALID_ARGUMENT;
	return anker_bands_find(model->bands, probability);
}

/* Names of enum values, the function twins for bindings. */

ANKER_EXPORT const char *anker_variable_kind_name(int kind)
{
	return anker_name_of(anker_variable_kind_names, kind);
}

ANKER_EXPORT const char *anker_term_type_name(int type)
{
	return anker_name_of(anker_term_type_names, type);
}

ANKER_EXPORT const char *anker_out_of_range_policy_name(int policy)
{
	return anker_name_of(anker_range_policy_names, policy);
}

ANKER_EXPORT const char *anker_missing_policy_name(int policy)
{
	return anker_name_of(anker_missing_policy_names, policy);
}

ANKER_EXPORT const char *anker_link_name(int link)
{
	return anker_name_of(anker_link_names, link);
}
