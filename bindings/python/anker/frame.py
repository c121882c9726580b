# SPDX-License-Identifier: GPL-3.0-or-later
"""Turning tables (DataFrame, dict of arrays, structured array) into batch columns.

The C batch reads caller-owned arrays through (pointer, stride), so numeric
columns of float64, int64, int32 or bool are passed without copying, fields of
a structured array included. Level names are mapped to level codes once per
call: the distinct names are looked up in the model, and every row then gets
its code through one array lookup.

Missing values become what the C batch reads as missing: NaN in float columns,
code -1 in level-code columns. The model's missing-value policy does the rest.
Masked entries of numpy masked arrays and <NA> of pandas nullable columns are
missing whatever the array holds under them.

A value the binding cannot hand to the library (text for a numeric variable,
a word that is no boolean, a level name the variable does not have, an integer
too large for a double) makes its row fail: the column records the row in its
Failures, and Model.score raises for the first bad row or, with
errors="coerce", gives the row its status code.
"""

import numbers
import sys
from collections.abc import Mapping

import numpy as np

from ._errors import AnkerError, Status

# Marks a level name the variable does not have, before it is reported.
_UNKNOWN = -2

# The words the anker program reads as booleans (value_parse_boolean() in
# tools/value-parse.c), compared without regard to ASCII case.
BOOLEAN_WORDS = {"1": 1.0, "0": 0.0, "true": 1.0, "false": 0.0, "yes": 1.0, "no": 0.0,
                 "ja": 1.0, "nee": 0.0}
NOT_A_BOOLEAN = "not a boolean (1/0, true/false, yes/no, ja/nee): %s"
TOO_LARGE = "the integer is too large for a number (a double holds up to about 1.8e308)"


def boolean_word(text):
    """1.0 or 0.0 for a word of BOOLEAN_WORDS in any ASCII case, else None."""
    return BOOLEAN_WORDS.get(text.lower()) if text.isascii() else None


def show(value, limit=40):
    """A value for a message: text quoted, long values cut short."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, (str, bytes)):
        return repr(value[:limit]) + ("..." if len(value) > limit else "")
    text = str(value)
    return text if len(text) <= limit else text[:limit] + "..."


def _pandas():
    """pandas if the caller has imported it; a caller without pandas never pays for it."""
    return sys.modules.get("pandas")


class Failures:
    """Rows of one column whose values the binding cannot give the library, and why."""

    __slots__ = ("parts",)

    def __init__(self):
        self.parts = []  # (rows, status code, describe(row) -> text)

    def add(self, rows, code, describe):
        rows = np.asarray(rows, dtype=np.intp)
        if len(rows):
            self.parts.append((rows, code, describe))
        return self

    def __bool__(self):
        return bool(self.parts)

    def rows(self):
        return np.concatenate([rows for rows, _, _ in self.parts])

    def first_row(self):
        return min(int(rows.min()) for rows, _, _ in self.parts)

    def first(self):
        """(row, code, text) of the first failing row."""
        row = self.first_row()
        count = sum(len(rows) for rows, _, _ in self.parts)
        for rows, code, describe in self.parts:
            if row in rows:
                text = describe(row)
                if count > 1:
                    text += "; %d rows in all" % count
                return row, code, text
        raise AssertionError("no first row")

    def mark(self, status):
        for rows, code, _ in self.parts:
            status[rows] = code


class Rows:
    """Names rows in messages: the DataFrame index label, the id column's value, the position."""

    __slots__ = ("index", "ids", "id_name")

    def __init__(self, index=None, ids=None, id_name=None):
        self.index = index  # a pandas Index, or None for tables without one
        self.ids = ids      # the id column, or None
        self.id_name = id_name

    def label(self, i):
        if self.index is None:
            return None
        value = self.index[i]
        return value.item() if isinstance(value, np.generic) else value

    def id(self, i):
        if self.ids is None:
            return None
        iloc = getattr(self.ids, "iloc", None)
        value = iloc[i] if iloc is not None else self.ids[i]
        return value.item() if isinstance(value, np.generic) else value

    def where(self, i):
        if self.index is not None:
            text = "row %s (position %d" % (show(self.label(i)), i)
        else:
            text = "row %d (0-based" % i
        if self.ids is not None:
            text += ", %s %s" % (self.id_name, show(self.id(i)))
        return text + ")"

    def error(self, code, text, field, i):
        return AnkerError.at(code, text, field=field, case_index=i, row=self.where(i),
                             row_label=self.label(i), row_id=self.id(i))


class Column:
    """One variable's values as the C batch reads them. Keeps the array alive."""

    __slots__ = ("name", "array", "binder", "failures")

    def __init__(self, name, array, binder, failures=None):
        self.name = name
        self.array = array
        self.binder = binder  # "f64", "i64", "i32" or "u8"
        self.failures = failures or None  # a Failures, or None when every value could be read

    @property
    def stride(self):
        return self.array.strides[0]


def table_columns(data, id_column=None):
    """(row count, Rows, [(name, values)]) of a supported table."""
    pd = _pandas()
    if pd is not None and isinstance(data, pd.DataFrame):
        if not data.columns.is_unique:
            dup = data.columns[data.columns.duplicated()].tolist()
            raise ValueError("the DataFrame has duplicate column names: %r" % (dup,))
        columns = [(name, data[name]) for name in data.columns]
        n, index = len(data), data.index
    elif isinstance(data, np.ndarray):
        if data.dtype.names is None:
            raise TypeError("a numpy array to score must be a structured array with one field "
                            "per variable, not an array of %s" % data.dtype)
        if data.ndim != 1:
            raise ValueError("a structured array to score must be one-dimensional, not %d-D"
                             % data.ndim)
        columns = [(name, data[name]) for name in data.dtype.names]
        for name, values in columns:
            if values.ndim != 1:
                raise ValueError("field %r holds %s per row; a field to score must hold one "
                                 "value per row" % (name, values.shape[1:]))
        n, index = len(data), None
    elif isinstance(data, Mapping):
        columns = []
        n = None
        for name, values in data.items():
            if not _is_pandas_column(values):
                # np.asanyarray keeps a masked array's mask.
                values = (values if isinstance(values, np.ma.MaskedArray)
                          else np.asarray(values))
                if values.ndim != 1:
                    raise ValueError("column %r must be one-dimensional, not %d-D"
                                     % (name, values.ndim))
            if n is None:
                n, first = len(values), name
            elif len(values) != n:
                raise ValueError("column %r has %d rows but column %r has %d"
                                 % (name, len(values), first, n))
            columns.append((name, values))
        n, index = n or 0, None
    else:
        raise TypeError("can score a pandas DataFrame, a dict of arrays or a numpy structured "
                        "array, not %s" % type(data).__name__)

    names = [name for name, _ in columns]
    if id_column is None:
        id_name = "id" if "id" in names else None
    elif id_column in names:
        id_name = id_column
    else:
        raise ValueError("there is no column %r (given as id_column); the columns are %s"
                         % (id_column, ", ".join(map(repr, names)) or "none"))
    ids = dict(columns)[id_name] if id_name is not None else None
    return n, Rows(index, ids, id_name), columns


def _is_pandas_column(values):
    pd = _pandas()
    return pd is not None and isinstance(values, (pd.Series, pd.Index,
                                                  pd.api.extensions.ExtensionArray))


def columns_for_model(model, data, ignore_extra, id_column=None, ignored=None):
    """(n, Rows, [Column]) for every column of data that names a variable of model.

    The id column (id_column, or "id" when there is one) names rows in errors;
    unless it is a variable too, it is not scored and is no extra column.
    Under ignore_extra, the names of the other columns that are no variable
    are appended to the list ignored, when one is given.
    """
    n, rows, raw = table_columns(data, id_column)
    variables = model._variables_by_name
    columns = []
    for name, values in raw:
        var = variables.get(name) if isinstance(name, str) else None
        if var is None:
            if rows.id_name is not None and name == rows.id_name:
                continue
            if ignore_extra:
                if ignored is not None:
                    ignored.append(name)
                continue
            suggestion = model._suggest(name) if isinstance(name, str) else None
            if suggestion is not None:
                hint = "; did you mean '%s'?" % suggestion
            else:
                hint = " (pass ignore_extra=True to skip columns the model does not use)"
            raise AnkerError.at(Status.UNKNOWN_VARIABLE,
                                "the model %s has no variable of this name%s" % (model.id, hint),
                                field=str(name))
        columns.append(_column(var, name, values))
    return n, rows, columns


def _mismatch(name, var, what, hint=""):
    return AnkerError.at(Status.TYPE_MISMATCH,
                         "%s does not fit the %s variable%s" % (what, var.kind, hint),
                         field=name)


def _boolean_column(name, var, dtype):
    """The error for a column of True/False given to a numeric or categorical variable."""
    if var.kind == "numeric":
        hint = (": give numbers (if True and False stand for 1 and 0, convert the column "
                "first with .astype(float))")
    else:
        hint = " (give level names or integer level codes)"
    return _mismatch(name, var, "a column of %s (True/False)" % dtype, hint)


def _column(var, name, values):
    """The Column that binds values (any supported column type) to variable var."""
    pd = _pandas()
    if pd is not None and _is_pandas_column(values):
        dtype = values.dtype
        if isinstance(dtype, pd.CategoricalDtype):
            cat = values if isinstance(values, pd.Categorical) else values.array
            if var.kind == "categorical":
                return _level_codes(var, name, cat.categories, cat.codes)
            values = np.asarray(cat)  # e.g. numbers kept as a categorical: their values
        elif isinstance(dtype, np.dtype):
            values = values.to_numpy()  # a view for numpy-backed columns
        else:
            return _from_extension(var, name, values, dtype)
    if isinstance(values, np.ma.MaskedArray):
        return _from_masked(var, name, np.ma.getdata(values), np.ma.getmaskarray(values))
    return _from_numpy(var, name, values)


def _from_extension(var, name, values, dtype):
    """A Column for a pandas extension column (Int64, UInt64, Float64, boolean, string)."""
    kind = getattr(dtype, "kind", "O")
    numpy_dtype = getattr(dtype, "numpy_dtype", None)
    if kind == "b" and var.kind != "boolean":
        raise _boolean_column(name, var, dtype)
    if kind in "iufb" and numpy_dtype is not None:
        # <NA> is masked out: the values under it are never read.
        mask = np.asarray(values.isna(), dtype=bool)
        data = values.to_numpy(dtype=numpy_dtype, na_value=np.zeros((), numpy_dtype).item())
        return _from_masked(var, name, data, mask)
    return _from_numpy(var, name, values.to_numpy(dtype=object, na_value=None))


def _from_masked(var, name, data, mask):
    """A Column for values whose masked entries are missing, whatever data holds there."""
    if not mask.any():
        return _from_numpy(var, name, data)
    kind = data.dtype.kind
    if kind in "OUS":
        data = _text_objects(data) if kind == "S" else data.astype(object)
        data[mask] = None
        return _from_numpy(var, name, data)
    if kind == "f":
        return _from_numpy(var, name, np.where(mask, np.nan, data))
    if kind not in "iub":
        return _from_numpy(var, name, data)  # refused for its type
    # A harmless stand-in (0 or False) where masked, then the missing marker there.
    column = _from_numpy(var, name, np.where(mask, np.zeros((), data.dtype), data))
    if var.kind == "categorical":
        codes = column.array.copy()
        codes[mask] = -1
        return Column(name, codes, column.binder, column.failures)
    numbers = column.array.astype(np.float64)  # a copy; only level codes have -1 for missing
    numbers[mask] = np.nan
    return Column(name, numbers, "f64", column.failures)


def _text_objects(a):
    """An object array of str for a numpy array of bytes (UTF-8) or str."""
    if a.dtype.kind == "S":
        return np.array([b.decode("utf-8", "replace") for b in a], dtype=object)
    return a.astype(object)


def _from_numpy(var, name, a):
    kind = a.dtype.kind
    if kind in "USO" and var.kind == "categorical":
        return _codes_from_names(var, name, a)
    if kind in "US":
        return _floats_from_objects(var, name, _text_objects(a))
    if kind == "O":
        return _floats_from_objects(var, name, a)
    if kind == "f":
        if var.kind == "categorical" and np.isnan(a).all():
            return _plain(name, np.full(len(a), -1, dtype=np.int32), "i32")
        return _plain(name, a if a.dtype == np.float64 else a.astype(np.float64), "f64")
    if kind == "i":
        if a.dtype == np.int64:
            return _plain(name, a, "i64")
        if a.dtype == np.int32:
            return _plain(name, a, "i32")
        return _plain(name, a.astype(np.int64), "i64")
    if kind == "u":
        # An unsigned value never becomes negative (-1 would be a missing level code).
        if a.dtype.itemsize < 8:
            return _plain(name, a.astype(np.int64), "i64")
        if var.kind != "categorical":
            return _plain(name, a.astype(np.float64), "f64")
        # Codes past the int64 range become the (invalid) level count: the library
        # fails those rows as it fails any code the variable does not have.
        n_levels = len(var.levels)
        return _plain(name, np.where(a < n_levels, a, n_levels).astype(np.int64), "i64")
    if kind == "b":
        if var.kind != "boolean":
            raise _boolean_column(name, var, a.dtype)
        return _plain(name, a, "u8")
    raise _mismatch(name, var, "a column of %s" % a.dtype)


def _plain(name, a, binder):
    """A Column for a, copied only when the C batch cannot read it in place."""
    needs_copy = (
        not a.dtype.isnative
        or not a.flags.aligned
        or (len(a) > 1 and a.strides[0] <= 0)  # stride 0 means "packed" to the C batch
    )
    if needs_copy:
        a = np.ascontiguousarray(a, dtype=a.dtype.newbyteorder("="))
    return Column(name, a, binder)


def _isna_objects(a):
    """Missing cells of an object array: None, NaN, pandas NA/NaT."""
    pd = _pandas()
    if pd is not None:
        return np.asarray(pd.isna(a), dtype=bool)
    return np.fromiter((v is None or (isinstance(v, float) and v != v) for v in a),
                       dtype=bool, count=len(a))


def _is_plain_number_type(t, allow_bool):
    if t is bool or t is np.bool_:
        return allow_bool
    return t is int or t is float or issubclass(t, (np.integer, np.floating))


def _floats_from_objects(var, name, a):
    """Numbers from an object array of a numeric or boolean variable; NaN for missing.

    Numbers (int, float, numpy numbers, any numbers.Real) are converted. A
    boolean variable also takes True/False and the words of BOOLEAN_WORDS.
    An empty string is missing. Anything else fails its row: text is not
    parsed as a number, and a bool is not a number.
    """
    boolean = var.kind == "boolean"
    missing = _isna_objects(a)
    out = np.full(len(a), np.nan)
    present = np.flatnonzero(~missing)
    values = a[present]
    if all(_is_plain_number_type(t, boolean) for t in set(map(type, values))):
        try:
            out[present] = values.astype(np.float64)
            return Column(name, out, "f64")
        except OverflowError:  # an int too large for a double: found below
            pass

    text, bools, big, other = [], [], [], []
    for i, v in zip(present, values):
        if isinstance(v, str):
            if v == "":
                continue  # missing, as an empty cell is to the anker program
            x = boolean_word(v) if boolean else None
            if x is None:
                text.append(i)
            else:
                out[i] = x
        elif isinstance(v, (bool, np.bool_)):
            if boolean:
                out[i] = 1.0 if v else 0.0
            else:
                bools.append(i)
        elif isinstance(v, numbers.Real):
            try:
                out[i] = float(v)
            except OverflowError:
                big.append(i)
        else:
            other.append(i)

    failures = Failures()
    if boolean:
        failures.add(text, Status.TYPE_MISMATCH, lambda i: NOT_A_BOOLEAN % show(a[i]))
    else:
        failures.add(text, Status.TYPE_MISMATCH, lambda i: (
            "the text %s is not a number: numeric variables take numbers, and text is not "
            "parsed; convert the column first, e.g. with pd.to_numeric(data[%r], "
            "errors=\"coerce\"), which makes text that is no number missing (NaN)"
            % (show(a[i]), name)))
    failures.add(bools, Status.TYPE_MISMATCH, lambda i: (
        "%s is not a number: a boolean does not fit the numeric variable (give 1 or 0 if "
        "that is meant)" % show(a[i])))
    failures.add(big, Status.OUT_OF_RANGE, lambda i: TOO_LARGE)
    failures.add(other, Status.TYPE_MISMATCH, lambda i: "a value of type %s is not %s" % (
        type(a[i]).__name__, "a boolean" if boolean else "a number"))
    if failures:
        out[failures.rows()] = np.inf  # a value the library fails the row for, too
    return Column(name, out, "f64", failures)


def _not_a_level_name(value):
    return "a value of type %s is not a level name (give level names or integer level codes)" \
        % type(value).__name__


def _codes_from_names(var, name, a):
    """Level codes for a column of level names (str, bytes or object with missing cells)."""
    pd = _pandas()
    kind = a.dtype.kind
    if pd is not None and kind in "OU":
        try:
            # One hashed pass straight to the model's codes; only cells that got no
            # code (missing, "", unknown or not text) are looked at again.
            out = pd.Categorical(a, categories=var.levels).codes.astype(np.int32)
        except TypeError:  # a cell that cannot be hashed (a list, say): see below
            out = None
        if out is not None:
            rest = np.flatnonzero(out == -1)
            if not len(rest):
                return Column(name, out, "i32")
            values = a[rest]
            present = ~np.asarray(pd.isna(values), dtype=bool)
            rest, values = rest[present], values[present]
            # (pandas.NA is gone now: comparing it with "" would not give a bool.)
            is_text = np.fromiter((isinstance(v, str) for v in values), dtype=bool,
                                  count=len(values))
            failures = Failures()
            failures.add(rest[~is_text], Status.TYPE_MISMATCH,
                         lambda i: _not_a_level_name(a[i]))
            unknown = rest[is_text][np.asarray(values[is_text] != "", dtype=bool)]
            failures.add(unknown, Status.UNKNOWN_LEVEL, lambda i: _unknown_level(var))
            if failures:
                out[failures.rows()] = len(var.levels)  # the library fails these rows too
            return Column(name, out, "i32", failures)
    if kind == "O":
        missing = _isna_objects(a)
        is_text = np.fromiter((isinstance(v, str) for v in a), dtype=bool, count=len(a))
        wrong = np.flatnonzero(~missing & ~is_text)
        names, inverse = np.unique(np.where(is_text, a, "").astype(str), return_inverse=True)
        column = _level_codes(var, name, names, inverse)
        if len(wrong):
            column.array[wrong] = len(var.levels)
            failures = column.failures or Failures()
            column.failures = failures.add(wrong, Status.TYPE_MISMATCH,
                                           lambda i: _not_a_level_name(a[i]))
        return column
    names, inverse = np.unique(a, return_inverse=True)
    if kind == "S":
        names = [b.decode("utf-8", "replace") for b in names]
    return _level_codes(var, name, names, inverse)


def _unknown_level(var):
    return "value is none of the variable's %d levels (%s)" % (len(var.levels),
                                                              ", ".join(var.levels))


def _level_codes(var, name, categories, codes):
    """Map per-row category codes (-1 missing) to the variable's level codes in one lookup."""
    lut = np.empty(len(categories) + 1, dtype=np.int32)
    for i, category in enumerate(categories):
        if isinstance(category, bytes):
            category = category.decode("utf-8", "replace")
        if not isinstance(category, str):
            raise _mismatch(name, var, "a %s" % type(category).__name__,
                            " (give level names or integer level codes)")
        # "" cannot be a level name; an empty cell means missing, as in the anker program.
        lut[i] = -1 if category == "" else var._codes.get(category, _UNKNOWN)
    lut[-1] = -1  # category code -1 (missing) indexes the last entry
    out = lut[np.asarray(codes)]
    if (lut == _UNKNOWN).any():
        unknown = np.flatnonzero(out == _UNKNOWN)
        if len(unknown):
            out[unknown] = len(var.levels)  # an invalid code: the library fails these rows
            return Column(name, out, "i32", Failures().add(
                unknown, Status.UNKNOWN_LEVEL, lambda i: _unknown_level(var)))
    return Column(name, out, "i32")
