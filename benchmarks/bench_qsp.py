"""QSP phase factors: mathref (NLFT, compiled layer stripping) vs pyqsp and qsppack.

Same target polynomial for every tool on each row; the error column is the max
|Re<0|U|0> - P| over a Chebyshev grid of 4(d+1) points, computed by mathref's
``verify`` (direct SU(2) products) for every tool's phases (Wx convention; pyqsp's
Laurent phases are checked with pyqsp's own response at 100 points, as pyqsp does).

Run:  python benchmarks/bench_qsp.py            (anchors' slow methods only at small degree)
      python benchmarks/bench_qsp.py --full     (all anchors on all rows; takes many minutes)
      python benchmarks/bench_qsp.py --degrees  (the minimax degree table, below)

Degree table (``--degrees``): for sign, threshold, window, 1/x, cos(tau x) and exp(-beta|x|)
at eps in {1e-3, 1e-6, 1e-10}, the smallest degree whose polynomial has a *proved* error <= eps,
for mathref's ``minimax_target``, for pyqsp's recipes (erf fits ``PolySign`` /
``PolyThreshold`` / ``PolyRect`` with the steepness scanned at each degree and ``PolyGibbs``,
degrees bisected; the Childs-Kothari-Somma ``PolyOneOverX`` and Low-Chuang ``PolyCosineTX``
with their epsilon scanned) and for qsppack's constrained ``remez`` (bracketed from mathref's
degree, then bisected, within QSPPACK_BUDGET seconds per row; a range a–b when cut short).
Every tool's polynomial is judged the same way: shrunk so that a proved bound on
max |P| is <= 1 - 1e-3, then mathref's certificate of max |P - s f| on the domain.
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import Table, best_time, environment, first_call, fmt_time, ratio, try_import  # noqa: E402

from mathref.spectral import cos_target, inverse_target, qsp_phases, sign_target, verify  # noqa: E402
from mathref.spectral.qsp.nlft import _b_coefficients, _weiss_alpha  # noqa: E402


def workloads(big: bool):
    rows = [
        ("cos(10x)", 30, lambda: cos_target(10.0, degree=30)),
        ("1/x, κ=10", 101, lambda: inverse_target(10.0, degree=101)),
        ("sign", 101, lambda: sign_target(0.1, degree=101)),
        ("sign", 501, lambda: sign_target(0.02, degree=501)),
        ("cos(1000x)", 1088, lambda: cos_target(1000.0, degree=1088)),
        ("1/x, κ=100", 1001, lambda: inverse_target(100.0, degree=1001)),
        ("sign", 2001, lambda: sign_target(0.005, degree=2001)),
        ("sign, gap 1e-3", None, lambda: sign_target(1e-3, eps=1e-10)),
        ("cos(9000x)", None, lambda: cos_target(9000.0)),
    ]
    if big:
        rows.append(("sign, gap 4e-4", None, lambda: sign_target(4e-4, eps=1e-10)))
    return rows


def _err(phases, coef):
    return verify(phases, coef).max_error


def run_mathref(coef):
    first = first_call(lambda: qsp_phases(coef, check=False))
    warm = best_time(lambda: qsp_phases(coef, check=False), repeat=3, budget=30)
    res = qsp_phases(coef)
    # beyond degree 2*10^4 the direct check on 4(d+1) points is too slow; use the interpolated one
    err = _err(res.phases, coef) if coef.size < 20_000 else res.max_error
    return first, warm, err, res


def run_qsppack_nlft(qsppack_solver, coef, parity, nfft):
    # qsppack's FFT length is a user option: give it the length mathref's adaptive Weiss step chose
    opts = {"method": "NLFT", "N": nfft}
    call = lambda: qsppack_solver.solve(coef[parity::2], parity, dict(opts))  # noqa: E731
    t = best_time(call, repeat=2, budget=30)
    phi, _ = call()
    return t, _err(phi, coef)


def run_qsppack(qsppack_solver, coef, parity, method):
    call = lambda: qsppack_solver.solve(coef[parity::2], parity, {"method": method, "criteria": 1e-13})  # noqa: E731
    t0 = time.perf_counter()
    phi, _ = call()
    return time.perf_counter() - t0, _err(phi, coef)


def run_pyqsp_sym(pyqsp_seq, coef):
    t0 = time.perf_counter()
    full, _, _ = pyqsp_seq.QuantumSignalProcessingPhases(coef, method="sym_qsp", chebyshev_basis=True)
    t = time.perf_counter() - t0
    # pyqsp's symmetric phases realise the target as Im <0|U|0>
    return t, verify(np.asarray(full), coef, convention="symmetric-im").max_error


def run_pyqsp_laurent(pyqsp_seq, pyqsp_resp, coef):
    t0 = time.perf_counter()
    phis = pyqsp_seq.QuantumSignalProcessingPhases(coef, eps=1e-14, suc=1.0, tolerance=1e-2, method="laurent")
    t = time.perf_counter() - t0
    a = np.linspace(-1, 1, 100)
    resp = pyqsp_resp.ComputeQSPResponse(a, phis, signal_operator="Wx")["pdat"]
    return t, float(np.max(np.abs(np.real(resp) - np.polynomial.chebyshev.chebval(a, coef))))


# ----------------------------------------------------------------------------- the degree table

DEGREE_ROWS = [
    ("sign", {"delta": 0.05}, "sign(x), |x| >= 0.05"),
    ("threshold", {"c": 0.5, "delta": 0.05}, "threshold |x| >= 0.5 ± 0.05"),
    ("rectangle", {"c": 0.5, "delta": 0.05}, "window |x| <= 0.5 ± 0.05"),
    ("inverse", {"kappa": 10.0}, "1/(10x)/2 on [0.1, 1]"),
    ("cos", {"tau": 20.0}, "cos(20x)/2"),
    # qsppack's exp example (odd degree, fit on [0.2, 1], beta = 2) and pyqsp's PolyGibbs form (even)
    ("exp", {"beta": 2.0, "delta": 0.2, "parity": 1}, "sign(x) e^(-2|x|), |x| >= 0.2"),
    ("exp", {"beta": 2.0, "delta": 0.2, "parity": 0}, "e^(-2|x|), |x| >= 0.2"),
]
EPSILONS = (1e-3, 1e-6, 1e-10)
MARGIN = 1e-3
#: wall-clock budget of qsppack's degree search per row (each remez call at degree ~400 takes 10-25 s)
QSPPACK_BUDGET = 180.0


def _judge(kind, params, raw, s0):
    """The common yardstick: shrink raw (approximating s0 f) to |P| <= 1 - margin, proved error vs s f."""
    from mathref.spectral.qsp.certificates import sup_norm_bound
    from mathref.spectral.qsp.minimax import _certify, _kind

    k = _kind(kind, dict(params))
    raw = np.asarray(raw, dtype=float)
    raw = raw.copy()
    raw[(k.parity + 1) % 2 :: 2] = 0.0
    sup = sup_norm_bound(raw)
    shrink = min(1.0, (1 - MARGIN) / sup) * (1 - 1e-15)
    P = raw * shrink
    return _certify(k, P, s0 * shrink)


def _quiet(fn):
    import contextlib
    import io
    import warnings

    with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn()


def _smallest_degree(ok, parity, start, cap=6001):
    """Smallest degree of the given parity with ok(d), by growth (x1.5) and bisection; None past cap."""
    fix = lambda d: d if d % 2 == parity else d + 1  # noqa: E731
    lo, hi = None, fix(start)
    while not ok(hi):
        lo, hi = hi, fix(int(hi * 1.5))
        if hi > cap:
            return None
    lo = fix(parity) if lo is None else lo
    while hi - lo > 2:
        mid = fix((lo + hi) // 2)
        mid = min(max(mid, lo + 2), hi - 2)
        if ok(mid):
            hi = mid
        else:
            lo = mid
    return hi


def pyqsp_degree(poly, kind, params, eps):
    """Degree pyqsp's recipe needs for a proved error <= eps (its free parameter scanned).

    Returns (low, high): the smallest such degree lies in [low, high] (high None: not found
    below the cap; low None with high None: pyqsp has no recipe for this target).
    """
    import math

    if kind in ("sign", "threshold", "rectangle"):
        delta = params["delta"]

        def best_error(d):
            errs = []
            # erf steepness k: around the value that balances the gap error and the truncation
            k0 = d / math.sqrt(2 * math.log(1 / eps)) if kind == "sign" else d / (2 * math.sqrt(2 * math.log(1 / eps)))
            for k in k0 * np.geomspace(0.4, 1.6, 7):
                if kind == "sign":
                    pc, sc = _quiet(lambda: poly.PolySign().generate(degree=d, delta=k, ensure_bounded=True,
                                                                     return_scale=True, chebyshev_basis=True))
                    raw = np.asarray(pc, dtype=float) / sc
                elif kind == "rectangle":
                    raw = _quiet(lambda: poly.PolyThreshold().generate(degree=d, delta=k, ensure_bounded=False,
                                                                       return_scale=False, chebyshev_basis=True))
                else:
                    # PolyRect: 1 + (erf(k(x - 3/(4 kappa))) + erf(-k(x + 3/(4 kappa))))/2, kappa = 1.5 -> 0.5
                    width = math.sqrt(2) * math.sqrt(math.log(2 / (math.pi * 0.01**2))) / k
                    raw = _quiet(lambda: poly.PolyRect().generate(degree=d, delta=width, kappa=1.5, epsilon=0.01,
                                                                  ensure_bounded=False, chebyshev_basis=True))
                errs.append(_judge(kind, params, np.asarray(raw, dtype=float), 1.0))
            return min(errs)

        par = 1 if kind == "sign" else 0
        start = int(1.0 / delta) * 2 + 1
        d = _smallest_degree(lambda d: best_error(d) <= eps, par, start)
        return (d, d) if d is not None else (6003, None)
    if kind == "exp":
        if params["parity"] == 1:
            return None, None          # pyqsp's exponential (PolyGibbs) is even only
        beta = params["beta"]

        def gibbs_ok(d):
            # ensure_bounded=False with chebyshev_basis=True fails inside pyqsp 0.2 (an unbound `scale`):
            # take its bounded form and undo the scale, so the common judge applies its own shrink
            pc, sc = _quiet(lambda: poly.PolyGibbs().generate(degree=d, beta=beta, ensure_bounded=True,
                                                              return_scale=True, chebyshev_basis=True))
            return _judge(kind, params, np.asarray(pc, dtype=float) / sc, 1.0) <= eps

        d = _smallest_degree(gibbs_ok, 0, 16, cap=2001)
        return (d, d) if d is not None else (2003, None)
    if kind == "inverse":
        kappa = params["kappa"]
        for e_param in eps * np.geomspace(2 * kappa, 1e-2, 12):
            raw, scale = _quiet(lambda: poly.PolyOneOverX().generate(kappa=kappa, epsilon=float(e_param),
                                                                      return_scale=True, chebyshev_basis=True))
            raw = np.asarray(raw, dtype=float) / scale * (0.5 / kappa)  # back to 1/x, then to s0/(kappa x)
            if raw.size > 8001:
                return 8003, None
            if _judge(kind, params, raw, 0.5) <= eps:
                # the recipe's degree is a function of its epsilon: the first that passes, not a bisection
                return raw.size - 1, raw.size - 1
        return 8003, None
    tau = params["tau"]
    for e_param in eps * np.geomspace(4.0, 1e-4, 16):
        raw = _quiet(lambda: poly.PolyCosineTX().generate(tau=tau, epsilon=float(e_param), ensure_bounded=False,
                                                           chebyshev_basis=True))
        raw = 0.5 * np.asarray(raw, dtype=float)
        if _judge(kind, params, raw, 0.5) <= eps:
            return raw.size - 1, raw.size - 1
    return raw.size + 1, None


def qsppack_degree(remez, kind, params, eps, start, budget=None):
    """Smallest degree at which qsppack's constrained Remez meets eps (proved), by bracketing and bisection.

    Returns ((low, high), seconds of one remez call at ``start``): the searched minimum lies in
    [low, high] (equal when the bisection finished; high None when no degree up to 1.6 start
    met eps).  Bisection assumes "meets eps" is monotone in the degree; qsppack's exchange
    stops converging near degree 400 (its own metric grows there), which can break that.
    """
    from mathref.spectral.qsp.minimax import _kind

    k = _kind(kind, dict(params))
    s0 = k.default_scale
    f = lambda x: s0 * k.f(x)  # noqa: E731
    iv = [tuple(ab) for ab in k.intervals]
    if k.parity:
        iv = [(max(a, 1e-6), b) for a, b in iv]
    par = k.parity
    fix = lambda d: max(d if d % 2 == par else d + 1, 1 if par else 2)  # noqa: E731
    cache = {}
    t_end = time.perf_counter() + (QSPPACK_BUDGET if budget is None else budget)

    def ok(d):
        if d not in cache:
            left = t_end - time.perf_counter()
            if left <= 0:
                raise _OutOfBudget
            # one remez call can run for minutes on a loaded machine: an alarm cuts it at the budget
            old = signal.signal(signal.SIGALRM, _alarm)
            signal.setitimer(signal.ITIMER_REAL, left)
            try:
                r = _quiet(lambda: remez(f, d, iv))
                cache[d] = _judge(kind, params, r.coefficients, s0) <= eps
            except _OutOfBudget:
                raise
            except Exception:  # an anchor failure at this degree counts as a miss
                cache[d] = False
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, old)
        return cache[d]

    t0 = time.perf_counter()
    try:
        here = ok(start)
    except _OutOfBudget:
        return (None, None, "cut"), None
    t_one = time.perf_counter() - t0
    try:
        return _qsppack_search(ok, here, start, par, fix), t_one
    except _OutOfBudget:
        # the bounds known when the budget ran out
        yes = [d for d, v in cache.items() if v]
        no = [d for d, v in cache.items() if not v and (not yes or d < min(yes))]
        return ((max(no) + 2 if no else None), (min(yes) if yes else None), "cut"), t_one


class _OutOfBudget(BaseException):
    """Raised by the alarm; a BaseException so that no ``except Exception`` inside the anchor swallows it."""


def _alarm(signum, frame):
    raise _OutOfBudget


def _qsppack_search(ok, here, start, par, fix):
    if here:
        hi, d = start, fix(start - max(2, start // 8))
        while ok(d):
            hi = d
            if d <= (1 if par else 2):
                return ((1 if par else 2) if d <= 2 else None, hi)
            d = fix(d - max(2, d // 8))
        lo = d
    else:
        lo, d = start, fix(int(start * 1.15) + 2)
        while not ok(d):
            lo = d
            if d > 1.6 * start:
                return (lo + 2, None)
            d = fix(int(d * 1.15) + 2)
        hi = d
    while hi - lo > 2:
        mid = fix((lo + hi) // 2)
        mid = min(max(mid, lo + 2), hi - 2)
        if ok(mid):
            hi = mid
        else:
            lo = mid
    return (lo + 2, hi)


def _show(bounds):
    lo, hi = bounds[:2]
    cut = len(bounds) > 2
    if lo is None and hi is None:
        return "budget out" if cut else "no recipe"
    if cut and lo is not None and hi is not None and lo < hi:
        return f"{lo}–{hi} (budget out)"
    if hi is None:
        return (f"> {lo - 2}" if lo > 2 else "—") + (" (budget out)" if cut else "")
    if lo is None:
        return f"≤ {hi}"
    return str(hi) if lo == hi else f"{lo}–{hi}"


def _saved(d, peers):
    """Degrees saved vs the best peer: exact when every peer's minimum is known, else a lower bound."""
    unknown = any(len(b) > 2 and b[0] is None and b[1] is None for b in peers)
    peers = [b for b in peers if not (b[0] is None and b[1] is None)]
    if unknown or not peers or any(b[0] is None for b in peers):
        return "—"
    best = min(peers, key=lambda b: b[0])
    low = best[0] - d
    # exact when the peer with the lowest bound has its minimum pinned down (the others are above it)
    return f"{low:+d}" if best[1] == best[0] else f"≥ {low:+d}"


def _verdict(d, peers):
    """'yes' if mathref's degree d is <= every peer's searched minimum, 'no (...)' if some peer is surely below."""
    cut = [name for name, b in peers.items() if len(b) > 2 and b[0] is None and b[1] is None]
    peers = {name: b[:2] for name, b in peers.items() if not (b[0] is None and b[1] is None)}
    if cut:
        return "undecided (" + ", ".join(cut) + " budget out)"
    if not peers:
        return "yes (no peer recipe)"
    below = [name for name, (lo, hi) in peers.items() if hi is not None and hi < d]
    if below:
        return "no (" + ", ".join(f"{n} {peers[n][1]}" for n in below) + ")"
    unsure = [name for name, (lo, hi) in peers.items() if lo is None or lo < d]
    return "yes" if not unsure else "undecided (" + ", ".join(unsure) + " search cut by budget)"


def degree_table(kinds=None, epsilons=EPSILONS, rows=None):
    from mathref.spectral.qsp.minimax import minimax_target

    poly = try_import("pyqsp.poly")
    qremez = try_import("qsppack.remez")
    table = Table(["target", "eps", "mathref minimax degree", "proved error", "mathref at d−2", "mathref search",
                   "pyqsp recipe degree", "qsppack remez degree (searched)", "mathref ≤ best peer?",
                   "degree saved vs best peer", "mathref one degree", "qsppack remez one degree", "speed-up"])
    for kind, params, label in DEGREE_ROWS:
        if kinds and kind not in kinds:
            continue
        if rows and label not in rows:
            continue
        for eps in epsilons:
            t0 = time.perf_counter()
            t = minimax_target(kind, eps=eps, **params)
            tm = time.perf_counter() - t0
            below = minimax_target(kind, degree=t.degree - 2, **params).max_error if t.degree > 2 else None
            dp = pyqsp_degree(poly, kind, params, eps) if poly is not None else (None, None)
            # one design at the found degree, both tools (the same work: Remez at one degree + judging)
            t1 = time.perf_counter()
            minimax_target(kind, degree=t.degree, **params)
            t_one = time.perf_counter() - t1
            dq, tq = (None, None), None
            if qremez is not None:
                dq, tq = qsppack_degree(qremez.remez, kind, params, eps, t.degree)
            saved = _saved(t.degree, [dp, dq])
            table.add(label, f"{eps:.0e}", t.degree, f"{t.max_error:.2e}",
                      "—" if below is None else f"{below:.1e}", fmt_time(tm), _show(dp), _show(dq),
                      _verdict(t.degree, {"pyqsp": dp, "qsppack": dq}), saved,
                      fmt_time(t_one), fmt_time(tq), ratio(tq, t_one))
            print(table.rows[-1], file=sys.stderr, flush=True)
    print(table.render())


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--full", action="store_true", help="run every anchor method on every row")
    ap.add_argument("--big", action="store_true", help="add a degree ~10^5 row")
    ap.add_argument("--degrees", action="store_true", help="only the minimax degree table")
    ap.add_argument("--kinds", default="", help="with --degrees: comma-separated kinds (default all)")
    ap.add_argument("--eps", default="", help="with --degrees: comma-separated eps values (default 1e-3,1e-6,1e-10)")
    ap.add_argument("--budget", type=float, default=None, help="with --degrees: qsppack search seconds per row")
    ap.add_argument("--parity", default="", help="with --degrees and --kinds exp: 0 or 1 (default both)")
    args = ap.parse_args(argv)
    if args.degrees:
        print(environment())
        global QSPPACK_BUDGET
        if args.budget is not None:
            QSPPACK_BUDGET = args.budget
        eps = tuple(float(e) for e in args.eps.split(",") if e) or EPSILONS
        rows = [lab for k, p, lab in DEGREE_ROWS if not args.parity or p.get("parity", 0) == int(args.parity)]
        degree_table([k for k in args.kinds.split(",") if k], eps, rows)
        return
    qsppack = try_import("qsppack.solver")
    pyqsp_seq = try_import("pyqsp.angle_sequence")
    pyqsp_resp = try_import("pyqsp.response")
    print(environment())
    table = Table(["workload", "degree", "mathref first call", "mathref warm", "mathref error",
                   "qsppack NLFT", "qsppack NLFT error", "speed-up vs qsppack NLFT",
                   "qsppack Newton", "pyqsp sym-QSP", "pyqsp Laurent (tight)"])
    for name, _, build in workloads(args.big):
        t = build()
        coef = t.coef
        d = coef.size - 1
        first, warm, err, _ = run_mathref(coef)
        nfft = _weiss_alpha(_b_coefficients(coef))[1]
        cells = [name, d, fmt_time(first), fmt_time(warm), f"{err:.1e}"]
        tq = eq = None
        if qsppack is not None and (d <= 12000 or args.full):
            try:
                tq, eq = run_qsppack_nlft(qsppack, coef, d % 2, nfft)
            except Exception as exc:  # anchors may fail on hard rows
                print(f"# qsppack NLFT failed on {name}: {type(exc).__name__}: {exc}", file=sys.stderr)
        cells += [fmt_time(tq), "—" if eq is None else f"{eq:.1e}", ratio(tq, warm)]
        newton = sym = laurent = "—"
        if qsppack is not None and (d <= 101 or args.full):
            tn, en = run_qsppack(qsppack, coef, d % 2, "Newton")
            newton = f"{fmt_time(tn)}, {en:.0e}"
        if pyqsp_seq is not None and (d <= 101 or args.full):
            try:
                ts, es = run_pyqsp_sym(pyqsp_seq, coef)
                sym = f"{fmt_time(ts)}, {es:.0e}"
            except Exception as exc:
                sym = f"failed ({type(exc).__name__})"
        if pyqsp_seq is not None and (d <= 501 or args.full):
            try:
                tl, el = run_pyqsp_laurent(pyqsp_seq, pyqsp_resp, coef)
                laurent = f"{fmt_time(tl)}, {el:.0e}"
            except Exception as exc:
                laurent = f"failed ({type(exc).__name__})"
        cells += [newton, sym, laurent]
        table.add(*cells)
        print(table.rows[-1], file=sys.stderr, flush=True)
    print(table.render())


if __name__ == "__main__":
    main()
