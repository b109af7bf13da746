"""Every accuracy figure of chebyshev_fit, ChebyshevTucker and the potentials against an mpmath truth.

Issue 13 §1 found fits reporting ``resolved=True`` with true errors up to 5e-9 and a
Chebyshev--Tucker Slater kernel reporting 1e-6 with a true error of 5e-3 near the cusp.
The rules checked here, on the issue's adversarial functions:

* a figure documented as a **bound** (``truncation_bound``) is >= the truth;
* a figure documented as an **estimate** (``error_estimate``) is >= the truth on these
  cases too (it is built to be conservative), and whenever ``resolved_estimate`` is true
  the truth meets the tolerance -- the claim that was false before.

The truth is the float interpolant evaluated where the user evaluates it, compared with
the function evaluated in 30-digit mpmath at the same float points, with the function's
float constants (``1.001`` is the double nearest 1.001, as in the user's code), on a
grid, random points and points crowded geometrically towards the singularity.
"""

from __future__ import annotations

import warnings

import mpmath
import numpy as np
import pytest

from mathref.errors import ConvergenceError
from mathref.spectral.cheb_tucker import ChebyshevTucker
from mathref.spectral.chebyshev import chebyshev_coefficients_nd, chebyshev_fit, chebyshev_grid
from mathref.spectral.potentials import MultiParticlePotential, radial_field, slater

mp = mpmath.mp.clone() if hasattr(mpmath.mp, "clone") else mpmath.mp

# name: (float function, mpmath function, where it is hardest)
FUNCTIONS = {
    "sqrt(1.0001 - x)": (lambda x: np.sqrt(1.0001 - x), lambda x: mpmath.sqrt(mpmath.mpf(1.0001) - x), 1.0),
    "log(1.001 + x)": (lambda x: np.log(1.001 + x), lambda x: mpmath.log(mpmath.mpf(1.001) + x), -1.0),
    "tanh(200 x)": (lambda x: np.tanh(200 * x), lambda x: mpmath.tanh(200 * x), 0.0),
    "1/(1 + 1e6 x^2)": (lambda x: 1 / (1 + 1e6 * x * x), lambda x: 1 / (1 + mpmath.mpf(10) ** 6 * x * x), 0.0),
}


def _probe_points(hot: float, n: int = 1500) -> np.ndarray:
    rng = np.random.default_rng(12)
    near = hot + np.concatenate([np.logspace(-14, 0, n), -np.logspace(-14, 0, n)])
    return np.clip(np.concatenate([np.linspace(-1, 1, n + 1), rng.uniform(-1, 1, n), near]), -1.0, 1.0)


def _true_relative_error(fit, f_mp, hot: float) -> float:
    x = _probe_points(hot)
    with mpmath.workdps(30):
        exact = np.array([float(f_mp(mpmath.mpf(float(v)))) for v in x])
    return float(np.max(np.abs(fit(x) - exact)) / np.max(np.abs(exact)))


@pytest.mark.parametrize("tol", [2.0**-52, 1e-10, 1e-6])
@pytest.mark.parametrize("name", list(FUNCTIONS))
def test_chebyshev_fit_estimate_is_not_below_the_truth(name, tol):
    f, f_mp, hot = FUNCTIONS[name]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # unresolved fits warn; their figures are still checked
        fit = chebyshev_fit(f, tol=tol)
    truth = _true_relative_error(fit, f_mp, hot)
    assert fit.error_estimate >= truth, (name, tol, fit.degree, fit.error_estimate, truth)
    if fit.resolved_estimate:
        # resolved means the estimate met max(tol, 64 eps); the truth must meet it as well
        assert truth <= max(tol, 64 * np.finfo(float).eps), (name, tol, truth)


@pytest.mark.parametrize("name", list(FUNCTIONS))
def test_chebyshev_fit_at_fixed_degree_is_flagged_when_the_truth_is_large(name):
    f, f_mp, hot = FUNCTIONS[name]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fit = chebyshev_fit(f, degree=64)
    truth = _true_relative_error(fit, f_mp, hot)
    assert fit.error_estimate >= truth
    assert not fit.resolved_estimate or truth <= 2.0**-52 * 64


def _slater_truth(ct, centre, n: int = 600) -> float:
    """Relative max error of a Chebyshev--Tucker e^{-|x - c|} near its cusp and at random points (mpmath)."""
    rng = np.random.default_rng(3)
    d = rng.normal(size=(n, 3))
    d /= np.linalg.norm(d, axis=1)[:, None]
    P = np.clip(np.asarray(centre) + d * np.logspace(-8, 0.2, n)[:, None], -1.0, 1.0)
    P = np.vstack([P, np.clip(np.asarray(centre), -1.0, 1.0)[None], rng.uniform(-1, 1, (400, 3))])
    with mpmath.workdps(30):
        c = [mpmath.mpf(float(v)) for v in centre]
        exact = np.array([float(mpmath.exp(-mpmath.sqrt(sum((mpmath.mpf(float(p)) - ci) ** 2
                                                             for p, ci in zip(row, c))))) for row in P])
    return float(np.max(np.abs(ct(P) - exact)) / np.max(np.abs(exact)))


@pytest.mark.parametrize("centre", [(0.0, 0.0, 0.0), (0.01, 0.02, 0.03), (0.013, -0.027, 0.041),
                                    (-0.31, 0.17, 0.52), (0.77, -0.4, 0.05)])
def test_slater_cusp_is_never_reported_resolved(centre):
    # the case: e^{-r} at tol 1e-6; the cusp limits any polynomial to about 1e-3
    f = radial_field(slater, centre=centre)
    with pytest.raises(ConvergenceError) as info:
        ChebyshevTucker.from_function(f, [(-1, 1)] * 3, tol=1e-6, max_degree=64, check_points=512)
    ct = info.value.partial
    truth = _slater_truth(ct, centre)
    assert not ct.report.resolved_estimate
    assert truth > 1e-6  # the refusal was right
    # an estimate, not a bound, but conservative on these off-grid cusps: the compass search from the
    # worst check points climbs to the cusp (before it, fixed check points saw 0.6-0.8x of the truth)
    assert ct.report.error_estimate >= truth, (ct.report.error_estimate, truth)


def test_fixed_degree_slater_warns_and_says_unresolved():
    f = radial_field(slater, centre=(0.01, 0.02, 0.03))
    with pytest.warns(Warning):
        ct = ChebyshevTucker.from_function(f, [(-1, 1)] * 3, tol=1e-6, degree=32, check_points=256)
    assert not ct.report.resolved_estimate
    assert _slater_truth(ct, (0.01, 0.02, 0.03)) > 1e-6


@pytest.mark.parametrize("tol", [1e-4, 1e-8])
def test_smooth_kernel_resolved_means_truth_within_tol(tol):
    # Slater centred outside the box: smooth inside, so resolution is reachable and must be true
    centre = (1.3, -1.2, 1.25)
    ct = ChebyshevTucker.from_function(radial_field(slater, centre=centre), [(-1, 1)] * 3, tol=tol)
    truth = _slater_truth(ct, centre, n=300)
    assert ct.report.resolved_estimate
    assert truth <= tol
    assert ct.report.error_estimate >= truth


@pytest.mark.parametrize("tol", [1e-3, 1e-6, 1e-10])
def test_truncation_bound_is_a_bound(tol):
    # truncation_bound is documented as proved: ||C - C_r||_F / ||C||_F for the sampled coefficient tensor
    f = radial_field(slater, centre=(1.1, 0.9, -1.05))
    C = chebyshev_coefficients_nd(f(*np.ix_(*chebyshev_grid(25, [(-1, 1)] * 3))))
    compressed = ChebyshevTucker.from_coefficients(C, [(-1, 1)] * 3, tol=tol)
    D = np.zeros_like(C)
    dense = compressed.coefficients()
    D[tuple(slice(0, s) for s in dense.shape)] = dense
    with mpmath.workdps(30):  # the Frobenius norms summed in mpmath, entries exact as floats
        diff = mpmath.sqrt(mpmath.fsum(mpmath.mpf(float(v)) ** 2 for v in (C - D).ravel()))
        norm = mpmath.sqrt(mpmath.fsum(mpmath.mpf(float(v)) ** 2 for v in C.ravel()))
    truth = float(diff / norm)
    assert compressed.report.truncation_bound >= truth * (1 - 1e-12) - 1e-15, (compressed.report.truncation_bound,
                                                                                 truth)
    assert compressed.report.truncation_bound <= tol


def test_potential_long_range_estimate_against_mpmath():
    rng = np.random.default_rng(21)
    X = rng.uniform(-0.9, 0.9, (12, 3))
    q = rng.choice([-1.0, 1.0], 12)
    pot = MultiParticlePotential(q, X, [(-1, 1)] * 3, r0=0.5, tol=1e-8, degree=64)
    P = np.vstack([rng.uniform(-1, 1, (60, 3)), X[:3] + 1e-9])
    with mpmath.workdps(30):
        def erf_over_r(p, x):
            r = mpmath.sqrt(sum((mpmath.mpf(float(a)) - mpmath.mpf(float(b))) ** 2 for a, b in zip(p, x)))
            return 2 / (mpmath.sqrt(mpmath.pi) * mpmath.mpf(0.5)) if r == 0 else mpmath.erf(r / mpmath.mpf(0.5)) / r
        exact = np.array([float(mpmath.fsum(qi * erf_over_r(p, x) for qi, x in zip(q, X))) for p in P])
    truth = float(np.max(np.abs(pot.long_range(P) - exact)) / np.max(np.abs(exact)))
    rep = pot.long_range.report
    assert rep.resolved_estimate and truth <= rep.tol
    assert rep.error_estimate >= truth / 3  # an estimate; measured at or above the truth here
