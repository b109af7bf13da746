"""Numba kernels for spherical harmonics (plain Python when the JIT is off).

The kernels evaluate the orthonormal associated Legendre functions without the
Condon–Shortley phase,

    y_l^m(θ) = sqrt((2l+1)/(4π) (l-m)!/(l+m)!) P_l^m(cos θ),   m ≥ 0,

by the standard stable recurrences on these fully normalised values
(sectoral start y_m^m = sqrt((2m+1)/(2m)) sin θ · y_{m-1}^{m-1}, then a
three-term recurrence in l).  No factorial is ever formed.  Near the poles the
sectoral values sin^m θ underflow for large m; the recursion then carries a
power-of-two exponent separately (Holmes & Featherstone 2002 style scaling), so
every value that is representable as a float64 comes out right and the rest
flush to zero instead of poisoning the recursion.

Kernels take scalars and contiguous arrays, validate nothing and never
allocate per point.
"""

from __future__ import annotations

import math

import numpy as np

from mathref.jit import jit

__all__ = [
    "legendre_recurrence_coefficients",
    "normalized_legendre_column",
    "normalized_legendre_column_points",
    "normalized_legendre_table",
    "real_sph_harm_points",
    "complex_sph_harm_points",
]

# 2**-500 / 2**500: rescale the carried values when they leave this window
_SMALL = 2.0**-500
_BIG = 2.0**500
_SCALE_STEP = 500


def legendre_recurrence_coefficients(lmax: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Coefficient tables a[l, m], b[l, m] and sectoral factors for degree ``lmax``.

    y_l^m = a[l, m] (t y_{l-1}^m - b[l, m] y_{l-2}^m) for l ≥ m + 2 and
    y_{m+1}^m = a[m+1, m] t y_m^m (b unused there).
    """
    # numpy over the whole (l, m) triangle: the same float operations as the scalar formulas (every
    # intermediate is an integer below 2**53, so exact), one correctly rounded sqrt each
    n = lmax + 1
    ls = np.arange(n, dtype=float)[:, None]
    ms = np.arange(n, dtype=float)[None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        a = np.where(ls > ms, np.sqrt((4.0 * ls * ls - 1.0) / (ls * ls - ms * ms)), 0.0)
        b = np.where(ls >= ms + 2, np.sqrt(((ls - 1.0) ** 2 - ms * ms) / (4.0 * (ls - 1.0) ** 2 - 1.0)), 0.0)
    m1 = np.arange(1, n, dtype=float)
    sectoral = np.zeros(n)
    sectoral[1:] = np.sqrt((2.0 * m1 + 1.0) / (2.0 * m1))
    return a, b, sectoral


@jit
def _scaled_sectoral(m, s, sectoral):
    """Return (mantissa, exponent) with y_m^m = mantissa * 2**exponent (times 1/sqrt(4π))."""
    value = 1.0 / math.sqrt(4.0 * math.pi)
    exponent = 0
    for k in range(1, m + 1):
        value *= sectoral[k] * s
        if value != 0.0 and abs(value) < _SMALL:
            value *= _BIG
            exponent -= _SCALE_STEP
    return value, exponent


@jit
def normalized_legendre_column(l, m, t, u, s, a, b, sectoral):
    """y_l^m(θ) for one (l, m ≥ 0) given t = cos θ, u = 1 - |t| and s = sin θ (s may be negative).

    u is given separately (2 sin²(θ/2) or 2 cos²(θ/2), accurate from the angle) and t·x is formed as
    ±(x - u·x): near a pole a rounded t would move P_l by up to l²/2 ulps; with an accurate u the
    error stays at the recurrence's own few ulps per step.
    """
    if m > l:
        return 0.0
    pmm, exponent = _scaled_sectoral(m, s, sectoral)
    if pmm == 0.0:
        return 0.0
    if l == m:
        return math.ldexp(pmm, exponent)
    sign = 1.0 if t >= 0.0 else -1.0
    prev = pmm
    cur = a[m + 1, m] * sign * (pmm - u * pmm)
    for k in range(m + 2, l + 1):
        nxt = a[k, m] * (sign * (cur - u * cur) - b[k, m] * prev)
        prev = cur
        cur = nxt
        if exponent < 0 and abs(cur) > _BIG:
            cur *= _SMALL
            prev *= _SMALL
            exponent += _SCALE_STEP
    return math.ldexp(cur, exponent)


@jit
def normalized_legendre_column_points(l, m, t, u, s, a, b, sectoral, out):
    """out[p] = y_l^m at every point (t = cos θ, u = 1 - |cos θ|, s = sin θ arrays)."""
    for p in range(t.shape[0]):
        out[p] = normalized_legendre_column(l, m, t[p], u[p], s[p], a, b, sectoral)


@jit
def _fill_legendre_triangle(lmax, t, u, s, a, b, sectoral, work):
    """Fill work[l*(l+1)//2 + m] = y_l^m for 0 ≤ m ≤ l ≤ lmax at one point (u = 1 - |t|, see the column kernel)."""
    sign = 1.0 if t >= 0.0 else -1.0
    pmm = 1.0 / math.sqrt(4.0 * math.pi)
    exponent = 0
    for m in range(lmax + 1):
        if m > 0:
            pmm *= sectoral[m] * s
            if pmm != 0.0 and abs(pmm) < _SMALL:
                pmm *= _BIG
                exponent -= _SCALE_STEP
        if pmm == 0.0:
            for l in range(m, lmax + 1):
                work[l * (l + 1) // 2 + m] = 0.0
            continue
        if exponent == 0:
            work[m * (m + 1) // 2 + m] = pmm
            if m < lmax:
                prev = pmm
                cur = a[m + 1, m] * sign * (pmm - u * pmm)
                work[(m + 1) * (m + 2) // 2 + m] = cur
                for l in range(m + 2, lmax + 1):
                    nxt = a[l, m] * (sign * (cur - u * cur) - b[l, m] * prev)
                    prev = cur
                    cur = nxt
                    work[l * (l + 1) // 2 + m] = cur
        else:
            # scaled path: values are mantissa * 2**e until they re-enter the normal range
            e = exponent
            work[m * (m + 1) // 2 + m] = math.ldexp(pmm, e)
            if m < lmax:
                prev = pmm
                cur = a[m + 1, m] * sign * (pmm - u * pmm)
                work[(m + 1) * (m + 2) // 2 + m] = math.ldexp(cur, e)
                for l in range(m + 2, lmax + 1):
                    nxt = a[l, m] * (sign * (cur - u * cur) - b[l, m] * prev)
                    prev = cur
                    cur = nxt
                    if e < 0 and abs(cur) > _BIG:
                        cur *= _SMALL
                        prev *= _SMALL
                        e += _SCALE_STEP
                    work[l * (l + 1) // 2 + m] = math.ldexp(cur, e)


@jit
def normalized_legendre_table(lmax, t, u, s, a, b, sectoral, out):
    """out[p, l*(l+1)//2 + m] = y_l^m at points with cos θ = t[p], 1 - |cos θ| = u[p], sin θ = s[p]."""
    for p in range(t.shape[0]):
        _fill_legendre_triangle(lmax, t[p], u[p], s[p], a, b, sectoral, out[p])


@jit
def _point_trig(x, y, z):
    """(t, u, s, cos φ, sin φ) of a Cartesian vector, u = 1 - |t| = ρ²/(r(r + |z|)); φ = 0 on the polar axis."""
    rho = math.sqrt(x * x + y * y)
    r = math.sqrt(rho * rho + z * z)
    t = z / r
    s = rho / r
    u = (rho / r) * (rho / (r + abs(z)))
    if rho > 0.0:
        return t, u, s, x / rho, y / rho
    return t, u, s, 1.0, 0.0


_BLOCK = 32


@jit
def _legendre_trig_block(lmax, coords, is_angles, start, nb, a, b, sectoral, t, u, s, c1, s1, P, C, S, work):
    """Fill P[l(l+1)/2 + m, q], C[m, q] = cos mφ, S[m, q] = sin mφ for points start..start+nb-1.

    Points are innermost so the recurrences vectorise across a block; a point whose
    sectoral values would leave the normal range is redone by the scaled per-point
    routine.
    """
    for q in range(nb):
        if is_angles:
            theta = coords[start + q, 0]
            phi = coords[start + q, 1]
            t[q] = math.cos(theta)
            # 1 - |cos θ| from the half angle: it keeps its digits near the poles (see normalized_legendre_column)
            half = math.sin(0.5 * theta) if t[q] >= 0.0 else math.cos(0.5 * theta)
            u[q] = 2.0 * half * half
            s[q] = math.sin(theta)
            c1[q] = math.cos(phi)
            s1[q] = math.sin(phi)
        else:
            tq, uq, sq, cq, snq = _point_trig(coords[start + q, 0], coords[start + q, 1], coords[start + q, 2])
            t[q] = tq
            u[q] = uq
            s[q] = sq
            c1[q] = cq
            s1[q] = snq
    inv = 1.0 / math.sqrt(4.0 * math.pi)
    for q in range(nb):
        P[0, q] = inv
        C[0, q] = 1.0
        S[0, q] = 0.0
    for m in range(1, lmax + 1):
        k = m * (m + 1) // 2 + m
        kp = (m - 1) * m // 2 + m - 1
        f = sectoral[m]
        for q in range(nb):
            P[k, q] = P[kp, q] * f * s[q]
            C[m, q] = C[m - 1, q] * c1[q] - S[m - 1, q] * s1[q]
            S[m, q] = S[m - 1, q] * c1[q] + C[m - 1, q] * s1[q]
    for m in range(lmax + 1):
        if m < lmax:
            k0 = m * (m + 1) // 2 + m
            k1 = (m + 1) * (m + 2) // 2 + m
            am = a[m + 1, m]
            for q in range(nb):
                x = P[k0, q]
                P[k1, q] = am * (x - u[q] * x) if t[q] >= 0.0 else am * (u[q] * x - x)
        for l in range(m + 2, lmax + 1):
            k = l * (l + 1) // 2 + m
            k1 = (l - 1) * l // 2 + m
            k2 = (l - 2) * (l - 1) // 2 + m
            al = a[l, m]
            bl = b[l, m]
            for q in range(nb):
                x = P[k1, q]
                tx = x - u[q] * x if t[q] >= 0.0 else u[q] * x - x
                P[k, q] = al * (tx - bl * P[k2, q])
    # the last sectoral value is the smallest one whenever any can underflow (ratio f_m s < 1 for s < 0.8)
    klast = lmax * (lmax + 1) // 2 + lmax
    for q in range(nb):
        v = abs(P[klast, q])
        if v < _SMALL and s[q] != 0.0:
            _fill_legendre_triangle(lmax, t[q], u[q], s[q], a, b, sectoral, work)
            for k in range(klast + 1):
                P[k, q] = work[k]


@jit
def real_sph_harm_points(lmax, coords, is_angles, a, b, sectoral, work, out):
    """Standard real harmonics (no CS phase), out[p, l*l + l + m], orthonormal.

    ``coords`` is (n, 3) Cartesian (any length > 0) when ``is_angles`` is False,
    else (n, 2) with columns (θ, φ).  ``work`` has length (lmax+1)(lmax+2)/2.
    """
    n = coords.shape[0]
    ntri = (lmax + 1) * (lmax + 2) // 2
    P = np.empty((ntri, _BLOCK))
    C = np.empty((lmax + 1, _BLOCK))
    S = np.empty((lmax + 1, _BLOCK))
    t = np.empty(_BLOCK)
    u = np.empty(_BLOCK)
    s = np.empty(_BLOCK)
    c1 = np.empty(_BLOCK)
    s1 = np.empty(_BLOCK)
    root2 = math.sqrt(2.0)
    for start in range(0, n, _BLOCK):
        nb = min(_BLOCK, n - start)
        _legendre_trig_block(lmax, coords, is_angles, start, nb, a, b, sectoral, t, u, s, c1, s1, P, C, S, work)
        for q in range(nb):
            row = out[start + q]
            for l in range(lmax + 1):
                row[l * l + l] = P[l * (l + 1) // 2, q]
            for m in range(1, lmax + 1):
                cm = root2 * C[m, q]
                sm = root2 * S[m, q]
                for l in range(m, lmax + 1):
                    v = P[l * (l + 1) // 2 + m, q]
                    row[l * l + l + m] = v * cm
                    row[l * l + l - m] = v * sm


@jit
def complex_sph_harm_points(lmax, coords, is_angles, a, b, sectoral, work, out):
    """Complex Y_l^m with the Condon–Shortley phase, out[p, l*l + l + m]."""
    n = coords.shape[0]
    ntri = (lmax + 1) * (lmax + 2) // 2
    P = np.empty((ntri, _BLOCK))
    C = np.empty((lmax + 1, _BLOCK))
    S = np.empty((lmax + 1, _BLOCK))
    t = np.empty(_BLOCK)
    u = np.empty(_BLOCK)
    s = np.empty(_BLOCK)
    c1 = np.empty(_BLOCK)
    s1 = np.empty(_BLOCK)
    for start in range(0, n, _BLOCK):
        nb = min(_BLOCK, n - start)
        _legendre_trig_block(lmax, coords, is_angles, start, nb, a, b, sectoral, t, u, s, c1, s1, P, C, S, work)
        for q in range(nb):
            row = out[start + q]
            for l in range(lmax + 1):
                row[l * l + l] = P[l * (l + 1) // 2, q]
            sign = 1.0
            for m in range(1, lmax + 1):
                sign = -sign
                cm = C[m, q]
                sm = S[m, q]
                for l in range(m, lmax + 1):
                    v = P[l * (l + 1) // 2 + m, q]
                    row[l * l + l + m] = complex(sign * v * cm, sign * v * sm)
                    row[l * l + l - m] = complex(v * cm, -v * sm)


# ----------------------------------------------------------------------------- numpy twins
# Used instead of the kernels above for calls too small to pay a compilation (see mathref.dispatch):
# the same recurrences, vectorised over the points and the orders m at once (one numpy step per degree),
# with the operations in the kernels' order, so the values are the kernels' to the last bit (tested): a
# result never depends on whether the process had compiled a kernel before.


def legendre_triangle_numpy(lmax: int, t: np.ndarray, u: np.ndarray, s: np.ndarray, a: np.ndarray,
                            b: np.ndarray, sectoral: np.ndarray) -> np.ndarray:
    """out[l(l+1)/2 + m, p] = y_l^m at point p, the transpose of :func:`normalized_legendre_table` (numpy).

    Each order m carries its own power-of-two exponent, as :func:`_fill_legendre_triangle` does, so
    values below the float range flush to 0 and nothing underflows early.  The work is one set of
    in-place numpy operations per degree (columns m = 0..l-2 advance together).
    """
    npts = t.shape[0]
    out = np.empty(((lmax + 1) * (lmax + 2) // 2, npts))
    sign = np.where(t >= 0.0, 1.0, -1.0)
    # sectoral mantissas and exponents, m = 0..lmax, per point
    mant = np.empty((lmax + 1, npts))
    expo = np.zeros((lmax + 1, npts), dtype=np.int64)
    pmm = np.full(npts, 1.0 / math.sqrt(4.0 * math.pi))
    e = np.zeros(npts, dtype=np.int64)
    for m in range(lmax + 1):
        if m > 0:
            pmm = pmm * (sectoral[m] * s)
            low = (pmm != 0.0) & (np.abs(pmm) < _SMALL)
            if low.any():
                pmm = np.where(low, pmm * _BIG, pmm)
                e = e - _SCALE_STEP * low
        mant[m] = pmm
        expo[m] = e
    scaled = np.flatnonzero((expo < 0).any(axis=1))
    lo = int(scaled[0]) if scaled.size else lmax + 1  # orders below lo never carry an exponent
    # prev / cur: degrees l-2 / l-1 of the orders in play; a column's value is mantissa · 2^ex
    prev = np.zeros((lmax + 1, npts))
    cur = np.zeros((lmax + 1, npts))
    tmp = np.empty((lmax + 1, npts))
    tmp2 = np.empty((lmax + 1, npts))
    ex = np.zeros((lmax + 1, npts), dtype=np.int64)
    limit = np.full((lmax + 1, npts), np.inf)  # _BIG where the exponent is negative: rescale above it
    u_row = u[None, :]
    sign_row = sign[None, :]
    for l in range(lmax + 1):
        base = l * (l + 1) // 2
        if l >= 2:
            k = l - 1  # orders 0..l-2: y_l = a (t·y_{l-1} - b y_{l-2}), t·x formed as ±(x - u·x)
            c, p, w, w2 = cur[:k], prev[:k], tmp[:k], tmp2[:k]
            np.multiply(u_row, c, out=w)
            np.subtract(c, w, out=w)
            np.multiply(sign_row, w, out=w)
            np.multiply(b[l, :k, None], p, out=w2)
            np.subtract(w, w2, out=w)
            np.multiply(a[l, :k, None], w, out=p)
            prev, cur = cur, prev
            if lo < k:
                c, pv = cur[lo:k], prev[lo:k]
                big = np.abs(c) > limit[lo:k]
                if big.any():
                    c[big] *= _SMALL
                    pv[big] *= _SMALL
                    e_k = ex[lo:k]
                    e_k[big] += _SCALE_STEP
                    limit[lo:k][big & (e_k == 0)] = np.inf
                out[base : base + lo] = cur[:lo]
                out[base + lo : base + k] = np.ldexp(c, ex[lo:k])
            else:
                out[base : base + k] = cur[:k]
        if l >= 1:
            x = mant[l - 1]
            prev[l - 1] = x
            cur[l - 1] = a[l, l - 1] * sign * (x - u * x)
            ex[l - 1] = expo[l - 1]
            limit[l - 1] = np.where(expo[l - 1] < 0, _BIG, np.inf)
            out[base + l - 1] = np.ldexp(cur[l - 1], ex[l - 1])
        out[base + l] = np.ldexp(mant[l], expo[l])
    return out


def point_trig_numpy(coords: np.ndarray, is_angles: bool) -> tuple[np.ndarray, ...]:
    """(t, u, s, cos φ, sin φ) per point, as the kernels' block set-up computes them (numpy)."""
    if is_angles:
        # libm's sin/cos per angle, as the compiled kernels call them: numpy's own vectorised sin/cos may
        # differ from libm in the last bit on some CPUs, and the twins must give the kernels' floats
        theta = coords[:, 0].tolist()
        phi = coords[:, 1].tolist()
        t = np.array([math.cos(v) for v in theta], dtype=np.float64)
        half = np.array([math.sin(0.5 * v) if c >= 0.0 else math.cos(0.5 * v) for v, c in zip(theta, t.tolist())],
                        dtype=np.float64)
        sin_t = np.array([math.sin(v) for v in theta], dtype=np.float64)
        return (t, 2.0 * half * half, sin_t, np.array([math.cos(v) for v in phi], dtype=np.float64),
                np.array([math.sin(v) for v in phi], dtype=np.float64))
    x, y, z = coords[:, 0], coords[:, 1], coords[:, 2]
    rho = np.sqrt(x * x + y * y)
    r = np.sqrt(rho * rho + z * z)
    t = z / r
    s = rho / r
    u = (rho / r) * (rho / (r + np.abs(z)))
    polar = rho > 0.0
    safe = np.where(polar, rho, 1.0)
    return t, u, s, np.where(polar, x / safe, 1.0), np.where(polar, y / safe, 0.0)


def _azimuthal_numpy(lmax: int, c1: np.ndarray, s1: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """C[m] = cos mφ, S[m] = sin mφ by the kernels' angle-addition recurrence, shape (lmax+1, npts)."""
    C = np.empty((lmax + 1, c1.shape[0]))
    S = np.empty((lmax + 1, c1.shape[0]))
    C[0] = 1.0
    S[0] = 0.0
    for m in range(1, lmax + 1):
        C[m] = C[m - 1] * c1 - S[m - 1] * s1
        S[m] = S[m - 1] * c1 + C[m - 1] * s1
    return C, S


def legendre_block_numpy(lmax: int, t: np.ndarray, u: np.ndarray, s: np.ndarray, a: np.ndarray, b: np.ndarray,
                         sectoral: np.ndarray) -> np.ndarray:
    """The triangle :func:`_legendre_trig_block` fills, bit for bit, in numpy: out[l(l+1)/2 + m, p].

    The batched harmonics kernels run the unscaled recurrences for a whole block and redo, with the
    scaled per-point routine, only the points whose last sectoral value leaves the normal range; this
    twin does the same with the same operations per element (vectorised over the points and, per
    degree, over the orders), so a call gives identical floats whether it ran compiled or not.
    """
    npts = t.shape[0]
    ntri = (lmax + 1) * (lmax + 2) // 2
    P = np.empty((ntri, npts))
    P[0] = 1.0 / math.sqrt(4.0 * math.pi)
    for m in range(1, lmax + 1):  # sectoral values: (P·f)·s, left to right as in the kernel
        P[m * (m + 1) // 2 + m] = P[(m - 1) * m // 2 + m - 1] * sectoral[m] * s
    north = (t >= 0.0)[None, :]
    u_row = u[None, :]
    for l in range(1, lmax + 1):
        base, prev = l * (l + 1) // 2, (l - 1) * l // 2
        x = P[prev + l - 1]  # m = l - 1 from the sectoral value of degree l - 1
        P[base + l - 1] = a[l, l - 1] * np.where(north[0], x - u * x, u * x - x)
        if l >= 2:  # m = 0 .. l - 2 from degrees l - 1 and l - 2
            older = (l - 2) * (l - 1) // 2
            x = P[prev : prev + l - 1]
            tx = np.where(north, x - u_row * x, u_row * x - x)
            P[base : base + l - 1] = a[l, : l - 1, None] * (tx - b[l, : l - 1, None] * P[older : older + l - 1])
    redo = (np.abs(P[ntri - 1]) < _SMALL) & (s != 0.0)
    if redo.any():
        P[:, redo] = legendre_triangle_numpy(lmax, t[redo], u[redo], s[redo], a, b, sectoral)
    return P


def sph_harm_points_numpy(lmax: int, coords: np.ndarray, is_angles: bool, a: np.ndarray, b: np.ndarray,
                          sectoral: np.ndarray, complex_basis: bool) -> np.ndarray:
    """:func:`real_sph_harm_points` (or, with ``complex_basis``, :func:`complex_sph_harm_points`) in numpy."""
    t, u, s, c1, s1 = point_trig_numpy(coords, is_angles)
    P = legendre_block_numpy(lmax, t, u, s, a, b, sectoral)  # (triangle, points)
    C, S = _azimuthal_numpy(lmax, c1, s1)
    n = (lmax + 1) ** 2
    # one degree at a time: its orders are contiguous rows of P and of the output (m < 0 reversed)
    if not complex_basis:
        out = np.empty((n, coords.shape[0]))
        root2 = math.sqrt(2.0)
        cm, sm = root2 * C, root2 * S
        for l in range(lmax + 1):
            base, centre = l * (l + 1) // 2, l * l + l
            v = P[base + 1 : base + l + 1]
            out[centre] = P[base]
            out[centre + 1 : centre + l + 1] = v * cm[1 : l + 1]
            out[centre - l : centre][::-1] = v * sm[1 : l + 1]
        return np.ascontiguousarray(out.T)
    out = np.empty((n, coords.shape[0]), dtype=np.complex128)
    re, im = out.real, out.imag  # views: the parts are written exactly as the kernel forms them
    alternating = np.where(np.arange(lmax + 1) % 2 == 1, -1.0, 1.0)[:, None]
    scm, ssm = alternating * C, alternating * S  # (-1)^m cos mφ, (-1)^m sin mφ
    for l in range(lmax + 1):
        base, centre = l * (l + 1) // 2, l * l + l
        v = P[base + 1 : base + l + 1]
        re[centre] = P[base]
        im[centre] = 0.0
        re[centre + 1 : centre + l + 1] = scm[1 : l + 1] * v
        im[centre + 1 : centre + l + 1] = ssm[1 : l + 1] * v
        re[centre - l : centre][::-1] = v * C[1 : l + 1]
        im[centre - l : centre][::-1] = -(v * S[1 : l + 1])
    return np.ascontiguousarray(out.T)


def numpy_cost_seconds(lmax: int, npts: int) -> float:
    """Rough (high) seconds :func:`sph_harm_points_numpy` / :func:`legendre_triangle_numpy` take, for the dispatch.

    Measured on a shared 2-core machine: ≈ 60 µs of numpy calls per degree, ≈ 40 ns per value, and
    ≈ 1.5 µs per point and degree of temporaries once the points no longer fit in cache (10⁵ points at
    lmax = 8 took 1.6 s, where the kernel takes tens of ms).
    """
    return 6e-5 * (lmax + 1) + 4e-8 * npts * (lmax + 1) ** 2 + 1.5e-6 * npts * (lmax + 1)
