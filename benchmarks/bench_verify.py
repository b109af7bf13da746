"""Throughput of ``mathref.verify.verify``: checking a whole table against exact values.

Run:  python benchmarks/bench_verify.py            (about a minute)
      python benchmarks/bench_verify.py --quick    (smaller tables)

Workload: every nonzero Clebsch-Gordan coefficient with j1, j2, j <= JMAX (the
rows ``mathref tables cg`` writes), as (labels, float) rows, one sign flipped.
The work on each side is the same: obtain a reference value for every row and
compare, counting entries over a tolerance.

* mathref: ``verify("cg", rows)`` -- exact values rounded once (bulk exact table),
  classification, worst entries, convention search.  "cold" clears mathref's
  caches and the verify reference memo first; "warm" repeats the call.
* sympy: ``sympy.physics.wigner.clebsch_gordan`` (exact) per row, timed on a
  sample and scaled to the whole table (a full run takes many minutes).
* wigners: ``wigners.clebsch_gordan`` (float, not correctly rounded, integer j
  only) per row on the integer-j rows, scaled likewise -- the fastest reference
  a user could reach for, though not an exact one.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import Table, best_time, environment, fmt_time, ratio, try_import  # noqa: E402

from mathref.algebra import clebsch_gordan_exact_table  # noqa: E402
from mathref.verify import verify  # noqa: E402


def clear() -> None:
    import mathref.algebra.verify as kinds
    from mathref.caches import clear_caches
    from mathref.verify import engine

    clear_caches()
    kinds._bulk.cache_clear()
    engine._MEMO.clear()


def per_row(fn, rows, budget=10.0):
    t0 = time.perf_counter()
    done = 0
    for r in rows:
        fn(r)
        done += 1
        if time.perf_counter() - t0 > budget:
            break
    return (time.perf_counter() - t0) / done


def main(argv=None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args(argv)
    jmaxes = ["4"] if args.quick else ["4", "17/2"]
    sympy_wigner = try_import("sympy.physics.wigner")
    wigners = try_import("wigners")
    print(environment())
    t = Table(["table", "rows", "mathref cold", "mathref warm", "per row (warm)", "sympy (scaled)", "sympy/ours",
               "wigners (scaled)", "wigners/ours"])
    for jmax in jmaxes:
        from fractions import Fraction

        table = clebsch_gordan_exact_table(Fraction(jmax))
        labels, values = table.doubled_labels / 2.0, table.floats()
        values[len(values) // 2] *= -1
        rows = np.column_stack([labels, values])
        n = len(values)
        clear()
        t0 = time.perf_counter()
        report = verify("cg", rows)
        cold = time.perf_counter() - t0
        assert report.sign_errors == 1
        warm = best_time(lambda: verify("cg", rows), repeat=3)
        rng = np.random.default_rng(0)
        sample = rows[rng.choice(n, min(n, 3000), replace=False)]
        sym = None
        if sympy_wigner is not None:
            from sympy import Rational

            def sym_one(r):
                j1, m1, j2, m2, j, m = (Rational(int(round(2 * x)), 2) for x in r[:6])
                return abs(float(sympy_wigner.clebsch_gordan(j1, j2, j, m1, m2, m)) - r[6]) > 1e-12

            sym = per_row(sym_one, sample) * n
        wig = None
        if wigners is not None:
            ints = sample[np.all(np.round(sample[:, :6]) == sample[:, :6], axis=1)]

            def wig_one(r):
                return abs(wigners.clebsch_gordan(*(int(x) for x in r[:6])) - r[6]) > 1e-12

            wig = per_row(wig_one, ints) * n if len(ints) else None
        t.add(f"cg, j <= {jmax}", n, fmt_time(cold), fmt_time(warm), fmt_time(warm / n), fmt_time(sym),
              ratio(sym, warm), fmt_time(wig), ratio(wig, warm))
    print(t.render())


if __name__ == "__main__":
    main()
