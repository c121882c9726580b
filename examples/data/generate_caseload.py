#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Write a synthetic caseload for the demonstration AMT model as CSV."""

import argparse
import csv
import sys

import numpy as np

DESCRIPTION = """\
NAME
    generate_caseload.py - write a synthetic caseload of WW clients as CSV

SYNOPSIS
    generate_caseload.py [--rows N] [--seed S] [--out FILE]

DESCRIPTION
    Draws N made-up people from simple, plausible distributions and writes
    one row per person with every variable of data/models/demo-amt-6m.json.
    Nobody in the output exists: there is no source data, only the random
    number generator. The same seed and row count always give the same file.

    A few percent of the cells are left empty in the variables whose missing
    policy in the model is "impute" or "level" (work_history_years,
    applications_4w, health, has_partner, sector, education), never in those
    whose policy is "reject". A few values lie outside the model's range, only
    in variables whose out-of-range policy is "clamp" (age, applications_4w).
    Every row can therefore be scored without error.

COLUMNS
    id                  "C000001", "C000002", ...
    age                 age in whole years
    ww_months           months of WW benefit used so far, 0-24
    work_history_years  years of paid work in total
    applications_4w     job applications in the last 4 weeks
    health              own view of health, 1 (poor) to 5 (very good)
    has_partner         1 or 0
    care_duties         1 or 0
    female              1 or 0
    education           basic, vocational, higher or unknown
    sector              sector of the last job
    region              labour market in the home region: tight, average, slack

    Numbers are written with '.' as the decimal separator, whatever the locale.

OPTIONS"""

EPILOG = """\
EXAMPLES
    Re-create the committed example file:
        examples/data/generate_caseload.py --rows 5000 --seed 20261125 \\
            --out examples/data/caseload.csv"""

COLUMNS = ["id", "age", "ww_months", "work_history_years", "applications_4w", "health",
           "has_partner", "care_duties", "female", "education", "sector", "region"]

EDUCATION = ["basic", "vocational", "higher", "unknown"]
SECTORS = ["care", "education", "construction", "logistics", "retail", "hospitality",
           "industry", "office", "ict", "other"]
SECTOR_SHARES = [0.13, 0.06, 0.08, 0.10, 0.14, 0.07, 0.10, 0.17, 0.05, 0.10]
REGIONS = ["tight", "average", "slack"]


def draw(rng, n):
    """Return a dict of column name -> numpy array (float arrays use NaN for missing)."""
    female = rng.random(n) < 0.47
    # WW clients are older than the working population on average.
    age = np.clip(np.rint(rng.normal(43.0, 12.0, n)), 18, 67)

    education = rng.choice(len(EDUCATION), size=n, p=[0.24, 0.42, 0.30, 0.04])
    study_years = np.array([0.0, 2.0, 5.0, 2.0])[education]
    work_history = np.rint(np.maximum(age - 18 - study_years, 0) * rng.uniform(0.45, 1.0, n))

    ww_months = np.minimum(np.floor(rng.gamma(1.3, 5.0, n)), 24)

    has_partner = rng.random(n) < np.where(age < 30, 0.30, 0.62)
    care_prob = np.where((age >= 25) & (age <= 52), 0.34, 0.12) + np.where(female, 0.06, 0.0)
    care_duties = rng.random(n) < care_prob

    # Searching slackens as the benefit runs on.
    applications = rng.poisson(np.maximum(6.0 - 0.18 * ww_months, 1.0), n).astype(float)

    # Health is rated a little lower with age.
    health_shift = (age - 43.0) / 40.0
    health = np.clip(np.rint(rng.normal(3.6 - health_shift, 0.95, n)), 1, 5)

    sector = rng.choice(len(SECTORS), size=n, p=SECTOR_SHARES)
    region = rng.choice(len(REGIONS), size=n, p=[0.30, 0.45, 0.25])

    # A few values outside the model's range, only where the model clamps them.
    odd = rng.random(n) < 0.004
    age[odd] = rng.choice([16.0, 17.0, 68.0, 69.0, 71.0], size=odd.sum())
    odd = rng.random(n) < 0.004
    applications[odd] = rng.integers(31, 60, size=odd.sum())

    cols = {
        "age": age,
        "ww_months": ww_months,
        "work_history_years": work_history,
        "applications_4w": applications,
        "health": health,
        "has_partner": has_partner.astype(float),
        "care_duties": care_duties.astype(float),
        "female": female.astype(float),
        "education": education.astype(float),
        "sector": sector.astype(float),
        "region": region.astype(float),
    }
    # Missing cells, only where the model imputes or has a missing level.
    for name, share in [("work_history_years", 0.03), ("applications_4w", 0.03),
                        ("health", 0.04), ("has_partner", 0.02), ("sector", 0.03),
                        ("education", 0.03)]:
        cols[name][rng.random(n) < share] = np.nan
    return cols


def cell(name, value):
    if np.isnan(value):
        return ""
    if name == "education":
        return EDUCATION[int(value)]
    if name == "sector":
        return SECTORS[int(value)]
    if name == "region":
        return REGIONS[int(value)]
    # All numeric columns hold whole numbers; write them without a decimal part.
    return "%d" % int(value)


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="generate_caseload.py", description=DESCRIPTION, epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=5000, metavar="N",
                        help="number of people to write (default: 5000)")
    parser.add_argument("--seed", type=int, default=20261125, metavar="S",
                        help="seed of the random number generator (default: 20261125)")
    parser.add_argument("--out", default="-", metavar="FILE",
                        help="output file, '-' for standard output (default: -)")
    args = parser.parse_args(argv)
    if args.rows < 1 or args.rows > 99_999_999:
        parser.error("--rows must be between 1 and 99999999")

    rng = np.random.default_rng(args.seed)
    cols = draw(rng, args.rows)

    out = sys.stdout if args.out == "-" else open(args.out, "w", newline="", encoding="utf-8")
    try:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        for i in range(args.rows):
            writer.writerow(["C%06d" % (i + 1)] +
                            [cell(name, cols[name][i]) for name in COLUMNS[1:]])
    finally:
        if out is not sys.stdout:
            out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
