#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""anker werkverkenner with the demonstration profile (docs/werkverkenner.md).

Environment as for test_cli.py: ANKER_PROGRAM, ANKER_SOURCE_DIR. The chance of
each client is recomputed here from the model file (the logistic of the
intercept plus coefficient times factor score, the scores being means of the
answers' option values), independently of the library; the invitation from
the published rule (at most 50%, or not completed); the texts' completeness
from the files and `anker werkverkenner --texts`. The HTML summary is
rendered in headless Chromium (Debian's chromium) without network, and
checked for external references and for the accessibility rules of
tools/wv-html.c.
"""
import csv
import glob
import html.parser
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

ANKER = os.environ.get("ANKER_PROGRAM", "")
SOURCE_DIR = os.environ.get("ANKER_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
PROFILE = os.path.join(SOURCE_DIR, "data", "profiles", "demo-werkverkenner.json")
MODELS = os.path.join(SOURCE_DIR, "data", "models")
EXAMPLES = os.path.join(SOURCE_DIR, "examples", "data")


def read(path, mode="r"):
    with open(path, mode, **({} if "b" in mode else {"encoding": "utf-8"})) as f:
        return f.read()


def csv_rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


QUESTIONNAIRE = load(os.path.join(MODELS, "demo-werkverkenner.json"))
ESTIMATE = load(os.path.join(MODELS, "demo-wv-12m.json"))
# The hand-set chance model (coefficients in eighths) that the demonstration one was refitted
# from, behind a test profile: the tests that need exact, hand-worked numbers use it.
EIGHTHS_PROFILE = os.path.join(SOURCE_DIR, "tests", "werkverkenner", "profile.json")
EIGHTHS = load(os.path.join(SOURCE_DIR, "data", "simulation", "truth", "truth-wv-12m.json"))
RULES = load(os.path.join(MODELS, "demo-wv-advies.json"))
INGRID = load(os.path.join(EXAMPLES, "wv-ingrid.json"))
INGRID_M7 = load(os.path.join(EXAMPLES, "wv-ingrid-month7.json"))


def run(args, locale="C"):
    env = dict(os.environ, LC_ALL=locale)
    proc = subprocess.run([ANKER] + args, capture_output=True, env=env, timeout=300)
    proc.stdout = proc.stdout.decode("utf-8")
    proc.stderr = proc.stderr.decode("utf-8", "replace")
    return proc


def reference(answers, estimate=ESTIMATE):
    """(chance, band, factor scores) of answers, from the files; chance None when a factor
    has more missing answers than its max_missing."""
    items = {it["name"]: it for it in QUESTIONNAIRE["items"]}
    scores = {}
    for scale in QUESTIONNAIRE["scales"]:
        values = []
        for m in scale["items"]:
            a = answers.get(m["item"])
            if a is None or a == "":
                continue
            it = items[m["item"]]
            if it["response"] == "choice":
                v = next(o["value"] for o in it["options"] if o["code"] == a)
            else:
                v = float(a)
            if m.get("reverse"):
                v = it["options"][0]["value"] + it["options"][-1]["value"] - v
            values.append(v)
        missing = len(scale["items"]) - len(values)
        scores[scale["name"]] = (sum(values) / len(values)
                                 if values and missing <= scale.get("max_missing", 0) else None)
    if any(s is None for s in scores.values()):
        return None, None, scores
    lp = 0.0
    for t in estimate["terms"]:
        if t["type"] == "intercept":
            lp += t["coef"]
        elif t["variable"].startswith("f_"):
            lp += t["coef"] * scores[t["variable"][2:]]
        else:
            lp += t["coef"] * float(answers[t["variable"]])
    p = 1.0 / (1.0 + math.exp(-lp))
    band = next(b["name"] for b in estimate["bands"]["items"] if p <= b.get("upper", 1.0))
    return p, band, scores


class Case(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.dir.cleanup()

    def path(self, name):
        return os.path.join(self.dir.name, name)

    def write(self, name, obj):
        with open(self.path(name), "w", encoding="utf-8") as f:
            json.dump(obj, f)
        return self.path(name)

    def werkverkenner(self, *args, ok=True, profile=PROFILE):
        proc = run(["werkverkenner", "--profile", profile] + list(args))
        if ok:
            self.assertEqual(proc.returncode, 0, proc.stderr)
        return proc

    def test_ingrid_above_half_then_invited_on_request(self):
        p, band, _ = reference(INGRID)
        self.assertEqual(band, "b75_100")
        proc = self.werkverkenner("--case", os.path.join(EXAMPLES, "wv-ingrid.json"),
                                  "--lang", "en", "--record", self.path("r.json"),
                                  "--decision", os.path.join(EXAMPLES, "wv-ingrid-decision.json"))
        self.assertIn("Chance of work within 12 months: %.1f%% (band 75-100%%)" % (100 * p),
                      proc.stdout)
        self.assertIn("Work-orientation interview: Do not invite (online services)", proc.stdout)
        self.assertIn("The adviser's decision: Work-orientation interview: Invite", proc.stdout)
        self.assertIn("At the client's request (op_verzoek_klant)", proc.stdout)
        record = load(self.path("r.json"))
        kans = record["instruments"][1]["outputs"]
        self.assertAlmostEqual(kans["probability"], p, places=14)
        self.assertEqual(record["advice"]["values"]["uitnodiging"], "niet_uitnodigen")
        self.assertEqual(record["decision"]["values"]["uitnodiging"], "uitnodigen")
        self.assertEqual(record["decision"]["reason"]["code"], "op_verzoek_klant")
        self.assertFalse(record["decision"]["agrees"])
        proc = run(["verify", "--profile", PROFILE, self.path("r.json")])
        self.assertEqual(proc.returncode, 0, proc.stderr)

    def test_diagnosis_order(self):
        # With the hand-set model: Ingrid's age 3, education 3, self-efficacy 3 (coef 0.25:
        # pull -0.5 each) come before occupation 2 (0.125 * -3 = -0.375); in the model's
        # order among equals
        proc = self.werkverkenner("--case", os.path.join(EXAMPLES, "wv-ingrid.json"),
                                  "--lang", "en", "--top", "4", profile=EIGHTHS_PROFILE)
        listed = re.findall(r"^  \d\. (.*?) \(score ([\d.]+); (.*?)\)$", proc.stdout, re.M)
        self.assertEqual([x[0] for x in listed],
                         ["Age", "Education", "Job-search self-efficacy",
                          "Demand for your occupation"])
        self.assertEqual(listed[2][2], "changeable: a starting point for the werkplan")
        self.assertEqual(listed[0][2], "not changeable")
        say = next(s["factor"]["say"]["en"] for s in QUESTIONNAIRE["scales"]
                   if s["name"] == "zelfeffectiviteit")
        self.assertIn(say, proc.stdout)

    def test_exactly_half(self):
        answers = {it["name"]: 3 for it in QUESTIONNAIRE["items"] if it["response"] == "likert"}
        answers.update(leeftijd="55_59", opleiding="mbo", werkjaren="2_5",
                       werk_recent="meestal", eerdere_uitkering="een_keer",
                       gezondheid="redelijk", maanden_uitkering=0)
        p, band, _ = reference(answers, EIGHTHS)
        self.assertEqual(p, 0.5)
        proc = self.werkverkenner("--case", self.write("half.json", answers),
                                  "--record", self.path("r.json"), profile=EIGHTHS_PROFILE)
        # a decimal comma in Dutch, a point in English, whatever the locale
        self.assertIn("Kans op werk binnen 12 maanden: 50,0% (band 25-50%)", proc.stdout)
        english = self.werkverkenner("--case", self.path("half.json"), "--lang", "en",
                                     profile=EIGHTHS_PROFILE)
        self.assertIn("Chance of work within 12 months: 50.0% (band 25-50%)", english.stdout)
        self.assertIn("Werkoriëntatiegesprek: Uitnodigen voor een werkoriëntatiegesprek",
                      proc.stdout)
        record = load(self.path("r.json"))
        self.assertEqual(record["instruments"][1]["outputs"]["probability"], 0.5)
        self.assertEqual(record["advice"]["rule"], "kans_hoogstens_50")

    def test_not_completed_names_missing(self):
        answers = dict(INGRID)
        for name in ("zoek_plan", "zoek_tijd", "opleiding"):
            del answers[name]
        proc = self.werkverkenner("--case", self.write("inc.json", answers), "--lang", "en")
        self.assertIn("Not completed", proc.stdout)
        self.assertIn("Missing answers:\n  opleiding: What is the highest education you "
                      "completed?\n  zoek_plan: ", proc.stdout)
        self.assertIn("zoek_tijd: I spend time looking", proc.stdout)
        self.assertIn("Work-orientation interview: Invite", proc.stdout)
        self.assertNotIn("Chance of work", proc.stdout)
        self.assertNotIn("%", proc.stdout.split("Missing answers")[0])

    def test_answer_errors(self):
        bad = [({"zoek_plan": 6}, "zoek_plan"), ({"zoek_plan": 2.5}, "zoek_plan"),
               ({"leeftijd": "oud"}, "leeftijd"), ({"leeftijd": 40}, "leeftijd"),
               ({"zoek_plan": "eens"}, "zoek_plan"), ({"zoek_plan": True}, "zoek_plan"),
               ({"maanden_uitkering": 25}, "maanden_uitkering"),
               ({"f_leeftijd": 3}, "f_leeftijd"), ({"vraag_21": 1}, "vraag_21")]
        for change, name in bad:
            answers = dict(INGRID, **change)
            proc = self.werkverkenner("--case", self.write("bad.json", answers), ok=False)
            self.assertEqual(proc.returncode, 1, (change, proc.stderr))
            self.assertIn(name, proc.stderr, change)
            self.assertEqual(proc.stdout, "")
            for value in change.values():
                if isinstance(value, str):  # answers are personal data: never quoted
                    self.assertNotIn('"%s"' % value, proc.stderr)

    def test_month7_followup_flagged(self):
        self.werkverkenner("--case", os.path.join(EXAMPLES, "wv-ingrid.json"),
                           "--record", self.path("first.json"))
        first = load(self.path("first.json"))
        p0 = first["instruments"][1]["outputs"]["probability"]
        p7, band7, _ = reference(INGRID_M7)
        proc = self.werkverkenner("--case", os.path.join(EXAMPLES, "wv-ingrid-month7.json"),
                                  "--followup", self.path("first.json"), "--lang", "en",
                                  "--record", self.path("m7.json"))
        self.assertIn("first estimate %.1f%% (75-100%%), now %.1f%% (50-75%%)"
                      % (100 * p0, 100 * p7), proc.stdout)
        self.assertIn("FLAGGED", proc.stdout)
        m7 = load(self.path("m7.json"))
        f = m7["followup"]
        self.assertEqual(f["first"], {"chance": p0, "band": "b75_100"})
        self.assertAlmostEqual(f["chance"], p7, places=14)
        self.assertEqual(f["band"], band7)
        self.assertTrue(f["band_drop"] and f["flag"])
        self.assertEqual(m7["previous"], first["sha256"])
        self.assertEqual(m7["inputs"]["eerste_kans"], p0)
        # the first record, then the month-7 record: a chain that verifies
        with open(self.path("chain.jsonl"), "w") as out:
            for name in ("first.json", "m7.json"):
                out.write(read(self.path(name)))
        proc = run(["verify", "--profile", PROFILE, self.path("chain.jsonl")])
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("2 records verified", proc.stdout)

    def test_translations_complete(self):
        proc = run(["werkverkenner", "--texts"])
        self.assertEqual(proc.returncode, 0, proc.stderr)
        rows = [line.split("\t") for line in proc.stdout.splitlines()]
        self.assertGreater(len(rows), 20)
        same = {"title", "band", "score_of"}  # the same word in both languages
        for row in rows:
            self.assertEqual(len(row), 3, row)
            key, nl, en = row
            self.assertTrue(key and nl.strip() and en.strip(), "missing translation: %r" % row)
            if key not in same:
                self.assertNotEqual(nl, en, "untranslated: %r" % row)

        def texts(obj, where):
            if isinstance(obj, dict):
                if set(obj) == {"nl", "en"}:
                    yield where, obj
                for k, v in obj.items():
                    yield from texts(v, where + "." + k)
            elif isinstance(obj, list):
                for i, v in enumerate(obj):
                    yield from texts(v, "%s[%d]" % (where, i))
        for model in (QUESTIONNAIRE, RULES):
            found = list(texts(model, "$"))
            self.assertGreater(len(found), 5)
            for where, t in found:
                self.assertTrue(t["nl"].strip() and t["en"].strip(), where)
        for scale in QUESTIONNAIRE["scales"]:
            self.assertIn(scale["factor"]["type"], ("hard", "soft"))
            self.assertIn("say", scale["factor"])
        self.assertEqual(len(QUESTIONNAIRE["items"]), 20)
        self.assertEqual(len(QUESTIONNAIRE["scales"]), 11)
        profile = load(PROFILE)
        for reason in profile["reasons"]:
            self.assertTrue(reason["label"]["nl"] and reason["label"]["en"])
        # and the program shows them: every factor's words in Dutch and in English
        for lang in ("nl", "en"):
            # every answer at its worst, so that every factor lowers the chance
            reverse = {m["item"] for sc in QUESTIONNAIRE["scales"] for m in sc["items"]
                       if m.get("reverse")}
            low = {}
            for it in QUESTIONNAIRE["items"]:
                pick = max if it["name"] in reverse else min
                o = pick(it["options"], key=lambda o: o["value"])
                low[it["name"]] = o.get("code", o["value"])
            low["maanden_uitkering"] = 0
            out = self.werkverkenner("--case", self.write("low.json", low), "--lang", lang,
                                     "--top", "11").stdout
            for scale in QUESTIONNAIRE["scales"]:
                self.assertIn(scale["factor"]["say"][lang], out)

    def test_profile_errors(self):
        base = load(PROFILE)
        for entry in base["instruments"] + [base["rules"]]:
            entry["file"] = os.path.join(MODELS, os.path.basename(entry["file"]))
        cases = [
            (lambda p: p["instruments"][1]["inputs"].update(f_x="WV.leeftijd_score"),
             "$.instruments[1].inputs", "no numeric variable"),
            (lambda p: p["instruments"][1]["inputs"].update(f_leeftijd="WV.leeftijd_level"),
             "$.instruments[1].inputs", "no number output"),
            (lambda p: p["instruments"][1]["inputs"].update(f_leeftijd="KANS.probability"),
             "$.instruments[1].inputs", "no instrument before KANS"),
            (lambda p: p["instruments"][1]["inputs"].update(f_leeftijd="leeftijd"),
             "$.instruments[1].inputs", "<ALIAS>.<output>"),
            (lambda p: p["followup"].update(instrument="WV"), "$.followup", "not a binary"),
            (lambda p: p["followup"].update(first_estimate="zoek_plan"), "$.followup",
             "already reads"),
            (lambda p: p["followup"].update(drop_threshold=1.5), "$.followup",
             "strictly between 0 and 1"),
            (lambda p: p["followup"].update(extra=1), "$.followup", "extra"),
        ]
        for change, where, text in cases:
            profile = json.loads(json.dumps(base))
            change(profile)
            path = self.write("profile.json", profile)
            proc = run(["werkverkenner", "--profile", path, "--case",
                        os.path.join(EXAMPLES, "wv-ingrid.json")])
            self.assertEqual(proc.returncode, 1, (where, text, proc.stderr))
            self.assertIn(where, proc.stderr)
            self.assertIn(text, proc.stderr)
        # a profile without "followup": anker werkverkenner says what it needs
        profile = json.loads(json.dumps(base))
        del profile["followup"]
        proc = run(["werkverkenner", "--profile", self.write("p.json", profile), "--case",
                    os.path.join(EXAMPLES, "wv-ingrid.json")])
        self.assertEqual(proc.returncode, 1)
        self.assertIn("has no \"followup\"", proc.stderr)

    def test_intake_followup_columns(self):
        """A month-7 intake: the first estimate as a column gives the follow-up columns."""
        names = [it["name"] for it in QUESTIONNAIRE["items"]] + ["maanden_uitkering"]
        header = ["id"] + names + ["eerste_kans"]
        rows = [["a"] + [str(INGRID_M7[n]) for n in names] + ["0.9"],
                ["b"] + [str(INGRID_M7[n]) for n in names] + ["0.52"],
                ["c"] + [str(INGRID_M7[n]) for n in names] + [""]]
        with open(self.path("m7.csv"), "w") as f:
            f.write("\n".join(",".join(r) for r in [header] + rows) + "\n")
        proc = self.werkverkenner("--in", self.path("m7.csv"))
        out = list(csv.DictReader(proc.stdout.splitlines()))
        p7, _, _ = reference(INGRID_M7)
        self.assertEqual([r["first_band"] for r in out], ["b75_100", "b50_75", ""])
        # 0.9 -> 0.5156: down a band; 0.52 -> 0.5156: same band, a drop of 0.0044: no flag
        self.assertEqual([r["flag"] for r in out], ["true", "false", ""])
        self.assertAlmostEqual(float(out[0]["drop"]), 0.9 - p7, places=12)
        self.assertEqual(out[2]["drop"], "")

    def test_bad_files(self):
        ingrid = os.path.join(EXAMPLES, "wv-ingrid.json")
        # a first record that is no record of this profile, or no JSON at all
        for name, content in (("other.json", '{"instruments": []}'), ("bad.json", "{")):
            with open(self.path(name), "w") as f:
                f.write(content)
            proc = self.werkverkenner("--case", ingrid, "--followup", self.path(name), ok=False)
            self.assertEqual(proc.returncode, 1)
            self.assertIn(self.path(name), proc.stderr)
            self.assertEqual(proc.stdout, "")
        # an HTML page that cannot be written: exit 1, naming it
        target = os.path.join(self.dir.name, "no-such-dir", "s.html")
        proc = self.werkverkenner("--case", ingrid, "--html", target, ok=False)
        self.assertEqual(proc.returncode, 1)
        self.assertIn(target, proc.stderr)
        proc = self.werkverkenner("--case", self.path("missing.json"), ok=False)
        self.assertEqual(proc.returncode, 1)
        self.assertIn("missing.json", proc.stderr)

    def test_usage(self):
        for args in ([], ["--profile", PROFILE], ["--profile", PROFILE, "--case", "a", "--in",
                                                  "b"],
                     ["--profile", PROFILE, "--case", "a", "--lang", "de"],
                     ["--profile", PROFILE, "--in", "a", "--html", "x.html"],
                     ["--profile", PROFILE, "--case", "a", "--top", "x"]):
            proc = run(["werkverkenner"] + args)
            self.assertEqual(proc.returncode, 2, args)
        proc = run(["werkverkenner", "--help"])
        self.assertEqual(proc.returncode, 0)
        for section in ("NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "EXIT STATUS", "EXAMPLES"):
            self.assertIn("\n" + section + "\n", "\n" + proc.stdout)


class Intake(unittest.TestCase):
    """A synthetic intake: the CSV results against the reference, row by row."""

    def test_intake(self):
        with tempfile.TemporaryDirectory() as tmp:
            intake, results = os.path.join(tmp, "in.csv"), os.path.join(tmp, "out.csv")
            subprocess.run([sys.executable, os.path.join(SOURCE_DIR, "examples", "werkverkenner",
                                                         "make-intake.py"),
                            "--clients", "2000", "--seed", "7", "--out", intake], check=True)
            # a second run with the same seed writes the same file
            again = os.path.join(tmp, "again.csv")
            subprocess.run([sys.executable, os.path.join(SOURCE_DIR, "examples", "werkverkenner",
                                                         "make-intake.py"),
                            "--clients", "2000", "--seed", "7", "--out", again], check=True)
            self.assertEqual(read(intake), read(again))
            proc = run(["werkverkenner", "--profile", PROFILE, "--in", intake, "--out",
                        results])
            self.assertEqual(proc.returncode, 0, proc.stderr)
            rows = csv_rows(intake)
            out = csv_rows(results)
            self.assertEqual(len(out), 2000)
            completed = 0
            for answers, r in zip(rows, out):
                self.assertEqual(r["id"], answers["id"])
                p, band, _ = reference(answers)
                if p is None:
                    self.assertEqual(r["completed"], "false")
                    self.assertEqual(r["chance"], "")
                    self.assertEqual(r["uitnodiging"], "uitnodigen")
                    self.assertTrue(r["missing_items"])
                    continue
                completed += 1
                self.assertEqual(r["completed"], "true")
                self.assertAlmostEqual(float(r["chance"]), p, places=12)
                self.assertEqual(r["band"], band)
                self.assertEqual(r["uitnodiging"], "uitnodigen" if p <= 0.5 else "niet_uitnodigen")
            # about 71% complete
            self.assertTrue(0.67 < completed / 2000 < 0.75, completed)
            # a bad cell names file, line and column; nothing half-written is left
            lines = read(intake).splitlines()
            lines[5] = lines[5].replace(",0", ",x", 1) if ",0" in lines[5] else lines[5] + "x"
            with open(intake, "w") as f:
                f.write("\n".join(lines) + "\n")
            os.remove(results)
            proc = run(["werkverkenner", "--profile", PROFILE, "--in", intake, "--out",
                        results])
            self.assertEqual(proc.returncode, 1)
            self.assertRegex(proc.stderr, re.escape(intake) + r":6: ")
            self.assertFalse(os.path.exists(results))


class RefFinder(html.parser.HTMLParser):
    """Every attribute or CSS url() that could make the page fetch something."""

    def __init__(self):
        super().__init__()
        self.refs, self.tags, self.svgs, self.titles_in_svg = [], [], 0, 0
        self.stack, self.lang = [], None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "html":
            self.lang = dict(attrs).get("lang")
        if tag == "svg":
            self.svgs += 1
            self.stack.append(("svg", dict(attrs)))
        if tag == "title" and self.stack:
            self.titles_in_svg += 1
        for name, value in attrs:
            if name in ("src", "href", "xlink:href", "action", "srcset", "data", "poster"):
                self.refs.append((tag, name, value))
            if value and "url(" in value:
                self.refs.append((tag, name, value))

    def handle_endtag(self, tag):
        if tag == "svg" and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if "url(" in data or "@import" in data:
            self.refs.append(("text", "", data))


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


class Html(unittest.TestCase):
    def page(self, case, lang, followup=None):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "s.html")
            args = ["werkverkenner", "--profile", PROFILE, "--case", case, "--lang", lang,
                    "--html", out]
            if followup:
                args += ["--followup", followup]
            proc = run(args)
            self.assertEqual(proc.returncode, 0, proc.stderr)
            return read(out)

    def check_page(self, text, lang):
        finder = RefFinder()
        finder.feed(text)
        self.assertEqual(finder.refs, [], "the page references something outside itself")
        self.assertNotIn("http", text)
        self.assertEqual(finder.lang, lang)
        for tag in ("script", "img", "link", "iframe", "object", "embed", "audio", "video"):
            self.assertNotIn(tag, finder.tags)
        self.assertGreaterEqual(finder.svgs, 1)
        # every SVG has a title (and role="img" with aria-labelledby naming it)
        self.assertEqual(finder.titles_in_svg, finder.svgs)
        for svg in re.findall(r"<svg[^>]*>", text):
            self.assertIn('role="img"', svg)
            self.assertIn("aria-labelledby", svg)
        self.assertRegex(text, r"<title>[^<]+</title>")

    def test_page_and_screenshot(self):
        with tempfile.TemporaryDirectory() as tmp:
            first = os.path.join(tmp, "first.json")
            run(["werkverkenner", "--profile", PROFILE, "--case",
                 os.path.join(EXAMPLES, "wv-ingrid.json"), "--record", first])
            for lang in ("nl", "en"):
                text = self.page(os.path.join(EXAMPLES, "wv-ingrid-month7.json"), lang, first)
                self.check_page(text, lang)
                # colour is never the only carrier: the bands are named on the scale, the
                # client's band is named in text, each bar has its number and type in words
                for b in ESTIMATE["bands"]["items"]:
                    self.assertIn(">%s</text>" % b["label"], text)
                self.assertIn("(band 50-75%)", text)
                # the chance and both estimates with the language's decimal sign
                chances = re.findall(r"(\d+)([.,])\d%", text)
                self.assertGreaterEqual(len(chances), 3)
                self.assertEqual({sign for _, sign in chances}, {"," if lang == "nl" else "."})
                soft = "veranderbaar" if lang == "nl" else "changeable"
                self.assertRegex(text, r"<text [^>]*>\d\.\d\d — " + soft)
                self.assertIn("<table>", text)
                self.assertIn("GEMARKEERD" if lang == "nl" else "FLAGGED", text)
            incomplete = dict(INGRID)
            del incomplete["leeftijd"]
            case = os.path.join(tmp, "inc.json")
            with open(case, "w") as f:
                json.dump(incomplete, f)
            text = self.page(case, "en")
            self.check_page(text, "en")
            self.assertIn("How old are you?", text)
            self.assertIsNotNone(CHROMIUM, "chromium is not installed (scripts/setup-deps test)")
            page = os.path.join(tmp, "page.html")
            with open(page, "w", encoding="utf-8") as f:
                f.write(self.page(os.path.join(EXAMPLES, "wv-ingrid-month7.json"), "nl", first))
            shot = os.path.join(tmp, "shot.png")
            # no network at all: a page that needed one would render incomplete, and any
            # request it tried is refused
            proc = subprocess.run(
                [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                 "--no-first-run", "--disable-extensions", "--user-data-dir=" + tmp + "/prof",
                 "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
                 "--host-resolver-rules=MAP * ~NOTFOUND",
                 "--window-size=800,1400", "--screenshot=" + shot, "file://" + page],
                capture_output=True, timeout=120)
            self.assertTrue(os.path.exists(shot), proc.stderr.decode("utf-8", "replace"))
            data = read(shot, "rb")
            self.assertEqual(data[:8], b"\x89PNG\r\n\x1a\n")
            self.assertGreater(len(data), 10000)
            # not a blank page: the PNG's pixels are not all one colour
            self.assertGreater(len(set(self.pixels(data)[:200000:97])), 3)

    @staticmethod
    def pixels(png):
        """The decompressed scanline bytes of a PNG (enough to see it is not blank)."""
        import zlib
        pos, idat = 8, b""
        while pos < len(png):
            length = int.from_bytes(png[pos:pos + 4], "big")
            kind = png[pos + 4:pos + 8]
            if kind == b"IDAT":
                idat += png[pos + 8:pos + 8 + length]
            pos += 12 + length
        return zlib.decompress(idat)


if __name__ == "__main__":
    unittest.main(verbosity=2)
