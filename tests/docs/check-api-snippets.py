#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""docs/api.md and the README's C example run as written.

The C blocks of docs/api.md, in order, are one program (the page says so):
this pastes them together, compiles the result against the library, runs it
from the top of the source tree and checks what it prints: the probabilities
against tests/golden/reference_scorer.py (an independent numpy scorer), also
when read as named outputs, the outputs it lists against the binary kind's in
docs/model-format.md, the flags and counts against what the page's cases
imply, and the example error message in the page against the loader's message
for the file it describes.
The README's program is compiled and run on the shipped model too.

usage: check-api-snippets.py SOURCE_DIR BUILD_DIR CC...
"""
import csv
import json
import math
import os
import pathlib
import re
import subprocess
import sys
import tempfile

source, build, cc = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), sys.argv[3:]
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg)


def c_blocks(path):
    return re.findall(r"^```c\n(.*?)^```", path.read_text(), flags=re.S | re.M)


def build_and_run(program, tmp, name, cwd):
    src = tmp / (name + ".c")
    src.write_text(program)
    exe = tmp / name
    cmd = cc + ["-std=c99", "-Wall", "-Werror", "-I", str(source / "include"), str(src),
                "-o", str(exe), "-L", str(build / "lib"), "-lanker", "-lm",
                "-Wl,-rpath," + str(build / "lib")]
    subprocess.run(cmd, check=True)
    return subprocess.run([str(exe)], cwd=cwd, capture_output=True, text=True)


def reference(cases):
    """Probabilities and bands of the independent scorer for rows of a dict."""
    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp, "cases.csv")
        header = list(cases[0])
        with open(path, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["id"] + header)
            for i, case in enumerate(cases):
                w.writerow([i] + ["" if case[h] is None else case[h] for h in header])
        out = pathlib.Path(tmp, "out.csv")
        subprocess.run(["/usr/bin/python3", str(source / "tests/golden/reference_scorer.py"),
                        str(source / "data/models/demo-amt-6m.json"), str(path),
                        "--out", str(out)], check=True)
        with open(out) as f:
            return [(float(r["probability"]), r["band"]) for r in csv.DictReader(f)]


with tempfile.TemporaryDirectory() as tmpdir:
    tmp = pathlib.Path(tmpdir)

    # docs/api.md: one program from its blocks
    api = source / "docs/api.md"
    blocks = c_blocks(api)
    if len(blocks) < 4:
        fail("docs/api.md: expected the frame, load, single-case, batch and end blocks")
    program = "".join(blocks)
    r = build_and_run(program, tmp, "api", cwd=source)
    print(r.stdout)
    if r.returncode != 0:
        fail("docs/api.md program exited %d: %s" % (r.returncode, r.stderr))
    out = r.stdout.splitlines()

    sha = subprocess.run(["sha256sum", str(source / "data/models/demo-amt-6m.json")],
                         capture_output=True, text=True, check=True).stdout.split()[0]
    model = json.loads((source / "data/models/demo-amt-6m.json").read_text())
    if out[:1] != ["model %s %s sha256 %s" % (model["id"], model["version"], sha)]:
        fail("model line: %r" % out[:1])

    single = dict(age=52, ww_months=5, work_history_years=28, applications_4w=3, health=4,
                  has_partner=1, care_duties=1, female=1, education="vocational",
                  sector=None, region="average")
    batch = [dict(age=52, ww_months=5, work_history_years=28, applications_4w=3, health=4,
                  has_partner=1, care_duties=1, female=1, education="vocational",
                  sector=None, region="average"),
             dict(age=31, ww_months=1, work_history_years=9, applications_4w=8, health=5,
                  has_partner=0, care_duties=0, female=0, education="higher", sector=None,
                  region="tight"),
             dict(age=70, ww_months=11, work_history_years=45, applications_4w=None,
                  health=2, has_partner=1, care_duties=0, female=1, education=None,
                  sector=None, region="slack")]
    ref = reference([single] + batch)
    labels = {b["name"]: b.get("label", b["name"]) for b in model["bands"]["items"]}
    p, band = ref[0]
    want = "probability %.6f band %s (%s)" % (p, band, labels[band])
    if want not in out:
        fail("single case: want %r in the output" % want)
    if "a missing value was imputed" not in out:
        fail("single case: the imputed sector was not reported")
    # flags: 1 missing, 2 imputed, 4 clamped (include/anker/score.h)
    want_flags = [1 | 2, 1 | 2, 4 | 1 | 2 | 1]  # sector; sector; age, applications, education
    for i, ((p, band), flags) in enumerate(zip(ref[1:], want_flags)):
        want = "case %d: probability %.6f band %s flags %d" % (i, p, band, flags)
        if want not in out:
            fail("batch: want %r in the output" % want)
    # named outputs: the same probabilities and bands, read by name (docs/api.md)
    p, band = ref[0]
    want = "named: probability %.6f band %s (%s)" % (p, band, labels[band])
    if want not in out:
        fail("named outputs, single case: want %r in the output" % want)
    for i, (p, band) in enumerate(ref[1:]):
        want = "run case %d: probability %.6f band %s" % (i, p, band)
        if want not in out:
            fail("named outputs, anker_batch_run: want %r in the output" % want)
    # the outputs the program lists are the binary ones of the normative format page
    fmt = (source / "docs/model-format.md").read_text()
    declared = re.findall(r"^\| `binary` \| `(\w+)` \| (number|level) \|", fmt, flags=re.M)
    listed = [tuple(re.match(r"output (\w+): (\w+) ", line).groups())
              for line in out if line.startswith("output ")]
    if not declared or listed != declared:
        fail("outputs: the program lists %r, docs/model-format.md declares %r"
             % (listed, declared))
    # the questionnaire, computed by hand from docs/model-format.md ("Scoring a scale"):
    # wil_werken missing; weights 1, 2, 1, 1 answered (5); (4 + 2 * (6 - 1) + 3 + 4) / 5
    for want in ["vraag: Zolang ik een uitkering heb, hoef ik niet per se te werken.",
                 "  1 = helemaal oneens", "  5 = helemaal eens",
                 "motivatie 4.2000 hoog (Hoge motivatie)",
                 "motivatie.wil_werken 0.0000 wil_werken: missing (mean of the answered items)",
                 "motivatie.uitkering_voldoende 2.0000 uitkering_voldoende = 1 (strongly "
                 "disagree), reverse-keyed: 5",
                 "zoekgedrag.reacties_4w 2.0000 reacties_4w = 8",
                 "not an option: wil_werken"]:
        if want not in out:
            fail("questionnaire: want %r in the output" % want)
    for want in ["age: 0 missing, 0 imputed, 1 clamped",
                 "applications_4w: 1 missing, 1 imputed, 0 clamped",
                 "education: 1 missing, 0 imputed, 0 clamped",
                 "sector: 3 missing, 3 imputed, 0 clamped"]:
        if want not in out:
            fail("batch counts: want %r in the output" % want)

    # duration: S(t) = S0(t)^exp(eta) with S0 from the demonstration file, and the
    # conditional S(18)/S(7); S beyond the grid is undefined
    blijf = json.loads((source / "data/models/demo-blijf-12m.json").read_text())
    base = dict(zip(blijf["survival"]["baseline"]["months"],
                    blijf["survival"]["baseline"]["survival"]))
    m = re.search(r"^blijf: eta (\S+) S\(12\) (\S+) S\(18 \| 7\) (\S+) S\(30\) (\S+)$",
                  r.stdout, flags=re.M)
    if not m:
        fail("duration: no 'blijf:' line")
    else:
        eta, s12, s18_7, s30 = (float(g) for g in m.groups())
        hr = math.exp(eta)
        for got, want, what in ((s12, base[12] ** hr, "S(12)"),
                                (s18_7, (base[18] / base[7]) ** hr, "S(18 | 7)")):
            if abs(got - want) > 1e-12 * want:
                fail("duration %s: %r, S0 says %r" % (what, got, want))
        if not math.isnan(s30):
            fail("duration: S(30) beyond the grid is %r, not nan" % s30)
    if not re.search(r"^blijf batch: S\(18 \| 7\) 0\.\d+ 0\.\d+$", r.stdout, flags=re.M):
        fail("duration: no batch line with two probabilities")

    # the reassessed case: the record a fresh `anker assess --case` writes for the same values
    m = re.search(r"^next case: (\S+), record ([0-9a-f]{64})$", r.stdout, flags=re.M)
    if not m:
        fail("assessment: no 'next case:' line")
    else:
        client = {"age": 61, "ww_months": 9, "care_duties": False, "female": True,
                  "region": "average", "tijdig_doorgeven": 1, "eerdere_maatregel": True,
                  "gemiste_afspraken": 4, "bereikbaarheid": "slecht"}
        (tmp / "next-case.json").write_text(json.dumps(client))
        fresh = subprocess.run([str(build / "tools/anker"), "assess", "--profile",
                                str(source / "data/profiles/demo-anker.json"), "--case",
                                str(tmp / "next-case.json")],
                               capture_output=True, text=True)
        record = json.loads(fresh.stdout) if fresh.returncode == 0 else {}
        got = (record.get("advice", {}).get("values", {}).get("service"), record.get("sha256"))
        if got != m.groups():
            fail("reassessed %r, a fresh assessment gives %r (%s)"
                 % (m.groups(), got, fresh.stderr.strip()))

    # the example message, for the file it describes
    text = api.read_text()
    m = re.search(r'/\* e\.g\. "demo\.json: (\$\.terms\[1\]\.knots\[2\]: .*?)" \*/', text)
    if not m:
        fail("docs/api.md: the example load message is gone")
    else:
        bad = json.loads((source / "data/models/demo-amt-6m.json").read_text())
        knots = bad["terms"][1]["knots"]
        knots[2] = knots[1]  # the third knot no longer exceeds the second
        (tmp / "demo.json").write_text(json.dumps(bad, indent=2))
        info = subprocess.run([str(build / "tools/anker"), "model-info", "demo.json"],
                              cwd=tmp, capture_output=True, text=True)
        if info.stderr.strip() != "anker: demo.json: " + m.group(1):
            fail("example message %r, loader says %r" % (m.group(1), info.stderr.strip()))

    # the README's program, on the shipped model
    readme = c_blocks(source / "README.md")
    if not readme:
        fail("README.md: no C example")
    for i, block in enumerate(readme):
        r = build_and_run(block, tmp, "readme%d" % i, cwd=source / "data/models")
        if r.returncode != 0:
            fail("README.md C block %d exited %d: %s" % (i, r.returncode, r.stderr))

if failures:
    sys.exit(1)
print("docs/api.md and README.md C examples: all good")
