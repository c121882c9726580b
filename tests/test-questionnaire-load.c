/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The questionnaire loader against docs/model-format.md ("Questionnaires"):
 * for every rule, a mutation of the valid questionnaire of
 * test-questionnaire.h that must fail with the exact code, JSON path and
 * field. Items: [0] l1, [1] l2, [2] l3 (Likert), [3] yn, [4] num, [5] ch;
 * scales: [0] S (sum, prorated, 4 items, scores 2..15), [1] M (mean), [2] N.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test-mutate.h"
#include "test-questionnaire.h"
#include "test-util.h"

static char *base;

#define UNKNOWN ANKER_E_UNKNOWN_KEY
#define WRONG	ANKER_E_WRONG_TYPE
#define MISSING ANKER_E_MISSING_KEY
#define BAD	ANKER_E_BAD_VALUE
#define ORDER	ANKER_E_ORDER
#define DUP	ANKER_E_DUPLICATE
#define REF	ANKER_E_REFERENCE

static const struct error_case cases[] = {
    /* keys of other kinds and of other response types */
    {"outcome",
     {{SET, "outcome", "{\"description\": \"x\", \"horizon_months\": 6}"}},
     UNKNOWN,
     "$.outcome",
     "outcome"},
    {"variables", {{SET, "variables", "[]"}}, UNKNOWN, "$.variables", "variables"},
    {"item extra", {{SET, "items/0/extra", "1"}}, UNKNOWN, "$.items[0].extra", "extra"},
    {"likert range", {{SET, "items/0/range", "[1, 5]"}}, UNKNOWN, "$.items[0].range", "range"},
    {"yes_no options", {{SET, "items/3/options", "[]"}}, UNKNOWN, "$.items[3].options", "options"},
    {"number options", {{SET, "items/4/options", "[]"}}, UNKNOWN, "$.items[4].options", "options"},
    {"number out_of_range",
     {{SET, "items/4/out_of_range", "\"clamp\""}},
     UNKNOWN,
     "$.items[4].out_of_range",
     "out_of_range"},
    {"item missing policy",
     {{SET, "items/4/missing", "{\"policy\": \"reject\"}"}},
     UNKNOWN,
     "$.items[4].missing",
     "missing"},
    {"third language",
     {{SET, "items/0/text/de", "\"Frage\""}},
     UNKNOWN,
     "$.items[0].text.de",
     "de"},
    {"likert code",
     {{SET, "items/0/options/0/code", "\"a\""}},
     UNKNOWN,
     "$.items[0].options[0].code",
     "code"},
    {"mean prorate",
     {{SET, "scales/1/prorate", "true"}},
     UNKNOWN,
     "$.scales[1].prorate",
     "prorate"},
    {"member extra",
     {{SET, "scales/0/items/0/extra", "1"}},
     UNKNOWN,
     "$.scales[0].items[0].extra",
     "extra"},
    {"levels extra",
     {{SET, "scales/0/levels/extra", "1"}},
     UNKNOWN,
     "$.scales[0].levels.extra",
     "extra"},
    {"level extra",
     {{SET, "scales/0/levels/items/0/extra", "1"}},
     UNKNOWN,
     "$.scales[0].levels.items[0].extra",
     "extra"},

    /* required keys */
    {"items", {{DEL, "items", NULL}}, MISSING, "$.items", "items"},
    {"scales", {{DEL, "scales", NULL}}, MISSING, "$.scales", "scales"},
    {"text", {{DEL, "items/0/text", NULL}}, MISSING, "$.items[0].text", "text"},
    {"text en", {{DEL, "items/0/text/en", NULL}}, MISSING, "$.items[0].text.en", "en"},
    {"label nl", {{DEL, "items/1/label/nl", NULL}}, MISSING, "$.items[1].label.nl", "nl"},
    {"response", {{DEL, "items/0/response", NULL}}, MISSING, "$.items[0].response", "response"},
    {"likert options", {{DEL, "items/0/options", NULL}}, MISSING, "$.items[0].options", "options"},
    {"option label",
     {{DEL, "items/0/options/0/label", NULL}},
     MISSING,
     "$.items[0].options[0].label",
     "label"},
    {"range", {{DEL, "items/4/range", NULL}}, MISSING, "$.items[4].range", "range"},
    {"choice value",
     {{DEL, "items/5/options/0/value", NULL}},
     MISSING,
     "$.items[5].options[0].value",
     "value"},
    {"choice code",
     {{DEL, "items/5/options/0/code", NULL}},
     MISSING,
     "$.items[5].options[0].code",
     "code"},
    {"scale label", {{DEL, "scales/0/label", NULL}}, MISSING, "$.scales[0].label", "label"},
    {"scale rule", {{DEL, "scales/0/rule", NULL}}, MISSING, "$.scales[0].rule", "rule"},
    {"scale items", {{DEL, "scales/0/items", NULL}}, MISSING, "$.scales[0].items", "items"},
    {"member item",
     {{DEL, "scales/0/items/0/item", NULL}},
     MISSING,
     "$.scales[0].items[0].item",
     "item"},
    {"levels", {{DEL, "scales/0/levels", NULL}}, MISSING, "$.scales[0].levels", "levels"},
    {"boundary",
     {{DEL, "scales/0/levels/boundary", NULL}},
     MISSING,
     "$.scales[0].levels.boundary",
     "boundary"},
    {"cut-off",
     {{DEL, "scales/0/levels/items/0/upper", NULL}},
     MISSING,
     "$.scales[0].levels.items[0].upper",
     "upper"},
    {"level label",
     {{DEL, "scales/0/levels/items/0/label", NULL}},
     MISSING,
     "$.scales[0].levels.items[0].label",
     "label"},

    /* wrong JSON types */
    {"items object", {{SET, "items", "{}"}}, WRONG, "$.items", "items"},
    {"item string", {{SET, "items/0", "\"l1\""}}, WRONG, "$.items[0]", "items"},
    {"text string", {{SET, "items/0/text", "\"Vraag\""}}, WRONG, "$.items[0].text", "text"},
    {"option value string",
     {{SET, "items/0/options/0/value", "\"1\""}},
     WRONG,
     "$.items[0].options[0].value",
     "value"},
    {"prorate string",
     {{SET, "scales/0/prorate", "\"yes\""}},
     WRONG,
     "$.scales[0].prorate",
     "prorate"},
    {"max_missing real",
     {{SET, "scales/0/max_missing", "1.5"}},
     WRONG,
     "$.scales[0].max_missing",
     "max_missing"},
    {"reverse number",
     {{SET, "scales/0/items/1/reverse", "1"}},
     WRONG,
     "$.scales[0].items[1].reverse",
     "reverse"},
    {"weight string",
     {{SET, "scales/0/items/0/weight", "\"1\""}},
     WRONG,
     "$.scales[0].items[0].weight",
     "weight"},

    /* values not allowed */
    {"response", {{SET, "items/0/response", "\"slider\""}}, BAD, "$.items[0].response", "response"},
    {"item name", {{SET, "items/0/name", "\"1x\""}}, BAD, "$.items[0].name", "name"},
    {"empty text", {{SET, "items/0/text/nl", "\"\""}}, BAD, "$.items[0].text.nl", "nl"},
    {"one option",
     {{SET, "items/0/options",
       "[{\"value\": 1, \"label\": {\"nl\": \"a\", "
       "\"en\": \"a\"}}]"}},
     BAD,
     "$.items[0].options",
     "options"},
    {"rule", {{SET, "scales/0/rule", "\"median\""}}, BAD, "$.scales[0].rule", "rule"},
    {"weight 0",
     {{SET, "scales/0/items/2/weight", "0"}},
     BAD,
     "$.scales[0].items[2].weight",
     "weight"},
    {"weight negative",
     {{SET, "scales/0/items/2/weight", "-1"}},
     BAD,
     "$.scales[0].items[2].weight",
     "weight"},
    {"max_missing all",
     {{SET, "scales/0/max_missing", "4"}},
     BAD,
     "$.scales[0].max_missing",
     "max_missing"},
    {"max_missing negative",
     {{SET, "scales/0/max_missing", "-1"}},
     BAD,
     "$.scales[0].max_missing",
     "max_missing"},
    {"sum without prorating",
     {{SET, "scales/0/prorate", "false"}},
     BAD,
     "$.scales[0].max_missing",
     "max_missing"},
    {"sum, prorate absent",
     {{DEL, "scales/0/prorate", NULL}},
     BAD,
     "$.scales[0].max_missing",
     "max_missing"},
    {"cut-off at the lowest score",
     {{SET, "scales/0/levels/items/0/upper", "2"}},
     BAD,
     "$.scales[0].levels.items[0].upper",
     "upper"},
    {"cut-off at the highest score",
     {{SET, "scales/0/levels/items/1/upper", "15"}},
     BAD,
     "$.scales[0].levels.items[1].upper",
     "upper"},
    {"mean cut-off above the options",
     {{SET, "scales/1/levels/items/0/upper", "5.5"}},
     BAD,
     "$.scales[1].levels.items[0].upper",
     "upper"},
    {"last level with a cut-off",
     {{SET, "scales/0/levels/items/2/upper", "12"}},
     BAD,
     "$.scales[0].levels.items[2].upper",
     "upper"},
    {"boundary",
     {{SET, "scales/0/levels/boundary", "\"middle\""}},
     BAD,
     "$.scales[0].levels.boundary",
     "boundary"},
    {"level name",
     {{SET, "scales/0/levels/items/0/name", "\"a b\""}},
     BAD,
     "$.scales[0].levels.items[0].name",
     "name"},

    /* order */
    {"Likert values",
     {{SET, "items/0/options/1/value", "1"}},
     ORDER,
     "$.items[0].options[1].value",
     "value"},
    {"range", {{SET, "items/4/range", "[40, 0]"}}, ORDER, "$.items[4].range", "range"},
    {"cut-offs",
     {{SET, "scales/0/levels/items/1/upper", "5"}},
     ORDER,
     "$.scales[0].levels.items[1].upper",
     "upper"},

    /* duplicates and references */
    {"item name", {{SET, "items/1/name", "\"l1\""}}, DUP, "$.items[1].name", "name"},
    {"choice code",
     {{SET, "items/5/options/2/code", "\"none\""}},
     DUP,
     "$.items[5].options[2].code",
     "code"},
    {"scale name", {{SET, "scales/1/name", "\"S\""}}, DUP, "$.scales[1].name", "name"},
    {"item twice in a scale",
     {{SET, "scales/0/items/1/item", "\"l1\""}},
     DUP,
     "$.scales[0].items[1].item",
     "item"},
    {"level name",
     {{SET, "scales/0/levels/items/1/name", "\"low\""}},
     DUP,
     "$.scales[0].levels.items[1].name",
     "name"},
    {"unknown item",
     {{SET, "scales/0/items/0/item", "\"zz\""}},
     REF,
     "$.scales[0].items[0].item",
     "item"},
};

static void test_bad_files(void **state)
{
	(void)state;
	test_mutate_run(base, cases, sizeof(cases) / sizeof(cases[0]));
}

static void test_limits(void **state)
{
	(void)state;
	/* 11 Likert options at most, 2 at least; 16 levels at most */
	json_t *root = test_mutate_parse(base);
	json_t *options = json_array();
	for (int i = 0; i < 12; i++)
		json_array_append_new(options, json_pack("{s:i, s:{s:s, s:s}}", "value", i, "label",
							 "nl", "x", "en", "x"));
	edit_set(root, "items/0/options", json_deep_copy(options));
	json_t *copy = json_deep_copy(root);
	expect_error(root, "12 Likert options", ANKER_E_TOO_LARGE, "$.items[0].options", "options");
	json_array_remove(options, 11);
	edit_set(copy, "items/0/options", options);
	expect_ok(copy, "11 Likert options");

	/* the valid file loads, and its sections all default sensibly */
	root = test_mutate_parse(base);
	edit_delete(root, "scales/1/items/1/weight");
	expect_ok(root, "default weight");
	root = test_mutate_parse(base);
	edit_set_text(root, "scales/1/max_missing", "0");
	expect_ok(root, "max_missing 0");
}

/* The complete example of docs/model-format.md loads, and scores its worked example. */
static void test_documented_example(void **state)
{
	(void)state;
	size_t len;
	const char *text = test_doc_example("complete-questionnaire", &len);

	struct anker_ctx *ctx = test_ctx_new();
	struct anker_error *err = NULL;
	struct anker_model *model = NULL;
	struct anker_case *c = NULL;
	struct anker_result *res = NULL;
	assert_int_equal(anker_error_new(&err), 0);
	int r = anker_model_load_buffer(ctx, text, len, "model-format.md", err, &model);
	if (r != 0)
		fail_msg("documented example: %s", anker_error_message(err));
	assert_int_equal(anker_case_new(ctx, &c), 0);
	assert_int_equal(anker_result_new(ctx, &res), 0);
	/* the worked example of "Scoring a scale": l1 missing, l2 = 5, yn = no, ch = full */
	anker_case_set_number(c, "l2", 5);
	anker_case_set_bool(c, "yn", 0);
	anker_case_set_level(c, "ch", "full");
	anker_case_set_number(c, "hours", 8);
	assert_int_equal(anker_model_score(model, c, 0, res, err), 0);
	assert_true(anker_result_get_number(res, 0) == 5.0);
	assert_int_equal(anker_result_get_level(res, 1), 0);
	assert_true(anker_result_get_contribution(res, 1) == 1.25);
	assert_true(anker_result_get_contribution(res, 3) == 3.75);
	/* exactly 8 hours is "many" under "upper" */
	assert_int_equal(anker_result_get_level(res, 4), 1);
	/* with l2 missing as well, S is not scorable */
	anker_case_set_missing(c, "l2");
	assert_int_equal(anker_model_score(model, c, 0, res, err), 0);
	assert_true(isnan(anker_result_get_number(res, 0)));
	assert_int_equal(anker_result_get_level(res, 1), ANKER_E_NOT_FOUND);
	anker_result_free(res);
	anker_case_free(c);
	anker_model_unref(model);
	anker_error_free(err);
	anker_ctx_unref(ctx);
}

static int setup(void **state)
{
	(void)state;
	base = test_unquote(test_questionnaire);
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
	    cmocka_unit_test(test_bad_files),
	    cmocka_unit_test(test_limits),
	    cmocka_unit_test(test_documented_example),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
