/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The anker program writes doubles as printf's "%.17g" would, through a fast
 * path of its own for the common magnitudes. Check it against printf itself,
 * character for character, on millions of values of the kinds it writes.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "format.h"

static uint64_t state = 0x9e3779b97f4a7c15u;

static uint64_t next(void)
{
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return state;
}

static double uniform(void)
{
	return (double)(next() >> 11) / 9007199254740992.0;
}

static void check(double value)
{
	char expected[64], buf[FORMAT_DOUBLE_SIZE];
	/* printf writes -0; the program writes 0 (test_negative_zero). */
	snprintf(expected, sizeof(expected), "%.17g", value == 0 ? 0.0 : value);
	const char *got = format_double(value, buf);
	if (strcmp(got, expected) != 0) {
		fprintf(stderr, "%a: got %s, printf %s\n", value, got, expected);
		fail();
	}
}

/* -0 is never written: it equals 0, and the program's output promises no "-0". */
static void test_negative_zero(void **state_)
{
	(void)state_;
	char buf[FORMAT_DOUBLE_SIZE];
	assert_string_equal(format_double(-0.0, buf), "0");
	assert_string_equal(format_double_shortest(-0.0, buf), "0");
	assert_string_equal(format_double(0.0, buf), "0");
}

/* The shortest text reads back exactly and is never longer than %.17g. */
static void test_shortest_round_trips(void **state_)
{
	(void)state_;
	char buf[FORMAT_DOUBLE_SIZE];
	for (int i = 0; i < 200000; i++) {
		double v = (uniform() - 0.5) * 20.0;
		const char *got = format_double_shortest(v, buf);
		assert_true(strtod(got, NULL) == v);
	}
	assert_string_equal(format_double_shortest(0.1, buf), "0.1");
	assert_string_equal(format_double_shortest(5e-324, buf), "5e-324");
	assert_string_equal(format_double_shortest(0.09999999999999998, buf),
			    "0.09999999999999998");
}

static void test_probabilities_and_predictors(void **state_)
{
	(void)state_;
	for (int i = 0; i < 1000000; i++) {
		double eta = (uniform() - 0.5) * 20.0;
		check(eta);
		check(1.0 / (1.0 + exp(-eta)));
		check(uniform());
	}
}

static void test_random_bit_patterns(void **state_)
{
	(void)state_;
	/* every finite double with an exponent from 2^-12 to 2^60, any mantissa, both signs */
	for (int i = 0; i < 1000000; i++) {
		uint64_t bits = next();
		uint64_t exponent = 1023 - 12 + (next() % 73);
		bits = (bits & 0x800fffffffffffffu) | (exponent << 52);
		double value;
		memcpy(&value, &bits, sizeof(value));
		check(value);
	}
}

static void test_edges(void **state_)
{
	(void)state_;
	/* powers of ten and their neighbours, where the digit count changes; the fast
	 * path's limits; exact binary fractions, which end in ...5 (ties); zeros */
	for (int p = -6; p <= 18; p++) {
		double t = pow(10.0, p);
		check(t);
		check(-t);
		check(nextafter(t, 0));
		check(nextafter(t, INFINITY));
	}
	const double values[] = { 0.5, 0.25, 0.125, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3,
				  0.001, 0.00099999999999999999, 9007199254740992.0,
				  9007199254740993.0, 4503599627370496.5, 123456789012345678.0,
				  1e17, 99999999999999999.0, 0.99999999999999989, 1e-5,
				  -0.0, 0.0, 5e-324, 1.7976931348623157e308,
				  /* exact ties at the 18th digit: ...62|5 stays, ...67|5 goes up */
				  1234567890123456.25, 1234567890123456.75, 2345678901234567.25 };
	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++)
		check(values[i]);
	for (int i = 1; i < 4096; i++)
		check(i / 4096.0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_negative_zero),
	    cmocka_unit_test(test_shortest_round_trips),
	    cmocka_unit_test(test_probabilities_and_predictors),
	    cmocka_unit_test(test_random_bit_patterns),
	    cmocka_unit_test(test_edges),
	};
	return cmocka_run_group_tests_name("format", tests, NULL, NULL);
}
