"""Exact QSP phases by layer stripping in sympy.

References: Chebyshev polynomials from sympy (``sympy.chebyshevt``/``chebyshevu``),
whose exact phases are all zero (Gilyén, Su, Low, Wiebe, STOC 2019, Thm 3).
"""

from __future__ import annotations

import pytest
import sympy

from mathref.errors import InvalidArgumentError
from mathref.spectral import exact_qsp_phases, exact_qsp_unitary


def _mono(expr, x, n):
    p = sympy.Poly(expr, x)
    return [p.coeff_monomial(x**k) for k in range(n)]


@pytest.mark.parametrize("d", range(1, 7))
def test_exact_phases_of_chebyshev_pair_are_zero(d):
    x = sympy.Symbol("x")
    P = _mono(sympy.chebyshevt(d, x), x, d + 1)
    Q = _mono(sympy.chebyshevu(d - 1, x), x, d)
    assert exact_qsp_phases(P, Q) == [0] * (d + 1)


def test_exact_phases_of_rational_polynomial_verified_by_sympy_products():
    half, I = sympy.Rational(1, 2), sympy.I
    x = sympy.Symbol("x", real=True)
    # build an exact pair from known phases (pythagorean angles), then recover them
    c1, s1 = sympy.Rational(3, 5), sympy.Rational(4, 5)
    c2, s2 = sympy.Rational(5, 13), sympy.Rational(12, 13)
    phases = [sympy.atan(s1 / c1), 0, sympy.atan(s2 / c2), sympy.atan(half)]
    U = exact_qsp_unitary(phases, x)
    P = sympy.expand(U[0, 0])
    Q = sympy.expand(sympy.simplify(U[0, 1] / (I * sympy.sqrt(1 - x**2))))
    got = exact_qsp_phases(_mono(P, x, 4), _mono(Q, x, 3))
    V = exact_qsp_unitary(got, x)
    assert sympy.simplify(sympy.expand(V[0, 0] - P)) == 0
    assert sympy.simplify(sympy.expand(V[0, 1] - U[0, 1])) == 0
    assert all(sympy.simplify(v - u) == 0 for u, v in zip(phases, got))


def test_exact_phases_reject_non_unitary_pair():
    with pytest.raises(InvalidArgumentError, match=r"\|P\|\^2"):
        exact_qsp_phases([0, 1], [2])


def test_floats_are_read_as_the_binary_rationals_they_store():
    # -0.6 + 0.8i and 1.2 are not the decimals they print: read exactly, the pair is not unitary and is
    # refused (a rational guess, nsimplify's, would have accepted it as -3/5 + 4i/5, 6/5)
    with pytest.raises(InvalidArgumentError, match=r"\|P\|\^2"):
        exact_qsp_phases([-0.6 + 0.8j, 0.0, 1.2], [0.0, 1.2])
    # the same pair as exact rationals is fine
    R = sympy.Rational
    got = exact_qsp_phases([R(-3, 5) + R(4, 5) * sympy.I, 0, R(6, 5)], [0, R(6, 5)])
    assert got == [0, sympy.atan(R(4, 3)), 0]


def test_dyadic_floats_numpy_scalars_and_complex_floats_are_exact():
    import numpy as np

    # i x and 1: |i x|^2 + (1 - x^2) 1 = 1, all entries exact in binary
    assert exact_qsp_phases([0.0, 1j], [np.float64(1.0)]) == exact_qsp_phases([0, sympy.I], [1])
    assert exact_qsp_phases(np.array([0.0, -3.0, 0.0, 4.0]), np.array([-1, 0, 4])) == [0, 0, 0, 0]
    assert exact_qsp_phases([0, sympy.Float(1.0) * sympy.I], [1]) == exact_qsp_phases([0, sympy.I], [1])


@pytest.mark.parametrize("bad", [[float("nan"), 1.0], [complex(1, float("inf"))], [sympy.Symbol("y")],
                                 [True, 0], [object()], [sympy.oo]], ids=repr)
def test_bad_exact_coefficients_raise_mathref_errors(bad):
    from mathref.errors import MathrefError

    with pytest.raises(MathrefError):
        exact_qsp_phases(bad, [1])
