"""Argument guards shared by the angular-momentum modules.

Two jobs, both so that garbage in gives a :mod:`mathref.errors` error at the
call and never a stray ``TypeError``, ``OverflowError`` or a hang:

* the label conversions of :mod:`mathref.validation` re-raised as
  :class:`~mathref.errors.InvalidTypeError` when the input is not a number
  (the ground floor raises the builtin ``TypeError``; ``InvalidTypeError`` is a
  subclass of it, so callers catching ``TypeError`` see no change);
* :func:`int_arguments`, a decorator for the doubled-label interface the
  subpackage offers its siblings (``three_j_doubled`` and friends): those take
  trusted Python ints, and the decorator checks exactly that, cheaply, plus a
  magnitude limit so a huge int is refused before any loop sized by it starts.
"""

from __future__ import annotations

import functools
import inspect
import numbers

from mathref import validation
from mathref.errors import InvalidArgumentError, InvalidTypeError

__all__ = ["two_times", "two_times_nonneg", "as_rational", "as_nonneg_int", "int_arguments", "as_plain_int"]


def two_times(x, name: str) -> int:
    """:func:`mathref.validation.two_times` with non-numbers raising ``InvalidTypeError``."""
    try:
        return validation.two_times(x, name)
    except InvalidTypeError:
        raise
    except TypeError as exc:
        raise InvalidTypeError(str(exc)) from None


def two_times_nonneg(x, name: str) -> int:
    """:func:`mathref.validation.two_times_nonneg` with non-numbers raising ``InvalidTypeError``."""
    try:
        return validation.two_times_nonneg(x, name)
    except InvalidTypeError:
        raise
    except TypeError as exc:
        raise InvalidTypeError(str(exc)) from None


def as_rational(x, name: str):
    """:func:`mathref.validation.as_rational` with non-numbers raising ``InvalidTypeError``."""
    try:
        return validation.as_rational(x, name)
    except InvalidTypeError:
        raise
    except TypeError as exc:
        raise InvalidTypeError(str(exc)) from None


def as_nonneg_int(x, name: str) -> int:
    """:func:`mathref.validation.as_nonneg_int` with non-numbers raising ``InvalidTypeError``."""
    if isinstance(x, bool):
        raise InvalidTypeError(f"{name}={x!r} must be an integer, not a bool")
    try:
        return validation.as_nonneg_int(x, name)
    except InvalidTypeError:
        raise
    except TypeError as exc:
        raise InvalidTypeError(str(exc)) from None


def as_plain_int(x, name: str, limit: int) -> int:
    """``x`` as a Python int with ``|x| <= limit``; numpy integers (and their 0-d arrays) are accepted.

    Raises ``InvalidTypeError`` for anything that is not an integer (bools,
    floats, strings, arrays with elements) and ``InvalidArgumentError`` naming
    the limit for a larger magnitude.
    """
    if type(x) is not int:
        if getattr(x, "shape", None) == () and type(x).__module__ == "numpy":
            x = x[()]
        if isinstance(x, bool) or not isinstance(x, numbers.Integral):
            raise InvalidTypeError(f"{name}={x!r} must be a Python int (a doubled label), got {type(x).__name__}")
        x = int(x)
    if not -limit <= x <= limit:
        raise InvalidArgumentError(f"{name}={x} exceeds the supported magnitude {limit}")
    return x


def int_arguments(limit: int):
    """Decorate a function of int arguments so that each positional argument is checked by :func:`as_plain_int`.

    Only the parameters without a default are checked (options such as
    ``extra=`` keep their own handling).  Ints within the limit, the common
    case, cost one type test and two comparisons each.
    """

    def decorate(func):
        params = [
            p.name
            for p in inspect.signature(func).parameters.values()
            if p.default is inspect.Parameter.empty and p.kind is p.POSITIONAL_OR_KEYWORD
        ]
        count = len(params)
        signature = inspect.signature(func)

        @functools.wraps(func)
        def checked(*args, **kwargs):
            if not kwargs and len(args) >= count:
                for v in args[:count]:
                    if type(v) is not int or v > limit or v < -limit:
                        break
                else:  # the common case: trusted ints, nothing to convert
                    return func(*args)
            else:  # keyword use (rare): put the arguments in order first
                bound = signature.bind(*args, **kwargs)
                args, kwargs = bound.args, bound.kwargs
            fixed = [as_plain_int(v, name, limit) for v, name in zip(args[:count], params)]
            return func(*fixed, *args[count:], **kwargs)

        return checked

    return decorate
