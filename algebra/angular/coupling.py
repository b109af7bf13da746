"""Exact angular-momentum coupling coefficients: Clebsch-Gordan, Wigner 3j/6j/9j, Racah W.

Every function here is exact: it returns a :class:`~mathref.exact.SqrtRational`
(r·√s with r rational and s a square-free integer) and never touches a float.
Labels may be ints, Fractions, sympy Rationals or floats that are exactly
integer or half-integer.

Algorithm: the Racah single-sum formulas.  The square-root prefactor (triangle
coefficients and factorials of j ± m) is assembled from a cache of square-free
factorial splits, so it needs gcds only and no factorisation; the alternating
sum runs as a Horner scheme on Python ints using the ratio of consecutive terms,
so no term is ever formed from full factorials except the first.
"""

from __future__ import annotations

import math
import numbers
from fractions import Fraction
from math import gcd

from mathref import caches
from mathref.exact import SqrtRational
from mathref.factorials import CACHE_LIMIT, SqrtAccumulator, factorial, factorial_table
from mathref.jit import python_twin
from mathref.validation import check_parity, format_half

from . import _coupling_kernels
from ._factorial_ratio import (
    MAX_EXACT_COST,
    check_exact_cost,
    exact_cost_bits,
    split_small_factors,
    sqrt_factorial_ratio,
)
from ._guards import int_arguments, two_times, two_times_nonneg

__all__ = [
    "clebsch_gordan",
    "wigner_3j",
    "wigner_6j",
    "wigner_9j",
    "racah_w",
    "is_triangle",
    "three_j_doubled",
    "clebsch_gordan_doubled",
    "six_j_doubled",
    "nine_j_doubled",
]

_ZERO = SqrtRational.from_normalized(Fraction(0), 1)



#: What a label may be: an int, a Fraction or sympy Rational, or a float that is exactly a half-integer
#: (numpy integers and 0-d arrays are accepted too).
Label = int | float | numbers.Rational

# doubled labels of the sibling interface are refused beyond int64 range; within it the
# exact paths estimate their own cost (SizeLimitError) before computing
DOUBLED_LIMIT = 1 << 62
# the kernels' integer bookkeeping of Racah's 3j sum, run as plain Python on exact ints
_three_j_sum_range = python_twin(_coupling_kernels.three_j_sum_range)


def _scalar(x):
    """A 0-d numpy array stands for its element (the one label rule shared with the float paths)."""
    if type(x).__module__ == "numpy" and getattr(x, "ndim", None) == 0 and hasattr(x, "shape") and x.shape == ():
        return x[()]
    return x


def _two_j(x, name: str) -> int:
    # ints, Fractions and floats are by far the commonest labels; skip the
    # generic conversion (and Fraction arithmetic) for them
    tx = type(x)
    if tx is int and x >= 0:
        return 2 * x
    if tx is Fraction:
        # int(): a Fraction built from numpy ints keeps them, and int64 arithmetic would overflow
        n, d = int(x.numerator), int(x.denominator)
        if d <= 2 and n >= 0:
            return n * (2 // d)
    return two_times_nonneg(_scalar(x), name)


def _two_m(x, name: str) -> int:
    tx = type(x)
    if tx is int:
        return 2 * x
    if tx is Fraction:
        n, d = int(x.numerator), int(x.denominator)
        if d <= 2:
            return n * (2 // d)
    return two_times(_scalar(x), name)


@int_arguments(DOUBLED_LIMIT)
def is_triangle(ta: int, tb: int, tc: int) -> bool:
    """True when doubled ``j``'s couple: the triangle inequality and an integer ``j1 + j2 + j3``.

    Part of the doubled-label interface (no validation; ints ``2j``).

    Examples
    --------
    >>> is_triangle(2, 2, 4), is_triangle(1, 1, 1)
    (True, False)
    """
    return abs(ta - tb) <= tc <= ta + tb and not (ta + tb + tc) & 1


# ------------------------------------------------------------------- 3j core
@caches.lru(maxsize=1 << 16, name="algebra.angular.sqrt_triangle")
def _sqrt_triangle(ta: int, tb: int, tc: int) -> tuple[int, int, int]:
    """sqrt(Δ(abc)) as (num, den, squarefree s), Δ = (a+b-c)!(a-b+c)!(-a+b+c)!/(a+b+c+1)!."""
    acc = SqrtAccumulator()
    acc.mul_factorial((ta + tb - tc) // 2)
    acc.mul_factorial((ta - tb + tc) // 2)
    acc.mul_factorial((tb + tc - ta) // 2)
    acc.div_factorial((ta + tb + tc) // 2 + 1)
    return acc.num, acc.den, acc.s


@caches.lru(maxsize=1 << 16, name="algebra.angular.sqrt_jm")
def _sqrt_jm(tj: int, tm: int) -> tuple[int, int]:
    """sqrt((j+m)!(j-m)!) as (a, squarefree b)."""
    acc = SqrtAccumulator()
    acc.mul_factorial((tj + tm) // 2)
    acc.mul_factorial((tj - tm) // 2)
    return acc.num, acc.s


def _fold_extra(num: int, s: int, extra) -> tuple[int, int]:
    """Fold ``sqrt(extra)`` (an int or a tuple of small int factors) into ``num * sqrt(s)``."""
    if extra == 1:
        return num, s
    a, b = split_small_factors(extra if isinstance(extra, tuple) else (extra,))
    g = gcd(s, b)
    return num * a * g, (s // g) * (b // g)


def _sign_times(value_num: int, value_den: int, s: int, negative: bool) -> SqrtRational:
    return SqrtRational.from_normalized(Fraction(-value_num if negative else value_num, value_den), s)


def _three_j_one_zero(tj1, tj2, tj3, tm1, tm2, tm3, extra) -> SqrtRational:
    """Closed form with a zero ``j`` (labels already pass the selection rules).

    ``(j j 0; m -m 0) = (-1)**(j-m) / sqrt(2j+1)``; the other positions follow
    by cyclic column permutations, which leave the symbol unchanged.
    """
    if tj3 == 0:
        tj, tm = tj1, tm1
    elif tj1 == 0:
        tj, tm = tj2, tm2
    else:
        tj, tm = tj3, tm3
    # 1/sqrt(2j+1) = sqrt(2j+1) / (2j+1)
    num, s = _fold_extra(1, 1, (tj + 1, *(extra if isinstance(extra, tuple) else (extra,))))
    return _sign_times(num, tj + 1, s, bool((tj - tm) // 2 & 1))


def _three_j_zero_projections(tj1, tj2, tj3, extra) -> SqrtRational:
    """Closed form of ``(j1 j2 j3; 0 0 0)`` for integer j's with even ``J = j1 + j2 + j3 = 2g``.

    ``(-1)**g sqrt((J-2j1)! (J-2j2)! (J-2j3)! / (J+1)!) * g! / ((g-j1)! (g-j2)! (g-j3)!)``
    (Edmonds 1957, eq. 3.7.17): no alternating sum at all.
    """
    j1, j2, j3 = tj1 // 2, tj2 // 2, tj3 // 2
    big_j = j1 + j2 + j3
    g = big_j // 2
    if big_j + 1 > CACHE_LIMIT:
        check_exact_cost(big_j + 1, 1, "3j symbol", _label_text(tj1, tj2, tj3, 0, 0, 0))
    num, den, s = _sqrt_ratio((big_j - 2 * j1, big_j - 2 * j2, big_j - 2 * j3), (big_j + 1,))
    num, s = _fold_extra(num, s, extra)
    fact = factorial_table(g) if g <= CACHE_LIMIT else None
    f = fact.__getitem__ if fact is not None else math.factorial
    rnum = f(g)
    rden = f(g - j1) * f(g - j2) * f(g - j3)
    return _sign_times(num * rnum, den * rden, s, bool(g & 1))


def _sqrt_ratio(top: tuple[int, ...], bottom: tuple[int, ...]) -> tuple[int, int, int]:
    """sqrt(prod top! / prod bottom!) as (num, den, squarefree s): cached splits when small, Legendre when large."""
    if max((*top, *bottom)) > CACHE_LIMIT:
        return sqrt_factorial_ratio(top, bottom)
    acc = SqrtAccumulator()
    for n in top:
        acc.mul_factorial(n)
    for n in bottom:
        acc.div_factorial(n)
    return acc.num, acc.den, acc.s


def _label_text(*doubled: int) -> str:
    return "(" + ", ".join(format_half(t) for t in doubled) + ")"


@int_arguments(DOUBLED_LIMIT)
def three_j_doubled(
    tj1: int, tj2: int, tj3: int, tm1: int, tm2: int, tm3: int, extra: int | tuple[int, ...] = 1
) -> SqrtRational:
    """The exact 3j symbol times ``sqrt(extra)``, from doubled labels (``2j``, ``2m`` as ints).

    The doubled-label interface behind :func:`wigner_3j`: labels are trusted
    (parity not checked), selection rules give exact zero.  ``extra`` is a
    positive int, or a tuple of positive int factors, folded into the square
    root (``2j + 1`` for a Clebsch-Gordan coefficient, the three degree factors
    of a Gaunt coefficient); each factor is split on its own, so a product
    such as ``(2l1+1)(2l2+1)(2l3+1)`` never has to be factorised whole.

    Closed forms are used for a zero ``j`` and for all-zero projections;
    otherwise Racah's sum, after an up-front cost estimate that raises
    :class:`~mathref.errors.InvalidArgumentError` for sizes beyond the exact
    path's budget (``_factorial_ratio.MAX_EXACT_COST``).

    Examples
    --------
    >>> three_j_doubled(2, 2, 0, 2, -2, 0)
    sqrt(1/3)
    >>> three_j_doubled(2, 2, 0, 2, -2, 0, extra=3)
    1
    >>> three_j_doubled(2, 2, 2, 0, 0, 0, extra=(3, 3, 3))
    0
    """
    if tm1 + tm2 + tm3 != 0:
        return _ZERO
    if abs(tm1) > tj1 or abs(tm2) > tj2 or abs(tm3) > tj3:
        return _ZERO
    if not _triangle(tj1, tj2, tj3):
        return _ZERO
    if tj1 == 0 or tj2 == 0 or tj3 == 0:
        return _three_j_one_zero(tj1, tj2, tj3, tm1, tm2, tm3, extra)
    if tm1 == 0 and tm2 == 0 and not tj1 & 1 and not tj2 & 1:
        if (tj1 + tj2 + tj3) // 2 & 1:
            return _ZERO  # (j1 j2 j3; 0 0 0) with odd j1 + j2 + j3
        return _three_j_zero_projections(tj1, tj2, tj3, extra)
    c1, c2, d1, d2, d3, kmin, kmax = _three_j_sum_range(tj1, tj2, tj3, tm1, tm2)
    jsum = (tj1 + tj2 + tj3) // 2 + 1
    if jsum > CACHE_LIMIT:
        check_exact_cost(jsum, kmax - kmin + 1, "3j symbol", _label_text(tj1, tj2, tj3, tm1, tm2, tm3))
        num, den, s = sqrt_factorial_ratio(
            (
                (tj1 + tj2 - tj3) // 2, (tj1 - tj2 + tj3) // 2, (tj2 + tj3 - tj1) // 2,
                (tj1 + tm1) // 2, (tj1 - tm1) // 2, (tj2 + tm2) // 2, (tj2 - tm2) // 2,
                (tj3 + tm3) // 2, (tj3 - tm3) // 2,
            ),
            (jsum,),
        )
    else:
        # square-root prefactor sqrt(Δ · Π (j±m)!) = (num/den)·sqrt(s); the pieces
        # are cached square-free splits, so combining them costs a few gcds
        num, den, s = _sqrt_triangle(tj1, tj2, tj3)
        for a, b in (_sqrt_jm(tj1, tm1), _sqrt_jm(tj2, tm2), _sqrt_jm(tj3, tm3)):
            g = gcd(s, b)
            num *= a * g
            s = (s // g) * (b // g)
    num, s = _fold_extra(num, s, extra)

    # sum_k (-1)^k / (k! (c1+k)! (c2+k)! (d1-k)! (d2-k)! (d3-k)!), Horner in the term ratio
    snum, sden = 1, 1
    for k in range(kmax - 1, kmin - 1, -1):
        a = (d1 - k) * (d2 - k) * (d3 - k)
        b = (k + 1) * (c1 + k + 1) * (c2 + k + 1)
        snum, sden = b * sden - a * snum, b * sden
    fact = factorial_table(jsum)
    first = fact[kmin] * fact[c1 + kmin] * fact[c2 + kmin] * fact[d1 - kmin] * fact[d2 - kmin] * fact[d3 - kmin]
    if ((tj1 - tj2 - tm3) // 2 + kmin) & 1:
        snum = -snum
    return SqrtRational.from_normalized(Fraction(num * snum, den * first * sden), s)
def wigner_3j(j1: Label, j2: Label, j3: Label, m1: Label, m2: Label, m3: Label) -> SqrtRational:
    r"""Exact Wigner 3j symbol :math:`\begin{pmatrix} j_1 & j_2 & j_3\\ m_1 & m_2 & m_3\end{pmatrix}`.

    Exact: returns a :class:`~mathref.exact.SqrtRational`, equal in value to
    ``sympy.physics.wigner.wigner_3j(j1, j2, j3, m1, m2, m3)``.

    Parameters
    ----------
    j1, j2, j3 : int, Fraction, sympy Rational or float
        Non-negative integers or half-integers.
    m1, m2, m3 : same types
        Projections; ``j_i - m_i`` must be an integer.

    Returns
    -------
    SqrtRational
        Exact zero when a selection rule fails: ``m1 + m2 + m3 != 0``,
        ``|m_i| > j_i``, or ``(j1, j2, j3)`` not a triangle with integer sum.

    Raises
    ------
    ValueError
        A label is not a half-integer, a ``j`` is negative, or ``j_i`` and
        ``m_i`` differ in parity.
    TypeError
        A label is not a number.

    Notes
    -----
    Racah's formula (Edmonds 1957, eq. 3.7.3).  Symmetries: even permutations
    of the columns leave the symbol unchanged, odd permutations and
    ``m -> -m`` multiply it by ``(-1)**(j1+j2+j3)``; Regge symmetries hold too.

    Examples
    --------
    >>> from mathref.algebra import wigner_3j
    >>> wigner_3j(1, 1, 0, 1, -1, 0)
    sqrt(1/3)
    >>> wigner_3j(2, 6, 4, 0, 0, 0)
    sqrt(5/143)
    >>> float(wigner_3j(0.5, 0.5, 1, 0.5, -0.5, 0))
    0.4082482904638631
    >>> wigner_3j(1, 1, 3, 0, 0, 0)   # triangle rule fails: exact zero
    0
    """
    t1, t2, t3 = _two_j(j1, "j1"), _two_j(j2, "j2"), _two_j(j3, "j3")
    u1, u2, u3 = _two_m(m1, "m1"), _two_m(m2, "m2"), _two_m(m3, "m3")
    check_parity(t1, u1, "j1", "m1")
    check_parity(t2, u2, "j2", "m2")
    check_parity(t3, u3, "j3", "m3")
    return _three_j(t1, t2, t3, u1, u2, u3)


def clebsch_gordan(j1: Label, m1: Label, j2: Label, m2: Label, j: Label, m: Label) -> SqrtRational:
    r"""Exact Clebsch-Gordan coefficient :math:`\langle j_1 m_1\, j_2 m_2 | j\, m\rangle`.

    Exact: returns a :class:`~mathref.exact.SqrtRational`.  Condon-Shortley
    phase convention.  Equal in value to
    ``sympy.physics.wigner.clebsch_gordan(j1, j2, j, m1, m2, m)`` -- note that
    sympy orders the arguments differently.

    Parameters
    ----------
    j1, m1, j2, m2, j, m : int, Fraction, sympy Rational or float
        Integers or half-integers; ``j``'s non-negative, ``j - m`` integer.

    Returns
    -------
    SqrtRational
        Exact zero when a selection rule fails (``m1 + m2 != m``, ``|m| > j``,
        no triangle).

    Notes
    -----
    ``<j1 m1 j2 m2|j m> = (-1)**(j1-j2+m) * sqrt(2j+1) * (j1 j2 j; m1 m2 -m)``.
    Orthogonality: summing products over ``m1, m2`` (fixed ``j, m, j', m'``)
    gives ``delta(j,j') delta(m,m')``, and summing over ``j, m`` (fixed
    ``m1, m2, m1', m2'``) gives ``delta(m1,m1') delta(m2,m2')``.

    Examples
    --------
    >>> from mathref.algebra import clebsch_gordan
    >>> clebsch_gordan(0.5, 0.5, 0.5, -0.5, 1, 0)
    sqrt(1/2)
    >>> clebsch_gordan(1, 1, 1, -1, 0, 0)
    sqrt(1/3)
    >>> clebsch_gordan(2, 1, 1, -1, 2, 0)
    sqrt(1/2)
    >>> clebsch_gordan(1, 0, 1, 0, 1, 0)   # forbidden by parity
    0
    """
    t1, t2, t = _two_j(j1, "j1"), _two_j(j2, "j2"), _two_j(j, "j")
    u1, u2, u = _two_m(m1, "m1"), _two_m(m2, "m2"), _two_m(m, "m")
    check_parity(t1, u1, "j1", "m1")
    check_parity(t2, u2, "j2", "m2")
    check_parity(t, u, "j", "m")
    return _clebsch_gordan(t1, u1, t2, u2, t, u)


@int_arguments(DOUBLED_LIMIT)
def clebsch_gordan_doubled(tj1: int, tm1: int, tj2: int, tm2: int, tj: int, tm: int) -> SqrtRational:
    """The exact Clebsch-Gordan coefficient from doubled labels, in the order of :func:`clebsch_gordan`.

    The doubled-label interface: labels are trusted, selection rules give exact zero.

    Examples
    --------
    >>> clebsch_gordan_doubled(1, 1, 1, -1, 2, 0)
    sqrt(1/2)
    """
    value = _three_j(tj1, tj2, tj, tm1, tm2, -tm, tj + 1)
    if (tj1 - tj2 + tm) // 2 & 1:
        value = -value
    return value


# ------------------------------------------------------------------- 6j core
def _triad_delta_into(acc: SqrtAccumulator, ta: int, tb: int, tc: int) -> None:
    """Multiply acc by sqrt(Δ(abc))."""
    num, den, s = _sqrt_triangle(ta, tb, tc)
    g = gcd(acc.s, s)
    acc.num *= num * g
    acc.den *= den
    acc.s = (acc.s // g) * (s // g)


def _triad_delta(ta: int, tb: int, tc: int) -> Fraction:
    """Δ(abc) itself, a rational."""
    return Fraction(
        factorial((ta + tb - tc) // 2) * factorial((ta - tb + tc) // 2) * factorial((tb + tc - ta) // 2),
        factorial((ta + tb + tc) // 2 + 1),
    )


def _racah_sum(ta, tb, tc, td, te, tf) -> Fraction:
    """The rational Racah sum of {a b c; d e f} (all four triads assumed valid)."""
    num, den = _racah_sum_parts(ta, tb, tc, td, te, tf)
    return Fraction(num, den)


def _racah_sum_parts(ta, tb, tc, td, te, tf) -> tuple[int, int]:
    """The Racah sum of {a b c; d e f} as an unreduced ``(numerator, denominator > 0)`` pair of ints."""
    beta_max = max(ta + tb + td + te, ta + tc + td + tf, tb + tc + te + tf) // 2
    return _racah_sum_table(factorial_table(beta_max + 1), ta, tb, tc, td, te, tf)


def _racah_sum_table(fact, ta, tb, tc, td, te, tf) -> tuple[int, int]:
    """:func:`_racah_sum_parts` with the factorials read from ``fact`` (indexable up to the largest beta + 1)."""
    a1 = (ta + tb + tc) // 2
    a2 = (ta + te + tf) // 2
    a3 = (td + tb + tf) // 2
    a4 = (td + te + tc) // 2
    b1 = (ta + tb + td + te) // 2
    b2 = (ta + tc + td + tf) // 2
    b3 = (tb + tc + te + tf) // 2
    kmin = max(a1, a2, a3, a4)
    kmax = min(b1, b2, b3)
    if kmin > kmax:
        return 0, 1
    # Horner on the ratio of consecutive terms, from the last term down to the first
    num, den = 1, 1
    for k in range(kmax - 1, kmin - 1, -1):
        a = (k + 2) * (b1 - k) * (b2 - k) * (b3 - k)
        b = (k + 1 - a1) * (k + 1 - a2) * (k + 1 - a3) * (k + 1 - a4)
        num, den = b * den - a * num, b * den
    first_den = (
        fact[kmin - a1] * fact[kmin - a2] * fact[kmin - a3] * fact[kmin - a4]
        * fact[b1 - kmin] * fact[b2 - kmin] * fact[b3 - kmin]
    )
    num *= fact[kmin + 1]
    return (-num if kmin & 1 else num), first_den * den


def _six_j_one_zero(t: tuple[int, ...]) -> SqrtRational:
    """Closed form of a 6j symbol with a zero entry (every triad already couples).

    With ``f = 0`` the triads force ``e = a`` and ``d = b``, and
    ``{a b c; b a 0} = (-1)**(a+b+c) / sqrt((2a+1)(2b+1))`` (Edmonds 1957, eq. 6.3.2).
    By the tetrahedral symmetry the rule is the same for a zero anywhere: a
    zero entry lies in two triads, each of which forces its other two entries
    to be equal (``a`` and ``b``), and ``c`` is the one entry in neither triad
    (the zero's column partner).
    """
    i = t.index(0)
    containing = [tri for tri in _SIX_J_TRIADS if i in tri]
    ta, tb = (t[next(k for k in tri if k != i)] for tri in containing)
    tc = t[(i + 3) % 6]
    num, s = _fold_extra(1, 1, (ta + 1, tb + 1))
    return _sign_times(num, (ta + 1) * (tb + 1), s, bool((ta + tb + tc) // 2 & 1))


# positions (a b c d e f) = 0..5 of the four triads of a 6j symbol
_SIX_J_TRIADS = ((0, 1, 2), (0, 4, 5), (3, 1, 5), (3, 4, 2))


def _six_j_cost_check(ta, tb, tc, td, te, tf) -> None:
    al = ((ta + tb + tc) // 2, (ta + te + tf) // 2, (td + tb + tf) // 2, (td + te + tc) // 2)
    be = ((ta + tb + td + te) // 2, (ta + tc + td + tf) // 2, (tb + tc + te + tf) // 2)
    jsum = max(be) + 1
    if jsum > CACHE_LIMIT:
        check_exact_cost(jsum, max(min(be) - max(al) + 1, 1), "6j symbol", _label_text(ta, tb, tc, td, te, tf))


@int_arguments(DOUBLED_LIMIT)
def six_j_doubled(ta: int, tb: int, tc: int, td: int, te: int, tf: int) -> SqrtRational:
    """The exact 6j symbol ``{a b c; d e f}`` from doubled labels; exact zero unless every triad couples.

    The doubled-label interface behind :func:`wigner_6j` (labels trusted).
    A zero entry uses its closed form; otherwise Racah's sum after an
    up-front cost estimate (``InvalidArgumentError`` beyond the budget).

    Examples
    --------
    >>> six_j_doubled(2, 2, 2, 2, 2, 2)
    1/6
    >>> six_j_doubled(2, 4, 4, 4, 2, 0)    # {1 2 2; 2 1 0} = (-1)**5 / sqrt(15)
    -sqrt(1/15)
    """
    # the four triangle rules written out (generators would cost as much as a small Racah sum)
    if not (abs(ta - tb) <= tc <= ta + tb and abs(ta - te) <= tf <= ta + te
            and abs(td - tb) <= tf <= td + tb and abs(td - te) <= tc <= td + te):
        return _ZERO
    if (ta + tb + tc) & 1 or (ta + te + tf) & 1 or (td + tb + tf) & 1 or (td + te + tc) & 1:
        return _ZERO
    if not (ta and tb and tc and td and te and tf):
        return _six_j_one_zero((ta, tb, tc, td, te, tf))
    if max(ta + tb + td + te, ta + tc + td + tf, tb + tc + te + tf) // 2 + 1 > CACHE_LIMIT:
        _six_j_cost_check(ta, tb, tc, td, te, tf)
    triads = ((ta, tb, tc), (ta, te, tf), (td, tb, tf), (td, te, tc))
    if max(ta + tb + tc, ta + te + tf, td + tb + tf, td + te + tc) // 2 + 1 > CACHE_LIMIT:
        top = []
        for t in triads:
            top += [(t[0] + t[1] - t[2]) // 2, (t[0] - t[1] + t[2]) // 2, (t[1] + t[2] - t[0]) // 2]
        num, den, sq = sqrt_factorial_ratio(tuple(top), tuple((t[0] + t[1] + t[2]) // 2 + 1 for t in triads))
        s = _racah_sum(ta, tb, tc, td, te, tf)
        return SqrtRational.from_normalized(s * Fraction(num, den), sq)
    # sqrt of the four triangle coefficients from their cached splits, times the Racah sum, on plain
    # ints reduced by one gcd at the end (Fraction arithmetic would normalise at every step)
    num, den, s = 1, 1, 1
    for a, b, c in triads:
        n, d, q = _sqrt_triangle(a, b, c)
        g = gcd(s, q)
        num *= n * g
        den *= d
        s = (s // g) * (q // g)
    snum, sden = _racah_sum_parts(ta, tb, tc, td, te, tf)
    num *= snum
    if not num:
        return _ZERO
    den *= sden
    g = gcd(num, den)
    return SqrtRational.from_coprime_ints(num // g, den // g, s)

def wigner_6j(j1: Label, j2: Label, j3: Label, j4: Label, j5: Label, j6: Label) -> SqrtRational:
    r"""Exact Wigner 6j symbol :math:`\begin{Bmatrix} j_1 & j_2 & j_3\\ j_4 & j_5 & j_6\end{Bmatrix}`.

    Exact: returns a :class:`~mathref.exact.SqrtRational` equal in value to
    ``sympy.physics.wigner.wigner_6j(j1, ..., j6)``.

    Returns exact zero unless each of the triads (j1 j2 j3), (j1 j5 j6),
    (j4 j2 j6), (j4 j5 j3) satisfies the triangle rule with an integer sum.
    (sympy raises for a triad with a half-integer sum; we return the value 0,
    since such labels are well formed but cannot couple.)

    Notes
    -----
    Racah's single-sum formula (Edmonds 1957, eq. 6.3.7).  Invariant under any
    permutation of columns and under swapping upper and lower entries in two
    columns.

    Examples
    --------
    >>> from mathref.algebra import wigner_6j
    >>> wigner_6j(1, 1, 1, 1, 1, 1)
    1/6
    >>> wigner_6j(3, 3, 3, 3, 3, 3)
    -1/14
    >>> wigner_6j(0.5, 0.5, 1, 0.5, 0.5, 0)
    1/2
    """
    t = [_two_j(x, f"j{i}") for i, x in enumerate((j1, j2, j3, j4, j5, j6), start=1)]
    return _six_j(*t)


def racah_w(a: Label, b: Label, c: Label, d: Label, e: Label, f: Label) -> SqrtRational:
    r"""Exact Racah W coefficient :math:`W(a b c d; e f)`.

    Exact: returns a :class:`~mathref.exact.SqrtRational` equal in value to
    ``sympy.physics.wigner.racah(a, b, c, d, e, f)``.

    Notes
    -----
    ``W(abcd; ef) = (-1)**(a+b+c+d) * {a b e; d c f}``.

    Examples
    --------
    >>> from mathref.algebra import racah_w
    >>> racah_w(3, 3, 3, 3, 3, 3)
    -1/14
    >>> racah_w(1, 1, 1, 1, 1, 0)
    -1/3
    """
    ta, tb, tc, td, te, tf = (_two_j(x, n) for x, n in zip((a, b, c, d, e, f), "abcdef"))
    value = _six_j(ta, tb, te, td, tc, tf)
    return -value if (ta + tb + tc + td) // 2 & 1 else value


# ------------------------------------------------------------------- 9j
def wigner_9j(
    j1: Label, j2: Label, j3: Label, j4: Label, j5: Label, j6: Label, j7: Label, j8: Label, j9: Label,
) -> SqrtRational:
    r"""Exact Wigner 9j symbol with rows (j1 j2 j3), (j4 j5 j6), (j7 j8 j9).

    Exact: returns a :class:`~mathref.exact.SqrtRational` equal in value to
    ``sympy.physics.wigner.wigner_9j(j1, ..., j9)``.

    Returns exact zero unless every row and every column is a triangle with an
    integer sum.

    Notes
    -----
    The 9j is the sum over x of ``(-1)**(2x) (2x+1)`` times the 6j symbols
    {j1 j4 j7; j8 j9 x} {j2 j5 j8; j4 x j6} {j3 j6 j9; x j1 j2}
    (Edmonds 1957, eq. 6.4.3).  The triangle coefficients that involve x appear
    squared in every term, so the sum is rational and the square root is taken
    once, of the six fixed row and column triads.

    Examples
    --------
    >>> from mathref.algebra import wigner_9j
    >>> wigner_9j(1, 1, 1, 1, 1, 1, 1, 1, 0)
    1/18
    >>> wigner_9j(1, 1, 1, 1, 1, 1, 1, 1, 1)
    0
    >>> wigner_9j(0.5, 0.5, 0, 0.5, 0.5, 0, 1, 1, 0)
    sqrt(1/12)
    """
    t = [_two_j(x, f"j{i}") for i, x in enumerate((j1, j2, j3, j4, j5, j6, j7, j8, j9), start=1)]
    return _nine_j(*t)


@int_arguments(DOUBLED_LIMIT)
def nine_j_doubled(t1: int, t2: int, t3: int, t4: int, t5: int, t6: int, t7: int, t8: int, t9: int) -> SqrtRational:
    """The exact 9j symbol from doubled labels (rows ``t1 t2 t3``, ``t4 t5 t6``, ``t7 t8 t9``).

    The doubled-label interface behind :func:`wigner_9j` (labels trusted);
    exact zero unless every row and column couples.

    Examples
    --------
    >>> nine_j_doubled(2, 2, 2, 2, 2, 2, 2, 2, 0)
    1/18
    """
    fixed = ((t1, t2, t3), (t4, t5, t6), (t7, t8, t9), (t1, t4, t7), (t2, t5, t8), (t3, t6, t9))
    if not all(_triangle(*tri) for tri in fixed):
        return _ZERO
    lo = max(abs(t1 - t9), abs(t4 - t8), abs(t2 - t6))
    hi = min(t1 + t9, t4 + t8, t2 + t6)
    jsum = max(t1, t2, t3, t4, t5, t6, t7, t8, t9) * 2 + hi + 1
    if jsum > CACHE_LIMIT // 2:
        # three Racah sums per value of x, each of up to ~jsum/2 terms
        terms = max((hi - lo) // 2 + 1, 1)
        cost = 3 * terms * exact_cost_bits(jsum, jsum // 2)
        if cost > MAX_EXACT_COST:
            check_exact_cost(jsum * terms, jsum, "9j symbol", _label_text(t1, t2, t3, t4, t5, t6, t7, t8, t9))
    # factorials up to the largest 6j beta + 1 (four labels, one of them x <= hi), indexed directly
    top = max(t1, t2, t3, t4, t5, t6, t7, t8, t9)
    fact = factorial_table((3 * top + hi) // 2 + 2)
    # the terms summed as integer fractions over a running common denominator (one gcd per
    # term; a Fraction per term would cost three)
    total_num, total_den = 0, 1
    for tx in range(lo, hi + 1, 2):
        # the three triads that hold x (each appears squared over the three 6j symbols)
        if not (
            abs(t1 - t9) <= tx <= t1 + t9 and not (t1 + t9 + tx) & 1
            and abs(t8 - t4) <= tx <= t8 + t4 and not (t8 + t4 + tx) & 1
            and abs(t2 - t6) <= tx <= t2 + t6 and not (t2 + t6 + tx) & 1
        ):
            continue
        n1, d1 = _racah_sum_table(fact, t1, t4, t7, t8, t9, tx)
        if not n1:
            continue
        n2, d2 = _racah_sum_table(fact, t2, t5, t8, t4, tx, t6)
        if not n2:
            continue
        n3, d3 = _racah_sum_table(fact, t3, t6, t9, tx, t1, t2)
        if not n3:
            continue
        num = (tx + 1) * n1 * n2 * n3 * (
            fact[(t1 + t9 - tx) // 2] * fact[(t1 - t9 + tx) // 2] * fact[(t9 + tx - t1) // 2]
            * fact[(t8 + t4 - tx) // 2] * fact[(t8 - t4 + tx) // 2] * fact[(t4 + tx - t8) // 2]
            * fact[(t2 + t6 - tx) // 2] * fact[(t2 - t6 + tx) // 2] * fact[(t6 + tx - t2) // 2]
        )
        den = d1 * d2 * d3 * (
            fact[(t1 + t9 + tx) // 2 + 1] * fact[(t8 + t4 + tx) // 2 + 1] * fact[(t2 + t6 + tx) // 2 + 1]
        )
        if tx & 1:
            num = -num
        g = gcd(total_den, den)
        total_num = total_num * (den // g) + num * (total_den // g)
        total_den *= den // g
    total = Fraction(total_num, total_den)
    if not total:
        return _ZERO
    acc = SqrtAccumulator()
    for tri in fixed:
        _triad_delta_into(acc, *tri)
    return SqrtRational.from_normalized(total * acc.fraction(), acc.s)


# the unchecked doubled-label functions, for the trusted callers of this subpackage (the
# public names check their arguments: they are offered to sibling packages)
_triangle = is_triangle.__wrapped__
_three_j = three_j_doubled.__wrapped__
_clebsch_gordan = clebsch_gordan_doubled.__wrapped__
_six_j = six_j_doubled.__wrapped__
_nine_j = nine_j_doubled.__wrapped__
