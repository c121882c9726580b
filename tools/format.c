/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "utf8.h"
#include "value-parse.h"

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

/*
 * "%.17g" without printf for 0.001 <= |value| < 1e17, where scores and linear
 * predictors nearly always are; printf's exact conversion is most of the time
 * `anker score` spends writing. Writing value = m * 2^e (m < 2^53, e < 0),
 * the 17 significant digits are round(m * 10^k / 2^-e) for the k that makes
 * that a 17-digit integer: m * 10^k fits in 128 bits while k <= 19, and the
 * division is a shift whose remainder gives exact round-half-even, as printf
 * rounds. Returns false when the value needs printf.
 */
static bool format_g_fast(double value, int precision, char *buf)
{
	static const uint64_t pow10[] = {
		1u,
		10u,
		100u,
		1000u,
		10000u,
		100000u,
		1000000u,
		10000000u,
		100000000u,
		1000000000u,
		10000000000u,
		100000000000u,
		1000000000000u,
		10000000000000u,
		100000000000000u,
		1000000000000000u,
		10000000000000000u,
		100000000000000000u,
		1000000000000000000u,
		10000000000000000000u,
	};
	double magnitude = fabs(value);
	if (!(magnitude >= 0.001 && magnitude < 1e17))
		return false;
	int e;
	double fraction = frexp(magnitude, &e); /* magnitude = fraction * 2^e, fraction in [0.5, 1) */
	uint64_t m = (uint64_t)ldexp(fraction, 53);
	int shift = 53 - e; /* magnitude = m / 2^shift */
	if (shift <= 0 || shift >= 127)
		return false;
	/* decimal exponent of the leading digit, first guess, corrected exactly below */
	int x = (int)floor(log10(magnitude));
	uint64_t digits = 0;
	for (int attempt = 0; attempt < 3; attempt++) {
		int k = precision - 1 - x;
		if (k < 0 || k > 19)
			return false;
		unsigned __int128 p = (unsigned __int128)m * pow10[k];
		unsigned __int128 q = p >> shift;
		unsigned __int128 r = p - (q << shift);
		unsigned __int128 half = (unsigned __int128)1 << (shift - 1);
		/*
		 * Too few digits before rounding means the guess was one too high, even
		 * when rounding carries up to exactly 10^(precision-1): with fewer than
		 * 17 digits that carry is real (0.09999999999999998 is not 0.1).
		 */
		if (q < pow10[precision - 1]) {
			x--;
			continue;
		}
		if (r > half || (r == half && (q & 1)))
			q++;
		if (q >= pow10[precision]) {
			x++; /* one digit too many: the guess was one too low, or rounding carried
			      */
			continue;
		}
		if (q < pow10[precision - 1]) {
			x--;
			continue;
		}
		digits = (uint64_t)q;
		break;
	}
	if (digits == 0 || x < -4 || x >= precision)
		return false;

	char d[17];
	for (int i = precision - 1; i >= 0; i--, digits /= 10)
		d[i] = (char)('0' + digits % 10);
	int last = precision - 1; /* %g drops trailing zeros */
	while (last > 0 && d[last] == '0')
		last--;
	char *out = buf;
	if (value < 0)
		*out++ = '-';
	if (x >= 0) {
		for (int i = 0; i <= x; i++)
			*out++ = d[i];
		if (last > x) {
			*out++ = '.';
			for (int i = x + 1; i <= last; i++)
				*out++ = d[i];
		}
	} else {
		*out++ = '0';
		*out++ = '.';
		for (int i = 0; i < -x - 1; i++)
			*out++ = '0';
		for (int i = 0; i <= last; i++)
			*out++ = d[i];
	}
	*out = '\0';
	return true;
}

/* "%.Ng" for N = @p precision (1..17), without printf where the fast path can. */
static const char *format_g(double value, int precision, char buf[FORMAT_DOUBLE_SIZE])
{
	if (format_g_fast(value, precision, buf))
		return buf;
	snprintf(buf, FORMAT_DOUBLE_SIZE, "%.*g", precision, value);
	return c_decimal_point(buf);
}

const char *format_double(double value, char buf[FORMAT_DOUBLE_SIZE])
{
	/*
	 * Zero contributions are common (reference levels) and printf is the slow
	 * part. -0 is written as 0: it equals 0, and "-0" beside a term only puzzles.
	 */
	if (value == 0)
		return "0";
	return format_g(value, 17, buf);
}

const char *format_double_shortest(double value, char buf[FORMAT_DOUBLE_SIZE])
{
	if (value == 0)
		return "0";
	if (!isfinite(value))
		return format_double(value, buf);
	/*
	 * A double has 15.95 significant decimal digits: every decimal of 15 digits
	 * or fewer that reads back as it, rounded to 15 digits, is itself (with %g's
	 * trailing zeros dropped). So the first of 15, 16, 17 digits that reads back
	 * exactly is the shortest; 17 always does. A subnormal has fewer bits, and
	 * may need only one digit (5e-324): those rare values try every length.
	 */
	int first = fabs(value) < DBL_MIN ? 1 : 15;
	for (int precision = first; precision < 17; precision++) {
		double back;
		format_g(value, precision, buf);
		if (value_parse_number(buf, strlen(buf), &back) == VALUE_OK && back == value)
			return buf;
	}
	return format_g(value, 17, buf);
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
		} else if (ch < 0x20 || ch == 0x7F) {
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
			uint32_t cp;
			size_t n = utf8_decode(p + i, len - i, &cp);
			if (n == 0) {
				fputs("\\ufffd", out);
				i++;
			} else if (cp >= 0x80 && cp <= 0x9F) {
				/* C1 controls: allowed raw in JSON, but not on a terminal */
				fprintf(out, "\\u%04x", (unsigned)cp);
				i += n;
			} else {
				fwrite(p + i, 1, n, out);
				i += n;
			}
		}
	}
	putc('"', out);
}

void json_write_text(FILE *out, const char *json, size_t len)
{
	const unsigned char *p = (const unsigned char *)json;
	size_t done = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned cp;
		if (p[i] == 0x7F)
			cp = 0x7F;
		else if (p[i] == 0xC2 && i + 1 < len && p[i + 1] >= 0x80 && p[i + 1] <= 0x9F)
			cp = p[i + 1];
		else
			continue;
		fwrite(p + done, 1, i - done, out);
		fprintf(out, "\\u%04x", cp);
		i += cp == 0x7F ? 0 : 1;
		done = i + 1;
	}
	fwrite(p + done, 1, len - done, out);
}
