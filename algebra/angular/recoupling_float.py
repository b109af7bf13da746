r"""Float Wigner 6j and 9j symbols over numpy-broadcast arrays of labels.

Accuracy contract, the same as the 3j path of
:mod:`mathref.algebra.angular.coupling_float`: a value in the float64 normal
range is within one ulp of the exact symbol (in practice the correctly
rounded value), the sign is always right, every zero (selection rule or
structural) is exactly ``0.0``, and no label ever gives NaN or inf.  Results
below the normal range behave as documented for the 3j path (gradual
underflow, then a signed zero).

Method
------
**Small labels** (every number below ``2**53``; all 6j with ``j <= 5`` and
all 9j with ``j <= 5`` in practice, most 6j up to ``j = 8``): each term of
Racah's sum is ``(k+1)`` times a multinomial coefficient, so the sum ``R``
is an integer, and so is every triangle number ``N = 1 / Delta(a b c)``.
Both are computed exactly in doubles (every product is checked to stay
below ``2**53`` first).  A 6j is then ``R / sqrt(N1 N2 N3 N4)``, one
double-double product, square root and quotient: relative error below
``2**-100`` before the final rounding.  A 9j is the sum over ``x`` of the
rationals ``(-1)**(2x) (2x+1) R1 R2 R3 / (N1 N2 N3)``, summed in double-double
with a running error bound and divided by the square root of the six fixed
triangle numbers; when the bound cannot certify the rounded value (an
accidental zero, in practice), the sum is reduced modulo primes below
``2**31``: ``M1! M2! M3!`` is a common denominator, so enough primes for
which the sum vanishes prove it zero exactly (otherwise the exact path is
taken).  These kernels need neither limbs nor scaling, and small labels
compile nothing else.  Larger labels take the general path below.

**6j**: Racah's single sum (Edmonds 1957, eq. 6.3.7) split as for the 3j
symbol: the alternating sum, with its first term factored out, is evaluated
exactly on limb big integers inside the Numba kernel (exact sign, exact
zeros, no cancellation), and the square-root prefactor (four triangle
coefficients and the first term) comes from a table of factorials in
exponent-scaled double-double.  The relative error before the final rounding
is below ``(25 n + 80) 2**-104 + 2**-88`` with ``n`` the largest factorial
argument (below ``2**-86`` for ``j <= 50``, ``2**-78`` at ``j = 10000``).

**9j**: the sum over ``x`` of ``(-1)**(2x) (2x+1)`` times three 6j symbols
(Edmonds 1957, eq. 6.4.3), factored: the triangle coefficients that hold
``x`` appear squared over the three symbols, so each term is three exact
Racah sums (as for the 6j) times three triangle coefficients, without a
square root, and the square root of the six fixed row and column triangle
coefficients is taken once.  The terms are formed and summed in
double-double together with a rigorous bound on the error of the sum.  The
result is accepted when that bound is below ``2**-60`` of its magnitude (so it
can differ from the correctly rounded double by at most one ulp, and only next
to a rounding tie); otherwise (heavy cancellation, or an exact zero that the
float sum cannot prove) the symbol is recomputed with the exact
:func:`mathref.algebra.wigner_9j` and rounded correctly.  The fallback is rare
for random labels (counted in ``benchmarks/bench_angular_float.py``: none in
1000 random 9j with ``j <= 5`` since the modular zero test) and costs what
the exact symbol costs.

Labels are limited to ``j <= 10000``.

References
----------
A. R. Edmonds, *Angular Momentum in Quantum Mechanics* (Princeton, 1957).
H. T. Johansson and C. Forssén, SIAM J. Sci. Comput. 38 (2016) A376.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from . import _recoupling_kernels as _k
from ._float_labels import MAX_TWO_J, binomial_table, broadcast_doubled, factorial_dd, scalar_labels
from .coupling import nine_j_doubled

__all__ = ["wigner_6j_array", "wigner_9j_array"]

# the unchecked doubled-label functions (labels here are trusted ints; the public
# names check their arguments for sibling packages)
_nine_j_doubled = nine_j_doubled.__wrapped__
_MAX_J = MAX_TWO_J // 2
_NAMES_6J = ("j1", "j2", "j3", "j4", "j5", "j6")
_NAMES_9J = tuple(f"j{i}" for i in range(1, 10))


def _plain_doubled(args: tuple) -> list[int] | None:
    """Doubled labels when every argument is a plain int or float label in range, else None.

    Plain means a Python ``int`` or ``float`` or a numpy ``int64`` or ``float64``
    scalar (what indexing an array gives).

    The fast path of the one-symbol calls: a few list operations instead of the
    general checks, which still run (and raise the errors) for anything else,
    including NaN, inf, negative or oversized labels and non-half-integers.
    """
    out = []
    for x in args:
        tx = type(x)
        if tx is np.int64:
            x = int(x)
            tx = int
        elif tx is np.float64:
            x = float(x)
            tx = float
        if tx is int:
            if x < 0 or x > _MAX_J:
                return None
            out.append(x + x)
        elif tx is float:
            t = x + x
            try:
                i = int(t)
            except (ValueError, OverflowError):  # NaN, inf
                return None
            if i != t or i < 0 or i > MAX_TWO_J:
                return None
            out.append(i)
        else:  # arrays, bools, numpy scalars, Fractions: the general path decides
            return None
    return out


def _prepare(args: tuple, names: tuple[str, ...]) -> tuple[list[np.ndarray], tuple[int, ...]]:
    """Doubled flat label columns and the result shape (scalars are 0-d)."""
    nonneg = (True,) * len(args)
    scalars = scalar_labels(args, names, nonneg)
    if scalars is not None:
        return [np.array([t], np.int64) for t in scalars], ()
    return broadcast_doubled(args, names, nonneg)


def _shape_result(out: np.ndarray, shape: tuple[int, ...]) -> np.ndarray | np.float64:
    out = out.reshape(shape)
    return out[()] if out.ndim == 0 else out


def wigner_6j_array(
    j1: ArrayLike, j2: ArrayLike, j3: ArrayLike, j4: ArrayLike, j5: ArrayLike, j6: ArrayLike
) -> np.ndarray | np.float64:
    r"""Wigner 6j symbols :math:`\{j_1 j_2 j_3; j_4 j_5 j_6\}` in float64 over broadcast label arrays.

    Accuracy: within one ulp of the exact :func:`mathref.algebra.wigner_6j`
    (in practice correctly rounded), exact sign, exact ``0.0`` for every
    zero, never NaN/inf.

    Parameters
    ----------
    j1, j2, j3, j4, j5, j6 : array_like
        Non-negative integers or half-integers (ints of any dtype, floats such
        as 1.5, Fractions, sympy Rationals, 0-d arrays), ``j <= 10000``, in
        shapes that broadcast together.

    Returns
    -------
    numpy.ndarray or numpy.float64
        Float64 values of the broadcast shape (a numpy scalar when every label
        is a scalar).  ``0.0`` unless each triad (j1 j2 j3), (j1 j5 j6),
        (j4 j2 j6), (j4 j5 j3) is a triangle with an integer sum.

    Raises
    ------
    ValueError
        Naming the argument: a label that is not a half-integer, a negative
        label, ``j > 10000``, or shapes that do not broadcast.
    TypeError
        Labels that are not numbers (strings, booleans).

    Notes
    -----
    Same values as :func:`mathref.algebra.wigner_6j` and
    ``sympy.physics.wigner.wigner_6j``; method and error bound in the module
    docstring.  About 0.1 µs per symbol in arrays for ``j <= 5``, 0.5 µs for
    ``j <= 20`` (``benchmarks/RESULTS.md``).

    Examples
    --------
    >>> from mathref.algebra import wigner_6j_array
    >>> float(wigner_6j_array(1, 1, 1, 1, 1, 1))   # 1/6
    0.16666666666666666
    >>> wigner_6j_array(2, 2, [0, 1, 2, 3, 4, 5], 2, 2, 2)
    array([ 0.2       , -0.1       , -0.04285714,  0.11428571,  0.05714286,
            0.        ])
    """
    args = (j1, j2, j3, j4, j5, j6)
    scalars = _plain_doubled(args)
    if scalars is None:
        scalars = scalar_labels(args, _NAMES_6J, (True,) * 6)
    if scalars is not None:  # one symbol: skip the numpy machinery
        value, ok = _k.six_j_single(*scalars, binomial_table())
        if not ok:
            value = _k.six_j_single_general(*scalars, *factorial_dd(2 * max(scalars) + 2))
        return np.float64(value)
    cols, shape = _prepare(args, _NAMES_6J)
    n = cols[0].shape[0]
    out = np.zeros(n, np.float64)
    general = np.zeros(n, np.uint8)
    if n and _k.six_j_batch(*cols, binomial_table(), out, general):
        # labels too large for exact doubles: the limb / scaled double-double kernel, on those rows only
        rows = np.flatnonzero(general)
        sub = [c[rows] for c in cols]
        top = int(max(c.max() for c in sub))
        part = np.zeros(rows.shape[0], np.float64)
        _k.six_j_batch_general(*sub, *factorial_dd(2 * top + 2), part)
        out[rows] = part
    return _shape_result(out, shape)


def wigner_9j_array(
    j1: ArrayLike, j2: ArrayLike, j3: ArrayLike, j4: ArrayLike, j5: ArrayLike, j6: ArrayLike,
    j7: ArrayLike, j8: ArrayLike, j9: ArrayLike,
) -> np.ndarray | np.float64:
    r"""Wigner 9j symbols with rows (j1 j2 j3), (j4 j5 j6), (j7 j8 j9), in float64 over broadcast label arrays.

    Accuracy: within one ulp of the exact :func:`mathref.algebra.wigner_9j`
    (certified by an error bound for every value; the rare values the bound
    cannot certify are recomputed exactly), exact sign, exact ``0.0`` for
    every zero, never NaN/inf.

    Parameters
    ----------
    j1, ..., j9 : array_like
        Non-negative integers or half-integers, ``j <= 10000``, in shapes that
        broadcast together.

    Returns
    -------
    numpy.ndarray or numpy.float64
        Float64 values of the broadcast shape.  ``0.0`` unless every row and
        every column is a triangle with an integer sum.

    Raises
    ------
    ValueError
        Naming the argument, as :func:`wigner_6j_array`.
    TypeError
        Labels that are not numbers.

    Notes
    -----
    Same values as :func:`mathref.algebra.wigner_9j` and
    ``sympy.physics.wigner.wigner_9j``; method, error bound and fallback in
    the module docstring.

    Examples
    --------
    >>> from mathref.algebra import wigner_9j_array
    >>> float(wigner_9j_array(1, 1, 1, 1, 1, 1, 1, 1, 0))   # 1/18
    0.05555555555555555
    >>> wigner_9j_array(1, 1, 1, 1, 1, 1, 1, 1, [0, 1, 2])
    array([0.05555556, 0.        , 0.05555556])
    """
    args = (j1, j2, j3, j4, j5, j6, j7, j8, j9)
    scalars = _plain_doubled(args)
    if scalars is None:
        scalars = scalar_labels(args, _NAMES_9J, (True,) * 9)
    if scalars is not None:
        value, status = _k.nine_j_single(*scalars, binomial_table())
        if status == 2:
            # 6j symbols of the sum have labels up to 2 top; their betas reach 4 top
            value, status = _k.nine_j_single_general(*scalars, *factorial_dd(4 * max(scalars) + 4))
        return np.float64(value if status else float(_nine_j_doubled(*scalars)))
    cols, shape = _prepare(args, _NAMES_9J)
    n = cols[0].shape[0]
    out = np.zeros(n, np.float64)
    certified = np.zeros(n, np.uint8)
    if n and _k.nine_j_batch(*cols, binomial_table(), out, certified):
        rows = np.flatnonzero(certified == 2)
        sub = [c[rows] for c in cols]
        top = int(max(c.max() for c in sub))
        part = np.zeros(rows.shape[0], np.float64)
        part_cert = np.zeros(rows.shape[0], np.uint8)
        _k.nine_j_batch_general(*sub, *factorial_dd(4 * top + 4), part, part_cert)
        out[rows] = part
        certified[rows] = part_cert
    if n:
        for i in np.flatnonzero(certified == 0):
            out[i] = float(_nine_j_doubled(*(int(c[i]) for c in cols)))
    return _shape_result(out, shape)
