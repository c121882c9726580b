#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""An independent numpy implementation of the scoring rules of docs/model-format.md.

It exists to compute the golden expected values that tests/test-golden.c holds
the C library to. It reads the model JSON itself and never loads or calls
libanker, so that a misreading of the format in the library cannot silently
turn up in the expected numbers too.
"""

import argparse
import csv
import io
import json
import math
import sys

try:
    import numpy as np
    import scipy.special
except ImportError as e:  # not an error in the library: let meson report a skip
    print("reference_scorer.py: skipped, %s (use /usr/bin/python3)" % e, file=sys.stderr)
    sys.exit(77)

DESCRIPTION = """\
NAME
    reference_scorer.py - score synthetic cases with an independent numpy
    implementation of the libanker model format

SYNOPSIS
    reference_scorer.py MODEL CASES [--out FILE]
    reference_scorer.py MODEL CASES --check EXPECTED
    reference_scorer.py MODEL CASES --summary

DESCRIPTION
    Reads a binary model file (format_version 1) and a CSV of cases (one
    column per model variable, other columns ignored; an empty cell or "NA"
    is a missing value; booleans are 0/1 or true/false) and writes, per case:
    id, linear_predictor, probability, band and one column "contrib_<term>"
    per term, in term order. Numbers are written with 17 significant digits,
    so that they read back as exactly the doubles numpy computed.

    The linear predictor is accumulated term by term in file order starting
    from 0.0, as the format prescribes, not with numpy's pairwise sum.

    Any case that the format says must fail (a missing value under the
    "reject" policy, a value out of range under "reject", an unknown level,
    a non-finite number) stops the program with an error: golden cases are
    all meant to be scorable.

OPTIONS"""

EPILOG = """\
EXAMPLES
    Regenerate the committed expected values:
        tests/golden/reference_scorer.py data/models/demo-amt-6m.json \\
            tests/golden/cases.csv --out tests/golden/expected-demo-amt-6m.csv"""

MISSING_TOKENS = ("", "NA")


class CaseError(Exception):
    pass


def parse_variable(var, cells):
    """Turn one CSV column into (values, missing mask).

    numeric/boolean: float array; categorical: int array of level codes.
    """
    n = len(cells)
    missing = np.zeros(n, dtype=bool)
    kind = var["kind"]
    if kind == "categorical":
        levels = var["levels"]
        codes = np.full(n, -1, dtype=np.int64)
        for i, cell in enumerate(cells):
            if cell in MISSING_TOKENS:
                missing[i] = True
            elif cell in levels:
                codes[i] = levels.index(cell)
            else:
                raise CaseError("case %d: %s: unknown level %r" % (i, var["name"], cell))
        return codes, missing

    values = np.zeros(n, dtype=float)
    for i, cell in enumerate(cells):
        if cell in MISSING_TOKENS:
            missing[i] = True
        elif kind == "boolean":
            if cell in ("1", "true"):
                values[i] = 1.0
            elif cell in ("0", "false"):
                values[i] = 0.0
            else:
                raise CaseError("case %d: %s: not a boolean: %r" % (i, var["name"], cell))
        else:
            values[i] = float(cell)
            if math.isnan(values[i]):  # NaN counts as missing, as in the library
                missing[i] = True
    return values, missing


def resolve_variable(var, values, missing):
    """Apply the missing-value and out-of-range policies; return the values used."""
    name = var["name"]
    policy = var.get("missing", {"policy": "reject"})
    if missing.any():
        if policy["policy"] == "reject":
            raise CaseError("%s: missing in case(s) %s, policy reject"
                            % (name, np.flatnonzero(missing).tolist()))
        if var["kind"] == "categorical":
            level = policy["level"] if policy["policy"] == "level" else policy["value"]
            values = np.where(missing, var["levels"].index(level), values)
        elif var["kind"] == "boolean":
            values = np.where(missing, 1.0 if policy["value"] else 0.0, values)
        else:
            values = np.where(missing, float(policy["value"]), values)

    if var["kind"] == "numeric":
        lo, hi = (float(v) for v in var["range"])
        if not np.isfinite(values).all():
            raise CaseError("%s: non-finite value" % name)
        outside = (values < lo) | (values > hi)
        if outside.any():
            if var.get("out_of_range", "reject") == "reject":
                raise CaseError("%s: out of range in case(s) %s, policy reject"
                                % (name, np.flatnonzero(outside).tolist()))
            values = np.clip(values, lo, hi)
    return values


def term_contribution(term, model, x):
    """The contribution of one term for every case; x maps variable name -> values."""
    n = len(next(iter(x.values())))
    kind = term["type"]
    if kind == "intercept":
        return np.full(n, float(term["coef"]))
    if kind == "linear":
        return float(term["coef"]) * (x[term["variable"]] - float(term.get("center", 0)))
    if kind == "categorical":
        var = variable(model, term["variable"])
        effects = np.array([0.0 if lvl == term["reference"] else float(term["effects"][lvl])
                            for lvl in var["levels"]])
        return effects[x[term["variable"]]]
    if kind == "spline":
        knots = np.array(term["knots"], dtype=float)
        values = np.array(term["values"], dtype=float)
        # np.interp is flat outside the knots (left/right default to the end values).
        return np.interp(x[term["variable"]], knots, values)
    if kind == "bins":
        edges = np.array(term["edges"], dtype=float)
        effects = np.array(term["effects"], dtype=float)
        # side='right' counts the edges <= x: x exactly on an edge opens the next bin.
        return effects[np.searchsorted(edges, x[term["variable"]], side="right")]
    if kind == "interaction":
        product = np.ones(n)
        for factor in term["factors"]:
            var = variable(model, factor["variable"])
            if var["kind"] == "categorical":
                code = var["levels"].index(factor["level"])
                value = (x[var["name"]] == code).astype(float)
            else:
                value = x[var["name"]]
            product = product * value
        return float(term["coef"]) * product
    raise ValueError("unknown term type %r" % kind)


def variable(model, name):
    for var in model["variables"]:
        if var["name"] == name:
            return var
    raise KeyError(name)


def score(model, header, rows):
    """Return (ids, eta, probability, band names, contributions[n, terms])."""
    if model["format_version"] != 1 or model["kind"] != "binary":
        raise ValueError("only format_version 1 binary models are supported")
    n = len(rows)
    col = {name: i for i, name in enumerate(header)}
    x = {}
    for var in model["variables"]:
        cells = [row[col[var["name"]]] for row in rows] if var["name"] in col else [""] * n
        values, missing = parse_variable(var, cells)
        x[var["name"]] = resolve_variable(var, values, missing)

    terms = model["terms"]
    contributions = np.empty((n, len(terms)))
    eta = np.zeros(n)
    for j, term in enumerate(terms):
        contributions[:, j] = term_contribution(term, model, x)
        eta = eta + contributions[:, j]  # file order, one addition at a time

    if model["link"] == "logit":
        probability = scipy.special.expit(eta)
    elif model["link"] == "probit":
        probability = scipy.special.ndtr(eta)
    else:
        raise ValueError("unknown link %r" % model["link"])

    bands = model["bands"]
    uppers = np.array([b["upper"] for b in bands["items"][:-1]], dtype=float)
    # "lower": band i holds p <= upper[i]; "upper": band i holds p < upper[i].
    side = "left" if bands["boundary"] == "lower" else "right"
    band_index = np.searchsorted(uppers, probability, side=side)
    band_names = [bands["items"][k]["name"] for k in band_index]
    ids = [row[col["id"]] for row in rows] if "id" in col else [str(i) for i in range(n)]
    return ids, eta, probability, band_names, contributions


def number(v):
    return format(float(v), ".17g")


def expected_text(model, header, rows):
    ids, eta, prob, bands, contrib = score(model, header, rows)
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["id", "linear_predictor", "probability", "band"] +
               ["contrib_" + t["name"] for t in model["terms"]])
    for i in range(len(ids)):
        w.writerow([ids[i], number(eta[i]), number(prob[i]), bands[i]] +
                   [number(c) for c in contrib[i]])
    return out.getvalue()


def compare(expected, actual):
    """Return a list of differences between two expected-value CSV texts.

    Identical text is the normal outcome. A last-bit difference in exp() or the
    normal CDF between machines' maths libraries is tolerated (4 ulps); anything
    else is reported.
    """
    problems = []
    exp_rows = list(csv.reader(io.StringIO(expected)))
    act_rows = list(csv.reader(io.StringIO(actual)))
    if len(exp_rows) != len(act_rows):
        return ["%d rows committed, %d computed" % (len(exp_rows), len(act_rows))]
    if exp_rows[0] != act_rows[0]:
        return ["header differs: %s vs %s" % (exp_rows[0], act_rows[0])]
    header = exp_rows[0]
    for r, (e, a) in enumerate(zip(exp_rows[1:], act_rows[1:]), start=2):
        for name, ev, av in zip(header, e, a):
            if ev == av:
                continue
            if name in ("id", "band"):
                problems.append("line %d, %s: %r vs %r" % (r, name, ev, av))
                continue
            fe, fa = float(ev), float(av)
            if abs(fe - fa) > 4 * np.finfo(float).eps * max(abs(fe), abs(fa)):
                problems.append("line %d, %s: committed %s, computed %s" % (r, name, ev, av))
    return problems


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="reference_scorer.py", description=DESCRIPTION, epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model", help="model file (JSON)")
    parser.add_argument("cases", help="cases (CSV with a header row)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--out", metavar="FILE", help="write the expected values here (default: stdout)")
    mode.add_argument("--check", metavar="EXPECTED",
                      help="recompute and compare with this committed file; exit 1 on a difference")
    mode.add_argument("--summary", action="store_true",
                      help="print the case count, the mean probability and the cases per band")
    args = parser.parse_args(argv)

    with open(args.model, encoding="utf-8") as f:
        model = json.load(f)
    with open(args.cases, newline="", encoding="utf-8") as f:
        table = list(csv.reader(f))
    header, rows = table[0], table[1:]

    try:
        if args.summary:
            _, _, prob, bands, _ = score(model, header, rows)
            print("cases: %d" % len(rows))
            print("mean probability: %.4f" % prob.mean())
            for item in model["bands"]["items"]:
                k = sum(1 for b in bands if b == item["name"])
                print("band %-12s %6d (%.1f%%)" % (item["name"], k, 100.0 * k / len(rows)))
            return 0
        text = expected_text(model, header, rows)
    except CaseError as e:
        print("reference_scorer.py: %s" % e, file=sys.stderr)
        return 1

    if args.check:
        with open(args.check, newline="", encoding="utf-8") as f:
            committed = f.read()
        if committed == text:
            print("%s: identical to the recomputed values" % args.check)
            return 0
        problems = compare(committed, text)
        if problems:
            print("%s differs from the recomputed values:" % args.check, file=sys.stderr)
            for p in problems[:50]:
                print("  " + p, file=sys.stderr)
            return 1
        print("%s: equal to the recomputed values within 4 ulps (not byte-identical)"
              % args.check)
        return 0

    if args.out:
        with open(args.out, "w", newline="", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
