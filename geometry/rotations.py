"""Rotation conversions: Euler angles, rotation matrices, unit quaternions, axis–angle (float, vectorised).

Every function takes arrays and broadcasts over leading axes (a single rotation
is the special case of no leading axes); inputs are checked for finiteness and
shape, quaternions for non-zero norm (they are normalised) and matrices for
orthogonality with det +1.

Conventions (see ``docs/rotations.md``):

* **Active rotations** of vectors, right-handed: R(n, θ) turns v by θ about n
  counter-clockwise seen from the tip of n.
* **Quaternions** q = (w, x, y, z) = (cos θ/2, sin θ/2 · n), scalar first,
  acting as v ↦ q v q̄ — the layout and action of ``quaternionic.array``
  (``spherical``'s input) and of scipy's ``Rotation.as_quat(scalar_first=True)``.
  q and −q are the same rotation; conversions return the representative with
  w ≥ 0 only where stated.
* **Euler angles**, ``convention="zyz"`` (the default and the one of
  :func:`~mathref.geometry.wigner_D`): R(α, β, γ) = R_z(α) R_y(β) R_z(γ), the
  matrix product as written (rotate by γ about z, then by β about the fixed y,
  then by α about the fixed z), β ∈ [0, π].  This is ``quaternionic``'s
  ``from_euler_angles(α, β, γ)`` and sympy's ``Rotation`` convention.  Any
  other proper sequence "aba" (``"zxz"``, ``"yxy"``, ``"yzy"``, ``"xyx"``,
  ``"xzx"``) means the same product R_a(α) R_b(β) R_a(γ); ``"yxy"`` is e3nn's
  ``angles_to_matrix(α, β, γ)``.  At β = 0 or π only α ± γ is defined; γ = 0
  is returned there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from mathref.errors import InvalidArgumentError

from ._checks import as_float_array

if TYPE_CHECKING:
    from numpy.typing import ArrayLike

__all__ = [
    "EULER_CONVENTIONS",
    "quaternion_from_euler",
    "euler_from_quaternion",
    "matrix_from_quaternion",
    "quaternion_from_matrix",
    "quaternion_from_axis_angle",
    "axis_angle_from_quaternion",
    "matrix_from_euler",
    "euler_from_matrix",
]

EULER_CONVENTIONS = ("zyz", "zxz", "yxy", "yzy", "xyx", "xzx")

_AXIS = {"x": 0, "y": 1, "z": 2}

# the proper permutation P with P e_z = e_a, P e_y = e_b (so R_a R_b R_a = P R_z R_y R_z P^T)
_PERMUTATIONS: dict[str, np.ndarray] = {}
for _conv in EULER_CONVENTIONS:
    _ea, _eb = np.eye(3)[_AXIS[_conv[0]]], np.eye(3)[_AXIS[_conv[1]]]
    _PERMUTATIONS[_conv] = np.column_stack([np.cross(_eb, _ea), _eb, _ea])
del _conv, _ea, _eb


def _convention(convention: str) -> str:
    if not isinstance(convention, str) or convention.lower() not in EULER_CONVENTIONS:
        raise InvalidArgumentError(f"convention={convention!r} must be one of {EULER_CONVENTIONS}")
    return convention.lower()


def _quaternions(q, name: str = "q") -> np.ndarray:
    arr = as_float_array(q, name, last_dim=4)
    norm = np.linalg.norm(arr, axis=-1, keepdims=True)
    if np.any(norm == 0.0):
        raise InvalidArgumentError(f"{name} contains a zero quaternion, which is no rotation")
    return arr / norm


def _matrices(R, name: str = "R") -> np.ndarray:
    m = as_float_array(R, name)
    if m.ndim < 2 or m.shape[-2:] != (3, 3):
        raise InvalidArgumentError(f"{name} must have shape (..., 3, 3), got {m.shape}")
    gram = np.einsum("...ji,...jk->...ik", m, m)
    if not np.allclose(gram, np.eye(3), atol=1e-10) or np.any(np.linalg.det(m) < 0):
        raise InvalidArgumentError(f"{name} must be a proper rotation matrix (orthogonal, det +1)")
    return m


def quaternion_from_euler(alpha: ArrayLike, beta: ArrayLike, gamma: ArrayLike, *,
                          convention: str = "zyz") -> np.ndarray:

    """Unit quaternion (w, x, y, z) of R_a(α) R_b(β) R_a(γ), shape (..., 4) (float).

    For ``"zyz"``: q = (cos β/2 cos((α+γ)/2), sin β/2 sin((γ−α)/2), sin β/2 cos((α−γ)/2), cos β/2 sin((α+γ)/2)).

    Examples
    --------
    >>> import numpy as np
    >>> q = quaternion_from_euler(np.pi / 2, 0.0, 0.0)   # 90° about z
    >>> np.allclose(q, [np.cos(np.pi / 4), 0, 0, np.sin(np.pi / 4)])
    True
    """
    conv = _convention(convention)
    a = as_float_array(alpha, "alpha").reshape(np.shape(alpha))
    b = as_float_array(beta, "beta").reshape(np.shape(beta))
    g = as_float_array(gamma, "gamma").reshape(np.shape(gamma))
    try:
        a, b, g = np.broadcast_arrays(a, b, g)
    except ValueError:
        raise InvalidArgumentError(f"alpha {a.shape}, beta {b.shape}, gamma {g.shape} do not broadcast") from None
    cb, sb = np.cos(b / 2), np.sin(b / 2)
    q = np.stack(
        [cb * np.cos((a + g) / 2), sb * np.sin((g - a) / 2), sb * np.cos((a - g) / 2), cb * np.sin((a + g) / 2)], -1
    )
    if conv != "zyz":
        q = _permute_quaternion(q, _PERMUTATIONS[conv])
    return q


def _permute_quaternion(q: np.ndarray, P: np.ndarray) -> np.ndarray:
    # P R(n, θ) P^T = R(P n, θ): the vector part is rotated by P
    out = np.empty_like(q)
    out[..., 0] = q[..., 0]
    out[..., 1:] = q[..., 1:] @ P.T
    return out


def euler_from_quaternion(q: ArrayLike, *, convention: str = "zyz") -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Euler angles (α, β, γ), β ∈ [0, π], of unit quaternions (..., 4); each angle an array of shape ``...`` (float).

    Computed from half-angle atan2's of the quaternion components, so it is
    accurate near β = 0 and β = π, where γ = 0 is chosen.

    Examples
    --------
    >>> import numpy as np
    >>> a, b, g = euler_from_quaternion(quaternion_from_euler(0.1, 0.2, 0.3))
    >>> np.allclose([a, b, g], [0.1, 0.2, 0.3])
    True
    """
    conv = _convention(convention)
    q = _quaternions(q)
    if conv != "zyz":
        q = _permute_quaternion(q, _PERMUTATIONS[conv].T)
    w, x, y, z = np.moveaxis(q, -1, 0)
    big, small = np.hypot(w, z), np.hypot(x, y)
    beta = 2.0 * np.arctan2(small, big)
    plus = 2.0 * np.arctan2(z, w)  # α + γ
    minus = 2.0 * np.arctan2(x, y)  # γ − α
    # where one half-angle pair vanishes its phase is undefined: put the whole freedom into α, γ = 0
    tiny = 1e-15
    alpha = np.where(small <= tiny * big, plus, np.where(big <= tiny * small, -minus, 0.5 * (plus - minus)))
    gamma = np.where((small <= tiny * big) | (big <= tiny * small), 0.0, 0.5 * (plus + minus))
    alpha = np.mod(alpha + np.pi, 2 * np.pi) - np.pi
    gamma = np.mod(gamma + np.pi, 2 * np.pi) - np.pi
    return alpha, beta, gamma


def matrix_from_quaternion(q: ArrayLike) -> np.ndarray:
    """Rotation matrices (..., 3, 3) of quaternions (..., 4) (normalised first), active: R v = q v q̄ (float).

    Examples
    --------
    >>> import numpy as np
    >>> R = matrix_from_quaternion([np.cos(np.pi / 4), 0, 0, np.sin(np.pi / 4)])
    >>> (R @ [1.0, 0.0, 0.0]).round(12) + 0.0
    array([0., 1., 0.])
    """
    w, x, y, z = np.moveaxis(_quaternions(q), -1, 0)
    return np.stack(
        [
            np.stack([1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y)], -1),
            np.stack([2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x)], -1),
            np.stack([2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)], -1),
        ],
        -2,
    )


def quaternion_from_matrix(R: ArrayLike) -> np.ndarray:
    """Unit quaternions (..., 4) with w ≥ 0 of rotation matrices (..., 3, 3) (float).

    Shepperd's method: the largest of w², x², y², z² is taken from the trace
    and diagonal, the others from off-diagonal sums, so no square root of a
    small difference is taken.

    Examples
    --------
    >>> import numpy as np
    >>> q = quaternion_from_matrix(matrix_from_quaternion([0.5, 0.5, 0.5, 0.5]))
    >>> np.allclose(q, [0.5, 0.5, 0.5, 0.5])
    True
    """
    m = _matrices(R)
    shape = m.shape[:-2]
    m = m.reshape(-1, 3, 3)
    out = np.empty((m.shape[0], 4))
    for i, r in enumerate(m):
        tr = r[0, 0] + r[1, 1] + r[2, 2]
        k = int(np.argmax([tr, r[0, 0], r[1, 1], r[2, 2]]))
        if k == 0:
            s = 2.0 * np.sqrt(1.0 + tr)
            v = [s / 4, (r[2, 1] - r[1, 2]) / s, (r[0, 2] - r[2, 0]) / s, (r[1, 0] - r[0, 1]) / s]
        elif k == 1:
            s = 2.0 * np.sqrt(1.0 + r[0, 0] - r[1, 1] - r[2, 2])
            v = [(r[2, 1] - r[1, 2]) / s, s / 4, (r[0, 1] + r[1, 0]) / s, (r[0, 2] + r[2, 0]) / s]
        elif k == 2:
            s = 2.0 * np.sqrt(1.0 - r[0, 0] + r[1, 1] - r[2, 2])
            v = [(r[0, 2] - r[2, 0]) / s, (r[0, 1] + r[1, 0]) / s, s / 4, (r[1, 2] + r[2, 1]) / s]
        else:
            s = 2.0 * np.sqrt(1.0 - r[0, 0] - r[1, 1] + r[2, 2])
            v = [(r[1, 0] - r[0, 1]) / s, (r[0, 2] + r[2, 0]) / s, (r[1, 2] + r[2, 1]) / s, s / 4]
        v = np.asarray(v)
        out[i] = -v if v[0] < 0 else v
    out /= np.linalg.norm(out, axis=-1, keepdims=True)
    return out.reshape(shape + (4,))


def quaternion_from_axis_angle(axis: ArrayLike, angle: ArrayLike) -> np.ndarray:
    """Unit quaternions (cos θ/2, sin θ/2 · n̂) for axes (..., 3) (normalised) and angles θ (float).

    Examples
    --------
    >>> import numpy as np
    >>> np.allclose(quaternion_from_axis_angle([0, 0, 2.0], np.pi), [0, 0, 0, 1])
    True
    """
    n = as_float_array(axis, "axis", last_dim=3)
    t = as_float_array(angle, "angle").reshape(np.shape(angle))
    norm = np.linalg.norm(n, axis=-1, keepdims=True)
    if np.any(norm == 0.0):
        raise InvalidArgumentError("axis contains a zero vector, which has no direction")
    n = n / norm
    try:
        n, t = np.broadcast_arrays(n, t[..., None])
    except ValueError:
        raise InvalidArgumentError(f"axis {n.shape} and angle {t.shape} do not broadcast") from None
    t = t[..., 0]
    return np.concatenate([np.cos(t / 2)[..., None], np.sin(t / 2)[..., None] * n], -1)


def axis_angle_from_quaternion(q: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """(axis (..., 3), angle θ ∈ [0, π]) of unit quaternions; the identity gives axis (0, 0, 1), θ = 0 (float).

    Examples
    --------
    >>> import numpy as np
    >>> axis, angle = axis_angle_from_quaternion(quaternion_from_axis_angle([1.0, 0, 0], 0.5))
    >>> np.allclose(axis, [1, 0, 0]), round(float(angle), 12)
    (True, 0.5)
    """
    q = _quaternions(q)
    q = np.where(q[..., :1] < 0, -q, q)
    v = q[..., 1:]
    s = np.linalg.norm(v, axis=-1)
    angle = 2.0 * np.arctan2(s, q[..., 0])
    safe = np.where(s > 0, s, 1.0)[..., None]
    axis = np.where((s > 0)[..., None], v / safe, np.array([0.0, 0.0, 1.0]))
    return axis, angle


def matrix_from_euler(alpha: ArrayLike, beta: ArrayLike, gamma: ArrayLike, *, convention: str = "zyz") -> np.ndarray:
    """R_a(α) R_b(β) R_a(γ) as (..., 3, 3) matrices (float).

    Examples
    --------
    >>> import numpy as np
    >>> R = matrix_from_euler(np.pi / 2, 0.0, 0.0)
    >>> (R @ [1.0, 0.0, 0.0]).round(12) + 0.0
    array([0., 1., 0.])
    """
    return matrix_from_quaternion(quaternion_from_euler(alpha, beta, gamma, convention=convention))


def euler_from_matrix(R: ArrayLike, *, convention: str = "zyz") -> tuple[np.ndarray, np.ndarray, np.ndarray]:

    """Euler angles (α, β, γ), β ∈ [0, π], of rotation matrices (..., 3, 3) (float).

    Examples
    --------
    >>> import numpy as np
    >>> np.allclose(euler_from_matrix(matrix_from_euler(0.1, 0.2, 0.3, convention="yxy"), convention="yxy"),
    ...             [0.1, 0.2, 0.3])
    True
    """
    return euler_from_quaternion(quaternion_from_matrix(R), convention=convention)
