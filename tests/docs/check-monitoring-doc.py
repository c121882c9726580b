#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""docs/monitoring.md (or DOC) runs as written: its ```python and ```sh blocks in order,
in one scratch directory that looks like the source tree (data/, examples/,
bindings/ and build/ linked in), the Python blocks in one namespace. For a line
`print(...)  # TEXT`, TEXT must be in what that block printed.

usage: check-monitoring-doc.py SOURCE_DIR BUILD_DIR [DOC]

DOC is a page under docs/ (default monitoring.md): docs/simulation.md runs the same way.
"""
import contextlib
import io
import os
import pathlib
import re
import subprocess
import sys
import tempfile

source, build = pathlib.Path(sys.argv[1]).resolve(), pathlib.Path(sys.argv[2]).resolve()
os.environ.setdefault("ANKER_LIBRARY", str(build / "lib" / "libanker.so.1"))
sys.path.insert(0, str(source / "bindings" / "python"))

doc = sys.argv[3] if len(sys.argv) > 3 else "monitoring.md"
text = (source / "docs" / doc).read_text(encoding="utf-8")
blocks = re.findall(r"^```(\w*)\n(.*?)^```$", text, flags=re.M | re.S)
failures = []
with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)
    for name in ("data", "examples", "bindings"):
        os.symlink(source / name, tmp / name)
    os.symlink(build, tmp / "build")
    os.chdir(tmp)
    namespace = {"__name__": "monitoring_md"}
    for n, (lang, code) in enumerate(blocks):
        if lang == "python":
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                exec(compile(code, "docs/%s block %d" % (doc, n), "exec"), namespace)
            printed = out.getvalue()
            for says in re.findall(r"^\s*print\(.*\)\s+# (.+)$", code, flags=re.M):
                if says not in printed:
                    failures.append("block %d: %r not in %r" % (n, says, printed))
        elif lang == "sh":
            proc = subprocess.run(["sh", "-e", "-c", code], capture_output=True, text=True)
            if proc.returncode != 0:
                failures.append("block %d: exit %d: %s" % (n, proc.returncode, proc.stderr))
        elif lang != "json":
            failures.append("block %d: a block in %r, which this check does not run" % (n, lang))
    ran = sum(1 for lang, _ in blocks if lang in ("python", "sh"))
if failures or ran < 4:
    sys.exit("\n".join(failures) or "only %d blocks ran" % ran)
print("docs/%s: %d blocks ran" % (doc, ran))
