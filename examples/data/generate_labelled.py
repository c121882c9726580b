#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Add made-up outcomes to a synthetic caseload, for evaluating a model."""

import argparse
import csv
import sys
from pathlib import Path

import numpy as np

DESCRIPTION = """\
NAME
    generate_labelled.py - add a synthetic 0/1 outcome and origin to a caseload

SYNOPSIS
    generate_labelled.py --model MODEL --in CASELOAD.csv [--seed S] [--rows N]
                         [--shift D] [--outcome NAME] [--out FILE]

DESCRIPTION
    Scores the first N rows of CASELOAD.csv with MODEL (a binary model, through
    the anker Python binding) and writes them with two more columns:

    origin      "nl" or "abroad", drawn with probability 0.8 and 0.2; a made-up
                grouping column that the model does not use;
    found_work  the outcome (named NAME with --outcome), 1 with the model's
                own probability p, except for origin "abroad", where it is 1
                with probability max(0, p - D).

    With D = 0 the model is calibrated by construction for everyone; the
    default D = 0.10 makes it over-predict for one group, so that the fairness
    table of `anker evaluate` has something to show. Nobody in the output
    exists. The same inputs, seed, N and D always give the same bytes.

EXAMPLES
    Re-create the committed example file:
        examples/data/generate_labelled.py --model data/models/demo-amt-6m.json \\
            --in examples/data/caseload.csv --rows 2000 --seed 20261202 \\
            --out examples/data/labelled.csv"""


def load_caseload(model_path, path, rows):
    """(model, frame, scored): the model through the anker binding of this
    tree, the first rows of the caseload as text (written back as read), and
    the same with the model's numbers and booleans as numbers, for scoring."""
    root = Path(__file__).resolve().parents[2]
    sys.path.insert(0, str(root / "bindings" / "python"))
    import anker
    import pandas as pd

    frame = pd.read_csv(path, dtype=str, keep_default_na=False, nrows=rows)
    model = anker.Model.load(model_path)
    scored = frame.replace("", None)
    for var in model.variables:
        if var.kind != "categorical" and var.name in scored:
            scored[var.name] = pd.to_numeric(scored[var.name])
    return model, frame, scored


def main(argv=None):
    parser = argparse.ArgumentParser(description=DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", required=True)
    parser.add_argument("--in", dest="input", required=True)
    parser.add_argument("--seed", type=int, default=20261202)
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--shift", type=float, default=0.10)
    parser.add_argument("--outcome", default="found_work")
    parser.add_argument("--out", default="-")
    args = parser.parse_args(argv)

    model, frame, scored = load_caseload(args.model, args.input, args.rows)
    p = model.score(scored, ignore_extra=True)
    rng = np.random.default_rng(args.seed)
    abroad = rng.random(len(frame)) < 0.2
    chance = np.where(abroad, np.maximum(0.0, p - args.shift), p)
    outcome = (rng.random(len(frame)) < chance).astype(int)

    out = sys.stdout if args.out == "-" else open(args.out, "w", newline="")
    with out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(list(frame.columns) + ["origin", args.outcome])
        for row, a, y in zip(frame.itertuples(index=False), abroad, outcome):
            writer.writerow(list(row) + ["abroad" if a else "nl", int(y)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
