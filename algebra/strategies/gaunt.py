"""Hypothesis strategies for Gaunt-coefficient labels.

All labels are plain Python ints.  Bounds are keyword-only and checked when the
strategy is built.
"""

from __future__ import annotations

from hypothesis import strategies as st

from mathref.errors import InvalidArgumentError

__all__ = ["gaunt_degrees", "gaunt_labels", "real_gaunt_labels"]


def _check_max_l(max_l) -> int:
    if isinstance(max_l, bool) or not isinstance(max_l, int) or max_l < 0:
        raise InvalidArgumentError(f"max_l={max_l!r} must be a non-negative int")
    return max_l


@st.composite
def _degrees(draw, top: int):
    l1 = draw(st.integers(0, top))
    l2 = draw(st.integers(0, top))
    lo, hi = abs(l1 - l2), min(l1 + l2, top)
    if lo > hi:  # only when l1 + l2 > 2 top cannot happen; kept for safety
        l2, lo, hi = l1, 0, min(2 * l1, top)
    # l3 ≡ l1 + l2 (mod 2) makes the parity rule hold; lo already has that parity
    l3 = lo + 2 * draw(st.integers(0, (hi - lo) // 2))
    return l1, l2, l3


def gaunt_degrees(*, max_l: int = 6) -> st.SearchStrategy[tuple[int, int, int]]:
    """Triples ``(l1, l2, l3)`` with every ``l <= max_l``, a triangle and an even sum.

    >>> l1, l2, l3 = gaunt_degrees(max_l=3).example()
    >>> (l1 + l2 + l3) % 2, abs(l1 - l2) <= l3 <= l1 + l2
    (0, True)
    """
    return _degrees(_check_max_l(max_l))


@st.composite
def _complex_labels(draw, top: int):
    l1, l2, l3 = draw(_degrees(top))
    m1 = draw(st.integers(-l1, l1))
    lo, hi = max(-l2, -l3 - m1), min(l2, l3 - m1)
    m2 = draw(st.integers(lo, hi))  # the range is never empty for a triangle
    return l1, l2, l3, m1, m2, -m1 - m2


def gaunt_labels(*, max_l: int = 6) -> st.SearchStrategy[tuple[int, int, int, int, int, int]]:
    """Labels ``(l1, l2, l3, m1, m2, m3)`` that pass every complex selection rule.

    Parity, triangle and ``m1 + m2 + m3 = 0`` hold by construction; the
    coefficient can still vanish at a non-trivial zero of the 3j symbol.

    >>> l1, l2, l3, m1, m2, m3 = gaunt_labels(max_l=4).example()
    >>> m1 + m2 + m3
    0
    """
    return _complex_labels(_check_max_l(max_l))


@st.composite
def _real_labels(draw, top: int):
    l1, l2, l3 = draw(_degrees(top))
    m1 = draw(st.integers(-l1, l1))
    m2 = draw(st.integers(-l2, l2))
    a1, a2 = abs(m1), abs(m2)
    options = sorted({a for a in (a1 + a2, abs(a1 - a2)) if a <= l3})
    if not options:  # |m1| - |m2| too large for l3: shrink m1 toward m2
        m1 = 0
        options = [a2] if a2 <= l3 else [0]
        if a2 > l3:
            m2 = 0
    a3 = draw(st.sampled_from(options))
    negatives = (m1 < 0) + (m2 < 0)
    if negatives % 2 and a3 == 0:
        m2 = -m2
        negatives = (m1 < 0) + (m2 < 0)
    m3 = -a3 if negatives % 2 else a3
    return l1, l2, l3, m1, m2, m3


def real_gaunt_labels(*, max_l: int = 6) -> st.SearchStrategy[tuple[int, int, int, int, int, int]]:
    """Labels ``(l1, l2, l3, m1, m2, m3)`` satisfying the real-harmonic selection rules.

    ``|m3|`` is ``|m1| + |m2|`` or ``||m1| - |m2||`` and the number of negative
    orders is even, so most draws give a nonzero real Gaunt coefficient.

    >>> l1, l2, l3, m1, m2, m3 = real_gaunt_labels(max_l=4).example()
    >>> ((m1 < 0) + (m2 < 0) + (m3 < 0)) % 2
    0
    """
    return _real_labels(_check_max_l(max_l))
