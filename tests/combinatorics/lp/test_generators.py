"""Model generators: the bin-packing MILP."""

from __future__ import annotations

from fractions import Fraction

from mathref.combinatorics import bin_packing_model


def test_bin_packing_layout():
    m = bin_packing_model([3, 5], 8, 2)
    assert m.variable_names == ("y[0]", "y[1]", "x[0,0]", "x[0,1]", "x[1,0]", "x[1,1]")
    assert m.constraint_names == ("assign[0]", "assign[1]", "cap[0]", "cap[1]")
    assert m.rows[2] == ((0, Fraction(-8)), (2, Fraction(3)), (4, Fraction(5)))
    assert m.senses == ("==", "==", "<=", "<=") and m.integrality == (1,) * 6
    assert m.objective == (1, 1, 0, 0, 0, 0) and m.upper == (1,) * 6


def test_bin_packing_optimum():
    assert bin_packing_model([3, 5, 4], 8, 3).solve()[1] == 2.0
