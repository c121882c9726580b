# SPDX-License-Identifier: GPL-3.0-or-later
"""The case timeline from Python, checked against an independent implementation
written here from the rules (WW art. 42, the pension-age table read with Python's
json, the deadlines of docs/timeline.md) with dateutil's relativedelta for the
month arithmetic (whose month-end convention is the library's: 31 January + 1
month = 28/29 February)."""

import datetime
import json
import random

import pytest

import anker
from conftest import SOURCE_DIR

pd = pytest.importorskip("pandas")
relativedelta = pytest.importorskip("dateutil.relativedelta").relativedelta

NORMS_DIR = SOURCE_DIR / "data" / "norms"
D = datetime.date


def months(d, n):
    return d + relativedelta(months=n)


def half_months(before, since):
    total = before + since
    first = min(total, 10)
    before_above = max(0, before - 10)
    since_above = total - first - before_above
    return min(48, max(6, 2 * first + 2 * before_above + since_above))


def pension_day(birth):
    table = json.loads((NORMS_DIR / "pension-age.json").read_text())
    for row in table["rows"]:
        if D.fromisoformat(row["born_from"]) <= birth <= D.fromisoformat(row["born_until"]):
            return months(birth, 12 * row["age"]["years"] + row["age"]["months"])
    return None


def expected_timeline(start, birth, hm):
    end = months(start, hm // 2) + datetime.timedelta(days=15 * (hm % 2))
    pension = pension_day(birth)
    capped = pension is not None and pension < end
    if capped:
        end = pension
    out = [("werkverkenner", start)]
    if months(start, 7) - datetime.timedelta(days=1) < end:
        out.append(("monitorgesprek", months(start, 7) - datetime.timedelta(days=1)))
    for n in range(1, 7):
        if months(start, 6 * n) >= end:
            break
        out.append(("herfasering_%d" % n, months(start, 6 * n)))
    out.append(("route_a_end", months(start, 9)))
    for rule, k in [("bossche_screening", 7), ("bossche_inkomenstoets", 6),
                    ("bossche_coaching", 3), ("bossche_follow_up", 2), ("bossche_results", 1)]:
        if months(end, -k) >= start:
            out.append((rule, months(end, -k)))
    report = end - datetime.timedelta(days=28)
    if birth + relativedelta(years=27) > report and report >= start:
        out.append(("early_report", report))
    out.append(("ww_end", end))
    if not capped:
        out.append(("sluitende_aanpak", months(end, 12) - datetime.timedelta(days=1)))
    order = {rule: i for i, rule in enumerate(anker.case_timeline.RULES)}
    out.sort(key=lambda item: (item[1], order[item[0]]))
    return end, capped, pension, out


def test_worked_case():
    t = anker.timeline(ww_start="2024-01-31", birth=D(1990, 5, 15), years_before_2016=8,
                       years_from_2016=6, norms=NORMS_DIR)
    assert t.ww_end == D(2025, 1, 31) and t.ww_last_day == D(2025, 1, 30)
    assert t.duration_months == 12 and not t.capped and t.pension_date is None
    assert t["monitorgesprek"].date == D(2024, 8, 30)
    assert t["bossche_screening"].date == D(2024, 6, 30)
    assert t["sluitende_aanpak"].date == D(2026, 1, 30)
    assert "early_report" not in t
    assert t["ww_end"].source == "WW art. 42"
    assert t["monitorgesprek"].label("en").startswith("Monitorgesprek at the latest")
    frame = t.frame("en")
    assert list(frame["rule"]) == [d.rule for d in t.deadlines]
    assert frame["date"].dtype.kind == "M"


def test_against_an_independent_implementation():
    rng = random.Random(20241)
    checked = capped = half = 0
    while checked < 400:
        start = D(2019, 4, 1) + datetime.timedelta(days=rng.randrange(0, 11 * 365))
        birth = start - datetime.timedelta(days=rng.randrange(18 * 365, 70 * 365))
        if birth.year > 1964 and start.year > 2029:
            continue  # after the table's rows; its lower bound alone may not settle the cap
        pension = pension_day(birth)
        if pension is None and birth.year < 1965 or pension is not None and pension <= start:
            continue  # outside the table, or already at pension age: errors, tested elsewhere
        if rng.random() < 0.5:
            before = rng.randint(0, max(0, 2016 - birth.year - 18))
            since = rng.randint(0, max(0, start.year - 2016))
            t = anker.timeline(ww_start=start, birth=birth, years_before_2016=before,
                               years_from_2016=since, norms=NORMS_DIR)
            hm = half_months(before, since)
        else:
            hm = rng.randint(6, 76)
            t = anker.timeline(ww_start=start, birth=birth, max_months=hm / 2, norms=NORMS_DIR)
        end, cap, pension, deadlines = expected_timeline(start, birth, hm)
        assert t.ww_end == end, (start, birth, hm)
        assert t.capped == cap and t.pension_date == pension
        assert t.duration_months == hm / 2
        assert [(d.rule, d.date) for d in t.deadlines] == deadlines, (start, birth, hm)
        checked += 1
        capped += cap
        half += hm % 2
    assert capped >= 5 and half >= 50  # the sample reaches the cap and half months


def test_json_is_canonical():
    t = anker.timeline(ww_start="2024-01-31", birth="1990-05-15", max_months=10.5,
                       norms=NORMS_DIR)
    d = t.to_dict()
    assert t.json_text == json.dumps(d, sort_keys=True, separators=(",", ":"),
                                     ensure_ascii=False)
    assert d["ww_end"] == "2024-12-15" and d["duration_months"] == 10.5
    assert d["pension_date"] is None and d["format"] == "anker-timeline"
    assert [x["rule"] for x in d["deadlines"]] == [x.rule for x in t.deadlines]


@pytest.mark.parametrize("kwargs, status, field", [
    (dict(ww_start="2023-02-29", birth="1990-01-01", max_months=3), "BAD_VALUE", "ww_start"),
    (dict(ww_start="2024-01-01", birth="2024-01-02", max_months=3), "BAD_VALUE", "birth_date"),
    (dict(ww_start="2024-01-01", birth="1990-01-01", years_before_2016=-1, years_from_2016=0),
     "OUT_OF_RANGE", "years_before_2016"),
    (dict(ww_start="2024-01-01", birth="1990-01-01", years_before_2016=0, years_from_2016=9),
     "OUT_OF_RANGE", "years_from_2016"),
    (dict(ww_start="2024-01-01", birth="1990-01-01", max_months=12.25), "OUT_OF_RANGE",
     "max_months"),
    (dict(ww_start="2024-03-01", birth="1957-03-01", max_months=12), "OUT_OF_RANGE",
     "birth_date"),
    (dict(ww_start="2024-01-01", birth="1990-01-01", years_before_2016=3), "MISSING_KEY",
     "years_from_2016"),
    (dict(ww_start="2024-01-01", birth="1990-01-01"), "INVALID_ARGUMENT", "max_months"),
])
def test_errors_name_the_field(kwargs, status, field):
    with pytest.raises(anker.AnkerError) as e:
        anker.timeline(norms=NORMS_DIR, **kwargs)
    assert e.value.status == getattr(anker.Status, status)
    assert e.value.field == field


def test_frame():
    cases = pd.DataFrame({
        "id": ["a", "b", "c"],
        "ww_start": ["2024-01-31", "2023-09-30", "2024-01-01"],
        "birth_date": ["1990-05-15", "2000-02-29", "1958-06-15"],
        "years_before_2016": [8, 0, None],
        "years_from_2016": [6, 5, None],
        "max_months": [None, None, 24],
    }, index=[10, 11, 12])
    out = anker.timeline_frame(cases, norms=NORMS_DIR, id_column="id")
    assert list(out.index) == [10, 11, 12] and list(out["id"]) == ["a", "b", "c"]
    assert list(out.columns[:5]) == ["id", "ww_last_day", "duration_months", "capped",
                                     "pension_date"]
    assert list(out.columns[5:]) == anker.case_timeline.RULES
    assert out.loc[10, "ww_end"] == pd.Timestamp("2025-01-31")
    assert out.loc[11, "early_report"] == pd.Timestamp("2024-02-01")
    assert pd.isna(out.loc[10, "early_report"])
    assert bool(out.loc[12, "capped"]) and out.loc[12, "ww_end"] == pd.Timestamp("2025-06-15")
    assert pd.isna(out.loc[12, "sluitende_aanpak"])
    for label, row in cases.iterrows():
        fields = {k: v for k, v in row.items() if k != "id" and not pd.isna(v)}
        t = anker.timeline_fields(fields, norms=NORMS_DIR)
        assert out.loc[label, "ww_end"] == pd.Timestamp(t.ww_end)
    bad = cases.copy()
    bad.loc[11, "birth_date"] = "2000-02-30"
    with pytest.raises(anker.AnkerError) as e:
        anker.timeline_frame(bad, norms=NORMS_DIR, id_column="id")
    assert e.value.field == "birth_date" and "position 1" in str(e.value)
    with pytest.raises(anker.AnkerError) as e:
        anker.timeline_frame(cases.rename(columns={"ww_start": "start"}), norms=NORMS_DIR,
                             id_column="id")
    assert e.value.field == "start"
