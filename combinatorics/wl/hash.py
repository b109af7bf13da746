"""Versioned Weisfeiler-Leman graph hashes.

Exact invariant, hashed: the hash digests the whole sequence of colour tables
produced by :func:`mathref.combinatorics.colour_refinement`, so two graphs get the same
hash exactly when 1-WL cannot tell them apart (up to a blake2b collision), and
isomorphic graphs always get the same hash.

Stability is part of the contract: the bytes fed to :mod:`hashlib` are
little-endian int64 arrays and UTF-8 label texts, never Python's ``hash()``,
so the value does not depend on the run, the platform or ``PYTHONHASHSEED``.
Any change to what is hashed changes :data:`WL_HASH_VERSION`, and the test-suite
pins golden values for the current version.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

import numpy as np

from mathref.errors import InvalidArgumentError, SizeLimitError

from .csr import as_csr_graph
from .refinement import RoundTable, check_iterations, initial_colours, run_refinement

if TYPE_CHECKING:
    import networkx as nx

    from .csr import CSRGraph

__all__ = ["WL_HASH_VERSION", "wl_graph_hash", "wl_subgraph_hashes"]

#: Identifies the hashing scheme; part of every digest.  Version 2 (issue 16) always digests at least one
#: aggregation round and the edge count: version 1 skipped the aggregation when the labels were already
#: stable, so the edgeless and the complete graph on 6 nodes shared a hash.
WL_HASH_VERSION = "mathref-wl-hash/2"

_SUBGRAPH_VERSION = "mathref-wl-subgraph-hash/1"


def _update_int64(h, arr) -> None:
    a = np.ascontiguousarray(arr, dtype="<i8")
    h.update(len(a).to_bytes(8, "little"))
    h.update(a.tobytes())


def _update_texts(h, texts) -> None:
    h.update(len(texts).to_bytes(8, "little"))
    for t in texts:
        b = t.encode("utf-8")
        h.update(len(b).to_bytes(8, "little"))
        h.update(b)


def _check_digest_size(digest_size):
    if isinstance(digest_size, bool) or not isinstance(digest_size, int) or not 1 <= digest_size <= 64:
        raise InvalidArgumentError(f"digest_size={digest_size!r} must be an int in [1, 64]")


_MAX_SUBGRAPH_ITERATIONS = 10_000


def _check_positive_iterations(iterations, *, allow_none: bool):
    if iterations is None and allow_none:
        return None
    try:
        it = check_iterations(iterations)
    except InvalidArgumentError:
        it = None
    if it is None or it < 1:
        raise InvalidArgumentError(f"iterations={iterations!r} must be a positive integer (at least one "
                                   "aggregation round enters every WL hash)")
    if it > _MAX_SUBGRAPH_ITERATIONS and not allow_none:
        # refinement stops changing after at most n rounds, but subgraph hashes keep one digest per round
        raise SizeLimitError(f"iterations={iterations!r} is above {_MAX_SUBGRAPH_ITERATIONS} rounds of subgraph "
                             "hashes (one digest per node and round)", argument="iterations",
                             estimate=f"{it} digests per node")
    return it


def wl_graph_hash(graph: nx.Graph | CSRGraph, *, node_attr: str | None = None, edge_attr: str | None = None,
                  iterations: int | None = None, digest_size: int = 16) -> str:
    """Hex digest of a graph's 1-WL colour refinement, stable across versions of Python and platforms.

    Contract: two graphs get the same hash exactly when 1-WL (run for
    ``iterations`` aggregation rounds, or to the stable partition) cannot tell
    them apart, i.e. exactly when :func:`~mathref.combinatorics.refine_pair`
    reports ``distinguished=False`` -- up to a blake2b collision, probability
    about 2**(-8 * digest_size).  Isomorphic graphs always get equal hashes.
    The value is tied to :data:`WL_HASH_VERSION`.

    Parameters
    ----------
    graph : networkx graph or CSRGraph
    node_attr, edge_attr : str, optional
        Attributes holding labels; labels must have a canonical text (numbers,
        strings, None, bytes, tuples of these), see :func:`mathref.combinatorics.wl.label_text`.
        A missing attribute is the label ``None`` (networkx raises ``KeyError``).
    iterations : int, optional
        Number of aggregation rounds (at least 1); default: to the stable
        partition.  Refinement stops early at a round that splits no class;
        that round is digested too, so every value larger than the number of
        splitting rounds gives the stable hash.
    digest_size : int
        Bytes of blake2b digest (1 to 64).

    Notes
    -----
    Digested, in order: the version string, directedness, node count, edge
    count (CSR slots), sorted node-label texts with their counts, sorted
    edge-label texts present, then for every aggregation round -- always at least one,
    including the round that confirms stability -- the table of new colours,
    each given by (parent colour, degree, sorted (edge label, neighbour colour)
    codes, count).  Colours are canonical ranks of those signatures, so the
    tables of two graphs agree round by round exactly when their joint
    refinement keeps equal histograms.  Unlike hashes built from concatenated
    label strings there is no ambiguity between neighbour colours 1, 13 and
    11, 3.  Multigraph edges count with multiplicity; a self-loop is one slot
    of its node (as in networkx's adjacency).

    Examples
    --------
    >>> import networkx as nx
    >>> h = wl_graph_hash(nx.path_graph(4))
    >>> h == wl_graph_hash(nx.relabel_nodes(nx.path_graph(4), {0: "a", 1: "b", 2: "c", 3: "d"}))
    True
    >>> wl_graph_hash(nx.empty_graph(6)) == wl_graph_hash(nx.complete_graph(6))
    False
    >>> wl_graph_hash(nx.cycle_graph(6)) == wl_graph_hash(nx.disjoint_union(nx.cycle_graph(3), nx.cycle_graph(3)))
    True
    >>> len(h)
    32
    """
    _check_digest_size(digest_size)
    iterations = _check_positive_iterations(iterations, allow_none=True)
    g = as_csr_graph(graph, node_attr=node_attr, edge_attr=edge_attr, strict_labels=True)
    h = hashlib.blake2b(digest_size=digest_size)
    _update_texts(h, [WL_HASH_VERSION, "directed" if g.directed else "undirected"])
    _update_int64(h, [g.n_nodes, g.indices.shape[0]])
    colours, k = initial_colours(g.node_labels)
    # colours are ranks of the labels present, so record which label texts they stand for
    present = np.unique(g.node_labels)
    _update_texts(h, [g.node_vocabulary[i] for i in present])
    _update_int64(h, np.bincount(colours, minlength=k))
    # the edge-label texts present (not the vocabulary: a graph without edges has no edge labels either way)
    _update_texts(h, [g.edge_vocabulary[i] for i in np.unique(g.slot_labels // 2)])
    degree = np.diff(g.indptr)

    def record(t: RoundTable) -> None:
        order, new, codes = t.order, t.colours, t.codes
        run_starts = np.flatnonzero(np.diff(new[order], prepend=-1))
        reps = order[run_starts]
        deg = degree[reps]
        starts = t.indptr[reps]
        offsets = np.repeat(starts - np.concatenate(([0], np.cumsum(deg)[:-1])), deg)
        gathered = codes[np.arange(deg.sum(), dtype=np.int64) + offsets]
        h.update(b"round")
        _update_int64(h, t.old_colours[reps])
        _update_int64(h, deg)
        _update_int64(h, gathered)
        _update_int64(h, np.bincount(new, minlength=t.n_colours))

    if g.n_nodes:
        run_refinement(g, colours, k, max_rounds=iterations, table_sink=record, sink_stable_round=True)
    return h.hexdigest()


def wl_subgraph_hashes(graph: nx.Graph | CSRGraph, *, node_attr: str | None = None, edge_attr: str | None = None,
                       iterations: int = 3, digest_size: int = 16,
                       include_initial_labels: bool = False) -> dict:
    """Per-node WL hashes: for each node, the digests of its depth-1, 2, ... neighbourhood unfolding.

    The ``i``-th digest of node ``v`` identifies the 1-WL colour of ``v``
    after ``i`` aggregation rounds as a rooted unfolding tree, independently
    of the graph it sits in, so digests compare across graphs (the use of
    networkx's ``weisfeiler_lehman_subgraph_hashes``: rooted-subgraph
    features, e.g. for WL kernels).  Nodes get equal ``i``-th digests exactly
    when their depth-``i`` unfoldings (labels and edge directions included) are
    equal, up to a blake2b collision.

    Parameters
    ----------
    graph : networkx graph
    node_attr, edge_attr : str, optional
        As in :func:`wl_graph_hash` (a missing attribute is the label ``None``).
    iterations : int
        Number of aggregation rounds (positive), the length of each list.
    digest_size : int
        Bytes of each blake2b digest (1 to 64).
    include_initial_labels : bool
        Put the digest of the node's own label (depth 0) first.

    Returns
    -------
    dict
        Node -> list of hex digests, depth 1 first (depth 0 first with
        ``include_initial_labels``).

    Examples
    --------
    >>> import networkx as nx
    >>> hs = wl_subgraph_hashes(nx.path_graph(3), iterations=2)
    >>> hs[0] == hs[2], hs[0][0] == hs[1][0], len(hs[1])
    (True, False, 2)
    """
    _check_digest_size(digest_size)
    iterations = _check_positive_iterations(iterations, allow_none=False)
    if not isinstance(include_initial_labels, bool):
        raise InvalidArgumentError("include_initial_labels must be a bool")
    g = as_csr_graph(graph, node_attr=node_attr, edge_attr=edge_attr, strict_labels=True)
    n = g.n_nodes
    names = g.nodes if g.nodes is not None else tuple(range(n))
    if n == 0:
        return {}
    evocab = [t.encode("utf-8") for t in g.edge_vocabulary]
    kind = b"directed" if g.directed else b"undirected"
    # depth 0: one digest per node label
    digests = [None] * n
    label_digest = {}
    for v in range(n):
        lab = int(g.node_labels[v])
        d = label_digest.get(lab)
        if d is None:
            hh = hashlib.blake2b(digest_size=digest_size)
            _update_texts(hh, [_SUBGRAPH_VERSION, kind.decode(), g.node_vocabulary[lab]])
            d = label_digest[lab] = hh.digest()
        digests[v] = d
    out = {u: ([digests[v].hex()] if include_initial_labels else []) for v, u in enumerate(names)}
    colours, k = initial_colours(g.node_labels)
    ip, ind, slots = g.indptr, g.indices, g.slot_labels
    for _ in range(iterations):
        # equal colours of the previous round <=> equal digests, so one digest per class of the new round
        run = run_refinement(g, colours, k, max_rounds=1)
        new_colours, new_k = run.colours, run.n_colours
        reps = np.full(new_k, -1, dtype=np.int64)
        reps[new_colours[::-1]] = np.arange(n - 1, -1, -1)
        class_digest = []
        for r in reps.tolist():
            row = sorted((evocab[s // 2], s % 2, digests[w])
                         for s, w in zip(slots[ip[r]:ip[r + 1]].tolist(), ind[ip[r]:ip[r + 1]].tolist()))
            hh = hashlib.blake2b(digest_size=digest_size)
            hh.update(digests[r])
            hh.update(len(row).to_bytes(8, "little"))
            for lab, direction, d in row:
                hh.update(len(lab).to_bytes(8, "little"))
                hh.update(lab)
                hh.update(bytes((direction,)))
                hh.update(d)
            class_digest.append(hh.digest())
        digests = [class_digest[c] for c in new_colours.tolist()]
        for v, u in enumerate(names):
            out[u].append(digests[v].hex())
        colours, k = new_colours, new_k
    return out
