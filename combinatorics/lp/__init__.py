"""LP/MILP models, their ORGEval variable-constraint graphs, and model equivalence.

Layers, bottom up (each module imports only those below it): ``numbers``
(exact reading and writing of numbers, equality classes); ``source`` (text or
path, and :class:`ModelFileError`); ``bounds`` (the bound-type table both readers share); ``model``
(:class:`LPModel`, with its LP/MPS writers); ``lp_format`` and ``mps_format``
(the readers); ``highs`` (to and from highspy, optional);
``model_graph`` (the bipartite graph, built on ``combinatorics.wl``);
``equivalence`` (:func:`models_equivalent`); ``generators``.
"""

from .bounds import BOUND_TYPES, BoundCollector, BoundType
from .equivalence import ModelEquivalence, models_equivalent
from .generators import bin_packing_model
from .highs import model_from_highs, model_to_highs
from .lp_format import read_lp
from .model import (
    CONTINUOUS,
    INF,
    INTEGER,
    SEMI_CONTINUOUS,
    SEMI_INTEGER,
    SENSES,
    VARIABLE_TYPES,
    LPModel,
    normalise_objective_sense,
    normalise_sense,
)
from .model_graph import ModelGraphs, model_csr_graphs, model_graph
from .mps_format import MARKER_INTEGER_BOUNDS, read_mps
from .numbers import NumberClasses, as_number, format_number, number_classes, parse_number
from .source import ModelFileError, read_source

__all__ = [
    # numbers and sources
    "INF", "NumberClasses", "as_number", "parse_number", "format_number", "number_classes", "read_source",
    "ModelFileError",
    # the model
    "LPModel", "SENSES", "VARIABLE_TYPES", "CONTINUOUS", "INTEGER", "SEMI_CONTINUOUS", "SEMI_INTEGER",
    "normalise_sense", "normalise_objective_sense",
    # readers
    "BoundType", "BOUND_TYPES", "BoundCollector", "read_lp", "read_mps", "MARKER_INTEGER_BOUNDS",
    # the ORGEval graph and equivalence
    "model_from_highs", "model_to_highs",
    "ModelGraphs", "model_csr_graphs", "model_graph", "ModelEquivalence", "models_equivalent",
    # generators
    "bin_packing_model",
]
