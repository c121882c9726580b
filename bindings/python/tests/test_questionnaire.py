# SPDX-License-Identifier: GPL-3.0-or-later
"""Questionnaires from Python: Model.items, score() DataFrames with the scales'
outputs and contributions, score_case() explanations, bad answers and missing ones."""

import math

import numpy as np
import pytest

import anker

pd = pytest.importorskip("pandas")

ANSWERS = "examples/data/answers.csv"


@pytest.fixture(scope="module")
def motivatie(source_dir):
    return anker.Model.load(str(source_dir / "data" / "models" / "demo-motivatie.json"))


@pytest.fixture(scope="module")
def answers(source_dir):
    return pd.read_csv(source_dir / ANSWERS)


def test_description(motivatie):
    assert motivatie.kind == "questionnaire"
    assert motivatie.outcome is None and motivatie.horizon_months is None
    assert motivatie.link is None and motivatie.terms == () and motivatie.bands == ()
    assert [i.response for i in motivatie.items] == ["likert"] * 6 + ["number", "choice"]
    reistijd = motivatie.items[7]
    assert reistijd.options[0] == anker.Option(
        "kwartier", 0.0, {"nl": "een kwartier", "en": "a quarter of an hour"})
    assert motivatie.contributions[2].name == "motivatie.uitkering_voldoende"
    assert motivatie.output("motivatie_level").level_names == ("laag", "matig", "hoog")


def test_frame_agrees_with_cases(motivatie, answers):
    rows = answers.head(200)
    scores = motivatie.score(rows, bands=True, explain=True, flags=True, ignore_extra=True)
    contrib = [c for c in scores.columns if c.startswith("contrib.")]
    assert contrib == ["contrib." + c.name for c in motivatie.contributions]
    for i in range(len(rows)):
        values = {k: v for k, v in rows.iloc[i].items()
                  if k in {v.name for v in motivatie.variables}
                  and not (isinstance(v, float) and math.isnan(v))}
        r = motivatie.score_case(values)
        for name in ("motivatie_score", "zoekgedrag_score", "motivatie_answered"):
            want, got = r[name], scores[name].iloc[i]
            assert (math.isnan(want) and math.isnan(got)) or want == got
        level = scores["motivatie_level"].iloc[i]
        assert (r["motivatie_level"] is None and pd.isna(level)) or r["motivatie_level"] == level
        for e in r.explained:
            got = scores["contrib." + e.name].iloc[i]
            assert (math.isnan(e.contribution) and math.isnan(got)) or e.contribution == got
        assert bool(scores["missing"].iloc[i]) == bool(r.missing)


def test_hand_computed_case(motivatie):
    # motivatie: (2*5 + 4 + 2*(6-1) + 3 + 4) / 7; zoekgedrag: 4 + 0.25*8 + 2
    r = motivatie.score_case({"wil_werken": 5, "verwacht_werk": 4, "uitkering_voldoende": 1,
                              "ander_werk": 3, "gezondheid": 4, "zoekt_wekelijks": 4,
                              "reacties_4w": 8, "reistijd": "uur"})
    assert r["motivatie_score"] == pytest.approx(31 / 7, abs=1e-15)
    assert r["motivatie_level"] == "hoog"
    assert r["zoekgedrag_score"] == 8.0
    assert r.details["Motivation to work: Benefit is enough"] == \
        "uitkering_voldoende = 1 (strongly disagree), reverse-keyed: 5"
    assert sum(e.contribution for e in r.explained[:5]) == r["motivatie_score"]
    assert r.to_dict()["outputs"]["zoekgedrag_level"] == "actief"


def test_missing_answers(motivatie):
    r = motivatie.score_case({"verwacht_werk": 4, "ander_werk": 3, "gezondheid": 4,
                              "zoekt_wekelijks": 4, "reistijd": "uur"})
    # two of five motivatie items missing, one allowed: not scorable, no error
    assert math.isnan(r["motivatie_score"]) and r["motivatie_level"] is None
    assert r["motivatie_answered"] == 3.0
    assert r.missing == ("wil_werken", "uitkering_voldoende", "reacties_4w")
    # zoekgedrag prorated: W = 1 + 0.25 + 1, answered weight 2: (4 + 2) * 2.25 / 2
    assert r["zoekgedrag_score"] == 6.75


@pytest.mark.parametrize("item, value, status", [
    ("wil_werken", 2.5, "NOT_AN_OPTION"),
    ("wil_werken", 6, "NOT_AN_OPTION"),
    ("reacties_4w", 21, "OUT_OF_RANGE"),
    ("reistijd", "fiets", "UNKNOWN_LEVEL"),
    ("reistijd", 1, "TYPE_MISMATCH"),
    ("wil_werken", "eens", "TYPE_MISMATCH"),
])
def test_bad_answers(motivatie, item, value, status):
    values = {"wil_werken": 5, "reistijd": "uur", item: value}
    with pytest.raises(anker.AnkerError) as info:
        motivatie.score_case(values)
    assert info.value.code == anker.Status[status]
    assert info.value.field == item


def test_bad_answer_in_a_frame(motivatie, answers):
    rows = answers.head(10).copy()
    rows.loc[3, "wil_werken"] = 2.5
    scores = motivatie.score(rows, bands=True, ignore_extra=True, errors="coerce")
    assert scores["status"].iloc[3] == anker.Status.NOT_AN_OPTION
    assert scores["error_field"].iloc[3] == "wil_werken"
    assert np.isnan(scores["motivatie_score"].iloc[3])
    assert (scores["status"].drop(3) == 0).all()


def test_plain_score_is_a_table(motivatie, answers):
    # no probability to return as an array: score() gives the outputs' DataFrame
    scores = motivatie.score(answers.head(5), ignore_extra=True)
    assert list(scores.columns) == [
        "motivatie_score", "motivatie_level", "motivatie_level_label", "motivatie_answered",
        "zoekgedrag_score", "zoekgedrag_level", "zoekgedrag_level_label", "zoekgedrag_answered"]
    arrays = motivatie.score_arrays(answers.head(5), ignore_extra=True)
    assert arrays.probability is None
    assert np.array_equal(arrays.outputs["motivatie_score"], scores["motivatie_score"],
                          equal_nan=True)
    assert list(motivatie.score_meta(ignore_extra=True).columns) == list(scores.columns)


def test_output_texts(motivatie, model):
    level = motivatie.output("motivatie_level")
    assert level.text == {"nl": "Motivatie om te werken: niveau",
                          "en": "Motivation to work: level"}
    assert level.level_texts[0] == {"nl": "Lage motivatie", "en": "Low motivation"}
    # a binary model's bands have English labels only
    band = model.output("band")
    assert band.level_texts[0]["nl"] is None and band.level_texts[0]["en"]
