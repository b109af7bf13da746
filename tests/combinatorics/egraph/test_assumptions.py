"""Every sympy assumption is honoured by the counterexample search, or the verdict is "unknown" (issue 15 §1)."""

from __future__ import annotations

import math

import mpmath
import pytest
import sympy as sp
from hypothesis import given, settings

from mathref.combinatorics import Limits, equivalent, evaluate_term, find_counterexample
from mathref.combinatorics.egraph import honours_assumptions, to_term
from mathref.combinatorics.strategies.expressions import symbol_assumptions

U = {"evaluate": False}
FAST = Limits(iterations=4, nodes=2000, time=1.0)


def _ok_point(res):
    """A reported counterexample honours every assumption and the two sides differ there (mpmath, 40 digits)."""
    c = res.counterexample
    for s, v in c.point.items():
        assert honours_assumptions(s, v), (s, s.assumptions0, v)
    return c


@pytest.mark.parametrize(
    "lhs, rhs",
    [
        (sp.cos(sp.Mul(sp.pi, sp.Symbol("k", even=True), **U), **U), 1),
        (sp.Pow(-1, sp.Symbol("k", even=True), **U), 1),
        (sp.Pow(-1, sp.Symbol("o", odd=True), **U), -1),
        (sp.Abs(sp.Symbol("w", nonpositive=True), **U), -sp.Symbol("w", nonpositive=True)),
        (sp.Symbol("v", imaginary=True) ** 2, -sp.Abs(sp.Symbol("v", imaginary=True)) ** 2),
        (sp.Add(sp.Symbol("z", zero=True), 1, **U), 1),
        (sp.Abs(sp.Symbol("e", extended_real=True)) ** 2, sp.Symbol("e", extended_real=True) ** 2),
        (sp.Symbol("t", transcendental=True) * 0 + sp.sin(sp.Symbol("t", transcendental=True)) ** 2,
         1 - sp.cos(sp.Symbol("t", transcendental=True)) ** 2),
    ],
    ids=["cos(pi k) even", "(-1)^k even", "(-1)^o odd", "abs nonpositive", "imaginary square", "zero",
         "extended_real", "transcendental"],
)
def test_true_identities_under_assumptions_are_never_refuted(lhs, rhs):
    res = equivalent(lhs, rhs, limits=FAST)
    assert res.verdict in ("equal", "unknown"), res.counterexample
    if res.verdict == "equal":
        assert res.explanation.check()


@pytest.mark.parametrize(
    "sym, value, ok",
    [
        (sp.Symbol("k", even=True), sp.Integer(4), True),
        (sp.Symbol("k", even=True), sp.Integer(5), False),
        (sp.Symbol("n", prime=True), sp.Integer(7), True),
        (sp.Symbol("n", prime=True), sp.Integer(9), False),
        (sp.Symbol("c", composite=True), sp.Integer(9), True),
        (sp.Symbol("w", nonpositive=True), sp.Rational(251, 1000), False),
        (sp.Symbol("w", nonpositive=True), sp.Integer(0), True),
        (sp.Symbol("v", imaginary=True), sp.Rational(1, 4), False),
        (sp.Symbol("v", imaginary=True), sp.I / 4, True),
        (sp.Symbol("z", zero=True), sp.Integer(5), False),
        (sp.Symbol("e", extended_real=True), sp.Rational(1, 3) + sp.I, False),
        (sp.Symbol("i", irrational=True), sp.Rational(1, 3), False),
        (sp.Symbol("a", algebraic=True), sp.Rational(1, 3) + sp.I, True),
        (sp.Symbol("t", transcendental=True), sp.Rational(1, 3), False),
    ],
)
def test_honours_assumptions(sym, value, ok):
    assert honours_assumptions(sym, value) is ok


def test_issue_cases_of_wrong_differences():
    # each used to come back "different" at a point outside the symbol's domain
    k, o = sp.Symbol("k", even=True), sp.Symbol("o", odd=True)
    assert equivalent(sp.cos(sp.Mul(sp.pi, k, **U), **U), 1).verdict == "equal"
    assert equivalent(sp.Pow(-1, k, **U), 1).verdict == "equal"
    assert equivalent(sp.Pow(-1, o, **U), -1).verdict == "equal"
    w = sp.Symbol("w", nonpositive=True)
    assert equivalent(sp.Abs(w, **U), -w).verdict == "equal"


def test_prime_counterexample_is_prime():
    n = sp.Symbol("n", prime=True)
    res = equivalent(n**2, 4)
    assert res.verdict == "different"
    assert _ok_point(res).point[n].is_prime


def test_unsampleable_domain_gives_unknown_not_different():
    t = sp.Symbol("t", irrational=True)
    res = equivalent(t**2, t, limits=FAST)
    assert res.verdict == "unknown"  # no rational point is irrational: nothing can be refuted


def test_counterexample_search_respects_parity():
    k = sp.Symbol("k", even=True)
    c = find_counterexample(sp.Pow(-1, k, **U), k, rng=1)
    assert c is not None and c.point[k].is_even


@settings(max_examples=20, deadline=None)
@given(symbol_assumptions(max_keys=3))
def test_random_assumption_sets(assumptions):
    x = sp.Symbol("x", **assumptions)
    # a false pair: whenever it is refuted, the point honours every assumption and the values differ
    res = equivalent(x**2 + 1, x + 1, limits=FAST, samples=16)
    if res.verdict == "different":
        c = _ok_point(res)
        v = c.point[x]
        with mpmath.workdps(40):
            assert abs(complex(sp.N(v**2 + 1 - (v + 1), 30))) > 1e-20
    # a true pair is never refuted
    res = equivalent((x + 1) ** 2, x**2 + 2 * x + 1, limits=FAST, samples=16)
    assert res.verdict in ("equal", "unknown")


def test_signed_zero_does_not_hide_a_difference():
    # (-1.4+0j)**-1 is -0.71-0j in Python: without care the float screen takes the other branch of the root
    r = sp.Symbol("r", real=True)
    lhs = sp.Pow(sp.Pow(r, -1, **U), sp.Rational(1, 2), **U)
    res = equivalent(lhs, 1 / sp.sqrt(r))
    assert res.verdict == "different"
    pt = _ok_point(res).point[r]
    assert pt < 0
    t = to_term(lhs)
    fast = evaluate_term(t, {"r": -1.4})
    slow = evaluate_term(t, {"r": -1.4}, digits=30)
    assert math.isclose(fast.imag, float(slow.imag), rel_tol=1e-12) and fast.imag > 0
