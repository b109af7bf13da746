"""Canonical labelling and automorphism groups by individualisation-refinement (the nauty/bliss/Traces family).

Exact: a canonical labelling is a function of the labelled graph up to
isomorphism, so two graphs are isomorphic exactly when their canonical
certificates (the relabelled graph, label texts included) are equal; every
automorphism reported is certified by two leaves with equal certificates, and
the group order is an exact Python int.

The pipeline, each stage exact (McKay and Piperno, "Practical graph
isomorphism II", J. Symbolic Comput. 60, 2014, describe the method; Junttila
and Kaski, "Engineering an efficient canonical labeling tool for large and
sparse graphs", ALENEX 2007, the bliss variant):

1. *Twins.*  Nodes with equal labels and equal open neighbourhoods (false
   twins) or, in undirected graphs with one edge label, equal closed
   neighbourhoods (true twins) can be permuted freely.  Each class is
   replaced by one representative carrying (label, kind, class size); the
   group order gains the factor ``size!``.  This makes edgeless, complete,
   star and complete bipartite graphs instant at any size.
2. *Components.*  The quotient is split into connected components (weakly, for
   digraphs); each is labelled on its own, identical components are treated as
   one (order ``|Aut(C)|**k * k!``, generators swapping whole components).
3. *Search* of one component: equitable refinement (1-WL with canonical colour
   numbers), a target cell chosen by a heuristic, depth-first individualisation
   of its members.  Pruning: (a) by the trace of refinement (cell counts)
   compared with the first and the best path, (b) by orbits of the automorphisms
   found so far that fix the current prefix pointwise, (c) a back-jump to the
   first or best path after each automorphism.  The canonical leaf is the one
   with the greatest (trace sequence, certificate).

Every search takes ``time_limit`` (seconds) and ``node_limit`` (search-tree
nodes) and raises :class:`~mathref.errors.ConvergenceError` carrying what it
found when one runs out; the clock is checked before every refinement.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from mathref.errors import ConvergenceError, InvalidArgumentError, InvalidTypeError
from mathref.jit import JIT_ENABLED, LazyKernel
from mathref.validation import check_fields

from .csr import CSRGraph, as_csr_graph, require_csr

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "CELL_SELECTORS",
    "AutomorphismGroup",
    "CanonicalLabelling",
    "canonical_labelling",
    "canonical_form",
    "automorphism_group",
    "csr_canonical_labelling",
    "CSRCanonical",
]

#: Target-cell heuristics: the first non-singleton cell, the largest, the smallest, or the cell
#: non-trivially joined to the most other cells (bliss's "maximally non-trivially connected").
CELL_SELECTORS = ("first", "largest", "smallest", "connected")

_DEFAULT_TIME_LIMIT = 60.0
_DEFAULT_NODE_LIMIT = 1_000_000


class _LimitReached(Exception):
    """Internal: the search ran out of time or nodes (args: reason, nodes visited, generators found)."""


class _Budget:
    """Shared search budget: a deadline and a node count, checked before every refinement."""

    def __init__(self, time_limit: float | None, node_limit: int | None) -> None:
        self.t0 = time.perf_counter()
        self.deadline = None if time_limit is None else self.t0 + time_limit
        self.node_limit = node_limit
        self.nodes = 0
        self.generators = 0
        self.kernels = None  # the search kernels for this call (compiled or Python), chosen once per call

    def tick(self):
        self.nodes += 1
        if self.node_limit is not None and self.nodes > self.node_limit:
            raise _LimitReached("node_limit")
        if self.deadline is not None and time.perf_counter() > self.deadline:
            raise _LimitReached("time_limit")

    def check_time(self):
        if self.deadline is not None and time.perf_counter() > self.deadline:
            raise _LimitReached("time_limit")


def check_limits(time_limit: float | None, node_limit: int | None) -> tuple[float | None, int | None]:
    """Validate ``time_limit`` (positive seconds or None) and ``node_limit`` (positive int or None).

    Examples
    --------
    >>> check_limits(1, None)
    (1.0, None)
    """
    if time_limit is not None:
        if isinstance(time_limit, bool) or not isinstance(time_limit, (int, float)) or not time_limit > 0 \
                or time_limit != time_limit:
            raise InvalidArgumentError(f"time_limit={time_limit!r} must be a positive number of seconds or None")
        time_limit = float(time_limit)
    if node_limit is not None:
        if isinstance(node_limit, bool) or not isinstance(node_limit, (int, np.integer)) or node_limit < 1:
            raise InvalidArgumentError(f"node_limit={node_limit!r} must be a positive integer or None")
        node_limit = int(node_limit)
    return time_limit, node_limit


# ---------------------------------------------------------------------------
# certificates and permutations
# ---------------------------------------------------------------------------


def _certificate(g: CSRGraph, lab: np.ndarray) -> bytes:
    """The graph relabelled by ``lab`` (node -> position) as bytes: node labels by position, sorted slot codes.

    Big-endian non-negative int64, so comparing the bytes compares the arrays lexicographically.
    """
    n = g.n_nodes
    inv = np.empty(n, dtype=np.int64)
    inv[lab] = np.arange(n, dtype=np.int64)
    nl = g.node_labels[inv]
    rows = np.repeat(lab, (g.indptr[1:] - g.indptr[:-1]))
    cols = lab[g.indices]
    s = g.slot_labels
    smax = int(s.max()) + 1 if s.size else 1
    if n * n * smax < (1 << 62):
        codes = np.sort((rows * n + cols) * smax + s)
        body = codes.astype(">i8").tobytes()
    else:  # pragma: no cover - needs n ~ 1e9
        o = np.lexsort((s, cols, rows))
        body = np.stack((rows[o], cols[o], s[o])).astype(">i8").tobytes()
    return nl.astype(">i8").tobytes() + body


def _inverse(p: np.ndarray) -> np.ndarray:
    inv = np.empty_like(p)
    inv[p] = np.arange(p.shape[0], dtype=p.dtype)
    return inv


def _is_automorphism(g: CSRGraph, perm: np.ndarray) -> bool:
    """Check a permutation edge by edge (labels and slot labels included)."""
    if not np.array_equal(g.node_labels, g.node_labels[perm]):
        return False
    return _certificate(g, perm) == _certificate(g, np.arange(g.n_nodes, dtype=np.int64))


def _orbit_ids(n: int, generators) -> np.ndarray:
    """Orbit index of every node (orbits numbered by their smallest node) under the generated group."""
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    if not generators:
        return np.arange(n, dtype=np.int64)
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    src = np.concatenate([np.arange(n, dtype=np.int64)] * len(generators))
    dst = np.concatenate(list(generators))
    mat = coo_matrix((np.ones(src.size, dtype=np.int8), (src, dst)), shape=(n, n)).tocsr()
    _, comp = connected_components(mat, directed=True, connection="weak")
    # renumber by smallest member
    first = np.full(comp.max() + 1, n, dtype=np.int64)
    np.minimum.at(first, comp, np.arange(n, dtype=np.int64))
    order = np.argsort(first)
    rank = np.empty_like(order)
    rank[order] = np.arange(order.size)
    return rank[comp].astype(np.int64)


class _Refiner:
    """Equitable refinement of ordered partitions of one graph (the Numba kernel ``ir_refine``): the root only.

    The search itself runs in :func:`._search_kernels.ir_search`; this class
    gives the tests (and the search's set-up) the root partition.
    """

    def __init__(self, g: CSRGraph, selector: str) -> None:
        self.g = g
        self.n = g.n_nodes
        self.multi = bool(g.slot_labels.size and np.any(g.slot_labels != g.slot_labels[0]))
        self.mode = _SELECTOR_CODE[selector]


def _root_partition(g: CSRGraph, kernels=None, out: np.ndarray | None = None, cleared: bool = False):
    """The ordered partition by node label (nauty's lab, inv, cstart, clen), its cell count and cell starts.

    Node labels are dense ranks (label codes or quotient labels), so the kernel ``ir_root_partition``
    orders the nodes by a stable counting sort; labels spread wider than that take numpy's sort.
    ``out`` (shape ``(4, n)``, C order) receives lab, inv, cstart, clen in its rows: the search's level-0
    slot, so that a small graph's call spends no allocation and copy on them (``cleared``: it is zeroed).
    """
    n = g.n_nodes
    nl = g.node_labels
    if out is None:
        out = np.empty((4, n), dtype=np.int64)
    lab, inv, cstart, clen = out
    if not cleared:
        clen[:] = 0
    starts = np.empty(n, dtype=np.int64)
    K = kernels or _kernels(n)
    n_cells = int(K.ir_root_partition(nl, lab, inv, cstart, clen, starts))
    if n_cells < 0:  # labels too spread for a counting sort
        lab[:] = np.argsort(nl, kind="stable")
        inv[:] = _inverse(lab)
        sorted_labels = nl[lab]
        starts = np.flatnonzero(np.diff(sorted_labels, prepend=-1)).astype(np.int64)
        lengths = np.diff(np.append(starts, n))
        cstart[:] = np.repeat(starts, lengths)
        clen[starts] = lengths
        return lab, inv, cstart, clen, int(starts.size), starts
    return lab, inv, cstart, clen, n_cells, starts[:n_cells]


_SELECTOR_CODE = {"first": 0, "largest": 1, "smallest": 2, "connected": 3}

#: Below this many nodes the search runs as plain Python unless the compiled kernel is already loaded: a
#: handful of tiny graphs (the README tour's) do not pay seconds of cold compilation.
_COMPILE_FROM = 12
_NO_LIMIT = 1 << 62
#: Graphs (and quotients, and components) this small skip the twin and component stages.
_DIRECT_SEARCH_UP_TO = 16
# initial search-array sizes and slice length (the driver grows them; the tests shrink them to reach every path)
_FIRST_DEPTH_ROWS = 8
_FIRST_GENERATOR_ROWS = 16
_FIRST_SLICE = 16


_KC = None


def _search_kernels_module():
    """The module ``_search_kernels`` (imported on first use, then kept: an import statement per call costs)."""
    global _KC
    if _KC is None:
        from . import _search_kernels

        _KC = _search_kernels
    return _KC


def _kernels(n: int):
    """The namespace whose ``ir_search`` / ``ir_orbit_sizes`` to call: compiled, or the plain-Python twin."""
    K = _search_kernels_module()
    if not JIT_ENABLED or n >= _COMPILE_FROM or not isinstance(K.ir_search, LazyKernel):
        return K
    return K.python_kernels()


class _SearchResult:
    __slots__ = ("labelling", "generators", "order", "nodes")

    def __init__(self, labelling: np.ndarray, generators: list[np.ndarray] | tuple[np.ndarray, ...], order: int,
                 nodes) -> None:
        self.labelling = labelling
        self.generators = generators
        self.order = order
        self.nodes = nodes


def _grow(a: np.ndarray, rows: int) -> np.ndarray:
    """``a`` with its first axis enlarged to ``rows`` (contents kept)."""
    b = np.empty((rows,) + a.shape[1:], dtype=a.dtype)
    b[:a.shape[0]] = a
    return b


def _search_component(g: CSRGraph, budget: _Budget, selector: str, kernels=None) -> _SearchResult:
    """Canonical labelling (node -> position), automorphism generators and group order of one graph.

    Runs :func:`._search_kernels.ir_search` in slices of search nodes, reading
    the clock between slices (the slice grows while it stays well inside the
    time limit) and growing the level and generator arrays when the kernel
    asks for room.
    """
    KC = _search_kernels_module()
    K = kernels or budget.kernels or _kernels(g.n_nodes)
    n = g.n_nodes
    # one min and one max give both "several slot labels" and the slot-label bound (fewer numpy calls:
    # on a 10-node graph the Python set-up around the kernel costs as much as the search itself)
    sl = g.slot_labels
    m = int(sl.shape[0])
    if 0 < m <= 256:  # Python's min/max over a short list beat two numpy reductions
        t = sl.tolist()
        smax = max(t) + 1
        multi = min(t) + 1 != smax
    elif m:
        smax = int(sl.max()) + 1
        multi = int(sl.min()) + 1 != smax
    else:
        smax, multi = 1, False
    mode = _SELECTOR_CODE[selector]
    cap = min(n + 1, _FIRST_DEPTH_ROWS)
    # small graphs: one zeroed block (level 0's clen outside cell starts must be 0); large ones clear just that row
    small = n <= 64
    part = (np.zeros if small else np.empty)((cap, 4, n), dtype=np.int64)
    n_cells, starts = _root_partition(g, K, part[0], cleared=small)[4:]
    lv = np.zeros((cap, KC.N_LV), dtype=np.int64)
    lv[0, KC.LV_CELLS] = n_cells
    # same-shape work arrays as the C-contiguous rows of one allocation each
    cm, uf, ex = np.empty((3, cap, n), dtype=np.int64)
    tl = 2 * n + 2
    tr, ftr, btr = np.empty((3, cap, tl), dtype=np.int64)
    cert = np.empty((3, 2 * n + m), dtype=np.int64)
    leaf_inv = np.empty((3, n + 1), dtype=np.int64)
    gens = np.empty((min(n, _FIRST_GENERATOR_ROWS), n), dtype=np.int64)
    sc = np.zeros(KC.N_SC, dtype=np.int64)
    indeg = np.bincount(g.indices, minlength=n).astype(np.int64, copy=False)
    # the root's cell starts (a contiguous array of their own; the kernel wants at least one entry)
    splitters = starts if starts.size else np.zeros(1, dtype=np.int64)
    used = budget.nodes  # nodes spent on earlier components; the kernel counts this one's root as its first
    limit = _NO_LIMIT if budget.node_limit is None else min(budget.node_limit - used, _NO_LIMIT)
    if budget.deadline is None:
        chunk, target = _NO_LIMIT, None
    else:
        # short limits start with short slices (16 nodes), long ones with 256 (fewer kernel calls)
        chunk = _FIRST_SLICE if budget.deadline - budget.t0 < 1.0 else 16 * _FIRST_SLICE
        target = max(min(0.05, 0.02 * (budget.deadline - budget.t0)), 2e-4)
    while True:
        t = time.perf_counter()
        status = K.ir_search(g.indptr, g.indices, g.slot_labels, g.node_labels, multi, mode, smax, indeg,
                             splitters, part, lv, cm, uf, ex, tr, ftr, btr, cert, leaf_inv, gens, sc, chunk, limit)
        budget.nodes = used + int(sc[KC.SC_NODES])
        budget.generators = int(sc[KC.SC_GENS])
        if status == KC.ST_DONE:
            break
        if status == KC.ST_NODE_LIMIT:
            raise _LimitReached("node_limit")
        if status == KC.ST_GROW_DEPTH:
            cap = min(2 * cap, n + 1)
            part, lv, cm, uf, ex = (_grow(a, cap) for a in (part, lv, cm, uf, ex))
            tr, ftr, btr = (_grow(a, cap) for a in (tr, ftr, btr))
        elif status == KC.ST_GROW_GENS:
            gens = _grow(gens, 2 * gens.shape[0])
        now = time.perf_counter()
        budget.check_time()
        if target is not None and status == KC.ST_PAUSED:
            dt = now - t
            if dt < target / 4 and chunk < (1 << 40):
                chunk *= 2
            elif dt > target and chunk > 1:
                chunk //= 2
    n_gens = int(sc[KC.SC_GENS])
    gen_list = list(gens[:n_gens])  # rows of this call's own array: no copies needed
    order = 1
    if n_gens:
        fd = int(sc[KC.SC_FIRST_DEPTH])
        sizes = np.empty(max(fd, 1), dtype=np.int64)
        sizes.fill(1)
        K.ir_orbit_sizes(lv, fd, gens, n_gens, np.empty(n, dtype=np.int64), sizes)
        for s in sizes[:fd].tolist():
            order *= int(s)
    return _SearchResult(leaf_inv[1, :n].copy(), gen_list, order, budget.nodes)


# ---------------------------------------------------------------------------
# stages 1 and 2: twins and components
# ---------------------------------------------------------------------------


def _sub_csr(g: CSRGraph, members: np.ndarray, labels: np.ndarray) -> CSRGraph:
    """The subgraph induced by ``members`` (whose rows only reach ``members``), nodes renumbered in that order."""
    n = g.n_nodes
    local = np.full(n, -1, dtype=np.int64)
    local[members] = np.arange(members.size, dtype=np.int64)
    deg = (g.indptr[1:] - g.indptr[:-1])[members]
    indptr = np.zeros(members.size + 1, dtype=np.int64)
    np.cumsum(deg, out=indptr[1:])
    starts = g.indptr[members]
    total = int(indptr[-1])
    idx = np.arange(total, dtype=np.int64) + np.repeat(starts - indptr[:-1], deg)
    return CSRGraph(indptr, local[g.indices[idx]], g.slot_labels[idx].copy(), labels, g.directed)


def _twin_classes(g: CSRGraph, kernels=None):
    """Classes of false twins (equal labels and open neighbourhoods) and true twins, or None if there are none.

    Returns (class id per node, kind per class: 1 false, 2 true, 0 singleton).  Found by the kernel
    ``ir_twin_classes`` (rows grouped by a multiset hash, every class confirmed by comparing sorted
    rows); a hash collision, never seen, falls back to :func:`_twin_classes_exact`.
    """
    K = kernels or _kernels(g.n_nodes)
    n = g.n_nodes
    sl = g.slot_labels
    smax = int(sl.max()) + 1 if sl.size else 1
    uniform = (not g.directed) and sl.size > 0 and bool(sl[0] == sl[-1] and np.all(sl == sl[0]))
    cls = np.empty(n, dtype=np.int64)
    kind = np.zeros(n, dtype=np.int64)
    n_cls, collision = K.ir_twin_classes(g.indptr, g.indices, sl, g.node_labels, smax, uniform, cls, kind)
    if collision:  # pragma: no cover - a 2**-62 event
        return _twin_classes_exact(g)
    if n_cls == 0:
        return None
    single = cls < 0
    cls[single] = n_cls + np.arange(int(np.count_nonzero(single)), dtype=np.int64)
    kinds = np.zeros(n_cls + int(np.count_nonzero(single)), dtype=np.int64)
    kinds[:n_cls] = kind[:n_cls]
    return cls, kinds


def _twin_classes_exact(g: CSRGraph):
    """Classes of false twins (equal labels and open neighbourhoods) and true twins, or None if there are none.

    Returns (class id per node, kind per class: 1 false, 2 true, 0 singleton).
    """
    n = g.n_nodes
    ip, ind, sl = g.indptr, g.indices, g.slot_labels
    deg = (ip[1:] - ip[:-1])
    rows = np.repeat(np.arange(n, dtype=np.int64), deg)
    nbr = np.where(ind == rows, -1, ind)  # a self-loop stays with its node under a swap
    smax = int(sl.max()) + 1 if sl.size else 1
    code = (nbr + 1) * smax + sl
    order = np.lexsort((code, rows))
    code = code[order]
    keys: dict = {}
    cls = np.empty(n, dtype=np.int64)
    kinds = []
    nl = g.node_labels
    ipl = ip.tolist()
    for v in range(n):
        key = (int(nl[v]), code[ipl[v]:ipl[v + 1]].tobytes())
        c = keys.get(key)
        if c is None:
            c = keys[key] = len(kinds)
            kinds.append(0)
        else:
            kinds[c] = 1
        cls[v] = c
    uniform = (not g.directed) and sl.size > 0 and bool(np.all(sl == sl[0]))
    if uniform:
        # true twins: equal closed neighbourhoods, among nodes that are not false twins
        single = np.asarray(kinds, dtype=np.int64)[cls] == 0
        if np.any(single):
            closed = np.concatenate((ind, np.arange(n, dtype=np.int64)))
            crow = np.concatenate((rows, np.arange(n, dtype=np.int64)))
            o2 = np.lexsort((closed, crow))
            closed = closed[o2]
            cip = np.zeros(n + 1, dtype=np.int64)
            np.cumsum(deg + 1, out=cip[1:])
            cipl = cip.tolist()
            tkeys: dict = {}
            for v in np.flatnonzero(single).tolist():
                key = (int(nl[v]), closed[cipl[v]:cipl[v + 1]].tobytes())
                first = tkeys.get(key)
                if first is None:
                    tkeys[key] = v
                else:
                    c = cls[first]
                    kinds[c] = 2
                    cls[v] = c
    kinds = np.asarray(kinds, dtype=np.int64)
    if np.all(kinds == 0):
        return None
    # true twins left their own (now empty) classes: number the classes present densely
    used, cls = np.unique(cls, return_inverse=True)
    return cls.ravel().astype(np.int64), kinds[used]


def _quotient(g: CSRGraph, cls, kinds):
    """One representative per twin class, labelled (label, kind, size).

    Returns (quotient, class of each quotient node, members sorted by class then index, class offsets
    into them).
    """
    n = g.n_nodes
    n_cls = kinds.shape[0]
    sizes = np.bincount(cls, minlength=n_cls)
    # members of each class, representative (smallest index) first
    order = np.argsort(cls, kind="stable").astype(np.int64)
    off = np.zeros(n_cls + 1, dtype=np.int64)
    np.cumsum(sizes, out=off[1:])
    reps_sorted = np.sort(order[off[:-1]])
    keep = np.zeros(n, dtype=bool)
    keep[reps_sorted] = True
    rows = np.repeat(np.arange(n, dtype=np.int64), (g.indptr[1:] - g.indptr[:-1]))
    sel = keep[rows] & keep[g.indices]
    local = np.full(n, -1, dtype=np.int64)
    local[reps_sorted] = np.arange(reps_sorted.size, dtype=np.int64)
    cl = cls[reps_sorted]
    # new labels: ranks of (label, kind, size) triples, by one lexsort (np.unique(axis=0) is far slower)
    a, b, c = g.node_labels[reps_sorted], kinds[cl], sizes[cl]
    o3 = np.lexsort((c, b, a))
    new = np.ones(o3.size, dtype=bool)
    if o3.size > 1:
        a3, b3, c3 = a[o3], b[o3], c[o3]
        new[1:] = (a3[1:] != a3[:-1]) | (b3[1:] != b3[:-1]) | (c3[1:] != c3[:-1])
    qlabels = np.empty(o3.size, dtype=np.int64)
    qlabels[o3] = np.cumsum(new) - 1
    qr, qc, qs = local[rows[sel]], local[g.indices[sel]], g.slot_labels[sel]
    o = np.argsort(qr, kind="stable")
    indptr = np.zeros(reps_sorted.size + 1, dtype=np.int64)
    np.cumsum(np.bincount(qr, minlength=reps_sorted.size), out=indptr[1:])
    q = CSRGraph(indptr, qc[o].astype(np.int64), qs[o].astype(np.int64), qlabels, g.directed)
    return q, cl.astype(np.int64), order, off


def _expand_twins(g: CSRGraph, cls, kinds, q, cl, order, off, qlab, qgens, qorder):
    """Labelling, generators and order of ``g`` from those of its twin quotient ``q``.

    Quotient nodes in canonical order, each followed by the rest of its class; every quotient
    generator lifts class by class (it maps classes to classes of equal size, keeping the position
    inside the class); each class of size s adds a transposition and an s-cycle, and the factor s!.
    """
    n = g.n_nodes
    sizes = (off[1:] - off[:-1])
    qinv = _inverse(qlab)
    seq_cls = cl[qinv]
    lengths = sizes[seq_cls]
    ends = np.cumsum(lengths)
    idx = np.arange(n, dtype=np.int64) + np.repeat(off[seq_cls] - (ends - lengths), lengths)
    lab = _inverse(order[idx])
    pos = np.empty(n, dtype=np.int64)
    pos[order] = np.arange(n, dtype=np.int64) - np.repeat(off[:-1], sizes)
    qnode_of_class = np.empty(kinds.shape[0], dtype=np.int64)
    qnode_of_class[cl] = np.arange(cl.size, dtype=np.int64)
    qv = qnode_of_class[cls]
    gens = [order[off[cl[np.asarray(qg, dtype=np.int64)[qv]]] + pos] for qg in qgens]
    order_g = qorder
    ident = np.arange(n, dtype=np.int64)
    for c in np.flatnonzero(sizes > 1).tolist():
        mem = order[off[c]:off[c + 1]]
        s = mem.size
        order_g *= math.factorial(s)
        t = ident.copy()
        t[mem[0]], t[mem[1]] = mem[1], mem[0]
        gens.append(t)
        if s > 2:
            cyc = ident.copy()
            cyc[mem] = np.roll(mem, -1)
            gens.append(cyc)
    return lab, gens, order_g


def _components(g: CSRGraph, kernels=None):
    """(number of weakly connected components, component of each node numbered by first node)."""
    K = kernels or _kernels(g.n_nodes)
    comp = np.empty(g.n_nodes, dtype=np.int64)
    k = int(K.ir_components(g.indptr, g.indices, comp))
    return k, comp


class CSRCanonical:
    """Canonical labelling of a CSR graph: ``labelling[v]`` = position of node v; generators; exact order.

    Compares by value (labelling, generators, order, search nodes), pickles and deep-copies.

    Examples
    --------
    >>> import copy, pickle
    >>> import networkx as nx
    >>> r = csr_canonical_labelling(as_csr_graph(nx.cycle_graph(4)))
    >>> r == pickle.loads(pickle.dumps(r)) == copy.deepcopy(r), r.order
    (True, 8)
    """

    __slots__ = ("labelling", "generators", "order", "search_nodes")

    def __init__(self, labelling: np.ndarray, generators: list[np.ndarray] | tuple[np.ndarray, ...], order: int,
                 search_nodes: int) -> None:
        if not isinstance(labelling, np.ndarray) or not isinstance(generators, (list, tuple)):
            raise InvalidTypeError("CSRCanonical takes a labelling array and a list of generator arrays")
        if isinstance(order, bool) or not isinstance(order, int) or isinstance(search_nodes, bool) \
                or not isinstance(search_nodes, int):
            raise InvalidTypeError(f"CSRCanonical order={order!r} and search_nodes={search_nodes!r} must be ints")
        if not all(isinstance(x, np.ndarray) for x in generators):
            raise InvalidTypeError("CSRCanonical generators must be numpy arrays")
        self.labelling = labelling
        self.generators = generators
        self.order = order
        self.search_nodes = search_nodes

    @classmethod
    def _trusted(cls, labelling: np.ndarray, generators: list[np.ndarray], order: int,
                 search_nodes: int) -> CSRCanonical:
        # internal constructor for values the search built (already of the right types): skips the checks
        self = object.__new__(cls)
        self.labelling = labelling
        self.generators = generators
        self.order = order
        self.search_nodes = search_nodes
        return self

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CSRCanonical):
            return NotImplemented
        return (self.order == other.order and self.search_nodes == other.search_nodes
                and np.array_equal(self.labelling, other.labelling)
                and len(self.generators) == len(other.generators)
                and all(np.array_equal(a, b) for a, b in zip(self.generators, other.generators)))

    __hash__ = None

    def __repr__(self) -> str:
        return (f"CSRCanonical(n={self.labelling.size}, order={self.order}, generators={len(self.generators)}, "
                f"search_nodes={self.search_nodes})")


def _canon(g: CSRGraph, budget: _Budget, selector: str, depth: int = 0) -> tuple:
    """(labelling, generators, order) of a CSR graph through twins, components and search."""
    n = g.n_nodes
    if n == 0:
        return np.zeros(0, dtype=np.int64), [], 1
    if n == 1:
        return np.zeros(1, dtype=np.int64), [], 1
    budget.check_time()
    if n <= _DIRECT_SEARCH_UP_TO:
        # tiny graphs: the search (orbit pruning handles twins and identical components in a few nodes)
        # costs less than the numpy set-up of the twin quotient and the component split
        r = _search_component(g, budget, selector)
        return r.labelling, r.generators, r.order
    twins = _twin_classes(g, budget.kernels) if depth < 64 else None
    if twins is not None:
        cls, kinds = twins
        q, cl, order, off = _quotient(g, cls, kinds)
        qlab, qgens, qorder = _canon(q, budget, selector, depth + 1)
        return _expand_twins(g, cls, kinds, q, cl, order, off, qlab, qgens, qorder)
    k, comp = _components(g, budget.kernels)
    if k == 1:
        r = _search_component(g, budget, selector)
        return r.labelling, r.generators, r.order
    # label every component on its own, then group identical ones (equal certificates)
    order_nodes = np.argsort(comp, kind="stable")
    sizes = np.bincount(comp, minlength=k)
    groups = np.split(order_nodes, np.cumsum(sizes)[:-1])
    parts = []
    # components whose sub-CSR arrays are identical (copies numbered alike, as a disjoint union builds them)
    # get identical results from the deterministic search: label the first, reuse it for the others
    seen: dict = {}
    for members in groups:
        sub = _sub_csr(g, members, g.node_labels[members])
        key = (sub.indptr.tobytes(), sub.indices.tobytes(), sub.slot_labels.tobytes(), sub.node_labels.tobytes())
        done = seen.get(key)
        if done is None:
            lab, gens, order = _canon(sub, budget, selector, depth)
            cert = (members.size, _certificate(sub, lab))
            seen[key] = done = (cert, lab, gens, order)
        cert, lab, gens, order = done
        parts.append((cert, members, lab, gens, order))
    parts.sort(key=lambda p: p[0])
    seq = []
    gens_all = []
    order_all = 1
    ident = np.arange(n, dtype=np.int64)
    i = 0
    while i < len(parts):
        j = i
        while j < len(parts) and parts[j][0] == parts[i][0]:
            j += 1
        block = parts[i:j]
        cert, members, lab, gens, order = block[0]
        mult = j - i
        order_all *= order ** mult * math.factorial(mult)
        for gen in gens:  # the generators of one copy suffice: the swaps conjugate them to the others
            full = ident.copy()
            full[members] = members[gen]
            gens_all.append(full)
        # each copy in canonical order: node at position p of copy a <-> node at position p of copy b
        in_order = [m[_inverse(lb)] for _, m, lb, _, _ in block]
        for m in in_order:
            seq.append(m)
        if mult > 1:
            t = ident.copy()
            t[in_order[0]], t[in_order[1]] = in_order[1], in_order[0]
            gens_all.append(t)
            if mult > 2:
                cyc = ident.copy()
                for a in range(mult):
                    cyc[in_order[a]] = in_order[(a + 1) % mult]
                gens_all.append(cyc)
        i = j
    lab_all = _inverse(np.concatenate(seq))
    return lab_all, gens_all, order_all


def csr_canonical_labelling(g: CSRGraph, *, time_limit: float | None = _DEFAULT_TIME_LIMIT,
                            node_limit: int | None = _DEFAULT_NODE_LIMIT,
                            cell_selector: str = "connected") -> CSRCanonical:
    """Canonical labelling, automorphism generators and exact group order of a :class:`~.csr.CSRGraph`.

    Raises :class:`~mathref.errors.ConvergenceError` when ``time_limit`` or
    ``node_limit`` runs out (diagnostics: reason, search nodes, generators found).

    Examples
    --------
    >>> import networkx as nx
    >>> r = csr_canonical_labelling(as_csr_graph(nx.cycle_graph(5)))
    >>> r.order, sorted(r.labelling.tolist())
    (10, [0, 1, 2, 3, 4])
    """
    require_csr(g, "g")
    if time_limit is not _DEFAULT_TIME_LIMIT or node_limit is not _DEFAULT_NODE_LIMIT:  # the defaults are valid
        time_limit, node_limit = check_limits(time_limit, node_limit)
    if not isinstance(cell_selector, str) or cell_selector not in CELL_SELECTORS:
        raise InvalidArgumentError(f"cell_selector={cell_selector!r} must be one of {CELL_SELECTORS}")
    budget = _Budget(time_limit, node_limit)
    budget.kernels = _kernels(g.n_nodes)
    try:
        lab, gens, order = _canon(g, budget, cell_selector)
    except _LimitReached as exc:
        reason = exc.args[0]
        limit = time_limit if reason == "time_limit" else node_limit
        raise ConvergenceError(
            f"canonical labelling stopped: {reason}={limit} reached after {budget.nodes} search nodes and "
            f"{time.perf_counter() - budget.t0:.3g} s on a {g.n_nodes}-node graph ({budget.generators} "
            "automorphisms found in the component being searched); the answer is undecided",
            diagnostics={"reason": reason, "search_nodes": budget.nodes, "generators_found": budget.generators,
                         "elapsed": time.perf_counter() - budget.t0, "n_nodes": g.n_nodes},
        ) from None
    return CSRCanonical._trusted(lab, gens, order, budget.nodes)


# ---------------------------------------------------------------------------
# public results and functions
# ---------------------------------------------------------------------------


def _frozen(a):
    a = np.array(a, dtype=np.int64, copy=True)
    a.setflags(write=False)
    return a


@dataclass(frozen=True, eq=False)
class AutomorphismGroup:
    """The automorphism group of a labelled graph, by generators (result of :func:`automorphism_group`).

    Attributes
    ----------
    order : int
        Exact group order.
    generators : tuple of numpy.ndarray
        Permutations of node *indices* (in the graph's node order): node ``i``
        goes to ``generators[j][i]``.  They generate the group (not
        necessarily minimally).
    orbit_ids : numpy.ndarray
        Orbit of every node, orbits numbered by their first node.
    nodes : tuple
        Node names of a networkx input (indices for a CSR graph).
    search_nodes : int
        Nodes of the search tree visited.
    elapsed : float

    Examples
    --------
    >>> import networkx as nx
    >>> a = automorphism_group(nx.petersen_graph())
    >>> a.order, a.n_orbits
    (120, 1)
    """

    order: int
    generators: tuple
    orbit_ids: np.ndarray
    nodes: tuple
    search_nodes: int
    elapsed: float

    def __post_init__(self) -> None:
        check_fields(self)  # a constructor given garbage raises at once

    @property
    def n_orbits(self) -> int:
        return int(self.orbit_ids.max()) + 1 if self.orbit_ids.size else 0

    @property
    def orbits(self) -> list:
        """Orbits as lists of node names, in order of their first node.

        Examples
        --------
        >>> import networkx as nx
        >>> automorphism_group(nx.path_graph(3)).orbits
        [[0, 2], [1]]
        """
        out = [[] for _ in range(self.n_orbits)]
        for u, o in zip(self.nodes, self.orbit_ids.tolist()):
            out[o].append(u)
        return out

    def generator_dicts(self) -> list:
        """Generators as dicts node -> image (moved nodes only).

        Examples
        --------
        >>> import networkx as nx
        >>> automorphism_group(nx.path_graph(3)).generator_dicts()
        [{0: 2, 2: 0}]
        """
        names = self.nodes
        return [{names[i]: names[j] for i, j in enumerate(g.tolist()) if i != j} for g in self.generators]

    def __eq__(self, other):
        if not isinstance(other, AutomorphismGroup):
            return NotImplemented
        return (self.order == other.order and self.nodes == other.nodes
                and len(self.generators) == len(other.generators)
                and all(np.array_equal(a, b) for a, b in zip(self.generators, other.generators))
                and np.array_equal(self.orbit_ids, other.orbit_ids) and self.search_nodes == other.search_nodes
                and self.elapsed == other.elapsed)

    __hash__ = None


@dataclass(frozen=True, eq=False)
class CanonicalLabelling:
    """Result of :func:`canonical_labelling`.

    Attributes
    ----------
    labelling : dict
        Node -> canonical position 0..n-1.
    certificate : bytes
        The canonically relabelled graph with its label texts: equal for two
        graphs exactly when they are isomorphic (same ``node_attr`` /
        ``edge_attr`` labels, same directedness).  Hashable; not meant to be
        read.
    group : AutomorphismGroup
        The automorphism group found on the way.
    search_nodes : int
    elapsed : float

    Examples
    --------
    >>> import networkx as nx
    >>> a = canonical_labelling(nx.path_graph(4))
    >>> b = canonical_labelling(nx.path_graph(["x", "y", "z", "w"]))
    >>> a.certificate == b.certificate, a.group.order
    (True, 2)
    """

    labelling: dict
    certificate: bytes
    group: AutomorphismGroup
    search_nodes: int
    elapsed: float

    def __post_init__(self) -> None:
        check_fields(self)  # a constructor given garbage raises at once

    def __eq__(self, other):
        if not isinstance(other, CanonicalLabelling):
            return NotImplemented
        return (self.labelling == other.labelling and self.certificate == other.certificate
                and self.group == other.group and self.search_nodes == other.search_nodes
                and self.elapsed == other.elapsed)

    __hash__ = None


def _full_certificate(g: CSRGraph, lab: np.ndarray) -> bytes:
    """Certificate comparable across graphs: directedness, sizes and label texts, then the relabelled arrays."""
    head = "\x00".join(("mathref-canonical/1", "directed" if g.directed else "undirected", str(g.n_nodes),
                        str(g.indices.size), "\x01".join(g.node_vocabulary), "\x01".join(g.edge_vocabulary)))
    hb = head.encode("utf-8")
    return len(hb).to_bytes(8, "little") + hb + _certificate(g, lab)


def _labelled(graph, node_attr, edge_attr):
    g = as_csr_graph(graph, node_attr=node_attr, edge_attr=edge_attr)
    names = g.nodes if g.nodes is not None else tuple(range(g.n_nodes))
    return g, names


def _group_of(g, names, res, t0):
    gens = tuple(_frozen(x) for x in res.generators)
    return AutomorphismGroup(int(res.order), gens, _frozen(_orbit_ids(g.n_nodes, res.generators)), tuple(names),
                             res.search_nodes, time.perf_counter() - t0)


def canonical_labelling(graph: nx.Graph | CSRGraph, *, node_attr: str | None = None, edge_attr: str | None = None,
                        time_limit: float | None = _DEFAULT_TIME_LIMIT,
                        node_limit: int | None = _DEFAULT_NODE_LIMIT,
                        cell_selector: str = "connected") -> CanonicalLabelling:
    """Canonical labelling of a (labelled, directed or multi-) graph, with its automorphism group.

    Exact: the canonical form is a function of the labelled graph up to
    isomorphism; two graphs are isomorphic exactly when their
    ``certificate``\\ s are equal.  Node and edge labels (``node_attr``,
    ``edge_attr``) are compared by their canonical texts
    (:func:`~mathref.combinatorics.wl.label_text`: numbers by value, every NaN
    equal to every NaN); a missing attribute is the label ``None``.
    Self-loops count as one slot of their node, multi-edges with
    multiplicity, and edge direction is part of the structure.

    Parameters
    ----------
    graph : networkx graph or CSRGraph
    node_attr, edge_attr : str, optional
    time_limit : float or None
        Seconds (default 60); None for no limit.
    node_limit : int or None
        Search-tree nodes (default 10**6); None for no limit.
    cell_selector : {"connected", "first", "largest", "smallest"}
        Target-cell heuristic (default: the cell non-trivially joined to
        the most cells, as bliss); the canonical form depends on it (compare
        certificates made with the same selector).

    Raises
    ------
    ConvergenceError
        A limit ran out; ``.diagnostics`` holds the reason, search nodes and
        automorphisms found.  Nothing is returned half-decided.

    Examples
    --------
    >>> import networkx as nx
    >>> r = canonical_labelling(nx.star_graph(3))
    >>> r.labelling[0], r.group.order
    (3, 6)
    """
    t0 = time.perf_counter()
    g, names = _labelled(graph, node_attr, edge_attr)
    res = csr_canonical_labelling(g, time_limit=time_limit, node_limit=node_limit, cell_selector=cell_selector)
    lab = res.labelling
    group = _group_of(g, names, res, t0)
    return CanonicalLabelling({u: int(p) for u, p in zip(names, lab.tolist())}, _full_certificate(g, lab), group,
                              res.search_nodes, time.perf_counter() - t0)


def canonical_form(graph: nx.Graph | CSRGraph, *, node_attr: str | None = None, edge_attr: str | None = None,
                   time_limit: float | None = _DEFAULT_TIME_LIMIT,
                   node_limit: int | None = _DEFAULT_NODE_LIMIT, cell_selector: str = "connected") -> nx.Graph:
    """The canonical form of a networkx graph: the same class, nodes 0..n-1 in canonical order.

    Node and edge attributes named by ``node_attr`` / ``edge_attr`` are
    carried over (others are dropped: they took no part in the labelling).
    Isomorphic inputs give graphs with equal node sets, edge lists and
    attributes.

    Examples
    --------
    >>> import networkx as nx
    >>> a = canonical_form(nx.path_graph(4))
    >>> b = canonical_form(nx.relabel_nodes(nx.path_graph(4), {0: 2, 1: 0, 2: 3, 3: 1}))
    >>> sorted(a.edges()) == sorted(b.edges())
    True
    """
    import networkx as nx

    if not isinstance(graph, nx.Graph):
        raise InvalidTypeError(f"graph must be a networkx graph, got {type(graph).__name__}")
    r = canonical_labelling(graph, node_attr=node_attr, edge_attr=edge_attr, time_limit=time_limit,
                            node_limit=node_limit, cell_selector=cell_selector)
    lab = r.labelling
    h = graph.__class__()
    inv = sorted(lab, key=lab.__getitem__)
    for u in inv:
        if node_attr is not None and node_attr in graph.nodes[u]:
            h.add_node(lab[u], **{node_attr: graph.nodes[u][node_attr]})
        else:
            h.add_node(lab[u])
    if graph.is_multigraph():
        edges = [(lab[a], lab[b], d.get(edge_attr) if edge_attr is not None else None, edge_attr is not None
                  and edge_attr in d) for a, b, d in graph.edges(data=True)]
    else:
        edges = [(lab[a], lab[b], d.get(edge_attr) if edge_attr is not None else None, edge_attr is not None
                  and edge_attr in d) for a, b, d in graph.edges(data=True)]
    if not graph.is_directed():
        edges = [(min(a, b), max(a, b), v, has) for a, b, v, has in edges]
    from .labels import label_text

    edges.sort(key=lambda e: (e[0], e[1], label_text(e[2], strict=False)))
    for a, b, v, has in edges:
        if has:
            h.add_edge(a, b, **{edge_attr: v})
        else:
            h.add_edge(a, b)
    return h


def automorphism_group(graph: nx.Graph | CSRGraph, *, node_attr: str | None = None, edge_attr: str | None = None,
                       time_limit: float | None = _DEFAULT_TIME_LIMIT,
                       node_limit: int | None = _DEFAULT_NODE_LIMIT,
                       cell_selector: str = "connected") -> AutomorphismGroup:
    """Automorphism group of a labelled graph: generators, orbits and the exact order.

    Exact: every generator is an automorphism (certified by equal leaf
    certificates; the tests re-check them edge by edge) and ``order`` is
    computed by the orbit-stabiliser theorem along the first path of the
    search, with the factorial factors of twin classes and identical
    components.  Same parameters and limits as :func:`canonical_labelling`.

    Examples
    --------
    >>> import networkx as nx
    >>> automorphism_group(nx.empty_graph(100)).order == __import__("math").factorial(100)
    True
    >>> g = automorphism_group(nx.cycle_graph(6))
    >>> g.order, g.n_orbits
    (12, 1)
    """
    return canonical_labelling(graph, node_attr=node_attr, edge_attr=edge_attr, time_limit=time_limit,
                               node_limit=node_limit, cell_selector=cell_selector).group
