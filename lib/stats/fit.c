/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The fit object (include/anker/fit.h): lifetime, bindings, options and the run. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/date.h"
#include "fit-private.h"

#define DEFAULT_MAX_ITERATIONS 50
#define DEFAULT_TOLERANCE      1e-10

const char *const fit_provenance_keys[FIT_PROVENANCE_KEYS] = {"statement", "fitted_by", "fitted_on",
							      "notes"};

/* Where an error of a fit applies: @p file (or none), @p field, @p case_index (or -1). */
static struct anker_where fit_where(const char *file, const char *field, long long case_index)
{
	struct anker_where where = ANKER_WHERE_NONE;
	where.file = file;
	where.field = field;
	where.case_index = case_index;
	return where;
}

int fit_fail(const struct anker_fit *fit, struct anker_error *err, int code, const char *field,
	     long long case_index, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = anker_failv(err, code, fit_where(fit->spec_name, field, case_index), fmt, ap);
	va_end(ap);
	return r;
}

/* An error about a data column: it cites the column, not the specification. */
static int fail_column(struct anker_error *err, int code, const char *column, long long index,
		       const char *fmt, ...) ANKER_PRINTF(5, 6);
static int fail_column(struct anker_error *err, int code, const char *column, long long index,
		       const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = anker_failv(err, code, fit_where(NULL, column, index), fmt, ap);
	va_end(ap);
	return r;
}

ANKER_EXPORT int anker_fit_new(struct anker_ctx *ctx, const char *spec, size_t size,
			       const char *spec_name, unsigned int flags, struct anker_error *err,
			       struct anker_fit **ret)
{
	if (!ctx || !spec || !ret)
		return anker_fail(err, ANKER_E_INVALID_ARGUMENT, ANKER_WHERE_NONE,
				  "anker_fit_new: ctx, spec and ret are required");
	struct anker_fit *fit = anker_alloc_zeroed(ctx, 1, sizeof(*fit));
	if (!fit)
		return anker_fail(err, ANKER_E_NO_MEMORY, ANKER_WHERE_NONE, "out of memory");
	fit->ctx = anker_ctx_ref(ctx);
	fit->max_iterations = DEFAULT_MAX_ITERATIONS;
	fit->tol = DEFAULT_TOLERANCE;
	fit->spec_name = anker_strdup(ctx, spec_name ? spec_name : "<buffer>");
	int r = fit->spec_name
		    ? 0
		    : anker_fail(err, ANKER_E_NO_MEMORY, ANKER_WHERE_NONE, "out of memory");
	/* The loader is the judge of the specification: its errors cite file, line and field. */
	if (r == 0)
		r = anker_model_load_buffer(ctx, spec, size, fit->spec_name, err, &fit->spec);
	if (r == 0) {
		fit->kind = anker_model_get_kind(fit->spec);
		if (fit->kind != ANKER_MODEL_BINARY && fit->kind != ANKER_MODEL_DURATION)
			r = fit_fail(fit, err, ANKER_E_UNSUPPORTED, "kind", -1,
				     "only binary and duration models can be fitted");
	}
	if (r == 0) {
		fit->link = anker_model_get_link(fit->spec);
		fit->form = anker_model_get_survival_form(fit->spec);
		fit->ties = ANKER_FIT_TIES_EFRON;
		fit->spec_json = json_loadb(spec, size, JSON_REJECT_DUPLICATES, NULL);
		if (!fit->spec_json)
			r = fit_fail(fit, err, ANKER_E_NO_MEMORY, NULL, -1, "out of memory");
	}
	if (r == 0)
		r = fit_build_basis(fit, flags, err);
	if (r < 0) {
		anker_fit_free(fit);
		return r;
	}
	*ret = fit;
	return 0;
}

ANKER_EXPORT void anker_fit_free(struct anker_fit *fit)
{
	if (!fit)
		return;
	struct anker_ctx *ctx = fit->ctx;
	anker_batch_free(fit->batch);
	anker_model_unref(fit->basis);
	anker_model_unref(fit->spec);
	json_decref(fit->spec_json);
	anker_dealloc(ctx, fit->params);
	anker_dealloc(ctx, fit->spec_name);
	anker_dealloc(ctx, fit->outcome_name);
	anker_dealloc(ctx, fit->weights_name);
	anker_dealloc(ctx, fit->time_name);
	anker_dealloc(ctx, fit->data_name);
	for (size_t k = 0; k < FIT_PROVENANCE_KEYS; k++)
		anker_dealloc(ctx, fit->provenance[k]);
	anker_dealloc(ctx, fit->model_json);
	anker_dealloc(ctx, fit->stats_json);
	anker_dealloc(ctx, fit);
	anker_ctx_unref(ctx);
}

ANKER_EXPORT struct anker_batch *anker_fit_get_batch(struct anker_fit *fit)
{
	return fit ? fit->batch : NULL;
}

static int bind_column(struct anker_fit *fit, const char *name, const char *fallback,
		       const double *values, size_t stride, const char **base, size_t *ret_stride,
		       char **ret_name)
{
	char *copy = anker_strdup(fit->ctx, name ? name : fallback);
	if (!copy)
		return ANKER_E_NO_MEMORY;
	anker_dealloc(fit->ctx, *ret_name);
	*ret_name = copy;
	*base = (const char *)values;
	*ret_stride = stride ? stride : sizeof(double);
	return 0;
}

ANKER_EXPORT int anker_fit_bind_outcome(struct anker_fit *fit, const char *name,
					const double *values, size_t stride)
{
	if (!fit || !values)
		return ANKER_E_INVALID_ARGUMENT;
	return bind_column(fit, name, "outcome", values, stride, &fit->outcome,
			   &fit->outcome_stride, &fit->outcome_name);
}

ANKER_EXPORT int anker_fit_bind_time(struct anker_fit *fit, const char *name, const double *values,
				     size_t stride)
{
	if (!fit || !values)
		return ANKER_E_INVALID_ARGUMENT;
	return bind_column(fit, name, "time", values, stride, &fit->time, &fit->time_stride,
			   &fit->time_name);
}

ANKER_EXPORT int anker_fit_set_ties(struct anker_fit *fit, int ties)
{
	if (!fit || (ties != ANKER_FIT_TIES_EFRON && ties != ANKER_FIT_TIES_BRESLOW))
		return ANKER_E_INVALID_ARGUMENT;
	fit->ties = ties;
	return 0;
}

ANKER_EXPORT int anker_fit_bind_weights(struct anker_fit *fit, const char *name,
					const double *values, size_t stride)
{
	if (!fit)
		return ANKER_E_INVALID_ARGUMENT;
	if (!values) {
		fit->weights = NULL;
		return 0;
	}
	return bind_column(fit, name, "weights", values, stride, &fit->weights,
			   &fit->weights_stride, &fit->weights_name);
}

ANKER_EXPORT int anker_fit_set_l2(struct anker_fit *fit, double l2)
{
	if (!fit || !isfinite(l2) || l2 < 0)
		return ANKER_E_INVALID_ARGUMENT;
	fit->l2 = l2;
	return 0;
}

ANKER_EXPORT int anker_fit_set_max_iterations(struct anker_fit *fit, unsigned int max_iterations)
{
	if (!fit || max_iterations < 1 || max_iterations > 10000)
		return ANKER_E_INVALID_ARGUMENT;
	fit->max_iterations = max_iterations;
	return 0;
}

ANKER_EXPORT int anker_fit_set_tolerance(struct anker_fit *fit, double tolerance)
{
	if (!fit || !(tolerance > 0 && tolerance <= 1e-2))
		return ANKER_E_INVALID_ARGUMENT;
	fit->tol = tolerance;
	return 0;
}

ANKER_EXPORT int anker_fit_set_data(struct anker_fit *fit, const char *name, const char *sha256)
{
	if (!fit)
		return ANKER_E_INVALID_ARGUMENT;
	if (sha256) {
		size_t len = strlen(sha256);
		if (len != ANKER_SHA256_HEX_SIZE - 1 || strspn(sha256, "0123456789abcdef") != len)
			return ANKER_E_BAD_VALUE;
	}
	if (name && !*name)
		return ANKER_E_BAD_VALUE;
	char *copy = NULL;
	if (name && !(copy = anker_strdup(fit->ctx, name)))
		return ANKER_E_NO_MEMORY;
	anker_dealloc(fit->ctx, fit->data_name);
	fit->data_name = copy;
	if (sha256)
		memcpy(fit->data_sha256, sha256, ANKER_SHA256_HEX_SIZE);
	else
		fit->data_sha256[0] = '\0';
	return 0;
}

ANKER_EXPORT int anker_fit_set_provenance(struct anker_fit *fit, const char *key, const char *value)
{
	if (!fit || !key)
		return ANKER_E_INVALID_ARGUMENT;
	size_t k = 0;
	while (k < FIT_PROVENANCE_KEYS && strcmp(fit_provenance_keys[k], key) != 0)
		k++;
	if (k == FIT_PROVENANCE_KEYS)
		return ANKER_E_NOT_FOUND;
	if (value && !*value)
		return ANKER_E_BAD_VALUE;
	if (value && strcmp(key, "fitted_on") == 0 && !anker_is_valid_date(value))
		return ANKER_E_BAD_VALUE;
	/* the required keys keep the specification's value unless replaced */
	if (!value && k < 2)
		return ANKER_E_BAD_VALUE;
	char *copy = NULL;
	if (value && !(copy = anker_strdup(fit->ctx, value)))
		return ANKER_E_NO_MEMORY;
	anker_dealloc(fit->ctx, fit->provenance[k]);
	fit->provenance[k] = copy;
	fit->provenance_set[k] = true;
	return 0;
}

ANKER_EXPORT void anker_fit_set_progress(struct anker_fit *fit, anker_fit_progress_fn fn,
					 void *data)
{
	if (!fit)
		return;
	fit->progress = fn;
	fit->progress_data = data;
}

static double column_value(const char *base, size_t stride, size_t i)
{
	double v;
	memcpy(&v, base + i * stride, sizeof(v));
	return v;
}

/* The outcome and the weights, checked, into contiguous arrays. */
static int read_outcome(const struct anker_fit *fit, struct fit_data *d, struct anker_error *err)
{
	for (size_t i = 0; i < d->n; i++) {
		double y = column_value(fit->outcome, fit->outcome_stride, i);
		if (isnan(y))
			return fail_column(err, ANKER_E_MISSING_VALUE, fit->outcome_name,
					   (long long)i,
					   "the outcome is missing (a fit rejects every case "
					   "without an outcome)");
		if (y != 0 && y != 1)
			return fail_column(err, ANKER_E_OUT_OF_RANGE, fit->outcome_name,
					   (long long)i, "the outcome must be 0 or 1");
		d->y[i] = y;
		if (d->time) {
			double t = column_value(fit->time, fit->time_stride, i);
			if (isnan(t))
				return fail_column(err, ANKER_E_MISSING_VALUE, fit->time_name,
						   (long long)i, "the time is missing");
			if (!isfinite(t) || t <= 0)
				return fail_column(
				    err, ANKER_E_OUT_OF_RANGE, fit->time_name, (long long)i,
				    "a time must be a finite number of months above 0");
			d->time[i] = t;
		}
		if (!d->w)
			continue;
		double w = column_value(fit->weights, fit->weights_stride, i);
		if (isnan(w))
			return fail_column(err, ANKER_E_MISSING_VALUE, fit->weights_name,
					   (long long)i, "the case weight is missing");
		if (!isfinite(w) || w < 0)
			return fail_column(err, ANKER_E_OUT_OF_RANGE, fit->weights_name,
					   (long long)i,
					   "a case weight must be finite and at least 0");
		d->w[i] = w;
	}
	return 0;
}

static int later_first(const void *a, const void *b, void *times)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	double ti = ((const double *)times)[i], tj = ((const double *)times)[j];
	return ti > tj ? -1 : ti < tj ? 1 : (i > j) - (i < j);
}

/* The cases by decreasing time (ties in case order), for the Cox risk sets. */
static void order_by_time(struct fit_data *d)
{
	for (size_t i = 0; i < d->n; i++)
		d->order[i] = i;
	qsort_r(d->order, d->n, sizeof(size_t), later_first, d->time);
}

ANKER_EXPORT int anker_fit_run(struct anker_fit *fit, size_t n, struct anker_error *err)
{
	if (!fit)
		return anker_fail(err, ANKER_E_INVALID_ARGUMENT, ANKER_WHERE_NONE,
				  "anker_fit_run: fit is required");
	if (!fit->outcome)
		return anker_fail(err, ANKER_E_INVALID_ARGUMENT, ANKER_WHERE_NONE,
				  "anker_fit_run: no outcome column is bound");
	bool duration = fit->kind == ANKER_MODEL_DURATION;
	if (duration && !fit->time)
		return anker_fail(err, ANKER_E_INVALID_ARGUMENT, ANKER_WHERE_NONE,
				  "anker_fit_run: a duration fit needs a time column");
	if (duration && fit->form == ANKER_SURVIVAL_COX && fit->weights &&
	    fit->ties == ANKER_FIT_TIES_EFRON)
		return anker_fail(err, ANKER_E_INVALID_ARGUMENT, ANKER_WHERE_NONE,
				  "anker_fit_run: case weights need Breslow's ties in a Cox fit");
	anker_dealloc(fit->ctx, fit->model_json);
	anker_dealloc(fit->ctx, fit->stats_json);
	fit->model_json = fit->stats_json = NULL;
	if (n == 0)
		return fail_column(err, ANKER_E_BAD_VALUE, fit->outcome_name, -1,
				   "no cases to fit");
	if (n > SIZE_MAX / sizeof(double) / fit->p)
		return fail_column(err, ANKER_E_TOO_LARGE, NULL, -1, "too many cases");

	struct anker_ctx *ctx = fit->ctx;
	size_t dim = fit->p + (duration && fit->form == ANKER_SURVIVAL_WEIBULL ? 2 : 0);
	struct fit_data d = {.n = n, .p = fit->p, .dim = dim};
	double *x = anker_alloc_array(ctx, n * fit->p, sizeof(double));
	d.y = anker_alloc_array(ctx, n, sizeof(double));
	d.w = fit->weights ? anker_alloc_array(ctx, n, sizeof(double)) : NULL;
	d.time = duration ? anker_alloc_array(ctx, n, sizeof(double)) : NULL;
	d.order = duration ? anker_alloc_array(ctx, n, sizeof(size_t)) : NULL;
	struct fit_result res = {0};
	res.beta = anker_alloc_array(ctx, dim, sizeof(double));
	res.se = anker_alloc_array(ctx, dim, sizeof(double));
	res.cov = anker_alloc_array(ctx, dim * dim, sizeof(double));
	int r = 0;
	if (!x || !d.y || (fit->weights && !d.w) || (duration && (!d.time || !d.order)) ||
	    !res.beta || !res.se || !res.cov) {
		r = anker_fail(err, ANKER_E_NO_MEMORY, ANKER_WHERE_NONE, "out of memory");
		goto out;
	}
	d.x = x;
	r = read_outcome(fit, &d, err);
	if (r < 0)
		goto out;
	if (duration)
		order_by_time(&d);
	/* the design: the basis model's contributions, one column per coefficient */
	anker_batch_bind_contributions(fit->batch, x);
	r = anker_batch_run(fit->batch, n, NULL, err);
	anker_batch_bind_contributions(fit->batch, NULL);
	if (r < 0)
		goto out;
	r = fit_check_design(fit, &d, err);
	if (r == 0)
		r = fit_newton(fit, &d, &res, err);
	if (r == 0)
		r = fit_write_outputs(fit, &d, &res, err);
out:
	anker_dealloc(ctx, x);
	anker_dealloc(ctx, d.y);
	anker_dealloc(ctx, d.w);
	anker_dealloc(ctx, d.time);
	anker_dealloc(ctx, d.order);
	anker_dealloc(ctx, res.cov);
	anker_dealloc(ctx, res.beta);
	anker_dealloc(ctx, res.se);
	return r;
}

ANKER_EXPORT const char *anker_fit_get_model_json(const struct anker_fit *fit)
{
	return fit ? fit->model_json : NULL;
}

ANKER_EXPORT const char *anker_fit_get_stats_json(const struct anker_fit *fit)
{
	return fit ? fit->stats_json : NULL;
}
