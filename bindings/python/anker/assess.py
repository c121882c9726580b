# SPDX-License-Identifier: GPL-3.0-or-later
"""The ANKER assessment: profiles, the eerste advies, the decision and the record.

    profile = anker.Profile.load("data/profiles/demo-anker.json")
    a = profile.assess({"age": 48, ...})
    a.advice            # {"service": "intensive", "fase": "3", "route": "B", "rule": ...}
    record = a.decide(actor_id="coach-17", actor_role="werkcoach",
                      time="2027-03-01T10:15:00+01:00")
    anker.verify("records.jsonl")  # or anker.verify("records.jsonl", profile)

See docs/assessment.md. Records hold personal data: nothing here logs them.
"""

import ctypes
import json
import os

import numpy as np

from . import _lib
from ._errors import AnkerError, ErrorBuffer, Status
from ._lib import lib
from .context import default_context
from .model import Model, _name_bytes, _no_nul, _set_value

ASSESS_IGNORE_EXTRA = 1


def _text(value, what):
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError("%s must be str, not %s" % (what, type(value).__name__))
    return _no_nul(value.encode("utf-8"), what)


class Profile(_lib.OwnsHandles):
    """A loaded assessment profile (struct anker_profile): instruments, rule table, reasons."""

    def __init__(self, *args, **kwargs):
        raise TypeError("use anker.Profile.load(path)")

    @classmethod
    def load(cls, path, *, context=None):
        """Load a profile and every file it names; raises AnkerError naming file and JSON path."""
        raw = _no_nul(os.fsencode(path), "the path %r" % (os.fspath(path),))
        context = context or default_context()
        handle = _lib.profile_p()
        with ErrorBuffer() as err:
            lib.anker_profile_load_file(context._ptr(), raw, err, ctypes.byref(handle))
        self = object.__new__(cls)
        self._handle = handle
        self._context = context
        n = lib.anker_profile_get_instrument_count(handle)
        # the models stay the profile's; each Model holds its own reference
        self.instruments = {}
        for i in range(n):
            model = lib.anker_profile_get_instrument(handle, i)
            self.instruments[lib.anker_profile_get_instrument_alias(handle, i)] = \
                Model._adopt(lib.anker_model_ref(model), context)
        self.rules = Model._adopt(lib.anker_model_ref(lib.anker_profile_get_rules(handle)),
                                  context)
        self.id = lib.anker_profile_get_id(handle)
        self.version = lib.anker_profile_get_version(handle)
        self.sha256 = lib.anker_profile_get_sha256(handle)
        # the WWB-toets instrument's alias ("WWB"), or None: the case gives the household as
        # "WWB.<field>" values and the rule table reads "WWB.verdict" and the like
        self.wwb_alias = lib.anker_profile_get_wwb_alias(handle)
        self.reasons = {
            lib.anker_profile_get_reason_code(handle, i): {
                "nl": lib.anker_profile_get_reason_label(handle, i, b"nl"),
                "en": lib.anker_profile_get_reason_label(handle, i, b"en")}
            for i in range(lib.anker_profile_get_reason_count(handle))}
        self._variables = {}
        for model in self.instruments.values():
            for var in model.variables:
                self._variables.setdefault(var.name, var)
        return self

    def close(self):
        handle, self._handle = getattr(self, "_handle", None), None
        for model in getattr(self, "instruments", {}).values():
            model.close()
        if getattr(self, "rules", None) is not None:
            self.rules.close()
        if handle:
            lib.anker_profile_unref(handle)

    def __repr__(self):
        return "<anker.Profile %s %s: %s>" % (self.id, self.version, ", ".join(self.instruments))

    def assess(self, values, *, ignore_extra=False, case_id=None, previous=None):
        """Assess one case (a mapping of variable name to value, as Model.score_case takes):
        every instrument scores it and the rule table gives the advice. Returns an Assessment."""
        ctx = self._context._ptr()
        case = _lib.case_p()
        lib.anker_case_new(ctx, ctypes.byref(case))
        handle = _lib.assessment_p()
        try:
            for name, value in values.items():
                var = self._variables.get(name)
                # 0 and 1 for a boolean variable are recorded as false and true, as the
                # anker program reads them from a CSV column, so that both write one record
                if (var is not None and var.kind == "boolean" and not isinstance(value, bool)
                        and isinstance(value, (int, float, np.integer, np.floating))
                        and value in (0, 1)):
                    value = bool(value)
                _set_value(case, _name_bytes(name), name, value, var)
            with ErrorBuffer() as err:
                lib.anker_profile_assess(self._handle, case,
                                         ASSESS_IGNORE_EXTRA if ignore_extra else 0,
                                         ctypes.byref(handle), err)
        finally:
            lib.anker_case_free(case)
        a = Assessment(self, handle)
        if case_id is not None:
            lib.anker_assessment_set_case_id(handle, _text(case_id, "case_id"))
        if previous is not None:
            lib.anker_assessment_set_previous(handle, _text(previous, "previous"))
        return a

    def assess_frame(self, df, *, id_column="id", ignore_extra=False):
        """Assess every row of a pandas DataFrame (advice only). Returns a DataFrame with one
        column per advice field, "rule", and "record" (the canonical JSON record)."""
        import pandas as pd
        fields = [self.rules.outputs[i].name for i in range(len(self.rules.outputs))]
        rows = []
        columns = [c for c in df.columns if c != id_column]
        ids = df[id_column] if id_column in df.columns else None
        for i, values in enumerate(df[columns].itertuples(index=False, name=None)):
            case = {c: v for c, v in zip(columns, values)}
            case_id = None if ids is None else str(ids.iloc[i])
            with self.assess(case, ignore_extra=ignore_extra, case_id=case_id) as a:
                advice = a.advice
                rows.append([advice[f] for f in fields] + [a.record()])
        return pd.DataFrame(rows, columns=fields + ["record"], index=df.index)

    def verify(self, record, previous=None):
        """Verify one record (str, bytes or dict); raises AnkerError (VERIFY, with the path)."""
        if isinstance(record, dict):
            record = json.dumps(record, sort_keys=True, separators=(",", ":"),
                                ensure_ascii=False)
        if isinstance(record, str):
            record = record.encode("utf-8")
        with ErrorBuffer() as err:
            lib.anker_profile_verify_record(self._handle, record, len(record),
                                            _text(previous, "previous"), err)


class Assessment(_lib.OwnsHandles):
    """One assessed case: the instruments' outputs, the advice, and once given, the decision."""

    def __init__(self, profile, handle):
        self._profile = profile
        self._handle = handle

    def close(self):
        handle, self._handle = getattr(self, "_handle", None), None
        if handle:
            lib.anker_assessment_free(handle)

    @property
    def advice(self):
        """The advice: {field: level name}, with "rule" the id of the rule that fired."""
        rules = self._profile.rules
        return {o.name: lib.anker_assessment_get_advice_value(self._handle, o.name.encode())
                for o in rules.outputs}

    @property
    def explanation(self):
        """Per rule, in order: (rule id, detail text), why it fired, did not match or was not
        evaluated."""
        res = lib.anker_assessment_get_advice(self._handle)
        n = lib.anker_result_get_contribution_count(res)
        rules = self._profile.rules
        return [(rules.contributions[i].name, lib.anker_result_get_contribution_detail(res, i))
                for i in range(n)]

    def decide(self, *, actor_id, actor_role, time, values=None, reason_code=None,
               reason_text=None):
        """Record the professional's decision. values maps advice fields to the decided level
        (fields left out keep the advice); a deviation needs a reason_code of the profile.
        Returns the record (a dict)."""
        values = values or {}
        n = len(values)
        fields = (ctypes.c_char_p * max(n, 1))(*[_text(k, "a field") for k in values])
        levels = (ctypes.c_char_p * max(n, 1))(*[_text(v, "a value") for v in values.values()])
        with ErrorBuffer() as err:
            lib.anker_assessment_decide(self._handle, n, fields, levels,
                                        _text(actor_id, "actor_id"),
                                        _text(actor_role, "actor_role"), _text(time, "time"),
                                        _text(reason_code, "reason_code"),
                                        _text(reason_text, "reason_text"), err)
        return json.loads(self.record())

    def record(self):
        """The assessment record, canonical JSON text (str)."""
        size = ctypes.c_size_t()
        lib.anker_assessment_write_record(self._handle, None, 0, ctypes.byref(size), None)
        buf = ctypes.create_string_buffer(size.value + 1)
        with ErrorBuffer() as err:
            r = lib.anker_assessment_write_record(self._handle, buf, size.value + 1,
                                                  ctypes.byref(size), err)
            if r < 0:
                raise err.to_exception(r)
        return buf.raw[:size.value].decode("utf-8")


def verify(path, profile=None, *, context=None):
    """Verify a JSON Lines file of records; returns how many verified.

    With no profile, the profile the first record names (file name, id, SHA-256) is
    looked for next to the records file, in the current directory, in the directories
    of ANKER_PROFILE_PATH and among the installed profiles; AnkerError NOT_FOUND lists
    the places tried when none matches. Raises AnkerError VERIFY naming the record
    (case_index, line) and the field's JSON path."""
    if profile is not None and not isinstance(profile, Profile):
        raise TypeError("verify(path, profile): profile is an anker.Profile")
    raw = _no_nul(os.fsencode(path), "the path %r" % (os.fspath(path),))
    count = ctypes.c_size_t()
    with ErrorBuffer() as err:
        if profile is None:
            context = context or default_context()
            lib.anker_verify_file(context._ptr(), raw, ctypes.byref(count), err)
        else:
            lib.anker_profile_verify_file(profile._handle, raw, ctypes.byref(count), err)
    return count.value
