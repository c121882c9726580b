#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Write a synthetic Werkverkenner intake as CSV: one client per row, reproducibly.

    examples/werkverkenner/make-intake.py [--clients N] [--seed S] [--out FILE]

The answers are made up (no person is in them) from the questionnaire
data/models/demo-werkverkenner.json: each client has a latent "position"
that makes the answers to the soft and the hard questions hang together,
age is drawn from a WW-like distribution, and about 29% of the clients do
not complete the questionnaire (about 71% complete it, as UWV reports): half
of those answer nothing, the other half stop somewhere in the first 15
questions. Months on benefit is 0 (the intake). Only random.Random(seed).random()
is used, so the same seed gives the same file on every Python 3.
"""
import argparse
import json
import math
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
QUESTIONNAIRE = os.path.join(HERE, "..", "..", "data", "models", "demo-werkverkenner.json")
AGE_SHARES = {"tot_25": 0.08, "25_34": 0.2, "35_44": 0.2, "45_54": 0.24, "55_59": 0.16,
              "60_plus": 0.12}
COMPLETION = 0.71


def normal(rng):
    """A standard normal draw (Box-Muller on two uniforms)."""
    u, v = rng.random(), rng.random()
    return math.sqrt(-2.0 * math.log(1.0 - u)) * math.cos(2.0 * math.pi * v)


def pick_share(rng, shares):
    x, acc = rng.random(), 0.0
    for code, share in shares.items():
        acc += share
        if x < acc:
            return code
    return code


def answer(rng, item, position):
    """An answer near the client's position (on the item's own 1..5 scale)."""
    target = 3.0 + 1.1 * position + 0.9 * normal(rng)
    if item["response"] == "likert":
        values = [o["value"] for o in item["options"]]
        # a reverse-keyed item (health limits me) is answered the other way round
        if item["name"] == "gezondheid_beperkt":
            target = 6.0 - target
        return min(values, key=lambda v: (abs(v - target), v))
    options = item["options"]
    best = min(abs(o["value"] - target) for o in options)
    near = [o["code"] for o in options if abs(o["value"] - target) == best]
    return near[int(rng.random() * len(near))]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=20270101)
    ap.add_argument("--out", default="-")
    args = ap.parse_args()
    items = json.load(open(QUESTIONNAIRE, encoding="utf-8"))["items"]
    names = [it["name"] for it in items]
    rng = random.Random(args.seed)
    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8", newline="")
    out.write(",".join(["id"] + names + ["maanden_uitkering"]) + "\n")
    for k in range(args.clients):
        position = normal(rng)
        row = []
        for it in items:
            row.append(pick_share(rng, AGE_SHARES) if it["name"] == "leeftijd"
                       else answer(rng, it, position))
        if rng.random() >= COMPLETION:
            stop = 0 if rng.random() < 0.5 else 1 + int(rng.random() * 15)
            row[stop:] = [""] * (len(row) - stop)
        out.write(",".join(["wv%05d" % (k + 1)] + [str(v) for v in row] + ["0"]) + "\n")
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
