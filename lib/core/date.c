/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>

#include "date.h"

bool anker_date_is_leap_year(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int anker_date_days_in_month(int year, int month)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return days[month - 1] + (month == 2 && anker_date_is_leap_year(year) ? 1 : 0);
}

bool anker_date_parse(const char *s, struct anker_date *ret)
{
	for (int i = 0; i < 10; i++) {
		bool dash = i == 4 || i == 7;
		if (dash ? s[i] != '-' : !(s[i] >= '0' && s[i] <= '9'))
			return false;
	}
	if (s[10] != '\0')
		return false;
	struct anker_date d = {
	    .year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0'),
	    .month = (s[5] - '0') * 10 + (s[6] - '0'),
	    .day = (s[8] - '0') * 10 + (s[9] - '0'),
	};
	if (d.year < 1 || d.month < 1 || d.month > 12 || d.day < 1 ||
	    d.day > anker_date_days_in_month(d.year, d.month))
		return false;
	*ret = d;
	return true;
}

bool anker_is_valid_date(const char *s)
{
	struct anker_date d;
	return anker_date_parse(s, &d);
}

char *anker_date_format(struct anker_date d, char buf[ANKER_DATE_TEXT_SIZE])
{
	snprintf(buf, ANKER_DATE_TEXT_SIZE, "%04u-%02u-%02u", (unsigned)d.year % 10000u,
		 (unsigned)d.month % 100u, (unsigned)d.day % 100u);
	return buf;
}

/*
 * Howard Hinnant's days_from_civil and civil_from_days: exact for every
 * proleptic Gregorian date, with eras of 400 years.
 */
long anker_date_to_days(struct anker_date d)
{
	long y = d.year - (d.month <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long mp = (d.month + 9) % 12;
	long doy = (153 * mp + 2) / 5 + d.day - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

struct anker_date anker_date_from_days(long days)
{
	long z = days + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	struct anker_date d;
	d.day = (int)(doy - (153 * mp + 2) / 5 + 1);
	d.month = (int)(mp < 10 ? mp + 3 : mp - 9);
	d.year = (int)(yoe + era * 400 + (d.month <= 2));
	return d;
}

int anker_date_compare(struct anker_date a, struct anker_date b)
{
	if (a.year != b.year)
		return a.year < b.year ? -1 : 1;
	if (a.month != b.month)
		return a.month < b.month ? -1 : 1;
	return (a.day > b.day) - (a.day < b.day);
}

struct anker_date anker_date_add_months(struct anker_date d, int months)
{
	long index = (long)d.year * 12 + (d.month - 1) + months;
	long year = index >= 0 ? index / 12 : (index - 11) / 12;
	struct anker_date r = {(int)year, (int)(index - year * 12) + 1, d.day};
	int last = anker_date_days_in_month(r.year, r.month);
	if (r.day > last)
		r.day = last;
	return r;
}

struct anker_date anker_date_add_days(struct anker_date d, long days)
{
	return anker_date_from_days(anker_date_to_days(d) + days);
}

int anker_date_months_between(struct anker_date birth, struct anker_date at)
{
	int months = (at.year - birth.year) * 12 + (at.month - birth.month);
	/* The estimate is right or one too many; the convention decides which. */
	if (anker_date_compare(anker_date_add_months(birth, months), at) > 0)
		months--;
	return months;
}

int anker_date_age_years(struct anker_date birth, struct anker_date at)
{
	int months = anker_date_months_between(birth, at);
	return months >= 0 ? months / 12 : -((-months + 11) / 12);
}
