"""Radial kernels, the Gaussian-sum range separation and multi-particle potentials.

References: scipy.special.erf/erfc, closed forms, direct O(N M) Coulomb sums.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
import scipy.special
from hypothesis import given
from hypothesis import strategies as st

from mathref.errors import InvalidArgumentError
from mathref.spectral import (
    ChebyshevTucker,
    MultiParticlePotential,
    PoorResolutionWarning,
    newton,
    newton_long_range,
    newton_long_range_gaussian_sum,
    newton_short_range,
    radial_field,
    runge,
    slater,
    yukawa,
)

BOX = [(-1.0, 1.0)] * 3


@given(st.floats(1e-8, 50.0), st.floats(0.05, 5.0))
def test_range_separation_sums_to_newton(r, r0):
    total = newton_long_range(r, r0=r0) + newton_short_range(r, r0=r0)
    assert abs(total - 1.0 / r) <= 1e-14 * (1.0 / r)


@pytest.mark.parametrize("r", [0.0, 1e-12, 1e-5, 5e-4, 2e-3, 0.3, 7.0])
def test_long_range_values_against_mpmath(r):
    import mpmath

    r0 = 0.7
    with mpmath.workdps(40):
        rr, rr0 = mpmath.mpf(r), mpmath.mpf(r0)
        expected = float(2 / (mpmath.sqrt(mpmath.pi) * rr0) if r == 0 else mpmath.erf(rr / rr0) / rr)
    assert abs(float(newton_long_range(r, r0=r0)) - expected) <= 4.5e-16 * abs(expected)


def test_simple_kernels():
    r = np.array([0.5, 1.0, 2.0])
    np.testing.assert_allclose(newton(r), 1 / r)
    np.testing.assert_allclose(slater(r, lam=1.5), np.exp(-1.5 * r))
    np.testing.assert_allclose(yukawa(r, lam=0.5), np.exp(-0.5 * r) / r)
    np.testing.assert_allclose(runge(r), 1 / (1 + 25 * r * r))
    f = radial_field(runge, centre=(0.1, 0.2, 0.3))
    assert float(f(np.array(0.1), np.array(0.2), np.array(0.3))) == 1.0


@pytest.mark.parametrize("r0,r_max,tol", [(1.0, 3.5, 1e-12), (0.5, 3.5, 1e-10), (0.2, 3.5, 1e-8)])
def test_gaussian_sum_certified(r0, r_max, tol):
    g = newton_long_range_gaussian_sum(r0, r_max=r_max, tol=tol)
    r = np.random.default_rng(0).uniform(0, r_max, 3000)
    assert np.max(np.abs(g(r) - newton_long_range(r, r0=r0))) <= tol * 2 / (math.sqrt(math.pi) * r0)
    assert np.all(g.weights > 0) and np.all(g.exponents > 0)


def test_multi_particle_potential_matches_direct_coulomb_sum():
    rng = np.random.default_rng(3)
    X = rng.uniform(-0.9, 0.9, (50, 3))
    q = rng.choice([-1.0, 1.0], 50)
    pot = MultiParticlePotential(q, X, BOX, r0=0.3, tol=1e-9, degree=128)
    P = rng.uniform(-1, 1, (500, 3))
    exact = (q / np.linalg.norm(P[:, None, :] - X[None], axis=2)).sum(axis=1)
    got = pot(P)
    assert np.max(np.abs(got - exact) / np.maximum(1.0, np.abs(exact))) < 1e-7
    # the long-range part alone is smooth and matches its direct sum
    lr = pot.long_range_exact(P)
    assert np.max(np.abs(pot.long_range_values(P) - lr)) < 1e-7 * np.max(np.abs(lr))
    # short-range terms vanish beyond the cutoff
    far = np.array([[1.0, 1.0, 1.0]])
    if np.min(np.linalg.norm(X - far, axis=1)) > pot.cutoff:
        assert pot.short_range(far)[0] == 0.0
    assert np.isinf(pot.short_range(X[:1], on_charge="inf")[0])
    assert np.isfinite(pot.short_range(X[:1])[0])
    assert "ranks" in repr(pot)


def _direct(q, X, P, skip_zero=True):
    d = np.linalg.norm(P[:, None, :] - X[None], axis=2)
    with np.errstate(divide="ignore"):
        inv = np.where(d == 0, 0.0, 1.0 / d) if skip_zero else 1.0 / d
    return inv @ q


def test_value_on_a_charge_excludes_self_interaction_or_says_so():
    rng = np.random.default_rng(8)
    X = rng.uniform(-0.9, 0.9, (60, 3))
    q = rng.uniform(-1, 1, 60)
    pot = MultiParticlePotential(q, X, BOX, r0=0.3, tol=1e-9, degree=128)
    got = pot(X[:5])  # default on_charge="exclude": the potential of the other charges
    np.testing.assert_allclose(got, _direct(q, X, X[:5]), rtol=0, atol=1e-7 * np.abs(got).max())
    np.testing.assert_allclose(pot.at_charges(), _direct(q, X, X), atol=1e-6)
    assert abs(pot.energy() - 0.5 * q @ _direct(q, X, X)) < 1e-6
    assert np.all(np.isinf(pot(X[:2], on_charge="inf")))
    with pytest.raises(InvalidArgumentError, match="coincides with a charge"):
        pot(X[:1], on_charge="raise")
    with pytest.raises(InvalidArgumentError, match="on_charge"):
        pot(X[:1], on_charge="ignore")


def test_gradient_matches_direct_coulomb_forces():
    rng = np.random.default_rng(9)
    X = rng.uniform(-0.9, 0.9, (40, 3))
    q = rng.choice([-1.0, 1.0], 40)
    pot = MultiParticlePotential(q, X, BOX, r0=0.3, tol=1e-9, degree=128)
    P = np.vstack([rng.uniform(-0.9, 0.9, (100, 3)), X[:3]])
    d = P[:, None, :] - X[None]
    r = np.linalg.norm(d, axis=2)
    with np.errstate(divide="ignore", invalid="ignore"):
        w = np.where(r == 0, 0.0, q / r**3)
    exact = -(w[..., None] * d).sum(axis=1)
    got = pot.gradient(P)
    assert np.max(np.abs(got - exact)) <= 1e-5 * np.max(np.abs(exact))
    with pytest.raises(InvalidArgumentError, match="inf"):
        pot.gradient(P, on_charge="inf")


def test_cost_chosen_r0_and_round_trips():
    import copy
    import pickle

    rng = np.random.default_rng(10)
    X = rng.uniform(-1, 1, (300, 3))
    q = rng.choice([-1.0, 1.0], 300)
    pot = MultiParticlePotential(q, X, BOX, tol=1e-6, degree=64)
    assert 0 < pot.r0 <= 1.0 and pot.long_range.report.resolved_estimate
    P = rng.uniform(-1, 1, (200, 3))
    exact = _direct(q, X, P)
    assert np.max(np.abs(pot(P) - exact)) <= 1e-5 * np.max(np.abs(exact))
    for other in (pickle.loads(pickle.dumps(pot)), copy.deepcopy(pot)):
        np.testing.assert_array_equal(other(P), pot(P))
        assert other.long_range == pot.long_range


@pytest.mark.kernel
@pytest.mark.parametrize("variant", ["serial", "parallel"])
def test_short_range_kernels_compiled_and_python_agree(jit_mode, variant):
    from mathref.spectral import _potential_kernels as K
    from mathref.spectral.potentials import _cell_list, _near_polynomial

    suffix = "_parallel" if variant == "parallel" else ""
    value_kernel = jit_mode(getattr(K, "short_range_cells" + suffix))
    gradient_kernel = jit_mode(getattr(K, "short_range_gradient_cells" + suffix))
    rng = np.random.default_rng(11)
    X = rng.uniform(-1, 1, (30, 3))
    q = rng.uniform(-1, 1, 30)
    P = np.vstack([rng.uniform(-1, 1, (20, 3)), X[:2]])
    x, y, z, qs, start, ncell, lo, size = _cell_list(X, q, BOX, 0.7)
    coef, dcoef = _near_polynomial(0.7, 0.2)
    out, on_q, on_n = np.zeros(22), np.zeros(22), np.zeros(22)
    value_kernel(P, x, y, z, qs, start, ncell, lo, size, 0.7, coef, out, on_q, on_n)
    d = np.linalg.norm(P[:, None] - X[None], axis=2)
    with np.errstate(divide="ignore", invalid="ignore"):
        ref = np.where((d > 0) & (d < 0.7), q * scipy.special.erfc(d / 0.2) / d, 0.0).sum(axis=1)
    np.testing.assert_allclose(out, ref, atol=1e-12)
    np.testing.assert_allclose(on_q[-2:], q[:2])
    np.testing.assert_array_equal(on_n, [0.0] * 20 + [1.0, 1.0])
    g, on_n2 = np.zeros((22, 3)), np.zeros(22)
    gradient_kernel(P, x, y, z, qs, start, ncell, lo, size, 0.7, dcoef, g, on_n2)
    np.testing.assert_array_equal(on_n2, on_n)
    with np.errstate(divide="ignore", invalid="ignore"):
        dphi = np.where((d > 0) & (d < 0.7), -2 / np.sqrt(np.pi) / 0.2 * np.exp(-(d / 0.2) ** 2) / d
                        - scipy.special.erfc(d / 0.2) / d**2, 0.0)
        ref_g = ((q * dphi / np.where(d > 0, d, 1.0))[..., None] * (P[:, None] - X[None])).sum(axis=1)
    np.testing.assert_allclose(g, ref_g, atol=1e-9 * np.abs(ref_g).max())


def test_short_range_polynomial_against_mpmath():
    import mpmath

    from mathref.spectral.potentials import _cutoff_ratio, _near_polynomial

    for tol in (1e-4, 1e-8, 1e-13):  # cutoff/r0 from 2.5 to 5.4
        r0 = 0.3
        cutoff = _cutoff_ratio(tol) * r0
        coef, _ = _near_polynomial(cutoff, r0)
        r = np.concatenate([[0.0, 1e-9, cutoff], np.random.default_rng(2).uniform(0, cutoff, 200)])
        t = 2 * r**2 / cutoff**2 - 1
        got = np.polynomial.polynomial.polyval(t, coef)
        with mpmath.workdps(30):
            exact = [float(2 / (mpmath.sqrt(mpmath.pi) * r0)) if v == 0 else float(mpmath.erf(v / r0) / v)
                     for v in map(mpmath.mpf, r)]
        assert np.max(np.abs(got - exact)) < 2e-14 * (2 / np.sqrt(np.pi) / r0)


def test_ranks_grow_slowly_with_particle_count():
    rng = np.random.default_rng(4)
    ranks = []
    for n in (4, 32, 256):
        X = rng.uniform(-1, 1, (n, 3))
        q = rng.choice([-1.0, 1.0], n)
        ranks.append(max(MultiParticlePotential(q, X, BOX, r0=0.5, tol=1e-6, degree=48).ranks))
    assert ranks == sorted(ranks)
    assert ranks[2] - ranks[0] <= 8  # 64x more particles, a handful of extra ranks (log N growth)


def test_smooth_kernels_resolved_in_chebyshev_tucker():
    for f, box in ((radial_field(runge), BOX),
                   (radial_field(yukawa, centre=(0.0, 0.0, -1.5)), BOX),
                   (radial_field(slater, centre=(2.0, 2.0, 2.0)), BOX)):
        ct = ChebyshevTucker.from_function(f, box, tol=1e-7)
        assert ct.report.resolved_estimate
        assert ct.pointwise_error(f, n_points=500, rng=0).max_rel < 1e-6


def test_slater_cusp_inside_box_is_flagged():
    with warnings.catch_warnings():
        warnings.simplefilter("error", PoorResolutionWarning)
        with pytest.raises(PoorResolutionWarning):
            ChebyshevTucker.from_function(radial_field(slater, centre=(0.01, 0.02, 0.03)), BOX, tol=1e-8,
                                          degree=64)


def test_bad_input():
    with pytest.raises(InvalidArgumentError, match="inside the box"):
        MultiParticlePotential([1.0], [[2.0, 0.0, 0.0]], BOX, r0=0.5)
    with pytest.raises(InvalidArgumentError, match="charges"):
        MultiParticlePotential([1.0, 2.0], [[0.0, 0.0, 0.0]], BOX, r0=0.5)
    with pytest.raises(InvalidArgumentError, match="r0"):
        newton_long_range(1.0, r0=0.0)
    with pytest.raises(InvalidArgumentError, match="r_max/r0"):
        newton_long_range_gaussian_sum(1e-3, r_max=100.0, tol=1e-14)
    with pytest.raises(InvalidArgumentError, match="float64 accuracy"):
        newton_long_range_gaussian_sum(0.5, r_max=3.46, tol=1e-18)  # the real cause, not "r_max/r0 too large"
    with pytest.raises(InvalidArgumentError, match="negative"):
        slater(-7.5)
    with pytest.raises(TypeError, match="None"):
        newton(None)
    with pytest.raises(InvalidArgumentError, match="NaN"):
        yukawa(np.nan)
    with pytest.raises(TypeError, match="complex"):
        runge(1j)
    with pytest.raises(InvalidArgumentError, match="tol"):
        MultiParticlePotential([1.0], [[0.0, 0.0, 0.0]], BOX, r0=0.5, tol=1e-16)


# ------------------------------------------------------------------ periodic cells (Ewald lattice sums)

NACL_MADELUNG = 1.747564594633182  # per nearest-neighbour distance (e.g. OEIS A085469)
CSCL_MADELUNG = 1.76267477307099  # per nearest-neighbour distance (OEIS A181152)


def _ewald_reference(q, X, L, P, *, alpha, n_real=3, n_recip=12, background=False):
    """Textbook Ewald sum, written independently of mathref: real-space images and an explicit k-sum.

    Terms at distance 0 (a point on a charge) are left out together with that charge's smooth
    self-term 2 alpha q / sqrt(pi); tin-foil boundary (no k = 0 term); with ``background`` a uniform
    neutralising charge adds -pi Q / (V alpha^2).
    """
    L = np.asarray(L, dtype=float)
    V = float(np.prod(L))
    out = np.zeros(P.shape[0])
    rng_ = range(-n_real, n_real + 1)
    for n in ((a, b, c) for a in rng_ for b in rng_ for c in rng_):
        d = np.linalg.norm(P[:, None, :] - X[None] - np.array(n) * L, axis=2)
        with np.errstate(divide="ignore", invalid="ignore"):
            out += np.where(d > 0, scipy.special.erfc(alpha * d) / np.where(d > 0, d, 1.0), 0.0) @ q
    on = np.linalg.norm(P[:, None, :] - X[None], axis=2) == 0
    out -= 2 * alpha / np.sqrt(np.pi) * (on * q).sum(axis=1)
    m = np.arange(-n_recip, n_recip + 1)
    M = np.stack(np.meshgrid(m, m, m, indexing="ij"), axis=-1).reshape(-1, 3)
    M = M[np.any(M != 0, axis=1)]
    K = 2 * np.pi * M / L
    k2 = np.sum(K * K, axis=1)
    weight = 4 * np.pi / V * np.exp(-k2 / (4 * alpha**2)) / k2
    for s in range(0, K.shape[0], 2000):
        phase = (P @ K[s:s + 2000].T)[:, None, :] - (X @ K[s:s + 2000].T)[None, :, :]
        out += np.einsum("pjk,j,k->p", np.cos(phase), q, weight[s:s + 2000])
    if background:
        out -= np.pi * q.sum() / (V * alpha**2)
    return out


def _nacl():
    fcc = np.array([[0, 0, 0], [0, 1, 1], [1, 0, 1], [1, 1, 0]], dtype=float)
    return np.repeat([1.0, -1.0], 4), np.vstack([fcc, fcc + [1.0, 0.0, 0.0]])


@pytest.mark.parametrize("r0", [None, 0.35, 0.7])
def test_periodic_madelung_constants(r0):
    from mathref.spectral.potentials import PeriodicPotential

    q, X = _nacl()
    nacl = PeriodicPotential(q, X, 2.0, tol=1e-12, r0=r0)
    np.testing.assert_allclose(nacl.at_charges(), -NACL_MADELUNG * q, rtol=0, atol=5e-12)
    assert abs(nacl.energy() / 4 + NACL_MADELUNG) < 5e-12  # 4 ion pairs per conventional cell
    cscl = PeriodicPotential([1.0, -1.0], [[0.0, 0.0, 0.0], [0.5, 0.5, 0.5]], [[1.0, 0, 0], [0, 1.0, 0], [0, 0, 1.0]],
                             tol=1e-12, r0=None if r0 is None else r0 / 2)
    np.testing.assert_allclose(cscl.at_charges() * np.sqrt(3) / 2, [-CSCL_MADELUNG, CSCL_MADELUNG], atol=5e-12)


def test_periodic_potential_matches_independent_ewald_sum():
    from mathref.spectral.potentials import PeriodicPotential

    rng = np.random.default_rng(21)
    L = np.array([1.0, 1.3, 0.8])
    X = rng.uniform(0, 1, (24, 3)) * L
    q = rng.uniform(-1, 1, 24)
    q -= q.mean()
    P = np.vstack([rng.uniform(-1, 2, (12, 3)) * L, X[:3]])  # outside the cell too; three points on charges
    ref = _ewald_reference(q, X, L, P, alpha=4.0)
    scale = np.max(np.abs(ref))
    for tol, r0 in ((1e-10, None), (1e-10, 0.12), (1e-6, None)):
        pot = PeriodicPotential(q, X, L, tol=tol, r0=r0)
        assert np.max(np.abs(pot(P) - ref)) <= 10 * tol * scale, (tol, r0)
    pot = PeriodicPotential(q, X, L, tol=1e-10)
    shift = P[:5] + np.array([2.0, -1.0, 3.0]) * L  # periodic in every direction
    np.testing.assert_allclose(pot(shift), pot(P[:5]), atol=1e-10 * scale)
    assert np.all(np.isinf(pot(X[:2], on_charge="inf")))
    with pytest.raises(InvalidArgumentError, match="coincides"):
        pot(X[:1], on_charge="raise")
    # forces: independent Ewald gradient by central differences of the reference
    h = 1e-5
    ref_g = np.column_stack([(_ewald_reference(q, X, L, P[:12] + h * e, alpha=4.0)
                              - _ewald_reference(q, X, L, P[:12] - h * e, alpha=4.0)) / (2 * h) for e in np.eye(3)])
    got_g = pot.gradient(P[:12])
    assert np.max(np.abs(got_g - ref_g)) <= 1e-6 * np.max(np.abs(ref_g))
    F = pot.forces()
    np.testing.assert_allclose(F.sum(axis=0), 0.0, atol=1e-8 * np.abs(F).max())  # Newton's third law, per cell
    with pytest.raises(InvalidArgumentError, match="inf"):
        pot.gradient(P, on_charge="inf")


def test_periodic_charged_cell_needs_a_background():
    from mathref.spectral.potentials import PeriodicPotential

    rng = np.random.default_rng(22)
    X = rng.uniform(0, 1, (10, 3))
    q = rng.uniform(-1, 1, 10) + 0.3
    with pytest.raises(InvalidArgumentError, match="net charge"):
        PeriodicPotential(q, X, 1.0)
    P = rng.uniform(0, 1, (6, 3))
    ref = _ewald_reference(q, X, [1.0] * 3, P, alpha=5.0, background=True)
    a = PeriodicPotential(q, X, 1.0, tol=1e-11, neutralising_background=True)
    b = PeriodicPotential(q, X, 1.0, tol=1e-11, r0=0.1, neutralising_background=True)
    np.testing.assert_allclose(a(P), ref, atol=1e-9)
    np.testing.assert_allclose(b(P), ref, atol=1e-9)  # the background constant makes the result r0-free
    assert abs(a.energy() - b.energy()) < 1e-9
    with pytest.raises(TypeError):
        PeriodicPotential(q, X, 1.0, neutralising_background="yes")


def test_periodic_bad_input_round_trips_and_guards():
    import copy
    import pickle

    from mathref.errors import MathrefError
    from mathref.spectral.potentials import PeriodicPotential

    q, X = _nacl()
    pot = PeriodicPotential(q, X, 2.0, tol=1e-8)
    for other in (pickle.loads(pickle.dumps(pot)), copy.deepcopy(pot)):
        assert other == pot
        np.testing.assert_array_equal(other.at_charges(), pot.at_charges())
    assert "PeriodicPotential" in repr(pot) and pot != PeriodicPotential(q, X, 2.0, tol=1e-6)
    with pytest.raises(InvalidArgumentError, match="oblique"):
        PeriodicPotential(q, X, [[2.0, 0.1, 0], [0, 2.0, 0], [0, 0, 2.0]])
    bad = [dict(cell=-1.0), dict(cell=[1.0, 2.0]), dict(cell=np.nan), dict(cell="2"), dict(cell=None),
           dict(cell=2.0, tol=0.0), dict(cell=2.0, tol=np.inf), dict(cell=2.0, tol=1e-30), dict(cell=2.0, r0=-1.0),
           dict(cell=2.0, r0=1e-9), dict(cell=2.0, r0=10**30), dict(cell=1e300), dict(cell=2.0, r0=np.nan)]
    for kw in bad:
        with pytest.raises(MathrefError):
            PeriodicPotential(q, X, **kw)
    for pts in (None, "x", [[np.nan, 0, 0]], [[np.inf, 0, 0]], np.zeros((2, 2)), [[1j, 0, 0]]):
        with pytest.raises(MathrefError):
            pot(pts)
    assert pot(np.zeros((0, 3))).shape == (0,)
    assert np.isfinite(pot([[1e308, 0.5, 0.5]])[0])  # a huge coordinate is a float multiple of the cell: wrapped
