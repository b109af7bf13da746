"""Piecewise in ``equivalent``: a case split on the signs of real symbols, else "unknown" (issue 15 §3)."""

from __future__ import annotations

import pickle

import pytest
import sympy as sp

from mathref.combinatorics.egraph.equivalence import equivalent, honours_assumptions
from mathref.combinatorics.egraph.piecewise import has_piecewise, sign_regions

r, s = sp.symbols("r s", real=True)
n = sp.Symbol("n", nonnegative=True)
k = sp.Symbol("k", integer=True)
z = sp.Symbol("z")  # complex: comparisons have no meaning

EQUAL = [
    (sp.Piecewise((r, r > 0), (-r, True)), sp.Abs(r)),
    (sp.Piecewise((r, r >= 0), (0, True)), (r + sp.Abs(r)) / 2),
    (sp.Piecewise((1, r > 0), (-1, r < 0), (0, True)), sp.sign(r)),
    (sp.Piecewise((sp.sqrt(r**2), r > 0), (r, True)), r),
    (sp.Piecewise((r * s, (r > 0) & (s > 0)), (sp.Abs(r * s), True)), sp.Abs(r) * sp.Abs(s)),
    (sp.Piecewise((sp.log(sp.exp(r)), r > 0), (-sp.Abs(r), True)), r),
    (sp.Piecewise((sp.sin(k) ** 2 + sp.cos(k) ** 2, k < 0), (1, True)), sp.Integer(1)),
]
DIFFERENT = [
    (sp.Piecewise((1, r > 0), (0, True)), sp.Heaviside(r)),        # Heaviside(0) = 1/2 in sympy
    (sp.Piecewise((1, r > 0), (2, True)), sp.Integer(1)),
    (sp.Piecewise((1, k > 0), (2, True)), sp.Integer(1)),
    (sp.Piecewise((sp.log(r), r > 0), (0, True)), sp.log(sp.Abs(r))),
    (sp.Piecewise((r, r > 0), (r, True)), sp.Abs(r)),
]
UNKNOWN = [
    (sp.Piecewise((z, z > 0), (-z, True)), sp.Abs(z)),              # not a real symbol
    (sp.Piecewise((1, r > 1), (0, True)), sp.Integer(0)),           # threshold other than zero
    (sp.Piecewise((1, r**2 > 0), (0, True)), sp.Integer(1)),        # condition on an expression
]


@pytest.mark.parametrize("a, b", EQUAL)
def test_equal_by_regions(a, b):
    res = equivalent(a, b)
    assert res.verdict == "equal", res
    assert res.cases and all(c.verdict == "equal" and c.explanation.check() for _, c in res.cases)


@pytest.mark.parametrize("a, b", DIFFERENT)
def test_different_with_a_checked_counterexample(a, b):
    res = equivalent(a, b)
    assert res.verdict == "different"
    point = res.counterexample.point
    assert set(point) >= (a.free_symbols | b.free_symbols)
    assert all(honours_assumptions(sym, v) for sym, v in point.items())
    assert sp.simplify(a.subs(point) - b.subs(point)) != 0


@pytest.mark.parametrize("a, b", UNKNOWN)
def test_other_conditions_are_unknown_not_errors(a, b):
    assert equivalent(a, b).verdict == "unknown"


def test_positive_symbol_skips_impossible_regions():
    assert [d for d, _ in sign_regions(sp.Piecewise((n, n > 0), (1, True)), n)] == ["n = 0", "n > 0"]
    assert sign_regions(sp.Piecewise((1, r > 0), (0, True)), r)[1][1] == {r: 0}


def test_undefined_at_zero_is_a_domain_condition():
    res = equivalent(sp.Piecewise((1 / r, r > 0), (1 / r, True)), 1 / r)
    assert res.verdict == "equal" and res.domain == "r ≠ 0"


def test_has_piecewise_and_pickling():
    a = sp.Piecewise((r, r > 0), (-r, True))
    assert has_piecewise(a, r) and not has_piecewise(r, 1)
    res = equivalent(a, sp.Abs(r))
    assert pickle.loads(pickle.dumps(res)).verdict == "equal"


def test_time_limit_is_shared_between_regions():
    from mathref.combinatorics.egraph.saturation import Limits

    a = sp.Piecewise((r * s, (r > 0) & (s > 0)), (sp.Abs(r * s), True))
    res = equivalent(a, sp.Abs(r) * sp.Abs(s), limits=Limits(iterations=12, nodes=20_000, time=0.5))
    assert res.report.elapsed < 0.5 * 1.5 + 0.2
