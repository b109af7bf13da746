"""Numba kernels for Wigner small-d matrices (plain Python when the JIT is off).

Two methods, each checked against the other and against exact values in the tests.

**Recursion (integer l, the default).**  The three-term recursions of Gumerov &
Duraiswami (2015, "Recursive computation of spherical harmonic rotation
coefficients of large degree", arXiv:1403.7698) for

    H^{m'm}_n(β) = ε_{m'} ε_{-m} d^n_{m'm}(β),   ε_k = (-1)^k for k > 0, 1 otherwise,

which obeys H^{m'm} = H^{mm'} = H^{-m',-m}.  Start: H^{0m}_n is the
semi-normalised Legendre function Q_n^{|m|}(cos β) = sqrt((n-|m|)!/(n+|m|)!)
P_n^{|m|}(cos β) (made by the usual stable degree recursion, never a
factorial); H^{1m}_n comes from three values of degree n+1; then rows m' = 2, 3,
… and m' = -1, -2, … of the wedge m ≥ |m'| follow by a recursion that only
combines neighbours with bounded coefficients, and the symmetries fill the rest.
Cost O(l²) per matrix (O(l) per entry of no row), O(L³) for every degree up to L.
The half-angle factors (1 ∓ cos β)/2 are formed as sin²(β/2), cos²(β/2), so
nothing cancels near the poles.  Values below the float range flush to 0 (an
absolute error below 1e-300 in a matrix of norm 1).

**Fourier (half-angle) factorisation (every j, integer or half-integer).**

    d^j_{m'm}(β) = Σ_k Δ^j_{k m'} Δ^j_{k m} cos((m' - m)π/2 - kβ),   Δ^j = d^j(π/2),

Δ^j built row by row by the three-term recurrence that follows from the action
of J_x (equation (11) of Trapani & Navaza 2006), started from the closed-form
top row Δ_{j m} = (-1)^{j-m} sqrt(C(2j, j+m)) / 2^j (a ratio recurrence, no
factorials); only rows m' > 0 are recurred, the others follow from
d_{-m', m} = (-1)^{m'-m} d_{m', -m}.  The sum over k is two matrix products
done by numpy (BLAS) in :mod:`~mathref.geometry.wigner_d`; O(j³) per matrix.

**Spin-weighted harmonics** use neither: only one column d^l_{m,-s} is needed, advanced
in the degree for fixed orders (see :func:`spin_weighted_sph_harm_points`).

Labels here are doubled ints where half-integers can occur (``two_j``); kernels
take scalars and contiguous arrays and validate nothing.
"""

from __future__ import annotations

import cmath
import math

import numpy as np

from mathref.jit import jit

# the kernels called from Python; their helpers (Legendre table, wedge, fill) compile with them
__all__ = [
    "wigner_delta_matrix",
    "wigner_small_d_recursion",
    "wigner_D_recursion",
    "wigner_D_all_recursion",
    "spin_weighted_sph_harm_points",
]


@jit
def wigner_delta_matrix(two_j, out):
    """Fill out[i, k] = d^j_{m'm}(π/2), m' = i - j, m = k - j (out is (2j+1, 2j+1), j = two_j/2)."""
    n = two_j + 1
    j = 0.5 * two_j
    for i in range(n):
        for k in range(n):
            out[i, k] = 0.0
    top = n - 1
    out[top, top] = 0.5 ** j
    for k in range(top, 0, -1):
        m = k - j
        out[top, k - 1] = -out[top, k] * math.sqrt((j + m) / (j - m + 1.0))
    # rows m' = j-1, ..., down to the smallest positive m' (1 or 1/2)
    for i in range(top, n // 2, -1):
        mp = i - j
        inv = 1.0 / math.sqrt((j - mp + 1.0) * (j + mp))
        up = math.sqrt((j + mp + 1.0) * (j - mp))
        for k in range(n):
            m = k - j
            value = 2.0 * m * out[i, k]
            if i < top:
                value -= up * out[i + 1, k]
            out[i - 1, k] = value * inv
    # rows m' < 0 (and m' = 0 is recurred above when j is an integer)
    for i in range((n + 1) // 2, n):
        for k in range(n):
            # m' - m = (i - k) for the row i; sign (-1)^(m'-m) of the mirrored entry
            sign = 1.0 if (i - k) % 2 == 0 else -1.0
            out[n - 1 - i, k] = sign * out[i, n - 1 - k]


# scaled values live in [2**-500, 2**500] times 2**(-500 k); see semi_normalized_legendre_table
_SMALL = 2.0**-500
_BIG = 2.0**500


@jit
def _unscale(x, k):
    """x · 2^(-500 k) for k ≥ 0 (0.0 once certainly below the float range)."""
    if k == 0:
        return x
    if k == 1:
        return x * _SMALL
    if k == 2:
        return (x * _SMALL) * _SMALL
    return 0.0


@jit
def legendre_coefficients(nmax):
    """The coefficients of :func:`semi_normalized_legendre_table` up to degree nmax, computed once per call.

    Returns (a, b, sect, first): a[i], b[i] at i = n(n+1)/2 + m of the degree step
    x_n = a·t·x_{n-1} - b·x_{n-2}, sect[m] = sqrt((2m-1)/(2m)) and first[m] = sqrt(2m+1).
    Every point of a batch shares them: recomputing two square roots per entry and point
    cost more than the recursion itself.
    """
    size = (nmax + 1) * (nmax + 2) // 2
    a = np.zeros(size)
    b = np.zeros(size)
    sect = np.zeros(nmax + 1)
    first = np.zeros(nmax + 1)
    for m in range(0, nmax + 1):
        if m > 0:
            sect[m] = math.sqrt((2.0 * m - 1.0) / (2.0 * m))
        first[m] = math.sqrt(2.0 * m + 1.0)
        for n in range(m + 2, nmax + 1):
            i = n * (n + 1) // 2 + m
            a[i] = (2.0 * n - 1.0) / math.sqrt((n - m) * (n + m + 0.0))
            b[i] = math.sqrt((n - 1.0 - m) * (n - 1.0 + m) / ((n - m) * (n + m + 0.0)))
    return a, b, sect, first


@jit
def semi_normalized_legendre_table(nmax, t, u, s, q, ca, cb, sect_c, first_c):
    """q[n(n+1)/2 + m] = sqrt((n-m)!/(n+m)!) P_n^m(t), P without the Condon–Shortley phase, 0 ≤ m ≤ n ≤ nmax.

    ``u`` = 1 - t if t ≥ 0 else 1 + t, and ``s`` = sin β, are given separately (known accurately from
    the angle); a negative s continues the table to β outside [0, π] (odd m change sign).

    The sectoral start s^m underflows long before the column it starts does (at n = 5000, β = 0.3 the
    values up to m ≈ n sin β are O(n^-1/2) while 0.3^600 < 1e-308), so each column is recurred on
    values carried with a separate power 2^(-500 k) (Holmes & Featherstone 2002) and stored once
    representable; what stays below the float range is stored as 0.
    """
    q[0] = 1.0
    # sectoral mantissa and scale, advanced together with m
    sect = 1.0
    scale = 0
    for m in range(0, nmax + 1):
        if m > 0:
            sect *= s * sect_c[m]
            if sect != 0.0 and abs(sect) < _SMALL:
                sect *= _BIG
                scale += 1
        q[m * (m + 1) // 2 + m] = _unscale(sect, scale)
        if m == nmax:
            break
        # t·x is formed as x - u·x (t > 0) or u·x - x (t < 0) with u = 1 ∓ t given accurately: near the poles a
        # rounded t would move P_n by up to n²/2 ulps, an accurate u keeps that error near n·eps
        k = scale
        x0 = sect
        x1 = first_c[m] * (x0 - u * x0 if t >= 0.0 else u * x0 - x0)
        q[(m + 1) * (m + 2) // 2 + m] = _unscale(x1, k)
        for n in range(m + 2, nmax + 1):
            i = n * (n + 1) // 2 + m
            a = ca[i]
            b = cb[i]
            tx = x1 - u * x1 if t >= 0.0 else u * x1 - x1
            x2 = a * tx - b * x0
            x0 = x1
            x1 = x2
            if k > 0 and abs(x1) > _BIG:
                x0 *= _SMALL
                x1 *= _SMALL
                k -= 1
            q[i] = _unscale(x1, k)


@jit
def _dcoef(n, k):
    """d_n^k = sgn(k)/2 sqrt((n-k)(n+k+1)) with sgn(0) = +1 (the recursion's coefficient)."""
    v = 0.5 * math.sqrt((n - k) * (n + k + 1.0))
    return v if k >= 0 else -v


@jit
def wedge_coefficients(n, dc, fr):
    """The β-independent coefficients of :func:`wigner_h_wedge` at degree n, computed once per call, not per angle.

    dc[k + n + 1] = d_n^k for k = -n-1..n (length ≥ 2n+2); fr[0..2, m] the three square roots of the
    first-row step at m = 1..n ((3, ≥ n+1) array).
    """
    for k in range(-n - 1, n + 1):
        dc[k + n + 1] = _dcoef(n, k)
    for m in range(1, n + 1):
        fr[0, m] = math.sqrt((n + m + 1.0) * (n - m + 1.0))
        fr[1, m] = math.sqrt((n - m + 1.0) * (n - m + 2.0))
        fr[2, m] = math.sqrt((n + m + 1.0) * (n + m + 2.0))


@jit
def wedge_coefficient_tables(nmax):
    """:func:`wedge_coefficients` for every degree 0..nmax: dc (nmax+1, 2nmax+2), fr (nmax+1, 3, nmax+1)."""
    dc = np.zeros((nmax + 1, 2 * nmax + 2))
    fr = np.zeros((nmax + 1, 3, nmax + 1))
    for n in range(nmax + 1):
        wedge_coefficients(n, dc[n], fr[n])
    return dc, fr


@jit
def wigner_h_wedge(n, rows, c2, s2, sb, q, h, dc, fr):
    """Fill h[m'+rows, m+n] = H^{m'm}_n(β) on the wedge m ≥ |m'|, |m'| ≤ rows ≤ n.

    c2 = cos²(β/2), s2 = sin²(β/2), sb = sin β; ``q`` the semi-normalised
    Legendre table up to degree ≥ n+1 at cos β; h is (2·rows+1, 2n+1) (rows = n: the whole matrix);
    dc, fr the coefficients of :func:`wedge_coefficients` at degree n (shared by every angle).
    """
    if n == 0:
        h[0, 0] = 1.0
        return
    base0 = n * (n + 1) // 2
    base1 = (n + 1) * (n + 2) // 2
    for m in range(0, n + 1):
        h[rows, m + n] = q[base0 + m]
    if rows < 1:
        return
    inv = 1.0 / math.sqrt(n * (n + 1.0))
    for m in range(1, n + 1):
        value = fr[0, m] * sb * q[base1 + m]
        value += fr[1, m] * c2 * q[base1 + m - 1]
        value += fr[2, m] * s2 * q[base1 + m + 1]
        h[rows + 1, m + n] = -value * inv
    # rows m' = 2, ..., rows: H^{m'+1,m} = (d^{m'-1} H^{m'-1,m} - d^{m-1} H^{m',m-1} + d^m H^{m',m+1}) / d^{m'}
    for mp in range(1, min(rows, n)):
        dm1 = dc[mp + n]
        inv = 1.0 / dc[mp + n + 1]
        for m in range(mp + 1, n + 1):
            value = dm1 * h[mp - 1 + rows, m + n] - dc[m + n] * h[mp + rows, m - 1 + n]
            if m < n:
                value += dc[m + n + 1] * h[mp + rows, m + 1 + n]
            h[mp + 1 + rows, m + n] = value * inv
    # rows m' = -1, ..., -rows: H^{m'-1,m} = (d^{m'} H^{m'+1,m} + d^{m-1} H^{m',m-1} - d^m H^{m',m+1}) / d^{m'-1}
    for mp in range(0, -min(rows, n), -1):
        dmp = dc[mp + n + 1]
        inv = 1.0 / dc[mp + n]
        for m in range(1 - mp, n + 1):
            value = dmp * h[mp + 1 + rows, m + n] + dc[m + n] * h[mp + rows, m - 1 + n]
            if m < n:
                value -= dc[m + n + 1] * h[mp + rows, m + 1 + n]
            h[mp - 1 + rows, m + n] = value * inv


@jit
def _eps(k):
    return -1.0 if (k > 0 and k % 2 == 1) else 1.0


@jit
def fill_small_d_from_wedge(n, h, out):
    """out[m'+n, m+n] = d^n_{m'm} from the full wedge of H in ``h`` (h and out may be the same array)."""
    # first the other three wedges of H (each entry read from the wedge m ≥ |m'|), then the ε signs
    for mp in range(-n, n + 1):
        for m in range(-n, n + 1):
            if m >= abs(mp):
                continue
            if mp >= abs(m):
                out[mp + n, m + n] = h[m + n, mp + n]
            elif -m >= abs(mp):
                out[mp + n, m + n] = h[-mp + n, -m + n]
            else:
                out[mp + n, m + n] = h[-m + n, -mp + n]
    for mp in range(-n, n + 1):
        for m in range(-n, n + 1):
            if m >= abs(mp):
                value = h[mp + n, m + n]
            else:
                value = out[mp + n, m + n]
            out[mp + n, m + n] = _eps(mp) * _eps(-m) * value


@jit
def _half_angles(beta):
    return math.cos(0.5 * beta) ** 2, math.sin(0.5 * beta) ** 2, math.sin(beta), math.cos(beta)


@jit
def wigner_small_d_recursion(l, betas, out):
    """out[p, m'+l, m+l] = d^l_{m'm}(betas[p]) for integer l (out is (len(betas), 2l+1, 2l+1))."""
    q = np.empty((l + 2) * (l + 3) // 2)
    ca, cbb, cs, cf = legendre_coefficients(l + 1)
    dc = np.empty(2 * l + 2)
    fr = np.empty((3, l + 1))
    wedge_coefficients(l, dc, fr)
    for p in range(betas.shape[0]):
        c2, s2, sb, cb = _half_angles(betas[p])
        # a signed sin β continues the table to β outside [0, π] (odd m change sign), as d^l(β) does
        semi_normalized_legendre_table(l + 1, cb, 2.0 * (s2 if cb >= 0.0 else c2), sb, q, ca, cbb, cs, cf)
        h = out[p]
        wigner_h_wedge(l, l, c2, s2, sb, q, h, dc, fr)
        fill_small_d_from_wedge(l, h, h)


@jit
def _phases(l, angle, out):
    """out[k] = e^{-i(k-l)·angle} for k = 0..2l, by one complex exp per k (no recurrence drift)."""
    for k in range(2 * l + 1):
        out[k] = cmath.exp(-1j * (k - l) * angle)


@jit
def wigner_D_recursion(l, alphas, betas, gammas, out):
    """out[p, m'+l, m+l] = D^l_{m'm}(α_p, β_p, γ_p) = e^{-im'α} d^l_{m'm}(β) e^{-imγ}, integer l (complex out)."""
    n = 2 * l + 1
    q = np.empty((l + 2) * (l + 3) // 2)
    ca, cbb, cs, cf = legendre_coefficients(l + 1)
    dc = np.empty(2 * l + 2)
    fr = np.empty((3, l + 1))
    wedge_coefficients(l, dc, fr)
    h = np.empty((n, n))
    ea = np.empty(n, dtype=np.complex128)
    eg = np.empty(n, dtype=np.complex128)
    for p in range(betas.shape[0]):
        c2, s2, sb, cb = _half_angles(betas[p])
        semi_normalized_legendre_table(l + 1, cb, 2.0 * (s2 if cb >= 0.0 else c2), sb, q, ca, cbb, cs, cf)
        wigner_h_wedge(l, l, c2, s2, sb, q, h, dc, fr)
        fill_small_d_from_wedge(l, h, h)
        _phases(l, alphas[p], ea)
        _phases(l, gammas[p], eg)
        for i in range(n):
            for k in range(n):
                out[p, i, k] = ea[i] * h[i, k] * eg[k]


@jit
def wigner_D_all_recursion(lmax, alphas, betas, gammas, out):
    """out[p, off(l) + (m'+l)(2l+1) + m+l] = D^l_{m'm}(α_p, β_p, γ_p) for 0 ≤ l ≤ lmax, off(l) = Σ_{k<l} (2k+1)²."""
    q = np.empty((lmax + 2) * (lmax + 3) // 2)
    ca, cbb, cs, cf = legendre_coefficients(lmax + 1)
    dc, fr = wedge_coefficient_tables(lmax)
    h = np.empty((2 * lmax + 1, 2 * lmax + 1))
    ea = np.empty(2 * lmax + 1, dtype=np.complex128)
    eg = np.empty(2 * lmax + 1, dtype=np.complex128)
    for p in range(betas.shape[0]):
        c2, s2, sb, cb = _half_angles(betas[p])
        semi_normalized_legendre_table(lmax + 1, cb, 2.0 * (s2 if cb >= 0.0 else c2), sb, q, ca, cbb, cs, cf)
        _phases(lmax, alphas[p], ea)
        _phases(lmax, gammas[p], eg)
        offset = 0
        for n in range(lmax + 1):
            w = 2 * n + 1
            block = h[:w, :w]
            wigner_h_wedge(n, n, c2, s2, sb, q, block, dc[n], fr[n])
            fill_small_d_from_wedge(n, block, block)
            shift = lmax - n
            for i in range(w):
                for k in range(w):
                    out[p, offset + i * w + k] = ea[i + shift] * block[i, k] * eg[k + shift]
            offset += w * w


@jit
def _scaled(x, k):
    """(x, k) renormalised so that a representable mantissa carries the value x · 2^(-500 k), k ≥ 0."""
    while k > 0 and abs(x) > _BIG:
        x *= _SMALL
        k -= 1
    while x != 0.0 and abs(x) < _SMALL:
        x *= _BIG
        k += 1
    return x, k


@jit
def _spin_start(j, m, sign_mp, c, sn):
    """d^j_{m, ±j}(θ) as (mantissa, k) with value mantissa · 2^(-500 k); c = cos θ/2, sn = sin θ/2.

    d^j_{m,j} = sqrt(C(2j, j+m)) c^{j+m} sn^{j-m} and d^j_{m,-j} = (-1)^{m+j} sqrt(C(2j, j-m)) c^{j-m} sn^{j+m}
    (``sign_mp`` = +1 or -1 picks the column); the binomial enters as the product of sqrt((q+i)/i), i ≤ p.
    """
    if sign_mp > 0:
        p = j + m
        q = j - m
    else:
        p = j - m
        q = j + m
    x = 1.0
    k = 0
    for i in range(1, p + 1):
        x *= math.sqrt((q + i) / i) * c
        x, k = _scaled(x, k)
    for _ in range(q):
        x *= sn
        x, k = _scaled(x, k)
    if sign_mp < 0 and (m + j) % 2 == 1:
        x = -x
    return x, k


@jit
def spin_weighted_sph_harm_points(s, lmax, thetas, phis, out):
    """out[p, l*l + l + m] = ₛY_lm(θ_p, φ_p) = (-1)^s sqrt((2l+1)/4π) e^{imφ} d^l_{m,-s}(θ) (0 for l < |s|).

    Only the one column m' = -s of each d^l is needed, so each d^l_{m,-s} is advanced in the degree by
    the three-term recursion for fixed orders (Edmonds 1957, eq. 4.1.22 in Varshalovich et al.)

        l ρ_{l+1} d^{l+1} = (2l+1)(l(l+1) cos θ - m m') d^l - (l+1) ρ_l d^{l-1},
        ρ_l = sqrt((l² - m²)(l² - m'²)),

    started at l₀ = max(|m|, |s|) from the closed forms d^{l₀}_{±l₀, m'} and d^{|s|}_{m, ±|s|} (the
    degree-l₀ edge, a product advanced by one factor per degree).  Stable upwards like the Legendre
    recursion it contains (m = m' = 0); O(l) per degree and point, with every coefficient computed once
    per degree for all points.  cos θ · x is formed as ±(x - u·x), u = 2 sin²(θ/2) or 2 cos²(θ/2) taken
    from the half angle, as in :func:`semi_normalized_legendre_table`.  Values below the float range are
    carried as mantissa · 2^(-500 k) per order (the starts underflow near the poles long before their
    columns do) and flush to 0 if they never become representable.
    """
    a = abs(s)
    mp = -s
    sign_mp = 1 if mp >= 0 else -1
    npts = thetas.shape[0]
    width = 2 * lmax + 1
    x0 = np.zeros((npts, width))
    x1 = np.zeros((npts, width))
    kk = np.zeros((npts, width), dtype=np.int64)
    half_c = np.empty(npts)
    half_s = np.empty(npts)
    uu = np.empty(npts)
    positive = np.empty(npts, dtype=np.bool_)
    edge_hi = np.zeros(npts)  # d^l_{l, m'} and d^l_{-l, m'} as mantissa · 2^(-500 k)
    edge_lo = np.zeros(npts)
    k_hi = np.zeros(npts, dtype=np.int64)
    k_lo = np.zeros(npts, dtype=np.int64)
    ep = np.empty((npts, width), dtype=np.complex128)
    for p in range(npts):
        th = thetas[p]
        half_c[p] = math.cos(0.5 * th)
        half_s[p] = math.sin(0.5 * th)
        positive[p] = math.cos(th) >= 0.0
        uu[p] = 2.0 * half_s[p] ** 2 if positive[p] else 2.0 * half_c[p] ** 2
        for m in range(-lmax, lmax + 1):
            ep[p, m + lmax] = cmath.exp(1j * m * phis[p])
    alpha = np.zeros(width)
    gamma = np.zeros(width)
    beta = np.zeros(width)  # β = m m' / (n (n+1))
    sign_s = -1.0 if s % 2 else 1.0
    for l in range(lmax + 1):
        base = l * l + l
        if l < a:
            for p in range(npts):
                for m in range(-l, l + 1):
                    out[p, base + m] = 0.0
            continue
        norm = sign_s * math.sqrt((2.0 * l + 1.0) / (4.0 * math.pi))
        if l == a:
            for p in range(npts):
                for m in range(-a, a + 1):
                    x, k = _spin_start(a, m, sign_mp, half_c[p], half_s[p])
                    x1[p, m + lmax] = x
                    kk[p, m + lmax] = k
                edge_hi[p] = x1[p, a + lmax]
                k_hi[p] = kk[p, a + lmax]
                edge_lo[p] = x1[p, -a + lmax]
                k_lo[p] = kk[p, -a + lmax]
        else:
            n = l - 1
            # coefficients of the step n -> l for the orders already started, |m| <= n
            for m in range(-n, n + 1):
                rho1 = math.sqrt(((n + 1.0) ** 2 - m * m) * ((n + 1.0) ** 2 - mp * mp))
                if n == 0:
                    alpha[m + lmax] = 1.0
                    gamma[m + lmax] = 0.0
                    beta[m + lmax] = 0.0
                    continue
                rho0 = math.sqrt((n * n - m * m + 0.0) * (n * n - mp * mp + 0.0))
                alpha[m + lmax] = (2.0 * n + 1.0) * (n + 1.0) / rho1
                gamma[m + lmax] = (n + 1.0) * rho0 / (n * rho1)
                beta[m + lmax] = (m * mp + 0.0) / (n * (n + 1.0))
            grow = math.sqrt((2.0 * l) * (2.0 * l - 1.0) / ((l + mp + 0.0) * (l - mp + 0.0)))
            for p in range(npts):
                u = uu[p]
                pos = positive[p]
                for i in range(lmax - n, lmax + n + 1):
                    y = x1[p, i]
                    # (cos θ - β) y with cos θ · y = ±(y - u·y), u accurate from the half angle: no rounded
                    # cos θ or 1 ± β enters (near a pole either would move d^l by up to l² ulps)
                    wy = ((y - u * y) if pos else (u * y - y)) - beta[i] * y
                    z = alpha[i] * wy - gamma[i] * x0[p, i]
                    x0[p, i] = y
                    if kk[p, i] > 0 and abs(z) > _BIG:
                        z *= _SMALL
                        x0[p, i] = y * _SMALL
                        kk[p, i] -= 1
                    x1[p, i] = z
                cs = half_c[p] * half_s[p]
                hi, khi = _scaled(-edge_hi[p] * (grow * cs), k_hi[p])
                lo, klo = _scaled(edge_lo[p] * (grow * cs), k_lo[p])
                edge_hi[p] = hi
                k_hi[p] = khi
                edge_lo[p] = lo
                k_lo[p] = klo
                x1[p, l + lmax] = hi
                kk[p, l + lmax] = khi
                x0[p, l + lmax] = 0.0
                x1[p, -l + lmax] = lo
                kk[p, -l + lmax] = klo
                x0[p, -l + lmax] = 0.0
        for p in range(npts):
            for m in range(-l, l + 1):
                i = m + lmax
                out[p, base + m] = (norm * _unscale(x1[p, i], kk[p, i])) * ep[p, i]
