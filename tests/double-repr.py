#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The record writer's numbers against Python's repr(), an independent
implementation of the shortest round-trip form (David Gay's dtoa): random bit
patterns (every exponent, subnormals included), random values in the ranges a
record holds (probabilities, coefficients, sums of a few decimals), and edge
cases. Usage: double-repr.py PROGRAM [COUNT]."""
import random
import struct
import subprocess
import sys


def values(count, rng):
    edge = [5e-324, 2.2250738585072014e-308, 1.7976931348623157e+308, 1e-5, 9.999999999999999e-06,
            0.0001, 9.999999999999999e-05, 1e15, 1e16, 9007199254740992.0, 9007199254740993.0,
            4503599627370496.5, 0.1, 0.2, 0.30000000000000004, 1 / 3, 2 / 3, 0.5, 1.5, 123456.7,
            1e22, 1e23, 5e-5, 0.015, 2.5e-4, 57.0, -0.0, 0.0, 1e-4 * 3,
            1053556335433.53125, 184225832027477.125]  # ties: the even digit
    for v in edge:
        yield v
        yield -v
    for _ in range(count // 2):
        v = struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0]
        if v == v and abs(v) != float("inf"):
            yield v
    for _ in range(count // 4):
        yield rng.random()
    for _ in range(count // 8):
        yield round(rng.uniform(-10, 10), rng.randrange(1, 6))
    for _ in range(count // 8):
        yield sum(round(rng.uniform(-3, 3), 2) for _ in range(rng.randrange(2, 9)))


def main():
    program, count = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    rng = random.Random(20261202)
    vs = list(values(count, rng))
    stdin = "".join("%016x\n" % struct.unpack("<Q", struct.pack("<d", v))[0] for v in vs)
    out = subprocess.run([program], input=stdin, capture_output=True, text=True, check=True)
    got = out.stdout.splitlines()
    assert len(got) == len(vs), (len(got), len(vs))
    bad = [(v, g) for v, g in zip(vs, got) if g != repr(v)]
    for v, g in bad[:10]:
        print("%r (bits %016x): wrote %s" % (v, struct.unpack("<Q", struct.pack("<d", v))[0], g))
    print("%d doubles, %d differ from repr()" % (len(vs), len(bad)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
