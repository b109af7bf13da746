"""Numbers of LP models: exact reading and writing, and equality classes (exact or with a tolerance)."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

from mathref.combinatorics.lp.numbers import INF, as_number, format_number, number_classes, parse_number
from mathref.errors import InvalidArgumentError


@pytest.mark.parametrize("text, value", [
    ("3", Fraction(3)), ("-2.25", Fraction(-9, 4)), ("1e-3", Fraction(1, 1000)), ("1/3", Fraction(1, 3)),
    ("inf", INF), ("+Infinity", INF), ("1e30", INF), ("1.0e+30", INF), ("-1e30", -INF), ("-inf", -INF),
])
def test_parse_number(text, value):
    assert parse_number(text) == value


def test_parse_number_rejects_text_and_names_the_field():
    with pytest.raises(InvalidArgumentError, match="rhs: cannot read 'abc'"):
        parse_number("abc", "rhs")
    with pytest.raises(InvalidArgumentError):
        parse_number("1/0")


def test_as_number_keeps_exact_numbers_exact():
    assert as_number(sympy.Rational(2, 3), "a") == Fraction(2, 3)
    assert as_number(sympy.Integer(4), "a") == Fraction(4)
    assert isinstance(as_number(0.25, "a"), float)
    with pytest.raises(InvalidArgumentError, match="NaN"):
        as_number(float("nan"), "a")
    with pytest.raises(TypeError, match="expected a number"):
        as_number([1], "a")


@given(st.fractions(max_denominator=64) | st.integers(-10**6, 10**6).map(Fraction))
def test_format_number_round_trips_terminating_decimals(q):
    d = q.denominator
    while d % 2 == 0:
        d //= 2
    if d == 1:
        assert parse_number(format_number(q)) == q


def test_format_number_of_floats_and_infinities():
    assert format_number(0.1) == "0.1" and format_number(INF) == "inf" and format_number(Fraction(-1, 8)) == "-0.125"


def test_exact_classes_are_ordered_by_value():
    ids, reps = number_classes([INF, Fraction(1, 2), 0, -INF, Fraction(2, 4)], 1e-9, 1e-12)
    assert ids == [3, 2, 1, 0, 2] and reps == [-INF, 0, Fraction(1, 2), INF]


def test_float_classes_merge_within_tolerance_by_single_linkage():
    ids, _ = number_classes([1.0, 1.0 + 5e-10, 1.0 + 1e-9, 2.0, INF], 6e-10, 0)
    assert ids == [0, 0, 0, 1, 2]  # chained within the tolerance, even though the ends are farther apart
    assert number_classes([0.1 + 0.2, 0.3], 0, 0).ids == [1, 0]
