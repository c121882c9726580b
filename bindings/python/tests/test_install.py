# SPDX-License-Identifier: GPL-3.0-or-later
"""The package installs with pip, offline, and works from outside the source tree."""

import os
import shutil
import subprocess
import sys

import pytest


def test_pip_install_offline(source_dir, model_path, tmp_path):
    for module in ("venv", "pip", "setuptools", "wheel"):
        if subprocess.run([sys.executable, "-c", "import " + module],
                          capture_output=True).returncode != 0:
            pytest.skip("python3-%s is not installed" % module)
    if "ANKER_LIBRARY" not in os.environ:
        pytest.skip("ANKER_LIBRARY is not set (outside the tree the SONAME would be used)")
    # Build from a copy, so that setuptools leaves nothing in the source tree.
    package = tmp_path / "src"
    shutil.copytree(source_dir / "bindings" / "python", package,
                    ignore=shutil.ignore_patterns("tests", "build", "*.egg-info",
                                                  "__pycache__"))
    venv = tmp_path / "venv"
    # The venv sees Debian's numpy, pip and setuptools through the system site-packages.
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", "--without-pip",
                    str(venv)], check=True)
    python = str(venv / "bin" / "python")
    subprocess.run([python, "-m", "pip", "install", "--quiet", "--no-build-isolation",
                    "--no-index", "--disable-pip-version-check", str(package)], check=True)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    probe = ("import anker, sys; m = anker.Model.load(sys.argv[1]); "
             "print(anker.__file__); print(anker.__version__, m.id)")
    proc = subprocess.run([python, "-c", probe, str(model_path)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, check=True)
    where, version = proc.stdout.splitlines()
    assert where.startswith(str(venv))
    import anker
    assert version == "%s demo-amt-6m" % anker.__version__
