"""Input checks shared by the layers of :mod:`spectral.qsp` (numbers only: no text, no empty phase lists).

numpy converts ``"0.5"`` to the float 0.5 without complaint; a string is never a valid
phase list, target or signal, so it is refused before any conversion.  The ground
floor's converters (:mod:`mathref.validation`, which raise only mathref errors) are
re-exported here so the package imports its checks from one place.
"""

from __future__ import annotations

import numpy as np

from mathref import validation as _validation
from mathref.errors import InvalidTypeError

__all__ = ["reject_text", "as_nonneg_int", "as_positive_float", "as_rational", "as_float_array", "as_coefficients"]


def reject_text(x, name: str) -> None:
    """Raise :class:`~mathref.errors.InvalidTypeError` naming ``name`` when x is text or holds text.

    Examples
    --------
    >>> reject_text([0.5], "phases")
    >>> reject_text("0.5", "phases")
    Traceback (most recent call last):
    ...
    mathref.errors.InvalidTypeError: phases must be numbers, not text ('0.5')
    """
    if isinstance(x, (str, bytes)) or (isinstance(x, np.ndarray) and x.dtype.kind in "USV"):
        raise InvalidTypeError(f"{name} must be numbers, not text ({x!r})")
    if isinstance(x, (list, tuple)) and any(isinstance(v, (str, bytes)) for v in x):
        raise InvalidTypeError(f"{name} must be numbers, not text ({x!r})")


# The ground floor's converters raise only mathref errors: re-exported as they are.
as_nonneg_int = _validation.as_nonneg_int
as_positive_float = _validation.as_positive_float
as_rational = _validation.as_rational
as_float_array = _validation.as_float_array


def as_coefficients(x, name: str = "coef") -> np.ndarray:
    """A non-empty 1-D array of finite real or complex numbers (dtype kept), or a mathref error naming ``name``.

    Examples
    --------
    >>> as_coefficients([0.5, 0.0, 0.25])
    array([0.5 , 0.  , 0.25])
    >>> as_coefficients(None)
    Traceback (most recent call last):
    ...
    mathref.errors.InvalidTypeError: coef=None must be a 1-D array of numbers
    """
    from mathref.errors import InvalidArgumentError

    reject_text(x, name)
    if x is None:
        raise InvalidTypeError(f"{name}=None must be a 1-D array of numbers")
    try:
        arr = np.asarray(x)
    except (TypeError, ValueError) as exc:
        raise InvalidTypeError(f"{name} cannot be read as an array of numbers: {exc}") from None
    if arr.dtype.kind not in "biufc":
        raise InvalidTypeError(f"{name} has dtype {arr.dtype}, expected numbers")
    if arr.ndim != 1 or arr.size == 0:
        raise InvalidArgumentError(f"{name} must be a non-empty 1-D array, got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise InvalidArgumentError(f"{name} contains NaN or infinite values")
    return arr
