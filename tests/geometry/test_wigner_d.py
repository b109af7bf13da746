"""Wigner D: exact small-l values from sympy, mpmath at l = 100, group laws, action on harmonics, kernels."""

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
    real_wigner_D,
    real_wigner_D_from_matrix,
    rotate_real_sh,
    rotation_matrix,
    sph_harm_all,
    wigner_D,
    wigner_small_d,
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
    a, b = np.empty((n, n)), np.empty((n, n))
    K.wigner_delta_matrix(l, a)
    jit_mode(K.wigner_delta_matrix)(l, b)
    assert np.allclose(a, b, atol=1e-15)
    c, d = np.empty((n, n)), np.empty((n, n))
    K.wigner_small_d_from_delta(l, 0.9, a, c)
    jit_mode(K.wigner_small_d_from_delta)(l, 0.9, a, d)
    assert np.allclose(c, d, atol=1e-15)
    assert math.isclose(float(c[l, l]), float(sympy.N(Rotation.d(l, 0, 0, sympy.Rational(9, 10)).doit(), 20)),
                        abs_tol=1e-14)


@given(st.integers(0, 30))
def test_delta_is_d_at_half_pi(l):
    assert np.allclose(wigner_small_d(l, math.pi / 2) @ wigner_small_d(l, math.pi / 2), wigner_small_d(l, math.pi),
                       atol=1e-12)
