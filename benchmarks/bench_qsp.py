"""QSP phase factors: mathref (NLFT, compiled layer stripping) vs pyqsp and qsppack.

Same target polynomial for every tool on each row; the error column is the max
|Re<0|U|0> - P| over a Chebyshev grid of 4(d+1) points, computed by mathref's
``verify`` (direct SU(2) products) for every tool's phases (Wx convention; pyqsp's
Laurent phases are checked with pyqsp's own response at 100 points, as pyqsp does).

Run:  python benchmarks/bench_qsp.py            (anchors' slow methods only at small degree)
      python benchmarks/bench_qsp.py --full     (all anchors on all rows; takes many minutes)
"""

from __future__ import annotations

import argparse
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


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--full", action="store_true", help="run every anchor method on every row")
    ap.add_argument("--big", action="store_true", help="add a degree ~10^5 row")
    args = ap.parse_args(argv)
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
