"""Every public LP result type pickles and deep-copies with value equality; LPModel compares by value (issue 18)."""

from __future__ import annotations

import copy
import pickle
from fractions import Fraction

import pytest

from mathref.combinatorics.lp import (
    BOUND_TYPES,
    LPModel,
    ModelFileError,
    bin_packing_model,
    model_csr_graphs,
    models_equivalent,
    number_classes,
    read_lp,
    read_mps,
)

from .samples import LP_TEXT, MPS_TEXT


def _round_trips(x):
    return [pickle.loads(pickle.dumps(x)), copy.deepcopy(x), copy.copy(x)]


def test_lp_model_value_equality_and_hash():
    m = read_lp(LP_TEXT)
    for y in _round_trips(m):
        assert y == m and hash(y) == hash(m) and y is not m
    assert m == read_lp(LP_TEXT)
    assert m != m.replace(rhs=(5, Fraction(-9, 4), 1))
    assert m != read_mps(MPS_TEXT)  # the MPS sample has a name: equality is field by field
    assert m == read_mps(MPS_TEXT).replace(name="")
    # numbers compare by value, and equal values hash equally
    a = LPModel.from_arrays([1], [[2]], ["<="], [4])
    b = LPModel.from_arrays([1.0], [[2.0]], ["<="], [4.0])
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1


@pytest.mark.parametrize("build", [
    lambda: models_equivalent(bin_packing_model([3, 5, 4], 8, 2), bin_packing_model([4, 3, 5], 8, 2)),
    lambda: models_equivalent(read_lp(LP_TEXT), read_mps(MPS_TEXT), solve=True),
    lambda: number_classes([Fraction(1, 2), 3, 0.5], 1e-9, 0),
    lambda: BOUND_TYPES["SC"],
    lambda: read_lp(LP_TEXT.replace("x + 3 y", "-1 <= x + 3 y <= 7").replace(">= -2.25", "")),
])
def test_result_types_round_trip(build):
    x = build()
    for y in _round_trips(x):
        assert y == x


def test_model_graphs_pickle():
    graphs = model_csr_graphs([read_lp(LP_TEXT)], 0, 0)
    back = pickle.loads(pickle.dumps(graphs))
    assert back.number_values == graphs.number_values
    assert back.graphs[0].indices.tolist() == graphs.graphs[0].indices.tolist()


def test_model_file_error_pickles_with_its_line():
    with pytest.raises(ModelFileError) as info:
        read_mps("NAME t\nROWS\n N\nENDATA\n")
    for e in _round_trips(info.value):
        assert isinstance(e, ModelFileError) and isinstance(e, ValueError)
        assert (e.line, e.file_format, str(e)) == (3, "MPS", str(info.value))
