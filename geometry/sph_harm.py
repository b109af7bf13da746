"""Spherical harmonics: complex (Condon–Shortley), real, batched and symbolic.

Every float function here evaluates the orthonormal associated Legendre
functions by stable recurrences on fully normalised values (never a factorial),
so it works to degree l ≥ 1000 with no overflow, underflow or NaN at the poles.
Accuracy, tested against mpmath at 40 digits for l ≤ 1000 at the same float
angles: the absolute error is ≤ 1e-12 × sqrt((2l+1)/4π) (the largest value of
that degree) for |cos θ| ≤ 0.99, hence ≤ 1e-12 relative elementwise wherever
|Y| is at least 1% of that maximum; sub-normal results (e.g. l = m = 1000
near a pole) are exact to their representable digits or flush to 0.  Near the
poles (θ or π − θ from 1e-4 to 0.1, m ≤ 10, measured against mpmath at 40
digits, same for :func:`sph_harm` and :func:`sph_harm_all`): ≤ 1.2e-11
absolute (9.4e-13 of the maximum) at l = 1000 and ≤ 4.6e-11 absolute (2.6e-12
of the maximum) at l = 2000.  The recurrences form cos θ · x as ±(x − u·x)
with u = 1 − |cos θ| = 2 sin²(θ/2) (or 2 cos²(θ/2)) taken from the half angle
(ρ²/(r(r + |z|)) for Cartesian input), so the rounding of cos θ, which moves
P_l by up to l²/2 ulps, never enters; what remains is the degree recurrence's
own rounding, which also grows near the poles.  Before that change the same
measurement gave 1.6e-10 (l = 1000) and 9.2e-10 (l = 2000) absolute.

Conventions (see ``docs/conventions.md``): θ is the polar angle from +z, φ the
azimuth from +x; index of (l, m) in a flat array is ``l*l + l + m``.  The
complex-to-real change of basis is in :mod:`~mathref.geometry.real_basis`, the
conversions to sympy's and e3nn's real forms in :mod:`~mathref.geometry.real_forms`.

Internal interface for sibling modules: :func:`legendre_table` (the orthonormal
Legendre functions at many polar angles, as the grids and tensor products need).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike

from mathref import caches
from mathref.dispatch import Tier
from mathref.errors import InvalidArgumentError, InvalidTypeError

from . import _sph_harm_kernels as _k
from ._checks import as_float_array, as_int, as_nonneg_int
from ._limits import check_bytes, check_count

if TYPE_CHECKING:
    import sympy

__all__ = [
    "sph_index",
    "sph_harm",
    "real_sph_harm",
    "sph_harm_all",
    "normalization_factors",
    "sph_harm_symbolic",
]

NORMALIZATIONS = ("integral", "component", "norm")

# the batched kernels keep (lmax+1)(lmax+2)/2 × 32 floats of Legendre values per block of points
_BLOCK_ROWS = 16
_MAX_SYMBOLIC_DEGREE = 200

# small calls run the numpy twins of the batched kernels until compiling pays (see mathref.dispatch)
_TABLE_TIER = Tier(_k, "normalized_legendre_table")
_REAL_TIER = Tier(_k, "real_sph_harm_points")
_COMPLEX_TIER = Tier(_k, "complex_sph_harm_points")


def sph_index(l: int, m: int) -> int:
    """Flat index ``l*l + l + m`` of the harmonic (l, m) in every mathref SH array.

    Examples
    --------
    >>> sph_index(0, 0), sph_index(1, -1), sph_index(2, 2)
    (0, 1, 8)
    """
    l = as_nonneg_int(l, "l")
    m = as_int(m, "m")
    if abs(m) > l:
        raise InvalidArgumentError(f"m={m} must satisfy |m| <= l={l}")
    return l * l + l + m


def _coefficients(lmax: int):
    # the tables are 16 (lmax+1)² bytes: cache only up to lmax = 1024 (≤ 16 MB each, 16 entries)
    check_bytes(16.0 * (lmax + 1) ** 2, argument="l", what=f"the Legendre recurrence tables of degree {lmax}")
    if lmax <= 1024:
        return _cached_coefficients(lmax)
    return _k.legendre_recurrence_coefficients(lmax)


@caches.lru(maxsize=16, name="geometry.sph_harm._coefficients")
def _cached_coefficients(lmax: int):
    tables = _k.legendre_recurrence_coefficients(lmax)
    for t in tables:
        t.setflags(write=False)  # cached: shared between callers and threads
    return tables


def _check_normalization(normalization: str) -> str:
    if not isinstance(normalization, str) or normalization not in NORMALIZATIONS:
        raise InvalidArgumentError(f"normalization={normalization!r} must be one of {NORMALIZATIONS}")
    return normalization


def normalization_factors(lmax: int, normalization: str = "integral") -> np.ndarray:
    """Per-entry factors that turn orthonormal harmonics into another normalisation.

    ``"integral"``: 1 (∫ Y² dΩ = 1); ``"component"``: √(4π) (Σ_m Y_lm² = 2l+1 on
    the unit sphere, e3nn's default); ``"norm"``: √(4π/(2l+1)) (Σ_m Y_lm² = 1).
    Exact up to the rounding of one square root.

    Examples
    --------
    >>> normalization_factors(1, "component").round(4)
    array([3.5449, 3.5449, 3.5449, 3.5449])
    """
    lmax = as_nonneg_int(lmax, "lmax")
    _check_normalization(normalization)
    check_bytes(8.0 * (lmax + 1) ** 2, argument="lmax", what=f"normalization_factors({lmax})")
    ls = np.repeat(np.arange(lmax + 1), 2 * np.arange(lmax + 1) + 1).astype(float)
    if normalization == "integral":
        return np.ones_like(ls)
    if normalization == "component":
        return np.full_like(ls, math.sqrt(4 * math.pi))
    return np.sqrt(4 * math.pi / (2 * ls + 1))


def _check_real(x, name: str) -> None:
    """Refuse None, strings, bools and non-numeric arrays by type (numpy would read None as NaN)."""
    if x is None or isinstance(x, (str, bytes, bool, np.bool_)):
        raise InvalidTypeError(f"{name}={x!r} must be a real number or an array of real numbers")
    kind = np.asarray(x).dtype.kind if not isinstance(x, (int, float)) else "f"
    if kind not in "iuf":
        raise InvalidTypeError(f"{name} must hold real numbers, got {type(x).__name__} of dtype kind {kind!r}")


def _angles(theta, phi):
    _check_real(theta, "theta")
    _check_real(phi, "phi")
    shape_t, shape_p = np.shape(theta), np.shape(phi)
    th = as_float_array(theta, "theta").reshape(shape_t)
    ph = as_float_array(phi, "phi").reshape(shape_p)
    try:
        th, ph = np.broadcast_arrays(th, ph)
    except ValueError:
        raise InvalidArgumentError(f"theta {th.shape} and phi {ph.shape} do not broadcast") from None
    return th, ph


def _legendre_column(l: int, m: int, theta: np.ndarray) -> np.ndarray:
    a, b, sectoral = _coefficients(l)
    flat = np.ascontiguousarray(theta.ravel())
    out = np.empty(flat.shape)
    t = np.cos(flat)
    # 1 - |cos θ| from the half angle, so it keeps its digits near the poles
    u = np.where(t >= 0, 2.0 * np.sin(flat / 2) ** 2, 2.0 * np.cos(flat / 2) ** 2)
    _k.normalized_legendre_column_points(l, m, t, u, np.sin(flat), a, b, sectoral, out)
    return out.reshape(theta.shape)


def legendre_table(lmax: int, theta: np.ndarray) -> np.ndarray:
    """Orthonormal Legendre functions y_l^m(θ), 0 ≤ m ≤ l ≤ lmax, at polar angles (float, internal interface).

    ``theta`` is a 1-d float array, ``lmax`` a validated int; the result has shape
    ``(theta.size, (lmax+1)(lmax+2)/2)`` with y_l^m (no Condon–Shortley phase,
    ∫ y² sin θ dθ dφ = 1 with the azimuthal factor 1) in column ``l(l+1)/2 + m``.
    θ may run over the whole circle: sin θ is then signed, which continues each
    y_l^m to a trigonometric polynomial.  Accuracy as stated in the module
    docstring.  Used by the quadrature grids and the Gaunt tensor products.

    Examples
    --------
    >>> import numpy as np
    >>> table = legendre_table(1, np.array([0.0, np.pi / 2]))   # columns y_0^0, y_1^0, y_1^1
    >>> bool(np.allclose(table * np.sqrt(np.pi), [[0.5, np.sqrt(3) / 2, 0.0], [0.5, 0.0, np.sqrt(3 / 8)]]))
    True
    """
    a, b, sectoral = _coefficients(lmax)
    out = np.empty((theta.shape[0], (lmax + 1) * (lmax + 2) // 2))
    t = np.ascontiguousarray(np.cos(theta))
    u = np.ascontiguousarray(np.where(t >= 0, 2.0 * np.sin(theta / 2) ** 2, 2.0 * np.cos(theta / 2) ** 2))
    s = np.ascontiguousarray(np.sin(theta))
    if not _TABLE_TIER.use_kernel(_k.numpy_cost_seconds(lmax, theta.shape[0])):
        out[...] = _TABLE_TIER.run_twin(_k.legendre_triangle_numpy, lmax, t, u, s, a, b, sectoral).T
        return out
    _k.normalized_legendre_table(lmax, t, u, s, a, b, sectoral, out)
    return out


def sph_harm(l: int, m: int, theta: ArrayLike, phi: ArrayLike) -> complex | np.ndarray:
    """Complex spherical harmonic Y_l^m(θ, φ) with the Condon–Shortley phase (float).

    Equal to ``scipy.special.sph_harm_y(l, m, theta, phi)`` and to sympy's
    ``Ynm(l, m, theta, phi)``; accuracy as stated in the module docstring.
    |m| > l gives 0 (a value, not an error).

    Parameters
    ----------
    l, m : int
        Degree l ≥ 0 and order m.
    theta, phi : float or array_like
        Polar angle from +z and azimuth from +x; broadcast together.

    Returns
    -------
    complex or ndarray of complex

    Notes
    -----
    Y_l^m = (-1)^m sqrt((2l+1)/(4π) (l-m)!/(l+m)!) P_l^m(cos θ) e^{imφ} for
    m ≥ 0 with P_l^m free of the phase, and Y_l^{-m} = (-1)^m conj(Y_l^m).

    Examples
    --------
    >>> import numpy as np
    >>> from scipy.special import sph_harm_y
    >>> bool(np.isclose(sph_harm(3, 2, 0.3, 0.4), sph_harm_y(3, 2, 0.3, 0.4), rtol=1e-14))
    True
    >>> round(sph_harm(1, 0, 0.0, 0.0).real, 6)
    0.488603
    """
    l = as_nonneg_int(l, "l")
    m = as_int(m, "m")
    th, ph = _angles(theta, phi)
    scalar = th.ndim == 0
    if abs(m) > l:
        out = np.zeros(th.shape, dtype=complex)
    else:
        y = _legendre_column(l, abs(m), np.atleast_1d(th)).reshape(th.shape)
        phase = (-1.0) ** m if m > 0 else 1.0
        out = phase * y * np.exp(1j * m * ph)
    return complex(out) if scalar else out


def real_sph_harm(l: int, m: int, theta: ArrayLike, phi: ArrayLike) -> float | np.ndarray:
    """Real spherical harmonic in the standard real form (no Condon–Shortley phase), float.

    Y_lm = √2 y_l^|m|(θ) cos(mφ) for m > 0, y_l^0(θ) for m = 0 and
    √2 y_l^|m|(θ) sin(|m|φ) for m < 0, with y the orthonormal Legendre function
    without phase; this is sphericart's form, so l = 1 is √(3/4π)(y, z, x).
    Accuracy as stated in the module docstring; |m| > l gives 0.

    Parameters
    ----------
    l, m : int
    theta, phi : float or array_like

    Returns
    -------
    float or ndarray

    Notes
    -----
    In terms of the complex CS harmonics: Y_lm = √2 (-1)^m Re Y_l^m (m > 0) and
    √2 (-1)^m Im Y_l^|m| (m < 0).

    Examples
    --------
    >>> import numpy as np
    >>> x, y, z = np.sin(0.7) * np.cos(0.2), np.sin(0.7) * np.sin(0.2), np.cos(0.7)
    >>> c = np.sqrt(3 / (4 * np.pi))
    >>> np.allclose([real_sph_harm(1, m, 0.7, 0.2) for m in (-1, 0, 1)], [c * y, c * z, c * x])
    True
    """
    l = as_nonneg_int(l, "l")
    m = as_int(m, "m")
    th, ph = _angles(theta, phi)
    scalar = th.ndim == 0
    if abs(m) > l:
        out = np.zeros(th.shape)
    else:
        y = _legendre_column(l, abs(m), np.atleast_1d(th)).reshape(th.shape)
        if m > 0:
            out = math.sqrt(2.0) * y * np.cos(m * ph)
        elif m < 0:
            out = math.sqrt(2.0) * y * np.sin(-m * ph)
        else:
            out = y
    return float(out) if scalar else out


def sph_harm_all(lmax: int, points: ArrayLike, *, basis: str = "real", normalization: str = "integral") -> np.ndarray:
    """Every spherical harmonic up to degree ``lmax`` at many points at once (float, Numba).

    Accuracy as stated in the module docstring (stable to l ≥ 1000, no overflow
    or NaN at the poles).

    Parameters
    ----------
    lmax : int
    points : array_like, shape (..., 3) or (..., 2)
        Cartesian vectors (any non-zero length; they are normalised) when the
        last axis has length 3, or angles (θ, φ) when it has length 2.
    basis : {"real", "complex"}
        ``"real"``: standard real form (float64); ``"complex"``: CS complex (complex128).
    normalization : {"integral", "component", "norm"}
        See :func:`normalization_factors`.

    Returns
    -------
    ndarray, shape (..., (lmax+1)**2)
        Entry ``l*l + l + m`` holds Y_lm.

    Examples
    --------
    >>> import numpy as np
    >>> Y = sph_harm_all(1, np.array([[0.0, 0.0, 2.0]]))
    >>> (Y / np.sqrt(3 / (4 * np.pi))).round(12)[0, 1:]
    array([0., 1., 0.])
    >>> sph_harm_all(2, [[0.3, 0.4]], basis="complex").shape
    (1, 9)
    """
    lmax = as_nonneg_int(lmax, "lmax")
    if not isinstance(basis, str) or basis not in ("real", "complex"):
        raise InvalidArgumentError(f"basis={basis!r} must be 'real' or 'complex'")
    _check_normalization(normalization)
    _check_real(points, "points")
    pts = as_float_array(points, "points")
    if pts.ndim == 0 or pts.shape[-1] not in (2, 3):
        raise InvalidArgumentError(
            f"points must have shape (..., 3) (Cartesian) or (..., 2) (theta, phi), got {pts.shape}"
        )
    is_angles = pts.shape[-1] == 2
    npts = max(pts.size // pts.shape[-1], 1)
    entry = 8.0 if basis == "real" else 16.0
    check_bytes(entry * npts * (lmax + 1) ** 2 + 8.0 * _BLOCK_ROWS * (lmax + 1) * (lmax + 2), argument="lmax",
                what=f"sph_harm_all(lmax={lmax}) at {npts} point(s)")
    flat = np.ascontiguousarray(pts.reshape(-1, pts.shape[-1]))
    if not is_angles and flat.shape[0]:
        if np.any(np.all(flat == 0.0, axis=-1)):
            raise InvalidArgumentError("points contains a zero vector, which has no direction")
        # only the direction matters: scale each vector by its largest component so that squares neither
        # overflow ([1e155, 0, 1e155]) nor underflow ([1e-200, 0, 1e-200])
        flat = np.ascontiguousarray(flat / np.max(np.abs(flat), axis=-1, keepdims=True))
    a, b, sectoral = _coefficients(lmax)
    n = (lmax + 1) ** 2
    tier = _REAL_TIER if basis == "real" else _COMPLEX_TIER
    if flat.shape[0] and not tier.use_kernel(_k.numpy_cost_seconds(lmax, flat.shape[0])):
        out = tier.run_twin(_k.sph_harm_points_numpy, lmax, flat, is_angles, a, b, sectoral, basis == "complex")
        if normalization != "integral":
            out *= normalization_factors(lmax, normalization)
        return out.reshape(pts.shape[:-1] + (n,))
    work = np.empty((lmax + 1) * (lmax + 2) // 2)
    if basis == "real":
        out = np.empty((flat.shape[0], n))
        _k.real_sph_harm_points(lmax, flat, is_angles, a, b, sectoral, work, out)
    else:
        out = np.empty((flat.shape[0], n), dtype=np.complex128)
        _k.complex_sph_harm_points(lmax, flat, is_angles, a, b, sectoral, work, out)
    if normalization != "integral":
        out *= normalization_factors(lmax, normalization)
    return out.reshape(pts.shape[:-1] + (n,))


def sph_harm_symbolic(l: int, m: int, *, basis: str = "complex", symbols: tuple | None = None) -> sympy.Expr:
    """Exact Y_l^m as a sympy polynomial in x, y, z, valid on the unit sphere.

    ``basis="complex"``: CS complex harmonic (equal to sympy's ``Ynm`` at
    x = sin θ cos φ, y = sin θ sin φ, z = cos θ); ``basis="real"``: the standard
    real form; ``basis="sympy"`` / ``"e3nn"``: those real forms.  Exact: the
    result is built from rational coefficients and one square root.

    Parameters
    ----------
    l, m : int
    basis : {"complex", "real", "sympy", "e3nn"}
    symbols : tuple of three sympy symbols, optional
        Defaults to real symbols ``x, y, z``.

    Examples
    --------
    >>> import sympy
    >>> sph_harm_symbolic(1, 1, basis="real")
    sqrt(3)*x/(2*sqrt(pi))
    >>> sph_harm_symbolic(1, 1, basis="sympy")
    -sqrt(3)*x/(2*sqrt(pi))
    >>> sph_harm_symbolic(1, -1, basis="e3nn")
    sqrt(3)*x/(2*sqrt(pi))
    """
    import sympy

    l = as_nonneg_int(l, "l")
    m = as_int(m, "m")
    # sympy builds the degree-l Legendre polynomial and its derivatives: measured 0.37 s at l = 80, ≈ cubic
    check_count(l, _MAX_SYMBOLIC_DEGREE, argument="l", what=f"sph_harm_symbolic(l={l})", unit="degree",
                seconds=0.37 * (l / 80) ** 3)
    if not isinstance(basis, str) or basis not in ("complex", "real", "sympy", "e3nn"):
        raise InvalidArgumentError(f"basis={basis!r} must be 'complex', 'real', 'sympy' or 'e3nn'")
    if symbols is None:
        symbols = sympy.symbols("x y z", real=True)
    if (not isinstance(symbols, (tuple, list)) or len(symbols) != 3
            or not all(isinstance(s, sympy.Symbol) for s in symbols)):
        raise InvalidTypeError(f"symbols={symbols!r:.60} must be a tuple of three sympy Symbols (x, y, z) or None")
    x, y, z = symbols
    if abs(m) > l:
        return sympy.Integer(0)
    if basis == "e3nn":
        expr = sph_harm_symbolic(l, m, basis="real", symbols=(z, x, y))
        return sympy.expand(expr)
    if basis == "sympy":
        sign = (-1) ** m if m != 0 else 1
        return sympy.expand(sign * sph_harm_symbolic(l, m, basis="real", symbols=symbols))
    t = sympy.Symbol("_t")
    am = abs(m)
    legendre = sympy.diff(sympy.legendre(l, t), t, am).subs(t, z)
    norm = sympy.sqrt(sympy.Rational(2 * l + 1, 4) * sympy.factorial(l - am) / sympy.factorial(l + am) / sympy.pi)
    w = sympy.expand((x + sympy.I * y) ** am)
    if basis == "complex":
        if m >= 0:
            return sympy.expand((-1) ** am * norm * w * legendre)
        return sympy.expand(norm * sympy.conjugate(w) * legendre)
    if m == 0:
        return sympy.expand(norm * legendre)
    part = sympy.re(w) if m > 0 else sympy.im(w)
    return sympy.expand(sympy.sqrt(2) * norm * part * legendre)
