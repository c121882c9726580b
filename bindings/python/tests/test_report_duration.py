# SPDX-License-Identifier: GPL-3.0-or-later
"""anker.report() and python3 -m anker.report for a duration model (the BLIJF
toets): Kaplan-Meier per decile and per band against statsmodels'
SurvfuncRight and a hand count, Harrell's C against a brute-force pair count,
the AUC against scikit-learn, the cases censored before the horizon counted by
hand, the fairness table against anker.evaluate() on the outcome derived by
hand, wrong arguments, and the page in headless Chromium without network.

The labelled data are made here with a fixed seed from demo-blijf-12m itself
(examples/data/generate_durations.py: stays drawn from the model's own
survival curve, censored at random)."""

import importlib.util
import os
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import roc_auc_score
from statsmodels.duration.survfunc import SurvfuncRight

import anker
from anker import AnkerError, Status
from anker import _report_duration as fig

from conftest import BINDING_DIR, CASELOAD_PATH as CASELOAD, MODEL_PATH, SOURCE_DIR
from test_report import CHROMIUM, Page, assert_self_contained_and_accessible, render_in_chromium

BLIJF = SOURCE_DIR / "data" / "models" / "demo-blijf-12m.json"
H = 12


def _generator():
    path = SOURCE_DIR / "examples" / "data" / "generate_durations.py"
    spec = importlib.util.spec_from_file_location("generate_durations", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def model():
    return anker.Model.load(BLIJF)


@pytest.fixture(scope="module")
def stays(model):
    frame = pd.read_csv(CASELOAD).head(1200)
    rng = np.random.default_rng(20261202)
    frame["origin"] = np.where(rng.random(len(frame)) < 0.2, "abroad", "nl")
    ratio = np.where(frame["origin"] == "abroad", 0.75, 1.0)
    months, left = _generator().draw_stays(model, frame, rng, 0.3, ratio)
    frame["months"], frame["left"] = months, left
    return frame


@pytest.fixture(scope="module")
def page(stays, tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "blijf.html"
    text = anker.report(BLIJF, stays, time="months", event="left", group=["origin", "female"],
                        reference=CASELOAD, out=out)
    assert out.read_text(encoding="utf-8") == text
    return text


@pytest.fixture(scope="module")
def survival(model, stays):
    return model.score(stays, ignore_extra=True)["survival_12"].to_numpy()


def f4(x):
    return "%.4f" % x


def km_statsmodels(time, event, horizon):
    """P(T > horizon) from statsmodels' Kaplan-Meier estimator."""
    sf = SurvfuncRight(np.asarray(time, dtype=float), np.asarray(event, dtype=float))
    before = sf.surv_times <= horizon
    return sf.surv_prob[before][-1] if before.any() else 1.0


def test_generated_stays_follow_the_model(stays, survival):
    # the data are what the generator says: the KM at 12 months of the "nl"
    # cases is near their mean predicted survival (loosely: 950 cases)
    nl = (stays["origin"] == "nl").to_numpy()
    km = km_statsmodels(stays["months"][nl], stays["left"][nl], H)
    assert abs(km - survival[nl].mean()) < 0.05
    assert set(stays["left"]) == {0, 1} and stays["months"].max() == 24


def test_kaplan_meier_by_hand_and_against_statsmodels(stays):
    # by hand: at 1 month 1 of 6 leave (5/6), at 2 months 1 of 5 (4/5; the case
    # censored at 2 is still at risk then), at 3 months 1 of 3 (2/3): 4/9
    t, e = [1, 2, 2, 3, 4, 5], [1, 1, 0, 1, 0, 1]
    assert fig.kaplan_meier(t, e, 3) == pytest.approx(4 / 9, abs=1e-15)
    assert fig.kaplan_meier(t, e, 0.5) == 1.0
    assert np.isnan(fig.kaplan_meier([], [], 3))
    # nobody seen at 5 months: undefined, unless everybody had left by then
    assert np.isnan(fig.kaplan_meier([1, 2], [1, 0], 5))
    assert fig.kaplan_meier([1, 2], [1, 1], 5) == 0.0
    assert fig.kaplan_meier([1, 5], [1, 0], 5) == 0.5
    rng = np.random.default_rng(3)
    for _ in range(20):
        t = rng.integers(1, 20, 60).astype(float)
        e = (rng.random(60) < 0.6).astype(float)
        h = rng.integers(1, t.max() + 1)  # beyond the last time: NaN, as above
        assert fig.kaplan_meier(t, e, h) == pytest.approx(km_statsmodels(t, e, h), abs=1e-12)


def test_calibration_table_against_statsmodels(page, stays, survival):
    _, rows = Page(page).table("Calibration at 12 months per decile")
    assert len(rows) == 10
    order = np.argsort(survival, kind="mergesort")
    t, e = stays["months"].to_numpy(), stays["left"].to_numpy()
    for k, row in enumerate(rows):
        g = order[k * 120:(k + 1) * 120]  # 1,200 cases: ten deciles of 120
        assert row == [str(k + 1), "120", str(int(((e[g] == 1) & (t[g] <= H)).sum())),
                       f4(survival[g].mean()), f4(km_statsmodels(t[g], e[g], H))]
    # the reading names the decile with the largest gap
    gaps = [abs(float(r[4]) - float(r[3])) for r in rows]
    worst = int(np.argmax(gaps))
    assert "the largest gap is in decile %d, where %s were" % (
        worst + 1, "%.1f%%" % (100 * float(rows[worst][4]))) in page


def test_bands_against_statsmodels(page, model, stays, survival):
    _, rows = Page(page).table("Bands (the model's bands")
    band = np.asarray(model.score(stays, ignore_extra=True)["band"]).astype(str)
    t, e = stays["months"].to_numpy(), stays["left"].to_numpy()
    # the bands by their thresholds ("lower": exactly on one goes below)
    edges = np.searchsorted([0.25, 0.5, 0.75], survival, side="left")
    assert list(band) == [model.band_names[i] for i in edges]
    assert [r[0] for r in rows] == list(model.band_names)
    for row in rows:
        g = band == row[0]
        assert row[1:] == ["{:,}".format(g.sum()), f4(g.mean()), f4(survival[g].mean()),
                           f4(km_statsmodels(t[g], e[g], H))]


def brute_force_c(risk, time, event, horizon=np.inf):
    concordant = comparable = 0.0
    for i in range(len(risk)):
        if event[i] != 1 or time[i] > horizon:
            continue
        later = time > time[i]
        comparable += later.sum()
        concordant += (risk[i] > risk[later]).sum() + 0.5 * (risk[i] == risk[later]).sum()
    return concordant / comparable


def test_harrell_c_against_brute_force(page, model, stays):
    cells = dict(Page(page).table("Discrimination and calibration at the horizon")[1])
    risk = model.score(stays, ignore_extra=True)["log_relative_hazard"].to_numpy()
    t, e = stays["months"].to_numpy(), stays["left"].to_numpy()
    assert cells["Harrell's C, overall"] == f4(brute_force_c(risk, t, e))
    assert cells["Harrell's C, truncated at 12 months"] == f4(brute_force_c(risk, t, e, H))
    assert cells["left benefit while followed up (events)"] == "{:,}".format(e.sum())


def derived(stays):
    """The status at 12 months, spelled out: left by then (0), still on
    benefit after it or censored at it (1), else unknown (None)."""
    out = []
    for t, e in zip(stays["months"], stays["left"]):
        if e == 1 and t <= H:
            out.append(0)
        elif t > H or (e == 0 and t == H):
            out.append(1)
        else:
            out.append(None)
    return np.array(out, dtype=object)


def test_auc_and_known_cases(page, stays, survival):
    y = derived(stays)
    known = np.array([v is not None for v in y])
    censored_early = int(((stays["left"] == 0) & (stays["months"] < H)).sum())
    assert censored_early == (~known).sum() > 0
    cells = dict(Page(page).table("Discrimination and calibration at the horizon")[1])
    auc = roc_auc_score(y[known].astype(int), survival[known])
    assert cells["AUC at 12 months on the known cases (95% CI, DeLong)"].startswith(
        f4(auc) + " (")
    assert cells["cases whose status at 12 months is known"] == "{:,}".format(known.sum())
    assert cells["cases censored before 12 months (left out of the ROC curve, the "
                 "classification and the fairness table)"] == "{:,}".format(censored_early)
    assert "%s censored before then are left out" % "{:,}".format(censored_early) in page
    assert "(AUC %.2f," % auc in page


def test_censored_before_horizon_counted_by_hand():
    # left at 3 (0), censored at 5 (unknown), left at 12 (0), censored at 12
    # (1), censored at 11.5 (unknown), left at 13 (1): two unknown, four known
    t = [3, 5, 12, 12, 11.5, 13]
    e = [1, 0, 1, 0, 0, 1]
    known, on = fig.status_at(t, e, 12)
    assert list(known) == [True, False, True, True, False, True]
    assert list(on[known]) == [0, 0, 1, 1]
    frame = pd.read_csv(CASELOAD).head(60)
    frame["months"], frame["left"] = t * 10, e * 10
    text = anker.report(BLIJF, frame, time="months", event="left")
    cells = dict(Page(text).table("Discrimination and calibration at the horizon")[1])
    assert cells["cases whose status at 12 months is known"] == "40"
    assert cells["cases censored before 12 months (left out of the ROC curve, the "
                 "classification and the fairness table)"] == "20"


def test_fairness_equals_evaluate_on_the_derived_outcome(page, model, stays, survival):
    y = derived(stays)
    known = np.array([v is not None for v in y])
    subset = stays[known].copy()
    subset["y"] = y[known].astype(int)
    ev = anker.evaluate(model, subset, outcome="y", group=["origin", "female"],
                        probability=survival[known])
    p = Page(page)
    for grouping in ("origin", "female"):
        _, rows = p.table("Grouping column %s" % grouping)
        fair = ev.fairness[ev.fairness["grouping"] == grouping]
        assert [r[:8] for r in rows] == [
            [str(g.group), "yes" if g.reference else "no", "{:,}".format(g.count),
             f4(g.selection_rate), f4(g.tpr), f4(g.fpr), f4(g.fnr), f4(g.citl)]
            for g in fair.itertuples()]
    _, rows = p.table("Confusion matrices at the band thresholds")
    assert [r[1:5] for r in rows] == [[str(r.tp), str(r.fp), str(r.tn), str(r.fn)]
                                      for r in ev.classification.itertuples()]
    assert "anker.evaluate()&#x27;s on it" in page or "anker.evaluate()'s on it" in page


def test_drift_uses_the_headline_survival(page, model):
    ref = pd.read_csv(CASELOAD)
    score_ref = model.score(ref, ignore_extra=True)["survival_12"]
    _, rows = Page(page).table("Population stability index")
    assert rows[-1][0] == "(score)"
    assert [r[0] for r in rows[:-1]] == [v.name for v in model.variables]
    # the score's PSI against an independent decile binning (numpy)
    cur = model.score(pd.read_csv(CASELOAD).head(1200), ignore_extra=True)["survival_12"]
    edges = np.unique(np.quantile(score_ref, np.linspace(0.1, 0.9, 9)))
    a = np.bincount(np.searchsorted(edges, score_ref, side="left"), minlength=len(edges) + 1)
    b = np.bincount(np.searchsorted(edges, cur, side="left"), minlength=len(edges) + 1)
    a, b = np.maximum(a / a.sum(), 1e-4), np.maximum(b / b.sum(), 1e-4)
    assert float(rows[-1][2]) == pytest.approx(np.sum((b - a) * np.log(b / a)), abs=2e-4)


def test_page_is_self_contained_and_accessible(page):
    assert_self_contained_and_accessible(page)
    assert "headline horizon 12 months; outputs at 3, 6, 12, 24 months" in page


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (scripts/setup-deps test)")
def test_renders_in_chromium_without_network(page, tmp_path):
    render_in_chromium(page, tmp_path)


def test_other_horizon(stays, model):
    text = anker.report(model, stays, time="months", event="left", horizon=6)
    cells = dict(Page(text).table("Discrimination and calibration at the horizon")[1])
    s6 = model.score(stays, ignore_extra=True)["survival_6"].to_numpy()
    assert cells["mean predicted probability of still being on benefit at 6 months"] == \
        f4(s6.mean())
    assert cells["observed share still on benefit at 6 months (Kaplan-Meier)"] == \
        f4(km_statsmodels(stays["months"], stays["left"], 6))


def test_wrong_arguments(tmp_path, stays):
    out = tmp_path / "r.html"
    small = stays.head(50)
    cases = [
        (dict(model=BLIJF, outcome="left"), "is a duration model: give time= and event="),
        (dict(model=BLIJF, time="months"), "give both its time and its event column"),
        (dict(model=BLIJF, outcome="left", time="months", event="left"), "not outcome="),
        (dict(model=MODEL_PATH, time="months", event="left"), "is a binary model: give "
                                                                "outcome="),
        (dict(model=MODEL_PATH, outcome="left", horizon=6), "not time=, event= or horizon="),
        (dict(model=MODEL_PATH), "give its 0/1 outcome column"),
        (dict(model=SOURCE_DIR / "data" / "models" / "demo-motivatie.json", outcome="left"),
         "a binary or a duration model, not kind 'questionnaire'"),
        (dict(model=BLIJF, time="months", event="left", horizon=30),
         "describes months 0 to 24"),
    ]
    for kwargs, message in cases:
        model = kwargs.pop("model")
        with pytest.raises(ValueError) as e:
            anker.report(model, small, out=out, **kwargs)
        assert message in str(e.value), (kwargs, str(e.value))
    with pytest.raises(AnkerError) as e:
        anker.report(BLIJF, small, time="weeks", event="left", out=out)
    assert e.value.status == Status.NO_COLUMN and e.value.field == "weeks"
    assert "has no time column" in e.value.message
    bad = small.copy()
    bad.loc[bad.index[7], "left"] = 2
    with pytest.raises(AnkerError) as e:
        anker.report(BLIJF, bad, time="months", event="left", out=out)
    assert e.value.status == Status.BAD_VALUE and e.value.field == "left"
    assert "position 7" in e.value.message
    assert not out.exists()


def test_overrides_and_nobody_known(stays, tmp_path):
    records = SOURCE_DIR / "examples" / "data" / "wv-records.jsonl"
    text = anker.report(BLIJF, stays.head(200), time="months", event="left", records=records)
    tables = [t["caption"] for t in Page(text).tables]
    assert "From the assessment records wv-records.jsonl." in text
    assert len(tables) > len([t for t in Page(anker.report(
        BLIJF, stays.head(200), time="months", event="left")).tables])
    # everybody censored before the horizon: no status known, an error naming the column
    early = stays.head(30).copy()
    early["months"], early["left"] = 3, 0
    with pytest.raises(AnkerError) as e:
        anker.report(BLIJF, early, time="months", event="left", out=tmp_path / "r.html")
    assert e.value.status == Status.BAD_VALUE and e.value.field == "months"
    assert "no case in the DataFrame given left benefit by month 12" in e.value.message
    assert not (tmp_path / "r.html").exists()


def run_command(*args):
    env = dict(os.environ, PYTHONPATH=str(BINDING_DIR), PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run([sys.executable, "-m", "anker.report", *args],
                          capture_output=True, text=True, env=env)


def test_command(tmp_path, stays):
    proc = run_command("--help")
    assert proc.returncode == 0 and "--time COLUMN" in proc.stdout
    data = tmp_path / "stays.csv"
    stays.head(300).to_csv(data, index=False)
    out = tmp_path / "r.html"
    proc = run_command("--model", str(BLIJF), "--in", str(data), "--time", "months",
                       "--event", "left", "--horizon", "6", "--group", "origin",
                       "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    text = out.read_text(encoding="utf-8")
    assert "Grouping column origin" in text and "Harrell&#x27;s C, truncated at 6 months" in text
    proc = run_command("--model", str(BLIJF), "--in", str(data), "--outcome", "left",
                       "--out", str(tmp_path / "x.html"))
    assert proc.returncode == 1 and "is a duration model" in proc.stderr
    proc = run_command("--model", str(MODEL_PATH), "--in", str(data), "--time", "months",
                       "--event", "left", "--out", str(tmp_path / "x.html"))
    assert proc.returncode == 1 and "is a binary model" in proc.stderr
    assert sorted(os.listdir(tmp_path)) == ["r.html", "stays.csv"]
