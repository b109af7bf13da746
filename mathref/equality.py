"""Value equality for result types that hold numpy arrays.

A dataclass's generated ``__eq__`` compares its fields as one tuple, and ``==``
between two arrays is an array, so ``result == copy.deepcopy(result)`` raises
"the truth value of an array is ambiguous".  Every package's result types
compare through the one rule here instead: arrays by shape, dtype and every
entry, NaN equal to NaN (a copy must equal its original, and a user's NaN entry
is a value), containers element by element.
"""

from __future__ import annotations

import dataclasses

import numpy as np

__all__ = ["ArrayValueEquality", "fields_equal", "values_equal"]


def _is_nan(x: object) -> bool:
    # float, complex and numpy scalars; anything else is not NaN
    try:
        return bool(x != x)
    except (TypeError, ValueError):
        return False


def values_equal(a: object, b: object) -> bool:
    """Structural equality: arrays entry by entry (NaN == NaN), containers element by element.

    Parameters
    ----------
    a, b : object
        Arrays, tuples, lists, dicts, numbers or any objects with a boolean ``==``.

    Returns
    -------
    bool

    Examples
    --------
    >>> values_equal((np.array([1.0, np.nan]), 2), (np.array([1.0, np.nan]), 2))
    True
    >>> values_equal(np.zeros(2), np.zeros(3))
    False
    >>> values_equal(float("nan"), float("nan"))
    True
    """
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        if not (isinstance(a, np.ndarray) and isinstance(b, np.ndarray)):
            return False
        if a.shape != b.shape or a.dtype != b.dtype:
            return False
        return bool(np.array_equal(a, b, equal_nan=a.dtype.kind in "fc"))
    if isinstance(a, (tuple, list)) and isinstance(b, (tuple, list)):
        return type(a) is type(b) and len(a) == len(b) and all(values_equal(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(values_equal(a[k], b[k]) for k in a)
    if isinstance(a, (float, complex, np.number)) and isinstance(b, (float, complex, np.number)):
        if _is_nan(a) and _is_nan(b):
            return True
    try:
        return bool(a == b)
    except (TypeError, ValueError):
        return False


def fields_equal(x: object, y: object) -> bool:
    """True when dataclass instances ``x`` and ``y`` have one type and equal compared fields.

    Fields declared ``field(compare=False)`` are skipped, as a dataclass's own
    ``__eq__`` would.

    Parameters
    ----------
    x, y : dataclass instances

    Returns
    -------
    bool

    Examples
    --------
    >>> @dataclasses.dataclass(eq=False)
    ... class R:
    ...     a: np.ndarray
    >>> fields_equal(R(np.arange(3)), R(np.arange(3))), fields_equal(R(np.arange(3)), R(np.arange(4)))
    (True, False)
    """
    if type(x) is not type(y) or not dataclasses.is_dataclass(x):
        return False
    return all(values_equal(getattr(x, f.name), getattr(y, f.name)) for f in dataclasses.fields(x) if f.compare)


class ArrayValueEquality:
    """Mixin for (frozen) dataclasses with array fields: :func:`fields_equal` as ``==``, unhashable.

    Declare the dataclass with ``eq=False`` so this ``__eq__`` is kept.

    Examples
    --------
    >>> @dataclasses.dataclass(frozen=True, eq=False)
    ... class R(ArrayValueEquality):
    ...     a: np.ndarray
    >>> R(np.ones(2)) == R(np.ones(2)), R(np.ones(2)) == R(np.zeros(2))
    (True, False)
    """

    __hash__ = None

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return fields_equal(self, other)
