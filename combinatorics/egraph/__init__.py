"""E-graphs and equality saturation: terms, analyses, the e-graph, patterns, saturation, extraction, explanations.

Layers, bottom up (each module imports only those below it): ``terms`` (term
tuples, exact constant folding) and ``analyses`` (the domain-facts lattice);
``definedness`` (where a term is defined) and ``normal_form`` (exact rational-function
normal forms with Euler's formulas); ``extraction`` (cheapest terms; reads an e-graph
through its public interface);
``core`` (:class:`EGraph`); ``patterns`` (parsing, the pattern compiler,
:class:`Rewrite`); ``saturation`` (the runner); ``explain`` (checkable chains of
rewrites); ``rules`` (rule sets); ``sympy_bridge``; ``equivalence`` (the decision
procedure and the symbolic-regression helpers).

Threads: immutable objects may be shared between threads and processes
(rules, :class:`Limits`, terms, every result type: :class:`RunReport`,
:class:`Explanation`, :class:`EquivalenceResult`, ...), and so may the
functions (:func:`equivalent`, :func:`saturate` on distinct e-graphs); the
module-level caches of compiled matchers, builders, guards and the default
rule set are bounded, locked and registered with :mod:`mathref.caches`.  An
:class:`EGraph` (and a :class:`NormalFormContext`) is a mutable builder: use
each from one thread at a time.
"""

from .analyses import (
    EVEN,
    FACT_RULES,
    INTEGER,
    NEGATIVE,
    NONNEGATIVE,
    NONPOSITIVE,
    NONZERO,
    ODD,
    POSITIVE,
    REAL,
    facts_of_constant,
    make_facts,
)
from .core import EClass, EGraph
from .definedness import conditions_text, definedness_conditions, term_facts_iter
from .equivalence import (
    Counterexample,
    DedupResult,
    EquivalenceResult,
    canonical_form,
    deduplicate,
    equivalent,
    equivalent_forms,
    evaluate_term,
    find_counterexample,
    honours_assumptions,
)
from .explain import Explanation, RewriteStep, explain_equivalence, laurent_polynomial, term_facts
from .extraction import (
    MAX_ENUMERATION_SIZE,
    Extracted,
    ast_depth,
    ast_size,
    canonical_term,
    enumerate_terms,
    extract,
    extract_all,
)
from .normal_form import NormalFormContext, normal_forms_agree
from .patterns import (
    FACT_NAMES,
    Rewrite,
    check_guard,
    compile_builder,
    compile_guard,
    compile_matcher,
    instantiate,
    instantiate_term,
    match_term,
    parse_pattern,
    pattern_vars,
    rewrite,
)
from .rules import (
    ac_rules,
    arithmetic_rules,
    default_rules,
    distributivity_rules,
    log_exp_rules,
    normalization_rules,
    power_rules,
    trig_rules,
    unsound_rules,
)
from .saturation import IterationStats, Limits, RunReport, saturate
from .sympy_bridge import from_term, symbol_facts, symbols_of, to_term
from .terms import ARITY, LEAF_OPS, fold_constant, term_depth, term_size, term_to_str

__all__ = [
    # terms
    "LEAF_OPS", "ARITY", "term_to_str", "term_size", "term_depth", "fold_constant",
    # analyses
    "REAL", "POSITIVE", "NONNEGATIVE", "NEGATIVE", "NONZERO", "INTEGER", "EVEN", "ODD", "NONPOSITIVE",
    "FACT_RULES", "facts_of_constant",
    "make_facts",
    # core
    "EGraph", "EClass",
    # definedness and normal forms
    "definedness_conditions", "conditions_text", "term_facts_iter", "NormalFormContext", "normal_forms_agree",
    # patterns
    "Rewrite", "rewrite", "parse_pattern", "pattern_vars", "FACT_NAMES", "compile_matcher", "compile_builder",
    "compile_guard", "instantiate", "match_term", "instantiate_term", "check_guard",
    # saturation
    "Limits", "RunReport", "IterationStats", "saturate",
    # extraction
    "Extracted", "extract", "extract_all", "ast_size", "ast_depth", "canonical_term", "enumerate_terms",
    "MAX_ENUMERATION_SIZE",
    # explanations
    "Explanation", "RewriteStep", "explain_equivalence", "term_facts", "laurent_polynomial",
    # rule sets
    "ac_rules", "arithmetic_rules", "distributivity_rules", "power_rules", "log_exp_rules", "trig_rules",
    "normalization_rules", "default_rules", "unsound_rules",
    # sympy bridge
    "to_term", "from_term", "symbol_facts", "symbols_of",
    # decision procedure and symbolic-regression helpers
    "EquivalenceResult", "Counterexample", "DedupResult", "equivalent", "evaluate_term", "find_counterexample",
    "honours_assumptions",
    "canonical_form", "deduplicate", "equivalent_forms",
]
