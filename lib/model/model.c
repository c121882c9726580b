/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The model object: lifetime, read-only accessors and the inverse links.
 * Loading lives in load*.c; scoring in score.c and batch.c.
 */
#include <math.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "logistic-private.h"
#include "model-private.h"
#include "names.h"
#include "../core/suggest.h"

struct anker_model *anker_model_alloc(struct anker_ctx *ctx)
{
	struct anker_model *model = anker_alloc_zeroed(ctx, 1, sizeof(*model));
	if (!model)
		return NULL;
	atomic_init(&model->refcount, 1);
	model->ctx = anker_ctx_ref(ctx);
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
 * Copes with a half-built model: arrays are allocated zeroed and their counts
 * set before they are filled, so every entry is either complete or all NULL.
 */
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
	if (model->variables) {
		for (size_t i = 0; i < model->n_variables; i++)
			free_variable(ctx, &model->variables[i]);
		anker_dealloc(ctx, model->variables);
	}
	if (model->terms) {
		for (size_t i = 0; i < model->n_terms; i++)
			free_term(ctx, &model->terms[i]);
		anker_dealloc(ctx, model->terms);
	}
	if (model->bands) {
		for (size_t i = 0; i < model->n_bands; i++) {
			anker_dealloc(ctx, model->bands[i].name);
			anker_dealloc(ctx, model->bands[i].label);
		}
		anker_dealloc(ctx, model->bands);
	}
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
	return model ? model->kind : ANKER_E_INVALID_ARGUMENT;
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
	return model ? model->horizon_months : ANKER_E_INVALID_ARGUMENT;
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

ANKER_EXPORT int anker_model_get_link(const struct anker_model *model)
{
	return model ? model->link : ANKER_E_INVALID_ARGUMENT;
}

/* Variables and levels */

static const struct anker_variable *variable_at(const struct anker_model *model, size_t index)
{
	if (!model || index >= model->n_variables)
		return NULL;
	return &model->variables[index];
}

ANKER_EXPORT size_t anker_model_get_variable_count(const struct anker_model *model)
{
	return model ? model->n_variables : 0;
}

ANKER_EXPORT int anker_model_find_variable(const struct anker_model *model, const char *name)
{
	if (!model || !name)
		return ANKER_E_INVALID_ARGUMENT;
	for (size_t i = 0; i < model->n_variables; i++)
		if (strcmp(model->variables[i].name, name) == 0)
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
	for (size_t i = 0; i < model->n_variables; i++) {
		const char *candidate = model->variables[i].name;
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
	if (!model || index >= model->n_terms)
		return NULL;
	return &model->terms[index];
}

ANKER_EXPORT size_t anker_model_get_term_count(const struct anker_model *model)
{
	return model ? model->n_terms : 0;
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

/* Bands */

static const struct anker_band *band_at(const struct anker_model *model, size_t index)
{
	if (!model || index >= model->n_bands)
		return NULL;
	return &model->bands[index];
}

ANKER_EXPORT size_t anker_model_get_band_count(const struct anker_model *model)
{
	return model ? model->n_bands : 0;
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
	return model ? model->band_boundary : ANKER_E_INVALID_ARGUMENT;
}

/*
 * Band i holds p <= upper[i] ("lower") or p < upper[i] ("upper"); the last band
 * takes everything above the last threshold. See docs/model-format.md.
 */
ANKER_EXPORT int anker_model_band_for_probability(const struct anker_model *model,
						  double probability)
{
	if (!model || model->n_bands == 0)
		return ANKER_E_INVALID_ARGUMENT;
	if (!(probability >= 0.0 && probability <= 1.0))
		return ANKER_E_OUT_OF_RANGE;
	bool upper_closed = model->band_boundary == ANKER_BAND_BOUNDARY_LOWER;
	size_t last = model->n_bands - 1;
	for (size_t i = 0; i < last; i++) {
		double t = model->bands[i].upper;
		if (upper_closed ? probability <= t : probability < t)
			return (int)i;
	}
	return (int)last;
}

/* Links */

double anker_model_inverse_link(const struct anker_model *model, double eta)
{
	if (isnan(eta))
		return NAN;
	switch (model->link) {
	case ANKER_LINK_LOGIT:
		/* The batch scorer computes the same function, vectorized. */
		return anker_logistic(eta, ANKER_EXP_FLOOR);
	case ANKER_LINK_PROBIT:
		/* gsl_cdf_ugaussian_P handles every finite and infinite x without the error
		 * handler. */
		return gsl_cdf_ugaussian_P(eta);
	default:
		return NAN;
	}
}

/* Names of enum values, the function twins for bindings. */

ANKER_EXPORT const char *anker_model_kind_name(int kind)
{
	return anker_name_of(anker_model_kind_names, kind);
}

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
