# SPDX-License-Identifier: GPL-3.0-or-later
"""anker.report() and python3 -m anker.report: the page's figures against
anker.evaluate() and scikit-learn, the page self-contained (no reference to
anything outside it; rendered in headless Chromium without network), the
shipped model cards current, and bad input leaving no file."""

import html.parser
import os
import re
import shutil
import subprocess
import sys
import zlib

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import roc_auc_score, roc_curve

import anker
from anker import AnkerError, Status
from anker._report_plots import roc_points

from conftest import BINDING_DIR, CASELOAD_PATH as CASELOAD, MODEL_PATH, SOURCE_DIR

LABELLED = SOURCE_DIR / "examples" / "data" / "labelled.csv"
CARD = SOURCE_DIR / "docs" / "cards" / "demo-amt-6m.html"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


class Page(html.parser.HTMLParser):
    """The tables (caption, header cells, rows of cell texts), the SVGs and
    their titles, and every attribute or CSS that could fetch something."""

    def __init__(self, text):
        super().__init__()
        self.tables, self.refs, self.tags = [], [], []
        self.svgs, self.svg_titles, self.col_headers = [], 0, 0
        self._cell = self._caption = None
        self._in_svg = 0
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href", "xlink:href", "action", "srcset", "data", "poster"):
                self.refs.append(value)
            if value and "url(" in value:
                self.refs += re.findall(r"url\(([^)]*)\)", value)
        if tag == "svg":
            self._in_svg += 1
            self.svgs.append(a)
        elif tag == "title" and self._in_svg:
            self.svg_titles += 1
        elif tag == "table":
            self.tables.append({"caption": "", "head": [], "rows": []})
        elif tag == "caption":
            self._caption = ""
        elif tag == "tr":
            self.tables[-1]["rows"].append([])
        elif tag in ("th", "td"):
            self._cell = ""
            if tag == "th" and a.get("scope") == "col":
                self.col_headers += 1

    def handle_endtag(self, tag):
        if tag == "svg":
            self._in_svg -= 1
        elif tag == "caption":
            self.tables[-1]["caption"], self._caption = self._caption, None
        elif tag in ("th", "td"):
            self.tables[-1]["rows"][-1].append(self._cell)
            self._cell = None

    def handle_data(self, data):
        if "url(" in data or "@import" in data:
            self.refs.append(data)
        if self._cell is not None:
            self._cell += data
        if self._caption is not None:
            self._caption += data

    def table(self, caption_start):
        found = [t for t in self.tables if t["caption"].startswith(caption_start)]
        assert len(found) == 1, caption_start
        head, *rows = found[0]["rows"]
        return head, rows


@pytest.fixture(scope="module")
def labelled():
    return pd.read_csv(LABELLED)


@pytest.fixture(scope="module")
def evaluation(labelled):
    model = anker.Model.load(MODEL_PATH)
    return anker.evaluate(model, labelled, outcome="found_work", group=["origin", "female"],
                          reference=pd.read_csv(CASELOAD))


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "card.html"
    text = anker.report(MODEL_PATH, LABELLED, outcome="found_work", group=["origin", "female"],
                        reference=CASELOAD, out=out)
    assert out.read_text(encoding="utf-8") == text
    return text


def f4(x):
    return "%.4f" % x


def test_headline_figures_equal_evaluate_and_sklearn(page, evaluation, labelled):
    p = Page(page)
    _, rows = p.table("Discrimination and calibration")
    cells = dict(rows)
    auc = roc_auc_score(labelled["found_work"],
                        anker.Model.load(MODEL_PATH).score(labelled, ignore_extra=True))
    assert cells["AUC (95% CI, DeLong)"] == "%s (%s to %s)" % (
        f4(auc), f4(evaluation.auc_lower), f4(evaluation.auc_upper))
    assert cells["calibration slope"] == f4(evaluation.calibration_slope)
    assert cells["Brier score"] == f4(np.mean((anker.Model.load(MODEL_PATH).score(
        labelled, ignore_extra=True) - labelled["found_work"]) ** 2))
    assert cells["Hosmer-Lemeshow"] == "%.2f on 8 df, p = %s" % (evaluation.hl_statistic,
                                                                f4(evaluation.hl_p))
    assert cells["observed rate"] == f4(labelled["found_work"].mean())
    # the ROC reading, in words and in numbers
    assert ("ranks a random case with the outcome above one without it %.0f%% of the time "
            "(AUC %.2f, 95%% CI %.2f-%.2f)" % (100 * auc, auc, evaluation.auc_lower,
                                               evaluation.auc_upper)) in page


def test_fairness_and_drift_tables_equal_evaluate(page, evaluation):
    p = Page(page)
    head, rows = p.table("Grouping column origin")
    assert head[:4] == ["group", "reference group", "cases", "selection rate"]
    fair = evaluation.fairness[evaluation.fairness["grouping"] == "origin"]
    assert [r[0] for r in rows] == list(fair["group"])
    for row, g in zip(rows, fair.itertuples()):
        assert row[2] == "{:,}".format(g.count)
        assert row[3:8] == [f4(g.selection_rate), f4(g.tpr), f4(g.fpr), f4(g.fnr), f4(g.citl)]
        assert row[1] == ("yes" if g.reference else "no")
        # the flag is words, not only a colour
        assert row[-1] == ("no flag" if not g.flags else row[-1])
        assert row[-1].startswith("FLAGGED: ") == bool(g.flags)
    _, rows = p.table("Population stability index")
    assert [(r[0], r[2], r[3]) for r in rows] == [
        (r.variable, f4(r.psi), r.reading) for r in evaluation.psi.itertuples()]


def test_flag_is_written_in_words():
    # a group with ten points fewer positives and a model that ranks it lower: flagged
    rng = np.random.default_rng(7)
    frame = pd.read_csv(CASELOAD).head(600)
    model = anker.Model.load(MODEL_PATH)
    p = np.asarray(model.score(frame, ignore_extra=True))
    frame["g"] = np.where(p > 0.6, "a", "b")
    frame["y"] = (rng.random(len(frame)) < p).astype(int)
    ev = anker.evaluate(model, frame, outcome="y", group="g")
    text = anker.report(model, frame, outcome="y", group="g")
    _, rows = Page(text).table("Grouping column g")
    flagged = ev.fairness[ev.fairness["flags"] != ""]
    assert len(flagged) == 1
    row = [r for r in rows if r[0] == flagged["group"].iloc[0]][0]
    assert row[-1].startswith("FLAGGED: selection rate")
    assert "Flagged, 1 of 2 groups (a rate whose ratio" in text


def test_roc_points_equal_sklearn(labelled):
    p = np.asarray(anker.Model.load(MODEL_PATH).score(labelled, ignore_extra=True))
    y = labelled["found_work"].to_numpy(dtype=float)
    fpr, tpr = roc_points(p, y)
    ref_fpr, ref_tpr, _ = roc_curve(y, p, drop_intermediate=False)
    np.testing.assert_allclose(fpr, ref_fpr, rtol=0, atol=1e-15)
    np.testing.assert_allclose(tpr, ref_tpr, rtol=0, atol=1e-15)
    # small case by hand: ties at 0.5 form one step
    fpr, tpr = roc_points(np.array([0.9, 0.5, 0.5, 0.1]), np.array([1.0, 1.0, 0.0, 0.0]))
    assert list(fpr) == [0, 0, 0.5, 1] and list(tpr) == [0, 0.5, 1, 1]


def test_page_is_self_contained_and_accessible(page):
    assert_self_contained_and_accessible(page)
    assert "No assessment records were given" in page


def assert_self_contained_and_accessible(page):
    """Nothing outside the page is referred to; three plots, each an image with
    a title; ids unique; every table with column headers; every section there."""
    p = Page(page)
    for ref in p.refs:
        assert ref.startswith("#") or ref.startswith("data:"), ref
    assert "http" not in page
    for tag in ("script", "img", "link", "iframe", "object", "embed"):
        assert tag not in p.tags
    assert len(p.svgs) == 3
    assert p.svg_titles == 3
    for svg in p.svgs:
        assert svg.get("role") == "img" and svg.get("aria-labelledby")
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), "an id is used twice"
    assert all(t["rows"] and p.col_headers for t in p.tables)
    for section in ("card", "performance", "classification", "fairness", "drift", "overrides"):
        assert 'id="%s"' % section in page


def test_overrides_section(tmp_path, monkeypatch):
    records = tmp_path / "records.jsonl"
    records.write_text("{}\n")
    frame = pd.read_csv(LABELLED).head(300)
    monkeypatch.delattr(anker, "overrides", raising=False)
    text = anker.report(MODEL_PATH, frame, outcome="found_work", records=records)
    assert "has no anker.overrides()" in text
    seen = []

    def overrides(path):
        seen.append(path)
        return {"by_advice": pd.DataFrame({"advice": ["A", "B"], "rate": [0.125, 0.5]})}
    monkeypatch.setattr(anker, "overrides", overrides, raising=False)
    text = anker.report(MODEL_PATH, frame, outcome="found_work", records=str(records))
    assert seen == [str(records)]
    head, rows = Page(text).table("by advice")
    assert head == ["advice", "rate"] and rows == [["A", "0.1250"], ["B", "0.5000"]]


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (scripts/setup-deps test)")
def test_renders_in_chromium_without_network(page, tmp_path):
    render_in_chromium(page, tmp_path)


def render_in_chromium(page, tmp_path):
    """Render @page in headless Chromium that cannot reach any network; the
    screenshot must be a PNG with more than a few colours."""
    html_path = tmp_path / "page.html"
    html_path.write_text(page, encoding="utf-8")
    shot = tmp_path / "shot.png"
    env = {k: v for k, v in os.environ.items() if k not in ("LD_PRELOAD", "ASAN_OPTIONS")}
    # a dead proxy and no name resolution: any request the page tried would fail
    proc = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-extensions", "--user-data-dir=%s" % (tmp_path / "profile"),
         "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
         "--host-resolver-rules=MAP * ~NOTFOUND", "--window-size=1000,3000",
         "--screenshot=%s" % shot, "file://%s" % html_path],
        capture_output=True, timeout=180, env=env)
    assert shot.exists(), proc.stderr.decode("utf-8", "replace")
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10000
    assert len(set(_pixels(data)[:400000:97])) > 3  # not one colour: something was drawn


def _pixels(png):
    pos, idat = 8, b""
    while pos < len(png):
        length = int.from_bytes(png[pos:pos + 4], "big")
        if png[pos + 4:pos + 8] == b"IDAT":
            idat += png[pos + 8:pos + 8 + length]
        pos += 12 + length
    return zlib.decompress(idat)


def test_shipped_card_figures_equal_evaluate(evaluation):
    """Whatever matplotlib made it, the shipped card's numbers are the library's."""
    p = Page(CARD.read_text(encoding="utf-8"))
    cells = dict(p.table("Discrimination and calibration")[1])
    assert cells["AUC (95% CI, DeLong)"].startswith(f4(evaluation.auc) + " (")
    assert cells["calibration-in-the-large"] == f4(evaluation.citl)
    assert cells["log loss"] == f4(evaluation.log_loss)
    _, rows = p.table("Grouping column female")
    fair = evaluation.fairness[evaluation.fairness["grouping"] == "female"]
    assert [r[3:8] for r in rows] == [[f4(g.selection_rate), f4(g.tpr), f4(g.fpr), f4(g.fnr),
                                       f4(g.citl)] for g in fair.itertuples()]


@pytest.mark.parametrize("card", ["demo-amt-6m", "demo-blijf-12m"])
def test_shipped_card_is_current(tmp_path, card):
    """scripts/make-model-cards makes the shipped AMT card (binary, its data
    committed) and BLIJF card (duration, its data generated) again, byte for
    byte (matplotlib's SVG is deterministic, but only for one matplotlib
    version: the card names the version that made it, and another one skips this)."""
    import matplotlib
    shipped_path = SOURCE_DIR / "docs" / "cards" / (card + ".html")
    shipped = shipped_path.read_text(encoding="utf-8")
    made_by = re.search(r'content="libanker report; matplotlib ([^"]+)"', shipped).group(1)
    if made_by != matplotlib.__version__:
        pytest.skip("the card was made with matplotlib %s, this is %s"
                    % (made_by, matplotlib.__version__))
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    subprocess.run([sys.executable, str(SOURCE_DIR / "scripts" / "make-model-cards"),
                    "--only", card, "--out-dir", str(tmp_path)],
                   check=True, env=env, capture_output=True)
    assert (tmp_path / (card + ".html")).read_bytes() == shipped_path.read_bytes(), \
        "docs/cards/%s.html is stale: run scripts/make-model-cards" % card


def run_command(*args, cwd=None):
    env = dict(os.environ, PYTHONPATH=str(BINDING_DIR), PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run([sys.executable, "-m", "anker.report", *args], cwd=cwd,
                          capture_output=True, text=True, env=env)


def test_command_help_and_output(tmp_path):
    proc = run_command("--help")
    assert proc.returncode == 0
    for heading in ("NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "EXIT STATUS", "EXAMPLES"):
        assert "\n%s\n" % heading in proc.stdout
    out = tmp_path / "r.html"
    small = tmp_path / "small.csv"
    pd.read_csv(LABELLED).head(400).to_csv(small, index=False)
    proc = run_command("--model", str(MODEL_PATH), "--in", str(small),
                       "--outcome", "found_work", "--group", "origin", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""  # no RuntimeWarning from runpy either
    assert "Grouping column origin" in out.read_text(encoding="utf-8")
    assert sorted(os.listdir(tmp_path)) == ["r.html", "small.csv"]


def test_bad_input_leaves_no_file(tmp_path):
    small = tmp_path / "small.csv"
    pd.read_csv(LABELLED).head(50).to_csv(small, index=False)
    out = tmp_path / "r.html"

    with pytest.raises(AnkerError) as e:
        anker.report(MODEL_PATH, small, outcome="work", out=out)
    assert e.value.status == Status.NO_COLUMN and e.value.field == "work"
    assert "small.csv has no outcome column" in e.value.message

    bad_model = tmp_path / "model.json"
    bad_model.write_text('{"format": "anker-model",')
    with pytest.raises(AnkerError) as e:
        anker.report(bad_model, small, outcome="found_work", out=out)
    assert "model.json" in e.value.message

    cells = small.read_text().splitlines()
    cells[3] = cells[3].replace(cells[3].split(",")[1], "forty", 1)
    (tmp_path / "cells.csv").write_text("\n".join(cells) + "\n")
    with pytest.raises(AnkerError) as e:
        anker.report(MODEL_PATH, tmp_path / "cells.csv", outcome="found_work", out=out)
    assert e.value.field == "age" and "line 4" in e.value.message

    proc = run_command("--model", str(tmp_path / "absent.json"), "--in", str(small),
                       "--outcome", "found_work", "--out", str(out))
    assert proc.returncode == 1 and "absent.json" in proc.stderr
    proc = run_command("--model", str(MODEL_PATH), "--in", str(small), "--outcome", "work",
                       "--out", str(out))
    assert proc.returncode == 1 and "'work'" in proc.stderr and "outcome column" in proc.stderr
    assert sorted(os.listdir(tmp_path)) == ["cells.csv", "model.json", "small.csv"]

    # an existing page is left as it was
    out.write_text("old")
    with pytest.raises(AnkerError):
        anker.report(MODEL_PATH, small, outcome="work", out=out)
    assert out.read_text() == "old"
    with pytest.raises(ValueError):
        anker.report(SOURCE_DIR / "data" / "models" / "demo-blijf-12m.json", small,
                     outcome="found_work", out=out)
    assert out.read_text() == "old"


def test_undefined_figures_are_words_not_nan():
    # five cases, all with the outcome: no AUC, no slope, empty bands
    frame = pd.read_csv(LABELLED).head(5)
    frame["found_work"] = 1
    text = anker.report(MODEL_PATH, frame, outcome="found_work", group="origin")
    assert "The AUC is undefined" in text
    assert "slope undefined" in text
    assert not re.search(r"\bnan\b", text, flags=re.I)


def test_threshold_given_classifies_at_it():
    from sklearn.metrics import confusion_matrix
    frame = pd.read_csv(LABELLED).head(400)
    p = np.asarray(anker.Model.load(MODEL_PATH).score(frame, ignore_extra=True))
    tn, fp, fn, tp = confusion_matrix(frame["found_work"], p >= 0.3).ravel()
    text = anker.report(MODEL_PATH, frame, outcome="found_work", threshold=0.3)
    head, rows = Page(text).table("Confusion matrix at the threshold given")
    assert rows == [["0.30", str(tp), str(fp), str(tn), str(fn), "%.4f" % (tp / (tp + fn)),
                     "%.4f" % (tn / (tn + fp)), "%.4f" % (tp / (tp + fp))]]
    assert "at least the threshold" in text
