# SPDX-License-Identifier: GPL-3.0-or-later
"""Every failure surfaces as an AnkerError with the right code and where it applies."""

import copy
import json
import os
import pickle

import numpy as np
import pytest

import anker
from anker import Status

# The smallest complete case: every variable whose missing policy is "reject".
BASE = {"age": 45, "ww_months": 7, "care_duties": False, "female": True, "region": "tight"}
# The hand-set model the demonstration AMT model was refitted from (scripts/rebuild-demo-models)
TRUTH_AMT = "data/simulation/truth/truth-amt-6m.json"


def raises(code, func, *args, **kwargs):
    with pytest.raises(anker.AnkerError) as info:
        func(*args, **kwargs)
    e = info.value
    assert e.code == code, (e.name, e.message)
    assert e.name == anker.status_name(code)
    assert e.status == code
    return e


# Model files

def write_model(tmp_path, model_json, change):
    j = copy.deepcopy(model_json)
    change(j)
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(j, indent=1), encoding="utf-8")
    return path


def test_missing_file_is_io_error_with_file(tmp_path):
    path = tmp_path / "no-such-model.json"
    e = raises(Status.IO, anker.Model.load, path)
    assert e.file == str(path)
    assert str(path) in e.message


def test_syntax_error_gives_file_line_and_column(tmp_path):
    path = tmp_path / "truncated.json"
    path.write_text('{\n  "format": "anker-model",\n  "id": ,\n}\n', encoding="utf-8")
    e = raises(Status.SYNTAX, anker.Model.load, path)
    assert e.file == str(path)
    assert e.line == 3 and 8 <= e.column <= 9  # at the comma
    assert e.message.startswith("%s:%d:%d: " % (path, e.line, e.column))


def test_unknown_key_gives_json_path(tmp_path, model_json):
    path = write_model(tmp_path, model_json, lambda j: j["terms"][2].update(coef2=1.0))
    e = raises(Status.UNKNOWN_KEY, anker.Model.load, path)
    assert e.file == str(path)
    assert e.path == "$.terms[2].coef2"
    assert e.field == "coef2"
    assert e.message == "%s: $.terms[2].coef2: 'coef2': %s" % (path, e.text)
    assert "coef2" not in e.text


def test_unknown_reference_level(tmp_path, model_json):
    index = next(i for i, t in enumerate(model_json["terms"]) if t["name"] == "education")
    path = write_model(tmp_path, model_json,
                       lambda j: j["terms"][index].update(reference="doctorate"))
    e = raises(Status.REFERENCE, anker.Model.load, path)
    assert e.path == "$.terms[%d].reference" % index


def test_missing_required_key(tmp_path, model_json):
    path = write_model(tmp_path, model_json, lambda j: j.pop("valid_from"))
    e = raises(Status.MISSING_KEY, anker.Model.load, path)
    assert e.file == str(path)


def test_unsupported_format_version_from_json(model_json):
    j = dict(model_json, format_version=2)
    e = raises(Status.UNSUPPORTED, anker.Model.from_json, json.dumps(j), source_name="v2.json")
    assert e.file == "v2.json"
    assert e.path == "$.format_version"


# One case



@pytest.mark.parametrize("change, code, field", [
    ({"shoe_size": 44}, Status.UNKNOWN_VARIABLE, "shoe_size"),
    ({"education": "doctorate"}, Status.UNKNOWN_LEVEL, "education"),
    ({"age": "old"}, Status.TYPE_MISMATCH, "age"),                # level name for a number
    ({"education": 2}, Status.TYPE_MISMATCH, "education"),       # number for a categorical
    ({"health": True}, Status.TYPE_MISMATCH, "health"),           # boolean for a number
    ({"health": [4]}, Status.TYPE_MISMATCH, "health"),            # no Python mapping at all
    ({"ww_months": None}, Status.MISSING_VALUE, "ww_months"),     # policy "reject"
    ({"ww_months": float("nan")}, Status.MISSING_VALUE, "ww_months"),
    ({"region": None}, Status.MISSING_VALUE, "region"),
    ({"health": 7}, Status.OUT_OF_RANGE, "health"),               # out_of_range "reject"
    ({"ww_months": -1}, Status.OUT_OF_RANGE, "ww_months"),
    ({"age": float("inf")}, Status.OUT_OF_RANGE, "age"),          # not finite, even if clamped
    ({"female": 2}, Status.OUT_OF_RANGE, "female"),               # a boolean number is 0 or 1
])
def test_score_case_errors(model, change, code, field):
    case = dict(BASE, **change)
    e = raises(code, model.score_case, case)
    assert e.field == field
    assert e.message == "'%s': %s" % (field, e.text)
    assert e.case_index == -1


def test_a_variable_left_out_is_missing(model):
    case = dict(BASE)
    del case["region"]
    e = raises(Status.MISSING_VALUE, model.score_case, case)
    assert e.field == "region"


def test_ignore_extra_skips_unknown_names(model):
    r = model.score_case(dict(BASE, shoe_size=44, id="C1"), ignore_extra=True)
    assert r.probability == model.score_case(BASE).probability


def test_bad_names(model):
    e = raises(Status.INVALID_ARGUMENT, model.score_case, {3: 1.0})
    e = raises(Status.INVALID_ARGUMENT, model.score_case, {"": 1.0})
    assert e.field == ""
    raises(Status.INVALID_ARGUMENT, model.score_case, {"x" * 300: 1.0})


def test_an_error_leaves_the_model_usable(model):
    raises(Status.UNKNOWN_LEVEL, model.score_case, dict(BASE, education="doctorate"))
    good = model.score_case(BASE)
    assert 0 < good.probability < 1


# Tables

# The variables that are not in every table() (their policies resolve a missing value).
OPTIONAL = ["work_history_years", "applications_4w", "health", "has_partner", "education",
            "sector"]


def table(**change):
    """Three cases as a dict of arrays; change replaces or adds columns (None removes one)."""
    t = {"age": np.array([45.0, 30.0, 60.0]), "ww_months": np.array([7.0, 1.0, 20.0]),
         "care_duties": np.array([False, True, False]),
         "female": np.array([True, True, False]),
         "region": np.array(["tight", "average", "slack"], dtype=object)}
    for name in OPTIONAL:  # missing in every row, as a column of missing values
        t[name] = np.full(3, np.nan) if name != "education" and name != "sector" \
            else np.array([None] * 3, dtype=object)
    t.update(change)
    return {k: v for k, v in t.items() if v is not None}


@pytest.mark.parametrize("change, code, field, case_index", [
    ({"shoe_size": [1, 2, 3]}, Status.UNKNOWN_VARIABLE, "shoe_size", -1),
    ({"region": np.array(["tight", "everywhere", "nowhere"], dtype=object)},
     Status.UNKNOWN_LEVEL, "region", 1),
    ({"region": np.array(["tight", "average", "Slack"])}, Status.UNKNOWN_LEVEL, "region", 2),
    ({"sector": np.array([None, "care", "Care"], dtype=object)},            # None is missing
     Status.UNKNOWN_LEVEL, "sector", 2),
    ({"region": np.array([None, "average", "Slack"], dtype=object)},        # the first bad row
     Status.MISSING_VALUE, "region", 0),
    ({"region": np.array([0, 5, 1])}, Status.UNKNOWN_LEVEL, "region", 1),     # bad level code
    ({"region": np.array(["tight", 3, "slack"], dtype=object)},
     Status.TYPE_MISMATCH, "region", 1),
    ({"region": np.array(["tight", "", "slack"], dtype=object)},             # "" is missing
     Status.MISSING_VALUE, "region", 1),
    ({"region": np.array([0.0, 1.0, 2.0])}, Status.TYPE_MISMATCH, "region", -1),
    ({"age": np.array(["45", "30", "60"])}, Status.TYPE_MISMATCH, "age", 0),
    ({"age": np.array([True, False, True])}, Status.TYPE_MISMATCH, "age", -1),
    ({"age": np.array([45, "x", 60], dtype=object)}, Status.TYPE_MISMATCH, "age", 1),
    ({"age": np.array([45.0, 30.0, np.nan])}, Status.MISSING_VALUE, "age", 2),
    ({"region": np.array(["tight", None, "slack"], dtype=object)},
     Status.MISSING_VALUE, "region", 1),
    ({"region": None}, Status.NO_COLUMN, "region", -1),             # no column at all
    ({"ww_months": np.array([7.0, 25.0, 1.0])}, Status.OUT_OF_RANGE, "ww_months", 1),
    ({"age": np.array([45.0, np.inf, 1.0])}, Status.OUT_OF_RANGE, "age", 1),
    ({"female": np.array([1.0, 0.5, 0.0])}, Status.OUT_OF_RANGE, "female", 1),
])
def test_score_errors(model, change, code, field, case_index):
    e = raises(code, model.score, table(**change))
    assert e.field == field
    assert e.case_index == case_index
    if case_index >= 0:
        assert e.message == "row %d (0-based): '%s': %s" % (case_index, field, e.text)
    else:
        assert e.message == "'%s': %s" % (field, e.text)


@pytest.fixture(scope="module")
def handset(source_dir):
    with anker.Model.load(source_dir / TRUTH_AMT) as model:
        yield model


def test_coerce_marks_only_the_bad_rows(handset):
    # With the hand-set model the demonstration AMT model was refitted from: the good row's
    # linear predictor is worked out by hand below from its short coefficients.
    model = handset
    pd = pytest.importorskip("pandas")
    t = table(ww_months=np.array([7.0, 25.0, 1.0]),
              region=np.array(["tight", "average", "nowhere"], dtype=object))
    p = model.score(t, errors="coerce")
    assert np.isnan(p[1]) and np.isnan(p[2]) and 0 < p[0] < 1
    df = model.score(t, bands=True, explain=True, errors="coerce")
    assert list(df["status"]) == [0, Status.OUT_OF_RANGE, Status.UNKNOWN_LEVEL]
    assert pd.isna(df["band"][1]) and pd.isna(df["band"][2]) and not pd.isna(df["band"][0])
    assert df.loc[1:, [c for c in df.columns if c.startswith("contrib.")]].isna().all().all()
    assert df["probability"][0] == model.score_case(
        {k: v[0] for k, v in t.items()}).probability
    # The good row, by hand from the hand-set model file: intercept 0.0625, age 45 halfway
    # between the spline knots 40 (0) and 50 (-0.45), 7 months in the WW bin [6, 12) (-0.6),
    # applications imputed 2 (0.0625 * (2 - 4)), woman -0.05, education missing ->
    # "unknown" (-0.25), region tight +0.45; the rest 0.
    eta = 0.0625 - 0.225 - 0.6 - 0.125 - 0.05 - 0.25 + 0.45
    assert df["linear_predictor"][0] == pytest.approx(-0.7375, abs=1e-12)
    assert eta == pytest.approx(-0.7375, abs=1e-12)
    assert df["probability"][0] == pytest.approx(1 / (1 + np.exp(0.7375)), abs=1e-12)
    assert df["band"][0] == "moderate"  # 0.3236 is in (0.25, 0.5]
    arrays = model.score_arrays(t, errors="coerce")
    assert list(arrays.status) == [0, Status.OUT_OF_RANGE, Status.UNKNOWN_LEVEL]
    assert list(arrays.band[1:]) == [-1, -1]


def test_errors_argument_is_checked(model):
    with pytest.raises(ValueError, match="errors"):
        model.score(table(), errors="ignore")


def test_unsupported_tables(model):
    pd = pytest.importorskip("pandas")
    with pytest.raises(TypeError, match="DataFrame, a dict of arrays or a numpy structured"):
        model.score([1, 2, 3])
    with pytest.raises(TypeError, match="structured array"):
        model.score(np.zeros(3))
    with pytest.raises(ValueError, match="rows"):
        model.score({"age": [1.0, 2.0], "ww_months": [1.0]})
    with pytest.raises(ValueError, match="one-dimensional"):
        model.score({"age": 45.0})
    with pytest.raises(ValueError, match="one value per row"):
        model.score(np.zeros(3, dtype=[("age", "f8", (2,))]))
    with pytest.raises(ValueError, match="one-dimensional"):
        model.score(np.zeros((3, 2), dtype=[("age", "f8")]))
    with pytest.raises(ValueError, match="duplicate column"):
        model.score(pd.DataFrame([[1.0, 2.0]], columns=["age", "age"]))


# NUL characters: refused, never cut short

def test_nul_in_a_path_or_source_name_is_refused(model_path):
    for path in (str(model_path) + "\0.bak", os.fsencode(model_path) + b"\0x"):
        e = raises(Status.INVALID_ARGUMENT, anker.Model.load, path)
        assert "NUL" in e.text
    text = model_path.read_text(encoding="utf-8")
    for name in ("given.json\0junk", b"given.json\0"):
        e = raises(Status.INVALID_ARGUMENT, anker.Model.from_json, text, source_name=name)
        assert "NUL" in e.text and "source_name" in e.text
    with anker.Model.from_json(text, source_name="given.json") as m:  # no NUL: fine
        assert m.id == "demo-amt-6m"


# Rows: the index label, the id, the position

def frame_with_ids(**change):
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(table(**change), index=pd.Index([10, 20, 30], name="nr"))
    frame.insert(0, "id", ["P-1", "P-2", "P-3"])
    return frame


def test_row_errors_name_the_index_label_and_the_id(model):
    # An error found by the library ...
    frame = frame_with_ids(ww_months=np.array([7.0, 25.0, 1.0]))
    e = raises(Status.OUT_OF_RANGE, model.score, frame)
    assert (e.case_index, e.row_label, e.row_id, e.field) == (1, 20, "P-2", "ww_months")
    assert e.message == "row 20 (position 1, id 'P-2'): 'ww_months': %s" % e.text
    assert e.text == "value is above the valid range [0, 24]"
    # ... and one found by the binding.
    frame = frame_with_ids(region=np.array(["tight", "average", "nowhere"], dtype=object))
    e = raises(Status.UNKNOWN_LEVEL, model.score, frame)
    assert (e.case_index, e.row_label, e.row_id) == (2, 30, "P-3")
    assert e.message.startswith("row 30 (position 2, id 'P-3'): 'region': ")
    # Without an id column; a string index.
    frame = frame_with_ids(ww_months=np.array([7.0, 25.0, 1.0])).drop(columns="id")
    frame.index = ["a", "b", "c"]
    e = raises(Status.OUT_OF_RANGE, model.score, frame)
    assert (e.case_index, e.row_label, e.row_id) == (1, "b", None)
    assert e.message.startswith("row 'b' (position 1): 'ww_months': ")
    # Another id column, by name.
    frame = frame_with_ids(ww_months=np.array([7.0, 25.0, 1.0])).rename(columns={"id": "bsn"})
    e = raises(Status.OUT_OF_RANGE, model.score, frame, id_column="bsn")
    assert e.row_id == "P-2" and "id" not in frame
    assert e.message.startswith("row 20 (position 1, bsn 'P-2'): ")
    # Errors survive pickling, with the row.
    again = pickle.loads(pickle.dumps(e))
    assert (again.row_label, again.row_id, again.case_index, again.message) == \
        (e.row_label, e.row_id, e.case_index, e.message)


def test_row_errors_of_dicts_and_structured_arrays_are_0_based(model):
    e = raises(Status.OUT_OF_RANGE, model.score, table(ww_months=np.array([7.0, 25.0, 1.0])))
    assert (e.case_index, e.row_label, e.row_id) == (1, None, None)
    assert e.message == "row 1 (0-based): 'ww_months': value is above the valid range [0, 24]"
    with_id = table(ww_months=np.array([7.0, 25.0, 1.0]), id=np.array([101, 102, 103]))
    e = raises(Status.OUT_OF_RANGE, model.score, with_id)
    assert e.row_id == 102 and e.message.startswith("row 1 (0-based, id 102): ")
    records = np.zeros(3, dtype=[("age", "f8"), ("ww_months", "f8"), ("care_duties", "?"),
                                 ("female", "?"), ("region", "i4")])
    records["ww_months"] = [7.0, 1.0, 25.0]
    e = raises(Status.OUT_OF_RANGE, model.score, records, absent=OPTIONAL)
    assert e.case_index == 2 and e.message.startswith("row 2 (0-based): 'ww_months': ")


def test_the_id_column(model):
    pd = pytest.importorskip("pandas")
    frame = frame_with_ids()
    # The id column is no variable and no extra column: it is there to name rows.
    assert np.array_equal(model.score(frame), model.score(frame.drop(columns="id")))
    with pytest.raises(ValueError, match="no column 'bsn'"):
        model.score(frame, id_column="bsn")
    e = raises(Status.UNKNOWN_VARIABLE, model.score, frame, id_column="region")
    assert e.field == "id"
    # A variable can be the id column too: it is still scored.
    e = raises(Status.UNKNOWN_LEVEL, model.score,
               frame.drop(columns="id").assign(region=["tight", "nowhere", "slack"]),
               id_column="region")
    assert e.row_id == "nowhere"
    del pd


def test_the_first_bad_row_is_reported_whoever_finds_it(model):
    """The binding finds text in row 2, the library an out-of-range value in row 1."""
    t = table(ww_months=np.array([7.0, 25.0, 1.0]),
              age=np.array([45, 30, "61"], dtype=object))
    e = raises(Status.OUT_OF_RANGE, model.score, t)
    assert (e.case_index, e.field) == (1, "ww_months")
    t = table(ww_months=np.array([7.0, 1.0, 25.0]),
              age=np.array([45, "30", 61], dtype=object))
    e = raises(Status.TYPE_MISMATCH, model.score, t)
    assert (e.case_index, e.field) == (1, "age")
