# SPDX-License-Identifier: GPL-3.0-or-later
"""A model's report: one self-contained HTML page that an analyst or a works
council can read (issue 12, "Report"; docs/monitoring.md).

    import anker
    html = anker.report("data/models/demo-amt-6m.json", "examples/data/labelled.csv",
                        outcome="found_work", group=["origin", "female"],
                        reference="examples/data/caseload.csv", out="card.html")

    python3 -m anker.report --model MODEL --in LABELLED.csv --outcome COLUMN ...

A duration model (the BLIJF toets) takes the right-censored stays instead of
an outcome: anker.report(model, data, time="months", event="left", ...), or
--time COLUMN --event COLUMN (the figures: _report_duration.py).

The figures are anker.evaluate()'s; the plots are drawn by matplotlib and
embedded as inline SVG (no external file, font, script or request). The same
inputs give the same bytes, with the same matplotlib.
"""

import argparse
import os
import sys
import tempfile

import numpy as np

from ._errors import AnkerError, Status
from ._report_html import page as _page
from .evaluate import evaluate
from .model import Model



def _read_table(source, model, labels=()):
    """A DataFrame from a CSV path (the model's numbers and booleans and the
    label columns as numbers, an empty cell missing, other cells text) or as given."""
    import pandas as pd
    if isinstance(source, pd.DataFrame):
        return source
    frame = pd.read_csv(source, dtype=str, keep_default_na=False)
    frame = frame.replace("", None)
    typed = [v.name for v in model.variables if v.kind != "categorical"] + list(labels)
    for name in typed:
        if name in frame.columns:
            frame[name] = _to_number(frame[name], name)
    return frame


def _to_number(column, name):
    import pandas as pd
    try:
        return pd.to_numeric(column)
    except (TypeError, ValueError):
        bad = next(i for i, v in enumerate(column)
                   if v is not None and not _is_number(v))
        raise AnkerError.at(Status.BAD_VALUE, "not a number: %r" % column.iloc[bad],
                            field=name, row="line %d" % (bad + 2)) from None


def _is_number(text):
    try:
        float(text)
        return True
    except ValueError:
        return False


def _name(source):
    """What a report calls an input: a file's base name (never a local path)."""
    if isinstance(source, (str, os.PathLike)):
        return os.path.basename(os.fspath(source))
    return "the DataFrame given"


def report(model, data, *, outcome=None, time=None, event=None, horizon=None, group=(),
           reference=None, records=None, out=None, reference_group=None, threshold=None,
           ratio_threshold=1.25, title=None):
    """The report of @model on the labelled caseload @data, as HTML text.

    model: a model file's path or an anker.Model, binary or duration. data: a
    CSV path or a DataFrame with, for a binary model, the 0/1 @outcome column;
    for a duration model the @time column (months until leaving benefit or
    censoring) and the @event column (1 left benefit then, 0 censored), and
    optionally @horizon (months, default the model's headline horizon; the
    report's figures are at it). group: grouping column(s) for the fairness
    table. reference: a reference caseload (path or DataFrame) for the drift
    table. records: assessment records for the override figures (read by
    anker.overrides() when this binding has it). out: also write the page
    there, atomically (a temporary file in the same directory, renamed): either
    the whole page appears or nothing. The other options are anker.evaluate()'s.
    Raises ValueError for a model of another kind or the wrong columns for its
    kind (outcome= for a duration model, time= or event= for a binary one),
    AnkerError (or OSError for a file that cannot be read) before anything is
    written.
    """
    if not isinstance(model, Model):
        model = Model.load(os.fspath(model))
    _check_labels(model, outcome, time, event, horizon)
    if isinstance(group, str):
        group = [group]
    names = {"data": _name(data), "reference": None if reference is None else _name(reference),
             "records": None if records is None else _name(records), "outcome": outcome,
             "ratio": ratio_threshold, "threshold": threshold}
    options = dict(group=list(group), reference_group=reference_group, threshold=threshold,
                   ratio_threshold=ratio_threshold)
    if model.kind == "duration":
        from ._report_duration_page import report_page
        frame = _read_table(data, model, (time, event))
        for column, what in ((time, "time"), (event, "event")):
            _require(frame, column, what, data)
        ref_frame = None if reference is None else _read_table(reference, model)
        names.update(time=time, event=event)
        page = report_page(model, frame, time, event, horizon, ref_frame, options, names,
                           _overrides(records), title)
    else:
        frame = _read_table(data, model, (outcome,))
        _require(frame, outcome, "outcome", data)
        ref_frame = None if reference is None else _read_table(reference, model)
        probability = model.score(frame, ignore_extra=True)
        ev = evaluate(model, frame, outcome=outcome, reference=ref_frame,
                      probability=probability, **options)
        y = frame[outcome].to_numpy(dtype=float)
        page = _page(model, ev, np.asarray(probability, dtype=float), y, names,
                     _overrides(records), title)
    if out is not None:
        write_atomically(out, page)
    return page


def _check_labels(model, outcome, time, event, horizon):
    """The label columns that the model's kind needs, or a ValueError saying which."""
    if model.kind == "binary":
        if time is not None or event is not None or horizon is not None:
            raise ValueError("%s is a binary model: give outcome= (--outcome), not time=, "
                             "event= or horizon=" % model.id)
        if outcome is None:
            raise ValueError("%s is a binary model: give its 0/1 outcome column, "
                             "outcome= (--outcome)" % model.id)
    elif model.kind == "duration":
        if outcome is not None:
            raise ValueError("%s is a duration model: give time= and event= (--time, --event), "
                             "not outcome=" % model.id)
        if time is None or event is None:
            raise ValueError("%s is a duration model: give both its time and its event "
                             "column, time= and event= (--time, --event)" % model.id)
    else:
        raise ValueError("a report needs a binary or a duration model, not kind %r"
                         % model.kind)


def _require(frame, column, what, data):
    if column not in frame.columns:
        raise AnkerError.at(Status.NO_COLUMN, "%s has no %s column" % (_name(data), what),
                            field=str(column))


def _overrides(records):
    """(tables, note): anker.overrides(records) when the binding has it."""
    if records is None:
        return None, "No assessment records were given, so there are no override figures."
    import anker
    fn = getattr(anker, "overrides", None)
    if fn is None:
        return None, ("Assessment records were given, but this version of the binding "
                      "cannot compute override figures (it has no anker.overrides()).")
    return fn(os.fspath(records) if isinstance(records, os.PathLike) else records), None


def write_atomically(path, text):
    """Write @text to @path through a temporary file in the same directory."""
    path = os.fspath(path)
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".report-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


# ---------------------------------------------------------------- the command

DESCRIPTION = """\
NAME
    python3 -m anker.report - a model's report as one self-contained HTML page

SYNOPSIS
    python3 -m anker.report --model MODEL --in LABELLED.csv --outcome COLUMN
                            --out REPORT.html [OPTION]...
    python3 -m anker.report --model DURATION-MODEL --in STAYS.csv --time COLUMN
                            --event COLUMN [--horizon MONTHS]
                            --out REPORT.html [OPTION]...

    OPTION: [--group COLUMN]... [--reference CASELOAD.csv] [--records RECORDS]
            [--reference-group VALUE] [--threshold P] [--ratio-threshold R]
            [--title TEXT]

DESCRIPTION
    Evaluates the binary model MODEL on the labelled caseload LABELLED.csv (as
    anker evaluate does; docs/evaluation.md) and writes a page an analyst or a
    works council can read: the model card (identity, provenance, intended use,
    variables, terms, bands), the calibration plot (observed against predicted
    per decile, with the diagonal), the ROC curve, the distribution over the
    bands, the fairness table per grouping column with its flags, the drift
    table (population stability index against CASELOAD.csv) and the override
    figures from assessment records. Each plot has a one-line reading in words.

    A duration model (kind "duration", the BLIJF toets) is evaluated on
    right-censored stays: --time names the column of months on benefit until
    the case left it or follow-up ended, --event the column that is 1 when the
    case left benefit then and 0 when it was censored. The figures are at the
    horizon (--horizon, default the model's headline horizon): Harrell's C
    (overall and truncated at the horizon), the calibration of the predicted
    probability of still being on benefit against the Kaplan-Meier estimate
    per decile (plot and table), the bands with their Kaplan-Meier share; the
    ROC curve, the classification and the fairness table on the cases whose
    status at the horizon is known (left benefit by then, or followed up to
    it), with the outcome "still on benefit at the horizon" derived from the
    stay; the page says how many cases were censored before the horizon and
    left out. The drift table and override figures are as for a binary model.
    Classification and fairness thresholds are as for a binary model: the
    model's band thresholds, and 0.5 for the fairness table, unless
    --threshold P is given.

    The page is one file: the plots are inline SVG drawn by matplotlib, and it
    loads no script, font, image or style sheet. It is written atomically
    (a temporary file in the same directory, then renamed): on any error no
    file appears. The same inputs give the same bytes (with the same
    matplotlib).

OPTIONS
    --model MODEL          a binary or duration model file
    --in FILE              the labelled caseload (CSV with a header line)
    --outcome COLUMN       its 0/1 outcome column (binary model)
    --time COLUMN          its months on benefit (duration model)
    --event COLUMN         its 1 left benefit / 0 censored column (duration model)
    --horizon MONTHS       the duration figures' horizon (default the model's)
    --out FILE             the HTML page to write
    --group COLUMN         a grouping column for the fairness table (repeatable)
    --reference FILE       a reference caseload (CSV) for the drift table
    --records RECORDS      assessment records for the override figures (needs a
                           binding with anker.overrides(); otherwise the page
                           says so)
    --reference-group VALUE  the reference group (default: the largest)
    --threshold P          classify at p >= P instead of the band thresholds
    --ratio-threshold R    flag fairness ratios above R or below 1/R (1.25)
    --title TEXT           the page's title (default "Model card: ID VERSION")

EXIT STATUS
    0 when the page was written, 1 on an error (named with file, column and
    line; also the wrong columns for the model's kind), 2 on a usage error.

EXAMPLES
    python3 -m anker.report --model data/models/demo-amt-6m.json \\
        --in examples/data/labelled.csv --outcome found_work \\
        --group origin --group female --reference examples/data/caseload.csv \\
        --out docs/cards/demo-amt-6m.html

    python3 -m anker.report --model data/models/demo-blijf-12m.json \\
        --in stays.csv --time months --event left --group origin \\
        --out blijf-report.html"""


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python3 -m anker.report", description=DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", required=True)
    parser.add_argument("--in", dest="input", required=True)
    parser.add_argument("--outcome")
    parser.add_argument("--time")
    parser.add_argument("--event")
    parser.add_argument("--horizon", type=float)
    parser.add_argument("--out", required=True)
    parser.add_argument("--group", action="append", default=[])
    parser.add_argument("--reference")
    parser.add_argument("--records")
    parser.add_argument("--reference-group")
    parser.add_argument("--threshold", type=float)
    parser.add_argument("--ratio-threshold", type=float, default=1.25)
    parser.add_argument("--title")
    args = parser.parse_args(argv)
    try:
        report(args.model, args.input, outcome=args.outcome, time=args.time,
               event=args.event, horizon=args.horizon, group=args.group,
               reference=args.reference, records=args.records, out=args.out,
               reference_group=args.reference_group, threshold=args.threshold,
               ratio_threshold=args.ratio_threshold, title=args.title)
    except (AnkerError, OSError, ValueError) as e:
        print("%s: %s" % (parser.prog, e), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
