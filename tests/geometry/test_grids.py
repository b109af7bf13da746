"""Spherical grids: exactness, orthonormality on the grid, forward/inverse transforms."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mathref.geometry import (
    gauss_legendre_grid,
    integrate,
    sh_forward_transform,
    sh_inverse_transform,
    sph_harm_all,
)
from mathref.geometry.grids import gauss_legendre_nodes, separable_transform
from mathref.geometry.strategies import band_limits, sh_feature_arrays


@given(st.integers(0, 40), st.integers(0, 40))
def test_monomials_integrated_exactly(a, b):
    # ∫ z^a x^b dΩ has a closed form; the grid for degree a + b must reproduce it
    g = gauss_legendre_grid(a + b)
    p = g.points
    got = integrate(p[..., 2] ** a * p[..., 0] ** b, grid=g)
    if a % 2 or b % 2:
        want = 0.0
    else:
        # 4π (a-1)!!(b-1)!!/(a+b+1)!!, the moments of the uniform measure on the sphere
        def dfact(n):
            return math.prod(range(n, 0, -2)) if n > 0 else 1

        want = 4 * math.pi * dfact(a - 1) * dfact(b - 1) / dfact(a + b + 1)
    assert abs(got - want) < 1e-13 * max(1.0, abs(want)) * 4 * math.pi


@given(band_limits(max_value=24))
def test_orthonormality_on_grid(L):
    g = gauss_legendre_grid(2 * L)
    Y = sph_harm_all(L, g.points).reshape(-1, (L + 1) ** 2)
    gram = Y.T @ (Y * g.weights.reshape(-1, 1))
    assert np.abs(gram - np.eye((L + 1) ** 2)).max() < 1e-13


@pytest.mark.parametrize("L", [0, 1, 5, 16, 40, 64])
def test_round_trip(L):
    rng = np.random.default_rng(L)
    c = rng.normal(size=(3, (L + 1) ** 2))
    f = sh_inverse_transform(c)
    assert np.abs(sh_forward_transform(f, L) - c).max() <= 1e-12


@given(sh_feature_arrays(max_lmax=10))
def test_inverse_transform_equals_direct_sum(x):
    L = math.isqrt(x.shape[-1]) - 1
    g = gauss_legendre_grid(2 * L + 3)
    direct = np.einsum("ijn,bn->bij", sph_harm_all(L, g.points), x)
    assert np.allclose(sh_inverse_transform(x, grid=g), direct, atol=1e-12 * (1 + np.abs(x).sum()))
    assert np.allclose(sh_forward_transform(direct, L, grid=g), x, atol=1e-12 * (1 + np.abs(x).max()))


def test_forward_projects_out_higher_degrees():
    # a degree-6 function projected to L = 3 with an exact grid keeps exactly the low coefficients
    rng = np.random.default_rng(3)
    c = rng.normal(size=49)
    g = gauss_legendre_grid(6 + 3)
    low = sh_forward_transform(sh_inverse_transform(c, grid=g), 3, grid=g)
    assert np.allclose(low, c[:16], atol=1e-13)


def test_grid_shape_and_weights():
    g = gauss_legendre_grid(10)
    assert g.shape == (6, 11)
    assert math.isclose(g.weights.sum(), 4 * math.pi, rel_tol=1e-14)
    assert np.all(np.diff(g.theta) > 0)
    g2 = gauss_legendre_grid(4, n_theta=7, n_phi=12)
    assert g2.shape == (7, 12)


def test_separable_transform_is_the_cached_engine_of_the_public_transforms():
    # the internal interface the grid route of the Gaunt product uses
    rng = np.random.default_rng(4)
    g = gauss_legendre_grid(8)
    tr = separable_transform(4, g)
    assert tr is separable_transform(4, g)
    c = rng.normal(size=(3, 25))
    values = tr.inverse(c)
    assert np.array_equal(values, sh_inverse_transform(c, grid=g))
    assert np.array_equal(tr.forward(values), sh_forward_transform(values, 4, grid=g))
    # a lower band-limit is zero-padded on the inverse side
    assert np.allclose(tr.inverse(c[:, :9]), sh_inverse_transform(c[:, :9], grid=g), atol=1e-14)


@given(st.integers(1, 80))
def test_gauss_legendre_nodes_integrate_moments(n):
    x, w = gauss_legendre_nodes(n)
    if n > 1:  # the cached arrays are read-only (n = 1 returns fresh writable ones)
        assert not x.flags.writeable and not w.flags.writeable
    for k in range(0, 2 * n, 7):
        want = 2.0 / (k + 1) if k % 2 == 0 else 0.0
        assert math.isclose(float((w * x**k).sum()), want, rel_tol=1e-13, abs_tol=1e-14)


def test_bad_input():
    with pytest.raises(ValueError, match="n_theta"):
        gauss_legendre_grid(10, n_theta=3)
    with pytest.raises(ValueError, match="n_phi"):
        gauss_legendre_grid(10, n_phi=5)
    with pytest.raises(ValueError, match="grid integrates degree"):
        sh_forward_transform(np.ones((2, 3)), 3, grid=gauss_legendre_grid(2))
    with pytest.raises(ValueError, match="grid shape"):
        sh_forward_transform(np.ones((2, 4)), 1)
    with pytest.raises(ValueError, match="not \\(L\\+1\\)"):
        sh_inverse_transform(np.ones(5))
    with pytest.raises(TypeError, match="SphericalGrid"):
        integrate(np.ones((2, 3)), grid="grid")
