"""The individualisation-refinement search on a disjoint union: its stages and its budget."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from mathref.combinatorics.wl.csr import as_csr_graph
from mathref.combinatorics.wl.search import (
    SearchBudgetExceeded,
    is_union_isomorphism,
    labelled_union,
    refine_jointly,
    search_union,
    target_cell,
)


def _union(g, h):
    u = labelled_union(as_csr_graph(g), as_csr_graph(h))
    return u, g.number_of_nodes()


def test_refine_jointly_separates_and_agrees():
    u, n = _union(nx.path_graph(4), nx.star_graph(3))
    assert refine_jointly(u.graph, u.colours, u.n_colours, n).distinguished
    u, n = _union(nx.cycle_graph(6), nx.disjoint_union(nx.cycle_graph(3), nx.cycle_graph(3)))
    joint = refine_jointly(u.graph, u.colours, u.n_colours, n)
    assert not joint.distinguished and joint.n_colours == 1
    assert target_cell(joint.colours, joint.n_colours, n) == 0


def test_search_finds_a_verified_isomorphism():
    g = nx.petersen_graph()
    perm = [3, 7, 1, 9, 0, 2, 8, 4, 6, 5]
    h = nx.relabel_nodes(g, dict(enumerate(perm)))
    h = nx.Graph(sorted(h.edges))  # node order of h differs from g's
    u, n = _union(g, nx.convert_node_labels_to_integers(h, ordering="sorted"))
    found = search_union(u.graph, n, u.colours, u.n_colours)
    assert found.mapping is not None and found.search_nodes >= 1
    assert is_union_isomorphism(u.graph, n, found.mapping)
    assert not is_union_isomorphism(u.graph, n, np.roll(found.mapping, 1))


def test_search_proves_non_isomorphism_exhaustively():
    u, n = _union(nx.cycle_graph(6), nx.disjoint_union(nx.cycle_graph(3), nx.cycle_graph(3)))
    found = search_union(u.graph, n, u.colours, u.n_colours)
    assert found.mapping is None and found.search_nodes > 1


def test_budget():
    u, n = _union(nx.cycle_graph(6), nx.disjoint_union(nx.cycle_graph(3), nx.cycle_graph(3)))
    with pytest.raises(SearchBudgetExceeded) as info:
        search_union(u.graph, n, u.colours, u.n_colours, budget=1)
    assert info.value.search_nodes == 2


def test_greedy_tries_one_candidate_per_level():
    u, n = _union(nx.cycle_graph(6), nx.cycle_graph(6))
    found = search_union(u.graph, n, u.colours, u.n_colours, greedy=True)
    assert found.mapping is not None and found.search_nodes == 3
