/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The strict number and boolean parsing of the anker program, on its own. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
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
	    cmocka_unit_test(test_not_numbers),
	    cmocka_unit_test(test_overflow),
	    cmocka_unit_test(test_booleans),
	};
	return cmocka_run_group_tests(tests, NULL, teardown);
}
