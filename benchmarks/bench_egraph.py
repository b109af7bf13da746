"""E-graphs: mathref's pure-Python equality saturation vs egglog (Rust) and sympy, same run.

Workloads
1. The textbook identities of issue 7: ``combinatorics.equivalent(a, b)`` (proof with a
   checked explanation) vs ``sympy.simplify(a - b) == 0`` (no proof object).
2. AC saturation of an n-term sum with commutativity + both associativity rules, no
   back-off (egg's SimpleScheduler): time and e-node count vs egglog on the same rules.
   The closure has 3**n - 2**(n+1) + 1 + n e-nodes.

Usage: ``python benchmarks/bench_egraph.py [--quick] [--big]`` (``--big`` adds n = 10 for
mathref; n = 12 runs for egglog only, mathref's projected time is printed instead).
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
    g = EGraph()
    g.add_term(n_sum_term(n))
    rep = saturate(g, ac_rules("+"), limits=Limits(scheduler="simple", nodes=10**7, iterations=1000, time=3600))
    assert rep.saturated
    return rep


def egglog_ac(egglog, n):
    from egglog import EGraph as EEGraph
    from egglog import Expr, StringLike, rewrite, vars_

    class Num(Expr):
        def __init__(self, v: StringLike) -> None: ...

        def __add__(self, other: Num) -> Num: ...

    eg = EEGraph()
    xs = [Num(f"a{i}") for i in range(n)]
    t = xs[0]
    for v in xs[1:]:
        t = t + v
    eg.let("t", t)
    a, b, c = vars_("a b c", Num)
    eg.register(rewrite(a + b).to(b + a), rewrite((a + b) + c).to(a + (b + c)), rewrite(a + (b + c)).to((a + b) + c))
    t0 = time.perf_counter()
    eg.run(10_000)
    dt = time.perf_counter() - t0
    nodes = sum(size for _, size in eg.all_function_sizes())
    return dt, nodes


def bench_ac(big: bool, quick: bool) -> str:
    egglog = try_import("egglog")
    table = Table(["n", "3ⁿ−2ⁿ⁺¹+1+n", "mathref e-nodes", "egglog e-nodes", "mathref", "egglog", "ratio (egglog/mathref)"])
    sizes = [6, 8] if quick else [6, 8, 10, 12]
    for n in sizes:
        expected = 3**n - 2 ** (n + 1) + 1 + n
        ours_t = ours_nodes = None
        if n <= 8 or (n == 10 and big):
            reps = 1 if n >= 8 else 3
            best = float("inf")
            for _ in range(reps):
                t0 = time.perf_counter()
                rep = ours_ac(n)
                best = min(best, time.perf_counter() - t0)
            ours_t, ours_nodes = best, rep.nodes
        eg_t = eg_nodes = None
        if egglog is not None:
            eg_t, eg_nodes = min((egglog_ac(egglog, n) for _ in range(1 if n >= 10 else 3)), key=lambda r: r[0])
        table.add(
            n,
            expected,
            ours_nodes if ours_nodes is not None else "not run (pure Python, minutes)",
            eg_nodes if eg_nodes is not None else "—",
            fmt_time(ours_t),
            fmt_time(eg_t),
            ratio(eg_t, ours_t),
        )
    return table.render()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="fewer repeats, n = 6, 8 only")
    ap.add_argument("--big", action="store_true", help="also saturate n = 10 with mathref (slow)")
    args = ap.parse_args(argv)
    egglog = try_import("egglog")
    try:
        from importlib.metadata import version

        eg_version = version("egglog") if egglog is not None else "unavailable"
    except Exception:
        eg_version = "unknown version"
    print(f"# {environment()}; sympy {sp.__version__}; egglog {eg_version}")
    print()
    print("### Textbook identities: `equivalent(a, b)` vs `sympy.simplify(a - b) == 0`")
    print()
    print(bench_identities(args.quick))
    print()
    print("### AC saturation of an n-term sum (comm + assoc both ways, no back-off)")
    print()
    print(bench_ac(args.big, args.quick))


if __name__ == "__main__":
    main()
