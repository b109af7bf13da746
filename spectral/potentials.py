"""Radial kernels and range-separated multi-particle potentials in Chebyshev--Tucker form.

Floating-point.  The kernels are plain vectorised functions of the distance r
(accurate to a few ulp: they call numpy/scipy special functions).  The
long-range part of a Newton potential is represented through a Gaussian sum
whose quadrature error is certified on [0, r_max] by sampling, and its
Chebyshev--Tucker form carries the usual interpolation/truncation reports.

Notes
-----
**Range separation.**  1/r = erf(r/r0)/r + erfc(r/r0)/r.  The first part is
smooth (entire in r^2, value 2/(sqrt(pi) r0) at r = 0); the second decays like
a Gaussian and is negligible beyond a cutoff of a few r0.  For many particles
the smooth part of ``sum_i q_i / |x - x_i|`` is a low-rank tensor whose Tucker
ranks grow only like log N (Benner, Khoromskaia, Khoromskij, "Range-separated
tensor format for many-particle modeling", SIAM J. Sci. Comput. 40 (2018);
Benner, Khoromskij, Khoromskaia, Sun (2025) for the Chebyshev--Tucker version).

**Gaussian sum.**  erf(r/r0)/r = (2/sqrt(pi)) int_0^{1/r0} exp(-t^2 r^2) dt; a
K-point Gauss--Legendre rule in t gives ``sum_k w_k exp(-p_k r^2)``, separable in
x, y, z.  K is increased until the sampled error on [0, r_max] is below the
tolerance.  A sum over particles then is a canonical tensor of rank N K, which
:meth:`spectral.ChebyshevTucker.from_cp` compresses without a 3-D grid.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import scipy.optimize
import scipy.spatial
import scipy.special

from mathref.errors import InvalidArgumentError
from mathref.validation import as_float_array, as_positive_float

from .cheb_tucker import ChebyshevTucker
from .chebyshev import as_box, as_real_array

__all__ = [
    "newton",
    "newton_long_range",
    "newton_short_range",
    "slater",
    "yukawa",
    "runge",
    "radial_field",
    "GaussianSum",
    "newton_long_range_gaussian_sum",
    "MultiParticlePotential",
]

_TWO_OVER_SQRT_PI = 2.0 / np.sqrt(np.pi)


def _radii(r) -> np.ndarray:
    """Distances as a float array: real, not NaN, >= 0 (+inf allowed); a scalar stays 0-d."""
    shape = np.shape(r) if r is not None else None
    a = as_real_array(r, "r", finite=False).reshape(shape)
    if np.any(np.isnan(a)):
        raise InvalidArgumentError("r contains NaN; distances must be numbers >= 0")
    if np.any(a < 0):
        raise InvalidArgumentError(f"r contains negative values (min {float(np.min(a)):.6g}); a kernel takes a "
                                   "distance r = |x - y| >= 0")
    return a


def newton(r):
    """Newton (Coulomb) kernel 1/r (infinite at r = 0).

    Examples
    --------
    >>> newton(np.array([0.5, 2.0]))
    array([2. , 0.5])
    """
    r = _radii(r)
    with np.errstate(divide="ignore"):
        return 1.0 / r


def newton_long_range(r, *, r0: float):
    """Smooth long-range part erf(r/r0)/r of 1/r, with its limit 2/(sqrt(pi) r0) at r = 0.

    Accurate to a few ulp (series erf(s)/s = 2/sqrt(pi) (1 - s^2/3 + s^4/10 - s^6/42) for s < 1e-3).

    Examples
    --------
    >>> bool(float(newton_long_range(0.0, r0=1.0)) == 2 / np.sqrt(np.pi))
    True
    >>> float(newton_long_range(10.0, r0=0.5))
    0.1
    """
    r0 = as_positive_float(r0, "r0")
    r = _radii(r)
    s = r / r0
    small = np.abs(s) < 1e-3
    s2 = s * s
    series = _TWO_OVER_SQRT_PI * (1.0 - s2 / 3.0 + s2 * s2 / 10.0 - s2 * s2 * s2 / 42.0) / r0
    with np.errstate(divide="ignore", invalid="ignore"):
        direct = scipy.special.erf(s) / r
    return np.where(small, series, direct)


def newton_short_range(r, *, r0: float):
    """Short-range remainder erfc(r/r0)/r = 1/r - erf(r/r0)/r (singular at 0, Gaussian decay).

    Examples
    --------
    >>> bool(np.isclose(newton_short_range(0.3, r0=0.5) + newton_long_range(0.3, r0=0.5), 1 / 0.3))
    True
    """
    r0 = as_positive_float(r0, "r0")
    r = _radii(r)
    with np.errstate(divide="ignore"):
        return scipy.special.erfc(r / r0) / r


def slater(r, *, lam: float = 1.0):
    """Slater kernel exp(-lam r) (a cusp at r = 0).

    Examples
    --------
    >>> bool(float(slater(1.0, lam=2.0)) == np.exp(-2.0))
    True
    """
    lam = as_positive_float(lam, "lam")
    return np.exp(-lam * _radii(r))


def yukawa(r, *, lam: float = 1.0):
    """Yukawa (screened Coulomb) kernel exp(-lam r)/r (singular at r = 0).

    Examples
    --------
    >>> bool(float(yukawa(1.0, lam=1.0)) == np.exp(-1.0))
    True
    """
    lam = as_positive_float(lam, "lam")
    r = _radii(r)
    with np.errstate(divide="ignore"):
        return np.exp(-lam * r) / r


def runge(r, *, a: float = 25.0):
    """Runge-type kernel 1/(1 + a r^2) (analytic, poles at r = +-i/sqrt(a)).

    Examples
    --------
    >>> float(runge(0.2))
    0.5
    """
    a = as_positive_float(a, "a")
    r = _radii(r)
    return 1.0 / (1.0 + a * r * r)


def radial_field(kernel, *, centre=(0.0, 0.0, 0.0), **params):
    """Turn a radial kernel into a vectorised ``f(x, y, z) = kernel(|(x, y, z) - centre|, **params)``.

    Examples
    --------
    >>> f = radial_field(slater, centre=(1.0, 0.0, 0.0), lam=1.0)
    >>> float(f(np.array(1.0), np.array(0.0), np.array(0.0)))
    1.0
    """
    c = as_float_array(centre, "centre", ndim=1)

    def field(*xs):
        if len(xs) != c.shape[0]:
            raise InvalidArgumentError(f"expected {c.shape[0]} coordinate arrays, got {len(xs)}")
        r2 = 0.0
        for x, ci in zip(xs, c):
            r2 = r2 + (np.asarray(x, dtype=float) - ci) ** 2
        return kernel(np.sqrt(r2), **params)

    return field


@dataclass(frozen=True)
class GaussianSum:
    """``sum_k weights[k] exp(-exponents[k] r^2)`` approximating a radial kernel on [0, r_max].

    Attributes
    ----------
    weights, exponents : numpy.ndarray
    r_max : float
    max_error : float
        Largest absolute error found on a fine sample of [0, r_max].

    Examples
    --------
    >>> GaussianSum(np.array([1.0]), np.array([2.0]), 1.0, 0.0)(0.0)
    1.0
    """

    weights: np.ndarray
    exponents: np.ndarray
    r_max: float
    max_error: float

    def __call__(self, r):
        """Evaluate the sum at distances r.

        Examples
        --------
        >>> g = newton_long_range_gaussian_sum(1.0, r_max=2.0, tol=1e-12)
        >>> float(abs(g(1.0) - newton_long_range(1.0, r0=1.0))) < 1e-12
        True
        """
        r = np.asarray(r, dtype=float)
        out = np.exp(-np.multiply.outer(r * r, self.exponents)) @ self.weights
        return float(out) if r.ndim == 0 else out


def newton_long_range_gaussian_sum(r0: float, *, r_max: float, tol: float = 1e-12) -> GaussianSum:
    """Gaussian sum for erf(r/r0)/r on [0, r_max] with sampled absolute error <= ``tol / r0``.

    Gauss--Legendre quadrature of (2/sqrt(pi)) int_0^{1/r0} exp(-t^2 r^2) dt with
    the number of nodes doubled until the error, sampled at 2000 Chebyshev points
    of [0, r_max], is below ``tol`` relative to the maximum 2/(sqrt(pi) r0).

    Examples
    --------
    >>> g = newton_long_range_gaussian_sum(0.5, r_max=3.5, tol=1e-10)
    >>> bool(g.max_error < 1e-10 * 2 / (np.sqrt(np.pi) * 0.5)), len(g.weights) <= 64
    (True, True)
    """
    r0 = as_positive_float(r0, "r0")
    r_max = as_positive_float(r_max, "r_max")
    tol = as_positive_float(tol, "tol")
    if tol < GAUSSIAN_SUM_MIN_TOL:
        raise InvalidArgumentError(f"tol={tol:.3g} is below {GAUSSIAN_SUM_MIN_TOL:.0e}, the float64 accuracy of "
                                   "erf(r/r0)/r itself (the sampled error cannot go lower)")
    scale = _TWO_OVER_SQRT_PI / r0
    r = 0.5 * r_max * (1.0 - np.cos(np.linspace(0.0, np.pi, 2000)))
    exact = newton_long_range(r, r0=r0)
    previous = np.inf
    for K in (8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256):
        nodes, w = np.polynomial.legendre.leggauss(K)
        t = 0.5 * (nodes + 1.0) / r0
        weights = _TWO_OVER_SQRT_PI * 0.5 * w / r0
        g = GaussianSum(weights, t * t, r_max, 0.0)
        err = float(np.max(np.abs(g(r) - exact)))
        if err <= tol * scale:
            return GaussianSum(weights, t * t, r_max, err)
        if K >= 32 and err > 0.5 * previous and err < 1e-12 * scale:
            raise InvalidArgumentError(f"the Gaussian sum stalled at relative error {err / scale:.2e} with {K} "
                                       f"terms (rounding floor), above tol {tol:.1e}: ask for a looser tol")
        previous = err
    raise InvalidArgumentError(f"r_max/r0 = {r_max / r0:.3g} needs more than 256 Gauss-Legendre terms for "
                               f"relative error {tol:.1e} (reached {err / scale:.2e}); use a larger r0 or a "
                               "looser tol")


GAUSSIAN_SUM_MIN_TOL = 1e-15


class MultiParticlePotential:
    """Electrostatic potential ``sum_i q_i / |x - x_i|`` of point charges, range separated.

    Floating-point.  The long-range part ``sum_i q_i erf(|x - x_i|/r0)/|x - x_i|``
    is a :class:`~spectral.ChebyshevTucker` built from its canonical Gaussian-sum
    form (rank N K, never a 3-D grid); its ranks grow like log N.  The short-range
    part ``sum_i q_i erfc(|x - x_i|/r0)/|x - x_i|`` is kept as local terms, summed
    over particles within ``cutoff`` of each evaluation point (k-d tree), where
    ``cutoff`` makes the neglected terms below ``tol / r0`` each.

    Parameters
    ----------
    charges : array_like (N,)
    positions : array_like (N, 3)
    box : sequence of three (a, b)
        Where the long-range part is represented; must contain the particles.
    r0 : float, keyword-only
        Range-separation length.
    tol : float, keyword-only
        Relative tolerance for the Gaussian sum, the interpolation and the Tucker truncation.
    degree : int, keyword-only
        Chebyshev degree per mode (default 128: m = 129 Lobatto points).

    Attributes
    ----------
    long_range : ChebyshevTucker
    gaussian_sum : GaussianSum
    cutoff : float
    build_time : float

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> pos = rng.uniform(-0.8, 0.8, (20, 3)); q = rng.choice([-1.0, 1.0], 20)
    >>> pot = MultiParticlePotential(q, pos, [(-1, 1)] * 3, r0=0.5, tol=1e-8, degree=64)
    >>> x = np.array([[0.1, -0.2, 0.3]])
    >>> exact = np.sum(q / np.linalg.norm(pos - x, axis=1))
    >>> bool(abs(pot(x)[0] - exact) < 1e-6), max(pot.ranks) < 15
    (True, True)
    """

    def __init__(self, charges, positions, box, *, r0: float, tol: float = 1e-8, degree: int = 128):
        t0 = time.perf_counter()
        q = as_float_array(charges, "charges", ndim=1)
        X = as_float_array(positions, "positions", ndim=2, last_dim=3)
        if X.shape[0] != q.shape[0]:
            raise InvalidArgumentError(f"{q.shape[0]} charges but {X.shape[0]} positions")
        bx = as_box(box, 3)
        lo = np.array([a for a, _ in bx])
        hi = np.array([b for _, b in bx])
        if np.any(X < lo) or np.any(X > hi):
            raise InvalidArgumentError("every position must lie inside the box")
        self.r0 = as_positive_float(r0, "r0")
        self.tol = as_positive_float(tol, "tol")
        self.charges, self.positions, self.box = q, X, bx
        r_max = float(np.linalg.norm(hi - lo))
        self.gaussian_sum = newton_long_range_gaussian_sum(self.r0, r_max=r_max, tol=max(min(self.tol, 1e-6) * 1e-2, 4 * GAUSSIAN_SUM_MIN_TOL))
        p = self.gaussian_sum.exponents
        K = p.shape[0]
        weights = np.repeat(q, K) * np.tile(self.gaussian_sum.weights, q.shape[0])

        def side(k):
            centres = np.repeat(X[:, k], K)
            expo = np.tile(p, X.shape[0])
            return lambda x: np.exp(-expo * np.subtract.outer(x, centres) ** 2)

        self.long_range = ChebyshevTucker.from_cp([side(0), side(1), side(2)], bx, tol=self.tol, weights=weights,
                                                  degree=degree)
        # erfc(s)/(s r0) <= tol/r0  <=>  erfc(s)/s <= tol
        s = scipy.optimize.brentq(lambda s: scipy.special.erfc(s) / s - self.tol, 1e-3, 40.0)
        self.cutoff = float(s * self.r0)
        self._tree = scipy.spatial.cKDTree(X)
        self.build_time = time.perf_counter() - t0

    @property
    def ranks(self) -> tuple:
        """Tucker ranks of the long-range part."""
        return self.long_range.ranks

    def __repr__(self) -> str:
        return (f"MultiParticlePotential(N={self.charges.shape[0]}, r0={self.r0}, ranks={self.ranks}, "
                f"cutoff={self.cutoff:.3g})")

    def short_range(self, points) -> np.ndarray:
        """Sum of the local terms q_i erfc(r/r0)/r over particles within the cutoff (infinite on a particle).

        Examples
        --------
        >>> pot = MultiParticlePotential([1.0], [[0.0, 0.0, 0.0]], [(-1, 1)] * 3, r0=0.5, degree=48)
        >>> float(pot.short_range([[0.9, 0.9, 0.9]])[0])
        0.0
        """
        P = as_float_array(points, "points", ndim=2, last_dim=3)
        out = np.zeros(P.shape[0])
        D = scipy.spatial.cKDTree(P).sparse_distance_matrix(self._tree, self.cutoff, output_type="coo_matrix")
        # sparse_distance_matrix omits exact zeros (a point on a particle), so add those back as infinities
        vals = newton_short_range(D.data, r0=self.r0) * self.charges[D.col]
        np.add.at(out, D.row, vals)
        hit = self._tree.query(P, k=1)[0] == 0.0
        out[hit] = np.inf
        return out

    def long_range_values(self, points) -> np.ndarray:
        """The long-range part at scattered points, from the Chebyshev--Tucker form (mesh-free).

        Examples
        --------
        >>> pot = MultiParticlePotential([1.0], [[0.0, 0.0, 0.0]], [(-1, 1)] * 3, r0=1.0, tol=1e-8, degree=32)
        >>> float(abs(pot.long_range_values([[0.5, 0.0, 0.0]])[0] - newton_long_range(0.5, r0=1.0))) < 1e-7
        True
        """
        return self.long_range(points)

    def long_range_exact(self, points) -> np.ndarray:
        """Direct O(N M) sum of q_i erf(r/r0)/r, for checking.

        Examples
        --------
        >>> pot = MultiParticlePotential([2.0], [[0.0, 0.0, 0.0]], [(-1, 1)] * 3, r0=0.5, degree=32)
        >>> bool(np.isclose(pot.long_range_exact([[0.0, 0.0, 0.0]])[0], 4 / np.sqrt(np.pi) / 0.5))
        True
        """
        P = as_float_array(points, "points", ndim=2, last_dim=3)
        out = np.zeros(P.shape[0])
        for s in range(0, P.shape[0], 4096):
            r = np.linalg.norm(P[s:s + 4096, None, :] - self.positions[None], axis=2)
            out[s:s + 4096] = newton_long_range(r, r0=self.r0) @ self.charges
        return out

    def __call__(self, points) -> np.ndarray:
        """Full potential: long-range Chebyshev--Tucker part plus short-range local terms.

        Examples
        --------
        >>> pot = MultiParticlePotential([1.0], [[0.0, 0.0, 0.0]], [(-1, 1)] * 3, r0=0.5, tol=1e-8, degree=48)
        >>> float(abs(pot([[0.5, 0.0, 0.0]])[0] - 2.0)) < 1e-6
        True
        """
        return self.long_range(points) + self.short_range(points)
