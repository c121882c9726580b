#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end tests of the `anker` program.

Environment:
    ANKER_PROGRAM        the built anker executable (required)
    ANKER_SOURCE_DIR     the source tree (for the demonstration model and caseload)
    ANKER_TEST_WRAPPER   optional command to run anker under, e.g.
                         "valgrind --error-exitcode=99 --leak-check=full -q"

Expected values come from the model file read with the json module, from the
independent numpy scorer in tests/golden/, from hashlib and from arithmetic
done here, never from anker itself.
"""

import csv
import hashlib
import io
import json
import math
import os
import re
import select
import shlex
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
import unittest

ANKER = os.environ.get("ANKER_PROGRAM", "")
SOURCE_DIR = os.environ.get("ANKER_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
WRAPPER = shlex.split(os.environ.get("ANKER_TEST_WRAPPER", ""))

MODEL = os.path.join(SOURCE_DIR, "data", "models", "demo-amt-6m.json")
# The hand-set model the demonstration AMT model was refitted from (scripts/rebuild-demo-models):
# its coefficients are short binary fractions, so the exact texts pinned below are one correctly
# rounded operation each, in numpy as in C.
HANDSET = os.path.join(SOURCE_DIR, "data", "simulation", "truth", "truth-amt-6m.json")
CASELOAD = os.path.join(SOURCE_DIR, "examples", "data", "caseload.csv")
GOLDEN_DIR = os.path.join(SOURCE_DIR, "tests", "golden")
MANUAL = os.path.join(SOURCE_DIR, "docs", "anker.1.md")
HAVE_DEMO = os.path.exists(MODEL) and os.path.exists(CASELOAD)
SUBCOMMANDS = ["score", "model-info", "wwb"]


def run(args, env=None, stdin=None, cwd=None):
    """Run anker; stdout as bytes (to compare exactly), stderr as text."""
    full_env = dict(os.environ)
    full_env.setdefault("LC_ALL", "C")
    if env:
        full_env.update(env)
    proc = subprocess.run(WRAPPER + [ANKER] + list(args), input=stdin, capture_output=True,
                          env=full_env, cwd=cwd, timeout=600)
    proc.stderr = proc.stderr.decode("utf-8", "replace")
    return proc


def load_model_json():
    with open(MODEL, encoding="utf-8") as f:
        return json.load(f)


def read_caseload():
    with open(CASELOAD, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def write_csv(path, header, rows, line_end="\n"):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator=line_end)
        w.writerow(header)
        w.writerows(rows)


def parse_csv_output(data):
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def band_for(model, p):
    """The band name for probability p, from the model file's own definition."""
    bands = model["bands"]
    lower = bands.get("boundary", "lower") == "lower"
    for item in bands["items"][:-1]:
        if (p <= item["upper"]) if lower else (p < item["upper"]):
            return item["name"]
    return bands["items"][-1]["name"]


def locale_works(name):
    """Whether the C library can load the locale (LOCPATH included)."""
    probe = subprocess.run(
        [sys.executable, "-c", "import locale; locale.setlocale(locale.LC_ALL, '')"],
        env=dict(os.environ, LC_ALL=name), capture_output=True)
    return probe.returncode == 0


# The summary line's fixed part; the timing varies and is never asserted on.
SUMMARY = r"\Aanker: scored \d+ rows in \d+\.\d\d s( \(\d+ rows/s\))?(;[^\n]*)?\n\Z"


class Program(unittest.TestCase):
    """Command line, help and exit statuses; needs no model."""

    def assert_usage_error(self, args):
        proc = run(args)
        self.assertEqual(proc.returncode, 2, (args, proc.stderr))
        self.assertTrue(proc.stderr.startswith("anker: "), proc.stderr)
        self.assertEqual(proc.stdout, b"")

    def test_version(self):
        proc = run(["--version"])
        self.assertEqual(proc.returncode, 0)
        self.assertRegex(proc.stdout.decode(), r"^anker \d+\.\d+\.\d+ \(libanker \d+\.\d+\.\d+\)\n$")

    def test_main_help(self):
        for args in (["--help"], ["-h"], ["help"]):
            proc = run(args)
            self.assertEqual(proc.returncode, 0)
            text = proc.stdout.decode()
            for section in ("NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "EXIT STATUS"):
                self.assertIn(section + "\n", text)
            for cmd in SUBCOMMANDS:
                self.assertIn(cmd, text)

    def test_help_for_every_subcommand(self):
        for cmd in SUBCOMMANDS:
            proc = run([cmd, "--help"])
            self.assertEqual(proc.returncode, 0, cmd)
            text = proc.stdout.decode()
            for section in ("NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "EXIT STATUS",
                            "EXAMPLES"):
                self.assertRegex(text, r"(?m)^%s$" % section, (cmd, section))
            self.assertIn("anker %s" % cmd, text)
            # One text per subcommand, whichever way it is asked for.
            self.assertEqual(run(["help", cmd]).stdout, proc.stdout)
            self.assertEqual(run([cmd, "-h"]).stdout, proc.stdout)

    @unittest.skipUnless(os.path.exists("/dev/full") and stat.S_ISCHR(os.stat("/dev/full").st_mode),
                         "no /dev/full")
    def test_write_errors_are_reported(self):
        """Output to a full device: a message on stderr and exit 1, never a silent failure."""
        cases = [["--help"], ["-h"], ["help"], ["--version"], ["help", "score"]]
        cases += [[cmd, "--help"] for cmd in SUBCOMMANDS]
        if HAVE_DEMO:
            cases += [["model-info", MODEL], ["model-info", "--format", "json", MODEL],
                      ["score", "--model", MODEL, "--in", CASELOAD],
                      ["score", "--model", MODEL, "--in", CASELOAD, "--format", "json"]]
        for args in cases:
            with self.subTest(args=args), open("/dev/full", "wb") as full:
                proc = subprocess.run(WRAPPER + [ANKER] + args, stdout=full,
                                      stderr=subprocess.PIPE, timeout=600)
                self.assertEqual(proc.returncode, 1)
                stderr = proc.stderr.decode()
                self.assertTrue(stderr.startswith("anker: "), stderr)
                self.assertIn("write error: No space left on device", stderr)
                self.assertEqual(stderr.count("\n"), 1, stderr)

    def test_usage_errors(self):
        for args in ([], ["--bogus"], ["nosuch"], ["help", "nosuch"],
                     ["score", "--bogus"], ["model-info", "--bogus"],
                     ["score", "-Z"], ["score", "--in", "x.csv"], ["score", "--model", "m.json"],
                     ["score", "--model"], ["score", "--model", "m", "--in", "c", "extra"],
                     ["score", "--model", "m", "--in", "c", "--format", "xml"],
                     ["model-info"], ["model-info", "a", "b"],
                     ["model-info", "--format", "yaml", "m.json"]):
            with self.subTest(args=args):
                self.assert_usage_error(args)


@unittest.skipUnless(HAVE_DEMO, "the demonstration model or caseload is not there yet")
class ModelInfo(unittest.TestCase):
    def test_sha256_is_that_of_the_file(self):
        with open(MODEL, "rb") as f:
            digest = hashlib.sha256(f.read()).hexdigest()
        proc = run(["model-info", MODEL])
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertRegex(proc.stdout.decode(), r"(?m)^sha256:\s+%s$" % digest)
        info = json.loads(run(["model-info", "--format", "json", MODEL]).stdout)
        self.assertEqual(info["sha256"], digest)

    def test_text_names_everything(self):
        model = load_model_json()
        text = run(["model-info", MODEL]).stdout.decode()
        for key in ("id", "name", "version", "toets", "valid_from"):
            self.assertIn(model[key], text)
        self.assertIn(model["outcome"]["description"], text)
        for value in model["provenance"].values():
            self.assertIn(value, text)
        for var in model["variables"]:
            self.assertRegex(text, r"(?m)^  %s\s+%s" % (var["name"], var["kind"]))
            for level in var.get("levels", []):
                self.assertIn(level, text)
        for term in model["terms"]:
            self.assertRegex(text, r"(?m)^  %s\s+%s\s+%s$" % (
                re.escape(term["name"]), term["type"], re.escape(term["label"])))
        for band in model["bands"]["items"]:
            self.assertIn(band["name"], text)

    def test_outputs_are_those_the_format_page_declares(self):
        # The normative table of docs/model-format.md, "Outputs", for this kind.
        with open(os.path.join(SOURCE_DIR, "docs", "model-format.md"), encoding="utf-8") as f:
            page = f.read()
        model = load_model_json()
        declared = re.findall(r"(?m)^\| `%s` \| `(\w+)` \| (number|level) \|" % model["kind"],
                              page)
        self.assertEqual([name for name, _ in declared],
                         ["probability", "linear_predictor", "band"])
        info = json.loads(run(["model-info", "--format", "json", MODEL]).stdout)
        self.assertEqual([(o["name"], o["type"]) for o in info["outputs"]], declared)
        bands = [b["name"] for b in model["bands"]["items"]]
        self.assertEqual(info["outputs"][2]["levels"], bands)
        text = run(["model-info", MODEL]).stdout.decode()
        self.assertIn("\noutputs (3):\n", text)
        for name, kind in declared:
            self.assertRegex(text, r"(?m)^  %s\s+%s\s+\S" % (name, kind))
        self.assertIn("(%s)" % ", ".join(bands), text)

    def test_policies_match_the_file(self):
        # The missing-value and out-of-range policies, read from the JSON by hand;
        # the format's defaults are reject and reject.
        model = load_model_json()
        info = json.loads(run(["model-info", "--format", "json", MODEL]).stdout)
        text = run(["model-info", MODEL]).stdout.decode()
        for var, shown in zip(model["variables"], info["variables"]):
            missing = var.get("missing", {"policy": "reject"})
            self.assertEqual(shown["missing"], missing, var["name"])
            if var["kind"] == "numeric":
                self.assertEqual(shown["out_of_range"], var.get("out_of_range", "reject"))
            else:
                self.assertNotIn("out_of_range", shown)
            block = text.split("\n  %s " % var["name"], 1)[1].split("label:", 1)[0]
            self.assertIn("missing: %s" % missing["policy"], block)

    def test_json_matches_the_file(self):
        model = load_model_json()
        proc = run(["model-info", "--format", "json", MODEL])
        self.assertEqual(proc.returncode, 0, proc.stderr)
        info = json.loads(proc.stdout)
        for key in ("id", "name", "version", "toets", "valid_from", "link", "kind",
                    "outcome", "provenance"):
            self.assertEqual(info[key], model[key], key)
        self.assertEqual(len(info["variables"]), len(model["variables"]))
        for got, var in zip(info["variables"], model["variables"]):
            self.assertEqual(got["name"], var["name"])
            self.assertEqual(got["kind"], var["kind"])
            self.assertEqual(got["label"], var.get("label", var["name"]))
            if var["kind"] == "numeric":
                self.assertEqual(got["range"], var["range"])
            if var["kind"] == "categorical":
                self.assertEqual(got["levels"], var["levels"])
        self.assertEqual([(t["name"], t["type"], t["label"]) for t in info["terms"]],
                         [(t["name"], t["type"], t["label"]) for t in model["terms"]])
        self.assertEqual(info["bands"]["boundary"], model["bands"].get("boundary", "lower"))
        self.assertEqual([(b["name"], b.get("upper")) for b in info["bands"]["items"]],
                         [(b["name"], b.get("upper")) for b in model["bands"]["items"]])

    def test_missing_model_file(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "nothere.json")
            proc = run(["model-info", path])
            self.assertEqual(proc.returncode, 1)
            self.assertIn(path, proc.stderr)
            self.assertTrue(proc.stderr.startswith("anker: "))

    def test_bad_model_files(self):
        model = load_model_json()
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "bad.json")
            # A syntax error: the message gives the line.
            with open(path, "w") as f:
                f.write('{\n  "format": "anker-model",\n  "id": [1,\n')
            proc = run(["model-info", path])
            self.assertEqual(proc.returncode, 1)
            self.assertRegex(proc.stderr, r"^anker: .*bad\.json:\d+")
            # A semantic error: the message gives the JSON path.
            broken = json.loads(json.dumps(model))
            broken["terms"][1]["label"] = 42
            with open(path, "w") as f:
                json.dump(broken, f)
            proc = run(["model-info", path])
            self.assertEqual(proc.returncode, 1)
            self.assertIn("bad.json", proc.stderr)
            self.assertIn("$.terms[1].label", proc.stderr)


# Text that would retitle the terminal (OSC 0 ... BEL), clear it through the one-byte
# CSI U+009B, and a DEL; and how the program must show it: control bytes as \xHH,
# C1 code points as \u00HH (tools/terminal-text.h).
EVIL = "\u001b]0;pwned\u0007 \u009b2J \u007f"
EVIL_SHOWN = "\\x1b]0;pwned\\x07 \\u009b2J \\x7f"


@unittest.skipUnless(HAVE_DEMO, "the demonstration model or caseload is not there yet")
class TerminalSafety(unittest.TestCase):
    """Names, labels, levels, provenance, header names, cells and file names from
    files reach stdout and stderr escaped; data written as CSV or JSON stays exact."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="anker-cli-")
        model = load_model_json()
        model["name"] = "Demo " + EVIL
        model["provenance"]["notes"] = "notes " + EVIL
        education = next(v for v in model["variables"] if v["name"] == "education")
        education["label"] = "label " + EVIL
        education["levels"].append("level " + EVIL)
        term = next(t for t in model["terms"] if t.get("variable") == "education")
        term["effects"]["level " + EVIL] = 0.125
        term["label"] = "oriëntatie " + EVIL
        model["bands"]["items"][0]["label"] = "band " + EVIL
        self.model = model
        self.model_path = os.path.join(self.tmp, "evil.json")
        with open(self.model_path, "w", encoding="utf-8") as f:
            json.dump(model, f, ensure_ascii=False)
        self.header, self.rows = read_caseload()

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def assert_clean(self, data):
        """No ESC, BEL, DEL or U+009B (UTF-8 C2 9B) as such."""
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogateescape")
        for raw in (b"\x1b", b"\x07", b"\x7f", b"\xc2\x9b"):
            self.assertNotIn(raw, data)

    def test_model_info_text(self):
        proc = run(["model-info", self.model_path])
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assert_clean(proc.stdout)
        text = proc.stdout.decode("utf-8")
        self.assertRegex(text, r"(?m)^name: +Demo %s$" % re.escape(EVIL_SHOWN))
        for shown in ("notes ", "label ", "levels: basic, vocational, higher, unknown, level ",
                      "band "):
            self.assertIn(shown + EVIL_SHOWN, text)
        # Valid printable UTF-8 stays as it is.
        self.assertIn("oriëntatie " + EVIL_SHOWN, text)

    def test_model_info_json_is_exact_and_clean(self):
        proc = run(["model-info", "--format", "json", self.model_path])
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assert_clean(proc.stdout)
        info = json.loads(proc.stdout)
        self.assertEqual(info["name"], self.model["name"])
        self.assertEqual(info["provenance"]["notes"], self.model["provenance"]["notes"])
        levels = next(v for v in info["variables"] if v["name"] == "education")["levels"]
        self.assertEqual(levels[-1], "level " + EVIL)

    def bad_score(self, model, header, rows):
        cases = os.path.join(self.tmp, "cases.csv")
        write_csv(cases, header, rows)
        proc = run(["score", "--model", model, "--in", cases])
        self.assertEqual(proc.returncode, 1)
        self.assertTrue(proc.stderr.startswith("anker: "), proc.stderr)
        self.assertEqual(proc.stderr.count("\n"), 1, proc.stderr)
        self.assert_clean(proc.stderr)
        return proc.stderr

    def test_header_name_in_a_message(self):
        msg = self.bad_score(MODEL, self.header + [EVIL], [r + ["1"] for r in self.rows[:3]])
        self.assertIn("cases.csv:1:%d (%s): no variable" % (len(self.header) + 1, EVIL_SHOWN),
                      msg)

    def test_cell_in_a_message(self):
        col = self.header.index("region")
        rows = [list(r) for r in self.rows[:3]]
        rows[1][col] = EVIL
        msg = self.bad_score(MODEL, self.header, rows)
        self.assertIn('cases.csv:3:%d (region): ' % (col + 1), msg)
        self.assertIn('"%s"' % EVIL_SHOWN, msg)
        rows[1][col] = "2"
        rows[1][self.header.index("age")] = "\u009b2J"
        msg = self.bad_score(MODEL, self.header, rows)
        self.assertIn('not a number: "\\u009b2J"', msg)

    def test_library_message_quoting_the_model(self):
        broken = json.loads(json.dumps(self.model))
        term = next(t for t in broken["terms"] if t.get("variable") == "region")
        term["effects"]["no " + EVIL] = 1.0
        path = os.path.join(self.tmp, "broken.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(broken, f, ensure_ascii=False)
        msg = self.bad_score(path, self.header, self.rows[:3])
        self.assertIn("no " + EVIL_SHOWN, msg)
        self.assertIn("is not a level of region", msg)
        proc = run(["model-info", path])
        self.assertEqual(proc.returncode, 1)
        self.assert_clean(proc.stderr)
        self.assertIn("no " + EVIL_SHOWN, proc.stderr)

    def test_file_name_in_a_message(self):
        missing = os.path.join(self.tmp, "no\x1b[2Jsuch\n.csv")
        proc = run(["score", "--model", MODEL, "--in", missing])
        self.assertEqual(proc.returncode, 1)
        self.assert_clean(proc.stderr)
        self.assertIn("no\\x1b[2Jsuch\\x0a.csv: cannot open", proc.stderr)
        proc = run(["score", "--model", MODEL, "--in", "-", "--bogus\x1b[2J"])
        self.assertEqual(proc.returncode, 2)
        self.assert_clean(proc.stderr)
        self.assertIn("unknown option '--bogus\\x1b[2J'", proc.stderr)

    def test_output_data_stays_exact(self):
        ids = ["id " + EVIL, "plain"]
        rows = [[ids[i]] + r[1:] for i, r in enumerate(self.rows[:2])]
        cases = os.path.join(self.tmp, "ids.csv")
        write_csv(cases, self.header, rows)
        # CSV: the id is data, copied byte for byte (quoted by CSV's rules only).
        proc = run(["score", "--model", MODEL, "--in", cases])
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual([r["id"] for r in parse_csv_output(proc.stdout)], ids)
        # JSON: control characters escaped by JSON's rules, and DEL and C1 as \u00HH
        # too, which JSON allows: the same string, but nothing raw for a terminal.
        proc = run(["score", "--model", MODEL, "--in", cases, "--format", "json"])
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assert_clean(proc.stdout)
        self.assertIn(b"\\u001b]0;pwned\\u0007 \\u009b2J \\u007f", proc.stdout)
        self.assertEqual([o["id"] for o in json.loads(proc.stdout)["cases"]], ids)


@unittest.skipUnless(HAVE_DEMO, "the demonstration model or caseload is not there yet")
class Score(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.model = load_model_json()
        cls.header, cls.rows = read_caseload()
        cls.terms = [t["name"] for t in cls.model["terms"]]

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="anker-cli-")

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def path(self, name):
        return os.path.join(self.tmp, name)

    def score(self, cases, *extra, env=None, model=MODEL):
        return run(["score", "--model", model, "--in", cases] + list(extra), env=env)

    def score_ok(self, cases, *extra, env=None, model=MODEL):
        proc = self.score(cases, *extra, env=env, model=model)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        # Nothing on stderr but the summary line (unless --quiet).
        if "--quiet" in extra:
            self.assertEqual(proc.stderr, "")
        else:
            self.assertRegex(proc.stderr, SUMMARY)
        return proc.stdout

    # --- results ---------------------------------------------------------

    def test_csv_output_is_consistent(self):
        out = parse_csv_output(self.score_ok(CASELOAD, "--explain"))
        self.assertEqual(len(out), len(self.rows))
        self.assertEqual(list(out[0].keys()),
                         ["id", "probability", "linear_predictor", "band", "band_label"]
                         + ["contrib." + t for t in self.terms])
        for row, case in zip(out, self.rows):
            self.assertEqual(row["id"], case[0])
            p = float(row["probability"])
            eta = float(row["linear_predictor"])
            self.assertAlmostEqual(p, 1 / (1 + math.exp(-eta)), delta=1e-15)
            contributions = [float(row["contrib." + t]) for t in self.terms]
            total = 0.0
            for c in contributions:  # in term order from 0, as the format prescribes
                total += c
            self.assertAlmostEqual(total, eta, delta=1e-12)
            self.assertEqual(row["band"], band_for(self.model, p))

    def test_columns_are_the_declared_outputs(self):
        """The columns after the id are the model's named outputs, in the order
        anker model-info declares them, a level output followed by <name>_label."""
        proc = run(["model-info", "--format", "json", MODEL])
        self.assertEqual(proc.returncode, 0, proc.stderr)
        outputs = json.loads(proc.stdout)["outputs"]
        self.assertTrue(outputs)
        columns = []
        for output in outputs:
            columns.append(output["name"])
            if output["type"] == "level":
                columns.append(output["name"] + "_label")
        # For the binary kind, docs/model-format.md "Outputs" declares these.
        self.assertEqual(columns, ["probability", "linear_predictor", "band", "band_label"])
        extra = ["flags"] + ["contrib." + t for t in self.terms]
        text = self.score_ok(CASELOAD, "--flags", "--explain").decode()
        self.assertEqual(text.split("\n", 1)[0], ",".join(["id"] + columns + extra))
        # JSON: each case has the same outputs by name, in the same order.
        data = json.loads(self.score_ok(CASELOAD, "--flags", "--explain", "--format", "json"))
        self.assertEqual(len(data["cases"]), len(self.rows))
        self.assertEqual(list(data["cases"][0].keys()),
                         ["id"] + columns + ["flags", "contributions"])
        # A level output's cells are the names and labels of its declared levels.
        bands = {b["name"]: b["label"] for b in self.model["bands"]["items"]}
        levels = [o for o in outputs if o["type"] == "level"]
        for case in data["cases"]:
            for output in levels:
                self.assertIn(case[output["name"]], output["levels"])
                self.assertEqual(case[output["name"] + "_label"], bands[case[output["name"]]])

    def test_binary_output_is_unchanged(self):
        """Whole runs, with every optional column, compared byte for byte with what
        anker score wrote before its columns came from the named outputs (with the hand-set
        model those runs used)."""
        cases = os.path.join(GOLDEN_DIR, "cases.csv")
        for extra, saved in ((["--format", "csv"], "score-cases-flags-explain.csv"),
                             (["--format", "json", "--digits", "shortest"],
                              "score-cases-flags-explain.json")):
            with self.subTest(saved=saved):
                with open(os.path.join(SOURCE_DIR, "tests", "cli", saved), "rb") as f:
                    want = f.read()
                got = self.score_ok(cases, "--na", "NA", "--ignore-extra", "--flags",
                                    "--explain", "--quiet", *extra, model=HANDSET)
                self.assertEqual(got, want)

    def test_caseload_agrees_with_the_reference_scorer(self):
        expected = os.path.join(self.tmp, "expected.csv")
        ref = subprocess.run(["/usr/bin/python3", os.path.join(GOLDEN_DIR, "reference_scorer.py"),
                              MODEL, CASELOAD, "--out", expected], capture_output=True)
        if ref.returncode == 77:
            self.skipTest("the reference scorer needs numpy")
        self.assertEqual(ref.returncode, 0, ref.stderr)
        with open(expected, newline="") as f:
            reference = list(csv.DictReader(f))
        out = parse_csv_output(self.score_ok(CASELOAD, "--explain"))
        self.assertEqual(len(out), len(reference))
        for got, want in zip(out, reference):
            self.assertEqual(got["id"], want["id"])
            self.assertAlmostEqual(float(got["linear_predictor"]),
                                   float(want["linear_predictor"]), delta=1e-12)
            self.assertAlmostEqual(float(got["probability"]), float(want["probability"]),
                                   delta=1e-12)
            self.assertEqual(got["band"], want["band"])
            for t in self.terms:
                self.assertAlmostEqual(float(got["contrib." + t]),
                                       float(want["contrib_" + t]), delta=1e-12)

    def test_csv_numbers_are_exact_text(self):
        """The CSV writer's text itself, not only the numbers it parses back to: 17
        significant digits in %.17g form, as the numpy reference scorer writes them."""
        expected = os.path.join(self.tmp, "expected.csv")
        ref = subprocess.run(["/usr/bin/python3", os.path.join(GOLDEN_DIR, "reference_scorer.py"),
                              HANDSET, CASELOAD, "--out", expected], capture_output=True)
        if ref.returncode == 77:
            self.skipTest("the reference scorer needs numpy")
        self.assertEqual(ref.returncode, 0, ref.stderr)
        with open(expected, newline="") as f:
            reference = list(csv.DictReader(f))
        text = self.score_ok(CASELOAD, "--explain", model=HANDSET).decode()
        lines = text.split("\n")
        # The first case as a whole line. Its age, 57, is a knot of the age spline,
        # so every contribution is one correctly rounded operation in numpy as in C,
        # and the linear predictor is their sum in file order in both.
        want = reference[0]
        # The library never writes -0 (a zero contribution is +0.0, docs/api.md); numpy
        # does, for 0 times a negative coefficient. That is the one text mapped here.
        for key, value in want.items():
            if value == "-0":
                want[key] = "0"
        self.assertEqual(lines[1], ",".join(
            [want["id"], want["probability"], want["linear_predictor"], want["band"],
             "Moderate chance (25-50%)"]
            + [want["contrib_" + t] for t in self.terms]))
        # Pinned literally too, as the numpy scorer computed it: the values whose
        # shortest form is shorter (0.48, 0.1, -0.05, ...) keep all 17 digits.
        self.assertEqual(lines[1], "C000001,0.34130142526435558,-0.6575000000000002,moderate,"
                         "Moderate chance (25-50%),"
                         "0.0625,-1.1000000000000001,0,0.47999999999999998,0,0,"
                         "0.10000000000000001,-0.050000000000000003,-0.45000000000000001,"
                         "0.59999999999999998,-0.29999999999999999,0")
        # Every case: the terms that are one correctly rounded operation in numpy and
        # in C (all but the spline, which interpolates by another formula) as exact
        # text; the rest in %.17g form of the value written.
        spline = {t["name"] for t in self.model["terms"] if t["type"] == "spline"}
        rows = list(csv.reader(lines[1:-1]))
        self.assertEqual(len(rows), len(reference))
        self.assertEqual(lines[-1], "")
        for row, want in zip(rows, reference):
            got = dict(zip(["id", "probability", "linear_predictor", "band", "band_label"]
                           + ["contrib_" + t for t in self.terms], row))
            for t in self.terms:
                if t not in spline:
                    # -0 from numpy is 0 from the library, as above.
                    text = "0" if want["contrib_" + t] == "-0" else want["contrib_" + t]
                    self.assertEqual(got["contrib_" + t], text, (row[0], t))
            for key, value in got.items():
                if key not in ("id", "band", "band_label"):
                    self.assertEqual(value, "%.17g" % float(value), (row[0], key))

    def test_golden_cases(self):
        """Hand-designed cases: NA and empty cells, true/false, values on thresholds."""
        cases = os.path.join(GOLDEN_DIR, "cases.csv")
        with open(os.path.join(GOLDEN_DIR, "expected-demo-amt-6m.csv"), newline="") as f:
            expected = list(csv.DictReader(f))
        # The golden file has a "note" column the model does not know.
        proc = self.score(cases, "--na", "NA")
        self.assertEqual(proc.returncode, 1)
        self.assertRegex(proc.stderr, r"cases\.csv:1:2 \(note\): ")
        out = parse_csv_output(self.score_ok(cases, "--na", "NA", "--ignore-extra", "--explain"))
        self.assertEqual(len(out), len(expected))
        for got, want in zip(out, expected):
            self.assertEqual(got["id"], want["id"])
            self.assertEqual(got["band"], want["band"], got["id"])
            self.assertAlmostEqual(float(got["probability"]), float(want["probability"]),
                                   delta=1e-12)
            for t in self.terms:
                self.assertAlmostEqual(float(got["contrib." + t]),
                                       float(want["contrib_" + t]), delta=1e-12)

    def test_json_matches_csv(self):
        csv_rows = parse_csv_output(self.score_ok(CASELOAD, "--explain"))
        data = json.loads(self.score_ok(CASELOAD, "--explain", "--format", "json"))["cases"]
        self.assertIsInstance(data, list)
        self.assertEqual(len(data), len(csv_rows))
        for obj, row in zip(data, csv_rows):
            self.assertEqual(list(obj.keys()),
                             ["id", "probability", "linear_predictor", "band", "band_label",
                              "contributions"])
            self.assertEqual(obj["id"], row["id"])
            self.assertEqual(obj["probability"], float(row["probability"]))
            self.assertEqual(obj["linear_predictor"], float(row["linear_predictor"]))
            self.assertEqual(obj["band"], row["band"])
            self.assertEqual(obj["band_label"], row["band_label"])
            self.assertEqual(list(obj["contributions"].keys()), self.terms)
            for t in self.terms:
                self.assertEqual(obj["contributions"][t], float(row["contrib." + t]))
        # Without --explain there are no contributions.
        plain = json.loads(self.score_ok(CASELOAD, "--format", "json"))["cases"]
        self.assertEqual(list(plain[0].keys()),
                         ["id", "probability", "linear_predictor", "band", "band_label"])

    def test_empty_json_and_csv(self):
        cases = self.path("header-only.csv")
        write_csv(cases, self.header, [])
        data = json.loads(self.score_ok(cases, "--format", "json"))
        self.assertEqual(data["cases"], [])
        self.assertEqual(data["rows"], 0)
        self.assertEqual(self.score_ok(cases), b"id,probability,linear_predictor,band,band_label\n")

    def test_ids(self):
        # No id column: the 1-based row number.
        no_id = self.path("no-id.csv")
        write_csv(no_id, self.header[1:], [r[1:] for r in self.rows[:20]])
        out = parse_csv_output(self.score_ok(no_id))
        self.assertEqual([r["id"] for r in out], [str(i) for i in range(1, 21)])
        data = json.loads(self.score_ok(no_id, "--format", "json"))["cases"]
        self.assertEqual([o["id"] for o in data], list(range(1, 21)))
        # Another column named as the id, with ids that need quoting and escaping.
        named = self.path("named.csv")
        ids = ['a,b', 'say "hi"', 'two\nlines', 'é€', '']
        write_csv(named, ["client"] + self.header[1:],
                  [[ids[i % len(ids)]] + r[1:] for i, r in enumerate(self.rows[:10])])
        out = parse_csv_output(self.score_ok(named, "--id-column", "client"))
        self.assertEqual([r["id"] for r in out], [ids[i % len(ids)] for i in range(10)])
        data = json.loads(self.score_ok(named, "--id-column", "client", "--format", "json"))["cases"]
        self.assertEqual([o["id"] for o in data], [ids[i % len(ids)] for i in range(10)])
        # Without --id-column, "client" is just a column the model does not know.
        self.assertEqual(self.score(named).returncode, 1)
        # An --id-column that is not there.
        proc = self.score(named, "--id-column", "nosuch")
        self.assertEqual(proc.returncode, 1)
        self.assertIn("nosuch", proc.stderr)

    def test_crlf_bom_quotes_and_column_order_do_not_matter(self):
        plain = self.score_ok(CASELOAD, "--explain")
        order = list(reversed(range(len(self.header))))
        other = self.path("other.csv")
        with open(other, "w", newline="", encoding="utf-8") as f:
            f.write("\ufeff")
            w = csv.writer(f, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
            w.writerow([self.header[i] for i in order])
            w.writerows([[r[i] for i in order] for r in self.rows])
        self.assertEqual(self.score_ok(other, "--explain"), plain)
        # Standard input, too.
        with open(CASELOAD, "rb") as f:
            proc = run(["score", "--model", MODEL, "--in", "-", "--explain"], stdin=f.read())
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(proc.stdout, plain)

    def test_many_chunks(self):
        """More rows than one chunk holds; ids and results stay in step."""
        n = 20000
        big = self.path("big.csv")
        rows = [["X%06d" % i] + self.rows[i % len(self.rows)][1:] for i in range(n)]
        write_csv(big, self.header, rows)
        out = parse_csv_output(self.score_ok(big))
        single = {r["id"]: r for r in parse_csv_output(self.score_ok(CASELOAD))}
        self.assertEqual(len(out), n)
        for i, row in enumerate(out):
            self.assertEqual(row["id"], "X%06d" % i)
            twin = single[self.rows[i % len(self.rows)][0]]
            self.assertEqual(row["probability"], twin["probability"])

    def test_missing_values_and_na(self):
        imputing = [v["name"] for v in self.model["variables"]
                    if v.get("missing", {}).get("policy") in ("impute", "level")]
        self.assertTrue(imputing)
        col = self.header.index(imputing[0])
        rows = [list(r) for r in self.rows[:5]]
        rows[2][col] = "onbekend"
        cases = self.path("na.csv")
        write_csv(cases, self.header, rows)
        blank = [list(r) for r in rows]
        blank[2][col] = ""
        blank_file = self.path("blank.csv")
        write_csv(blank_file, self.header, blank)
        # "onbekend" is missing only when --na says so; then it scores as an empty cell.
        self.assertEqual(self.score(cases).returncode, 1)
        self.assertEqual(self.score_ok(cases, "--na", "NA", "--na", "onbekend"),
                         self.score_ok(blank_file))

    def test_variable_without_a_column_is_an_error(self):
        """A variable with no column stops the run before anything is written; with
        --absent NAME it is missing for every case and its policy applies."""
        by_name = {v["name"]: v for v in self.model["variables"]}
        imputing = [n for n in self.header[1:]
                    if by_name[n].get("missing", {}).get("policy") == "impute"]
        rejecting = [n for n in self.header[1:]
                     if by_name[n].get("missing", {"policy": "reject"})["policy"] == "reject"]
        for name, ok in ((imputing[0], True), (rejecting[0], False)):
            keep = [i for i, h in enumerate(self.header) if h != name]
            cases = self.path("without-%s.csv" % name)
            write_csv(cases, [self.header[i] for i in keep],
                      [[r[i] for i in keep] for r in self.rows[:5]])
            out = self.path("out.csv")
            proc = self.score(cases, "--out", out)
            self.assertEqual(proc.returncode, 1)
            self.assertEqual(proc.stderr, "anker: %s: no column for '%s' (use --absent %s if it "
                             "is missing for every case)\n" % (cases, name, name))
            self.assertFalse(os.path.exists(out))
            proc = self.score(cases, "--absent", name, "--quiet")
            if ok:
                self.assertEqual(proc.returncode, 0, proc.stderr)
            else:
                self.assertEqual(proc.returncode, 1)
                self.assertIn(name, proc.stderr)
                self.assertRegex(proc.stderr, r"without-%s\.csv:2\b" % name)
        # A column that is there and declared absent is a contradiction.
        proc = self.score(CASELOAD, "--absent", imputing[0])
        self.assertEqual(proc.returncode, 1)
        self.assertIn("(%s): the column is there" % imputing[0], proc.stderr)

    def test_misspelt_column(self):
        """The shipped caseload with health spelt helth: under --ignore-extra the run
        stops and suggests the column; with --absent health the scores are the
        reference scorer's for a caseload without health."""
        col = self.header.index("health")
        header = list(self.header)
        header[col] = "helth"
        cases = self.path("cases.csv")
        write_csv(cases, header, self.rows)
        proc = self.score(cases, "--ignore-extra")
        self.assertEqual(proc.returncode, 1)
        self.assertEqual(proc.stdout, b"")
        self.assertEqual(proc.stderr, "anker: %s: no column for 'health'; did you mean 'helth'? "
                         "(use --absent health if it is missing for every case)\n" % cases)
        # Without --ignore-extra the unknown column itself is the error, with the variable.
        proc = self.score(cases)
        self.assertEqual(proc.returncode, 1)
        self.assertIn(":1:%d (helth): no variable of that name" % (col + 1), proc.stderr)
        self.assertIn("did you mean 'health'?", proc.stderr)
        # --absent with a name the model lacks is a command-line error.
        proc = self.score(cases, "--ignore-extra", "--absent", "helth")
        self.assertEqual(proc.returncode, 2)
        self.assertIn("did you mean 'health'?", proc.stderr)
        self.assertEqual(proc.stdout, b"")

        without = self.path("without-health.csv")
        write_csv(without, self.header[:col] + self.header[col + 1:],
                  [r[:col] + r[col + 1:] for r in self.rows])
        expected = self.path("expected.csv")
        ref = subprocess.run(["/usr/bin/python3", os.path.join(GOLDEN_DIR, "reference_scorer.py"),
                              MODEL, without, "--out", expected], capture_output=True)
        if ref.returncode == 77:
            self.skipTest("the reference scorer needs numpy")
        self.assertEqual(ref.returncode, 0, ref.stderr)
        with open(expected, newline="") as f:
            reference = list(csv.DictReader(f))
        proc = self.score(cases, "--ignore-extra", "--absent", "health", "--explain", "--quiet")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        out = parse_csv_output(proc.stdout)
        self.assertEqual(len(out), len(reference))
        for got, want in zip(out, reference):
            self.assertEqual(got["id"], want["id"])
            self.assertAlmostEqual(float(got["probability"]), float(want["probability"]),
                                   delta=1e-12)
            self.assertEqual(got["band"], want["band"])
            for t in self.terms:
                self.assertAlmostEqual(float(got["contrib." + t]),
                                       float(want["contrib_" + t]), delta=1e-12)

    def test_output_does_not_depend_on_the_locale(self):
        name = "nl_NL.UTF-8"
        if not locale_works(name):
            self.skipTest("locale %s is not installed" % name)
        for args in (["--explain"], ["--explain", "--format", "json"]):
            self.assertEqual(self.score_ok(CASELOAD, *args, env={"LC_ALL": name}),
                             self.score_ok(CASELOAD, *args, env={"LC_ALL": "C"}))
        self.assertEqual(run(["model-info", MODEL], env={"LC_ALL": name}).stdout,
                         run(["model-info", MODEL], env={"LC_ALL": "C"}).stdout)
        # A Dutch decimal comma in the input is still not a number.
        col = self.header.index("age")
        rows = [list(r) for r in self.rows[:3]]
        rows[1][col] = "52,5"
        cases = self.path("comma.csv")
        write_csv(cases, self.header, rows)
        proc = self.score(cases, env={"LC_ALL": name})
        self.assertEqual(proc.returncode, 1)
        self.assertIn("comma.csv:3:%d (age): not a number" % (col + 1), proc.stderr)

    # --- what the model did to the values ---------------------------------

    def expected_counts(self, header, rows):
        """Per variable (missing, imputed, clamped) from the CSV cells and the model
        file's policies: empty cells are missing, "impute" imputes them, and a
        number outside the range under "clamp" is clamped."""
        counts = {}
        for var in self.model["variables"]:
            col = header.index(var["name"])
            cells = [r[col] for r in rows]
            missing = sum(1 for c in cells if c == "")
            policy = var.get("missing", {"policy": "reject"})["policy"]
            imputed = missing if policy == "impute" else 0
            clamped = 0
            if var["kind"] == "numeric" and var.get("out_of_range", "reject") == "clamp":
                low, high = var["range"]
                clamped = sum(1 for c in cells if c != "" and not low <= float(c) <= high)
            counts[var["name"]] = (missing, imputed, clamped)
        return counts

    def test_summary_counts(self):
        counts = self.expected_counts(self.header, self.rows)
        self.assertTrue(any(c[2] for c in counts.values()))  # the caseload has clamped values
        missing = ["%s %d%s" % (name, m, " (imputed)" if i == m else
                                ("" if i == 0 else " (%d imputed)" % i))
                   for name, (m, i, _) in counts.items() if m]
        clamped = ["%s %d" % (name, c) for name, (_, _, c) in counts.items() if c]
        tail = ""
        if missing:
            tail += "; missing: " + ", ".join(missing)
        if clamped:
            tail += "; clamped: " + ", ".join(clamped)
        proc = self.score(CASELOAD, "--out", self.path("o.csv"))
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertRegex(proc.stderr, SUMMARY)
        self.assertRegex(proc.stderr, r"^anker: scored %d rows in " % len(self.rows))
        self.assertTrue(proc.stderr.endswith(tail + "\n"), (proc.stderr, tail))
        self.assertEqual(self.score(CASELOAD, "--quiet").stderr, "")

    def hand_made(self):
        """Five rows of the first case, each with one change, and what the model does."""
        col = {name: i for i, name in enumerate(self.header)}
        rows = [list(self.rows[0]) for _ in range(5)]
        rows[1][col["age"]] = "70"              # above [18, 67], clamped
        rows[2][col["health"]] = ""             # missing, imputed 3
        rows[3][col["education"]] = ""          # missing, the level "unknown"
        rows[4][col["age"]] = "12"              # clamped,
        rows[4][col["sector"]] = ""             # and missing, imputed "other"
        flags = [[], ["clamped"], ["missing", "imputed"], ["missing"],
                 ["missing", "imputed", "clamped"]]
        cases = self.path("hand.csv")
        write_csv(cases, self.header, rows)
        return cases, flags

    def test_flags_column(self):
        self.assertEqual(self.rows[0][self.header.index("age")], "57")  # within range
        cases, flags = self.hand_made()
        out = parse_csv_output(self.score_ok(cases, "--flags"))
        self.assertEqual(list(out[0].keys()),
                         ["id", "probability", "linear_predictor", "band", "band_label", "flags"])
        self.assertEqual([r["flags"] for r in out], ["+".join(f) for f in flags])
        data = json.loads(self.score_ok(cases, "--flags", "--format", "json"))["cases"]
        self.assertEqual([o["flags"] for o in data], flags)
        # Without --flags the output is as it always was.
        self.assertNotIn(b"flags", self.score_ok(cases))

    def test_strict(self):
        cases, flags = self.hand_made()
        col = {name: i + 1 for i, name in enumerate(self.header)}
        proc = self.score(cases, "--strict")
        self.assertEqual(proc.returncode, 1)
        self.assertIn("hand.csv:3:%d (age): " % col["age"], proc.stderr)
        self.assertIn('"70"', proc.stderr)  # the bad cell, as for any bad case
        # Imputing stops the run too; the explicit missing level does not.
        rows = [list(self.rows[0]) for _ in range(3)]
        rows[1][col["education"] - 1] = ""
        rows[2][col["health"] - 1] = ""
        write_csv(cases, self.header, rows)
        proc = self.score(cases, "--strict")
        self.assertEqual(proc.returncode, 1)
        self.assertIn("hand.csv:4:%d (health): " % col["health"], proc.stderr)
        write_csv(cases, self.header, rows[:2])
        self.score_ok(cases, "--strict")

    def test_digits_shortest(self):
        """--digits shortest writes Python's repr() digits: the same value and the same
        number of significant digits, for every number of the caseload's output and
        for hard cases."""
        def significant(text):
            mantissa = text.lower().lstrip("-").split("e")[0].replace(".", "")
            return len(mantissa.lstrip("0").rstrip("0")) or 1
        out = parse_csv_output(self.score_ok(CASELOAD, "--explain", "--digits", "shortest"))
        full = parse_csv_output(self.score_ok(CASELOAD, "--explain", "--digits", "17"))
        keys = [k for k in out[0] if k not in ("id", "band", "band_label")]
        checked = 0
        for got, exact in zip(out, full):
            for k in keys:
                value = float(exact[k])
                self.assertEqual(float(got[k]), value, (got["id"], k))
                self.assertEqual(significant(got[k]), significant(repr(value)),
                                 (got["id"], k, got[k], repr(value)))
                checked += 1
        self.assertGreater(checked, 50000)
        # Hard cases, through a one-variable model whose linear predictor is x itself
        # (intercept 0, coefficient 1, a range wide enough).
        # Model values are limited to magnitudes up to 1e15, so the largest doubles
        # (1.7976931348623157e308) cannot pass through a model.
        values = [0.1, 1 / 3, 0.3, 2 / 3, 5e-324, 2 ** -1074 * 3, 2.2250738585072014e-308,
                  123456789012345.67, 999999999999999.9, 0.30000000000000004, 1 - 2 ** -53,
                  0.09999999999999998, 4.35, 1e-5, 123.456, -7e-300]
        model = one_variable_model({"policy": "reject"})
        model["variables"][0]["range"] = [-1e15, 1e15]
        model["terms"][0]["coef"] = 0
        model["terms"][1]["coef"] = 1
        model_path = self.path("identity.json")
        with open(model_path, "w") as f:
            json.dump(model, f)
        cases = self.path("hard.csv")
        write_csv(cases, ["x"], [[repr(v)] for v in values])
        proc = run(["score", "--model", model_path, "--in", cases, "--explain", "--digits",
                    "shortest", "--quiet"])
        self.assertEqual(proc.returncode, 0, proc.stderr)
        for row, v in zip(parse_csv_output(proc.stdout), values):
            for k in ("linear_predictor", "contrib.x"):
                self.assertEqual(float(row[k]), v, (k, row[k]))
                self.assertEqual(significant(row[k]), significant(repr(v)), (k, row[k], repr(v)))
        self.assertEqual(run(["score", "--model", MODEL, "--in", CASELOAD, "--digits", "16"])
                         .returncode, 2)

    def test_never_minus_zero(self):
        """A negative coefficient times 0 is 0, never -0, in every format and digits."""
        model = one_variable_model({"policy": "reject"})
        model["terms"][0]["coef"] = 0       # intercept 0
        model["terms"][1]["coef"] = -0.25   # x = 0: -0.25 * 0 = -0.0 in IEEE arithmetic
        model_path = self.path("negative.json")
        with open(model_path, "w") as f:
            json.dump(model, f)
        cases = self.path("zero.csv")
        write_csv(cases, ["x"], [["0"], ["-0"], ["0.0"]])
        for args in ([], ["--digits", "shortest"], ["--format", "json"],
                     ["--format", "json", "--digits", "shortest"]):
            proc = run(["score", "--model", model_path, "--in", cases, "--explain",
                        "--quiet"] + args)
            self.assertEqual(proc.returncode, 0, proc.stderr)
            self.assertNotRegex(proc.stdout.decode(), r"-0(?![.\d])", args)
            if "json" in args:
                for case in json.loads(proc.stdout)["cases"]:
                    self.assertEqual(case["linear_predictor"], 0)
                    self.assertEqual(case["contributions"]["x"], 0)
            else:
                for row in parse_csv_output(proc.stdout):
                    self.assertEqual(row["linear_predictor"], "0")
                    self.assertEqual(row["contrib.x"], "0")

    def test_which_model_scored(self):
        """JSON output and the CSV sidecar name the model by id, version and the
        SHA-256 of its file, list the absent variables, and give the counts; every
        row has its band's label from the model file."""
        with open(MODEL, "rb") as f:
            sha = hashlib.sha256(f.read()).hexdigest()
        model = {"id": self.model["id"], "name": self.model["name"],
                 "version": self.model["version"], "sha256": sha}
        labels = {b["name"]: b["label"] for b in self.model["bands"]["items"]}
        col = self.header.index("health")
        cases = self.path("cases.csv")
        write_csv(cases, self.header[:col] + self.header[col + 1:],
                  [r[:col] + r[col + 1:] for r in self.rows])
        rows = [r[:col] + [""] + r[col + 1:] for r in self.rows]
        counts = {name: {"missing": m, "imputed": i, "clamped": c} for name, (m, i, c)
                  in self.expected_counts(self.header, rows).items()}
        data = json.loads(self.score_ok(cases, "--absent", "health", "--format", "json"))
        self.assertEqual(list(data.keys()), ["model", "absent", "cases", "rows", "counts"])
        self.assertEqual(data["model"], model)
        self.assertEqual(data["absent"], ["health"])
        self.assertEqual(data["rows"], len(self.rows))
        self.assertEqual(data["counts"], counts)
        for case in data["cases"]:
            self.assertEqual(case["band_label"], labels[case["band"]])
        # CSV: OUT.meta.json next to --out, with the same members but the cases.
        out = self.path("scores.csv")
        self.score_ok(cases, "--absent", "health", "--out", out)
        with open(out + ".meta.json") as f:
            meta = json.load(f)
        self.assertEqual(meta, {"model": model, "absent": ["health"], "rows": len(self.rows),
                                "counts": counts})
        with open(out, newline="") as f:
            for row in csv.DictReader(f):
                self.assertEqual(row["band_label"], labels[row["band"]])
        # To standard output: a sidecar only with --meta FILE.
        before = sorted(os.listdir(self.tmp))
        self.score_ok(cases, "--absent", "health")
        self.assertEqual(sorted(os.listdir(self.tmp)), before)
        self.score_ok(cases, "--absent", "health", "--meta", self.path("m.json"))
        with open(self.path("m.json")) as f:
            self.assertEqual(json.load(f), meta)
        # A failed run writes no sidecar.
        os.remove(self.path("m.json"))
        proc = self.score(cases, "--meta", self.path("m.json"))
        self.assertEqual(proc.returncode, 1)
        self.assertFalse(os.path.exists(self.path("m.json")))

    # --- the output file -------------------------------------------------

    def test_out_file_is_written_whole(self):
        target = self.path("scores.csv")
        with open(target, "w") as f:
            f.write("old\n")
        os.chmod(target, 0o640)
        proc = self.score(CASELOAD, "--explain", "--out", target)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(proc.stdout, b"")
        with open(target, "rb") as f:
            self.assertEqual(f.read(), self.score_ok(CASELOAD, "--explain"))
        self.assertEqual(stat.S_IMODE(os.stat(target).st_mode), 0o640)
        # With the sidecar that says which model scored it (CSV output only).
        self.assertEqual(sorted(os.listdir(self.tmp)), ["scores.csv", "scores.csv.meta.json"])
        # A new file gets the usual mode, not the temporary file's 0600.
        fresh = self.path("fresh.json")
        old_mask = os.umask(0o022)
        try:
            self.score_ok(CASELOAD, "--format", "json", "--out", fresh)
        finally:
            os.umask(old_mask)
        self.assertEqual(stat.S_IMODE(os.stat(fresh).st_mode), 0o644)
        with open(fresh) as f:
            self.assertEqual(len(json.load(f)["cases"]), len(self.rows))

    def test_failed_run_leaves_out_file_untouched(self):
        target = self.path("scores.csv")
        original = b"precious,data\r\n\x00\xff\n"
        with open(target, "wb") as f:
            f.write(original)
        # The bad cell is in the last chunk, so a lot has been written by then.
        n = 20000
        rows = [["X%06d" % i] + self.rows[i % len(self.rows)][1:] for i in range(n)]
        rows[n - 2][self.header.index("age")] = "4O"
        cases = self.path("cases.csv")
        write_csv(cases, self.header, rows)
        for fmt in ("csv", "json"):
            proc = self.score(cases, "--format", fmt, "--out", target)
            self.assertEqual(proc.returncode, 1)
            self.assertIn("cases.csv:%d:" % n, proc.stderr)
            with open(target, "rb") as f:
                self.assertEqual(f.read(), original)
            self.assertEqual(sorted(os.listdir(self.tmp)), ["cases.csv", "scores.csv"])
        # Also when the model does not load, and when no target existed.
        proc = run(["score", "--model", self.path("nothere.json"), "--in", cases,
                    "--out", self.path("new.csv")])
        self.assertEqual(proc.returncode, 1)
        self.assertEqual(sorted(os.listdir(self.tmp)), ["cases.csv", "scores.csv"])

    def test_interrupted_run_leaves_out_file_untouched(self):
        target = self.path("scores.csv")
        with open(target, "wb") as f:
            f.write(b"old\n")
        # Input from a pipe that stays open, so the run is surely still going.
        proc = subprocess.Popen(WRAPPER + [ANKER, "score", "--model", MODEL, "--in", "-",
                                           "--out", target],
                                stdin=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            lines = [",".join(self.header)] + [",".join(r) for r in self.rows[:100]]
            proc.stdin.write(("\n".join(lines) + "\n").encode())
            proc.stdin.flush()
            for _ in range(600):  # the temporary file appears once the header is read
                if len(os.listdir(self.tmp)) > 1:
                    break
                time.sleep(0.05)
            self.assertEqual(len(os.listdir(self.tmp)), 2, "no temporary file appeared")
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=60)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            proc.stdin.close()
            proc.stderr.close()
        self.assertNotEqual(proc.returncode, 0)
        self.assertEqual(os.listdir(self.tmp), ["scores.csv"])
        with open(target, "rb") as f:
            self.assertEqual(f.read(), b"old\n")

    def temp_files(self, target="scores.csv"):
        """Whatever is in the directory besides the target (whatever the temporary name)."""
        return [n for n in os.listdir(self.tmp) if n != target]

    def char_device(self, real):
        """A character device to give --out: @p real itself when we are not root, so
        that a program that renamed a file over it would fail instead of destroying
        it for everyone on the machine; as root a node of our own with the same
        device numbers, in the test directory."""
        st = os.stat(real)
        if not stat.S_ISCHR(st.st_mode):
            self.skipTest("%s is not a character device" % real)
        if os.geteuid() != 0:
            if not os.access(real, os.W_OK):
                self.skipTest("%s is not writable" % real)
            return real
        path = self.path(os.path.basename(real))
        try:
            os.mknod(path, 0o666 | stat.S_IFCHR, st.st_rdev)
            os.close(os.open(path, os.O_WRONLY))
        except OSError as e:
            self.skipTest("cannot make and open a device node here: %s" % e)
        return path

    def test_out_dev_null_stays_a_device(self):
        dev = self.char_device("/dev/null")
        before = os.stat(dev)
        proc = self.score(CASELOAD, "--out", dev)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(proc.stdout, b"")
        after = os.stat(dev)
        self.assertTrue(stat.S_ISCHR(after.st_mode))
        self.assertEqual((after.st_rdev, after.st_ino), (before.st_rdev, before.st_ino))
        self.assertEqual(self.temp_files(os.path.basename(dev)), [])

    def test_out_full_device(self):
        dev = self.char_device("/dev/full")
        proc = self.score(CASELOAD, "--out", dev)
        self.assertEqual(proc.returncode, 1)
        self.assertEqual(proc.stderr, "anker: %s: write error: No space left on device\n" % dev)
        self.assertTrue(stat.S_ISCHR(os.stat(dev).st_mode))
        self.assertEqual(self.temp_files(os.path.basename(dev)), [])

    def test_out_fifo_is_written_through(self):
        fifo = self.path("scores.fifo")
        os.mkfifo(fifo)
        # Our end is open before the program starts, so its open() does not block,
        # and a program that replaced the FIFO instead would not hang the test.
        fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
        received = []
        try:
            proc = subprocess.Popen(WRAPPER + [ANKER, "score", "--model", MODEL, "--in", CASELOAD,
                                               "--explain", "--out", fifo],
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            done = False
            while not done:
                done = proc.poll() is not None  # read once more after the end
                while True:
                    try:
                        data = os.read(fd, 1 << 16)
                    except BlockingIOError:
                        break
                    if not data:
                        break
                    received.append(data)
                if not done:
                    # A FIFO without a writer reads as at its end, so select() may not wait.
                    select.select([fd], [], [], 0.1)
                    time.sleep(0.01)
            stdout, stderr = proc.communicate()
        finally:
            os.close(fd)
        self.assertEqual(proc.returncode, 0, stderr)
        self.assertEqual(stdout, b"")
        self.assertEqual(b"".join(received), self.score_ok(CASELOAD, "--explain"))
        self.assertTrue(stat.S_ISFIFO(os.lstat(fifo).st_mode))
        self.assertEqual(os.listdir(self.tmp), ["scores.fifo"])

    def test_out_symlink_is_followed(self):
        expected = self.score_ok(CASELOAD)
        # link -> sub/real (relative), and a chain chain -> link; the links survive.
        os.mkdir(self.path("sub"))
        real = self.path("sub/real.csv")
        with open(real, "w") as f:
            f.write("old\n")
        os.chmod(real, 0o640)
        os.symlink("sub/real.csv", self.path("link"))
        os.symlink(self.path("link"), self.path("chain"))
        for name in ("link", "chain"):
            with open(real, "w") as f:
                f.write("old\n")
            proc = self.score(CASELOAD, "--out", self.path(name))
            self.assertEqual(proc.returncode, 0, proc.stderr)
            self.assertTrue(os.path.islink(self.path(name)))
            with open(real, "rb") as f:
                self.assertEqual(f.read(), expected)
            self.assertEqual(stat.S_IMODE(os.stat(real).st_mode), 0o640)
        self.assertEqual(os.readlink(self.path("link")), "sub/real.csv")
        # The sidecars are named after --out as given.
        self.assertEqual(sorted(os.listdir(self.tmp)),
                         ["chain", "chain.meta.json", "link", "link.meta.json", "sub"])
        self.assertEqual(os.listdir(self.path("sub")), ["real.csv"])
        # A dangling link: its target is created, the link stays.
        os.symlink("sub/new.csv", self.path("dangling"))
        proc = self.score(CASELOAD, "--out", self.path("dangling"))
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertTrue(os.path.islink(self.path("dangling")))
        with open(self.path("sub/new.csv"), "rb") as f:
            self.assertEqual(f.read(), expected)

    def test_out_refuses_directories_and_sockets(self):
        import socket
        sock = socket.socket(socket.AF_UNIX)
        try:
            sock.bind(self.path("sock"))
            os.mkdir(self.path("dir"))
            for name, kind in (("dir", "a directory"), ("sock", "a socket")):
                proc = self.score(CASELOAD, "--out", self.path(name))
                self.assertEqual(proc.returncode, 1)
                self.assertIn("%s: is %s" % (name, kind), proc.stderr)
            self.assertEqual(sorted(os.listdir(self.tmp)), ["dir", "sock"])
            self.assertEqual(os.listdir(self.path("dir")), [])
        finally:
            sock.close()

    def test_out_dash_is_stdout(self):
        proc = run(["score", "--model", MODEL, "--in", CASELOAD, "--out", "-"], cwd=self.tmp)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(proc.stdout, self.score_ok(CASELOAD))
        self.assertEqual(os.listdir(self.tmp), [])

    def test_out_same_file_as_in_is_refused(self):
        cases = self.path("cases.csv")
        shutil.copy(CASELOAD, cases)
        with open(cases, "rb") as f:
            original = f.read()
        os.link(cases, self.path("hard.csv"))
        os.symlink("cases.csv", self.path("sym.csv"))
        for out in ("cases.csv", "hard.csv", "sym.csv", "./cases.csv"):
            for stdin in (False, True):
                with self.subTest(out=out, stdin=stdin):
                    if stdin:
                        with open(cases, "rb") as f:
                            proc = subprocess.run(
                                WRAPPER + [ANKER, "score", "--model", MODEL, "--in", "-",
                                           "--out", out],
                                stdin=f, capture_output=True, cwd=self.tmp, timeout=600)
                        proc.stderr = proc.stderr.decode()
                        input_name = "<stdin>"
                    else:
                        proc = run(["score", "--model", MODEL, "--in", "cases.csv",
                                    "--out", out], cwd=self.tmp)
                        input_name = "cases.csv"
                    self.assertEqual(proc.returncode, 1)
                    self.assertEqual(proc.stdout, b"")
                    self.assertIn("%s: is the same file as the input %s" % (out, input_name),
                                  proc.stderr)
                    with open(cases, "rb") as f:
                        self.assertEqual(f.read(), original)
                    self.assertEqual(sorted(os.listdir(self.tmp)),
                                     ["cases.csv", "hard.csv", "sym.csv"])

    def test_long_out_name(self):
        # 255 bytes, NAME_MAX on Linux file systems: the temporary name must still fit.
        name = "s" * 251 + ".csv"
        self.assertEqual(len(name), 255)
        # The default sidecar name would be too long; --meta gives another.
        proc = self.score(CASELOAD, "--out", self.path(name))
        self.assertEqual(proc.returncode, 1)
        self.assertIn(".meta.json: the sidecar's name is longer than 255 bytes; name it "
                      "with --meta FILE", proc.stderr)
        self.assertEqual(os.listdir(self.tmp), [])
        proc = self.score(CASELOAD, "--out", self.path(name), "--meta", self.path("m.json"))
        self.assertEqual(proc.returncode, 0, proc.stderr)
        with open(self.path(name), "rb") as f:
            self.assertEqual(f.read(), self.score_ok(CASELOAD))
        self.assertEqual(sorted(os.listdir(self.tmp)), ["m.json", name])

    def start_streaming_run(self, target, **popen_args):
        """A run whose input comes from a pipe that stays open: it is surely still going
        once its temporary file is there."""
        proc = subprocess.Popen(WRAPPER + [ANKER, "score", "--model", MODEL, "--in", "-",
                                           "--out", target],
                                stdin=subprocess.PIPE, stderr=subprocess.PIPE, **popen_args)
        lines = [",".join(self.header)] + [",".join(r) for r in self.rows[:100]]
        proc.stdin.write(("\n".join(lines) + "\n").encode())
        proc.stdin.flush()
        for _ in range(1200):  # waiting for a state, not timing: at most a minute
            if self.temp_files() or proc.poll() is not None:
                break
            time.sleep(0.05)
        return proc

    def test_fatal_signals_remove_the_temporary_file(self):
        target = self.path("scores.csv")
        sigs = [signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT, signal.SIGUSR1,
                signal.SIGUSR2, signal.SIGALRM, signal.SIGPIPE, signal.SIGXCPU,
                signal.SIGVTALRM, signal.SIGPROF, signal.SIGABRT, signal.SIGSEGV,
                signal.SIGRTMIN, signal.SIGRTMAX]
        if WRAPPER:
            # valgrind keeps some real-time signals for itself, and loses a SIGSEGV
            # sent while the program has it blocked (around creating the file)
            sigs = [sig for sig in sigs if sig < signal.SIGRTMIN and sig != signal.SIGSEGV]
        for sig in sigs:
            with self.subTest(signal=sig):
                with open(target, "wb") as f:
                    f.write(b"old\n")
                proc = self.start_streaming_run(target)
                stderr = b""
                try:
                    self.assertEqual(len(self.temp_files()), 1, "no temporary file appeared")
                    proc.send_signal(sig)
                    proc.wait(timeout=60)
                    stderr = proc.stderr.read()
                finally:
                    if proc.poll() is None:
                        proc.kill()
                        proc.wait()
                    proc.stdin.close()
                    proc.stderr.close()
                # The handler passes the signal on to the action there was before it:
                # the default, or in a sanitizer build the sanitizer's SIGSEGV report,
                # which ends the run its own way. A wrapper such as valgrind may also
                # report the end otherwise.
                sanitizer = sig == signal.SIGSEGV and b"Sanitizer" in stderr
                if not WRAPPER and not sanitizer:
                    self.assertEqual(proc.returncode, -sig)
                self.assertNotEqual(proc.returncode, 0)
                self.assertEqual(os.listdir(self.tmp), ["scores.csv"])
                with open(target, "rb") as f:
                    self.assertEqual(f.read(), b"old\n")

    def test_ignored_signal_stays_ignored(self):
        # Started with SIGHUP ignored (as by nohup), the program does not die of it.
        target = self.path("scores.csv")
        proc = self.start_streaming_run(
            target, preexec_fn=lambda: signal.signal(signal.SIGHUP, signal.SIG_IGN))
        try:
            self.assertEqual(len(self.temp_files()), 1, "no temporary file appeared")
            proc.send_signal(signal.SIGHUP)
            proc.stdin.close()  # the end of the input: the run finishes normally
            proc.wait(timeout=60)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            proc.stderr.close()
        self.assertEqual(proc.returncode, 0)
        self.assertEqual(sorted(os.listdir(self.tmp)), ["scores.csv", "scores.csv.meta.json"])

    def test_file_size_limit(self):
        """Beyond ulimit -f: a write error, exit 1, no temporary file, the old file kept."""
        import resource
        target = self.path("scores.csv")
        with open(target, "wb") as f:
            f.write(b"old\n")
        limit = 64 * 1024  # the output with --explain is several times larger
        def limit_file_size():
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        proc = subprocess.run(WRAPPER + [ANKER, "score", "--model", MODEL, "--in", CASELOAD,
                                         "--explain", "--out", target],
                              capture_output=True, preexec_fn=limit_file_size, timeout=600)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertEqual(proc.stderr.decode(),
                         "anker: %s: write error: File too large\n" % target)
        self.assertEqual(os.listdir(self.tmp), ["scores.csv"])
        with open(target, "rb") as f:
            self.assertEqual(f.read(), b"old\n")

    def test_unwritable_out_directory(self):
        proc = self.score(CASELOAD, "--out", self.path("no/such/dir/out.csv"))
        self.assertEqual(proc.returncode, 1)
        self.assertIn("out.csv", proc.stderr)

    def test_progress_line(self):
        proc = self.score(CASELOAD, "--progress", "--out", self.path("o.csv"))
        self.assertEqual(proc.returncode, 0, proc.stderr)
        # Whatever was drawn is erased again before the summary line.
        progress, summary = proc.stderr.rsplit("\r\x1b[K", 1) if "\r" in proc.stderr \
            else ("", proc.stderr)
        if progress:
            self.assertRegex(progress, r"\d+ rows, \d+ rows/s")
        self.assertRegex(summary, SUMMARY)
        proc = self.score(CASELOAD, "--progress", "--quiet", "--out", self.path("o.csv"))
        self.assertEqual(proc.stderr, "")

    # --- bad input -------------------------------------------------------

    def bad_input(self, name, rows, *extra, header=None):
        """Write a CSV, expect exit 1, return the message."""
        cases = self.path(name)
        write_csv(cases, header or self.header, rows)
        proc = self.score(cases, *extra)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertTrue(proc.stderr.startswith("anker: "), proc.stderr)
        self.assertEqual(proc.stderr.count("\n"), 1, proc.stderr)
        return proc.stderr

    def variables_of_kind(self, kind):
        return [v for v in self.model["variables"] if v["kind"] == kind]

    def test_not_a_number(self):
        var = self.variables_of_kind("numeric")[0]["name"]
        col = self.header.index(var)
        for bad in ("4O", "0,5", " 52", "inf", "nan", "0x1A", "1e999"):
            with self.subTest(value=bad):
                rows = [list(r) for r in self.rows[:10]]
                rows[6][col] = bad
                msg = self.bad_input("num.csv", rows)
                self.assertIn("num.csv:8:%d (%s): " % (col + 1, var), msg)
                self.assertIn('"%s"' % bad, msg)

    def test_not_a_boolean(self):
        var = self.variables_of_kind("boolean")[0]["name"]
        col = self.header.index(var)
        rows = [list(r) for r in self.rows[:10]]
        rows[0][col] = "maybe"
        msg = self.bad_input("bool.csv", rows)
        self.assertIn("bool.csv:2:%d (%s): not a boolean" % (col + 1, var), msg)

    def test_unknown_level(self):
        var = self.variables_of_kind("categorical")[0]["name"]
        col = self.header.index(var)
        rows = [list(r) for r in self.rows[:10]]
        rows[4][col] = "no-such-level"
        msg = self.bad_input("level.csv", rows)
        self.assertIn("level.csv:6:%d (%s): " % (col + 1, var), msg)

    def test_out_of_range_under_reject(self):
        var = [v for v in self.variables_of_kind("numeric")
               if v.get("out_of_range", "reject") == "reject"][0]
        col = self.header.index(var["name"])
        rows = [list(self.rows[i % len(self.rows)]) for i in range(10000)]
        rows[9000][col] = repr(var["range"][1] + 1)
        msg = self.bad_input("range.csv", rows)
        # The case index the library reports is mapped back across chunks.
        self.assertIn("range.csv:9002:%d (%s): " % (col + 1, var["name"]), msg)

    def test_line_numbers_count_newlines_inside_quotes(self):
        var = self.variables_of_kind("numeric")[0]["name"]
        col = self.header.index(var)
        rows = [list(r) for r in self.rows[:10]]
        rows[1][0] = "id with\ntwo line ends\n"
        rows[3][col] = "x"
        msg = self.bad_input("nl.csv", rows)
        self.assertIn("nl.csv:7:%d (%s): not a number" % (col + 1, var), msg)

    def test_unknown_column(self):
        rows = [list(r) + ["42"] for r in self.rows[:5]]
        header = self.header + ["shoe_size"]
        msg = self.bad_input("extra.csv", rows, header=header)
        self.assertIn("extra.csv:1:%d (shoe_size): " % len(header), msg)
        cases = self.path("extra.csv")
        proc = self.score(cases, "--ignore-extra")
        self.assertEqual(proc.returncode, 0, proc.stderr)

    def test_duplicate_column(self):
        header = self.header + [self.header[2]]
        rows = [list(r) + [r[2]] for r in self.rows[:5]]
        msg = self.bad_input("dup.csv", rows, header=header)
        self.assertIn("dup.csv:1:%d (%s): duplicate" % (len(header), self.header[2]), msg)

    def test_duplicate_column_in_a_wide_header(self):
        # 200,000 distinct names (base 36, under the 1 MiB record limit), then the
        # name of column 123,457 again. Comparing every pair took over a minute.
        digits = "0123456789abcdefghijklmnopqrstuvwxyz"
        def base36(i):
            s = ""
            while True:
                s, i = digits[i % 36] + s, i // 36
                if i == 0:
                    return s
        names = [base36(i) for i in range(200000)]
        names.append(names[123456])
        cases = self.path("wide.csv")
        with open(cases, "w") as f:
            f.write(",".join(names) + "\n")
        proc = self.score(cases)
        self.assertEqual(proc.returncode, 1)
        self.assertEqual(proc.stderr,
                         "anker: %s:1:200001 (%s): duplicate column name (also column 123457)\n"
                         % (cases, names[123456]))

    def test_ragged_row(self):
        rows = [list(r) for r in self.rows[:10]]
        rows[3] = rows[3][:-2]
        msg = self.bad_input("ragged.csv", rows)
        self.assertRegex(msg, r"ragged\.csv:5:%d\b.*fields" % (len(self.header) - 1))
        rows = [list(r) for r in self.rows[:10]]
        rows[5] = rows[5] + ["surplus"]
        msg = self.bad_input("ragged.csv", rows)
        self.assertRegex(msg, r"ragged\.csv:7:%d\b.*fields" % (len(self.header) + 1))

    def test_unterminated_quote(self):
        cases = self.path("quote.csv")
        write_csv(cases, self.header, self.rows[:10])
        with open(cases, "a") as f:
            f.write('"C999999,52,3\n')
        proc = self.score(cases)
        self.assertEqual(proc.returncode, 1)
        self.assertIn("quote.csv:12:1 (id): unterminated quoted field", proc.stderr)

    def test_empty_file(self):
        cases = self.path("empty.csv")
        open(cases, "w").close()
        proc = self.score(cases)
        self.assertEqual(proc.returncode, 1)
        self.assertIn("empty.csv", proc.stderr)
        self.assertIn("empty", proc.stderr)

    def test_missing_input_file(self):
        proc = self.score(self.path("nothere.csv"))
        self.assertEqual(proc.returncode, 1)
        self.assertIn("nothere.csv", proc.stderr)

    def test_missing_and_bad_model_file(self):
        proc = run(["score", "--model", self.path("nothere.json"), "--in", CASELOAD])
        self.assertEqual(proc.returncode, 1)
        self.assertIn("nothere.json", proc.stderr)
        bad = self.path("bad.json")
        with open(bad, "w") as f:
            f.write('{"format": "anker-model",\n "format_version": 1,\n "kind": }\n')
        proc = run(["score", "--model", bad, "--in", CASELOAD])
        self.assertEqual(proc.returncode, 1)
        self.assertRegex(proc.stderr, r"bad\.json:3\b")


def one_variable_model(missing):
    """A model with one numeric variable x: linear predictor 0.5 + 0.25 x, logit link."""
    return {
        "format": "anker-model", "format_version": 1, "kind": "binary",
        "id": "one-column", "name": "One column", "version": "1.0.0", "toets": "AMT",
        "outcome": {"description": "test", "horizon_months": 6},
        "valid_from": "2026-01-01",
        "provenance": {"statement": "Test model.", "data": "None.", "fitted_by": "tests"},
        "variables": [{"name": "x", "label": "x", "kind": "numeric", "range": [-10, 10],
                       "missing": missing}],
        "link": "logit",
        "terms": [{"type": "intercept", "name": "intercept", "label": "i", "coef": 0.5},
                  {"type": "linear", "name": "x", "label": "x", "variable": "x",
                   "coef": 0.25}],
        "bands": {"boundary": "lower", "items": [{"name": "low", "upper": 0.5},
                                                 {"name": "high"}]},
    }


class OneColumn(unittest.TestCase):
    """With a one-column header, an empty line is a record with one empty (missing) cell."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="anker-cli-")

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def write(self, name, data):
        path = os.path.join(self.tmp, name)
        with open(path, "wb") as f:
            f.write(data.encode())
        return path

    def model(self, missing):
        return self.write("model.json", json.dumps(one_variable_model(missing)))

    def test_empty_line_is_a_missing_value(self):
        model = self.model({"policy": "impute", "value": 2})
        # x = 4, missing (imputed 2), -2: linear predictors 1.5, 1.0, 0.0 by hand.
        for data, etas in (("x\n4\n\n-2\n", [1.5, 1.0, 0.0]),
                           ("x\r\n4\r\n\r\n-2", [1.5, 1.0, 0.0]),
                           ("\nx\n\n\n4\n", [1.0, 1.0, 1.5]),
                           # the final line end ends the last record, and a blank line
                           # before it is one more record
                           ("x\n4\n\n-2\n\n", [1.5, 1.0, 0.0, 1.0])):
            with self.subTest(data=data):
                cases = self.write("cases.csv", data)
                proc = run(["score", "--model", model, "--in", cases])
                self.assertEqual(proc.returncode, 0, proc.stderr)
                out = parse_csv_output(proc.stdout)
                self.assertEqual([r["id"] for r in out],
                                 [str(i) for i in range(1, len(etas) + 1)])
                self.assertEqual([float(r["linear_predictor"]) for r in out], etas)
                for row, eta in zip(out, etas):
                    self.assertAlmostEqual(float(row["probability"]),
                                           1 / (1 + math.exp(-eta)), delta=1e-15)

    def test_empty_line_under_reject(self):
        model = self.model({"policy": "reject"})
        cases = self.write("cases.csv", "x\n4\n\n-2\n")
        proc = run(["score", "--model", model, "--in", cases])
        self.assertEqual(proc.returncode, 1)
        self.assertRegex(proc.stderr, r"^anker: .*cases\.csv:3:1 \(x\): .*missing")


BLIJF = os.path.join(SOURCE_DIR, "data", "models", "demo-blijf-12m.json")


class Duration(unittest.TestCase):
    """A duration model: its outputs as columns, --horizons and --given-months, the
    hazard ratios of --explain, and model-info."""

    def score(self, *args):
        proc = run(["score", "--model", BLIJF, "--in", CASELOAD, "--quiet"] + list(args))
        self.assertEqual(proc.returncode, 0, proc.stderr)
        return parse_csv_output(proc.stdout)

    def test_every_caseload_row_scores(self):
        rows = self.score()
        self.assertEqual(len(rows), 5000)
        self.assertEqual(list(rows[0])[:13], [
            "id", "survival_3", "survival_6", "survival_12", "survival_24", "exit_3", "exit_6",
            "exit_12", "exit_24", "median_months", "rmst_months", "log_relative_hazard",
            "band"])
        for row in rows:
            s3, s24 = float(row["survival_3"]), float(row["survival_24"])
            self.assertTrue(0.0 <= s24 <= s3 <= 1.0)
            self.assertEqual(float(row["exit_12"]), 1.0 - float(row["survival_12"]))
        self.assertTrue(any(row["median_months"] == "inf" for row in rows))

    def test_horizons_and_given_months(self):
        rows = self.score("--horizons", "9,18,12", "--given-months", "7", "--explain")
        header = list(rows[0])
        self.assertEqual(header[14:17], ["survival_9_given_7", "survival_18_given_7",
                                         "survival_12_given_7"])
        with open(BLIJF, encoding="utf-8") as f:
            model = json.load(f)
        s0 = dict(zip(model["survival"]["baseline"]["months"],
                      model["survival"]["baseline"]["survival"]))
        terms = [t["name"] for t in model["terms"]]
        self.assertEqual(header[-2 * len(terms):],
                         ["contrib." + t for t in terms] + ["hr." + t for t in terms])
        for row in rows[:200]:
            hr = math.exp(float(row["log_relative_hazard"]))
            # S(18 | 7) = (S0(18) / S0(7)) ^ exp(eta), from the file's baseline
            self.assertAlmostEqual(float(row["survival_18_given_7"]),
                                   (s0[18] / s0[7]) ** hr, delta=1e-12)
            for t in terms:
                self.assertEqual(float(row["hr." + t]),
                                 float("%.17g" % math.exp(float(row["contrib." + t]))))
        # a model horizon without --given-months is the model's own column, once
        rows = self.score("--horizons", "12,7.5,7.5")
        self.assertEqual(list(rows[0])[-1:], ["survival_7.5"])

    def test_given_months_alone_uses_the_model_horizons(self):
        rows = self.score("--given-months", "6")
        self.assertEqual(list(rows[0])[-3:], ["survival_6_given_6", "survival_12_given_6",
                                              "survival_24_given_6"])
        self.assertTrue(all(row["survival_6_given_6"] == "1" for row in rows))

    def test_usage_errors(self):
        for args, text in (
                (["--model", BLIJF, "--horizons", "25"], "beyond the model"),
                (["--model", BLIJF, "--horizons", "6", "--given-months", "7"],
                 "before --given-months"),
                (["--model", MODEL, "--horizons", "6"], "need a duration model"),
                (["--model", BLIJF, "--horizons", "6,,9"], "separated by commas"),
                (["--model", BLIJF, "--horizons", "nine"], "not a number of months"),
                (["--model", BLIJF, "--given-months", "-1"], "number of months"),
                (["--model", BLIJF, "--horizons", ",".join(["1"] * 17)], "at most 16")):
            with self.subTest(args=args):
                proc = run(["score", "--in", CASELOAD, "--quiet"] + args)
                self.assertEqual(proc.returncode, 2, proc.stderr)
                self.assertIn(text, proc.stderr)

    def test_json_median_beyond_the_grid_is_null(self):
        proc = run(["score", "--model", BLIJF, "--in", CASELOAD, "--quiet", "--format", "json",
                    "--horizons", "9", "--explain"])
        self.assertEqual(proc.returncode, 0, proc.stderr)
        cases = json.loads(proc.stdout)["cases"]
        self.assertTrue(any(c["median_months"] is None for c in cases))
        self.assertIn("survival_9", cases[0])
        self.assertEqual(set(cases[0]["hazard_ratios"]), set(cases[0]["contributions"]))

    def test_model_info(self):
        text = run(["model-info", BLIJF]).stdout.decode()
        self.assertIn("survival:    cox proportional hazards, baseline survival on 24 grid "
                      "months", text)
        self.assertIn("horizons:    3, 6, 12, 24 months (headline 12)", text)
        self.assertIn("max_months:  24", text)
        s12 = json.load(open(BLIJF))["survival"]["baseline"]["survival"][11]
        self.assertRegex(text, r"(?m)^  12\s+%s$" % re.escape(repr(s12)))
        self.assertNotIn("link:", text)
        info = json.loads(run(["model-info", "--format", "json", BLIJF]).stdout)
        with open(BLIJF, encoding="utf-8") as f:
            model = json.load(f)
        self.assertEqual(info["survival"], model["survival"])
        self.assertEqual(info["horizons"], model["horizons"])
        self.assertEqual(info["max_months"], 24)
        self.assertNotIn("link", info)


@unittest.skipUnless(HAVE_DEMO and os.path.exists(MANUAL), "no manual or demonstration data")
class Manual(unittest.TestCase):
    """Every `$ anker ...` example in docs/anker.1.md runs and exits 0."""

    def test_examples_run(self):
        with open(MANUAL, encoding="utf-8") as f:
            text = f.read()
        commands = []
        for block in re.findall(r"```sh\n(.*?)```", text, re.S):
            joined = block.replace("\\\n", " ")
            commands += [line[2:].strip() for line in joined.splitlines()
                         if line.startswith("$ anker ")]
        self.assertGreater(len(commands), 3)
        with tempfile.TemporaryDirectory() as tmp:
            for data in ("data", "examples", "tests"):
                os.symlink(os.path.join(SOURCE_DIR, data), os.path.join(tmp, data))
            for command in commands:
                with self.subTest(command=command):
                    args = shlex.split(command)[1:]
                    stdin = None
                    if "<" in args:  # the one shell feature the examples use
                        where = args.index("<")
                        with open(os.path.join(tmp, args[where + 1]), "rb") as f:
                            stdin = f.read()
                        del args[where:where + 2]
                    proc = run(args, cwd=tmp, stdin=stdin)
                    self.assertEqual(proc.returncode, 0, proc.stderr)


if __name__ == "__main__":
    if not ANKER:
        sys.exit("ANKER_PROGRAM must name the anker executable")
    unittest.main(verbosity=2)
