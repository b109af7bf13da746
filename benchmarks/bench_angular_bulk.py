"""Bulk exact coupling tables: one call per table against one call per value, mathref and its peers, same run.

Run:  python benchmarks/bench_angular_bulk.py            (3j/CG jmax 5 and 8, 6j jmax 4 and 6)
      python benchmarks/bench_angular_bulk.py --quick    (smaller tables)

For each table (every nonzero 3j, CG or 6j value with all j <= jmax, the rows
the CLI writes) the same label set is evaluated by

* ``wigner_3j_exact_table`` / ``clebsch_gordan_exact_table`` /
  ``wigner_6j_exact_table``: exact values, one call (cold: mathref's caches
  cleared first, best of 3; warm: best of 3 repeats, whose lru caches are then full);
* the scalar ``wigner_3j`` / ``clebsch_gordan`` / ``wigner_6j`` in a Python loop
  over the table's labels (caches cleared first, best of 3: the same work as the cold table);
* ``sympy.physics.wigner`` (exact, the only peer that is) on a random sample;
* ``pywigxjpf`` (float, exact integer arithmetic inside): a Python loop of
  ``wig3jj`` / ``wig6jj`` (its ``*_array`` functions take one symbol's labels
  as an array, not a batch);
* ``wigners`` (float, integer labels only): a loop of ``wigner_3j`` /
  ``clebsch_gordan`` on the integer-only tables, its process-wide cache cleared.

Times are CPU (process) time, not wall time: the machine these runs share is
loaded, and every tool here is single-threaded.  The peers return floats, so their rows are context (a float is less work than
an exact value), not the same work; the "per-value loop / table" column is the
like-for-like ratio the issue asks for (>= 10x).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from fractions import Fraction
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import Table, environment, fmt_time, try_import  # noqa: E402

from mathref import caches  # noqa: E402
from mathref.algebra import (  # noqa: E402
    clebsch_gordan,
    clebsch_gordan_exact_table,
    wigner_3j,
    wigner_3j_exact_table,
    wigner_6j,
    wigner_6j_exact_table,
)


def timed(fn) -> float:
    """CPU seconds of one call (process time: on a shared machine wall time mostly measures the neighbours;
    every tool here runs single-threaded, so CPU time is the like-for-like figure)."""
    t0 = time.process_time()
    fn()
    return time.process_time() - t0


def best_cpu(fn, repeat: int = 3) -> float:
    return min(timed(fn) for _ in range(repeat))


def label_rows(table):
    """The table's labels as Python numbers (ints, or Fractions for half-integers), one tuple per value."""
    return [tuple(x // 2 if x % 2 == 0 else Fraction(x, 2) for x in row) for row in table.doubled_labels.tolist()]


def run(kind: str, jmax: int, integer_only: bool, sympy_sample: int, wig, wigners) -> list:
    build = {"3j": wigner_3j_exact_table, "cg": clebsch_gordan_exact_table, "6j": wigner_6j_exact_table}[kind]
    scalar = {"3j": wigner_3j, "cg": clebsch_gordan, "6j": wigner_6j}[kind]
    t_cold = best_cpu(lambda: (caches.clear_caches(), build(jmax, integer_only=integer_only)))
    t_warm = best_cpu(lambda: build(jmax, integer_only=integer_only))
    table = build(jmax, integer_only=integer_only)
    n = len(table.values)
    rows = label_rows(table)
    t_loop = best_cpu(lambda: (caches.clear_caches(), [scalar(*r) for r in rows]))
    t_loop_warm = timed(lambda: [scalar(*r) for r in rows])
    doubled = [tuple(int(x) for x in r) for r in table.doubled_labels.tolist()]

    # sympy, exact, on a sample (its argument orders: CG as (j1, j2, j, m1, m2, m))
    import sympy
    from sympy.physics import wigner as sw

    sample = random.Random(12).sample(doubled, min(sympy_sample, n))
    half = [tuple(sympy.Rational(x, 2) for x in r) for r in sample]
    if kind == "cg":
        half = [(a, c, e, b, d, f) for (a, b, c, d, e, f) in half]
    sym_fn = {"3j": sw.wigner_3j, "cg": sw.clebsch_gordan, "6j": sw.wigner_6j}[kind]
    t_sympy = timed(lambda: [sym_fn(*r) for r in half]) / len(half)

    t_wig_loop = None
    if wig is not None:
        if kind == "6j":
            t_wig_loop = timed(lambda: [wig.wig6jj(*r) for r in doubled]) / n
        else:
            if kind == "cg":  # <j1 m1 j2 m2 | j m> = (-1)**(j1-j2+m) sqrt(2j+1) 3j(j1 j2 j; m1 m2 -m)
                three = [(a, c, e, b, d, -f) for (a, b, c, d, e, f) in doubled]
            else:
                three = doubled
            t_wig_loop = timed(lambda: [wig.wig3jj(*r) for r in three]) / n
    t_wigners = None
    if wigners is not None and integer_only and kind != "6j":
        ints = [tuple(x // 2 for x in r) for r in doubled]
        if kind == "cg":  # wigners.clebsch_gordan(j1, m1, j2, m2, j, m)
            fn = wigners.clebsch_gordan
        else:
            fn = wigners.wigner_3j
        wigners.clear_wigner_3j_cache()
        t_wigners = timed(lambda: [fn(*r) for r in ints]) / n
    what = f"{kind}, jmax = {jmax}{' (integer j)' if integer_only else ''}"
    return [what, f"{n:,}", fmt_time(t_cold / n), fmt_time(t_warm / n), fmt_time(t_loop / n),
            f"{t_loop / t_cold:.1f}×", f"{t_loop_warm / t_warm:.1f}×", fmt_time(t_sympy), f"{t_sympy / (t_cold / n):.0f}×",
            fmt_time(t_wig_loop), fmt_time(t_wigners)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="smaller tables")
    ap.add_argument("--sympy-sample", type=int, default=300)
    args = ap.parse_args()
    wig = try_import("pywigxjpf")
    if wig is not None:
        wig.wig_table_init(2 * 40, 9)
        wig.wig_temp_init(2 * 40)
    wigners = try_import("wigners")
    print(f"Environment: {environment()}\n")
    table = Table(["table", "values", "mathref table / value (cold)", "table / value (warm)",
                   "mathref scalar loop / value (cold)", "per-value loop / table (cold)", "(warm)", "sympy / value (exact)",
                   "sympy / mathref table", "pywigxjpf loop / value (float)",
                   "wigners loop / value (float)"])
    if args.quick:
        work = (("3j", 3, False), ("cg", 3, False), ("6j", 3, False), ("3j", 4, True))
    else:
        work = (("3j", 5, False), ("3j", 8, True), ("cg", 5, False), ("cg", 8, True), ("6j", 4, False), ("6j", 6, True))
    for kind, jmax, integer_only in work:
        table.add(*run(kind, jmax, integer_only, args.sympy_sample, wig, wigners))
    print(table.render())


if __name__ == "__main__":
    main()
