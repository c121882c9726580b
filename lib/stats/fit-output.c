/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The fitted model file (the specification with the estimates and the
 * provenance of the fit) and its companion statistics (format
 * "anker-fit-stats", docs/model-format.md).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../model/score-private.h"
#include "fit-private.h"

static const char *link_name(int link)
{
	return link == ANKER_LINK_PROBIT ? "probit" : "logit";
}

/* The estimate as written: -0.0 becomes 0. */
static json_t *number(double v)
{
	return json_real(v + 0.0);
}

/* Term t's coefficients in the spec's JSON, from the estimates (fixed ones 0). */
static int set_term(const struct anker_fit *fit, json_t *term_json, size_t t, const double *beta)
{
	const struct anker_term *term = &fit->spec->linear->terms[t];
	const struct anker_variable *var = &fit->spec->linear->variables[term->variable];
	size_t first = 0;
	while (first < fit->p && fit->params[first].term != t)
		first++;
	int r = 0;
	switch (term->type) {
	case ANKER_TERM_INTERCEPT:
	case ANKER_TERM_LINEAR:
	case ANKER_TERM_INTERACTION:
		return json_object_set_new(term_json, "coef", number(beta[first]));
	case ANKER_TERM_CATEGORICAL: {
		json_t *effects = json_object();
		for (size_t j = first; effects && j < fit->p && fit->params[j].term == t; j++)
			r |= json_object_set_new(effects, var->levels[fit->params[j].index],
						 number(beta[j]));
		return effects ? r | json_object_set_new(term_json, "effects", effects) : -1;
	}
	case ANKER_TERM_BINS:
	case ANKER_TERM_SPLINE: {
		bool bins = term->type == ANKER_TERM_BINS;
		size_t count = bins ? term->n_edges + 1 : term->n_knots;
		json_t *values = json_array();
		for (size_t i = 0, j = first; values && i < count; i++) {
			bool free_param =
			    j < fit->p && fit->params[j].term == t && fit->params[j].index == i;
			r |= json_array_append_new(values, number(free_param ? beta[j++] : 0.0));
		}
		return values
			   ? r | json_object_set_new(term_json, bins ? "effects" : "values", values)
			   : -1;
	}
	default:
		return -1;
	}
}

static size_t count_events(const struct fit_data *d)
{
	size_t events = 0;
	for (size_t i = 0; i < d->n; i++)
		events += d->y[i] != 0;
	return events;
}

static double weight_sum(const struct fit_data *d)
{
	double s = 0;
	for (size_t i = 0; i < d->n; i++)
		s += d->w[i];
	return s;
}

static void describe_method(const struct anker_fit *fit, const struct fit_result *res, char *buf,
			    size_t size)
{
	/* file content: numbers in the C locale's form whatever the process locale */
	char penalty[96 + ANKER_NUMBER_MAX] = "no penalty", l2[ANKER_NUMBER_MAX],
			  tol[ANKER_NUMBER_MAX];
	anker_format_number(fit->l2, l2);
	anker_format_number(fit->tol, tol);
	if (fit->l2 > 0)
		snprintf(penalty, sizeof(penalty),
			 "L2 penalty %s on every coefficient but the intercept", l2);
	char what[128];
	if (fit->kind == ANKER_MODEL_BINARY)
		snprintf(what, sizeof(what), "maximum likelihood, %s link", link_name(fit->link));
	else if (fit->form == ANKER_SURVIVAL_COX)
		snprintf(what, sizeof(what),
			 "Cox partial likelihood (%s ties) with the Breslow baseline",
			 fit->ties == ANKER_FIT_TIES_EFRON ? "Efron" : "Breslow");
	else
		snprintf(what, sizeof(what), "maximum likelihood, Weibull proportional hazards");
	snprintf(buf, size,
		 "%s: Newton-Raphson with Cholesky steps, converged in %u iterations (tolerance "
		 "%s), %s; libanker %s",
		 what, res->iterations, tol, penalty, anker_version_string());
}

static void describe_data(const struct anker_fit *fit, const struct fit_data *d, char *buf,
			  size_t size)
{
	int used = 0;
	if (fit->data_name)
		used = snprintf(buf, size, "%s%s%s%s: ", fit->data_name,
				fit->data_sha256[0] ? " (SHA-256 " : "", fit->data_sha256,
				fit->data_sha256[0] ? ")" : "");
	if (used < 0 || (size_t)used >= size)
		used = 0;
	int more = snprintf(buf + used, size - (size_t)used, "%zu cases, %zu events", d->n,
			    count_events(d));
	char sum[ANKER_NUMBER_MAX];
	anker_format_number(d->w ? weight_sum(d) : 0, sum);
	if (d->w && more > 0 && (size_t)(used + more) < size)
		snprintf(buf + used + more, size - (size_t)(used + more),
			 ", weighted (sum of the weights %s)", sum);
}

static int set_provenance(const struct anker_fit *fit, json_t *root, const char *data,
			  const char *method)
{
	json_t *prov = json_object_get(root, "provenance");
	int r = json_object_set_new(prov, "data", json_string(data));
	r |= json_object_set_new(prov, "method", json_string(method));
	/* a date the caller did not give would be the specification's, not the fit's */
	if (!fit->provenance_set[2])
		json_object_del(prov, "fitted_on");
	for (size_t k = 0; k < FIT_PROVENANCE_KEYS; k++) {
		if (!fit->provenance_set[k])
			continue;
		if (fit->provenance[k])
			r |= json_object_set_new(prov, fit_provenance_keys[k],
						 json_string(fit->provenance[k]));
		else
			json_object_del(prov, fit_provenance_keys[k]);
	}
	return r;
}

/* jansson's text, newline-terminated, in context memory. */
static char *dump(struct anker_ctx *ctx, json_t *root)
{
	char *text = json_dumps(root, JSON_INDENT(2) | JSON_REAL_PRECISION(17));
	if (!text)
		return NULL;
	size_t len = strlen(text);
	char *copy = anker_alloc(ctx, len + 2);
	if (copy) {
		memcpy(copy, text, len);
		copy[len] = '\n';
		copy[len + 1] = '\0';
	}
	free(text);
	return copy;
}

static json_t *coefficient(const struct anker_fit *fit, const struct fit_result *res, size_t j)
{
	const struct fit_param *prm = &fit->params[j];
	const struct anker_term *term = &fit->spec->linear->terms[prm->term];
	json_t *c = json_object();
	if (!c)
		return NULL;
	int r = json_object_set_new(c, "term", json_string(term->name));
	if (prm->kind == PARAM_LEVEL)
		r |= json_object_set_new(
		    c, "level",
		    json_string(fit->spec->linear->variables[term->variable].levels[prm->index]));
	else if (prm->kind == PARAM_BIN)
		r |= json_object_set_new(c, "bin", json_integer((json_int_t)prm->index));
	else if (prm->kind == PARAM_KNOT)
		r |= json_object_set_new(c, "knot", json_integer((json_int_t)prm->index));
	r |= json_object_set_new(c, "estimate", number(res->beta[j]));
	r |= json_object_set_new(c, "std_error", number(res->se[j]));
	r |= json_object_set_new(c, "z", number(res->beta[j] / res->se[j]));
	if (r) {
		json_decref(c);
		return NULL;
	}
	return c;
}

static char *stats_text(const struct anker_fit *fit, const struct fit_data *d,
			const struct fit_result *res, const char *model_sha256, const char *method)
{
	json_t *s = json_object();
	json_t *coefs = json_array();
	json_t *model = json_object();
	int r = !s || !coefs || !model;
	if (!r) {
		r |= json_object_set_new(model, "id", json_string(anker_model_get_id(fit->spec)));
		r |= json_object_set_new(model, "version",
					 json_string(anker_model_get_version(fit->spec)));
		r |= json_object_set_new(model, "sha256", json_string(model_sha256));
		r |= json_object_set_new(s, "format", json_string("anker-fit-stats"));
		r |= json_object_set_new(s, "format_version", json_integer(1));
		r |= json_object_set(s, "model", model);
		r |= json_object_set_new(s, "kind", json_string(anker_model_kind_name(fit->kind)));
		if (fit->kind == ANKER_MODEL_BINARY)
			r |= json_object_set_new(s, "link", json_string(link_name(fit->link)));
		else
			r |= fit_duration_stats(fit, res, s);
		r |= json_object_set_new(s, "method", json_string(method));
		r |= json_object_set_new(s, "cases", json_integer((json_int_t)d->n));
		r |= json_object_set_new(s, "events", json_integer((json_int_t)count_events(d)));
		if (d->w)
			r |= json_object_set_new(s, "weight_sum", json_real(weight_sum(d)));
		r |= json_object_set_new(s, "l2", json_real(fit->l2));
		r |= json_object_set_new(s, "log_likelihood", json_real(res->log_likelihood));
		r |= json_object_set_new(s, "iterations", json_integer(res->iterations));
		r |= json_object_set_new(s, "converged", json_boolean(res->converged));
		r |= json_object_set_new(s, "tolerance", json_real(fit->tol));
		r |= json_object_set_new(s, "max_iterations", json_integer(fit->max_iterations));
		for (size_t j = 0; j < fit->p && !r; j++) {
			json_t *c = coefficient(fit, res, j);
			r |= !c || json_array_append_new(coefs, c);
		}
		r |= json_object_set(s, "coefficients", coefs);
	}
	char *text = r ? NULL : dump(fit->ctx, s);
	json_decref(s);
	json_decref(coefs);
	json_decref(model);
	return text;
}

int fit_write_outputs(struct anker_fit *fit, const struct fit_data *d, const struct fit_result *res,
		      struct anker_error *err)
{
	char method[512], data[1024];
	describe_method(fit, res, method, sizeof(method));
	describe_data(fit, d, data, sizeof(data));
	json_t *root = json_deep_copy(fit->spec_json);
	json_t *terms = root ? json_object_get(root, "terms") : NULL;
	int r = terms ? 0 : -1;
	for (size_t t = 0; t < fit->spec->linear->n_terms && r == 0; t++)
		r = set_term(fit, json_array_get(terms, t), t, res->beta);
	if (r == 0)
		r = set_provenance(fit, root, data, method);
	if (r == 0 && fit->kind == ANKER_MODEL_DURATION) {
		r = fit_duration_survival(fit, d, res, root, err);
		if (r < 0) {
			json_decref(root);
			return r;
		}
	}
	char *model = r == 0 ? dump(fit->ctx, root) : NULL;
	json_decref(root);
	char sha[ANKER_SHA256_HEX_SIZE];
	char *stats = NULL;
	if (model) {
		anker_sha256_hex(model, strlen(model), sha);
		stats = stats_text(fit, d, res, sha, method);
	}
	if (!model || !stats) {
		anker_dealloc(fit->ctx, model);
		anker_dealloc(fit->ctx, stats);
		return fit_fail(fit, err, ANKER_E_NO_MEMORY, NULL, -1, "out of memory");
	}
	fit->model_json = model;
	fit->stats_json = stats;
	return 0;
}
