"""The mesh-free Chebyshev--Tucker tensor format.

Floating-point.  A function on a box is stored as

    f(x_1, ..., x_d) ~ sum_{i_1..i_d} G[i_1, ..., i_d] phi^1_{i_1}(x_1) ... phi^d_{i_d}(x_d),

where each factor function ``phi^k_i`` is a Chebyshev series on [a_k, b_k] whose
coefficient vectors (the columns of ``factors[k]``) are orthonormal, so the
coefficient tensor of the interpolant is the Tucker tensor
``G x_1 U_1 ... x_d U_d`` and its Frobenius norm is ``||G||_F``.  Two errors are
kept apart: the *interpolation error* (how well the tensor-product Chebyshev
interpolant resolves f, estimated from the coefficient tail) and the
*truncation error* (a rigorous relative Frobenius bound on what the Tucker
compression of the coefficient tensor discarded).

Notes
-----
Construction follows Benner, Khoromskij, Khoromskaia and Sun, "A mesh-free
hybrid Chebyshev--Tucker tensor format with applications to multi-particle
modelling" (2025): sample f on a tensor grid of Lobatto points (m = 2^k + 1 per
mode), take coefficients with one DCT-I per mode, compress the coefficient
tensor with a truncated HOSVD whose per-mode discarded tail is at most
``tol ||C||_F / sqrt(d)`` (see :mod:`spectral.tucker`), and for canonical
(separable) input apply the reduced HOSVD to the coefficient side matrices so
that no m^d tensor is ever formed.  Beyond the paper: degrees chosen adaptively
per mode, trailing coefficient slices below ``tol / 100`` of the budget are
chopped before the HOSVD (cheap and counted in the truncation bound),
evaluation on tensor grids returns an algebraic Tucker tensor, and sums are
formed exactly and recompressed on the core.
"""

from __future__ import annotations

import dataclasses
import time
import warnings
from dataclasses import dataclass
from typing import Callable, NamedTuple, Sequence

import numpy as np
import scipy.linalg
from numpy.typing import ArrayLike

from mathref.equality import ArrayValueEquality, values_equal
from mathref.errors import ConvergenceError, InvalidArgumentError, InvalidTypeError, SizeLimitError
from mathref.validation import as_float_array, as_int, as_positive_float, as_rng, check_fields

from . import _chebyshev_kernels as _k
from .chebyshev import (
    MAX_POINTS,
    BoxLike,
    PoorResolutionWarning,
    RngLike,
    as_box,
    as_real_array,
    chebyshev_coefficients,
    chebyshev_coefficients_nd,
    chebyshev_derivative,
    chebyshev_evaluate,
    chebyshev_grid,
    chebyshev_points,
    chebyshev_vandermonde,
    check_count,
    guard_module,
    integral_moments,
    sample_on_grid,
    to_reference_interval,
)
from .tucker import TuckerTensor, hosvd, mode_product, rhosvd

__all__ = ["ChebyshevTucker", "ChebyshevTuckerReport", "PointwiseError"]

_CHOP_FRACTION = 1e-2  # share of the per-mode truncation budget spent on chopping degrees


@dataclass(frozen=True, eq=False)
class ChebyshevTuckerReport(ArrayValueEquality):
    """How a :class:`ChebyshevTucker` was built and how accurate it is *estimated* to be.

    Only ``truncation_bound`` is a proved figure (about the coefficient tensor);
    the error of the function values is an a-posteriori **estimate**: f is a
    black box sampled in floating point, and no finite set of samples can rule
    out an error between them.

    Attributes
    ----------
    ranks, degrees : tuple of int
        Tucker ranks and polynomial degrees per mode (after chopping).
    sample_sizes : tuple of int
        Lobatto points per mode actually sampled (0 where not applicable).
    error_estimate : float
        Estimated relative max-norm error ``max|f - ct| / max|f|`` of the whole
        representation (interpolation and truncation together): twice the largest
        error observed at ``check_points`` points never sampled (random points, and
        cell midpoints around the largest and the least smooth samples), for
        :meth:`~ChebyshevTucker.from_function` also 1.25 times the largest error a compass
        search finds uphill from the worst of them (it climbs onto cusps between the
        check points), at least the coefficient tail.  NaN when no function was
        available to check against.
    resolved_estimate : bool
        ``error_estimate <= tol``.
    tol : float
        The tolerance asked for (the larger one for sums and recompressions).
    coefficient_tail : float
        Largest coefficient in the last eighth of the sampled degrees of any
        mode, relative to the largest coefficient (the stopping rule of the
        adaptive degree search; a diagnostic, *not* an error figure: it
        understates the error of functions with a cusp, such as e^{-r} at r = 0).
    truncation_bound : float
        Proved bound (up to rounding) on ``||C - C_r||_F / ||C||_F`` for the
        coefficient tensor: the HOSVD tails plus chopped slices.
    value_scale : float
        Largest |f| seen (the scale of the relative figures).
    check_points : int
        Points at which the representation was compared with f.
    singular_values : tuple of numpy.ndarray
        Mode singular values of the coefficient tensor that was compressed.
    evaluations : int
        Number of function samples (or factor-function samples for CP input).
    sampling_time, build_time : float
        Seconds spent in the user's function and in everything else.

    Examples
    --------
    >>> ct = ChebyshevTucker.from_function(lambda x, y, z: np.exp(x * y * z), [(-1, 1)] * 3, tol=1e-8)
    >>> rep = ct.report
    >>> rep.resolved_estimate, rep.error_estimate <= 1e-8, rep.truncation_bound <= 1e-8, rep.ranks == ct.ranks
    (True, True, True, True)
    """

    ranks: tuple
    degrees: tuple
    sample_sizes: tuple
    error_estimate: float
    resolved_estimate: bool
    tol: float
    coefficient_tail: float
    truncation_bound: float
    value_scale: float
    check_points: int
    singular_values: tuple
    evaluations: int
    sampling_time: float
    build_time: float

    def __post_init__(self) -> None:
        check_fields(self)  # a constructor given garbage raises at once


@dataclass(frozen=True)
class PointwiseError:
    """Errors measured at random points: max and RMS absolute error, max error relative to max|f|.

    Examples
    --------
    >>> PointwiseError(1e-9, 1e-10, 1e-10, 2000).n_points
    2000
    """

    max_abs: float
    max_rel: float
    rms: float
    n_points: int

    def __post_init__(self) -> None:
        check_fields(self)  # a constructor given garbage raises at once


def _tail_estimate(C: np.ndarray) -> tuple[float, ...]:
    """Per mode: largest |C| in the last eighth (at least 2 slices) of the degrees, relative to max|C|."""
    scale = float(np.max(np.abs(C)))
    out = []
    for k in range(C.ndim):
        m = C.shape[k]
        if m <= 2 or scale == 0.0:
            out.append(0.0 if scale == 0.0 else 1.0)
            continue
        band = max(2, (m - 1) // 8)
        tail = np.take(C, np.arange(m - band, m), axis=k)
        out.append(float(np.max(np.abs(tail)) / scale))
    return tuple(out)


def _chop_tensor(C: np.ndarray, threshold: float):
    """Drop trailing slices per mode whose combined Frobenius norm is <= threshold; return C and dropped norms."""
    dropped = []
    for k in range(C.ndim):
        other = tuple(j for j in range(C.ndim) if j != k)
        slice_norms2 = np.sum(C * C, axis=other)
        tails = np.sqrt(np.cumsum(slice_norms2[::-1])[::-1])
        ok = np.nonzero(tails <= threshold)[0]
        keep = int(ok[0]) if ok.size else C.shape[k]
        keep = max(1, keep)
        dropped.append(float(tails[keep]) if keep < C.shape[k] else 0.0)
        C = np.take(C, np.arange(keep), axis=k)
    return np.ascontiguousarray(C), dropped


def _trim_tucker(core: np.ndarray, factors: list, threshold: float):
    """Cut trailing coefficient rows of each factor whose contribution is <= threshold, re-orthonormalise."""
    dropped = []
    new_factors = []
    for k, U in enumerate(factors):
        G = np.moveaxis(core, k, 0).reshape(core.shape[k], -1)
        B = U @ G
        tails = np.sqrt(np.cumsum(np.sum(B * B, axis=1)[::-1])[::-1])
        ok = np.nonzero(tails <= threshold)[0]
        keep = max(1, int(ok[0]) if ok.size else U.shape[0])
        if keep < U.shape[0]:
            dropped.append(float(tails[keep]))
            Q, R = scipy.linalg.qr(U[:keep], mode="economic", check_finite=False)
            core = mode_product(core, R, k)
            U = Q
        else:
            dropped.append(0.0)
        new_factors.append(np.ascontiguousarray(U))
    return core, new_factors, dropped


class _GridSamples(NamedTuple):
    """The last sampling round of :meth:`ChebyshevTucker.from_function`: samples, coefficients, bookkeeping."""

    values: np.ndarray
    coefficients: np.ndarray
    tails: tuple
    sizes: list
    evaluations: int
    sampling_time: float
    build_time: float


def _fixed_sizes(degree, d: int) -> list:
    """Lobatto points per mode for a fixed ``degree`` (one int, or one per mode; every degree >= 1)."""
    degs = (degree,) * d if np.ndim(degree) == 0 else tuple(degree)
    if len(degs) != d:
        raise InvalidArgumentError(f"degree has {len(degs)} entries but box has {d} pairs")
    sizes = [as_int(g, "degree") + 1 for g in degs]
    if any(m < 2 for m in sizes):
        raise InvalidArgumentError(f"degree={degree!r}: every degree must be >= 1")
    if any(m > MAX_GRID_SAMPLES for m in sizes):
        raise SizeLimitError(f"degree={degree!r} is more than {MAX_GRID_SAMPLES - 1} in a mode",
                             argument="degree", estimate=f"{max(sizes)} samples per mode")
    return sizes


def _sample_until_resolved(f, bx, sizes: list, *, tol: float, max_degree: int, adaptive: bool) -> _GridSamples:
    """Sample f on Lobatto grids of ``sizes``; when ``adaptive``, double each unresolved mode up to ``max_degree``."""
    d = len(bx)
    sizes = list(sizes)
    sampling, building, evaluations = 0.0, 0.0, 0
    while True:
        _check_grid_size(sizes)
        grids = chebyshev_grid(sizes, bx)
        t0 = time.perf_counter()
        V = sample_on_grid(f, grids)
        t1 = time.perf_counter()
        C = chebyshev_coefficients_nd(V)
        tails = _tail_estimate(C)
        building += time.perf_counter() - t1
        sampling += t1 - t0
        evaluations += V.size
        grow = [k for k in range(d) if tails[k] > tol and 2 * (sizes[k] - 1) <= max_degree]
        if not adaptive or not grow:
            break
        for k in grow:
            sizes[k] = 2 * (sizes[k] - 1) + 1
    return _GridSamples(V, C, tails, sizes, evaluations, sampling, building)


class _SideMatrices(NamedTuple):
    """Chebyshev coefficients (m_k, R) of the factor functions of each mode, their samples, the CP rank R, the cost."""

    coefficients: list
    values: list
    rank: int | None
    evaluations: int
    sampling_time: float


def _sample_side_matrices(factor_functions, bx, sizes) -> _SideMatrices:
    """Sample each mode's factor functions at its Lobatto points and transform them to coefficients."""
    sampling, evaluations = 0.0, 0
    mats, values = [], []
    R = None
    for k, (g, m) in enumerate(zip(factor_functions, sizes)):
        x = chebyshev_points(m, domain=bx[k])
        t0 = time.perf_counter()
        vals = np.asarray(g(x), dtype=float)
        sampling += time.perf_counter() - t0
        if vals.ndim == 1:
            vals = vals[:, None]
        if vals.ndim != 2 or vals.shape[0] != m:
            raise InvalidArgumentError(f"factor_functions[{k}] returned shape {vals.shape}, expected ({m}, R)")
        if R is None:
            R = vals.shape[1]
        elif vals.shape[1] != R:
            raise InvalidArgumentError("factor functions disagree on the CP rank (number of columns)")
        if not np.all(np.isfinite(vals)):
            raise InvalidArgumentError(f"factor_functions[{k}] returned NaN or infinite values")
        evaluations += vals.size
        values.append(vals)
        mats.append(chebyshev_coefficients(vals, axis=0))
    return _SideMatrices(mats, values, R, evaluations, sampling)


def _cp_interpolation_tails(mats: list, w: np.ndarray) -> list:
    """Interpolation tail per mode: weighted column coefficients in the last band, relative to the largest."""
    d = len(mats)
    tails = []
    aw = np.abs(w)
    colmax = [np.max(np.abs(M), axis=0) for M in mats]
    for k, M in enumerate(mats):
        m = M.shape[0]
        band = max(2, (m - 1) // 8)
        other = np.prod([colmax[j] for j in range(d) if j != k], axis=0) if d > 1 else 1.0
        tail = np.max(np.abs(M[m - band:]), axis=0) * other * aw
        head = np.max(colmax[k] * other * aw)
        tails.append(float(np.max(tail) / head) if head > 0 else 0.0)
    return tails


def _cp_hot_nodes(values: list, w: np.ndarray) -> list:
    """Per mode, the Lobatto nodes where the canonical sum is largest and least smooth.

    Each term's share at node i of mode k is ``|w_r| |g^k_r(x_i)| prod_{j != k} max|g^j_r|``
    (an upper envelope of its contribution); the nodes returned are the argmax of the
    summed envelope and of its largest second difference.  Narrow terms (the Newton
    kernel's sharp Gaussians) put both at the peak that random check points miss: the
    full Newton kernel at m = 1025 was estimated at 8e-4 with a true error of 7e-2.
    """
    d = len(values)
    colmax = [np.max(np.abs(V), axis=0) for V in values]
    hot = []
    for k, V in enumerate(values):
        other = np.prod([colmax[j] for j in range(d) if j != k], axis=0) if d > 1 else np.ones(V.shape[1])
        env = np.abs(V) @ (np.abs(w) * other)
        nodes = {int(np.argmax(env))}
        if V.shape[0] >= 3:
            second = np.abs(V[:-2] - 2.0 * V[1:-1] + V[2:]) @ (np.abs(w) * other)
            nodes.add(int(np.argmax(second)) + 1)
        hot.append(sorted(nodes))
    return hot


_CP_LINE_REACH = 64  # cells each side of a hot node checked along each grid line (cost stays O(1) in m)


def _cp_check_points(bx, sizes, hot: list, n_random: int, g) -> np.ndarray:
    """Random points plus Lobatto cell midpoints around every combination of the per-mode hot nodes.

    Around each combination: the window of 3 cells each side in every mode, and along each mode
    the cell midpoints within ``_CP_LINE_REACH`` cells (evaluating a degree-m factor costs O(m)
    per point, so full lines would make the check O(m^2) at m = 16385).
    """
    d = len(bx)
    lo = np.array([a for a, _ in bx])
    hi = np.array([b for _, b in bx])
    pts = [lo + (hi - lo) * g.random((n_random, d))]
    combos = np.array(np.meshgrid(*hot, indexing="ij")).reshape(d, -1).T
    grids = [chebyshev_points(m, domain=bx[k]) for k, m in enumerate(sizes)]
    mids = [0.5 * (x[1:] + x[:-1]) for x in grids]
    reach = 3 if d <= 4 else 1
    for c in combos[:8]:  # at most 2^3 combinations in 3-D
        window = [mids[k][max(0, c[k] - reach):min(sizes[k] - 1, c[k] + reach)] for k in range(d)]
        pts.append(np.column_stack([w.ravel() for w in np.meshgrid(*window, indexing="ij")]))
        node = np.array([grids[k][c[k]] for k in range(d)])
        for k in range(d):
            near = mids[k][max(0, c[k] - _CP_LINE_REACH):min(sizes[k] - 1, c[k] + _CP_LINE_REACH)]
            line = np.repeat(node[None, :], near.size, axis=0)
            line[:, k] = near
            pts.append(line)
    return np.vstack(pts)


MAX_GRID_SAMPLES = 2**27  # largest tensor grid sampled at once (1 GiB of float64 per copy)
MIN_TOL = 16 * float(np.finfo(float).eps)  # below this a float64 representation cannot be certified or estimated


def _check_tol(tol) -> float:
    tol = as_positive_float(tol, "tol")
    if tol < MIN_TOL:
        raise InvalidArgumentError(f"tol={tol:.3g} is below {MIN_TOL:.2g} (16 eps): float64 sampling, transforms "
                                   "and evaluation cannot reach it; ask for tol >= 16 eps")
    return tol


def _check_grid_size(sizes) -> None:
    total = int(np.prod([int(m) for m in sizes], dtype=object))
    if total > MAX_GRID_SAMPLES:
        raise InvalidArgumentError(f"a Lobatto grid of sizes {tuple(sizes)} has {total:.3e} points "
                                   f"({8 * total / 2**30:.3g} GiB per copy); at most {MAX_GRID_SAMPLES} "
                                   "(2**27) are sampled: lower degree/max_degree or use from_cp")


def _hot_spots(V: np.ndarray) -> list:
    """Grid indices of the largest |sample| and of the largest second difference along each mode."""
    spots = [np.unravel_index(int(np.argmax(np.abs(V))), V.shape)]
    for k in range(V.ndim):
        if V.shape[k] < 3:
            continue
        lo = np.take(V, np.arange(0, V.shape[k] - 2), axis=k)
        mid = np.take(V, np.arange(1, V.shape[k] - 1), axis=k)
        hi = np.take(V, np.arange(2, V.shape[k]), axis=k)
        idx = list(np.unravel_index(int(np.argmax(np.abs(lo - 2 * mid + hi))), mid.shape))
        idx[k] += 1
        spots.append(tuple(idx))
    return spots


def _check_points(bx, sizes, hot: list, n_random: int, g) -> np.ndarray:
    """Points never sampled: uniform random ones, and Lobatto cell midpoints around each hot spot.

    Around a hot spot: the tensor window of the 3 cells on each side (6^d points,
    2^d when d > 4), and every cell midpoint along each grid line through it.
    """
    d = len(bx)
    lo = np.array([a for a, _ in bx])
    hi = np.array([b for _, b in bx])
    pts = [lo + (hi - lo) * g.random((n_random, d))]
    grids = [chebyshev_points(m, domain=bx[k]) for k, m in enumerate(sizes)]
    mids = []
    for k, m in enumerate(sizes):
        j = np.arange(m - 1, dtype=float)
        a, b = bx[k]
        mids.append(0.5 * (b - a) * (-np.cos(np.pi * (j + 0.5) / (m - 1))) + 0.5 * (a + b))
    reach = 3 if d <= 4 else 1
    for h in hot:
        window = [mids[k][max(0, h[k] - reach):min(sizes[k] - 1, h[k] + reach)] for k in range(d)]
        mesh = np.meshgrid(*window, indexing="ij")
        pts.append(np.column_stack([w.ravel() for w in mesh]))
        node = np.array([grids[k][h[k]] for k in range(d)])
        for k in range(d):
            line = np.repeat(node[None, :], sizes[k] - 1, axis=0)
            line[:, k] = mids[k]
            pts.append(line)
    return np.vstack(pts)


def _observed_error(ct: "ChebyshevTucker", P: np.ndarray, exact: np.ndarray) -> float:
    return float(np.max(np.abs(ct(P) - exact))) if P.shape[0] else 0.0


_CLIMB_STARTS = 4  # worst check points a local search starts from
_CLIMB_STEPS = 24  # compass-search steps per start (2d function values each)
_CLIMB_SAFETY = 1.25  # a local maximum found by search is near the truth (Slater cusps: 1.00-1.02x)


def _climb_error(ct: "ChebyshevTucker", f, P: np.ndarray, exact: np.ndarray, bx, sizes) -> tuple[float, int]:
    """Largest |ct - f| found by a compass search uphill from the worst check points; also the f calls spent.

    Check points sit at fixed places (random, cell midpoints), so a cusp between them (e^{-r}
    centred off the grid) was seen at 0.6x its true error.  From each of the worst few check
    points this moves to the neighbour ``p +- h e_k`` with the larger error, halving h when none
    is larger, h starting at one Lobatto cell; all starts move together, one vectorised f call
    per step.  Still an estimate: a search finds a local maximum, not the global one.
    """
    if P.shape[0] == 0:
        return 0.0, 0
    d = len(bx)
    err = np.abs(ct(P) - exact)
    starts = np.argsort(err)[-_CLIMB_STARTS:]
    cur, cur_err = P[starts].copy(), err[starts].copy()
    lo = np.array([a for a, _ in bx])
    hi = np.array([b for _, b in bx])
    step = np.tile((hi - lo) / np.maximum(np.array(sizes, dtype=float) - 1.0, 1.0), (len(starts), 1))
    moves = np.vstack([np.eye(d), -np.eye(d)])  # (2d, d)
    calls = 0
    for _ in range(_CLIMB_STEPS):
        trial = np.clip(cur[:, None, :] + moves[None, :, :] * step[:, None, :], lo, hi).reshape(-1, d)
        vals = _values_at(f, trial)
        calls += trial.shape[0]
        e = np.abs(ct(trial) - vals).reshape(len(starts), 2 * d)
        best = np.argmax(e, axis=1)
        up = e[np.arange(len(starts)), best] > cur_err
        cur[up] = trial.reshape(len(starts), 2 * d, d)[up, best[up]]
        cur_err[up] = e[up, best[up]]
        step[~up] *= 0.5
    return float(np.max(cur_err)), calls


def _values_at(f, P: np.ndarray) -> np.ndarray:
    """f at scattered points, called as f(x, y, ...) with 1-D coordinate arrays (finite, real)."""
    raw = f(*P.T)
    if np.iscomplexobj(raw):
        raise InvalidTypeError("f returned complex values; represent the real and imaginary parts separately")
    v = np.broadcast_to(np.asarray(raw, dtype=float), (P.shape[0],))
    if not np.all(np.isfinite(v)):
        raise InvalidArgumentError("f returned NaN or infinite values at check points between the grid points "
                                   "(a singularity inside the box?)")
    return v


def _rebuild(core, factors, box, report):
    """Unpickling: rebuild through the constructor (the instance is immutable, so no __setstate__)."""
    return ChebyshevTucker(core, factors, box, report=report)


class ChebyshevTucker:
    """A function on a box in Chebyshev--Tucker form: orthonormal Chebyshev factor series and a core.

    Floating-point; accuracy is reported, not assumed: ``.report`` keeps the
    interpolation error estimate and the truncation bound separately, and
    :meth:`pointwise_error` measures the error against the function at random
    points.

    Build with :meth:`from_function`, :meth:`from_cp` or :meth:`from_coefficients`.

    Attributes
    ----------
    box : tuple of (a, b)
    core : numpy.ndarray, shape ``ranks``
    factors : tuple of numpy.ndarray, shapes (degree_k + 1, rank_k)
        Chebyshev coefficients (T_j basis on [a_k, b_k]) of the factor functions,
        orthonormal columns.
    report : ChebyshevTuckerReport

    Notes
    -----
    See the module docstring for the construction and its reference.

    Examples
    --------
    >>> f = lambda x, y, z: 1.0 / (1.0 + x**2 + y**2 + z**2)
    >>> ct = ChebyshevTucker.from_function(f, [(-1, 1)] * 3, tol=1e-10)
    >>> ct.ranks, ct.report.resolved_estimate     # the paper's Frobenius rule alone gives 7; max-norm 1e-10 needs 8
    ((8, 8, 8), True)
    >>> round(ct.integrate(), 12)          # Chebfun: 4.28685406230184188...
    4.286854062302
    >>> float(abs(ct([[0.1, 0.2, 0.3]])[0] - f(0.1, 0.2, 0.3))) < 1e-10
    True
    """

    __slots__ = ("box", "core", "factors", "report")

    def __init__(self, core: ArrayLike, factors: Sequence[ArrayLike], box: BoxLike, *,
                 report: ChebyshevTuckerReport | None = None) -> None:
        bx = as_box(box)
        T = TuckerTensor(core, factors, orthonormal=True)
        if T.ndim != len(bx):
            raise InvalidArgumentError(f"box has {len(bx)} pairs but the tensor has {T.ndim} modes")
        object.__setattr__(self, "box", bx)
        object.__setattr__(self, "core", T.core)
        object.__setattr__(self, "factors", T.factors)
        if report is None:
            report = ChebyshevTuckerReport(T.ranks, tuple(U.shape[0] - 1 for U in T.factors), (0,) * T.ndim,
                                           float("nan"), False, float("nan"), float("nan"), 0.0, float("nan"), 0,
                                           (), 0, 0.0, 0.0)
        object.__setattr__(self, "report", report)

    def __setattr__(self, name, value):
        raise AttributeError("ChebyshevTucker is immutable")

    def __reduce__(self):
        """Pickle and deep-copy through the constructor (immutable: no state is set after creation)."""
        return (_rebuild, (self.core, self.factors, self.box, self.report))

    def __eq__(self, other):
        """Value equality of the representation: same box, core, factor coefficients and report.

        Examples
        --------
        >>> import copy
        >>> ct = ChebyshevTucker.from_function(lambda x, y: x * y, [(-1, 1)] * 2, tol=1e-12)
        >>> ct == copy.deepcopy(ct)
        True
        """
        if not isinstance(other, ChebyshevTucker):
            return NotImplemented
        return (self.box == other.box and values_equal(self.core, other.core)
                and values_equal(self.factors, other.factors) and self.report == other.report)

    __hash__ = None

    # ------------------------------------------------------------ properties

    @property
    def ranks(self) -> tuple:
        """Tucker ranks per mode."""
        return tuple(self.core.shape)

    @property
    def degrees(self) -> tuple:
        """Polynomial degree of the factor series per mode."""
        return tuple(U.shape[0] - 1 for U in self.factors)

    @property
    def ndim(self) -> int:
        return len(self.box)

    @property
    def tucker(self) -> TuckerTensor:
        """The coefficient tensor as a :class:`~spectral.tucker.TuckerTensor` (orthonormal factors)."""
        return TuckerTensor(self.core, self.factors, orthonormal=True, check=False)

    def coefficients(self) -> np.ndarray:
        """Dense tensor of Chebyshev coefficients, shape ``degrees + 1`` (for inspection of small cases).

        Examples
        --------
        >>> ct = ChebyshevTucker.from_function(lambda x, y: x * y, [(-1, 1)] * 2, tol=1e-12)
        >>> ct.coefficients().round(12)[:2, :2] + 0.0
        array([[0., 0.],
               [0., 1.]])
        """
        return self.tucker.full()

    def __repr__(self) -> str:
        return f"ChebyshevTucker(box={self.box}, ranks={self.ranks}, degrees={self.degrees})"

    # ------------------------------------------------------------ constructors

    @classmethod
    def from_coefficients(cls, coefficients: ArrayLike, box: BoxLike, *, tol: float) -> "ChebyshevTucker":
        """Compress a tensor of Chebyshev coefficients (T_j basis on ``box``) by truncated HOSVD.

        Relative Frobenius truncation error <= ``tol`` (rank rule of :mod:`spectral.tucker`),
        reported as ``report.truncation_bound``.  With no function to check against,
        ``report.error_estimate`` is the larger of the coefficient tail and the
        proved max-norm change of the truncation (sum of the discarded |coefficients|,
        relative to the sum of all |coefficients|, a lower bound on nothing: an estimate).

        Examples
        --------
        >>> C = np.zeros((3, 3, 3)); C[0, 0, 0] = 1.0; C[2, 1, 0] = 0.5
        >>> ChebyshevTucker.from_coefficients(C, [(0, 1)] * 3, tol=1e-12).ranks
        (2, 2, 1)
        """
        t0 = time.perf_counter()
        C = as_real_array(coefficients, "coefficients")
        bx = as_box(box, C.ndim)
        tol = _check_tol(tol)
        ct, tail, trunc_max = cls._compress(C, bx, tol, sequential=False)
        scale = float(np.sum(np.abs(C))) or 1.0  # max|f| <= sum|C|; an estimate scale only
        estimate = max(tail, trunc_max / scale)
        rep = ChebyshevTuckerReport(
            ranks=ct.ranks, degrees=ct.degrees, sample_sizes=(0,) * C.ndim, error_estimate=estimate,
            resolved_estimate=estimate <= tol, tol=tol, coefficient_tail=tail,
            truncation_bound=ct.report.truncation_bound, value_scale=float("nan"), check_points=0,
            singular_values=ct.report.singular_values, evaluations=0,
            sampling_time=0.0, build_time=time.perf_counter() - t0)
        return cls(ct.core, ct.factors, bx, report=rep)

    @classmethod
    def _compress(cls, C: np.ndarray, bx, tol: float, *, sequential: bool):
        """Chop and HOSVD-compress C; return the (provisional) object, the coefficient tail and sum|C - C_r|."""
        d = C.ndim
        norm = float(np.linalg.norm(C))
        tails = _tail_estimate(C)
        Cc, dropped = _chop_tensor(C, _CHOP_FRACTION * tol * norm / np.sqrt(d))
        T = hosvd(Cc, tol=tol, sequential=sequential)
        bound = T.report.error_bound + sum(dropped)
        # proved max-norm effect of chopping and truncation: |sum dC T_i T_j T_k| <= sum |dC|
        full = np.zeros_like(C)
        full[tuple(slice(0, m) for m in Cc.shape)] = T.full()
        trunc_max = float(np.sum(np.abs(C - full)))
        rep = ChebyshevTuckerReport(T.ranks, tuple(U.shape[0] - 1 for U in T.factors), (0,) * d, float("nan"),
                                    False, tol, float(max(tails)), bound / norm if norm > 0 else 0.0, float("nan"), 0,
                                    T.report.singular_values, 0, 0.0, 0.0)
        return cls(T.core, T.factors, bx, report=rep), float(max(tails)), trunc_max

    @classmethod
    def from_function(cls, f: Callable, box: BoxLike, *, tol: float, degree: int | Sequence[int] | None = None,
                      max_degree: int = 256, sequential: bool = False, check_points: int = 4096,
                      rng: RngLike = 0) -> "ChebyshevTucker":
        """Interpolate a vectorised function on a box and compress its coefficient tensor.

        Floating point; accuracy target ``tol`` relative to max|f|.  The degree
        search stops when each mode's coefficient tail is below ``tol``; the
        coefficient tensor is compressed with a proved relative Frobenius bound
        ``tol`` (``report.truncation_bound``; the rank rule of Benner et al.); then
        the finished representation is compared with f at points never sampled,
        giving ``report.error_estimate``, an **estimate** of the relative max-norm
        error (see :class:`ChebyshevTuckerReport`).  When that check fails, the
        same samples are compressed more finely while the proved max-norm effect
        of the truncation is a real share of the error, and otherwise (adaptive
        degree only) every mode's degree is doubled, up to ``max_degree``.

        Parameters
        ----------
        f : callable
            ``f(x, y, z)`` (d coordinate arrays that broadcast to the grid) returning
            real values; called on an open mesh, once per refinement, and once on
            1-D coordinate arrays of the check points.
        box : sequence of (a, b)
            One pair per dimension; d = len(box).
        tol : float, keyword-only
            At least 16 eps.
        degree : int or sequence of int, optional, keyword-only
            Fixed degree per mode (m = degree + 1 Lobatto points; powers of two are
            fastest).  When omitted, each mode starts at degree 16 and doubles
            until its coefficient tail is below ``tol``.
        max_degree : int, keyword-only
            Limit of the adaptive search (default 256); grids above 2**27 points are refused.
        sequential : bool, keyword-only
            Use the sequentially truncated HOSVD (faster, ranks never larger).
        check_points : int, keyword-only
            Random check points (>= 0), on top of the cell midpoints around hot spots.
        rng : None, int or numpy.random.Generator, keyword-only
            Source of the random check points (seeded by default).

        Returns
        -------
        ChebyshevTucker

        Raises
        ------
        ConvergenceError
            Adaptive degree search ended (``max_degree``) with the error estimate
            above ``tol`` (``.partial`` holds the representation, ``.diagnostics`` the
            per-mode tails and the estimate).  A fixed ``degree`` gives a
            :class:`~spectral.chebyshev.PoorResolutionWarning` instead, with
            ``report.resolved_estimate`` false.
        InvalidArgumentError
            f is not finite on the grid or at a check point, tol < 16 eps, or the grid is too large.

        Examples
        --------
        >>> ct = ChebyshevTucker.from_function(lambda x, y, z: np.exp(x + 2 * y - z), [(0, 1)] * 3, tol=1e-12)
        >>> ct.ranks
        (1, 1, 1)
        >>> ct.degrees[1] > ct.degrees[0]
        True
        """
        if not callable(f):
            raise InvalidTypeError("f must be callable")
        bx = as_box(box)
        d = len(bx)
        tol = _check_tol(tol)
        max_degree = as_int(max_degree, "max_degree")
        if max_degree < 1:
            raise InvalidArgumentError(f"max_degree={max_degree} must be >= 1")
        check_points = check_count(check_points)
        if check_points < 0:
            raise InvalidArgumentError(f"check_points={check_points} must be >= 0")
        g = as_rng(rng)
        adaptive = degree is None
        sizes = [min(17, max_degree + 1)] * d if adaptive else _fixed_sizes(degree, d)
        evaluations, sampling, building = 0, 0.0, 0.0
        grid = None
        trunc_tol = tol
        while True:
            if grid is None:
                grid = _sample_until_resolved(f, bx, sizes, tol=tol, max_degree=max_degree, adaptive=adaptive)
                sizes, tails = grid.sizes, grid.tails
                evaluations += grid.evaluations
                sampling += grid.sampling_time
                building += grid.build_time
                P = _check_points(bx, sizes, _hot_spots(grid.values), check_points, g)
                t1 = time.perf_counter()
                exact = _values_at(f, P)
                sampling += time.perf_counter() - t1
                evaluations += int(P.shape[0])
                scale = max(float(np.max(np.abs(grid.values))), float(np.max(np.abs(exact)))) or 1.0
            t0 = time.perf_counter()
            ct, tail, trunc_max = cls._compress(grid.coefficients, bx, trunc_tol, sequential=sequential)
            climbed, calls = _climb_error(ct, f, P, exact, bx, sizes) if check_points else (0.0, 0)
            evaluations += calls
            # safety factors: 2 on what fixed check points saw, less on a searched local maximum
            estimate = max(2.0 * _observed_error(ct, P, exact) / scale, _CLIMB_SAFETY * climbed / scale, tail)
            building += time.perf_counter() - t0
            if estimate <= tol:
                break
            # The check failed.  If the (proved) max-norm effect of the truncation is a real share of
            # the error, compress the same samples more finely; otherwise refine the degrees.
            if trunc_max / scale > 0.25 * tol and trunc_tol > MIN_TOL:
                trunc_tol = max(trunc_tol / 10.0, MIN_TOL)
                continue
            grow = [k for k in range(d) if 2 * (sizes[k] - 1) <= max_degree]
            trial = [2 * (m - 1) + 1 if k in grow else m for k, m in enumerate(sizes)]
            if not adaptive or not grow or int(np.prod(trial, dtype=object)) > MAX_GRID_SAMPLES:
                break
            sizes, grid = trial, None
        rep = ChebyshevTuckerReport(
            ranks=ct.ranks, degrees=ct.degrees, sample_sizes=tuple(sizes), error_estimate=estimate,
            resolved_estimate=estimate <= tol, tol=tol, coefficient_tail=tail,
            truncation_bound=ct.report.truncation_bound, value_scale=scale, check_points=int(P.shape[0]),
            singular_values=ct.report.singular_values,
            evaluations=evaluations, sampling_time=sampling, build_time=building)
        out = cls(ct.core, ct.factors, bx, report=rep)
        if not rep.resolved_estimate:
            msg = (f"f is poorly resolved at degrees {tuple(m - 1 for m in sizes)}: estimated relative error "
                   f"{estimate:.2e} (coefficient tail {tail:.2e}) > tol {tol:.2e} (singular or non-smooth f?)")
            if adaptive:
                raise ConvergenceError(msg, partial=out, diagnostics={"tails": tails, "sample_sizes": tuple(sizes),
                                                                      "error_estimate": estimate})
            warnings.warn(msg, PoorResolutionWarning, stacklevel=2)
        return out

    @classmethod
    def from_cp(cls, factor_functions: Sequence[Callable], box: BoxLike, *, tol: float,
                weights: ArrayLike | None = None, degree: int | Sequence[int] = 128, check_points: int = 2048,
                rng: RngLike = 0) -> "ChebyshevTucker":
        """Build from canonical (separable) input ``f = sum_r w_r g^1_r(x_1) ... g^d_r(x_d)`` without an m^d grid.

        Each ``factor_functions[k](x)`` takes a 1-D array of points and returns an
        array of shape ``(len(x), R)`` (column r = g^k_r).  The side matrices are
        sampled at ``degree + 1`` Lobatto points, transformed to coefficients and
        compressed by the reduced HOSVD (:func:`spectral.tucker.rhosvd`), so the cost
        is O(d m R r) instead of O(m^d).  The error estimate compares the result
        with the canonical sum at random points (``check_points``, reduced so that
        the check costs at most about 2e7 factor products), relative to the largest |f| seen.

        Examples
        --------
        >>> gauss = lambda c: (lambda x: np.exp(-np.subtract.outer(x, c) ** 2))
        >>> centres = np.array([-0.5, 0.0, 0.5])
        >>> ct = ChebyshevTucker.from_cp([gauss(centres)] * 3, [(-1, 1)] * 3, tol=1e-10, degree=32)
        >>> x = np.array([[0.1, 0.2, -0.3]])
        >>> exact = np.sum(np.exp(-((x[0][:, None] - centres) ** 2).sum(axis=0)))
        >>> float(abs(ct(x)[0] - exact)) < 1e-9, ct.report.resolved_estimate
        (True, True)
        """
        bx = as_box(box)
        d = len(bx)
        tol = _check_tol(tol)
        check_points = check_count(check_points)
        if check_points < 0:
            raise InvalidArgumentError(f"check_points={check_points} must be >= 0")
        g = as_rng(rng)
        if len(factor_functions) != d or not all(callable(fn) for fn in factor_functions):
            raise InvalidArgumentError(f"factor_functions must be {d} callables, one per box dimension")
        degs = (degree,) * d if np.ndim(degree) == 0 else tuple(degree)
        if len(degs) != d:
            raise InvalidArgumentError(f"degree has {len(degs)} entries but box has {d} pairs")
        sizes = [as_int(dg, "degree") + 1 for dg in degs]
        if any(m < 2 or m > MAX_POINTS for m in sizes):
            raise InvalidArgumentError(f"degree={degree!r}: every degree must be in [1, {MAX_POINTS - 1}]")
        t_start = time.perf_counter()
        sides = _sample_side_matrices(factor_functions, bx, sizes)
        mats, sampling, evaluations = sides.coefficients, sides.sampling_time, sides.evaluations
        w = np.ones(sides.rank) if weights is None else as_real_array(weights, "weights", ndim=1)
        if w.shape[0] != sides.rank:
            raise InvalidArgumentError(f"weights has {w.shape[0]} entries but the factor functions have "
                                       f"{sides.rank} columns")
        tails = _cp_interpolation_tails(mats, w)
        T = rhosvd(mats, w, tol=tol)
        norm = T.norm()
        core, factors, dropped = _trim_tucker(T.core, list(T.factors), _CHOP_FRACTION * tol * norm / np.sqrt(d))
        rep = T.report
        bound = rep.error_bound + sum(dropped)
        tail = max(tails)
        provisional = cls(core, factors, bx)
        n_check = min(check_points, max(64, int(2e7 // max(1, sides.rank * d))))
        # random points, and cell midpoints around the nodes where the sum peaks (hot spots)
        P = _cp_check_points(bx, sizes, _cp_hot_nodes(sides.values, w), n_check, g) if check_points else \
            np.empty((0, d))
        n_check = int(P.shape[0])
        t1 = time.perf_counter()
        exact = np.ones((n_check, sides.rank))
        for k, fn in enumerate(factor_functions):
            exact *= np.asarray(fn(P[:, k]), dtype=float).reshape(n_check, -1)
        exact = exact @ w
        sampling += time.perf_counter() - t1
        scale = max(float(np.max(np.abs(exact))) if n_check else 0.0, 0.0) or 1.0
        estimate = max(2.0 * _observed_error(provisional, P, exact) / scale, tail)
        total = time.perf_counter() - t_start
        report = ChebyshevTuckerReport(
            ranks=tuple(core.shape), degrees=tuple(U.shape[0] - 1 for U in factors), sample_sizes=tuple(sizes),
            error_estimate=estimate, resolved_estimate=estimate <= tol, tol=tol, coefficient_tail=tail,
            truncation_bound=bound / rep.norm if rep.norm > 0 else 0.0, value_scale=scale, check_points=n_check,
            singular_values=rep.singular_values, evaluations=evaluations + n_check * sides.rank * d,
            sampling_time=sampling, build_time=total - sampling)
        out = cls(core, factors, bx, report=report)
        if not report.resolved_estimate:
            warnings.warn(f"CP input poorly resolved at degrees {tuple(degs)}: estimated relative error "
                          f"{estimate:.2e} (coefficient tail {tail:.2e}) > tol {tol:.2e}", PoorResolutionWarning,
                          stacklevel=2)
        return out

    # ------------------------------------------------------------ evaluation

    def _factor_values(self, k: int, x: np.ndarray) -> np.ndarray:
        """Factor functions of mode k at points x, as an array (rank_k, len(x))."""
        U = self.factors[k]
        return U.T @ chebyshev_vandermonde(to_reference_interval(x, self.box[k]), U.shape[0]).T

    def __call__(self, points: ArrayLike) -> np.ndarray:
        """Evaluate at scattered points (mesh-free).

        Cost per point: one Chebyshev recurrence and a small matrix product per
        mode, then one contraction with the core (O(sum_k n_k r_k + r_1 ... r_d)).

        Parameters
        ----------
        points : array_like, shape (N, d)
            Points inside the box (a relative slack of 1e-12 is allowed).

        Returns
        -------
        numpy.ndarray, shape (N,)

        Examples
        --------
        >>> ct = ChebyshevTucker.from_function(lambda x, y, z: x * y + z, [(0, 2)] * 3, tol=1e-12)
        >>> ct([[1.0, 2.0, 0.5], [0.0, 0.0, 0.0]]).round(12) + 0.0
        array([2.5, 0. ])
        """
        P = as_real_array(points, "points", ndim=2, last_dim=self.ndim)
        for k, (a, b) in enumerate(self.box):
            slack = 1e-12 * (b - a)
            if P.shape[0] and (P[:, k].min() < a - slack or P[:, k].max() > b + slack):
                raise InvalidArgumentError(f"points[:, {k}] leaves the box interval [{a}, {b}] "
                                           "(Chebyshev series are not extrapolated)")
        N = P.shape[0]
        out = np.empty(N)
        ranks = self.ranks
        chunk = 2048  # keeps the (r2 r3, chunk) intermediate in cache
        Gt = np.ascontiguousarray(self.core.reshape(ranks[0], -1).T)  # (r2...rd, r1)
        PT = np.ascontiguousarray(P.T)
        for s in range(0, N, chunk):
            p = PT[:, s:s + chunk]
            W = Gt @ self._factor_values(0, p[0])  # (r2...rd, n)
            if self.ndim == 3:
                B = np.ascontiguousarray(self._factor_values(1, p[1]))
                Cm = np.ascontiguousarray(self._factor_values(2, p[2]))
                _k.tucker3_contract_columns(W, B, Cm, out[s:s + chunk])
                continue
            W = W.reshape(ranks[1:] + (p.shape[1],))
            for k in range(1, self.ndim):
                W = np.einsum("k...n,kn->...n", W, self._factor_values(k, p[k]))
            out[s:s + chunk] = W
        return out

    def on_grid(self, *grids: ArrayLike) -> TuckerTensor:

        """Values on a tensor grid ``grids[0] x grids[1] x ...`` as an algebraic Tucker tensor.

        The factors are the factor functions evaluated on each 1-D grid (not
        orthonormal); call ``.full()`` for the dense values.

        Examples
        --------
        >>> ct = ChebyshevTucker.from_function(lambda x, y, z: x + y * z, [(-1, 1)] * 3, tol=1e-12)
        >>> g = np.linspace(-1, 1, 5)
        >>> T = ct.on_grid(g, g, g)
        >>> T.shape, bool(np.allclose(T.full(), g[:, None, None] + np.multiply.outer(g, g)[None]))
        ((5, 5, 5), True)
        """
        if len(grids) != self.ndim:
            raise InvalidArgumentError(f"give {self.ndim} one-dimensional grids, got {len(grids)}")
        factors = []
        for k, g in enumerate(grids):
            g = as_float_array(g, f"grids[{k}]", ndim=1)
            factors.append(chebyshev_evaluate(self.factors[k], g, domain=self.box[k]))
        return TuckerTensor(self.core, factors, check=False)

    def derivative(self, axis: int) -> "ChebyshevTucker":
        """The partial derivative along ``axis`` in the same format (mesh-free gradients).

        The factor series of that mode is differentiated exactly (coefficient
        recurrence) and re-orthonormalised by a QR, R going into the core; ranks do
        not grow.  Its report carries no error estimate (NaN): differentiation
        amplifies the interpolation error by up to about degree^2 / (b - a).

        Examples
        --------
        >>> ct = ChebyshevTucker.from_function(lambda x, y, z: x**2 * y + z, [(-1, 1)] * 3, tol=1e-12)
        >>> dx = ct.derivative(0)
        >>> float(dx([[0.5, 2.0 / 3.0, 0.1]])[0].round(12))       # 2 x y
        0.666666666667
        """
        axis = as_int(axis, "axis")
        if not 0 <= axis < self.ndim:
            raise InvalidArgumentError(f"axis={axis} must be in [0, {self.ndim})")
        U = self.factors[axis]
        dU = chebyshev_derivative(U, domain=self.box[axis])
        Q, R = scipy.linalg.qr(dU, mode="economic", check_finite=False)
        factors = list(self.factors)
        factors[axis] = Q
        return ChebyshevTucker(mode_product(self.core, R, axis), factors, self.box)

    def integrate(self) -> float:
        """Integral over the box (tensor-product Clenshaw--Curtis on the Tucker form).

        Examples
        --------
        >>> ChebyshevTucker.from_function(lambda x, y, z: x * x + 0 * y * z, [(0, 1)] * 3, tol=1e-12).integrate()
        0.333...
        """
        out = self.core
        for k in range(self.ndim - 1, -1, -1):
            a, b = self.box[k]
            U = self.factors[k]
            v = (integral_moments(U.shape[0]) @ U) * (0.5 * (b - a))
            out = np.tensordot(out, v, axes=(k, 0))
        return float(out)

    def norm(self) -> float:
        """Frobenius norm of the coefficient tensor (= ``||core||``, factors being orthonormal).

        Examples
        --------
        >>> ct = ChebyshevTucker.from_function(lambda x, y, z: 2 + 0 * x * y * z, [(0, 1)] * 3, tol=1e-12)
        >>> round(ct.norm(), 12)
        2.0
        """
        return float(np.linalg.norm(self.core))

    def pointwise_error(self, f: Callable, *, n_points: int = 2000, rng: RngLike = None) -> PointwiseError:
        """Measure the error against ``f`` at uniformly random points in the box.

        Examples
        --------
        >>> f = lambda x, y, z: np.cos(x + y * z)
        >>> ct = ChebyshevTucker.from_function(f, [(-1, 1)] * 3, tol=1e-10)
        >>> ct.pointwise_error(f, rng=0).max_rel < 1e-9
        True
        """
        n_points = as_int(n_points, "n_points")
        g = as_rng(rng)
        lo = np.array([a for a, _ in self.box])
        hi = np.array([b for _, b in self.box])
        P = lo + (hi - lo) * g.random((n_points, self.ndim))
        exact = np.asarray(f(*P.T), dtype=float)
        err = np.abs(self(P) - exact)
        scale = float(np.max(np.abs(exact))) or 1.0
        return PointwiseError(float(err.max()), float(err.max()) / scale, float(np.sqrt(np.mean(err**2))), n_points)

    # ------------------------------------------------------------ algebra

    def _same_box(self, other: "ChebyshevTucker") -> None:
        if not np.allclose(np.array(self.box), np.array(other.box), rtol=1e-14, atol=0):
            raise InvalidArgumentError(f"cannot combine representations on different boxes {self.box} and "
                                       f"{other.box}")

    def _sum_report(self, other: "ChebyshevTucker", S: TuckerTensor, n: list) -> "ChebyshevTuckerReport":
        """Report of an exact sum: absolute error estimates add; the scale is a lower bound of max|sum|.

        max|a + b| is bounded below by the largest |a + b| at 1024 seeded random points,
        so the relative estimate (sum of absolute estimates over that) can only be pessimistic.
        """
        ra, rb = self.report, other.report
        out = ChebyshevTucker(S.core, S.factors, self.box)
        lo = np.array([a for a, _ in self.box])
        hi = np.array([b for _, b in self.box])
        P = lo + (hi - lo) * np.random.default_rng(0).random((1024, self.ndim))
        scale = float(np.max(np.abs(out(P))))
        abs_err = ra.error_estimate * ra.value_scale + rb.error_estimate * rb.value_scale
        estimate = abs_err / scale if scale > 0 else (0.0 if abs_err == 0 else float("inf"))
        na, nb, ns = self.norm(), other.norm(), float(np.linalg.norm(S.core))
        trunc = (ra.truncation_bound * na + rb.truncation_bound * nb) / ns if ns > 0 else 0.0
        return ChebyshevTuckerReport(
            ranks=S.ranks, degrees=tuple(m - 1 for m in n),
            sample_sizes=tuple(max(p, q) for p, q in zip(ra.sample_sizes, rb.sample_sizes)),
            error_estimate=estimate, resolved_estimate=bool(estimate <= max(ra.tol, rb.tol)),
            tol=max(ra.tol, rb.tol),
            coefficient_tail=max(ra.coefficient_tail, rb.coefficient_tail), truncation_bound=trunc,
            value_scale=scale, check_points=ra.check_points + rb.check_points, singular_values=(),
            evaluations=ra.evaluations + rb.evaluations, sampling_time=ra.sampling_time + rb.sampling_time,
            build_time=ra.build_time + rb.build_time)

    def __add__(self, other: "ChebyshevTucker") -> "ChebyshevTucker":
        """Exact sum (ranks add; factors re-orthonormalised); follow with :meth:`recompress`.

        The error estimate of the sum adds the absolute estimates of the terms.

        Examples
        --------
        >>> box = [(-1, 1)] * 3
        >>> a = ChebyshevTucker.from_function(lambda x, y, z: x + y + z, box, tol=1e-12)
        >>> b = ChebyshevTucker.from_function(lambda x, y, z: x * y * z, box, tol=1e-12)
        >>> s = a + b
        >>> s.recompress(1e-12).ranks, abs(s.integrate() - a.integrate() - b.integrate()) < 1e-14
        ((2, 2, 2), True)
        """
        if not isinstance(other, ChebyshevTucker):
            return NotImplemented
        self._same_box(other)
        n = [max(U.shape[0], V.shape[0]) for U, V in zip(self.factors, other.factors)]

        def padded(T: "ChebyshevTucker") -> TuckerTensor:
            fs = [np.vstack([U, np.zeros((m - U.shape[0], U.shape[1]))]) for U, m in zip(T.factors, n)]
            return TuckerTensor(T.core, fs, orthonormal=True, check=False)

        S = padded(self) + padded(other)
        return ChebyshevTucker(S.core, S.factors, self.box, report=self._sum_report(other, S, n))

    def __neg__(self) -> "ChebyshevTucker":
        return ChebyshevTucker(-self.core, self.factors, self.box, report=self.report)

    def __sub__(self, other: "ChebyshevTucker") -> "ChebyshevTucker":
        if not isinstance(other, ChebyshevTucker):
            return NotImplemented
        return self + (-other)

    def __mul__(self, scalar: float) -> "ChebyshevTucker":
        """Multiply by a real scalar (scales the core and the value scale; relative errors unchanged).

        Examples
        --------
        >>> ct = ChebyshevTucker.from_function(lambda x, y, z: x + 0 * y * z, [(0, 1)] * 3, tol=1e-12)
        >>> round((2.5 * ct).integrate(), 12)
        1.25
        """
        if isinstance(scalar, (bool, np.bool_)) or not np.isscalar(scalar) or not np.isreal(scalar):
            return NotImplemented
        s = float(scalar)
        if not np.isfinite(s):
            raise InvalidArgumentError(f"scalar={scalar!r} must be finite")
        r = self.report
        rep = dataclasses.replace(r, value_scale=abs(s) * r.value_scale)
        return ChebyshevTucker(s * self.core, self.factors, self.box, report=rep)

    __rmul__ = __mul__

    def recompress(self, tol: float) -> "ChebyshevTucker":
        """Truncate the core to relative Frobenius accuracy ``tol`` (HOSVD of the core).

        The added Frobenius bound goes into ``truncation_bound``; its proved max-norm
        effect (sum of the discarded |coefficients|, computed densely up to 2**23
        coefficients, else bounded by sqrt(#coefficients) times the Frobenius norm)
        is added to ``error_estimate``.

        Examples
        --------
        >>> ct = ChebyshevTucker.from_function(lambda x, y, z: np.sin(x + y + z), [(-1, 1)] * 3, tol=1e-12)
        >>> s = (ct + ct).recompress(1e-12)
        >>> s.ranks == ct.ranks, abs(s.integrate() - 2 * ct.integrate()) < 1e-12
        (True, True)
        """
        tol = _check_tol(tol)
        T = self.tucker.recompress(tol)
        norm = T.report.norm
        core, factors, dropped = _trim_tucker(T.core, list(T.factors), _CHOP_FRACTION * tol * norm / np.sqrt(self.ndim))
        r = self.report
        added_fro = T.report.error_bound + sum(dropped)
        added = added_fro / norm if norm > 0 else 0.0
        shape = tuple(U.shape[0] for U in self.factors)
        if int(np.prod(shape)) <= 2**23:
            new = TuckerTensor(core, [np.vstack([U, np.zeros((m - U.shape[0], U.shape[1]))])
                                      for U, m in zip(factors, shape)], check=False)
            added_max = float(np.sum(np.abs(self.tucker.full() - new.full())))
        else:
            added_max = float(np.sqrt(float(np.prod(shape)))) * added_fro
        scale = r.value_scale if r.value_scale > 0 else float("nan")
        estimate = r.error_estimate + added_max / scale
        rep = ChebyshevTuckerReport(
            ranks=tuple(core.shape), degrees=tuple(U.shape[0] - 1 for U in factors), sample_sizes=r.sample_sizes,
            error_estimate=estimate, resolved_estimate=bool(estimate <= max(r.tol, tol)), tol=max(r.tol, tol),
            coefficient_tail=r.coefficient_tail,
            truncation_bound=r.truncation_bound + added, value_scale=r.value_scale, check_points=r.check_points,
            singular_values=T.report.singular_values, evaluations=r.evaluations, sampling_time=r.sampling_time,
            build_time=r.build_time)
        return ChebyshevTucker(core, factors, self.box, report=rep)


# every public entry point refuses bad input with mathref.errors (issue 17 section 4)
guard_module(globals())
