# SPDX-License-Identifier: GPL-3.0-or-later
"""Status codes, AnkerError, and the caller-owned C error object."""

import ctypes
import enum

from . import _lib
from ._lib import lib


def _status_members():
    """Every code the loaded library knows: 0, -1, -2, ... -255 (ranges may have gaps)."""
    members = []
    for code in range(0, -256, -1):
        name = lib.anker_status_name(code)
        if name is None:
            continue
        short = name[len("ANKER_E_"):] if name.startswith("ANKER_E_") else name[len("ANKER_"):]
        members.append((short, code))
    return members


Status = enum.IntEnum("Status", _status_members(), module=__name__)
Status.__doc__ = """The library's status codes, read from the loaded libanker at import.

Member names drop the C prefix: ANKER_E_SYNTAX is Status.SYNTAX, ANKER_OK is Status.OK.
"""


def status_name(code):
    """The C name of a status code ("ANKER_E_SYNTAX"), or None for a value that is no code."""
    return lib.anker_status_name(int(code))


def strerror(code):
    """A short English description of a status code."""
    return lib.anker_strerror(int(code))


class AnkerError(Exception):
    """A libanker call failed.

    Attributes: code (int, negative), name ("ANKER_E_SYNTAX"), status (a Status
    member, or the int for a code this library does not know), message (the full
    message, starting with where: "file:line:column: ", "$.path: ", a row such as
    "row 'C000042' (position 41, id 'C000042'): " or "row 41 (0-based): ",
    "'field': "), text (the message without where), and where it applies: file,
    line, column (1-based, 0 when unknown), path (JSON path such as
    "$.terms[2].coef"), field (variable, column or key), case_index (0-based row
    position in a table, -1 when none), row_label (the DataFrame index label of
    that row; None for other tables) and row_id (the id column's value in that
    row; None without an id column).
    """

    __module__ = "anker"

    def __init__(self, code, message=None, *, text=None, file=None, line=0, column=0,
                 path=None, field=None, case_index=-1, row_label=None, row_id=None):
        self.code = int(code)
        self.name = status_name(self.code) or "ANKER_E_UNKNOWN(%d)" % self.code
        self.message = message or text or strerror(self.code)
        self.text = text or self.message
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.field = field
        self.case_index = case_index
        self.row_label = row_label
        self.row_id = row_id
        super().__init__(self.message)

    @classmethod
    def at(cls, code, text, *, field=None, case_index=-1, row=None, row_label=None,
           row_id=None):
        """An error made by the binding, its message laid out as the library's are.

        row is how the message names the row ("row 3 (0-based)"); without it, a
        case_index gives "case N: " as the library's messages do.
        """
        where = ""
        if row is not None:
            where += row + ": "
        elif case_index >= 0:
            where += "case %d: " % case_index
        if field is not None:
            where += "'%s': " % field
        return cls(code, where + text, text=text, field=field, case_index=case_index,
                   row_label=row_label, row_id=row_id)

    @property
    def status(self):
        try:
            return Status(self.code)
        except ValueError:
            return self.code

    def __str__(self):
        return self.message

    def __repr__(self):
        return "AnkerError(%s, %r)" % (self.name, self.message)

    def __reduce__(self):
        # Picklable, so that errors cross process pools (multiprocessing, dask).
        return (_rebuild_error, (self.code, self.message, self.text, self.file, self.line,
                                 self.column, self.path, self.field, self.case_index,
                                 self.row_label, self.row_id))


def _rebuild_error(code, message, text, file, line, column, path, field, case_index,
                   row_label=None, row_id=None):
    return AnkerError(code, message, text=text, file=file, line=line, column=column, path=path,
                      field=field, case_index=case_index, row_label=row_label, row_id=row_id)


class ErrorBuffer(_lib.OwnsHandles):
    """Owns one struct anker_error; pass it where a C function takes `struct anker_error *`."""

    _is_anker_error = True

    def __init__(self):
        handle = _lib.error_p()
        lib.anker_error_new(ctypes.byref(handle))
        self._as_parameter_ = handle

    def close(self):
        handle, self._as_parameter_ = self._as_parameter_, None
        if handle:
            lib.anker_error_free(handle)


    def clear(self):
        lib.anker_error_clear(self._as_parameter_)

    def to_exception(self, code=None):
        """An AnkerError from what the library recorded (with code, what the call returned)."""
        h = self._as_parameter_
        recorded = lib.anker_error_code(h)
        if code is None:
            code = recorded
        recorded = recorded < 0
        return AnkerError(
            code, lib.anker_error_message(h) if recorded else None,
            text=lib.anker_error_text(h) if recorded else None,
            file=lib.anker_error_file(h),
            line=lib.anker_error_line(h),
            column=lib.anker_error_column(h),
            path=lib.anker_error_path(h),
            field=lib.anker_error_field(h),
            case_index=lib.anker_error_case_index(h))


def raise_status(code, func_name, args):
    """Raise the AnkerError for a failed call (the errcheck of status-returning functions)."""
    for arg in args:
        if getattr(arg, "_is_anker_error", False) and arg._as_parameter_:
            raise arg.to_exception(code)
    raise AnkerError(code, "%s: %s" % (func_name, strerror(code)))
