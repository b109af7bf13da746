r"""Float Gaunt coefficients: dense blocks and dense tensors, complex and real harmonics.

Accuracy contract: every entry is within a relative error of ``1e-14`` of the
exact coefficient (:func:`mathref.algebra.gaunt` / :func:`mathref.algebra.real_gaunt`); the
tests check ``<= 1e-13`` against the exact values on samples for every
``l <= 64``, and all structural zeros (selection rules) are exact ``0.0``.

Method: a Gaunt coefficient is ``P(l1, l2, l3) · (l1 l2 l3; m1 m2 m3)`` with
``P = sqrt((2l1+1)(2l2+1)(2l3+1)/4π) (l1 l2 l3; 0 0 0)``.  ``P`` is rounded
correctly from its exact value (a square root of a rational) and divided by
the float ``√π``; the 3j symbols come from
:func:`mathref.algebra.wigner_3j_table`, which sums Racah's alternating series exactly
and is accurate to ``1e-15`` relative for any ``j`` (no recursion, so no
instability at large ``l``).  A real coefficient is one complex coefficient
times ``{±1, ±2}·2^{-k/2}`` (see :func:`mathref.algebra.real_gaunt`), so it keeps the
same relative accuracy; the few roundings add at most a handful of ulps.

Dense tensors with at most ``2**22`` entries are cached (16 most recent);
every call returns a fresh, writable copy.

Index layout of the tensors: ``l*l + l + m`` with ``m = -l..l`` for both
bases; the real basis is the standard one (no Condon-Shortley phase, l = 1
is ∝ (y, z, x)), as :func:`mathref.geometry.real_sph_harm`.
"""

from __future__ import annotations

import math

import numpy as np

from mathref import caches
from mathref.errors import InvalidArgumentError
from mathref.exact import round_sqrt_to_float

from ._guards import as_nonneg_int
from .coupling_float import wigner_3j_table
from .gaunt_exact import gaunt_prefactor, is_gaunt_allowed

__all__ = ["gaunt_block", "real_gaunt_block", "gaunt_tensor", "real_gaunt_tensor"]

#: Largest degree accepted by the float functions.
MAX_L = 1000

_SQRT_PI = math.sqrt(math.pi)


def _degree(x, name: str) -> int:
    value = as_nonneg_int(x, name)
    if value > MAX_L:
        raise InvalidArgumentError(f"{name}={x!r} exceeds the supported maximum {MAX_L}")
    return value


@caches.lru(maxsize=4096, name="algebra.angular.gaunt_prefactor_float")
def _prefactor_float(l1: int, l2: int, l3: int) -> float:
    exact = gaunt_prefactor(l1, l2, l3)
    # the √π-free part is rounded correctly; one more rounding for the division
    sign = -1.0 if exact.coefficient < 0 else 1.0
    r2 = exact.coefficient * exact.coefficient * exact.radicand
    return sign * round_sqrt_to_float(r2.numerator, r2.denominator) / _SQRT_PI


def _complex_block(l1: int, l2: int, l3: int) -> np.ndarray:
    if not is_gaunt_allowed(l1, l2, l3):
        return np.zeros((2 * l1 + 1, 2 * l2 + 1, 2 * l3 + 1))
    pre = _prefactor_float(l1, l2, l3)
    if pre == 0.0:
        return np.zeros((2 * l1 + 1, 2 * l2 + 1, 2 * l3 + 1))
    block = wigner_3j_table(l1, l2, l3)
    block *= pre
    return block


def gaunt_block(l1: int, l2: int, l3: int) -> np.ndarray:
    r"""Complex-harmonic Gaunt coefficients of one ``(l1, l2, l3)`` as a dense float64 array.

    Float: relative error ``<= 1e-14`` per entry against :func:`mathref.algebra.gaunt`
    (tested ``<= 1e-13`` up to ``l = 64``); selection-rule zeros are exact.

    Parameters
    ----------
    l1, l2, l3 : int
        Degrees, ``0 <= l <= 1000``.

    Returns
    -------
    numpy.ndarray
        Shape ``(2*l1+1, 2*l2+1, 2*l3+1)``;
        ``block[l1+m1, l2+m2, l3+m3] = gaunt(l1, l2, l3, m1, m2, m3)``.

    Raises
    ------
    ValueError
        A degree that is negative, not an integer, or above 1000.

    Examples
    --------
    >>> from mathref.algebra import gaunt_block
    >>> b = gaunt_block(1, 0, 1)
    >>> b.shape
    (3, 1, 3)
    >>> float(b[2, 0, 0])        # gaunt(1, 0, 1, 1, 0, -1) = -1/(2 sqrt(pi))
    -0.28209479177387814
    """
    return _complex_block(_degree(l1, "l1"), _degree(l2, "l2"), _degree(l3, "l3"))


def _unit_power(m: np.ndarray, mc: np.ndarray) -> np.ndarray:
    """Vectorised ``_unit`` of :mod:`.gaunt_exact`: k with ``U[m, mc] = i**k / sqrt2`` (0 where m == 0)."""
    odd = (np.abs(m) & 1).astype(bool)
    pos = np.where((mc > 0) & odd, 2, 0)
    neg = np.where(mc > 0, np.where(odd, 1, 3), 1)
    return np.where(m > 0, pos, np.where(m < 0, neg, 0))


@caches.lru(maxsize=8, name="algebra.angular.real_gaunt_rules_arrays")
def _real_rules(l1: int, l2: int, l3: int):
    """Arrays (m1, m2, m3, c1, c2, c3) and float weights of every real triple with ``|m_i| <= l_i``.

    The numpy form of :func:`~mathref.algebra.real_gaunt_rules` (the same rules, tested
    equal), built without a Python loop over the ``(2 l1 + 1)(2 l2 + 1)`` order pairs.
    """
    # only |m1| - |m2| within l3 can couple: enumerate those magnitude pairs, then the signs
    a1 = np.arange(l1 + 1)
    if 2 * l3 + 1 < l2 + 1:
        a1, a2 = (x.ravel() for x in np.meshgrid(a1, np.arange(-l3, l3 + 1), indexing="ij"))
        a2 = a1 + a2
    else:
        a1, a2 = (x.ravel() for x in np.meshgrid(a1, np.arange(l2 + 1), indexing="ij"))
    ok = (a2 >= 0) & (a2 <= l2) & (np.abs(a1 - a2) <= l3)
    a1, a2 = a1[ok], a2[ok]
    signed = []
    for s1 in (1, -1):
        for s2 in (1, -1):
            pick = ((s1 > 0) | (a1 != 0)) & ((s2 > 0) | (a2 != 0))  # -0 is +0
            signed.append((s1 * a1[pick], s2 * a2[pick]))
    m1 = np.concatenate([x[0] for x in signed]).astype(np.int64)
    m2 = np.concatenate([x[1] for x in signed]).astype(np.int64)
    a1, a2 = np.abs(m1), np.abs(m2)
    odd_neg = ((m1 < 0).astype(np.int64) + (m2 < 0)) & 1
    parts = []
    for a3 in (a1 + a2, np.abs(a1 - a2)):
        parts.append((m1, m2, a3, a1, a2, odd_neg))
    m1, m2, a3, a1, a2, odd_neg = (np.concatenate(x) for x in zip(*parts))
    # the second candidate repeats the first when a1 or a2 is zero
    first = np.arange(m1.shape[0]) < m1.shape[0] // 2
    keep = (a3 <= l3) & ~((a3 == 0) & (odd_neg == 1)) & (first | ((a1 != 0) & (a2 != 0)))
    m1, m2, a3, a1, a2, odd_neg = (x[keep] for x in (m1, m2, a3, a1, a2, odd_neg))
    m3 = np.where(odd_neg == 1, -a3, a3)
    # the signed triple with zero sum, chosen in the order of gaunt_exact._real_weight
    c1 = np.where(a1 + a2 == a3, a1, np.where(a1 + a3 == a2, a1, -a1))
    c2 = np.where(a1 + a2 == a3, a2, np.where(a1 + a3 == a2, -a2, a2))
    c3 = np.where(a1 + a2 == a3, -a3, a3)
    power = (_unit_power(m1, c1) + _unit_power(m2, c2) + _unit_power(m3, c3)) % 4
    power_flip = (_unit_power(m1, -c1) + _unit_power(m2, -c2) + _unit_power(m3, -c3)) % 4
    real_part = np.array([1, 0, -1, 0])
    all_zero = (c1 == 0) & (c2 == 0) & (c3 == 0)
    total = real_part[power] + np.where(all_zero, 0, real_part[power_flip])
    k = (m1 != 0).astype(np.int64) + (m2 != 0) + (m3 != 0)
    nz = total != 0
    ints = np.stack([m1, m2, m3, c1, c2, c3], axis=1)[nz].astype(np.int64)
    k = k[nz]
    weights = total[nz] * 0.5 ** (k // 2) * np.where(k & 1, math.sqrt(0.5), 1.0)
    return ints, weights


def _real_block(l1: int, l2: int, l3: int) -> np.ndarray:
    out = np.zeros((2 * l1 + 1, 2 * l2 + 1, 2 * l3 + 1))
    if not is_gaunt_allowed(l1, l2, l3):
        return out
    complex_block = _complex_block(l1, l2, l3)
    m, w = _real_rules(l1, l2, l3)
    values = complex_block[m[:, 3] + l1, m[:, 4] + l2, m[:, 5] + l3] * w
    out[m[:, 0] + l1, m[:, 1] + l2, m[:, 2] + l3] = values
    return out


def real_gaunt_block(l1: int, l2: int, l3: int) -> np.ndarray:
    r"""Real-harmonic Gaunt coefficients of one ``(l1, l2, l3)`` as a dense float64 array.

    Float: relative error ``<= 1e-14`` per entry against
    :func:`mathref.algebra.real_gaunt` (tested ``<= 1e-13`` up to ``l = 64``);
    selection-rule zeros are exact.

    Parameters
    ----------
    l1, l2, l3 : int
        Degrees, ``0 <= l <= 1000``.

    Returns
    -------
    numpy.ndarray
        Shape ``(2*l1+1, 2*l2+1, 2*l3+1)``;
        ``block[l1+m1, l2+m2, l3+m3] = real_gaunt(l1, l2, l3, m1, m2, m3)``
        in the standard real form (no Condon-Shortley phase).

    Examples
    --------
    >>> from mathref.algebra import real_gaunt_block
    >>> b = real_gaunt_block(1, 1, 2)
    >>> float(b[0, 0, 4])        # real_gaunt(1, 1, 2, -1, -1, 2) = -sqrt(3/20)/sqrt(pi)
    -0.2185096861184158
    """
    return _real_block(_degree(l1, "l1"), _degree(l2, "l2"), _degree(l3, "l3"))


def _tensor(L1, L2, L3, block_fn) -> np.ndarray:
    L1, L2, L3 = _degree(L1, "L1"), _degree(L2, "L2"), _degree(L3, "L3")
    size = (L1 + 1) ** 2 * (L2 + 1) ** 2 * (L3 + 1) ** 2
    if size > 1 << 28:
        raise InvalidArgumentError(
            f"a dense Gaunt tensor with L1={L1}, L2={L2}, L3={L3} has {size} entries (more than 2**28); "
            "use gaunt_block / real_gaunt_block per (l1, l2, l3) instead"
        )
    if size <= 1 << 22:
        # small tensors are rebuilt often (tensor-product layers); hand out copies of a cached one
        return _cached_tensor(L1, L2, L3, block_fn).copy()
    return _build_tensor(L1, L2, L3, block_fn)


@caches.lru(maxsize=16, name="algebra.angular.gaunt_tensors")
def _cached_tensor(L1: int, L2: int, L3: int, block_fn) -> np.ndarray:
    out = _build_tensor(L1, L2, L3, block_fn)
    out.setflags(write=False)
    return out


def _build_tensor(L1: int, L2: int, L3: int, block_fn) -> np.ndarray:
    out = np.zeros(((L1 + 1) ** 2, (L2 + 1) ** 2, (L3 + 1) ** 2))
    for l1 in range(L1 + 1):
        for l2 in range(L2 + 1):
            for l3 in range(abs(l1 - l2), min(l1 + l2, L3) + 1, 2):
                if (l1 + l2 + l3) & 1:
                    continue
                out[l1 * l1: (l1 + 1) ** 2, l2 * l2: (l2 + 1) ** 2, l3 * l3: (l3 + 1) ** 2] = block_fn(l1, l2, l3)
    return out


def gaunt_tensor(L1: int, L2: int, L3: int) -> np.ndarray:
    r"""Dense float64 tensor of all complex-harmonic Gaunt coefficients with ``l_i <= L_i``.

    Float: relative error ``<= 1e-14`` per entry (see the module docstring);
    zeros from selection rules are exact.

    Parameters
    ----------
    L1, L2, L3 : int
        Band limits.  The tensor has ``(L1+1)²(L2+1)²(L3+1)²`` entries; more
        than ``2**28`` raises ``ValueError`` (use :func:`gaunt_block`).

    Returns
    -------
    numpy.ndarray
        Shape ``((L1+1)**2, (L2+1)**2, (L3+1)**2)``; entry
        ``[l1*l1+l1+m1, l2*l2+l2+m2, l3*l3+l3+m3] = gaunt(l1, l2, l3, m1, m2, m3)``.

    Notes
    -----
    No harmonic is conjugated.  The coupling integral with a conjugated third
    harmonic, used to project a product onto complex SH, is
    ``(-1)**m3 * gaunt(l1, l2, l3, m1, m2, -m3)``: reverse the ``m3`` axis of
    each block and apply the sign.  Real harmonics are their own conjugates,
    which is why products of real-SH features use :func:`real_gaunt_tensor`.

    Examples
    --------
    >>> from mathref.algebra import gaunt_tensor
    >>> G = gaunt_tensor(1, 1, 2)
    >>> G.shape
    (4, 4, 9)
    >>> round(float(G[0, 0, 0]), 15)   # ∫ Y00^3 = 1/(2 sqrt(pi))
    0.282094791773878
    """
    return _tensor(L1, L2, L3, _complex_block)


def real_gaunt_tensor(L1: int, L2: int, L3: int) -> np.ndarray:
    r"""Dense float64 tensor of all real-harmonic Gaunt coefficients with ``l_i <= L_i``.

    Float: relative error ``<= 1e-14`` per entry against
    :func:`mathref.algebra.real_gaunt` (tested ``<= 1e-13`` on samples up to
    ``l = 64``); zeros from selection rules are exact.

    Parameters
    ----------
    L1, L2, L3 : int
        Band limits.  More than ``2**28`` entries raises ``ValueError``.

    Returns
    -------
    numpy.ndarray
        Shape ``((L1+1)**2, (L2+1)**2, (L3+1)**2)``; entry
        ``[l1*l1+l1+m1, l2*l2+l2+m2, l3*l3+l3+m3] = real_gaunt(l1, l2, l3, m1, m2, m3)``,
        standard real form (no Condon-Shortley phase; l = 1 ∝ (y, z, x)).

    Notes
    -----
    The projection onto real SH of degree ``<= L3`` of the product of two
    functions with real-SH coefficients ``x1``, ``x2`` is
    ``np.einsum("i,j,ijk->k", x1, x2, real_gaunt_tensor(L1, L2, L3))``.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref.algebra import real_gaunt_tensor
    >>> G = real_gaunt_tensor(1, 1, 2)
    >>> x = np.array([0.0, 0.0, 1.0, 0.0])               # z·sqrt(3/4π)
    >>> y = np.einsum("i,j,ijk->k", x, x, G)              # z²·3/4π in real SH
    >>> np.round(y, 6)
    array([0.282095, 0.      , 0.      , 0.      , 0.      , 0.      ,
           0.252313, 0.      , 0.      ])
    """
    return _tensor(L1, L2, L3, _real_block)
