"""Angular-momentum coupling: Clebsch-Gordan, Wigner 3j/6j/9j, Racah W and Gaunt coefficients.

Modules
-------
coupling
    Exact coefficients (Racah's formulas on Python ints), returning
    :class:`~mathref.exact.SqrtRational`.
coupling_float
    Float64 tables and broadcast arrays of 3j/CG values (Numba kernels in
    ``_coupling_kernels``, which also hold the Racah-sum bookkeeping the exact
    path shares through their pure-Python twin).
bulk_exact
    Every nonzero CG / 3j / 6j value up to ``jmax`` in one call (the CLI's tables), by symmetry classes.
recoupling_float
    Float64 broadcast arrays of 6j and 9j symbols (kernels in ``_recoupling_kernels``).
gaunt_exact, gaunt_float
    Gaunt coefficients of complex and real harmonics, exact and float.

Besides the public functions, the subpackage offers its siblings a small
interface on doubled labels (``2j``, ``2m`` as trusted ints): :func:`is_triangle`,
:func:`three_j_doubled`, :func:`clebsch_gordan_doubled`, :func:`six_j_doubled`,
:func:`nine_j_doubled`, and on Gaunt blocks: :func:`is_gaunt_allowed`,
:func:`gaunt_prefactor`, :func:`allowed_degree_triples`, :func:`gaunt_block_exact`,
:func:`real_gaunt_block_exact`, :func:`spread_over_permutations`.
"""

from .bulk_exact import (
    ExactCouplingTable,
    clebsch_gordan_exact_table,
    six_j_rows_bound,
    three_j_rows_bound,
    wigner_3j_exact_table,
    wigner_6j_exact_table,
)
from .coupling import (
    clebsch_gordan,
    clebsch_gordan_doubled,
    is_triangle,
    nine_j_doubled,
    racah_w,
    six_j_doubled,
    three_j_doubled,
    wigner_3j,
    wigner_6j,
    wigner_9j,
)
from .coupling_float import clebsch_gordan_array, clebsch_gordan_table, wigner_3j_array, wigner_3j_table
from .gaunt_exact import (
    RealGauntRule,
    allowed_degree_triples,
    gaunt,
    gaunt_block_exact,
    gaunt_prefactor,
    gaunt_table_exact,
    is_gaunt_allowed,
    real_gaunt,
    real_gaunt_block_exact,
    real_gaunt_rules,
    real_gaunt_table_exact,
    spread_over_permutations,
)
from .gaunt_float import gaunt_block, gaunt_tensor, real_gaunt_block, real_gaunt_tensor
from .recoupling_float import wigner_6j_array, wigner_9j_array

__all__ = [
    # exact coupling
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
    # float coupling
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
    # doubled-label interface for siblings
    "is_triangle",
    "three_j_doubled",
    "clebsch_gordan_doubled",
    "six_j_doubled",
    "nine_j_doubled",
    # Gaunt-block interface for siblings
    "is_gaunt_allowed",
    "gaunt_prefactor",
    "allowed_degree_triples",
    "gaunt_block_exact",
    "real_gaunt_block_exact",
    "spread_over_permutations",
    # bulk-table sizes for siblings
    "three_j_rows_bound",
    "six_j_rows_bound",
]
