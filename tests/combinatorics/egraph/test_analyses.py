"""The domain analysis: every fact a rule derives holds for the value, checked on exact constants."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from mathref.combinatorics.egraph.analyses import (
    FACT_RULES,
    INTEGER,
    NEGATIVE,
    NONNEGATIVE,
    NONZERO,
    POSITIVE,
    REAL,
    facts_of_constant,
    make_facts,
)
from mathref.combinatorics.egraph.terms import ARITY, LEAF_OPS, fold_constant

rationals = st.fractions(min_value=-20, max_value=20, max_denominator=6)
ALL = REAL | POSITIVE | NONNEGATIVE | NEGATIVE | NONZERO | INTEGER


def test_every_operator_and_leaf_has_a_rule():
    assert set(FACT_RULES) == set(ARITY) | LEAF_OPS
    assert make_facts("gamma", None, (ALL,), (None,)) == 0


@given(rationals)
def test_facts_of_a_constant_are_its_own(v):
    f = facts_of_constant(v)
    assert bool(f & POSITIVE) == (v > 0) and bool(f & NEGATIVE) == (v < 0)
    assert bool(f & NONZERO) == (v != 0) and bool(f & NONNEGATIVE) == (v >= 0)
    assert bool(f & INTEGER) == (v.denominator == 1) and f & REAL


@given(st.sampled_from(sorted(ARITY)), rationals, rationals, st.integers(0, ALL), st.integers(0, ALL))
def test_derived_facts_are_sound_for_constants(op, a, b, forget_a, forget_b):
    # children known only partially (some true facts forgotten) must still give true facts only
    args = (a, b)[: ARITY[op]]
    value = fold_constant(op, args)
    if value is None:
        return
    kids = tuple(facts_of_constant(c) & ~m for c, m in zip(args, (forget_a, forget_b)))
    consts = tuple(args) if op == "^" else (None,) * len(args)
    derived = make_facts(op, None, kids, consts)
    assert derived & ~facts_of_constant(value) == 0, (op, args, bin(derived))


def test_table_rules_by_example():
    pos = REAL | POSITIVE | NONNEGATIVE | NONZERO
    assert make_facts("+", None, (pos, REAL | NONNEGATIVE), (None, None)) & POSITIVE
    assert make_facts("*", None, (REAL | NEGATIVE | NONZERO, pos), (None, None)) & NEGATIVE
    assert make_facts("^", None, (REAL, REAL | INTEGER), (None, Fraction(2))) & NONNEGATIVE
    assert make_facts("^", None, (pos, REAL), (None, None)) == pos
    assert make_facts("abs", None, (NONZERO,), (None,)) == REAL | NONNEGATIVE | POSITIVE | NONZERO
    assert make_facts("tan", None, (pos,), (None,)) == 0
    assert make_facts("sym", 7, (), ()) == 7 and make_facts("I", None, (), ()) == NONZERO
