"""Issue 18 §2 and §4: the sizes that hung or exploded and the inputs that gave silent nonsense.

Usage::

    python benchmarks/size_guards.py          # Markdown table: call, outcome, seconds, peak MB

Each call runs in its own interpreter with a 20 s wall limit (a hang shows as
"timeout"), its peak resident memory read from ``resource`` at the end.  The
same calls, asserting a mathref error, are in tests/test_size_guards.py.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CASES = [
    ("from mathref import SqrtRational", "SqrtRational(1, 10**24)"),
    ("from mathref import SqrtRational", "SqrtRational(1, 10**30)"),
    ("from mathref import SqrtRational; p, q = 2**127 - 1, 2**89 - 1",  # a 65-digit semiprime
     "SqrtRational(1, p * q)"),
    ("from mathref.geometry import sph_harm_symbolic", "sph_harm_symbolic(10**30, 1)"),
    ("from mathref.geometry import full_tensor_product_paths", "full_tensor_product_paths(10**30, 1)"),
    ("from mathref.spectral import erf_target", "erf_target(1e30)"),
    ("from mathref.combinatorics import bin_packing_model", "bin_packing_model([3, 5], 8, 10**30)"),
    ("from mathref.combinatorics import EGraph, enumerate_terms; eg = EGraph(); c = eg.add_term(('x',))",
     "enumerate_terms(eg, c, max_size=10**30)"),
    ("import sympy; from mathref.combinatorics import equivalent_forms; x = sympy.Symbol('x')",
     "equivalent_forms(x + 1, max_size=10**30)"),
    ("from mathref.spectral import chebyshev_points", "chebyshev_points(2**63)"),
    ("from mathref.geometry import gauss_legendre_grid", "gauss_legendre_grid(10**12)"),
    ("import numpy as np; from mathref.geometry import sh_forward_transform",
     "sh_forward_transform(np.zeros((4, 8)), 10**12)"),
    ("from mathref.spectral.potentials import newton", "newton(None)"),
    ("from mathref.spectral import chebyshev_coefficients_nd", "chebyshev_coefficients_nd(None)"),
    ("from mathref.spectral.potentials import slater", "slater(-7.5)"),
    ("from mathref.combinatorics import EGraph, canonical_term; eg = EGraph(); eg.add_term(('x',))",
     "canonical_term(eg, -1)"),
    ("from mathref.combinatorics import deduplicate", "deduplicate('abc')"),
    ("import numpy as np; from mathref.combinatorics import evaluate_term", "evaluate_term(np.zeros((2, 2, 2, 2)), {})"),
    ("from mathref.combinatorics import bin_packing_model", "bin_packing_model([3, 5], -1, 2)"),
    ("from mathref.geometry.fourier_basis import ExactComplex", "ExactComplex('abc', None)"),
    ("from mathref.algebra import parse_formula", "parse_formula([])"),
    ("from mathref.algebra import iter_circuits", "iter_circuits('not a matrix')"),
]

DRIVER = """
import json, resource, sys, time
setup, call = sys.argv[1], sys.argv[2]
namespace = {}
exec(setup, namespace)
start = time.perf_counter()
try:
    result = eval(call, namespace)
    outcome = "returned " + repr(result)[:60]
except BaseException as exc:
    from mathref.errors import MathrefError
    tag = "mathref error" if isinstance(exc, MathrefError) else "OTHER"
    outcome = f"{tag}: {type(exc).__name__}: {str(exc)[:90]}"
seconds = time.perf_counter() - start
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"outcome": outcome, "seconds": seconds, "peak_mb": peak_mb}))
"""


def run(setup: str, call: str, timeout: float = 20.0) -> dict:
    start = time.perf_counter()
    try:
        proc = subprocess.run([sys.executable, "-c", DRIVER, setup, call], cwd=tempfile.gettempdir(), capture_output=True,
                              text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"outcome": f"timeout (> {timeout:.0f} s)", "seconds": time.perf_counter() - start, "peak_mb": None}
    if proc.returncode != 0:
        return {"outcome": "crashed: " + proc.stderr.strip().splitlines()[-1][:90], "seconds": None, "peak_mb": None}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    print("| call | outcome | s | peak MB |")
    print("|---|---|---:|---:|")
    for setup, call in CASES:
        r = run(setup, call)
        secs = "" if r["seconds"] is None else f"{r['seconds']:.3f}"
        mb = "" if r["peak_mb"] is None else f"{r['peak_mb']:.0f}"
        outcome = r["outcome"].replace("|", "\\|").replace("\n", " ")
        print(f"| `{call}` | {outcome} | {secs} | {mb} |", flush=True)


if __name__ == "__main__":
    main()
