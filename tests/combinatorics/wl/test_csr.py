"""CSR graphs: conversion from networkx through its public adjacency API, the one disjoint union, edge lists."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mathref.combinatorics import CSRGraph, as_csr_graph, colour_refinement
from mathref.combinatorics.strategies import labelled_graphs
from mathref.combinatorics.wl.csr import csr_from_edges, disjoint_union
from mathref.combinatorics.wl.labels import label_text
from mathref.errors import InvalidArgumentError


def _reference_rows(g, edge_attr=None):
    """Rows of ``g`` read edge by edge from the public API, in the layout CSRGraph documents."""
    nodes = list(g.nodes)
    index = {u: i for i, u in enumerate(nodes)}
    rows = []
    for u in nodes:
        if g.is_directed():
            out = [(index[w], 2, d) for w, d in g.succ[u].items()]
            inn = [(index[w], 3, d) for w, d in g.pred[u].items()]
            row = out + inn
        else:
            row = [(index[w], 2, d) for w, d in g.adj[u].items()]
        rows.append([(w, parity, None if edge_attr is None else label_text(d.get(edge_attr), strict=False))
                     for w, parity, d in row])
    return rows


def _rows_of(c):
    out = []
    for v in range(c.n_nodes):
        lo, hi = c.indptr[v], c.indptr[v + 1]
        out.append([(int(w), 2 + int(s) % 2, c.edge_vocabulary[int(s) // 2] if c.edge_vocabulary != ("none",)
                     else None) for w, s in zip(c.indices[lo:hi], c.slot_labels[lo:hi])])
    return out


@given(labelled_graphs(max_nodes=9, edge_labels=st.integers(0, 2)))
def test_undirected_rows_follow_networkx_adjacency(g):
    c = as_csr_graph(g, edge_attr="label")
    assert c.nodes == tuple(g.nodes) and not c.directed
    assert _rows_of(c) == _reference_rows(g, "label")


@given(labelled_graphs(max_nodes=9, directed=True, edge_labels=st.integers(0, 2)))
def test_directed_rows_list_out_then_in_neighbours(g):
    c = as_csr_graph(g, edge_attr="label")
    assert c.directed
    assert _rows_of(c) == _reference_rows(g, "label")


def test_named_nodes_and_views_use_public_adjacency():
    g = nx.relabel_nodes(nx.petersen_graph(), {i: f"n{i}" for i in range(10)})
    view = g.subgraph([f"n{i}" for i in range(7)])  # a networkx view, read through the same public API
    for graph in (g, view, nx.DiGraph(g).subgraph(["n0", "n1", "n5"])):
        c = as_csr_graph(graph)
        assert _rows_of(c) == _reference_rows(graph)


def test_multigraph_has_one_slot_per_parallel_edge():
    g = nx.MultiGraph([(0, 1), (0, 1), (1, 1)])
    c = as_csr_graph(g)
    assert c.indptr.tolist() == [0, 2, 5] and sorted(c.indices[2:].tolist()) == [0, 0, 1]


def test_csr_input_matches_networkx():
    g = nx.gnp_random_graph(30, 0.2, seed=7)
    A = nx.to_scipy_sparse_array(g, nodelist=range(30), format="csr")
    c = CSRGraph.from_arrays(A.indptr, A.indices)
    assert np.array_equal(colour_refinement(c).colours, colour_refinement(g).colours)


def test_csr_rejects_asymmetric_undirected():
    with pytest.raises(InvalidArgumentError, match="symmetric"):
        CSRGraph.from_arrays([0, 1, 1], [1])
    # fine as a directed graph
    assert CSRGraph.from_arrays([0, 1, 1], [1], directed=True).directed


def test_bad_graph_type():
    with pytest.raises(TypeError, match="networkx graph"):
        colour_refinement([[0, 1]])


def test_csr_passes_through_but_rejects_attributes():
    c = as_csr_graph(nx.path_graph(3))
    assert as_csr_graph(c) is c
    with pytest.raises(InvalidArgumentError, match="node_attr"):
        as_csr_graph(c, node_attr="x")


def test_relabel_nodes_is_an_isomorphic_copy():
    c = as_csr_graph(nx.path_graph(4))
    r = c.relabel_nodes([3, 2, 1, 0])
    assert r.indices.tolist() == [1, 2, 0, 3, 1, 2]  # node v became 3 - v
    with pytest.raises(InvalidArgumentError, match="permutation"):
        c.relabel_nodes([0, 0, 1, 2])


# --- the one disjoint union ----------------------------------------------------------------------


def test_disjoint_union_merges_label_vocabularies():
    g1 = nx.path_graph(2)
    nx.set_node_attributes(g1, {0: "b", 1: "c"}, "kind")
    g2 = nx.path_graph(2)
    nx.set_node_attributes(g2, {0: "a", 1: "b"}, "kind")
    c1, c2 = as_csr_graph(g1, node_attr="kind"), as_csr_graph(g2, node_attr="kind")
    u = disjoint_union(c1, c2)
    assert u.node_vocabulary == ("str:a", "str:b", "str:c")
    assert [u.node_vocabulary[i] for i in u.node_labels] == ["str:b", "str:c", "str:a", "str:b"]
    assert u.indices.tolist() == [1, 0, 3, 2] and u.nodes is None


def test_disjoint_union_keeps_direction_bits_of_edge_labels():
    g1 = nx.DiGraph([(0, 1)])
    nx.set_edge_attributes(g1, 5, "w")
    g2 = nx.DiGraph([(0, 1)])
    nx.set_edge_attributes(g2, 2, "w")
    u = disjoint_union(as_csr_graph(g1, edge_attr="w"), as_csr_graph(g2, edge_attr="w"))
    assert u.edge_vocabulary == ("num:2", "num:5")
    assert u.slot_labels.tolist() == [2, 3, 0, 1]


def test_disjoint_union_with_a_shared_vocabulary_keeps_the_codes():
    vocab = tuple(f"{i:012d}" for i in range(3))
    g = CSRGraph(np.array([0, 1, 2]), np.array([1, 0]), np.array([4, 4]), np.array([2, 0]), False, None, vocab,
                 vocab)
    u = disjoint_union(g, g)
    assert u.node_vocabulary is vocab and u.node_labels.tolist() == [2, 0, 2, 0]
    assert u.slot_labels.tolist() == [4, 4, 4, 4]
    # an unsorted vocabulary (not what the converters produce) is still re-ranked
    odd = CSRGraph(g.indptr, g.indices, np.array([0, 0]), np.array([0, 1]), False, None, ("z", "a"), ("none",))
    assert disjoint_union(odd, odd).node_labels.tolist() == [1, 0, 1, 0]


def test_csr_from_edges_groups_rows_stably():
    g = csr_from_edges(np.array([1, 0, 1]), np.array([2, 1, 0]), np.array([0, 2, 4]), np.zeros(3, np.int64),
                       directed=True)
    assert g.indptr.tolist() == [0, 1, 3, 3]
    assert g.indices.tolist() == [1, 2, 0] and g.slot_labels.tolist() == [2, 0, 4]
