#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Score a partitioned caseload with dask.dataframe, on a local or a real Dask cluster.

    dask_score.py --model data/models/demo-amt-6m.json --in 'cases/*.csv' --out scores/

When a caseload outgrows one machine, keep it as a set of CSV partitions and
let dask hand one partition at a time to the workers. Every worker loads the
model file itself, once (a worker plugin), and scores its partitions with
anker.Model.score(): the partitions travel, the model handle never does.

See docs/dask.md for running the same code on a real cluster.
"""

import argparse
import glob
import json
import logging
import os
import sys
import tempfile
from pathlib import Path

DESCRIPTION = """\
NAME
    dask_score.py - score a partitioned caseload with dask.dataframe

SYNOPSIS
    dask_score.py --model MODEL --in CASES --out DIR
                  [--scheduler ADDRESS | --workers N] [--id-column NAME]
                  [--absent NAME]...

DESCRIPTION
    Reads the CSV partitions CASES (a directory of *.csv files, or a glob
    such as 'cases/part-*.csv'; each file has a header with an id column
    and one column per model variable), scores every row with MODEL on a
    Dask cluster through dask.dataframe.map_partitions, and writes one CSV
    per partition into DIR (part-0.csv, part-1.csv, ...) with the columns
    id, probability and band, and DIR/anker.json: which model scored them
    (id, version, SHA-256), the variables declared absent, and per
    variable how many values were missing, imputed and clamped. Prints the
    rows per band and the values imputed and clamped.

    Every variable needs a column: a variable without one stops the run
    before anything is scored, unless --absent NAME declares it missing in
    every row (nobody was asked).

    Cells are read as the anker program reads them: an empty cell is
    missing, numbers use '.', booleans are 1/0, categorical values are
    level names. A row the model rejects (an unknown level, a missing value
    under the "reject" policy) stops the run with the row and column.

    Without --scheduler, a local cluster of N worker processes is started
    (default 2). With --scheduler, the work goes to that running cluster;
    MODEL must then be readable at the same path on every worker, and every
    worker needs libanker and the anker Python package (docs/dask.md).

OPTIONS"""

PLUGIN_NAME = "anker-model"


def _ensure_anker_importable():
    """Make `import anker` work from a source checkout, here and in local workers.

    An installed anker package (pip install bindings/python) is used as it
    is. From the source tree, bindings/python is put on sys.path and on
    PYTHONPATH, which the worker processes of a LocalCluster inherit.
    """
    try:
        import anker  # noqa: F401
        return
    except ImportError:
        pass
    source = Path(__file__).resolve().parents[2] / "bindings" / "python"
    if not (source / "anker" / "__init__.py").is_file():
        raise SystemExit("dask_score.py: the anker Python package is not installed "
                         "(pip install bindings/python)")
    sys.path.insert(0, str(source))
    os.environ["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(source), os.environ.get("PYTHONPATH")) if p)


class AnkerModelPlugin:
    """A Dask worker plugin that loads the model once per worker, from a path.

    Only the path and the expected SHA-256 are sent to the workers. A worker
    whose file differs from the client's (another version of the model)
    refuses to score, rather than mixing two models in one output.
    """

    name = PLUGIN_NAME

    def __init__(self, path, sha256):
        self.path = path
        self.sha256 = sha256
        self.model = None
        self.error = None

    def setup(self, worker=None):
        import anker
        try:
            model = anker.Model.load(self.path)
        except (OSError, anker.AnkerError, anker.LibraryError) as e:
            self.error = "worker %s: cannot load %s: %s" % (
                getattr(worker, "address", "?"), self.path, e)
            return
        if model.sha256 != self.sha256:
            self.error = ("worker %s: %s has SHA-256 %s, but the client's model has %s"
                          % (getattr(worker, "address", "?"), self.path, model.sha256,
                             self.sha256))
            model.close()
            return
        self.model = model

    def teardown(self, worker=None):
        if self.model is not None:
            self.model.close()
            self.model = None


class ScoringError(ValueError):
    """A case the model rejects; a plain exception, so that it travels back to the client."""


def score_partition(frame, variables, absent, id_column):
    """Score one partition on a worker: (id, probability, band) per row, with the
    model and the partition's value counts in attrs["anker"]."""
    from distributed import get_worker

    import anker

    plugin = get_worker().plugins[PLUGIN_NAME]
    if plugin.model is None:
        raise RuntimeError(plugin.error or "the anker model plugin did not load the model")
    try:
        scored = plugin.model.score(frame[variables], bands=True, absent=absent)
    except anker.AnkerError as e:
        # Name the case by its id: a row number within a partition helps nobody.
        where = ""
        if e.case_index is not None and 0 <= e.case_index < len(frame):
            where = "%s %s: " % (id_column, frame[id_column].iloc[e.case_index])
        raise ScoringError(where + str(e)) from None
    return output_frame(frame[id_column].to_numpy(), scored, frame.index)


def output_frame(ids, scored, index):
    """What is written: id, probability, band; attrs["anker"] of the scores kept."""
    import pandas as pd

    out = pd.DataFrame({
        "id": ids,
        "probability": scored["probability"].to_numpy(),
        "band": scored["band"].astype(str).to_numpy(),
    }, index=index)
    out.attrs["anker"] = scored.attrs["anker"]
    return out


COUNT_COLUMNS = ("missing", "imputed", "clamped")


def partition_counts(scores):
    """One row per variable: the partition's counts, from attrs["anker"]."""
    import pandas as pd

    counts = scores.attrs["anker"]["counts"]
    return pd.DataFrame({"variable": list(counts),
                         **{c: [counts[v][c] for v in counts] for c in COUNT_COLUMNS}})


def input_files(spec):
    """The CSV partitions named by a directory or a glob, in name order."""
    if os.path.isdir(spec):
        files = sorted(glob.glob(os.path.join(spec, "*.csv")))
    else:
        files = sorted(glob.glob(spec))
    if not files:
        raise SystemExit("dask_score.py: no CSV files match %s" % spec)
    return files


def column_types(model, id_column):
    """pandas dtypes for reading the CSV: fixed, so that every partition agrees."""
    dtypes = {id_column: object}
    for var in model.variables:
        dtypes[var.name] = object if var.kind == "categorical" else "float64"
    return dtypes


def make_client(args, workdir):
    from distributed import Client, LocalCluster

    if args.scheduler:
        return Client(args.scheduler), None
    # A failing case is reported once, by main(), rather than also in the workers' logs.
    cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                           dashboard_address=None, local_directory=workdir,
                           silence_logs=logging.CRITICAL)
    return Client(cluster), cluster


def register(client, plugin):
    """Register the worker plugin and fail early when a worker cannot load the model."""
    register_plugin = getattr(client, "register_plugin", None)  # dask >= 2023.9
    if register_plugin is not None:
        register_plugin(plugin, name=PLUGIN_NAME)
    else:
        client.register_worker_plugin(plugin, name=PLUGIN_NAME)

    def check(dask_worker):
        p = dask_worker.plugins[PLUGIN_NAME]
        return p.error

    errors = [e for e in client.run(check).values() if e]
    if errors:
        raise SystemExit("dask_score.py: " + "; ".join(errors))


def main(argv=None):
    parser = argparse.ArgumentParser(prog="dask_score.py", description=DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", required=True, metavar="MODEL",
                        help="the model file (the same path on every worker)")
    parser.add_argument("--in", dest="cases", required=True, metavar="CASES",
                        help="a directory of CSV partitions, or a glob of CSV files")
    parser.add_argument("--out", required=True, metavar="DIR",
                        help="where to write part-N.csv with id, probability, band")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help='a running Dask scheduler, e.g. "tcp://scheduler:8786"')
    parser.add_argument("--workers", type=int, default=2, metavar="N",
                        help="worker processes of the local cluster (default: 2)")
    parser.add_argument("--id-column", default="id", metavar="NAME",
                        help='the column that identifies a case (default: "id")')
    parser.add_argument("--absent", action="append", default=[], metavar="NAME",
                        help="a variable the CSV has no column for: missing in every row "
                             "(may be given more than once)")
    args = parser.parse_args(argv)
    if args.workers < 1:
        parser.error("--workers must be at least 1")

    _ensure_anker_importable()
    import anker
    import dask
    import dask.dataframe as dd
    import pandas as pd

    files = input_files(args.cases)
    model_path = os.path.abspath(args.model) if not args.scheduler else args.model
    # As the anker program: only an empty cell is missing ("NA" is not).
    # The client reads the model too: for the column types, to check the columns
    # before any worker scores, and for the identity to check on the workers.
    with anker.Model.load(model_path) as model:
        dtypes = column_types(model, args.id_column)
        cases = dd.read_csv(files, dtype=dtypes, keep_default_na=False, na_values=[""])
        unknown = [c for c in cases.columns if c not in dtypes]
        if unknown or args.id_column not in cases.columns:
            raise SystemExit("dask_score.py: the CSV columns must be %s and the model's "
                             "variables%s" % (args.id_column, "; unknown: " + ", ".join(unknown)
                                              if unknown else ""))
        variables = [v.name for v in model.variables if v.name in cases.columns]
        header = pd.DataFrame({c: pd.Series(dtype=t) for c, t in cases.dtypes.items()})
        try:
            # The columns, checked on no rows: a variable without a column, a bad --absent.
            meta_scores = model.score(header[variables], bands=True, absent=args.absent)
        except anker.AnkerError as e:
            hint = ("; if nobody was asked for %s, give --absent %s" % (e.field, e.field)
                    if e.status == anker.Status.NO_COLUMN else "")
            raise SystemExit("dask_score.py: %s%s" % (e, hint)) from None
        absent = meta_scores.attrs["anker"]["absent"]
        sha256, model_id, version = model.sha256, model.id, model.version
        band_names = model.band_names

    meta = output_frame(header[args.id_column].to_numpy(), meta_scores, header.index)
    scores = cases.map_partitions(score_partition, variables, absent, args.id_column,
                                  meta=meta)
    counts = scores.map_partitions(partition_counts, meta=partition_counts(meta))

    os.makedirs(args.out, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="dask-score-") as workdir:
        client, cluster = make_client(args, workdir)
        try:
            register(client, AnkerModelPlugin(model_path, sha256))
            n_workers = len(client.scheduler_info()["workers"])
            # One pass: the same scored partitions are written and counted.
            _, per_band, per_partition = dask.compute(
                scores.to_csv(os.path.join(args.out, "part-*.csv"), index=False,
                              compute=False),
                scores["band"].value_counts(), counts)
        except ScoringError as e:
            raise SystemExit("dask_score.py: %s" % e) from None
        finally:
            client.close()
            if cluster is not None:
                cluster.close()

    total = int(per_band.sum())
    totals = per_partition.groupby("variable", sort=False)[list(COUNT_COLUMNS)].sum()
    summary = {
        "model": {"id": model_id, "version": version, "sha256": sha256},
        "cases": total,
        "partitions": scores.npartitions,
        "absent": absent,
        "counts": {name: {c: int(totals.loc[name, c]) for c in COUNT_COLUMNS}
                   for name in totals.index},
    }
    with open(os.path.join(args.out, "anker.json"), "w", encoding="utf-8") as f:
        json.dump(summary, f, indent=1)
        f.write("\n")
    print("model: %s (sha256 %s)" % (model_id, sha256))
    print("partitions: %d from %d file(s), %d workers" % (scores.npartitions, len(files),
                                                           n_workers))
    print("cases: %d, written to %s" % (total, args.out))
    for band in band_names:
        count = int(per_band.get(band, 0))
        print("  %-12s %9d  (%5.1f%%)" % (band, count, 100.0 * count / total if total else 0))
    for what in ("imputed", "clamped"):
        changed = ["%s %d" % (name, c[what]) for name, c in summary["counts"].items() if c[what]]
        print("values %s: %s" % (what, ", ".join(changed) or "none"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
