"""Exact isomorphism with certificates, one-sided WL answers, symmetric decomposability."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mathref.combinatorics import could_be_isomorphic, is_isomorphic, symmetric_decomposition, verify_isomorphism
from mathref.combinatorics.strategies import isomorphic_pairs, labelled_graphs
from mathref.errors import ConvergenceError, InvalidArgumentError

from .test_kwl import BICYCLOPENTYL, C6, DECALIN, TWO_TRIANGLES, rook_4x4, shrikhande


def _check_certificate(g1, g2, mapping, node_attr=None, edge_attr=None):
    """Independent edge-by-edge check (not the library's verify_isomorphism)."""
    assert sorted(map(repr, mapping)) == sorted(map(repr, g1.nodes))
    assert sorted(map(repr, mapping.values())) == sorted(map(repr, g2.nodes))
    for u in g1:
        if node_attr:
            assert g1.nodes[u].get(node_attr) == g2.nodes[mapping[u]].get(node_attr)
    for u, v, d in g1.edges(data=True):
        assert g2.has_edge(mapping[u], mapping[v])
        if edge_attr:
            assert d.get(edge_attr) == g2.edges[mapping[u], mapping[v]].get(edge_attr)
    assert g1.number_of_edges() == g2.number_of_edges()


@pytest.mark.parametrize("g1, g2", [(C6, TWO_TRIANGLES), (shrikhande(), rook_4x4()), (DECALIN, BICYCLOPENTYL)],
                         ids=["C6-2K3", "shrikhande-rook", "decalin-bicyclopentyl"])
def test_classic_wl_failures(g1, g2):
    # WL says "could be"; the exact search proves they are not isomorphic (as networkx VF2 agrees)
    assert could_be_isomorphic(g1, g2)
    r = is_isomorphic(g1, g2)
    assert not r and r.mapping is None and not r.wl_distinguished
    assert r.method == "canonical labelling"
    assert not nx.is_isomorphic(g1, g2)


def test_shrikhande_and_rook_are_each_self_isomorphic_under_shuffles():
    for g in (shrikhande(), rook_4x4()):
        h = nx.relabel_nodes(g, {u: i for i, u in enumerate(sorted(g, key=lambda x: (x[1], -x[0])))})
        r = is_isomorphic(g, h)
        assert r
        _check_certificate(g, h, r.mapping)


def test_wl_proof_of_difference():
    r = is_isomorphic(nx.path_graph(4), nx.star_graph(3))
    assert not r and r.wl_distinguished and r.method == "colour refinement"
    assert not could_be_isomorphic(nx.path_graph(4), nx.star_graph(3))


def test_size_invariants():
    r = is_isomorphic(nx.path_graph(3), nx.path_graph(4))
    assert not r and r.method == "invariants"


def test_truthiness_contract():
    r = is_isomorphic(nx.petersen_graph(), nx.petersen_graph())
    assert bool(r) is True and r.isomorphic and isinstance(r.mapping, dict)


def test_no_fallback_node_limit_is_undecided_not_a_guess():
    # issue 16: there is no VF2 fallback any more; running out of budget is an error carrying what was reached
    with pytest.raises(ConvergenceError, match="undecided") as info:
        is_isomorphic(C6, nx.cycle_graph(6), node_limit=1)
    assert info.value.diagnostics["reason"] == "node_limit"
    assert info.value.diagnostics["search_nodes"] >= 1
    r = is_isomorphic(C6, nx.cycle_graph(6), max_search_nodes=100)  # the old keyword still works
    assert r
    _check_certificate(C6, nx.cycle_graph(6), r.mapping)


def test_budget_error_on_large_graphs():
    g = nx.cycle_graph(40)
    with pytest.raises(ConvergenceError) as info:
        is_isomorphic(g, nx.cycle_graph(40), max_search_nodes=1)
    assert info.value.diagnostics["search_nodes"] >= 1


@pytest.mark.parametrize("bad", [{"time_limit": 0}, {"time_limit": -1.0}, {"time_limit": float("nan")},
                                 {"node_limit": 0}, {"node_limit": 2.5}, {"node_limit": True},
                                 {"cell_selector": "best"}])
def test_limit_validation(bad):
    with pytest.raises(InvalidArgumentError):
        is_isomorphic(C6, C6, **bad)


def test_input_errors():
    with pytest.raises(TypeError, match="g1"):
        is_isomorphic("x", C6)
    with pytest.raises(InvalidArgumentError, match="directed"):
        could_be_isomorphic(C6, nx.DiGraph(C6))


def test_verify_isomorphism_rejects_bad_maps():
    g = nx.path_graph(3)
    assert verify_isomorphism(g, g, {0: 0, 1: 1, 2: 2})
    assert not verify_isomorphism(g, g, {0: 1, 1: 0, 2: 2})
    assert not verify_isomorphism(g, g, {0: 0, 1: 1})
    labelled = nx.path_graph(3)
    nx.set_node_attributes(labelled, {0: "a", 1: "b", 2: "c"}, "t")
    assert not verify_isomorphism(labelled, labelled, {0: 2, 1: 1, 2: 0}, node_attr="t")


def test_multigraphs():
    a = nx.MultiGraph([(0, 1), (0, 1), (1, 2)])
    b = nx.MultiGraph([(5, 6), (6, 7), (6, 7)])
    c = nx.MultiGraph([(0, 1), (1, 2), (1, 2), (1, 2)])
    assert is_isomorphic(a, b)
    assert not could_be_isomorphic(a, c)


def test_labelled_graphs():
    g1, g2 = nx.cycle_graph(4), nx.cycle_graph(4)
    nx.set_node_attributes(g1, {0: "N", 1: "C", 2: "C", 3: "C"}, "element")
    nx.set_node_attributes(g2, {0: "C", 1: "C", 2: "N", 3: "C"}, "element")
    r = is_isomorphic(g1, g2, node_attr="element")
    assert r and r.mapping[0] == 2
    nx.set_edge_attributes(g1, {(0, 1): 2}, "order")
    assert not is_isomorphic(g1, g2, node_attr="element", edge_attr="order")


_labels = st.sampled_from(["a", "b", 1])


@given(isomorphic_pairs(labelled_graphs(max_nodes=12, node_labels=_labels, edge_labels=st.integers(0, 2))))
def test_certificates_checked_edge_by_edge(pair):
    g, h, _ = pair
    r = is_isomorphic(g, h, node_attr="label", edge_attr="label")
    assert r
    _check_certificate(g, h, r.mapping, node_attr="label", edge_attr="label")


@given(isomorphic_pairs(labelled_graphs(max_nodes=10, directed=True, edge_labels=st.integers(0, 1))))
def test_directed_certificates(pair):
    g, h, _ = pair
    r = is_isomorphic(g, h, edge_attr="label")
    assert r
    _check_certificate(g, h, r.mapping, edge_attr="label")
    for u, v in g.edges:
        assert h.has_edge(r.mapping[u], r.mapping[v])


@settings(max_examples=80)
@given(labelled_graphs(min_nodes=4, max_nodes=8), labelled_graphs(min_nodes=4, max_nodes=8))
def test_agrees_with_networkx_vf2(g1, g2):
    assert bool(is_isomorphic(g1, g2)) == nx.is_isomorphic(g1, g2)


@settings(max_examples=40)
@given(st.integers(3, 7), st.integers(0, 10_000))
def test_agrees_with_vf2_on_regular_graphs(d, seed):
    # regular graphs are the hard case for colour refinement: everything hinges on the search
    n = 12 if d % 2 == 0 else 12
    g1 = nx.random_regular_graph(d, n, seed=seed)
    g2 = nx.random_regular_graph(d, n, seed=seed + 1)
    r = is_isomorphic(g1, g2)
    assert bool(r) == nx.is_isomorphic(g1, g2)
    assert could_be_isomorphic(g1, g2)


# --- symmetric decomposability -----------------------------------------------------------------


def test_symmetric_decomposition_of_vertex_transitive_graphs():
    for g in (C6, nx.petersen_graph(), nx.hypercube_graph(3), shrikhande(), rook_4x4()):
        sd = symmetric_decomposition(g)
        assert sd and sd.failed_at is None and sd.cell_sizes[0] == g.number_of_nodes()


def test_asymmetric_regular_graph_is_not_sd():
    # the Frucht graph is 3-regular with a trivial automorphism group: 1-WL is stuck and no class is an orbit
    sd = symmetric_decomposition(nx.frucht_graph())
    assert not sd and sd.failed_at is not None


def test_discrete_graph_is_trivially_sd():
    sd = symmetric_decomposition(nx.path_graph(4).subgraph([0, 1, 2]).copy())
    assert sd and sd.individualised == (0,)
    tree = nx.balanced_tree(2, 2)
    assert symmetric_decomposition(tree)
