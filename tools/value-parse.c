/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <strings.h>

#include "value-parse.h"

static locale_t c_locale = (locale_t)0;

static bool is_digit(char ch)
{
	return ch >= '0' && ch <= '9';
}

/* The decimal syntax strtod would also read, minus blanks, inf, nan and hex. */
static bool is_decimal(const char *s, size_t len)
{
	size_t i = 0, digits = 0;
	if (i < len && (s[i] == '+' || s[i] == '-'))
		i++;
	for (; i < len && is_digit(s[i]); i++)
		digits++;
	if (i < len && s[i] == '.')
		for (i++; i < len && is_digit(s[i]); i++)
			digits++;
	if (digits == 0)
		return false;
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < len && (s[i] == '+' || s[i] == '-'))
			i++;
		size_t exp_digits = 0;
		for (; i < len && is_digit(s[i]); i++)
			exp_digits++;
		if (exp_digits == 0)
			return false;
	}
	return i == len;
}

/*
 * Clinger's fast path: when the decimal digits form an integer m <= 2^53 and the
 * power of ten k is within +-22, both m and 10^k are exact doubles, so one
 * IEEE multiplication or division gives the correctly rounded value, the same
 * double strtod returns. Caseload files are nearly all such numbers ("52",
 * "3.5", "0.25"), and strtod is most of the program's reading time.
 * Returns false when the number needs the general algorithm.
 */
static bool parse_simple_decimal(const char *s, size_t len, double *ret)
{
	static const double powers_of_ten[] = {
		1e0,  1e1,  1e2,  1e3,	1e4,  1e5,  1e6,  1e7,	1e8,  1e9,  1e10, 1e11,
		1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
	};
	size_t i = 0;
	bool negative = false;
	if (s[i] == '+' || s[i] == '-')
		negative = s[i++] == '-';
	uint64_t mantissa = 0;
	int digits = 0, exponent = 0;
	for (; i < len && is_digit(s[i]); i++) {
		if (mantissa == 0 && s[i] == '0')
			continue; /* leading zeros carry no precision */
		if (++digits > 19)
			return false;
		mantissa = mantissa * 10 + (uint64_t)(s[i] - '0');
	}
	if (i < len && s[i] == '.') {
		for (i++; i < len && is_digit(s[i]); i++) {
			exponent--;
			if (mantissa == 0 && s[i] == '0')
				continue;
			if (++digits > 19)
				return false;
			mantissa = mantissa * 10 + (uint64_t)(s[i] - '0');
		}
	}
	if (i < len)
		return false; /* an exponent part: leave it to strtod */
	if (mantissa > (UINT64_C(1) << 53) || exponent < -22)
		return false;
	double value = (double)mantissa / powers_of_ten[-exponent];
	*ret = negative ? -value : value;
	return true;
}

int value_parse_number(const char *s, size_t len, double *ret)
{
	if (!is_decimal(s, len))
		return VALUE_NOT_A_NUMBER;
	if (parse_simple_decimal(s, len, ret))
		return VALUE_OK;
	if (c_locale == (locale_t)0) {
		c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
		if (c_locale == (locale_t)0)
			return VALUE_NO_MEMORY;
	}
	errno = 0;
	char *end;
	double value = strtod_l(s, &end, c_locale);
	if (end != s + len)
		return VALUE_NOT_A_NUMBER;
	/* Underflow to zero or a subnormal is harmless; overflow is not. */
	if (errno == ERANGE && isinf(value))
		return VALUE_OVERFLOW;
	*ret = value;
	return VALUE_OK;
}

int value_parse_boolean(const char *s, size_t len, double *ret)
{
	static const struct {
		const char *word;
		double value;
	} words[] = {
	    {"1", 1.0},	  {"0", 0.0},  {"true", 1.0}, {"false", 0.0},
	    {"yes", 1.0}, {"no", 0.0}, {"ja", 1.0},   {"nee", 0.0},
	};
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		size_t n = 0;
		while (words[i].word[n])
			n++;
		if (n == len && strncasecmp(s, words[i].word, len) == 0) {
			*ret = words[i].value;
			return VALUE_OK;
		}
	}
	return VALUE_NOT_A_BOOLEAN;
}

void value_parse_cleanup(void)
{
	if (c_locale != (locale_t)0) {
		freelocale(c_locale);
		c_locale = (locale_t)0;
	}
}
