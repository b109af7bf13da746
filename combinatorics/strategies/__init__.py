"""Hypothesis strategies for combinatorics, for use in your own test-suites.

This package needs hypothesis (``pip install "mathref[strategies]"``); the runtime package
``mathref.combinatorics`` never imports it.
"""

from mathref.optional import require

require("hypothesis", extra="strategies", feature="mathref.combinatorics.strategies")


__all__: list[str] = []

from .graphs import isomorphic_pairs, labelled_graphs, lp_models, permutations  # noqa: E402

__all__ += ["labelled_graphs", "permutations", "isomorphic_pairs", "lp_models"]

from .expressions import expression_terms, sympy_expressions  # noqa: E402

__all__ += ["expression_terms", "sympy_expressions"]
