# SPDX-License-Identifier: GPL-3.0-or-later
"""How well a model predicts a labelled caseload (include/anker/evaluate.h).

    import anker
    model = anker.Model.load("data/models/demo-amt-6m.json")
    ev = anker.evaluate(model, frame, outcome="found_work", group=["female", "region"],
                        reference=last_year)
    ev.auc, ev.auc_ci, ev.calibration_slope, ev.hl_p, ev.brier
    ev.fairness, ev.reliability, ev.classification, ev.psi      # DataFrames

Definitions: docs/evaluation.md.
"""

import ctypes
import math

import numpy as np

from . import _lib
from ._errors import AnkerError, ErrorBuffer, Status
from ._lib import lib
from .context import default_context

_FIGURES = ("count", "positives", "mean_predicted", "observed_rate", "auc", "auc_se",
            "auc_lower", "auc_upper", "citl", "citl_intercept", "calibration_intercept",
            "calibration_slope", "hl_statistic", "hl_df", "hl_p", "brier", "log_loss",
            "threshold")
_CLASS = ("threshold", "count", "positives", "tp", "fp", "tn", "fn", "selection_rate", "tpr",
          "specificity", "fpr", "fnr", "ppv", "citl")
_RATIOS = ("selection_rate_ratio", "tpr_ratio", "fpr_ratio", "fnr_ratio")
_FLAGS = (("selection_rate", "ANKER_FLAG_SELECTION_RATE"), ("tpr", "ANKER_FLAG_TPR"),
          ("fpr", "ANKER_FLAG_FPR"), ("fnr", "ANKER_FLAG_FNR"))


def _const(name):
    return _lib.constant(name)


def psi_reading(psi):
    """The usual reading of a population stability index."""
    if not math.isfinite(psi):
        return "undefined"
    if psi < 0.1:
        return "stable"
    return "moderate shift" if psi < 0.25 else "major shift"


class Evaluation:
    """The figures of anker.evaluate(): scalars as attributes, tables as DataFrames.

    Scalars (float, NaN when undefined for the data): count, positives,
    mean_predicted, observed_rate, auc, auc_se, auc_lower, auc_upper (and
    auc_ci = (auc_lower, auc_upper)), citl, citl_intercept,
    calibration_intercept, calibration_slope, hl_statistic, hl_df, hl_p, brier,
    log_loss, threshold (of the fairness table). Tables: classification,
    reliability, fairness, psi (None without a reference caseload).
    """

    def __init__(self, figures, classification, reliability, fairness, psi):
        self.__dict__.update(figures)
        self.auc_ci = (figures["auc_lower"], figures["auc_upper"])
        self.classification = classification
        self.reliability = reliability
        self.fairness = fairness
        self.psi = psi

    def to_dict(self):
        """Every figure and table as plain Python values (as `anker evaluate --json`)."""
        def records(frame):
            if frame is None:
                return None
            out = frame.astype(object).where(frame.notna(), None)
            return out.to_dict(orient="records")
        d = {name: _plain(getattr(self, name)) for name in _FIGURES}
        d["classification"] = records(self.classification)
        d["reliability"] = records(self.reliability)
        d["fairness"] = records(self.fairness)
        d["psi"] = records(self.psi)
        return d

    def __repr__(self):
        return "<anker.Evaluation n=%d auc=%.4f brier=%.4f>" % (self.count, self.auc, self.brier)


def _plain(x):
    return None if isinstance(x, float) and math.isnan(x) else x


class _Handle(_lib.OwnsHandles):
    def __init__(self, handle):
        self._as_parameter_ = handle

    def close(self):
        handle, self._as_parameter_ = self._as_parameter_, None
        if handle:
            lib.anker_evaluation_free(handle)


def _column(data, name, what):
    try:
        return data[name]
    except (KeyError, IndexError, ValueError):
        raise AnkerError.at(Status.NO_COLUMN, "the data has no %s column" % what,
                            field=str(name)) from None


def _outcome_array(values, name):
    try:
        y = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        raise AnkerError.at(Status.BAD_VALUE, "the outcome column is not numeric 0/1",
                            field=name) from None
    return np.ascontiguousarray(y)


def _group_values(values):
    """Group values as UTF-8 bytes, None for a missing one."""
    out = []
    for v in values:
        if v is None or (isinstance(v, float) and math.isnan(v)):
            out.append(None)
        elif isinstance(v, (bool, np.bool_)):
            out.append(b"1" if v else b"0")
        elif isinstance(v, (float, np.floating)) and float(v).is_integer():
            out.append(str(int(v)).encode())
        else:
            out.append(str(v).encode())
    return out


def _reraise(e, field, rows):
    row = None
    if e.case_index >= 0 and rows is not None:
        row = "row %r (position %d)" % (rows[e.case_index], e.case_index)
    raise AnkerError.at(e.code, e.text, field=field, case_index=e.case_index, row=row,
                        row_label=rows[e.case_index] if row else None) from None


def evaluate(model, data, *, outcome, group=(), reference_group=None, threshold=None,
             ratio_threshold=1.25, reference=None, probability=None):
    """Evaluate @model on the labelled table @data (a pandas DataFrame).

    outcome: the name of the 0/1 outcome column. group: a column name or a list
    of them for the fairness table. reference_group: the reference group's
    value, or a dict {column: value}; default the largest group. threshold:
    classify at this probability instead of at the model's band thresholds (and
    use it for the fairness table; default 0.5). ratio_threshold: flag ratios
    above it or below its reciprocal. reference: a reference caseload (a
    DataFrame with the model's variables) for the PSI table. probability: the
    predicted probabilities, when already scored (otherwise model.score()).
    Raises AnkerError naming the column and row of bad input.
    """
    import pandas as pd
    if isinstance(group, str):
        group = [group]
    rows = list(data.index) if isinstance(data, pd.DataFrame) else None
    y = _outcome_array(_column(data, outcome, "outcome"), outcome)
    if probability is None:
        probability = model.score(data, ignore_extra=True)
    p = np.ascontiguousarray(np.asarray(probability, dtype=np.float64))
    if len(p) != len(y):
        raise ValueError("probability has %d values for %d rows" % (len(p), len(y)))
    handle, ctx = model._acquire()
    try:
        ev = _Handle(_lib.evaluation_p())
        with ErrorBuffer() as err:
            try:
                lib.anker_evaluation_new(ctx, p.ctypes.data, y.ctypes.data, len(y),
                                         ctypes.byref(ev._as_parameter_), err)
            except AnkerError as e:
                _reraise(e, outcome if e.field == "outcome" else e.field, rows)
        with ev:
            return _fill(pd, model, handle, ev, data, group, reference_group, threshold,
                         ratio_threshold, reference, p)
    finally:
        lib.anker_model_unref(handle)


def _fill(pd, model, handle, ev, data, group, reference_group, threshold, ratio_threshold,
          reference, p):
    if model.band_names:
        lib.anker_evaluation_set_model(ev, handle)
    if threshold is not None:
        if not 0 <= threshold <= 1:
            raise ValueError("threshold must be in [0, 1], not %r" % (threshold,))
        lib.anker_evaluation_set_threshold(ev, threshold)
    if not (ratio_threshold > 1 and math.isfinite(ratio_threshold)):
        raise ValueError("ratio_threshold must be a finite number > 1, not %r"
                         % (ratio_threshold,))
    lib.anker_evaluation_set_ratio_threshold(ev, ratio_threshold)
    keep = []
    with ErrorBuffer() as err:
        for name in group:
            values = _group_values(_column(data, name, "group"))
            arr = (ctypes.c_char_p * len(values))(*values)
            keep.append(arr)
            ref = reference_group.get(name) if isinstance(reference_group, dict) \
                else reference_group
            lib.anker_evaluation_add_grouping(ev, str(name).encode(), arr,
                                              None if ref is None else str(ref).encode(), err)
        lib.anker_evaluation_compute(ev, err)
    get = lib.anker_evaluation_get
    figures = {name: get(ev, i) for i, name in enumerate(_FIGURES)}
    for name in ("count", "positives", "hl_df"):
        figures[name] = int(figures[name]) if math.isfinite(figures[name]) else figures[name]
    psi = psi_table(model, reference, data, p) if reference is not None else None
    return Evaluation(figures, _classification(pd, ev), _reliability(pd, model, ev),
                      _fairness(pd, ev), psi)


def _classification(pd, ev):
    n = lib.anker_evaluation_get_classification_count(ev)
    rows = [[lib.anker_evaluation_get_classification(ev, k, i) for i in range(len(_CLASS))]
            for k in range(n)]
    frame = pd.DataFrame(rows, columns=list(_CLASS))
    for c in ("count", "positives", "tp", "fp", "tn", "fn"):
        frame[c] = frame[c].astype("int64")
    return frame


def _reliability(pd, model, ev):
    rows = []
    count, mean, obs = ctypes.c_size_t(), ctypes.c_double(), ctypes.c_double()
    for by, label in ((_const("ANKER_RELIABILITY_DECILE"), "decile"),
                      (_const("ANKER_RELIABILITY_BAND"), "band")):
        for k in range(lib.anker_evaluation_get_reliability_count(ev, by)):
            lib.anker_evaluation_get_reliability(ev, by, k, ctypes.byref(count),
                                                 ctypes.byref(mean), ctypes.byref(obs))
            name = str(k + 1) if label == "decile" else model.band_names[k]
            rows.append((label, name, count.value, mean.value, obs.value))
    return pd.DataFrame(rows, columns=["by", "group", "count", "mean_predicted",
                                       "observed_rate"])


def _fairness(pd, ev):
    rows = []
    flag_bits = [(name, _const(c)) for name, c in _FLAGS]
    for g in range(lib.anker_evaluation_get_grouping_count(ev)):
        gname = lib.anker_evaluation_get_grouping_name(ev, g)
        ref = lib.anker_evaluation_get_reference_group(ev, g)
        for k in range(lib.anker_evaluation_get_group_count(ev, g)):
            values = [lib.anker_evaluation_get_group(ev, g, k, i)
                      for i in range(len(_CLASS) + len(_RATIOS))]
            bits = lib.anker_evaluation_get_group_flags(ev, g, k)
            flags = ",".join(name for name, bit in flag_bits if bits & bit)
            rows.append([gname, lib.anker_evaluation_get_group_name(ev, g, k), k == ref]
                        + values[1:] + [flags])
    columns = ["grouping", "group", "reference"] + list(_CLASS[1:]) + list(_RATIOS) + ["flags"]
    frame = pd.DataFrame(rows, columns=columns)
    for c in ("count", "positives", "tp", "fp", "tn", "fn"):
        frame[c] = frame[c].astype("int64")
    return frame


def psi(reference, current, *, levels=None, edges=None):
    """The population stability index of one variable: numbers binned at the
    reference deciles, or at edges (a model's bins: bin i holds the x with i
    edges <= x), or, with levels=n, level codes 0..n-1 (-1 missing)."""
    with ErrorBuffer() as err:
        out = ctypes.c_double()
        if edges is not None:
            e = np.ascontiguousarray(np.asarray(edges, dtype=np.float64))
            r = np.ascontiguousarray(np.asarray(reference, dtype=np.float64))
            c = np.ascontiguousarray(np.asarray(current, dtype=np.float64))
            lib.anker_psi_edges(default_context()._ptr(), e.ctypes.data, len(e), r.ctypes.data,
                                len(r), c.ctypes.data, len(c), ctypes.byref(out), None, err)
        elif levels is None:
            r = np.ascontiguousarray(np.asarray(reference, dtype=np.float64))
            c = np.ascontiguousarray(np.asarray(current, dtype=np.float64))
            lib.anker_psi_numbers(default_context()._ptr(), r.ctypes.data, len(r),
                                  c.ctypes.data, len(c), ctypes.byref(out), None, err)
        else:
            r = np.ascontiguousarray(np.asarray(reference, dtype=np.int32))
            c = np.ascontiguousarray(np.asarray(current, dtype=np.int32))
            lib.anker_psi_levels(r.ctypes.data, len(r), c.ctypes.data, len(c), levels,
                                 ctypes.byref(out), err)
        return out.value


def _codes(var, values):
    """Level codes of a categorical or boolean column; -1 for missing."""
    out = np.empty(len(values), dtype=np.int32)
    for i, v in enumerate(values):
        if v is None or (isinstance(v, float) and math.isnan(v)):
            out[i] = -1
        elif var.kind == "boolean":
            out[i] = 1 if v in (1, True, "1", "true") else 0
        else:
            try:
                out[i] = var.level_code(str(v))
            except KeyError:
                raise AnkerError.at(Status.UNKNOWN_LEVEL, "no level %r of %s" % (v, var.name),
                                    field=var.name, case_index=i) from None
    return out


def model_edges(model, name):
    """The edges of the model's first bins term on variable name, or None."""
    for term in model.terms:
        if term.edges is not None and term.variable == name:
            return term.edges
    return None


def psi_table(model, reference, current, current_probability=None):
    """A DataFrame of the PSI per model variable present in both tables, and for
    the score: variable, kind, bins ("model": the model's own bin edges for a
    variable binned in it, "deciles": the reference deciles, "levels"), psi, reading."""
    import pandas as pd
    rows = []
    for var in model.variables:
        if var.name not in reference.columns or var.name not in current.columns:
            continue
        if var.kind == "numeric":
            edges = model_edges(model, var.name)
            value = psi(pd.to_numeric(reference[var.name], errors="coerce"),
                        pd.to_numeric(current[var.name], errors="coerce"), edges=edges)
            bins = "deciles" if edges is None else "model"
        else:
            n = 2 if var.kind == "boolean" else len(var.levels)
            value = psi(_codes(var, list(reference[var.name])),
                        _codes(var, list(current[var.name])), levels=n)
            bins = "levels"
        rows.append((var.name, var.kind, bins, value, psi_reading(value)))
    if current_probability is None:
        current_probability = _score_probability(model, current)
    value = psi(_score_probability(model, reference), current_probability)
    rows.append(("(score)", "score", "deciles", value, psi_reading(value)))
    return pd.DataFrame(rows, columns=["variable", "kind", "bins", "psi", "reading"])


def _score_probability(model, frame):
    """The probability that the PSI table calls the score: a duration model's
    probability of still being on benefit at its headline horizon."""
    if model.kind == "duration":
        scores = model.score(frame, ignore_extra=True)
        return scores["survival_%d" % model.horizon_months].to_numpy(dtype=float)
    return model.score(frame, ignore_extra=True)


def evaluate_duration(model, data, *, time, event, horizon=None):
    """Harrell's C of a duration model on a table with right-censored times.

    time and event name the columns of months until the event or censoring and
    of 1 (the event: leaving benefit) or 0 (censored). The risk score is the
    model's log_relative_hazard (a higher hazard: an earlier exit). Returns a
    dict: count, events, harrell_c (overall) and harrell_c_horizon (only pairs
    whose shorter time is at most horizon, default the model's headline horizon).
    """
    if model.kind != "duration":
        raise ValueError("evaluate_duration needs a duration model, not kind %r" % model.kind)
    t = _outcome_array(_column(data, time, "time"), time)
    e = _outcome_array(_column(data, event, "event"), event)
    risk = model.score(data, ignore_extra=True)["log_relative_hazard"].to_numpy()
    if horizon is None:
        horizon = model.horizon_months
    rows = list(data.index) if hasattr(data, "index") else None
    try:
        overall = harrell_c(risk, t, e)
        at_horizon = harrell_c(risk, t, e, horizon=horizon)
    except AnkerError as err:
        _reraise(err, {"time": time, "event": event}.get(err.field, err.field), rows)
    return {"count": len(t), "events": int(np.nansum(e)), "horizon": horizon,
            "harrell_c": overall, "harrell_c_horizon": at_horizon}


def harrell_c(risk, time, event, *, horizon=None):
    """Harrell's C of a risk score against right-censored times (overall, or
    only pairs whose shorter time is at most horizon)."""
    arrays = [np.ascontiguousarray(np.asarray(a, dtype=np.float64)) for a in (risk, time, event)]
    if not len(arrays[0]) == len(arrays[1]) == len(arrays[2]):
        raise ValueError("risk, time and event must have the same length")
    out = ctypes.c_double()
    with ErrorBuffer() as err:
        lib.anker_harrell_c(default_context()._ptr(), arrays[0].ctypes.data,
                            arrays[1].ctypes.data, arrays[2].ctypes.data, len(arrays[0]),
                            math.inf if horizon is None else float(horizon),
                            ctypes.byref(out), err)
    return out.value
