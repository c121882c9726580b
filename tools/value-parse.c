/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <locale.h>
#include <math.h>
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

int value_parse_number(const char *s, size_t len, double *ret)
{
	if (!is_decimal(s, len))
		return VALUE_NOT_A_NUMBER;
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
