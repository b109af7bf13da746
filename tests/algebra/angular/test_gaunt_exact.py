"""Exact Gaunt coefficients: sympy reference values, selection rules, symmetries, sum rules, bulk tables."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import example, given, settings
from hypothesis import strategies as st
from sympy.physics.wigner import gaunt as sympy_gaunt
from sympy.physics.wigner import real_gaunt as sympy_real_gaunt

from mathref.algebra import gaunt, gaunt_table_exact, real_gaunt, real_gaunt_table_exact, wigner_3j
from mathref.algebra.strategies import gaunt_degrees, gaunt_labels, real_gaunt_labels
from mathref.exact import SqrtRational

PI_POWER = Fraction(-1, 2)


def same_as_sympy(ours: SqrtRational, theirs) -> bool:
    """Exact equality of r*sqrt(s)/sqrt(pi) with a sympy number, by sign and square (no floats)."""
    theirs = sympy.sympify(theirs)
    if theirs == 0:
        return ours == 0
    if ours.pi_power != PI_POWER:
        return False
    square = sympy.expand((theirs * sympy.sqrt(sympy.pi)) ** 2)
    assert square.is_Rational, theirs
    ours_square = ours.coefficient**2 * ours.radicand
    return Fraction(int(square.p), int(square.q)) == ours_square and (theirs > 0) == (ours.sign() > 0)


def all_labels(lmax):
    for l1, l2, l3 in itertools.product(range(lmax + 1), repeat=3):
        for m1, m2, m3 in itertools.product(range(-l1, l1 + 1), range(-l2, l2 + 1), range(-l3, l3 + 1)):
            yield l1, l2, l3, m1, m2, m3


# ---------------------------------------------------------------- references
def test_complex_equals_sympy_for_every_label_up_to_l3():
    # reference: sympy.physics.wigner.gaunt (sympy 1.14), every label with l <= 3, zeros included
    for labels in all_labels(3):
        assert same_as_sympy(gaunt(*labels), sympy_gaunt(*labels)), labels


def test_real_equals_sympy_for_every_nonzero_candidate_up_to_l3():
    # reference: sympy.physics.wigner.real_gaunt; sympy's real form is (-1)^m times ours, the signs cancel
    for labels in all_labels(3):
        assert same_as_sympy(real_gaunt(*labels), sympy_real_gaunt(*labels)), labels


@settings(max_examples=15)
@given(gaunt_labels(max_l=10))
@example((7, 8, 9, -3, 5, -2))
def test_complex_equals_sympy_random(labels):
    assert same_as_sympy(gaunt(*labels), sympy_gaunt(*labels))


@settings(max_examples=12)
@given(real_gaunt_labels(max_l=8))
@example((8, 8, 8, -5, -3, 8))
@example((5, 7, 4, 3, -4, -1))
def test_real_equals_sympy_random(labels):
    assert same_as_sympy(real_gaunt(*labels), sympy_real_gaunt(*labels))


def test_published_values():
    # closed forms: ∫ Y00^3 = 1/(2√π); ∫ Y00 Y1^1 Y1^-1 = -1/(2√π) (Y1^-1 = -conj Y1^1)
    assert gaunt(0, 0, 0, 0, 0, 0) == SqrtRational(Fraction(1, 2), 1, PI_POWER)
    assert gaunt(0, 1, 1, 0, 1, -1) == SqrtRational(Fraction(-1, 2), 1, PI_POWER)
    # ∫ (Y_1^0)^2 Y_2^0 = (1/√π) · 1/√5 (Edmonds 4.6.3 with (1 1 2;000)^2 = 2/15)
    assert gaunt(1, 1, 2, 0, 0, 0) == SqrtRational(1, Fraction(1, 5), PI_POWER)
    assert str(real_gaunt(2, 2, 2, 0, 1, 1)) == "sqrt(5/196)/sqrt(pi)"


def test_real_gaunt_by_quadrature_in_the_standard_real_form():
    # independent check of the convention: integrate products of real harmonics built from scipy's
    # complex ones (standard real form, no Condon-Shortley phase) on a Gauss-Legendre x uniform grid
    from scipy.special import sph_harm_y

    lmax = 4
    x, w = np.polynomial.legendre.leggauss(3 * lmax + 2)
    theta = np.arccos(x)
    nphi = 3 * lmax + 2
    phi = 2 * np.pi * np.arange(nphi) / nphi
    T, P = np.meshgrid(theta, phi, indexing="ij")
    weights = np.outer(w, np.full(nphi, 2 * np.pi / nphi))

    def real_y(l, m):
        y = sph_harm_y(l, abs(m), T, P)
        if m == 0:
            return y.real
        return np.sqrt(2) * (-1) ** m * (y.real if m > 0 else y.imag)

    ys = {(l, m): real_y(l, m) for l in range(lmax + 1) for m in range(-l, l + 1)}
    # l = 1 is sqrt(3/4π)(y, z, x)
    st_, ct = np.sin(T), np.cos(T)
    c = np.sqrt(3 / (4 * np.pi))
    np.testing.assert_allclose(ys[(1, -1)], c * st_ * np.sin(P), atol=1e-15)
    np.testing.assert_allclose(ys[(1, 0)], c * ct, atol=1e-15)
    np.testing.assert_allclose(ys[(1, 1)], c * st_ * np.cos(P), atol=1e-15)
    for (l1, m1), (l2, m2), (l3, m3) in itertools.product(ys, repeat=3):
        if l1 > 2 or l2 > 2:
            continue
        numeric = np.sum(weights * ys[(l1, m1)] * ys[(l2, m2)] * ys[(l3, m3)])
        assert abs(numeric - float(real_gaunt(l1, l2, l3, m1, m2, m3))) < 1e-14


# ---------------------------------------------------------- selection rules
@pytest.mark.parametrize(
    "labels",
    [
        (1, 1, 1, 0, 0, 0),  # odd l-sum
        (1, 1, 3, 0, 0, 0),  # no triangle
        (2, 2, 2, 1, 1, 1),  # m-sum
        (1, 1, 2, 2, -2, 0),  # |m| > l
    ],
)
def test_complex_selection_rules_give_exact_zero(labels):
    value = gaunt(*labels)
    assert value == 0 and isinstance(value, SqrtRational)


@pytest.mark.parametrize(
    "labels",
    [
        (1, 1, 2, 1, -1, 0),  # one negative order: odd in φ
        (2, 2, 2, 1, 1, 1),  # |m3| is neither |m1|+|m2| nor ||m1|-|m2||
        (1, 1, 1, 1, 1, 0),  # odd l-sum
        (1, 1, 2, 1, 1, 3),  # |m| > l
    ],
)
def test_real_selection_rules_give_exact_zero(labels):
    value = real_gaunt(*labels)
    assert value == 0 and isinstance(value, SqrtRational)


@pytest.mark.parametrize("fn", [gaunt, real_gaunt])
@pytest.mark.parametrize(
    "labels, name",
    [
        ((1.5, 1, 1, 0, 0, 0), "l1"),
        ((1, -1, 1, 0, 0, 0), "l2"),
        ((1, 1, 2, 0, 0.5, 0), "m2"),
        ((1, 1, Fraction(5, 2), 0, 0, 0), "l3"),
        ((1, 1, 2, 0, 0, 0.25), "m3"),
    ],
)
def test_malformed_labels_raise_value_error_naming_the_argument(fn, labels, name):
    with pytest.raises(ValueError, match=name):
        fn(*labels)


@pytest.mark.parametrize("fn", [gaunt, real_gaunt])
def test_non_numbers_raise_type_error(fn):
    with pytest.raises(TypeError):
        fn("1", 1, 2, 0, 0, 0)
    with pytest.raises(TypeError):
        fn(True, 1, 2, 0, 0, 0)


def test_accepts_integral_floats_and_sympy_integers():
    assert gaunt(1.0, sympy.Integer(1), Fraction(2), 0, 0, 0) == gaunt(1, 1, 2, 0, 0, 0)


# -------------------------------------------------------------- properties
@given(gaunt_labels(max_l=12), st.permutations(range(3)))
def test_complex_permutation_symmetry(labels, perm):
    ls, ms = labels[:3], labels[3:]
    permuted = [ls[i] for i in perm] + [ms[i] for i in perm]
    assert gaunt(*permuted) == gaunt(*labels)


@given(real_gaunt_labels(max_l=12), st.permutations(range(3)))
def test_real_permutation_symmetry(labels, perm):
    ls, ms = labels[:3], labels[3:]
    permuted = [ls[i] for i in perm] + [ms[i] for i in perm]
    assert real_gaunt(*permuted) == real_gaunt(*labels)


@given(gaunt_labels(max_l=12))
def test_complex_m_reflection(labels):
    l1, l2, l3, m1, m2, m3 = labels
    assert gaunt(l1, l2, l3, -m1, -m2, -m3) == gaunt(*labels)


@given(gaunt_labels(max_l=15))
@example((3, 4, 5, 1, 2, -3))
def test_product_of_two_3j_symbols(labels):
    l1, l2, l3, m1, m2, m3 = labels
    expected = (
        SqrtRational(1, Fraction((2 * l1 + 1) * (2 * l2 + 1) * (2 * l3 + 1), 4), PI_POWER)
        * wigner_3j(l1, l2, l3, 0, 0, 0)
        * wigner_3j(l1, l2, l3, m1, m2, m3)
    )
    assert gaunt(*labels) == expected


@settings(max_examples=25)
@given(gaunt_degrees(max_l=7), st.data())
def test_sum_rules_over_m(degrees, data):
    # Σ_{m1,m2} G(m1,m2,m3)^2 = (2l1+1)(2l2+1)/(4π) (l1 l2 l3;000)^2 for every m3, complex and real
    l1, l2, l3 = degrees
    m3 = data.draw(st.integers(-l3, l3))
    w0 = wigner_3j(l1, l2, l3, 0, 0, 0).square()
    expected = SqrtRational((2 * l1 + 1) * (2 * l2 + 1) * Fraction(1, 4), 1, -1) * w0
    for fn in (gaunt, real_gaunt):
        total = SqrtRational(0)
        for m1 in range(-l1, l1 + 1):
            for m2 in range(-l2, l2 + 1):
                total = total + fn(l1, l2, l3, m1, m2, m3).square()
        assert total == expected, fn.__name__


def _unitary(l):
    """Exact sympy matrix U with Y^real_{l,m} = Σ_m' U[m, m'] Y_l^m' (standard real form)."""
    U = sympy.zeros(2 * l + 1, 2 * l + 1)
    r = 1 / sympy.sqrt(2)
    for m in range(-l, l + 1):
        a = abs(m)
        if m == 0:
            U[l, l] = 1
        elif m > 0:  # √2 (-1)^m Re Y^m = ((-1)^m Y^m + Y^-m)/√2
            U[l + m, l + a] = (-1) ** a * r
            U[l + m, l - a] = r
        else:  # √2 (-1)^m Im Y^|m| = -i((-1)^a Y^a - Y^-a)/√2
            U[l + m, l + a] = -sympy.I * (-1) ** a * r
            U[l + m, l - a] = sympy.I * r
    return U


@settings(max_examples=20)
@given(real_gaunt_labels(max_l=5))
def test_real_from_complex_through_the_unitary_change_of_basis(labels):
    l1, l2, l3, m1, m2, m3 = labels
    U1, U2, U3 = _unitary(l1), _unitary(l2), _unitary(l3)
    total = 0
    for c1, c2, c3 in itertools.product({m1, -m1}, {m2, -m2}, {m3, -m3}):
        coeff = U1[l1 + m1, l1 + c1] * U2[l2 + m2, l2 + c2] * U3[l3 + m3, l3 + c3]
        total += coeff * sympy.sympify(gaunt(l1, l2, l3, c1, c2, c3))
    assert sympy.simplify(total - sympy.sympify(real_gaunt(*labels))) == 0


# ------------------------------------------------------------- bulk tables
@pytest.mark.parametrize("table_fn, fn", [(gaunt_table_exact, gaunt), (real_gaunt_table_exact, real_gaunt)])
def test_tables_list_exactly_the_nonzero_values(table_fn, fn):
    table = table_fn(4)
    nonzero = {labels: fn(*labels) for labels in all_labels(4) if fn(*labels)}
    assert table == nonzero


def test_table_sizes_to_l8():
    # sizes pinned from an exhaustive scalar run (complex) and the real selection rules
    assert len(gaunt_table_exact(8)) == 14081
    assert len(real_gaunt_table_exact(8)) == 23621


@pytest.mark.parametrize("bad", [-1, 1.5, 201])
def test_table_bad_lmax(bad):
    with pytest.raises(ValueError, match="lmax"):
        gaunt_table_exact(bad)


def test_exact_values_convert():
    value = gaunt(2, 2, 2, 0, 0, 0)  # = sqrt(5)/(7 sqrt(pi)) (sympy)
    assert sympy.sympify(value) == sympy.sqrt(5) / (7 * sympy.sqrt(sympy.pi))
    assert float(value) == float(sympy.N(sympy.sqrt(5) / (7 * sympy.sqrt(sympy.pi)), 40))
