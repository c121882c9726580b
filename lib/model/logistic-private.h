/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The inverse logit, shared by anker_model_inverse_link() (and so the
 * single-case scorer) and the batch scorer, which must agree to the last bit.
 *
 * libm's exp() is a call per value that compilers cannot vectorize without
 * -ffast-math. anker_exp_nonpositive() is plain arithmetic without branches,
 * so a loop over it vectorizes, and it is the same function in both scorers.
 */
#ifndef ANKER_LOGISTIC_PRIVATE_H
#define ANKER_LOGISTIC_PRIVATE_H

#include <math.h>
#include <stdint.h>
#include <string.h>

static inline uint64_t anker_bits_of(double v)
{
	uint64_t u;
	memcpy(&u, &v, sizeof(u));
	return u;
}

static inline double anker_double_of(uint64_t u)
{
	double v;
	memcpy(&v, &u, sizeof(v));
	return v;
}

/* Every exp(x) below this rounds to 0; the argument of anker_exp_nonpositive(). */
#define ANKER_EXP_FLOOR (-746.0)

/*
 * exp(x) for x <= 0, -inf and NaN (NaN gives a NaN); positive x is outside its
 * domain. The method and constants are fdlibm's e_exp.c (error below 1 ulp):
 * x = k ln2 + r with |r| <= ln2/2, exp(r) from a rational approximation, then
 * scaled by 2^k. k is rounded with the 1.5 * 2^52 shifter, whose low bits then
 * hold k. The scale is applied as 2^(k+1000) * 2^-1000: the first product is
 * exact, so a subnormal result is rounded once. x is clamped at @p floor.
 *
 * @p floor must be ANKER_EXP_FLOOR. It is a parameter because GCC 12 leaves a
 * branch (and so does not vectorize the loop) for a clamp to a constant, but
 * not for a clamp to a value it cannot see: the batch scorer passes it from
 * memory.
 *
 * Needs round-to-nearest and no contraction into fused multiply-adds
 * (-ffp-contract=off), as the rest of the scorers do.
 */
static inline double anker_exp_nonpositive(double x, double floor)
{
	static const double shifter = 0x1.8p52;
	static const double inv_ln2 = 1.44269504088896338700e+00;
	static const double ln2_hi = 6.93147180369123816490e-01; /* 32 trailing zero bits */
	static const double ln2_lo = 1.90821492927058770002e-10;
	static const double p1 = 1.66666666666666019037e-01;
	static const double p2 = -2.77777777770155933842e-03;
	static const double p3 = 6.61375632143793436117e-05;
	static const double p4 = -1.65339022054652515390e-06;
	static const double p5 = 4.13813679705723846039e-08;

	double xc = x < floor ? floor : x; /* NaN stays NaN, and so does every step below */
	double shifted = xc * inv_ln2 + shifter;
	double kd = shifted - shifter; /* round(x / ln2), in [-1077, 0] */
	double hi = xc - kd * ln2_hi;  /* exact: kd has at most 11 bits */
	double lo = kd * ln2_lo;
	double r = hi - lo;
	double t = r * r;
	double c = r - t * (p1 + t * (p2 + t * (p3 + t * (p4 + t * p5))));
	double y = 1.0 - ((lo - (r * c) / (2.0 - c)) - hi);
	uint64_t k = anker_bits_of(shifted) - anker_bits_of(shifter); /* two's complement */
	double scale = anker_double_of((k + 1023 + 1000) << 52);
	return y * scale * 0x1p-1000;
}

/*
 * 1 / (1 + exp(-eta)), exponentiating only -|eta| so that nothing overflows:
 * 1 / (1 + e) for eta >= 0, e / (1 + e) below, with e = exp(-|eta|).
 * @p floor as for anker_exp_nonpositive().
 */
static inline double anker_logistic(double eta, double floor)
{
	double e = anker_exp_nonpositive(-fabs(eta), floor);
	double num = eta < 0.0 ? e : 1.0;
	return num / (1.0 + e);
}

#endif
