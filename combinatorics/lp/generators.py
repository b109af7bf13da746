"""Generators of textbook LP/MILP models (exact data) for tests, notebooks and benchmarks."""

from __future__ import annotations

from fractions import Fraction

from .model import LPModel
from .numbers import as_number

__all__ = ["bin_packing_model"]


def bin_packing_model(sizes, capacity, n_bins, *, name: str = "bin packing") -> LPModel:
    """The textbook bin-packing MILP: minimise bins used, each item in one bin, capacity respected.

    Variables ``y[b]`` (bin ``b`` used, binary) and ``x[i,b]`` (item ``i`` in
    bin ``b``, binary); rows ``assign[i]: sum_b x[i,b] = 1`` and
    ``cap[b]: sum_i size_i x[i,b] - capacity y[b] <= 0``.  The bins are
    identical, so the model is symmetric decomposable.

    Examples
    --------
    >>> m = bin_packing_model([3, 5, 4], 8, 2)
    >>> m.n_variables, m.n_constraints, m.solve()[1]
    (8, 5, 2.0)
    """
    sizes = [as_number(s, "sizes") for s in sizes]
    capacity = as_number(capacity, "capacity")
    n_items = len(sizes)
    n_bins = int(n_bins)
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
        rows.append(tuple([(b, -capacity)] + [(x(i, b), sizes[i]) for i in range(n_items)]))
        senses.append("<=")
        rhs.append(Fraction(0))
        cnames.append(f"cap[{b}]")
    n = len(vnames)
    obj = tuple([Fraction(1)] * n_bins + [Fraction(0)] * (n - n_bins))
    return LPModel("min", obj, tuple(rows), tuple(senses), tuple(rhs), (Fraction(0),) * n, (Fraction(1),) * n,
                   (1,) * n, tuple(vnames), tuple(cnames), Fraction(0), name)
