/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The evaluation API (include/anker/evaluate.h): hand-computed small cases,
 * bad input as a table, undefined figures, accessors out of range and every
 * out-of-memory path. The large cases are checked against scikit-learn and
 * statsmodels in bindings/python/tests/test_evaluate.py.
 */
#include <float.h>
#include <math.h>
#include <string.h>

#include "test-util.h"

#define DEMO_MODEL "data/models/demo-amt-6m.json"

static struct anker_evaluation *evaluation(struct anker_ctx *ctx, const double *p, const double *y,
					   size_t n)
{
	struct anker_evaluation *ev = NULL;
	assert_int_equal(anker_evaluation_new(ctx, p, y, n, &ev, NULL), 0);
	return ev;
}

static void test_hand_computed(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	/* negatives 0.1, 0.4; positives 0.35, 0.8: 3 of 4 pairs ordered right */
	const double p[] = {0.1, 0.4, 0.35, 0.8}, y[] = {0, 0, 1, 1};
	struct anker_evaluation *ev = evaluation(ctx, p, y, 4);
	assert_true(isnan(anker_evaluation_get(ev, ANKER_EVAL_AUC))); /* not computed yet */
	assert_int_equal(anker_evaluation_compute(ev, NULL), 0);
	assert_float_equal(anker_evaluation_get(ev, ANKER_EVAL_AUC), 0.75, 1e-15);
	/* V10 = (1, 0.5), V01 = (0.5, 1): var = 0.125/2 + 0.125/2 */
	assert_float_equal(anker_evaluation_get(ev, ANKER_EVAL_AUC_SE), sqrt(0.125), 1e-15);
	/* 0.75 - 1.959964 * 0.353553 (the 0.975 normal quantile); the upper end is cut at 1 */
	assert_float_equal(anker_evaluation_get(ev, ANKER_EVAL_AUC_LOWER), 0.057048, 1e-6);
	assert_float_equal(anker_evaluation_get(ev, ANKER_EVAL_AUC_UPPER), 1.0, 0);
	double brier = (0.01 + 0.16 + 0.65 * 0.65 + 0.04) / 4;
	assert_float_equal(anker_evaluation_get(ev, ANKER_EVAL_BRIER), brier, 1e-15);
	double loss = -(log(0.9) + log(0.6) + log(0.35) + log(0.8)) / 4;
	assert_float_equal(anker_evaluation_get(ev, ANKER_EVAL_LOG_LOSS), loss, 1e-15);
	assert_float_equal(anker_evaluation_get(ev, ANKER_EVAL_CITL), 0.5 - 1.65 / 4, 1e-15);
	/* 4 groups of one: sum of (y - p)^2 / (p (1 - p)), df 2 */
	double hl = 0.01 / 0.09 + 0.16 / 0.24 + 0.65 * 0.65 / (0.35 * 0.65) + 0.04 / 0.16;
	assert_float_equal(anker_evaluation_get(ev, ANKER_EVAL_HL_STATISTIC), hl, 1e-12);
	assert_float_equal(anker_evaluation_get(ev, ANKER_EVAL_HL_DF), 2, 0);
	assert_float_equal(anker_evaluation_get(ev, ANKER_EVAL_HL_P), exp(-hl / 2), 1e-12);
	/* at 0.5 without a model: 0.8 selected (TP), 0.35 missed (FN) */
	assert_int_equal(anker_evaluation_get_classification_count(ev), 1);
	assert_float_equal(anker_evaluation_get_classification(ev, 0, ANKER_CLASS_TP), 1, 0);
	assert_float_equal(anker_evaluation_get_classification(ev, 0, ANKER_CLASS_FN), 1, 0);
	assert_float_equal(anker_evaluation_get_classification(ev, 0, ANKER_CLASS_TN), 2, 0);
	assert_float_equal(anker_evaluation_get_classification(ev, 0, ANKER_CLASS_PPV), 1, 0);
	assert_float_equal(anker_evaluation_get_classification(ev, 0, ANKER_CLASS_SPECIFICITY), 1,
			   0);
	assert_true(isnan(anker_evaluation_get_classification(ev, 1, ANKER_CLASS_TP)));
	assert_true(isnan(anker_evaluation_get_classification(ev, 0, ANKER_CLASS_RATIO_TPR)));
	assert_true(isnan(anker_evaluation_get(ev, -1)));
	assert_true(isnan(anker_evaluation_get(ev, ANKER_EVAL_THRESHOLD + 1)));
	size_t count = 9;
	double mean = 0, rate = 0;
	assert_int_equal(anker_evaluation_get_reliability_count(ev, ANKER_RELIABILITY_DECILE), 4);
	assert_int_equal(
	    anker_evaluation_get_reliability(ev, ANKER_RELIABILITY_DECILE, 1, &count, &mean, &rate),
	    0);
	assert_int_equal(count, 1);
	assert_float_equal(mean, 0.35, 0); /* sorted by probability */
	assert_float_equal(rate, 1, 0);
	assert_int_equal(anker_evaluation_get_reliability_count(ev, ANKER_RELIABILITY_BAND), 0);
	assert_int_equal(
	    anker_evaluation_get_reliability(ev, ANKER_RELIABILITY_BAND, 0, NULL, NULL, NULL),
	    ANKER_E_NOT_FOUND);
	assert_int_equal(anker_evaluation_get_reliability(ev, 7, 0, NULL, NULL, NULL),
			 ANKER_E_NOT_FOUND);
	anker_evaluation_free(ev);
	anker_ctx_unref(ctx);
}

/* Bad input is a table: each row a probability and an outcome at case 1. */
static void test_bad_input(void **state)
{
	(void)state;
	static const struct {
		double p, y;
		int code;
		const char *field;
	} rows[] = {
	    {NAN, 0, ANKER_E_MISSING_VALUE, "probability"},
	    {-0.1, 0, ANKER_E_OUT_OF_RANGE, "probability"},
	    {1.5, 0, ANKER_E_OUT_OF_RANGE, "probability"},
	    {INFINITY, 0, ANKER_E_OUT_OF_RANGE, "probability"},
	    {0.5, NAN, ANKER_E_MISSING_VALUE, "outcome"},
	    {0.5, 2, ANKER_E_BAD_VALUE, "outcome"},
	    {0.5, -1, ANKER_E_BAD_VALUE, "outcome"},
	    {0.5, 0.5, ANKER_E_BAD_VALUE, "outcome"},
	};
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_error *err = NULL;
	assert_int_equal(anker_error_new(&err), 0);
	for (size_t k = 0; k < sizeof(rows) / sizeof(rows[0]); k++) {
		double p[] = {0.2, rows[k].p, 0.3}, y[] = {1, rows[k].y, 0};
		struct anker_evaluation *ev = NULL;
		assert_int_equal(anker_evaluation_new(ctx, p, y, 3, &ev, err), rows[k].code);
		assert_null(ev);
		assert_string_equal(anker_error_field(err), rows[k].field);
		assert_int_equal(anker_error_case_index(err), 1);
		assert_non_null(strstr(anker_error_message(err), "case 1"));
	}
	const double p[] = {0.5}, y[] = {1};
	struct anker_evaluation *ev = NULL;
	assert_int_equal(anker_evaluation_new(ctx, p, y, 0, &ev, err), ANKER_E_INVALID_ARGUMENT);
	assert_non_null(strstr(anker_error_message(err), "empty"));
	assert_int_equal(anker_evaluation_new(ctx, NULL, y, 1, &ev, err), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_evaluation_new(NULL, p, y, 1, &ev, err), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_evaluation_new(ctx, p, y, 1, NULL, err), ANKER_E_INVALID_ARGUMENT);

	ev = evaluation(ctx, p, y, 1);
	assert_int_equal(anker_evaluation_set_threshold(ev, 1.5), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_evaluation_set_threshold(ev, NAN), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_evaluation_set_ratio_threshold(ev, 1.0), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_evaluation_set_ratio_threshold(ev, INFINITY),
			 ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_evaluation_set_model(ev, NULL), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_evaluation_add_grouping(ev, "g", NULL, NULL, err),
			 ANKER_E_INVALID_ARGUMENT);
	const char *const all_missing[] = {NULL};
	assert_int_equal(anker_evaluation_add_grouping(ev, "g", all_missing, NULL, err), 0);
	assert_int_equal(anker_evaluation_add_grouping(ev, "g", all_missing, NULL, err),
			 ANKER_E_DUPLICATE);
	assert_int_equal(anker_evaluation_compute(ev, err), ANKER_E_BAD_VALUE);
	assert_string_equal(anker_error_field(err), "g");
	assert_true(isnan(anker_evaluation_get(ev, ANKER_EVAL_BRIER))); /* failed: not computed */
	assert_int_equal(anker_evaluation_get_grouping_missing(ev, 0), 1);
	/* one case: no AUC, no Hosmer-Lemeshow (df would be -1) */
	struct anker_evaluation *one = evaluation(ctx, p, y, 1);
	assert_int_equal(anker_evaluation_compute(one, NULL), 0);
	assert_true(isnan(anker_evaluation_get(one, ANKER_EVAL_AUC)));
	assert_true(isnan(anker_evaluation_get(one, ANKER_EVAL_HL_P)));
	assert_true(isnan(anker_evaluation_get(one, ANKER_EVAL_CALIBRATION_SLOPE)));
	anker_evaluation_free(one);
	anker_evaluation_free(ev);
	anker_evaluation_free(NULL);
	anker_error_free(err);
	anker_ctx_unref(ctx);
}

static void test_fairness(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	/* a: selected 0.9 (y 1) and 0.6 (y 0); b: 0.7 (y 0), no positives at all */
	const double p[] = {0.9, 0.2, 0.6, 0.1, 0.7, 0.3, 0.4}, y[] = {1, 1, 0, 0, 0, 0, 0};
	const char *const g[] = {"a", "a", "a", "a", "b", "b", NULL};
	struct anker_evaluation *ev = evaluation(ctx, p, y, 7);
	struct anker_error *err = NULL;
	assert_int_equal(anker_error_new(&err), 0);
	assert_int_equal(anker_evaluation_add_grouping(ev, "origin", g, "nobody", err), 0);
	assert_int_equal(anker_evaluation_compute(ev, err), ANKER_E_NOT_FOUND);
	assert_string_equal(anker_error_field(err), "origin");
	anker_evaluation_free(ev);

	ev = evaluation(ctx, p, y, 7);
	assert_int_equal(anker_evaluation_add_grouping(ev, "origin", g, NULL, err), 0);
	assert_int_equal(anker_evaluation_set_threshold(ev, 0.5), 0);
	assert_int_equal(anker_evaluation_set_ratio_threshold(ev, 1.5), 0);
	assert_int_equal(anker_evaluation_compute(ev, err), 0);
	assert_int_equal(anker_evaluation_get_grouping_count(ev), 1);
	assert_string_equal(anker_evaluation_get_grouping_name(ev, 0), "origin");
	assert_null(anker_evaluation_get_grouping_name(ev, 1));
	assert_int_equal(anker_evaluation_get_grouping_missing(ev, 0), 1);
	assert_int_equal(anker_evaluation_get_group_count(ev, 0), 2);
	assert_string_equal(anker_evaluation_get_group_name(ev, 0, 1), "b");
	assert_null(anker_evaluation_get_group_name(ev, 0, 2));
	assert_int_equal(anker_evaluation_get_reference_group(ev, 0), 0); /* the largest */
	assert_int_equal(anker_evaluation_get_reference_group(ev, 1), -1);
	/* selection a 2/4, b 1/2: ratio 1; FPR a 1/2, b 1/2; TPR b undefined */
	assert_float_equal(anker_evaluation_get_group(ev, 0, 1, ANKER_CLASS_RATIO_SELECTION_RATE),
			   1, 1e-15);
	assert_float_equal(anker_evaluation_get_group(ev, 0, 1, ANKER_CLASS_RATIO_FPR), 1, 1e-15);
	assert_true(isnan(anker_evaluation_get_group(ev, 0, 1, ANKER_CLASS_TPR)));
	assert_true(isnan(anker_evaluation_get_group(ev, 0, 1, ANKER_CLASS_RATIO_TPR)));
	assert_true(isnan(anker_evaluation_get_group(ev, 0, 1, ANKER_CLASS_RATIO_FNR)));
	assert_false(isinf(anker_evaluation_get_group(ev, 0, 1, ANKER_CLASS_RATIO_FNR)));
	assert_int_equal(anker_evaluation_get_group_flags(ev, 0, 1), 0);
	/* CITL of b: 0 observed - mean 0.5 */
	assert_float_equal(anker_evaluation_get_group(ev, 0, 1, ANKER_CLASS_CITL), -0.5, 1e-15);
	assert_true(isnan(anker_evaluation_get_group(ev, 0, 2, ANKER_CLASS_CITL)));
	assert_true(isnan(anker_evaluation_get_group(ev, 0, 0, 99)));
	assert_int_equal(anker_evaluation_get_group_flags(ev, 3, 0), 0);
	anker_evaluation_free(ev);

	/* the same with b as reference: a's FPR ratio 1, selection 1, no flags;
	 * then c, whose selection rate 1/1 over b's 1/2 is flagged at r = 1.5 */
	const char *const h[] = {"a", "a", "a", "a", "b", "b", "c"};
	const double p2[] = {0.9, 0.2, 0.6, 0.1, 0.7, 0.3, 0.8};
	ev = evaluation(ctx, p2, y, 7);
	assert_int_equal(anker_evaluation_add_grouping(ev, "origin", h, "b", err), 0);
	assert_int_equal(anker_evaluation_set_ratio_threshold(ev, 1.5), 0);
	assert_int_equal(anker_evaluation_compute(ev, err), 0);
	assert_int_equal(anker_evaluation_get_reference_group(ev, 0), 1);
	assert_int_equal(anker_evaluation_get_group_flags(ev, 0, 2),
			 ANKER_FLAG_SELECTION_RATE | ANKER_FLAG_FPR);
	assert_float_equal(anker_evaluation_get(ev, ANKER_EVAL_THRESHOLD), 0.5, 0);
	anker_evaluation_free(ev);
	anker_error_free(err);
	anker_ctx_unref(ctx);
}

static void test_bands(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_model *model = NULL;
	assert_int_equal(anker_model_load_file(ctx, test_source_path(DEMO_MODEL), NULL, &model), 0);
	/* bands low (.25] moderate (.5] reasonable (.75] good, exact thresholds below */
	const double p[] = {0.1, 0.25, 0.5, 0.6, 0.9}, y[] = {0, 1, 0, 1, 1};
	struct anker_evaluation *ev = evaluation(ctx, p, y, 5);
	assert_int_equal(anker_evaluation_set_model(ev, model), 0);
	anker_model_unref(model); /* the evaluation keeps its own reference */
	assert_int_equal(anker_evaluation_compute(ev, NULL), 0);
	assert_int_equal(anker_evaluation_get_classification_count(ev), 3);
	/* at 0.25: 0.5, 0.6, 0.9 are above; 0.25 is in the band below */
	assert_float_equal(anker_evaluation_get_classification(ev, 0, ANKER_CLASS_THRESHOLD), 0.25,
			   0);
	assert_float_equal(anker_evaluation_get_classification(ev, 0, ANKER_CLASS_TP), 2, 0);
	assert_float_equal(anker_evaluation_get_classification(ev, 0, ANKER_CLASS_FP), 1, 0);
	assert_float_equal(anker_evaluation_get_classification(ev, 0, ANKER_CLASS_FN), 1, 0);
	assert_float_equal(anker_evaluation_get_classification(ev, 2, ANKER_CLASS_TP), 1, 0);
	assert_int_equal(anker_evaluation_get_reliability_count(ev, ANKER_RELIABILITY_BAND), 4);
	size_t count = 0;
	double mean = 0, rate = 0;
	assert_int_equal(
	    anker_evaluation_get_reliability(ev, ANKER_RELIABILITY_BAND, 0, &count, &mean, &rate),
	    0);
	assert_int_equal(count, 2);
	assert_float_equal(mean, 0.175, 1e-15);
	assert_float_equal(rate, 0.5, 0);
	/* a given threshold replaces the band thresholds; p >= threshold is selected */
	assert_int_equal(anker_evaluation_set_threshold(ev, 0.25), 0);
	assert_true(isnan(anker_evaluation_get(ev, ANKER_EVAL_AUC))); /* stale until computed */
	assert_int_equal(anker_evaluation_compute(ev, NULL), 0);
	assert_int_equal(anker_evaluation_get_classification_count(ev), 1);
	assert_float_equal(anker_evaluation_get_classification(ev, 0, ANKER_CLASS_TP), 3, 0);
	anker_evaluation_free(ev);
	anker_ctx_unref(ctx);
}

static void test_psi(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_error *err = NULL;
	assert_int_equal(anker_error_new(&err), 0);
	const int32_t ref[] = {0, 0, 1, 1}, cur[] = {0, 0, 0, 1}, bad[] = {0, 2};
	double psi = -1;
	assert_int_equal(anker_psi_levels(ref, 4, cur, 4, 2, &psi, err), 0);
	assert_float_equal(psi, 0.25 * log(1.5) - 0.25 * log(0.5), 1e-15);
	/* a missing code -1 in the current caseload only: the missing bin has 1e-4 in the reference
	 */
	const int32_t cur_missing[] = {0, 0, 1, -1};
	assert_int_equal(anker_psi_levels(ref, 4, cur_missing, 4, 2, &psi, err), 0);
	double expect =
	    (0.5 - 0.5) * 0 + (0.25 - 0.5) * log(0.5) + (0.25 - 1e-4) * log(0.25 / 1e-4);
	assert_float_equal(psi, expect, 1e-12);
	assert_int_equal(anker_psi_levels(bad, 2, cur, 4, 2, &psi, err), ANKER_E_OUT_OF_RANGE);
	assert_string_equal(anker_error_field(err), "reference");
	assert_int_equal(anker_error_case_index(err), 1);
	assert_int_equal(anker_psi_levels(ref, 4, bad, 2, 2, &psi, err), ANKER_E_OUT_OF_RANGE);
	assert_string_equal(anker_error_field(err), "current");
	assert_int_equal(anker_psi_levels(ref, 0, cur, 4, 2, &psi, err), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_psi_levels(ref, 4, cur, 4, 0, &psi, err), ANKER_E_INVALID_ARGUMENT);

	/* 10 distinct reference values: one per decile bin; the current puts 5 in the
	 * first bin and 5 above the largest edge (values 9 and 10 share the last bin) */
	double r[10], c[10];
	for (int i = 0; i < 10; i++) {
		r[i] = i;
		c[i] = i < 5 ? -1 : 100;
	}
	size_t bins = 0;
	assert_int_equal(anker_psi_numbers(ctx, r, 10, c, 10, &psi, &bins, err), 0);
	assert_int_equal(bins, 10);
	expect = (0.5 - 0.1) * log(5) * 2 + 8 * (1e-4 - 0.1) * log(1e-4 / 0.1);
	assert_float_equal(psi, expect, 1e-12);
	assert_int_equal(anker_psi_numbers(ctx, r, 10, r, 10, &psi, NULL, err), 0);
	assert_float_equal(psi, 0, 0);
	assert_int_equal(anker_psi_numbers(ctx, r, 10, c, 0, &psi, NULL, err),
			 ANKER_E_INVALID_ARGUMENT);
	double nan_only[] = {NAN, NAN};
	assert_int_equal(anker_psi_numbers(ctx, nan_only, 2, r, 10, &psi, &bins, err), 0);
	assert_int_equal(bins, 2); /* one bin of every number, one of missing */
	assert_float_equal(psi, (1 - 1e-4) * log(1 / 1e-4) * 2, 1e-12);
	anker_error_free(err);
	anker_ctx_unref(ctx);
}

/* The model's own bins: an edge starts its bin (docs/model-format.md). */
static void test_psi_edges(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	const double edges[] = {3, 6};
	/* reference bins 0, 1, 1, 2: shares 1/4, 1/2, 1/4; current 0, 0, 2, 2: 1/2, 0, 1/2 */
	const double ref[] = {1, 3, 4, 6}, cur[] = {2, 2, 6, 9};
	double psi = 0;
	size_t bins = 0;
	assert_int_equal(anker_psi_edges(ctx, edges, 2, ref, 4, cur, 4, &psi, &bins, NULL), 0);
	assert_int_equal(bins, 3);
	assert_float_equal(psi, 2 * 0.25 * log(2) + (1e-4 - 0.5) * log(1e-4 / 0.5), 1e-12);
	/* a missing value: one more bin; current shares 1/4, 1/4, 1/4, 1/4 (NaN) */
	const double cur2[] = {2, 3, 7, NAN};
	assert_int_equal(anker_psi_edges(ctx, edges, 2, ref, 4, cur2, 4, &psi, &bins, NULL), 0);
	assert_int_equal(bins, 4);
	assert_float_equal(psi, (0.25 - 0.5) * log(0.5) + (0.25 - 1e-4) * log(0.25 / 1e-4), 1e-12);
	/* no edges: one bin, no shift */
	assert_int_equal(anker_psi_edges(ctx, NULL, 0, ref, 4, cur, 4, &psi, &bins, NULL), 0);
	assert_int_equal(bins, 1);
	assert_float_equal(psi, 0, 0);
	struct anker_error *err = NULL;
	assert_int_equal(anker_error_new(&err), 0);
	const double unordered[] = {6, 3}, repeated[] = {3, 3}, nan_edge[] = {NAN};
	assert_int_equal(anker_psi_edges(ctx, unordered, 2, ref, 4, cur, 4, &psi, NULL, err),
			 ANKER_E_ORDER);
	assert_string_equal(anker_error_field(err), "edges");
	assert_int_equal(anker_psi_edges(ctx, repeated, 2, ref, 4, cur, 4, &psi, NULL, err),
			 ANKER_E_ORDER);
	assert_int_equal(anker_psi_edges(ctx, nan_edge, 1, ref, 4, cur, 4, &psi, NULL, err),
			 ANKER_E_ORDER);
	assert_int_equal(anker_psi_edges(ctx, edges, 2, ref, 0, cur, 4, &psi, NULL, err),
			 ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_psi_edges(NULL, edges, 2, ref, 4, cur, 4, &psi, NULL, err),
			 ANKER_E_INVALID_ARGUMENT);

	/* the demonstration model bins ww_months at 3, 6, 12, 18 (its file) */
	struct anker_model *model = NULL;
	assert_int_equal(anker_model_load_file(ctx, test_source_path(DEMO_MODEL), NULL, &model), 0);
	size_t found = 0;
	for (size_t t = 0; t < anker_model_get_term_count(model); t++) {
		const double *e = NULL;
		size_t n = 0;
		int type = anker_model_get_term_type(model, t);
		int v = anker_model_get_term_variable(model, t);
		int rc = anker_model_get_term_edges(model, t, &e, &n);
		if (type == ANKER_TERM_INTERCEPT || type == ANKER_TERM_INTERACTION)
			assert_int_equal(v, ANKER_E_NOT_FOUND);
		else
			assert_true(v >= 0);
		if (type != ANKER_TERM_BINS) {
			assert_int_equal(rc, ANKER_E_INVALID_ARGUMENT);
			assert_null(e);
			continue;
		}
		assert_int_equal(rc, 0);
		assert_string_equal(anker_model_get_variable_name(model, (size_t)v), "ww_months");
		assert_int_equal(n, 4);
		assert_float_equal(e[0], 3, 0);
		assert_float_equal(e[1], 6, 0);
		assert_float_equal(e[2], 12, 0);
		assert_float_equal(e[3], 18, 0);
		found++;
	}
	assert_int_equal(found, 1);
	size_t past = anker_model_get_term_count(model);
	const double *e = NULL;
	size_t n = 0;
	assert_int_equal(anker_model_get_term_edges(model, past, &e, &n), ANKER_E_NOT_FOUND);
	assert_int_equal(anker_model_get_term_variable(model, past), ANKER_E_NOT_FOUND);
	assert_int_equal(anker_model_get_term_edges(NULL, 0, &e, &n), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_model_get_term_edges(model, 0, NULL, &n), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_model_get_term_variable(NULL, 0), ANKER_E_NOT_FOUND);
	anker_model_unref(model);
	anker_error_free(err);
	anker_ctx_unref(ctx);
}

static void test_harrell(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_error *err = NULL;
	assert_int_equal(anker_error_new(&err), 0);
	/* event at 1 (risk .9) beats times 2 and 3; event at 2 (.5) loses to 3 (.7) */
	const double risk[] = {0.9, 0.5, 0.7}, time[] = {1, 2, 3}, event[] = {1, 1, 0};
	double c = 0;
	assert_int_equal(anker_harrell_c(ctx, risk, time, event, 3, INFINITY, &c, err), 0);
	assert_float_equal(c, 2.0 / 3, 1e-15);
	assert_int_equal(anker_harrell_c(ctx, risk, time, event, 3, 1.5, &c, err), 0);
	assert_float_equal(c, 1, 0); /* only the event at 1 counts */
	assert_int_equal(anker_harrell_c(ctx, risk, time, event, 0, INFINITY, &c, err), 0);
	assert_true(isnan(c));
	const double bad_time[] = {1, -2, 3}, bad_event[] = {1, 0.5, 0};
	assert_int_equal(anker_harrell_c(ctx, risk, bad_time, event, 3, INFINITY, &c, err),
			 ANKER_E_BAD_VALUE);
	assert_string_equal(anker_error_field(err), "time");
	assert_int_equal(anker_harrell_c(ctx, risk, time, bad_event, 3, INFINITY, &c, err),
			 ANKER_E_BAD_VALUE);
	assert_string_equal(anker_error_field(err), "event");
	assert_int_equal(anker_harrell_c(ctx, risk, time, event, 3, NAN, &c, err),
			 ANKER_E_INVALID_ARGUMENT);
	anker_error_free(err);
	anker_ctx_unref(ctx);
}

/* The recalibration fit must fail as NaN, never reach GSL's aborting error
 * handler: equal predictions (a singular information matrix), complete
 * separation (diverging coefficients) and predictions of exactly 0 and 1. */
static void test_recalibration_cannot_abort(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	const double same[] = {0.3, 0.3, 0.3, 0.3}, y[] = {0, 1, 0, 1};
	struct anker_evaluation *ev = evaluation(ctx, same, y, 4);
	assert_int_equal(anker_evaluation_compute(ev, NULL), 0);
	assert_true(isnan(anker_evaluation_get(ev, ANKER_EVAL_CALIBRATION_SLOPE)));
	/* with logit(p) as offset: a = logit(1/2) - logit(0.3) */
	assert_float_equal(anker_evaluation_get(ev, ANKER_EVAL_CITL_INTERCEPT), -log(0.3 / 0.7),
			   1e-9);
	assert_float_equal(anker_evaluation_get(ev, ANKER_EVAL_AUC), 0.5, 0);
	anker_evaluation_free(ev);

	const double separated[] = {0.1, 0.2, 0.7, 0.8}, y2[] = {0, 0, 1, 1};
	ev = evaluation(ctx, separated, y2, 4);
	assert_int_equal(anker_evaluation_compute(ev, NULL), 0);
	assert_true(isnan(anker_evaluation_get(ev, ANKER_EVAL_CALIBRATION_SLOPE)));
	assert_float_equal(anker_evaluation_get(ev, ANKER_EVAL_AUC), 1, 0);
	anker_evaluation_free(ev);

	const double extremes[] = {0, 1, 0, 1, 0.5}, y3[] = {0, 1, 1, 0, 1};
	ev = evaluation(ctx, extremes, y3, 5);
	assert_int_equal(anker_evaluation_compute(ev, NULL), 0);
	/* two confident misses at the clipped e and 1 - e (e = DBL_EPSILON, so that
	 * 1 - e is exact), two confident hits, and ln 2: scikit-learn's 14.556090791758852 */
	double e = DBL_EPSILON;
	double loss = (-2 * log(e) - 2 * log1p(-e) + log(2)) / 5;
	assert_float_equal(loss, 14.556090791758852, 1e-12);
	assert_float_equal(anker_evaluation_get(ev, ANKER_EVAL_LOG_LOSS), loss, 1e-9);
	assert_true(isnan(anker_evaluation_get(ev, ANKER_EVAL_HL_STATISTIC)));
	anker_evaluation_free(ev);
	anker_ctx_unref(ctx);
}

/* Every allocation fails in turn: ANKER_E_NO_MEMORY each time, never a leak. */
static void test_out_of_memory(void **state)
{
	(void)state;
	const double p[] = {0.1, 0.4, 0.35, 0.8, 0.6}, y[] = {0, 0, 1, 1, 0};
	const char *const g[] = {"a", "b", "a", "c", "b"};
	bool done = false;
	for (size_t fail_after = 0; !done && fail_after < 1000; fail_after++) {
		struct anker_ctx *ctx = test_ctx_new_failing(fail_after);
		struct anker_evaluation *ev = NULL;
		double psi = 0, c = 0;
		int r = anker_evaluation_new(ctx, p, y, 5, &ev, NULL);
		if (r == 0)
			r = anker_evaluation_add_grouping(ev, "g", g, NULL, NULL);
		if (r == 0)
			r = anker_evaluation_compute(ev, NULL);
		if (r == 0)
			r = anker_psi_numbers(ctx, p, 5, y, 5, &psi, NULL, NULL);
		if (r == 0)
			r = anker_psi_edges(ctx, p, 2, y, 5, p, 5, &psi, NULL, NULL);
		if (r == 0)
			r = anker_harrell_c(ctx, p, y, y, 5, INFINITY, &c, NULL);
		if (r == 0)
			done = true;
		else
			assert_int_equal(r, ANKER_E_NO_MEMORY);
		anker_evaluation_free(ev);
		anker_ctx_unref(ctx);
	}
	assert_true(done);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_hand_computed),
	    cmocka_unit_test(test_bad_input),
	    cmocka_unit_test(test_fairness),
	    cmocka_unit_test(test_bands),
	    cmocka_unit_test(test_psi),
	    cmocka_unit_test(test_psi_edges),
	    cmocka_unit_test(test_harrell),
	    cmocka_unit_test(test_recalibration_cannot_abort),
	    cmocka_unit_test(test_out_of_memory),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
