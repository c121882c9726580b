# SPDX-License-Identifier: GPL-3.0-or-later
"""The WWB-toets: will a household probably have a right to bijstand after the WW?

    import anker
    norms = anker.WwbNorms("data/norms")
    result = norms.evaluate({"claimant": {"birth_date": "1980-05-12"},
                             "income": [], "assets": []}, date="2026-03-31")
    result.verdict, result.amounts["bijstand"], result.lines[0].en
    norms.evaluate_frame(caseload)     # one row per household, see docs/wwb-toets.md

Money is in whole euro cents (int). Dates are "YYYY-MM-DD" strings (a
datetime.date is accepted too). See docs/wwb-toets.md.
"""

import ctypes
import datetime
import json
import os
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from . import _lib
from ._errors import ErrorBuffer
from ._lib import lib
from .context import default_context

_LANGUAGES = {"nl": _lib.constant("ANKER_WWB_DUTCH"), "en": _lib.constant("ANKER_WWB_ENGLISH")}


def _names(getter):
    names, i = [], 0
    while getter(i) is not None:
        names.append(getter(i))
        i += 1
    return names


AMOUNTS = _names(lib.anker_wwb_amount_name)
"""The names of a result's amounts, in the library's order ("norm", ..., "home_equity_limit")."""

FIELDS = _names(lib.anker_wwb_household_field_name)
"""The flat fields of a caseload row (the columns of evaluate_frame and `anker wwb --in`)."""


def _date_text(date):
    if date is None:
        return None
    if isinstance(date, (datetime.date, datetime.datetime)):
        return date.strftime("%Y-%m-%d")
    return str(date)


def _bytes(text):
    return None if text is None else str(text).encode("utf-8")


@dataclass(frozen=True)
class ReasoningLine:
    """One line of the reasoning: a stable code, the article it applies, the text in nl and en."""

    code: str
    article: str
    nl: str
    en: str


@dataclass(frozen=True)
class WwbResult:
    """The outcome of the WWB-toets for one household (a plain copy of the C result)."""

    verdict: str
    reference_date: str
    norms_valid_from: str
    household_type: str
    norm_name: Optional[str]
    cost_sharers: Optional[int]
    loan: bool
    routes: Tuple[str, ...]
    amounts: Dict[str, Optional[int]]
    missing: Tuple[str, ...]
    lines: Tuple[ReasoningLine, ...] = field(repr=False)

    def reasoning(self, language="nl"):
        """The lines as text in "nl" or "en", each followed by its article."""
        key = "en" if language == "en" else "nl"
        return "\n".join("%s [%s]" % (getattr(line, key), line.article) if line.article
                         else getattr(line, key) for line in self.lines)

    def to_dict(self):
        """What `anker wwb --format json` writes, with amounts in cents under "amounts_cents"."""
        return {
            "reference_date": self.reference_date, "norms_valid_from": self.norms_valid_from,
            "verdict": self.verdict, "household_type": self.household_type,
            "norm_name": self.norm_name, "cost_sharers": self.cost_sharers, "loan": self.loan,
            "amounts_cents": dict(self.amounts), "routes": list(self.routes),
            "missing": list(self.missing),
            "lines": [{"code": l.code, "article": l.article, "nl": l.nl, "en": l.en}
                      for l in self.lines],
        }


def _copy_result(handle):
    routes_bits = lib.anker_wwb_result_get_routes(handle)
    routes = []
    bit = 1
    while bit <= routes_bits:
        if routes_bits & bit and lib.anker_wwb_route_name(bit):
            routes.append(lib.anker_wwb_route_name(bit))
        bit <<= 1
    amounts = {}
    for i, name in enumerate(AMOUNTS):
        cents = ctypes.c_longlong()
        ok = lib.anker_wwb_result_get_amount(handle, i, ctypes.byref(cents)) == 0
        amounts[name] = cents.value if ok else None
    lines = tuple(ReasoningLine(lib.anker_wwb_result_get_line_code(handle, i),
                                lib.anker_wwb_result_get_line_article(handle, i),
                                lib.anker_wwb_result_get_line_text(handle, i, _LANGUAGES["nl"]),
                                lib.anker_wwb_result_get_line_text(handle, i, _LANGUAGES["en"]))
                  for i in range(lib.anker_wwb_result_get_line_count(handle)))
    cost_sharers = lib.anker_wwb_result_get_cost_sharers(handle)
    return WwbResult(
        verdict=lib.anker_wwb_verdict_name(lib.anker_wwb_result_get_verdict(handle)),
        reference_date=lib.anker_wwb_result_get_reference_date(handle),
        norms_valid_from=lib.anker_wwb_result_get_norms_valid_from(handle),
        household_type=lib.anker_wwb_result_get_household_type(handle),
        norm_name=lib.anker_wwb_result_get_norm_name(handle),
        cost_sharers=cost_sharers if cost_sharers > 0 else None,
        loan=bool(lib.anker_wwb_result_get_loan(handle)),
        routes=tuple(routes), amounts=amounts,
        missing=tuple(lib.anker_wwb_result_get_missing(handle, i)
                      for i in range(lib.anker_wwb_result_get_missing_count(handle))),
        lines=lines)


class WwbNorms(_lib.OwnsHandles):
    """Dated norms, asset limits and the pension-age table (struct anker_wwb_norms).

    Give directories (every *.json in them is loaded) or files. A loaded set may
    be used from several threads at once.
    """

    def __init__(self, *paths, context=None):
        self._context = context or default_context()
        handle = _lib.wwb_norms_p()
        lib.anker_wwb_norms_new(self._context._ptr(), ctypes.byref(handle))
        self._handle = handle
        for path in paths:
            self.add(path)

    def close(self):
        handle, self._handle = getattr(self, "_handle", None), None
        if handle:
            lib.anker_wwb_norms_unref(handle)

    def _ptr(self):
        if not self._handle:
            raise ValueError("the anker.WwbNorms is closed")
        return self._handle

    def add(self, path):
        """Load a directory of rule files, or one file."""
        raw = os.fsencode(path)
        with ErrorBuffer() as err:
            if os.path.isdir(path):
                lib.anker_wwb_norms_add_directory(self._ptr(), raw, err)
            else:
                lib.anker_wwb_norms_add_file(self._ptr(), raw, err)
        return self

    def add_buffer(self, data, name="<buffer>"):
        """Load one rule file from its text (str or bytes)."""
        data = data.encode("utf-8") if isinstance(data, str) else bytes(data)
        with ErrorBuffer() as err:
            lib.anker_wwb_norms_add_buffer(self._ptr(), data, len(data), _bytes(name), err)
        return self

    def norm_cents(self, date, name):
        """A norm of the table in force on date ("single", "couple", ..., "youth_supplement")."""
        cents = ctypes.c_longlong()
        with ErrorBuffer() as err:
            lib.anker_wwb_norms_get_norm(self._ptr(), _bytes(_date_text(date)), _bytes(name),
                                         ctypes.byref(cents), err)
        return cents.value

    def cost_sharing_norm_cents(self, date, cost_sharers, pension_age=False):
        """The kostendelersnorm per person for A = cost_sharers on date."""
        cents = ctypes.c_longlong()
        with ErrorBuffer() as err:
            lib.anker_wwb_norms_get_cost_sharing_norm(
                self._ptr(), _bytes(_date_text(date)), int(cost_sharers), int(bool(pension_age)),
                ctypes.byref(cents), err)
        return cents.value

    def cost_sharer_age(self, date):
        """The age from which a housemate is a cost-sharer (21 until 2022, 27 from 2023)."""
        age = ctypes.c_int()
        with ErrorBuffer() as err:
            lib.anker_wwb_norms_get_cost_sharer_age(self._ptr(), _bytes(_date_text(date)),
                                                    ctypes.byref(age), err)
        return age.value

    def asset_limit_cents(self, date, name):
        """The asset limit "single", "family" or "home_equity" in force on date."""
        cents = ctypes.c_longlong()
        with ErrorBuffer() as err:
            lib.anker_wwb_norms_get_asset_limit(self._ptr(), _bytes(_date_text(date)),
                                                _bytes(name), ctypes.byref(cents), err)
        return cents.value

    def pension_age(self, birth_date):
        """(years, months, day reached) of the state pension age for a date of birth."""
        years, months = ctypes.c_int(), ctypes.c_int()
        day = ctypes.create_string_buffer(_lib.constant("ANKER_WWB_DATE_SIZE"))
        with ErrorBuffer() as err:
            lib.anker_wwb_norms_get_pension_age(self._ptr(), _bytes(_date_text(birth_date)),
                                                ctypes.byref(years), ctypes.byref(months), day,
                                                err)
        return years.value, months.value, day.value.decode()

    def _evaluate_handle(self, household, date):
        result = _lib.wwb_result_p()
        with ErrorBuffer() as err:
            lib.anker_wwb_evaluate(self._ptr(), household, _bytes(_date_text(date)), err,
                                   ctypes.byref(result))
        try:
            return _copy_result(result)
        finally:
            lib.anker_wwb_result_free(result)

    def evaluate(self, household, date=None, name="<household>"):
        """The toets for one household: a dict, or its JSON text. date overrides its reference_date."""
        text = household if isinstance(household, (str, bytes)) else json.dumps(household)
        data = text.encode("utf-8") if isinstance(text, str) else text
        handle = _lib.wwb_household_p()
        with ErrorBuffer() as err:
            lib.anker_wwb_household_parse(self._context._ptr(), data, len(data), _bytes(name),
                                          err, ctypes.byref(handle))
        try:
            return self._evaluate_handle(handle, date)
        finally:
            lib.anker_wwb_household_free(handle)

    def evaluate_fields(self, fields, date=None):
        """The toets for one household given as flat fields (a mapping; see FIELDS)."""
        items = [(k, "" if v is None else str(v)) for k, v in fields.items()]
        names = (ctypes.c_char_p * len(items))(*[_bytes(k) for k, _ in items])
        values = (ctypes.c_char_p * len(items))(*[_bytes(v) for _, v in items])
        handle = _lib.wwb_household_p()
        with ErrorBuffer() as err:
            lib.anker_wwb_household_from_fields(self._context._ptr(), names, values, len(items),
                                                err, ctypes.byref(handle))
        try:
            return self._evaluate_handle(handle, date)
        finally:
            lib.anker_wwb_household_free(handle)

    def evaluate_frame(self, frame, date=None, id_column=None):
        """The toets for every row of a DataFrame whose columns are FIELDS (any subset).

        Returns a DataFrame with the same index and the columns verdict,
        household_type, norm_name, cost_sharers, loan, routes (joined by ";"),
        one <amount>_cents column per amount (nullable integers) and missing
        (joined by ";"); id_column, when given, is copied first. Missing values
        (NaN, None) are absent fields. An AnkerError names the row.
        """
        import pandas as pd

        from ._errors import AnkerError

        columns = [c for c in frame.columns if c != id_column]
        unknown = [c for c in columns if c not in FIELDS]
        if unknown:
            raise AnkerError.at(_lib.constant("ANKER_E_UNKNOWN_KEY"),
                                "no household field (see anker.wwb.FIELDS)", field=unknown[0])
        rows = []
        for position, (label, row) in enumerate(frame.iterrows()):
            fields = {c: ("" if pd.isna(row[c]) else _field_text(row[c])) for c in columns}
            try:
                r = self.evaluate_fields(fields, date)
            except AnkerError as e:
                raise AnkerError(e.code, "row %r (position %d): %s" % (label, position, e.message),
                                 text=e.text, file=e.file, path=e.path, field=e.field,
                                 case_index=position, row_label=label) from None
            out = {"verdict": r.verdict, "household_type": r.household_type,
                   "norm_name": r.norm_name, "cost_sharers": r.cost_sharers, "loan": r.loan,
                   "routes": ";".join(r.routes), "missing": ";".join(r.missing)}
            for name in AMOUNTS:
                out[name + "_cents"] = r.amounts[name]
            if id_column is not None:
                out = {id_column: row[id_column], **out}
            rows.append(out)
        result = pd.DataFrame(rows, index=frame.index)
        for name in AMOUNTS:
            result[name + "_cents"] = result[name + "_cents"].astype("Int64")
        result["cost_sharers"] = result["cost_sharers"].astype("Int64")
        return result


def _field_text(value):
    """A cell as the flat field's text: dates as YYYY-MM-DD, whole floats without ".0"."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
