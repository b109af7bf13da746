"""Patterns: parsing, the compiled matcher against a naive one, generated builders and guards."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mathref.combinatorics import EGraph, ac_rules, default_rules, parse_pattern, rewrite, unsound_rules
from mathref.combinatorics.egraph.analyses import NONZERO, POSITIVE, REAL
from mathref.combinatorics.egraph.patterns import (
    check_guard,
    compile_builder,
    compile_guard,
    compile_matcher,
    pattern_vars,
)
from mathref.combinatorics.egraph.terms import LEAF_OPS
from mathref.combinatorics.strategies import expression_terms
from mathref.errors import InvalidArgumentError


def test_parse_pattern_errors():
    with pytest.raises(ValueError, match="unbalanced"):
        parse_pattern("(+ ?a ?b")
    with pytest.raises(ValueError, match="trailing"):
        parse_pattern("(+ ?a ?b) ?c")
    with pytest.raises(TypeError):
        parse_pattern(3)
    with pytest.raises(ValueError, match="rhs variables"):
        rewrite("bad", "(+ ?a ?b)", "(+ ?a ?c)")
    with pytest.raises(ValueError, match="operator at its root"):
        compile_matcher("?a")


# ---------------------------------------------------------------- compiled matcher vs a naive one


def naive_matches(g, pattern):
    """Every (root, bindings) by brute force over all nodes of all classes."""
    variables = pattern_vars(pattern)

    def match(p, cid, env):
        if isinstance(p, str):
            if p in env:
                return [env] if env[p] == cid else []
            return [{**env, p: cid}]
        if p[0] in LEAF_OPS:
            return [env] if p in g.nodes(cid) else []
        out = []
        for n in g.nodes(cid):
            if n[0] != p[0] or len(n) != len(p):
                continue
            envs = [env]
            for q, c in zip(p[1:], n[1:]):
                envs = [e2 for e in envs for e2 in match(q, g.find(c), e)]
            out.extend(envs)
        return out

    res = set()
    for cid in g.class_ids():
        for env in match(pattern, cid, {}):
            res.add((cid, tuple(env[v] for v in variables)))
    return res


PATTERNS = [
    "(+ ?a ?b)",
    "(+ ?a ?a)",
    "(* ?a (+ ?b ?c))",
    "(+ (* ?a ?b) (* ?a ?c))",
    "(^ ?a 2)",
    "(+ (^ (sin ?x) 2) (^ (cos ?x) 2))",
    "(log (* ?a ?b))",
]


@settings(max_examples=40)
@given(st.lists(expression_terms(symbols=("x", "y"), max_leaves=5), min_size=1, max_size=4), st.data())
def test_compiled_matcher_equals_naive(terms, data):
    g = EGraph()
    ids = [g.add_term(t) for t in terms]
    # a few random merges so that classes hold several nodes
    for _ in range(data.draw(st.integers(0, 3))):
        a, b = data.draw(st.sampled_from(ids)), data.draw(st.sampled_from(ids))
        g.union(a, b)
    g.rebuild()
    g.check_invariants()
    for text in PATTERNS:
        p = parse_pattern(text)
        found = compile_matcher(p)(g, 0)
        assert set(found) == naive_matches(g, p), text


# ---------------------------------------------------------------- generated code


ALL_RULES = default_rules() + unsound_rules() + ac_rules("+") + ac_rules("*")


def test_generated_code_uses_only_the_public_interface():
    for r in ALL_RULES:
        sources = [compile_matcher(r.lhs).source]
        if r.rhs is not None:
            sources.append(compile_builder(r.rhs, r.variables).source)
        for src in sources:
            assert "eg._" not in src, (r.name, src)


def test_batch_appliers_are_generated_whole():
    build = compile_builder(parse_pattern("(+ (* ?a ?b) ?c)"), ("?a", "?b", "?c"))
    guarded, unguarded = build.source.split("\n\ndef apply_all_unguarded")[0], build.source
    unguarded = "def apply_all_unguarded" + unguarded.split("\n\ndef apply_all_unguarded")[1].split("\n\ndef ")[0]
    assert "guard(eg, bs)" in guarded and "deferred" in guarded
    assert "guard(" not in unguarded.split("\n", 1)[1] and "deferred[" not in unguarded
    assert "GUARDED" not in build.source and "True and" not in build.source


@pytest.mark.parametrize("guarded", [False, True])
def test_batch_appliers_merge_and_defer(guarded):
    rule = rewrite("mul-one", "(* ?a 1)", "?a", guard=("positive", "?a") if guarded else None)
    g = EGraph(symbol_facts={"p": POSITIVE | REAL | NONZERO})
    p1 = g.add_term(("*", ("sym", "p"), ("num", 1)))
    x1 = g.add_term(("*", ("sym", "x"), ("num", 1)))
    g.rebuild()
    build = compile_builder(rule.rhs, rule.variables)
    apply_all = build.apply_all if guarded else build.apply_all_unguarded
    deferred = {}
    n, hit_cap = apply_all(g, rule.search(g), rule.name, 10**6, rule.guard_holds_fn() if guarded else None, deferred)
    g.rebuild()
    assert not hit_cap and n == (1 if guarded else 2)
    assert g.find(p1) == g.lookup_term(("sym", "p"))
    assert (g.find(x1) == g.lookup_term(("sym", "x"))) is not guarded
    assert len(deferred) == (1 if guarded else 0)


def test_guards_compile_to_the_analyses():
    g = EGraph(symbol_facts={"p": POSITIVE | REAL | NONZERO})
    p, two, x = g.add_term(("sym", "p")), g.add_term(("num", 2)), g.add_term(("sym", "x"))
    guard = ("and", ("positive", "?a"), ("or", ("even_const", "?b"), ("nonconst", "?b")))
    fn = compile_guard(guard, ("?a", "?b"))
    assert "_classes" not in fn.__code__.co_names and "classes" in fn.__code__.co_names
    for bs in [(p, two), (p, x), (x, two), (two, p)]:
        facts_of = {"?a": g.facts(bs[0]), "?b": g.facts(bs[1])}
        consts = {"?a": g.constant(bs[0]), "?b": g.constant(bs[1])}
        assert fn(g, bs) == check_guard(guard, facts_of.get, consts.get)
    with pytest.raises(InvalidArgumentError, match="unknown guard atom"):
        compile_guard(("prime", "?a"), ("?a",))
