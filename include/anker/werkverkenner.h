/* SPDX-License-Identifier: GPL-3.0-or-later */
/**
 * @file werkverkenner.h
 * @brief What the model kinds cannot say about a Werkverkenner-like profile:
 * hard and soft factors, the factor diagnosis, the items that left an
 * instrument unscored, and the month-7 re-estimate.
 *
 * The Werkverkenner itself is a profile of existing kinds
 * (docs/werkverkenner.md): a questionnaire whose scales are the factors
 * (each marked "hard" or "soft" in the file), a binary model whose variables
 * the profile feeds from the questionnaire's scores ("inputs" of a chained
 * instrument), and a rule table for the invitation. A chained instrument
 * whose inputs are missing (a factor not scorable) is not scored: its
 * result stays empty (anker_result_get_model() is NULL), its outputs reach
 * the rule table as missing, and its record entry has no outputs; never an
 * imputed chance.
 */
#ifndef ANKER_WERKVERKENNER_H
#define ANKER_WERKVERKENNER_H

#include <stddef.h>

#include <anker/assess.h>
#include <anker/error.h>
#include <anker/model.h>

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Whether a questionnaire scale is a changeable factor. @since 1.0 */
enum anker_factor_type {
	ANKER_FACTOR_NONE = 0, /**< the scale is not marked a factor */
	ANKER_FACTOR_HARD = 1, /**< not changeable (age, work history, education) */
	ANKER_FACTOR_SOFT = 2, /**< partly changeable: a starting point for the werkplan */
};

/**
 * @brief The factor type of the scale that output @p output of a
 * questionnaire belongs to (its "_score", "_level" and "_answered" outputs
 * all give the scale's type).
 * @return an enum anker_factor_type (ANKER_FACTOR_NONE for an unmarked scale
 *         and for the outputs of other kinds), ANKER_E_INVALID_ARGUMENT for
 *         NULL, ANKER_E_NOT_FOUND for an output out of range.
 * @since 1.0
 */
int anker_model_get_output_factor(const struct anker_model *model, size_t output);

/**
 * @brief What a coach can say to the client about the factor of output
 * @p output's scale, in @p lang ("nl" or "en"); NULL for an unmarked scale,
 * another kind or another language.
 * @since 1.0
 */
const char *anker_model_get_output_factor_text(const struct anker_model *model, size_t output,
					       const char *lang);

/** @brief One factor of a chained instrument, as anker_assessment_diagnose() gives it. @since 1.0
 */
struct anker_factor_pull {
	size_t instrument; /**< the profile's index of the questionnaire */
	size_t output;	   /**< the questionnaire's output (a scale's "_score") */
	double score;	   /**< the factor's score */
	/** What the factor costs the linear predictor against its best score: 0 or below. */
	double pull;
	int type; /**< enum anker_factor_type */
};

/**
 * @brief The factor diagnosis of chained instrument @p index: every input the
 * profile feeds from a questionnaire score through a linear term, with the
 * amount it pulls the linear predictor down against the best score of the
 * variable's range (coef × (score − best) for the best end of the range),
 * ordered from the largest pull to none (ties in the model's variable order).
 * @param out where to write up to @p cap factors; may be NULL when @p cap is 0.
 * @param[out] ret_count how many factors there are (also when @p cap is smaller).
 * @return 0; ANKER_E_INVALID_ARGUMENT; ANKER_E_NOT_FOUND when instrument
 *         @p index is not chained; ANKER_E_MISSING_VALUE when it was not
 *         scored (see anker_assessment_get_missing_items()).
 * @since 1.0
 */
int anker_assessment_diagnose(const struct anker_assessment *a, size_t index,
			      struct anker_factor_pull *out, size_t cap, size_t *ret_count,
			      struct anker_error *err);

/**
 * @brief Why chained instrument @p index was not scored: the items (variable
 * names of the questionnaires it reads) left unanswered in the scales that
 * could not be scored, in the questionnaires' item order. None when it was
 * scored.
 * @param names where to write up to @p cap names, owned by the profile.
 * @param[out] ret_count how many there are.
 * @return 0, ANKER_E_INVALID_ARGUMENT or ANKER_E_NOT_FOUND (not chained).
 * @since 1.0
 */
int anker_assessment_get_missing_items(const struct anker_assessment *a, size_t index,
				       const char **names, size_t cap, size_t *ret_count);

/** @brief The month-7 re-estimate next to the first estimate. @since 1.0 */
struct anker_followup {
	size_t instrument;   /**< the profile's index of the re-estimated binary instrument */
	double first_chance; /**< the first estimate, as the case gives it */
	int first_band;	     /**< its band (the instrument's "band" levels) */
	double chance;	     /**< the re-estimate; NaN when the instrument was not scored */
	int band;	     /**< its band, or -1 when not scored */
	double drop;	     /**< first_chance - chance; NaN when not scored */
	double threshold;    /**< the profile's "drop_threshold" */
	int band_drop;	     /**< 1 when the band is lower than the first band */
	/** 1 when band_drop or drop > threshold: the chance is lower than first estimated. */
	int flag;
};

/**
 * @brief The profile's "followup": the binary instrument re-estimated, the
 * case variable that carries the first estimate, and the drop threshold.
 * @param[out] ret_instrument, ret_first_variable, ret_threshold any may be NULL.
 * @return 0, ANKER_E_INVALID_ARGUMENT, or ANKER_E_NOT_FOUND when the profile has none.
 * @since 1.0
 */
int anker_profile_get_followup(const struct anker_profile *profile, size_t *ret_instrument,
			       const char **ret_first_variable, double *ret_threshold);

/**
 * @brief The re-estimate of a follow-up assessment: a case of a profile with
 * "followup" that gives the first estimate (the variable the profile names).
 * The record holds it as "followup" (docs/werkverkenner.md).
 * @return 0, ANKER_E_INVALID_ARGUMENT, or ANKER_E_NOT_FOUND when the profile
 *         has no follow-up or the case gave no first estimate.
 * @since 1.0
 */
int anker_assessment_get_followup(const struct anker_assessment *a, struct anker_followup *ret);

#ifdef __cplusplus
}
#endif
#endif
