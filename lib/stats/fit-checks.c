/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The checks that come before maximising: each names the term that makes the
 * maximum likelihood estimate not exist, rather than letting the iteration
 * run away or a Cholesky step fail without saying why.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fit-private.h"

/* Below this, a column's residual after projecting it on the earlier ones is 0. */
#define COLLINEAR_TOL 1e-10

static double weight(const struct fit_data *d, size_t i)
{
	return d->w ? d->w[i] : 1.0;
}

static int check_outcome_varies(const struct anker_fit *fit, const struct fit_data *d,
				struct anker_error *err)
{
	bool seen[2] = {false, false};
	for (size_t i = 0; i < d->n; i++)
		if (weight(d, i) > 0)
			seen[d->y[i] != 0] = true;
	if (fit->kind == ANKER_MODEL_DURATION) {
		if (seen[1])
			return 0;
		return fit_fail(fit, err, ANKER_E_BAD_VALUE, fit->outcome_name, -1,
				"no case (of weight > 0) has an event: nothing to fit");
	}
	if (seen[0] && seen[1])
		return 0;
	return fit_fail(fit, err, ANKER_E_BAD_VALUE, fit->outcome_name, -1,
			"the outcome is %s for every case (of weight > 0): nothing to fit",
			seen[1] ? "1" : "0");
}

static const char *empty_reason(const struct fit_param *prm)
{
	switch (prm->kind) {
	case PARAM_LEVEL:
		return "no case has this level";
	case PARAM_BIN:
		return "no case falls in this bin";
	case PARAM_KNOT:
		return "no case lies between the neighbouring knots";
	default:
		return "it is 0 for every case";
	}
}

/*
 * Quasi-complete separation along one column: among the cases where it is not
 * 0, it has one sign and the outcome one value. Then the likelihood keeps
 * rising as that coefficient goes to +-infinity (a level where everybody found
 * work, a bin where nobody did).
 */
static int check_separation(const struct anker_fit *fit, const struct fit_data *d, size_t j,
			    struct anker_error *err)
{
	bool sign[2] = {false, false}, outcome[2] = {false, false};
	size_t count = 0;
	for (size_t i = 0; i < d->n; i++) {
		double v = d->x[i * d->p + j];
		if (v == 0 || weight(d, i) == 0)
			continue;
		sign[v > 0] = outcome[d->y[i] != 0] = true;
		count++;
	}
	if ((sign[0] && sign[1]) || (outcome[0] && outcome[1]) || count == 0)
		return 0;
	char what[256];
	return fit_fail(
	    fit, err, ANKER_E_SEPARATION, fit->spec->linear->terms[fit->params[j].term].name, -1,
	    "quasi-complete separation: %s: the outcome is %s for all %zu cases where "
	    "it is not 0, so its coefficient has no finite estimate (merge levels or "
	    "bins, or fit with an L2 penalty)",
	    fit_param_describe(fit, j, what, sizeof(what)), outcome[1] ? "1" : "0", count);
}

/*
 * Column j against the earlier independent columns: a Cholesky factor of the
 * scaled cross-product, column by column, so that the first column that is a
 * combination of earlier ones is found and the ones it combines are named.
 */
static int check_collinear(const struct anker_fit *fit, const double *g, struct anker_error *err)
{
	size_t p = fit->p;
	double *l = anker_alloc_zeroed(fit->ctx, p * p, sizeof(double));
	double *c = anker_alloc_zeroed(fit->ctx, p, sizeof(double));
	bool *kept = anker_alloc_zeroed(fit->ctx, p, sizeof(bool));
	int r = 0;
	if (!l || !c || !kept) {
		r = fit_fail(fit, err, ANKER_E_NO_MEMORY, NULL, -1, "out of memory");
		goto out;
	}
	for (size_t j = 0; j < p && r == 0; j++) {
		/* row j of L over the kept columns k < j: L[j][k] = (G[k][j] - sum L[j][m] L[k][m])
		 * / L[k][k] */
		double rest = 1.0;
		for (size_t k = 0; k < j; k++) {
			if (!kept[k])
				continue;
			double s = g[k * p + j] / sqrt(g[k * p + k] * g[j * p + j]);
			for (size_t m = 0; m < k; m++)
				s -= l[j * p + m] * l[k * p + m];
			l[j * p + k] = s / l[k * p + k];
			rest -= l[j * p + k] * l[j * p + k];
		}
		if (rest > COLLINEAR_TOL) {
			kept[j] = true;
			l[j * p + j] = sqrt(rest);
			continue;
		}
		/* column j = sum c[k] column k: solve L' c = L[j][.] over the kept columns */
		for (size_t k = j; k-- > 0;) {
			if (!kept[k])
				continue;
			double s = l[j * p + k];
			for (size_t m = k + 1; m < j; m++)
				if (kept[m])
					s -= l[m * p + k] * c[m];
			c[k] = s / l[k * p + k];
		}
		char what[256], list[768] = "", one[256];
		size_t used = 0;
		for (size_t k = 0; k < j; k++) {
			if (!kept[k] || fabs(c[k]) < 1e-6)
				continue;
			used += (size_t)snprintf(
			    list + used, used < sizeof(list) ? sizeof(list) - used : 0, "%s%s",
			    used ? ", " : "", fit_param_describe(fit, k, one, sizeof(one)));
			if (used >= sizeof(list))
				break;
		}
		r = fit_fail(fit, err, ANKER_E_SINGULAR,
			     fit->spec->linear->terms[fit->params[j].term].name, -1,
			     "singular design: %s is a linear combination of %s; remove one of "
			     "them or fit with an L2 penalty",
			     fit_param_describe(fit, j, what, sizeof(what)),
			     used ? list : "earlier columns");
	}
out:
	anker_dealloc(fit->ctx, l);
	anker_dealloc(fit->ctx, c);
	anker_dealloc(fit->ctx, kept);
	return r;
}

int fit_check_design(const struct anker_fit *fit, const struct fit_data *d, struct anker_error *err)
{
	int r = check_outcome_varies(fit, d, err);
	if (r < 0)
		return r;
	size_t p = d->p;
	double *g = anker_alloc_zeroed(fit->ctx, p * p, sizeof(double));
	double *w = anker_alloc_array(fit->ctx, d->n ? d->n : 1, sizeof(double));
	if (!g || !w) {
		r = fit_fail(fit, err, ANKER_E_NO_MEMORY, NULL, -1, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < d->n; i++)
		w[i] = weight(d, i);
	fit_cross_product(d, w, g);
	for (size_t j = 0; j < p && r == 0; j++) {
		if (g[j * p + j] > 0)
			continue;
		char what[256];
		r = fit_fail(
		    fit, err, ANKER_E_SINGULAR, fit->spec->linear->terms[fit->params[j].term].name,
		    -1, "%s: %s (of weight > 0), so its coefficient cannot be estimated",
		    fit_param_describe(fit, j, what, sizeof(what)), empty_reason(&fit->params[j]));
	}
	if (r == 0 && fit->l2 == 0) {
		/* the outcome alone does not separate a duration model: times matter */
		for (size_t j = 0; j < p && r == 0 && fit->kind == ANKER_MODEL_BINARY; j++)
			if (fit->params[j].penalised)
				r = check_separation(fit, d, j, err);
		if (r == 0)
			r = check_collinear(fit, g, err);
	}
out:
	anker_dealloc(fit->ctx, g);
	anker_dealloc(fit->ctx, w);
	return r;
}
