/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Kind "duration" on hand-computed cases: the Cox step function exactly at
 * and between grid months, the median exactly at S = 1/2, the restricted
 * mean, conditional survival, horizons outside the grid, the band rule on
 * survival, the Weibull closed forms, failed cases and infinite hazards, the batch
 * scorer bit for bit against the single-case one, and the accessors.
 * Every expected value is worked out by hand (or with libm's erf) in the
 * comments, not taken from the library.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "test-util.h"

/* eta = x (coefficient 1); S0 = 0.9, 0.8, 0.6, 0.5, 0.25 from months 1, 2, 4, 6, 12. */
#define COX_HEAD                                                                                   \
	"{'format': 'anker-model', 'format_version': 1, 'kind': 'duration',"                       \
	" 'id': 'hand-cox', 'name': 'Hand', 'version': '1', 'toets': 'BLIJF',"                     \
	" 'outcome': {'description': 'Still on benefit', 'horizon_months': 6},"                     \
	" 'valid_from': '2026-01-01',"                                                              \
	" 'provenance': {'statement': 'Test.', 'data': 'None', 'fitted_by': 'Hand'},"               \
	" 'variables': [{'name': 'x', 'kind': 'numeric', 'range': [-1e15, 1e15]},"                  \
	"               {'name': 'y', 'kind': 'numeric', 'range': [-10, 10]}],"                      \
	" 'terms': [{'type': 'linear', 'name': 'x', 'label': 'X', 'variable': 'x', 'coef': 1},"     \
	"           {'type': 'linear', 'name': 'y', 'label': 'Y', 'variable': 'y', 'coef': 1e15}],"
#define COX_BASELINE                                                                               \
	" 'survival': {'form': 'cox', 'baseline': {'months': [1, 2, 4, 6, 12],"                     \
	"              'survival': [0.9, 0.8, 0.6, 0.5, 0.25]}},"                                  \
	" 'horizons': [3, 6, 12],"
#define BANDS(boundary)                                                                            \
	" 'bands': {'boundary': '" boundary "', 'items': [{'name': 'low', 'upper': 0.5},"           \
	"                                            {'name': 'high'}]}}"

static const char cox_model[] = COX_HEAD COX_BASELINE BANDS("lower");
static const char cox_model_upper[] = COX_HEAD COX_BASELINE BANDS("upper");
/* shape 2, scale 10, max 30: S(t) = exp(-(t/10)^2 e^x) */
static const char weibull_model[] = COX_HEAD
	" 'survival': {'form': 'weibull', 'shape': 2, 'scale': 10, 'max_months': 30},"
	" 'horizons': [3, 6, 12]," BANDS("lower");

static const char binary_model[] =
	"{'format': 'anker-model', 'format_version': 1, 'kind': 'binary',"
	" 'id': 'b', 'name': 'B', 'version': '1', 'toets': 'AMT',"
	" 'outcome': {'description': 'Works', 'horizon_months': 6}, 'valid_from': '2026-01-01',"
	" 'provenance': {'statement': 'Test.', 'data': 'None', 'fitted_by': 'Hand'},"
	" 'variables': [{'name': 'x', 'kind': 'numeric', 'range': [-10, 10]}], 'link': 'logit',"
	" 'terms': [{'type': 'linear', 'name': 'x', 'label': 'X', 'variable': 'x', 'coef': 1}],"
	" 'bands': {'boundary': 'lower', 'items': [{'name': 'all'}]}}";

static void score_xy(struct test_fixture *f, double x, double y)
{
	anker_case_clear(f->c);
	assert_int_equal(anker_case_set_number(f->c, "x", x), 0);
	assert_int_equal(anker_case_set_number(f->c, "y", y), 0);
	assert_int_equal(anker_model_score(f->model, f->c, 0, f->res, f->err), 0);
}

static double output(struct test_fixture *f, const char *name)
{
	int k = anker_model_find_output(f->model, name);
	assert_true(k >= 0);
	return anker_result_get_number(f->res, (size_t)k);
}

static int band(struct test_fixture *f)
{
	return anker_result_get_level(f->res, (size_t)anker_model_find_output(f->model, "band"));
}

#define S(t) anker_result_get_survival(f->res, 0.0, (t))
#define REL 1e-15

static void test_cox_step_function(void **state)
{
	(void)state;
	struct test_fixture *f = test_fixture_new(cox_model);
	score_xy(f, 0.0, 0.0); /* hazard ratio 1: S = S0 */
	assert_true(S(0.0) == 1.0);
	assert_true(S(0.999) == 1.0); /* before the first grid month nobody has left */
	assert_close(S(1.0), 0.9, REL);
	assert_close(S(1.5), 0.9, REL);
	assert_close(S(1.999999), 0.9, REL);
	assert_close(S(2.0), 0.8, REL); /* right-continuous: the step is taken at 2 */
	assert_close(S(3.0), 0.8, REL);
	assert_close(S(4.0), 0.6, REL);
	assert_close(S(11.99), 0.5, REL);
	assert_close(S(12.0), 0.25, REL); /* the last grid month is inside */
	assert_true(isnan(S(12.0001)));	  /* beyond the grid: undefined */
	assert_true(isnan(S(-0.5)));
	assert_true(isnan(S(NAN)));
	assert_true(isnan(S(INFINITY)));
	/* the outputs at the horizons are the same numbers */
	assert_true(output(f, "survival_3") == S(3.0));
	assert_true(output(f, "survival_12") == S(12.0));
	assert_close(output(f, "exit_3"), 0.2, 1e-14);
	assert_true(output(f, "log_relative_hazard") == 0.0);

	/* x = log 2: S = S0^2 */
	score_xy(f, log(2.0), 0.0);
	assert_close(S(1.0), 0.81, 1e-14);
	assert_close(S(6.0), 0.25, 1e-14);
	assert_close(S(12.0), 0.0625, 1e-14);
	assert_close(output(f, "exit_6"), 0.75, 1e-14);
	test_fixture_free(f);
}

static void test_cox_median_and_mean(void **state)
{
	(void)state;
	struct test_fixture *f = test_fixture_new(cox_model);
	score_xy(f, 0.0, 0.0);
	/* S(6) = 0.5 exactly at the boundary: the median is 6, not 12 */
	assert_true(S(6.0) == 0.5);
	assert_true(output(f, "median_months") == 6.0);
	/* 1 * 1 + 0.9 * 1 + 0.8 * 2 + 0.6 * 2 + 0.5 * 6 = 7.7 */
	assert_close(output(f, "rmst_months"), 7.7, 1e-14);

	/* x = log 2: S = 0.81, 0.64, 0.36, 0.25, 0.0625: median 4; mean
	 * 1 + 0.81 + 0.64 * 2 + 0.36 * 2 + 0.25 * 6 = 5.31 */
	score_xy(f, log(2.0), 0.0);
	assert_true(output(f, "median_months") == 4.0);
	assert_close(output(f, "rmst_months"), 5.31, 1e-14);

	/* x = -log 2: S(12) = sqrt(0.25) = 0.5 exactly reached at the last month */
	score_xy(f, -log(2.0), 0.0);
	assert_close(S(12.0), 0.5, 1e-15);
	/* x = -1: S(12) = 0.25^(1/e) = 0.60 > 1/2: beyond the grid */
	score_xy(f, -1.0, 0.0);
	assert_true(isinf(output(f, "median_months")) && output(f, "median_months") > 0);
	test_fixture_free(f);
}

static void test_conditional(void **state)
{
	(void)state;
	struct test_fixture *f = test_fixture_new(cox_model);
	score_xy(f, 0.0, 0.0);
	/* given still on benefit at 2 (S = 0.8): S(12 | 2) = 0.25 / 0.8 */
	assert_close(anker_result_get_survival(f->res, 2.0, 12.0), 0.3125, 1e-14);
	assert_close(anker_result_get_survival(f->res, 2.0, 3.0), 1.0, 1e-15);
	assert_close(anker_result_get_survival(f->res, 1.5, 6.0), 0.5 / 0.9, 1e-14);
	assert_true(anker_result_get_survival(f->res, 6.0, 6.0) == 1.0);
	assert_true(anker_result_get_survival(f->res, 0.0, 6.0) == S(6.0));
	assert_true(isnan(anker_result_get_survival(f->res, 6.0, 2.0)));  /* t < s */
	assert_true(isnan(anker_result_get_survival(f->res, 2.0, 13.0))); /* beyond */
	assert_true(isnan(anker_result_get_survival(f->res, 13.0, 14.0)));
	assert_true(isnan(anker_result_get_survival(f->res, -1.0, 2.0)));
	assert_true(isnan(anker_result_get_survival(f->res, NAN, 2.0)));
	/* x = log 2: (0.25 / 0.64) */
	score_xy(f, log(2.0), 0.0);
	assert_close(anker_result_get_survival(f->res, 2.0, 6.0), 0.25 / 0.64, 1e-14);
	test_fixture_free(f);
}

static void test_band_boundary(void **state)
{
	(void)state;
	/* survival_6 is exactly 0.5 for x = 0; "lower" puts it in the band below */
	struct test_fixture *f = test_fixture_new(cox_model);
	score_xy(f, 0.0, 0.0);
	assert_int_equal(band(f), 0);
	score_xy(f, -0.01, 0.0); /* S(6) slightly above 1/2 */
	assert_int_equal(band(f), 1);
	test_fixture_free(f);
	f = test_fixture_new(cox_model_upper);
	score_xy(f, 0.0, 0.0);
	assert_int_equal(band(f), 1);
	score_xy(f, 0.01, 0.0);
	assert_int_equal(band(f), 0);
	test_fixture_free(f);
}

static void test_weibull(void **state)
{
	(void)state;
	struct test_fixture *f = test_fixture_new(weibull_model);
	score_xy(f, 0.0, 0.0);
	assert_close(S(10.0), exp(-1.0), 1e-15);
	assert_close(S(3.0), exp(-0.09), 1e-15);
	assert_close(S(30.0), exp(-9.0), 1e-14);
	assert_true(isnan(S(30.5)));
	/* median 10 sqrt(log 2) */
	assert_close(output(f, "median_months"), 10.0 * sqrt(log(2.0)), 1e-15);
	/* the integral of exp(-(t/10)^2) over [0, 30] is 5 sqrt(pi) erf(3) */
	assert_close(output(f, "rmst_months"), 5.0 * sqrt(M_PI) * erf(3.0), 1e-14);
	/* x = log 4: S(t) = exp(-(t/5)^2), median 5 sqrt(log 2), mean 2.5 sqrt(pi) erf(6) */
	score_xy(f, log(4.0), 0.0);
	assert_close(S(5.0), exp(-1.0), 1e-14);
	assert_close(output(f, "median_months"), 5.0 * sqrt(log(2.0)), 1e-14);
	assert_close(output(f, "rmst_months"), 2.5 * sqrt(M_PI) * erf(6.0), 1e-14);
	/* conditional: exp(-(20^2 - 10^2) / 25) */
	assert_close(anker_result_get_survival(f->res, 10.0, 20.0), exp(-12.0), 1e-14);
	/* x = -5: the median 10 sqrt(e^5 log 2) = 101 is beyond max_months */
	score_xy(f, -5.0, 0.0);
	assert_true(isinf(output(f, "median_months")));
	test_fixture_free(f);
}

static void test_extremes(void **state)
{
	(void)state;
	struct test_fixture *f = test_fixture_new(cox_model);
	/* eta = 1e15 * 10: the hazard ratio is infinite: everyone has left at the first
	 * exit month, and nobody before it */
	score_xy(f, 0.0, 10.0);
	assert_true(S(0.5) == 1.0);
	assert_true(S(1.0) == 0.0);
	assert_true(output(f, "median_months") == 1.0);
	assert_true(output(f, "rmst_months") == 1.0);
	assert_true(output(f, "exit_12") == 1.0);
	/* eta = -1e16: nobody ever leaves */
	score_xy(f, 0.0, -10.0);
	assert_true(S(12.0) == 1.0);
	assert_true(isinf(output(f, "median_months")));
	assert_true(output(f, "rmst_months") == 12.0);
	test_fixture_free(f);

	/* the same for a Weibull model: S(0) = 1, then 0 at once */
	f = test_fixture_new(weibull_model);
	score_xy(f, 0.0, 10.0);
	assert_true(S(0.0) == 1.0);
	assert_true(S(1.0) == 0.0);
	assert_true(output(f, "median_months") == 0.0);
	assert_true(output(f, "rmst_months") == 0.0);
	score_xy(f, 0.0, -10.0);
	assert_true(S(30.0) == 1.0);
	assert_true(output(f, "rmst_months") == 30.0);
	test_fixture_free(f);
}

/*
 * A failed case gets NaN in every number output and caller query and -1 in the
 * band. (The loader's limits keep every linear predictor finite, so a case
 * fails only for its values.)
 */
static void test_failed_cases(void **state)
{
	(void)state;
	struct test_fixture *f = test_fixture_new(cox_model);
	anker_case_clear(f->c);
	assert_int_equal(anker_case_set_number(f->c, "x", 0.0), 0);
	assert_int_equal(anker_case_set_number(f->c, "y", 11.0), 0); /* above the range */
	assert_int_equal(anker_model_score(f->model, f->c, 0, f->res, f->err),
			 ANKER_E_OUT_OF_RANGE);
	assert_true(isnan(anker_result_get_survival(f->res, 0.0, 3.0))); /* still empty */

	struct anker_batch *b = NULL;
	double x[3] = {0.0, 0.0, 0.0}, y[3] = {11.0, 10.0, 0.0};
	double s6[3], q[3], med[3];
	int32_t bands[3], status[3];
	assert_int_equal(anker_batch_new(f->model, 0, &b), 0);
	assert_int_equal(anker_batch_bind_f64(b, "x", x, 0), 0);
	assert_int_equal(anker_batch_bind_f64(b, "y", y, 0), 0);
	assert_int_equal(anker_batch_bind_output_f64(b, "survival_6", s6), 0);
	assert_int_equal(anker_batch_bind_output_f64(b, "median_months", med), 0);
	assert_int_equal(anker_batch_bind_output_i32(b, "band", bands), 0);
	assert_int_equal(anker_batch_bind_survival(b, 2.0, 12.0, q), 0);
	assert_int_equal(anker_batch_run(b, 3, status, f->err), 0);
	assert_int_equal(status[0], ANKER_E_OUT_OF_RANGE);
	assert_true(isnan(s6[0]) && isnan(q[0]) && isnan(med[0]) && bands[0] == -1);
	assert_int_equal(status[1], 0);
	/* y = 10: eta = 1e16, an infinite hazard ratio */
	assert_true(s6[1] == 0.0 && q[1] == 0.0 && med[1] == 1.0 && bands[1] == 0);
	assert_int_equal(status[2], 0);
	assert_close(s6[2], 0.5, 1e-15);
	assert_close(q[2], 0.3125, 1e-14);
	/* without status, the first failure fails the call */
	assert_int_equal(anker_batch_run(b, 3, NULL, f->err), ANKER_E_OUT_OF_RANGE);
	anker_batch_free(b);
	test_fixture_free(f);
}

/* Every output and caller query of the batch equals the single-case result, bit for bit. */
static void check_batch_identical(const char *model_text)
{
	struct test_fixture *f = test_fixture_new(model_text);
	enum { N = 1000, NQ = 3 };
	static const double queries[NQ][2] = {{0.0, 7.5}, {7.0, 12.0}, {2.0, 2.0}};
	double *x = malloc(N * sizeof(double)), *y = malloc(N * sizeof(double));
	size_t no = anker_model_get_output_count(f->model);
	double *num = malloc(no * N * sizeof(double));
	int32_t *lev = malloc(no * N * sizeof(int32_t));
	double *q = malloc(NQ * N * sizeof(double));
	size_t nt = anker_model_get_term_count(f->model);
	double *contrib = malloc(N * nt * sizeof(double));
	assert_true(x && y && num && lev && q && contrib);
	for (size_t i = 0; i < N; i++) {
		x[i] = -4.0 + 8.0 * (double)i / N + 1e-3 * (double)(i % 7);
		y[i] = (i % 5 == 0) ? 0.0 : 1e-16 * (double)(i % 11);
	}
	struct anker_batch *b = NULL;
	assert_int_equal(anker_batch_new(f->model, 0, &b), 0);
	assert_int_equal(anker_batch_bind_f64(b, "x", x, 0), 0);
	assert_int_equal(anker_batch_bind_f64(b, "y", y, 0), 0);
	for (size_t k = 0; k < no; k++) {
		const char *name = anker_model_get_output_name(f->model, k);
		if (anker_model_get_output_type(f->model, k) == ANKER_OUTPUT_LEVEL)
			assert_int_equal(anker_batch_bind_output_i32(b, name, lev + k * N), 0);
		else
			assert_int_equal(anker_batch_bind_output_f64(b, name, num + k * N), 0);
	}
	for (size_t j = 0; j < NQ; j++)
		assert_int_equal(anker_batch_bind_survival(b, queries[j][0], queries[j][1], q + j * N),
				 0);
	assert_int_equal(anker_batch_bind_contributions(b, contrib), 0);
	assert_int_equal(anker_batch_run(b, N, NULL, f->err), 0);
	for (size_t i = 0; i < N; i++) {
		score_xy(f, x[i], y[i]);
		for (size_t k = 0; k < no; k++) {
			if (anker_model_get_output_type(f->model, k) == ANKER_OUTPUT_LEVEL) {
				assert_int_equal(lev[k * N + i], anker_result_get_level(f->res, k));
				continue;
			}
			double single = anker_result_get_number(f->res, k);
			assert_memory_equal(&num[k * N + i], &single, sizeof(double));
		}
		for (size_t j = 0; j < NQ; j++) {
			double single =
			    anker_result_get_survival(f->res, queries[j][0], queries[j][1]);
			assert_memory_equal(&q[j * N + i], &single, sizeof(double));
		}
		for (size_t t = 0; t < nt; t++)
			assert_true(contrib[i * nt + t] == anker_result_get_contribution(f->res, t));
	}
	anker_batch_free(b);
	free(x), free(y), free(num), free(lev), free(q), free(contrib);
	test_fixture_free(f);
}

static void test_batch_identical(void **state)
{
	(void)state;
	check_batch_identical(cox_model);
	check_batch_identical(cox_model_upper);
	check_batch_identical(weibull_model);
}

static void test_bind_survival(void **state)
{
	(void)state;
	struct test_fixture *f = test_fixture_new(cox_model);
	struct anker_batch *b = NULL;
	double v[4][2];
	assert_int_equal(anker_batch_new(f->model, 0, &b), 0);
	assert_int_equal(anker_batch_bind_survival(b, 0.0, 13.0, v[0]), ANKER_E_OUT_OF_RANGE);
	assert_int_equal(anker_batch_bind_survival(b, 6.0, 3.0, v[0]), ANKER_E_OUT_OF_RANGE);
	assert_int_equal(anker_batch_bind_survival(b, -1.0, 3.0, v[0]), ANKER_E_OUT_OF_RANGE);
	assert_int_equal(anker_batch_bind_survival(b, 0.0, NAN, v[0]), ANKER_E_OUT_OF_RANGE);
	assert_int_equal(anker_batch_bind_survival(b, 0.0, 3.0, NULL), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_batch_bind_survival(NULL, 0.0, 3.0, v[0]),
			 ANKER_E_INVALID_ARGUMENT);
	/* up to ANKER_BATCH_SURVIVAL_MAX different queries; a repeated one replaces its array */
	static double arrays[ANKER_BATCH_SURVIVAL_MAX + 1][1];
	for (int i = 0; i < ANKER_BATCH_SURVIVAL_MAX; i++)
		assert_int_equal(anker_batch_bind_survival(b, 0.0, 0.5 * (i + 1), arrays[i]), 0);
	assert_int_equal(anker_batch_bind_survival(b, 0.0, 0.5, arrays[0]), 0);
	assert_int_equal(anker_batch_bind_survival(b, 1.0, 2.0, arrays[ANKER_BATCH_SURVIVAL_MAX]),
			 ANKER_E_TOO_LARGE);
	/* unbind_all forgets them */
	anker_batch_unbind_all(b);
	assert_int_equal(anker_batch_bind_survival(b, 1.0, 2.0, v[1]), 0);
	anker_batch_free(b);
	test_fixture_free(f);

	/* a binary model has no survival function */
	f = test_fixture_new(binary_model);
	assert_int_equal(anker_batch_new(f->model, 0, &b), 0);
	assert_int_equal(anker_batch_bind_survival(b, 0.0, 3.0, v[0]), ANKER_E_UNSUPPORTED);
	anker_batch_free(b);
	assert_int_equal(anker_case_set_number(f->c, "x", 0.0), 0);
	assert_int_equal(anker_model_score(f->model, f->c, 0, f->res, f->err), 0);
	assert_true(isnan(anker_result_get_survival(f->res, 0.0, 3.0)));
	assert_int_equal(anker_model_get_survival_form(f->model), ANKER_E_NOT_FOUND);
	assert_true(isnan(anker_model_get_max_months(f->model)));
	assert_int_equal(anker_model_get_horizon_count(f->model), 0);
	assert_int_equal(anker_model_get_horizon(f->model, 0), ANKER_E_NOT_FOUND);
	assert_int_equal(anker_model_get_baseline_count(f->model), 0);
	assert_int_equal(anker_model_get_weibull(f->model, NULL, NULL), ANKER_E_NOT_FOUND);
	test_fixture_free(f);
	struct anker_result *empty = NULL;
	struct anker_ctx *ctx = test_ctx_new();
	assert_int_equal(anker_result_new(ctx, &empty), 0);
	assert_true(isnan(anker_result_get_survival(empty, 0.0, 1.0)));
	assert_true(isnan(anker_result_get_survival(NULL, 0.0, 1.0)));
	anker_result_free(empty);
	anker_ctx_unref(ctx);
}

static void test_accessors(void **state)
{
	(void)state;
	struct test_fixture *f = test_fixture_new(cox_model);
	struct anker_model *m = f->model;
	assert_int_equal(anker_model_get_kind(m), ANKER_MODEL_DURATION);
	assert_int_equal(anker_model_get_survival_form(m), ANKER_SURVIVAL_COX);
	assert_string_equal(anker_survival_form_name(ANKER_SURVIVAL_COX), "cox");
	assert_string_equal(anker_survival_form_name(ANKER_SURVIVAL_WEIBULL), "weibull");
	assert_null(anker_survival_form_name(0));
	assert_true(anker_model_get_max_months(m) == 12.0);
	assert_int_equal(anker_model_get_horizon_count(m), 3);
	assert_int_equal(anker_model_get_horizon(m, 2), 12);
	assert_int_equal(anker_model_get_horizon(m, 3), ANKER_E_NOT_FOUND);
	assert_int_equal(anker_model_get_baseline_count(m), 5);
	double month = 0, s0 = 0;
	assert_int_equal(anker_model_get_baseline(m, 3, &month, &s0), 0);
	assert_true(month == 6.0 && s0 == 0.5);
	assert_int_equal(anker_model_get_baseline(m, 5, &month, &s0), ANKER_E_NOT_FOUND);
	assert_int_equal(anker_model_get_weibull(m, NULL, NULL), ANKER_E_NOT_FOUND);
	assert_int_equal(anker_model_get_link(m), ANKER_E_NOT_FOUND);
	/* the outputs, in their documented order */
	static const char *const names[] = {"survival_3", "survival_6", "survival_12", "exit_3",
					    "exit_6", "exit_12", "median_months", "rmst_months",
					    "log_relative_hazard", "band"};
	assert_int_equal(anker_model_get_output_count(m), 10);
	for (size_t k = 0; k < 10; k++)
		assert_string_equal(anker_model_get_output_name(m, k), names[k]);
	assert_int_equal(anker_model_get_output_type(m, 9), ANKER_OUTPUT_LEVEL);
	test_fixture_free(f);

	f = test_fixture_new(weibull_model);
	double shape = 0, scale = 0;
	assert_int_equal(anker_model_get_weibull(f->model, &shape, &scale), 0);
	assert_true(shape == 2.0 && scale == 10.0);
	assert_true(anker_model_get_max_months(f->model) == 30.0);
	assert_int_equal(anker_model_get_baseline_count(f->model), 0);
	assert_int_equal(anker_model_get_survival_form(NULL), ANKER_E_INVALID_ARGUMENT);
	test_fixture_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cox_step_function),
		cmocka_unit_test(test_cox_median_and_mean),
		cmocka_unit_test(test_conditional),
		cmocka_unit_test(test_band_boundary),
		cmocka_unit_test(test_weibull),
		cmocka_unit_test(test_extremes),
		cmocka_unit_test(test_failed_cases),
		cmocka_unit_test(test_batch_identical),
		cmocka_unit_test(test_bind_survival),
		cmocka_unit_test(test_accessors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
