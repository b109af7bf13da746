"""Exact angular-momentum coupling: mathref vs sympy.physics.wigner, same run.

Workloads (issue 2): every CG coefficient with j1, j2 <= 10 (integer and
half-integer, all j, m; 460,229 values), timed in full for mathref and on a
random sample for sympy (compared per coefficient); 3j(j j j; 0 0 0) at
j = 100, 200, 1000; 6j with all j = 100; 9j with all j = 10.

Run:  python benchmarks/bench_angular.py [--sample 400]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from fractions import Fraction
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import sympy
from _harness import Table, best_time, environment, first_call, fmt_time, ratio
from sympy.physics import wigner as sw

from mathref.algebra import clebsch_gordan, wigner_3j, wigner_6j, wigner_9j


def all_cg_labels(two_jmax=20):
    out = []
    for t1 in range(two_jmax + 1):
        for t2 in range(two_jmax + 1):
            for t in range(abs(t1 - t2), t1 + t2 + 1, 2):
                for u1 in range(-t1, t1 + 1, 2):
                    for u2 in range(-t2, t2 + 1, 2):
                        if abs(u1 + u2) <= t:
                            out.append((t1, u1, t2, u2, t, u1 + u2))
    return out


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--sample", type=int, default=400, help="CG labels timed with sympy")
    args = ap.parse_args(argv)
    print(f"# {environment()}, sympy {sympy.__version__}")
    table = Table(["workload", "mathref (warm)", "mathref first call", "sympy", "speed-up (sympy / mathref warm)", "agree"])

    # the first 3j call of the process pays for building factorial caches up to j = 1000
    labels = all_cg_labels()
    ours_args = [tuple(Fraction(x, 2) for x in l) for l in labels]
    t0 = time.perf_counter()
    for l in ours_args:
        clebsch_gordan(*l)
    ours_total = time.perf_counter() - t0
    ours_each = ours_total / len(labels)

    rng = random.Random(1)
    sample = rng.sample(labels, args.sample)
    sym_args = [tuple(sympy.Rational(x, 2) for x in (t1, t2, t, u1, u2, u)) for (t1, u1, t2, u2, t, u) in sample]
    t0 = time.perf_counter()
    sym_vals = [sw.clebsch_gordan(*a) for a in sym_args]
    sym_each = (time.perf_counter() - t0) / len(sample)
    agree = all(sympy.sympify(clebsch_gordan(*(Fraction(x, 2) for x in l))) == v for l, v in zip(sample, sym_vals))
    table.add(
        f"all CG, j1, j2 <= 10 ({len(labels):,} values; per coefficient, sympy on {args.sample} sampled)",
        f"{fmt_time(ours_each)} ({fmt_time(ours_total)} total)",
        "(included)",
        f"{fmt_time(sym_each)} (≈{fmt_time(sym_each * len(labels))} total)",
        ratio(sym_each, ours_each),
        agree,
    )

    for j in (100, 200, 1000):
        a = (j, j, j, 0, 0, 0)
        cold = first_call(lambda: wigner_3j(*a))
        ours = best_time(lambda: wigner_3j(*a), repeat=5)
        reps = 1 if j >= 1000 else 3
        sym = best_time(lambda: sw.wigner_3j(*a), repeat=reps)
        same = sympy.sympify(wigner_3j(*a)) == sw.wigner_3j(*a)
        table.add(f"3j({j},{j},{j};0,0,0)", fmt_time(ours), fmt_time(cold), fmt_time(sym), ratio(sym, ours), same)

    for name, ours_fn, sym_fn, a in [
        ("6j, all j = 100", wigner_6j, sw.wigner_6j, (100,) * 6),
        ("6j(100, 99, 101, 98, 100, 102)", wigner_6j, sw.wigner_6j, (100, 99, 101, 98, 100, 102)),
        ("9j, all j = 10", wigner_9j, lambda *x: sw.wigner_9j(*x, prec=None), (10,) * 9),
    ]:
        cold = first_call(lambda: ours_fn(*a))
        ours = best_time(lambda: ours_fn(*a), repeat=5)
        sym = best_time(lambda: sym_fn(*a), repeat=2)
        same = sympy.simplify(sympy.sympify(ours_fn(*a)) - sym_fn(*a)) == 0
        table.add(name, fmt_time(ours), fmt_time(cold), fmt_time(sym), ratio(sym, ours), same)

    print(table.render())


if __name__ == "__main__":
    main()
