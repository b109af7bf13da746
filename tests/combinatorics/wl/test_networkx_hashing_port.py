"""networkx's own WL-hash tests, restated for mathref's hashes.

Source: networkx 3.6.1, ``networkx/algorithms/tests/test_graph_hashing.py`` (30 tests; the
cases below follow them one by one, in our own words, with the same graphs and seeds).
Results: 25 hold as stated (the subgraph-attribute and iteration-depth cases on 3 of networkx's
10 densities); 5 differ by a documented design choice of mathref:

* ``test_missing_edge_attr``, ``test_missing_node_attr`` and their two subgraph-hash twins:
  a missing attribute is the label ``None`` in every mathref WL function (networkx raises
  ``KeyError``); the ports check that behaviour instead.
* ``test_trivial_labels_hashes``: a label is part of the hashed graph, so the constant label
  ``""`` on nodes differs from ``""`` on edges (networkx hashes a node's degree instead of an
  absent label and makes them equal); what networkx guarantees about verdicts still holds
  (``test_trivial_labels_isomorphism`` below).

Defaults differ too, without changing any verdict below: ``wl_graph_hash`` refines to the stable
partition unless ``iterations`` is given (networkx: 3 rounds), and digests are blake2b of
canonical integer tables, not of concatenated label strings.
"""

from __future__ import annotations

import copy

import networkx as nx
import pytest

from mathref.combinatorics import wl_graph_hash, wl_subgraph_hashes
from mathref.errors import InvalidArgumentError

SIZES = [(100, i / 10) for i in range(1, 11)]
# networkx runs all ten densities; the per-node hashes with all-distinct labels cost a Python loop per
# edge, so the heavier subgraph cases keep the sparsest, a middle and the complete density
SUBGRAPH_CASES = (1, 5, 10)


def _er(i, seed, directed=False):
    n, p = SIZES[i - 1]
    return nx.erdos_renyi_graph(n, p, seed=seed + i, directed=directed)


def _negated(g):
    return nx.relabel_nodes(g, {u: -u for u in g})


def _with_attrs(g, nodes=True, edges=True):
    if nodes:
        for u in g:
            g.nodes[u]["node_attr1"] = f"{u}-1"
            g.nodes[u]["node_attr2"] = f"{u}-2"
    if edges:
        for a, b in g.edges:
            g[a][b]["edge_attr1"] = f"{a}-{b}-1"
            g[a][b]["edge_attr2"] = f"{a}-{b}-2"
    return g


def _prefixes(short, long):
    return all(long[u][: len(v)] == v for u, v in short.items())


# ---------------------------------------------------------------- both functions


@pytest.mark.parametrize("it", [-3, 0])
def test_positive_iters(it):
    with pytest.raises(InvalidArgumentError, match="positive"):
        wl_graph_hash(nx.empty_graph(), iterations=it)
    with pytest.raises(InvalidArgumentError, match="positive"):
        wl_subgraph_hashes(nx.empty_graph(), iterations=it)


# ---------------------------------------------------------------- graph hashes


def test_empty_graph_hash():
    g = nx.empty_graph()
    ref = wl_graph_hash(g)
    for kw in ({"edge_attr": "edge_attr1"}, {"node_attr": "node_attr1"},
               {"edge_attr": "edge_attr1", "node_attr": "node_attr1"}, {"iterations": 10}):
        assert wl_graph_hash(nx.empty_graph(), **kw) == ref


def test_directed():
    for i in range(10):
        gd = nx.gn_graph(20, seed=100 + i)
        assert wl_graph_hash(gd) != wl_graph_hash(nx.to_undirected(gd))


def test_reversed():
    g = nx.cycle_graph(5, create_using=nx.DiGraph)
    nx.set_node_attributes(g, {v: str(v) for v in g}, "label")
    assert wl_graph_hash(g, node_attr="label") != wl_graph_hash(g.reverse(), node_attr="label")


def test_isomorphic():
    for i in range(1, 11):
        g = _er(i, 200)
        assert wl_graph_hash(g) == wl_graph_hash(_negated(g))


def test_isomorphic_edge_attr():
    for i in range(1, 11):
        g = _with_attrs(_er(i, 300), nodes=False)
        h1, h2, h0 = (wl_graph_hash(g, edge_attr=a) for a in ("edge_attr1", "edge_attr2", None))
        assert len({h0, h1, h2}) == 3
        g2 = _negated(g)
        assert wl_graph_hash(g2, edge_attr="edge_attr1") == h1
        assert wl_graph_hash(g2, edge_attr="edge_attr2") == h2


def test_missing_edge_attr_is_the_none_label():
    # networkx raises KeyError; mathref: a missing attribute is the label None (documented difference)
    g = nx.Graph([(1, 2, {"edge_attr1": "a"}), (1, 3, {})])
    h = nx.Graph([(1, 2, {"edge_attr1": "a"}), (1, 3, {"edge_attr1": None})])
    assert wl_graph_hash(g, edge_attr="edge_attr1") == wl_graph_hash(h, edge_attr="edge_attr1")
    assert wl_graph_hash(g, edge_attr="edge_attr1") != wl_graph_hash(g)


def test_isomorphic_node_attr():
    for i in range(1, 11):
        g = _with_attrs(_er(i, 400), edges=False)
        h1, h2, h0 = (wl_graph_hash(g, node_attr=a) for a in ("node_attr1", "node_attr2", None))
        assert len({h0, h1, h2}) == 3
        g2 = _negated(g)
        assert wl_graph_hash(g2, node_attr="node_attr1") == h1
        assert wl_graph_hash(g2, node_attr="node_attr2") == h2


def test_missing_node_attr_is_the_none_label():
    g = nx.Graph()
    g.add_nodes_from([(1, {"node_attr1": "a"}), (2, {})])
    g.add_edges_from([(1, 2), (2, 3), (3, 1), (1, 4)])
    h = g.copy()
    nx.set_node_attributes(h, {2: None, 3: None, 4: None}, "node_attr1")
    assert wl_graph_hash(g, node_attr="node_attr1") == wl_graph_hash(h, node_attr="node_attr1")


def test_isomorphic_edge_attr_and_node_attr():
    for i in range(1, 11):
        g = _with_attrs(_er(i, 500))
        combos = [("edge_attr1", "node_attr1"), ("edge_attr2", "node_attr2"), ("edge_attr1", "node_attr2"),
                  (None, None)]
        hs = [wl_graph_hash(g, edge_attr=e, node_attr=v) for e, v in combos]
        assert len(set(hs)) == 4
        g2 = _negated(g)
        assert wl_graph_hash(g2, edge_attr="edge_attr1", node_attr="node_attr1") == hs[0]
        assert wl_graph_hash(g2, edge_attr="edge_attr2", node_attr="node_attr2") == hs[1]


def test_digest_size():
    for i in range(1, 11):
        g = _er(i, 1000)
        h16, h32 = wl_graph_hash(g), wl_graph_hash(g, digest_size=32)
        assert h16 != h32 and len(h16) == 32 and len(h32) == 64


def test_directed_bugs():
    ga, gb = nx.DiGraph(), nx.DiGraph()
    ga.add_nodes_from([1, 2, 3, 4])
    gb.add_nodes_from([1, 2, 3, 4])
    ga.add_edges_from([(1, 2), (3, 2)])
    gb.add_edges_from([(1, 2), (3, 4)])
    assert wl_graph_hash(ga) != wl_graph_hash(gb)
    t1 = nx.DiGraph([(0, 4), (1, 5), (2, 6), (3, 7), (4, 8), (5, 8), (6, 9), (7, 9), (8, 10), (9, 10)])
    nx.set_node_attributes(t1, {10: "s", 8: "a", 9: "a", 4: "b", 5: "b", 6: "b", 7: "b"}, "weight")
    t2 = copy.deepcopy(t1)
    nx.set_node_attributes(t1, {0: "d", 1: "c", 2: "d", 3: "c"}, "weight")
    nx.set_node_attributes(t2, {0: "d", 1: "d", 2: "c", 3: "c"}, "weight")
    assert wl_graph_hash(t1, iterations=1, node_attr="weight") == wl_graph_hash(t2, iterations=1, node_attr="weight")
    assert wl_graph_hash(t1, node_attr="weight") != wl_graph_hash(t2, node_attr="weight")
    assert wl_graph_hash(t1, iterations=3, node_attr="weight") != wl_graph_hash(t2, iterations=3, node_attr="weight")


def _verdicts(g1, g2):
    out = [wl_graph_hash(g1) == wl_graph_hash(g2)]
    nx.set_node_attributes(g1, 1, "weight")
    nx.set_node_attributes(g2, 1, "weight")
    out.append(wl_graph_hash(g1, node_attr="weight") == wl_graph_hash(g2, node_attr="weight"))
    nx.set_edge_attributes(g1, "a", "e_weight")
    nx.set_edge_attributes(g2, "a", "e_weight")
    out.append(wl_graph_hash(g1, edge_attr="e_weight") == wl_graph_hash(g2, edge_attr="e_weight"))
    out.append(wl_graph_hash(g1, edge_attr="e_weight", node_attr="weight")
               == wl_graph_hash(g2, edge_attr="e_weight", node_attr="weight"))
    return out


def test_trivial_labels_isomorphism():
    for i in range(1, 11):
        assert len(set(_verdicts(_er(i, 500), _er(i, 42)))) == 1


def test_trivial_labels_isomorphism_directed():
    for i in range(1, 11):
        assert len(set(_verdicts(_er(i, 500, True), _er(i, 42, True)))) == 1
    ga, gb = nx.DiGraph(), nx.DiGraph()
    ga.add_nodes_from([1, 2, 3, 4])
    gb.add_nodes_from([1, 2, 3, 4])
    ga.add_edges_from([(1, 2), (3, 2)])
    gb.add_edges_from([(1, 2), (3, 4)])
    assert _verdicts(ga, gb) == [False] * 4


def test_trivial_labels_hashes_differ_by_design():
    # networkx makes "" on all nodes hash like "" on all edges; here a label is part of the graph.
    # What stays true: a constant label changes no verdict (test above) and hashes stay invariant.
    for i in range(1, 11):
        g = _er(i, 500)
        nx.set_node_attributes(g, "", "weight")
        nx.set_edge_attributes(g, "", "e_weight")
        first = wl_graph_hash(g, node_attr="weight")
        second = wl_graph_hash(g, edge_attr="e_weight")
        assert first != second
        assert wl_graph_hash(_negated(g), node_attr="weight") == first


# ---------------------------------------------------------------- subgraph hashes


def test_empty_graph_subgraph_hash():
    g = nx.empty_graph()
    for kw in ({}, {"edge_attr": "edge_attr"}, {"node_attr": "edge_attr"}, {"iterations": 2}, {"digest_size": 64}):
        assert wl_subgraph_hashes(g, **kw) == {}


def test_directed_subgraph_hash():
    for i in range(10):
        gd = nx.gn_graph(20, seed=100 + i)
        assert wl_subgraph_hashes(gd) != wl_subgraph_hashes(nx.to_undirected(gd))


def test_reversed_subgraph_hash():
    g = nx.cycle_graph(5, create_using=nx.DiGraph)
    nx.set_node_attributes(g, {v: str(v) for v in g}, "label")
    assert wl_subgraph_hashes(g, node_attr="label") != wl_subgraph_hashes(g.reverse(), node_attr="label")


def test_isomorphic_subgraph_hash():
    for i in range(1, 11):
        g = _er(i, 200)
        h2 = wl_subgraph_hashes(_negated(g))
        assert wl_subgraph_hashes(g) == {-k: v for k, v in h2.items()}


@pytest.mark.parametrize("kind", ["edge", "node", "both"])
def test_isomorphic_attr_subgraph_hash(kind):
    # networkx: test_isomorphic_edge_attr_subgraph_hash, ..._node_attr_..., ..._edge_attr_and_node_attr_...
    seed = {"edge": 300, "node": 400, "both": 500}[kind]
    for i in SUBGRAPH_CASES:
        g = _with_attrs(_er(i, seed), nodes=kind != "edge", edges=kind != "node")
        if kind == "edge":
            combos = [{"edge_attr": "edge_attr1"}, {"edge_attr": "edge_attr2"}, {}]
        elif kind == "node":
            combos = [{"node_attr": "node_attr1"}, {"node_attr": "node_attr2"}, {}]
        else:
            combos = [{"edge_attr": "edge_attr1", "node_attr": "node_attr1"},
                      {"edge_attr": "edge_attr2", "node_attr": "node_attr2"},
                      {"edge_attr": "edge_attr1", "node_attr": "node_attr2"}, {}]
        hs = [wl_subgraph_hashes(g, **kw) for kw in combos]
        assert all(hs[a] != hs[b] for a in range(len(hs)) for b in range(a + 1, len(hs)))
        g2 = _negated(g)
        for kw, h in zip(combos[:2], hs[:2]):
            assert h == {-k: v for k, v in wl_subgraph_hashes(g2, **kw).items()}


def test_missing_attrs_subgraph_hash_are_the_none_label():
    g = nx.Graph([(1, 2, {"edge_attr1": "a"}), (1, 3, {})])
    assert set(wl_subgraph_hashes(g, edge_attr="edge_attr1")) == {1, 2, 3}
    g = nx.Graph()
    g.add_nodes_from([(1, {"node_attr1": "a"}), (2, {})])
    g.add_edges_from([(1, 2), (2, 3), (3, 1), (1, 4)])
    hs = wl_subgraph_hashes(g, node_attr="node_attr1", include_initial_labels=True)
    assert hs[2][0] == hs[3][0] != hs[1][0]


@pytest.mark.parametrize("attrs", [{}, {"edge_attr": "edge_attr1"}, {"node_attr": "node_attr1"},
                                   {"edge_attr": "edge_attr1", "node_attr": "node_attr1"}])
def test_iteration_depth(attrs):
    # networkx: test_iteration_depth and its _edge_attr, _node_attr and _node_edge_attr variants
    seed = {0: 600, 1: 700, 2: 800, 3: 900}[len(attrs) + ("node_attr" in attrs and len(attrs) == 1)]
    for i in SUBGRAPH_CASES:
        g = _er(i, seed)
        for a, b in g.edges:
            g[a][b]["edge_attr1"] = f"{a}-{b}-1"
        for u in g:
            g.nodes[u]["node_attr1"] = f"{u}-1"
        d3, d4, d5 = (wl_subgraph_hashes(g, iterations=k, **attrs) for k in (3, 4, 5))
        assert all(len(v) == 3 for v in d3.values()) and all(len(v) == 5 for v in d5.values())
        assert all(len(v) == 4 for v in d4.values())
        assert _prefixes(d3, d4) and _prefixes(d4, d5) and _prefixes(d3, d5)


def test_digest_size_subgraph_hash():
    for i in range(1, 11):
        g = _er(i, 1000)
        h16, h32 = wl_subgraph_hashes(g), wl_subgraph_hashes(g, digest_size=32)
        assert h16 != h32
        assert all(len(x) == 32 for v in h16.values() for x in v)
        assert all(len(x) == 64 for v in h32.values() for x in v)


def test_initial_node_labels_subgraph_hash():
    g = nx.path_graph(5)
    nx.set_node_attributes(g, {i: int(0 < i < 4) for i in g}, "label")
    without = wl_subgraph_hashes(g, node_attr="label")
    assert all(len(v) == 3 for v in without.values())
    assert len({v[0] for v in without.values()}) == 3
    with_initial = wl_subgraph_hashes(g, node_attr="label", include_initial_labels=True)
    assert all(len(v) == 4 for v in with_initial.values())
    assert len({v[0] for v in with_initial.values()}) == 2
    assert all(with_initial[u][1:] == without[u] for u in g)


def test_subgraph_hashes_compare_across_graphs():
    # the point of per-node hashes: a node's rooted neighbourhood gets the same digest in any graph
    a = wl_subgraph_hashes(nx.path_graph(3), iterations=1)
    b = wl_subgraph_hashes(nx.star_graph(4), iterations=1)
    assert a[0] == b[1] and a[1] != b[0]
