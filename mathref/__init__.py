"""mathref: exact and correctly rounded reference values for research mathematics.

The library is four top-level packages (``algebra``, ``geometry``, ``spectral``,
``combinatorics``).  This package holds what they share (the exact value type,
the jit switch, validation, errors) and the ``mathref`` command line.

>>> import mathref
>>> mathref.__version__
'0.1.0'
"""

from .errors import (
    ConvergenceError,
    InvalidArgumentError,
    InvalidLabelError,
    MathrefError,
    NotRepresentableError,
)
from .exact import SqrtRational

__version__ = "0.1.0"

__all__ = [
    "SqrtRational",
    "MathrefError",
    "InvalidArgumentError",
    "InvalidLabelError",
    "NotRepresentableError",
    "ConvergenceError",
    "__version__",
]
