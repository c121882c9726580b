/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Kind "questionnaire" scored against hand-computed values
 * (test-questionnaire.h describes the questionnaire): sum and mean scales,
 * weights, reverse keys, missing items within and beyond max_missing,
 * prorating, scores exactly on a cut-off, every bad answer with its code and
 * the item named, the texts in both languages, and the batch scorer agreeing
 * with the single-case scorer to the last bit.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test-questionnaire.h"
#include "test-util.h"

enum { S_SCORE, S_LEVEL, S_ANSWERED, M_SCORE, M_LEVEL, M_ANSWERED, N_SCORE, N_LEVEL, N_ANSWERED };
#define N_CONTRIBUTIONS 9

struct answers {
	double l1, l2, l3, num; /* NaN: not set (missing) */
	int yn;			/* -1: missing */
	const char *ch;		/* NULL: missing */
};

static void set_case(struct test_fixture *f, const struct answers *a)
{
	anker_case_clear(f->c);
	const char *names[] = {"l1", "l2", "l3", "num"};
	const double values[] = {a->l1, a->l2, a->l3, a->num};
	for (size_t i = 0; i < 4; i++)
		if (!isnan(values[i]))
			assert_int_equal(anker_case_set_number(f->c, names[i], values[i]), 0);
	if (a->yn >= 0)
		assert_int_equal(anker_case_set_bool(f->c, "yn", a->yn), 0);
	if (a->ch)
		assert_int_equal(anker_case_set_level(f->c, "ch", a->ch), 0);
}

static void score_ok(struct test_fixture *f, const struct answers *a)
{
	set_case(f, a);
	int r = anker_model_score(f->model, f->c, 0, f->res, f->err);
	if (r != 0)
		fail_msg("scoring failed: %s", anker_error_message(f->err));
}

static double num(const struct test_fixture *f, size_t output)
{
	return anker_result_get_number(f->res, output);
}

static double contrib(const struct test_fixture *f, size_t i)
{
	return anker_result_get_contribution(f->res, i);
}

/* The scale's contributions add up to its score exactly (the score is their sum). */
static void assert_adds_up(const struct test_fixture *f, size_t first, size_t n, size_t score)
{
	double sum = 0.0;
	for (size_t i = first; i < first + n; i++)
		sum += contrib(f, i);
	if (isnan(num(f, score)))
		assert_true(isnan(sum));
	else
		assert_true(sum == num(f, score));
}

static void test_declared(void **state)
{
	(void)state;
	struct test_fixture *f = test_fixture_new(test_questionnaire);
	const struct anker_model *m = f->model;
	assert_int_equal(anker_model_get_kind(m), ANKER_MODEL_QUESTIONNAIRE);
	assert_string_equal(anker_model_kind_name(ANKER_MODEL_QUESTIONNAIRE), "questionnaire");
	/* no outcome, link, terms or bands */
	assert_null(anker_model_get_outcome(m));
	assert_int_equal(anker_model_get_horizon_months(m), ANKER_E_NOT_FOUND);
	assert_int_equal(anker_model_get_link(m), ANKER_E_NOT_FOUND);
	assert_int_equal(anker_model_get_term_count(m), 0);
	assert_int_equal(anker_model_get_band_count(m), 0);

	static const char *const outputs[] = {"S_score", "S_level", "S_answered",
					      "M_score", "M_level", "M_answered",
					      "N_score", "N_level", "N_answered"};
	assert_int_equal(anker_model_get_output_count(m), 9);
	for (size_t i = 0; i < 9; i++) {
		assert_string_equal(anker_model_get_output_name(m, i), outputs[i]);
		assert_int_equal(anker_model_get_output_type(m, i),
				 i % 3 == 1 ? ANKER_OUTPUT_LEVEL : ANKER_OUTPUT_NUMBER);
	}
	assert_string_equal(anker_model_get_output_label(m, S_SCORE), "Sum: score");
	assert_string_equal(anker_model_get_output_text(m, M_LEVEL, "nl"), "Gemiddelde: niveau");
	assert_string_equal(anker_model_get_output_text(m, M_LEVEL, "en"), "Mean: level");
	assert_null(anker_model_get_output_text(m, M_LEVEL, "de"));
	assert_null(anker_model_get_output_text(m, M_LEVEL, NULL));
	assert_int_equal(anker_model_get_output_level_count(m, S_LEVEL), 3);
	assert_string_equal(anker_model_get_output_level_name(m, S_LEVEL, 1), "mid");
	assert_string_equal(anker_model_get_output_level_label(m, S_LEVEL, 1), "middle");
	assert_string_equal(anker_model_get_output_level_text(m, S_LEVEL, 1, "nl"), "midden");
	assert_string_equal(anker_model_get_output_level_text(m, S_LEVEL, 1, "en"), "middle");
	assert_null(anker_model_get_output_level_text(m, S_LEVEL, 3, "en"));
	assert_null(anker_model_get_output_level_text(m, S_SCORE, 0, "en"));

	static const char *const names[] = {"S.l1", "S.l2", "S.yn",  "S.ch", "M.l1",
					    "M.l2", "M.l3", "N.num", "N.l3"};
	assert_int_equal(anker_model_get_contribution_count(m), N_CONTRIBUTIONS);
	for (size_t i = 0; i < N_CONTRIBUTIONS; i++)
		assert_string_equal(anker_model_get_contribution_name(m, i), names[i]);
	/* "<scale label>: <item label>", the label defaulting to the question */
	assert_string_equal(anker_model_get_contribution_label(m, 0), "Sum: Question one");
	assert_string_equal(anker_model_get_contribution_label(m, 1), "Sum: Two");

	/* items are the variables; every answer is missing-as-missing ("pass") */
	assert_int_equal(anker_model_get_variable_count(m), 6);
	assert_int_equal(anker_model_get_variable_kind(m, 0), ANKER_VARIABLE_NUMERIC);
	assert_int_equal(anker_model_get_variable_kind(m, 3), ANKER_VARIABLE_BOOLEAN);
	assert_int_equal(anker_model_get_variable_kind(m, 5), ANKER_VARIABLE_CATEGORICAL);
	assert_int_equal(anker_model_get_variable_missing(m, 0), ANKER_MISSING_PASS);
	assert_string_equal(anker_model_get_variable_label(m, 1), "Two");
	static const int responses[] = {ANKER_RESPONSE_LIKERT, ANKER_RESPONSE_LIKERT,
					ANKER_RESPONSE_LIKERT, ANKER_RESPONSE_YES_NO,
					ANKER_RESPONSE_NUMBER, ANKER_RESPONSE_CHOICE};
	for (size_t i = 0; i < 6; i++)
		assert_int_equal(anker_model_get_item_response(m, i), responses[i]);
	assert_int_equal(anker_model_get_item_response(m, 6), ANKER_E_NOT_FOUND);
	assert_int_equal(anker_model_get_item_response(NULL, 0), ANKER_E_INVALID_ARGUMENT);
	assert_string_equal(anker_response_type_name(ANKER_RESPONSE_YES_NO), "yes_no");
	assert_null(anker_response_type_name(5));
	assert_string_equal(anker_model_get_item_text(m, 1, "nl"), "Vraag twee");
	assert_string_equal(anker_model_get_item_text(m, 1, "en"), "Question two");
	assert_null(anker_model_get_item_text(m, 1, "fr"));

	/* options: Likert values, yes/no built in, choice codes are the levels */
	double v = -1;
	assert_int_equal(anker_model_get_option_count(m, 2), 4);
	assert_int_equal(anker_model_get_option_value(m, 2, 3, &v), 0);
	assert_true(v == 3.0);
	assert_string_equal(anker_model_get_option_text(m, 2, 3, "nl"), "altijd");
	assert_int_equal(anker_model_get_option_count(m, 3), 2);
	assert_string_equal(anker_model_get_option_text(m, 3, 1, "nl"), "ja");
	assert_string_equal(anker_model_get_option_text(m, 3, 0, "en"), "no");
	assert_int_equal(anker_model_get_option_count(m, 4), 0);
	assert_int_equal(anker_model_get_option_value(m, 4, 0, &v), ANKER_E_NOT_FOUND);
	assert_int_equal(anker_model_get_option_value(m, 5, 2, &v), 0);
	assert_true(v == 3.0);
	assert_string_equal(anker_model_get_level_name(m, 5, 2), "full");
	assert_string_equal(anker_model_get_option_text(m, 5, 1, "en"), "part time");
	assert_int_equal(anker_model_get_option_value(NULL, 5, 2, &v), ANKER_E_INVALID_ARGUMENT);
	test_fixture_free(f);
}

/* A binary model has none of the questionnaire's texts, but its outputs have both languages. */
static void test_texts_of_binary(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_model *model = NULL;
	assert_int_equal(anker_model_load_file(
			     ctx, test_source_path("data/models/demo-amt-6m.json"), NULL, &model),
			 0);
	assert_int_equal(anker_model_get_item_response(model, 0), ANKER_E_NOT_FOUND);
	assert_null(anker_model_get_item_text(model, 0, "en"));
	assert_int_equal(anker_model_get_option_count(model, 0), 0);
	assert_string_equal(anker_model_get_output_text(model, 0, "en"),
			    "Probability of the outcome");
	assert_string_equal(anker_model_get_output_text(model, 0, "nl"), "Kans op de uitkomst");
	/* bands written with one label have no Dutch text */
	assert_non_null(anker_model_get_output_level_text(model, 2, 0, "en"));
	assert_null(anker_model_get_output_level_text(model, 2, 0, "nl"));
	anker_model_unref(model);
	anker_ctx_unref(ctx);
}

static void test_all_answered(void **state)
{
	(void)state;
	struct test_fixture *f = test_fixture_new(test_questionnaire);
	score_ok(f, &(struct answers){4, 2, 1, 10, 1, "part"});
	/* S: 4 + (6 - 2) + 2 * 1 + 1 = 11, above 9: high */
	static const double s[] = {4, 4, 2, 1};
	for (size_t i = 0; i < 4; i++)
		assert_true(contrib(f, i) == s[i]);
	assert_true(num(f, S_SCORE) == 11.0);
	assert_int_equal(anker_result_get_level(f->res, S_LEVEL), 2);
	assert_true(num(f, S_ANSWERED) == 4.0);
	/* M: weights 1, 1, 2 (all answered: 4); (4 + 2 + 2 * (3 - 1)) / 4 = 2.5, >= 2: high */
	assert_true(contrib(f, 4) == 1.0);
	assert_true(contrib(f, 5) == 0.5);
	assert_true(contrib(f, 6) == 1.0);
	assert_true(num(f, M_SCORE) == 2.5);
	assert_int_equal(anker_result_get_level(f->res, M_LEVEL), 1);
	/* N: 0.5 * 10 + 1 = 6, the one level */
	assert_true(num(f, N_SCORE) == 6.0);
	assert_int_equal(anker_result_get_level(f->res, N_LEVEL), 0);
	assert_int_equal(anker_result_get_flags(f->res), 0);
	assert_adds_up(f, 0, 4, S_SCORE);
	assert_adds_up(f, 4, 3, M_SCORE);
	assert_adds_up(f, 7, 2, N_SCORE);

	/* the details: the answer given, its label, and the reverse key */
	assert_string_equal(anker_result_get_contribution_detail(f->res, 0), "l1 = 4 (agree)");
	assert_string_equal(anker_result_get_contribution_detail(f->res, 1),
			    "l2 = 2 (disagree), reverse-keyed: 4");
	assert_string_equal(anker_result_get_contribution_detail(f->res, 2), "yn = yes");
	assert_string_equal(anker_result_get_contribution_detail(f->res, 3),
			    "ch = part (part time)");
	assert_string_equal(anker_result_get_contribution_detail(f->res, 6),
			    "l3 = 1 (sometimes), reverse-keyed: 2");
	assert_string_equal(anker_result_get_contribution_detail(f->res, 7), "num = 10");
	assert_string_equal(anker_result_get_contribution_label(f->res, 7),
			    "Hours: How many hours?");
	test_fixture_free(f);
}

static void test_missing_within_max(void **state)
{
	(void)state;
	struct test_fixture *f = test_fixture_new(test_questionnaire);
	score_ok(f, &(struct answers){NAN, 5, 3, 0, 0, "full"});
	/* S: l1 missing; answered weight 1 + 2 + 1 = 4 of 5, each answered item counts 5/4:
	 * (6 - 5) * 5/4 = 1.25, 0, 3 * 5/4 = 3.75; score 5, at most 6: low */
	assert_true(contrib(f, 0) == 0.0);
	assert_true(contrib(f, 1) == 1.25);
	assert_true(contrib(f, 2) == 0.0);
	assert_true(contrib(f, 3) == 3.75);
	assert_true(num(f, S_SCORE) == 5.0);
	assert_int_equal(anker_result_get_level(f->res, S_LEVEL), 0);
	assert_true(num(f, S_ANSWERED) == 3.0);
	/* M: l1 missing; (5 + 2 * (3 - 3)) / 3 = 5/3, below 2: low */
	assert_close(num(f, M_SCORE), 5.0 / 3.0, 1e-15);
	assert_true(contrib(f, 4) == 0.0);
	assert_true(contrib(f, 6) == 0.0);
	assert_int_equal(anker_result_get_level(f->res, M_LEVEL), 0);
	assert_adds_up(f, 0, 4, S_SCORE);
	assert_adds_up(f, 4, 3, M_SCORE);
	/* the case succeeds; its flags show the missing item, nothing imputed */
	assert_int_equal(anker_result_get_flags(f->res), ANKER_VALUE_FLAG_MISSING);
	assert_int_equal(anker_result_get_variable_flags(f->res, 0), ANKER_VALUE_FLAG_MISSING);
	assert_int_equal(anker_result_get_variable_flags(f->res, 1), 0);
	assert_string_equal(anker_result_get_contribution_detail(f->res, 0),
			    "l1: missing (prorated)");
	assert_string_equal(anker_result_get_contribution_detail(f->res, 4),
			    "l1: missing (mean of the answered items)");

	/* strict scoring imputes nothing here, so it changes nothing */
	assert_int_equal(anker_model_score(f->model, f->c, ANKER_SCORE_STRICT, f->res, f->err), 0);
	assert_true(num(f, S_SCORE) == 5.0);
	test_fixture_free(f);
}

static void test_missing_beyond_max(void **state)
{
	(void)state;
	struct test_fixture *f = test_fixture_new(test_questionnaire);
	score_ok(f, &(struct answers){NAN, NAN, 2, 40, 1, "none"});
	/* S and M: two missing, one allowed: not scorable, never a silent zero */
	assert_true(isnan(num(f, S_SCORE)));
	assert_int_equal(anker_result_get_level(f->res, S_LEVEL), ANKER_E_NOT_FOUND);
	assert_true(num(f, S_ANSWERED) == 2.0);
	assert_true(isnan(num(f, M_SCORE)));
	assert_int_equal(anker_result_get_level(f->res, M_LEVEL), ANKER_E_NOT_FOUND);
	assert_true(num(f, M_ANSWERED) == 1.0);
	for (size_t i = 0; i < 7; i++)
		assert_true(isnan(contrib(f, i)));
	assert_string_equal(anker_result_get_contribution_detail(f->res, 0),
			    "l1: missing (scale not scorable)");
	assert_string_equal(anker_result_get_contribution_detail(f->res, 2), "yn = yes");
	/* N still: 0.5 * 40 + 2 = 22 */
	assert_true(num(f, N_SCORE) == 22.0);
	assert_int_equal(anker_result_get_variable_flags(f->res, 0), ANKER_VALUE_FLAG_MISSING);
	assert_int_equal(anker_result_get_variable_flags(f->res, 1), ANKER_VALUE_FLAG_MISSING);

	/* N allows no missing item; nothing answered at all is never scorable */
	score_ok(f, &(struct answers){1, 1, NAN, NAN, -1, NULL});
	assert_true(isnan(num(f, N_SCORE)));
	assert_true(num(f, N_ANSWERED) == 0.0);
	assert_int_equal(anker_result_get_level(f->res, N_LEVEL), ANKER_E_NOT_FOUND);
	test_fixture_free(f);
}

static void test_on_a_cut_off(void **state)
{
	(void)state;
	struct test_fixture *f = test_fixture_new(test_questionnaire);
	/* S "lower": exactly 6 is low, exactly 9 is mid */
	score_ok(f, &(struct answers){2, 5, 0, 0, 1, "part"}); /* 2 + 1 + 2 + 1 */
	assert_true(num(f, S_SCORE) == 6.0);
	assert_int_equal(anker_result_get_level(f->res, S_LEVEL), 0);
	score_ok(f, &(struct answers){4, 4, 0, 0, 0, "full"}); /* 4 + 2 + 0 + 3 */
	assert_true(num(f, S_SCORE) == 9.0);
	assert_int_equal(anker_result_get_level(f->res, S_LEVEL), 1);
	/* M "upper": exactly 2 is high: (2 + 2 + 2 * (3 - 1)) / 4 */
	score_ok(f, &(struct answers){2, 2, 1, 0, 0, "none"});
	assert_true(num(f, M_SCORE) == 2.0);
	assert_int_equal(anker_result_get_level(f->res, M_LEVEL), 1);
	test_fixture_free(f);
}

/* Each bad answer: its code, the item named as the field, and the result left as it was. */
static void expect_bad(struct test_fixture *f, const char *item, int code)
{
	int r = anker_model_score(f->model, f->c, 0, f->res, f->err);
	if (r != code)
		fail_msg("%s: expected %s, got %s (%s)", item, anker_status_name(code),
			 anker_status_name(r), anker_error_message(f->err));
	assert_string_equal(anker_error_field(f->err), item);
	assert_true(num(f, S_SCORE) == 11.0); /* the previous result stays */
}

static void test_bad_answers(void **state)
{
	(void)state;
	struct test_fixture *f = test_fixture_new(test_questionnaire);
	const struct answers good = {4, 2, 1, 10, 1, "part"};
	score_ok(f, &good);

	static const double not_options[] = {2.5, 6, 0, -1};
	for (size_t i = 0; i < 4; i++) {
		set_case(f, &good);
		anker_case_set_number(f->c, "l1", not_options[i]);
		expect_bad(f, "l1", ANKER_E_NOT_AN_OPTION);
	}
	assert_non_null(strstr(anker_error_message(f->err), "not one of the item's options"));
	set_case(f, &good);
	anker_case_set_number(f->c, "l3", 1.5);
	expect_bad(f, "l3", ANKER_E_NOT_AN_OPTION);
	set_case(f, &good);
	anker_case_set_number(f->c, "l1", INFINITY);
	expect_bad(f, "l1", ANKER_E_OUT_OF_RANGE);
	set_case(f, &good);
	anker_case_set_number(f->c, "num", 40.5);
	expect_bad(f, "num", ANKER_E_OUT_OF_RANGE);
	set_case(f, &good);
	anker_case_set_number(f->c, "num", -1);
	expect_bad(f, "num", ANKER_E_OUT_OF_RANGE);
	set_case(f, &good);
	anker_case_set_level(f->c, "ch", "half");
	expect_bad(f, "ch", ANKER_E_UNKNOWN_LEVEL);
	set_case(f, &good);
	anker_case_set_number(f->c, "ch", 1);
	expect_bad(f, "ch", ANKER_E_TYPE_MISMATCH);
	set_case(f, &good);
	anker_case_set_level(f->c, "l1", "agree");
	expect_bad(f, "l1", ANKER_E_TYPE_MISMATCH);
	set_case(f, &good);
	anker_case_set_bool(f->c, "num", true);
	expect_bad(f, "num", ANKER_E_TYPE_MISMATCH);
	set_case(f, &good);
	anker_case_set_number(f->c, "yn", 2);
	expect_bad(f, "yn", ANKER_E_OUT_OF_RANGE);
	set_case(f, &good);
	anker_case_set_level(f->c, "yn", "yes");
	expect_bad(f, "yn", ANKER_E_TYPE_MISMATCH);
	assert_string_equal(anker_strerror(ANKER_E_NOT_AN_OPTION),
			    "answer is not one of the options");
	assert_string_equal(anker_status_name(ANKER_E_NOT_AN_OPTION), "ANKER_E_NOT_AN_OPTION");
	test_fixture_free(f);
}

/* The batch */

#define N_BATCH 700

struct columns {
	double l1[N_BATCH], l2[N_BATCH], l3[N_BATCH], num[N_BATCH], yn[N_BATCH];
	const char *ch[N_BATCH];
};

static const double likert5[] = {1, 2, 3, 4, 5};
static const char *const codes[] = {"none", "part", "full"};

/* A deterministic mix of answers, about one in six missing. */
static void fill(struct columns *c)
{
	unsigned int x = 12345;
	for (size_t i = 0; i < N_BATCH; i++) {
		double *cols[] = {c->l1, c->l2, c->l3, c->num, c->yn};
		for (size_t k = 0; k < 5; k++) {
			x = x * 1103515245u + 12345u;
			unsigned int r = (x >> 16) % 60;
			double v = k < 2    ? likert5[r % 5]
				   : k == 2 ? (double)(r % 4)
				   : k == 3 ? (double)(r % 41) * 0.5 + 0.25 * (r % 2)
					    : (double)(r % 2);
			cols[k][i] = r < 10 ? NAN : v;
		}
		x = x * 1103515245u + 12345u;
		unsigned int r = (x >> 16) % 30;
		c->ch[i] = r < 5 ? NULL : codes[r % 3];
	}
}

static void bind_columns(struct anker_batch *b, const struct columns *c)
{
	assert_int_equal(anker_batch_bind_f64(b, "l1", c->l1, 0), 0);
	assert_int_equal(anker_batch_bind_f64(b, "l2", c->l2, 0), 0);
	assert_int_equal(anker_batch_bind_f64(b, "l3", c->l3, 0), 0);
	assert_int_equal(anker_batch_bind_f64(b, "num", c->num, 0), 0);
	assert_int_equal(anker_batch_bind_f64(b, "yn", c->yn, 0), 0);
	assert_int_equal(anker_batch_bind_strings(b, "ch", c->ch, 0), 0);
}

static void assert_same_bits(double a, double b)
{
	assert_memory_equal(&a, &b, sizeof(a));
}

static void test_batch_matches_single(void **state)
{
	(void)state;
	struct test_fixture *f = test_fixture_new(test_questionnaire);
	struct columns *c = malloc(sizeof(*c));
	fill(c);
	c->l1[5] = 2.5; /* a bad answer: that case fails, naming l1 */
	c->l2[300] = 7;
	double *numbers = malloc(6 * N_BATCH * sizeof(double));
	int32_t *levels = malloc(3 * N_BATCH * sizeof(int32_t));
	double *contributions = malloc(N_BATCH * N_CONTRIBUTIONS * sizeof(double));
	int32_t *status = malloc(N_BATCH * sizeof(int32_t));
	int32_t *culprit = malloc(N_BATCH * sizeof(int32_t));
	uint32_t *flags = malloc(N_BATCH * sizeof(uint32_t));
	struct anker_batch *b = NULL;
	assert_int_equal(anker_batch_new(f->model, 0, &b), 0);
	bind_columns(b, c);
	for (size_t s = 0; s < 3; s++) {
		const char *scale = (const char *[]){"S", "M", "N"}[s];
		char name[32];
		snprintf(name, sizeof(name), "%s_score", scale);
		assert_int_equal(anker_batch_bind_output_f64(b, name, numbers + 2 * s * N_BATCH),
				 0);
		snprintf(name, sizeof(name), "%s_answered", scale);
		assert_int_equal(
		    anker_batch_bind_output_f64(b, name, numbers + (2 * s + 1) * N_BATCH), 0);
		snprintf(name, sizeof(name), "%s_level", scale);
		assert_int_equal(anker_batch_bind_output_i32(b, name, levels + s * N_BATCH), 0);
	}
	assert_int_equal(anker_batch_bind_contributions(b, contributions), 0);
	anker_batch_set_case_outputs(b, flags, culprit);
	assert_int_equal(anker_batch_run(b, N_BATCH, status, f->err), 0);

	size_t n_missing_cases = 0;
	for (size_t i = 0; i < N_BATCH; i++) {
		struct answers a = {
		    c->l1[i], c->l2[i], c->l3[i], c->num[i], isnan(c->yn[i]) ? -1 : (int)c->yn[i],
		    c->ch[i]};
		set_case(f, &a);
		int r = anker_model_score(f->model, f->c, 0, f->res, f->err);
		assert_int_equal(status[i], r);
		if (r != 0) {
			assert_int_equal(r, ANKER_E_NOT_AN_OPTION);
			assert_int_equal(culprit[i], i == 5 ? 0 : 1);
			assert_true(isnan(numbers[i]));
			assert_int_equal(levels[i], -1);
			continue;
		}
		assert_int_equal(culprit[i], -1);
		assert_int_equal(flags[i], anker_result_get_flags(f->res));
		n_missing_cases += flags[i] != 0;
		for (size_t s = 0; s < 3; s++) {
			assert_same_bits(numbers[2 * s * N_BATCH + i], num(f, 3 * s));
			assert_same_bits(numbers[(2 * s + 1) * N_BATCH + i], num(f, 3 * s + 2));
			int level = anker_result_get_level(f->res, 3 * s + 1);
			assert_int_equal(levels[s * N_BATCH + i], level < 0 ? -1 : level);
		}
		for (size_t k = 0; k < N_CONTRIBUTIONS; k++)
			assert_same_bits(contributions[i * N_CONTRIBUTIONS + k], contrib(f, k));
	}
	assert_true(n_missing_cases > N_BATCH / 2);
	uint64_t missing = 0, imputed = 1, clamped = 1;
	assert_int_equal(anker_batch_get_counts(b, 0, &missing, &imputed, &clamped), 0);
	assert_true(missing > 50);
	assert_int_equal(imputed, 0);
	assert_int_equal(clamped, 0);

	/* without a status array, the first bad case fails the call, naming item and case */
	assert_int_equal(anker_batch_run(b, N_BATCH, NULL, f->err), ANKER_E_NOT_AN_OPTION);
	assert_string_equal(anker_error_field(f->err), "l1");
	assert_int_equal(anker_error_case_index(f->err), 5);

	anker_batch_free(b);
	free(c);
	free(numbers);
	free(levels);
	free(contributions);
	free(status);
	free(culprit);
	free(flags);
	test_fixture_free(f);
}

/* An item declared absent is missing for every case; choice codes may come as int32 (-1 missing).
 */
static void test_batch_absent_and_codes(void **state)
{
	(void)state;
	struct test_fixture *f = test_fixture_new(test_questionnaire);
	const double l1[] = {4, 2}, l2[] = {2, 5}, l3[] = {1, 0}, yn[] = {1, 0};
	const int32_t ch[] = {1, -1}; /* part; missing */
	double s_score[2], n_score[2], n_answered[2];
	int32_t n_level[2];
	uint32_t flags[2];
	struct anker_batch *b = NULL;
	assert_int_equal(anker_batch_new(f->model, 0, &b), 0);
	assert_int_equal(anker_batch_bind_f64(b, "l1", l1, 0), 0);
	assert_int_equal(anker_batch_bind_f64(b, "l2", l2, 0), 0);
	assert_int_equal(anker_batch_bind_f64(b, "l3", l3, 0), 0);
	assert_int_equal(anker_batch_bind_f64(b, "yn", yn, 0), 0);
	assert_int_equal(anker_batch_bind_i32(b, "ch", ch, 0), 0);
	assert_int_equal(anker_batch_bind_absent(b, "num"), 0);
	assert_int_equal(anker_batch_bind_output_f64(b, "S_score", s_score), 0);
	assert_int_equal(anker_batch_bind_output_f64(b, "N_score", n_score), 0);
	assert_int_equal(anker_batch_bind_output_f64(b, "N_answered", n_answered), 0);
	assert_int_equal(anker_batch_bind_output_i32(b, "N_level", n_level), 0);
	anker_batch_set_case_outputs(b, flags, NULL);
	assert_int_equal(anker_batch_run(b, 2, NULL, f->err), 0);
	/* case 0: 4 + (6 - 2) + 2 + 1 = 11; case 1: ch missing, prorated: (2 + 1 + 0) * 5 / 4 */
	assert_true(s_score[0] == 11.0);
	assert_true(s_score[1] == 3.75);
	/* N allows no missing item, and num is missing everywhere */
	for (size_t i = 0; i < 2; i++) {
		assert_true(isnan(n_score[i]));
		assert_true(n_answered[i] == 1.0);
		assert_int_equal(n_level[i], -1);
		assert_int_equal(flags[i], ANKER_VALUE_FLAG_MISSING);
	}
	uint64_t missing = 0;
	assert_int_equal(anker_batch_get_counts(b, 4, &missing, NULL, NULL), 0);
	assert_int_equal(missing, 2);
	assert_int_equal(anker_batch_get_counts(b, 5, &missing, NULL, NULL), 0);
	assert_int_equal(missing, 1);
	anker_batch_free(b);
	test_fixture_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_declared),
	    cmocka_unit_test(test_texts_of_binary),
	    cmocka_unit_test(test_all_answered),
	    cmocka_unit_test(test_missing_within_max),
	    cmocka_unit_test(test_missing_beyond_max),
	    cmocka_unit_test(test_on_a_cut_off),
	    cmocka_unit_test(test_bad_answers),
	    cmocka_unit_test(test_batch_matches_single),
	    cmocka_unit_test(test_batch_absent_and_codes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
