/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Writing numbers and strings into CSV and JSON text, independently of the
 * process locale.
 */
#ifndef ANKER_TOOLS_FORMAT_H
#define ANKER_TOOLS_FORMAT_H

#include <stddef.h>
#include <stdio.h>

/* Large enough for any double in "%.17g" form. */
#define FORMAT_DOUBLE_SIZE 32

/*
 * @p value as "%.17g" would print it in the "C" locale: it reads back exactly.
 * Zero is "0", also -0.
 */
const char *format_double(double value, char buf[FORMAT_DOUBLE_SIZE]);

/*
 * The fewest significant digits (in "%.Ng" form, N <= 17) that read back as
 * exactly @p value, the correctly rounded ones for that N: the digits of
 * Python's repr(float). Zero is "0", also -0.
 */
const char *format_double_shortest(double value, char buf[FORMAT_DOUBLE_SIZE]);

/* The shortest "%.Ng" (N = 1..17) text that reads back as exactly @p value, for people. */
const char *format_double_short(double value, char buf[FORMAT_DOUBLE_SIZE]);

/* Write a CSV field, quoted (with doubled quotes) when it holds a comma, quote or line end. */
void csv_write_field(FILE *out, const char *s, size_t len);

/*
 * Write a JSON string literal. Control characters are escaped, and bytes that
 * are not valid UTF-8 become U+FFFD, so that the output is always valid JSON.
 * DEL and the C1 controls U+0080-U+009F, which JSON allows raw, are escaped
 * too (\u007f, \u009b): the same data, but harmless on a terminal.
 */
void json_write_string(FILE *out, const char *s, size_t len);

/*
 * Write the JSON text @p json (valid UTF-8, as jansson dumps it) with DEL and the
 * C1 controls inside its strings escaped as json_write_string() escapes them.
 * Outside strings JSON text holds neither, so this changes no value.
 */
void json_write_text(FILE *out, const char *json, size_t len);

#endif
