"""Every public e-graph callable, called with garbage, answers or raises a ``mathref.errors`` error
quickly (issue 17 §4, issue 15): never an AttributeError, IndexError, KeyError or a hang."""

from __future__ import annotations

import inspect
import math
import time

import numpy as np
import pytest
import sympy as sp

import mathref.combinatorics.egraph as eg
from mathref.errors import InvalidArgumentError, InvalidTypeError, MathrefError

X = sp.Symbol("x")


def _plausible(name):
    """A valid value for a parameter of this name, so that the garbage lands in one argument at a time."""
    g = eg.EGraph()
    g.add_term(("+", ("sym", "x"), ("num", 1)))
    return {
        "egraph": g, "term": ("sym", "x"), "a": X, "b": X + 1, "expr": X, "pattern": "?a", "lhs": "?a",
        "rhs": "?a", "name": "r", "rules": [], "exprs": [X], "op": "+", "symbol": X, "value": 1,
        "terms": [("sym", "x")], "conditions": (("sym", "x"),), "symbol_facts": {}, "subst": {"?a": 0},
        "variables": ("?a",), "guard": None, "facts_of": lambda v: 0, "const_of": lambda v: None,
        "cid": 0, "args": (1, 2), "child_facts": (0, 0), "child_consts": (None, None), "payload": None,
        "child_costs": (1, 1), "node": None, "point": {}, "verdict": "unknown", "samples": 0,
        "explanation": None, "counterexample": None, "report": None,
    }.get(name, X)


GARBAGE = [None, "abc", "", math.nan, math.inf, 10**30, -1, -(10**30), 1.5, True, [], [[]], {}, b"x",
           object(), np.zeros((0,)), np.zeros((2, 3)), ("bogus",), ("+",), ("+", 1, 2), ("sym",), ("num", "a"),
           ("sym", "x", "y"), ("?",)]


def _callables():
    for name in eg.__all__:
        f = getattr(eg, name)
        if not callable(f) or (inspect.isclass(f) and issubclass(f, BaseException)):
            continue
        params = [p for p in inspect.signature(f).parameters.values()
                  if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        if params:
            yield pytest.param(f, params, id=name)


@pytest.mark.parametrize("f, params", _callables())
def test_garbage_raises_mathref_errors_quickly(f, params):
    kwonly = [p for p in inspect.signature(f).parameters.values() if p.default is p.empty and p.kind == p.KEYWORD_ONLY]
    for position in range(len(params)):
        for value in GARBAGE:
            args = [_plausible(p.name) for p in params]
            args[position] = value
            t0 = time.perf_counter()
            try:
                out = f(*args, **{p.name: _plausible(p.name) for p in kwonly})
                if inspect.isgenerator(out):
                    next(out, None)
            except MathrefError:
                pass
            assert time.perf_counter() - t0 < 2.0, (f, position, value)


def test_canonical_term_rejects_negative_and_foreign_ids():
    g = eg.EGraph()
    c = g.add_term(("sin", ("sym", "x")))
    with pytest.raises(InvalidArgumentError, match="cid"):
        eg.canonical_term(g, -1)
    with pytest.raises(InvalidArgumentError, match="cid"):
        eg.canonical_term(g, c + 1)
    with pytest.raises(InvalidTypeError, match="egraph"):
        eg.canonical_term("abc", 0)


@pytest.mark.parametrize("value", ["abc", b"abc", X, 3, None])
def test_deduplicate_wants_a_sequence(value):
    with pytest.raises(InvalidTypeError, match="exprs"):
        eg.deduplicate(value)


@pytest.mark.parametrize("call", [
    lambda: eg.equivalent(X, object()),
    lambda: eg.equivalent(X, X, rules="abc"),
    lambda: eg.equivalent(X, X, limits=3),
    lambda: eg.saturate(eg.EGraph(), [1]),
    lambda: eg.saturate(eg.EGraph(), eg.ac_rules("+"), limits="fast"),
    lambda: eg.rewrite("r", "(+ ?a ?b)", "(+ ?b ?c)"),
    lambda: eg.compile_guard(("positive", "?b"), ("?a",)),
    lambda: eg.compile_guard(("bogus", "?a"), ("?a",)),
    lambda: eg.compile_builder(("+", "?a", "?z"), ("?a",)),
    lambda: eg.instantiate(eg.EGraph(), ("sin", "?a"), {"?a": 5}),
    lambda: eg.instantiate_term(("sin", "?a"), {}),
    lambda: eg.to_term(sp.Piecewise((1, sp.Symbol("r", real=True) > 0), (0, True))),
    lambda: eg.explain_equivalence(eg.EGraph(explain=True), 0, 0),
    lambda: eg.term_size(("+", ("sym", "x"))),
    lambda: eg.fold_constant("+", (1.5, 2)),
    lambda: eg.make_facts("+", None, (0,), (None,)),
    lambda: eg.honours_assumptions("k", 2),
    lambda: eg.EquivalenceResult(np.zeros(2), None, None, None, 0),
])
def test_specific_bad_arguments(call):
    with pytest.raises(MathrefError):
        call()


def test_valid_calls_still_work():
    assert eg.term_size(("+", ("sym", "x"), ("num", 1))) == 3
    assert eg.fold_constant("+", (1, 2)) == 3
    assert eg.match_term(("+", "?a", "?a"), ("+", ("sym", "x"), ("sym", "x"))) == {"?a": ("sym", "x")}
    assert eg.equivalent(X + X, 2 * X).verdict == "equal"
    assert eg.deduplicate([X + 1, 1 + X, X]).groups == ((0, 1), (2,))
