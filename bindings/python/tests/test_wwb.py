# SPDX-License-Identifier: GPL-3.0-or-later
"""The WWB-toets from Python: the same rules, results and errors as the C library and
`anker wwb`, and a caseload as a DataFrame. Expected amounts are the published norms
(domain notes) or computed by hand from them."""

import json
import subprocess
import threading

import pytest

import anker
from conftest import SOURCE_DIR, anker_program

pd = pytest.importorskip("pandas")

NORMS_DIR = SOURCE_DIR / "data" / "norms"
CASELOAD = SOURCE_DIR / "examples" / "wwb" / "caseload.csv"


@pytest.fixture(scope="module")
def norms():
    with anker.WwbNorms(NORMS_DIR) as n:
        yield n


def test_published_figures(norms):
    assert norms.norm_cents("2026-01-01", "couple") == 200213
    assert norms.norm_cents("2024-01-01", "single_pension") == 142576
    assert [norms.cost_sharing_norm_cents("2024-07-01", a) for a in range(2, 7)] == [
        93461, 80999, 74768, 71030, 68538]
    assert norms.asset_limit_cents("2025-05-01", "home_equity") == 6550000
    assert norms.cost_sharer_age("2021-07-01") == 21
    assert norms.cost_sharer_age("2026-01-01") == 27
    assert norms.pension_age("1961-01-31") == (67, 3, "2028-04-30")


def test_not_in_table_and_outside_every_period(norms):
    with pytest.raises(anker.AnkerError) as e:
        norms.norm_cents("2021-07-01", "single_18_20")
    assert e.value.status == anker.Status.NOT_FOUND
    assert "not in the table of 2021-07-01" in str(e.value)
    with pytest.raises(anker.AnkerError) as e:
        norms.evaluate({"claimant": {"birth_date": "1980-01-01"}}, date="2022-06-01")
    assert e.value.status == anker.Status.NOT_FOUND


def test_evaluate_a_couple_with_a_son_of_28(norms):
    household = {"claimant": {"birth_date": "1965-04-01"},
                 "partner": {"birth_date": "1967-08-01"},
                 "housemates": [{"relation": "relative_1st_degree", "age": 28}],
                 "income": [], "assets": []}
    r = norms.evaluate(household, date="2026-03-31")
    assert r.verdict == "probably_entitled"
    assert r.norm_name == "cost_sharing" and r.cost_sharers == 3
    assert r.amounts["norm"] == 2 * 86759
    assert r.amounts["norm"] == r.amounts["norm_without_holiday"] + r.amounts["holiday_allowance"]
    codes = [line.code for line in r.lines]
    assert codes[0] == "norms_table" and codes[-1] == "verdict" and "cost_sharer" in codes
    assert all(line.nl and line.en for line in r.lines)
    assert "Kostendelersnorm met A = 3" in r.reasoning("nl")
    # the same JSON as text, and as what anker wwb --format json writes
    assert norms.evaluate(json.dumps(household), date="2026-03-31") == r


def test_missing_facts_and_bad_input(norms):
    r = norms.evaluate({"claimant": {"birth_date": "1980-01-01"},
                        "housemates": [{"relation": "tenant", "age": 40}]}, date="2026-03-31")
    assert r.verdict == "unknown"
    assert set(r.missing) == {"$.housemates[0].written_contract",
                              "$.housemates[0].commercial_price", "$.income", "$.assets"}
    with pytest.raises(anker.AnkerError) as e:
        norms.evaluate({"claimant": {"birth_date": "1980-01-01"},
                        "housemates": [{"relation": "cousin", "age": 30}]}, date="2026-03-31")
    assert e.value.path == "$.housemates[0].relation" and e.value.field == "relation"
    with pytest.raises(anker.AnkerError) as e:
        norms.evaluate({"claimant": {"birth_date": "1980-01-01"},
                        "partner": {"birth_date": "2009-01-01"}}, date="2026-03-31")
    assert e.value.path == "$.partner.birth_date"


def test_caseload_frame_agrees_with_the_program(norms, tmp_path):
    frame = pd.read_csv(CASELOAD, dtype=str, keep_default_na=False)
    out = norms.evaluate_frame(frame, id_column="id")
    assert list(out["id"]) == ["H1", "H2", "H3", "H4"]
    assert list(out["verdict"]) == ["probably_entitled", "probably_entitled",
                                    "probably_not_entitled", "probably_entitled"]
    assert out.loc[1, "norm_cents"] == 173518 and out.loc[3, "loan"]
    program = anker_program()
    if program is None:
        pytest.skip("no anker program")
    cli = subprocess.run([program, "wwb", "--norms", str(NORMS_DIR), "--in", str(CASELOAD),
                          "--format", "json"], capture_output=True, check=True, text=True)
    cases = json.loads(cli.stdout)
    for case, (_, row) in zip(cases, out.iterrows()):
        assert case["verdict"] == row["verdict"]
        for name in anker.wwb.AMOUNTS:
            value = row[name + "_cents"]
            assert case["amounts_cents"][name] == (None if pd.isna(value) else int(value))


def test_frame_errors_name_the_row(norms):
    frame = pd.DataFrame({"claimant_birth_date": ["1980-01-01", "1980-02-30"],
                          "reference_date": ["2026-03-31", "2026-03-31"]}, index=["a", "b"])
    with pytest.raises(anker.AnkerError) as e:
        norms.evaluate_frame(frame)
    assert e.value.row_label == "b" and e.value.case_index == 1
    with pytest.raises(anker.AnkerError) as e:
        norms.evaluate_frame(pd.DataFrame({"shoe_size": [42]}))
    assert e.value.field == "shoe_size"


def test_one_norms_set_from_threads(norms):
    household = {"claimant": {"birth_date": "1980-05-12"}, "income": [], "assets": []}
    expected = norms.evaluate(household, date="2026-03-31")
    seen = []

    def work():
        for _ in range(50):
            seen.append(norms.evaluate(household, date="2026-03-31") == expected)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(seen) == 200 and all(seen)
