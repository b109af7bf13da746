"""QSP responses and unitaries: the SU(2) products of a phase sequence, evaluated at signal values.

Float: each factor is an exactly unitary 2x2 product in double precision, so the
error is a few units of rounding times the number of factors.  The products are
those of :mod:`spectral.qsp.conventions`; the compiled loops are in
:mod:`spectral.qsp._qsp_kernels`.  :func:`wx_top_left` is the internal interface
the solvers use (Wx phases, validated contiguous points, no checks).
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike

from mathref.errors import InvalidArgumentError

from . import _qsp_kernels as _k
from ._inputs import as_float_array, reject_text
from .conventions import as_phases, check_convention

__all__ = ["qsp_response", "qsp_unitary"]


def _as_points(x) -> tuple[np.ndarray, tuple]:
    reject_text(x, "x")
    arr = as_float_array(x, "x")
    shape = arr.shape
    flat = np.ascontiguousarray(arr.ravel())
    if flat.size and (np.max(flat) > 1.0 or np.min(flat) < -1.0):
        raise InvalidArgumentError("x must lie in [-1, 1] (the signal is cos of an angle)")
    return flat, shape


def _sines(x: np.ndarray) -> np.ndarray:
    return np.sqrt(np.maximum(0.0, (1.0 - x) * (1.0 + x)))


def _reflection_as_wx(psi: np.ndarray) -> np.ndarray:
    """Wx phases whose product equals i^d times the reflection product of ``psi``.

    Uses R(x) = -i e^{i pi/4 Z} W(x) e^{i pi/4 Z} factor by factor.
    """
    d = psi.size
    out = np.empty(d + 1)
    out[0] = psi[0] + math.pi / 4
    out[1:d] = psi[1:] + math.pi / 2
    out[d] = math.pi / 4
    return out


def _wx_phases(phases: np.ndarray, convention: str) -> np.ndarray:
    if convention == "reflection":
        if phases.size == 0:
            raise InvalidArgumentError("reflection-convention phases must contain at least one phase")
        return _reflection_as_wx(phases)
    return phases


def wx_top_left(phases_wx: np.ndarray, x: np.ndarray, s: np.ndarray | None = None) -> np.ndarray:
    """``<0|U(x)|0>`` of the Wx product for a contiguous float64 array ``x`` (no validation).

    ``s`` is ``sqrt(1 - x^2)``, computed from ``x`` when omitted; callers holding an
    angle pass ``sin(theta)``, which keeps the implied angle accurate near x = +-1.

    Examples
    --------
    >>> wx_top_left(np.zeros(3), np.array([0.5]))      # T_2(0.5)
    array([-0.5+0.j])
    """
    out = np.empty(x.size, dtype=np.complex128)
    _k.wx_top_left_entries(np.ascontiguousarray(phases_wx), x, _sines(x) if s is None else s, out)
    return out


def qsp_response(phases: ArrayLike, x: ArrayLike, *, convention: str = "Wx") -> np.ndarray:
    """The complex QSP response ``<0|U(x)|0>`` by SU(2) products, vectorised over ``x``.

    Accurate to a few units of rounding times the number of factors (each factor is
    an exactly unitary 2x2 product in double precision).

    Parameters
    ----------
    phases : array_like
        Phase factors in ``convention``.
    x : array_like
        Signal values in [-1, 1] (any shape).
    convention : str
        ``"Wx"``, ``"symmetric"``, ``"symmetric-im"`` (all read ``<0|U|0>`` of the Wx
        product), ``"Wz"`` (returns ``<+|U|+>`` of the product with Z signal and X phases,
        which equals the Wx value), ``"laurent"`` (``<+|U|+>`` of the Wx product, pyqsp's
        default readout) or ``"reflection"`` (``<0|U|0>`` of the reflection
        product).

    Returns
    -------
    numpy.ndarray
        Complex array of the shape of ``x``.

    Notes
    -----
    The target of a real-readout convention is ``response.real``; of ``"symmetric-im"``
    it is ``response.imag``.  See :mod:`spectral.qsp.conventions` for the products.

    Examples
    --------
    >>> import numpy as np
    >>> x = np.array([0.3, -0.7])
    >>> np.allclose(qsp_response(np.zeros(4), x), np.cos(3 * np.arccos(x)))  # T_3
    True
    """
    convention = check_convention(convention)
    ph = _wx_phases(as_phases(phases), convention)
    if ph.size == 0:
        raise InvalidArgumentError("phases must contain at least one phase")
    flat, shape = _as_points(x)
    if convention == "laurent":
        U = np.empty((flat.size, 2, 2), dtype=np.complex128)
        _k.wx_unitaries(np.ascontiguousarray(ph), flat, U)
        return (0.5 * U.sum(axis=(1, 2))).reshape(shape)
    out = wx_top_left(ph, flat)
    if convention == "reflection":
        out *= (-1j) ** (ph.size - 1)
    return out.reshape(shape)


def qsp_unitary(phases: ArrayLike, x: ArrayLike, *, convention: str = "Wx") -> np.ndarray:
    """The full SU(2) matrices ``U(x)``, shape ``x.shape + (2, 2)``.

    For ``"Wz"`` the matrices are in the Z-signal frame (``H U_Wx H``).

    Examples
    --------
    >>> import numpy as np
    >>> U = qsp_unitary([0.1, 0.2, 0.3], np.array([0.5]))
    >>> np.allclose(U[0] @ U[0].conj().T, np.eye(2))
    True
    """
    convention = check_convention(convention)
    ph = _wx_phases(as_phases(phases), convention)
    flat, shape = _as_points(x)
    out = np.empty((flat.size, 2, 2), dtype=np.complex128)
    _k.wx_unitaries(np.ascontiguousarray(ph), flat, out)
    if convention == "reflection":
        out *= (-1j) ** (ph.size - 1)
    elif convention == "Wz":
        h = np.array([[1.0, 1.0], [1.0, -1.0]]) / math.sqrt(2.0)
        out = h @ out @ h
    return out.reshape(shape + (2, 2))
