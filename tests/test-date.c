/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Calendar dates (lib/core/date.c): validity, day counts, month arithmetic, ages. */
#include "test-util.h"
#include "core/date.h"

static struct anker_date d(const char *text)
{
	struct anker_date date = {0, 0, 0};
	assert_true(anker_date_parse(text, &date));
	return date;
}

static void assert_date(struct anker_date date, const char *expected)
{
	char buf[ANKER_DATE_TEXT_SIZE];
	assert_string_equal(anker_date_format(date, buf), expected);
}

static void test_valid_dates(void **state)
{
	(void)state;
	assert_true(anker_is_valid_date("2024-02-29"));	 /* divisible by 4 */
	assert_true(anker_is_valid_date("2000-02-29"));	 /* divisible by 400 */
	assert_false(anker_is_valid_date("1900-02-29")); /* by 100, not by 400 */
	assert_false(anker_is_valid_date("2025-02-29"));
	assert_false(anker_is_valid_date("2026-02-30"));
	assert_false(anker_is_valid_date("2026-04-31"));
	assert_false(anker_is_valid_date("2026-13-01"));
	assert_false(anker_is_valid_date("0000-01-01"));
	assert_false(anker_is_valid_date("2026-1-01"));
	assert_false(anker_is_valid_date("2026-01-01 "));
	assert_false(anker_is_valid_date("2026/01/01"));
	assert_false(anker_is_valid_date(""));
	assert_true(anker_is_valid_date("9999-12-31"));
}

static void test_day_counts(void **state)
{
	(void)state;
	assert_int_equal(anker_date_to_days(d("1970-01-01")), 0);
	assert_int_equal(anker_date_to_days(d("1969-12-31")), -1);
	/* 30 years of 365 days plus the 7 leap days 1972..1996 */
	assert_int_equal(anker_date_to_days(d("2000-01-01")), 10957);
	assert_int_equal(anker_date_to_days(d("2000-03-01")), 10957 + 31 + 29);
	/* every day of 1896..2104 goes there and back, one day apart */
	long first = anker_date_to_days(d("1896-01-01")),
	     last = anker_date_to_days(d("2104-12-31"));
	struct anker_date previous = anker_date_from_days(first - 1);
	for (long n = first; n <= last; n++) {
		struct anker_date day = anker_date_from_days(n);
		assert_int_equal(anker_date_to_days(day), n);
		assert_true(day.day >= 1 &&
			    day.day <= anker_date_days_in_month(day.year, day.month));
		assert_true(anker_date_compare(previous, day) < 0);
		previous = day;
	}
	assert_date(anker_date_add_days(d("2024-02-28"), 1), "2024-02-29");
	assert_date(anker_date_add_days(d("2025-02-28"), 1), "2025-03-01");
	assert_date(anker_date_add_days(d("2026-03-31"), -28), "2026-03-03");
}

static void test_month_ends(void **state)
{
	(void)state;
	/* the one convention: a day the target month lacks becomes its last day */
	assert_date(anker_date_add_months(d("2025-01-31"), 1), "2025-02-28");
	assert_date(anker_date_add_months(d("2024-01-31"), 1), "2024-02-29");
	assert_date(anker_date_add_months(d("2024-01-31"), 2), "2024-03-31");
	assert_date(anker_date_add_months(d("2024-03-31"), -1), "2024-02-29");
	assert_date(anker_date_add_months(d("2026-05-31"), 1), "2026-06-30");
	assert_date(anker_date_add_months(d("2024-02-29"), 12), "2025-02-28");
	assert_date(anker_date_add_months(d("2024-02-29"), 48), "2028-02-29");
	assert_date(anker_date_add_months(d("2025-11-15"), 3), "2026-02-15");
	assert_date(anker_date_add_months(d("2026-01-15"), -13), "2024-12-15");
	assert_date(anker_date_add_months(d("2026-03-31"), -7), "2025-08-31");
	assert_date(anker_date_add_months(d("1961-01-31"), 67 * 12 + 3), "2028-04-30");
}

static void test_ages(void **state)
{
	(void)state;
	assert_int_equal(anker_date_age_years(d("1999-03-31"), d("2026-03-30")), 26);
	assert_int_equal(anker_date_age_years(d("1999-03-31"), d("2026-03-31")), 27);
	/* born on 29 February: a year older on 28 February of a common year */
	assert_int_equal(anker_date_age_years(d("2004-02-29"), d("2025-02-27")), 20);
	assert_int_equal(anker_date_age_years(d("2004-02-29"), d("2025-02-28")), 21);
	assert_int_equal(anker_date_age_years(d("2004-02-29"), d("2024-02-28")), 19);
	assert_int_equal(anker_date_age_years(d("2004-02-29"), d("2024-02-29")), 20);
	assert_int_equal(anker_date_months_between(d("2026-01-31"), d("2026-02-28")), 1);
	assert_int_equal(anker_date_months_between(d("2026-01-31"), d("2026-02-27")), 0);
	assert_int_equal(anker_date_months_between(d("1960-05-15"), d("2027-05-14")), 803);
	assert_int_equal(anker_date_months_between(d("1960-05-15"), d("2027-05-15")), 804);
	assert_int_equal(anker_date_months_between(d("2000-01-15"), d("1999-12-20")), -1);
	assert_int_equal(anker_date_months_between(d("2000-01-15"), d("1999-12-10")), -2);
	assert_int_equal(anker_date_age_years(d("2000-01-15"), d("1999-12-10")), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_valid_dates),
	    cmocka_unit_test(test_day_counts),
	    cmocka_unit_test(test_month_ends),
	    cmocka_unit_test(test_ages),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
