/* SPDX-License-Identifier: GPL-3.0-or-later */
/**
 * @file evaluate.h
 * @brief How well a model predicts a labelled caseload: discrimination,
 * calibration, classification, fairness per group, and drift.
 *
 * Score the caseload first (anker_batch_score()), then give the predicted
 * probabilities and the observed 0/1 outcomes to anker_evaluation_new(),
 * optionally the model (for its bands), a threshold and grouping columns, and
 * call anker_evaluation_compute(). Every figure is then read with an accessor;
 * a figure that is undefined for the data (an AUC without positives, a ratio
 * to a group without positives) is NaN, never infinity.
 *
 * Drift is separate: anker_psi_numbers(), anker_psi_edges() and
 * anker_psi_levels() compare one variable (or the score) between a reference
 * and a current caseload.
 * Duration models: anker_harrell_c().
 *
 * Definitions, bins and conventions: docs/evaluation.md.
 */
#ifndef ANKER_EVALUATE_H
#define ANKER_EVALUATE_H

#include <stddef.h>
#include <stdint.h>

#include <anker/context.h>
#include <anker/error.h>
#include <anker/model.h>

#ifdef __cplusplus
extern "C" {
#endif

/** @brief An evaluation of predictions against outcomes. Opaque; one thread. @since 1.0 */
struct anker_evaluation;

/**
 * @brief The scalar figures of anker_evaluation_get().
 * @since 1.0
 */
enum anker_evaluation_figure {
	ANKER_EVAL_COUNT = 0,	   /**< number of cases */
	ANKER_EVAL_POSITIVES,	   /**< cases with outcome 1 */
	ANKER_EVAL_MEAN_PREDICTED, /**< mean predicted probability */
	ANKER_EVAL_OBSERVED_RATE,  /**< share of cases with outcome 1 */
	ANKER_EVAL_AUC,		   /**< area under the ROC curve (ties count 1/2) */
	ANKER_EVAL_AUC_SE,	   /**< DeLong standard error of the AUC */
	ANKER_EVAL_AUC_LOWER,	   /**< lower end of the 95% interval, AUC - 1.96 SE, at least 0 */
	ANKER_EVAL_AUC_UPPER,	   /**< upper end of the 95% interval, at most 1 */
	ANKER_EVAL_CITL,	   /**< calibration-in-the-large: observed rate - mean predicted */
	ANKER_EVAL_CITL_INTERCEPT, /**< intercept a of logit P(y) = a + logit(p) */
	ANKER_EVAL_CALIBRATION_INTERCEPT, /**< a of logit P(y) = a + b logit(p) */
	ANKER_EVAL_CALIBRATION_SLOPE,	  /**< b of logit P(y) = a + b logit(p) */
	ANKER_EVAL_HL_STATISTIC,	  /**< Hosmer-Lemeshow statistic over deciles of risk */
	ANKER_EVAL_HL_DF,		  /**< its degrees of freedom: groups - 2 */
	ANKER_EVAL_HL_P,		  /**< its p-value, chi-squared upper tail */
	ANKER_EVAL_BRIER,		  /**< mean (p - y)^2 */
	ANKER_EVAL_LOG_LOSS,  /**< mean -(y log p + (1-y) log(1-p)), p clipped to [e, 1-e], e =
				 DBL_EPSILON */
	ANKER_EVAL_THRESHOLD, /**< the threshold of the fairness table */
};

/**
 * @brief The figures of one classification (anker_evaluation_get_classification())
 * or one group (anker_evaluation_get_group()). A case is "selected" (predicted
 * positive) when its probability is at least the threshold (for a band
 * threshold: when its band is above the band the threshold closes).
 * @since 1.0
 */
enum anker_evaluation_class_figure {
	ANKER_CLASS_THRESHOLD = 0,	  /**< the threshold */
	ANKER_CLASS_COUNT,		  /**< cases */
	ANKER_CLASS_POSITIVES,		  /**< cases with outcome 1 */
	ANKER_CLASS_TP,			  /**< selected, outcome 1 */
	ANKER_CLASS_FP,			  /**< selected, outcome 0 */
	ANKER_CLASS_TN,			  /**< not selected, outcome 0 */
	ANKER_CLASS_FN,			  /**< not selected, outcome 1 */
	ANKER_CLASS_SELECTION_RATE,	  /**< selected / count */
	ANKER_CLASS_TPR,		  /**< sensitivity, TP / (TP + FN) */
	ANKER_CLASS_SPECIFICITY,	  /**< TN / (TN + FP) */
	ANKER_CLASS_FPR,		  /**< FP / (FP + TN) */
	ANKER_CLASS_FNR,		  /**< FN / (TP + FN) */
	ANKER_CLASS_PPV,		  /**< TP / (TP + FP) */
	ANKER_CLASS_CITL,		  /**< observed rate - mean predicted */
	ANKER_CLASS_RATIO_SELECTION_RATE, /**< group only: selection rate / reference group's */
	ANKER_CLASS_RATIO_TPR,		  /**< group only: TPR / reference group's */
	ANKER_CLASS_RATIO_FPR,		  /**< group only: FPR / reference group's */
	ANKER_CLASS_RATIO_FNR,		  /**< group only: FNR / reference group's */
};

/**
 * @brief Flags of anker_evaluation_get_group_flags(): which ratios lie outside
 * [1/r, r] for the ratio threshold r (anker_evaluation_set_ratio_threshold()).
 * @since 1.0
 */
enum anker_evaluation_group_flag {
	ANKER_FLAG_SELECTION_RATE = 1 << 0, /**< selection rate ratio */
	ANKER_FLAG_TPR = 1 << 1,	    /**< true positive rate ratio */
	ANKER_FLAG_FPR = 1 << 2,	    /**< false positive rate ratio */
	ANKER_FLAG_FNR = 1 << 3,	    /**< false negative rate ratio */
};

/** @brief The two groupings of a reliability table. @since 1.0 */
enum anker_reliability_by {
	ANKER_RELIABILITY_DECILE = 0, /**< ten groups of equal size by predicted risk */
	ANKER_RELIABILITY_BAND = 1,   /**< the model's bands (anker_evaluation_set_model()) */
};

/**
 * @brief Start an evaluation of @p n predicted probabilities against observed outcomes.
 * The arrays are copied.
 * @param outcome 0 or 1 per case.
 * @return 0; ANKER_E_INVALID_ARGUMENT (NULL, or @p n == 0: an empty caseload);
 *         ANKER_E_MISSING_VALUE (a NaN probability or outcome);
 *         ANKER_E_OUT_OF_RANGE (a probability outside [0, 1]);
 *         ANKER_E_BAD_VALUE (an outcome other than 0 or 1); ANKER_E_NO_MEMORY.
 *         The error's field is "probability" or "outcome" and its case index the row.
 * @since 1.0
 */
int anker_evaluation_new(struct anker_ctx *ctx, const double *probability, const double *outcome,
			 size_t n, struct anker_evaluation **ret, struct anker_error *err);

/** @brief Free an evaluation; NULL is a no-op. @since 1.0 */
void anker_evaluation_free(struct anker_evaluation *ev);

/**
 * @brief Use @p model's bands: a reliability row and a classification per band
 * threshold. The evaluation keeps a reference to the model.
 * @return 0, or ANKER_E_INVALID_ARGUMENT (NULL, or a model without bands).
 * @since 1.0
 */
int anker_evaluation_set_model(struct anker_evaluation *ev, struct anker_model *model);

/**
 * @brief Classify at @p threshold (in [0, 1]) instead of at the band thresholds;
 * also the threshold of the fairness table (default 0.5).
 * @return 0 or ANKER_E_INVALID_ARGUMENT.
 * @since 1.0
 */
int anker_evaluation_set_threshold(struct anker_evaluation *ev, double threshold);

/**
 * @brief Flag a group whose ratio to the reference group is above @p ratio or
 * below 1 / @p ratio (default 1.25, and so 0.8 as in the four-fifths rule).
 * @return 0, or ANKER_E_INVALID_ARGUMENT unless @p ratio is finite and > 1.
 * @since 1.0
 */
int anker_evaluation_set_ratio_threshold(struct anker_evaluation *ev, double ratio);

/**
 * @brief Add a grouping column for the fairness table: one value per case, NULL
 * for a case without one (counted by anker_evaluation_get_grouping_missing(),
 * left out of the groups).
 * @param reference the reference group's value, or NULL for the largest group
 *        (the first in order of appearance among equally large ones).
 * @return 0, ANKER_E_INVALID_ARGUMENT, ANKER_E_DUPLICATE (a grouping of that
 *         name exists) or ANKER_E_NO_MEMORY. A reference value that no case has
 *         fails anker_evaluation_compute() with ANKER_E_NOT_FOUND.
 * @since 1.0
 */
int anker_evaluation_add_grouping(struct anker_evaluation *ev, const char *name,
				  const char *const *values, const char *reference,
				  struct anker_error *err);

/**
 * @brief Compute every figure. Call once, after the setters.
 * @return 0, ANKER_E_NOT_FOUND (a reference group no case belongs to; the field
 *         names the grouping) or ANKER_E_NO_MEMORY.
 * @since 1.0
 */
int anker_evaluation_compute(struct anker_evaluation *ev, struct anker_error *err);

/**
 * @brief A scalar figure (enum anker_evaluation_figure); NaN when undefined for
 * the data (e.g. the AUC without positives or negatives), when out of range, or
 * before anker_evaluation_compute().
 * @since 1.0
 */
double anker_evaluation_get(const struct anker_evaluation *ev, int figure);

/**
 * @brief The number of rows of the reliability table @p by (enum anker_reliability_by):
 * at most 10 deciles (fewer with fewer cases), one row per band, 0 without a model.
 * @since 1.0
 */
size_t anker_evaluation_get_reliability_count(const struct anker_evaluation *ev, int by);

/**
 * @brief Row @p index of a reliability table; each output is optional.
 * A band without cases has count 0 and NaN means.
 * @return 0, or ANKER_E_NOT_FOUND for a row out of range.
 * @since 1.0
 */
int anker_evaluation_get_reliability(const struct anker_evaluation *ev, int by, size_t index,
				     size_t *ret_count, double *ret_mean_predicted,
				     double *ret_observed_rate);

/**
 * @brief The number of classifications: 1 with a threshold
 * (anker_evaluation_set_threshold()), else one per band threshold of the model,
 * else 1 (at 0.5).
 * @since 1.0
 */
size_t anker_evaluation_get_classification_count(const struct anker_evaluation *ev);

/**
 * @brief A figure (enum anker_evaluation_class_figure, not the ratios) of
 * classification @p index; NaN when undefined or out of range.
 * @since 1.0
 */
double anker_evaluation_get_classification(const struct anker_evaluation *ev, size_t index,
					   int figure);

/** @brief The number of groupings added. @since 1.0 */
size_t anker_evaluation_get_grouping_count(const struct anker_evaluation *ev);

/** @brief The name of grouping @p grouping, or NULL. @since 1.0 */
const char *anker_evaluation_get_grouping_name(const struct anker_evaluation *ev, size_t grouping);

/** @brief Cases without a value in grouping @p grouping. @since 1.0 */
size_t anker_evaluation_get_grouping_missing(const struct anker_evaluation *ev, size_t grouping);

/** @brief The number of groups of grouping @p grouping (in order of first appearance). @since 1.0
 */
size_t anker_evaluation_get_group_count(const struct anker_evaluation *ev, size_t grouping);

/** @brief The value that names group @p group, or NULL. @since 1.0 */
const char *anker_evaluation_get_group_name(const struct anker_evaluation *ev, size_t grouping,
					    size_t group);

/** @brief The index of the reference group of @p grouping, or -1. @since 1.0 */
long anker_evaluation_get_reference_group(const struct anker_evaluation *ev, size_t grouping);

/**
 * @brief A figure (enum anker_evaluation_class_figure) of one group at the
 * fairness threshold. A ratio is NaN (undefined) when either rate is undefined
 * or the reference group's rate is 0.
 * @since 1.0
 */
double anker_evaluation_get_group(const struct anker_evaluation *ev, size_t grouping, size_t group,
				  int figure);

/**
 * @brief The enum anker_evaluation_group_flag bits of one group: the ratios
 * outside [1/r, r]. An undefined ratio is never flagged.
 * @since 1.0
 */
unsigned int anker_evaluation_get_group_flags(const struct anker_evaluation *ev, size_t grouping,
					      size_t group);

/**
 * @brief The population stability index of a numeric variable (or the score)
 * between a reference and a current caseload, over the bins the reference
 * deciles make, plus one bin for missing values (NaN) when either has any.
 * A bin's share of 0 is replaced by 1e-4 in the formula.
 * @param ret_bins optional: the number of bins used.
 * @return 0, ANKER_E_INVALID_ARGUMENT (NULL, or an empty caseload) or ANKER_E_NO_MEMORY.
 * @since 1.0
 */
int anker_psi_numbers(struct anker_ctx *ctx, const double *reference, size_t n_reference,
		      const double *current, size_t n_current, double *ret_psi, size_t *ret_bins,
		      struct anker_error *err);

/**
 * @brief The population stability index of a numeric variable over given bin
 * edges (a model's bins: anker_model_get_term_edges()): bin i (0 .. @p n_edges)
 * holds the values x with i edges <= x, as the model bins them, plus one bin
 * for missing values (NaN) when either caseload has any. A bin's share of 0 is
 * replaced by 1e-4 in the formula.
 * @param ret_bins optional: the number of bins used.
 * @return 0, ANKER_E_INVALID_ARGUMENT (NULL, or an empty caseload),
 *         ANKER_E_ORDER (edges not finite and strictly increasing; field "edges")
 *         or ANKER_E_NO_MEMORY.
 * @since 1.0
 */
int anker_psi_edges(struct anker_ctx *ctx, const double *edges, size_t n_edges,
		    const double *reference, size_t n_reference, const double *current,
		    size_t n_current, double *ret_psi, size_t *ret_bins, struct anker_error *err);

/**
 * @brief The population stability index of a categorical variable: one bin per
 * level code 0 .. @p n_levels - 1, plus one for -1 (missing) when either caseload has any.
 * @return 0, ANKER_E_INVALID_ARGUMENT (NULL, empty, @p n_levels == 0) or
 *         ANKER_E_OUT_OF_RANGE (a code outside -1 .. n_levels - 1; the field is
 *         "reference" or "current" and the case index the row).
 * @since 1.0
 */
int anker_psi_levels(const int32_t *reference, size_t n_reference, const int32_t *current,
		     size_t n_current, size_t n_levels, double *ret_psi, struct anker_error *err);

/**
 * @brief Harrell's concordance index of a risk score against right-censored times.
 *
 * A pair is comparable when the shorter time ended in an event and the times
 * differ; it is concordant when that case has the higher risk, and counts 1/2
 * when the risks tie. With a finite @p horizon, only pairs whose shorter time is
 * at most @p horizon count (the C at the horizon); pass INFINITY for overall.
 * @param event 1 for an event, 0 for censoring.
 * @param ret_c NaN when no pair is comparable.
 * @return 0, ANKER_E_INVALID_ARGUMENT, ANKER_E_MISSING_VALUE (a NaN; the field
 *         names the array, the case index the row), ANKER_E_BAD_VALUE (an event
 *         other than 0/1 or a negative time) or ANKER_E_NO_MEMORY.
 * @since 1.0
 */
int anker_harrell_c(struct anker_ctx *ctx, const double *risk, const double *time,
		    const double *event, size_t n, double horizon, double *ret_c,
		    struct anker_error *err);

#ifdef __cplusplus
}
#endif
#endif
