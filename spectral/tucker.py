"""Tucker decompositions: truncated HOSVD, HOOI refinement, CP-to-Tucker and reduced HOSVD.

Floating-point.  A truncated HOSVD with relative tolerance ``tol`` guarantees
``||A - A_r||_F <= tol * ||A||_F`` (up to rounding of order eps ||A||), by the
rank rule below; no rank search is needed by the caller.  Singular values of
the unfoldings come from orthogonal factorisations only (a QR of the long side
followed by an SVD of the small triangle, :mod:`scipy.linalg`), never from the
Gram matrix ``A A^T`` whose eigenvalues lose everything below
``sqrt(eps) * sigma_1``.

Notes
-----
**Rank rule.** For a d-mode tensor, mode k keeps the smallest rank r_k with
``sqrt(sum_{j >= r_k} sigma_{k,j}^2) <= tol * ||A||_F / sqrt(d)``, where sigma_{k,j}
are the singular values of the mode-k unfolding.  Since the squared error of a
truncated HOSVD is at most the sum over modes of the squared discarded tails
(De Lathauwer, De Moor, Vandewalle, SIAM J. Matrix Anal. Appl. 21 (2000)), the
total relative error is at most ``tol``.  This is the rule of the reference
MATLAB code of Benner, Khoromskij, Khoromskaia and Sun (2025) for d = 3.

**Reduced HOSVD (RHOSVD)** for a canonical (CP) tensor ``sum_r w_r u_r^1 o ... o u_r^d``
takes the dominant left singular vectors of each side matrix ``U^k diag(|w|)``
(unit columns) instead of unfoldings, so the full tensor is never formed
(Khoromskij and Khoromskaia, Cent. Eur. J. Math. 7 (2009)).  Here it is used as
a first stage with a tolerance 100 times finer than requested, followed by an
exact HOSVD of the small core with the rank rule above, so ranks and error
bound are those of the HOSVD of the (projected) tensor.

Factor matrices are stored with orthonormal columns wherever an algorithm
produces them, so ``||A_r||_F = ||core||_F`` and the scale sits in the core.
"""

from __future__ import annotations

import numbers
import time
from dataclasses import dataclass, field
from typing import Sequence

import numpy as np
import scipy.linalg
from numpy.typing import ArrayLike

from mathref.equality import ArrayValueEquality, values_equal
from mathref.errors import InvalidArgumentError, InvalidTypeError
from mathref.validation import as_int, as_positive_float, check_fields

from .chebyshev import as_real_array as as_float_array  # refuses complex and None instead of dropping them
from .chebyshev import guard_module

RanksLike = int | Sequence[int] | None  # one rank for every mode, one per mode, or none (tol decides)

__all__ = [
    "TuckerTensor",
    "TruncationReport",
    "HOOIResult",
    "mode_product",
    "unfolding_singular_values",
    "truncation_rank",
    "hosvd",
    "hooi",
    "cp_to_tucker",
    "rhosvd",
    "tucker_reconstruct",
]


# ---------------------------------------------------------------- small tools


def mode_product(A: ArrayLike, M: ArrayLike, mode: int) -> np.ndarray:
    """Mode-``mode`` product ``A x_mode M``: contract axis ``mode`` of ``A`` with the columns of ``M``.

    The result has ``M.shape[0]`` entries along ``mode``.

    Examples
    --------
    >>> A = np.arange(6.0).reshape(2, 3)
    >>> mode_product(A, np.ones((1, 3)), 1)
    array([[ 3.],
           [12.]])
    """
    A = np.asarray(A, dtype=float)
    M = np.asarray(M, dtype=float)
    if M.ndim != 2 or not 0 <= mode < A.ndim or M.shape[1] != A.shape[mode]:
        raise InvalidArgumentError(f"mode_product: M of shape {M.shape} does not match axis {mode} of a tensor "
                                   f"of shape {A.shape}")
    out = np.tensordot(M, A, axes=(1, mode))  # new axis first
    return np.moveaxis(out, 0, mode)


def _unfold(A: np.ndarray, mode: int) -> np.ndarray:
    return np.moveaxis(A, mode, 0).reshape(A.shape[mode], -1)


def _left_singular(M: np.ndarray, *, need_vectors: bool = True):
    """Left singular vectors and values of M (n x p) by QR of M^T when p > n (no Gram matrix)."""
    n, p = M.shape
    if p > n:
        R = scipy.linalg.qr(M.T, mode="r", check_finite=False)[0][:n]
        M = R.T
    if need_vectors:
        U, s, _ = scipy.linalg.svd(M, full_matrices=False, check_finite=False, lapack_driver="gesdd")
        return U, s
    return None, scipy.linalg.svd(M, compute_uv=False, check_finite=False)


def unfolding_singular_values(A: ArrayLike, mode: int) -> np.ndarray:
    """Singular values of the mode-``mode`` unfolding of ``A`` (orthogonal factorisations only).

    Examples
    --------
    >>> A = np.zeros((2, 2, 2)); A[0, 0, 0] = 3.0; A[1, 1, 1] = 4.0
    >>> unfolding_singular_values(A, 0)
    array([4., 3.])
    """
    A = as_float_array(A, "A")
    if not 0 <= mode < A.ndim:
        raise InvalidArgumentError(f"mode={mode} must be in [0, {A.ndim})")
    return _left_singular(_unfold(A, mode), need_vectors=False)[1]


def truncation_rank(singular_values: ArrayLike, threshold: float) -> int:
    """Smallest r with ``sqrt(sum_{j >= r} s_j^2) <= threshold`` (singular values in decreasing order).

    Examples
    --------
    >>> truncation_rank([3.0, 2.0, 0.1, 0.01], 0.2)
    2
    >>> truncation_rank([1.0, 1.0], 0.0)
    2
    """
    s = as_float_array(singular_values, "singular_values", ndim=1)
    if isinstance(threshold, bool) or not isinstance(threshold, numbers.Real) or not float(threshold) >= 0.0:
        raise InvalidArgumentError(f"threshold={threshold!r} must be a real number >= 0")
    # tails[j] = sqrt(sum_{i >= j} s_i^2), accumulated from the small end to avoid cancellation
    tails = np.sqrt(np.cumsum((s * s)[::-1])[::-1])
    tails = np.append(tails, 0.0)
    ok = np.nonzero(tails <= threshold)[0]
    return int(ok[0])


# ---------------------------------------------------------------- Tucker tensor


@dataclass(frozen=True, eq=False)
class TruncationReport(ArrayValueEquality):
    """What a truncation did: ranks, per-mode singular values and discarded tails, error bound.

    Attributes
    ----------
    ranks : tuple of int
    singular_values : tuple of numpy.ndarray
        Singular values of each mode unfolding (of the tensor that was truncated).
    discarded : tuple of float
        Per mode, ``sqrt(sum of squared discarded singular values)``.
    norm : float
        Frobenius norm of the tensor that was truncated.
    error_bound : float
        ``sqrt(sum(discarded**2))``, a rigorous bound on the absolute Frobenius error.
    relative_error_bound : float
        ``error_bound / norm``.
    elapsed : float
        Seconds.

    Examples
    --------
    >>> rep = hosvd(np.ones((3, 3, 3)), tol=1e-12).report
    >>> rep.ranks, rep.error_bound < 1e-12
    ((1, 1, 1), True)
    """

    ranks: tuple
    singular_values: tuple
    discarded: tuple
    norm: float
    error_bound: float
    relative_error_bound: float
    elapsed: float

    def __post_init__(self) -> None:
        check_fields(self)  # a constructor given garbage raises at once


class TuckerTensor:
    """A tensor in Tucker form ``core x_1 U_1 x_2 U_2 ... x_d U_d``.

    Floating-point container.  When ``orthonormal`` is true the factor columns
    are orthonormal and ``norm() == ||core||_F`` exactly in exact arithmetic.

    Parameters
    ----------
    core : array_like, shape (r_1, ..., r_d)
    factors : sequence of array_like, shapes (n_k, r_k)
    orthonormal : bool, keyword-only
        Declare the factors orthonormal (checked to 1e-10 when ``check`` is true).
    report : TruncationReport, optional, keyword-only
        Attached by :func:`hosvd` and friends.

    Examples
    --------
    >>> T = TuckerTensor(np.ones((1, 1)), [np.ones((2, 1)), np.ones((3, 1))])
    >>> T.shape, T.ranks
    ((2, 3), (1, 1))
    >>> T.full()
    array([[1., 1., 1.],
           [1., 1., 1.]])
    """

    __slots__ = ("core", "factors", "orthonormal", "report")

    def __init__(self, core: ArrayLike, factors: Sequence[ArrayLike], *, orthonormal: bool = False,
                 report: TruncationReport | None = None, check: bool = True) -> None:
        core = as_float_array(core, "core")
        factors = [as_float_array(U, f"factors[{k}]", ndim=2) for k, U in enumerate(factors)]
        if core.ndim != len(factors):
            raise InvalidArgumentError(f"core has {core.ndim} modes but {len(factors)} factors were given")
        for k, U in enumerate(factors):
            if U.shape[1] != core.shape[k]:
                raise InvalidArgumentError(f"factors[{k}] has {U.shape[1]} columns but core axis {k} has "
                                           f"{core.shape[k]} entries")
        if orthonormal and check:
            for k, U in enumerate(factors):
                if U.shape[1] and np.max(np.abs(U.T @ U - np.eye(U.shape[1]))) > 1e-10:
                    raise InvalidArgumentError(f"factors[{k}] does not have orthonormal columns")
        object.__setattr__(self, "core", core)
        object.__setattr__(self, "factors", tuple(factors))
        object.__setattr__(self, "orthonormal", bool(orthonormal))
        object.__setattr__(self, "report", report)

    def __setattr__(self, name, value):
        raise AttributeError("TuckerTensor is immutable")

    def __reduce__(self):
        """Pickle and deep-copy through the constructor (immutable: no state is set after creation)."""
        return (_rebuild_tucker, (self.core, self.factors, self.orthonormal, self.report))

    def __eq__(self, other):
        """Equality of the representation (same core, factors, flag and report), not of the dense tensors.

        Examples
        --------
        >>> import copy, pickle
        >>> T = hosvd(np.arange(8.0).reshape(2, 2, 2), tol=1e-12)
        >>> T == copy.deepcopy(T) == pickle.loads(pickle.dumps(T))
        True
        """
        if not isinstance(other, TuckerTensor):
            return NotImplemented
        return (self.orthonormal == other.orthonormal and values_equal(self.core, other.core)
                and values_equal(self.factors, other.factors) and values_equal(self.report, other.report))

    __hash__ = None

    @property
    def shape(self) -> tuple:
        return tuple(U.shape[0] for U in self.factors)

    @property
    def ranks(self) -> tuple:
        return tuple(self.core.shape)

    @property
    def ndim(self) -> int:
        return len(self.factors)

    def __repr__(self) -> str:
        return f"TuckerTensor(shape={self.shape}, ranks={self.ranks}, orthonormal={self.orthonormal})"

    def full(self) -> np.ndarray:
        """The dense tensor (size prod(shape)).

        Examples
        --------
        >>> TuckerTensor(2 * np.ones((1,)), [np.ones((3, 1))]).full()
        array([2., 2., 2.])
        """
        out = self.core
        for k in np.argsort([U.shape[0] / max(1, U.shape[1]) for U in self.factors]):
            out = mode_product(out, self.factors[k], int(k))
        return out

    def norm(self) -> float:
        """Frobenius norm, from the core alone when the factors are orthonormal.

        Examples
        --------
        >>> TuckerTensor(np.ones((1, 1)), [np.ones((4, 1)), np.ones((1, 1))]).norm()
        2.0
        """
        if self.orthonormal:
            return float(np.linalg.norm(self.core))
        return float(np.linalg.norm(self.orthonormalized().core))

    def orthonormalized(self) -> "TuckerTensor":
        """The same tensor with orthonormal factors (QR of each factor, R moved into the core).

        Examples
        --------
        >>> T = TuckerTensor(np.ones((1, 1)), [np.full((4, 1), 2.0), np.ones((1, 1))]).orthonormalized()
        >>> T.orthonormal, float(abs(T.core[0, 0]))
        (True, 4.0)
        """
        if self.orthonormal:
            return self
        core = self.core
        factors = []
        for k, U in enumerate(self.factors):
            Q, R = scipy.linalg.qr(U, mode="economic", check_finite=False)
            core = mode_product(core, R, k)
            factors.append(Q)
        return TuckerTensor(core, factors, orthonormal=True, check=False)

    def _check_compatible(self, other: "TuckerTensor"):
        if not isinstance(other, TuckerTensor):
            return NotImplemented
        if other.shape != self.shape:
            raise InvalidArgumentError(f"cannot add Tucker tensors of shapes {self.shape} and {other.shape}")
        return None

    def __add__(self, other: "TuckerTensor") -> "TuckerTensor":
        """Exact sum: factors side by side, cores on the block diagonal, then re-orthonormalised.

        Ranks add; call :meth:`recompress` to truncate.

        Examples
        --------
        >>> T = TuckerTensor(np.ones((1, 1)), [np.ones((2, 1)), np.ones((2, 1))])
        >>> S = T + T
        >>> S.ranks, np.allclose(S.full(), 2 * T.full())
        ((2, 2), True)
        >>> S.recompress(1e-14).ranks
        (1, 1)
        """
        bad = self._check_compatible(other)
        if bad is NotImplemented:
            return NotImplemented
        r1, r2 = self.ranks, other.ranks
        core = np.zeros(tuple(a + b for a, b in zip(r1, r2)))
        core[tuple(slice(0, a) for a in r1)] = self.core
        core[tuple(slice(a, a + b) for a, b in zip(r1, r2))] = other.core
        factors = [np.hstack([U, V]) for U, V in zip(self.factors, other.factors)]
        out_core = core
        out_factors = []
        for k, U in enumerate(factors):
            Q, R = scipy.linalg.qr(U, mode="economic", check_finite=False)
            out_core = mode_product(out_core, R, k)
            out_factors.append(Q)
        return TuckerTensor(out_core, out_factors, orthonormal=True, check=False)

    def __neg__(self) -> "TuckerTensor":
        return TuckerTensor(-self.core, self.factors, orthonormal=self.orthonormal, check=False)

    def __sub__(self, other: "TuckerTensor") -> "TuckerTensor":
        if not isinstance(other, TuckerTensor):
            return NotImplemented
        return self + (-other)

    def __mul__(self, scalar: float) -> "TuckerTensor":
        """Scale by a real number (the core is scaled).

        Examples
        --------
        >>> (TuckerTensor(np.ones((1,)), [np.ones((2, 1))]) * 3).full()
        array([3., 3.])
        """
        if isinstance(scalar, (bool, np.bool_)) or not np.isscalar(scalar) or not np.isreal(scalar):
            return NotImplemented
        return TuckerTensor(float(scalar) * self.core, self.factors, orthonormal=self.orthonormal, check=False)

    __rmul__ = __mul__

    def recompress(self, tol: float | None = None, *, ranks: RanksLike = None) -> "TuckerTensor":
        """Truncate to relative Frobenius accuracy ``tol`` (rank rule of :func:`hosvd`) or to fixed ``ranks``.

        Works on the core only after orthonormalising the factors, so the cost is
        independent of the mode sizes beyond one QR per factor.

        Examples
        --------
        >>> rng = np.random.default_rng(0)
        >>> T = hosvd(rng.standard_normal((5, 5, 5)), ranks=(2, 2, 2))
        >>> (T + T).recompress(1e-12).ranks
        (2, 2, 2)
        """
        T = self.orthonormalized()
        inner = hosvd(T.core, tol=tol, ranks=ranks)
        factors = [Q @ U for Q, U in zip(T.factors, inner.factors)]
        return TuckerTensor(inner.core, factors, orthonormal=True, report=inner.report, check=False)


def _rebuild_tucker(core, factors, orthonormal, report):
    return TuckerTensor(core, factors, orthonormal=orthonormal, report=report, check=False)


def tucker_reconstruct(core: ArrayLike, factors: Sequence[ArrayLike]) -> np.ndarray:
    """Dense tensor ``core x_1 U_1 ... x_d U_d``.

    Examples
    --------
    >>> tucker_reconstruct(np.ones((1, 1)), [np.ones((2, 1)), np.full((1, 1), 3.0)])
    array([[3.],
           [3.]])
    """
    return TuckerTensor(core, factors).full()


# ---------------------------------------------------------------- HOSVD


def _resolve_ranks(ranks, ndim: int):
    if ranks is None:
        return None
    if np.ndim(ranks) == 0:
        ranks = (ranks,) * ndim
    ranks = tuple(as_int(r, "ranks") for r in ranks)
    if len(ranks) != ndim or any(r < 1 for r in ranks):
        raise InvalidArgumentError(f"ranks={ranks} must be {ndim} integers >= 1")
    return ranks


def hosvd(A: ArrayLike, *, tol: float | None = None, ranks: RanksLike = None, sequential: bool = False) -> TuckerTensor:
    """Truncated higher-order SVD with a relative tolerance or fixed ranks.

    With ``tol``: ``||A - A_r||_F <= tol ||A||_F`` is guaranteed (rank rule in the
    module notes: per mode the discarded tail is at most ``tol ||A||_F / sqrt(d)``).
    With ``ranks``: the quasi-optimal HOSVD at those ranks (capped by the mode
    sizes); the bound actually achieved is in ``.report``.  Giving both caps the
    tolerance-driven ranks by ``ranks``.

    Parameters
    ----------
    A : array_like
        A d-mode tensor.
    tol : float, optional, keyword-only
    ranks : int or sequence of int, optional, keyword-only
    sequential : bool, keyword-only
        Sequentially truncated HOSVD (project after each mode; cheaper, ranks never
        larger, same guarantee).  The default is the classical HOSVD, every mode
        from the full tensor.

    Returns
    -------
    TuckerTensor
        Orthonormal factors, with a :class:`TruncationReport` in ``.report``.

    Examples
    --------
    >>> x = np.linspace(0, 1, 20)
    >>> A = np.add.outer(np.add.outer(x, x), x)            # x + y + z has multilinear rank (2, 2, 2)
    >>> T = hosvd(A, tol=1e-12)
    >>> T.ranks, bool(np.linalg.norm(T.full() - A) <= 1e-12 * np.linalg.norm(A))
    ((2, 2, 2), True)
    >>> hosvd(A, ranks=1).report.relative_error_bound < 0.2
    True
    """
    t0 = time.perf_counter()
    A = as_float_array(A, "A")
    if A.ndim < 1 or A.size == 0:
        raise InvalidArgumentError(f"A must be a non-empty tensor, got shape {A.shape}")
    if tol is None and ranks is None:
        raise InvalidArgumentError("give tol (relative Frobenius accuracy) or ranks")
    if tol is not None:
        tol = float(tol)
        if not (0 <= tol < np.inf):
            raise InvalidArgumentError(f"tol={tol!r} must be a finite number >= 0")
    ranks = _resolve_ranks(ranks, A.ndim)
    d = A.ndim
    # Work on A / 2^e with max|A / 2^e| in [1/2, 1): squares of entries near 1e160 overflow and of
    # entries near 1e-200 underflow, which made every rank 1.  A power of two scales exactly.
    amax = float(np.max(np.abs(A)))
    e = int(np.frexp(amax)[1]) if amax > 0 else 0
    if e:
        A = np.ldexp(A, -e)
    norm = float(np.linalg.norm(A))
    threshold = (tol * norm / np.sqrt(d)) if tol is not None else None
    factors, svals, tails, chosen = [], [], [], []
    work = A
    for k in range(d):
        U, s = _left_singular(_unfold(work if sequential else A, k))
        r = truncation_rank(s, threshold) if threshold is not None else s.size
        if ranks is not None:
            r = min(r, ranks[k])
        r = max(1, min(r, s.size))
        factors.append(np.ascontiguousarray(U[:, :r]))
        svals.append(s)
        tails.append(float(np.sqrt(np.sum(s[r:] ** 2))))
        chosen.append(r)
        if sequential:
            work = mode_product(work, factors[-1].T, k)
    if sequential:
        core = work
    else:
        core = A
        for k in np.argsort([U.shape[1] / U.shape[0] for U in factors]):
            core = mode_product(core, factors[k].T, int(k))
    bound = float(np.sqrt(np.sum(np.square(tails))))
    rel = bound / norm if norm > 0 else 0.0
    if e:  # back to the scale of the input (exact powers of two; may overflow only if the input's norm does)
        core = np.ldexp(core, e)
        svals = [np.ldexp(v, e) for v in svals]
        tails = [float(np.ldexp(t, e)) for t in tails]
        norm, bound = float(np.ldexp(norm, e)), float(np.ldexp(bound, e))
    report = TruncationReport(tuple(chosen), tuple(svals), tuple(tails), norm, bound, rel, time.perf_counter() - t0)
    return TuckerTensor(np.ascontiguousarray(core), factors, orthonormal=True, report=report, check=False)


# ---------------------------------------------------------------- HOOI


@dataclass(frozen=True, eq=False)
class HOOIResult(ArrayValueEquality):
    """Outcome of higher-order orthogonal iteration (Tucker ALS).

    Attributes
    ----------
    tucker : TuckerTensor
        Best approximation found, orthonormal factors.
    iterations : int
    converged : bool
        Whether the relative change of ``||core||`` fell below the requested tolerance.
    relative_error : float
        ``||A - A_r||_F / ||A||_F`` (from ``||A||^2 - ||core||^2``, accurate when not tiny).
    history : tuple of float
        Relative error after each sweep.
    elapsed : float

    Examples
    --------
    >>> res = hooi(np.ones((2, 3, 4)), 1)
    >>> res.converged, res.relative_error < 1e-12, res.tucker.ranks
    (True, True, (1, 1, 1))
    """

    tucker: TuckerTensor
    iterations: int
    converged: bool
    relative_error: float
    history: tuple = field(default_factory=tuple)
    elapsed: float = 0.0

    def __post_init__(self) -> None:
        check_fields(self)  # a constructor given garbage raises at once


def hooi(A: ArrayLike, ranks: int | Sequence[int], *, tol: float = 1e-10, max_iterations: int = 50,
         init: TuckerTensor | None = None) -> HOOIResult:
    """Higher-order orthogonal iteration: refine a Tucker approximation at fixed ranks.

    Each sweep replaces factor k by the leading left singular vectors of
    ``A x_{j != k} U_j^T``; the fit ``||core||`` never decreases.  Starts from the
    truncated HOSVD unless ``init`` is given.  Stops when the relative change of
    the error is below ``tol`` or after ``max_iterations`` sweeps (``converged``
    then false; the result is still a valid approximation).

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> A = rng.standard_normal((6, 7, 8))
    >>> res = hooi(A, (2, 2, 2))
    >>> res.converged, res.relative_error <= hosvd(A, ranks=2).report.relative_error_bound + 1e-12
    (True, True)
    """
    t0 = time.perf_counter()
    A = as_float_array(A, "A")
    ranks = _resolve_ranks(ranks, A.ndim)
    if ranks is None:
        raise InvalidArgumentError("ranks must be given (an int or one int per mode)")
    tol = as_positive_float(tol, "tol")
    max_iterations = as_int(max_iterations, "max_iterations")
    if max_iterations < 0:
        raise InvalidArgumentError(f"max_iterations={max_iterations} must be >= 0")
    ranks = tuple(min(r, n) for r, n in zip(ranks, A.shape))
    for k, r in enumerate(ranks):
        others = int(np.prod([ranks[j] for j in range(len(ranks)) if j != k]))
        if len(ranks) > 1 and r > others:
            raise InvalidArgumentError(f"ranks={ranks} is not a multilinear rank: ranks[{k}] = {r} exceeds the "
                                       f"product {others} of the other ranks (HOOI cannot fill the extra columns)")
    if init is not None and not isinstance(init, TuckerTensor):
        raise InvalidTypeError(f"init must be a TuckerTensor, got {type(init).__name__}")
    if init is not None and (init.shape != A.shape or init.ranks != ranks):
        raise InvalidArgumentError(f"init has shape {init.shape} and ranks {init.ranks}; expected {A.shape} "
                                   f"and {ranks}")
    T = init if init is not None else hosvd(A, ranks=ranks)
    if init is not None and not T.orthonormal:
        T = T.orthonormalized()
    factors = list(T.factors)
    norm2 = float(np.sum(A * A))
    norm = np.sqrt(norm2) if norm2 > 0 else 1.0
    history = []
    previous = np.inf
    converged = False
    core = None
    for _ in range(max_iterations):
        for k in range(A.ndim):
            Y = A
            for j in range(A.ndim):
                if j != k:
                    Y = mode_product(Y, factors[j].T, j)
            U, _ = _left_singular(_unfold(Y, k))
            factors[k] = np.ascontiguousarray(U[:, : ranks[k]])
        core = mode_product(Y, factors[A.ndim - 1].T, A.ndim - 1)
        err = float(np.sqrt(max(norm2 - float(np.sum(core * core)), 0.0)) / norm)
        history.append(err)
        if abs(previous - err) <= tol * max(err, 1e-300) or err == 0.0:
            converged = True
            break
        previous = err
    if core is None:  # max_iterations == 0: the starting point, with its error
        core = A
        for k in range(A.ndim):
            core = mode_product(core, factors[k].T, k)
        err = float(np.sqrt(max(norm2 - float(np.sum(core * core)), 0.0)) / norm)
        history.append(err)
        tucker = TuckerTensor(core, factors, orthonormal=True, check=False)
        return HOOIResult(tucker, 0, False, err, (), time.perf_counter() - t0)
    tucker = TuckerTensor(core, factors, orthonormal=True, check=False)
    return HOOIResult(tucker, len(history), converged, history[-1], tuple(history), time.perf_counter() - t0)


# ---------------------------------------------------------------- CP input


def _as_cp(factors, weights):
    mats = [as_float_array(U, f"factors[{k}]", ndim=2) for k, U in enumerate(factors)]
    if not mats:
        raise InvalidArgumentError("factors must contain at least one matrix")
    R = mats[0].shape[1]
    if any(U.shape[1] != R for U in mats):
        raise InvalidArgumentError("all CP factor matrices must have the same number of columns (the CP rank)")
    w = np.ones(R) if weights is None else as_float_array(weights, "weights", ndim=1)
    if w.shape[0] != R:
        raise InvalidArgumentError(f"weights has {w.shape[0]} entries but the CP rank is {R}")
    return mats, w


def _cp_core(projected, w, chunk: int = 512) -> np.ndarray:
    """core[i1..id] = sum_r w_r prod_k V_k[i_k, r] without forming more than a chunk of the Khatri-Rao product."""
    ranks = tuple(V.shape[0] for V in projected)
    R = w.shape[0]
    core = np.zeros((ranks[0], int(np.prod(ranks[1:]))))
    for s in range(0, R, chunk):
        sl = slice(s, min(R, s + chunk))
        kr = np.ones((1, sl.stop - sl.start))
        for V in projected[1:]:
            kr = (kr[:, None, :] * V[None, :, sl]).reshape(-1, sl.stop - sl.start)
        core += (projected[0][:, sl] * w[sl]) @ kr.T
    return core.reshape(ranks)


def cp_to_tucker(factors: Sequence[ArrayLike], weights: ArrayLike | None = None) -> TuckerTensor:
    """Exact Tucker form of a canonical tensor ``sum_r w_r u_r^1 o ... o u_r^d`` (no truncation).

    Each factor matrix is replaced by its Q from an economic QR, R going into the
    core, so the Tucker ranks are ``min(n_k, R)``.

    Examples
    --------
    >>> U = [np.ones((3, 2)), np.eye(2), np.ones((4, 2))]
    >>> T = cp_to_tucker(U, [1.0, 2.0])
    >>> T.ranks, float(T.full()[0, 1, 0])
    ((2, 2, 2), 2.0)
    """
    mats, w = _as_cp(factors, weights)
    qs, projected = [], []
    for U in mats:
        Q, Rm = scipy.linalg.qr(U, mode="economic", check_finite=False)
        qs.append(Q)
        projected.append(Rm)
    return TuckerTensor(_cp_core(projected, w), qs, orthonormal=True, check=False)


def rhosvd(factors: Sequence[ArrayLike], weights: ArrayLike | None = None, *, tol: float | None = None,
           ranks: RanksLike = None) -> TuckerTensor:
    """Reduced HOSVD of a canonical tensor: Tucker approximation without forming the full tensor.

    Accuracy: the final HOSVD stage guarantees ``tol`` relative to the norm of the
    tensor projected by the first stage; the first stage (SVD of each weighted
    side matrix, tail below ``tol / 100`` of its Frobenius norm) adds an error that
    is tiny in practice but only heuristically bounded for sums with strong
    cancellation (see the module notes).

    Parameters
    ----------
    factors : sequence of arrays (n_k, R)
    weights : array (R,), optional
    tol, ranks : as in :func:`hosvd`

    Returns
    -------
    TuckerTensor
        Orthonormal factors; ``.report`` describes the final truncation.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> x = np.linspace(-1, 1, 30)
    >>> centres = rng.uniform(-1, 1, 40)
    >>> G = np.exp(-np.subtract.outer(x, centres) ** 2)      # 40 Gaussians per mode
    >>> T = rhosvd([G, G, G], tol=1e-8)
    >>> A = np.einsum("ir,jr,kr->ijk", G, G, G)
    >>> bool(np.linalg.norm(T.full() - A) <= 1e-8 * np.linalg.norm(A)), max(T.ranks) < 12
    (True, True)
    """
    t0 = time.perf_counter()
    mats, w = _as_cp(factors, weights)
    if tol is None and ranks is None:
        raise InvalidArgumentError("give tol (relative Frobenius accuracy) or ranks")
    d = len(mats)
    if tol is not None:
        tol = as_positive_float(tol, "tol")
    stage1 = (1e-2 * tol if tol is not None else 1e-14)
    # unit columns, scale into the weights
    norms = [np.linalg.norm(U, axis=0) for U in mats]
    scale = np.prod(norms, axis=0)
    keep = scale > 0
    mats = [U[:, keep] / n[keep] for U, n in zip(mats, norms)]
    w = w[keep] * scale[keep]
    if w.size == 0:
        zero = TuckerTensor(np.zeros((1,) * d), [np.eye(U.shape[0], 1) for U in mats], orthonormal=True, check=False)
        return zero
    aw = np.abs(w)
    bases, projected = [], []
    for U in mats:
        Q, s = _left_singular(U * aw)
        r = truncation_rank(s, stage1 * float(np.linalg.norm(s)) / np.sqrt(d))
        r = max(1, r)
        Q = np.ascontiguousarray(Q[:, :r])
        bases.append(Q)
        projected.append(Q.T @ U)
    core = _cp_core(projected, w)
    inner = hosvd(core, tol=tol, ranks=ranks)
    out_factors = [Q @ V for Q, V in zip(bases, inner.factors)]
    rep = inner.report
    report = TruncationReport(rep.ranks, rep.singular_values, rep.discarded, rep.norm, rep.error_bound,
                              rep.relative_error_bound, time.perf_counter() - t0)
    return TuckerTensor(inner.core, out_factors, orthonormal=True, report=report, check=False)


# every public entry point refuses bad input with mathref.errors (issue 17 section 4)
guard_module(globals())
