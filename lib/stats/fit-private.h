/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fitting (include/anker/fit.h): the fit object shared by fit.c (lifetime,
 * bindings, the run), fit-design.c (the unit-coefficient model that expands
 * the design, and the checks on it), fit-newton.c (maximum likelihood) and
 * fit-output.c (the fitted model file and the statistics).
 */
#ifndef ANKER_FIT_PRIVATE_H
#define ANKER_FIT_PRIVATE_H

#include <jansson.h>

#include "../kinds/duration.h"
#include "../model/model-private.h"
#include <anker/fit.h>

/* What one coefficient (one column of the design) is, within its term. */
enum fit_param_kind {
	PARAM_COEF,  /* intercept, linear, interaction: "coef" */
	PARAM_LEVEL, /* categorical: effects[level] */
	PARAM_BIN,   /* bins: effects[index] */
	PARAM_KNOT,  /* spline: values[index] */
};

struct fit_param {
	size_t term;
	enum fit_param_kind kind;
	size_t index; /* the level, bin or knot */
	bool penalised;
};

/* The result of maximising the likelihood. */
struct fit_result {
	double *beta, *se;     /* dim each */
	double *cov;	       /* dim x dim: the inverse information */
	double log_likelihood; /* unpenalised, at beta */
	unsigned int iterations;
	bool converged;
};

/* The data of one run: the expanded design and the outcome, contiguous. */
struct fit_data {
	const double *x; /* n rows of p, row-major */
	double *y;	 /* n, 0 or 1 (duration: the event indicator) */
	double *w;	 /* n weights, or NULL for 1 */
	size_t n, p;
	size_t dim; /* estimated parameters: p, and 2 more for Weibull (log shape, intercept) */
	/* duration */
	double *time;  /* n, months > 0 */
	size_t *order; /* the cases by decreasing time (Cox) */
};

/* One pass of an objective at a parameter vector. */
struct pass {
	double loglik, penalised;
	double *grad, *info; /* dim, dim x dim (upper triangle) */
	double *c;	     /* n: scratch per case */
	double max_abs_eta;
	double *scratch; /* 3 * dim + 3 * dim * dim: the objective's own */
};

/* The log-likelihood, and with @p derivatives its gradient and information (unpenalised). */
typedef void fit_objective_fn(const struct anker_fit *fit, const struct fit_data *d,
			      const double *beta, struct pass *ps, bool derivatives);

#define FIT_PROVENANCE_KEYS 4 /* statement, fitted_by, fitted_on, notes */

struct anker_fit {
	struct anker_ctx *ctx;
	char *spec_name;
	json_t *spec_json;	   /* the specification as written, for the output */
	struct anker_model *spec;  /* the specification loaded */
	struct anker_model *basis; /* one unit-coefficient term per coefficient */
	struct anker_batch *batch; /* over basis */
	struct fit_param *params;
	size_t p;
	bool has_intercept;
	int link; /* enum anker_link (binary) */
	int kind; /* enum anker_model_kind */
	int form; /* enum anker_survival_form (duration) */
	int ties; /* enum anker_fit_ties (Cox) */
	const char *time;
	size_t time_stride;
	char *time_name;

	const char *outcome, *weights; /* bound columns (bytes) */
	size_t outcome_stride, weights_stride;
	char *outcome_name, *weights_name;

	double l2, tol;
	unsigned int max_iterations;
	char *data_name;
	char data_sha256[ANKER_SHA256_HEX_SIZE];
	char *provenance[FIT_PROVENANCE_KEYS];
	bool provenance_set[FIT_PROVENANCE_KEYS];
	anker_fit_progress_fn progress;
	void *progress_data;

	char *model_json, *stats_json; /* after a successful run */
};

extern const char *const fit_provenance_keys[FIT_PROVENANCE_KEYS];

/* fit-design.c */
int fit_build_basis(struct anker_fit *fit, unsigned int flags, struct anker_error *err);
const char *fit_param_describe(const struct anker_fit *fit, size_t j, char *buf, size_t size);

/* fit-checks.c: what makes the estimate not exist, named, before any iteration. */
int fit_check_design(const struct anker_fit *fit, const struct fit_data *d,
		     struct anker_error *err);

/* fit-duration.c */
fit_objective_fn fit_cox_objective, fit_weibull_objective;
/* The Breslow baseline S0 at each of @p n months, at the estimate. */
int fit_cox_baseline(const struct anker_fit *fit, const struct fit_data *d, const double *beta,
		     const double *months, size_t n, double *s0);

/* The fitted survival section into the model file's @p root (0 or an ANKER_E_* code, recorded). */
int fit_duration_survival(const struct anker_fit *fit, const struct fit_data *d,
			  const struct fit_result *res, json_t *root, struct anker_error *err);
/* "form", "ties" and Weibull's shape and scale with standard errors into the statistics. */
int fit_duration_stats(const struct anker_fit *fit, const struct fit_result *res, json_t *stats);

/* fit-newton.c */
/* h (p x p, upper triangle) += sum over cases of c[i] * x_i x_i'. */
void fit_cross_product(const struct fit_data *d, const double *c, double *h);
int fit_newton(const struct anker_fit *fit, const struct fit_data *d, struct fit_result *res,
	       struct anker_error *err);

/* fit-output.c */
int fit_write_outputs(struct anker_fit *fit, const struct fit_data *d, const struct fit_result *res,
		      struct anker_error *err);

/* An error about the specification or the fit, citing the specification's file. */
int fit_fail(const struct anker_fit *fit, struct anker_error *err, int code, const char *field,
	     long long case_index, const char *fmt, ...) ANKER_PRINTF(6, 7);

#endif
