#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""docs/werkverkenner.md's examples run as written and print what the page says.

Each ```console block: the lines starting with "$ " are run in order (anker
being the program built here) in a scratch directory whose data/ and examples/
link to the source tree, so that the files they write (first.json, ...) stay
there; the lines after a command are its expected standard output, compared
exactly. The ```python block runs with the binding of this tree and its output
is compared with the ```text block after it. The record's "followup" shown in
the ```json block is compared with the month-7 record the commands wrote.

usage: check-werkverkenner-doc.py SOURCE_DIR ANKER_PROGRAM LIBRARY
(LIBRARY empty: the python example is not run, as in a sanitizer build)
"""
import json
import os
import pathlib
import re
import shlex
import subprocess
import sys
import tempfile

source, anker, library = pathlib.Path(sys.argv[1]), sys.argv[2], sys.argv[3]
text = (source / "docs" / "werkverkenner.md").read_text(encoding="utf-8")
failures = []

with tempfile.TemporaryDirectory() as tmp:
    for part in ("data", "examples", "bindings"):
        os.symlink(source / part, os.path.join(tmp, part))
    blocks = re.findall(r"^```console\n(.*?)^```", text, flags=re.S | re.M)
    if len(blocks) < 3:
        sys.exit("docs/werkverkenner.md has %d console blocks, not 3" % len(blocks))
    for block in blocks:
        steps = re.split(r"^\$ ", block, flags=re.M)[1:]
        for step in steps:
            command, _, expected = step.partition("\n")
            args = shlex.split(command)
            assert args[0] == "anker", command
            proc = subprocess.run([anker] + args[1:], cwd=tmp, capture_output=True,
                                  text=True, env=dict(os.environ, LC_ALL="C"))
            if proc.returncode != 0:
                failures.append("%s: exit %d: %s" % (command, proc.returncode, proc.stderr))
            elif proc.stdout != expected:
                failures.append("%s printed:\n%s\nthe page says:\n%s"
                                % (command, proc.stdout, expected))
    record = json.loads(pathlib.Path(tmp, "month7.json").read_text())
    shown = re.search(r"^```json\n(.*?)^```", text, flags=re.S | re.M).group(1)
    if json.loads(shown) != record["followup"]:
        failures.append("the followup shown is not the record's: %s" % record["followup"])
    summary = pathlib.Path(tmp, "summary.html")
    if not summary.exists() or "FLAGGED" not in summary.read_text():
        failures.append("summary.html was not written with the flag")
    code = re.search(r"^```python\n(.*?)^```", text, flags=re.S | re.M).group(1)
    if not library:
        print("the python example is left to the python suite (a sanitizer build)")
        code = None
    printed = re.search(r"^prints\n\n```text\n(.*?)^```", text, flags=re.S | re.M).group(1)
    env = dict(os.environ, ANKER_LIBRARY=library,
               PYTHONPATH=str(source / "bindings" / "python"), PYTHONDONTWRITEBYTECODE="1")
    proc = code and subprocess.run([sys.executable, "-c", code], cwd=tmp, capture_output=True,
                                   text=True, env=env)
    if proc and (proc.returncode != 0 or proc.stdout != printed):
        failures.append("the python example printed:\n%s%s\nthe page says:\n%s"
                        % (proc.stdout, proc.stderr, printed))

for f in failures:
    print("FAIL:", f)
if failures:
    sys.exit("%d failure(s)" % len(failures))
print("docs/werkverkenner.md: every example ran as written")
