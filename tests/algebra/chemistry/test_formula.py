"""Formula parser: reference compositions, every charge spelling, caret errors, hypothesis round trips."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from mathref.algebra import FormulaError, parse_formula
from mathref.algebra.chemistry.formula import ELEMENTS
from mathref.algebra.strategies import element_symbols, formulas, ions, species_sets

# Compositions worked out by hand from the formulas (textbook stoichiometry).
REFERENCE = [
    ("H2O", {"H": 2, "O": 1}, 0),
    ("Fe2(SO4)3·9H2O", {"Fe": 2, "S": 3, "O": 21, "H": 18}, 0),
    ("CuSO4·5H2O", {"Cu": 1, "S": 1, "O": 9, "H": 10}, 0),
    ("CuSO4*5H2O", {"Cu": 1, "S": 1, "O": 9, "H": 10}, 0),
    ("K4[Fe(CN)6]", {"K": 4, "Fe": 1, "C": 6, "N": 6}, 0),
    ("K4Fe(CN)6", {"K": 4, "Fe": 1, "C": 6, "N": 6}, 0),
    ("Ca3(PO4)2", {"Ca": 3, "P": 2, "O": 8}, 0),
    ("[Co(NH3)6]Cl3", {"Co": 1, "N": 6, "H": 18, "Cl": 3}, 0),
    ("Mg(OH)2", {"Mg": 1, "O": 2, "H": 2}, 0),
    ("(NH4)2Cr2O7", {"N": 2, "H": 8, "Cr": 2, "O": 7}, 0),
    ("C6H12O6(s)", {"C": 6, "H": 12, "O": 6}, 0),
    ("Al2(SO4)3·18H2O", {"Al": 2, "S": 3, "O": 30, "H": 36}, 0),
    ("MnO4-", {"Mn": 1, "O": 4}, -1),
    ("MnO4^-", {"Mn": 1, "O": 4}, -1),
    ("NH4+", {"N": 1, "H": 4}, 1),
    ("Fe+3", {"Fe": 1}, 3),
    ("Fe^{3+}", {"Fe": 1}, 3),
    ("Fe^3+", {"Fe": 1}, 3),
    ("Fe3+", {"Fe": 1}, 3),
    ("Fe3+(aq)", {"Fe": 1}, 3),
    ("Fe++", {"Fe": 1}, 2),
    ("Fe³⁺", {"Fe": 1}, 3),
    ("SO4^2-", {"S": 1, "O": 4}, -2),
    ("SO4^{2-}", {"S": 1, "O": 4}, -2),
    ("SO4-2", {"S": 1, "O": 4}, -2),
    ("SO₄²⁻", {"S": 1, "O": 4}, -2),
    ("Cr2O7^2-", {"Cr": 2, "O": 7}, -2),
    ("PO4^3-", {"P": 1, "O": 4}, -3),
    ("O^2-", {"O": 1}, -2),
    ("O2^-", {"O": 2}, -1),
    ("I3^-", {"I": 3}, -1),
    ("Hg2^{2+}", {"Hg": 2}, 2),
    ("e-", {}, -1),
    ("e^-", {}, -1),
    ("Og", {"Og": 1}, 0),
]


@pytest.mark.parametrize("text,counts,charge", REFERENCE)
def test_reference_compositions(text, counts, charge):
    f = parse_formula(text)
    assert f.counts == dict(sorted(counts.items()))
    assert f.charge == charge


@pytest.mark.parametrize("text,phase", [("H2O(l)", "l"), ("NaCl(aq)", "aq"), ("Fe(s)", "s"), ("O2(g)", "g"),
                                        ("Fe3+(aq)", "aq"), ("H2O", None)])
def test_phase_tags_are_kept_but_ignored(text, phase):
    f = parse_formula(text)
    assert f.phase == phase
    bare = text.split("(")[0] if phase else text
    assert f.composition == parse_formula(bare).composition


def test_all_118_symbols_against_chempy():
    periodic = pytest.importorskip("chempy.util.periodic")
    assert tuple(periodic.symbols) == ELEMENTS
    for sym in ELEMENTS:
        assert parse_formula(sym + "2").counts == {sym: 2}


def test_electron():
    e = parse_formula("e-")
    assert e.is_electron and e.composition == () and e.hill == "e-"


@pytest.mark.parametrize(
    "text,position",
    [
        ("Fe2(SO4", 3),  # unclosed group points at the bracket
        ("H2O)", 3),
        ("Xx2", 0),
        ("Na Cl", 2),
        ("fe", 0),
        ("H0", 1),
        ("CuSO4·", 5),
        ("()", 0),
        ("Fe^{3+", 5),
        ("SO42-", 2),
        ("2H2O", 0),
        ("H2O$", 3),
        ("K4[Fe(CN)6)", 10),
    ],
)
def test_errors_point_at_offending_character(text, position):
    with pytest.raises(FormulaError) as info:
        parse_formula(text)
    err = info.value
    assert isinstance(err, ValueError)
    assert err.position == position
    lines = str(err).splitlines()
    assert lines[-1].index("^") - lines[-2].index(text[0]) == position


def test_type_error():
    with pytest.raises(TypeError):
        parse_formula(42)


@given(formulas(elements=("C", "H", "O", "N", "Fe", "Cl"), hydrates=True))
def test_strategy_formulas_parse_and_hill_round_trip(text):
    f = parse_formula(text)
    assert f.charge == 0 and f.composition
    # the Hill string is itself a formula with the same composition
    assert parse_formula(f.hill).composition == f.composition


@given(ions())
def test_charge_spellings_agree(text):
    f = parse_formula(text)
    assert f.charge != 0
    body = "".join(s + (str(n) if n > 1 else "") for s, n in f.composition)
    mag, sign = abs(f.charge), "+" if f.charge > 0 else "-"
    q = "" if mag == 1 else str(mag)
    for spelling in (f"{body}^{q}{sign}", f"{body}^{{{q}{sign}}}", f"{body}^{sign}{q}"):
        g = parse_formula(spelling)
        assert (g.composition, g.charge) == (f.composition, f.charge)


@given(st.text(alphabet="CHOFeNa()[]·*^{}+-0123456789 (aq)e", max_size=12))
@example("(")
@example("^")
@example("Fe^")
@example("-")
def test_random_text_never_crashes(text):
    try:
        parse_formula(text)
    except FormulaError as err:
        assert 0 <= err.position <= max(len(text), 1)


@given(element_symbols(), st.integers(1, 99))
def test_every_symbol_with_a_count(symbol, n):
    f = parse_formula(f"{symbol}{n}")
    assert f.counts == {symbol: n} and f.charge == 0


def test_strategy_arguments_are_validated():
    with pytest.raises(ValueError, match="unknown"):
        formulas(elements=["Xx"])
    with pytest.raises(ValueError, match="max_count"):
        formulas(max_count=0)
    with pytest.raises(ValueError, match="min_size"):
        species_sets(min_size=5, max_size=2)
