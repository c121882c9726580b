#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""anker score and anker model-info with questionnaires (kind "questionnaire").

Environment as for test_cli.py: ANKER_PROGRAM, ANKER_SOURCE_DIR. The scores
checked here are computed by hand from docs/model-format.md ("Scoring a
scale") for the demonstration motivation questionnaire.
"""
import csv
import io
import json
import os
import re
import subprocess
import tempfile
import unittest

ANKER = os.environ.get("ANKER_PROGRAM", "")
SOURCE_DIR = os.environ.get("ANKER_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
MODELS = os.path.join(SOURCE_DIR, "data", "models")
DEMOS = ["demo-nt-prof", "demo-motivatie", "demo-competentie"]
ANSWERS = os.path.join(SOURCE_DIR, "examples", "data", "answers.csv")
MOTIVATIE = os.path.join(MODELS, "demo-motivatie.json")

# demo-motivatie: motivatie = weighted mean of wil_werken (2), verwacht_werk,
# uitkering_voldoende (2, reversed: 6 - x), ander_werk, gezondheid;
# zoekgedrag = prorated sum of zoekt_wekelijks (1..4), reacties_4w (x 0.25), reistijd.
HEADER = ["id", "wil_werken", "verwacht_werk", "uitkering_voldoende", "ander_werk", "gezondheid",
          "zoekt_wekelijks", "reacties_4w", "reistijd"]


def run(args):
    env = dict(os.environ, LC_ALL="C")
    proc = subprocess.run([ANKER] + args, capture_output=True, env=env, timeout=300)
    proc.stderr = proc.stderr.decode("utf-8", "replace")
    return proc


class Questionnaires(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp()

    def write(self, rows):
        path = os.path.join(self.tmp, "answers.csv")
        with open(path, "w", newline="") as f:
            csv.writer(f, lineterminator="\n").writerows([HEADER] + rows)
        return path

    def score(self, rows, *extra):
        proc = run(["score", "--model", MOTIVATIE, "--in", self.write(rows), "--id-column",
                    "id"] + list(extra))
        self.assertEqual(proc.returncode, 0, proc.stderr)
        return proc

    def test_demo_answers_score_without_errors(self):
        for demo in DEMOS:
            proc = run(["score", "--ignore-extra", "--id-column", "id", "--model",
                        os.path.join(MODELS, demo + ".json"), "--in", ANSWERS])
            self.assertEqual(proc.returncode, 0, proc.stderr)
            rows = list(csv.DictReader(io.StringIO(proc.stdout.decode())))
            self.assertEqual(len(rows), 1000)
            info = json.loads(run(["model-info", "--format", "json",
                                   os.path.join(MODELS, demo + ".json")]).stdout)
            levels = [o for o in info["outputs"] if o["type"] == "level"]
            self.assertGreaterEqual(len(levels), 2)
            for level in levels:
                seen = {r[level["name"]] for r in rows}
                # every level is reached, and a few scales are not scorable (empty)
                self.assertTrue(set(level["levels"]) <= seen, (demo, level["name"], seen))

    def test_hand_computed_csv(self):
        proc = self.score([["a", 5, 4, 1, 3, 4, 4, 8, "uur"],
                           ["b", "", 2, 4, 2, 3, "", 0, "kwartier"],
                           ["c", "", "", 4, 2, 3, 1, "", ""]], "--explain", "--flags")
        rows = list(csv.DictReader(io.StringIO(proc.stdout.decode())))
        a, b, c = rows
        # a: (2*5 + 4 + 2*(6-1) + 3 + 4) / 7 = 31/7; at or above 3.75 ("upper"): hoog
        self.assertAlmostEqual(float(a["motivatie_score"]), 31 / 7, places=14)
        self.assertEqual(a["motivatie_level"], "hoog")
        self.assertEqual(a["motivatie_level_label"], "High motivation")
        # zoekgedrag: 4 + 0.25 * 8 + 2 = 8 (nothing missing): actief
        self.assertEqual(a["zoekgedrag_score"], "8")
        self.assertEqual(a["zoekgedrag_level"], "actief")
        # (weight * keyed value) * (1 / answered weight), docs/model-format.md
        self.assertEqual(a["contrib.motivatie.uitkering_voldoende"], repr((2 * 5) * (1 / 7)))
        # b: wil_werken missing: (2 + 2*(6-4) + 2 + 3) / 5 = 2.2: laag
        self.assertEqual(b["motivatie_score"], "2.2000000000000002")
        self.assertEqual(b["motivatie_level"], "laag")
        self.assertEqual(b["contrib.motivatie.wil_werken"], "0")
        # zoekgedrag prorated: (0 + 0) * 3.25 / 2.25 = 0
        self.assertEqual(b["zoekgedrag_score"], "0")
        self.assertEqual(b["flags"], "missing")
        # c: two motivatie items missing (1 allowed): not scorable, empty cells
        self.assertEqual(c["motivatie_score"], "")
        self.assertEqual(c["motivatie_level"], "")
        self.assertEqual(c["motivatie_answered"], "3")
        self.assertEqual(c["contrib.motivatie.ander_werk"], "")
        self.assertEqual(c["zoekgedrag_score"], "")

    def test_json_undefined_is_null(self):
        proc = self.score([["c", "", "", 4, 2, 3, 1, "", ""]], "--format", "json", "--explain")
        case = json.loads(proc.stdout)["cases"][0]
        self.assertIsNone(case["motivatie_score"])
        self.assertIsNone(case["motivatie_level"])
        self.assertIsNone(case["motivatie_level_label"])
        self.assertEqual(case["motivatie_answered"], 3)
        self.assertIsNone(case["contributions"]["motivatie.ander_werk"])

    def test_bad_answers_name_the_item(self):
        for column, value, message in (
                ("wil_werken", "2.5", "answer is not one of the item's options"),
                ("wil_werken", "6", "answer is not one of the item's options"),
                ("reacties_4w", "21", "above the valid range [0, 20]"),
                ("reistijd", "fiets", "none of the variable's 4 levels"),
                ("wil_werken", "eens", "not a number")):
            row = ["x", 5, 4, 1, 3, 4, 4, 8, "uur"]
            row[HEADER.index(column)] = value
            proc = run(["score", "--model", MOTIVATIE, "--in", self.write([row])])
            self.assertEqual(proc.returncode, 1, (column, value))
            self.assertIn(":2:%d (%s): " % (HEADER.index(column) + 1, column), proc.stderr)
            self.assertIn(message, proc.stderr)

    def test_model_info(self):
        info = json.loads(run(["model-info", "--format", "json", MOTIVATIE]).stdout)
        self.assertEqual(info["kind"], "questionnaire")
        self.assertNotIn("outcome", info)
        self.assertNotIn("terms", info)
        self.assertEqual([o["name"] for o in info["outputs"]],
                         ["motivatie_score", "motivatie_level", "motivatie_answered",
                          "zoekgedrag_score", "zoekgedrag_level", "zoekgedrag_answered"])
        self.assertEqual(info["items"][0]["text"]["nl"],
                         "Ik wil zo snel mogelijk weer aan het werk.")
        self.assertEqual(info["items"][7]["options"][0],
                         {"code": "kwartier", "value": 0.0,
                          "label": {"nl": "een kwartier", "en": "a quarter of an hour"}})
        self.assertEqual(info["outputs"][1]["level_texts"][0],
                         {"nl": "Lage motivatie", "en": "Low motivation"})
        self.assertEqual(info["contributions"][0]["name"], "motivatie.wil_werken")
        text = run(["model-info", MOTIVATIE]).stdout.decode()
        self.assertIn("\nitems (8):\n", text)
        self.assertIn("    - 1: helemaal oneens / strongly disagree\n", text)
        self.assertIn("\ncontributions (8):\n", text)

    def test_outputs_are_those_the_format_page_declares(self):
        with open(os.path.join(SOURCE_DIR, "docs", "model-format.md"), encoding="utf-8") as f:
            page = f.read()
        declared = re.findall(r"(?m)^\| `questionnaire` \| `<scale>(_\w+)` \| (number|level) \|",
                              page)
        self.assertEqual(declared, [("_score", "number"), ("_level", "level"),
                                    ("_answered", "number")])
        info = json.loads(run(["model-info", "--format", "json", MOTIVATIE]).stdout)
        for k, output in enumerate(info["outputs"]):
            scale = ["motivatie", "zoekgedrag"][k // 3]
            self.assertEqual((output["name"], output["type"]),
                             (scale + declared[k % 3][0], declared[k % 3][1]))


if __name__ == "__main__":
    unittest.main(verbosity=2)
