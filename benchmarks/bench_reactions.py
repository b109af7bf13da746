"""Balanced reactions: mathref.algebra vs chempy (single balances) and vs subset enumeration (complete sets).

Run:  python benchmarks/bench_reactions.py

Tables:
1. textbook single reactions: ``algebra.balance`` vs ``chempy.balance_stoichiometry``
   (``underdetermined=None`` = pulp ILP for the underdetermined case, the default
   sympy solve otherwise).  mathref caches parsed formulas; the "cold" column
   clears that cache before every call.
2. complete sets: ``algebra.complete_reaction_set`` (Numba search and pure-Python
   search) vs the naive route with floats: every subset of at most rank+1 species,
   ``numpy.linalg.matrix_rank`` on each.  No existing package enumerates complete sets.
"""

from __future__ import annotations

import math
import sys
from itertools import combinations
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import Table, best_time, environment, first_call, fmt_time, ratio, try_import  # noqa: E402

from mathref import algebra  # noqa: E402
from mathref.algebra import Reaction, balance, complete_reaction_set, composition_matrix  # noqa: E402
from mathref.algebra.intlinalg import circuits  # noqa: E402

EQUATIONS = [
    ("neutralisation", "NaOH + HCl -> NaCl + H2O", False),
    ("octane combustion", "C8H18 + O2 -> CO2 + H2O", False),
    ("KMnO4 + HCl", "KMnO4 + HCl -> KCl + MnCl2 + H2O + Cl2", False),
    ("Cu + HNO3", "Cu + HNO3 -> Cu(NO3)2 + NO + H2O", False),
    ("K4Fe(CN)6 + KMnO4 + H2SO4 (sum 1028)",
     "K4Fe(CN)6 + KMnO4 + H2SO4 -> KHSO4 + Fe2(SO4)3 + MnSO4 + HNO3 + CO2 + H2O", False),
    ("MnO4-/Fe2+ in acid", "MnO4- + Fe2+ + H+ -> Mn2+ + Fe3+ + H2O", False),
    ("Fe/O2 -> FeO + Fe2O3 (underdetermined)", "Fe + O2 -> FeO + Fe2O3", True),
    ("C + O2 -> CO + CO2 (underdetermined)", "C + O2 -> CO + CO2", True),
    ("Fe + O2 -> 3 oxides (underdetermined, 3-dim)", "Fe + O2 -> FeO + Fe2O3 + Fe3O4", True),
    ("C + O2 + H2 -> 4 products (underdetermined, 4-dim, milp)", "C + O2 + H2 -> CO + CO2 + H2O + CH4", True),
]

CHO_25 = ["CH4", "C2H6", "C3H8", "C4H10", "C2H4", "C2H2", "C6H6", "CH3OH", "C2H5OH", "HCHO", "HCOOH",
          "CH3COOH", "CO", "CO2", "H2O", "H2", "O2", "C", "H2O2", "CH3CHO", "C3H6", "C3H6O", "C2H6O2",
          "C6H12O6", "O3"]
MIX_25 = ["H2O", "CO2", "NaCl", "FeS2", "Fe2O3", "SO2", "SO3", "H2SO4", "NaOH", "HCl", "Cl2", "NH3", "N2",
          "NO", "NO2", "HNO3", "CH4", "C", "Fe", "S", "O2", "H2", "Na2SO4", "FeCl3", "NaNO3"]
FE_O = ["Fe", "O2", "FeO", "Fe2O3", "Fe3O4"]


# chempy reads "Fe2+" as an Fe2 cluster with charge +1; give it its own spelling of the ions
CHEMPY_SPELLING = {"Fe2+": "Fe+2", "Fe3+": "Fe+3", "Mn2+": "Mn+2"}


def chempy_balance(chempy, equation, underdetermined):
    lhs, rhs = ([CHEMPY_SPELLING.get(s, s) for s in side.split(" + ")] for side in equation.split(" -> "))
    if underdetermined:
        return chempy.balance_stoichiometry(set(lhs), set(rhs), underdetermined=None)
    return chempy.balance_stoichiometry(set(lhs), set(rhs))


def clear_formula_cache():
    from mathref.algebra.chemistry import formula  # noqa: PLC0415

    formula._parse_cached.cache_clear()


def naive_subset_count(species):
    """Circuits by testing every subset of size <= rank+1 with float ranks (the brute-force route)."""
    A = np.array(composition_matrix(species).to_list(), dtype=float)
    r = np.linalg.matrix_rank(A)
    n = A.shape[1]
    found = []
    for k in range(2, r + 2):
        for S in combinations(range(n), k):
            sub = A[:, S]
            if np.linalg.matrix_rank(sub) != k - 1:
                continue
            # minimal: every proper subset of size k-1 independent
            if all(np.linalg.matrix_rank(A[:, T]) == k - 1 for T in combinations(S, k - 1)):
                found.append(S)
    return len(found)


def single_reactions(chempy) -> str:
    t = Table(["reaction", "mathref warm", "mathref cold cache", "chempy", "chempy / mathref (warm)",
               "chempy / mathref (cold)", "same answer"])
    for label, eq, under in EQUATIONS:
        ours = balance(eq).coefficients
        warm = best_time(lambda: balance(eq), repeat=7, number=20)

        def cold():
            clear_formula_cache()
            balance(eq)

        cold_t = best_time(cold, repeat=7, number=5)
        if chempy is not None:
            reac, prod = chempy_balance(chempy, eq, under)
            back = {v: k for k, v in CHEMPY_SPELLING.items()}
            theirs = {**{back.get(k, k): -int(v) for k, v in reac.items()},
                      **{back.get(k, k): int(v) for k, v in prod.items()}}
            anchor = best_time(lambda: chempy_balance(chempy, eq, under), repeat=5, number=3)
            same = "yes" if theirs == ours else f"no ({theirs})"
        else:
            anchor, same = None, "—"
        t.add(label, fmt_time(warm), fmt_time(cold_t), fmt_time(anchor), ratio(anchor, warm), ratio(anchor, cold_t),
              same)
    return t.render()


def complete_sets() -> str:
    t = Table(["species set", "species", "elements", "rank", "circuits", "mathref (Numba)", "mathref (Python ints)",
               "naive subsets (numpy)", "naive / mathref"])
    for label, sp, naive in [("Fe/O2/FeO/Fe2O3/Fe3O4", FE_O, True), ("25 C/H/O species", CHO_25, True),
                             ("25 species, 8 elements", MIX_25, False)]:
        rs = complete_reaction_set(sp)
        els = len([r for r in composition_matrix(sp).rows if r != "charge"])
        fast = best_time(lambda: complete_reaction_set(sp), repeat=3)
        A = composition_matrix(sorted(sp)).to_list()
        slow = best_time(lambda: circuits(A, method="python"), repeat=1)
        if naive:
            assert naive_subset_count(sp) == rs.count
            nv = best_time(lambda: naive_subset_count(sp), repeat=1)
            nv_s = fmt_time(nv)
        else:
            r = rs.rank
            subsets = sum(math.comb(len(sp), k) for k in range(2, r + 2))
            nv, nv_s = None, f"not run ({subsets:,} subsets)"
        t.add(label, len(sp), els, rs.rank, f"{rs.count:,}", fmt_time(fast), fmt_time(slow), nv_s, ratio(nv, fast))
    return t.render()


CHONS_60 = ["CH4", "C2H6", "C3H8", "C4H10", "C2H4", "C2H2", "C6H6", "CH3OH", "C2H5OH", "HCHO", "HCOOH",
            "CH3COOH", "CO", "CO2", "H2O", "H2", "O2", "C", "H2O2", "CH3CHO", "C3H6", "C3H6O", "C2H6O2",
            "C6H12O6", "O3", "N2", "NH3", "NO", "NO2", "N2O", "HNO3", "HNO2", "N2H4", "HCN", "CH3NH2",
            "CO(NH2)2", "S", "SO2", "SO3", "H2S", "H2SO4", "CS2", "COS", "CH3SH", "N2O4", "N2O5", "NH2OH",
            "C2H5NH2", "C5H5N", "C4H4S"]


def species_200():
    """200 distinct C/H/N/O/S formulas (seeded)."""
    import random

    rng = random.Random(7)
    out = set()
    while len(out) < 200:
        c, h, o, n, s = rng.randint(0, 6), rng.randint(0, 14), rng.randint(0, 4), rng.randint(0, 2), rng.randint(0, 1)
        f = "".join(e + (str(k) if k > 1 else "") for e, k in (("C", c), ("H", h), ("N", n), ("O", o), ("S", s)) if k)
        if f:
            out.add(f)
    return sorted(out)


def scale_table() -> str:
    """Issue 14 §3: large complete sets, a 200-species reaction space; sympy's rational nullspace as anchor."""

    t = Table(["workload", "result", "mathref (warm, median of 3)", "anchor", "anchor time", "anchor / mathref"])
    for n in (30, 40, 45):
        sp = CHONS_60[:n]
        rs = complete_reaction_set(sp)
        fast = best_time(lambda: complete_reaction_set(sp), repeat=3)
        t.add(f"complete_reaction_set, {n} C/H/N/O/S species", f"{rs.count:,} reactions", fmt_time(fast),
              "none (no peer enumerates complete sets)", "—", "—")
    sp = species_200()
    space = algebra.reaction_space(sp)
    ours = best_time(lambda: algebra.reaction_space(sp), repeat=3)
    M = composition_matrix(sp).to_sympy()
    theirs = best_time(lambda: M.nullspace(), repeat=3)
    t.add("reaction_space, 200 species", f"dimension {space.dimension} (integer lattice basis)", fmt_time(ours),
          "sympy Matrix.nullspace (rational, not a lattice basis)", fmt_time(theirs), ratio(theirs, ours))
    return t.render()


LARGE = [("C_{10^14+1} combustion to CO/CO2", "C100000000000001H200000000000004 + O2 -> CO + CO2 + H2O"),
         ("C_{10^15+1} combustion to CO/CO2", "C1000000000000001H2000000000000004 + O2 -> CO + CO2 + H2O"),
         ("C_{10^15+1} with H2 and CH4 (4-dim)", "C1000000000000001H2000000000000004 + O2 + H2 -> CO + CO2 + H2O + CH4")]


def large_counts(chempy) -> str:
    t = Table(["balance", "mathref", "mathref time", "chempy (pulp)", "chempy time", "chemicals", "chemicals time"])
    elements = try_import("chemicals.elements")
    reaction = try_import("chemicals.reaction")
    for label, eq in LARGE:
        r = balance(eq)
        ok = "balanced" if r.is_balanced() else "WRONG"
        ours = best_time(lambda: balance(eq), repeat=3)
        lhs, rhs = (side.split(" + ") for side in eq.split(" -> "))
        c_res, c_t = "not installed", None
        if chempy is not None:
            try:
                reac, prod = chempy.balance_stoichiometry(set(lhs), set(rhs), underdetermined=None)
                net = {**{k: -int(v) for k, v in reac.items()}, **{k: int(v) for k, v in prod.items()}}
                c_res = "balanced" if Reaction(net).is_balanced() else "NOT balanced"
            except Exception as err:  # noqa: BLE001 - the peer's failure is the measurement
                c_res = f"fails: {type(err).__name__}"
            c_t = best_time(lambda: _try(lambda: chempy.balance_stoichiometry(set(lhs), set(rhs),
                                                                           underdetermined=None)), repeat=1)
        h_res, h_t = "not installed", None
        if reaction is not None:
            atoms = [elements.simple_formula_parser(s) for s in lhs + rhs]
            status = [True] * len(lhs) + [False] * len(rhs)
            try:
                coeffs = reaction.balance_stoichiometry(reaction.stoichiometric_matrix(atoms, status))
                h_res = f"float coefficients ({coeffs[0]:.6g}, ...)"
            except Exception as err:  # noqa: BLE001
                h_res = f"fails: {type(err).__name__}"
            h_t = best_time(lambda: _try(lambda: reaction.balance_stoichiometry(
                reaction.stoichiometric_matrix(atoms, status))), repeat=1)
        t.add(label, ok, fmt_time(ours), c_res, fmt_time(c_t), h_res, fmt_time(h_t))
    return t.render()


def _try(f):
    try:
        return f()
    except Exception:  # noqa: BLE001
        return None


def main() -> None:
    print(environment())
    chempy = try_import("chempy")
    if chempy is not None:
        print(f"chempy {chempy.__version__}")
    # first call: Numba compilation of the circuit search (cached on disk afterwards)
    from mathref.algebra.intlinalg._circuit_kernels import circuit_search_depth_first  # noqa: PLC0415

    print(f"first call of complete_reaction_set (compile or cache load): "
          f"{fmt_time(first_call(lambda: complete_reaction_set(FE_O)))}; "
          f"kernel signatures: {len(getattr(circuit_search_depth_first, 'signatures', []))}")
    print()
    print(single_reactions(chempy))
    print()
    print(complete_sets())
    print()
    print(scale_table())
    print()
    print(large_counts(chempy))
    print(f"\nmathref {getattr(algebra, '__version__', '')}".rstrip())


if __name__ == "__main__":
    main()
