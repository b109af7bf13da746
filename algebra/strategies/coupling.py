"""Hypothesis strategies for angular-momentum labels.

All strategies return labels as :class:`fractions.Fraction` (exact, accepted by
every mathref function and by sympy after ``sympy.Rational``) and take
keyword-only bounds that are validated when the strategy is built.
"""

from __future__ import annotations

from fractions import Fraction

from hypothesis import strategies as st

from mathref.errors import InvalidArgumentError

#: A bound given as an integer or half-integer (1, 1.5, Fraction(3, 2), "3/2").
Bound = int | float | Fraction | str

__all__ = [
    "half_integers",
    "angular_momenta",
    "projections",
    "triangle_triples",
    "three_j_labels",
    "clebsch_gordan_labels",
    "six_j_labels",
]


def _check_bound(name: str, value) -> int:
    two = 2 * Fraction(value)
    if two.denominator != 1 or two < 0:
        raise InvalidArgumentError(f"{name}={value!r} must be a non-negative integer or half-integer")
    return int(two)


def half_integers(*, min_value: Bound = -10, max_value: Bound = 10) -> st.SearchStrategy[Fraction]:
    """Integers and half-integers in ``[min_value, max_value]`` as Fractions.

    >>> half_integers(min_value=0, max_value=1).example() in {0, Fraction(1, 2), 1}
    True
    """
    lo, hi = 2 * Fraction(min_value), 2 * Fraction(max_value)
    if lo.denominator != 1 or hi.denominator != 1 or lo > hi:
        raise InvalidArgumentError(
            f"bounds min_value={min_value!r}, max_value={max_value!r} must be half-integers, min <= max"
        )
    return st.integers(int(lo), int(hi)).map(lambda t: Fraction(t, 2))


def angular_momenta(*, max_j: Bound = 6, integer: bool | None = None) -> st.SearchStrategy[Fraction]:
    """Non-negative j up to ``max_j``; ``integer=True/False`` restricts to integer/half-odd j."""
    top = _check_bound("max_j", max_j)
    s = st.integers(0, top)
    if integer is True:
        s = s.filter(lambda t: t % 2 == 0)
    elif integer is False:
        if top < 1:
            raise InvalidArgumentError("integer=False needs max_j >= 1/2")
        s = s.filter(lambda t: t % 2 == 1)
    return s.map(lambda t: Fraction(t, 2))


def projections(j: Bound) -> st.SearchStrategy[Fraction]:
    """Valid projections m = -j, -j+1, ..., j of a fixed j."""
    tj = _check_bound("j", j)
    return st.integers(0, tj).map(lambda k: Fraction(2 * k - tj, 2))


@st.composite
def _triangle_triples(draw, top):
    t1 = draw(st.integers(0, top))
    t2 = draw(st.integers(0, top))
    lo, hi = abs(t1 - t2), min(t1 + t2, top)
    if lo > hi:
        t2 = t1
        lo, hi = 0, min(2 * t1, top)
    t3 = draw(st.integers(0, (hi - lo) // 2).map(lambda k: lo + 2 * k))
    return Fraction(t1, 2), Fraction(t2, 2), Fraction(t3, 2)


def triangle_triples(*, max_j: Bound = 6) -> st.SearchStrategy[tuple[Fraction, Fraction, Fraction]]:
    """Triples (j1, j2, j3) that satisfy the triangle rule with an integer sum."""
    return _triangle_triples(_check_bound("max_j", max_j))


@st.composite
def _three_j(draw, top):
    j1, j2, j3 = draw(_triangle_triples(top))
    m1 = draw(projections(j1))
    m2 = draw(projections(j2))
    m3 = -m1 - m2
    if abs(m3) > j3:  # push m2 toward a valid m3 rather than filtering
        m2 = max(-j2, min(j2, -m1 - (j3 if m3 > 0 else -j3)))
        m2 = m2 if (j2 - m2).denominator == 1 else m2 + Fraction(1, 2)
        m3 = -m1 - m2
    return j1, j2, j3, m1, m2, m3


def three_j_labels(*, max_j: Bound = 6) -> st.SearchStrategy[tuple[Fraction, ...]]:
    """Labels (j1, j2, j3, m1, m2, m3) of 3j symbols; mostly nonzero (m-sum and triangle hold)."""
    return _three_j(_check_bound("max_j", max_j))


def clebsch_gordan_labels(*, max_j: Bound = 6) -> st.SearchStrategy[tuple[Fraction, ...]]:
    """Labels (j1, m1, j2, m2, j, m) in the argument order of :func:`mathref.algebra.clebsch_gordan`."""
    return three_j_labels(max_j=max_j).map(lambda t: (t[0], t[3], t[1], t[4], t[2], -t[5]))


@st.composite
def _six_j(draw, top):
    j1, j2, j3 = draw(_triangle_triples(top))
    t1, t2, t3 = int(2 * j1), int(2 * j2), int(2 * j3)
    t4 = draw(st.integers(0, top))
    # j5 must couple with (j4, j3); j6 with both (j1, j5) and (j4, j2)
    lo5, hi5 = abs(t4 - t3), min(t4 + t3, top)
    if lo5 > hi5:
        return j1, j2, j3, j1, j2, j3  # {a b c; a b c} always has valid triads
    t5 = lo5 + 2 * draw(st.integers(0, (hi5 - lo5) // 2))
    lo6 = max(abs(t1 - t5), abs(t4 - t2))
    hi6 = min(t1 + t5, t4 + t2, top)
    if lo6 > hi6 or (lo6 - abs(t1 - t5)) % 2:
        return j1, j2, j3, j1, j2, j3
    t6 = lo6 + 2 * draw(st.integers(0, (hi6 - lo6) // 2))
    return tuple(Fraction(t, 2) for t in (t1, t2, t3, t4, t5, t6))


def six_j_labels(*, max_j: Bound = 4) -> st.SearchStrategy[tuple[Fraction, ...]]:
    """Labels (j1, ..., j6) of 6j symbols whose four triads all couple."""
    return _six_j(_check_bound("max_j", max_j))
