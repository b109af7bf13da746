"""Spin-weighted spherical harmonics ₛY_lm(θ, φ) (float, Numba), stable to l ≥ 1000.

    ₛY_lm(θ, φ) = (−1)^s sqrt((2l+1)/(4π)) e^{imφ} d^l_{m,−s}(θ)
               = (−1)^s sqrt((2l+1)/(4π)) conj(D^l_{m,−s}(φ, θ, 0)),

with d and D of :func:`~mathref.geometry.wigner_D`; s = 0 gives the
Condon–Shortley harmonics of :func:`~mathref.geometry.sph_harm`, and the
values equal ``spherical``'s ``Wigner(ell_max).sYlm(s, R)`` at
R = ``quaternionic.array.from_spherical_coordinates(θ, φ)`` (Goldberg et al.
1967, as in the gravitational-wave literature; checked in the tests).  Zero
for l < |s| or |m| > l (values, not errors).

Algorithm: only the column d^l_{m,−s} is needed, and each of its entries is
advanced in the degree by the three-term recursion for fixed orders (m, −s),
started from closed forms at l = max(|m|, |s|)
(:func:`~mathref.geometry._wigner_d_kernels.spin_weighted_sph_harm_points`):
O(lmax²) per point whatever s, every coefficient computed once per degree for
all points.  Accuracy: the d-matrix accuracy (absolute ≤ 1e-12 at l = 1000 away
from the poles, ≤ 3e-11 at θ = 1e-4, measured against mpmath at 700 digits;
see :mod:`~mathref.geometry.wigner_d`) times sqrt((2l+1)/4π).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from mathref.errors import InvalidArgumentError, InvalidTypeError

from . import _wigner_d_kernels as _k
from ._checks import as_float_array, as_int, as_nonneg_int

__all__ = ["spin_weighted_sph_harm", "spin_weighted_sph_harm_all"]

# result entries (complex, 16 bytes) and the O(|s| lmax²) work per point: refuse past these
_MAX_ENTRIES = 2**27
_MAX_WORK = 5e10


def _angles(theta, phi):
    for value, name in ((theta, "theta"), (phi, "phi")):
        if value is None or isinstance(value, (bool, str, bytes)):
            raise InvalidTypeError(f"{name}={value!r} must be a real number or an array of real numbers")
    th = as_float_array(theta, "theta").reshape(np.shape(theta))
    ph = as_float_array(phi, "phi").reshape(np.shape(phi))
    try:
        return np.broadcast_arrays(th, ph)
    except ValueError:
        raise InvalidArgumentError(f"theta {th.shape} and phi {ph.shape} do not broadcast") from None


def _check_cost(s: int, lmax: int, points: int) -> None:
    entries = points * (lmax + 1) ** 2
    work = points * (abs(s) + 1) * (lmax + 2) ** 2
    if entries > _MAX_ENTRIES or work > _MAX_WORK:
        raise InvalidArgumentError(
            f"spin-weighted harmonics for s={s}, lmax={lmax} at {points} point(s): {entries:.3g} values "
            f"(≈ {16 * entries / 1e9:.2g} GB) and ≈ {work:.2g} recursion steps (≈ {work / 3e8:.0f} s), above the "
            f"limits {_MAX_ENTRIES:.3g} values / {_MAX_WORK:.0g} steps; split the points or lower lmax"
        )


def spin_weighted_sph_harm_all(s: int, lmax: int, theta: ArrayLike, phi: ArrayLike) -> np.ndarray:
    """ₛY_lm for every 0 ≤ l ≤ lmax, −l ≤ m ≤ l at broadcast angles, shape (..., (lmax+1)²) (complex float).

    Entry ``l*l + l + m`` holds ₛY_lm (zero for l < |s|), the layout of
    :func:`~mathref.geometry.sph_harm_all`.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref.geometry import sph_harm_all
    >>> Y = spin_weighted_sph_harm_all(0, 3, 0.4, 1.1)
    >>> np.allclose(Y, sph_harm_all(3, [0.4, 1.1], basis="complex"))
    True
    >>> Y1 = spin_weighted_sph_harm_all(1, 1, 0.4, 1.1)    # ₁Y_10 = sqrt(3/8π) sin θ
    >>> bool(np.isclose(Y1[2], np.sqrt(3 / (8 * np.pi)) * np.sin(0.4)))
    True
    """
    s = as_int(s, "s")
    lmax = as_nonneg_int(lmax, "lmax")
    th, ph = _angles(theta, phi)
    n = (lmax + 1) ** 2
    if abs(s) > lmax:
        # every ₛY_lm with l <= lmax < |s| vanishes: a value, and no work array of |s| rows
        _check_cost(0, lmax, max(th.size, 1))
        return np.zeros(th.shape + (n,), dtype=np.complex128)
    _check_cost(s, lmax, max(th.size, 1))
    flat_t = np.ascontiguousarray(th.reshape(-1))
    flat_p = ph.reshape(-1)
    out = np.empty((flat_t.shape[0], n), dtype=np.complex128)
    _k.spin_weighted_sph_harm_points(s, lmax, flat_t, np.ascontiguousarray(flat_p), out)
    return out.reshape(th.shape + (n,))


def spin_weighted_sph_harm(s: int, l: int, m: int, theta: ArrayLike, phi: ArrayLike) -> complex | np.ndarray:
    """One spin-weighted harmonic ₛY_lm(θ, φ) at broadcast angles (complex float; zero for l < |s| or |m| > l).

    Examples
    --------
    >>> import numpy as np
    >>> v = spin_weighted_sph_harm(-2, 2, 2, 0.7, 0.3)    # ₋₂Y_22 = sqrt(5/64π) (1 + cos θ)² e^{2iφ}
    >>> bool(np.isclose(v, np.sqrt(5 / (64 * np.pi)) * (1 + np.cos(0.7)) ** 2 * np.exp(0.6j)))
    True
    """
    s = as_int(s, "s")
    l = as_nonneg_int(l, "l")
    m = as_int(m, "m")
    th, ph = _angles(theta, phi)
    scalar = th.ndim == 0
    if abs(m) > l or abs(s) > l:
        out = np.zeros(th.shape, dtype=complex)
    else:
        out = spin_weighted_sph_harm_all(s, l, th, ph)[..., l * l + l + m]
    return complex(out) if scalar else out
