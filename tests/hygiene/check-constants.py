#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every integer constant in the public headers has its function twin:
anker_constant_lookup() knows it, with the value a C compiler gives it."""
import ctypes
import pathlib
import re
import subprocess
import sys
import tempfile

lib_path, header_dir, cc = sys.argv[1], pathlib.Path(sys.argv[2]), sys.argv[3].split()

names = set()
for header in sorted(header_dir.glob("*.h")):
    text = re.sub(r"/\*.*?\*/", "", header.read_text(), flags=re.S)
    for body in re.findall(r"enum\s+\w+\s*\{(.*?)\}", text, flags=re.S):
        names.update(re.findall(r"\b(ANKER_[A-Z0-9_]+)\s*=", body))
    for name, value in re.findall(r"^#define\s+(ANKER_[A-Z0-9_]+)[ \t]+(.+)$", text, flags=re.M):
        if not value.strip().startswith('"'):  # strings are not integer constants
            names.add(name)

# The values as the compiler sees them, from a program that prints them all.
program = "#include <stdio.h>\n#include <anker/anker.h>\nint main(void)\n{\n"
program += "".join(f'\tprintf("%s %lld\\n", "{n}", (long long)({n}));\n' for n in sorted(names))
program += "\treturn 0;\n}\n"
with tempfile.TemporaryDirectory() as tmp:
    src = pathlib.Path(tmp, "constants.c")
    src.write_text(program)
    exe = pathlib.Path(tmp, "constants")
    subprocess.run(cc + ["-I", str(header_dir.parent), "-o", str(exe), str(src)], check=True)
    compiled = dict(line.split() for line in subprocess.run(
        [str(exe)], check=True, capture_output=True, text=True).stdout.splitlines())

lib = ctypes.CDLL(lib_path)
lookup = lib.anker_constant_lookup
lookup.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_longlong)]
lookup.restype = ctypes.c_int

problems = []
for name in sorted(names):
    value = ctypes.c_longlong()
    rc = lookup(name.encode(), ctypes.byref(value))
    if rc != 0:
        problems.append(f"{name}: no function twin (anker_constant_lookup returned {rc})")
    elif value.value != int(compiled[name]):
        problems.append(f"{name}: twin says {value.value}, the header says {compiled[name]}")
for p in problems:
    print(p)
print(f"{len(names)} integer constants in the headers, {len(problems)} problems")
sys.exit(1 if problems else 0)
