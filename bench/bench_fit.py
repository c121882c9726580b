#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Time anker.fit() against statsmodels' Logit(...).fit() (issue 12).

Run through scripts/bench (after the library is built), or by hand with
ANKER_LIBRARY pointing at a built libanker. Never a test: timings are not test
results. Both sides run on one thread (OPENBLAS_NUM_THREADS=1).
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import statsmodels.api as sm  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bindings" / "python"))
import anker  # noqa: E402

DESCRIPTION = """\
NAME
    bench_fit.py - time anker.fit() against statsmodels Logit(...).fit()

SYNOPSIS
    bench_fit.py [--cases N] [--variables K] [--repeats R] [--seed S]

DESCRIPTION
    Draws N synthetic cases of K standard-normal variables and a logit outcome
    (seeded), fits a logit model with an intercept and one linear term per
    variable with anker.fit() (from a DataFrame: the binding's column
    conversion, the design expansion by the scorer's kernels and the Newton
    iterations) and with statsmodels' Logit(y, X).fit() (X with the constant
    already added), reports the best of R runs of each, their ratio, and the
    largest relative difference between the coefficients (target: 1e-8).
"""


def spec(k):
    variables = [{"name": "x%d" % j, "kind": "numeric", "range": [-50, 50]} for j in range(k)]
    terms = [{"type": "intercept", "name": "base", "label": "Base", "coef": 0}]
    terms += [{"type": "linear", "name": "x%d" % j, "label": "x%d" % j, "variable": "x%d" % j,
               "coef": 0} for j in range(k)]
    return json.dumps({
        "format": "anker-model", "format_version": 1, "kind": "binary", "id": "bench-fit",
        "name": "Bench", "version": "1", "toets": "AMT",
        "outcome": {"description": "synthetic", "horizon_months": 6},
        "valid_from": "2026-01-01",
        "provenance": {"statement": "Benchmark.", "data": "synthetic", "fitted_by": "bench"},
        "variables": variables, "link": "logit", "terms": terms,
        "bands": {"boundary": "lower", "items": [{"name": "low", "upper": 0.5},
                                                  {"name": "high"}]}})


def best(fn, repeats):
    times, result = [], None
    for _ in range(repeats):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return min(times), result


def main():
    ap = argparse.ArgumentParser(description=DESCRIPTION,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=int, default=1_000_000)
    ap.add_argument("--variables", type=int, default=20)
    ap.add_argument("--repeats", type=int, default=2)
    ap.add_argument("--seed", type=int, default=12)
    a = ap.parse_args()
    rng = np.random.default_rng(a.seed)
    x = rng.standard_normal((a.cases, a.variables))
    beta = rng.normal(0, 0.3, a.variables + 1)
    eta = beta[0] + x @ beta[1:]
    y = (rng.random(a.cases) < 1 / (1 + np.exp(-eta))).astype(np.float64)
    frame = pd.DataFrame(x, columns=["x%d" % j for j in range(a.variables)])
    frame["y"] = y
    X = np.column_stack([np.ones(a.cases), x])
    text = spec(a.variables)

    t_anker, (_, stats) = best(lambda: anker.fit(text, frame, outcome="y"), a.repeats)
    t_sm, ref = best(lambda: sm.Logit(y, X).fit(disp=0), a.repeats)
    est = stats["estimate"].to_numpy()
    rel = np.max(np.abs(est - ref.params) / np.abs(ref.params))
    rel_se = np.max(np.abs(stats["std_error"].to_numpy() - ref.bse) / ref.bse)
    print("bench_fit: %d cases, %d variables + intercept, logit; one thread; load average %s"
          % (a.cases, a.variables, open("/proc/loadavg").read().split()[0]))
    print("  anker.fit()               %8.3f s  (%d iterations)" % (t_anker,
                                                                   stats.attrs["iterations"]))
    print("  statsmodels Logit().fit() %8.3f s  (%d iterations)" % (t_sm,
                                                                   ref.mle_retvals["iterations"]))
    print("  speed-up %.2fx (target >= 2x); largest relative difference: coefficients %.2e, "
          "standard errors %.2e (target 1e-8)" % (t_sm / t_anker, rel, rel_se))


if __name__ == "__main__":
    main()
