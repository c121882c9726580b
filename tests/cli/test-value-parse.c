/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The strict number and boolean parsing of the anker program, on its own. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "value-parse.h"

static int number(const char *s, double *ret)
{
	return value_parse_number(s, strlen(s), ret);
}

static void test_numbers(void **state)
{
	static const struct {
		const char *text;
		double value;
	} good[] = {
	    {"0", 0.0},	     {"52", 52.0}, {"-3", -3.0},    {"+3", 3.0},     {"0.5", 0.5},
	    {".5", 0.5},     {"5.", 5.0},  {"1e3", 1000.0}, {"1E-3", 0.001}, {"-2.5e+2", -250.0},
	    {"007", 7.0},    {"0.1", 0.1}, /* the nearest double, exactly as a C compiler reads it
					    */
	    {"1e-400", 0.0},		   /* underflow to zero is not an error */
	};
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		double v = -1;
		assert_int_equal(number(good[i].text, &v), VALUE_OK);
		assert_true(v == good[i].value);
	}
}

/*
 * The fast path for short decimals must give exactly the double strtod gives:
 * compare bit for bit on many numbers of the shapes caseloads hold, and on the
 * edges of the fast path (19 digits, 2^53, 22 decimals), where it hands over.
 */
static void test_numbers_equal_strtod(void **state)
{
	(void)state;
	locale_t c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	assert_non_null(c_locale);
	uint64_t x = 88172645463325252u; /* xorshift64 */
	char text[64];
	for (int i = 0; i < 200000; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		int int_digits = (int)(x % 12), frac_digits = (int)((x >> 8) % 26);
		size_t n = 0;
		if ((x >> 16) & 1)
			text[n++] = '-';
		uint64_t y = x;
		for (int d = 0; d < int_digits; d++, y = y * 6364136223846793005u + 1)
			text[n++] = (char)('0' + (y >> 60) % 10);
		if (frac_digits > 0 || int_digits == 0) {
			text[n++] = '.';
			for (int d = 0; d < frac_digits || d == 0; d++, y = y * 6364136223846793005u + 1)
				text[n++] = (char)('0' + (y >> 60) % 10);
		}
		text[n] = '\0';
		double fast = -1.0;
		assert_int_equal(value_parse_number(text, n, &fast), VALUE_OK);
		double slow = strtod_l(text, NULL, c_locale);
		if (memcmp(&fast, &slow, sizeof(double)) != 0) {
			fprintf(stderr, "%s: %.17g, strtod %.17g\n", text, fast, slow);
			fail();
		}
	}
	const char *edges[] = {
		"9007199254740992",   "9007199254740993",   "9007199254740993.0",
		"1234567890123456789", "12345678901234567890", "0.0000000000000000000001",
		"0.00000000000000000000001", "-0", "-0.0", "0.1", "0.3", "123456.7890123",
		"1.7976931348623157", "4.9406564584124654", "0.99999999999999999",
	};
	for (size_t i = 0; i < sizeof(edges) / sizeof(edges[0]); i++) {
		double fast = -1.0;
		assert_int_equal(value_parse_number(edges[i], strlen(edges[i]), &fast), VALUE_OK);
		double slow = strtod_l(edges[i], NULL, c_locale);
		assert_memory_equal(&fast, &slow, sizeof(double));
	}
	freelocale(c_locale);
}

static void test_not_numbers(void **state)
{
	static const char *const bad[] = {
	    "",	  " 1",	 "1 ", "0,5", "4O", "inf", "-inf",  "nan",  "NaN", "infinity", "0x10",
	    "1e", "1e+", "e5", ".",   "-",  "+",   "1.2.3", "1..2", "--1", "1_000",    "١",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		double v = 42;
		int rc = number(bad[i], &v);
		if (rc != VALUE_NOT_A_NUMBER)
			fail_msg("\"%s\" gave %d", bad[i], rc);
		assert_true(v == 42); /* untouched */
	}
}

static void test_overflow(void **state)
{
	double v = 42;
	assert_int_equal(number("1e999", &v), VALUE_OVERFLOW);
	assert_int_equal(number("-1e309", &v), VALUE_OVERFLOW);
	assert_true(v == 42);
	assert_int_equal(number("1.7976931348623157e308", &v), VALUE_OK);
}

static void test_booleans(void **state)
{
	static const struct {
		const char *text;
		double value;
	} good[] = {
	    {"1", 1},  {"0", 0},  {"true", 1}, {"FALSE", 0}, {"Yes", 1},
	    {"no", 0}, {"JA", 1}, {"nee", 0},  {"True", 1},  {"NEE", 0},
	};
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		double v = -1;
		assert_int_equal(value_parse_boolean(good[i].text, strlen(good[i].text), &v),
				 VALUE_OK);
		assert_true(v == good[i].value);
	}
	static const char *const bad[] = {"", "2", "1.0", "y", "n", "t", "j", "yes ", "neee", "-1"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		double v = 42;
		assert_int_equal(value_parse_boolean(bad[i], strlen(bad[i]), &v),
				 VALUE_NOT_A_BOOLEAN);
		assert_true(v == 42);
	}
}

static int teardown(void **state)
{
	value_parse_cleanup();
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_numbers),
	    cmocka_unit_test(test_numbers_equal_strtod),
	    cmocka_unit_test(test_not_numbers),
	    cmocka_unit_test(test_overflow),
	    cmocka_unit_test(test_booleans),
	};
	return cmocka_run_group_tests(tests, NULL, teardown);
}
