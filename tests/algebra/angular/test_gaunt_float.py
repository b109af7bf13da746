"""Float Gaunt blocks and tensors: accuracy against the exact values (to l = 64), layout, zeros, bad input."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mathref.algebra import (
    gaunt,
    gaunt_block,
    gaunt_table_exact,
    gaunt_tensor,
    real_gaunt,
    real_gaunt_block,
    real_gaunt_table_exact,
    real_gaunt_tensor,
)
from mathref.algebra.strategies import gaunt_degrees

RTOL = 1e-13


def _rel(a, b):
    return abs(a - b) / abs(b)


@pytest.mark.parametrize(
    "tensor_fn, table_fn", [(gaunt_tensor, gaunt_table_exact), (real_gaunt_tensor, real_gaunt_table_exact)]
)
def test_tensor_equals_exact_table_to_l5(tensor_fn, table_fn):
    L = 5
    G = tensor_fn(L, L, L)
    table = table_fn(L)
    assert G.shape == ((L + 1) ** 2,) * 3
    assert np.count_nonzero(G) == len(table)  # every selection-rule zero is an exact 0.0
    for (l1, l2, l3, m1, m2, m3), value in table.items():
        entry = G[l1 * l1 + l1 + m1, l2 * l2 + l2 + m2, l3 * l3 + l3 + m3]
        assert _rel(entry, float(value)) <= RTOL


@settings(max_examples=12)
@given(gaunt_degrees(max_l=64), st.data())
@example((64, 64, 64), None)
@example((64, 63, 1), None)
def test_blocks_against_exact_up_to_l64(degrees, data):
    l1, l2, l3 = degrees
    B, R = gaunt_block(l1, l2, l3), real_gaunt_block(l1, l2, l3)
    assert B.shape == R.shape == (2 * l1 + 1, 2 * l2 + 1, 2 * l3 + 1)
    rng = np.random.default_rng(0 if data is None else data.draw(st.integers(0, 2**32 - 1)))
    for _ in range(6):
        m1, m2 = int(rng.integers(-l1, l1 + 1)), int(rng.integers(-l2, l2 + 1))
        m3 = -m1 - m2
        if abs(m3) <= l3:
            exact = gaunt(l1, l2, l3, m1, m2, m3)
            entry = B[l1 + m1, l2 + m2, l3 + m3]
            assert entry == 0.0 if not exact else _rel(entry, float(exact)) <= RTOL
        a3 = abs(abs(m1) - abs(m2)) if rng.random() < 0.5 else abs(m1) + abs(m2)
        m3 = a3 if ((m1 < 0) + (m2 < 0)) % 2 == 0 else -a3
        if abs(m3) <= l3:
            exact = real_gaunt(l1, l2, l3, m1, m2, m3)
            entry = R[l1 + m1, l2 + m2, l3 + m3]
            assert entry == 0.0 if not exact else _rel(entry, float(exact)) <= RTOL


def test_block_structure_zeros():
    B = gaunt_block(6, 5, 7)
    i, j, k = np.nonzero(B)
    assert np.all((i - 6) + (j - 5) + (k - 7) == 0)  # m-sum rule
    assert not gaunt_block(1, 1, 1).any()  # odd l-sum
    assert not real_gaunt_block(1, 1, 3).any()  # no triangle
    R = real_gaunt_block(4, 4, 4)
    i, j, k = np.nonzero(R)
    negatives = (i < 4).astype(int) + (j < 4) + (k < 4)
    assert np.all(negatives % 2 == 0)


def test_real_tensor_projects_a_product():
    # (sqrt(3/4π) z)^2 = (1/4π)(1 + 2 P2(cos θ)): coefficients 1/(2√π) on Y00 and 1/sqrt(5π) on Y20
    G = real_gaunt_tensor(1, 1, 2)
    x = np.zeros(4)
    x[2] = 1.0
    y = np.einsum("i,j,ijk->k", x, x, G)
    expected = np.zeros(9)
    expected[0] = 1 / (2 * np.sqrt(np.pi))
    expected[6] = 1 / np.sqrt(5 * np.pi)
    np.testing.assert_allclose(y, expected, rtol=1e-14, atol=1e-16)


def test_tensor_symmetry_under_swapping_inputs():
    G = real_gaunt_tensor(3, 3, 4)
    np.testing.assert_array_equal(G, G.transpose(1, 0, 2))


@pytest.mark.parametrize("fn", [gaunt_block, real_gaunt_block])
def test_block_bad_input(fn):
    with pytest.raises(ValueError, match="l2"):
        fn(1, -1, 1)
    with pytest.raises(ValueError, match="l1"):
        fn(1.5, 1, 1)
    with pytest.raises(ValueError, match="l3"):
        fn(1, 1, 1001)


def test_tensor_too_large_is_refused():
    with pytest.raises(ValueError, match="gaunt_block"):
        real_gaunt_tensor(64, 64, 64)


def test_cached_tensors_are_handed_out_as_copies():
    G = real_gaunt_tensor(2, 2, 4)
    G[0, 0, 0] = 42.0
    assert real_gaunt_tensor(2, 2, 4)[0, 0, 0] == pytest.approx(0.28209479177387814, rel=1e-15)
