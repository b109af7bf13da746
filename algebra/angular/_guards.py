"""Argument guards shared by the angular-momentum modules.

Two jobs, both so that garbage in gives a :mod:`mathref.errors` error at the
call and never a stray ``TypeError``, ``OverflowError`` or a hang:

* the label conversions of :mod:`mathref.validation` (which raise
  :class:`~mathref.errors.InvalidTypeError` for non-numbers), re-exported so the
  subpackage imports its checks from one place;
* :func:`int_arguments`, a decorator for the doubled-label interface the
  subpackage offers its siblings (``three_j_doubled`` and friends): those take
  trusted Python ints, and the decorator checks exactly that, cheaply, plus a
  magnitude limit so a huge int is refused before any loop sized by it starts.
"""

from __future__ import annotations

import functools
import inspect
import numbers
from collections.abc import Callable
from typing import TypeVar

from mathref import validation
from mathref.errors import InvalidArgumentError, InvalidTypeError

__all__ = ["two_times", "two_times_nonneg", "as_rational", "as_nonneg_int", "int_arguments", "as_plain_int"]

_F = TypeVar("_F", bound=Callable[..., object])


# The ground floor's label conversions raise only mathref errors (InvalidTypeError for
# non-numbers), so they are used as they are.
two_times = validation.two_times
two_times_nonneg = validation.two_times_nonneg
as_rational = validation.as_rational


def as_nonneg_int(x: object, name: str) -> int:
    """:func:`mathref.validation.as_nonneg_int`, with a bool refused by name."""
    if isinstance(x, bool):
        raise InvalidTypeError(f"{name}={x!r} must be an integer, not a bool")
    return validation.as_nonneg_int(x, name)


def as_plain_int(x: object, name: str, limit: int) -> int:
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


def int_arguments(limit: int) -> Callable[[_F], _F]:
    """Decorate a function of int arguments so that each positional argument is checked by :func:`as_plain_int`.

    Only the parameters without a default are checked (options such as
    ``extra=`` keep their own handling).  Ints within the limit, the common
    case, cost one type test and two comparisons each.
    """

    def decorate(func: _F) -> _F:
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
