"""1-WL colour refinement: kernels vs plain Python, laws, references from networkx, anchor defects."""

from __future__ import annotations

import warnings

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mathref.combinatorics import as_csr_graph, colour_refinement, refine_pair
from mathref.combinatorics.strategies import isomorphic_pairs, labelled_graphs
from mathref.combinatorics.wl._refinement_kernels import (
    wl_assign_ranks,
    wl_order_by_colour_and_key,
    wl_sorted_signatures,
)
from mathref.combinatorics.wl.refinement import (
    RoundTable,
    _exact_ranks,
    _refine_round,
    check_iterations,
    initial_colours,
    run_refinement,
)
from mathref.errors import InvalidArgumentError


def _partition(colours):
    groups = {}
    for v, c in enumerate(np.asarray(colours).tolist()):
        groups.setdefault(c, []).append(v)
    return sorted(groups.values())


def _degree_split_pair(a, b):
    """A degree-2 centre whose neighbours have degrees a and b (networkx's "2" + "a" + "b" label)."""
    g = nx.Graph([("c", "x"), ("c", "y")])
    g.add_edges_from(("x", ("x", i)) for i in range(a - 1))
    g.add_edges_from(("y", ("y", i)) for i in range(b - 1))
    return g


# --- kernels: compiled and plain Python agree -------------------------------------------------


@pytest.mark.kernel
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_kernels_agree_with_python_twin(jit_mode, seed):
    g = as_csr_graph(nx.gnp_random_graph(25, 0.15, seed=seed, directed=bool(seed % 2)))
    colours, k = initial_colours(g.node_labels)
    ref = None
    for _ in range(4):
        kernels = (jit_mode(wl_sorted_signatures), jit_mode(wl_order_by_colour_and_key), jit_mode(wl_assign_ranks))
        codes = np.empty(g.indices.size, dtype=np.int64)
        keys = np.empty(g.n_nodes, dtype=np.int64)
        new, k2, _ = _refine_round(g.indptr, g.indices, g.slot_labels, colours, k, codes, keys, kernels=kernels)
        # the python twin must give the very same numbers (hash keys are overflow-free by construction)
        codes_py = np.empty_like(codes)
        keys_py = np.empty_like(keys)
        py = (wl_sorted_signatures.py_func, wl_order_by_colour_and_key.py_func, wl_assign_ranks.py_func)
        new_py, k_py, _ = _refine_round(g.indptr, g.indices, g.slot_labels, colours, k, codes_py, keys_py, kernels=py)
        assert np.array_equal(new, new_py) and k2 == k_py
        assert np.array_equal(keys, keys_py)
        # and the hash-free exact ranking gives the same partition
        exact, k_exact, _ = _exact_ranks(colours, g.indptr, codes)
        assert _partition(exact) == _partition(new) and k_exact == k2
        ref = new
        colours, k = new, k2
    assert ref is not None


@pytest.mark.kernel
def test_assign_ranks_reports_hash_collisions(jit_mode):
    # two nodes with equal colour and forced-equal keys but different rows must be flagged
    indptr = np.array([0, 1, 2], dtype=np.int64)
    codes = np.array([5, 7], dtype=np.int64)
    keys = np.array([42, 42], dtype=np.int64)
    colours = np.zeros(2, dtype=np.int64)
    new = np.empty(2, dtype=np.int64)
    k, collision = jit_mode(wl_assign_ranks)(np.array([0, 1], dtype=np.int64), colours, indptr, codes, keys, new)
    assert collision


# --- the engine's interface for the sibling modules ----------------------------------------------


def test_run_refinement_reports_rounds_history_and_tables():
    g = as_csr_graph(nx.path_graph(6))
    tables = []
    run = run_refinement(g, *initial_colours(g.node_labels), table_sink=tables.append)
    assert run.stable and run.rounds == 2 and run.history == (1, 2, 3) and run.distinguished_round is None
    assert [t.n_colours for t in tables] == [2, 3] and all(isinstance(t, RoundTable) for t in tables)
    first = tables[0]
    assert first.old_n_colours == 1 and first.colours[first.order].tolist() == sorted(first.colours.tolist())


def test_run_refinement_with_split_stops_at_the_first_difference():
    u = as_csr_graph(nx.disjoint_union(nx.path_graph(4), nx.star_graph(3)))
    run = run_refinement(u, *initial_colours(u.node_labels), split=4)
    assert run.distinguished_round == 1 and run.rounds == 1 and not run.stable
    labels = np.array([0, 0, 1, 1])
    g = as_csr_graph(nx.path_graph(4))
    assert run_refinement(g, *initial_colours(labels), split=2).distinguished_round == 0


def test_run_refinement_max_rounds():
    g = as_csr_graph(nx.path_graph(9))
    run = run_refinement(g, *initial_colours(g.node_labels), max_rounds=2)
    assert run.rounds == 2 and not run.stable and run.n_colours == 3


def test_check_iterations():
    assert check_iterations(None) is None and check_iterations(np.int64(3)) == 3
    for bad in (-1, 2.0, True, "3"):
        with pytest.raises(InvalidArgumentError, match="iterations"):
            check_iterations(bad)


# --- basic values --------------------------------------------------------------------------------


def test_path_colours_and_rounds():
    r = colour_refinement(nx.path_graph(6))
    assert r.stable and r.rounds == 2
    assert _partition(r.colours) == [[0, 5], [1, 4], [2, 3]]
    assert r.history == (1, 2, 3)


def test_result_is_frozen_and_read_only():
    r = colour_refinement(nx.path_graph(3))
    with pytest.raises(AttributeError):
        r.rounds = 5
    with pytest.raises(ValueError):
        r.colours[0] = 3


def test_iterations_zero_returns_labels():
    g = nx.path_graph(3)
    nx.set_node_attributes(g, {0: "a", 1: "b", 2: "a"}, "kind")
    r = colour_refinement(g, node_attr="kind", iterations=0)
    assert r.colours.tolist() == [0, 1, 0] and r.rounds == 0


def test_edge_labels_matter():
    g1 = nx.path_graph(3)
    g2 = nx.path_graph(3)
    nx.set_edge_attributes(g1, {(0, 1): 1, (1, 2): 2}, "w")
    nx.set_edge_attributes(g2, {(0, 1): 1, (1, 2): 1}, "w")
    assert refine_pair(g1, g2, edge_attr="w").distinguished
    assert not refine_pair(g1, g2).distinguished


def test_directed_edges_carry_direction():
    cycle = nx.DiGraph([(0, 1), (1, 2), (2, 0)])
    transitive = nx.DiGraph([(0, 1), (1, 2), (0, 2)])
    assert refine_pair(cycle, transitive).distinguished
    path = nx.DiGraph([(0, 1), (1, 2)])
    rev = nx.DiGraph([(2, 1), (1, 0)])
    assert not refine_pair(path, rev).distinguished
    # a directed path is not the same as its underlying undirected graph read both ways
    r = colour_refinement(path)
    assert len(set(r.colours.tolist())) == 3


@pytest.mark.parametrize("bad", [-1, 1.5, True])
def test_bad_iterations(bad):
    with pytest.raises(InvalidArgumentError, match="iterations"):
        colour_refinement(nx.path_graph(3), iterations=bad)


def test_mismatched_directedness():
    with pytest.raises(InvalidArgumentError, match="directed"):
        refine_pair(nx.path_graph(3), nx.DiGraph(nx.path_graph(3)))


# --- reference: networkx's own WL node hashes give the same partitions (networkx 3.x) -------------


@pytest.mark.parametrize("seed", range(4))
def test_partitions_match_networkx_subgraph_hashes(seed):
    g = nx.gnp_random_graph(40, 0.08, seed=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        hashes = nx.weisfeiler_lehman_subgraph_hashes(g, iterations=3)
    for r in range(1, 4):
        ours = colour_refinement(g, iterations=r).colours
        theirs = {}
        for v in g:
            theirs.setdefault(hashes[v][r - 1], []).append(v)
        assert _partition(ours) == sorted(sorted(c) for c in theirs.values())


# --- anchor defect: networkx concatenates labels without separators ------------------------------


def test_no_label_concatenation_collision():
    g1, g2 = _degree_split_pair(1, 13), _degree_split_pair(11, 3)
    # degrees of the centre's neighbours are {1, 13} vs {11, 3}: "2" + "113"/"2" + "113" in networkx
    r = refine_pair(g1, g2, iterations=1)
    assert r.distinguished and r.distinguished_round == 1


# --- hypothesis laws ------------------------------------------------------------------------------

_labels = st.sampled_from([0, 1, 2, "a", (1, "b")])


@given(labelled_graphs(max_nodes=12, node_labels=_labels, edge_labels=st.integers(0, 2)))
def test_refinement_is_stable(g):
    r = colour_refinement(g, node_attr="label", edge_attr="label")
    again = colour_refinement(g, node_attr="label", edge_attr="label", initial=r.colours)
    assert again.rounds == 0 and again.stable
    assert np.array_equal(again.colours, r.colours)


@given(isomorphic_pairs(labelled_graphs(max_nodes=12, node_labels=_labels, edge_labels=st.integers(0, 2))))
def test_colours_invariant_under_relabelling(pair):
    g, h, mapping = pair
    rg = colour_refinement(g, node_attr="label", edge_attr="label").as_dict()
    rh = colour_refinement(h, node_attr="label", edge_attr="label").as_dict()
    # canonical colours: each node keeps its colour number under the isomorphism
    assert all(rg[u] == rh[mapping[u]] for u in g)
    assert not refine_pair(g, h, node_attr="label", edge_attr="label").distinguished


@given(isomorphic_pairs(labelled_graphs(max_nodes=10, directed=True, edge_labels=st.integers(0, 1))))
def test_directed_histograms_invariant(pair):
    g, h, _ = pair
    a = colour_refinement(g, edge_attr="label")
    b = colour_refinement(h, edge_attr="label")
    assert np.array_equal(a.histogram(), b.histogram())


@settings(max_examples=30)
@given(labelled_graphs(max_nodes=9), labelled_graphs(max_nodes=9))
def test_pair_verdict_consistent_with_networkx_isomorphism(g1, g2):
    r = refine_pair(g1, g2)
    if r.distinguished:
        assert not nx.is_isomorphic(g1, g2)
