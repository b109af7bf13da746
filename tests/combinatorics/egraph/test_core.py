"""The e-graph: hash-consing, congruence closure, analyses through merges, the internal interface."""

from __future__ import annotations

from fractions import Fraction

import pytest

from mathref.combinatorics import EGraph
from mathref.combinatorics.egraph.analyses import NONZERO, POSITIVE, REAL
from mathref.errors import InvalidArgumentError

X, Y, Z = ("sym", "x"), ("sym", "y"), ("sym", "z")


def test_hash_consing_and_congruence():
    g = EGraph()
    a = g.add_term(("+", X, Y))
    assert g.add_term(("+", X, Y)) == a
    fx, fy = g.add_term(("sin", X)), g.add_term(("sin", Y))
    gx, gy = g.add_term(("exp", ("sin", X))), g.add_term(("exp", ("sin", Y)))
    assert g.find(fx) != g.find(fy)
    g.union(g.add_term(X), g.add_term(Y))
    g.rebuild()
    assert g.find(fx) == g.find(fy) and g.find(gx) == g.find(gy)
    g.check_invariants()


def test_constant_folding_and_domain_analysis():
    g = EGraph(symbol_facts={"p": REAL | POSITIVE | NONZERO})
    c = g.add_term(("*", ("+", ("num", Fraction(1)), ("num", Fraction(2))), ("num", Fraction(1, 3))))
    g.rebuild()
    assert g.constant(c) == 1
    assert ("num", Fraction(1)) in g.nodes(c)  # folding adds the literal
    assert g.constant(g.add_term(("^", ("num", Fraction(9)), ("num", Fraction(1, 2))))) == 3
    assert g.constant(g.add_term(("^", ("num", Fraction(2)), ("num", Fraction(1, 2))))) is None
    e = g.add_term(("exp", ("sym", "p")))
    assert g.facts(e) & POSITIVE
    lg = g.add_term(("log", ("sym", "p")))
    assert g.facts(lg) & REAL and not g.facts(lg) & POSITIVE
    assert g.facts(g.add_term(("log", X))) == 0  # x complex: nothing known


def test_facts_propagate_through_merges():
    g = EGraph(symbol_facts={"p": REAL | POSITIVE | NONZERO})
    x = g.add_term(X)
    sq = g.add_term(("log", X))
    assert not g.facts(sq) & REAL
    g.union(x, g.add_term(("sym", "p")))  # now x = p > 0
    g.rebuild()
    assert g.facts(sq) & REAL


# ---------------------------------------------------------------- the internal interface


def test_internal_interface_is_the_live_structure():
    g = EGraph()
    x = g.add_term(X)
    s = g.add_term(("sin", X))
    # live containers: what add() does is visible through the same objects
    classes, memo, parents, op_index = g.classes, g.memo, g.parent_array, g.op_index
    t = g.add_term(("sin", Y))
    assert set(classes) == set(g.class_ids()) and t in classes
    assert memo[("sin", x)] == s and len(parents) == len(memo) == 4
    assert op_index["sin"] == {s, t}
    assert g.eclass(s) is classes[s] and g.eclass(s).by_op["sin"] == {("sin", x): 0}
    g.union(s, t)
    g.rebuild()
    root = g.find(s)
    assert g.eclass(s) is g.eclass(t) is classes[root] and g.eclass(s).id == root
    assert parents[root] == root and (parents[s] != s or parents[t] != t)
    # parents of x: the sin node that uses it
    assert [node for node, _ in g.eclass(x).parents] == [("sin", x)]


def test_node_of_and_proof_path_need_explanations():
    g = EGraph(explain=True)
    x = g.add_term(X)
    s = g.add(("sin", x))
    assert g.node_of(s) == ("sin", x) and g.node_of(x) == X
    with pytest.raises(InvalidArgumentError, match="not known to be equal"):
        g.proof_path(x, s)
    plain = EGraph()
    plain.add_term(X)
    for call in (lambda: plain.node_of(0), lambda: plain.proof_path(0, 0)):
        with pytest.raises(InvalidArgumentError, match="explain=True"):
            call()


def test_term_of_without_explanations_extracts():
    g = EGraph()
    a = g.add_term(("+", X, ("num", Fraction(0))))
    g.union(a, g.add_term(X))
    g.rebuild()
    assert g.term_of(a) == X
