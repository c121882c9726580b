#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""scripts/rebuild-demo-models rebuilds the shipped demonstration models.

Runs the script with the anker program under test into a temporary directory
and compares each rebuilt model with the shipped file: every key and string
equal, every number equal to 1e-9 (relative; the fit's last bits may differ
between compilers and CPU dispatch), the provenance's library version equal to
the version of the program that rebuilt it, and the provenance's history
SHA-256 equal to that of the history the script kept.

A shipped model that is not a fitted one (its provenance's data says
"None: ...", as the hand-set models did) fails the test.

Environment as for test_cli.py: ANKER_PROGRAM, ANKER_SOURCE_DIR.
"""
import hashlib
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import unittest

ANKER = os.environ.get("ANKER_PROGRAM", "")
SOURCE_DIR = os.environ.get("ANKER_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
SCRIPT = os.path.join(SOURCE_DIR, "scripts", "rebuild-demo-models")
MODELS = ["demo-amt-6m", "demo-nt-6m", "demo-rt-12m", "demo-blijf-12m", "demo-wv-12m"]
VERSION = re.compile(r"; libanker (\d+\.\d+\.\d+)$")


def differences(rebuilt, shipped, path="$"):
    """Where two parsed JSON documents differ (numbers to 1e-9 relative)."""
    if isinstance(shipped, dict):
        if not isinstance(rebuilt, dict) or list(rebuilt) != list(shipped):
            return [path + ": keys differ"]
        return [d for k in shipped for d in differences(rebuilt[k], shipped[k], path + "." + k)]
    if isinstance(shipped, list):
        if not isinstance(rebuilt, list) or len(rebuilt) != len(shipped):
            return [path + ": lengths differ"]
        return [d for i, (a, b) in enumerate(zip(rebuilt, shipped))
                for d in differences(a, b, "%s[%d]" % (path, i))]
    if isinstance(shipped, float) or isinstance(rebuilt, float):
        ok = isinstance(rebuilt, (int, float)) and math.isclose(rebuilt, shipped, rel_tol=1e-9,
                                                                abs_tol=1e-12)
        return [] if ok else ["%s: %r, shipped %r" % (path, rebuilt, shipped)]
    return [] if rebuilt == shipped else ["%s: %r, shipped %r" % (path, rebuilt, shipped)]


class RebuildDemoModels(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.history = os.path.join(cls.tmp.name, "history.csv")
        proc = subprocess.run([SCRIPT, "--out-dir", cls.tmp.name, "--keep-history", cls.history],
                              env=dict(os.environ, ANKER=ANKER), capture_output=True)
        if proc.returncode != 0:
            raise AssertionError(proc.stderr.decode())
        version = subprocess.run([ANKER, "--version"], capture_output=True, check=True)
        cls.version = re.search(r"\d+\.\d+\.\d+", version.stdout.decode()).group(0)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def load(self, *parts):
        with open(os.path.join(*parts), encoding="utf-8") as f:
            return json.load(f)

    def test_each_rebuilt_model_is_the_shipped_one(self):
        with open(self.history, "rb") as f:
            history_sha = hashlib.sha256(f.read()).hexdigest()
        for model in MODELS:
            with self.subTest(model=model):
                rebuilt = self.load(self.tmp.name, model + ".json")
                shipped = self.load(SOURCE_DIR, "data", "models", model + ".json")
                # the library version: the rebuilding program's, and the shipped one's own
                method = rebuilt["provenance"]["method"]
                self.assertEqual(VERSION.search(method).group(1), self.version)
                shipped_method = shipped["provenance"]["method"]
                self.assertIsNotNone(VERSION.search(shipped_method), shipped_method)
                rebuilt["provenance"]["method"] = VERSION.sub("", method)
                shipped["provenance"]["method"] = VERSION.sub("", shipped_method)
                self.assertEqual(differences(rebuilt, shipped), [])
                prov = shipped["provenance"]
                self.assertIn("Fitted to simulated, not real, data", prov["statement"])
                self.assertIn("--seed 20261202", prov["notes"])
                self.assertIn("--cases 100000", prov["notes"])
                self.assertIn("--spec data/models/%s.json" % model, prov["notes"])
                if model != "demo-wv-12m":
                    self.assertIn(history_sha, prov["data"])

    def test_the_history_is_the_documented_command(self):
        # the notes' simulate command, run here, writes the history the models were fitted on
        out = os.path.join(self.tmp.name, "again.csv")
        subprocess.run([ANKER, "simulate", "--scenario",
                        os.path.join(SOURCE_DIR, "data", "simulation", "demo-ww-history.json"),
                        "--cases", "100000", "--seed", "20261202", "--out", out, "--quiet"],
                       check=True)
        with open(out, "rb") as a, open(self.history, "rb") as b:
            self.assertEqual(a.read(), b.read())


def hand_set():
    """The shipped models that are not fitted ones (their data says "None: ...")."""
    found = []
    for model in MODELS:
        with open(os.path.join(SOURCE_DIR, "data", "models", model + ".json"),
                  encoding="utf-8") as f:
            if json.load(f)["provenance"]["data"].startswith("None:"):
                found.append(model)
    return found


class ShippedModelsAreFitted(unittest.TestCase):
    def test_no_hand_set_model_is_shipped(self):
        self.assertEqual(hand_set(), [], "run scripts/rebuild-demo-models")


if __name__ == "__main__":
    unittest.main()
