"""Bulk exact tables: the same rows, order and strings as the CLI, values equal to the scalar functions."""

from __future__ import annotations

import argparse
import copy
import pickle
from fractions import Fraction as F

import pytest

from mathref.algebra import (
    ExactCouplingTable,
    clebsch_gordan,
    clebsch_gordan_exact_table,
    wigner_3j,
    wigner_3j_exact_table,
    wigner_6j,
    wigner_6j_exact_table,
)
from mathref.errors import InvalidLabelError, SizeLimitError
from mathref.tables import load_kinds
from mathref.tables.kinds import kind_units

KINDS = [
    ("3j", wigner_3j_exact_table, wigner_3j),
    ("cg", clebsch_gordan_exact_table, clebsch_gordan),
    ("6j", wigner_6j_exact_table, wigner_6j),
]


def _cli_rows(kind: str, args) -> list:
    """The rows `mathref tables KIND` writes, unit by unit, in file order."""
    units, rows = kind_units(load_kinds()[kind], args)
    return [row for unit in units for row in rows(args, unit) if row is not None]


@pytest.mark.parametrize("kind, bulk, scalar", KINDS)
@pytest.mark.parametrize("jmax, integer_only", [("0", False), ("1/2", False), ("3/2", False), ("2", True)])
def test_same_rows_as_the_cli(kind, bulk, scalar, jmax, integer_only):
    args = argparse.Namespace(jmax=jmax, integer_only=integer_only)
    want = _cli_rows(kind, args)
    table = bulk(F(jmax), integer_only=integer_only)
    assert list(table.rows()) == want
    assert len(table) == len(want)
    # and each value is the scalar function's
    for labels, value in zip(table.labels(), table.values):
        assert scalar(*labels) == value


def test_table_methods_and_round_trips():
    t = wigner_3j_exact_table(1)
    assert t.kind == "3j" and t.columns[0] == "j1"
    assert t.strings() == [str(v) for v in t.values]
    assert list(t.floats()) == [float(v) for v in t.values]
    assert t.as_dict()[(2, 2, 0, 2, -2, 0)] == wigner_3j(1, 1, 0, 1, -1, 0)
    for other in (pickle.loads(pickle.dumps(t)), copy.deepcopy(t)):
        assert isinstance(other, ExactCouplingTable) and other == t
    assert t != wigner_3j_exact_table(F(3, 2))
    assert (t == 3) is False


def test_bad_jmax_and_size_guard():
    with pytest.raises(InvalidLabelError, match="jmax"):
        wigner_3j_exact_table(-1)
    with pytest.raises(InvalidLabelError, match="jmax"):
        wigner_6j_exact_table(0.3)
    with pytest.raises(SizeLimitError, match="jmax"):
        wigner_6j_exact_table(40)
    with pytest.raises(SizeLimitError, match="rows"):
        clebsch_gordan_exact_table(60)
