#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes tests/exp-reference.h, the numbers tests/test-exp.c holds the exp to,
from sources independent of the library's C code:

- exp(x) to 300 bits with mpmath at hard inputs (0 and -0, tiny arguments,
  multiples of ln2 and the halfway points between them, where the argument
  reduction changes, the smallest normal result, the underflow threshold and
  the floor, the worst inputs found by searching 3 * 10^9 arguments, and inputs
  where a one-ulp change of one of the method's constants changes the result):
  the nearest double and the rest in units in the last place;
- at the same inputs, and as a checksum over a fixed grid, the output of
  fdlibm's e_exp.c method with fdlibm's published constants, computed here in
  Python's doubles (IEEE binary64 with round to nearest, each operation rounded
  once, as C with -ffp-contract=off computes it). The C function must equal it
  bit for bit: a changed constant or step of lib/model/logistic-private.h
  changes outputs.

A one-ulp change of P4 or P5 changes about one result in 10^12 (none in the
2 * 10^9 arguments searched), too few for any output to show it; so --check
also reads the constants of lib/model/logistic-private.h and requires each to
be fdlibm's, as a double.

usage: exp-reference.py                   (prints the header)
       exp-reference.py --check H SOURCE  (fails unless H is what it would print
                                           and SOURCE has fdlibm's constants)
"""
import math
import re
import struct
import sys
from fractions import Fraction

import mpmath

mpmath.mp.prec = 300

# fdlibm e_exp.c (Sun Microsystems, 1993): invln2, ln2HI[0], ln2LO[0], P1..P5.
INV_LN2 = 1.44269504088896338700e+00
LN2_HI = 6.93147180369123816490e-01
LN2_LO = 1.90821492927058770002e-10
P1 = 1.66666666666666019037e-01
P2 = -2.77777777770155933842e-03
P3 = 6.61375632143793436117e-05
P4 = -1.65339022054652515390e-06
P5 = 4.13813679705723846039e-08
SHIFTER = 1.5 * 2.0**52  # rounds x / ln2 to an integer held in the low bits
FLOOR = -746.0  # ANKER_EXP_FLOOR
MASK = (1 << 64) - 1


def bits(v):
    return struct.unpack("<Q", struct.pack("<d", v))[0]


def double(u):
    return struct.unpack("<d", struct.pack("<Q", u & MASK))[0]


def fdlibm_exp(x):
    """The method the header documents, step by step, for x <= 0."""
    xc = FLOOR if x < FLOOR else x
    shifted = xc * INV_LN2 + SHIFTER
    kd = shifted - SHIFTER
    hi = xc - kd * LN2_HI
    lo = kd * LN2_LO
    r = hi - lo
    t = r * r
    c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))))
    y = 1.0 - ((lo - (r * c) / (2.0 - c)) - hi)
    k = (bits(shifted) - bits(SHIFTER)) & MASK
    scale = double(((k + 1023 + 1000) & MASK) << 52)
    return y * scale * 2.0**-1000


def unit(v):
    """The ulp of a double near v, as tests/test-exp.c measures it (2^-1074 below 2^-1022)."""
    return 2.0**-1074 if v < 2.0**-1022 else math.ldexp(1.0, math.frexp(v)[1] - 53)


def nearest_and_rest(x):
    """exp(x) as the nearest double and (exp(x) - nearest) / unit(nearest)."""
    if x == -math.inf or x < -800.0:
        return 0.0, 0.0  # below 2^-1150: the rest is far below a subnormal's ulp
    v = mpmath.exp(mpmath.mpf(x))
    man, exp = v.man_exp
    exact = Fraction(man) * Fraction(2) ** exp
    near = float(exact)  # int / int division: correctly rounded, subnormals too
    rest = float((v - mpmath.mpf(near)) / mpmath.mpf(unit(near)))
    return near, rest


def step(x, n):
    """n ulps from x (towards zero for n > 0 when x < 0)."""
    for _ in range(abs(n)):
        x = math.nextafter(x, 0.0 if n > 0 else -math.inf)
    return x


def hard_inputs():
    xs = [0.0, -0.0, -2.0**-1074, -1e-300, -2.0**-60, -2.0**-54, -2.0**-53, -2.0**-52,
          -2.0**-30, -1e-10, -2.0**-20, -1e-5, -0.25, -0.5, -1.0, -2.0, -10.0, -100.0]
    ln2 = mpmath.log(2)
    for k in (1, 2, 3, 10, 100, 500, 1000, 1021, 1022, 1023, 1074):
        x = float(-k * ln2)
        xs += [step(x, -1), x, step(x, 1)]
    for k in (0, 1, 10, 1000, 1073, 1074):  # where the rounding of x / ln2 changes
        x = float(-(k + mpmath.mpf(0.5)) * ln2)
        xs += [step(x, -1), x, step(x, 1)]
    # the smallest normal result, 2^-1022 = exp(-708.3964185322641)
    xs += [step(-708.39641853226408, n) for n in (-2, -1, 0, 1, 2)]
    xs += [-700.0, -708.0, -709.78271289338397, -720.0, -740.0]  # -log(DBL_MAX)
    # 2^-1074 is the nearest double to exp(x) down to -745.1332191019411; 0 below
    xs += [step(-745.13321910194111, n) for n in (-1, 0, 1)] + [-745.13321910194122]
    xs += [-745.2, -745.9, step(FLOOR, 1), FLOOR, step(FLOOR, -1), -747.0, -1e300,
           -sys.float_info.max, -math.inf]
    # the worst errors found among 5 * 10^8 grid points and 2.5 * 10^9 random arguments
    xs += [float.fromhex(h) for h in (
        "-0x1.94737527b91b6p+8", "-0x1.722193fb57651p+6", "-0x1.fcc2eeddc552cp+6",
        "-0x1.cb35115d47196p+8",
        "-0x1.520c4b4cc8666p+4", "-0x1.3550dea3e4cc2p+9", "-0x1.d74c1a513706ep+4",
        "-0x1.15f0e219652bdp+7")]
    # where one constant one ulp off (inv_ln2, ln2_hi, ln2_lo, P1, P2, P3; each way)
    # changes the result: found by searching, one per constant and direction
    xs += [float.fromhex(h) for h in (
        "-0x1.37391c09a6fcfp+7", "-0x1.e95ca619709e3p+6", "-0x1.0a90a53e1d653p+9",
        "-0x1.29ccc9f2a2e41p+7", "-0x1.db8992b7320a4p+8", "-0x1.02329c0a2798bp+9",
        "-0x1.ec97fe09fd32fp+6", "-0x1.71b60bddeed95p+8", "-0x1.2f3ec109a48c3p+8",
        "-0x1.1717a46a92759p+8", "-0x1.7fbd67ae4830ep+6", "-0x1.ae12300ba8021p+8")]
    return xs


# The checksum's grid: GRID + 1 evenly spaced points of [-746, 0], as test-exp.c makes them.
GRID = 1 << 20


def checksum():
    h = 0xcbf29ce484222325
    for i in range(GRID + 1):
        h = ((h ^ bits(fdlibm_exp(-746.0 * float(i) / GRID))) * 0x100000001b3) & MASK
    return h


def literal(v):
    if v == -math.inf:
        return "-INFINITY"
    return v.hex()


def header():
    out = ["/* SPDX-License-Identifier: GPL-3.0-or-later */",
           "/* Generated by tests/exp-reference.py; do not edit. See there for what these are. */",
           "#ifndef ANKER_EXP_REFERENCE_H",
           "#define ANKER_EXP_REFERENCE_H",
           "",
           "#include <math.h>",
           "#include <stdint.h>",
           "",
           "struct exp_reference {",
           "\tdouble x;",
           "\tdouble nearest; /* exp(x) rounded to the nearest double (mpmath) */",
           "\tdouble rest;    /* (exp(x) - nearest) / ulp, in [-0.5, 0.5] */",
           "\tdouble method;  /* fdlibm's method with fdlibm's constants at x */",
           "};",
           "",
           "static const struct exp_reference exp_references[] = {"]
    for x in hard_inputs():
        near, rest = nearest_and_rest(x)
        out.append(f"\t{{ {literal(x)}, {literal(near)}, {literal(rest)}, "
                   f"{literal(fdlibm_exp(x))} }},")
    out += ["};",
            "",
            f"#define EXP_CHECKSUM_GRID {GRID}",
            "/* FNV-1a over the 64-bit patterns of the method's outputs at -746 * i / GRID */",
            f"#define EXP_CHECKSUM UINT64_C(0x{checksum():016x})",
            "",
            "#endif",
            ""]
    return "\n".join(out)


def check_constants(path):
    """Every constant of the C function, by name, equals fdlibm's (or the shifter)."""
    want = {"shifter": SHIFTER, "inv_ln2": INV_LN2, "ln2_hi": LN2_HI, "ln2_lo": LN2_LO,
            "p1": P1, "p2": P2, "p3": P3, "p4": P4, "p5": P5}
    with open(path) as f:
        found = dict(re.findall(r"static const double (\w+) = ([^;]+);", f.read()))
    if set(found) != set(want):
        sys.exit(f"{path}: constants {sorted(found)}, expected {sorted(want)}")
    for name, text in found.items():
        value = float.fromhex(text) if "0x" in text else float(text)
        if value != want[name]:
            sys.exit(f"{path}: {name} = {value.hex()}, expected {want[name].hex()}")


def main():
    text = header()
    if len(sys.argv) == 4 and sys.argv[1] == "--check":
        with open(sys.argv[2]) as f:
            if f.read() != text:
                sys.exit(f"{sys.argv[2]} is not what tests/exp-reference.py computes; "
                         "regenerate it: tests/exp-reference.py > tests/exp-reference.h")
        check_constants(sys.argv[3])
        print(f"{sys.argv[2]}: every value reproduced; {sys.argv[3]}: fdlibm's constants")
    elif len(sys.argv) == 1:
        sys.stdout.write(text)
    else:
        sys.exit(__doc__)


main()
