#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Time `anker assess` on a synthetic caseload against writing the same records
with Python's json module (scripts/bench runs it after bench_python.py).

The caseload: --cases rows (default 1,000,000) drawn with a fixed seed from the
1000 synthetic clients of examples/data/assess-caseload.csv, each with a new id;
synthetic people only. anker assess writes one advice record per row (JSON
Lines, format 2, about 5.8 KB each: inputs, every instrument's outputs and
contributions, the advice with the rules evaluated and the values they read,
a digest per section and the hash). Python's side
parses the records anker wrote for the first 1000 rows and writes --cases
records by cycling through them with json.dumps(sort_keys=True,
separators=(",", ":"), ensure_ascii=False), the canonical form, into a file:
the cost of serialising and writing alone, without assessing anything.

Not a test: nothing passes or fails on timing; the target (200,000 records per
second on one core) is printed beside the figures.
"""
import argparse
import csv
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 200_000


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def make_caseload(path, n, seed):
    with open(ROOT / "examples" / "data" / "assess-caseload.csv", newline="") as f:
        rows = list(csv.reader(f))
    header, rows = rows[0], rows[1:]
    rng = random.Random(seed)
    with open(path, "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(header)
        for i in range(n):
            row = rows[rng.randrange(len(rows))]
            out.writerow(["S%07d" % i] + row[1:])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--anker", required=True, metavar="PROGRAM")
    parser.add_argument("--cases", type=int, default=1_000_000, metavar="N")
    parser.add_argument("--seed", type=int, default=20261202)
    parser.add_argument("--data-dir", required=True, metavar="DIR")
    args = parser.parse_args(argv)
    data = Path(args.data_dir)
    data.mkdir(parents=True, exist_ok=True)
    profile = ROOT / "data" / "profiles" / "demo-anker.json"
    caseload = data / ("assess-%d-%d.csv" % (args.cases, args.seed))
    if not caseload.exists():
        make_caseload(caseload, args.cases, args.seed)
    out = data / "assess-records.jsonl"

    print("bench-assess: %d cases; load average %.2f %.2f %.2f" % ((args.cases,) + os.getloadavg()))
    cpu0, t0 = children_cpu(), time.perf_counter()
    subprocess.run([args.anker, "assess", "--profile", str(profile), "--in", str(caseload),
                    "--out", str(out)], check=True)
    wall, cpu = time.perf_counter() - t0, children_cpu() - cpu0
    size = out.stat().st_size

    sample = []
    with open(out, encoding="utf-8") as f:
        for line in f:
            sample.append(json.loads(line))
            if len(sample) == 1000:
                break
    # the canonical form is what Python writes: check it on the sample
    with open(out, encoding="utf-8") as f:
        first = f.readline().rstrip("\n")
    assert json.dumps(sample[0], sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False) == first
    py_out = data / "python-records.jsonl"
    c0, t0 = time.process_time(), time.perf_counter()
    with open(py_out, "w", encoding="utf-8") as f:
        for i in range(args.cases):
            f.write(json.dumps(sample[i % len(sample)], sort_keys=True, separators=(",", ":"),
                               ensure_ascii=False))
            f.write("\n")
    py_wall, py_cpu = time.perf_counter() - t0, time.process_time() - c0
    os.unlink(py_out)
    os.unlink(out)

    rate, py_rate = args.cases / wall, args.cases / py_wall
    print("anker assess (assess and write): %10.0f records/s  (%.1f s wall, %.1f s CPU, %.0f MB,"
          " %.0f bytes per record)" % (rate, wall, cpu, size / 1e6, size / args.cases))
    print("Python json.dumps (write only):  %10.0f records/s  (%.1f s wall, %.1f s CPU)"
          % (py_rate, py_wall, py_cpu))
    # on a shared machine the wall clock counts other processes' time: the CPU
    # figures are what one core of this machine does
    cpu_rate, py_cpu_rate = args.cases / cpu, args.cases / py_cpu
    print("per CPU second: anker %.0f, Python json %.0f records/s; ratio %.2f"
          % (cpu_rate, py_cpu_rate, cpu_rate / py_cpu_rate))
    print("ratio anker / Python json: %.2f; target >= %d records/s: %s"
          % (rate / py_rate, TARGET, "HIT" if rate >= TARGET else "MISS"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
