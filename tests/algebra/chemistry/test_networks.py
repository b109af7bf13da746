"""Complete reaction sets, reaction spaces and networks: brute force, invariance laws, conservation laws."""

from __future__ import annotations

import random
from itertools import combinations

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from mathref.algebra import (
    Reaction,
    complete_reaction_set,
    composition_matrix,
    iter_complete_reaction_set,
    parse_formula,
    reaction_network,
    reaction_space,
    species_order,
)
from mathref.algebra.strategies import species_sets


# ----------------------------------------------------------------- complete sets
def test_carbon_oxides_complete_set():
    rs = complete_reaction_set(["C", "O2", "CO", "CO2"])
    assert rs.count == 4 and rs.complete and rs.rank == 2
    got = {frozenset(r.coefficients.items()) for r in rs}
    expect = [
        {"C": -2, "O2": -1, "CO": 2},
        {"C": -1, "O2": -1, "CO2": 1},
        {"C": -1, "CO2": -1, "CO": 2},
        {"CO": -2, "O2": -1, "CO2": 2},
    ]
    assert got == {frozenset(e.items()) for e in expect}


def test_iron_oxides_complete_set():
    species = ["Fe", "O2", "FeO", "Fe2O3", "Fe3O4"]
    rs = complete_reaction_set(species)
    # rank 2 with 5 species in general position: every 3-subset is a circuit, C(5,3) = 10
    assert rs.count == 10
    assert {frozenset(r.species) for r in rs} == {frozenset(c) for c in combinations(species, 3)}
    assert {"Fe": -3, "O2": -2, "Fe3O4": 1} in [r.coefficients for r in rs]


def _brute_force_minimal(species):
    """Minimal balanced reactions by checking every subset with sympy."""
    A = sympy.Matrix(composition_matrix(species).to_list())
    out = set()
    for k in range(1, len(species) + 1):
        for S in combinations(range(len(species)), k):
            if any(set(c) <= set(S) for c in out):
                continue
            ns = A[:, list(S)].nullspace()
            if len(ns) == 1 and all(x != 0 for x in ns[0]):
                out.add(S)
    return {frozenset(species[i] for i in S) for S in out}


@settings(max_examples=30)
@given(species_sets(elements=("C", "H", "O"), min_size=2, max_size=7))
def test_complete_set_matches_brute_force(species):
    rs = complete_reaction_set(species)
    assert {frozenset(r.species) for r in rs} == _brute_force_minimal(species)


@given(species_sets(elements=("C", "H", "O", "N"), min_size=2, max_size=9))
def test_every_reaction_balanced_primitive_canonical(species):
    rs = complete_reaction_set(species)
    order = species_order(species)
    for r in rs:
        c = r.coefficients
        assert r.is_balanced() and r.is_primitive() and 0 not in c.values()
        first = min(c, key=order.index)
        assert c[first] < 0  # canonical sign: first species in canonical order is consumed
        assert set(c) <= set(species)
    assert len(set(rs)) == len(rs)


@given(species_sets(elements=("C", "H", "O", "Fe"), min_size=2, max_size=8), st.randoms())
def test_invariant_under_shuffling(species, rnd):
    shuffled = species[:]
    rnd.shuffle(shuffled)
    a = complete_reaction_set(species)
    b = complete_reaction_set(shuffled)
    assert [r.coefficients for r in a] == [r.coefficients for r in b]


@given(species_sets(elements=("C", "H", "O"), min_size=2, max_size=8))
def test_invariant_under_renaming(species):
    renamed = {s: s + "(g)" for s in species}
    a = complete_reaction_set(species)
    b = complete_reaction_set([renamed[s] for s in species])
    key = lambda r: frozenset(r.items())  # noqa: E731
    expect = {key({renamed[k]: v for k, v in r.coefficients.items()}) for r in a}
    got = {key(r.coefficients) for r in b}
    flipped = {key({k: -v for k, v in r.coefficients.items()}) for r in b}
    assert all(g in expect or f in expect for g, f in zip(got, flipped)) and len(got) == len(expect)


@settings(max_examples=30)
@given(species_sets(elements=("C", "H", "O", "N"), min_size=2, max_size=8))
def test_circuits_span_every_balance(species):
    rs = complete_reaction_set(species)
    space = reaction_space(species)
    if not rs:
        assert space.dimension == 0
        return
    C = sympy.Matrix([[r.coefficients.get(s, 0) for s in species] for r in rs])
    assert C.rank() == space.dimension
    for b in space.basis:
        v = sympy.Matrix([[b.coefficients.get(s, 0) for s in species]])
        assert sympy.Matrix.vstack(C, v).rank() == C.rank()  # a rational combination of circuits


@settings(max_examples=40)
@given(species_sets(elements=("Fe", "Mn", "O", "H", "S", "Cl"), min_size=1, max_size=10, charged=True))
def test_random_species_never_crash(species):
    rs = complete_reaction_set(species)
    for r in rs:
        assert r.is_balanced()
    net = rs.network()
    assert net.rank == reaction_space(species).dimension


def test_limit_streams_partial_results():
    species = ["CH4", "C2H6", "C3H8", "CO", "CO2", "H2O", "H2", "O2", "C", "CH3OH"]
    full = complete_reaction_set(species)
    part = complete_reaction_set(species, limit=5)
    assert part.count == 5 and not part.complete and full.complete
    assert set(part) <= set(full)
    assert set(iter_complete_reaction_set(species)) == set(full)


def test_chos_25_compiled_and_python_agree():
    species = ["CH4", "C2H6", "C3H8", "C4H10", "C2H4", "C2H2", "C6H6", "CH3OH", "C2H5OH", "HCHO", "HCOOH",
               "CH3COOH", "CO", "CO2", "H2O", "H2", "O2", "C", "H2O2", "CH3CHO", "C3H6", "C3H6O", "C2H6O2",
               "C6H12O6", "O3"]
    rs = complete_reaction_set(species)
    assert rs.count == 6562
    assert set(iter_complete_reaction_set(species)) == set(rs)


def test_duplicates_and_types_rejected():
    with pytest.raises(ValueError, match="twice"):
        complete_reaction_set(["H2", "H2"])
    with pytest.raises(TypeError):
        complete_reaction_set("H2O")
    assert complete_reaction_set(["H2", "O2"]).count == 0  # nothing balances: empty, not an error


# ----------------------------------------------------------------- spaces and networks
def test_reaction_space_basis():
    sp = reaction_space(["H2", "O2", "H2O", "H2O2"])
    assert sp.dimension == 2 and sp.rank == 2
    assert all(sp.contains(r) for r in sp.basis)


def test_network_rank_and_conservation_laws():
    species = ["C", "O2", "CO", "CO2"]
    net = complete_reaction_set(species).network()
    assert net.rank == 2 and len(net.independent) == 2
    N = net.to_sympy()
    laws = [sympy.Matrix([[law.get(s, 0) for s in net.species]]) for law in net.conservation_laws]
    assert all(y * N == sympy.zeros(1, N.shape[1]) for y in laws)
    assert len(laws) == len(species) - net.rank
    # the element rows of the composition matrix are conservation laws (carbon, oxygen)
    A = composition_matrix(net.species).to_sympy()
    assert sympy.Matrix.vstack(*laws, A).rank() == len(laws)


def test_network_from_mechanism():
    mech = [Reaction({"A": -1, "B": 1}), Reaction({"B": -1, "C": 1}), Reaction({"A": -1, "C": 1})]
    net = reaction_network(mech)
    assert net.rank == 2 and net.independent == (0, 1)
    assert net.conservation_laws == ({"A": 1, "B": 1, "C": 1},)
    assert net.to_numpy().shape == (3, 3)


def test_formula_of_each_species_kept_as_given():
    rs = complete_reaction_set(["H2O(l)", "H2(g)", "O2(g)"])
    assert rs[0].coefficients == {"H2O(l)": -2, "H2(g)": 2, "O2(g)": 1} or rs[0].coefficients == {
        "H2(g)": -2, "O2(g)": -1, "H2O(l)": 2}
    assert parse_formula("H2O(l)").phase == "l"


def test_random_seeded_mixture_finishes():
    rnd = random.Random(0)
    pool = ["H2O", "CO2", "NaCl", "FeS2", "Fe2O3", "SO2", "SO3", "H2SO4", "NaOH", "HCl", "Cl2", "NH3", "N2",
            "NO", "NO2", "HNO3", "CH4", "C", "Fe", "S", "O2", "H2", "Na2SO4", "FeCl3", "NaNO3"]
    species = rnd.sample(pool, 12)
    rs = complete_reaction_set(species)
    assert rs.complete and all(r.is_balanced() for r in rs)
