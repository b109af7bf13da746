"""Equivalence checks: e-graphs with equality saturation, Weisfeiler-Lehman tests, LP/MILP models."""

__all__: list[str] = []

# --- e-graphs and expression equivalence (issue 7) ---
from .egraph import EGraph, term_to_str  # noqa: E402
from .patterns import Rewrite, rewrite, parse_pattern  # noqa: E402
from .saturation import Limits, RunReport, saturate  # noqa: E402
from .extraction import Extracted, extract, extract_all, canonical_term, enumerate_terms  # noqa: E402
from .explain import Explanation, RewriteStep, explain_equivalence  # noqa: E402
from .sympy_bridge import to_term, from_term, symbol_facts  # noqa: E402
from .rules import (  # noqa: E402
    ac_rules,
    arithmetic_rules,
    distributivity_rules,
    power_rules,
    log_exp_rules,
    trig_rules,
    normalization_rules,
    default_rules,
    unsound_rules,
)
from .equivalence import (  # noqa: E402
    EquivalenceResult,
    Counterexample,
    DedupResult,
    equivalent,
    evaluate_term,
    find_counterexample,
    canonical_form,
    deduplicate,
    equivalent_forms,
)

__all__ += [
    "EGraph", "term_to_str", "Rewrite", "rewrite", "parse_pattern", "Limits", "RunReport", "saturate",
    "Extracted", "extract", "extract_all", "canonical_term", "enumerate_terms", "Explanation", "RewriteStep",
    "explain_equivalence", "to_term", "from_term", "symbol_facts", "ac_rules", "arithmetic_rules",
    "distributivity_rules", "power_rules", "log_exp_rules", "trig_rules", "normalization_rules",
    "default_rules", "unsound_rules", "EquivalenceResult", "Counterexample", "DedupResult", "equivalent",
    "evaluate_term", "find_counterexample", "canonical_form", "deduplicate", "equivalent_forms",
]

# --- Weisfeiler-Lehman and LP/MILP model equivalence (issue 8) ---
from .wl import CSRGraph, ColourRefinement, PairRefinement, as_csr_graph, colour_refinement, refine_pair  # noqa: E402
from .kwl import KWLResult, k_wl_test, k_wl_colours  # noqa: E402
from .graph_hash import WL_HASH_VERSION, wl_graph_hash  # noqa: E402
from .isomorphism import (  # noqa: E402
    IsomorphismResult,
    SymmetricDecomposition,
    could_be_isomorphic,
    is_isomorphic,
    verify_isomorphism,
    symmetric_decomposition,
)
from .lp_model import (  # noqa: E402
    LPModel,
    ModelEquivalence,
    read_lp,
    read_mps,
    models_equivalent,
    model_graph,
    bin_packing_model,
)

__all__ += [
    "CSRGraph", "ColourRefinement", "PairRefinement", "as_csr_graph", "colour_refinement", "refine_pair",
    "KWLResult", "k_wl_test", "k_wl_colours", "WL_HASH_VERSION", "wl_graph_hash", "IsomorphismResult",
    "SymmetricDecomposition", "could_be_isomorphic", "is_isomorphic", "verify_isomorphism",
    "symmetric_decomposition", "LPModel", "ModelEquivalence", "read_lp", "read_mps", "models_equivalent",
    "model_graph", "bin_packing_model",
]
