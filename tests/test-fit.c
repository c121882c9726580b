/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * anker_fit_*: closed-form maximum likelihood estimates (an intercept alone,
 * a 2x2 table), the argument checks, each error a fit names, and every
 * allocation failing in turn. statsmodels agreement is in
 * bindings/python/tests/test_fit.py and tests/cli/test_fit_cli.py.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "test-util.h"

#define SPEC_HEAD                                                                                  \
	"{'format': 'anker-model', 'format_version': 1, 'kind': 'binary', 'id': 'fit-c',"          \
	" 'name': 'Fit', 'version': '1', 'toets': 'AMT',"                                          \
	" 'outcome': {'description': 'work', 'horizon_months': 6}, 'valid_from': '2026-01-01',"    \
	" 'provenance': {'statement': 'Test.', 'data': 'none', 'fitted_by': 'tests'},"             \
	" 'variables': [{'name': 'x', 'kind': 'boolean'},"                                         \
	"  {'name': 'g', 'kind': 'categorical', 'levels': ['a', 'b', 'c']},"                       \
	"  {'name': 'z', 'kind': 'numeric', 'range': [-100, 100]}],"                               \
	" 'bands': {'boundary': 'lower', 'items': [{'name': 'low', 'upper': 0.5}, {'name': "       \
	"'high'}]},"

#define INTERCEPT "{'type': 'intercept', 'name': 'base', 'label': 'b', 'coef': 0}"
#define LINEAR_X  "{'type': 'linear', 'name': 'lx', 'label': 'x', 'variable': 'x', 'coef': 0}"
#define LINEAR_Z  "{'type': 'linear', 'name': 'lz', 'label': 'z', 'variable': 'z', 'coef': 0}"
#define CAT_G                                                                                      \
	"{'type': 'categorical', 'name': 'cg', 'label': 'g', 'variable': 'g', 'reference': 'a',"   \
	" 'effects': {'b': 0, 'c': 0}}"

#define N 100

struct data {
	double x[N], z[N], y[N], w[N];
	int32_t g[N];
};

/*
 * The 2x2 table: x=1: 20 events of 30; x=0: 15 events of 70. g cycles a, b, a,
 * b (level c has no case), z = x (collinear with x).
 */
static void fill(struct data *d)
{
	for (size_t i = 0; i < N; i++) {
		d->x[i] = i < 30 ? 1 : 0;
		d->y[i] = i < 30 ? (i < 20 ? 1 : 0) : (i < 45 ? 1 : 0);
		d->g[i] = (int32_t)(i % 2);
		d->z[i] = d->x[i];
		d->w[i] = 1;
	}
}

static struct anker_fit *new_fit(struct anker_ctx *ctx, const char *link, const char *terms,
				 struct data *d)
{
	char json[4096];
	snprintf(json, sizeof(json), SPEC_HEAD " 'link': '%s', 'terms': [%s]}", link, terms);
	char *text = test_unquote(json);
	struct anker_error *err = NULL;
	assert_int_equal(anker_error_new(&err), 0);
	struct anker_fit *fit = NULL;
	int rc = anker_fit_new(ctx, text, strlen(text), "spec.json", 0, err, &fit);
	if (rc != 0)
		fail_msg("%s", anker_error_message(err));
	free(text);
	anker_error_free(err);
	struct anker_batch *b = anker_fit_get_batch(fit);
	assert_int_equal(anker_batch_bind_f64(b, "x", d->x, 0), 0);
	assert_int_equal(anker_batch_bind_i32(b, "g", d->g, 0), 0);
	assert_int_equal(anker_batch_bind_f64(b, "z", d->z, 0), 0);
	assert_int_equal(anker_fit_bind_outcome(fit, "y", d->y, 0), 0);
	return fit;
}

/* The estimate and standard error of coefficient @p index, from the statistics (jansson reads
 * numbers the same in every locale; the tests also run under a Dutch one). */
static void coefficient(const struct anker_fit *fit, size_t index, double *est, double *se)
{
	const char *stats = anker_fit_get_stats_json(fit);
	assert_non_null(stats);
	json_t *root = json_loads(stats, 0, NULL);
	json_t *c = json_array_get(json_object_get(root, "coefficients"), index);
	assert_non_null(c);
	*est = json_real_value(json_object_get(c, "estimate"));
	*se = json_real_value(json_object_get(c, "std_error"));
	json_decref(root);
}

static void test_intercept_only_logit_and_probit(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct data d;
	fill(&d);
	double p = 35.0 / N, est, se;
	struct anker_fit *fit = new_fit(ctx, "logit", INTERCEPT, &d);
	assert_int_equal(anker_fit_run(fit, N, NULL), 0);
	coefficient(fit, 0, &est, &se);
	assert_float_equal(est, log(p / (1 - p)), 1e-12);
	assert_float_equal(se, 1 / sqrt(N * p * (1 - p)), 1e-12);
	anker_fit_free(fit);

	fit = new_fit(ctx, "probit", INTERCEPT, &d);
	assert_int_equal(anker_fit_run(fit, N, NULL), 0);
	coefficient(fit, 0, &est, &se);
	/* Phi^-1(0.35), from the bisection below, and se = sqrt(p(1-p)/n) / phi(beta) */
	double lo = -1, hi = 0;
	for (int i = 0; i < 200; i++) {
		double mid = (lo + hi) / 2;
		*(0.5 * erfc(-mid / sqrt(2)) < p ? &lo : &hi) = mid;
	}
	assert_float_equal(est, lo, 1e-12);
	double phi = exp(-lo * lo / 2) / sqrt(2 * M_PI);
	assert_float_equal(se, sqrt(p * (1 - p) / N) / phi, 1e-12);
	anker_fit_free(fit);
	anker_ctx_unref(ctx);
}

static void test_two_by_two_table_and_weights(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct data d;
	fill(&d);
	/* log odds ratio of a 2x2 table (20, 10 | 15, 55) and Woolf's standard error */
	double lor = log(20.0 * 55 / (10.0 * 15)),
	       se_lor = sqrt(1 / 20.0 + 1 / 10.0 + 1 / 15.0 + 1 / 55.0);
	double est, se;
	struct anker_fit *fit = new_fit(ctx, "logit", INTERCEPT "," LINEAR_X, &d);
	assert_int_equal(anker_fit_run(fit, N, NULL), 0);
	coefficient(fit, 0, &est, &se);
	assert_float_equal(est, log(15.0 / 55), 1e-12);
	assert_float_equal(se, sqrt(1 / 15.0 + 1 / 55.0), 1e-12);
	coefficient(fit, 1, &est, &se);
	assert_float_equal(est, lor, 1e-12);
	assert_float_equal(se, se_lor, 1e-12);

	/* the fitted model loads and scores the estimate */
	const char *text = anker_fit_get_model_json(fit);
	struct anker_model *m = test_model_from_json(ctx, text);
	struct anker_case *c = NULL;
	struct anker_result *r = NULL;
	assert_int_equal(anker_case_new(ctx, &c), 0);
	assert_int_equal(anker_result_new(ctx, &r), 0);
	assert_int_equal(anker_case_set_bool(c, "x", 1), 0);
	assert_int_equal(anker_case_set_level(c, "g", "a"), 0);
	assert_int_equal(anker_case_set_number(c, "z", 0), 0);
	assert_int_equal(anker_model_score(m, c, 0, r, NULL), 0);
	assert_float_equal(anker_result_get_probability(r), 20.0 / 30, 1e-12);
	anker_result_free(r);
	anker_case_free(c);
	anker_model_unref(m);

	/* weight 0 removes a case whatever its values; weight 2 counts it twice */
	for (size_t i = 0; i < N; i++)
		d.w[i] = i < 20 ? 2 : 1;
	d.y[99] = 1;
	d.w[99] = 0;
	assert_int_equal(anker_fit_bind_weights(fit, "w", d.w, 0), 0);
	assert_int_equal(anker_fit_run(fit, N, NULL), 0);
	coefficient(fit, 1, &est, &se);
	assert_float_equal(est, log(40.0 * 54 / (10.0 * 15)), 1e-12);
	assert_non_null(strstr(anker_fit_get_model_json(fit), "100 cases, 36 events, weighted"));
	anker_fit_free(fit);
	anker_ctx_unref(ctx);
}

static void test_arguments(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct data d;
	fill(&d);
	struct anker_fit *fit = NULL;
	assert_int_equal(anker_fit_new(NULL, "{}", 2, NULL, 0, NULL, &fit),
			 ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_fit_new(ctx, NULL, 2, NULL, 0, NULL, &fit),
			 ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_fit_new(ctx, "{}", 2, NULL, 0, NULL, NULL),
			 ANKER_E_INVALID_ARGUMENT);
	assert_null(fit);
	anker_fit_free(NULL);
	assert_null(anker_fit_get_batch(NULL));
	assert_null(anker_fit_get_model_json(NULL));
	assert_null(anker_fit_get_stats_json(NULL));
	assert_int_equal(anker_fit_run(NULL, 1, NULL), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_fit_bind_outcome(NULL, "y", d.y, 0), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_fit_bind_weights(NULL, "w", d.w, 0), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_fit_set_l2(NULL, 1), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_fit_set_data(NULL, "x", NULL), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_fit_set_provenance(NULL, "notes", "x"), ANKER_E_INVALID_ARGUMENT);
	anker_fit_set_progress(NULL, NULL, NULL);

	fit = new_fit(ctx, "logit", INTERCEPT, &d);
	assert_null(anker_fit_get_model_json(fit));
	assert_int_equal(anker_fit_bind_outcome(fit, "y", NULL, 0), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_fit_set_l2(fit, -1), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_fit_set_l2(fit, NAN), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_fit_set_l2(fit, INFINITY), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_fit_set_max_iterations(fit, 0), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_fit_set_max_iterations(fit, 10001), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_fit_set_tolerance(fit, 0), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_fit_set_tolerance(fit, 0.1), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_fit_set_tolerance(fit, 1e-6), 0);
	assert_int_equal(anker_fit_set_data(fit, "", NULL), ANKER_E_BAD_VALUE);
	assert_int_equal(anker_fit_set_data(fit, "h.csv", "abc"), ANKER_E_BAD_VALUE);
	assert_int_equal(
	    anker_fit_set_data(fit, "h.csv",
			       "ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789"),
	    ANKER_E_BAD_VALUE);
	assert_int_equal(anker_fit_set_provenance(fit, "data", "x"), ANKER_E_NOT_FOUND);
	assert_int_equal(anker_fit_set_provenance(fit, "method", "x"), ANKER_E_NOT_FOUND);
	assert_int_equal(anker_fit_set_provenance(fit, "fitted_on", "2026-02-30"),
			 ANKER_E_BAD_VALUE);
	assert_int_equal(anker_fit_set_provenance(fit, "notes", ""), ANKER_E_BAD_VALUE);
	assert_int_equal(anker_fit_set_provenance(fit, "statement", NULL), ANKER_E_BAD_VALUE);
	assert_int_equal(anker_fit_set_provenance(fit, "notes", NULL), 0);
	assert_int_equal(anker_fit_set_provenance(fit, "fitted_on", "2024-02-29"), 0);
	assert_int_equal(anker_fit_set_data(fit, "h.csv", NULL), 0);
	struct anker_error *err = NULL;
	assert_int_equal(anker_error_new(&err), 0);
	assert_int_equal(anker_fit_run(fit, 0, err), ANKER_E_BAD_VALUE);
	assert_int_equal(anker_fit_run(fit, N, err), 0);
	assert_int_equal(anker_error_code(err), 0);
	assert_non_null(strstr(anker_fit_get_model_json(fit), "\"fitted_on\": \"2024-02-29\""));
	assert_non_null(
	    strstr(anker_fit_get_model_json(fit), "\"data\": \"h.csv: 100 cases, 35 events\""));
	anker_error_free(err);
	anker_fit_free(fit);
	anker_ctx_unref(ctx);
}

struct error_case {
	const char *name;
	const char *terms;
	void (*change)(struct data *d);
	int code;
	const char *words;
	const char *field;
	long long case_index;
};

static void y_constant(struct data *d)
{
	for (size_t i = 0; i < N; i++)
		d->y[i] = 1;
}
static void y_missing(struct data *d)
{
	d->y[42] = NAN;
}
static void y_two(struct data *d)
{
	d->y[7] = 2;
}
static void x_missing(struct data *d)
{
	d->x[13] = NAN;
}
static void y_separated_by_x(struct data *d)
{
	for (size_t i = 0; i < N; i++)
		d->y[i] = d->x[i];
}
static void y_separated_by_z(struct data *d)
{
	for (size_t i = 0; i < N; i++) {
		d->z[i] = (double)i - 50;
		d->y[i] = i >= 50;
	}
}
static void z_varies(struct data *d)
{
	for (size_t i = 0; i < N; i++) {
		d->z[i] = (double)(i % 7);
		d->g[i] = (int32_t)(i % 3);
	}
}

static const struct error_case error_cases[] = {
    {"constant outcome", INTERCEPT "," LINEAR_X, y_constant, ANKER_E_BAD_VALUE,
     "the outcome is 1 for every case", "y", -1},
    {"missing outcome", INTERCEPT, y_missing, ANKER_E_MISSING_VALUE, "outcome is missing", "y", 42},
    {"outcome 2", INTERCEPT, y_two, ANKER_E_OUT_OF_RANGE, "must be 0 or 1", "y", 7},
    {"missing value, reject", INTERCEPT "," LINEAR_X, x_missing, ANKER_E_MISSING_VALUE, "", "x",
     13},
    {"level without cases", INTERCEPT "," CAT_G, NULL, ANKER_E_SINGULAR,
     "term 'cg' (level 'c'): no case has this level", "cg", -1},
    {"collinear", INTERCEPT "," LINEAR_X "," LINEAR_Z, NULL, ANKER_E_SINGULAR,
     "term 'lz' is a linear combination of term 'lx'", "lz", -1},
    {"quasi-complete separation", INTERCEPT "," LINEAR_X, y_separated_by_x, ANKER_E_SEPARATION,
     "quasi-complete separation: term 'lx'", "lx", -1},
    {"complete separation", INTERCEPT "," LINEAR_Z, y_separated_by_z, ANKER_E_SEPARATION,
     "term 'lz' keeps growing", "lz", -1},
    {"no intercept: the reference level stays fixed", CAT_G "," LINEAR_Z, z_varies, 0, "", NULL,
     -1},
};

static void test_errors(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_error *err = NULL;
	assert_int_equal(anker_error_new(&err), 0);
	for (size_t k = 0; k < sizeof(error_cases) / sizeof(error_cases[0]); k++) {
		const struct error_case *ec = &error_cases[k];
		struct data d;
		fill(&d);
		if (ec->change)
			ec->change(&d);
		struct anker_fit *fit = new_fit(ctx, "logit", ec->terms, &d);
		int rc = anker_fit_run(fit, N, err);
		if (rc != ec->code)
			fail_msg("%s: %d (%s)", ec->name, rc, anker_error_message(err));
		if (ec->code) {
			if (!strstr(anker_error_message(err), ec->words))
				fail_msg("%s: %s", ec->name, anker_error_message(err));
			assert_string_equal(anker_error_field(err), ec->field);
			assert_int_equal(anker_error_case_index(err), ec->case_index);
			assert_null(anker_fit_get_model_json(fit));
		}
		anker_fit_free(fit);
	}
	/* not converging: one iteration is not enough */
	struct data d;
	fill(&d);
	struct anker_fit *fit = new_fit(ctx, "logit", INTERCEPT "," LINEAR_X, &d);
	assert_int_equal(anker_fit_set_max_iterations(fit, 1), 0);
	assert_int_equal(anker_fit_run(fit, N, err), ANKER_E_NOT_CONVERGED);
	/* with a penalty, separation has an estimate */
	y_separated_by_x(&d);
	assert_int_equal(anker_fit_set_max_iterations(fit, 50), 0);
	assert_int_equal(anker_fit_set_l2(fit, 0.5), 0);
	assert_int_equal(anker_fit_run(fit, N, err), 0);
	assert_non_null(strstr(anker_fit_get_model_json(fit), "L2 penalty 0.5"));
	anker_fit_free(fit);
	anker_error_free(err);
	anker_ctx_unref(ctx);
}

/* Duration: the arguments, a Cox fit's checks, and Weibull without covariates. */
#define DURATION_SPEC                                                                              \
	"{'format': 'anker-model', 'format_version': 1, 'kind': 'duration', 'id': 'fit-d',"        \
	" 'name': 'Fit', 'version': '1', 'toets': 'BLIJF',"                                        \
	" 'outcome': {'description': 'on benefit', 'horizon_months': 3}, 'valid_from': "           \
	"'2026-01-01',"                                                                            \
	" 'provenance': {'statement': 'Test.', 'data': 'none', 'fitted_by': 'tests'},"             \
	" 'variables': [{'name': 'x', 'kind': 'boolean'}],"                                        \
	" 'terms': [{'type': 'linear', 'name': 'lx', 'label': 'x', 'variable': 'x', 'coef': 0}],"  \
	" 'horizons': [3], 'bands': {'boundary': 'lower', 'items': [{'name': 'a', 'upper': 0.5},"  \
	" {'name': 'b'}]}, 'survival': %s}"

static struct anker_fit *duration_fit(struct anker_ctx *ctx, const char *survival, double *x)
{
	char json[4096];
	snprintf(json, sizeof(json), DURATION_SPEC, survival);
	char *text = test_unquote(json);
	struct anker_fit *fit = NULL;
	assert_int_equal(anker_fit_new(ctx, text, strlen(text), "d.json", 0, NULL, &fit), 0);
	free(text);
	assert_int_equal(anker_batch_bind_f64(anker_fit_get_batch(fit), "x", x, 0), 0);
	return fit;
}

static void test_duration(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_error *err = NULL;
	assert_int_equal(anker_error_new(&err), 0);
	double x[N], t[N], e[N], w[N];
	for (size_t i = 0; i < N; i++) {
		x[i] = i % 2;
		t[i] = 1 + (double)(i % 10);
		e[i] = i % 3 != 0;
		w[i] = 1;
	}
	struct anker_fit *fit = duration_fit(
	    ctx, "{'form': 'cox', 'baseline': {'months': [1, 5], 'survival': [1, 1]}}", x);
	assert_int_equal(anker_fit_bind_time(NULL, "t", t, 0), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_fit_bind_time(fit, "t", NULL, 0), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_fit_set_ties(NULL, ANKER_FIT_TIES_EFRON), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_fit_set_ties(fit, 3), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_fit_bind_outcome(fit, "e", e, 0), 0);
	assert_int_equal(anker_fit_run(fit, N, err), ANKER_E_INVALID_ARGUMENT); /* no time */
	assert_int_equal(anker_fit_bind_time(fit, "t", t, 0), 0);
	assert_int_equal(anker_fit_bind_weights(fit, "w", w, 0), 0);
	assert_int_equal(anker_fit_run(fit, N, err), ANKER_E_INVALID_ARGUMENT); /* Efron, weights */
	assert_int_equal(anker_fit_set_ties(fit, ANKER_FIT_TIES_BRESLOW), 0);
	assert_int_equal(anker_fit_run(fit, N, err), 0);
	anker_model_unref(test_model_from_json(ctx, anker_fit_get_model_json(fit)));
	assert_non_null(strstr(anker_fit_get_stats_json(fit), "\"ties\": \"breslow\""));
	t[17] = -1;
	assert_int_equal(anker_fit_run(fit, N, err), ANKER_E_OUT_OF_RANGE);
	assert_int_equal(anker_error_case_index(err), 17);
	assert_string_equal(anker_error_field(err), "t");
	t[17] = 8;
	anker_fit_free(fit);

	/*
	 * Weibull: the score equation of the baseline's constant says that at the
	 * estimate the events equal the sum of the fitted cumulative hazards,
	 * sum(delta) = sum((t / scale)^shape exp(eta)), with the written shape and scale.
	 */
	fit = duration_fit(ctx, "{'form': 'weibull', 'shape': 1, 'scale': 5, 'max_months': 12}", x);
	assert_int_equal(anker_fit_bind_outcome(fit, "e", e, 0), 0);
	assert_int_equal(anker_fit_bind_time(fit, "t", t, 0), 0);
	assert_int_equal(anker_fit_run(fit, N, err), 0);
	struct anker_model *m = test_model_from_json(ctx, anker_fit_get_model_json(fit));
	double shape = 0, scale = 0;
	assert_int_equal(anker_model_get_weibull(m, &shape, &scale), 0);
	double est, se, sum_h = 0, events = 0;
	coefficient(fit, 0, &est, &se);
	for (size_t i = 0; i < N; i++) {
		sum_h += pow(t[i] / scale, shape) * exp(est * x[i]);
		events += e[i];
	}
	assert_float_equal(sum_h, events, 1e-8);
	anker_model_unref(m);
	anker_fit_free(fit);
	anker_error_free(err);
	anker_ctx_unref(ctx);
}

static void test_specification_errors(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_error *err = NULL;
	assert_int_equal(anker_error_new(&err), 0);
	struct anker_fit *fit = NULL;
	assert_int_equal(anker_fit_new(ctx, "{\n\"format\": ", 12, "spec.json", 0, err, &fit),
			 ANKER_E_SYNTAX);
	assert_string_equal(anker_error_file(err), "spec.json");
	assert_int_equal(anker_error_line(err), 2);
	char *text = NULL;
	size_t size = 0;
	FILE *f = fopen(test_source_path("data/models/demo-motivatie.json"), "rb");
	assert_non_null(f);
	text = malloc(1 << 20);
	size = fread(text, 1, 1 << 20, f);
	fclose(f);
	assert_int_equal(anker_fit_new(ctx, text, size, "q.json", 0, err, &fit),
			 ANKER_E_UNSUPPORTED);
	assert_non_null(strstr(anker_error_message(err), "only binary and duration models"));
	free(text);
	assert_null(fit);
	anker_error_free(err);
	anker_ctx_unref(ctx);
}

/* Every allocation through the context fails in turn: an error or the same fit, never a leak. */
static void test_allocation_failures(void **state)
{
	(void)state;
	struct data d;
	fill(&d);
	char json[4096];
	snprintf(json, sizeof(json), SPEC_HEAD " 'link': 'logit', 'terms': [%s]}",
		 INTERCEPT "," LINEAR_X "," CAT_G);
	char *text = test_unquote(json);
	d.g[5] = d.g[60] = 2; /* level c: one event, one non-event */
	bool done = false;
	for (size_t fail_after = 0; !done && fail_after < 100000; fail_after++) {
		struct anker_ctx *ctx = test_ctx_new_failing(fail_after);
		struct anker_fit *fit = NULL;
		int rc = anker_fit_new(ctx, text, strlen(text), "spec.json", 0, NULL, &fit);
		if (rc == 0) {
			struct anker_batch *b = anker_fit_get_batch(fit);
			rc = anker_batch_bind_f64(b, "x", d.x, 0);
			if (rc == 0)
				rc = anker_batch_bind_i32(b, "g", d.g, 0);
			if (rc == 0)
				rc = anker_batch_bind_f64(b, "z", d.z, 0);
			if (rc == 0)
				rc = anker_fit_bind_outcome(fit, "y", d.y, 0);
			if (rc == 0)
				rc = anker_fit_run(fit, N, NULL);
			done = rc == 0;
		}
		if (!done)
			assert_int_equal(rc, ANKER_E_NO_MEMORY);
		anker_fit_free(fit);
		anker_ctx_unref(ctx);
	}
	assert_true(done);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_intercept_only_logit_and_probit),
	    cmocka_unit_test(test_two_by_two_table_and_weights),
	    cmocka_unit_test(test_arguments),
	    cmocka_unit_test(test_errors),
	    cmocka_unit_test(test_specification_errors),
	    cmocka_unit_test(test_duration),
	    cmocka_unit_test(test_allocation_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
