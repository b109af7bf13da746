"""API robustness (issue 17 §4) for every public callable of ``mathref.spectral.qsp``.

Each argument of a valid call is replaced in turn by garbage (None, text, NaN, inf, huge
ints, negative and zero sizes, empty and wrong-shape arrays); the call must return or
raise a :class:`mathref.errors.MathrefError` within 2 s -- never AttributeError,
IndexError, OverflowError, MemoryError or a hang.
"""

from __future__ import annotations

import time

import numpy as np
import pytest

import mathref.spectral.qsp as qsp
from mathref.errors import MathrefError

GARBAGE = [None, "0.5", b"x", float("nan"), float("inf"), -float("inf"), 10**30, -(10**30), -1, 0, 1.5, True,
           [], [[]], np.zeros((0,)), np.zeros((3, 2)), np.array([np.nan, 0.5]), {"a": 1}, object(), 1j]

PH = [0.1, -0.2, 0.3]
A = np.array([[0.5, 0.1], [0.0, -0.3]])
U = qsp.unitary_dilation(A)

# name -> (positional args, keyword args) of a valid call
CALLS = {
    "qsp_phases": (([0.0, 0.5],), {}),
    "complex_qsp_phases": (([0.0, 1j],), {}),
    "completion_phases": (([0.0, 1.0],), {}),
    "reduced_phases": (([0.1, 0.2, 0.1],), {}),
    "full_phases": (([0.1, 0.2], 3), {}),
    "qsp_response": ((PH, [0.3]), {}),
    "qsp_unitary": ((PH, [0.3]), {}),
    "convert_phases": ((PH, "Wx", "reflection"), {}),
    "verify": ((PH, [0.0, 0.0, 0.4]), {}),
    "exact_qsp_unitary": (([0, 0], 0.5), {}),
    "cos_target": ((3.0,), {"eps": 1e-8}),
    "sin_target": ((3.0,), {"eps": 1e-8}),
    "exp_target": ((3.0,), {"eps": 1e-8}),
    "inverse_target": ((3.0,), {"eps": 1e-6}),
    "sign_target": ((0.3,), {"eps": 1e-4}),
    "threshold_target": ((0.5, 0.2), {"eps": 1e-4}),
    "rectangle_target": ((0.5, 0.2), {"eps": 1e-4}),
    "erf_target": ((2.0,), {"eps": 1e-8}),
    "exp_decay_target": ((2.0,), {"eps": 1e-8}),
    "amplitude_amplification_target": ((0.3,), {"eps": 1e-4}),
    "chebyshev_target": (([0.0, 0.5],), {}),
    "monomial_target": (([0.0, 0.5],), {}),
    "minimax_target": (("sign",), {"delta": 0.3, "degree": 9}),
    "unitary_dilation": ((A,), {}),
    "qsvt_apply": ((PH, A), {}),
    "singular_value_transform": ((PH, A), {}),
    "qsvt_circuit": ((PH, U), {"rows": 2}),
    "block_encoded_transform": ((PH, U), {"rows": 2}),
}

# keyword options also fuzzed (the size and accuracy knobs)
KEYWORDS = {
    "qsp_phases": ["tol", "maxiter", "time_limit", "method", "convention"],
    "verify": ["points", "convention"],
    "cos_target": ["eps", "degree", "scale", "margin"],
    "inverse_target": ["eps", "degree", "margin"],
    "sign_target": ["eps", "degree", "margin"],
    "minimax_target": ["eps", "degree", "scale", "margin", "delta"],
    "qsvt_circuit": ["rows", "cols", "convention"],
    "block_encoded_transform": ["rows", "cols"],
}


def _cases():
    for name, (args, _kwargs) in CALLS.items():
        for i in range(len(args)):
            yield name, ("arg", i)
        for k in KEYWORDS.get(name, []):
            yield name, ("kw", k)


@pytest.mark.parametrize("name,slot", list(_cases()), ids=lambda v: str(v))
def test_garbage_gives_a_result_or_a_mathref_error_quickly(name, slot):
    fn = getattr(qsp, name)
    args, kwargs = CALLS[name]
    fn(*args, **kwargs)  # the valid call works
    for bad in GARBAGE:
        a, kw = list(args), dict(kwargs)
        if slot[0] == "arg":
            a[slot[1]] = bad
        else:
            kw[slot[1]] = bad
        t0 = time.perf_counter()
        try:
            fn(*a, **kw)
        except MathrefError:
            pass
        except Exception as exc:  # pragma: no cover - the failure message is the point
            pytest.fail(f"{name} with {slot}={bad!r} raised {type(exc).__name__}: {exc}")
        elapsed = time.perf_counter() - t0
        assert elapsed < 2.0, f"{name} with {slot}={bad!r} took {elapsed:.1f} s"


def test_every_public_callable_is_fuzzed():
    public = {n for n in qsp.__all__ if callable(getattr(qsp, n)) and not isinstance(getattr(qsp, n), type)}
    # exact_qsp_phases and degree_error_tradeoff take sympy polynomials / builders: covered in their own tests
    missing = public - set(CALLS) - {"exact_qsp_phases", "degree_error_tradeoff", "remez_parity"}
    assert not missing
