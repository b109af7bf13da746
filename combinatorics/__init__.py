"""Equivalence checks: e-graphs with equality saturation, Weisfeiler-Lehman tests, LP/MILP models."""

from typing import TYPE_CHECKING

from mathref.lazy import attach

# The re-exports load on first use (mathref.lazy): importing the package stays cheap,
# and type checkers read the names here.
if TYPE_CHECKING:
    from .egraph import (
        MAX_ENUMERATION_SIZE,
        Counterexample,
        DedupResult,
        EGraph,
        EquivalenceResult,
        Explanation,
        Extracted,
        Limits,
        Rewrite,
        RewriteStep,
        RunReport,
        ac_rules,
        arithmetic_rules,
        canonical_form,
        canonical_term,
        deduplicate,
        default_rules,
        definedness_conditions,
        distributivity_rules,
        enumerate_terms,
        equivalent,
        equivalent_forms,
        evaluate_term,
        explain_equivalence,
        extract,
        extract_all,
        find_counterexample,
        from_term,
        honours_assumptions,
        log_exp_rules,
        normal_forms_agree,
        normalization_rules,
        parse_pattern,
        power_rules,
        rewrite,
        saturate,
        symbol_facts,
        term_to_str,
        to_term,
        trig_rules,
        unsound_rules,
    )
    from .lp import (
        LPModel,
        ModelEquivalence,
        bin_packing_model,
        model_graph,
        models_equivalent,
        read_lp,
        read_mps,
    )
    from .wl import (
        WL_HASH_VERSION,
        AutomorphismGroup,
        CanonicalLabelling,
        ColourRefinement,
        CSRGraph,
        IsomorphismResult,
        KWLResult,
        PairRefinement,
        SymmetricDecomposition,
        as_csr_graph,
        automorphism_group,
        canonical_labelling,
        colour_refinement,
        could_be_isomorphic,
        is_isomorphic,
        k_wl_colours,
        k_wl_test,
        refine_pair,
        symmetric_decomposition,
        verify_isomorphism,
        wl_graph_hash,
        wl_subgraph_hashes,
    )
    from .wl import canonical_form as graph_canonical_form  # ``canonical_form`` is the e-graph's

__all__: list[str] = []

# --- e-graphs and expression equivalence (issue 7): the egraph subpackage ---

__all__ += [
    "EGraph", "term_to_str", "Rewrite", "rewrite", "parse_pattern", "Limits", "RunReport", "saturate",
    "Extracted", "extract", "extract_all", "canonical_term", "enumerate_terms", "Explanation", "RewriteStep",
    "explain_equivalence", "to_term", "from_term", "symbol_facts", "ac_rules", "arithmetic_rules",
    "distributivity_rules", "power_rules", "log_exp_rules", "trig_rules", "normalization_rules",
    "default_rules", "unsound_rules", "EquivalenceResult", "Counterexample", "DedupResult", "equivalent",
    "evaluate_term", "find_counterexample", "canonical_form", "deduplicate", "equivalent_forms",
]

# --- Weisfeiler-Lehman (the wl subpackage) and LP/MILP model equivalence (the lp subpackage) ---

__all__ += [
    "CSRGraph", "ColourRefinement", "PairRefinement", "as_csr_graph", "colour_refinement", "refine_pair",
    "KWLResult", "k_wl_test", "k_wl_colours", "WL_HASH_VERSION", "wl_graph_hash", "IsomorphismResult",
    "SymmetricDecomposition", "could_be_isomorphic", "is_isomorphic", "verify_isomorphism",
    "symmetric_decomposition", "LPModel", "ModelEquivalence", "read_lp", "read_mps", "models_equivalent",
    "model_graph", "bin_packing_model",
    "wl_subgraph_hashes", "AutomorphismGroup", "CanonicalLabelling", "automorphism_group", "canonical_labelling",
    "graph_canonical_form",
]

# assumptions, domains and normal forms (issue 15)
__all__ += [
    "honours_assumptions",
    "definedness_conditions",
    "normal_forms_agree",
    "MAX_ENUMERATION_SIZE",
]

__getattr__, __dir__ = attach(__name__, __file__)
