"""assert_equivariant: passes on equivariant maps, fails with the rotation on others, checks parity on request."""

from __future__ import annotations

import numpy as np
import pytest

from mathref.errors import InvalidArgumentError
from mathref.geometry import assert_equivariant, clebsch_gordan_tensor_product, gaunt_tensor_product
from mathref.geometry.equivariance import EquivarianceReport


def test_assert_equivariant_helper_passes_and_fails():
    rep = assert_equivariant(lambda a, b: gaunt_tensor_product(a, b, 4, method="fourier"), [3, 2], rng=1, parity=True)
    assert rep.max_error < 1e-12 and rep.trials == 3 and rep.parity_checked
    with pytest.raises(AssertionError, match="not equivariant"):
        assert_equivariant(lambda a: a**2, 2, rng=0)
    with pytest.raises(AssertionError, match="parity"):
        # the cross product (CG 1x1->1) is rotation-equivariant but its output is a pseudovector
        def cross(a, b):
            out = np.zeros((a.shape[0], 4))
            out[:, 1:] = clebsch_gordan_tensor_product(a, b)[:, 8:11]  # the (1, 1, 1) block
            return out

        assert_equivariant(cross, [1, 1], rng=0, parity=True)
    with pytest.raises(TypeError):
        assert_equivariant(3, 1)


def test_report_fields_and_bad_input():
    rep = assert_equivariant(lambda a: 2.0 * a, 3, trials=2, rng=np.random.default_rng(5))
    assert isinstance(rep, EquivarianceReport)
    assert rep.trials == 2 and len(rep.rotations) == 2 and not rep.parity_checked
    assert all(len(angles) == 3 for angles in rep.rotations)
    with pytest.raises(InvalidArgumentError, match="at least one"):
        assert_equivariant(lambda: None, [])
    with pytest.raises(InvalidArgumentError, match="lmax_in"):
        assert_equivariant(lambda a: a, -1)
    with pytest.raises(InvalidArgumentError, match="rtol"):
        assert_equivariant(lambda a: a, 1, rtol=0.0)
