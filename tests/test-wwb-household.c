/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Building a household in C (wwb.h, anker_wwb_household_new() and the
 * setters): a household built value by value gives the same toets as the same
 * household in JSON; every setter error with its code, JSON path and field,
 * leaving the household unchanged; and the earnings disregard's six months
 * (art. 31(2)(n)), worked out by hand from the 2026-01-01 table of the domain
 * notes (norm 'single' 1,401.50; disregard 25%, at most 285, for at most 6
 * months).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test-util.h"

#define OK(call) assert_int_equal((call), 0)

static struct anker_wwb_result *evaluate(const struct anker_wwb_norms *norms,
					 const struct anker_wwb_household *hh)
{
	struct anker_wwb_result *res = NULL;
	struct anker_error *err = NULL;
	anker_error_new(&err);
	if (anker_wwb_evaluate(norms, hh, NULL, err, &res) < 0)
		fail_msg("%s", anker_error_message(err));
	anker_error_free(err);
	return res;
}

/* Two results with the same verdict, amounts, routes, missing facts and lines. */
static void assert_same_result(const struct anker_wwb_result *a, const struct anker_wwb_result *b)
{
	assert_int_equal(anker_wwb_result_get_verdict(a), anker_wwb_result_get_verdict(b));
	for (int k = 0; anker_wwb_amount_name(k); k++) {
		long long x = -1, y = -1;
		assert_int_equal(anker_wwb_result_get_amount(a, k, &x),
				 anker_wwb_result_get_amount(b, k, &y));
		assert_true(x == y);
	}
	assert_int_equal(anker_wwb_result_get_routes(a), anker_wwb_result_get_routes(b));
	assert_int_equal(anker_wwb_result_get_cost_sharers(a),
			 anker_wwb_result_get_cost_sharers(b));
	assert_int_equal(anker_wwb_result_get_missing_count(a),
			 anker_wwb_result_get_missing_count(b));
	for (size_t i = 0; i < anker_wwb_result_get_missing_count(a); i++)
		assert_string_equal(anker_wwb_result_get_missing(a, i),
				    anker_wwb_result_get_missing(b, i));
	assert_int_equal(anker_wwb_result_get_line_count(a), anker_wwb_result_get_line_count(b));
	for (size_t i = 0; i < anker_wwb_result_get_line_count(a); i++)
		for (int lang = 0; lang < 2; lang++)
			assert_string_equal(anker_wwb_result_get_line_text(a, i, lang),
					    anker_wwb_result_get_line_text(b, i, lang));
}

/*
 * A couple with a student son and a boarder, every kind of value set: built
 * in C and parsed from JSON, the toets says the same, line for line.
 */
static const char couple_json[] =
    "{'reference_date': '2026-03-31',"
    " 'claimant': {'birth_date': '1975-04-01', 'unemployed_since': '2025-01-01',"
    "              'disregard_months_used': 1},"
    " 'partner': {'birth_date': '1977-09-30'},"
    " 'children': 1,"
    " 'housemates': [{'relation': 'relative_1st_degree', 'age': 28},"
    "                {'relation': 'student', 'birth_date': '2001-02-03', 'study_finance': true},"
    "                {'relation': 'boarder', 'age': 40, 'written_contract': true,"
    "                 'commercial_price': true, 'relative_degree': 0}],"
    " 'income': [{'source': 'earnings', 'amount': 420.5},"
    "            {'source': 'benefit', 'amount': 300, 'person': 'partner'},"
    "            {'source': 'child_benefit', 'amount': 90}],"
    " 'assets': [{'kind': 'savings', 'amount': 9000}, {'kind': 'debt', 'amount': 1200}],"
    " 'home_equity': -2500}";

static struct anker_wwb_household *build_couple(struct anker_ctx *ctx)
{
	struct anker_wwb_household *hh = NULL;
	OK(anker_wwb_household_new(ctx, &hh));
	OK(anker_wwb_household_set_reference_date(hh, "2026-03-31", NULL));
	OK(anker_wwb_household_set_person(hh, ANKER_WWB_CLAIMANT, "1975-04-01", NULL));
	OK(anker_wwb_household_set_unemployed_since(hh, "2025-01-01", NULL));
	OK(anker_wwb_household_set_disregard_months_used(hh, ANKER_WWB_CLAIMANT, 1, NULL));
	OK(anker_wwb_household_set_person(hh, ANKER_WWB_PARTNER, "1977-09-30", NULL));
	OK(anker_wwb_household_set_children(hh, 1, NULL));
	OK(anker_wwb_household_add_housemate(hh, "relative_1st_degree", NULL, 28, NULL));
	OK(anker_wwb_household_add_housemate(hh, "student", "2001-02-03", -1, NULL));
	OK(anker_wwb_household_set_housemate_fact(hh, 1, "study_finance", 1, NULL));
	OK(anker_wwb_household_add_housemate(hh, "boarder", NULL, 40, NULL));
	OK(anker_wwb_household_set_housemate_fact(hh, 2, "written_contract", 1, NULL));
	OK(anker_wwb_household_set_housemate_fact(hh, 2, "commercial_price", 1, NULL));
	OK(anker_wwb_household_set_housemate_fact(hh, 2, "relative_degree", 0, NULL));
	OK(anker_wwb_household_add_income(hh, "earnings", ANKER_WWB_CLAIMANT, 42050, NULL));
	OK(anker_wwb_household_add_income(hh, "benefit", ANKER_WWB_PARTNER, 30000, NULL));
	OK(anker_wwb_household_add_income(hh, "child_benefit", ANKER_WWB_CLAIMANT, 9000, NULL));
	OK(anker_wwb_household_add_asset(hh, "savings", 900000, NULL));
	OK(anker_wwb_household_add_asset(hh, "debt", 120000, NULL));
	OK(anker_wwb_household_set_home_equity(hh, -250000, NULL));
	return hh;
}

static void test_built_equals_parsed(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_wwb_norms *norms = test_wwb_norms(ctx);
	struct anker_wwb_household *hh = build_couple(ctx);
	struct anker_wwb_result *built = evaluate(norms, hh);
	struct anker_wwb_result *parsed = test_wwb_evaluate(norms, couple_json, NULL);
	assert_same_result(built, parsed);
	/*
	 * By hand: the son of 28 counts as a cost-sharer (27 or older), the
	 * student with study finance does not, nor the boarder with a written
	 * commercial contract: A = 3 (the couple and the son); the couple's
	 * share is 2 x 867.59 = 1,735.18 (the domain notes' row for A=3).
	 */
	assert_int_equal(anker_wwb_result_get_cost_sharers(built), 3);
	assert_int_equal(test_wwb_cents(built, ANKER_WWB_AMOUNT_NORM), 173518);
	/* 420.50 earnings: disregard 25% = 105.125 -> 105.13 (half up), 2nd month of 6 */
	assert_int_equal(test_wwb_cents(built, ANKER_WWB_AMOUNT_DISREGARDED), 10513);
	assert_int_equal(test_wwb_cents(built, ANKER_WWB_AMOUNT_INCOME), 42050 + 30000 - 10513);
	assert_int_equal(test_wwb_cents(built, ANKER_WWB_AMOUNT_ASSETS), 900000 - 120000);
	anker_wwb_result_free(built);
	anker_wwb_result_free(parsed);
	anker_wwb_household_free(hh);
	anker_wwb_norms_unref(norms);
	anker_ctx_unref(ctx);
}

/* One setter call on @p hh, expected to fail with @p code at @p path, field @p field. */
#define EXPECT(call, code, path, field)                                                            \
	do {                                                                                       \
		int r_ = (call);                                                                   \
		if (r_ != (code) ||                                                                \
		    ((path) && strcmp(anker_error_path(err) ? anker_error_path(err) : "",          \
				      (path) ? (path) : "") != 0) ||                               \
		    ((field) && strcmp(anker_error_field(err) ? anker_error_field(err) : "",       \
				       (field) ? (field) : "") != 0))                              \
			fail_msg("%s: got %d (%s) at %s, field %s", #call, r_,                     \
				 anker_error_message(err), anker_error_path(err),                  \
				 anker_error_field(err));                                          \
	} while (0)

static void test_setter_errors(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_wwb_norms *norms = test_wwb_norms(ctx);
	struct anker_error *err = NULL;
	anker_error_new(&err);
	struct anker_wwb_household *hh = NULL;
	OK(anker_wwb_household_new(ctx, &hh));
	/* facts of a person before the person */
	EXPECT(anker_wwb_household_set_unemployed_since(hh, "2025-01-01", err), ANKER_E_BAD_VALUE,
	       "$.claimant.unemployed_since", "unemployed_since");
	EXPECT(anker_wwb_household_set_parents_cannot_support(hh, ANKER_WWB_PARTNER, 1, err),
	       ANKER_E_BAD_VALUE, "$.partner.parents_cannot_support", "parents_cannot_support");
	EXPECT(anker_wwb_household_add_income(hh, "earnings", ANKER_WWB_PARTNER, 100, err),
	       ANKER_E_BAD_VALUE, "$.income[0].person", "person");
	/* dates */
	EXPECT(anker_wwb_household_set_person(hh, ANKER_WWB_CLAIMANT, "1980-02-30", err),
	       ANKER_E_BAD_VALUE, "$.claimant.birth_date", "birth_date");
	EXPECT(anker_wwb_household_set_person(hh, ANKER_WWB_PARTNER, NULL, err),
	       ANKER_E_MISSING_KEY, "$.partner.birth_date", "birth_date");
	EXPECT(anker_wwb_household_set_person(hh, ANKER_WWB_CLAIMANT, "1899-12-31", err),
	       ANKER_E_BAD_VALUE, "$.claimant.birth_date", "birth_date");
	EXPECT(anker_wwb_household_set_reference_date(hh, "2026-13-01", err), ANKER_E_BAD_VALUE,
	       "$.reference_date", "reference_date");
	EXPECT(anker_wwb_household_set_person(hh, 2, "1980-01-01", err), ANKER_E_INVALID_ARGUMENT,
	       NULL, NULL);
	EXPECT(anker_wwb_household_set_person(NULL, 0, "1980-01-01", err), ANKER_E_INVALID_ARGUMENT,
	       NULL, NULL);
	OK(anker_wwb_household_set_person(hh, ANKER_WWB_CLAIMANT, "1980-05-12", err));
	EXPECT(anker_wwb_household_set_unemployed_since(hh, "2025-02-29", err), ANKER_E_BAD_VALUE,
	       "$.claimant.unemployed_since", "unemployed_since");
	EXPECT(anker_wwb_household_set_parents_cannot_support(hh, ANKER_WWB_CLAIMANT, 2, err),
	       ANKER_E_BAD_VALUE, "$.claimant.parents_cannot_support", "parents_cannot_support");
	EXPECT(anker_wwb_household_set_disregard_months_used(hh, ANKER_WWB_CLAIMANT, -1, err),
	       ANKER_E_BAD_VALUE, "$.claimant.disregard_months_used", "disregard_months_used");
	EXPECT(anker_wwb_household_set_children(hh, 31, err), ANKER_E_BAD_VALUE, "$.children",
	       "children");
	EXPECT(anker_wwb_household_set_children(hh, -1, err), ANKER_E_BAD_VALUE, "$.children",
	       "children");
	/* housemates */
	EXPECT(anker_wwb_household_add_housemate(hh, "spouse", NULL, 40, err), ANKER_E_BAD_VALUE,
	       "$.housemates[0].relation", "relation");
	EXPECT(anker_wwb_household_add_housemate(hh, "cousin", NULL, 40, err), ANKER_E_BAD_VALUE,
	       "$.housemates[0].relation", "relation");
	EXPECT(anker_wwb_household_add_housemate(hh, NULL, NULL, 40, err), ANKER_E_BAD_VALUE,
	       "$.housemates[0].relation", "relation");
	EXPECT(anker_wwb_household_add_housemate(hh, "other", "1990-01-01", 36, err),
	       ANKER_E_BAD_VALUE, "$.housemates[0].age", "age");
	EXPECT(anker_wwb_household_add_housemate(hh, "other", NULL, 131, err), ANKER_E_BAD_VALUE,
	       "$.housemates[0].age", "age");
	EXPECT(anker_wwb_household_add_housemate(hh, "other", NULL, -2, err), ANKER_E_BAD_VALUE,
	       "$.housemates[0].age", "age");
	EXPECT(anker_wwb_household_set_housemate_fact(hh, 0, "bbl", 1, err), ANKER_E_OUT_OF_RANGE,
	       "$.housemates[0]", NULL);
	OK(anker_wwb_household_add_housemate(hh, "boarder", NULL, 40, err));
	EXPECT(anker_wwb_household_set_housemate_fact(hh, 0, "bbl", 1, err), ANKER_E_UNKNOWN_KEY,
	       "$.housemates[0].bbl", "bbl");
	EXPECT(anker_wwb_household_set_housemate_fact(hh, 0, "relative_degree", 3, err),
	       ANKER_E_BAD_VALUE, "$.housemates[0].relative_degree", "relative_degree");
	EXPECT(anker_wwb_household_set_housemate_fact(hh, 0, "written_contract", 2, err),
	       ANKER_E_BAD_VALUE, "$.housemates[0].written_contract", "written_contract");
	/* income, assets, home equity */
	EXPECT(anker_wwb_household_add_income(hh, "salary", ANKER_WWB_CLAIMANT, 100, err),
	       ANKER_E_BAD_VALUE, "$.income[0].source", "source");
	EXPECT(anker_wwb_household_add_income(hh, "earnings", ANKER_WWB_CLAIMANT, -1, err),
	       ANKER_E_BAD_VALUE, "$.income[0].amount", "amount");
	EXPECT(anker_wwb_household_add_asset(hh, "gold", 100, err), ANKER_E_BAD_VALUE,
	       "$.assets[0].kind", "kind");
	EXPECT(anker_wwb_household_add_asset(hh, "savings", -5, err), ANKER_E_BAD_VALUE,
	       "$.assets[0].amount", "amount");
	EXPECT(anker_wwb_household_set_home_equity(hh, 100000000001LL, err), ANKER_E_BAD_VALUE,
	       "$.home_equity", "home_equity");
	EXPECT(anker_wwb_household_set_listed(hh, "debts", err), ANKER_E_BAD_VALUE, "$", NULL);
	/* every failure left the household as it was: one boarder of 40, nothing else */
	OK(anker_wwb_household_set_reference_date(hh, "2026-03-31", err));
	struct anker_wwb_result *a = evaluate(norms, hh);
	struct anker_wwb_result *b = test_wwb_evaluate(
	    norms,
	    "{'reference_date': '2026-03-31', 'claimant': {'birth_date': '1980-05-12'},"
	    " 'housemates': [{'relation': 'boarder', 'age': 40}]}",
	    NULL);
	assert_same_result(a, b);
	assert_true(test_wwb_has_missing(a, "$.income"));
	anker_wwb_result_free(a);
	anker_wwb_result_free(b);
	/* an income list stated empty is no longer missing */
	OK(anker_wwb_household_set_listed(hh, "income", err));
	OK(anker_wwb_household_set_listed(hh, "assets", err));
	a = evaluate(norms, hh);
	assert_false(test_wwb_has_missing(a, "$.income"));
	assert_false(test_wwb_has_missing(a, "$.assets"));
	anker_wwb_result_free(a);
	/* at most 32 housemates */
	for (int i = 1; i < 32; i++)
		OK(anker_wwb_household_add_housemate(hh, "other", NULL, 30, err));
	EXPECT(anker_wwb_household_add_housemate(hh, "other", NULL, 30, err), ANKER_E_BAD_VALUE,
	       "$.housemates[32]", NULL);
	anker_wwb_household_free(hh);
	anker_error_free(err);
	anker_wwb_norms_unref(norms);
	anker_ctx_unref(ctx);
}

/* Eva, single, on 2026-03-31 with @p earnings (cents) and @p used months (-1: not given). */
static struct anker_wwb_result *eva(const struct anker_wwb_norms *norms, struct anker_ctx *ctx,
				    long long earnings, int used)
{
	struct anker_wwb_household *hh = NULL;
	OK(anker_wwb_household_new(ctx, &hh));
	OK(anker_wwb_household_set_reference_date(hh, "2026-03-31", NULL));
	OK(anker_wwb_household_set_person(hh, ANKER_WWB_CLAIMANT, "1980-05-12", NULL));
	if (used >= 0)
		OK(anker_wwb_household_set_disregard_months_used(hh, ANKER_WWB_CLAIMANT, used,
								 NULL));
	OK(anker_wwb_household_add_income(hh, "earnings", ANKER_WWB_CLAIMANT, earnings, NULL));
	OK(anker_wwb_household_add_asset(hh, "savings", 100000, NULL));
	struct anker_wwb_result *res = evaluate(norms, hh);
	anker_wwb_household_free(hh);
	return res;
}

static const char *disregard_line(const struct anker_wwb_result *res)
{
	for (size_t i = 0; i < anker_wwb_result_get_line_count(res); i++)
		if (strcmp(anker_wwb_result_get_line_code(res, i), "earnings_disregard") == 0)
			return anker_wwb_result_get_line_text(res, i, ANKER_WWB_ENGLISH);
	fail_msg("no earnings_disregard line");
	return NULL;
}

static void test_disregard_months(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_wwb_norms *norms = test_wwb_norms(ctx);
	/*
	 * Earnings 1,450: 25% is 362.50, above the maximum 285. With the
	 * disregard 1,165 counts and 1,401.50 - 1,165 = 236.50 bijstand;
	 * without it 1,450 is above the norm.
	 */
	struct anker_wwb_result *res = eva(norms, ctx, 145000, 5);
	assert_int_equal(anker_wwb_result_get_verdict(res), ANKER_WWB_PROBABLY_ENTITLED);
	assert_int_equal(test_wwb_cents(res, ANKER_WWB_AMOUNT_DISREGARDED), 28500);
	assert_int_equal(test_wwb_cents(res, ANKER_WWB_AMOUNT_BIJSTAND), 23650);
	assert_non_null(strstr(disregard_line(res), "month 6 of at most 6"));
	anker_wwb_result_free(res);
	/* six months used: the disregard has stopped */
	res = eva(norms, ctx, 145000, 6);
	assert_int_equal(anker_wwb_result_get_verdict(res), ANKER_WWB_PROBABLY_NOT_ENTITLED);
	assert_int_equal(test_wwb_cents(res, ANKER_WWB_AMOUNT_DISREGARDED), 0);
	assert_int_equal(test_wwb_cents(res, ANKER_WWB_AMOUNT_INCOME), 145000);
	assert_int_equal(test_wwb_cents(res, ANKER_WWB_AMOUNT_BIJSTAND), 0);
	assert_non_null(strstr(disregard_line(res), "No disregard"));
	anker_wwb_result_free(res);
	/* not given, and the verdict depends on it: unknown, with the fact missing */
	res = eva(norms, ctx, 145000, -1);
	assert_int_equal(anker_wwb_result_get_verdict(res), ANKER_WWB_UNKNOWN);
	assert_true(test_wwb_has_missing(res, "$.claimant.disregard_months_used"));
	assert_int_equal(test_wwb_count_lines(res, "earnings_disregard_decides"), 1);
	assert_int_equal(test_wwb_cents(res, ANKER_WWB_AMOUNT_BIJSTAND), 23650);
	anker_wwb_result_free(res);
	/* not given, but 400 of earnings leave 1,001.50 bijstand even without it: entitled */
	res = eva(norms, ctx, 40000, -1);
	assert_int_equal(anker_wwb_result_get_verdict(res), ANKER_WWB_PROBABLY_ENTITLED);
	assert_int_equal(anker_wwb_result_get_missing_count(res), 0);
	assert_int_equal(test_wwb_cents(res, ANKER_WWB_AMOUNT_BIJSTAND), 110150);
	assert_non_null(strstr(disregard_line(res), "not given"));
	anker_wwb_result_free(res);
	/* the flat field says the same as the setter */
	const char *names[] = {"reference_date", "claimant_birth_date", "income_claimant_earnings",
			       "assets_savings", "claimant_disregard_months_used"};
	const char *values[] = {"2026-03-31", "1980-05-12", "1450.00", "1000", "6"};
	struct anker_wwb_household *hh = NULL;
	OK(anker_wwb_household_from_fields(ctx, names, values, 5, NULL, &hh));
	struct anker_wwb_result *flat = evaluate(norms, hh);
	res = eva(norms, ctx, 145000, 6);
	assert_same_result(flat, res);
	anker_wwb_result_free(flat);
	anker_wwb_result_free(res);
	anker_wwb_household_free(hh);
	anker_wwb_norms_unref(norms);
	anker_ctx_unref(ctx);
}

/*
 * Gifts and the asset limit at any time (domain notes: "From 2026 gifts up to
 * 1,200 a year do not count as means, and the asset limit is tested on the
 * assets present at any time"). Single, savings 6,800, no income.
 */
static struct anker_wwb_result *with_gifts(const struct anker_wwb_norms *norms,
					   struct anker_ctx *ctx, const char *date, long long gifts)
{
	struct anker_wwb_household *hh = NULL;
	OK(anker_wwb_household_new(ctx, &hh));
	OK(anker_wwb_household_set_reference_date(hh, date, NULL));
	OK(anker_wwb_household_set_person(hh, ANKER_WWB_CLAIMANT, "1980-05-12", NULL));
	OK(anker_wwb_household_set_listed(hh, "income", NULL));
	OK(anker_wwb_household_add_asset(hh, "savings", 680000, NULL));
	OK(anker_wwb_household_set_gifts_in_year(hh, gifts, NULL));
	struct anker_wwb_result *res = evaluate(norms, hh);
	anker_wwb_household_free(hh);
	return res;
}

static void test_gifts_and_assets_at_any_time(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_wwb_norms *norms = test_wwb_norms(ctx);
	/* 2026: gifts of 1,000 are not means: 6,800 against the limit 8,000 */
	struct anker_wwb_result *res = with_gifts(norms, ctx, "2026-03-31", 100000);
	assert_int_equal(test_wwb_cents(res, ANKER_WWB_AMOUNT_ASSETS), 680000);
	assert_int_equal(anker_wwb_result_get_verdict(res), ANKER_WWB_PROBABLY_ENTITLED);
	assert_int_equal(test_wwb_count_lines(res, "gifts"), 1);
	assert_int_equal(test_wwb_count_lines(res, "assets_at_any_time"), 1);
	anker_wwb_result_free(res);
	/* 2,400: 1,200 free, 1,200 counts: 8,000 is not above the limit */
	res = with_gifts(norms, ctx, "2026-03-31", 240000);
	assert_int_equal(test_wwb_cents(res, ANKER_WWB_AMOUNT_ASSETS), 800000);
	assert_int_equal(anker_wwb_result_get_verdict(res), ANKER_WWB_PROBABLY_ENTITLED);
	anker_wwb_result_free(res);
	/* one cent more is above it */
	res = with_gifts(norms, ctx, "2026-03-31", 240001);
	assert_int_equal(test_wwb_cents(res, ANKER_WWB_AMOUNT_ASSETS), 800001);
	assert_int_equal(anker_wwb_result_get_verdict(res), ANKER_WWB_PROBABLY_NOT_ENTITLED);
	anker_wwb_result_free(res);
	/* 2025 (limit 7,770, no gift rule, limit at the start only): 1,000 counts */
	res = with_gifts(norms, ctx, "2025-09-30", 100000);
	assert_int_equal(test_wwb_cents(res, ANKER_WWB_AMOUNT_ASSETS), 780000);
	assert_int_equal(test_wwb_cents(res, ANKER_WWB_AMOUNT_ASSET_LIMIT), 777000);
	assert_int_equal(anker_wwb_result_get_verdict(res), ANKER_WWB_PROBABLY_NOT_ENTITLED);
	assert_int_equal(test_wwb_count_lines(res, "assets_at_any_time"), 0);
	anker_wwb_result_free(res);
	/* JSON and the flat field say the same as the setter */
	struct anker_wwb_result *json = test_wwb_evaluate(
	    norms,
	    "{'reference_date': '2026-03-31', 'claimant': {'birth_date': '1980-05-12'},"
	    " 'income': [], 'assets': [{'kind': 'savings', 'amount': 6800}], 'gifts_in_year': "
	    "2400.01}",
	    NULL);
	res = with_gifts(norms, ctx, "2026-03-31", 240001);
	assert_same_result(json, res);
	anker_wwb_result_free(json);
	anker_wwb_result_free(res);
	struct anker_error *err = NULL;
	anker_error_new(&err);
	struct anker_wwb_household *hh = NULL;
	OK(anker_wwb_household_new(ctx, &hh));
	EXPECT(anker_wwb_household_set_gifts_in_year(hh, -1, err), ANKER_E_BAD_VALUE,
	       "$.gifts_in_year", "gifts_in_year");
	anker_wwb_household_free(hh);
	anker_error_free(err);
	anker_wwb_norms_unref(norms);
	anker_ctx_unref(ctx);
}

/* Every allocation of building a household fails in turn: a clean ANKER_E_NO_MEMORY. */
static void test_out_of_memory(void **state)
{
	(void)state;
	bool done = false;
	for (size_t fail_after = 0; !done && fail_after < 1000; fail_after++) {
		struct anker_ctx *ctx = test_ctx_new_failing(fail_after);
		struct anker_wwb_household *hh = NULL;
		int r = anker_wwb_household_new(ctx, &hh);
		if (r == 0)
			r = anker_wwb_household_set_person(hh, ANKER_WWB_CLAIMANT, "1980-01-01",
							   NULL);
		if (r == 0)
			r = anker_wwb_household_add_housemate(hh, "other", NULL, 30, NULL);
		if (r == 0)
			r = anker_wwb_household_add_income(hh, "benefit", 0, 100, NULL);
		if (r == 0)
			r = anker_wwb_household_add_asset(hh, "savings", 100, NULL);
		if (r == 0)
			done = true;
		else
			assert_int_equal(r, ANKER_E_NO_MEMORY);
		anker_wwb_household_free(hh);
		anker_ctx_unref(ctx);
	}
	assert_true(done);
	assert_int_equal(anker_wwb_household_new(NULL, NULL), ANKER_E_INVALID_ARGUMENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_built_equals_parsed),
	    cmocka_unit_test(test_setter_errors),
	    cmocka_unit_test(test_disregard_months),
	    cmocka_unit_test(test_gifts_and_assets_at_any_time),
	    cmocka_unit_test(test_out_of_memory),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
