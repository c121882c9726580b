/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Kind "duration": the baseline cumulative hazard, the median and the
 * restricted mean, the caller's survival queries on a single-case result, and
 * the accessors that describe the baseline (anker model-info).
 */
#include <gsl/gsl_sf_gamma.h>

#include <anker/duration.h>

#include "../model/names.h"
#include "duration.h"

static const struct anker_duration *duration_of(const struct anker_model *model)
{
	return model && model->kind->value == ANKER_MODEL_DURATION ? model->payload : NULL;
}

/* The baseline */

double anker_duration_cumhaz(const struct anker_duration *dur, double t)
{
	if (!(t >= 0.0 && t <= dur->max_months))
		return NAN;
	if (dur->form == ANKER_SURVIVAL_COX) {
		/* S0 is right-continuous and constant between grid months, 1 before the first. */
		size_t n = anker_count_at_or_below(dur->months, dur->n_grid, t);
		return n == 0 ? 0.0 : dur->cumhaz[n - 1];
	}
	return t == 0.0 ? 0.0 : pow(t / dur->scale, dur->shape);
}

double anker_duration_cumhaz_between(const struct anker_duration *dur, double s, double t)
{
	if (!(t >= s))
		return NAN;
	if (s == 0.0 || t == s) /* exactly H0(t), and exactly 0 */
		return t == s ? 0.0 : anker_duration_cumhaz(dur, t);
	double dh = anker_duration_cumhaz(dur, t) - anker_duration_cumhaz(dur, s);
	/* H0 never decreases; a Weibull pow() could in principle round against it */
	return dh < 0.0 ? 0.0 : dh;
}

/* The median: the smallest t with S(t) <= 1/2, +inf when S stays above it up to max_months. */
double anker_duration_median(const struct anker_duration *dur, double hr)
{
	if (dur->form == ANKER_SURVIVAL_COX) {
		/* the first grid month at or below 1/2, by the definition itself (the batch
		 * scorer scans the grid for a whole chunk at once, cox_summaries()) */
		for (size_t i = 0; i < dur->n_grid; i++)
			if (anker_duration_survival(hr, dur->cumhaz[i], ANKER_EXP_FLOOR) <= 0.5)
				return dur->months[i];
		return INFINITY;
	}
	/* (t / scale)^k * hr = log 2 */
	double t = dur->scale * pow(M_LN2 / hr, 1.0 / dur->shape);
	return t <= dur->max_months ? t : INFINITY;
}

/*
 * The Weibull restricted mean: the integral of exp(-hr (t/scale)^k) over
 * [0, M] is M x^(-1/k) Gamma(1 + 1/k) P(1/k, x) with x = hr (M/scale)^k, P the
 * regularized lower incomplete gamma function. Written in M and x (not scale
 * and hr) so that nothing overflows; a and x are kept where GSL computes
 * without its error handler: a = 1/k is in [0.05, 20] (the loader's shape
 * bounds) and x in [1e-12, 500].
 */
static double weibull_rmst(const struct anker_duration *dur, double hr)
{
	double m = dur->max_months;
	double x = hr * anker_duration_cumhaz(dur, m);
	double k = dur->shape, a = 1.0 / k;
	if (x < 1e-12) /* 1 - c t^k under the integral; the next term is x^2 below it */
		return m * (1.0 - x / (k + 1.0));
	double p = x > 500.0 ? 1.0 : gsl_sf_gamma_inc_P(a, x);
	return m * pow(x, -a) * gsl_sf_gamma(1.0 + a) * p;
}

/* The restricted mean: the area under S(t) from 0 to max_months. */
double anker_duration_rmst(const struct anker_duration *dur, double hr)
{
	if (dur->form != ANKER_SURVIVAL_COX)
		return weibull_rmst(dur, hr);
	/* exact for the step function: 1 up to the first grid month, then S at each
	 * grid month until the next; cox_summaries() adds in the same order */
	double area = dur->months[0];
	for (size_t i = 0; i + 1 < dur->n_grid; i++)
		area += anker_duration_survival(hr, dur->cumhaz[i], ANKER_EXP_FLOOR) *
			(dur->months[i + 1] - dur->months[i]);
	return area;
}

/* Survival queries on a result */

ANKER_EXPORT double anker_result_get_survival(const struct anker_result *res, double given_months,
					      double months)
{
	const struct anker_model *model = anker_result_get_model(res);
	const struct anker_duration *dur = duration_of(model);
	if (!dur)
		return NAN;
	double eta =
	    anker_result_get_number(res, duration_fixed_output(dur, DURATION_LOG_RELATIVE_HAZARD));
	double hr = anker_duration_hazard_ratio(eta, ANKER_EXP_FLOOR);
	return anker_duration_survival(hr, anker_duration_cumhaz_between(dur, given_months, months),
				       ANKER_EXP_FLOOR);
}

/* Accessors */

ANKER_EXPORT const char *anker_survival_form_name(int form)
{
	return anker_name_of(anker_survival_form_names, form);
}

ANKER_EXPORT int anker_model_get_survival_form(const struct anker_model *model)
{
	if (!model)
		return ANKER_E_INVALID_ARGUMENT;
	const struct anker_duration *dur = duration_of(model);
	return dur ? dur->form : ANKER_E_NOT_FOUND;
}

ANKER_EXPORT double anker_model_get_max_months(const struct anker_model *model)
{
	const struct anker_duration *dur = duration_of(model);
	return dur ? dur->max_months : NAN;
}

ANKER_EXPORT size_t anker_model_get_horizon_count(const struct anker_model *model)
{
	const struct anker_duration *dur = duration_of(model);
	return dur ? dur->n_horizons : 0;
}

ANKER_EXPORT int anker_model_get_horizon(const struct anker_model *model, size_t index)
{
	if (!model)
		return ANKER_E_INVALID_ARGUMENT;
	const struct anker_duration *dur = duration_of(model);
	return dur && index < dur->n_horizons ? dur->horizons[index] : ANKER_E_NOT_FOUND;
}

ANKER_EXPORT size_t anker_model_get_baseline_count(const struct anker_model *model)
{
	const struct anker_duration *dur = duration_of(model);
	return dur ? dur->n_grid : 0;
}

ANKER_EXPORT int anker_model_get_baseline(const struct anker_model *model, size_t index,
					  double *ret_months, double *ret_survival)
{
	if (!model)
		return ANKER_E_INVALID_ARGUMENT;
	const struct anker_duration *dur = duration_of(model);
	if (!dur || index >= dur->n_grid)
		return ANKER_E_NOT_FOUND;
	if (ret_months)
		*ret_months = dur->months[index];
	if (ret_survival)
		*ret_survival = dur->s0[index];
	return 0;
}

ANKER_EXPORT int anker_model_get_weibull(const struct anker_model *model, double *ret_shape,
					 double *ret_scale)
{
	if (!model)
		return ANKER_E_INVALID_ARGUMENT;
	const struct anker_duration *dur = duration_of(model);
	if (!dur || dur->form != ANKER_SURVIVAL_WEIBULL)
		return ANKER_E_NOT_FOUND;
	if (ret_shape)
		*ret_shape = dur->shape;
	if (ret_scale)
		*ret_scale = dur->scale;
	return 0;
}
