"""Chebyshev-Tucker: mathref vs tensorly's HOOI and a plain numpy HOSVD, same run.

Workloads (issue 4):
  A. build from function values at m = 129 (tol 1e-10), function evaluations excluded:
     mathref (DCT-I per mode, chop, HOSVD of the coefficient tensor) vs numpy full HOSVD
     (numpy.linalg.svd of each 129 x 16641 unfolding) vs tensorly.decomposition.tucker
     (HOOI at the ranks mathref chose; it cannot take a tolerance).
  B. 100 random +-1 charges, long-range part erf(2r)/r on [-1, 1]^3, end to end:
     mathref MultiParticlePotential (Gaussian sum -> CP of rank N K -> RHOSVD, no 3-D grid)
     vs sampling the 128^3 grid by direct summation + numpy HOSVD; errors at 2000 points.
  C. CP input of rank ~3000 at m = 129: ChebyshevTucker.from_cp alone vs forming the 129^3
     tensor from the CP factors (einsum) + numpy HOSVD.
  D. evaluation at 10^6 random points: mathref (Tucker, compiled recurrences + BLAS) vs
     numpy.polynomial.chebyshev.chebval3d on the dense coefficient tensor (same accuracy).
  E. full Coulomb potential of N = 10^4 random +-1 charges in [-1, 1]^3 (issue 13 §3), tol 1e-8:
     build, then evaluation at 10^5 random points, vs direct summation with
     scipy.spatial.distance.cdist + a matrix-vector product (the fastest direct sum in
     numpy/scipy), chunked; the direct sum is timed on 10^4 of the points and scaled.
     Errors of both sides are relative max errors against a long-double (np.longdouble)
     direct sum on 300 points.  Evaluation is timed with 1 Numba thread and with all of
     them (the short-range kernel's prange variant); the anchor is single-threaded.
     With --large also N = 10^5 (build, and evaluation at 10^4 points).
  F. chebyshev_fit vs numpy.polynomial.chebyshev.Chebyshev.interpolate at the same degree
     on the issue's adversarial functions: time and true max error (mpmath truth).

Times are wall-clock best-of-n; for E the process CPU time is printed as well, because
this shared machine is often oversubscribed (wall time then overstates both sides).

BLAS runs single-threaded for every contender (OPENBLAS_NUM_THREADS=1 unless set): on this
shared 2-core machine multi-threaded BLAS thrashes and makes every timing meaningless.

Run:  python benchmarks/bench_cheb_tucker.py
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import argparse  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402
import numpy.polynomial.chebyshev as npc  # noqa: E402
import scipy.spatial.distance  # noqa: E402
from _harness import Table, best_time, environment, first_call, fmt_time, ratio, try_import  # noqa: E402

from mathref.spectral import (  # noqa: E402
    ChebyshevTucker,
    MultiParticlePotential,
    chebyshev_coefficients_nd,
    chebyshev_fit,
    chebyshev_grid,
    newton_long_range,
    radial_field,
)
from mathref.spectral.tucker import truncation_rank  # noqa: E402

BOX = [(-1.0, 1.0)] * 3


def numpy_full_hosvd(A, tol):
    """Textbook HOSVD: full SVD of every unfolding with numpy, same rank rule, then the core."""
    d = A.ndim
    thr = tol * np.linalg.norm(A) / np.sqrt(d)
    factors = []
    for k in range(d):
        U, s, _ = np.linalg.svd(np.moveaxis(A, k, 0).reshape(A.shape[k], -1), full_matrices=False)
        factors.append(U[:, : max(1, truncation_rank(s, thr))])
    core = A
    for k, U in enumerate(factors):
        core = np.moveaxis(np.tensordot(U.T, core, axes=(1, k)), 0, k)
    return core, factors


def reconstruct_at(core, factors, idx):
    """Entries of a Tucker tensor at integer index triples (for error checks without the dense tensor)."""
    a, b, c = (factors[k][idx[:, k]] for k in range(3))
    return np.einsum("ijk,ni,nj,nk->n", core, a, b, c)


def charges(n=100, seed=0):
    rng = np.random.default_rng(seed)
    return rng.choice([-1.0, 1.0], n), rng.uniform(-1, 1, (n, 3))


def direct_long_range(q, X, P, r0):
    out = np.zeros(P.shape[0])
    for s in range(0, P.shape[0], 1 << 15):
        r = np.linalg.norm(P[s:s + (1 << 15), None, :] - X[None], axis=2)
        out[s:s + (1 << 15)] = newton_long_range(r, r0=r0) @ q
    return out


def direct_coulomb(q, X, P, chunk=2000):
    """Direct sum_i q_i / |p - x_i| with scipy's cdist, chunked (the anchor of workload E)."""
    out = np.zeros(P.shape[0])
    for s in range(0, P.shape[0], chunk):
        out[s:s + chunk] = (1.0 / scipy.spatial.distance.cdist(P[s:s + chunk], X)) @ q
    return out


def clock(fn):
    """(wall, cpu) seconds of one call."""
    w, c = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - w, time.process_time() - c


def workload_e(table, n, n_points, tag, tol=1e-8):
    rng = np.random.default_rng(11)
    q, X = rng.choice([-1.0, 1.0], n), rng.uniform(-1, 1, (n, 3))
    P = rng.uniform(-1, 1, (n_points, 3))
    holder = {}
    wall_first, cpu_first = clock(lambda: holder.setdefault("pot", MultiParticlePotential(q, X, BOX, tol=tol)))
    pot = holder["pot"]
    wall_b, cpu_b = clock(lambda: MultiParticlePotential(q, X, BOX, tol=tol)) if n <= 10**4 else (wall_first,
                                                                                                    cpu_first)
    table.add(f"E. build N = {n} charges, tol {tol:.0e} ({tag})", f"{fmt_time(wall_b)} (cpu {fmt_time(cpu_b)})",
              "—", "—", "—", f"r0 = {pot.r0:.3g} (cost model), ranks {pot.ranks}, cutoff {pot.cutoff:.3g}; first "
              f"call {fmt_time(wall_first)} (cpu {fmt_time(cpu_first)}); long-range error estimate "
              f"{pot.long_range.report.error_estimate:.1e}")
    pot(P[:10])
    pot(P[:5000])  # compiles the parallel kernel variant too (cold cost shown in the first row)
    import numba

    threads = numba.get_num_threads()
    numba.set_num_threads(1)
    w_one, c_one = clock(lambda: holder.__setitem__("v", pot(P)))
    numba.set_num_threads(threads)
    w_ours, c_ours = clock(lambda: holder.__setitem__("v", pot(P)))
    n_ref = min(n_points, 10**4 if n <= 10**4 else 2000)
    w_dir, c_dir = clock(lambda: holder.__setitem__("d", direct_coulomb(q, X, P[:n_ref])))
    scale = n_points / n_ref
    w_dir, c_dir = w_dir * scale, c_dir * scale
    # "equal accuracy", honestly: both against an extended-precision (np.longdouble) direct sum on a subset
    k = min(300, n_ref)
    truth = direct_coulomb_longdouble(q, X, P[:k])
    norm = np.max(np.abs(truth))
    err = float(np.max(np.abs(holder["v"][:k] - truth)) / norm)
    err_dir = float(np.max(np.abs(holder["d"][:k] - truth)) / norm)
    table.add(f"E. evaluate at {n_points} points, N = {n}, 1 thread ({tag})",
              f"{fmt_time(w_one)} (cpu {fmt_time(c_one)})", "direct sum, scipy cdist + matvec (1 thread)",
              f"{fmt_time(w_dir)} (cpu {fmt_time(c_dir)})", f"{ratio(w_dir, w_one)} (cpu {ratio(c_dir, c_one)})",
              f"rel. max err {err:.1e} (direct sum {err_dir:.1e}) vs a long-double direct sum on {k} points; "
              f"direct timed on {n_ref} points and scaled")
    table.add(f"E. same, {threads} Numba threads for the short-range part ({tag})",
              f"{fmt_time(w_ours)} (cpu {fmt_time(c_ours)})", "direct sum, scipy cdist + matvec (1 thread)",
              f"{fmt_time(w_dir)} (cpu {fmt_time(c_dir)})", f"{ratio(w_dir, w_ours)} (cpu {ratio(c_dir, c_ours)})",
              "long-range Tucker part single-threaded BLAS either way")


def direct_coulomb_longdouble(q, X, P):
    """sum_i q_i / |p - x_i| in np.longdouble (64-bit mantissa on x86), the reference for both sides' errors."""
    qd, Xd = q.astype(np.longdouble), X.astype(np.longdouble)
    out = np.zeros(P.shape[0], dtype=np.longdouble)
    for i, p in enumerate(P.astype(np.longdouble)):
        d = Xd - p
        out[i] = np.sum(qd / np.sqrt(np.sum(d * d, axis=1)))
    return out.astype(float)


def workload_f(table):
    import mpmath

    cases = {
        "sqrt(1.0001-x)": (lambda x: np.sqrt(1.0001 - x), lambda x: mpmath.sqrt(mpmath.mpf(1.0001) - x), 1.0),
        "log(1.001+x)": (lambda x: np.log(1.001 + x), lambda x: mpmath.log(mpmath.mpf(1.001) + x), -1.0),
        "tanh(200x)": (lambda x: np.tanh(200 * x), lambda x: mpmath.tanh(200 * x), 0.0),
        "1/(1+1e6x²)": (lambda x: 1 / (1 + 1e6 * x * x), lambda x: 1 / (1 + mpmath.mpf(10) ** 6 * x * x), 0.0),
    }
    for name, (f, f_mp, hot) in cases.items():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            fit = chebyshev_fit(f, tol=1e-10)
            t_ours = best_time(lambda: chebyshev_fit(f, tol=1e-10), repeat=3)
            t_np = best_time(lambda: npc.Chebyshev.interpolate(f, fit.degree), repeat=3)
            ref = npc.Chebyshev.interpolate(f, fit.degree)
        x = np.clip(np.concatenate([np.linspace(-1, 1, 2001), hot + np.logspace(-14, 0, 1000),
                                    hot - np.logspace(-14, 0, 1000)]), -1, 1)
        with mpmath.workdps(30):
            exact = np.array([float(f_mp(mpmath.mpf(float(v)))) for v in x])
        scale = np.max(np.abs(exact))
        e_ours = np.max(np.abs(fit(x) - exact)) / scale
        e_np = np.max(np.abs(ref(x) - exact)) / scale
        table.add(f"F. fit {name}, tol 1e-10", fmt_time(t_ours), "numpy Chebyshev.interpolate (same degree)",
                  fmt_time(t_np), ratio(t_np, t_ours),
                  f"degree {fit.degree} (mathref chooses it; numpy is given it); true err {e_ours:.1e} vs numpy "
                  f"{e_np:.1e}; estimate {fit.error_estimate:.1e}, resolved {fit.resolved_estimate}")


def workloads_abcd(table, tl, tucker_tl):
    # ---------------------------------------------------------------- A
    print('# workload A', file=sys.stderr, flush=True)
    f = radial_field(newton_long_range, r0=0.2)  # erf(5r)/r
    V = f(*np.ix_(*chebyshev_grid(129, BOX)))

    def ours_build():
        return ChebyshevTucker.from_coefficients(chebyshev_coefficients_nd(V), BOX, tol=1e-10)

    ct = ours_build()
    t_ours = best_time(ours_build, repeat=5)
    err = ct.pointwise_error(f, n_points=2000, rng=1)
    t_np = best_time(lambda: numpy_full_hosvd(V, 1e-10), repeat=2)
    core_np, fac_np = numpy_full_hosvd(V, 1e-10)
    table.add("A. build erf(5r)/r, m=129, tol 1e-10 (no f evals)", fmt_time(t_ours), "numpy full HOSVD",
              fmt_time(t_np), ratio(t_np, t_ours),
              f"ranks {ct.ranks} (numpy {tuple(c for c in core_np.shape)}); max err {err.max_abs:.1e}")
    if tucker_tl is not None:
        t_tl = best_time(lambda: tucker_tl(tl.tensor(V), rank=list(ct.ranks), n_iter_max=10, tol=1e-12,
                                           init="svd"), repeat=2)
        table.add("A. same, tensorly HOOI at mathref's ranks", fmt_time(t_ours), "tensorly.tucker",
                  fmt_time(t_tl), ratio(t_tl, t_ours), "tensorly needs the ranks; mathref finds them")
    else:
        table.add("A. same, tensorly", fmt_time(t_ours), "tensorly.tucker", "—", "—", "tensorly not importable")

    # ---------------------------------------------------------------- B
    print('# workload B', file=sys.stderr, flush=True)
    q, X = charges(100)
    r0 = 0.5
    P = np.random.default_rng(5).uniform(-1, 1, (2000, 3))
    exact_P = direct_long_range(q, X, P, r0)
    first = first_call(lambda: MultiParticlePotential(q, X, BOX, r0=r0, tol=1e-10, degree=128))
    t_pot = best_time(lambda: MultiParticlePotential(q, X, BOX, r0=r0, tol=1e-10, degree=128), repeat=3)
    pot = MultiParticlePotential(q, X, BOX, r0=r0, tol=1e-10, degree=128)
    err_ours = np.max(np.abs(pot.long_range(P) - exact_P)) / np.max(np.abs(exact_P))
    g = np.linspace(-1, 1, 128)
    t0 = time.perf_counter()
    grid = np.stack(np.meshgrid(g, g, g, indexing="ij"), axis=-1).reshape(-1, 3)
    full = direct_long_range(q, X, grid, r0).reshape(128, 128, 128)
    t_sample = time.perf_counter() - t0
    t0 = time.perf_counter()
    core_g, fac_g = numpy_full_hosvd(full, 1e-10)
    t_hosvd = time.perf_counter() - t0
    idx = np.random.default_rng(6).integers(0, 128, (2000, 3))
    err_grid = np.max(np.abs(reconstruct_at(core_g, fac_g, idx) - full[idx[:, 0], idx[:, 1], idx[:, 2]])) / np.max(
        np.abs(full))
    t_anchor = t_sample + t_hosvd
    table.add("B. 100 charges erf(2r)/r end to end, tol 1e-10", fmt_time(t_pot),
              "direct sum on 128³ grid + numpy HOSVD", fmt_time(t_anchor), ratio(t_anchor, t_pot),
              f"ranks {pot.ranks} vs {tuple(core_g.shape)}; rel. max err {err_ours:.1e} (mesh-free, 2000 random pts) "
              f"vs {err_grid:.1e} (grid pts only); anchor = {t_sample:.1f} s sampling + {t_hosvd:.1f} s HOSVD; "
              f"first call {fmt_time(first)}")

    # ---------------------------------------------------------------- C
    print('# workload C', file=sys.stderr, flush=True)
    gs = pot.gaussian_sum
    K = gs.exponents.size
    weights = np.repeat(q, K) * np.tile(gs.weights, q.size)
    expo = np.tile(gs.exponents, q.size)

    def side(k):
        centres = np.repeat(X[:, k], K)
        return lambda x: np.exp(-expo * np.subtract.outer(x, centres) ** 2)

    sides = [side(0), side(1), side(2)]
    t_cp = best_time(lambda: ChebyshevTucker.from_cp(sides, BOX, tol=1e-10, weights=weights, degree=128), repeat=5)
    cp = ChebyshevTucker.from_cp(sides, BOX, tol=1e-10, weights=weights, degree=128)
    x129 = chebyshev_grid(129, BOX)[0]
    mats = [s(x129) for s in sides]

    def dense_cp():
        A = np.zeros((129, 129, 129))
        for s0 in range(0, weights.size, 500):
            sl = slice(s0, s0 + 500)
            A += np.einsum("r,ir,jr,kr->ijk", weights[sl], mats[0][:, sl], mats[1][:, sl], mats[2][:, sl],
                           optimize=True)
        return numpy_full_hosvd(A, 1e-10)

    t_dense = best_time(dense_cp, repeat=1)
    table.add(f"C. CP input rank {weights.size} at m=129, tol 1e-10", fmt_time(t_cp),
              "form 129³ from CP + numpy HOSVD", fmt_time(t_dense), ratio(t_dense, t_cp),
              f"ranks {cp.ranks}, degrees {cp.degrees}; incl. sampling the factor functions "
              f"({fmt_time(cp.report.sampling_time)})")

    # ---------------------------------------------------------------- D
    print('# workload D', file=sys.stderr, flush=True)
    P6 = np.random.default_rng(7).uniform(-1, 1, (10**6, 3))
    first_eval = first_call(lambda: pot.long_range(P6[:10]))
    t_eval = best_time(lambda: pot.long_range(P6), repeat=3)
    dense = pot.long_range.coefficients()
    n_ref = 20_000  # chebval3d broadcasts (n1, n2, N) intermediates; time it on a slice and scale
    t_npc = best_time(lambda: npc.chebval3d(P6[:n_ref, 0], P6[:n_ref, 1], P6[:n_ref, 2], dense), repeat=2)
    t_npc *= P6.shape[0] / n_ref
    diff = np.max(np.abs(pot.long_range(P6[:1000]) - npc.chebval3d(*P6[:1000].T, dense)))
    table.add("D. evaluate 10⁶ random points (100-charge potential)", fmt_time(t_eval),
              "numpy chebval3d on dense coefficients", fmt_time(t_npc), ratio(t_npc, t_eval),
              f"ranks {pot.ranks}, degrees {pot.long_range.degrees}; agree to {diff:.1e}; "
              f"first call {fmt_time(first_eval)}; anchor timed on 2·10⁴ points, scaled")
    ct10 = ChebyshevTucker.from_function(f, BOX, tol=1e-10, degree=128)
    t_eval2 = best_time(lambda: ct10(P6), repeat=3)
    dense2 = ct10.coefficients()
    t_npc2 = best_time(lambda: npc.chebval3d(P6[:n_ref, 0], P6[:n_ref, 1], P6[:n_ref, 2], dense2), repeat=2)
    t_npc2 *= P6.shape[0] / n_ref
    table.add("D. evaluate 10⁶ random points (erf(5r)/r)", fmt_time(t_eval2), "numpy chebval3d on dense coefficients",
              fmt_time(t_npc2), ratio(t_npc2, t_eval2), f"ranks {ct10.ranks}, degrees {ct10.degrees}; anchor scaled "
              "from 2·10⁴ points")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", default="ABCDEF", help="workload letters to run (default all)")
    parser.add_argument("--large", action="store_true", help="also N = 10^5 charges in workload E")
    parser.add_argument("--tight", action="store_true", help="also N = 10^4 at tol 1e-12 in workload E")
    args = parser.parse_args()
    only = args.only.upper()
    tl = try_import("tensorly")
    tucker_tl = None
    if tl is not None:
        from tensorly.decomposition import tucker as tucker_tl
    print(environment(), f"| OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS')}", "|",
          f"tensorly {getattr(tl, '__version__', 'absent')}")
    print()
    table = Table(["workload", "mathref", "anchor", "anchor time", "speed-up", "notes"])

    if set("ABCD") & set(only):
        workloads_abcd(table, tl, tucker_tl)
    if "E" in only:
        print("# workload E", file=sys.stderr, flush=True)
        workload_e(table, 10**4, 10**5, "N = 1e4")
        if args.large:
            workload_e(table, 10**5, 10**4, "N = 1e5")
        if args.tight:
            workload_e(table, 10**4, 10**5, "N = 1e4, tight", tol=1e-12)
    if "F" in only:
        print("# workload F", file=sys.stderr, flush=True)
        workload_f(table)
    print(table.render())


if __name__ == "__main__":
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        main()
