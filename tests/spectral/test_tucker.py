"""Truncated HOSVD, HOOI, CP-to-Tucker and RHOSVD.

References: numpy.linalg.svd of explicit unfoldings, einsum reconstructions,
and (when installed) tensorly's HOOI at the same ranks.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mathref.errors import InvalidArgumentError
from mathref.spectral.strategies import low_rank_tensors, tucker_tensors
from mathref.spectral.tucker import (
    TuckerTensor,
    cp_to_tucker,
    hooi,
    hosvd,
    mode_product,
    rhosvd,
    truncation_rank,
    tucker_reconstruct,
    unfolding_singular_values,
)

TOLS = st.sampled_from([1e-1, 1e-3, 1e-6, 1e-9, 1e-12])


def _orthonormal(U):
    return np.max(np.abs(U.T @ U - np.eye(U.shape[1]))) < 1e-12


@given(low_rank_tensors(max_size=7, max_rank=3), TOLS, st.booleans())
def test_error_bound_always_holds(A, tol, sequential):
    T = hosvd(A, tol=tol, sequential=sequential)
    err = np.linalg.norm(T.full() - A)
    nrm = np.linalg.norm(A)
    assert err <= tol * nrm + 1e-13 * nrm
    assert err <= T.report.error_bound * (1 + 1e-8) + 1e-13 * nrm
    assert all(_orthonormal(U) for U in T.factors)
    assert abs(T.norm() - np.linalg.norm(T.full())) <= 1e-12 * nrm + 1e-300


@given(low_rank_tensors(max_size=7, max_rank=4))
def test_rank_monotone_in_tolerance(A):
    tols = [1e-1, 1e-2, 1e-4, 1e-6, 1e-9, 1e-12]
    ranks = [hosvd(A, tol=t).ranks for t in tols]
    for coarse, fine in zip(ranks, ranks[1:]):
        assert all(a <= b for a, b in zip(coarse, fine))


@given(tucker_tensors(max_size=7, max_rank=3, decay=False))
def test_exact_low_rank_recovered(T):
    A = T.full()
    H = hosvd(A, tol=1e-12)
    assert all(h <= r for h, r in zip(H.ranks, T.ranks))
    np.testing.assert_allclose(H.full(), A, atol=1e-12 * max(1.0, np.abs(A).max()))


def test_rank_rule_documented_threshold():
    """Per mode the discarded tail is <= tol ||A|| / sqrt(d), and the next smaller rank would break it."""
    rng = np.random.default_rng(0)
    A = np.einsum("i,j,k->ijk", *[np.exp(-np.arange(12) / 2.0)] * 3) + 1e-4 * rng.standard_normal((12, 12, 12))
    tol = 1e-3
    T = hosvd(A, tol=tol)
    thr = tol * np.linalg.norm(A) / np.sqrt(3)
    for k, r in enumerate(T.ranks):
        s = np.linalg.svd(np.moveaxis(A, k, 0).reshape(12, -1), compute_uv=False)
        assert np.sqrt(np.sum(s[r:] ** 2)) <= thr
        assert r == 1 or np.sqrt(np.sum(s[r - 1:] ** 2)) > thr


def test_singular_values_not_lost_below_sqrt_eps():
    """Mode singular values 1, 1e-10, 1e-14 are all recovered; a Gram/eigh route would return noise for 1e-10."""
    rng = np.random.default_rng(1)
    Q = [np.linalg.qr(rng.standard_normal((20, 3)))[0] for _ in range(3)]
    core = np.zeros((3, 3, 3))
    core[0, 0, 0], core[1, 1, 1], core[2, 2, 2] = 1.0, 1e-10, 1e-14
    A = tucker_reconstruct(core, Q)
    s = unfolding_singular_values(A, 0)
    np.testing.assert_allclose(s[:3], [1.0, 1e-10, 1e-14], rtol=1e-2)
    assert hosvd(A, tol=1e-12).ranks == (2, 2, 2)


def test_singular_values_match_numpy():
    A = np.random.default_rng(2).standard_normal((4, 30, 5))
    for k in range(3):
        ref = np.linalg.svd(np.moveaxis(A, k, 0).reshape(A.shape[k], -1), compute_uv=False)
        np.testing.assert_allclose(unfolding_singular_values(A, k), ref, rtol=1e-12)


def test_fixed_ranks_and_truncation_rank():
    A = np.random.default_rng(3).standard_normal((6, 5, 4))
    T = hosvd(A, ranks=(2, 3, 9))
    assert T.ranks == (2, 3, 4)
    assert truncation_rank([2.0, 1.0, 0.5], 0.6) == 2
    assert truncation_rank([2.0, 1.0, 0.5], 10.0) == 0


@given(tucker_tensors(max_size=6, max_rank=3), st.integers(0, 2**32 - 1), st.floats(-3, 3))
def test_add_then_recompress_equals_sum(T, seed, alpha):
    rng = np.random.default_rng(seed)
    ranks = [int(rng.integers(1, n + 1)) for n in T.shape]
    S = TuckerTensor(rng.standard_normal(ranks), [rng.standard_normal((n, r)) for n, r in zip(T.shape, ranks)])
    total = T + alpha * S
    exact = T.full() + alpha * S.full()
    assert all(_orthonormal(U) for U in total.factors)
    np.testing.assert_allclose(total.full(), exact, atol=1e-12 * (1 + np.abs(exact).max()))
    R = total.recompress(1e-9)
    assert np.linalg.norm(R.full() - exact) <= 1e-9 * np.linalg.norm(exact) + 1e-13
    assert all(r <= a + b for r, a, b in zip(R.ranks, T.ranks, S.ranks))


def test_mode_product_matches_einsum():
    rng = np.random.default_rng(4)
    A = rng.standard_normal((3, 4, 5))
    M = rng.standard_normal((2, 4))
    np.testing.assert_allclose(mode_product(A, M, 1), np.einsum("ijk,aj->iak", A, M))


def test_hooi_improves_hosvd_and_reports():
    rng = np.random.default_rng(5)
    A = rng.standard_normal((10, 11, 12)) + 3 * np.einsum("i,j,k->ijk", *[rng.standard_normal(n) for n in (10, 11, 12)])
    res = hooi(A, (3, 3, 3), tol=1e-12, max_iterations=200)
    h = hosvd(A, ranks=(3, 3, 3))
    true_hosvd = np.linalg.norm(h.full() - A) / np.linalg.norm(A)
    assert res.relative_error <= true_hosvd + 1e-12
    assert np.all(np.diff(res.history) <= 1e-12)
    assert abs(res.relative_error - np.linalg.norm(res.tucker.full() - A) / np.linalg.norm(A)) < 1e-8
    assert res.iterations >= 1 and res.elapsed >= 0
    short = hooi(A, (3, 3, 3), tol=1e-15, max_iterations=1)
    assert short.iterations == 1


def test_hooi_matches_tensorly_when_available():
    tl = pytest.importorskip("tensorly")
    from tensorly.decomposition import tucker

    rng = np.random.default_rng(6)
    A = rng.standard_normal((8, 9, 10)) + 2 * np.einsum("i,j,k->ijk", *[rng.standard_normal(n) for n in (8, 9, 10)])
    core, factors = tucker(tl.tensor(A), rank=[2, 2, 2], n_iter_max=200, tol=1e-12, init="svd")
    err_tl = np.linalg.norm(tl.tucker_to_tensor((core, factors)) - A) / np.linalg.norm(A)
    ours = hooi(A, (2, 2, 2), tol=1e-12, max_iterations=200).relative_error
    assert ours <= err_tl + 1e-8


def test_cp_to_tucker_exact_and_rhosvd():
    rng = np.random.default_rng(7)
    x = np.linspace(-1, 1, 25)
    U = [np.exp(-np.subtract.outer(x, rng.uniform(-1, 1, 60)) ** 2 * rng.uniform(1, 5, 60)) for _ in range(3)]
    w = rng.choice([-1.0, 1.0], 60)
    A = np.einsum("r,ir,jr,kr->ijk", w, *U)
    exact = cp_to_tucker(U, w)
    np.testing.assert_allclose(exact.full(), A, atol=1e-11 * np.abs(A).max())
    for tol in (1e-4, 1e-8, 1e-11):
        T = rhosvd(U, w, tol=tol)
        assert np.linalg.norm(T.full() - A) <= tol * np.linalg.norm(A) * 1.01
        assert T.ranks == hosvd(A, tol=tol).ranks
        assert all(_orthonormal(V) for V in T.factors)


def test_bad_input():
    A = np.ones((2, 2))
    with pytest.raises(InvalidArgumentError, match="tol"):
        hosvd(A)
    with pytest.raises(InvalidArgumentError, match="ranks"):
        hosvd(A, ranks=(1, 1, 1))
    with pytest.raises(InvalidArgumentError, match="factors"):
        TuckerTensor(np.ones((1, 1)), [np.ones((2, 1))])
    with pytest.raises(InvalidArgumentError, match="orthonormal"):
        TuckerTensor(np.ones((1,)), [np.ones((2, 1))], orthonormal=True)
    with pytest.raises(InvalidArgumentError, match="CP rank"):
        cp_to_tucker([np.ones((2, 2)), np.ones((2, 3))])
    with pytest.raises(InvalidArgumentError, match="shapes"):
        TuckerTensor(np.ones((1,)), [np.ones((2, 1))]) + TuckerTensor(np.ones((1,)), [np.ones((3, 1))])
    with pytest.raises(AttributeError):
        hosvd(A, tol=0.1).core = None
