"""Variable bounds as the LP and MPS readers collect them: one table from bound type to its action.

Exact: bound values are the readers' Fractions (or ±inf).  Every bound line
of either format is one of the MPS bound types below; the LP format's
``x <= u``, ``x >= l`` (or ``l <= x``), ``x = v`` and ``x free`` are ``UP``,
``LO``, ``FX`` and ``FR``.  A type sets the lower and the upper bound each to
the line's value, to a constant, or leaves it as it was, and may mark the
variable integer and/or semi-continuous (``SC``, CPLEX's semi-continuous
bound, and ``SI``, HiGHS's semi-integer bound: the value is the upper bound).
Unset sides get the default bounds [0, inf) when the model
is assembled (an LP ``Binary`` variable: [0, 1]).
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, NamedTuple

from mathref.validation import checked_fields

from .numbers import INF

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["KEEP", "VALUE", "BoundType", "BOUND_TYPES", "BoundCollector"]

#: The side keeps its current bound.
KEEP = "keep"
#: The side becomes the value given on the bound line.
VALUE = "value"


@checked_fields
class BoundType(NamedTuple):
    """The action of one bound type on (lower, upper, integrality)."""

    lower: object  # KEEP, VALUE or a constant
    upper: object
    integer: bool
    needs_value: bool
    semi: bool = False


#: MPS bound types (the LP reader maps its bound lines onto UP, LO, FX and FR).
BOUND_TYPES = {
    "UP": BoundType(KEEP, VALUE, False, True),
    "LO": BoundType(VALUE, KEEP, False, True),
    "FX": BoundType(VALUE, VALUE, False, True),
    "FR": BoundType(-INF, INF, False, False),
    "MI": BoundType(-INF, KEEP, False, False),
    "PL": BoundType(KEEP, INF, False, False),
    "BV": BoundType(Fraction(0), Fraction(1), True, False),
    "LI": BoundType(VALUE, KEEP, True, True),
    "UI": BoundType(KEEP, VALUE, True, True),
    "SC": BoundType(KEEP, VALUE, False, True, True),
    "SI": BoundType(KEEP, VALUE, True, True, True),
}


def _side(action, current, value):
    if action is KEEP:
        return current
    if action is VALUE:
        return value
    return action


class BoundCollector:
    """Bounds given so far, per variable index: ``(lower or None, upper or None)``; None = not given.

    Examples
    --------
    >>> b = BoundCollector()
    >>> b.apply(0, "UP", Fraction(3)); b.apply(1, "BV")
    >>> b.lower_upper(3)
    ([Fraction(0, 1), Fraction(0, 1), Fraction(0, 1)], [Fraction(3, 1), Fraction(1, 1), inf])
    >>> sorted(b.integer)
    [1]
    """

    def __init__(self) -> None:
        self.given = {}
        self.integer = set()
        self.semi = set()

    def apply(self, j: int, kind: str, value: Fraction | float | None = None) -> None:
        """Apply bound type ``kind`` (a key of :data:`BOUND_TYPES`) with ``value`` to variable ``j``."""
        action = BOUND_TYPES[kind]
        lo, hi = self.given.get(j, (None, None))
        self.given[j] = (_side(action.lower, lo, value), _side(action.upper, hi, value))
        if action.integer:
            self.integer.add(j)
        if action.semi:
            self.semi.add(j)

    def lower_upper(self, n: int, *, binary: Iterable[int] = ()) -> tuple[list, list]:
        """Bounds of variables ``0..n-1``: the given ones, else 0 and inf (upper 1 for ``binary`` variables)."""
        lower = [Fraction(0)] * n
        upper = [INF] * n
        for j in binary:
            upper[j] = Fraction(1)
        for j, (lo, hi) in self.given.items():
            if lo is not None:
                lower[j] = lo
            if hi is not None:
                upper[j] = hi
        return lower, upper
