"""Spherical harmonics: scipy, sympy, mpmath references; laws (addition theorem); symbolic forms; kernels."""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest
import sympy
from hypothesis import example, given
from hypothesis import strategies as st
from scipy.special import eval_legendre, sph_harm_y

from mathref.geometry import _sph_harm_kernels as K
from mathref.geometry import (
    convert_real_basis,
    normalization_factors,
    real_sph_harm,
    sph_harm,
    sph_harm_all,
    sph_harm_symbolic,
    sph_index,
)
from mathref.geometry.sph_harm import legendre_table
from mathref.geometry.strategies import band_limits, unit_vectors

RNG = np.random.default_rng(20261123)


def _angles_of(v):
    return math.acos(max(-1.0, min(1.0, v[2]))), math.atan2(v[1], v[0])


# ---------------------------------------------------------------- references
@pytest.mark.parametrize("l", [0, 1, 2, 5, 17, 40, 90])
def test_complex_matches_scipy_sph_harm_y(l):
    th = RNG.uniform(0, np.pi, 40)
    ph = RNG.uniform(0, 2 * np.pi, 40)
    for m in range(-l, l + 1):
        ours = sph_harm(l, m, th, ph)
        ref = sph_harm_y(l, m, th, ph)  # scipy >= 1.15, theta polar
        assert np.allclose(ours, ref, rtol=1e-12, atol=1e-13 * math.sqrt((2 * l + 1) / (4 * math.pi)))


def test_sph_harm_all_complex_equals_scipy_layout():
    th, ph = RNG.uniform(0, np.pi, 30), RNG.uniform(0, 2 * np.pi, 30)
    Y = sph_harm_all(12, np.stack([th, ph], -1), basis="complex")
    ref = np.stack([sph_harm_y(l, m, th, ph) for l in range(13) for m in range(-l, l + 1)], -1)
    assert np.abs(Y - ref).max() < 1e-13


@pytest.mark.parametrize("l,m", [(0, 0), (1, -1), (1, 1), (2, -2), (3, 1), (4, -3), (5, 5)])
def test_complex_matches_sympy_ynm(l, m):
    theta, phi = sympy.symbols("theta phi", real=True)
    expr = sympy.Ynm(l, m, theta, phi).expand(func=True)
    for th, ph in [(0.3, 1.1), (2.0, -0.4), (1.2, 4.0)]:
        ref = complex(expr.subs({theta: th, phi: ph}).evalf(30))
        assert abs(sph_harm(l, m, th, ph) - ref) < 1e-14


def test_real_form_is_sphericart_standard_l1():
    # sphericart's documented form: l = 1 is sqrt(3/4π) (y, z, x)
    v = np.array([0.36, -0.48, 0.8])
    Y = sph_harm_all(1, v)
    assert np.allclose(Y[1:], math.sqrt(3 / (4 * math.pi)) * v[[1, 2, 0]], atol=1e-15)


def test_real_form_relation_to_complex_cs():
    th, ph = RNG.uniform(0, np.pi, 20), RNG.uniform(0, 2 * np.pi, 20)
    for l in range(6):
        for m in range(-l, l + 1):
            c = sph_harm(l, abs(m), th, ph)
            want = c.real if m == 0 else math.sqrt(2) * (-1) ** m * (c.real if m > 0 else c.imag)
            assert np.allclose(real_sph_harm(l, m, th, ph), want, atol=1e-14)


def _mp_value(l, m, th, ph):
    return complex(mpmath.spherharm(l, m, mpmath.mpf(th), mpmath.mpf(ph)))


@pytest.mark.parametrize("l", [10, 100, 400, 1000])
def test_stable_to_l_1000_against_mpmath(l):
    # mpmath at 40 digits, at the same float angles; contract in geometry.sph_harm's docstring
    mpmath.mp.dps = 40
    top = math.sqrt((2 * l + 1) / (4 * math.pi))
    rng = np.random.default_rng(l)
    ct = rng.uniform(-0.99, 0.99, 3)
    pts = np.stack([np.arccos(ct), rng.uniform(0, 2 * np.pi, 3)], -1)
    Y = sph_harm_all(l, pts, basis="complex")
    ms = rng.integers(-l, l + 1, 4)
    for p, (th, ph) in enumerate(pts):
        for m in ms:
            ref = _mp_value(l, int(m), th, ph)
            ours = Y[p, l * l + l + m]
            assert abs(ours - ref) <= 1e-12 * top
            if abs(ref) >= 1e-2 * top:
                assert abs(ours - ref) <= 1e-12 * abs(ref)


def test_poles_no_overflow_and_exact_values():
    L = 1000
    Y = sph_harm_all(L, np.array([[0.0, 0.0, 1.0], [0.0, 0.0, -1.0], [1e-3, 0.0, 1.0]]))
    assert np.all(np.isfinite(Y))
    ls = np.arange(L + 1)
    zonal = np.sqrt((2 * ls + 1) / (4 * np.pi))
    assert np.allclose(Y[0, ls * ls + ls], zonal, rtol=1e-13)
    assert np.allclose(Y[1, ls * ls + ls], zonal * (-1.0) ** ls, rtol=1e-13)
    off = np.ones(Y.shape[1], bool)
    off[ls * ls + ls] = False
    assert np.all(Y[:2, off] == 0.0)


def test_scaled_recursion_near_pole_matches_mpmath():
    # sin(0.01)**200 ~ 1e-400 underflows: the recursion must carry an exponent and still land on the value
    mpmath.mp.dps = 40
    th, ph = 0.01, 0.7
    Y = sph_harm_all(1000, [[th, ph]], basis="complex")[0]
    for m in (100, 150, 200):  # values 1e-88 .. 1e-235
        ref = _mp_value(1000, m, th, ph)
        ours = Y[1000 * 1000 + 1000 + m]
        assert ref != 0 and ours != 0
        assert abs(ours - ref) <= 1e-11 * abs(ref)
    assert Y[1000 * 1000 + 1000 + 300] == 0  # true value 2e-406 is below the float range
    assert real_sph_harm(1000, 1000, 0.01, 0.0) == 0.0  # ~1e-2000: flushes to zero, no NaN


def test_cartesian_and_angles_agree_any_length():
    v = RNG.normal(size=(50, 3))
    th = np.arccos(v[:, 2] / np.linalg.norm(v, axis=1))
    ph = np.arctan2(v[:, 1], v[:, 0])
    assert np.allclose(sph_harm_all(20, 3.5 * v), sph_harm_all(20, np.stack([th, ph], -1)), atol=1e-13)


# ---------------------------------------------------------------------- laws
@given(unit_vectors(), unit_vectors(), band_limits(max_value=30))
@example(np.array([0.0, 0.0, 1.0]), np.array([0.0, 0.0, -1.0]), 30)
def test_addition_theorem(u, v, L):
    # Σ_m Y_lm(u) Y_lm(v) = (2l+1)/(4π) P_l(u·v), in the real and the complex basis
    Yu, Yv = sph_harm_all(L, u), sph_harm_all(L, v)
    Cu, Cv = sph_harm_all(L, u, basis="complex"), sph_harm_all(L, v, basis="complex")
    cosg = float(np.clip(u @ v, -1, 1))
    for l in range(L + 1):
        sl = slice(l * l, (l + 1) ** 2)
        want = (2 * l + 1) / (4 * math.pi) * eval_legendre(l, cosg)
        assert abs(Yu[sl] @ Yv[sl] - want) < 1e-12 * (2 * l + 1)
        assert abs(np.vdot(Cv[sl], Cu[sl]) - want) < 1e-12 * (2 * l + 1)


@given(unit_vectors(), st.sampled_from(["integral", "component", "norm"]))
def test_normalizations(u, normalization):
    L = 6
    Y = sph_harm_all(L, u, normalization=normalization)
    for l in range(L + 1):
        s = float((Y[l * l : (l + 1) ** 2] ** 2).sum())
        want = {"integral": (2 * l + 1) / (4 * math.pi), "component": 2 * l + 1, "norm": 1.0}[normalization]
        assert math.isclose(s, want, rel_tol=1e-13)
    assert np.allclose(Y, sph_harm_all(L, u) * normalization_factors(L, normalization))


# -------------------------------------------------- Legendre table and symbolic
def test_legendre_table_is_the_m_column_of_the_real_harmonics():
    # the internal interface of grids and tensor products: y_l^m(θ) at φ = 0, column l(l+1)/2 + m
    theta = np.concatenate([RNG.uniform(0, np.pi, 12), [0.0, np.pi], RNG.uniform(np.pi, 2 * np.pi, 4)])
    L = 9
    table = legendre_table(L, theta)
    assert table.shape == (theta.size, (L + 1) * (L + 2) // 2)
    for l in range(L + 1):
        for m in range(l + 1):
            want = real_sph_harm(l, m, theta[:14], 0.0) / (math.sqrt(2) if m else 1.0)
            assert np.allclose(table[:14, l * (l + 1) // 2 + m], want, atol=1e-14)
    # past θ = π the signed sin θ continues y_l^m: y_l^m(2π - θ) = (-1)^m y_l^m(θ)
    back = legendre_table(L, 2 * np.pi - theta[-4:])
    signs = np.array([(-1.0) ** m for l in range(L + 1) for m in range(l + 1)])
    assert np.allclose(table[-4:], back * signs, atol=1e-13)


def test_sphericart_if_installed():
    sphericart = pytest.importorskip("sphericart")
    v = RNG.normal(size=(30, 3))
    ref = sphericart.SphericalHarmonics(10).compute(v)
    assert np.allclose(sph_harm_all(10, v), ref, atol=1e-13)


@pytest.mark.parametrize("basis", ["complex", "real", "sympy", "e3nn"])
def test_symbolic_polynomials_evaluate_to_float_values(basis):
    x, y, z = sympy.symbols("x y z", real=True)
    v = np.array([0.48, 0.6, 0.64])
    Yr = sph_harm_all(4, v)
    conv = {"real": Yr, "sympy": convert_real_basis(Yr, target="sympy"), "e3nn": convert_real_basis(Yr, target="e3nn")}
    Yc = sph_harm_all(4, v, basis="complex")
    for l in range(5):
        for m in range(-l, l + 1):
            expr = sph_harm_symbolic(l, m, basis=basis, symbols=(x, y, z))
            val = complex(expr.subs({x: sympy.Rational(12, 25), y: sympy.Rational(3, 5), z: sympy.Rational(16, 25)}))
            want = Yc[sph_index(l, m)] if basis == "complex" else conv[basis][sph_index(l, m)]
            assert abs(val - want) < 1e-14


def test_symbolic_is_exact_sympy():
    e = sph_harm_symbolic(2, 0, basis="real")
    x, y, z = sympy.symbols("x y z", real=True)
    assert sympy.simplify(e - sympy.sqrt(5) / (4 * sympy.sqrt(sympy.pi)) * (3 * z**2 - 1)) == 0
    assert sph_harm_symbolic(2, 3) == 0


# --------------------------------------------------------------- bad input
def test_bad_input_messages():
    with pytest.raises(ValueError, match="l="):
        sph_harm(-1, 0, 0.1, 0.2)
    with pytest.raises(ValueError, match="not an integer"):
        real_sph_harm(1.5, 0, 0.1, 0.2)
    with pytest.raises(ValueError, match="points"):
        sph_harm_all(3, np.ones((4, 4)))
    with pytest.raises(ValueError, match="zero vector"):
        sph_harm_all(3, np.zeros((2, 3)))
    with pytest.raises(ValueError, match="NaN"):
        sph_harm_all(3, [[np.nan, 0.0, 1.0]])
    with pytest.raises(ValueError, match="basis"):
        sph_harm_all(3, [[0.0, 0.0, 1.0]], basis="weird")
    with pytest.raises(ValueError, match="normalization"):
        sph_harm_all(3, [[0.0, 0.0, 1.0]], normalization="weird")
    assert sph_harm(2, 3, 0.1, 0.2) == 0 and real_sph_harm(2, -3, 0.1, 0.2) == 0.0


# ----------------------------------------------------------------- kernels
@pytest.mark.kernel
def test_kernels_compiled_equals_python(jit_mode):
    L = 7
    a, b, sectoral = K.legendre_recurrence_coefficients(L)
    pts = np.ascontiguousarray(RNG.normal(size=(5, 3)))
    pts[0] = [0.0, 0.0, 1.0]
    work = np.empty((L + 1) * (L + 2) // 2)
    out_c, out_p = np.empty((5, 64)), np.empty((5, 64))
    K.real_sph_harm_points(L, pts, False, a, b, sectoral, work, out_c)
    jit_mode(K.real_sph_harm_points)(L, pts, False, a, b, sectoral, work, out_p)
    assert np.allclose(out_c, out_p, rtol=1e-14, atol=1e-15)
    cc, cp = np.empty((5, 64), complex), np.empty((5, 64), complex)
    ang = np.ascontiguousarray(RNG.uniform(0, 3, size=(5, 2)))
    K.complex_sph_harm_points(L, ang, True, a, b, sectoral, work, cc)
    jit_mode(K.complex_sph_harm_points)(L, ang, True, a, b, sectoral, work, cp)
    assert np.allclose(cc, cp, rtol=1e-14, atol=1e-15)
    v1 = K.normalized_legendre_column(7, 3, 0.3, 0.7, math.sqrt(0.91), a, b, sectoral)
    v2 = jit_mode(K.normalized_legendre_column)(7, 3, 0.3, 0.7, math.sqrt(0.91), a, b, sectoral)
    assert math.isclose(v1, v2, rel_tol=1e-14)
    assert math.isclose(v1, sph_harm(7, 3, math.acos(0.3), 0.0).real * (-1) ** 3, rel_tol=1e-13)


# ------------------------------------------------------------------ edges of issue 12 §4
def test_cartesian_input_is_scaled_by_its_largest_component():
    ref = sph_harm_all(4, [1.0, 0.0, 1.0])
    for scale in (1e155, 1e-200, 1e300, 5e-324):
        got = sph_harm_all(4, np.array([scale, 0.0, scale]))
        assert np.isfinite(got).all() and np.allclose(got, ref, atol=1e-15)
    tiny = sph_harm_all(3, [[5e-324, 0.0, 0.0], [0.0, 0.0, -1e308]], basis="complex")
    assert np.allclose(tiny, sph_harm_all(3, [[1.0, 0, 0], [0, 0, -1.0]], basis="complex"), atol=1e-15)


@pytest.mark.parametrize("bad", [None, "0.3", True, [None, 0.2]])
def test_non_numeric_angles_are_type_errors(bad):
    from mathref.errors import InvalidTypeError

    with pytest.raises(InvalidTypeError, match="theta"):
        sph_harm(1, 0, bad, 0.0)
    with pytest.raises(TypeError, match="phi"):
        real_sph_harm(1, 0, 0.1, bad)
    with pytest.raises(TypeError, match="points"):
        sph_harm_all(1, bad)


@pytest.mark.parametrize("l", [1000, 2000])
def test_near_pole_error_against_mpmath(l):
    # the figures quoted in the module docstring (half-angle u = 1 - |cos θ| in the recurrences)
    mpmath.mp.dps = 40
    norm = math.sqrt((2 * l + 1) / (4 * math.pi))
    ths = [1e-4, 1e-3, 0.02, 0.07, math.pi - 0.004, math.pi - 0.05]
    Y = sph_harm_all(l, np.stack([ths, np.zeros(len(ths))], -1), basis="complex")
    for i, th in enumerate(ths):
        for m in (0, 3, 10):
            ref = complex(mpmath.spherharm(l, m, mpmath.mpf(th), 0))
            # measured ≤ 9.4e-13 (l = 1000) and 2.6e-12 (l = 2000) of the maximum; 1.3e-11 / 5.1e-11 before
            assert abs(sph_harm(l, m, th, 0.0) - ref) <= 3e-12 * norm
            assert abs(Y[i, l * l + l + m] - ref) <= 3e-12 * norm
