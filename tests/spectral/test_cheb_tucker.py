"""The Chebyshev--Tucker format: published integral and ranks, laws, error reports.

References: Chebfun3's value of the integral of 1/(1+x^2+y^2+z^2) over [-1,1]^3
(4.28685406230184188268..., Chebfun guide ch. 18); the rank table of Benner,
Khoromskij, Khoromskaia, Sun (2025) for erf(r)/r, erf(5r)/r, 1/sqrt(r^2+0.1)
and 100 random charges with erf(2r)/r at tol 1e-6 / 1e-10 on [-1,1]^3.
"""

from __future__ import annotations

import warnings

import numpy as np
import numpy.polynomial.chebyshev as npc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mathref.errors import ConvergenceError, InvalidArgumentError
from mathref.spectral import (
    ChebyshevTucker,
    MultiParticlePotential,
    PoorResolutionWarning,
    chebyshev_evaluate_nd,
    chebyshev_interpolate_nd,
    newton,
    newton_long_range,
    radial_field,
)
from mathref.spectral.strategies import boxes, chebyshev_series

CHEBFUN_3D = 4.28685406230184188268
BOX = [(-1.0, 1.0)] * 3

STANDARD_SET = {
    # name: (function, published ranks at tol 1e-6, at 1e-10)
    "erf(r)/r": (radial_field(newton_long_range, r0=1.0), 3, 4),
    "erf(5r)/r": (radial_field(newton_long_range, r0=0.2), 7, 10),
    "1/sqrt(r^2+0.1)": (lambda x, y, z: 1.0 / np.sqrt(x * x + y * y + z * z + 0.1), 7, 12),
}


def test_chebfun_integral():
    f = lambda x, y, z: 1.0 / (1.0 + x**2 + y**2 + z**2)  # noqa: E731
    ct = ChebyshevTucker.from_function(f, BOX, tol=1e-12)
    assert abs(ct.integrate() - CHEBFUN_3D) < 1e-12
    assert ct.report.resolved_estimate and ct.report.truncation_bound <= 1e-12
    # at 1e-13 the paper's Frobenius rank rule leaves a max-norm error of about 1e-13; the check sees it
    # and from_function compresses more finely, so the estimate it reports holds
    fine = ChebyshevTucker.from_function(f, BOX, tol=1e-13, max_degree=64)
    P = np.random.default_rng(5).uniform(-1, 1, (3000, 3))
    err = np.max(np.abs(fine(P) - f(*P.T)))
    assert err <= fine.report.error_estimate * fine.report.value_scale <= 1e-13
    assert fine.ranks >= ChebyshevTucker.from_coefficients(chebyshev_interpolate_nd(f, BOX, 65), BOX, tol=1e-13).ranks


CASES = [pytest.param(name, m, marks=[pytest.mark.slow] if (m == 129 and name != "erf(5r)/r") else [])
         for m in (65, 129) for name in STANDARD_SET]


@pytest.mark.parametrize("name,m", CASES)
def test_published_ranks_mesh_independent(name, m):
    f, r6, r10 = STANDARD_SET[name]
    C = chebyshev_interpolate_nd(f, BOX, m)
    for tol, expected in ((1e-6, r6), (1e-10, r10)):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", PoorResolutionWarning)  # 1/sqrt(r^2+0.1) needs m > 65 at 1e-10
            ct = ChebyshevTucker.from_coefficients(C, BOX, tol=tol)
        assert ct.ranks == (expected,) * 3
        err = ct.pointwise_error(f, n_points=2000, rng=0)
        print(f"{name} m={m} tol={tol:.0e}: ranks {ct.ranks}, max error at 2000 points {err.max_abs:.1e}")
        assert err.max_rel <= 50 * tol


def test_hundred_charges_ranks_and_error():
    rng = np.random.default_rng(0)
    X = rng.uniform(-1, 1, (100, 3))
    q = rng.choice([-1.0, 1.0], 100)
    P = rng.uniform(-1, 1, (2000, 3))
    found = []
    for tol in (1e-6, 1e-10):
        pot = MultiParticlePotential(q, X, BOX, r0=0.5, tol=tol, degree=64)  # ranks are m-independent
        exact = pot.long_range_exact(P)
        err = np.max(np.abs(pot.long_range(P) - exact)) / np.max(np.abs(exact))
        print(f"100 charges erf(2r)/r tol={tol:.0e}: ranks {pot.ranks}, relative max error {err:.1e}")
        assert err <= 20 * tol
        found.append(max(pot.ranks))
    # published: about 11 / 17 with the Frobenius rank rule; mathref compresses more finely when the
    # max-norm check against the direct sum needs it (a rank or two more)
    assert 10 <= found[0] <= 14 and 16 <= found[1] <= 20


def test_cp_input_agrees_with_full_grid_hosvd():
    rng = np.random.default_rng(1)
    X = rng.uniform(-1, 1, (12, 3))
    q = rng.choice([-1.0, 1.0], 12)
    pot = MultiParticlePotential(q, X, BOX, r0=0.5, tol=1e-8, degree=48)

    def f(x, y, z):
        out = 0.0
        for qi, xi in zip(q, X):
            out = out + qi * newton_long_range(np.sqrt((x - xi[0]) ** 2 + (y - xi[1]) ** 2 + (z - xi[2]) ** 2),
                                               r0=0.5)
        return out

    ct = ChebyshevTucker.from_function(f, BOX, tol=1e-8, degree=48)
    assert ct.ranks == pot.ranks
    P = rng.uniform(-1, 1, (300, 3))
    np.testing.assert_allclose(pot.long_range(P), ct(P), atol=1e-7 * np.max(np.abs(ct(P))))


def test_evaluation_agrees_with_full_reconstruction():
    f = lambda x, y, z: np.exp(-(x - 0.2) ** 2 - 2 * (y + 0.1) ** 2 - 0.5 * z**2) * np.cos(x * y)  # noqa: E731
    box = [(-1.0, 2.0), (-0.5, 0.5), (0.0, 3.0)]
    ct = ChebyshevTucker.from_function(f, box, tol=1e-10)
    gx, gy, gz = (np.linspace(a, b, n) for (a, b), n in zip(box, (6, 5, 4)))
    grid = ct.on_grid(gx, gy, gz).full()
    pts = np.array(np.meshgrid(gx, gy, gz, indexing="ij")).reshape(3, -1).T
    np.testing.assert_allclose(ct(pts), grid.ravel(), atol=1e-13)
    np.testing.assert_allclose(chebyshev_evaluate_nd(ct.coefficients(), pts, box=box), grid.ravel(), atol=1e-13)
    np.testing.assert_allclose(grid.ravel(), f(*pts.T), atol=1e-9)


@settings(max_examples=25)
@given(chebyshev_series(max_degree=4), chebyshev_series(max_degree=4), chebyshev_series(max_degree=4),
       boxes(ndim=3, max_width=4.0))
def test_random_low_degree_polynomials_reproduced(p, q, s, box):
    """f = p(x) q(y) + s(z) (in mapped coordinates) has ranks <= 2 and is reproduced to rounding."""
    (a0, b0), (a1, b1), (a2, b2) = box
    t = lambda v, a, b: (2 * v - a - b) / (b - a)  # noqa: E731

    def f(x, y, z):
        return npc.chebval(t(x, a0, b0), p) * npc.chebval(t(y, a1, b1), q) + npc.chebval(t(z, a2, b2), s)

    ct = ChebyshevTucker.from_function(f, box, tol=1e-13, degree=8)
    assert all(r <= 2 for r in ct.ranks)
    scale = 1 + np.abs(p).sum() * np.abs(q).sum() + np.abs(s).sum()
    rng = np.random.default_rng(0)
    P = np.column_stack([rng.uniform(a, b, 20) for a, b in box])
    np.testing.assert_allclose(ct(P), f(*P.T), atol=1e-12 * scale)


_CACHE = {}


def _RATIONAL():
    if "b" not in _CACHE:
        g = lambda x, y, z: 1.0 / (3.0 + x + y * z)  # noqa: E731
        _CACHE["b"] = ChebyshevTucker.from_function(g, BOX, tol=1e-12, degree=32)
    return _CACHE["b"]


@settings(max_examples=10)
@given(st.floats(0.5, 3.0), st.floats(-2.0, 2.0), st.sampled_from([1e-4, 1e-8, 1e-11]))
def test_add_then_recompress_equals_sum(alpha, beta, tol):
    f = lambda x, y, z: np.exp(-alpha * (x * x + y * y + z * z))  # noqa: E731
    a = ChebyshevTucker.from_function(f, BOX, tol=1e-12, degree=32)
    b = _RATIONAL()
    s = a + beta * b
    r = s.recompress(tol)
    assert all(k <= i + j for k, i, j in zip(r.ranks, a.ranks, b.ranks))
    P = np.random.default_rng(2).uniform(-1, 1, (200, 3))
    exact = a(P) + beta * b(P)
    assert np.max(np.abs(s(P) - exact)) <= 1e-12 * (1 + np.max(np.abs(exact)))
    assert np.max(np.abs(r(P) - exact)) <= 30 * tol * np.max(np.abs(exact)) + 1e-12
    assert r.report.truncation_bound <= a.report.truncation_bound + abs(beta) * b.report.truncation_bound + tol + 1e-9
    assert np.max(np.abs(r(P) - exact)) <= r.report.error_estimate * r.report.value_scale + 1e-12
    for U in r.factors:
        np.testing.assert_allclose(U.T @ U, np.eye(U.shape[1]), atol=1e-12)
    assert abs(s.integrate() - a.integrate() - beta * b.integrate()) <= 1e-12 * (1 + abs(a.integrate()))


def test_rank_monotone_in_tolerance():
    f, _, _ = STANDARD_SET["erf(5r)/r"]
    C = chebyshev_interpolate_nd(f, BOX, 65)
    ranks = [max(ChebyshevTucker.from_coefficients(C, BOX, tol=t).ranks) for t in (1e-2, 1e-4, 1e-6, 1e-8, 1e-10)]
    assert ranks == sorted(ranks)


def test_errors_reported_separately():
    f, _, _ = STANDARD_SET["erf(5r)/r"]
    ct = ChebyshevTucker.from_function(f, BOX, tol=1e-6)
    rep = ct.report
    assert rep.error_estimate <= 1e-6 and rep.coefficient_tail <= 1e-6 and rep.truncation_bound <= 1e-6
    assert rep.ranks == ct.ranks and rep.degrees == ct.degrees and rep.resolved_estimate
    assert rep.evaluations > 0 and rep.build_time > 0 and rep.sampling_time >= 0
    coarse = None
    with pytest.warns(PoorResolutionWarning):
        coarse = ChebyshevTucker.from_function(f, BOX, tol=1e-10, degree=16)
    assert not coarse.report.resolved_estimate and coarse.report.error_estimate > 1e-6
    assert coarse.report.truncation_bound <= 1e-10  # compression of what was sampled is still accurate


def test_singular_newton_is_reported_not_returned():
    f = radial_field(newton)
    with pytest.raises(InvalidArgumentError, match="singularity"):
        ChebyshevTucker.from_function(f, BOX, tol=1e-6)  # r = 0 is the centre grid point
    shifted = [(-1.0, 1.3)] * 3  # singularity inside the box but off the grid
    with pytest.raises(ConvergenceError) as info:
        ChebyshevTucker.from_function(f, shifted, tol=1e-6, max_degree=32)
    assert info.value.partial is not None and not info.value.partial.report.resolved_estimate
    assert info.value.partial.report.error_estimate > 1e-4
    with pytest.warns(PoorResolutionWarning, match="poorly resolved"):
        ct = ChebyshevTucker.from_function(f, shifted, tol=1e-6, degree=32)
    assert not ct.report.resolved_estimate


def test_two_dimensional_and_scaling():
    ct = ChebyshevTucker.from_function(lambda x, y: np.sin(x + 2 * y), [(0, 1), (0, 2)], tol=1e-12)
    assert ct.ranks == (2, 2)
    ref = (np.sin(1) + np.sin(4) - np.sin(5)) / 2  # closed form of the double integral
    assert abs(ct.integrate() - ref) < 1e-13
    assert abs((3.0 * ct).integrate() - 3 * ref) < 1e-12
    np.testing.assert_allclose((-ct)([[0.3, 0.4]]), -np.sin([1.1]), atol=1e-13)


def test_bad_input():
    with pytest.raises(InvalidArgumentError, match="box"):
        ChebyshevTucker.from_function(lambda x, y, z: x, [(1, 0)] * 3, tol=1e-6)
    with pytest.raises(TypeError):
        ChebyshevTucker.from_function(None, BOX, tol=1e-6)
    ct = ChebyshevTucker.from_function(lambda x, y, z: x + y + z, BOX, tol=1e-8)
    with pytest.raises(InvalidArgumentError, match="leaves the box"):
        ct([[2.0, 0.0, 0.0]])
    with pytest.raises(InvalidArgumentError, match="last dimension 3"):
        ct([[0.0, 0.0]])
    other = ChebyshevTucker.from_function(lambda x, y, z: x + y + z, [(0, 1)] * 3, tol=1e-8)
    with pytest.raises(InvalidArgumentError, match="different boxes"):
        ct + other
    with pytest.raises(InvalidArgumentError, match="tol"):
        ChebyshevTucker.from_function(lambda x, y, z: x, BOX, tol=-1.0)
