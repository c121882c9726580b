# SPDX-License-Identifier: GPL-3.0-or-later
"""anker: Python binding of libanker, the assessment-instrument library.

    import anker
    model = anker.Model.load("data/models/demo-amt-6m.json")
    r = model.score_case({"age": 45, "ww_months": 7, "care_duties": False,
                          "female": True, "region": "tight"})
    r.probability, r.band, r.contributions
    model.score(dataframe, bands=True, explain=True, flags=True)
    anker.WwbNorms("data/norms").evaluate(household, date="2026-03-31")   # the WWB-toets
    anker.timeline(ww_start="2024-01-31", birth="1990-05-15", max_months=12)  # deadlines
    anker.Werkverkenner("data/profiles/demo-werkverkenner.json").assess(answers)
    anker.report(model, labelled, outcome="found_work", out="card.html")  # docs/monitoring.md
    anker.simulate("data/simulation/demo-ww-history.json", cases=1000, seed=1)  # synthetic history

The C library is found through ANKER_LIBRARY, else build/ in the source tree,
else by its SONAME libanker.so.1. See docs/python.md.
"""

from ._errors import AnkerError, Status, status_name, strerror
from ._lib import LibraryError, lib as _library
from ._version import __version__
from .assess import Assessment, Profile, verify
from .context import Context, LogLevel, default_context
from .fit import FitResult, fit
from .evaluate import Evaluation, evaluate, evaluate_duration, harrell_c, psi, psi_reading, psi_table
from .overrides import Overrides, overrides
from .simulate import Scenario, simulate
from .model import Band, Contribution, Item, Model, Option, Output, Term, Variable
from .werkverkenner import Werkverkenner, WerkverkennerResult
from .wwb import ReasoningLine, WwbNorms, WwbResult
from .case_timeline import Deadline, Timeline, timeline, timeline_fields, timeline_frame
from .result import (CaseResult, Explained, ScoreArrays, ScoreSummary, TermContribution,
                     ValueCounts, ValueFlag)

__all__ = [
    "AnkerError", "Assessment", "Band", "CaseResult", "Context", "Contribution", "Deadline",
    "Evaluation", "Explained", "FitResult", "evaluate", "evaluate_duration", "harrell_c", "psi",
    "psi_reading", "psi_table",
    "LibraryError",
    "Item", "LogLevel", "Model", "Option",
    "Output", "Overrides", "Profile", "ReasoningLine", "Scenario", "ScoreArrays", "ScoreSummary", "Status", "Term",
    "TermContribution", "Timeline", "ValueCounts", "ValueFlag", "Variable", "Werkverkenner",
    "WerkverkennerResult", "WwbNorms", "WwbResult", "__version__", "default_context", "fit",
    "library_path", "library_version", "status_name", "strerror", "timeline",
    "overrides", "simulate", "timeline_fields", "timeline_frame", "verify", "report",
]


def __getattr__(name):
    # anker.report() lives in anker/report.py, which is also the command
    # `python3 -m anker.report`: importing it only on first use keeps runpy from
    # finding it imported already (a RuntimeWarning). The import binds
    # anker.report to the submodule; bind it back to the function.
    if name == "report":
        from .report import report
        globals()["report"] = report
        return report
    raise AttributeError("module 'anker' has no attribute %r" % name)


def library_version():
    """The version of the loaded C library, "MAJOR.MINOR.MICRO" (anker_version_string)."""
    return _library.anker_version_string()


def library_path():
    """What the C library was loaded from: a path, or the SONAME for the dynamic linker."""
    return _library.path
