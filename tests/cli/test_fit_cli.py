#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""anker fit end to end: agreement with statsmodels, provenance, atomic outputs, errors.

Environment as for test_cli.py: ANKER_PROGRAM, ANKER_SOURCE_DIR. The history
files are written here from statsmodels' spector data set and synthetic cases.
"""
import hashlib
import json
import os
import subprocess
import tempfile
import unittest

import numpy as np
import pandas as pd
import statsmodels.api as sm

ANKER = os.environ.get("ANKER_PROGRAM", "")
SOURCE_DIR = os.environ.get("ANKER_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
DEMO = os.path.join(SOURCE_DIR, "data", "models", "demo-amt-6m.json")

SPEC = {
    "format": "anker-model", "format_version": 1, "kind": "binary", "id": "spector",
    "name": "Spector", "version": "1.0.0", "toets": "AMT",
    "outcome": {"description": "grade improved", "horizon_months": 6},
    "valid_from": "2026-01-01",
    "provenance": {"statement": "Test model.", "data": "none", "fitted_by": "tests",
                   "fitted_on": "2001-01-01"},
    "variables": [{"name": "GPA", "kind": "numeric", "range": [0, 5]},
                  {"name": "TUCE", "kind": "numeric", "range": [0, 100]},
                  {"name": "PSI", "kind": "boolean"}],
    "link": "logit",
    "terms": [{"type": "intercept", "name": "base", "label": "b", "coef": 0},
              {"type": "linear", "name": "gpa", "label": "g", "variable": "GPA", "coef": 0},
              {"type": "linear", "name": "tuce", "label": "t", "variable": "TUCE", "coef": 0},
              {"type": "linear", "name": "psi", "label": "p", "variable": "PSI", "coef": 0}],
    "bands": {"boundary": "lower", "items": [{"name": "low", "upper": 0.5}, {"name": "high"}]},
}


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def load(path):
    return json.loads(read_bytes(path))


def run(args):
    proc = subprocess.run([ANKER, "fit"] + args, capture_output=True, timeout=300)
    proc.stderr = proc.stderr.decode("utf-8", "replace")
    proc.stdout = proc.stdout.decode("utf-8", "replace")
    return proc


class Fit(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        d = sm.datasets.spector.load_pandas().data
        d = d.assign(PSI=d["PSI"].map({0.0: "false", 1.0: "true"}), GRADE=d["GRADE"].astype(int))
        self.data = d
        self.csv = self.path("history.csv")
        d.to_csv(self.csv, index=False)
        self.spec = self.write("spec.json", SPEC)

    def tearDown(self):
        self.dir.cleanup()

    def path(self, name):
        return os.path.join(self.dir.name, name)

    def write(self, name, obj):
        with open(self.path(name), "w", encoding="utf-8") as f:
            f.write(obj if isinstance(obj, str) else json.dumps(obj, indent=1))
        return self.path(name)

    def fit(self, *extra, csv=None, spec=None):
        return run(["--spec", spec or self.spec, "--in", csv or self.csv, "--outcome", "GRADE",
                    "--out", self.path("model.json"), "--stats", self.path("stats.json")]
                   + list(extra))

    def test_agrees_with_statsmodels_and_records_provenance(self):
        proc = self.fit("--fitted-by", "Team Analyse")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        stats = load(self.path("stats.json"))
        d = sm.datasets.spector.load_pandas().data
        ref = sm.Logit(d["GRADE"], sm.add_constant(d[["GPA", "TUCE", "PSI"]])).fit(disp=0)
        est = [c["estimate"] for c in stats["coefficients"]]
        se = [c["std_error"] for c in stats["coefficients"]]
        np.testing.assert_allclose(est, ref.params, rtol=1e-6)
        np.testing.assert_allclose(se, ref.bse, rtol=1e-6)
        model_bytes = read_bytes(self.path("model.json"))
        self.assertEqual(stats["model"]["sha256"], hashlib.sha256(model_bytes).hexdigest())
        prov = json.loads(model_bytes)["provenance"]
        sha = hashlib.sha256(read_bytes(self.csv)).hexdigest()
        self.assertEqual(prov["data"], "history.csv (SHA-256 %s): 32 cases, 11 events" % sha)
        self.assertNotIn("fitted_on", prov)
        self.assertEqual(prov["fitted_by"], "Team Analyse")
        # the fitted model scores with anker score
        scored = subprocess.run([ANKER, "score", "--model", self.path("model.json"),
                                 "--ignore-extra", "--in", self.csv, "--out", self.path("scores.csv")],
                                capture_output=True)
        self.assertEqual(scored.returncode, 0, scored.stderr)

    def test_refit_of_the_demo_model_matches_statsmodels_on_its_design(self):
        # the demo model as its own specification; the design from the library's
        # contributions would be circular, so only the log-likelihood is compared
        # with statsmodels at the fitted coefficients, and the refit is loadable.
        cases = pd.read_csv(os.path.join(SOURCE_DIR, "examples", "data", "caseload.csv"),
                            dtype=str, keep_default_na=False)
        rng = np.random.default_rng(5)
        cases["work_6m"] = (rng.random(len(cases)) < 0.4).astype(int)
        csv = self.path("cases.csv")
        cases.to_csv(csv, index=False)
        proc = run(["--spec", DEMO, "--in", csv, "--outcome", "work_6m",
                    "--out", self.path("refit.json"), "--fitted-on", "2026-12-01"])
        self.assertEqual(proc.returncode, 0, proc.stderr)
        refit = load(self.path("refit.json"))
        self.assertEqual(refit["provenance"]["fitted_on"], "2026-12-01")
        info = subprocess.run([ANKER, "model-info", self.path("refit.json")], capture_output=True)
        self.assertEqual(info.returncode, 0, info.stderr)

    def test_weights_column(self):
        self.data.assign(w=2.0).to_csv(self.csv, index=False)
        self.assertEqual(self.fit("--weights", "w").returncode, 0)
        doubled = load(self.path("stats.json"))
        self.data.to_csv(self.csv, index=False)
        self.fit()
        single = load(self.path("stats.json"))
        for a, b in zip(doubled["coefficients"], single["coefficients"]):
            self.assertAlmostEqual(a["estimate"] / b["estimate"], 1.0, places=9)
            self.assertAlmostEqual(a["std_error"] * 2 ** 0.5 / b["std_error"], 1.0, places=9)

    def assert_fails(self, proc, *words, status=1):
        self.assertEqual(proc.returncode, status, proc.stderr)
        for w in words:
            self.assertIn(w, proc.stderr)
        self.assertFalse(os.path.exists(self.path("model.json")))
        self.assertFalse(os.path.exists(self.path("stats.json")))

    def test_errors_name_file_line_and_field(self):
        d = self.data.copy()
        d.loc[4, "GPA"] = None
        d.to_csv(self.csv, index=False)
        self.assert_fails(self.fit(), "history.csv:6:1 (GPA):", "missing")
        d = self.data.copy().astype({"GRADE": object})
        d.loc[2, "GRADE"] = "maybe"
        d.to_csv(self.csv, index=False)
        self.assert_fails(self.fit(), "history.csv:4:4 (GRADE): not a boolean")
        d.loc[2, "GRADE"] = 2
        d.to_csv(self.csv, index=False)
        self.assert_fails(self.fit(), "history.csv:4:4 (GRADE):", "must be 0 or 1")
        self.data.drop(columns=["TUCE"]).to_csv(self.csv, index=False)
        self.assert_fails(self.fit(), "history.csv:1: no column called 'TUCE'")
        self.data.assign(GRADE=(self.data["GPA"] > 3).astype(int)).to_csv(self.csv, index=False)
        self.assert_fails(self.fit(), "spec.json", "separation", "term 'gpa'")
        self.data.to_csv(self.csv, index=False)
        spec = json.loads(json.dumps(SPEC))
        spec["terms"].append(dict(spec["terms"][1], name="gpa2"))
        self.assert_fails(self.fit(spec=self.write("s2.json", spec)), "singular",
                          "term 'gpa2' is a linear combination of term 'gpa'")
        self.assert_fails(self.fit(spec=self.write("s3.json", "{\n\"format\": 1\n")),
                          "s3.json:")
        self.assert_fails(self.fit("--max-iter", "1"), "no convergence in 1 iterations")

    def test_an_existing_output_survives_a_failure(self):
        with open(self.path("model.json"), "w") as f:
            f.write("old")
        self.data.drop(columns=["PSI"]).to_csv(self.csv, index=False)
        self.assertEqual(self.fit().returncode, 1)
        self.assertEqual(read_bytes(self.path("model.json")).decode(), "old")

    def test_usage(self):
        self.assert_fails(run(["--spec", self.spec]), "--in is required", status=2)
        self.assert_fails(self.fit("--l2", "-1"), "--l2", status=2)
        self.assert_fails(self.fit("--tol", "x"), "--tol", status=2)
        self.assert_fails(self.fit("--max-iter", "0"), "--max-iter", status=2)
        self.assert_fails(self.fit("--fitted-on", "2026-02-30"), "--fitted-on", status=2)
        proc = run(["--help"])
        self.assertEqual(proc.returncode, 0)
        for section in ("NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "EXIT STATUS", "EXAMPLES"):
            self.assertIn(section, proc.stdout)

    def test_cox_on_the_heart_data_agrees_with_phreg(self):
        from statsmodels.duration.hazard_regression import PHReg
        h = sm.datasets.heart.load_pandas().data
        csv = self.path("heart.csv")
        h.to_csv(csv, index=False)
        spec = {k: v for k, v in SPEC.items() if k != "link"}
        spec.update(kind="duration", toets="BLIJF",
                    variables=[{"name": "age", "kind": "numeric", "range": [0, 100]}],
                    terms=[{"type": "linear", "name": "age", "label": "Age", "variable": "age",
                            "coef": 0}],
                    survival={"form": "cox", "baseline": {"months": [30, 365],
                                                          "survival": [1, 1]}},
                    horizons=[6], bands={"boundary": "lower", "items": [
                        {"name": "short", "upper": 0.5}, {"name": "long"}]})
        path = self.write("heart-spec.json", spec)
        args = ["--spec", path, "--in", csv, "--time", "survival", "--event", "censors",
                "--out", self.path("model.json"), "--stats", self.path("stats.json")]
        for ties in ("efron", "breslow"):
            proc = run(args + ["--ties", ties])
            self.assertEqual(proc.returncode, 0, proc.stderr)
            stats = load(self.path("stats.json"))
            ref = PHReg(h["survival"], h[["age"]], status=h["censors"], ties=ties).fit()
            np.testing.assert_allclose([c["estimate"] for c in stats["coefficients"]],
                                       ref.params, rtol=1e-6)
            np.testing.assert_allclose([c["std_error"] for c in stats["coefficients"]],
                                       ref.bse, rtol=1e-6)
            self.assertEqual(stats["ties"], ties)
        os.remove(self.path("model.json"))
        os.remove(self.path("stats.json"))
        self.assert_fails(run(args[:4] + args[6:]), "duration model: give --time", status=2)
        self.assert_fails(self.fit("--time", "GPA"), "no duration model", status=2)
        self.assert_fails(run(args + ["--ties", "exact"]), "--ties", status=2)

    def test_progress_reports_iterations(self):
        proc = self.fit("--progress")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("iteration 1, log-likelihood", proc.stderr)


if __name__ == "__main__":
    unittest.main()
