"""Conversions between the real forms of the spherical harmonics: standard, sympy's and e3nn's.

mathref's real harmonics are the standard form (no Condon–Shortley phase, z
polar, as sphericart).  Two other real forms are in common use:

* ``"sympy"``: the form of ``sympy.physics.wigner.real_gaunt`` (√2 Re/Im of the
  CS harmonic), (-1)^m times the standard form;
* ``"e3nn"``: e3nn's y-polar form, Y^e3nn(x, y, z) = Y^std(z, x, y).

Each is an orthogonal block-diagonal transform of the standard form.  The e3nn
block is the real Wigner D matrix of the cyclic permutation (x, y, z) → (z, x, y),
a proper rotation, so this module sits above :mod:`~mathref.geometry.wigner_d`.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from mathref import caches
from mathref.errors import InvalidArgumentError

from ._checks import as_float_array, as_nonneg_int
from ._limits import check_bytes
from .wigner_d import real_wigner_D_from_matrix

if TYPE_CHECKING:
    from numpy.typing import ArrayLike

__all__ = ["REAL_BASES", "real_basis_matrix", "convert_real_basis"]

REAL_BASES = ("standard", "sympy", "e3nn")

# Y^e3nn(r) = Y^std(Πr) with Π(x, y, z) = (z, x, y), a proper rotation
_E3NN_PERMUTATION = np.array([[0.0, 0.0, 1.0], [1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])


def _basis_block(l: int, basis: str) -> np.ndarray:
    # cached for l ≤ 200 (≤ 1.3 MB each, 64 entries); larger blocks are rebuilt
    return _cached_basis_block(l, basis) if l <= 200 else _build_basis_block(l, basis)


@caches.lru(maxsize=64, name="geometry.real_forms._basis_block")
def _cached_basis_block(l: int, basis: str) -> np.ndarray:
    return _build_basis_block(l, basis)


def _build_basis_block(l: int, basis: str) -> np.ndarray:
    if basis == "standard":
        block = np.eye(2 * l + 1)
    elif basis == "sympy":
        block = np.diag(np.array([(-1.0) ** m if m != 0 else 1.0 for m in range(-l, l + 1)]))
    else:
        block = real_wigner_D_from_matrix(l, _E3NN_PERMUTATION)
        block = np.where(np.abs(block) < 1e-15, 0.0, block)
    block.setflags(write=False)  # cached: shared between callers and threads
    return block


def _check_basis(basis: str, name: str) -> str:
    if not isinstance(basis, str) or basis not in REAL_BASES:
        raise InvalidArgumentError(f"{name}={basis!r} must be one of {REAL_BASES}")
    return basis


def real_basis_matrix(l: int, basis: str = "e3nn") -> np.ndarray:
    """Orthogonal P_l with Y^basis_l(r) = P_l Y^standard_l(r) for one degree (float).

    ``"sympy"``: the real form of ``sympy.physics.wigner.real_gaunt`` (√2 Re/Im of
    the CS harmonic), which is (-1)^m times the standard form, so
    Z_{1,1} = -√(3/4π) x; ``"e3nn"``: e3nn's y-polar form,
    Y^e3nn(x, y, z) = Y^std(z, x, y), so l = 1 is √(3/4π)(x, y, z).
    Entries are exact to about 1e-15.

    Examples
    --------
    >>> real_basis_matrix(1, "e3nn").round(12) + 0.0
    array([[0., 0., 1.],
           [1., 0., 0.],
           [0., 1., 0.]])
    """
    l = as_nonneg_int(l, "l")
    check_bytes(24.0 * (2 * l + 1) ** 2, argument="l", what=f"real_basis_matrix({l})")
    _check_basis(basis, "basis")
    return _basis_block(l, basis).copy()


def _lmax_of(n: int, name: str) -> int:
    lmax = math.isqrt(n) - 1
    if (lmax + 1) ** 2 != n:
        raise InvalidArgumentError(f"{name} has last dimension {n}, which is not (lmax+1)**2")
    return lmax


def convert_real_basis(x: ArrayLike, *, source: str = "standard", target: str = "e3nn") -> np.ndarray:

    """Convert real-SH feature or coefficient arrays (..., (L+1)²) between real forms (float).

    Both the values of the harmonics at a point and the coefficients of a
    function transform with the same orthogonal block-diagonal matrix
    (see :func:`real_basis_matrix`), so one converter serves both.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref.geometry import sph_harm_all
    >>> Y = sph_harm_all(1, np.array([0.6, 0.0, 0.8]))
    >>> (convert_real_basis(Y, target="e3nn")[1:] / np.sqrt(3 / (4 * np.pi))).round(12)
    array([0.6, 0. , 0.8])
    """
    _check_basis(source, "source")
    _check_basis(target, "target")
    arr = as_float_array(x, "x")
    if arr.ndim == 0:
        raise InvalidArgumentError("x must have a last axis of length (L+1)**2")
    lmax = _lmax_of(arr.shape[-1], "x")
    out = np.empty_like(arr)
    for l in range(lmax + 1):
        sl = slice(l * l, (l + 1) ** 2)
        m = _basis_block(l, target) @ _basis_block(l, source).T
        out[..., sl] = arr[..., sl] @ m.T
    return out
