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
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.special

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "examples" / "data"))
import generate_caseload  # noqa: E402  (the same generator as the example caseload)

DESCRIPTION = """\
NAME
    bench_python.py - time libanker against numpy, scikit-learn and pandas

SYNOPSIS
    bench_python.py --bench-batch PROGRAM --anker PROGRAM [--model FILE]
                    [--cases N] [--repeats R] [--data-dir DIR]

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
         numpy scorer + to_csv, after checking that the two outputs agree.

    Every timing is the best of R runs (default 5; 3 for the CSV runs), and
    the 1-minute load average is printed next to it: on a busy machine the
    best run is the least disturbed one. Prints a table at the end with each
    comparison's throughputs, ratio and target.

    The library is the one the anker package loads: ANKER_LIBRARY, else
    build/ in the source tree (scripts/bench sets ANKER_LIBRARY).

OPTIONS"""


# Timing

class Timing:
    """The best of several runs, with the load average seen while they ran."""

    def __init__(self, seconds, runs, load):
        self.seconds = seconds
        self.runs = runs
        self.load = load

    def __str__(self):
        return "best of %d: %.1f ms (load %.1f)" % (self.runs, self.seconds * 1e3, self.load)


def best_of(fn, repeats, warmup=1):
    """(Timing, last result) of fn() over repeats runs after warmup runs."""
    result = None
    for _ in range(warmup):
        result = fn()
    best = float("inf")
    loads = [os.getloadavg()[0]]
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
        loads.append(os.getloadavg()[0])
    return Timing(best, repeats, max(loads)), result


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


# The parts

def run_bench_batch(program, model, data_dir, repeats):
    cmd = [program, "--data", str(data_dir), "--repeats", str(repeats), model]
    print("$ " + " ".join(cmd))
    load = os.getloadavg()[0]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    load = max(load, os.getloadavg()[0])
    sys.stdout.write("".join("  " + line + "\n" for line in out.splitlines()))
    line = [x for x in out.splitlines() if x.startswith("result: ")][-1]
    result = {k: float(v) for k, v in (kv.split("=", 1) for kv in line[len("result: "):].split())}
    result["load"] = load
    return result


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
    pd.DataFrame({"id": frame["id"], "probability": probability, "linear_predictor": eta,
                  "band": scorer.bands(probability)}).to_csv(out_path, index=False)


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
    a, b = pd.read_csv(a_path), pd.read_csv(b_path)
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


def main(argv=None):
    parser = argparse.ArgumentParser(prog="bench_python.py", description=DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=str(ROOT / "data" / "models" / "demo-amt-6m.json"))
    parser.add_argument("--bench-batch", required=True, metavar="PROGRAM",
                        help="the bench/bench-batch program of the build")
    parser.add_argument("--anker", required=True, metavar="PROGRAM",
                        help="the anker program of the build")
    parser.add_argument("--cases", type=int, default=1_000_000, metavar="N")
    parser.add_argument("--repeats", type=int, default=5, metavar="R")
    parser.add_argument("--csv-repeats", type=int, default=3, metavar="R")
    parser.add_argument("--seed", type=int, default=20261125)
    parser.add_argument("--data-dir", metavar="DIR",
                        help="where the caseload is written and reused (default: a temporary "
                             "directory)")
    parser.add_argument("--build-note", default="",
                        help="how the library was built, for the report")
    args = parser.parse_args(argv)

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
    print("bench: %d cores online; load average at start %.2f %.2f %.2f%s"
          % ((cores,) + os.getloadavg() + ("; " + args.build_note if args.build_note else "",)))

    tmp = tempfile.TemporaryDirectory(prefix="anker-bench-")
    data_dir = Path(args.data_dir) if args.data_dir else Path(tmp.name) / "data"
    columns, csv_path = make_data(model_json, args.cases, args.seed, data_dir)
    n = len(next(iter(columns.values())))

    print("\n== C: batch API, bandwidth bound, single case (bench/bench-batch)")
    c = run_bench_batch(args.bench_batch, args.model, data_dir, args.repeats)

    print("\n== Python: model.score(), numpy by hand, scikit-learn (%d cases)" % n)
    model = anker.Model.load(args.model)
    t_binding, p_binding = best_of(lambda: model.score(columns), args.repeats)
    print("model.score(dict of numpy columns): %s" % t_binding)
    same_sum = np.cumsum(p_binding)[-1]
    if same_sum != c["probability_sum"]:
        print("WARNING: the Python binding's probabilities sum to %.17g, bench-batch's to %.17g"
              % (same_sum, c["probability_sum"]))
    else:
        print("  same probabilities as bench-batch (sums equal to the last bit: %.17g)" % same_sum)

    scorer = NumpyScorer(model_json)
    diff_numpy = np.abs(scorer.probability(columns) - p_binding).max()
    print("numpy by hand reproduces the library to %.2g" % diff_numpy)
    if not diff_numpy <= 1e-12:
        raise SystemExit("bench: the numpy scorer disagrees with the library")
    t_numpy, _ = best_of(lambda: scorer.probability(columns), args.repeats)
    print("numpy by hand: %s" % t_numpy)

    sk = {}
    for sparse in (False, True):
        sk_scorer = SklearnScorer(model_json, scorer, sparse)
        diff = np.abs(sk_scorer.probability(columns) - p_binding).max()
        label = "sparse" if sparse else "dense"
        print("scikit-learn (%s design matrix) reproduces the library to %.2g" % (label, diff))
        if not diff <= 1e-9:
            raise SystemExit("bench: scikit-learn disagrees with the library")
        t, _ = best_of(lambda: sk_scorer.probability(columns), args.repeats)
        design = sk_scorer.design(columns)
        t_proba, _ = best_of(lambda: sk_scorer.regression.predict_proba(design), args.repeats)
        del design
        print("scikit-learn (%s): %s, of which predict_proba alone %.1f ms"
              % (label, t, t_proba.seconds * 1e3))
        sk[label] = t
    sk_label = min(sk, key=lambda k: sk[k].seconds)
    t_sklearn = sk[sk_label]

    # bench-batch again: of two runs apart in time, one is less likely to meet a busy machine.
    print("\n== C again (bench/bench-batch), the best of both runs counts")
    c2 = run_bench_batch(args.bench_batch, args.model, data_dir, args.repeats)
    for key in ("batch_seconds", "bound_seconds", "single_seconds"):
        c[key] = min(c[key], c2[key])
    c["load"] = max(c["load"], c2["load"])

    print("\n== single case latency")
    cases = case_dicts(model, columns, 1024)
    calls = 20000

    def score_cases():
        for i in range(calls):
            model.score_case(cases[i & 1023]).probability

    t_case, _ = best_of(score_cases, args.repeats)
    us_python = t_case.seconds / calls * 1e6
    us_c = c["single_seconds"] * 1e6
    print("model.score_case(dict): %.2f us/case (%d calls, %s)" % (us_python, calls, t_case))
    print("anker_model_score from C: %.2f us/case (bench-batch)" % us_c)

    print("\n== CSV end to end (%d rows, %.0f MB)" % (n, csv_path.stat().st_size / 1e6))
    out_dir = Path(tmp.name)
    anker_cmd = [args.anker, "score", "--quiet", "--model", args.model, "--in", str(csv_path),
                 "--out", str(out_dir / "anker.csv")]
    print("$ " + " ".join(anker_cmd))
    t_anker_csv, _ = best_of(lambda: subprocess.run(anker_cmd, check=True), args.csv_repeats,
                             warmup=1)
    print("anker score: %s" % t_anker_csv)
    pandas_out = out_dir / "pandas.csv"
    t_pandas_csv, _ = best_of(lambda: pandas_pipeline(scorer, model_json, csv_path, pandas_out),
                              args.csv_repeats, warmup=0)
    print("pandas read_csv + numpy + to_csv: %s" % t_pandas_csv)
    diff, flips = compare_outputs(out_dir / "anker.csv", pandas_out, "anker score vs pandas",
                                  scorer.band_uppers)
    print("  the two outputs agree: ids; probabilities to %.2g; bands except %d case(s) whose "
          "probability is within 1e-12 of a threshold" % (diff, flips))
    binding_out = out_dir / "pandas-anker.csv"
    t_mixed_csv, _ = best_of(lambda: pandas_with_anker(model, csv_path, binding_out),
                             args.csv_repeats, warmup=0)
    diff, flips = compare_outputs(out_dir / "anker.csv", binding_out,
                                  "anker score vs pandas + binding", scorer.band_uppers)
    if diff != 0 or flips:
        print("WARNING: the binding's output differs from anker score's (%.2g, %d bands)"
              % (diff, flips))
    print("pandas read_csv + model.score() + to_csv: %s" % t_mixed_csv)
    model.close()
    tmp.cleanup()

    # The table
    c_batch = rate(n, c["batch_seconds"])
    bound = rate(n, c["bound_seconds"])
    rows = [
        ("batch: C anker_batch_score vs numpy by hand", c_batch, rate(n, t_numpy.seconds),
         ">= 2", 2.0, c["load"], t_numpy.load),
        ("batch: C anker_batch_score vs read-only pass (bound)", c_batch, bound,
         ">= 0.5", 0.5, c["load"], c["load"]),
        ("batch: model.score() vs C anker_batch_score", rate(n, t_binding.seconds), c_batch,
         ">= 0.667 (1.5x)", 1 / 1.5, t_binding.load, c["load"]),
        ("batch: C anker_batch_score vs scikit-learn (%s)" % sk_label, c_batch,
         rate(n, t_sklearn.seconds), "-", None, c["load"], t_sklearn.load),
        ("batch: model.score() vs numpy by hand", rate(n, t_binding.seconds),
         rate(n, t_numpy.seconds), "-", None, t_binding.load, t_numpy.load),
        ("single case: C anker_model_score vs model.score_case()", 1e6 / us_c,
         1e6 / us_python, "-", None, c["load"], t_case.load),
        ("CSV end to end: anker score vs pandas + numpy", rate(n, t_anker_csv.seconds),
         rate(n, t_pandas_csv.seconds), ">= 3", 3.0, t_anker_csv.load, t_pandas_csv.load),
        ("CSV end to end: anker score vs pandas + model.score()", rate(n, t_anker_csv.seconds),
         rate(n, t_mixed_csv.seconds), "-", None, t_anker_csv.load, t_mixed_csv.load),
    ]
    print("\n== Results: %d cases, model %s, %d cores online, best of %d (CSV: best of %d)%s"
          % (n, model_json["id"], cores, args.repeats, args.csv_repeats,
             "; " + args.build_note if args.build_note else ""))
    print("%-56s %15s %15s %7s  %-16s %-5s %s" % ("comparison (A vs B)", "A", "B", "A/B",
                                                  "target", "", "load A/B"))
    for name, a, b, target_text, target, load_a, load_b in rows:
        verdict = "" if target is None else ("HIT" if a / b >= target else "MISS")
        print("%-56s %15s %15s %7.2f  %-16s %-5s %.1f/%.1f"
              % (name, fmt_rate(a), fmt_rate(b), a / b, target_text, verdict, load_a, load_b))
    print("C batch moves %.2f GB/s of the %.2f GB/s the read-only pass reaches "
          "(%d bytes per case)" % (c_batch * c["bytes_per_case"] / 1e9,
                                   bound * c["bytes_per_case"] / 1e9, c["bytes_per_case"]))
    print("single case: C %.2f us, Python %.2f us" % (us_c, us_python))
    print("load average at the end: %.2f %.2f %.2f" % os.getloadavg())
    return 0


if __name__ == "__main__":
    sys.exit(main())
