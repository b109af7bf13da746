"""The LP reader: fields, path input, bound forms through the bound table, errors, and a round trip via to_lp."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings

from mathref.combinatorics import models_equivalent, read_lp, read_mps
from mathref.combinatorics.lp import ModelFileError
from mathref.combinatorics.lp.numbers import INF
from mathref.combinatorics.strategies import lp_models
from mathref.errors import InvalidArgumentError

from .samples import HIGHS_LP_TEXT, LP_TEXT, MPS_TEXT


def test_read_lp_fields():
    m = read_lp(LP_TEXT)
    assert m.sense == "max"
    assert m.variable_names == ("x", "y", "z", "b")
    assert m.constraint_names == ("wood", "labour", "R0")
    assert m.objective == (3, 2, Fraction(-1, 2), 0)
    assert m.objective_constant == 1
    assert m.rows[0] == ((0, 1), (1, 1), (2, 1))
    assert m.senses == ("<=", ">=", "==")
    assert m.rhs == (4, Fraction(-9, 4), 1)
    assert m.lower == (0, -INF, -1, 0) and m.upper == (3, INF, Fraction(5, 2), 1)
    assert m.integrality == (0, 0, 1, 1)
    assert all(isinstance(v, Fraction) for v in m.objective)


def test_read_from_path(tmp_path):
    p = tmp_path / "plan.lp"
    p.write_text(LP_TEXT)
    assert read_lp(p).n_variables == 4
    assert read_lp(str(p)).n_variables == 4
    q = tmp_path / "plan.mps"
    q.write_text(MPS_TEXT)
    assert read_mps(q).n_constraints == 3


def test_lp_constants_move_to_rhs_and_duplicates_merge():
    m = read_lp("Minimize\n obj: x\nSubject To\n c: 2 x + 3 + x >= 5\nEnd")
    assert m.rows == (((0, 3),),) and m.rhs == (2,)


@pytest.mark.parametrize("text, match", [
    ("Minimize\n obj: x\nSubject To\n c: x <= 1\n", "End"),
    ("Subject To\n c: x <= 1\nEnd", "Minimize"),
    ("Minimize\n obj: x\nSubject To\n c: 0 <= x >= 1\nEnd", "ranged"),
    ("Minimize\n obj: x\nSubject To\n c: x ^ 2 <= 1\nEnd", "unexpected character"),
    ("Minimize\n obj: x\nSubject To\n c: x + y\nEnd", "missing"),
    ("Minimize\n obj: x\nSOS\n s1: x:1\nEnd", "not supported"),
    ("Minimize\n obj: x y\nEnd", "separated by signs"),
])
def test_read_lp_errors(text, match):
    with pytest.raises(InvalidArgumentError, match=match):
        read_lp(text)


def _dyadic(v, nonzero=False):
    if v in (INF, -INF):
        return v
    q = Fraction(round(Fraction(v) * 4), 4)
    return Fraction(1, 4) if nonzero and q == 0 else q


@settings(max_examples=20)
@given(lp_models())
def test_lp_round_trip(m):
    # exact for numbers that are terminating decimals: snap the drawn model to quarters first
    lower = tuple(_dyadic(v) for v in m.lower)
    upper = tuple(max(_dyadic(u), lo) if u != INF else u for u, lo in zip(m.upper, lower))
    m = m.replace(objective=tuple(_dyadic(v) for v in m.objective), rhs=tuple(_dyadic(v) for v in m.rhs),
                  rows=tuple(tuple((j, _dyadic(a, True)) for j, a in r) for r in m.rows), lower=lower, upper=upper)
    back = read_lp(m.to_lp())
    for field in ("sense", "objective", "rows", "senses", "rhs", "lower", "upper", "integrality"):
        assert getattr(back, field) == getattr(m, field), field
    assert models_equivalent(m, back)


@pytest.mark.parametrize("line, lower, upper", [
    ("x <= 3", 0, 3),
    ("x >= -2", -2, INF),
    ("-2 <= x", -2, INF),
    ("3 >= x", 0, 3),
    ("x = 1.5", Fraction(3, 2), Fraction(3, 2)),
    ("x free", -INF, INF),
    ("-1 <= x <= 2", -1, 2),
    ("x >= -inf", -INF, INF),
])
def test_bound_forms(line, lower, upper):
    m = read_lp(f"Minimize\n obj: x\nSubject To\n c: x >= -5\nBounds\n {line}\nEnd")
    assert (m.lower, m.upper) == ((lower,), (upper,))


def test_later_bound_lines_override_one_side():
    m = read_lp("Minimize\n obj: x\nBounds\n x free\n x <= 4\nEnd")
    assert (m.lower, m.upper) == ((-INF,), (4,))


def test_binary_defaults_to_unit_interval_unless_bounded():
    m = read_lp("Minimize\n obj: x + y\nBounds\n y <= 5\nBinary\n x y\nEnd")
    assert m.lower == (0, 0) and m.upper == (1, 5) and m.integrality == (1, 1)


@pytest.mark.parametrize("line, match", [
    ("x <= y", "exactly one variable"),
    ("1 <= 2", "exactly one variable"),
    ("x <=", "cannot read"),
    ("x <= 1 2", "cannot read"),
])
def test_bad_bounds(line, match):
    with pytest.raises(InvalidArgumentError, match=match):
        read_lp(f"Minimize\n obj: x\nBounds\n {line}\nEnd")


def test_unnamed_rows_skip_names_in_use():
    m = read_lp("Minimize\n obj: x\nSubject To\n x >= 1\n R0: x <= 4\n x <= 9\nEnd")
    assert m.constraint_names == ("R1", "R0", "R2")
    with pytest.raises(InvalidArgumentError, match="duplicate"):
        read_lp("Minimize\n obj: x\nSubject To\n c: x >= 1\n c: x <= 4\nEnd")


# --- the LP format as CPLEX documents it and HiGHS/PuLP write it (issue 16 §4) -------------------------------


@pytest.mark.parametrize("header", ["Subject To", "subject to", "SUBJECT  TO", "such that", "Such That", "st", "ST",
                                    "s.t.", "S.T.", "st.", "ST."])
@pytest.mark.parametrize("objective", ["Minimize", "minimise", "MINIMUM", "min", "Maximize", "maximise", "MAX"])
def test_section_keywords_in_every_spelling(header, objective):
    m = read_lp(f"{objective}\n obj: x\n{header}\n c: x <= 1\nEnd")
    assert m.sense == objective[:3].lower() and m.constraint_names == ("c",)


def test_header_and_content_on_one_line():
    m = read_lp("Minimize obj: x + y\nst c: x + y >= 1\nBounds x <= 4\nEnd")
    assert m.rows == (((0, 1), (1, 1)),) and m.upper == (4, INF)


@pytest.mark.parametrize("section", ["Binary", "bin", "General", "gen", "Semi-continuous", "semi", "semis", "SOS",
                                     "Bounds"])
def test_empty_sections_are_accepted(section):
    m = read_lp(f"Minimize\n obj: x\nSubject To\n c: x <= 1\n{section}\nEnd")
    assert m.integrality == (0,)


def test_semi_continuous_and_semi_integer_variables():
    m = read_lp("Minimize\n obj: x + y + z\nSubject To\n c: x + y + z >= 1\nBounds\n 2 <= x <= 5\n 1 <= y <= 4\n"
                "General\n y\nSemi-continuous\n x y\nSemi\n z\nEnd")
    assert m.integrality == (2, 3, 2)
    assert (m.lower, m.upper) == ((2, 1, 0), (5, 4, INF))
    assert m.solve()[1] == 1.0  # x, y may be 0; z = 1


@pytest.mark.parametrize("row, bounds", [
    ("-1 <= x + y <= 3", (-1, 3)),
    ("3 >= x + y >= -1", (-1, 3)),
    ("2 <= x + y", (2, INF)),
    ("2 >= x + y", (-INF, 2)),
    ("2 = x + y", (2, 2)),
    ("-inf <= x + y <= 3", (-INF, 3)),
    ("-1 <= x + y <= +inf", (-1, INF)),
    ("1.5 <= x + y <= 1.5", (Fraction(3, 2), Fraction(3, 2))),
    ("-1 <= x + y + 2 <= 3", (-3, 1)),  # the constant moves to both ends
    ("<= 3", (-INF, 3)),  # an empty row, as HiGHS writes one
])
def test_ranged_and_reversed_rows(row, bounds):
    m = read_lp(f"Minimize\n obj: x + y\nSubject To\n c: {row}\nEnd")
    assert m.row_bounds == (bounds,)
    assert (m.range_lower[0] is not None) == (all(abs(v) != INF for v in bounds) and bounds[0] != bounds[1])


@pytest.mark.parametrize("text, line, match", [
    ("Minimize\n obj: x y\nEnd", 2, "separated by signs"),
    ("Minimize\n obj: 2 3 x\nEnd", 2, "separated by signs"),
    ("Minimize\n obj: x\nSubject To\n c: x +\n <= 1\nEnd", 5, "ends with a sign"),
    ("Minimize\n obj: x\nSubject To\n c: x <= 1\n d: 3 <= x <= 1\nEnd", 5, "empty range"),
    ("Minimize\n obj: x\nSubject To\n c: x <= 1\n d: 1 <= x >= 0\nEnd", 5, "ranged"),
    ("Minimize\n obj: x\nSubject To\n c: x >= -inf\nEnd", 4, "free row"),
    ("Minimize\n obj: x\nSubject To\n\n c: [ x ^ 2 ] <= 1\nEnd", 5, "quadratic"),
    ("Minimize\n obj: x\nSubject To\n c: x <= 1\n c: x >= 0\nEnd", 5, "duplicate constraint name 'c'"),
    ("Minimize\n obj: x\nGeneral\n x 3\nEnd", 4, "variable name"),
    ("Minimize\n obj: x\nSOS\n s1: S1:: x:1\nEnd", 4, "SOS"),
    ("\\ comment\n\nx + y\nMinimize\nEnd", 3, "must start with Minimize"),
    ("Minimize\n obj: x\n", None, "End"),
    ("", None, "no model"),
])
def test_malformed_files_name_the_line(text, line, match):
    with pytest.raises(ModelFileError, match=match) as info:
        read_lp(text)
    assert info.value.line == line
    if line is not None:
        assert str(info.value).startswith(f"LP line {line}:")


def test_text_after_end_is_ignored():
    assert read_lp("Minimize\n obj: x\nEnd\nthis is not a model").n_variables == 1


def test_a_file_written_by_highs():
    m = read_lp(HIGHS_LP_TEXT)
    assert m.sense == "max" and m.objective_constant == Fraction(-3, 2)
    assert m.integrality == (0, 1, 2, 3)
    assert m.constraint_names == ("r0lo", "r0up", "r1", "r2")
    assert m.row_bounds[:2] == ((-1, INF), (-INF, 3))
    assert (m.lower, m.upper) == ((0, -INF, 1, 2), (INF, 5, 4, 9))


def test_bound_values_1e30_are_infinite():
    m = read_lp("Minimize\n obj: x\nBounds\n -1e30 <= x <= 1e+30\nEnd")
    assert (m.lower, m.upper) == ((-INF,), (INF,))
