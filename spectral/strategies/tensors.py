"""Hypothesis strategies for Chebyshev series, boxes and low-rank tensors.

Every strategy draws float64 data of moderate size and dynamic range, so that
laws can be checked to tolerances of order 1e-10 without flakiness.
"""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from mathref.errors import InvalidArgumentError
from mathref.spectral.tucker import TuckerTensor

__all__ = ["chebyshev_series", "boxes", "tucker_tensors", "low_rank_tensors"]

_FINITE = dict(allow_nan=False, allow_infinity=False)


def chebyshev_series(*, min_degree: int = 0, max_degree: int = 12,
                     magnitude: float = 1.0) -> st.SearchStrategy[np.ndarray]:
    """Coefficient arrays (T_k basis) of random polynomials with degree in [min_degree, max_degree].

    Examples
    --------
    >>> from hypothesis import given
    >>> @given(chebyshev_series(max_degree=3))
    ... def check(c):
    ...     assert 1 <= c.size <= 4
    >>> check()
    """
    if not 0 <= min_degree <= max_degree:
        raise InvalidArgumentError(f"need 0 <= min_degree <= max_degree, got {min_degree}, {max_degree}")
    elements = st.floats(-magnitude, magnitude, **_FINITE)
    return st.integers(min_degree, max_degree).flatmap(
        lambda n: hnp.arrays(np.float64, n + 1, elements=elements))


def boxes(*, ndim: int = 3, min_width: float = 0.1, max_width: float = 10.0,
          max_centre: float = 5.0) -> st.SearchStrategy[tuple[tuple[float, float], ...]]:
    """Boxes as tuples of ``ndim`` pairs (a, b) with widths in [min_width, max_width].

    Examples
    --------
    >>> from hypothesis import given
    >>> @given(boxes(ndim=2))
    ... def check(box):
    ...     assert len(box) == 2 and all(a < b for a, b in box)
    >>> check()
    """
    if not 0 < min_width <= max_width:
        raise InvalidArgumentError("need 0 < min_width <= max_width")
    pair = st.tuples(st.floats(-max_centre, max_centre, **_FINITE), st.floats(min_width, max_width, **_FINITE)).map(
        lambda cw: (cw[0] - 0.5 * cw[1], cw[0] + 0.5 * cw[1]))
    return st.tuples(*([pair] * ndim))


@st.composite
def tucker_tensors(draw: st.DrawFn, *, ndim: int = 3, max_size: int = 8, max_rank: int = 3,
                   decay: bool = True) -> TuckerTensor:
    """Random Tucker tensors with orthonormal factors (QR of Gaussian matrices) and a random core.

    With ``decay`` the core entries are scaled by 10^-(i+j+...) so singular values
    spread over several decades, which exercises tolerance-driven truncation.

    Examples
    --------
    >>> from hypothesis import given
    >>> @given(tucker_tensors(max_size=4))
    ... def check(T):
    ...     assert T.orthonormal and all(r <= n for r, n in zip(T.ranks, T.shape))
    >>> check()
    """
    shape = draw(st.tuples(*([st.integers(1, max_size)] * ndim)))
    ranks = tuple(draw(st.integers(1, min(max_rank, n))) for n in shape)
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    factors = [np.linalg.qr(rng.standard_normal((n, r)))[0] for n, r in zip(shape, ranks)]
    core = rng.standard_normal(ranks)
    if decay:
        grade = sum(np.meshgrid(*[np.arange(r) for r in ranks], indexing="ij"))
        core = core * 10.0 ** (-1.5 * grade)
    return TuckerTensor(core, factors, orthonormal=True, check=False)


def low_rank_tensors(*, ndim: int = 3, max_size: int = 8, max_rank: int = 3,
                     noise: bool = True) -> st.SearchStrategy[np.ndarray]:
    """Dense arrays of low multilinear rank, optionally plus a small random full-rank perturbation.

    Examples
    --------
    >>> from hypothesis import given
    >>> @given(low_rank_tensors(ndim=2, max_size=5))
    ... def check(A):
    ...     assert A.ndim == 2
    >>> check()
    """
    base = tucker_tensors(ndim=ndim, max_size=max_size, max_rank=max_rank)

    def densify(args):
        T, seed, eps = args
        A = T.full()
        if noise:
            A = A + eps * np.random.default_rng(seed).standard_normal(A.shape)
        return A

    return st.tuples(base, st.integers(0, 2**32 - 1), st.sampled_from([0.0, 1e-12, 1e-6, 1e-3])).map(densify)
