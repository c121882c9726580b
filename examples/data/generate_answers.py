#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Write synthetic questionnaire answers for the demonstration questionnaires as CSV."""

import argparse
import csv
import json
import os
import sys

import numpy as np

DESCRIPTION = """\
NAME
    generate_answers.py - write synthetic answers to the demonstration questionnaires

SYNOPSIS
    generate_answers.py [--rows N] [--seed S] [--out FILE]

DESCRIPTION
    Draws N made-up clients and writes one row per client with an answer to
    every item of data/models/demo-nt-prof.json, demo-motivatie.json and
    demo-competentie.json (their item names differ, so one file serves all
    three: score it with anker score --ignore-extra). Nobody in the output
    exists: there is no source data, only the random number generator. The
    same seed and row count always give the same file.

    Each client has one latent "engagement" drawn from a normal distribution;
    an answer leans towards the agreeing end of its item when engagement is
    high (the other way for items a scale reverse-keys), plus noise. About 4%
    of the answers are left empty (missing), so that some scales are
    prorated and a few are not scorable. Every answer is valid: a Likert
    answer is one of its option values, a number lies in its range, a choice
    is one of its codes. Yes/no answers are written yes/no.

COLUMNS
    id      "Q000001", "Q000002", ...
    then one column per item, in the order of the three files.
"""

MODELS = ["demo-nt-prof.json", "demo-motivatie.json", "demo-competentie.json"]


def items_of(source_dir):
    """Every item of the three files, with whether some scale reverse-keys it."""
    items = []
    for name in MODELS:
        with open(os.path.join(source_dir, "data", "models", name), encoding="utf-8") as f:
            model = json.load(f)
        reversed_items = {m["item"] for s in model["scales"] for m in s["items"]
                          if m.get("reverse")}
        for item in model["items"]:
            items.append((item, item["name"] in reversed_items))
    return items


def answer(rng, item, reverse, engagement):
    """One answer: a position in [0, 1] leaning with engagement, mapped onto the item."""
    lean = -engagement if reverse else engagement
    position = float(np.clip(0.55 + 0.22 * lean + rng.normal(0.0, 0.2), 0.0, 1.0))
    response = item["response"]
    if response == "likert":
        values = [o["value"] for o in item["options"]]
        return values[min(int(position * len(values)), len(values) - 1)]
    if response == "yes_no":
        return "yes" if position >= 0.5 else "no"
    if response == "number":
        lo, hi = item["range"]
        # counts are whole numbers, skewed towards the low end
        return int(round(lo + (hi - lo) * position ** 2))
    options = sorted(item["options"], key=lambda o: o["value"])
    return options[min(int(position * len(options)), len(options) - 1)]["code"]


def main():
    parser = argparse.ArgumentParser(description=DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=20261202)
    parser.add_argument("--out", default="-")
    args = parser.parse_args()

    source_dir = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    items = items_of(source_dir)
    rng = np.random.default_rng(args.seed)
    out = sys.stdout if args.out == "-" else open(args.out, "w", newline="", encoding="utf-8")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id"] + [item["name"] for item, _ in items])
    for row in range(args.rows):
        engagement = rng.normal()
        cells = []
        for item, reverse in items:
            value = answer(rng, item, reverse, engagement)
            cells.append("" if rng.random() < 0.04 else value)
        writer.writerow(["Q%06d" % (row + 1)] + cells)
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
