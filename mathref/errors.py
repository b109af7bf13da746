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
    "InvalidTypeError",
    "SizeLimitError",
    "MissingDependencyError",
    "NotRepresentableError",
    "ConvergenceError",
    "MathrefWarning",
    "AccuracyWarning",
]


class MathrefError(Exception):
    """Base class of every error raised on purpose by mathref."""


class InvalidArgumentError(MathrefError, ValueError):
    """An argument has the right type but breaks a stated rule (shape, range, tolerance...)."""


class InvalidTypeError(MathrefError, TypeError):
    """An argument has a type the function does not take (None, a string for a number, ...).

    >>> issubclass(InvalidTypeError, TypeError)
    True
    """


class SizeLimitError(InvalidArgumentError):
    """A size argument asks for more than can be computed or held; the message states the estimate.

    Attributes
    ----------
    argument : str or None
        The name of the argument that is too large.
    estimate : str or None
        What the request would cost (digits, bytes, seconds, terms), in words.

    >>> err = SizeLimitError("l=10**30 is too large", argument="l", estimate="1e60 terms")
    >>> isinstance(err, ValueError), err.argument
    (True, 'l')
    """

    def __init__(self, message: str, *, argument: str | None = None, estimate: str | None = None) -> None:
        super().__init__(message)
        self.argument = argument
        self.estimate = estimate


class MissingDependencyError(MathrefError, ModuleNotFoundError):
    """An optional package is needed for this feature; the message names the extra that installs it."""


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

    def __init__(self, message: str, *, partial: object = None, diagnostics: dict | None = None) -> None:
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
