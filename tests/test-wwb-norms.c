/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The shipped WWB rules (data/norms) against the published figures of the
 * domain notes, to the cent: every norm of every period, the kostendelersnorm
 * rows of 2021, 2024-07-01 and 2026-01-01, the asset limits, the earnings
 * disregards, the cost-sharer age, the pension age; and the lookups by date,
 * which never fall back on a table that is not in force.
 */
#include <stdio.h>
#include <string.h>

#include "test-util.h"

struct published {
	const char *date;
	const char *name;
	long long cents;
};

static void check_norms(const struct anker_wwb_norms *norms, const struct published *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		long long cents = -1;
		int r = anker_wwb_norms_get_norm(norms, rows[i].date, rows[i].name, &cents, NULL);
		if (r != 0 || cents != rows[i].cents)
			fprintf(stderr, "%s %s: %s %lld, published %lld\n", rows[i].date,
				rows[i].name, anker_status_name(r), cents, rows[i].cents);
		assert_int_equal(r, 0);
		assert_int_equal(cents, rows[i].cents);
	}
}

static void test_norms_of_every_period(void **state)
{
	(void)state;
	static const char *const names[] = {
	    "single",
	    "couple",
	    "single_18_20",
	    "couple_18_20",
	    "couple_18_20_children",
	    "couple_mixed",
	    "couple_mixed_children",
	    "single_pension",
	    "couple_pension",
	};
	/* Westland 2024; Velsen 2024-07-01; Westland 2025; SZW Normenbrief 2026 (twice) */
	static const struct {
		const char *date;
		long long cents[9];
	} tables[] = {
	    {"2024-01-01", {128383, 183404, 31694, 63388, 100069, 123396, 160077, 142576, 193398}},
	    {"2024-07-01", {130845, 186921, 32303, 64606, 101990, 125764, 163148, 145685, 197664}},
	    {"2025-01-01", {134545, 192207, 33217, 66434, 104875, 129321, 167762, 150107, 205348}},
	    {"2025-07-01", {136906, 195580, 33798, 67596, 106712, 131588, 170704, 153021, 209498}},
	    {"2026-01-01", {140150, 200213, 34599, 69198, 109241, 134706, 174749, 156469, 214416}},
	};
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_wwb_norms *norms = test_wwb_norms(ctx);
	for (size_t t = 0; t < sizeof(tables) / sizeof(tables[0]); t++)
		for (size_t i = 0; i < 9; i++)
			check_norms(
			    norms,
			    &(struct published){tables[t].date, names[i], tables[t].cents[i]}, 1);
	/* Velsen 1 July 2021 */
	static const struct published velsen_2021[] = {
	    {"2021-07-01", "single", 107870},
	    {"2021-12-31", "couple", 154100},
	};
	check_norms(norms, velsen_2021, 2);
	anker_wwb_norms_unref(norms);
	anker_ctx_unref(ctx);
}

static void check_cost_sharing(const struct anker_wwb_norms *norms, const char *date,
			       const long long *rows, int n)
{
	for (int a = 2; a < 2 + n; a++) {
		long long cents = -1;
		assert_int_equal(
		    anker_wwb_norms_get_cost_sharing_norm(norms, date, a, 0, &cents, NULL), 0);
		if (cents != rows[a - 2])
			fprintf(stderr, "%s A=%d: %lld, published %lld\n", date, a, cents,
				rows[a - 2]);
		assert_int_equal(cents, rows[a - 2]);
	}
}

static void test_cost_sharing_rows(void **state)
{
	(void)state;
	static const long long velsen_2021[] = {77050, 66777, 61640};
	static const long long velsen_2024_07[] = {93461, 80999, 74768, 71030, 68538};
	static const long long szw_2026[] = {100107, 86759, 80085, 76081, 73411};
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_wwb_norms *norms = test_wwb_norms(ctx);
	check_cost_sharing(norms, "2021-07-01", velsen_2021, 3);
	check_cost_sharing(norms, "2024-07-01", velsen_2024_07, 5);
	check_cost_sharing(norms, "2026-01-01", szw_2026, 5);
	long long cents = 0;
	/* A = 1 is the single norm's share of B: 70% of 2,002.13 = 1,401.491 */
	assert_int_equal(
	    anker_wwb_norms_get_cost_sharing_norm(norms, "2026-01-01", 1, 0, &cents, NULL), 0);
	assert_int_equal(cents, 140149);
	assert_int_equal(
	    anker_wwb_norms_get_cost_sharing_norm(norms, "2026-01-01", 0, 0, &cents, NULL),
	    ANKER_E_OUT_OF_RANGE);
	/* the 2021 table has no pension-age couple norm to be the base */
	assert_int_equal(
	    anker_wwb_norms_get_cost_sharing_norm(norms, "2021-07-01", 2, 1, &cents, NULL),
	    ANKER_E_NOT_FOUND);
	anker_wwb_norms_unref(norms);
	anker_ctx_unref(ctx);
}

static void test_asset_limits(void **state)
{
	(void)state;
	static const struct {
		const char *date;
		long long single, family, home;
	} limits[] = {
	    {"2021-07-01", 629500, 1259000, 5310000}, {"2023-06-30", 760500, 1521000, 6410000},
	    {"2024-01-01", 757500, 1515000, 6390000}, {"2025-12-31", 777000, 1554000, 6550000},
	    {"2026-01-01", 800000, 1600000, 6750000},
	};
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_wwb_norms *norms = test_wwb_norms(ctx);
	for (size_t i = 0; i < sizeof(limits) / sizeof(limits[0]); i++) {
		long long s = 0, f = 0, h = 0;
		assert_int_equal(
		    anker_wwb_norms_get_asset_limit(norms, limits[i].date, "single", &s, NULL), 0);
		assert_int_equal(
		    anker_wwb_norms_get_asset_limit(norms, limits[i].date, "family", &f, NULL), 0);
		assert_int_equal(
		    anker_wwb_norms_get_asset_limit(norms, limits[i].date, "home_equity", &h, NULL),
		    0);
		assert_int_equal(s, limits[i].single);
		assert_int_equal(f, limits[i].family);
		assert_int_equal(h, limits[i].home);
	}
	long long cents = 0;
	/* no asset limits for 2022 are shipped */
	assert_int_equal(
	    anker_wwb_norms_get_asset_limit(norms, "2022-06-01", "single", &cents, NULL),
	    ANKER_E_NOT_FOUND);
	assert_int_equal(anker_wwb_norms_get_asset_limit(norms, "2024-06-01", "car", &cents, NULL),
			 ANKER_E_BAD_VALUE);
	anker_wwb_norms_unref(norms);
	anker_ctx_unref(ctx);
}

static void test_disregards_supplement_and_cost_sharer_age(void **state)
{
	(void)state;
	static const struct published given[] = {
	    {"2021-07-01", "earnings_disregard_max", 22100},
	    {"2024-07-01", "earnings_disregard_max", 26900},
	    {"2025-07-01", "earnings_disregard_max", 27800},
	    {"2026-01-01", "earnings_disregard_max", 28500},
	    {"2026-01-01", "youth_supplement", 74645},
	};
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_wwb_norms *norms = test_wwb_norms(ctx);
	check_norms(norms, given, sizeof(given) / sizeof(given[0]));
	struct anker_error *err = NULL;
	assert_int_equal(anker_error_new(&err), 0);
	long long cents = 0;
	/* not in the table: an answer that says so, never a guess */
	static const struct published absent[] = {
	    {"2024-01-01", "earnings_disregard_max", 0},
	    {"2025-01-01", "earnings_disregard_max", 0},
	    {"2025-07-01", "youth_supplement", 0},
	    {"2021-07-01", "single_18_20", 0},
	    {"2021-07-01", "single_pension", 0},
	};
	for (size_t i = 0; i < sizeof(absent) / sizeof(absent[0]); i++) {
		assert_int_equal(
		    anker_wwb_norms_get_norm(norms, absent[i].date, absent[i].name, &cents, err),
		    ANKER_E_NOT_FOUND);
		assert_non_null(strstr(anker_error_message(err), "not in the table of"));
		assert_string_equal(anker_error_field(err), absent[i].name);
	}
	int age = 0;
	assert_int_equal(anker_wwb_norms_get_cost_sharer_age(norms, "2021-09-01", &age, NULL), 0);
	assert_int_equal(age, 21);
	assert_int_equal(anker_wwb_norms_get_cost_sharer_age(norms, "2024-01-01", &age, NULL), 0);
	assert_int_equal(age, 27);
	assert_int_equal(anker_wwb_norms_get_norm(norms, "2026-01-01", "bogus", &cents, err),
			 ANKER_E_BAD_VALUE);
	anker_error_free(err);
	anker_wwb_norms_unref(norms);
	anker_ctx_unref(ctx);
}

static void test_dates_outside_every_period(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_wwb_norms *norms = test_wwb_norms(ctx);
	struct anker_error *err = NULL;
	assert_int_equal(anker_error_new(&err), 0);
	long long cents = 0;
	static const struct {
		const char *date, *says;
	} outside[] = {
	    {"2021-06-30", "before the first norms table (from 2021-07-01)"},
	    {"2023-03-01", "one ends on 2021-12-31, the next starts on 2024-01-01"},
	    {"2026-07-01", "after the last norms table (until 2026-06-30)"},
	};
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(
		    anker_wwb_norms_get_norm(norms, outside[i].date, "single", &cents, err),
		    ANKER_E_NOT_FOUND);
		assert_non_null(strstr(anker_error_message(err), outside[i].says));
	}
	assert_int_equal(anker_wwb_norms_get_norm(norms, "2026-02-30", "single", &cents, err),
			 ANKER_E_BAD_VALUE);
	/* the edges of a period are in it */
	assert_int_equal(anker_wwb_norms_get_norm(norms, "2024-06-30", "single", &cents, NULL), 0);
	assert_int_equal(cents, 128383);
	assert_int_equal(anker_wwb_norms_get_norm(norms, "2024-07-01", "single", &cents, NULL), 0);
	assert_int_equal(cents, 130845);
	anker_error_free(err);
	anker_wwb_norms_unref(norms);
	anker_ctx_unref(ctx);
}

static void test_pension_age(void **state)
{
	(void)state;
	struct anker_ctx *ctx = test_ctx_new();
	struct anker_wwb_norms *norms = test_wwb_norms(ctx);
	int years = 0, months = 0;
	char day[ANKER_WWB_DATE_SIZE];
	/* 67 for those born after 28 Feb 1957 and before 1 Jan 1961 */
	assert_int_equal(
	    anker_wwb_norms_get_pension_age(norms, "1957-03-01", &years, &months, day, NULL), 0);
	assert_int_equal(years * 12 + months, 67 * 12);
	assert_string_equal(day, "2024-03-01");
	assert_int_equal(
	    anker_wwb_norms_get_pension_age(norms, "1960-12-31", &years, &months, day, NULL), 0);
	assert_int_equal(years * 12 + months, 67 * 12);
	assert_string_equal(day, "2027-12-31");
	/* 67 and 3 months for those born after 31 Dec 1960 (reaching it in 2028-2031) */
	assert_int_equal(
	    anker_wwb_norms_get_pension_age(norms, "1961-01-01", &years, &months, day, NULL), 0);
	assert_int_equal(years, 67);
	assert_int_equal(months, 3);
	assert_string_equal(day, "2028-04-01");
	assert_int_equal(
	    anker_wwb_norms_get_pension_age(norms, "1963-07-10", NULL, NULL, day, NULL), 0);
	assert_string_equal(day, "2030-10-10");
	/* the month-end convention: 31 January + 3 months is 30 April */
	assert_int_equal(
	    anker_wwb_norms_get_pension_age(norms, "1961-01-31", NULL, NULL, day, NULL), 0);
	assert_string_equal(day, "2028-04-30");
	/* the last day of the last row: 67 and 3 months, reached in 2031 */
	assert_int_equal(
	    anker_wwb_norms_get_pension_age(norms, "1964-09-30", &years, &months, day, NULL), 0);
	assert_int_equal(years * 12 + months, 67 * 12 + 3);
	assert_string_equal(day, "2031-12-30");
	/* the day before the first row: 67 on 2024-02-28 would not hold (not in this table) */
	struct anker_error *err = NULL;
	anker_error_new(&err);
	assert_int_equal(anker_wwb_norms_get_pension_age(norms, "1957-02-28", NULL, NULL, day, err),
			 ANKER_E_NOT_FOUND);
	assert_non_null(
	    strstr(anker_error_message(err), "births before 1957-03-01 is not in this table"));
	/* after the last row (reaching it in 2032 or later): not yet fixed by law, no guess */
	assert_int_equal(anker_wwb_norms_get_pension_age(norms, "1964-10-01", NULL, NULL, day, err),
			 ANKER_E_NOT_FOUND);
	assert_non_null(
	    strstr(anker_error_message(err), "after 1964-09-30 is not yet fixed by law"));
	assert_int_equal(anker_wwb_norms_get_pension_age(norms, "1990-06-15", NULL, NULL, day, err),
			 ANKER_E_NOT_FOUND);
	anker_error_free(err);
	assert_int_equal(
	    anker_wwb_norms_get_pension_age(norms, "1963-02-29", NULL, NULL, day, NULL),
	    ANKER_E_BAD_VALUE);
	anker_wwb_norms_unref(norms);
	anker_ctx_unref(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_norms_of_every_period),
	    cmocka_unit_test(test_cost_sharing_rows),
	    cmocka_unit_test(test_asset_limits),
	    cmocka_unit_test(test_disregards_supplement_and_cost_sharer_age),
	    cmocka_unit_test(test_dates_outside_every_period),
	    cmocka_unit_test(test_pension_age),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
