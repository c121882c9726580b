/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Named outputs: what a binary model declares (names, labels, types, the
 * band's levels), single-case results read by output index, and batches whose
 * outputs are bound by name and scored with anker_batch_run().
 *
 * The values are held to numbers found without the library:
 * tests/golden/expected-full-model*.csv, which tests/golden/reference_scorer.py
 * (numpy) computes for the cases of tests/golden/cases-full-model.csv on the
 * model of tests/test-full-model.h (the golden suite re-checks those files).
 * anker_batch_run() must also agree bit for bit with anker_batch_score(), the
 * shortcut whose behaviour tests/test-batch.c pins, on every output, status,
 * per-case output and error.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test-full-model.h"
#include "test-util.h"

static const char full_model[] =
    "{'format':'anker-model','format_version':1,'kind':'binary','id':'outputs-test',"
    "'name':'Outputs test','version':'1.0.0','toets':'AMT',"
    "'outcome':{'description':'work within 6 months','horizon_months':6},"
    "'valid_from':'2026-01-01','provenance':{'statement':'Test model, not an official UWV "
    "model.','data':'none','fitted_by':'libanker tests'}," TEST_FULL_MODEL_BODY;

#define N_TERMS	 10
#define N_GOLDEN 17

/* What docs/model-format.md ("Outputs") says a binary model declares, in this order. */
#define PROBABILITY	 0
#define LINEAR_PREDICTOR 1
#define BAND		 2

/* The declaration */

static void test_declared(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_model *model = test_model_from_quoted(ctx, full_model);

	assert_int_equal(anker_model_get_output_count(model), 3);
	static const char *const names[] = {"probability", "linear_predictor", "band"};
	static const char *const labels[] = {"Probability of the outcome",
					     "Linear predictor (the link's scale)",
					     "Band of the probability"};
	static const int types[] = {ANKER_OUTPUT_NUMBER, ANKER_OUTPUT_NUMBER, ANKER_OUTPUT_LEVEL};
	for (size_t i = 0; i < 3; i++) {
		assert_string_equal(anker_model_get_output_name(model, i), names[i]);
		assert_string_equal(anker_model_get_output_label(model, i), labels[i]);
		assert_int_equal(anker_model_get_output_type(model, i), types[i]);
		assert_int_equal(anker_model_find_output(model, names[i]), (int)i);
	}
	assert_string_equal(anker_output_type_name(ANKER_OUTPUT_NUMBER), "number");
	assert_string_equal(anker_output_type_name(ANKER_OUTPUT_LEVEL), "level");
	assert_null(anker_output_type_name(0));
	assert_null(anker_output_type_name(3));
	long long value = 0;
	assert_int_equal(anker_constant_lookup("ANKER_OUTPUT_NUMBER", &value), 0);
	assert_int_equal(value, 1);
	assert_int_equal(anker_constant_lookup("ANKER_OUTPUT_LEVEL", &value), 0);
	assert_int_equal(value, 2);

	/* the band's levels are the model's bands, labelled with their names when unlabelled */
	static const char *const bands[] = {"low", "mid", "high", "top"};
	assert_int_equal(anker_model_get_output_level_count(model, BAND), 4);
	for (size_t l = 0; l < 4; l++) {
		assert_string_equal(anker_model_get_output_level_name(model, BAND, l), bands[l]);
		assert_string_equal(anker_model_get_output_level_label(model, BAND, l), bands[l]);
	}
	assert_null(anker_model_get_output_level_name(model, BAND, 4));
	assert_null(anker_model_get_output_level_label(model, BAND, 4));
	/* numbers have no levels */
	assert_int_equal(anker_model_get_output_level_count(model, PROBABILITY), 0);
	assert_null(anker_model_get_output_level_name(model, PROBABILITY, 0));
	assert_null(anker_model_get_output_level_label(model, LINEAR_PREDICTOR, 0));

	/* out of range, unknown, NULL */
	assert_null(anker_model_get_output_name(model, 3));
	assert_null(anker_model_get_output_label(model, 3));
	assert_int_equal(anker_model_get_output_type(model, 3), ANKER_E_NOT_FOUND);
	assert_int_equal(anker_model_get_output_level_count(model, 3), 0);
	assert_null(anker_model_get_output_level_name(model, 3, 0));
	assert_int_equal(anker_model_find_output(model, "Probability"), ANKER_E_NOT_FOUND);
	assert_int_equal(anker_model_find_output(model, "survival_12"), ANKER_E_NOT_FOUND);
	assert_int_equal(anker_model_find_output(model, ""), ANKER_E_NOT_FOUND);
	assert_int_equal(anker_model_find_output(model, NULL), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_model_find_output(NULL, "band"), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_model_get_output_count(NULL), 0);
	assert_null(anker_model_get_output_name(NULL, 0));
	assert_null(anker_model_get_output_label(NULL, 0));
	assert_int_equal(anker_model_get_output_type(NULL, 0), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_model_get_output_level_count(NULL, BAND), 0);
	assert_null(anker_model_get_output_level_label(NULL, BAND, 0));

	anker_model_unref(model);
	anker_ctx_unref(ctx);
}

/* A binary model's contributions are its terms: same count, names and labels, in term order. */
static void test_contributions_are_terms(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_model *model = test_model_from_quoted(ctx, full_model);
	assert_int_equal(anker_model_get_contribution_count(model), N_TERMS);
	assert_int_equal(anker_model_get_term_count(model), N_TERMS);
	for (size_t i = 0; i < N_TERMS; i++) {
		assert_string_equal(anker_model_get_contribution_name(model, i),
				    anker_model_get_term_name(model, i));
		assert_string_equal(anker_model_get_contribution_label(model, i),
				    anker_model_get_term_label(model, i));
	}
	assert_null(anker_model_get_contribution_name(model, N_TERMS));
	assert_null(anker_model_get_contribution_label(model, N_TERMS));
	assert_int_equal(anker_model_get_contribution_count(NULL), 0);
	assert_null(anker_model_get_contribution_name(NULL, 0));
	assert_null(anker_model_get_contribution_label(NULL, 0));
	/* a binary model has an outcome */
	assert_int_equal(anker_model_get_horizon_months(model), 6);
	assert_string_equal(anker_model_get_outcome(model), "work within 6 months");
	anker_model_unref(model);
	anker_ctx_unref(ctx);
}

/* The labels of a file's bands are the band output's level labels, as the file writes them. */
static void test_declared_labels(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_model *model = NULL;
	assert_int_equal(anker_model_load_file(
			     ctx, test_source_path("data/models/demo-amt-6m.json"), NULL, &model),
			 0);
	int band = anker_model_find_output(model, "band");
	assert_int_equal(band, BAND);
	static const char *const names[] = {"low", "moderate", "reasonable", "good"};
	static const char *const labels[] = {"Low chance (0-25%)", "Moderate chance (25-50%)",
					     "Reasonable chance (50-75%)", "Good chance (75-100%)"};
	assert_int_equal(anker_model_get_output_level_count(model, BAND), 4);
	for (size_t l = 0; l < 4; l++) {
		assert_string_equal(anker_model_get_output_level_name(model, BAND, l), names[l]);
		assert_string_equal(anker_model_get_output_level_label(model, BAND, l), labels[l]);
	}
	anker_model_unref(model);
	anker_ctx_unref(ctx);
}

/* The golden cases, as a case or as columns */

static const char *const golden_numbers[] = {"age", "hours", "months", "female", "care_duties"};
static const char *const golden_levels[] = {"education", "region", "sector"};

/* Row @p row of the cases file as a case: an empty cell is never set, NA is set missing. */
static void case_from_row(struct anker_case *c, const struct test_csv *cases, size_t row)
{
	anker_case_clear(c);
	for (size_t v = 0; v < 5; v++) {
		const char *cell = test_csv_cell(cases, row, golden_numbers[v]);
		if (strcmp(cell, "NA") == 0)
			assert_int_equal(anker_case_set_missing(c, golden_numbers[v]), 0);
		else if (v >= 3)
			assert_int_equal(
			    anker_case_set_bool(c, golden_numbers[v], test_csv_number(cell) != 0),
			    0);
		else if (*cell)
			assert_int_equal(
			    anker_case_set_number(c, golden_numbers[v], test_csv_number(cell)), 0);
	}
	for (size_t v = 0; v < 3; v++) {
		const char *cell = test_csv_cell(cases, row, golden_levels[v]);
		if (!test_csv_missing(cell))
			assert_int_equal(anker_case_set_level(c, golden_levels[v], cell), 0);
	}
}

struct columns {
	size_t n;
	double *number[5];     /* as golden_numbers; NaN for missing */
	const char **level[3]; /* as golden_levels; NULL for missing */
};

static struct columns *columns_from_csv(const struct test_csv *cases)
{
	struct columns *cols = calloc(1, sizeof(*cols));
	assert_non_null(cols);
	cols->n = cases->rows - 1;
	for (size_t v = 0; v < 5; v++) {
		assert_non_null(cols->number[v] = calloc(cols->n, sizeof(double)));
		for (size_t i = 0; i < cols->n; i++) {
			const char *cell = test_csv_cell(cases, i + 1, golden_numbers[v]);
			cols->number[v][i] = test_csv_missing(cell) ? NAN : test_csv_number(cell);
		}
	}
	for (size_t v = 0; v < 3; v++) {
		assert_non_null(cols->level[v] = calloc(cols->n, sizeof(char *)));
		for (size_t i = 0; i < cols->n; i++) {
			const char *cell = test_csv_cell(cases, i + 1, golden_levels[v]);
			cols->level[v][i] = test_csv_missing(cell) ? NULL : cell;
		}
	}
	return cols;
}

static void columns_free(struct columns *cols)
{
	for (size_t v = 0; v < 5; v++)
		free(cols->number[v]);
	for (size_t v = 0; v < 3; v++)
		free(cols->level[v]);
	free(cols);
}

static void bind_columns(struct anker_batch *b, const struct columns *cols)
{
	for (size_t v = 0; v < 5; v++)
		assert_int_equal(anker_batch_bind_f64(b, golden_numbers[v], cols->number[v], 0), 0);
	for (size_t v = 0; v < 3; v++)
		assert_int_equal(anker_batch_bind_strings(b, golden_levels[v], cols->level[v], 0),
				 0);
}

/* Single-case results */

static void test_result(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_model *model = test_model_from_quoted(ctx, full_model);
	struct test_csv *cases = test_csv_read("tests/golden/cases-full-model.csv");
	struct test_csv *want = test_csv_read("tests/golden/expected-full-model.csv");
	assert_int_equal(cases->rows - 1, N_GOLDEN);
	struct anker_case *c = NULL;
	struct anker_result *res = NULL;
	assert_int_equal(anker_case_new(ctx, &c), 0);
	assert_int_equal(anker_result_new(ctx, &res), 0);

	/* empty */
	assert_true(isnan(anker_result_get_number(res, PROBABILITY)));
	assert_int_equal(anker_result_get_level(res, BAND), ANKER_E_NOT_FOUND);
	assert_true(isnan(anker_result_get_number(NULL, PROBABILITY)));
	assert_int_equal(anker_result_get_level(NULL, BAND), ANKER_E_INVALID_ARGUMENT);

	for (size_t row = 1; row <= N_GOLDEN; row++) {
		case_from_row(c, cases, row);
		assert_int_equal(anker_model_score(model, c, 0, res, NULL), 0);
		double p = anker_result_get_number(res, PROBABILITY);
		double lp = anker_result_get_number(res, LINEAR_PREDICTOR);
		int band = anker_result_get_level(res, BAND);
		assert_close(p, test_csv_number(test_csv_cell(want, row, "probability")), 1e-12);
		assert_close(lp, test_csv_number(test_csv_cell(want, row, "linear_predictor")),
			     1e-12);
		assert_true(band >= 0);
		assert_string_equal(anker_model_get_output_level_name(model, BAND, (size_t)band),
				    test_csv_cell(want, row, "band"));
		/* the shortcuts read the same outputs */
		assert_bits_equal(anker_result_get_probability(res), p);
		assert_bits_equal(anker_result_get_linear_predictor(res), lp);
		assert_int_equal(anker_result_get_band(res), band);
		assert_string_equal(anker_result_get_band_name(res),
				    test_csv_cell(want, row, "band"));
	}

	/* a type the output does not have, an index out of range */
	assert_true(isnan(anker_result_get_number(res, BAND)));
	assert_int_equal(anker_result_get_level(res, PROBABILITY), ANKER_E_TYPE_MISMATCH);
	assert_int_equal(anker_result_get_level(res, LINEAR_PREDICTOR), ANKER_E_TYPE_MISMATCH);
	assert_true(isnan(anker_result_get_number(res, 3)));
	assert_int_equal(anker_result_get_level(res, 3), ANKER_E_NOT_FOUND);

	/* a case that fails leaves the outputs of the last one (F17: the low band) */
	case_from_row(c, cases, 1);
	assert_int_equal(anker_case_set_number(c, "hours", 41), 0); /* range [0, 40], rejected */
	assert_int_equal(anker_model_score(model, c, 0, res, NULL), ANKER_E_OUT_OF_RANGE);
	assert_close(anker_result_get_number(res, PROBABILITY),
		     test_csv_number(test_csv_cell(want, N_GOLDEN, "probability")), 1e-12);
	assert_int_equal(anker_result_get_level(res, BAND), 0);

	anker_result_free(res);
	anker_case_free(c);
	test_csv_free(want);
	test_csv_free(cases);
	anker_model_unref(model);
	anker_ctx_unref(ctx);
}

/* Batches */

static void bind_all_outputs(struct anker_batch *b, struct test_outputs *o)
{
	assert_int_equal(anker_batch_bind_output_f64(b, "probability", o->p), 0);
	assert_int_equal(anker_batch_bind_output_f64(b, "linear_predictor", o->lp), 0);
	assert_int_equal(anker_batch_bind_output_i32(b, "band", o->band), 0);
	assert_int_equal(anker_batch_bind_contributions(b, o->contributions), 0);
}

static void assert_outputs_identical(const struct test_outputs *a, const struct test_outputs *b)
{
	assert_memory_equal(a->p, b->p, a->n * sizeof(double));
	assert_memory_equal(a->lp, b->lp, a->n * sizeof(double));
	assert_memory_equal(a->band, b->band, a->n * sizeof(int32_t));
	assert_memory_equal(a->status, b->status, a->n * sizeof(int32_t));
	assert_memory_equal(a->contributions, b->contributions, a->n * N_TERMS * sizeof(double));
}

/* Case i of @p o against row i + 1 of an expected file. */
static void assert_pinned(const struct anker_model *model, const struct test_csv *want,
			  const struct test_outputs *o)
{
	for (size_t i = 0; i < o->n; i++) {
		assert_int_equal(o->status[i], 0);
		assert_close(o->p[i], test_csv_number(test_csv_cell(want, i + 1, "probability")),
			     1e-12);
		assert_close(o->lp[i],
			     test_csv_number(test_csv_cell(want, i + 1, "linear_predictor")),
			     1e-12);
		assert_string_equal(
		    anker_model_get_output_level_name(model, BAND, (size_t)o->band[i]),
		    test_csv_cell(want, i + 1, "band"));
		for (size_t t = 0; t < N_TERMS; t++) {
			char column[80];
			snprintf(column, sizeof(column), "contrib_%s",
				 anker_model_get_term_name(model, t));
			assert_close(o->contributions[i * N_TERMS + t],
				     test_csv_number(test_csv_cell(want, i + 1, column)), 1e-12);
		}
	}
}

/*
 * The full model, and the golden file of the same model with each link: every
 * output bound by name gives numpy's values, and exactly what anker_batch_score()
 * gives.
 */
static void check_run_pinned(const char *model_file, const char *expected_file)
{
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_model *model = NULL;
	if (model_file)
		assert_int_equal(
		    anker_model_load_file(ctx, test_source_path(model_file), NULL, &model), 0);
	else
		model = test_model_from_quoted(ctx, full_model);
	struct test_csv *cases = test_csv_read("tests/golden/cases-full-model.csv");
	struct test_csv *want = test_csv_read(expected_file);
	struct columns *cols = columns_from_csv(cases);
	size_t n = cols->n;
	assert_int_equal(n, N_GOLDEN);
	struct test_outputs *run = test_outputs_new(n, N_TERMS), *score = test_outputs_new(n, N_TERMS);

	struct anker_batch *b = NULL;
	assert_int_equal(anker_batch_new(model, 0, &b), 0);
	bind_columns(b, cols);
	bind_all_outputs(b, run);
	assert_int_equal(anker_batch_run(b, n, run->status, NULL), 0);
	assert_pinned(model, want, run);

	assert_int_equal(anker_batch_score(b, n, score->p, score->lp, score->band,
					   score->contributions, score->status, NULL),
			 0);
	assert_outputs_identical(run, score);
	/* without a status array, and without contributions: the other sum of the terms */
	assert_int_equal(anker_batch_bind_contributions(b, NULL), 0);
	memset(run->p, 0, n * sizeof(double));
	assert_int_equal(anker_batch_run(b, n, NULL, NULL), 0);
	assert_memory_equal(run->p, score->p, n * sizeof(double));
	assert_memory_equal(run->lp, score->lp, n * sizeof(double));

	anker_batch_free(b);
	test_outputs_free(run);
	test_outputs_free(score);
	columns_free(cols);
	test_csv_free(want);
	test_csv_free(cases);
	anker_model_unref(model);
	anker_ctx_unref(ctx);
}

static void test_run_pinned(void **state)
{
	(void)state;
	check_run_pinned(NULL, "tests/golden/expected-full-model.csv");
	check_run_pinned("tests/golden/full-model.json", "tests/golden/expected-full-model.csv");
	check_run_pinned("tests/golden/full-model-probit.json",
			 "tests/golden/expected-full-model-probit.csv");
}

/*
 * A caseload of several chunks (and a partial one) with values that fail:
 * status codes, the per-case outputs and every output agree with
 * anker_batch_score() bit for bit; failed cases get NaN and -1.
 */
#define N_CASES 1000

struct caseload {
	double age[N_CASES], hours[N_CASES], months[N_CASES], female[N_CASES], care[N_CASES];
	int32_t education[N_CASES], region[N_CASES], sector[N_CASES];
};

static uint64_t next_random(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ull;
}

static double uniform(uint64_t *s, double lo, double hi)
{
	return lo + (hi - lo) * ((double)(next_random(s) >> 11) / 9007199254740992.0);
}

/* About one case in ten fails (hours outside [0, 40], a missing sector or care_duties). */
static struct caseload *caseload_new(void)
{
	struct caseload *cl = calloc(1, sizeof(*cl));
	assert_non_null(cl);
	uint64_t s = 20261125;
	for (size_t i = 0; i < N_CASES; i++) {
		cl->age[i] = next_random(&s) % 10 == 0 ? NAN : uniform(&s, 10, 80);
		cl->hours[i] = uniform(&s, -1, 40.5);
		cl->months[i] = next_random(&s) % 10 == 0 ? NAN : uniform(&s, 0, 24);
		cl->female[i] = next_random(&s) % 10 == 0 ? NAN : (double)(next_random(&s) & 1);
		cl->care[i] = next_random(&s) % 50 == 0 ? NAN : (double)(next_random(&s) & 1);
		cl->education[i] = (int32_t)(next_random(&s) % 5) - 1;
		cl->region[i] = (int32_t)(next_random(&s) % 4) - 1;
		cl->sector[i] = next_random(&s) % 50 == 0 ? -1 : (int32_t)(next_random(&s) % 3);
	}
	return cl;
}

static void bind_caseload(struct anker_batch *b, const struct caseload *cl)
{
	assert_int_equal(anker_batch_bind_f64(b, "age", cl->age, 0), 0);
	assert_int_equal(anker_batch_bind_f64(b, "hours", cl->hours, 0), 0);
	assert_int_equal(anker_batch_bind_f64(b, "months", cl->months, 0), 0);
	assert_int_equal(anker_batch_bind_f64(b, "female", cl->female, 0), 0);
	assert_int_equal(anker_batch_bind_f64(b, "care_duties", cl->care, 0), 0);
	assert_int_equal(anker_batch_bind_i32(b, "education", cl->education, 0), 0);
	assert_int_equal(anker_batch_bind_i32(b, "region", cl->region, 0), 0);
	assert_int_equal(anker_batch_bind_i32(b, "sector", cl->sector, 0), 0);
}

static void test_run_status(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_model *model = test_model_from_quoted(ctx, full_model);
	struct caseload *cl = caseload_new();
	struct test_outputs *run = test_outputs_new(N_CASES, N_TERMS), *score = test_outputs_new(N_CASES, N_TERMS);
	uint32_t *flags[2];
	int32_t *variable[2];
	for (int k = 0; k < 2; k++) {
		assert_non_null(flags[k] = calloc(N_CASES, sizeof(uint32_t)));
		assert_non_null(variable[k] = calloc(N_CASES, sizeof(int32_t)));
	}

	struct anker_batch *b = NULL;
	assert_int_equal(anker_batch_new(model, 0, &b), 0);
	bind_caseload(b, cl);
	bind_all_outputs(b, run);
	anker_batch_set_case_outputs(b, flags[0], variable[0]);
	assert_int_equal(anker_batch_run(b, N_CASES, run->status, NULL), 0);
	anker_batch_set_case_outputs(b, flags[1], variable[1]);
	assert_int_equal(anker_batch_score(b, N_CASES, score->p, score->lp, score->band,
					   score->contributions, score->status, NULL),
			 0);
	assert_outputs_identical(run, score);
	assert_memory_equal(flags[0], flags[1], N_CASES * sizeof(uint32_t));
	assert_memory_equal(variable[0], variable[1], N_CASES * sizeof(int32_t));

	size_t failed = 0, flagged = 0;
	int hours = anker_model_find_variable(model, "hours");
	for (size_t i = 0; i < N_CASES; i++) {
		bool hours_bad = cl->hours[i] < 0.0 || cl->hours[i] > 40.0;
		bool bad = hours_bad || isnan(cl->care[i]) || cl->sector[i] < 0;
		assert_int_equal(run->status[i] != 0, bad);
		flagged += flags[0][i] != 0;
		if (!bad) {
			assert_int_equal(variable[0][i], -1);
			continue;
		}
		failed++;
		if (hours_bad) /* the first variable at fault in model order, as in a single case */
			assert_int_equal(variable[0][i], hours);
		assert_true(isnan(run->p[i]) && isnan(run->lp[i]));
		assert_int_equal(run->band[i], -1);
		for (size_t t = 0; t < N_TERMS; t++)
			assert_true(isnan(run->contributions[i * N_TERMS + t]));
	}
	assert_true(failed > 20 && failed < N_CASES / 4);
	assert_true(flagged > N_CASES / 4);

	/* without a status array the first failure fails the call, at its case */
	struct anker_error *errs[2];
	assert_int_equal(anker_error_new(&errs[0]), 0);
	assert_int_equal(anker_error_new(&errs[1]), 0);
	int r = anker_batch_run(b, N_CASES, NULL, errs[0]);
	assert_true(r < 0);
	assert_int_equal(anker_batch_score(b, N_CASES, score->p, NULL, NULL, NULL, NULL, errs[1]),
			 r);
	size_t first = 0;
	while (run->status[first] == 0)
		first++;
	assert_int_equal(r, run->status[first]);
	assert_int_equal(anker_error_case_index(errs[0]), (long long)first);
	assert_string_equal(anker_error_message(errs[0]), anker_error_message(errs[1]));
	anker_error_free(errs[0]);
	anker_error_free(errs[1]);

	anker_batch_free(b);
	for (int k = 0; k < 2; k++) {
		free(flags[k]);
		free(variable[k]);
	}
	test_outputs_free(run);
	test_outputs_free(score);
	free(cl);
	anker_model_unref(model);
	anker_ctx_unref(ctx);
}

/*
 * Bind only some outputs: each bound one gets what a run with all of them
 * gives, the others are left alone. The inputs come from an array of structs,
 * bound with its stride.
 */
struct person {
	double age, hours, months;
	uint8_t female, care;
	int32_t education, region, sector;
};

static void test_partial(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_model *model = test_model_from_quoted(ctx, full_model);
	struct caseload *cl = caseload_new();
	struct person *people = calloc(N_CASES, sizeof(*people));
	assert_non_null(people);
	for (size_t i = 0; i < N_CASES; i++)
		people[i] = (struct person){cl->age[i],
					    cl->hours[i],
					    cl->months[i],
					    (uint8_t)(cl->female[i] == 1.0),
					    (uint8_t)(cl->care[i] == 1.0),
					    cl->education[i],
					    cl->region[i],
					    cl->sector[i]};
	struct anker_batch *b = NULL;
	assert_int_equal(anker_batch_new(model, 0, &b), 0);
	size_t stride = sizeof(struct person);
	assert_int_equal(anker_batch_bind_f64(b, "age", &people[0].age, stride), 0);
	assert_int_equal(anker_batch_bind_f64(b, "hours", &people[0].hours, stride), 0);
	assert_int_equal(anker_batch_bind_f64(b, "months", &people[0].months, stride), 0);
	assert_int_equal(anker_batch_bind_u8(b, "female", &people[0].female, stride), 0);
	assert_int_equal(anker_batch_bind_u8(b, "care_duties", &people[0].care, stride), 0);
	assert_int_equal(anker_batch_bind_i32(b, "education", &people[0].education, stride), 0);
	assert_int_equal(anker_batch_bind_i32(b, "region", &people[0].region, stride), 0);
	assert_int_equal(anker_batch_bind_i32(b, "sector", &people[0].sector, stride), 0);

	struct test_outputs *all = test_outputs_new(N_CASES, N_TERMS);
	bind_all_outputs(b, all);
	assert_int_equal(anker_batch_run(b, N_CASES, all->status, NULL), 0);

	/* only the band: the chunk's probabilities go to scratch */
	struct test_outputs *o = test_outputs_new(N_CASES, N_TERMS);
	assert_int_equal(anker_batch_bind_output_f64(b, "probability", NULL), 0);
	assert_int_equal(anker_batch_bind_output_f64(b, "linear_predictor", NULL), 0);
	assert_int_equal(anker_batch_bind_contributions(b, NULL), 0);
	assert_int_equal(anker_batch_bind_output_i32(b, "band", o->band), 0);
	assert_int_equal(anker_batch_run(b, N_CASES, o->status, NULL), 0);
	assert_memory_equal(o->band, all->band, N_CASES * sizeof(int32_t));
	assert_memory_equal(o->status, all->status, N_CASES * sizeof(int32_t));
	for (size_t i = 0; i < N_CASES; i++)
		assert_true(o->p[i] == 12345.0 && o->lp[i] == 12345.0);
	test_outputs_free(o);

	/* only the probability: no bands counted */
	o = test_outputs_new(N_CASES, N_TERMS);
	assert_int_equal(anker_batch_bind_output_i32(b, "band", NULL), 0);
	assert_int_equal(anker_batch_bind_output_f64(b, "probability", o->p), 0);
	assert_int_equal(anker_batch_run(b, N_CASES, o->status, NULL), 0);
	assert_memory_equal(o->p, all->p, N_CASES * sizeof(double));
	for (size_t i = 0; i < N_CASES; i++)
		assert_true(o->band[i] == -77 && o->lp[i] == 12345.0);
	test_outputs_free(o);

	/* only the contributions */
	o = test_outputs_new(N_CASES, N_TERMS);
	assert_int_equal(anker_batch_bind_output_f64(b, "probability", NULL), 0);
	assert_int_equal(anker_batch_bind_contributions(b, o->contributions), 0);
	assert_int_equal(anker_batch_run(b, N_CASES, o->status, NULL), 0);
	assert_memory_equal(o->contributions, all->contributions,
			    N_CASES * N_TERMS * sizeof(double));
	for (size_t i = 0; i < N_CASES; i++)
		assert_true(o->p[i] == 12345.0 && o->band[i] == -77);

	/* nothing bound: only the status */
	assert_int_equal(anker_batch_bind_contributions(b, NULL), 0);
	memset(o->status, 0x55, N_CASES * sizeof(int32_t));
	assert_int_equal(anker_batch_run(b, N_CASES, o->status, NULL), 0);
	assert_memory_equal(o->status, all->status, N_CASES * sizeof(int32_t));
	test_outputs_free(o);

	/* anker_batch_score() neither uses nor changes the named bindings */
	o = test_outputs_new(N_CASES, N_TERMS);
	struct test_outputs *shortcut = test_outputs_new(N_CASES, N_TERMS);
	assert_int_equal(anker_batch_bind_output_f64(b, "linear_predictor", o->lp), 0);
	assert_int_equal(
	    anker_batch_score(b, N_CASES, shortcut->p, NULL, NULL, NULL, shortcut->status, NULL),
	    0);
	assert_memory_equal(shortcut->p, all->p, N_CASES * sizeof(double));
	for (size_t i = 0; i < N_CASES; i++)
		assert_true(o->lp[i] == 12345.0 && shortcut->lp[i] == 12345.0);
	assert_int_equal(anker_batch_run(b, N_CASES, o->status, NULL), 0);
	assert_memory_equal(o->lp, all->lp, N_CASES * sizeof(double));
	test_outputs_free(shortcut);
	test_outputs_free(o);

	/* anker_batch_unbind_all() drops the output bindings with the columns */
	o = test_outputs_new(N_CASES, N_TERMS);
	bind_all_outputs(b, o);
	anker_batch_unbind_all(b);
	bind_caseload(b, cl);
	assert_int_equal(anker_batch_run(b, N_CASES, o->status, NULL), 0);
	for (size_t i = 0; i < N_CASES; i++)
		assert_true(o->p[i] == 12345.0 && o->lp[i] == 12345.0 && o->band[i] == -77 &&
			    o->contributions[i * N_TERMS] == 12345.0);
	test_outputs_free(o);

	anker_batch_free(b);
	test_outputs_free(all);
	free(people);
	free(cl);
	anker_model_unref(model);
	anker_ctx_unref(ctx);
}

static void test_bad_arguments(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_model *model = test_model_from_quoted(ctx, full_model);
	struct anker_batch *b = NULL;
	assert_int_equal(anker_batch_new(model, 0, &b), 0);
	double d[4] = {7, 7, 7, 7};
	int32_t i32[4] = {7, 7, 7, 7};

	assert_int_equal(anker_batch_bind_output_f64(NULL, "probability", d),
			 ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_batch_bind_output_f64(b, NULL, d), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_batch_bind_output_i32(NULL, "band", i32), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_batch_bind_output_i32(b, NULL, i32), ANKER_E_INVALID_ARGUMENT);
	/* an output the model does not have; a variable is not an output */
	assert_int_equal(anker_batch_bind_output_f64(b, "survival_12", d), ANKER_E_NOT_FOUND);
	assert_int_equal(anker_batch_bind_output_f64(b, "age", d), ANKER_E_NOT_FOUND);
	assert_int_equal(anker_batch_bind_output_i32(b, "Band", i32), ANKER_E_NOT_FOUND);
	/* the type is the output's: levels are int32, numbers double */
	assert_int_equal(anker_batch_bind_output_f64(b, "band", d), ANKER_E_TYPE_MISMATCH);
	assert_int_equal(anker_batch_bind_output_i32(b, "probability", i32), ANKER_E_TYPE_MISMATCH);
	assert_int_equal(anker_batch_bind_output_i32(b, "linear_predictor", i32),
			 ANKER_E_TYPE_MISMATCH);
	assert_int_equal(anker_batch_bind_contributions(NULL, d), ANKER_E_INVALID_ARGUMENT);

	struct anker_error *err = NULL;
	assert_int_equal(anker_error_new(&err), 0);
	assert_int_equal(anker_batch_run(NULL, 1, NULL, err), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_error_code(err), ANKER_E_INVALID_ARGUMENT);
	/* no columns yet: the first variable without one */
	assert_int_equal(anker_batch_bind_output_f64(b, "probability", d), 0);
	assert_int_equal(anker_batch_run(b, 1, NULL, err), ANKER_E_NO_COLUMN);
	assert_string_equal(anker_error_field(err), "age");
	assert_true(d[0] == 7);
	/* n = 0 writes nothing and succeeds */
	struct caseload *cl = caseload_new();
	bind_caseload(b, cl);
	assert_int_equal(anker_batch_run(b, 0, NULL, err), 0);
	assert_int_equal(anker_error_code(err), 0);
	assert_true(d[0] == 7);
	/* more cases than a contributions array can address */
	assert_int_equal(anker_batch_bind_contributions(b, d), 0);
	assert_int_equal(anker_batch_run(b, SIZE_MAX / 2, NULL, err), ANKER_E_INVALID_ARGUMENT);
	assert_true(d[0] == 7);
	/* unbound again, the contributions array is left alone */
	assert_int_equal(anker_batch_bind_contributions(b, NULL), 0);
	int32_t status[4];
	assert_int_equal(anker_batch_run(b, 4, status, err), 0);
	assert_false(d[1] == 7); /* a probability, or NaN for a failed case */
	assert_true(d[0] == d[0] ? d[0] > 0.0 && d[0] < 1.0 : status[0] != 0);

	anker_error_free(err);
	free(cl);
	anker_batch_free(b);
	anker_model_unref(model);
	anker_ctx_unref(ctx);
}

/* Every allocation of loading, scoring and batches, failing in turn. */
static void test_out_of_memory(void **state)
{
	(void)state;
	char *json = strdup(full_model);
	assert_non_null(json);
	for (char *p = json; *p; p++)
		if (*p == '\'')
			*p = '"';
	struct caseload *cl = caseload_new();
	struct test_outputs *o = test_outputs_new(N_CASES, N_TERMS);

	bool done = false;
	for (size_t budget = 0; !done; budget++) {
		assert_true(budget < 10000);
		struct anker_ctx *ctx = test_ctx_new_failing(budget);
		struct anker_model *model = NULL;
		struct anker_case *c = NULL;
		struct anker_result *res = NULL;
		struct anker_batch *b = NULL;
		int r = anker_model_load_buffer(ctx, json, strlen(json), NULL, NULL, &model);
		if (r == 0)
			r = anker_case_new(ctx, &c);
		if (r == 0)
			r = anker_case_set_number(c, "hours", 20);
		if (r == 0)
			r = anker_case_set_bool(c, "care_duties", 1);
		if (r == 0)
			r = anker_case_set_level(c, "sector", "care");
		if (r == 0)
			r = anker_result_new(ctx, &res);
		bool scored = false;
		if (r == 0) {
			r = anker_model_score(model, c, 0, res, NULL);
			scored = r == 0;
			/* a failed score leaves the result empty */
			assert_true(scored == !isnan(anker_result_get_number(res, PROBABILITY)));
		}
		if (r == 0)
			r = anker_batch_new(model, 0, &b);
		if (r != 0) {
			assert_int_equal(r, ANKER_E_NO_MEMORY);
		} else {
			/* scoring and running allocate nothing more */
			assert_true(anker_result_get_number(res, PROBABILITY) > 0.0);
			bind_caseload(b, cl);
			bind_all_outputs(b, o);
			assert_int_equal(anker_batch_run(b, N_CASES, o->status, NULL), 0);
			done = true;
		}
		anker_batch_free(b);
		anker_result_free(res);
		anker_case_free(c);
		anker_model_unref(model);
		anker_ctx_unref(ctx);
	}
	test_outputs_free(o);
	free(cl);
	free(json);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_declared),	  cmocka_unit_test(test_declared_labels),
	    cmocka_unit_test(test_contributions_are_terms),
	    cmocka_unit_test(test_result),	  cmocka_unit_test(test_run_pinned),
	    cmocka_unit_test(test_run_status),	  cmocka_unit_test(test_partial),
	    cmocka_unit_test(test_bad_arguments), cmocka_unit_test(test_out_of_memory),
	};
	return cmocka_run_group_tests_name("outputs", tests, NULL, NULL);
}
