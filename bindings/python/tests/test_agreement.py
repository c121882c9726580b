# SPDX-License-Identifier: GPL-3.0-or-later
"""The binding agrees with the anker program and with the independent golden values."""

import subprocess

import numpy as np
import pytest
from conftest import program_env

import anker

pd = pytest.importorskip("pandas")

TOLERANCE = 1e-12


def run_anker_score(program, model_path, cases_path, out_path):
    subprocess.run([program, "score", "--quiet", "--explain", "--model", str(model_path),
                    "--in", str(cases_path), "--out", str(out_path)], check=True,
                   env=program_env())
    return pd.read_csv(out_path, dtype={"id": str, "band": str}, keep_default_na=False,
                       na_values=[""], float_precision="round_trip")


def test_score_agrees_with_the_anker_program(program, model, model_path, caseload_path,
                                             caseload, tmp_path):
    expected = run_anker_score(program, model_path, caseload_path, tmp_path / "scores.csv")
    assert list(expected["id"]) == list(caseload["id"])

    got = model.score(caseload, explain=True, ignore_extra=True)
    assert len(got) == len(expected) == 5000
    for column in ("probability", "linear_predictor"):
        np.testing.assert_allclose(got[column], expected[column], rtol=0, atol=TOLERANCE)
    assert list(got["band"].astype(str)) == list(expected["band"])
    contrib = ["contrib." + t.name for t in model.terms]
    assert [c for c in expected.columns if c.startswith("contrib.")] == contrib
    np.testing.assert_allclose(got[contrib].to_numpy(), expected[contrib].to_numpy(),
                               rtol=0, atol=TOLERANCE)

    # The plain call gives the same probabilities.
    np.testing.assert_allclose(model.score(caseload, ignore_extra=True),
                               expected["probability"], rtol=0, atol=TOLERANCE)


def test_score_case_agrees_with_batch(model, caseload):
    """Both scorers add the same terms in the same order: the results are identical."""
    batch = model.score(caseload, explain=True, ignore_extra=True)
    contrib = ["contrib." + t.name for t in model.terms]
    rows = caseload.drop(columns=["id"]).to_dict("records")
    for i in range(0, len(rows), 97):
        r = model.score_case(rows[i])
        assert r.probability == batch["probability"].iat[i]
        assert r.linear_predictor == batch["linear_predictor"].iat[i]
        assert r.band == batch["band"].iat[i]
        assert [t.contribution for t in r.terms] == list(batch[contrib].iloc[i])
        assert sum(r.contributions.values()) == pytest.approx(r.linear_predictor, abs=1e-15)


def read_golden_cases(path, model):
    """Golden cases as pandas reads them; textual booleans become 0/1 (as the format says)."""
    cases = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=["", "NA"])
    truth = {"0": 0.0, "1": 1.0, "true": 1.0, "false": 0.0}
    data = {}
    for v in model.variables:
        if v.name not in cases:
            continue
        column = cases[v.name]
        if v.kind == "numeric":
            data[v.name] = column.astype(float).to_numpy()
        elif v.kind == "boolean":
            data[v.name] = column.map(truth).to_numpy(dtype=float)
        else:
            data[v.name] = column.to_numpy(dtype=object)
    return cases["id"], data


@pytest.mark.parametrize("model_file, cases, expected", [
    ("data/models/demo-amt-6m.json", "tests/golden/cases.csv",
     "tests/golden/expected-demo-amt-6m.csv"),
    ("tests/golden/probit-upper.json", "tests/golden/cases-probit-upper.csv",
     "tests/golden/expected-probit-upper.csv"),
])
def test_score_agrees_with_independent_golden_values(source_dir, model_file, cases, expected):
    """The expected files come from tests/golden/reference_scorer.py (numpy, no libanker)."""
    with anker.Model.load(source_dir / model_file) as m:
        ids, data = read_golden_cases(source_dir / cases, m)
        want = pd.read_csv(source_dir / expected, dtype={"id": str, "band": str},
                           float_precision="round_trip")
        assert list(want["id"]) == list(ids)
        got = m.score(data, explain=True)
        np.testing.assert_allclose(got["probability"], want["probability"], rtol=0,
                                   atol=TOLERANCE)
        np.testing.assert_allclose(got["linear_predictor"], want["linear_predictor"], rtol=0,
                                   atol=TOLERANCE)
        assert list(got["band"].astype(str)) == list(want["band"])
        for t in m.terms:
            np.testing.assert_allclose(got["contrib." + t.name], want["contrib_" + t.name],
                                       rtol=0, atol=TOLERANCE)
        # One case at a time, as a mapping with None for missing cells.
        for i in range(len(ids)):
            case = {k: (None if (isinstance(v[i], float) and np.isnan(v[i])) else
                        bool(v[i]) if m.variable(k).kind == "boolean" else v[i])
                    for k, v in data.items()}
            r = m.score_case(case)
            assert r.probability == pytest.approx(want["probability"][i], abs=TOLERANCE)
            assert r.band == want["band"][i]
