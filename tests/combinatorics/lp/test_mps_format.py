"""The MPS reader: agreement with the LP reader, every bound type of the shared table, errors."""

from __future__ import annotations

from fractions import Fraction

import pytest

from mathref.combinatorics import models_equivalent, read_lp, read_mps
from mathref.combinatorics.lp import ModelFileError
from mathref.combinatorics.lp.numbers import INF
from mathref.errors import InvalidArgumentError

from .samples import HIGHS_MPS_TEXT, LP_TEXT, MPS_TEXT


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


# --- MPS as CPLEX documents it and HiGHS/PuLP write it (issue 16 §4) ------------------------------------------


def _ranged(row_type, value, rhs="4"):
    return read_mps(f"NAME\nROWS\n N obj\n {row_type} c\nCOLUMNS\n    x obj 1 c 1\nRHS\n    rhs c {rhs}\n"
                    f"RANGES\n    rng c {value}\nENDATA\n")


@pytest.mark.parametrize("row_type, value, bounds", [
    ("L", "2", (2, 4)), ("L", "-2", (2, 4)),      # [b - |R|, b]
    ("G", "2", (4, 6)), ("G", "-2", (4, 6)),      # [b, b + |R|]
    ("E", "2", (4, 6)), ("E", "-2", (2, 4)),      # by the sign of R
    ("E", "0", (4, 4)), ("L", "0", (4, 4)),
])
def test_ranges_follow_the_sign_rules(row_type, value, bounds):
    m = _ranged(row_type, value)
    assert m.row_bounds == (bounds,)
    assert m.senses == (("==",) if bounds[0] == bounds[1] else ("<=",))


def test_ranges_without_a_set_name_and_on_unknown_rows():
    m = read_mps("NAME\nROWS\n N obj\n G c\nCOLUMNS\n    x obj 1 c 1\nRHS\n    c -1\nRANGES\n    c 3\nENDATA\n")
    assert m.row_bounds == ((-1, 2),)
    with pytest.raises(ModelFileError, match="unknown row 'd'") as info:
        read_mps("NAME\nROWS\n N obj\n G c\nCOLUMNS\n    x obj 1 c 1\nRANGES\n    r d 3\nENDATA\n")
    assert info.value.line == 8


@pytest.mark.parametrize("objsense", ["OBJSENSE\n    MAX\n", "OBJSENSE MAX\n", "OBJSENSE\n MAXIMIZE\n",
                                      "OBJSENSE MAXIMIZE\n", "OBJSENCE\n    MAX\n", "OBJSENSE\n    maximise\n"])
def test_objsense_forms(objsense):
    m = read_mps(f"NAME t\n{objsense}ROWS\n N obj\nCOLUMNS\n    x obj 1\nENDATA\n")
    assert m.sense == "max"


def test_objsense_before_name_as_pulp_writes_it():
    m = read_mps("OBJSENSE\n MAX\nNAME          t\nROWS\n N  OBJ\nCOLUMNS\n    x  OBJ  1\nENDATA\n")
    assert m.sense == "max" and m.name == "t"


def test_negative_objective_rhs_is_a_positive_constant():
    m = read_mps("NAME\nROWS\n N obj\nCOLUMNS\n    x obj 1\nRHS\n    rhs obj -2.5\nENDATA\n")
    assert m.objective_constant == Fraction(5, 2)


def test_objname_picks_the_objective_row():
    m = read_mps("NAME\nOBJNAME second\nROWS\n N first\n N second\nCOLUMNS\n    x first 1 second 7\nENDATA\n")
    assert m.objective == (7,)


@pytest.mark.parametrize("option, bounds", [("binary", (0, 1)), ("nonnegative", (0, INF))])
def test_marker_integer_default_bounds_option(option, bounds):
    text = ("NAME\nROWS\n N obj\nCOLUMNS\n    M 'MARKER' 'INTORG'\n    x obj 1\n    y obj 1\n    M 'MARKER' 'INTEND'\n"
            "BOUNDS\n PL b y\nENDATA\n")
    m = read_mps(text, marker_integer_bounds=option)
    assert (m.lower[0], m.upper[0]) == bounds
    assert (m.lower[1], m.upper[1]) == (0, INF)  # any bound line switches the default off
    with pytest.raises(InvalidArgumentError, match="marker_integer_bounds"):
        read_mps(text, marker_integer_bounds="integer")


@pytest.mark.parametrize("bounds, integer_block, types, lower, upper", [
    (" SC b x 5\n", False, (2,), 0, 5),
    (" LO b x 2\n SC b x 5\n", False, (2,), 2, 5),
    (" SC b x 5\n LO b x 2\n", False, (2,), 2, 5),
    (" SI b x 5\n", False, (3,), 0, 5),
    (" SC b x 5\n", True, (3,), 0, 5),  # SC on an integer column: semi-integer, as CPLEX reads it
    (" SC b x inf\n", False, (2,), 0, INF),
])
def test_semi_continuous_bounds(bounds, integer_block, types, lower, upper):
    m = _one_column(bounds, integer_block)
    assert (m.integrality, m.lower, m.upper) == (types, (lower,), (upper,))


def test_free_mps_long_names_negative_numbers_no_set_names():
    m = read_mps("NAME a_rather_long_model_name\nROWS\n N cost_function\n L capacity_constraint_number_1\n"
                 "COLUMNS\n a_very_long_column_name cost_function -1.5e0 capacity_constraint_number_1 -2\n"
                 "RHS\n capacity_constraint_number_1 -10\nBOUNDS\n UP a_very_long_column_name 1e1\nENDATA\n")
    assert m.objective == (Fraction(-3, 2),) and m.rows == (((0, -2),),) and m.rhs == (-10,) and m.upper == (10,)


@pytest.mark.parametrize("text, line, match", [
    ("NAME t\nROWS\n N\nENDATA\n", 3, "type"),
    ("NAME t\nROWS\n N obj\n X c\nENDATA\n", 4, "unknown row type"),
    ("NAME t\nROWS\n N obj\n L c\n G c\nENDATA\n", 5, "duplicate row"),
    ("NAME t\nROWS\n N obj\nCOLUMNS\n    x obj 1\nRHS\n    rhs obj\nENDATA\n", 7, None),
    ("NAME t\nROWS\n N obj\nCOLUMNS\n    M 'MARKER' 'INTORG'\n    M 'MARKER' 'INTORG'\nENDATA\n", 6, "INTORG"),
    ("NAME t\nROWS\n N obj\nCOLUMNS\n    M 'MARKER' 'FOO'\nENDATA\n", 5, "marker"),
    ("NAME t\nROWS\n N obj\nCOLUMNS\n    x obj 1\nBOUNDS\n SC b x\nENDATA\n", 7, "needs a value"),
    ("NAME t\nROWS\n N obj\n L c\nCOLUMNS\n    x obj 1\nRANGES\n    r obj 2\nENDATA\n", 8, "objective"),
    ("NAME t\nOBJSENSE\n    BEST\nENDATA\n", 3, "MIN or MAX"),
    ("NAME t\nQUADOBJ\nENDATA\n", 2, "not supported"),
    ("", None, "empty"),
    ("* only a comment\n\n", None, "empty"),
    ("NAME t\nROWS\n N obj\nCOLUMNS\n    x obj 1\n", None, "ENDATA"),
    ("NAME t\nROWS\n N obj\nCOLUMNS\n    M 'MARKER' 'INTORG'\n    x obj 1\nENDATA\n", None, "INTEND"),
])
def test_malformed_mps_names_the_line(text, line, match):
    with pytest.raises(ModelFileError, match=match) as info:
        read_mps(text)
    assert info.value.line == line


def test_a_file_written_by_highs():
    m = read_mps(HIGHS_MPS_TEXT)
    assert m.sense == "max" and m.objective_constant == Fraction(-3, 2)
    assert m.integrality == (0, 1, 2, 3)
    assert m.row_bounds == ((-1, 3), (-INF, 4), (2, 2))
    assert (m.lower, m.upper) == ((0, -INF, 1, 2), (INF, 5, 4, 9))
    assert m == read_lp(m.to_lp()) == read_mps(m.to_mps())
