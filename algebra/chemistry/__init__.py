"""Chemistry on exact integers: formulas, composition matrices, balancing, complete reaction sets, redox.

Modules
-------
formula
    :func:`parse_formula` into exact element counts, charge and phase.
composition
    :func:`composition_matrix`: elements (and charge) by species.
equations
    :func:`parse_equation`: ``"A + B -> C"`` into its two sides.
reactions
    The :class:`Reaction` type and :func:`balance` (with the diagnosis of an
    impossible balance, :func:`diagnose_unbalanceable`).
networks
    Reaction spaces, complete reaction sets, reaction networks.
redox
    Balancing in acidic or basic solution, half-reactions with electrons.

Built on :mod:`mathref.algebra.intlinalg` (kernels, circuits, canonical optimisation).
"""

from .composition import CompositionMatrix, composition_matrix
from .equations import parse_equation
from .formula import ELEMENTS, Formula, FormulaError, parse_formula
from .networks import (
    ReactionNetwork,
    ReactionSet,
    ReactionSpace,
    complete_reaction_set,
    iter_complete_reaction_set,
    reaction_network,
    reaction_space,
    species_order,
)
from .reactions import NotBalanceableError, Reaction, balance, diagnose_unbalanceable, signed_composition
from .redox import balance_redox, combine_half_reactions, half_reaction, oxidation_states

__all__ = [
    "ELEMENTS",
    "Formula",
    "FormulaError",
    "parse_formula",
    "CompositionMatrix",
    "composition_matrix",
    "parse_equation",
    "NotBalanceableError",
    "Reaction",
    "balance",
    "diagnose_unbalanceable",
    "signed_composition",
    "ReactionSet",
    "ReactionSpace",
    "ReactionNetwork",
    "reaction_space",
    "complete_reaction_set",
    "iter_complete_reaction_set",
    "reaction_network",
    "species_order",
    "balance_redox",
    "half_reaction",
    "combine_half_reactions",
    "oxidation_states",
]
