"""2-WL / 3-WL (folklore and oblivious): classic separations and failures."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings

from mathref.combinatorics import k_wl_colours, k_wl_test, refine_pair
from mathref.combinatorics.strategies import isomorphic_pairs, labelled_graphs
from mathref.errors import InvalidArgumentError


def shrikhande():
    """Cayley graph of Z4 x Z4 with connection set {±(1,0), ±(0,1), ±(1,1)}: srg(16, 6, 2, 2)."""
    g = nx.Graph()
    for a in range(4):
        for b in range(4):
            for da, db in ((1, 0), (0, 1), (1, 1)):
                g.add_edge((a, b), ((a + da) % 4, (b + db) % 4))
    return g


def rook_4x4():
    """K4 x K4 (the 4x4 rook's graph): also srg(16, 6, 2, 2)."""
    return nx.cartesian_product(nx.complete_graph(4), nx.complete_graph(4))


DECALIN = nx.Graph([(0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (5, 0), (0, 6), (6, 7), (7, 8), (8, 9), (9, 5)])
BICYCLOPENTYL = nx.Graph([(0, 1), (1, 2), (2, 3), (3, 4), (4, 0), (0, 5), (5, 6), (6, 7), (7, 8), (8, 9), (9, 5)])
C6 = nx.cycle_graph(6)
TWO_TRIANGLES = nx.disjoint_union(nx.cycle_graph(3), nx.cycle_graph(3))


def test_strongly_regular_parameters():
    # both are srg(16, 6, 2, 2) (Brouwer's tables): regular of degree 6, lambda = mu = 2
    for g in (shrikhande(), rook_4x4()):
        assert g.number_of_nodes() == 16 and set(dict(g.degree).values()) == {6}
        for u, v in [(u, v) for u in g for v in g if u != v][:60]:
            common = len(set(g[u]) & set(g[v]))
            assert common == 2


@pytest.mark.parametrize("k, variant", [(2, "folklore"), (2, "oblivious"), (3, "oblivious")])
def test_srg_pair_not_separated(k, variant):
    # 1-WL, oblivious 2-WL (= 1-WL), 2-FWL and oblivious 3-WL (= 2-FWL) all fail on equal-parameter SRGs
    assert not refine_pair(shrikhande(), rook_4x4()).distinguished
    r = k_wl_test(shrikhande(), rook_4x4(), k, variant=variant)
    assert not r.distinguished and r.stable


def test_srg_pair_separated_by_3fwl():
    # 3-FWL (= oblivious 4-WL) sees that neighbourhoods are a 6-cycle vs two triangles
    assert k_wl_test(shrikhande(), rook_4x4(), 3, variant="folklore").distinguished


@pytest.mark.parametrize("g1, g2", [(C6, TWO_TRIANGLES), (DECALIN, BICYCLOPENTYL)])
def test_2fwl_separates_what_1wl_cannot(g1, g2):
    assert not refine_pair(g1, g2).distinguished
    assert not k_wl_test(g1, g2, 2, variant="oblivious").distinguished
    assert k_wl_test(g1, g2, 2, variant="folklore").distinguished
    assert k_wl_test(g1, g2, 3, variant="oblivious").distinguished


def test_labels_are_respected():
    g1, g2 = nx.path_graph(3), nx.path_graph(3)
    nx.set_node_attributes(g1, {0: "a", 1: "b", 2: "b"}, "t")
    nx.set_node_attributes(g2, {0: "b", 1: "a", 2: "b"}, "t")
    assert k_wl_test(g1, g2, 2, node_attr="t").distinguished
    assert not k_wl_test(g1, g2, 2).distinguished


def test_different_sizes_distinguished_at_round_zero():
    r = k_wl_test(nx.path_graph(3), nx.path_graph(4), 2)
    assert r.distinguished and r.distinguished_round == 0


@settings(max_examples=25)
@given(isomorphic_pairs(labelled_graphs(max_nodes=7)))
def test_isomorphic_pairs_never_separated(pair):
    g, h, mapping = pair
    for k, variant in [(2, "folklore"), (3, "folklore"), (3, "oblivious")]:
        assert not k_wl_test(g, h, k, variant=variant).distinguished


@settings(max_examples=25)
@given(isomorphic_pairs(labelled_graphs(max_nodes=7, directed=True)))
def test_tuple_colours_are_canonical(pair):
    g, h, mapping = pair
    Cg = k_wl_colours(g, 2)
    Ch = k_wl_colours(h, 2)
    gn, hn = list(g.nodes), list(h.nodes)
    perm = np.array([hn.index(mapping[u]) for u in gn], dtype=np.int64)
    assert np.array_equal(Cg, Ch[np.ix_(perm, perm)])


@settings(max_examples=25)
@given(labelled_graphs(max_nodes=7), labelled_graphs(max_nodes=7))
def test_separation_implies_non_isomorphism(g1, g2):
    if k_wl_test(g1, g2, 2).distinguished:
        assert not nx.is_isomorphic(g1, g2)


@pytest.mark.parametrize("kwargs, match", [({"k": 4}, "k=4"), ({"variant": "x"}, "variant")])
def test_bad_arguments(kwargs, match):
    with pytest.raises(InvalidArgumentError, match=match):
        k_wl_test(C6, C6, **kwargs)


def test_too_large_for_dense_method():
    with pytest.raises(InvalidArgumentError, match="too large"):
        k_wl_colours(nx.path_graph(100), 3)
