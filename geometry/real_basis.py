"""The change of basis between complex (Condon–Shortley) and standard real spherical harmonics.

For one degree l, the unitary U_l with Y^real_l = U_l Y^complex_l (rows and
columns ordered m = -l..l) is sparse: for m > 0

    Y_{l,m}  = ((-1)^m Y_l^m + Y_l^{-m}) / √2,
    Y_{l,-m} = ((-1)^m Y_l^m - Y_l^{-m}) / (i√2),

and Y_{l,0} = Y_l^0.  This module is a leaf of the geometry package (it imports
no sibling), so that every module that needs U_l — Wigner D in the real basis,
the real-basis coupling tensors — can import it without a cycle.

Internal interface for sibling modules: :func:`complex_to_real_block` (cached,
read-only).
"""

from __future__ import annotations

import math

import numpy as np

from mathref import caches

from ._checks import as_nonneg_int
from ._limits import check_bytes

__all__ = ["complex_to_real_matrix"]


def complex_to_real_block(l: int) -> np.ndarray:
    """U_l of :func:`complex_to_real_matrix` for an int ``l >= 0``: cached and read-only (internal interface).

    Callers must pass a validated degree and must not write to the array;
    :func:`complex_to_real_matrix` is the public, validating, copying form.
    Cached for l ≤ 200 (≤ 2.6 MB each, 64 entries); larger blocks are rebuilt.

    Examples
    --------
    >>> U = complex_to_real_block(2)
    >>> U.shape, U.flags.writeable, U is complex_to_real_block(2)
    ((5, 5), False, True)
    """
    if l <= 200:
        return _cached_block(l)
    return _build_block(l)


@caches.lru(maxsize=64, name="geometry.real_basis.complex_to_real_block")
def _cached_block(l: int) -> np.ndarray:
    return _build_block(l)


def _build_block(l: int) -> np.ndarray:
    u = np.zeros((2 * l + 1, 2 * l + 1), dtype=complex)
    r = 1 / math.sqrt(2)
    u[l, l] = 1.0
    for m in range(1, l + 1):
        sign = (-1) ** m
        # Y_{l,m} = (Y^m + (-1)^m Y^{-m}) (-1)^m / √2 ; Y_{l,-m} = (Y^m - (-1)^m Y^{-m}) (-1)^m / (i√2)
        u[l + m, l + m] = sign * r
        u[l + m, l - m] = r
        u[l - m, l + m] = -1j * sign * r
        u[l - m, l - m] = 1j * r
    u.setflags(write=False)
    return u


def complex_to_real_matrix(l: int) -> np.ndarray:

    """Unitary U with Y^real_l = U Y^complex_l for one degree (standard real form, exact up to 1/√2 rounding).

    Rows and columns are ordered m = -l..l.

    Examples
    --------
    >>> import numpy as np
    >>> U = complex_to_real_matrix(1)
    >>> np.allclose(U @ U.conj().T, np.eye(3))
    True
    """
    l = as_nonneg_int(l, "l")
    check_bytes(32.0 * (2 * l + 1) ** 2, argument="l", what=f"complex_to_real_matrix({l})")
    return complex_to_real_block(l).copy()
