"""Hypothesis strategies for spectral, for use in your own test-suites.

This package imports hypothesis; the runtime package ``spectral`` never does.
"""

__all__: list[str] = []

from .tensors import *  # noqa: E402,F401,F403  (issue 4)
from .tensors import __all__ as _tensors_all  # noqa: E402

__all__ += _tensors_all

from .polynomials import bounded_parity_polynomials  # noqa: E402  (issue 5)

__all__ += ["bounded_parity_polynomials"]
