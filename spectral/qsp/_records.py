"""Value equality for the frozen result dataclasses of :mod:`spectral.qsp` that hold numpy arrays.

The dataclass-generated ``__eq__`` compares fields as a tuple, which raises for arrays
("truth value of an array is ambiguous"); :func:`fields_equal` compares arrays by shape,
dtype kind and values (NaN equal to NaN, so a result equals its own deep copy) and skips
fields declared ``compare=False``.
"""

from __future__ import annotations

from dataclasses import fields

import numpy as np


def _same(a, b) -> bool:
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        if not (isinstance(a, np.ndarray) and isinstance(b, np.ndarray)):
            return False
        return a.shape == b.shape and bool(np.array_equal(a, b, equal_nan=a.dtype.kind in "fc"))
    if isinstance(a, float) and isinstance(b, float) and a != a and b != b:
        return True
    return a == b


def fields_equal(x, y) -> bool:
    """True when the dataclasses x and y are of one type and agree on every compared field.

    Examples
    --------
    >>> from dataclasses import dataclass
    >>> @dataclass(eq=False)
    ... class R:
    ...     a: np.ndarray
    >>> fields_equal(R(np.arange(3)), R(np.arange(3)))
    True
    """
    if type(x) is not type(y):
        return False
    return all(_same(getattr(x, f.name), getattr(y, f.name)) for f in fields(x) if f.compare)
