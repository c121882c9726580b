# SPDX-License-Identifier: GPL-3.0-or-later
"""The outcome of scoring: one case (CaseResult) or many (ScoreArrays, ScoreSummary)."""

import enum
import math
from dataclasses import dataclass
from typing import Mapping, NamedTuple, Optional, Tuple

import numpy as np

from . import _lib
from ._lib import lib


class ValueFlag(enum.IntFlag):
    """What the model did to a value before scoring it (enum anker_value_flags).

    Per variable, or OR-ed over a case's variables; 0 when every value was used as given.
    """

    __module__ = "anker"

    MISSING = _lib.VALUE_FLAG_MISSING  # the value was missing, and the policy resolved it
    IMPUTED = _lib.VALUE_FLAG_IMPUTED  # a missing value was replaced by the imputation value
    CLAMPED = _lib.VALUE_FLAG_CLAMPED  # a value outside the range was moved to the nearer bound


class ValueCounts(NamedTuple):
    """How many values of one variable were missing, imputed and clamped."""
    missing: int
    imputed: int
    clamped: int


@dataclass(frozen=True)
class ScoreSummary:
    """What one Model.score() or score_arrays() call scored with, and what it did to values.

    model_id, model_version, sha256: the model. cases: the rows scored; failed:
    those that got no score (errors="coerce"). absent: the variables declared
    absent (absent=), in model order; ignored: the columns skipped under
    ignore_extra=True; strict: strict=True was given. counts: per variable, in
    model order, a ValueCounts of how many values were missing, imputed and
    clamped (failed rows included: a row that fails for one variable still
    counts for the others). A missing value that the "level" policy maps to
    the variable's missing level counts as missing, not imputed.
    """
    model_id: str
    model_version: str
    sha256: str
    cases: int
    failed: int
    absent: Tuple[str, ...]
    ignored: Tuple[str, ...]
    strict: bool
    counts: Mapping[str, ValueCounts]

    def to_dict(self):
        """A JSON-ready dict; what a scored DataFrame holds in .attrs["anker"]."""
        return {
            "model": {"id": self.model_id, "version": self.model_version,
                      "sha256": self.sha256},
            "cases": self.cases,
            "failed": self.failed,
            "absent": list(self.absent),
            "ignored": list(self.ignored),
            "strict": self.strict,
            "counts": {name: c._asdict() for name, c in self.counts.items()},
        }

    @classmethod
    def from_dict(cls, d):
        """The ScoreSummary of a to_dict() (e.g. of scores.attrs["anker"])."""
        return cls(d["model"]["id"], d["model"]["version"], d["model"]["sha256"], d["cases"],
                   d["failed"], tuple(d["absent"]), tuple(d["ignored"]), d["strict"],
                   {name: ValueCounts(**c) for name, c in d["counts"].items()})


class TermContribution(NamedTuple):
    """What one term added to the linear predictor for one case."""
    name: str           # the term's machine name, e.g. "ww_duration"
    label: str          # the words a coach says, e.g. "Time on WW so far"
    type: str           # "intercept", "linear", "categorical", "spline", "bins", "interaction"
    contribution: float  # in linear-predictor units (logit or probit)
    detail: str         # what the term saw, e.g. "ww_months = 7"; holds case values


class CaseResult(_lib.OwnsHandles):
    """The outcome of Model.score_case(): chance, band and a per-term explanation.

    contributions maps each term's label to its contribution, in model order;
    they add up to linear_predictor. details maps the same keys to what each term
    saw in the case. Details hold case values: show them to the coach, never
    write them to logs. (A label used by two terms is keyed as "label [name]",
    so that no term is lost.)

    flags says what the model did to the case's values (a ValueFlag, 0 when
    every value was used as given); missing, imputed and clamped name the
    variables concerned.

    The explanation is read from the C result when first asked for; the C
    result is freed by close(), a with block, or the garbage collector.
    """

    __slots__ = ("model", "probability", "linear_predictor", "band_index", "_flags", "_handle",
                 "_model_ref", "_terms", "_variable_flags", "_outputs")

    def __init__(self, model, model_ref, handle):
        # Takes over a C model reference and a filled struct anker_result.
        self.model = model
        self._model_ref = model_ref
        self._handle = handle
        self._terms = None
        self._variable_flags = None
        self._outputs = None
        self.probability = lib.anker_result_get_probability(handle)
        self.linear_predictor = lib.anker_result_get_linear_predictor(handle)
        self.band_index = lib.anker_result_get_band(handle)
        self._flags = lib.anker_result_get_flags(handle)

    def close(self):
        """Free the C result. The explanation stays available if it was read before;
        the value flags always do."""
        if self._flags and self._variable_flags is None and self._handle:
            self._read_variable_flags()  # a few calls, and only when a flag is set
        if self._outputs is None and self._handle:
            self._read_outputs()  # one call per output: they stay available after close()
        handle, self._handle = self._handle, None
        model_ref, self._model_ref = self._model_ref, None
        if handle:
            lib.anker_result_free(handle)
        if model_ref:
            lib.anker_model_unref(model_ref)

    def _read_outputs(self):
        outputs = self._outputs
        if outputs is None:
            handle = self._handle
            outputs = {}
            for output in self.model.outputs:
                if output.type == "level":
                    level = lib.anker_result_get_level(handle, output.index)
                    outputs[output.name] = output.levels[level][0] if level >= 0 else None
                else:
                    outputs[output.name] = lib.anker_result_get_number(handle, output.index)
            self._outputs = outputs
        return outputs

    @property
    def outputs(self):
        """{output name: value} for every output the model declares (Model.outputs), in
        declared order: a float for a number output, the level's name for a level
        output, e.g. {"probability": 0.31, "linear_predictor": -0.8, "band": "moderate"}."""
        return dict(self._read_outputs())

    def output(self, name):
        """The value of the output called name (see outputs); KeyError for no such output."""
        outputs = self._read_outputs()
        try:
            return outputs[name]
        except KeyError:
            raise KeyError("the model %s has no output %r; its outputs are %s"
                           % (self.model.id, name, ", ".join(outputs))) from None

    __getitem__ = output

    @property
    def flags(self):
        """What the model did to the case's values: a ValueFlag, 0 when all were used as given."""
        return ValueFlag(self._flags)

    def _read_variable_flags(self):
        flags = self._variable_flags
        if flags is None:
            if not self._flags:
                flags = {}
            else:
                get = lib.anker_result_get_variable_flags
                handle = self._handle
                flags = {}
                for v in self.model.variables:
                    f = get(handle, v.index)
                    if f:
                        flags[v.name] = ValueFlag(f)
            self._variable_flags = flags
        return flags

    def _flagged(self, flag):
        return tuple(name for name, f in self._read_variable_flags().items() if f & flag)

    @property
    def variable_flags(self):
        """{variable name: ValueFlag} for the variables whose value the model changed or
        resolved, in model order (variables used as given are left out)."""
        return dict(self._read_variable_flags())

    @property
    def missing(self):
        """The variables whose value was missing (the policy resolved it), in model order."""
        return self._flagged(ValueFlag.MISSING)

    @property
    def imputed(self):
        """The variables whose missing value was replaced by the imputation value."""
        return self._flagged(ValueFlag.IMPUTED)

    @property
    def clamped(self):
        """The variables whose value was outside the range and moved to the nearer bound."""
        return self._flagged(ValueFlag.CLAMPED)


    @property
    def terms(self):
        """A TermContribution per term, in model order."""
        terms = self._terms
        if terms is None:
            handle = self._handle
            if not handle:
                raise ValueError("the CaseResult is closed and its explanation was never read")
            get = lib.anker_result_get_contribution
            detail = lib.anker_result_get_contribution_detail
            terms = self._terms = tuple(
                TermContribution(t.name, t.label, t.type, get(handle, i), detail(handle, i))
                for i, t in enumerate(self.model.terms))
        return terms

    def survival(self, months, given_months=0.0):
        """For a duration model: the probability that the case is still on benefit
        months months after the assessment, given that it still is after
        given_months (0: unconditional), i.e. S(months) / S(given_months).
        NaN when months is beyond the model's max_months or before given_months.
        TypeError for a model of another kind."""
        if self.model.survival_form is None:
            raise TypeError("survival() needs a duration model; %s is a %s model"
                            % (self.model.id, self.model.kind))
        if not self._handle:
            raise ValueError("the CaseResult is closed")
        return lib.anker_result_get_survival(self._handle, float(given_months), float(months))

    @property
    def hazard_ratios(self):
        """For a duration model: {term label: exp(contribution)}, in model order: the
        factor by which each term multiplies the hazard of leaving benefit (below 1:
        the term makes a longer stay likelier). The contributions themselves add up
        to the output log_relative_hazard."""
        if self.model.survival_form is None:
            raise TypeError("hazard_ratios needs a duration model; %s is a %s model"
                            % (self.model.id, self.model.kind))
        return {key: math.exp(c) for key, c in self.contributions.items()}

    @property
    def band(self):
        """The band's name, e.g. "moderate"."""
        return self.model.bands[self.band_index].name

    @property
    def band_label(self):
        """The band's label, e.g. "Moderate chance (25-50%)"."""
        return self.model.bands[self.band_index].label

    @property
    def contributions(self):
        """{term label: contribution}, in model order."""
        return dict(zip(self.model._contribution_keys, (t.contribution for t in self.terms)))

    @property
    def details(self):
        """{term label: what the term saw}, in model order. Holds case values."""
        return dict(zip(self.model._contribution_keys, (t.detail for t in self.terms)))

    @property
    def term_names(self):
        return tuple(t.name for t in self.terms)

    def to_dict(self):
        """A JSON-ready dict: the model's identity, the scores, and per term name its
        contribution and detail (which hold case values). For a duration model the
        scores are "outputs" (every output by name; a median beyond the model's last
        month is None, as JSON has no infinity) and "hazard_ratios" per term name."""
        if self.model.survival_form is not None:
            return {
                "model": {"id": self.model.id, "version": self.model.version,
                          "sha256": self.model.sha256},
                "outputs": {name: (v if isinstance(v, str) or v is None or math.isfinite(v)
                                   else None) for name, v in self.outputs.items()},
                "band_label": self.band_label,
                "flags": {"missing": list(self.missing), "imputed": list(self.imputed),
                          "clamped": list(self.clamped)},
                "contributions": {t.name: t.contribution for t in self.terms},
                "hazard_ratios": {t.name: math.exp(t.contribution) for t in self.terms},
                "details": {t.name: t.detail for t in self.terms},
            }
        return {
            "model": {"id": self.model.id, "version": self.model.version,
                      "sha256": self.model.sha256},
            "probability": self.probability,
            "linear_predictor": self.linear_predictor,
            "band": self.band,
            "band_label": self.band_label,
            "flags": {"missing": list(self.missing), "imputed": list(self.imputed),
                      "clamped": list(self.clamped)},
            "contributions": {t.name: t.contribution for t in self.terms},
            "details": {t.name: t.detail for t in self.terms},
        }

    def __repr__(self):
        # No details: a repr may end up in a log, and details hold case values.
        if self.model.survival_form is not None:
            headline = "survival_%d" % self.model.horizon_months
            return "<anker.CaseResult %s=%.6g band=%r model=%r>" % (
                headline, self.output(headline), self.band, self.model.id)
        return "<anker.CaseResult probability=%.6g band=%r model=%r>" % (
            self.probability, self.band, self.model.id)


class ScoreArrays(NamedTuple):
    """Model.score_arrays(): one entry per case; fields not asked for are None."""
    probability: np.ndarray                  # float64, NaN for a bad case
    linear_predictor: Optional[np.ndarray]   # float64
    band: Optional[np.ndarray]               # int32 band index, -1 for a bad case
    contributions: Optional[np.ndarray]      # float64, shape (cases, terms)
    status: Optional[np.ndarray]             # int32 status code per case (errors="coerce")
    flags: Optional[np.ndarray] = None       # uint32 ValueFlag bits per case (flags=True)
    error_variable: Optional[np.ndarray] = None  # int32 index of the variable at fault in a
    #                                          bad case, -1 otherwise (errors="coerce")
    summary: Optional[ScoreSummary] = None   # the model, the options, the value counts
    outputs: Optional[Mapping[str, np.ndarray]] = None  # per output name of the model, in
    #                                          declared order: float64 for a number output,
    #                                          int32 level index (-1: none) for a level one;
    #                                          filled by Model.score() for a DataFrame
