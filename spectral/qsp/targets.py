"""Target polynomials for QSP/QSVT as Chebyshev series with proved error bounds.

Every builder returns a :class:`QSPTarget`: float64 Chebyshev coefficients of a
polynomial ``P`` of definite parity (except the complex ``e^{-i tau x}`` and the
parity-free ``e^{-beta(x+1)}``, which offer :meth:`QSPTarget.parity_parts`),
its degree, the scale ``s`` it approximates ``s * f`` at, a bound ``max_error`` on
``|P - s f|`` over ``domain``, and ``sup_norm``, a bound on ``max |P|`` over [-1, 1],
which the builder keeps ``<= 1 - margin`` by choosing ``s``.

Accuracy contract: ``max_error`` and ``sup_norm`` are **proved upper bounds** for the
polynomial with exactly the float64 coefficients in ``coef`` (evaluated exactly; the
rounding of a later float evaluation is the caller's).  ``max_error`` is the sum of
an analytic bound on a smooth surrogate's error where there is one (e.g. ``erfc(k delta)``
for sign, computed by mpmath and rounded up) and the certified distance between P and
the surrogate from :func:`spectral.qsp.certificates.certified_series` (double-double
coefficients, the Ehlich–Zeller inequality and a proved Chebyshev tail); ``sup_norm`` is
:func:`spectral.qsp.certificates.sup_norm_bound`.  What is assumed is stated in
:mod:`spectral.qsp.certificates` (mpmath correct at 128 bits, IEEE float64).

Cost: a certificate evaluates the surrogate by mpmath at ``M`` Chebyshev points, M the
power of two >= 2.5 times the degree where the proved tail is below 1e-30 (roughly
30-80 microseconds a point).  Builders refuse up front, with the estimate, what would
need more than :data:`~spectral.qsp.certificates.MAX_CERTIFIED_POINTS` points.
"""

from __future__ import annotations

import functools
import math
import numbers
from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Callable

import numpy as np
from numpy.typing import ArrayLike

from mathref.equality import fields_equal
from mathref.errors import InvalidArgumentError, InvalidTypeError
from mathref.validation import check_fields

from ._inputs import as_nonneg_int, as_positive_float, as_rational
from .certificates import certified_series, ellipse_tail_bound, sup_norm_bound

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


@dataclass(frozen=True, eq=False)
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
        Proved bound on ``|P(x) - scale * f(x)|`` for x in ``domain`` (P with the float
        coefficients ``coef``, evaluated exactly).
    domain : tuple of (float, float)
        Intervals of [0, 1] (extended to [-1, 0] by parity) or of [-1, 1] where the bound holds.
    sup_norm : float
        Proved upper bound on ``max |P|`` over [-1, 1].
    function : callable or None
        ``x -> scale * f(x)`` (vectorised), the ideal target (a picklable partial).
    exact_coef : tuple of Fraction or None
        Exact Chebyshev coefficients for user polynomials with rational data.

    Two targets are equal when every field but ``function`` is (arrays compared by value).
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

    def __post_init__(self) -> None:
        check_fields(self)  # a constructor given garbage raises at once

    def __eq__(self, other):
        if not isinstance(other, QSPTarget):
            return NotImplemented
        return fields_equal(self, other)

    __hash__ = None

    def __call__(self, x: ArrayLike) -> np.ndarray:
        """Evaluate P at ``x`` (Clenshaw, float).

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
        ``e^{-i tau x}``.  ``max_error`` carries over (the parts of ``P - s f`` are
        bounded by its sup on the symmetric domain).

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
                                 sup_norm_bound(p), None, None))
        return out[0], out[1]


# ----------------------------------------------------------------------------- helpers


def _trim(c: np.ndarray) -> np.ndarray:
    nz = np.flatnonzero(c)
    return c[: nz[-1] + 1].copy() if nz.size else np.zeros(1)


def _eps(eps) -> float:
    e = as_positive_float(eps, "eps")
    if e >= 1:
        raise InvalidArgumentError(f"eps={eps!r} must be < 1")
    return e


def _margin(margin) -> float:
    if isinstance(margin, bool) or not isinstance(margin, numbers.Real):
        raise InvalidTypeError(f"margin={margin!r} must be a real number")
    m = float(margin)
    if not 0 < m < 1:
        raise InvalidArgumentError(f"margin={margin!r} must lie in (0, 1)")
    return m


def _scale(scale) -> float:
    s = as_positive_float(scale, "scale")
    if s > 1:
        raise InvalidArgumentError(f"scale={scale!r} must lie in (0, 1] (QSP needs |P| <= 1)")
    return s


def _degree(degree):
    return None if degree is None else as_nonneg_int(degree, "degree")


def _finite_param(value, name: str, *, positive: bool) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise InvalidTypeError(f"{name}={value!r} must be a real number")
    v = float(value)
    if not math.isfinite(v) or (v <= 0 if positive else v < 0):
        raise InvalidArgumentError(f"{name}={value!r} must be a finite number {'> 0' if positive else '>= 0'}")
    return v


def _round_up(v) -> float:
    """A float >= the mpmath number v."""
    f = float(v)
    return f + abs(f) * 2.0**-51 + 1e-300


def _ellipse_ab(rho: float) -> tuple[float, float]:
    return (rho + 1 / rho) / 2, (rho - 1 / rho) / 2


def _target(cert, name, parity, err, domain, fn) -> QSPTarget:
    return QSPTarget(cert.coef, name, cert.degree, parity, cert.scale, cert.error + cert.scale * err,
                     tuple(domain), cert.sup_norm, fn, None)


# picklable callables: module-level functions bound by functools.partial


def _scaled(f, s, x):
    return s * f(np.asarray(x, dtype=float))


def _np_cos(tau, x):
    return np.cos(tau * x)


def _np_sin(tau, x):
    return np.sin(tau * x)


def _np_exp_itau(tau, x):
    return np.exp(-1j * tau * x)


def _np_inverse(kappa, x):
    return 1.0 / (kappa * x)


def _np_erf(k, x):
    import scipy.special

    return scipy.special.erf(k * x)


def _np_exp_decay(beta, x):
    return np.exp(-beta * (x + 1.0))


def _np_threshold(c0, x):
    return (np.abs(x) >= c0).astype(float)


def _np_rectangle(c0, x):
    return (np.abs(x) <= c0).astype(float)


# ----------------------------------------------------------------------------- Jacobi-Anger


def _bessel_tail_bound(tau: float, start: int) -> float:
    """Proved bound of sum_{m >= start} 2 |J_m(tau)| from |J_m(t)| <= (t/2)^m / m! (inf when useless)."""
    if tau == 0:
        return 0.0 if start > 0 else 1.0
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
            # the remaining terms shrink faster than geometrically with ratio tau / (2m) < 1/2
            return total * 1.01
        m += 1


def _jacobi_anger_tail(tau, n):
    if tau == 0:
        return 0.0 if n > 0 else 1.0
    bessel = _bessel_tail_bound(tau, n)
    if bessel < math.inf:
        return bessel
    return ellipse_tail_bound(n, functools.partial(_log_cos_bound, tau))


def _log_cos_bound(tau, rho):
    return tau * _ellipse_ab(rho)[1]  # |cos(tau z)|, |sin(tau z)| <= cosh(tau Im z) <= e^{tau b}


def _mp_cos(tau, ctx, x):
    return ctx.cos(tau * x)


def _mp_sin(tau, ctx, x):
    return ctx.sin(tau * x)


def _check_size(tau: float, name: str) -> None:
    """Refuse up front a Jacobi-Anger series that cannot be certified (its degree is about tau)."""
    from .certificates import MAX_CERTIFIED_POINTS

    if 2.5 * (tau + 10) > MAX_CERTIFIED_POINTS:
        raise InvalidArgumentError(
            f"{name}: tau={tau:g} needs a series of degree ~{tau:,.0f} and a certificate on "
            f"~{2.5 * tau:,.0f} Chebyshev points, above the limit {MAX_CERTIFIED_POINTS:,}; "
            f"split the evolution into shorter steps")


def _jacobi_anger(tau, odd: bool, eps, degree, scale, margin, name):
    parity = 1 if odd else 0
    g = functools.partial(_mp_sin if odd else _mp_cos, tau)
    return certified_series(g, functools.partial(_jacobi_anger_tail, tau), parity=parity, eps=eps,
                            degree=degree, scale=scale, margin=margin, name=name)


def cos_target(tau: float, *, eps: float = 1e-14, degree: int | None = None, scale: float = 0.5,
               margin: float = 1e-3) -> QSPTarget:
    """``scale * cos(tau x)`` by its Jacobi–Anger expansion, even, with a proved error bound.

    ``cos(tau x) = J_0(tau) + 2 sum_{k>=1} (-1)^k J_{2k}(tau) T_{2k}(x)``.  The coefficients
    are computed in double-double from mpmath values (not from ``scipy.special.jv``, whose
    error reaches 1e-14) and rounded once; the degree is the smallest whose discarded tail
    is ``<= eps/2`` unless given; ``max_error`` is a proved bound for the returned float
    coefficients (see the module docstring).

    Parameters
    ----------
    tau : float
        Evolution time (>= 0).
    eps : float
        Requested accuracy (the certified ``max_error`` is usually close to it, and is what holds).
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
    tau = _finite_param(tau, "tau", positive=False)
    e, deg = _eps(eps), _degree(degree)
    _check_size(tau, "cos_target")
    cert = _jacobi_anger(tau, False, e, deg, _scale(scale), _margin(margin), "cos_target")
    t = _target(cert, f"{cert.scale:g}*cos({tau:g}x)", 0, 0.0, ((-1.0, 1.0),),
                functools.partial(_scaled, functools.partial(_np_cos, tau), cert.scale))
    return _check_achieved(t, e, "cos_target", deg)


def sin_target(tau: float, *, eps: float = 1e-14, degree: int | None = None, scale: float = 0.5,
               margin: float = 1e-3) -> QSPTarget:
    """``scale * sin(tau x)`` by ``2 sum_k (-1)^k J_{2k+1}(tau) T_{2k+1}(x)``, odd.

    Same contract as :func:`cos_target`.

    Examples
    --------
    >>> t = sin_target(10.0)
    >>> t.parity, t.degree % 2
    (1, 1)
    """
    tau = _finite_param(tau, "tau", positive=False)
    e, deg = _eps(eps), _degree(degree)
    _check_size(tau, "sin_target")
    cert = _jacobi_anger(tau, True, e, deg, _scale(scale), _margin(margin), "sin_target")
    t = _target(cert, f"{cert.scale:g}*sin({tau:g}x)", 1, 0.0, ((-1.0, 1.0),),
                functools.partial(_scaled, functools.partial(_np_sin, tau), cert.scale))
    return _check_achieved(t, e, "sin_target", deg)


def exp_target(tau: float, *, eps: float = 1e-14, scale: float = 0.5, margin: float = 1e-3) -> QSPTarget:
    """``scale * e^{-i tau x}`` as a complex Chebyshev series (no definite parity).

    QSP realises its real part (cos, even) and minus its imaginary part (sin, odd)
    separately; use :meth:`QSPTarget.parity_parts`.  Both parts are built at one common
    scale, so ``max_error`` (the sum of the two proved bounds) holds for the returned
    coefficients; ``sup_norm`` is a proved bound on ``|P|``.

    Examples
    --------
    >>> t = exp_target(5.0)
    >>> t.parity is None, bool(abs(t(0.3) - 0.5 * np.exp(-1.5j)) < 1e-14)
    (True, True)
    """
    eps = _eps(eps)  # checked here: halving a non-number would fail before cos_target could name it
    c = cos_target(tau, eps=eps / 2, scale=scale, margin=margin)
    s = sin_target(tau, eps=eps / 2, scale=scale, margin=margin)
    s_ = min(c.scale, s.scale)
    # rebuild the part whose scale was not lowered at the common scale: coefficients are never rescaled
    if c.scale != s_:
        c = cos_target(tau, eps=eps / 2, scale=s_, margin=margin)
    if s.scale != s_:
        s = sin_target(tau, eps=eps / 2, scale=s_, margin=margin)
    n = max(c.coef.size, s.coef.size)
    coef = np.zeros(n, dtype=np.complex128)
    coef[: c.coef.size] += c.coef
    coef[: s.coef.size] -= 1j * s.coef
    tau = float(tau)
    return QSPTarget(coef, f"{s_:g}*exp(-i {tau:g}x)", n - 1, None, s_, c.max_error + s.max_error,
                     ((-1.0, 1.0),), sup_norm_bound(coef),
                     functools.partial(_scaled, functools.partial(_np_exp_itau, tau), s_), None)


# ----------------------------------------------------------------------------- smooth surrogates


def _skellam_tail(z: float, t: float) -> float:
    """Proved bound on sum_{n >= t} e^{-z} I_n(z) (a Skellam tail; Chernoff bound), t >= 0."""
    if t <= 0:
        return 1.0
    r = t / z
    log_p = z * (math.sqrt(1 + r * r) - 1) - t * math.asinh(r)
    return min(1.0, math.exp(log_p) * (1 + 1e-12))


def _erf_tail(k, n):
    """sum_{j >= n} |c_j(erf(kx))| from c_{2m+1} = 2k e^{-z}/sqrt(pi) (-1)^m (I_m + I_{m+1})(z) / (2m+1), z = k^2/2."""
    z = k * k / 2
    t = math.ceil((n - 1) / 2)
    if t <= 0:
        return 2 * k / math.sqrt(math.pi) * 2
    skellam = _skellam_tail(z, t)
    bound = 2 * k / math.sqrt(math.pi) * 2 * skellam / (2 * t + 1)
    return min(bound, ellipse_tail_bound(n, functools.partial(_log_erf_bound, k, 0.0)))


def _log_erf_bound(k, c, rho):
    """log of a bound on |erf(k (z -+ c))| over E_rho: |erf w| <= (2/sqrt(pi)) |w| e^{(Im w)^2}."""
    a, b = _ellipse_ab(rho)
    return math.log(2 / math.sqrt(math.pi) * k * (a + c) + 1e-300) + (k * b) ** 2


def _log_window_bound(k, c, rho):
    # |1 + (erf(w1) - erf(w2))/2| <= 1 + e^{log_erf}; the rectangle is bounded by e^{log_erf}
    le = _log_erf_bound(k, c, rho)
    return le + math.log1p(math.exp(-le)) if le > 0 else math.log1p(math.exp(le))


def _mp_erf(k, ctx, x):
    return ctx.erf(k * x)


def _mp_threshold(k, c0, ctx, x):
    return 1 + (ctx.erf(k * (x - c0)) - ctx.erf(k * (x + c0))) / 2


def _mp_rectangle(k, c0, ctx, x):
    return (ctx.erf(k * (x + c0)) - ctx.erf(k * (x - c0))) / 2


def _mp_inverse(beta, kappa, ctx, x):
    if x == 0:
        return ctx.zero
    y = beta * x * x
    return -ctx.expm1(-y) / (kappa * x) if y < 1 else (1 - ctx.exp(-y)) / (kappa * x)


def _log_inverse_bound(beta, kappa, rho):
    a, b = _ellipse_ab(rho)
    return math.log(beta * a / kappa) + beta * b * b


def _mp_exp_decay(beta, ctx, x):
    return ctx.exp(-beta * (x + 1))


def _log_exp_decay_bound(beta, rho):
    a, _ = _ellipse_ab(rho)
    return beta * (a - 1)


def _mp_erfc_bound(arg: float) -> float:
    """erfc(arg) computed by mpmath and rounded up to a float."""
    from mpmath.ctx_mp import MPContext

    ctx = MPContext()
    ctx.prec = 128
    return _round_up(ctx.erfc(ctx.mpf(arg)))


def inverse_target(kappa: float, *, eps: float = 1e-12, degree: int | None = None, margin: float = 1e-3) -> QSPTarget:
    """``s / (kappa x)`` on ``[1/kappa, 1]`` (and by oddness on ``[-1, -1/kappa]``).

    Approximates the odd entire function ``g(x) = (1 - exp(-(b kappa x)^2)) / (kappa x)`` with
    ``exp(-b^2) = eps/2``, which is within ``e^{-b^2}`` of ``1/(kappa x)`` on the domain, by a
    Chebyshev series cut where the tail is ``<= eps/2``; scaled by ``s = (1 - margin) / max|p|``
    so that ``|P| <= 1 - margin`` on all of [-1, 1] (``s`` is about ``1 / (0.64 b)``).

    ``eps`` below the float64 floor of the coefficients (about ``1e-16 sqrt(d)``) cannot be
    certified; such a request is refused with the smallest eps that can be, before any long
    computation.

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
    beta = (b * kappa) ** 2
    deg = _degree(degree)
    _check_floor(e, 10.5 * b * kappa if deg is None else deg, "inverse_target", 0.7 / b)
    surrogate = math.exp(-b * b) * (1 + 1e-12)
    cert = certified_series(functools.partial(_mp_inverse, beta, kappa),
                            functools.partial(_ellipse_tail_wrapped, _log_inverse_bound, (beta, kappa)),
                            parity=1, eps=e - surrogate, degree=deg, scale=1.0, margin=_margin(margin),
                            name="inverse_target")
    t = _target(cert, f"1/({kappa:g}x)", 1, surrogate, ((1.0 / kappa, 1.0),),
                functools.partial(_scaled, functools.partial(_np_inverse, kappa), cert.scale))
    return _check_achieved(t, e, "inverse_target", deg)


def _ellipse_tail_wrapped(log_bound, params, n):
    return ellipse_tail_bound(n, functools.partial(log_bound, *params))


def _check_floor(eps: float, degree_estimate: float, name: str, scale_estimate: float = 1.0) -> None:
    """Refuse up front an eps that no float64 polynomial of this size can be certified to."""
    floor = 2.0**-53 * (1.0 + scale_estimate)
    if eps < 2 * floor:
        raise InvalidArgumentError(
            f"{name}: eps={eps:g} is below the float64 rounding floor of the coefficients of a degree "
            f"~{degree_estimate:,.0f} polynomial (~{floor:.1e}); ask for eps >= {2 * floor:.1e}")


def _check_achieved(t: QSPTarget, eps: float, name: str, degree) -> QSPTarget:
    """Refuse a target whose certified error missed the requested eps (the noise floor), naming what is achievable."""
    if degree is None and t.max_error > eps:
        raise InvalidArgumentError(
            f"{name}: eps={eps:g} cannot be certified with float64 coefficients; the certified error "
            f"at degree {t.degree} is {t.max_error:.2e} (the coefficients' rounding floor); ask for "
            f"eps >= {t.max_error:.1e} or fix degree= to accept it")
    return t


def _erf_k(delta: float, eps: float) -> float:
    import scipy.special

    return float(scipy.special.erfcinv(eps / 2)) / delta


def _erf_degree_estimate(k: float, eps: float) -> float:
    # c_n ~ e^{-n^2 / (2 k^2)}: degree ~ k sqrt(2 log(1/eps))
    return k * math.sqrt(2 * math.log(1 / eps)) + 10


# Smallest steepness erf_target accepts (the degree estimate divides by powers of k).
MIN_ERF_K = 1e-8


def _check_k(k: float, eps: float, name: str) -> None:
    from .certificates import MAX_CERTIFIED_POINTS

    if k < MIN_ERF_K:
        # erf(k x) ~ 2 k x / sqrt(pi) is then below what a double-precision QSP target can carry
        raise InvalidArgumentError(f"{name}: k = {k:.3g} is below {MIN_ERF_K:g}; use monomial_target for 2kx/sqrt(pi)")
    est = _erf_degree_estimate(k, 1e-30)
    if 2.5 * est > MAX_CERTIFIED_POINTS:
        raise InvalidArgumentError(
            f"{name}: erf(k x) with k = {k:.3g} needs a certified series of degree ~{est:,.0f} "
            f"({2.5 * est:,.0f} Chebyshev points), above the limit {MAX_CERTIFIED_POINTS:,}")


def sign_target(delta: float, *, eps: float = 1e-12, degree: int | None = None, margin: float = 1e-3) -> QSPTarget:
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
    _check_k(k, e, "sign_target")
    deg = _degree(degree)
    _check_floor(e, _erf_degree_estimate(k, e) if deg is None else deg, "sign_target")
    surrogate = _mp_erfc_bound(k * delta)
    cert = certified_series(functools.partial(_mp_erf, k), functools.partial(_erf_tail, k), parity=1,
                            eps=e - surrogate, degree=deg, scale=1.0, margin=_margin(margin), name="sign_target")
    t = _target(cert, f"sign(x), gap {delta:g}", 1, surrogate, ((delta, 1.0),),
                functools.partial(_scaled, np.sign, cert.scale))
    return _check_achieved(t, e, "sign_target", deg)


def _gap(delta) -> float:
    delta = as_positive_float(delta, "delta")
    if delta >= 1:
        raise InvalidArgumentError(f"delta={delta!r} must be < 1")
    return delta


def threshold_target(c: float, delta: float, *, eps: float = 1e-12, degree: int | None = None,
                     margin: float = 1e-3) -> QSPTarget:
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
    _check_k(k, e, "threshold_target")
    deg = _degree(degree)
    _check_floor(e, _erf_degree_estimate(k, e) if deg is None else deg, "threshold_target")
    surrogate = _mp_erfc_bound(k * delta)
    cert = certified_series(functools.partial(_mp_threshold, k, c0),
                            functools.partial(_ellipse_tail_wrapped, _log_window_bound, (k, c0)),
                            parity=0, eps=e - surrogate, degree=deg, scale=1.0, margin=_margin(margin),
                            name="threshold_target")
    t = _target(cert, f"threshold |x| >= {c0:g}", 0, surrogate,
                ((0.0, c0 - delta), (c0 + delta, 1.0)),
                functools.partial(_scaled, functools.partial(_np_threshold, c0), cert.scale))
    return _check_achieved(t, e, "threshold_target", deg)


def rectangle_target(c: float, delta: float, *, eps: float = 1e-12, degree: int | None = None,
                     margin: float = 1e-3) -> QSPTarget:
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
    _check_k(k, e, "rectangle_target")
    deg = _degree(degree)
    _check_floor(e, _erf_degree_estimate(k, e) if deg is None else deg, "rectangle_target")
    surrogate = _mp_erfc_bound(k * delta)
    cert = certified_series(functools.partial(_mp_rectangle, k, c0),
                            functools.partial(_ellipse_tail_wrapped, _log_erf_bound, (k, c0)),
                            parity=0, eps=e - surrogate, degree=deg, scale=1.0, margin=_margin(margin),
                            name="rectangle_target")
    t = _target(cert, f"rectangle |x| <= {c0:g}", 0, surrogate,
                ((0.0, c0 - delta), (c0 + delta, 1.0)),
                functools.partial(_scaled, functools.partial(_np_rectangle, c0), cert.scale))
    return _check_achieved(t, e, "rectangle_target", deg)


def _window_args(c, delta):
    if isinstance(c, bool) or not isinstance(c, numbers.Real):
        raise InvalidTypeError(f"c={c!r} must be a real number")
    c0 = float(c)
    delta = as_positive_float(delta, "delta")
    if not (0 < c0 - delta and c0 + delta < 1):
        raise InvalidArgumentError(f"need 0 < c - delta and c + delta < 1, got c={c!r}, delta={delta!r}")
    return c0, delta


def erf_target(k: float, *, eps: float = 1e-14, degree: int | None = None, margin: float = 1e-3) -> QSPTarget:
    """``s * erf(k x)`` on [-1, 1], odd.

    Examples
    --------
    >>> t = erf_target(3.0)
    >>> bool(abs(t(0.2) - t.scale * 0.6038560908479259) < 1e-13)
    True
    """
    k = as_positive_float(k, "k")
    e = _eps(eps)
    _check_k(k, e, "erf_target")
    deg = _degree(degree)
    _check_floor(e, _erf_degree_estimate(k, e) if deg is None else deg, "erf_target")
    cert = certified_series(functools.partial(_mp_erf, k), functools.partial(_erf_tail, k), parity=1, eps=e,
                            degree=deg, scale=1.0, margin=_margin(margin), name="erf_target")
    t = _target(cert, f"erf({k:g}x)", 1, 0.0, ((-1.0, 1.0),),
                functools.partial(_scaled, functools.partial(_np_erf, k), cert.scale))
    return _check_achieved(t, e, "erf_target", deg)


def exp_decay_target(beta: float, *, eps: float = 1e-14, degree: int | None = None, margin: float = 1e-3) -> QSPTarget:
    """``s * exp(-beta (x + 1))`` on [-1, 1] (no definite parity; see :meth:`QSPTarget.parity_parts`).

    Examples
    --------
    >>> t = exp_decay_target(2.0)
    >>> t.parity is None, bool(abs(t(0.0) - t.scale * np.exp(-2.0)) < 1e-13)
    (True, True)
    """
    beta = as_positive_float(beta, "beta")
    e, deg = _eps(eps), _degree(degree)
    if beta > 1e5:
        raise InvalidArgumentError(f"beta={beta!r}: exp(-beta (x + 1)) needs a series of degree ~beta; "
                                   "the certified builder accepts beta <= 1e5")
    cert = certified_series(functools.partial(_mp_exp_decay, beta),
                            functools.partial(_ellipse_tail_wrapped, _log_exp_decay_bound, (beta,)),
                            parity=None, eps=e, degree=deg, scale=1.0, margin=_margin(margin),
                            name="exp_decay_target")
    t = _target(cert, f"exp(-{beta:g}(x+1))", None, 0.0, ((-1.0, 1.0),),
                functools.partial(_scaled, functools.partial(_np_exp_decay, beta), cert.scale))
    return _check_achieved(t, e, "exp_decay_target", deg)


def amplitude_amplification_target(delta: float, *, eps: float = 1e-12, degree: int | None = None,
                                   margin: float = 1e-3) -> QSPTarget:
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
    from ._inputs import reject_text

    reject_text(coef, name)
    try:
        items = list(np.asarray(coef).ravel()) if isinstance(coef, np.ndarray) else list(coef)
    except TypeError:
        raise InvalidTypeError(f"{name}={coef!r} must be a sequence of real numbers") from None
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
        raise InvalidTypeError(f"{name} must be a sequence of real numbers") from None
    if arr.ndim != 1 or arr.size == 0:
        raise InvalidArgumentError(f"{name} must be a non-empty 1-D sequence of numbers, got shape {arr.shape}")
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
    return QSPTarget(arr, name, arr.size - 1, par, 1.0, 0.0, ((-1.0, 1.0),), sup_norm_bound(arr),
                     None, ex)


def chebyshev_target(coef: ArrayLike) -> QSPTarget:
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


def monomial_target(coef: ArrayLike) -> QSPTarget:
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


def degree_error_tradeoff(builder: Callable, degrees: ArrayLike, **params: float) -> tuple[np.ndarray, np.ndarray]:
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
    if not callable(builder):
        raise InvalidTypeError(f"builder={builder!r:.60} must be a target builder such as cos_target")
    if isinstance(degrees, (str, bytes)) or not isinstance(degrees, (Iterable, np.ndarray)) or np.ndim(degrees) > 1:
        raise InvalidTypeError(f"degrees={degrees!r:.60} must be a sequence of degrees (ints)")
    ds = np.array([as_nonneg_int(d, "degree") for d in degrees])
    errs = np.array([builder(degree=int(d), **params).max_error for d in ds])
    return ds, errs
