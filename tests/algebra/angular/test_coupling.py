"""Exact coupling coefficients: published tables, sympy, and the laws they obey.

Sources:
- Particle Data Group, "Clebsch-Gordan coefficients, spherical harmonics, and d
  functions" (Review of Particle Physics), tables 1/2x1/2 and 1x1, and the
  closed forms for j2 = 1/2 and j2 = 1 given with them (also Condon & Shortley,
  The Theory of Atomic Spectra, 1935, tables 1^3 and 2^3).
- Edmonds, Angular Momentum in Quantum Mechanics (1957): 3j symmetries (3.7.5-8),
  Regge symmetry, 6j orthogonality (6.2.9), Biedenharn-Elliott identity (6.2.12),
  9j with a zero entry (6.4.14), W <-> 6j (6.2.13).
"""

from __future__ import annotations

from collections import defaultdict
from fractions import Fraction as F

import pytest
import sympy
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sympy.physics import wigner as sw

from mathref.algebra import SqrtRational, clebsch_gordan, racah_w, wigner_3j, wigner_6j, wigner_9j
from mathref.algebra.strategies import (
    angular_momenta,
    clebsch_gordan_labels,
    half_integers,
    projections,
    six_j_labels,
    three_j_labels,
    triangle_triples,
)

H = F(1, 2)


def exact_sum(terms) -> dict:
    """Sum SqrtRationals grouped by (radicand, pi power); zero iff every group is zero
    (square roots of distinct square-free integers are linearly independent over Q)."""
    groups = defaultdict(F)
    for t in terms:
        if t:
            groups[(t.radicand, t.pi_power)] += t.coefficient
    return {k: v for k, v in groups.items() if v}


def is_exactly(terms, value) -> bool:
    return exact_sum(list(terms) + [-SqrtRational(value)]) == {}


def sq(q) -> SqrtRational:
    """Signed square root: sq(-1/3) = -sqrt(1/3), as tables print them."""
    q = F(q)
    return SqrtRational(1 if q >= 0 else -1, abs(q))


def s(x):
    return sympy.Rational(x.numerator, x.denominator) if isinstance(x, F) else sympy.Integer(x)


# ----------------------------------------------------------- published tables
PDG_ENTRIES = [
    # 1/2 x 1/2
    ((H, H, H, -H, 1, 0), sq(F(1, 2))),
    ((H, -H, H, H, 1, 0), sq(F(1, 2))),
    ((H, H, H, -H, 0, 0), sq(F(1, 2))),
    ((H, -H, H, H, 0, 0), sq(F(-1, 2))),
    ((H, H, H, H, 1, 1), sq(1)),
    # 1 x 1/2
    ((1, 0, H, H, 3 * H, H), sq(F(2, 3))),
    ((1, 1, H, -H, 3 * H, H), sq(F(1, 3))),
    ((1, 0, H, H, H, H), sq(F(-1, 3))),
    ((1, 1, H, -H, H, H), sq(F(2, 3))),
    # 1 x 1
    ((1, 1, 1, -1, 2, 0), sq(F(1, 6))),
    ((1, 0, 1, 0, 2, 0), sq(F(2, 3))),
    ((1, 1, 1, -1, 1, 0), sq(F(1, 2))),
    ((1, 0, 1, 0, 1, 0), sq(0)),
    ((1, -1, 1, 1, 1, 0), sq(F(-1, 2))),
    ((1, 1, 1, -1, 0, 0), sq(F(1, 3))),
    ((1, 0, 1, 0, 0, 0), sq(F(-1, 3))),
    ((1, 1, 1, 0, 2, 1), sq(F(1, 2))),
    ((1, 1, 1, 0, 1, 1), sq(F(1, 2))),
    ((1, 0, 1, 1, 1, 1), sq(F(-1, 2))),
]


@pytest.mark.parametrize("labels, value", PDG_ENTRIES)
def test_pdg_table_entries(labels, value):
    assert clebsch_gordan(*labels) == value


def _closed_form_half(j1, m, sign):
    """<j1, m-ms; 1/2, ms | j1 + sign/2, m> for ms = +1/2 and -1/2 (PDG / Condon-Shortley)."""
    d = 2 * j1 + 1
    if sign > 0:
        return {H: sq((j1 + m + H) / d), -H: sq((j1 - m + H) / d)}
    return {H: sq(-(j1 - m + H) / d), -H: sq((j1 + m + H) / d)}


def _closed_form_one(j1, m, dj):
    """<j1, m-m2; 1, m2 | j1 + dj, m> for m2 = 1, 0, -1 (PDG j2 = 1 table)."""
    if dj == 1:
        den = (2 * j1 + 1) * (2 * j1 + 2)
        return {
            1: sq((j1 + m) * (j1 + m + 1) / den),
            0: sq((j1 - m + 1) * (j1 + m + 1) / ((2 * j1 + 1) * (j1 + 1))),
            -1: sq((j1 - m) * (j1 - m + 1) / den),
        }
    if dj == 0:
        den = 2 * j1 * (j1 + 1)
        return {
            1: sq(-(j1 + m) * (j1 - m + 1) / den),
            0: SqrtRational(m, 1) / SqrtRational(1, j1 * (j1 + 1)),
            -1: sq((j1 - m) * (j1 + m + 1) / den),
        }
    den = 2 * j1 * (2 * j1 + 1)
    return {
        1: sq((j1 - m) * (j1 - m + 1) / den),
        0: sq(-(j1 - m) * (j1 + m) / (j1 * (2 * j1 + 1))),
        -1: sq((j1 + m + 1) * (j1 + m) / den),
    }


@pytest.mark.parametrize("two_j1", range(1, 9))
def test_closed_forms_j2_half_and_one(two_j1):
    # covers the 1/2x1/2, 1x1/2, 1x1, 3/2x1 and 2x1 tables and more
    j1 = F(two_j1, 2)
    for sign in (1, -1):
        j = j1 + sign * H
        for tm in range(-int(2 * j), int(2 * j) + 1, 2):
            m = F(tm, 2)
            for ms, v in _closed_form_half(j1, m, sign).items():
                assert clebsch_gordan(j1, m - ms, H, ms, j, m) == v
    for dj in (1, 0, -1):
        j = j1 + dj
        if j < 0 or (dj == 0 and j1 == 0):
            continue
        for tm in range(-int(2 * j), int(2 * j) + 1, 2):
            m = F(tm, 2)
            for m2, v in _closed_form_one(j1, m, dj).items():
                if abs(m - m2) <= j1:
                    assert clebsch_gordan(j1, m - m2, 1, m2, j, m) == v


# ------------------------------------------------------------- against sympy
@given(three_j_labels(max_j=5))
def test_3j_equals_sympy(l):
    assert sympy.sympify(wigner_3j(*l)) == sw.wigner_3j(*map(s, l))


@given(clebsch_gordan_labels(max_j=5))
def test_cg_equals_sympy_with_its_argument_order(l):
    j1, m1, j2, m2, j, m = l
    assert sympy.sympify(clebsch_gordan(*l)) == sw.clebsch_gordan(*map(s, (j1, j2, j, m1, m2, m)))


@given(six_j_labels(max_j=4))
def test_6j_and_racah_equal_sympy(l):
    assert sympy.sympify(wigner_6j(*l)) == sw.wigner_6j(*map(s, l))
    try:
        ref = sw.racah(*map(s, l))
    except ValueError:  # W's own triads may have half-integer sums; sympy refuses, we give 0
        assert racah_w(*l) == 0
    else:
        assert sympy.sympify(racah_w(*l)) == ref


@settings(max_examples=25)
@given(st.lists(angular_momenta(max_j=2), min_size=9, max_size=9))
def test_9j_equals_sympy(l):
    try:
        ref = sw.wigner_9j(*map(s, l), prec=None)
    except ValueError:  # sympy refuses triads with half-integer sums; we return 0
        assert wigner_9j(*l) == 0
        return
    assert sympy.simplify(sympy.sympify(wigner_9j(*l)) - ref) == 0


@pytest.mark.parametrize(
    "labels",
    [(36, 30, 34, 4, -4, 0), (100, 100, 100, 0, 0, 0), (60, 40, 50, 10, -5, -5),
     (F(41, 2), F(39, 2), 30, F(1, 2), F(-3, 2), 1)],
)
def test_large_3j_equals_sympy(labels):
    assert sympy.sympify(wigner_3j(*labels)) == sw.wigner_3j(*map(s, labels))


def test_float_is_correctly_rounded_value_of_sympy():
    for l in [(36, 30, 34, 4, -4, 0), (200, 200, 200, 0, 0, 0), (10, 20, 15, 3, -7, 4)]:
        ref = sympy.N(sw.wigner_3j(*l), 40)
        assert float(wigner_3j(*l)) == float(ref)


# ------------------------------------------------------------- 3j symmetries
@given(three_j_labels(max_j=6))
@example((F(1, 2), F(1, 2), 1, F(1, 2), F(-1, 2), 0))
def test_3j_column_permutations_and_reflection(l):
    j1, j2, j3, m1, m2, m3 = l
    v = wigner_3j(*l)
    phase = -1 if (j1 + j2 + j3) % 2 else 1
    assert wigner_3j(j2, j3, j1, m2, m3, m1) == v
    assert wigner_3j(j3, j1, j2, m3, m1, m2) == v
    assert wigner_3j(j2, j1, j3, m2, m1, m3) == phase * v
    assert wigner_3j(j1, j3, j2, m1, m3, m2) == phase * v
    assert wigner_3j(j1, j2, j3, -m1, -m2, -m3) == phase * v


@given(three_j_labels(max_j=6))
def test_3j_regge_symmetry(l):
    j1, j2, j3, m1, m2, m3 = l
    # Regge (1958): (j1 j2 j3; m1 m2 m3) equals the symbol with columns
    # (j1, (j2+j3-m1)/2, (j2+j3+m1)/2 ; j3-j2, (j2-j3-m1)/2 - m3, (j2-j3+m1)/2 + m3)
    other = (j1, (j2 + j3 - m1) / 2, (j2 + j3 + m1) / 2, j3 - j2, (j2 - j3 - m1) / 2 - m3, (j2 - j3 + m1) / 2 + m3)
    assert wigner_3j(*other) == wigner_3j(*l)


# -------------------------------------------------------- CG orthogonality
@given(triangle_triples(max_j=3), st.data())
def test_cg_orthogonality_over_m1_m2(jjj, data):
    j1, j2, j = jjj
    jp = abs(j1 - j2) + data.draw(st.integers(0, int(j1 + j2 - abs(j1 - j2))), label="j' - |j1-j2|")
    m = data.draw(projections(j), label="m")
    terms = []
    for k1 in range(int(2 * j1) + 1):
        m1 = k1 - j1
        m2 = m - m1
        if abs(m2) <= j2 and abs(m) <= jp:
            terms.append(clebsch_gordan(j1, m1, j2, m2, j, m) * clebsch_gordan(j1, m1, j2, m2, jp, m))
    assert is_exactly(terms, 1 if jp == j else 0)


@given(angular_momenta(max_j=3), angular_momenta(max_j=3), st.data())
def test_cg_orthogonality_over_j_m(j1, j2, data):
    m1, m1p = data.draw(projections(j1)), data.draw(projections(j1))
    m2 = data.draw(projections(j2))
    m2p = m1 + m2 - m1p
    if abs(m2p) > j2:
        m2p = m2
        m1p = m1
    terms = []
    jj = abs(j1 - j2)
    while jj <= j1 + j2:
        m = m1 + m2
        if abs(m) <= jj:
            terms.append(clebsch_gordan(j1, m1, j2, m2, jj, m) * clebsch_gordan(j1, m1p, j2, m2p, jj, m))
        jj += 1
    assert is_exactly(terms, 1 if (m1, m2) == (m1p, m2p) else 0)


# -------------------------------------------------------------- 6j and 9j laws
@given(six_j_labels(max_j=3), angular_momenta(max_j=3))
def test_6j_orthogonality(l, j6p):
    j1, j2, j3, j4, j5, j6 = l
    # sum over j3 of (2j3+1)(2j6+1) {j1 j2 j3; j4 j5 j6}{j1 j2 j3; j4 j5 j6'} = delta(j6, j6')
    terms = []
    x = abs(j1 - j2)
    while x <= j1 + j2:
        terms.append((2 * x + 1) * (2 * j6 + 1) * wigner_6j(j1, j2, x, j4, j5, j6) * wigner_6j(j1, j2, x, j4, j5, j6p))
        x += 1
    valid_p = abs(j1 - j5) <= j6p <= j1 + j5 and abs(j4 - j2) <= j6p <= j4 + j2 and (j1 + j5 + j6p) % 1 == 0
    expected = 1 if j6p == j6 else 0
    if j6p != j6 or valid_p:
        assert is_exactly(terms, expected)


@settings(max_examples=30)
@given(st.lists(angular_momenta(max_j=F(3, 2)), min_size=9, max_size=9))
def test_biedenharn_elliott(l):
    a, b, c, d, e, f, p, q, r = l
    rhs = wigner_6j(p, q, r, e, a, d) * wigner_6j(p, q, r, f, b, c)
    S = a + b + c + d + e + f + p + q + r
    terms = []
    for tx in range(0, 13):
        x = F(tx, 2)
        t = wigner_6j(a, b, x, c, d, p) * wigner_6j(c, d, x, e, f, q) * wigner_6j(e, f, x, b, a, r)
        if t:
            sign = -1 if (S + x) % 2 else 1
            assert (S + x) % 1 == 0
            terms.append(sign * (2 * x + 1) * t)
    assert exact_sum(terms + [-rhs]) == {}


@settings(max_examples=30)
@given(six_j_labels(max_j=2))
def test_9j_with_a_zero_reduces_to_6j(l):
    a, b, e, d, c, f = l  # {a b e; d c f}
    lhs = wigner_9j(a, b, e, c, d, e, f, f, 0)
    rhs = wigner_6j(a, b, e, d, c, f) / SqrtRational(1, (2 * e + 1) * (2 * f + 1))
    if (b + c + e + f) % 2:
        rhs = -rhs
    assert lhs == rhs


@settings(max_examples=20)
@given(st.lists(angular_momenta(max_j=F(3, 2)), min_size=9, max_size=9))
def test_9j_symmetries_and_6j_sum(l):
    j1, j2, j3, j4, j5, j6, j7, j8, j9 = l
    v = wigner_9j(*l)
    assert wigner_9j(j1, j4, j7, j2, j5, j8, j3, j6, j9) == v  # transpose
    sign = -1 if sum(l) % 2 else 1
    assert wigner_9j(j4, j5, j6, j1, j2, j3, j7, j8, j9) == sign * v  # swap two rows
    terms = []
    for tx in range(0, 13):
        x = F(tx, 2)
        t = wigner_6j(j1, j4, j7, j8, j9, x) * wigner_6j(j2, j5, j8, j4, x, j6) * wigner_6j(j3, j6, j9, x, j1, j2)
        if t:
            terms.append((-1 if tx % 2 else 1) * (tx + 1) * t)
    assert exact_sum(terms + [-v]) == {}


@given(six_j_labels(max_j=3))
def test_racah_w_is_signed_6j(l):
    a, b, c, d, e, f = l
    sign = -1 if (a + b + c + d) % 2 else 1
    assert racah_w(a, b, c, d, e, f) == sign * wigner_6j(a, b, e, d, c, f)


# ---------------------------------------------------------- input handling
@pytest.mark.parametrize(
    "call, exc, match",
    [
        (lambda: wigner_3j(0.3, 1, 1, 0, 0, 0), ValueError, r"j1=0.3 is not a half-integer"),
        (lambda: wigner_3j(1, -1, 1, 0, 0, 0), ValueError, r"j2=-1 is negative"),
        (lambda: wigner_3j(1, 1, 1, F(1, 2), 0, 0), ValueError, r"j1=1 and m1=1/2 differ in parity"),
        (lambda: clebsch_gordan(1, 0, 1, 0, 1, F(1, 3)), ValueError, r"m=.* is not a half-integer"),
        (lambda: clebsch_gordan("1", 0, 1, 0, 1, 0), TypeError, r"j1='1'"),
        (lambda: wigner_6j(1, 1, 1, 1, 1, None), TypeError, r"j6=None"),
        (lambda: wigner_6j(1, 1, 1, 1, 1, 1 + 0j), TypeError, r"j6"),
        (lambda: wigner_9j(1, 1, 1, 1, 1, 1, 1, 1, True), TypeError, r"j9=True is a bool"),
        (lambda: racah_w(1, 1, 1, 1, 1, float("nan")), ValueError, r"f=nan is not finite"),
        (lambda: wigner_3j(sympy.Symbol("j"), 1, 1, 0, 0, 0), TypeError, r"symbolic"),
    ],
)
def test_bad_input_is_named(call, exc, match):
    with pytest.raises(exc, match=match):
        call()


def test_selection_rules_give_exact_zero():
    zero = SqrtRational(0)
    assert wigner_3j(1, 1, 1, 1, -1, 0) != zero  # all rules hold: a genuine nonzero value
    assert wigner_3j(1, 1, 3, 0, 0, 0) == 0  # triangle
    assert wigner_3j(1, 1, 1, 1, 0, 0) == 0  # m-sum
    assert wigner_3j(1, 1, 1, 2, -2, 0) == 0  # |m| > j
    assert wigner_3j(F(1, 2), F(1, 2), F(1, 2), F(1, 2), F(1, 2), F(-1, 2)) == 0  # half-integer sum
    assert clebsch_gordan(1, 1, 1, 1, 1, 1) == 0
    assert wigner_6j(1, 1, 3, 1, 1, 1) == 0
    assert wigner_6j(F(1, 2), F(1, 2), F(1, 2), 1, 1, 1) == 0
    assert wigner_9j(1, 1, 3, 1, 1, 1, 1, 1, 1) == 0
    assert isinstance(wigner_3j(1, 1, 3, 0, 0, 0), SqrtRational)


def test_accepts_every_label_type():
    ref = wigner_3j(F(3, 2), 1, F(1, 2), F(1, 2), 0, F(-1, 2))
    assert wigner_3j(1.5, 1.0, 0.5, 0.5, 0.0, -0.5) == ref
    assert wigner_3j(sympy.Rational(3, 2), sympy.Integer(1), sympy.S.Half, sympy.S.Half, 0, -sympy.S.Half) == ref
    import numpy as np

    assert wigner_3j(np.int64(2), 2, 2, 0, 0, 0) == wigner_3j(2, 2, 2, 0, 0, 0)


@pytest.mark.parametrize("js", [(1000, 1000, 1000), (700, 900, 1000), (3, 5, 4), (250, 251, 3)])
def test_3j_zero_projections_closed_form(js):
    # Edmonds (3.7.17): for J = j1+j2+j3 even,
    # (j1 j2 j3; 0 0 0) = (-1)^(J/2) sqrt((J-2j1)!(J-2j2)!(J-2j3)!/(J+1)!) (J/2)! / ((J/2-j1)!(J/2-j2)!(J/2-j3)!)
    from math import factorial as fa

    j1, j2, j3 = js
    J = j1 + j2 + j3
    v = wigner_3j(j1, j2, j3, 0, 0, 0)
    if J % 2:
        assert v == 0
        return
    g = J // 2
    sq_expected = F(fa(J - 2 * j1) * fa(J - 2 * j2) * fa(J - 2 * j3), fa(J + 1)) * F(
        fa(g), fa(g - j1) * fa(g - j2) * fa(g - j3)
    ) ** 2
    assert v.square() == sq_expected
    assert v.sign() == (-1) ** g


# ------------------------------------------------------ shipped strategies
@given(half_integers(min_value=-3, max_value=3))
def test_half_integers_strategy(x):
    assert -3 <= x <= 3 and (2 * x).denominator == 1


@given(angular_momenta(max_j=3, integer=False))
def test_angular_momenta_strategy_half_odd(j):
    assert j > 0 and (2 * j) % 2 == 1


@given(triangle_triples(max_j=4))
def test_triangle_triples_strategy(t):
    a, b, c = t
    assert abs(a - b) <= c <= a + b and (a + b + c).denominator == 1


@given(clebsch_gordan_labels(max_j=3))
def test_cg_label_strategy_is_valid(l):
    j1, m1, j2, m2, j, m = l
    assert m1 + m2 == m and abs(m1) <= j1 and abs(m2) <= j2
    clebsch_gordan(*l)


def test_strategy_bounds_are_validated():
    with pytest.raises(ValueError, match="max_j"):
        triangle_triples(max_j=F(1, 3))
    with pytest.raises(ValueError, match="min_value"):
        half_integers(min_value=2, max_value=1)


@pytest.mark.kernel
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])  # jit_mode only picks a function
@given(three_j_labels(max_j=8))
def test_racah_sum_range_shared_with_the_kernels(jit_mode, labels):
    # one definition of the 3j sum's factorial arguments and bounds: the exact path runs the kernels'
    # pure-Python twin on Python ints, the float kernels run the compiled function
    from mathref.algebra.angular import _coupling_kernels as K

    t1, t2, t3, u1, u2, _ = (int(2 * x) for x in labels)
    got = jit_mode(K.three_j_sum_range)(t1, t2, t3, u1, u2)
    c1, c2 = (t3 - t2 + u1) // 2, (t3 - t1 - u2) // 2
    d1, d2, d3 = (t1 + t2 - t3) // 2, (t1 - u1) // 2, (t2 + u2) // 2
    assert tuple(got) == (c1, c2, d1, d2, d3, max(0, -c1, -c2), min(d1, d2, d3))
    python = K.three_j_sum_range.py_func(t1, t2, t3, u1, u2)
    assert python == got and all(type(v) is int for v in python)
