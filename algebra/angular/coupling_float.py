r"""Float Clebsch-Gordan coefficients and Wigner 3j symbols: dense tables and batched evaluators.

Accuracy contract: a value in the float64 normal range is within one ulp of
the exact coefficient (relative error below ``2.3e-16``, far inside the
``1e-13`` the project asks for) and in practice is the correctly rounded
value.  Tests compare with ``float()`` of the exact :func:`mathref.algebra.wigner_3j` /
:func:`mathref.algebra.clebsch_gordan` (correctly rounded) and require at most one ulp
for random labels with ``j <= 200`` and for pinned and random cases up to
``j = 1000``.  Signs are always right, structural ("non-trivial") zeros
come out as exactly ``0.0``, and no label ever produces NaN or inf.  Exact
magnitudes below the normal range (``< 2**-1022 ~ 2.2e-308``, which happens
only for j in the hundreds) lose relative precision gradually as subnormals,
with an absolute error of at most ``2**-1074``; below ``2**-1075 ~ 2.5e-324`` the
result is a zero carrying the sign of the exact value (``-0.0`` for negative
coefficients), which is also what ``float()`` of the exact value gives.

Method
------
Racah's single-sum formula (Edmonds 1957, eq. 3.7.3),

.. math::

   \begin{pmatrix} j_1 & j_2 & j_3\\ m_1 & m_2 & m_3\end{pmatrix}
   = (-1)^{j_1-j_2-m_3}\sqrt{\Delta(j_1j_2j_3)\prod_i (j_i+m_i)!(j_i-m_i)!}
     \sum_k \frac{(-1)^k}{k!\,(c_1+k)!\,(c_2+k)!\,(d_1-k)!\,(d_2-k)!\,(d_3-k)!},

split into the two places where floating point goes wrong:

* The alternating sum cancels catastrophically for large j (terms exceed the
  result by hundreds of orders of magnitude) and is exactly zero for the
  structural zeros.  It is evaluated **exactly**: factoring out the first term,
  the sum is ``P/Q`` with ``Q`` the product of the term-ratio denominators,
  built by a Horner scheme on big integers held as arrays of 30-bit limbs
  inside the Numba kernel (the scheme WIGXJPF uses with prime-factorised
  multiword integers, here in its simplest form).  Exactness fixes the sign
  and the zeros.
* The square-root prefactor and the first term are products and quotients of
  factorials.  They are formed from a table of ``n!`` in **exponent-scaled
  double-double** arithmetic, ``(hi + lo) * 2**e`` with about 106 significant
  bits and an unbounded integer exponent (so ``3000!`` neither overflows nor
  loses digits), then a double-double square root, then multiplied by ``P/Q``
  read off the leading limbs of ``P`` and ``Q``.

No logarithms of gamma functions are involved.  About 30 double-double
operations, each with relative error near ``2**-104``, separate the exact
value from the double-double result, so the final rounding to float64 is the
only visible error (it can differ from correct rounding only within about
``2**-90`` of a rounding tie, and then by one ulp).  The cost of one symbol
grows like the number of terms times the size of ``Q`` in limbs (each Horner
step is one fused pass over the limbs), roughly ``j**2 / 10`` limb operations:
a microsecond or two for random labels with j <= 200, tens of nanoseconds per
entry of a dense Clebsch-Gordan table, 0.1-1 ms at j = 1000 (measured in
``benchmarks/bench_angular_float.py``).  Tables share the j-only part of the
prefactor across their entries.  Labels are limited to ``j <= 10000``.

References
----------
A. R. Edmonds, *Angular Momentum in Quantum Mechanics* (Princeton, 1957),
eq. 3.7.3 and 3.7.4.  H. T. Johansson and C. Forssén, "Fast and accurate
evaluation of Wigner 3j, 6j, and 9j symbols using prime factorisation and
multiword integer arithmetic", SIAM J. Sci. Comput. 38 (2016) A376.
T. J. Dekker, "A floating-point technique for extending the available
precision", Numer. Math. 18 (1971) 224.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from mathref.errors import SizeLimitError
from mathref.validation import check_parity

from . import _coupling_kernels as _k
from ._float_labels import MAX_TWO_J, broadcast_doubled, check_parity_arrays, factorial_dd, scalar_doubled  # noqa: F401
from ._float_labels import scalar_labels as _scalar_labels
from .bulk_exact import _dense_rounded_table

if TYPE_CHECKING:
    from fractions import Fraction

    import sympy
    from numpy.typing import ArrayLike

    # a non-negative integer or half-integer label, as the docstrings list them
    HalfInteger = int | float | Fraction | sympy.Rational

_factorial_table = factorial_dd  # the name the tests and benchmarks know

#: Dense tables with ``j1 + j2 + j3`` up to this are made from exact Python ints and rounded correctly
#: (:func:`~mathref.algebra.angular.bulk_exact._dense_rounded_table`, tested bit-identical to the kernels):
#: under a millisecond each, where the first call of the big-integer kernels compiles for several seconds
#: on a cold Numba cache.  Larger tables, where the kernels pay, use them.
PYTHON_TABLE_MAX_J_SUM = 24

__all__ = ["clebsch_gordan_table", "wigner_3j_table", "clebsch_gordan_array", "wigner_3j_array"]

def _evaluate(args, names, j_positions, jm_pairs, kernel, single):
    """Validate six labels (scalars or arrays), run a batch kernel, shape the result."""
    nonneg = tuple(i in j_positions for i in range(6))
    scalars = _scalar_labels(args, names, nonneg)
    if scalars is not None:  # one symbol: skip the numpy machinery
        for a, b in jm_pairs:
            check_parity(scalars[a], scalars[b], names[a], names[b])
        jsum = sum(scalars[i] for i in j_positions)
        return np.float64(single(*scalars, *_factorial_table(jsum // 2 + 2)))
    cols, shape = broadcast_doubled(args, names, nonneg)
    for a, b in jm_pairs:
        check_parity_arrays(cols[a], cols[b], names[a], names[b])
    jsum = int((cols[j_positions[0]] + cols[j_positions[1]] + cols[j_positions[2]]).max()) if cols[0].size else 0
    out = np.zeros(cols[0].shape[0], np.float64)
    if out.size:
        kernel(*cols, *_factorial_table(jsum // 2 + 2), out)
    out = out.reshape(shape)
    return out[()] if out.ndim == 0 else out


# ------------------------------------------------------------------ public API
def wigner_3j_array(j1: ArrayLike, j2: ArrayLike, j3: ArrayLike, m1: ArrayLike, m2: ArrayLike,
                    m3: ArrayLike) -> np.ndarray | np.float64:
    r"""Wigner 3j symbols in float64 over numpy-broadcast arrays of labels.

    Accuracy: within one ulp of the exact :func:`mathref.algebra.wigner_3j` (relative
    error below 2.3e-16; in practice correctly rounded), exact sign, exact
    ``0.0`` for every zero, never NaN/inf; see the module docstring for
    results below the float64 normal range.

    Parameters
    ----------
    j1, j2, j3 : array_like
        Non-negative integers or half-integers (ints, floats such as 1.5,
        Fractions or sympy Rationals; any mix of shapes that broadcast).
    m1, m2, m3 : array_like
        Projections; ``j_i - m_i`` must be an integer.

    Returns
    -------
    numpy.ndarray or numpy.float64
        Float64 array of the broadcast shape (a numpy scalar when every label
        is a scalar).  Selection-rule violations (``m1 + m2 + m3 != 0``,
        ``|m_i| > j_i``, no triangle or a half-integer ``j1 + j2 + j3``) give
        ``0.0``.

    Raises
    ------
    ValueError
        Naming the argument: a label that is not a half-integer, a negative
        ``j``, ``j_i`` and ``m_i`` of different parity, ``j > 10000``, or
        shapes that do not broadcast.
    TypeError
        Labels that are not numbers (strings, booleans).

    Notes
    -----
    Condon-Shortley convention, the same values as :func:`mathref.algebra.wigner_3j`
    and ``sympy.physics.wigner.wigner_3j``.  Method and error analysis: module
    docstring of :mod:`mathref.algebra.angular.coupling_float` (exact Racah sum on big
    integers, exponent-scaled double-double prefactor).  Cost per symbol grows
    roughly like ``j**2``; a microsecond or so for j up to a few tens.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref.algebra import wigner_3j_array
    >>> float(wigner_3j_array(1, 1, 0, 1, -1, 0))   # sqrt(1/3)
    0.5773502691896257
    >>> wigner_3j_array(2, 2, [0, 1, 2, 3, 4, 5], 0, 0, 0)
    array([ 0.4472136 ,  0.        , -0.23904572,  0.        ,  0.23904572,
            0.        ])
    >>> float(wigner_3j_array(1000, 1000, 1000, 0, 0, 0))
    0.0006059581243831523
    """
    return _evaluate(
        (j1, j2, j3, m1, m2, m3), ("j1", "j2", "j3", "m1", "m2", "m3"), (0, 1, 2), ((0, 3), (1, 4), (2, 5)),
        _k.wigner_3j_batch, _k.wigner_3j_single,
    )


def clebsch_gordan_array(j1: ArrayLike, m1: ArrayLike, j2: ArrayLike, m2: ArrayLike, j: ArrayLike,
                         m: ArrayLike) -> np.ndarray | np.float64:
    r"""Clebsch-Gordan coefficients ``<j1 m1 j2 m2 | j m>`` in float64 over broadcast label arrays.

    Accuracy: within one ulp of the exact :func:`mathref.algebra.clebsch_gordan`
    (relative error below 2.3e-16; in practice correctly rounded), exact
    sign, exact ``0.0`` for every zero, never NaN/inf.

    Parameters
    ----------
    j1, m1, j2, m2, j, m : array_like
        Labels in the argument order of :func:`mathref.algebra.clebsch_gordan`;
        ``j``'s non-negative integers or half-integers, ``j - m`` integer.

    Returns
    -------
    numpy.ndarray or numpy.float64
        Float64 values of the broadcast shape; ``0.0`` where a selection rule
        fails (``m1 + m2 != m``, ``|m| > j``, no triangle).

    Raises
    ------
    ValueError
        Malformed labels, naming the argument (see :func:`wigner_3j_array`).
    TypeError
        Labels that are not numbers.

    Notes
    -----
    Condon-Shortley phase:
    ``<j1 m1 j2 m2|j m> = (-1)**(j1-j2+m) sqrt(2j+1) (j1 j2 j; m1 m2 -m)``;
    the factor ``2j+1`` enters inside the double-double square root, so it adds
    no rounding.  Same values as :func:`mathref.algebra.clebsch_gordan` and
    ``sympy.physics.wigner.clebsch_gordan(j1, j2, j, m1, m2, m)``.

    Examples
    --------
    >>> from mathref.algebra import clebsch_gordan_array
    >>> float(clebsch_gordan_array(0.5, 0.5, 0.5, -0.5, 1, 0))   # sqrt(1/2)
    0.7071067811865476
    >>> clebsch_gordan_array(1, [-1, 0, 1], 1, [1, 0, -1], 0, 0)   # the singlet
    array([ 0.57735027, -0.57735027,  0.57735027])
    """
    return _evaluate(
        (j1, m1, j2, m2, j, m), ("j1", "m1", "j2", "m2", "j", "m"), (0, 2, 4), ((0, 1), (2, 3), (4, 5)),
        _k.clebsch_gordan_batch, _k.clebsch_gordan_single,
    )


#: ceiling on the memory one dense table may take (the geometry package's arrays use the same 2**31 bytes)
MAX_TABLE_BYTES = 2**31


def _check_table_bytes(t1: int, t2: int, t3: int, what: str) -> None:
    """Refuse, before allocating, a dense table above :data:`MAX_TABLE_BYTES` (numpy would raise MemoryError)."""
    nbytes = 8 * (t1 + 1) * (t2 + 1) * (t3 + 1)
    if nbytes > MAX_TABLE_BYTES:
        estimate = f"≈ {nbytes / 1e9:.3g} GB"
        raise SizeLimitError(
            f"{what}: a dense float64 array of shape ({t1 + 1}, {t2 + 1}, {t3 + 1}) needs {estimate}, above the "
            f"limit {MAX_TABLE_BYTES / 1e9:.3g} GB; use wigner_3j_array on the labels you need",
            argument="j", estimate=estimate)


def clebsch_gordan_table(j1: HalfInteger, j2: HalfInteger, j: HalfInteger) -> np.ndarray:
    r"""All Clebsch-Gordan coefficients of ``j1 x j2 -> j`` as a dense float64 array.

    Accuracy: the same as :func:`clebsch_gordan_array` (within one ulp of
    the exact values, exact signs and zeros).

    Parameters
    ----------
    j1, j2, j : int, float, Fraction or sympy Rational
        Non-negative integers or half-integers.

    Returns
    -------
    numpy.ndarray
        Shape ``(2*j1+1, 2*j2+1, 2*j+1)``;
        ``table[j1+m1, j2+m2, j+m] = <j1 m1 j2 m2 | j m>`` (Condon-Shortley).
        All zeros when ``(j1, j2, j)`` is not a triangle with integer sum.
        A fresh array on every call.

    Raises
    ------
    ValueError
        A label that is not a non-negative half-integer, or ``j > 10000``;
        ``SizeLimitError`` when the array would exceed ``MAX_TABLE_BYTES`` (2**31 bytes).

    Notes
    -----
    Only the entries with ``m1 + m2 = m`` are computed (the rest are zero), each
    by the exact-sum method of :mod:`mathref.algebra.angular.coupling_float`.  For fixed
    ``j1, j2`` the tables over ``j`` form an orthogonal matrix:
    ``sum_{j,m} table_j[a, b, m] table_j[a', b', m] = delta`` .

    Examples
    --------
    >>> from mathref.algebra import clebsch_gordan_table
    >>> t = clebsch_gordan_table(0.5, 0.5, 1)
    >>> t.shape
    (2, 2, 3)
    >>> t[:, :, 1]          # m = 0 row of the triplet
    array([[0.        , 0.70710678],
           [0.70710678, 0.        ]])
    >>> float(clebsch_gordan_table(1, 1, 0)[0, 2, 0])   # <1 -1 1 1|0 0> = sqrt(1/3)
    0.5773502691896257
    """
    t1, t2, t = scalar_doubled(j1, "j1"), scalar_doubled(j2, "j2"), scalar_doubled(j, "j")
    _check_table_bytes(t1, t2, t, f"clebsch_gordan_table({j1}, {j2}, {j})")
    if t1 + t2 + t <= 2 * PYTHON_TABLE_MAX_J_SUM:
        return _dense_rounded_table(t1, t2, t, True)
    out = np.zeros((t1 + 1, t2 + 1, t + 1), np.float64)
    fact = _factorial_table((t1 + t2 + t) // 2 + 2)
    _k.clebsch_gordan_dense(t1, t2, t, *fact, out)
    return out


def wigner_3j_table(j1: HalfInteger, j2: HalfInteger, j3: HalfInteger) -> np.ndarray:
    r"""All Wigner 3j symbols with fixed ``j1, j2, j3`` as a dense float64 array.

    Accuracy: the same as :func:`wigner_3j_array` (within one ulp of the
    exact values, exact signs and zeros).

    Parameters
    ----------
    j1, j2, j3 : int, float, Fraction or sympy Rational
        Non-negative integers or half-integers.

    Returns
    -------
    numpy.ndarray
        Shape ``(2*j1+1, 2*j2+1, 2*j3+1)``;
        ``table[j1+m1, j2+m2, j3+m3] = (j1 j2 j3; m1 m2 m3)``; nonzero only
        where ``m1 + m2 + m3 = 0``.  All zeros without a triangle.

    Raises
    ------
    ValueError
        A label that is not a non-negative half-integer, or ``j > 10000``;
        ``SizeLimitError`` when the array would exceed ``MAX_TABLE_BYTES`` (2**31 bytes).

    Notes
    -----
    The 3j symbols of one ``(j1, j2, j3)`` satisfy
    ``sum_{m1,m2} table[m1, m2, m3] table[m1, m2, m3'] = delta(m3, m3') / (2 j3 + 1)``.

    Examples
    --------
    >>> from mathref.algebra import wigner_3j_table
    >>> t = wigner_3j_table(1, 1, 1)
    >>> t.shape
    (3, 3, 3)
    >>> float(t[2, 1, 0])     # (1 1 1; 1 0 -1) = -sqrt(1/6)
    -0.408248290463863
    """
    t1, t2, t3 = scalar_doubled(j1, "j1"), scalar_doubled(j2, "j2"), scalar_doubled(j3, "j3")
    _check_table_bytes(t1, t2, t3, f"wigner_3j_table({j1}, {j2}, {j3})")
    if t1 + t2 + t3 <= 2 * PYTHON_TABLE_MAX_J_SUM:
        return _dense_rounded_table(t1, t2, t3, False)
    out = np.zeros((t1 + 1, t2 + 1, t3 + 1), np.float64)
    fact = _factorial_table((t1 + t2 + t3) // 2 + 2)
    _k.wigner_3j_dense(t1, t2, t3, *fact, out)
    return out
