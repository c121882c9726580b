# SPDX-License-Identifier: GPL-3.0-or-later
"""Named outputs (issue 8): Model.outputs, CaseResult.outputs and the columns of
model.score(bands=True) come from the library's declaration of the kind's outputs.
The expected outputs are the normative table of docs/model-format.md and the model
files themselves; the expected values come from tests/golden/reference_scorer.py
(numpy, never libanker)."""

import json
import math
import re

import numpy as np
import pytest
from conftest import reference_scores

import anker

TOLERANCE = 1e-12

MODEL_FILES = ["data/models/demo-amt-6m.json", "tests/golden/full-model.json",
               "tests/golden/full-model-probit.json", "tests/golden/probit-upper.json"]

# Three synthetic people for the demonstration model: the variables whose missing
# policy is "reject" are given, the others are missing and their policy resolves them.
CASES = {"age": [45.0, 30.0, 61.0, 30.0], "ww_months": [7.0, 1.0, 20.0, 0.0],
         "care_duties": [False, True, False, False], "female": [True, True, False, False],
         "region": ["tight", "average", "slack", "tight"],
         "work_history_years": [None] * 4, "applications_4w": [None] * 4, "health": [None] * 4,
         "has_partner": [None] * 4, "education": [None] * 4, "sector": [None] * 4}


def declared_outputs(source_dir, kind):
    """(name, type) of each output of kind, in order, from the table under "## Outputs"
    of docs/model-format.md."""
    text = (source_dir / "docs" / "model-format.md").read_text(encoding="utf-8")
    section = text.split("\n## Outputs\n", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `(\w+)` \| `(\w+)` \| (\w+) \|", section, re.M)
    assert rows, "no table of outputs in docs/model-format.md"
    return [(name, type_) for row_kind, name, type_ in rows if row_kind == kind]


@pytest.mark.parametrize("path", MODEL_FILES)
def test_model_outputs_are_the_table_of_model_format_md(source_dir, path):
    with open(source_dir / path, encoding="utf-8") as f:
        model_json = json.load(f)
    assert model_json["kind"] == "binary"
    with anker.Model.load(source_dir / path) as model:
        outputs = model.outputs
    assert [(o.name, o.type) for o in outputs] == declared_outputs(source_dir, "binary")
    assert [(o.name, o.type) for o in outputs] == [
        ("probability", "number"), ("linear_predictor", "number"), ("band", "level")]
    assert [o.index for o in outputs] == list(range(len(outputs)))
    for o in outputs:
        assert isinstance(o, anker.Output)
        assert isinstance(o.label, str) and o.label
        if o.type == "number":
            assert o.levels == ()
    # The band output's levels are the file's bands, in file order; a band without a
    # label is labelled by its name (docs/model-format.md, "Bands").
    band = outputs[2]
    assert band.levels == tuple((b["name"], b.get("label", b["name"]))
                                for b in model_json["bands"]["items"])
    assert band.level_names == tuple(b["name"] for b in model_json["bands"]["items"])


def test_model_output_by_name(model):
    assert model.output("band") is model.outputs[2]
    assert model.output("probability").type == "number"
    with pytest.raises(KeyError, match="no output 'chance'"):
        model.output("chance")


def case(i):
    return {name: values[i] for name, values in CASES.items()}


def test_case_result_outputs_agree_with_the_reference_scorer(model, model_json):
    want = reference_scores(model_json, CASES)
    for i in range(len(CASES["age"])):
        with model.score_case(case(i)) as r:
            outputs = r.outputs
            assert list(outputs) == ["probability", "linear_predictor", "band"]
            assert outputs["probability"] == pytest.approx(want["probability"][i], abs=TOLERANCE)
            assert outputs["linear_predictor"] == pytest.approx(want["linear_predictor"][i],
                                                                abs=TOLERANCE)
            assert outputs["band"] == want["band"][i]
            assert r["band"] == r.output("band") == want["band"][i]
            assert r["probability"] == r.output("probability") == outputs["probability"]
            # The existing attributes say the same.
            assert (r.probability, r.linear_predictor, r.band) == (
                outputs["probability"], outputs["linear_predictor"], outputs["band"])
            with pytest.raises(KeyError, match="no output 'band_label'"):
                r["band_label"]
        # Still readable once the C result is freed.
        assert r.outputs == outputs
    # The reference puts the cases in three different bands, so that the level really
    # is read per case.
    assert want["band"] == ["moderate", "moderate", "low", "reasonable"]


def test_case_result_outputs_after_close_without_reading_first(model, model_json):
    want = reference_scores(model_json, CASES)
    r = model.score_case(case(3))
    r.close()
    assert r.outputs["band"] == want["band"][3] == "reasonable"
    assert math.isclose(r["linear_predictor"], want["linear_predictor"][3], abs_tol=TOLERANCE)


def test_frame_columns_are_the_outputs_and_agree_with_the_reference(model, model_json):
    pd = pytest.importorskip("pandas")
    want = reference_scores(model_json, CASES)
    table = {name: np.array(values, dtype=object if isinstance(values[0], str) else None)
             for name, values in CASES.items()}
    scores = model.score(table, bands=True, explain=True)
    expected = []
    for o in model.outputs:
        expected += [o.name, o.name + "_label"] if o.type == "level" else [o.name]
    terms = ["contrib." + t["name"] for t in model_json["terms"]]
    assert list(scores.columns) == expected + terms
    assert list(scores.columns[:4]) == ["probability", "linear_predictor", "band",
                                        "band_label"]
    assert scores["probability"].dtype == np.float64
    assert scores["linear_predictor"].dtype == np.float64
    np.testing.assert_allclose(scores["probability"], want["probability"], rtol=0,
                               atol=TOLERANCE)
    np.testing.assert_allclose(scores["linear_predictor"], want["linear_predictor"], rtol=0,
                               atol=TOLERANCE)
    items = model_json["bands"]["items"]
    band = scores["band"]
    assert isinstance(band.dtype, pd.CategoricalDtype) and band.dtype.ordered
    assert list(band.cat.categories) == [b["name"] for b in items]
    assert list(band) == want["band"]
    label_of = {b["name"]: b["label"] for b in items}
    assert list(scores["band_label"]) == [label_of[name] for name in want["band"]]
    assert list(scores["band_label"].cat.categories) == [b["label"] for b in items]


def test_frame_outputs_of_a_bad_row_under_coerce(model, model_json):
    pytest.importorskip("pandas")
    table = {name: list(values) for name, values in CASES.items()}
    table["region"] = ["tight", "nowhere", "slack", "tight"]
    scores = model.score(table, bands=True, errors="coerce")
    assert list(scores["status"]) == [0, anker.Status.UNKNOWN_LEVEL, 0, 0]
    assert math.isnan(scores["probability"][1]) and math.isnan(scores["linear_predictor"][1])
    assert scores["band"].isna().tolist() == [False, True, False, False]
    assert scores["band_label"].isna().tolist() == [False, True, False, False]
    want = reference_scores(model_json, CASES)
    assert [scores["band"][i] for i in (0, 2, 3)] == [want["band"][i] for i in (0, 2, 3)]
