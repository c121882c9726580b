# SPDX-License-Identifier: GPL-3.0-or-later
"""anker.Profile, Assessment and verify with the demonstration profile: the same
records as the anker program on the example caseload, decisions and their errors,
and tampering found by verify."""
import json
import subprocess

import pandas as pd
import pytest

import anker

SANNE = {"age": 48, "ww_months": 9, "work_history_years": 25, "applications_4w": 3, "health": 4,
         "has_partner": True, "care_duties": False, "female": True, "education": "vocational",
         "sector": "retail", "region": "average", "kent_plichten": 4, "kent_gevolgen": 4,
         "regels_onduidelijk": 2, "tijdig_doorgeven": 1, "eerdere_maatregel": True,
         "gemiste_afspraken": 4, "bereikbaarheid": "slecht", "wil_werken": 5,
         "verwacht_werk": 5, "uitkering_voldoende": 1, "ander_werk": 5, "gezondheid": 5,
         "digitaal": 4, "cv_actueel": True, "gesprek": 4}
TIME = "2027-03-01T10:15:00+01:00"


@pytest.fixture(scope="module")
def profile(source_dir):
    with anker.Profile.load(source_dir / "data" / "profiles" / "demo-anker.json") as p:
        yield p


def test_profile(profile):
    assert profile.id == "demo_anker"
    assert list(profile.instruments) == ["AMT", "NT_PROF", "MOTIVATIE", "COMPETENTIE", "NT", "RT",
                                         "BLIJF"]
    assert profile.rules.kind == "rules"
    assert profile.reasons["anders"]["en"] == "Other, explained in the free text"


def test_advice_and_decision(profile):
    with profile.assess(SANNE) as a:
        # worked out by hand in tests/test-assess.c: nakoming 1.5, "risico"
        assert a.advice == {"service": "intensive", "fase": "3", "route": "B",
                            "rule": "naleving_risico"}
        assert a.explanation[1] == ("naleving_risico",
                                    "fired: NT_PROF.nakoming_level = risico (== risico: yes)")
        with pytest.raises(anker.AnkerError) as e:
            a.decide(actor_id="c17", actor_role="werkcoach", time=TIME,
                     values={"service": "coaching"})
        assert e.value.code == anker.Status.REASON_REQUIRED
        with pytest.raises(anker.AnkerError) as e:
            a.decide(actor_id="c17", actor_role="werkcoach", time=TIME,
                     values={"service": "coaching"}, reason_code="gevoel")
        assert e.value.code == anker.Status.UNKNOWN_REASON
        record = a.decide(actor_id="c17", actor_role="werkcoach", time=TIME,
                          values={"service": "coaching", "fase": "2"}, reason_code="anders",
                          reason_text="Verhuisd; afspraken weer nagekomen.")
        assert record["decision"]["agrees"] is False
        profile.verify(a.record())
        record["decision"]["reason"]["text"] = "iets anders"
        with pytest.raises(anker.AnkerError) as e:
            profile.verify(record)
        assert e.value.code == anker.Status.VERIFY
        # the decision is taken from the record, so its digest names it
        assert e.value.path == "$.decision"


def test_unknown_variable(profile):
    with pytest.raises(anker.AnkerError) as e:
        profile.assess(dict(SANNE, schoenmaat=42))
    assert e.value.field == "schoenmaat"
    profile.assess(dict(SANNE, schoenmaat=42), ignore_extra=True).close()


def test_same_records_as_the_program(profile, source_dir, program, tmp_path):
    caseload = source_dir / "examples" / "data" / "assess-caseload.csv"
    out = tmp_path / "records.jsonl"
    proc = subprocess.run([program, "assess", "--profile",
                           str(source_dir / "data" / "profiles" / "demo-anker.json"),
                           "--in", str(caseload), "--out", str(out)], capture_output=True)
    assert proc.returncode == 0, proc.stderr
    cli = out.read_text(encoding="utf-8").splitlines()
    df = pd.read_csv(caseload)
    frame = profile.assess_frame(df)
    assert list(frame["record"]) == cli
    assert anker.verify(out, profile) == len(df)
    assert frame["rule"].iloc[0] == json.loads(cli[0])["advice"]["rule"]


def test_verify_finds_the_profile(profile, source_dir, tmp_path, monkeypatch):
    """anker.verify(path) with no profile looks for the one the records name."""
    a = profile.assess(SANNE, case_id="K-1")
    path = tmp_path / "r.jsonl"
    path.write_text(a.record() + "\n", encoding="utf-8")
    a.close()
    profiles = (source_dir / "data" / "profiles").resolve()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ANKER_PROFILE_PATH", "/nonexistent")
    with pytest.raises(anker.AnkerError) as e:
        anker.verify(path)
    assert e.value.code == anker.Status.NOT_FOUND
    assert str(tmp_path / "demo-anker.json") + " (not found)" in str(e.value)
    assert "/nonexistent/demo-anker.json (not found)" in str(e.value)
    monkeypatch.setenv("ANKER_PROFILE_PATH",
                       "/nonexistent:" + str(profiles))
    assert anker.verify(path) == 1
    assert anker.verify(path, profile) == 1
    with pytest.raises(TypeError):
        anker.verify(path, "demo-anker.json")
