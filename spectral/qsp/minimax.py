"""Minimax QSP targets: the best bounded parity polynomial of a degree, by a Remez exchange, with a proved error.

The erf and Jacobi–Anger builders of :mod:`spectral.qsp.targets` truncate a smooth
surrogate; the polynomial of least maximum error on the domain needs fewer degrees for
the same eps, and every degree saved is a circuit layer (a query to the block encoding)
saved.  :func:`minimax_target` designs it in three stages:

1. **design** -- a Remez exchange for ``scale * f`` on the domain intervals of [0, 1] in
   the Chebyshev basis of the target's parity (``T_0, T_2, ...`` or ``T_1, T_3, ...``; on
   a set of positive x both are Haar systems, so the best approximation is characterised
   by equioscillation at n + 1 points, Chebyshev's theorem);  the error is sampled on a
   grid uniform in ``theta = arccos x`` (32 points per oscillation of ``T_d``, values by
   one DCT-I) and each extremum is polished by a parabola;
2. **bound** -- P is shrunk so that a proved bound on ``max |P|`` over [-1, 1]
   (:func:`spectral.qsp.certificates.sup_norm_bound`) is ``<= 1 - margin``; ``scale`` is
   shrunk with it, as in the other builders;
3. **certify** -- ``max |P - s f|`` over the domain is bounded rigorously: piecewise
   constant targets (sign, threshold, window) by
   :func:`~spectral.qsp.certificates.sup_norm_bound_on` on each interval; analytic targets
   (1/x, cos, sin, exp, cosh, sinh) by comparing P with f at Chebyshev points of the interval in
   double-double (mpmath at 128 bits for f), bounding the Chebyshev tail of f from its
   size on a Bernstein ellipse and applying the Ehlich–Zeller inequality to the
   polynomial ``P - f_N`` (the method of :func:`~spectral.qsp.certificates.certified_series`,
   moved from [-1, 1] to a sub-interval).

Given ``eps`` instead of ``degree``, the degree is searched (growth by 3/2, then bisection
on the Remez error, then the certificate decides; a design whose certificate misses eps
moves up a step) -- the returned ``max_error`` is always the proved figure.

References: E. Ya. Remez (1934); Trefethen, *Approximation Theory and Approximation
Practice* (2019), Ch. 10 and Thm 8.1; Dong, Meng, Whaley, Lin, *Efficient phase-factor
evaluation in quantum signal processing* (2021), Sec. 5 (convex/minimax design of QSP
targets, the recipe of qsppack's ``cvx_poly_coef``); Ehlich & Zeller (1964).
"""

from __future__ import annotations

import functools
import math
import numbers
from collections.abc import Sequence
from typing import Callable, NamedTuple

import numpy as np
import scipy.fft

from mathref.errors import InvalidArgumentError, InvalidTypeError, SizeLimitError
from mathref.validation import check_callable, checked_fields

from ._inputs import as_coefficients, as_float_array, as_nonneg_int, as_positive_float
from .certificates import (
    _dd_add,
    _dd_clenshaw,
    _dd_mul,
    _ez_factor,
    cheb_nodes,
    ellipse_tail_bound,
    required_points,
    sup_norm_bound,
    sup_norm_bound_on,
)
from .targets import QSPTarget

__all__ = ["MINIMAX_KINDS", "MAX_MINIMAX_DEGREE", "minimax_target", "remez_parity", "RemezResult",
           "certified_error_on"]

#: Largest degree :func:`minimax_target` designs (the Remez system is dense, ``O(d^3)``).
MAX_MINIMAX_DEGREE = 2001

_U = 2.0**-53


@checked_fields
class RemezResult(NamedTuple):
    """Result of :func:`remez_parity`.

    ``coef``: full Chebyshev coefficients (length d + 1, wrong-parity entries 0);
    ``levelled_error``: the |E| of the last reference; ``grid_error``: max |p - f| on the
    sampling grid (an estimate from below of the true maximum); ``iterations``;
    ``converged``: ``grid_error <= (1 + 1e-3) levelled_error``.
    """

    coef: np.ndarray
    levelled_error: float
    grid_error: float
    iterations: int
    converged: bool


# ----------------------------------------------------------------------------- the Remez exchange
#
# The exchange works in the domain's own Chebyshev basis: with t = x^2 and [t0, t1] the hull
# of the domain in t, an even polynomial is q(u) and an odd one x q(u), u = (2t - t0 - t1)/(t1 - t0),
# q a Chebyshev series in u.  On [delta, 1] the plain basis T_1, T_3, ... is badly conditioned
# (cond ~ 1e12 at degree 300 for delta = 0.05); the domain's basis is not.  The coefficients in
# T_k(x) are recovered at the end by interpolation at Chebyshev points of [-1, 1].


class _Frame(NamedTuple):
    parity: int
    t0: float
    t1: float

    def u(self, x):
        return (2 * x * x - self.t0 - self.t1) / (self.t1 - self.t0)

    def x_of_phi(self, phi):
        t = ((self.t1 - self.t0) * np.cos(phi) + self.t0 + self.t1) / 2
        return np.sqrt(np.maximum(t, 0.0))

    def phi_of_x(self, x):
        return np.arccos(np.clip(self.u(np.asarray(x, dtype=float)), -1.0, 1.0))

    def evaluate(self, q, x):
        x = np.asarray(x, dtype=float)
        v = np.polynomial.chebyshev.chebval(self.u(x), q)
        return v * x if self.parity else v


def _in_domain(x, intervals):
    inside = np.zeros(np.shape(x), dtype=bool)
    for a, b in intervals:
        inside |= (x >= a) & (x <= b)
    return inside


def _grid(frame: _Frame, intervals, n: int):
    """Angles phi_j = j pi / m (u = cos phi_j; 32 points per oscillation of T_n(u)) that fall in the domain."""
    m = 1 << max(8, int(math.ceil(math.log2(32 * (n + 1)))))
    phi = np.arange(m + 1) * (math.pi / m)
    idx = np.flatnonzero(_in_domain(frame.x_of_phi(phi), intervals))
    return m, idx


def _values_dct1(q: np.ndarray, m: int) -> np.ndarray:
    """q(cos(j pi / m)) for j = 0..m by one DCT-I."""
    buf = np.zeros(m + 1)
    buf[: q.size] = q
    buf[0] *= 2.0
    if q.size == m + 1:
        buf[m] *= 2.0
    return scipy.fft.dct(buf, type=1) / 2.0


def _extrema(frame, idx, err, step, f, q, intervals):
    """Local extrema of the error along each run of the grid, parabola-polished, and the interval ends."""
    starts = np.concatenate([[0], np.flatnonzero(np.diff(idx) != 1) + 1, [idx.size]])
    xs = [np.array([v for ab in intervals for v in ab])]
    for s0, s1 in zip(starts[:-1], starts[1:]):
        e = err[s0:s1]
        ph = idx[s0:s1] * step
        if e.size == 0:
            continue
        xs.append(frame.x_of_phi(ph[[0, e.size - 1]]))
        if e.size <= 2:
            continue
        a = np.abs(e)
        inner = np.flatnonzero((a[1:-1] >= a[:-2]) & (a[1:-1] >= a[2:])) + 1
        if inner.size:
            y0, y1, y2 = e[inner - 1], e[inner], e[inner + 1]
            den = y0 - 2 * y1 + y2
            with np.errstate(divide="ignore", invalid="ignore"):
                shift = np.where(den != 0, 0.5 * (y0 - y2) / den, 0.0)
            xs.append(frame.x_of_phi(ph[inner] + np.clip(shift, -1.0, 1.0) * step))
    x = np.unique(np.clip(np.concatenate(xs), 0.0, 1.0))
    x = x[_in_domain(x, intervals)]
    return x, f(x) - frame.evaluate(q, x)


def _alternating(x, e, n_ref: int):
    """An alternating subset of ``n_ref`` extrema (runs of one sign merged to their largest), or None."""
    order = np.argsort(x)
    keep_x, keep_e = [], []
    for xi, ei in zip(x[order], e[order]):
        if ei == 0:
            continue
        if keep_e and (keep_e[-1] > 0) == (ei > 0):
            if abs(ei) > abs(keep_e[-1]):
                keep_x[-1], keep_e[-1] = xi, ei
        else:
            keep_x.append(xi)
            keep_e.append(ei)
    while len(keep_x) > n_ref:
        # drop the smaller end (alternation is kept)
        if abs(keep_e[0]) < abs(keep_e[-1]):
            keep_x.pop(0)
            keep_e.pop(0)
        else:
            keep_x.pop()
            keep_e.pop()
    if len(keep_x) < n_ref:
        return None
    return np.array(keep_x)


def _initial_reference(frame, intervals, n_ref: int) -> np.ndarray:
    """n_ref points of the domain spread uniformly in phi = arccos u."""
    pieces = sorted((float(frame.phi_of_x(b)), float(frame.phi_of_x(a))) for a, b in intervals)
    total = sum(p1 - p0 for p0, p1 in pieces)
    u = (np.arange(n_ref) + 0.5) / n_ref * total
    out, acc = [], 0.0
    for p0, p1 in pieces:
        w = p1 - p0
        sel = u[(u >= acc) & (u < acc + w)]
        out.append(frame.x_of_phi(p0 + (sel - acc)))
        acc += w
    return np.sort(np.concatenate(out))


def _least_squares_reference(frame, intervals, idx, m, xg, fg, n, f):
    """The alternation set of a least-squares fit on the grid (a start the Remez system is well posed at)."""
    step = max(1, idx.size // (8 * n))
    sub = slice(None, None, step)
    phi = idx[sub] * (math.pi / m)
    A = np.cos(np.outer(phi, np.arange(n)))
    if frame.parity:
        A = A * xg[sub][:, None]
    q = np.linalg.lstsq(A, fg[sub], rcond=None)[0]
    err = fg - _values_dct1(q, m)[idx] * (xg if frame.parity else 1.0)
    x, e = _extrema(frame, idx, err, math.pi / m, f, q, intervals)
    return _alternating(x, e, n + 1)


def _to_chebyshev_x(frame: _Frame, q: np.ndarray, d: int) -> np.ndarray:
    """Coefficients in T_k(x) of x^parity q(u(x)) (degree d) by interpolation at 2(d + 1) Chebyshev points."""
    npts = 2 * (d + 1)
    x = np.cos((np.arange(npts) + 0.5) * math.pi / npts)
    c = scipy.fft.dct(frame.evaluate(q, x), type=2) / npts
    c[0] /= 2.0
    c = c[: d + 1].copy()
    c[(frame.parity + 1) % 2 :: 2] = 0.0
    return c


def _exchange(frame, intervals, f, idx, m, xg, fg, n, ref, max_iterations):
    """Remez iterations from the reference ``ref``: (q, grid error, levelled error, converged, iterations)."""
    wg = xg if frame.parity else 1.0
    best = (None, math.inf, math.inf, False, 0)
    for it in range(1, max_iterations + 1):
        A = np.cos(np.outer(frame.phi_of_x(ref), np.arange(n)))
        if frame.parity:
            A = A * ref[:, None]
        M = np.column_stack([A, (-1.0) ** np.arange(n + 1)])
        try:
            sol = np.linalg.solve(M, f(ref))
        except np.linalg.LinAlgError:
            break
        if not np.all(np.isfinite(sol)):
            break
        q = sol[:n]
        E = abs(float(sol[n]))
        err = fg - _values_dct1(q, m)[idx] * wg
        gmax = float(np.max(np.abs(err)))
        done = gmax <= E * (1 + 1e-3) + 1e-300
        if gmax < best[1]:
            best = (q, gmax, E, done, it)
        if done:
            break
        x, e = _extrema(frame, idx, err, math.pi / m, f, q, intervals)
        new = _alternating(x, e, n + 1)
        if new is None:
            break
        ref = new
    return best


def _checked_intervals(intervals: object) -> list[tuple[float, float]]:
    """``[(a, b), ...]`` of finite floats with 0 <= a < b <= 1, or a mathref error naming ``intervals``."""
    if isinstance(intervals, (str, bytes)) or not isinstance(intervals, (Sequence, np.ndarray)) or not len(intervals):
        raise InvalidTypeError(f"intervals={intervals!r:.60} must be a non-empty sequence of (a, b) pairs")
    out = []
    for pair in intervals:
        if isinstance(pair, (str, bytes)) or not isinstance(pair, (Sequence, np.ndarray)) or len(pair) != 2:
            raise InvalidTypeError(f"intervals has the entry {pair!r:.40}, expected an (a, b) pair")
        a, b = (float(v) for v in as_float_array(pair, "intervals entry"))
        if not 0.0 <= a < b <= 1.0:
            raise InvalidArgumentError(f"intervals entry ({a}, {b}) must satisfy 0 <= a < b <= 1")
        out.append((a, b))
    return out


def remez_parity(f: Callable[[np.ndarray], np.ndarray], intervals: Sequence[tuple[float, float]], degree: int, *,
                 max_iterations: int = 60) -> RemezResult:
    """Best approximation of ``f`` on ``intervals`` (of [0, 1]) by a polynomial of the parity of ``degree``.

    Floating-point design (no certificate: see :func:`minimax_target`).  ``f`` is
    vectorised over numpy arrays; the intervals must avoid 0 for odd degrees (odd
    polynomials vanish there).

    Examples
    --------
    >>> r = remez_parity(lambda x: np.ones_like(x), [(0.2, 1.0)], 9)      # sign on [0.2, 1]
    >>> r.converged, round(r.levelled_error, 3)
    (True, 0.08)
    """
    degree = as_nonneg_int(degree, "degree")
    max_iterations = as_nonneg_int(max_iterations, "max_iterations")
    check_callable(f, "f")
    intervals = _checked_intervals(intervals)
    d = int(degree)
    parity = d % 2
    n = d // 2 + 1  # q has degree n - 1 in u
    ts = [v * v for ab in intervals for v in ab]
    t0, t1 = min(ts), max(ts)
    if t1 <= t0:
        raise InvalidArgumentError(f"intervals={intervals!r} must have positive length")
    frame = _Frame(parity, t0, t1)
    m, idx = _grid(frame, intervals, n)
    xg = frame.x_of_phi(idx * (math.pi / m))
    fg = f(xg)
    # two starts: Chebyshev-like points (good for smooth f), then the alternation set of a
    # least-squares fit (good when the domain has an inner gap); the better run is kept
    best = _exchange(frame, intervals, f, idx, m, xg, fg, n, _initial_reference(frame, intervals, n + 1),
                     max_iterations)
    if not best[3]:
        ref = _least_squares_reference(frame, intervals, idx, m, xg, fg, n, f)
        if ref is not None:
            other = _exchange(frame, intervals, f, idx, m, xg, fg, n, ref, max_iterations)
            if other[0] is not None and (best[0] is None or other[1] < best[1]):
                best = other
    if best[0] is None:
        return RemezResult(np.zeros(d + 1), math.inf, math.inf, best[4], False)
    q, gmax, E, _, it = best
    coef = _to_chebyshev_x(frame, q, d)
    # the grid error of the converted coefficients (the conversion rounds)
    xs = xg[:: max(1, xg.size // 4096)]
    gconv = float(np.max(np.abs(f(xs) - np.polynomial.chebyshev.chebval(xs, coef))))
    return RemezResult(coef, E, max(gmax, gconv), it, gmax <= E * (1 + 1e-3) + 1e-300)


# ----------------------------------------------------------------------------- certificates


def certified_error_on(coef: np.ndarray | Sequence[float], a: float, b: float, f_mp: Callable,
                       log_bound: Callable[[float], float]) -> float:
    """A proved bound on ``max |p(x) - f(x)|`` over ``[a, b]`` for an analytic f.

    ``f_mp(ctx, x)`` evaluates f in the mpmath context ``ctx``; ``log_bound(rho)`` bounds
    ``log max |f(x(y))|`` over the Bernstein ellipse ``E_rho`` of the variable
    ``y in [-1, 1]``, ``x = a + (b - a)(y + 1)/2`` (``inf`` where f is not analytic).
    The Chebyshev tail of ``f(x(y))`` beyond N (where it is below 1e-30) is bounded by
    ``2 A rho^-N / (1 - 1/rho)``; P and f are compared at M >= 2.5 max(N, d + 1)
    first-kind points in double-double and Ehlich–Zeller bounds the polynomial ``P - f_N``
    between them.

    Examples
    --------
    >>> import math
    >>> c = np.polynomial.chebyshev.chebinterpolate(np.cos, 20)
    >>> e = certified_error_on(c, 0.0, 1.0, lambda ctx, x: ctx.cos(x), lambda rho: (rho - 1 / rho) / 4)
    >>> bool(0 < e < 1e-13)
    True
    """
    from mpmath.ctx_mp import MPContext

    c = as_float_array(as_coefficients(coef, "coef"), "coef")  # real coefficients; text, NaN and empties refused
    a, b = as_float_array([a], "a")[0], as_float_array([b], "b")[0]
    if not a < b:
        raise InvalidArgumentError(f"[a, b] = [{a}, {b}] must be an interval with a < b")
    check_callable(f_mp, "f_mp")
    check_callable(log_bound, "log_bound")
    d = c.size - 1
    tail = functools.partial(_tail, log_bound)
    n_tail, m = required_points(tail, degree_hint=d)
    m = max(m, 1 << int(math.ceil(math.log2(2.5 * (d + 1)))))
    yh, yl = cheb_nodes(m)
    half = (float(b) - float(a)) / 2.0
    half_err = (float(b) - float(a)) - 2 * half
    sh, sl = _dd_add(yh, yl, np.ones_like(yh), np.zeros_like(yh))
    ph, pl = _dd_mul(sh, sl, np.full_like(yh, half), np.full_like(yh, half_err / 2.0))
    xh, xl = _dd_add(ph, pl, np.full_like(yh, float(a)), np.zeros_like(yh))
    xl = np.where(np.abs(xh) >= 1.0, 0.0, xl)
    xh = np.clip(xh, -1.0, 1.0)
    vh, vl = _dd_clenshaw(c, xh, xl)
    ctx = MPContext()
    ctx.prec = 128
    fh = np.empty(m)
    fl = np.empty(m)
    for j in range(m):
        v = f_mp(ctx, ctx.mpf(float(xh[j])) + ctx.mpf(float(xl[j])))
        h = float(v)
        fh[j] = h
        fl[j] = float(v - h)
    if not (np.all(np.isfinite(fh)) and np.all(np.isfinite(fl))):
        raise InvalidArgumentError("the target function is not finite at the Chebyshev points of the domain")
    dh, dl = _dd_add(vh, vl, -fh, -fl)
    grid = float(np.max(np.abs(dh + dl))) * (1 + 4 * _U)
    l1 = float(np.sum(np.abs(c)))
    fmax = float(np.max(np.abs(fh)))
    # rounding of the double-double Clenshaw sum and of the mpmath values
    rounding = (d + 1) ** 2 * 2.0**-96 * (l1 + fmax) + 2.0**-100 * fmax
    # the computed nodes sit within 1e-29 of the true ones: |p'| <= d^2 l1, |f'| from the ellipse
    deriv_f = _derivative_bound(log_bound) / max(half, 1e-300)
    moved = 1e-29 * (d * d * l1 + deriv_f)
    t = tail(n_tail)
    n_poly = max(n_tail, d + 1)
    bound = (grid + rounding + moved + t) * _ez_factor(n_poly - 1, m) + t
    return bound * (1 + 8 * _U) + 1e-300


def _tail(log_bound, n):
    return ellipse_tail_bound(n, log_bound)


def _derivative_bound(log_bound) -> float:
    """Bound on max |g'| over [-1, 1] from |c_k| <= 2 A rho^-k and |T_k'| <= k^2."""
    best = math.inf
    for rho in (4.0, 2.0, 1.5, 1.2, 1.1, 1.05, 1.01):
        la = log_bound(rho)
        if not math.isfinite(la) or la > 700:
            continue
        q = 1.0 / rho
        best = min(best, 2 * math.exp(la) * q * (1 + q) / (1 - q) ** 3)
    return best if math.isfinite(best) else 1e300


# ----------------------------------------------------------------------------- the targets


class _Kind(NamedTuple):
    name: str
    parity: int
    intervals: tuple        # ((a, b), ...) in [0, 1]
    values: tuple | None    # piecewise constant values of f on the intervals, or None
    f: Callable             # numpy f (unscaled)
    f_mp: Callable | None   # mpmath f (unscaled), analytic kinds
    log_bound: Callable | None  # (rho, a, b) -> log max |f| on the ellipse of [a, b]
    default_scale: float
    guess: int              # a first degree for the search


def _const(v, x):
    return np.full(np.shape(x), v, dtype=float)


def _piecewise(intervals, values, x):
    x = np.abs(np.asarray(x, dtype=float))
    out = np.zeros(x.shape)
    for (a, b), v in zip(intervals, values):
        out = np.where((x >= a) & (x <= b), v, out)
    return out


def _signed(f, x):
    x = np.asarray(x, dtype=float)
    return np.sign(x) * f(np.abs(x))


def _np_inv(kappa, x):
    with np.errstate(divide="ignore"):
        return 1.0 / (kappa * np.asarray(x, dtype=float))


def _mp_inv(kappa, ctx, x):
    return 1 / (kappa * x)


def _log_inv(kappa, a, b, rho):
    half = (b - a) / 2
    y0 = 1 + a / half          # the pole x = 0 sits at y = -y0
    semi = (rho + 1 / rho) / 2
    if semi >= y0:
        return math.inf
    return -math.log(kappa * half * (y0 - semi))


def _np_cos(tau, x):
    return np.cos(tau * np.asarray(x, dtype=float))


def _np_sin(tau, x):
    return np.sin(tau * np.asarray(x, dtype=float))


def _mp_cos(tau, ctx, x):
    return ctx.cos(tau * x)


def _mp_sin(tau, ctx, x):
    return ctx.sin(tau * x)


def _np_exp(beta, parity, x):
    x = np.asarray(x, dtype=float)
    v = np.exp(-beta * np.abs(x))
    return np.sign(x) * v if parity else v


def _mp_exp(beta, ctx, x):
    # only called on the positive half (the certificate works on the intervals of [0, 1])
    return ctx.exp(-beta * x)


def _log_exp(beta, a, b, rho):
    # |exp(-beta z)| = exp(-beta Re z), Re z >= a + (b - a)/2 (1 - (rho + 1/rho)/2) on the ellipse
    semi = (rho + 1 / rho) / 2
    return -beta * (a + (b - a) / 2 * (1 - semi))


def _np_cosh(beta, x):
    return np.exp(-beta) * np.cosh(beta * np.asarray(x, dtype=float))


def _np_sinh(beta, x):
    return np.exp(-beta) * np.sinh(beta * np.asarray(x, dtype=float))


def _mp_cosh(beta, ctx, x):
    return ctx.exp(-beta) * ctx.cosh(beta * x)


def _mp_sinh(beta, ctx, x):
    return ctx.exp(-beta) * ctx.sinh(beta * x)


def _log_hyp(beta, a, b, rho):
    # |cosh(beta z)|, |sinh(beta z)| <= cosh(beta Re z) <= exp(beta |Re z|), |Re z| <= a + (b - a)/2 (1 + semi)
    semi = (rho + 1 / rho) / 2
    return -beta + beta * (abs(a) + (b - a) / 2 * (1 + semi))


def _log_trig(tau, a, b, rho):
    # |cos(tau x)|, |sin(tau x)| <= cosh(tau Im x), Im x <= (b - a)/2 (rho - 1/rho)/2
    im = (b - a) / 2 * (rho - 1 / rho) / 2
    return tau * im + math.log1p(math.exp(-2 * tau * im)) - math.log(2.0) if tau * im < 350 else tau * im


def _real(value, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise InvalidTypeError(f"{name}={value!r} must be a real number")
    v = float(value)
    if not math.isfinite(v):
        raise InvalidArgumentError(f"{name}={value!r} must be finite")
    return v


def _gap_arg(delta, upper: float = 1.0) -> float:
    d = as_positive_float(delta, "delta")
    if not d < upper:
        raise InvalidArgumentError(f"delta={delta!r} must be < {upper:g}")
    if d < 1e-4:
        raise SizeLimitError(f"delta={delta!r}: a minimax design below delta = 1e-4 needs degree "
                             f"~{2 / d:,.0f}, above the limit {MAX_MINIMAX_DEGREE}",
                             argument="delta", estimate=f"degree ~{2 / d:,.0f}")
    return d


def _kind(kind: str, params: dict) -> _Kind:
    allowed = {"sign": {"delta"}, "threshold": {"c", "delta"}, "rectangle": {"c", "delta"},
               "inverse": {"kappa"}, "cos": {"tau"}, "sin": {"tau"}, "exp": {"beta", "delta", "parity"},
               "cosh": {"beta"}, "sinh": {"beta"}}
    optional = {"exp": {"parity": 0}}
    if not isinstance(kind, str):
        raise InvalidTypeError(f"kind={kind!r} must be one of {sorted(allowed)}")
    if kind not in allowed:
        raise InvalidArgumentError(f"kind={kind!r} must be one of {sorted(allowed)}")
    params = {**optional.get(kind, {}), **params}
    extra = set(params) - allowed[kind]
    missing = allowed[kind] - set(params)
    if extra or missing:
        raise InvalidArgumentError(f"minimax_target({kind!r}) takes the parameters {sorted(allowed[kind])}; "
                                   f"missing {sorted(missing)}, unexpected {sorted(extra)}")
    if kind == "sign":
        delta = _gap_arg(params["delta"])
        iv = ((delta, 1.0),)
        one = functools.partial(_signed, functools.partial(_const, 1.0))
        return _Kind(f"sign(x), gap {delta:g}", 1, iv, (1.0,), one, None, None, 1.0, max(3, int(1 / delta) | 1))
    if kind in ("threshold", "rectangle"):
        c = _real(params["c"], "c")
        delta = _gap_arg(params["delta"])
        if not (0 < c - delta and c + delta < 1):
            raise InvalidArgumentError(f"need 0 < c - delta and c + delta < 1, got c={c!r}, delta={delta!r}")
        iv = ((0.0, c - delta), (c + delta, 1.0))
        vals = (0.0, 1.0) if kind == "threshold" else (1.0, 0.0)
        label = f"threshold |x| >= {c:g}" if kind == "threshold" else f"rectangle |x| <= {c:g}"
        return _Kind(f"{label}, gap {delta:g}", 0, iv, vals, functools.partial(_piecewise, iv, vals), None, None,
                     1.0, max(2, int(1 / delta) * 2))
    if kind == "inverse":
        kappa = as_positive_float(params["kappa"], "kappa")
        if kappa <= 1:
            raise InvalidArgumentError(f"kappa={kappa!r} must be > 1 (the domain is [1/kappa, 1])")
        if kappa > 1e4:
            raise SizeLimitError(f"kappa={kappa!r}: a minimax 1/x design needs degree ~{2 * kappa:,.0f}, "
                                 f"above the limit {MAX_MINIMAX_DEGREE}", argument="kappa",
                                 estimate=f"degree ~{2 * kappa:,.0f}")
        iv = ((1.0 / kappa, 1.0),)
        return _Kind(f"1/({kappa:g}x)", 1, iv, None, functools.partial(_np_inv, kappa),
                     functools.partial(_mp_inv, kappa), functools.partial(_log_inv, kappa), 0.5,
                     max(3, int(kappa) | 1))
    if kind in ("exp", "cosh", "sinh"):
        return _exp_kind(kind, params)
    tau = as_positive_float(params["tau"], "tau")
    if tau > 2e3:
        raise SizeLimitError(f"tau={tau!r}: a minimax design needs degree ~{tau:,.0f}+, above the limit "
                             f"{MAX_MINIMAX_DEGREE}", argument="tau", estimate=f"degree ~{tau:,.0f}")
    if kind == "cos":
        return _Kind(f"cos({tau:g}x)", 0, ((0.0, 1.0),), None, functools.partial(_np_cos, tau),
                     functools.partial(_mp_cos, tau), functools.partial(_log_trig, tau), 0.5,
                     max(2, int(tau) & ~1))
    return _Kind(f"sin({tau:g}x)", 1, ((0.0, 1.0),), None, functools.partial(_np_sin, tau),
                 functools.partial(_mp_sin, tau), functools.partial(_log_trig, tau), 0.5, max(3, int(tau) | 1))


def _beta_arg(beta) -> float:
    b = as_positive_float(beta, "beta")
    if b > 1e3:
        raise SizeLimitError(f"beta={beta!r}: a minimax exponential design needs degree ~{b:,.0f}+ (the "
                             f"decay length 1/beta must be resolved), above the limit {MAX_MINIMAX_DEGREE}",
                             argument="beta", estimate=f"degree ~{b:,.0f}")
    return b


def _exp_kind(kind: str, params: dict) -> _Kind:
    beta = _beta_arg(params["beta"])
    if kind == "cosh":
        return _Kind(f"e^-{beta:g} cosh({beta:g}x)", 0, ((0.0, 1.0),), None, functools.partial(_np_cosh, beta),
                     functools.partial(_mp_cosh, beta), functools.partial(_log_hyp, beta), 0.5,
                     max(2, int(2 * math.sqrt(beta)) & ~1))
    if kind == "sinh":
        return _Kind(f"e^-{beta:g} sinh({beta:g}x)", 1, ((0.0, 1.0),), None, functools.partial(_np_sinh, beta),
                     functools.partial(_mp_sinh, beta), functools.partial(_log_hyp, beta), 0.5,
                     max(3, int(2 * math.sqrt(beta)) | 1))
    parity = params["parity"]
    if isinstance(parity, bool) or not isinstance(parity, numbers.Integral) or int(parity) not in (0, 1):
        raise InvalidArgumentError(f"parity={parity!r} must be 0 (even: e^(-beta|x|)) or 1 "
                                   "(odd: sign(x) e^(-beta|x|))")
    parity = int(parity)
    if parity == 1:
        delta = _gap_arg(params["delta"])      # an odd P vanishes at 0 where e^0 = 1: a gap is needed
    else:
        delta = _real(params["delta"], "delta")
        if not 0 <= delta < 1:
            raise InvalidArgumentError(f"delta={params['delta']!r} must lie in [0, 1)")
    label = ("sign(x) " if parity else "") + f"e^(-{beta:g}|x|), |x| >= {delta:g}"
    guess = max(2, int(math.sqrt(beta) / max(delta, 0.02)))
    return _Kind(label, parity, ((delta, 1.0),), None, functools.partial(_np_exp, beta, parity),
                 functools.partial(_mp_exp, beta), functools.partial(_log_exp, beta), 1.0,
                 guess | 1 if parity else guess & ~1 or 2)


def _design_intervals(k: _Kind):
    """The Remez works away from x = 0 for odd targets (both sides vanish there)."""
    if k.parity == 1:
        return tuple((max(a, 1e-6), b) for a, b in k.intervals)
    return k.intervals


def _certify(k: _Kind, P: np.ndarray, s: float) -> float:
    """Proved bound on max |P - s f| over the domain (either sign of x, by parity)."""
    worst = 0.0
    for i, (a, b) in enumerate(k.intervals):
        if k.values is not None:
            e = sup_norm_bound_on(P, a, b, shift=s * k.values[i])
        else:
            f_mp = functools.partial(_scaled_mp, k.f_mp, s)
            log_bound = functools.partial(_scaled_log, k.log_bound, s, a, b)
            e = certified_error_on(P, a, b, f_mp, log_bound)
        worst = max(worst, e)
    return worst


def _scaled_mp(f_mp, s, ctx, x):
    return s * f_mp(ctx, x)


def _scaled_log(log_bound, s, a, b, rho):
    return math.log(s) + log_bound(a, b, rho)


def _bounded(k: _Kind, scale: float, d: int, margin: float):
    """Remez design at degree d, shrunk to |P| <= 1 - margin: (P, s, remez result)."""
    f = functools.partial(_scaled_np, k.f, scale)
    r = remez_parity(f, _design_intervals(k), d)
    sup = sup_norm_bound(r.coef)
    shrink = min(1.0, (1.0 - margin) / sup) * (1 - 4 * _U) if sup > 0 else 1.0
    P = r.coef * shrink
    return P, scale * shrink, r


def _scaled_np(f, s, x):
    return s * f(x)


def minimax_target(kind: str, *, eps: float | None = None, degree: int | None = None,
                   scale: float | None = None, margin: float = 1e-3, **params: float) -> QSPTarget:
    """A near-best (Remez) QSP target of a given degree or error, with a proved ``max_error``.

    Parameters
    ----------
    kind : {"sign", "threshold", "rectangle", "inverse", "cos", "sin", "exp", "cosh", "sinh"}
        ``"sign"`` (``delta=``): sign(x) on ``delta <= |x| <= 1``; ``"threshold"`` (``c=, delta=``):
        0 for ``|x| <= c - delta``, 1 for ``|x| >= c + delta``; ``"rectangle"`` (``c=, delta=``):
        the window, 1 then 0; ``"inverse"`` (``kappa=``): ``1/(kappa x)`` on ``[1/kappa, 1]``;
        ``"cos"``, ``"sin"`` (``tau=``): the parity parts of ``e^{-i tau x}`` on [-1, 1].
        ``"exp"`` (``beta=, delta=``, optional ``parity=0``): the decay ``e^{-beta|x|}`` on
        ``delta <= |x| <= 1`` (``parity=0``, pyqsp's ``PolyGibbs`` target; ``delta=0`` is
        allowed, but the kink of ``e^{-beta|x|}`` at 0 makes the degree grow like 1/eps) or
        ``sign(x) e^{-beta|x|}`` (``parity=1``, ``delta > 0``: qsppack's odd fit of
        ``e^{-beta x}`` on ``[delta, 1]``); ``"cosh"``, ``"sinh"`` (``beta=``): ``e^{-beta}
        cosh(beta x)`` and ``e^{-beta} sinh(beta x)`` on [-1, 1], the parity parts of the
        imaginary-time ``e^{-beta(1 - x)}`` (no parity of its own): the two circuits added by a
        linear combination of unitaries with weights 1/2, 1/2 block-encode
        ``(P_even + P_odd)/2 ≈ s e^{-beta(1 - x)}/2``, the way cos and sin give ``e^{-i tau x}``.
    eps : float, optional
        Wanted proved error ``max |P - s f|``; the smallest degree found that achieves it is used.
        Exactly one of ``eps`` and ``degree`` (default ``eps=1e-6``).
    degree : int, optional
        The degree (its parity must be the target's).
    scale : float, optional
        Design for ``scale * f`` (default 1 for sign, threshold, rectangle and exp, 1/2 for the others);
        P is then shrunk so that ``max |P| <= 1 - margin`` and ``scale`` with it.
    margin : float
        In [0, 1).

    Returns
    -------
    QSPTarget
        ``max_error`` and ``sup_norm`` are proved upper bounds for the float coefficients
        (see the module notes); ``scale`` is the factor actually realised.

    Raises
    ------
    InvalidArgumentError
        Bad parameters, or an eps that the float design cannot certify below ``MAX_MINIMAX_DEGREE``.
    SizeLimitError
        A parameter that needs a degree above :data:`MAX_MINIMAX_DEGREE`.

    Notes
    -----
    Degrees: for sign with gap 0.05 the minimax design needs about half the degree of
    the erf truncation at eps = 1e-6 (see ``benchmarks/bench_qsp.py``).

    Examples
    --------
    >>> t = minimax_target("sign", delta=0.1, eps=1e-3)
    >>> t.parity, t.degree, bool(t.max_error <= 1e-3), bool(t.sup_norm < 1)
    (1, 59, True, True)
    >>> bool(abs(t(0.5) - t.scale) <= t.max_error)
    True
    >>> g = minimax_target("exp", beta=2.0, delta=0.2, parity=1, eps=1e-6)    # qsppack's exp example
    >>> g.degree, bool(g.max_error <= 1e-6)
    (61, True)
    """
    k = _kind(kind, params)
    if isinstance(margin, bool) or not isinstance(margin, numbers.Real) or not 0 <= float(margin) < 1:
        raise InvalidArgumentError(f"margin={margin!r} must be a number in [0, 1)")
    margin = float(margin)
    s0 = k.default_scale if scale is None else as_positive_float(scale, "scale")
    if s0 > 1:
        raise InvalidArgumentError(f"scale={scale!r} must lie in (0, 1]")
    if eps is not None and degree is not None:
        raise InvalidArgumentError("give eps or degree, not both")
    if degree is not None:
        d = as_nonneg_int(degree, "degree")
        if d % 2 != k.parity:
            raise InvalidArgumentError(f"degree={degree!r} has the wrong parity for the "
                                       f"{'odd' if k.parity else 'even'} target {k.name}")
        if d > MAX_MINIMAX_DEGREE:
            raise SizeLimitError(f"degree={degree!r} is above the minimax limit {MAX_MINIMAX_DEGREE}",
                                 argument="degree", estimate=f"O(d^3) = {float(d) ** 3:.1e} operations")
        P, s, _ = _bounded(k, s0, d, margin)
        return _make(k, P, s, _certify(k, P, s))
    e = 1e-6 if eps is None else as_positive_float(eps, "eps")
    if e >= 1:
        raise InvalidArgumentError(f"eps={eps!r} must be < 1")
    if e < 1e-13:
        raise InvalidArgumentError(f"eps={eps!r}: below 1e-13 the float64 design is at its rounding floor "
                                   "(the Remez system and the coefficients); ask for eps >= 1e-13")
    if kind == "exp":
        _refuse_kinked_exp(k, e)
    return _search_degree(k, s0, e, margin)


def _refuse_kinked_exp(k: _Kind, eps: float) -> None:
    """Refuse up front an even exp design whose degree is far past the limit.

    e^(-beta|x|) has a kink at 0: with no gap the best even error falls like ~0.2 beta / d
    (measured: beta = 5, eps = 1e-3 needs degree 994); with a gap delta the singularity sits
    at distance ~delta from the domain and the degree is ~log(1/eps)/delta.  The estimate is
    rough, so only a clear miss (twice the limit) is refused; the search decides the rest.
    """
    a = k.intervals[0][0]
    beta = -math.log(max(float(k.f(np.array([1.0]))[0]), 1e-300))    # f(1) = e^-beta
    est = 0.2 * beta / eps
    if a > 0:
        est = min(est, math.log(1 / eps) / a)
    if k.parity == 0 and est > 2 * MAX_MINIMAX_DEGREE:
        raise SizeLimitError(f"{k.name}: eps={eps:g} needs an even degree of about {est:,.0f} (the kink of "
                             f"e^(-beta|x|) at 0 limits even polynomials; give delta > 0), above the limit "
                             f"{MAX_MINIMAX_DEGREE}", argument="eps", estimate=f"degree ~{est:,.0f}")


def _search_degree(k: _Kind, s0: float, eps: float, margin: float) -> QSPTarget:
    par = k.parity

    def fix(d):
        d = max(d, par if par else 0)
        return d if d % 2 == par else d + 1

    cache = {}

    def design(d):
        if d not in cache:
            cache[d] = _bounded(k, s0, d, margin)
        return cache[d]

    def state(d):
        """'ok' (grid error within 0.7 eps), 'low' (a converged design short of eps) or 'bad' (no convergence)."""
        P, s, r = design(d)
        if r.grid_error * (s / s0) <= 0.7 * eps:
            return "ok"
        return "low" if r.converged else "bad"

    def too_high():
        return SizeLimitError(f"{k.name}: eps={eps:g} needs a minimax degree above {MAX_MINIMAX_DEGREE} "
                              "or below the float64 design floor", argument="eps",
                              estimate=f"degree > {MAX_MINIMAX_DEGREE}")

    lo, hi = fix(0), fix(k.guess)
    st = state(hi)
    while st == "low":
        lo, hi = hi, fix(int(hi * 1.5) + 2)
        if hi > MAX_MINIMAX_DEGREE:
            raise too_high()
        st = state(hi)
    # a design that did not converge sits past the float64 floor: the wanted degree is below it
    while st == "bad":
        if hi - lo <= 2:
            raise InvalidArgumentError(f"{k.name}: eps={eps:g} is below what the float64 Remez design "
                                       f"reaches near degree {hi}; ask for a larger eps")
        mid = fix((lo + hi) // 2)
        mid = min(max(mid, lo + 2), hi - 2) if hi - lo > 2 else mid
        st = state(mid)
        if st == "low":
            lo, st = mid, "bad"
        else:
            hi = mid
    while hi - lo > 2:
        mid = fix((lo + hi) // 2)
        mid = min(max(mid, lo + 2), hi - 2)
        if state(mid) == "ok":
            hi = mid
        else:
            lo = mid
    # the certificate decides: step down while it still holds (the 0.7 eps grid test is
    # conservative), else up while it misses
    d = hi
    for _ in range(4):
        if d - 2 < (1 if par else 0):
            break
        P, s, _ = design(d - 2)
        err = _certify(k, P, s)
        if err > eps:
            break
        d -= 2
    for _ in range(8):
        P, s, _ = design(d)
        err = _certify(k, P, s)
        if err <= eps:
            return _make(k, P, s, err)
        d += 2
        if d > MAX_MINIMAX_DEGREE:
            break
    raise InvalidArgumentError(f"{k.name}: eps={eps:g} could not be certified (the best certified error "
                               f"near degree {d} is {err:.2e}); ask for a larger eps")


def _make(k: _Kind, P: np.ndarray, s: float, err: float) -> QSPTarget:
    nz = np.flatnonzero(P)
    P = P[: nz[-1] + 1].copy() if nz.size else np.zeros(1)
    fn = functools.partial(_scaled_np, k.f, s)
    return QSPTarget(P, f"minimax {k.name}", P.size - 1, k.parity, s, err, k.intervals, sup_norm_bound(P), fn, None)


#: The kinds :func:`minimax_target` designs.
MINIMAX_KINDS = ("sign", "threshold", "rectangle", "inverse", "cos", "sin", "exp", "cosh", "sinh")
