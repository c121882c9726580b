/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Scores must not depend on the process locale. A Dutch locale writes 0,5;
 * model files always use '.', and the library must read and write them the
 * same way whatever LC_NUMERIC says.
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <anker/simulate.h>

#include "test-util.h"
#include "core/private.h"

/* Decimal coefficients everywhere, so a locale-dependent parser would misread them. */
static const char model_json[] =
	"{\"format\":\"anker-model\",\"format_version\":1,\"kind\":\"binary\","
	"\"id\":\"locale-check\",\"name\":\"Locale check\",\"version\":\"1.0\",\"toets\":\"AMT\","
	"\"outcome\":{\"description\":\"work within 6 months\",\"horizon_months\":6},"
	"\"valid_from\":\"2026-01-01\","
	"\"provenance\":{\"statement\":\"Test model, not an official UWV model.\","
	"\"data\":\"none\",\"fitted_by\":\"libanker tests\"},"
	"\"variables\":["
	"{\"name\":\"age\",\"kind\":\"numeric\",\"range\":[16.5,67.25],\"out_of_range\":\"clamp\"},"
	"{\"name\":\"hours\",\"kind\":\"numeric\",\"range\":[0,40.5],"
	"\"missing\":{\"policy\":\"impute\",\"value\":20.25}}],"
	"\"link\":\"logit\","
	"\"terms\":["
	"{\"type\":\"intercept\",\"name\":\"base\",\"label\":\"Baseline\",\"coef\":0.125},"
	"{\"type\":\"linear\",\"name\":\"age\",\"label\":\"Age\",\"variable\":\"age\","
	"\"coef\":-0.0375,\"center\":40.5},"
	"{\"type\":\"spline\",\"name\":\"hours\",\"label\":\"Hours\",\"variable\":\"hours\","
	"\"knots\":[0.5,10.25,40.5],\"values\":[-0.75,0.5,1.25]}],"
	"\"bands\":{\"boundary\":\"lower\",\"items\":[{\"name\":\"low\",\"upper\":0.5},"
	"{\"name\":\"high\"}]}}";

struct scored {
	double lp, p;
	int band;
	char detail[3][128];
	char sha[65];
};

static void score_once(struct scored *out)
{
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_model *model = test_model_from_json(ctx, model_json);
	struct anker_case *c = NULL;
	struct anker_result *res = NULL;
	assert_int_equal(anker_case_new(ctx, &c), 0);
	assert_int_equal(anker_result_new(ctx, &res), 0);
	assert_int_equal(anker_case_set_number(c, "age", 70.75), 0); /* clamped to 67.25 */
	assert_int_equal(anker_case_set_missing(c, "hours"), 0);     /* imputed 20.25 */
	assert_int_equal(anker_model_score(model, c, 0, res, NULL), 0);
	out->lp = anker_result_get_linear_predictor(res);
	out->p = anker_result_get_probability(res);
	out->band = anker_result_get_band(res);
	for (size_t i = 0; i < 3; i++)
		snprintf(out->detail[i], sizeof(out->detail[i]), "%s",
			 anker_result_get_contribution_detail(res, i));
	snprintf(out->sha, sizeof(out->sha), "%s", anker_model_get_sha256(model));
	anker_result_free(res);
	anker_case_free(c);
	anker_model_unref(model);
	anker_ctx_unref(ctx);
}

static void test_scores_identical_under_dutch_locale(void **state)
{
	(void)state;
	char *saved = strdup(setlocale(LC_ALL, NULL));
	assert_non_null(setlocale(LC_ALL, "C"));
	struct scored c_locale, nl_locale;
	score_once(&c_locale);

	/*
	 * Hand computation: age clamped to 67.25: -0.0375 * (67.25 - 40.5) = -1.003125;
	 * hours imputed 20.25 lies between knots 10.25 and 40.5:
	 * 0.5 + (20.25 - 10.25) / (40.5 - 10.25) * 0.75 = 0.5 + 0.2479338842975207 = 0.7479338842975207;
	 * eta = 0.125 - 1.003125 + 0.7479338842975207 = -0.13019111570247938.
	 */
	assert_close(c_locale.lp, -0.13019111570247938, 1e-14);
	assert_int_equal(c_locale.band, 0);

	if (!setlocale(LC_ALL, "nl_NL.UTF-8")) {
		free(saved);
		skip(); /* scripts/setup-deps generates it; without it this proves nothing */
	}
	/* Prove the locale is really in effect: the C library now reads "0.5" as 0. */
	assert_true(strtod("0.5", NULL) == 0.0);
	char buf[16];
	snprintf(buf, sizeof(buf), "%.1f", 0.5);
	assert_string_equal(buf, "0,5");

	score_once(&nl_locale);
	assert_memory_equal(&c_locale.lp, &nl_locale.lp, sizeof(double));
	assert_memory_equal(&c_locale.p, &nl_locale.p, sizeof(double));
	assert_int_equal(c_locale.band, nl_locale.band);
	for (size_t i = 0; i < 3; i++)
		assert_string_equal(c_locale.detail[i], nl_locale.detail[i]);
	assert_string_equal(c_locale.sha, nl_locale.sha);

	/* The library's own number parser ignores the locale too. */
	struct anker_ctx *ctx = test_ctx_new();
	double v = 0;
	assert_int_equal(anker_parse_double(ctx, "0.5", 3, &v), 0);
	assert_true(v == 0.5);
	assert_int_equal(anker_parse_double(ctx, "0,5", 3, &v), ANKER_E_SYNTAX);

	/* Error messages quote numbers as the files write them, not as the host's locale would. */
	static const char scenario[] =
	    "{\"format\": \"anker-scenario\", \"format_version\": 1, \"id\": \"t\", \"version\": \"1\","
	    " \"provenance\": {\"statement\": \"T.\", \"sources\": {}}, \"variables\": [{\"name\": "
	    "\"g\", \"kind\": \"categorical\", \"draw\": {\"type\": \"categorical\", \"levels\": "
	    "{\"x\": 0.5, \"y\": 0.25}}}], \"outcomes\": []}";
	struct anker_error *err = NULL;
	struct anker_scenario *sc = NULL;
	assert_int_equal(anker_error_new(&err), 0);
	assert_int_equal(anker_scenario_load_buffer(ctx, scenario, sizeof(scenario) - 1, "s.json",
						    err, &sc),
			 ANKER_E_BAD_VALUE);
	assert_non_null(strstr(anker_error_message(err), "sum to 0.75, not 1"));
	assert_null(sc);
	anker_error_free(err);
	anker_ctx_unref(ctx);

	setlocale(LC_ALL, saved);
	free(saved);
}

int main(void)
{
	locale_t dutch = newlocale(LC_ALL_MASK, "nl_NL.UTF-8", (locale_t)0);
	if (dutch == (locale_t)0) {
		fprintf(stderr, "nl_NL.UTF-8 is not installed (scripts/setup-deps test makes it)\n");
		return 77; /* meson reports a skip, not a pass */
	}
	freelocale(dutch);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scores_identical_under_dutch_locale),
	};
	return cmocka_run_group_tests_name("locale", tests, NULL, NULL);
}
