# SPDX-License-Identifier: GPL-3.0-or-later
"""The Python examples run, from the source tree, and say what the binding computes."""

import hashlib
import io
import math
import re
import subprocess

import numpy as np
import pytest
from conftest import program_env, reference_scores

import anker

pd = pytest.importorskip("pandas")

# The hand-set model the demonstration AMT model was refitted from (scripts/rebuild-demo-models)
TRUTH_AMT = "data/simulation/truth/truth-amt-6m.json"


def run_example(source_dir, name, *args, check=True):
    script = source_dir / "examples" / "python" / name
    # Started as a user would: through its #!/usr/bin/python3 line.
    proc = subprocess.run([str(script)] + [str(a) for a in args], capture_output=True,
                          text=True)
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


@pytest.mark.parametrize("name", ["score_frame.py", "explain_case.py"])
def test_help(source_dir, name):
    proc = run_example(source_dir, name, "--help")
    assert proc.stdout.startswith("usage: %s" % name)
    assert "example:" in proc.stdout


def test_score_frame_writes_the_scores(source_dir, model, model_path, caseload_path, caseload,
                                       tmp_path):
    out = tmp_path / "scores.csv"
    proc = run_example(source_dir, "score_frame.py", "--model", model_path, "--in",
                       caseload_path, "--out", out)
    assert "5000 cases" in proc.stderr
    got = pd.read_csv(out, dtype={"id": str, "band": str}, float_precision="round_trip")
    assert list(got.columns) == ["id", "probability", "band"]
    want = model.score(caseload, bands=True, ignore_extra=True)
    assert list(got["id"]) == list(caseload["id"])
    assert np.array_equal(got["probability"].to_numpy(), want["probability"].to_numpy())
    assert list(got["band"]) == list(want["band"].astype(str))


def test_score_frame_explain_to_stdout(source_dir, model, model_path, caseload_path):
    proc = run_example(source_dir, "score_frame.py", "--model", model_path, "--in",
                       caseload_path, "--explain")
    got = pd.read_csv(io.StringIO(proc.stdout))
    assert list(got.columns[:4]) == ["id", "probability", "linear_predictor", "band"]
    contrib = ["contrib." + t.name for t in model.terms]
    assert list(got.columns[4:]) == contrib
    np.testing.assert_allclose(got[contrib].sum(axis=1), got["linear_predictor"], atol=1e-12)


def test_score_frame_bad_case(source_dir, model_path, caseload, tmp_path):
    cases = caseload.head(10).copy()
    cases.loc[6, "region"] = "nowhere"
    path = tmp_path / "bad.csv"
    cases.to_csv(path, index=False)
    proc = run_example(source_dir, "score_frame.py", "--model", model_path, "--in", path,
                       "--out", tmp_path / "out.csv", check=False)
    assert proc.returncode == 1
    assert "'region'" in proc.stderr and "data row 7" in proc.stderr
    assert not (tmp_path / "out.csv").exists()
    proc = run_example(source_dir, "score_frame.py", "--model", model_path, "--in", path,
                       "--skip-bad")
    got = pd.read_csv(io.StringIO(proc.stdout))
    assert got["status"].tolist() == [0] * 6 + [-15] + [0] * 3
    assert got["probability"].isna().tolist() == [False] * 6 + [True] + [False] * 3


def test_explain_case(source_dir, model, model_path, caseload_path, caseload):
    proc = run_example(source_dir, "explain_case.py", "--model", model_path, "--cases",
                       caseload_path, "--id", "C000042")
    text = proc.stdout
    row = caseload[caseload["id"] == "C000042"].iloc[0].drop("id").to_dict()
    r = model.score_case(row)
    assert text.startswith("Case C000042, scored with %s" % model.name)
    assert "Chance:  %.0f%%" % (100 * r.probability) in text
    assert "Band:    %s" % r.band_label in text
    raising, lowering = text.split("What raises the chance most:")[1].split(
        "What lowers the chance most:")
    shown_up = re.findall(r"^  (.+?)\s+[+-]\d+\.\d points", raising, re.M)
    shown_down = re.findall(r"^  (.+?)\s+[+-]\d+\.\d points", lowering, re.M)
    terms = [t for t in r.terms if t.type != "intercept"]
    top_up = [t.label for t in sorted(terms, key=lambda t: -t.contribution)
              if t.contribution > 0][:3]
    top_down = [t.label for t in sorted(terms, key=lambda t: t.contribution)
                if t.contribution < 0][:3]
    assert shown_up == top_up and shown_down == top_down
    for t in r.terms:
        if t.label in top_up + top_down:
            assert t.detail in text


def shown_terms(text):
    """(label, contribution) of the lines under "raises" and under "lowers"."""
    raising, lowering = text.split("What raises the chance most:")[1].split(
        "What lowers the chance most:")
    pattern = r"^  (.+?)\s+[+-]\d+\.\d points  \(([+-]\d\.\d{3})\)"
    return ([(label, float(c)) for label, c in re.findall(pattern, raising, re.M)],
            [(label, float(c)) for label, c in re.findall(pattern, lowering, re.M)])


def test_explain_case_against_the_reference_scorer(source_dir, model_json, model_path,
                                                   caseload_path):
    """The same case, expected values from tests/golden/reference_scorer.py, not libanker."""
    proc = run_example(source_dir, "explain_case.py", "--model", model_path, "--cases",
                       caseload_path, "--id", "C000042")
    cells = pd.read_csv(caseload_path, dtype=str, keep_default_na=False)
    row = cells[cells["id"] == "C000042"].iloc[0]
    ref = reference_scores(model_json, {k: [row[k]] for k in cells.columns})
    bands = {b["name"]: b["label"] for b in model_json["bands"]["items"]}
    assert "Chance:  %.0f%%" % (100 * ref["probability"][0]) in proc.stdout
    assert "Band:    %s" % bands[ref["band"][0]] in proc.stdout
    labels = {t["name"]: t["label"] for t in model_json["terms"] if t["type"] != "intercept"}
    terms = sorted(((labels[name], c[0]) for name, c in ref["contributions"].items()
                    if name in labels), key=lambda lc: lc[1])
    up, down = shown_terms(proc.stdout)
    assert up == [(label, round(c, 3)) for label, c in reversed(terms) if c > 0][:3]
    assert down == [(label, round(c, 3)) for label, c in terms if c < 0][:3]


def test_explain_case_from_values(source_dir):
    # With the hand-set model the demonstration AMT model was refitted from: the numbers
    # below are worked out by hand from its short coefficients.
    model_path = source_dir / TRUTH_AMT
    proc = run_example(source_dir, "explain_case.py", "--model", model_path,
                       "--set", "age=30", "--set", "ww_months=2", "--set", "care_duties=no",
                       "--set", "female=ja", "--set", "region=slack", "--top", "1")
    with anker.Model.load(model_path) as model, \
            model.score_case({"age": 30.0, "ww_months": 2.0, "care_duties": False,
                              "female": True, "region": "slack"}) as r:
        assert "Chance:  %.0f%%" % (100 * r.probability) in proc.stdout
    assert len(re.findall(r"points", proc.stdout)) == 2
    # By hand from the hand-set model file: intercept 0.0625, age 30 on a spline knot
    # (+0.2), fewer than 3 months of WW (+0.5), work history imputed 10 (0), applications
    # imputed 2 (0.0625 * (2 - 4) = -0.125), health imputed 3 (0), no partner imputed (0),
    # woman (-0.05), no care duties (0), education missing -> "unknown" (-0.25), sector
    # imputed "other" (the reference, 0), region slack (-0.5): a linear predictor of -0.1625.
    eta = 0.0625 + 0.2 + 0.5 - 0.125 - 0.05 - 0.25 - 0.5
    assert eta == pytest.approx(-0.1625, abs=1e-15)
    p = 1 / (1 + math.exp(0.1625))  # 0.4595
    assert "Chance:  46%" in proc.stdout and round(100 * p) == 46
    assert "Band:    Moderate chance (25-50%)" in proc.stdout
    assert shown_terms(proc.stdout) == ([("Time on WW so far", 0.5)],
                                        [("Labour market in the region", -0.5)])
    # "points": the chance with the term, minus the chance without it.
    assert "+%.1f points" % (100 * (p - 1 / (1 + math.exp(0.1625 + 0.5)))) in proc.stdout
    proc = run_example(source_dir, "explain_case.py", "--model", model_path,
                       "--set", "age=30", check=False)
    assert proc.returncode == 1
    assert "'ww_months': value is missing" in proc.stderr


def test_score_frame_reads_booleans_as_the_anker_program_does(source_dir, program, model_path,
                                                              caseload, tmp_path):
    cases = caseload.head(8).copy()
    cases["has_partner"] = ["yes", "no", "Ja", "nee", "", "TRUE", "0", "1"]
    cases["care_duties"] = ["true", "false", "1", "0", "no", "yes", "ja", "NEE"]
    path = tmp_path / "words.csv"
    cases.to_csv(path, index=False)
    ours = run_example(source_dir, "score_frame.py", "--model", model_path, "--in", path,
                       "--out", tmp_path / "ours.csv")
    assert ours.returncode == 0
    subprocess.run([program, "score", "--quiet", "--model", str(model_path), "--in", str(path),
                    "--out", str(tmp_path / "theirs.csv")], check=True, env=program_env())
    got = pd.read_csv(tmp_path / "ours.csv", float_precision="round_trip")
    want = pd.read_csv(tmp_path / "theirs.csv", float_precision="round_trip")
    assert np.array_equal(got["probability"].to_numpy(), want["probability"].to_numpy())
    assert list(got["band"]) == list(want["band"])
    cases["care_duties"] = ["maybe"] + ["0"] * 7
    cases.to_csv(path, index=False)
    proc = run_example(source_dir, "score_frame.py", "--model", model_path, "--in", path,
                       check=False)
    assert proc.returncode == 1 and "'care_duties': not a boolean" in proc.stderr


def test_score_frame_a_misspelt_column_and_absent(source_dir, model_path, model_json,
                                                 caseload_path, tmp_path):
    cells = pd.read_csv(caseload_path, dtype=str, keep_default_na=False)
    path = tmp_path / "typo.csv"
    cells.rename(columns={"health": "helth"}).to_csv(path, index=False)
    out = tmp_path / "out.csv"
    proc = run_example(source_dir, "score_frame.py", "--model", model_path, "--in", path,
                       "--out", out, check=False)
    assert proc.returncode == 1 and not out.exists()
    assert "'health': no column for this variable; did you mean 'helth'?" in proc.stderr
    assert "--absent health" in proc.stderr
    proc = run_example(source_dir, "score_frame.py", "--model", model_path, "--in", path,
                       "--out", out, "--absent", "health", "--flags")
    got = pd.read_csv(out, dtype={"id": str, "band": str}, float_precision="round_trip")
    want = reference_scores(model_json, {k: list(cells[k]) for k in cells if k != "health"})
    np.testing.assert_allclose(got["probability"], want["probability"], rtol=0, atol=1e-12)
    assert list(got["band"]) == want["band"]
    assert list(got.columns) == ["id", "probability", "band", "missing", "imputed", "clamped"]
    assert (got["imputed"] == 1).all()  # health, in every row
    n = len(cells)
    assert "absent: health" in proc.stderr
    assert "health %d" % n in proc.stderr.split("values imputed: ")[1].splitlines()[0]


def test_score_frame_prints_what_the_model_changed(source_dir, model_path, model_json,
                                                   caseload_path, tmp_path):
    """The counts, from the cells and the model file's policies."""
    cells = pd.read_csv(caseload_path, dtype=str, keep_default_na=False)
    proc = run_example(source_dir, "score_frame.py", "--model", model_path, "--in",
                       caseload_path, "--out", tmp_path / "out.csv")
    imputed, clamped = [], []
    for var in model_json["variables"]:
        empty = int((cells[var["name"]] == "").sum())
        if var.get("missing", {}).get("policy") == "impute" and empty:
            imputed.append("%s %d" % (var["name"], empty))
        if var.get("out_of_range") == "clamp":
            lo, hi = var["range"]
            x = pd.to_numeric(cells[var["name"]].replace("", np.nan))
            outside = int(((x < lo) | (x > hi)).sum())
            if outside:
                clamped.append("%s %d" % (var["name"], outside))
    assert "values imputed: %s\n" % ", ".join(imputed) in proc.stderr
    assert "values clamped: %s\n" % ", ".join(clamped) in proc.stderr
    digest = hashlib.sha256(model_path.read_bytes()).hexdigest()
    assert "model %s %s (sha256 %s)\n" % (model_json["id"], model_json["version"],
                                          digest) in proc.stderr


def test_score_frame_skip_bad_names_the_variable(source_dir, model_path, caseload, tmp_path):
    cases = caseload.head(5).copy()
    cases.loc[3, "ww_months"] = 30
    path = tmp_path / "bad.csv"
    cases.to_csv(path, index=False)
    proc = run_example(source_dir, "score_frame.py", "--model", model_path, "--in", path,
                       "--skip-bad")
    got = pd.read_csv(io.StringIO(proc.stdout), keep_default_na=False)
    assert got["status"].tolist() == [0, 0, 0, -17, 0]
    assert got["error_field"].tolist() == ["", "", "", "ww_months", ""]


def test_examples_never_show_negative_zero(source_dir, model_path, caseload_path):
    """age 40.01 is just past the hand-set model's spline zero at 40: its effect rounds to
    zero, and a contribution of a negative coefficient times 0 (woman for a man) is 0."""
    # The age is a designed property of the hand-set model the demonstration AMT model was
    # refitted from; the caseload run below is the demonstration model's.
    proc = run_example(source_dir, "explain_case.py", "--model", source_dir / TRUTH_AMT,
                       "--set", "age=40.01", "--set", "ww_months=2", "--set", "care_duties=no",
                       "--set", "female=nee", "--set", "region=slack", "--top", "12")
    age = [line for line in proc.stdout.splitlines() if line.startswith("  Age ")]
    assert len(age) == 1 and "0.0 points  (0.000)  age = 40.01" in age[0], age
    assert not re.search(r"-0\.0+\b(?!\d)", proc.stdout), proc.stdout
    proc = run_example(source_dir, "score_frame.py", "--model", model_path, "--in",
                       caseload_path, "--explain")
    fields = {f for line in proc.stdout.splitlines()[1:] for f in line.split(",")}
    assert "0" in fields and not {"-0", "-0.0"} & fields


def test_explain_case_names_the_values_the_model_filled_in(source_dir, model_path,
                                                           model_json):
    proc = run_example(source_dir, "explain_case.py", "--model", model_path,
                       "--set", "age=70", "--set", "ww_months=2", "--set", "care_duties=no",
                       "--set", "female=ja", "--set", "region=slack")
    labels = {v["name"]: v["label"] for v in model_json["variables"]}
    # Not given: every variable of the policy "impute" (education's "unknown" level is a
    # category of the model, not an assumed value). 70 is above age's range of 18-67.
    imputed = [v["name"] for v in model_json["variables"]
               if v.get("missing", {}).get("policy") == "impute"]
    assert imputed == ["work_history_years", "applications_4w", "health", "has_partner",
                       "sector"]
    assert ("Not given, so the model assumed a value for: %s.\n"
            % ", ".join(labels[n] for n in imputed)) in proc.stdout
    assert ("Outside the range the model knows, so moved to its nearest bound: %s.\n"
            % labels["age"]) in proc.stdout
    proc = run_example(source_dir, "explain_case.py", "--model", model_path,
                       "--set", "age=30", "--set", "ww_months=2", "--set", "care_duties=no",
                       "--set", "female=ja", "--set", "region=slack", "--set", "health=4",
                       "--set", "work_history_years=3", "--set", "applications_4w=1",
                       "--set", "has_partner=no", "--set", "sector=care")
    assert "Not given" not in proc.stdout and "Outside the range" not in proc.stdout
