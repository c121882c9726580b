# SPDX-License-Identifier: GPL-3.0-or-later
"""One model shared by many threads gives exactly the serial results."""

import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

import anker

pd = pytest.importorskip("pandas")

WORKERS = 8


@pytest.fixture(scope="module")
def big_caseload(caseload):
    """The caseload 20 times over (100,000 rows), with region as a pandas categorical."""
    big = pd.concat([caseload] * 20, ignore_index=True).drop(columns=["id"])
    big["region"] = big["region"].astype("category")
    return big


def test_thread_pool_score_equals_serial(model, big_caseload):
    serial = model.score(big_caseload, explain=True)
    chunks = np.array_split(np.arange(len(big_caseload)), 40)
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        parts = list(pool.map(lambda rows: model.score(big_caseload.iloc[rows], explain=True),
                              chunks))
    pd.testing.assert_frame_equal(pd.concat(parts), serial)
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        probabilities = list(pool.map(lambda rows: model.score(big_caseload.iloc[rows]), chunks))
    assert np.array_equal(np.concatenate(probabilities), serial["probability"].to_numpy())


def test_thread_pool_score_case_equals_serial(model, caseload):
    rows = caseload.drop(columns=["id"]).head(2000).to_dict("records")
    serial = [model.score_case(r) for r in rows]

    def explain(row):
        r = model.score_case(row)
        return r.probability, r.band, tuple(r.contributions.values()), tuple(r.details.values())

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        threaded = list(pool.map(explain, rows))
    assert threaded == [(r.probability, r.band, tuple(r.contributions.values()),
                         tuple(r.details.values())) for r in serial]


def test_errors_in_threads_stay_in_their_thread(model, caseload):
    good = caseload.drop(columns=["id"]).head(1000)
    bad = good.assign(region="nowhere")
    want = model.score(good)

    def work(i):
        if i % 2:
            with pytest.raises(anker.AnkerError) as info:
                model.score(bad)
            return info.value.code
        return model.score(good)

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        results = list(pool.map(work, range(40)))
    for i, r in enumerate(results):
        if i % 2:
            assert r == anker.Status.UNKNOWN_LEVEL
        else:
            assert np.array_equal(r, want)


def test_close_while_other_threads_score(model_path, caseload):
    """close() never frees the model under a call in flight: calls finish or see it closed."""
    rows = caseload.drop(columns=["id"]).head(20_000)
    for _ in range(5):
        m = anker.Model.load(model_path)
        want = m.score(rows)
        outcomes = []
        start = threading.Barrier(5)

        first = rows.iloc[0].to_dict()
        want_first = m.score_case(first).probability

        def work():
            start.wait()
            try:
                outcomes.append(np.array_equal(m.score(rows), want))
            except ValueError as e:
                outcomes.append("closed" in str(e))

        def work_cases():
            start.wait()
            try:
                while True:
                    assert m.score_case(first).probability == want_first
            except ValueError as e:
                outcomes.append("closed" in str(e))

        threads = [threading.Thread(target=work) for _ in range(2)]
        threads += [threading.Thread(target=work_cases) for _ in range(2)]
        for t in threads:
            t.start()
        start.wait()
        m.close()
        for t in threads:
            t.join()
        assert outcomes == [True] * 4
