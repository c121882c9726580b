/* SPDX-License-Identifier: GPL-3.0-or-later */
/**
 * @file score.h
 * @brief Scoring one case, with a per-term explanation.
 */
#ifndef ANKER_SCORE_H
#define ANKER_SCORE_H

#include <stddef.h>

#include <anker/case.h>
#include <anker/context.h>
#include <anker/error.h>
#include <anker/model.h>

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Flags for scoring calls. @since 1.0 */
enum anker_score_flags {
	ANKER_SCORE_DEFAULT = 0,           /**< values the model does not know are an error */
	ANKER_SCORE_IGNORE_EXTRA = 1u << 0, /**< ignore values the model does not know */
	/**
	 * A value the model would clamp into its range, or a missing value it would
	 * impute, is an error instead (ANKER_E_OUT_OF_RANGE, ANKER_E_MISSING_VALUE).
	 * A missing categorical value under the policy "level" is still accepted: the
	 * explicit "missing" level is a category the model was fitted with, not a guess.
	 * @since 1.0
	 */
	ANKER_SCORE_STRICT = 1u << 1,
};

/**
 * @brief What the model did to a case's values before scoring them: a bit set,
 * per variable or OR-ed over a case's variables.
 * @since 1.0
 */
enum anker_value_flags {
	ANKER_VALUE_FLAG_MISSING = 1u << 0, /**< a value was missing (and the policy resolved it) */
	ANKER_VALUE_FLAG_IMPUTED = 1u << 1, /**< a missing value was replaced by the imputation value */
	ANKER_VALUE_FLAG_CLAMPED = 1u << 2, /**< a value outside the range was moved to the nearer bound */
};

/** @brief The outcome of scoring one case. Opaque; reusable. @since 1.0 */
struct anker_result;

/**
 * @brief Create an empty result, to be filled by anker_model_score() any number of times.
 * @since 1.0
 */
int anker_result_new(struct anker_ctx *ctx, struct anker_result **ret);

/** @brief Free a result; NULL is a no-op. @since 1.0 */
void anker_result_free(struct anker_result *res);

/**
 * @brief Score one case.
 *
 * The linear predictor is the sum of the term contributions in term order, so
 * the explanation adds up to it exactly. On failure @p res is left unchanged.
 * @param flags a combination of enum anker_score_flags.
 * @param res the result to fill.
 * @param err optional details; the field names the offending variable.
 * A value the case does not set is missing, and the variable's missing-value
 * policy applies (see anker_result_get_flags() for what it did).
 * @return 0, ANKER_E_UNKNOWN_VARIABLE, ANKER_E_TYPE_MISMATCH, ANKER_E_UNKNOWN_LEVEL,
 *         ANKER_E_MISSING_VALUE, ANKER_E_OUT_OF_RANGE, ANKER_E_INVALID_ARGUMENT or
 *         ANKER_E_NO_MEMORY.
 * @since 1.0
 */
int anker_model_score(const struct anker_model *model, const struct anker_case *c,
		      unsigned int flags, struct anker_result *res, struct anker_error *err);

/**
 * @brief The value of number output @p output (an index as in
 * anker_model_get_output_name() for the model scored with).
 * @return the value; NaN when it is undefined for this case, when the result is
 *         empty, and when @p output is out of range or not an ANKER_OUTPUT_NUMBER.
 * @since 1.0
 */
double anker_result_get_number(const struct anker_result *res, size_t output);
/**
 * @brief The level of level output @p output: an index into its levels
 * (anker_model_get_output_level_name()).
 * @return the level (>= 0); ANKER_E_NOT_FOUND when it is undefined for this case,
 *         when the result is empty, or when @p output is out of range;
 *         ANKER_E_TYPE_MISMATCH for an ANKER_OUTPUT_NUMBER output;
 *         ANKER_E_INVALID_ARGUMENT for NULL. Every negative value means "no level".
 * @since 1.0
 */
int anker_result_get_level(const struct anker_result *res, size_t output);

/*
 * Shortcuts for the outputs a binary model declares, found by name: they work
 * for any model with an output of that name and type, and give NaN, NULL or
 * ANKER_E_NOT_FOUND for one without.
 */

/** @brief The output "linear_predictor" (NaN when the result is empty). @since 1.0 */
double anker_result_get_linear_predictor(const struct anker_result *res);
/** @brief The output "probability" (NaN when the result is empty). @since 1.0 */
double anker_result_get_probability(const struct anker_result *res);
/** @brief The output "band", or ANKER_E_NOT_FOUND when the result is empty. @since 1.0 */
int anker_result_get_band(const struct anker_result *res);
/** @brief The name of the band, or NULL when the result is empty. @since 1.0 */
const char *anker_result_get_band_name(const struct anker_result *res);
/**
 * @brief The band's label for people, e.g. "Moderate chance (25-50%)", or NULL
 * when the result is empty.
 * @since 1.0
 */
const char *anker_result_get_band_label(const struct anker_result *res);
/**
 * @brief What the model did to the case's values: enum anker_value_flags OR-ed
 * over every variable; 0 when every value was used as given (or the result is empty).
 * @since 1.0
 */
unsigned int anker_result_get_flags(const struct anker_result *res);
/**
 * @brief What the model did to the value of variable @p variable (an index as in
 * anker_model_get_variable_name()): enum anker_value_flags, 0 when used as given
 * or out of range.
 * @since 1.0
 */
unsigned int anker_result_get_variable_flags(const struct anker_result *res, size_t variable);
/**
 * @brief The number of contributions that explain the case:
 * anker_model_get_contribution_count() of the model scored with (per term for
 * a binary model, per item of each scale for a questionnaire); 0 when empty.
 * @since 1.0
 */
size_t anker_result_get_contribution_count(const struct anker_result *res);
/**
 * @brief The value of contribution @p index (anker_model_get_contribution_name()),
 * NaN when out of range: for a binary model term @p index's contribution in
 * linear-predictor units; for a questionnaire an item's contribution to its
 * scale's score (NaN when the scale is not scorable). A zero contribution is
 * +0.0, never -0.0.
 * @since 1.0
 */
double anker_result_get_contribution(const struct anker_result *res, size_t index);
/** @brief anker_model_get_contribution_label() of contribution @p index, or NULL. @since 1.0 */
const char *anker_result_get_contribution_label(const struct anker_result *res, size_t index);
/**
 * @brief What contribution @p index saw in this case, e.g. "education = higher
 * (reference: basic)" or "age = 52 (clamped from 70)" for a term, the answer
 * given for a questionnaire item (docs/model-format.md, "Contributions").
 * Holds case values: show it, never log it.
 *
 * The texts are written on the first call after scoring (scoring itself does no
 * formatting), so, like every other use of a result, calls must not overlap
 * between threads. Writing never allocates and cannot fail.
 * @return a string owned by @p res, valid until it is scored again; NULL when out of range.
 * @since 1.0
 */
const char *anker_result_get_contribution_detail(const struct anker_result *res, size_t index);
/** @brief The model the result was scored with (borrowed), or NULL. @since 1.0 */
const struct anker_model *anker_result_get_model(const struct anker_result *res);

#ifdef __cplusplus
}
#endif
#endif
