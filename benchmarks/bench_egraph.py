"""E-graphs: mathref's pure-Python equality saturation vs egglog (Rust) and sympy, same run.

Workloads
1. The textbook identities of issue 7: ``combinatorics.equivalent(a, b)`` (proof with a
   checked explanation) vs ``sympy.simplify(a - b) == 0`` (no proof object).
2. AC saturation of an n-term sum with commutativity + both associativity rules, no
   back-off (egg's SimpleScheduler): time and e-node count vs egglog on the same rules.
   The closure has 3**n - 2**(n+1) + 1 + n e-nodes.

   Both sides time the build of the e-graph (egglog: declaring the sort, the e-graph, the term and
   the rules; mathref: the e-graph, the term and compiling the rules) and the run, cold (first
   call in the process) and warm (best of repeats).

Usage: ``python benchmarks/bench_egraph.py [--quick] [--big] [--only SECTION]`` (``--big`` adds
n = 10 for mathref).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import sympy as sp  # noqa: E402
from _harness import Table, best_time, environment, first_call, fmt_time, ratio, try_import  # noqa: E402

from mathref.combinatorics import EGraph, Limits, ac_rules, equivalent, saturate  # noqa: E402


def identities():
    x, y, z = sp.symbols("x y z")
    p, q = sp.symbols("p q", positive=True)
    x1, x2 = sp.symbols("x1 x2", positive=True)
    r = sp.Symbol("r", real=True)
    a = sp.symbols("a0:8")
    left = a[0]
    for t in a[1:]:
        left = sp.Add(left, t, evaluate=False)
    order = [3, 1, 7, 0, 5, 2, 6, 4]
    right = a[order[-1]]
    for i in reversed(order[:-1]):
        right = sp.Add(a[i], right, evaluate=False)
    U = dict(evaluate=False)
    return [
        ("log(x1²x2³) = 2 log x1 + 3 log x2", sp.log(x1**2 * x2**3), 2 * sp.log(x1) + 3 * sp.log(x2)),
        ("sin² + cos² = 1", sp.sin(x) ** 2 + sp.cos(x) ** 2, sp.Integer(1)),
        ("(x+y)² = x² + 2xy + y²", (x + y) ** 2, x**2 + 2 * x * y + y**2),
        ("sin 2x = 2 sin x cos x", sp.sin(2 * x), 2 * sp.sin(x) * sp.cos(x)),
        ("x(y+z) − xy = xz", x * (y + z) - x * y, x * z),
        ("8-term sum reassociated", left, right),
        ("(x+1)(y+2)(z+3) = expansion", (x + 1) * (y + 2) * (z + 3), sp.expand((x + 1) * (y + 2) * (z + 3))),
        ("exp(log p) + log(exp r) = p + r", sp.exp(sp.log(p), **U) + sp.log(sp.exp(r), **U), p + r),
        ("cos 2x = 1 − 2 sin² x", sp.cos(2 * x), 1 - 2 * sp.sin(x) ** 2),
        ("sin(x+y) = sum formula", sp.sin(x + y), sp.sin(x) * sp.cos(y) + sp.cos(x) * sp.sin(y)),
        ("log(x+y) ≠ log x + log y", sp.log(x + y), sp.log(x) + sp.log(y)),
        ("(x+y)² ≠ x² + y²", (x + y) ** 2, x**2 + y**2),
        ("sin² − cos² ≠ 1", sp.sin(x) ** 2 - sp.cos(x) ** 2, sp.Integer(1)),
    ]


def bench_identities(quick: bool) -> str:
    table = Table(["identity", "verdict", "mathref first", "mathref warm", "sympy simplify", "ratio (sympy/mathref)"])
    for name, a, b in identities():
        t_first = first_call(lambda: equivalent(a, b))
        res = equivalent(a, b)
        t_ours = best_time(lambda: equivalent(a, b), repeat=3 if quick else 5, budget=5)
        t_sym = best_time(lambda: sp.simplify(a - b) == 0, repeat=2 if quick else 3, budget=10)
        table.add(name, res.verdict, fmt_time(t_first), fmt_time(t_ours), fmt_time(t_sym), ratio(t_sym, t_ours))
    return table.render()


def n_sum_term(n):
    t = ("sym", "a0")
    for i in range(1, n):
        t = ("+", t, ("sym", f"a{i}"))
    return t


def ours_ac(n):
    """(build seconds, run seconds, e-nodes): build = e-graph + term + the three rules, run = saturate."""
    t0 = time.perf_counter()
    g = EGraph()
    g.add_term(n_sum_term(n))
    rules = ac_rules("+")
    t1 = time.perf_counter()
    rep = saturate(g, rules, limits=Limits(scheduler="simple", nodes=10**7, iterations=1000, time=3600))
    t2 = time.perf_counter()
    assert rep.saturated
    return t1 - t0, t2 - t1, rep.nodes


_EGGLOG_NUM = None


def _egglog_num(egglog):
    """egglog's sort for the sums, declared once per process (declaring it is part of the cold build)."""
    global _EGGLOG_NUM
    if _EGGLOG_NUM is None:
        from egglog import Expr, StringLike

        class Num(Expr):
            def __init__(self, v: StringLike) -> None: ...

            def __add__(self, other: Num) -> Num: ...

        _EGGLOG_NUM = Num
    return _EGGLOG_NUM


def egglog_ac(egglog, n):
    """(build seconds, run seconds, e-nodes) on egglog: build = sort, e-graph, term, rules; run = ``run``."""
    from egglog import EGraph as EEGraph
    from egglog import rewrite, vars_

    t0 = time.perf_counter()
    Num = _egglog_num(egglog)
    eg = EEGraph()
    xs = [Num(f"a{i}") for i in range(n)]
    t = xs[0]
    for v in xs[1:]:
        t = t + v
    eg.let("t", t)
    a, b, c = vars_("a b c", Num)
    eg.register(rewrite(a + b).to(b + a), rewrite((a + b) + c).to(a + (b + c)), rewrite(a + (b + c)).to((a + b) + c))
    t1 = time.perf_counter()
    eg.run(10_000)
    t2 = time.perf_counter()
    nodes = sum(size for _, size in eg.all_function_sizes())
    return t1 - t0, t2 - t1, nodes


def bench_ac(big: bool, quick: bool) -> str:
    """Build + run of the full AC closure on both sides, same run: cold (first call in the process) and warm."""
    egglog = try_import("egglog")
    table = Table(["n", "3ⁿ−2ⁿ⁺¹+1+n", "e-nodes (mathref / egglog)", "mathref build + run", "egglog build + run",
                   "ratio warm (egglog/mathref)", "cold: mathref / egglog", "ratio cold"])
    sizes = [6, 8] if quick else [6, 7, 8, 9, 10]
    cold = {"ours": True, "egglog": True}

    def measure(fn, reps, key):
        first = fn()
        was_cold, cold[key] = cold[key], False
        runs = [first] + [fn() for _ in range(reps - 1)]
        best = min(runs, key=lambda r: r[0] + r[1])
        return (first[0] + first[1]) if was_cold else None, best

    for n in sizes:
        expected = 3**n - 2 ** (n + 1) + 1 + n
        reps = 1 if n >= 10 else (2 if n >= 8 else 3)
        ours_cold = eg_cold = None
        ours = eg = None
        if n <= 9 or big:
            ours_cold, ours = measure(lambda: ours_ac(n), reps, "ours")
        if egglog is not None:
            eg_cold, eg = measure(lambda: egglog_ac(egglog, n), reps, "egglog")
        ours_t = None if ours is None else ours[0] + ours[1]
        eg_t = None if eg is None else eg[0] + eg[1]
        table.add(
            n,
            expected,
            f"{ours[2] if ours else 'not run'} / {eg[2] if eg else '—'}",
            "—" if ours is None else f"{fmt_time(ours[0])} + {fmt_time(ours[1])}",
            "—" if eg is None else f"{fmt_time(eg[0])} + {fmt_time(eg[1])}",
            ratio(eg_t, ours_t),
            f"{fmt_time(ours_cold)} / {fmt_time(eg_cold)}" if ours_cold is not None and eg_cold is not None else "—",
            ratio(eg_cold, ours_cold),
        )
    return table.render()


def bench_completeness(egglog_iterations: int = 10) -> str:
    """Share of the identity set proved by mathref, sympy simplify and egglog (egg-style rules), by area.

    Times include everything each side does per identity (mathref: conversion, screen, normal form,
    saturation, explanation; egglog: translation, parsing the rules, building the e-graph, running,
    checking; sympy: simplify(a - b)).
    """
    from identities import AREAS, false_pairs
    from identities import identities as id_set

    egl = try_import("egglog")
    if egl is not None:
        from _egglog_prover import prove
    counts = {a: [0, 0, 0, 0] for a in AREAS}
    t = {"mathref": 0.0, "sympy": 0.0, "egglog": 0.0}
    for _name, area, a, b, _src in id_set():
        t0 = time.perf_counter()
        counts[area][0] += equivalent(a, b).verdict == "equal"
        t1 = time.perf_counter()
        counts[area][1] += sp.simplify(a - b) == 0
        t2 = time.perf_counter()
        if egl is not None:
            counts[area][2] += prove(a, b, iterations=egglog_iterations)[0]
        t3 = time.perf_counter()
        counts[area][3] += 1
        t["mathref"] += t1 - t0
        t["sympy"] += t2 - t1
        t["egglog"] += t3 - t2
    table = Table(["area", "identities", "mathref", "sympy simplify", "egglog (egg-style rules)"])
    tot = [0, 0, 0, 0]
    for area, (m, s_, e, n) in counts.items():
        table.add(area, n, m, s_, e if egl is not None else "—")
        tot = [u + v for u, v in zip(tot, (m, s_, e, n))]
    table.add("total", tot[3], f"{tot[0]} ({100 * tot[0] / tot[3]:.0f} %)", f"{tot[1]} ({100 * tot[1] / tot[3]:.0f} %)",
              f"{tot[2]} ({100 * tot[2] / tot[3]:.0f} %)" if egl is not None else "—")
    table.add("seconds (whole set)", "", fmt_time(t["mathref"]), fmt_time(t["sympy"]), fmt_time(t["egglog"]))
    falses = [equivalent(a, b).verdict == "equal" for _, a, b in false_pairs()]
    efalse = [prove(a, b, iterations=egglog_iterations)[0] for _, a, b in false_pairs()] if egl is not None else []
    table.add("false pairs proved (of 15)", "", sum(falses), "—", sum(efalse) if egl is not None else "—")
    return table.render()


def bench_time_limits() -> str:
    """Wall time of ``equivalent`` on two blow-up inputs against its time limit (overshoot measured, not asserted)."""
    from mathref.combinatorics import distributivity_rules

    ps = sp.symbols("p0:10", positive=True)
    prod = ps[0]
    for q in ps[1:]:
        prod = sp.Mul(prod, q, evaluate=False)
    v = sp.symbols("a0:10")
    bino = sp.Mul(*[v[2 * i] + v[2 * i + 1] for i in range(5)], evaluate=False)
    cases = [
        ("log of a 10-factor product (default rules)", sp.log(prod, evaluate=False),
         sp.Add(*[sp.log(q) for q in reversed(ps)], sp.log(3)), {}),
        ("5 binomials (AC + distributivity)", bino, sp.expand(bino) + 1,
         {"rules": ac_rules("+") + ac_rules("*") + distributivity_rules()}),
    ]
    table = Table(["input", "time limit", "wall", "overshoot", "stop"])
    for T in (0.5, 1.0, 2.0, 5.0):
        for name, a, b, kw in cases:
            t0 = time.perf_counter()
            r = equivalent(a, b, limits=Limits(iterations=1000, nodes=10**7, time=T), samples=0, **kw)
            w = time.perf_counter() - t0
            table.add(name, f"{T} s", fmt_time(w), f"{100 * (w - T) / T:+.1f} %", r.report.stop_reason)
    return table.render()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="fewer repeats, n = 6, 8 only")
    ap.add_argument("--big", action="store_true", help="also saturate n = 10 with mathref")
    ap.add_argument("--only", choices=["completeness", "limits", "identities", "ac"], help="run one section")
    args = ap.parse_args(argv)
    egglog = try_import("egglog")
    try:
        from importlib.metadata import version

        eg_version = version("egglog") if egglog is not None else "unavailable"
    except Exception:
        eg_version = "unknown version"
    print(f"# {environment()}; sympy {sp.__version__}; egglog {eg_version}")
    print()
    if args.only in (None, "completeness"):
        print("### Completeness on benchmarks/identities.py (146 identities)")
        print()
        print(bench_completeness())
        print()
    if args.only in (None, "limits"):
        print("### Time limits: wall time vs limit on blow-up inputs")
        print()
        print(bench_time_limits())
        print()
    if args.only not in (None, "identities", "ac"):
        return
    if args.only != "ac":
        print("### Textbook identities: `equivalent(a, b)` vs `sympy.simplify(a - b) == 0`")
        print()
        print(bench_identities(args.quick))
        print()
    if args.only not in (None, "ac"):
        return
    print("### AC saturation of an n-term sum (comm + assoc both ways, no back-off; build + run on both sides)")
    print()
    print(bench_ac(args.big, args.quick))


if __name__ == "__main__":
    main()
