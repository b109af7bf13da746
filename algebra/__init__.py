"""Exact algebra: angular-momentum coupling, Gaunt coefficients, integer linear algebra, chemistry.

Exact functions return :class:`~mathref.exact.SqrtRational` (or ints and
Fractions); float tables and batched evaluators are separate functions whose
names say so.  Each subject is a subpackage: :mod:`~mathref.algebra.angular`
(coupling coefficients and Gaunt coefficients, exact and float),
:mod:`~mathref.algebra.intlinalg` (integer lattices, circuits, canonical
optimisation) and :mod:`~mathref.algebra.chemistry` (formulas, balancing,
complete reaction sets, redox); the names below are re-exported from them.
"""

from typing import TYPE_CHECKING

from mathref.lazy import attach

# The re-exports load on first use (mathref.lazy): importing the package stays cheap,
# and type checkers read the names here.
if TYPE_CHECKING:
    from mathref.exact import SqrtRational

    from .angular import (
        ExactCouplingTable,
        RealGauntRule,
        clebsch_gordan,
        clebsch_gordan_array,
        clebsch_gordan_exact_table,
        clebsch_gordan_table,
        gaunt,
        gaunt_block,
        gaunt_table_exact,
        gaunt_tensor,
        racah_w,
        real_gaunt,
        real_gaunt_block,
        real_gaunt_rules,
        real_gaunt_table_exact,
        real_gaunt_tensor,
        wigner_3j,
        wigner_3j_array,
        wigner_3j_exact_table,
        wigner_3j_table,
        wigner_6j,
        wigner_6j_array,
        wigner_6j_exact_table,
        wigner_9j,
        wigner_9j_array,
    )
    from .chemistry import (
        CompositionMatrix,
        Formula,
        FormulaError,
        NotBalanceableError,
        Reaction,
        ReactionNetwork,
        ReactionSet,
        ReactionSpace,
        balance,
        balance_redox,
        combine_half_reactions,
        complete_reaction_set,
        composition_matrix,
        diagnose_unbalanceable,
        half_reaction,
        iter_complete_reaction_set,
        oxidation_states,
        parse_equation,
        parse_formula,
        reaction_network,
        reaction_space,
        signed_composition,
        species_order,
    )
    from .intlinalg import (
        as_int_vector,
        circuits,
        exact_lp_min,
        extended_gcd,
        hermite_normal_form,
        integer_kernel,
        is_feasible,
        iter_circuit_batches,
        iter_circuits,
        left_kernel,
        min_sum_solution,
        primitive,
        rank,
        rational_kernel,
    )


__all__ = [
    "SqrtRational",
    # exact angular-momentum coupling
    "clebsch_gordan",
    "wigner_3j",
    "wigner_6j",
    "wigner_9j",
    "racah_w",
    # bulk exact tables
    "ExactCouplingTable",
    "clebsch_gordan_exact_table",
    "wigner_3j_exact_table",
    "wigner_6j_exact_table",
    # float coupling paths
    "clebsch_gordan_table",
    "wigner_3j_table",
    "clebsch_gordan_array",
    "wigner_3j_array",
    "wigner_6j_array",
    "wigner_9j_array",
    # Gaunt coefficients
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
    # chemistry and integer linear algebra
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

# chemistry diagnostics (issue 14)
__all__ += [
    "oxidation_states",
    "diagnose_unbalanceable",
    "signed_composition",
]

# integer linear algebra helpers (issue 14)
__all__ += [
    "iter_circuit_batches",
    "exact_lp_min",
    "is_feasible",
    "min_sum_solution",
    "as_int_vector",
    "extended_gcd",
]

__getattr__, __dir__ = attach(__name__, __file__)
