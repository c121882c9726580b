# SPDX-License-Identifier: GPL-3.0-or-later
"""Loaded models: what they describe, and scoring one case or a whole table."""

import ctypes
import hashlib
import os
import pickle
import re
import threading
from dataclasses import dataclass, field
from typing import Any, Optional, Tuple

import numpy as np

from . import _lib, frame
from ._errors import AnkerError, ErrorBuffer, Status, strerror
from ._lib import lib
from .context import default_context
from .result import CaseResult, ScoreArrays, ScoreSummary, ValueCounts

@dataclass(frozen=True)
class Variable:
    """A variable of a model: what a case (or a column) gives it, and its policies."""
    index: int
    name: str
    label: str
    kind: str                                # "numeric", "categorical" or "boolean"
    levels: Tuple[str, ...] = ()             # level names in code order (categorical)
    range: Optional[Tuple[float, float]] = None  # valid (min, max) (numeric)
    out_of_range: Optional[str] = None       # "clamp" or "reject" (numeric)
    missing: str = "reject"                  # missing values: "reject", "impute" or "level"
    imputed: Any = None                      # what a missing value becomes: a number, a
    #                                          bool or a level name; None under "reject"
    _codes: dict = field(default_factory=dict, repr=False, compare=False)

    def level_code(self, level):
        """The code of a level name; KeyError when the variable has no such level."""
        try:
            return self._codes[level]
        except KeyError:
            raise KeyError("%s has no level %r; its levels are %s"
                           % (self.name, level, ", ".join(self.levels))) from None


@dataclass(frozen=True)
class Term:
    """A term of a model: one part of the linear predictor, with the words a coach says."""
    index: int
    name: str
    label: str
    type: str  # "intercept", "linear", "categorical", "spline", "bins" or "interaction"
    variable: Optional[str] = None  # the variable it reads; None for intercept, interaction
    edges: Optional[Tuple[float, ...]] = None  # a bins term's edges; bin i: i edges <= x


@dataclass(frozen=True)
class Option:
    """An answer option of a questionnaire item: code is what a choice item is
    answered with (None for Likert and yes/no items, answered with value), value
    its score value, text its label as {"nl": ..., "en": ...}."""
    code: Optional[str]
    value: float
    text: Any


@dataclass(frozen=True)
class Item:
    """A questionnaire item (a variable of the model, answered by its name):
    response is "likert", "yes_no", "number" or "choice", text the question as
    {"nl": ..., "en": ...}, options its Options (none for a number item)."""
    index: int
    name: str
    response: str
    text: Any
    options: Tuple[Option, ...]


@dataclass(frozen=True)
class Contribution:
    """One of the contributions that explain a case (docs/model-format.md,
    "Contributions"): per term for a binary model (named as the term), per item
    of each scale for a questionnaire (named "<scale>.<item>")."""
    index: int
    name: str
    label: str


@dataclass(frozen=True)
class Band:
    """An output band; it holds probabilities up to upper (1.0 for the last band)."""
    index: int
    name: str
    label: str
    upper: float


@dataclass(frozen=True)
class Output:
    """A named output of the model's kind (docs/model-format.md, "Outputs").

    type is "number" (a float, NaN where undefined) or "level" (one of levels,
    given as (name, label) pairs from low to high; None where undefined).
    """
    index: int
    name: str
    label: str
    type: str                                 # "number" or "level"
    levels: Tuple[Tuple[str, str], ...] = ()  # (name, label) pairs of a level output
    # the label and the levels' labels as {"nl": ..., "en": ...}; a language the
    # model has no text in is None (a binary model's bands have English only)
    text: Any = None
    level_texts: Tuple[Any, ...] = ()

    @property
    def level_names(self):
        return tuple(name for name, _ in self.levels)

    @property
    def level_labels(self):
        return tuple(label for _, label in self.levels)


class _Scratch:
    """A case and an error object, used by one score_case() call at a time."""

    def __init__(self, ctx):
        self.case = _lib.case_p()
        lib.anker_case_new(ctx, ctypes.byref(self.case))
        try:
            self.err = ErrorBuffer()
        except BaseException:
            lib.anker_case_free(self.case)
            raise

    def free(self):
        case, self.case = self.case, None
        lib.anker_case_free(case)
        self.err.close()



def _term(h, i, variables):
    """Term i of the model handle h, with its variable and a bins term's edges."""
    v = lib.anker_model_get_term_variable(h, i)
    edges, count = ctypes.POINTER(ctypes.c_double)(), ctypes.c_size_t()
    if lib.anker_model_get_term_edges(h, i, ctypes.byref(edges), ctypes.byref(count)) == 0:
        edges = tuple(edges[k] for k in range(count.value))
    else:
        edges = None
    return Term(i, lib.anker_model_get_term_name(h, i), lib.anker_model_get_term_label(h, i),
                lib.anker_term_type_name(lib.anker_model_get_term_type(h, i)),
                variables[v].name if v >= 0 else None, edges)

class Model(_lib.OwnsHandles):
    """A loaded, validated model (struct anker_model). Immutable; share it between threads.

    Make one with Model.load(path) or Model.from_json(text). Close it with
    close() or a with block; the garbage collector closes it otherwise.
    """

    def __init__(self, *args, **kwargs):
        raise TypeError("use anker.Model.load(path) or anker.Model.from_json(text)")

    # Construction and lifetime

    @classmethod
    def load(cls, path, *, context=None):
        """Load and validate a model file. Raises AnkerError (with file, line, JSON path)."""
        raw_path = _no_nul(os.fsencode(path), "the path %r" % (os.fspath(path),))
        context = context or default_context()
        handle = _lib.model_p()
        with ErrorBuffer() as err:
            lib.anker_model_load_file(context._ptr(), raw_path, err, ctypes.byref(handle))
        model = cls._adopt(handle, context)
        model._path = os.path.abspath(os.fspath(path))
        return model

    @classmethod
    def from_json(cls, text, *, source_name=None, context=None):
        """Load and validate a model from JSON text (str or bytes).

        source_name is what error messages cite as the file (default "<buffer>").
        The SHA-256 is that of the UTF-8 bytes.
        """
        if isinstance(text, str):
            text = text.encode("utf-8")
        elif not isinstance(text, (bytes, bytearray, memoryview)):
            raise TypeError("from_json() takes str or bytes, not %s" % type(text).__name__)
        data = bytes(text)
        context = context or default_context()
        handle = _lib.model_p()
        name = None if source_name is None else _no_nul(os.fsencode(source_name),
                                                        "source_name %r" % (source_name,))
        with ErrorBuffer() as err:
            lib.anker_model_load_buffer(context._ptr(), data, len(data), name, err,
                                        ctypes.byref(handle))
        model = cls._adopt(handle, context)
        model._text = data
        model._source_name = source_name
        return model

    @classmethod
    def _adopt(cls, handle, context):
        self = object.__new__(cls)
        self._handle = handle
        self._path = None  # what it was loaded from, for pickling
        self._text = None
        self._source_name = None
        self._context = context  # keeps a Python log callback alive as long as the model
        self._ctx = None
        self._lock = threading.Lock()
        self._scratch = []
        try:
            self._ctx = lib.anker_ctx_ref(context._ptr())
            self._read_description()
        except BaseException:
            self.close()
            raise
        return self

    def close(self):
        """Release the model. Safe to call twice, and while other threads still score."""
        with self._lock:
            handle, self._handle = self._handle, None
            scratch, self._scratch = self._scratch, []
        for s in scratch:
            s.free()
        if handle:
            lib.anker_model_unref(handle)  # a call in flight holds its own reference
        ctx, self._ctx = self._ctx, None
        if ctx:
            lib.anker_ctx_unref(ctx)


    def __reduce__(self):
        """Pickle as the model file's bytes, so that a model can go to other processes.

        The copy is loaded from those bytes (with the default context) and has
        the same SHA-256. A model loaded from a file is re-read when pickled;
        if the file changed since, pickling fails rather than send another model.
        """
        if self._text is not None:
            data, source_name = self._text, self._source_name
        else:
            with open(self._path, "rb") as f:
                data = f.read()
            source_name = self._path
            if hashlib.sha256(data).hexdigest() != self._sha256:
                raise pickle.PicklingError(
                    "%s changed since the model was loaded from it (sha256 %s)"
                    % (self._path, self._sha256))
        return (_unpickle_model, (data, source_name, self._sha256))

    @property
    def closed(self):
        return not self._handle

    def _acquire(self):
        """A new C reference to the model, so that close() cannot free it under a call,
        and the context to make a call's own objects from (the model keeps it alive)."""
        with self._lock:
            if not self._handle:
                raise ValueError("the anker.Model %s is closed" % self.id)
            return lib.anker_model_ref(self._handle), self._ctx

    def _take_scratch(self, ctx):
        with self._lock:
            if self._scratch:
                return self._scratch.pop()
        return _Scratch(ctx)

    def _give_back(self, scratch):
        with self._lock:
            if self._handle:
                self._scratch.append(scratch)
                return
        scratch.free()

    # What the model describes (read once: a model is immutable)

    def _read_description(self):
        h = self._handle
        self._kind = lib.anker_model_kind_name(lib.anker_model_get_kind(h))
        self._id = lib.anker_model_get_id(h)
        self._name = lib.anker_model_get_name(h)
        self._version = lib.anker_model_get_version(h)
        self._toets = lib.anker_model_get_toets(h)
        self._outcome = lib.anker_model_get_outcome(h)
        horizon = lib.anker_model_get_horizon_months(h)
        self._horizon_months = horizon if horizon > 0 else None  # no outcome: a questionnaire
        self._valid_from = lib.anker_model_get_valid_from(h)
        self._sha256 = lib.anker_model_get_sha256(h)
        link = lib.anker_model_get_link(h)  # ANKER_E_NOT_FOUND for a kind without one
        self._link = lib.anker_link_name(link) if link > 0 else None
        keys = (lib.anker_model_get_provenance_key(h, i)
                for i in range(lib.anker_model_get_provenance_count(h)))
        self._provenance = {key: lib.anker_model_get_provenance(h, key.encode())
                            for key in keys}

        variables = []
        for i in range(lib.anker_model_get_variable_count(h)):
            kind = lib.anker_variable_kind_name(lib.anker_model_get_variable_kind(h, i))
            levels = tuple(lib.anker_model_get_level_name(h, i, j)
                           for j in range(lib.anker_model_get_level_count(h, i)))
            value_range = out_of_range = imputed = None
            if kind == "numeric":
                lo, hi = ctypes.c_double(), ctypes.c_double()
                lib.anker_model_get_variable_range(h, i, ctypes.byref(lo), ctypes.byref(hi))
                value_range = (lo.value, hi.value)
                out_of_range = lib.anker_out_of_range_policy_name(
                    lib.anker_model_get_variable_out_of_range(h, i))
            if kind == "categorical":
                code = lib.anker_model_get_variable_imputed_level(h, i)
                imputed = levels[code] if code >= 0 else None
            else:
                value = ctypes.c_double()
                if lib.anker_model_get_variable_imputed_number(h, i, ctypes.byref(value)) == 0:
                    imputed = bool(value.value) if kind == "boolean" else value.value
            variables.append(Variable(
                i, lib.anker_model_get_variable_name(h, i),
                lib.anker_model_get_variable_label(h, i), kind, levels, value_range,
                out_of_range,
                lib.anker_missing_policy_name(lib.anker_model_get_variable_missing(h, i)),
                imputed, {level: code for code, level in enumerate(levels)}))
        self._variables = tuple(variables)
        self._variables_by_name = {v.name: v for v in variables}
        self._variable_keys = {v.name: v.name.encode("utf-8") for v in variables}

        self._terms = tuple(_term(h, i, variables)
                            for i in range(lib.anker_model_get_term_count(h)))
        items = []
        for i in range(lib.anker_model_get_variable_count(h)):
            response = lib.anker_response_type_name(lib.anker_model_get_item_response(h, i))
            if response is None:
                continue  # not a questionnaire
            options = []
            for j in range(lib.anker_model_get_option_count(h, i)):
                value = ctypes.c_double()
                lib.anker_model_get_option_value(h, i, j, ctypes.byref(value))
                options.append(Option(
                    lib.anker_model_get_level_name(h, i, j) if response == "choice" else None,
                    value.value,
                    {lang: lib.anker_model_get_option_text(h, i, j, lang.encode())
                     for lang in ("nl", "en")}))
            items.append(Item(i, lib.anker_model_get_variable_name(h, i), response,
                              {lang: lib.anker_model_get_item_text(h, i, lang.encode())
                               for lang in ("nl", "en")}, tuple(options)))
        self._items = tuple(items)
        self._contributions = tuple(
            Contribution(i, lib.anker_model_get_contribution_name(h, i),
                         lib.anker_model_get_contribution_label(h, i))
            for i in range(lib.anker_model_get_contribution_count(h)))
        labels = [c.label for c in self._contributions]
        self._contribution_keys = tuple(
            c.label if labels.count(c.label) == 1 else "%s [%s]" % (c.label, c.name)
            for c in self._contributions)

        self._bands = tuple(
            Band(i, lib.anker_model_get_band_name(h, i), lib.anker_model_get_band_label(h, i),
                 lib.anker_model_get_band_upper(h, i))
            for i in range(lib.anker_model_get_band_count(h)))
        outputs = []
        for i in range(lib.anker_model_get_output_count(h)):
            levels = tuple((lib.anker_model_get_output_level_name(h, i, j),
                            lib.anker_model_get_output_level_label(h, i, j))
                           for j in range(lib.anker_model_get_output_level_count(h, i)))
            texts = tuple({lang: lib.anker_model_get_output_level_text(h, i, j, lang.encode())
                           for lang in ("nl", "en")} for j in range(len(levels)))
            outputs.append(Output(
                i, lib.anker_model_get_output_name(h, i), lib.anker_model_get_output_label(h, i),
                lib.anker_output_type_name(lib.anker_model_get_output_type(h, i)), levels,
                {lang: lib.anker_model_get_output_text(h, i, lang.encode())
                 for lang in ("nl", "en")}, texts))
        self._outputs = tuple(outputs)
        self._outputs_by_name = {o.name: o for o in outputs}
        self._output_keys = tuple(o.name.encode("utf-8") for o in outputs)
        self._read_survival(h)
        boundary = lib.anker_model_get_band_boundary(h)
        self._band_boundary = {_lib.BAND_BOUNDARY_LOWER: "lower",
                               _lib.BAND_BOUNDARY_UPPER: "upper"}.get(boundary)

    def _read_survival(self, h):
        """A duration model's baseline (docs/model-format.md, "Duration models")."""
        form = lib.anker_model_get_survival_form(h)
        self._survival_form = lib.anker_survival_form_name(form) if form > 0 else None
        self._horizons = tuple(lib.anker_model_get_horizon(h, i)
                               for i in range(lib.anker_model_get_horizon_count(h)))
        self._max_months = lib.anker_model_get_max_months(h) if form > 0 else None
        month, value = ctypes.c_double(), ctypes.c_double()
        baseline = []
        for i in range(lib.anker_model_get_baseline_count(h)):
            lib.anker_model_get_baseline(h, i, ctypes.byref(month), ctypes.byref(value))
            baseline.append((month.value, value.value))
        self._baseline = tuple(baseline)
        self._weibull = None
        if lib.anker_model_get_weibull(h, ctypes.byref(month), ctypes.byref(value)) == 0:
            self._weibull = (month.value, value.value)

    survival_form = property(lambda self: self._survival_form,
                             doc='A duration model\'s form, "cox" or "weibull"; None for '
                                 'another kind.')
    horizons = property(lambda self: self._horizons,
                        doc="A duration model's horizons in months (its survival_H and exit_H "
                            "outputs); () for another kind.")
    max_months = property(lambda self: self._max_months,
                          doc="The last month a duration model describes (the end of a Cox "
                              "grid, a Weibull model's max_months); None for another kind.")
    baseline = property(lambda self: self._baseline,
                        doc="A Cox model's baseline: (month, S0) pairs; () otherwise.")
    weibull = property(lambda self: self._weibull,
                       doc="A Weibull model's (shape, scale); None otherwise.")

    id = property(lambda self: self._id, doc='The machine id, e.g. "demo-amt-6m".')
    name = property(lambda self: self._name, doc="The human-readable name.")
    version = property(lambda self: self._version, doc='The model\'s own version, e.g. "1.0.0".')
    kind = property(lambda self: self._kind, doc='The model kind, e.g. "binary".')
    toets = property(lambda self: self._toets, doc='The toets it serves: "AMT", "NT", ...')
    outcome = property(lambda self: self._outcome,
                       doc="What the model predicts; None for a kind without an outcome.")
    horizon_months = property(lambda self: self._horizon_months,
                              doc="The outcome's horizon in months; None without an outcome.")
    valid_from = property(lambda self: self._valid_from,
                          doc='The first date the model is valid for, "YYYY-MM-DD".')
    sha256 = property(lambda self: self._sha256,
                      doc="SHA-256 of the file's bytes (as sha256sum prints it): its identity.")
    link = property(lambda self: self._link,
                    doc='"logit" or "probit"; None for a kind without one (duration, questionnaire).')
    variables = property(lambda self: self._variables, doc="The variables, in model order.")
    terms = property(lambda self: self._terms, doc="The terms, in model order.")
    items = property(lambda self: self._items,
                     doc="A questionnaire's items (an Item each), in model order; () for "
                         "other kinds.")
    contributions = property(
        lambda self: self._contributions,
        doc="What explains a case (a Contribution each), in model order: the "
            "contrib.<name> columns of score(explain=True).")
    bands = property(lambda self: self._bands, doc="The bands, from low to high probability.")
    outputs = property(lambda self: self._outputs,
                       doc="The named outputs of the model's kind (an Output each), in the "
                           "declared order: the columns of score(bands=True).")
    band_boundary = property(
        lambda self: self._band_boundary,
        doc='Where a probability exactly on a threshold goes: "lower" or "upper" band.')

    @property
    def provenance(self):
        """Where the model comes from: {"statement", "data", "fitted_by", ...} (present keys)."""
        return dict(self._provenance)

    @property
    def band_names(self):
        return tuple(b.name for b in self._bands)

    @property
    def band_labels(self):
        """{band name: label}, low to high, e.g. {"low": "Low chance (0-25%)", ...}."""
        return {b.name: b.label for b in self._bands}

    @property
    def term_labels(self):
        """{term name: label}, in model order, e.g. {"care_woman": "Care duties (counted
        for women only)", ...}: the words for the contrib.<term name> columns."""
        return {t.name: t.label for t in self._terms}

    @property
    def variable_labels(self):
        """{variable name: label}, in model order, e.g. {"age": "Age in years", ...}."""
        return {v.name: v.label for v in self._variables}

    def _suggest(self, name):
        """The variable nearest to an unknown name (anker_model_suggest_variable), or None."""
        data = name.encode("utf-8", "replace")
        if b"\0" in data:
            return None
        with self._lock:
            if not self._handle:
                return None
            return lib.anker_model_suggest_variable(self._handle, data)

    def output(self, name):
        """The Output called name; KeyError when the model's kind declares none."""
        try:
            return self._outputs_by_name[name]
        except KeyError:
            raise KeyError("the model %s (kind %s) has no output %r; its outputs are %s"
                           % (self._id, self._kind, name,
                              ", ".join(o.name for o in self._outputs))) from None

    def variable(self, name):
        """The Variable called name; KeyError when the model has none."""
        try:
            return self._variables_by_name[name]
        except KeyError:
            raise KeyError("the model %s has no variable %r" % (self._id, name)) from None

    def band_for(self, probability):
        """The Band a probability falls in. AnkerError OUT_OF_RANGE for NaN or outside [0, 1]."""
        h, _ = self._acquire()
        try:
            index = lib.anker_model_band_for_probability(h, float(probability))
        finally:
            lib.anker_model_unref(h)
        if index < 0:
            raise AnkerError.at(index, "probability %r is not in [0, 1]" % (probability,))
        return self._bands[index]

    def __repr__(self):
        return "<anker.Model %s %s (%s)%s>" % (self._id, self._version, self._sha256[:12],
                                              " closed" if self.closed else "")

    # Scoring

    def score_case(self, values, *, ignore_extra=False, strict=False):
        """Score one case given as a mapping of variable name to value.

        Values: a number (int or float), a bool, a level name (str), or missing
        (None, NaN or pandas.NA). A boolean variable also takes the words the
        anker program reads ("1"/"0", "true"/"false", "yes"/"no", "ja"/"nee", in
        any case); "" is missing. A variable left out is missing too: a single
        case is read value by value, and CaseResult.missing lists what was
        missing. With ignore_extra, names the model does not know are ignored
        instead of raising AnkerError UNKNOWN_VARIABLE. With strict, a value the
        model would clamp or impute is an error instead (OUT_OF_RANGE,
        MISSING_VALUE). Returns a CaseResult.
        """
        model, ctx = self._acquire()  # the model reference goes on to the CaseResult
        result = _lib.result_p()
        try:
            scratch = self._take_scratch(ctx)
            try:
                case = scratch.case
                lib.anker_case_clear(case)
                keys = self._variable_keys
                variables = self._variables_by_name
                for name, value in values.items():
                    _set_value(case, keys.get(name) or _name_bytes(name), name, value,
                               variables.get(name))
                lib.anker_result_new(ctx, ctypes.byref(result))
                flags = ((_lib.SCORE_IGNORE_EXTRA if ignore_extra else 0)
                         | (_lib.SCORE_STRICT if strict else 0))
                try:
                    lib.anker_model_score(model, case, flags, result, scratch.err)
                except AnkerError as e:
                    if e.code != Status.UNKNOWN_VARIABLE or e.field is None:
                        raise
                    suggestion = self._suggest(e.field)
                    if suggestion is None:
                        raise
                    raise AnkerError.at(e.code, "%s; did you mean '%s'?" % (e.text, suggestion),
                                        field=e.field) from None
                finally:
                    scratch.err.clear()
            finally:
                self._give_back(scratch)
        except BaseException:
            lib.anker_result_free(result)
            lib.anker_model_unref(model)
            raise
        return CaseResult(self, model, result)

    def score_arrays(self, data, *, explain=False, ignore_extra=False, errors="raise",
                     id_column=None, absent=(), strict=False, flags=False):
        """Score every row of a table into numpy arrays (a ScoreArrays).

        data: a pandas DataFrame, a dict of arrays (or lists, or pandas Series,
        matched by position; numpy masked arrays too), or a numpy structured
        array, with one column per variable.

        Every variable needs a column, or its name in absent: a variable that
        has neither is an AnkerError NO_COLUMN (naming the variable, and under
        ignore_extra the ignored column whose name is nearest to it), so that a
        misspelt column cannot turn a variable into "missing" for every row.
        A variable in absent is missing in every row, and its missing-value
        policy applies.

        errors="raise" stops at the first bad case with an AnkerError giving its
        case_index (0-based position), row_label (DataFrame index label) and
        row_id; errors="coerce" gives every bad case NaN and band -1, its
        status code in .status and the index of the variable at fault in
        .error_variable. A bad case is one with a value the model rejects or
        the binding cannot read (text for a numeric variable, say); a column of
        the wrong type (bool for a numeric variable) or of no variable is an
        error either way.

        For a duration model, which has no probability, .outputs holds every
        output by name (probability and linear_predictor are None; band is its band).

        strict=True makes a value the model would clamp or impute an error
        (OUT_OF_RANGE, MISSING_VALUE) instead. flags=True fills .flags with the
        ValueFlag bits of each case. .summary is a ScoreSummary: the model, the
        options and per variable how many values were missing, imputed and
        clamped.

        id_column names the column whose value identifies a row in errors; by
        default "id" when there is one. Unless it is a variable, it is not scored.
        """
        if errors not in ("raise", "coerce"):
            raise ValueError('errors must be "raise" or "coerce", not %r' % (errors,))
        absent = self._absent_names(absent)
        ignored = []
        n, rows, columns = frame.columns_for_model(self, data, ignore_extra, id_column, ignored)
        # a kind without a probability (duration, questionnaire) binds all its outputs by name
        outputs = (("probability", "linear_predictor", "band")
                   if "probability" in self._outputs_by_name else None)
        return self._score_columns(n, rows, columns, outputs, explain, errors,
                                   _Options(ignore_extra, strict, absent, ignored, flags), True)

    def score(self, data, *, bands=False, explain=False, ignore_extra=False, errors="raise",
              id_column=None, absent=(), strict=False, flags=False, horizons=None,
              given_months=0.0):
        """Score every row of a table.

        Returns a float64 array of probabilities. With bands=True, explain=True
        or flags=True, or for a kind without a probability (a questionnaire),
        returns a pandas DataFrame instead (with the index of an
        input DataFrame): one column per output of the model (Model.outputs), in
        declared order, a number output as float64 and a level output as an
        ordered categorical of its level names followed by "<name>_label" (the
        same, as the levels' labels): for a binary model probability,
        linear_predictor, band and band_label; with explain one column
        "contrib.<name>" per contribution (Model.contributions: per term of a
        binary model, "<scale>.<item>" for a questionnaire), with flags the bool columns missing, imputed and clamped (whether the
        model resolved a missing value, imputed one or clamped one in the row),
        and with errors="coerce" a status column (0 for a good row, else the
        ANKER_E_* code) and an error_field column (the variable at fault, a
        categorical of variable names; missing for a good row). Its
        attrs["anker"] says what scored it: ScoreSummary.to_dict(). For the
        summary with numpy arrays, use score_arrays().

        A duration model (kind "duration") has no probability: score() always
        returns its DataFrame. horizons= (months, e.g. [3, 9, 18]) adds a column
        per horizon H with the probability of still being on benefit at H,
        "survival_H"; with given_months=S (> 0) it is the probability given
        that the case is still on benefit at S months, "survival_H_given_S"
        (anker_batch_bind_survival(); at most 16 horizons). A horizon beyond
        the model's max_months, or before given_months, is an AnkerError
        OUT_OF_RANGE.

        See score_arrays() for data, absent, strict, errors and id_column.
        Numeric columns of float64, int64, int32 or bool are read in place;
        columns of level names (str, object or pandas categorical) are mapped
        to level codes once per call. The GIL is released while the C library
        scores.
        """
        if errors not in ("raise", "coerce"):
            raise ValueError('errors must be "raise" or "coerce", not %r' % (errors,))
        queries = self._survival_queries(horizons, given_months)
        # a kind without a probability (duration, questionnaire) always gives the table
        table = bands or explain or flags or bool(queries) or "probability" not in \
            self._outputs_by_name
        if table:
            try:
                import pandas as pd
            except ImportError:
                raise ImportError("bands=True, explain=True and flags=True return a pandas "
                                  "DataFrame, and pandas is not installed; use "
                                  "Model.score_arrays() for numpy arrays") from None
        absent = self._absent_names(absent)
        ignored = []
        n, rows, columns = frame.columns_for_model(self, data, ignore_extra, id_column, ignored)
        # The plain probabilities go through anker_batch_score(); a table binds an
        # array to every output the model declares, by name, and calls anker_batch_run().
        outputs = None if table else ("probability",)
        options = _Options(ignore_extra, strict, absent, ignored, flags)
        options.survival = queries
        arrays = self._score_columns(n, rows, columns, outputs, explain, errors, options, table)
        if not table:
            return arrays.probability
        result = {}
        for output in self._outputs:
            values = arrays.outputs[output.name]
            if output.type == "level":
                result[output.name] = pd.Categorical.from_codes(
                    values, categories=list(output.level_names), ordered=True)
                result[output.name + "_label"] = _labels_column(pd, output.level_labels,
                                                                values)
            else:
                result[output.name] = values
        for name, _, _, values in queries:
            result[name] = values
        if explain:
            for j, c in enumerate(self._contributions):
                result["contrib." + c.name] = arrays.contributions[:, j]
        if flags:
            for name, bit in (("missing", _lib.VALUE_FLAG_MISSING),
                              ("imputed", _lib.VALUE_FLAG_IMPUTED),
                              ("clamped", _lib.VALUE_FLAG_CLAMPED)):
                result[name] = (arrays.flags & bit) != 0
        if errors == "coerce":
            result["status"] = arrays.status
            result["error_field"] = pd.Categorical.from_codes(
                arrays.error_variable, categories=[v.name for v in self._variables])
        scores = pd.DataFrame(result, index=rows.index, copy=False)
        scores.attrs["anker"] = arrays.summary.to_dict()
        return scores

    def score_meta(self, *, bands=False, explain=False, ignore_extra=False, errors="raise",
                   id_column=None, absent=(), strict=False, flags=False):
        """What score(data, **the same options) returns for a table of no rows: with
        bands, explain or flags an empty DataFrame of the same columns, dtypes and
        attrs["anker"] (0 cases). Give it to Dask's map_partitions as meta=.
        ignore_extra and id_column are taken so that the options can be passed as
        they are; they change nothing here."""
        del ignore_extra, id_column
        absent = self._absent_names(absent)
        table = {v.name: np.empty(0, dtype=np.int32 if v.kind == "categorical" else np.float64)
                 for v in self._variables if v.name not in absent}
        return self.score(table, bands=bands, explain=explain, errors=errors, absent=absent,
                          strict=strict, flags=flags)

    def _survival_queries(self, horizons, given_months):
        """horizons= and given_months= of score(): (column name, given, months, array)
        per horizon; the arrays are allocated when the number of rows is known."""
        if horizons is None:
            return []
        if self._survival_form is None:
            raise AnkerError.at(Status.UNSUPPORTED,
                                "horizons= needs a duration model; %s is a %s model"
                                % (self._id, self._kind))
        given = float(given_months)
        suffix = "_given_%s" % _months_text(given) if given != 0.0 else ""
        queries = []
        for h in horizons:
            months = float(h)
            # the library's own checks, said in words (it answers OUT_OF_RANGE alone)
            if not 0.0 <= given <= months <= self._max_months:
                raise AnkerError.at(
                    Status.OUT_OF_RANGE,
                    "horizon %s months given %s: the model %s describes months 0 to %s, "
                    "and a horizon cannot come before given_months"
                    % (_months_text(months), _months_text(given), self._id,
                       _months_text(self._max_months)))
            name = "survival_%s%s" % (_months_text(months), suffix)
            if name not in [q[0] for q in queries]:
                queries.append([name, given, months, None])
        if len(queries) > _lib.constant("ANKER_BATCH_SURVIVAL_MAX"):
            raise AnkerError.at(Status.TOO_LARGE, "horizons=: at most %d different horizons"
                                % _lib.constant("ANKER_BATCH_SURVIVAL_MAX"))
        return queries

    def _absent_names(self, absent):
        """absent= as a tuple of variable names in model order; AnkerError for a name
        that is no variable."""
        if isinstance(absent, str):
            absent = (absent,)
        names = set()
        for name in absent:
            if not isinstance(name, str):
                raise TypeError("absent= takes variable names (str), not %s"
                                % type(name).__name__)
            if name not in self._variables_by_name:
                suggestion = self._suggest(name)
                raise AnkerError.at(
                    Status.UNKNOWN_VARIABLE,
                    "absent= names no variable of the model %s%s"
                    % (self._id, "; did you mean '%s'?" % suggestion if suggestion else ""),
                    field=name)
            names.add(name)
        return tuple(v.name for v in self._variables if v.name in names)

    def _no_column_error(self, e, columns, options):
        """The Python words for ANKER_E_NO_COLUMN: the C library's suggestion, absent=."""
        bound = {c.name for c in columns}
        unbound = [v.name for v in self._variables
                   if v.name not in bound and v.name not in options.absent]
        if e.field not in unbound:
            return e
        others = [name for name in unbound if name != e.field]
        text = "no column for this variable"
        if others:
            text += " (nor for %s)" % ", ".join("'%s'" % name for name in others)
        suggestion = _SUGGESTION.search(e.text)
        if suggestion:
            text += "; did you mean '%s'? If it is missing in every row, pass absent=%r" % (
                suggestion.group(1), [e.field])
        else:
            text += ("; give it a column, or pass absent=%r if %s missing in every row"
                     % (unbound, "it is" if not others else "they are"))
        return AnkerError.at(e.code, text, field=e.field)

    def _score_columns(self, n, rows, columns, outputs, explain, errors, options, summary):
        for column in columns:
            if column.name in options.absent:
                raise AnkerError.at(Status.INVALID_ARGUMENT,
                                    "absent= declares this variable missing in every row, but "
                                    "the table has a column for it; drop one of the two",
                                    field=column.name)
        # outputs: the names anker_batch_score() fills, or None for every output the
        # model declares, each bound by name for anker_batch_run().
        named = None
        if outputs is None:
            named = {o.name: np.empty(n, dtype=np.float64 if o.type == "number" else np.int32)
                     for o in self._outputs}
            probability = named.get("probability")
            lp = named.get("linear_predictor")
            band = named.get("band")
        else:
            probability = np.empty(n, dtype=np.float64)
            lp = np.empty(n, dtype=np.float64) if "linear_predictor" in outputs else None
            band = np.empty(n, dtype=np.int32) if "band" in outputs else None
        contributions = (np.empty((n, len(self._contributions)), dtype=np.float64) if explain else None)
        status = np.empty(n, dtype=np.int32) if errors == "coerce" else None
        case_flags = np.empty(n, dtype=np.uint32) if options.flags else None
        error_variable = np.empty(n, dtype=np.int32) if errors == "coerce" else None

        # Rows the binding could not read. With errors="raise", the library scores
        # the rows before the first of them, so that the first bad row is reported
        # whichever of the two finds it.
        failed = sorted(((c.failures.first_row(), self._variables_by_name[c.name].index, c)
                         for c in columns if c.failures), key=lambda f: f[:2])
        first = failed[0] if failed and errors == "raise" else None
        scored = n if first is None else first[0]

        model, _ = self._acquire()
        batch = _lib.batch_p()
        counts = None
        try:
            batch_flags = ((_lib.SCORE_IGNORE_EXTRA if options.ignore_extra else 0)
                           | (_lib.SCORE_STRICT if options.strict else 0))
            lib.anker_batch_new(model, batch_flags, ctypes.byref(batch))
            for column in columns:
                _bind(batch, column, self._variables_by_name[column.name])
            for name in options.ignored:
                # Never read: the library keeps the name, to suggest it for a variable
                # that has no column.
                key = name.encode("utf-8", "replace") if isinstance(name, str) else b""
                if key and b"\0" not in key:
                    lib.anker_batch_bind_f64(batch, key, _IGNORED_COLUMN, 0)
            for name in options.absent:
                lib.anker_batch_bind_absent(batch, self._variable_keys[name])
            if named is not None:
                for output, key in zip(self._outputs, self._output_keys):
                    bind = (lib.anker_batch_bind_output_f64 if output.type == "number"
                            else lib.anker_batch_bind_output_i32)
                    bind(batch, key, named[output.name].ctypes.data)
                if contributions is not None:
                    lib.anker_batch_bind_contributions(batch, contributions.ctypes.data)
                for query in options.survival:
                    query[3] = np.empty(n, dtype=np.float64)
                    lib.anker_batch_bind_survival(batch, query[1], query[2],
                                                  query[3].ctypes.data)
            if case_flags is not None or error_variable is not None:
                lib.anker_batch_set_case_outputs(batch, _address(case_flags),
                                                 _address(error_variable))
            # Called for no rows too: a variable without a column is an error either way.
            with ErrorBuffer() as err:
                try:
                    if named is not None:
                        lib.anker_batch_run(batch, scored, _address(status), err)
                    else:
                        lib.anker_batch_score(batch, scored, _address(probability),
                                              _address(lp), _address(band),
                                              _address(contributions), _address(status), err)
                except AnkerError as e:
                    if e.code == Status.NO_COLUMN:
                        raise self._no_column_error(e, columns, options) from None
                    if e.case_index < 0:
                        raise
                    raise rows.error(e.code, e.text, e.field, e.case_index) from None
            if summary:
                counts = _read_counts(batch, self._variables)
        finally:
            lib.anker_batch_free(batch)
            lib.anker_model_unref(model)

        if first is not None:
            row, code, text = first[2].failures.first()
            raise rows.error(code, text, first[2].name, row)
        # errors="coerce": the binding's verdict on a row comes first, and of two
        # columns, the variable first in the model.
        for _, index, column in reversed(failed):
            bad = column.failures.rows()
            column.failures.mark(status)
            error_variable[bad] = index
            numbers = [probability, lp, contributions]
            levels = [band]
            if named is not None:
                numbers = [contributions] + [named[o.name] for o in self._outputs
                                             if o.type == "number"]
                numbers += [query[3] for query in options.survival]
                levels = [named[o.name] for o in self._outputs if o.type == "level"]
            for output in numbers:
                if output is not None:
                    output[bad] = np.nan
            for output in levels:
                if output is not None:
                    output[bad] = -1
        result_summary = None
        if summary:
            result_summary = ScoreSummary(
                self._id, self._version, self._sha256, n,
                int(np.count_nonzero(status)) if status is not None else 0,
                options.absent, tuple(str(name) for name in options.ignored),
                bool(options.strict), counts)
        return ScoreArrays(probability, lp, band, contributions, status, case_flags,
                           error_variable, result_summary, named)


class _Options:
    """The options of one score() call that reach the C batch."""

    __slots__ = ("ignore_extra", "strict", "absent", "ignored", "flags", "survival")

    def __init__(self, ignore_extra, strict, absent, ignored, flags):
        self.survival = []  # score(horizons=): [column, given, months, array]
        self.ignore_extra = ignore_extra
        self.strict = strict
        self.absent = absent    # variable names, in model order
        self.ignored = ignored  # column names skipped under ignore_extra
        self.flags = flags


def _months_text(months):
    """A number of months in a column name: 9 as "9", 7.5 as "7.5"."""
    return "%.15g" % months


# The C library's "did you mean" in an ANKER_E_NO_COLUMN message.
_SUGGESTION = re.compile(r"did you mean '(.*)'\?$")

# What an ignored column is bound to: the library only keeps its name.
_IGNORED_VALUE = ctypes.c_double(0.0)
_IGNORED_COLUMN = ctypes.addressof(_IGNORED_VALUE)


def _labels_column(pd, labels, codes):
    """The labels of a level output's codes (-1: missing): an ordered categorical."""
    labels = list(labels)
    if len(set(labels)) == len(labels):
        return pd.Categorical.from_codes(codes, categories=labels, ordered=True)
    # Two levels with one label: a categorical cannot hold that; text per row.
    return np.array(labels + [None], dtype=object)[codes]


def _read_counts(batch, variables):
    missing, imputed, clamped = ctypes.c_uint64(), ctypes.c_uint64(), ctypes.c_uint64()
    counts = {}
    for v in variables:
        lib.anker_batch_get_counts(batch, v.index, ctypes.byref(missing), ctypes.byref(imputed),
                                   ctypes.byref(clamped))
        counts[v.name] = ValueCounts(missing.value, imputed.value, clamped.value)
    return counts


def _unpickle_model(data, source_name, sha256):
    model = Model.from_json(data, source_name=source_name)
    if model.sha256 != sha256:  # cannot happen unless the bytes were damaged on the way
        model.close()
        raise pickle.UnpicklingError("the model's bytes do not have sha256 %s" % sha256)
    return model


def _address(array):
    return None if array is None else array.ctypes.data


_BINDERS = {
    "f64": lib.anker_batch_bind_f64,
    "i64": lib.anker_batch_bind_i64,
    "i32": lib.anker_batch_bind_i32,
    "u8": lib.anker_batch_bind_u8,
}


def _bind(batch, column, variable):
    try:
        _BINDERS[column.binder](batch, column.name.encode("utf-8"), column.array.ctypes.data,
                                column.stride)
    except AnkerError as e:
        if e.code != Status.TYPE_MISMATCH:
            raise
        raise AnkerError.at(e.code, "a column of %s does not fit the %s variable%s"
                            % (column.array.dtype, variable.kind,
                               " (give level names or integer level codes)"
                               if variable.kind == "categorical" else ""),
                            field=column.name) from None


def _name_bytes(name):
    if not isinstance(name, str):
        raise AnkerError.at(Status.INVALID_ARGUMENT,
                            "variable names must be str, not %s" % type(name).__name__)
    data = name.encode("utf-8")
    if b"\0" in data:
        raise AnkerError.at(Status.INVALID_ARGUMENT, "a variable name holds a NUL character",
                            field=name)
    return data


def _no_nul(data, what):
    """data (bytes for C), refused when a NUL would cut it short."""
    if b"\0" in data:
        raise AnkerError.at(Status.INVALID_ARGUMENT,
                            "%s holds a NUL character; the C library would read only the part "
                            "before it" % what)
    return data


def _set_value(case, key, name, value, var):
    """Put one Python value into a case, by the value's Python type."""
    try:
        # The common exact types first: this runs once per value of every case.
        t = type(value)
        if t is float:
            if value != value:
                lib.anker_case_set_missing(case, key)
            else:
                lib.anker_case_set_number(case, key, value)
        elif t is int:
            lib.anker_case_set_number(case, key, float(value))
        elif t is str:
            _set_text(case, key, name, value, var)
        elif t is bool:
            lib.anker_case_set_bool(case, key, 1 if value else 0)
        elif value is None or t.__name__ in ("NAType", "NaTType"):  # pandas.NA, pandas.NaT
            lib.anker_case_set_missing(case, key)
        elif isinstance(value, (bool, np.bool_)):
            lib.anker_case_set_bool(case, key, 1 if value else 0)
        elif isinstance(value, str):
            _set_text(case, key, name, value, var)
        elif isinstance(value, (int, float, np.integer, np.floating)):
            number = float(value)
            if number != number:
                lib.anker_case_set_missing(case, key)
            else:
                lib.anker_case_set_number(case, key, number)
        else:
            raise AnkerError.at(Status.TYPE_MISMATCH,
                                "a %s is not a number, boolean, level name or missing value"
                                % type(value).__name__, field=name)
    except AnkerError as e:
        if e.field is not None:
            raise
        # The anker_case_set_* functions take no error object: say what the code means here.
        text = ("not a valid variable name (empty, or longer than 255 bytes)"
                if e.code == Status.INVALID_ARGUMENT else strerror(e.code))
        raise AnkerError.at(e.code, text, field=name) from None
    except OverflowError:  # an int too large for a double
        raise AnkerError.at(Status.OUT_OF_RANGE, frame.TOO_LARGE, field=name) from None


def _set_text(case, key, name, value, var):
    """Text: a level name; for a boolean variable a word such as "ja"; "" is missing
    (as an empty cell is to the anker program, and "" in a table column)."""
    if value == "":
        lib.anker_case_set_missing(case, key)
        return
    kind = var.kind if var is not None else None
    if kind == "boolean" or kind == "numeric":
        if kind == "numeric":
            raise AnkerError.at(Status.TYPE_MISMATCH,
                                "the text %s is not a number: give a number (text is not "
                                "parsed)" % frame.show(value), field=name)
        x = frame.boolean_word(value)
        if x is None:
            raise AnkerError.at(Status.TYPE_MISMATCH, frame.NOT_A_BOOLEAN % frame.show(value),
                                field=name)
        lib.anker_case_set_bool(case, key, int(x))
        return
    _set_level(case, key, name, value)


def _set_level(case, key, name, value):
    level = value.encode("utf-8")
    if b"\0" in level:
        raise AnkerError.at(Status.UNKNOWN_LEVEL, "a level name holds a NUL character",
                            field=name)
    lib.anker_case_set_level(case, key, level)
