"""Chebyshev points, transforms, Clenshaw evaluation, calculus and adaptive fits.

Independent references: numpy.polynomial.chebyshev (chebpts1/2, chebval,
chebder, chebint, chebinterpolate), direct cos(k arccos x) sums, closed-form
integrals, and Chebfun's published value of a 3-D integral.
"""

from __future__ import annotations

import warnings

import numpy as np
import numpy.polynomial.chebyshev as npc
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from mathref.errors import InvalidArgumentError
from mathref.spectral import _chebyshev_kernels as K
from mathref.spectral.chebyshev import (
    PoorResolutionWarning,
    chebyshev_chop,
    chebyshev_coefficients,
    chebyshev_coefficients_nd,
    chebyshev_derivative,
    chebyshev_evaluate,
    chebyshev_evaluate_nd,
    chebyshev_fit,
    chebyshev_grid,
    chebyshev_integral,
    chebyshev_integral_nd,
    chebyshev_interpolate_nd,
    chebyshev_points,
    chebyshev_values,
    chebyshev_values_nd,
    clenshaw_curtis_weights,
)
from mathref.spectral.strategies import boxes, chebyshev_series

CHEBFUN_3D = 4.28685406230184188268  # Chebfun3 guide: sum3(1/(1+x^2+y^2+z^2)) on [-1,1]^3


# ---------------------------------------------------------------- points and transforms


@pytest.mark.parametrize("n", [1, 2, 3, 8, 17, 129])
def test_points_match_numpy(n):
    np.testing.assert_allclose(chebyshev_points(n, kind=1), npc.chebpts1(n), atol=1e-15)
    if n >= 2:
        np.testing.assert_allclose(chebyshev_points(n, kind=2), npc.chebpts2(n), atol=1e-15)


def test_points_symmetric_and_mapped():
    x = chebyshev_points(65)
    assert x[32] == 0.0 and np.array_equal(x, -x[::-1])
    y = chebyshev_points(9, domain=(2.0, 5.0))
    assert y[0] == 2.0 and y[-1] == 5.0 and np.all(np.diff(y) > 0)


@pytest.mark.parametrize("deg", [0, 1, 5, 30])
def test_first_kind_coefficients_match_numpy_interpolate(deg):
    f = lambda x: np.exp(np.sin(3 * x))  # noqa: E731
    ours = chebyshev_coefficients(f(chebyshev_points(deg + 1, kind=1)), kind=1)
    np.testing.assert_allclose(ours, npc.chebinterpolate(f, deg), atol=1e-14)


@given(chebyshev_series(max_degree=40), st.integers(0, 20), st.sampled_from([1, 2]))
@example(np.array([1.0]), 0, 2)
def test_exact_reproduction_of_polynomials(c, extra, kind):
    """A polynomial sampled at n > degree points comes back with exactly its coefficients (and zeros)."""
    n = max(c.size + extra, 2)
    x = chebyshev_points(n, kind=kind)
    coeffs = chebyshev_coefficients(npc.chebval(x, c), kind=kind)
    padded = np.zeros(n)
    padded[: c.size] = c
    np.testing.assert_allclose(coeffs, padded, atol=1e-13 * (1 + np.abs(c).sum()))


@given(st.integers(1, 300), st.sampled_from([1, 2]), st.integers(0, 2**32 - 1))
def test_values_coefficients_round_trip(n, kind, seed):
    v = np.random.default_rng(seed).standard_normal(n)
    if kind == 2 and n == 1:
        n, v = 2, np.append(v, 0.5)
    back = chebyshev_values(chebyshev_coefficients(v, kind=kind), kind=kind)
    np.testing.assert_allclose(back, v, atol=1e-13 * (1 + np.abs(v).max()) * np.log2(n + 1))


def test_round_trip_batched_axis():
    V = np.random.default_rng(0).standard_normal((5, 9, 4))
    C = chebyshev_coefficients(V, axis=1)
    np.testing.assert_allclose(chebyshev_values(C, axis=1), V, atol=1e-14)
    np.testing.assert_allclose(C[2, :, 3], chebyshev_coefficients(V[2, :, 3]), atol=1e-15)


# ---------------------------------------------------------------- evaluation


@given(chebyshev_series(max_degree=60), st.lists(st.floats(-1, 1), min_size=1, max_size=20))
def test_clenshaw_matches_numpy_chebval(c, xs):
    x = np.array(xs)
    np.testing.assert_allclose(chebyshev_evaluate(c, x), npc.chebval(x, c), atol=1e-13 * (1 + np.abs(c).sum()))


@given(chebyshev_series(max_degree=20), boxes(ndim=1), st.floats(0, 1))
def test_domain_mapping(c, box, u):
    (a, b), = box
    x = a + u * (b - a)
    t = (2 * x - a - b) / (b - a)
    assert abs(chebyshev_evaluate(c, x, domain=(a, b)) - npc.chebval(t, c)) <= 1e-12 * (1 + np.abs(c).sum())


def test_columns_and_shapes():
    C = np.random.default_rng(1).standard_normal((7, 3))
    x = np.linspace(-1, 1, 10).reshape(2, 5)
    out = chebyshev_evaluate(C, x)
    assert out.shape == (2, 5, 3)
    for j in range(3):
        np.testing.assert_allclose(out[..., j], npc.chebval(x, C[:, j]), atol=1e-13)
    assert isinstance(chebyshev_evaluate([1.0, 1.0], 0.5), float)


@pytest.mark.kernel
def test_kernels_compiled_and_python_agree(jit_mode):
    rng = np.random.default_rng(3)
    c = rng.standard_normal(25)
    x = rng.uniform(-1, 1, 40)
    out = np.empty(40)
    jit_mode(K.clenshaw_series_at_points)(c, x, out)
    np.testing.assert_allclose(out, npc.chebval(x, c), atol=1e-13)
    Cm = rng.standard_normal((25, 3))
    out2 = np.empty((40, 3))
    jit_mode(K.clenshaw_columns_at_points)(Cm, x, out2)
    np.testing.assert_allclose(out2, npc.chebval(x, Cm).T, atol=1e-13)
    V = np.empty((25, 40))
    jit_mode(K.chebyshev_vandermonde_columns)(x, V)
    np.testing.assert_allclose(V.T, npc.chebvander(x, 24), atol=1e-13)
    w = rng.standard_normal((6, 40))
    b = rng.standard_normal((2, 40))
    cc = rng.standard_normal((3, 40))
    out3 = np.empty(40)
    jit_mode(K.tucker3_contract_columns)(w, b, cc, out3)
    np.testing.assert_allclose(out3, np.einsum("jkn,jn,kn->n", w.reshape(2, 3, 40), b, cc), atol=1e-13)


def test_stable_to_degree_ten_thousand():
    rng = np.random.default_rng(7)
    n = 10_001
    c = rng.standard_normal(n) / np.sqrt(np.arange(1, n + 1))
    theta = rng.uniform(0, np.pi, 50)
    x = np.cos(theta)
    direct = np.cos(np.outer(theta, np.arange(n))) @ c  # T_k(cos t) = cos(k t), a different algorithm
    scale = np.abs(c).sum()
    assert np.max(np.abs(chebyshev_evaluate(c, x) - direct)) <= 1e-12 * scale
    v = chebyshev_values(c)
    np.testing.assert_allclose(chebyshev_coefficients(v), c, atol=1e-13 * np.abs(v).max())
    # cos(3000 s) carries rounding noise ~3000 eps from its argument: the estimate says so honestly
    with pytest.warns(PoorResolutionWarning, match="levelled off"):
        fit = chebyshev_fit(lambda s: np.cos(3000 * s), max_degree=2**14)
    assert fit.plateau and not fit.resolved_estimate and 3000 < fit.degree < 4100
    xs = rng.uniform(-1, 1, 500)
    err = np.max(np.abs(fit(xs) - np.cos(3000 * xs)))
    assert err < 1e-12 and err <= fit.error_estimate < 1e-11


# ---------------------------------------------------------------- calculus


@given(chebyshev_series(min_degree=1, max_degree=30), st.integers(1, 3))
def test_derivative_matches_numpy(c, order):
    d = chebyshev_derivative(c, order=order)
    ref = npc.chebder(c, m=order) if order < c.size else np.zeros(1)
    padded = np.zeros(max(d.size, ref.size))
    padded[: ref.size] = ref
    got = np.zeros_like(padded)
    got[: d.size] = d
    np.testing.assert_allclose(got, padded, atol=1e-11 * (1 + np.abs(c).sum()) * c.size ** (2 * order))


def test_derivative_on_interval():
    x = chebyshev_points(30, domain=(0, 3))
    c = chebyshev_coefficients(np.sin(x))
    xs = np.linspace(0, 3, 7)
    np.testing.assert_allclose(chebyshev_evaluate(chebyshev_derivative(c, domain=(0, 3)), xs, domain=(0, 3)),
                               np.cos(xs), atol=1e-12)


@given(chebyshev_series(max_degree=30), boxes(ndim=1))
def test_integral_matches_numpy_chebint(c, box):
    (a, b), = box
    ref = npc.chebval(1.0, npc.chebint(c, lbnd=-1)) * 0.5 * (b - a)
    assert abs(chebyshev_integral(c, domain=(a, b)) - ref) <= 1e-12 * (1 + np.abs(c).sum()) * (b - a)


def test_clenshaw_curtis_weights():
    for n in (2, 3, 9, 65):
        w = clenshaw_curtis_weights(n, domain=(1, 4))
        assert np.all(w > 0) and abs(w.sum() - 3.0) < 1e-13
        x = chebyshev_points(n, domain=(1, 4))
        d = n - 1
        assert abs(w @ x**d - (4 ** (d + 1) - 1) / (d + 1)) < 1e-12 * 4 ** (d + 1)


def test_chop_and_fit():
    assert chebyshev_chop([1.0, 1e-3, 1e-20], 1e-10) == 2
    fit = chebyshev_fit(lambda x: 1 / (1 + 25 * x**2))
    xs = np.linspace(-1, 1, 1001)
    assert fit.resolved_estimate and np.max(np.abs(fit(xs) - 1 / (1 + 25 * xs**2))) < 1e-14
    with pytest.warns(PoorResolutionWarning):
        bad = chebyshev_fit(np.abs, max_degree=64)
    assert not bad.resolved_estimate and not bad.plateau and bad.coefficient_tail > 1e-6
    assert bad.error_estimate >= np.max(np.abs(bad(xs) - np.abs(xs)))


# ---------------------------------------------------------------- nD


def test_chebfun_integral_tensor_product():
    f = lambda x, y, z: 1 / (1 + x**2 + y**2 + z**2)  # noqa: E731
    C = chebyshev_interpolate_nd(f, [(-1, 1)] * 3, 65)
    assert abs(chebyshev_integral_nd(C, box=[(-1, 1)] * 3) - CHEBFUN_3D) < 1e-13


@given(chebyshev_series(max_degree=5), chebyshev_series(max_degree=5), boxes(ndim=2))
def test_nd_reproduces_separable_polynomials(p, q, box):
    (a, b), (c, d) = box
    f = lambda x, y: npc.chebval((2 * x - a - b) / (b - a), p) * npc.chebval((2 * y - c - d) / (d - c), q)  # noqa
    C = chebyshev_interpolate_nd(f, box, (8, 8))
    ref = np.zeros((8, 8))
    ref[: p.size, : q.size] = np.outer(p, q)
    np.testing.assert_allclose(C, ref, atol=1e-13 * (1 + np.abs(p).sum() * np.abs(q).sum()))
    rng = np.random.default_rng(0)
    pts = np.column_stack([rng.uniform(a, b, 5), rng.uniform(c, d, 5)])
    np.testing.assert_allclose(chebyshev_evaluate_nd(C, pts, box=box), f(pts[:, 0], pts[:, 1]),
                               atol=1e-12 * (1 + np.abs(p).sum() * np.abs(q).sum()))


def test_nd_round_trip_and_grid():
    V = np.random.default_rng(2).standard_normal((5, 9, 3))
    np.testing.assert_allclose(chebyshev_values_nd(chebyshev_coefficients_nd(V)), V, atol=1e-14)
    g = chebyshev_grid((5, 9, 3), [(0, 1), (0, 2), (0, 3)])
    assert [x.size for x in g] == [5, 9, 3] and g[2][-1] == 3.0


# ---------------------------------------------------------------- bad input


def test_bad_input_is_named():
    with pytest.raises(InvalidArgumentError, match="kind"):
        chebyshev_points(4, kind=3)
    with pytest.raises(InvalidArgumentError, match="domain"):
        chebyshev_points(4, domain=(1, 0))
    with pytest.raises(InvalidArgumentError, match="n="):
        chebyshev_points(0)
    with pytest.raises(InvalidArgumentError, match="non-finite|NaN"):
        chebyshev_fit(lambda x: 1 / x, degree=4)
    with pytest.raises(InvalidArgumentError, match="coefficients"):
        chebyshev_evaluate(np.zeros((2, 2, 2)), 0.0)
    with pytest.raises(TypeError):
        chebyshev_fit(3.0)
    with pytest.raises(InvalidArgumentError, match="order"):
        chebyshev_derivative([1.0, 2.0], order=-1)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        chebyshev_fit(np.exp)  # a resolved fit emits no warning
