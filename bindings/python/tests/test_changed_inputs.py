# SPDX-License-Identifier: GPL-3.0-or-later
"""Inputs that silently change scores (issue 7), from Python: a column that is not
there, values the model clamps or imputes, and which model scored a row.

Expected values come from tests/golden/reference_scorer.py (numpy, never libanker),
from the model file read by Python's json, or by hand from the rules."""

import hashlib
import json
import re
import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
from conftest import reference_scores

import anker
from anker import Status, ValueFlag

pd = pytest.importorskip("pandas")

TOLERANCE = 1e-12


def raises(code, func, *args, **kwargs):
    with pytest.raises(anker.AnkerError) as info:
        func(*args, **kwargs)
    assert info.value.code == code, (info.value.name, info.value.message)
    return info.value


@pytest.fixture(scope="module")
def cells(caseload_path):
    """The example caseload as text cells, for the reference scorer."""
    return pd.read_csv(caseload_path, dtype=str, keep_default_na=False)


# 1. A column that is not there.

def test_a_misspelt_column_is_an_error_that_names_it(model, caseload):
    typo = caseload.rename(columns={"health": "helth"})
    e = raises(Status.NO_COLUMN, model.score, typo, ignore_extra=True)
    assert e.field == "health" and e.case_index == -1
    assert e.text.startswith("no column for this variable; did you mean 'helth'?"), e.text
    assert "absent=['health']" in e.text
    assert e.message == "'health': " + e.text
    # Every output and every errors= setting: the table is wrong, not a row.
    for options in (dict(bands=True), dict(explain=True, errors="coerce"), dict(flags=True)):
        raises(Status.NO_COLUMN, model.score, typo, ignore_extra=True, **options)
    raises(Status.NO_COLUMN, model.score_arrays, typo, ignore_extra=True)
    # A table of no rows is checked too.
    raises(Status.NO_COLUMN, model.score, typo.iloc[:0], ignore_extra=True)
    # Without ignore_extra the unknown column is the error, with the variable it is near.
    e = raises(Status.UNKNOWN_VARIABLE, model.score, typo.drop(columns="id"))
    assert e.field == "helth"
    assert e.text == "the model demo-amt-6m has no variable of this name; did you mean 'health'?"


def test_absent_scores_the_variable_as_missing_in_every_row(model, model_json, caseload, cells):
    """health imputes 3: absent=["health"] gives what the reference scorer gives without it."""
    assert [v for v in model_json["variables"] if v["name"] == "health"][0]["missing"] == \
        {"policy": "impute", "value": 3}
    typo = caseload.rename(columns={"health": "helth"})
    got = model.score(typo, ignore_extra=True, absent=["health"], bands=True)
    want = reference_scores(model_json, {k: list(cells[k]) for k in cells if k != "health"})
    np.testing.assert_allclose(got["probability"], want["probability"], rtol=0, atol=TOLERANCE)
    assert list(got["band"].astype(str)) == want["band"]
    # The silent change this prevents: many cases in another band than with their health.
    with_health = reference_scores(model_json, {k: list(cells[k]) for k in cells})
    changed = sum(a != b for a, b in zip(want["band"], with_health["band"]))
    assert changed == int((got["band"] != model.score(caseload, bands=True,
                                                      ignore_extra=True)["band"]).sum())
    assert changed > 1000
    meta = got.attrs["anker"]
    assert meta["absent"] == ["health"] and meta["ignored"] == ["helth"]
    assert meta["counts"]["health"] == {"missing": len(caseload), "imputed": len(caseload),
                                        "clamped": 0}
    # The same with a dict of arrays and score_arrays().
    arrays = model.score_arrays({k: typo[k].to_numpy() for k in typo if k != "id"},
                                ignore_extra=True, absent="health")
    np.testing.assert_allclose(arrays.probability, want["probability"], rtol=0, atol=TOLERANCE)
    assert arrays.summary.absent == ("health",)


def test_no_suggestion_without_a_near_column(model, caseload):
    data = caseload.drop(columns=["health"]).assign(shoe_size=42)
    e = raises(Status.NO_COLUMN, model.score, data, ignore_extra=True)
    assert e.field == "health" and "did you mean" not in e.text
    assert e.text == ("no column for this variable; give it a column, or pass "
                      "absent=['health'] if it is missing in every row")
    e = raises(Status.NO_COLUMN, model.score, caseload.drop(columns=["health", "sector"]))
    assert e.field == "health"
    assert e.text == ("no column for this variable (nor for 'sector'); give it a column, or "
                      "pass absent=['health', 'sector'] if they are missing in every row")


def test_absent_is_checked(model, caseload):
    e = raises(Status.UNKNOWN_VARIABLE, model.score, caseload.drop(columns="health"),
               absent=["helth"])
    assert e.field == "helth" and e.text.endswith("did you mean 'health'?")
    e = raises(Status.INVALID_ARGUMENT, model.score, caseload, absent=["health"])
    assert e.field == "health" and "has a column for it" in e.text
    with pytest.raises(TypeError, match="absent="):
        model.score(caseload, absent=[3])
    # A variable whose policy rejects a missing value fails in every row when absent.
    e = raises(Status.MISSING_VALUE, model.score, caseload.drop(columns="region"),
               absent=["region"])
    assert (e.field, e.case_index) == ("region", 0)


def test_score_case_reads_values_one_by_one(model, full_case):
    """A single case has no columns: a variable left out is missing, and says so."""
    del full_case["health"]
    r = model.score_case(dict(full_case, helth=4), ignore_extra=True)
    assert r.missing == ("health",) and r.imputed == ("health",)
    e = raises(Status.UNKNOWN_VARIABLE, model.score_case, dict(full_case, helth=4))
    assert e.field == "helth"
    assert e.text == "the model has no variable of this name; did you mean 'health'?"


# 2. Values the model changes.

# Four synthetic people, with what the model does to each value (by hand, from the
# policies of docs/demo-model.md).
PEOPLE = {
    "age": [45.0, 70.0, 10.0, 33.0],            # 70 and 10: clamped to 67 and 18
    "ww_months": [7.0, 2.0, 12.0, 0.0],
    "work_history_years": [20.0, 30.0, 60.0, 5.0],  # 60: clamped to 50
    "applications_4w": [None, 5.0, 40.0, 0.0],  # None: imputed 2; 40: clamped to 30
    "health": [4.0, None, 2.0, 5.0],            # None: imputed 3
    "has_partner": [True, False, None, True],   # None: imputed false
    "care_duties": [False, True, False, True],
    "female": [True, False, True, True],
    "education": [None, "higher", None, "basic"],   # None: the level "unknown" (not imputed)
    "sector": ["care", "ict", None, "office"],  # None: imputed "other"
    "region": ["tight", "slack", "average", "tight"],
}
M, I, C = ValueFlag.MISSING, ValueFlag.IMPUTED, ValueFlag.CLAMPED
CASE_FLAGS = [M | I, M | I | C, M | I | C, 0]
COUNTS = {  # (missing, imputed, clamped)
    "age": (0, 0, 2), "ww_months": (0, 0, 0), "work_history_years": (0, 0, 1),
    "applications_4w": (1, 1, 1), "health": (1, 1, 0), "has_partner": (1, 1, 0),
    "care_duties": (0, 0, 0), "female": (0, 0, 0), "education": (2, 0, 0),
    "sector": (1, 1, 0), "region": (0, 0, 0),
}


def people_frame():
    return pd.DataFrame(PEOPLE, index=pd.Index(["p1", "p2", "p3", "p4"], name="ref"))


def test_value_flags_match_constants_of_the_header(source_dir):
    header = (source_dir / "include" / "anker" / "score.h").read_text(encoding="utf-8")
    for name in ("MISSING", "IMPUTED", "CLAMPED"):
        line = next(x for x in header.splitlines() if "ANKER_VALUE_FLAG_%s =" % name in x)
        shift = int(line.split("<<")[1].split(",")[0])
        assert ValueFlag[name] == 1 << shift


def test_flags_and_counts_of_a_table(model, model_json):
    got = model.score(people_frame(), flags=True)
    want = reference_scores(model_json, PEOPLE)
    np.testing.assert_allclose(got["probability"], want["probability"], rtol=0, atol=TOLERANCE)
    assert list(got.columns) == ["probability", "linear_predictor", "band", "band_label",
                                 "missing", "imputed", "clamped"]
    for name, flag in (("missing", M), ("imputed", I), ("clamped", C)):
        assert got[name].dtype == bool
        assert list(got[name]) == [bool(f & flag) for f in CASE_FLAGS], name
    counts = got.attrs["anker"]["counts"]
    assert list(counts) == [v["name"] for v in model_json["variables"]]
    assert {k: tuple(c.values()) for k, c in counts.items()} == COUNTS
    assert got.attrs["anker"]["cases"] == 4 and got.attrs["anker"]["failed"] == 0
    # score_arrays: the bits, and the same counts as ValueCounts.
    arrays = model.score_arrays(PEOPLE, flags=True)
    assert arrays.flags.dtype == np.uint32 and list(arrays.flags) == CASE_FLAGS
    assert {k: tuple(c) for k, c in arrays.summary.counts.items()} == COUNTS
    assert arrays.summary.counts["applications_4w"].clamped == 1
    assert model.score_arrays(PEOPLE).flags is None  # only when asked for
    # Counts belong to one call: a second call does not add to them.
    again = model.score_arrays(PEOPLE)
    assert again.summary == arrays.summary
    assert anker.ScoreSummary.from_dict(got.attrs["anker"]) == arrays.summary


def test_flags_of_one_case(model):
    rows = people_frame().reset_index(drop=True).astype(object)
    rows = rows.where(rows.notna(), None)
    expected = [  # (missing, imputed, clamped), in model order
        (("applications_4w", "education"), ("applications_4w",), ()),
        (("health",), ("health",), ("age",)),
        (("has_partner", "education", "sector"), ("has_partner", "sector"),
         ("age", "work_history_years", "applications_4w")),
        ((), (), ()),
    ]
    for i, (missing, imputed, clamped) in enumerate(expected):
        r = model.score_case(rows.iloc[i].to_dict())
        assert r.flags == CASE_FLAGS[i] and isinstance(r.flags, ValueFlag)
        assert (r.missing, r.imputed, r.clamped) == (missing, imputed, clamped), i
        assert r.to_dict()["flags"] == {"missing": list(missing), "imputed": list(imputed),
                                        "clamped": list(clamped)}
    r = model.score_case(rows.iloc[2].to_dict())
    assert r.variable_flags == {"age": C, "work_history_years": C, "applications_4w": C,
                                "has_partner": M | I, "education": M, "sector": M | I}
    r.close()  # the flags stay readable
    assert r.clamped == ("age", "work_history_years", "applications_4w")


def test_strict_makes_changed_values_errors(model, model_json):
    frame = people_frame()
    e = raises(Status.MISSING_VALUE, model.score, frame, strict=True)
    assert (e.field, e.case_index, e.row_label) == ("applications_4w", 0, "p1")
    got = model.score(frame, strict=True, errors="coerce", bands=True)
    assert list(got["status"]) == [Status.MISSING_VALUE, Status.OUT_OF_RANGE,
                                   Status.OUT_OF_RANGE, 0]
    assert got["error_field"].isna().tolist() == [False, False, False, True]
    assert list(got["error_field"][:3]) == ["applications_4w", "age", "age"]
    assert got["probability"].isna().tolist() == [True, True, True, False]
    # The good row (education missing: a level the model was fitted with, not a guess).
    assert got["probability"]["p4"] == pytest.approx(
        reference_scores(model_json, PEOPLE)["probability"][3], abs=TOLERANCE)
    assert got.attrs["anker"]["strict"] is True and got.attrs["anker"]["failed"] == 3
    arrays = model.score_arrays(PEOPLE, strict=True, errors="coerce")
    names = [v.name for v in model.variables]
    assert [names[i] if i >= 0 else None for i in arrays.error_variable] == \
        ["applications_4w", "age", "age", None]
    # One case.
    case = {k: v[1] for k, v in PEOPLE.items()}
    e = raises(Status.OUT_OF_RANGE, model.score_case, case, strict=True)
    assert e.field == "age"
    assert model.score_case({k: v[3] for k, v in PEOPLE.items()}, strict=True).flags == 0


def test_error_field_names_the_variable_the_binding_refused(model):
    frame = people_frame().assign(health=np.array([4, "goed", 2, "5,0"], dtype=object))
    got = model.score(frame, errors="coerce", explain=True)
    assert list(got["status"]) == [0, Status.TYPE_MISMATCH, 0, Status.TYPE_MISMATCH]
    assert got["error_field"].astype(object).where(got["error_field"].notna(), None).tolist() \
        == [None, "health", None, "health"]
    assert got["error_field"].dtype == pd.CategoricalDtype([v.name for v in model.variables])


def test_summaries_of_threads_are_their_own(model, caseload):
    """No summary is kept on the shared Model: each call's counts are its own."""
    chunks = [caseload.iloc[i::7] for i in range(7)]
    serial = [model.score_arrays(chunk, ignore_extra=True).summary for chunk in chunks]
    barrier = threading.Barrier(7)

    def score(chunk):
        barrier.wait()
        return model.score_arrays(chunk, ignore_extra=True).summary

    with ThreadPoolExecutor(max_workers=7) as pool:
        threaded = list(pool.map(score, chunks))
    assert threaded == serial
    assert len({s.counts["sector"].imputed for s in serial}) > 1  # the chunks do differ
    assert sum(s.counts["sector"].missing for s in serial) == caseload["sector"].isna().sum()


# 3. Which model scored a row.

def test_attrs_say_which_model(model, model_path, model_json, caseload):
    scores = model.score(caseload, bands=True, ignore_extra=True)
    meta = scores.attrs["anker"]
    digest = hashlib.sha256(model_path.read_bytes()).hexdigest()
    # id and version as Python's json reads them from the file
    assert model_json["id"] == "demo-amt-6m"
    assert meta["model"] == {"id": model_json["id"], "version": model_json["version"],
                             "sha256": digest}
    assert meta["absent"] == [] and meta["ignored"] == [] and meta["strict"] is False
    assert meta["cases"] == len(caseload) and meta["failed"] == 0
    json.dumps(meta)  # JSON-ready
    # The counts are what the file holds: empty cells, and values outside the ranges.
    for v in model.variables:
        missing = int(caseload[v.name].isna().sum())
        assert meta["counts"][v.name]["missing"] == missing, v.name
        assert meta["counts"][v.name]["imputed"] == (missing if v.missing == "impute" else 0)
        if v.kind == "numeric" and v.out_of_range == "clamp":
            lo, hi = v.range
            outside = int(((caseload[v.name] < lo) | (caseload[v.name] > hi)).sum())
            assert meta["counts"][v.name]["clamped"] == outside, v.name


def test_band_labels_and_term_labels(model, model_json, caseload):
    bands = {b["name"]: b["label"] for b in model_json["bands"]["items"]}
    assert model.band_labels == bands
    assert model.term_labels == {t["name"]: t["label"] for t in model_json["terms"]}
    assert model.variable_labels == {v["name"]: v["label"] for v in model_json["variables"]}
    assert model.term_labels["care_woman"] == "Care duties (counted for women only)"
    scores = model.score(caseload, bands=True, ignore_extra=True)
    assert list(scores["band_label"].astype(str)) == [bands[b] for b in scores["band"]]
    assert scores["band_label"].dtype == pd.CategoricalDtype(list(bands.values()), ordered=True)
    assert "Moderate chance (25-50%)" in set(scores["band_label"])
    r = model.score_case({k: v[0] for k, v in PEOPLE.items()})
    assert r.band_label == bands[r.band] == anker._lib.lib.anker_result_get_band_label(
        r._handle)
    assert r.to_dict()["band_label"] == r.band_label
    # A bad row has no band label.
    bad = model.score(people_frame(), strict=True, errors="coerce", bands=True)
    assert bad["band_label"].isna().tolist() == [True, True, True, False]


OPTION_SETS = [dict(bands=True), dict(explain=True, errors="coerce"),
               dict(bands=True, flags=True, strict=True, errors="coerce"),
               dict(bands=True, absent=["health"], ignore_extra=True)]


@pytest.mark.parametrize("options", OPTION_SETS)
def test_score_meta_is_an_empty_score(model, options):
    data = {k: v for k, v in PEOPLE.items() if k not in options.get("absent", ())}
    scored = model.score(data, **options)
    meta = model.score_meta(**options)
    pd.testing.assert_frame_equal(meta, scored.iloc[:0])
    assert meta.attrs["anker"]["model"] == scored.attrs["anker"]["model"]
    assert meta.attrs["anker"]["absent"] == scored.attrs["anker"]["absent"]
    assert meta.attrs["anker"]["cases"] == 0
    assert isinstance(model.score_meta(), np.ndarray)


def test_dask_output_says_which_model(model, caseload):
    dd = pytest.importorskip("dask.dataframe")
    frame = caseload.set_index("id")
    ddf = dd.from_pandas(frame, npartitions=4)
    options = dict(bands=True, flags=True, errors="coerce", ignore_extra=True)
    scores = ddf.map_partitions(model.score, **options, meta=model.score_meta(**options))
    assert scores.attrs["anker"]["model"]["sha256"] == model.sha256
    got = scores.compute(scheduler="threads")
    pd.testing.assert_frame_equal(got, model.score(frame, **options))


# Every new C function is reachable from Python.

def test_every_exported_function_is_declared(source_dir):
    sym = (source_dir / "lib" / "anker.sym").read_text()
    exported = set(re.findall(r"^\s*(anker_\w+);", sym, re.M))
    declared = {entry[0] for entry in anker._lib.PROTOTYPES}
    assert exported - declared == {"anker_ctx_new_with_allocator"}


# 5. No negative zero anywhere.

def test_no_negative_zero(model, caseload):
    """woman (-0.05) and care_woman (-0.45) are 0 for men: +0.0, never -0.0."""
    explained = model.score(caseload, explain=True, ignore_extra=True)
    contrib = explained[["contrib." + t.name for t in model.terms]].to_numpy()
    men = (caseload["female"] == 0).to_numpy()
    assert men.any()
    assert (contrib[men, [t.name for t in model.terms].index("woman")] == 0).all()
    zeros = contrib == 0
    assert zeros.any() and not np.signbit(contrib[zeros]).any()
    arrays = model.score_arrays(caseload, explain=True, ignore_extra=True)
    assert not np.signbit(arrays.contributions[arrays.contributions == 0]).any()
    row = caseload[men].iloc[0].drop("id").to_dict()
    r = model.score_case(row)
    zero_terms = [t for t in r.terms if t.contribution == 0]
    assert zero_terms and not any(np.signbit(t.contribution) for t in zero_terms)
    assert not re.search(r"-0\.0(?!\d)", json.dumps(r.to_dict()))  # as json writes -0.0
