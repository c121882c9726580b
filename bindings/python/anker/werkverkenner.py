# SPDX-License-Identifier: GPL-3.0-or-later
"""The Werkverkenner: chance of work within a year, invitation, factor diagnosis, month 7.

    wv = anker.Werkverkenner("data/profiles/demo-werkverkenner.json")
    r = wv.assess(answers)              # a WerkverkennerResult
    r.chance, r.band, r.advice, r.factors, r.missing_items
    m7 = wv.assess(current_answers, first=r.record())   # the month-7 re-estimate
    m7.followup["flag"]
    wv.assess_frame(intake)             # a DataFrame, the columns of `anker werkverkenner --in`

See docs/werkverkenner.md. Answers are personal data: nothing here logs them.
"""

import ctypes
import json
import math

from . import _lib
from ._errors import ErrorBuffer
from ._lib import lib
from .assess import Profile

FACTOR_TYPES = {0: None, 1: "hard", 2: "soft"}


def _scale_label(model, output, lang):
    text = lib.anker_model_get_output_text(model._handle, output, lang.encode())
    return text.rsplit(":", 1)[0] if text else None


class WerkverkennerResult:
    """One client's Werkverkenner: the assessment and what anker werkverkenner shows of it."""

    def __init__(self, wv, assessment, lang):
        self._wv = wv
        self.assessment = assessment
        self.lang = lang
        handle = assessment._handle
        est = wv.estimate
        res = lib.anker_assessment_get_result(handle, est)
        self.completed = bool(lib.anker_result_get_model(res))
        self.chance = lib.anker_result_get_probability(res) if self.completed else math.nan
        self.band = lib.anker_result_get_band_name(res) if self.completed else None
        advice = assessment.advice
        self.rule = advice.pop("rule")
        self.advice = advice
        self.missing_items = self._missing(handle, est)
        self.factors = self._factors(handle, est) if self.completed else []
        f = _lib.anker_followup()
        self.followup = None
        if lib.anker_assessment_get_followup(handle, ctypes.byref(f)) == 0:
            bands = wv.band_names
            self.followup = {
                "first_chance": f.first_chance, "first_band": bands[f.first_band],
                "chance": f.chance, "band": bands[f.band] if f.band >= 0 else None,
                "drop": f.drop, "drop_threshold": f.threshold,
                "band_drop": bool(f.band_drop), "flag": bool(f.flag)}

    def _missing(self, handle, est):
        n = ctypes.c_size_t()
        lib.anker_assessment_get_missing_items(handle, est, None, 0, ctypes.byref(n))
        names = (ctypes.c_char_p * max(n.value, 1))()
        lib.anker_assessment_get_missing_items(handle, est, names, n.value, ctypes.byref(n))
        return [names[i].decode() for i in range(n.value)]

    def _factors(self, handle, est):
        n = ctypes.c_size_t()
        with ErrorBuffer() as err:
            lib.anker_assessment_diagnose(handle, est, None, 0, ctypes.byref(n), err)
        pulls = (_lib.anker_factor_pull * max(n.value, 1))()
        with ErrorBuffer() as err:
            lib.anker_assessment_diagnose(handle, est, pulls, n.value, ctypes.byref(n), err)
        out = []
        for p in pulls[:n.value]:
            model = self._wv._models[p.instrument]
            name = model.outputs[p.output].name
            out.append({
                "name": name[:-len("_score")] if name.endswith("_score") else name,
                "label": _scale_label(model, p.output, self.lang),
                "say": lib.anker_model_get_output_factor_text(model._handle, p.output,
                                                              self.lang.encode()),
                "type": FACTOR_TYPES[p.type],
                "score": p.score, "pull": p.pull})
        return out

    @property
    def lowering(self):
        """The factors that lower the chance, largest pull first."""
        return [f for f in self.factors if f["pull"] < 0]

    def record(self):
        """The assessment record, canonical JSON text."""
        return self.assessment.record()

    def decide(self, **kwargs):
        """The adviser's decision, as Assessment.decide(); returns the record (a dict)."""
        return self.assessment.decide(**kwargs)

    def row(self, top=3, followup=False):
        """The result as `anker werkverkenner --in` writes a row of it (a dict)."""
        row = {"completed": self.completed, "chance": self.chance, "band": self.band}
        row.update(self.advice)
        row["rule"] = self.rule
        row["missing_items"] = " ".join(self.missing_items) or None
        low = self.lowering
        for k in range(top):
            row["factor_%d" % (k + 1)] = low[k]["name"] if k < len(low) else None
            row["factor_%d_type" % (k + 1)] = low[k]["type"] if k < len(low) else None
        if followup:
            f = self.followup or {}
            row["first_chance"] = f.get("first_chance", math.nan)
            row["first_band"] = f.get("first_band")
            row["drop"] = f.get("drop", math.nan)
            row["flag"] = f.get("flag")
        return row

    def close(self):
        self.assessment.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class Werkverkenner:
    """A Werkverkenner profile: a questionnaire of factors, a chained binary estimate (the
    profile's "followup" instrument) and an invitation rule table."""

    def __init__(self, profile):
        self.profile = profile if isinstance(profile, Profile) else Profile.load(profile)
        est = ctypes.c_size_t()
        first = ctypes.c_char_p()
        thr = ctypes.c_double()
        if lib.anker_profile_get_followup(self.profile._handle, ctypes.byref(est),
                                          ctypes.byref(first), ctypes.byref(thr)) < 0:
            raise ValueError("profile %s has no \"followup\": no estimate to show"
                             % self.profile.id)
        self.estimate = est.value
        self.first_variable = first.value.decode()
        self.drop_threshold = thr.value
        self._models = list(self.profile.instruments.values())
        model = self._models[self.estimate]
        band = next(o for o in model.outputs if o.name == "band")
        self.band_names = [name for name, _ in band.levels]

    def close(self):
        self.profile.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _first_chance(self, first):
        """A first estimate: a chance, or the first record (dict or JSON text)."""
        if first is None or isinstance(first, (int, float)):
            return first, None
        record = json.loads(first) if isinstance(first, (str, bytes)) else first
        alias = list(self.profile.instruments)[self.estimate]
        ins = next(i for i in record["instruments"] if i["alias"] == alias)
        return ins["outputs"].get("probability"), record["sha256"]

    def assess(self, answers, *, first=None, lang="nl", case_id=None):
        """Assess one client's answers (a mapping). With first (the first record, or a
        chance), the month-7 re-estimate; a first record also chains the new record."""
        if lang not in ("nl", "en"):
            raise ValueError("lang is 'nl' or 'en'")
        values = dict(answers)
        chance, previous = self._first_chance(first)
        if chance is not None:
            values[self.first_variable] = chance
        a = self.profile.assess(values, case_id=case_id, previous=previous)
        return WerkverkennerResult(self, a, lang)

    def assess_frame(self, df, *, id_column="id", top=3):
        """Assess every row of a DataFrame (NaN and None are missing answers): a DataFrame
        with the columns of `anker werkverkenner --in` (without "id", the index is kept)."""
        import pandas as pd
        columns = [c for c in df.columns if c != id_column]
        followup = self.first_variable in columns
        rows = []
        for values in df[columns].itertuples(index=False, name=None):
            case = {c: (None if _missing(v) else v) for c, v in zip(columns, values)}
            with self.assess(case) as r:
                rows.append(r.row(top, followup))
        return pd.DataFrame(rows, index=df.index)


def _missing(v):
    return v is None or (isinstance(v, float) and math.isnan(v))
