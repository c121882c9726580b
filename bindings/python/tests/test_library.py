# SPDX-License-Identifier: GPL-3.0-or-later
"""Loading the library, the prototype table, versions and status codes."""

import ctypes
import ctypes.util
import os
import pickle
import re
import subprocess
import sys

import pytest

import anker
from anker import _lib


def test_versions_are_consistent(source_dir):
    assert re.fullmatch(r"\d+\.\d+\.\d+", anker.__version__)
    assert anker.library_version() == _lib.lib.version
    major, minor, micro = (int(x) for x in anker.library_version().split("."))
    assert _lib.lib.anker_version_number() == major * 10000 + minor * 100 + micro
    assert major == 1
    # The binding's version follows the project's.
    meson_build = (source_dir / "meson.build").read_text()
    assert "version: '%s'" % anker.__version__ in meson_build


def test_anker_library_overrides_the_path():
    if "ANKER_LIBRARY" not in os.environ:
        pytest.skip("ANKER_LIBRARY is not set")
    assert anker.library_path() == os.environ["ANKER_LIBRARY"]


def test_prototype_table_declares_only_exported_functions(source_dir):
    """Every declared function is in lib/anker.sym, once; the allocator hooks stay C-only."""
    sym = (source_dir / "lib" / "anker.sym").read_text()
    exported = set(re.findall(r"^\s*(anker_\w+);", sym, re.M))
    declared = [entry[0] for entry in _lib.PROTOTYPES]
    assert len(declared) == len(set(declared))
    assert set(declared) <= exported
    assert "anker_ctx_new_with_allocator" not in declared


def test_missing_symbol_names_symbol_and_both_versions():
    table = _lib.PROTOTYPES + [("anker_from_a_later_release", [ctypes.c_int], ctypes.c_int,
                                _lib.check_status)]
    with pytest.raises(anker.LibraryError) as info:
        _lib.Library(_lib.lib.cdll, "libanker-under-test.so", table)
    message = str(info.value)
    assert "anker_from_a_later_release" in message
    assert "libanker " + anker.library_version() in message          # the library's version
    assert "binding " + anker.__version__ in message                   # the binding's version
    assert "older than the binding" in message
    assert "libanker-under-test.so" in message
    assert isinstance(info.value, ImportError)


def test_other_major_version_is_refused():
    with pytest.raises(anker.LibraryError,
                       match=r"is libanker 2\.1\.0, but .* needs libanker 1\.x"):
        _lib.check_major(20100, "libanker.so.2")
    _lib.check_major(10203, "libanker.so.1")  # any 1.x is accepted


def test_unloadable_library_gives_a_clear_error(tmp_path):
    env = dict(os.environ, ANKER_LIBRARY=str(tmp_path / "no-such-libanker.so.1"),
               PYTHONPATH=str(_binding_dir()))
    proc = subprocess.run([sys.executable, "-c", "import anker"], env=env,
                          capture_output=True, text=True)
    assert proc.returncode != 0
    assert "anker.LibraryError" in proc.stderr or "LibraryError" in proc.stderr
    assert "no-such-libanker.so.1" in proc.stderr
    assert "ANKER_LIBRARY" in proc.stderr


def test_a_library_that_is_not_libanker_is_refused():
    libm = ctypes.util.find_library("m")
    with pytest.raises(anker.LibraryError, match="is not libanker"):
        _lib.load(libm)


def _binding_dir():
    return os.path.dirname(os.path.dirname(os.path.abspath(anker.__file__)))


def test_status_enum_is_read_from_the_library():
    # Values from include/anker/error.h, which promises they never change.
    assert anker.Status.OK == 0
    assert anker.Status.INVALID_ARGUMENT == -1
    assert anker.Status.SYNTAX == -4
    assert anker.Status.UNKNOWN_VARIABLE == -13
    assert anker.Status.UNKNOWN_LEVEL == -15
    assert anker.Status.TOO_LARGE == -19
    codes = [int(s) for s in anker.Status]
    assert codes == sorted(codes, reverse=True)
    # 0, -1, ... -25 without gaps; parts of the library work in reserved ranges
    # after them (fitting: -34..-36), which a merged library fills
    assert set(range(0, -26, -1)) <= set(codes)
    assert anker.Status.SEPARATION == -34 and anker.Status.NOT_CONVERGED == -36
    assert anker.status_name(-4) == "ANKER_E_SYNTAX"
    assert anker.status_name(0) == "ANKER_OK"
    assert anker.status_name(-len(codes)) is None
    assert anker.strerror(-4) == "syntax error"


def test_anker_error_carries_code_name_and_where():
    e = anker.AnkerError(anker.Status.OUT_OF_RANGE, "case 3: 'health': too high",
                         field="health", case_index=3)
    assert e.code == -17 and e.name == "ANKER_E_OUT_OF_RANGE"
    assert e.status is anker.Status.OUT_OF_RANGE
    assert str(e) == "case 3: 'health': too high"
    assert e.file is None and e.line == 0 and e.column == 0 and e.path is None
    assert isinstance(e, Exception)
    again = pickle.loads(pickle.dumps(e))
    assert (again.code, again.message, again.text, again.field, again.case_index) == \
        (e.code, e.message, e.text, "health", 3)
    made = anker.AnkerError.at(anker.Status.UNKNOWN_LEVEL, "no such level", field="region",
                               case_index=7)
    assert made.message == "case 7: 'region': no such level" and made.text == "no such level"
    default = anker.AnkerError(-3)
    assert default.message == "input/output error"


def test_errcheck_raises_for_a_negative_status():
    # A NULL context is an invalid argument for anker_case_new.
    case = _lib.case_p()
    with pytest.raises(anker.AnkerError) as info:
        _lib.lib.anker_case_new(None, ctypes.byref(case))
    assert info.value.code == anker.Status.INVALID_ARGUMENT
    assert "anker_case_new" in info.value.message
    assert not case  # outputs are untouched on failure


def test_constants_come_from_the_library():
    # values as written in include/anker/model.h and score.h
    assert _lib.constant("ANKER_BAND_BOUNDARY_LOWER") == 1
    assert _lib.constant("ANKER_BAND_BOUNDARY_UPPER") == 2
    assert _lib.constant("ANKER_SCORE_IGNORE_EXTRA") == 1
    with pytest.raises(anker.AnkerError) as info:
        _lib.constant("ANKER_NO_SUCH_CONSTANT")
    assert info.value.name == "ANKER_E_NOT_FOUND"
