# SPDX-License-Identifier: GPL-3.0-or-later
"""anker.simulate(): a seeded synthetic caseload from a scenario file, as a DataFrame.

    history = anker.simulate("data/simulation/demo-ww-history.json", cases=10000, seed=1)
    history.attrs["shifts"]["to_bijstand"], history.attrs["expected_rates"]
    scenario = anker.Scenario.load("data/simulation/demo-ww-history.json")
    scenario.columns, scenario.outcomes, scenario.csv(cases=100, seed=1)

The generator is the C library's (include/anker/simulate.h): the same
(scenario, cases, seed) gives the same cases as `anker simulate`, to the byte.
See docs/simulation.md.
"""

import ctypes
import io
import os

import pandas as pd

from . import _lib
from ._errors import ErrorBuffer
from ._lib import lib
from .context import default_context

# enum anker_sim_column_type -> the column's pandas dtype
_DTYPES = {
    _lib.constant("ANKER_SIM_COLUMN_TEXT"): "string",
    _lib.constant("ANKER_SIM_COLUMN_INTEGER"): "Int64",
    _lib.constant("ANKER_SIM_COLUMN_NUMBER"): "float64",
    _lib.constant("ANKER_SIM_COLUMN_BOOLEAN"): "Int64",  # read as 1/0, then made boolean
    _lib.constant("ANKER_SIM_COLUMN_LEVEL"): "category",
}
_BOOLEAN = _lib.constant("ANKER_SIM_COLUMN_BOOLEAN")


class Scenario(_lib.OwnsHandles):
    """A loaded scenario file (format anker-scenario), with its questionnaire and truth models."""

    def __init__(self, handle, context):
        self._handle = handle
        self._context = context  # keeps the context alive as long as the scenario

    @classmethod
    def load(cls, path, context=None):
        """Load a scenario file; files it names are relative to it. Raises AnkerError."""
        context = context or default_context()
        handle = _lib.scenario_p()
        with ErrorBuffer() as err:
            lib.anker_scenario_load_file(context._handle, os.fsencode(os.fspath(path)), err,
                                         ctypes.byref(handle))
        return cls(handle, context)

    @classmethod
    def from_text(cls, text, source_name=None, context=None):
        """Load a scenario from JSON text; its files are relative to source_name's directory."""
        context = context or default_context()
        data = text.encode("utf-8") if isinstance(text, str) else bytes(text)
        handle = _lib.scenario_p()
        with ErrorBuffer() as err:
            lib.anker_scenario_load_buffer(
                context._handle, data, len(data),
                os.fsencode(source_name) if source_name else None, err, ctypes.byref(handle))
        return cls(handle, context)

    def close(self):
        handle, self._handle = getattr(self, "_handle", None), None
        if handle:
            lib.anker_scenario_free(handle)

    @property
    def id(self):
        return lib.anker_scenario_get_id(self._handle)

    @property
    def version(self):
        return lib.anker_scenario_get_version(self._handle)

    @property
    def columns(self):
        """The CSV columns in order, as (name, pandas dtype) pairs."""
        n = lib.anker_scenario_get_column_count(self._handle)
        return [(lib.anker_scenario_get_column_name(self._handle, i),
                 "boolean" if lib.anker_scenario_get_column_type(self._handle, i) == _BOOLEAN
                 else _DTYPES[lib.anker_scenario_get_column_type(self._handle, i)])
                for i in range(n)]

    @property
    def outcomes(self):
        n = lib.anker_scenario_get_outcome_count(self._handle)
        return [lib.anker_scenario_get_outcome_name(self._handle, i) for i in range(n)]

    def _run(self, cases, seed):
        """(csv bytes, shifts, expected rates) of cases [0, cases) under seed."""
        if not isinstance(cases, int) or isinstance(cases, bool) or cases < 1:
            raise ValueError("cases must be a whole number of at least 1, not %r" % (cases,))
        if not isinstance(seed, int) or isinstance(seed, bool) or not 0 <= seed < 2 ** 64:
            raise ValueError("seed must be a whole number from 0 to 2**64 - 1, not %r" % (seed,))
        chunks = []

        def write(_data, text, size):
            chunks.append(ctypes.string_at(text, size))
            return 0

        writer = _lib.SIM_WRITE_FN(write)
        sim = _lib.simulation_p()
        with ErrorBuffer() as err:
            lib.anker_simulation_new(self._handle, seed, cases, None, None, err,
                                     ctypes.byref(sim))
            try:
                lib.anker_simulation_write_header(sim, writer, None, err)
                lib.anker_simulation_write_rows(sim, 0, cases, writer, None, err)
                names = self.outcomes
                shifts = {name: lib.anker_simulation_get_shift(sim, i)
                          for i, name in enumerate(names)}
                rates = {name: lib.anker_simulation_get_expected_rate(sim, i)
                         for i, name in enumerate(names)}
            finally:
                lib.anker_simulation_free(sim)
        rates = {k: v for k, v in rates.items() if v == v}  # NaN: a duration outcome
        return b"".join(chunks), shifts, rates

    def csv(self, cases, seed):
        """The CSV text `anker simulate` writes for these cases and seed."""
        return self._run(cases, seed)[0].decode("utf-8")

    def simulate(self, cases, seed):
        """A DataFrame of the cases, one typed column per CSV column (see anker.simulate())."""
        text, shifts, rates = self._run(cases, seed)
        columns = self.columns
        dtypes = {name: ("Int64" if dtype == "boolean" else dtype) for name, dtype in columns}
        frame = pd.read_csv(io.BytesIO(text), dtype=dtypes, keep_default_na=False,
                            na_values=[""])
        for name, dtype in columns:
            if dtype == "boolean":
                frame[name] = frame[name].astype("boolean")
        frame.attrs.update(scenario=self.id, scenario_version=self.version, cases=cases,
                           seed=seed, shifts=shifts, expected_rates=rates)
        return frame


def simulate(scenario, cases, seed, context=None):
    """Simulate a caseload: a DataFrame with the columns `anker simulate` writes.

    scenario is a Scenario or the path of a scenario file. Columns are typed:
    case_id a string, whole numbers and outcomes Int64, decimals float64,
    booleans boolean, levels and option codes category; empty cells are NA.
    attrs hold the scenario id and version, cases, seed, each outcome's shift
    ("shifts") and each binary outcome's expected rate ("expected_rates").
    """
    if isinstance(scenario, Scenario):
        return scenario.simulate(cases, seed)
    with Scenario.load(scenario, context=context) as loaded:
        return loaded.simulate(cases, seed)
