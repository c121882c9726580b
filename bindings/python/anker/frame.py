# SPDX-License-Identifier: GPL-3.0-or-later
"""Turning tables (DataFrame, dict of arrays, structured array) into batch columns.

The C batch reads caller-owned arrays through (pointer, stride), so numeric
columns of float64, int64, int32 or bool are passed without copying, fields of
a structured array included. Level names are mapped to level codes once per
call: the distinct names are looked up in the model, and every row then gets
its code through one array lookup.

Missing values become what the C batch reads as missing: NaN in float columns,
code -1 in level-code columns. The model's missing-value policy does the rest.
"""

import sys
from collections.abc import Mapping

import numpy as np

from ._errors import AnkerError, Status

# Marks a level name the variable does not have, before it is reported.
_UNKNOWN = -2


def _pandas():
    """pandas if the caller has imported it; a caller without pandas never pays for it."""
    return sys.modules.get("pandas")


class Column:
    """One variable's values as the C batch reads them. Keeps the array alive."""

    __slots__ = ("name", "array", "binder", "unknown")

    def __init__(self, name, array, binder, unknown=None):
        self.name = name
        self.array = array
        self.binder = binder  # "f64", "i64", "i32" or "u8"
        self.unknown = unknown  # rows with a level name the variable does not have

    @property
    def stride(self):
        return self.array.strides[0]


def table_columns(data):
    """(row count, pandas index or None, [(name, values)]) of a supported table."""
    pd = _pandas()
    if pd is not None and isinstance(data, pd.DataFrame):
        if not data.columns.is_unique:
            dup = data.columns[data.columns.duplicated()].tolist()
            raise ValueError("the DataFrame has duplicate column names: %r" % (dup,))
        return len(data), data.index, [(name, data[name]) for name in data.columns]
    if isinstance(data, np.ndarray):
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
        return len(data), None, columns
    if isinstance(data, Mapping):
        columns = []
        n = None
        for name, values in data.items():
            if not _is_pandas_column(values):
                values = np.asarray(values)
                if values.ndim != 1:
                    raise ValueError("column %r must be one-dimensional, not %d-D"
                                     % (name, values.ndim))
            if n is None:
                n, first = len(values), name
            elif len(values) != n:
                raise ValueError("column %r has %d rows but column %r has %d"
                                 % (name, len(values), first, n))
            columns.append((name, values))
        return n or 0, None, columns
    raise TypeError("can score a pandas DataFrame, a dict of arrays or a numpy structured "
                    "array, not %s" % type(data).__name__)


def _is_pandas_column(values):
    pd = _pandas()
    return pd is not None and isinstance(values, (pd.Series, pd.Index,
                                                  pd.api.extensions.ExtensionArray))


def columns_for_model(model, data, ignore_extra, errors):
    """(n, index, [Column]) for every column of data that names a variable of model."""
    n, index, raw = table_columns(data)
    variables = model._variables_by_name
    columns = []
    for name, values in raw:
        var = variables.get(name) if isinstance(name, str) else None
        if var is None:
            if ignore_extra:
                continue
            raise AnkerError.at(Status.UNKNOWN_VARIABLE,
                                "the model %s has no variable of this name (pass "
                                "ignore_extra=True to skip columns the model does not use)"
                                % model.id, field=str(name))
        columns.append(_column(var, name, values, errors))
    return n, index, columns


def _mismatch(name, var, what, hint=""):
    return AnkerError.at(Status.TYPE_MISMATCH,
                         "%s does not fit the %s variable%s" % (what, var.kind, hint),
                         field=name)


def _column(var, name, values, errors):
    """The Column that binds values (any supported column type) to variable var."""
    pd = _pandas()
    if pd is not None and _is_pandas_column(values):
        dtype = values.dtype
        if isinstance(dtype, pd.CategoricalDtype):
            cat = values if isinstance(values, pd.Categorical) else values.array
            if var.kind == "categorical":
                return _level_codes(var, name, cat.categories, cat.codes, errors)
            values = np.asarray(cat)  # e.g. numbers kept as a categorical: their values
        elif isinstance(dtype, np.dtype):
            values = values.to_numpy()  # a view for numpy-backed columns
        else:
            values = _from_extension(var, name, values, dtype)
    return _from_numpy(var, name, values, errors)


def _from_extension(var, name, values, dtype):
    """A numpy array for a pandas extension column (Int64, Float64, boolean, string)."""
    if dtype.kind in "iu" and var.kind == "categorical":
        return values.to_numpy(dtype=np.int64, na_value=-1)
    if dtype.kind in "iufb":
        return values.to_numpy(dtype=np.float64, na_value=np.nan)
    return values.to_numpy(dtype=object, na_value=None)


def _from_numpy(var, name, a, errors):
    kind = a.dtype.kind
    if kind in "USO" and var.kind == "categorical":
        return _codes_from_names(var, name, a, errors)
    if kind == "O":
        return _plain(name, _floats_from_objects(var, name, a), "f64")
    if kind in "US":
        raise _mismatch(name, var, "a column of text",
                        " (give numbers)" if var.kind == "numeric" else " (give True/False or 0/1)")
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
        if a.dtype.itemsize < 8:
            return _plain(name, a.astype(np.int64), "i64")
        if var.kind != "categorical":
            return _plain(name, a.astype(np.float64), "f64")
        # Codes past the int64 range would wrap around; make them plainly invalid.
        big = a > np.iinfo(np.int64).max
        return _plain(name, np.where(big, len(var.levels), a).astype(np.int64), "i64")
    if kind == "b":
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


def _floats_from_objects(var, name, a):
    """Numbers (and, for a boolean variable, booleans) from an object array; NaN for missing."""
    missing = _isna_objects(a)
    present = a[~missing]
    allow_bool = var.kind == "boolean"
    for v in present:
        if isinstance(v, (bool, np.bool_)):
            if not allow_bool:
                raise _mismatch(name, var, "a boolean")
        elif isinstance(v, str):
            raise _mismatch(name, var, "a level name")
        elif not isinstance(v, (int, float, np.integer, np.floating)):
            raise _mismatch(name, var, "a value of type %s" % type(v).__name__)
    out = np.full(len(a), np.nan)
    if len(present):
        out[~missing] = present.astype(np.float64)
    return out


def _codes_from_names(var, name, a, errors):
    """Level codes for a column of level names (str, bytes or object with missing cells)."""
    pd = _pandas()
    kind = a.dtype.kind
    if pd is not None and kind in "OU":
        # One hashed pass straight to the model's codes; only cells that got no
        # code (missing, "", unknown or not text) are looked at again.
        out = pd.Categorical(a, categories=var.levels).codes.astype(np.int32)
        rest = np.flatnonzero(out == -1)
        if len(rest):
            values = a[rest]
            present = ~np.asarray(pd.isna(values), dtype=bool)
            rest, values = rest[present], values[present]
            # (pandas.NA is gone now: comparing it with "" would not give a bool.)
            bad = rest[np.asarray(values != "", dtype=bool)]
            for v in a[bad]:
                if not isinstance(v, str):
                    raise _mismatch(name, var, "a %s" % type(v).__name__,
                                    " (give level names or integer level codes)")
            if len(bad):
                unknown = np.zeros(len(a), dtype=bool)
                unknown[bad] = True
                return _unknown_levels(var, name, out, unknown, errors)
        return Column(name, out, "i32")
    if kind == "O":
        missing = _isna_objects(a)
        present = a[~missing]
        for v in present:
            if not isinstance(v, str):
                raise _mismatch(name, var, "a %s" % type(v).__name__,
                                " (give level names or integer level codes)")
        names, inverse = np.unique(present.astype(str), return_inverse=True)
        codes = np.full(len(a), -1, dtype=np.intp)
        codes[~missing] = inverse
        return _level_codes(var, name, names, codes, errors)
    names, inverse = np.unique(a, return_inverse=True)
    if kind == "S":
        names = [b.decode("utf-8", "replace") for b in names]
    return _level_codes(var, name, names, inverse, errors)


def _level_codes(var, name, categories, codes, errors):
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
        unknown = out == _UNKNOWN
        if unknown.any():
            return _unknown_levels(var, name, out, unknown, errors)
    return Column(name, out, "i32")


def _unknown_levels(var, name, out, unknown, errors):
    """Raise for level names the variable does not have, or (coerce) fail just those rows."""
    rows = np.flatnonzero(unknown)
    if errors == "raise":
        raise AnkerError.at(
            Status.UNKNOWN_LEVEL, "value is none of the variable's %d levels (%s)%s"
            % (len(var.levels), ", ".join(var.levels),
               "; %d rows in all" % len(rows) if len(rows) > 1 else ""),
            field=name, case_index=int(rows[0]))
    out[unknown] = len(var.levels)  # an invalid code: the C batch fails these rows
    return Column(name, out, "i32", unknown)
