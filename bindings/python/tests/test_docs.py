# SPDX-License-Identifier: GPL-3.0-or-later
"""The ```python examples of docs/python.md run, in order, from the source tree."""

import os
import re

import pytest

pytest.importorskip("pandas")


def test_python_md_examples_run(source_dir, capsys):
    text = (source_dir / "docs" / "python.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```python\n(.*?)^```$", text, re.M | re.S)
    assert len(blocks) >= 5
    namespace = {}
    cwd = os.getcwd()
    os.chdir(source_dir)
    try:
        for number, block in enumerate(blocks, start=1):
            exec(compile(block, "docs/python.md example %d" % number, "exec"), namespace)
    finally:
        os.chdir(cwd)
    out = capsys.readouterr().out
    assert "demo-amt-6m 1.0.0" in out
    assert "ANKER_E_UNKNOWN_KEY x.json $.colour colour" in out
    assert "['OK', 'OUT_OF_RANGE', 'UNKNOWN_LEVEL']" in out
