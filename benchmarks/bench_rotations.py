"""Wigner D matrices and spin-weighted harmonics: mathref vs spherical (+ quaternionic), same run.

Workloads (issue 12, §1 and §2):

1. One D matrix D^l(α, β, γ) at l = 100, 500, 1000 (goal ≤ 1 s at l = 1000):
   ``geometry.wigner_D`` vs ``spherical.Wigner(l, ell_min=l).D(q)``, the
   narrowest thing spherical offers (its ``ell_min`` keeps the output to the
   one degree; its H recursion still runs over the degrees below).
2. Every D matrix up to L in one call, for one rotation and for a batch:
   ``geometry.wigner_D_all`` vs ``spherical.Wigner(L).D(q)``; both return the
   same flat layout (``wigner_D_index`` = spherical's ``Dindex``).  Goal: no
   slower per matrix than spherical.
3. Spin-weighted harmonics ₛY_lm, s = -2 (the gravitational-wave case), all
   (l, m) up to L at a batch of points: ``geometry.spin_weighted_sph_harm_all``
   vs ``spherical.Wigner(L, mp_max=2).sYlm(s, R)``.

quaternionic only builds the rotations fed to spherical (it evaluates no D or
sYlm); sphericart computes real s = 0 harmonics only, compared in
``bench_gaunt.py``.  spherical's convention differs by a complex conjugate
(its D(q) = conj of ours, see ``docs/conventions.md``); the max |diff| column
compares after that conjugate, so both sides computed the same numbers.

"first call" is one call in a fresh process: for mathref it includes Numba
compilation (or loading it from the on-disk cache), or, for calls small enough,
the plain-Python/numpy twin that stands in for the kernel until compiling pays
(``mathref.dispatch``); for spherical it includes
building the ``Wigner`` object (its coefficient tables) and its own Numba
compilation.  "warm" is the best of several later calls on a built object
(calls under 1 ms timed in loops of about 1 ms).  For one rotation both sides get
the form they take best: mathref plain floats, spherical one quaternion.

Run:  python benchmarks/bench_rotations.py [--small]
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402
from _harness import Table, best_time, environment, fmt_time, ratio, try_import  # noqa: E402

from mathref.dispatch import compiled_kernels  # noqa: E402
from mathref.geometry.spin_weighted import spin_weighted_sph_harm_all  # noqa: E402
from mathref.geometry.wigner_d import wigner_D, wigner_D_all  # noqa: E402

ANGLES = (0.7, 1.1, -0.4)


def _warm(fn, repeat: int = 5) -> float:
    """Best warm time per call; calls under 1 ms are repeated in loops of ≥ 1 ms, so timer noise does not decide.

    "Warm" is the compiled steady state: small calls run Python/numpy twins until the kernel is compiled
    (``mathref.dispatch``: after 0.5 s of twin time in a process), so the kernel is compiled first here.
    """
    with compiled_kernels():
        fn()
    t0 = time.perf_counter()
    fn()
    once = time.perf_counter() - t0
    number = 1 if once >= 1e-3 else min(1000, int(1e-3 / max(once, 1e-7)) + 1)
    return best_time(fn, repeat=repeat, number=number, budget=10)


def _timed(fn):
    t0 = time.perf_counter()
    value = fn()
    return time.perf_counter() - t0, value


def bench_single(ls, spherical, quaternionic) -> str:
    table = Table(["l", "mathref first call", "mathref warm", "spherical first call (incl. Wigner(l))",
                   "spherical warm", "ratio warm (spherical / mathref)", "max |diff|"])
    a, b, g = ANGLES
    for l in ls:
        t_first, ours = _timed(lambda: wigner_D(l, a, b, g))
        warm = _warm(lambda: wigner_D(l, a, b, g))
        sp_first = sp_warm = None
        diff = "—"
        if spherical is not None:
            q = quaternionic.array.from_euler_angles(a, b, g)
            sp_first, theirs = _timed(lambda: spherical.Wigner(l, ell_min=l).D(q))
            wig = spherical.Wigner(l, ell_min=l)
            sp_warm = _warm(lambda: wig.D(q), repeat=3)
            diff = f"{np.abs(theirs.reshape(ours.shape) - ours.conj()).max():.1e}"
        table.add(l, fmt_time(t_first), fmt_time(warm), fmt_time(sp_first), fmt_time(sp_warm),
                  ratio(sp_warm, warm), diff)
    return table.render()


def bench_all(cases, spherical, quaternionic) -> str:
    table = Table(["L", "rotations", "matrices", "mathref first call", "mathref warm", "mathref per matrix",
                   "spherical first call", "spherical warm", "spherical per matrix",
                   "ratio (spherical / mathref)", "max |diff|"])
    rng = np.random.default_rng(0)
    for L, n_rot in cases:
        a, b, g = (rng.uniform(0, np.pi, n_rot) for _ in range(3))
        matrices = n_rot * (L + 1)
        # one rotation: mathref takes plain floats (its cheapest call); spherical gets the same angles as a quaternion
        args = (float(a[0]), float(b[0]), float(g[0])) if n_rot == 1 else (a, b, g)
        t_first, ours = _timed(lambda: wigner_D_all(L, *args))
        warm = _warm(lambda: wigner_D_all(L, *args))
        sp_first = sp_warm = None
        diff = "—"
        if spherical is not None:
            q = quaternionic.array.from_euler_angles(a, b, g)
            sp_first, theirs = _timed(lambda: spherical.Wigner(L).D(q))
            wig = spherical.Wigner(L)
            sp_warm = _warm(lambda: wig.D(q))
            diff = f"{np.abs(theirs - ours.conj()).max():.1e}"
        table.add(L, n_rot, matrices, fmt_time(t_first), fmt_time(warm), fmt_time(warm / matrices),
                  fmt_time(sp_first), fmt_time(sp_warm), fmt_time(None if sp_warm is None else sp_warm / matrices),
                  ratio(sp_warm, warm), diff)
    return table.render()


def bench_sylm(cases, spherical, quaternionic, s: int = -2) -> str:
    table = Table(["s", "L", "points", "mathref first call", "mathref warm", "spherical first call",
                   "spherical warm", "ratio (spherical / mathref)", "max |diff|"])
    rng = np.random.default_rng(1)
    for L, n_pts in cases:
        theta, phi = rng.uniform(0, np.pi, n_pts), rng.uniform(0, 2 * np.pi, n_pts)
        t_first, ours = _timed(lambda: spin_weighted_sph_harm_all(s, L, theta, phi))
        warm = _warm(lambda: spin_weighted_sph_harm_all(s, L, theta, phi))
        sp_first = sp_warm = None
        diff = "—"
        if spherical is not None:
            R = quaternionic.array.from_spherical_coordinates(theta, phi)
            sp_first, theirs = _timed(lambda: spherical.Wigner(L, mp_max=abs(s)).sYlm(s, R))
            wig = spherical.Wigner(L, mp_max=abs(s))
            sp_warm = _warm(lambda: wig.sYlm(s, R))
            diff = f"{np.abs(theirs - ours).max():.1e}"
        table.add(s, L, n_pts, fmt_time(t_first), fmt_time(warm), fmt_time(sp_first), fmt_time(sp_warm),
                  ratio(sp_warm, warm), diff)
    return table.render()


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--small", action="store_true", help="small sizes only (a smoke run)")
    args = ap.parse_args(argv)
    spherical = try_import("spherical")
    quaternionic = try_import("quaternionic")
    if quaternionic is None:
        spherical = None
    if args.small:
        single, every, sylm = (20, 50), [(4, 1), (4, 100)], [(8, 100)]
    else:
        single = (100, 500, 1000)
        every = [(8, 1), (32, 1), (100, 1), (8, 1000), (32, 100)]
        sylm = [(8, 10000), (64, 1000), (1000, 10)]
    versions = [f"{m.__name__} {m.__version__}" for m in (spherical, quaternionic) if m is not None]
    print(f"# {environment()}, {', '.join(versions)}; 1 thread everywhere (OMP/BLAS)")
    print("\n### One Wigner D matrix D^l(0.7, 1.1, -0.4) (complex float64)\n")
    print(bench_single(single, spherical, quaternionic))
    print("\n### Every D matrix up to L in one call (flat spherical layout, complex float64)\n")
    print(bench_all(every, spherical, quaternionic))
    print("\n### Spin-weighted harmonics sYlm, all (l, m) up to L (complex float64)\n")
    print(bench_sylm(sylm, spherical, quaternionic))


if __name__ == "__main__":
    main()
