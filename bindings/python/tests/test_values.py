# SPDX-License-Identifier: GPL-3.0-or-later
"""How table values are read: masked arrays, unsigned integers, booleans, text and
Python objects. Expected scores come from tests/golden/reference_scorer.py (numpy,
never libanker) or from the rules themselves, not from the library."""

import itertools
import re

import numpy as np
import pytest
from conftest import reference_scores

import anker
from anker import Status

pd = pytest.importorskip("pandas")

TOLERANCE = 1e-12

# Three synthetic people: every variable whose missing policy is "reject" is given; the
# others have a column of missing values (None), which their policy resolves.
BASE = {"age": [45.0, 30.0, 61.0], "ww_months": [7.0, 1.0, 20.0],
        "care_duties": [False, True, False], "female": [True, True, False],
        "region": ["tight", "average", "slack"],
        "work_history_years": [None] * 3, "applications_4w": [None] * 3, "health": [None] * 3,
        "has_partner": [None] * 3, "education": [None] * 3, "sector": [None] * 3}
ABSENT_IN_RECORDS = ["work_history_years", "applications_4w", "education"]


def as_arrays(table):
    return {k: np.array(v, dtype=object if isinstance(v[0], str) else None)
            for k, v in table.items()}


def base(**change):
    """BASE as numpy arrays, with columns replaced or added (any array-like)."""
    t = as_arrays(BASE)
    t.update(change)
    return t


def want(model_json, **change):
    """Reference probabilities of BASE with plain-Python columns changed."""
    return reference_scores(model_json, dict(BASE, **change))["probability"]


def raises(code, func, *args, **kwargs):
    with pytest.raises(anker.AnkerError) as info:
        func(*args, **kwargs)
    assert info.value.code == code, (info.value.name, info.value.message)
    return info.value


def test_the_reference_scorer_agrees_on_the_base_cases(model, model_json):
    """A sanity check of the helper: the reference and the library agree on BASE."""
    np.testing.assert_allclose(model.score(base()), want(model_json), rtol=0, atol=TOLERANCE)


# 1. Masked arrays: a masked entry is missing, whatever the array holds under the mask.

SECTORS = ("care", "education", "construction", "logistics", "retail", "hospitality",
           "industry", "office", "ict", "other")


@pytest.mark.parametrize("name, values, dtype, expected", [
    ("health", [2.0, 5.0, 4.0], "f8", [2, None, 4]),
    ("health", [2.0, 5.0, 4.0], "f4", [2, None, 4]),
    ("health", [2.0, 5.0, 4.0], ">f8", [2, None, 4]),
    ("health", [2, 5, 4], "i8", [2, None, 4]),
    ("health", [2, 5, 4], "i4", [2, None, 4]),
    ("health", [2, 5, 4], "i2", [2, None, 4]),
    ("health", [2, 5, 4], "i1", [2, None, 4]),
    ("health", [2, 5, 4], "u1", [2, None, 4]),
    ("health", [2, 5, 4], "u2", [2, None, 4]),
    ("health", [2, 5, 4], "u4", [2, None, 4]),
    ("health", [2, 5, 4], "u8", [2, None, 4]),
    ("health", [2, 5, 4], object, [2, None, 4]),
    ("has_partner", [True, True, False], "?", [True, None, False]),
    ("has_partner", [1.0, 1.0, 0.0], "f8", [True, None, False]),
    ("has_partner", [1, 1, 0], "i4", [True, None, False]),
    ("has_partner", [1, 1, 0], "u8", [True, None, False]),
    ("has_partner", ["ja", "ja", "nee"], "U", [True, None, False]),
    ("has_partner", [True, True, False], object, [True, None, False]),
    ("sector", ["care", "ict", "office"], "U", ["care", None, "office"]),
    ("sector", [b"care", b"ict", b"office"], "S", ["care", None, "office"]),
    ("sector", ["care", "ict", "office"], object, ["care", None, "office"]),
    ("sector", [0, 8, 7], "i8", ["care", None, "office"]),
    ("sector", [0, 8, 7], "i4", ["care", None, "office"]),
    ("sector", [0, 8, 7], "i1", ["care", None, "office"]),
    ("sector", [0, 8, 7], "u1", ["care", None, "office"]),
    ("sector", [0, 8, 7], "u2", ["care", None, "office"]),
    ("sector", [0, 8, 7], "u4", ["care", None, "office"]),
    ("sector", [0, 8, 7], "u8", ["care", None, "office"]),
    ("education", ["basic", "higher", "higher"], "U", ["basic", None, "higher"]),
])
def test_masked_entries_are_missing(model, model_json, name, values, dtype, expected):
    """The masked middle value is a valid one that scores differently from a missing one."""
    masked = np.ma.masked_array(np.array(values, dtype=dtype), mask=[False, True, False])
    expect = want(model_json, **{name: expected})
    unmasked = want(model_json, **{name: [expected[0], _level_of(name, values[1]), expected[2]]})
    assert not np.isclose(unmasked[1], expect[1])  # reading the masked value would show
    np.testing.assert_allclose(model.score(base(**{name: masked})), expect, rtol=0,
                               atol=TOLERANCE)
    # Nothing masked: the values themselves.
    plain = np.ma.masked_array(np.array(values, dtype=dtype))
    np.testing.assert_allclose(model.score(base(**{name: plain})), unmasked, rtol=0,
                               atol=TOLERANCE)


def _level_of(name, value):
    """The plain value BASE-style for the middle entry of a parametrized column."""
    if isinstance(value, bytes):
        return value.decode()
    if name == "sector" and not isinstance(value, str):
        return SECTORS[value]
    if name == "has_partner":
        return value in (True, 1, "ja")
    return value


def test_a_masked_value_is_never_read(model):
    """Under the mask: values that would fail. The policy decides instead (here: reject)."""
    for region in (np.array(["tight", "nowhere", "slack"], dtype=object),
                   np.array([0, 99, 2], dtype=np.int64), np.array([0, 2**64 - 1, 2], dtype="u8")):
        masked = np.ma.masked_array(region, mask=[False, True, False])
        e = raises(Status.MISSING_VALUE, model.score, base(region=masked))
        assert e.field == "region" and e.case_index == 1
    masked = np.ma.masked_array([45.0, np.inf, 1e300], mask=[False, True, True])
    e = raises(Status.MISSING_VALUE, model.score, base(age=masked))
    assert e.field == "age" and e.case_index == 1
    health = np.ma.masked_array(np.array(["4", "x", "5"], dtype=object), mask=[True, True, True])
    scores = model.score(base(health=health), errors="coerce", bands=True)
    assert list(scores["status"]) == [0, 0, 0]


def test_masked_structured_arrays_and_frames(model, model_json):
    records = np.zeros(3, dtype=[("age", "f8"), ("ww_months", "f8"), ("care_duties", "?"),
                                 ("female", "?"), ("region", "U8"), ("health", "i4"),
                                 ("sector", "U12"), ("has_partner", "?")])
    for field in ("age", "ww_months", "care_duties", "female", "region"):
        records[field] = BASE[field]
    records["health"] = [2, 5, 4]
    records["sector"] = ["care", "ict", "office"]
    records["has_partner"] = [True, True, False]
    mask = np.zeros(3, dtype=[(f, "?") for f in records.dtype.names])
    for field in ("health", "sector", "has_partner"):
        mask[field][1] = True
    masked = np.ma.masked_array(records, mask=mask)
    expect = want(model_json, health=[2, None, 4], sector=["care", None, "office"],
                  has_partner=[True, None, False])
    np.testing.assert_allclose(model.score(masked, absent=ABSENT_IN_RECORDS), expect, rtol=0,
                               atol=TOLERANCE)
    # pandas turns masked entries into NaN itself; the binding reads those as missing.
    frame = pd.DataFrame({f: masked[f] for f in records.dtype.names})
    np.testing.assert_allclose(model.score(frame, absent=ABSENT_IN_RECORDS), expect, rtol=0,
                               atol=TOLERANCE)


# 3. Booleans for a numeric variable: one rule, whatever holds them.

@pytest.mark.parametrize("column, dtype", [
    (np.array([True, False, True]), "bool"),
    (pd.Series([True, False, True]), "bool"),
    (pd.array([True, None, False], dtype="boolean"), "boolean"),
    (pd.Series([True, None, False], dtype="boolean"), "boolean"),
    (np.ma.masked_array([True, False, True], mask=[False, True, False]), "bool"),
])
def test_booleans_for_a_numeric_variable_are_refused(model, column, dtype):
    forms = [base(age=column)]
    if not isinstance(column, np.ma.MaskedArray):  # (pandas makes that an object column)
        forms.append(pd.DataFrame(base(age=column)))
    for data in forms:
        e = raises(Status.TYPE_MISMATCH, model.score, data)
        assert e.field == "age" and e.case_index == -1
        assert e.text.startswith("a column of %s (True/False) does not fit the numeric variable"
                                 % dtype), e.text
        assert ".astype(float)" in e.text
    e = raises(Status.TYPE_MISMATCH, model.score, base(age=np.array([45, True, 3], dtype=object)))
    assert e.field == "age" and e.case_index == 1
    assert "True is not a number" in e.text


# 4. Integers too large for a double.

def test_huge_python_integers(model, model_json):
    for big in (2**1100, -2**1100, 10**400):
        column = np.array([45, big, 30], dtype=object)
        for data in (base(age=column), pd.DataFrame(base(age=column))):
            e = raises(Status.OUT_OF_RANGE, model.score, data)
            assert e.field == "age" and e.case_index == 1
            assert "too large" in e.text
        got = model.score(base(age=column), errors="coerce", bands=True)
        assert list(got["status"]) == [0, Status.OUT_OF_RANGE, 0]
        expect = want(model_json, age=[45, 45, 30])
        assert np.isnan(got["probability"][1])
        np.testing.assert_allclose(got["probability"][[0, 2]], expect[[0, 2]], rtol=0,
                                   atol=TOLERANCE)
    # 2**70 is a finite double: an age far above the range, clamped to 67 by the policy.
    column = np.array([45, 2**70, 30], dtype=object)
    np.testing.assert_allclose(model.score(base(age=column)), want(model_json, age=[45, 67, 30]),
                               rtol=0, atol=TOLERANCE)
    e = raises(Status.OUT_OF_RANGE, model.score,  # the reject policy
               base(ww_months=np.array([7, 2**70, 3], dtype=object)))
    assert e.field == "ww_months" and e.case_index == 1
    e = raises(Status.OUT_OF_RANGE, model.score, base(female=np.array([1, 2**70, 0], dtype=object)))
    assert e.field == "female" and e.case_index == 1
    e = raises(Status.OUT_OF_RANGE, model.score_case,
               {"age": 2**1100, "ww_months": 7, "care_duties": False, "female": True,
                "region": "tight"})
    assert e.field == "age"


# 5. Unsigned integers never wrap around to -1 (missing).

UNSIGNED = ["u1", "u2", "u4", "u8", "UInt8", "UInt16", "UInt32", "UInt64"]


def unsigned(values, dtype):
    array = np.array(values, dtype=dtype.lower())  # (pandas reads a list through float64)
    return pd.array(array, dtype=dtype) if dtype.startswith("U") else array


def largest(dtype):
    return int(np.iinfo(dtype.lower()).max)


@pytest.mark.parametrize("dtype", UNSIGNED)
def test_unsigned_level_codes(model, model_json, dtype):
    top = largest(dtype)
    good = unsigned([0, 8, 7], dtype)
    np.testing.assert_allclose(model.score(base(sector=good)),
                               want(model_json, sector=["care", "ict", "office"]),
                               rtol=0, atol=TOLERANCE)
    # sector imputes a missing value, so a code read as -1 would be scored silently.
    for bad in (top, 10, 255):
        if bad > top:
            continue
        codes = unsigned([0, bad, 7], dtype)
        for data in (base(sector=codes), pd.DataFrame(base(sector=codes))):
            e = raises(Status.UNKNOWN_LEVEL, model.score, data)
            assert e.field == "sector" and e.case_index == 1, e.message
            assert "row 1" in e.message
        got = model.score(base(sector=codes), errors="coerce", bands=True)
        assert list(got["status"]) == [0, Status.UNKNOWN_LEVEL, 0]
    if dtype.startswith("U"):  # <NA> is missing: sector imputes "other"
        codes = pd.array([0, None, 7], dtype=dtype)
        np.testing.assert_allclose(model.score(base(sector=codes)),
                                   want(model_json, sector=["care", None, "office"]),
                                   rtol=0, atol=TOLERANCE)


@pytest.mark.parametrize("dtype", UNSIGNED)
def test_unsigned_numbers_and_booleans(model, model_json, dtype):
    top = largest(dtype)
    np.testing.assert_allclose(model.score(base(age=unsigned([45, top, 30], dtype))),
                               want(model_json, age=[45, 67, 30]),  # clamped
                               rtol=0, atol=TOLERANCE)
    e = raises(Status.OUT_OF_RANGE, model.score, base(health=unsigned([1, top, 5], dtype)))
    assert e.field == "health" and e.case_index == 1
    e = raises(Status.OUT_OF_RANGE, model.score, base(female=unsigned([1, top, 0], dtype)))
    assert e.field == "female" and e.case_index == 1
    np.testing.assert_allclose(model.score(base(female=unsigned([0, 1, 1], dtype))),
                               want(model_json, female=[False, True, True]),
                               rtol=0, atol=TOLERANCE)


# 7. Object columns for numeric variables: numbers are converted, text is not parsed.

def test_object_columns_of_numbers(model, model_json):
    n = 9
    table = {k: (v * 3)[:n] for k, v in BASE.items()}
    health = np.array([4, 2.0, np.int64(3), np.float32(5), np.uint8(1), None, np.nan, pd.NA,
                       ""], dtype=object)
    got = model.score(dict(as_arrays(table), health=health))
    expect = reference_scores(model_json, dict(table, health=[4, 2, 3, 5, 1, None, None, None,
                                                              None]))["probability"]
    np.testing.assert_allclose(got, expect, rtol=0, atol=TOLERANCE)
    got = model.score(pd.DataFrame(dict(as_arrays(table), health=health)))
    np.testing.assert_allclose(got, expect, rtol=0, atol=TOLERANCE)


def text_case():
    ids = ["P-1", "P-2", "P-3"]
    frame = pd.DataFrame(base(health=np.array([4, "12,5", "3 jaar"], dtype=object)),
                         index=pd.Index(["a", "b", "c"], name="ref"))
    frame.insert(0, "id", ids)
    return frame


def test_text_for_a_numeric_variable_names_row_and_value(model):
    frame = text_case()
    e = raises(Status.TYPE_MISMATCH, model.score, frame)
    assert e.field == "health"
    assert e.case_index == 1 and e.row_label == "b" and e.row_id == "P-2"
    assert e.message.startswith("row 'b' (position 1, id 'P-2'): 'health': "), e.message
    assert "'12,5'" in e.text and "not a number" in e.text
    assert "pd.to_numeric(" in e.text and "errors=\"coerce\"" in e.text
    assert "2 rows in all" in e.text
    # A numpy array of text: the same rule and the same message.
    e = raises(Status.TYPE_MISMATCH, model.score, base(age=np.array(["45", "30", "60"])))
    assert e.field == "age" and e.case_index == 0 and e.row_label is None
    assert e.message.startswith("row 0 (0-based): 'age': ") and "'45'" in e.text
    # score_case says the same, without a row.
    e = raises(Status.TYPE_MISMATCH, model.score_case,
               {"age": "45", "ww_months": 7, "care_duties": False, "female": True,
                "region": "tight"})
    assert e.field == "age" and "'45'" in e.text and "pd.to_numeric" not in e.text


def test_text_for_a_numeric_variable_with_coerce(model, model_json):
    frame = text_case()
    got = model.score(frame, errors="coerce", bands=True)
    assert list(got["status"]) == [0, Status.TYPE_MISMATCH, Status.TYPE_MISMATCH]
    assert got["probability"].isna().tolist() == [False, True, True]
    assert got["band"].isna().tolist() == [False, True, True]
    np.testing.assert_allclose(got["probability"][0],
                               want(model_json, health=[4, None, None])[0], rtol=0,
                               atol=TOLERANCE)
    # What the message advises gives missing values, which this model imputes.
    fixed = frame.assign(health=pd.to_numeric(frame["health"], errors="coerce"))
    np.testing.assert_allclose(model.score(fixed), want(model_json, health=[4, None, None]),
                               rtol=0, atol=TOLERANCE)


# 8. Booleans as text: exactly the words of the anker program, in any case.

def cli_boolean_words(source_dir):
    """The words of value_parse_boolean() in tools/value-parse.c, with their values."""
    text = (source_dir / "tools" / "value-parse.c").read_text(encoding="utf-8")
    body = text[text.index("int value_parse_boolean"):]
    body = body[:body.index("};")]
    words = {w: v == "1" for w, v in re.findall(r'\{"([^"]*)",\s*([01])\.0\}', body)}
    assert len(words) == 8 and words["ja"] is True and words["nee"] is False, words
    return words


def spellings(word):
    """Every upper/lower-case spelling of word."""
    return ["".join(s) for s in itertools.product(*({c.lower(), c.upper()} for c in word))]


def test_boolean_words_are_the_anker_programs(model, model_json, source_dir):
    words = cli_boolean_words(source_dir)
    texts, truth = [], []
    for word, value in words.items():
        for spelling in spellings(word):
            texts.append(spelling)
            truth.append(value)
    n = len(texts)
    table = {k: (v * n)[:n] for k, v in BASE.items()}
    expect = reference_scores(model_json, dict(table, female=truth, has_partner=truth))
    forms = [np.array(texts, dtype=object), np.array(texts), np.array(texts, dtype="S"),
             pd.array(texts, dtype="string"), pd.Categorical(texts)]
    for form in forms:
        got = model.score(dict(as_arrays(table), female=form, has_partner=form))
        np.testing.assert_allclose(got, expect["probability"], rtol=0, atol=TOLERANCE)
    for i in (0, n // 2, n - 1):
        case = {k: v[i] for k, v in table.items()}
        r = model.score_case(dict(case, female=texts[i], has_partner=texts[i]))
        assert r.probability == pytest.approx(expect["probability"][i], abs=TOLERANCE)


NOT_BOOLEANS = ["y", "n", "j", "t", "f", "2", "-1", "1.0", "0.0", "on", "off", "waar",
                " ja", "nee ", "yes!", "tru", "０", "ＪＡ", "\u212aa", "no\0"]


@pytest.mark.parametrize("text", NOT_BOOLEANS)
def test_other_text_is_not_a_boolean(model, text):
    column = np.array(["ja", text, "nee"], dtype=object)
    e = raises(Status.TYPE_MISMATCH, model.score, base(female=column))
    assert e.field == "female" and e.case_index == 1
    assert e.text == "not a boolean (1/0, true/false, yes/no, ja/nee): %r" % text
    e = raises(Status.TYPE_MISMATCH, model.score_case,
               {"age": 45, "ww_months": 7, "care_duties": False, "female": text,
                "region": "tight"})
    assert e.text == "not a boolean (1/0, true/false, yes/no, ja/nee): %r" % text


def test_empty_text_is_missing_for_booleans(model, model_json):
    got = model.score(base(has_partner=np.array(["ja", "", "nee"], dtype=object)))
    np.testing.assert_allclose(got, want(model_json, has_partner=[True, None, False]),
                               rtol=0, atol=TOLERANCE)
    e = raises(Status.MISSING_VALUE, model.score,
               base(female=np.array(["ja", "", "nee"], dtype=object)))
    assert e.field == "female" and e.case_index == 1


def test_the_anker_program_reads_the_same_words(program, model, source_dir, model_path,
                                               tmp_path):
    """The CLI accepts every spelling Python accepts, and refuses what Python refuses."""
    import subprocess

    from conftest import program_env

    words = cli_boolean_words(source_dir)
    texts = [s for w in words for s in spellings(w)]
    n = len(texts)
    table = pd.DataFrame({k: (v * n)[:n] for k, v in BASE.items()})
    table["female"] = texts
    path = tmp_path / "words.csv"
    table.to_csv(path, index=False)
    out = tmp_path / "scores.csv"
    subprocess.run([program, "score", "--quiet", "--model", str(model_path), "--in", str(path),
                    "--out", str(out)], check=True, env=program_env())
    cli = pd.read_csv(out, float_precision="round_trip")
    np.testing.assert_allclose(model.score(pd.read_csv(path, dtype={"female": str})),
                               cli["probability"], rtol=0, atol=TOLERANCE)
    for text in NOT_BOOLEANS:
        if "\0" in text:
            continue  # no CSV cell holds a NUL
        path.write_text("age,ww_months,care_duties,female,region\n45,7,0,%s,tight\n" % text,
                        encoding="utf-8")
        proc = subprocess.run([program, "score", "--quiet", "--model", str(model_path),
                               "--in", str(path)], capture_output=True, text=True,
                              env=program_env())
        assert proc.returncode == 1 and "not a boolean" in proc.stderr, (text, proc.stderr)


def test_empty_text_is_missing_in_score_case(model, model_json):
    """As in a table column and an empty cell of the anker program, for every kind."""
    case = {k: v[0] for k, v in BASE.items()}
    got = model.score_case(dict(case, health="", has_partner="", sector="", education=""))
    expect = reference_scores(model_json, {k: [v] for k, v in case.items()})  # all missing
    assert got.probability == pytest.approx(expect["probability"][0], abs=TOLERANCE)
    e = raises(Status.MISSING_VALUE, model.score_case, dict(case, region=""))
    assert e.field == "region"
