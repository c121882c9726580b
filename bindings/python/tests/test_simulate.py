# SPDX-License-Identifier: GPL-3.0-or-later
"""anker.simulate(): the demonstration scenario's realised aggregates on 100,000
cases against the published figures and the scenario's declared shares, the
BLIJF times against the truth model's survival by an independent Kaplan-Meier
(statsmodels), typed columns, reproducibility and errors.

Tolerances are 4 standard errors of the quantity checked (the chance that a
correct generator fails one check is about 6e-5).
"""

import json
import math

import numpy as np
import pandas as pd
import pytest
from statsmodels.duration.survfunc import SurvfuncRight

import anker
from anker import AnkerError, Status

CASES = 100_000
SEED = 20261202


@pytest.fixture(scope="module")
def scenario_path(source_dir):
    return source_dir / "data" / "simulation" / "demo-ww-history.json"


@pytest.fixture(scope="module")
def scenario_json(scenario_path):
    """The scenario as Python's json reads it: the declared shares, independently of C."""
    with open(scenario_path, encoding="utf-8") as f:
        return json.load(f)


@pytest.fixture(scope="module")
def history(scenario_path):
    return anker.simulate(scenario_path, cases=CASES, seed=SEED)


def four_se(p, n):
    return 4 * math.sqrt(p * (1 - p) / n)


def test_completion_share_is_the_published_71_percent(history, source_dir):
    with open(source_dir / "data" / "models" / "demo-werkverkenner.json", encoding="utf-8") as f:
        items = [it["name"] for it in json.load(f)["items"]]
    complete = history[items].notna().all(axis=1)
    share = complete.mean()
    assert abs(share - 0.71) < four_se(0.71, CASES), share
    # an incomplete questionnaire leaves every factor column and work_12m empty
    assert history.loc[~complete, "f_leeftijd"].isna().all()
    assert history.loc[~complete, "work_12m"].isna().all()
    assert history.loc[complete, ["f_leeftijd", "work_12m"]].notna().all().all()


def test_flow_to_bijstand_within_the_published_range(history):
    rate = history["to_bijstand"].mean()
    assert 0.046 <= rate <= 0.060, rate
    assert abs(rate - 0.053) < four_se(0.053, CASES), rate
    assert history.attrs["expected_rates"]["to_bijstand"] == pytest.approx(0.053, abs=1e-12)
    assert history.attrs["shifts"]["to_bijstand"] != 0
    assert history.attrs["shifts"]["found_work"] == 0


def test_categorical_shares_match_the_declared_ones(history, scenario_json):
    declared = {v["name"]: v["draw"]["levels"] for v in scenario_json["variables"]
                if v["draw"]["type"] == "categorical"}
    assert set(declared) == {"education", "sector", "region", "neighbourhood_ses"}
    for name, shares in declared.items():
        realised = history[name].value_counts(normalize=True)
        assert set(realised.index) == set(shares)
        for level, p in shares.items():
            assert abs(realised[level] - p) < four_se(p, CASES), (name, level)


def test_bernoulli_and_missing_shares(history, scenario_json):
    for v in scenario_json["variables"]:
        if v["draw"]["type"] == "bernoulli":
            p = v["draw"]["p"]
            assert abs(history[v["name"]].mean() - p) < four_se(p, CASES), v["name"]
    missing = history["applications_4w"].isna().mean()
    assert abs(missing - 0.03) < four_se(0.03, CASES)


def test_normal_draw_with_a_mean_depending_on_age(history):
    # work_history_years ~ N(-14 + 0.6 age, 4), clamped at 0 and rounded: above
    # age 40 no clamping happens (mean >= 10 = 2.5 sd), so the regression slope
    # on age there is 0.6 within 4 standard errors.
    older = history[history["age"] >= 40]
    x = older["age"].astype(float).to_numpy()
    y = older["work_history_years"].astype(float).to_numpy()
    slope, _ = np.polyfit(x, y, 1)
    se = 4 / math.sqrt(((x - x.mean()) ** 2).sum())
    assert abs(slope - 0.6) < 4 * se + 0.01, slope  # + rounding to whole years


def test_blijf_times_follow_the_truth_models_survival(history, source_dir):
    truth = anker.Model.load(source_dir / "data" / "simulation" / "truth" /
                             "truth-blijf-12m.json")
    scored = truth.score(history, ignore_extra=True, horizons=[6, 12])
    sf = SurvfuncRight(history["blijf_time"].astype(float).to_numpy(),
                       history["blijf_event"].astype(float).to_numpy())
    for months in (6, 12):
        # the last step at or before t: the KM estimate of P(T > t)
        k = np.searchsorted(sf.surv_times, months, side="right") - 1
        km, se = sf.surv_prob[k], sf.surv_prob_se[k]
        expected = scored["survival_%d" % months].mean()
        assert abs(km - expected) < 4 * se, (months, km, expected, se)
    assert history["blijf_time"].max() == 24
    assert set(history.loc[history["blijf_event"] == 0, "blijf_time"]) == {24}


def test_typed_columns(history):
    assert history["case_id"].iloc[0] == "SIM0000001"
    assert history["case_id"].iloc[-1] == "SIM0100000"
    assert str(history["age"].dtype) == "Int64"
    assert str(history["female"].dtype) == "boolean"
    assert str(history["education"].dtype) == "category"
    assert str(history["f_gezondheid"].dtype) == "float64"
    assert str(history["leeftijd"].dtype) == "category"
    assert str(history["zoek_plan"].dtype) == "Int64"
    assert str(history["found_work"].dtype) == "Int64"


def test_reproducible_and_seed_dependent(scenario_path):
    scenario = anker.Scenario.load(scenario_path)
    a = scenario.simulate(500, 3)
    b = anker.simulate(scenario, cases=500, seed=3)
    pd.testing.assert_frame_equal(a, b)
    assert scenario.csv(500, 3) == scenario.csv(500, 3)
    assert scenario.csv(500, 3) != scenario.csv(500, 4)
    # the first cases do not depend on how many follow (targets aside: found_work has none)
    assert scenario.simulate(50, 3)["found_work"].equals(a["found_work"].iloc[:50])
    assert scenario.id == "demo-ww-history" and scenario.version == "1.0.0"
    assert scenario.outcomes == ["found_work", "non_compliance", "needs_support", "blijf",
                                 "work_12m", "to_bijstand"]
    assert scenario.columns[0] == ("case_id", "string")
    scenario.close()


def test_errors_name_the_file_and_path(tmp_path, scenario_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({
        "format": "anker-scenario", "format_version": 1, "id": "x", "version": "1",
        "provenance": {"statement": "x", "sources": {}},
        "variables": [{"name": "g", "kind": "categorical",
                       "draw": {"type": "categorical", "levels": {"a": 0.5, "b": 0.6}}}],
        "outcomes": []}))
    with pytest.raises(AnkerError) as e:
        anker.simulate(bad, cases=10, seed=1)
    assert e.value.status == Status.BAD_VALUE
    assert e.value.path == "$.variables[0].draw.levels"
    assert str(bad) in str(e.value)
    with pytest.raises(ValueError):
        anker.simulate(scenario_path, cases=0, seed=1)
    with pytest.raises(ValueError):
        anker.simulate(scenario_path, cases=10, seed=-1)
