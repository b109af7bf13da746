"""Colour refinement (the 1-dimensional Weisfeiler-Leman algorithm).

Exact combinatorial computation: colours are integers, signatures are compared
as integer sequences, nothing is hashed into a string and nothing is rounded.

Each round gives a node the new colour of its *signature*, the pair (own colour,
multiset of (edge label, neighbour colour)).  The signatures present in a graph
are sorted and numbered 0, 1, 2, ... in that order, so colour numbers are a
function of the graph up to isomorphism (not of the node order), and a class of
round ``r`` splits into a contiguous block of colours of round ``r + 1``.
Refinement stops at the stable partition (a round that splits no class) or after
a requested number of rounds.

Two graphs are compared by refining their disjoint union, so both use one
colour vocabulary; their colour histograms differ at some round exactly when
1-WL distinguishes them.
"""

from __future__ import annotations

import itertools
import numbers
import time
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from mathref.errors import InvalidArgumentError

from ._wl_kernels import wl_assign_ranks, wl_order_by_colour_and_key, wl_sorted_signatures

__all__ = [
    "CSRGraph",
    "ColourRefinement",
    "PairRefinement",
    "as_csr_graph",
    "colour_refinement",
    "refine_pair",
    "label_text",
]


# ---------------------------------------------------------------------------
# labels
# ---------------------------------------------------------------------------


def label_text(value, *, strict: bool = True) -> str:
    """Canonical text of a node or edge label, the same on every run and platform.

    Numbers compare by exact value, so ``1``, ``1.0`` and ``Fraction(2, 2)``
    are the same label (as they are equal in Python); ``-0.0`` equals ``0``.
    Booleans, strings, ``None``, bytes, and tuples or frozensets of these are
    also accepted.  With ``strict=False`` any other object falls back to its
    type name and ``repr`` (fine for one refinement, not for stored hashes).

    Examples
    --------
    >>> label_text(1) == label_text(1.0) == label_text(Fraction(2, 2))
    True
    >>> label_text((1, "a"))
    'tuple[2]:5:num:15:str:a'
    """
    if value is None:
        return "none"
    if isinstance(value, (bool, np.bool_)):
        return f"bool:{bool(value)}"
    if isinstance(value, str):
        return "str:" + value
    if isinstance(value, bytes):
        return "bytes:" + value.hex()
    if isinstance(value, numbers.Integral):
        return f"num:{int(value)}"
    if isinstance(value, numbers.Rational):
        num, den = value.numerator, value.denominator
        num = num() if callable(num) else num
        den = den() if callable(den) else den
        q = Fraction(int(num), int(den))
        return f"num:{q.numerator}" if q.denominator == 1 else f"num:{q.numerator}/{q.denominator}"
    if isinstance(value, numbers.Real) and not isinstance(value, numbers.Rational):
        x = float(value)
        if x != x:
            return "num:nan"
        if x in (float("inf"), float("-inf")):
            return "num:inf" if x > 0 else "num:-inf"
        return label_text(Fraction(x))
    if isinstance(value, tuple):
        parts = [label_text(v, strict=strict) for v in value]
        return f"tuple[{len(parts)}]:" + "".join(f"{len(p)}:{p}" for p in parts)
    if isinstance(value, frozenset):
        parts = sorted(label_text(v, strict=strict) for v in value)
        return f"set[{len(parts)}]:" + "".join(f"{len(p)}:{p}" for p in parts)
    if strict:
        raise TypeError(
            f"label {value!r} of type {type(value).__name__} has no stable canonical form; "
            "use numbers, strings, None, bytes, or tuples/frozensets of these"
        )
    return f"obj:{type(value).__qualname__}:{value!r}"


def _encode_labels(values, *, strict: bool):
    """Map label values to ranks of their canonical texts; return (codes, sorted texts)."""
    texts = [label_text(v, strict=strict) for v in values]
    vocab = sorted(set(texts))
    rank = {t: i for i, t in enumerate(vocab)}
    return np.fromiter((rank[t] for t in texts), dtype=np.int64, count=len(texts)), tuple(vocab)


# ---------------------------------------------------------------------------
# graphs in CSR form
# ---------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class CSRGraph:
    """A graph in compressed sparse row form with integer node and slot labels.

    Row ``v`` lists the neighbours of node ``v``: for undirected graphs each
    edge appears in both rows, for directed graphs row ``v`` holds the
    out-neighbours (slot label ``2*l``) and then the in-neighbours (slot label
    ``2*l + 1``), so direction is part of the multiset.  Labels are ranks of the
    canonical label texts in ``node_vocabulary`` / ``edge_vocabulary``.

    Examples
    --------
    >>> import networkx as nx
    >>> g = as_csr_graph(nx.path_graph(3))
    >>> g.n_nodes, g.indptr.tolist(), g.indices.tolist()
    (3, [0, 1, 3, 4], [1, 0, 2, 1])
    """

    indptr: np.ndarray
    indices: np.ndarray
    slot_labels: np.ndarray
    node_labels: np.ndarray
    directed: bool
    nodes: tuple | None = None
    node_vocabulary: tuple = ("none",)
    edge_vocabulary: tuple = ("none",)

    @property
    def n_nodes(self) -> int:
        return int(self.indptr.shape[0] - 1)

    @property
    def degree(self) -> np.ndarray:
        return np.diff(self.indptr)

    @classmethod
    def from_arrays(cls, indptr, indices, *, node_labels=None, edge_labels=None, directed=False, nodes=None):
        """Build from CSR arrays (row ``v`` = neighbours of ``v``; for directed graphs, out-neighbours).

        ``node_labels`` and ``edge_labels`` (one per entry of ``indices``) may be
        any labels accepted by :func:`label_text`.  An undirected graph must be
        given symmetric, with equal labels on both copies of an edge.

        Examples
        --------
        >>> g = CSRGraph.from_arrays([0, 1, 2], [1, 0])
        >>> g.n_nodes, g.directed
        (2, False)
        """
        indptr = np.ascontiguousarray(indptr, dtype=np.int64)
        indices = np.ascontiguousarray(indices, dtype=np.int64)
        if indptr.ndim != 1 or indptr.size < 1 or indptr[0] != 0 or np.any(np.diff(indptr) < 0):
            raise InvalidArgumentError("indptr must be a non-decreasing 1-d array starting at 0")
        n = indptr.size - 1
        if indices.ndim != 1 or indices.size != indptr[-1]:
            raise InvalidArgumentError(f"indices must be 1-d with indptr[-1]={indptr[-1]} entries")
        if indices.size and (indices.min() < 0 or indices.max() >= n):
            raise InvalidArgumentError(f"indices must lie in [0, {n})")
        rows = np.repeat(np.arange(n, dtype=np.int64), np.diff(indptr))
        if edge_labels is None:
            elab = np.zeros(indices.size, dtype=np.int64)
            evocab = ("none",)
        else:
            edge_labels = list(edge_labels)
            if len(edge_labels) != indices.size:
                raise InvalidArgumentError("edge_labels must have one entry per entry of indices")
            elab, evocab = _encode_labels(edge_labels, strict=False)
        if node_labels is None:
            nlab = np.zeros(n, dtype=np.int64)
            nvocab = ("none",)
        else:
            node_labels = list(node_labels)
            if len(node_labels) != n:
                raise InvalidArgumentError(f"node_labels must have {n} entries")
            nlab, nvocab = _encode_labels(node_labels, strict=False)
        if not directed:
            a = np.lexsort((elab, indices, rows))
            b = np.lexsort((elab, rows, indices))
            if not (np.array_equal(rows[a], indices[b]) and np.array_equal(indices[a], rows[b])
                    and np.array_equal(elab[a], elab[b])):
                raise InvalidArgumentError(
                    "an undirected graph must be given with symmetric indptr/indices (and equal edge labels "
                    "on both copies of each edge); pass directed=True otherwise"
                )
            return cls(indptr, indices, 2 * elab, nlab, False, None if nodes is None else tuple(nodes), nvocab, evocab)
        return _directed_from_edges(rows, indices, elab, nlab, n, nodes, nvocab, evocab)

    def relabel_nodes(self, perm) -> "CSRGraph":
        """Return the isomorphic graph in which node ``v`` becomes node ``perm[v]``.

        Examples
        --------
        >>> g = CSRGraph.from_arrays([0, 1, 3, 4], [1, 0, 2, 1])
        >>> g.relabel_nodes([2, 1, 0]).indices.tolist()
        [1, 2, 0, 1]
        """
        perm = np.asarray(perm, dtype=np.int64)
        n = self.n_nodes
        if perm.shape != (n,) or not np.array_equal(np.sort(perm), np.arange(n)):
            raise InvalidArgumentError(f"perm must be a permutation of range({n})")
        inv = np.empty(n, dtype=np.int64)
        inv[perm] = np.arange(n)
        deg = self.degree
        new_deg = deg[inv]
        indptr = np.concatenate(([0], np.cumsum(new_deg))).astype(np.int64)
        src = np.concatenate([np.arange(self.indptr[inv[v]], self.indptr[inv[v] + 1]) for v in range(n)]) \
            if n else np.zeros(0, dtype=np.int64)
        src = src.astype(np.int64)
        nodes = None if self.nodes is None else tuple(self.nodes[inv[v]] for v in range(n))
        return CSRGraph(indptr, perm[self.indices[src]], self.slot_labels[src].copy(), self.node_labels[inv].copy(),
                        self.directed, nodes, self.node_vocabulary, self.edge_vocabulary)


def _directed_from_edges(src, dst, elab, nlab, n, nodes, nvocab, evocab):
    rows = np.concatenate((src, dst))
    cols = np.concatenate((dst, src))
    lab = np.concatenate((2 * elab, 2 * elab + 1))
    order = np.argsort(rows, kind="stable")
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
    return CSRGraph(indptr, np.ascontiguousarray(cols[order]), np.ascontiguousarray(lab[order]), nlab, True,
                    None if nodes is None else tuple(nodes), nvocab, evocab)


def as_csr_graph(graph, *, node_attr=None, edge_attr=None, strict_labels: bool = False) -> CSRGraph:
    """Convert a networkx graph (or pass through a :class:`CSRGraph`) to CSR form.

    Parameters
    ----------
    graph : networkx.Graph, DiGraph, MultiGraph, MultiDiGraph or CSRGraph
    node_attr, edge_attr : str, optional
        Node / edge attribute holding the label; missing attributes count as
        the label ``None``.  Without them all nodes (edges) share one label.
    strict_labels : bool
        Reject labels without a stable canonical text (needed for hashes).

    Examples
    --------
    >>> import networkx as nx
    >>> g = as_csr_graph(nx.DiGraph([(0, 1)]))
    >>> g.directed, g.slot_labels.tolist()
    (True, [0, 1])
    """
    if isinstance(graph, CSRGraph):
        if node_attr is not None or edge_attr is not None:
            raise InvalidArgumentError("node_attr/edge_attr apply to networkx graphs, not to a CSRGraph")
        return graph
    import networkx as nx
    if not isinstance(graph, nx.Graph):
        raise TypeError(f"graph must be a networkx graph or a CSRGraph, got {type(graph).__name__}")
    nodes = tuple(graph.nodes)
    n = len(nodes)
    index = {u: i for i, u in enumerate(nodes)}
    if node_attr is None:
        nlab = np.zeros(n, dtype=np.int64)
        nvocab = ("none",)
    else:
        nlab, nvocab = _encode_labels([graph.nodes[u].get(node_attr) for u in nodes], strict=strict_labels)
    if graph.is_multigraph():
        return _csr_from_edge_list(graph, nodes, index, nlab, nvocab, edge_attr, strict_labels)
    identity = nodes == tuple(range(n))
    if graph.is_directed():
        out_rows = _rows_from_adjacency(graph._succ, nodes, index, identity, edge_attr)
        in_rows = _rows_from_adjacency(graph._pred, nodes, index, identity, edge_attr)
        deg_out, ind_out, lab_out = out_rows
        deg_in, ind_in, lab_in = in_rows
        labs = lab_out + lab_in if edge_attr is not None else None
        elab, evocab = _edge_codes(labs, ind_out.size + ind_in.size, strict_labels)
        m_out = ind_out.size
        slot = np.concatenate((2 * elab[:m_out], 2 * elab[m_out:] + 1))
        rows = np.concatenate((np.repeat(np.arange(n, dtype=np.int64), deg_out),
                               np.repeat(np.arange(n, dtype=np.int64), deg_in)))
        order = np.argsort(rows, kind="stable")
        indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(deg_out + deg_in, out=indptr[1:])
        cols = np.concatenate((ind_out, ind_in))
        return CSRGraph(indptr, np.ascontiguousarray(cols[order]), np.ascontiguousarray(slot[order]), nlab, True,
                        nodes, nvocab, evocab)
    deg, ind, labs = _rows_from_adjacency(graph._adj, nodes, index, identity, edge_attr)
    elab, evocab = _edge_codes(labs, ind.size, strict_labels)
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(deg, out=indptr[1:])
    return CSRGraph(indptr, ind, 2 * elab, nlab, False, nodes, nvocab, evocab)


def _rows_from_adjacency(adj, nodes, index, identity, edge_attr):
    """Degrees, flattened neighbour indices and (optionally) edge labels straight from a networkx adjacency dict."""
    n = len(nodes)
    rows = [adj[u] for u in nodes]
    deg = np.fromiter(map(len, rows), dtype=np.int64, count=n)
    total = int(deg.sum())
    flat = itertools.chain.from_iterable(rows)
    if not identity:
        flat = map(index.__getitem__, flat)
    ind = np.fromiter(flat, dtype=np.int64, count=total)
    labs = None
    if edge_attr is not None:
        labs = [d.get(edge_attr) for d in itertools.chain.from_iterable(r.values() for r in rows)]
    return deg, ind, labs


def _edge_codes(labs, m, strict_labels):
    if labs is None:
        return np.zeros(m, dtype=np.int64), ("none",)
    return _encode_labels(labs, strict=strict_labels)


def _csr_from_edge_list(graph, nodes, index, nlab, nvocab, edge_attr, strict_labels):
    """Multigraphs: one slot per parallel edge."""
    n = len(nodes)
    edges = list(graph.edges(keys=False, data=edge_attr if edge_attr is not None else False))
    m = len(edges)
    get = index.__getitem__
    src = np.fromiter(map(get, (e[0] for e in edges)), dtype=np.int64, count=m)
    dst = np.fromiter(map(get, (e[1] for e in edges)), dtype=np.int64, count=m)
    elab, evocab = _edge_codes([e[2] for e in edges] if edge_attr is not None else None, m, strict_labels)
    if graph.is_directed():
        return _directed_from_edges(src, dst, elab, nlab, n, nodes, nvocab, evocab)
    # undirected: each edge in both rows; a self-loop appears once, as in networkx's adjacency
    loop = src == dst
    rows = np.concatenate((src, dst[~loop]))
    cols = np.concatenate((dst, src[~loop]))
    lab = np.concatenate((elab, elab[~loop]))
    order = np.argsort(rows, kind="stable")
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
    return CSRGraph(indptr, np.ascontiguousarray(cols[order]), np.ascontiguousarray(2 * lab[order]), nlab, False,
                    nodes, nvocab, evocab)


def _disjoint_union(g1: CSRGraph, g2: CSRGraph) -> CSRGraph:
    """Union with a shared label vocabulary (labels re-ranked over both graphs)."""
    nvocab = tuple(sorted(set(g1.node_vocabulary) | set(g2.node_vocabulary)))
    evocab = tuple(sorted(set(g1.edge_vocabulary) | set(g2.edge_vocabulary)))
    nrank = {t: i for i, t in enumerate(nvocab)}
    erank = {t: i for i, t in enumerate(evocab)}

    def remap(g):
        nmap = np.array([nrank[t] for t in g.node_vocabulary], dtype=np.int64)
        emap = np.array([erank[t] for t in g.edge_vocabulary], dtype=np.int64)
        return nmap[g.node_labels], 2 * emap[g.slot_labels // 2] + g.slot_labels % 2

    n1l, s1 = remap(g1)
    n2l, s2 = remap(g2)
    indptr = np.concatenate((g1.indptr, g2.indptr[1:] + g1.indptr[-1]))
    indices = np.concatenate((g1.indices, g2.indices + g1.n_nodes))
    return CSRGraph(indptr, indices, np.concatenate((s1, s2)), np.concatenate((n1l, n2l)), g1.directed, None,
                    nvocab, evocab)


# ---------------------------------------------------------------------------
# the refinement engine
# ---------------------------------------------------------------------------


def _exact_ranks(colours, indptr, codes):
    """Ranking by (old colour, degree, sorted codes) without hashing (used after a hash collision)."""
    n = colours.shape[0]
    keys = [(int(colours[v]), int(indptr[v + 1] - indptr[v]), tuple(codes[indptr[v]:indptr[v + 1]].tolist()))
            for v in range(n)]
    order = sorted(range(n), key=keys.__getitem__)
    new = np.empty(n, dtype=np.int64)
    current = -1
    prev = None
    for v in order:
        if keys[v] != prev:
            current += 1
            prev = keys[v]
        new[v] = current
    return new, current + 1, np.asarray(order, dtype=np.int64)


def _refine_round(indptr, indices, slot_labels, colours, n_colours, codes, keys, *, kernels=None):
    """One refinement round; returns (new colours, number of colours, order, codes)."""
    sig, sort, rank = kernels if kernels is not None else (wl_sorted_signatures, wl_order_by_colour_and_key,
                                                            wl_assign_ranks)
    sig(indptr, indices, slot_labels, colours, n_colours, codes, keys)
    # old colour first: keeps each old class a contiguous block of new colours
    order = sort(colours, keys, n_colours)
    new = np.empty_like(colours)
    k, collision = rank(order, colours, indptr, codes, keys, new)
    if collision:
        new, k, order = _exact_ranks(colours, indptr, codes)
    return new, int(k), order


def _initial_colours(node_labels):
    """Dense ranks 0..K-1 of the node label codes (already canonical ranks)."""
    uniq, inv = np.unique(node_labels, return_inverse=True)
    return inv.astype(np.int64).ravel(), int(uniq.size)


def _run_refinement(g: CSRGraph, colours, n_colours, *, max_rounds=None, split=None, table_sink=None, kernels=None):
    """Refine ``colours`` on ``g``; with ``split`` also compare the two parts' histograms each round.

    Returns (colours, n_colours, rounds, stable, history, distinguished_round).
    """
    indptr, indices, slot_labels = g.indptr, g.indices, g.slot_labels
    codes = np.empty(indices.shape[0], dtype=np.int64)
    keys = np.empty(indptr.shape[0] - 1, dtype=np.int64)
    history = [n_colours]
    rounds = 0
    stable = False
    distinguished = None
    if split is not None and not _same_histogram(colours, n_colours, split):
        return colours, n_colours, 0, False, tuple(history), 0
    while max_rounds is None or rounds < max_rounds:
        new, k, order = _refine_round(indptr, indices, slot_labels, colours, n_colours, codes, keys, kernels=kernels)
        if k == n_colours:
            stable = True
            break
        if table_sink is not None:
            table_sink(colours, n_colours, new, k, order, indptr, codes)
        colours, n_colours = new, k
        rounds += 1
        history.append(k)
        if split is not None and not _same_histogram(colours, n_colours, split):
            distinguished = rounds
            break
    return colours, n_colours, rounds, stable, tuple(history), distinguished


def _same_histogram(colours, n_colours, split):
    a = np.bincount(colours[:split], minlength=n_colours)
    b = np.bincount(colours[split:], minlength=n_colours)
    return np.array_equal(a, b)


def _readonly(a):
    a = np.array(a, copy=True)
    a.setflags(write=False)
    return a


# ---------------------------------------------------------------------------
# public results and functions
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ColourRefinement:
    """Result of :func:`colour_refinement`.

    Attributes
    ----------
    colours : numpy.ndarray
        Read-only int64 colour of each node, in the graph's node order.
    n_colours : int
        Number of colour classes.
    rounds : int
        Rounds that changed the partition.
    stable : bool
        True when one more round would change nothing (the stable partition).
    history : tuple of int
        Number of colours after round 0 (labels), 1, 2, ...
    nodes : tuple or None
        Node names of a networkx input.
    elapsed : float
        Wall time in seconds.

    Examples
    --------
    >>> import networkx as nx
    >>> r = colour_refinement(nx.path_graph(4))
    >>> r.colours.tolist(), r.stable, r.history
    ([0, 1, 1, 0], True, (1, 2))
    """

    colours: np.ndarray
    n_colours: int
    rounds: int
    stable: bool
    history: tuple
    nodes: tuple | None
    elapsed: float

    def as_dict(self) -> dict:
        """Colour of each node keyed by node name (or index).

        Examples
        --------
        >>> import networkx as nx
        >>> colour_refinement(nx.star_graph(2)).as_dict()
        {0: 1, 1: 0, 2: 0}
        """
        names = self.nodes if self.nodes is not None else range(len(self.colours))
        return {u: int(c) for u, c in zip(names, self.colours)}

    def histogram(self) -> np.ndarray:
        """Number of nodes of each colour.

        Examples
        --------
        >>> import networkx as nx
        >>> colour_refinement(nx.star_graph(3)).histogram().tolist()
        [3, 1]
        """
        return np.bincount(self.colours, minlength=self.n_colours)

    def classes(self) -> list:
        """Colour classes as lists of node names, in colour order.

        Examples
        --------
        >>> import networkx as nx
        >>> colour_refinement(nx.path_graph(3)).classes()
        [[0, 2], [1]]
        """
        names = self.nodes if self.nodes is not None else list(range(len(self.colours)))
        out = [[] for _ in range(self.n_colours)]
        for u, c in zip(names, self.colours):
            out[int(c)].append(u)
        return out


@dataclass(frozen=True)
class PairRefinement:
    """Result of :func:`refine_pair`: joint refinement of two graphs.

    Attributes
    ----------
    distinguished : bool
        True when the colour histograms differ: a *proof* that the graphs are
        not isomorphic.  False is only evidence of isomorphism.
    distinguished_round : int or None
        First round whose histograms differ (0 = the labels alone differ).
    distinguishing_colour : int or None
        A colour of that round with different counts in the two graphs.
    counts : tuple or None
        ``(count in graph 1, count in graph 2)`` of that colour.
    colours1, colours2 : numpy.ndarray
        Joint colours of each graph's nodes when refinement stopped.
    n_colours, rounds : int
    stable : bool
    history : tuple of int
    elapsed : float

    Examples
    --------
    >>> import networkx as nx
    >>> r = refine_pair(nx.cycle_graph(6), nx.union(nx.cycle_graph(3), nx.cycle_graph(3), rename=("a", "b")))
    >>> r.distinguished, r.stable
    (False, True)
    """

    distinguished: bool
    distinguished_round: int | None
    distinguishing_colour: int | None
    counts: tuple | None
    colours1: np.ndarray
    colours2: np.ndarray
    n_colours: int
    rounds: int
    stable: bool
    history: tuple
    elapsed: float


def colour_refinement(graph, *, node_attr=None, edge_attr=None, iterations=None, initial=None) -> ColourRefinement:
    """Colour refinement (1-WL) of one graph, to the stable partition or for ``iterations`` rounds.

    Exact: colours are canonical integers (equal for corresponding nodes of
    isomorphic graphs refined alone, because each round numbers the *sorted*
    signatures); aggregation is the multiset of (edge label, neighbour colour)
    pairs, with edge direction part of the label for directed graphs.

    Parameters
    ----------
    graph : networkx graph or CSRGraph
    node_attr, edge_attr : str, optional
        Attributes holding node / edge labels (networkx input only).
    iterations : int, optional
        Maximum number of rounds; default: until stable.
    initial : array_like of int, optional
        Initial colouring (overrides node labels), e.g. to individualise nodes.

    Returns
    -------
    ColourRefinement

    Notes
    -----
    Colour of round r+1 = rank of (colour_r(v), sorted [(label(v,u), colour_r(u))]
    over neighbours u) among the signatures present.  Ranking by the old colour
    first makes each partition a refinement of the previous one, so the number
    of colours stops growing exactly at the stable (coarsest equitable)
    partition.  Cost per round is O((n + m) log(n + m)).  Reference: B. Weisfeiler
    and A. Leman (1968); M. Grohe et al., "Color refinement and its applications"
    (2021).

    Examples
    --------
    >>> import networkx as nx
    >>> r = colour_refinement(nx.path_graph(5))
    >>> r.colours.tolist(), r.rounds
    ([0, 1, 2, 1, 0], 2)
    >>> colour_refinement(nx.path_graph(5), iterations=1).colours.tolist()
    [0, 1, 1, 1, 0]
    """
    t0 = time.perf_counter()
    g = as_csr_graph(graph, node_attr=node_attr, edge_attr=edge_attr)
    if iterations is not None:
        iterations = _nonneg_int(iterations, "iterations")
    if initial is None:
        colours, k = _initial_colours(g.node_labels)
    else:
        init = np.asarray(initial)
        if init.shape != (g.n_nodes,) or not np.issubdtype(init.dtype, np.integer):
            raise InvalidArgumentError(f"initial must be an integer array of length {g.n_nodes}")
        colours, k = _initial_colours(init.astype(np.int64))
    colours, k, rounds, stable, history, _ = _run_refinement(g, colours, k, max_rounds=iterations)
    return ColourRefinement(_readonly(colours), k, rounds, stable, history, g.nodes, time.perf_counter() - t0)


def refine_pair(graph1, graph2, *, node_attr=None, edge_attr=None, iterations=None) -> PairRefinement:
    """Joint colour refinement of two graphs: the pairwise 1-WL test.

    Exact: ``distinguished=True`` is a proof of non-isomorphism; ``False`` means
    1-WL cannot tell the graphs apart (they may still differ).

    Parameters
    ----------
    graph1, graph2 : networkx graphs or CSRGraphs (both directed or both undirected)
    node_attr, edge_attr : str, optional
    iterations : int, optional
        Maximum number of rounds; default: until the union is stable.

    Notes
    -----
    The graphs are refined as one disjoint union, so colours share one
    vocabulary; histograms are compared after every round and refinement stops
    at the first difference.

    Examples
    --------
    >>> import networkx as nx
    >>> refine_pair(nx.path_graph(4), nx.star_graph(3)).distinguished
    True
    >>> refine_pair(nx.path_graph(4), nx.path_graph([3, 1, 0, 2])).distinguished
    False
    """
    t0 = time.perf_counter()
    g1 = as_csr_graph(graph1, node_attr=node_attr, edge_attr=edge_attr)
    g2 = as_csr_graph(graph2, node_attr=node_attr, edge_attr=edge_attr)
    if g1.directed != g2.directed:
        raise InvalidArgumentError("graph1 and graph2 must both be directed or both undirected")
    if iterations is not None:
        iterations = _nonneg_int(iterations, "iterations")
    u = _disjoint_union(g1, g2)
    n1 = g1.n_nodes
    colours, k = _initial_colours(u.node_labels)
    if g1.n_nodes != g2.n_nodes:
        return PairRefinement(True, 0, None, (g1.n_nodes, g2.n_nodes), _readonly(colours[:n1]),
                              _readonly(colours[n1:]), k, 0, False, (k,), time.perf_counter() - t0)
    colours, k, rounds, stable, history, dround = _run_refinement(u, colours, k, max_rounds=iterations, split=n1)
    if dround is None and g1.indices.size != g2.indices.size:
        dround = 0  # same colour histograms cannot hide different edge counts, but be explicit
    colour = counts = None
    if dround is not None:
        a = np.bincount(colours[:n1], minlength=k)
        b = np.bincount(colours[n1:], minlength=k)
        diff = np.flatnonzero(a != b)
        if diff.size:
            colour = int(diff[0])
            counts = (int(a[colour]), int(b[colour]))
    return PairRefinement(dround is not None, dround, colour, counts, _readonly(colours[:n1]),
                          _readonly(colours[n1:]), k, rounds, stable, history, time.perf_counter() - t0)


def _nonneg_int(x, name):
    if isinstance(x, bool) or not isinstance(x, numbers.Integral) or x < 0:
        raise InvalidArgumentError(f"{name}={x!r} must be a non-negative integer")
    return int(x)
