"""Individualisation-refinement search for an isomorphism between the two halves of a disjoint union.

Exact: a mapping is returned only after :func:`is_union_isomorphism` has
checked it slot by slot (edge labels and direction included), and a search
that ends without one has tried every candidate (unless ``greedy``).  The
graphs are the two parts ``[0, n1)`` and ``[n1, 2 n1)`` of one CSR graph (a
:func:`~.csr.disjoint_union`), so colours always share one vocabulary.

This is the engine behind :func:`~.isomorphism.is_isomorphic`,
:func:`~.isomorphism.symmetric_decomposition` and the LP model equivalence;
it is a small nauty-style search without automorphism pruning (B. McKay and
A. Piperno, "Practical graph isomorphism II", 2014, describe the full method).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from mathref.errors import InvalidArgumentError
from mathref.validation import checked_fields

from .csr import CSRGraph, disjoint_union, int_array, require_count, require_csr
from .refinement import initial_colours, run_refinement

if TYPE_CHECKING:
    from numpy.typing import ArrayLike

__all__ = [
    "SearchBudgetExceeded",
    "LabelledUnion",
    "JointRefinement",
    "SearchOutcome",
    "labelled_union",
    "refine_jointly",
    "target_cell",
    "is_union_isomorphism",
    "search_union",
]


class SearchBudgetExceeded(Exception):
    """The search visited more than its budget of search nodes (``args[0]`` is how many it had visited).

    Internal control flow: the public functions turn it into a
    :class:`~mathref.errors.ConvergenceError`, a fallback or a verdict.
    """

    @property
    def search_nodes(self) -> int:
        return int(self.args[0])


@checked_fields
class LabelledUnion(NamedTuple):
    """The disjoint union of two graphs with its round-0 colouring."""

    graph: CSRGraph
    colours: np.ndarray
    n_colours: int


@checked_fields
class JointRefinement(NamedTuple):
    """A joint colouring refined to stability, and whether the two halves' histograms came apart."""

    colours: np.ndarray
    n_colours: int
    distinguished: bool


@checked_fields
class SearchOutcome(NamedTuple):
    """Result of :func:`search_union`: the isomorphism found (or None) and the search nodes visited."""

    mapping: np.ndarray | None
    search_nodes: int


def labelled_union(g1: CSRGraph, g2: CSRGraph) -> LabelledUnion:
    """The disjoint union of ``g1`` and ``g2`` with the colouring of its node labels.

    Examples
    --------
    >>> import networkx as nx
    >>> from mathref.combinatorics.wl.csr import as_csr_graph
    >>> u = labelled_union(as_csr_graph(nx.path_graph(2)), as_csr_graph(nx.path_graph(2)))
    >>> u.graph.n_nodes, u.n_colours
    (4, 1)
    """
    require_csr(g1, "g1")
    require_csr(g2, "g2")
    u = disjoint_union(g1, g2)
    colours, k = initial_colours(u.node_labels)
    return LabelledUnion(u, colours, k)


def refine_jointly(u: CSRGraph, colours: np.ndarray, n_colours: int, n1: int) -> JointRefinement:
    """Refine a colouring of the union ``u`` to stability, stopping early when the halves differ.

    Examples
    --------
    >>> import networkx as nx
    >>> from mathref.combinatorics.wl.csr import as_csr_graph
    >>> u = labelled_union(as_csr_graph(nx.path_graph(4)), as_csr_graph(nx.star_graph(3)))
    >>> refine_jointly(u.graph, u.colours, u.n_colours, 4).distinguished
    True
    """
    require_csr(u, "u")
    n1 = require_count(n1, "n1", u.n_nodes)
    run = run_refinement(u, colours, n_colours, split=n1)
    return JointRefinement(run.colours, run.n_colours, run.distinguished_round is not None)


def target_cell(colours: np.ndarray, n_colours: int, n1: int) -> int | None:
    """Smallest non-singleton colour class of the first graph (lowest colour on ties), or None if discrete.

    Examples
    --------
    >>> target_cell(np.array([0, 1, 1, 2, 2, 2]), 3, 6), target_cell(np.array([1, 0]), 2, 2)
    (1, None)
    """
    colours = int_array(colours, "colours")
    n1 = require_count(n1, "n1", colours.size)
    n_colours = require_count(n_colours, "n_colours")
    if colours.size and (colours.min() < 0 or colours.max() >= max(n_colours, 1)):
        raise InvalidArgumentError(f"colours must lie in [0, n_colours={n_colours})")
    counts = np.bincount(colours[:n1], minlength=n_colours)
    multi = np.flatnonzero(counts > 1)
    if multi.size == 0:
        return None
    return int(multi[np.argmin(counts[multi])])


def is_union_isomorphism(u: CSRGraph, n1: int, mapping: ArrayLike) -> bool:
    """Whether ``mapping`` (first-graph index -> second-graph index) carries every slot and label across.

    Examples
    --------
    >>> import networkx as nx
    >>> from mathref.combinatorics.wl.csr import as_csr_graph
    >>> u = labelled_union(as_csr_graph(nx.path_graph(3)), as_csr_graph(nx.path_graph(3))).graph
    >>> is_union_isomorphism(u, 3, np.array([2, 1, 0])), is_union_isomorphism(u, 3, np.array([1, 0, 2]))
    (True, False)
    """
    require_csr(u, "u")
    n1 = require_count(n1, "n1", u.n_nodes)
    n = n1
    if not np.array_equal(np.sort(mapping), np.arange(n)):
        return False
    if not np.array_equal(u.node_labels[:n], u.node_labels[n1 + mapping]):
        return False
    ip = u.indptr
    m1 = ip[n1]
    deg = np.diff(ip)
    rows1 = np.repeat(np.arange(n, dtype=np.int64), deg[:n])
    rows2 = np.repeat(np.arange(n, dtype=np.int64), deg[n1:])
    a = (mapping[rows1], mapping[u.indices[:m1]], u.slot_labels[:m1])
    b = (rows2, u.indices[m1:] - n1, u.slot_labels[m1:])
    if a[0].size != b[0].size:
        return False
    oa = np.lexsort(a[::-1])
    ob = np.lexsort(b[::-1])
    return all(np.array_equal(x[oa], y[ob]) for x, y in zip(a, b))


def _discrete_mapping(colours, n1):
    o1 = np.argsort(colours[:n1], kind="stable")
    o2 = np.argsort(colours[n1:], kind="stable")
    mapping = np.empty(n1, dtype=np.int64)
    mapping[o1] = o2
    return mapping


def search_union(u: CSRGraph, n1: int, colours: np.ndarray, n_colours: int, *, greedy: bool = False,
                 budget: int | None = None) -> SearchOutcome:
    """Depth-first individualisation-refinement search for an isomorphism between the halves of ``u``.

    ``greedy`` tries only the first candidate at each level (the symmetric
    decomposable case needs no more).  Iterative, so deep searches do not hit
    Python's recursion limit.  Raises :class:`SearchBudgetExceeded` after
    ``budget`` search nodes.

    Examples
    --------
    >>> import networkx as nx
    >>> from mathref.combinatorics.wl.csr import as_csr_graph
    >>> u = labelled_union(as_csr_graph(nx.cycle_graph(4)), as_csr_graph(nx.cycle_graph(4)))
    >>> found = search_union(u.graph, 4, u.colours, u.n_colours)
    >>> found.mapping.tolist(), found.search_nodes
    ([0, 1, 2, 3], 3)
    """
    require_csr(u, "u")
    n1 = require_count(n1, "n1", u.n_nodes)
    explored = 0
    stack = [(colours, n_colours)]
    # each stack frame: a colouring to refine; children pushed in reverse so the first candidate runs first
    while stack:
        colours, k = stack.pop()
        explored += 1
        if budget is not None and explored > budget:
            raise SearchBudgetExceeded(explored)
        colours, k, distinguished = refine_jointly(u, colours, k, n1)
        if distinguished:
            continue
        cell = target_cell(colours, k, n1)
        if cell is None:
            mapping = _discrete_mapping(colours, n1)
            if is_union_isomorphism(u, n1, mapping):
                return SearchOutcome(mapping, explored)
            continue
        v = int(np.flatnonzero(colours[:n1] == cell)[0])
        candidates = np.flatnonzero(colours[n1:] == cell) + n1
        if greedy:
            candidates = candidates[:1]
        for w in candidates[::-1]:
            child = colours.copy()
            child[v] = k
            child[w] = k
            stack.append((child, k + 1))
    return SearchOutcome(None, explored)
