/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The case timeline against dates computed by hand: the WW duration of WW
 * art. 42 for several work histories (one of them UWV's published example),
 * the pension-age cap, month ends and leap years, every deadline of two
 * worked cases, and a table of bad inputs with the field each error names.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test-util.h"
#include "timeline/timeline-private.h"

struct fixture {
	struct anker_ctx *ctx;
	struct anker_wwb_norms *norms;
	struct anker_error *err;
};

static int setup(void **state)
{
	struct fixture *f = test_malloc(sizeof(*f));
	f->ctx = test_ctx_new();
	f->norms = test_wwb_norms(f->ctx);
	assert_int_equal(anker_error_new(&f->err), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	anker_error_free(f->err);
	anker_wwb_norms_unref(f->norms);
	anker_ctx_unref(f->ctx);
	test_free(f);
	return 0;
}

static struct anker_timeline *history(void **state, const char *start, const char *birth,
				      int before, int from)
{
	struct fixture *f = *state;
	struct anker_timeline *t = NULL;
	int r = anker_timeline_new(f->ctx, f->norms, start, birth, before, from, f->err, &t);
	if (r != 0)
		fail_msg("%s", anker_error_message(f->err));
	return t;
}

static struct anker_timeline *given(void **state, const char *start, const char *birth,
				    double months)
{
	struct fixture *f = *state;
	struct anker_timeline *t = NULL;
	int r = anker_timeline_new_max_months(f->ctx, f->norms, start, birth, months, f->err, &t);
	if (r != 0)
		fail_msg("%s", anker_error_message(f->err));
	return t;
}

static const char *date_of(const struct anker_timeline *t, const char *rule)
{
	long i = anker_timeline_find(t, rule);
	return i < 0 ? NULL : anker_timeline_get_date(t, (size_t)i);
}

/* WW art. 42: first 10 years a month each (earliest first), then 1 (before 2016) or 1/2. */
static void test_duration_rule(void **state)
{
	static const struct {
		int before, from, half_months;
	} rows[] = {
	    {0, 0, 6},	 /* no history: the minimum of 3 months */
	    {1, 1, 6},	 /* 2 months, raised to 3 */
	    {5, 2, 14},	 /* 7 years, all in the first 10: 7 months */
	    {8, 6, 24},	 /* 10 + 4 x 1/2 = 12 */
	    {10, 1, 21}, /* 10 + 1/2 = 10.5 */
	    {2, 9, 21},	 /* first 10 = 2 + 8; one year from 2016 above: 10.5 */
	    {12, 8, 32}, /* 10 + 2 + 8 x 1/2 = 16 */
	    {20, 6, 46}, /* UWV's example (Jeroen): 20 + 3 = 23 */
	    {30, 0, 48}, /* 30, capped at 24 */
	    {0, 9, 18},	 /* 9 */
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		assert_int_equal(timeline_duration_half_months(rows[i].before, rows[i].from),
				 rows[i].half_months);
}

/*
 * Worked case 1. WW from 2024-01-31, born 1990-05-15, 8 years before 2016 and
 * 6 from 2016: 14 years, the first 10 a month each, 4 from 2016 above them at
 * half a month: 12 months. 2024-01-31 + 12 months = 2025-01-31, the first day
 * without WW (last day 2025-01-30). Born 1990: the table only says pension age
 * is at least 67 and 3 months, long after, so there is no pension date.
 *   werkverkenner        2024-01-31  the start
 *   bossche_screening    2024-06-30  2025-01-31 - 7 months: 31 June -> 30 June
 *   herfasering_1        2024-07-31  start + 6 months (+12 = 2025-01-31 is not within the WW)
 *   bossche_inkomenstoets 2024-07-31 end - 6 months (after herfasering_1: rule order)
 *   monitorgesprek       2024-08-30  start + 7 months = 2024-08-31, minus a day (end of month 7)
 *   route_a_end          2024-10-31  start + 9 months
 *   bossche_coaching     2024-10-31  end - 3 months
 *   bossche_follow_up    2024-11-30  end - 2 months: 31 November -> 30 November
 *   bossche_results      2024-12-31  end - 1 month
 *   (early_report: 34 years old on 2025-01-03, so none)
 *   ww_end               2025-01-31
 *   sluitende_aanpak     2026-01-30  2025-01-31 + 12 months, minus a day
 */
static void test_worked_case(void **state)
{
	static const char *const expected[][2] = {
	    {"werkverkenner", "2024-01-31"},	{"bossche_screening", "2024-06-30"},
	    {"herfasering_1", "2024-07-31"},	{"bossche_inkomenstoets", "2024-07-31"},
	    {"monitorgesprek", "2024-08-30"},	{"route_a_end", "2024-10-31"},
	    {"bossche_coaching", "2024-10-31"}, {"bossche_follow_up", "2024-11-30"},
	    {"bossche_results", "2024-12-31"},	{"ww_end", "2025-01-31"},
	    {"sluitende_aanpak", "2026-01-30"},
	};
	struct anker_timeline *t = history(state, "2024-01-31", "1990-05-15", 8, 6);
	assert_string_equal(anker_timeline_get_ww_start(t), "2024-01-31");
	assert_string_equal(anker_timeline_get_ww_end(t), "2025-01-31");
	assert_string_equal(anker_timeline_get_ww_last_day(t), "2025-01-30");
	assert_true(anker_timeline_get_duration_months(t) == 12.0);
	assert_int_equal(anker_timeline_get_capped(t), 0);
	assert_string_equal(anker_timeline_get_pension_date(t), "");
	size_t n = sizeof(expected) / sizeof(expected[0]);
	assert_int_equal(anker_timeline_get_count(t), n);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(anker_timeline_get_rule(t, i), expected[i][0]);
		assert_string_equal(anker_timeline_get_date(t, i), expected[i][1]);
		assert_non_null(strstr(anker_timeline_get_source(t, i), ":") ||
					strstr(anker_timeline_get_source(t, i), "art.")
				    ? "ok"
				    : NULL);
		assert_true(strlen(anker_timeline_get_label(t, i, ANKER_WWB_DUTCH)) > 10);
		assert_true(strlen(anker_timeline_get_label(t, i, ANKER_WWB_ENGLISH)) > 10);
	}
	assert_null(anker_timeline_get_rule(t, n));
	assert_null(anker_timeline_get_date(t, n));
	assert_null(anker_timeline_get_label(t, 0, 7));
	assert_int_equal(anker_timeline_find(t, "early_report"), -1);
	assert_string_equal(anker_timeline_get_source(t, 0),
			    "Uit de WW, in de Bijstand (2018), 004:514-517");
	assert_string_equal(anker_timeline_get_source(t, (size_t)anker_timeline_find(t, "ww_end")),
			    "WW art. 42");
	anker_timeline_free(t);
}

/*
 * Worked case 2, a leap year and an under-27. WW from 2023-09-30, born
 * 2000-02-29, 5 years from 2016: 5 months. 2023-09-30 + 5 months = 30
 * February 2024 -> 2024-02-29 (a leap year). Last day 2024-02-28.
 *   werkverkenner     2023-09-30
 *   (bossche_screening 2023-07-29 and inkomenstoets 2023-08-29: before the start, left out)
 *   bossche_coaching  2023-11-29  2024-02-29 - 3 months
 *   bossche_follow_up 2023-12-29
 *   bossche_results   2024-01-29
 *   early_report      2024-02-01  2024-02-29 - 28 days; 23 years old then
 *   ww_end            2024-02-29
 *   (monitorgesprek 2024-04-29 and herfasering 2024-03-30: after the WW, left out)
 *   route_a_end       2024-06-30  start + 9 months
 *   sluitende_aanpak  2025-02-27  2024-02-29 + 12 months = 2025-02-28 (no 29th), minus a day
 */
static void test_leap_year_under_27(void **state)
{
	static const char *const expected[][2] = {
	    {"werkverkenner", "2023-09-30"},	 {"bossche_coaching", "2023-11-29"},
	    {"bossche_follow_up", "2023-12-29"}, {"bossche_results", "2024-01-29"},
	    {"early_report", "2024-02-01"},	 {"ww_end", "2024-02-29"},
	    {"route_a_end", "2024-06-30"},	 {"sluitende_aanpak", "2025-02-27"},
	};
	struct anker_timeline *t = history(state, "2023-09-30", "2000-02-29", 0, 5);
	assert_string_equal(anker_timeline_get_ww_last_day(t), "2024-02-28");
	size_t n = sizeof(expected) / sizeof(expected[0]);
	assert_int_equal(anker_timeline_get_count(t), n);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(anker_timeline_get_rule(t, i), expected[i][0]);
		assert_string_equal(anker_timeline_get_date(t, i), expected[i][1]);
	}
	assert_string_equal(anker_timeline_get_source(t, 4), "Participatiewet art. 41(6)");
	anker_timeline_free(t);
}

/* The end date for several histories and given durations, half months included. */
static void test_ww_end_dates(void **state)
{
	static const struct {
		const char *start;
		double months;
		const char *end;
	} rows[] = {
	    {"2024-01-01", 3, "2024-04-01"},
	    {"2024-01-31", 1 + 2, "2024-04-30"}, /* 31 April -> 30 April */
	    {"2023-11-30", 3, "2024-02-29"},	 /* 30 February 2024 -> 29 (leap) */
	    {"2024-11-30", 3, "2025-02-28"},	 /* 30 February 2025 -> 28 */
	    {"2024-01-31", 10.5, "2024-12-15"},	 /* 2024-11-30, then 15 days */
	    {"2024-02-29", 12, "2025-02-28"},	 /* a leap day plus a year */
	    {"2023-03-15", 24, "2025-03-15"},
	    {"2019-01-31", 38, "2022-03-31"},  /* before 2019-04: UWV's duration */
	    {"2024-12-20", 3.5, "2025-04-04"}, /* 2025-03-20 + 15 days */
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct anker_timeline *t =
		    given(state, rows[i].start, "1980-06-01", rows[i].months);
		assert_string_equal(anker_timeline_get_ww_end(t), rows[i].end);
		assert_true(anker_timeline_get_duration_months(t) == rows[i].months);
		anker_timeline_free(t);
	}
	/* From the work history: UWV's example, 20 years before 2016 and 6 from: 23 months. */
	struct anker_timeline *t = history(state, "2022-05-01", "1978-03-10", 20, 6);
	assert_string_equal(anker_timeline_get_ww_end(t), "2024-04-01");
	assert_true(anker_timeline_get_duration_months(t) == 23.0);
	anker_timeline_free(t);
}

/* The WW ends at the latest on the day pension age is reached (table: data/norms). */
static void test_pension_cap(void **state)
{
	static const struct {
		const char *start, *birth;
		double months;
		const char *end, *pension;
		int capped;
	} rows[] = {
	    /* born 1958: 67 -> 2025-06-15, before start + 24 months = 2026-01-01 */
	    {"2024-01-01", "1958-06-15", 24, "2025-06-15", "2025-06-15", 1},
	    /* born 1961-01-31: 67 and 3 months -> 31 April 2028 -> 2028-04-30 */
	    {"2027-01-01", "1961-01-31", 24, "2028-04-30", "2028-04-30", 1},
	    /* born on a leap day: 67 -> 29 February 2027 -> 2027-02-28 */
	    {"2026-03-01", "1960-02-29", 12, "2027-02-28", "2027-02-28", 1},
	    /* pension after the WW: no cap, the date is still known */
	    {"2024-01-01", "1960-12-31", 12, "2025-01-01", "2027-12-31", 0},
	    /* pension on the very first day without WW: the cap does not shorten it */
	    {"2026-12-31", "1960-12-31", 12, "2027-12-31", "2027-12-31", 0},
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct anker_timeline *t =
		    given(state, rows[i].start, rows[i].birth, rows[i].months);
		assert_string_equal(anker_timeline_get_ww_end(t), rows[i].end);
		assert_string_equal(anker_timeline_get_pension_date(t), rows[i].pension);
		assert_int_equal(anker_timeline_get_capped(t), rows[i].capped);
		/* At pension age nobody is obliged to work: no sluitende aanpak then. */
		assert_int_equal(anker_timeline_find(t, "sluitende_aanpak") < 0, rows[i].capped);
		long end = anker_timeline_find(t, "ww_end");
		assert_string_equal(anker_timeline_get_source(t, (size_t)end),
				    rows[i].capped ? "WW art. 19(1)(f)" : "WW art. 42");
		anker_timeline_free(t);
	}
	/* From the work history too: 30 + 8 years, 24 months, cut at 2025-06-15. */
	struct anker_timeline *t = history(state, "2024-01-01", "1958-06-15", 30, 8);
	assert_string_equal(anker_timeline_get_ww_end(t), "2025-06-15");
	assert_string_equal(anker_timeline_get_ww_last_day(t), "2025-06-14");
	anker_timeline_free(t);
}

/* Herfasering every 6 months while the WW lasts: 24 months -> 6, 12, 18. */
static void test_rephasing(void **state)
{
	struct anker_timeline *t = given(state, "2024-08-31", "1980-01-01", 24);
	assert_string_equal(date_of(t, "herfasering_1"), "2025-02-28");
	assert_string_equal(date_of(t, "herfasering_2"), "2025-08-31");
	assert_string_equal(date_of(t, "herfasering_3"), "2026-02-28");
	assert_null(date_of(t, "herfasering_4"));
	anker_timeline_free(t);
	t = given(state, "2019-01-01", "1980-01-01", 38);
	assert_string_equal(date_of(t, "herfasering_6"), "2022-01-01");
	anker_timeline_free(t);
}

static void expect_error(void **state, int r, int code, const char *field)
{
	struct fixture *f = *state;
	if (r != code)
		fail_msg("expected %d, got %d: %s", code, r, anker_error_message(f->err));
	if (field)
		assert_string_equal(anker_error_field(f->err), field);
}

static void test_bad_input(void **state)
{
	struct fixture *f = *state;
	static const struct {
		const char *start, *birth;
		int before, from;
		int code;
		const char *field;
	} rows[] = {
	    {"2023-02-29", "1980-01-01", 1, 1, ANKER_E_BAD_VALUE, "ww_start"},
	    {"2024-01-01", "1990-13-01", 1, 1, ANKER_E_BAD_VALUE, "birth_date"},
	    {"2024-1-01", "1990-01-01", 1, 1, ANKER_E_BAD_VALUE, "ww_start"},
	    {"2024-01-01", "2024-01-02", 0, 0, ANKER_E_BAD_VALUE, "birth_date"},
	    {NULL, "1990-01-01", 1, 1, ANKER_E_MISSING_KEY, "ww_start"},
	    {"2024-01-01", "1990-01-01", -1, 1, ANKER_E_OUT_OF_RANGE, "years_before_2016"},
	    {"2024-01-01", "1990-01-01", 9, 1, ANKER_E_OUT_OF_RANGE, "years_before_2016"},
	    {"2024-01-01", "1990-01-01", 1, -1, ANKER_E_OUT_OF_RANGE, "years_from_2016"},
	    {"2024-01-01", "1990-01-01", 1, 9, ANKER_E_OUT_OF_RANGE, "years_from_2016"},
	    {"2019-03-31", "1970-01-01", 10, 3, ANKER_E_OUT_OF_RANGE, "ww_start"},
	    {"2024-03-01", "1957-03-01", 10, 3, ANKER_E_OUT_OF_RANGE, "birth_date"},
	    {"2019-06-01", "1950-01-01", 10, 3, ANKER_E_NOT_FOUND, "birth_date"},
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct anker_timeline *t = NULL;
		int r = anker_timeline_new(f->ctx, f->norms, rows[i].start, rows[i].birth,
					   rows[i].before, rows[i].from, f->err, &t);
		expect_error(state, r, rows[i].code, rows[i].field);
		assert_null(t);
	}
	static const double bad_months[] = {2.5, 38.5, 12.25, -3, 0};
	for (size_t i = 0; i < sizeof(bad_months) / sizeof(bad_months[0]); i++) {
		struct anker_timeline *t = NULL;
		int r = anker_timeline_new_max_months(f->ctx, f->norms, "2024-01-01", "1980-01-01",
						      bad_months[i], f->err, &t);
		expect_error(state, r, ANKER_E_OUT_OF_RANGE, "max_months");
		assert_null(t);
	}
	struct anker_timeline *t = NULL;
	expect_error(state,
		     anker_timeline_new_max_months(f->ctx, f->norms, "2024-01-01", "1980-01-01",
						   NAN, f->err, &t),
		     ANKER_E_OUT_OF_RANGE, "max_months");
	expect_error(state,
		     anker_timeline_new(f->ctx, NULL, "2024-01-01", "1980-01-01", 1, 1, f->err, &t),
		     ANKER_E_INVALID_ARGUMENT, NULL);
	/* Norms without a pension-age table cannot cap the WW. */
	struct anker_wwb_norms *empty = NULL;
	assert_int_equal(anker_wwb_norms_new(f->ctx, &empty), 0);
	expect_error(
	    state, anker_timeline_new(f->ctx, empty, "2024-01-01", "1980-01-01", 1, 1, f->err, &t),
	    ANKER_E_NOT_FOUND, "birth_date");
	anker_wwb_norms_unref(empty);
	assert_null(t);
	anker_timeline_free(NULL);
	assert_null(anker_timeline_get_ww_end(NULL));
	assert_int_equal(anker_timeline_get_count(NULL), 0);
}

static struct anker_timeline *parse(void **state, const char *quoted, int code, const char *field)
{
	struct fixture *f = *state;
	char *json = test_unquote(quoted);
	struct anker_timeline *t = NULL;
	int r = anker_timeline_parse(f->ctx, f->norms, json, strlen(json), "case.json", f->err, &t);
	free(json);
	expect_error(state, r, code, field);
	if (code)
		assert_string_equal(anker_error_file(f->err), "case.json");
	return t;
}

static void test_json_case(void **state)
{
	struct anker_timeline *t = parse(state,
					 "{'ww_start': '2024-01-31', 'birth_date': '1990-05-15', "
					 "'years_before_2016': 8, 'years_from_2016': 6}",
					 0, NULL);
	assert_string_equal(anker_timeline_get_ww_end(t), "2025-01-31");
	anker_timeline_free(t);
	t = parse(state,
		  "{'ww_start': '2024-01-31', 'birth_date': '1990-05-15', 'max_months': 10.5}", 0,
		  NULL);
	assert_string_equal(anker_timeline_get_ww_end(t), "2024-12-15");
	anker_timeline_free(t);
	static const struct {
		const char *json;
		int code;
		const char *field;
	} bad[] = {
	    {"{'ww_start': '2024-01-31'", ANKER_E_SYNTAX, NULL},
	    {"[1]", ANKER_E_WRONG_TYPE, NULL},
	    {"{'ww_start': '2024-01-31', 'birth_date': '1990-05-15', 'max_months': 12, 'id': 1}",
	     ANKER_E_UNKNOWN_KEY, "id"},
	    {"{'ww_start': 20240131, 'birth_date': '1990-05-15', 'max_months': 12}",
	     ANKER_E_WRONG_TYPE, "ww_start"},
	    {"{'birth_date': '1990-05-15', 'max_months': 12}", ANKER_E_MISSING_KEY, "ww_start"},
	    {"{'ww_start': '2024-01-31', 'birth_date': '1990-05-15', 'years_before_2016': 8}",
	     ANKER_E_MISSING_KEY, "years_from_2016"},
	    {"{'ww_start': '2024-01-31', 'birth_date': '1990-05-15', 'years_before_2016': 8, "
	     "'years_from_2016': 1, 'max_months': 12}",
	     ANKER_E_BAD_VALUE, "max_months"},
	    {"{'ww_start': '2024-01-31', 'birth_date': '1990-05-15', 'years_before_2016': 1.5, "
	     "'years_from_2016': 1}",
	     ANKER_E_WRONG_TYPE, "years_before_2016"},
	    {"{'ww_start': '2024-01-31', 'birth_date': '1990-05-15', 'years_before_2016': "
	     "99999999999, 'years_from_2016': 1}",
	     ANKER_E_OUT_OF_RANGE, "years_before_2016"},
	    {"{'ww_start': '2024-01-31', 'birth_date': '1990-05-15', 'max_months': 12.2}",
	     ANKER_E_OUT_OF_RANGE, "max_months"},
	    {"{'ww_start': '2024-02-30', 'birth_date': '1990-05-15', 'max_months': 12}",
	     ANKER_E_BAD_VALUE, "ww_start"},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_null(parse(state, bad[i].json, bad[i].code, bad[i].field));
}

static int from_fields(void **state, const char *const *names, const char *const *values, size_t n,
		       struct anker_timeline **t)
{
	struct fixture *f = *state;
	return anker_timeline_from_fields(f->ctx, f->norms, names, values, n, f->err, t);
}

static void test_fields(void **state)
{
	const char *names[] = {"ww_start", "birth_date", "years_before_2016", "years_from_2016",
			       "max_months"};
	const char *values[] = {"2024-01-31", "1990-05-15", "8", "6", ""};
	struct anker_timeline *t = NULL;
	assert_int_equal(from_fields(state, names, values, 5, &t), 0);
	assert_string_equal(anker_timeline_get_ww_end(t), "2025-01-31");
	anker_timeline_free(t);
	const char *given_values[] = {"2024-01-31", "1990-05-15", "", "", "10.5"};
	t = NULL;
	assert_int_equal(from_fields(state, names, given_values, 5, &t), 0);
	assert_string_equal(anker_timeline_get_ww_end(t), "2024-12-15");
	anker_timeline_free(t);
	for (size_t i = 0; anker_timeline_field_name(i); i++)
		assert_string_equal(anker_timeline_field_name(i), names[i]);
	assert_null(anker_timeline_field_name(5));

	static const struct {
		const char *name, *value;
		int code;
	} bad[] = {
	    {"years_before_2016", "eight", ANKER_E_BAD_VALUE},
	    {"years_before_2016", "8.0", ANKER_E_BAD_VALUE},
	    {"max_months", "12.25", ANKER_E_BAD_VALUE},
	    {"max_months", "1e1", ANKER_E_BAD_VALUE},
	    {"shoe_size", "42", ANKER_E_UNKNOWN_KEY},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *n2[] = {"ww_start", "birth_date", bad[i].name};
		const char *v2[] = {"2024-01-31", "1990-05-15", bad[i].value};
		t = NULL;
		expect_error(state, from_fields(state, n2, v2, 3, &t), bad[i].code, bad[i].name);
		assert_null(t);
	}
	const char *twice[] = {"ww_start", "ww_start"};
	const char *twice_values[] = {"2024-01-31", "2024-01-31"};
	expect_error(state, from_fields(state, twice, twice_values, 2, &t), ANKER_E_DUPLICATE,
		     "ww_start");
	expect_error(state, from_fields(state, NULL, NULL, 2, &t), ANKER_E_INVALID_ARGUMENT, NULL);
}

static void test_rule_names(void **state)
{
	(void)state;
	size_t n = 0;
	while (anker_timeline_rule_name(n))
		n++;
	assert_int_equal(n, 17);
	assert_string_equal(anker_timeline_rule_name(0), "werkverkenner");
	assert_string_equal(anker_timeline_rule_name(16), "sluitende_aanpak");
	assert_null(anker_timeline_rule_name(100));
}

/* The JSON is canonical (sorted keys, compact) and reads back with the values. */
static void test_json_export(void **state)
{
	struct fixture *f = *state;
	struct anker_timeline *t = given(state, "2024-01-31", "1990-05-15", 10.5);
	size_t len = 0;
	assert_int_equal(anker_timeline_write_json(t, NULL, 0, &len, f->err), ANKER_E_TOO_LARGE);
	char *buf = malloc(len + 1);
	assert_int_equal(anker_timeline_write_json(t, buf, len + 1, &len, f->err), 0);
	assert_int_equal(strlen(buf), len);
	static const char prefix[] = "{\"capped_at_pension_age\":false,\"deadlines\":[{\"date\":"
				     "\"2024-01-31\",\"label\":{\"en\":";
	assert_int_equal(strncmp(buf, prefix, strlen(prefix)), 0);
	assert_non_null(strstr(buf, "\"duration_months\":10.5,\"format\":\"anker-timeline\","
				    "\"format_version\":1,\"pension_date\":null,"
				    "\"ww_end\":\"2024-12-15\",\"ww_last_day\":\"2024-12-14\","
				    "\"ww_start\":\"2024-01-31\"}"));
	free(buf);
	assert_int_equal(anker_timeline_write_json(NULL, NULL, 0, &len, f->err),
			 ANKER_E_INVALID_ARGUMENT);
	anker_timeline_free(t);
}

/* Every allocation of a timeline fails in turn: a clean ANKER_E_NO_MEMORY, nothing leaked. */
static void test_out_of_memory(void **state)
{
	struct fixture *f = *state;
	bool succeeded = false;
	for (size_t fail_after = 0; !succeeded && fail_after < 16; fail_after++) {
		struct anker_ctx *ctx = test_ctx_new_failing(fail_after);
		struct anker_timeline *t = NULL;
		int r = anker_timeline_new(ctx, f->norms, "2024-01-31", "1990-05-15", 8, 6, f->err,
					   &t);
		if (r == 0) {
			succeeded = true;
			assert_string_equal(anker_timeline_get_ww_end(t), "2025-01-31");
		} else {
			assert_int_equal(r, ANKER_E_NO_MEMORY);
			assert_null(t);
		}
		anker_timeline_free(t);
		anker_ctx_unref(ctx);
	}
	assert_true(succeeded);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_duration_rule),
	    cmocka_unit_test_setup_teardown(test_worked_case, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_leap_year_under_27, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_ww_end_dates, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_pension_cap, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_rephasing, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_bad_input, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_json_case, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_fields, setup, teardown),
	    cmocka_unit_test(test_rule_names),
	    cmocka_unit_test_setup_teardown(test_json_export, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_out_of_memory, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
