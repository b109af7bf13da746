"""Balancing: textbook values, chempy agreement, obstacles, the Reaction type, hypothesis laws."""

from __future__ import annotations

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from mathref.algebra import (
    NotBalanceableError,
    Reaction,
    balance,
    complete_reaction_set,
)
from mathref.algebra.strategies import species_sets

# Textbook balances.  Sources: standard general-chemistry texts (e.g. Zumdahl, Chemistry,
# ch. 3); K4Fe(CN)6 + KMnO4 + H2SO4 is the classic hard case with coefficient sum 1028
# (R. Stout, J. Chem. Educ. 72 (1995) 1125).
TEXTBOOK = [
    ("NaOH + HCl -> NaCl + H2O", [1, 1, 1, 1]),
    ("H2SO4 + NaOH -> Na2SO4 + H2O", [1, 2, 1, 2]),
    ("Ca(OH)2 + H3PO4 -> Ca3(PO4)2 + H2O", [3, 2, 1, 6]),
    ("CH4 + O2 -> CO2 + H2O", [1, 2, 1, 2]),
    ("C2H6 + O2 -> CO2 + H2O", [2, 7, 4, 6]),
    ("C3H8 + O2 -> CO2 + H2O", [1, 5, 3, 4]),
    ("C8H18 + O2 -> CO2 + H2O", [2, 25, 16, 18]),
    ("KMnO4 + HCl -> KCl + MnCl2 + H2O + Cl2", [2, 16, 2, 2, 8, 5]),
    ("Cu + HNO3 -> Cu(NO3)2 + NO + H2O", [3, 8, 3, 2, 4]),
    ("Fe2(SO4)3·9H2O -> Fe2O3 + SO3 + H2O", [1, 1, 3, 9]),
    (
        "K4Fe(CN)6 + KMnO4 + H2SO4 -> KHSO4 + Fe2(SO4)3 + MnSO4 + HNO3 + CO2 + H2O",
        [10, 122, 299, 162, 5, 122, 60, 60, 188],
    ),
    ("MnO4- + Fe2+ + H+ -> Mn2+ + Fe3+ + H2O", [1, 5, 8, 1, 5, 4]),
]


@pytest.mark.parametrize("equation,expected", TEXTBOOK)
def test_textbook_balances(equation, expected):
    r = balance(equation)
    mags = [abs(v) for v in r.coefficients.values()]
    assert mags == expected
    assert r.is_balanced() and r.is_primitive()


def test_ferrocyanide_sum_1028():
    r = balance("K4Fe(CN)6 + KMnO4 + H2SO4 -> KHSO4 + Fe2(SO4)3 + MnSO4 + HNO3 + CO2 + H2O")
    assert sum(abs(v) for v in r.coefficients.values()) == 1028


CHEMPY_CASES = [
    "KMnO4 + HCl -> KCl + MnCl2 + H2O + Cl2",
    "C8H18 + O2 -> CO2 + H2O",
    "C + O2 -> CO + CO2",  # underdetermined: unique minimum 3, 2, 2, 1
    "H2 + O2 -> H2O + H2O2",  # underdetermined
    "Fe + O2 -> FeO + Fe2O3",
    "NH3 + O2 -> NO + H2O",
    "K4Fe(CN)6 + KMnO4 + H2SO4 -> KHSO4 + Fe2(SO4)3 + MnSO4 + HNO3 + CO2 + H2O",
]


@pytest.mark.parametrize("equation", CHEMPY_CASES)
def test_agrees_with_chempy(equation):
    chempy = pytest.importorskip("chempy")
    pytest.importorskip("pulp")
    lhs, rhs = (side.split(" + ") for side in equation.split(" -> "))
    reac, prod = chempy.balance_stoichiometry(set(lhs), set(rhs), underdetermined=None)
    ours = balance(equation).coefficients
    expect = {**{k: -int(v) for k, v in reac.items()}, **{k: int(v) for k, v in prod.items()}}
    assert ours == expect


def test_underdetermined_is_minimum_sum():
    r = balance("C + O2 -> CO + CO2")
    assert r.coefficients == {"C": -3, "O2": -2, "CO": 2, "CO2": 1}
    # brute force over small coefficients: nothing balanced has a smaller sum
    best = min(
        sum(x)
        for x in __import__("itertools").product(range(1, 6), repeat=4)
        if Reaction({"C": -x[0], "O2": -x[1], "CO": x[2], "CO2": x[3]}).is_balanced()
    )
    assert best == 8


@pytest.mark.parametrize(
    "equation,kind,obstacle",
    [
        ("H2 + O2 -> H2O + N2", "mass", "N"),
        ("Na + Cl2 -> NaCl+", "charge", "charge"),
        ("Fe2+ + MnO4- -> Fe3+ + Mn2+", "mass", "O"),
        ("Fe2+ -> Fe3+", "charge", "charge"),
        ("H2O -> H2", "mass", "O"),
    ],
)
def test_not_balanceable_names_the_obstacle(equation, kind, obstacle):
    with pytest.raises(NotBalanceableError) as info:
        balance(equation)
    assert isinstance(info.value, ValueError)
    assert info.value.kind == kind and info.value.obstacle == obstacle
    assert ("mass" if kind == "mass" else "charge") in str(info.value)


def test_charge_needs_mass_balance_too():
    # each element balances alone, the charge row is the obstacle
    with pytest.raises(NotBalanceableError) as info:
        balance("Na+ + Cl- -> NaCl + Na")
    assert info.value.kind == "charge" and info.value.obstacle == "charge"
    assert balance("Fe3+ + Cu -> Fe + Cu+").coefficients == {"Fe3+": -1, "Cu": -3, "Fe": 1, "Cu+": 3}


def test_bad_equations():
    with pytest.raises(ValueError, match="arrow"):
        balance("H2 + O2")
    with pytest.raises(ValueError, match="twice"):
        balance("H2 + H2 -> H2")
    with pytest.raises(ValueError, match="position"):
        balance("H2 + Oo2 -> H2O")


def test_reaction_object():
    r = balance("H2 + O2 -> H2O")
    assert str(r) == "2 H2 + O2 -> 2 H2O"
    assert r.to_sympy() == sympy.Matrix([-2, -1, 2])
    assert r.to_numpy().tolist() == [-2, -1, 2]
    assert r._repr_latex_() == r"$$2\,\mathrm{H_{2}} + \mathrm{O_{2}} \longrightarrow 2\,\mathrm{H_{2}O}$$"
    assert not Reaction({"H2": -1, "O2": -1, "H2O": 1}).is_balanced()
    assert Reaction({"H2": -1, "O2": -1, "H2O": 1}).imbalance() == {"O": -1}
    negated = -r
    assert r == Reaction({"O2": -1, "H2": -2, "H2O": 2}) and hash(r) == hash(-negated)


def _compositions(total, parts):
    if parts == 1:
        yield (total,)
        return
    for first in range(1, total - parts + 2):
        for rest in _compositions(total - first, parts - 1):
            yield (first,) + rest


@pytest.mark.parametrize(
    "equation",
    ["C + O2 -> CO + CO2", "Fe + O2 -> FeO + Fe2O3 + Fe3O4", "H2 + O2 -> H2O + H2O2", "Fe + O2 -> FeO + Fe2O3"],
)
def test_canonical_balance_is_min_sum_then_lexicographic(equation):
    # brute force over every coefficient list with all entries >= 1, by increasing total
    r = balance(equation)
    names = list(r.coefficients)
    signs = [1 if v > 0 else -1 for v in r.coefficients.values()]
    for total in range(len(names), 60):
        sols = [x for x in _compositions(total, len(names))
                if Reaction({s: sg * c for s, sg, c in zip(names, signs, x)}).is_balanced()]
        if sols:
            assert [abs(v) for v in r.coefficients.values()] == list(min(sols))
            return
    pytest.fail("no balance found by brute force")


@settings(max_examples=40)
@given(species_sets(elements=("C", "H", "O", "N", "S"), min_size=3, max_size=8, charged=True))
def test_balancing_a_minimal_reaction_recovers_it(species):
    # a circuit has a one-dimensional space of balances on its species, so balance() must return it
    for r in list(complete_reaction_set(species))[:5]:
        if not r.reactants or not r.products:
            continue
        eq = " + ".join(r.reactants) + " -> " + " + ".join(r.products)
        assert balance(eq) == r


@settings(max_examples=40)
@given(species_sets(elements=("C", "H", "O", "Fe"), min_size=2, max_size=6, charged=True), st.integers(1, 5))
def test_balance_never_crashes(species, cut):
    cut = min(cut, len(species) - 1)
    try:
        r = balance(species[:cut], species[cut:])
    except NotBalanceableError as err:
        assert err.kind in ("mass", "charge", "sides")
    else:
        assert r.is_balanced() and all(
            (v < 0) == (s in species[:cut]) for s, v in r.coefficients.items())
