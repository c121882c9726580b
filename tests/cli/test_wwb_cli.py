#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end tests of `anker wwb`.

Environment as for test_cli.py (ANKER_PROGRAM, ANKER_SOURCE_DIR, ANKER_TEST_WRAPPER).
Expected amounts are the published norms of the domain notes or computed here
from them, never taken from anker itself.
"""

import csv
import io
import json
import os
import shlex
import subprocess
import sys
import tempfile
import unittest

ANKER = os.environ.get("ANKER_PROGRAM", "")
SOURCE_DIR = os.environ.get("ANKER_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
WRAPPER = shlex.split(os.environ.get("ANKER_TEST_WRAPPER", ""))
NORMS = os.path.join(SOURCE_DIR, "data", "norms")
CASELOAD = os.path.join(SOURCE_DIR, "examples", "wwb", "caseload.csv")
SINGLE = os.path.join(SOURCE_DIR, "examples", "wwb", "single.json")


def run(args, stdin=None, cwd=None):
    proc = subprocess.run(WRAPPER + [ANKER] + list(args), input=stdin, capture_output=True,
                          cwd=cwd, timeout=300, env=dict(os.environ, LC_ALL="C"))
    proc.stderr = proc.stderr.decode("utf-8", "replace")
    return proc


def household(**kw):
    h = {"claimant": {"birth_date": "1980-05-12"}, "income": [], "assets": []}
    h.update(kw)
    return json.dumps(h).encode()


class Case(unittest.TestCase):
    def test_text_and_json(self):
        text = run(["wwb", "--norms", NORMS, "--case", SINGLE, "--language", "en"])
        self.assertEqual(text.returncode, 0, text.stderr)
        out = text.stdout.decode()
        self.assertIn("verdict:        probably_entitled", out)
        self.assertIn("bijstand                    1101.50", out)  # 1401.50 - 0.75 x 400
        self.assertIn("[Participatiewet art. 31(2)(n)]", out)
        js = run(["wwb", "--norms", NORMS, "--case", SINGLE, "--format", "json"])
        obj = json.loads(js.stdout)
        self.assertEqual(obj["amounts_cents"]["norm"], 140150)
        self.assertEqual(obj["amounts_cents"]["bijstand"], 110150)
        self.assertEqual(obj["amounts_cents"]["home_equity"], None)
        self.assertEqual(obj["lines"][-1]["code"], "verdict")
        self.assertTrue(all(line["nl"] and line["en"] for line in obj["lines"]))

    def test_stdin_date_and_norm_files(self):
        # one norms file and its year's asset limits instead of the directory
        proc = run(["wwb", "--norms", os.path.join(NORMS, "norms-2024-07-01.json"),
                    "--norms", os.path.join(NORMS, "assets-2024.json"),
                    "--norms", os.path.join(NORMS, "pension-age.json"),
                    "--case", "-", "--date", "2024-09-30", "--format", "json"],
                   stdin=household())
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(json.loads(proc.stdout)["amounts_cents"]["norm"], 130845)

    def test_errors(self):
        cases = [
            (["--case", "-", "--date", "2023-03-01"], household(), 1, "no norms table is in force"),
            (["--case", "-", "--date", "2026-02-30"], household(), 1, "not a calendar date"),
            (["--case", "-", "--date", "2026-03-31"],
             household(housemates=[{"relation": "cousin", "age": 3}]), 1,
             "$.housemates[0].relation"),
            (["--case", "-", "--date", "2026-03-31"],
             household(income=[{"source": "earnings", "amount": -1}]), 1, "negative amount"),
            (["--case", "-", "--date", "2026-03-31"],
             household(partner={"birth_date": "2010-01-01"}), 1,
             "the partner is younger than 18"),
        ]
        for args, stdin, status, says in cases:
            with self.subTest(args=args, stdin=stdin):
                proc = run(["wwb", "--norms", NORMS] + args, stdin=stdin)
                self.assertEqual(proc.returncode, status, proc.stderr)
                self.assertIn(says, proc.stderr)
                self.assertTrue(proc.stderr.startswith("anker: "))
                self.assertEqual(proc.stdout, b"")

    def test_usage(self):
        for args in (["wwb"], ["wwb", "--norms", NORMS], ["wwb", "--case", SINGLE],
                     ["wwb", "--norms", NORMS, "--case", SINGLE, "--in", CASELOAD],
                     ["wwb", "--norms", NORMS, "--case", SINGLE, "--format", "csv"],
                     ["wwb", "--norms", NORMS, "--case", SINGLE, "--out", "x"],
                     ["wwb", "--norms", NORMS, "--case", SINGLE, "--language", "fr"]):
            with self.subTest(args=args):
                self.assertEqual(run(args).returncode, 2)
        bad = run(["wwb", "--norms", os.path.join(SOURCE_DIR, "data", "models"), "--case",
                   SINGLE])
        self.assertEqual(bad.returncode, 1)
        self.assertRegex(bad.stderr, r"demo-[a-z0-9-]+\.json")  # the first file, whichever
        self.assertIn("$.format", bad.stderr)


class Caseload(unittest.TestCase):
    def test_csv(self):
        proc = run(["wwb", "--norms", NORMS, "--in", CASELOAD])
        self.assertEqual(proc.returncode, 0, proc.stderr)
        rows = list(csv.DictReader(io.StringIO(proc.stdout.decode())))
        self.assertEqual([r["id"] for r in rows], ["H1", "H2", "H3", "H4"])
        # H2: a couple with a son of 28: A = 3, 2 x 867.59
        self.assertEqual((rows[1]["norm_name"], rows[1]["cost_sharers"], rows[1]["norm"]),
                         ("cost_sharing", "3", "1735.18"))
        # H3: a single parent, savings of 20,000 above the family limit of 16,000
        self.assertEqual((rows[2]["verdict"], rows[2]["asset_limit"]),
                         ("probably_not_entitled", "16000.00"))
        # H4: home equity of 90,000 above 67,500: a loan
        self.assertEqual(rows[3]["loan"], "1")

    def test_out_is_atomic_and_json(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "verdicts.json")
            proc = run(["wwb", "--norms", NORMS, "--in", CASELOAD, "--out", out, "--format",
                        "json", "--id-column", "id"])
            self.assertEqual(proc.returncode, 0, proc.stderr)
            with open(out, encoding="utf-8") as f:
                cases = json.load(f)
            self.assertEqual([c["id"] for c in cases], ["H1", "H2", "H3", "H4"])
            # a bad row later in the input leaves the old output as it was
            bad = os.path.join(tmp, "bad.csv")
            with open(CASELOAD, encoding="utf-8") as f:
                text = f.read()
            with open(bad, "w", encoding="utf-8") as f:
                f.write(text + "H5,2026-03-31,1980-02-30,,0,,0,,0,,\n")
            proc = run(["wwb", "--norms", NORMS, "--in", bad, "--out", out])
            self.assertEqual(proc.returncode, 1)
            self.assertIn("bad.csv:6:", proc.stderr)
            self.assertIn("$.claimant.birth_date", proc.stderr)
            with open(out, encoding="utf-8") as f:
                self.assertEqual(json.load(f), cases)
            self.assertEqual(sorted(os.listdir(tmp)), ["bad.csv", "verdicts.json"])
            # the output may not be the input
            proc = run(["wwb", "--norms", NORMS, "--in", bad, "--out", bad])
            self.assertEqual(proc.returncode, 1)

    def test_unknown_column_and_row_numbers(self):
        proc = run(["wwb", "--norms", NORMS, "--in", "-"],
                   stdin=b"claimant_birth_date,shoe_size\n1980-01-01,42\n")
        self.assertEqual(proc.returncode, 1)
        self.assertIn("shoe_size", proc.stderr)
        proc = run(["wwb", "--norms", NORMS, "--in", "-", "--date", "2026-03-31"],
                   stdin=b"claimant_birth_date,income_claimant_benefit,assets_savings\n"
                         b"1980-01-01,0,0\n1960-01-01,2000,0\n")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        rows = list(csv.DictReader(io.StringIO(proc.stdout.decode())))
        self.assertEqual([r["id"] for r in rows], ["1", "2"])
        self.assertEqual(rows[1]["verdict"], "probably_not_entitled")


if __name__ == "__main__":
    if not ANKER:
        sys.exit("ANKER_PROGRAM must name the anker executable")
    unittest.main(verbosity=2)
