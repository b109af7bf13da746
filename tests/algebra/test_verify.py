"""The algebra verify kinds: tables in other conventions are recognised (issue 17 §1).

Convention facts: sympy.physics.wigner.clebsch_gordan(j1, j2, j, m1, m2, m) takes
the labels in another order; <j2 m2 j1 m1|j m> = (-1)^(j1+j2-j) <j1 m1 j2 m2|j m>;
CG = (-1)^(j1-j2+m) sqrt(2j+1) (j1 j2 j; m1 m2 -m); W(abcd; ef) = (-1)^(a+b+c+d) {a b e; d c f}
(Edmonds, Angular Momentum in Quantum Mechanics, eqs. 3.5.14 and 6.2.13).
"""

from __future__ import annotations

import math

import pytest

from mathref.algebra import clebsch_gordan, gaunt, racah_w, real_gaunt, wigner_3j, wigner_6j, wigner_9j
from mathref.verify import verify


def test_reference_callables_pass():
    assert verify("cg", lambda *a: float(clebsch_gordan(*a)), jmax=1.5).passed
    assert verify("3j", lambda *a: float(wigner_3j(*a)), jmax=1).passed
    assert verify("6j", lambda *a: float(wigner_6j(*a)), jmax=1).passed
    assert verify("9j", lambda *a: float(wigner_9j(*a)), jmax=1).passed
    assert verify("gaunt", lambda *a: float(gaunt(*a)), lmax=2).passed
    assert verify("real_gaunt", lambda *a: float(real_gaunt(*a)), lmax=2).passed


def test_sympy_order_against_sympy_itself():
    sympy_wigner = pytest.importorskip("sympy.physics.wigner")
    rows = {(j1, j2, j, m1, m2, m1 + m2): float(sympy_wigner.clebsch_gordan(j1, j2, j, m1, m2, m1 + m2))
            for j1 in (1, 2) for j2 in (1,) for j in (1, 2) for m1 in range(-j1, j1 + 1) for m2 in (-1, 0, 1)
            if abs(m1 + m2) <= j}
    r = verify("cg", rows, complete=False)
    assert r.detected == "sympy_order"


@pytest.mark.parametrize("kind, func, name", [
    ("cg", lambda j1, m1, j2, m2, j, m: float(clebsch_gordan(j2, m2, j1, m1, j, m)), "swapped"),
    ("cg", lambda j1, m1, j2, m2, j, m: float(wigner_3j(j1, j2, j, m1, m2, -m)), "3j"),
    ("3j", lambda j1, j2, j3, m1, m2, m3: float(clebsch_gordan(j1, m1, j2, m2, j3, -m3)), "cg"),
    ("3j", lambda j1, j2, j3, m1, m2, m3: float(wigner_3j(j2, j1, j3, m2, m1, m3)), "odd_permutation"),
    ("6j", lambda *a: float(racah_w(*a)), "racah_w"),
    ("gaunt", lambda *a: float(gaunt(*a)) * (4 * math.pi) ** 1.5, "4pi"),
    ("gaunt", lambda l1, l2, l3, m1, m2, m3: (-1) ** m1 * float(gaunt(l1, l2, l3, -m1, m2, m3)), "conjugated_first"),
    ("gaunt", lambda l1, l2, l3, m1, m2, m3: float(gaunt(l1, l2, l3, m1, m2, m3))
     * math.prod((-1) ** m if m > 0 else 1 for m in (m1, m2, m3)), "no_cs"),
    ("real_gaunt", lambda l1, l2, l3, *m: float(real_gaunt(l1, l2, l3, *m))
     * math.prod(math.sqrt(4 * math.pi / (2 * l + 1)) for l in (l1, l2, l3)), "schmidt"),
])
def test_other_conventions_are_named(kind, func, name):
    r = verify(kind, func, jmax=1.5, lmax=2)
    assert not r.passed and r.detected == name, str(r)
    assert verify(kind, func, jmax=1.5, lmax=2, convention=name).passed


def test_racah_w_sign_convention_matches_racah_w():
    # the candidate's formula is checked on its own: W(1 3/2 1/2 2; 3/2 5/2) both ways
    a, b, c, d, e, f = 1, 1.5, 0.5, 2, 1.5, 2.5
    expected = (-1) ** int(a + b + c + d) * float(wigner_6j(a, b, e, d, c, f))
    assert float(racah_w(a, b, c, d, e, f)) == pytest.approx(expected)
