/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Kind "rules" (docs/assessment.md, "Rule tables"): every loader rule as a
 * mutation of the table of test-rules.h with its exact code, JSON path and
 * field; and evaluation by hand: which rule fires, its advice, and the
 * explanation's texts, single-case and in a batch.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test-mutate.h"
#include "test-rules.h"
#include "test-util.h"

static char *base;

#define UNKNOWN ANKER_E_UNKNOWN_KEY
#define MISSING ANKER_E_MISSING_KEY
#define BAD	ANKER_E_BAD_VALUE
#define ORDER	ANKER_E_ORDER
#define DUP	ANKER_E_DUPLICATE
#define REF	ANKER_E_REFERENCE
#define LEVEL	ANKER_E_UNKNOWN_LEVEL

static const struct error_case cases[] = {
    /* inputs */
    {"input name without alias",
     {{SET, "inputs/0/name", "\"band\""}},
     BAD,
     "$.inputs[0].name",
     "name"},
    {"input name two dots", {{SET, "inputs/0/name", "\"A.b.c\""}}, BAD, "$.inputs[0].name", "name"},
    {"input levels and range", {{SET, "inputs/0/range", "[0, 1]"}}, BAD, "$.inputs[0]", "inputs"},
    {"input neither", {{DEL, "inputs/1/range", NULL}}, BAD, "$.inputs[1]", "inputs"},
    {"input twice", {{SET, "inputs/1/name", "\"A.band\""}}, DUP, "$.inputs[1].name", "name"},
    {"input level twice",
     {{SET, "inputs/0/levels/1", "\"low\""}},
     DUP,
     "$.inputs[0].levels[1]",
     "levels"},
    {"input extra key", {{SET, "inputs/0/label", "\"x\""}}, UNKNOWN, "$.inputs[0].label", "label"},
    {"no inputs", {{SET, "inputs", "[]"}}, BAD, "$.inputs", "inputs"},
    /* advice fields */
    {"field named rule", {{SET, "advice/0/name", "\"rule\""}}, DUP, "$.advice[0].name", "name"},
    {"field twice", {{SET, "advice/1/name", "\"service\""}}, DUP, "$.advice[1].name", "name"},
    {"field level twice",
     {{SET, "advice/0/levels/1/name", "\"self\""}},
     DUP,
     "$.advice[0].levels[1].name",
     "name"},
    {"field without label", {{DEL, "advice/0/label", NULL}}, MISSING, "$.advice[0].label", "label"},
    {"field label one language",
     {{DEL, "advice/0/label/nl", NULL}},
     MISSING,
     "$.advice[0].label.nl",
     "nl"},
    /* rules: ids, advice, reasons */
    {"rule id twice", {{SET, "rules/1/id", "\"r_low\""}}, DUP, "$.rules[1].id", "id"},
    {"rule id not an identifier", {{SET, "rules/1/id", "\"r p\""}}, BAD, "$.rules[1].id", "id"},
    {"advice unknown level",
     {{SET, "rules/0/advice/service", "\"x\""}},
     LEVEL,
     "$.rules[0].advice.service",
     "service"},
    {"advice field missing",
     {{DEL, "rules/0/advice/route", NULL}},
     MISSING,
     "$.rules[0].advice.route",
     "route"},
    {"advice unknown field",
     {{SET, "rules/0/advice/fase", "\"1\""}},
     UNKNOWN,
     "$.rules[0].advice.fase",
     "fase"},
    {"reason missing", {{DEL, "rules/0/reason", NULL}}, MISSING, "$.rules[0].reason", "reason"},
    {"no rules", {{SET, "rules", "[]"}}, BAD, "$.rules", "rules"},
    /* conditions: references and domains */
    {"unknown input",
     {{SET, "rules/0/when/input", "\"B.x\""}},
     REF,
     "$.rules[0].when.input",
     "input"},
    {"unknown level",
     {{SET, "rules/0/when/value", "\"none\""}},
     LEVEL,
     "$.rules[0].when.value",
     "value"},
    {"unknown level in a set",
     {{SET, "rules/1/when/all/1/value", "[\"laag\", \"x\"]"}},
     LEVEL,
     "$.rules[1].when.all[1].value[1]",
     "value"},
    {"empty set",
     {{SET, "rules/1/when/all/1/value", "[]"}},
     ANKER_E_WRONG_TYPE,
     "$.rules[1].when.all[1].value",
     "value"},
    {"threshold above 1",
     {{SET, "rules/1/when/all/0/value", "1.5"}},
     ANKER_E_OUT_OF_RANGE,
     "$.rules[1].when.all[0].value",
     "value"},
    {"threshold below 0",
     {{SET, "rules/1/when/all/0/value", "-0.1"}},
     ANKER_E_OUT_OF_RANGE,
     "$.rules[1].when.all[0].value",
     "value"},
    {"set on a number",
     {{SET, "rules/1/when/all/0/op", "\"in\""}},
     REF,
     "$.rules[1].when.all[0].op",
     "op"},
    {"order on a level",
     {{SET, "rules/0/when/op", "\"<\""}},
     REF,
     "$.rules[0].when.value",
     "value"},
    {"unknown op", {{SET, "rules/0/when/op", "\"~\""}}, BAD, "$.rules[0].when.op", "op"},
    {"missing takes no value",
     {{SET, "rules/2/when/value", "\"laag\""}},
     UNKNOWN,
     "$.rules[2].when.value",
     "value"},
    {"comparison without value",
     {{DEL, "rules/0/when/value", NULL}},
     MISSING,
     "$.rules[0].when.value",
     "value"},
    {"empty all", {{SET, "rules/1/when/all", "[]"}}, BAD, "$.rules[1].when.all", "all"},
    {"all and any", {{SET, "rules/1/when/any", "[]"}}, UNKNOWN, "$.rules[1].when.any", "any"},
    {"condition not an object",
     {{SET, "rules/0/when", "1"}},
     ANKER_E_WRONG_TYPE,
     "$.rules[0].when",
     "when"},
    /* rules that can never fire */
    {"default not last",
     {{SET, "rules/3/when", "{\"input\": \"A.band\", \"op\": \"==\", \"value\": \"high\"}"}},
     MISSING,
     "$.rules[3].when",
     "when"},
    {"rule after the default", {{DEL, "rules/0/when", NULL}}, ORDER, "$.rules[1].id", "id"},
    {"same condition twice",
     {{SET, "rules/1/when", "{\"input\": \"A.band\", \"op\": \"==\", \"value\": \"low\"}"}},
     ORDER,
     "$.rules[1].when",
     "when"},
    {"narrower set after a wider one",
     {{SET, "rules/0/when",
       "{\"input\": \"A.band\", \"op\": \"in\", \"value\": [\"low\", \"mid\"]}"},
      {SET, "rules/1/when", "{\"input\": \"A.band\", \"op\": \"!=\", \"value\": \"high\"}"}},
     ORDER,
     "$.rules[1].when",
     "when"},
    {"stricter threshold and the same level",
     {{SET, "rules/2/when",
       "{\"all\": [{\"input\": \"Q.level\", \"op\": \"==\", \"value\": \"laag\"}, {\"input\": "
       "\"A.p\", \"op\": \"<=\", \"value\": 0.2}]}"}},
     ORDER,
     "$.rules[2].when",
     "when"},
    /* numbers: intervals, and missing */
    {"stricter bound after a looser one",
     {{SET, "rules/1/when", "{\"input\": \"A.p\", \"op\": \"<\", \"value\": 0.5}"},
      {SET, "rules/2/when", "{\"input\": \"A.p\", \"op\": \"<=\", \"value\": 0.4}"}},
     ORDER,
     "$.rules[2].when",
     "when"},
    {"a point inside a half-line",
     {{SET, "rules/1/when", "{\"input\": \"A.p\", \"op\": \">=\", \"value\": 0.5}"},
      {SET, "rules/2/when", "{\"input\": \"A.p\", \"op\": \"==\", \"value\": 0.5}"}},
     ORDER,
     "$.rules[2].when",
     "when"},
    {"upper half-lines",
     {{SET, "rules/1/when", "{\"input\": \"A.p\", \"op\": \">\", \"value\": 0.5}"},
      {SET, "rules/2/when", "{\"input\": \"A.p\", \"op\": \">=\", \"value\": 0.6}"}},
     ORDER,
     "$.rules[2].when",
     "when"},
    {"inside the complement of a bound",
     {{SET, "rules/1/when", "{\"not\": {\"input\": \"A.p\", \"op\": \">=\", \"value\": 0.5}}"},
      {SET, "rules/2/when", "{\"input\": \"A.p\", \"op\": \"<\", \"value\": 0.4}"}},
     ORDER,
     "$.rules[2].when",
     "when"},
    {"present after present",
     {{SET, "rules/1/when", "{\"input\": \"A.p\", \"op\": \"present\"}"},
      {SET, "rules/2/when", "{\"not\": {\"input\": \"A.p\", \"op\": \"missing\"}}"}},
     ORDER,
     "$.rules[2].when",
     "when"},
    {"any of covered parts",
     {{SET, "rules/2/when",
       "{\"any\": [{\"input\": \"A.band\", \"op\": \"==\", \"value\": \"low\"}, {\"all\": "
       "[{\"input\": \"A.p\", \"op\": \"<\", \"value\": 0.1}, {\"input\": \"Q.level\", \"op\": "
       "\"==\", \"value\": \"laag\"}]}]}"}},
     ORDER,
     "$.rules[2].when",
     "when"},
    {"not of a missing test",
     {{SET, "rules/2/when", "{\"not\": {\"input\": \"A.band\", \"op\": \"missing\"}}"},
      {SET, "rules/0/when/op", "\"in\""},
      {SET, "rules/0/when/value", "[\"low\", \"mid\", \"high\"]"}},
     ORDER,
     "$.rules[2].when",
     "when"},
    /* the earlier rules together, decided by regions (rules-region.c) */
    {"levels split over two rules",
     {{SET, "rules/1/when", "{\"input\": \"A.band\", \"op\": \"==\", \"value\": \"mid\"}"},
      {SET, "rules/2/when",
       "{\"input\": \"A.band\", \"op\": \"in\", \"value\": [\"low\", \"mid\"]}"}},
     ORDER,
     "$.rules[2].when",
     "when"},
    {"the two halves of the line",
     {{SET, "rules/0/when", "{\"input\": \"A.p\", \"op\": \"<\", \"value\": 0.5}"},
      {SET, "rules/1/when", "{\"input\": \"A.p\", \"op\": \">=\", \"value\": 0.5}"},
      {SET, "rules/2/when", "{\"input\": \"A.p\", \"op\": \"present\"}"}},
     ORDER,
     "$.rules[2].when",
     "when"},
    {"!= inside two overlapping half-lines",
     {{SET, "rules/0/when", "{\"input\": \"A.p\", \"op\": \">\", \"value\": 0.1}"},
      {SET, "rules/1/when", "{\"input\": \"A.p\", \"op\": \"<\", \"value\": 0.5}"},
      {SET, "rules/2/when", "{\"input\": \"A.p\", \"op\": \"!=\", \"value\": 0.2}"}},
     ORDER,
     "$.rules[2].when",
     "when"},
    {"across two inputs",
     {{SET, "rules/1/when",
       "{\"all\": [{\"input\": \"A.band\", \"op\": \"in\", \"value\": [\"mid\", \"high\"]}, "
       "{\"input\": \"Q.level\", \"op\": \"==\", \"value\": \"laag\"}]}"},
      {SET, "rules/2/when",
       "{\"all\": [{\"input\": \"Q.level\", \"op\": \"==\", \"value\": \"laag\"}, "
       "{\"input\": \"A.band\", \"op\": \"present\"}]}"}},
     ORDER,
     "$.rules[2].when",
     "when"},
    {"a not, missing included",
     {{SET, "rules/1/when",
       "{\"any\": [{\"input\": \"A.band\", \"op\": \"in\", \"value\": [\"mid\", \"high\"]}, "
       "{\"input\": \"A.band\", \"op\": \"missing\"}]}"},
      {SET, "rules/2/when",
       "{\"not\": {\"input\": \"A.band\", \"op\": \"==\", \"value\": \"high\"}}"}},
     ORDER,
     "$.rules[2].when",
     "when"},
};

/* Conditions that look alike but are reachable load. */
static void test_reachable_kept(void **state)
{
	(void)state;
	const struct edit kept[][2] = {
	    /* the boundary: <= 0.3 reaches A.p == 0.3, which < 0.3 does not */
	    {{SET, "rules/2/when",
	      "{\"all\": [{\"input\": \"A.p\", \"op\": \"<=\", \"value\": 0.3}, {\"input\": "
	      "\"Q.level\", \"op\": \"==\", \"value\": \"laag\"}]}"}},
	    /* a wider set than the earlier rule's */
	    {{SET, "rules/2/when",
	      "{\"input\": \"A.band\", \"op\": \"in\", \"value\": [\"low\", \"mid\"]}"}},
	    /* not(A.band != low) also holds for a missing band, which r_low does not match */
	    {{SET, "rules/2/when",
	      "{\"not\": {\"input\": \"A.band\", \"op\": \"!=\", \"value\": \"low\"}}"}},
	    /* the bound itself: >= 0.3 reaches 0.3, which > 0.3 does not */
	    {{SET, "rules/1/when", "{\"input\": \"A.p\", \"op\": \">\", \"value\": 0.3}"},
	     {SET, "rules/2/when", "{\"input\": \"A.p\", \"op\": \">=\", \"value\": 0.3}"}},
	    /* != is two intervals: p >= 0.5 with a band other than low reaches it */
	    {{SET, "rules/1/when", "{\"input\": \"A.p\", \"op\": \"<\", \"value\": 0.5}"},
	     {SET, "rules/2/when", "{\"input\": \"A.p\", \"op\": \"!=\", \"value\": 0.2}"}},
	    /* not(>= 0.5) also holds for a missing value, which < 0.5 does not match */
	    {{SET, "rules/1/when", "{\"input\": \"A.p\", \"op\": \"<\", \"value\": 0.5}"},
	     {SET, "rules/2/when",
	      "{\"not\": {\"input\": \"A.p\", \"op\": \">=\", \"value\": 0.5}}"}},
	    /* high is in no earlier rule */
	    {{SET, "rules/1/when", "{\"input\": \"A.band\", \"op\": \"==\", \"value\": \"mid\"}"},
	     {SET, "rules/2/when", "{\"input\": \"A.band\", \"op\": \"present\"}"}},
	    /* 0.5 itself is in neither half-line (r_low leaves every other band) */
	    {{SET, "rules/1/when", "{\"input\": \"A.p\", \"op\": \"<\", \"value\": 0.5}"},
	     {SET, "rules/2/when", "{\"input\": \"A.p\", \"op\": \">\", \"value\": 0.5}"}},
	    /* a missing band is in no earlier rule */
	    {{SET, "rules/1/when",
	      "{\"input\": \"A.band\", \"op\": \"in\", \"value\": [\"mid\", \"high\"]}"},
	     {SET, "rules/2/when",
	      "{\"not\": {\"input\": \"A.band\", \"op\": \"==\", \"value\": \"mid\"}}"}},
	    /* not(present) is missing: r_missing as it is, in another form */
	    {{SET, "rules/2/when", "{\"not\": {\"input\": \"Q.level\", \"op\": \"present\"}}"}},
	};
	for (size_t i = 0; i < sizeof(kept) / sizeof(kept[0]); i++) {
		json_t *root = test_mutate_parse(base);
		for (size_t e = 0; e < 2 && kept[i][e].pointer; e++)
			edit_set_text(root, kept[i][e].pointer, kept[i][e].json);
		expect_ok(root, "reachable");
	}
}

/* The message names the rule that can never fire and the earlier rules that cover it. */
static void test_union_message(void **state)
{
	(void)state;
	json_t *root = test_mutate_parse(base);
	edit_set_text(root, "rules/1/when",
		      "{\"input\": \"A.band\", \"op\": \"==\", \"value\": \"mid\"}");
	edit_set_text(root, "rules/2/when",
		      "{\"input\": \"A.band\", \"op\": \"in\", \"value\": [\"low\", \"mid\"]}");
	char *text = test_mutate_dump(root);
	json_decref(root);
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_error *err = NULL;
	struct anker_model *model = NULL;
	assert_int_equal(anker_error_new(&err), 0);
	assert_int_equal(anker_model_load_buffer(ctx, text, strlen(text), "t.json", err, &model),
			 ANKER_E_ORDER);
	assert_non_null(
	    strstr(anker_error_message(err),
		   "rule \"r_missing\" can never fire: rules \"r_low\", \"r_p\" before it "
		   "together match every case it matches"));
	anker_error_free(err);
	anker_ctx_unref(ctx);
	free(text);
}

static void test_loader_errors(void **state)
{
	(void)state;
	test_mutate_run(base, cases, sizeof(cases) / sizeof(cases[0]));
}

struct rule_case {
	const char *band; /* NULL: missing */
	double p;	  /* NaN: missing */
	const char *level;
	const char *rule, *service, *route;
	double contributions[4];
	const char *details[4];
};

static const struct rule_case rule_cases[] = {
    {"low",
     0.1,
     "laag",
     "r_low",
     "coach",
     "B",
     {1, NAN, NAN, NAN},
     {"fired: A.band = low (== low: yes)", "not evaluated", "not evaluated", "not evaluated"}},
    {"mid",
     0.2,
     "laag",
     "r_p",
     "coach",
     "A",
     {0, 1, NAN, NAN},
     {"did not match: A.band = mid (== low: no)",
      "fired: A.p = 0.2 (< 0.3: yes); Q.level = laag (in laag: yes)", "not evaluated",
      "not evaluated"}},
    /* the boundary: 0.3 is not below 0.3 */
    {"high",
     0.3,
     "laag",
     "r_default",
     "self",
     "A",
     {0, 0, 0, 1},
     {"did not match: A.band = high (== low: no)", "did not match: A.p = 0.3 (< 0.3: no)",
      "did not match: Q.level = laag (missing: no)", "fired: the default rule"}},
    /* a missing level matches no comparison, and "missing" only */
    {"mid",
     0.2,
     NULL,
     "r_missing",
     "coach",
     "A",
     {0, 0, 1, NAN},
     {"did not match: A.band = mid (== low: no)", "did not match: Q.level missing (in laag: no)",
      "fired: Q.level missing (missing: yes)", "not evaluated"}},
    {NULL,
     NAN,
     "hoog",
     "r_default",
     "self",
     "A",
     {0, 0, 0, 1},
     {"did not match: A.band missing (== low: no)", "did not match: A.p missing (< 0.3: no)",
      "did not match: Q.level = hoog (missing: no)", "fired: the default rule"}},
};

static void set_case(struct anker_case *c, const struct rule_case *rc)
{
	anker_case_clear(c);
	assert_int_equal(rc->band ? anker_case_set_level(c, "A.band", rc->band)
				  : anker_case_set_missing(c, "A.band"),
			 0);
	assert_int_equal(isnan(rc->p) ? anker_case_set_missing(c, "A.p")
				      : anker_case_set_number(c, "A.p", rc->p),
			 0);
	assert_int_equal(rc->level ? anker_case_set_level(c, "Q.level", rc->level)
				   : anker_case_set_missing(c, "Q.level"),
			 0);
}

static const char *level_of(const struct anker_model *m, const struct anker_result *res,
			    const char *output)
{
	int o = anker_model_find_output(m, output);
	assert_true(o >= 0);
	int level = anker_result_get_level(res, (size_t)o);
	assert_true(level >= 0);
	return anker_model_get_output_level_name(m, (size_t)o, (size_t)level);
}

static void test_first_match_and_explanation(void **state)
{
	(void)state;
	struct test_fixture *f = test_fixture_new(test_rules_quoted);
	assert_int_equal(anker_model_get_kind(f->model), ANKER_MODEL_RULES);
	assert_int_equal(anker_model_get_output_count(f->model), 3);
	assert_int_equal(anker_model_get_contribution_count(f->model), 4);
	for (size_t i = 0; i < sizeof(rule_cases) / sizeof(rule_cases[0]); i++) {
		const struct rule_case *rc = &rule_cases[i];
		set_case(f->c, rc);
		assert_int_equal(anker_model_score(f->model, f->c, 0, f->res, f->err), 0);
		assert_string_equal(level_of(f->model, f->res, "rule"), rc->rule);
		assert_string_equal(level_of(f->model, f->res, "service"), rc->service);
		assert_string_equal(level_of(f->model, f->res, "route"), rc->route);
		for (size_t k = 0; k < 4; k++) {
			double got = anker_result_get_contribution(f->res, k);
			if (isnan(rc->contributions[k]))
				assert_true(isnan(got));
			else
				assert_true(got == rc->contributions[k]);
			assert_string_equal(anker_result_get_contribution_detail(f->res, k),
					    rc->details[k]);
		}
	}
	/* an input outside its range is rejected, not clamped: the instrument would never give it
	 */
	anker_case_clear(f->c);
	anker_case_set_number(f->c, "A.p", 1.2);
	assert_int_equal(anker_model_score(f->model, f->c, 0, f->res, f->err),
			 ANKER_E_OUT_OF_RANGE);
	assert_string_equal(anker_error_field(f->err), "A.p");
	/* the rule's reason is the label of its level */
	assert_string_equal(anker_model_get_output_level_label(f->model, 2, 1), "p");
	test_fixture_free(f);
}

/* A batch gives every case the rule the single-case scorer gives it. */
static void test_batch_agrees(void **state)
{
	(void)state;
	struct test_fixture *f = test_fixture_new(test_rules_quoted);
	enum { N = sizeof(rule_cases) / sizeof(rule_cases[0]) };
	const char *band[N], *level[N];
	double p[N];
	int32_t rule[N], service[N], status[N];
	for (size_t i = 0; i < N; i++) {
		band[i] = rule_cases[i].band;
		p[i] = rule_cases[i].p;
		level[i] = rule_cases[i].level;
	}
	struct anker_batch *b = NULL;
	assert_int_equal(anker_batch_new(f->model, 0, &b), 0);
	assert_int_equal(anker_batch_bind_strings(b, "A.band", band, sizeof(char *)), 0);
	assert_int_equal(anker_batch_bind_f64(b, "A.p", p, sizeof(double)), 0);
	assert_int_equal(anker_batch_bind_strings(b, "Q.level", level, sizeof(char *)), 0);
	assert_int_equal(anker_batch_bind_output_i32(b, "rule", rule), 0);
	assert_int_equal(anker_batch_bind_output_i32(b, "service", service), 0);
	assert_int_equal(anker_batch_run(b, N, status, f->err), 0);
	for (size_t i = 0; i < N; i++) {
		assert_int_equal(status[i], 0);
		set_case(f->c, &rule_cases[i]);
		assert_int_equal(anker_model_score(f->model, f->c, 0, f->res, f->err), 0);
		assert_int_equal(rule[i], anker_result_get_level(f->res, 2));
		assert_int_equal(service[i], anker_result_get_level(f->res, 0));
	}
	anker_batch_free(b);
	test_fixture_free(f);
}

/* Each comparison on a number, at its threshold and above it. */
static void test_number_comparisons(void **state)
{
	(void)state;
	static const struct {
		const char *op;
		bool at, above; /* does r_p fire for A.p = 0.3, and for 0.4? */
	} ops[] = {
	    {"<", false, false}, {"<=", true, false}, {">", false, true},
	    {">=", true, true},	 {"==", true, false}, {"!=", false, true},
	};
	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		json_t *root = test_mutate_parse(base);
		char op[16];
		snprintf(op, sizeof(op), "\"%s\"", ops[i].op);
		edit_set_text(root, "rules/1/when/all/0/op", op);
		char *text = json_dumps(root, 0);
		json_decref(root);
		struct anker_ctx *ctx = test_ctx_new();
		struct anker_model *m = test_model_from_json(ctx, text);
		free(text);
		struct anker_case *c = NULL;
		struct anker_result *res = NULL;
		assert_int_equal(anker_case_new(ctx, &c), 0);
		assert_int_equal(anker_result_new(ctx, &res), 0);
		anker_case_set_level(c, "A.band", "mid");
		anker_case_set_level(c, "Q.level", "laag");
		for (int above = 0; above < 2; above++) {
			anker_case_set_number(c, "A.p", above ? 0.4 : 0.3);
			assert_int_equal(anker_model_score(m, c, 0, res, NULL), 0);
			bool fired = anker_result_get_level(res, 2) == 1;
			assert_true(fired == (above ? ops[i].above : ops[i].at));
		}
		anker_result_free(res);
		anker_case_free(c);
		anker_model_unref(m);
		anker_ctx_unref(ctx);
	}
}

static int setup(void **state)
{
	(void)state;
	base = test_unquote(test_rules_quoted);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	free(base);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_loader_errors),
	    cmocka_unit_test(test_union_message),
	    cmocka_unit_test(test_reachable_kept),
	    cmocka_unit_test(test_first_match_and_explanation),
	    cmocka_unit_test(test_batch_agrees),
	    cmocka_unit_test(test_number_comparisons),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
