"""Kernels of the canonical-labelling search: compiled and plain Python agree; the early abort is sound."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from mathref.combinatorics.wl._search_kernels import ir_refine, ir_select_cell, python_kernels
from mathref.combinatorics.wl.canonical import _is_automorphism, _Refiner, csr_canonical_labelling
from mathref.combinatorics.wl.csr import as_csr_graph
from mathref.combinatorics.wl.families import cfi_graph

NO = np.zeros(0, dtype=np.int64)


def _graphs():
    yield as_csr_graph(nx.petersen_graph())
    yield as_csr_graph(nx.gnp_random_graph(30, 0.2, seed=1))
    yield as_csr_graph(nx.gnp_random_graph(20, 0.25, seed=2, directed=True))
    g = nx.MultiGraph(nx.cycle_graph(8))
    g.add_edge(0, 1)
    yield as_csr_graph(g)
    h = nx.random_regular_graph(3, 40, seed=3)
    for i, (u, v) in enumerate(h.edges()):
        h.edges[u, v]["w"] = i % 3  # several slot labels: the multi-label path of the kernel
    yield as_csr_graph(h, edge_attr="w")


def _root_partition(g):
    r = _Refiner(g, "first")
    lab = np.argsort(g.node_labels, kind="stable").astype(np.int64)
    inv = np.empty_like(lab)
    inv[lab] = np.arange(lab.size)
    srt = g.node_labels[lab]
    starts = np.flatnonzero(np.diff(srt, prepend=-1)).astype(np.int64)
    lengths = np.diff(np.append(starts, g.n_nodes))
    cstart = np.repeat(starts, lengths).astype(np.int64)
    clen = np.zeros(g.n_nodes, dtype=np.int64)
    clen[starts] = lengths
    return r, lab, inv, cstart, clen, int(starts.size), starts


def _run(kernel, g, state, splitters, ref1=None, ref2=None, can_abort=False):
    r, lab, inv, cstart, clen, cells, _ = state
    lab, inv, cstart, clen = lab.copy(), inv.copy(), cstart.copy(), clen.copy()
    buf = np.zeros(2 * g.n_nodes + 2, dtype=np.int64)
    out = kernel(g.indptr, g.indices, g.slot_labels, lab, inv, cstart, clen, cells, splitters, r.multi, buf,
                 NO if ref1 is None else ref1, ref1 is not None, NO if ref2 is None else ref2, ref2 is not None,
                 can_abort)
    return out, lab, inv, cstart, clen, buf[:out[1]].copy()


@pytest.mark.kernel
@pytest.mark.parametrize("index", range(5))
def test_refine_kernel_agrees_with_python_twin(jit_mode, index):
    g = list(_graphs())[index]
    state = _root_partition(g)
    a = _run(jit_mode(ir_refine), g, state, state[-1])
    b = _run(ir_refine.py_func, g, state, state[-1])
    for x, y in zip(a[1:], b[1:]):
        assert np.array_equal(x, y)
    assert tuple(map(int, a[0])) == tuple(map(int, b[0]))
    # individualise the first node of the first non-singleton cell and refine again, both ways
    _, lab, inv, cstart, clen, _ = a
    c = int(jit_mode(ir_select_cell)(g.indptr, g.indices, lab, inv, cstart, clen, 0))
    assert c == int(ir_select_cell.py_func(g.indptr, g.indices, lab, inv, cstart, clen, 0))
    if c < 0:
        return
    for mode in (1, 2, 3):
        assert jit_mode(ir_select_cell)(g.indptr, g.indices, lab, inv, cstart, clen, mode) == \
            ir_select_cell.py_func(g.indptr, g.indices, lab, inv, cstart, clen, mode)
    length = int(clen[c])
    clen = clen.copy()
    cstart = cstart.copy()
    clen[c], clen[c + 1] = 1, length - 1
    cstart[c + 1:c + length] = c + 1
    child = (state[0], lab, inv, cstart, clen, int(a[0][0]) + 1, None)
    sp = np.array([c], dtype=np.int64)
    x = _run(jit_mode(ir_refine), g, child, sp)
    y = _run(ir_refine.py_func, g, child, sp)
    for u, v in zip(x[1:], y[1:]):
        assert np.array_equal(u, v)
    assert tuple(map(int, x[0])) == tuple(map(int, y[0]))


@pytest.mark.kernel
def test_early_abort_compares_traces_lexicographically(jit_mode):
    g = as_csr_graph(nx.gnp_random_graph(30, 0.2, seed=1))
    state = _root_partition(g)
    kernel = jit_mode(ir_refine)
    (_, tlen, _, _, _), *_, trace = _run(kernel, g, state, state[-1])
    # against itself: equal, never aborted
    (_, _, c1, c2, ab), *_ = _run(kernel, g, state, state[-1], trace, trace, True)
    assert (c1, c2, ab) == (0, 0, False)
    lower = trace.copy()
    lower[0] -= 1  # the reference is smaller: this node is greater than the best path, keep it
    (_, _, c1, c2, ab), *_ = _run(kernel, g, state, state[-1], None, lower, True)
    assert (c2, ab) == (1, False)
    higher = trace.copy()
    higher[0] += 1  # the reference is greater: the node cannot beat the best path, stop at once
    (_, n1, c1, c2, ab), *_ = _run(kernel, g, state, state[-1], None, higher, True)
    assert (c2, ab, n1) == (-1, True, 1)
    # equal to the first path keeps the node even when it is worse than the best path
    (_, _, c1, c2, ab), *_ = _run(kernel, g, state, state[-1], trace, higher, True)
    assert (c1, c2, ab) == (0, -1, False)
    # a proper prefix of the reference is smaller
    longer = np.append(trace, 5)
    (_, _, c1, _, ab), *_ = _run(kernel, g, state, state[-1], longer, None, False)
    assert c1 == -1 and not ab


def _search_graphs():
    yield nx.random_regular_graph(3, 24, seed=5)
    yield nx.petersen_graph()
    yield nx.convert_node_labels_to_integers(nx.cartesian_product(nx.complete_graph(4), nx.complete_graph(4)))
    yield nx.convert_node_labels_to_integers(cfi_graph(nx.complete_graph(4)))
    yield nx.gnp_random_graph(16, 0.3, seed=3, directed=True)
    g = nx.MultiGraph(nx.cycle_graph(12))
    g.add_edge(0, 1)
    g.add_edge(6, 7)
    yield g
    h = nx.random_regular_graph(3, 20, seed=3)
    for i, (u, v) in enumerate(h.edges()):
        h.edges[u, v]["w"] = i % 2
    yield h


@pytest.mark.kernel
@pytest.mark.parametrize("index", range(7))
def test_search_gives_the_same_answer_without_the_compiler(monkeypatch, index):
    """The whole search (ir_search and the kernels it calls) run as plain Python gives the same answer."""
    import mathref.combinatorics.wl.canonical as canonical

    graph = list(_search_graphs())[index]
    g = as_csr_graph(graph, edge_attr="w" if index == 6 else None)
    compiled = csr_canonical_labelling(g)
    monkeypatch.setattr(canonical, "_kernels", lambda n: python_kernels())
    plain = csr_canonical_labelling(g)
    assert np.array_equal(compiled.labelling, plain.labelling) and compiled.order == plain.order
    assert len(compiled.generators) == len(plain.generators)
    for a, b in zip(compiled.generators, plain.generators):
        assert np.array_equal(a, b)
        assert _is_automorphism(g, a)


@pytest.mark.kernel
def test_search_grows_its_arrays_and_resumes(monkeypatch):
    """Tiny slices (one node per call) and arrays that must grow give the same answer as one long call."""
    import mathref.combinatorics.wl.canonical as canonical

    g = as_csr_graph(nx.convert_node_labels_to_integers(nx.cartesian_product(nx.complete_graph(5),
                                                                             nx.complete_graph(5))))
    whole = csr_canonical_labelling(g)
    monkeypatch.setattr(canonical, "_FIRST_DEPTH_ROWS", 2)
    monkeypatch.setattr(canonical, "_FIRST_GENERATOR_ROWS", 1)
    monkeypatch.setattr(canonical, "_FIRST_SLICE", 1)
    budget = canonical._Budget(1000.0, None)
    budget.deadline = float("inf")  # a limit so the driver slices, but one that never runs out
    real = canonical._search_component
    r = real(g, budget, "connected")
    assert r.order == whole.order == 2 * 120 ** 2
    assert np.array_equal(r.labelling, whole.labelling)


@pytest.mark.kernel
def test_argsort_helper_is_stable():
    k = python_kernels()
    rng = np.random.default_rng(0)
    for size in (0, 1, 5, 17, 33, 100, 1000):
        keys = rng.integers(0, 7, size=size).astype(np.int64)
        out = np.empty(size, dtype=np.int64)
        k._argsort_into(keys, size, out, np.empty(size, dtype=np.int64))
        assert np.array_equal(out, np.argsort(keys, kind="stable"))
        assert np.array_equal(k._distinct_sorted(keys), np.unique(keys))


def _partition(t):
    if t is None:
        return None
    cls, kinds = t
    groups = {}
    for v, c in enumerate(cls.tolist()):
        groups.setdefault(c, []).append(v)
    return sorted((tuple(m), int(kinds[c])) for c, m in groups.items())


def _twin_graphs():
    for n, r, seed in ((10, 1, 0), (30, 0.5, 1), (200, 3, 2), (60, 1, 3)):
        yield nx.gnm_random_graph(n, int(n * r), seed=seed), None
    yield nx.complete_graph(7), None
    yield nx.star_graph(40), None
    yield nx.complete_bipartite_graph(3, 5), None
    yield nx.gnm_random_graph(20, 30, seed=1, directed=True), None
    mg = nx.MultiGraph(nx.path_graph(5))
    mg.add_edge(0, 1)
    yield mg, None
    loop = nx.Graph(nx.star_graph(4))
    loop.add_edge(1, 1)
    yield loop, None
    h = nx.star_graph(6)
    for i, (u, v) in enumerate(h.edges()):
        h.edges[u, v]["w"] = i % 2
    yield h, "w"


@pytest.mark.kernel
@pytest.mark.parametrize("index", range(11))
def test_twin_and_component_kernels_agree_with_exact_grouping(jit_mode, index):
    """Twin classes by hashed rows (compiled and Python) equal the exact grouping by rows; components too."""
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import connected_components

    import mathref.combinatorics.wl._search_kernels as K
    from mathref.combinatorics.wl.canonical import _components, _twin_classes, _twin_classes_exact

    graph, attr = list(_twin_graphs())[index]
    g = as_csr_graph(graph, edge_attr=attr)
    exact = _partition(_twin_classes_exact(g))
    for ns in (python_kernels(), K):
        assert _partition(_twin_classes(g, ns)) == exact
        k, comp = _components(g, ns)
        mat = csr_matrix((np.ones(g.indices.size), g.indices, g.indptr), shape=(g.n_nodes, g.n_nodes))
        k2, comp2 = connected_components(mat, directed=g.directed, connection="weak")
        assert k == k2
        pairs = set(zip(comp.tolist(), comp2.tolist()))
        assert len(pairs) == k  # the same partition into components
