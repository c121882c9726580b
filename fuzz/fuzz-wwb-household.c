/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * libFuzzer target for the household parser and the toets behind it. The
 * rules are fixed (one norms table, its asset limits and a pension table,
 * built in); whatever the household bytes, parsing and testing return a
 * status without crashing or leaking, and a result holds together: every
 * line in both languages, an unknown verdict lists what is missing, the
 * bijstand is the norm minus the income counted and never negative.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <anker/anker.h>

#include "fuzz-check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char norms_json[] =
    "{\"format\": \"anker-norms\", \"format_version\": 1, \"table\": \"norms\", "
    "\"valid_from\": \"2026-01-01\", \"valid_until\": \"2026-06-30\", \"source\": "
    "{\"document\": \"fuzz\", \"date\": \"2026-01-01\"}, \"norms\": {\"single\": 1401.50, "
    "\"couple\": 2002.13, \"single_18_20\": 345.99, \"couple_18_20\": 691.98, "
    "\"couple_mixed\": 1347.06, \"single_pension\": 1564.69, \"couple_pension\": 2144.16}, "
    "\"cost_sharing\": {\"min_age\": 27, \"carer_exempt\": true}, \"earnings_disregard\": "
    "{\"percent\": 25, \"max\": 285, \"months\": 6}, \"youth_supplement\": 746.45}";
static const char assets_json[] =
    "{\"format\": \"anker-norms\", \"format_version\": 1, \"table\": \"asset-limits\", "
    "\"valid_from\": \"2026-01-01\", \"valid_until\": \"2026-12-31\", \"source\": "
    "{\"document\": \"fuzz\", \"date\": \"2026-01-01\"}, \"limits\": {\"single\": 8000, "
    "\"family\": 16000, \"home_equity\": 67500}, \"gifts_not_counted_per_year\": 1200, "
    "\"assets_at_any_time\": true}";
static const char pension_json[] =
    "{\"format\": \"anker-pension-age\", \"format_version\": 1, \"source\": {\"document\": "
    "\"fuzz\", \"date\": \"2026-01-01\"}, \"rows\": [{\"born_from\": \"1957-03-01\", "
    "\"born_until\": \"1960-12-31\", \"age\": {\"years\": 67, \"months\": 0}}], "
    "\"later_births_at_least\": {\"years\": 67, \"months\": 0}}";

static void check_result(const struct anker_wwb_result *r)
{
	int verdict = anker_wwb_result_get_verdict(r);
	CHECK(anker_wwb_verdict_name(verdict) != NULL);
	size_t lines = anker_wwb_result_get_line_count(r);
	CHECK(lines >= 2);
	for (size_t i = 0; i < lines; i++) {
		CHECK(anker_wwb_result_get_line_code(r, i));
		CHECK(anker_wwb_result_get_line_article(r, i));
		CHECK(anker_wwb_result_get_line_text(r, i, ANKER_WWB_DUTCH));
		CHECK(anker_wwb_result_get_line_text(r, i, ANKER_WWB_ENGLISH));
	}
	CHECK(strcmp(anker_wwb_result_get_line_code(r, lines - 1), "verdict") == 0);
	if (verdict == ANKER_WWB_UNKNOWN)
		CHECK(anker_wwb_result_get_missing_count(r) > 0);
	long long norm = 0, income = 0, bijstand = 0;
	bool has_norm = anker_wwb_result_get_amount(r, ANKER_WWB_AMOUNT_NORM, &norm) == 0;
	bool has_income = anker_wwb_result_get_amount(r, ANKER_WWB_AMOUNT_INCOME, &income) == 0;
	bool has_bijstand =
	    anker_wwb_result_get_amount(r, ANKER_WWB_AMOUNT_BIJSTAND, &bijstand) == 0;
	CHECK(has_bijstand == (has_norm && has_income));
	if (has_bijstand)
		CHECK(bijstand >= 0 && bijstand == (norm > income ? norm - income : 0));
	if (verdict == ANKER_WWB_PROBABLY_ENTITLED)
		CHECK(has_bijstand && bijstand > 0);
	if (has_norm) {
		long long without = 0, holiday = 0;
		CHECK(anker_wwb_result_get_amount(r, ANKER_WWB_AMOUNT_NORM_WITHOUT_HOLIDAY,
						  &without) == 0);
		CHECK(anker_wwb_result_get_amount(r, ANKER_WWB_AMOUNT_HOLIDAY_ALLOWANCE,
						  &holiday) == 0);
		CHECK(without + holiday == norm && holiday >= 0 && norm > 0);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct anker_ctx *ctx = NULL;
	struct anker_error *err = NULL;
	struct anker_wwb_norms *norms = NULL;
	if (anker_ctx_new(&ctx) < 0 || anker_error_new(&err) < 0 ||
	    anker_wwb_norms_new(ctx, &norms) < 0 ||
	    anker_wwb_norms_add_buffer(norms, norms_json, strlen(norms_json), "n", NULL) < 0 ||
	    anker_wwb_norms_add_buffer(norms, assets_json, strlen(assets_json), "a", NULL) < 0 ||
	    anker_wwb_norms_add_buffer(norms, pension_json, strlen(pension_json), "p", NULL) < 0)
		abort();
	struct anker_wwb_household *hh = NULL;
	int r = anker_wwb_household_parse(ctx, (const char *)data, size, "fuzz.json", err, &hh);
	if (r == 0) {
		static const char *const dates[] = {"2026-03-31", "2026-01-01", "2025-12-31", NULL};
		for (size_t i = 0; i < sizeof(dates) / sizeof(dates[0]); i++) {
			struct anker_wwb_result *res = NULL;
			r = anker_wwb_evaluate(norms, hh, dates[i], err, &res);
			if (r == 0)
				check_result(res);
			else
				CHECK(r < 0 && res == NULL && anker_error_code(err) == r);
			anker_wwb_result_free(res);
		}
		anker_wwb_household_free(hh);
	} else {
		CHECK(r < 0 && hh == NULL && anker_error_code(err) == r);
		CHECK(anker_error_file(err) && strcmp(anker_error_file(err), "fuzz.json") == 0);
	}
	anker_wwb_norms_unref(norms);
	anker_error_free(err);
	anker_ctx_unref(ctx);
	return 0;
}
