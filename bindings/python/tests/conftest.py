# SPDX-License-Identifier: GPL-3.0-or-later
"""Shared fixtures. Run with: /usr/bin/python3 -m pytest bindings/python/tests

The meson test (suite "python") sets ANKER_LIBRARY to the library it built,
ANKER_PROGRAM to the anker program and ANKER_SOURCE_DIR to the source tree.
Run by hand from the source tree, the tests use build/ as the binding does.
"""

import json
import os
import sys
from pathlib import Path

import pytest

SOURCE_DIR = Path(os.environ.get("ANKER_SOURCE_DIR") or Path(__file__).resolve().parents[3])
BINDING_DIR = SOURCE_DIR / "bindings" / "python"

# Test the binding in this tree, not one installed elsewhere.
sys.path.insert(0, str(BINDING_DIR))

MODEL_PATH = SOURCE_DIR / "data" / "models" / "demo-amt-6m.json"
CASELOAD_PATH = SOURCE_DIR / "examples" / "data" / "caseload.csv"


def anker_program():
    """The anker program: ANKER_PROGRAM, else build/tools/anker in the source tree."""
    path = os.environ.get("ANKER_PROGRAM") or str(SOURCE_DIR / "build" / "tools" / "anker")
    return path if os.access(path, os.X_OK) else None


@pytest.fixture(scope="session")
def source_dir():
    return SOURCE_DIR


@pytest.fixture(scope="session")
def model_path():
    return MODEL_PATH


@pytest.fixture(scope="session")
def model_json():
    """The demonstration model file, parsed by Python's json: the independent truth."""
    with open(MODEL_PATH, encoding="utf-8") as f:
        return json.load(f)


@pytest.fixture(scope="session")
def caseload_path():
    return CASELOAD_PATH


@pytest.fixture(scope="session")
def model():
    import anker
    with anker.Model.load(MODEL_PATH) as m:
        yield m


@pytest.fixture(scope="session")
def caseload():
    """The example caseload as pandas reads it: only empty cells are missing, as in anker."""
    pd = pytest.importorskip("pandas")
    return pd.read_csv(CASELOAD_PATH, dtype={"id": str}, keep_default_na=False, na_values=[""])


@pytest.fixture(scope="session")
def program():
    path = anker_program()
    if path is None:
        pytest.skip("the anker program is not built (set ANKER_PROGRAM)")
    return path


def program_env():
    """The environment for the anker program: a sanitizer build of it carries its own
    runtime, so the runtime preloaded into python for the library must not reach it."""
    return {k: v for k, v in os.environ.items() if k != "LD_PRELOAD"}


def without_column(model, data):
    """The variables of model that data (a dict or a DataFrame) has no column for: what a
    test that leaves them out on purpose passes as absent=."""
    return [v.name for v in model.variables if v.name not in data]


# A complete case for the demonstration model, with every variable given.
FULL_CASE = {
    "age": 45, "ww_months": 7, "work_history_years": 20, "applications_4w": 5,
    "health": 4, "has_partner": True, "care_duties": False, "female": True,
    "education": "higher", "sector": "care", "region": "tight",
}


@pytest.fixture
def full_case():
    return dict(FULL_CASE)


def _reference_cell(value):
    """A value as a cell of a reference_scorer.py case file: "" missing, 1/0 booleans."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def reference_scores(model_json, table):
    """What tests/golden/reference_scorer.py (numpy and scipy, never libanker) computes.

    table: a dict of column name to a list of plain Python values (None for a
    missing value, True/False for booleans, level names as str). Returns a dict
    with "probability", "linear_predictor" (numpy arrays), "band" (a list of names) and
    "contributions" (a dict of term name to a numpy array).
    """
    pytest.importorskip("scipy")  # the reference scorer exits without it
    if str(SOURCE_DIR / "tests" / "golden") not in sys.path:
        sys.path.insert(0, str(SOURCE_DIR / "tests" / "golden"))
    import reference_scorer

    header = list(table)
    n = len(next(iter(table.values()))) if table else 0
    rows = [[_reference_cell(table[name][i]) for name in header] for i in range(n)]
    _, eta, probability, bands, contributions = reference_scorer.score(model_json, header, rows)
    return {"probability": probability, "linear_predictor": eta, "band": list(bands),
            "contributions": {t["name"]: contributions[:, j]
                              for j, t in enumerate(model_json["terms"])}}
