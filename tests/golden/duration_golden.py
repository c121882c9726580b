#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Golden tests of kind "duration" against independent implementations.

Cox: statsmodels' PHReg is fitted on a synthetic caseload generated here
(seeded numpy: numeric, boolean and categorical covariates, durations in whole
months so that many exits tie, random and administrative censoring). Its
coefficients and baseline go into a model file; libanker's survival curves for
a set of cases must equal PHReg's predictions to 1e-10 (relative), as must the
median and the restricted mean computed here with numpy from PHReg's curve.

Weibull: model files with several shapes; survival, median and restricted
mean must equal scipy.stats.weibull_min and scipy.integrate.quad to 1e-10.

libanker is reached through the Python binding (single-case results and the
batch scorer, which must agree with each other bit for bit).

usage: duration_golden.py   (ANKER_LIBRARY names the library to test)
"""

import json
import math
import os
import sys
import tempfile

import numpy as np
import pandas as pd
from scipy import integrate, stats
from statsmodels.duration.hazard_regression import PHReg

sys.path.insert(0, os.path.join(os.environ.get("ANKER_SOURCE_DIR", "."), "bindings", "python"))
import anker  # noqa: E402

TOLERANCE = 1e-10
LEVELS = ["basic", "vocational", "higher"]
HORIZONS = [3, 6, 12, 24]

worst = {}


def check(what, got, want):
    """|got - want| <= 1e-10 * |want| elementwise (inf and NaN must match exactly)."""
    got = np.asarray(got, dtype=np.float64)
    want = np.asarray(want, dtype=np.float64)
    special = ~np.isfinite(want)
    if not np.array_equal(np.isposinf(got), np.isposinf(want)) or \
            not np.array_equal(np.isnan(got), np.isnan(want)):
        raise AssertionError("%s: non-finite values differ: %r vs %r"
                             % (what, got[special], want[special]))
    ok = np.isfinite(want)
    rel = np.abs(got[ok] - want[ok]) / np.maximum(np.abs(want[ok]), 1e-300)
    r = float(rel.max()) if rel.size else 0.0
    worst[what] = max(worst.get(what, 0.0), r)
    if r > TOLERANCE:
        i = int(np.argmax(rel))
        raise AssertionError("%s: relative difference %.3g > %g (%r vs %r)"
                             % (what, r, TOLERANCE, got[ok][i], want[ok][i]))


def caseload(rng, n):
    """A synthetic caseload with covariates in the model's ranges."""
    return pd.DataFrame({
        "age": rng.integers(18, 68, n).astype(np.float64),
        "ww_months": np.round(rng.uniform(0, 24, n), 1),
        "partner": rng.integers(0, 2, n).astype(bool),
        "education": rng.choice(LEVELS, n),
    })


def design(df):
    """The columns PHReg is fitted on, in the order of the model file's terms."""
    return np.column_stack([
        df["age"], df["ww_months"], df["partner"].astype(np.float64),
        (df["education"] == "vocational").astype(np.float64),
        (df["education"] == "higher").astype(np.float64),
    ])


def model_file(params, survival, horizon=12):
    """A duration model over the covariates of caseload() with coefficients @p params."""
    b = [float(x) for x in params]
    return {
        "format": "anker-model", "format_version": 1, "kind": "duration",
        "id": "golden-duration", "name": "Golden duration model", "version": "1",
        "toets": "BLIJF",
        "outcome": {"description": "Still on benefit", "horizon_months": horizon},
        "valid_from": "2026-01-01",
        "provenance": {"statement": "Test model.", "data": "Synthetic.",
                       "fitted_by": "tests/golden/duration_golden.py"},
        "variables": [
            {"name": "age", "kind": "numeric", "range": [18, 67]},
            {"name": "ww_months", "kind": "numeric", "range": [0, 24]},
            {"name": "partner", "kind": "boolean"},
            {"name": "education", "kind": "categorical", "levels": LEVELS},
        ],
        "terms": [
            {"name": "age", "label": "Age", "type": "linear", "variable": "age", "coef": b[0]},
            {"name": "ww", "label": "WW months", "type": "linear", "variable": "ww_months",
             "coef": b[1]},
            {"name": "partner", "label": "Partner", "type": "linear", "variable": "partner",
             "coef": b[2]},
            {"name": "education", "label": "Education", "type": "categorical",
             "variable": "education", "reference": "basic",
             "effects": {"vocational": b[3], "higher": b[4]}},
        ],
        "survival": survival,
        "horizons": HORIZONS,
        "bands": {"boundary": "lower", "items": [
            {"name": "short", "upper": 0.25}, {"name": "medium", "upper": 0.5},
            {"name": "long"}]},
    }


def load(doc, directory, name):
    path = os.path.join(directory, name)
    with open(path, "w") as f:
        json.dump(doc, f)  # repr of every float: the numbers round-trip exactly
    return anker.Model.load(path)


def single_case(model, df, months, given=0.0):
    """S(months | given) per case and time, from single-case results: shape (cases, times)."""
    out = np.empty((len(df), len(months)))
    for i, row in enumerate(df.to_dict("records")):
        row["partner"] = bool(row["partner"])
        with model.score_case(row) as res:
            out[i] = [res.survival(t, given) for t in months]
    return out


def batch_matches_single(model, df, scores):
    """The batch's outputs equal the single-case results to the last bit."""
    for i, row in enumerate(df.to_dict("records")):
        row["partner"] = bool(row["partner"])
        with model.score_case(row) as res:
            for name, value in res.outputs.items():
                b = scores[name].iloc[i]
                same = (b == value) if isinstance(value, str) else (
                    np.float64(b).tobytes() == np.float64(value).tobytes())
                if not same:
                    raise AssertionError("batch %s %r != single case %r" % (name, b, value))
            for h in HORIZONS:
                if np.float64(res.survival(h)).tobytes() != \
                        np.float64(scores["survival_%d" % h].iloc[i]).tobytes():
                    raise AssertionError("survival(%d) differs from survival_%d" % (h, h))


def cox(directory):
    rng = np.random.default_rng(20261202)
    n = 600
    df = caseload(rng, n)
    x = design(df)
    true_beta = np.array([0.02, 0.05, -0.3, -0.2, -0.5])
    # Weibull exit times (in months) under proportional hazards, then whole months: ties.
    u = rng.uniform(size=n)
    t = 14.0 * (-np.log(u) / np.exp(x @ true_beta - 0.9)) ** (1 / 1.3)
    time = np.ceil(t)
    censor = np.ceil(rng.uniform(1, 60, n))
    status = (time <= censor) & (time <= 36)
    time = np.minimum(np.minimum(time, censor), 36)
    assert len(np.unique(time[status])) < status.sum(), "no ties"

    fit = PHReg(time, x, status=status.astype(np.float64), ties="breslow").fit()
    # PHReg does not centre the covariates: its baseline is at x = 0, as the file's is.
    # Its baseline_cumulative_hazard gives at each distinct exit time u[i] the hazard
    # accumulated *before* it (np.cumsum(h0) - h0), and predict() steps on that, so
    # PHReg's S(t) for t in [u[i], u[i+1]) is the right-continuous S(u[i-1]). The file
    # holds the right-continuous baseline (as R's survfit gives it): S0(u[i]) is PHReg's
    # value at u[i+1]. The last exit time's own jump is not in PHReg's output, so the
    # grid ends at the one before it.
    uft, cumhaz_before, _ = fit.baseline_cumulative_hazard[0]
    grid = uft[:-1]
    s0 = np.exp(-cumhaz_before[1:])
    survival = {"form": "cox", "baseline": {"months": [float(m) for m in grid],
                                             "survival": [float(s) for s in s0]}}
    model = load(model_file(fit.params, survival), directory, "cox.json")

    cases = caseload(rng, 40)
    cases = pd.concat([cases, pd.DataFrame({  # the corners of the ranges
        "age": [18.0, 67.0, 67.0], "ww_months": [0.0, 24.0, 24.0],
        "partner": [False, True, False], "education": ["basic", "higher", "vocational"]})],
        ignore_index=True)
    xc = design(cases)

    def phreg(times):
        """PHReg's S at @p times for every case (cases, times)."""
        k = len(times)
        return fit.model.predict(fit.params, exog=np.repeat(xc, k, axis=0),
                                 endog=np.tile(np.asarray(times, dtype=np.float64), len(xc)),
                                 pred_type="surv").predicted_values.reshape(len(xc), k)

    # S(t) for t at every grid month, between them and before the first: the
    # right-continuous value at t is PHReg's at the next exit time.
    times = np.concatenate([[0.0, grid[0] / 2], grid, (grid[:-1] + grid[1:]) / 2])
    following = np.searchsorted(uft, times, side="right")  # the next exit time's index
    want = phreg(uft[following])
    got = single_case(model, cases, times)
    check("cox S(t)", got, want)

    # The conditional query S(t | s) = S(t) / S(s).
    s = 7.0
    later = times[times >= s]
    want_s = phreg(uft[[np.searchsorted(uft, s, side="right")]])
    check("cox S(t | 7)", single_case(model, cases, later, s),
          phreg(uft[np.searchsorted(uft, later, side="right")]) / want_s)

    # Beyond the grid: undefined.
    if not np.isnan(single_case(model, cases[:1], [grid[-1] + 0.5])).all():
        raise AssertionError("S beyond the grid is not NaN")

    # The named outputs, from the batch scorer.
    scores = model.score(cases)
    lhr = fit.model.predict(fit.params, exog=xc, pred_type="lhr").predicted_values
    check("cox log_relative_hazard", scores["log_relative_hazard"], lhr)
    hz = phreg(uft[np.searchsorted(uft, HORIZONS, side="right")])
    for j, h in enumerate(HORIZONS):
        check("cox survival_H", scores["survival_%d" % h], hz[:, j])
        check("cox exit_H", scores["exit_%d" % h], 1.0 - hz[:, j])
    # median and restricted mean from PHReg's curve at the grid months
    curve = phreg(uft[1:])  # S(grid[i]) for every grid month
    below = curve <= 0.5
    median = np.where(below.any(axis=1), grid[np.argmax(below, axis=1)], np.inf)
    check("cox median_months", scores["median_months"], median)
    rmst = grid[0] + (curve[:, :-1] * np.diff(grid)).sum(axis=1)
    check("cox rmst_months", scores["rmst_months"], rmst)
    bands = np.digitize(hz[:, HORIZONS.index(12)], [0.25, 0.5], right=True)
    got_bands = scores["band"].cat.codes.to_numpy()
    if not np.array_equal(got_bands, bands):
        raise AssertionError("cox band: %r vs %r" % (got_bands, bands))
    batch_matches_single(model, cases, scores)
    print("cox: %d cases, %d grid months, %d exits (%d distinct)"
          % (len(cases), len(grid), int(status.sum()), len(uft)))


def weibull(directory):
    rng = np.random.default_rng(7)
    cases = caseload(rng, 30)
    xc = design(cases)
    beta = np.array([0.015, 0.04, -0.25, -0.15, -0.45])
    eta = xc @ beta
    for shape, scale, max_months in ((0.6, 30.0, 60.0), (1.0, 12.0, 36.0),
                                     (1.7, 10.0, 48.0), (3.0, 25.0, 24.0)):
        survival = {"form": "weibull", "shape": shape, "scale": scale,
                    "max_months": max_months}
        model = load(model_file(beta, survival), directory, "weibull.json")
        # PH with hazard ratio hr: S(t) = exp(-(t/scale)^k hr), a Weibull with
        # scale scale * hr^(-1/k).
        dists = [stats.weibull_min(shape, scale=scale * math.exp(-e / shape)) for e in eta]
        times = np.array([0.0, 0.5, 1.0, 3.0, 6.5, 12.0, max_months / 2, max_months])
        want = np.array([[d.sf(t) for t in times] for d in dists])
        tag = "weibull k=%g" % shape
        check(tag + " S(t)", single_case(model, cases, times), want)
        later = times[times >= 3.0]
        want_cond = np.array([[d.sf(t) / d.sf(3.0) for t in later] for d in dists])
        check(tag + " S(t | 3)", single_case(model, cases, later, 3.0), want_cond)
        scores = model.score(cases)
        for h in HORIZONS:
            check(tag + " survival_H", scores["survival_%d" % h], [d.sf(h) for d in dists])
        medians = np.array([d.median() for d in dists])
        check(tag + " median_months", scores["median_months"],
              np.where(medians <= max_months, medians, np.inf))
        rmst = [integrate.quad(d.sf, 0.0, max_months, epsabs=0.0, epsrel=1e-13,
                               limit=500)[0] for d in dists]
        check(tag + " rmst_months", scores["rmst_months"], rmst)
        batch_matches_single(model, cases, scores)
        model.close()
    print("weibull: 4 shapes x %d cases" % len(cases))


def main():
    with tempfile.TemporaryDirectory() as directory:
        cox(directory)
        weibull(directory)
    for what, r in worst.items():
        print("%-32s max relative difference %.3g" % (what, r))
    return 0


if __name__ == "__main__":
    sys.exit(main())
