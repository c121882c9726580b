# SPDX-License-Identifier: GPL-3.0-or-later
"""Loading models, what they describe, contexts and object lifetime."""

import gc
import hashlib
import math
import multiprocessing
import pickle
from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pytest

import anker


def test_description_matches_the_file(model, model_json, model_path):
    j = model_json
    assert model.id == j["id"]
    assert model.name == j["name"]
    assert model.version == j["version"]
    assert model.kind == j["kind"]
    assert model.toets == j["toets"]
    assert model.outcome == j["outcome"]["description"]
    assert model.horizon_months == j["outcome"]["horizon_months"]
    assert model.valid_from == j["valid_from"]
    assert model.provenance == j["provenance"]
    assert list(model.provenance) == list(j["provenance"])  # the file's (the format's) order
    assert model.link == j["link"]
    assert model.sha256 == hashlib.sha256(model_path.read_bytes()).hexdigest()


def test_variables_match_the_file(model, model_json):
    assert [v.name for v in model.variables] == [v["name"] for v in model_json["variables"]]
    for i, (v, jv) in enumerate(zip(model.variables, model_json["variables"])):
        assert v.index == i
        assert v.label == jv.get("label", jv["name"])
        assert v.kind == jv["kind"]
        assert v.levels == tuple(jv.get("levels", ()))
        assert v.range == (tuple(float(x) for x in jv["range"]) if "range" in jv else None)
        # Defaults from docs/model-format.md: reject out of range, reject missing values.
        assert v.out_of_range == (jv.get("out_of_range", "reject") if v.kind == "numeric"
                                  else None)
        policy = jv.get("missing", {"policy": "reject"})
        assert v.missing == policy["policy"]
        assert v.imputed == policy.get("value", policy.get("level"))
        if v.imputed is not None:
            assert type(v.imputed) is {"numeric": float, "boolean": bool,
                                       "categorical": str}[v.kind]
        for code, level in enumerate(v.levels):
            assert v.level_code(level) == code
    assert model.variable("education").levels == ("basic", "vocational", "higher", "unknown")
    assert {v.missing for v in model.variables} == {"reject", "impute", "level"}
    assert {v.out_of_range for v in model.variables} == {"clamp", "reject", None}
    with pytest.raises(KeyError, match="no variable 'shoe_size'"):
        model.variable("shoe_size")
    with pytest.raises(KeyError, match="no level 'phd'"):
        model.variable("education").level_code("phd")


def test_terms_and_bands_match_the_file(model, model_json):
    assert [(t.name, t.label, t.type) for t in model.terms] == \
        [(t["name"], t["label"], t["type"]) for t in model_json["terms"]]
    items = model_json["bands"]["items"]
    assert [(b.name, b.label) for b in model.bands] == \
        [(b["name"], b.get("label", b["name"])) for b in items]
    assert [b.upper for b in model.bands] == [b.get("upper", 1.0) for b in items]
    assert model.band_names == tuple(b["name"] for b in items)
    assert model.band_boundary == model_json["bands"]["boundary"]


def test_band_for_probability_follows_the_boundary(model, model_json):
    assert model_json["bands"]["boundary"] == "lower"  # exactly on a threshold: lower band
    assert model.band_for(0.25).name == "low"
    assert model.band_for(math.nextafter(0.25, 1)).name == "moderate"
    assert model.band_for(0.0).name == "low"
    assert model.band_for(1.0).name == "good"
    for bad in (float("nan"), -0.1, 1.5):
        with pytest.raises(anker.AnkerError) as info:
            model.band_for(bad)
        assert info.value.code == anker.Status.OUT_OF_RANGE


def test_from_json_equals_load(model, model_path):
    text = model_path.read_text(encoding="utf-8")
    for source in (text, text.encode("utf-8")):
        with anker.Model.from_json(source) as m:
            assert m.sha256 == model.sha256
            assert m.variables == model.variables
            case = {"age": 40, "ww_months": 2, "care_duties": False, "female": False,
                    "region": "slack"}
            assert m.score_case(case).linear_predictor == model.score_case(case).linear_predictor
    with pytest.raises(TypeError):
        anker.Model.from_json(42)


def test_model_cannot_be_constructed_directly():
    with pytest.raises(TypeError, match="Model.load"):
        anker.Model()


def test_close_is_deterministic_and_idempotent(model_path, full_case):
    m = anker.Model.load(model_path)
    assert not m.closed
    m.close()
    m.close()
    assert m.closed
    assert m.id == "demo-amt-6m"  # the description stays readable
    with pytest.raises(ValueError, match="closed"):
        m.score_case(full_case)
    with pytest.raises(ValueError, match="closed"):
        m.score({"age": [40.0]})
    with anker.Model.load(model_path) as m2:
        assert m2.score_case(full_case).probability > 0
    assert m2.closed
    assert "closed" in repr(m2)


def test_result_outlives_its_model(model_path, full_case):
    m = anker.Model.load(model_path)
    r = m.score_case(full_case)
    m.close()
    del m
    gc.collect()
    assert r.band in ("low", "moderate", "reasonable", "good")
    assert len(r.contributions) == len(r.terms)


def test_context_log_receives_messages(model_path):
    messages = []
    with anker.Context(log=lambda level, message: messages.append((level, message)),
                       log_level=anker.LogLevel.INFO) as ctx:
        assert ctx.log_level == anker.LogLevel.INFO
        with anker.Model.load(model_path, context=ctx) as m:
            pass
    assert any(level == anker.LogLevel.INFO and m.id in text and m.sha256 in text
               for level, text in messages), messages


def test_context_log_level_filters(model_path):
    messages = []
    ctx = anker.Context(log=lambda level, message: messages.append(message))
    assert ctx.log_level == anker.LogLevel.ERROR  # the library's default
    anker.Model.load(model_path, context=ctx).close()
    assert messages == []  # loading logs at INFO only
    ctx.set_log(None)
    ctx.log_level = anker.LogLevel.DEBUG
    anker.Model.load(model_path, context=ctx).close()
    assert messages == []
    ctx.close()


def test_models_keep_their_context_alive(model_path, full_case):
    messages = []
    ctx = anker.Context(log=lambda level, message: messages.append(message),
                        log_level=anker.LogLevel.INFO)
    m = anker.Model.load(model_path, context=ctx)
    ctx.close()  # the model holds its own reference
    with pytest.raises(ValueError, match="closed"):
        anker.Model.load(model_path, context=ctx)
    assert m.score_case(full_case).probability > 0
    m.close()


def test_default_context_is_shared():
    assert anker.default_context() is anker.default_context()


def test_pickle_round_trip(model, model_path, full_case, tmp_path):
    copy = pickle.loads(pickle.dumps(model))
    assert copy is not model and copy.sha256 == model.sha256
    assert copy.score_case(full_case).probability == model.score_case(full_case).probability
    with anker.Model.from_json(model_path.read_bytes(), source_name="given.json") as m:
        again = pickle.loads(pickle.dumps(m))
        assert again.sha256 == m.sha256 == model.sha256
        m.close()
        assert pickle.loads(pickle.dumps(m)).sha256 == model.sha256  # closed models too
    # A file that changed after loading is not silently replaced by the new one.
    path = tmp_path / "model.json"
    original = model_path.read_bytes()
    path.write_bytes(original)
    with anker.Model.load(path) as m:
        # the same model under another version (the file's own, as the library read it)
        version = b'"version": "%s"' % model.version.encode()
        assert original.count(version) == 1
        path.write_bytes(original.replace(version, version[:-1] + b'-changed"'))
        with pytest.raises(pickle.PicklingError, match="changed since"):
            pickle.dumps(m)


def test_process_pool_score_equals_serial(model, caseload):
    """A model travels to worker processes as its file's bytes."""
    data = caseload.drop(columns=["id"])
    serial = model.score(data)
    parts = np.array_split(np.arange(len(data)), 4)
    ctx = multiprocessing.get_context("spawn")  # a fresh interpreter: nothing inherited
    with ProcessPoolExecutor(max_workers=2, mp_context=ctx) as pool:
        got = list(pool.map(model.score, [data.iloc[rows] for rows in parts]))
    assert np.array_equal(np.concatenate(got), serial)


def test_a_dutch_locale_changes_nothing(model, full_case):
    """Python programs may call setlocale(); the library's numbers do not follow it."""
    import locale
    want = model.score_case(dict(full_case, age=45.5))
    saved = locale.setlocale(locale.LC_ALL)
    try:
        try:
            locale.setlocale(locale.LC_ALL, "nl_NL.UTF-8")
        except locale.Error:
            pytest.skip("the nl_NL.UTF-8 locale is not installed")
        assert locale.localeconv()["decimal_point"] == ","
        got = model.score_case(dict(full_case, age=45.5))
        assert got.probability == want.probability
        assert got.details["Age"] == "age = 45.5"
    finally:
        locale.setlocale(locale.LC_ALL, saved)
