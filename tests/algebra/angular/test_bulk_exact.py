"""Bulk exact tables: the same rows, order and strings as the CLI, values equal to the scalar functions."""

from __future__ import annotations

import argparse
import copy
import itertools
import pickle
from fractions import Fraction as F

import numpy as np
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


# ------------------------------------------------------------------ the vectorised bulk paths, larger tables
@pytest.mark.parametrize("kind, bulk, scalar", KINDS)
@pytest.mark.parametrize("jmax, integer_only", [(F(5, 2), False), (4, True)])
def test_every_value_is_the_scalar_functions(kind, bulk, scalar, jmax, integer_only):
    # every row of the table (thousands), against the scalar function of its labels; and no valid
    # nonzero label is missing: the row count equals a brute-force count over the labels
    table = bulk(jmax, integer_only=integer_only)
    for labels, value in zip(table.labels(), table.values):
        assert scalar(*labels) == value and value
    rows = table.doubled_labels.tolist()
    assert rows == sorted(rows, key=_cli_key(kind))  # the CLI's order
    assert len(set(map(tuple, rows))) == len(rows)
    assert len(rows) == _brute_force_count(kind, scalar, jmax, integer_only)


def _cli_key(kind):
    if kind == "cg":  # j1, j2, j, m1, m2, m
        return lambda r: (r[0], r[2], r[4], r[1], r[3], r[5])
    return lambda r: tuple(r)


def _brute_force_count(kind, scalar, jmax, integer_only) -> int:
    top = int(2 * jmax)
    js = range(0, top + 1, 2 if integer_only else 1)
    count = 0
    if kind == "6j":
        for t in itertools.product(js, repeat=6):
            if all((a + b + c) % 2 == 0 and abs(a - b) <= c <= a + b
                   for a, b, c in ((t[0], t[1], t[2]), (t[0], t[4], t[5]), (t[3], t[1], t[5]), (t[3], t[4], t[2]))):
                count += bool(scalar(*(F(x, 2) for x in t)))
        return count
    for t1, t2, t3 in itertools.product(js, repeat=3):
        if (t1 + t2 + t3) % 2 or not abs(t1 - t2) <= t3 <= t1 + t2:
            continue
        for u1 in range(-t1, t1 + 1, 2):
            for u2 in range(-t2, t2 + 1, 2):
                u3 = -u1 - u2
                if abs(u3) <= t3:
                    h = [F(x, 2) for x in (t1, t2, t3, u1, u2, u3)]
                    args = h if kind == "3j" else (h[0], h[3], h[1], h[4], h[2], -h[5])
                    count += bool(scalar(*args))
    return count


def test_members_of_a_class_share_one_object():
    t = wigner_6j_exact_table(2, integer_only=True)
    assert len({id(v) for v in t.values}) <= len(set(t.strings())) < len(t)
    # strings and floats are made once per object and agree with the values' own
    assert t.strings() == [str(v) for v in t.values]
    assert list(t.floats()) == [float(v) for v in t.values]


@pytest.mark.kernel
@pytest.mark.parametrize("cg", [False, True])
def test_small_dense_tables_are_the_kernels_bit_for_bit(cg, jit_mode):
    # the Python path of the small float tables against the big-integer kernels, every triangle with
    # doubled labels <= 10 (signs of zeros included)
    from mathref.algebra.angular import _coupling_kernels as K
    from mathref.algebra.angular.bulk_exact import _dense_rounded_table
    from mathref.algebra.angular.coupling_float import _factorial_table

    kernel = jit_mode(K.clebsch_gordan_dense if cg else K.wigner_3j_dense)
    for t1, t2 in itertools.product(range(11), repeat=2):
        for t3 in range(abs(t1 - t2), t1 + t2 + 1, 2):
            want = np.zeros((t1 + 1, t2 + 1, t3 + 1))
            kernel(t1, t2, t3, *_factorial_table((t1 + t2 + t3) // 2 + 2), want)
            got = _dense_rounded_table(t1, t2, t3, cg)
            assert np.array_equal(got, want) and np.array_equal(np.signbit(got), np.signbit(want)), (t1, t2, t3)


@pytest.mark.parametrize("labels", [(8, 8, 8), (12, 12, 0), (12.5, 12, 0.5), (13, 12, 1)])
def test_float_tables_either_side_of_the_python_threshold_round_correctly(labels):
    from mathref.algebra import clebsch_gordan_table, wigner_3j_table

    j1, j2, j3 = (F(x).limit_denominator(2) for x in labels)
    t3j, tcg = wigner_3j_table(*labels), clebsch_gordan_table(*labels)
    for a, b, c in zip(*np.nonzero(t3j)):
        m1, m2, m3 = a - j1, b - j2, c - j3
        assert t3j[a, b, c] == float(wigner_3j(j1, j2, j3, m1, m2, m3))
        assert tcg[a, b, int(j3 - m3)] == float(clebsch_gordan(j1, m1, j2, m2, j3, -m3))


@pytest.mark.parametrize("jmax, integer_only", [("5/2", False), ("3", True)])
def test_streamed_6j_blocks_are_the_bulk_rows(jmax, integer_only):
    # the CLI streams large 6j tables as (j1, j2) blocks with their own Racah loop: the same rows,
    # bytes and order as the bulk table
    from mathref.algebra import tables as algebra_tables

    args = argparse.Namespace(jmax=jmax, integer_only=integer_only)
    step = 2 if integer_only else 1
    js = range(0, int(2 * F(jmax)) + 1, step)
    streamed = [row for t1 in js for t2 in js for row in algebra_tables._6j_block(args, (t1, t2))]
    assert streamed == list(wigner_6j_exact_table(F(jmax), integer_only=integer_only).rows())
