#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""anker simulate end to end: the same bytes for the same command, atomic
output, progress and summary on stderr only, and errors naming file and path.

Environment as for test_cli.py: ANKER_PROGRAM, ANKER_SOURCE_DIR.
"""
import csv
import hashlib
import io
import json
import os
import subprocess
import tempfile
import unittest

ANKER = os.environ.get("ANKER_PROGRAM", "")
SOURCE_DIR = os.environ.get("ANKER_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
SCENARIO = os.path.join(SOURCE_DIR, "data", "simulation", "demo-ww-history.json")


def run(*args, env=None):
    return subprocess.run([ANKER, "simulate", *args], capture_output=True, env=env)


class SimulateCli(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def path(self, name):
        return os.path.join(self.dir, name)

    def simulate(self, out, cases=2000, seed=5, *extra, env=None):
        r = run("--scenario", SCENARIO, "--cases", str(cases), "--seed", str(seed), "--out", out,
                *extra, env=env)
        self.assertEqual(r.returncode, 0, r.stderr.decode())
        return r

    def test_same_command_same_bytes_and_nothing_on_stdout(self):
        a = self.simulate(self.path("a.csv"))
        self.assertEqual(a.stdout, b"")
        self.simulate(self.path("b.csv"), env=dict(os.environ, LC_ALL="nl_NL.UTF-8"))
        with open(self.path("a.csv"), "rb") as f:
            first = f.read()
        with open(self.path("b.csv"), "rb") as f:
            self.assertEqual(f.read(), first)
        stdout = run("--scenario", SCENARIO, "--cases", "2000", "--seed", "5", "--out", "-",
                     "--quiet")
        self.assertEqual(stdout.stdout, first)
        self.assertEqual(stdout.stderr, b"")
        self.simulate(self.path("c.csv"), 2000, 6)
        with open(self.path("c.csv"), "rb") as f:
            self.assertNotEqual(hashlib.sha256(f.read()).digest(),
                                hashlib.sha256(first).digest())
        rows = list(csv.DictReader(io.StringIO(first.decode())))
        self.assertEqual(len(rows), 2000)
        self.assertEqual(rows[0]["case_id"], "SIM0000001")
        # decimals with a point, never a comma, whatever the locale
        self.assertTrue(any("." in r["f_verwachting"] for r in rows))
        self.assertTrue(all("," not in v for r in rows for v in r.values()))

    def test_summary_and_progress_on_stderr(self):
        r = self.simulate(self.path("a.csv"), 6000, 1, "--progress")
        err = r.stderr.decode()
        self.assertIn("6000 cases of scenario demo-ww-history 1.0.0", err)
        self.assertIn("to_bijstand: expected rate 0.053000, shift", err)
        self.assertIn("rows", err)  # the progress line (rows done, per second, share)

    def test_errors(self):
        bad = self.path("bad.json")
        with open(SCENARIO, encoding="utf-8") as f:
            doc = json.load(f)
        doc["outcomes"][5]["target_rate"] = 1.5
        doc["questionnaire"]["file"] = os.path.join(SOURCE_DIR, "data", "models",
                                                    "demo-werkverkenner.json")
        for o in doc["outcomes"]:
            o["truth"] = os.path.join(SOURCE_DIR, "data", "simulation", o["truth"])
        with open(bad, "w", encoding="utf-8") as f:
            json.dump(doc, f)
        out = self.path("out.csv")
        r = run("--scenario", bad, "--cases", "10", "--seed", "1", "--out", out)
        self.assertEqual(r.returncode, 1)
        self.assertIn(bad + ": $.outcomes[5].target_rate", r.stderr.decode())
        self.assertFalse(os.path.exists(out))
        self.assertEqual(os.listdir(self.dir), ["bad.json"])  # no temporary file left
        # an unwritable output: nothing created, exit 1
        r = run("--scenario", SCENARIO, "--cases", "10", "--seed", "1", "--out",
                self.path("no/such/dir.csv"))
        self.assertEqual(r.returncode, 1)
        self.assertIn("cannot create", r.stderr.decode())
        for args in (["--cases", "10", "--seed", "1", "--out", out],
                     ["--scenario", SCENARIO, "--seed", "1", "--out", out],
                     ["--scenario", SCENARIO, "--cases", "0", "--seed", "1", "--out", out],
                     ["--scenario", SCENARIO, "--cases", "10", "--seed", "-1", "--out", out],
                     ["--scenario", SCENARIO, "--cases", "10", "--seed", "1"],
                     ["--scenario", SCENARIO, "--cases", "10", "--seed", "1", "--out", out, "x"],
                     ["--nope"]):
            r = run(*args)
            self.assertEqual(r.returncode, 2, args)
            self.assertIn("Try 'anker help simulate'", r.stderr.decode())

    def test_help(self):
        r = run("--help")
        self.assertEqual(r.returncode, 0)
        text = r.stdout.decode()
        for section in ("NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "EXIT STATUS", "EXAMPLES"):
            self.assertIn(section, text)


if __name__ == "__main__":
    unittest.main()
