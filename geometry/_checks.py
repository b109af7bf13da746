"""The argument checks every geometry module imports (the ground floor's, plus stricter float arrays).

The scalar checks are :mod:`mathref.validation`'s own, which raise only
:mod:`mathref.errors` types.  :func:`as_float_array` is stricter than the ground
floor's: it also refuses bools as a whole and complex input whose imaginary part is
zero, because no geometry argument is a boolean or complex array.
"""

from __future__ import annotations

import numpy as np

from mathref import validation as _v
from mathref.errors import InvalidTypeError

__all__ = [
    "as_float_array",
    "as_int",
    "as_nonneg_int",
    "as_positive_float",
    "as_rng",
    "format_half",
    "two_times",
    "two_times_nonneg",
]

format_half = _v.format_half  # formats a doubled int; raises nothing


# The ground floor raises only mathref errors itself (InvalidTypeError for None, text,
# bools and symbols; InvalidArgumentError for out-of-range values and overflow), so the
# scalar checks are used as they are.
as_int = _v.as_int
as_nonneg_int = _v.as_nonneg_int
as_positive_float = _v.as_positive_float
as_rng = _v.as_rng
two_times = _v.two_times
two_times_nonneg = _v.two_times_nonneg


def as_float_array(x: object, name: str,
 *, ndim: int | None = None, last_dim: int | None = None) -> np.ndarray:
    """``mathref.validation.as_float_array`` that refuses None, text, bools as a whole and complex values."""
    if x is None or isinstance(x, (str, bytes, bool, np.bool_)):
        raise InvalidTypeError(f"{name}={x!r} must be a real number or an array of real numbers")
    if isinstance(x, (complex, np.complexfloating)) or (isinstance(x, np.ndarray) and x.dtype.kind == "c"):
        raise InvalidTypeError(f"{name} must be real, got complex values")
    if isinstance(x, np.ndarray) and x.dtype.kind not in "iuf":
        raise InvalidTypeError(f"{name} must be real numbers, got dtype {x.dtype}")
    return _v.as_float_array(x, name, ndim=ndim, last_dim=last_dim)
