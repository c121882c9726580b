/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The loader of kind "duration" against docs/model-format.md ("Duration
 * models"): a valid Cox model, then for every rule of the kind's sections a
 * mutation that must fail with the exact code, JSON path and field.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test-mutate.h"

/* Terms: [0] linear, [1] categorical. Grid months 1..12 in five steps. */
static const char base_model[] =
	"{\n"
	"  \"format\": \"anker-model\", \"format_version\": 1, \"kind\": \"duration\",\n"
	"  \"id\": \"test-duration\", \"name\": \"Test duration\", \"version\": \"1\",\n"
	"  \"toets\": \"BLIJF\",\n"
	"  \"outcome\": {\"description\": \"Still on benefit\", \"horizon_months\": 6},\n"
	"  \"valid_from\": \"2026-01-01\",\n"
	"  \"provenance\": {\"statement\": \"Test model.\", \"data\": \"None\",\n"
	"                 \"fitted_by\": \"The tests\"},\n"
	"  \"variables\": [\n"
	"    {\"name\": \"age\", \"kind\": \"numeric\", \"range\": [18, 67]},\n"
	"    {\"name\": \"edu\", \"kind\": \"categorical\", \"levels\": [\"low\", \"high\"]}\n"
	"  ],\n"
	"  \"terms\": [\n"
	"    {\"type\": \"linear\", \"name\": \"age\", \"label\": \"Age\", \"variable\": \"age\",\n"
	"     \"coef\": -0.01, \"center\": 40},\n"
	"    {\"type\": \"categorical\", \"name\": \"edu\", \"label\": \"Education\",\n"
	"     \"variable\": \"edu\", \"reference\": \"low\", \"effects\": {\"high\": 0.3}}\n"
	"  ],\n"
	"  \"survival\": {\"form\": \"cox\", \"baseline\": {\n"
	"    \"months\": [1, 2, 3, 6, 12], \"survival\": [0.9, 0.8, 0.75, 0.5, 0.4]}},\n"
	"  \"horizons\": [3, 6, 12],\n"
	"  \"bands\": {\"boundary\": \"lower\", \"items\": [\n"
	"    {\"name\": \"low\", \"upper\": 0.5}, {\"name\": \"high\"}]}\n"
	"}\n";

#define WEIBULL "{\"form\": \"weibull\", \"shape\": 1.2, \"scale\": 10, \"max_months\": 24}"

#define RUN(cases) run_cases_on(base_model, cases, sizeof(cases) / sizeof(cases[0]))
#define BAD ANKER_E_BAD_VALUE
#define WRONG ANKER_E_WRONG_TYPE
#define MISSING ANKER_E_MISSING_KEY
#define ORDER ANKER_E_ORDER

static const struct error_case survival_cases[] = {
	{ "survival missing", { { DEL, "survival", NULL } }, MISSING, "$.survival", "survival" },
	{ "survival not an object", { { SET, "survival", "[]" } }, WRONG, "$.survival",
	  "survival" },
	{ "form missing", { { DEL, "survival/form", NULL } }, MISSING, "$.survival.form", "form" },
	{ "form unknown", { { SET, "survival/form", "\"lognormal\"" } }, ANKER_E_UNSUPPORTED,
	  "$.survival.form", "form" },
	{ "form not a string", { { SET, "survival/form", "1" } }, WRONG, "$.survival.form",
	  "form" },
	{ "cox with a shape", { { SET, "survival/shape", "1" } }, ANKER_E_UNKNOWN_KEY,
	  "$.survival.shape", "shape" },
	{ "baseline missing", { { DEL, "survival/baseline", NULL } }, MISSING,
	  "$.survival.baseline", "baseline" },
	{ "baseline not an object", { { SET, "survival/baseline", "[1]" } }, WRONG,
	  "$.survival.baseline", "baseline" },
	{ "baseline unknown key", { { SET, "survival/baseline/hazard", "[1]" } },
	  ANKER_E_UNKNOWN_KEY, "$.survival.baseline.hazard", "hazard" },
	{ "months missing", { { DEL, "survival/baseline/months", NULL } }, MISSING,
	  "$.survival.baseline.months", "months" },
	{ "months empty", { { SET, "survival/baseline/months", "[]" } }, BAD,
	  "$.survival.baseline.months", "months" },
	{ "months not numbers", { { SET, "survival/baseline/months/1", "\"2\"" } }, WRONG,
	  "$.survival.baseline.months[1]", "months" },
	{ "month 0", { { SET, "survival/baseline/months/0", "0" } }, BAD,
	  "$.survival.baseline.months[0]", "months" },
	{ "month negative", { { SET, "survival/baseline/months/0", "-1" } }, BAD,
	  "$.survival.baseline.months[0]", "months" },
	{ "months tied", { { SET, "survival/baseline/months/2", "2" } }, ORDER,
	  "$.survival.baseline.months[2]", "months" },
	{ "months decreasing", { { SET, "survival/baseline/months/4", "5" } }, ORDER,
	  "$.survival.baseline.months[4]", "months" },
	{ "last month beyond 1200", { { SET, "survival/baseline/months/4", "1201" } }, BAD,
	  "$.survival.baseline.months[4]", "months" },
	{ "survival missing in baseline", { { DEL, "survival/baseline/survival", NULL } },
	  MISSING, "$.survival.baseline.survival", "survival" },
	{ "survival shorter", { { DEL, "survival/baseline/survival/4", NULL } }, BAD,
	  "$.survival.baseline.survival", "survival" },
	{ "survival longer", { { SET, "survival/baseline/survival/5", "0.3" } }, BAD,
	  "$.survival.baseline.survival", "survival" },
	{ "survival 0", { { SET, "survival/baseline/survival/4", "0" } }, BAD,
	  "$.survival.baseline.survival[4]", "survival" },
	{ "survival above 1", { { SET, "survival/baseline/survival/0", "1.01" } }, BAD,
	  "$.survival.baseline.survival[0]", "survival" },
	{ "survival increasing", { { SET, "survival/baseline/survival/2", "0.85" } }, ORDER,
	  "$.survival.baseline.survival[2]", "survival" },
	{ "survival not a number", { { SET, "survival/baseline/survival/1", "null" } }, WRONG,
	  "$.survival.baseline.survival[1]", "survival" },
	/* weibull */
	{ "weibull with a baseline",
	  { { SET, "survival", WEIBULL }, { SET, "survival/baseline", "{}" } },
	  ANKER_E_UNKNOWN_KEY, "$.survival.baseline", "baseline" },
	{ "shape missing", { { SET, "survival", WEIBULL }, { DEL, "survival/shape", NULL } },
	  MISSING, "$.survival.shape", "shape" },
	{ "shape below 0.05", { { SET, "survival", WEIBULL }, { SET, "survival/shape", "0.04" } },
	  BAD, "$.survival.shape", "shape" },
	{ "shape above 20", { { SET, "survival", WEIBULL }, { SET, "survival/shape", "20.5" } },
	  BAD, "$.survival.shape", "shape" },
	{ "shape a string", { { SET, "survival", WEIBULL }, { SET, "survival/shape", "\"1\"" } },
	  WRONG, "$.survival.shape", "shape" },
	{ "scale missing", { { SET, "survival", WEIBULL }, { DEL, "survival/scale", NULL } },
	  MISSING, "$.survival.scale", "scale" },
	{ "scale 0", { { SET, "survival", WEIBULL }, { SET, "survival/scale", "0" } }, BAD,
	  "$.survival.scale", "scale" },
	{ "scale negative", { { SET, "survival", WEIBULL }, { SET, "survival/scale", "-3" } },
	  BAD, "$.survival.scale", "scale" },
	{ "scale beyond 1e15", { { SET, "survival", WEIBULL }, { SET, "survival/scale", "2e15" } },
	  BAD, "$.survival.scale", "scale" },
	{ "max_months missing",
	  { { SET, "survival", WEIBULL }, { DEL, "survival/max_months", NULL } }, MISSING,
	  "$.survival.max_months", "max_months" },
	{ "max_months 0", { { SET, "survival", WEIBULL }, { SET, "survival/max_months", "0" } },
	  BAD, "$.survival.max_months", "max_months" },
	{ "max_months beyond 1200",
	  { { SET, "survival", WEIBULL }, { SET, "survival/max_months", "1200.5" } }, BAD,
	  "$.survival.max_months", "max_months" },
};

static void test_survival(void **state)
{
	(void)state;
	RUN(survival_cases);
}

static const struct error_case horizon_cases[] = {
	{ "horizons missing", { { DEL, "horizons", NULL } }, MISSING, "$.horizons", "horizons" },
	{ "horizons not an array", { { SET, "horizons", "6" } }, WRONG, "$.horizons",
	  "horizons" },
	{ "horizons empty", { { SET, "horizons", "[]" } }, BAD, "$.horizons", "horizons" },
	{ "horizons 17",
	  { { SET, "horizons", "[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17]" },
	    { SET, "survival", WEIBULL } },
	  ANKER_E_TOO_LARGE, "$.horizons", "horizons" },
	{ "horizon a fraction", { { SET, "horizons/1", "6.5" } }, WRONG, "$.horizons[1]",
	  "horizons" },
	{ "horizon written 6.0", { { SET, "horizons/1", "6.0" } }, WRONG, "$.horizons[1]",
	  "horizons" },
	{ "horizon 0", { { SET, "horizons/0", "0" } }, BAD, "$.horizons[0]", "horizons" },
	{ "horizon 121",
	  { { SET, "horizons/2", "121" },
	    { SET, "survival",
	      "{\"form\": \"weibull\", \"shape\": 1, \"scale\": 10, \"max_months\": 200}" } },
	  BAD, "$.horizons[2]", "horizons" },
	{ "horizons tied", { { SET, "horizons/1", "3" } }, ORDER, "$.horizons[1]", "horizons" },
	{ "horizons decreasing", { { SET, "horizons/2", "4" } }, ORDER, "$.horizons[2]",
	  "horizons" },
	{ "horizon beyond the grid", { { SET, "horizons/2", "13" } }, BAD, "$.horizons[2]",
	  "horizons" },
	{ "horizon beyond max_months", { { SET, "survival", WEIBULL }, { SET, "horizons/2", "25" } },
	  BAD, "$.horizons[2]", "horizons" },
	{ "headline not a horizon", { { SET, "outcome/horizon_months", "9" } }, ANKER_E_REFERENCE,
	  "$.outcome.horizon_months", "horizon_months" },
};

static void test_horizons(void **state)
{
	(void)state;
	RUN(horizon_cases);
}

static const struct error_case other_cases[] = {
	{ "an intercept",
	  { { SET, "terms/2",
	      "{\"type\": \"intercept\", \"name\": \"b0\", \"label\": \"Start\", \"coef\": 0.1}" } },
	  BAD, "$.terms[2].type", "type" },
	{ "a link", { { SET, "link", "\"logit\"" } }, ANKER_E_UNKNOWN_KEY, "$.link", "link" },
	{ "terms missing", { { DEL, "terms", NULL } }, MISSING, "$.terms", "terms" },
	{ "variables missing", { { DEL, "variables", NULL } }, MISSING, "$.variables",
	  "variables" },
	{ "bands missing", { { DEL, "bands", NULL } }, MISSING, "$.bands", "bands" },
	{ "band threshold 1", { { SET, "bands/items/0/upper", "1" } }, BAD,
	  "$.bands.items[0].upper", "upper" },
};

static void test_other_sections(void **state)
{
	(void)state;
	RUN(other_cases);
}

/* The limits: 1200 grid months load, 1201 are too many; every form loads. */
static void test_limits_and_forms(void **state)
{
	(void)state;
	json_t *root = parse_model_text(base_model);
	json_t *months = json_array(), *survival = json_array();
	for (int i = 1; i <= 1200; i++) {
		json_array_append_new(months, json_real(i * 0.5));
		json_array_append_new(survival, json_real(1.0 - i / 1300.0));
	}
	edit_set(root, "survival/baseline/months", json_deep_copy(months));
	edit_set(root, "survival/baseline/survival", json_deep_copy(survival));
	json_t *copy = json_deep_copy(root);
	expect_ok(root, "1200 grid months");
	json_array_append_new(months, json_real(600.5));
	json_array_append_new(survival, json_real(0.01));
	edit_set(copy, "survival/baseline/months", months);
	edit_set(copy, "survival/baseline/survival", survival);
	expect_error(copy, "1201 grid months", ANKER_E_TOO_LARGE, "$.survival.baseline.months",
		     "months");

	root = parse_model_text(base_model);
	edit_set_text(root, "survival", WEIBULL);
	expect_ok(root, "weibull");
	/* S0 may stay flat, and may be 1 at the first grid months (no exits yet) */
	root = parse_model_text(base_model);
	edit_set_text(root, "survival/baseline/survival", "[1, 1, 0.75, 0.75, 0.4]");
	expect_ok(root, "flat baseline");
	/* a single grid month and a single horizon */
	root = parse_model_text(base_model);
	edit_set_text(root, "survival/baseline", "{\"months\": [6], \"survival\": [0.5]}");
	edit_set_text(root, "horizons", "[6]");
	expect_ok(root, "one grid month");
}

/* Every allocation of loading a Cox or a Weibull model may fail cleanly. */
static void test_out_of_memory(void **state)
{
	(void)state;
	assert_true(expect_out_of_memory_everywhere(base_model, NULL) > 10);
	json_t *root = parse_model_text(base_model);
	edit_set_text(root, "survival", WEIBULL);
	char *weibull = dump(root);
	json_decref(root);
	assert_true(expect_out_of_memory_everywhere(weibull, NULL) > 10);
	free(weibull);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_survival),
		cmocka_unit_test(test_horizons),
		cmocka_unit_test(test_other_sections),
		cmocka_unit_test(test_limits_and_forms),
		cmocka_unit_test(test_out_of_memory),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
