"""The complex ↔ real change of basis: unitarity, the defining relation, the cached internal block."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given

from mathref.errors import InvalidArgumentError
from mathref.geometry import complex_to_real_matrix, sph_harm_all
from mathref.geometry.real_basis import complex_to_real_block
from mathref.geometry.strategies import band_limits

RNG = np.random.default_rng(20261202)


def test_complex_to_real_matrix_maps_complex_to_real_harmonics():
    th, ph = RNG.uniform(0, np.pi, 20), RNG.uniform(0, 2 * np.pi, 20)
    for l in range(6):
        U = complex_to_real_matrix(l)
        Yc = sph_harm_all(l, np.stack([th, ph], -1), basis="complex")[:, l * l :]
        Yr = sph_harm_all(l, np.stack([th, ph], -1))[:, l * l :]
        assert np.allclose(Yc @ U.T, Yr, atol=1e-14)
        assert np.allclose(U @ U.conj().T, np.eye(2 * l + 1), atol=1e-15)


def test_l1_entries():
    # Y_{1,1} = (-Y^1 + Y^-1)/√2, Y_{1,0} = Y^0, Y_{1,-1} = i(Y^1 + Y^-1)/√2
    r = 1 / math.sqrt(2)
    want = np.array([[1j * r, 0, 1j * r], [0, 1, 0], [r, 0, -r]])
    assert np.allclose(complex_to_real_matrix(1), want, atol=1e-16)


@given(band_limits(max_value=40))
def test_block_is_cached_read_only_and_equals_the_public_copy(l):
    U = complex_to_real_block(l)
    assert U is complex_to_real_block(l)
    assert not U.flags.writeable
    C = complex_to_real_matrix(l)
    assert C.flags.writeable and np.array_equal(C, U)
    # each row and column has at most two nonzero entries, of modulus 1/√2 (or the single 1 at m = 0)
    assert ((np.abs(U) > 0).sum(axis=0) <= 2).all() and ((np.abs(U) > 0).sum(axis=1) <= 2).all()


def test_bad_input():
    with pytest.raises(InvalidArgumentError, match="l="):
        complex_to_real_matrix(-1)
    with pytest.raises(InvalidArgumentError, match="not an integer"):
        complex_to_real_matrix(1.5)
