# SPDX-License-Identifier: GPL-3.0-or-later
"""anker.Profile with the WWB-toets as an instrument (data/profiles/demo-anker-wwb.json):
the advice and the "wwb" member of the record for households worked out by hand in
tests/test-assess-wwb.c, and the same records as the anker program."""
import json
import subprocess

import pandas as pd
import pytest

import anker

AMT = {"age": 45, "ww_months": 3, "work_history_years": 20, "applications_4w": 4,
       "health": 3, "has_partner": False, "care_duties": False, "female": True,
       "education": "vocational", "sector": "retail", "region": "average"}
EVA = dict(AMT, **{"WWB.reference_date": "2026-03-31", "WWB.assessment_date": "2025-10-15",
                   "WWB.claimant_birth_date": "1980-05-12",
                   "WWB.claimant_unemployed_since": "2024-09-01",
                   "WWB.income_claimant_earnings": 400.0, "WWB.assets_savings": 3500.0})


@pytest.fixture(scope="module")
def profile(source_dir):
    with anker.Profile.load(source_dir / "data" / "profiles" / "demo-anker-wwb.json") as p:
        yield p


def test_profile(profile, source_dir):
    assert profile.wwb_alias == "WWB"
    assert list(profile.instruments) == ["AMT"]
    with anker.Profile.load(source_dir / "data" / "profiles" / "demo-anker.json") as p:
        assert p.wwb_alias is None


def test_eva(profile):
    with profile.assess(EVA) as a:
        assert a.advice["rule"] == "warme_overdracht"
        record = json.loads(a.record())
    out = record["wwb"]["outputs"]
    # EUR 1,401.50 - (400 - 25% of 400) = EUR 1,101.50
    assert out["expected_bijstand"] == 1101.50
    assert out["verdict"] == "entitled"
    assert out["months_to_ww_end"] == 5
    profile.verify(record)  # raises when it does not verify
    record["wwb"]["outputs"]["expected_bijstand"] = 1101.51
    with pytest.raises(anker.AnkerError) as e:
        profile.verify(record)
    assert e.value.path == "$.wwb.outputs.expected_bijstand"


def test_bad_household_value(profile):
    with pytest.raises(anker.AnkerError) as e:
        profile.assess(dict(EVA, **{"WWB.children": "many"}))
    assert e.value.field == "children"


def test_same_record_as_the_program(profile, source_dir, program, tmp_path):
    case = tmp_path / "case.json"
    case.write_text(json.dumps(EVA), encoding="utf-8")
    proc = subprocess.run([program, "assess", "--profile",
                           str(source_dir / "data" / "profiles" / "demo-anker-wwb.json"),
                           "--case", str(case)], capture_output=True)
    assert proc.returncode == 0, proc.stderr
    with profile.assess(EVA) as a:
        assert a.record() == proc.stdout.decode("utf-8").rstrip("\n")


def test_frame_same_records_as_the_program(profile, source_dir, program, tmp_path):
    caseload = source_dir / "examples" / "data" / "assess-wwb-caseload.csv"
    out = tmp_path / "records.jsonl"
    proc = subprocess.run([program, "assess", "--profile",
                           str(source_dir / "data" / "profiles" / "demo-anker-wwb.json"),
                           "--in", str(caseload), "--out", str(out)], capture_output=True)
    assert proc.returncode == 0, proc.stderr
    cli = out.read_text(encoding="utf-8").splitlines()
    # the household's cells are text, as the anker program reads them
    header = pd.read_csv(caseload, nrows=0).columns
    df = pd.read_csv(caseload, dtype={c: str for c in header if c.startswith("WWB.")})
    frame = profile.assess_frame(df)
    assert list(frame["record"]) == cli
    assert list(frame["service"][:3]) == ["warme_overdracht", "ioaw", "aio_svb"]
    assert anker.verify(out, profile) == len(df)
