/* SPDX-License-Identifier: GPL-3.0-or-later */
/**
 * @file fit.h
 * @brief Re-estimating a binary model's coefficients from an agency's own history.
 *
 * A fit starts from a **specification**: a model file the loader accepts
 * (docs/model-format.md), whose variables, terms, reference levels, knots,
 * edges and interactions are the structure to fit. Its coefficients (`coef`,
 * the categorical and bins `effects`, the spline `values`) are placeholders
 * and are ignored: any existing model file is the specification of its own
 * refit. Bind the predictor columns to the fit's batch exactly as for scoring
 * (anker_fit_get_batch(), the anker_batch_bind_*() calls), bind the outcome
 * (and optionally case weights), run, and take the fitted model file's text
 * and the fit statistics (docs/model-format.md, "Fitting").
 *
 * The design matrix is expanded by the scorer's own term kernels (one column
 * per coefficient: every term evaluated with a unit coefficient), so a fitted
 * model scores exactly the linear predictor that was fitted. Identification:
 * the reference level of a categorical term, and, when the model has an
 * intercept, the first bin of a bins term and the first knot of a spline, are
 * fixed at 0.
 *
 * Kinds `binary` (logit, probit) and `duration` (Cox with the Breslow
 * baseline on the specification's month grid, Weibull) can be fitted. A
 * duration fit reads a time column (anker_fit_bind_time()) and the event
 * indicator as its outcome; times are right-censored.
 */
#ifndef ANKER_FIT_H
#define ANKER_FIT_H

#include <stddef.h>

#include <anker/batch.h>
#include <anker/error.h>

#ifdef __cplusplus
extern "C" {
#endif

/** @brief How a Cox fit handles tied exit times. @since 1.0 */
enum anker_fit_ties {
	ANKER_FIT_TIES_EFRON = 1,   /**< Efron's approximation (the default) */
	ANKER_FIT_TIES_BRESLOW = 2, /**< Breslow's approximation */
};

/** @brief One fit: a specification, its bound columns, options and, after a run, the result.
 * Opaque; one thread. @since 1.0 */
struct anker_fit;

/**
 * @brief Called after each Newton iteration (for progress reports).
 * @param iteration 1-based; @param log_likelihood the penalised log-likelihood
 * before the iteration's step. Never receives case values.
 * @since 1.0
 */
typedef void (*anker_fit_progress_fn)(void *data, unsigned int iteration, double log_likelihood);

/**
 * @brief Load a specification and prepare a fit.
 * @param spec the specification's JSON text (a model file; see the file comment).
 * @param size its length in bytes.
 * @param spec_name the name errors cite (NULL for "<buffer>").
 * @param flags ANKER_SCORE_* flags for the batch that reads the predictors
 *        (ANKER_SCORE_IGNORE_EXTRA: columns that are no variable are ignored).
 * @param[out] ret the fit; untouched on failure.
 * @return 0, a loader error (ANKER_E_SYNTAX, ANKER_E_MISSING_KEY, ...),
 *         ANKER_E_UNSUPPORTED (a kind that cannot be fitted: questionnaire, rules),
 * ANKER_E_TOO_LARGE (more than 4096 coefficients), ANKER_E_NO_MEMORY or ANKER_E_INVALID_ARGUMENT.
 * @since 1.0
 */
int anker_fit_new(struct anker_ctx *ctx, const char *spec, size_t size, const char *spec_name,
		  unsigned int flags, struct anker_error *err, struct anker_fit **ret);

/** @brief Free a fit; NULL is a no-op. Bound arrays are not touched. @since 1.0 */
void anker_fit_free(struct anker_fit *fit);

/**
 * @brief The batch whose column bindings the fit reads its predictors from:
 * bind every variable with anker_batch_bind_*() (or declare it absent). The
 * batch belongs to the fit. @return NULL for a NULL fit.
 * @since 1.0
 */
struct anker_batch *anker_fit_get_batch(struct anker_fit *fit);

/**
 * @brief Bind the outcome column: 1 (the event the model predicts) or 0 per
 * case. A missing outcome (NaN) is always an error, whatever the variables'
 * policies. @param stride in bytes; 0 means sizeof(double).
 * @param name the column's name, cited in errors (NULL for "outcome").
 * @return 0 or ANKER_E_INVALID_ARGUMENT.
 * @since 1.0
 */
int anker_fit_bind_outcome(struct anker_fit *fit, const char *name, const double *values,
			   size_t stride);

/**
 * @brief Bind the time column of a duration fit: months from the assessment
 * to leaving benefit (outcome 1) or to the end of follow-up (outcome 0),
 * finite and above 0. @param stride as anker_fit_bind_outcome().
 * @param name the column's name, cited in errors (NULL for "time").
 * @return 0 or ANKER_E_INVALID_ARGUMENT.
 * @since 1.0
 */
int anker_fit_bind_time(struct anker_fit *fit, const char *name, const double *values,
			size_t stride);

/**
 * @brief How a Cox fit handles tied exit times (enum anker_fit_ties); weights
 * need ANKER_FIT_TIES_BRESLOW. @return 0 or ANKER_E_INVALID_ARGUMENT.
 * @since 1.0
 */
int anker_fit_set_ties(struct anker_fit *fit, int ties);

/**
 * @brief Bind case weights (finite, >= 0; a case of weight 0 does not count),
 * or NULL for weight 1 everywhere. The log-likelihood is the weighted sum, as
 * if a case of weight 2 were given twice. @param stride as anker_fit_bind_outcome().
 * @return 0 or ANKER_E_INVALID_ARGUMENT.
 * @since 1.0
 */
int anker_fit_bind_weights(struct anker_fit *fit, const char *name, const double *values,
			   size_t stride);

/**
 * @brief The ridge penalty: the fit maximises loglik - l2 / 2 * sum(beta_j^2)
 * over every coefficient but the intercept. Default 0.
 * @return 0 or ANKER_E_INVALID_ARGUMENT (negative or not finite).
 * @since 1.0
 */
int anker_fit_set_l2(struct anker_fit *fit, double l2);

/**
 * @brief At most this many Newton iterations (default 50, 1..10000); not converging is
 * ANKER_E_NOT_CONVERGED. @return 0 or ANKER_E_INVALID_ARGUMENT.
 * @since 1.0
 */
int anker_fit_set_max_iterations(struct anker_fit *fit, unsigned int max_iterations);

/**
 * @brief Converged when every step |d_j| <= tol * (1 + |beta_j|) (default 1e-10,
 * in (0, 1e-2]). @return 0 or ANKER_E_INVALID_ARGUMENT.
 * @since 1.0
 */
int anker_fit_set_tolerance(struct anker_fit *fit, double tolerance);

/**
 * @brief Describe the data for the fitted model's provenance: @p name (e.g. the
 * file's base name) and the SHA-256 of its bytes (64 hex digits), either NULL.
 * @return 0, ANKER_E_BAD_VALUE (a malformed hash), ANKER_E_NO_MEMORY or ANKER_E_INVALID_ARGUMENT.
 * @since 1.0
 */
int anker_fit_set_data(struct anker_fit *fit, const char *name, const char *sha256);

/**
 * @brief Set a provenance value of the fitted model: "statement", "fitted_by",
 * "fitted_on" (a date YYYY-MM-DD: the library reads no clock, so the fitted
 * model has a date only when the caller gives one) or "notes". NULL removes an
 * optional key. "data" and "method" are the fit's own.
 * @return 0, ANKER_E_NOT_FOUND (another key), ANKER_E_BAD_VALUE (not a date, an
 *         empty string), ANKER_E_NO_MEMORY or ANKER_E_INVALID_ARGUMENT.
 * @since 1.0
 */
int anker_fit_set_provenance(struct anker_fit *fit, const char *key, const char *value);

/** @brief Report each iteration to @p fn (NULL: no reports). @since 1.0 */
void anker_fit_set_progress(struct anker_fit *fit, anker_fit_progress_fn fn, void *data);

/**
 * @brief Fit the model to @p n cases of the bound columns (for a duration
 * model also the time column).
 *
 * Every check runs before the first iteration and names where it applies: a
 * case the model's policies reject (ANKER_E_MISSING_VALUE, ANKER_E_OUT_OF_RANGE,
 * ..., with the case index and the variable), a missing or non-0/1 outcome or a
 * bad weight (ANKER_E_MISSING_VALUE, ANKER_E_OUT_OF_RANGE, with the column), an
 * outcome that does not vary (ANKER_E_BAD_VALUE), a level, bin or knot without
 * cases (ANKER_E_SINGULAR, naming term and level), collinear terms
 * (ANKER_E_SINGULAR, naming them), complete or quasi-complete separation
 * (ANKER_E_SEPARATION, naming the term; binary models); then
 * ANKER_E_NOT_CONVERGED; a duration model's missing or non-positive time
 * (ANKER_E_MISSING_VALUE, ANKER_E_OUT_OF_RANGE), no event (ANKER_E_BAD_VALUE),
 * a Cox grid beyond the data or a Weibull shape outside [0.05, 20]
 * (ANKER_E_BAD_VALUE); ANKER_E_INVALID_ARGUMENT for no time column, or
 * weights with Efron's ties. With an
 * L2 penalty above 0 the estimate exists, and collinearity and separation are
 * not errors. On failure the fit has no result.
 * @return 0 or a negative ANKER_E_* code.
 * @since 1.0
 */
int anker_fit_run(struct anker_fit *fit, size_t n, struct anker_error *err);

/**
 * @brief The fitted model file's text (JSON, UTF-8, ending in a newline),
 * owned by the fit, valid until the next run or the fit is freed; NULL before a
 * successful run. anker_model_load_buffer() accepts it.
 * @since 1.0
 */
const char *anker_fit_get_model_json(const struct anker_fit *fit);

/**
 * @brief The fit statistics (format "anker-fit-stats", docs/model-format.md):
 * estimates, standard errors, log-likelihood, iterations, convergence; owned as
 * anker_fit_get_model_json(). NULL before a successful run.
 * @since 1.0
 */
const char *anker_fit_get_stats_json(const struct anker_fit *fit);

#ifdef __cplusplus
}
#endif
#endif
