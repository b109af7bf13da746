"""Model equivalence: properties, ORGEval's weak spots fixed, and the ORGEval classification."""

from __future__ import annotations

from fractions import Fraction

import networkx as nx
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mathref.combinatorics import (
    LPModel,
    bin_packing_model,
    model_graph,
    models_equivalent,
    read_lp,
    symmetric_decomposition,
)
from mathref.combinatorics.strategies import lp_models
from mathref.errors import ConvergenceError, InvalidArgumentError

from .samples import LP_TEXT

# --- equivalence: properties --------------------------------------------------------------------


def _apply(m, vp, cp):
    """Check that the returned permutations carry m1 exactly onto m2."""
    return m.permuted(list(vp), list(cp))


@settings(max_examples=25)
@given(lp_models(max_variables=7, max_constraints=6), st.integers(0, 2**32 - 1), st.booleans())
def test_permuted_and_renamed_models_are_equivalent(m, seed, rename):
    p = m.permuted(rng=seed, rename=rename)
    r = models_equivalent(m, p)
    assert r.equivalent
    q = _apply(m, r.variable_permutation, r.constraint_permutation)
    for field in ("objective", "rows", "senses", "rhs", "lower", "upper", "integrality"):
        assert getattr(q, field) == getattr(p, field), field


@st.composite
def _model_and_change(draw):
    m = draw(lp_models(max_variables=6, max_constraints=5))
    kinds = ["bound", "objective"]
    if m.nnz:
        kinds.append("coefficient")
    if m.n_constraints:
        kinds += ["sense", "rhs"]
    kind = draw(st.sampled_from(kinds))
    new_value = draw(st.fractions(-6, 6, max_denominator=3))
    if kind == "coefficient":
        i = draw(st.sampled_from([i for i, r in enumerate(m.rows) if r]))
        t = draw(st.integers(0, len(m.rows[i]) - 1))
        j, a = m.rows[i][t]
        assume(new_value != a and new_value != 0)
        row = list(m.rows[i])
        row[t] = (j, new_value)
        rows = list(m.rows)
        rows[i] = tuple(row)
        changed = m.replace(rows=tuple(rows))
    elif kind == "sense":
        i = draw(st.integers(0, m.n_constraints - 1))
        s = draw(st.sampled_from([s for s in ("<=", ">=", "==") if s != m.senses[i]]))
        changed = m.replace(senses=m.senses[:i] + (s,) + m.senses[i + 1:])
    elif kind == "rhs":
        i = draw(st.integers(0, m.n_constraints - 1))
        assume(new_value != m.rhs[i])
        changed = m.replace(rhs=m.rhs[:i] + (new_value,) + m.rhs[i + 1:])
    elif kind == "objective":
        j = draw(st.integers(0, m.n_variables - 1))
        assume(new_value != m.objective[j])
        changed = m.replace(objective=m.objective[:j] + (new_value,) + m.objective[j + 1:])
    else:
        j = draw(st.integers(0, m.n_variables - 1))
        which = draw(st.sampled_from(["lower", "upper"]))
        old = getattr(m, which)
        assume(new_value != old[j])
        changed = m.replace(**{which: old[:j] + (new_value,) + old[j + 1:]})
    return m, changed, kind


@settings(max_examples=30)
@given(_model_and_change(), st.integers(0, 2**32 - 1))
def test_a_single_change_is_always_caught(case, seed):
    m, changed, kind = case
    r = models_equivalent(m, changed.permuted(rng=seed, rename=True))
    assert not r.equivalent and r.distinguishing, kind
    assert r.variable_permutation is None


# --- ORGEval's weak spots, each fixed ---------------------------------------------------------


def test_sum_aggregation_collision_is_not_a_blind_spot():
    # Constraint c: 1*x1 + 3*x2 vs 2*x1 + 2*x2: the coefficient sums per neighbour colour are both 4,
    # which is all ORGEval's summing aggregation keeps at the constraint node.
    m1 = LPModel.from_arrays([0, 0], [[1, 3]], ["<="], [5])
    m2 = LPModel.from_arrays([0, 0], [[2, 2]], ["<="], [5])
    assert sum(a for _, a in m1.rows[0]) == sum(a for _, a in m2.rows[0])
    r = models_equivalent(m1, m2)
    assert not r and r.classification == "WL-determinable"


def test_refinement_stops_at_the_stable_partition():
    # ORGEval runs 2(n + m) rounds; the stable partition of this chain model is reached far earlier
    n = 40
    A = [[1 if j in (i, i + 1) else 0 for j in range(n)] for i in range(n - 1)]
    m = LPModel.from_arrays([1] * n, A, ["<="] * (n - 1), [1] * (n - 1))
    r = models_equivalent(m, m.permuted(rng=0))
    # the bipartite graph is a path on 2n - 1 nodes: about n rounds, against ORGEval's 2(2n - 1)
    assert r and r.wl_rounds <= n < 2 * (2 * n - 1)


def test_float_data_compared_with_tolerance():
    m1 = LPModel.from_arrays([0.1 + 0.2, 1.0], [[1.0, 2.0]], ["<="], [3.0])
    m2 = LPModel.from_arrays([0.3, 1.0], [[1.0, 2.0]], ["<="], [3.0])
    assert 0.1 + 0.2 != 0.3
    assert models_equivalent(m1, m2)
    assert not models_equivalent(m1, m2, rtol=0, atol=0)
    assert not models_equivalent(m1, m2.replace(objective=(0.31, 1.0)))


def test_exact_data_compared_exactly():
    m1 = LPModel.from_arrays([Fraction(1, 3)], [[1]], ["<="], [1])
    m2 = LPModel.from_arrays([Fraction(1, 3) + Fraction(1, 10**30)], [[1]], ["<="], [1])
    assert not models_equivalent(m1, m2)


# --- ORGEval classification ------------------------------------------------------------------


def test_bin_packing_with_identical_bins_is_symmetric_decomposable():
    m = bin_packing_model([3, 5, 4, 7, 2], 10, 4)
    assert symmetric_decomposition(model_graph(m), node_attr="label", edge_attr="coef")
    p = m.permuted(rng=11, rename=True)
    r = models_equivalent(m, p)
    assert r and r.classification == "symmetric-decomposable" and r.method == "greedy individualisation"
    q = _apply(m, r.variable_permutation, r.constraint_permutation)
    assert q.rows == p.rows and q.objective == p.objective


def test_bin_packing_changes_are_caught():
    m = bin_packing_model([3, 5, 4, 7, 2], 10, 4)
    other = bin_packing_model([3, 5, 4, 7, 3], 10, 4).permuted(rng=2, rename=True)
    assert not models_equivalent(m, other)
    fewer = bin_packing_model([3, 5, 4, 7, 2], 10, 3)
    assert not models_equivalent(m, fewer)


def test_bin_packing_with_equal_items_still_decided():
    m = bin_packing_model([4, 4, 4, 2, 2], 8, 3)
    r = models_equivalent(m, m.permuted(rng=5))
    assert r and r.classification == "symmetric-decomposable"


def _edge_model(graph):
    """One variable per node, one row x_u + x_v <= 1 per edge: the model graph is the subdivided graph."""
    nodes = sorted(graph)
    index = {u: j for j, u in enumerate(nodes)}
    A = []
    for u, v in sorted(graph.edges):
        row = [0] * len(nodes)
        row[index[u]] = row[index[v]] = 1
        A.append(row)
    return LPModel.from_arrays([1] * len(nodes), A, ["<="] * len(A), [1] * len(A), sense="max")


def test_undetermined_models_decided_by_exact_search():
    # the Frucht graph is 3-regular and asymmetric: WL cannot split it and it is not SD
    frucht = nx.frucht_graph()
    m = _edge_model(frucht)
    r = models_equivalent(m, m.permuted(rng=4, rename=True))
    assert r and r.classification == "undetermined" and r.method == "exact search"
    other = _edge_model(nx.random_regular_graph(3, 12, seed=0))
    assert not nx.is_isomorphic(frucht, nx.random_regular_graph(3, 12, seed=0))
    r = models_equivalent(m, other)
    assert not r and r.classification == "undetermined"
    with pytest.raises(ConvergenceError):
        models_equivalent(m, other, exact_max_nodes=5)


def test_wl_blind_pair_caught_via_sd():
    # C6 vs two triangles as independent-set LPs: WL-equal, SD, and not equivalent
    r = models_equivalent(_edge_model(nx.cycle_graph(6)),
                          _edge_model(nx.disjoint_union(nx.cycle_graph(3), nx.cycle_graph(3))))
    assert not r and r.classification == "symmetric-decomposable"


def test_equal_optima_do_not_mean_equivalent():
    m1 = read_lp("Minimize\n obj: x + y\nSubject To\n c: x + y >= 2\nEnd")
    m2 = read_lp("Minimize\n obj: 2 x\nSubject To\n c: x >= 1\nEnd")
    r = models_equivalent(m1, m2, solve=True)
    assert not r
    assert r.optima[0] == pytest.approx(2.0) and r.optima[1] == pytest.approx(2.0)


def test_invariant_differences_reported():
    m = read_lp(LP_TEXT)
    r = models_equivalent(m, m.replace(sense="min"))
    assert not r and r.method == "invariants" and "objective sense" in r.distinguishing
    with pytest.raises(TypeError, match="m1"):
        models_equivalent("model", m)
    with pytest.raises(InvalidArgumentError, match="rtol"):
        models_equivalent(m, m, rtol=-1)
