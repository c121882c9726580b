# SPDX-License-Identifier: GPL-3.0-or-later
"""Override figures from a file of assessment records (include/anker/overrides.h).

    import anker
    ov = anker.overrides("records.jsonl")
    ov.records, ov.decided, ov.undecided, ov.overridden, ov.rate
    ov.per_advice, ov.per_rule, ov.matrix, ov.reasons          # DataFrames
    ov.invited_anyway                                          # Werkverkenner, or None

The records are counted, not verified: run anker.verify(path) first.
Definitions: docs/evaluation.md, "Overrides".
"""

import ctypes
import math
import os

import pandas as pd

from ._errors import ErrorBuffer
from ._lib import constant, lib, overrides_p
from .context import default_context

# The Werkverkenner's advice field and values (docs/werkverkenner.md).
WV_FIELD, WV_NOT_INVITED, WV_INVITED = "uitnodiging", "niet_uitnodigen", "uitnodigen"


def _rate(part, whole):
    return part / whole if whole else math.nan


def _decode(p):
    return None if p is None else p.decode("utf-8")


class Overrides:
    """The figures of anker.overrides().

    profile (id), records, decided, undecided, overridden (ints), rate (overridden /
    decided, NaN without decisions); per_advice and per_rule (DataFrames: advice or
    rule, records, decided, overridden, rate); matrix (field, advised, decided, count,
    share: count over the decided records with that advised value); reasons (code,
    label, count, overridden); invited_anyway: for records with the Werkverkenner's
    advice field "uitnodiging", a dict (count, of, share) of the decided records
    advised "niet_uitnodigen" (chance above 50%) that were invited anyway; else None.
    """

    def __init__(self, handle):
        count = lambda which: lib.anker_overrides_get_count(handle, constant(which))
        self.profile = lib.anker_overrides_get_profile_id(handle)
        self.records = count("ANKER_OVERRIDES_RECORDS")
        self.decided = count("ANKER_OVERRIDES_DECIDED")
        self.undecided = count("ANKER_OVERRIDES_UNDECIDED")
        self.overridden = count("ANKER_OVERRIDES_OVERRIDDEN")
        self.rate = _rate(self.overridden, self.decided)
        self.per_advice = self._advice(handle, "ANKER_OVERRIDES_BY_VALUES", "advice")
        self.per_rule = self._advice(handle, "ANKER_OVERRIDES_BY_RULE", "rule")
        self.matrix = self._matrix(handle)
        self.reasons = self._reasons(handle)
        high = self.matrix[(self.matrix.field == WV_FIELD) & (self.matrix.advised == WV_NOT_INVITED)]
        if len(high):
            invited = int(high[high.decided == WV_INVITED]["count"].sum())
            of = int(high["count"].sum())
            self.invited_anyway = {"count": invited, "of": of, "share": _rate(invited, of)}
        else:
            self.invited_anyway = None

    @staticmethod
    def _advice(handle, by, key_name):
        by = constant(by)
        rows = []
        key, n = ctypes.c_char_p(), [ctypes.c_size_t() for _ in range(3)]
        for i in range(lib.anker_overrides_get_advice_count(handle, by)):
            lib.anker_overrides_get_advice(handle, by, i, ctypes.byref(key),
                                           *[ctypes.byref(x) for x in n])
            records, decided, overridden = (x.value for x in n)
            rows.append((_decode(key.value), records, decided, overridden,
                         _rate(overridden, decided)))
        return pd.DataFrame(rows, columns=[key_name, "records", "decided", "overridden", "rate"])

    @staticmethod
    def _matrix(handle):
        rows = []
        texts, n = [ctypes.c_char_p() for _ in range(3)], ctypes.c_size_t()
        for i in range(lib.anker_overrides_get_cell_count(handle)):
            lib.anker_overrides_get_cell(handle, i, *[ctypes.byref(t) for t in texts],
                                         ctypes.byref(n))
            rows.append(tuple(_decode(t.value) for t in texts) + (n.value,))
        df = pd.DataFrame(rows, columns=["field", "advised", "decided", "count"])
        totals = df.groupby(["field", "advised"])["count"].transform("sum")
        df["share"] = df["count"] / totals
        return df

    @staticmethod
    def _reasons(handle):
        rows = []
        code, n, over = ctypes.c_char_p(), ctypes.c_size_t(), ctypes.c_size_t()
        for i in range(lib.anker_overrides_get_reason_count(handle)):
            lib.anker_overrides_get_reason(handle, i, ctypes.byref(code), ctypes.byref(n),
                                           ctypes.byref(over))
            rows.append((_decode(code.value), lib.anker_overrides_get_reason_label(handle, i, b"en"),
                         n.value, over.value))
        return pd.DataFrame(rows, columns=["code", "label", "count", "overridden"])

    def __repr__(self):
        return "<anker.Overrides %s: %d records, %d decided, %d overridden>" % (
            self.profile, self.records, self.decided, self.overridden)


def overrides(path, *, context=None):
    """The override figures of a JSON Lines file of assessment records (one profile,
    format 2). Raises AnkerError naming the file, line and field of a malformed record.
    The records are counted, not verified: run anker.verify(path) first."""
    raw = os.fsencode(path)
    if b"\0" in raw:
        raise ValueError("the path %r holds a NUL character" % (os.fspath(path),))
    handle = overrides_p()
    context = context or default_context()
    with ErrorBuffer() as err:
        lib.anker_overrides_read_file(context._ptr(), raw, ctypes.byref(handle), err)
    try:
        return Overrides(handle)
    finally:
        lib.anker_overrides_free(handle)
