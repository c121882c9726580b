/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A double as Python's repr() writes it (docs/assessment.md, "Canonical
 * form"): the shortest decimal that reads back to the same bits, the nearest
 * to the double among those of that length, in fixed notation when its
 * decimal exponent is in [-4, 16) ("0.6", "57.0", "0.0001") and as
 * d.ddde+XX otherwise ("1e-05", "1.5e+16").
 *
 * The fast path decides exactly with 128-bit integers. A double v = M * 2^E
 * reads back from a decimal D when |D - v| is at most half the gap to its
 * neighbours (a tie reads back to the even mantissa); for D = m * 10^-k
 * scaled by 2^-E * 10^max(k,0) both sides are integers below 2^127 whenever
 * 1e-5 <= |v| < 2^53 and k <= 22. Rounding v to 15, 16 and 17 significant
 * digits, the first m = round(v * 10^k) that reads back gives the shortest
 * such decimal, the nearest of its length (fast_digits()). Everything outside that range (rare in a
 * record: subnormals, huge or tiny values) takes the slow path: snprintf
 * with 15, 16 and 17 digits, the first that reads back, as before.
 */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess-private.h"

typedef unsigned __int128 u128;

/* 10^0 .. 10^22, all reads_back() needs; a search asks for several per double */
static const u128 pow10_table[23] = {
    (u128)1ULL,
    (u128)10ULL,
    (u128)100ULL,
    (u128)1000ULL,
    (u128)10000ULL,
    (u128)100000ULL,
    (u128)1000000ULL,
    (u128)10000000ULL,
    (u128)100000000ULL,
    (u128)1000000000ULL,
    (u128)10000000000ULL,
    (u128)100000000000ULL,
    (u128)1000000000000ULL,
    (u128)10000000000000ULL,
    (u128)100000000000000ULL,
    (u128)1000000000000000ULL,
    (u128)10000000000000000ULL,
    (u128)100000000000000000ULL,
    (u128)1000000000000000000ULL,
    (u128)10000000000000000000ULL,
    (u128)10000000000000000000ULL * 10ULL,
    (u128)10000000000000000000ULL * 100ULL,
    (u128)10000000000000000000ULL * 1000ULL,
};

static u128 pow10_u128(int k)
{
	return pow10_table[k];
}

/*
 * Does m = round(mant * 2^-shift * 10^k), the nearest decimal with k places,
 * read back as mant * 2^-shift? Decided exactly with 128-bit integers.
 */
static bool reads_back(uint64_t mant, int shift, int k, u128 *ret_m)
{
	u128 num, den, scaled_v, unit;
	if (k > 22 || k < -22 || shift > 120)
		return false;
	if (k >= 0) {
		u128 p = pow10_u128(k);
		scaled_v = (u128)mant * p; /* v * 2^shift * 10^k */
		unit = p;		   /* the gap between doubles, scaled alike */
		num = scaled_v;
		den = (u128)1 << shift;
	} else {
		if (shift + (-k) * 4 > 120)
			return false;
		scaled_v = mant;
		unit = 1;
		num = mant;
		den = ((u128)1 << shift) * pow10_u128(-k);
	}
	/* den is a power of two for k >= 0 (the usual case): a shift, no division */
	u128 m = k >= 0 ? num >> shift : num / den;
	u128 rem = num - m * den;
	/* a tie between two decimals goes to the even one, as Python's repr() does */
	if (rem * 2 > den || (rem * 2 == den && (m & 1)))
		m++;
	*ret_m = m;
	if (m == 0)
		return false;
	/* the decimal m * 10^-k, scaled as v */
	u128 scaled_d = k >= 0 ? m << shift : (m << shift) * pow10_u128(-k);
	bool below = scaled_d < scaled_v;
	u128 diff = below ? scaled_v - scaled_d : scaled_d - scaled_v;
	/* |D - v| <= gap/2: 2 diff <= unit (4 diff <= unit below a power of two);
	   a decimal halfway between two doubles reads back as the even one */
	bool lower_half = mant == (UINT64_C(1) << 52);
	u128 lhs = diff * (below && lower_half ? 4 : 2);
	return lhs < unit || (lhs == unit && (mant & 1) == 0);
}

/* "00" .. "99" */
static const char two_digits[201] = "00010203040506070809101112131415161718192021222324"
				    "25262728293031323334353637383940414243444546474849"
				    "50515253545556575859606162636465666768697071727374"
				    "75767778798081828384858687888990919293949596979899";

/* The @p len decimal digits of @p x at @p out (x has exactly that many), two at a time. */
static void put_digits_right(char *out, int len, uint64_t x)
{
	int i = len;
	while (i >= 2) {
		memcpy(out + i - 2, two_digits + 2 * (x % 100), 2);
		x /= 100;
		i -= 2;
	}
	if (i == 1)
		out[0] = (char)('0' + x);
}

/* 1e-5 .. 1e16 as doubles: each literal is the nearest double at or above the power itself */
static const double pow10_double[22] = {1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1e0, 1e1, 1e2,
					1e3,  1e4,  1e5,  1e6,	1e7,  1e8, 1e9, 1e10,
					1e11, 1e12, 1e13, 1e14, 1e15, 1e16};

/*
 * The shortest digits of finite, nonzero, non-negative @p v in [1e-5, 2^53):
 * digits without trailing zeros into @p digits, *exp10 the power of ten of the
 * first. False when the fast path cannot decide.
 *
 * At most three tries. Any decimal of at most 15 significant digits that reads
 * back lies within half a gap (below 1.2e-16 v) of v, far nearer than half a
 * unit of the 15th digit (at least 5e-16 v): so it is v rounded to 15 digits,
 * padded with zeros. Hence when that rounding reads back, it is the answer
 * with its trailing zeros dropped, and when it does not, no decimal of up to
 * 15 digits does. Then the nearest 16-digit decimal reads back if any does,
 * and otherwise the nearest with 17, which always reads back for a normal
 * double. Python's repr() gives the nearest among the shortest: the same.
 */
static bool fast_digits(double v, char digits[24], int *exp10)
{
	uint64_t bits;
	memcpy(&bits, &v, sizeof(bits));
	int biased = (int)(bits >> 52); /* v is positive: no sign bit */
	if (biased == 0)
		return false; /* subnormal */
	uint64_t mant = (bits & ((UINT64_C(1) << 52) - 1)) | (UINT64_C(1) << 52);
	int e2 = biased - 1075; /* v = mant * 2^e2, mant of 53 bits */
	if (e2 >= 0 || e2 < -120)
		return false;
	int shift = -e2;
	/* e10 = floor(log10(v)), exactly: first from the binary exponent (v in
	   [2^(e2+52), 2^(e2+53)): never too large, at most one too small) */
	int e10 = ((e2 + 52) * 78913) >> 18; /* floor((e2 + 52) * log10(2)) for |e2| < 1650 */
	if (e10 < -6 || e10 > 15)
		return false;
	if (v >= pow10_double[e10 + 6]) /* 10^(e10 + 1) */
		e10++;
	if (e10 < -5)
		return false;
	u128 m = 0;
	int k = 14 - e10; /* decimal places of 15 significant digits */
	bool ok = false;
	for (int tries = 0; !ok && tries < 3; tries++, k++)
		ok = reads_back(mant, shift, k, &m);
	if (!ok || m == 0 || m >= (u128)1000000000000000000ULL)
		return false;
	k--;
	/* trailing zeros first: most of a record's numbers are short decimals */
	uint64_t mm = (uint64_t)m;
	int zeros = 0;
	while (mm % 100000000 == 0) {
		mm /= 100000000;
		zeros += 8;
	}
	for (int step = 4; step; step /= 2) { /* then 4, 2 and 1 more at most */
		uint64_t p = (uint64_t)pow10_table[step];
		if (mm % p == 0) {
			mm /= p;
			zeros += step;
		}
	}
	int len = 1;
	while (len < 19 && mm >= (uint64_t)pow10_table[len])
		len++;
	put_digits_right(digits, len, mm);
	digits[len] = '\0';
	int n = len + zeros; /* the digits of m */
	*exp10 = n - 1 - k;
	return true;
}

/* "%.*e" of @p v with @p p significant digits, in the C locale; true when it reads back. */
static bool e_form(double v, int p, locale_t c_locale, char c[40])
{
	char tmp[40];
	snprintf(tmp, sizeof(tmp), "%.*e", p - 1, v);
	/* the locale's radix is the one run of bytes that are no digit, sign or 'e' */
	size_t n = 0;
	bool in_radix = false;
	for (size_t i = 0; tmp[i]; i++) {
		char ch = tmp[i];
		if ((ch >= '0' && ch <= '9') || ch == '-' || ch == '+' || ch == 'e') {
			c[n++] = ch;
			in_radix = false;
		} else if (!in_radix) {
			c[n++] = '.';
			in_radix = true;
		}
	}
	c[n] = '\0';
	return strtod_l(c, NULL, c_locale) == v;
}

static void slow_digits(double v, locale_t c_locale, char digits[24], int *exp10)
{
	/*
	 * 15, 16 or 17 significant digits, the first that reads back, with its
	 * trailing zeros dropped. That is the shortest: a shorter string that
	 * reads back lies within half an ulp of v, far less than half a unit of
	 * the 15th digit, so rounding v to 15 digits gives that string padded
	 * with zeros (and so for 16). 17 digits always read back. A subnormal has
	 * fewer bits, so a far shorter string may read back (5e-324): there, try
	 * every length from 1.
	 */
	char c[40];
	int p = fabs(v) < DBL_MIN ? 1 : 15;
	while (p < 17 && !e_form(v, p, c_locale, c))
		p++;
	if (p == 17)
		e_form(v, p, c_locale, c);
	const char *m = c[0] == '-' ? c + 1 : c;
	size_t d = 0;
	for (; *m && *m != 'e'; m++)
		if (*m != '.')
			digits[d++] = *m;
	while (d > 1 && digits[d - 1] == '0')
		d--;
	digits[d] = '\0';
	*exp10 = atoi(m + 1);
}

/* The decimal digits of @p x at @p out (no NUL); returns their count. */
static size_t put_digits(char *out, uint64_t x)
{
	int len = 1;
	while (len < 19 && x >= (uint64_t)pow10_table[len])
		len++;
	put_digits_right(out, len, x);
	return (size_t)len;
}

size_t anker_format_double(double v, locale_t c_locale, char text[ANKER_DOUBLE_TEXT_SIZE])
{
	size_t n = 0;
	if (v < 0)
		text[n++] = '-';
	if (v == 0.0) {
		memcpy(text, signbit(v) ? "-0.0" : "0.0", signbit(v) ? 5 : 4);
		return signbit(v) ? 4 : 3;
	}
	double a = fabs(v);
	if (a < 1e15 && a == (double)(int64_t)a) {
		/* whole numbers (ages, counts, codes): Python writes them as "48.0" */
		n += put_digits(text + n, (uint64_t)a);
		memcpy(text + n, ".0", 3);
		return n + 2;
	}
	char digits[24];
	int e = 0;
	if (!(a >= 1e-5 && a < 9007199254740992.0 && fast_digits(a, digits, &e)))
		slow_digits(a, c_locale, digits, &e);
	size_t nd = strlen(digits);
	if (e >= -4 && e < 16) {
		if (e < 0) {
			text[n++] = '0';
			text[n++] = '.';
			for (int z = 0; z < -e - 1; z++)
				text[n++] = '0';
			memcpy(text + n, digits, nd);
			n += nd;
		} else {
			for (int i = 0; i <= e; i++)
				text[n++] = (size_t)i < nd ? digits[i] : '0';
			text[n++] = '.';
			if (nd > (size_t)e + 1) {
				memcpy(text + n, digits + e + 1, nd - (size_t)e - 1);
				n += nd - (size_t)e - 1;
			} else {
				text[n++] = '0';
			}
		}
		text[n] = '\0';
		return n;
	}
	text[n++] = digits[0];
	if (nd > 1) {
		text[n++] = '.';
		memcpy(text + n, digits + 1, nd - 1);
		n += nd - 1;
	}
	text[n++] = 'e';
	text[n++] = e < 0 ? '-' : '+';
	int ae = e < 0 ? -e : e;
	if (ae < 10)
		text[n++] = '0'; /* at least two digits, as "%02d" */
	n += put_digits(text + n, (uint64_t)ae);
	text[n] = '\0';
	return n;
}
