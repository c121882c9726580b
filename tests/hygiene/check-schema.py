#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every model file the loader accepts is valid against docs/model.schema.json.

docs/model-format.md promises it. The loader decides which files count:
each candidate goes through `anker model-info FILE`, and every one it accepts
(exit status 0) must validate. Candidates: the shipped models (data/models),
the golden models (tests/golden), any JSON under examples/, the model-loader
fuzz corpus, the complete example in docs/model-format.md, and every model the C suites
load from a buffer: the test programs after --run are run with
ANKER_TEST_SAVE_MODELS set, and tests/test-util.c (wrapped around
anker_model_load_buffer) saves each one the loader accepts.

The fuzz corpus names its files valid-* and bad-*; the loader must agree with
the names, so a corpus file that stops loading cannot drop out of this check
unnoticed.

usage: check-schema.py SOURCE_DIR ANKER_PROGRAM [--run TEST_PROGRAM...]
"""
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile

import jsonschema

source = pathlib.Path(sys.argv[1])
anker = sys.argv[2]
test_programs = sys.argv[4:] if sys.argv[3:4] == ["--run"] else []


def saved_by_the_suites(saved):
    """Runs the C test programs, which save every model the loader accepts into SAVED."""
    saved.mkdir()
    env = dict(os.environ, ANKER_TEST_SAVE_MODELS=str(saved), ANKER_SOURCE_DIR=str(source),
               CMOCKA_MESSAGE_OUTPUT="stdout")
    for program in test_programs:
        proc = subprocess.run([program], env=env, stdin=subprocess.DEVNULL, capture_output=True,
                              text=True, timeout=240)
        if proc.returncode != 0:
            sys.exit(f"{program} failed while saving its models:\n{proc.stdout}{proc.stderr}")
    files = sorted(saved.glob("*.json"))
    print(f"{len(files)} distinct models accepted by {len(test_programs)} test programs")
    if test_programs and len(files) < 50:
        sys.exit("the C suites saved fewer than 50 models: is the --wrap in tests/meson.build gone?")
    return files


def candidates(scratch):
    files = sorted((source / "data/models").glob("*.json"))
    files += sorted((source / "tests/golden").glob("*.json"))
    files += sorted((source / "examples").rglob("*.json"))
    files += sorted((source / "fuzz/corpus/model-load").iterdir())
    doc = (source / "docs/model-format.md").read_text()
    block = re.search(r"<!-- example: complete-model.*?-->\n```json\n(.*?)^```", doc,
                      flags=re.S | re.M)
    if not block:
        sys.exit("docs/model-format.md: the complete-model example block is gone")
    example = scratch / "model-format.md-complete-model.json"
    example.write_text(block.group(1))
    files.append(example)
    block = re.search(r"<!-- example: complete-questionnaire.*?-->\n```json\n(.*?)^```", doc,
                      flags=re.S | re.M)
    if not block:
        sys.exit("docs/model-format.md: the complete-questionnaire example block is gone")
    example = scratch / "model-format.md-complete-questionnaire.json"
    example.write_text(block.group(1))
    files.append(example)
    return files + saved_by_the_suites(scratch / "saved")


def accepted(path):
    proc = subprocess.run([anker, "model-info", str(path)], stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=60)
    if proc.returncode not in (0, 1):  # 1: the model was rejected; more: the program broke
        sys.exit(f"anker model-info {path}: exit status {proc.returncode}\n{proc.stderr}")
    return proc.returncode == 0, proc.stderr.strip()


def main():
    schema = json.loads((source / "docs/model.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    failures = []
    n_accepted = n_rejected = 0
    with tempfile.TemporaryDirectory() as tmp:
        for path in candidates(pathlib.Path(tmp)):
            name = path.relative_to(tmp) if pathlib.Path(tmp) in path.parents else path
            ok, message = accepted(path)
            if path.parent.name == "model-load" and path.name.startswith(("valid-", "bad-")):
                if ok != path.name.startswith("valid-"):
                    failures.append(f"{name}: the loader {'accepts' if ok else 'rejects'} it"
                                    + (f" ({message})" if message else ""))
            if not ok:
                n_rejected += 1
                continue
            n_accepted += 1
            errors = sorted(validator.iter_errors(json.loads(path.read_text())),
                            key=lambda e: list(e.absolute_path))
            for e in errors:
                where = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}"
                                      for p in e.absolute_path)
                failures.append(f"{name}: accepted by the loader, but at {where}: {e.message}")
    print(f"{n_accepted} files accepted by the loader, {n_rejected} rejected")
    if n_accepted < 12:
        failures.append(f"only {n_accepted} accepted files: the candidates are missing")
    for f in failures:
        print("FAIL: " + f)
    if failures:
        sys.exit(f"{len(failures)} failure(s)")
    print("every accepted file is valid against docs/model.schema.json")


main()
