# SPDX-License-Identifier: GPL-3.0-or-later
"""Every ```python block of docs/python.md runs, in order and in one namespace, from the
source tree against the shipped model and caseload, and prints what its comments say:
for a line `print(...)  # TEXT`, TEXT must be in what that block printed.

Blocks in another language are not run; NOT_RUN says why, and a block in a language
it does not list fails the test."""

import hashlib
import importlib.util
import logging
import os
import re

import pytest

pytest.importorskip("pandas")

FENCE = re.compile(r"^```(\w*)\n(.*?)^```$", re.M | re.S)
PRINT_SAYS = re.compile(r"^\s*print\(.*\)\s+# (.+)$")

NOT_RUN = {
    "sh": "pip install into the system or a virtual environment; test_install.py installs "
          "the package offline into a virtual environment and imports it",
}


def test_python_md_examples_run(source_dir, model_path, model_json, capsys, caplog):
    text = (source_dir / "docs" / "python.md").read_text(encoding="utf-8")
    blocks = FENCE.findall(text)
    assert not set(lang for lang, _ in blocks) - {"python"} - set(NOT_RUN), blocks
    python = [code for lang, code in blocks if lang == "python"]
    assert len(re.findall(r"^```", text, re.M)) == 2 * len(blocks)  # no block missed
    assert len(python) >= 8

    caplog.set_level(logging.INFO, logger="anker")
    namespace = {}
    skipped = []
    checked = 0
    cwd = os.getcwd()
    os.chdir(source_dir)
    try:
        for number, block in enumerate(python, start=1):
            if "import dask" in block and importlib.util.find_spec("dask") is None:
                skipped.append(number)
                continue
            exec(compile(block, "docs/python.md example %d" % number, "exec"), namespace)
            out = capsys.readouterr().out
            for line in block.splitlines():
                says = PRINT_SAYS.match(line)
                if says:
                    assert says.group(1) in out, (number, line, out)
                    checked += 1
    finally:
        os.chdir(cwd)
    assert checked >= 8
    # The Context example logs the loading of the model at INFO through `logging`: the
    # demonstration model, named as its file says (Python's json and hashlib).
    assert model_json["id"] == "demo-amt-6m"
    assert "loaded model %s version %s (sha256 %s)" % (
        model_json["id"], model_json["version"],
        hashlib.sha256(model_path.read_bytes()).hexdigest()) in caplog.text
    if skipped:
        pytest.skip("docs/python.md example(s) %s need dask, which is not installed" % skipped)
