"""QSP phase factors for a real target polynomial: :func:`qsp_phases` and its numerical methods.

Float phases are found to a requested accuracy and the achieved accuracy is
measured and reported on every result (``max_error``), never assumed.  Three
methods: Weiss' algorithm with the inverse nonlinear Fourier transform
(:mod:`spectral.qsp.nlft`, the default), Newton's method and fixed-point
iteration on the reduced symmetric phases (Dong, Lin, Ni, Wang 2023).  The
conventions are those of :mod:`spectral.qsp.conventions`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np
import scipy.fft
from numpy.typing import ArrayLike

from mathref.equality import fields_equal
from mathref.errors import ConvergenceError, InvalidArgumentError, InvalidTypeError
from mathref.validation import as_flag, check_fields

from . import _qsp_kernels as _k
from ._inputs import as_nonneg_int, as_positive_float
from .completion import MAX_COMPLETION_DEGREE, completion_phases
from .conventions import check_convention, convert_phases, phases_from_wx, phases_to_wx, reduced_phases
from .nlft import nlft_phases
from .polynomials import chebyshev_values_at_angles, sup_norm_estimate, target_coefficients, validate_target
from .response import qsp_response, wx_top_left

__all__ = ["METHODS", "QSPPhases", "qsp_phases", "complex_qsp_phases", "estimated_seconds"]

#: Names accepted by ``method=``.
METHODS = ("nlft", "newton", "fpi", "completion")

#: Targets whose estimated ``max |P|`` exceeds this go to the completion path (Weiss' algorithm needs |P| < 1).
_TOUCHING = 1.0 - 1e-9


@dataclass(frozen=True, eq=False)
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

    def __post_init__(self) -> None:
        check_fields(self)  # a constructor given garbage raises at once

    def __eq__(self, other):
        if not isinstance(other, QSPPhases):
            return NotImplemented
        return fields_equal(self, other)

    __hash__ = None

    def reduced(self) -> np.ndarray:
        """The reduced (first-half) phases of this symmetric solution (see :func:`reduced_phases`).

        Examples
        --------
        >>> qsp_phases(np.array([0.0, 0.3, 0.0, 0.4])).reduced().shape
        (2,)
        """
        return reduced_phases(self.phases, self.convention)

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



# ----------------------------------------------------------------------------- methods


def _solve_nlft(coef: np.ndarray) -> tuple[np.ndarray, dict]:
    """Im-readout symmetric phases via Weiss + inverse NLFT (layer stripping)."""
    phases, nfft = nlft_phases(coef)
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
    return wx_top_left(phases_full, xs).imag


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
    residual = float(np.max(np.abs(_readout_im(full, xs) - f)))
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
    out = wx_top_left(phases_wx, np.cos(theta), np.sin(theta))
    vals = out.real if readout == "re" else out.imag
    return _parity_coefficients(vals, d % 2)


def _coefficient_errors(phases_wx: np.ndarray, readout: str, coef: np.ndarray) -> tuple[float, float]:
    """(max error on a Chebyshev grid of 8(d + 1) points, l1 bound) of readout - target."""
    d = coef.size - 1
    c = _realised_coefficients(phases_wx, readout, d)
    diff = c.copy()
    diff[: coef.size] -= coef
    grid = chebyshev_values_at_angles(diff, max(64, 8 * (d + 1)))
    return float(np.max(np.abs(grid))), float(np.sum(np.abs(diff)))


#: Seconds per d^2 of the NLFT solve plus the O(d^2) check, measured on a 2-core CI machine
#: (d = 16001: 2.2 s solve + 3.4 s check); used for the up-front estimate of ``time_limit``.
_SECONDS_PER_D2 = 2.5e-8


def estimated_seconds(degree: int, *, method: str = "nlft", check: bool = True) -> float:
    """Up-front wall-time estimate of :func:`qsp_phases` at this degree (a guide, not a promise).

    Examples
    --------
    >>> estimated_seconds(200_000) > 60
    True
    """
    degree = as_nonneg_int(degree, "degree")
    if not isinstance(method, str) or method not in METHODS:
        raise InvalidArgumentError(f"method={method!r:.60} is not one of {METHODS}")
    d = max(1, int(degree))
    per = _SECONDS_PER_D2 * (1.0 if as_flag(check, "check") else 0.45)
    if method == "newton":
        return per * d * d + 2e-10 * d**3 * 10
    if method == "fpi":
        return per * d * d * 50
    return per * d * d


def qsp_phases(target: ArrayLike | object, *, convention: str = "Wx", method: str = "nlft", tol: float = 1e-14,
               maxiter: int | None = None, check: bool = True, time_limit: float | None = 120.0) -> QSPPhases:
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
        parity, ``max |P| <= 1`` on [-1, 1]), or a target from :mod:`spectral.qsp.targets`.
        Complex targets realised as ``<0|U|0> = P``: :func:`complex_qsp_phases`.
    convention : str
        ``"Wx"`` (default: ``Re <0|U|0> = P``, GSLW product), ``"symmetric"`` (the same),
        ``"symmetric-im"`` (``Im <0|U|0> = P``), ``"Wz"``, ``"reflection"`` or ``"laurent"``
        (``<+|U|+> = P``, pyqsp's default); see :func:`convert_phases`.
    method : str
        ``"nlft"`` (default): Weiss' algorithm for the complementary outer polynomial
        followed by the inverse nonlinear Fourier transform by layer stripping, O(d^2)
        in a compiled kernel, stable to degree >= 10^4.  ``"newton"``: Newton's method
        for symmetric QSP, O(d^3) per step.  ``"fpi"``: fixed-point iteration, O(d^2) per
        step, converges for ``max |P|`` up to about 0.9.  ``"completion"``: root-finding
        completion, float layer stripping and a Gauss-Newton polish
        (:mod:`spectral.qsp.completion`), for degree <= 120; chosen automatically instead of
        ``"nlft"`` when the target touches ``|P| = 1`` (x, T_k, x^2, ...), where Weiss'
        algorithm has a logarithmic singularity.  Phases of ``+-T_d`` are exact.
    tol : float
        Residual tolerance of the iterative methods (max over the Chebyshev nodes for
        Newton, l1 over coefficients for FPI).
    maxiter : int, optional
        Iteration cap (default 50 for Newton, 2000 for FPI).
    check : bool
        Measure ``max_error`` (costs one O(d^2) evaluation).  If false it is NaN.
    time_limit : float or None
        The compiled O(d^2) loops cannot be interrupted, so the cost is estimated up front
        (:func:`estimated_seconds`, about ``2.5e-8 d^2`` s with the check) and a target
        whose estimate exceeds ``time_limit`` seconds (default 120, i.e. degree ~70,000) is
        refused with the estimate; ``None`` removes the limit.

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
    >>> from mathref.spectral import qsp_response
    >>> x = np.linspace(-1, 1, 7)
    >>> np.allclose(qsp_response(res.phases, x).real, 0.3 * x + 0.4 * (4 * x**3 - 3 * x))
    True
    """
    convention = check_convention(convention)
    if not isinstance(method, str) or method not in METHODS:
        raise InvalidArgumentError(f"method={method!r} is not one of {METHODS}")
    tol = as_positive_float(tol, "tol")
    if maxiter is not None:
        maxiter = as_nonneg_int(maxiter, "maxiter")
        if maxiter < 1:
            raise InvalidArgumentError(f"maxiter={maxiter!r} must be >= 1")
    if not isinstance(check, (bool, np.bool_)):
        raise InvalidTypeError(f"check={check!r} must be True or False")
    if time_limit is not None:
        time_limit = as_positive_float(time_limit, "time_limit")
    coef, parity = validate_target(target, bound_check=False)
    sup = sup_norm_estimate(coef)
    if not sup <= 1.0 + 1e-12:
        raise InvalidArgumentError(
            f"target must satisfy |P(x)| <= 1 on [-1, 1]; max |P| = {sup!r} (scale it down, e.g. by 1 - 1e-3)")
    if sup > _TOUCHING:
        # Weiss' outer function and the symmetric Newton/FPI maps need max |P| < 1; the result's
        # ``method`` records the switch
        method = "completion"
    d = coef.size - 1
    if method == "completion" and d > MAX_COMPLETION_DEGREE:
        raise InvalidArgumentError(
            f"target of degree {d} reaches |P| = 1 (max |P| ~ {sup:.15g}); the completion path that handles "
            f"such targets is limited to degree {MAX_COMPLETION_DEGREE}; scale the target by 1 - 1e-6 instead")
    if time_limit is not None:
        est = estimated_seconds(d, method=method, check=bool(check))
        if est > time_limit:
            raise InvalidArgumentError(
                f"qsp_phases: degree {d:,} is estimated to take ~{est:,.0f} s with method={method!r} "
                f"(uninterruptible compiled loops), above time_limit={time_limit:g} s; pass a larger "
                f"time_limit (or None) to run it anyway")
    if convention == "reflection" and d < 1:
        raise InvalidArgumentError("the reflection convention needs a target of degree >= 1")
    t0 = time.perf_counter()
    if method == "completion":
        if convention == "laurent":
            wx = phases_to_wx(completion_phases(coef, readout="plus"), "laurent")
        else:
            wx = completion_phases(coef, readout="re")
        phases_im = phases_from_wx(wx, "symmetric-im")
        info = {"iterations": 1, "residual": float("nan"), "converged": True}
    elif method == "nlft":
        phases_im, info = _solve_nlft(coef)
    elif method == "newton":
        phases_im, info = _solve_newton(coef, tol, 50 if maxiter is None else maxiter)
    else:
        phases_im, info = _solve_fpi(coef, tol, 2000 if maxiter is None else maxiter)
    elapsed = time.perf_counter() - t0
    phases_wx = phases_to_wx(phases_im, "symmetric-im")
    err, bound = _coefficient_errors(phases_wx, "re", coef) if check else (float("nan"), float("nan"))
    if check and convention == "laurent":
        # the Laurent readout is the whole of <+|U|+>: its imaginary part must vanish too
        m = max(64, 8 * (d + 1))
        xg = np.cos((np.arange(m) + 0.5) * np.pi / m)
        lau = qsp_response(phases_from_wx(phases_wx, "laurent"), xg, convention="laurent")
        err = max(err, float(np.max(np.abs(lau - np.polynomial.chebyshev.chebval(xg, coef)))))
    residual = info["residual"] if method not in ("nlft", "completion") else err
    result = QSPPhases(
        phases=phases_from_wx(phases_wx, convention), convention=convention, method=method, degree=d, parity=parity,
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



def complex_qsp_phases(target: ArrayLike | object, *, tol: float = 1e-12) -> QSPPhases:
    """Wx phases with ``<0|U|0> = P`` for a complex polynomial P (pyqsp's ``measurement="z"``).

    P must satisfy GSLW's conditions (Gilyén, Su, Low, Wiebe 2019, Thm 3): definite parity,
    ``|P| <= 1`` on [-1, 1], ``|P(+-1)| = 1``, and for even degree ``|P(ix)| >= 1``; then
    ``U = [[P, i s Q], [i s Q*, P*]]`` exists and is found by completion, float layer
    stripping and a Gauss-Newton polish (:mod:`spectral.qsp.completion`, degree <= 120).
    ``max_error`` is ``max |<0|U|0> - P|`` measured on 8(d + 1) Chebyshev points and
    ``error_bound`` the l1 norm of the realised-minus-target Chebyshev coefficients.

    Raises :class:`~mathref.errors.ConvergenceError` when the measured error exceeds ``tol``.

    Examples
    --------
    >>> import numpy as np
    >>> from numpy.polynomial import chebyshev
    >>> c = chebyshev.poly2cheb([0.0, -2 + 1j, 0.0, 2.0])        # pyqsp's test_response_4
    >>> res = complex_qsp_phases(c)
    >>> res.max_error < 1e-13
    True
    """
    tol = as_positive_float(tol, "tol")
    coef = getattr(target, "coef", target)
    from ._inputs import reject_text

    reject_text(coef, "target")
    try:
        arr = np.asarray(coef, dtype=np.complex128)
    except (TypeError, ValueError):
        raise InvalidTypeError("target: coefficients must be numbers") from None
    if arr.ndim != 1 or arr.size == 0 or not np.all(np.isfinite(arr)):
        raise InvalidArgumentError("target must be a non-empty 1-D array of finite Chebyshev coefficients")
    nz = np.flatnonzero(arr)
    arr = arr[: nz[-1] + 1] if nz.size else arr[:1]
    d = arr.size - 1
    re = target_coefficients(arr.real) if np.any(arr.real) else np.zeros(1)
    im = target_coefficients(arr.imag) if np.any(arr.imag) else np.zeros(1)
    for part in (re, im):
        if part.size > 1 and np.any(part[(d + 1) % 2 :: 2] != 0):
            raise InvalidArgumentError(f"target has no definite parity (degree {d})")
    t0 = time.perf_counter()
    phases = completion_phases(arr, readout="0")
    elapsed = time.perf_counter() - t0
    m = max(64, 8 * (d + 1))
    x = np.cos((np.arange(m) + 0.5) * np.pi / m)
    vals = wx_top_left(phases, x)
    err = float(np.max(np.abs(vals - np.polynomial.chebyshev.chebval(x, arr))))
    n = d + 1
    xn = np.cos((np.arange(n) + 0.5) * np.pi / n)
    vn = wx_top_left(phases, xn)
    realised = np.polynomial.chebyshev.chebfit(xn, vn.real, d) + 1j * np.polynomial.chebyshev.chebfit(xn, vn.imag, d)
    bound = float(np.sum(np.abs(realised - arr)))
    result = QSPPhases(phases=phases, convention="Wx", method="completion", degree=d, parity=d % 2,
                       max_error=err, error_bound=bound, residual=err, iterations=1, converged=err <= tol,
                       elapsed=elapsed, target=arr)
    if err > tol:
        raise ConvergenceError(f"complex_qsp_phases reached max error {err:.3g} > tol={tol:g}", partial=result,
                               diagnostics={"max_error": err})
    return result
