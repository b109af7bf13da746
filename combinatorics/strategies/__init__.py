"""Hypothesis strategies for combinatorics, for use in your own test-suites.

This package imports hypothesis; the runtime package ``combinatorics`` never does.
"""

__all__: list[str] = []
