#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Explain one case's score in words a coach can repeat to the client."""

import argparse
import csv
import math
import sys
from pathlib import Path

# Run from the source tree, use the binding (and the built library) of that tree.
SOURCE_TREE = Path(__file__).resolve().parents[2]
if (SOURCE_TREE / "bindings" / "python" / "anker" / "__init__.py").is_file():
    sys.path.insert(0, str(SOURCE_TREE / "bindings" / "python"))

import anker  # noqa: E402

DESCRIPTION = """\
Scores one case and prints its chance, its band, and the terms of the model
that raise and lower the chance most, with their labels and what each term
saw in the case.

The case is a row of a CSV file (--cases with --id or --row), or values
given with --set NAME=VALUE, or both (--set overrides the row). A variable
without a value is missing, and the model's missing-value policy applies.

Each term's effect is also given in percentage points: how much higher or
lower the chance is than it would be if that term counted for nothing,
everything else the same. The values the model filled in (not given) or
moved into its range are named. The effects are not additive in points; they are
in the model's own units (the linear predictor), which are printed too."""

EPILOG = """\
example:
  examples/python/explain_case.py --model data/models/demo-amt-6m.json \\
      --cases examples/data/caseload.csv --id C000042"""


def signed(x, digits):
    """x with its sign, e.g. "+0.125"; a value that rounds to zero is "0.000", never "-0.000"."""
    text = "%+.*f" % (digits, x)
    if float(text) == 0:
        return "%.*f" % (digits, 0.0)
    return text


def inverse_link(model, eta):
    if model.link == "probit":
        return 0.5 * math.erfc(-eta / math.sqrt(2.0))
    return 1.0 / (1.0 + math.exp(-eta))


def parse_value(variable, text):
    """A CSV cell or --set value as the Python value the binding expects ("" is missing)."""
    text = text.strip()
    if text == "":
        return None
    if variable is None or variable.kind == "categorical":
        return text
    if variable.kind == "boolean":
        truth = {"1": True, "0": False, "true": True, "false": False, "yes": True,
                 "no": False, "ja": True, "nee": False}
        if text.lower() not in truth:
            raise ValueError("%s: not a boolean: %r" % (variable.name, text))
        return truth[text.lower()]
    return float(text)


def case_from_csv(path, model, case_id, row, id_column):
    with open(path, newline="", encoding="utf-8-sig") as f:
        for number, record in enumerate(csv.DictReader(f), start=1):
            if (case_id is not None and record.get(id_column) == case_id) or number == row:
                label = record.get(id_column) or "row %d" % number
                names = {v.name: v for v in model.variables}
                return label, {k: parse_value(names[k], v) for k, v in record.items()
                               if k in names}
    raise SystemExit("explain_case.py: %s has no case %s" % (
        path, case_id if case_id is not None else "in row %d" % row))


def explain(model, label, result, top):
    lines = []
    lines.append("Case %s, scored with %s (%s %s)." % (label, model.name, model.id,
                                                       model.version))
    lines.append(model.provenance.get("statement", ""))
    lines.append("")
    lines.append("Outcome: %s" % model.outcome)
    lines.append("Chance:  %.0f%%" % (100 * result.probability))
    lines.append("Band:    %s" % result.band_label)
    labels = {v.name: v.label for v in model.variables}
    if result.imputed:
        lines.append("Not given, so the model assumed a value for: %s."
                     % ", ".join(labels[name] for name in result.imputed))
    if result.clamped:
        lines.append("Outside the range the model knows, so moved to its nearest bound: %s."
                     % ", ".join(labels[name] for name in result.clamped))

    effects = []
    for term in result.terms:
        if term.type == "intercept" or term.contribution == 0:
            continue
        without = inverse_link(model, result.linear_predictor - term.contribution)
        effects.append((term, 100 * (result.probability - without)))
    raising = sorted((e for e in effects if e[0].contribution > 0),
                     key=lambda e: -e[0].contribution)[:top]
    lowering = sorted((e for e in effects if e[0].contribution < 0),
                      key=lambda e: e[0].contribution)[:top]

    for title, chosen in (("What raises the chance most:", raising),
                          ("What lowers the chance most:", lowering)):
        lines.append("")
        lines.append(title)
        if not chosen:
            lines.append("  nothing")
        for term, points in chosen:
            lines.append("  %-38s %5s points  (%s)  %s" % (
                term.label, signed(points, 1), signed(term.contribution, 3), term.detail))
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=DESCRIPTION, epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", required=True, metavar="FILE", help="the model file")
    parser.add_argument("--cases", metavar="CSV", help="a CSV file of cases")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--id", help="the case's id in the id column of --cases")
    which.add_argument("--row", type=int, metavar="N",
                       help="the case's data row in --cases, from 1 (default: 1)")
    parser.add_argument("--id-column", default="id", metavar="NAME",
                        help="the id column of --cases (default: id)")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="a value of the case; may be given more than once")
    parser.add_argument("--top", type=int, default=3, metavar="K",
                        help="how many raising and lowering terms to show (default: 3)")
    args = parser.parse_args(argv)
    if args.cases is None and (args.id is not None or args.row is not None):
        parser.error("--id and --row need --cases")
    if args.cases is None and not args.set:
        parser.error("give --cases or at least one --set")

    try:
        with anker.Model.load(args.model) as model:
            label, case = "given", {}
            if args.cases:
                row = args.row if args.id is None and args.row is not None else \
                    (None if args.id is not None else 1)
                label, case = case_from_csv(args.cases, model, args.id, row, args.id_column)
            for assignment in args.set:
                name, sep, text = assignment.partition("=")
                if not sep:
                    parser.error("--set needs NAME=VALUE, not %r" % assignment)
                variable = {v.name: v for v in model.variables}.get(name)
                case[name] = parse_value(variable, text)
            with model.score_case(case) as result:
                print(explain(model, label, result, args.top))
    except anker.AnkerError as e:
        print("explain_case.py: %s" % e, file=sys.stderr)
        return 1
    except ValueError as e:
        print("explain_case.py: %s" % e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
