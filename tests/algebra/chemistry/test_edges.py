"""Issue 14 and the chemistry items of issue 18: the edges where a chemist must be able to trust the answer."""

from __future__ import annotations

import copy
import pickle
import threading
from fractions import Fraction
from itertools import islice

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mathref.algebra import (
    FormulaError,
    NotBalanceableError,
    Reaction,
    balance,
    complete_reaction_set,
    composition_matrix,
    iter_complete_reaction_set,
    parse_formula,
    reaction_network,
    reaction_space,
)
from mathref.algebra.chemistry import Formula
from mathref.algebra.chemistry.redox import balance_redox, half_reaction, oxidation_states
from mathref.algebra.intlinalg import integer_kernel, iter_circuits
from mathref.algebra.strategies import formulas, ions, species_sets


# ------------------------------------------------------------ §1 decimal subscripts
@pytest.mark.parametrize("text,counts", [
    ("C2.5H6", {"C": Fraction(5, 2), "H": 6}),
    ("Fe.95O", {"Fe": Fraction(19, 20), "O": 1}),
    ("Fe0.95O", {"Fe": Fraction(19, 20), "O": 1}),
    ("UO10.8N2.6H2", {"U": 1, "O": Fraction(54, 5), "N": Fraction(13, 5), "H": 2}),
    ("(Fe0.5)2O", {"Fe": 1, "O": 1}),
])
def test_decimal_subscripts_are_exact(text, counts):
    f = parse_formula(text)
    assert f.counts == dict(sorted(counts.items()))
    assert all(type(n) in (int, Fraction) for n in f.counts.values())


def test_integer_only_functions_refuse_decimal_subscripts():
    with pytest.raises(ValueError, match="non-integer subscripts"):
        balance("Fe0.95O + O2 -> Fe2O3")
    with pytest.raises(ValueError, match="non-integer subscripts"):
        composition_matrix(["C2.5H6", "O2"])
    assert float(parse_formula("Fe0.95O").molar_mass()) == pytest.approx(0.95 * 55.845 + 15.999, rel=1e-12)


def test_dot_before_a_water_multiplier_is_ambiguous():
    with pytest.raises(FormulaError) as info:
        parse_formula("CuSO4.5H2O")
    assert "CuSO4·5H2O" in str(info.value) and "4.5" in str(info.value)
    assert parse_formula("CuSO4·5H2O").counts == {"Cu": 1, "H": 10, "O": 9, "S": 1}
    assert parse_formula("CuSO4.H2O").counts == {"Cu": 1, "H": 2, "O": 5, "S": 1}  # '.' before a letter


# ------------------------------------------------------------ §1 half-reactions and redox
HALF = [  # (couple, medium, expected): textbook half-reactions (e.g. Atkins, Chemical Principles, table of E°)
    ("H2O2 -> O2", "acidic", {"H2O2": -1, "O2": 1, "H+": 2, "e-": 2}),
    ("O2 -> H2O2", "acidic", {"O2": -1, "H+": -2, "e-": -2, "H2O2": 1}),
    ("HO2- -> O2", "basic", {"HO2-": -1, "OH-": -1, "O2": 1, "H2O": 1, "e-": 2}),
    ("O2 -> H2O", "acidic", {"O2": -1, "H+": -4, "e-": -4, "H2O": 2}),
    ("H2O2 -> H2O", "acidic", {"H2O2": -1, "H+": -2, "e-": -2, "H2O": 2}),
    ("O3 -> O2", "acidic", {"O3": -1, "H+": -2, "e-": -2, "O2": 1, "H2O": 1}),
    ("MnO4- -> Mn2+", "acidic", {"MnO4-": -1, "H+": -8, "e-": -5, "Mn2+": 1, "H2O": 4}),
    ("H2 -> H+", "acidic", {"H2": -1, "H+": 2, "e-": 2}),
]


@pytest.mark.parametrize("couple,medium,want", HALF)
def test_half_reactions_carry_electrons_on_the_written_sides(couple, medium, want):
    r = half_reaction(couple, medium=medium)
    assert r.coefficients == want
    assert r.is_balanced() and r.coefficients.get("e-")
    lhs, rhs = (side.split(" + ") for side in couple.split(" -> "))
    assert all(r.coefficients[s] < 0 for s in lhs) and all(r.coefficients[s] > 0 for s in rhs)


def test_o3_to_o2_is_flagged_not_unique():
    r = half_reaction("O3 -> O2")
    assert not r.unique and r.alternatives and all(a.is_balanced() for a in r.alternatives)


def test_not_a_redox_couple():
    with pytest.raises(NotBalanceableError) as info:
        half_reaction("CrO4^2- -> Cr2O7^2-")  # same oxidation state: no electrons can appear
    assert info.value.kind == "redox"


@pytest.mark.parametrize("equation,want", [
    ("MnO4- + H2O2 -> Mn2+ + O2", {"MnO4-": -2, "H2O2": -5, "H+": -6, "Mn2+": 2, "O2": 5, "H2O": 8}),
    ("Cr2O7^2- + H2O2 -> Cr3+ + O2", {"Cr2O7^2-": -1, "H2O2": -3, "H+": -8, "Cr3+": 2, "O2": 3, "H2O": 7}),
    ("MnO4- + Fe2+ -> Mn2+ + Fe3+", {"MnO4-": -1, "Fe2+": -5, "H+": -8, "Mn2+": 1, "Fe3+": 5, "H2O": 4}),
    ("Cu + NO3- -> Cu2+ + NO", {"Cu": -3, "NO3-": -2, "H+": -8, "Cu2+": 3, "NO": 2, "H2O": 4}),
])
def test_balance_redox_by_electron_transfer(equation, want):
    r = balance_redox(equation)
    assert r.coefficients == want and r.unique
    assert len(r.half_reactions) == 2 and all(h.coefficients.get("e-") for h in r.half_reactions)


def test_balance_redox_reports_several_electron_balances():
    # three couples exchange electrons: the multipliers are not unique
    r = balance_redox("MnO4- + Fe2+ + Sn2+ -> Mn2+ + Fe3+ + Sn4+")
    assert r.is_balanced() and not r.unique and len(r.half_reactions) == 3 and r.notes


@pytest.mark.parametrize("formula,states", [
    ("Cr2O7^2-", {"Cr": 6, "O": -2}), ("H2O2", {"H": 1, "O": -1}), ("KO2", {"K": 1, "O": Fraction(-1, 2)}),
    ("NaH", {"Na": 1, "H": -1}), ("O3", {"O": 0}), ("MnO4-", {"Mn": 7, "O": -2}),
    ("Fe3O4", {"Fe": Fraction(8, 3), "O": -2}),
])
def test_oxidation_states(formula, states):
    assert oxidation_states(formula) == states


# ------------------------------------------------------------ §1 large counts, true diagnoses
@pytest.mark.parametrize("k", [14, 15, 30])
def test_large_counts_are_balanced_exactly(k):
    n = 10**k + 1
    r = balance(f"C{n}H{2 * n + 2} + O2 -> CO + CO2 + H2O")
    assert r.is_balanced() and all(v for v in r.coefficients.values())


def test_large_counts_beyond_the_float_solver_in_a_four_dimensional_lattice():
    r = balance("C1000000000000001H2000000000000004 + O2 + H2 -> CO + CO2 + H2O + CH4")
    assert r.is_balanced() and not r.unique
    small = balance("C + O2 + H2 -> CO + CO2 + H2O + CH4")
    assert small.coefficients == {"C": -3, "O2": -2, "H2": -3, "CO": 1, "CO2": 1, "H2O": 1, "CH4": 1}


@pytest.mark.parametrize("equation,kind,obstacle,fragment", [
    ("H2 + H2O -> H2O2", "sides", "H2", "moves to the other side"),
    ("HCl + NaOH -> NaCl + H2O + Cl2", "sides", "Cl2", "without Cl2 the equation balances"),
    ("NaCl + H2O -> NaOH + HCl + H2", "sides", "H2", "without H2 the equation balances"),
    ("Na + Cl2 -> NaCl + e-", "charge", "charge", "the only charged species is e- (a product)"),
    ("Na + Cl2 -> NaCl+", "charge", "charge", "NaCl+ (a product)"),
    ("H2 + O2 -> H2O + N2", "mass", "N", "appears only in N2"),
])
def test_diagnoses_are_true(equation, kind, obstacle, fragment):
    with pytest.raises(NotBalanceableError) as info:
        balance(equation)
    err = info.value
    assert (err.kind, err.obstacle) == (kind, obstacle) and fragment in str(err)
    if kind == "sides" and "moves" in fragment:
        r = balance(equation, switch_sides=True)
        assert r.is_balanced() and r.switched == err.species and r.notes
    if kind == "sides" and "without" in fragment:
        names = [s for s in equation.replace("->", "+").split(" + ") if s.strip() != obstacle]
        lhs, rhs = equation.split(" -> ")
        kept = " + ".join(s for s in lhs.split(" + ") if s != obstacle) + " -> " + " + ".join(
            s for s in rhs.split(" + ") if s != obstacle)
        assert names and balance(kept).is_balanced()


# ------------------------------------------------------------ §1 LaTeX compiles
MANY = ["C6H12O6", "H2O", "Fe2(SO4)3·9H2O", "K4[Fe(CN)6]", "SO4^2-", "MnO4-", "[13C]H4", "D2O", "C2.5H6",
        "Ca3(PO4)2", "C60", "C100H202", "Fe3+(aq)", "e-", "Fe{CN}6-3", "((H2O)2OH)12", "Cr2O7^2-", "NH4+"]


def _mathtext():
    mt = pytest.importorskip("matplotlib.mathtext")
    return mt.MathTextParser("agg")


@pytest.mark.parametrize("text", MANY)
def test_latex_compiles_with_mathtext(text):
    _mathtext().parse("$" + parse_formula(text).latex() + "$")


def test_reaction_latex_compiles():
    p = _mathtext()
    r = balance("K4Fe(CN)6 + KMnO4 + H2SO4 -> KHSO4 + Fe2(SO4)3 + MnSO4 + HNO3 + CO2 + H2O")
    p.parse("$" + r.latex() + "$")
    assert r._repr_latex_().startswith("$$") and "_{12}" not in r.latex().replace("_{122}", "")


@settings(max_examples=40, deadline=None)
@given(st.one_of(formulas(elements=("C", "H", "O", "N", "Fe", "Cl"), max_count=30, hydrates=True),
                 ions(max_count=12)))
def test_outputs_parse(text):
    f = parse_formula(text)
    _mathtext().parse("$" + f.latex() + "$")
    back = parse_formula(f.unicode())
    assert (back.composition, back.charge) == (f.composition, f.charge)
    hill = parse_formula(f.hill)
    assert (hill.composition, hill.charge) == (f.composition, f.charge)


# ------------------------------------------------------------ §2 inputs chemists write
@pytest.mark.parametrize("text,counts,charge", [
    ("D2O", {"H": 2, "O": 1}, 0), ("T2O", {"H": 2, "O": 1}, 0), ("[13C]H4", {"C": 1, "H": 4}, 0),
    ("[2H]2O", {"H": 2, "O": 1}, 0), ("Fe(+3)", {"Fe": 1}, 3), ("Fe(3+)", {"Fe": 1}, 3), ("Br3(-)", {"Br": 3}, -1),
    ("SO4(2-)", {"S": 1, "O": 4}, -2), ("e-1", {}, -1), ("H₂O", {"H": 2, "O": 1}, 0), ("SO₄²⁻", {"S": 1, "O": 4}, -2),
    ("I3-", {"I": 3}, -1), ("Br3-", {"Br": 3}, -1), ("N3-", {"N": 3}, -1), ("H2+", {"H": 2}, 1),
    ("Fe3+", {"Fe": 1}, 3), ("Cu2+", {"Cu": 1}, 2), ("Al3+", {"Al": 1}, 3), ("Cl2-", {"Cl": 2}, -1),
    ("N^3-", {"N": 1}, -3), ("O^2-", {"O": 1}, -2), ("O2^-", {"O": 2}, -1), ("NaCl(aq)", {"Na": 1, "Cl": 1}, 0),
])
def test_chemist_spellings(text, counts, charge):
    f = parse_formula(text)
    assert f.counts == dict(sorted(counts.items())) and f.charge == charge


@pytest.mark.parametrize("text,readings", [("O2-", ("O^2-", "O2^-")), ("S2-", ("S^2-", "S2^-")),
                                           ("SO42-", ("SO4^2-", "SO42^-"))])
def test_ambiguous_ions_show_both_readings(text, readings):
    with pytest.raises(FormulaError) as info:
        parse_formula(text)
    assert all(r in str(info.value) for r in readings)


def test_isotopes_distinct_on_request():
    f = parse_formula("[13C]H3[12C]H3")
    assert f.counts == {"C": 2, "H": 6} and dict(f.nuclides) == {"[12C]": 1, "[13C]": 1, "H": 6}
    M = composition_matrix(["D2O", "H2O", "HDO"], isotopes="distinct")
    assert M.rows == ("H", "O", "[2H]")
    assert balance("D2O + H2O -> HDO").coefficients == {"D2O": -1, "H2O": -1, "HDO": 2}
    assert float(parse_formula("D2O").molar_mass()) == pytest.approx(2 * 2.01410177812 + 15.999)


@pytest.mark.parametrize("equation,sides", [
    ("H2+O2->H2O", (["H2", "O2"], ["H2O"])),
    ("2H2 + O2 --> 2H2O", (["H2", "O2"], ["H2O"])),
    ("N2 + 3H2 = 2NH3", (["N2", "H2"], ["NH3"])),
    ("N2(g) + 3 H2(g) ⇌ 2 NH3(g)", (["N2(g)", "H2(g)"], ["NH3(g)"])),
])
def test_equation_spellings(equation, sides):
    from mathref.algebra import parse_equation

    if sides is None:
        with pytest.raises(ValueError):
            parse_equation(equation)
    else:
        assert parse_equation(equation) == sides


def test_custom_substances_as_formula_objects_and_dicts():
    glucose = Formula.from_counts({"C": 6, "H": 12, "O": 6}, name="glucose")
    r = balance("glucose + O2 -> CO2 + H2O", substances={"glucose": glucose})
    assert r.coefficients == {"glucose": -1, "O2": -6, "CO2": 6, "H2O": 6} and r.is_balanced()
    rs = complete_reaction_set(["glc", "O2", "CO2", "H2O"], substances={"glc": {"C": 6, "H": 12, "O": 6}})
    assert rs.count == 1 and rs[0].is_balanced()
    ion = {"X": {"Fe": 1, "charge": 3}}
    assert balance("X + e- -> Fe", substances=ion).coefficients == {"X": -1, "e-": -3, "Fe": 1}


def test_mass_stoichiometry_is_exact():
    r = balance("2 H2 + O2 -> 2 H2O")
    m = r.masses("H2", Fraction(4032, 1000))  # 2 mol of H2 (H = 1.008)
    assert m == {"H2": Fraction(4032, 1000), "O2": Fraction(31998, 1000), "H2O": Fraction(36030, 1000)}
    assert r.masses("H2", "4.032") == m
    assert isinstance(r.masses("H2", 4.032)["O2"], float)
    frac = parse_formula("H2O").mass_fractions()
    assert sum(frac.values()) == 1 and frac["H"] == Fraction(2016, 18015)


def test_chempy_round_trip():
    pytest.importorskip("chempy")
    r = balance("KMnO4 + HCl -> KCl + MnCl2 + H2O + Cl2")
    assert Reaction.from_chempy(r.to_chempy()) == r


# ------------------------------------------------------------ §3 scale
def test_complete_set_memory_guard_names_limit_and_iterator():
    species = ["CH4", "C2H6", "C3H8", "C2H4", "C2H2", "CH3OH", "C2H5OH", "HCHO", "HCOOH", "CO", "CO2",
               "H2O", "H2", "O2", "C", "H2O2"]
    full = complete_reaction_set(species)
    with pytest.raises(ValueError) as info:
        complete_reaction_set(species, max_bytes=64)
    assert "limit=" in str(info.value) and "iter_complete_reaction_set" in str(info.value)
    part = complete_reaction_set(species, limit=10)
    assert part.count == 10 and not part.complete
    seen = []
    complete_reaction_set(species, progress=lambda count, seconds: seen.append(count))
    assert seen and seen[-1] == full.count
    assert {r for r in iter_complete_reaction_set(species)} == set(full)


def test_canonical_order_matches_the_python_sort():
    species = ["Fe", "O2", "FeO", "Fe2O3", "Fe3O4", "C", "CO", "CO2", "FeCO3"]
    rs = complete_reaction_set(species)
    order = rs.species
    A = composition_matrix(list(order)).to_list()

    def key(v):
        support = [i for i, x in enumerate(v) if x]
        return (len(support), support, [-v[i] for i in support])

    ref = sorted(iter_circuits(A), key=key)
    assert rs.coefficient_matrix.tolist() == [[-x for x in v] for v in ref]


def test_iterators_validate_at_the_call():
    with pytest.raises(TypeError):
        iter_complete_reaction_set("H2O")
    with pytest.raises(TypeError):
        iter_complete_reaction_set([1, 2])
    with pytest.raises(TypeError):
        iter_circuits([[1.5, 2]])
    with pytest.raises(FormulaError):
        iter_complete_reaction_set(["H2O", "Xx"])


def _chons(n, seed=7):
    import random

    rng = random.Random(seed)
    out = set()
    while len(out) < n:
        c, h, o, nn, s = rng.randint(0, 6), rng.randint(0, 14), rng.randint(0, 4), rng.randint(0, 2), rng.randint(0, 1)
        f = "".join(e + (str(k) if k > 1 else "") for e, k in (("C", c), ("H", h), ("N", nn), ("O", o), ("S", s)) if k)
        if f:
            out.add(f)
    return sorted(out)


@pytest.mark.parametrize("n", [60, 200])
def test_reaction_space_of_many_species(n):
    sp = reaction_space(_chons(n))
    assert sp.dimension == n - sp.rank and all(r.is_balanced() for r in sp.basis)


def test_integer_kernel_fast_path_spans_the_kernel():
    import random

    from mathref.algebra.intlinalg import rank

    rng = random.Random(3)
    for _ in range(3):
        A = [[rng.randint(-4, 6) for _ in range(42)] for _ in range(4)]
        fast = integer_kernel(A)
        assert len(fast) == 42 - rank(A) and rank(fast) == len(fast)
        assert all(not any(sum(a * b for a, b in zip(r, v)) for r in A) for v in fast)


def test_deep_nesting_and_huge_counts():
    f = parse_formula("(" * 2000 + "H" + ")2" * 2000)
    assert f.counts == {"H": 2**2000}
    with pytest.raises(FormulaError, match="1000 digits"):
        parse_formula("H" + "9" * 5000)


# ------------------------------------------------------------ issue 18
def test_parse_formula_of_a_list_is_a_type_error():
    with pytest.raises(TypeError, match="str"):
        parse_formula([])


def _results():
    r = balance("C + O2 -> CO + CO2")
    red = balance_redox("MnO4- + H2O2 -> Mn2+ + O2")
    rs = complete_reaction_set(["C", "O2", "CO", "CO2"])
    try:
        balance("H2 + H2O -> H2O2")
    except NotBalanceableError as e:
        err = e
    return [r, red, rs, reaction_space(["C", "O2", "CO", "CO2"]), rs.network(), parse_formula("Fe0.95O(s)"),
            composition_matrix(["H2O", "OH-"]), err, parse_formula("D2O"),
            balance("g + O2 -> CO2 + H2O", substances={"g": {"C": 6, "H": 12, "O": 6}})]


@pytest.mark.parametrize("index", range(10))
def test_results_pickle_and_deepcopy_with_value_equality(index):
    obj = _results()[index]
    for other in (pickle.loads(pickle.dumps(obj)), copy.deepcopy(obj)):
        assert type(other) is type(obj) and other == obj
        if isinstance(obj, Reaction):
            assert (other.unique, other.notes, other.substances) == (obj.unique, obj.notes, obj.substances)


def test_threads_agree_with_serial():
    from mathref.algebra.chemistry.formula import _parse_cached

    equations = ["KMnO4 + HCl -> KCl + MnCl2 + H2O + Cl2", "C + O2 -> CO + CO2", "Fe + O2 -> FeO + Fe2O3 + Fe3O4",
                 "Cu + HNO3 -> Cu(NO3)2 + NO + H2O"] * 4
    serial = [balance(e).coefficients for e in equations]
    _parse_cached.cache_clear()
    out = [None] * len(equations)

    def work(i):
        out[i] = balance(equations[i]).coefficients

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(equations))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert out == serial


# ------------------------------------------------------------ properties
@settings(max_examples=30, deadline=None)
@given(species_sets(elements=("C", "H", "O"), min_size=3, max_size=6), st.data())
def test_every_balance_conserves_mass_and_charge_or_the_diagnosis_is_true(species, data):
    k = data.draw(st.integers(1, len(species) - 1))
    lhs, rhs = species[:k], species[k:]
    try:
        r = balance(lhs, rhs)
    except NotBalanceableError as err:
        assert err.kind in ("mass", "charge", "sides")
        if err.kind == "sides" and err.obstacle in err.species and "moves" in str(err):
            assert balance(lhs, rhs, switch_sides=True).is_balanced()
        return
    assert r.is_balanced() and r.is_primitive()
    assert all(r.coefficients[s] < 0 for s in lhs) and all(r.coefficients[s] > 0 for s in rhs)


@settings(max_examples=20, deadline=None)
@given(species_sets(elements=("Fe", "O", "H"), min_size=2, max_size=6, charged=True))
def test_complete_sets_balance_and_stream_the_same(species):
    rs = complete_reaction_set(species)
    assert all(r.is_balanced() and r.is_primitive() for r in rs)
    assert set(islice(iter_complete_reaction_set(species), 10**6)) == set(rs)
    net = reaction_network(list(rs), species=rs.species) if rs.count else None
    assert net is None or net.rank <= rs.rank
