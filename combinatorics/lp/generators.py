"""Generators of textbook LP/MILP models (exact data) for tests, notebooks and benchmarks."""

from __future__ import annotations

import math
import numbers
from fractions import Fraction
from typing import TYPE_CHECKING

from mathref.errors import InvalidArgumentError, InvalidTypeError, SizeLimitError

from .model import LPModel
from .numbers import as_number

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["bin_packing_model"]

# bytes per stored nonzero of an exact model (a (index, Fraction) pair in a tuple), measured on CPython 3.11
_BYTES_PER_NONZERO = 170


def bin_packing_model(sizes: Sequence[int | Fraction], capacity: int | Fraction, n_bins: int, *,
                      name: str = "bin packing",
                      max_nonzeros: int = 2_000_000) -> LPModel:
    """The textbook bin-packing MILP: minimise bins used, each item in one bin, capacity respected.

    Variables ``y[b]`` (bin ``b`` used, binary) and ``x[i,b]`` (item ``i`` in
    bin ``b``, binary); rows ``assign[i]: sum_b x[i,b] = 1`` and
    ``cap[b]: sum_i size_i x[i,b] - capacity y[b] <= 0``.  The bins are
    identical, so the model is symmetric decomposable.

    Parameters
    ----------
    sizes : sequence of numbers
        Item sizes, finite and non-negative.
    capacity : number
        Bin capacity, finite and positive.
    n_bins : int
        Number of bins, at least 1.
    max_nonzeros : int
        Refuse models with more nonzero coefficients than this (the model has
        ``n_bins * (2 * len(sizes) + 1)`` of them, about 170 bytes each).

    Examples
    --------
    >>> m = bin_packing_model([3, 5, 4], 8, 2)
    >>> m.n_variables, m.n_constraints, m.solve()[1]
    (8, 5, 2.0)
    """
    if isinstance(sizes, (str, bytes)) or not hasattr(sizes, "__iter__"):
        raise InvalidTypeError(f"sizes must be a sequence of numbers, got {type(sizes).__name__}")
    sizes = [as_number(s, f"sizes[{i}]") for i, s in enumerate(sizes)]
    for i, s in enumerate(sizes):
        if not (math.isfinite(s) and s >= 0):
            raise InvalidArgumentError(f"sizes[{i}]={s} must be finite and non-negative")
    capacity = as_number(capacity, "capacity")
    if not (math.isfinite(capacity) and capacity > 0):
        raise InvalidArgumentError(f"capacity={capacity} must be finite and positive")
    if isinstance(n_bins, bool) or not isinstance(n_bins, numbers.Integral) or n_bins < 1:
        raise InvalidArgumentError(f"n_bins={n_bins!r} must be an int >= 1")
    if isinstance(max_nonzeros, bool) or not isinstance(max_nonzeros, numbers.Integral) or max_nonzeros < 0:
        raise InvalidArgumentError(f"max_nonzeros={max_nonzeros!r} must be a non-negative int")
    n_items = len(sizes)
    n_bins = int(n_bins)
    nnz = n_bins * (2 * n_items + 1)  # an upper bound: zero sizes are dropped from the capacity rows
    if nnz > max_nonzeros:
        raise SizeLimitError(
            f"bin_packing_model with {n_items} items and n_bins={n_bins} would have {nnz:.3g} nonzeros "
            f"(estimate {nnz * _BYTES_PER_NONZERO / 1e9:.3g} GB), above max_nonzeros={max_nonzeros}",
            argument="n_bins", estimate=f"{nnz:.3g} nonzeros, {nnz * _BYTES_PER_NONZERO / 1e9:.3g} GB")
    vnames = [f"y[{b}]" for b in range(n_bins)] + [f"x[{i},{b}]" for i in range(n_items) for b in range(n_bins)]

    def x(i, b):
        return n_bins + i * n_bins + b

    rows, senses, rhs, cnames = [], [], [], []
    for i in range(n_items):
        rows.append(tuple((x(i, b), Fraction(1)) for b in range(n_bins)))
        senses.append("==")
        rhs.append(Fraction(1))
        cnames.append(f"assign[{i}]")
    for b in range(n_bins):
        rows.append(tuple([(b, -capacity)] + [(x(i, b), sizes[i]) for i in range(n_items) if sizes[i] != 0]))
        senses.append("<=")
        rhs.append(Fraction(0))
        cnames.append(f"cap[{b}]")
    n = len(vnames)
    obj = tuple([Fraction(1)] * n_bins + [Fraction(0)] * (n - n_bins))
    return LPModel("min", obj, tuple(rows), tuple(senses), tuple(rhs), (Fraction(0),) * n, (Fraction(1),) * n,
                   (1,) * n, tuple(vnames), tuple(cnames), Fraction(0), str(name))
