"""equivalent(): textbook identities proved with checkable explanations, false ones refuted, unsound pairs not proved.

Independent oracles: sympy (``simplify``/``expand`` and numeric substitution with ``evalf``
at 30 digits) confirms every counterexample and every proved identity.
"""

from __future__ import annotations

import random

import pytest
import sympy as sp
from hypothesis import given, settings

from mathref.combinatorics import (
    Limits,
    ac_rules,
    canonical_form,
    deduplicate,
    distributivity_rules,
    equivalent,
    equivalent_forms,
    find_counterexample,
    from_term,
    to_term,
)
from mathref.combinatorics.strategies import sympy_expressions

x, y, z = sp.symbols("x y z")
p, q = sp.symbols("p q", positive=True)
x1, x2 = sp.symbols("x1 x2", positive=True)
r = sp.Symbol("r", real=True)


def reassociated_sums(n=8):
    s = sp.symbols(f"a0:{n}")
    left = s[0]
    for t in s[1:]:
        left = sp.Add(left, t, evaluate=False)
    order = [3, 1, 7, 0, 5, 2, 6, 4][:n]
    right = s[order[-1]]
    for i in reversed(order[:-1]):
        right = sp.Add(s[i], right, evaluate=False)
    return left, right


U = dict(evaluate=False)
TEXTBOOK = {
    "log splitting": (sp.log(x1**2 * x2**3), 2 * sp.log(x1) + 3 * sp.log(x2)),
    "pythagoras": (sp.sin(x) ** 2 + sp.cos(x) ** 2, sp.Integer(1)),
    "binomial square": ((x + y) ** 2, x**2 + 2 * x * y + y**2),
    "double angle": (sp.sin(2 * x), 2 * sp.sin(x) * sp.cos(x)),
    "distribute and cancel": (x * (y + z) - x * y, x * z),
    "8-term sum reassociated": reassociated_sums(8),
    "three binomials": ((x + 1) * (y + 2) * (z + 3), sp.expand((x + 1) * (y + 2) * (z + 3))),
    "exp-log round trip": (sp.exp(sp.log(p), **U) + sp.log(sp.exp(r), **U), p + r),
    "cosine double angle": (sp.cos(2 * x), 1 - 2 * sp.sin(x) ** 2),
    "angle sum": (sp.sin(x + y), sp.sin(x) * sp.cos(y) + sp.cos(x) * sp.sin(y)),
}

FALSE = {
    "log of a sum": (sp.log(x + y), sp.log(x) + sp.log(y)),
    "freshman's dream": ((x + y) ** 2, x**2 + y**2),
    "sin^2 - cos^2": (sp.sin(x) ** 2 - sp.cos(x) ** 2, sp.Integer(1)),
}


@pytest.mark.parametrize("name", list(TEXTBOOK))
def test_textbook_identities_are_proved(name):
    a, b = TEXTBOOK[name]
    res = equivalent(a, b)
    assert res.verdict == "equal", res.report
    assert res and res.counterexample is None
    e = res.explanation
    assert e.start == to_term(a) and e.end == to_term(b)
    assert e.check(), [m for ok, m in e.check_steps() if not ok]
    assert len(e.steps) >= 1
    # independent oracle
    assert sp.simplify(sp.expand(a - b, trig=True)) == 0


@pytest.mark.parametrize("name", list(FALSE))
def test_false_identities_are_refuted(name):
    a, b = FALSE[name]
    res = equivalent(a, b)
    assert res.verdict == "different"
    assert not res and res.explanation is None
    c = res.counterexample
    va = complex(a.subs(c.point).evalf(30))
    vb = complex(b.subs(c.point).evalf(30))
    assert abs(va - vb) > 1e-6 * (1 + abs(va))
    assert abs(complex(c.lhs_value) - va) < 1e-12 * (1 + abs(va))


def test_counterexample_respects_assumptions():
    # log(p + q) != log p + log q for positive p, q: the point must stay positive
    res = equivalent(sp.log(p + q), sp.log(p) + sp.log(q))
    assert res.verdict == "different"
    assert all(v.is_positive for v in res.counterexample.point.values())


@pytest.mark.parametrize(
    "lhs, rhs",
    [(sp.sqrt(x**2), x), (sp.log(x**2), 2 * sp.log(x)), (sp.sqrt(r**2), r), (sp.log(r**2), 2 * sp.log(r))],
)
def test_unsound_pairs_not_proved_for_unrestricted_symbols(lhs, rhs):
    res = equivalent(lhs, rhs)
    assert res.verdict == "different"  # x = -1 is a counterexample
    assert res.explanation is None


@pytest.mark.parametrize("lhs, rhs", [(sp.sqrt(p**2), p), (sp.log(p**2), 2 * sp.log(p))])
def test_unsound_pairs_are_proved_for_positive_symbols(lhs, rhs):
    lhs = sp.Pow(sp.Pow(p, 2, evaluate=False), sp.Rational(1, 2), evaluate=False) if lhs == p else lhs
    res = equivalent(lhs, rhs)
    assert res.verdict == "equal"
    assert res.explanation.check()


def test_sqrt_of_square_is_abs_for_real_symbols():
    res = equivalent(sp.Pow(sp.Pow(r, 2, evaluate=False), sp.Rational(1, 2), evaluate=False), sp.Abs(r))
    assert res.verdict == "equal"
    assert [s.rule for s in res.explanation.steps] == ["sqrt-square"]


def test_unknown_within_limits_for_four_binomials():
    a, b, c, d, e, f, g, h = sp.symbols("a b c d e f g h")
    lhs = (a + b) * (c + d) * (e + f) * (g + h)
    rules = ac_rules("+") + ac_rules("*") + distributivity_rules()
    res = equivalent(lhs, sp.expand(lhs), rules=rules, limits=Limits(nodes=3000, time=20, scheduler="simple"))
    assert res.verdict == "unknown"
    assert res.report.stop_reason == "node_limit" and res.report.nodes <= 3010
    assert res.explanation is None and res.counterexample is None


def test_sampling_alone_never_proves():
    # numerically equal everywhere, but outside the rules: must stay "unknown", never "equal"
    res = equivalent(sp.cos(x) ** 4 - sp.sin(x) ** 4, sp.cos(2 * x), limits=Limits(iterations=3, time=2))
    assert res.verdict in ("equal", "unknown")
    if res.verdict == "equal":
        assert res.explanation.check()
    else:
        assert res.counterexample is None and res.report is not None


def test_bad_input():
    with pytest.raises(TypeError, match="supported"):
        equivalent(sp.gamma(x), x)
    with pytest.raises(ValueError, match="samples"):
        equivalent(x, x, samples=-1)
    with pytest.raises(ValueError, match="assumptions"):
        equivalent(sp.Symbol("w"), sp.Symbol("w", positive=True))


def test_find_counterexample_returns_none_for_identities():
    assert find_counterexample(sp.sin(x) ** 2 + sp.cos(x) ** 2, 1, rng=3) is None


# ---------------------------------------------------------------- symbolic-regression helpers


def test_deduplicate_groups_proved_equal_candidates():
    cands = [
        sp.log(x1 * x2),
        x1 + x2,
        sp.log(x1) + sp.log(x2),
        x2 + x1,
        x1 * (x2 + 1),
        x1 * x2 + x1,
        sp.log(x1) - sp.log(x2),
    ]
    d = deduplicate(cands)
    assert d.groups == ((0, 2), (1, 3), (4, 5), (6,))
    for grp, rep in zip(d.groups, d.representatives):
        for i in grp:
            assert sp.simplify(sp.expand_log(cands[i] - rep, force=True)) == 0


def test_canonical_form_is_shared_by_equal_expressions():
    a = canonical_form(sp.log(p**3) - sp.log(p))
    b = canonical_form(2 * sp.log(p))
    assert a == b == 2 * sp.log(p)


def test_equivalent_forms_are_all_equal():
    forms = equivalent_forms(x * (y + 1), max_size=7)
    assert set(forms) >= {x * (y + 1), x * y + x}
    terms = equivalent_forms(x * (y + 1), max_size=7, as_terms=True)
    assert len(terms) >= 8 and len(set(terms)) == len(terms)  # commuted and reassociated variants
    for t in terms:
        assert sp.expand(from_term(t, symbols={"x": x, "y": y}) - x * (y + 1)) == 0


# ---------------------------------------------------------------- shipped strategies


@settings(max_examples=30)
@given(sympy_expressions(symbols=(x, p), max_leaves=4))
def test_expression_equals_itself_and_its_expansion(e):
    res = equivalent(e, e)
    assert res.verdict == "equal" and res.explanation.check()


def test_random_points_agree_for_proved_identities():
    rnd = random.Random(0)
    for name, (a, b) in TEXTBOOK.items():
        syms = sorted(a.free_symbols | b.free_symbols, key=str)
        pt = {s: sp.Rational(rnd.randint(1, 30), 7) for s in syms}
        assert abs(complex((a - b).subs(pt).evalf(30))) < 1e-20, name
