"""Quantum signal processing phase factors: solvers, conventions, responses.

Float phases are found to a requested accuracy and the achieved accuracy is
measured and reported on every result (``max_error``), never assumed; exact
phases (sympy) come from layer stripping in exact arithmetic.

Conventions
-----------
``"Wx"`` (Gilyén, Su, Low, Wiebe 2019), with ``W(x) = exp(i arccos(x) X)``::

    U(x) = e^{i phi_0 Z} W(x) e^{i phi_1 Z} W(x) ... W(x) e^{i phi_d Z},

``d + 1`` phases for degree ``d``; the real target ``f`` is the **real part**
``Re <0|U(x)|0>``.  Zero phases give ``<0|U|0> = T_d(x)``.  The other
conventions are exact re-parametrisations of the same product, see
:func:`convert_phases` and ``docs/conventions.md``.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import numpy as np
import scipy.fft

from mathref.validation import as_float_array, as_nonneg_int, as_positive_float
from mathref.errors import ConvergenceError, InvalidArgumentError

from . import _qsp_kernels as _k

__all__ = [
    "CONVENTIONS",
    "METHODS",
    "QSPPhases",
    "QSPVerification",
    "qsp_phases",
    "qsp_response",
    "qsp_unitary",
    "convert_phases",
    "verify",
    "exact_qsp_phases",
    "exact_qsp_unitary",
]

#: Names accepted by ``convention=``.
CONVENTIONS = ("Wx", "symmetric", "symmetric-im", "Wz", "reflection")
#: Names accepted by ``method=``.
METHODS = ("nlft", "newton", "fpi")

_READOUT = {"Wx": "re", "symmetric": "re", "symmetric-im": "im", "Wz": "re", "reflection": "re"}


# ----------------------------------------------------------------------------- targets


def _target_coefficients(target) -> np.ndarray:
    """Chebyshev coefficients (float64, 1-D, trailing zeros removed) of a real target."""
    coef = getattr(target, "coef", target)
    arr = np.asarray(coef)
    if arr.dtype == object:
        try:
            arr = np.array([complex(c) for c in arr.ravel()]).reshape(arr.shape)
        except TypeError:
            raise TypeError("target: coefficients must be numbers") from None
    if np.iscomplexobj(arr):
        if np.any(np.imag(arr) != 0):
            raise InvalidArgumentError(
                "target has complex Chebyshev coefficients; QSP phases realise a real polynomial "
                "(pass the real and imaginary parts separately, e.g. cos and sin for exp(-i tau x))"
            )
        arr = np.real(arr)
    arr = as_float_array(arr, "target")
    if arr.ndim != 1 or arr.size == 0:
        raise InvalidArgumentError(f"target must be a non-empty 1-D array of Chebyshev coefficients, got shape {arr.shape}")
    nz = np.flatnonzero(arr)
    if nz.size == 0:
        return np.zeros(1)
    return arr[: nz[-1] + 1].copy()


def _check_parity(coef: np.ndarray, parity_tol: float) -> int:
    d = coef.size - 1
    wrong = coef[(d + 1) % 2 :: 2]
    scale = max(1.0, float(np.max(np.abs(coef))))
    if wrong.size and np.max(np.abs(wrong)) > parity_tol * scale:
        bad = int(np.flatnonzero(np.abs(wrong) > parity_tol * scale)[0]) * 2 + (d + 1) % 2
        raise InvalidArgumentError(
            f"target has no definite parity: degree {d} is {'even' if d % 2 == 0 else 'odd'} "
            f"but the coefficient of T_{bad} is {coef[bad]!r} (QSP needs an even or an odd polynomial)"
        )
    return d % 2


def _sup_norm(coef: np.ndarray) -> float:
    """max |p(x)| on [-1, 1], found on a dense Chebyshev grid and refined by Newton steps."""
    d = coef.size - 1
    m = max(64, 8 * (d + 1))
    theta = (np.arange(m) + 0.5) * np.pi / m
    vals = _cheb_values_on_theta(coef, m)
    # endpoints too
    ends = np.polynomial.chebyshev.chebval(np.array([-1.0, 1.0]), coef)
    best = float(max(np.max(np.abs(vals)), np.max(np.abs(ends))))
    # refine around the largest grid values (local maxima of |p| in theta)
    order = np.argsort(-np.abs(vals))[: min(8, m)]
    dcoef = np.polynomial.chebyshev.chebder(coef)
    ddcoef = np.polynomial.chebyshev.chebder(dcoef)
    for idx in order:
        x = math.cos(theta[idx])
        for _ in range(6):
            g = np.polynomial.chebyshev.chebval(x, dcoef)
            h = np.polynomial.chebyshev.chebval(x, ddcoef)
            if h == 0:
                break
            x_new = min(1.0, max(-1.0, x - g / h))
            if abs(x_new - x) < 1e-16:
                break
            x = x_new
        best = max(best, abs(float(np.polynomial.chebyshev.chebval(x, coef))))
    return best


def _cheb_values_on_theta(coef: np.ndarray, m: int) -> np.ndarray:
    """p(cos theta_j) at theta_j = (j + 1/2) pi / m by one DCT-III (m >= len(coef))."""
    buf = np.zeros(m)
    buf[: coef.size] = coef
    buf[0] *= 2.0
    return scipy.fft.dct(buf, type=3) / 2.0


def _validate_target(target, *, bound_check: bool = True) -> tuple[np.ndarray, int]:
    coef = _target_coefficients(target)
    parity = _check_parity(coef, 1e-14)
    d = coef.size - 1
    coef = coef.copy()
    coef[(d + 1) % 2 :: 2] = 0.0
    if bound_check:
        sup = _sup_norm(coef)
        if not sup < 1.0:
            raise InvalidArgumentError(
                f"target must satisfy |P(x)| < 1 on [-1, 1]; max |P| = {sup!r} (scale it down, e.g. by 1 - 1e-3)"
            )
    return coef, parity


# ----------------------------------------------------------------------------- results


@dataclass(frozen=True)
class QSPPhases:
    """Phase factors found by :func:`qsp_phases`, with diagnostics.

    Attributes
    ----------
    phases : numpy.ndarray
        The phases in ``convention`` (d + 1 values; d for ``"reflection"``).
    convention : str
        One of :data:`CONVENTIONS`.
    method : str
        The solver used.
    degree : int
        Degree d of the realised polynomial.
    parity : int
        0 (even) or 1 (odd).
    max_error : float
        ``max |readout(x) - target(x)|`` over a Chebyshev grid of ``8(d + 1)`` points in
        [-1, 1].  The realised polynomial's Chebyshev coefficients are interpolated
        exactly (up to rounding) from SU(2) products at ``d // 2 + 1`` Chebyshev nodes.
    error_bound : float
        The l1 norm of the coefficient difference: an upper bound on the error over
        all of [-1, 1] (pessimistic by up to a factor ~sqrt(d)).
    residual : float
        The solver's own final residual (method specific).
    iterations : int
        Iterations (1 for the direct NLFT method).
    converged : bool
        Whether the solver met its tolerance.
    elapsed : float
        Wall time of the solve in seconds (error check excluded).
    target : numpy.ndarray
        The Chebyshev coefficients that were realised.
    """

    phases: np.ndarray
    convention: str
    method: str
    degree: int
    parity: int
    max_error: float
    error_bound: float
    residual: float
    iterations: int
    converged: bool
    elapsed: float
    target: np.ndarray = field(repr=False)

    def to(self, convention: str) -> "QSPPhases":
        """The same solution expressed in another convention (see :func:`convert_phases`).

        Examples
        --------
        >>> import numpy as np
        >>> res = qsp_phases(np.array([0.0, 0.5]))
        >>> res.to("reflection").phases.shape
        (1,)
        """
        new = convert_phases(self.phases, self.convention, convention)
        return QSPPhases(
            phases=new, convention=convention, method=self.method, degree=self.degree, parity=self.parity,
            max_error=self.max_error, error_bound=self.error_bound, residual=self.residual, iterations=self.iterations,
            converged=self.converged, elapsed=self.elapsed, target=self.target,
        )


# ----------------------------------------------------------------------------- responses


def _as_phases(phases, name: str = "phases") -> np.ndarray:
    arr = as_float_array(phases, name)
    if arr.ndim != 1:
        raise InvalidArgumentError(f"{name} must be 1-D, got shape {arr.shape}")
    return arr


def _check_convention(convention) -> str:
    if convention not in CONVENTIONS:
        raise InvalidArgumentError(f"convention={convention!r} is not one of {CONVENTIONS}")
    return convention


def _as_points(x) -> tuple[np.ndarray, tuple]:
    arr = as_float_array(x, "x")
    shape = arr.shape
    flat = np.ascontiguousarray(arr.ravel())
    if flat.size and (np.max(flat) > 1.0 or np.min(flat) < -1.0):
        raise InvalidArgumentError("x must lie in [-1, 1] (the signal is cos of an angle)")
    return flat, shape


def _sines(x: np.ndarray) -> np.ndarray:
    return np.sqrt(np.maximum(0.0, (1.0 - x) * (1.0 + x)))


def _wx_phases(phases: np.ndarray, convention: str) -> np.ndarray:
    if convention == "reflection":
        if phases.size == 0:
            raise InvalidArgumentError("reflection-convention phases must contain at least one phase")
        return _reflection_as_wx(phases)
    return phases


def qsp_response(phases, x, *, convention: str = "Wx") -> np.ndarray:
    """The complex QSP response ``<0|U(x)|0>`` by SU(2) products, vectorised over ``x``.

    Accurate to a few units of rounding times the number of factors (each factor is
    an exactly unitary 2x2 product in double precision).

    Parameters
    ----------
    phases : array_like
        Phase factors in ``convention``.
    x : array_like
        Signal values in [-1, 1] (any shape).
    convention : str
        ``"Wx"``, ``"symmetric"``, ``"symmetric-im"`` (all read ``<0|U|0>`` of the Wx
        product), ``"Wz"`` (returns ``<+|U|+>`` of the product with Z signal and X phases,
        which equals the Wx value) or ``"reflection"`` (``<0|U|0>`` of the reflection
        product).

    Returns
    -------
    numpy.ndarray
        Complex array of the shape of ``x``.

    Notes
    -----
    The target of a real-readout convention is ``response.real``; of ``"symmetric-im"``
    it is ``response.imag``.  See :mod:`spectral.qsp` for the products.

    Examples
    --------
    >>> import numpy as np
    >>> x = np.array([0.3, -0.7])
    >>> np.allclose(qsp_response(np.zeros(4), x), np.cos(3 * np.arccos(x)))  # T_3
    True
    """
    convention = _check_convention(convention)
    ph = _wx_phases(_as_phases(phases), convention)
    if ph.size == 0:
        raise InvalidArgumentError("phases must contain at least one phase")
    flat, shape = _as_points(x)
    out = np.empty(flat.size, dtype=np.complex128)
    _k.wx_top_left_entries(np.ascontiguousarray(ph), flat, _sines(flat), out)
    if convention == "reflection":
        out *= (-1j) ** (ph.size - 1)
    return out.reshape(shape)


def qsp_unitary(phases, x, *, convention: str = "Wx") -> np.ndarray:
    """The full SU(2) matrices ``U(x)``, shape ``x.shape + (2, 2)``.

    For ``"Wz"`` the matrices are in the Z-signal frame (``H U_Wx H``).

    Examples
    --------
    >>> import numpy as np
    >>> U = qsp_unitary([0.1, 0.2, 0.3], np.array([0.5]))
    >>> np.allclose(U[0] @ U[0].conj().T, np.eye(2))
    True
    """
    convention = _check_convention(convention)
    ph = _wx_phases(_as_phases(phases), convention)
    flat, shape = _as_points(x)
    out = np.empty((flat.size, 2, 2), dtype=np.complex128)
    _k.wx_unitaries(np.ascontiguousarray(ph), flat, out)
    if convention == "reflection":
        out *= (-1j) ** (ph.size - 1)
    elif convention == "Wz":
        h = np.array([[1.0, 1.0], [1.0, -1.0]]) / math.sqrt(2.0)
        out = h @ out @ h
    return out.reshape(shape + (2, 2))


def _reflection_as_wx(psi: np.ndarray) -> np.ndarray:
    """Wx phases whose product equals i^d times the reflection product of ``psi``.

    Uses R(x) = -i e^{i pi/4 Z} W(x) e^{i pi/4 Z} factor by factor.
    """
    d = psi.size
    out = np.empty(d + 1)
    out[0] = psi[0] + math.pi / 4
    out[1:d] = psi[1:] + math.pi / 2
    out[d] = math.pi / 4
    return out


# ----------------------------------------------------------------------------- conventions


def convert_phases(phases, from_convention: str, to_convention: str) -> np.ndarray:
    """Rewrite phases from one convention into another, exactly.

    The conversions are affine maps with coefficients 0, ±1 and offsets that are
    multiples of pi/4, so they introduce at most one rounding per phase.  The readout
    polynomial of the source convention equals the readout of the destination one.

    Parameters
    ----------
    phases : array_like
        Phases in ``from_convention``.
    from_convention, to_convention : str
        Members of :data:`CONVENTIONS`.

    Returns
    -------
    numpy.ndarray

    Notes
    -----
    With ``Wx`` phases (phi_0, ..., phi_d):

    * ``"symmetric"`` is ``"Wx"`` (same product, same real readout);
    * ``"symmetric-im"`` has phi_0 and phi_d increased by pi/4: the new top-left entry
      is ``i <0|U|0>``, so its imaginary part is the old real part;
    * ``"Wz"`` uses the same phases: ``H U_Wx H`` has Z signal and X phase rotations and
      ``<+|H U_Wx H|+> = <0|U_Wx|0>``;
    * ``"reflection"`` (d phases psi_1..psi_d, ``U = prod_k e^{i psi_k Z} R(x)``,
      ``R = [[x, s], [s, -x]]``) uses ``R = -i e^{i pi/4 Z} W e^{i pi/4 Z}``:
      psi_1 = phi_0 + phi_d + (d - 1) pi/2 and psi_{k+1} = phi_k - pi/2 (k = 1..d-1);
      then ``<0|U_R|0> = <0|U_Wx|0>``.

    Examples
    --------
    >>> import numpy as np
    >>> phi = np.array([0.1, 0.2, 0.3])
    >>> psi = convert_phases(phi, "Wx", "reflection")
    >>> x = np.linspace(-1, 1, 5)
    >>> np.allclose(qsp_response(psi, x, convention="reflection"), qsp_response(phi, x))
    True
    """
    _check_convention(from_convention)
    _check_convention(to_convention)
    ph = _as_phases(phases).copy()
    wx = _to_wx(ph, from_convention)
    return _from_wx(wx, to_convention)


def _to_wx(ph: np.ndarray, conv: str) -> np.ndarray:
    if conv in ("Wx", "symmetric", "Wz"):
        return ph.copy()
    if conv == "symmetric-im":
        out = ph.copy()
        out[0] -= math.pi / 4
        out[-1] -= math.pi / 4
        return out
    # reflection: d phases -> d + 1 phases, putting phi_d = 0
    d = ph.size
    if d == 0:
        raise InvalidArgumentError("reflection-convention phases must contain at least one phase")
    out = np.empty(d + 1)
    out[0] = ph[0] - (d - 1) * math.pi / 2
    out[1:d] = ph[1:] + math.pi / 2
    out[d] = 0.0
    return out


def _from_wx(ph: np.ndarray, conv: str) -> np.ndarray:
    if conv in ("Wx", "symmetric", "Wz"):
        return ph.copy()
    if conv == "symmetric-im":
        out = ph.copy()
        out[0] += math.pi / 4
        out[-1] += math.pi / 4
        return out
    d = ph.size - 1
    if d < 1:
        raise InvalidArgumentError("the reflection convention needs degree >= 1 (at least two Wx phases)")
    out = np.empty(d)
    out[0] = ph[0] + ph[d] + (d - 1) * math.pi / 2
    out[1:] = ph[1:d] - math.pi / 2
    return out


# ----------------------------------------------------------------------------- solvers


def _b_coefficients(coef: np.ndarray) -> np.ndarray:
    """beta_k (k = 0..d) with f(cos t) = sum_k beta_k cos((2k - d) t)."""
    d = coef.size - 1
    beta = np.zeros(d + 1)
    for j in range(d % 2, d + 1, 2):
        if j == 0:
            beta[d // 2] += coef[0]
        else:
            beta[(d - j) // 2] += coef[j] / 2.0
            beta[(d + j) // 2] += coef[j] / 2.0
    return beta


def _weiss_alpha(beta: np.ndarray) -> tuple[np.ndarray, int]:
    """Coefficients of the outer a*(z) with |a*|^2 + |b|^2 = 1 on |z| = 1 (Weiss' algorithm).

    ``log|a*| = log(1 - |b|^2) / 2`` on the circle; its analytic completion (one FFT
    pair) exponentiated is a*.  The FFT length doubles until the Fourier coefficients of
    the logarithm have decayed to below 1e-17 at the Nyquist end.
    """
    n = beta.size
    nfft = 1 << max(6, int(math.ceil(math.log2(16 * n))))
    while True:
        vals = scipy.fft.rfft(beta, nfft)  # b on the circle (half of it: |b| is even in the angle)
        mod2 = vals.real**2 + vals.imag**2
        if np.max(mod2) >= 1.0:
            raise InvalidArgumentError("target must satisfy |P(x)| < 1 on [-1, 1] (found |P| >= 1 on the circle)")
        half_log = 0.5 * np.log1p(-mod2)
        r = scipy.fft.irfft(half_log, nfft)  # Fourier coefficients r_m of log|a| (real, even)
        # stop when the top eighth of the spectrum is at the rounding floor of the FFT
        floor = 64 * np.finfo(float).eps * max(1.0, float(np.max(np.abs(half_log))))
        tail = np.max(np.abs(r[nfft // 2 - nfft // 8 : nfft // 2 + 1]))
        if tail <= floor or nfft >= (1 << 24):
            break
        nfft = _next_fft_length(r, nfft, floor)
    g = np.zeros(nfft, dtype=np.complex128)
    g[0] = r[0]
    g[1 : nfft // 2] = 2.0 * r[1 : nfft // 2]
    g[nfft // 2] = r[nfft // 2]
    g_vals = np.fft.ifft(g) * nfft  # G(e^{i w_j}), analytic part of log|a*|
    alpha = np.fft.fft(np.exp(g_vals)) / nfft
    return np.ascontiguousarray(alpha[:n].real), nfft


def _next_fft_length(r: np.ndarray, nfft: int, floor: float) -> int:
    """Extrapolate the geometric decay of |r_m| to the length where it meets ``floor``."""
    m_a, m_b = nfft // 16, nfft // 8
    a = float(np.max(np.abs(r[m_a : m_a + nfft // 64 + 1])))
    b = float(np.max(np.abs(r[m_b : m_b + nfft // 64 + 1])))
    grow = 2 * nfft
    if floor < b < a:
        rate = math.log(b / a) / (m_b - m_a)
        m_star = m_b + math.log(floor / b) / rate
        grow = max(grow, 1 << int(math.ceil(math.log2(3.0 * m_star))))
    return min(grow, 1 << 24)


def _solve_nlft(coef: np.ndarray) -> tuple[np.ndarray, dict]:
    """Im-readout symmetric phases via Weiss + inverse NLFT (layer stripping)."""
    beta = _b_coefficients(coef)
    alpha, nfft = _weiss_alpha(beta)
    ts = np.empty(beta.size)
    _k.real_nlft_layer_stripping(alpha, beta.copy(), ts)
    phases = np.arctan(ts)
    # the exact solution is symmetric; averaging removes the rounding asymmetry
    phases = 0.5 * (phases + phases[::-1])
    return phases, {"iterations": 1, "residual": float("nan"), "converged": True, "fft_length": nfft}


def _positive_nodes(d: int) -> np.ndarray:
    return np.cos(_positive_angles(d))


def _positive_angles(d: int) -> np.ndarray:
    m = d // 2 + 1
    return (2 * np.arange(m) + 1) * np.pi / (4 * m)


def _parity_coefficients(values: np.ndarray, parity: int) -> np.ndarray:
    """Chebyshev coefficients from values at the positive half of a 2m-point Chebyshev grid."""
    sign = -1.0 if parity else 1.0
    full = np.concatenate([values, sign * values[::-1]])
    c = scipy.fft.dct(full, type=2) / full.size
    c[0] /= 2.0
    return c


def _full_from_reduced(psi: np.ndarray, d: int) -> np.ndarray:
    return np.ascontiguousarray(np.concatenate([psi, psi[: d + 1 - psi.size][::-1]]))


def _readout_im(phases_full: np.ndarray, xs: np.ndarray) -> np.ndarray:
    out = np.empty(xs.size, dtype=np.complex128)
    _k.wx_top_left_entries(phases_full, xs, _sines(xs), out)
    return out.imag


def _solve_newton(coef: np.ndarray, tol: float, maxiter: int) -> tuple[np.ndarray, dict]:
    """Newton's method for symmetric QSP (Dong, Lin, Ni, Wang 2023), Im readout."""
    d = coef.size - 1
    xs = _positive_nodes(d)
    f = np.polynomial.chebyshev.chebval(xs, coef)
    m = xs.size
    psi = np.zeros(m)
    values = np.empty(m, dtype=np.complex128)
    jac = np.empty((m, d + 1), dtype=np.complex128)
    residual = float("inf")
    it = 0
    for it in range(1, maxiter + 1):
        full = _full_from_reduced(psi, d)
        _k.wx_top_left_jacobian(full, xs, values, jac)
        r = values.imag - f
        residual = float(np.max(np.abs(r)))
        if residual <= tol:
            return full, {"iterations": it - 1, "residual": residual, "converged": True}
        jim = jac.imag
        jred = jim[:, :m].copy()
        # phi_k and phi_{d-k} are the same unknown
        jred[:, : d + 1 - m] += jim[:, m:][:, ::-1]
        try:
            step = np.linalg.solve(jred, r)
        except np.linalg.LinAlgError:
            break
        psi = psi - step
        if not np.all(np.isfinite(psi)):
            break
    full = _full_from_reduced(psi, d)
    out = np.empty(m, dtype=np.complex128)
    _k.wx_top_left_entries(full, xs, _sines(xs), out)
    residual = float(np.max(np.abs(out.imag - f)))
    return full, {"iterations": it, "residual": residual, "converged": residual <= tol}


def _solve_fpi(coef: np.ndarray, tol: float, maxiter: int) -> tuple[np.ndarray, dict]:
    """Fixed-point iteration on the reduced phases (Dong, Lin, Ni, Wang 2023), Im readout."""
    d = coef.size - 1
    parity = d % 2
    xs = _positive_nodes(d)
    m = xs.size
    psi = np.zeros(m)
    idx = d - 2 * np.arange(m)  # Chebyshev index driven by psi_j
    weight = np.where(idx == 0, 1.0, 0.5)
    target = np.zeros(2 * m)
    target[: coef.size] = coef
    residual = float("inf")
    it = 0
    for it in range(1, maxiter + 1):
        full = _full_from_reduced(psi, d)
        c = _parity_coefficients(_readout_im(full, xs), parity)
        diff = c[idx] - target[idx]
        residual = float(np.sum(np.abs(diff)))
        if residual <= tol:
            return full, {"iterations": it - 1, "residual": residual, "converged": True}
        psi = psi - weight * diff
        if not np.all(np.isfinite(psi)) or residual > 1e3:
            break
    return _full_from_reduced(psi, d), {"iterations": it, "residual": residual, "converged": False}


def _realised_coefficients(phases_wx: np.ndarray, readout: str, d: int) -> np.ndarray:
    theta = _positive_angles(d)
    out = np.empty(theta.size, dtype=np.complex128)
    _k.wx_top_left_entries(np.ascontiguousarray(phases_wx), np.cos(theta), np.sin(theta), out)
    vals = out.real if readout == "re" else out.imag
    return _parity_coefficients(vals, d % 2)


def _coefficient_errors(phases_wx: np.ndarray, readout: str, coef: np.ndarray) -> tuple[float, float]:
    """(max error on a Chebyshev grid of 8(d + 1) points, l1 bound) of readout - target."""
    d = coef.size - 1
    c = _realised_coefficients(phases_wx, readout, d)
    diff = c.copy()
    diff[: coef.size] -= coef
    grid = _cheb_values_on_theta(diff, max(64, 8 * (d + 1)))
    return float(np.max(np.abs(grid))), float(np.sum(np.abs(diff)))


def qsp_phases(target, *, convention: str = "Wx", method: str = "nlft", tol: float = 1e-14,
               maxiter: int | None = None, check: bool = True) -> QSPPhases:
    """Phase factors realising a real polynomial of definite parity with |P| < 1 on [-1, 1].

    The achieved accuracy is measured, not assumed: ``max_error`` is the largest
    ``|readout(x) - P(x)|`` over a Chebyshev grid of 8(d + 1) points, from the realised
    polynomial's Chebyshev coefficients (interpolated from SU(2) products at Chebyshev
    nodes); ``error_bound`` is the rigorous l1 bound.  Typical ``max_error`` is 1e-15 to
    1e-13 up to degree 10^4 (larger only when the target itself is ill-conditioned to
    evaluate, e.g. about tau * 1e-16 for cos(tau x)).

    Parameters
    ----------
    target : array_like or QSPTarget
        Chebyshev coefficients ``c`` of ``P(x) = sum_k c_k T_k(x)`` (real, definite
        parity, ``max |P| < 1`` on [-1, 1]), or a target from :mod:`spectral.qsp_targets`.
    convention : str
        ``"Wx"`` (default: ``Re <0|U|0> = P``, GSLW product), ``"symmetric"`` (the same),
        ``"symmetric-im"`` (``Im <0|U|0> = P``), ``"Wz"`` or ``"reflection"``; see
        :func:`convert_phases`.
    method : str
        ``"nlft"`` (default): Weiss' algorithm for the complementary outer polynomial
        followed by the inverse nonlinear Fourier transform by layer stripping, O(d^2)
        in a compiled kernel, stable to degree >= 10^4.  ``"newton"``: Newton's method
        for symmetric QSP, O(d^3) per step.  ``"fpi"``: fixed-point iteration, O(d^2) per
        step, converges for ``max |P|`` up to about 0.9.
    tol : float
        Residual tolerance of the iterative methods (max over the Chebyshev nodes for
        Newton, l1 over coefficients for FPI).
    maxiter : int, optional
        Iteration cap (default 50 for Newton, 2000 for FPI).
    check : bool
        Measure ``max_error`` (costs one O(d^2) evaluation).  If false it is NaN.

    Returns
    -------
    QSPPhases

    Raises
    ------
    InvalidArgumentError
        Complex coefficients, no definite parity, or ``max |P| >= 1``.
    ConvergenceError
        An iterative method did not meet ``tol`` (``.partial`` holds the last phases).

    Notes
    -----
    The solution returned is the symmetric one (``phi_k = phi_{d-k}`` in ``"Wx"``), the
    maximal solution of Wang, Dong, Lin (2022).  The NLFT correspondence used: with
    ``F_k = i tan(phi_k)`` and ``z = e^{2 i arccos x}``, ``H U H D^{-d}`` is the SU(2)
    nonlinear Fourier transform of ``F`` (Alexis, Lin, Mnatsakanyan, Thiele, Wang 2024;
    Ni, Sarkar, Ying, Lin 2024), so ``b(z) = i sum_k beta_k z^k`` is read off the
    target's Chebyshev coefficients and ``a*`` is the outer function with
    ``|a|^2 + |b|^2 = 1``.

    Examples
    --------
    >>> import numpy as np
    >>> res = qsp_phases(np.array([0.0, 0.3, 0.0, 0.4]))   # 0.3 T_1 + 0.4 T_3
    >>> res.phases.shape, res.max_error < 1e-14
    ((4,), True)
    >>> x = np.linspace(-1, 1, 7)
    >>> np.allclose(qsp_response(res.phases, x).real, 0.3 * x + 0.4 * (4 * x**3 - 3 * x))
    True
    """
    convention = _check_convention(convention)
    if method not in METHODS:
        raise InvalidArgumentError(f"method={method!r} is not one of {METHODS}")
    tol = as_positive_float(tol, "tol")
    coef, parity = _validate_target(target)
    d = coef.size - 1
    if convention == "reflection" and d < 1:
        raise InvalidArgumentError("the reflection convention needs a target of degree >= 1")
    t0 = time.perf_counter()
    if method == "nlft":
        phases_im, info = _solve_nlft(coef)
    elif method == "newton":
        phases_im, info = _solve_newton(coef, tol, 50 if maxiter is None else as_nonneg_int(maxiter, "maxiter"))
    else:
        phases_im, info = _solve_fpi(coef, tol, 2000 if maxiter is None else as_nonneg_int(maxiter, "maxiter"))
    elapsed = time.perf_counter() - t0
    phases_wx = _to_wx(phases_im, "symmetric-im")
    err, bound = _coefficient_errors(phases_wx, "re", coef) if check else (float("nan"), float("nan"))
    residual = info["residual"] if method != "nlft" else err
    result = QSPPhases(
        phases=_from_wx(phases_wx, convention), convention=convention, method=method, degree=d, parity=parity,
        max_error=err, error_bound=bound, residual=residual, iterations=info["iterations"],
        converged=bool(info["converged"]), elapsed=elapsed, target=coef,
    )
    if not result.converged:
        raise ConvergenceError(
            f"qsp_phases(method={method!r}) stopped after {info['iterations']} iterations with residual "
            f"{info['residual']:.3g} > tol={tol:g} (try method='nlft')",
            partial=result, diagnostics=dict(info),
        )
    return result


# ----------------------------------------------------------------------------- verification


@dataclass(frozen=True)
class QSPVerification:
    """Result of :func:`verify`.

    Attributes
    ----------
    max_error : float
        ``max |readout(x) - P(x)|`` over the grid.
    argmax : float
        Where it is attained.
    points : int
        Grid size.
    max_unitarity_defect : float
        ``max ||U^dagger U - I||`` over a subsample of the grid.
    convention : str
    elapsed : float
    """

    max_error: float
    argmax: float
    points: int
    max_unitarity_defect: float
    convention: str
    elapsed: float


def verify(phases, target, *, convention: str = "Wx", points: int | None = None) -> QSPVerification:
    """Check phases against a target on a Chebyshev grid by direct SU(2) products.

    Independent of the solver: the response is evaluated point by point (no
    interpolation) at ``points`` Chebyshev points of the first kind (default
    ``4(d + 1)``, at least 64) and compared with the target's Clenshaw values.

    Examples
    --------
    >>> import numpy as np
    >>> c = np.array([0.0, 0.6])
    >>> v = verify(qsp_phases(c).phases, c)
    >>> v.max_error < 1e-14, v.max_unitarity_defect < 1e-14
    (True, True)
    """
    convention = _check_convention(convention)
    t0 = time.perf_counter()
    coef = _target_coefficients(target)
    ph = _as_phases(phases)
    d = ph.size if convention == "reflection" else ph.size - 1
    n = as_nonneg_int(points, "points") if points is not None else max(64, 4 * (d + 1))
    theta = (np.arange(n) + 0.5) * np.pi / n
    x = np.cos(theta)
    resp = qsp_response(ph, x, convention=convention)
    read = resp.imag if _READOUT[convention] == "im" else resp.real
    err = np.abs(read - np.polynomial.chebyshev.chebval(x, coef))
    sub = x[:: max(1, n // 64)]
    U = qsp_unitary(ph, sub, convention=convention)
    defect = np.abs(np.einsum("nji,njk->nik", U.conj(), U) - np.eye(2)).max()
    i = int(np.argmax(err))
    return QSPVerification(float(err[i]), float(x[i]), n, float(defect), convention, time.perf_counter() - t0)


# ----------------------------------------------------------------------------- exact phases


def _sympy_poly(coeffs, name):
    import sympy

    x = sympy.Symbol("x", real=True)
    try:
        vals = [sympy.nsimplify(c, rational=True) if isinstance(c, float) else sympy.sympify(c) for c in coeffs]
    except (sympy.SympifyError, TypeError):
        raise TypeError(f"{name} must be a sequence of exact numbers") from None
    return sympy.Poly(sum(v * x**k for k, v in enumerate(vals)), x, domain="EX" if vals else "QQ"), x


def exact_qsp_phases(P, Q):
    """Exact Wx phases (sympy) of the SU(2) polynomial pair (P, Q) by exact layer stripping.

    ``U(x) = [[P, i Q s], [i Q^* s, P^*]]`` with ``s = sqrt(1 - x^2)``, degree P = d,
    degree Q <= d - 1, parities d and d - 1, and ``|P|^2 + (1 - x^2)|Q|^2 = 1``; the phases
    satisfy ``U(x) = e^{i phi_0 Z} prod_k W(x) e^{i phi_k Z}`` exactly.  No float is
    touched.

    Parameters
    ----------
    P, Q : sequence
        Monomial coefficients (lowest first) as exact numbers (ints, Fractions, sympy
        rationals or algebraic numbers such as ``sympy.I/2``).

    Returns
    -------
    list of sympy.Expr
        d + 1 phases.

    Notes
    -----
    Step (Gilyén et al. 2019, Thm. 3): with leading coefficients p of P and q of Q,
    ``e^{2 i phi_d} = p / q``; then ``P <- x P e^{-i phi} + (1 - x^2) Q e^{i phi}``,
    ``Q <- x Q e^{i phi} - P e^{-i phi}`` lowers both degrees by one.  ``e^{i phi}`` is
    taken as ``(1 + r)/|1 + r|`` for ``r = p/q`` (``i`` when ``r = -1``), so that
    ``phi = atan(Im r / (1 + Re r))``.

    Examples
    --------
    >>> import sympy
    >>> exact_qsp_phases([0, -3, 0, 4], [-1, 0, 4])       # T_3 and U_2
    [0, 0, 0, 0]
    >>> ph = exact_qsp_phases([sympy.Rational(-3, 5) + sympy.Rational(4, 5) * sympy.I, 0, sympy.Rational(6, 5)], [0, sympy.Rational(6, 5)])
    >>> ph
    [0, atan(4/3), 0]
    >>> x = sympy.Symbol("x", real=True)
    >>> sympy.expand(exact_qsp_unitary(ph, x)[0, 0])
    6*x**2/5 - 3/5 + 4*I/5
    """
    import sympy

    p_poly, x = _sympy_poly(P, "P")
    q_poly, _ = _sympy_poly(Q, "Q")
    pe = sympy.expand(p_poly.as_expr())
    qe = sympy.expand(q_poly.as_expr())
    check = sympy.expand(pe * sympy.conjugate(pe).subs(sympy.conjugate(x), x)
                         + (1 - x**2) * qe * sympy.conjugate(qe).subs(sympy.conjugate(x), x) - 1)
    if sympy.simplify(check) != 0:
        raise InvalidArgumentError("P and Q do not satisfy |P|^2 + (1 - x^2)|Q|^2 = 1 identically")
    d = sympy.degree(pe, x) if pe != 0 else 0
    phases = []
    for deg in range(d, 0, -1):
        p = sympy.expand(pe).coeff(x, deg)
        q = sympy.expand(qe).coeff(x, deg - 1)
        if p == 0 and q == 0:
            e = sympy.Integer(1)
            phi = sympy.Integer(0)
        else:
            r = sympy.nsimplify(sympy.simplify(p / q))
            if sympy.simplify(r + 1) == 0:
                e = sympy.I
                phi = sympy.pi / 2
            else:
                re_r, im_r = sympy.re(r), sympy.im(r)
                e = sympy.simplify((1 + r) / sympy.sqrt(2 + 2 * re_r))
                phi = sympy.atan(im_r / (1 + re_r))
        ec = sympy.conjugate(e)
        pe, qe = (sympy.expand(x * pe * ec + (1 - x**2) * qe * e), sympy.expand(x * qe * e - pe * ec))
        phases.append(sympy.simplify(phi))
    c0 = sympy.simplify(pe)
    phases.append(sympy.simplify(sympy.arg(c0)) if c0 != 1 else sympy.Integer(0))
    return phases[::-1]


def exact_qsp_unitary(phases, x):
    """The Wx product ``U(x)`` as a sympy Matrix (exact; ``x`` may be a Symbol).

    Examples
    --------
    >>> import sympy
    >>> x = sympy.Symbol("x")
    >>> sympy.expand(exact_qsp_unitary([0, 0, 0], x)[0, 0])
    2*x**2 - 1
    """
    import sympy

    s = sympy.sqrt(1 - x**2)
    W = sympy.Matrix([[x, sympy.I * s], [sympy.I * s, x]])

    def rz(phi):
        # cos/sin of atan(rational) evaluate to algebraic numbers, exp(i atan) would not
        e = sympy.cos(phi) + sympy.I * sympy.sin(phi)
        return sympy.Matrix([[e, 0], [0, sympy.conjugate(e)]])

    U = rz(sympy.sympify(phases[0]))
    for phi in phases[1:]:
        U = U * W * rz(sympy.sympify(phi))
    return U
