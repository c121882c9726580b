/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Maximum likelihood for a binary model by Newton-Raphson: each iteration is
 * one pass over the design (log-likelihood, gradient and the observed
 * information together) and a Cholesky solve through GSL. For the logit link
 * the observed information is the expected one, so this is IRLS; for probit
 * it is the observed information, as statsmodels uses, so the standard errors
 * are the same. A step that lowers the penalised log-likelihood is halved.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_sf_erf.h>

#include "fit-private.h"

#define MAX_HALVINGS 30
/* Beyond these |eta| a fitted probability is 0 or 1 to double precision. */
#define LOGIT_EXTREME  36.0
#define PROBIT_EXTREME 8.2

void fit_cross_product(const struct fit_data *d, const double *c, double *h)
{
	size_t p = d->p;
	for (size_t i = 0; i < d->n; i++) {
		if (c[i] == 0)
			continue;
		const double *restrict x = d->x + i * p;
		for (size_t a = 0; a < p; a++) {
			double ca = c[i] * x[a];
			if (ca == 0) /* most columns of levels, bins and knots */
				continue;
			double *restrict row = h + a * p;
			for (size_t b = a; b < p; b++)
				row[b] += ca * x[b];
		}
	}
}

/* log(1 + exp(z)) without overflow. */
static double log1p_exp(double z)
{
	return z > 0 ? z + log1p(exp(-z)) : log1p(exp(z));
}

/*
 * Case i's log-likelihood at linear predictor eta, and its derivatives by eta:
 * the score *s and the information *h (minus the second derivative).
 */
static double case_terms(int link, double y, double eta, double *s, double *h)
{
	if (link == ANKER_LINK_LOGIT) {
		double mu = 1.0 / (1.0 + exp(-eta));
		*s = y - mu;
		*h = mu * (1.0 - mu);
		return y * eta - log1p_exp(eta);
	}
	/* probit: q = 2y - 1; log Phi(q eta); lambda = q phi(q eta) / Phi(q eta) */
	double q = y != 0 ? 1.0 : -1.0;
	double z = q * eta;
	double log_cdf = gsl_sf_log_erfc(-z / M_SQRT2) - M_LN2;
	double log_pdf = -0.5 * z * z - 0.5 * log(2.0 * M_PI);
	double lambda = q * exp(log_pdf - log_cdf);
	*s = lambda;
	*h = lambda * (lambda + eta);
	return log_cdf;
}

/* The binary model's log-likelihood at beta and, when @p derivatives, gradient and information. */
static void binary_objective(const struct anker_fit *fit, const struct fit_data *d,
			     const double *beta, struct pass *ps, bool derivatives)
{
	size_t p = d->p;
	double ll = 0, max_eta = 0;
	for (size_t i = 0; i < d->n; i++) {
		double w = d->w ? d->w[i] : 1.0;
		const double *x = d->x + i * p;
		double eta = 0;
		for (size_t j = 0; j < p; j++)
			eta += x[j] * beta[j];
		double s, h;
		double li = case_terms(fit->link, d->y[i], eta, &s, &h);
		if (w == 0) {
			ps->c[i] = 0;
			continue;
		}
		ll += w * li;
		if (fabs(eta) > max_eta)
			max_eta = fabs(eta);
		if (!derivatives)
			continue;
		ps->c[i] = w * h;
		double ws = w * s;
		for (size_t j = 0; j < p; j++)
			ps->grad[j] += ws * x[j];
	}
	ps->loglik = ll;
	ps->max_abs_eta = max_eta;
	if (derivatives)
		fit_cross_product(d, ps->c, ps->info);
}

/* The objective, penalised: one pass at beta. */
static void evaluate(const struct anker_fit *fit, fit_objective_fn *objective,
		     const struct fit_data *d, const double *beta, struct pass *ps,
		     bool derivatives)
{
	size_t dim = d->dim;
	if (derivatives) {
		memset(ps->grad, 0, dim * sizeof(double));
		memset(ps->info, 0, dim * dim * sizeof(double));
	}
	ps->max_abs_eta = 0;
	objective(fit, d, beta, ps, derivatives);
	double pen = 0;
	for (size_t j = 0; j < d->p; j++)
		if (fit->params[j].penalised)
			pen += beta[j] * beta[j];
	ps->penalised = ps->loglik - 0.5 * fit->l2 * pen;
	if (!derivatives)
		return;
	for (size_t j = 0; j < d->p; j++) {
		if (fit->params[j].penalised) {
			ps->grad[j] -= fit->l2 * beta[j];
			ps->info[j * dim + j] += fit->l2;
		}
	}
}

/*
 * The information matrix (upper triangle) into @p m as its Cholesky factor L
 * (the lower triangle, as gsl_linalg_cholesky_decomp1 leaves it, for
 * gsl_linalg_cholesky_svx and _invert); false if not positive definite.
 * Factorised here rather than by GSL because GSL reports a matrix that is not
 * positive definite through its process-wide error handler, which aborts by
 * default and which a library must not switch off behind its caller's back;
 * here that is an answer (a singular design, a Weibull step to damp).
 */
static bool factorise(const struct pass *ps, size_t p, gsl_matrix *m)
{
	for (size_t a = 0; a < p; a++)
		for (size_t b = a; b < p; b++) {
			gsl_matrix_set(m, a, b, ps->info[a * p + b]);
			gsl_matrix_set(m, b, a, ps->info[a * p + b]);
		}
	for (size_t j = 0; j < p; j++) {
		double d = gsl_matrix_get(m, j, j);
		for (size_t k = 0; k < j; k++)
			d -= gsl_matrix_get(m, j, k) * gsl_matrix_get(m, j, k);
		if (!(d > 0.0) || !isfinite(d))
			return false;
		double l = sqrt(d);
		gsl_matrix_set(m, j, j, l);
		for (size_t i = j + 1; i < p; i++) {
			double v = gsl_matrix_get(m, i, j);
			for (size_t k = 0; k < j; k++)
				v -= gsl_matrix_get(m, i, k) * gsl_matrix_get(m, j, k);
			gsl_matrix_set(m, i, j, v / l);
		}
	}
	return true;
}

/*
 * Weibull's start: the exponential model's rate (shape 1, the events over the
 * time at risk), from which the log-likelihood is concave enough for Newton.
 */
static void weibull_start(const struct fit_data *d, double *beta)
{
	double events = 0, exposure = 0;
	for (size_t i = 0; i < d->n; i++) {
		double w = d->w ? d->w[i] : 1.0;
		events += w * d->y[i];
		exposure += w * d->time[i];
	}
	beta[d->p] = log(events / exposure);
	beta[d->p + 1] = 0;
}

/*
 * Away from the estimate Weibull's information (in the log shape) need not be
 * positive definite: then the step is taken with a ridge on the diagonal
 * (Levenberg-Marquardt), growing until the matrix factorises.
 */
static bool factorise_damped(struct pass *ps, size_t p, gsl_matrix *m)
{
	double scale = 0;
	for (size_t j = 0; j < p; j++)
		scale = fmax(scale, fabs(ps->info[j * p + j]));
	for (double tau = 1e-8; tau < 1e8; tau *= 100) {
		for (size_t j = 0; j < p; j++)
			ps->info[j * p + j] += tau * scale;
		bool ok = factorise(ps, p, m);
		for (size_t j = 0; j < p; j++)
			ps->info[j * p + j] -= tau * scale;
		if (ok)
			return true;
	}
	return false;
}

static size_t runaway_param(const struct anker_fit *fit, const double *beta)
{
	/* the intercept alone separates nothing: name the largest other coefficient */
	size_t worst = SIZE_MAX;
	for (size_t j = 0; j < fit->p; j++)
		if (fit->params[j].penalised &&
		    (worst == SIZE_MAX || fabs(beta[j]) > fabs(beta[worst])))
			worst = j;
	if (worst == SIZE_MAX)
		worst = 0;
	return worst;
}

static int fail_runaway(const struct anker_fit *fit, const double *beta, bool extreme,
			unsigned int iterations, struct anker_error *err)
{
	char what[256];
	size_t j = runaway_param(fit, beta);
	const char *term = fit->spec->linear->terms[fit->params[j].term].name;
	if (extreme)
		return fit_fail(
		    fit, err, ANKER_E_SEPARATION, term, -1,
		    "complete or quasi-complete separation: after %u iterations some "
		    "fitted probabilities are 0 or 1 and %s keeps growing (now %g); the "
		    "estimate is not finite (remove or merge the term, or fit with an L2 "
		    "penalty)",
		    iterations, fit_param_describe(fit, j, what, sizeof(what)), beta[j]);
	return fit_fail(fit, err, ANKER_E_NOT_CONVERGED, NULL, -1,
			"no convergence in %u iterations (tolerance %g); the largest coefficient "
			"is %s (%g)",
			iterations, fit->tol, fit_param_describe(fit, j, what, sizeof(what)),
			beta[j]);
}

int fit_newton(const struct anker_fit *fit, const struct fit_data *d, struct fit_result *res,
	       struct anker_error *err)
{
	size_t p = d->dim;
	struct anker_ctx *ctx = fit->ctx;
	struct pass ps = {0};
	fit_objective_fn *objective = fit->kind == ANKER_MODEL_BINARY	? binary_objective
				      : fit->form == ANKER_SURVIVAL_COX ? fit_cox_objective
									: fit_weibull_objective;
	double *step = anker_alloc_array(ctx, p, sizeof(double));
	double *trial = anker_alloc_array(ctx, p, sizeof(double));
	ps.grad = anker_alloc_array(ctx, p, sizeof(double));
	ps.info = anker_alloc_array(ctx, p * p, sizeof(double));
	ps.c = anker_alloc_array(ctx, d->n ? d->n : 1, sizeof(double));
	ps.scratch = anker_alloc_array(ctx, 3 * p + 3 * p * p, sizeof(double));
	/* the library's allocator: a failure of gsl_matrix_alloc() would go to GSL's handler */
	double *mdata = anker_alloc_array(ctx, p * p, sizeof(double));
	int r = 0;
	if (!step || !trial || !ps.grad || !ps.info || !ps.c || !ps.scratch || !mdata) {
		r = fit_fail(fit, err, ANKER_E_NO_MEMORY, NULL, -1, "out of memory");
		goto out;
	}
	gsl_matrix_view mv = gsl_matrix_view_array(mdata, p, p);
	gsl_matrix *m = &mv.matrix;
	gsl_vector_view sv = gsl_vector_view_array(step, p);
	double extreme = fit->kind != ANKER_MODEL_BINARY ? INFINITY
			 : fit->link == ANKER_LINK_LOGIT ? LOGIT_EXTREME
							 : PROBIT_EXTREME;
	double *beta = res->beta;
	memset(beta, 0, p * sizeof(double));
	if (d->dim > d->p)
		weibull_start(d, beta);
	res->converged = false;
	res->iterations = 0;
	evaluate(fit, objective, d, beta, &ps, true);
	while (!res->converged) {
		if (res->iterations == fit->max_iterations) {
			r = fail_runaway(fit, beta, ps.max_abs_eta > extreme && fit->l2 == 0,
					 res->iterations, err);
			goto out;
		}
		res->iterations++;
		if (fit->progress)
			fit->progress(fit->progress_data, res->iterations, ps.penalised);
		if (!factorise(&ps, p, m) && !(d->dim > d->p && factorise_damped(&ps, p, m))) {
			if (ps.max_abs_eta > extreme && fit->l2 == 0)
				r = fail_runaway(fit, beta, true, res->iterations, err);
			else
				r = fit_fail(fit, err, ANKER_E_SINGULAR, NULL, -1,
					     "the information matrix is not positive definite at "
					     "iteration %u: the design is numerically singular",
					     res->iterations);
			goto out;
		}
		memcpy(step, ps.grad, p * sizeof(double));
		gsl_linalg_cholesky_svx(m, &sv.vector);
		bool small = true;
		for (size_t j = 0; j < p; j++)
			if (!(fabs(step[j]) <= fit->tol * (1.0 + fabs(beta[j]))))
				small = false;
		double before = ps.penalised;
		double scale = 1.0;
		for (int h = 0;; h++) {
			for (size_t j = 0; j < p; j++)
				trial[j] = beta[j] + scale * step[j];
			evaluate(fit, objective, d, trial, &ps, false);
			/* a step within rounding of the optimum may lower it by a few ulps */
			if (ps.penalised >= before - 1e-12 * (1.0 + fabs(before)) || small ||
			    h == MAX_HALVINGS)
				break;
			scale *= 0.5;
		}
		memcpy(beta, trial, p * sizeof(double));
		res->converged = small;
		evaluate(fit, objective, d, beta, &ps, true);
	}
	/* Standard errors from the (penalised) information at the estimate. */
	if (!factorise(&ps, p, m) || gsl_linalg_cholesky_invert(m) != GSL_SUCCESS) {
		r = fit_fail(fit, err, ANKER_E_SINGULAR, NULL, -1,
			     "the information matrix is singular at the estimate");
		goto out;
	}
	for (size_t j = 0; j < p; j++) {
		res->se[j] = sqrt(gsl_matrix_get(m, j, j));
		for (size_t k = 0; k < p; k++)
			res->cov[j * p + k] = gsl_matrix_get(m, j, k);
	}
	res->log_likelihood = ps.loglik;
out:
	anker_dealloc(ctx, mdata);
	anker_dealloc(ctx, step);
	anker_dealloc(ctx, trial);
	anker_dealloc(ctx, ps.grad);
	anker_dealloc(ctx, ps.info);
	anker_dealloc(ctx, ps.c);
	anker_dealloc(ctx, ps.scratch);
	return r;
}
