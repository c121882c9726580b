#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Test of examples/python/dask_score.py: its scores equal `anker score` on the same rows.

usage: check_dask_score.py MODEL ANKER_PROGRAM

Generates a synthetic caseload with examples/data/generate_caseload.py,
splits it into CSV partitions of unequal size, scores them with
dask_score.py on a local cluster of two worker processes, scores the whole
caseload with the anker program, and compares row by row: the same ids, the
same bands, probabilities within 1e-12. Checks anker.json too: the model's
SHA-256 (hashlib on the file), and per variable the values missing, imputed
and clamped, counted here from the CSV cells and the model file's policies.
Exit status 0 on agreement, 1 on any difference, 77 (skipped) when dask or
distributed is not installed.
"""

import csv
import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
GENERATOR = HERE.parent / "data" / "generate_caseload.py"
EXAMPLE = HERE / "dask_score.py"
PARTITION_ROWS = [2500, 1500, 700, 300]  # unequal on purpose
TOLERANCE = 1e-12


def read_scores(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def expected_counts(model_path, caseload):
    """Per variable (missing, imputed, clamped), from the cells and the model file alone."""
    with open(model_path, encoding="utf-8") as f:
        variables = json.load(f)["variables"]
    rows = read_scores(caseload)
    counts = {}
    for var in variables:
        cells = [row[var["name"]] for row in rows]
        missing = sum(cell == "" for cell in cells)
        imputed = missing if var.get("missing", {}).get("policy") == "impute" else 0
        clamped = 0
        if var["kind"] == "numeric" and var.get("out_of_range", "reject") == "clamp":
            lo, hi = var["range"]
            clamped = sum(cell != "" and not lo <= float(cell) <= hi for cell in cells)
        counts[var["name"]] = {"missing": missing, "imputed": imputed, "clamped": clamped}
    return counts


def main():
    try:
        import dask.dataframe  # noqa: F401
        import distributed  # noqa: F401
    except ImportError as e:
        print("check_dask_score.py: skipped, %s (install python3-dask python3-distributed)" % e)
        return 77
    model, anker_program = sys.argv[1], sys.argv[2]

    with tempfile.TemporaryDirectory(prefix="check-dask-score-") as tmp:
        tmp = Path(tmp)
        caseload = tmp / "caseload.csv"
        subprocess.run([sys.executable, str(GENERATOR), "--rows", str(sum(PARTITION_ROWS)),
                        "--seed", "4242", "--out", str(caseload)], check=True)

        lines = caseload.read_text(encoding="utf-8").splitlines(keepends=True)
        header, rows = lines[0], lines[1:]
        parts = tmp / "cases"
        parts.mkdir()
        start = 0
        for k, size in enumerate(PARTITION_ROWS):
            (parts / ("part-%d.csv" % k)).write_text(header + "".join(rows[start:start + size]),
                                                   encoding="utf-8")
            start += size

        out = tmp / "scores"
        run = subprocess.run([sys.executable, str(EXAMPLE), "--model", model,
                              "--in", str(parts), "--out", str(out)],
                             capture_output=True, text=True, timeout=240)
        sys.stdout.write(run.stdout)
        sys.stderr.write(run.stderr)
        if run.returncode != 0:
            print("FAIL: dask_score.py exited with %d" % run.returncode)
            return 1

        expected_path = tmp / "anker-scores.csv"
        subprocess.run([anker_program, "score", "--quiet", "--model", model,
                        "--in", str(caseload), "--out", str(expected_path)], check=True)
        expected = read_scores(expected_path)

        written = sorted(out.glob("part-*.csv"), key=lambda p: int(p.stem.split("-")[1]))
        got = [row for path in written for row in read_scores(path)]
        summary = json.loads((out / "anker.json").read_text(encoding="utf-8"))
        want_counts = expected_counts(model, caseload)

    problems = []
    with open(model, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    if summary["model"]["sha256"] != digest:
        problems.append("anker.json: sha256 %s, the file has %s" % (summary["model"]["sha256"],
                                                                   digest))
    if summary["cases"] != sum(PARTITION_ROWS) or summary["absent"] != []:
        problems.append("anker.json: %d cases, absent %s" % (summary["cases"], summary["absent"]))
    if summary["counts"] != want_counts:
        problems.append("anker.json: counts %s, the cells give %s" % (summary["counts"],
                                                                     want_counts))
    if not any(c["imputed"] for c in want_counts.values()) or \
            not any(c["clamped"] for c in want_counts.values()):
        problems.append("the generated caseload has no imputed or no clamped values to count")
    if len(written) != len(PARTITION_ROWS):
        problems.append("%d output partitions, expected %d" % (len(written), len(PARTITION_ROWS)))
    if len(got) != len(expected):
        problems.append("%d rows scored, the anker program scored %d" % (len(got), len(expected)))
    worst = 0.0
    for i, (g, e) in enumerate(zip(got, expected)):
        if set(g) != {"id", "probability", "band"}:
            problems.append("row %d: columns %s" % (i, sorted(g)))
            break
        if g["id"] != e["id"]:
            problems.append("row %d: id %s, the anker program has %s" % (i, g["id"], e["id"]))
        if g["band"] != e["band"]:
            problems.append("%s: band %s, the anker program has %s" % (e["id"], g["band"],
                                                                       e["band"]))
        diff = abs(float(g["probability"]) - float(e["probability"]))
        worst = max(worst, diff)
        if not diff <= TOLERANCE:
            problems.append("%s: probability %s, the anker program has %s"
                            % (e["id"], g["probability"], e["probability"]))
    for p in problems[:20]:
        print("FAIL: " + p)
    if problems:
        return 1
    print("ok: %d rows in %d partitions agree with `anker score` (largest difference %.3g); "
          "anker.json names the model and counts what the cells hold" % (len(got), len(written),
                                                                          worst))
    return 0


if __name__ == "__main__":
    sys.exit(main())
