"""Graph families that stress isomorphism tests: Cai-Fürer-Immerman pairs and disjoint unions.

Exact constructions on networkx graphs (no randomness unless a seed is passed).
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from mathref.errors import InvalidArgumentError, InvalidTypeError

if TYPE_CHECKING:
    from collections.abc import Iterable

    import networkx as nx

__all__ = ["cfi_graph", "disjoint_copies"]


def cfi_graph(base: nx.Graph, *, twisted: bool = False) -> nx.Graph:
    """The Cai-Fürer-Immerman graph over a connected ``base`` graph, optionally with one edge twisted.

    For every base vertex ``v`` of degree ``d`` there are ``2**(d-1)`` middle
    nodes ``("m", v, S)``, one per even subset ``S`` of its incident edges,
    and two end nodes ``("a", v, e, 0/1)`` per incident edge ``e``;
    ``("m", v, S)`` is joined to ``("a", v, e, 1)`` if ``e`` is in ``S``, else
    to ``("a", v, e, 0)``.  A base edge ``e = {u, v}`` joins ``("a", u, e, i)``
    to ``("a", v, e, i)``, crossed (``i`` to ``1 - i``) on the first edge when
    ``twisted``.  The plain and the twisted graph are not isomorphic for a
    connected base graph, yet k-WL cannot tell them apart for k below the
    base graph's treewidth (Cai, Fürer and Immerman, Combinatorica 12, 1992).
    Node attribute ``"kind"`` is ``"m"`` or ``"a"`` (not used unless asked).

    Examples
    --------
    >>> import networkx as nx
    >>> g = cfi_graph(nx.complete_graph(4))
    >>> g.number_of_nodes(), g.number_of_edges()
    (40, 60)
    """
    import networkx as nx

    if not isinstance(base, nx.Graph) or base.is_directed() or base.is_multigraph():
        raise InvalidArgumentError("base must be a simple undirected networkx graph")
    if base.number_of_edges() == 0 or not nx.is_connected(base):
        raise InvalidArgumentError("base must be connected with at least one edge")
    if any(u == v for u, v in base.edges()):
        raise InvalidArgumentError("base must have no self-loops")
    edges = [tuple(sorted((u, v), key=repr)) for u, v in base.edges()]
    index = {e: i for i, e in enumerate(edges)}
    g = nx.Graph()
    incident = {v: [] for v in base}
    for e in edges:
        incident[e[0]].append(index[e])
        incident[e[1]].append(index[e])
    for v, inc in incident.items():
        for e in inc:
            g.add_node(("a", v, e, 0), kind="a")
            g.add_node(("a", v, e, 1), kind="a")
        for r in range(0, len(inc) + 1, 2):
            for subset in itertools.combinations(inc, r):
                m = ("m", v, frozenset(subset))
                g.add_node(m, kind="m")
                for e in inc:
                    g.add_edge(m, ("a", v, e, 1 if e in subset else 0))
    for i, (u, v) in enumerate(edges):
        for b in (0, 1):
            other = 1 - b if (twisted and i == 0) else b
            g.add_edge(("a", u, i, b), ("a", v, i, other))
    return g


def disjoint_copies(graphs: Iterable[nx.Graph]) -> nx.Graph:
    """Disjoint union of the given graphs, nodes renamed ``(copy index, node)``.

    Examples
    --------
    >>> import networkx as nx
    >>> disjoint_copies([nx.path_graph(2)] * 3).number_of_nodes()
    6
    """
    import networkx as nx

    if isinstance(graphs, (str, bytes, nx.Graph)) or not hasattr(graphs, "__iter__"):
        raise InvalidTypeError(f"graphs={graphs!r:.60} must be an iterable of networkx graphs")
    graphs = list(graphs)  # a generator is read once, here
    for graph in graphs:
        if not isinstance(graph, nx.Graph):
            raise InvalidTypeError(f"disjoint_copies takes networkx graphs, got {type(graph).__name__}")

    graphs = list(graphs)
    if not graphs:
        raise InvalidArgumentError("graphs must not be empty")
    out = graphs[0].__class__()
    for i, h in enumerate(graphs):
        out.add_nodes_from(((i, u), d) for u, d in h.nodes(data=True))
        out.add_edges_from(((i, u), (i, v), d) for u, v, d in h.edges(data=True))
    return out
