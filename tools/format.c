/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"

/*
 * The program never calls setlocale(), so printf already works in the "C"
 * locale. Should anything ever change that, a decimal comma is put back to a
 * point here rather than written into a file another program reads.
 */
static const char *c_decimal_point(char *buf)
{
	for (char *p = buf; *p; p++)
		if (*p == ',')
			*p = '.';
	return buf;
}

const char *format_double(double value, char buf[FORMAT_DOUBLE_SIZE])
{
	/* Zero contributions are common (reference levels) and printf is the slow part. */
	if (value == 0)
		return signbit(value) ? "-0" : "0";
	snprintf(buf, FORMAT_DOUBLE_SIZE, "%.17g", value);
	return c_decimal_point(buf);
}

const char *format_double_short(double value, char buf[FORMAT_DOUBLE_SIZE])
{
	if (!isfinite(value))
		return format_double(value, buf);
	/* "%g" would write 50 as 5e+01 at low precision; whole numbers read better plain. */
	if (value == trunc(value) && fabs(value) < 1e15) {
		snprintf(buf, FORMAT_DOUBLE_SIZE, "%.0f", value);
		return buf;
	}
	for (int precision = 1; precision < 17; precision++) {
		snprintf(buf, FORMAT_DOUBLE_SIZE, "%.*g", precision, value);
		c_decimal_point(buf);
		if (strtod(buf, NULL) == value)
			return buf;
	}
	return format_double(value, buf);
}

const char *format_cell_quoted(char *buf, size_t size, const char *s, size_t len)
{
	size_t shown = len < 40 ? len : 40, j = 0;
	if (size < 8)
		return "";
	buf[j++] = '"';
	for (size_t i = 0; i < shown && j + 5 < size; i++)
		buf[j++] = (unsigned char)s[i] < 0x20 ? '?' : s[i];
	if (len > shown && j + 5 < size) {
		memcpy(buf + j, "...", 3);
		j += 3;
	}
	buf[j++] = '"';
	buf[j] = '\0';
	return buf;
}

void csv_write_field(FILE *out, const char *s, size_t len)
{
	if (strcspn(s, ",\"\r\n") >= len) {
		fwrite(s, 1, len, out);
		return;
	}
	putc('"', out);
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '"')
			putc('"', out);
		putc(s[i], out);
	}
	putc('"', out);
}

/* The length of the valid UTF-8 sequence at @p s, or 0 when it is not one. */
static size_t utf8_sequence_length(const unsigned char *s, size_t len)
{
	size_t n;
	uint32_t cp;
	if (s[0] < 0x80)
		return 1;
	else if ((s[0] & 0xE0) == 0xC0)
		n = 2, cp = s[0] & 0x1F;
	else if ((s[0] & 0xF0) == 0xE0)
		n = 3, cp = s[0] & 0x0F;
	else if ((s[0] & 0xF8) == 0xF0)
		n = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (n > len)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	static const uint32_t min_for_length[5] = {0, 0, 0x80, 0x800, 0x10000};
	if (cp < min_for_length[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return n;
}

void json_write_string(FILE *out, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	putc('"', out);
	for (size_t i = 0; i < len;) {
		unsigned char ch = p[i];
		if (ch == '"' || ch == '\\') {
			putc('\\', out);
			putc(ch, out);
			i++;
		} else if (ch < 0x20) {
			switch (ch) {
			case '\n':
				fputs("\\n", out);
				break;
			case '\r':
				fputs("\\r", out);
				break;
			case '\t':
				fputs("\\t", out);
				break;
			default:
				fprintf(out, "\\u%04x", ch);
			}
			i++;
		} else {
			size_t n = utf8_sequence_length(p + i, len - i);
			if (n == 0) {
				fputs("\\ufffd", out);
				i++;
			} else {
				fwrite(p + i, 1, n, out);
				i += n;
			}
		}
	}
	putc('"', out);
}
