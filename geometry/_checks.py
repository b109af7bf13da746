"""The ground floor's argument checks, raising only :mod:`mathref.errors` types (used by every geometry module).

:mod:`mathref.validation` signals some bad inputs with the builtin ``TypeError``
(None, strings, bools, symbolic expressions) and lets ``None`` through
``as_float_array`` as NaN and complex input as its real part.  Geometry promises
library errors that name the argument (issue 17 §4), so its modules import the
checks from here: the same functions, with builtin ``TypeError``/``ValueError``
re-raised as :class:`~mathref.errors.InvalidTypeError` /
:class:`~mathref.errors.InvalidArgumentError` (same message), and float arrays
refusing ``None``, text and complex values up front.
"""

from __future__ import annotations

import functools

import numpy as np

from mathref import validation as _v
from mathref.errors import InvalidArgumentError, InvalidTypeError, MathrefError

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


def _library_errors(check):
    @functools.wraps(check)
    def wrapper(*args, **kwargs):
        try:
            return check(*args, **kwargs)
        except MathrefError:
            raise
        except TypeError as exc:
            raise InvalidTypeError(str(exc)) from None
        except (ValueError, OverflowError) as exc:
            raise InvalidArgumentError(str(exc)) from None

    return wrapper


as_int = _library_errors(_v.as_int)
as_nonneg_int = _library_errors(_v.as_nonneg_int)
as_positive_float = _library_errors(_v.as_positive_float)
as_rng = _library_errors(_v.as_rng)
two_times = _library_errors(_v.two_times)
two_times_nonneg = _library_errors(_v.two_times_nonneg)
_as_float_array = _library_errors(_v.as_float_array)


def as_float_array(x, name: str, *, ndim: int | None = None, last_dim: int | None = None) -> np.ndarray:
    """``mathref.validation.as_float_array`` that refuses None, text, bools as a whole and complex values."""
    if x is None or isinstance(x, (str, bytes, bool, np.bool_)):
        raise InvalidTypeError(f"{name}={x!r} must be a real number or an array of real numbers")
    if isinstance(x, (complex, np.complexfloating)) or (isinstance(x, np.ndarray) and x.dtype.kind == "c"):
        raise InvalidTypeError(f"{name} must be real, got complex values")
    if isinstance(x, np.ndarray) and x.dtype.kind not in "iuf":
        raise InvalidTypeError(f"{name} must be real numbers, got dtype {x.dtype}")
    return _as_float_array(x, name, ndim=ndim, last_dim=last_dim)
