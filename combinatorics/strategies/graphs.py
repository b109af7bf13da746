"""Hypothesis strategies: labelled graphs, permutations, isomorphic pairs and LP/MILP models.

Examples
--------
>>> from hypothesis import given, settings
>>> from mathref.combinatorics.strategies import isomorphic_pairs
>>> from mathref.combinatorics import is_isomorphic
>>> @settings(max_examples=20, deadline=None)
... @given(isomorphic_pairs(max_nodes=6))
... def test_relabelled_graphs_are_isomorphic(pair):
...     g, h, mapping = pair
...     assert is_isomorphic(g, h)
>>> test_relabelled_graphs_are_isomorphic()
"""

from __future__ import annotations

from fractions import Fraction

import networkx as nx
from hypothesis import strategies as st

from mathref.errors import InvalidArgumentError

from ..lp import INF, LPModel

__all__ = ["labelled_graphs", "permutations", "isomorphic_pairs", "lp_models"]


def _check_sizes(min_value, max_value, what):
    if not (isinstance(min_value, int) and isinstance(max_value, int) and 0 <= min_value <= max_value):
        raise InvalidArgumentError(f"need integers 0 <= min_{what} <= max_{what}, got {min_value}, {max_value}")


def permutations(n: int) -> st.SearchStrategy[list[int]]:
    """Permutations of ``range(n)`` as lists (``p[i]`` is the image of ``i``).

    Examples
    --------
    >>> p = permutations(4).example()
    >>> sorted(p)
    [0, 1, 2, 3]
    """
    _check_sizes(0, n, "n")
    return st.permutations(list(range(n)))


@st.composite
def _labelled_graphs(draw, min_nodes, max_nodes, directed, node_labels, edge_labels, multigraph):
    n = draw(st.integers(min_nodes, max_nodes))
    cls = {(False, False): nx.Graph, (True, False): nx.DiGraph,
           (False, True): nx.MultiGraph, (True, True): nx.MultiDiGraph}[(directed, multigraph)]
    g = cls()
    for v in range(n):
        if node_labels is not None:
            g.add_node(v, label=draw(node_labels))
        else:
            g.add_node(v)
    pairs = [(u, v) for u in range(n) for v in range(n) if (u < v or (directed and u != v))]
    if pairs:
        chosen = draw(st.lists(st.sampled_from(pairs), max_size=min(len(pairs), 3 * n),
                               unique=not multigraph))
        for u, v in chosen:
            if edge_labels is not None:
                g.add_edge(u, v, label=draw(edge_labels))
            else:
                g.add_edge(u, v)
    return g


def labelled_graphs(*, min_nodes: int = 0, max_nodes: int = 10, directed: bool = False,
                    node_labels: st.SearchStrategy | None = None, edge_labels: st.SearchStrategy | None = None,
                    multigraph: bool = False) -> st.SearchStrategy[nx.Graph]:
    """Small networkx graphs on nodes ``0..n-1``, optionally with ``label`` attributes.

    Parameters
    ----------
    min_nodes, max_nodes : int
    directed, multigraph : bool
    node_labels, edge_labels : hypothesis strategies, optional
        Drawn for every node / edge and stored under the attribute ``"label"``.

    Examples
    --------
    >>> from hypothesis import strategies as st
    >>> g = labelled_graphs(max_nodes=5, node_labels=st.integers(0, 2)).example()
    >>> all("label" in d for _, d in g.nodes(data=True))
    True
    """
    _check_sizes(min_nodes, max_nodes, "nodes")
    return _labelled_graphs(min_nodes, max_nodes, bool(directed), node_labels, edge_labels, bool(multigraph))


@st.composite
def _isomorphic_pairs(draw, graphs):
    g = draw(graphs)
    nodes = list(g.nodes)
    images = draw(st.permutations(nodes))
    # rename as well as permute, so no mapping can rely on node names
    mapping = {u: f"n{w}" for u, w in zip(nodes, images)}
    h_cls = type(g)
    h = h_cls()
    order = draw(st.permutations(nodes))
    for u in order:
        h.add_node(mapping[u], **g.nodes[u])
    edges = list(g.edges(data=True))
    edges = draw(st.permutations(edges)) if edges else edges
    for u, v, d in edges:
        h.add_edge(mapping[u], mapping[v], **d)
    return g, h, mapping


def isomorphic_pairs(graphs: st.SearchStrategy[nx.Graph] | None = None,
                     **kwargs: object) -> st.SearchStrategy[tuple[nx.Graph, nx.Graph, dict]]:
    """Triples ``(g, h, mapping)`` where ``h`` is ``g`` with nodes renamed by ``mapping`` and shuffled.

    ``graphs`` is a strategy of networkx graphs (default :func:`labelled_graphs`
    with ``kwargs``).

    Examples
    --------
    >>> g, h, mapping = isomorphic_pairs(max_nodes=4).example()
    >>> sorted(map(str, h.nodes)) == sorted(mapping.values())
    True
    """
    if graphs is None:
        graphs = labelled_graphs(**kwargs)
    elif kwargs:
        raise InvalidArgumentError("give either graphs or labelled_graphs keyword arguments, not both")
    return _isomorphic_pairs(graphs)


@st.composite
def _lp_models(draw, max_variables, max_constraints, exact, max_abs):
    n = draw(st.integers(1, max_variables))
    m = draw(st.integers(0, max_constraints))
    if exact:
        num = st.fractions(min_value=-max_abs, max_value=max_abs, max_denominator=4)
    else:
        num = st.floats(min_value=-max_abs, max_value=max_abs, allow_nan=False, allow_infinity=False)
    nonzero = num.filter(lambda x: x != 0)
    rows = []
    for _ in range(m):
        cols = draw(st.lists(st.integers(0, n - 1), unique=True, max_size=n))
        rows.append(tuple(sorted((j, draw(nonzero)) for j in cols)))
    senses = tuple(draw(st.sampled_from(["<=", ">=", "=="])) for _ in range(m))
    rhs = tuple(draw(num) for _ in range(m))
    objective = tuple(draw(num) for _ in range(n))
    lower, upper = [], []
    for _ in range(n):
        lo = draw(st.one_of(st.just(Fraction(0) if exact else 0.0), st.just(-INF), num))
        hi = draw(st.one_of(st.just(INF), num.map(lambda x, lo=lo: x if lo == -INF else lo + abs(x))))
        lower.append(lo)
        upper.append(hi)
    integrality = tuple(draw(st.integers(0, 1)) for _ in range(n))
    sense = draw(st.sampled_from(["min", "max"]))
    return LPModel(sense, objective, tuple(rows), senses, rhs, tuple(lower), tuple(upper), integrality,
                   tuple(f"x{j}" for j in range(n)), tuple(f"c{i}" for i in range(m)),
                   Fraction(0) if exact else 0.0)


def lp_models(*, max_variables: int = 6, max_constraints: int = 5, exact: bool = True,
              max_abs: int = 5) -> st.SearchStrategy[LPModel]:
    """Small LP/MILP models (:class:`mathref.combinatorics.LPModel`) with sparse rows and mixed senses.

    Parameters
    ----------
    max_variables, max_constraints : int
    exact : bool
        Fractions (denominators up to 4) when True, floats otherwise.
    max_abs : int
        Bound on the magnitude of the numbers.

    Examples
    --------
    >>> m = lp_models(max_variables=3).example()
    >>> 1 <= m.n_variables <= 3
    True
    """
    _check_sizes(1, max_variables, "variables")
    _check_sizes(0, max_constraints, "constraints")
    return _lp_models(max_variables, max_constraints, bool(exact), max_abs)
