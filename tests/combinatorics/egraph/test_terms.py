"""Terms: exact constant folding (checked against Python's own arithmetic), size, depth and text."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from mathref.combinatorics.egraph.terms import ARITY, LEAF_OPS, fold_constant, term_depth, term_size, term_to_str

rationals = st.fractions(min_value=-50, max_value=50, max_denominator=12)


@given(rationals, rationals)
def test_fold_of_sum_and_product_is_exact(a, b):
    assert fold_constant("+", (a, b)) == a + b
    assert fold_constant("*", (a, b)) == a * b


@given(st.fractions(min_value=0, max_value=40, max_denominator=9), st.integers(1, 6), st.integers(-4, 4))
def test_fold_of_power_only_when_rational(base, q, p):
    e = Fraction(p, q)
    value = fold_constant("^", (base, e))
    if base == 0:
        assert value == (0 if e > 0 else 1 if e == 0 else None)
    elif value is None:
        # not rational: no rational r has r**q == base**p
        assert e.denominator > 1
    else:
        assert value ** e.denominator == base**e.numerator


def test_folds_of_the_functions_at_their_exact_points():
    assert fold_constant("log", (Fraction(1),)) == 0 and fold_constant("log", (Fraction(2),)) is None
    assert fold_constant("exp", (Fraction(0),)) == 1 and fold_constant("exp", (Fraction(1),)) is None
    assert fold_constant("sin", (Fraction(0),)) == 0 and fold_constant("cos", (Fraction(0),)) == 1
    assert fold_constant("abs", (Fraction(-3, 2),)) == Fraction(3, 2)
    assert fold_constant("^", (Fraction(-8), Fraction(1, 3))) is None  # principal root is complex
    assert fold_constant("^", (Fraction(0), Fraction(-1))) is None  # undefined


def test_size_depth_and_text():
    t = ("+", ("sin", ("sym", "x")), ("*", ("num", Fraction(-2)), ("pi",)))
    assert term_size(t) == 6 and term_depth(t) == 3
    assert term_to_str(t) == "(sin(x) + ((-2) * pi))"
    assert set(ARITY).isdisjoint(LEAF_OPS)
