/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Calendar dates (proleptic Gregorian) for the rules that count in days,
 * months and years: file validity dates, ages, pension dates, deadlines.
 *
 * Month arithmetic has one convention, used everywhere: adding months keeps
 * the day of the month, and a day the target month lacks becomes that month's
 * last day. So 31 January + 1 month is 28 February (29 in a leap year), and
 * 31 March - 1 month is 28 or 29 February. Ages follow from it: someone has
 * completed N months at date D when birth + N months <= D, so a person born on
 * 29 February turns 1 on 28 February of a common year.
 */
#ifndef ANKER_CORE_DATE_H
#define ANKER_CORE_DATE_H

#include <stdbool.h>

struct anker_date {
	int year;  /* 1..9999 */
	int month; /* 1..12 */
	int day;   /* 1..days in that month */
};

/* "YYYY-MM-DD" plus the NUL. */
#define ANKER_DATE_TEXT_SIZE 11

/* Calendar dates "YYYY-MM-DD" (a real date: no 2026-02-30, no year 0). */
bool anker_is_valid_date(const char *s);

/* Parse "YYYY-MM-DD"; false (and *ret untouched) when it is no real date. */
bool anker_date_parse(const char *s, struct anker_date *ret);

/* Write "YYYY-MM-DD" into @p buf; returns @p buf. */
char *anker_date_format(struct anker_date d, char buf[ANKER_DATE_TEXT_SIZE]);

bool anker_date_is_leap_year(int year);
int anker_date_days_in_month(int year, int month);

/* Days since 1970-01-01 (negative before), and back. */
long anker_date_to_days(struct anker_date d);
struct anker_date anker_date_from_days(long days);

/* <0, 0, >0 as @p a is before, on or after @p b. */
int anker_date_compare(struct anker_date a, struct anker_date b);

/* @p d plus @p months (may be negative), with the month-end convention above. */
struct anker_date anker_date_add_months(struct anker_date d, int months);

/* @p d plus @p days (may be negative). */
struct anker_date anker_date_add_days(struct anker_date d, long days);

/*
 * Whole months completed from @p birth to @p at: the largest N with
 * birth + N months <= at. Negative when @p at is before @p birth.
 */
int anker_date_months_between(struct anker_date birth, struct anker_date at);

/* Age in whole years at @p at (months_between / 12, rounded towards minus infinity). */
int anker_date_age_years(struct anker_date birth, struct anker_date at);

#endif
