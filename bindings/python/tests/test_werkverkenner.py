# SPDX-License-Identifier: GPL-3.0-or-later
"""anker.Werkverkenner with the demonstration profile: the same results as
`anker werkverkenner --in` on a synthetic intake of 10,000 clients, the month-7
re-estimate, "not completed", a high scorer invited on request, and both languages.
The hand-worked Ingrid case uses the test profile over the hand-set chance model
(tests/werkverkenner/profile.json)."""
import json
import math
import subprocess
import sys

import pandas as pd
import pytest

import anker
from conftest import program_env


@pytest.fixture(scope="module")
def wv(source_dir):
    with anker.Werkverkenner(source_dir / "data" / "profiles" / "demo-werkverkenner.json") as w:
        yield w


@pytest.fixture(scope="module")
def wv_eighths(source_dir):
    """The demonstration questionnaire and rules over the hand-set chance model (coefficients
    in eighths) that the demonstration one was refitted from: for hand-worked numbers."""
    with anker.Werkverkenner(source_dir / "tests" / "werkverkenner" / "profile.json") as w:
        yield w


def answers(source_dir, name):
    with open(source_dir / "examples" / "data" / name, encoding="utf-8") as f:
        return json.load(f)


def test_ingrid_and_month7(wv_eighths, source_dir):
    # With the hand-set chance model of the test profile: its coefficients in eighths make the
    # linear predictors below hand-worked sums.
    wv = wv_eighths
    r = wv.assess(answers(source_dir, "wv-ingrid.json"), lang="en")
    # -6.5 + 0.25 * (3 + 3 + 5 + 4 + 4 + 4 + 3) + 0.125 * (5 + 2 + 3 + 3) = 1.625
    assert r.chance == pytest.approx(1 / (1 + math.exp(-1.625)), abs=1e-15)
    assert r.band == "b75_100"
    assert r.advice == {"uitnodiging": "niet_uitnodigen", "werkverkenner": "voltooid"}
    assert r.rule == "kans_boven_50"
    assert [f["name"] for f in r.lowering[:4]] == ["leeftijd", "opleiding",
                                                   "zelfeffectiviteit", "beroep"]
    assert r.lowering[2]["type"] == "soft" and r.lowering[0]["type"] == "hard"
    assert r.lowering[3]["pull"] == -0.375
    assert r.lowering[0]["label"] == "Age"
    assert r.followup is None
    first = r.record()
    # month 7: expectations 2, search intention 3, network 2.5, six months on benefit:
    # 1.625 - 0.5 - 0.25 - 0.0625 - 0.75 = 0.0625
    m7 = wv.assess(answers(source_dir, "wv-ingrid-month7.json"), first=first)
    assert m7.chance == pytest.approx(1 / (1 + math.exp(-0.0625)), abs=1e-15)
    f = m7.followup
    assert f["first_band"] == "b75_100" and f["band"] == "b50_75"
    assert f["band_drop"] and f["flag"]
    assert f["drop"] == pytest.approx(r.chance - m7.chance, abs=1e-15)
    record = json.loads(m7.record())
    assert record["previous"] == json.loads(first)["sha256"]
    assert record["followup"]["flag"] is True
    wv.profile.verify(record)
    # a first estimate as a number: no chain, the same flag
    m7b = wv.assess(answers(source_dir, "wv-ingrid-month7.json"), first=r.chance)
    assert m7b.followup == f
    assert "previous" not in json.loads(m7b.record())


def test_invited_on_request(wv, source_dir):
    r = wv.assess(answers(source_dir, "wv-ingrid.json"))
    with pytest.raises(anker.AnkerError) as e:
        r.decide(actor_id="a-8", actor_role="adviseur", time="2027-01-11T14:20:00+01:00",
                 values={"uitnodiging": "uitnodigen"})
    assert e.value.status == anker.Status.REASON_REQUIRED
    record = r.decide(actor_id="a-8", actor_role="adviseur", time="2027-01-11T14:20:00+01:00",
                      values={"uitnodiging": "uitnodigen"}, reason_code="oordeel_adviseur")
    assert record["decision"]["reason"]["code"] == "oordeel_adviseur"
    assert record["advice"]["values"]["uitnodiging"] == "niet_uitnodigen"
    wv.profile.verify(record)


def test_not_completed(wv, source_dir):
    a = answers(source_dir, "wv-ingrid.json")
    a["zoek_plan"] = None
    a["zoek_tijd"] = float("nan")
    r = wv.assess(a)
    assert not r.completed and math.isnan(r.chance) and r.band is None
    assert r.missing_items == ["zoek_plan", "zoek_tijd"]
    assert r.advice["uitnodiging"] == "uitnodigen"
    assert r.factors == []


def test_languages(wv, source_dir):
    a = answers(source_dir, "wv-ingrid.json")
    nl, en = wv.assess(a, lang="nl"), wv.assess(a, lang="en")
    assert [f["name"] for f in nl.factors] == [f["name"] for f in en.factors]
    for x, y in zip(nl.factors, en.factors):
        assert x["say"] and y["say"] and x["say"] != y["say"]
        assert x["label"] and y["label"]
    with pytest.raises(ValueError):
        wv.assess(a, lang="de")


def test_intake_same_as_program(wv, source_dir, program, tmp_path):
    """10,000 synthetic clients: the DataFrame equals the program's CSV, cell by cell."""
    intake = tmp_path / "intake.csv"
    subprocess.run([sys.executable, str(source_dir / "examples" / "werkverkenner" /
                                        "make-intake.py"), "--out", str(intake)], check=True)
    ours = same_as_program(wv, source_dir, program, intake, tmp_path / "results.csv")
    assert len(ours) == 10000
    completed = ours["completed"].sum()
    assert 0.69 < completed / 10000 < 0.73


def test_followup_frame_same_as_program(wv, source_dir, program, tmp_path):
    """A month-7 intake (the first estimate as a column): the follow-up columns agree."""
    m7 = answers(source_dir, "wv-ingrid-month7.json")
    df = pd.DataFrame([dict(m7, id="a", eerste_kans=0.9), dict(m7, id="b", eerste_kans=0.52),
                       dict(m7, id="c", eerste_kans=None)])
    intake = tmp_path / "m7.csv"
    df.to_csv(intake, index=False)
    ours = same_as_program(wv, source_dir, program, intake, tmp_path / "out.csv")
    assert ours["flag"].tolist() == [True, False, None]


def same_as_program(wv, source_dir, program, intake, out):
    """Assess INTAKE with the program and with assess_frame; assert they agree; return ours."""
    subprocess.run([program, "werkverkenner", "--profile",
                    str(source_dir / "data" / "profiles" / "demo-werkverkenner.json"),
                    "--in", str(intake), "--out", str(out)], check=True, env=program_env())
    df = pd.read_csv(intake, dtype=str, keep_default_na=False, na_values=[""])
    for c in df.columns:
        if c not in ("id",) and c in [it.name for it in wv.profile.instruments["WV"].variables
                                      if it.kind == "numeric"] + ["maanden_uitkering"]:
            df[c] = df[c].astype(float)
    for c in ("eerste_kans",):
        if c in df.columns:
            df[c] = df[c].astype(float)
    ours = wv.assess_frame(df.set_index("id", drop=False))
    theirs = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert len(ours) == len(theirs)
    assert list(theirs.columns) == ["id"] + list(ours.columns)
    for col in ours.columns:
        mine = ours[col].tolist()
        program_col = theirs[col].tolist()
        for k, (x, y) in enumerate(zip(mine, program_col)):
            if col in ("completed", "flag", "band_drop") and x is not None:
                assert y == ("true" if x else "false"), (k, col)
            elif col in ("chance", "first_chance", "drop"):
                assert (y == "" and math.isnan(x)) or float(y) == x, (k, col, x, y)
            else:
                assert y == ("" if x is None else x), (k, col, x, y)
    return ours
