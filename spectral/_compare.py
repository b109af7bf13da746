"""Value equality for result types that hold numpy arrays.

The dataclass-generated ``__eq__`` compares field tuples, and ``==`` between two
arrays is an array, so ``fit == copy.deepcopy(fit)`` raised ``ValueError``.
:func:`values_equal` compares arrays by shape, dtype and every entry (NaN equal
to NaN, as a copy must equal its original) and recurses into tuples, lists and
dicts; :class:`ArrayValueEquality` gives a dataclass that ``__eq__`` and makes it
unhashable (it holds mutable arrays).
"""

from __future__ import annotations

import dataclasses

import numpy as np

__all__ = ["values_equal", "ArrayValueEquality"]


def values_equal(a, b) -> bool:
    """Structural equality: arrays entry by entry (NaN == NaN), containers element by element.

    Examples
    --------
    >>> values_equal((np.array([1.0, np.nan]), 2), (np.array([1.0, np.nan]), 2))
    True
    >>> values_equal(np.zeros(2), np.zeros(3))
    False
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
    if isinstance(a, float) and isinstance(b, float) and a != a and b != b:
        return True
    try:
        return bool(a == b)
    except (TypeError, ValueError):
        return False


class ArrayValueEquality:
    """Mixin for (frozen) dataclasses with array fields: field-wise :func:`values_equal`, unhashable.

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

    def __eq__(self, other):
        if type(other) is not type(self):
            return NotImplemented
        return all(values_equal(getattr(self, f.name), getattr(other, f.name)) for f in dataclasses.fields(self))
