# SPDX-License-Identifier: GPL-3.0-or-later
"""The outcome of scoring: one case (CaseResult) or many (ScoreArrays)."""

from typing import NamedTuple, Optional

import numpy as np

from . import _lib
from ._lib import lib


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

    The explanation is read from the C result when first asked for; the C
    result is freed by close(), a with block, or the garbage collector.
    """

    __slots__ = ("model", "probability", "linear_predictor", "band_index", "_handle",
                 "_model_ref", "_terms")

    def __init__(self, model, model_ref, handle):
        # Takes over a C model reference and a filled struct anker_result.
        self.model = model
        self._model_ref = model_ref
        self._handle = handle
        self._terms = None
        self.probability = lib.anker_result_get_probability(handle)
        self.linear_predictor = lib.anker_result_get_linear_predictor(handle)
        self.band_index = lib.anker_result_get_band(handle)

    def close(self):
        """Free the C result. The explanation stays available if it was read before."""
        handle, self._handle = self._handle, None
        model_ref, self._model_ref = self._model_ref, None
        if handle:
            lib.anker_result_free(handle)
        if model_ref:
            lib.anker_model_unref(model_ref)


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
        contribution and detail (which hold case values)."""
        return {
            "model": {"id": self.model.id, "version": self.model.version,
                      "sha256": self.model.sha256},
            "probability": self.probability,
            "linear_predictor": self.linear_predictor,
            "band": self.band,
            "contributions": {t.name: t.contribution for t in self.terms},
            "details": {t.name: t.detail for t in self.terms},
        }

    def __repr__(self):
        # No details: a repr may end up in a log, and details hold case values.
        return "<anker.CaseResult probability=%.6g band=%r model=%r>" % (
            self.probability, self.band, self.model.id)


class ScoreArrays(NamedTuple):
    """Model.score_arrays(): one entry per case; fields not asked for are None."""
    probability: np.ndarray                  # float64, NaN for a bad case
    linear_predictor: Optional[np.ndarray]   # float64
    band: Optional[np.ndarray]               # int32 band index, -1 for a bad case
    contributions: Optional[np.ndarray]      # float64, shape (cases, terms)
    status: Optional[np.ndarray]             # int32 status code per case (errors="coerce")
