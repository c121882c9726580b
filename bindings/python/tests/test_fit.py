# SPDX-License-Identifier: GPL-3.0-or-later
"""anker.fit() against statsmodels' Logit and Probit, and its errors.

The reference designs are built here with numpy and pandas (np.interp for a
spline's hat functions, np.searchsorted for bins, indicator columns for levels),
independently of the library's expansion of the terms.
"""

import hashlib
import json

import numpy as np
import pandas as pd
import pytest

import anker
from anker import AnkerError, Status

sm = pytest.importorskip("statsmodels.api")

REL = 1e-6


def spec(variables, terms, link="logit"):
    return json.dumps({
        "format": "anker-model", "format_version": 1, "kind": "binary", "id": "fit-test",
        "name": "Fit test", "version": "1.0.0", "toets": "AMT",
        "outcome": {"description": "work within 6 months", "horizon_months": 6},
        "valid_from": "2026-01-01",
        "provenance": {"statement": "Test model, not an official UWV model.", "data": "none",
                       "fitted_by": "libanker tests", "fitted_on": "2020-01-01"},
        "variables": variables, "link": link, "terms": terms,
        "bands": {"boundary": "lower", "items": [{"name": "low", "upper": 0.5},
                                                  {"name": "high"}]},
    }, indent=1)


def num(name, lo, hi, **kw):
    return dict({"name": name, "kind": "numeric", "range": [lo, hi]}, **kw)


def cat(name, levels, **kw):
    return dict({"name": name, "kind": "categorical", "levels": levels}, **kw)


def intercept():
    return {"type": "intercept", "name": "base", "label": "Base", "coef": 0}


def linear(var, name=None, **kw):
    return dict({"type": "linear", "name": name or var, "label": var, "variable": var,
                 "coef": 0}, **kw)


def categorical(var, levels, reference):
    return {"type": "categorical", "name": var, "label": var, "variable": var,
            "reference": reference, "effects": {l: 0 for l in levels if l != reference}}


def assert_agrees(stats, ref):
    est, se = stats["estimate"].to_numpy(), stats["std_error"].to_numpy()
    np.testing.assert_allclose(est, np.asarray(ref.params), rtol=REL, atol=0)
    np.testing.assert_allclose(se, np.asarray(ref.bse), rtol=REL, atol=0)
    assert stats.attrs["log_likelihood"] == pytest.approx(ref.llf, rel=1e-10)
    assert stats.attrs["converged"] is True


SPECTOR_VARS = [num("GPA", 0, 5), num("TUCE", 0, 100), num("PSI", 0, 1)]
SPECTOR_TERMS = [intercept(), linear("GPA"), linear("TUCE"), linear("PSI")]


@pytest.mark.parametrize("link,cls", [("logit", "Logit"), ("probit", "Probit")])
def test_spector_agrees_with_statsmodels(link, cls):
    d = sm.datasets.spector.load_pandas().data
    model, stats = anker.fit(spec(SPECTOR_VARS, SPECTOR_TERMS, link), d, outcome="GRADE")
    X = sm.add_constant(d[["GPA", "TUCE", "PSI"]])
    ref = getattr(sm, cls)(d["GRADE"], X).fit(disp=0)
    assert_agrees(stats, ref)
    assert model.link == link
    # the fitted model scores the fitted linear predictor
    scored = model.score(d[["GPA", "TUCE", "PSI"]], bands=True)
    np.testing.assert_allclose(scored["linear_predictor"], X.to_numpy() @ ref.params.to_numpy(),
                               rtol=1e-9, atol=1e-9)


def fair_data():
    d = sm.datasets.fair.load_pandas().data
    out = pd.DataFrame({
        "affair": (d["affairs"] > 0).astype(float),
        "rating": d["rate_marriage"].astype(int).astype(str),
        "age": d["age"], "years": d["yrs_married"], "religious": d["religious"],
        "educ": d["educ"],
    })
    return out


FAIR_EDGES = [2.5, 6, 13]
FAIR_KNOTS = [17, 30, 42]


def fair_spec(link):
    variables = [cat("rating", ["1", "2", "3", "4", "5"]), num("age", 17, 42),
                 num("years", 0, 23), num("religious", 1, 4), num("educ", 9, 20)]
    terms = [intercept(), categorical("rating", ["1", "2", "3", "4", "5"], "5"),
             {"type": "spline", "name": "age", "label": "Age", "variable": "age",
              "knots": FAIR_KNOTS, "values": [0, 0, 0]},
             {"type": "bins", "name": "years", "label": "Years", "variable": "years",
              "edges": FAIR_EDGES, "effects": [0, 0, 0, 0]},
             linear("religious", center=2),
             {"type": "interaction", "name": "educ_low_rating", "label": "x", "coef": 0,
              "factors": [{"variable": "educ"}, {"variable": "rating", "level": "2"}]},
             linear("educ")]
    return spec(variables, terms, link)


def fair_design(d):
    cols = {"const": np.ones(len(d))}
    for level in ["1", "2", "3", "4"]:
        cols["rating_" + level] = (d["rating"] == level).astype(float)
    for j in (1, 2):  # knot 0 is fixed at 0 when the model has an intercept
        cols["age_knot%d" % j] = np.interp(d["age"], FAIR_KNOTS, np.eye(3)[j])
    b = np.searchsorted(FAIR_EDGES, d["years"], side="right")
    for j in (1, 2, 3):
        cols["years_bin%d" % j] = (b == j).astype(float)
    cols["religious"] = d["religious"] - 2
    cols["educ_low_rating"] = d["educ"] * (d["rating"] == "2")
    cols["educ"] = d["educ"]
    return pd.DataFrame(cols)


@pytest.mark.parametrize("link,cls", [("logit", "Logit"), ("probit", "Probit")])
def test_fair_levels_splines_bins_interaction(link, cls):
    d = fair_data()
    result = anker.fit(fair_spec(link), d, outcome="affair")
    model, stats = result
    X = fair_design(d)
    ref = getattr(sm, cls)(d["affair"], X).fit(disp=0)
    assert_agrees(stats, ref)
    assert list(stats["level"].iloc[1:5]) == ["1", "2", "3", "4"]
    assert list(stats["knot"].iloc[5:7]) == [1, 2]
    assert list(stats["bin"].iloc[7:10]) == [1, 2, 3]
    written = json.loads(result.model_json)
    terms = {t["name"]: t for t in written["terms"]}
    assert terms["age"]["values"][0] == 0 and terms["years"]["effects"][0] == 0
    assert terms["rating"]["effects"]["1"] == pytest.approx(ref.params["rating_1"], rel=REL)
    scored = model.score(d.drop(columns=["affair"]), bands=True)
    np.testing.assert_allclose(scored["linear_predictor"], X.to_numpy() @ ref.params.to_numpy(),
                               rtol=1e-9, atol=1e-9)


def synthetic(n=4000, seed=7):
    rng = np.random.default_rng(seed)
    age = rng.uniform(18, 67, n)
    months = rng.integers(0, 25, n).astype(float)
    female = rng.random(n) < 0.5
    region = rng.choice(["north", "south", "west"], n)
    eta = (0.3 - 0.03 * (age - 40) + np.where(months < 6, 0.4, -0.2) - 0.3 * female
           + np.where(region == "north", -0.4, 0.1) + 0.02 * (age - 40) * female)
    y = (rng.random(n) < 1 / (1 + np.exp(-eta))).astype(float)
    return pd.DataFrame({"age": age, "months": months, "female": female, "region": region,
                         "work": y})


SYN_VARS = [num("age", 18, 67), num("months", 0, 24), {"name": "female", "kind": "boolean"},
            cat("region", ["north", "south", "west"])]
SYN_TERMS = [intercept(), linear("age", center=40),
             {"type": "bins", "name": "months", "label": "m", "variable": "months",
              "edges": [6, 12], "effects": [0, 0, 0]},
             linear("female", name="woman"), categorical("region", ["north", "south", "west"],
                                                          "west"),
             {"type": "interaction", "name": "age_woman", "label": "x", "coef": 0,
              "factors": [{"variable": "age"}, {"variable": "female"}]}]


def synthetic_design(d):
    b = np.searchsorted([6, 12], d["months"], side="right")
    return pd.DataFrame({
        "const": 1.0, "age": d["age"] - 40, "m1": (b == 1) * 1.0, "m2": (b == 2) * 1.0,
        "woman": d["female"] * 1.0, "north": (d["region"] == "north") * 1.0,
        "south": (d["region"] == "south") * 1.0, "age_woman": d["age"] * d["female"]})


def test_synthetic_bins_interaction_booleans():
    d = synthetic()
    _, stats = anker.fit(spec(SYN_VARS, SYN_TERMS), d, outcome="work")
    ref = sm.Logit(d["work"], synthetic_design(d)).fit(disp=0)
    assert_agrees(stats, ref)


def test_integer_weights_equal_repeated_cases():
    d = synthetic(600, seed=3)
    w = np.random.default_rng(1).integers(0, 4, len(d)).astype(float)
    d["w"] = w
    _, weighted = anker.fit(spec(SYN_VARS, SYN_TERMS), d, outcome="work", weights="w")
    repeated = d.loc[d.index.repeat(w.astype(int))].drop(columns=["w"])
    ref = sm.Logit(repeated["work"], synthetic_design(repeated)).fit(disp=0)
    assert_agrees(weighted, ref)
    assert weighted.attrs["weight_sum"] == w.sum()


def test_l2_penalty_solves_the_penalised_score_equations():
    d = synthetic(800, seed=5)
    l2 = 3.0
    _, stats = anker.fit(spec(SYN_VARS, SYN_TERMS), d, outcome="work", l2=l2)
    X = synthetic_design(d).to_numpy()
    beta = stats["estimate"].to_numpy()
    mu = 1 / (1 + np.exp(-X @ beta))
    penalty = np.r_[0.0, np.ones(X.shape[1] - 1)]  # not on the intercept
    grad = X.T @ (d["work"].to_numpy() - mu) - l2 * penalty * beta
    assert np.max(np.abs(grad)) < 1e-8
    info = X.T @ (X * (mu * (1 - mu))[:, None]) + np.diag(l2 * penalty)
    np.testing.assert_allclose(stats["std_error"], np.sqrt(np.diag(np.linalg.inv(info))),
                               rtol=REL)
    unpenalised = anker.fit(spec(SYN_VARS, SYN_TERMS), d, outcome="work").stats
    assert np.sum(beta[1:] ** 2) < np.sum(unpenalised["estimate"].to_numpy()[1:] ** 2)


def test_provenance_and_stats_file():
    d = sm.datasets.spector.load_pandas().data
    sha = hashlib.sha256(b"history").hexdigest()
    result = anker.fit(spec(SPECTOR_VARS, SPECTOR_TERMS), d, outcome="GRADE",
                       data_name="history.csv", data_sha256=sha,
                       provenance={"fitted_by": "Team Analyse"})
    model = result.model
    assert model.provenance["data"] == "history.csv (SHA-256 %s): 32 cases, 11 events" % sha
    assert "fitted_on" not in model.provenance  # the library reads no clock
    assert model.provenance["fitted_by"] == "Team Analyse"
    assert "libanker " + anker.library_version() in model.provenance["method"]
    assert "logit link" in model.provenance["method"]
    stats = json.loads(result.stats_json)
    assert stats["format"] == "anker-fit-stats" and stats["cases"] == 32 and stats["events"] == 11
    assert stats["model"]["sha256"] == hashlib.sha256(result.model_json.encode()).hexdigest()
    assert stats["model"]["sha256"] == model.sha256
    dated = anker.fit(spec(SPECTOR_VARS, SPECTOR_TERMS), d, outcome="GRADE",
                      provenance={"fitted_on": "2026-11-30"}).model
    assert dated.provenance["fitted_on"] == "2026-11-30"


# --- errors: every one names what it is about ---------------------------------------------

def base_frame(n=200, seed=11):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=n)
    return pd.DataFrame({"x": x, "z": rng.normal(size=n),
                         "g": rng.choice(["a", "b", "c"], n),
                         "y": (rng.random(n) < 1 / (1 + np.exp(-x))).astype(float)})


BASE_VARS = [num("x", -10, 10), num("z", -10, 10), cat("g", ["a", "b", "c", "d"])]


def fit_error(data, terms=None, variables=None, **kw):
    with pytest.raises(AnkerError) as info:
        anker.fit(spec(variables or BASE_VARS, terms or [intercept(), linear("x")]), data,
                  outcome="y", **kw)
    return info.value


def with_column(d, name, values):
    d = d.copy()
    d[name] = values
    return d


ERROR_CASES = [
    # (id, data change, terms, options, status, words in the message, field)
    ("level without cases", None,
     [intercept(), categorical("g", ["a", "b", "c", "d"], "a")], {},
     Status.SINGULAR, ["term 'g' (level 'd')", "no case has this level"], "g"),
    ("quasi-complete separation by a level", lambda d: with_column(
        d, "y", np.where(d["g"] == "c", 1.0, d["y"])),
     [intercept(), categorical("g", ["a", "b", "c", "d"], "a")], {},
     None, None, None),  # replaced below: level d is empty first
    ("complete separation by a number", lambda d: with_column(d, "y", (d["x"] > 0) * 1.0),
     [intercept(), linear("x")], {}, Status.SEPARATION, ["separation", "term 'x'"], "x"),
    ("collinear terms", lambda d: with_column(d, "z", 2 * d["x"] + 1),
     [intercept(), linear("x"), linear("z")], {},
     Status.SINGULAR, ["term 'z' is a linear combination of term 'base', term 'x'"], "z"),
    ("constant outcome", lambda d: with_column(d, "y", 0.0), None, {},
     Status.BAD_VALUE, ["the outcome is 0 for every case"], "y"),
    ("missing outcome", lambda d: with_column(d, "y", np.r_[d["y"][:5], np.nan, d["y"][6:]]),
     None, {}, Status.MISSING_VALUE, ["outcome is missing", "row 5"], "y"),
    ("outcome not 0 or 1", lambda d: with_column(d, "y", np.r_[d["y"][:7], 2.0, d["y"][8:]]),
     None, {}, Status.OUT_OF_RANGE, ["must be 0 or 1", "row 7"], "y"),
    ("missing value under reject", lambda d: with_column(
        d, "x", np.r_[d["x"][:9], np.nan, d["x"][10:]]),
     None, {}, Status.MISSING_VALUE, ["row 9"], "x"),
    ("no convergence", None, None, {"max_iter": 1},
     Status.NOT_CONVERGED, ["no convergence in 1 iterations"], None),
    ("negative weight", lambda d: with_column(d, "w", np.r_[-1.0, np.ones(len(d) - 1)]),
     None, {"weights": "w"}, Status.OUT_OF_RANGE, ["weight must be finite", "row 0"], "w"),
    ("no outcome column", lambda d: d.drop(columns=["y"]), None, {},
     Status.NO_COLUMN, ["no outcome column"], "y"),
]
ERROR_CASES[1] = ("quasi-complete separation by a level", lambda d: with_column(
    d, "y", np.where(d["g"] == "c", 1.0, d["y"])),
    [intercept(), categorical("g", ["a", "b", "c"], "a")], {},
    Status.SEPARATION, ["quasi-complete separation", "term 'g' (level 'c')",
                        "the outcome is 1 for all"], "g")


@pytest.mark.parametrize("case", ERROR_CASES, ids=[c[0] for c in ERROR_CASES])
def test_errors_name_what_they_are_about(case):
    _, change, terms, options, status, words, field = case
    d = base_frame()
    if change:
        d = change(d)
    variables = BASE_VARS
    if terms and terms[-1].get("variable") == "g" and "d" not in terms[-1]["effects"] \
            and terms[-1]["reference"] == "a" and len(terms[-1]["effects"]) == 2:
        variables = BASE_VARS[:2] + [cat("g", ["a", "b", "c"])]
    e = fit_error(d, terms, variables, **options)
    assert e.status == status, e.message
    for w in words:
        assert w in e.message
    if field is not None:
        assert e.field == field


def test_penalty_makes_separation_and_collinearity_estimable():
    d = with_column(base_frame(), "y", (base_frame()["x"] > 0) * 1.0)
    _, stats = anker.fit(spec(BASE_VARS, [intercept(), linear("x")]), d, outcome="y", l2=1.0)
    assert np.all(np.isfinite(stats["estimate"]))
    d = with_column(base_frame(), "z", 2 * base_frame()["x"])
    anker.fit(spec(BASE_VARS, [intercept(), linear("x"), linear("z")]), d, outcome="y", l2=0.1)


@pytest.mark.parametrize("text,status,words", [
    ("{", Status.SYNTAX, ["spec.json:"]),
    (spec(BASE_VARS, [intercept(), linear("nope")]), Status.REFERENCE,
     ["no variable called \"nope\""]),
    (spec(BASE_VARS, [intercept(), dict(linear("x"), coef="0")]), Status.WRONG_TYPE,
     ["$.terms[1].coef"]),
])
def test_specification_errors_cite_file_and_field(tmp_path, text, status, words):
    path = tmp_path / "spec.json"
    path.write_text(text)
    with pytest.raises(AnkerError) as info:
        anker.fit(path, base_frame(), outcome="y")
    assert info.value.status == status
    assert info.value.file == str(path)
    for w in words:
        assert w in info.value.message


def test_a_kind_that_cannot_be_fitted_is_unsupported(source_dir):
    path = source_dir / "data" / "models" / "demo-motivatie.json"
    with pytest.raises(AnkerError) as info:
        anker.fit(path, base_frame(), outcome="y")
    assert info.value.status == Status.UNSUPPORTED
    assert "only binary and duration models can be fitted" in info.value.message
