/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The WW duration (WW art. 42 since 2016): one month per year of work
 * history for the first 10 years; above 10 years, one month for each year
 * before 2016 and half a month for each year from 2016; 3 to 24 months.
 * The first 10 years are the earliest, so years before 2016 fill them first
 * (UWV's worked example: 20 years before 2016 and 6 from 2016 give 10 + 10 +
 * 3 = 23 months).
 */
#include "timeline-private.h"

#define FIRST_YEARS 10

int timeline_duration_half_months(int years_before_2016, int years_from_2016)
{
	int total = years_before_2016 + years_from_2016;
	int first = total < FIRST_YEARS ? total : FIRST_YEARS;
	int before_above = years_before_2016 > FIRST_YEARS ? years_before_2016 - FIRST_YEARS : 0;
	int from_above = total - first - before_above;
	int half_months = 2 * first + 2 * before_above + from_above;
	if (half_months < TIMELINE_MIN_HALF_MONTHS)
		half_months = TIMELINE_MIN_HALF_MONTHS;
	if (half_months > TIMELINE_MAX_HALF_MONTHS)
		half_months = TIMELINE_MAX_HALF_MONTHS;
	return half_months;
}
