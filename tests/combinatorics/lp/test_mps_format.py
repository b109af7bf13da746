"""The MPS reader: agreement with the LP reader, every bound type of the shared table, errors."""

from __future__ import annotations

from fractions import Fraction

import pytest

from mathref.combinatorics import models_equivalent, read_lp, read_mps
from mathref.combinatorics.lp.numbers import INF
from mathref.errors import InvalidArgumentError

from .samples import LP_TEXT, MPS_TEXT


def test_read_mps_matches_lp():
    a, b = read_lp(LP_TEXT), read_mps(MPS_TEXT)
    assert b.name == "plan"
    for field in ("sense", "objective", "rows", "senses", "rhs", "lower", "upper", "integrality",
                  "variable_names", "constraint_names", "objective_constant"):
        assert getattr(a, field) == getattr(b, field), field
    r = models_equivalent(a, b)
    assert r and r.variable_mapping == {n: n for n in a.variable_names}


def _one_column(bounds, integer_block=False):
    columns = "    x obj 1 c 1\n"
    if integer_block:
        columns = "    M 'MARKER' 'INTORG'\n" + columns + "    M 'MARKER' 'INTEND'\n"
    return read_mps(f"NAME t\nROWS\n N obj\n L c\nCOLUMNS\n{columns}RHS\n    rhs c 4\nBOUNDS\n{bounds}ENDATA\n")


@pytest.mark.parametrize("bounds, lower, upper, integer", [
    ("", 0, INF, 0),
    (" UP b x 3\n", 0, 3, 0),
    (" LO b x -1\n", -1, INF, 0),
    (" FX b x 2.5\n", Fraction(5, 2), Fraction(5, 2), 0),
    (" FR b x\n", -INF, INF, 0),
    (" MI b x\n", -INF, INF, 0),
    (" PL b x\n", 0, INF, 0),
    (" BV b x\n", 0, 1, 1),
    (" LI b x 2\n", 2, INF, 1),
    (" UI b x 7\n", 0, 7, 1),
    (" UP x 3\n", 0, 3, 0),  # no bound-set name
    (" MI b x\n UP b x 4\n", -INF, 4, 0),
    (" BV b x\n UP b x 5\n", 0, 5, 1),
])
def test_bound_types(bounds, lower, upper, integer):
    m = _one_column(bounds)
    assert (m.lower, m.upper, m.integrality) == ((lower,), (upper,), (integer,))


def test_integer_markers():
    m = _one_column("", integer_block=True)
    assert m.integrality == (1,) and (m.lower, m.upper) == ((0,), (1,))


@pytest.mark.parametrize("bounds, match", [
    (" XX b x 1\n", "unknown bound type"),
    (" UP b y 1\n", "unknown column"),
    (" UP x\n", "needs a value"),
    (" UP b x abc\n", "cannot read"),
])
def test_bad_bounds(bounds, match):
    with pytest.raises(InvalidArgumentError, match=match):
        _one_column(bounds)


def test_objective_rhs_is_minus_the_constant_and_extra_n_rows_drop():
    m = read_mps("NAME t\nROWS\n N obj\n N other\n G c\nCOLUMNS\n    x obj 2 other 5\n    x c 1\n"
                 "RHS\n    rhs obj 3 c 1\nENDATA\n")
    assert m.objective == (2,) and m.objective_constant == -3 and m.constraint_names == ("c",)


@pytest.mark.parametrize("text, match", [
    ("NAME t\nROWS\n N obj\nCOLUMNS\n    x bad 1\nENDATA\n", "unknown row"),
    ("NAME t\nROWS\n N obj\nCOLUMNS\n    x obj\nENDATA\n", "pairs"),
    ("NAME t\nFOO\nENDATA\n", "unknown section"),
    ("    x obj 1\n", "outside a section"),
])
def test_read_mps_errors(text, match):
    with pytest.raises(InvalidArgumentError, match=match):
        read_mps(text)
