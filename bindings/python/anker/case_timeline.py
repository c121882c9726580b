# SPDX-License-Identifier: GPL-3.0-or-later
"""The case timeline: the WW end date and every deadline, from WW start to sluitende aanpak.

    import anker
    t = anker.timeline(ww_start="2024-01-31", birth="1990-05-15",
                       years_before_2016=8, years_from_2016=6)
    t.ww_end, t["monitorgesprek"].date, t["monitorgesprek"].source
    t.frame()                     # one row per deadline
    anker.timeline_frame(cases)   # one row per case, one column per deadline

Dates are datetime.date (strings "YYYY-MM-DD" are accepted). The pension-age
table comes from norms (an anker.WwbNorms or a directory); by default from
ANKER_NORMS_DIR, else data/norms of the source tree, else the installed
share/anker/norms. See docs/timeline.md.
"""

import ctypes
import datetime
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Tuple

from . import _lib
from ._errors import AnkerError, ErrorBuffer
from ._lib import lib
from .context import default_context
from .wwb import WwbNorms, _bytes, _date_text, _names

FIELDS = _names(lib.anker_timeline_field_name)
"""The fields of a case (the columns of timeline_frame and `anker timeline --in`)."""

RULES = _names(lib.anker_timeline_rule_name)
"""Every rule id a timeline may hold, in a fixed order (the deadline columns of timeline_frame)."""

_DUTCH = _lib.constant("ANKER_WWB_DUTCH")
_ENGLISH = _lib.constant("ANKER_WWB_ENGLISH")


def _date(text):
    return datetime.date.fromisoformat(text) if text else None


@dataclass(frozen=True)
class Deadline:
    """One deadline: its rule id, date, labels in Dutch and English, and its source."""

    rule: str
    date: datetime.date
    nl: str
    en: str
    source: str

    def label(self, language="nl"):
        return self.en if language == "en" else self.nl


@dataclass(frozen=True)
class Timeline:
    """A case's timeline (a plain copy of struct anker_timeline).

    ww_end is the first day without WW; ww_last_day the day before it.
    pension_date is None when the pension-age table only says it is later.
    """

    ww_start: datetime.date
    ww_end: datetime.date
    ww_last_day: datetime.date
    duration_months: float
    capped: bool
    pension_date: Optional[datetime.date]
    deadlines: Tuple[Deadline, ...]
    json_text: str

    def __getitem__(self, rule):
        for d in self.deadlines:
            if d.rule == rule:
                return d
        raise KeyError(rule)

    def __contains__(self, rule):
        return any(d.rule == rule for d in self.deadlines)

    def to_dict(self):
        """The canonical JSON of `anker timeline --json`, as a dict."""
        return json.loads(self.json_text)

    def frame(self, language="nl"):
        """The deadlines as a DataFrame: rule, date (datetime64), label, source."""
        import pandas as pd

        return pd.DataFrame({
            "rule": [d.rule for d in self.deadlines],
            "date": pd.to_datetime([d.date for d in self.deadlines]),
            "label": [d.label(language) for d in self.deadlines],
            "source": [d.source for d in self.deadlines],
        })


def _copy(handle):
    size = ctypes.c_size_t()
    lib.anker_timeline_write_json(handle, None, 0, ctypes.byref(size), None)
    buf = ctypes.create_string_buffer(size.value + 1)
    with ErrorBuffer() as err:
        _lib.check_status(lib.anker_timeline_write_json(handle, buf, len(buf),
                                                        ctypes.byref(size), err),
                          lib.anker_timeline_write_json, ())
    deadlines = tuple(
        Deadline(lib.anker_timeline_get_rule(handle, i), _date(lib.anker_timeline_get_date(handle, i)),
                 lib.anker_timeline_get_label(handle, i, _DUTCH),
                 lib.anker_timeline_get_label(handle, i, _ENGLISH),
                 lib.anker_timeline_get_source(handle, i))
        for i in range(lib.anker_timeline_get_count(handle)))
    return Timeline(
        ww_start=_date(lib.anker_timeline_get_ww_start(handle)),
        ww_end=_date(lib.anker_timeline_get_ww_end(handle)),
        ww_last_day=_date(lib.anker_timeline_get_ww_last_day(handle)),
        duration_months=lib.anker_timeline_get_duration_months(handle),
        capped=bool(lib.anker_timeline_get_capped(handle)),
        pension_date=_date(lib.anker_timeline_get_pension_date(handle)),
        deadlines=deadlines, json_text=buf.value.decode("utf-8"))


_default = {}


def default_norms_dir():
    """ANKER_NORMS_DIR, else the source tree's data/norms, else <prefix>/share/anker/norms."""
    if os.environ.get("ANKER_NORMS_DIR"):
        return os.environ["ANKER_NORMS_DIR"]
    tree = Path(__file__).resolve().parents[3] / "data" / "norms"
    if (tree / "pension-age.json").is_file():
        return str(tree)
    return os.path.join(sys.prefix, "share", "anker", "norms")


def _norms(norms):
    if isinstance(norms, WwbNorms):
        return norms
    path = norms or default_norms_dir()
    if path not in _default:
        _default[path] = WwbNorms(path)
    return _default[path]


def _handle_to_timeline(call):
    handle = _lib.timeline_p()
    with ErrorBuffer() as err:
        call(err, ctypes.byref(handle))
    try:
        return _copy(handle)
    finally:
        lib.anker_timeline_free(handle)


def timeline(ww_start, birth, years_before_2016=None, years_from_2016=None, max_months=None,
             norms=None, context=None):
    """The timeline of one case: the work history (both year counts) or max_months.

    Raises anker.AnkerError naming the field for a date that does not exist, a
    birth date after the WW start, years out of range, and so on.
    """
    n = _norms(norms)
    ctx = (context or default_context())._ptr()
    start, born = _bytes(_date_text(ww_start)), _bytes(_date_text(birth))
    history = years_before_2016 is not None or years_from_2016 is not None
    if history == (max_months is not None):
        raise AnkerError.at(_lib.constant("ANKER_E_INVALID_ARGUMENT"),
                            "give years_before_2016 and years_from_2016, or max_months",
                            field="max_months")
    if max_months is not None:
        return _handle_to_timeline(lambda err, ret: lib.anker_timeline_new_max_months(
            ctx, n._ptr(), start, born, float(max_months), err, ret))
    if years_before_2016 is None or years_from_2016 is None:
        missing = "years_before_2016" if years_before_2016 is None else "years_from_2016"
        raise AnkerError.at(_lib.constant("ANKER_E_MISSING_KEY"), "is required", field=missing)
    return _handle_to_timeline(lambda err, ret: lib.anker_timeline_new(
        ctx, n._ptr(), start, born, int(years_before_2016), int(years_from_2016), err, ret))


def timeline_fields(fields, norms=None, context=None):
    """The timeline of one case given as flat text fields (a mapping; see FIELDS)."""
    n = _norms(norms)
    items = [(k, "" if v is None else _field_text(v)) for k, v in fields.items()]
    names = (ctypes.c_char_p * len(items))(*[_bytes(k) for k, _ in items])
    values = (ctypes.c_char_p * len(items))(*[_bytes(v) for _, v in items])
    ctx = (context or default_context())._ptr()
    return _handle_to_timeline(lambda err, ret: lib.anker_timeline_from_fields(
        ctx, n._ptr(), names, values, len(items), err, ret))


def _field_text(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def timeline_frame(frame, norms=None, id_column=None, context=None):
    """The timeline of every row of a DataFrame whose columns are FIELDS (any subset).

    Returns a DataFrame with the same index and the columns ww_last_day,
    duration_months, capped, pension_date (datetime64, NaT when unknown), then
    one datetime64 column per rule of RULES, ww_end among them (NaT when it
    does not apply); id_column, when given, is copied first. Missing cells (NaN, None)
    are absent fields. An AnkerError names the row and the field.
    """
    import pandas as pd

    columns = [c for c in frame.columns if c != id_column]
    unknown = [c for c in columns if c not in FIELDS]
    if unknown:
        raise AnkerError.at(_lib.constant("ANKER_E_UNKNOWN_KEY"),
                            "no timeline field (see anker.timeline_fields)", field=unknown[0])
    rows = []
    for position, (label, row) in enumerate(frame.iterrows()):
        fields = {c: ("" if pd.isna(row[c]) else row[c]) for c in columns}
        try:
            t = timeline_fields(fields, norms, context)
        except AnkerError as e:
            raise AnkerError(e.code, "row %r (position %d): %s" % (label, position, e.message),
                             text=e.text, file=e.file, path=e.path, field=e.field,
                             case_index=position, row_label=label) from None
        out = {"ww_last_day": t.ww_last_day,
               "duration_months": t.duration_months, "capped": t.capped,
               "pension_date": t.pension_date}
        dates = {d.rule: d.date for d in t.deadlines}
        for rule in RULES:
            out[rule] = dates.get(rule)
        if id_column is not None:
            out = {id_column: row[id_column], **out}
        rows.append(out)
    result = pd.DataFrame(rows, index=frame.index,
                          columns=([id_column] if id_column is not None else [])
                          + ["ww_last_day", "duration_months", "capped", "pension_date"] + RULES)
    for column in ["ww_last_day", "pension_date"] + RULES:
        result[column] = pd.to_datetime(result[column])
    return result
