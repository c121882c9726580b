#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Benchmarks of libanker against what a Python user would pick instead.

Run through scripts/bench, which builds the library, bench/bench-batch and the
anker program first. Never a test: timings are not test results.
"""

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Every side runs on one thread, as the C batch does: no BLAS threads for
# scikit-learn's matrix product (which would also spin and skew CPU times).
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import scipy.special  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "examples" / "data"))
import generate_caseload  # noqa: E402  (the same generator as the example caseload)

DESCRIPTION = """\
NAME
    bench_python.py - time libanker against numpy, scikit-learn and pandas

SYNOPSIS
    bench_python.py --bench-batch PROGRAM --anker PROGRAM [--model FILE]
                    [--cases N] [--rounds K] [--repeats R] [--data-dir DIR]

DESCRIPTION
    Makes one synthetic caseload of N cases (default 1,000,000) with
    examples/data/generate_caseload.py: as raw columns (float64, NaN for
    missing; int32 level codes, -1 for missing) and as a CSV file of the same
    rows. Then, on those same cases and with the same model:

      1. runs bench/bench-batch --data: the C batch API, a read-only pass over
         the same columns (the memory-bandwidth bound), and single-case
         scoring from C;
      2. times model.score() of the Python binding on the columns (zero-copy),
         a hand-written numpy scorer, and scikit-learn (OneHotEncoder plus a
         LogisticRegression whose coefficients are set by hand), after
         checking that numpy and scikit-learn reproduce the library's
         probabilities;
      3. times model.score_case() on single cases given as dicts;
      4. times `anker score` on the CSV file against pandas read_csv + the
         numpy scorer + to_csv, after checking that the two outputs agree;
      5. on a synthetic model of an intercept and 20 `linear` terms (numeric
         variables, no value clamped, missing values rejected), which numpy
         scores exactly as scipy.special.expit(X @ b + c) with X a C-contiguous
         N x 20 float64 array: numpy, model.score() on pandas DataFrames of the
         same values (one with contiguous columns, as read_csv or a dict of
         columns gives; one made from X itself, whose columns are strided
         views), and bench/bench-batch --data on 20 contiguous columns (the C
         batch, and the read-only pass over the same columns), and numpy's
         X.sum() (a read-only pass over X as numpy reads it, one sequential
         stream), after checking that all of them give the same probabilities
         (to 1e-12);
      6. bench/bench-batch --model FILE --cases N for every file in
         data/models/ (every kind) and bench/models/ (a 30-item questionnaire):
         anker_batch_run() into every named output.

    The checks come first: the numpy scorer must reproduce the library's
    probabilities to 1e-12, scikit-learn to 1e-9, and the pandas pipeline
    must write what `anker score` writes. Then every measurement is taken in
    K rounds (default 3), one after the other within a round, so that a busy
    spell of the machine hits every side; each counts the best of R runs per
    round (default 5; scikit-learn 2; the CSV runs 1), in wall time and in
    CPU time, with the highest 1-minute load average seen. Everything runs
    on one thread. Prints a table at the end with each comparison's
    throughputs, ratio and target.

    The library is the one the anker package loads: ANKER_LIBRARY, else
    build/ in the source tree (scripts/bench sets ANKER_LIBRARY).

OPTIONS"""


# Timing

class Timing:
    """The best of several runs, in wall time and in CPU time, with the load seen meanwhile.

    The CPU time (of this process and the children it waited for) leaves out
    the time slices that other processes took on a busy machine.
    """

    def __init__(self, seconds, cpu, runs, load):
        self.seconds = seconds
        self.cpu = cpu
        self.runs = runs
        self.load = load

    def __str__(self):
        return "best of %d: %.1f ms, CPU %.1f ms (load %.1f)" % (
            self.runs, self.seconds * 1e3, self.cpu * 1e3, self.load)


def cpu_seconds():
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def best_of(fn, repeats, warmup=1, args=()):
    """(Timing, last result) of fn(*args) over repeats runs after warmup runs."""
    result = None
    for _ in range(warmup):
        result = fn(*args)
    best = best_cpu = float("inf")
    loads = [os.getloadavg()[0]]
    for _ in range(repeats):
        c0 = cpu_seconds()
        t0 = time.perf_counter()
        result = fn(*args)
        best = min(best, time.perf_counter() - t0)
        best_cpu = min(best_cpu, cpu_seconds() - c0)
        loads.append(os.getloadavg()[0])
    return Timing(best, best_cpu, repeats, max(loads)), result


# The synthetic caseload

def data_stamp(n, seed):
    generator = (ROOT / "examples" / "data" / "generate_caseload.py").read_bytes()
    return "rows=%d seed=%d generator=%s\n" % (n, seed, hashlib.sha256(generator).hexdigest())


def make_data(model_json, n, seed, directory):
    """Raw columns and a CSV of the same N rows in directory; reused when already there."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    stamp = directory / "STAMP"
    csv_path = directory / "caseload.csv"
    if stamp.exists() and stamp.read_text() == data_stamp(n, seed):
        print("data: reusing %s" % directory)
    else:
        if stamp.exists():
            stamp.unlink()
        t0 = time.perf_counter()
        raw = generate_caseload.draw(np.random.default_rng(seed), n)
        for var in model_json["variables"]:
            values = raw[var["name"]]
            if var["kind"] == "categorical":
                codes = np.where(np.isnan(values), -1, values).astype(np.int32)
                codes.tofile(directory / (var["name"] + ".i32"))
            else:
                values.astype(np.float64).tofile(directory / (var["name"] + ".f64"))
        # The same generator, seed and row count give the same rows as the columns.
        generate_caseload.main(["--rows", str(n), "--seed", str(seed), "--out", str(csv_path)])
        stamp.write_text(data_stamp(n, seed))
        print("data: %d cases written to %s in %.0f s" % (n, directory, time.perf_counter() - t0))

    columns = {}
    for var in model_json["variables"]:
        if var["kind"] == "categorical":
            columns[var["name"]] = np.fromfile(directory / (var["name"] + ".i32"), dtype=np.int32)
        else:
            columns[var["name"]] = np.fromfile(directory / (var["name"] + ".f64"),
                                               dtype=np.float64)
    return columns, csv_path


# The hand-written numpy scorer: what a numpy user would write for this model format.

class NumpyScorer:
    """Vectorised scoring straight from the model JSON, with the format's policies.

    Missing values are imputed (np.where), numbers clamped (np.clip) or checked
    against their range, and a missing value under "reject" raises. The
    categorical effects sit in a table with one extra entry at the end, for the
    missing level, so that code -1 indexes it without a np.where. Splines are
    np.interp, bins np.searchsorted, the inverse link scipy.special.expit.
    """

    def __init__(self, model_json):
        self.model = model_json
        self.vars = {v["name"]: v for v in model_json["variables"]}
        if model_json["link"] != "logit":
            raise ValueError("this scorer knows the logit link only")
        bands = model_json["bands"]
        self.band_names = np.array([b["name"] for b in bands["items"]], dtype=object)
        self.band_uppers = np.array([b["upper"] for b in bands["items"][:-1]])
        self.band_side = "left" if bands["boundary"] == "lower" else "right"
        self.terms = []
        for term in model_json["terms"]:
            t = dict(term)
            if t["type"] == "categorical":
                var = self.vars[t["variable"]]
                effects = [0.0 if lvl == t["reference"] else float(t["effects"][lvl])
                           for lvl in var["levels"]]
                missing = self.missing_code(var)
                effects.append(effects[missing] if missing is not None else np.nan)
                t["table"] = np.array(effects)
            elif t["type"] == "spline":
                t["knots"] = np.array(t["knots"], dtype=float)
                t["values"] = np.array(t["values"], dtype=float)
            elif t["type"] == "bins":
                t["edges"] = np.array(t["edges"], dtype=float)
                t["effects"] = np.array(t["effects"], dtype=float)
            self.terms.append(t)

    @staticmethod
    def missing_code(var):
        policy = var.get("missing", {"policy": "reject"})
        if policy["policy"] == "level":
            return var["levels"].index(policy["level"])
        if policy["policy"] == "impute":
            return var["levels"].index(policy["value"])
        return None

    def resolve(self, columns):
        """The values the terms see: imputed, clamped, checked. Categorical codes keep -1."""
        x = {}
        for name, var in self.vars.items():
            values = columns[name]
            policy = var.get("missing", {"policy": "reject"})
            if var["kind"] == "categorical":
                if policy["policy"] == "reject" and values.min() < 0:
                    raise ValueError("%s: missing value, policy reject" % name)
                x[name] = values
                continue
            if policy["policy"] == "impute":
                fill = float(policy["value"])
                values = np.where(np.isnan(values), fill, values)
            elif np.isnan(values).any():
                raise ValueError("%s: missing value, policy reject" % name)
            if var["kind"] == "numeric":
                lo, hi = (float(v) for v in var["range"])
                if var.get("out_of_range", "reject") == "clamp":
                    values = np.clip(values, lo, hi)
                elif values.min() < lo or values.max() > hi:
                    raise ValueError("%s: out of range, policy reject" % name)
            x[name] = values
        return x

    def linear_predictor(self, columns):
        x = self.resolve(columns)
        n = len(next(iter(columns.values())))
        eta = np.zeros(n)
        scratch = np.empty(n)
        for t in self.terms:
            kind = t["type"]
            if kind == "intercept":
                eta += t["coef"]
            elif kind == "linear":
                np.subtract(x[t["variable"]], t.get("center", 0.0), out=scratch)
                scratch *= t["coef"]
                eta += scratch
            elif kind == "categorical":
                eta += np.take(t["table"], x[t["variable"]])
            elif kind == "spline":
                eta += np.interp(x[t["variable"]], t["knots"], t["values"])
            elif kind == "bins":
                eta += t["effects"][np.searchsorted(t["edges"], x[t["variable"]], side="right")]
            elif kind == "interaction":
                scratch.fill(t["coef"])
                for factor in t["factors"]:
                    var = self.vars[factor["variable"]]
                    if var["kind"] == "categorical":
                        level = var["levels"].index(factor["level"])
                        codes = x[var["name"]]
                        missing = self.missing_code(var)
                        if missing is not None:
                            codes = np.where(codes < 0, missing, codes)
                        scratch *= codes == level
                    else:
                        scratch *= x[var["name"]]
                eta += scratch
            else:
                raise ValueError("unknown term type %r" % kind)
        return eta

    def probability(self, columns):
        return scipy.special.expit(self.linear_predictor(columns))

    def bands(self, probability):
        return self.band_names[np.searchsorted(self.band_uppers, probability,
                                               side=self.band_side)]


# scikit-learn: the same model as a logistic regression on a design matrix.

class SklearnScorer:
    """OneHotEncoder + LogisticRegression with the model's coefficients set by hand.

    The spline becomes its hat-function basis (np.interp of each unit vector:
    one column per knot, coefficient = the knot's value), the bins and the
    categorical variables one-hot columns (the reference level's coefficient
    is 0), linear terms the centred value, the interaction the product of its
    factors. Missing values are imputed and numbers clamped as in NumpyScorer.
    """

    def __init__(self, model_json, numpy_scorer, sparse):
        from sklearn.linear_model import LogisticRegression
        from sklearn.preprocessing import OneHotEncoder

        self.np_scorer = numpy_scorer
        self.sparse = sparse
        dense_coef, onehot_coef, categories = [], [], []
        self.dense_terms, self.onehot_terms = [], []
        intercept = 0.0
        for t in numpy_scorer.terms:
            kind = t["type"]
            if kind == "intercept":
                intercept += t["coef"]
            elif kind in ("linear", "interaction"):
                self.dense_terms.append(t)
                dense_coef.append(t["coef"])
            elif kind == "spline":
                self.dense_terms.append(t)
                dense_coef.extend(t["values"])
            elif kind == "bins":
                self.onehot_terms.append(t)
                categories.append(list(range(len(t["effects"]))))
                onehot_coef.extend(t["effects"])
            elif kind == "categorical":
                self.onehot_terms.append(t)
                categories.append(list(range(len(t["table"]) - 1)))
                onehot_coef.extend(t["table"][:-1])
        try:
            self.encoder = OneHotEncoder(categories=categories, sparse_output=sparse)
        except TypeError:  # scikit-learn < 1.2
            self.encoder = OneHotEncoder(categories=categories, sparse=sparse)
        width = max(len(c) for c in categories)
        self.encoder.fit(np.array([[i % len(c) for c in categories] for i in range(width)]))
        self.regression = LogisticRegression()
        self.regression.coef_ = np.array([dense_coef + onehot_coef])
        self.regression.intercept_ = np.array([intercept])
        self.regression.classes_ = np.array([0, 1])

    def design(self, columns):
        x = self.np_scorer.resolve(columns)
        dense = []
        for t in self.dense_terms:
            if t["type"] == "linear":
                dense.append(x[t["variable"]] - t.get("center", 0.0))
            elif t["type"] == "spline":
                for unit in np.eye(len(t["knots"])):
                    dense.append(np.interp(x[t["variable"]], t["knots"], unit))
            else:  # interaction of numeric or boolean factors
                product = np.ones(len(dense[0]) if dense else len(x[t["factors"][0]["variable"]]))
                for factor in t["factors"]:
                    product = product * x[factor["variable"]]
                dense.append(product)
        coded = []
        for t in self.onehot_terms:
            if t["type"] == "bins":
                coded.append(np.searchsorted(t["edges"], x[t["variable"]], side="right"))
            else:
                var = self.np_scorer.vars[t["variable"]]
                codes = x[t["variable"]]
                missing = self.np_scorer.missing_code(var)
                coded.append(np.where(codes < 0, missing, codes) if missing is not None
                             else codes)
        onehot = self.encoder.transform(np.column_stack(coded))
        dense = np.column_stack(dense)
        if self.sparse:
            import scipy.sparse
            return scipy.sparse.hstack([scipy.sparse.csr_matrix(dense), onehot], format="csr")
        return np.hstack([dense, onehot])

    def probability(self, columns):
        return self.regression.predict_proba(self.design(columns))[:, 1]


# The 20-variable linear model: what numpy scores as expit(X @ b + c).

LINEAR_VARS = 20


def linear_model_json(n_vars):
    """An intercept and n_vars linear terms, centre 0, on numeric variables whose range
    [-100, 100] clamps no standard normal draw; missing values and values outside the
    range are rejected. Its probability is exactly expit(X @ b + c)."""
    rng = np.random.default_rng(7)
    coefs = [round(float(v), 6) for v in rng.normal(0.0, 0.3, n_vars)]
    names = ["x%02d" % (k + 1) for k in range(n_vars)]
    return {
        "format": "anker-model", "format_version": 1, "kind": "binary",
        "id": "bench-linear-%d" % n_vars,
        "name": "Benchmark: %d linear terms" % n_vars, "version": "1.0.0", "toets": "AMT",
        "outcome": {"description": "synthetic", "horizon_months": 6},
        "valid_from": "2026-12-01",
        "provenance": {"statement": "Synthetic benchmark model, not an official UWV model.",
                       "data": "none", "fitted_by": "bench/bench_python.py"},
        "variables": [{"name": name, "label": name, "kind": "numeric", "range": [-100, 100],
                       "out_of_range": "reject", "missing": {"policy": "reject"}}
                      for name in names],
        "link": "logit",
        "terms": ([{"type": "intercept", "name": "intercept", "label": "Intercept",
                    "coef": -0.25}]
                  + [{"type": "linear", "name": "t_" + name, "label": name, "variable": name,
                      "coef": coef} for name, coef in zip(names, coefs)]),
        "bands": {"boundary": "lower",
                  "items": [{"name": "low", "label": "Low", "upper": 0.5},
                            {"name": "high", "label": "High"}]},
    }


def make_linear_data(n, seed, directory):
    """(model path, model JSON, X) for the linear benchmark: X is C-contiguous n x 20,
    also written as one raw column file per variable for bench-batch --data."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    model_json = linear_model_json(LINEAR_VARS)
    model_path = directory / "model.json"
    model_path.write_text(json.dumps(model_json, indent=1) + "\n", encoding="utf-8")
    x = np.random.default_rng(seed).standard_normal((n, LINEAR_VARS))
    stamp = directory / "STAMP"
    text = "rows=%d seed=%d vars=%d\n" % (n, seed, LINEAR_VARS)
    if not (stamp.exists() and stamp.read_text() == text):
        if stamp.exists():
            stamp.unlink()
        for k, var in enumerate(model_json["variables"]):
            np.ascontiguousarray(x[:, k]).tofile(directory / (var["name"] + ".f64"))
        stamp.write_text(text)
    return model_path, model_json, x


class LinearNumpy:
    """expit(X @ b + c): the numpy user's scorer for a model of linear terms (centres 0)."""

    def __init__(self, model_json):
        terms = model_json["terms"]
        self.c = sum(t["coef"] for t in terms if t["type"] == "intercept")
        linear = {t["variable"]: t for t in terms if t["type"] == "linear"}
        assert all(t.get("center", 0) == 0 for t in linear.values())
        self.b = np.array([linear[v["name"]]["coef"] for v in model_json["variables"]])

    def probability(self, x):
        return scipy.special.expit(x @ self.b + self.c)


def run_generic(program, model, cases, repeats):
    """bench-batch --model: anker_batch_run() into every output of any model."""
    return run_program([program, "--model", str(model), "--cases", str(cases), "--repeats",
                        str(repeats)])

# The parts

def run_program(cmd):
    """{key: text} from the last "result: key=value ..." line of bench-batch, and the load."""
    print("$ " + " ".join(cmd))
    load = os.getloadavg()[0]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    load = max(load, os.getloadavg()[0])
    sys.stdout.write("".join("  " + line + "\n" for line in out.splitlines()))
    line = [x for x in out.splitlines() if x.startswith("result: ")][-1]
    result = dict(kv.split("=", 1) for kv in line[len("result: "):].split())
    result["load"] = load
    return result


def run_bench_batch(program, model, data_dir, repeats):
    result = run_program([program, "--data", str(data_dir), "--repeats", str(repeats), model])
    return {k: float(v) for k, v in result.items()}


def case_dicts(model, columns, count):
    """count single cases as a caller would hold them: Python numbers, bools, level names, None."""
    cases = []
    for i in range(count):
        case = {}
        for var in model.variables:
            v = columns[var.name][i]
            if var.kind == "categorical":
                case[var.name] = None if v < 0 else var.levels[int(v)]
            elif np.isnan(v):
                case[var.name] = None
            elif var.kind == "boolean":
                case[var.name] = bool(v)
            else:
                case[var.name] = float(v)
        cases.append(case)
    return cases


def pandas_pipeline(scorer, model_json, csv_path, out_path):
    """What a pandas user writes: read_csv, numpy scoring, to_csv (same columns as anker score)."""
    frame = pd.read_csv(csv_path)
    columns = {}
    for var in model_json["variables"]:
        if var["kind"] == "categorical":
            cat = pd.Categorical(frame[var["name"]], categories=var["levels"])
            codes = cat.codes.astype(np.int32)
            if ((codes < 0) & frame[var["name"]].notna().to_numpy()).any():
                raise ValueError("%s: unknown level" % var["name"])
            columns[var["name"]] = codes
        else:
            columns[var["name"]] = frame[var["name"]].to_numpy(dtype=np.float64)
    eta = scorer.linear_predictor(columns)
    probability = scipy.special.expit(eta)
    bands = scorer.bands(probability)
    labels = {b["name"]: b.get("label", b["name"]) for b in model_json["bands"]["items"]}
    pd.DataFrame({"id": frame["id"], "probability": probability, "linear_predictor": eta,
                  "band": bands, "band_label": pd.Series(bands).map(labels)}
                 ).to_csv(out_path, index=False)


def pandas_with_anker(model, csv_path, out_path):
    """The same pipeline with the binding doing the scoring: read_csv, model.score(), to_csv."""
    frame = pd.read_csv(csv_path)
    scores = model.score(frame.drop(columns="id"), bands=True)
    scores.insert(0, "id", frame["id"])
    scores.to_csv(out_path, index=False)


def compare_outputs(a_path, b_path, what, band_uppers):
    """(largest probability difference, rows whose band differs) of two score files.

    Two correct scorers may put a case in different bands only when its
    probability lies within rounding of a band threshold (the last bit of a
    sum or of np.interp); any other difference stops the benchmark.
    """
    a = pd.read_csv(a_path, float_precision="round_trip")
    b = pd.read_csv(b_path, float_precision="round_trip")
    if len(a) != len(b) or (a["id"] != b["id"]).any():
        raise SystemExit("bench: %s: the ids differ" % what)
    pa, pb = a["probability"].to_numpy(), b["probability"].to_numpy()
    diff = np.abs(pa - pb).max()
    if not diff <= 1e-12:
        raise SystemExit("bench: %s: probabilities differ by up to %g" % (what, diff))
    other_band = (a["band"] != b["band"]).to_numpy()
    near = np.abs(pa[:, None] - band_uppers[None, :]).min(axis=1) <= 1e-12
    if (other_band & ~near).any():
        raise SystemExit("bench: %s: bands differ away from any threshold" % what)
    return diff, int(other_band.sum())


def rate(n, seconds):
    return n / seconds


def fmt_rate(r):
    return "%.3g cases/s" % r if r < 1e3 else "%.2f M cases/s" % (r / 1e6)


class Results:
    """The best time of each measurement over all rounds, and the highest load seen with it."""

    def __init__(self):
        self.best = {}

    def add(self, name, timing):
        old = self.best.get(name)
        if old is None:
            self.best[name] = timing
        else:
            self.best[name] = Timing(min(old.seconds, timing.seconds), min(old.cpu, timing.cpu),
                                     old.runs + timing.runs, max(old.load, timing.load))
        return timing

    def __getitem__(self, name):
        return self.best[name]


def main(argv=None):
    parser = argparse.ArgumentParser(prog="bench_python.py", description=DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=str(ROOT / "data" / "models" / "demo-amt-6m.json"))
    parser.add_argument("--bench-batch", required=True, metavar="PROGRAM",
                        help="the bench/bench-batch program of the build")
    parser.add_argument("--anker", required=True, metavar="PROGRAM",
                        help="the anker program of the build")
    parser.add_argument("--cases", type=int, default=1_000_000, metavar="N")
    parser.add_argument("--rounds", type=int, default=3, metavar="K",
                        help="rounds of every measurement, interleaved (default: 3)")
    parser.add_argument("--repeats", type=int, default=5, metavar="R",
                        help="runs per measurement and round, of which the best counts "
                             "(default: 5; scikit-learn 2, CSV 1)")
    parser.add_argument("--seed", type=int, default=20261125)
    parser.add_argument("--data-dir", metavar="DIR",
                        help="where the caseload is written and reused (default: a temporary "
                             "directory)")
    parser.add_argument("--build-note", default="",
                        help="how the library was built, for the report")
    args = parser.parse_args(argv)
    if args.rounds < 1 or args.repeats < 1 or args.cases < 1:
        parser.error("--rounds, --repeats and --cases must be at least 1")

    try:
        import anker
    except ImportError:
        sys.path.insert(0, str(ROOT / "bindings" / "python"))
        import anker
    import sklearn

    model_json = json.loads(Path(args.model).read_text(encoding="utf-8"))
    cores = os.cpu_count()
    print("bench: libanker %s from %s; anker binding %s" % (anker.library_version(),
                                                          anker.library_path(),
                                                          anker.__version__))
    print("bench: numpy %s, scipy %s, pandas %s, scikit-learn %s, Python %s"
          % (np.__version__, scipy.__version__, pd.__version__, sklearn.__version__,
             sys.version.split()[0]))
    print("bench: every side single-threaded (OPENBLAS_NUM_THREADS=OMP_NUM_THREADS=1)")
    print("bench: %d cores online; load average at start %.2f %.2f %.2f%s"
          % ((cores,) + os.getloadavg() + ("; " + args.build_note if args.build_note else "",)))

    tmp = tempfile.TemporaryDirectory(prefix="anker-bench-")
    out_dir = Path(tmp.name)
    data_dir = Path(args.data_dir) if args.data_dir else out_dir / "data"
    columns, csv_path = make_data(model_json, args.cases, args.seed, data_dir)
    n = len(next(iter(columns.values())))

    # First, that every side computes the same thing.
    print("\n== Checks: every side scores the same %d cases alike" % n)
    model = anker.Model.load(args.model)
    p_binding = model.score(columns)
    scorer = NumpyScorer(model_json)
    diff = np.abs(scorer.probability(columns) - p_binding).max()
    print("numpy by hand reproduces model.score() to %.2g" % diff)
    if not diff <= 1e-12:
        raise SystemExit("bench: the numpy scorer disagrees with the library")
    sklearn_scorers = {}
    for sparse in (False, True):
        label = "sparse" if sparse else "dense"
        sk_scorer = SklearnScorer(model_json, scorer, sparse)
        diff = np.abs(sk_scorer.probability(columns) - p_binding).max()
        print("scikit-learn (%s design matrix) reproduces model.score() to %.2g" % (label, diff))
        if not diff <= 1e-9:
            raise SystemExit("bench: scikit-learn disagrees with the library")
        sklearn_scorers[label] = sk_scorer
    anker_out = out_dir / "anker.csv"
    anker_cmd = [args.anker, "score", "--quiet", "--model", args.model, "--in", str(csv_path),
                 "--out", str(anker_out)]
    pandas_out = out_dir / "pandas.csv"
    binding_out = out_dir / "pandas-anker.csv"
    subprocess.run(anker_cmd, check=True)
    pandas_pipeline(scorer, model_json, csv_path, pandas_out)
    pandas_with_anker(model, csv_path, binding_out)
    diff, flips = compare_outputs(anker_out, pandas_out, "anker score vs pandas",
                                  scorer.band_uppers)
    print("anker score and pandas + numpy write the same ids, probabilities to %.2g, and the "
          "same bands except %d case(s) within 1e-12 of a threshold" % (diff, flips))
    diff, flips = compare_outputs(anker_out, binding_out, "anker score vs pandas + binding",
                                  scorer.band_uppers)
    print("anker score and pandas + model.score() agree to %.2g, %d band(s) differ"
          % (diff, flips))
    cases = case_dicts(model, columns, 1024)

    # The linear model: numpy, the binding on DataFrames and the C batch, the same values.
    lin_dir = data_dir / ("linear%d" % LINEAR_VARS)
    lin_path, lin_json, lin_x = make_linear_data(n, args.seed, lin_dir)
    lin_model = anker.Model.load(str(lin_path))
    lin_numpy = LinearNumpy(lin_json)
    lin_names = [v["name"] for v in lin_json["variables"]]
    # One with contiguous columns (as read_csv, parquet or a dict of columns gives), and
    # one made from X itself, whose columns are strided views into its rows.
    lin_frame = pd.DataFrame({name: lin_x[:, k] for k, name in enumerate(lin_names)})
    lin_frame_x = pd.DataFrame(lin_x, columns=lin_names, copy=False)
    strides = (lin_frame[lin_names[0]].to_numpy().strides[0],
               lin_frame_x[lin_names[0]].to_numpy().strides[0])
    print("\n== Checks: a model of an intercept and %d linear terms (%s), %d cases"
          % (LINEAR_VARS, lin_path, n))
    print("numpy: scipy.special.expit(X @ b + c), X C-contiguous %d x %d float64, "
          "OPENBLAS_NUM_THREADS=%s (set before numpy was imported)"
          % (n, LINEAR_VARS, os.environ["OPENBLAS_NUM_THREADS"]))
    print("DataFrames: contiguous columns (stride %d bytes); made from X (stride %d bytes)"
          % strides)
    p_lin = lin_numpy.probability(lin_x)
    p_lin_frame = lin_model.score(lin_frame)
    for label, p_other in (("model.score(DataFrame, contiguous)", p_lin_frame),
                           ("model.score(DataFrame from X)", lin_model.score(lin_frame_x))):
        diff = np.abs(p_other - p_lin).max()
        print("%s reproduces numpy to %.2g" % (label, diff))
        if not diff <= 1e-12:
            raise SystemExit("bench: %s disagrees with numpy" % label)
    calls = 20000

    def score_cases():
        for i in range(calls):
            model.score_case(cases[i & 1023]).probability

    # The shipped files, and the benchmark's own (a 30-item questionnaire, the size the
    # speed target names, which no shipped questionnaire has).
    model_files = (sorted((ROOT / "data" / "models").glob("*.json")) +
                   sorted((ROOT / "bench" / "models").glob("*.json")))
    generic = {}

    # Then the timings, in rounds, so that a busy spell of the machine hits every side.
    res = Results()
    sk_repeats = max(1, min(2, args.repeats))
    for round_no in range(1, args.rounds + 1):
        print("\n== Round %d of %d (load average %.2f)" % (round_no, args.rounds,
                                                          os.getloadavg()[0]))
        c = run_bench_batch(args.bench_batch, args.model, data_dir, args.repeats)
        if c["probability_sum"] != np.cumsum(p_binding)[-1]:
            raise SystemExit("bench: bench-batch's probabilities (sum %.17g) are not "
                             "model.score()'s (%.17g)"
                             % (c["probability_sum"], np.cumsum(p_binding)[-1]))
        for key in ("batch", "bound", "single"):
            res.add("c_" + key, Timing(c[key + "_seconds"], c[key + "_cpu_seconds"],
                                       args.repeats, c["load"]))
        bytes_per_case = int(c["bytes_per_case"])
        t = res.add("binding", best_of(lambda: model.score(columns), args.repeats)[0])
        print("model.score(dict of numpy columns): %s" % t)
        t = res.add("numpy", best_of(lambda: scorer.probability(columns), args.repeats)[0])
        print("numpy by hand: %s" % t)
        for label, sk_scorer in sklearn_scorers.items():
            t = res.add("sklearn-" + label,
                        best_of(lambda: sk_scorer.probability(columns), sk_repeats)[0])
            design = sk_scorer.design(columns)
            t_proba = res.add("sklearn-proba-" + label, best_of(
                sk_scorer.regression.predict_proba, sk_repeats, args=(design,))[0])
            design = None
            print("scikit-learn (%s): %s; predict_proba alone %.1f ms"
                  % (label, t, t_proba.seconds * 1e3))
        t = res.add("score_case", best_of(score_cases, args.repeats)[0])
        print("model.score_case(dict) x %d: %s" % (calls, t))
        t = res.add("anker_csv", best_of(lambda: subprocess.run(anker_cmd, check=True), 1,
                                         warmup=0)[0])
        print("anker score (CSV): %s" % t)
        t = res.add("pandas_csv", best_of(
            lambda: pandas_pipeline(scorer, model_json, csv_path, pandas_out), 1, warmup=0)[0])
        print("pandas read_csv + numpy + to_csv: %s" % t)
        t = res.add("mixed_csv", best_of(
            lambda: pandas_with_anker(model, csv_path, binding_out), 1, warmup=0)[0])
        print("pandas read_csv + model.score() + to_csv: %s" % t)

        print("-- linear model, %d variables" % LINEAR_VARS)
        c = run_bench_batch(args.bench_batch, str(lin_path), lin_dir, args.repeats)
        if c["probability_sum"] != np.cumsum(p_lin_frame)[-1]:
            raise SystemExit("bench: bench-batch's probabilities on the linear model (sum "
                             "%.17g) are not model.score()'s (%.17g)"
                             % (c["probability_sum"], np.cumsum(p_lin_frame)[-1]))
        for key in ("batch", "bound"):
            res.add("lin_c_" + key, Timing(c[key + "_seconds"], c[key + "_cpu_seconds"],
                                           args.repeats, c["load"]))
        lin_bytes = int(c["bytes_per_case"])
        t = res.add("lin_numpy", best_of(lin_numpy.probability, args.repeats,
                                         args=(lin_x,))[0])
        print("numpy expit(X @ b + c): %s" % t)
        t = res.add("lin_x_sum", best_of(lin_x.sum, args.repeats)[0])
        print("numpy X.sum() (a read-only pass over X, one sequential stream): %s" % t)
        t = res.add("lin_frame", best_of(lin_model.score, args.repeats, args=(lin_frame,))[0])
        print("model.score(DataFrame, contiguous columns): %s" % t)
        t = res.add("lin_frame_x", best_of(lin_model.score, args.repeats,
                                           args=(lin_frame_x,))[0])
        print("model.score(DataFrame from X, strided columns): %s" % t)

        print("-- every model in data/models/ and bench/models/: anker_batch_run() into "
              "every output")
        for path in model_files:
            g = run_generic(args.bench_batch, path, n, args.repeats)
            key = "model:" + path.name
            res.add(key, Timing(float(g["run_seconds"]), float(g["run_cpu_seconds"]),
                                args.repeats, g["load"]))
            generic[key] = g
    lin_model.close()
    model.close()
    tmp.cleanup()

    # The table
    def r(name):
        return n / res[name].seconds

    def r_cpu(name):
        return n / res[name].cpu

    sk_label = min(("dense", "sparse"), key=lambda k: res["sklearn-" + k].seconds)
    us_c = res["c_single"].seconds * 1e6
    us_python = res["score_case"].seconds / calls * 1e6
    rows = [
        ("batch: C anker_batch_score vs numpy by hand", "c_batch", "numpy", ">= 2", 2.0),
        ("batch: C anker_batch_score vs read-only pass (bound)", "c_batch", "c_bound",
         ">= 0.5", 0.5),
        ("batch: model.score() vs C anker_batch_score", "binding", "c_batch",
         ">= 0.667 (1.5x)", 1 / 1.5),
        ("batch: C anker_batch_score vs scikit-learn (%s)" % sk_label, "c_batch",
         "sklearn-" + sk_label, "-", None),
        ("batch: model.score() vs numpy by hand", "binding", "numpy", "-", None),
        ("CSV end to end: anker score vs pandas + numpy", "anker_csv", "pandas_csv", ">= 3", 3.0),
        ("CSV end to end: anker score vs pandas + model.score()", "anker_csv", "mixed_csv",
         "-", None),
        ("linear-%d: C anker_batch_score vs numpy expit(X@b+c)" % LINEAR_VARS, "lin_c_batch",
         "lin_numpy", ">= 2", 2.0),
        ("linear-%d: model.score(DataFrame) vs numpy" % LINEAR_VARS, "lin_frame", "lin_numpy",
         ">= 1.33", 1.33),
        ("linear-%d: model.score(DataFrame from X) vs numpy" % LINEAR_VARS, "lin_frame_x",
         "lin_numpy", ">= 1.33", 1.33),
        ("linear-%d: read-only pass (bound) vs numpy" % LINEAR_VARS, "lin_c_bound",
         "lin_numpy", "-", None),
        ("linear-%d: C anker_batch_score vs read-only pass" % LINEAR_VARS, "lin_c_batch",
         "lin_c_bound", "-", None),
        ("linear-%d: numpy X.sum() (one stream) vs numpy" % LINEAR_VARS, "lin_x_sum",
         "lin_numpy", "-", None),
    ]
    print("\n== Results: %d cases, model %s, %d cores online, best of %d rounds x %d runs "
          "(scikit-learn %d, CSV 1 per round)%s"
          % (n, model_json["id"], cores, args.rounds, args.repeats, sk_repeats,
             "; " + args.build_note if args.build_note else ""))
    print("%-55s %15s %15s %6s  %-16s %-5s %7s  %s" % (
        "comparison (A vs B), wall time", "A", "B", "A/B", "target", "", "CPU A/B",
        "max load A/B"))
    for name, a, b, target_text, target in rows:
        ratio = r(a) / r(b)
        verdict = "" if target is None else ("HIT" if ratio >= target else "MISS")
        print("%-55s %15s %15s %6.2f  %-16s %-5s %7.2f  %.1f/%.1f"
              % (name, fmt_rate(r(a)), fmt_rate(r(b)), ratio, target_text, verdict,
                 r_cpu(a) / r_cpu(b), res[a].load, res[b].load))
    print("%-55s %12.2f us %12.2f us %6.2f  %-16s %-5s %7.2f  %.1f/%.1f"
          % ("single case: C anker_model_score vs model.score_case()", us_c, us_python,
             us_python / us_c, "-", "",
             (res["score_case"].cpu / calls) / res["c_single"].cpu,
             res["c_single"].load, res["score_case"].load))
    print("C batch moves %.2f GB/s; the read-only pass over the same columns %.2f GB/s "
          "(%d bytes per case)" % (r("c_batch") * bytes_per_case / 1e9,
                                   r("c_bound") * bytes_per_case / 1e9, bytes_per_case))
    print("linear-%d: C batch moves %.2f GB/s; the read-only pass over the same columns "
          "%.2f GB/s (%d bytes per case)"
          % (LINEAR_VARS, r("lin_c_batch") * lin_bytes / 1e9,
             r("lin_c_bound") * lin_bytes / 1e9, lin_bytes))
    print("every model in data/models/ and bench/models/, anker_batch_run() into every output (bench-batch "
          "--model FILE --cases %d):" % n)
    for path in model_files:
        key = "model:" + path.name
        g = generic[key]
        print("  %-34s %-14s %-12s %15s  %s outputs  CPU %s  max load %.1f%s"
              % (path.name, g["id"], g["kind"], fmt_rate(r(key)), g["outputs"],
                 fmt_rate(r_cpu(key)), res[key].load,
                 "" if g["failed"] == "0" else "; %s cases failed" % g["failed"]))
    print("scikit-learn (%s): predict_proba alone %.1f ms of %.1f ms; the rest is building "
          "the design matrix" % (sk_label, res["sklearn-proba-" + sk_label].seconds * 1e3,
                                 res["sklearn-" + sk_label].seconds * 1e3))
    print("load average at the end: %.2f %.2f %.2f" % os.getloadavg())
    return 0


if __name__ == "__main__":
    sys.exit(main())
