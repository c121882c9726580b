# SPDX-License-Identifier: GPL-3.0-or-later
"""No leaks: resident memory stays flat across many load/score/free cycles.

Each cycle makes and frees every kind of object the binding owns (context,
model, case result, batch, error objects), and takes the error paths too. A
leak of even one small C allocation per cycle would add megabytes over the
run; the slack allows only for the allocator settling.

The 100,000 cycles use a small model, so that the JSON parser does not
dominate the run time; the demonstration model gets fewer, heavier cycles.
"""

import json
import os

import numpy as np
import pytest

import anker

PAGE = os.sysconf("SC_PAGE_SIZE")

SMALL_MODEL = json.dumps({
    "format": "anker-model", "format_version": 1, "kind": "binary",
    "id": "leak-check", "name": "Leak check", "version": "1.0.0", "toets": "AMT",
    "outcome": {"description": "synthetic", "horizon_months": 6},
    "valid_from": "2026-01-01",
    "provenance": {"statement": "Synthetic test model.", "data": "None.",
                   "fitted_by": "The libanker tests"},
    "variables": [
        {"name": "x", "kind": "numeric", "range": [0, 10], "out_of_range": "reject",
         "missing": {"policy": "impute", "value": 5}},
        {"name": "g", "kind": "categorical", "levels": ["a", "b", "c"],
         "missing": {"policy": "level", "level": "c"}},
    ],
    "link": "logit",
    "terms": [
        {"type": "intercept", "name": "intercept", "label": "Start", "coef": -0.5},
        {"type": "linear", "name": "x", "label": "X", "variable": "x", "coef": 0.25},
        {"type": "categorical", "name": "g", "label": "G", "variable": "g", "reference": "a",
         "effects": {"b": 0.5, "c": -0.25}},
    ],
    "bands": {"boundary": "lower",
              "items": [{"name": "low", "upper": 0.5}, {"name": "high"}]},
})
BROKEN_MODEL = SMALL_MODEL.replace('"link": "logit"', '"link": "cauchit"')

TABLE = {"x": np.array([1.0, 2.5, np.nan, 9.0]), "g": np.array([0, 1, -1, 2])}
NAMED_TABLE = {"x": np.array([1.0, 2.5, np.nan, 9.0]),
               "g": np.array(["a", "b", None, "c"], dtype=object)}
BAD_TABLE = {"x": np.array([1.0, 11.0]), "g": np.array(["a", "b"], dtype=object)}


def rss_bytes():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * PAGE


def load_score_free():
    """The common cycle: load a model, score a case and a table, free everything."""
    with anker.Model.from_json(SMALL_MODEL) as m:
        with m.score_case({"x": 2.0, "g": "b"}) as r:
            r.contributions
        m.score_arrays(TABLE, explain=True)


def every_path():
    """Contexts, explanations freed by the garbage collector, and every error path."""
    with anker.Context() as ctx:
        with anker.Model.from_json(SMALL_MODEL, context=ctx) as m:
            m.score_case({"x": None, "g": "c"}).details
            arrays = m.score_arrays(NAMED_TABLE, explain=True, errors="coerce")
            assert arrays.status[2] == 0
            for bad in (lambda: m.score(BAD_TABLE),
                        lambda: m.score_case({"x": 2.0, "g": "z"}),
                        lambda: m.score_case({"x": 2.0, "y": 1.0}),
                        lambda: m.score({"x": np.array(["text"])})):
                with pytest.raises(anker.AnkerError):
                    bad()
        with pytest.raises(anker.AnkerError):
            anker.Model.from_json(BROKEN_MODEL, context=ctx)


def assert_flat(cycle, warmup, cycles, slack_bytes):
    for _ in range(warmup):
        cycle()
    before = rss_bytes()
    for _ in range(cycles):
        cycle()
    grown = rss_bytes() - before
    assert grown <= slack_bytes, "RSS grew by %d bytes over %d cycles" % (grown, cycles)


def test_load_score_free_cycles_do_not_leak():
    assert_flat(load_score_free, warmup=5_000, cycles=95_000, slack_bytes=1 << 20)


def test_error_paths_do_not_leak():
    assert_flat(every_path, warmup=500, cycles=3_000, slack_bytes=1 << 20)


def test_demo_model_cycles_do_not_leak(model_path, caseload):
    rows = caseload.head(50)

    def cycle():
        with anker.Model.load(model_path) as m:
            m.score(rows, explain=True, ignore_extra=True, errors="coerce")
            m.score_case(rows.iloc[0].drop("id").to_dict()).details

    assert_flat(cycle, warmup=100, cycles=1_000, slack_bytes=1 << 20)
