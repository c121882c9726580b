/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The log-likelihoods of the duration kinds, for fit-newton.c: Cox's partial
 * likelihood (Breslow's or Efron's handling of tied exit times) with the
 * Breslow baseline, and the Weibull proportional-hazards likelihood. Times
 * are right-censored: y is 1 where the client left benefit at `time`, 0 where
 * the client was still on benefit then.
 */
#include <math.h>
#include <string.h>

#include "fit-private.h"

static double weight(const struct fit_data *d, size_t i)
{
	return d->w ? d->w[i] : 1.0;
}

/* a (dim x dim, upper triangle) += c * x x' */
static void add_outer(double *a, size_t dim, const double *x, size_t p, double c)
{
	for (size_t j = 0; j < p; j++) {
		double cj = c * x[j];
		if (cj == 0)
			continue;
		double *row = a + j * dim;
		for (size_t k = j; k < p; k++)
			row[k] += cj * x[k];
	}
}

static double linear_predictor(const double *x, const double *beta, size_t p)
{
	double eta = 0;
	for (size_t j = 0; j < p; j++)
		eta += x[j] * beta[j];
	return eta;
}

/*
 * One tied group's terms: log s0 and, with derivatives, the gradient (- s1/s0)
 * and information (s2/s0 - s1 s1'/s0^2) times @p count.
 */
static void risk_term(struct pass *ps, size_t p, double count, double s0, const double *s1,
		      const double *s2, bool derivatives)
{
	ps->loglik -= count * log(s0);
	if (!derivatives)
		return;
	for (size_t j = 0; j < p; j++) {
		ps->grad[j] -= count * s1[j] / s0;
		for (size_t k = j; k < p; k++)
			ps->info[j * p + k] +=
			    count * (s2[j * p + k] / s0 - s1[j] * s1[k] / (s0 * s0));
	}
}

/*
 * Cases in decreasing time; a group is the cases of one time. The risk set of
 * a group's exit times is every case of that time or later: the sums S0, S1,
 * S2 of w exp(eta) (1, x, x x') grow group by group. exp(eta) is taken
 * relative to the largest eta, which leaves the likelihood unchanged.
 */
void fit_cox_objective(const struct anker_fit *fit, const struct fit_data *d, const double *beta,
		       struct pass *ps, bool derivatives)
{
	size_t p = d->p, n = d->n;
	double *S1 = ps->scratch, *E1 = S1 + p, *s1 = E1 + p;
	double *S2 = s1 + p, *E2 = S2 + p * p, *s2 = E2 + p * p;
	memset(S1, 0, p * sizeof(double));
	memset(S2, 0, p * p * sizeof(double));
	double top = -INFINITY;
	for (size_t i = 0; i < n; i++) {
		ps->c[i] = linear_predictor(d->x + i * p, beta, p);
		if (weight(d, i) > 0 && ps->c[i] > top)
			top = ps->c[i];
	}
	double S0 = 0;
	ps->loglik = 0;
	bool efron = fit->ties == ANKER_FIT_TIES_EFRON;
	for (size_t g = 0; g < n;) {
		size_t end = g;
		double t = d->time[d->order[g]];
		while (end < n && d->time[d->order[end]] == t)
			end++;
		double E0 = 0, events = 0;
		size_t m = 0;
		if (derivatives && efron) {
			memset(E1, 0, p * sizeof(double));
			memset(E2, 0, p * p * sizeof(double));
		}
		for (size_t k = g; k < end; k++) {
			size_t i = d->order[k];
			double w = weight(d, i);
			if (w == 0)
				continue;
			const double *x = d->x + i * p;
			double r = w * exp(ps->c[i] - top);
			S0 += r;
			if (derivatives) {
				for (size_t j = 0; j < p; j++)
					S1[j] += r * x[j];
				add_outer(S2, p, x, p, r);
			}
			if (d->y[i] == 0)
				continue;
			m++;
			events += w;
			E0 += r;
			ps->loglik += w * (ps->c[i] - top);
			if (derivatives) {
				for (size_t j = 0; j < p; j++)
					ps->grad[j] += w * x[j];
				if (efron) {
					for (size_t j = 0; j < p; j++)
						E1[j] += r * x[j];
					add_outer(E2, p, x, p, r);
				}
			}
		}
		g = end;
		if (m == 0)
			continue;
		if (!efron || m == 1) {
			risk_term(ps, p, events, S0, S1, S2, derivatives);
			continue;
		}
		/* Efron: the l-th of m tied exits sees the risk set less l/m of the tied cases */
		for (size_t l = 0; l < m; l++) {
			double f = (double)l / (double)m;
			if (derivatives) {
				for (size_t j = 0; j < p; j++)
					s1[j] = S1[j] - f * E1[j];
				for (size_t j = 0; j < p * p; j++)
					s2[j] = S2[j] - f * E2[j];
			}
			risk_term(ps, p, 1.0, S0 - f * E0, s1, s2, derivatives);
		}
	}
}

int fit_cox_baseline(const struct anker_fit *fit, const struct fit_data *d, const double *beta,
		     const double *months, size_t n_months, double *s0)
{
	size_t p = d->p, n = d->n;
	double top = -INFINITY;
	for (size_t i = 0; i < n; i++) {
		if (weight(d, i) > 0) {
			double eta = linear_predictor(d->x + i * p, beta, p);
			if (eta > top)
				top = eta;
		}
	}
	/* Breslow: the hazard at an exit time is (weighted exits) / S0 there */
	double *hazard = anker_alloc_zeroed(fit->ctx, n_months, sizeof(double));
	if (!hazard)
		return ANKER_E_NO_MEMORY;
	double S0 = 0;
	for (size_t g = 0; g < n;) {
		size_t end = g;
		double t = d->time[d->order[g]], events = 0;
		for (; end < n && d->time[d->order[end]] == t; end++) {
			size_t i = d->order[end];
			double w = weight(d, i);
			if (w == 0)
				continue;
			S0 += w * exp(linear_predictor(d->x + i * p, beta, p) - top);
			if (d->y[i] != 0)
				events += w;
		}
		g = end;
		if (events == 0)
			continue;
		double h = exp(log(events) - log(S0) - top);
		/* the exit counts from its time on: into every grid month at or after t */
		for (size_t k = 0; k < n_months; k++)
			if (months[k] >= t)
				hazard[k] += h;
	}
	for (size_t k = 0; k < n_months; k++)
		s0[k] = exp(-hazard[k]);
	anker_dealloc(fit->ctx, hazard);
	return 0;
}

/*
 * Weibull PH: H(t) = exp(k log t + c + eta), h(t) = k/t H(t), with the
 * parameters beta (p), c and a = log k last. Per case, with u = k log t + c +
 * eta: loglik = delta (a + u - log t) - exp(u).
 */
void fit_weibull_objective(const struct anker_fit *fit, const struct fit_data *d,
			   const double *beta, struct pass *ps, bool derivatives)
{
	(void)fit;
	size_t p = d->p, dim = d->dim;
	double c = beta[p], a = beta[p + 1], k = exp(a);
	double *z = ps->scratch;
	ps->loglik = 0;
	for (size_t i = 0; i < d->n; i++) {
		double w = weight(d, i);
		if (w == 0)
			continue;
		const double *x = d->x + i * p;
		double lt = log(d->time[i]), delta = d->y[i];
		double u = k * lt + c + linear_predictor(x, beta, p);
		double e = exp(u);
		ps->loglik += w * (delta * (a + u - lt) - e);
		if (!derivatives)
			continue;
		memcpy(z, x, p * sizeof(double));
		z[p] = 1.0;
		z[p + 1] = k * lt;
		/* d/d(beta, c) = (delta - e) z; d/da = delta + (delta - e) k log t */
		for (size_t j = 0; j < p + 1; j++)
			ps->grad[j] += w * (delta - e) * z[j];
		ps->grad[p + 1] += w * (delta + (delta - e) * z[p + 1]);
		/* information: e z z', and in the (a, a) corner also -(delta - e) k log t */
		add_outer(ps->info, dim, z, dim, w * e);
		ps->info[(p + 1) * dim + p + 1] -= w * (delta - e) * z[p + 1];
	}
}

/* {"estimate": v, "std_error": se} */
static json_t *estimate(double v, double se)
{
	json_t *e = json_object();
	if (e && (json_object_set_new(e, "estimate", json_real(v)) ||
		  json_object_set_new(e, "std_error", json_real(se)))) {
		json_decref(e);
		return NULL;
	}
	return e;
}

int fit_duration_stats(const struct anker_fit *fit, const struct fit_result *res, json_t *stats)
{
	int r =
	    json_object_set_new(stats, "form", json_string(anker_survival_form_name(fit->form)));
	if (fit->form == ANKER_SURVIVAL_COX)
		return r |
		       json_object_set_new(
			   stats, "ties",
			   json_string(fit->ties == ANKER_FIT_TIES_EFRON ? "efron" : "breslow"));
	/* shape k = exp(a), scale = exp(-c / k); standard errors by the delta method */
	size_t p = fit->p, dim = p + 2;
	double c = res->beta[p], a = res->beta[p + 1], k = exp(a), scale = exp(-c / k);
	double vcc = res->cov[p * dim + p], vaa = res->cov[(p + 1) * dim + p + 1];
	double vca = res->cov[p * dim + p + 1];
	double gc = -scale / k, ga = scale * c / k; /* d scale / dc, d scale / da */
	double se_scale = sqrt(gc * gc * vcc + 2 * gc * ga * vca + ga * ga * vaa);
	json_t *shape_e = estimate(k, k * sqrt(vaa)), *scale_e = estimate(scale, se_scale);
	r |= !shape_e || !scale_e;
	r |= json_object_set(stats, "shape", shape_e ? shape_e : json_null());
	r |= json_object_set(stats, "scale", scale_e ? scale_e : json_null());
	json_decref(shape_e);
	json_decref(scale_e);
	return r;
}

int fit_duration_survival(const struct anker_fit *fit, const struct fit_data *d,
			  const struct fit_result *res, json_t *root, struct anker_error *err)
{
	json_t *survival = json_object_get(root, "survival");
	const struct anker_duration *dur = fit->spec->payload;
	if (fit->form == ANKER_SURVIVAL_WEIBULL) {
		double k = exp(res->beta[fit->p + 1]);
		double scale = exp(-res->beta[fit->p] / k);
		if (!(k >= 0.05 && k <= 20))
			return fit_fail(fit, err, ANKER_E_BAD_VALUE, "shape", -1,
					"the fitted Weibull shape %g is outside [0.05, 20]", k);
		if (!(scale > 0 && scale <= 1e15))
			return fit_fail(fit, err, ANKER_E_BAD_VALUE, "scale", -1,
					"the fitted Weibull scale %g is not a usable number",
					scale);
		return json_object_set_new(survival, "shape", json_real(k)) |
			       json_object_set_new(survival, "scale", json_real(scale))
			   ? fit_fail(fit, err, ANKER_E_NO_MEMORY, NULL, -1, "out of memory")
			   : 0;
	}
	/* the baseline on the specification's grid, which the data must reach */
	double last = 0;
	for (size_t i = 0; i < d->n; i++)
		if ((d->w ? d->w[i] : 1.0) > 0 && d->time[i] > last)
			last = d->time[i];
	if (dur->months[dur->n_grid - 1] > last)
		return fit_fail(fit, err, ANKER_E_BAD_VALUE, "months", -1,
				"the baseline grid reaches month %g, beyond the longest time in "
				"the data: shorten the grid in the specification",
				dur->months[dur->n_grid - 1]);
	double *s0 = anker_alloc_array(fit->ctx, dur->n_grid, sizeof(double));
	if (!s0 || fit_cox_baseline(fit, d, res->beta, dur->months, dur->n_grid, s0) < 0) {
		anker_dealloc(fit->ctx, s0);
		return fit_fail(fit, err, ANKER_E_NO_MEMORY, NULL, -1, "out of memory");
	}
	json_t *values = json_array();
	int r = values ? 0 : -1;
	for (size_t k = 0; k < dur->n_grid && r == 0; k++) {
		if (!(s0[k] > 0)) {
			anker_dealloc(fit->ctx, s0);
			json_decref(values);
			return fit_fail(fit, err, ANKER_E_BAD_VALUE, "survival", -1,
					"the baseline survival at month %g is 0: no case whose "
					"terms all contribute 0 would stay that long",
					dur->months[k]);
		}
		r = json_array_append_new(values, json_real(s0[k]));
	}
	anker_dealloc(fit->ctx, s0);
	json_t *baseline = json_object_get(survival, "baseline");
	if (r == 0 && baseline)
		r = json_object_set_new(baseline, "survival", values);
	else
		json_decref(values);
	return r ? fit_fail(fit, err, ANKER_E_NO_MEMORY, NULL, -1, "out of memory") : 0;
}
