#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The worked examples of docs/wwb-toets.md run as written and print what the page shows.

Every ```json block after a line `<!-- example-file: NAME -->` is written to NAME in a
scratch directory; every ```sh block's `$ anker ...` command is run there (with the
built program, and data/norms of the source tree) and its standard output must equal
the ```text block that follows, byte for byte. The ```c block after a line
`<!-- example-program: NAME -->` is compiled against the built library, run from
the top of the source tree, and must print the ```text block that follows it.
The page must have the five examples the issue asks for.

usage: check-wwb-doc.py SOURCE_DIR ANKER_PROGRAM
"""
import pathlib
import re
import shlex
import subprocess
import sys
import tempfile

source, program = pathlib.Path(sys.argv[1]), sys.argv[2]
page = (source / "docs" / "wwb-toets.md").read_text(encoding="utf-8")
failures = []

files = re.findall(r"<!-- example-file: (\S+) -->\n```json\n(.*?)```", page, re.S)
runs = re.findall(r"```sh\n\$ (.*?)\n```\n\n```text\n(.*?)```", page, re.S)
for wanted in ["single.json", "son-25.json", "son-28.json", "boarder.json",
               "home-owner.json", "born-1963.json"]:
    if wanted not in [name for name, _ in files]:
        failures.append("no example file %s" % wanted)
if len(runs) < 7:
    failures.append("only %d commands with their output" % len(runs))

with tempfile.TemporaryDirectory() as scratch:
    for name, body in files:
        (pathlib.Path(scratch) / name).write_text(body, encoding="utf-8")
    for command, expected in runs:
        args = shlex.split(command)
        if args[0] != "anker":
            failures.append("not an anker command: %s" % command)
            continue
        args = [program] + [str(source / "data" / "norms") if a == "data/norms" else a
                            for a in args[1:]]
        proc = subprocess.run(args, cwd=scratch, capture_output=True, text=True)
        if proc.returncode != 0:
            failures.append("%s: exit %d: %s" % (command, proc.returncode, proc.stderr))
        elif proc.stdout != expected:
            failures.append("%s: output differs from the page:\n%s" % (command, proc.stdout))

# the C program: built against include/ and the library next to the program's build
build = pathlib.Path(program).resolve().parent.parent
programs = re.findall(r"<!-- example-program: (\S+) -->\n```c\n(.*?)```\n\n```text\n(.*?)```",
                      page, re.S)
if not programs:
    failures.append("no C example program")
with tempfile.TemporaryDirectory() as scratch:
    for name, body, expected in programs:
        src, exe = pathlib.Path(scratch) / name, pathlib.Path(scratch) / "example"
        src.write_text(body, encoding="utf-8")
        cc = subprocess.run(["cc", "-std=c11", "-Wall", "-Werror", "-I", str(source / "include"),
                             str(src), "-L", str(build / "lib"), "-lanker", "-o", str(exe)],
                            capture_output=True, text=True)
        if cc.returncode != 0:
            failures.append("%s does not compile: %s" % (name, cc.stderr))
            continue
        proc = subprocess.run([str(exe)], cwd=source, capture_output=True, text=True,
                              env={"LD_LIBRARY_PATH": str(build / "lib")})
        if proc.returncode != 0 or proc.stdout != expected:
            failures.append("%s: exit %d, output differs from the page:\n%s%s"
                            % (name, proc.returncode, proc.stdout, proc.stderr))

for f in failures:
    print(f)
sys.exit(1 if failures else 0)
