"""Wigner D: exact values from sympy, mpmath at l = 100/300/1000, every spin, arrays, group laws, kernels, sizes."""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st
from sympy.physics.quantum.spin import Rotation

from mathref.geometry import _wigner_d_kernels as K
from mathref.geometry import (
    euler_angles,
    euler_from_quaternion,
    real_wigner_D,
    real_wigner_D_from_matrix,
    rotate_real_sh,
    rotation_matrix,
    sph_harm_all,
    wigner_D,
    wigner_D_all,
    wigner_D_from_quaternion,
    wigner_D_index,
    wigner_small_d,
    wigner_small_d_exact,
    wigner_small_d_matrix_exact,
)
from mathref.geometry.strategies import band_limits, euler_angle_triples, rotation_matrices, unit_vectors


@pytest.mark.parametrize("l", [0, 1, 2, 3])
def test_small_d_equals_sympy_exact(l):
    # sympy Rotation.d(j, m, m', β) = <j m| exp(-iβJy) |j m'>, exact expressions evaluated at 30 digits
    beta = sympy.Rational(7, 10)
    d = wigner_small_d(l, 0.7)
    labels = [(mp, m) for mp in range(-l, l + 1) for m in range(-l, l + 1)]
    if l >= 2:  # sympy is slow here; a spread of entries is enough
        labels = [(l, l), (l, -l), (0, 0), (-2, 1), (1, -2), (2, 0), (-1, -1)]
    for mp, m in labels:
        exact = Rotation.d(l, mp, m, beta).doit()
        assert abs(d[mp + l, m + l] - float(sympy.N(exact, 30))) < 1e-15


def test_full_D_equals_sympy():
    a, b, g = sympy.Rational(1, 10), sympy.Rational(2, 10), sympy.Rational(3, 10)
    D = wigner_D(2, 0.1, 0.2, 0.3)
    for mp, m in [(2, 2), (2, -1), (0, 0), (-1, 2), (1, 0), (-2, -2)]:
        exact = complex(sympy.N(Rotation.D(2, mp, m, a, b, g).doit(), 30))
        assert abs(D[mp + 2, m + 2] - exact) < 1e-15


def _mp_small_d(j, mp, m, beta):
    # Wigner's explicit sum at 60 digits (mpmath), the textbook formula as an independent oracle
    mpmath.mp.dps = 60
    c, s = mpmath.cos(mpmath.mpf(beta) / 2), mpmath.sin(mpmath.mpf(beta) / 2)
    f = mpmath.factorial
    total = mpmath.mpf(0)
    for k in range(0, 2 * j + 1):
        if j + m - k < 0 or j - k - mp < 0 or k - m + mp < 0:
            continue
        total += (
            (-1) ** (k - m + mp)
            * mpmath.sqrt(f(j + mp) * f(j - mp) * f(j + m) * f(j - m))
            / (f(j + m - k) * f(k) * f(j - k - mp) * f(k - m + mp))
            * c ** (2 * j + m - mp - 2 * k)
            * s ** (2 * k - m + mp)
        )
    return float(total)


@pytest.mark.parametrize("beta", [0.3, 1.7, 3.0])
def test_l100_against_mpmath(beta):
    l = 100
    d = wigner_small_d(l, beta)
    rng = np.random.default_rng(int(beta * 10))
    for mp, m in rng.integers(-l, l + 1, size=(12, 2)):
        assert abs(d[mp + l, m + l] - _mp_small_d(l, int(mp), int(m), beta)) <= 1e-12
    for mp, m in [(l, l), (l, -l), (0, 0), (-l, 3)]:
        assert abs(d[mp + l, m + l] - _mp_small_d(l, mp, m, beta)) <= 1e-12
    assert np.abs(d @ d.T - np.eye(2 * l + 1)).max() < 1e-12


@given(band_limits(max_value=12), euler_angle_triples())
def test_unitarity(l, angles):
    D = wigner_D(l, *angles)
    assert np.allclose(D @ D.conj().T, np.eye(2 * l + 1), atol=1e-13)
    Dr = real_wigner_D(l, *angles)
    assert np.abs(Dr.imag if np.iscomplexobj(Dr) else 0).max() == 0
    assert np.allclose(Dr @ Dr.T, np.eye(2 * l + 1), atol=1e-13)


@given(band_limits(max_value=8), rotation_matrices(), rotation_matrices())
def test_group_law(l, R1, R2):
    D12 = real_wigner_D_from_matrix(l, R1 @ R2)
    assert np.allclose(D12, real_wigner_D_from_matrix(l, R1) @ real_wigner_D_from_matrix(l, R2), atol=1e-12)
    C = wigner_D(l, *euler_angles(R1 @ R2))
    assert np.allclose(C, wigner_D(l, *euler_angles(R1)) @ wigner_D(l, *euler_angles(R2)), atol=1e-12)


@given(euler_angle_triples(), unit_vectors())
def test_action_on_harmonics(angles, r):
    # active rotation: Y^real(R r) = D^real Y^real(r) and Y^complex(R^-1 r) = Y^complex(r) D
    L = 6
    R = rotation_matrix(*angles)
    assert np.allclose(rotate_real_sh(sph_harm_all(L, r), *angles), sph_harm_all(L, R @ r), atol=1e-12)
    Yc, Yci = sph_harm_all(L, r, basis="complex"), sph_harm_all(L, R.T @ r, basis="complex")
    for l in range(L + 1):
        sl = slice(l * l, (l + 1) ** 2)
        assert np.allclose(Yci[sl], Yc[sl] @ wigner_D(l, *angles), atol=1e-12)


def test_l1_real_D_is_the_rotation_matrix_in_yzx_order():
    R = rotation_matrix(0.4, 1.2, -2.0)
    perm = [1, 2, 0]
    assert np.allclose(real_wigner_D(1, 0.4, 1.2, -2.0), R[np.ix_(perm, perm)], atol=1e-15)


@given(euler_angle_triples())
def test_euler_round_trip(angles):
    R = rotation_matrix(*angles)
    assert np.allclose(rotation_matrix(*euler_angles(R)), R, atol=1e-12)


def test_bad_input():
    with pytest.raises(ValueError, match="l="):
        wigner_small_d(-1, 0.1)
    with pytest.raises(ValueError, match="beta"):
        wigner_small_d(1, float("nan"))
    with pytest.raises(TypeError, match="alpha"):
        wigner_D(1, "x", 0.0, 0.0)
    with pytest.raises(ValueError, match="proper rotation"):
        euler_angles(-np.eye(3))
    with pytest.raises(ValueError, match="shape"):
        euler_angles(np.eye(2))
    with pytest.raises(ValueError, match="lmax"):
        rotate_real_sh(np.ones(3), 0.0, 0.0, 0.0)


@pytest.mark.kernel
@pytest.mark.parametrize("l", [0, 1, 4])
def test_kernels_compiled_equals_python(jit_mode, l):
    n = 2 * l + 1
    betas = np.array([0.9, -0.4, 3.5])
    a, b = np.empty((n, n)), np.empty((n, n))
    K.wigner_delta_matrix(2 * l, a)
    jit_mode(K.wigner_delta_matrix)(2 * l, b)
    assert np.allclose(a, b, atol=1e-15)
    c, d = np.empty((3, n, n)), np.empty((3, n, n))
    K.wigner_small_d_recursion(l, betas, c)
    jit_mode(K.wigner_small_d_recursion)(l, betas, d)
    assert np.allclose(c, d, atol=1e-15)
    size = sum((2 * k + 1) ** 2 for k in range(l + 1))
    alphas, gammas = np.array([0.3, 1.0, -2.0]), np.array([0.1, -0.5, 2.5])
    e, f = np.empty((3, size), complex), np.empty((3, size), complex)
    K.wigner_D_all_recursion(l, alphas, betas, gammas, e)
    jit_mode(K.wigner_D_all_recursion)(l, alphas, betas, gammas, f)
    assert np.allclose(e, f, atol=1e-15)
    e, f = np.empty((3, n, n), complex), np.empty((3, n, n), complex)
    K.wigner_D_recursion(l, alphas, betas, gammas, e)
    jit_mode(K.wigner_D_recursion)(l, alphas, betas, gammas, f)
    assert np.allclose(e, f, atol=1e-15)
    g, h = np.empty((3, (l + 1) ** 2), complex), np.empty((3, (l + 1) ** 2), complex)
    K.spin_weighted_sph_harm_points(-1, l, betas, alphas, g)
    jit_mode(K.spin_weighted_sph_harm_points)(-1, l, betas, alphas, h)
    assert np.allclose(g, h, atol=1e-15)
    assert math.isclose(float(c[0, l, l]), float(sympy.N(Rotation.d(l, 0, 0, sympy.Rational(9, 10)).doit(), 20)),
                        abs_tol=1e-14)


@given(st.integers(0, 30))
def test_delta_is_d_at_half_pi(l):
    assert np.allclose(wigner_small_d(l, math.pi / 2) @ wigner_small_d(l, math.pi / 2), wigner_small_d(l, math.pi),
                       atol=1e-12)


# ------------------------------------------------------------------ large degrees, every spin, arrays, sizes
def _mp_small_d_hp(j, mp, m, beta, dps):
    """Wigner's sum at `dps` digits for large j (terms reach C(2j, j), so dps must exceed ≈ 0.6 j)."""
    with mpmath.workdps(dps):
        c, s = mpmath.cos(mpmath.mpf(beta) / 2), mpmath.sin(mpmath.mpf(beta) / 2)
        f = mpmath.factorial
        pre = mpmath.sqrt(f(j + mp) * f(j - mp) * f(j + m) * f(j - m))
        total = mpmath.mpf(0)
        for k in range(max(0, m - mp), min(j + m, j - mp) + 1):
            total += ((-1) ** (k - m + mp) / (f(j + m - k) * f(k) * f(j - k - mp) * f(k - m + mp))
                      * c ** (2 * j + m - mp - 2 * k) * s ** (2 * k - m + mp))
        return float(pre * total)


@pytest.mark.parametrize("beta", [1e-3, 0.3, 1.7, math.pi - 1e-3])
def test_l300_against_mpmath(beta):
    l = 300
    d = wigner_small_d(l, beta)
    for mp, m in [(l, l), (l, -l), (0, 0), (17, -250), (-299, 3), (150, 150), (-7, 8)]:
        # measured ≤ 2.9e-13 (at β = 1e-3 and π - 1e-3; ≤ 2e-15 away from the poles): the recursion's error
        # grows like l·eps near the poles
        assert abs(d[mp + l, m + l] - _mp_small_d_hp(l, mp, m, beta, 260)) <= 5e-13


@pytest.mark.slow
@pytest.mark.parametrize("beta", [1e-3, 0.3, 1.7, 3.1])
def test_l1000_against_mpmath_and_unitary(beta):
    l = 1000
    d = wigner_small_d(l, beta)
    for mp, m in [(0, 0), (500, -20), (-999, 998), (300, 300), (1, -1)]:
        assert abs(d[mp + l, m + l] - _mp_small_d_hp(l, mp, m, beta, 700)) <= 1e-12
    assert np.abs(d @ d.T - np.eye(2 * l + 1)).max() < 2e-12


@pytest.mark.parametrize("l", [500, 1000])
def test_large_l_unitary(l):
    for beta in (1e-3, 0.8, 2.9):
        d = wigner_small_d(l, beta)
        assert np.isfinite(d).all()
        assert np.abs(d @ d.T - np.eye(2 * l + 1)).max() < 2e-12


def test_recursion_equals_fourier():
    for l in (0, 1, 5, 40, 120):
        for beta in (0.0, 1e-8, 0.4, np.pi / 2, 2.5, np.pi, -0.7, 4.4):
            a = wigner_small_d(l, beta, method="recursion")
            b = wigner_small_d(l, beta, method="fourier")
            assert np.abs(a - b).max() < 5e-15 * (l + 1)


@pytest.mark.parametrize("two_j", [1, 3, 5, 7, 21])
def test_half_integer_against_exact(two_j):
    j = sympy.Rational(two_j, 2)
    beta = sympy.Rational(13, 10)
    d = wigner_small_d(j, 1.3)
    rng = np.random.default_rng(two_j)
    for a, b in rng.integers(0, two_j + 1, size=(6, 2)):
        mp, m = sympy.Rational(2 * int(a) - two_j, 2), sympy.Rational(2 * int(b) - two_j, 2)
        exact = wigner_small_d_exact(j, mp, m, beta)
        assert abs(d[a, b] - float(sympy.N(exact, 30))) < 1e-15
        if two_j <= 5:
            assert abs(sympy.N(exact - Rotation.d(j, mp, m, beta).doit(), 40)) < 1e-35
    assert np.allclose(d @ d.T, np.eye(two_j + 1), atol=1e-14)


def test_half_integer_is_double_valued():
    # a 2π turn is -1 on half-integer spins, +1 on integer ones
    assert np.allclose(wigner_D(1.5, 2 * np.pi, 0.0, 0.0), -np.eye(4))
    assert np.allclose(wigner_D(2, 2 * np.pi, 0.0, 0.0), np.eye(5))


def test_exact_matrix_is_sympy_wigner_d_small():
    from sympy.physics.wigner import wigner_d_small

    b = sympy.Symbol("beta")
    for j in (sympy.S(1) / 2, 1, sympy.S(3) / 2, 2):
        ours = wigner_small_d_matrix_exact(j, b)
        theirs = wigner_d_small(j, b)
        # sympy.physics.wigner.wigner_d_small orders rows and columns from m = j down to -j and is the transpose
        # of Rotation.d (its element [i, k] is d^j_{m_k m_i} in our convention); checked at a sample angle
        n = ours.shape[0]
        flipped = sympy.Matrix(n, n, lambda r, c, ours=ours, n=n: ours[n - 1 - c, n - 1 - r])
        diff = (flipped - theirs).subs(b, sympy.Rational(7, 10))
        assert max(abs(complex(sympy.N(x, 30))) for x in diff) < 1e-25


def test_arrays_of_angles_broadcast():
    a = np.array([0.1, 0.2, 0.3])
    b = np.array([[0.5], [1.5]])
    D = wigner_D(2, a, b, 0.7)
    assert D.shape == (2, 3, 5, 5)
    for i in range(2):
        for k in range(3):
            assert np.allclose(D[i, k], wigner_D(2, a[k], b[i, 0], 0.7), atol=1e-15)
    assert wigner_small_d(1, np.zeros((0,))).shape == (0, 3, 3)
    half = wigner_D(0.5, a, 0.4, a)
    assert half.shape == (3, 2, 2) and np.allclose(half[1], wigner_D(0.5, 0.2, 0.4, 0.2))


def test_all_D_layout_and_values():
    lmax = 6
    flat = wigner_D_all(lmax, [0.3, -1.0], [1.1, 2.0], [0.2, 0.5])
    assert flat.shape == (2, sum((2 * l + 1) ** 2 for l in range(lmax + 1)))
    for l in range(lmax + 1):
        block = flat[1, wigner_D_index(l, -l, -l) : wigner_D_index(l, l, l) + 1].reshape(2 * l + 1, 2 * l + 1)
        assert np.allclose(block, wigner_D(l, -1.0, 2.0, 0.5), atol=1e-15)
    halves = wigner_D_all(2.5, 0.3, 1.1, 0.2)
    assert halves.shape == (4 + 16 + 36,)
    i = wigner_D_index(1.5, 0.5, -1.5)
    assert np.isclose(halves[i], wigner_D(1.5, 0.3, 1.1, 0.2)[2, 0])


def test_quaternion_input_and_su2_sign():
    q = np.array([0.3, -0.5, 0.7, 0.1])
    q /= np.linalg.norm(q)
    a, b, g = euler_from_quaternion(q)
    assert np.allclose(wigner_D_from_quaternion(2, q), wigner_D(2, a, b, g))
    assert np.allclose(wigner_D_from_quaternion(0.5, q), -wigner_D_from_quaternion(0.5, -q))
    # spin 1/2: D(q) is the SU(2) matrix of q, rows and columns m = -1/2, +1/2
    w, x, y, z = q
    U = np.array([[w + 1j * z, y - 1j * x], [-y - 1j * x, w - 1j * z]])
    assert np.allclose(wigner_D_from_quaternion(0.5, q), U)


def test_size_guards_name_the_estimate():
    with pytest.raises(ValueError, match="GB"):
        wigner_small_d(20000, 0.1)
    with pytest.raises(ValueError, match="GB"):
        wigner_D_all(1000, 0.1, 0.2, 0.3)
    with pytest.raises(ValueError, match="flops"):
        wigner_small_d(4001 / 2, 0.3)
    with pytest.raises(ValueError, match="integer degree"):
        wigner_small_d(0.5, 0.3, method="recursion")
    with pytest.raises(ValueError, match="method"):
        wigner_small_d(1, 0.3, method="risbo")
    with pytest.raises(TypeError, match="beta"):
        wigner_small_d(1, None)
    with pytest.raises(TypeError, match="beta"):
        wigner_small_d(1, "0.3")
    with pytest.raises(ValueError, match="half-integer"):
        wigner_small_d(0.3, 0.1)
    with pytest.raises(ValueError, match="mp"):
        wigner_D_index(1, 0.5, 0)
    with pytest.raises(ValueError, match="exact d"):
        wigner_small_d_exact(1000, 0, 0, 0)


@pytest.mark.slow
def test_l5000_is_refused_or_fast():
    # the case that once ran for minutes inside Numba: now O(l²), 0.2 GB at l = 5000
    d = wigner_small_d(5000, 0.3)
    assert d.shape == (10001, 10001) and np.isfinite(d).all()
    assert abs(np.linalg.norm(d[:, 5000]) - 1.0) < 1e-11
