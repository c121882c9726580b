#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The README's commands that use the build tree run as written.

Every ```sh block of README.md whose first command starts with build/tools/anker,
PYTHONPATH=, export PKG_CONFIG_PATH= or LD_LIBRARY_PATH= runs with sh -e from a scratch
directory that looks like the source tree (its build/, data/, examples/ and
bindings/ linked in), so that outputs such as scores.csv land there and not in
the tree. Blocks that install, use sudo or the quick-start scripts are covered
elsewhere (check-install.sh, check-quickstart.py) and are listed as skipped.

usage: check-readme-commands.py SOURCE_DIR BUILD_DIR
"""
import os
import pathlib
import re
import subprocess
import sys
import tempfile

source, build = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
RUNNABLE = ("build/tools/anker", "PYTHONPATH=", "export PKG_CONFIG_PATH=", "LD_LIBRARY_PATH=")

text = (source / "README.md").read_text()
blocks = re.findall(r"^```sh\n(.*?)^```", text, flags=re.S | re.M)


def commands(block):
    """The block's commands: continuation lines joined, comments dropped."""
    joined = re.sub(r"\\\n\s*", " ", block)
    lines = [re.sub(r"\s+#.*$", "", line).strip() for line in joined.splitlines()]
    return [line for line in lines if line and not line.startswith("#")]


ran, failures = 0, []
with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)
    for name in ("data", "examples", "bindings"):
        os.symlink(source / name, tmp / name)
    os.symlink(build, tmp / "build")
    for block in blocks:
        cmds = commands(block)
        if not cmds or not cmds[0].startswith(RUNNABLE):
            print("skipped: %s" % cmds[:1])
            continue
        r = subprocess.run(["sh", "-ec", block], cwd=tmp, capture_output=True, text=True)
        ran += 1
        print("ran: %s -> exit %d" % (cmds[0][:70], r.returncode))
        if r.returncode != 0 or not r.stdout.strip() and "--out" not in block:
            failures.append("README block %r: exit %d\n%s%s" % (cmds[0], r.returncode,
                                                             r.stdout, r.stderr))

if ran < 3:
    failures.append("only %d README blocks ran; expected the anker, Python and "
                    "uninstalled pkg-config examples" % ran)
for f in failures:
    print("FAIL: " + f)
sys.exit(1 if failures else 0)
