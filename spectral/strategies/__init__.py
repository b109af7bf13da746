"""Hypothesis strategies for spectral, for use in your own test-suites.

This package needs hypothesis (``pip install "mathref[strategies]"``); the runtime package ``spectral`` never does.
"""

from mathref.optional import require

require("hypothesis", extra="strategies", feature="mathref.spectral.strategies")


from .polynomials import bounded_parity_polynomials
from .tensors import boxes, chebyshev_series, low_rank_tensors, tucker_tensors

__all__ = ["chebyshev_series", "boxes", "tucker_tensors", "low_rank_tensors", "bounded_parity_polynomials"]
