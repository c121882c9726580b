# SPDX-License-Identifier: GPL-3.0-or-later
"""anker.fit() for duration models: Cox against statsmodels' PHReg (Breslow and
Efron ties) with the Breslow baseline computed here with numpy, and Weibull
against the log-likelihood written here with numpy, maximised by scipy, with
its Hessian by complex-step differentiation (statsmodels.tools.numdiff).
"""

import json

import numpy as np
import pandas as pd
import pytest

import anker
from anker import AnkerError, Status

sm = pytest.importorskip("statsmodels.api")
from statsmodels.duration.hazard_regression import PHReg  # noqa: E402
from statsmodels.tools.numdiff import approx_fprime_cs, approx_hess_cs  # noqa: E402
import scipy.optimize  # noqa: E402

REL = 1e-6
LEVELS = ["basic", "vocational", "higher"]
GRID = [1, 2, 3, 6, 9, 12, 18]


def spec(variables, terms, survival):
    return json.dumps({
        "format": "anker-model", "format_version": 1, "kind": "duration", "id": "fit-dur",
        "name": "Fit duration", "version": "1", "toets": "BLIJF",
        "outcome": {"description": "Still on benefit", "horizon_months": 6},
        "valid_from": "2026-01-01",
        "provenance": {"statement": "Test model.", "data": "none", "fitted_by": "tests"},
        "variables": variables, "terms": terms, "survival": survival, "horizons": [3, 6],
        "bands": {"boundary": "lower", "items": [{"name": "short", "upper": 0.5},
                                                  {"name": "long"}]},
    })


COX = {"form": "cox", "baseline": {"months": GRID, "survival": [0.9] * len(GRID)}}
WEIBULL = {"form": "weibull", "shape": 1, "scale": 10, "max_months": 24}


def caseload(n=1500, seed=21):
    """Whole months, so that many exit times are tied; censored at a random month."""
    rng = np.random.default_rng(seed)
    d = pd.DataFrame({"age": rng.uniform(18, 67, n), "ww": rng.uniform(0, 24, n),
                      "partner": rng.random(n) < 0.5, "education": rng.choice(LEVELS, n)})
    eta = (-0.02 * (d["age"] - 40) + 0.3 * d["partner"] + np.where(d["education"] == "higher",
                                                                    0.5, 0.0)
           - np.where(d["ww"] >= 12, 0.4, 0.0))
    t = np.ceil(rng.weibull(1.3, n) * 9 * np.exp(-eta / 1.3))
    c = rng.integers(4, 30, n)
    d["months"] = np.minimum(t, c).astype(float)
    d["left"] = (t <= c).astype(float)
    return d


VARS = [{"name": "age", "kind": "numeric", "range": [18, 67]},
        {"name": "ww", "kind": "numeric", "range": [0, 24]},
        {"name": "partner", "kind": "boolean"},
        {"name": "education", "kind": "categorical", "levels": LEVELS}]
TERMS = [{"type": "linear", "name": "age", "label": "Age", "variable": "age", "coef": 0,
          "center": 40},
         {"type": "bins", "name": "ww", "label": "WW", "variable": "ww", "edges": [6, 12],
          "effects": [0, 0, 0]},
         {"type": "linear", "name": "partner", "label": "Partner", "variable": "partner",
          "coef": 0},
         {"type": "categorical", "name": "education", "label": "Education",
          "variable": "education", "reference": "basic",
          "effects": {"vocational": 0, "higher": 0}},
         {"type": "interaction", "name": "age_partner", "label": "x", "coef": 0,
          "factors": [{"variable": "age"}, {"variable": "partner"}]}]


def design(d):
    b = np.searchsorted([6, 12], d["ww"], side="right")
    return np.column_stack([d["age"] - 40, b == 1, b == 2, d["partner"],
                            d["education"] == "vocational", d["education"] == "higher",
                            d["age"] * d["partner"]]).astype(float)


def breslow_survival(X, beta, time, event, months):
    """S0 at each month: exp(-sum over exit times t <= month of exits(t) / sum_{time >= t} e^eta)."""
    risk = np.exp(X @ beta)
    out = []
    for m in months:
        h = 0.0
        for t in np.unique(time[(event == 1) & (time <= m)]):
            h += np.sum((time == t) & (event == 1)) / np.sum(risk[time >= t])
        out.append(np.exp(-h))
    return np.array(out)


@pytest.mark.parametrize("ties", ["breslow", "efron"])
def test_cox_agrees_with_phreg_and_the_breslow_baseline(ties):
    d = caseload()
    model, stats = anker.fit(spec(VARS, TERMS, COX), d, outcome="left", time="months",
                             ties=ties)
    X = design(d)
    ref = PHReg(d["months"], X, status=d["left"], ties=ties).fit()
    np.testing.assert_allclose(stats["estimate"], ref.params, rtol=REL)
    np.testing.assert_allclose(stats["std_error"], ref.bse, rtol=REL)
    assert stats.attrs["log_likelihood"] == pytest.approx(ref.llf, rel=1e-10)
    assert stats.attrs["ties"] == ties and stats.attrs["form"] == "cox"
    fitted = json.loads(model._text)
    want = breslow_survival(X, ref.params, d["months"].to_numpy(), d["left"].to_numpy(), GRID)
    np.testing.assert_allclose(fitted["survival"]["baseline"]["survival"], want, rtol=1e-9)
    # and statsmodels' own baseline: its cumulative hazard just before each exit time
    times, cumhaz, _ = ref.model.baseline_cumulative_hazard(ref.params)[0]
    for m, s in zip(GRID, fitted["survival"]["baseline"]["survival"]):
        after = times > m
        if after.any():
            assert -np.log(s) == pytest.approx(cumhaz[after][0], rel=1e-9)
    assert "Cox partial likelihood (%s ties)" % ties.capitalize() in model.provenance["method"]


def test_cox_on_statsmodels_heart_data():
    h = sm.datasets.heart.load_pandas().data
    variables = [{"name": "age", "kind": "numeric", "range": [0, 100]}]
    terms = [{"type": "linear", "name": "age", "label": "Age", "variable": "age", "coef": 0}]
    survival = {"form": "cox", "baseline": {"months": [30, 90, 365, 1000],
                                            "survival": [1, 1, 1, 1]}}
    for ties in ("breslow", "efron"):
        _, stats = anker.fit(spec(variables, terms, survival), h, outcome="censors",
                             time="survival", ties=ties)
        ref = PHReg(h["survival"], h[["age"]], status=h["censors"], ties=ties).fit()
        np.testing.assert_allclose(stats["estimate"], ref.params, rtol=REL)
        np.testing.assert_allclose(stats["std_error"], ref.bse, rtol=REL)


def weibull_loglik(theta, X, time, event):
    """theta = (beta, c, a): H(t) = exp(k log t + c + x'beta), h = k/t H, k = exp(a)."""
    p = X.shape[1]
    beta, c, a = theta[:p], theta[p], theta[p + 1]
    k = np.exp(a)
    u = k * np.log(time) + c + X @ beta
    return np.sum(event * (a + u - np.log(time)) - np.exp(u))


def test_weibull_agrees_with_a_direct_maximisation():
    d = caseload(800, seed=4)
    model, stats = anker.fit(spec(VARS, TERMS, WEIBULL), d, outcome="left", time="months")
    X, time, event = design(d), d["months"].to_numpy(), d["left"].to_numpy()
    p = X.shape[1]
    opt = scipy.optimize.minimize(lambda th: -weibull_loglik(th, X, time, event),
                                  np.r_[np.zeros(p), np.log(event.sum() / time.sum()), 0.0],
                                  method="BFGS", options={"gtol": 1e-10, "maxiter": 10000})
    theta = opt.x
    for _ in range(5):  # polish BFGS's answer with Newton steps on complex-step derivatives
        g = approx_fprime_cs(theta, weibull_loglik, args=(X, time, event))
        H = approx_hess_cs(theta, weibull_loglik, args=(X, time, event))
        theta = theta - np.linalg.solve(H, g)
    cov = np.linalg.inv(-approx_hess_cs(theta, weibull_loglik, args=(X, time, event)))
    np.testing.assert_allclose(stats["estimate"], theta[:p], rtol=REL)
    np.testing.assert_allclose(stats["std_error"], np.sqrt(np.diag(cov))[:p], rtol=REL)
    k = np.exp(theta[p + 1])
    assert stats.attrs["shape"]["estimate"] == pytest.approx(k, rel=REL)
    assert stats.attrs["shape"]["std_error"] == pytest.approx(k * np.sqrt(cov[p + 1, p + 1]),
                                                              rel=REL)
    scale = np.exp(-theta[p] / k)
    assert stats.attrs["scale"]["estimate"] == pytest.approx(scale, rel=REL)
    assert stats.attrs["log_likelihood"] == pytest.approx(weibull_loglik(theta, X, time, event),
                                                          rel=1e-10)
    fitted = json.loads(model._text)
    assert fitted["survival"]["shape"] == pytest.approx(k, rel=REL)
    assert fitted["survival"]["max_months"] == 24


def test_duration_errors():
    d = caseload(300)
    with pytest.raises(AnkerError) as info:
        anker.fit(spec(VARS, TERMS, COX), d.assign(left=0.0), outcome="left", time="months")
    assert info.value.status == Status.BAD_VALUE and "no case" in info.value.message
    t = d["months"].to_numpy().copy()
    t[3] = 0
    with pytest.raises(AnkerError) as info:
        anker.fit(spec(VARS, TERMS, COX), d.assign(months=t), outcome="left", time="months")
    assert info.value.status == Status.OUT_OF_RANGE and info.value.field == "months"
    assert info.value.case_index == 3
    long_grid = dict(COX, baseline={"months": [1, 2, 600], "survival": [1, 1, 1]})
    with pytest.raises(AnkerError) as info:
        anker.fit(spec(VARS, TERMS, long_grid), d, outcome="left", time="months")
    assert info.value.status == Status.BAD_VALUE and "beyond the longest time" in info.value.message
    with pytest.raises(AnkerError) as info:
        anker.fit(spec(VARS, TERMS, COX), d.assign(w=1.0), outcome="left", time="months",
                  weights="w")
    assert "Breslow" in info.value.message
    with pytest.raises(AnkerError) as info:
        anker.fit(spec(VARS, TERMS, COX), d, outcome="left")
    assert "time column" in info.value.message
