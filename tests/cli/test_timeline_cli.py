#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end tests of `anker timeline`.

Environment as for test_cli.py (ANKER_PROGRAM, ANKER_SOURCE_DIR, ANKER_TEST_WRAPPER).
Expected dates are computed by hand (tests/test-timeline.c explains them); the
iCalendar file is read back with Python's icalendar, a parser independent of
libical which wrote it.
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

import icalendar

ANKER = os.environ.get("ANKER_PROGRAM", "")
SOURCE_DIR = os.environ.get("ANKER_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
WRAPPER = shlex.split(os.environ.get("ANKER_TEST_WRAPPER", ""))
NORMS = os.path.join(SOURCE_DIR, "data", "norms")
CASES = os.path.join(SOURCE_DIR, "examples", "timeline", "cases.csv")
CASE = os.path.join(SOURCE_DIR, "examples", "timeline", "case.json")
WORKED = ["--ww-start", "2024-01-31", "--birth", "1990-05-15", "--years-before-2016", "8",
          "--years-from-2016", "6"]


def run(args, stdin=None, cwd=None):
    proc = subprocess.run(WRAPPER + [ANKER, "timeline", "--norms", NORMS] + list(args),
                          input=stdin, capture_output=True, cwd=cwd, timeout=300,
                          env=dict(os.environ, LC_ALL="C"))
    proc.stderr = proc.stderr.decode("utf-8", "replace")
    return proc


class OneCase(unittest.TestCase):
    def test_text(self):
        p = run(WORKED + ["--lang", "en"])
        self.assertEqual(p.returncode, 0, p.stderr)
        out = p.stdout.decode()
        self.assertIn("ww_end:        2025-01-31 (first day without WW; last day with WW "
                      "2025-01-30)", out)
        self.assertIn("2024-08-30  monitorgesprek         Monitorgesprek at the latest", out)
        self.assertIn("[IWI R07/06 (2007), 003:36, 003:311]", out)

    def test_json_and_ics_agree(self):
        with tempfile.TemporaryDirectory() as tmp:
            js, ics = os.path.join(tmp, "t.json"), os.path.join(tmp, "t.ics")
            p = run(WORKED + ["--json", js, "--ics", ics, "--case-id", "C-1",
                              "--dtstamp", "20240201T083000Z"])
            self.assertEqual(p.returncode, 0, p.stderr)
            with open(js, "rb") as f:
                text = f.read()
            doc = json.loads(text)
            self.assertEqual(text, (json.dumps(doc, sort_keys=True, separators=(",", ":"))
                                    + "\n").encode())
            self.assertEqual(doc["ww_end"], "2025-01-31")
            with open(ics, "rb") as f:
                raw = f.read()
            cal = icalendar.Calendar.from_ical(raw)
            events = list(cal.walk("VEVENT"))
            self.assertEqual(len(events), len(doc["deadlines"]))
            self.assertEqual(len(events), 11)
            for ev, d in zip(events, doc["deadlines"]):
                self.assertEqual(str(ev["UID"]), "C-1-%s@anker-timeline" % d["rule"])
                self.assertEqual(ev.decoded("DTSTART").isoformat(), d["date"])
                self.assertEqual(str(ev["SUMMARY"]), d["label"]["nl"])
                self.assertIn(d["source"], str(ev["DESCRIPTION"]))
                self.assertEqual(ev.decoded("DTSTAMP").strftime("%Y%m%dT%H%M%S"),
                                 "20240201T083000")
                self.assertEqual((ev.decoded("DTEND") - ev.decoded("DTSTART")).days, 1)
            self.assertIn(b"DTSTART;VALUE=DATE:20240131\r\n", raw)
            # No clock: a second run writes the same bytes.
            again = os.path.join(tmp, "again.ics")
            self.assertEqual(run(WORKED + ["--ics", again, "--case-id", "C-1", "--dtstamp",
                                           "20240201T083000Z"]).returncode, 0)
            with open(again, "rb") as f:
                self.assertEqual(f.read(), raw)

    def test_case_file_and_english_calendar(self):
        p = run(["--case", CASE, "--ics", "-", "--case-id", "C-1", "--lang", "en"])
        self.assertEqual(p.returncode, 0, p.stderr)
        cal = icalendar.Calendar.from_ical(p.stdout.split(b"ww_start:")[0])
        first = list(cal.walk("VEVENT"))[0]
        self.assertEqual(str(first["SUMMARY"]), "Fill in the Werkverkenner at the start of the WW")
        self.assertEqual(first.decoded("DTSTAMP").strftime("%Y%m%dT%H%M%S"), "20240131T000000")

    def test_usage_errors(self):
        for args, text in [
            (WORKED + ["--ics", "x.ics"], "--ics needs --case-id"),
            (WORKED + ["--case-id", "a b"], "--case-id must be"),
            (WORKED + ["--dtstamp", "2024-01-01"], "--dtstamp must be"),
            (WORKED + ["--lang", "de"], "--lang must be nl or en"),
            (WORKED + ["--in", CASES], "give the case by options, or --case, or --in"),
            (["--in", CASES, "--json", "x.json"], "--json and --ics go with one case"),
        ]:
            p = run(args)
            self.assertEqual(p.returncode, 2, args)
            self.assertIn(text, p.stderr)

    def test_bad_values_name_the_field(self):
        for args, field in [
            (["--ww-start", "2023-02-29", "--birth", "1990-05-15", "--max-months", "12"],
             "'ww_start'"),
            (["--ww-start", "2024-01-31", "--birth", "2024-02-01", "--max-months", "12"],
             "'birth_date': after the WW start"),
            (["--ww-start", "2024-01-31", "--birth", "1990-05-15", "--max-months", "12.25"],
             "'max_months'"),
            (["--ww-start", "2024-01-31", "--birth", "1990-05-15", "--years-before-2016", "-1",
              "--years-from-2016", "0"], "'years_before_2016'"),
        ]:
            p = run(args)
            self.assertEqual(p.returncode, 1, args)
            self.assertIn(field, p.stderr)

    def test_help(self):
        p = run(["--help"])
        out = p.stdout.decode()
        for section in ["NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "EXIT STATUS", "EXAMPLES"]:
            self.assertIn("\n" + section + "\n", "\n" + out)


class Caseload(unittest.TestCase):
    def test_rows(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "t.csv")
            p = run(["--in", CASES, "--out", out, "--progress"])
            self.assertEqual(p.returncode, 0, p.stderr)
            with open(out, newline="") as f:
                rows = list(csv.DictReader(f))
        self.assertEqual([r["id"] for r in rows], ["C-1", "C-2", "C-3", "C-4"])
        c1, c2, c3, c4 = rows
        self.assertEqual((c1["ww_end"], c1["monitorgesprek"], c1["sluitende_aanpak"]),
                         ("2025-01-31", "2024-08-30", "2026-01-30"))
        self.assertEqual((c2["ww_end"], c2["early_report"], c2["bossche_screening"]),
                         ("2024-02-29", "2024-02-01", ""))
        self.assertEqual((c3["ww_end"], c3["capped"], c3["pension_date"],
                          c3["sluitende_aanpak"]), ("2025-06-15", "1", "2025-06-15", ""))
        self.assertEqual((c4["ww_end"], c4["duration_months"]), ("2024-12-15", "10.5"))
        # Each row is what one case gives.
        for row in rows:
            with open(CASES, newline="") as f:
                src = next(r for r in csv.DictReader(f) if r["id"] == row["id"])
            args = ["--ww-start", src["ww_start"], "--birth", src["birth_date"]]
            if src["max_months"]:
                args += ["--max-months", src["max_months"]]
            else:
                args += ["--years-before-2016", src["years_before_2016"],
                         "--years-from-2016", src["years_from_2016"]]
            with tempfile.TemporaryDirectory() as tmp:
                js = os.path.join(tmp, "t.json")
                self.assertEqual(run(args + ["--json", js]).returncode, 0)
                with open(js) as f:
                    doc = json.load(f)
            for d in doc["deadlines"]:
                self.assertEqual(row[d["rule"]], d["date"])

    def test_bad_row_names_line_and_field_and_leaves_out_alone(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "t.csv")
            with open(out, "w") as f:
                f.write("old\n")
            data = (b"id,ww_start,birth_date,max_months\nA,2024-01-31,1990-05-15,12\n"
                    b"B,2024-01-31,1990-05-15,twelve\n")
            p = run(["--in", "-", "--out", out], stdin=data)
            self.assertEqual(p.returncode, 1)
            self.assertIn("<stdin>:3: 'max_months'", p.stderr)
            with open(out) as f:
                self.assertEqual(f.read(), "old\n")
        p = run(["--in", "-"], stdin=b"id,start\nA,2024-01-31\n")
        self.assertEqual(p.returncode, 1)
        self.assertIn("column 2 'start' is no timeline field", p.stderr)


if __name__ == "__main__":
    if not ANKER:
        sys.exit("ANKER_PROGRAM is not set")
    unittest.main(verbosity=1)
