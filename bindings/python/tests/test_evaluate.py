# SPDX-License-Identifier: GPL-3.0-or-later
"""anker.evaluate() and the C evaluation behind it, against independent computations:
scikit-learn, statsmodels, scipy, and formulas written out here from their sources."""

import json
import math
import sys

import numpy as np
import pandas as pd
import pytest
import scipy.stats
import statsmodels.api as sm
from sklearn.metrics import brier_score_loss, confusion_matrix, log_loss, roc_auc_score

import anker
from anker import AnkerError, Status

from conftest import CASELOAD_PATH as CASELOAD, MODEL_PATH, SOURCE_DIR

LABELLED = SOURCE_DIR / "examples" / "data" / "labelled.csv"
TRUTH_AMT = SOURCE_DIR / "data" / "simulation" / "truth" / "truth-amt-6m.json"

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(SOURCE_DIR / "tests" / "golden"))
from reference_concordance import harrell_by_pairs  # noqa: E402  (a pair count, no libanker)


@pytest.fixture(scope="module")
def labelled():
    return pd.read_csv(LABELLED)


@pytest.fixture(scope="module")
def evaluation(model, labelled):
    return anker.evaluate(model, labelled, outcome="found_work", group=["origin", "female"])


def delong_variance(p, y):
    """DeLong, DeLong and Clarke-Pearson (1988): the structural components
    V10(X_i) = mean_j psi(X_i, Y_j), V01(Y_j) = mean_i psi(X_i, Y_j) with
    psi = 1 (X > Y), 1/2 (X = Y), 0, and var = S10/m + S01/n, by the full m x n matrix."""
    x, v = p[y == 1], p[y == 0]
    psi = (x[:, None] > v[None, :]) + 0.5 * (x[:, None] == v[None, :])
    v10, v01 = psi.mean(axis=1), psi.mean(axis=0)
    return psi.mean(), v10.var(ddof=1) / len(x) + v01.var(ddof=1) / len(v)


def random_case(seed, n=400, ties=False):
    rng = np.random.default_rng(seed)
    p = rng.random(n)
    if ties:
        p = np.round(p, 1)
    y = (rng.random(n) < p).astype(float)
    return p, y


def evaluate_arrays(model, p, y, **kw):
    frame = pd.DataFrame({"y": y})
    for k, v in kw.pop("columns", {}).items():
        frame[k] = v
    return anker.evaluate(model, frame, outcome="y", probability=p, **kw)


# -- discrimination -----------------------------------------------------------------------

def test_auc_hand_computed(model):
    # negatives 0.1, 0.4; positives 0.35, 0.8: 3 of the 4 pairs are ordered right
    ev = evaluate_arrays(model, np.array([0.1, 0.4, 0.35, 0.8]), np.array([0, 0, 1, 1.0]))
    assert ev.auc == 0.75


@pytest.mark.parametrize("seed,ties", [(1, False), (2, True), (3, True)])
def test_auc_and_delong_against_sklearn_and_the_1988_formulas(model, seed, ties):
    p, y = random_case(seed, ties=ties)
    ev = evaluate_arrays(model, p, y)
    auc, var = delong_variance(p, y)
    assert ev.auc == pytest.approx(roc_auc_score(y, p), rel=1e-12)
    assert ev.auc == pytest.approx(auc, rel=1e-12)
    assert ev.auc_se == pytest.approx(math.sqrt(var), rel=1e-9)
    z = scipy.stats.norm.ppf(0.975)
    assert ev.auc_lower == pytest.approx(max(0, auc - z * math.sqrt(var)), rel=1e-9)
    assert ev.auc_upper == pytest.approx(min(1, auc + z * math.sqrt(var)), rel=1e-9)


def test_delong_small_case_by_hand(model):
    # positives 0.8, 0.35; negatives 0.4, 0.1.  psi = [[1, 1], [0, 1]]:
    # V10 = (1, 0.5), V01 = (0.5, 1); S10 = S01 = 0.125; var = 0.125/2 + 0.125/2
    ev = evaluate_arrays(model, np.array([0.8, 0.35, 0.4, 0.1]), np.array([1, 1, 0, 0.0]))
    assert ev.auc_se == pytest.approx(math.sqrt(0.125), rel=1e-12)


def test_auc_undefined_without_negatives(model):
    ev = evaluate_arrays(model, np.array([0.2, 0.7]), np.array([1.0, 1.0]))
    assert math.isnan(ev.auc) and math.isnan(ev.auc_se)
    assert math.isnan(ev.calibration_slope)  # a constant outcome cannot be regressed on
    assert ev.brier == pytest.approx((0.8 ** 2 + 0.3 ** 2) / 2)


# -- calibration ----------------------------------------------------------------------------

def test_brier_and_log_loss_against_sklearn(model, labelled, evaluation):
    p = model.score(labelled, ignore_extra=True)
    y = labelled["found_work"].to_numpy()
    assert evaluation.brier == pytest.approx(brier_score_loss(y, p), rel=1e-12)
    assert evaluation.log_loss == pytest.approx(log_loss(y, p), rel=1e-12)
    assert evaluation.citl == pytest.approx(y.mean() - p.mean(), abs=1e-14)
    assert evaluation.count == len(y) and evaluation.positives == y.sum()


def test_log_loss_clips_like_sklearn(model):
    p, y = np.array([0.0, 1.0, 0.5, 1.0]), np.array([1, 1, 0, 0.0])
    ev = evaluate_arrays(model, p, y)
    assert ev.log_loss == pytest.approx(log_loss(y, p), rel=1e-12)


def test_calibration_slope_against_statsmodels(model, labelled, evaluation):
    p = model.score(labelled, ignore_extra=True)
    y = labelled["found_work"].to_numpy()
    logit = np.log(p) - np.log1p(-p)
    fit = sm.Logit(y, sm.add_constant(logit)).fit(disp=0, tol=1e-12)
    assert evaluation.calibration_intercept == pytest.approx(fit.params[0], rel=1e-7, abs=1e-9)
    assert evaluation.calibration_slope == pytest.approx(fit.params[1], rel=1e-7)
    offset = sm.GLM(y, np.ones((len(y), 1)), family=sm.families.Binomial(),
                    offset=logit).fit(tol=1e-12)
    assert evaluation.citl_intercept == pytest.approx(offset.params[0], rel=1e-7)


def test_hosmer_lemeshow_by_its_definition(model, labelled, evaluation):
    p = model.score(labelled, ignore_extra=True)
    y = labelled["found_work"].to_numpy()
    order = np.argsort(p, kind="stable")
    n, g = len(p), 10
    hl = 0.0
    for k in range(g):
        idx = order[k * n // g:(k + 1) * n // g]
        e, o, m = p[idx].sum(), y[idx].sum(), len(idx)
        hl += (o - e) ** 2 / (e * (1 - e / m))
        row = evaluation.reliability.query("by == 'decile'").iloc[k]
        assert row["count"] == m
        assert row["mean_predicted"] == pytest.approx(e / m, rel=1e-12)
        assert row["observed_rate"] == pytest.approx(o / m, rel=1e-12)
    assert evaluation.hl_statistic == pytest.approx(hl, rel=1e-10)
    assert evaluation.hl_df == 8
    assert evaluation.hl_p == pytest.approx(scipy.stats.chi2.sf(hl, 8), rel=1e-9)


def test_hosmer_lemeshow_small_case_by_hand(model):
    # 10 cases, 10 groups of one: (o - p)^2 / (p (1 - p)) summed
    p = np.linspace(0.05, 0.95, 10)
    y = np.array([0, 0, 1, 0, 0, 1, 1, 0, 1, 1.0])
    ev = evaluate_arrays(model, p, y)
    assert ev.hl_statistic == pytest.approx(sum((y - p) ** 2 / (p * (1 - p))), rel=1e-12)


def test_reliability_per_band(model, labelled, evaluation):
    scored = model.score(labelled, ignore_extra=True, bands=True)
    bands = evaluation.reliability.query("by == 'band'").set_index("group")
    assert list(bands.index) == list(model.band_names)
    for name in model.band_names:
        mask = (scored["band"] == name).to_numpy()
        assert bands.loc[name, "count"] == mask.sum()
        assert bands.loc[name, "observed_rate"] == pytest.approx(
            labelled["found_work"][mask].mean(), rel=1e-12)


# -- classification -------------------------------------------------------------------------

def test_classification_at_band_thresholds_against_sklearn(labelled):
    # With the hand-set model the demonstration AMT model was refitted from: its short binary
    # coefficients put a case of the caseload exactly on the boundary 0.5, which the refitted
    # model does not, and the point here is which side of a threshold such a case falls on.
    with anker.Model.load(TRUTH_AMT) as truth:
        p = truth.score(labelled, ignore_extra=True)
        table = anker.evaluate(truth, labelled, outcome="found_work").classification
    y = labelled["found_work"].to_numpy()
    assert list(table["threshold"]) == [0.25, 0.5, 0.75]
    assert (p == 0.5).any()  # the caseload has a case exactly on a boundary
    for _, row in table.iterrows():
        # the model's band boundary is "lower": a probability equal to a threshold
        # belongs to the band below it, so a case is selected when p > threshold
        tn, fp, fn, tp = confusion_matrix(y, p > row["threshold"]).ravel()
        assert (row["tp"], row["fp"], row["tn"], row["fn"]) == (tp, fp, tn, fn)
        assert row["tpr"] == pytest.approx(tp / (tp + fn))
        assert row["specificity"] == pytest.approx(tn / (tn + fp))
        assert row["ppv"] == pytest.approx(tp / (tp + fp))


def test_classification_at_a_given_threshold(model):
    p, y = random_case(7)
    ev = evaluate_arrays(model, p, y, threshold=0.3)
    tn, fp, fn, tp = confusion_matrix(y, p >= 0.3).ravel()
    row = ev.classification.iloc[0]
    assert len(ev.classification) == 1 and ev.threshold == 0.3
    assert (row["tp"], row["fp"], row["tn"], row["fn"]) == (tp, fp, tn, fn)


# -- fairness -------------------------------------------------------------------------------

def test_fairness_against_pandas(model, labelled, evaluation):
    p = model.score(labelled, ignore_extra=True)
    frame = labelled.assign(p=p, sel=p >= 0.5)
    table = evaluation.fairness.set_index(["grouping", "group"])
    for column in ("origin", "female"):
        stats = {}
        for value, g in frame.groupby(column):
            pos, neg = g[g.found_work == 1], g[g.found_work == 0]
            stats[str(value)] = dict(count=len(g), selection_rate=g.sel.mean(),
                                     tpr=pos.sel.mean(), fpr=neg.sel.mean(),
                                     fnr=1 - pos.sel.mean(),
                                     citl=g.found_work.mean() - g.p.mean())
        ref = max(stats, key=lambda k: stats[k]["count"])
        for value, s in stats.items():
            row = table.loc[(column, value)]
            assert row["reference"] == (value == ref)
            for key in ("count", "selection_rate", "tpr", "fpr", "fnr", "citl"):
                assert row[key] == pytest.approx(s[key], rel=1e-12, abs=1e-15)
            for key in ("selection_rate", "tpr", "fpr", "fnr"):
                assert row[key + "_ratio"] == pytest.approx(s[key] / stats[ref][key], rel=1e-12)


def test_fairness_ratios_and_flags_hand_computed(model):
    # group a: 4 cases, 2 positives, selected 0.9 (y=1), 0.6 (y=0); b: 2 of 4 selected too,
    # but both negatives: TPR a = 1/2, b = 0; FPR a = 1/2, b = 1
    p = np.array([0.9, 0.2, 0.6, 0.1, 0.7, 0.8, 0.3, 0.4])
    y = np.array([1, 1, 0, 0, 0, 0, 1, 1.0])
    g = ["a"] * 4 + ["b"] * 4
    ev = evaluate_arrays(model, p, y, columns={"g": g}, group="g", reference_group="a",
                         threshold=0.5)
    t = ev.fairness.set_index("group")
    assert t.loc["b", "selection_rate_ratio"] == 1.0
    assert t.loc["b", "tpr_ratio"] == 0.0
    assert t.loc["b", "fpr_ratio"] == 2.0
    assert t.loc["b", "fnr_ratio"] == 2.0
    assert t.loc["b", "flags"] == "tpr,fpr,fnr"
    assert t.loc["a", "flags"] == ""
    ev = evaluate_arrays(model, p, y, columns={"g": g}, group="g", reference_group="a",
                         threshold=0.5, ratio_threshold=2.5)
    assert ev.fairness.set_index("group").loc["b", "flags"] == "tpr"


def test_group_without_positives_has_undefined_ratios(model):
    p = np.array([0.9, 0.2, 0.6, 0.1, 0.7, 0.3])
    y = np.array([1, 0, 1, 0, 0, 0.0])
    ev = evaluate_arrays(model, p, y, columns={"g": ["a"] * 4 + ["b"] * 2}, group="g",
                         threshold=0.5)
    b = ev.fairness.set_index("group").loc["b"]
    assert math.isnan(b["tpr"]) and math.isnan(b["tpr_ratio"]) and math.isnan(b["fnr_ratio"])
    # group a has no false positives: FPR 0, so b's FPR ratio (1/2 over 0) is undefined too
    assert math.isnan(b["fpr_ratio"]) and b["selection_rate_ratio"] == 1.0 and b["flags"] == ""
    assert ev.to_dict()["fairness"][1]["tpr_ratio"] is None


def test_reference_group_by_name_and_missing_values(model):
    p, y = random_case(4, n=50)
    groups = ["x"] * 30 + ["y"] * 15 + [None] * 5
    ev = evaluate_arrays(model, p, y, columns={"g": groups}, group="g", reference_group="y")
    t = ev.fairness.set_index("group")
    assert bool(t.loc["y", "reference"]) and t["count"].sum() == 45
    with pytest.raises(AnkerError) as e:
        evaluate_arrays(model, p, y, columns={"g": groups}, group="g", reference_group="z")
    assert e.value.status == Status.NOT_FOUND and e.value.field == "g"


# -- drift ----------------------------------------------------------------------------------

def psi_over_edges(edges, ref, cur, side):
    """The PSI over bins at edges (np.searchsorted's side: "left" puts x <= edge in the
    edge's bin, "right" starts a bin at its edge), NaN one more bin when any."""
    def shares(x):
        bins = np.searchsorted(edges, x[~np.isnan(x)], side=side)
        counts = np.bincount(bins, minlength=len(edges) + 1).astype(float)
        return np.append(counts, np.isnan(x).sum()) / len(x)
    r, c = shares(ref), shares(cur)
    keep = np.ones(len(r), bool)
    keep[-1] = r[-1] > 0 or c[-1] > 0
    r, c = np.where(r > 0, r, 1e-4)[keep], np.where(c > 0, c, 1e-4)[keep]
    return float(np.sum((c - r) * np.log(c / r)))


def psi_by_hand(ref, cur):
    """Bins at the reference deciles (edge k = sorted[ceil(k m / 10) - 1]), x <= edge."""
    s = np.sort(ref[~np.isnan(ref)])
    m = len(s)
    edges = sorted(set(s[(k * m + 9) // 10 - 1] for k in range(1, 10)))
    return psi_over_edges(edges, ref, cur, "left")


def test_psi_levels_hand_computed():
    # reference shares 0.5, 0.5; current 0.75, 0.25:
    # (0.75 - 0.5) ln(1.5) + (0.25 - 0.5) ln(0.5)
    value = anker.psi([0, 0, 1, 1], [0, 0, 0, 1], levels=2)
    assert value == pytest.approx(0.25 * math.log(1.5) - 0.25 * math.log(0.5), rel=1e-12)
    # an empty level counts with share 1e-4
    value = anker.psi([0, 0], [0, 1], levels=2)
    assert value == pytest.approx((0.5 - 1) * math.log(0.5) + (0.5 - 1e-4) * math.log(0.5 / 1e-4))
    with pytest.raises(AnkerError) as e:
        anker.psi([0, 2], [0, 1], levels=2)
    assert e.value.status == Status.OUT_OF_RANGE and e.value.field == "reference"


def test_psi_numbers_against_the_definition():
    rng = np.random.default_rng(11)
    ref = rng.normal(size=1000)
    cur = rng.normal(0.3, 1.2, size=700)
    cur[:20] = np.nan
    assert anker.psi(ref, cur) == pytest.approx(psi_by_hand(ref, cur), rel=1e-12)
    assert anker.psi(ref, ref) == 0.0
    ints = rng.integers(0, 4, size=300).astype(float)
    assert anker.psi(ints, ints[:100]) == pytest.approx(psi_by_hand(ints, ints[:100]))


def psi_at_edges_by_hand(edges, ref, cur):
    """Bins at a model's edges: bin i holds the x with i edges <= x."""
    return psi_over_edges(edges, ref, cur, "right")


def test_psi_edges_hand_computed():
    # edges 3, 6: 1 -> bin 0; 3, 4 -> bin 1 (an edge starts its bin); 6 -> bin 2.
    # reference shares 1/4, 1/2, 1/4; current 2, 2, 6, 9: 1/2, 0 (1e-4), 1/2
    value = anker.psi([1, 3, 4, 6], [2, 2, 6, 9], edges=[3, 6])
    expected = 2 * 0.25 * math.log(2) + (1e-4 - 0.5) * math.log(1e-4 / 0.5)
    assert value == pytest.approx(expected, rel=1e-12)
    # at the reference deciles, 3 would fall in the first bin: a different index
    assert anker.psi([1, 3, 4, 6], [2, 2, 6, 9]) != pytest.approx(expected)
    rng = np.random.default_rng(5)
    ref, cur = rng.integers(0, 30, 900).astype(float), rng.integers(2, 36, 600).astype(float)
    cur[:9] = np.nan
    edges = [3, 6, 12, 18]
    assert anker.psi(ref, cur, edges=edges) == pytest.approx(
        psi_at_edges_by_hand(np.array(edges, float), ref, cur), rel=1e-12)
    for bad in ([6, 3], [3, 3], [float("nan")]):
        with pytest.raises(AnkerError) as e:
            anker.psi(ref, cur, edges=bad)
        assert e.value.status == Status.ORDER and e.value.field == "edges"


def test_psi_table_uses_the_model_bins(model, labelled):
    """ww_months is binned in the model: its PSI is over the model's own edges."""
    terms = {t.name: t for t in model.terms}
    doc = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    bins = [t for t in doc["terms"] if t["type"] == "bins"]
    assert [(terms[t["name"]].variable, terms[t["name"]].edges) for t in bins] == [
        (t["variable"], tuple(float(e) for e in t["edges"])) for t in bins]
    assert terms["intercept"].variable is None and terms["intercept"].edges is None
    reference = pd.read_csv(CASELOAD).iloc[2000:4000]
    table = anker.evaluate(model, labelled, outcome="found_work",
                           reference=reference).psi.set_index("variable")
    edges = np.array(bins[0]["edges"], float)
    assert table.loc["ww_months", "bins"] == "model"
    assert table.loc["ww_months", "psi"] == pytest.approx(psi_at_edges_by_hand(
        edges, reference["ww_months"].to_numpy(float), labelled["ww_months"].to_numpy(float)),
        rel=1e-12)
    assert table.loc["age", "bins"] == "deciles" and table.loc["region", "bins"] == "levels"


def test_psi_table_and_reading(model, labelled):
    reference = pd.read_csv(CASELOAD).iloc[2000:4000]
    ev = anker.evaluate(model, labelled, outcome="found_work", reference=reference)
    table = ev.psi.set_index("variable")
    assert list(table.index) == [v.name for v in model.variables] + ["(score)"]
    age = anker.psi(reference["age"], labelled["age"])
    assert table.loc["age", "psi"] == age
    region = model.variable("region")
    codes = lambda s: [region.level_code(v) for v in s]
    assert table.loc["region", "psi"] == pytest.approx(
        anker.psi(codes(reference["region"]), codes(labelled["region"]),
                  levels=len(region.levels)))
    assert [anker.psi_reading(x) for x in (0.05, 0.1, 0.2, 0.25, 1)] == [
        "stable", "moderate shift", "moderate shift", "major shift", "major shift"]


# -- Harrell's C ----------------------------------------------------------------------------

@pytest.mark.parametrize("seed", [1, 2])
def test_harrell_c_against_brute_force(seed):
    rng = np.random.default_rng(seed)
    n = 150
    risk = np.round(rng.random(n), 1)  # ties in risk
    time = rng.integers(1, 30, size=n).astype(float)  # ties in time
    event = (rng.random(n) < 0.6).astype(float)
    assert anker.harrell_c(risk, time, event) == pytest.approx(
        harrell_by_pairs(risk, time, event), rel=1e-12)
    assert anker.harrell_c(risk, time, event, horizon=12) == pytest.approx(
        harrell_by_pairs(risk, time, event, 12), rel=1e-12)


def test_harrell_c_hand_computed_and_bad_input():
    # event at 1 (risk .9) beats 2 and 3; event at 2 (risk .5) vs 3 (risk .7): discordant
    assert anker.harrell_c([0.9, 0.5, 0.7], [1, 2, 3], [1, 1, 0]) == pytest.approx(2 / 3)
    assert math.isnan(anker.harrell_c([0.1, 0.2], [1, 2], [0, 0]))
    with pytest.raises(AnkerError) as e:
        anker.harrell_c([0.1, 0.2], [1, 2], [0, 2])
    assert e.value.status == Status.BAD_VALUE and e.value.case_index == 1
    with pytest.raises(AnkerError) as e:
        anker.harrell_c([0.1, float("nan")], [1, 2], [0, 1])
    assert e.value.status == Status.MISSING_VALUE and e.value.field == "risk"


# -- bad input ------------------------------------------------------------------------------

@pytest.mark.parametrize("outcome,status,row", [
    ([0, 1, 2, 0], Status.BAD_VALUE, 2),
    ([0, 1, float("nan"), 0], Status.MISSING_VALUE, 2),
    ([0, 1, 0.5, 0], Status.BAD_VALUE, 2),
    ([0, -1, 1, 0], Status.BAD_VALUE, 1),
])
def test_bad_outcomes_name_column_and_row(model, outcome, status, row):
    frame = pd.DataFrame({"y": outcome}, index=["a", "b", "c", "d"])
    with pytest.raises(AnkerError) as e:
        anker.evaluate(model, frame, outcome="y", probability=[0.1, 0.2, 0.3, 0.4])
    assert e.value.status == status and e.value.field == "y"
    assert e.value.case_index == row and e.value.row_label == "abcd"[row]


def test_bad_probabilities_outcome_column_and_empty(model):
    frame = pd.DataFrame({"y": [0, 1]})
    with pytest.raises(AnkerError) as e:
        anker.evaluate(model, frame, outcome="y", probability=[0.1, 1.5])
    assert e.value.status == Status.OUT_OF_RANGE and e.value.field == "probability"
    with pytest.raises(AnkerError) as e:
        anker.evaluate(model, frame, outcome="y", probability=[float("nan"), 0.5])
    assert e.value.status == Status.MISSING_VALUE and e.value.case_index == 0
    with pytest.raises(AnkerError) as e:
        anker.evaluate(model, frame, outcome="found_work", probability=[0.1, 0.5])
    assert e.value.status == Status.NO_COLUMN and e.value.field == "found_work"
    with pytest.raises(AnkerError) as e:
        anker.evaluate(model, frame.iloc[:0], outcome="y", probability=[])
    assert e.value.status == Status.INVALID_ARGUMENT
    with pytest.raises(AnkerError) as e:
        anker.evaluate(model, pd.DataFrame({"y": ["yes", "no"]}), outcome="y",
                       probability=[0.1, 0.5])
    assert e.value.status == Status.BAD_VALUE and e.value.field == "y"
    with pytest.raises(ValueError):
        anker.evaluate(model, frame, outcome="y", probability=[0.1, 0.5], ratio_threshold=1)


def test_the_labelled_example_regenerates_to_the_byte(tmp_path):
    import subprocess
    import sys
    out = tmp_path / "labelled.csv"
    subprocess.run([sys.executable, str(SOURCE_DIR / "examples/data/generate_labelled.py"),
                    "--model", str(MODEL_PATH), "--in", str(CASELOAD), "--rows", "2000",
                    "--seed", "20261202", "--out", str(out)], check=True)
    assert out.read_bytes() == LABELLED.read_bytes()


def test_duration_model_harrell_c_against_brute_force():
    """Times drawn from the demonstration BLIJF model's own survival curves
    (S(t | x) = S0(t)^exp(lp), monthly), censored at random: the model's C must
    match the pair count, and be well above 1/2 since the times follow the model."""
    with anker.Model.load(SOURCE_DIR / "data" / "models" / "demo-blijf-12m.json") as model:
        frame = pd.read_csv(CASELOAD).head(200)
        parts = [model.score(frame, ignore_extra=True, horizons=months)
                 for months in (range(1, 13), range(13, 25))]  # at most 16 per call
        survival = np.hstack([part[["survival_%d" % m for m in months]].to_numpy()
                              for part, months in zip(parts, (range(1, 13), range(13, 25)))])
        scored = parts[0]
        rng = np.random.default_rng(12)
        u = rng.random(len(frame))
        below = survival < u[:, None]  # the first month whose survival falls below u: the exit
        exit_month = np.where(below.any(axis=1), 1 + np.argmax(below, axis=1), 25)
        censor = rng.integers(3, 30, size=len(frame))
        time = np.minimum(exit_month, censor).astype(float)
        event = (exit_month <= censor) & (exit_month <= 24)
        data = frame.assign(months=time, left=event.astype(int))
        got = anker.evaluate_duration(model, data, time="months", event="left")
        risk = scored["log_relative_hazard"].to_numpy()
        assert got["horizon"] == 12 and got["events"] == event.sum()
        assert got["harrell_c"] == pytest.approx(harrell_by_pairs(risk, time, event), rel=1e-12)
        assert got["harrell_c_horizon"] == pytest.approx(
            harrell_by_pairs(risk, time, event, 12), rel=1e-12)
        assert got["harrell_c"] > 0.6
        with pytest.raises(AnkerError) as e:
            anker.evaluate_duration(model, data.assign(left=2), time="months", event="left")
        assert e.value.field == "left" and e.value.case_index == 0
        with pytest.raises(ValueError):
            anker.evaluate_duration(anker.Model.load(MODEL_PATH), data, time="months",
                                    event="left")
