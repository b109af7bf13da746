"""Reference tables at size: rows/s on one core, on two, on a Dask LocalCluster, against pywigxjpf.

Workloads (issue 17 section 2), each written as npz through ``build_table``
with the same plan (shards of ``--shard-rows`` rows) on every executor:

* every nonzero 6j with integer j <= 10 (the streamed (j1, j2)-block path);
* every nonzero 9j with integer j <= 3;
* every nonzero real Gaunt coefficient with l <= 16.

mathref computes every value exactly (and writes the correctly rounded float);
pywigxjpf computes floats only, so its column is the same labels in double
precision - a floor for the work, not the same work.  Processes and Dask runs
include starting their workers (fresh interpreters each build; the Dask cluster
is started once, its first build is "cold", the second "warm").

The big reference sets (all 9j with j <= 8, all 6j with j <= 50, real Gaunt to
L = 64) are planned with ``estimate_table`` (an upper bound on rows) and their
time projected from the rate measured on a sample of their own shards.

Run:  python benchmarks/bench_tables.py [--shard-rows 20000] [--sample-seconds 20]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np
from _harness import Table, environment, try_import

from mathref.tables import load_kinds
from mathref.tables.build import _human_seconds, build_table, estimate_table, table_options

WORKLOADS = [
    ("6j", {"jmax": 10, "integer_only": True}, "6j, integer j <= 10"),
    ("9j", {"jmax": 3, "integer_only": True}, "9j, integer j <= 3"),
    ("real_gaunt", {"lmax": 16}, "real Gaunt, l <= 16"),
]
BIG = [
    ("9j", {"jmax": 8}, "all 9j, j <= 8"),
    ("9j", {"jmax": 8, "integer_only": True}, "9j, integer j <= 8"),
    ("6j", {"jmax": 50}, "all 6j, j <= 50"),
    ("6j", {"jmax": 50, "integer_only": True}, "6j, integer j <= 50"),
    ("real_gaunt", {"lmax": 64}, "real Gaunt, l <= 64"),
]


def _timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def _anchor_seconds(w, kind, path):
    """pywigxjpf on the labels of the table just written (floats only)."""
    if w is None or kind not in ("6j", "9j"):
        return None
    data = np.load(path)
    cols = [f"j{k}" for k in range(1, 7 if kind == "6j" else 10)]
    labels = np.stack([2 * data[c] for c in cols], axis=1).astype(int).tolist()
    w.wig_table_init(2 * 60, 9)
    w.wig_temp_init(2 * 60)
    fn = w.wig6jj if kind == "6j" else w.wig9jj
    t0 = time.perf_counter()
    values = [fn(*row) for row in labels]
    dt = time.perf_counter() - t0
    err = np.max(np.abs(np.array(values) - data["value"]))
    print(f"# pywigxjpf vs mathref on {kind}: max |difference| {err:.2e}", file=sys.stderr)
    return dt


def throughput(args, out: Path) -> str:
    w = try_import("pywigxjpf")
    distributed = try_import("distributed")
    table = Table(["table", "rows", "1 core cold", "1 core warm", "2 processes", "Dask 2 workers cold",
                   "Dask warm", "speed-up 2 proc / 1 core", "pywigxjpf floats, same labels"])
    cluster = client = None
    if distributed is not None:
        cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
        client = distributed.Client(cluster)
    try:
        for kind, opts, label in WORKLOADS:
            common = dict(format="npz", shard_rows=args.shard_rows, progress=False, max_rows=None)
            cold, t_cold = _timed(lambda: build_table(kind, opts, out / f"{kind}-c", jobs=1, **common))
            _, t_warm = _timed(lambda: build_table(kind, opts, out / f"{kind}-w", jobs=1, **common))
            par, t_par = _timed(lambda: build_table(kind, opts, out / f"{kind}-p", jobs=2, **common))
            assert Path(par.path).read_bytes() == Path(cold.path).read_bytes()
            cells = []
            if client is not None:
                dk, t_dc = _timed(lambda: build_table(kind, opts, out / f"{kind}-d", client=client, **common))
                _, t_dw = _timed(lambda: build_table(kind, opts, out / f"{kind}-e", client=client, **common))
                assert Path(dk.path).read_bytes() == Path(cold.path).read_bytes()
                cells = [t_dc, t_dw]
            rows = cold.rows

            def rate(t):
                return f"{t:.2f} s ({rows / t:,.0f} rows/s)"

            anchor = _anchor_seconds(w, kind, cold.path)
            table.add(f"{label} ({cold.shards} shards)", f"{rows:,}", rate(t_cold), rate(t_warm), rate(t_par),
                      *(rate(t) for t in cells) if cells else ("—", "—"), f"{t_warm / t_par:.2f}×",
                      "—" if anchor is None else f"{anchor:.3f} s ({rows / anchor:,.0f} rows/s)")
    finally:
        if client is not None:
            client.close()
            cluster.close()
    return table.render()


def big_sets(args) -> str:
    """Plan each big set and measure its own rate on a random sample of its units."""
    kinds = load_kinds()
    table = Table(["reference set", "rows (upper bound)", "size as npz / json", "shards",
                   "measured rate (sampled units)", "projected 1 core", "projected 2 cores"])
    rng = random.Random(17)
    for kind_name, opts, label in BIG:
        est = estimate_table(kind_name, opts, format="npz", jobs=1)
        est_json = estimate_table(kind_name, opts, format="json", jobs=1)
        kind = kinds[kind_name]
        ns = table_options(kind_name, opts)
        units = kind.units(ns)
        bounds = kind.unit_estimates(ns)
        rows = bound = 0
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < args.sample_seconds:
            i = rng.randrange(len(units))
            if bounds[i] > 200_000:  # keep single samples short
                continue
            rows += sum(1 for _ in kind.unit_rows(ns, units[i]))
            bound += int(bounds[i])
        dt = time.perf_counter() - t0
        # actual rows per bounded row on the sample scales the bound to an expected count
        fill = rows / bound if bound else 1.0
        rate = rows / dt
        expect = est.rows * fill
        table.add(label, f"{est.rows:.3g} (expected {expect:.3g})",
                  f"{est.bytes * fill / 1e9:.3g} GB / {est_json.bytes * fill / 1e9:.3g} GB", est.shards,
                  f"{rate:,.0f} rows/s", _human_seconds(expect / rate), _human_seconds(expect / rate / 2))
    return table.render()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shard-rows", type=int, default=20_000)
    parser.add_argument("--sample-seconds", type=float, default=20.0)
    args = parser.parse_args()
    print(environment())
    with tempfile.TemporaryDirectory() as d:
        print(throughput(args, Path(d)))
    print()
    print(big_sets(args))


if __name__ == "__main__":
    main()
