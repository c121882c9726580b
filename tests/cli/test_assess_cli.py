#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""anker assess and anker verify with the demonstration profile.

Environment as for test_cli.py: ANKER_PROGRAM, ANKER_SOURCE_DIR. The advice
for the client of client.json is worked out by hand in tests/test-assess.c
(Sanne: nakoming 1.5, "risico", so rule naleving_risico).
"""
import hashlib
import json
import os
import subprocess
import tempfile
import unittest

ANKER = os.environ.get("ANKER_PROGRAM", "")
SOURCE_DIR = os.environ.get("ANKER_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
PROFILE = os.path.join(SOURCE_DIR, "data", "profiles", "demo-anker.json")
CASELOAD = os.path.join(SOURCE_DIR, "examples", "data", "assess-caseload.csv")

SANNE = {
    "age": 48, "ww_months": 9, "work_history_years": 25, "applications_4w": 3, "health": 4,
    "has_partner": True, "care_duties": False, "female": True, "education": "vocational",
    "sector": "retail", "region": "average", "kent_plichten": 4, "kent_gevolgen": 4,
    "regels_onduidelijk": 2, "tijdig_doorgeven": 1, "eerdere_maatregel": True,
    "gemiste_afspraken": 4, "bereikbaarheid": "slecht", "wil_werken": 5, "verwacht_werk": 5,
    "uitkering_voldoende": 1, "ander_werk": 5, "gezondheid": 5, "digitaal": 4,
    "cv_actueel": True, "gesprek": 4,
}
ACTOR = {"id": "coach-17", "role": "werkcoach"}


def run(args, locale="C"):
    env = dict(os.environ, LC_ALL=locale)
    proc = subprocess.run([ANKER] + args, capture_output=True, env=env, timeout=300)
    proc.stderr = proc.stderr.decode("utf-8", "replace")
    return proc


def canonical(record):
    return json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


class Assess(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.case = self.write("client.json", SANNE)

    def tearDown(self):
        self.dir.cleanup()

    def path(self, name):
        return os.path.join(self.dir.name, name)

    def write(self, name, obj):
        with open(self.path(name), "w", encoding="utf-8") as f:
            json.dump(obj, f)
        return self.path(name)

    def assess(self, *extra, locale="C"):
        return run(["assess", "--profile", PROFILE, "--case", self.case] + list(extra), locale)

    def test_agreement(self):
        decision = self.write("d.json", {"actor": ACTOR, "time": "2027-03-01T10:15:00+01:00"})
        proc = self.assess("--decision", decision, "--case-id", "K-1001")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        record = json.loads(proc.stdout)
        self.assertEqual(record["advice"]["rule"], "naleving_risico")
        self.assertEqual(record["advice"]["values"], {"service": "intensive", "fase": "3", "route": "B"})
        self.assertTrue(record["decision"]["agrees"])
        self.assertEqual(record["case_id"], "K-1001")
        # Python's json writes the same bytes as the library (sorted keys, compact, repr
        # of doubles); each section's digest is SHA-256 over its canonical form, and the
        # record's hash SHA-256 over the canonical form of the digests
        line = proc.stdout.decode("utf-8").rstrip("\n")
        self.assertEqual(canonical(record), line)
        sha, digests = record.pop("sha256"), record.pop("digests")
        self.assertEqual(sorted(digests), sorted(record))
        for key, value in record.items():
            self.assertEqual(hashlib.sha256(canonical(value).encode("utf-8")).hexdigest(),
                             digests[key], key)
        self.assertEqual(hashlib.sha256(canonical(digests).encode("utf-8")).hexdigest(), sha)
        # the same record under a Dutch locale
        self.assertEqual(self.assess("--decision", decision, "--case-id", "K-1001",
                                     locale="nl_NL.UTF-8").stdout, proc.stdout)

    def test_deviation_needs_a_reason(self):
        decision = self.write("d.json", {"values": {"service": "coaching"}, "actor": ACTOR,
                                         "time": "2027-03-01T10:15:00+01:00"})
        proc = self.assess("--decision", decision, "--out", self.path("r.json"))
        self.assertEqual(proc.returncode, 1)
        self.assertIn("differs from the advice", proc.stderr)
        self.assertFalse(os.path.exists(self.path("r.json")))
        decision = self.write("d.json", {"values": {"service": "coaching"}, "actor": ACTOR,
                                         "time": "2027-03-01T10:15:00+01:00",
                                         "reason": {"code": "onderbuikgevoel"}})
        proc = self.assess("--decision", decision)
        self.assertEqual(proc.returncode, 1)
        self.assertIn("is not a reason code", proc.stderr)
        decision = self.write("d.json", {"values": {"service": "coaching"}, "actor": ACTOR,
                                         "reason": {"code": "anders", "text": "verhuisd"}})
        proc = self.assess("--decision", decision)
        self.assertEqual(proc.returncode, 1)
        self.assertIn("--now", proc.stderr)
        proc = self.assess("--decision", decision, "--now", "--out", self.path("r.json"))
        self.assertEqual(proc.returncode, 0, proc.stderr)
        with open(self.path("r.json"), encoding="utf-8") as f:
            record = json.load(f)
        self.assertFalse(record["decision"]["agrees"])
        self.assertRegex(record["decision"]["time"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        proc = run(["verify", "--profile", PROFILE, self.path("r.json")])
        self.assertEqual(proc.returncode, 0, proc.stderr)

    def test_unknown_variable(self):
        self.case = self.write("client.json", dict(SANNE, schoenmaat=42))
        proc = self.assess()
        self.assertEqual(proc.returncode, 1)
        self.assertIn("schoenmaat", proc.stderr)
        self.assertEqual(self.assess("--ignore-extra").returncode, 0)

    def test_usage(self):
        self.assertEqual(run(["assess", "--case", self.case]).returncode, 2)
        self.assertEqual(run(["assess", "--profile", PROFILE]).returncode, 2)
        self.assertEqual(run(["verify"]).returncode, 2)
        self.assertEqual(run(["verify", "x.jsonl", "y.jsonl"]).returncode, 2)
        proc = run(["assess", "--profile", PROFILE, "--in", CASELOAD, "--id-column", "klant"])
        self.assertEqual(proc.returncode, 1)
        self.assertIn("no column 'klant'", proc.stderr)
        help_text = run(["assess", "--help"]).stdout.decode()
        self.assertIn("SYNOPSIS", help_text)
        self.assertIn("verify", run(["--help"]).stdout.decode())

    def test_caseload_and_verify(self):
        out = self.path("records.jsonl")
        proc = run(["assess", "--profile", PROFILE, "--in", CASELOAD, "--out", out])
        self.assertEqual(proc.returncode, 0, proc.stderr)
        with open(out, encoding="utf-8") as f:
            lines = f.read().splitlines()
        self.assertEqual(len(lines), 1000)
        first = json.loads(lines[0])
        self.assertEqual(first["case_id"], "C000001")
        self.assertIsNone(first["decision"])
        proc = run(["verify", "--profile", PROFILE, out], locale="nl_NL.UTF-8")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(proc.stdout, b"1000 records verified\n")
        # a changed advice on line 7 is found and named
        record = json.loads(lines[6])
        record["advice"]["values"]["fase"] = "4" if record["advice"]["values"]["fase"] != "4" else "1"
        lines[6] = canonical(record)
        with open(out, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        proc = run(["verify", "--profile", PROFILE, out])
        self.assertEqual(proc.returncode, 1)
        self.assertIn("record 7", proc.stderr)
        self.assertIn("$.advice.values.fase", proc.stderr)

    def test_nothing_half_written(self):
        with open(CASELOAD, encoding="utf-8") as f:
            rows = f.read().splitlines()
        bad = rows[:50] + [rows[50].replace(",57,", ",zevenenvijftig,", 1) if ",57," in rows[50]
                           else rows[50].split(",", 2)[0] + ",x," + rows[50].split(",", 2)[2]]
        with open(self.path("bad.csv"), "w", encoding="utf-8") as f:
            f.write("\n".join(bad) + "\n")
        out = self.path("records.jsonl")
        proc = run(["assess", "--profile", PROFILE, "--in", self.path("bad.csv"), "--out", out])
        self.assertEqual(proc.returncode, 1)
        self.assertIn("not a number", proc.stderr)
        self.assertFalse(os.path.exists(out))


def doc_block(name):
    """The JSON block after <!-- example: NAME --> in docs/assessment.md."""
    with open(os.path.join(SOURCE_DIR, "docs", "assessment.md"), encoding="utf-8") as f:
        text = f.read()
    after = text.split("<!-- example: %s -->" % name, 1)[1]
    return json.loads(after.split("```json", 1)[1].split("```", 1)[0])


def subset(part, whole, path="$"):
    """Every value of part is in whole (lists by position)."""
    if isinstance(part, dict):
        for k, v in part.items():
            assert isinstance(whole, dict) and k in whole, "%s.%s missing" % (path, k)
            subset(v, whole[k], "%s.%s" % (path, k))
    elif isinstance(part, list):
        for i, v in enumerate(part):
            subset(v, whole[i], "%s[%d]" % (path, i))
    else:
        assert part == whole, "%s: %r != %r" % (path, part, whole)


class WorkedExample(unittest.TestCase):
    """docs/assessment.md's worked example is what the program does."""

    def test_sanne(self):
        examples = os.path.join(SOURCE_DIR, "examples", "data")
        with open(os.path.join(examples, "client-sanne.json"), encoding="utf-8") as f:
            client = json.load(f)
        subset(doc_block("sanne-answers"), client)
        proc = run(["assess", "--profile", PROFILE, "--case",
                    os.path.join(examples, "client-sanne.json"), "--decision",
                    os.path.join(examples, "decision-sanne.json")])
        self.assertEqual(proc.returncode, 0, proc.stderr)
        subset(doc_block("sanne-record"), json.loads(proc.stdout))
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "record.json")
            with open(path, "wb") as f:
                f.write(proc.stdout)
            proc = run(["verify", "--profile", PROFILE, path])
            self.assertEqual(proc.stdout, b"1 record verified\n")


def run_in(args, cwd, env_path=None):
    env = dict(os.environ, LC_ALL="C")
    env.pop("ANKER_PROFILE_PATH", None)
    if env_path is not None:
        env["ANKER_PROFILE_PATH"] = env_path
    proc = subprocess.run([ANKER] + args, capture_output=True, env=env, cwd=cwd, timeout=300)
    proc.stderr = proc.stderr.decode("utf-8", "replace")
    return proc


class VerifyFindsProfile(unittest.TestCase):
    """anker verify RECORDS without --profile: each place the profile is looked for."""

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        root = self.dir.name
        # a copy of the profile and its models, which it names as "../models/..."
        for sub in ("profiles", "models", "elsewhere"):
            os.mkdir(os.path.join(root, sub))
        models = os.path.join(SOURCE_DIR, "data", "models")
        for name in os.listdir(models):
            with open(os.path.join(models, name), "rb") as src, \
                    open(os.path.join(root, "models", name), "wb") as dst:
                dst.write(src.read())
        with open(PROFILE, "rb") as f:
            self.profile_bytes = f.read()
        self.profiles = os.path.join(root, "profiles")
        with open(os.path.join(self.profiles, "demo-anker.json"), "wb") as f:
            f.write(self.profile_bytes)
        head = os.path.join(root, "head.csv")
        with open(CASELOAD, encoding="utf-8") as src, open(head, "w", encoding="utf-8") as dst:
            dst.writelines(src.readlines()[:4])
        self.records = {}
        for where in ("profiles", "elsewhere"):
            out = os.path.join(root, where, "r.jsonl")
            proc = run(["assess", "--profile", PROFILE, "--in", head, "--out", out])
            self.assertEqual(proc.returncode, 0, proc.stderr)
            self.records[where] = out

    def tearDown(self):
        self.dir.cleanup()

    def test_next_to_the_records(self):
        proc = run_in(["verify", self.records["profiles"]], cwd=self.dir.name)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(proc.stdout, b"3 records verified\n")

    def test_current_directory(self):
        proc = run_in(["verify", self.records["elsewhere"]], cwd=self.profiles)
        self.assertEqual(proc.returncode, 0, proc.stderr)

    def test_profile_path(self):
        proc = run_in(["verify", self.records["elsewhere"]], cwd=self.dir.name,
                      env_path="/nonexistent:" + self.profiles)
        self.assertEqual(proc.returncode, 0, proc.stderr)

    def test_not_found_lists_the_places_tried(self):
        proc = run_in(["verify", self.records["elsewhere"]], cwd=self.dir.name,
                      env_path="/nonexistent")
        self.assertEqual(proc.returncode, 1)
        self.assertIn("no profile demo-anker.json with id demo_anker", proc.stderr)
        self.assertIn(os.path.join(self.dir.name, "elsewhere", "demo-anker.json") +
                      " (not found)", proc.stderr)
        self.assertIn("./demo-anker.json (not found)", proc.stderr)
        self.assertIn("/nonexistent/demo-anker.json (not found)", proc.stderr)
        self.assertIn("share/anker/profiles/demo-anker.json", proc.stderr)

    def test_a_changed_profile_of_the_same_name_is_no_match(self):
        changed = json.loads(self.profile_bytes)
        changed["version"] = changed["version"] + "-changed"
        with open(os.path.join(self.dir.name, "elsewhere", "demo-anker.json"), "w") as f:
            json.dump(changed, f)
        # it loads (its models are at ../models from there too) but is another version
        proc = run_in(["verify", self.records["elsewhere"]], cwd=self.dir.name)
        self.assertEqual(proc.returncode, 1)
        self.assertIn("elsewhere/demo-anker.json (another profile or version)", proc.stderr)
        # and is passed over for the right one
        proc = run_in(["verify", self.records["elsewhere"]], cwd=self.dir.name,
                      env_path=self.profiles)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        # a file of that name that is no profile at all
        with open(os.path.join(self.dir.name, "elsewhere", "demo-anker.json"), "w") as f:
            f.write("{")
        proc = run_in(["verify", self.records["elsewhere"]], cwd=self.dir.name)
        self.assertIn("elsewhere/demo-anker.json (does not load)", proc.stderr)

    def test_explicit_profile_still_wins(self):
        proc = run_in(["verify", "--profile", PROFILE, self.records["elsewhere"]],
                      cwd=self.dir.name, env_path="/nonexistent")
        self.assertEqual(proc.returncode, 0, proc.stderr)


if __name__ == "__main__":
    unittest.main()
