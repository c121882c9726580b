#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Score a caseload CSV with a libanker model and write id, probability and band."""

import argparse
import sys
from pathlib import Path

# Run from the source tree, use the binding (and the built library) of that tree.
SOURCE_TREE = Path(__file__).resolve().parents[2]
if (SOURCE_TREE / "bindings" / "python" / "anker" / "__init__.py").is_file():
    sys.path.insert(0, str(SOURCE_TREE / "bindings" / "python"))

import pandas as pd  # noqa: E402

import anker  # noqa: E402

DESCRIPTION = """\
Reads one case per row of CASES (CSV with a header; one column per model
variable, any other columns are ignored), scores every case with the model
and writes a CSV with the columns id, probability and band (with --explain
also linear_predictor and one contrib.TERM column per term).

Every variable of the model needs a column: a misspelt column name stops the
run (naming the column it may have meant) rather than leave the variable
missing for everyone. A variable the file has no column for because nobody
was asked is declared with --absent NAME: it is missing in every row.

Empty cells are missing values; the model's missing-value policy applies.
How many values of each variable the model imputed or clamped is printed
at the end (--flags also writes per row whether it did). The first case the
model rejects stops the run with its row and column, unless --skip-bad is
given: then a bad case gets an empty probability and band, its status code
in a status column and the variable at fault in an error_field column."""

EPILOG = """\
example:
  examples/python/score_frame.py --model data/models/demo-amt-6m.json \\
      --in examples/data/caseload.csv --out scores.csv"""


# The spellings of booleans that the anker program accepts, in any case.
BOOLEANS = {"1": 1.0, "0": 0.0, "true": 1.0, "false": 0.0, "yes": 1.0, "no": 0.0,
            "ja": 1.0, "nee": 0.0}


def read_cases(path, model):
    """The cases as a DataFrame; level-name columns are read as pandas categoricals."""
    # As categoricals, each distinct level name is looked up in the model only once.
    dtypes = {v.name: "category" for v in model.variables if v.kind == "categorical"}
    header = pd.read_csv(path, nrows=0).columns
    dtypes.update({name: str for name in header if name not in dtypes
                   and name not in {v.name for v in model.variables}})
    cases = pd.read_csv(path, dtype={k: v for k, v in dtypes.items() if k in header},
                        keep_default_na=False, na_values=[""])
    for v in model.variables:
        if v.kind == "boolean" and v.name in cases and cases[v.name].dtype == object:
            # Words such as "yes" or "nee": 1.0 or 0.0 (NaN stays missing).
            words = cases[v.name].str.lower()
            numbers = words.map(BOOLEANS)
            unknown = numbers.isna() & words.notna()
            if unknown.any():
                raise anker.AnkerError(anker.Status.TYPE_MISMATCH,
                                       "case %d: '%s': not a boolean" % (unknown.idxmax(), v.name),
                                       field=v.name, case_index=int(unknown.idxmax()))
            cases[v.name] = numbers
    return cases


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=DESCRIPTION, epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", required=True, metavar="FILE", help="the model file")
    parser.add_argument("--in", dest="cases", required=True, metavar="CASES",
                        help="the cases, CSV")
    parser.add_argument("--out", default="-", metavar="FILE",
                        help="where to write the scores, CSV ('-', the default: standard output)")
    parser.add_argument("--id-column", default="id", metavar="NAME",
                        help="the column identifying a case (default: id); without it, cases "
                             "are numbered from 1")
    parser.add_argument("--explain", action="store_true",
                        help="also write the linear predictor and every term's contribution")
    parser.add_argument("--skip-bad", action="store_true",
                        help="score the other cases when one is bad, instead of stopping")
    parser.add_argument("--absent", action="append", default=[], metavar="NAME",
                        help="a variable the file has no column for: missing in every row "
                             "(may be given more than once)")
    parser.add_argument("--flags", action="store_true",
                        help="also write the columns missing, imputed and clamped: whether "
                             "the model resolved a missing value, imputed or clamped one")
    args = parser.parse_args(argv)

    try:
        with anker.Model.load(args.model) as model:
            cases = read_cases(args.cases, model)
            scores = model.score(cases, bands=True, explain=args.explain, flags=args.flags,
                                 ignore_extra=True, absent=args.absent,
                                 errors="coerce" if args.skip_bad else "raise")
    except anker.AnkerError as e:
        where = "" if e.case_index < 0 else " (data row %d)" % (e.case_index + 1)
        print("score_frame.py: %s%s" % (e, where), file=sys.stderr)
        if e.status == anker.Status.NO_COLUMN:
            print("score_frame.py: if nobody was asked for %s, give --absent %s"
                  % (e.field, e.field), file=sys.stderr)
        return 1

    if args.id_column in cases:
        ids = cases[args.id_column]
    else:
        ids = pd.Series(range(1, len(cases) + 1))
    out = pd.DataFrame({"id": ids.to_numpy(), "probability": scores["probability"].to_numpy(),
                        "band": scores["band"].to_numpy()})
    if args.explain:
        out.insert(2, "linear_predictor", scores["linear_predictor"].to_numpy())
        for column in scores.columns:
            if column.startswith("contrib."):
                out[column] = scores[column].to_numpy()
    if args.flags:
        for column in ("missing", "imputed", "clamped"):
            out[column] = scores[column].to_numpy().astype(int)
    if args.skip_bad:
        out["status"] = scores["status"].to_numpy()
        out["error_field"] = scores["error_field"].to_numpy()

    # 17 significant digits read back as exactly the same doubles.
    out.to_csv(sys.stdout if args.out == "-" else args.out, index=False, float_format="%.17g")

    counts = scores["band"].value_counts(sort=False)
    print("score_frame.py: %d cases, mean chance %.3f; per band: %s" % (
        len(scores), scores["probability"].mean(),
        ", ".join("%s %d" % (band, n) for band, n in counts.items())), file=sys.stderr)
    summary = scores.attrs["anker"]
    print("score_frame.py: model %s %s (sha256 %s)%s" % (
        summary["model"]["id"], summary["model"]["version"], summary["model"]["sha256"],
        "; absent: " + ", ".join(summary["absent"]) if summary["absent"] else ""),
        file=sys.stderr)
    for what in ("imputed", "clamped"):
        changed = ["%s %d" % (name, c[what]) for name, c in summary["counts"].items() if c[what]]
        print("score_frame.py: values %s: %s" % (what, ", ".join(changed) or "none"),
              file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
