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

import numpy as np

from mathref.errors import ConvergenceError, InvalidArgumentError, InvalidTypeError
from mathref.validation import check_fields

from ._search_kernels import ir_refine, ir_select_cell
from .csr import CSRGraph, as_csr_graph, require_csr

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

    def __init__(self, time_limit, node_limit):
        self.t0 = time.perf_counter()
        self.deadline = None if time_limit is None else self.t0 + time_limit
        self.node_limit = node_limit
        self.nodes = 0
        self.generators = 0

    def tick(self):
        self.nodes += 1
        if self.node_limit is not None and self.nodes > self.node_limit:
            raise _LimitReached("node_limit")
        if self.deadline is not None and time.perf_counter() > self.deadline:
            raise _LimitReached("time_limit")

    def check_time(self):
        if self.deadline is not None and time.perf_counter() > self.deadline:
            raise _LimitReached("time_limit")


def check_limits(time_limit, node_limit):
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
    rows = np.repeat(lab, np.diff(g.indptr))
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


class _UnionFind:
    """Union-find on node indices, merged along permutations (the orbits of the generators seen)."""

    __slots__ = ("parent",)

    def __init__(self, n):
        self.parent = list(range(n))

    def find(self, x):
        parent = self.parent
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def merge(self, perm):
        moved = np.flatnonzero(perm != np.arange(perm.shape[0]))
        for x, y in zip(moved.tolist(), perm[moved].tolist()):
            a, b = self.find(x), self.find(y)
            if a != b:
                self.parent[a] = b


# ---------------------------------------------------------------------------
# stage 3: the search on one connected component
# ---------------------------------------------------------------------------


class _Node:
    """A node of the search tree: an equitable ordered partition (nauty's lab/inv/cstart/clen) and its trace."""

    __slots__ = ("lab", "inv", "cstart", "clen", "n_cells", "trace")

    def __init__(self, lab, inv, cstart, clen, n_cells, trace):
        self.lab = lab
        self.inv = inv
        self.cstart = cstart
        self.clen = clen
        self.n_cells = n_cells
        self.trace = trace


class _Frame:
    __slots__ = ("node", "depth", "prefix", "cell", "next", "explored", "orbits", "merged", "eq_first", "state")

    def __init__(self, node, depth, prefix, cell, eq_first, state):
        self.node = node
        self.depth = depth
        self.prefix = prefix
        self.cell = cell
        self.next = 0
        self.explored = []
        self.orbits = None
        self.merged = 0
        self.eq_first = eq_first
        self.state = state  # 0: equal to the best path so far, 1: greater, -1: worse (kept for automorphisms)


_SELECTOR_CODE = {"first": 0, "largest": 1, "smallest": 2, "connected": 3}


class _Refiner:
    """Equitable refinement of ordered partitions of one graph (the Numba kernels of :mod:`._search_kernels`)."""

    def __init__(self, g: CSRGraph, selector: str):
        self.g = g
        self.n = g.n_nodes
        self.multi = bool(g.slot_labels.size and np.any(g.slot_labels != g.slot_labels[0]))
        self.mode = _SELECTOR_CODE[selector]
        self.buf = np.empty(2 * self.n + 2, dtype=np.int64)  # trace buffer, reused by every refinement

    def root(self) -> _Node:
        n = self.n
        lab = np.argsort(self.g.node_labels, kind="stable").astype(np.int64)
        inv = _inverse(lab)
        sorted_labels = self.g.node_labels[lab]
        starts = np.flatnonzero(np.diff(sorted_labels, prepend=-1)).astype(np.int64)
        lengths = np.diff(np.append(starts, n))
        cstart = np.repeat(starts, lengths).astype(np.int64)
        clen = np.zeros(n, dtype=np.int64)
        clen[starts] = lengths
        return self._refine(lab, inv, cstart, clen, int(starts.size), starts)[0]

    _NO_REF = np.zeros(0, dtype=np.int64)

    def _refine(self, lab, inv, cstart, clen, n_cells, splitters, ref1=None, ref2=None, can_abort=False):
        """Refine in place; returns (node or None when aborted, cmp with ref1, cmp with ref2)."""
        g = self.g
        no = self._NO_REF
        cells, tlen, c1, c2, aborted = ir_refine(
            g.indptr, g.indices, g.slot_labels, lab, inv, cstart, clen, n_cells, splitters, self.multi, self.buf,
            no if ref1 is None else ref1, ref1 is not None, no if ref2 is None else ref2, ref2 is not None,
            can_abort)
        if aborted:
            return None, int(c1), int(c2)
        return _Node(lab, inv, cstart, clen, int(cells), self.buf[:tlen].copy()), int(c1), int(c2)

    def individualise(self, node: _Node, cell: int, w: int, ref1=None, ref2=None, can_abort=False):
        lab, inv, cstart, clen = node.lab.copy(), node.inv.copy(), node.cstart.copy(), node.clen.copy()
        p = inv[w]
        length = clen[cell]
        other = lab[cell]
        lab[cell], lab[p] = w, other
        inv[w], inv[other] = cell, p
        clen[cell] = 1
        clen[cell + 1] = length - 1
        cstart[cell + 1:cell + length] = cell + 1
        return self._refine(lab, inv, cstart, clen, node.n_cells + 1, np.array([cell], dtype=np.int64),
                            ref1, ref2, can_abort)

    def target(self, node: _Node):
        g = self.g
        c = int(ir_select_cell(g.indptr, g.indices, node.lab, node.inv, node.cstart, node.clen, self.mode))
        return c, node.lab[c:c + node.clen[c]].copy()


class _SearchResult:
    __slots__ = ("labelling", "generators", "order", "nodes")

    def __init__(self, labelling, generators, order, nodes):
        self.labelling = labelling
        self.generators = generators
        self.order = order
        self.nodes = nodes


def _search_component(g: CSRGraph, budget: _Budget, selector: str) -> _SearchResult:
    """Canonical labelling (node -> position), automorphism generators and group order of one graph."""
    n = g.n_nodes
    budget.tick()
    ref = _Refiner(g, selector)
    root_node = ref.root()
    if root_node.n_cells == n:
        return _SearchResult(root_node.inv.copy(), [], 1, budget.nodes)
    gens: list[np.ndarray] = []
    first_lab = first_cert = None
    first_traces: list = []
    first_prefix: list = []
    first_cells: list = []
    best_lab = best_cert = None
    best_traces: list = []
    best_prefix: list = []
    root = _Frame(root_node, 0, (), ref.target(root_node), True, 0)
    stack = [root]

    def path_traces():
        return [f.node.trace for f in stack]

    def backjump_to(prefix_list):
        # pop to the deepest frame whose prefix is a prefix of prefix_list (the common ancestor)
        while len(stack) > 1:
            d = len(stack[-1].prefix)
            if tuple(prefix_list[:d]) == stack[-1].prefix:
                return
            stack.pop()

    while stack:
        fr = stack[-1]
        # merge the automorphisms found since this frame last looked that fix its prefix pointwise
        if fr.merged < len(gens):
            pre = np.asarray(fr.prefix, dtype=np.int64)
            for gen in gens[fr.merged:]:
                if pre.size == 0 or np.array_equal(gen[pre], pre):
                    if fr.orbits is None:
                        fr.orbits = _UnionFind(n)
                    fr.orbits.merge(gen)
            fr.merged = len(gens)
        cstart, cell = fr.cell
        w = -1
        uf = fr.orbits
        if uf is None:
            if fr.next < cell.shape[0]:
                w = int(cell[fr.next])
                fr.next += 1
        else:
            roots = {uf.find(x) for x in fr.explored}
            while fr.next < cell.shape[0]:
                cand = int(cell[fr.next])
                fr.next += 1
                if uf.find(cand) not in roots:
                    w = cand
                    break
        if w < 0:
            stack.pop()
            continue
        fr.explored.append(w)
        budget.tick()
        depth = fr.depth + 1
        prefix = fr.prefix + (w,)
        if first_lab is None:
            child, _, _ = ref.individualise(fr.node, cstart, w)
            eq_first, state = True, 0
        else:
            # compare the growing trace with the first path (automorphisms) and the best path (canonical leaf)
            ref1 = first_traces[depth] if fr.eq_first and depth < len(first_traces) else None
            ref2 = best_traces[depth] if fr.state == 0 and depth < len(best_traces) else None
            if ref1 is None and fr.state < 0:
                continue
            child, c1, c2 = ref.individualise(fr.node, cstart, w, ref1, ref2, fr.state <= 0)
            if child is None:
                continue  # cannot hold the canonical leaf, nor an automorphism to the first leaf
            eq_first = ref1 is not None and c1 == 0
            state = fr.state if fr.state != 0 else (c2 if ref2 is not None else 1)
            if state < 0 and not eq_first:
                continue
        tr = child.trace
        if child.n_cells < n:
            stack.append(_Frame(child, depth, prefix, ref.target(child), eq_first, state))
            continue
        # a leaf: the discrete partition is a labelling node -> position
        lab = child.inv
        cert = _certificate(g, lab)
        if first_lab is None:
            first_lab, first_cert = lab, cert
            first_traces = path_traces() + [tr]
            first_prefix = list(prefix)
            first_cells = [(f.prefix, int(f.cell[1][0])) for f in stack]
            best_lab, best_cert, best_traces, best_prefix = lab, cert, first_traces, first_prefix
            continue
        if eq_first and cert == first_cert:
            gens.append(child.lab[first_lab])
            budget.generators = len(gens)
            backjump_to(first_prefix)
            continue
        if state == 1 or (state == 0 and cert > best_cert):
            best_lab, best_cert = lab, cert
            best_traces = path_traces() + [tr]
            best_prefix = list(prefix)
            for f in stack:  # the ancestors of the new best leaf are on its path
                f.state = 0
            continue
        if state == 0 and cert == best_cert:
            gens.append(child.lab[best_lab])
            budget.generators = len(gens)
            backjump_to(best_prefix)
            continue
    # group order: product over the first path of the orbit of the chosen node under the stabiliser
    order = 1
    for pre, v in first_cells:
        pre = np.asarray(pre, dtype=np.int64)
        stab = [gen for gen in gens if pre.size == 0 or np.array_equal(gen[pre], pre)]
        if stab:
            ids = _orbit_ids(n, stab)
            order *= int(np.count_nonzero(ids == ids[v]))
    return _SearchResult(best_lab.copy(), gens, order, budget.nodes)


# ---------------------------------------------------------------------------
# stages 1 and 2: twins and components
# ---------------------------------------------------------------------------


def _sub_csr(g: CSRGraph, members: np.ndarray, labels: np.ndarray) -> CSRGraph:
    """The subgraph induced by ``members`` (whose rows only reach ``members``), nodes renumbered in that order."""
    n = g.n_nodes
    local = np.full(n, -1, dtype=np.int64)
    local[members] = np.arange(members.size, dtype=np.int64)
    deg = np.diff(g.indptr)[members]
    indptr = np.zeros(members.size + 1, dtype=np.int64)
    np.cumsum(deg, out=indptr[1:])
    starts = g.indptr[members]
    total = int(indptr[-1])
    idx = np.arange(total, dtype=np.int64) + np.repeat(starts - indptr[:-1], deg)
    return CSRGraph(indptr, local[g.indices[idx]], g.slot_labels[idx].copy(), labels, g.directed)


def _twin_classes(g: CSRGraph):
    """Classes of false twins (equal labels and open neighbourhoods) and true twins, or None if there are none.

    Returns (class id per node, kind per class: 1 false, 2 true, 0 singleton).
    """
    n = g.n_nodes
    ip, ind, sl = g.indptr, g.indices, g.slot_labels
    deg = np.diff(ip)
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
    """One representative per twin class, labelled (label, kind, size); returns (quotient, reps, members)."""
    n = g.n_nodes
    n_cls = kinds.shape[0]
    reps = np.full(n_cls, n, dtype=np.int64)
    np.minimum.at(reps, cls, np.arange(n, dtype=np.int64))
    reps_sorted = np.sort(reps)
    sizes = np.bincount(cls, minlength=n_cls)
    keep = np.zeros(n, dtype=bool)
    keep[reps_sorted] = True
    rows = np.repeat(np.arange(n, dtype=np.int64), np.diff(g.indptr))
    sel = keep[rows] & keep[g.indices]
    local = np.full(n, -1, dtype=np.int64)
    local[reps_sorted] = np.arange(reps_sorted.size, dtype=np.int64)
    cl = cls[reps_sorted]
    lab_rows = np.stack((g.node_labels[reps_sorted], kinds[cl], sizes[cl]), axis=1)
    _, qlabels = np.unique(lab_rows, axis=0, return_inverse=True)
    qlabels = qlabels.ravel().astype(np.int64)
    qr, qc, qs = local[rows[sel]], local[g.indices[sel]], g.slot_labels[sel]
    o = np.argsort(qr, kind="stable")
    indptr = np.zeros(reps_sorted.size + 1, dtype=np.int64)
    np.cumsum(np.bincount(qr, minlength=reps_sorted.size), out=indptr[1:])
    q = CSRGraph(indptr, qc[o].astype(np.int64), qs[o].astype(np.int64), qlabels, g.directed)
    # members of each quotient node's class, representative first, then by index
    order = np.lexsort((np.arange(n), cls))
    by_class = np.split(order, np.cumsum(sizes)[:-1])
    members = [by_class[c] for c in cl.tolist()]
    return q, reps_sorted, members


def _components(g: CSRGraph):
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import connected_components

    n = g.n_nodes
    mat = csr_matrix((np.ones(g.indices.size, dtype=np.int8), g.indices, g.indptr), shape=(n, n))
    k, comp = connected_components(mat, directed=g.directed, connection="weak")
    return k, comp


class CSRCanonical:
    """Canonical labelling of a CSR graph: ``labelling[v]`` = position of node v; generators; exact order."""

    __slots__ = ("labelling", "generators", "order", "search_nodes")

    def __init__(self, labelling, generators, order, search_nodes):
        if not isinstance(labelling, np.ndarray) or not isinstance(generators, (list, tuple)):
            raise InvalidTypeError("CSRCanonical takes a labelling array and a list of generator arrays")
        if isinstance(order, bool) or not isinstance(order, int) or isinstance(search_nodes, bool) \
                or not isinstance(search_nodes, int):
            raise InvalidTypeError(f"CSRCanonical order={order!r} and search_nodes={search_nodes!r} must be ints")
        self.labelling = labelling
        self.generators = generators
        self.order = order
        self.search_nodes = search_nodes


def _canon(g: CSRGraph, budget: _Budget, selector: str, depth: int = 0) -> tuple:
    """(labelling, generators, order) of a CSR graph through twins, components and search."""
    n = g.n_nodes
    if n == 0:
        return np.zeros(0, dtype=np.int64), [], 1
    if n == 1:
        return np.zeros(1, dtype=np.int64), [], 1
    budget.check_time()
    twins = _twin_classes(g) if depth < 64 else None
    if twins is not None:
        cls, kinds = twins
        q, reps, members = _quotient(g, cls, kinds)
        qlab, qgens, qorder = _canon(q, budget, selector, depth + 1)
        # expand: quotient nodes in canonical order, each followed by the rest of its class
        qinv = _inverse(qlab)
        seq = np.concatenate([members[int(x)] for x in qinv])
        lab = _inverse(seq)
        gens = []
        for qg in qgens:
            gen = np.empty(n, dtype=np.int64)
            for x in range(q.n_nodes):
                gen[members[x]] = members[int(qg[x])]
            gens.append(gen)
        order = qorder
        ident = np.arange(n, dtype=np.int64)
        for mem in members:
            s = mem.size
            if s > 1:
                order *= math.factorial(s)
                t = ident.copy()
                t[mem[0]], t[mem[1]] = mem[1], mem[0]
                gens.append(t)
                if s > 2:
                    cyc = ident.copy()
                    cyc[mem] = np.roll(mem, -1)
                    gens.append(cyc)
        return lab, gens, order
    k, comp = _components(g)
    if k == 1:
        r = _search_component(g, budget, selector)
        return r.labelling, r.generators, r.order
    # label every component on its own, then group identical ones (equal certificates)
    order_nodes = np.argsort(comp, kind="stable")
    sizes = np.bincount(comp, minlength=k)
    groups = np.split(order_nodes, np.cumsum(sizes)[:-1])
    parts = []
    for members in groups:
        sub = _sub_csr(g, members, g.node_labels[members])
        lab, gens, order = _canon(sub, budget, selector, depth)
        cert = (members.size, _certificate(sub, lab))
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


def csr_canonical_labelling(g: CSRGraph, *, time_limit=_DEFAULT_TIME_LIMIT, node_limit=_DEFAULT_NODE_LIMIT,
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
    time_limit, node_limit = check_limits(time_limit, node_limit)
    if not isinstance(cell_selector, str) or cell_selector not in CELL_SELECTORS:
        raise InvalidArgumentError(f"cell_selector={cell_selector!r} must be one of {CELL_SELECTORS}")
    budget = _Budget(time_limit, node_limit)
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
    return CSRCanonical(lab, gens, order, budget.nodes)


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


def canonical_labelling(graph, *, node_attr=None, edge_attr=None, time_limit=_DEFAULT_TIME_LIMIT,
                        node_limit=_DEFAULT_NODE_LIMIT, cell_selector: str = "connected") -> CanonicalLabelling:
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
    (0, 6)
    """
    t0 = time.perf_counter()
    g, names = _labelled(graph, node_attr, edge_attr)
    res = csr_canonical_labelling(g, time_limit=time_limit, node_limit=node_limit, cell_selector=cell_selector)
    lab = res.labelling
    group = _group_of(g, names, res, t0)
    return CanonicalLabelling({u: int(p) for u, p in zip(names, lab.tolist())}, _full_certificate(g, lab), group,
                              res.search_nodes, time.perf_counter() - t0)


def canonical_form(graph, *, node_attr=None, edge_attr=None, time_limit=_DEFAULT_TIME_LIMIT,
                   node_limit=_DEFAULT_NODE_LIMIT, cell_selector: str = "connected"):
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


def automorphism_group(graph, *, node_attr=None, edge_attr=None, time_limit=_DEFAULT_TIME_LIMIT,
                       node_limit=_DEFAULT_NODE_LIMIT, cell_selector: str = "connected") -> AutomorphismGroup:
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
