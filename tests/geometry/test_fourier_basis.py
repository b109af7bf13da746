"""Change of basis to the 2D Fourier basis: evaluation against scipy/sympy, exact vs float, projections."""

from __future__ import annotations

import mpmath
import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.special import sph_harm_y

from mathref.algebra import real_gaunt_tensor
from mathref.errors import InvalidArgumentError
from mathref.geometry import (
    ExactComplex,
    evaluate_fourier,
    fourier_to_sh,
    sh_fourier_coefficients_exact,
    sh_to_fourier,
    sh_to_fourier_coefficients,
)


def scipy_real_y(l, m, theta, phi):
    """Standard real form from scipy's complex harmonics (no Condon-Shortley phase)."""
    y = sph_harm_y(l, abs(m), theta, phi)
    if m == 0:
        return y.real
    return np.sqrt(2) * (-1) ** m * (y.real if m > 0 else y.imag)


def reference(l, m, theta, phi, basis):
    return sph_harm_y(l, m, theta, phi) if basis == "complex" else scipy_real_y(l, m, theta, phi)


def exact_to_array(coeffs, l):
    F = np.zeros((2 * l + 1, 2 * l + 1), dtype=complex)
    for (u, v), z in coeffs.items():
        F[u + l, v + l] = complex(z)
    return F


@pytest.mark.parametrize("basis", ["complex", "real"])
def test_exact_coefficients_reproduce_scipy_harmonics(basis):
    rng = np.random.default_rng(7)
    theta, phi = rng.uniform(0, np.pi, 25), rng.uniform(0, 2 * np.pi, 25)
    for l in range(7):
        for m in range(-l, l + 1):
            F = exact_to_array(sh_fourier_coefficients_exact(l, m, basis=basis), l)
            np.testing.assert_allclose(evaluate_fourier(F, theta, phi), reference(l, m, theta, phi, basis), atol=5e-15)


def test_exact_coefficients_match_sympy_ynm_at_high_precision():
    # sympy's Ynm (Condon-Shortley, equal to scipy's sph_harm_y) at 40 digits: exactness shows at 1e-35
    t, p = sympy.Rational(7, 10), sympy.Rational(13, 10)
    for l in range(4):
        for m in range(-l, l + 1):
            ref = complex(sympy.N(sympy.Ynm(l, m, t, p).expand(func=True), 40))
            with mpmath.workdps(40):
                total = mpmath.mpc(0)
                for (u, v), z in sh_fourier_coefficients_exact(l, m).items():
                    c = mpmath.mpc(z.real.to_mpmath(140), z.imag.to_mpmath(140))
                    total += c * mpmath.expj(u * mpmath.mpf(7) / 10 + v * mpmath.mpf(13) / 10)
                ref40 = sympy.N(sympy.Ynm(l, m, t, p).expand(func=True), 40)
                diff = abs(total - mpmath.mpc(str(sympy.re(ref40)), str(sympy.im(ref40))))
            assert diff < 1e-35, (l, m, diff, ref)


def test_exact_structure_and_selection_rules():
    for l in range(9):
        for m in range(-l, l + 1):
            coeffs = sh_fourier_coefficients_exact(l, m)
            for (u, v), z in coeffs.items():
                assert v == m and abs(u) <= l and (u - l) % 2 == 0
                assert isinstance(z, ExactComplex) and z
                # m even: real, m odd: imaginary; c(-u) = (-1)^m c(u)
                assert (not z.imag) if m % 2 == 0 else (not z.real)
                w = coeffs[(-u, v)]
                sign = 1 if m % 2 == 0 else -1
                assert w.real == sign * z.real and w.imag == sign * z.imag
            real = sh_fourier_coefficients_exact(l, m, basis="real")
            assert {abs(v) for (_, v) in real} == {abs(m)}


@pytest.mark.parametrize("basis", ["complex", "real"])
def test_float_coefficients_equal_exact(basis):
    lmax = 10
    C = sh_to_fourier_coefficients(lmax, basis=basis)
    assert C.shape == (lmax + 1, 2 * lmax + 1, 2 * lmax + 1, 2)
    assert C.dtype == np.complex128
    dense = np.zeros_like(C)
    for l in range(lmax + 1):
        for m in range(-l, l + 1):
            for (u, v), z in sh_fourier_coefficients_exact(l, m, basis=basis).items():
                dense[l, m + lmax, u + lmax, 0 if v == m else 1] = complex(z)
    np.testing.assert_allclose(C, dense, rtol=0, atol=1e-15)
    # structural zeros (|u| > l, u - l odd) are exact 0.0; a few accidental exact zeros
    # (e.g. l = 8, m = 6, u = 2) come out at the 1e-17 level, covered by atol above
    assert np.all(C[dense != 0] != 0)
    ls = np.arange(lmax + 1)[:, None, None, None]
    us = np.arange(-lmax, lmax + 1)[None, None, :, None]
    ms = np.arange(-lmax, lmax + 1)[None, :, None, None]
    structural = (np.abs(us) > ls) | ((us - ls) % 2 == 1) | (np.abs(ms) > ls)
    assert np.all(C[np.broadcast_to(structural, C.shape)] == 0)


@settings(max_examples=8)
@given(st.integers(20, 64).flatmap(lambda l: st.tuples(st.just(l), st.integers(-l, l))))
def test_float_coefficients_to_l64(lm):
    l, m = lm
    C = sh_to_fourier_coefficients(64, basis="complex")
    for (u, _v), z in sh_fourier_coefficients_exact(l, m).items():
        assert abs(C[l, m + 64, u + 64, 0] - complex(z)) <= 3e-15


@pytest.mark.parametrize("basis", ["complex", "real"])
def test_round_trip_and_evaluation(basis):
    rng = np.random.default_rng(3)
    lmax = 6
    x = rng.normal(size=(2, (lmax + 1) ** 2))
    if basis == "complex":
        x = x + 1j * rng.normal(size=x.shape)
    F = sh_to_fourier(x, basis=basis)
    assert F.shape == (2, 2 * lmax + 1, 2 * lmax + 1)
    np.testing.assert_allclose(fourier_to_sh(F, lmax, basis=basis), x, atol=1e-13)
    theta, phi = rng.uniform(0, np.pi, 10), rng.uniform(0, 2 * np.pi, 10)
    direct = sum(
        x[:, l * l + l + m, None] * reference(l, m, theta, phi, basis)[None, :]
        for l in range(lmax + 1)
        for m in range(-l, l + 1)
    )
    np.testing.assert_allclose(evaluate_fourier(F, theta, phi), direct, atol=1e-13)


def test_product_by_2d_convolution_equals_real_gaunt_contraction():
    # the Fourier route of the Gaunt tensor product (Luo et al. 2024): convolve, project, compare
    from scipy.signal import fftconvolve

    rng = np.random.default_rng(11)
    L1, L2 = 3, 4
    x1, x2 = rng.normal(size=(L1 + 1) ** 2), rng.normal(size=(L2 + 1) ** 2)
    F = fftconvolve(sh_to_fourier(x1), sh_to_fourier(x2))
    out = fourier_to_sh(F, L1 + L2)
    dense = np.einsum("i,j,ijk->k", x1, x2, real_gaunt_tensor(L1, L2, L1 + L2))
    np.testing.assert_allclose(out.real, dense, atol=1e-13)
    assert np.abs(out.imag).max() < 1e-13


def test_exact_complex_conversions():
    z = sh_fourier_coefficients_exact(1, 1)[(1, 1)]
    # Y_1^1 = -sqrt(3/8π) sin θ e^{iφ}, sin θ = (e^{iθ} - e^{-iθ})/(2i): coefficient i·sqrt(3/8π)/2
    assert sympy.sympify(z) == sympy.I * sympy.sqrt(6) / (8 * sympy.sqrt(sympy.pi))
    assert complex(z) == complex(0.0, float(z.imag))
    assert z.conjugate().imag == -z.imag


def test_bad_input():
    with pytest.raises(InvalidArgumentError, match="m"):
        sh_fourier_coefficients_exact(2, 3)
    with pytest.raises(InvalidArgumentError, match="l"):
        sh_fourier_coefficients_exact(-1, 0)
    with pytest.raises(InvalidArgumentError, match="basis"):
        sh_to_fourier_coefficients(2, basis="e3nn")
    with pytest.raises(InvalidArgumentError, match="lmax"):
        sh_to_fourier_coefficients(-2)
    with pytest.raises(InvalidArgumentError, match=r"\(lmax \+ 1\)\*\*2"):
        sh_to_fourier(np.zeros(5))
    with pytest.raises(InvalidArgumentError, match="F must have shape"):
        fourier_to_sh(np.zeros((4, 4)), 2)
    with pytest.raises(InvalidArgumentError, match="theta"):
        evaluate_fourier(np.zeros((3, 3)), np.nan, 0.0)
    with pytest.raises(InvalidArgumentError, match="at least one dimension"):
        sh_to_fourier(np.float64(1.0))
    with pytest.raises(InvalidArgumentError, match="F must have shape"):
        evaluate_fourier(np.zeros((2, 2)), 0.0, 0.0)
    # the library's errors stay ValueErrors for callers that catch the builtin
    assert issubclass(InvalidArgumentError, ValueError)
