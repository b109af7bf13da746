"""The ORGEval variable-constraint graph of an LP/MILP model.

Exact where the model is exact: node labels are (kind, objective coefficient,
bounds, variable type) for variables and (kind, sense, right-hand side, lower
end of a ranged row) for constraints, edge labels are the coefficients, all as equality classes of
:func:`.numbers.number_classes` (exact for exact numbers, tolerance-merged
for floats).  Variable-constraint graph isomorphisms preserving the labels are
exactly the model equivalences of :func:`.equivalence.models_equivalent`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from mathref.errors import InvalidArgumentError, InvalidTypeError
from mathref.validation import checked_fields

from ..wl import CSRGraph, csr_from_edges
from .numbers import number_classes

if TYPE_CHECKING:
    from collections.abc import Sequence

    import networkx as nx

    from .model import LPModel

__all__ = ["ModelGraphs", "model_csr_graphs", "model_graph"]

_SENSE_CODE = {"<=": 0, ">=": 1, "==": 2}


@checked_fields
class ModelGraphs(NamedTuple):
    """Labelled CSR graphs of several models with one shared label vocabulary, and the numbers' class values."""

    graphs: list[CSRGraph]
    number_values: list


def _ranges_of(m):
    return [lo for lo in m.range_lower if lo is not None]


def _numbers_of(m):
    """The model's numbers in the order :func:`_label_rows` takes them apart."""
    out = list(m.objective) + list(m.rhs) + list(m.lower) + list(m.upper) + _ranges_of(m)
    for row in m.rows:
        out.extend(a for _, a in row)
    return out


def _label_size(m):
    return 3 * m.n_variables + m.n_constraints + len(_ranges_of(m)) + m.nnz


def _label_rows(m, cls):
    """Node label rows (variables first, then constraints) and the coefficient class of every nonzero."""
    n, k = m.n_variables, m.n_constraints
    obj, rhs = cls[:n], cls[n:n + k]
    lo, hi = cls[n + k:2 * n + k], cls[2 * n + k:3 * n + k]
    n_ranged = len(_ranges_of(m))
    ranges = iter(cls[3 * n + k:3 * n + k + n_ranged])
    start = 3 * n + k + n_ranged
    coef = np.asarray(cls[start:start + m.nnz], dtype=np.int64)
    lab = np.zeros((n + k, 5), dtype=np.int64)
    lab[:n, 0] = 0
    lab[:n, 1] = obj
    lab[:n, 2] = lo
    lab[:n, 3] = hi
    lab[:n, 4] = m.integrality
    lab[n:, 0] = 1
    lab[n:, 1] = [_SENSE_CODE[s] for s in m.senses]
    lab[n:, 2] = rhs
    # the lower end of a ranged row; -1 (no class) for a plain row
    lab[n:, 3] = [-1 if r is None else next(ranges) for r in m.range_lower]
    return lab, coef


def _edges(m, coef):
    """Both copies of every variable-constraint edge: (sources, targets, coefficient classes)."""
    n, k = m.n_variables, m.n_constraints
    ci = np.repeat(np.arange(k, dtype=np.int64), [len(r) for r in m.rows])
    vj = np.fromiter((j for r in m.rows for j, _ in r), dtype=np.int64, count=m.nnz)
    return np.concatenate((vj, n + ci)), np.concatenate((n + ci, vj)), np.concatenate((coef, coef))


def model_csr_graphs(models: Sequence[LPModel], rtol: float, atol: float) -> ModelGraphs:
    """The ORGEval graphs of several models as :class:`~mathref.combinatorics.wl.CSRGraph`\\ s with joint labels.

    Node labels are ranks of the label rows present in any of the models, edge
    labels ranks of the coefficient classes, so the graphs can be refined
    jointly.  Rows of a graph are its variables, then its constraints.

    Examples
    --------
    >>> from mathref.combinatorics.lp.model import LPModel
    >>> m = LPModel.from_arrays([1, 2], [[1, 3]], ["<="], [4])
    >>> (g,), values = model_csr_graphs([m], 0, 0)
    >>> g.n_nodes, g.indices.tolist(), values
    (3, [2, 2, 0, 1], [Fraction(0, 1), Fraction(1, 1), Fraction(2, 1), Fraction(3, 1), Fraction(4, 1), inf])
    """
    from .model import LPModel

    try:
        models = list(models)
    except TypeError:
        raise InvalidTypeError(f"models must be a sequence of LPModel, got {type(models).__name__}") from None
    if not models:
        raise InvalidArgumentError("models must hold at least one LPModel")
    for i, m in enumerate(models):
        if not isinstance(m, LPModel):
            raise InvalidTypeError(f"models[{i}] must be an LPModel, got {type(m).__name__}")
    pool = []
    for m in models:
        pool.extend(_numbers_of(m))
    cls, reps = number_classes(pool, rtol, atol)
    pos = 0
    labelled = []
    for m in models:
        size = _label_size(m)
        labelled.append(_label_rows(m, cls[pos:pos + size]))
        pos += size
    _, inv = np.unique(np.concatenate([lab for lab, _ in labelled]), axis=0, return_inverse=True)
    inv = inv.ravel().astype(np.int64)
    vocab_n = tuple(f"{i:012d}" for i in range(int(inv.max()) + 1 if inv.size else 1))
    vocab_e = tuple(f"{i:012d}" for i in range(len(reps) or 1))
    graphs = []
    start = 0
    for m, (lab, coef) in zip(models, labelled):
        size = lab.shape[0]
        src, dst, el = _edges(m, coef)
        graphs.append(csr_from_edges(src, dst, 2 * el, inv[start:start + size].copy(), directed=False,
                                     node_vocabulary=vocab_n, edge_vocabulary=vocab_e))
        start += size
    return ModelGraphs(graphs, reps)


def model_graph(model: LPModel, *, rtol: float = 1e-9, atol: float = 1e-12) -> nx.Graph:
    """The ORGEval bipartite graph of a model as a networkx graph.

    Nodes ``("var", name)`` carry ``label = ("var", objective coefficient,
    lower, upper, variable type)`` (type 0-3, see :class:`LPModel`) and
    ``("con", name)`` carry ``label = ("con", sense, rhs)``, or ``("con",
    "range", lo, hi)`` for a ranged row; edges carry ``coef``.  Numbers are the model's own (exact
    where the model is exact); graph isomorphisms preserving ``label`` and
    ``coef`` are exactly the model equivalences of :func:`models_equivalent`
    when the numbers are exact.

    Examples
    --------
    >>> from mathref.combinatorics.lp.model import LPModel
    >>> g = model_graph(LPModel.from_arrays([1, 2], [[1, 3]], ["<="], [4]))
    >>> sorted(g.nodes), g.edges[("var", "x1"), ("con", "c0")]["coef"]
    ([('con', 'c0'), ('var', 'x0'), ('var', 'x1')], Fraction(3, 1))
    """
    from .model import LPModel

    if not isinstance(model, LPModel):
        raise InvalidTypeError(f"model must be an LPModel, got {type(model).__name__}")
    import networkx as nx

    g = nx.Graph()
    m = model
    for j, nm in enumerate(m.variable_names):
        g.add_node(("var", nm), label=("var", m.objective[j], m.lower[j], m.upper[j], m.integrality[j]), bipartite=0)
    for i, nm in enumerate(m.constraint_names):
        lo = m.range_lower[i]
        label = ("con", m.senses[i], m.rhs[i]) if lo is None else ("con", "range", lo, m.rhs[i])
        g.add_node(("con", nm), label=label, bipartite=1)
        for j, a in m.rows[i]:
            g.add_edge(("var", m.variable_names[j]), ("con", nm), coef=a)
    return g
