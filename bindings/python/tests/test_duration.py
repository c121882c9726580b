# SPDX-License-Identifier: GPL-3.0-or-later
"""Duration models through the binding: the demonstration BLIJF model's outputs are
those docs/model-format.md declares, score() returns them (and caller horizons,
conditional or not) as the single-case results give them, to the last bit, and
the errors are clear. The numbers themselves are held to statsmodels and scipy by
tests/golden/duration_golden.py."""

import json
import math
import re

import numpy as np
import pandas as pd
import pytest

import anker

BLIJF = "data/models/demo-blijf-12m.json"
TRUTH_BLIJF = "data/simulation/truth/truth-blijf-12m.json"
ABSENT = ["work_history_years", "applications_4w", "health", "has_partner", "education",
          "sector"]
PEOPLE = pd.DataFrame({"age": [45.0, 30.0, 61.0, 70.0], "ww_months": [7.0, 1.0, 20.0, 3.0],
                       "care_duties": [False, True, False, False],
                       "female": [True, True, False, False],
                       "region": ["tight", "average", "slack", "tight"]})


@pytest.fixture(scope="module")
def blijf(source_dir):
    with anker.Model.load(source_dir / BLIJF) as model:
        yield model


def declared(source_dir, kind):
    text = (source_dir / "docs" / "model-format.md").read_text(encoding="utf-8")
    section = text.split("\n## Outputs\n", 1)[1].split("\n## ", 1)[0]
    return [(name, type_) for k, name, type_ in
            re.findall(r"^\| `(\w+)` \| `(\w+)` \| (\w+) \|", section, re.M) if k == kind]


def test_outputs_are_the_table_of_model_format_md(source_dir, blijf):
    with open(source_dir / BLIJF, encoding="utf-8") as f:
        spec = json.load(f)
    horizons, baseline = spec["horizons"], spec["survival"]["baseline"]
    want = []
    for name, type_ in declared(source_dir, "duration"):
        if name.endswith("_H"):
            want += [(name[:-1] + str(h), type_) for h in horizons]
        else:
            want.append((name, type_))
    assert [(o.name, o.type) for o in blijf.outputs] == want
    assert blijf.kind == "duration" and blijf.link is None
    assert blijf.survival_form == "cox" and blijf.weibull is None
    assert blijf.horizons == tuple(horizons) and blijf.max_months == 24.0
    assert blijf.baseline == tuple(zip(map(float, baseline["months"]), baseline["survival"]))
    assert len(blijf.baseline) == 24 and blijf.baseline[11][0] == 12.0
    # The hand-set model the demonstration one was refitted from keeps its designed baseline,
    # exp(-(t/11)^1.1) rounded to 4 decimals: 0.3327 at 12 months.
    with anker.Model.load(source_dir / TRUTH_BLIJF) as truth:
        assert truth.baseline[11] == (12.0, 0.3327)
        assert round(math.exp(-(12 / 11) ** 1.1), 4) == 0.3327


def test_score_matches_single_cases_bit_for_bit(blijf):
    scores = blijf.score(PEOPLE, horizons=[0.5, 9, 18.25], explain=True, absent=ABSENT)
    later = blijf.score(PEOPLE, horizons=[9, 24], given_months=7, absent=ABSENT)
    assert list(later.columns)[-2:] == ["survival_9_given_7", "survival_24_given_7"]
    assert "hr.age" not in scores.columns  # hazard ratios are the contributions' exp
    for i, row in enumerate(PEOPLE.to_dict("records")):
        with blijf.score_case(row) as r:
            for o in blijf.outputs:
                if o.type == "number":
                    assert np.float64(scores[o.name].iloc[i]).tobytes() == \
                        np.float64(r[o.name]).tobytes(), o.name
                else:
                    assert scores[o.name].iloc[i] == r[o.name]
            for t, column in ((0.5, "survival_0.5"), (9, "survival_9"),
                              (18.25, "survival_18.25")):
                assert np.float64(scores[column].iloc[i]).tobytes() == \
                    np.float64(r.survival(t)).tobytes()
            for t in (9, 24):
                assert later["survival_%d_given_7" % t].iloc[i] == r.survival(t, 7)
            assert r.survival(12) == r["survival_12"]
            assert r.survival(24, 24) == 1.0
            assert math.isnan(r.survival(24.5)) and math.isnan(r.survival(6, 7))
            ratios = r.hazard_ratios
            assert list(ratios) == list(r.contributions)
            for label, c in r.contributions.items():
                assert ratios[label] == math.exp(c)
            assert math.isclose(sum(r.contributions.values()), r["log_relative_hazard"],
                                rel_tol=0, abs_tol=1e-12)


def test_horizon_errors(blijf, model):
    with pytest.raises(anker.AnkerError) as e:
        blijf.score(PEOPLE, horizons=[25], absent=ABSENT)
    assert e.value.code == anker.Status.OUT_OF_RANGE
    with pytest.raises(anker.AnkerError) as e:
        blijf.score(PEOPLE, horizons=[6], given_months=7, absent=ABSENT)
    assert e.value.code == anker.Status.OUT_OF_RANGE
    with pytest.raises(anker.AnkerError, match="describes months 0 to 24") as e:
        blijf.score(PEOPLE, horizons=[-1], absent=ABSENT)
    assert e.value.code == anker.Status.OUT_OF_RANGE
    with pytest.raises(anker.AnkerError) as e:
        blijf.score(PEOPLE, horizons=range(1, 18), absent=ABSENT)
    assert e.value.code == anker.Status.TOO_LARGE
    # a horizon given twice is one column
    assert list(blijf.score(PEOPLE, horizons=[9, 9], absent=ABSENT).columns)[-1] == "survival_9"
    with pytest.raises(anker.AnkerError) as e:
        model.score(PEOPLE, horizons=[6], absent=ABSENT)
    assert e.value.code == anker.Status.UNSUPPORTED
    with model.score_case({"age": 45, "ww_months": 7, "care_duties": False, "female": True,
                           "region": "tight"}) as r:
        with pytest.raises(TypeError, match="duration model"):
            r.survival(6)
        with pytest.raises(TypeError, match="duration model"):
            r.hazard_ratios


def test_bad_rows_are_nan_with_coerce(blijf):
    people = PEOPLE.copy()
    people.loc[1, "ww_months"] = 30.0  # above the range, policy "reject"
    scores = blijf.score(people, horizons=[9], given_months=3, errors="coerce", absent=ABSENT)
    assert scores["status"].tolist() == [0, anker.Status.OUT_OF_RANGE, 0, 0]
    assert math.isnan(scores["survival_9_given_3"].iloc[1])
    assert math.isnan(scores["median_months"].iloc[1])
    assert scores["band"].isna().iloc[1]
    assert not scores["survival_9_given_3"].drop(index=1).isna().any()


def test_caseload_scores_every_row(source_dir, blijf):
    frame = pd.read_csv(source_dir / "examples" / "data" / "caseload.csv")
    scores = blijf.score(frame, ignore_extra=True)
    assert len(scores) == 5000
    assert scores["survival_12"].between(0, 1).all()
    assert (scores["survival_3"] >= scores["survival_24"]).all()
    assert (scores["exit_12"] == 1.0 - scores["survival_12"]).all()


def test_score_arrays_gives_the_outputs_by_name(blijf):
    arrays = blijf.score_arrays(PEOPLE, absent=ABSENT)
    assert arrays.probability is None and arrays.linear_predictor is None
    frame = blijf.score(PEOPLE, absent=ABSENT)
    for o in blijf.outputs:
        if o.type == "number":
            assert np.array_equal(arrays.outputs[o.name], frame[o.name].to_numpy())
    assert np.array_equal(arrays.band, frame["band"].cat.codes.to_numpy())
    assert arrays.summary.cases == 4


def test_to_dict_and_repr(blijf):
    with blijf.score_case({"age": 70, "ww_months": 20, "care_duties": True, "female": True,
                           "region": "slack"}) as r:
        d = r.to_dict()
        json.dumps(d, allow_nan=False)  # JSON-ready: an infinite median is None
        assert d["outputs"]["median_months"] is None and math.isinf(r["median_months"])
        assert d["outputs"]["band"] == r.band
        assert d["hazard_ratios"] == {t.name: math.exp(t.contribution) for t in r.terms}
        assert repr(r).startswith("<anker.CaseResult survival_12=0.")
        assert "band=" in repr(r) and "age" not in repr(r)
