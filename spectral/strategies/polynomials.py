"""Hypothesis strategies for QSP: bounded real polynomials of definite parity."""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st

from mathref.errors import InvalidArgumentError
from mathref.spectral.qsp.polynomials import sup_norm_estimate

__all__ = ["bounded_parity_polynomials"]


@st.composite
def _bounded_parity_polynomials(draw, min_degree, max_degree, parity, bound, decay):
    d = draw(st.integers(min_degree, max_degree))
    if parity is not None and d % 2 != parity:
        d = d + 1 if d + 1 <= max_degree else d - 1
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    coef = np.zeros(d + 1)
    idx = np.arange(d % 2, d + 1, 2)
    # random signs and sizes with an optional geometric decay, leading coefficient nonzero
    coef[idx] = rng.uniform(-1.0, 1.0, idx.size) * np.exp(-decay * idx / max(d, 1))
    coef[d] = np.copysign(max(abs(coef[d]), 0.05 * np.exp(-decay)), coef[d] if coef[d] else 1.0)
    target = draw(st.floats(0.05, 1.0)) * bound
    return coef * (target / sup_norm_estimate(coef))


def bounded_parity_polynomials(*, min_degree: int = 0, max_degree: int = 50, parity: int | None = None,
                               bound: float = 0.9, decay: float = 0.0) -> st.SearchStrategy[np.ndarray]:
    """Chebyshev coefficient arrays of real polynomials with definite parity and ``max |P| <= bound``.

    Parameters
    ----------
    min_degree, max_degree : int
        Degree range (the degree is exact: the leading coefficient is nonzero).
    parity : {None, 0, 1}
        Force even (0) or odd (1); None draws either.
    bound : float
        ``max_{[-1, 1]} |P|`` is drawn in ``[0.05 bound, bound]`` (found on a refined grid).
    decay : float
        Coefficients shrink like ``exp(-decay k / d)`` (0: flat spectrum, the hard case).

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5)
    ... @given(bounded_parity_polynomials(max_degree=10))
    ... def check(c):
    ...     d = c.size - 1
    ...     assert not c[(d + 1) % 2 :: 2].any()
    >>> check()
    """
    if not 0 <= min_degree <= max_degree:
        raise InvalidArgumentError(f"need 0 <= min_degree <= max_degree, got {min_degree}, {max_degree}")
    if parity not in (None, 0, 1):
        raise InvalidArgumentError(f"parity={parity!r} must be None, 0 or 1")
    if not 0 < bound < 1:
        raise InvalidArgumentError(f"bound={bound!r} must lie in (0, 1)")
    if parity == 1 and max_degree < 1:
        raise InvalidArgumentError("an odd polynomial needs max_degree >= 1")
    return _bounded_parity_polynomials(min_degree, max_degree, parity, bound, decay)
