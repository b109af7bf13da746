"""Exact algebra: angular-momentum coupling, Gaunt coefficients, integer linear algebra, reactions.

Exact functions return :class:`~mathref.exact.SqrtRational` (or ints and
Fractions); float tables and batched evaluators are separate functions whose
names say so.
"""

from mathref.exact import SqrtRational

# --- exact angular-momentum coupling (issue 2) ---
from .coupling import clebsch_gordan, racah_w, wigner_3j, wigner_6j, wigner_9j

__all__ = [
    "SqrtRational",
    "clebsch_gordan",
    "wigner_3j",
    "wigner_6j",
    "wigner_9j",
    "racah_w",
]

# --- float coupling paths (issue 2, section 4) ---
from .coupling_float import clebsch_gordan_array, clebsch_gordan_table, wigner_3j_array, wigner_3j_table

__all__ += ["clebsch_gordan_table", "wigner_3j_table", "clebsch_gordan_array", "wigner_3j_array"]

# --- Gaunt coefficients (issue 3) ---
from .gaunt import RealGauntRule, gaunt, gaunt_table_exact, real_gaunt, real_gaunt_rules, real_gaunt_table_exact
from .gaunt_float import gaunt_block, gaunt_tensor, real_gaunt_block, real_gaunt_tensor

__all__ += [
    "gaunt",
    "real_gaunt",
    "gaunt_table_exact",
    "real_gaunt_table_exact",
    "gaunt_block",
    "real_gaunt_block",
    "gaunt_tensor",
    "real_gaunt_tensor",
    "RealGauntRule",
    "real_gaunt_rules",
]

# --- integer linear algebra and reactions (issue 6) ---
from .formula import Formula, FormulaError, parse_formula
from .intlinalg import (
    CompositionMatrix,
    circuits,
    composition_matrix,
    hermite_normal_form,
    integer_kernel,
    iter_circuits,
    left_kernel,
    primitive,
    rank,
    rational_kernel,
)
from .reactions import (
    NotBalanceableError,
    Reaction,
    ReactionNetwork,
    ReactionSet,
    ReactionSpace,
    balance,
    complete_reaction_set,
    iter_complete_reaction_set,
    parse_equation,
    reaction_network,
    reaction_space,
    species_order,
)
from .redox import balance_redox, combine_half_reactions, half_reaction

__all__ += [
    "Formula",
    "FormulaError",
    "parse_formula",
    "CompositionMatrix",
    "composition_matrix",
    "rank",
    "hermite_normal_form",
    "integer_kernel",
    "rational_kernel",
    "left_kernel",
    "primitive",
    "circuits",
    "iter_circuits",
    "NotBalanceableError",
    "Reaction",
    "ReactionSet",
    "ReactionSpace",
    "ReactionNetwork",
    "parse_equation",
    "balance",
    "reaction_space",
    "complete_reaction_set",
    "iter_complete_reaction_set",
    "reaction_network",
    "species_order",
    "balance_redox",
    "half_reaction",
    "combine_half_reactions",
]
