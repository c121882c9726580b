/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Money in whole euro cents (long long), never in binary floating point.
 *
 * Every division rounds half up to the cent (x.5 cent goes up), which is how
 * the published tables round: the kostendelersnorm rows of 2021, 2024-07-01
 * and 2026-01-01 are reproduced to the cent with it (tests/test-wwb-norms.c).
 */
#ifndef ANKER_WWB_MONEY_H
#define ANKER_WWB_MONEY_H

#include <stdbool.h>

/* Largest amount accepted anywhere: a billion euro, so that sums and products cannot overflow. */
#define WWB_CENTS_MAX 100000000000LL

/* numerator / denominator for non-negative operands, rounded half up. */
long long wwb_div_half_up(long long numerator, long long denominator);

/*
 * A JSON number of euros with at most two decimals as cents. False when it has
 * a third decimal or is out of range: the binary double jansson read is within
 * 1e-6 cent of a two-decimal number or it is refused.
 */
bool wwb_euros_to_cents(double euros, long long *ret);

/*
 * The kostendelersnorm per person (art. 22; art. 22a at pension age): (40% + A x 30%) / A x B, i.e.
 * (40 + 30A) x B / (100 A) cents, rounded half up. A >= 1.
 */
long long wwb_cost_sharing_norm(long long base_cents, int a);

/* 95% of a norm including holiday allowance, rounded half up: the norm without it (art. 19(3)). */
long long wwb_without_holiday_allowance(long long norm_cents);

/* percent% of cents, rounded half up. */
long long wwb_percent_of(long long cents, int percent);

/* Room for the longest amount text, "-€ 1.000.000.000,00" and its NUL, with margin. */
#define WWB_MONEY_TEXT_SIZE 40

/* "€ 1.401,50" (Dutch) and "€1,401.50" (English). */
const char *wwb_money_nl(long long cents, char buf[WWB_MONEY_TEXT_SIZE]);
const char *wwb_money_en(long long cents, char buf[WWB_MONEY_TEXT_SIZE]);

#endif
