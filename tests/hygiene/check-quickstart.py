#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The README's quick-start scripts fail loudly, and scripts/demo prints its summary.

A fresh machine is where these scripts matter most, and where a lost `set -eu`
or a `... || true` shows only as a demo that prints errors and exits 0. Each
script named in the README's "Quick start" block is copied into a scratch tree
(it finds its top directory from its own path) and run with a PATH whose
`meson`, `apt-get`, `dpkg-query` and `sudo` are stubs, so nothing is built or
installed and every run takes milliseconds:

  1. scripts/setup-deps a stub that succeeds, meson failing: exit status != 0;
  2. the real scripts/setup-deps with apt-get failing: exit status != 0, and
     meson never called (setup-deps runs first and its failure stops the script);
  3. `meson setup` succeeding but `meson compile` failing: exit status != 0;
  4. meson succeeding but nothing built, in a tree with every source file:
     exit status != 0 (each later step must notice that its programs are missing).

Then scripts/demo runs once more with meson a no-op and build/ holding the real
anker program and score-case example of this build, and its summary is checked
against the scores file it wrote, counted here independently, and so are its
Werkverkenner lines (completion, bands, invitation rate) against the results
file of the synthetic intake.

usage: check-quickstart.py SOURCE_DIR ANKER_PROGRAM SCORE_CASE_PROGRAM
"""
import csv
import json
import os
import pathlib
import re
import shutil
import stat
import subprocess
import sys
import tempfile

source, anker_program, score_case_program = (pathlib.Path(a) for a in sys.argv[1:4])
failures = []


def fail(message):
    failures.append(message)
    print("FAIL: " + message)


def quickstart_scripts():
    """scripts/NAME at the start of a line in the README's Quick start code block."""
    readme = (source / "README.md").read_text()
    section = re.search(r"^## Quick start\n(.*?)^## ", readme, flags=re.M | re.S)
    if not section:
        sys.exit("README.md has no '## Quick start' section")
    block = re.search(r"^```sh\n(.*?)^```", section.group(1), flags=re.M | re.S)
    if not block:
        sys.exit("README.md's Quick start has no ```sh block")
    names = re.findall(r"^(scripts/[\w-]+)", block.group(1), flags=re.M)
    if not names:
        sys.exit("README.md's Quick start names no scripts/ command")
    for name in names:
        if not (source / name).is_file():
            sys.exit(f"README.md's Quick start names {name}, which does not exist")
    return names


STUB = """#!/bin/sh
echo "{name} $*" >> "$QUICKSTART_CALLS"
{body}
"""

STUB_BODIES = {
    # MESON_STUB: fail (every call), fail-compile (only `meson compile`), ok.
    "meson": """case "$MESON_STUB:$1" in
fail:* | fail-compile:compile) echo "meson (stub): failing on purpose" >&2; exit 1 ;;
esac
exit 0""",
    "apt-get": 'echo "apt-get (stub): failing on purpose" >&2\nexit 100',
    # every package looks absent, so setup-deps must call apt-get
    "dpkg-query": "exit 1",
    "sudo": 'exec "$@"',
}


def write_executable(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)


def run(script, scratch, meson, real_setup_deps, prepare=None, locale=None):
    """Run a copy of SCRIPT in a fresh tree under SCRATCH; returns (rc, output, calls)."""
    if scratch.exists():
        shutil.rmtree(scratch)
    top, stubs, calls = scratch / "top", scratch / "bin", scratch / "calls"
    write_executable(top / script, (source / script).read_text())
    if real_setup_deps:
        write_executable(top / "scripts/setup-deps", (source / "scripts/setup-deps").read_text())
    elif script != "scripts/setup-deps":
        write_executable(top / "scripts/setup-deps",
                         STUB.format(name="scripts/setup-deps", body="exit 0"))
    for name, body in STUB_BODIES.items():
        write_executable(stubs / name, STUB.format(name=name, body=body))
    calls.write_text("")
    if prepare:
        prepare(top)
    env = dict(os.environ, PATH=f"{stubs}:{os.environ['PATH']}", MESON_STUB=meson,
               QUICKSTART_CALLS=str(calls))
    if locale:
        env["LC_ALL"] = locale
    proc = subprocess.run(["sh", str(top / script)], cwd=scratch, env=env, timeout=60,
                          stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True)
    return proc.returncode, proc.stdout, calls.read_text().splitlines()


def link_sources(top):
    """The source tree's files (not scripts/ or any build directory), as symlinks."""
    for entry in source.iterdir():
        if entry.name not in ("scripts", ".git") and not entry.name.startswith("build"):
            (top / entry.name).symlink_to(entry.resolve())


def check_fails(script, scratch, case, meson, real_setup_deps=False, prepare=None):
    rc, output, calls = run(script, scratch, meson, real_setup_deps, prepare)
    print(f"{script}, {case}: exit status {rc}")
    if rc == 0:
        fail(f"{script} exits 0 when {case}; its output:\n{output}")
    return calls


def check_static(script):
    text = (source / script).read_text()
    if not re.search(r"^set -eu$", text, flags=re.M):
        fail(f"{script} has no 'set -eu' line")
    if not re.search(r"^scripts/setup-deps (build|test|bench)$", text, flags=re.M):
        fail(f"{script} does not call scripts/setup-deps on a line of its own")


def check_script(script, scratch):
    check_static(script)
    calls = check_fails(script, scratch, "meson fails", "fail")
    if not any(c.startswith("scripts/setup-deps ") for c in calls):
        fail(f"{script} did not call scripts/setup-deps (calls: {calls})")
    elif not calls[0].startswith("scripts/setup-deps "):
        fail(f"{script} called {calls[0]!r} before scripts/setup-deps")
    calls = check_fails(script, scratch, "apt-get fails in scripts/setup-deps", "ok",
                        real_setup_deps=True)
    if not any(c.startswith("apt-get") for c in calls):
        fail(f"{script}: scripts/setup-deps never tried apt-get (calls: {calls})")
    if any(c.startswith("meson") for c in calls):
        fail(f"{script} went on to meson after scripts/setup-deps failed (calls: {calls})")
    check_fails(script, scratch, "meson compile fails", "fail-compile")
    # with the sources there, so that every later step (fuzzing too) is reached
    check_fails(script, scratch, "meson succeeds but builds nothing", "ok",
                prepare=link_sources)


def expect_lines(lines, expected, what, of):
    """Whether LINES hold EXPECTED in a row (a failure is recorded when not)."""
    try:
        at = lines.index(expected[0])
    except ValueError:
        fail(f"scripts/demo did not print {expected[0]!r}")
        return False
    if lines[at:at + len(expected)] != expected:
        fail(f"scripts/demo's {what} is not the recount of {of}:\n"
             + "\n".join(lines[at:at + len(expected)]) + "\nexpected:\n" + "\n".join(expected))
    after = lines[at + len(expected):at + len(expected) + 1]
    if after and after[0].startswith("  band "):
        fail(f"scripts/demo's {what} has a line that is no band of the model: {after[0]!r}")
    return True


def check_demo_summary(scratch):
    """scripts/demo on this build's programs: its summary equals a recount of its output."""
    def prepare(top):
        (top / "build/tools").mkdir(parents=True)
        (top / "build/examples").mkdir(parents=True)
        (top / "build/tools/anker").symlink_to(anker_program.resolve())
        (top / "build/examples/score-case").symlink_to(score_case_program.resolve())
        for part in ("data/models/demo-amt-6m.json", "examples/data/caseload.csv",
                     "data/models/demo-werkverkenner.json", "data/models/demo-wv-12m.json",
                     "data/models/demo-wv-advies.json", "data/profiles/demo-werkverkenner.json",
                     "examples/werkverkenner/make-intake.py"):
            (top / part).parent.mkdir(parents=True, exist_ok=True)
            (top / part).symlink_to((source / part).resolve())

    # A Dutch locale writes 0,5 for 0.5: the summary must not depend on it.
    rc, output, calls = run("scripts/demo", scratch, "ok", False, prepare, "nl_NL.UTF-8")
    print(output)
    if rc != 0:
        fail(f"scripts/demo on a built tree: exit status {rc}")
        return
    if "scripts/setup-deps build" not in calls:
        fail(f"scripts/demo did not call 'scripts/setup-deps build' (calls: {calls})")

    with open(scratch / "top/build/demo-scores.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    model = json.loads((source / "data/models/demo-amt-6m.json").read_text())
    bands = [item["name"] for item in model["bands"]["items"]]
    mean = sum(float(r["probability"]) for r in rows) / len(rows)

    expected = [f"cases: {len(rows)}, mean chance of work within 6 months: {mean:.3f}"]
    for band in bands:
        count = sum(1 for r in rows if r["band"] == band)
        expected.append(f"  band {band:<10} {count:6d} cases ({100 * count / len(rows):4.1f}%)")
    lines = output.splitlines()
    if not expect_lines(lines, expected, "band summary", "its scores"):
        return
    if len(rows) < 100:
        fail(f"scripts/demo scored only {len(rows)} cases")
    for needle in ("id:          demo-amt-6m", "sha256:", "One synthetic client",
                   "probability: ", "linear predictor: "):
        if needle not in output:
            fail(f"scripts/demo did not print {needle!r}")
    check_werkverkenner_summary(scratch, lines)


def check_werkverkenner_summary(scratch, lines):
    """The Werkverkenner lines of scripts/demo equal a recount of the results it wrote."""
    with open(scratch / "top/build/demo-werkverkenner.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    model = json.loads((source / "data/models/demo-wv-12m.json").read_text())
    bands = [item["name"] for item in model["bands"]["items"]]
    done = [r for r in rows if r["completed"] == "true"]
    invited = sum(1 for r in rows if r["uitnodiging"] == "uitnodigen")
    expected = [f"clients: {len(rows)}, completed: {len(done)} "
                f"({100 * len(done) / len(rows):.1f}%)"]
    for band in bands:
        count = sum(1 for r in done if r["band"] == band)
        expected.append(f"  band {band:<8} {count:6d} completed ({100 * count / len(done):4.1f}%)")
    expected.append(f"invited to a werkorientatiegesprek: {invited} of {len(rows)} "
                    f"({100 * invited / len(rows):.1f}%)")
    if not expect_lines(lines, expected, "Werkverkenner summary", "its results"):
        return
    if len(rows) < 10000:
        fail(f"scripts/demo assessed only {len(rows)} Werkverkenner clients")
    # the invitation rule, recounted from the chance itself: at most 50% or not completed
    for r in rows:
        should = r["completed"] == "false" or float(r["chance"]) <= 0.5
        if should != (r["uitnodiging"] == "uitnodigen"):
            fail(f"client {r['id']}: invitation {r['uitnodiging']} for chance {r['chance']!r}")
            break


def main():
    scripts = quickstart_scripts()
    print("quick-start scripts in README.md:", ", ".join(scripts))
    for script in ("scripts/demo", "scripts/test"):
        if script not in scripts:
            fail(f"README.md's Quick start no longer names {script}")
    with tempfile.TemporaryDirectory() as tmp:
        for script in scripts:
            check_script(script, pathlib.Path(tmp) / "run")
        check_demo_summary(pathlib.Path(tmp) / "run")
    if failures:
        sys.exit(f"{len(failures)} failure(s)")
    print("quick-start scripts: all checks passed")


main()
