/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The evaluation object and the computations behind include/anker/evaluate.h,
 * one concern per file: discrimination (eval-discrimination.c), calibration
 * (eval-calibration.c), classification and fairness (eval-classify.c), drift
 * (eval-psi.c).
 */
#ifndef ANKER_STATS_EVAL_PRIVATE_H
#define ANKER_STATS_EVAL_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include <anker/evaluate.h>

#define EVAL_DECILES	     10
#define EVAL_N_CLASS_FIGURES (ANKER_CLASS_RATIO_FNR + 1)
#define EVAL_N_FIGURES	     (ANKER_EVAL_THRESHOLD + 1)

struct eval_reliability_row {
	size_t count;
	double mean_predicted;
	double observed_rate;
};

struct eval_group {
	char *name;
	double figures[EVAL_N_CLASS_FIGURES];
	unsigned int flags;
};

struct eval_grouping {
	char *name;
	char *reference_name; /* as given, or NULL: the largest group */
	size_t *group_of;     /* per case: group index, or SIZE_MAX when missing */
	size_t missing;
	struct eval_group *groups;
	size_t n_groups;
	long reference;
};

struct anker_evaluation {
	struct anker_ctx *ctx;
	struct anker_model *model; /* NULL, or a model with bands */
	double *p;
	unsigned char *y;
	size_t n;
	double threshold; /* NaN: not given */
	double ratio_threshold;
	struct eval_grouping *groupings;
	size_t n_groupings;

	bool computed;
	double figures[EVAL_N_FIGURES];
	struct eval_reliability_row deciles[EVAL_DECILES];
	size_t n_deciles;
	struct eval_reliability_row *bands;
	size_t n_bands;
	double (*classifications)[EVAL_N_CLASS_FIGURES];
	size_t n_classifications;
};

/* The order of the cases by ascending probability, stable (ties keep input order). */
size_t *eval_order_by_probability(struct anker_ctx *ctx, const double *p, size_t n);

/* AUC, its DeLong standard error and 95% interval into ev->figures. 0 or ANKER_E_NO_MEMORY. */
int eval_discrimination(struct anker_evaluation *ev, const size_t *order);

/* Brier, log loss, calibration-in-the-large, slope and intercept, Hosmer-Lemeshow
 * and the reliability tables. 0 or ANKER_E_NO_MEMORY. */
int eval_calibration(struct anker_evaluation *ev, const size_t *order);

/* The 2x2 confusion figures, rates and CITL of the cases where @p member is
 * NULL or member[i] == @p group, positive meaning selected[i]. */
void eval_classify(const struct anker_evaluation *ev, const unsigned char *selected,
		   const size_t *member, size_t group, double threshold,
		   double figures[EVAL_N_CLASS_FIGURES]);

/* The classification table and the fairness table. 0, ANKER_E_NOT_FOUND or ANKER_E_NO_MEMORY. */
int eval_classifications(struct anker_evaluation *ev, struct anker_error *err);

/* The logistic regression of y on x (with an intercept, or with offset x and
 * intercept alone when @p fixed_slope), by Newton steps. NaN on failure to
 * converge (e.g. separation). */
void eval_logistic(const double *x, const unsigned char *y, size_t n, bool fixed_slope,
		   double *ret_intercept, double *ret_slope);

#endif
