"""Spin-weighted harmonics: closed forms, s = 0 against sph_harm, orthonormality on a grid, large l, spherical."""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest

from mathref.geometry import gauss_legendre_grid, sph_harm_all, spin_weighted_sph_harm, spin_weighted_sph_harm_all


def test_spin_one_closed_forms():
    # ₁Y_1m (Goldberg et al. 1967 / the GW convention): m = 1: -sqrt(3/16π)(1 - cos θ) e^{iφ},
    # m = 0: sqrt(3/8π) sin θ, m = -1: -sqrt(3/16π)(1 + cos θ) e^{-iφ}
    th, ph = 0.9, -1.3
    Y = spin_weighted_sph_harm_all(1, 1, th, ph)
    assert Y[0] == 0
    assert np.isclose(Y[3], -math.sqrt(3 / (16 * math.pi)) * (1 - math.cos(th)) * np.exp(1j * ph))
    assert np.isclose(Y[2], math.sqrt(3 / (8 * math.pi)) * math.sin(th))
    assert np.isclose(Y[1], -math.sqrt(3 / (16 * math.pi)) * (1 + math.cos(th)) * np.exp(-1j * ph))


@pytest.mark.parametrize("s", [-3, -1, 0, 2])
def test_orthonormal_on_a_grid(s):
    L = 12
    g = gauss_legendre_grid(2 * L + 2)
    th, ph = np.meshgrid(g.theta, g.phi, indexing="ij")
    Y = spin_weighted_sph_harm_all(s, L, th, ph).reshape(-1, (L + 1) ** 2)
    w = g.weights.reshape(-1)
    gram = (Y.conj().T * w) @ Y
    keep = np.array([l >= abs(s) for l in range(L + 1) for _ in range(2 * l + 1)])
    assert np.allclose(gram[np.ix_(keep, keep)], np.eye(keep.sum()), atol=1e-12)
    assert np.all(Y[:, ~keep] == 0)


def test_s0_is_sph_harm_at_high_degree():
    th = np.array([1e-4, 0.3, 1.5, 3.1])
    ph = np.array([0.2, 1.0, -2.0, 3.0])
    L = 300
    a = spin_weighted_sph_harm_all(0, L, th, ph)
    b = sph_harm_all(L, np.stack([th, ph], -1), basis="complex")
    # measured 7e-12 at θ = 1e-4 (both sides carry ≈ l·eps near the pole)
    assert np.abs(a - b).max() < 3e-12 * math.sqrt((2 * L + 1) / (4 * math.pi))


def _mp_sylm(s, l, m, theta, phi):
    # (-1)^s sqrt((2l+1)/4π) e^{imφ} d^l_{m,-s}(θ), Wigner's sum at 700 digits
    with mpmath.workdps(700):
        c, sn = mpmath.cos(mpmath.mpf(theta) / 2), mpmath.sin(mpmath.mpf(theta) / 2)
        f = mpmath.factorial
        mp_, mm = m, -s
        pre = mpmath.sqrt(f(l + mp_) * f(l - mp_) * f(l + mm) * f(l - mm))
        tot = mpmath.mpf(0)
        for k in range(max(0, mm - mp_), min(l + mm, l - mp_) + 1):
            tot += ((-1) ** (k - mm + mp_) / (f(l + mm - k) * f(k) * f(l - k - mp_) * f(k - mm + mp_))
                    * c ** (2 * l + mm - mp_ - 2 * k) * sn ** (2 * k - mm + mp_))
        val = (-1) ** s * mpmath.sqrt((2 * l + 1) / (4 * mpmath.pi)) * pre * tot * mpmath.expj(m * phi)
        return complex(val)


@pytest.mark.slow
def test_l1000_against_mpmath():
    l = 1000
    for s, m, theta in [(-2, 2, 0.4), (2, -700, 1.9), (1, 0, 3.0), (-3, 999, 1.0)]:
        got = spin_weighted_sph_harm(s, l, m, theta, 0.3)
        assert abs(got - _mp_sylm(s, l, m, theta, 0.3)) < 1e-12 * math.sqrt((2 * l + 1) / (4 * math.pi))


def test_l1000_finite_and_normalised_sum():
    # Σ_m |sY_lm|² = (2l+1)/4π at every point (unitarity of D), at l = 1000 and 2000
    for L in (1000, 2000):
        Y = spin_weighted_sph_harm_all(-2, L, np.array([0.01, 1.2, 3.1]), 0.4)
        assert np.isfinite(Y).all()
        block = Y[:, L * L : (L + 1) ** 2]
        assert np.allclose((np.abs(block) ** 2).sum(-1), (2 * L + 1) / (4 * math.pi), rtol=1e-11)


def test_zero_outside_and_bad_input():
    assert spin_weighted_sph_harm(3, 2, 0, 0.3, 0.1) == 0
    assert spin_weighted_sph_harm(0, 2, 3, 0.3, 0.1) == 0
    assert spin_weighted_sph_harm(1, 2, 1, np.zeros((2, 3)), 0.0).shape == (2, 3)
    with pytest.raises(TypeError, match="theta"):
        spin_weighted_sph_harm_all(0, 2, None, 0.0)
    with pytest.raises(ValueError, match="s="):
        spin_weighted_sph_harm_all(0.5, 2, 0.1, 0.0)
    with pytest.raises(ValueError, match="GB"):
        spin_weighted_sph_harm_all(0, 10**5, np.zeros(100), 0.0)
