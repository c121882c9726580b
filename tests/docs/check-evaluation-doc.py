#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The examples of docs/evaluation.md run as written and print what the page shows.

Each ```sh block holding one `$ COMMAND` line (optionally after NAME=value
environment settings) is run from a scratch directory that
looks like the source tree (data/, examples/, bindings/ and build/ linked in); when a
```text block follows it, standard output must equal it byte for byte. The ```python
block is run the same way with the binding of this tree, and the ```c block is
compiled against the library and run; each must print the ```text block after it.
The page must show `anker evaluate`, the Python call and the C program, and the
override figures (`anker evaluate --records`, `anker.overrides`).

usage: check-evaluation-doc.py SOURCE_DIR BUILD_DIR CC...
"""
import os
import pathlib
import re
import shlex
import subprocess
import sys
import tempfile

source, build, cc = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), sys.argv[3:]
page = (source / "docs" / "evaluation.md").read_text(encoding="utf-8")
blocks = re.findall(r"```(sh|python|c|text)\n(.*?)```", page, re.S)
failures = []
shown = {"sh": 0, "python": 0, "c": 0}

with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)
    for name in ("data", "examples", "bindings"):
        os.symlink(source / name, tmp / name)
    os.symlink(build, tmp / "build")
    env = dict(os.environ, LC_ALL="C", PYTHONPATH=str(source / "bindings" / "python"),
               ANKER_LIBRARY=str(build / "lib" / "libanker.so.1"), PYTHONDONTWRITEBYTECODE="1")
    for i, (kind, body) in enumerate(blocks):
        if kind == "text":
            continue
        expected = blocks[i + 1][1] if i + 1 < len(blocks) and blocks[i + 1][0] == "text" else None
        if kind == "sh":
            lines = re.sub(r"\\\n\s*", " ", body).strip().splitlines()
            if len(lines) != 1 or not lines[0].startswith("$ "):
                continue  # not an example with a prompt
            args = shlex.split(lines[0][2:])
            run_env = dict(env)
            while "=" in args[0]:  # NAME=value before the command: its environment
                name, value = args.pop(0).split("=", 1)
                run_env[name] = value
            if args[0] == "anker":
                args[0] = str(build / "tools" / "anker")
            proc = subprocess.run(args, cwd=tmp, capture_output=True, text=True, env=run_env)
            what = lines[0]
        elif kind == "python":
            proc = subprocess.run(["/usr/bin/python3", "-c", body], cwd=tmp, capture_output=True,
                                  text=True, env=env)
            what = "the python example"
        else:
            src, exe = tmp / "example.c", tmp / "example"
            src.write_text(body)
            subprocess.run(cc + ["-std=c99", "-Wall", "-Werror", "-I", str(source / "include"),
                                 str(src), "-o", str(exe), "-L", str(build / "lib"), "-lanker",
                                 "-lm", "-Wl,-rpath," + str(build / "lib")], check=True)
            proc = subprocess.run([str(exe)], cwd=tmp, capture_output=True, text=True)
            what = "the C example"
        shown[kind] += 1
        if proc.returncode != 0:
            failures.append("%s: exit %d: %s" % (what, proc.returncode, proc.stderr))
        elif expected is not None and proc.stdout != expected:
            failures.append("%s: output differs from the page:\n%s" % (what, proc.stdout))

for needed in ("anker evaluate --records", "anker.overrides("):
    if needed not in page:
        failures.append("the page does not show %s" % needed)
for kind, count in shown.items():
    if count == 0:
        failures.append("the page has no %s example" % kind)
for f in failures:
    print(f)
sys.exit(1 if failures else 0)
