"""Real Chebyshev series as QSP targets: reading coefficients, parity, and the sup-norm estimate.

The ground layer of :mod:`spectral.qsp`, shared by the target builders, the
phase solvers, the verifier and the hypothesis strategies.  Floating-point;
``sup_norm_estimate`` is a grid search refined by Newton steps, an estimate of
``max |P|`` on [-1, 1] (not interval arithmetic, so not a certified bound).
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
import scipy.fft
from numpy.typing import ArrayLike

from mathref.errors import InvalidArgumentError, InvalidTypeError
from mathref.validation import as_flag, checked_fields

from ._inputs import as_coefficients, as_float_array, as_nonneg_int, reject_text

__all__ = ["ParityPolynomial", "target_coefficients", "validate_target", "sup_norm_estimate",
           "chebyshev_values_at_angles"]


@checked_fields
class ParityPolynomial(NamedTuple):
    """A validated QSP target: Chebyshev coefficients with the wrong-parity entries zeroed, and its parity."""

    coef: np.ndarray
    parity: int


def target_coefficients(target: ArrayLike | object) -> np.ndarray:
    """Chebyshev coefficients (float64, 1-D, trailing zeros removed) of a real target.

    ``target`` is an array of coefficients or an object with a ``coef`` attribute
    (a :class:`~spectral.qsp.targets.QSPTarget`).

    Examples
    --------
    >>> target_coefficients([0.0, 0.5, 0.0, 0.0])
    array([0. , 0.5])
    """
    coef = getattr(target, "coef", target)
    reject_text(coef, "target")
    arr = np.asarray(coef)
    if arr.dtype == object:
        try:
            arr = np.array([complex(c) for c in arr.ravel()]).reshape(arr.shape)
        except TypeError:
            raise InvalidTypeError("target: coefficients must be numbers") from None
    if np.iscomplexobj(arr):
        if np.any(np.imag(arr) != 0):
            raise InvalidArgumentError(
                "target has complex Chebyshev coefficients; QSP phases realise a real polynomial "
                "(pass the real and imaginary parts separately, e.g. cos and sin for exp(-i tau x))"
            )
        arr = np.real(arr)
    arr = as_float_array(arr, "target")
    if arr.ndim != 1 or arr.size == 0:
        raise InvalidArgumentError(
            f"target must be a non-empty 1-D array of Chebyshev coefficients, got shape {arr.shape}")
    nz = np.flatnonzero(arr)
    if nz.size == 0:
        return np.zeros(1)
    return arr[: nz[-1] + 1].copy()


def _check_parity(coef: np.ndarray, parity_tol: float) -> int:
    d = coef.size - 1
    wrong = coef[(d + 1) % 2 :: 2]
    scale = max(1.0, float(np.max(np.abs(coef))))
    if wrong.size and np.max(np.abs(wrong)) > parity_tol * scale:
        bad = int(np.flatnonzero(np.abs(wrong) > parity_tol * scale)[0]) * 2 + (d + 1) % 2
        raise InvalidArgumentError(
            f"target has no definite parity: degree {d} is {'even' if d % 2 == 0 else 'odd'} "
            f"but the coefficient of T_{bad} is {coef[bad]!r} (QSP needs an even or an odd polynomial)"
        )
    return d % 2


def sup_norm_estimate(coef: np.ndarray) -> float:
    """max |p(x)| on [-1, 1], found on a dense Chebyshev grid and refined by Newton steps: an estimate.

    The grid has ``max(256, 64(d + 1))`` angles plus the end points (so it is within a
    relative ``3e-4`` of the maximum before refinement); the eight largest *local* maxima
    of the grid values are polished by Newton's method on p'.  An estimate from below in
    principle, accurate to rounding in practice; for a proved upper bound use
    :func:`spectral.qsp.certificates.sup_norm_bound`.

    Examples
    --------
    >>> sup_norm_estimate(np.array([0.0, 0.0, 0.0, 0.5]))      # 0.5 T_3
    0.5
    """
    coef = as_coefficients(coef, "coef")
    d = coef.size - 1
    m = max(256, 64 * (d + 1))
    theta = (np.arange(m) + 0.5) * np.pi / m
    vals = np.abs(chebyshev_values_at_angles(coef, m))
    ends = np.polynomial.chebyshev.chebval(np.array([-1.0, 1.0]), coef)
    best = float(max(np.max(vals), np.max(np.abs(ends))))
    # local maxima of |p| along the grid, the eight largest refined
    padded = np.concatenate([[-1.0], vals, [-1.0]])
    peaks = np.flatnonzero((padded[1:-1] >= padded[:-2]) & (padded[1:-1] >= padded[2:]))
    order = peaks[np.argsort(-vals[peaks])[:8]]
    dcoef = np.polynomial.chebyshev.chebder(coef)
    ddcoef = np.polynomial.chebyshev.chebder(dcoef)
    for idx in order:
        x = math.cos(theta[idx])
        for _ in range(8):
            g = np.polynomial.chebyshev.chebval(x, dcoef)
            h = np.polynomial.chebyshev.chebval(x, ddcoef)
            if h == 0:
                break
            x_new = min(1.0, max(-1.0, x - g / h))
            if abs(x_new - x) < 1e-16:
                break
            x = x_new
        best = max(best, abs(float(np.polynomial.chebyshev.chebval(x, coef))))
    return best


def chebyshev_values_at_angles(coef: np.ndarray, m: int) -> np.ndarray:
    """p(cos theta_j) at theta_j = (j + 1/2) pi / m by one DCT-III (m >= len(coef)).

    Examples
    --------
    >>> values = chebyshev_values_at_angles(np.array([0.0, 1.0]), 2)     # T_1 = x at cos(pi/4), cos(3 pi/4)
    >>> bool(np.allclose(values, [np.cos(np.pi / 4), np.cos(3 * np.pi / 4)]))
    True
    """
    coef = as_coefficients(coef, "coef")
    m = as_nonneg_int(m, "m")
    if m < coef.size:
        raise InvalidArgumentError(f"m={m} must be >= len(coef)={coef.size}")
    buf = np.zeros(m)
    buf[: coef.size] = coef
    buf[0] *= 2.0
    return scipy.fft.dct(buf, type=3) / 2.0


def validate_target(target: ArrayLike | object, *, bound_check: bool = True) -> ParityPolynomial:
    """The target's coefficients with definite parity checked (and enforced) and ``max |P| < 1`` checked.

    Examples
    --------
    >>> validate_target([0.0, 0.5]).parity
    1
    """
    coef = target_coefficients(target)
    parity = _check_parity(coef, 1e-14)
    d = coef.size - 1
    coef = coef.copy()
    coef[(d + 1) % 2 :: 2] = 0.0
    if as_flag(bound_check, "bound_check"):
        sup = sup_norm_estimate(coef)
        if not sup < 1.0:
            raise InvalidArgumentError(
                f"target must satisfy |P(x)| < 1 on [-1, 1]; max |P| = {sup!r} (scale it down, e.g. by 1 - 1e-3)"
            )
    return ParityPolynomial(coef, parity)
