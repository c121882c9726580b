# SPDX-License-Identifier: GPL-3.0-or-later
"""The page of anker.report() for a duration model: the model card, Harrell's C,
calibration at the horizon against Kaplan-Meier per decile, the ROC curve and
the fairness table on the cases whose status at the horizon is known, the
bands, drift and overrides (docs/monitoring.md, "The report of a duration
model"). The figures are in _report_duration.py; the shared parts of the page
in _report_html.py and _report_plots.py."""

import math
import types

import numpy as np

from . import _report_duration as fig
from . import _report_html as h
from ._errors import AnkerError, Status
from .evaluate import evaluate, evaluate_duration, psi_table
from .model import _months_text


def report_page(model, frame, time, event, horizon, ref_frame, options, names, overrides,
                title):
    """The whole page as text (frame: the labelled caseload, read)."""
    horizon = _horizon(model, horizon)
    c = evaluate_duration(model, frame, time=time, event=event, horizon=horizon)
    scores = model.score(frame, ignore_extra=True, horizons=[horizon])
    p = scores["survival_%s" % _months_text(float(horizon))].to_numpy(dtype=float)
    t = frame[time].to_numpy(dtype=float)
    e = frame[event].to_numpy(dtype=float)
    known, on_benefit = fig.status_at(t, e, horizon)
    if not known.any():
        raise AnkerError.at(Status.BAD_VALUE, "no case in %s left benefit by month %g or was "
                            "followed up to it" % (names["data"], horizon), field=time)
    derived = "on_benefit_at_%g" % horizon
    subset = frame[known].copy()
    subset[derived] = on_benefit[known]
    ev = evaluate(model, subset, outcome=derived, probability=p[known], **options)
    drift = types.SimpleNamespace(
        psi=None if ref_frame is None else psi_table(model, ref_frame, frame))
    calibration = fig.calibration_table(p, t, e, horizon)
    bands = fig.band_table(scores["band"], model.band_names, p, t, e, horizon)
    d = dict(names, horizon=horizon, headline=model.horizon_months, derived=derived, count=len(t),
             known=int(known.sum()), censored_early=int(len(t) - known.sum()),
             km=fig.kaplan_meier(t, e, horizon), mean=float(np.mean(p)))

    import matplotlib  # only here: the figures above need no plotting library
    from . import _report_plots as plots
    title = title or "Model card: %s %s" % (model.id, model.version)
    head = h._HEAD % {"title": h._e(title), "css": h._CSS,
                      "matplotlib": matplotlib.__version__}
    parts = [head, "<h1>%s</h1>" % h._e(title), _summary(model, c, d), h._card(model),
             '<section id="performance"><h2>How well it predicts</h2>', _scalars(c, ev, d),
             _calibration(plots, calibration, d), _calibration_table(calibration, d),
             _roc(plots, ev, p[known], on_benefit[known], d),
             _bands(plots, bands, d), "</section>",
             h._classification(ev, names).replace(
                 "<h2>Classification</h2>", "<h2>Classification</h2>\n" + _known_note(d), 1),
             h._fairness(ev, names).replace(
                 "<h2>Fairness</h2>", "<h2>Fairness</h2>\n" + _known_note(d), 1),
             h._drift(drift, names), h._override_section(overrides, names), h._FOOT]
    return "\n".join(parts) + "\n"


def _horizon(model, horizon):
    if horizon is None:
        return model.horizon_months
    try:
        value = float(horizon)
    except (TypeError, ValueError):
        raise ValueError("horizon must be a number of months, not %r" % (horizon,)) from None
    if not 0 < value <= model.max_months:
        raise ValueError("horizon %g months: the model %s describes months 0 to %g"
                         % (value, model.id, model.max_months))
    return int(value) if value.is_integer() else value


def _pct(x):
    return "undefined" if not math.isfinite(x) else "%.1f%%" % (100 * x)


def _summary(model, c, d):
    return ("<p>This report describes how the duration model <strong>%s</strong> (%s) "
            "predicted how long the %s cases of <code>%s</code> stayed on benefit "
            "(months in column <code>%s</code>, column <code>%s</code> 1 when the case left "
            "benefit then, 0 when it was still on benefit at the end of follow-up). %s of "
            "them left benefit while followed up. The figures are at the horizon of %g "
            "months: the model's output there is the probability of still being on benefit "
            "(&ldquo;%s&rdquo;). Every figure is computed by libanker (docs/monitoring.md "
            "and docs/evaluation.md define them); it says how the model did on these cases, "
            "not that it is fit for any decision.</p>"
            % (h._e(model.name), h._e(model.id), h._num(d["count"]), h._e(d["data"]),
               h._e(d["time"]), h._e(d["event"]), h._num(c["events"]), d["horizon"],
               h._e(model.outcome)))


def _known_note(d):
    return ("<p>On the %s cases whose status at %g months is known (they left benefit by "
            "then, or were followed up to it); the %s cases censored before %g months are "
            "left out. The outcome is derived from the stay: 1 still on benefit at %g "
            "months, 0 left by then (column <code>%s</code>), and the figures are "
            "anker.evaluate()'s on it, with the predicted probability of still being on "
            "benefit at %g months: a &ldquo;selected&rdquo; case is one predicted to "
            "stay, a true positive one that stayed.</p>"
            % (h._num(d["known"]), d["horizon"], h._num(d["censored_early"]), d["horizon"],
               d["horizon"], h._e(d["derived"]), d["horizon"]))


def _scalars(c, ev, d):
    rows = [("cases", h._num(d["count"])),
            ("left benefit while followed up (events)", h._num(c["events"])),
            ("Harrell's C, overall", h._num(c["harrell_c"])),
            ("Harrell's C, truncated at %g months" % d["horizon"],
             h._num(c["harrell_c_horizon"])),
            ("mean predicted probability of still being on benefit at %g months"
             % d["horizon"], h._num(d["mean"])),
            ("observed share still on benefit at %g months (Kaplan-Meier)" % d["horizon"],
             h._num(d["km"])),
            ("cases whose status at %g months is known" % d["horizon"], h._num(d["known"])),
            ("cases censored before %g months (left out of the ROC curve, the "
             "classification and the fairness table)" % d["horizon"],
             h._num(d["censored_early"])),
            ("AUC at %g months on the known cases (95%% CI, DeLong)" % d["horizon"],
             "%s (%s to %s)" % (h._num(ev.auc), h._num(ev.auc_lower), h._num(ev.auc_upper)))]
    return ('<p>Harrell\'s C is the share of comparable pairs of cases (the one with the '
            "shorter stay left benefit then) in which the model gives the case that left "
            "first the higher hazard (its log relative hazard); 0.5 is chance, 1 a perfect "
            "ranking. Truncated at the horizon, only pairs whose shorter stay ended by "
            "then count.</p>\n"
            + h._table("Discrimination and calibration at the horizon", ["figure", "value"],
                       rows))


def _calibration(plots, rows, d):
    x = np.array([r[3] for r in rows])
    obs = np.array([r[4] for r in rows])
    gap = np.where(np.isfinite(obs), obs - x, 0.0)
    worst = int(np.argmax(np.abs(gap)))
    reading = ("Overall the model predicts %s still on benefit at %g months and %s were "
               "(Kaplan-Meier); the largest gap is in decile %d, where %s were still on "
               "benefit against %s predicted." % (_pct(d["mean"]), d["horizon"],
                                                  _pct(d["km"]), rows[worst][0],
                                                  _pct(obs[worst]), _pct(x[worst])))
    return plots.calibration_figure(
        x, obs, reading,
        ylabel="observed still on benefit (Kaplan-Meier)",
        title="Calibration at %g months: Kaplan-Meier against predicted, per decile"
              % d["horizon"])


def _calibration_table(rows, d):
    return h._table("Calibration at %g months per decile of the predicted probability "
                    "(Kaplan-Meier, right censoring handled)" % d["horizon"],
                    ["decile", "cases", "left by %g months" % d["horizon"],
                     "mean predicted", "observed (Kaplan-Meier)"],
                    [(k, h._num(n), h._num(ev), h._num(m), h._num(km))
                     for k, n, ev, m, km in rows])


def _roc(plots, ev, p, y, d):
    text = plots._roc(ev, p, y, case="still on benefit at %g months" % d["horizon"],
                      other="who had left by then")
    note = ("</figcaption>", " Among the %s cases whose status at %g months is known; %s "
            "censored before then are left out.</figcaption>"
            % (h._num(d["known"]), d["horizon"], h._num(d["censored_early"])))
    return text.replace(*note)


def _bands(plots, rows, d):
    names = [r[0] for r in rows]
    share = np.array([r[2] for r in rows])
    seen = [r for r in rows if r[1] > 0]
    most = max(rows, key=lambda r: r[2])
    reading = ("Most cases fall in band %s (%.0f%%); by Kaplan-Meier %s were still on "
               "benefit at %g months in band %s and %s in band %s."
               % (most[0], 100 * most[2], _pct(seen[0][4]), d["horizon"], seen[0][0],
                  _pct(seen[-1][4]), seen[-1][0]))
    table = h._table("Bands (the model's bands of the probability of still being on "
                     "benefit at its headline horizon, %g months), observed at %g months"
                     % (d["headline"], d["horizon"]),
                     ["band", "cases", "share", "mean predicted", "observed (Kaplan-Meier)"],
                     [(n, h._num(c), h._num(s), h._num(m), h._num(km))
                      for n, c, s, m, km in rows])
    return plots.bands_figure(names, share, reading) + "\n" + table
