"""One rule for undefined points: equal on the common domain of definition, the domain stated (issue 15 §2)."""

from __future__ import annotations

from dataclasses import replace

import pytest
import sympy as sp

from mathref.combinatorics import default_rules, equivalent
from mathref.combinatorics.egraph import definedness_conditions, to_term

U = {"evaluate": False}
x, y = sp.symbols("x y")
p = sp.Symbol("p", positive=True)


@pytest.mark.parametrize(
    "lhs, rhs, domain",
    [
        (sp.Mul(x, 1 / x, **U), 1, "x ≠ 0"),
        (sp.Mul(x**2, 1 / x, **U), x, "x ≠ 0"),
        (sp.tan(x) * sp.cos(x), sp.sin(x), "cos(x) ≠ 0"),
        (sp.Mul(sp.Add(x, -x, **U), 1 / x, **U), 0, "x ≠ 0"),
        (sp.Add(sp.log(x), -sp.log(x), **U), 0, "x ≠ 0"),
        (sp.Add(sp.tan(x), -sp.tan(x), **U), 0, "cos(x) ≠ 0"),
        (sp.Pow(1 / x, 0, **U), 1, "x ≠ 0"),
        (sp.Mul(p, 1 / p, **U), 1, ""),  # p > 0: nothing to state
        ((x + y) ** 2, x**2 + 2 * x * y + y**2, ""),
    ],
)
def test_equal_where_both_sides_are_defined(lhs, rhs, domain):
    res = equivalent(lhs, rhs)
    assert res.verdict == "equal"
    assert res.domain == domain
    assert res.explanation.check()
    # the stated conditions are exactly what the checker re-derives; dropping them breaks the proof
    if domain:
        assert not replace(res.explanation, conditions=()).check()


@pytest.mark.parametrize(
    "lhs, rhs",
    [
        (sp.Mul(sp.Add(x, -x, **U), 1 / x, **U), 0),
        (sp.Add(sp.log(x), -sp.log(x), **U), 0),
        (sp.Pow(1 / x, 0, **U), 1),
    ],
)
def test_saturation_proofs_state_the_conditions_of_every_term_in_the_chain(lhs, rhs):
    res = equivalent(lhs, rhs, rules=default_rules())  # rewrite rules only, no normal form
    assert res.verdict == "equal" and res.domain == "x ≠ 0" and res.explanation.check()


def test_conditions_of_terms():
    t = to_term(sp.atan(x) + sp.log(y) + sp.tanh(x) + x ** sp.Rational(-1, 2))
    conds = {str(c) for c in definedness_conditions([t], {})}
    assert len(conds) == 4


def test_a_chain_through_an_undefined_term_cannot_prove_a_false_identity():
    # 0 = 0 * 0^-1 = 1 would need the intermediate 0^-1 and its condition "0 ≠ 0"
    res = equivalent(sp.Mul(0, sp.Pow(0, -1, **U), **U), 1)
    assert res.verdict != "equal" or "0 ≠ 0" in res.domain
