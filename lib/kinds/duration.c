/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Kind "duration": loading its sections, declaring its outputs, and scoring
 * one case. The survival arithmetic and the accessors are
 * duration-survival.c, the batch scorer duration-batch.c.
 */
#include <stdio.h>
#include <string.h>

#include <anker/duration.h>

#include "../model/load-private.h"
#include "duration.h"

const char *const anker_duration_keys[] = {"variables", "terms", "survival",
					   "horizons",	"bands", NULL};

/* Loading: $.survival */

static int load_grid_survival(struct jr *jr, json_t *baseline, struct anker_duration *dur)
{
	int r = anker_load_numbers(jr, baseline, "survival", 0, SIZE_MAX, dur->n_grid, false,
				   &dur->s0, NULL);
	if (r < 0)
		return r;
	struct jr_mark mark = jr_push_key(jr, "survival");
	for (size_t i = 0; i < dur->n_grid && r == 0; i++) {
		struct jr_mark at = jr_push_index(jr, i);
		double s = dur->s0[i];
		if (!(s > 0.0 && s <= 1.0))
			r = jr_fail(jr, ANKER_E_BAD_VALUE, "%g is not in (0, 1]", s);
		else if (i > 0 && s > dur->s0[i - 1])
			r = jr_fail(jr, ANKER_E_ORDER,
				    "%g exceeds the previous %g: survival "
				    "cannot increase",
				    s, dur->s0[i - 1]);
		jr_pop(jr, at);
	}
	jr_pop(jr, mark);
	return r;
}

static int load_grid_months(struct jr *jr, json_t *baseline, struct anker_duration *dur)
{
	int r = anker_load_numbers(jr, baseline, "months", 1, DURATION_MAX_GRID, 0, true,
				   &dur->months, &dur->n_grid);
	if (r < 0)
		return r;
	struct jr_mark mark = jr_push_key(jr, "months");
	if (!(dur->months[0] > 0.0)) {
		struct jr_mark at = jr_push_index(jr, 0);
		r = jr_fail(jr, ANKER_E_BAD_VALUE, "%g is not after month 0 (S0(0) = 1 is implied)",
			    dur->months[0]);
		jr_pop(jr, at);
	} else if (dur->months[dur->n_grid - 1] > DURATION_MAX_MONTHS) {
		struct jr_mark at = jr_push_index(jr, dur->n_grid - 1);
		r = jr_fail(jr, ANKER_E_BAD_VALUE, "%g is beyond %g months",
			    dur->months[dur->n_grid - 1], DURATION_MAX_MONTHS);
		jr_pop(jr, at);
	}
	jr_pop(jr, mark);
	return r;
}

static int load_cox(struct jr *jr, json_t *obj, struct anker_duration *dur)
{
	static const char *const keys[] = {"form", "baseline", NULL};
	static const char *const baseline_keys[] = {"months", "survival", NULL};
	json_t *baseline = NULL;
	int r = jr_check_keys(jr, obj, keys, NULL);
	if (r == 0)
		r = jr_object(jr, obj, "baseline", true, &baseline);
	if (r < 0)
		return r;
	struct jr_mark mark = jr_push_key(jr, "baseline");
	r = jr_check_keys(jr, baseline, baseline_keys, NULL);
	if (r == 0)
		r = load_grid_months(jr, baseline, dur);
	if (r == 0)
		r = load_grid_survival(jr, baseline, dur);
	jr_pop(jr, mark);
	if (r < 0)
		return r;
	dur->cumhaz = anker_alloc_array(jr->ctx, dur->n_grid, sizeof(*dur->cumhaz));
	if (!dur->cumhaz)
		return jr_fail_no_memory(jr);
	/* 0.0 - log(): S0 = 1 is +0.0, not -0.0 */
	for (size_t i = 0; i < dur->n_grid; i++)
		dur->cumhaz[i] = 0.0 - log(dur->s0[i]);
	dur->max_months = dur->months[dur->n_grid - 1];
	return 0;
}

/* A number of @p obj that must lie in [lo, hi] (lo excluded when @p open_lo). */
static int load_bounded(struct jr *jr, json_t *obj, const char *key, double lo, bool open_lo,
			double hi, double *ret)
{
	int r = jr_number(jr, obj, key, true, ret);
	if (r < 0)
		return r;
	if ((open_lo ? !(*ret > lo) : !(*ret >= lo)) || !(*ret <= hi))
		return jr_fail_at(jr, key, ANKER_E_BAD_VALUE, "%g is outside %c%g, %g]", *ret,
				  open_lo ? '(' : '[', lo, hi);
	return 0;
}

static int load_weibull(struct jr *jr, json_t *obj, struct anker_duration *dur)
{
	static const char *const keys[] = {"form", "shape", "scale", "max_months", NULL};
	int r = jr_check_keys(jr, obj, keys, NULL);
	/* Shapes outside [0.05, 20] are not durations anyone fits; the bounds keep the
	 * incomplete gamma function of the restricted mean inside its safe domain. */
	if (r == 0)
		r = load_bounded(jr, obj, "shape", 0.05, false, 20.0, &dur->shape);
	if (r == 0)
		r = load_bounded(jr, obj, "scale", 0.0, true, JR_NUMBER_MAX, &dur->scale);
	if (r == 0)
		r = load_bounded(jr, obj, "max_months", 0.0, true, DURATION_MAX_MONTHS,
				 &dur->max_months);
	return r;
}

static int load_survival(struct jr *jr, json_t *root, struct anker_duration *dur)
{
	json_t *obj = NULL;
	int r = jr_object(jr, root, "survival", true, &obj);
	if (r < 0)
		return r;
	struct jr_mark mark = jr_push_key(jr, "survival");
	const char *form = NULL;
	r = jr_string(jr, obj, "form", true, &form);
	if (r == 0) {
		int value = 0;
		for (const struct anker_name_value *c = anker_survival_form_names; c->name; c++)
			if (strcmp(form, c->name) == 0)
				value = c->value;
		if (value == ANKER_SURVIVAL_COX)
			dur->form = value, r = load_cox(jr, obj, dur);
		else if (value == ANKER_SURVIVAL_WEIBULL)
			dur->form = value, r = load_weibull(jr, obj, dur);
		else /* a newer form, as an unknown link is */
			r = jr_fail_at(jr, "form", ANKER_E_UNSUPPORTED,
				       "form \"%s\" is not supported (\"cox\" or \"weibull\")",
				       form);
	}
	jr_pop(jr, mark);
	return r;
}

/* Loading: $.horizons, and outcome.horizon_months among them */

static int load_horizon(struct jr *jr, json_t *value, struct anker_duration *dur, size_t i)
{
	long long h = 0;
	int r = jr_check_integer(jr, value, &h);
	if (r < 0)
		return r;
	if (h < 1 || h > 120)
		return jr_fail(jr, ANKER_E_BAD_VALUE, "%lld is outside 1..120", h);
	if (i > 0 && h <= dur->horizons[i - 1])
		return jr_fail(jr, ANKER_E_ORDER, "%lld does not exceed the previous %d", h,
			       dur->horizons[i - 1]);
	if ((double)h > dur->max_months)
		return jr_fail(jr, ANKER_E_BAD_VALUE,
			       "%lld is beyond the model's last month %g (%s)", h, dur->max_months,
			       dur->form == ANKER_SURVIVAL_COX ? "the baseline grid's end"
							       : "max_months");
	dur->horizons[i] = (int)h;
	dur->horizon_cumhaz[i] = anker_duration_cumhaz(dur, (double)h);
	return 0;
}

static int load_horizons(struct jr *jr, json_t *root, struct anker_duration *dur, int headline)
{
	json_t *array = NULL;
	int r = jr_array(jr, root, "horizons", true, 1, DURATION_MAX_HORIZONS, &array);
	if (r < 0)
		return r;
	struct jr_mark mark = jr_push_key(jr, "horizons");
	for (size_t i = 0; i < json_array_size(array) && r == 0; i++) {
		struct jr_mark at = jr_push_index(jr, i);
		r = load_horizon(jr, json_array_get(array, i), dur, i);
		jr_pop(jr, at);
		dur->n_horizons = i + 1;
	}
	jr_pop(jr, mark);
	if (r < 0)
		return r;
	for (size_t i = 0; i < dur->n_horizons; i++)
		if (dur->horizons[i] == headline) {
			dur->headline = i;
			return 0;
		}
	mark = jr_push_key(jr, "outcome");
	r = jr_fail_at(jr, "horizon_months", ANKER_E_REFERENCE,
		       "%d is not one of the model's horizons", headline);
	jr_pop(jr, mark);
	return r;
}

/* An intercept in a proportional hazards model only rescales the baseline, which the file
 * already fixes: it is refused rather than silently multiplying every hazard. */
static int refuse_intercept(struct jr *jr, const struct anker_linear *lin)
{
	for (size_t t = 0; t < lin->n_terms; t++) {
		if (lin->terms[t].type != ANKER_TERM_INTERCEPT)
			continue;
		struct jr_mark mark = jr_push_key(jr, "terms");
		struct jr_mark at = jr_push_index(jr, t);
		int r = jr_fail_at(jr, "type", ANKER_E_BAD_VALUE,
				   "a duration model has no intercept: the baseline holds it");
		jr_pop(jr, at);
		jr_pop(jr, mark);
		return r;
	}
	return 0;
}

/* Outputs */

#define OUTPUT_NAME_MAX 16 /* "survival_120" and a NUL */

static int declare_outputs(struct jr *jr, struct anker_duration *dur)
{
	size_t nh = dur->n_horizons;
	dur->n_outputs = 2 * nh + DURATION_N_FIXED;
	dur->outputs = anker_alloc_zeroed(jr->ctx, dur->n_outputs, sizeof(*dur->outputs));
	dur->names = anker_alloc_zeroed(jr->ctx, 2 * nh, OUTPUT_NAME_MAX);
	if (!dur->outputs || !dur->names)
		return jr_fail_no_memory(jr);
	for (size_t i = 0; i < nh; i++) {
		char *s = dur->names + OUTPUT_NAME_MAX * duration_survival_output(i);
		char *e = dur->names + OUTPUT_NAME_MAX * duration_exit_output(dur, i);
		snprintf(s, OUTPUT_NAME_MAX, "survival_%d", dur->horizons[i]);
		snprintf(e, OUTPUT_NAME_MAX, "exit_%d", dur->horizons[i]);
		dur->outputs[duration_survival_output(i)] =
		    (struct anker_output){s, "Probability of still being on benefit at the horizon",
					  ANKER_OUTPUT_NUMBER, NULL};
		dur->outputs[duration_exit_output(dur, i)] = (struct anker_output){
		    e, "Probability of having left benefit before the horizon", ANKER_OUTPUT_NUMBER,
		    NULL};
	}
	struct anker_output *fixed = dur->outputs + 2 * nh;
	fixed[DURATION_MEDIAN] = (struct anker_output){
	    "median_months", "Median months on benefit (inf: beyond the model's last month)",
	    ANKER_OUTPUT_NUMBER, NULL};
	fixed[DURATION_RMST] = (struct anker_output){
	    "rmst_months", "Mean months on benefit, restricted to the model's last month",
	    ANKER_OUTPUT_NUMBER, NULL};
	fixed[DURATION_LOG_RELATIVE_HAZARD] = (struct anker_output){
	    "log_relative_hazard", "Log relative hazard of leaving benefit (the linear predictor)",
	    ANKER_OUTPUT_NUMBER, NULL};
	fixed[DURATION_BAND] = (struct anker_output){
	    "band", "Band of the probability of still being on benefit at the headline horizon",
	    ANKER_OUTPUT_LEVEL, &dur->bands};
	return 0;
}

int anker_duration_load(struct jr *jr, struct json_t *root, struct anker_model *model)
{
	struct anker_duration *dur = anker_alloc_zeroed(jr->ctx, 1, sizeof(*dur));
	if (!dur)
		return jr_fail_no_memory(jr);
	model->payload = dur;
	model->linear = &dur->linear;
	model->bands = &dur->bands;
	int r = anker_load_variables(jr, root, &dur->linear);
	if (r == 0)
		r = anker_load_terms(jr, root, &dur->linear);
	if (r == 0)
		r = refuse_intercept(jr, &dur->linear);
	if (r == 0)
		r = load_survival(jr, root, dur);
	if (r == 0)
		r = load_horizons(jr, root, dur, model->horizon_months);
	if (r == 0)
		r = anker_load_bands(jr, root, &dur->bands);
	if (r == 0)
		r = declare_outputs(jr, dur);
	return r;
}

void anker_duration_destroy(struct anker_ctx *ctx, void *payload)
{
	struct anker_duration *dur = payload;
	anker_linear_free(ctx, &dur->linear);
	anker_bands_free(ctx, &dur->bands);
	anker_dealloc(ctx, dur->months);
	anker_dealloc(ctx, dur->s0);
	anker_dealloc(ctx, dur->cumhaz);
	anker_dealloc(ctx, dur->outputs);
	anker_dealloc(ctx, dur->names);
	anker_dealloc(ctx, dur);
}

const struct anker_output *anker_duration_outputs(const struct anker_model *model,
						  size_t *ret_count)
{
	const struct anker_duration *dur = model->payload;
	*ret_count = dur->n_outputs;
	return dur->outputs;
}

/* Scoring */

enum anker_value_error anker_duration_score(const struct anker_model *model,
					    const struct anker_resolved_value *values,
					    double *contributions,
					    struct anker_output_value *outputs)
{
	const struct anker_duration *dur = model->payload;
	double eta = anker_linear_score(&dur->linear, values, contributions);
	if (isnan(eta))
		return ANKER_VERR_NOT_A_NUMBER;
	double hr = anker_duration_hazard_ratio(eta, ANKER_EXP_FLOOR);
	for (size_t i = 0; i < dur->n_horizons; i++) {
		double s = anker_duration_survival(hr, dur->horizon_cumhaz[i], ANKER_EXP_FLOOR);
		outputs[duration_survival_output(i)] = (struct anker_output_value){s, -1};
		outputs[duration_exit_output(dur, i)] = (struct anker_output_value){1.0 - s, -1};
	}
	double headline = outputs[duration_survival_output(dur->headline)].number;
	int band = anker_bands_find(&dur->bands, headline);
	if (band < 0)
		return ANKER_VERR_NOT_A_NUMBER;
	struct anker_output_value *fixed = outputs + 2 * dur->n_horizons;
	fixed[DURATION_MEDIAN] = (struct anker_output_value){anker_duration_median(dur, hr), -1};
	fixed[DURATION_RMST] = (struct anker_output_value){anker_duration_rmst(dur, hr), -1};
	fixed[DURATION_LOG_RELATIVE_HAZARD] = (struct anker_output_value){eta, -1};
	fixed[DURATION_BAND] = (struct anker_output_value){NAN, band};
	return ANKER_VERR_OK;
}
