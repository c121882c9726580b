#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""anker assess and anker verify with the WWB-toets as an instrument
(data/profiles/demo-anker-wwb.json).

Environment as for test_cli.py: ANKER_PROGRAM, ANKER_SOURCE_DIR. The figures
are worked out by hand in tests/test-assess-wwb.c from the domain notes'
2026-01-01 tables: Eva's norm 'single' EUR 1,401.50, earnings EUR 400 of which
25% is disregarded, so EUR 1,101.50 bijstand; Henk the IOAW, Gerrit the AIO.
"""
import json
import os
import subprocess
import tempfile
import unittest

ANKER = os.environ.get("ANKER_PROGRAM", "")
SOURCE_DIR = os.environ.get("ANKER_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
PROFILE = os.path.join(SOURCE_DIR, "data", "profiles", "demo-anker-wwb.json")
CASELOAD = os.path.join(SOURCE_DIR, "examples", "data", "assess-wwb-caseload.csv")

AMT = {"age": 45, "ww_months": 3, "work_history_years": 20, "applications_4w": 4, "health": 3,
       "has_partner": False, "care_duties": False, "female": True, "education": "vocational",
       "sector": "retail", "region": "average"}
EVA = dict(AMT, **{"WWB.reference_date": "2026-03-31", "WWB.assessment_date": "2025-10-15",
                   "WWB.claimant_birth_date": "1980-05-12",
                   "WWB.claimant_unemployed_since": "2024-09-01",
                   "WWB.income_claimant_earnings": 400.0, "WWB.assets_savings": 3500.0})
# the demonstration rule table below the hand-over rules, by AMT's band
AMT_RULES = {"low": "kans_laag", "moderate": "kans_matig"}


def run(args, locale="C"):
    env = dict(os.environ, LC_ALL=locale)
    proc = subprocess.run([ANKER] + args, capture_output=True, env=env, timeout=300)
    proc.stderr = proc.stderr.decode("utf-8", "replace")
    return proc


class AssessWwb(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.dir.cleanup()

    def path(self, name):
        return os.path.join(self.dir.name, name)

    def write(self, name, text):
        with open(self.path(name), "w", encoding="utf-8") as f:
            f.write(text)
        return self.path(name)

    def assess_case(self, case, locale="C"):
        return run(["assess", "--profile", PROFILE, "--case",
                    self.write("case.json", json.dumps(case))], locale)

    def test_eva_is_handed_over(self):
        proc = self.assess_case(EVA)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        record = json.loads(proc.stdout)
        self.assertEqual(record["advice"]["rule"], "warme_overdracht")
        self.assertEqual(record["advice"]["values"], {"service": "warme_overdracht"})
        out = record["wwb"]["outputs"]
        self.assertEqual(out["verdict"], "entitled")
        self.assertEqual(out["expected_bijstand"], 1101.50)
        self.assertEqual(out["norm"], 1401.50)
        self.assertEqual(out["months_to_ww_end"], 5)
        codes = [line["code"] for line in record["wwb"]["reasoning"]]
        self.assertIn("earnings_disregard", codes)
        self.assertEqual(codes[-1], "verdict")
        # the same bytes under a Dutch locale, and the record verifies
        self.assertEqual(self.assess_case(EVA, "nl_NL.UTF-8").stdout, proc.stdout)
        self.write("r.json", proc.stdout.decode("utf-8"))
        self.assertEqual(run(["verify", "--profile", PROFILE, self.path("r.json")]).returncode, 0)
        # a changed verdict is found at its place
        record["wwb"]["outputs"]["verdict"] = "not_entitled"
        self.write("r.json", json.dumps(record))
        proc = run(["verify", "--profile", PROFILE, self.path("r.json")])
        self.assertEqual(proc.returncode, 1)
        self.assertIn("$.wwb.outputs.verdict", proc.stderr)

    def test_bad_household_value_names_the_field(self):
        proc = self.assess_case(dict(EVA, **{"WWB.claimant_birth_date": "1980-02-30"}))
        self.assertEqual(proc.returncode, 1)
        self.assertIn("birth_date", proc.stderr)
        self.assertNotIn("1980-02-30", proc.stderr)  # case values are never printed
        proc = self.assess_case(dict(EVA, **{"WWB.schoenmaat": 42}))
        self.assertEqual(proc.returncode, 1)
        self.assertIn("WWB.schoenmaat", proc.stderr)

    def test_caseload(self):
        out = self.path("records.jsonl")
        proc = run(["assess", "--profile", PROFILE, "--in", CASELOAD, "--out", out])
        self.assertEqual(proc.returncode, 0, proc.stderr)
        with open(out, encoding="utf-8") as f:
            records = {r["case_id"]: r for r in map(json.loads, f)}
        self.assertEqual(records["EVA"]["advice"]["rule"], "warme_overdracht")
        self.assertEqual(records["HENK"]["advice"]["rule"], "ioaw")
        self.assertEqual(records["HENK"]["wwb"]["outputs"]["verdict"], "not_entitled")
        self.assertEqual(records["GERRIT"]["advice"]["rule"], "aio_svb")
        self.assertEqual(records["GERRIT"]["wwb"]["outputs"]["expected_bijstand"], 1564.69)
        early = records["EARLY"]
        self.assertEqual(early["wwb"]["outputs"]["months_to_ww_end"], 8)
        band = early["instruments"][0]["outputs"]["band"]
        self.assertEqual(early["advice"]["rule"], AMT_RULES.get(band, "zelfstandig"))
        # CSV cells of the household are text, recorded as given
        self.assertEqual(records["EVA"]["inputs"]["WWB.income_claimant_earnings"], "400.00")
        proc = run(["verify", "--profile", PROFILE, out], locale="nl_NL.UTF-8")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("4 records verified", proc.stdout.decode() + proc.stderr)

    def test_caseload_error_names_line_and_field(self):
        with open(CASELOAD, encoding="utf-8") as f:
            text = f.read().replace("1963-01-15", "1963-13-15")
        proc = run(["assess", "--profile", PROFILE, "--in", self.write("bad.csv", text),
                    "--out", self.path("r.jsonl")])
        self.assertEqual(proc.returncode, 1)
        self.assertIn("bad.csv:3", proc.stderr)
        self.assertIn("birth_date", proc.stderr)
        self.assertFalse(os.path.exists(self.path("r.jsonl")))


if __name__ == "__main__":
    unittest.main()
