/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What the model does to a case's values, made countable: per-variable and
 * per-case flags (clamped, imputed, missing), per-variable counts in a batch,
 * the variable at fault per failed case, strict scoring, variables without a
 * column, name suggestions, band labels, +0.0 contributions, and error
 * objects that are cleared by a later success.
 *
 * The expected flags and counts are worked out here from the cases and the
 * model's policies (test-full-model.h), not taken from the library.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/core/suggest.h"
#include "test-full-model.h"
#include "test-util.h"

static const char full_model[] =
    "{'format':'anker-model','format_version':1,'kind':'binary','id':'flags-test',"
    "'name':'Flags test','version':'1.0.0','toets':'AMT',"
    "'outcome':{'description':'work within 6 months','horizon_months':6},"
    "'valid_from':'2026-01-01','provenance':{'statement':'Test model, not an official UWV "
    "model.','data':'none','fitted_by':'libanker tests'}," TEST_FULL_MODEL_BODY;

/* Variable indices in the full model. */
enum { AGE, HOURS, MONTHS, FEMALE, CARE, EDUCATION, REGION, SECTOR, N_VARIABLES };

#define MISSING ANKER_VALUE_FLAG_MISSING
#define IMPUTED ANKER_VALUE_FLAG_IMPUTED
#define CLAMPED ANKER_VALUE_FLAG_CLAMPED

/* A test with its own fixture, made and freed inside it (cmocka checks for leaks per test). */
#define FIXTURE_TEST(name)                                                                         \
	static void name##_body(struct test_fixture *f);                                           \
	static void name(void **state)                                                             \
	{                                                                                          \
		(void)state;                                                                       \
		struct test_fixture *f = test_fixture_new(full_model);                             \
		name##_body(f);                                                                    \
		test_fixture_free(f);                                                              \
	}                                                                                          \
	static void name##_body(struct test_fixture *f)

/*
 * age -5 is clamped to 18; months and female are missing and imputed;
 * education is missing and takes the explicit "unknown" level.
 */
static void set_changed_case(struct anker_case *c)
{
	anker_case_clear(c);
	assert_int_equal(anker_case_set_number(c, "age", -5), 0);
	assert_int_equal(anker_case_set_number(c, "hours", 10), 0);
	assert_int_equal(anker_case_set_missing(c, "months"), 0);
	assert_int_equal(anker_case_set_bool(c, "care_duties", 1), 0);
	assert_int_equal(anker_case_set_level(c, "region", "north"), 0);
	assert_int_equal(anker_case_set_level(c, "sector", "care"), 0);
	/* female and education are not set at all: missing */
}

FIXTURE_TEST(test_single_case_flags)
{
	set_changed_case(f->c);
	assert_int_equal(anker_model_score(f->model, f->c, 0, f->res, f->err), 0);
	assert_int_equal(anker_result_get_variable_flags(f->res, AGE), CLAMPED);
	assert_int_equal(anker_result_get_variable_flags(f->res, HOURS), 0);
	assert_int_equal(anker_result_get_variable_flags(f->res, MONTHS), MISSING | IMPUTED);
	assert_int_equal(anker_result_get_variable_flags(f->res, FEMALE), MISSING | IMPUTED);
	assert_int_equal(anker_result_get_variable_flags(f->res, CARE), 0);
	assert_int_equal(anker_result_get_variable_flags(f->res, EDUCATION), MISSING);
	assert_int_equal(anker_result_get_variable_flags(f->res, REGION), 0);
	assert_int_equal(anker_result_get_variable_flags(f->res, SECTOR), 0);
	assert_int_equal(anker_result_get_variable_flags(f->res, N_VARIABLES), 0);
	assert_int_equal(anker_result_get_flags(f->res), MISSING | IMPUTED | CLAMPED);

	/* every value as given */
	anker_case_clear(f->c);
	assert_int_equal(anker_case_set_number(f->c, "age", 30), 0);
	assert_int_equal(anker_case_set_number(f->c, "hours", 10), 0);
	assert_int_equal(anker_case_set_number(f->c, "months", 5), 0);
	assert_int_equal(anker_case_set_bool(f->c, "female", 0), 0);
	assert_int_equal(anker_case_set_bool(f->c, "care_duties", 1), 0);
	assert_int_equal(anker_case_set_level(f->c, "education", "higher"), 0);
	assert_int_equal(anker_case_set_level(f->c, "region", "north"), 0);
	assert_int_equal(anker_case_set_level(f->c, "sector", "care"), 0);
	assert_int_equal(anker_model_score(f->model, f->c, 0, f->res, f->err), 0);
	assert_int_equal(anker_result_get_flags(f->res), 0);

	struct anker_result *empty = NULL;
	assert_int_equal(anker_result_new(f->ctx, &empty), 0);
	assert_int_equal(anker_result_get_flags(empty), 0);
	assert_int_equal(anker_result_get_variable_flags(empty, 0), 0);
	assert_null(anker_result_get_band_label(empty));
	assert_int_equal(anker_result_get_flags(NULL), 0);
	anker_result_free(empty);
}

FIXTURE_TEST(test_single_case_strict)
{
	set_changed_case(f->c);
	/* the first variable in model order fails: age, clamped without strict */
	assert_int_equal(anker_model_score(f->model, f->c, ANKER_SCORE_STRICT, f->res, f->err),
			 ANKER_E_OUT_OF_RANGE);
	assert_string_equal(anker_error_field(f->err), "age");
	assert_string_equal(anker_error_text(f->err),
			    "value is below the valid range [18, 67], and strict scoring does "
			    "not clamp it");
	assert_int_equal(anker_case_set_number(f->c, "age", 30), 0);
	assert_int_equal(anker_model_score(f->model, f->c, ANKER_SCORE_STRICT, f->res, f->err),
			 ANKER_E_MISSING_VALUE);
	assert_string_equal(anker_error_field(f->err), "months");
	assert_string_equal(anker_error_text(f->err),
			    "value is missing, and strict scoring does not impute it");
	assert_int_equal(anker_case_set_number(f->c, "months", 5), 0);
	assert_int_equal(anker_case_set_bool(f->c, "female", 1), 0);
	/* education is still missing, but its "unknown" level is a category, not a guess */
	assert_int_equal(anker_model_score(f->model, f->c, ANKER_SCORE_STRICT, f->res, f->err), 0);
	assert_int_equal(anker_result_get_flags(f->res), MISSING);
	/* and the same case scores the same with and without strict */
	double p = anker_result_get_probability(f->res);
	assert_int_equal(anker_model_score(f->model, f->c, 0, f->res, f->err), 0);
	assert_true(p == anker_result_get_probability(f->res));
}

/* A success clears the error object, so that its code always describes the last call. */
FIXTURE_TEST(test_success_clears_the_error)
{
	anker_case_clear(f->c);
	assert_int_equal(anker_model_score(f->model, f->c, 0, f->res, f->err),
			 ANKER_E_MISSING_VALUE);
	assert_int_equal(anker_error_code(f->err), ANKER_E_MISSING_VALUE);
	set_changed_case(f->c);
	assert_int_equal(anker_model_score(f->model, f->c, 0, f->res, f->err), 0);
	assert_int_equal(anker_error_code(f->err), 0);
	assert_string_equal(anker_error_message(f->err), "");
	assert_null(anker_error_field(f->err));
}

FIXTURE_TEST(test_load_success_clears_the_error)
{
	struct anker_model *m = NULL;
	assert_int_equal(anker_model_load_buffer(f->ctx, "{", 1, "x.json", f->err, &m),
			 ANKER_E_SYNTAX);
	assert_int_equal(anker_model_load_file(
			     f->ctx, test_source_path("data/models/demo-amt-6m.json"), f->err, &m),
			 0);
	assert_int_equal(anker_error_code(f->err), 0);
	assert_null(anker_error_file(f->err));
	anker_model_unref(m);
}

/* Columns for every variable of the full model, numbers as doubles, levels as codes. */
struct full_columns {
	const double *age, *hours, *months, *female, *care;
	const int32_t *education, *region, *sector;
};

static void bind_full(struct anker_batch *b, const struct full_columns *c)
{
	assert_int_equal(anker_batch_bind_f64(b, "age", c->age, 0), 0);
	assert_int_equal(anker_batch_bind_f64(b, "hours", c->hours, 0), 0);
	assert_int_equal(anker_batch_bind_f64(b, "months", c->months, 0), 0);
	assert_int_equal(anker_batch_bind_f64(b, "female", c->female, 0), 0);
	assert_int_equal(anker_batch_bind_f64(b, "care_duties", c->care, 0), 0);
	assert_int_equal(anker_batch_bind_i32(b, "education", c->education, 0), 0);
	assert_int_equal(anker_batch_bind_i32(b, "region", c->region, 0), 0);
	assert_int_equal(anker_batch_bind_i32(b, "sector", c->sector, 0), 0);
}

/* A negative coefficient times a zero factor is -0.0; the library reports 0.0. */
FIXTURE_TEST(test_zero_contributions_are_positive)
{
	set_changed_case(f->c);
	assert_int_equal(anker_case_set_number(f->c, "age", 40), 0); /* -0.02 * (40 - 40) */
	assert_int_equal(anker_model_score(f->model, f->c, 0, f->res, f->err), 0);
	double c = anker_result_get_contribution(f->res, 1);
	assert_true(c == 0.0 && !signbit(c));
	/* woman: -0.1 * 0 (female imputed false) */
	c = anker_result_get_contribution(f->res, 4);
	assert_true(c == 0.0 && !signbit(c));

	struct anker_batch *b = NULL;
	assert_int_equal(anker_batch_new(f->model, 0, &b), 0);
	double age = 40, hours = 10, months = 5, female = 0, care = 1;
	int32_t education = 0, region = 0, sector = 0;
	bind_full(b, &(struct full_columns){&age, &hours, &months, &female, &care, &education,
					    &region, &sector});
	double contributions[10];
	assert_int_equal(anker_batch_score(b, 1, NULL, NULL, NULL, contributions, NULL, NULL), 0);
	assert_true(contributions[1] == 0.0 && !signbit(contributions[1]));
	assert_true(contributions[4] == 0.0 && !signbit(contributions[4]));
	anker_batch_free(b);
}

FIXTURE_TEST(test_band_label)
{
	/* logit(0) = 0.5 exactly, and boundary "lower" puts 0.5 in the lower band */
	struct anker_model *m = test_model_from_quoted(
	    f->ctx, "{'format':'anker-model','format_version':1,'kind':'binary','id':'half',"
		    "'name':'Half','version':'1','toets':'wmo-intake',"
		    "'outcome':{'description':'d','horizon_months':12},'valid_from':'2026-01-01',"
		    "'provenance':{'statement':'Test model.','data':'none','fitted_by':'tests'},"
		    "'variables':[{'name':'x','kind':'numeric','range':[-1,1]}],'link':'logit',"
		    "'terms':[{'type':'linear','name':'x','label':'X','variable':'x','coef':2}],"
		    "'bands':{'boundary':'lower','items':["
		    "{'name':'at_most_half','label':'At most 50%','upper':0.5},"
		    "{'name':'above_half'}]}}");
	anker_case_clear(f->c);
	assert_int_equal(anker_case_set_number(f->c, "x", 0), 0);
	assert_int_equal(anker_model_score(m, f->c, 0, f->res, f->err), 0);
	assert_true(anker_result_get_probability(f->res) == 0.5);
	assert_string_equal(anker_result_get_band_name(f->res), "at_most_half");
	assert_string_equal(anker_result_get_band_label(f->res), "At most 50%");
	assert_string_equal(anker_model_get_toets(m), "wmo-intake");
	anker_model_unref(m);
	/* a band without a label is labelled with its name */
	set_changed_case(f->c);
	assert_int_equal(anker_model_score(f->model, f->c, 0, f->res, f->err), 0);
	assert_string_equal(anker_result_get_band_label(f->res),
			    anker_result_get_band_name(f->res));
}

static void test_name_distance(void **state)
{
	(void)state;
	assert_int_equal(anker_name_distance("helth", "health"), 1);
	assert_int_equal(anker_name_distance("regoin", "region"), 1); /* a swap */
	assert_int_equal(anker_name_distance("kitten", "sitting"), 3);
	assert_int_equal(anker_name_distance("abc", ""), 3);
	assert_int_equal(anker_name_distance("", ""), 0);
	assert_int_equal(anker_name_distance("AGE", "age"), 0);
	assert_int_equal(anker_name_distance("ca", "abc"), 3); /* OSA, not full Damerau */
	char long_name[ANKER_SUGGEST_MAX + 2];
	memset(long_name, 'a', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	assert_true(anker_name_distance(long_name, "a") == SIZE_MAX);
	size_t d = 99;
	assert_false(anker_name_is_near("age", "age", &d)); /* the name itself is no suggestion */
	assert_int_equal(d, 99);
	assert_true(anker_name_is_near("Age", "age", &d) && d == 0);
	assert_false(anker_name_is_near("sex", "age", NULL)); /* 2 apart: a third of 3 is 1 */
	assert_true(anker_name_is_near("helth", "health", NULL));
}

FIXTURE_TEST(test_suggest_variable)
{
	assert_string_equal(anker_model_suggest_variable(f->model, "Age"), "age");
	assert_string_equal(anker_model_suggest_variable(f->model, "sectr"), "sector");
	assert_string_equal(anker_model_suggest_variable(f->model, "educaton"), "education");
	assert_string_equal(anker_model_suggest_variable(f->model, "regoin"), "region");
	assert_string_equal(anker_model_suggest_variable(f->model, "care-duties"), "care_duties");
	/* nearest wins: "hour" is 1 from hours, 2 from others */
	assert_string_equal(anker_model_suggest_variable(f->model, "hour"), "hours");
	assert_null(anker_model_suggest_variable(f->model, "age"));	  /* exact */
	assert_null(anker_model_suggest_variable(f->model, "sex"));	  /* 2 from age: too far */
	assert_null(anker_model_suggest_variable(f->model, "shoe_size")); /* nothing near */
	assert_null(anker_model_suggest_variable(f->model, NULL));
	assert_null(anker_model_suggest_variable(NULL, "age"));
}

/* The six cases of the batch tests, one per row; see expect_* below. */
#define N_SMALL 6
static const double small_age[N_SMALL] = {30, -5, NAN, 80, 50, 40};
static const double small_hours[N_SMALL] = {10, 10, 10, 10, NAN, 10};
static const double small_months[N_SMALL] = {5, NAN, 5, 5, 5, NAN};
static const int32_t small_education[N_SMALL] = {1, 1, 1, 1, 1, -1};
static const char *const small_region[N_SMALL] = {"north", "north", NULL, "west", "north", "south"};

static struct anker_batch *small_batch(struct test_fixture *f, unsigned int flags)
{
	static const double female[N_SMALL] = {1, 0, 1, 0, 1, NAN};
	static const double care[N_SMALL] = {1, 1, 0, 0, 1, 0};
	static const int32_t sector[N_SMALL] = {0, 1, 2, 0, 1, 2};
	struct anker_batch *b = NULL;
	assert_int_equal(anker_batch_new(f->model, flags, &b), 0);
	assert_int_equal(anker_batch_bind_f64(b, "age", small_age, 0), 0);
	assert_int_equal(anker_batch_bind_f64(b, "hours", small_hours, 0), 0);
	assert_int_equal(anker_batch_bind_f64(b, "months", small_months, 0), 0);
	assert_int_equal(anker_batch_bind_f64(b, "female", female, 0), 0);
	assert_int_equal(anker_batch_bind_f64(b, "care_duties", care, 0), 0);
	assert_int_equal(anker_batch_bind_i32(b, "education", small_education, 0), 0);
	assert_int_equal(anker_batch_bind_strings(b, "region", small_region, 0), 0);
	assert_int_equal(anker_batch_bind_i32(b, "sector", sector, 0), 0);
	return b;
}

static void expect_counts(const struct anker_batch *b, size_t variable, uint64_t missing,
			  uint64_t imputed, uint64_t clamped)
{
	uint64_t m = 99, i = 99, c = 99;
	assert_int_equal(anker_batch_get_counts(b, variable, &m, &i, &c), 0);
	assert_int_equal(m, missing);
	assert_int_equal(i, imputed);
	assert_int_equal(c, clamped);
}

FIXTURE_TEST(test_batch_flags_and_counts)
{
	struct anker_batch *b = small_batch(f, 0);
	uint32_t flags[N_SMALL];
	int32_t variable[N_SMALL], status[N_SMALL];
	double p[N_SMALL];
	anker_batch_set_case_outputs(b, flags, variable);
	assert_int_equal(anker_batch_score(b, N_SMALL, p, NULL, NULL, NULL, status, f->err), 0);

	/* case 4 misses hours, which the model rejects */
	static const int32_t want_status[N_SMALL] = {0, 0, 0, 0, ANKER_E_MISSING_VALUE, 0};
	static const int32_t want_variable[N_SMALL] = {-1, -1, -1, -1, HOURS, -1};
	static const uint32_t want_flags[N_SMALL] = {
	    0,
	    CLAMPED | MISSING | IMPUTED, /* age -5; months missing */
	    MISSING | IMPUTED,		 /* age, region missing */
	    CLAMPED,			 /* age 80 */
	    MISSING,			 /* hours missing, rejected: the case fails */
	    MISSING | IMPUTED,		 /* months, female imputed; education to "unknown" */
	};
	for (size_t i = 0; i < N_SMALL; i++) {
		assert_int_equal(status[i], want_status[i]);
		assert_int_equal(variable[i], want_variable[i]);
		assert_int_equal(flags[i], want_flags[i]);
	}
	expect_counts(b, AGE, 1, 1, 2);
	expect_counts(b, HOURS, 1, 0, 0);
	expect_counts(b, MONTHS, 2, 2, 0);
	expect_counts(b, FEMALE, 1, 1, 0);
	expect_counts(b, CARE, 0, 0, 0);
	expect_counts(b, EDUCATION, 1, 0, 0); /* the missing level is no imputation */
	expect_counts(b, REGION, 1, 1, 0);
	expect_counts(b, SECTOR, 0, 0, 0);

	/* counts add up over calls until reset */
	assert_int_equal(anker_batch_score(b, N_SMALL, p, NULL, NULL, NULL, status, f->err), 0);
	expect_counts(b, AGE, 2, 2, 4);
	anker_batch_reset_counts(b);
	expect_counts(b, AGE, 0, 0, 0);
	expect_counts(b, MONTHS, 0, 0, 0);

	uint64_t m;
	assert_int_equal(anker_batch_get_counts(b, N_VARIABLES, &m, NULL, NULL), ANKER_E_NOT_FOUND);
	assert_int_equal(anker_batch_get_counts(NULL, 0, &m, NULL, NULL), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_batch_get_counts(b, 0, NULL, NULL, NULL), 0);
	anker_batch_reset_counts(NULL);
	anker_batch_set_case_outputs(NULL, flags, variable);

	/* outputs turned off are no longer written */
	anker_batch_set_case_outputs(b, NULL, NULL);
	memset(flags, 0xab, sizeof(flags));
	assert_int_equal(anker_batch_score(b, N_SMALL, p, NULL, NULL, NULL, status, f->err), 0);
	for (size_t i = 0; i < N_SMALL; i++)
		assert_int_equal(flags[i], 0xabababab);
	anker_batch_free(b);
}

FIXTURE_TEST(test_batch_strict)
{
	struct anker_batch *b = small_batch(f, ANKER_SCORE_STRICT);
	uint32_t flags[N_SMALL];
	int32_t variable[N_SMALL], status[N_SMALL];
	anker_batch_set_case_outputs(b, flags, variable);
	assert_int_equal(anker_batch_score(b, N_SMALL, NULL, NULL, NULL, NULL, status, f->err), 0);
	static const int32_t want_status[N_SMALL] = {
	    0,
	    ANKER_E_OUT_OF_RANGE,
	    ANKER_E_MISSING_VALUE,
	    ANKER_E_OUT_OF_RANGE,
	    ANKER_E_MISSING_VALUE,
	    ANKER_E_MISSING_VALUE,
	};
	static const int32_t want_variable[N_SMALL] = {-1, AGE, AGE, AGE, HOURS, MONTHS};
	for (size_t i = 0; i < N_SMALL; i++) {
		assert_int_equal(status[i], want_status[i]);
		assert_int_equal(variable[i], want_variable[i]);
	}
	/* under strict nothing is imputed or clamped: the values count as missing only */
	expect_counts(b, AGE, 1, 0, 0);
	expect_counts(b, MONTHS, 2, 0, 0);

	/* without a status array, the first failure fails the call, in words */
	assert_int_equal(anker_batch_score(b, N_SMALL, NULL, NULL, NULL, NULL, NULL, f->err),
			 ANKER_E_OUT_OF_RANGE);
	assert_int_equal(anker_error_case_index(f->err), 1);
	assert_string_equal(anker_error_field(f->err), "age");
	assert_string_equal(anker_error_text(f->err),
			    "value is below the valid range [18, 67], and strict scoring does "
			    "not clamp it");
	/* a success clears the error */
	assert_int_equal(anker_batch_score(b, 1, NULL, NULL, NULL, NULL, NULL, f->err), 0);
	assert_int_equal(anker_error_code(f->err), 0);
	anker_batch_free(b);
}

FIXTURE_TEST(test_batch_no_column)
{
	struct anker_batch *b = NULL;
	assert_int_equal(anker_batch_new(f->model, ANKER_SCORE_IGNORE_EXTRA, &b), 0);
	double age = 30, hours = 10, months = 5, female = 1, care = 0;
	int32_t level = 0;
	assert_int_equal(anker_batch_bind_f64(b, "age", &age, 0), 0);
	assert_int_equal(anker_batch_bind_f64(b, "hours", &hours, 0), 0);
	assert_int_equal(anker_batch_bind_f64(b, "mnths", &months, 0), 0); /* a typo: ignored */
	assert_int_equal(anker_batch_bind_f64(b, "female", &female, 0), 0);
	assert_int_equal(anker_batch_bind_f64(b, "care_duties", &care, 0), 0);
	assert_int_equal(anker_batch_bind_i32(b, "education", &level, 0), 0);
	assert_int_equal(anker_batch_bind_i32(b, "region", &level, 0), 0);
	assert_int_equal(anker_batch_bind_i32(b, "sector", &level, 0), 0);
	assert_int_equal(anker_batch_bind_f64(b, "shoe_size", &age, 0), 0);

	double p;
	assert_int_equal(anker_batch_score(b, 1, &p, NULL, NULL, NULL, NULL, f->err),
			 ANKER_E_NO_COLUMN);
	assert_int_equal(anker_error_code(f->err), ANKER_E_NO_COLUMN);
	assert_string_equal(anker_error_field(f->err), "months");
	assert_string_equal(anker_error_text(f->err),
			    "no column for this variable; did you mean 'mnths'?");
	assert_int_equal(anker_error_case_index(f->err), -1);

	/* declared absent: missing for every case, and imputed (6 months) */
	assert_int_equal(anker_batch_bind_absent(b, "months"), 0);
	uint32_t flags;
	anker_batch_set_case_outputs(b, &flags, NULL);
	assert_int_equal(anker_batch_score(b, 1, &p, NULL, NULL, NULL, NULL, f->err), 0);
	assert_int_equal(flags, MISSING | IMPUTED);
	expect_counts(b, MONTHS, 1, 1, 0);

	/* binding a column after all takes it; unbinding all forgets the declaration */
	assert_int_equal(anker_batch_bind_f64(b, "months", &months, 0), 0);
	assert_int_equal(anker_batch_score(b, 1, &p, NULL, NULL, NULL, NULL, f->err), 0);
	assert_int_equal(flags, 0);
	anker_batch_unbind_all(b);
	assert_int_equal(anker_batch_score(b, 1, &p, NULL, NULL, NULL, NULL, f->err),
			 ANKER_E_NO_COLUMN);
	assert_string_equal(anker_error_field(f->err), "age");
	assert_string_equal(anker_error_text(f->err),
			    "no column for this variable (7 more variables have none); bind one, "
			    "or declare it absent if it is missing for every case");

	assert_int_equal(anker_batch_bind_absent(b, "shoe_size"), ANKER_E_UNKNOWN_VARIABLE);
	assert_int_equal(anker_batch_bind_absent(b, NULL), ANKER_E_INVALID_ARGUMENT);
	assert_int_equal(anker_batch_bind_absent(NULL, "age"), ANKER_E_INVALID_ARGUMENT);
	anker_batch_free(b);
}

/* Ignored names are kept up to a bound; the early ones are still suggested. */
FIXTURE_TEST(test_batch_many_ignored_names)
{
	struct anker_batch *b = NULL;
	assert_int_equal(anker_batch_new(f->model, ANKER_SCORE_IGNORE_EXTRA, &b), 0);
	double d = 1;
	assert_int_equal(anker_batch_bind_f64(b, "Hours", &d, 0), 0);
	char name[32];
	for (int i = 0; i < 1000; i++) {
		snprintf(name, sizeof(name), "extra_%d", i % 500); /* each name twice */
		assert_int_equal(anker_batch_bind_f64(b, name, &d, 0), 0);
	}
	assert_int_equal(anker_batch_score(b, 1, NULL, NULL, NULL, NULL, NULL, f->err),
			 ANKER_E_NO_COLUMN);
	assert_string_equal(anker_error_field(f->err), "age");
	anker_batch_unbind_all(b);
	assert_int_equal(anker_batch_bind_absent(b, "age"), 0);
	assert_int_equal(anker_batch_score(b, 1, NULL, NULL, NULL, NULL, NULL, f->err),
			 ANKER_E_NO_COLUMN);
	assert_string_equal(anker_error_field(f->err), "hours");
	assert_string_equal(anker_error_text(f->err),
			    "no column for this variable (6 more variables have none); did you "
			    "mean 'Hours'?");
	anker_batch_free(b);
}

/*
 * Many chunks, with missing and out-of-range values everywhere: the flags and
 * counts computed here from the columns and the policies equal the library's.
 */
FIXTURE_TEST(test_batch_counts_over_chunks)
{
	enum { N = 2000 };
	double *age = malloc(N * sizeof(double)), *hours = malloc(N * sizeof(double));
	double *months = malloc(N * sizeof(double)), *female = malloc(N * sizeof(double));
	double *care = malloc(N * sizeof(double));
	int32_t *education = malloc(N * sizeof(int32_t)), *region = malloc(N * sizeof(int32_t));
	int32_t *sector = malloc(N * sizeof(int32_t)), *status = malloc(N * sizeof(int32_t));
	uint32_t *flags = malloc(N * sizeof(uint32_t));
	assert_true(age && hours && months && female && care && education && region && sector &&
		    status && flags);
	uint64_t want_missing[N_VARIABLES] = {0}, want_clamped = 0;
	uint32_t seed = 12345;
	for (size_t i = 0; i < N; i++) {
		seed = seed * 1103515245u + 12345u;
		uint32_t r = seed >> 8;
		/* chunks 0-1 clean, then a mix; every 7th age missing, every 11th out of range */
		bool clean = i < 512;
		age[i] = !clean && i % 7 == 0 ? NAN : !clean && i % 11 == 0 ? 90 : 20 + r % 40;
		hours[i] = (double)(r % 41);
		months[i] = !clean && i % 5 == 0 ? NAN : (double)(r % 25);
		female[i] = !clean && i % 13 == 0 ? NAN : (double)(r % 2);
		care[i] = (double)((r >> 3) % 2);
		education[i] = !clean && i % 3 == 0 ? -1 : (int32_t)(r % 3);
		region[i] = !clean && i % 17 == 0 ? -1 : (int32_t)(r % 3);
		sector[i] = (int32_t)((r >> 5) % 3);
		uint32_t want = 0;
		if (isnan(age[i]))
			want_missing[AGE]++, want |= MISSING | IMPUTED;
		if (age[i] > 67)
			want_clamped++, want |= CLAMPED;
		if (isnan(months[i]))
			want_missing[MONTHS]++, want |= MISSING | IMPUTED;
		if (isnan(female[i]))
			want_missing[FEMALE]++, want |= MISSING | IMPUTED;
		if (education[i] == -1)
			want_missing[EDUCATION]++, want |= MISSING;
		if (region[i] == -1)
			want_missing[REGION]++, want |= MISSING | IMPUTED;
		flags[i] = want;
	}
	struct anker_batch *b = NULL;
	assert_int_equal(anker_batch_new(f->model, 0, &b), 0);
	bind_full(
	    b, &(struct full_columns){age, hours, months, female, care, education, region, sector});
	uint32_t *got = malloc(N * sizeof(uint32_t));
	assert_non_null(got);
	anker_batch_set_case_outputs(b, got, NULL);
	assert_int_equal(anker_batch_score(b, N, NULL, NULL, NULL, NULL, status, f->err), 0);
	for (size_t i = 0; i < N; i++) {
		assert_int_equal(status[i], 0);
		assert_int_equal(got[i], flags[i]);
	}
	expect_counts(b, AGE, want_missing[AGE], want_missing[AGE], want_clamped);
	expect_counts(b, MONTHS, want_missing[MONTHS], want_missing[MONTHS], 0);
	expect_counts(b, FEMALE, want_missing[FEMALE], want_missing[FEMALE], 0);
	expect_counts(b, EDUCATION, want_missing[EDUCATION], 0, 0);
	expect_counts(b, REGION, want_missing[REGION], want_missing[REGION], 0);
	expect_counts(b, HOURS, 0, 0, 0);
	anker_batch_free(b);
	free(got), free(age), free(hours), free(months), free(female), free(care);
	free(education), free(region), free(sector), free(status), free(flags);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_single_case_flags),
	    cmocka_unit_test(test_single_case_strict),
	    cmocka_unit_test(test_success_clears_the_error),
	    cmocka_unit_test(test_load_success_clears_the_error),
	    cmocka_unit_test(test_zero_contributions_are_positive),
	    cmocka_unit_test(test_band_label),
	    cmocka_unit_test(test_name_distance),
	    cmocka_unit_test(test_suggest_variable),
	    cmocka_unit_test(test_batch_flags_and_counts),
	    cmocka_unit_test(test_batch_strict),
	    cmocka_unit_test(test_batch_no_column),
	    cmocka_unit_test(test_batch_many_ignored_names),
	    cmocka_unit_test(test_batch_counts_over_chunks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
