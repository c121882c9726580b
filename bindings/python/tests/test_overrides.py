# SPDX-License-Identifier: GPL-3.0-or-later
"""anker.overrides() and `anker evaluate --records`: records written by the library
(Werkverkenner and ANKER demonstration profiles, with known decisions) counted
independently from Python's json, the CLI's JSON equal to the binding's frames,
and bad records (file, line and field named)."""

import collections
import json
import math
import subprocess

import pytest

import anker
from conftest import program_env

T = "2027-01-11T14:20:00+01:00"
HIGH_ANSWERS = ("zoek_plan", "zoek_tijd", "verwacht_werk", "goede_kandidaat", "doorzetten",
                "kent_mensen", "vertelt_zoeken", "reistijd", "lager_loon")


def wv_plan(source_dir):
    ingrid = json.loads((source_dir / "examples" / "data" / "wv-ingrid.json").read_text())
    low = dict(ingrid, **{k: 1 for k in HIGH_ANSWERS})  # a chance of at most 50%
    invite = {"uitnodiging": "uitnodigen"}
    # (case, decided values or None for no decision, reason code)
    return [(ingrid, None, None), (ingrid, {}, None), (ingrid, invite, "op_verzoek_klant"),
            (ingrid, invite, "op_verzoek_klant"), (ingrid, invite, "oordeel_adviseur"),
            (low, {}, None), (low, {}, None), (low, None, None),
            (low, {"uitnodiging": "niet_uitnodigen"}, "anders")]


@pytest.fixture(scope="module")
def wv_records(source_dir, tmp_path_factory):
    profile = anker.Profile.load(source_dir / "data" / "profiles" / "demo-werkverkenner.json")
    lines = []
    for case, values, code in wv_plan(source_dir):
        a = profile.assess(case)
        if values is not None:
            a.decide(actor_id="a-1", actor_role="adviseur", time=T, values=values,
                     reason_code=code, reason_text="toelichting" if code else None)
        lines.append(a.record())
        a.close()
    path = tmp_path_factory.mktemp("wv") / "records.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def count(path):
    """The figures, counted from the JSON alone."""
    recs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    fig = {"records": len(recs), "decided": 0, "overridden": 0,
           "advice": collections.defaultdict(lambda: [0, 0, 0]),
           "rule": collections.defaultdict(lambda: [0, 0, 0]),
           "matrix": collections.Counter(), "reasons": collections.Counter()}
    for r in recs:
        advised, d = r["advice"]["values"], r["decision"]
        over = d is not None and any(d["values"][k] != v for k, v in advised.items())
        key = ",".join("%s=%s" % kv for kv in advised.items())
        for row in (fig["advice"][key], fig["rule"][r["advice"]["rule"]]):
            row[0] += 1
            row[1] += d is not None
            row[2] += over
        if d is not None:
            fig["decided"] += 1
            fig["overridden"] += over
            for k, v in advised.items():
                fig["matrix"][(k, v, d["values"][k])] += 1
            if d["reason"] is not None:
                fig["reasons"][d["reason"]["code"]] += 1
    return fig


def test_werkverkenner_counts(wv_records, source_dir):
    fig = count(wv_records)
    ov = anker.overrides(wv_records)
    assert ov.profile == "demo_werkverkenner"
    # the plan: 9 records, 7 decided, 4 against the advice
    assert (fig["records"], fig["decided"], fig["overridden"]) == (9, 7, 4)
    assert (ov.records, ov.decided, ov.undecided, ov.overridden) == (9, 7, 2, 4)
    assert ov.rate == 4 / 7
    assert {r.advice: [r.records, r.decided, r.overridden]
            for r in ov.per_advice.itertuples()} == dict(fig["advice"])
    assert {r.rule: [r.records, r.decided, r.overridden]
            for r in ov.per_rule.itertuples()} == dict(fig["rule"])
    assert dict(ov.per_rule.set_index("rule")["rate"]) == {"kans_boven_50": 3 / 4,
                                                           "kans_hoogstens_50": 1 / 3}
    assert {(r.field, r.advised, r.decided): r.count
            for r in ov.matrix.itertuples()} == dict(fig["matrix"])
    assert {r.code: r.count for r in ov.reasons.itertuples()} == dict(fig["reasons"])
    # high scorers (advised niet_uitnodigen: chance above 50%) invited anyway: 3 of 4
    assert ov.invited_anyway == {"count": 3, "of": 4, "share": 0.75}
    high = [json.loads(line) for line in wv_records.read_text().splitlines()]
    high = [r for r in high if r["decision"] and r["advice"]["values"]["uitnodiging"] ==
            "niet_uitnodigen"]
    assert all(r["instruments"][1]["outputs"]["band"] in ("b50_75", "b75_100") for r in high)
    assert ov.reasons["label"].isna().all()  # no profile next to the records


def test_labels_from_the_profile(wv_records, source_dir, monkeypatch):
    monkeypatch.setenv("ANKER_PROFILE_PATH", str(source_dir / "data" / "profiles"))
    profile = json.loads((source_dir / "data" / "profiles" / "demo-werkverkenner.json")
                         .read_text(encoding="utf-8"))
    labels = {r["code"]: r["label"]["en"] for r in profile["reasons"]}
    ov = anker.overrides(wv_records)
    assert {r.code: r.label for r in ov.reasons.itertuples()} == {
        code: labels[code] for code in ov.reasons["code"]}


def test_program_agrees(wv_records, program, tmp_path):
    out = tmp_path / "ov.json"
    proc = subprocess.run([program, "evaluate", "--records", str(wv_records), "--json",
                           str(out)], capture_output=True, text=True, env=program_env())
    assert proc.returncode == 0, proc.stderr
    assert "invited anyway: 3 of 4 (75.0%)" in proc.stdout
    assert "records not verified" in proc.stdout
    doc = json.loads(out.read_text())["overrides"]
    ov = anker.overrides(wv_records)
    assert (doc["records"], doc["decided"], doc["undecided"], doc["overridden"]) == (
        ov.records, ov.decided, ov.undecided, ov.overridden)
    assert doc["rate"] == ov.rate
    assert doc["per_advice"] == ov.per_advice.to_dict("records")
    assert doc["per_rule"] == ov.per_rule.to_dict("records")
    assert doc["matrix"] == ov.matrix.drop(columns="share").to_dict("records")
    assert [(r["code"], r["count"], r["overridden"]) for r in doc["reasons"]] == [
        (r.code, r.count, r.overridden) for r in ov.reasons.itertuples()]
    assert doc["invited_anyway"] == ov.invited_anyway


def test_anker_profile_with_the_program(source_dir, program, tmp_path):
    """Records written by `anker assess --decision` (the demonstration ANKER profile)."""
    profile = source_dir / "data" / "profiles" / "demo-anker.json"
    case = source_dir / "examples" / "data" / "client-sanne.json"
    decision = json.loads((source_dir / "examples" / "data" / "decision-sanne.json").read_text())
    agree = {"actor": decision["actor"], "time": decision["time"]}
    lines = []
    for i, d in enumerate([decision, None, agree, decision]):
        args = [program, "assess", "--profile", str(profile), "--case", str(case)]
        if d is not None:
            (tmp_path / "d.json").write_text(json.dumps(d))
            args += ["--decision", str(tmp_path / "d.json")]
        proc = subprocess.run(args + ["--out", str(tmp_path / "r.json")], capture_output=True,
                              text=True, env=program_env())
        assert proc.returncode == 0, proc.stderr
        lines.append((tmp_path / "r.json").read_text())
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(lines) + "\n")
    fig = count(path)
    ov = anker.overrides(path)
    assert (ov.records, ov.decided, ov.undecided, ov.overridden) == (4, 3, 1, 2)
    assert (fig["decided"], fig["overridden"]) == (3, 2)
    assert {(r.field, r.advised, r.decided): r.count
            for r in ov.matrix.itertuples()} == dict(fig["matrix"])
    assert ov.invited_anyway is None
    assert list(ov.reasons["code"]) == ["professionele_toets_weegt_zwaarder"]
    assert list(ov.reasons["count"]) == [2]
    # the matrix share: per field and advised value, the decided shares add up to 1
    sums = ov.matrix.groupby(["field", "advised"])["share"].sum()
    assert all(math.isclose(s, 1.0) for s in sums)


def write(tmp_path, text):
    path = tmp_path / "bad.jsonl"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("mutate, status, line, field", [
    (lambda lines: "", "SYNTAX", 0, None),
    (lambda lines: lines[0] + "\nnot json\n", "SYNTAX", 2, None),
    (lambda lines: lines[0].replace('"format_version":2', '"format_version":1'),
     "UNSUPPORTED", 1, "format_version"),
    (lambda lines: lines[0].replace('"format":"anker-record"', '"format":"x"'),
     "BAD_VALUE", 1, "format"),
    (lambda lines: lines[0].replace('"rule":', '"regel":'), "MISSING_KEY", 1, "advice.rule"),
    (lambda lines: "\n".join(lines[:2]).replace('"agrees":false', '"agrees":true'),
     "BAD_VALUE", 2, "decision.agrees"),
])
def test_bad_records(wv_records, tmp_path, program, mutate, status, line, field):
    lines = wv_records.read_text(encoding="utf-8").splitlines()
    lines = [lines[0], lines[2]]  # no decision; an override
    path = write(tmp_path, mutate(lines))
    with pytest.raises(anker.AnkerError) as e:
        anker.overrides(path)
    assert e.value.status == getattr(anker.Status, status)
    assert (e.value.file, e.value.line, e.value.field) == (str(path), line, field)
    proc = subprocess.run([program, "evaluate", "--records", str(path)], capture_output=True,
                          text=True, env=program_env())
    assert proc.returncode == 1
    assert str(path) in proc.stderr and proc.stdout == ""


def test_several_profiles(wv_records, source_dir, tmp_path):
    sanne = json.loads((source_dir / "examples" / "data" / "client-sanne.json").read_text())
    other = anker.Profile.load(source_dir / "data" / "profiles" / "demo-anker.json")
    a = other.assess(sanne)
    text = wv_records.read_text(encoding="utf-8") + a.record() + "\n"
    a.close()
    path = write(tmp_path, text)
    with pytest.raises(anker.AnkerError) as e:
        anker.overrides(path)
    assert e.value.status == anker.Status.BAD_VALUE
    assert (e.value.line, e.value.field) == (10, "profile.id")


def test_example_file_is_reproducible(source_dir, tmp_path):
    """examples/data/wv-records.jsonl is what its generator writes, byte for byte."""
    out = tmp_path / "wv-records.jsonl"
    subprocess.run(["/usr/bin/python3", str(source_dir / "examples" / "data" /
                                            "generate_wv_records.py"), "--out", str(out)],
                   check=True, env=dict(program_env(), PYTHONDONTWRITEBYTECODE="1"))
    assert out.read_bytes() == (source_dir / "examples" / "data" / "wv-records.jsonl").read_bytes()
