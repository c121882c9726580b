/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * anker_exp_nonpositive(), the exp() both scorers share for the logit link,
 * against the C library's expl() (long double, so a more precise reference
 * where long double is wider than double) over the whole domain the scorers
 * use, [-746, 0], and at its edges.
 */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>

#include "test-util.h"
#include "model/logistic-private.h"

#define GRID   400000
#define RANDOM 200000

/* |got - ref| in units of the last place of a double near ref (subnormals: 2^-1074). */
static long double ulps(double got, long double ref)
{
	long double unit = fabsl(ref) < 0x1p-1022L ? 0x1p-1074L : ldexpl(1.0L, ilogbl(ref) - 52);
	return fabsl((long double)got - ref) / unit;
}

/*
 * fdlibm's method is accurate to below 1 ulp. Against a reference that is
 * itself only a double, allow that reference's own half ulp too: long double
 * may be double, and valgrind computes x87 long doubles in double precision.
 */
static long double max_ulps(void)
{
	volatile long double one = 1.0L, tiny = 0x1p-60L;
	return (one + tiny) - one == tiny ? 1.0L : 1.5L;
}

static void check(double x, long double *worst)
{
	double got = anker_exp_nonpositive(x, ANKER_EXP_FLOOR);
	long double e = ulps(got, expl((long double)x));
	if (e > *worst)
		*worst = e;
	if (e >= max_ulps()) {
		print_error("exp(%a): %a, reference %La (%.3Lf ulp)\n", x, got,
			    expl((long double)x), e);
		fail();
	}
}

static void test_dense_grid(void **state)
{
	(void)state;
	long double worst = 0.0L;
	for (long i = 0; i <= GRID; i++)
		check(-746.0 * (double)i / GRID, &worst);
	print_message("grid: worst %.3Lf ulp\n", worst);
}

/* Every binade from 2^-60 to 2^9, where the reduction and the scaling change. */
static void test_random_binades(void **state)
{
	(void)state;
	uint64_t s = 88172645463325252ull;
	long double worst = 0.0L;
	for (long i = 0; i < RANDOM; i++) {
		s ^= s << 13;
		s ^= s >> 7;
		s ^= s << 17;
		double mantissa = 1.0 + (double)(s >> 11) * 0x1p-53;
		double x = -ldexp(mantissa, (int)(s % 70) - 60);
		if (x >= -746.0)
			check(x, &worst);
	}
	print_message("binades: worst %.3Lf ulp\n", worst);
}

static void test_edges(void **state)
{
	(void)state;
	double floor = ANKER_EXP_FLOOR;
	assert_true(anker_exp_nonpositive(0.0, floor) == 1.0);
	assert_true(anker_exp_nonpositive(-0.0, floor) == 1.0);
	assert_true(anker_exp_nonpositive(-0x1p-1074, floor) == 1.0);
	assert_true(anker_exp_nonpositive(-1e-20, floor) == 1.0);
	/* exp(-1) = 0.36787944117144233 (to 17 digits) */
	assert_true(anker_exp_nonpositive(-1.0, floor) == 0.36787944117144233);
	/* the smallest normal, 2^-1022, is exp(-708.3964185322641) */
	long double worst = 0.0L;
	check(-708.39641853226408, &worst);
	check(-708.4, &worst);
	check(-710.0, &worst);
	check(-740.0, &worst);
	/* 2^-1074, the smallest subnormal, is the nearest double to exp(x) down to
	 * x = -745.1332191019411 (fdlibm's underflow threshold); below that, 0 */
	assert_true(anker_exp_nonpositive(-745.13321910194111, floor) == 0x1p-1074);
	assert_true(anker_exp_nonpositive(-745.13321910194122, floor) == 0.0);
	assert_true(anker_exp_nonpositive(-745.2, floor) == 0.0);
	assert_true(anker_exp_nonpositive(-746.0, floor) == 0.0);
	assert_true(anker_exp_nonpositive(-747.0, floor) == 0.0);
	assert_true(anker_exp_nonpositive(-1e300, floor) == 0.0);
	assert_true(anker_exp_nonpositive(-DBL_MAX, floor) == 0.0);
	assert_true(anker_exp_nonpositive(-INFINITY, floor) == 0.0);
	assert_true(isnan(anker_exp_nonpositive(NAN, floor)));
	assert_true(isnan(anker_exp_nonpositive(-NAN, floor)));
}

/* The logistic on top: exact at 0, saturating without overflow, NaN through. */
static void test_logistic(void **state)
{
	(void)state;
	double floor = ANKER_EXP_FLOOR;
	assert_true(anker_logistic(0.0, floor) == 0.5);
	assert_true(anker_logistic(-0.0, floor) == 0.5);
	/* 1 / (1 + e^-2) = 0.8807970779778823 (numpy) */
	assert_close(anker_logistic(2.0, floor), 0.8807970779778823, 1e-16);
	assert_close(anker_logistic(-2.0, floor), 0.11920292202211755, 1e-17);
	assert_true(anker_logistic(800.0, floor) == 1.0);
	assert_true(anker_logistic(INFINITY, floor) == 1.0);
	assert_true(anker_logistic(-800.0, floor) == 0.0);
	assert_true(anker_logistic(-INFINITY, floor) == 0.0);
	assert_true(anker_logistic(-710.0, floor) > 0.0);
	assert_true(isnan(anker_logistic(NAN, floor)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dense_grid),
		cmocka_unit_test(test_random_binades),
		cmocka_unit_test(test_edges),
		cmocka_unit_test(test_logistic),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
