"""The bound-type table shared by the LP and MPS readers."""

from __future__ import annotations

from fractions import Fraction

import pytest

from mathref.combinatorics.lp.bounds import BOUND_TYPES, KEEP, VALUE, BoundCollector
from mathref.combinatorics.lp.numbers import INF


@pytest.mark.parametrize("kind, lower, upper, integer", [
    ("UP", 0, 7, False), ("LO", 7, INF, False), ("FX", 7, 7, False), ("FR", -INF, INF, False),
    ("MI", -INF, INF, False), ("PL", 0, INF, False), ("BV", 0, 1, True), ("LI", 7, INF, True),
    ("UI", 0, 7, True),
])
def test_each_type_on_a_fresh_variable(kind, lower, upper, integer):
    b = BoundCollector()
    b.apply(0, kind, Fraction(7) if BOUND_TYPES[kind].needs_value else None)
    assert b.lower_upper(1) == ([lower], [upper])
    assert (0 in b.integer) == integer


def test_table_sides_are_keep_value_or_constants():
    for kind, t in BOUND_TYPES.items():
        for side in (t.lower, t.upper):
            assert side is KEEP or side is VALUE or isinstance(side, (Fraction, float)), kind
        assert t.needs_value == (VALUE in (t.lower, t.upper)), kind


def test_keep_leaves_the_other_side_and_later_lines_win():
    b = BoundCollector()
    b.apply(2, "MI")
    b.apply(2, "UP", Fraction(4))
    b.apply(2, "LO", Fraction(-1))
    lower, upper = b.lower_upper(3)
    assert lower == [0, 0, -1] and upper == [INF, INF, 4]


def test_binary_default_upper_bound_only_where_unset():
    b = BoundCollector()
    b.apply(1, "UP", Fraction(5))
    assert b.lower_upper(2, binary={0, 1}) == ([0, 0], [1, 5])
