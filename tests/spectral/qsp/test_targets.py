"""QSP target polynomials: error bounds, bounds on |P|, parity, exact user polynomials.

References: Jacobi-Anger expansion (DLMF 10.12.2-3) checked against numpy's cos/sin;
exact monomial-to-Chebyshev conversion checked against sympy.chebyshevt.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mathref.errors import InvalidArgumentError
from mathref.spectral import (
    amplitude_amplification_target,
    chebyshev_target,
    cos_target,
    degree_error_tradeoff,
    erf_target,
    exp_decay_target,
    exp_target,
    inverse_target,
    monomial_target,
    qsp_phases,
    rectangle_target,
    sign_target,
    sin_target,
    threshold_target,
)


def _domain_points(t, n=4001):
    pts = []
    for a, b in t.domain:
        x = np.linspace(a, b, n)
        pts.append(x)
        if t.parity is not None and a >= 0:
            pts.append(-x)
    return np.concatenate(pts)


def _check_contract(t, margin=1e-3):
    x = _domain_points(t)
    if t.function is not None:
        err = np.max(np.abs(t(x) - t.function(x)))
        assert err <= t.max_error * (1 + 1e-6) + 2e-15, (t.name, err, t.max_error)
    grid = np.cos(np.linspace(0, np.pi, 20 * (t.degree + 1) + 1))
    assert np.max(np.abs(t(grid))) <= 1 - margin + 1e-12
    assert t.sup_norm <= 1 - margin + 1e-12
    if t.parity is not None:
        assert not np.any(t.coef[(t.parity + 1) % 2 :: 2])
        assert t.degree % 2 == t.parity


BUILDERS = [
    lambda: cos_target(10.0),
    lambda: cos_target(0.0),
    lambda: cos_target(200.0, eps=1e-10),
    lambda: sin_target(37.5),
    lambda: inverse_target(10.0),
    lambda: inverse_target(50.0, eps=1e-8),
    lambda: sign_target(0.05, eps=1e-10),
    lambda: threshold_target(0.4, 0.05, eps=1e-9),
    lambda: rectangle_target(0.6, 0.1, eps=1e-9),
    lambda: erf_target(4.0),
    lambda: exp_decay_target(5.0),
    lambda: amplitude_amplification_target(0.1, eps=1e-8),
]


@pytest.mark.parametrize("build", BUILDERS)
def test_builders_honour_their_contract(build):
    _check_contract(build())


@settings(max_examples=15)
@given(st.floats(0.0, 60.0), st.sampled_from([cos_target, sin_target]))
@example(5e-324, cos_target)  # subnormal tau once crashed the Bessel tail bound
def test_jacobi_anger_error_bound_holds(tau, builder):
    t = builder(tau, eps=1e-12)
    _check_contract(t)
    assert t.max_error <= 1e-12


def test_jacobi_anger_degree_grows_like_tau():
    assert cos_target(1000.0).degree < 1000 + 120
    assert cos_target(1000.0).degree > 1000


def test_exp_target_and_parity_parts():
    t = exp_target(7.0)
    x = np.linspace(-1, 1, 101)
    assert np.max(np.abs(t(x) - t.function(x))) <= t.max_error + 1e-15
    even, odd = t.parity_parts()
    assert np.allclose(even(x), t.scale * np.cos(7 * x), atol=1e-13)
    assert np.allclose(odd(x), -t.scale * np.sin(7 * x), atol=1e-13)
    assert qsp_phases(even).max_error < 1e-13
    assert qsp_phases(odd).max_error < 1e-13


def test_fixed_degree_tradeoff_is_monotone_for_sign():
    ds, errs = degree_error_tradeoff(sign_target, [21, 41, 81, 161], delta=0.1, eps=1e-12)
    assert np.all(np.diff(errs) <= 0)


def test_wrong_parity_degree_rejected():
    with pytest.raises(InvalidArgumentError, match="parity"):
        sign_target(0.1, degree=20)


def test_monomial_conversion_is_exact_against_sympy():
    x = sympy.Symbol("x")
    coef = [Fraction(0), Fraction(1, 3), Fraction(0), Fraction(-2, 7), Fraction(0), Fraction(1, 11)]
    t = monomial_target(coef)
    assert t.exact_coef is not None and t.parity == 1
    expr = sum(c * sympy.chebyshevt(k, x) for k, c in enumerate(t.exact_coef))
    assert sympy.expand(expr - sum(sympy.Rational(c.numerator, c.denominator) * x**k for k, c in enumerate(coef))) == 0


def test_chebyshev_target_accepts_sympy_rationals_and_floats():
    t = chebyshev_target([0, sympy.Rational(1, 3), 0, sympy.Rational(1, 5)])
    assert t.exact_coef == (0, Fraction(1, 3), 0, Fraction(1, 5))
    f = chebyshev_target([0.0, 0.25])
    assert f.exact_coef is None and f.parity == 1
    assert qsp_phases(t).max_error < 1e-14


@pytest.mark.parametrize(
    "call, exc",
    [
        (lambda: chebyshev_target([0, 0.5j]), InvalidArgumentError),
        (lambda: chebyshev_target([]), InvalidArgumentError),
        (lambda: sign_target(1.5), InvalidArgumentError),
        (lambda: sign_target(-0.1), InvalidArgumentError),
        (lambda: inverse_target(0.5), InvalidArgumentError),
        (lambda: rectangle_target(0.95, 0.1), InvalidArgumentError),
        (lambda: cos_target(float("nan")), InvalidArgumentError),
        (lambda: erf_target(1.0, eps=2.0), InvalidArgumentError),
        (lambda: chebyshev_target(["a"]), TypeError),
    ],
)
def test_bad_builder_arguments(call, exc):
    with pytest.raises(exc):
        call()


def test_user_polynomial_without_parity_is_rejected_by_solver():
    t = monomial_target([0.1, 0.2])
    assert t.parity is None
    with pytest.raises(InvalidArgumentError, match="parity"):
        qsp_phases(t)
