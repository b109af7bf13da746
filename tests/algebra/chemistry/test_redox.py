"""Redox balancing in acid and base, half-reactions and their combination (textbook values)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mathref.algebra import NotBalanceableError, Reaction, balance_redox, combine_half_reactions, half_reaction

# Textbook redox balances (e.g. Zumdahl, Chemistry, §18.1; Brown, LeMay, Chemistry: The Central
# Science, §20.2), written as signed coefficients.
ACID = [
    ("MnO4- + Fe2+ -> Mn2+ + Fe3+",
     {"MnO4-": -1, "Fe2+": -5, "H+": -8, "Mn2+": 1, "Fe3+": 5, "H2O": 4}),
    ("Cr2O7^2- + Fe2+ -> Cr3+ + Fe3+",
     {"Cr2O7^2-": -1, "Fe2+": -6, "H+": -14, "Cr3+": 2, "Fe3+": 6, "H2O": 7}),
    ("Cu + NO3- -> Cu2+ + NO",
     {"Cu": -3, "NO3-": -2, "H+": -8, "Cu2+": 3, "NO": 2, "H2O": 4}),
    ("MnO4- + C2O4^2- -> Mn2+ + CO2",
     {"MnO4-": -2, "C2O4^2-": -5, "H+": -16, "Mn2+": 2, "CO2": 10, "H2O": 8}),
]
BASE = [
    ("MnO4- + I- -> MnO2 + I2",
     {"MnO4-": -2, "I-": -6, "H2O": -4, "MnO2": 2, "I2": 3, "OH-": 8}),
    ("Cr(OH)3 + ClO3- -> CrO4^2- + Cl-",
     {"Cr(OH)3": -2, "ClO3-": -1, "OH-": -4, "CrO4^2-": 2, "Cl-": 1, "H2O": 5}),
    ("MnO4- + SO3^2- -> MnO2 + SO4^2-",
     {"MnO4-": -2, "SO3^2-": -3, "H2O": -1, "MnO2": 2, "SO4^2-": 3, "OH-": 2}),
]


@pytest.mark.parametrize("equation,expected", ACID)
def test_acidic(equation, expected):
    r = balance_redox(equation, medium="acidic")
    assert r.coefficients == expected and r.is_balanced()


@pytest.mark.parametrize("equation,expected", BASE)
def test_basic(equation, expected):
    r = balance_redox(equation, medium="basic")
    assert r.coefficients == expected and r.is_balanced()


@pytest.mark.parametrize("equation,_", BASE)
def test_basic_equals_acid_then_neutralise(equation, _):
    # textbook route: balance with H+, then add as many OH- to both sides and cancel water
    acid = balance_redox(equation, medium="acidic").coefficients
    h = acid.pop("H+", 0)
    # h H+ consumed (h < 0): |h| OH- join both sides, the reactant side's pairs become water
    acid["OH-"] = acid.get("OH-", 0) - h
    acid["H2O"] = acid.get("H2O", 0) + h
    direct = balance_redox(equation, medium="basic").coefficients
    assert {k: v for k, v in acid.items() if v} == direct


HALVES = [
    ("MnO4- -> Mn2+", "acidic", {"MnO4-": -1, "H+": -8, "e-": -5, "Mn2+": 1, "H2O": 4}),
    ("Fe2+ -> Fe3+", "acidic", {"Fe2+": -1, "Fe3+": 1, "e-": 1}),
    ("Cr2O7^2- -> Cr3+", "acidic", {"Cr2O7^2-": -1, "H+": -14, "e-": -6, "Cr3+": 2, "H2O": 7}),
    ("I- -> I2", "basic", {"I-": -2, "I2": 1, "e-": 2}),
    ("MnO4- -> MnO2", "basic", {"MnO4-": -1, "H2O": -2, "e-": -3, "MnO2": 1, "OH-": 4}),
    ("Cr(OH)3 -> CrO4^2-", "basic", {"Cr(OH)3": -1, "OH-": -5, "CrO4^2-": 1, "H2O": 4, "e-": 3}),
]


@pytest.mark.parametrize("equation,medium,expected", HALVES)
def test_half_reactions(equation, medium, expected):
    r = half_reaction(equation, medium=medium)
    assert r.coefficients == expected and r.is_balanced()


@pytest.mark.parametrize(
    "ox,red,medium,full",
    [
        ("Fe2+ -> Fe3+", "MnO4- -> Mn2+", "acidic", "MnO4- + Fe2+ -> Mn2+ + Fe3+"),
        ("Fe2+ -> Fe3+", "Cr2O7^2- -> Cr3+", "acidic", "Cr2O7^2- + Fe2+ -> Cr3+ + Fe3+"),
        ("I- -> I2", "MnO4- -> MnO2", "basic", "MnO4- + I- -> MnO2 + I2"),
        ("Cr(OH)3 -> CrO4^2-", "ClO3- -> Cl-", "basic", "Cr(OH)3 + ClO3- -> CrO4^2- + Cl-"),
    ],
)
def test_combining_halves_gives_the_full_balance(ox, red, medium, full):
    a = combine_half_reactions(half_reaction(ox, medium=medium), half_reaction(red, medium=medium))
    b = combine_half_reactions(half_reaction(red, medium=medium), half_reaction(ox, medium=medium))
    direct = balance_redox(full, medium=medium)
    assert a.coefficients == direct.coefficients or dict(sorted(a.coefficients.items())) == dict(
        sorted(direct.coefficients.items()))
    assert dict(sorted(a.coefficients.items())) == dict(sorted(b.coefficients.items()))
    assert "e-" not in a.coefficients


@given(st.integers(1, 5), st.integers(1, 5))
def test_combination_is_scale_free(k1, k2):
    ox = half_reaction("Fe2+ -> Fe3+")
    red = half_reaction("MnO4- -> Mn2+")
    scaled = combine_half_reactions(
        Reaction({s: k1 * v for s, v in ox.coefficients.items()}),
        Reaction({s: k2 * v for s, v in red.coefficients.items()}),
    )
    assert scaled == combine_half_reactions(ox, red)


def test_errors():
    with pytest.raises(NotBalanceableError):
        balance_redox("Fe2+ -> Fe3+")  # an oxidation with nothing reduced
    with pytest.raises(NotBalanceableError) as info:
        balance_redox("Na -> K")
    assert info.value.kind == "mass" and info.value.obstacle == "K"
    with pytest.raises(ValueError, match="medium"):
        balance_redox("MnO4- + Fe2+ -> Mn2+ + Fe3+", medium="alkaline")
    ox = half_reaction("Fe2+ -> Fe3+")
    with pytest.raises(ValueError, match="electrons"):
        combine_half_reactions(ox, ox)
