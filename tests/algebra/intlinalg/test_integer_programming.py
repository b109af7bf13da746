"""The canonical minimum-sum solution: the exact lattice stages against the MILP route."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mathref.algebra import (
    composition_matrix,
)
from mathref.algebra.intlinalg.integer_programming import _min_sum_exact, min_sum_solution
from mathref.algebra.strategies import species_sets


@pytest.mark.parametrize(
    "equation",
    ["C + O2 -> CO + CO2", "Fe + O2 -> FeO + Fe2O3 + Fe3O4", "H2 + O2 -> H2O + H2O2", "Fe + O2 -> FeO + Fe2O3",
     "CH4 + O2 -> CO + CO2 + H2O", "C2H6 + O2 -> CO + CO2 + H2O + H2", "NH3 + O2 -> NO + NO2 + H2O"],
)
def test_exact_canonical_balance_equals_milp_fixed(equation):
    lhs, rhs = (side.split(" + ") for side in equation.split(" -> "))
    signs = [-1] * len(lhs) + [1] * len(rhs)
    M = composition_matrix(lhs + rhs).to_list()
    A = [[sg * x for sg, x in zip(signs, row)] for row in M]
    exact = _min_sum_exact(A, len(signs))
    assert exact is not None
    assert exact == min_sum_solution(A, len(signs), lower=[1] * len(signs))


@settings(max_examples=60)
@given(species_sets(elements=("C", "H", "O"), min_size=4, max_size=7), st.integers(1, 6))
def test_exact_canonical_balance_equals_milp(species, cut):
    # the exact lattice enumeration (solution lattices of rank 2 and 3) and the MILP route agree
    cut = min(cut, len(species) - 1)
    signs = [-1] * cut + [1] * (len(species) - cut)
    M = composition_matrix(species).to_list()
    A = [[sg * x for sg, x in zip(signs, row)] for row in M]
    exact = _min_sum_exact(A, len(species))
    if exact is None:
        return
    assert exact == min_sum_solution(A, len(species), lower=[1] * len(species))


@pytest.mark.parametrize(
    "equation,stage",
    [("C + O2 -> CO + CO2", "_min_sum_rank2"), ("Fe + O2 -> FeO + Fe2O3 + Fe3O4", "_min_sum_rank3"),
     ("C + O2 + H2 -> CO + CO2 + H2O + CH4", None)],
)
def test_stages_by_lattice_rank(equation, stage):
    # rank 2 and 3 are solved exactly on the lattice; rank 4 goes to the MILP stage with the same answer shape
    from mathref.algebra.intlinalg import integer_kernel, integer_programming

    lhs, rhs = (side.split(" + ") for side in equation.split(" -> "))
    signs = [-1] * len(lhs) + [1] * len(rhs)
    M = composition_matrix(lhs + rhs).to_list()
    A = [[sg * x for sg, x in zip(signs, row)] for row in M]
    n = len(signs)
    x = min_sum_solution(A, n)
    assert x is not None and all(v >= 1 for v in x)
    assert not any(sum(a * b for a, b in zip(row, x)) for row in A)
    if stage is None:
        assert len(integer_kernel(A)) == 4 and _min_sum_exact(A, n) is None
    else:
        assert getattr(integer_programming, stage)(A, n, integer_kernel(A)) == x


def test_lower_bounds_and_infeasible():
    assert min_sum_solution([[1, -1]], 2, lower=[2, 0]) == [2, 2]
    assert min_sum_solution([[1, 1]], 2) is None
    assert min_sum_solution([[1, 1]], 2, lower=[0, 0]) == [0, 0]  # lower bounds 0 admit the zero vector
