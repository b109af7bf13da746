"""Extraction: cost functions, extracted and enumerated terms belong to their class."""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mathref.combinatorics import EGraph, Limits, ac_rules, enumerate_terms, extract, saturate
from mathref.combinatorics.egraph.terms import term_size
from mathref.combinatorics.strategies import expression_terms
from mathref.errors import InvalidArgumentError

X, Y, Z = ("sym", "x"), ("sym", "y"), ("sym", "z")


def test_extraction_costs():
    g = EGraph()
    big = g.add_term(("+", ("*", X, ("num", Fraction(1))), ("num", Fraction(0))))
    g.union(big, g.add_term(X))
    g.rebuild()
    assert extract(g, big).term == X
    assert extract(g, big, cost="depth").cost == 1
    # a user cost that makes symbols expensive prefers the compound term... but it is still in the class
    costly = extract(g, big, cost=lambda op, kids, node: (100 if op == "sym" else 1) + sum(kids))
    assert g.lookup_term(costly.term) == g.find(big)
    with pytest.raises(ValueError):
        extract(g, big, cost="width")


@settings(max_examples=30)
@given(st.lists(expression_terms(symbols=("x", "y"), max_leaves=5), min_size=1, max_size=3))
def test_extraction_and_enumeration_return_terms_of_the_class(terms):
    from mathref.combinatorics import default_rules

    g = EGraph()
    ids = [g.add_term(t) for t in terms]
    saturate(g, default_rules(), limits=Limits(iterations=3, nodes=800, time=5))
    for i in ids:
        best = extract(g, i)
        assert g.lookup_term(best.term) == g.find(i)
        assert best.cost == term_size(best.term)
        for t in enumerate_terms(g, i, max_size=5, limit=50):
            assert g.lookup_term(t) == g.find(i)


def test_enumeration_counts_commuted_forms():
    g = EGraph()
    r = g.add_term(("+", ("+", X, Y), Z))
    saturate(g, ac_rules("+"), limits=Limits(scheduler="simple"))
    forms = enumerate_terms(g, r, max_size=5)
    # 3 operands: 3! orders x 2 bracketings = 12 binary trees
    assert len(forms) == 12
    assert len(set(forms)) == 12
    assert all(sorted(str(f).count("sym") for f in forms) for f in forms)
    assert {f for f in forms} == {
        ("+", ("+", p, q), r_) for p, q, r_ in itertools.permutations([X, Y, Z])
    } | {("+", p, ("+", q, r_)) for p, q, r_ in itertools.permutations([X, Y, Z])}


def test_extraction_argument_errors():
    g = EGraph()
    a = g.add_term(X)
    with pytest.raises(InvalidArgumentError, match="cost"):
        extract(g, a, cost="width")
    with pytest.raises(TypeError, match="cost"):
        extract(g, a, cost=3)
    with pytest.raises(InvalidArgumentError, match="max_size"):
        enumerate_terms(g, a, max_size=0)
