/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The CSV text of a generated row. Numbers are written from integers (a
 * decimal is its value times 10^d, rounded, split at the point), so no locale
 * can put a comma in them; names and codes are identifiers and need no quotes.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sim-private.h"

#define TRIMMED_DECIMALS 6
/* Below LLONG_MAX (9.22e18), with room for rounding. */
#define LONG_LONG_LIMIT 9e18

/* @p x with @p decimals decimals (-1: up to 6, trailing zeros dropped). */
static int format_number(double x, int decimals, char *out, size_t room)
{
	bool trim = decimals < 0;
	int d = trim ? TRIMMED_DECIMALS : decimals;
	/* fewer decimals where |x| 10^d would not fit a long long (|x| >= 9e9 at 9 decimals) */
	while (d > 0 && fabs(x) * pow(10.0, d) >= LONG_LONG_LIMIT)
		d--;
	if (fabs(x) >= LONG_LONG_LIMIT)
		x = copysign(LONG_LONG_LIMIT, x);
	long long scale = 1;
	for (int i = 0; i < d; i++)
		scale *= 10;
	long long k = llround(fabs(x) * (double)scale);
	long long whole = k / scale, frac = k % scale;
	const char *sign = x < 0 && k != 0 ? "-" : "";
	if (d == 0 || (trim && frac == 0))
		return snprintf(out, room, "%s%lld", sign, whole);
	char digits[16]; /* d <= 9 */
	size_t len = (size_t)d;
	digits[len] = '\0';
	for (size_t i = len; i > 0; i--, frac /= 10)
		digits[i - 1] = (char)('0' + frac % 10);
	while (trim && len > 1 && digits[len - 1] == '0')
		digits[--len] = '\0';
	return snprintf(out, room, "%s%lld.%s", sign, whole, digits);
}

static int format_cell(const struct sim_column *col, const struct sim_cell *cell, char *out,
		       size_t room)
{
	switch (cell->state) {
	case CELL_EMPTY:
		return room > 0 ? (out[0] = '\0', 0) : 1;
	case CELL_LEVEL:
		return snprintf(out, room, "%s", cell->level);
	default:
		break;
	}
	switch (col->type) {
	case ANKER_SIM_COLUMN_TEXT:
		return snprintf(out, room, "SIM%07" PRIu64, (uint64_t)cell->number);
	case ANKER_SIM_COLUMN_NUMBER:
		return format_number(cell->number, col->decimals, out, room);
	default:
		return format_number(cell->number, 0, out, room);
	}
}

size_t sim_format_row(const struct anker_scenario *sc, const struct sim_work *w, char *out,
		      size_t room)
{
	size_t len = 0;
	for (size_t i = 0; i < sc->n_columns; i++) {
		if (i > 0) {
			if (len + 1 >= room)
				return 0;
			out[len++] = ',';
		}
		int n = format_cell(&sc->columns[i], &w->cells[i], out + len, room - len);
		if (n < 0 || (size_t)n >= room - len)
			return 0;
		len += (size_t)n;
	}
	if (len + 1 >= room)
		return 0;
	out[len++] = '\n';
	out[len] = '\0';
	return len;
}
