/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Scoring one case: every term type, both links, missing and range policies,
 * type rules, explanations and error reporting. Expected values are worked out
 * by hand in the comments (and were checked with numpy); none is copied from
 * the library's own output.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test-full-model.h"
#include "test-util.h"
#include "model/model-private.h"
#include "model/score-private.h"

/* Model JSON is written with ' for " to keep it readable. */
#define HEAD                                                                                     \
	"{'format':'anker-model','format_version':1,'kind':'binary','id':'score-test',"         \
	"'name':'Score test','version':'1.0.0','toets':'AMT',"                                  \
	"'outcome':{'description':'work within 6 months','horizon_months':6},"                  \
	"'valid_from':'2026-01-01','provenance':{'statement':'Test model, not an official UWV "  \
	"model.','data':'none','fitted_by':'libanker tests'},"

/* Every term type; variables with every missing and range policy. */
static const char full_model[] = HEAD
	TEST_FULL_MODEL_BODY;

enum { T_BASE, T_AGE, T_HOURS, T_MONTHS, T_WOMAN, T_EDUCATION, T_REGION, T_SECTOR,
       T_CARE_WOMAN, T_AGE_HIGHER, N_TERMS };

/* eta = 0.25 + 0.5 * x, for the exact-threshold and link checks. */
static struct anker_model *tiny_model(struct anker_ctx *ctx, const char *link, const char *boundary)
{
	char text[2048];
	snprintf(text, sizeof(text),
		 HEAD "'variables':[{'name':'x','kind':'numeric','range':[-5,5]}],"
		      "'link':'%s','terms':["
		      "{'type':'intercept','name':'base','label':'Baseline','coef':0.25},"
		      "{'type':'linear','name':'x','label':'X','variable':'x','coef':0.5}],"
		      "'bands':{'boundary':'%s','items':[{'name':'below','upper':0.5},"
		      "{'name':'above'}]}}",
		 link, boundary);
	return test_model_from_quoted(ctx, text);
}


/* Case A: every value given and inside its range; @p skip (if any) is left unset. */
static void set_case_a_except(struct anker_case *c, const char *skip)
{
	anker_case_clear(c);
#define SET(setter, name, value)                                            \
	if (!skip || strcmp(skip, name) != 0)                                \
		assert_int_equal(setter(c, name, value), 0);
	SET(anker_case_set_number, "age", 52);
	SET(anker_case_set_number, "hours", 20);
	SET(anker_case_set_number, "months", 3);
	SET(anker_case_set_bool, "female", 1);
	SET(anker_case_set_bool, "care_duties", 1);
	SET(anker_case_set_level, "education", "higher");
	SET(anker_case_set_level, "region", "north");
	SET(anker_case_set_level, "sector", "care");
#undef SET
}

static void set_case_a(struct anker_case *c)
{
	set_case_a_except(c, NULL);
}

static void score_ok(struct test_fixture *f, unsigned int flags)
{
	int r = anker_model_score(f->model, f->c, flags, f->res, f->err);
	if (r != 0)
		print_error("unexpected failure: %s\n", anker_error_message(f->err));
	assert_int_equal(r, 0);
}

static void expect_failure(struct test_fixture *f, int code, const char *field)
{
	anker_error_clear(f->err);
	assert_int_equal(anker_model_score(f->model, f->c, 0, f->res, f->err), code);
	assert_int_equal(anker_error_code(f->err), code);
	if (field)
		assert_string_equal(anker_error_field(f->err), field);
	else
		assert_null(anker_error_field(f->err));
	assert_int_equal(anker_error_case_index(f->err), -1);
}

/* The linear predictor is the sum of the contributions in term order, exactly. */
static void assert_sum_exact(const struct anker_result *res)
{
	double sum = 0.0;
	for (size_t t = 0; t < anker_result_get_contribution_count(res); t++)
		sum += anker_result_get_contribution(res, t);
	assert_true(sum == anker_result_get_linear_predictor(res));
}

static void test_every_term(void **state)
{
	(void)state;
	struct test_fixture *f = test_fixture_new(full_model);
	set_case_a(f->c);
	score_ok(f, 0);
	const struct anker_result *res = f->res;

	/*
	 * base                  0.5
	 * age 52                -0.02 * (52 - 40)                  = -0.24
	 * hours 20 (10..30)     0.25 + (0.75 - 0.25) * (20-10)/(30-10) = 0.5
	 * months 3, on edge 3   one edge <= 3 -> effects[1]         = 0
	 * female                -0.1 * (1 - 0)                     = -0.1
	 * education higher      0.6
	 * region north          -0.15
	 * sector care           0.4
	 * female * care         -0.4 * 1 * 1                       = -0.4
	 * age * [higher]        0.01 * 52 * 1                      = 0.52
	 * eta = 1.63; p = 1 / (1 + exp(-1.63)) = 0.8361696387766411 (numpy) -> band top.
	 */
	assert_int_equal(anker_result_get_contribution_count(res), N_TERMS);
	assert_true(anker_result_get_contribution(res, T_BASE) == 0.5);
	assert_close(anker_result_get_contribution(res, T_AGE), -0.24, 1e-15);
	assert_true(anker_result_get_contribution(res, T_HOURS) == 0.5);
	assert_true(anker_result_get_contribution(res, T_MONTHS) == 0.0);
	assert_close(anker_result_get_contribution(res, T_WOMAN), -0.1, 1e-15);
	assert_true(anker_result_get_contribution(res, T_EDUCATION) == 0.6);
	assert_true(anker_result_get_contribution(res, T_REGION) == -0.15);
	assert_true(anker_result_get_contribution(res, T_SECTOR) == 0.4);
	assert_close(anker_result_get_contribution(res, T_CARE_WOMAN), -0.4, 1e-15);
	assert_close(anker_result_get_contribution(res, T_AGE_HIGHER), 0.52, 1e-15);
	assert_sum_exact(res);
	assert_close(anker_result_get_linear_predictor(res), 1.63, 1e-14);
	assert_close(anker_result_get_probability(res), 0.8361696387766411, 1e-14);
	assert_int_equal(anker_result_get_band(res), 3);
	assert_string_equal(anker_result_get_band_name(res), "top");
	assert_ptr_equal(anker_result_get_model(res), f->model);

	assert_string_equal(anker_result_get_contribution_label(res, T_BASE), "Baseline");
	assert_string_equal(anker_result_get_contribution_label(res, T_AGE_HIGHER),
			    "Age with higher education");
	const char *details[N_TERMS] = {
		"baseline",
		"age = 52",
		"hours = 20",
		"months = 3",
		"female = yes",
		"education = higher (reference: basic)",
		"region = north (reference: west)",
		"sector = care (reference: other)",
		"female = yes, care_duties = yes",
		"age = 52, education = higher",
	};
	for (size_t t = 0; t < N_TERMS; t++)
		assert_string_equal(anker_result_get_contribution_detail(res, t), details[t]);
	assert_null(anker_result_get_contribution_detail(res, N_TERMS));
	assert_null(anker_result_get_contribution_label(res, N_TERMS));
	assert_true(isnan(anker_result_get_contribution(res, N_TERMS)));
	test_fixture_free(f);
}

static void test_clamp_missing_reference(void **state)
{
	(void)state;
	struct test_fixture *f = test_fixture_new(full_model);
	assert_int_equal(anker_case_set_number(f->c, "age", 70), 0);     /* clamped to 67 */
	assert_int_equal(anker_case_set_number(f->c, "hours", 35), 0);   /* above the last knot */
	assert_int_equal(anker_case_set_number(f->c, "months", 12), 0);  /* exactly on edge 12 */
	assert_int_equal(anker_case_set_bool(f->c, "female", 0), 0);
	assert_int_equal(anker_case_set_bool(f->c, "care_duties", 1), 0);
	assert_int_equal(anker_case_set_missing(f->c, "education"), 0); /* -> level unknown */
	/* region not set at all: imputed west */
	assert_int_equal(anker_case_set_level(f->c, "sector", "other"), 0);
	score_ok(f, 0);
	const struct anker_result *res = f->res;

	/*
	 * base 0.5; age -0.02 * (67 - 40) = -0.54; hours 35 > 30: flat at 0.75;
	 * months 12: both edges <= 12 -> effects[2] = -0.6; female 0: -0.1 * 0 = 0;
	 * education unknown -0.1; region west (reference) 0; sector other (reference) 0;
	 * female * care = 0; age * [higher] = 67 * 0 = 0.
	 * eta = 0.5 - 0.54 + 0.75 - 0.6 - 0.1 = 0.01 (0.009999999999999981 in doubles, numpy)
	 * p = 0.5024999791668749 -> band high (0.5 < p <= 0.75).
	 */
	assert_close(anker_result_get_contribution(res, T_AGE), -0.54, 1e-15);
	assert_true(anker_result_get_contribution(res, T_HOURS) == 0.75);
	assert_true(anker_result_get_contribution(res, T_MONTHS) == -0.6);
	assert_true(anker_result_get_contribution(res, T_WOMAN) == 0.0);
	assert_true(anker_result_get_contribution(res, T_EDUCATION) == -0.1);
	assert_true(anker_result_get_contribution(res, T_REGION) == 0.0);
	assert_true(anker_result_get_contribution(res, T_SECTOR) == 0.0);
	assert_true(anker_result_get_contribution(res, T_CARE_WOMAN) == 0.0);
	assert_true(anker_result_get_contribution(res, T_AGE_HIGHER) == 0.0);
	assert_sum_exact(res);
	assert_close(anker_result_get_linear_predictor(res), 0.01, 1e-14);
	assert_close(anker_result_get_probability(res), 0.5024999791668749, 1e-14);
	assert_int_equal(anker_result_get_band(res), 2);
	assert_string_equal(anker_result_get_band_name(res), "high");

	assert_string_equal(anker_result_get_contribution_detail(res, T_AGE),
			    "age = 67 (clamped from 70)");
	assert_string_equal(anker_result_get_contribution_detail(res, T_HOURS), "hours = 35");
	assert_string_equal(anker_result_get_contribution_detail(res, T_MONTHS), "months = 12");
	assert_string_equal(anker_result_get_contribution_detail(res, T_WOMAN), "female = no");
	assert_string_equal(anker_result_get_contribution_detail(res, T_EDUCATION),
			    "education = unknown (missing)");
	assert_string_equal(anker_result_get_contribution_detail(res, T_REGION),
			    "region = west (missing, imputed)");
	assert_string_equal(anker_result_get_contribution_detail(res, T_SECTOR),
			    "sector = other (reference)");
	assert_string_equal(anker_result_get_contribution_detail(res, T_CARE_WOMAN),
			    "female = no, care_duties = yes");
	assert_string_equal(anker_result_get_contribution_detail(res, T_AGE_HIGHER),
			    "age = 67 (clamped from 70), education = unknown (missing)");

	/* Clamping from below: -0.02 * (18 - 40) = 0.44. */
	assert_int_equal(anker_case_set_number(f->c, "age", 10), 0);
	score_ok(f, 0);
	assert_close(anker_result_get_contribution(res, T_AGE), 0.44, 1e-15);
	assert_string_equal(anker_result_get_contribution_detail(res, T_AGE),
			    "age = 18 (clamped from 10)");
	/* The bounds themselves are no clamping. */
	assert_int_equal(anker_case_set_number(f->c, "age", 18), 0);
	score_ok(f, 0);
	assert_string_equal(anker_result_get_contribution_detail(res, T_AGE), "age = 18");
	test_fixture_free(f);
}

static double hours_contribution(struct test_fixture *f, double hours)
{
	assert_int_equal(anker_case_set_number(f->c, "hours", hours), 0);
	score_ok(f, 0);
	assert_sum_exact(f->res);
	return anker_result_get_contribution(f->res, T_HOURS);
}

static void test_spline(void **state)
{
	(void)state;
	struct test_fixture *f = test_fixture_new(full_model);
	set_case_a(f->c);
	/* knots 5, 10, 30; values -0.5, 0.25, 0.75; all arithmetic below is exact in binary */
	assert_true(hours_contribution(f, 0) == -0.5);    /* below the first knot: flat */
	assert_true(hours_contribution(f, 2) == -0.5);
	assert_true(hours_contribution(f, 5) == -0.5);    /* at the first knot */
	assert_true(hours_contribution(f, 7.5) == -0.125); /* -0.5 + 0.75 * (2.5 / 5) */
	assert_true(hours_contribution(f, 10) == 0.25);   /* at the middle knot */
	assert_true(hours_contribution(f, 15) == 0.375);  /* 0.25 + 0.5 * (5 / 20) */
	assert_true(hours_contribution(f, 30) == 0.75);   /* at the last knot */
	assert_true(hours_contribution(f, 40) == 0.75);   /* above: flat */
	/* 0.25 + 0.5 * (12.5 - 10) / 20 = 0.3125, and the detail shows the decimal */
	assert_true(hours_contribution(f, 12.5) == 0.3125);
	assert_string_equal(anker_result_get_contribution_detail(f->res, T_HOURS), "hours = 12.5");
	test_fixture_free(f);
}

static double months_contribution(struct test_fixture *f, double months)
{
	assert_int_equal(anker_case_set_number(f->c, "months", months), 0);
	score_ok(f, 0);
	return anker_result_get_contribution(f->res, T_MONTHS);
}

static void test_bins(void **state)
{
	(void)state;
	struct test_fixture *f = test_fixture_new(full_model);
	set_case_a(f->c);
	/* edges 3, 12; effects 0.3 (x < 3), 0 (3 <= x < 12), -0.6 (x >= 12) */
	assert_true(months_contribution(f, 0) == 0.3);
	assert_true(months_contribution(f, nextafter(3, 0)) == 0.3);
	assert_true(months_contribution(f, 3) == 0.0); /* on an edge: the upper bin */
	assert_true(months_contribution(f, 11.5) == 0.0);
	assert_true(months_contribution(f, 12) == -0.6);
	assert_true(months_contribution(f, 24) == -0.6);
	/* missing: imputed 6 -> the middle bin */
	assert_true(months_contribution(f, NAN) == 0.0);
	assert_string_equal(anker_result_get_contribution_detail(f->res, T_MONTHS),
			    "months = 6 (missing, imputed)");
	test_fixture_free(f);
}

static void test_interactions(void **state)
{
	(void)state;
	struct test_fixture *f = test_fixture_new(full_model);
	set_case_a(f->c);
	static const struct {
		int female, care;
		double expected;
		const char *detail;
	} combos[] = {
		{ 1, 1, -0.4, "female = yes, care_duties = yes" }, /* -0.4 * 1 * 1 */
		{ 1, 0, 0.0, "female = yes, care_duties = no" },   /* -0.4 * 1 * 0 */
		{ 0, 1, 0.0, "female = no, care_duties = yes" },
		{ 0, 0, 0.0, "female = no, care_duties = no" },
	};
	for (size_t i = 0; i < sizeof(combos) / sizeof(combos[0]); i++) {
		assert_int_equal(anker_case_set_bool(f->c, "female", combos[i].female), 0);
		assert_int_equal(anker_case_set_bool(f->c, "care_duties", combos[i].care), 0);
		score_ok(f, 0);
		assert_close(anker_result_get_contribution(f->res, T_CARE_WOMAN),
			     combos[i].expected, 1e-15);
		assert_string_equal(anker_result_get_contribution_detail(f->res, T_CARE_WOMAN),
				    combos[i].detail);
	}

	/* age * [education == higher]: on for higher (0.01 * 30 = 0.3), off otherwise */
	assert_int_equal(anker_case_set_number(f->c, "age", 30), 0);
	score_ok(f, 0);
	assert_close(anker_result_get_contribution(f->res, T_AGE_HIGHER), 0.3, 1e-15);
	assert_int_equal(anker_case_set_level(f->c, "education", "vocational"), 0);
	score_ok(f, 0);
	assert_true(anker_result_get_contribution(f->res, T_AGE_HIGHER) == 0.0);
	assert_true(anker_result_get_contribution(f->res, T_EDUCATION) == 0.2);
	assert_string_equal(anker_result_get_contribution_detail(f->res, T_AGE_HIGHER),
			    "age = 30, education = vocational");
	assert_string_equal(anker_result_get_contribution_detail(f->res, T_EDUCATION),
			    "education = vocational (reference: basic)");
	test_fixture_free(f);
}

static void test_missing_policies(void **state)
{
	(void)state;
	struct test_fixture *f = test_fixture_new(full_model);

	/* impute: three ways of being missing, one outcome (age imputed 40 -> -0.02 * 0) */
	for (int way = 0; way < 3; way++) {
		set_case_a_except(f->c, way == 2 ? "age" : NULL);
		if (way == 0)
			assert_int_equal(anker_case_set_missing(f->c, "age"), 0);
		else if (way == 1)
			assert_int_equal(anker_case_set_number(f->c, "age", NAN), 0);
		score_ok(f, 0);
		assert_true(anker_result_get_contribution(f->res, T_AGE) == 0.0);
		assert_close(anker_result_get_contribution(f->res, T_AGE_HIGHER), 0.4, 1e-15);
		assert_string_equal(anker_result_get_contribution_detail(f->res, T_AGE),
				    "age = 40 (missing, imputed)");
	}

	/* boolean impute: female imputed false */
	set_case_a(f->c);
	assert_int_equal(anker_case_set_missing(f->c, "female"), 0);
	score_ok(f, 0);
	assert_true(anker_result_get_contribution(f->res, T_WOMAN) == 0.0);
	assert_string_equal(anker_result_get_contribution_detail(f->res, T_WOMAN),
			    "female = no (missing, imputed)");
	assert_string_equal(anker_result_get_contribution_detail(f->res, T_CARE_WOMAN),
			    "female = no (missing, imputed), care_duties = yes");

	/* categorical "level" and "impute" policies */
	set_case_a(f->c);
	assert_int_equal(anker_case_set_missing(f->c, "education"), 0);
	assert_int_equal(anker_case_set_missing(f->c, "region"), 0);
	score_ok(f, 0);
	assert_true(anker_result_get_contribution(f->res, T_EDUCATION) == -0.1);
	assert_true(anker_result_get_contribution(f->res, T_REGION) == 0.0);
	assert_string_equal(anker_result_get_contribution_detail(f->res, T_REGION),
			    "region = west (missing, imputed)");

	/* reject: explicit, NaN and absent */
	set_case_a(f->c);
	assert_int_equal(anker_case_set_missing(f->c, "hours"), 0);
	expect_failure(f, ANKER_E_MISSING_VALUE, "hours");
	assert_int_equal(anker_case_set_number(f->c, "hours", NAN), 0);
	expect_failure(f, ANKER_E_MISSING_VALUE, "hours");
	set_case_a(f->c);
	assert_int_equal(anker_case_set_missing(f->c, "care_duties"), 0);
	expect_failure(f, ANKER_E_MISSING_VALUE, "care_duties");
	set_case_a(f->c);
	assert_int_equal(anker_case_set_missing(f->c, "sector"), 0);
	expect_failure(f, ANKER_E_MISSING_VALUE, "sector");
	anker_case_clear(f->c); /* an empty case fails on the first variable that rejects */
	expect_failure(f, ANKER_E_MISSING_VALUE, "hours");
	test_fixture_free(f);
}

static void test_range_policies(void **state)
{
	(void)state;
	struct test_fixture *f = test_fixture_new(full_model);
	set_case_a(f->c);
	assert_int_equal(anker_case_set_number(f->c, "hours", 40.5), 0);
	expect_failure(f, ANKER_E_OUT_OF_RANGE, "hours");
	assert_non_null(strstr(anker_error_message(f->err), "[0, 40]"));
	assert_int_equal(anker_case_set_number(f->c, "hours", -1), 0);
	expect_failure(f, ANKER_E_OUT_OF_RANGE, "hours");
	assert_int_equal(anker_case_set_number(f->c, "hours", INFINITY), 0);
	expect_failure(f, ANKER_E_OUT_OF_RANGE, "hours");

	/* infinities are rejected even where out-of-range values are clamped */
	set_case_a(f->c);
	assert_int_equal(anker_case_set_number(f->c, "age", INFINITY), 0);
	expect_failure(f, ANKER_E_OUT_OF_RANGE, "age");
	assert_int_equal(anker_case_set_number(f->c, "age", -INFINITY), 0);
	expect_failure(f, ANKER_E_OUT_OF_RANGE, "age");

	/* the bounds are inside the range */
	set_case_a(f->c);
	assert_int_equal(anker_case_set_number(f->c, "hours", 0), 0);
	score_ok(f, 0);
	assert_int_equal(anker_case_set_number(f->c, "hours", 40), 0);
	score_ok(f, 0);
	test_fixture_free(f);
}

static void test_type_rules(void **state)
{
	(void)state;
	struct test_fixture *f = test_fixture_new(full_model);

	set_case_a(f->c);
	assert_int_equal(anker_case_set_number(f->c, "education", 2), 0);
	expect_failure(f, ANKER_E_TYPE_MISMATCH, "education");
	assert_int_equal(anker_case_set_bool(f->c, "education", 1), 0);
	expect_failure(f, ANKER_E_TYPE_MISMATCH, "education");
	assert_int_equal(anker_case_set_level(f->c, "education", "phd"), 0);
	expect_failure(f, ANKER_E_UNKNOWN_LEVEL, "education");
	assert_int_equal(anker_case_set_level(f->c, "education", "Higher"), 0); /* exact match */
	expect_failure(f, ANKER_E_UNKNOWN_LEVEL, "education");

	set_case_a(f->c);
	assert_int_equal(anker_case_set_level(f->c, "age", "old"), 0);
	expect_failure(f, ANKER_E_TYPE_MISMATCH, "age");
	assert_int_equal(anker_case_set_bool(f->c, "age", 1), 0); /* strict: no bool for numbers */
	expect_failure(f, ANKER_E_TYPE_MISMATCH, "age");

	set_case_a(f->c);
	assert_int_equal(anker_case_set_level(f->c, "female", "yes"), 0);
	expect_failure(f, ANKER_E_TYPE_MISMATCH, "female");
	static const double not_boolean[] = { 0.5, 2, -1, INFINITY };
	for (size_t i = 0; i < sizeof(not_boolean) / sizeof(not_boolean[0]); i++) {
		assert_int_equal(anker_case_set_number(f->c, "female", not_boolean[i]), 0);
		expect_failure(f, ANKER_E_OUT_OF_RANGE, "female");
	}

	/* 0 and 1 as numbers score exactly like the booleans */
	for (int v = 0; v <= 1; v++) {
		set_case_a(f->c);
		assert_int_equal(anker_case_set_bool(f->c, "female", v), 0);
		score_ok(f, 0);
		double lp_bool = anker_result_get_linear_predictor(f->res);
		assert_int_equal(anker_case_set_number(f->c, "female", v), 0);
		score_ok(f, 0);
		assert_true(anker_result_get_linear_predictor(f->res) == lp_bool);
		assert_string_equal(anker_result_get_contribution_detail(f->res, T_WOMAN),
				    v ? "female = yes" : "female = no");
	}
	test_fixture_free(f);
}

static void test_unknown_variable(void **state)
{
	(void)state;
	struct test_fixture *f = test_fixture_new(full_model);
	set_case_a(f->c);
	assert_int_equal(anker_case_set_number(f->c, "shoe_size", 43), 0);
	expect_failure(f, ANKER_E_UNKNOWN_VARIABLE, "shoe_size");
	assert_non_null(strstr(anker_error_message(f->err), "shoe_size"));

	/* ignored on request; the score equals case A's (eta 1.63) */
	score_ok(f, ANKER_SCORE_IGNORE_EXTRA);
	assert_close(anker_result_get_linear_predictor(f->res), 1.63, 1e-14);
	assert_int_equal(anker_result_get_contribution_count(f->res), N_TERMS);

	/* an unknown name wins over later problems, with or without ignoring */
	assert_int_equal(anker_case_set_missing(f->c, "hours"), 0);
	expect_failure(f, ANKER_E_UNKNOWN_VARIABLE, "shoe_size");
	anker_error_clear(f->err);
	assert_int_equal(
		anker_model_score(f->model, f->c, ANKER_SCORE_IGNORE_EXTRA, f->res, f->err),
		ANKER_E_MISSING_VALUE);
	assert_string_equal(anker_error_field(f->err), "hours");
	test_fixture_free(f);
}

struct snapshot {
	double lp, p;
	int band;
	size_t count;
	double contributions[N_TERMS];
	char details[N_TERMS][128];
};

static void take(const struct anker_result *res, struct snapshot *s)
{
	memset(s, 0, sizeof(*s));
	s->lp = anker_result_get_linear_predictor(res);
	s->p = anker_result_get_probability(res);
	s->band = anker_result_get_band(res);
	s->count = anker_result_get_contribution_count(res);
	for (size_t t = 0; t < s->count && t < N_TERMS; t++) {
		s->contributions[t] = anker_result_get_contribution(res, t);
		snprintf(s->details[t], sizeof(s->details[t]), "%s",
			 anker_result_get_contribution_detail(res, t));
	}
}

static void assert_same(const struct snapshot *a, const struct snapshot *b)
{
	assert_memory_equal(a, b, sizeof(*a));
}

static void test_result_unchanged_on_failure(void **state)
{
	(void)state;
	struct test_fixture *f = test_fixture_new(full_model);
	struct snapshot before, after;
	set_case_a(f->c);
	score_ok(f, 0);
	take(f->res, &before);

	assert_int_equal(anker_case_set_number(f->c, "shoe_size", 43), 0);
	expect_failure(f, ANKER_E_UNKNOWN_VARIABLE, "shoe_size");
	take(f->res, &after);
	assert_same(&before, &after);

	set_case_a(f->c);
	assert_int_equal(anker_case_set_number(f->c, "age", 30), 0); /* resolved before the error */
	assert_int_equal(anker_case_set_level(f->c, "sector", "mining"), 0);
	expect_failure(f, ANKER_E_UNKNOWN_LEVEL, "sector");
	take(f->res, &after);
	assert_same(&before, &after);

	assert_int_equal(anker_model_score(f->model, f->c, 0x100, f->res, NULL),
			 ANKER_E_INVALID_ARGUMENT);
	take(f->res, &after);
	assert_same(&before, &after);
	assert_ptr_equal(anker_result_get_model(f->res), f->model);
	test_fixture_free(f);
}

static void test_links_and_boundaries(void **state)
{
	(void)state;
	struct test_fixture *f = test_fixture_new(full_model);
	static const struct {
		const char *link, *boundary;
		int band_at_half;
	} variants[] = {
		{ "logit", "lower", 0 },  /* p == 0.5 <= 0.5: the lower band */
		{ "logit", "upper", 1 },  /* p == 0.5 is not < 0.5: the upper band */
		{ "probit", "lower", 0 },
		{ "probit", "upper", 1 },
	};
	anker_case_clear(f->c);
	for (size_t i = 0; i < sizeof(variants) / sizeof(variants[0]); i++) {
		struct anker_model *model =
			tiny_model(f->ctx, variants[i].link, variants[i].boundary);
		/* eta = 0.25 + 0.5 * -0.5 = 0 exactly; both links give exactly 0.5 */
		assert_int_equal(anker_case_set_number(f->c, "x", -0.5), 0);
		assert_int_equal(anker_model_score(model, f->c, 0, f->res, f->err), 0);
		assert_true(anker_result_get_linear_predictor(f->res) == 0.0);
		assert_true(anker_result_get_probability(f->res) == 0.5);
		assert_int_equal(anker_result_get_band(f->res), variants[i].band_at_half);
		assert_int_equal(anker_result_get_contribution_count(f->res), 2);
		assert_ptr_equal(anker_result_get_model(f->res), model);
		assert_string_equal(anker_result_get_contribution_detail(f->res, 1), "x = -0.5");

		/* eta = 0.25 + 0.5 = 0.75 */
		assert_int_equal(anker_case_set_number(f->c, "x", 1), 0);
		assert_int_equal(anker_model_score(model, f->c, 0, f->res, f->err), 0);
		assert_true(anker_result_get_linear_predictor(f->res) == 0.75);
		if (strcmp(variants[i].link, "logit") == 0)
			/* 1 / (1 + exp(-0.75)) */
			assert_close(anker_result_get_probability(f->res), 0.6791786991753930,
				     1e-14);
		else
			/* scipy.stats.norm.cdf(0.75) */
			assert_close(anker_result_get_probability(f->res), 0.7733726476231317,
				     1e-14);
		assert_int_equal(anker_result_get_band(f->res), 1);
		assert_string_equal(anker_result_get_band_name(f->res), "above");

		/* eta = 0.25 - 1.5 = -1.25:
		 * norm.cdf = 0.10564977366685535, logistic 0.22270013882530884 */
		assert_int_equal(anker_case_set_number(f->c, "x", -3), 0);
		assert_int_equal(anker_model_score(model, f->c, 0, f->res, f->err), 0);
		assert_close(anker_result_get_probability(f->res),
			     strcmp(variants[i].link, "logit") == 0 ? 0.22270013882530884
								    : 0.10564977366685535,
			     1e-14);
		assert_int_equal(anker_result_get_band(f->res), 0);
		assert_string_equal(anker_result_get_band_name(f->res), "below");
		assert_string_equal(anker_result_get_contribution_detail(f->res, 1), "x = -3");

		/* the result keeps its model alive */
		anker_model_unref(model);
		assert_string_equal(anker_result_get_contribution_label(f->res, 1), "X");
	}
	test_fixture_free(f);
}

static void test_linear_predictor_not_a_number(void **state)
{
	(void)state;
	struct test_fixture *f = test_fixture_new(full_model);
	struct anker_model *model = test_model_from_quoted(
		f->ctx, HEAD "'variables':[{'name':'x','kind':'numeric','range':[-10,10]}],"
			     "'link':'logit','terms':["
			     "{'type':'linear','name':'up','label':'Up','variable':'x','coef':1},"
			     "{'type':'linear','name':'down','label':'Down','variable':'x',"
			     " 'coef':-1}],"
			     "'bands':{'boundary':'lower','items':[{'name':'all'}]}}");
	/*
	 * The loader caps every number at 1e15, which keeps any sum of products
	 * finite; the scorer still guards against overflow, so reach that guard by
	 * editing the loaded model.
	 */
	((struct anker_linear *)model->linear)->terms[0].coef = 1e308;
	((struct anker_linear *)model->linear)->terms[1].coef = -1e308;
	anker_case_clear(f->c);
	/* x = 0: both terms 0, fine */
	assert_int_equal(anker_case_set_number(f->c, "x", 0), 0);
	assert_int_equal(anker_model_score(model, f->c, 0, f->res, f->err), 0);
	assert_true(anker_result_get_probability(f->res) == 0.5);
	/* x = 10: 1e309 overflows to inf, -inf, and inf + -inf is NaN */
	assert_int_equal(anker_case_set_number(f->c, "x", 10), 0);
	anker_error_clear(f->err);
	assert_int_equal(anker_model_score(model, f->c, 0, f->res, f->err), ANKER_E_OUT_OF_RANGE);
	assert_null(anker_error_field(f->err));
	assert_true(anker_result_get_probability(f->res) == 0.5); /* unchanged */
	anker_model_unref(model);
	test_fixture_free(f);
}

static void test_detail_numbers(void **state)
{
	(void)state;
	struct test_fixture *f = test_fixture_new(full_model);
	set_case_a(f->c);
	/*
	 * Details are for people: at most 15 significant digits, so a decimal shows
	 * as typed, and the double next to it (52.300000000000004) looks the same.
	 */
	assert_int_equal(anker_case_set_number(f->c, "age", 52.3), 0);
	score_ok(f, 0);
	assert_string_equal(anker_result_get_contribution_detail(f->res, T_AGE), "age = 52.3");
	assert_int_equal(anker_case_set_number(f->c, "age", nextafter(52.3, 100)), 0);
	score_ok(f, 0);
	assert_string_equal(anker_result_get_contribution_detail(f->res, T_AGE), "age = 52.3");
	assert_int_equal(anker_case_set_number(f->c, "age", 100.0 / 3.0), 0);
	score_ok(f, 0);
	assert_string_equal(anker_result_get_contribution_detail(f->res, T_AGE),
			    "age = 33.3333333333333");
	assert_int_equal(anker_case_set_number(f->c, "age", 40.000001), 0);
	score_ok(f, 0);
	assert_string_equal(anker_result_get_contribution_detail(f->res, T_AGE),
			    "age = 40.000001");
	assert_int_equal(anker_case_set_number(f->c, "age", 70.25), 0);
	score_ok(f, 0);
	assert_string_equal(anker_result_get_contribution_detail(f->res, T_AGE),
			    "age = 67 (clamped from 70.25)");
	test_fixture_free(f);
}

/* The number formatter behind details and messages, whatever the process locale. */
static void test_number_format(void **state)
{
	(void)state;
	static const struct {
		double v;
		const char *text;
	} cases[] = {
		{ 52, "52" },
		{ -3, "-3" },
		{ -0.0, "0" },
		{ 0.5, "0.5" },
		{ 0.05, "0.05" },
		{ -0.125, "-0.125" },
		{ 12.5, "12.5" },
		{ 52.3, "52.3" },
		{ 0.1 + 0.2, "0.3" }, /* 0.30000000000000004 to 15 digits */
		{ 1e-6, "0.000001" },
		{ 1.5e-7, "1.5e-07" },
		{ 123456789012345.0, "123456789012345" },
		{ 1e15, "1e+15" },
		{ 1e20, "1e+20" },
		{ 100.0 / 3.0, "33.3333333333333" },
		{ 2.0 / 3.0, "0.666666666666667" },
		{ -1234.5678, "-1234.5678" },
		{ NAN, "nan" },
		{ INFINITY, "inf" },
		{ -INFINITY, "-inf" },
	};
	char buf[ANKER_NUMBER_MAX];
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t len = anker_format_number(cases[i].v, buf);
		assert_string_equal(buf, cases[i].text);
		assert_int_equal(len, strlen(cases[i].text));
	}

	/* Any decimal with up to 15 significant digits comes back as the same double. */
	struct anker_ctx *ctx = test_ctx_new();
	uint64_t seed = 12345;
	for (int i = 0; i < 20000; i++) {
		seed = seed * 6364136223846793005ull + 1442695040888963407ull;
		double digits = (double)((seed >> 20) % 1000000000000ull); /* up to 12 digits */
		double v = digits / pow(10, (double)((seed >> 8) % 16)) * ((seed & 1) ? -1 : 1);
		size_t len = anker_format_number(v, buf);
		double back = NAN;
		assert_int_equal(anker_parse_double(ctx, buf, len, &back), 0);
		if (back != v)
			print_error("%s does not read back as %.17g\n", buf, v);
		assert_true(back == v);
	}
	anker_ctx_unref(ctx);
}

static void test_invalid_arguments(void **state)
{
	(void)state;
	struct test_fixture *f = test_fixture_new(full_model);
	set_case_a(f->c);
	anker_error_clear(f->err);
	assert_int_equal(anker_model_score(NULL, f->c, 0, f->res, f->err),
			 ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_error_code(f->err), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_model_score(f->model, NULL, 0, f->res, NULL),
			 ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_model_score(f->model, f->c, 0, NULL, NULL),
			 ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_model_score(f->model, f->c, 4, f->res, NULL),
			 ANKER_E_INVALID_ARGUMENT);

	struct anker_result *res = NULL;
	assert_int_equal(anker_result_new(NULL, &res), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_result_new(f->ctx, NULL), ANKER_E_INVALID_ARGUMENT);
	anker_result_free(NULL);

	/* an empty result, and NULL */
	assert_true(isnan(anker_result_get_linear_predictor(f->res)));
	assert_true(isnan(anker_result_get_probability(f->res)));
	assert_int_equal(anker_result_get_band(f->res), ANKER_E_NOT_FOUND);
	assert_null(anker_result_get_band_name(f->res));
	assert_int_equal(anker_result_get_contribution_count(f->res), 0);
	assert_true(isnan(anker_result_get_contribution(f->res, 0)));
	assert_null(anker_result_get_contribution_label(f->res, 0));
	assert_null(anker_result_get_contribution_detail(f->res, 0));
	assert_null(anker_result_get_model(f->res));
	assert_true(isnan(anker_result_get_linear_predictor(NULL)));
	assert_true(isnan(anker_result_get_probability(NULL)));
	assert_true(anker_result_get_band(NULL) < 0);
	assert_null(anker_result_get_band_name(NULL));
	assert_int_equal(anker_result_get_contribution_count(NULL), 0);
	assert_true(isnan(anker_result_get_contribution(NULL, 0)));
	assert_null(anker_result_get_contribution_label(NULL, 0));
	assert_null(anker_result_get_contribution_detail(NULL, 0));
	assert_null(anker_result_get_model(NULL));
	test_fixture_free(f);
}

/*
 * Result memory: every allocation failure is reported and leaves the result as
 * it was; once a model has been scored, scoring it (or a smaller one) again
 * allocates nothing.
 */
static void test_result_memory(void **state)
{
	(void)state;
	struct test_fixture *f = test_fixture_new(full_model);
	struct anker_model *tiny = tiny_model(f->ctx, "logit", "lower");
	struct anker_case *tiny_case = NULL;
	assert_int_equal(anker_case_new(f->ctx, &tiny_case), 0);
	assert_int_equal(anker_case_set_number(tiny_case, "x", 1), 0);

	for (size_t budget = 0;; budget++) {
		assert_true(budget < 100);
		struct anker_ctx *ctx = test_ctx_new_failing(budget);
		struct anker_result *res = NULL;
		int r = anker_result_new(ctx, &res);
		if (r != 0) {
			assert_int_equal(r, ANKER_E_NO_MEMORY);
			anker_ctx_unref(ctx);
			continue;
		}
		/* first the tiny model, then the full one: the result must grow */
		r = anker_model_score(tiny, tiny_case, 0, res, f->err);
		if (r != 0) {
			assert_int_equal(r, ANKER_E_NO_MEMORY);
			assert_int_equal(anker_error_code(f->err), ANKER_E_NO_MEMORY);
			assert_null(anker_result_get_model(res));
			assert_int_equal(anker_result_get_contribution_count(res), 0);
			anker_result_free(res);
			anker_ctx_unref(ctx);
			continue;
		}
		struct snapshot tiny_before, tiny_after;
		take(res, &tiny_before);
		set_case_a(f->c);
		r = anker_model_score(f->model, f->c, 0, res, f->err);
		if (r != 0) {
			assert_int_equal(r, ANKER_E_NO_MEMORY);
			take(res, &tiny_after);
			assert_same(&tiny_before, &tiny_after);
			assert_ptr_equal(anker_result_get_model(res), tiny);
			anker_result_free(res);
			anker_ctx_unref(ctx);
			continue;
		}
		/* This budget was the least that works, so the allocator is now exhausted. */
		assert_close(anker_result_get_linear_predictor(res), 1.63, 1e-14);
		for (int round = 0; round < 3; round++) {
			assert_int_equal(anker_case_set_number(f->c, "age", 30 + round), 0);
			assert_int_equal(anker_model_score(f->model, f->c, 0, res, f->err), 0);
			assert_int_equal(anker_model_score(tiny, tiny_case, 0, res, f->err), 0);
			assert_true(anker_result_get_linear_predictor(res) == 0.75);
		}
		anker_result_free(res);
		anker_ctx_unref(ctx);
		break;
	}
	anker_case_free(tiny_case);
	anker_model_unref(tiny);
	test_fixture_free(f);
}

int main(void)
{
#define T(fn) cmocka_unit_test(fn)
	const struct CMUnitTest tests[] = {
		T(test_every_term),
		T(test_clamp_missing_reference),
		T(test_spline),
		T(test_bins),
		T(test_interactions),
		T(test_missing_policies),
		T(test_range_policies),
		T(test_type_rules),
		T(test_unknown_variable),
		T(test_result_unchanged_on_failure),
		T(test_links_and_boundaries),
		T(test_linear_predictor_not_a_number),
		T(test_detail_numbers),
		T(test_number_format),
		T(test_invalid_arguments),
		T(test_result_memory),
	};
#undef T
	return cmocka_run_group_tests_name("score", tests, NULL, NULL);
}
