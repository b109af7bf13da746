"""Graphs in compressed sparse row (CSR) form with integer node and slot labels.

Exact: labels are ranks of canonical label texts (:mod:`.labels`), so two
graphs converted separately compare label for label once their vocabularies
are merged (:func:`disjoint_union` does that).  Conversion from networkx uses
its public adjacency API (``G.adjacency()``, and that of the reversed view
``G.reverse(copy=False)`` for predecessors) and keeps the node order of ``G.nodes``.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from mathref.equality import fields_equal
from mathref.errors import InvalidArgumentError, InvalidTypeError
from mathref.validation import check_fields

from .labels import encode_labels

if TYPE_CHECKING:
    from collections.abc import Hashable, Sequence

    import networkx as nx
    from numpy.typing import ArrayLike

__all__ = ["CSRGraph", "as_csr_graph", "csr_from_edges", "disjoint_union"]


def require_csr(g: object, name: str = "g") -> "CSRGraph":
    """Return ``g`` if it is a :class:`CSRGraph`, else raise :class:`~mathref.errors.InvalidTypeError`.

    Examples
    --------
    >>> import networkx as nx
    >>> require_csr(as_csr_graph(nx.path_graph(2))).n_nodes
    2
    """
    if not isinstance(g, CSRGraph):
        raise InvalidTypeError(f"{name} must be a CSRGraph (see as_csr_graph), got {type(g).__name__}")
    return g


def require_count(x: object, name: str, upper: int | None = None) -> int:
    """Return ``x`` as an int in ``[0, upper]``, else raise an error of :mod:`mathref.errors` naming it.

    Examples
    --------
    >>> require_count(3, "n1", 5)
    3
    """
    if isinstance(x, bool) or not isinstance(x, (int, np.integer)):
        raise InvalidTypeError(f"{name}={x!r} must be an int, got {type(x).__name__}")
    if x < 0 or (upper is not None and x > upper):
        raise InvalidArgumentError(f"{name}={x!r} must be between 0 and {upper}")
    return int(x)


def int_array(x: object, name: str) -> np.ndarray:
    """``x`` as a 1-D contiguous int64 array of finite integers, else an error of :mod:`mathref.errors` naming it.

    Examples
    --------
    >>> int_array([3, 1], "colours").tolist()
    [3, 1]
    """
    try:
        a = np.asarray(x)
    except (TypeError, ValueError):
        raise InvalidTypeError(f"{name} must be a 1-D array of ints, got {type(x).__name__}") from None
    if a.ndim != 1 or not (a.size == 0 or np.issubdtype(a.dtype, np.integer)):
        raise InvalidTypeError(f"{name} must be a 1-D array of ints, got shape {a.shape} and dtype {a.dtype}")
    return np.ascontiguousarray(a, dtype=np.int64)


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

    def __post_init__(self) -> None:
        check_fields(self)  # a constructor given garbage raises at once

    def __eq__(self, other):
        if not isinstance(other, CSRGraph):
            return NotImplemented
        return fields_equal(self, other)

    __hash__ = None

    @property
    def n_nodes(self) -> int:
        return int(self.indptr.shape[0] - 1)

    @property
    def degree(self) -> np.ndarray:
        return np.diff(self.indptr)

    @classmethod
    def from_arrays(cls, indptr: ArrayLike, indices: ArrayLike, *, node_labels: ArrayLike | None = None,
                    edge_labels: ArrayLike | None = None, directed: bool = False,
                    nodes: Sequence[Hashable] | None = None) -> CSRGraph:
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
            elab, evocab = encode_labels(edge_labels, strict=False)
        if node_labels is None:
            nlab = np.zeros(n, dtype=np.int64)
            nvocab = ("none",)
        else:
            node_labels = list(node_labels)
            if len(node_labels) != n:
                raise InvalidArgumentError(f"node_labels must have {n} entries")
            nlab, nvocab = encode_labels(node_labels, strict=False)
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
        return _directed_from_edges(rows, indices, elab, nlab, nodes, nvocab, evocab)

    def relabel_nodes(self, perm: ArrayLike) -> "CSRGraph":
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


def csr_from_edges(rows: ArrayLike, cols: ArrayLike, slot_labels: ArrayLike, node_labels: ArrayLike, *,
                   directed: bool, nodes: Sequence[Hashable] | None = None, node_vocabulary: Sequence[str] = ("none",),
                   edge_vocabulary: Sequence[str] = ("none",)) -> CSRGraph:
    """A :class:`CSRGraph` from one entry per CSR slot: ``rows[e] -> cols[e]`` with ``slot_labels[e]``.

    The entries are grouped by row with a stable sort, so within a row they
    keep the order given.  Nothing is symmetrised or checked: an undirected
    graph must list both copies of each edge (a self-loop once), a directed one
    its out-slots (even labels) and in-slots (odd labels).

    Examples
    --------
    >>> g = csr_from_edges(np.array([1, 0]), np.array([0, 1]), np.zeros(2, np.int64), np.zeros(2, np.int64),
    ...                    directed=False)
    >>> g.indptr.tolist(), g.indices.tolist()
    ([0, 1, 2], [1, 0])
    """
    rows, cols = int_array(rows, "rows"), int_array(cols, "cols")
    slot_labels, node_labels = int_array(slot_labels, "slot_labels"), int_array(node_labels, "node_labels")
    if not isinstance(directed, (bool, np.bool_)):
        raise InvalidTypeError(f"directed={directed!r} must be a bool")
    n = node_labels.shape[0]
    if nodes is not None:
        try:
            nodes = tuple(nodes)
        except TypeError:
            raise InvalidTypeError(f"nodes must be a sequence of node names or None, got {type(nodes).__name__}") \
                from None
        if len(nodes) != n:
            raise InvalidArgumentError(f"nodes has {len(nodes)} names for {n} nodes")
    if not (rows.size == cols.size == slot_labels.size):
        raise InvalidArgumentError(f"rows, cols and slot_labels must have one length, got {rows.size}, {cols.size}, "
                                   f"{slot_labels.size}")
    if rows.size and (min(rows.min(), cols.min()) < 0 or max(rows.max(), cols.max()) >= n):
        raise InvalidArgumentError(f"rows and cols must be node indices in [0, {n})")
    if slot_labels.size and slot_labels.min() < 0:
        raise InvalidArgumentError("slot_labels must be non-negative")
    order = np.argsort(rows, kind="stable")
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
    return CSRGraph(indptr, np.ascontiguousarray(cols[order]), np.ascontiguousarray(slot_labels[order]),
                    node_labels, directed, None if nodes is None else tuple(nodes), node_vocabulary,
                    edge_vocabulary)


def _directed_from_edges(src, dst, elab, nlab, nodes, nvocab, evocab):
    """Directed graph from its edge list: out-slots ``2*l`` and in-slots ``2*l + 1``."""
    return csr_from_edges(np.concatenate((src, dst)), np.concatenate((dst, src)),
                          np.concatenate((2 * elab, 2 * elab + 1)), nlab, directed=True, nodes=nodes,
                          node_vocabulary=nvocab, edge_vocabulary=evocab)


def as_csr_graph(graph: nx.Graph | CSRGraph, *, node_attr: str | None = None, edge_attr: str | None = None,
                 strict_labels: bool = False) -> CSRGraph:
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
    for nm, attr in (("node_attr", node_attr), ("edge_attr", edge_attr)):
        try:
            hash(attr)
        except TypeError:
            raise InvalidTypeError(f"{nm}={attr!r} must be a hashable attribute name (usually a str) or None") \
                from None
    if not isinstance(strict_labels, (bool, np.bool_)):
        raise InvalidTypeError(f"strict_labels={strict_labels!r} must be a bool")
    if isinstance(graph, CSRGraph):
        if node_attr is not None or edge_attr is not None:
            raise InvalidArgumentError("node_attr/edge_attr apply to networkx graphs, not to a CSRGraph")
        return graph
    import networkx as nx
    if not isinstance(graph, nx.Graph):
        raise InvalidTypeError(f"graph must be a networkx graph or a CSRGraph, got {type(graph).__name__}")
    nodes = tuple(graph.nodes)
    n = len(nodes)
    index = {u: i for i, u in enumerate(nodes)}
    if node_attr is None:
        nlab = np.zeros(n, dtype=np.int64)
        nvocab = ("none",)
    else:
        nlab, nvocab = encode_labels([graph.nodes[u].get(node_attr) for u in nodes], strict=strict_labels)
    if graph.is_multigraph():
        return _csr_from_edge_list(graph, nodes, index, nlab, nvocab, edge_attr, strict_labels)
    identity = nodes == tuple(range(n))
    if graph.is_directed():
        out_rows = _rows_from_adjacency(graph.adjacency(), nodes, index, identity, edge_attr)
        # the reversed view's adjacency is the predecessor mapping, read through the public API
        in_rows = _rows_from_adjacency(graph.reverse(copy=False).adjacency(), nodes, index, identity, edge_attr)
        deg_out, ind_out, lab_out = out_rows
        deg_in, ind_in, lab_in = in_rows
        labs = lab_out + lab_in if edge_attr is not None else None
        elab, evocab = _edge_codes(labs, ind_out.size + ind_in.size, strict_labels)
        m_out = ind_out.size
        slot = np.concatenate((2 * elab[:m_out], 2 * elab[m_out:] + 1))
        rows = np.concatenate((np.repeat(np.arange(n, dtype=np.int64), deg_out),
                               np.repeat(np.arange(n, dtype=np.int64), deg_in)))
        return csr_from_edges(rows, np.concatenate((ind_out, ind_in)), slot, nlab, directed=True, nodes=nodes,
                              node_vocabulary=nvocab, edge_vocabulary=evocab)
    deg, ind, labs = _rows_from_adjacency(graph.adjacency(), nodes, index, identity, edge_attr)
    elab, evocab = _edge_codes(labs, ind.size, strict_labels)
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(deg, out=indptr[1:])
    return CSRGraph(indptr, ind, 2 * elab, nlab, False, nodes, nvocab, evocab)


def _rows_in_node_order(adjacency, nodes):
    """The neighbour mappings of ``G.adjacency()``'s (node, neighbours) pairs, in the order of ``nodes``."""
    by_node = dict(adjacency)
    return [by_node[u] for u in nodes]


def _rows_from_adjacency(adjacency, nodes, index, identity, edge_attr):
    """Degrees, flattened neighbour indices and (optionally) edge labels from networkx's ``G.adjacency()``."""
    n = len(nodes)
    rows = _rows_in_node_order(adjacency, nodes)
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
    return encode_labels(labs, strict=strict_labels)


def _csr_from_edge_list(graph, nodes, index, nlab, nvocab, edge_attr, strict_labels):
    """Multigraphs: one slot per parallel edge."""
    edges = list(graph.edges(keys=False, data=edge_attr if edge_attr is not None else False))
    m = len(edges)
    get = index.__getitem__
    src = np.fromiter(map(get, (e[0] for e in edges)), dtype=np.int64, count=m)
    dst = np.fromiter(map(get, (e[1] for e in edges)), dtype=np.int64, count=m)
    elab, evocab = _edge_codes([e[2] for e in edges] if edge_attr is not None else None, m, strict_labels)
    if graph.is_directed():
        return _directed_from_edges(src, dst, elab, nlab, nodes, nvocab, evocab)
    # undirected: each edge in both rows; a self-loop appears once, as in networkx's adjacency
    loop = src == dst
    return csr_from_edges(np.concatenate((src, dst[~loop])), np.concatenate((dst, src[~loop])),
                          2 * np.concatenate((elab, elab[~loop])), nlab, directed=False, nodes=nodes,
                          node_vocabulary=nvocab, edge_vocabulary=evocab)


def _merged_vocabulary(a: tuple, b: tuple) -> tuple:
    """Sorted union of two vocabularies (a shared, already sorted one is returned as it is)."""
    if a == b and all(x < y for x, y in zip(a, a[1:])):
        return a
    return tuple(sorted(set(a) | set(b)))


def _ranks_in(vocabulary: tuple, merged: tuple) -> np.ndarray | None:
    """Rank in ``merged`` of each entry of ``vocabulary`` (None when the two are the same)."""
    if vocabulary == merged:
        return None
    rank = {t: i for i, t in enumerate(merged)}
    return np.array([rank[t] for t in vocabulary], dtype=np.int64)


def _relabelled(g: CSRGraph, nvocab: tuple, evocab: tuple):
    """Node and slot labels of ``g`` re-ranked in the merged vocabularies."""
    nmap = _ranks_in(g.node_vocabulary, nvocab)
    emap = _ranks_in(g.edge_vocabulary, evocab)
    nodes = g.node_labels if nmap is None else nmap[g.node_labels]
    slots = g.slot_labels if emap is None else 2 * emap[g.slot_labels // 2] + g.slot_labels % 2
    return nodes, slots


def disjoint_union(g1: CSRGraph, g2: CSRGraph) -> CSRGraph:
    """The disjoint union of two CSR graphs: nodes of ``g1`` first, then those of ``g2`` shifted by ``g1.n_nodes``.

    Labels are re-ranked over the union of both vocabularies (sorted texts),
    so equal label texts get equal codes; graphs that already share one
    vocabulary keep their codes.  The union has no node names and the
    directedness of ``g1``.

    Examples
    --------
    >>> import networkx as nx
    >>> u = disjoint_union(as_csr_graph(nx.path_graph(2)), as_csr_graph(nx.path_graph(3)))
    >>> u.n_nodes, u.indices.tolist()
    (5, [1, 0, 3, 2, 4, 3])
    """
    require_csr(g1, "g1")
    require_csr(g2, "g2")
    nvocab = _merged_vocabulary(g1.node_vocabulary, g2.node_vocabulary)
    evocab = _merged_vocabulary(g1.edge_vocabulary, g2.edge_vocabulary)
    n1l, s1 = _relabelled(g1, nvocab, evocab)
    n2l, s2 = _relabelled(g2, nvocab, evocab)
    indptr = np.concatenate((g1.indptr, g2.indptr[1:] + g1.indptr[-1]))
    indices = np.concatenate((g1.indices, g2.indices + g1.n_nodes))
    return CSRGraph(indptr, indices, np.concatenate((s1, s2)), np.concatenate((n1l, n2l)), g1.directed, None,
                    nvocab, evocab)
