"""mathref: exact and correctly rounded reference values for research mathematics.

The library is four packages under this one import name: ``mathref.algebra``,
``mathref.geometry``, ``mathref.spectral`` and ``mathref.combinatorics``.  This
package itself is the ground floor they share (errors, the exact value type, the
jit switch, validation, factorials) and the ``mathref`` command line; it imports
none of the four.

>>> import mathref
>>> mathref.__version__
'0.1.0'
"""

from .caches import cache_info, clear_caches
from .errors import (
    AccuracyWarning,
    ConvergenceError,
    InvalidArgumentError,
    InvalidLabelError,
    MathrefError,
    MathrefWarning,
    NotRepresentableError,
)
from .exact import SqrtRational

__version__ = "0.1.0"

__all__ = [
    "SqrtRational",
    "clear_caches",
    "cache_info",
    "MathrefError",
    "InvalidArgumentError",
    "InvalidLabelError",
    "NotRepresentableError",
    "ConvergenceError",
    "MathrefWarning",
    "AccuracyWarning",
    "__version__",
]
