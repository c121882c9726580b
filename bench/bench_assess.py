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

Then the breakdown, measured in the same run: anker's CPU time per record, the
same run writing to /dev/null (the file system's share), and the SHA-256 floor:
the CPU time to hash each record's bytes once, at least what the record's
digests cost, since every section and then the digests are hashed
(bench/sha-floor: nettle, as in the library; hashlib when it is not built).
1 / that time is the most records per CPU second any writer of these records
can reach.

Not a test: nothing passes or fails on timing; the target (200,000 records per
second on one core) is printed beside the figures.
"""
import argparse
import csv
import hashlib
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


def hash_floor(path, limit, helper):
    """The SHA-256 floor, on the records anker wrote (at most @limit of them):
    the CPU seconds to hash each record's bytes once. With @helper
    (bench/sha-floor, built with the library): nettle, libanker's own SHA-256,
    timed in C. Without it: hashlib (OpenSSL), timed as one call per record
    less the same loop without hashing. A record hashes each section and then
    the digests, slightly fewer bytes than the whole line, so this is a lower
    bound on what hashing costs anker. Returns (records, bytes, seconds, how)."""
    if helper and Path(helper).exists():
        out = subprocess.run([helper, str(path), str(limit)], check=True, capture_output=True,
                             text=True).stdout.split()
        return int(out[0]), int(out[1]), max(float(out[2]), 1e-9), "nettle, as libanker"

    def lines():
        with open(path, "rb") as f:
            for i, line in enumerate(f):
                if i == limit:
                    return
                yield line.rstrip(b"\n")

    c0 = time.process_time()
    n = size = 0
    for line in lines():
        n += 1
        size += len(line)
    loop = time.process_time() - c0
    c0 = time.process_time()
    for line in lines():
        hashlib.sha256(line).digest()
    return n, size, max(time.process_time() - c0 - loop, 1e-9), "hashlib"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--anker", required=True, metavar="PROGRAM")
    parser.add_argument("--cases", type=int, default=1_000_000, metavar="N")
    parser.add_argument("--seed", type=int, default=20261202)
    parser.add_argument("--data-dir", required=True, metavar="DIR")
    parser.add_argument("--floor-records", type=int, default=200_000, metavar="N",
                        help="records hashed for the SHA-256 floor (default 200,000)")
    parser.add_argument("--sha-floor", metavar="PROGRAM",
                        help="bench/sha-floor of the build (default: next to --anker's build)")
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
    helper = args.sha_floor or str(Path(args.anker).resolve().parent.parent / "bench" / "sha-floor")
    floor_n, floor_bytes, floor_cpu, floor_how = hash_floor(out, args.floor_records, helper)
    # the output file without the disk: the same run into /dev/null
    cpu0, t0 = children_cpu(), time.perf_counter()
    subprocess.run([args.anker, "assess", "--profile", str(profile), "--in", str(caseload),
                    "--out", os.devnull], check=True)
    null_cpu = children_cpu() - cpu0
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
    # where the floor is, measured in this run on the same records
    us = 1e6 / args.cases
    print("breakdown per record (CPU): anker %.2f us in all, %.2f us writing to /dev/null"
          " (so %.2f us in the file system)" % (cpu * us, null_cpu * us, (cpu - null_cpu) * us))
    print("SHA-256 floor: %.2f us per record to hash each record's %.0f bytes once"
          " (%s, %d records, %.2f GB/s)"
          % (floor_cpu / floor_n * 1e6, floor_bytes / floor_n, floor_how, floor_n,
             floor_bytes / floor_cpu / 1e9))
    print("so at most %.0f records per CPU second with nothing but the hashing;"
          " hashing is %.0f%% of anker's time"
          % (floor_n / floor_cpu, 100 * (floor_cpu / floor_n) / (cpu / args.cases)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
