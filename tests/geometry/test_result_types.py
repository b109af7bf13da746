"""Public geometry result types pickle, deep-copy and compare by value (issue 18 §3).

``tests/test_pickling.py`` covers the classes of ``geometry.__all__`` from one
factory each; this file adds the other result types geometry functions return
(``EquivarianceReport``) and the value semantics: unequal inputs compare
unequal, ``==`` gives one bool, hashes agree with equality where defined, and a
copy of a grid is read-only like the cached original.
"""

from __future__ import annotations

import copy
import pickle

import numpy as np
import pytest

import mathref.geometry as geometry
from mathref.errors import InvalidArgumentError, InvalidTypeError
from mathref.geometry.equivariance import EquivarianceReport


def _clones(obj):
    return [pickle.loads(pickle.dumps(obj)), copy.deepcopy(obj), copy.copy(obj)]


@pytest.mark.parametrize("j", [0, 0.5, 1, 1.5, 3])
def test_su2_generators_round_trip_by_value(j):
    J = geometry.su2_generators(j)
    for clone in _clones(J):
        assert type(clone) is geometry.SU2Generators
        assert clone == J and not (clone != J)
    jx, jy, jz, jplus, jminus = J  # still a NamedTuple
    assert np.array_equal(jz, J.jz)


def test_su2_generators_compare_unequal_across_spins_and_kinds():
    J1, Jh = geometry.su2_generators(1), geometry.su2_generators(0.5)
    assert (J1 == Jh) is False and (J1 != Jh) is True
    exact = geometry.su2_generators_exact(1)
    assert pickle.loads(pickle.dumps(exact)) == exact
    assert (exact == J1) is False  # sympy matrices are not numpy arrays: a different value
    with pytest.raises(TypeError):
        hash(J1)  # unhashable, as the arrays it holds


def test_spherical_grid_round_trip_equality_hash_and_read_only():
    g = geometry.gauss_legendre_grid(6)
    for clone in _clones(g):
        assert type(clone) is geometry.SphericalGrid
        assert clone == g and hash(clone) == hash(g)
        assert not clone.theta.flags.writeable and not clone.weights.flags.writeable
    assert g != geometry.gauss_legendre_grid(7)
    assert g != geometry.gauss_legendre_grid(6, n_phi=8)
    assert (g == "grid") is False
    assert repr(g) == "SphericalGrid(degree=6, shape=(4, 7))"


def test_spherical_grid_constructor_copies_and_validates():
    theta = np.array([0.5, 1.5, 2.5])
    g = geometry.SphericalGrid(theta, np.zeros(2), np.ones((3, 2)), 1)
    theta[0] = 9.0  # the grid holds its own copy
    assert g.theta[0] == 0.5
    with pytest.raises(InvalidArgumentError, match="weights"):
        geometry.SphericalGrid(theta, np.zeros(2), np.ones((2, 3)), 1)
    with pytest.raises(InvalidTypeError, match="theta"):
        geometry.SphericalGrid(None, np.zeros(2), np.ones((3, 2)), 1)
    with pytest.raises(InvalidArgumentError, match="degree"):
        geometry.SphericalGrid(theta, np.zeros(2), np.ones((3, 2)), -1)


def test_equivariance_report_round_trip():
    report = geometry.assert_equivariant(lambda a: a, 2, rng=0)
    assert isinstance(report, EquivarianceReport)
    for clone in _clones(report):
        assert clone == report and hash(clone) == hash(report)


def test_exact_complex_round_trip():
    coefficients = geometry.sh_fourier_coefficients_exact(3, 1, basis="real")
    for clone in _clones(coefficients):
        assert clone == coefficients
