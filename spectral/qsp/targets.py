"""Target polynomials for QSP/QSVT as Chebyshev series with error bounds.

Every builder returns a :class:`QSPTarget`: Chebyshev coefficients of a
polynomial ``P`` of definite parity (except the complex ``e^{-i tau x}`` and the
parity-free ``e^{-beta(x+1)}``, which offer :meth:`QSPTarget.parity_parts`),
its degree, the scale ``s`` it approximates ``s * f`` at, a bound ``max_error`` on
``|P - s f|`` over ``domain``, and ``sup_norm = max |P|`` on [-1, 1], which the
builder keeps ``<= 1 - margin`` by choosing ``s``.

Accuracy contract: ``max_error`` is the sum of an analytic bound on the smooth
surrogate's error (e.g. ``erfc(k delta)`` for sign) and the l1 norm of the
discarded Chebyshev tail of a fully resolved series, so it holds up to rounding
(~1e-16 per coefficient).  ``sup_norm`` is found on a grid of 8(d + 1) Chebyshev
angles refined by Newton steps at the largest values (not interval arithmetic;
:func:`spectral.qsp.polynomials.sup_norm_estimate`).
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Callable

import numpy as np
import scipy.fft
import scipy.special

from mathref.errors import InvalidArgumentError
from mathref.validation import as_nonneg_int, as_positive_float, as_rational

from .polynomials import sup_norm_estimate

__all__ = [
    "QSPTarget",
    "cos_target",
    "sin_target",
    "exp_target",
    "inverse_target",
    "sign_target",
    "threshold_target",
    "rectangle_target",
    "erf_target",
    "exp_decay_target",
    "amplitude_amplification_target",
    "chebyshev_target",
    "monomial_target",
    "degree_error_tradeoff",
]


@dataclass(frozen=True)
class QSPTarget:
    """A target polynomial for :func:`spectral.qsp.qsp_phases`.

    Attributes
    ----------
    coef : numpy.ndarray
        Chebyshev coefficients of P (float64; complex128 for :func:`exp_target`).
    name : str
        What P approximates, e.g. ``"0.5*cos(10x)"``.
    degree : int
    parity : int or None
        0 even, 1 odd, None when P has no definite parity.
    scale : float
        P approximates ``scale * f``.
    max_error : float
        Bound on ``|P(x) - scale * f(x)|`` for x in ``domain``.
    domain : tuple of (float, float)
        Intervals of [0, 1] (extended to [-1, 0] by parity) or of [-1, 1] where the bound holds.
    sup_norm : float
        ``max |P|`` on [-1, 1].
    function : callable or None
        ``x -> scale * f(x)`` (vectorised), the ideal target.
    exact_coef : tuple of Fraction or None
        Exact Chebyshev coefficients for user polynomials with rational data.
    """

    coef: np.ndarray
    name: str
    degree: int
    parity: int | None
    scale: float
    max_error: float
    domain: tuple
    sup_norm: float
    function: Callable | None = field(default=None, repr=False, compare=False)
    exact_coef: tuple | None = field(default=None, repr=False)

    def __call__(self, x):
        """Evaluate P at ``x`` (Clenshaw).

        Examples
        --------
        >>> t = chebyshev_target([0, 0.5])
        >>> float(t(0.5))
        0.25
        """
        return np.polynomial.chebyshev.chebval(np.asarray(x, dtype=float), self.coef)

    def parity_parts(self) -> tuple["QSPTarget", "QSPTarget"]:
        """The even and odd parts of P (real part taken for real P), each a QSPTarget.

        Each part has ``|part| <= sup_norm`` on [-1, 1] (it is an average of P(x) and
        +-P(-x)); a complex P yields its real (even) and imaginary (odd) parts for
        ``e^{-i tau x}``.

        Examples
        --------
        >>> even, odd = exp_target(2.0).parity_parts()
        >>> even.parity, odd.parity
        (0, 1)
        """
        c = self.coef
        if np.iscomplexobj(c):
            parts = (np.real(c).copy(), np.imag(c).copy())
            names = (f"Re[{self.name}]", f"Im[{self.name}]")
        else:
            parts = (c.copy(), c.copy())
            names = (f"even[{self.name}]", f"odd[{self.name}]")
        parts[0][1::2] = 0.0
        parts[1][0::2] = 0.0
        out = []
        for p, (nm, par) in zip(parts, zip(names, (0, 1))):
            p = _trim(p)
            out.append(QSPTarget(p, nm, p.size - 1, par, self.scale, self.max_error, self.domain,
                                 _sup(p), None, None))
        return out[0], out[1]


# ----------------------------------------------------------------------------- helpers


def _trim(c: np.ndarray) -> np.ndarray:
    nz = np.flatnonzero(c)
    return c[: nz[-1] + 1].copy() if nz.size else np.zeros(1)


def _sup(coef: np.ndarray) -> float:
    return sup_norm_estimate(np.asarray(coef, dtype=float))


def _resolved_coefficients(f: Callable, parity: int | None, *, start: int = 64, cap: int = 1 << 21) -> np.ndarray:
    """Chebyshev coefficients of a smooth f resolved to rounding (DCT at doubling sizes).

    Doubling stops once the top eighth of the spectrum is below the rounding floor
    ``8 eps max|c|``; coefficients under that floor are set to zero (their total is
    covered by the rounding term of the error bound).
    """
    n = start
    while True:
        theta = (np.arange(n) + 0.5) * np.pi / n
        c = scipy.fft.dct(f(np.cos(theta)), type=2) / n
        c[0] /= 2.0
        if parity is not None:
            c[(parity + 1) % 2 :: 2] = 0.0
        floor = 8 * np.finfo(float).eps * max(1e-300, float(np.max(np.abs(c))))
        if np.max(np.abs(c[-n // 8 :])) <= floor or n >= cap:
            c[np.abs(c) < floor] = 0.0
            return _trim(c)
        n *= 2


def _truncate(c: np.ndarray, eps: float | None, degree: int | None, parity: int | None, weight: float = 1.0):
    """Cut the resolved series at ``degree`` or at the smallest degree with tail <= eps."""
    tails = np.concatenate([np.cumsum(np.abs(c)[::-1])[::-1][1:], [0.0]])  # tails[k] = sum_{j>k} |c_j|
    if degree is None:
        ok = np.flatnonzero(weight * tails <= eps)
        d = int(ok[0]) if ok.size else c.size - 1
        if parity is not None and d % 2 != parity:
            d += 1
    else:
        d = degree
        if parity is not None and d % 2 != parity:
            raise InvalidArgumentError(
                f"degree={degree} has the wrong parity for this {'odd' if parity else 'even'} target")
    p = np.zeros(d + 1)
    m = min(d + 1, c.size)
    p[:m] = c[:m]
    tail = float(tails[d]) if d < c.size else 0.0
    # rounding floor: coefficients from a DCT and any double-precision evaluation of P
    tail += 1e-15 * max(1.0, float(np.sum(np.abs(c[:m]))))
    return p, d, tail


def _finish(p, name, d, parity, scale, margin, err_unscaled, domain, f) -> QSPTarget:
    """Scale P so that max |P| <= 1 - margin (never above the requested scale)."""
    sup = _sup(p)
    s = scale
    if sup * s > 1.0 - margin:
        s = (1.0 - margin) / sup
    coef = p * s
    fn = (lambda x, _f=f, _s=s: _s * _f(np.asarray(x, dtype=float))) if f is not None else None
    return QSPTarget(coef, name, d, parity, s, s * err_unscaled, tuple(domain), s * sup, fn, None)


def _eps(eps) -> float:
    e = as_positive_float(eps, "eps")
    if e >= 1:
        raise InvalidArgumentError(f"eps={eps!r} must be < 1")
    return e


def _margin(margin) -> float:
    m = float(margin)
    if not 0 < m < 1:
        raise InvalidArgumentError(f"margin={margin!r} must lie in (0, 1)")
    return m


def _degree(degree):
    return None if degree is None else as_nonneg_int(degree, "degree")


# ----------------------------------------------------------------------------- Jacobi-Anger


def _bessel_tail_bound(tau: float, start: int) -> float:
    """Rigorous bound of sum_{m >= start} 2 |J_m(tau)| from |J_m(t)| <= (t/2)^m / m!.

    Returns inf when the bound is useless (start below about e tau / 2).
    """
    if tau == 0:
        return 0.0
    total = 0.0
    m = start
    # log(tau) - log(2), not log(tau / 2): a subnormal tau would halve to 0.0
    log_half_tau = math.log(tau) - math.log(2.0)
    while True:
        log_term = m * log_half_tau - math.lgamma(m + 1)
        if log_term > 700:
            return math.inf
        term = 2.0 * math.exp(log_term)
        total += term
        if m > tau and term <= 1e-30 * total:
            return total
        m += 1


def _jacobi_anger(tau: float, odd: bool, eps: float, degree, scale: float):
    # coefficients computed well past the needed degree; terms beyond use the rigorous bound
    top = int(tau + 40 + 10 * math.sqrt(tau + 1))
    while _bessel_tail_bound(tau, top) > 1e-18:
        top += 20 + top // 10
    m = np.arange(top)
    j = scipy.special.jv(m, tau)
    c = 2.0 * j * np.where(m % 4 < 2, 1.0, -1.0)  # 2 (-1)^{floor(m/2)} J_m
    c[0] = j[0]
    parity = 1 if odd else 0
    c[(parity + 1) % 2 :: 2] = 0.0
    p, d, tail = _truncate(c, eps / scale, degree, parity)
    return p, d, tail + _bessel_tail_bound(tau, top), parity


def cos_target(tau, *, eps: float = 1e-14, degree=None, scale: float = 0.5, margin: float = 1e-3) -> QSPTarget:
    """``scale * cos(tau x)`` by its Jacobi–Anger expansion, even.

    ``cos(tau x) = J_0(tau) + 2 sum_{k>=1} (-1)^k J_{2k}(tau) T_{2k}(x)``.  The degree is the
    smallest with tail ``<= eps`` unless given.  The error bound is the computed tail
    plus the rigorous bound ``|J_m(tau)| <= (tau/2)^m / m!`` beyond the computed range.

    Parameters
    ----------
    tau : float
        Evolution time (>= 0).
    eps : float
        Requested bound on ``|P - scale cos(tau x)|`` on [-1, 1].
    degree : int, optional
        Fix the (even) degree instead.
    scale : float
        Default 0.5, which leaves room to combine cos and sin into ``e^{-i tau x}``.
    margin : float
        ``max |P| <= 1 - margin`` is enforced by lowering ``scale`` if needed.

    Examples
    --------
    >>> t = cos_target(10.0)
    >>> t.degree, t.parity, t.max_error < 1e-14
    (32, 0, True)
    """
    tau = float(tau)
    if not (tau >= 0 and math.isfinite(tau)):
        raise InvalidArgumentError(f"tau={tau!r} must be a finite number >= 0")
    p, d, err, par = _jacobi_anger(tau, False, _eps(eps), _degree(degree), scale)
    return _finish(p, f"{scale:g}*cos({tau:g}x)", d, par, scale, _margin(margin), err, ((-1.0, 1.0),),
                   lambda x: np.cos(tau * x))


def sin_target(tau, *, eps: float = 1e-14, degree=None, scale: float = 0.5, margin: float = 1e-3) -> QSPTarget:
    """``scale * sin(tau x)`` by ``2 sum_k (-1)^k J_{2k+1}(tau) T_{2k+1}(x)``, odd.

    Same contract as :func:`cos_target`.

    Examples
    --------
    >>> t = sin_target(10.0)
    >>> t.parity, t.degree % 2
    (1, 1)
    """
    tau = float(tau)
    if not (tau >= 0 and math.isfinite(tau)):
        raise InvalidArgumentError(f"tau={tau!r} must be a finite number >= 0")
    p, d, err, par = _jacobi_anger(tau, True, _eps(eps), _degree(degree), scale)
    return _finish(p, f"{scale:g}*sin({tau:g}x)", d, par, scale, _margin(margin), err, ((-1.0, 1.0),),
                   lambda x: np.sin(tau * x))


def exp_target(tau, *, eps: float = 1e-14, scale: float = 0.5, margin: float = 1e-3) -> QSPTarget:
    """``scale * e^{-i tau x}`` as a complex Chebyshev series (no definite parity).

    QSP realises its real part (cos, even) and minus its imaginary part (sin, odd)
    separately; use :meth:`QSPTarget.parity_parts`.  The error bound is the sum of the
    two parts' bounds.

    Examples
    --------
    >>> t = exp_target(5.0)
    >>> t.parity is None, bool(abs(t(0.3) - 0.5 * np.exp(-1.5j)) < 1e-14)
    (True, True)
    """
    c = cos_target(tau, eps=eps / 2, scale=scale, margin=margin)
    s = sin_target(tau, eps=eps / 2, scale=scale, margin=margin)
    s_ = min(c.scale, s.scale)
    n = max(c.coef.size, s.coef.size)
    coef = np.zeros(n, dtype=np.complex128)
    coef[: c.coef.size] += c.coef * (s_ / c.scale)
    coef[: s.coef.size] -= 1j * s.coef * (s_ / s.scale)
    tau = float(tau)
    sup = float(np.max(np.abs(_values_complex(coef))))
    return QSPTarget(coef, f"{s_:g}*exp(-i {tau:g}x)", n - 1, None, s_, c.max_error + s.max_error,
                     ((-1.0, 1.0),), sup, lambda x: s_ * np.exp(-1j * tau * np.asarray(x, dtype=float)), None)


def _values_complex(coef):
    m = max(64, 8 * coef.size)
    x = np.cos((np.arange(m) + 0.5) * np.pi / m)
    return np.polynomial.chebyshev.chebval(x, coef)


# ----------------------------------------------------------------------------- smooth surrogates


def inverse_target(kappa, *, eps: float = 1e-12, degree=None, margin: float = 1e-3) -> QSPTarget:
    """``s / (kappa x)`` on ``[1/kappa, 1]`` (and by oddness on ``[-1, -1/kappa]``).

    Approximates the odd entire function ``(1 - exp(-(b kappa x)^2)) / (kappa x)`` with
    ``exp(-b^2) = eps/2``, which is within ``eps/2`` of ``1/(kappa x)`` on the domain, by a
    Chebyshev series cut where the tail is ``<= eps/2``.  The result is scaled by
    ``s = (1 - margin) / max|p|`` so that ``|P| <= 1 - margin`` on all of [-1, 1]; ``s``
    is about ``1 / (0.64 b)``.

    Examples
    --------
    >>> t = inverse_target(10.0, eps=1e-10)
    >>> t.parity, bool(abs(t(0.5) - t.scale / 5) <= t.max_error)
    (1, True)
    """
    kappa = as_positive_float(kappa, "kappa")
    if kappa < 1:
        raise InvalidArgumentError(f"kappa={kappa!r} must be >= 1 (the domain is [1/kappa, 1])")
    e = _eps(eps)
    b = math.sqrt(math.log(2.0 / e))

    def g(x):
        x = np.asarray(x, dtype=float)
        out = np.empty_like(x)
        small = np.abs(x) < 1e-300
        xs = np.where(small, 1.0, x)
        out = -np.expm1(-((b * kappa * xs) ** 2)) / (kappa * xs)
        return np.where(small, 0.0, out)

    c = _resolved_coefficients(g, 1)
    p, d, tail = _truncate(c, e / 2, _degree(degree), 1)
    return _finish(p, f"1/({kappa:g}x)", d, 1, 1.0, _margin(margin), tail + math.exp(-b * b),
                   ((1.0 / kappa, 1.0),), lambda x: 1.0 / (kappa * x))


def _erf_k(delta: float, eps: float) -> float:
    return float(scipy.special.erfcinv(eps / 2)) / delta


def sign_target(delta, *, eps: float = 1e-12, degree=None, margin: float = 1e-3) -> QSPTarget:
    """``s * sign(x)`` on ``delta <= |x| <= 1`` by ``erf(k x)`` with ``erfc(k delta) = eps/2``.

    Examples
    --------
    >>> t = sign_target(0.1, eps=1e-8)
    >>> t.parity, bool(abs(t(0.5) - t.scale) <= t.max_error)
    (1, True)
    """
    delta = _gap(delta)
    e = _eps(eps)
    k = _erf_k(delta, e)
    c = _resolved_coefficients(lambda x: scipy.special.erf(k * x), 1)
    p, d, tail = _truncate(c, e / 2, _degree(degree), 1)
    return _finish(p, f"sign(x), gap {delta:g}", d, 1, 1.0, _margin(margin), tail + e / 2,
                   ((delta, 1.0),), np.sign)


def _gap(delta) -> float:
    delta = as_positive_float(delta, "delta")
    if delta >= 1:
        raise InvalidArgumentError(f"delta={delta!r} must be < 1")
    return delta


def threshold_target(c, delta, *, eps: float = 1e-12, degree=None, margin: float = 1e-3) -> QSPTarget:
    """Even ``s * [|x| >= c]``: 0 for ``|x| <= c - delta``, ``s`` for ``|x| >= c + delta``.

    Surrogate ``1 + (erf(k(x - c)) - erf(k(x + c))) / 2`` with ``erfc(k delta) = eps/2``.

    Examples
    --------
    >>> t = threshold_target(0.5, 0.1, eps=1e-8)
    >>> t.parity, bool(abs(t(0.2)) <= t.max_error), bool(abs(t(0.9) - t.scale) <= t.max_error)
    (0, True, True)
    """
    c0, delta = _window_args(c, delta)
    e = _eps(eps)
    k = _erf_k(delta, e)
    f = lambda x: 1.0 + 0.5 * (scipy.special.erf(k * (x - c0)) - scipy.special.erf(k * (x + c0)))  # noqa: E731
    coef = _resolved_coefficients(f, 0)
    p, d, tail = _truncate(coef, e / 2, _degree(degree), 0)
    return _finish(p, f"threshold |x| >= {c0:g}", d, 0, 1.0, _margin(margin), tail + e / 2,
                   ((0.0, c0 - delta), (c0 + delta, 1.0)), lambda x: (np.abs(x) >= c0).astype(float))


def rectangle_target(c, delta, *, eps: float = 1e-12, degree=None, margin: float = 1e-3) -> QSPTarget:
    """Even rectangle window ``s * [|x| <= c]`` with transition width ``2 delta``.

    Examples
    --------
    >>> t = rectangle_target(0.5, 0.1, eps=1e-8)
    >>> bool(abs(t(0.2) - t.scale) <= t.max_error), bool(abs(t(0.9)) <= t.max_error)
    (True, True)
    """
    c0, delta = _window_args(c, delta)
    e = _eps(eps)
    k = _erf_k(delta, e)
    f = lambda x: 0.5 * (scipy.special.erf(k * (x + c0)) - scipy.special.erf(k * (x - c0)))  # noqa: E731
    coef = _resolved_coefficients(f, 0)
    p, d, tail = _truncate(coef, e / 2, _degree(degree), 0)
    return _finish(p, f"rectangle |x| <= {c0:g}", d, 0, 1.0, _margin(margin), tail + e / 2,
                   ((0.0, c0 - delta), (c0 + delta, 1.0)), lambda x: (np.abs(x) <= c0).astype(float))


def _window_args(c, delta):
    c0 = float(c)
    delta = as_positive_float(delta, "delta")
    if not (0 < c0 - delta and c0 + delta < 1):
        raise InvalidArgumentError(f"need 0 < c - delta and c + delta < 1, got c={c!r}, delta={delta!r}")
    return c0, delta


def erf_target(k, *, eps: float = 1e-14, degree=None, margin: float = 1e-3) -> QSPTarget:
    """``s * erf(k x)`` on [-1, 1], odd.

    Examples
    --------
    >>> t = erf_target(3.0)
    >>> bool(abs(t(0.2) - t.scale * 0.6038560908479259) < 1e-13)
    True
    """
    k = as_positive_float(k, "k")
    c = _resolved_coefficients(lambda x: scipy.special.erf(k * x), 1)
    p, d, tail = _truncate(c, _eps(eps), _degree(degree), 1)
    return _finish(p, f"erf({k:g}x)", d, 1, 1.0, _margin(margin), tail, ((-1.0, 1.0),),
                   lambda x: scipy.special.erf(k * x))


def exp_decay_target(beta, *, eps: float = 1e-14, degree=None, margin: float = 1e-3) -> QSPTarget:
    """``s * exp(-beta (x + 1))`` on [-1, 1] (no definite parity; see :meth:`QSPTarget.parity_parts`).

    Examples
    --------
    >>> t = exp_decay_target(2.0)
    >>> t.parity is None, bool(abs(t(0.0) - t.scale * np.exp(-2.0)) < 1e-13)
    (True, True)
    """
    beta = as_positive_float(beta, "beta")
    c = _resolved_coefficients(lambda x: np.exp(-beta * (x + 1.0)), None)
    p, d, tail = _truncate(c, _eps(eps), _degree(degree), None)
    return _finish(p, f"exp(-{beta:g}(x+1))", d, None, 1.0, _margin(margin), tail, ((-1.0, 1.0),),
                   lambda x: np.exp(-beta * (x + 1.0)))


def amplitude_amplification_target(delta, *, eps: float = 1e-12, degree=None, margin: float = 1e-3) -> QSPTarget:
    """Fixed-point amplitude amplification: odd P with ``P(x) ~ s`` for ``x >= delta``.

    Applied by QSVT to the amplitude ``a >= delta`` of the good state it maps it to
    ``s`` (within ``max_error``) without knowing ``a`` (Gilyén et al. 2019, Sec. 3.4).

    Examples
    --------
    >>> t = amplitude_amplification_target(0.2, eps=1e-6)
    >>> bool(t(0.3) > t.scale - t.max_error)
    True
    """
    t = sign_target(delta, eps=eps, degree=degree, margin=margin)
    return QSPTarget(t.coef, f"fixed-point amplitude amplification, a >= {float(delta):g}", t.degree, 1,
                     t.scale, t.max_error, t.domain, t.sup_norm, t.function,
                     None)


# ----------------------------------------------------------------------------- user polynomials


def _exact_or_float(coef, name: str):
    items = list(coef)
    if not items:
        raise InvalidArgumentError(f"{name} must not be empty")
    exact = all(
        isinstance(c, (numbers.Rational, Fraction)) or (type(c).__module__ or "").startswith("sympy")
        for c in items
    ) and not any(isinstance(c, bool) for c in items)
    if exact:
        try:
            return [as_rational(c, f"{name}[{i}]") for i, c in enumerate(items)], True
        except TypeError:
            pass
    arr = np.asarray(items)
    if np.iscomplexobj(arr):
        raise InvalidArgumentError(f"{name} has complex entries; a QSP target must be real")
    try:
        arr = np.asarray(arr, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be a sequence of real numbers") from None
    if not np.all(np.isfinite(arr)):
        raise InvalidArgumentError(f"{name} contains NaN or infinite values")
    return arr, False


def _parity_of(c) -> int | None:
    d = len(c) - 1
    odd_pos = any(c[k] != 0 for k in range(1 - d % 2, d + 1, 2))
    return None if odd_pos else d % 2


def _user_target(cheb, exact: bool, name: str) -> QSPTarget:
    if exact:
        exact_c = list(cheb)
        while len(exact_c) > 1 and exact_c[-1] == 0:
            exact_c.pop()
        arr = np.array([float(c) for c in exact_c])
        par = _parity_of(exact_c)
        ex = tuple(exact_c)
    else:
        arr = _trim(np.asarray(cheb, dtype=float))
        par = _parity_of(list(arr))
        ex = None
    return QSPTarget(arr, name, arr.size - 1, par, 1.0, 0.0, ((-1.0, 1.0),), _sup(arr),
                     None, ex)


def chebyshev_target(coef) -> QSPTarget:
    """A user polynomial ``sum_k coef[k] T_k(x)``; exact rationals are kept in ``exact_coef``.

    No scaling: :func:`spectral.qsp.qsp_phases` checks ``|P| < 1``.

    Examples
    --------
    >>> from fractions import Fraction
    >>> t = chebyshev_target([0, Fraction(1, 2), 0, Fraction(1, 4)])
    >>> t.degree, t.parity, t.exact_coef[3]
    (3, 1, Fraction(1, 4))
    """
    vals, exact = _exact_or_float(coef, "coef")
    return _user_target(vals, exact, "user polynomial (Chebyshev)")


def monomial_target(coef) -> QSPTarget:
    """A user polynomial ``sum_k coef[k] x^k``, converted to Chebyshev form (exactly for rationals).

    Uses ``x^n = 2^{1-n} sum_{k < n/2} C(n, k) T_{n-2k} + 2^{-n} C(n, n/2) [n even]``.

    Examples
    --------
    >>> t = monomial_target([0, 0, 1])          # x^2 = (T_0 + T_2) / 2
    >>> t.exact_coef
    (Fraction(1, 2), Fraction(0, 1), Fraction(1, 2))
    """
    vals, exact = _exact_or_float(coef, "coef")
    n = len(vals)
    if exact:
        out = [Fraction(0)] * n
        for deg, a in enumerate(vals):
            if a == 0:
                continue
            for k in range(deg // 2 + 1):
                j = deg - 2 * k
                w = Fraction(math.comb(deg, k), 2 ** deg) * (1 if j == 0 else 2)
                out[j] += a * w
        return _user_target(out, True, "user polynomial (monomial)")
    cheb = np.polynomial.chebyshev.poly2cheb(np.asarray(vals, dtype=float))
    return _user_target(cheb, False, "user polynomial (monomial)")


def degree_error_tradeoff(builder: Callable, degrees, **params) -> tuple[np.ndarray, np.ndarray]:
    """Certified error of ``builder(..., degree=d)`` for each d: the degree–error curve.

    Parameters
    ----------
    builder : callable
        One of the builders above (taking ``degree=``), e.g. ``functools.partial(sign_target, 0.05)``.
    degrees : iterable of int
    **params
        Passed to the builder.

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        Degrees and the corresponding ``max_error``.

    Examples
    --------
    >>> d, err = degree_error_tradeoff(cos_target, [10, 20, 30], tau=10.0)
    >>> bool(err[0] > err[1] > err[2])
    True
    """
    ds = np.array([as_nonneg_int(d, "degree") for d in degrees])
    errs = np.array([builder(degree=int(d), **params).max_error for d in ds])
    return ds, errs
