"""The ORGEval variable-constraint graph: networkx form and the jointly labelled CSR form."""

from __future__ import annotations

from fractions import Fraction

import networkx as nx

from mathref.combinatorics import LPModel, is_isomorphic, model_graph, read_lp
from mathref.combinatorics.lp.model_graph import model_csr_graphs

from .samples import LP_TEXT


def test_model_graph_is_bipartite_with_labels():
    m = read_lp(LP_TEXT)
    g = model_graph(m)
    assert nx.is_bipartite(g)
    assert g.nodes[("con", "labour")]["label"] == ("con", ">=", Fraction(-9, 4))
    assert g.edges[("var", "y"), ("con", "labour")]["coef"] == 3
    # graph isomorphism of the labelled graphs agrees with model equivalence
    p = m.permuted(rng=3, rename=True)
    assert is_isomorphic(g, model_graph(p), node_attr="label", edge_attr="coef")


def test_csr_graphs_share_one_vocabulary():
    m1 = LPModel.from_arrays([1, 2], [[1, 3]], ["<="], [4])
    m2 = LPModel.from_arrays([5], [[7]], [">="], [4])
    (g1, g2), values = model_csr_graphs([m1, m2], 0, 0)
    assert g1.node_vocabulary == g2.node_vocabulary and g1.edge_vocabulary == g2.edge_vocabulary
    assert values == sorted(values)
    # variables first, then constraints; every edge appears in both rows with the coefficient's class
    assert g1.n_nodes == 3 and g2.n_nodes == 2
    assert [values[s // 2] for s in g1.slot_labels] == [1, 3, 1, 3]
    assert [values[s // 2] for s in g2.slot_labels] == [7, 7]
    # equal label rows get equal node labels across the two models: the constraints differ in sense
    assert g1.node_labels[2] != g2.node_labels[1]


def test_csr_graph_of_float_model_merges_close_numbers():
    m = LPModel.from_arrays([0.1 + 0.2, 0.3], [[1.0, 1.0]], ["<="], [1.0])
    (g,), _ = model_csr_graphs([m], 1e-9, 1e-12)
    assert g.node_labels[0] == g.node_labels[1]
    (g,), _ = model_csr_graphs([m], 0, 0)
    assert g.node_labels[0] != g.node_labels[1]


def test_empty_rows_and_models():
    m = LPModel.from_arrays([1], [[0]], ["<="], [1])
    (g,), _ = model_csr_graphs([m], 0, 0)
    assert g.indptr.tolist() == [0, 0, 0] and nx.is_empty(model_graph(m))
    assert Fraction(1) in _
