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
    tables,
    wigner_3j,
    wigner_3j_exact_table,
    wigner_6j,
    wigner_6j_exact_table,
)
from mathref.errors import InvalidLabelError, SizeLimitError

KINDS = [
    ("3j", wigner_3j_exact_table, wigner_3j, tables._3j_rows_streamed),
    ("cg", clebsch_gordan_exact_table, clebsch_gordan, tables._cg_rows_streamed),
    ("6j", wigner_6j_exact_table, wigner_6j, tables._6j_rows_streamed),
]


@pytest.mark.parametrize("kind, bulk, scalar, streamed", KINDS)
@pytest.mark.parametrize("jmax, integer_only", [("0", False), ("1/2", False), ("3/2", False), ("2", True)])
def test_same_rows_as_the_streamed_cli(kind, bulk, scalar, streamed, jmax, integer_only):
    args = argparse.Namespace(jmax=jmax, integer_only=integer_only)
    want = [row for row in streamed(args) if row is not None]
    table = bulk(F(jmax), integer_only=integer_only)
    assert list(table.rows()) == want
    assert len(table) == len(want)
    # and each value is the scalar function's
    for labels, value in zip(table.labels(), table.values):
        assert scalar(*labels) == value


def test_cli_rows_use_the_bulk_path_and_agree():
    args = argparse.Namespace(jmax="3/2", integer_only=False)
    for rows, streamed in ((tables._3j_rows, tables._3j_rows_streamed), (tables._6j_rows, tables._6j_rows_streamed)):
        assert [r for r in rows(args) if r is not None] == [r for r in streamed(args) if r is not None]
        assert tables._bulk_fits(args, 3)


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
