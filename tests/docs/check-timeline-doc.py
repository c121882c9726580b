#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The worked examples of docs/timeline.md run as written and print what the page shows.

Every ```csv block after `<!-- example-file: NAME -->` is written to NAME in a
scratch directory; every ```sh block's `$ anker ...` command is run there with the
built program (data/norms meaning the source tree's) and every ```python block with
the binding of the source tree; each one's standard output must equal the ```text
block that follows, byte for byte.

usage: check-timeline-doc.py SOURCE_DIR ANKER_PROGRAM LIBANKER
"""
import os
import pathlib
import re
import shlex
import subprocess
import sys
import tempfile

source, program, library = pathlib.Path(sys.argv[1]), sys.argv[2], sys.argv[3]
page = (source / "docs" / "timeline.md").read_text(encoding="utf-8")
failures = []

files = re.findall(r"<!-- example-file: (\S+) -->\n```csv\n(.*?)```", page, re.S)
runs = re.findall(r"```(sh|python)\n(.*?)```\n\n```text\n(.*?)```", page, re.S)
if len(runs) < 5:
    failures.append("only %d examples with their output" % len(runs))

with tempfile.TemporaryDirectory() as scratch:
    for name, body in files:
        (pathlib.Path(scratch) / name).write_text(body, encoding="utf-8")
    for kind, code, expected in runs:
        if kind == "sh":
            args = shlex.split(code.strip()[2:])
            if not code.startswith("$ anker "):
                failures.append("not an anker command: %s" % code)
                continue
            args = [program] + [str(source / "data" / "norms") if a == "data/norms" else a
                                for a in args[1:]]
            proc = subprocess.run(args, cwd=scratch, capture_output=True, text=True)
        else:
            code = code.replace('"data/norms"', repr(str(source / "data" / "norms")))
            env = dict(os.environ, ANKER_LIBRARY=library,
                       PYTHONPATH=str(source / "bindings" / "python"))
            proc = subprocess.run(["/usr/bin/python3", "-c", code], cwd=scratch,
                                  capture_output=True, text=True, env=env)
        if proc.returncode != 0:
            failures.append("%s: exit %d: %s" % (code, proc.returncode, proc.stderr))
        elif proc.stdout != expected:
            failures.append("%s: output differs from the page:\n%s" % (code, proc.stdout))

for f in failures:
    print(f)
sys.exit(1 if failures else 0)
