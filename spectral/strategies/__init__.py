"""Hypothesis strategies for spectral, for use in your own test-suites.

This package imports hypothesis; the runtime package ``spectral`` never does.
"""

__all__: list[str] = []
