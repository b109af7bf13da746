"""Tucker cases ported from tensorly's test suite, checked against mathref's hosvd / hooi.

Source: tensorly 0.10.0, ``tensorly/decomposition/tests/test_tucker.py`` (read from the
installed package, site-packages).  The cases are restated here in our own words; the
facts carried over are the shapes, tolerances and the properties each test relies on.

Documented differences (conventions, not bugs):
* ``partial_tucker`` (decompose only some modes): mathref has no partial form; the same
  result is a full Tucker with rank = mode size on the untouched modes (checked below).
* ``fixed_factors`` and ``mask`` (masked/missing entries): not offered by mathref's hooi.
* non-negative Tucker (multiplicative updates, HALS): not offered; mathref keeps orthonormal factors.
* tensorly's ``init="random"`` is a random tensor; mathref's ``init`` takes any TuckerTensor,
  so a random start is a TuckerTensor with random orthonormal factors.
"""

from __future__ import annotations

import numpy as np
import pytest

from mathref.errors import InvalidArgumentError
from mathref.spectral import TuckerTensor, hooi, hosvd


def random_tucker(shape, ranks, seed):
    """A tensor of exact multilinear rank ``ranks`` (tensorly's random_tucker, our construction)."""
    rng = np.random.default_rng(seed)
    core = rng.random(ranks)
    factors = [np.linalg.qr(rng.random((n, r)))[0] for n, r in zip(shape, ranks)]
    return TuckerTensor(core, factors).full()


def tensor_3x4x3():
    return np.random.default_rng(1234).random((3, 4, 3))


def test_full_rank_tucker_reproduces_tensor():
    # tensorly test_tucker, rank=None: reconstruction norm within 1e-2 and max abs error < 1
    A = tensor_3x4x3()
    for T in (hosvd(A, ranks=A.shape), hooi(A, A.shape, max_iterations=200).tucker):
        R = T.full()
        assert abs(np.linalg.norm(R) - np.linalg.norm(A)) / np.linalg.norm(R) < 1e-2
        assert np.max(np.abs(R - A)) < 1.0
        assert np.max(np.abs(R - A)) < 1e-13  # mathref: full ranks are exact, not just close


def test_core_and_factor_shapes_at_given_ranks():
    # tensorly test_tucker, rank=[2, 3, 1].  Difference: (2, 3, 1) is not a multilinear rank
    # (r_1 = 3 > r_0 r_2 = 2); tensorly pads the factor, mathref's hosvd returns the asked shapes
    # (a rank-deficient core) and hooi refuses, naming the rule.
    A = tensor_3x4x3()
    ranks = (2, 3, 1)
    T = hosvd(A, ranks=ranks)
    assert T.core.shape == ranks
    for k, r in enumerate(ranks):
        assert T.factors[k].shape == (A.shape[k], r)
    with pytest.raises(InvalidArgumentError, match="not a multilinear rank"):
        hooi(A, ranks, max_iterations=100)
    T = hooi(A, (2, 2, 1), max_iterations=100).tucker
    assert T.core.shape == (2, 2, 1) and [U.shape for U in T.factors] == [(3, 2), (4, 2), (3, 1)]


def test_partial_tucker_as_full_rank_on_untouched_mode():
    # tensorly test_partial_tucker: modes [1, 2] with ranks [3, 1]; core shape [3] + ranks
    A = tensor_3x4x3()
    T = hooi(A, (A.shape[0], 3, 1), max_iterations=100).tucker
    assert T.core.shape == (3, 3, 1)
    np.testing.assert_allclose(T.factors[0] @ T.factors[0].T, np.eye(3), atol=1e-12)  # mode 0 untouched


def test_svd_and_random_start_reach_the_same_approximation():
    # tensorly test_tucker: init="svd" and init="random" agree (relative difference < 1) at full ranks
    A = tensor_3x4x3()
    rng = np.random.default_rng(1234)
    start = TuckerTensor(np.zeros((3, 4, 3)), [np.linalg.qr(rng.standard_normal((n, n)))[0] for n in A.shape],
                         orthonormal=True)
    a = hooi(A, (3, 4, 3), max_iterations=200).tucker.full()
    b = hooi(A, (3, 4, 3), max_iterations=200, init=start).tucker.full()
    assert np.linalg.norm(a - b) / np.linalg.norm(a) < 1e-12  # tensorly asks < 1


def test_factors_only_start_recovers_exact_low_rank_tensor():
    # tensorly test_tucker_runs_with_factors_only_init: (3, 4, 5) of rank (2, 2, 2), 5 sweeps, error < 1e-6
    A = random_tucker((3, 4, 5), (2, 2, 2), seed=1234)
    factors = hosvd(A, ranks=2).factors
    start = TuckerTensor(np.zeros((2, 2, 2)), factors, orthonormal=True)
    res = hooi(A, (2, 2, 2), max_iterations=5, init=start)
    assert np.linalg.norm(res.tucker.full() - A) / np.linalg.norm(A) < 1e-6


def test_core_recomputed_from_given_factors():
    # tensorly test_tucker_factors_only_init_recomputes_core: core = A x_k U_k^T
    A = random_tucker((4, 5, 6), (2, 3, 2), seed=7)
    T = hosvd(A, ranks=(2, 3, 2))
    core = np.einsum("ijk,ia,jb,kc->abc", A, *T.factors)
    np.testing.assert_allclose(T.core, core, atol=1e-13)
    res = hooi(A, (2, 3, 2), max_iterations=0, init=T)
    np.testing.assert_allclose(res.tucker.core, core, atol=1e-13)
    assert res.iterations == 0 and res.relative_error < 1e-7


def test_exact_rank_found_by_tolerance():
    # mathref addition in the spirit of the port: a tolerance finds the exact multilinear rank
    A = random_tucker((6, 7, 8), (2, 3, 2), seed=3)
    T = hosvd(A, tol=1e-10)
    assert T.ranks == (2, 3, 2)
    assert np.linalg.norm(T.full() - A) <= 1e-10 * np.linalg.norm(A)


def test_single_rank_for_all_modes():
    # tensorly: "a single rank is used for all modes"
    A = tensor_3x4x3()
    assert hosvd(A, ranks=3).ranks == (3, 3, 3)
    assert hooi(A, 2).tucker.ranks == (2, 2, 2)


def test_mismatched_start_is_refused():
    A = tensor_3x4x3()
    with pytest.raises(InvalidArgumentError, match="init"):
        hooi(A, (2, 2, 2), init=hosvd(A, ranks=1))


def test_same_error_as_tensorly_hooi():
    tl = pytest.importorskip("tensorly")
    from tensorly.decomposition import tucker

    A = np.random.default_rng(5).standard_normal((8, 9, 10))
    ranks = (3, 4, 2)
    core, factors = tucker(tl.tensor(A), rank=list(ranks), n_iter_max=200, tol=1e-12, init="svd")
    theirs = tl.tucker_to_tensor((core, factors))
    ours = hooi(A, ranks, tol=1e-12, max_iterations=200)
    e_theirs = np.linalg.norm(theirs - A) / np.linalg.norm(A)
    e_ours = np.linalg.norm(ours.tucker.full() - A) / np.linalg.norm(A)
    assert abs(e_ours - ours.relative_error) < 1e-10
    assert e_ours <= e_theirs + 1e-8  # same local optimum from the same HOSVD start (or better)
