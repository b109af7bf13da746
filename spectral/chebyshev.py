"""Chebyshev interpolation in one and several dimensions.

Floating-point throughout.  Coefficients are always arrays in the standard
first-kind basis T_0, T_1, ... on [-1, 1] (axis 0 indexes the degree), mapped
affinely to a box [a, b] when a ``domain`` is given, so the same arrays can be
passed between this module, :mod:`numpy.polynomial.chebyshev` and other parts
of :mod:`spectral`.  Transforms between values and coefficients are
O(n log n) discrete cosine transforms (:mod:`scipy.fft`); evaluation uses
Clenshaw's recurrence in compiled kernels, backward stable to degree 10^4 and
beyond (the error of an evaluation is a modest multiple of
``eps * sum(|c_k|)``).

Notes
-----
Points are listed in *ascending* order.  Points of the second kind (Lobatto,
Chebyshev extreme points) are ``x_j = -cos(pi j / (n - 1))``, j = 0..n-1, and
include the end points; their transform is a DCT-I, fastest for
``n = 2**k + 1`` and nested under doubling of ``n - 1``.  Points of the first
kind (Chebyshev roots) are ``x_j = -cos(pi (j + 1/2) / n)`` and use a
DCT-II/DCT-III pair.  Interpolation at Lobatto points integrated exactly is
Clenshaw--Curtis quadrature.

References: L. N. Trefethen, *Approximation Theory and Approximation
Practice*, SIAM 2013 (chapters 2-3, 19); J. L. Aurentz and L. N. Trefethen,
"Chopping a Chebyshev series", ACM TOMS 43 (2017) for the idea behind the
tail test used by :func:`chebyshev_chop`.
"""

from __future__ import annotations

import functools
import inspect
import time
import warnings
from dataclasses import dataclass
from typing import Any, Callable, Sequence

import numpy as np
import scipy.fft
from numpy.typing import ArrayLike

from mathref.equality import ArrayValueEquality
from mathref.errors import AccuracyWarning, InvalidArgumentError, InvalidTypeError, MathrefError, SizeLimitError
from mathref.validation import as_float_array, as_int, as_positive_float, as_rng, check_fields

from . import _chebyshev_kernels as _k

Interval = Sequence[float]  # (a, b)
BoxLike = Sequence[Sequence[float]]  # one (a, b) per dimension
RngLike = int | np.random.Generator | None  # a seed, a generator, or fresh entropy

__all__ = [
    "PoorResolutionWarning",
    "chebyshev_points",
    "chebyshev_coefficients",
    "chebyshev_values",
    "chebyshev_evaluate",
    "chebyshev_derivative",
    "chebyshev_integral",
    "clenshaw_curtis_weights",
    "chebyshev_chop",
    "ChebyshevFit",
    "chebyshev_fit",
    "standard_chop",
    "chebyshev_grid",
    "chebyshev_coefficients_nd",
    "chebyshev_values_nd",
    "chebyshev_evaluate_nd",
    "chebyshev_integral_nd",
    "chebyshev_interpolate_nd",
]


MAX_POINTS = 2**28  # largest point set built in one array (2 GiB of float64)


class PoorResolutionWarning(AccuracyWarning):
    """A Chebyshev representation did not resolve its function: the coefficient tail is not small.

    An :class:`mathref.errors.AccuracyWarning` (hence a ``MathrefWarning`` and a ``UserWarning``).

    Examples
    --------
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     fit = chebyshev_fit(np.abs, max_degree=32)
    >>> caught[0].category is PoorResolutionWarning, fit.resolved_estimate
    (True, False)
    """


# ---------------------------------------------------------------- helpers


def _check_kind(kind) -> int:
    if kind not in (1, 2):
        raise InvalidArgumentError(f"kind={kind!r} must be 1 (Chebyshev roots) or 2 (Lobatto/extreme points)")
    return int(kind)


def _as_domain(domain, name: str = "domain") -> tuple[float, float]:
    try:
        a, b = (float(v) for v in domain)
    except (TypeError, ValueError):
        raise InvalidTypeError(f"{name}={domain!r} must be a pair (a, b) of real numbers") from None
    if not (np.isfinite(a) and np.isfinite(b) and a < b):
        raise InvalidArgumentError(f"{name}={domain!r} must satisfy a < b with both finite")
    return a, b


def as_box(box: BoxLike, ndim: int | None = None) -> tuple[tuple[float, float], ...]:
    """``box`` as a tuple of finite ``(a, b)`` pairs with ``a < b`` (``ndim`` of them if given).

    Internal interface shared with :mod:`spectral.cheb_tucker` and :mod:`spectral.potentials`.

    Examples
    --------
    >>> as_box([(0, 1), (-2, 2)])
    ((0.0, 1.0), (-2.0, 2.0))
    """
    try:
        pairs = tuple(box)
    except TypeError:
        raise InvalidTypeError(f"box={box!r} must be a sequence of (a, b) pairs") from None
    if len(pairs) == 0:
        raise InvalidArgumentError("box must contain at least one (a, b) pair")
    if ndim is not None and len(pairs) != ndim:
        raise InvalidArgumentError(f"box has {len(pairs)} pairs but {ndim} dimensions are needed")
    return tuple(_as_domain(p, f"box[{i}]") for i, p in enumerate(pairs))


def as_real_array(x: ArrayLike, name: str, *, ndim: int | None = None, last_dim: int | None = None,
                  finite: bool = True) -> np.ndarray:
    """``x`` as a C-contiguous float64 array; complex, ``None`` and non-numeric input are refused.

    Internal interface shared with :mod:`spectral.tucker`, :mod:`spectral.cheb_tucker` and
    :mod:`spectral.potentials`: numpy's own conversion would drop an imaginary part with only a
    warning and turn ``None`` into NaN, both silent wrong answers.

    Examples
    --------
    >>> as_real_array([1, 2], "x")
    array([1., 2.])
    >>> as_real_array([1j], "x")
    Traceback (most recent call last):
    ...
    mathref.errors.InvalidTypeError: x is complex; ...real arithmetic (split real and imaginary parts)
    """
    if x is None:
        raise InvalidTypeError(f"{name} is None, expected an array of real numbers")
    raw = np.asarray(x) if not isinstance(x, np.ndarray) else x
    if np.iscomplexobj(raw):
        raise InvalidTypeError(f"{name} is complex; mathref.spectral works in real arithmetic "
                        "(split real and imaginary parts)")
    if raw.dtype == object or raw.dtype.kind in "USV":
        try:
            raw = raw.astype(np.float64)
        except (TypeError, ValueError):
            raise InvalidTypeError(f"{name} cannot be converted to a float array (dtype {raw.dtype})") from None
    if finite:
        return as_float_array(raw, name, ndim=ndim, last_dim=last_dim)
    arr = np.ascontiguousarray(raw, dtype=np.float64)
    if ndim is not None and arr.ndim != ndim:
        raise InvalidArgumentError(f"{name} must have {ndim} dimensions, got shape {arr.shape}")
    return arr


MAX_CHECK_POINTS = 2**24

# Builtin errors that reach a public entry point from argument handling, translated so that every
# refusal is a mathref.errors exception (still an instance of the builtin it resembles).
_TRANSLATED = (TypeError, ValueError, IndexError, KeyError, AttributeError, OverflowError, ZeroDivisionError,
               FloatingPointError)


def _translate(exc: BaseException, where: str) -> MathrefError:
    text = f"{where}: {type(exc).__name__}: {exc}"
    if isinstance(exc, TypeError):
        return InvalidTypeError(text)
    return InvalidArgumentError(text)


def public_entry(obj: Any) -> Any:
    """Make a public function (or every public method of a class) raise only mathref.errors for bad input.

    Internal interface shared with the sibling modules.  A builtin ``TypeError``,
    ``ValueError``, ``IndexError``, ``OverflowError``, ... escaping from argument
    handling becomes an :class:`~mathref.errors.InvalidTypeError` (type errors) or
    :class:`~mathref.errors.InvalidArgumentError` (the rest) naming the function;
    the original is chained as ``__cause__``, mathref errors pass unchanged.

    Examples
    --------
    >>> @public_entry
    ... def half(n):
    ...     return [0, 1][n]
    >>> half(5)
    Traceback (most recent call last):
    ...
    mathref.errors.InvalidArgumentError: half: IndexError: list index out of range
    """
    if inspect.isclass(obj):
        for name, member in list(vars(obj).items()):
            if name.startswith("_") and name not in ("__init__", "__call__", "__post_init__"):
                continue
            if isinstance(member, (classmethod, staticmethod)):
                setattr(obj, name, type(member)(_guard(member.__func__, f"{obj.__name__}.{name}")))
            elif inspect.isfunction(member):
                setattr(obj, name, _guard(member, f"{obj.__name__}.{name}"))
        return obj
    return _guard(obj, obj.__name__)


def guard_module(namespace: dict) -> None:
    """Apply :func:`public_entry` to every function and class named in ``namespace["__all__"]`` (not warnings)."""
    for name in namespace["__all__"]:
        obj = namespace[name]
        if inspect.isfunction(obj):
            namespace[name] = public_entry(obj)
        elif inspect.isclass(obj) and not issubclass(obj, (Warning, tuple)):
            public_entry(obj)


def _guard(func, where: str):
    @functools.wraps(func)
    def guarded(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except MathrefError:
            raise
        except _TRANSLATED as exc:
            raise _translate(exc, where) from exc

    return guarded


def check_count(check_points: int) -> int:
    """A number of random check points: an int in [0, 2**24] (internal interface shared with the siblings).

    Examples
    --------
    >>> check_count(10)
    10
    """
    n = as_int(check_points, "check_points")
    if n < 0:
        raise InvalidArgumentError(f"check_points={n} must be >= 0")
    if n > MAX_CHECK_POINTS:
        raise SizeLimitError(f"check_points={n} is more than {MAX_CHECK_POINTS} (each costs a function evaluation)",
                             argument="check_points", estimate=f"{n} function evaluations")
    return n


def to_reference_interval(x: np.ndarray, domain: tuple[float, float]) -> np.ndarray:
    """The affine image in [-1, 1] of points ``x`` of ``domain = (a, b)`` (``x`` itself for [-1, 1]).

    Examples
    --------
    >>> to_reference_interval(np.array([0.0, 0.5, 1.0]), (0.0, 1.0))
    array([-1.,  0.,  1.])
    """
    a, b = domain
    if a == -1.0 and b == 1.0:
        return x
    return (2.0 * x - (a + b)) / (b - a)


# ---------------------------------------------------------------- 1D


def chebyshev_points(n: int, *, kind: int = 2, domain: Interval = (-1.0, 1.0)) -> np.ndarray:
    """Chebyshev points of the first or second kind, ascending, on ``domain``.

    Exact up to rounding of ``cos`` and the affine map.

    Parameters
    ----------
    n : int
        Number of points (>= 1; >= 2 for the second kind unless n == 1).
    kind : {1, 2}, keyword-only
        1: roots of T_n; 2: extreme points of T_{n-1} (Lobatto, includes end points).
    domain : (a, b), keyword-only

    Returns
    -------
    numpy.ndarray of shape (n,)

    Notes
    -----
    The formula uses ``sin`` of centred angles so that points symmetric about the
    centre are exactly symmetric and the centre (odd ``n``) is exactly 0.

    Examples
    --------
    >>> chebyshev_points(3)
    array([-1.,  0.,  1.])
    >>> chebyshev_points(2, kind=1).round(6)
    array([-0.707107,  0.707107])
    >>> chebyshev_points(3, domain=(0, 2))
    array([0., 1., 2.])
    """
    n = as_int(n, "n")
    kind = _check_kind(kind)
    if n < 1:
        raise InvalidArgumentError(f"n={n} must be >= 1")
    if n > MAX_POINTS:
        raise InvalidArgumentError(f"n={n} points would need {8 * n / 2**30:.3g} GiB; at most {MAX_POINTS} "
                                   "(2**28, 2 GiB of float64) are allowed")
    if kind == 2 and n == 1:
        x = np.zeros(1)
    elif kind == 2:
        j = np.arange(n, dtype=float)
        x = np.sin(np.pi * (2.0 * j - (n - 1)) / (2.0 * (n - 1)))
    else:
        j = np.arange(n, dtype=float)
        x = np.sin(np.pi * (2.0 * j + 1.0 - n) / (2.0 * n))
    a, b = _as_domain(domain)
    if (a, b) != (-1.0, 1.0):
        x = 0.5 * (b - a) * x + 0.5 * (a + b)
        x[0] = max(x[0], a)
        x[-1] = min(x[-1], b)
    return x


def _alternating_signs(n: int, ndim: int, axis: int) -> np.ndarray:
    s = np.ones(n)
    s[1::2] = -1.0
    shape = [1] * ndim
    shape[axis] = n
    return s.reshape(shape)


def chebyshev_coefficients(values: ArrayLike, *, kind: int = 2, axis: int = 0) -> np.ndarray:
    """Coefficients of the polynomial interpolating ``values`` at ascending Chebyshev points.

    Accurate to a small multiple of ``eps * max|values|`` (one fast cosine
    transform, O(n log n)).

    Parameters
    ----------
    values : array_like
        Samples at :func:`chebyshev_points` of the given kind along ``axis``.
    kind : {1, 2}, keyword-only
    axis : int, keyword-only
        The axis holding the samples (other axes are batched).

    Returns
    -------
    numpy.ndarray
        Same shape; along ``axis`` the coefficients c_0..c_{n-1} in the T_k basis.

    Notes
    -----
    With ascending Lobatto points, T_k(x_j) = (-1)^k cos(pi j k / N), N = n - 1, so
    c_k = (-1)^k DCT-I(f)_k / N with c_0 and c_N halved.  For roots,
    c_k = (-1)^k DCT-II(f)_k / n with c_0 halved.

    Examples
    --------
    >>> x = chebyshev_points(5)
    >>> chebyshev_coefficients(2 * x**2 - 1).round(14) + 0.0   # T_2
    array([0., 0., 1., 0., 0.])
    >>> x1 = chebyshev_points(4, kind=1)
    >>> chebyshev_coefficients(x1**3, kind=1).round(14) + 0.0   # x^3 = (3 T_1 + T_3)/4
    array([0.  , 0.75, 0.  , 0.25])
    """
    kind = _check_kind(kind)
    v = as_real_array(values, "values")
    if v.ndim == 0:
        raise InvalidArgumentError("values must have at least one dimension")
    axis = axis % v.ndim
    n = v.shape[axis]
    if n == 1:
        return v.copy()
    if kind == 2:
        c = scipy.fft.dct(v, type=1, axis=axis) / (n - 1)
        edge = [slice(None)] * v.ndim
        edge[axis] = 0
        c[tuple(edge)] *= 0.5
        edge[axis] = n - 1
        c[tuple(edge)] *= 0.5
    else:
        c = scipy.fft.dct(v, type=2, axis=axis) / n
        edge = [slice(None)] * v.ndim
        edge[axis] = 0
        c[tuple(edge)] *= 0.5
    c *= _alternating_signs(n, v.ndim, axis)
    return c


def chebyshev_values(coefficients: ArrayLike, *, kind: int = 2, axis: int = 0) -> np.ndarray:
    """Values at ascending Chebyshev points of the series with the given coefficients.

    The inverse of :func:`chebyshev_coefficients` (same accuracy, one fast cosine transform).

    Examples
    --------
    >>> chebyshev_values([0.0, 0.0, 1.0])     # T_2 at -1, 0, 1
    array([ 1., -1.,  1.])
    >>> c = np.array([0.3, -1.0, 0.25, 2.0])
    >>> np.allclose(chebyshev_coefficients(chebyshev_values(c, kind=1), kind=1), c)
    True
    """
    kind = _check_kind(kind)
    c = as_real_array(coefficients, "coefficients")
    if c.ndim == 0:
        raise InvalidArgumentError("coefficients must have at least one dimension")
    axis = axis % c.ndim
    n = c.shape[axis]
    if n == 1:
        return c.copy()
    a = c * _alternating_signs(n, c.ndim, axis)
    inner = [slice(None)] * c.ndim
    if kind == 2:
        inner[axis] = slice(1, n - 1)
        a[tuple(inner)] *= 0.5
        return scipy.fft.dct(a, type=1, axis=axis)
    inner[axis] = slice(1, n)
    a[tuple(inner)] *= 0.5
    return scipy.fft.dct(a, type=3, axis=axis)


def chebyshev_evaluate(coefficients: ArrayLike, x: ArrayLike, *, domain: Interval = (-1.0, 1.0)) -> np.ndarray:
    """Evaluate a Chebyshev series (or several, as columns) at arbitrary points by Clenshaw's recurrence.

    Backward stable: the computed value is the exact value of a series whose
    coefficients are perturbed by O(n eps |c_k|); in practice the error is a few
    ``eps * sum|c_k|`` up to degree 10^4 and beyond.

    Parameters
    ----------
    coefficients : array_like, shape (n,) or (n, r)
        One series, or r series as columns.
    x : array_like
        Points in ``domain`` (any shape; points outside are extrapolated).
    domain : (a, b), keyword-only

    Returns
    -------
    numpy.ndarray of shape ``x.shape`` (one series; a float for scalar ``x``) or ``x.shape + (r,)``.

    Examples
    --------
    >>> chebyshev_evaluate([1.0, 2.0, 3.0], 0.5)      # 1 + 2 x + 3 (2x^2 - 1)
    0.5
    >>> chebyshev_evaluate([[1.0, 0.0], [0.0, 1.0]], [0.0, 1.0], domain=(0, 1))
    array([[ 1., -1.],
           [ 1.,  1.]])
    """
    c = as_real_array(coefficients, "coefficients")
    if c.ndim not in (1, 2) or c.shape[0] == 0:
        raise InvalidArgumentError(f"coefficients must have shape (n,) or (n, r) with n >= 1, got {c.shape}")
    xa = as_real_array(x, "x")
    shape = np.shape(x)
    t = np.ascontiguousarray(to_reference_interval(xa, _as_domain(domain)).ravel())
    if c.ndim == 1:
        out = np.empty(t.shape[0])
        _k.clenshaw_series_at_points(c, t, out)
        return float(out[0]) if shape == () else out.reshape(shape)
    out = np.empty((t.shape[0], c.shape[1]))
    _k.clenshaw_columns_at_points(np.ascontiguousarray(c), t, out)
    return out.reshape(shape + (c.shape[1],))


def chebyshev_derivative(coefficients: ArrayLike, *, order: int = 1, domain: Interval = (-1.0, 1.0)) -> np.ndarray:
    """Coefficients of the derivative of a Chebyshev series (exact recurrence, rounding only).

    Parameters
    ----------
    coefficients : array_like, shape (n, ...)
    order : int, keyword-only
        Number of derivatives (>= 0).
    domain : (a, b), keyword-only
        The derivative is with respect to x on this interval (factor (2/(b-a))^order).

    Returns
    -------
    numpy.ndarray of shape (max(n - order, 1), ...)

    Notes
    -----
    Uses c'_{k-1} = c'_{k+1} + 2 k c_k (k = n-1, ..., 1) and halves c'_0.

    Examples
    --------
    >>> chebyshev_derivative([0.0, 0.0, 0.0, 1.0])    # T_3' = 3 T_0 + 6 T_2
    array([3., 0., 6.])
    >>> chebyshev_derivative([0.0, 1.0], domain=(0, 4))   # d/dx of (x - 2)/2
    array([0.5])
    """
    c = as_float_array(coefficients, "coefficients")
    if c.ndim == 0 or c.shape[0] == 0:
        raise InvalidArgumentError("coefficients must be a non-empty array with degrees along axis 0")
    order = as_int(order, "order")
    if order < 0:
        raise InvalidArgumentError(f"order={order} must be >= 0")
    a, b = _as_domain(domain)
    scale = 2.0 / (b - a)
    if order >= c.shape[0]:  # differentiating a degree n-1 series n times leaves zero (no loop over a huge order)
        return np.zeros((1,) + c.shape[1:])
    for _ in range(order):
        n = c.shape[0]
        if n == 1:
            c = np.zeros_like(c)
            continue
        d = np.zeros((n - 1,) + c.shape[1:])
        for k in range(n - 1, 0, -1):
            upper = d[k + 1] if k + 1 < n - 1 else 0.0
            d[k - 1] = upper + 2.0 * k * c[k]
        d[0] *= 0.5
        c = d * scale
    return c


def integral_moments(n: int) -> np.ndarray:
    """w_k = integral of T_k over [-1, 1]: 2/(1-k^2) for even k, 0 for odd k (k < n).

    Examples
    --------
    >>> integral_moments(4)
    array([ 2.        ,  0.        , -0.66666667,  0.        ])
    """
    w = np.zeros(n)
    k = np.arange(0, n, 2, dtype=float)
    w[::2] = 2.0 / (1.0 - k * k)
    return w


def chebyshev_integral(coefficients: ArrayLike, *, domain: Interval = (-1.0, 1.0)) -> float | np.ndarray:
    """Definite integral over ``domain`` of a Chebyshev series (exact moments, rounding only).

    For coefficients obtained from Lobatto samples this is Clenshaw--Curtis quadrature.

    Returns a float for 1-D coefficients, an array over the trailing axes otherwise.

    Examples
    --------
    >>> chebyshev_integral([0.0, 0.0, 1.0])            # integral of 2x^2 - 1 on [-1, 1]
    -0.6666666666666666
    >>> x = chebyshev_points(17, domain=(0, np.pi))
    >>> round(chebyshev_integral(chebyshev_coefficients(np.sin(x)), domain=(0, np.pi)), 12)
    2.0
    """
    c = as_float_array(coefficients, "coefficients")
    if c.ndim == 0 or c.shape[0] == 0:
        raise InvalidArgumentError("coefficients must be a non-empty array with degrees along axis 0")
    a, b = _as_domain(domain)
    w = integral_moments(c.shape[0]) * (0.5 * (b - a))
    out = np.tensordot(w, c, axes=(0, 0))
    return float(out) if c.ndim == 1 else out


# clenshaw_curtis_weights builds an n x n identity transform: 8192 points is half a GiB.
MAX_QUADRATURE_POINTS = 8192


def clenshaw_curtis_weights(n: int, *, domain: Interval = (-1.0, 1.0)) -> np.ndarray:
    """Clenshaw--Curtis quadrature weights for the n ascending Lobatto points on ``domain``.

    Exact for polynomials of degree <= n - 1 up to rounding; all weights are positive.

    Examples
    --------
    >>> clenshaw_curtis_weights(3)                   # Simpson's rule
    array([0.33333333, 1.33333333, 0.33333333])
    >>> w = clenshaw_curtis_weights(9, domain=(0, 2)); round(float(w @ chebyshev_points(9, domain=(0, 2))**4), 12)
    6.4
    """
    n = as_int(n, "n")
    if n < 2:
        raise InvalidArgumentError(f"n={n} must be >= 2 for Lobatto points")
    if n > MAX_QUADRATURE_POINTS:
        raise SizeLimitError(f"n={n} Clenshaw-Curtis weights need an n x n transform ({8 * n * n / 2**30:.3g} GiB); "
                             f"at most {MAX_QUADRATURE_POINTS}", argument="n", estimate=f"{8 * n * n / 2**30:.3g} GiB")
    a, b = _as_domain(domain)
    # weights are the transpose of "values -> coefficients -> moments"
    moments = integral_moments(n)
    eye = np.eye(n)
    coeff_of_unit = chebyshev_coefficients(eye, axis=0)
    return (moments @ coeff_of_unit) * (0.5 * (b - a))


def chebyshev_chop(coefficients: ArrayLike, tol: float) -> int:
    """Length to which a coefficient sequence can be cut with every dropped coefficient below ``tol``.

    Returns the smallest ``n`` such that ``max_{k >= n} |c_k| <= tol * max_k |c_k|``
    (at least 1).  For arrays with trailing axes, |c_k| is the largest absolute
    value in slice k.

    Examples
    --------
    >>> chebyshev_chop([1.0, 0.5, 1e-3, 1e-17, 1e-18], 1e-15)
    3
    >>> chebyshev_chop([0.0, 0.0], 1e-12)
    1
    """
    c = np.abs(as_real_array(coefficients, "coefficients"))
    if c.ndim == 0 or c.shape[0] == 0:
        raise InvalidArgumentError("coefficients must be a non-empty array with degrees along axis 0")
    tol = as_positive_float(tol, "tol")
    mags = c.reshape(c.shape[0], -1).max(axis=1)
    scale = mags.max()
    if scale == 0.0:
        return 1
    envelope = np.maximum.accumulate(mags[::-1])[::-1]
    above = np.nonzero(envelope > tol * scale)[0]
    return int(above[-1] + 1) if above.size else 1


@dataclass(frozen=True, eq=False)
class ChebyshevFit(ArrayValueEquality):
    """An adaptively built Chebyshev interpolant and an *estimate* of its accuracy.

    The function is a black box sampled in floating point, so no bound on the
    error can be proved from samples (a spike between samples is invisible);
    ``error_estimate`` is an a-posteriori estimate made deliberately
    conservative (see :func:`chebyshev_fit`), and ``resolved_estimate`` says only
    that this estimate met the tolerance.

    Attributes
    ----------
    coefficients : numpy.ndarray
        Chopped coefficients in the T_k basis on ``domain``.
    domain : tuple of float
    degree : int
        ``len(coefficients) - 1``.
    error_estimate : float
        Estimated relative max-norm error ``max|f - p| / max|f|`` on ``domain``
        (an estimate, not a bound).
    resolved_estimate : bool
        ``error_estimate <= max(tol, 64 eps)`` and (adaptive fits) the
        coefficients levelled off before ``max_degree``.
    plateau : bool
        Whether the coefficients decayed to a plateau (Chebfun's chopping rule
        found a cut-off); false when ``max_degree`` or a fixed degree stopped the search.
    coefficient_tail : float
        Largest |c_k| in the last eighth of the last sampled series, relative to max|c|.
    evaluations : int
        Total number of function samples taken, including the check points.
    elapsed : float
        Wall time in seconds.

    Examples
    --------
    >>> fit = chebyshev_fit(np.sin, domain=(0, 1))
    >>> fit.resolved_estimate, fit.degree < 20, fit.error_estimate < 1e-14
    (True, True, True)
    """

    coefficients: np.ndarray
    domain: tuple[float, float]
    degree: int
    error_estimate: float
    resolved_estimate: bool
    plateau: bool
    coefficient_tail: float
    evaluations: int
    elapsed: float

    def __post_init__(self) -> None:
        check_fields(self)  # a constructor given garbage raises at once

    def __call__(self, x: ArrayLike) -> float | np.ndarray:
        """Evaluate the interpolant (Clenshaw).

        Examples
        --------
        >>> fit = chebyshev_fit(np.exp)
        >>> float(abs(fit(0.5) - np.exp(0.5))) < 1e-14
        True
        """
        return chebyshev_evaluate(self.coefficients, x, domain=self.domain)


_EPS = float(np.finfo(float).eps)
ACCURACY_FLOOR = 64 * _EPS  # no float evaluation of a series is claimed more accurate than this (relative)


def standard_chop(coefficients: ArrayLike, tol: float = _EPS) -> int:
    """Chebfun's chopping rule: where a coefficient sequence reaches a plateau below ``tol``, or its length.

    Returns the number of coefficients to keep; ``len(coefficients)`` means no
    plateau was found (the series is not resolved at this length).  A plateau is
    accepted up to about ``tol**(2/3)`` when the coefficients are flat there
    (rounding noise of the function itself).  Requires at least 17 coefficients.

    Notes
    -----
    After J. L. Aurentz and L. N. Trefethen, "Chopping a Chebyshev series",
    ACM TOMS 43 (2017), algorithm ``standardChop``: the monotone envelope of
    |c_k| is searched for the first j whose envelope drops by a factor depending on
    how far it is above ``tol`` within the next ~25 % of the indices; the cut-off
    is then the minimum of the log-envelope tilted by a ramp, so that a short
    extra stretch of decay is kept.

    Examples
    --------
    >>> standard_chop(0.5 ** np.arange(80))   # below eps from k = 53 on; a few more are kept
    61
    >>> standard_chop(0.9 ** np.arange(40))   # still decaying: no plateau
    40
    """
    b = np.abs(as_real_array(coefficients, "coefficients", ndim=1))
    n = b.shape[0]
    tol = as_positive_float(tol, "tol")
    if tol >= 1.0:
        return 1
    if n < 17:
        return n
    envelope = np.maximum.accumulate(b[::-1])[::-1]
    if envelope[0] == 0.0:
        return 1
    envelope = envelope / envelope[0]
    log_tol = np.log(tol)
    plateau_point = None
    j2 = 0
    for j in range(1, n):  # j is a 0-based index; Chebfun's j is j + 1
        j2 = int(round(1.25 * (j + 1) + 5)) - 1
        if j2 > n - 1:
            return n
        e1, e2 = envelope[j], envelope[j2]
        if e1 == 0.0:
            plateau_point = j - 1
            break
        ratio_needed = 3.0 * (1.0 - np.log(e1) / log_tol)
        if e2 / e1 > ratio_needed:
            plateau_point = j - 1
            break
    if plateau_point is None:
        return n
    if envelope[plateau_point] == 0.0:
        return max(plateau_point + 1, 1)
    j3 = int(np.sum(envelope >= tol ** (7.0 / 6.0)))
    env = envelope.copy()
    if j3 < j2 + 1:
        j2 = j3
        env[j2] = tol ** (7.0 / 6.0)
    cc = np.log10(np.maximum(env[: j2 + 1], 1e-300))
    cc = cc + np.linspace(0.0, (-1.0 / 3.0) * np.log10(tol), j2 + 1)
    d = int(np.argmin(cc))
    return max(d, 1)


def _lobatto_midpoints(n: int, dom: tuple[float, float]) -> np.ndarray:
    """The n - 1 points halfway in angle between consecutive Lobatto points (the new points of the next level)."""
    j = np.arange(n - 1, dtype=float)
    x = -np.cos(np.pi * (j + 0.5) / (n - 1))
    a, b = dom
    return 0.5 * (b - a) * x + 0.5 * (a + b)


def _check_subset(c: np.ndarray, fm: np.ndarray) -> np.ndarray:
    """Indices of the midpoints where the series is checked by Clenshaw (all of them up to 8192).

    For longer series Clenshaw at every midpoint would cost n^2; the series is then
    located on all midpoints by one DCT (O(n log n), but with a rounding error of its
    own, so it only ranks) and evaluated accurately at the 2048 worst of them, the
    1024 midpoints nearest each end and an even stride through the rest.
    """
    m = fm.shape[0]
    if m <= 8192:
        return np.arange(m)
    padded = np.zeros(2 * m + 1)
    padded[: c.shape[0]] = c
    rough = np.abs(chebyshev_values(padded)[1::2] - fm)
    picks = [np.argpartition(rough, m - 2048)[m - 2048:], np.arange(1024), np.arange(m - 1024, m),
             np.linspace(0, m - 1, 4096).astype(np.int64)]
    return np.unique(np.concatenate(picks))


def _error_estimate(f, c: np.ndarray, full: np.ndarray, dom, vscale: float, check_points: int, g) -> tuple:
    """Relative max-norm error estimate of the series ``c`` (chopped from ``full``) and the samples it used.

    Three ingredients, the largest wins:
    * twice the largest error observed at points the fit never saw: the
      midpoints between the sampled Lobatto points (where interpolation errors
      peak) and ``check_points`` uniform random points;
    * the observed error plus the sum of the dropped |c_k| (what chopping can add anywhere);
    * a rounding floor of 4 eps sum|c_k| (Clenshaw evaluation).
    """
    n = full.shape[0]
    a, b = dom
    observed, count, fmax = 0.0, 0, 0.0
    if n > 1:
        mid = _lobatto_midpoints(n, dom)
        fm = _sample_1d(f, mid)
        idx = _check_subset(c, fm)
        observed = float(np.max(np.abs(chebyshev_evaluate(c, mid[idx], domain=dom) - fm[idx])))
        count, fmax = mid.size, float(np.max(np.abs(fm)))
    if check_points or count == 0:
        x = a + (b - a) * g.random(max(check_points, 1))
        fx = _sample_1d(f, x)
        observed = max(observed, float(np.max(np.abs(chebyshev_evaluate(c, x, domain=dom) - fx))))
        count, fmax = count + x.size, max(fmax, float(np.max(np.abs(fx))))
    dropped = float(np.sum(np.abs(full[c.shape[0]:])))
    floor = 4.0 * _EPS * float(np.sum(np.abs(c)))
    scale = max(vscale, fmax) or 1.0
    return max(2.0 * observed, observed + dropped, floor) / scale, count


def chebyshev_fit(f: Callable, *, domain: Interval = (-1.0, 1.0), tol: float = 2.0**-52, degree: int | None = None,
                  max_degree: int = 2**16, check_points: int = 1024, rng: RngLike = 0) -> ChebyshevFit:
    """Chebyshev interpolant of a vectorised real function, degree chosen by Chebfun's chopping rule.

    Floating point; the accuracy figure is an **estimate** (``error_estimate``):
    for a black-box float function no bound can be proved from finitely many samples.

    Samples ``f`` at 17, 33, 65, ... Lobatto points until :func:`standard_chop`
    finds a plateau, keeps the coefficients up to the cut-off, and then
    estimates the error a posteriori by sampling ``f`` at about as many new
    points again (the midpoints of the last grid plus ``check_points`` random
    points): the estimate is twice the worst observed error, at least the
    observed error plus the sum of the dropped coefficients, relative to max|f|.
    With ``degree`` given, samples once at ``degree + 1`` points and does not chop.

    Parameters
    ----------
    f : callable
        ``f(x)`` for a float array ``x`` returns a real array of the same shape
        (complex values are refused: fit real and imaginary parts separately).
    domain : (a, b), keyword-only
    tol : float, keyword-only
        Relative accuracy asked for (default machine epsilon); it drives the chopping
        rule, and ``resolved_estimate`` compares ``error_estimate`` with
        ``max(tol, 64 eps)`` (no float series evaluation is claimed better than 64 ulp).
    degree : int, optional, keyword-only
    max_degree : int, keyword-only
        Upper limit of the adaptive search (at most 2**26).
    check_points : int, keyword-only
        Random check points on top of the midpoints (>= 0).
    rng : None, int or numpy.random.Generator, keyword-only
        Source of the random check points (seeded by default: reproducible).

    Returns
    -------
    ChebyshevFit
        When ``resolved_estimate`` is false a :class:`PoorResolutionWarning` is emitted.

    Examples
    --------
    >>> fit = chebyshev_fit(lambda x: 1 / (1 + 25 * x**2))
    >>> fit.resolved_estimate, 150 < fit.degree < 220, fit.error_estimate < 1e-14
    (True, True, True)
    >>> chebyshev_fit(np.cos, degree=16).coefficients.shape
    (17,)
    """
    if not callable(f):
        raise InvalidTypeError("f must be callable")
    dom = _as_domain(domain)
    tol = as_positive_float(tol, "tol")
    check_points = check_count(check_points)
    if check_points < 0:
        raise InvalidArgumentError(f"check_points={check_points} must be >= 0")
    g = as_rng(rng)
    t0 = time.perf_counter()
    if degree is not None:
        degree = as_int(degree, "degree")
        if not 0 <= degree <= MAX_FIT_DEGREE:
            raise InvalidArgumentError(f"degree={degree} must be in [0, {MAX_FIT_DEGREE}]")
        n = degree + 1
        v = _sample_1d(f, chebyshev_points(n, domain=dom))
        c = chebyshev_coefficients(v)
        estimate, extra = _error_estimate(f, c, c, dom, float(np.max(np.abs(v))), check_points, g)
        tail = _relative_tail(c)
        ok = estimate <= max(tol, ACCURACY_FLOOR)
        if not ok:
            warnings.warn(f"chebyshev_fit: estimated relative error {estimate:.2e} at degree {degree} exceeds "
                          f"tol {tol:.2e}", PoorResolutionWarning, stacklevel=2)
        return ChebyshevFit(c, dom, degree, estimate, ok, False, tail, n + extra, time.perf_counter() - t0)
    max_degree = as_int(max_degree, "max_degree")
    if not 1 <= max_degree <= MAX_FIT_DEGREE:
        raise InvalidArgumentError(f"max_degree={max_degree} must be in [1, {MAX_FIT_DEGREE}]")
    n, evaluations = min(17, max_degree + 1), 0
    while True:
        v = _sample_1d(f, chebyshev_points(n, domain=dom))
        evaluations += n
        c = chebyshev_coefficients(v)
        keep = standard_chop(c, tol) if n >= 17 else n
        plateau = keep < n
        if plateau or n - 1 >= max_degree:
            break
        n = min(2 * (n - 1), max_degree) + 1
    tail = _relative_tail(c)
    chopped = c[:keep]
    estimate, extra = _error_estimate(f, chopped, c, dom, float(np.max(np.abs(v))), check_points, g)
    evaluations += extra
    ok = plateau and estimate <= max(tol, ACCURACY_FLOOR)
    if not ok:
        why = ("coefficients still decaying" if not plateau else
               "coefficients levelled off above tol (rounding noise of f itself?)")
        warnings.warn(f"chebyshev_fit: not resolved at degree {n - 1} ({why}): estimated relative error "
                      f"{estimate:.2e} > tol {max(tol, ACCURACY_FLOOR):.2e}", PoorResolutionWarning, stacklevel=2)
    return ChebyshevFit(chopped, dom, chopped.shape[0] - 1, estimate, ok, plateau, tail, evaluations,
                        time.perf_counter() - t0)


MAX_FIT_DEGREE = 2**26


def _relative_tail(c: np.ndarray) -> float:
    n = c.shape[0]
    scale = float(np.max(np.abs(c)))
    if n <= 1 or scale == 0.0:
        return 0.0
    band = max(2, (n - 1) // 8)
    return float(np.max(np.abs(c[n - band:])) / scale)


def _sample_1d(f, x):
    raw = f(x)
    if np.iscomplexobj(raw):
        raise InvalidTypeError("f returned complex values; fit the real and imaginary parts separately")
    try:
        v = np.asarray(raw, dtype=float)
    except (TypeError, ValueError):
        raise InvalidTypeError(f"f returned {type(raw).__name__}, expected a real array") from None
    if v.shape != x.shape:
        try:
            v = np.broadcast_to(v, x.shape).astype(float)
        except ValueError:
            raise InvalidArgumentError(f"f returned shape {v.shape} for points of shape {x.shape}") from None
    if not np.all(np.isfinite(v)):
        raise InvalidArgumentError("f returned NaN or infinite values at sample points (a singularity on the grid?)")
    return v


# ---------------------------------------------------------------- nD tensor products


def chebyshev_grid(sizes: int | Sequence[int], box: BoxLike, *, kind: int = 2) -> list[np.ndarray]:
    """The 1-D Chebyshev point sets of a tensor-product grid on ``box``.

    Examples
    --------
    >>> [g.size for g in chebyshev_grid((3, 5), [(0, 1), (-2, 2)])]
    [3, 5]
    """
    bx = as_box(box)
    if np.ndim(sizes) == 0:
        sizes = (sizes,) * len(bx)
    if len(sizes) != len(bx):
        raise InvalidArgumentError(f"sizes has {len(sizes)} entries but box has {len(bx)} pairs")
    return [chebyshev_points(n, kind=kind, domain=d) for n, d in zip(sizes, bx)]


def chebyshev_coefficients_nd(values: ArrayLike, *, kind: int = 2) -> np.ndarray:
    """Tensor-product Chebyshev coefficients of samples on a Chebyshev grid (one DCT per axis).

    Examples
    --------
    >>> x, y = chebyshev_grid(3, [(-1, 1)] * 2)
    >>> C = chebyshev_coefficients_nd(np.multiply.outer(x, y**2))   # T_1(x) (T_0(y) + T_2(y))/2
    >>> C.round(14) + 0.0
    array([[0. , 0. , 0. ],
           [0.5, 0. , 0.5],
           [0. , 0. , 0. ]])
    """
    c = as_real_array(values, "values")
    if c.ndim == 0:
        raise InvalidArgumentError("values must have at least one dimension (a tensor of grid samples)")
    for axis in range(c.ndim):
        c = chebyshev_coefficients(c, kind=kind, axis=axis)
    return c


def chebyshev_values_nd(coefficients: ArrayLike, *, kind: int = 2) -> np.ndarray:
    """Inverse of :func:`chebyshev_coefficients_nd`: values on the Chebyshev grid.

    Examples
    --------
    >>> chebyshev_values_nd(np.ones((1, 2)))     # 1 + T_1(y) at y = -1, 1
    array([[0., 2.]])
    """
    v = as_real_array(coefficients, "coefficients")
    if v.ndim == 0:
        raise InvalidArgumentError("coefficients must have at least one dimension")
    for axis in range(v.ndim):
        v = chebyshev_values(v, kind=kind, axis=axis)
    return v


def chebyshev_vandermonde(x: ArrayLike, n: int) -> np.ndarray:
    """Matrix ``V[i, k] = T_k(x[i])`` for points in [-1, 1] (internal, compiled recurrence)."""
    x = np.ascontiguousarray(x, dtype=float)
    out = np.empty((n, x.shape[0]))
    _k.chebyshev_vandermonde_columns(x, out)
    return out.T


def chebyshev_evaluate_nd(coefficients: ArrayLike, points: ArrayLike, *, box: BoxLike) -> np.ndarray:
    """Evaluate a tensor-product Chebyshev series at scattered points ``(N, d)``.

    Accuracy: a few ``eps * sum|C|``; cost O(N * size(C)) in chunks of points.

    Examples
    --------
    >>> C = np.zeros((2, 3)); C[1, 2] = 1.0           # T_1(x) T_2(y)
    >>> chebyshev_evaluate_nd(C, [[0.5, 1.0], [1.0, 0.0]], box=[(-1, 1), (-1, 1)])
    array([ 0.5, -1. ])
    """
    C = as_float_array(coefficients, "coefficients")
    bx = as_box(box, C.ndim)
    P = as_float_array(points, "points", ndim=2, last_dim=C.ndim)
    out = np.empty(P.shape[0])
    chunk = max(1, 2**22 // max(1, C.size))
    for s in range(0, P.shape[0], chunk):
        p = P[s:s + chunk]
        T = C
        for d in range(C.ndim):
            V = chebyshev_vandermonde(to_reference_interval(p[:, d], bx[d]), C.shape[d])
            if d == 0:
                T = V @ C.reshape(C.shape[0], -1)
                T = T.reshape((p.shape[0],) + C.shape[1:])
            else:
                T = np.einsum("nk...,nk->n...", T, V)
        out[s:s + chunk] = T
    return out


def chebyshev_integral_nd(coefficients: ArrayLike, *, box: BoxLike) -> float:
    """Integral over ``box`` of a tensor-product Chebyshev series (tensor Clenshaw--Curtis).

    Examples
    --------
    >>> chebyshev_integral_nd(np.ones((1, 1, 1)), box=[(0, 2)] * 3)
    8.0
    """
    C = as_float_array(coefficients, "coefficients")
    bx = as_box(box, C.ndim)
    out = C
    for (a, b) in bx:
        out = np.tensordot(integral_moments(out.shape[0]) * (0.5 * (b - a)), out, axes=(0, 0))
    return float(out)


def chebyshev_interpolate_nd(f: Callable, box: BoxLike, sizes: int | Sequence[int]) -> np.ndarray:
    """Coefficient tensor of the tensor-product interpolant of ``f(x, y, ...)`` at Lobatto points.

    ``f`` is called once on broadcastable coordinate arrays (an open mesh), so it
    must be vectorised.  Accuracy is that of the interpolant (check the last
    coefficient slices); see :class:`spectral.ChebyshevTucker` for the compressed
    format.

    Examples
    --------
    >>> C = chebyshev_interpolate_nd(lambda x, y: x * y, [(-1, 1), (-1, 1)], 3)
    >>> float(C[1, 1])
    1.0
    """
    if not callable(f):
        raise InvalidTypeError("f must be callable")
    bx = as_box(box)
    grids = chebyshev_grid(sizes, bx)
    values = sample_on_grid(f, grids)
    return chebyshev_coefficients_nd(values)


def sample_on_grid(f: Callable, grids: Sequence[np.ndarray]) -> np.ndarray:
    """Values of the vectorised ``f(x, y, ...)`` on the tensor grid of the 1-D ``grids`` (finite, or an error).

    ``f`` is called once on an open mesh (:func:`numpy.ix_`); a result that only
    broadcasts to the grid is expanded.

    Examples
    --------
    >>> sample_on_grid(lambda x, y: x + y, [np.array([0.0, 1.0]), np.array([10.0, 20.0, 30.0])])
    array([[10., 20., 30.],
           [11., 21., 31.]])
    """
    mesh = np.ix_(*grids)
    shape = tuple(g.size for g in grids)
    v = np.asarray(f(*mesh), dtype=float)
    if v.shape != shape:
        v = np.broadcast_to(v, shape).astype(float)
    if not np.all(np.isfinite(v)):
        raise InvalidArgumentError("f returned NaN or infinite values on the Chebyshev grid "
                                   "(a singularity on a grid point?)")
    return v


# every public entry point refuses bad input with mathref.errors (issue 17 section 4)
guard_module(globals())
