/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * libFuzzer target for the model loader. Whatever the bytes, loading must
 * return a status without crashing or leaking; a model that loads must satisfy
 * every invariant model-private.h (and, for a duration model, duration.h)
 * promises the scorers, and every accessor must work on it.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <anker/anker.h>

#include "fuzz-check.h"

#include "kinds/binary.h"
#include "kinds/duration.h"
#include "model/model-private.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);


static void check_variables(const struct anker_model *model)
{
	size_t n = anker_model_get_variable_count(model);
	CHECK(n >= 1 && n == model->linear->n_variables);
	for (size_t i = 0; i < n; i++) {
		const struct anker_variable *var = &model->linear->variables[i];
		const char *name = anker_model_get_variable_name(model, i);
		CHECK(name && anker_model_get_variable_label(model, i));
		CHECK(anker_model_find_variable(model, name) == (int)i);
		int kind = anker_model_get_variable_kind(model, i);
		CHECK(anker_variable_kind_name(kind) != NULL);
		double lo = 0, hi = 0;
		int r = anker_model_get_variable_range(model, i, &lo, &hi);
		if (kind == ANKER_VARIABLE_NUMERIC) {
			CHECK(r == 0 && isfinite(lo) && isfinite(hi) && lo < hi);
			if (var->missing == ANKER_MISSING_IMPUTE)
				CHECK(var->impute_value >= lo && var->impute_value <= hi);
		} else {
			CHECK(r == ANKER_E_TYPE_MISMATCH);
		}
		size_t levels = anker_model_get_level_count(model, i);
		CHECK((kind == ANKER_VARIABLE_CATEGORICAL) == (levels > 0));
		for (size_t l = 0; l < levels; l++) {
			const char *level = anker_model_get_level_name(model, i, l);
			CHECK(level && anker_model_find_level(model, i, level) == (int)l);
		}
		CHECK(anker_model_get_level_name(model, i, levels) == NULL);
		if (kind == ANKER_VARIABLE_CATEGORICAL && var->missing != ANKER_MISSING_REJECT &&
		    var->missing != ANKER_MISSING_PASS)
			CHECK(var->impute_level >= 0 && (size_t)var->impute_level < levels);
		if (var->missing == ANKER_MISSING_LEVEL)
			CHECK(kind == ANKER_VARIABLE_CATEGORICAL);
	}
	CHECK(anker_model_get_variable_name(model, n) == NULL);
	CHECK(anker_model_get_variable_kind(model, n) == ANKER_E_NOT_FOUND);
}

static void check_increasing(const double *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		CHECK(isfinite(v[i]) && (i == 0 || v[i] > v[i - 1]));
}

static void check_finite(const double *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		CHECK(isfinite(v[i]));
}

static void check_terms(const struct anker_model *model)
{
	size_t n = anker_model_get_term_count(model);
	size_t intercepts = 0;
	CHECK(n >= 1 && n == model->linear->n_terms);
	for (size_t i = 0; i < n; i++) {
		const struct anker_term *t = &model->linear->terms[i];
		CHECK(anker_model_get_term_name(model, i) && anker_model_get_term_label(model, i));
		CHECK(anker_term_type_name(anker_model_get_term_type(model, i)) != NULL);
		CHECK(isfinite(t->coef) && isfinite(t->center));
		const struct anker_variable *var = NULL;
		if (t->type != ANKER_TERM_INTERCEPT && t->type != ANKER_TERM_INTERACTION) {
			CHECK(t->variable < model->linear->n_variables);
			var = &model->linear->variables[t->variable];
		}
		switch (t->type) {
		case ANKER_TERM_INTERCEPT:
			intercepts++;
			break;
		case ANKER_TERM_LINEAR:
			CHECK(var->kind != ANKER_VARIABLE_CATEGORICAL);
			break;
		case ANKER_TERM_CATEGORICAL:
			CHECK(var->kind == ANKER_VARIABLE_CATEGORICAL);
			CHECK(t->reference >= 0 && (size_t)t->reference < var->n_levels);
			check_finite(t->effects, var->n_levels);
			CHECK(t->effects[t->reference] == 0.0);
			break;
		case ANKER_TERM_SPLINE:
			CHECK(var->kind == ANKER_VARIABLE_NUMERIC && t->n_knots >= 2);
			check_increasing(t->knots, t->n_knots);
			check_finite(t->values, t->n_knots);
			break;
		case ANKER_TERM_BINS:
			CHECK(var->kind == ANKER_VARIABLE_NUMERIC && t->n_edges >= 1);
			check_increasing(t->edges, t->n_edges);
			check_finite(t->effects, t->n_edges + 1);
			break;
		case ANKER_TERM_INTERACTION:
			CHECK(t->n_factors >= 2 && t->n_factors <= 8);
			for (size_t f = 0; f < t->n_factors; f++) {
				const struct anker_factor *factor = &t->factors[f];
				CHECK(factor->variable < model->linear->n_variables);
				const struct anker_variable *fv =
				    &model->linear->variables[factor->variable];
				if (fv->kind == ANKER_VARIABLE_CATEGORICAL)
					CHECK(factor->level >= 0 &&
					      (size_t)factor->level < fv->n_levels);
				else
					CHECK(factor->level == -1);
			}
			break;
		default:
			CHECK(0);
		}
	}
	CHECK(intercepts <= 1);
	CHECK(anker_model_get_term_name(model, n) == NULL);
}

static void check_bands(const struct anker_model *model)
{
	size_t n = anker_model_get_band_count(model);
	CHECK(n >= 1 && n <= 16);
	int boundary = anker_model_get_band_boundary(model);
	CHECK(boundary == ANKER_BAND_BOUNDARY_LOWER || boundary == ANKER_BAND_BOUNDARY_UPPER);
	double previous = 0.0;
	for (size_t i = 0; i < n; i++) {
		double upper = anker_model_get_band_upper(model, i);
		CHECK(anker_model_get_band_name(model, i) && anker_model_get_band_label(model, i));
		CHECK(upper > previous && upper <= 1.0);
		CHECK((upper == 1.0) == (i + 1 == n));
		if (i + 1 < n) {
			int at = anker_model_band_for_probability(model, upper);
			CHECK(at == (boundary == ANKER_BAND_BOUNDARY_LOWER ? (int)i : (int)i + 1));
			CHECK(anker_model_band_for_probability(model, nextafter(upper, 0.0)) ==
			      (int)i);
			CHECK(anker_model_band_for_probability(model, nextafter(upper, 1.0)) ==
			      (int)i + 1);
		}
		previous = upper;
	}
	CHECK(anker_model_band_for_probability(model, 0.0) == 0);
	CHECK(anker_model_band_for_probability(model, 1.0) == (int)n - 1);
	CHECK(anker_model_band_for_probability(model, NAN) == ANKER_E_OUT_OF_RANGE);
	CHECK(isnan(anker_model_get_band_upper(model, n)));
}

/* Every output is found by its name; a level output's levels are named. */
static void check_outputs(const struct anker_model *model)
{
	size_t n = anker_model_get_output_count(model);
	CHECK(n >= 1);
	for (size_t i = 0; i < n; i++) {
		const char *name = anker_model_get_output_name(model, i);
		CHECK(name && anker_model_get_output_label(model, i));
		CHECK(anker_model_find_output(model, name) == (int)i);
		int type = anker_model_get_output_type(model, i);
		CHECK(anker_output_type_name(type) != NULL);
		size_t levels = anker_model_get_output_level_count(model, i);
		CHECK(type == ANKER_OUTPUT_LEVEL ? levels >= 1 : levels == 0);
		for (size_t l = 0; l < levels; l++)
			CHECK(anker_model_get_output_level_name(model, i, l) &&
			      anker_model_get_output_level_label(model, i, l));
		CHECK(!anker_model_get_output_level_name(model, i, levels));
	}
	CHECK(!anker_model_get_output_name(model, n));
}

/*
 * A duration model: the baseline as model-private.h and duration.h promise it,
 * and survival, median and restricted mean in their ranges for any hazard ratio.
 */
static void check_duration(const struct anker_model *model)
{
	const struct anker_duration *dur = model->payload;
	double max = anker_model_get_max_months(model);
	CHECK(max > 0.0 && max <= DURATION_MAX_MONTHS);
	for (size_t t = 0; t < model->linear->n_terms; t++)
		CHECK(model->linear->terms[t].type != ANKER_TERM_INTERCEPT);
	if (dur->form == ANKER_SURVIVAL_COX) {
		CHECK(dur->n_grid >= 1 && anker_model_get_baseline_count(model) == dur->n_grid);
		check_increasing(dur->months, dur->n_grid);
		CHECK(dur->months[0] > 0.0 && dur->months[dur->n_grid - 1] == max);
		for (size_t i = 0; i < dur->n_grid; i++) {
			CHECK(dur->s0[i] > 0.0 && dur->s0[i] <= 1.0);
			CHECK(isfinite(dur->cumhaz[i]) && dur->cumhaz[i] >= 0.0);
			CHECK(i == 0 || dur->cumhaz[i] >= dur->cumhaz[i - 1]);
		}
	} else {
		CHECK(dur->form == ANKER_SURVIVAL_WEIBULL);
		CHECK(anker_model_get_weibull(model, NULL, NULL) == 0);
		CHECK(dur->shape >= 0.05 && dur->shape <= 20.0 && dur->scale > 0.0);
	}
	size_t nh = anker_model_get_horizon_count(model);
	CHECK(nh >= 1 && nh <= DURATION_MAX_HORIZONS && dur->headline < nh);
	CHECK(anker_model_get_horizon(model, dur->headline) ==
	      anker_model_get_horizon_months(model));
	for (size_t i = 0; i < nh; i++) {
		int h = anker_model_get_horizon(model, i);
		CHECK(h >= 1 && h <= max && (i == 0 || h > anker_model_get_horizon(model, i - 1)));
		CHECK(dur->horizon_cumhaz[i] >= 0.0);
	}
	CHECK(anker_model_get_output_count(model) == 2 * nh + DURATION_N_FIXED);
	static const double etas[] = { -1e300, -710, -40, -1, 0, 1, 40, 710, 1e300 };
	for (size_t i = 0; i < sizeof(etas) / sizeof(etas[0]); i++) {
		double hr = anker_duration_hazard_ratio(etas[i], ANKER_EXP_FLOOR);
		for (size_t h = 0; h < nh; h++) {
			double s = anker_duration_survival(hr, dur->horizon_cumhaz[h], ANKER_EXP_FLOOR);
			CHECK(s >= 0.0 && s <= 1.0);
		}
		double median = anker_duration_median(dur, hr);
		double rmst = anker_duration_rmst(dur, hr);
		CHECK(median >= 0.0 && (median <= max || isinf(median)));
		CHECK(rmst >= 0.0 && rmst <= max * (1.0 + 1e-12));
	}
}

/* Every contribution is named and labelled; past the last there is none. */
static void check_contributions(const struct anker_model *model)
{
	size_t n = anker_model_get_contribution_count(model);
	CHECK(n >= 1);
	for (size_t i = 0; i < n; i++)
		CHECK(anker_model_get_contribution_name(model, i) &&
		      anker_model_get_contribution_label(model, i));
	CHECK(!anker_model_get_contribution_name(model, n));
}

/*
 * A questionnaire: items with texts in both languages and options, and two
 * cases scored: nothing answered (every scale not scorable, the case fine)
 * and every item at its first option (or range minimum), whose scales'
 * contributions add up to their scores.
 */
static void check_questionnaire(struct anker_ctx *ctx, const struct anker_model *model)
{
	size_t n = anker_model_get_variable_count(model);
	CHECK(!anker_model_get_outcome(model) && anker_model_get_term_count(model) == 0);
	struct anker_case *c = NULL;
	struct anker_result *res = NULL;
	CHECK(anker_case_new(ctx, &c) == 0 && anker_result_new(ctx, &res) == 0);
	CHECK(anker_model_score(model, c, 0, res, NULL) == 0);
	for (size_t k = 0; k < anker_model_get_output_count(model); k++)
		if (anker_model_get_output_type(model, k) == ANKER_OUTPUT_LEVEL)
			CHECK(anker_result_get_level(res, k) < 0);
	for (size_t i = 0; i < n; i++) {
		int response = anker_model_get_item_response(model, i);
		CHECK(anker_response_type_name(response) != NULL);
		CHECK(anker_model_get_item_text(model, i, "nl") &&
		      anker_model_get_item_text(model, i, "en"));
		size_t options = anker_model_get_option_count(model, i);
		CHECK((response == ANKER_RESPONSE_NUMBER) == (options == 0));
		for (size_t o = 0; o < options; o++)
			CHECK(anker_model_get_option_text(model, i, o, "nl") &&
			      anker_model_get_option_text(model, i, o, "en"));
		const char *name = anker_model_get_variable_name(model, i);
		double value = 0, hi = 0;
		if (response == ANKER_RESPONSE_NUMBER)
			CHECK(anker_model_get_variable_range(model, i, &value, &hi) == 0);
		else
			CHECK(anker_model_get_option_value(model, i, 0, &value) == 0);
		if (response == ANKER_RESPONSE_CHOICE)
			CHECK(anker_case_set_level(c, name, anker_model_get_level_name(model, i, 0)) ==
			      0);
		else
			CHECK(anker_case_set_number(c, name, value) == 0);
	}
	CHECK(anker_model_score(model, c, 0, res, NULL) == 0);
	CHECK(anker_result_get_flags(res) == 0);
	for (size_t i = 0; i < anker_result_get_contribution_count(res); i++)
		CHECK(isfinite(anker_result_get_contribution(res, i)) &&
		      anker_result_get_contribution_detail(res, i));
	anker_result_free(res);
	anker_case_free(c);
}

/*
 * A rule table: an empty case (every input missing) and one with every input
 * at its first level or range minimum each get exactly one rule that fired,
 * the earlier ones 0, the later ones NaN, and every advice field a level.
 */
static void check_rules(struct anker_ctx *ctx, const struct anker_model *model)
{
	size_t n = anker_model_get_variable_count(model), outputs = anker_model_get_output_count(model);
	CHECK(!anker_model_get_outcome(model) && anker_model_get_term_count(model) == 0);
	struct anker_case *c = NULL;
	struct anker_result *res = NULL;
	CHECK(anker_case_new(ctx, &c) == 0 && anker_result_new(ctx, &res) == 0);
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; pass && i < n; i++) {
			const char *name = anker_model_get_variable_name(model, i);
			double lo = 0, hi = 0;
			if (anker_model_get_variable_kind(model, i) == ANKER_VARIABLE_CATEGORICAL)
				CHECK(anker_case_set_level(c, name, anker_model_get_level_name(model, i, 0)) == 0);
			else
				CHECK(anker_model_get_variable_range(model, i, &lo, &hi) == 0 &&
				      anker_case_set_number(c, name, lo) == 0);
		}
		CHECK(anker_model_score(model, c, 0, res, NULL) == 0);
		for (size_t k = 0; k < outputs; k++)
			CHECK(anker_result_get_level(res, k) >= 0);
		size_t fired = (size_t)anker_result_get_level(res, outputs - 1);
		for (size_t i = 0; i < anker_result_get_contribution_count(res); i++) {
			double v = anker_result_get_contribution(res, i);
			CHECK(i < fired ? v == 0.0 : i == fired ? v == 1.0 : isnan(v));
			CHECK(anker_result_get_contribution_detail(res, i) != NULL);
		}
	}
	anker_result_free(res);
	anker_case_free(c);
}

static void check_model(struct anker_ctx *ctx, const struct anker_model *model)
{
	CHECK(anker_model_kind_name(anker_model_get_kind(model)) != NULL);
	CHECK(anker_model_get_id(model) && anker_model_get_name(model));
	CHECK(anker_model_get_version(model) && anker_model_get_toets(model));
	CHECK(anker_model_get_valid_from(model));
	CHECK(anker_model_get_provenance(model, "statement") &&
	      anker_model_get_provenance(model, "data") &&
	      anker_model_get_provenance(model, "fitted_by"));
	(void)anker_model_get_provenance(model, "fitted_on");
	CHECK(strlen(anker_model_get_sha256(model)) == 64);
	check_variables(model);
	check_outputs(model);
	check_contributions(model);
	if (anker_model_get_kind(model) == ANKER_MODEL_QUESTIONNAIRE) {
		check_questionnaire(ctx, model);
		return;
	}
	if (anker_model_get_kind(model) == ANKER_MODEL_RULES) {
		check_rules(ctx, model);
		return;
	}
	CHECK(anker_model_get_outcome(model));
	int horizon = anker_model_get_horizon_months(model);
	CHECK(horizon >= 1 && horizon <= 120);
	check_terms(model);
	check_bands(model);
	if (anker_model_get_kind(model) == ANKER_MODEL_DURATION) {
		CHECK(anker_model_get_link(model) == ANKER_E_NOT_FOUND);
		check_duration(model);
		return;
	}
	CHECK(anker_link_name(anker_model_get_link(model)) != NULL);
	static const double etas[] = { -1e300, -710, -40, -1, 0, 1, 40, 710, 1e300 };
	for (size_t i = 0; i < sizeof(etas) / sizeof(etas[0]); i++) {
		double p = anker_binary_inverse_link(anker_model_get_link(model), etas[i]);
		CHECK(p >= 0.0 && p <= 1.0);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct anker_ctx *ctx = NULL;
	struct anker_error *err = NULL;
	struct anker_model *model = NULL;
	if (anker_ctx_new(&ctx) < 0 || anker_error_new(&err) < 0)
		abort();
	int r = anker_model_load_buffer(ctx, (const char *)data, size, "fuzz.json", err, &model);
	if (r == 0) {
		check_model(ctx, model);
		anker_model_unref(model);
	} else {
		CHECK(r < 0 && anker_error_code(err) == r && model == NULL);
		CHECK(anker_status_name(r) != NULL);
		CHECK(anker_error_file(err) && strcmp(anker_error_file(err), "fuzz.json") == 0);
	}
	anker_error_free(err);
	anker_ctx_unref(ctx);
	return 0;
}
