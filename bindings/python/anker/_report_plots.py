# SPDX-License-Identifier: GPL-3.0-or-later
"""The plots of anker.report(): matplotlib figures as inline SVG, each in a
<figure> with a <title> and a one-line reading in words.

Deterministic: a fixed svg.hashsalt, no date or creator metadata, text kept as
<text> (svg.fonttype 'none', so no glyph definitions and no font is fetched:
the browser draws the text with a local sans-serif font). The element ids of
each SVG get a prefix of their own, so that several plots in one page never
share an id.
"""

import html
import io
import math
import re

import numpy as np

_RC = {"svg.hashsalt": "anker-report", "svg.fonttype": "none", "font.size": 10,
       "font.family": "sans-serif", "figure.dpi": 72, "axes.grid": True,
       "grid.color": "#dddddd"}
_METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}


def _fmt(form, x):
    """x in %-format form, or "undefined" (NaN: too few cases for the figure)."""
    return form % x if math.isfinite(x) else "undefined"


def figures(model, ev, p, y):
    """The three figures as HTML text: calibration, ROC, bands."""
    return [_calibration(ev), _roc(ev, p, y), _bands(model, ev)]


def _svg(fig, prefix, title):
    """The figure as an inline <svg> with a <title>, ids prefixed, no XML prolog,
    no metadata and no namespace URLs (an SVG inside HTML needs none)."""
    import matplotlib
    buf = io.StringIO()
    with matplotlib.rc_context(_RC):
        fig.savefig(buf, format="svg", metadata=_METADATA)
    text = buf.getvalue()
    text = text[text.index("<svg"):]
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, flags=re.S)
    text = re.sub(r'\s+xmlns(:\w+)?="[^"]*"', "", text)
    text = re.sub(r'\bid="', 'id="%s-' % prefix, text)
    text = text.replace("url(#", "url(#%s-" % prefix)
    text = text.replace('href="#', 'href="#%s-' % prefix)
    head_end = text.index(">") + 1
    head = text[:head_end - 1] + ' role="img" aria-labelledby="%s-title">' % prefix
    return (head + '\n<title id="%s-title">%s</title>' % (prefix, html.escape(title))
            + text[head_end:])


def _figure(prefix, title, draw, reading):
    from matplotlib.figure import Figure
    import matplotlib
    with matplotlib.rc_context(_RC):
        fig = Figure(figsize=(6.4, 4.4))
        ax = fig.add_subplot()
        draw(ax)
        fig.tight_layout()
        svg = _svg(fig, prefix, title)
    return ('<figure id="%s">\n%s\n<figcaption><strong>%s.</strong> %s</figcaption>\n'
            "</figure>" % (prefix, svg, html.escape(title), html.escape(reading)))


def _calibration(ev):
    dec = ev.reliability[ev.reliability["by"] == "decile"]
    x, obs = dec["mean_predicted"].to_numpy(), dec["observed_rate"].to_numpy()
    gap = obs - x
    worst = int(np.argmax(np.abs(gap)))
    reading = ("Overall the model predicts %.1f%% and %.1f%% had the outcome "
               "(calibration-in-the-large %+.1f points, slope %s); the largest gap is in "
               "decile %d, where %.1f%% had the outcome against %.1f%% predicted."
               % (100 * ev.mean_predicted, 100 * ev.observed_rate, 100 * ev.citl,
                  _fmt("%.2f", ev.calibration_slope), worst + 1, 100 * obs[worst],
                  100 * x[worst]))
    return calibration_figure(x, obs, reading)


def calibration_figure(x, obs, reading, ylabel="observed rate",
                       title="Calibration: observed against predicted, per decile"):
    """The calibration plot: observed @obs against mean predicted @x per
    decile, with the diagonal."""
    def draw(ax):
        ax.plot([0, 1], [0, 1], linestyle="--", color="#777777",
                label="perfect calibration (the diagonal)")
        ax.plot(x, obs, marker="o", color="#1f4e9c", label="observed per decile")
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.set_xlabel("mean predicted probability")
        ax.set_ylabel(ylabel)
        ax.legend(loc="upper left")

    return _figure("calibration", title, draw, reading)


def roc_points(p, y):
    """The ROC curve's (FPR, TPR) points, one per distinct probability (ties
    together), from (0, 0) to (1, 1)."""
    order = np.argsort(-p, kind="mergesort")
    ps, ys = p[order], y[order]
    last = np.r_[np.nonzero(np.diff(ps))[0], len(ps) - 1]
    tp = np.cumsum(ys)[last]
    fp = np.cumsum(1 - ys)[last]
    return np.r_[0, fp / fp[-1]], np.r_[0, tp / tp[-1]]


def _roc(ev, p, y, case="with the outcome", other="without it"):
    """The ROC curve of @p against the 0/1 @y, its AUC ev.auc; the reading
    ranks a random case @case above one @other."""
    def draw(ax):
        ax.plot([0, 1], [0, 1], linestyle="--", color="#777777", label="chance (AUC 0.5)")
        if math.isfinite(ev.auc):  # else there is no curve: one outcome only
            fpr, tpr = roc_points(p, y)
            ax.plot(fpr, tpr, color="#1f4e9c", label="the model (AUC %.2f)" % ev.auc)
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.set_xlabel("false-positive rate (1 - specificity)")
        ax.set_ylabel("true-positive rate (sensitivity)")
        ax.legend(loc="lower right")

    if math.isfinite(ev.auc):
        ci = ("95%% CI %.2f-%.2f" % (ev.auc_lower, ev.auc_upper)
              if math.isfinite(ev.auc_lower) else "too few cases for a 95% CI")
        reading = ("The model ranks a random case %s above one %s %.0f%% of the time "
                   "(AUC %.2f, %s)." % (case, other, 100 * ev.auc, ev.auc, ci))
    else:
        reading = "The AUC is undefined: the caseload lacks cases of one outcome."
    return _figure("roc", "ROC curve", draw, reading)


def _bands(model, ev):
    bands = ev.reliability[ev.reliability["by"] == "band"]
    names = list(bands["group"])
    share = bands["count"].to_numpy() / ev.count
    obs = bands["observed_rate"].to_numpy()
    if not names:
        return bands_figure(names, share, "The model has no bands.")
    most = int(np.argmax(share))
    seen = [k for k in range(len(names)) if bands["count"].iloc[k] > 0]
    reading = ("Most cases fall in band %s (%.0f%%); the observed rate is %.0f%% in band %s "
               "and %.0f%% in band %s." % (names[most], 100 * share[most], 100 * obs[seen[0]],
                                           names[seen[0]], 100 * obs[seen[-1]],
                                           names[seen[-1]]))
    return bands_figure(names, share, reading)


def bands_figure(names, share, reading):
    """The bar chart of the share of the cases per band."""
    def draw(ax):
        pos = np.arange(len(names))
        bars = ax.bar(pos, share, color="#1f4e9c", label="share of cases")
        for bar, s in zip(bars, share):
            ax.annotate("%.0f%%" % (100 * s), (bar.get_x() + bar.get_width() / 2, s),
                        ha="center", va="bottom", xytext=(0, 2), textcoords="offset points")
        ax.set_xticks(pos)
        ax.set_xticklabels(names)
        ax.set_ylim(0, min(1.0, 1.2 * max(share)))
        ax.set_axisbelow(True)
        ax.grid(axis="x", visible=False)
        ax.set_ylabel("share of the cases")
        ax.set_xlabel("band (from low to high predicted probability)")

    return _figure("bands", "Distribution over the bands", draw, reading)
