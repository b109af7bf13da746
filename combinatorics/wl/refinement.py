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

import numbers
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, NamedTuple

import numpy as np

from mathref.display import html_table
from mathref.equality import fields_equal
from mathref.errors import InvalidArgumentError
from mathref.jit import JIT_ENABLED, LazyKernel
from mathref.validation import check_fields, checked_fields

from ._refinement_kernels import wl_assign_ranks, wl_order_by_colour_and_key, wl_sorted_signatures  # noqa: F401
from .csr import CSRGraph, as_csr_graph, disjoint_union, int_array, require_csr

if TYPE_CHECKING:
    import networkx as nx
    from numpy.typing import ArrayLike

__all__ = [
    "ColourRefinement",
    "PairRefinement",
    "colour_refinement",
    "refine_pair",
    # the engine, for the sibling modules (hashes, isomorphism search) and lp/
    "Colouring",
    "RoundTable",
    "RefinementRun",
    "initial_colours",
    "run_refinement",
    "check_iterations",
]


# ---------------------------------------------------------------------------
# the refinement engine
# ---------------------------------------------------------------------------


@checked_fields
class Colouring(NamedTuple):
    """A colouring of a graph's nodes by the colours ``0 .. n_colours - 1``."""

    colours: np.ndarray
    n_colours: int


@checked_fields
class RoundTable(NamedTuple):
    """What one refinement round that split a class computed (handed to a ``table_sink``).

    ``codes`` holds, row by row of the CSR graph, the sorted (edge label,
    neighbour colour) codes of ``old_colours``; ``order`` sorts the nodes by
    (old colour, signature), so runs of equal ``colours`` along it are the new
    classes.
    """

    old_colours: np.ndarray
    old_n_colours: int
    colours: np.ndarray
    n_colours: int
    order: np.ndarray
    indptr: np.ndarray
    codes: np.ndarray


@checked_fields
class RefinementRun(NamedTuple):
    """Outcome of :func:`run_refinement`.

    ``distinguished_round`` is only set when a ``split`` was given: the first
    round (0 = the initial colouring) whose two parts have different colour
    histograms, where refinement stopped.
    """

    colours: np.ndarray
    n_colours: int
    rounds: int
    stable: bool
    history: tuple
    distinguished_round: int | None


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


#: Below this many nodes refinement runs as plain Python until the compiled kernels are loaded (see
#: :func:`._refinement_kernels.python_kernels`): tiny graphs do not pay seconds of cold compilation.
_COMPILE_FROM = 64


def _default_kernels(n: int) -> tuple:
    from . import _refinement_kernels as RK

    if JIT_ENABLED and n < _COMPILE_FROM and isinstance(RK.wl_sorted_signatures, LazyKernel):
        p = RK.python_kernels()
        return p.wl_sorted_signatures, p.wl_order_by_colour_and_key, p.wl_assign_ranks
    return RK.wl_sorted_signatures, RK.wl_order_by_colour_and_key, RK.wl_assign_ranks


def _refine_round(indptr, indices, slot_labels, colours, n_colours, codes, keys, *, kernels=None):
    """One refinement round; returns (new colours, number of colours, order); fills ``codes`` and ``keys``."""
    if kernels is None:
        kernels = _default_kernels(colours.shape[0])
    sig, sort, rank = kernels
    sig(indptr, indices, slot_labels, colours, n_colours, codes, keys)
    # old colour first: keeps each old class a contiguous block of new colours
    order = sort(colours, keys, n_colours)
    new = np.empty_like(colours)
    k, collision = rank(order, colours, indptr, codes, keys, new)
    if collision:
        new, k, order = _exact_ranks(colours, indptr, codes)
    return new, int(k), order


def initial_colours(node_labels: ArrayLike) -> Colouring:
    """Dense ranks 0..K-1 of node label codes (already canonical ranks): the colouring of round 0.

    Examples
    --------
    >>> initial_colours(np.array([4, 1, 4]))
    Colouring(colours=array([1, 0, 1]), n_colours=2)
    """
    node_labels = int_array(node_labels, "node_labels")
    uniq, inv = np.unique(node_labels, return_inverse=True)
    return Colouring(inv.astype(np.int64).ravel(), int(uniq.size))


def run_refinement(g: CSRGraph, colours: np.ndarray, n_colours: int, *, max_rounds: int | None = None,
                   split: int | None = None,
                   table_sink: Callable[[RoundTable], None] | None = None, kernels: object | None = None,
                   sink_stable_round: bool = False) -> RefinementRun:
    """Refine ``colours`` on ``g`` to the stable partition (or for ``max_rounds`` rounds).

    With ``split`` the nodes ``[0, split)`` and ``[split, n)`` are two graphs
    (a :func:`~.csr.disjoint_union`) whose colour histograms are compared
    before the first round and after every round; refinement stops at the
    first difference.  ``table_sink`` receives a :class:`RoundTable` for every
    round that splits a class, and with ``sink_stable_round`` also for the
    final round that splits nothing (so a colouring that is stable from the
    start still shows its aggregation, as the hashes need).  ``kernels``
    replaces the three Numba kernels (the tests pass their plain-Python twins).

    Examples
    --------
    >>> import networkx as nx
    >>> g = as_csr_graph(nx.path_graph(4))
    >>> run = run_refinement(g, *initial_colours(g.node_labels))
    >>> run.colours.tolist(), run.rounds, run.stable
    ([0, 1, 1, 0], 1, True)
    """
    require_csr(g, "g")
    indptr, indices, slot_labels = g.indptr, g.indices, g.slot_labels
    codes = np.empty(indices.shape[0], dtype=np.int64)
    keys = np.empty(indptr.shape[0] - 1, dtype=np.int64)
    history = [n_colours]
    rounds = 0
    stable = False
    distinguished = None
    if split is not None and not _same_histogram(colours, n_colours, split):
        return RefinementRun(colours, n_colours, 0, False, tuple(history), 0)
    while max_rounds is None or rounds < max_rounds:
        new, k, order = _refine_round(indptr, indices, slot_labels, colours, n_colours, codes, keys, kernels=kernels)
        if k == n_colours:
            stable = True
            if sink_stable_round and table_sink is not None:
                table_sink(RoundTable(colours, n_colours, new, k, order, indptr, codes))
            break
        if table_sink is not None:
            table_sink(RoundTable(colours, n_colours, new, k, order, indptr, codes))
        colours, n_colours = new, k
        rounds += 1
        history.append(k)
        if split is not None and not _same_histogram(colours, n_colours, split):
            distinguished = rounds
            break
    return RefinementRun(colours, n_colours, rounds, stable, tuple(history), distinguished)


def _same_histogram(colours, n_colours, split):
    a = np.bincount(colours[:split], minlength=n_colours)
    b = np.bincount(colours[split:], minlength=n_colours)
    return np.array_equal(a, b)


def check_iterations(iterations: object) -> int | None:
    """``iterations`` as a non-negative int, or None (no limit); bools and non-integers are rejected.

    Examples
    --------
    >>> check_iterations(3), check_iterations(None)
    (3, None)
    """
    if iterations is None:
        return None
    if isinstance(iterations, bool) or not isinstance(iterations, numbers.Integral) or iterations < 0:
        raise InvalidArgumentError(f"iterations={iterations!r} must be a non-negative integer")
    return int(iterations)


def _readonly(a):
    a = np.array(a, copy=True)
    a.setflags(write=False)
    return a


# ---------------------------------------------------------------------------
# public results and functions
# ---------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
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

    def _repr_html_(self) -> str:
        # notebooks: the colour classes (colour, size, first members), largest first
        labels = self.nodes if self.nodes is not None else range(len(self.colours))
        classes: dict = {}
        for node, colour in zip(labels, self.colours.tolist()):
            classes.setdefault(colour, []).append(node)
        rows = sorted(classes.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        shown = ((c, len(m), ", ".join(map(str, m[:8])) + (" …" if len(m) > 8 else "")) for c, m in rows)
        state = "stable" if self.stable else "not stable"
        return html_table(["colour", "nodes", "members"], shown,
                          caption=f"{self.n_colours} colours after {self.rounds} rounds ({state})")

    def __post_init__(self) -> None:
        check_fields(self)  # a constructor given garbage raises at once

    def __eq__(self, other):
        if not isinstance(other, ColourRefinement):
            return NotImplemented
        return fields_equal(self, other)

    __hash__ = None

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


@dataclass(frozen=True, eq=False)
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

    def __post_init__(self) -> None:
        check_fields(self)  # a constructor given garbage raises at once

    def __eq__(self, other):
        if not isinstance(other, PairRefinement):
            return NotImplemented
        return fields_equal(self, other)

    __hash__ = None


def colour_refinement(graph: nx.Graph | CSRGraph, *, node_attr: str | None = None, edge_attr: str | None = None,
                      iterations: int | None = None, initial: ArrayLike | None = None) -> ColourRefinement:
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
    iterations = check_iterations(iterations)
    if initial is None:
        colours, k = initial_colours(g.node_labels)
    else:
        try:
            init = np.asarray(initial)
        except (TypeError, ValueError):
            raise InvalidArgumentError(f"initial must be an integer array of length {g.n_nodes}") from None
        if init.shape != (g.n_nodes,) or not np.issubdtype(init.dtype, np.integer):
            raise InvalidArgumentError(f"initial must be an integer array of length {g.n_nodes}")
        colours, k = initial_colours(init.astype(np.int64))
    run = run_refinement(g, colours, k, max_rounds=iterations)
    return ColourRefinement(_readonly(run.colours), run.n_colours, run.rounds, run.stable, run.history, g.nodes,
                            time.perf_counter() - t0)


def refine_pair(graph1: nx.Graph | CSRGraph, graph2: nx.Graph | CSRGraph, *, node_attr: str | None = None,
                edge_attr: str | None = None, iterations: int | None = None) -> PairRefinement:
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
    iterations = check_iterations(iterations)
    u = disjoint_union(g1, g2)
    n1 = g1.n_nodes
    colours, k = initial_colours(u.node_labels)
    if g1.n_nodes != g2.n_nodes:
        return PairRefinement(True, 0, None, (g1.n_nodes, g2.n_nodes), _readonly(colours[:n1]),
                              _readonly(colours[n1:]), k, 0, False, (k,), time.perf_counter() - t0)
    run = run_refinement(u, colours, k, max_rounds=iterations, split=n1)
    colours, k, dround = run.colours, run.n_colours, run.distinguished_round
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
                          _readonly(colours[n1:]), k, run.rounds, run.stable, run.history, time.perf_counter() - t0)

