"""Real Chebyshev series as QSP targets: coefficient reading, parity, the sup-norm estimate.

Reference: dense evaluation with numpy.polynomial.chebyshev.chebval on a fine grid.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings

from mathref.errors import InvalidArgumentError
from mathref.spectral import cos_target
from mathref.spectral.qsp.certificates import sup_norm_bound
from mathref.spectral.qsp.polynomials import (
    chebyshev_values_at_angles,
    sup_norm_estimate,
    target_coefficients,
    validate_target,
)
from mathref.spectral.strategies import bounded_parity_polynomials, chebyshev_series


@settings(max_examples=30)
@given(chebyshev_series(max_degree=30))
def test_sup_norm_estimate_matches_dense_evaluation(c):
    x = np.cos(np.linspace(0, np.pi, 20001))
    dense = float(np.max(np.abs(np.polynomial.chebyshev.chebval(x, c))))
    est = sup_norm_estimate(c)  # Newton-refined, so at least as large as the grid maximum and close to it
    bound = sup_norm_bound(c)  # proved: never below the true maximum
    assert dense - 1e-13 * max(1.0, dense) <= est <= bound
    assert bound <= dense * (1 + 1e-3) + 1e-13


@settings(max_examples=20)
@given(bounded_parity_polynomials(max_degree=40, bound=0.9))
def test_strategy_polynomials_respect_their_bound_and_validate(c):
    assert sup_norm_estimate(c) <= 0.9 + 1e-12
    coef, parity = validate_target(c)
    assert parity == (c.size - 1) % 2
    assert np.array_equal(coef, c)


@settings(max_examples=20)
@given(chebyshev_series(max_degree=20))
def test_values_at_angles_are_clenshaw_values(c):
    m = max(8, 2 * c.size)
    theta = (np.arange(m) + 0.5) * np.pi / m
    ref = np.polynomial.chebyshev.chebval(np.cos(theta), c)
    assert np.allclose(chebyshev_values_at_angles(c, m), ref, atol=1e-13 * max(1.0, np.sum(np.abs(c))))


def test_targets_are_read_from_objects_and_trimmed():
    t = cos_target(3.0)
    assert np.array_equal(target_coefficients(t), t.coef)
    assert target_coefficients(np.zeros(4)).tolist() == [0.0]


def test_validate_target_names_the_rule_it_breaks():
    with pytest.raises(InvalidArgumentError, match="parity"):
        validate_target([0.1, 0.2, 0.3])
    with pytest.raises(InvalidArgumentError, match=r"\|P\(x\)\| < 1"):
        validate_target([0.0, 1.0])
    assert validate_target([0.0, 1.0], bound_check=False).parity == 1
