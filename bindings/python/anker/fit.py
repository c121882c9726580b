# SPDX-License-Identifier: GPL-3.0-or-later
"""anker.fit(): re-estimate a binary model from a DataFrame of cases (include/anker/fit.h)."""

import ctypes
import json
import os

import numpy as np

from . import _lib, frame
from ._errors import AnkerError, ErrorBuffer, Status
from ._lib import lib
from .context import default_context
from .model import Model, _bind


class FitResult(tuple):
    """(model, stats): the fitted Model and a DataFrame of its coefficients.

    model is loaded from model_json, the fitted model file's text (write it to a
    file as it is: its SHA-256 is the model's identity). stats has one row per
    fitted coefficient (term, level, bin, knot, estimate, std_error, z);
    stats.attrs and summary hold the fit statistics (log_likelihood,
    iterations, converged, cases, events, ...) and stats_json the companion
    file's text (format "anker-fit-stats").
    """

    __slots__ = ()

    def __new__(cls, model, stats):
        return super().__new__(cls, (model, stats))

    model = property(lambda self: self[0])
    stats = property(lambda self: self[1])
    model_json = property(lambda self: self[0]._text.decode("utf-8"))
    stats_json = property(lambda self: self[1].attrs["stats_json"])
    summary = property(lambda self: {k: v for k, v in self[1].attrs.items() if k != "stats_json"})


def _spec_text(spec):
    if isinstance(spec, Model):
        if spec._text is not None:
            return spec._text, spec._source_name or "<model>"
        if spec._path is not None:
            spec = spec._path
        else:
            raise ValueError("this Model has neither its text nor its path; pass the spec's path")
    if isinstance(spec, (bytes, bytearray)):
        return bytes(spec), "<buffer>"
    if isinstance(spec, str) and spec.lstrip().startswith("{"):
        return spec.encode("utf-8"), "<buffer>"
    path = os.fspath(spec)
    with open(path, "rb") as f:
        return f.read(), path


def _number_column(data, name, what):
    try:
        values = data[name]
    except (KeyError, IndexError):
        raise AnkerError.at(Status.NO_COLUMN, "the data have no %s column" % what,
                            field=name) from None
    to_numpy = getattr(values, "to_numpy", None)
    if to_numpy is not None:
        try:
            array = to_numpy(dtype=np.float64, na_value=np.nan)
        except (TypeError, ValueError):
            array = None
    else:
        try:
            array = np.asarray(values, dtype=np.float64)
        except (TypeError, ValueError):
            array = None
    if array is None:
        raise AnkerError.at(Status.TYPE_MISMATCH, "the %s column must hold numbers or booleans"
                            % what, field=name)
    return np.ascontiguousarray(array, dtype=np.float64)


def _without(data, names):
    pd = frame._pandas()
    if pd is not None and isinstance(data, pd.DataFrame):
        return data.drop(columns=[n for n in names if n in data.columns])
    return {k: v for k, v in dict(data).items() if k not in names}


_TIES = {"efron": 1, "breslow": 2}


def fit(spec, data, *, outcome, time=None, ties="efron", weights=None, l2=0.0, max_iter=50,
        tol=1e-10, ignore_extra=True, data_name=None, data_sha256=None, provenance=None,
        context=None):
    """Fit a model's coefficients to cases; return FitResult (model, stats).

    A binary model (logit, probit) takes outcome=, the 0/1 column. A duration
    model (Cox, Weibull) takes outcome=, the event column (1: left benefit at
    `time`, 0: still on benefit then, right-censored) and time=, the months;
    ties= "efron" or "breslow" for Cox.

    spec: a model file's path, its JSON text, or a Model loaded from one; its
    coefficients are ignored (docs/model-format.md, "Fitting"). data: a
    DataFrame (or dict of columns) with a column per variable, the outcome
    column (0/1 or bool) and optionally a weights column. l2: ridge penalty on
    every coefficient but the intercept. data_name, data_sha256: what the
    provenance says the data were; provenance: {"fitted_by": ..., "fitted_on":
    "YYYY-MM-DD", "statement": ..., "notes": ...}. Raises AnkerError: among
    others Status.SEPARATION, Status.SINGULAR, Status.NOT_CONVERGED.
    """
    text, source = _spec_text(spec)
    context = context or default_context()
    if ties not in _TIES:
        raise ValueError("ties must be 'efron' or 'breslow', not %r" % (ties,))
    y = _number_column(data, outcome, "outcome")
    t = _number_column(data, time, "time") if time is not None else None
    w = _number_column(data, weights, "weights") if weights is not None else None
    spec_model = Model.from_json(text, source_name=source, context=context)
    try:
        predictors = _without(data, [outcome] + [c for c in (weights, time) if c is not None])
        n, rows, columns = frame.columns_for_model(spec_model, predictors, ignore_extra)
        if n != len(y):
            raise ValueError("the outcome has %d rows, the data %d" % (len(y), n))
        failed = [c for c in columns if c.failures]
        if failed:
            first = min(failed, key=lambda c: c.failures.first_row())
            row, code, why = first.failures.first()
            raise rows.error(code, why, first.name, row)
        handle = _lib.fit_p()
        name = source.encode("utf-8", "replace")
        flags = _lib.SCORE_IGNORE_EXTRA if ignore_extra else 0
        with ErrorBuffer() as err:
            lib.anker_fit_new(context._ptr(), text, len(text), name, flags, err,
                              ctypes.byref(handle))
        try:
            batch = lib.anker_fit_get_batch(handle)
            for column in columns:
                _bind(batch, column, spec_model._variables_by_name[column.name])
            lib.anker_fit_bind_outcome(handle, outcome.encode("utf-8"), y.ctypes.data, 0)
            if w is not None:
                lib.anker_fit_bind_weights(handle, weights.encode("utf-8"), w.ctypes.data, 0)
            if t is not None:
                lib.anker_fit_bind_time(handle, time.encode("utf-8"), t.ctypes.data, 0)
            lib.anker_fit_set_ties(handle, _TIES[ties])
            lib.anker_fit_set_l2(handle, float(l2))
            lib.anker_fit_set_max_iterations(handle, int(max_iter))
            lib.anker_fit_set_tolerance(handle, float(tol))
            if data_name is not None or data_sha256 is not None:
                lib.anker_fit_set_data(handle, None if data_name is None else data_name.encode(),
                                       None if data_sha256 is None else data_sha256.encode())
            for key, value in (provenance or {}).items():
                lib.anker_fit_set_provenance(handle, key.encode(),
                                             None if value is None else value.encode("utf-8"))
            with ErrorBuffer() as err:
                try:
                    lib.anker_fit_run(handle, n, err)
                except AnkerError as e:
                    if e.case_index >= 0:
                        raise rows.error(e.code, e.text, e.field, e.case_index) from None
                    raise
            model_json = lib.anker_fit_get_model_json(handle)
            stats_json = lib.anker_fit_get_stats_json(handle)
        finally:
            lib.anker_fit_free(handle)
    finally:
        spec_model.close()
    model = Model.from_json(model_json, source_name=source, context=context)
    return FitResult(model, _stats_frame(stats_json))


def _stats_frame(stats_json):
    import pandas as pd

    stats = json.loads(stats_json)
    coefs = stats.pop("coefficients")
    table = pd.DataFrame({
        "term": [c["term"] for c in coefs],
        "level": [c.get("level") for c in coefs],
        "bin": pd.array([c.get("bin") for c in coefs], dtype="Int64"),
        "knot": pd.array([c.get("knot") for c in coefs], dtype="Int64"),
        "estimate": [c["estimate"] for c in coefs],
        "std_error": [c["std_error"] for c in coefs],
        "z": [c["z"] for c in coefs],
    })
    table.attrs.update(stats)
    table.attrs["stats_json"] = stats_json
    return table
