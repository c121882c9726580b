#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""anker evaluate: its figures against scikit-learn and pandas on the probabilities
`anker score` writes, and bad input (file, line and column named, nothing written).

Environment as for test_cli.py: ANKER_PROGRAM, ANKER_SOURCE_DIR.
"""
import csv
import io
import json
import math
import os
import subprocess
import sys
import tempfile
import unittest

import numpy as np
from sklearn.metrics import brier_score_loss, confusion_matrix, log_loss, roc_auc_score

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "golden"))
from reference_concordance import harrell_by_pairs  # noqa: E402

ANKER = os.environ.get("ANKER_PROGRAM", "")
SOURCE_DIR = os.environ.get("ANKER_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
MODEL = os.path.join(SOURCE_DIR, "data", "models", "demo-amt-6m.json")
LABELLED = os.path.join(SOURCE_DIR, "examples", "data", "labelled.csv")
CASELOAD = os.path.join(SOURCE_DIR, "examples", "data", "caseload.csv")


def run(args, stdin=None):
    # the process locale is inherited: the locale leg of scripts/test runs this in nl_NL
    proc = subprocess.run([ANKER] + args, capture_output=True, timeout=300, input=stdin)
    proc.stdout = proc.stdout.decode("utf-8", "replace")
    proc.stderr = proc.stderr.decode("utf-8", "replace")
    return proc


def read_rows(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


class Figures(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.TemporaryDirectory()
        cls.json = os.path.join(cls.dir.name, "ev.json")
        proc = run(["evaluate", "--model", MODEL, "--in", LABELLED, "--outcome", "found_work",
                    "--group", "origin", "--group", "female", "--reference-group", "1",
                    "--reference", CASELOAD, "--json", cls.json])
        assert proc.returncode == 0, proc.stderr
        cls.text = proc.stdout
        with open(cls.json) as f:
            cls.ev = json.load(f)
        scored = run(["score", "--model", MODEL, "--in", LABELLED, "--ignore-extra", "--quiet"])
        assert scored.returncode == 0, scored.stderr
        cls.p = np.array([float(r["probability"]) for r in csv.DictReader(io.StringIO(scored.stdout))])
        cls.rows = read_rows(LABELLED)
        cls.y = np.array([int(r["found_work"]) for r in cls.rows])

    @classmethod
    def tearDownClass(cls):
        cls.dir.cleanup()

    def test_scalars_against_sklearn(self):
        self.assertEqual(self.ev["count"], len(self.y))
        self.assertAlmostEqual(self.ev["auc"], roc_auc_score(self.y, self.p), places=12)
        self.assertAlmostEqual(self.ev["brier"], brier_score_loss(self.y, self.p), places=12)
        self.assertAlmostEqual(self.ev["log_loss"], log_loss(self.y, self.p), places=12)
        self.assertLess(self.ev["auc_lower"], self.ev["auc"])
        self.assertIn("AUC                        %.4f" % self.ev["auc"], self.text)

    def test_classification_against_sklearn(self):
        for row in self.ev["classification"]:
            tn, fp, fn, tp = confusion_matrix(self.y, self.p > row["threshold"]).ravel()
            self.assertEqual((row["tp"], row["fp"], row["tn"], row["fn"]), (tp, fp, tn, fn))

    def test_fairness_against_a_group_count(self):
        female = [g for g in self.ev["fairness"] if g["grouping"] == "female"][0]
        self.assertEqual(female["reference"], "1")  # given, not the largest
        sel = self.p >= 0.5
        rates = {}
        for value in ("0", "1"):
            m = np.array([r["female"] == value for r in self.rows])
            rates[value] = (sel[m].mean(), sel[m & (self.y == 0)].mean())
        for g in female["groups"]:
            v = g["group"]
            self.assertAlmostEqual(g["selection_rate"], rates[v][0], places=12)
            self.assertAlmostEqual(g["fpr_ratio"], rates[v][1] / rates["1"][1], places=12)

    def test_drift_reads_every_variable_and_the_score(self):
        names = [d["variable"] for d in self.ev["psi"]]
        self.assertEqual(names[-1], "(score)")
        self.assertIn("age", names)
        self.assertTrue(all(d["reading"] == "stable" for d in self.ev["psi"]))
        self.assertIn("DRIFT (population stability index", self.text)

    def test_threshold_and_ratio_options(self):
        out = os.path.join(self.dir.name, "t.json")
        proc = run(["evaluate", "--model", MODEL, "--in", LABELLED, "--outcome", "found_work",
                    "--threshold", "0.3", "--group", "origin", "--ratio-threshold", "1.05",
                    "--json", out])
        self.assertEqual(proc.returncode, 0, proc.stderr)
        with open(out) as f:
            ev = json.load(f)
        self.assertEqual(len(ev["classification"]), 1)
        tn, fp, fn, tp = confusion_matrix(self.y, self.p >= 0.3).ravel()
        row = ev["classification"][0]
        self.assertEqual((row["tp"], row["fp"], row["tn"], row["fn"]), (tp, fp, tn, fn))
        abroad = [g for g in ev["fairness"][0]["groups"] if g["group"] == "abroad"][0]
        ratio = abroad["selection_rate_ratio"]
        self.assertEqual("selection_rate" in abroad["flags"], not 1 / 1.05 <= ratio <= 1.05)


class Duration(unittest.TestCase):
    """A duration model: Harrell's C of its log relative hazard against a pair count,
    on made-up times (seeded) that lean on the model's hazard, so the C is above 1/2."""

    def test_harrell_c_against_a_pair_count(self):
        model = os.path.join(SOURCE_DIR, "data", "models", "demo-blijf-12m.json")
        with tempfile.TemporaryDirectory() as tmp:
            rows = read_rows(CASELOAD)[:300]
            path = os.path.join(tmp, "in.csv")
            with open(path, "w", newline="") as f:
                w = csv.DictWriter(f, fieldnames=list(rows[0].keys()), lineterminator="\n")
                w.writeheader()
                w.writerows(rows)
            scored = run(["score", "--model", model, "--in", path, "--ignore-extra", "--quiet"])
            self.assertEqual(scored.returncode, 0, scored.stderr)
            risk = np.array([float(r["log_relative_hazard"])
                             for r in csv.DictReader(io.StringIO(scored.stdout))])
            rng = np.random.default_rng(3)
            exit_time = np.ceil(rng.exponential(8 * np.exp(-risk)))
            censor = rng.integers(2, 30, size=len(rows))
            time, event = np.minimum(exit_time, censor), (exit_time <= censor).astype(int)
            with open(path, "w", newline="") as f:
                w = csv.DictWriter(f, fieldnames=list(rows[0].keys()) + ["months", "left"],
                                   lineterminator="\n")
                w.writeheader()
                for r, t, e in zip(rows, time, event):
                    w.writerow(dict(r, months="%g" % t, left=e))
            out = os.path.join(tmp, "c.json")
            proc = run(["evaluate", "--model", model, "--in", path, "--time", "months",
                        "--event", "left", "--json", out, "--reference", CASELOAD])
            self.assertEqual(proc.returncode, 0, proc.stderr)
            with open(out) as f:
                ev = json.load(f)
            self.assertEqual((ev["count"], ev["events"], ev["horizon"]), (300, event.sum(), 12))
            self.assertAlmostEqual(ev["harrell_c"], harrell_by_pairs(risk, time, event), places=12)
            self.assertAlmostEqual(ev["harrell_c_horizon"],
                                   harrell_by_pairs(risk, time, event, 12), places=12)
            self.assertGreater(ev["harrell_c"], 0.6)
            self.assertEqual(ev["psi"][-1]["variable"], "(score)")
            self.assertIn("Harrell's C", proc.stdout)
            proc = run(["evaluate", "--model", model, "--in", path, "--time", "months",
                        "--event", "left", "--horizon", "6", "--json", out])
            with open(out) as f:
                self.assertAlmostEqual(json.load(f)["harrell_c_horizon"],
                                       harrell_by_pairs(risk, time, event, 6), places=12)
            # bad input: a negative time, an event of 2, the wrong model kind, mixed options
            with open(path) as f:
                lines = f.read().splitlines()
            lines[2] = lines[2].rsplit(",", 2)[0] + ",-1,0"
            lines[3] = lines[3].rsplit(",", 2)[0] + ",4,2"
            for bad_line, needle in ((2, "bad.csv:2:13: the time is not a number of at least 0"),
                                     (3, "bad.csv:2:14: the event is not 0 or 1")):
                bad = os.path.join(tmp, "bad.csv")
                with open(bad, "w") as f:
                    f.write(lines[0] + "\n" + lines[bad_line] + "\n")  # header, one bad row
                proc = run(["evaluate", "--model", model, "--in", bad, "--time", "months",
                            "--event", "left"])
                self.assertEqual(proc.returncode, 1)
                self.assertIn(needle, proc.stderr)
            proc = run(["evaluate", "--model", MODEL, "--in", path, "--time", "months",
                        "--event", "left"])
            self.assertEqual(proc.returncode, 1)
            self.assertIn("needs a duration model", proc.stderr)
            proc = run(["evaluate", "--model", model, "--in", path, "--time", "months"])
            self.assertEqual(proc.returncode, 2)
            proc = run(["evaluate", "--model", model, "--in", path, "--time", "months",
                        "--event", "left", "--group", "female"])
            self.assertEqual(proc.returncode, 2)


class BadInput(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.dir.cleanup()

    def write(self, text):
        path = os.path.join(self.dir.name, "in.csv")
        with open(path, "w") as f:
            f.write(text)
        return path

    def labelled(self, outcome_cells, group_cells=None):
        rows = read_rows(LABELLED)[:len(outcome_cells)]
        out = io.StringIO()
        w = csv.DictWriter(out, fieldnames=list(rows[0].keys()), lineterminator="\n")
        w.writeheader()
        for r, y, g in zip(rows, outcome_cells, group_cells or [None] * len(rows)):
            r = dict(r, found_work=y)
            if g is not None:
                r["origin"] = g
            w.writerow(r)
        return self.write(out.getvalue())

    def evaluate(self, path, *extra):
        json_path = os.path.join(self.dir.name, "out.json")
        proc = run(["evaluate", "--model", MODEL, "--in", path, "--outcome", "found_work",
                    "--json", json_path] + list(extra))
        return proc, json_path

    def assert_fails(self, proc, json_path, *needles):
        self.assertEqual(proc.returncode, 1, proc.stderr)
        for needle in needles:
            self.assertIn(needle, proc.stderr)
        self.assertFalse(os.path.exists(json_path))
        self.assertEqual(os.listdir(self.dir.name), ["in.csv"])  # no temporary file left

    def test_outcome_not_0_or_1(self):
        path = self.labelled(["0", "1", "2", "0"])
        proc, out = self.evaluate(path)
        self.assert_fails(proc, out, "in.csv:4:14", "not 0 or 1", '"2"')

    def test_outcome_missing_or_text(self):
        proc, out = self.evaluate(self.labelled(["0", "", "1"]))
        self.assert_fails(proc, out, "in.csv:3:14", "missing")
        proc, out = self.evaluate(self.labelled(["0", "yes", "1"]))
        self.assert_fails(proc, out, "in.csv:3:14", '"yes"')
        proc, out = self.evaluate(self.labelled(["0", "nan", "1"]))
        self.assert_fails(proc, out, "in.csv:3:14")

    def test_missing_columns(self):
        proc, out = self.evaluate(self.labelled(["0", "1"]), "--outcome", "worked")
        self.assert_fails(proc, out, "no outcome column 'worked'")
        proc, out = self.evaluate(self.labelled(["0", "1"]), "--group", "sex")
        self.assert_fails(proc, out, "no group column 'sex'")
        header = read_rows(LABELLED)[0].keys()
        path = self.write(",".join(h for h in header if h != "age") + "\n")
        proc, out = self.evaluate(path)
        self.assert_fails(proc, out, "age")

    def test_empty_caseload(self):
        proc, out = self.evaluate(self.write(""))
        self.assert_fails(proc, out, "empty")
        header = ",".join(read_rows(LABELLED)[0].keys())
        proc, out = self.evaluate(self.write(header + "\n"))
        self.assert_fails(proc, out, "no cases")

    def test_a_case_the_model_rejects(self):
        path = self.labelled(["0", "1", "1"])
        with open(path) as f:
            text = f.read().replace("C000002,44,", "C000002,,", 1)
        proc, out = self.evaluate(self.write(text))
        self.assert_fails(proc, out, "in.csv:3:2")

    def test_unknown_reference_group(self):
        proc, out = self.evaluate(self.labelled(["0", "1"]), "--group", "origin",
                                  "--reference-group", "mars")
        self.assert_fails(proc, out, "origin", "reference group")

    def test_group_without_positives_is_undefined_not_infinite(self):
        path = self.labelled(["1", "0", "0", "1", "0", "0"], ["a", "a", "a", "a", "b", "b"])
        proc, out = self.evaluate(path, "--group", "origin", "--threshold", "0.01")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        with open(out) as f:
            b = [g for g in json.load(f)["fairness"][0]["groups"] if g["group"] == "b"][0]
        self.assertIsNone(b["tpr"])
        self.assertIsNone(b["tpr_ratio"])
        self.assertIsNone(b["fnr_ratio"])
        self.assertEqual(b["flags"], [])
        self.assertNotIn("inf", proc.stdout)
        self.assertNotIn("nan", proc.stdout)

    def test_group_value_not_utf8_is_escaped_not_dropped(self):
        path = self.labelled(["1", "0", "1"], ["a", "b", "c"])
        with open(path, "rb") as f:
            data = f.read().replace(b",b,", b",\xffb,", 1)
        with open(path, "wb") as f:
            f.write(data)
        proc, out = self.evaluate(path, "--group", "origin")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        with open(out) as f:
            groups = [g["group"] for g in json.load(f)["fairness"][0]["groups"]]
        self.assertEqual(groups, ["a", "\\xffb", "c"])
        self.assertIn("\\xffb", proc.stdout)

    def test_usage_errors(self):
        proc = run(["evaluate", "--in", LABELLED, "--model", MODEL])
        self.assertEqual(proc.returncode, 2)
        self.assertIn("--outcome", proc.stderr)
        for args in (["extra-argument"], ["--threshold", "2"], ["--ratio-threshold", "0.9"],
                     ["--reference-group", "x"], ["--threshold", "abc"], ["--bogus"]):
            proc = run(["evaluate", "--in", LABELLED, "--outcome", "found_work",
                        "--model", MODEL] + args)
            self.assertEqual(proc.returncode, 2, (args, proc.stderr))

    def test_help_is_a_manual_page(self):
        proc = run(["evaluate", "--help"])
        self.assertEqual(proc.returncode, 0)
        for section in ("NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "EXIT STATUS", "EXAMPLES"):
            self.assertIn("\n" + section + "\n", "\n" + proc.stdout)

    def test_standard_input_and_progress(self):
        with open(LABELLED, "rb") as f:
            data = f.read()
        proc = subprocess.run([ANKER, "evaluate", "--model", MODEL, "--in", "-", "--outcome",
                               "found_work", "--progress"], input=data, capture_output=True,
                              timeout=300)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn(b"<stdin>: 2000 cases", proc.stdout)


RECORDS = os.path.join(SOURCE_DIR, "examples", "data", "wv-records.jsonl")


class Records(unittest.TestCase):
    """--records: the override figures alone and beside a model (counted again here)."""

    def test_beside_a_model(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "ev.json")
            proc = run(["evaluate", "--model", MODEL, "--in", LABELLED, "--outcome",
                        "found_work", "--records", RECORDS, "--json", out])
            self.assertEqual(proc.returncode, 0, proc.stderr)
            self.assertIn("DISCRIMINATION", proc.stdout)
            self.assertIn("\nOverrides: " + RECORDS, proc.stdout)
            with open(out) as f:
                doc = json.load(f)
        self.assertIn("auc", json.dumps(doc))
        with open(RECORDS) as f:
            recs = [json.loads(line) for line in f]
        decided = [r for r in recs if r["decision"] is not None]
        over = [r for r in decided if r["decision"]["values"] != r["advice"]["values"]]
        high = [r for r in decided if r["advice"]["values"]["uitnodiging"] == "niet_uitnodigen"]
        invited = [r for r in high if r["decision"]["values"]["uitnodiging"] == "uitnodigen"]
        ov = doc["overrides"]
        self.assertEqual((ov["records"], ov["decided"], ov["undecided"], ov["overridden"]),
                         (len(recs), len(decided), len(recs) - len(decided), len(over)))
        self.assertEqual(ov["rate"], len(over) / len(decided))
        self.assertEqual(ov["invited_anyway"], {"count": len(invited), "of": len(high),
                                                "share": len(invited) / len(high)})

    def test_usage(self):
        for args in (["--records", RECORDS, "--outcome", "found_work"],
                     ["--records", RECORDS, "--model", MODEL],
                     ["--records", RECORDS, "--group", "origin"]):
            proc = run(["evaluate"] + args)
            self.assertEqual(proc.returncode, 2, (args, proc.stderr))
        proc = run(["evaluate", "--records", os.path.join(SOURCE_DIR, "no-such.jsonl")])
        self.assertEqual(proc.returncode, 1)
        self.assertIn("no-such.jsonl", proc.stderr)


if __name__ == "__main__":
    unittest.main()
