"""The shipped hypothesis strategies: values in range, and bounds validated when the strategy is built."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given

from mathref.errors import InvalidArgumentError
from mathref.geometry.strategies import (
    band_limits,
    euler_angle_triples,
    rotation_matrices,
    sh_feature_arrays,
    unit_vectors,
)


@given(band_limits(min_value=2, max_value=5))
def test_band_limits_in_range(L):
    assert 2 <= L <= 5


@given(euler_angle_triples())
def test_euler_angles_in_range(angles):
    a, b, g = angles
    assert 0.0 <= a < 2 * math.pi and 0.0 <= b <= math.pi and 0.0 <= g < 2 * math.pi


@given(rotation_matrices())
def test_rotation_matrices_are_proper(R):
    assert np.allclose(R @ R.T, np.eye(3), atol=1e-12) and np.linalg.det(R) > 0


@given(unit_vectors(include_poles=False))
def test_unit_vectors_have_unit_length(v):
    assert v.shape == (3,) and math.isclose(float(np.linalg.norm(v)), 1.0, rel_tol=1e-12)


@given(sh_feature_arrays(lmax=3, max_batch=2, scale=2.0))
def test_feature_arrays_shape_and_scale(x):
    assert x.shape[1] == 16 and 1 <= x.shape[0] <= 2 and np.all(np.abs(x) <= 2.0)


def test_bounds_are_validated_up_front():
    with pytest.raises(InvalidArgumentError, match="min_value"):
        band_limits(min_value=4, max_value=2)
    with pytest.raises(InvalidArgumentError, match="max_value"):
        band_limits(max_value=-1)
    with pytest.raises(InvalidArgumentError, match="lmax"):
        sh_feature_arrays(lmax=1.5)
    with pytest.raises(InvalidArgumentError, match="batch"):
        sh_feature_arrays(batch=0)
    with pytest.raises(InvalidArgumentError, match="max_batch"):
        sh_feature_arrays(max_batch=0)
    with pytest.raises(InvalidArgumentError, match="scale"):
        sh_feature_arrays(scale=math.inf)
