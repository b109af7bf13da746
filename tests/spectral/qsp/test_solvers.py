"""QSP phase factors from qsp_phases: every method, the symmetric solution, errors and bad input.

Reference: the realised polynomial checked by :func:`verify` (direct SU(2)
products, independent of the solvers) and the methods checked against each other.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import example, given, settings

from mathref.errors import ConvergenceError, InvalidArgumentError
from mathref.spectral import qsp_phases, qsp_response, verify
from mathref.spectral.strategies import bounded_parity_polynomials

# ----------------------------------------------------------------------------- solvers


@settings(max_examples=25)
@given(bounded_parity_polynomials(max_degree=200, bound=0.999))
@example(np.array([0.0, 0.999]))
@example(np.array([0.5]))
def test_nlft_reproduces_random_bounded_parity_polynomials(c):
    res = qsp_phases(c)
    assert res.phases.size == c.size
    assert res.max_error <= 1e-12
    v = verify(res.phases, c)
    assert v.max_error <= 1e-12


@settings(max_examples=10)
@given(bounded_parity_polynomials(max_degree=60, bound=0.9))
def test_newton_reproduces_random_polynomials_and_agrees_with_nlft(c):
    a = qsp_phases(c, method="newton")
    b = qsp_phases(c, method="nlft")
    assert a.max_error <= 1e-12
    assert np.allclose(a.phases, b.phases, atol=1e-9)


@settings(max_examples=10)
@given(bounded_parity_polynomials(max_degree=60, bound=0.7))
def test_fixed_point_iteration_reproduces_random_polynomials(c):
    res = qsp_phases(c, method="fpi")
    assert res.max_error <= 1e-12


@settings(max_examples=15)
@given(bounded_parity_polynomials(max_degree=80, bound=0.99))
def test_phases_are_symmetric(c):
    ph = qsp_phases(c, convention="symmetric").phases
    assert np.allclose(ph, ph[::-1], atol=1e-13)
    ph_im = qsp_phases(c, convention="symmetric-im").phases
    assert np.allclose(ph_im, ph_im[::-1], atol=1e-13)


def test_fpi_reports_non_convergence_with_partial_result():
    c = np.zeros(12)
    c[11] = 0.999
    with pytest.raises(ConvergenceError) as info:
        qsp_phases(c, method="fpi", maxiter=3)
    assert info.value.partial is not None and info.value.diagnostics["iterations"] == 3


def test_degree_two_thousand_sign():
    from mathref.spectral import sign_target

    t = sign_target(0.02, eps=1e-10)
    assert t.degree > 2000
    res = qsp_phases(t)
    assert res.max_error <= 1e-12
    assert verify(res.phases, t).max_error <= 1e-12


@pytest.mark.slow
def test_degree_ten_thousand_sign_in_one_go():
    from mathref.spectral import sign_target

    t = sign_target(0.002, eps=1e-10)
    assert t.degree > 10_000
    res = qsp_phases(t)
    assert res.max_error <= 1e-12


def test_result_can_be_re_expressed():
    res = qsp_phases(np.array([0.0, 0.2, 0.0, 0.5]))
    r = res.to("symmetric-im")
    assert r.convention == "symmetric-im"
    x = np.linspace(-1, 1, 5)
    assert np.allclose(qsp_response(r.phases, x).imag, qsp_response(res.phases, x).real, atol=1e-14)


# ----------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    "target, match",
    [
        (np.array([0.1, 0.2, 0.3]), "parity"),
        (np.array([0.0, 1.2]), r"\|P"),
        (np.array([0.0, 0.0, 0.0, 1.0 + 1e-6]), r"\|P"),
        (np.array([0.0, 0.5j]), "complex"),
        (np.array([0.0, np.nan]), "NaN"),
        (np.zeros((2, 2)), "1-D"),
    ],
)
def test_bad_targets_are_rejected_clearly(target, match):
    with pytest.raises(InvalidArgumentError, match=match):
        qsp_phases(target)


def test_bad_options_are_rejected():
    with pytest.raises(InvalidArgumentError, match="convention"):
        qsp_phases(np.array([0.0, 0.5]), convention="Wy")
    with pytest.raises(InvalidArgumentError, match="method"):
        qsp_phases(np.array([0.0, 0.5]), method="magic")
    with pytest.raises(InvalidArgumentError, match=r"\[-1, 1\]"):
        qsp_response([0.0, 0.0], np.array([1.5]))
    with pytest.raises(InvalidArgumentError, match="reflection"):
        qsp_phases(np.array([0.5]), convention="reflection")
    with pytest.raises(TypeError):
        qsp_response(["a"], [0.0])


def test_complex_jacobi_anger_target_rejected_with_hint():
    from mathref.spectral import exp_target

    with pytest.raises(InvalidArgumentError, match="cos and sin"):
        qsp_phases(exp_target(3.0))
