/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Strict, locale-independent parsing of CSV cells into numbers and booleans.
 * The process locale never matters: "0,5" is not a number, whatever LC_NUMERIC says.
 */
#ifndef ANKER_TOOLS_VALUE_PARSE_H
#define ANKER_TOOLS_VALUE_PARSE_H

#include <stdbool.h>
#include <stddef.h>

enum value_parse_status {
	VALUE_OK = 0,
	VALUE_NOT_A_NUMBER = -1,  /* not of the form [+-]digits[.digits][(e|E)[+-]digits] */
	VALUE_OVERFLOW = -2,	  /* too large for a double */
	VALUE_NOT_A_BOOLEAN = -3, /* none of 1/0/true/false/yes/no/ja/nee */
	VALUE_NO_MEMORY = -4,
};

/*
 * Parse all of @p s (length @p len, NUL-terminated) as a finite decimal number.
 * No blanks, no "inf"/"nan", no hexadecimal.
 */
int value_parse_number(const char *s, size_t len, double *ret);

/* Parse 1/0/true/false/yes/no/ja/nee (any case) as 1.0 or 0.0. */
int value_parse_boolean(const char *s, size_t len, double *ret);

/* Release the "C" locale that value_parse_number() creates on first use. */
void value_parse_cleanup(void);

#endif
