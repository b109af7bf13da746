"""Hypothesis strategies for combinatorics, for use in your own test-suites.

This package imports hypothesis; the runtime package ``combinatorics`` never does.
"""

__all__: list[str] = []

from .graphs import isomorphic_pairs, labelled_graphs, lp_models, permutations  # noqa: E402

__all__ += ["labelled_graphs", "permutations", "isomorphic_pairs", "lp_models"]

from .expressions import expression_terms, sympy_expressions  # noqa: E402

__all__ += ["expression_terms", "sympy_expressions"]
