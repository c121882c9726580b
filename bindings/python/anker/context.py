# SPDX-License-Identifier: GPL-3.0-or-later
"""The library context: where models, cases and results are created, and their log."""

import ctypes
import enum
import threading

from . import _lib
from ._lib import lib


LogLevel = enum.IntEnum("LogLevel", [
    (name, _lib.constant("ANKER_LOG_" + name)) for name in ("ERROR", "WARNING", "INFO", "DEBUG")],
    module=__name__)
LogLevel.__doc__ = "Log levels, with syslog's values (enum anker_log_level), read from the library."


class Context(_lib.OwnsHandles):
    """A libanker context (struct anker_ctx).

    Most programs never make one: models use a shared default context. Make your
    own to receive the library's log messages::

        ctx = anker.Context(log=lambda level, message: print(level, message),
                            log_level=anker.LogLevel.INFO)
        model = anker.Model.load("model.json", context=ctx)

    ``log`` is called as ``log(level, message)`` from whichever thread uses an
    object of this context; messages never contain case values. Exceptions it
    raises are reported through sys.unraisablehook and otherwise ignored.
    Configure logging before sharing the context between threads.

    Objects made from a context keep it alive (in C and in Python), so closing
    a context only drops this object's own reference.
    """

    def __init__(self, log=None, log_level=None):
        handle = _lib.ctx_p()
        lib.anker_ctx_new(ctypes.byref(handle))
        self._handle = handle
        # The ctypes callbacks must outlive every C use of them: keep them all.
        self._log_callback = None
        self._old_log_callback = None
        self._log = None
        if log is not None:
            self.set_log(log)
        if log_level is not None:
            self.log_level = log_level

    def _ptr(self):
        if not self._handle:
            raise ValueError("the anker.Context is closed")
        return self._handle

    def set_log(self, log):
        """Route the library's log messages to ``log(level, message)``; None logs nothing."""
        handle = self._ptr()
        if log is None:
            lib.anker_ctx_set_log_fn(handle, _lib.LOG_FN(), None)  # NULL: log nothing
            self._log = None
            return

        def trampoline(_data, level, message):
            log(level, message.decode("utf-8", "replace") if message else "")

        callback = _lib.LOG_FN(trampoline)
        lib.anker_ctx_set_log_fn(handle, callback, None)
        # Keep the previous callback too: a call already in flight may still use it.
        self._old_log_callback = self._log_callback
        self._log_callback = callback
        self._log = log

    @property
    def log_level(self):
        """Only messages with level <= log_level are passed on (default LogLevel.ERROR)."""
        return LogLevel(lib.anker_ctx_get_log_level(self._ptr()))

    @log_level.setter
    def log_level(self, level):
        lib.anker_ctx_set_log_level(self._ptr(), int(level))

    def close(self):
        """Drop this object's reference to the C context; objects made from it keep theirs."""
        handle, self._handle = self._handle, None
        if handle:
            lib.anker_ctx_unref(handle)


    def __repr__(self):
        state = "closed" if not self._handle else "log=%r" % (self._log,)
        return "<anker.Context %s>" % state


_default = None
_default_lock = threading.Lock()


def default_context():
    """The shared context used when no context is given, created on first use."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Context()
    return _default
