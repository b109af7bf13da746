"""Spherical harmonics and Gaunt tensor products: mathref vs sphericart and e3nn, same run.

Workloads (issue 3, section 5):

1. SH evaluation, 10^5 random points, lmax = 8 and 32: ``geometry.sph_harm_all``
   vs ``sphericart.SphericalHarmonics(lmax).compute`` (standard real form, both).
2. Gaunt tensor product, batch 1000, float64, L1 = L2 = lmax_out = L for
   L = 1, 2, 4, 6, 8, 12, 16: methods dense / fourier / grid, error of each
   against dense, and e3nn's CPU ``FullTensorProduct`` (all paths) and the same
   restricted to even l1+l2+l paths (``filter_ir_out``), which is what the
   Gaunt product spans.
3. The Price-of-Freedom paper's CPU sizes: batch 10,000, L = 8.

Everything runs on one thread (OMP/OpenBLAS/MKL set to 1 before numpy is
imported; ``torch.set_num_threads(1)``); Numba kernels are serial.

Run:  python benchmarks/bench_gaunt.py [--small]
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import functools  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402
from _harness import Table, best_time, environment, first_call, fmt_time, ratio, try_import  # noqa: E402

from mathref.geometry import gaunt_tensor_product, sph_harm_all  # noqa: E402
from mathref.geometry.tensor_product import _dense_tensor, _fourier_plan  # noqa: E402

PAPER_CPU = {"CG dense (e3nn)": 0.213, "Gaunt grid": 0.034, "Gaunt Fourier": 2.292}


def bench_sh(n_points: int, lmaxes, sphericart) -> str:
    rng = np.random.default_rng(0)
    pts = rng.normal(size=(n_points, 3))
    table = Table(["lmax", "points", "mathref sph_harm_all", "first call", "sphericart", "ratio (sphericart / mathref)",
                   "max |diff|"])
    for lmax in lmaxes:
        first = first_call(lambda: sph_harm_all(lmax, pts[:10]))
        ours = best_time(lambda: sph_harm_all(lmax, pts), repeat=5)
        t_sc, diff = None, "—"
        if sphericart is not None:
            calc = sphericart.SphericalHarmonics(lmax)
            t_sc = best_time(lambda: calc.compute(pts), repeat=5)
            diff = f"{np.abs(calc.compute(pts[:2000]) - sph_harm_all(lmax, pts[:2000])).max():.1e}"
        table.add(lmax, n_points, fmt_time(ours), fmt_time(first), fmt_time(t_sc), ratio(t_sc, ours), diff)
    return table.render()


@functools.lru_cache(maxsize=None)
def _e3nn_products(L, torch, o3):
    # construction (code generation) takes tens of seconds at L = 8; build once, report separately
    irreps = o3.Irreps.spherical_harmonics(L)
    full = o3.FullTensorProduct(irreps, irreps)
    even = o3.FullTensorProduct(irreps, irreps, filter_ir_out=[o3.Irrep(l, (-1) ** l) for l in range(2 * L + 1)])
    return full, even


def bench_tp(batch: int, Ls, torch, o3, dense_max: int, e3nn_max: int, budget: float) -> str:
    rng = np.random.default_rng(1)
    table = Table(["L", "dense", "fourier", "grid", "e3nn Full TP", "e3nn even paths", "fourier err", "grid err",
                   "grid vs e3nn full", "grid vs e3nn even"])
    for L in Ls:
        x1 = rng.normal(size=(batch, (L + 1) ** 2))
        x2 = rng.normal(size=(batch, (L + 1) ** 2))
        times = {}
        if L <= dense_max:
            _dense_tensor(L, L, L)  # tensor construction is a one-off cost, not part of the product
            times["dense"] = best_time(lambda: gaunt_tensor_product(x1, x2, L, method="dense"), repeat=3, budget=budget)
            ref = gaunt_tensor_product(x1, x2, L, method="dense")
        else:
            ref = None
        _fourier_plan(L, L, L)
        for m in ("fourier", "grid"):
            gaunt_tensor_product(x1[:2], x2[:2], L, method=m)
            times[m] = best_time(lambda: gaunt_tensor_product(x1, x2, L, method=m), repeat=5, budget=budget)
        errs = {}
        for m in ("fourier", "grid"):
            if ref is not None:
                out = gaunt_tensor_product(x1, x2, L, method=m)
                errs[m] = f"{np.abs(out - ref).max() / np.abs(ref).max():.1e}"
            else:
                errs[m] = "—"
        t_full = t_even = None
        if torch is not None and o3 is not None and L <= e3nn_max:
            t_build = time.perf_counter()
            full, even = _e3nn_products(L, torch, o3)
            print(f"#   e3nn FullTensorProduct construction at L={L}: {time.perf_counter() - t_build:.1f} s",
                  file=sys.stderr, flush=True)
            a, b = torch.from_numpy(x1), torch.from_numpy(x2)
            with torch.no_grad():
                full(a[:2], b[:2])
                even(a[:2], b[:2])
                t_full = best_time(lambda: full(a, b), repeat=3, budget=budget)
                t_even = best_time(lambda: even(a, b), repeat=3, budget=budget)
        table.add(L, fmt_time(times.get("dense")), fmt_time(times["fourier"]), fmt_time(times["grid"]),
                  fmt_time(t_full), fmt_time(t_even), errs["fourier"], errs["grid"],
                  ratio(t_full, times["grid"]), ratio(t_even, times["grid"]))
        print(f"#   L={L} done", file=sys.stderr, flush=True)
    return table.render()


def bench_paper(batch: int, torch, o3, budget: float) -> str:
    L = 8
    rng = np.random.default_rng(2)
    x1 = rng.normal(size=(batch, (L + 1) ** 2))
    x2 = rng.normal(size=(batch, (L + 1) ** 2))
    table = Table(["batch 10,000, L = 8", "paper (CPU)", "measured here", "paper / here"])
    here = {}
    if torch is not None and o3 is not None:
        full, _ = _e3nn_products(L, torch, o3)
        a, b = torch.from_numpy(x1), torch.from_numpy(x2)
        with torch.no_grad():
            full(a[:2], b[:2])
            here["CG dense (e3nn)"] = best_time(lambda: full(a, b), repeat=3, budget=budget)
    here["Gaunt grid"] = best_time(lambda: gaunt_tensor_product(x1, x2, L, method="grid"), repeat=3, budget=budget)
    here["Gaunt Fourier"] = best_time(lambda: gaunt_tensor_product(x1, x2, L, method="fourier"), repeat=3,
                                      budget=budget)
    here["Gaunt dense (mathref)"] = best_time(lambda: gaunt_tensor_product(x1, x2, L, method="dense"), repeat=2,
                                              budget=budget)
    for name in ["CG dense (e3nn)", "Gaunt grid", "Gaunt Fourier", "Gaunt dense (mathref)"]:
        paper = PAPER_CPU.get(name)
        table.add(name, fmt_time(paper), fmt_time(here.get(name)), ratio(paper, here.get(name)))
    return table.render()


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--small", action="store_true", help="tiny sizes, to check the script runs")
    args = ap.parse_args(argv)
    torch = try_import("torch")
    o3 = try_import("e3nn.o3") if torch is not None else None
    sphericart = try_import("sphericart")
    if torch is not None:
        torch.set_num_threads(1)
        torch.set_default_dtype(torch.float64)
    versions = []
    for name, mod in (("torch", torch), ("e3nn", try_import("e3nn") if o3 is not None else None)):
        versions.append(f"{name} {getattr(mod, '__version__', 'absent') if mod is not None else 'absent'}")
    try:
        from importlib.metadata import version

        versions.append(f"sphericart {version('sphericart')}" if sphericart is not None else "sphericart absent")
    except Exception:
        pass
    print(f"# {environment()}, {', '.join(versions)}; 1 thread everywhere (OMP/BLAS/torch)")
    t0 = time.perf_counter()
    if args.small:
        sh = bench_sh(2000, [4], sphericart)
        tp = bench_tp(50, [1, 2, 4], torch, o3, dense_max=4, e3nn_max=2, budget=2.0)
        paper = None
    else:
        sh = bench_sh(100_000, [8, 32], sphericart)
        tp = bench_tp(1000, [1, 2, 4, 6, 8, 12, 16], torch, o3, dense_max=12, e3nn_max=8, budget=30.0)
        paper = bench_paper(10_000, torch, o3, budget=60.0)
    print("\n### Spherical harmonics, all (l, m) up to lmax at once (float64)\n")
    print(sh)
    print("\n### Gaunt tensor product, batch 1000, L1 = L2 = lmax_out = L (float64, warm)\n")
    print(tp)
    if paper is not None:
        print("\n### Price-of-Freedom CPU sizes\n")
        print(paper)
    print(f"\n# total wall {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
