# SPDX-License-Identifier: GPL-3.0-or-later
"""Table inputs: every form gives the same scores; columns are read in place where possible."""

import numpy as np
import pytest
from conftest import without_column

import anker
from anker import frame

pd = pytest.importorskip("pandas")


def to_forms(caseload, model):
    """The caseload as a DataFrame, a dict of arrays and a structured array (same values)."""
    df = caseload.drop(columns=["id"])
    as_dict = {name: df[name].to_numpy() for name in df.columns}
    fields = []
    for v in model.variables:
        fields.append((v.name, "U16" if v.kind == "categorical" else "f8"))
    structured = np.zeros(len(df), dtype=fields)
    for v in model.variables:
        column = df[v.name]
        structured[v.name] = column.fillna("").to_numpy() if v.kind == "categorical" \
            else column.to_numpy(dtype=float)
    return df, as_dict, structured


def test_dataframe_dict_and_structured_array_agree(model, caseload):
    df, as_dict, structured = to_forms(caseload, model)
    want = model.score(df, explain=True)
    for data in (as_dict, structured):
        got = model.score(data, explain=True)
        pd.testing.assert_frame_equal(got, want)
    assert np.array_equal(model.score(structured), want["probability"].to_numpy())


def test_categorical_and_integer_codes_agree_with_names(model, caseload):
    df = caseload.drop(columns=["id"])
    want = model.score(df)
    as_category = df.copy()
    as_codes = df.copy()
    for v in model.variables:
        if v.kind == "categorical":
            as_category[v.name] = df[v.name].astype("category")
            codes = df[v.name].map(lambda s: -1 if pd.isna(s) else v.level_code(s))
            as_codes[v.name] = codes.astype(np.int64)
    assert np.array_equal(model.score(as_category), want)
    assert np.array_equal(model.score(as_codes), want)
    assert np.array_equal(model.score(as_codes.astype({"region": np.int32})), want)
    # A categorical whose categories the model does not know is fine while unused.
    region = pd.Categorical(df["region"], categories=["tight", "average", "slack", "moon"])
    assert np.array_equal(model.score(df.assign(region=region)), want)


def test_float64_int_and_bool_columns_are_not_copied(model):
    data = {
        "age": np.array([45.0, 30.0, 60.0]),
        "ww_months": np.array([7, 1, 20], dtype=np.int64),
        "health": np.array([3, 4, 5], dtype=np.int32),
        "female": np.array([True, False, True]),
        "care_duties": np.array([0.0, 1.0, 0.0]),
        "region": np.array([0, 1, 2], dtype=np.int64),
    }
    _, _, columns = frame.columns_for_model(model, data, False)
    for column in columns:
        assert column.array is data[column.name], column.name
    # Fields of a structured array are read in place, with the record size as stride.
    records = np.zeros(3, dtype=np.dtype([("age", "f8"), ("ww_months", "i8"), ("health", "i4"),
                                          ("female", "?"), ("pad", "u1")], align=True))
    _, _, columns = frame.columns_for_model(model, records, True)
    for column in columns:
        assert np.shares_memory(column.array, records)
        assert column.stride == records.dtype.itemsize
    # A DataFrame column of float64 is a view too.
    df = pd.DataFrame({"age": [45.0, 30.0], "ww_months": [1.0, 2.0]})
    _, _, columns = frame.columns_for_model(model, df, False)
    assert all(np.shares_memory(c.array, df[c.name].to_numpy()) for c in columns)


def test_strided_and_odd_arrays_score_like_plain_ones(model):
    n = 7
    rng = np.random.default_rng(5)
    base = {
        "age": rng.uniform(18, 67, n), "ww_months": rng.integers(0, 24, n).astype(float),
        "care_duties": rng.integers(0, 2, n).astype(bool),
        "female": rng.integers(0, 2, n).astype(bool),
        "region": rng.integers(0, 3, n),
    }
    absent = without_column(model, base)

    def score(data):
        return model.score(data, absent=absent)

    want = score(base)
    wide = np.repeat(base["age"], 3)[::3]                    # stride 24
    assert wide.strides[0] == 24
    assert np.array_equal(score(dict(base, age=wide)), want)
    reversed_age = base["age"][::-1].copy()[::-1]            # negative stride
    assert reversed_age.strides[0] < 0
    assert np.array_equal(score(dict(base, age=reversed_age)), want)
    big_endian = base["age"].astype(">f8")
    assert np.array_equal(score(dict(base, age=big_endian)), want)
    assert np.array_equal(score(dict(base, age=base["age"].astype(np.float32))),
                          score(dict(base, age=base["age"].astype(np.float32)
                                           .astype(np.float64))))
    # Stride 0 would mean "packed" to the C batch: a broadcast column is copied first.
    constant = np.broadcast_to(np.float64(40.0), (n,))
    assert constant.strides[0] == 0
    want_40 = score(dict(base, age=np.full(n, 40.0)))
    assert np.array_equal(score(dict(base, age=constant)), want_40)
    # Unaligned fields of a packed structured array are copied.
    packed = np.zeros(n, dtype=np.dtype([("flag", "u1"), ("age", "f8")], align=False))
    packed["age"] = base["age"]
    assert not packed["age"].flags.aligned
    assert np.array_equal(score(dict(base, age=packed["age"])), want)
    # Small integer types and lists.
    assert np.array_equal(score(dict(base, region=base["region"].astype(np.int8))), want)
    assert np.array_equal(score({k: list(v) for k, v in base.items()}), want)


def test_missing_values_follow_the_policy(model, model_json):
    """NaN, None and pandas.NA give what the model file says a missing value becomes."""
    policy = {v["name"]: v.get("missing", {"policy": "reject"}) for v in model_json["variables"]}
    assert policy["health"] == {"policy": "impute", "value": 3}
    assert policy["education"] == {"policy": "level", "level": "unknown"}
    assert policy["sector"] == {"policy": "impute", "value": "other"}
    assert policy["has_partner"] == {"policy": "impute", "value": False}

    # work_history_years and applications_4w are missing everywhere: declared absent.
    base = {"age": [45.0] * 4, "ww_months": [7.0] * 4, "care_duties": [False] * 4,
            "female": [True] * 4, "region": ["tight"] * 4}
    absent = ["work_history_years", "applications_4w"]
    given = model.score(dict(base, health=[3.0] * 4, education=["unknown"] * 4,
                             sector=["other"] * 4, has_partner=[False] * 4), absent=absent)
    missing_forms = [
        dict(health=np.array([np.nan] * 4), education=np.array([None] * 4, dtype=object),
             sector=np.array([np.nan, None, pd.NA, ""], dtype=object),
             has_partner=np.array([np.nan] * 4)),
        dict(health=pd.array([None] * 4, dtype="Float64"),
             education=pd.array([None, pd.NA, None, None], dtype="string"),
             sector=pd.Categorical([None] * 4, categories=["care", "other"]),
             has_partner=pd.array([None] * 4, dtype="boolean")),
        dict(health=pd.array([pd.NA] * 4, dtype="Int64"),
             education=np.array([np.nan] * 4),  # an all-empty column pandas read as float
             sector=np.array([-1] * 4),         # level code -1
             has_partner=np.array([None] * 4, dtype=object)),
    ]
    for change in missing_forms:
        assert np.array_equal(model.score(dict(base, **change), absent=absent), given), change
    # No columns at all: missing in every row when declared absent, an error otherwise.
    all_absent = absent + ["health", "education", "sector", "has_partner"]
    assert np.array_equal(model.score(base, absent=all_absent), given)
    with pytest.raises(anker.AnkerError) as info:
        model.score(base, absent=absent)
    assert info.value.code == anker.Status.NO_COLUMN and info.value.field == "health"
    df = pd.DataFrame(dict(base, health=[3.0, None, np.nan, pd.NA],
                           education=["unknown", None, np.nan, pd.NA]))
    assert df["health"].dtype == object
    assert np.array_equal(model.score(df, absent=without_column(model, df)), given)
    for value in (None, float("nan"), pd.NA, np.nan):
        case = {k: v[0] for k, v in base.items()}
        r = model.score_case(dict(case, health=value, education=value, sector=value,
                                  has_partner=value))
        assert r.probability == given[0]
        assert "missing" in r.details["Own view of health"]


def test_nullable_pandas_columns(model):
    df = pd.DataFrame({
        "age": pd.array([45, 30, 60], dtype="Int64"),
        "ww_months": pd.array([7.0, 1.0, 20.0], dtype="Float64"),
        "care_duties": pd.array([False, True, False], dtype="boolean"),
        "female": pd.array([True, True, False], dtype="boolean"),
        "region": pd.array(["tight", "average", "slack"], dtype="string"),
        "education": pd.array([None, "higher", "basic"], dtype="string"),
    })
    plain = pd.DataFrame({
        "age": [45.0, 30.0, 60.0], "ww_months": [7.0, 1.0, 20.0],
        "care_duties": [False, True, False], "female": [True, True, False],
        "region": ["tight", "average", "slack"], "education": [None, "higher", "basic"],
    })
    absent = without_column(model, df)
    assert np.array_equal(model.score(df, absent=absent), model.score(plain, absent=absent))


def test_bytes_level_names(model):
    data = {"age": [45.0, 30.0], "ww_months": [7.0, 1.0], "care_duties": [False, True],
            "female": [True, True]}
    absent = without_column(model, dict(data, region=None))
    text = model.score(dict(data, region=np.array(["tight", "slack"])), absent=absent)
    raw = model.score(dict(data, region=np.array([b"tight", b"slack"])), absent=absent)
    assert np.array_equal(text, raw)


def test_object_levels_without_pandas_path(model, monkeypatch):
    """Without pandas imported, object columns are mapped with numpy alone."""
    data = {"age": [45.0, 30.0, 50.0], "ww_months": [7.0, 1.0, 2.0],
            "care_duties": [False, True, False], "female": [True, True, False],
            "region": np.array(["tight", "slack", "tight"], dtype=object),
            "sector": np.array([None, "care", float("nan")], dtype=object),
            "health": np.array([None, 4, 5.0], dtype=object)}
    absent = without_column(model, data)
    want = model.score(data, absent=absent)
    monkeypatch.setattr(frame, "_pandas", lambda: None)
    assert np.array_equal(model.score(data, absent=absent), want)
    with pytest.raises(anker.AnkerError) as info:
        model.score(dict(data, region=np.array(["tight", "x", "y"], dtype=object)),
                    absent=absent)
    assert info.value.code == anker.Status.UNKNOWN_LEVEL and info.value.case_index == 1


def test_result_frames(model, caseload):
    df = caseload.set_index("id")
    scored = model.score(df, bands=True)
    assert list(scored.columns) == ["probability", "linear_predictor", "band", "band_label"]
    assert scored.index.equals(df.index)
    assert scored["band"].dtype == pd.CategoricalDtype(list(model.band_names), ordered=True)
    assert scored["probability"].dtype == np.float64
    assert (scored["band"] >= "moderate").sum() == (scored["probability"] > 0.25).sum()
    explained = model.score(df, explain=True)
    contrib = ["contrib." + t.name for t in model.terms]
    assert list(explained.columns) == ["probability", "linear_predictor", "band",
                                       "band_label"] + contrib
    np.testing.assert_allclose(explained[contrib].sum(axis=1), explained["linear_predictor"],
                               rtol=0, atol=1e-12)
    p = model.score(df)
    assert isinstance(p, np.ndarray) and p.dtype == np.float64 and p.shape == (len(df),)
    assert np.array_equal(p, scored["probability"].to_numpy())


def test_empty_tables(model):
    data = {"age": np.array([], dtype=float), "region": np.array([], dtype=object)}
    p = model.score(data, absent=without_column(model, data))
    assert p.shape == (0,) and p.dtype == np.float64
    everything = [v.name for v in model.variables]
    assert model.score({}, absent=everything).shape == (0,)
    df = model.score(pd.DataFrame({"age": pd.Series([], dtype=float)}), explain=True,
                     absent=everything[1:])
    assert len(df) == 0 and "contrib.age" in df.columns
    # Checked even without rows: a column of no variable, a variable of no column.
    with pytest.raises(anker.AnkerError) as info:
        model.score({"age": np.array([], dtype=object), "shoe": np.array([])})
    assert info.value.code == anker.Status.UNKNOWN_VARIABLE
    with pytest.raises(anker.AnkerError) as info:
        model.score({})
    assert info.value.code == anker.Status.NO_COLUMN and info.value.field == "age"


def test_score_arrays(model, caseload):
    df = caseload.drop(columns=["id"])
    a = model.score_arrays(df, explain=True)
    b = model.score(df, explain=True)
    assert np.array_equal(a.probability, b["probability"])
    assert np.array_equal(a.linear_predictor, b["linear_predictor"])
    assert np.array_equal(np.asarray(model.band_names)[a.band], b["band"].astype(str))
    assert a.contributions.shape == (len(df), len(model.terms))
    assert a.status is None


def test_case_result(model, full_case):
    r = model.score_case(full_case)
    assert list(r.contributions) == [t.label for t in model.terms]
    assert list(r.details) == [t.label for t in model.terms]
    assert r.term_names == tuple(t.name for t in model.terms)
    assert [t.type for t in r.terms] == [t.type for t in model.terms]
    assert r.band == model.bands[r.band_index].name
    assert r.band_label == model.bands[r.band_index].label
    assert r.band == model.band_for(r.probability).name
    assert r.probability == pytest.approx(1 / (1 + np.exp(-r.linear_predictor)), rel=1e-15)
    assert sum(r.contributions.values()) == pytest.approx(r.linear_predictor, abs=1e-15)
    assert r.details["Education"].startswith("education = higher")
    d = r.to_dict()
    assert d["model"]["sha256"] == model.sha256 and d["band"] == r.band
    assert "higher" not in repr(r)  # no case values in a repr
    # numpy and pandas scalars work as values
    np_case = {k: (np.float64(v) if isinstance(v, (int, float)) and not isinstance(v, bool)
                   else np.bool_(v) if isinstance(v, bool) else v)
               for k, v in full_case.items()}
    assert model.score_case(np_case).probability == r.probability
    assert model.score_case(pd.Series(full_case, dtype=object)).probability == r.probability


def test_duplicate_labels_keep_every_term(model_json):
    import json
    j = json.loads(json.dumps(model_json))
    for t in j["terms"]:
        if t["name"] in ("health", "partner"):
            t["label"] = "Personal situation"
    with anker.Model.from_json(json.dumps(j)) as m:
        r = m.score_case({"age": 45, "ww_months": 7, "care_duties": False, "female": True,
                          "region": "tight"})
        assert len(r.contributions) == len(m.terms)
        assert "Personal situation [health]" in r.contributions
        assert "Personal situation [partner]" in r.contributions


def test_categoricals_of_numbers_give_their_values(model):
    base = {"age": [45.0, 30.0, 60.0], "ww_months": [7.0, 1.0, 20.0],
            "care_duties": [False, True, False], "female": [True, True, False],
            "region": ["tight", "average", "slack"]}
    absent = without_column(model, dict(base, health=None))
    plain = model.score(dict(base, health=np.array([2.0, np.nan, 5.0])), absent=absent)
    as_category = pd.Series([2, None, 5], dtype="category")
    assert np.array_equal(model.score(dict(base, health=as_category), absent=absent), plain)
    assert np.array_equal(model.score(pd.DataFrame(dict(base, health=as_category)),
                                      absent=absent), plain)
