"""QSP phase conventions and the exact conversions between them.

Conventions
-----------
``"Wx"`` (Gilyén, Su, Low, Wiebe 2019), with ``W(x) = exp(i arccos(x) X)``::

    U(x) = e^{i phi_0 Z} W(x) e^{i phi_1 Z} W(x) ... W(x) e^{i phi_d Z},

``d + 1`` phases for degree ``d``; the real target ``f`` is the **real part**
``Re <0|U(x)|0>``.  Zero phases give ``<0|U|0> = T_d(x)``.  The other
conventions are exact re-parametrisations of the same product, see
:func:`convert_phases` and ``docs/conventions.md``.

Besides :func:`convert_phases` this module offers its siblings in
:mod:`spectral.qsp` a small internal interface: :func:`check_convention`,
:func:`as_phases`, :func:`readout_part`, :func:`phases_to_wx` and
:func:`phases_from_wx` (the last two on validated arrays).
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike

from mathref.errors import InvalidArgumentError

from ._inputs import as_float_array, reject_text

__all__ = ["CONVENTIONS", "convert_phases", "reduced_phases", "full_phases"]

#: Names accepted by ``convention=``.
CONVENTIONS = ("Wx", "symmetric", "symmetric-im", "Wz", "reflection", "laurent")

_READOUT = {"Wx": "re", "symmetric": "re", "symmetric-im": "im", "Wz": "re", "reflection": "re", "laurent": "re"}


def check_convention(convention: str) -> str:
    """``convention`` if it is one of :data:`CONVENTIONS`, else an :class:`~mathref.errors.InvalidArgumentError`.

    Examples
    --------
    >>> check_convention("Wx")
    'Wx'
    """
    if not isinstance(convention, str) or convention not in CONVENTIONS:
        raise InvalidArgumentError(f"convention={convention!r} is not one of {CONVENTIONS}")
    return convention


def as_phases(phases: ArrayLike, name: str = "phases") -> np.ndarray:
    """A 1-D float64 array of phases (finite), or an error naming ``name``.

    Examples
    --------
    >>> as_phases([0, 0.5])
    array([0. , 0.5])
    """
    reject_text(phases, name)
    arr = as_float_array(phases, name)
    if arr.ndim != 1:
        raise InvalidArgumentError(f"{name} must be 1-D, got shape {arr.shape}")
    if arr.size == 0:
        raise InvalidArgumentError(f"{name} must contain at least one phase (d + 1 phases for degree d)")
    return arr


def readout_part(convention: str) -> str:
    """``"re"`` or ``"im"``: which part of ``<0|U|0>`` realises the target in ``convention``.

    Examples
    --------
    >>> readout_part("Wx"), readout_part("symmetric-im")
    ('re', 'im')
    """
    return _READOUT[convention]


def convert_phases(phases: ArrayLike, from_convention: str, to_convention: str) -> np.ndarray:
    """Rewrite phases from one convention into another, exactly.

    The conversions are affine maps with coefficients 0, ±1 and offsets that are
    multiples of pi/4, so they introduce at most one rounding per phase.  The readout
    polynomial of the source convention equals the readout of the destination one.

    Parameters
    ----------
    phases : array_like
        Phases in ``from_convention``.
    from_convention, to_convention : str
        Members of :data:`CONVENTIONS`.

    Returns
    -------
    numpy.ndarray

    Notes
    -----
    With ``Wx`` phases (phi_0, ..., phi_d):

    * ``"symmetric"`` is ``"Wx"`` (same product, same real readout);
    * ``"symmetric-im"`` has phi_0 and phi_d increased by pi/4: the new top-left entry
      is ``i <0|U|0>``, so its imaginary part is the old real part;
    * ``"Wz"`` uses the same phases: ``H U_Wx H`` has Z signal and X phase rotations and
      ``<+|H U_Wx H|+> = <0|U_Wx|0>``;
    * ``"laurent"`` (pyqsp's ``signal_operator="Wx"`` with its default x measurement): the same
      Wx product read out as ``<+|U|+>``; phi_0 increased and phi_d decreased by pi/4.  This
      conjugates U by ``e^{i pi/4 Z}``: ``<0|U|0>`` is unchanged and the off-diagonal polynomial
      B becomes iB, so ``Re <+|U|+> = Re <0|U|0>`` always, and ``<+|U|+> = P`` exactly (zero
      imaginary part) when B was real, as for every symmetric phase list (``U^T = U``) and
      every result of :func:`qsp_phases`;
    * ``"reflection"`` (d phases psi_1..psi_d, ``U = prod_k e^{i psi_k Z} R(x)``,
      ``R = [[x, s], [s, -x]]``) uses ``R = -i e^{i pi/4 Z} W e^{i pi/4 Z}``:
      psi_1 = phi_0 + phi_d + (d - 1) pi/2 and psi_{k+1} = phi_k - pi/2 (k = 1..d-1);
      then ``<0|U_R|0> = <0|U_Wx|0>``.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref.spectral import qsp_response
    >>> phi = np.array([0.1, 0.2, 0.3])
    >>> psi = convert_phases(phi, "Wx", "reflection")
    >>> x = np.linspace(-1, 1, 5)
    >>> np.allclose(qsp_response(psi, x, convention="reflection"), qsp_response(phi, x))
    True
    """
    check_convention(from_convention)
    check_convention(to_convention)
    ph = as_phases(phases).copy()
    wx = phases_to_wx(ph, from_convention)
    return phases_from_wx(wx, to_convention)


def phases_to_wx(ph: np.ndarray, conv: str) -> np.ndarray:
    """Wx phases with the same readout as the phases ``ph`` in convention ``conv`` (a new array).

    Examples
    --------
    >>> phases_to_wx(np.array([0.5]), "reflection")
    array([0.5, 0. ])
    """
    if conv in ("Wx", "symmetric", "Wz"):
        return ph.copy()
    if conv == "symmetric-im":
        out = ph.copy()
        out[0] -= math.pi / 4
        out[-1] -= math.pi / 4
        return out
    if conv == "laurent":
        out = ph.copy()
        out[0] -= math.pi / 4
        out[-1] += math.pi / 4
        return out
    # reflection: d phases -> d + 1 phases, putting phi_d = 0
    d = ph.size
    if d == 0:
        raise InvalidArgumentError("reflection-convention phases must contain at least one phase")
    out = np.empty(d + 1)
    out[0] = ph[0] - (d - 1) * math.pi / 2
    out[1:d] = ph[1:] + math.pi / 2
    out[d] = 0.0
    return out


def phases_from_wx(ph: np.ndarray, conv: str) -> np.ndarray:
    """Phases in convention ``conv`` with the same readout as the Wx phases ``ph`` (a new array).

    Examples
    --------
    >>> phases_from_wx(np.array([0.5, 0.0]), "reflection")
    array([0.5])
    """
    if conv in ("Wx", "symmetric", "Wz"):
        return ph.copy()
    if conv == "symmetric-im":
        out = ph.copy()
        out[0] += math.pi / 4
        out[-1] += math.pi / 4
        return out
    if conv == "laurent":
        out = ph.copy()
        out[0] += math.pi / 4
        out[-1] -= math.pi / 4
        return out
    d = ph.size - 1
    if d < 1:
        raise InvalidArgumentError("the reflection convention needs degree >= 1 (at least two Wx phases)")
    out = np.empty(d)
    out[0] = ph[0] + ph[d] + (d - 1) * math.pi / 2
    out[1:] = ph[1:d] - math.pi / 2
    return out


def reduced_phases(phases: ArrayLike, convention: str = "Wx") -> np.ndarray:
    """The first ``ceil((d + 1) / 2)`` phases of a symmetric phase list (``phi_k = phi_{d-k}``).

    Symmetric phases (every :func:`spectral.qsp.qsp_phases` result, in the ``"Wx"``,
    ``"symmetric"``, ``"symmetric-im"`` and ``"Wz"`` conventions) are determined by their first
    half; :func:`full_phases` restores the list.  Raises when the phases are not symmetric
    (to 1e-12), so a reduced list always means what it says.

    Examples
    --------
    >>> reduced_phases([0.1, 0.2, 0.2, 0.1])
    array([0.1, 0.2])
    >>> full_phases([0.1, 0.2], 3)
    array([0.1, 0.2, 0.2, 0.1])
    """
    check_convention(convention)
    if convention in ("reflection", "laurent"):
        raise InvalidArgumentError(f"convention={convention!r} phases are not symmetric; convert to 'Wx' first")
    ph = as_phases(phases)
    if not np.allclose(ph, ph[::-1], rtol=0, atol=1e-12):
        raise InvalidArgumentError("phases are not symmetric (phi_k != phi_{d-k}); no reduced form")
    return ph[: (ph.size + 1) // 2].copy()


def full_phases(reduced: ArrayLike, degree: int) -> np.ndarray:
    """The symmetric list of ``degree + 1`` phases whose first half is ``reduced`` (see :func:`reduced_phases`).

    Examples
    --------
    >>> full_phases([0.1, 0.2, 0.3], 4)
    array([0.1, 0.2, 0.3, 0.2, 0.1])
    """
    from ._inputs import as_nonneg_int

    r = as_phases(reduced, "reduced")
    d = as_nonneg_int(degree, "degree")
    if r.size != (d + 2) // 2:
        raise InvalidArgumentError(f"degree {d} needs {(d + 2) // 2} reduced phases, got {r.size}")
    return np.concatenate([r, r[: d + 1 - r.size][::-1]])
