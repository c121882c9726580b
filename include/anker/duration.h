/* SPDX-License-Identifier: GPL-3.0-or-later */
/**
 * @file duration.h
 * @brief Duration models (kind "duration", e.g. BLIJF): the survival function
 * S(t) = the probability of still being on benefit t months after the
 * assessment, at any t, unconditional or given s months already passed.
 *
 * A duration model's named outputs (survival_H, exit_H, median_months,
 * rmst_months, log_relative_hazard, band) cover its own horizons; the
 * functions here answer for any horizon a caller chooses, with the same
 * arithmetic, so that S(H) here equals the output survival_H to the last bit.
 * See docs/model-format.md ("Duration models") for the two forms.
 */
#ifndef ANKER_DURATION_H
#define ANKER_DURATION_H

#include <stddef.h>

#include <anker/batch.h>
#include <anker/model.h>
#include <anker/score.h>

#ifdef __cplusplus
extern "C" {
#endif

/** @brief The forms of a duration model's baseline. @since 1.0 */
enum anker_survival_form {
	/** proportional hazards with a baseline survival step function on a grid of months @since 1.0 */
	ANKER_SURVIVAL_COX = 1,
	/** Weibull proportional hazards: S(t) = exp(-(t / scale)^shape * exp(eta)) @since 1.0 */
	ANKER_SURVIVAL_WEIBULL = 2,
};

/**
 * @brief The most caller-chosen survival queries one batch writes
 * (anker_batch_bind_survival()).
 * @since 1.0
 */
#define ANKER_BATCH_SURVIVAL_MAX 16

/**
 * @brief The name of a survival form as files spell it ("cox", "weibull"), or NULL.
 * @since 1.0
 */
const char *anker_survival_form_name(int form);

/**
 * @brief The form of a duration model's baseline (enum anker_survival_form);
 * ANKER_E_NOT_FOUND for a model of another kind, ANKER_E_INVALID_ARGUMENT for NULL.
 * @since 1.0
 */
int anker_model_get_survival_form(const struct anker_model *model);

/**
 * @brief The last month a duration model describes: the last month of a Cox
 * baseline's grid, or a Weibull model's max_months. S(t) beyond it is NaN, and
 * rmst_months is the mean restricted to [0, this]. NaN for another kind or NULL.
 * @since 1.0
 */
double anker_model_get_max_months(const struct anker_model *model);

/** @brief How many horizons a duration model declares outputs for; 0 for another kind. @since 1.0 */
size_t anker_model_get_horizon_count(const struct anker_model *model);

/**
 * @brief Horizon @p index (months, in increasing order), or ANKER_E_NOT_FOUND
 * when out of range or not a duration model, ANKER_E_INVALID_ARGUMENT for NULL.
 * @since 1.0
 */
int anker_model_get_horizon(const struct anker_model *model, size_t index);

/**
 * @brief How many points a Cox model's baseline grid has; 0 for a Weibull
 * model or another kind.
 * @since 1.0
 */
size_t anker_model_get_baseline_count(const struct anker_model *model);

/**
 * @brief Point @p index of a Cox model's baseline: its month and the baseline
 * survival S0 there (S0 holds until the next month of the grid). Each output
 * is optional.
 * @return 0, ANKER_E_NOT_FOUND (out of range, or no Cox baseline) or
 *         ANKER_E_INVALID_ARGUMENT.
 * @since 1.0
 */
int anker_model_get_baseline(const struct anker_model *model, size_t index, double *ret_months,
			     double *ret_survival);

/**
 * @brief A Weibull model's shape k and scale lambda (months). Each output is optional.
 * @return 0, ANKER_E_NOT_FOUND (not a Weibull model) or ANKER_E_INVALID_ARGUMENT.
 * @since 1.0
 */
int anker_model_get_weibull(const struct anker_model *model, double *ret_shape,
			    double *ret_scale);

/**
 * @brief The probability that the case scored into @p res is still on benefit
 * @p months months after the assessment, given that it still is after
 * @p given_months months: S(months) / S(given_months), computed as
 * exp(-exp(eta) * (H0(months) - H0(given_months))) with H0 = -log S0 the
 * baseline cumulative hazard, so that it stays exact where S(given_months) is
 * tiny. @p given_months = 0 gives S(months) itself.
 * @return a probability in [0, 1]; NaN when @p res holds no duration model's
 *         result (empty, or another kind), when either argument is NaN,
 *         negative or beyond anker_model_get_max_months(), or when
 *         @p months < @p given_months.
 * @since 1.0
 */
double anker_result_get_survival(const struct anker_result *res, double given_months,
				 double months);

/**
 * @brief Where anker_batch_run() writes S(@p months) / S(@p given_months)
 * (as anker_result_get_survival() computes it, bit for bit) for every case
 * from now on: @p values[i] for case i, NaN for a failed case.
 *
 * Binding the same (@p given_months, @p months) again replaces its array;
 * anker_batch_unbind_all() removes every survival binding.
 * @param values a caller-owned array of at least the @p n of every later
 *        anker_batch_run() call.
 * @return 0; ANKER_E_UNSUPPORTED when the batch's model is not a duration
 *         model; ANKER_E_OUT_OF_RANGE when an argument is NaN, negative or
 *         beyond anker_model_get_max_months(), or @p months < @p given_months;
 *         ANKER_E_TOO_LARGE for a query beyond ANKER_BATCH_SURVIVAL_MAX
 *         different ones; ANKER_E_INVALID_ARGUMENT for NULL.
 * @since 1.0
 */
int anker_batch_bind_survival(struct anker_batch *batch, double given_months, double months,
			      double *values);

#ifdef __cplusplus
}
#endif
#endif
