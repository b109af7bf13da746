"""Certified Chebyshev series: accurate coefficients and proved sup-norm bounds.

The machinery behind every ``max_error`` and ``sup_norm`` of :mod:`spectral.qsp.targets`.
Three tools, each with its error accounted for:

* **double-double arithmetic** (pairs ``hi + lo`` of float64, about 106 bits) vectorised
  in numpy, with a radix-2 FFT, the DCT-II (values -> Chebyshev coefficients) and the
  DCT-III (coefficients -> values) at Chebyshev points of the first kind
  ``x_j = cos((j + 1/2) pi / M)``;  the rounding of a length-L double-double transform is
  bounded by ``(log2 L + 4) 2^-96`` times the l1 norm of its input, 64 times the
  textbook constant (Higham, *Accuracy and Stability*, Sec. 24.1);
* **the Ehlich–Zeller inequality**: a polynomial q of degree n < M satisfies
  ``max_[-1,1] |q| <= max_j |q(x_j)| / cos(n pi / (2M))`` at the M first-kind
  Chebyshev points (Ehlich & Zeller 1964; Rivlin, *Chebyshev Polynomials*, 1990);
* **rigorous tails**: for an entire function g analytic with ``|g| <= A`` on the
  Bernstein ellipse ``E_rho``, ``|c_k| <= 2 A rho^-k`` (Trefethen, *ATAP*, Thm 8.1), so
  the Chebyshev tail beyond n is at most ``2 A rho^-n / (1 - 1/rho)``;  targets give ``A``.

:func:`certified_series` combines them: the values of g at M Chebyshev points are computed
by mpmath at 128 bits (its own private context, so threads do not share precision), the
coefficients by a double-double DCT-II, and the error of the float polynomial actually
returned is bounded by evaluating it at the same points in double-double and applying
Ehlich–Zeller to the polynomial ``Q - P`` (Q the true series truncated where its proved
tail is below 1e-30).  What is assumed: that mpmath's elementary and error functions are
correct to their 128-bit working precision (they are documented to be, and each
value is then rounded once to double-double), and IEEE float64 arithmetic.
"""

from __future__ import annotations

import math
import threading
from typing import Callable, NamedTuple

import numpy as np
import scipy.fft
from numpy.typing import ArrayLike

from mathref import caches as _caches
from mathref.errors import InvalidArgumentError, SizeLimitError
from mathref.validation import check_callable, checked_fields

from ._inputs import as_coefficients, as_nonneg_int, as_positive_float

__all__ = [
    "CertifiedSeries",
    "certified_series",
    "sup_norm_bound",
    "sup_norm_bound_on",
    "ellipse_tail_bound",
    "cheb_nodes",
    "MAX_CERTIFIED_POINTS",
]

#: Largest number of Chebyshev points a certificate evaluates (2^21; about 100 s of mpmath work).
MAX_CERTIFIED_POINTS = 1 << 21
#: Largest point count a caller may ask of ``cheb_nodes`` / ``sup_norm_bound(points=)`` (2**24: ~0.5 GiB of work).
MAX_USER_POINTS = 1 << 24

_SPLIT = 134217729.0  # 2^27 + 1, Dekker's splitter
_PI = (3.141592653589793, 1.2246467991473532e-16)
# a generous bound on the relative rounding of one double-double transform stage
_DD_UNIT = 2.0**-96
_U = 2.0**-53


# ----------------------------------------------------------------------------- double-double arithmetic


def _two_sum(a, b):
    s = a + b
    bb = s - a
    return s, (a - (s - bb)) + (b - bb)


def _quick(s, e):
    t = s + e
    return t, e - (t - s)


def _split(a):
    c = _SPLIT * a
    hi = c - (c - a)
    return hi, a - hi


def _two_prod(a, b):
    p = a * b
    ah, al = _split(a)
    bh, bl = _split(b)
    return p, ((ah * bh - p) + ah * bl + al * bh) + al * bl


def _dd_add(ah, al, bh, bl):
    s, e = _two_sum(ah, bh)
    return _quick(s, e + (al + bl))


def _dd_mul(ah, al, bh, bl):
    p, e = _two_prod(ah, bh)
    return _quick(p, e + (ah * bl + al * bh))


def _dd_cmul(a, b):
    """(re_h, re_l, im_h, im_l) product of two double-double complex arrays."""
    arh, arl, aih, ail = a
    brh, brl, bih, bil = b
    rr = _dd_mul(arh, arl, brh, brl)
    ii = _dd_mul(aih, ail, bih, bil)
    ri = _dd_mul(arh, arl, bih, bil)
    ir = _dd_mul(aih, ail, brh, brl)
    re = _dd_add(rr[0], rr[1], -ii[0], -ii[1])
    im = _dd_add(ri[0], ri[1], ir[0], ir[1])
    return re[0], re[1], im[0], im[1]


def _inv_factorials(n: int):
    from fractions import Fraction

    out = []
    f = Fraction(1)
    for k in range(n):
        if k:
            f /= k
        hi = float(f)
        out.append((hi, float(f - Fraction(hi))))
    return out


_INV_FACT = _inv_factorials(40)


def _dd_cos_sin(th_h, th_l):
    """cos and sin of double-double angles in [0, pi/4] by Taylor series (truncation < 1e-33)."""
    yh, yl = _dd_mul(th_h, th_l, th_h, th_l)
    top = 16
    # Horner in y = theta^2 with coefficients (-1)^n / (2n)! and (-1)^n / (2n + 1)!
    ch, cl = np.full_like(th_h, _INV_FACT[2 * top][0]), np.full_like(th_h, _INV_FACT[2 * top][1])
    sh, sl = np.full_like(th_h, _INV_FACT[2 * top + 1][0]), np.full_like(th_h, _INV_FACT[2 * top + 1][1])
    for n in range(top - 1, -1, -1):
        sign = -1.0 if n % 2 else 1.0
        ch, cl = _dd_mul(ch, cl, yh, yl)
        ch, cl = _dd_add(ch, cl, sign * _INV_FACT[2 * n][0], sign * _INV_FACT[2 * n][1])
        sh, sl = _dd_mul(sh, sl, yh, yl)
        sh, sl = _dd_add(sh, sl, sign * _INV_FACT[2 * n + 1][0], sign * _INV_FACT[2 * n + 1][1])
    sh, sl = _dd_mul(sh, sl, th_h, th_l)
    return (ch, cl), (sh, sl)


_TWIDDLE_LOCK = threading.Lock()
_TWIDDLES: dict[int, tuple] = {}
_TWIDDLE_MAX = 6


def _unit_roots(n: int):
    """e^{2 pi i k / n} for k < n as double-double (n a power of two >= 8), read-only, cached."""
    with _TWIDDLE_LOCK:
        hit = _TWIDDLES.get(n)
    if hit is not None:
        return hit
    k = np.arange(n // 8 + 1, dtype=np.float64)
    # theta = 2 pi k / n = k * pi / (n/2): k * pi exact in double-double, then an exact power-of-two scaling
    ph, pl = _two_prod(k, np.full_like(k, _PI[0]))
    pl = pl + k * _PI[1]
    ph, pl = _quick(ph, pl)
    ph, pl = ph / (n // 2), pl / (n // 2)
    (ch, cl), (sh, sl) = _dd_cos_sin(ph, pl)
    re_h = np.empty(n)
    re_l = np.empty(n)
    im_h = np.empty(n)
    im_l = np.empty(n)
    e = n // 8
    idx = np.arange(n)
    # octant symmetry: angle index m in [0, n); reduce to k in [0, n/8]
    octant = idx // e
    r = idx % e
    for o in range(8):
        sel = octant == o
        rr = r[sel]
        if o % 2 == 0:
            kk = rr
        else:
            kk = e - rr
        c = (ch[kk], cl[kk])
        s = (sh[kk], sl[kk])
        # (cos, sin) of o*pi/4 + phi, with phi = kk*step (even o) or pi/4 - phi (odd o)
        table = {
            0: (c, s), 1: (s, c), 2: (_neg(s), c), 3: (_neg(c), s),
            4: (_neg(c), _neg(s)), 5: (_neg(s), _neg(c)), 6: (s, _neg(c)), 7: (c, _neg(s)),
        }
        (a, b) = table[o]
        re_h[sel], re_l[sel] = a
        im_h[sel], im_l[sel] = b
    out = tuple(a.copy() for a in (re_h, re_l, im_h, im_l))
    for a in out:
        a.setflags(write=False)
    with _TWIDDLE_LOCK:
        if len(_TWIDDLES) >= _TWIDDLE_MAX:
            _TWIDDLES.pop(next(iter(_TWIDDLES)))
        _TWIDDLES[n] = out
    return out


def _neg(p):
    return (-p[0], -p[1])


def clear_twiddle_cache() -> None:
    """Empty the cache of double-double roots of unity (registered with :mod:`mathref.caches`).

    Examples
    --------
    >>> clear_twiddle_cache(); twiddle_cache_info()["currsize"]
    0
    """
    with _TWIDDLE_LOCK:
        _TWIDDLES.clear()


def twiddle_cache_info() -> dict:
    """Entries (one per transform length) and the bound of the double-double twiddle cache.

    Examples
    --------
    >>> twiddle_cache_info()["maxsize"]
    6
    """
    with _TWIDDLE_LOCK:
        n = len(_TWIDDLES)
        words = sum(a.size for v in _TWIDDLES.values() for a in v)
    return {"currsize": n, "maxsize": _TWIDDLE_MAX, "bytes": 8 * words}


_caches.register("spectral.qsp.twiddles", clear_twiddle_cache, twiddle_cache_info)


def _dd_fft(z, sign: int):
    """Radix-2 DFT ``sum_j z_j e^{sign 2 pi i jk/L}`` of a double-double complex array (L a power of two)."""
    L = z[0].size
    roots = _unit_roots(max(8, L))
    stride = max(8, L) // L
    rev = _bit_reverse(L)
    a = [np.ascontiguousarray(p[rev]) for p in z]
    m = 2
    while m <= L:
        half = m // 2
        step = L // m * stride
        w = [roots[i][: half * step : step] for i in range(4)]
        if sign < 0:
            w = [w[0], w[1], -w[2], -w[3]]
        blocks = [p.reshape(-1, m) for p in a]
        u = [b[:, :half] for b in blocks]
        v = [b[:, half:] for b in blocks]
        t = _dd_cmul(v, [np.broadcast_to(x, v[0].shape) for x in w])
        s_re = _dd_add(u[0], u[1], t[0], t[1])
        s_im = _dd_add(u[2], u[3], t[2], t[3])
        d_re = _dd_add(u[0], u[1], -t[0], -t[1])
        d_im = _dd_add(u[2], u[3], -t[2], -t[3])
        new = []
        for left, right in ((s_re[0], d_re[0]), (s_re[1], d_re[1]), (s_im[0], d_im[0]), (s_im[1], d_im[1])):
            new.append(np.concatenate([left, right], axis=1).reshape(-1))
        a = new
        m *= 2
    return a


def _bit_reverse(n: int) -> np.ndarray:
    bits = n.bit_length() - 1
    idx = np.arange(n)
    rev = np.zeros(n, dtype=np.int64)
    for b in range(bits):
        rev |= ((idx >> b) & 1) << (bits - 1 - b)
    return rev


def cheb_nodes(m: int) -> tuple[np.ndarray, np.ndarray]:
    """The first-kind Chebyshev points ``cos((j + 1/2) pi / m)``, j < m, as double-double ``(hi, lo)``.

    ``m`` must be a power of two >= 2.

    Examples
    --------
    >>> hi, lo = cheb_nodes(4)
    >>> bool(abs(hi[0] - np.cos(np.pi / 8)) < 1e-16)
    True
    """
    m = as_nonneg_int(m, "m")
    if m < 2 or m & (m - 1):
        raise InvalidArgumentError(f"m={m} must be a power of two >= 2")
    if m > MAX_USER_POINTS:
        raise SizeLimitError(f"m={m} Chebyshev points exceed the limit of {MAX_USER_POINTS:,} "
                             f"({32 * m / 2**30:.1f} GiB of double-double work)", argument="m", estimate=f"{m} points")
    roots = _unit_roots(max(8, 4 * m))
    stride = max(8, 4 * m) // (4 * m)
    k = (2 * np.arange(m) + 1) * stride  # angle (2j+1) pi/(2m) = 2 pi (2j+1)/(4m)
    return roots[0][k].copy(), roots[1][k].copy()


def _dct2_dd(fh, fl):
    """Chebyshev coefficients c_k (k < M) from values at the M first-kind points (double-double).

    ``c_k = (2/M) sum_j f_j cos(k (j + 1/2) pi / M)`` (c_0 halved), through one
    length-2M FFT: ``c_k = (2/M) Re[e^{-i pi k/(2M)} sum_j f_j e^{-2 pi i jk/(2M)}]``.
    """
    M = fh.size
    L = 2 * M
    zeros = np.zeros(L)
    zr_h = zeros.copy()
    zr_l = zeros.copy()
    zr_h[:M] = fh
    zr_l[:M] = fl
    F = _dd_fft((zr_h, zr_l, zeros.copy(), zeros.copy()), -1)
    roots = _unit_roots(max(8, 4 * M))
    stride = max(8, 4 * M) // (4 * M)
    k = np.arange(M) * stride
    w = (roots[0][k], roots[1][k], -roots[2][k], -roots[3][k])  # e^{-i pi k/(2M)}
    prod = _dd_cmul([p[:M] for p in F], w)
    ch, cl = prod[0] * (2.0 / M), prod[1] * (2.0 / M)  # power-of-two scaling: exact
    ch[0] *= 0.5
    cl[0] *= 0.5
    return _quick(ch, cl)


def _dct3_dd(ch, cl, M: int):
    """Values ``sum_k c_k cos(k (j + 1/2) pi / M)`` (j < M) of double-double coefficients (len <= M)."""
    L = 2 * M
    n = ch.size
    roots = _unit_roots(max(8, 4 * M))
    stride = max(8, 4 * M) // (4 * M)
    k = np.arange(n) * stride
    w = (roots[0][k], roots[1][k], roots[2][k], roots[3][k])  # e^{+i pi k/(2M)}
    a = _dd_cmul((ch, cl, np.zeros(n), np.zeros(n)), w)
    z = []
    for p in a:
        q = np.zeros(L)
        q[:n] = p
        z.append(q)
    V = _dd_fft(tuple(z), +1)
    return V[0][:M], V[1][:M]


def _transform_error(l1: float, length: int) -> float:
    """Proved bound on the rounding of one double-double transform of an input with l1 norm ``l1``."""
    return (math.log2(max(2, length)) + 4) * _DD_UNIT * l1


# ----------------------------------------------------------------------------- sup norms


def _ez_factor(n: int, m: int) -> float:
    """1 / cos(n pi / (2m)) rounded up (Ehlich-Zeller), inf when n >= m."""
    if n >= m:
        return math.inf
    return (1.0 / math.cos(n * math.pi / (2 * m))) * (1 + 4 * _U)


def sup_norm_bound(coef: ArrayLike, *, points: int | None = None) -> float:
    """A proved upper bound on ``max |p(x)|`` over [-1, 1] for float Chebyshev coefficients.

    The values at ``M`` first-kind Chebyshev points (M a power of two, default the
    smallest >= 64 (d + 1), at most 2^22) come from one float DCT-III, whose rounding is
    bounded by ``8 (log2 M + 4) u`` times ``sum |c_k|``; the Ehlich–Zeller factor
    ``1 / cos(d pi / (2M))`` (<= 1.0003 at the default M) turns the grid maximum into a
    bound on the whole interval.  Works for complex coefficients (bound on ``|p|``).

    Examples
    --------
    >>> sup_norm_bound(np.array([0.0, 0.0, 0.0, 0.5])) >= 0.5
    True
    >>> sup_norm_bound(np.array([0.0, 0.0, 0.0, 0.5])) < 0.5001
    True
    """
    coef = as_coefficients(coef, "coef")
    points = None if points is None else as_nonneg_int(points, "points")
    c = np.asarray(coef)
    if c.ndim != 1 or c.size == 0:
        raise InvalidArgumentError(f"coef must be a non-empty 1-D array, got shape {c.shape}")
    d = c.size - 1
    if points is None:
        m = 1 << max(6, int(math.ceil(math.log2(64 * (d + 1)))))
        m = min(m, 1 << 22)
        if m <= d:
            m = 1 << int(math.ceil(math.log2(4 * (d + 1))))
    else:
        m = int(points)
        if m <= d or m & (m - 1):
            raise InvalidArgumentError(f"points={points} must be a power of two above the degree {d}")
        if m > MAX_USER_POINTS:
            raise SizeLimitError(f"points={points} exceeds the limit of {MAX_USER_POINTS:,} points",
                                 argument="points", estimate=f"{m} points")
    l1 = float(np.sum(np.abs(c)))
    buf = np.zeros(m, dtype=c.dtype if np.iscomplexobj(c) else np.float64)
    buf[: c.size] = c
    buf[0] *= 2.0
    vals = scipy.fft.dct(buf.real, type=3) / 2.0
    if np.iscomplexobj(c):
        vals = vals + 1j * (scipy.fft.dct(buf.imag, type=3) / 2.0)
    grid = float(np.max(np.abs(vals)))
    err = 8 * (math.log2(m) + 4) * _U * l1 * (2 if np.iscomplexobj(c) else 1)
    return (grid + err) * _ez_factor(d, m) * (1 + 4 * _U)


def _dd_clenshaw(coef, xh, xl):
    """Double-double Clenshaw evaluation of float Chebyshev coefficients at double-double points."""
    bh = np.zeros_like(xh)
    bl = np.zeros_like(xh)
    b2h = np.zeros_like(xh)
    b2l = np.zeros_like(xh)
    x2h, x2l = xh * 2.0, xl * 2.0
    for ck in coef[:0:-1]:
        th, tl = _dd_mul(x2h, x2l, bh, bl)
        th, tl = _dd_add(th, tl, -b2h, -b2l)
        th, tl = _dd_add(th, tl, np.full_like(xh, ck), np.zeros_like(xh))
        b2h, b2l = bh, bl
        bh, bl = th, tl
    th, tl = _dd_mul(xh, xl, bh, bl)
    th, tl = _dd_add(th, tl, -b2h, -b2l)
    return _dd_add(th, tl, np.full_like(xh, coef[0]), np.zeros_like(xh))


def sup_norm_bound_on(coef: ArrayLike, a: float, b: float, *, shift: float = 0.0, points: int | None = None) -> float:
    """A proved upper bound on ``max |p(x) - shift|`` over the interval ``[a, b]`` of [-1, 1].

    ``q(y) = p(a + (b - a)(y + 1)/2) - shift`` is a polynomial of the same degree d in y;
    it is evaluated in double-double (Clenshaw, error below ``(d + 1)^2 2^-96 sum|c|``)
    at M first-kind points of [a, b] (default the smallest power of two >= 16(d+1)) and
    Ehlich–Zeller bounds it between them.

    Examples
    --------
    >>> sup_norm_bound_on(np.array([0.0, 1.0]), 0.5, 1.0, shift=1.0) >= 0.5
    True
    """
    coef = as_coefficients(coef, "coef")
    points = None if points is None else as_nonneg_int(points, "points")
    c = np.asarray(coef, dtype=np.float64)
    d = c.size - 1
    m = int(points) if points is not None else 1 << max(5, int(math.ceil(math.log2(16 * (d + 1)))))
    if m <= d:
        raise InvalidArgumentError(f"points={m} must exceed the degree {d}")
    yh, yl = cheb_nodes(m)
    # x = a + (b - a)(y + 1)/2 in double-double
    half = (float(b) - float(a)) / 2.0
    # (b - a)/2 is not exact in general: carry its rounding error
    half_err = ((float(b) - float(a)) - 2 * half)
    sh, sl = _dd_add(yh, yl, np.ones_like(yh), np.zeros_like(yh))
    ph, pl = _dd_mul(sh, sl, np.full_like(yh, half), np.full_like(yh, half_err / 2.0))
    xh, xl = _dd_add(ph, pl, np.full_like(yh, float(a)), np.zeros_like(yh))
    xh, xl = np.clip(xh, -1.0, 1.0), np.where(np.abs(xh) >= 1.0, 0.0, xl)
    vh, vl = _dd_clenshaw(c, xh, xl)
    vh, vl = _dd_add(vh, vl, np.full_like(vh, -float(shift)), np.zeros_like(vh))
    grid = float(np.max(np.abs(vh + vl)))
    l1 = float(np.sum(np.abs(c)))
    # rounding of the evaluation, plus the effect of the nodes' 1e-31 offset (|p'| <= d^2 sum|c|)
    err = (d + 1) ** 2 * _DD_UNIT * (l1 + abs(shift)) + 1e-30 * (d * d + 1) * l1
    return (grid * (1 + 4 * _U) + err) * _ez_factor(d, m)


# ----------------------------------------------------------------------------- tails


def ellipse_tail_bound(n: int, log_bound: Callable[[float], float], *, rho_max: float = 1e6) -> float:
    """Proved bound on ``sum_{k >= n} |c_k|`` for a function analytic inside every Bernstein ellipse.

    ``log_bound(rho)`` must return an upper bound on ``log max |g|`` over ``E_rho``;
    uses ``|c_k| <= 2 A rho^-k`` and sums the geometric tail, minimising over a grid of
    rho (any rho gives a valid bound; the grid only decides how good it is).

    Examples
    --------
    >>> import math
    >>> ellipse_tail_bound(30, lambda rho: 3.0 * (rho - 1 / rho) / 2) < 1e-10   # cosh(3 Im z) >= |cos 3z|
    True
    """
    n = as_nonneg_int(n, "n")
    check_callable(log_bound, "log_bound")
    rho_max = as_positive_float(rho_max, "rho_max")
    if rho_max <= 1.0:
        raise InvalidArgumentError(f"rho_max={rho_max!r} must exceed 1 (Bernstein ellipses have rho > 1)")
    best = math.inf
    for lr in np.geomspace(1e-7, math.log(rho_max), 400):
        rho = math.exp(lr)
        la = log_bound(rho)
        if not math.isfinite(la):
            continue
        log_term = math.log(2.0) + la - n * lr - math.log(-math.expm1(-lr))
        best = min(best, log_term)
    if best > 700:
        return math.inf
    return math.exp(best) * (1 + 1e-12)


# ----------------------------------------------------------------------------- the certified pipeline


@checked_fields
class CertifiedSeries(NamedTuple):
    """Result of :func:`certified_series`.

    ``coef``: float64 Chebyshev coefficients of P (degree ``degree``), ``scale`` the factor
    applied, ``error``: a proved bound on ``max_[-1,1] |P - scale g|``, ``sup_norm``: a
    proved bound on ``max |P|``, ``points``: Chebyshev points used, ``tail_degree``: where
    the proved tail of g falls below ``1e-30``.
    """

    coef: np.ndarray
    degree: int
    scale: float
    error: float
    sup_norm: float
    points: int
    tail_degree: int


def _tail_start(tail: Callable[[int], float], parity, start: int, cap: int, level: float) -> int:
    """Smallest n (a power-of-two search then bisection) with tail(n) <= level."""
    n = max(1, start)
    while tail(n) > level:
        n *= 2
        if n > cap:
            return n
    lo, hi = n // 2, n
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if tail(mid) <= level:
            hi = mid
        else:
            lo = mid
    return hi


def required_points(tail: Callable[[int], float], *, degree_hint: int = 0, level: float = 1e-30) -> tuple[int, int]:
    """(tail degree N, points M) a certificate of g needs: ``tail(N) <= level`` and M >= 2.5 N, a power of two.

    Examples
    --------
    >>> required_points(lambda n: 2.0 ** -n)
    (100, 256)
    """
    n = _tail_start(tail, None, 8, 2 * MAX_CERTIFIED_POINTS, level)
    n = max(n, degree_hint + 1)
    m = 1 << max(6, int(math.ceil(math.log2(2.5 * n))))
    return n, m


def certified_series(g_mp: Callable, tail: Callable[[int], float], *, parity: int | None, eps: float | None,
                     degree: int | None, scale: float, margin: float, degree_hint: int = 0,
                     name: str = "target") -> CertifiedSeries:
    """Float Chebyshev coefficients of ``scale * g`` with a proved error bound.

    Parameters
    ----------
    g_mp : callable
        ``g_mp(ctx, x)`` evaluates g at an mpmath number x in the mpmath context ``ctx``.
    tail : callable
        ``tail(n)`` is a proved bound on ``sum_{k >= n} |c_k(g)|``.
    parity : 0, 1 or None
    eps : float or None
        Error budget: the degree is the smallest (of the right parity) whose discarded tail,
        scaled, is at most ``eps / 4``, which leaves room for the Ehlich–Zeller factor and the
        coefficients' rounding (ignored when ``degree`` is given).
    degree : int or None
    scale, margin : float
        ``P = s c`` with ``s = min(scale, (1 - margin) / max|p|)``.

    Examples
    --------
    >>> import math
    >>> r = certified_series(lambda ctx, x: ctx.cos(3 * x),
    ...                      lambda n: ellipse_tail_bound(n, lambda rho: 3 * (rho - 1 / rho) / 2),
    ...                      parity=0, eps=1e-14, degree=None, scale=0.5, margin=1e-3)
    >>> r.degree, r.error < 1e-14
    (18, True)
    """
    from mpmath.ctx_mp import MPContext

    n_tail, m = required_points(tail, degree_hint=max(degree_hint, degree or 0))
    if m > MAX_CERTIFIED_POINTS:
        raise InvalidArgumentError(
            f"{name}: certifying this target needs about {m:,} Chebyshev points (the series of g is "
            f"resolved only at degree ~{n_tail:,}), more than the limit {MAX_CERTIFIED_POINTS:,} "
            f"(~{m * 60e-6:.0f} s of mpmath work); ask for a smaller parameter or a larger eps")
    ctx = MPContext()
    ctx.prec = 128
    xh, xl = cheb_nodes(m)
    fh = np.empty(m)
    fl = np.empty(m)
    # g is evaluated at the double-double node hi + lo (exact in mpmath)
    mpf = ctx.mpf
    for j in range(m):
        v = g_mp(ctx, mpf(float(xh[j])) + mpf(float(xl[j])))
        h = float(v)
        fh[j] = h
        fl[j] = float(v - h)
    if not (np.all(np.isfinite(fh)) and np.all(np.isfinite(fl))):
        raise InvalidArgumentError(f"{name}: the function is not finite at the Chebyshev points")
    ch, cl = _dct2_dd(fh, fl)
    if parity is not None:
        ch[(parity + 1) % 2 :: 2] = 0.0
        cl[(parity + 1) % 2 :: 2] = 0.0
    c = ch + cl  # float64 rounding of the double-double coefficients
    abs_c = np.abs(ch)
    # tails[k] = proved-ish sum_{j > k} |c_j| (computed part plus the proved tail beyond n_tail)
    tail_beyond = tail(n_tail)
    tails = np.concatenate([np.cumsum(abs_c[:n_tail][::-1])[::-1][1:], [0.0]]) * (1 + 1e-12) + tail_beyond
    if degree is None:
        ok = np.flatnonzero(scale * tails <= 0.25 * eps)  # room for the Ehlich-Zeller factor and rounding
        d = int(ok[0]) if ok.size else n_tail - 1
        if parity is not None and d % 2 != parity:
            d += 1
    else:
        d = degree
        if parity is not None and d % 2 != parity:
            raise InvalidArgumentError(
                f"degree={degree} has the wrong parity for this {'odd' if parity else 'even'} target")
    p = np.zeros(d + 1)
    k = min(d + 1, c.size)
    p[:k] = c[:k]
    sup = sup_norm_bound(p)
    s = float(scale)
    if sup * s > 1.0 - margin:
        s = (1.0 - margin) / sup
    # P = float rounding of s * c (double-double product)
    Ph, Pl = _dd_mul(np.full(k, s), np.zeros(k), ch[:k], cl[:k])
    P = np.zeros(d + 1)
    P[:k] = Ph + Pl
    # certificate: compare P with s g at the same M points, in double-double
    vh, vl = _dct3_dd(P, np.zeros_like(P), m)
    gh, gl = _dd_mul(np.full(m, s), np.zeros(m), fh, fl)
    dh, dl = _dd_add(gh, gl, -vh, -vl)
    grid = float(np.max(np.abs(dh + dl))) * (1 + 4 * _U)
    eval_err = _transform_error(float(np.sum(np.abs(P))) * 2, 2 * m) + _transform_error(
        float(np.sum(np.abs(fh))) * s, 2 * m)
    # g's values: mpmath at 128 bits rounded to double-double (2^-104 relative), and the node offset
    # |x_dd - x_j| <= 2^-100 times |g'| <= sum k^2 |c_k| (+ tail)
    deriv = float(np.sum(np.arange(c.size) ** 2 * abs_c)) * 2 + tail_beyond * n_tail**2
    g_err = s * (2.0**-100 * float(np.max(np.abs(fh))) + 2.0**-98 * deriv)
    n_poly = max(n_tail, d + 1)
    q_err = grid + eval_err + g_err + s * tail_beyond
    error = q_err * _ez_factor(n_poly - 1, m) + s * tail_beyond
    error = error * (1 + 8 * _U) + 1e-300
    return CertifiedSeries(P, d, s, error, sup_norm_bound(P), m, n_tail)
