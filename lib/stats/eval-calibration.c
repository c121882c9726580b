// SPDX-License-Identifier: GPL-3.0-or-later
/*
 * Calibration: Brier score, log loss, calibration-in-the-large, the logistic
 * recalibration logit P(y) = a + b logit(p), Hosmer-Lemeshow over deciles of
 * predicted risk, and the reliability tables by decile and by band.
 */
#include <float.h>
#include <math.h>
#include <stdint.h>

#include <gsl/gsl_cdf.h>

#include "../core/private.h"
#include "eval-private.h"

/* Probabilities are clipped to [EPS, 1 - EPS], EPS the machine epsilon
 * (2.2e-16), for logarithms and logits, as scikit-learn's log_loss does by
 * default since 1.2, so that a p of exactly 0 or 1 gives a large finite loss. */
#define EPS		 DBL_EPSILON
#define NEWTON_MAX_STEPS 100
#define NEWTON_TOLERANCE 1e-10

static double clip(double p)
{
	return fmin(fmax(p, EPS), 1.0 - EPS);
}

static double expit(double z)
{
	return z >= 0 ? 1.0 / (1.0 + exp(-z)) : exp(z) / (1.0 + exp(z));
}

/* One Newton step for (a, b) by a Cholesky solve of the 2x2 information matrix. */
static int newton_step(const double *x, const unsigned char *y, size_t n, bool fixed_slope,
		       const double beta[2], double step[2])
{
	double h[4] = {0, 0, 0, 0}, g[2] = {0, 0};
	for (size_t i = 0; i < n; i++) {
		double slope = fixed_slope ? 1.0 : beta[1];
		double mu = expit(beta[0] + slope * x[i]);
		double w = mu * (1.0 - mu), r = (double)y[i] - mu;
		g[0] += r;
		g[1] += r * x[i];
		h[0] += w;
		h[1] += w * x[i];
		h[3] += w * x[i] * x[i];
	}
	if (fixed_slope) {
		if (!(h[0] > 0))
			return -1;
		step[0] = g[0] / h[0];
		step[1] = 0;
		return 0;
	}
	/* The 2x2 Newton system solved in closed form, not by GSL: GSL reports a
	 * matrix that is not positive definite through its process-wide error
	 * handler, which aborts by default and which the library must not switch
	 * off (its callers may rely on it); a fuzzed caseload found a matrix that
	 * passed a positive-definiteness check here and still failed GSL's
	 * factorization. A matrix that is singular or nearly so (all x equal,
	 * separation) ends the fit instead. */
	double det = h[0] * h[3] - h[1] * h[1];
	if (!(h[0] > 0) || !isfinite(h[3]) || !isfinite(det) || !(det > 1e-12 * h[0] * h[3]))
		return -1;
	step[0] = (h[3] * g[0] - h[1] * g[1]) / det;
	step[1] = (h[0] * g[1] - h[1] * g[0]) / det;
	if (!isfinite(step[0]) || !isfinite(step[1]))
		return -1;
	return 0;
}

void eval_logistic(const double *x, const unsigned char *y, size_t n, bool fixed_slope,
		   double *ret_intercept, double *ret_slope)
{
	double beta[2] = {0.0, 1.0}; /* start at "perfectly calibrated" */
	*ret_intercept = *ret_slope = NAN;
	for (int it = 0; it < NEWTON_MAX_STEPS; it++) {
		double step[2];
		if (newton_step(x, y, n, fixed_slope, beta, step) < 0)
			return;
		beta[0] += step[0];
		beta[1] += step[1];
		if (!isfinite(beta[0]) || !isfinite(beta[1]) || fabs(beta[0]) > 1e6 ||
		    fabs(beta[1]) > 1e6)
			return; /* diverging: separation */
		if (fabs(step[0]) < NEWTON_TOLERANCE && fabs(step[1]) < NEWTON_TOLERANCE) {
			*ret_intercept = beta[0];
			*ret_slope = fixed_slope ? 1.0 : beta[1];
			return;
		}
	}
}

static void reliability_row(struct eval_reliability_row *row, double sum_p, double sum_y,
			    size_t count)
{
	row->count = count;
	row->mean_predicted = count ? sum_p / (double)count : NAN;
	row->observed_rate = count ? sum_y / (double)count : NAN;
}

/* Deciles of predicted risk: group k holds the cases at sorted positions
 * floor(k n / g) .. floor((k + 1) n / g) - 1 for g = min(10, n) groups, so
 * tied probabilities may fall into two neighbouring groups. */
static void hosmer_lemeshow(struct anker_evaluation *ev, const size_t *order)
{
	size_t g = ev->n < EVAL_DECILES ? ev->n : EVAL_DECILES;
	double hl = 0;
	ev->n_deciles = g;
	for (size_t k = 0; k < g; k++) {
		size_t from = k * ev->n / g, to = (k + 1) * ev->n / g;
		double expected = 0, observed = 0;
		for (size_t j = from; j < to; j++) {
			expected += ev->p[order[j]];
			observed += ev->y[order[j]];
		}
		double m = (double)(to - from);
		reliability_row(&ev->deciles[k], expected, observed, to - from);
		double variance = expected * (1.0 - expected / m);
		double d = observed - expected;
		if (variance > 0)
			hl += d * d / variance;
		else if (d != 0)
			hl = NAN; /* predictions of exactly 0 or 1 that missed */
	}
	double df = (double)g - 2.0;
	ev->figures[ANKER_EVAL_HL_DF] = df;
	ev->figures[ANKER_EVAL_HL_STATISTIC] = df > 0 ? hl : NAN;
	ev->figures[ANKER_EVAL_HL_P] = df > 0 && isfinite(hl) ? gsl_cdf_chisq_Q(hl, df) : NAN;
}

static int band_rows(struct anker_evaluation *ev)
{
	if (!ev->model)
		return 0;
	size_t nb = anker_model_get_band_count(ev->model);
	double *sums = anker_alloc_zeroed(ev->ctx, 2 * nb, sizeof(*sums));
	size_t *counts = anker_alloc_zeroed(ev->ctx, nb, sizeof(*counts));
	anker_dealloc(ev->ctx, ev->bands);
	ev->bands = anker_alloc_array(ev->ctx, nb, sizeof(*ev->bands));
	if (!sums || !counts || !ev->bands) {
		anker_dealloc(ev->ctx, sums);
		anker_dealloc(ev->ctx, counts);
		return ANKER_E_NO_MEMORY;
	}
	for (size_t i = 0; i < ev->n; i++) {
		int b = anker_model_band_for_probability(ev->model, ev->p[i]);
		if (b < 0 || (size_t)b >= nb)
			continue; /* cannot happen: p is in [0, 1] */
		sums[2 * b] += ev->p[i];
		sums[2 * b + 1] += ev->y[i];
		counts[b]++;
	}
	for (size_t b = 0; b < nb; b++)
		reliability_row(&ev->bands[b], sums[2 * b], sums[2 * b + 1], counts[b]);
	ev->n_bands = nb;
	anker_dealloc(ev->ctx, sums);
	anker_dealloc(ev->ctx, counts);
	return 0;
}

int eval_calibration(struct anker_evaluation *ev, const size_t *order)
{
	double *f = ev->figures;
	double sum_p = 0, sum_y = 0, brier = 0, loss = 0;
	double *logits = anker_alloc_array(ev->ctx, ev->n, sizeof(*logits));
	if (!logits)
		return ANKER_E_NO_MEMORY;
	for (size_t i = 0; i < ev->n; i++) {
		double p = ev->p[i], y = ev->y[i], c = clip(p);
		sum_p += p;
		sum_y += y;
		brier += (p - y) * (p - y);
		loss -= y ? log(c) : log1p(-c);
		logits[i] = log(c) - log1p(-c);
	}
	double n = (double)ev->n;
	f[ANKER_EVAL_COUNT] = n;
	f[ANKER_EVAL_POSITIVES] = sum_y;
	f[ANKER_EVAL_MEAN_PREDICTED] = sum_p / n;
	f[ANKER_EVAL_OBSERVED_RATE] = sum_y / n;
	f[ANKER_EVAL_CITL] = (sum_y - sum_p) / n;
	f[ANKER_EVAL_BRIER] = brier / n;
	f[ANKER_EVAL_LOG_LOSS] = loss / n;
	double slope;
	eval_logistic(logits, ev->y, ev->n, true, &f[ANKER_EVAL_CITL_INTERCEPT], &slope);
	eval_logistic(logits, ev->y, ev->n, false, &f[ANKER_EVAL_CALIBRATION_INTERCEPT],
		      &f[ANKER_EVAL_CALIBRATION_SLOPE]);
	anker_dealloc(ev->ctx, logits);
	hosmer_lemeshow(ev, order);
	return band_rows(ev);
}
