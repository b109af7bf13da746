"""Model generators: the bin-packing MILP."""

from __future__ import annotations

from fractions import Fraction

import pytest

from mathref.combinatorics import bin_packing_model
from mathref.errors import InvalidArgumentError


def test_bin_packing_layout():
    m = bin_packing_model([3, 5], 8, 2)
    assert m.variable_names == ("y[0]", "y[1]", "x[0,0]", "x[0,1]", "x[1,0]", "x[1,1]")
    assert m.constraint_names == ("assign[0]", "assign[1]", "cap[0]", "cap[1]")
    assert m.rows[2] == ((0, Fraction(-8)), (2, Fraction(3)), (4, Fraction(5)))
    assert m.senses == ("==", "==", "<=", "<=") and m.integrality == (1,) * 6
    assert m.objective == (1, 1, 0, 0, 0, 0) and m.upper == (1,) * 6


def test_bin_packing_optimum():
    assert bin_packing_model([3, 5, 4], 8, 3).solve()[1] == 2.0


@pytest.mark.parametrize("args, kwargs, error, match", [
    (([3, 5], -1, 2), {}, InvalidArgumentError, "capacity"),
    (([3, 5], 0, 2), {}, InvalidArgumentError, "capacity"),
    (([3, -5], 8, 2), {}, InvalidArgumentError, r"sizes\[1\]"),
    (([3, float("inf")], 8, 2), {}, InvalidArgumentError, r"sizes\[1\]"),
    (([3, 5], 8, 0), {}, InvalidArgumentError, "n_bins"),
    (([3, 5], 8, 2.5), {}, InvalidArgumentError, "n_bins"),
    (([3, 5], 8, True), {}, InvalidArgumentError, "n_bins"),
    (("35", 8, 2), {}, TypeError, "sizes"),
    (([3, 5], 8, 10**30), {}, InvalidArgumentError, "estimate"),
    (([1] * 100, 8, 100), {"max_nonzeros": 1000}, InvalidArgumentError, "max_nonzeros=1000"),
])
def test_bin_packing_validates_at_the_call(args, kwargs, error, match):
    with pytest.raises(error, match=match):
        bin_packing_model(*args, **kwargs)


def test_bin_packing_zero_sizes_store_no_zeros():
    m = bin_packing_model([0, 5], 8, 1)
    assert m.rows[2] == ((0, Fraction(-8)), (2, Fraction(5)))
