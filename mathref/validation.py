"""Input checks shared by the four packages.

Each helper names the offending argument and the rule it broke, so that a bad
call fails at the public boundary with a readable message instead of deep
inside numpy or numba.
"""

from __future__ import annotations

import inspect
import numbers
from collections.abc import Mapping
from fractions import Fraction
from typing import TypeVar

import numpy as np

from .errors import InvalidArgumentError, InvalidLabelError, InvalidTypeError
from .exact import rational_or_none

__all__ = [
    "check_fields",
    "checked_fields",
    "as_rational",
    "two_times",
    "two_times_nonneg",
    "check_parity",
    "as_int",
    "as_nonneg_int",
    "as_rng",
    "as_float_array",
    "as_positive_float",
    "format_half",
    "as_flag",
    "as_mapping",
    "check_callable",
]

_T = TypeVar("_T", bound=type)


def format_half(two_x: int) -> str:
    """Format a doubled half-integer for messages: 3 -> '3/2', 4 -> '2'.

    >>> format_half(3), format_half(-4)
    ('3/2', '-2')
    """
    if isinstance(two_x, bool) or not isinstance(two_x, numbers.Integral):
        raise InvalidTypeError(f"two_x={two_x!r} must be an int (a doubled half-integer)")
    two_x = int(two_x)
    return str(two_x // 2) if two_x % 2 == 0 else f"{two_x}/2"


def as_flag(x: object, name: str) -> bool:
    """A yes/no option: ``True``/``False`` (or numpy's bools); anything else is refused.

    Truthiness is not enough: an array, a string or None passed where a flag belongs is
    a mistake to report, not a value to read.

    >>> as_flag(True, "explain")
    True
    >>> as_flag("no", "explain")
    Traceback (most recent call last):
    ...
    mathref.errors.InvalidTypeError: explain='no' must be True or False
    """
    if isinstance(x, (bool, np.bool_)):
        return bool(x)
    raise InvalidTypeError(f"{name}={x!r} must be True or False")


def as_mapping(x: object, name: str, *, none: bool = True) -> dict:
    """A dict copy of a mapping argument (``None`` gives ``{}`` when ``none``); other objects are refused.

    >>> as_mapping(None, "symbol_facts"), as_mapping({"x": 1}, "symbol_facts")
    ({}, {'x': 1})
    """
    if x is None and none:
        return {}
    if isinstance(x, Mapping):
        return dict(x)
    raise InvalidTypeError(f"{name}={_short(x)} must be a mapping (a dict){' or None' if none else ''}")


def check_callable(f: object, name: str) -> None:
    """Refuse a non-callable where a function of x is expected.

    >>> check_callable(abs, "f")
    >>> check_callable(None, "f")
    Traceback (most recent call last):
    ...
    mathref.errors.InvalidTypeError: f=None must be a callable
    """
    if not callable(f):
        raise InvalidTypeError(f"{name}={_short(f)} must be a callable")


def _short(x: object) -> str:
    text = repr(x)
    return text if len(text) <= 60 else text[:57] + "..."


def as_rational(x: object, name: str) -> Fraction:
    """Convert an exact-capable number to :class:`fractions.Fraction`.

    Accepts ints (and numpy ints), Fractions, sympy Integers/Rationals and
    floats (taken at their exact binary value).  Rejects bool, complex, strings
    and symbolic expressions with ``TypeError``.
    """
    if isinstance(x, bool) or isinstance(x, np.bool_):
        raise InvalidTypeError(f"{name}={x!r} is a bool, expected a number")
    exact = rational_or_none(x)  # ints, Fractions, sympy Rationals
    if exact is not None:
        return exact
    if isinstance(x, numbers.Real):
        xf = float(x)
        if xf != xf or xf in (float("inf"), float("-inf")):
            raise InvalidArgumentError(f"{name}={x!r} is not finite")
        return Fraction(xf)
    # sympy numbers that did not register (e.g. sympy.Float) or other objects
    mod = type(x).__module__ or ""
    if mod.startswith("sympy"):
        try:
            if x.is_Rational:
                return Fraction(int(x.p), int(x.q))
            if x.is_Float:
                return Fraction(float(x))
        except AttributeError:
            pass
        raise InvalidTypeError(f"{name}={x!r} is a symbolic expression, expected a number")
    raise InvalidTypeError(f"{name}={x!r} has type {type(x).__name__}, expected an int, Fraction or float")


def two_times(x: object, name: str) -> int:
    """Return ``2*x`` as a Python int, checking that ``x`` is an integer or half-integer.

    >>> two_times(1.5, "j1"), two_times(2, "j2")
    (3, 4)
    """
    q = as_rational(x, name)
    twice = 2 * q
    if twice.denominator != 1:
        raise InvalidLabelError(f"{name}={x!r} is not a half-integer")
    return int(twice)


def two_times_nonneg(x: object, name: str) -> int:
    """Like :func:`two_times` but also requires ``x >= 0`` (angular momenta)."""
    t = two_times(x, name)
    if t < 0:
        raise InvalidLabelError(f"{name}={x!r} is negative; angular momenta must be >= 0")
    return t


def check_parity(two_j: int, two_m: int, jname: str, mname: str) -> None:
    """Require ``j - m`` to be an integer (j and m both integer or both half-integer).

    ``two_j`` and ``two_m`` are doubled labels (ints), as :func:`two_times` returns them.

    >>> check_parity(3, 1, "j", "m")
    """
    # exact paths call this per symbol: plain ints (what two_times returns) skip the slow ABC check
    if type(two_j) is not int or type(two_m) is not int:
        for value, label in ((two_j, jname), (two_m, mname)):
            if isinstance(value, bool) or not isinstance(value, numbers.Integral):
                raise InvalidTypeError(f"doubled {label}={value!r} must be an int (see two_times)")
    if (two_j - two_m) % 2:
        raise InvalidLabelError(
            f"{jname}={format_half(two_j)} and {mname}={format_half(two_m)} differ in parity: "
            f"{jname}-{mname} must be an integer"
        )


def as_int(x: object, name: str) -> int:
    """Return ``x`` as a Python int, accepting integral floats and rationals."""
    q = as_rational(x, name)
    if q.denominator != 1:
        raise InvalidArgumentError(f"{name}={x!r} is not an integer")
    return int(q)


def as_nonneg_int(x: object, name: str) -> int:
    """Return ``x`` as a non-negative Python int."""
    n = as_int(x, name)
    if n < 0:
        raise InvalidArgumentError(f"{name}={x!r} must be >= 0")
    return n


def as_positive_float(x: object, name: str) -> float:
    """Return ``x`` as a finite float > 0."""
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        raise InvalidTypeError(f"{name}={x!r} must be a real number")
    try:
        xf = float(x)
    except OverflowError:
        raise InvalidArgumentError(f"{name}={x!r} is too large for a float") from None
    if not (xf > 0 and xf < float("inf")):
        raise InvalidArgumentError(f"{name}={x!r} must be a finite number > 0")
    return xf


def as_rng(rng: "int | np.random.Generator | None") -> np.random.Generator:
    """Normalise ``rng`` (None, int seed or Generator) to a numpy Generator."""
    if isinstance(rng, np.random.Generator):
        return rng
    if rng is None or (isinstance(rng, numbers.Integral) and not isinstance(rng, bool)):
        if rng is not None and rng < 0:
            raise InvalidArgumentError(f"rng={rng!r} must be a non-negative seed")
        return np.random.default_rng(rng)
    raise InvalidTypeError(f"rng={rng!r} must be None, an int seed or a numpy.random.Generator")


def as_float_array(x: object, name: str, *, ndim: int | None = None, last_dim: int | None = None) -> np.ndarray:
    """Convert to a C-contiguous float64 array, checking type, finiteness and shape.

    Complex input with a nonzero imaginary part, strings, None and other
    objects are refused rather than converted (numpy would silently drop the
    imaginary part, parse ``"1.5"`` and turn None into NaN).

    Examples
    --------
    >>> as_float_array([1, 2.5], "x")
    array([1. , 2.5])
    >>> as_float_array([1 + 2j], "x")
    Traceback (most recent call last):
    ...
    mathref.errors.InvalidArgumentError: x has a nonzero imaginary part; expected real numbers
    """
    if x is None or isinstance(x, (str, bytes)):
        raise InvalidTypeError(f"{name}={x!r} must be a real number or an array of real numbers")
    try:
        raw = np.asarray(x)
    except (TypeError, ValueError) as exc:
        raise InvalidTypeError(f"{name} cannot be converted to a float array: {exc}") from None
    if raw.dtype.kind in "USVOMm" and raw.dtype.kind != "O":
        raise InvalidTypeError(f"{name} has dtype {raw.dtype}, expected real numbers")
    if raw.dtype.kind == "O" and any(v is None or isinstance(v, (str, bytes)) for v in raw.flat):
        raise InvalidTypeError(f"{name} holds None or strings, expected real numbers")
    if raw.dtype.kind == "c":
        if np.any(raw.imag != 0):
            raise InvalidArgumentError(f"{name} has a nonzero imaginary part; expected real numbers")
        raw = raw.real
    try:
        arr = np.ascontiguousarray(raw, dtype=np.float64)
    except OverflowError:
        raise InvalidArgumentError(f"{name} holds an integer too large for a float") from None
    except (TypeError, ValueError) as exc:
        raise InvalidTypeError(f"{name} cannot be converted to a float array: {exc}") from None
    for option, value in (("ndim", ndim), ("last_dim", last_dim)):
        if value is not None and (isinstance(value, bool) or not isinstance(value, numbers.Integral)):
            raise InvalidTypeError(f"{option}={_short(value)} must be an int or None")
    if ndim is not None and arr.ndim != ndim:
        raise InvalidArgumentError(f"{name} must have {ndim} dimensions, got shape {arr.shape}")
    if last_dim is not None and (arr.ndim == 0 or arr.shape[-1] != last_dim):
        raise InvalidArgumentError(f"{name} must have last dimension {last_dim}, got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise InvalidArgumentError(f"{name} contains NaN or infinite values")
    return arr


_FIELD_CHECKS: dict[type, tuple[tuple[str, tuple[type, ...]], ...]] = {}
_NUMERIC = {int: numbers.Integral, float: numbers.Real, complex: numbers.Complex}


def _runtime_classes(hint) -> tuple[type, ...] | None:
    """The classes ``isinstance`` can check for a type hint, or None when the hint cannot be checked cheaply."""
    import types
    import typing

    if hint is typing.Any or hint is object:
        return None
    if hint is None or hint is type(None):
        return (type(None),)
    origin = typing.get_origin(hint)
    if origin is typing.Union or origin is types.UnionType:
        parts = [_runtime_classes(arg) for arg in typing.get_args(hint)]
        if any(p is None for p in parts):
            return None
        return tuple(c for p in parts for c in p)
    if origin is not None:
        return (origin,) if isinstance(origin, type) else None
    if isinstance(hint, type):
        return (_NUMERIC.get(hint, hint),)
    return None


def check_fields(instance: object) -> None:
    """Check the fields of a dataclass or NamedTuple instance against their type hints.

    Called from ``__post_init__`` of result types, so a constructor given None or
    a string where a count or a tuple belongs raises at once instead of building
    an object that fails later.  Only what ``isinstance`` can decide is checked:
    ``int`` (any integral number, not bool), ``float`` (any real), classes,
    unions of those and the outer type of generics (``tuple[int, ...]`` checks
    for a tuple); ``object`` and ``Any`` accept anything.

    Examples
    --------
    >>> from dataclasses import dataclass
    >>> @dataclass(frozen=True)
    ... class Count:
    ...     name: str
    ...     n: int
    ...     def __post_init__(self):
    ...         check_fields(self)
    >>> Count("atoms", 3).n
    3
    >>> Count(None, 3)
    Traceback (most recent call last):
    ...
    mathref.errors.InvalidTypeError: Count.name=None must be str
    """
    cls = type(instance)
    checks = _FIELD_CHECKS.get(cls)
    if checks is None:
        import dataclasses
        import typing

        hints = typing.get_type_hints(cls)
        if dataclasses.is_dataclass(cls):
            names = [f.name for f in dataclasses.fields(cls)]
        else:
            names = list(getattr(cls, "_fields", hints))
        found = []
        for name in names:
            classes = _runtime_classes(hints.get(name, object))
            if classes is not None:
                found.append((name, classes))
        checks = _FIELD_CHECKS[cls] = tuple(found)
    for name, classes in checks:
        value = getattr(instance, name)
        if isinstance(value, classes) and not (isinstance(value, bool) and bool not in classes
                                                and numbers.Integral in classes):
            continue
        wanted = " or ".join("None" if c is type(None) else getattr(c, "__name__", str(c)) for c in classes)
        shown = repr(value)
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        raise InvalidTypeError(f"{cls.__name__}.{name}={shown} must be {wanted}")


def checked_fields(cls: _T) -> _T:
    """Class decorator for a NamedTuple result type: its constructor runs :func:`check_fields`.

    (A NamedTuple body may not define ``__new__``; the decorator wraps it afterwards.
    Pickling goes through the constructor, so unpickled values are checked too.)

    Examples
    --------
    >>> from typing import NamedTuple
    >>> @checked_fields
    ... class Pair(NamedTuple):
    ...     left: int
    ...     right: int
    >>> Pair(1, 2)
    Pair(left=1, right=2)
    >>> Pair(1, "two")
    Traceback (most recent call last):
    ...
    mathref.errors.InvalidTypeError: Pair.right='two' must be Integral
    """
    if not (isinstance(cls, type) and issubclass(cls, tuple) and hasattr(cls, "_fields")):
        raise InvalidTypeError(f"checked_fields decorates a NamedTuple class, not {cls!r}")
    original = cls.__new__

    def __new__(klass: type[_T], *args: object, **kwargs: object) -> _T:
        self = original(klass, *args, **kwargs)
        check_fields(self)
        return self

    __new__.__doc__ = original.__doc__
    # help(), inspect.signature and the docs show the fields (with their annotations), not *args/**kwargs
    __new__.__signature__ = inspect.signature(original).replace(return_annotation=cls)
    cls.__new__ = __new__
    return cls
