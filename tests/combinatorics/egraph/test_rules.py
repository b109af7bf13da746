"""Soundness of the rule sets: whatever the rules merge evaluates equal, invariants hold.

The numeric check is independent of the rules: every e-node of a class is evaluated
(with Python complex arithmetic, principal branches) from values of its child classes,
and must agree with the class value, at random points of the symbols' domain.  The
popular unguarded rules fail it.
"""

from __future__ import annotations

import cmath
import random
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from mathref.combinatorics import EGraph, Limits, default_rules, evaluate_term, extract_all, saturate, unsound_rules
from mathref.combinatorics.egraph.terms import LEAF_OPS

from .domains import DOMAINS, close, sample_point, terms


def class_values(g, point):
    """Value of every class from its extracted term (None where undefined)."""
    return {cid: evaluate_term(e.term, point) for cid, e in extract_all(g).items()}


def node_value(node, vals, g):
    op = node[0]
    if op in LEAF_OPS:
        return evaluate_term(node, {})if op != "sym" else None
    kids = [vals.get(g.find(c)) for c in node[1:]]
    if any(k is None for k in kids):
        return None
    # evaluate the single operator on numeric children via a one-node term over placeholder symbols
    names = [f"_c{i}" for i in range(len(kids))]
    term = (op,) + tuple(("sym", n) for n in names)
    if op == "^":
        # keep exact integer exponents exact (0**-1 is undefined, (-8)**(1/3) principal)
        exp_node = g.nodes(node[2])
        nums = [n for n in exp_node if n[0] == "num"]
        if nums:
            term = ("^", ("sym", "_c0"), nums[0])
    return evaluate_term(term, dict(zip(names, kids)))


def assert_sound(g, rng, points=3):
    for _ in range(points):
        pt = sample_point(rng)
        vals = class_values(g, pt)
        for cid in g.class_ids():
            v = vals.get(cid)
            if v is None or abs(v) > 1e8:
                continue
            for node in g.nodes(cid):
                if node[0] == "sym":
                    w = pt[node[1]]
                else:
                    w = node_value(node, vals, g)
                if w is None or abs(w) > 1e8:
                    continue
                assert close(complex(v), complex(w)), (node, v, w, pt)


@settings(max_examples=40)
@given(st.lists(terms, min_size=1, max_size=3), st.randoms(use_true_random=False))
def test_saturation_merges_only_equal_values(ts, rnd):
    g = EGraph(symbol_facts=DOMAINS)
    for t in ts:
        g.add_term(t)
    rules = default_rules()
    rnd.shuffle(rules)
    saturate(g, rules[: rnd.randint(5, len(rules))], limits=Limits(iterations=4, nodes=1500, time=5))
    g.check_invariants()
    assert g.conflict is None
    assert_sound(g, random.Random(rnd.random()))


def test_unsound_rules_would_be_caught():
    # the checker is not vacuous: the popular unguarded rule merges values that differ at x = -1
    sqrt_of_square = ("^", ("^", ("sym", "x"), ("num", 2)), ("num", Fraction(1, 2)))
    g = EGraph(symbol_facts={"x": 0})
    a = g.add_term(sqrt_of_square)
    saturate(g, unsound_rules(), limits=Limits(iterations=2))
    assert g.find(a) == g.find(g.add_term(("sym", "x")))
    v = evaluate_term(sqrt_of_square, {"x": -1})
    assert not close(v, -1)
    assert cmath.isclose(v, 1)
