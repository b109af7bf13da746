"""Hypothesis strategies for geometry: rotations, band-limits, real-SH feature arrays, points on the sphere.

Importing this module imports hypothesis; the runtime package ``geometry`` never
does.  Bounds are keyword-only and validated when the strategy is built.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from mathref.optional import require

require("hypothesis", extra="strategies", feature="mathref.geometry.strategies")

from hypothesis import strategies as st

from mathref.errors import InvalidArgumentError

from .wigner_d import rotation_matrix

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

__all__ = ["band_limits", "euler_angle_triples", "rotation_matrices", "unit_vectors", "sh_feature_arrays"]


def _check_nonneg_int(name: str, value) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 0:
        raise InvalidArgumentError(f"{name}={value!r} must be a non-negative int")
    return int(value)


def band_limits(*, min_value: int = 0, max_value: int = 8) -> SearchStrategy[int]:
    """Band-limits (maximum degrees) L in [min_value, max_value].

    >>> 0 <= band_limits(max_value=3).example() <= 3
    True
    """
    lo = _check_nonneg_int("min_value", min_value)
    hi = _check_nonneg_int("max_value", max_value)
    if lo > hi:
        raise InvalidArgumentError(f"min_value={lo} must be <= max_value={hi}")
    return st.integers(lo, hi)


def euler_angle_triples() -> SearchStrategy[tuple[float, float, float]]:
    """ZYZ Euler angles (α, β, γ) with α, γ ∈ [0, 2π) and β ∈ [0, π], including the gimbal-lock edges.

    >>> a, b, g = euler_angle_triples().example()
    >>> 0 <= b <= 3.1416
    True
    """
    two_pi = 2 * math.pi
    angle = st.floats(0.0, two_pi, exclude_max=True, allow_nan=False)
    beta = st.one_of(st.sampled_from([0.0, math.pi / 2, math.pi]), st.floats(0.0, math.pi, allow_nan=False))
    return st.tuples(angle, beta, angle)


def rotation_matrices() -> SearchStrategy[np.ndarray]:
    """Proper 3×3 rotation matrices R_z(α) R_y(β) R_z(γ) (float64).

    >>> import numpy as np
    >>> R = rotation_matrices().example()
    >>> bool(np.allclose(R @ R.T, np.eye(3)))
    True
    """
    return euler_angle_triples().map(lambda t: rotation_matrix(*t))


def unit_vectors(*, include_poles: bool = True) -> SearchStrategy[np.ndarray]:
    """Unit vectors in R³ (float64 arrays of shape (3,)), with the poles pinned when ``include_poles``.

    >>> import numpy as np
    >>> v = unit_vectors().example()
    >>> bool(np.isclose(np.linalg.norm(v), 1.0))
    True
    """
    comp = st.floats(-1.0, 1.0, allow_nan=False)
    raw = st.tuples(comp, comp, comp).filter(lambda t: t[0] ** 2 + t[1] ** 2 + t[2] ** 2 > 1e-6)
    vecs = raw.map(lambda t: np.asarray(t) / math.sqrt(t[0] ** 2 + t[1] ** 2 + t[2] ** 2))
    if include_poles:
        poles = st.sampled_from([np.array([0.0, 0.0, 1.0]), np.array([0.0, 0.0, -1.0])])
        return st.one_of(poles, vecs)
    return vecs


def sh_feature_arrays(*, lmax: int | None = None, max_lmax: int = 6, batch: int | None = None, max_batch: int = 4,
                      scale: float = 10.0) -> SearchStrategy[np.ndarray]:

    """Real-SH feature arrays of shape (batch, (L+1)²) with finite entries in [-scale, scale].

    Parameters
    ----------
    lmax : int, optional
        Fixed band-limit; otherwise drawn from 0..max_lmax.
    batch : int, optional
        Fixed batch size; otherwise drawn from 1..max_batch.

    >>> x = sh_feature_arrays(lmax=2, batch=3).example()
    >>> x.shape
    (3, 9)
    """
    if lmax is not None:
        _check_nonneg_int("lmax", lmax)
    _check_nonneg_int("max_lmax", max_lmax)
    if batch is not None and _check_nonneg_int("batch", batch) == 0:
        raise InvalidArgumentError("batch must be >= 1")
    if _check_nonneg_int("max_batch", max_batch) == 0:
        raise InvalidArgumentError("max_batch must be >= 1")
    if not (isinstance(scale, (int, float)) and scale > 0 and math.isfinite(scale)):
        raise InvalidArgumentError(f"scale={scale!r} must be a finite number > 0")
    L_s = st.just(lmax) if lmax is not None else st.integers(0, max_lmax)
    b_s = st.just(batch) if batch is not None else st.integers(1, max_batch)

    @st.composite
    def arrays(draw):
        L = draw(L_s)
        b = draw(b_s)
        seed = draw(st.integers(0, 2**32 - 1))
        rng = np.random.default_rng(seed)
        x = rng.uniform(-scale, scale, size=(b, (L + 1) ** 2))
        # sometimes zero out whole degrees, a common structured edge case
        if draw(st.booleans()):
            l0 = draw(st.integers(0, L))
            x[:, l0 * l0 : (l0 + 1) ** 2] = 0.0
        return x

    return arrays()
