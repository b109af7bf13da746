"""The exact normal form: decides polynomial and rational identities, Euler forms of trig, inverse functions."""

from __future__ import annotations

from fractions import Fraction

import mpmath
import pytest
import sympy as sp
from hypothesis import given, settings

from mathref.combinatorics.egraph import NormalFormContext, evaluate_term, normal_forms_agree, symbol_facts, to_term
from mathref.combinatorics.strategies import sympy_expressions

x, y = sp.symbols("x y")


def agree(a, b):
    return normal_forms_agree(to_term(a), to_term(b), symbol_facts(a, b))


@pytest.mark.parametrize(
    "a, b",
    [
        ((x + y) ** 4, sp.expand((x + y) ** 4)),
        (1 / x + 1 / y, (x + y) / (x * y)),
        (sp.cos(x) ** 4 - sp.sin(x) ** 4, sp.cos(2 * x)),
        (sp.tan(2 * x), 2 * sp.tan(x) / (1 - sp.tan(x) ** 2)),
        (sp.sin(x) + sp.sin(y), 2 * sp.sin((x + y) / 2) * sp.cos((x - y) / 2)),
        (sp.cosh(x) ** 2 - sp.sinh(x) ** 2, 1),
        (sp.asinh(x), sp.log(x + sp.sqrt(x**2 + 1))),
        (sp.sqrt(x) * sp.sqrt(x), x),
        (sp.exp(x / 2) ** 2, sp.exp(x)),
    ],
)
def test_identities_decided(a, b):
    assert agree(a, b)


@pytest.mark.parametrize(
    "a, b",
    [
        (sp.sqrt(x**2), x),
        (sp.log(x * y), sp.log(x) + sp.log(y)),
        (sp.sin(x) ** 2 - sp.cos(x) ** 2, 1),
        ((x + y) ** 2, x**2 + y**2),
        (sp.asin(sp.sin(x, evaluate=False)), x),
    ],
)
def test_non_identities_are_not_equal(a, b):
    assert not agree(a, b)


# Each identity the normal form builds in (compositions and log forms of inverse functions) is checked
# with mpmath on a grid of complex points that crosses every branch cut.
_GRID = [mpmath.mpc(a, b) for a in (-3, -1.5, -1, -0.5, 0, 0.3, 1, 1.7, 4) for b in (-2, -0.7, 0, 0.4, 2.5)]
S = mpmath.sqrt
_BUILT_IN = {
    "cos(asin u)": lambda u: (mpmath.cos(mpmath.asin(u)), S(1 - u**2)),
    "sin(acos u)": lambda u: (mpmath.sin(mpmath.acos(u)), S(1 - u**2)),
    "cosh(asinh u)": lambda u: (mpmath.cosh(mpmath.asinh(u)), S(1 + u**2)),
    "sin(atan u)": lambda u: (mpmath.sin(mpmath.atan(u)), u / S(1 + u**2)),
    "cos(atan u)": lambda u: (mpmath.cos(mpmath.atan(u)), 1 / S(1 + u**2)),
    "exp(asinh u)": lambda u: (mpmath.exp(mpmath.asinh(u)), u + S(u**2 + 1)),
    "exp(acosh u)": lambda u: (mpmath.exp(mpmath.acosh(u)), u + S(u + 1) * S(u - 1)),
    "sinh(acosh u)": lambda u: (mpmath.sinh(mpmath.acosh(u)), S(u + 1) * S(u - 1)),
    "asin": lambda u: (mpmath.asin(u), -1j * mpmath.log(1j * u + S(1 - u**2))),
    "acos": lambda u: (mpmath.acos(u), mpmath.pi / 2 - mpmath.asin(u)),
    "atan": lambda u: (mpmath.atan(u), 0.5j * (mpmath.log(1 - 1j * u) - mpmath.log(1 + 1j * u))),
    "asinh": lambda u: (mpmath.asinh(u), mpmath.log(u + S(u**2 + 1))),
    "acosh": lambda u: (mpmath.acosh(u), mpmath.log(u + S(u + 1) * S(u - 1))),
    "atanh": lambda u: (mpmath.atanh(u), (mpmath.log(1 + u) - mpmath.log(1 - u)) / 2),
    "asin odd": lambda u: (mpmath.asin(-u), -mpmath.asin(u)),
    "atan odd": lambda u: (mpmath.atan(-u), -mpmath.atan(u)),
    "asinh odd": lambda u: (mpmath.asinh(-u), -mpmath.asinh(u)),
    "atanh odd": lambda u: (mpmath.atanh(-u), -mpmath.atanh(u)),
}


@pytest.mark.parametrize("name", sorted(_BUILT_IN))
def test_built_in_identities_hold_through_the_branch_cuts(name):
    with mpmath.workdps(30):
        for u in _GRID:
            if name.startswith(("atan", "sin(atan", "cos(atan")) and abs(abs(u.imag) - 1) < 1e-9 and u.real == 0:
                continue  # atan(±i) undefined
            if "atanh" in name and u.imag == 0 and abs(u.real) == 1:
                continue  # atanh(±1) undefined
            lhs, rhs = _BUILT_IN[name](u)
            assert abs(lhs - rhs) < mpmath.mpf(10) ** -20, (name, u)


@settings(max_examples=40, deadline=None)
@given(sympy_expressions(symbols=sp.symbols("x y"), max_leaves=5))
def test_agreeing_normal_forms_agree_numerically(e):
    # soundness: the normal form of e equals that of its sympy expansion only if values agree
    f = sp.expand(e)
    ta, tb = to_term(e), to_term(f)
    if NormalFormContext().equal(ta, tb):
        for pt in ({"x": 0.7, "y": -1.3}, {"x": complex(0.4, 0.9), "y": 2.1}):
            va, vb = evaluate_term(ta, pt, digits=30), evaluate_term(tb, pt, digits=30)
            if va is not None and vb is not None:
                assert abs(va - vb) <= mpmath.mpf(10) ** -15 * (1 + abs(va))


def test_size_cap_gives_up_instead_of_hanging():
    big = ("^", ("+", ("sym", "x"), ("sym", "y")), ("num", Fraction(10**6)))
    assert NormalFormContext().form(big) is None
