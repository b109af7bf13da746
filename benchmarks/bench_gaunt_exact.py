"""Exact Gaunt coefficients: mathref against sympy.physics.wigner, plus float-tensor accuracy to l = 64.

Run:  python benchmarks/bench_gaunt_exact.py            (about a minute)
      python benchmarks/bench_gaunt_exact.py --quick    (smaller sympy samples)

Workloads
---------
* complex table: every nonzero ``gaunt(l1, l2, l3, m1, m2, m3)`` with all
  ``l <= 8`` (14,081 values).  sympy is called once per label of that set, in
  table order (one pass, about 12 s); mathref is timed both as the same loop of
  scalar ``gaunt`` calls and as one ``gaunt_table_exact(8)`` call.
* real table: ``sympy.physics.wigner.real_gaunt`` costs tens of milliseconds
  per value, so it is timed on a random sample of the 23,621 nonzero labels and
  compared per coefficient; mathref's whole ``real_gaunt_table_exact(8)`` is
  timed and divided by its size.
* mathref's caches (square-free factorial splits, m = 0 factors) are cleared
  before every timed mathref run, so "cold" times include filling them.
* float accuracy: random entries of ``gaunt_block`` / ``real_gaunt_block`` for
  blocks with ``l <= L`` against ``float()`` of the exact values.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import Table, best_time, environment, first_call, fmt_time, ratio, try_import  # noqa: E402

from mathref.algebra import (  # noqa: E402
    gaunt,
    gaunt_block,
    gaunt_table_exact,
    real_gaunt,
    real_gaunt_block,
    real_gaunt_table_exact,
    real_gaunt_tensor,
)


def clear_caches() -> None:
    import mathref

    mathref.clear_caches()  # every registered cache: factorial splits, m = 0 factors, float tables


def cold(fn):
    def run():
        clear_caches()
        return fn()

    return run


def exact_tables(sympy_wigner, quick: bool, rng) -> str:
    lmax = 8
    complex_labels = list(gaunt_table_exact(lmax))
    real_labels = list(real_gaunt_table_exact(lmax))
    n_c, n_r = len(complex_labels), len(real_labels)

    t_table_c = best_time(cold(lambda: gaunt_table_exact(lmax)), repeat=3)
    t_loop_c = best_time(cold(lambda: [gaunt(*k) for k in complex_labels]), repeat=2)
    t_table_r = best_time(cold(lambda: real_gaunt_table_exact(lmax)), repeat=3)

    sample_size = 15 if quick else 60
    idx = rng.choice(n_r, size=sample_size, replace=False)
    sample = [real_labels[i] for i in idx]
    t_loop_r_sample = best_time(cold(lambda: [real_gaunt(*k) for k in sample]), repeat=3) / sample_size

    t_sym_c = t_sym_r = None
    if sympy_wigner is not None:
        # one pass in table order, as a user building the table would run it (sympy's own
        # expression cache helps it here; random orders are several times slower per value)
        labels_c = complex_labels if not quick else complex_labels[:: 7]
        t0 = time.perf_counter()
        for k in labels_c:
            sympy_wigner.gaunt(*k)
        t_sym_c = (time.perf_counter() - t0) * n_c / len(labels_c)
        # time mathref again right after, so both see similar machine load
        t_table_c = min(t_table_c, best_time(cold(lambda: gaunt_table_exact(lmax)), repeat=3))
        per = []
        for k in sample:
            t0 = time.perf_counter()
            sympy_wigner.real_gaunt(*k)
            per.append(time.perf_counter() - t0)
        t_sym_r = float(np.median(per))

    table = Table(["workload", "values", "sympy", "mathref", "sympy / mathref"])
    table.add(
        f"complex table l ≤ {lmax}: `gaunt_table_exact` (cold caches)",
        n_c,
        fmt_time(t_sym_c) + (" (every 7th label, scaled)" if quick else ""),
        fmt_time(t_table_c),
        ratio(t_sym_c, t_table_c),
    )
    table.add(
        "complex, same labels, scalar `gaunt` loop (cold caches)",
        n_c,
        fmt_time(t_sym_c),
        fmt_time(t_loop_c),
        ratio(t_sym_c, t_loop_c),
    )
    per_table_r = t_table_r / n_r
    table.add(
        f"real table l ≤ {lmax}: `real_gaunt_table_exact`, per value",
        n_r,
        fmt_time(t_sym_r) + f" (median of {sample_size})",
        fmt_time(per_table_r),
        ratio(t_sym_r, per_table_r),
    )
    table.add(
        "real, scalar `real_gaunt` on the same sample, per value",
        sample_size,
        fmt_time(t_sym_r),
        fmt_time(t_loop_r_sample),
        ratio(t_sym_r, t_loop_r_sample),
    )
    table.add(
        f"whole real table l ≤ {lmax} (sympy: per-value time × {n_r})",
        n_r,
        fmt_time(t_sym_r * n_r if t_sym_r else None),
        fmt_time(t_table_r),
        ratio(t_sym_r * n_r if t_sym_r else None, t_table_r),
    )
    return table.render()


def float_accuracy(rng, quick: bool) -> str:
    table = Table(["band limit L", "blocks", "entries checked", "max rel. error (complex)", "max rel. error (real)",
                   "time per block (l ≈ L)"])
    for L in (8, 16, 32, 64):
        worst_c = worst_r = 0.0
        checked = 0
        nblocks = 4 if quick else 10
        for _ in range(nblocks):
            l1, l2 = (int(x) for x in rng.integers(0, L + 1, 2))
            lo, hi = abs(l1 - l2), min(l1 + l2, L)
            l3 = lo + 2 * int(rng.integers(0, (hi - lo) // 2 + 1))
            B, R = gaunt_block(l1, l2, l3), real_gaunt_block(l1, l2, l3)
            for _ in range(25):
                m1, m2 = int(rng.integers(-l1, l1 + 1)), int(rng.integers(-l2, l2 + 1))
                m3 = -m1 - m2
                if abs(m3) <= l3:
                    e = float(gaunt(l1, l2, l3, m1, m2, m3))
                    if e:
                        worst_c = max(worst_c, abs(B[l1 + m1, l2 + m2, l3 + m3] - e) / abs(e))
                        checked += 1
                a3 = abs(m1) + abs(m2) if rng.random() < 0.5 else abs(abs(m1) - abs(m2))
                m3 = a3 if ((m1 < 0) + (m2 < 0)) % 2 == 0 else -a3
                if abs(m3) <= l3:
                    e = float(real_gaunt(l1, l2, l3, m1, m2, m3))
                    if e:
                        worst_r = max(worst_r, abs(R[l1 + m1, l2 + m2, l3 + m3] - e) / abs(e))
                        checked += 1
        t_block = best_time(lambda: real_gaunt_block(L, L, L), repeat=3)
        table.add(L, nblocks, checked, f"{worst_c:.1e}", f"{worst_r:.1e}", fmt_time(t_block))
    return table.render()


def float_tensor_timing() -> str:
    table = Table(["call", "first call (incl. JIT load)", "warm"])
    t_first = first_call(lambda: real_gaunt_tensor(1, 1, 2))
    for args in ((4, 4, 8), (8, 8, 16)):
        t = best_time(lambda: real_gaunt_tensor(*args), repeat=3)
        table.add(f"`real_gaunt_tensor{args}`", fmt_time(t_first) if args == (4, 4, 8) else "", fmt_time(t))
    return table.render()


_PEAK_CODE = """
import resource, sys, time, tracemalloc
from mathref.algebra import gaunt
{warm}
tracemalloc.start()
t0 = time.process_time()
v = gaunt({labels})
dt = time.process_time() - t0
peak = tracemalloc.get_traced_memory()[1]
print(dt, peak, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)
"""

_SYMPY_CODE = """
import time
from sympy.physics.wigner import gaunt
t0 = time.process_time(); gaunt({labels}); print(time.process_time() - t0)
"""


def _subprocess(code: str, timeout: float):
    import subprocess

    try:
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    if out.returncode:
        return None
    return [float(x) for x in out.stdout.split()]


def large_gaunt(sympy_timeout: float) -> str:
    """Exact Gaunt at l = 200 and 1000 in fresh processes: time, traced peak and peak RSS; sympy where it finishes."""
    # CPU (process) time: on a shared, loaded machine wall time mostly measures the neighbours
    table = Table(["labels", "mathref cold (fresh process, CPU)", "mathref traced peak", "process peak RSS",
                   "sympy (fresh process, CPU)", "sympy / mathref"])
    for labels in ("200, 200, 200, 0, 0, 0", "200, 200, 200, 7, -3, -4", "1000, 1000, 1000, 0, 0, 0",
                   "1000, 1000, 1000, 3, -3, 0", "1000, 999, 3, 5, -4, -1"):
        runs = [_subprocess(_PEAK_CODE.format(labels=labels, warm=""), 300) for _ in range(3)]
        runs = [r for r in runs if r]
        dt = float(np.median([r[0] for r in runs]))
        peak = max(r[1] for r in runs)
        rss = max(r[2] for r in runs)
        sym = _subprocess(_SYMPY_CODE.format(labels=labels), sympy_timeout)
        t_sym = sym[0] if sym else None
        table.add(f"gaunt({labels})", fmt_time(dt), f"{peak / 2**20:.1f} MB", f"{rss / 2**20:.0f} MB",
                  fmt_time(t_sym) if t_sym else f"> {sympy_timeout:.0f} s (killed)", ratio(t_sym, dt))
    return table.render()


def _cpu(fn) -> float:
    t0 = time.process_time()
    fn()
    return time.process_time() - t0


def float_blocks_large() -> str:
    table = Table(["call", "first call (cold caches, CPU)", "warm (best of 3, CPU)"])
    for name, fn in (("gaunt_block(1000, 1000, 2)", lambda: gaunt_block(1000, 1000, 2)),
                     ("real_gaunt_block(1000, 1000, 2)", lambda: real_gaunt_block(1000, 1000, 2)),
                     ("real_gaunt_block(200, 200, 200)", lambda: real_gaunt_block(200, 200, 200))):
        clear_caches()
        t_first = _cpu(fn)
        table.add(f"`{name}`", fmt_time(t_first), fmt_time(min(_cpu(fn) for _ in range(3))))
    return table.render()


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--large-only", action="store_true", help="only the l = 200 / 1000 sections (issue 12)")
    parser.add_argument("--sympy-timeout", type=float, default=120.0)
    args = parser.parse_args(argv)
    if args.large_only:
        print(f"<!-- {environment()} -->\n")
        print("**Exact Gaunt at l = 200 and 1000 (median of 3 fresh processes; sympy one fresh process)**\n")
        print(large_gaunt(args.sympy_timeout))
        print("\n**Float Gaunt blocks at large l**\n")
        print(float_blocks_large())
        return
    rng = np.random.default_rng(2024)
    sympy_wigner = try_import("sympy.physics.wigner")
    import sympy

    print(f"<!-- {environment()}, sympy {sympy.__version__} -->")
    print()
    timing = float_tensor_timing()  # first: its first call includes loading the compiled 3j kernel
    print("**Exact Gaunt tables, l ≤ 8 (mathref vs sympy.physics.wigner)**")
    print()
    print(exact_tables(sympy_wigner, args.quick, rng))
    print()
    print("**Float Gaunt blocks vs exact (sampled entries, relative error)**")
    print()
    print(float_accuracy(rng, args.quick))
    print()
    print(timing)


if __name__ == "__main__":
    main()
