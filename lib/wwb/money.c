/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "money.h"

long long wwb_div_half_up(long long numerator, long long denominator)
{
	return (2 * numerator + denominator) / (2 * denominator);
}

bool wwb_euros_to_cents(double euros, long long *ret)
{
	if (!(fabs(euros) <= (double)WWB_CENTS_MAX / 100.0))
		return false;
	double cents = euros * 100.0;
	double whole = nearbyint(cents);
	if (fabs(cents - whole) > 1e-6)
		return false;
	*ret = (long long)whole;
	return true;
}

long long wwb_cost_sharing_norm(long long base_cents, int a)
{
	return wwb_div_half_up((40LL + 30LL * a) * base_cents, 100LL * a);
}

long long wwb_without_holiday_allowance(long long norm_cents)
{
	return wwb_percent_of(norm_cents, 95);
}

long long wwb_percent_of(long long cents, int percent)
{
	return wwb_div_half_up(cents * percent, 100);
}

/* Digits grouped by three with @p group, then @p decimal and the cents. */
static const char *format_money(long long cents, char buf[WWB_MONEY_TEXT_SIZE], const char *prefix,
				char group, char decimal)
{
	unsigned long long magnitude =
	    cents < 0 ? 0ULL - (unsigned long long)cents : (unsigned long long)cents;
	char digits[24];
	int n = snprintf(digits, sizeof(digits), "%llu", magnitude / 100);
	char grouped[40];
	size_t used = 0;
	for (int i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			grouped[used++] = group;
		grouped[used++] = digits[i];
	}
	grouped[used] = '\0';
	snprintf(buf, WWB_MONEY_TEXT_SIZE, "%s%s%s%c%02llu", cents < 0 ? "-" : "", prefix, grouped,
		 decimal, magnitude % 100);
	return buf;
}

const char *wwb_money_nl(long long cents, char buf[WWB_MONEY_TEXT_SIZE])
{
	return format_money(cents, buf, "€ ", '.', ',');
}

const char *wwb_money_en(long long cents, char buf[WWB_MONEY_TEXT_SIZE])
{
	return format_money(cents, buf, "€", ',', '.');
}
