"""The mathref error hierarchy.

Every error derives from :class:`MathrefError` *and* from the builtin it most
resembles, so callers may catch either ``mathref.errors.InvalidLabelError`` or
plain ``ValueError``.
"""

from __future__ import annotations

__all__ = [
    "MathrefError",
    "InvalidLabelError",
    "InvalidArgumentError",
    "NotRepresentableError",
    "ConvergenceError",
    "MathrefWarning",
    "AccuracyWarning",
]


class MathrefError(Exception):
    """Base class of every error raised on purpose by mathref."""


class InvalidArgumentError(MathrefError, ValueError):
    """An argument has the right type but breaks a stated rule (shape, range, tolerance...)."""


class InvalidLabelError(InvalidArgumentError):
    """A quantum-number label is malformed: not a (half-)integer, negative j, j and m of different parity."""


class NotRepresentableError(MathrefError, ArithmeticError):
    """An exact operation would leave the exact value type (e.g. sqrt(2) + sqrt(3))."""


class ConvergenceError(MathrefError, RuntimeError):
    """An iterative method stopped without meeting its tolerance.

    Attributes
    ----------
    partial : object
        The best result reached before stopping (may be ``None``).
    diagnostics : dict
        Iterations, residuals, timings: whatever the method recorded.
    """

    def __init__(self, message: str, *, partial=None, diagnostics: dict | None = None):
        super().__init__(message)
        self.partial = partial
        self.diagnostics = dict(diagnostics or {})


class MathrefWarning(UserWarning):
    """Base class of every warning mathref issues, so one filter can silence or raise them all.

    >>> import warnings
    >>> issubclass(AccuracyWarning, MathrefWarning)
    True
    """


class AccuracyWarning(MathrefWarning):
    """A result is returned but did not reach the accuracy that was asked for."""
