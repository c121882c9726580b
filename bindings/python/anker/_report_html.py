# SPDX-License-Identifier: GPL-3.0-or-later
"""The HTML of anker.report(): the model card and the tables, each with
headers (scope col) and row headers (scope row), a flag in words as well as in
colour. The plots are in _report_plots.py."""

import html
import math

import numpy as np

_FLAG_NAMES = {"selection_rate": "selection rate", "tpr": "TPR", "fpr": "FPR", "fnr": "FNR"}

def _e(text):
    return html.escape(str(text), quote=True)


def _num(x, digits=4):
    if x is None or (isinstance(x, float) and not math.isfinite(x)):
        return "-"
    if isinstance(x, (int, np.integer)):
        return "{:,}".format(int(x))
    return "%.*f" % (digits, x)


def _pct(x):
    return "-" if not math.isfinite(x) else "%.0f%%" % (100 * x)


def _table(caption, headers, rows, row_header=True, classes=None):
    """An HTML table: a caption, column headers (scope col), the first cell of
    each row a row header (scope row)."""
    out = ['<div class="table"><table>', "<caption>%s</caption>" % _e(caption),
           "<thead><tr>"]
    out += ['<th scope="col">%s</th>' % _e(h) for h in headers]
    out.append("</tr></thead><tbody>")
    for k, row in enumerate(rows):
        cls = classes[k] if classes else None
        out.append("<tr%s>" % (' class="%s"' % cls if cls else ""))
        for i, cell in enumerate(row):
            if i == 0 and row_header:
                out.append('<th scope="row">%s</th>' % _e(cell))
            else:
                out.append("<td>%s</td>" % _e(cell))
        out.append("</tr>")
    out.append("</tbody></table></div>")
    return "\n".join(out)


def page(model, ev, p, y, names, overrides, title):
    """The whole page as text."""
    import matplotlib  # only here: the card and tables need no plotting library
    from . import _report_plots as plots
    title = title or "Model card: %s %s" % (model.id, model.version)
    head = _HEAD % {"title": _e(title), "css": _CSS, "matplotlib": matplotlib.__version__}
    parts = [head, "<h1>%s</h1>" % _e(title), _summary(model, ev, names), _card(model),
             '<section id="performance"><h2>How well it predicts</h2>', _scalars(ev)]
    parts += plots.figures(model, ev, p, y)
    parts.append("</section>")
    parts.append(_classification(ev, names))
    parts.append(_fairness(ev, names))
    parts.append(_drift(ev, names))
    parts.append(_override_section(overrides, names))
    parts.append(_FOOT)
    return "\n".join(parts) + "\n"


def _summary(model, ev, names):
    return ("<p>This report describes how the model <strong>%s</strong> (%s) predicted "
            "the outcome &ldquo;%s&rdquo; (column <code>%s</code>) for the %s cases of "
            "<code>%s</code>, of whom %s (%s) had the outcome. Every figure is computed "
            "by libanker's evaluation (docs/evaluation.md defines them); it says how the "
            "model did on these cases, not that it is fit for any decision.</p>"
            % (_e(model.name), _e(model.id), _e(model.outcome), _e(names["outcome"]),
               _num(ev.count), _e(names["data"]), _num(ev.positives),
               _pct(ev.positives / ev.count)))


def _card(model):
    out = ['<section id="card"><h2>The model</h2>']
    if model.kind == "duration":
        kind = "duration (%s form, described up to month %g)" % (model.survival_form,
                                                                 model.max_months)
        outcome = "%s (headline horizon %s months; outputs at %s months)" % (
            model.outcome, model.horizon_months, ", ".join(str(h) for h in model.horizons))
    else:
        kind = "%s (%s link)" % (model.kind, model.link)
        outcome = "%s (horizon %s months)" % (model.outcome, model.horizon_months)
    facts = [("identifier", model.id), ("name", model.name), ("version", model.version),
             ("toets", model.toets or "-"), ("kind", kind), ("outcome", outcome),
             ("valid from", model.valid_from), ("SHA-256 of the file", model.sha256)]
    out.append(_table("Identity", ["what", "value"], facts))
    prov = model.provenance
    out.append(_table("Provenance (from the model file)", ["key", "value"],
                      [(k, prov[k]) for k in prov]))
    use = [prov[k] for k in ("statement", "notes") if prov.get(k)]
    out.append("<h3>Intended use</h3>")
    out.append("<p>%s</p>" % _e(" ".join(use) if use else
                                "The model file states no intended use."))
    rows = []
    for v in model.variables:
        if v.kind == "numeric":
            values = "%g to %g" % v.range
        elif v.kind == "categorical":
            values = ", ".join(v.levels)
        else:
            values = "0 or 1"
        missing = v.missing if v.imputed is None else "%s (%s)" % (v.missing, _value(v.imputed))
        rows.append((v.name, v.label, v.kind, values, v.out_of_range or "-", missing))
    out.append(_table("Variables", ["variable", "label", "kind", "values",
                                    "out of range", "missing"], rows))
    out.append(_table("Terms", ["term", "label", "type"],
                      [(t.name, t.label, t.type) for t in model.terms]))
    lower = 0.0
    rows = []
    for b in model.bands:
        rows.append((b.name, b.label, "%g to %g" % (lower, b.upper)))
        lower = b.upper
    out.append(_table("Bands (a probability exactly on a threshold goes to the %s band)"
                      % model.band_boundary, ["band", "label", "probability"], rows))
    out.append("</section>")
    return "\n".join(out)


def _value(x):
    if isinstance(x, bool):
        return "true" if x else "false"
    return "%g" % x if isinstance(x, float) else x


def _scalars(ev):
    rows = [("AUC (95% CI, DeLong)", "%s (%s to %s)" % (_num(ev.auc), _num(ev.auc_lower),
                                                        _num(ev.auc_upper))),
            ("mean predicted", _num(ev.mean_predicted)),
            ("observed rate", _num(ev.observed_rate)),
            ("calibration-in-the-large", _num(ev.citl)),
            ("calibration slope", _num(ev.calibration_slope)),
            ("calibration intercept", _num(ev.calibration_intercept)),
            ("Hosmer-Lemeshow", "%s on %s df, p = %s" % (_num(ev.hl_statistic, 2),
                                                        _num(ev.hl_df), _num(ev.hl_p))),
            ("Brier score", _num(ev.brier)), ("log loss", _num(ev.log_loss))]
    return _table("Discrimination and calibration", ["figure", "value"], rows)


def _classification(ev, names):
    rows = [(_num(r.threshold, 2), _num(r.tp), _num(r.fp), _num(r.tn), _num(r.fn),
             _num(r.tpr), _num(r.specificity), _num(r.ppv))
            for r in ev.classification.itertuples()]
    if names["threshold"] is None:
        rule, caption = ("A case is selected when its band lies above the threshold.",
                         "Confusion matrices at the band thresholds")
    else:
        rule, caption = ("A case is selected when its predicted probability is at least "
                         "the threshold.", "Confusion matrix at the threshold given")
    return ('<section id="classification"><h2>Classification</h2>'
            "<p>%s</p>\n%s</section>"
            % (rule, _table(caption,
                            ["threshold", "TP", "FP", "TN", "FN", "sensitivity",
                             "specificity", "PPV"], rows)))


def _fairness(ev, names):
    out = ['<section id="fairness"><h2>Fairness</h2>']
    frame = ev.fairness
    if frame is None or len(frame) == 0:
        out.append("<p>No grouping column was given, so there is no fairness table.</p>")
        out.append("</section>")
        return "\n".join(out)
    r = names["ratio"]
    flagged = frame[frame["flags"] != ""]
    if len(flagged):
        what = "; ".join("%s %s (%s)" % (g.grouping, g.group, ", ".join(
            _FLAG_NAMES[f] for f in g.flags.split(","))) for g in flagged.itertuples())
        out.append("<p class=\"reading\">Flagged, %d of %d groups (a rate whose ratio to "
                   "the reference group's lies outside [%.2f, %.2f]): %s.</p>"
                   % (len(flagged), len(frame), 1 / r, r, _e(what)))
    else:
        out.append("<p class=\"reading\">No group's selection rate, TPR, FPR or FNR differs "
                   "from its reference group's by a ratio outside [%.2f, %.2f].</p>"
                   % (1 / r, r))
    out.append("<p>At threshold %s (p &ge; it is selected). CITL is the observed rate "
               "minus the mean predicted probability: negative means the model "
               "over-predicts for the group.</p>" % _num(ev.threshold, 2))
    for grouping, part in frame.groupby("grouping", sort=False):
        rows, classes = [], []
        for g in part.itertuples():
            flags = ", ".join(_FLAG_NAMES[f] for f in g.flags.split(",")) if g.flags else ""
            rows.append((g.group, "yes" if g.reference else "no", _num(g.count),
                         _num(g.selection_rate), _num(g.tpr), _num(g.fpr), _num(g.fnr),
                         _num(g.citl), _num(g.selection_rate_ratio, 2),
                         _num(g.tpr_ratio, 2), _num(g.fpr_ratio, 2), _num(g.fnr_ratio, 2),
                         "FLAGGED: " + flags if flags else "no flag"))
            classes.append("flagged" if flags else None)
        out.append(_table("Grouping column %s" % grouping,
                          ["group", "reference group", "cases", "selection rate", "TPR", "FPR", "FNR",
                           "CITL", "selection ratio", "TPR ratio", "FPR ratio",
                           "FNR ratio", "flag"], rows, classes=classes))
    out.append("</section>")
    return "\n".join(out)


def _drift(ev, names):
    out = ['<section id="drift"><h2>Drift</h2>']
    if ev.psi is None:
        out.append("<p>No reference caseload was given, so there is no drift table.</p>")
    else:
        moved = ev.psi[ev.psi["reading"] != "stable"]
        if len(moved):
            out.append('<p class="reading">%s shifted against %s: %s.</p>'
                       % ("%d variable(s)" % len(moved), _e(names["reference"]),
                          _e(", ".join("%s (PSI %.2f, %s)" % (r.variable, r.psi, r.reading)
                                       for r in moved.itertuples()))))
        else:
            out.append('<p class="reading">Every variable and the score are stable against '
                       "%s (every population stability index below 0.1).</p>"
                       % _e(names["reference"]))
        rows = [(r.variable, r.kind, _num(r.psi), r.reading) for r in ev.psi.itertuples()]
        classes = [None if r.reading == "stable" else "flagged" for r in ev.psi.itertuples()]
        out.append(_table("Population stability index against %s (below 0.1 stable, "
                          "0.1 to 0.25 a moderate shift, 0.25 and above a major shift)"
                          % names["reference"], ["variable", "kind", "PSI", "reading"],
                          rows, classes=classes))
    out.append("</section>")
    return "\n".join(out)


def _override_section(overrides, names):
    tables, note = overrides
    out = ['<section id="overrides"><h2>Overrides</h2>']
    if note:
        out.append("<p>%s</p>" % _e(note))
    else:
        out.append("<p>From the assessment records %s.</p>" % _e(names["records"]))
        for caption, frame in _frames(tables):
            out.append(_frame_table(caption, frame))
    out.append("</section>")
    return "\n".join(out)


def _frames(result):
    """(caption, DataFrame) pairs from what anker.overrides() returns: one
    DataFrame, a dict or tuple of them, or an object with DataFrame attributes."""
    import pandas as pd
    if isinstance(result, pd.DataFrame):
        return [("Override figures", result)]
    if isinstance(result, dict):
        items = result.items()
    elif isinstance(result, (tuple, list)):
        items = (("Table %d" % (i + 1), v) for i, v in enumerate(result))
    else:
        items = sorted(vars(result).items())
    out = []
    for key, value in items:
        if isinstance(value, pd.DataFrame):
            out.append((str(key).replace("_", " "), value))
        elif isinstance(value, (int, float, str)) and not str(key).startswith("_"):
            out.append((str(key).replace("_", " "), pd.DataFrame({"value": [value]})))
    return out


def _frame_table(caption, frame):
    headers = [str(c) for c in frame.columns]
    rows = [[_num(v) if isinstance(v, (float, np.floating)) else v for v in row]
            for row in frame.itertuples(index=False)]
    return _table(caption, headers, rows)


_HEAD = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="libanker report; matplotlib %(matplotlib)s">
<title>%(title)s</title>
<style>%(css)s</style>
</head>
<body>"""

_FOOT = """<footer><p>Made by libanker's report (python3 -m anker.report). The page
fetches nothing: its plots are inline SVG drawn by matplotlib.</p></footer>
</body>
</html>"""

_CSS = """
body { font-family: sans-serif; max-width: 64rem; margin: 1rem auto; padding: 0 1rem;
       color: #111; background: #fff; line-height: 1.4; }
div.table { overflow-x: auto; }
table { border-collapse: collapse; margin: 0.75rem 0 1.25rem; font-size: 0.9em; }
caption { text-align: left; font-weight: bold; padding: 0.25rem 0; }
th, td { border: 1px solid #999; padding: 0.2rem 0.5rem; text-align: left;
         vertical-align: top; }
td { font-variant-numeric: tabular-nums; }
thead th { background: #e8e8e8; }
tr.flagged td, tr.flagged th { background: #fde2c8; font-weight: bold; }
figure { margin: 1rem 0 1.5rem; }
figure svg { max-width: 100%; height: auto; }
figcaption, .reading { font-style: italic; }
code { font-size: 0.95em; }
"""
