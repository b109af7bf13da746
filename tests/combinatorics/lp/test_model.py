"""The LP/MILP model type: construction, validation, sense spellings, permutations, LP text."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from mathref.combinatorics import LPModel
from mathref.combinatorics.lp.model import normalise_objective_sense, normalise_sense
from mathref.errors import InvalidArgumentError


def test_from_arrays_dense_and_sparse_agree():
    import scipy.sparse as sp

    A = np.array([[1.0, 0.0, 2.0], [0.0, -1.0, 0.5]])
    m1 = LPModel.from_arrays([1.0, 2.0, 3.0], A, ["<=", ">="], [1.0, 2.0])
    m2 = LPModel.from_arrays([1.0, 2.0, 3.0], sp.csr_matrix(A), ["<=", ">="], [1.0, 2.0])
    assert m1.rows == m2.rows
    with pytest.raises(InvalidArgumentError, match="sense"):
        LPModel.from_arrays([1], [[1]], ["<>"], [1])
    with pytest.raises(InvalidArgumentError, match="entries"):
        LPModel.from_arrays([1, 2], [[1]], ["<="], [1])


@pytest.mark.parametrize("spelling, sense", [("<=", "<="), ("=<", "<="), ("<", "<="), ("L", "<="), (">", ">="),
                                             ("G", ">="), ("=", "=="), ("E", "==")])
def test_sense_spellings(spelling, sense):
    assert normalise_sense(spelling) == sense


def test_objective_sense_spellings():
    assert normalise_objective_sense(" Maximise ") == "max" and normalise_objective_sense("MIN") == "min"
    with pytest.raises(InvalidArgumentError, match="sense"):
        normalise_objective_sense("optimise")


@pytest.mark.parametrize("changes, match", [
    ({"sense": "best"}, "sense"),
    ({"lower": ()}, "lower"),
    ({"senses": ("<",)}, "sense"),
    ({"rows": (((5, Fraction(1)),),)}, "outside"),
    ({"rows": (((0, Fraction(1)), (0, Fraction(2))),)}, "twice"),
    ({"rows": (((0, Fraction(0)),),)}, "zero"),
])
def test_model_validation(changes, match):
    m = LPModel.from_arrays([1], [[1]], ["<="], [4])
    with pytest.raises(InvalidArgumentError, match=match):
        m.replace(**changes)


def test_exact_numbers_stay_exact_and_floats_stay_floats():
    m = LPModel.from_arrays([1, 0.5], [[Fraction(1, 3), 2]], [">="], ["1.25"])
    assert m.objective == (Fraction(1), 0.5) and isinstance(m.objective[1], float)
    assert m.rows == (((0, Fraction(1, 3)), (1, Fraction(2))),) and m.rhs == (Fraction(5, 4),)
    with pytest.raises(TypeError, match="bool"):
        LPModel.from_arrays([True], [[1]], ["<="], [1])


def test_permutation_checks():
    m = LPModel.from_arrays([1, 2], [[1, 3]], ["<="], [4])
    with pytest.raises(InvalidArgumentError, match="variable_perm"):
        m.permuted([0, 0], [0])
    assert m.permuted(rng=np.random.default_rng(1), rename=True).variable_names == ("v0", "v1")
