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
from mathref.algebra import balance, complete_reaction_set, composition_matrix, parse_formula  # noqa: E402
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
            parse_formula.cache_clear()
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
    print(f"\nmathref {getattr(algebra, '__version__', '')}".rstrip())


if __name__ == "__main__":
    main()
