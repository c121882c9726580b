#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Add made-up, right-censored stays on benefit to a caseload, for evaluating a
duration model."""

import argparse
import csv
import sys
from pathlib import Path

import numpy as np

DESCRIPTION = """\
NAME
    generate_durations.py - add synthetic right-censored stays and origin to a caseload

SYNOPSIS
    generate_durations.py --model MODEL --in CASELOAD.csv [--seed S] [--rows N]
                          [--censored F] [--hazard-ratio R] [--out FILE]

DESCRIPTION
    Scores the first N rows of CASELOAD.csv with MODEL (a duration model with a
    Cox baseline on a month grid, through the anker Python binding) and writes
    them with three more columns:

    origin   "nl" or "abroad", drawn with probability 0.8 and 0.2; a made-up
             grouping column that the model does not use;
    months   the months on benefit until the case left it or was censored;
    left     1 when the case left benefit then (the event), 0 when it was
             censored (still on benefit at the last month seen).

    The stay is drawn from the model's own survival curve S(t | x) = S0(t) ^
    exp(eta) (eta the case's log_relative_hazard, S0 the baseline on its month
    grid): with U uniform on (0, 1), the stay ends at the first grid month t
    with S(t | x) <= U. For origin "abroad" the hazard is multiplied by R
    (default 0.75: they stay longer than the model predicts), so that the
    fairness table has something to show. A stay that lasts beyond the grid's
    last month is censored there; in addition a share F (default 0.3) of the
    cases is censored at a whole month drawn uniformly from 1 to the last grid
    month minus 1 (the end of follow-up), unless the stay ended earlier or then.
    Nobody in the output exists. The same inputs, seed, N, F and R always give
    the same bytes.

EXAMPLES
    The labelled caseload of the BLIJF model's card (scripts/make-model-cards):
        examples/data/generate_durations.py --model data/models/demo-blijf-12m.json \\
            --in examples/data/caseload.csv --rows 2000 --seed 20261202 \\
            --out labelled-blijf.csv"""


def draw_stays(model, frame, rng, censored=0.3, hazard_ratio=None):
    """(months, left) arrays: a stay per row of frame (a DataFrame the model
    scores) drawn from @model's own curve, censored as DESCRIPTION says.
    hazard_ratio: None, or an array multiplying each case's hazard."""
    months = np.array([m for m, _ in model.baseline], dtype=float)
    s0 = np.array([s for _, s in model.baseline], dtype=float)
    if model.survival_form != "cox" or not len(months):
        raise ValueError("draw_stays needs a Cox model with a baseline on a month grid")
    eta = model.score(frame, ignore_extra=True)["log_relative_hazard"].to_numpy()
    ratio = np.exp(eta) if hazard_ratio is None else np.exp(eta) * hazard_ratio
    u = rng.random(len(eta))
    surv = s0[None, :] ** ratio[:, None]          # S(t | x) at each grid month
    ended = surv <= u[:, None]
    stay = np.where(ended.any(axis=1), months[np.argmax(ended, axis=1)], np.inf)
    follow = np.full(len(eta), months[-1])
    cut = rng.random(len(eta)) < censored
    follow[cut] = rng.integers(1, int(months[-1]), size=int(cut.sum()))
    left = stay <= follow
    return np.where(left, stay, follow), left.astype(int)


def main(argv=None):
    parser = argparse.ArgumentParser(description=DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", required=True)
    parser.add_argument("--in", dest="input", required=True)
    parser.add_argument("--seed", type=int, default=20261202)
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--censored", type=float, default=0.3)
    parser.add_argument("--hazard-ratio", type=float, default=0.75)
    parser.add_argument("--out", default="-")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.dont_write_bytecode = True  # keep examples/data free of __pycache__
    from generate_labelled import load_caseload

    model, frame, scored = load_caseload(args.model, args.input, args.rows)
    rng = np.random.default_rng(args.seed)
    abroad = rng.random(len(frame)) < 0.2
    months, left = draw_stays(model, scored, rng, args.censored,
                              np.where(abroad, args.hazard_ratio, 1.0))

    out = sys.stdout if args.out == "-" else open(args.out, "w", newline="")
    with out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(list(frame.columns) + ["origin", "months", "left"])
        for row, a, t, e in zip(frame.itertuples(index=False), abroad, months, left):
            writer.writerow(list(row) + ["abroad" if a else "nl", "%g" % t, int(e)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
