"""QSP phase factors: solvers, conventions, responses, exact phases.

References: Chebyshev polynomials from sympy (``sympy.chebyshevt``/``chebyshevu``);
the Wx product and its T_d identity from Gilyén, Su, Low, Wiebe (STOC 2019), Thm 3.
"""

from __future__ import annotations

import numpy as np
import pytest
import sympy
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mathref.errors import ConvergenceError, InvalidArgumentError
from mathref.spectral import (
    convert_phases, exact_qsp_phases, exact_qsp_unitary, qsp_phases, qsp_response, qsp_unitary, verify,
)
from mathref.spectral import _qsp_kernels as K
from mathref.spectral.qsp import CONVENTIONS, _b_coefficients, _weiss_alpha
from mathref.spectral.strategies import bounded_parity_polynomials

phase_arrays = st.lists(st.floats(-np.pi, np.pi), min_size=2, max_size=40).map(np.array)


# ----------------------------------------------------------------------------- kernels (jit and python)


@pytest.mark.kernel
def test_response_kernel_twins_agree_and_match_dense_products(jit_mode):
    rng = np.random.default_rng(1)
    ph = rng.uniform(-np.pi, np.pi, 9)
    th = rng.uniform(0, np.pi, 7)
    x, s = np.cos(th), np.sin(th)
    out = np.empty(7, dtype=complex)
    jit_mode(K.wx_top_left_entries)(ph, x, s, out)
    full = np.empty((7, 2, 2), dtype=complex)
    jit_mode(K.wx_unitaries)(ph, x, full)
    for j in range(7):
        W = np.array([[x[j], 1j * s[j]], [1j * s[j], x[j]]])
        U = np.diag(np.exp([1j * ph[0], -1j * ph[0]]))
        for p in ph[1:]:
            U = U @ W @ np.diag(np.exp([1j * p, -1j * p]))
        assert np.allclose(full[j], U, atol=1e-14)
        assert abs(out[j] - U[0, 0]) < 1e-14


@pytest.mark.kernel
def test_jacobian_kernel_matches_finite_differences(jit_mode):
    rng = np.random.default_rng(2)
    ph = rng.uniform(-1, 1, 6)
    x = np.array([0.2, -0.7, 0.9])
    vals = np.empty(3, dtype=complex)
    jac = np.empty((3, 6), dtype=complex)
    jit_mode(K.wx_top_left_jacobian)(ph, x, vals, jac)
    assert np.allclose(vals, qsp_response(ph, x), atol=1e-14)
    h = 1e-6
    for k in range(6):
        e = np.zeros(6)
        e[k] = h
        fd = (qsp_response(ph + e, x) - qsp_response(ph - e, x)) / (2 * h)
        assert np.allclose(jac[:, k], fd, atol=1e-8)


@pytest.mark.kernel
def test_layer_stripping_inverts_forward_nlft(jit_mode):
    rng = np.random.default_rng(3)
    ts = rng.uniform(-0.5, 0.5, 12)
    alpha = np.empty(12)
    beta = np.empty(12)
    jit_mode(K.real_nlft_forward_coefficients)(ts, alpha, beta)
    out = np.empty(12)
    jit_mode(K.real_nlft_layer_stripping)(alpha.copy(), beta.copy(), out)
    assert np.allclose(out, ts, atol=1e-13)


def test_forward_nlft_realises_the_im_readout():
    # the NLFT correspondence of qsp.py: F_k = i tan(phi_k), Im <0|U|0> = sum_k beta_k T_|2k-d|
    rng = np.random.default_rng(4)
    ph = rng.uniform(-0.6, 0.6, 7)
    alpha = np.empty(7)
    beta = np.empty(7)
    K.real_nlft_forward_coefficients(np.tan(ph), alpha, beta)
    x = np.linspace(-1, 1, 9)
    th = np.arccos(x)
    expected = sum(beta[k] * np.cos((2 * k - 6) * th) for k in range(7))
    assert np.allclose(qsp_response(ph, x).imag, expected, atol=1e-14)


# ----------------------------------------------------------------------------- exact cases


@pytest.mark.parametrize("d", range(0, 9))
def test_zero_phases_give_chebyshev_T(d):
    x = np.linspace(-1, 1, 11)
    t = sympy.lambdify(sympy.Symbol("x"), sympy.chebyshevt(d, sympy.Symbol("x")))(x)
    assert np.allclose(qsp_response(np.zeros(d + 1), x), t, atol=1e-14)


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


def test_weiss_gives_complementary_outer_polynomial():
    c = np.array([0.0, 0.4, 0.0, 0.3])
    beta = _b_coefficients(c)
    alpha, _ = _weiss_alpha(beta)
    z = np.exp(1j * np.linspace(0, 2 * np.pi, 50))
    a = np.polyval(alpha[::-1], z)
    b = np.polyval(beta[::-1], z)
    assert np.allclose(np.abs(a) ** 2 + np.abs(b) ** 2, 1.0, atol=1e-14)
    assert np.all(np.abs(np.roots(alpha[::-1])) > 1.0)  # a* has no zeros in the disk


# ----------------------------------------------------------------------------- conventions


@given(phase_arrays, st.sampled_from(CONVENTIONS), st.sampled_from(CONVENTIONS))
def test_conventions_convert_exactly_and_round_trip(ph, a, b):
    if a == "reflection":
        ph = ph[:-1]
    x = np.linspace(-1, 1, 13)
    other = convert_phases(ph, a, b)
    ra = qsp_response(ph, x, convention=a)
    rb = qsp_response(other, x, convention=b)
    read = {"symmetric-im": lambda r: r.imag}
    fa = read.get(a, lambda r: r.real)(ra)
    fb = read.get(b, lambda r: r.real)(rb)
    assert np.allclose(fa, fb, atol=1e-12)
    assert np.allclose(convert_phases(other, b, a) - ph, 0, atol=1e-12) or a == "reflection" or b == "reflection"


def test_reflection_product_is_the_gslw_reflection_sequence():
    psi = np.array([0.3, -0.4, 1.1])
    x = 0.37
    s = np.sqrt(1 - x * x)
    R = np.array([[x, s], [s, -x]])
    U = np.eye(2, dtype=complex)
    for p in psi:
        U = U @ np.diag(np.exp([1j * p, -1j * p])) @ R
    assert np.allclose(qsp_unitary(psi, np.array([x]), convention="reflection")[0], U, atol=1e-14)


def test_wz_product_is_z_signal_with_x_phases_and_plus_readout():
    ph = np.array([0.2, -0.5, 0.7])
    x = -0.4
    th = np.arccos(x)
    Z = np.diag(np.exp([1j * th, -1j * th]))

    def rx(p):
        return np.array([[np.cos(p), 1j * np.sin(p)], [1j * np.sin(p), np.cos(p)]])

    U = rx(ph[0]) @ Z @ rx(ph[1]) @ Z @ rx(ph[2])
    assert np.allclose(qsp_unitary(ph, np.array([x]), convention="Wz")[0], U, atol=1e-14)
    plus = np.array([1, 1]) / np.sqrt(2)
    assert abs(plus @ U @ plus - qsp_response(ph, np.array([x]), convention="Wz")[0]) < 1e-14


@given(phase_arrays, st.floats(-1, 1))
def test_response_is_unitary(ph, x):
    U = qsp_unitary(ph, np.array([x]))[0]
    assert np.allclose(U.conj().T @ U, np.eye(2), atol=1e-13)
    assert abs(np.linalg.det(U) - 1) < 1e-12


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
        (np.array([0.0, 0.0, 0.0, 1.0]), r"\|P"),
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
