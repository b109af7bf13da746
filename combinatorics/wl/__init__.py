"""Weisfeiler-Leman tests: colour refinement, k-WL, stable graph hashes and exact isomorphism.

Layers, bottom up (each module imports only those below it): ``labels``
(canonical label texts); ``csr`` (:class:`CSRGraph`, conversion from
networkx, the disjoint union); ``refinement`` (1-WL colour refinement, with its
Numba kernels in ``_refinement_kernels``); ``kwl`` (k-WL on tuples); ``hash``
(versioned WL hashes and per-node subgraph hashes); ``search``
(individualisation-refinement on a disjoint union, for ``lp``);
``canonical`` (canonical labelling and automorphism groups, with its Numba
kernels in ``_search_kernels``); ``isomorphism`` (exact isomorphism and
symmetric decomposition).

Besides the public functions, the subpackage offers its siblings (``lp``) a
small interface: :func:`initial_colours` and :func:`run_refinement` (a
:class:`RefinementRun` result), :func:`disjoint_union`, :func:`csr_from_edges`,
the search stages :func:`labelled_union`, :func:`refine_jointly`,
:func:`target_cell`, :func:`search_union` (raising
:class:`SearchBudgetExceeded`), :func:`is_union_isomorphism`, and
:func:`csr_symmetric_decomposition`.
"""

from .canonical import (
    CELL_SELECTORS,
    AutomorphismGroup,
    CanonicalLabelling,
    CSRCanonical,
    automorphism_group,
    canonical_form,
    canonical_labelling,
    csr_canonical_labelling,
)
from .csr import CSRGraph, as_csr_graph, csr_from_edges, disjoint_union
from .hash import WL_HASH_VERSION, wl_graph_hash, wl_subgraph_hashes
from .isomorphism import (
    DecompositionCheck,
    IsomorphismResult,
    SymmetricDecomposition,
    could_be_isomorphic,
    csr_symmetric_decomposition,
    is_isomorphic,
    symmetric_decomposition,
    verify_isomorphism,
)
from .kwl import KWLResult, k_wl_colours, k_wl_test
from .labels import encode_labels, label_text
from .refinement import (
    Colouring,
    ColourRefinement,
    PairRefinement,
    RefinementRun,
    RoundTable,
    check_iterations,
    colour_refinement,
    initial_colours,
    refine_pair,
    run_refinement,
)
from .search import (
    JointRefinement,
    LabelledUnion,
    SearchBudgetExceeded,
    SearchOutcome,
    is_union_isomorphism,
    labelled_union,
    refine_jointly,
    search_union,
    target_cell,
)

__all__ = [
    # labels and CSR graphs
    "label_text", "encode_labels", "CSRGraph", "as_csr_graph", "csr_from_edges", "disjoint_union",
    # colour refinement
    "ColourRefinement", "PairRefinement", "colour_refinement", "refine_pair",
    "Colouring", "RoundTable", "RefinementRun", "initial_colours", "run_refinement", "check_iterations",
    # k-WL
    "KWLResult", "k_wl_test", "k_wl_colours",
    # hashes
    "WL_HASH_VERSION", "wl_graph_hash", "wl_subgraph_hashes",
    # canonical labelling and automorphism groups
    "CELL_SELECTORS", "AutomorphismGroup", "CanonicalLabelling", "CSRCanonical", "automorphism_group",
    "canonical_form", "canonical_labelling", "csr_canonical_labelling",
    # the isomorphism search
    "SearchBudgetExceeded", "LabelledUnion", "JointRefinement", "SearchOutcome", "labelled_union",
    "refine_jointly", "target_cell", "is_union_isomorphism", "search_union",
    # isomorphism and symmetric decomposition
    "IsomorphismResult", "SymmetricDecomposition", "could_be_isomorphic", "is_isomorphic", "verify_isomorphism",
    "symmetric_decomposition", "DecompositionCheck", "csr_symmetric_decomposition",
]
