"""Wigner D matrices of every spin (ZYZ Euler angles, active rotations), and rotation of real-SH coefficients.

Float functions.  Integer degrees use the O(l²) Gumerov–Duraiswami recursion
(``method="recursion"``), every j (also half-integer) the Fourier factorisation
through d(π/2) (``method="fourier"``, O(j³), BLAS); both are in
:mod:`~mathref.geometry._wigner_d_kernels`, never factorial sums.  Measured
accuracy (absolute, entries of a unitary matrix): against mpmath's explicit sum
at 60 digits ≤ 1e-13 for l ≤ 100 (typically a few 1e-15); ‖d dᵀ − 1‖_max ≤
1e-12 at l = 1000 over β ∈ [1e-3, π − 1e-3] (typically 1e-13), see
``tests/geometry/test_wigner_d.py``.

Conventions (see ``docs/conventions.md`` and ``docs/rotations.md``):

* R(α, β, γ) = R_z(α) R_y(β) R_z(γ), an *active* rotation of vectors (rotate
  by γ about z, then β about y, then α about z, all about the fixed axes).
* D^j_{m'm}(α, β, γ) = ⟨j m'| e^{-iαJ_z} e^{-iβJ_y} e^{-iγJ_z} |j m⟩
  = e^{-im'α} d^j_{m'm}(β) e^{-imγ}, rows m' and columns m ordered -j..j;
  d^1_{10}(β) = -sin β / √2; equal to sympy's ``Rotation.D(j, m', m, α, β, γ)``.
  With CS harmonics, Y_l^m(R⁻¹ r) = Σ_{m'} Y_l^{m'}(r) D^l_{m'm}(R).
  For half-integer j, D is defined on SU(2): the Euler angles (or the
  quaternion) fix the sign, α → α + 2π flips it.
* The real matrix D^real_l(R) of :func:`real_wigner_D` satisfies
  Y^real_l(R r) = D^real_l(R) Y^real_l(r) (as e3nn's ``D_from_angles``), so the
  coefficients c of f = Σ c·Y become D^real c for the rotated function
  f(R⁻¹ r).
* ``spherical.Wigner(ell_max).D(q)`` for the quaternion q of (α, β, γ) equals
  conj(D^l_{m'm}(α, β, γ)) at its index ``Dindex(l, m', m)``
  (checked in the tests; spherical uses the opposite sign of the exponent).
"""

from __future__ import annotations

import math
from functools import lru_cache
from numbers import Real

import numpy as np
from numpy.typing import ArrayLike

from mathref.dispatch import Tier, python_module
from mathref.errors import InvalidArgumentError, InvalidTypeError, SizeLimitError

from . import _wigner_d_kernels as _k
from ._checks import as_float_array, as_nonneg_int, format_half, two_times, two_times_nonneg
from ._limits import check_bytes
from .real_basis import complex_to_real_block
from .rotations import euler_from_matrix, euler_from_quaternion, matrix_from_euler, quaternion_from_euler

__all__ = [
    "rotation_matrix",
    "euler_angles",
    "wigner_small_d",
    "wigner_D",
    "wigner_D_all",
    "wigner_D_index",
    "wigner_D_from_quaternion",
    "real_wigner_D",
    "real_wigner_D_from_matrix",
    "rotate_real_sh",
    "MAX_RESULT_BYTES",
    "WIGNER_D_METHODS",
]

#: Default ceiling on the bytes one call may allocate for its result (override with ``max_bytes=``).
MAX_RESULT_BYTES = 2**31

WIGNER_D_METHODS = ("auto", "recursion", "fourier")

# Fourier path: (2j+1)³ multiply-adds twice per angle; refuse past this many (≈ a minute on one core)
_MAX_FOURIER_FLOPS = 1e11

# small calls run the recursion kernels' plain-Python code until compiling pays (see mathref.dispatch);
# measured ≈ 3 µs an entry of the output
_SMALL_D_TIER = Tier(_k, "wigner_small_d_recursion")
_D_TIER = Tier(_k, "wigner_D_recursion")
_D_ALL_TIER = Tier(_k, "wigner_D_all_recursion")
_PYTHON_SECONDS_PER_ENTRY = 3e-6


def _angle(x, name: str) -> float:
    if isinstance(x, bool):
        raise InvalidTypeError(f"{name}={x!r} must be a real number")
    try:
        v = float(x)
    except (TypeError, ValueError):
        raise InvalidTypeError(f"{name}={x!r} must be a real number") from None
    if not math.isfinite(v):
        raise InvalidArgumentError(f"{name}={x!r} must be finite")
    return v


def _angle_array(x, name: str) -> np.ndarray:
    if x is None or isinstance(x, (bool, str, bytes)) or isinstance(x, np.bool_):
        raise InvalidTypeError(f"{name}={x!r} must be a real number or an array of real numbers")
    if type(x) is np.ndarray and x.dtype == np.float64:
        # the batch call's common form; the generic route below costs ≈ 10 µs an argument at small sizes
        arr = np.ascontiguousarray(x).reshape(x.shape)  # ascontiguousarray makes 0-d inputs 1-d
        if not np.isfinite(arr).all():
            raise InvalidArgumentError(f"{name} contains NaN or infinite values")
        return arr
    arr = np.asarray(x)
    if arr.dtype == object or arr.dtype.kind not in "iuf":
        raise InvalidTypeError(f"{name} must be real numbers, got dtype {arr.dtype}")
    return as_float_array(arr, name).reshape(arr.shape)  # as_float_array makes 0-d inputs 1-d


def rotation_matrix(alpha: ArrayLike, beta: ArrayLike, gamma: ArrayLike) -> np.ndarray:
    """The 3×3 rotation R_z(α) R_y(β) R_z(γ) (float, active); arrays of angles give (..., 3, 3).

    Examples
    --------
    >>> import numpy as np
    >>> R = rotation_matrix(np.pi / 2, 0.0, 0.0)
    >>> (R @ [1.0, 0.0, 0.0]).round(12) + 0.0
    array([0., 1., 0.])
    """
    return matrix_from_euler(_angle_array(alpha, "alpha"), _angle_array(beta, "beta"), _angle_array(gamma, "gamma"))


def euler_angles(R: ArrayLike) -> tuple[float, float, float]:
    """ZYZ Euler angles (α, β, γ) with β ∈ [0, π] of one rotation matrix (float).

    At β = 0 or π only α ± γ is defined; γ = 0 is chosen there.  For arrays of
    matrices and other conventions see :func:`~mathref.geometry.euler_from_matrix`.

    Examples
    --------
    >>> import numpy as np
    >>> a, b, g = euler_angles(rotation_matrix(0.1, 0.2, 0.3))
    >>> np.allclose([a, b, g], [0.1, 0.2, 0.3])
    True
    """
    m = as_float_array(R, "R")
    if m.shape != (3, 3):
        raise InvalidArgumentError(f"R must have shape (3, 3), got {m.shape}")
    a, b, g = euler_from_matrix(m)
    return float(a), float(b), float(g)


# ----------------------------------------------------------------------------- sizes and methods
def _two_j(l) -> int:
    if type(l) is int and l >= 0:  # the common case, without the Fraction round trip (≈ 1.5 µs)
        return 2 * l
    return two_times_nonneg(l, "l")


def _method(method: str, two_j: int) -> str:
    if not isinstance(method, str) or method not in WIGNER_D_METHODS:
        raise InvalidArgumentError(f"method={method!r} must be one of {WIGNER_D_METHODS}")
    if method == "auto":
        return "recursion" if two_j % 2 == 0 else "fourier"
    if method == "recursion" and two_j % 2:
        raise InvalidArgumentError(
            f"method='recursion' needs an integer degree, got l={format_half(two_j)}; use method='fourier'"
        )
    return method


def _check_bytes(nbytes: float, what: str, max_bytes) -> None:
    check_bytes(nbytes, argument="l", what=what, max_bytes=max_bytes)


def _check_fourier_cost(two_j: int, count: int) -> None:
    n = two_j + 1
    flops = 4.0 * n**3 * max(count, 1)
    if flops > _MAX_FOURIER_FLOPS:
        raise SizeLimitError(
            f"the Fourier method at j={format_half(two_j)} for {count} angle(s) costs ≈ {flops:.2g} flops "
            f"(≈ {flops / 2e9:.0f} s here), above the limit {_MAX_FOURIER_FLOPS:.0g}; integer degrees use the "
            "O(l²) recursion (method='recursion')"
        )


@lru_cache(maxsize=32)
def _delta(two_j: int) -> np.ndarray:
    out = np.empty((two_j + 1, two_j + 1))
    _k.wigner_delta_matrix(two_j, out)
    out.setflags(write=False)
    return out


def _delta_matrix(two_j: int) -> np.ndarray:
    # cache only small Δ (≤ 401² floats = 1.3 MB each), bigger ones are rebuilt: they cost O(j²), the sum O(j³)
    if two_j <= 400:
        return _delta(two_j)
    out = np.empty((two_j + 1, two_j + 1))
    _k.wigner_delta_matrix(two_j, out)
    return out


def _small_d_fourier(two_j: int, betas: np.ndarray) -> np.ndarray:
    """d^j(β) for a flat array of β, shape (len(betas), 2j+1, 2j+1), by d = Re(i^{m'-m} Δᵀ e^{-ikβ} Δ)."""
    delta = _delta_matrix(two_j)
    n = two_j + 1
    k = np.arange(n) - two_j / 2.0
    p = np.arange(n)[:, None] - np.arange(n)[None, :]  # m' - m, an integer
    # Re(i^p e^{-ikβ}) = cos(pπ/2) cos kβ + sin(pπ/2) sin kβ, and cos/sin(pπ/2) ∈ {0, ±1}
    cos_p = np.array([1.0, 0.0, -1.0, 0.0])[p % 4]
    sin_p = np.array([0.0, 1.0, 0.0, -1.0])[p % 4]
    out = np.empty((betas.shape[0], n, n))
    for i, b in enumerate(betas):
        kb = k * b
        A = delta.T @ (np.cos(kb)[:, None] * delta)
        B = delta.T @ (np.sin(kb)[:, None] * delta)
        out[i] = cos_p * A + sin_p * B
    return out


def _small_d_flat(two_j: int, betas: np.ndarray, method: str) -> np.ndarray:
    if method == "recursion":
        l = two_j // 2
        out = np.empty((betas.shape[0], 2 * l + 1, 2 * l + 1))
        if _SMALL_D_TIER.use_kernel(_PYTHON_SECONDS_PER_ENTRY * out.size):
            _k.wigner_small_d_recursion(l, np.ascontiguousarray(betas), out)
        else:
            _SMALL_D_TIER.run_twin(python_module(_k).wigner_small_d_recursion, l, np.ascontiguousarray(betas), out)
        return out
    _check_fourier_cost(two_j, betas.shape[0])
    return _small_d_fourier(two_j, betas)


def wigner_small_d(l: Real, beta: ArrayLike, *, method: str = "auto", max_bytes: int | None = None) -> np.ndarray:
    """Wigner small-d matrices d^j(β), rows m', columns m = -j..j (float, Numba).

    Parameters
    ----------
    l : int or half-integer
        The degree j (0, 1/2, 1, 3/2, …; ``Fraction(3, 2)``, ``1.5`` or ``sympy.S(3)/2``).
    beta : float or array_like
        Angles; the result has shape ``np.shape(beta) + (2j+1, 2j+1)``.
    method : {"auto", "recursion", "fourier"}
        "auto" is "recursion" (O(l²) per matrix) for integer l and "fourier" (O(j³)) otherwise.
    max_bytes : int, optional
        Refuse (with the estimate) results larger than this; default :data:`MAX_RESULT_BYTES`.

    Notes
    -----
    Accuracy as stated in the module docstring; d^j_{m'm}(β) = ⟨j m'| e^{-iβJ_y} |j m⟩.

    Examples
    --------
    >>> import numpy as np
    >>> d = wigner_small_d(1, 0.3)
    >>> bool(np.isclose(d[2, 1], -np.sin(0.3) / np.sqrt(2)))
    True
    >>> h = wigner_small_d(0.5, 0.3)       # spin 1/2, rows m' = -1/2, 1/2: [[cos β/2, sin β/2], [-sin β/2, cos β/2]]
    >>> np.allclose(h, [[np.cos(0.15), np.sin(0.15)], [-np.sin(0.15), np.cos(0.15)]])
    True
    >>> wigner_small_d(2, [0.1, 0.2, 0.3]).shape
    (3, 5, 5)
    """
    two_j = _two_j(l)
    meth = _method(method, two_j)
    b = _angle_array(beta, "beta")
    n = two_j + 1
    _check_bytes(8.0 * n * n * max(b.size, 1), f"wigner_small_d(l={format_half(two_j)}) for {b.size} angle(s)",
                 max_bytes)
    out = _small_d_flat(two_j, b.reshape(-1), meth)
    return out.reshape(b.shape + (n, n))


_PLAIN_REALS = (float, int)


def _flat_angles(alpha, beta, gamma):
    """(broadcast shape, flat contiguous α, β, γ) of the three angle arguments."""
    # one rotation given as Python numbers is the common call; numpy's broadcasting machinery
    # costs ≈ 10 µs there, more than the kernel at small l, so plain reals skip it
    if type(alpha) in _PLAIN_REALS and type(beta) in _PLAIN_REALS and type(gamma) in _PLAIN_REALS:
        a, b, g = _angle(alpha, "alpha"), _angle(beta, "beta"), _angle(gamma, "gamma")
        return (), np.array([a]), np.array([b]), np.array([g])
    a, b, g = _angle_array(alpha, "alpha"), _angle_array(beta, "beta"), _angle_array(gamma, "gamma")
    if a.shape == b.shape == g.shape:  # already contiguous float64 (as_float_array): no broadcasting copy
        return b.shape, a.reshape(-1), b.reshape(-1), g.reshape(-1)
    try:
        a, b, g = np.broadcast_arrays(a, b, g)
    except ValueError:
        raise InvalidArgumentError(f"alpha {a.shape}, beta {b.shape}, gamma {g.shape} do not broadcast") from None
    return (b.shape, *(np.ascontiguousarray(x.reshape(-1)) for x in (a, b, g)))


def wigner_D(l: Real, alpha: ArrayLike, beta: ArrayLike, gamma: ArrayLike, *, method: str = "auto",
             max_bytes: int | None = None) -> np.ndarray:
    """Wigner D matrices D^j_{m'm}(α, β, γ) = e^{-im'α} d^j_{m'm}(β) e^{-imγ} (complex float, Numba).

    Parameters
    ----------
    l : int or half-integer
        The degree j.
    alpha, beta, gamma : float or array_like
        ZYZ Euler angles, broadcast together; the result has shape
        ``broadcast_shape + (2j+1, 2j+1)``.
    method, max_bytes
        As in :func:`wigner_small_d` (complex results take 16 bytes an entry).

    Examples
    --------
    >>> import numpy as np
    >>> D = wigner_D(2, 0.1, 0.2, 0.3)
    >>> np.allclose(D @ D.conj().T, np.eye(5))
    True
    >>> wigner_D(1.5, [0.1, 0.2], 0.3, 0.0).shape
    (2, 4, 4)
    """
    two_j = _two_j(l)
    meth = _method(method, two_j)
    shape, flat_a, flat_b, flat_g = _flat_angles(alpha, beta, gamma)
    n = two_j + 1
    count = flat_b.size
    _check_bytes(24.0 * n * n * max(count, 1), f"wigner_D(l={format_half(two_j)}) for {count} angle(s)", max_bytes)
    if meth == "recursion":
        out = np.empty((flat_b.shape[0], n, n), dtype=np.complex128)
        if _D_TIER.use_kernel(_PYTHON_SECONDS_PER_ENTRY * out.size):
            _k.wigner_D_recursion(two_j // 2, flat_a, flat_b, flat_g, out)
        else:
            _D_TIER.run_twin(python_module(_k).wigner_D_recursion, two_j // 2, flat_a, flat_b, flat_g, out)
    else:
        d = _small_d_flat(two_j, flat_b, meth)
        m = np.arange(n) - two_j / 2.0
        out = np.exp(-1j * flat_a[:, None] * m)[:, :, None] * d * np.exp(-1j * flat_g[:, None] * m)[:, None, :]
    return out.reshape(shape + (n, n))


def _all_size(two_j: int) -> int:
    """Σ (t+1)² over t ≤ two_j of the parity of two_j: the length of :func:`wigner_D_all`'s output."""
    if two_j < 0:
        return 0
    if two_j % 2 == 0:
        l = two_j // 2
        return (l + 1) * (2 * l + 1) * (2 * l + 3) // 3
    k = (two_j + 1) // 2  # t + 1 = 2, 4, …, 2k
    return 2 * k * (k + 1) * (2 * k + 1) // 3


def wigner_D_index(l: Real, mp: Real, m: Real) -> int:
    """Index of D^l_{m'm} in the flat output of :func:`wigner_D_all` (a Python int).

    Blocks run over the degrees of one parity in increasing order (0, 1, 2, … or
    1/2, 3/2, …), each a (2l+1)² block in row-major order (m', then m): for
    integer degrees this is ``spherical``'s ``WignerDindex(l, m', m)``.

    Examples
    --------
    >>> wigner_D_index(0, 0, 0), wigner_D_index(1, -1, -1), wigner_D_index(2, 2, 2)
    (0, 1, 34)
    >>> wigner_D_index(0.5, -0.5, -0.5), wigner_D_index(1.5, -1.5, -1.5)
    (0, 4)
    """
    two_j = _two_j(l)
    two_mp, two_m = two_times(mp, "mp"), two_times(m, "m")
    for two_x, name in ((two_mp, "mp"), (two_m, "m")):
        if abs(two_x) > two_j or (two_j - two_x) % 2:
            raise InvalidArgumentError(
                f"{name}={format_half(two_x)} must be one of -l, -l+1, ..., l for l={format_half(two_j)}"
            )
    offset = _all_size(two_j - 2)
    n = two_j + 1
    return offset + (two_mp + two_j) // 2 * n + (two_m + two_j) // 2


def wigner_D_all(lmax: Real, alpha: ArrayLike, beta: ArrayLike, gamma: ArrayLike, *,
                 max_bytes: int | None = None) -> np.ndarray:
    """Every Wigner D matrix up to degree ``lmax`` in one flat array, shape (..., Σ (2l+1)²) (complex float).

    Integer ``lmax`` gives l = 0, 1, …, lmax by one run of the recursion (the
    Legendre table is shared by all degrees: O(lmax³) per rotation, as
    ``spherical.Wigner.D``); half-integer ``lmax`` gives j = 1/2, 3/2, …, lmax
    by the Fourier method.  Entry :func:`wigner_D_index` (l, m', m) holds D^l_{m'm}.

    Examples
    --------
    >>> import numpy as np
    >>> flat = wigner_D_all(2, 0.1, 0.2, 0.3)
    >>> flat.shape
    (35,)
    >>> i = wigner_D_index(2, -2, 0)
    >>> bool(np.isclose(flat[i], wigner_D(2, 0.1, 0.2, 0.3)[0, 2]))
    True
    """
    two_j = _two_j(lmax)
    shape, flat_a, flat_b, flat_g = _flat_angles(alpha, beta, gamma)
    degrees = range(two_j % 2, two_j + 1, 2)
    # Σ (t+1)² over t = two_j % 2, … two_j in steps of 2, in closed form (no loop over a huge lmax)
    total = _all_size(two_j)
    count = flat_b.size
    _check_bytes(24.0 * total * max(count, 1), f"wigner_D_all(lmax={format_half(two_j)}) for {count} angle(s)",
                 max_bytes)
    if two_j % 2 == 0:
        out = np.empty((flat_b.shape[0], total), dtype=np.complex128)
        if _D_ALL_TIER.use_kernel(_PYTHON_SECONDS_PER_ENTRY * out.size):
            _k.wigner_D_all_recursion(two_j // 2, flat_a, flat_b, flat_g, out)
        else:
            _D_ALL_TIER.run_twin(python_module(_k).wigner_D_all_recursion, two_j // 2, flat_a, flat_b, flat_g, out)
    else:
        for t in degrees:
            _check_fourier_cost(t, flat_b.shape[0])
        parts = []
        for t in degrees:
            m = np.arange(t + 1) - t / 2.0
            d = _small_d_fourier(t, flat_b)
            block = np.exp(-1j * flat_a[:, None] * m)[:, :, None] * d * np.exp(-1j * flat_g[:, None] * m)[:, None, :]
            parts.append(block.reshape(flat_b.shape[0], -1))
        out = np.concatenate(parts, axis=1)
    return out.reshape(shape + (total,))


def wigner_D_from_quaternion(l: Real, q: ArrayLike, *, method: str = "auto",
                             max_bytes: int | None = None) -> np.ndarray:
    """Wigner D matrices of unit quaternions q = (w, x, y, z) (..., 4), shape (..., 2j+1, 2j+1) (complex float).

    The quaternion is taken to ZYZ angles by half-angle atan2's
    (:func:`~mathref.geometry.euler_from_quaternion`), so the SU(2) sign is kept:
    D^j(−q) = (−1)^{2j} D^j(q).

    Examples
    --------
    >>> import numpy as np
    >>> from mathref.geometry import quaternion_from_euler
    >>> q = quaternion_from_euler(0.1, 0.2, 0.3)
    >>> np.allclose(wigner_D_from_quaternion(1, q), wigner_D(1, 0.1, 0.2, 0.3))
    True
    >>> np.allclose(wigner_D_from_quaternion(0.5, -q), -wigner_D(0.5, 0.1, 0.2, 0.3))
    True
    """
    two_j = _two_j(l)
    arr = as_float_array(q, "q", last_dim=4)
    a, b, g = euler_from_quaternion(arr)
    D = wigner_D(l, a, b, g, method=method, max_bytes=max_bytes)
    if two_j % 2:
        # euler_from_quaternion returns angles of ±q; put the SU(2) sign back where the angles give −q
        back = quaternion_from_euler(a, b, g)
        unit = arr / np.linalg.norm(arr, axis=-1, keepdims=True)
        flip = np.sum(back * unit, axis=-1) < 0
        D = np.where(flip[..., None, None], -D, D)
    return D


def real_wigner_D(l: int, alpha: float, beta: float, gamma: float) -> np.ndarray:
    """Real orthogonal D^real_l(R) with Y^real_l(R r) = D^real_l(R) Y^real_l(r) (float).

    Standard real form (:func:`geometry.real_sph_harm`); R = R_z(α)R_y(β)R_z(γ);
    integer l only (half-integer spins have no real form).

    Notes
    -----
    D^real = U conj(D) U^† with U from :func:`geometry.complex_to_real_matrix`.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref.geometry import sph_harm_all
    >>> R = rotation_matrix(0.3, 1.1, -0.4)
    >>> r = np.array([0.48, 0.6, 0.64])
    >>> np.allclose(sph_harm_all(2, R @ r)[4:], real_wigner_D(2, 0.3, 1.1, -0.4) @ sph_harm_all(2, r)[4:])
    True
    """
    l = as_nonneg_int(l, "l")
    D = wigner_D(l, alpha, beta, gamma)  # checks the size before the change-of-basis block is built
    u = complex_to_real_block(l)
    return (u @ D.conj() @ u.conj().T).real


def real_wigner_D_from_matrix(l: int, R: ArrayLike) -> np.ndarray:
    """:func:`real_wigner_D` for a 3×3 rotation matrix (float).

    Examples
    --------
    >>> import numpy as np
    >>> np.allclose(real_wigner_D_from_matrix(1, np.eye(3)), np.eye(3))
    True
    """
    return real_wigner_D(l, *euler_angles(R))


def rotate_real_sh(x: ArrayLike, alpha: float, beta: float, gamma: float) -> np.ndarray:
    """Rotate real-SH coefficient arrays (..., (L+1)²): returns the coefficients of f(R⁻¹ r) (float).

    Equivalently, if ``x`` holds the harmonics Y(r) at a point, the result holds Y(R r).

    Examples
    --------
    >>> import numpy as np
    >>> from mathref.geometry import sph_harm_all
    >>> r = np.array([0.0, 0.6, 0.8])
    >>> R = rotation_matrix(1.0, 0.5, 0.2)
    >>> np.allclose(rotate_real_sh(sph_harm_all(3, r), 1.0, 0.5, 0.2), sph_harm_all(3, R @ r))
    True
    """
    arr = as_float_array(x, "x")
    if arr.ndim == 0:
        raise InvalidArgumentError("x must have a last axis of length (L+1)**2")
    n = arr.shape[-1]
    lmax = math.isqrt(n) - 1
    if (lmax + 1) ** 2 != n:
        raise InvalidArgumentError(f"x has last dimension {n}, which is not (lmax+1)**2")
    a, b, g = _angle(alpha, "alpha"), _angle(beta, "beta"), _angle(gamma, "gamma")
    out = np.empty_like(arr)
    for l in range(lmax + 1):
        sl = slice(l * l, (l + 1) ** 2)
        out[..., sl] = arr[..., sl] @ real_wigner_D(l, a, b, g).T
    return out
