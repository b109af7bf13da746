"""Numba kernels for the float Clebsch-Gordan / 3j evaluators in :mod:`mathref.algebra.angular.coupling_float`.

Kernels take doubled labels (``2j``, ``2m`` as int64) and contiguous arrays,
validate nothing, and run unchanged as plain Python (``kernel.py_func`` or
``NUMBA_DISABLE_JIT=1``).

Two kinds of arithmetic meet here:

* **exact big integers** for Racah's alternating sum.  Numbers are little-endian
  arrays of 30-bit limbs in int64, so a limb times a multiplier below 2**32 plus
  a carry never leaves int64 (signed arithmetic keeps Numba from mixing uint64
  and int64 into floats);
* **exponent-scaled double-double** numbers ``(hi + lo) * 2**e`` (about 106
  significant bits, unbounded exponent) for the factorial prefactor, using
  Dekker's error-free product (no fused multiply-add needed).

Names: ``big_*`` act on limb arrays, ``dd_*`` on double-double pairs.

:func:`three_j_sum_range` (the terms of Racah's 3j sum) is plain integer
arithmetic shared with the exact path of :mod:`mathref.algebra.angular.coupling`,
which calls its pure-Python twin on Python ints.
"""

from __future__ import annotations

import math

import numpy as np

from mathref.jit import jit

__all__ = [
    "LIMB_BITS",
    "three_j_sum_range",
    "factorial_dd_table",
    "three_j_scaled",
    "three_j_scaled_given_triangle",
    "triangle_part",
    "racah_sum_limb_bound",
    "wigner_3j_batch",
    "clebsch_gordan_batch",
    "wigner_3j_single",
    "clebsch_gordan_single",
    "wigner_3j_dense",
    "clebsch_gordan_dense",
    "big_mul_small",
    "big_to_dd",
    "big_horner_step",
    "dd_mul",
    "dd_div",
    "dd_sqrt",
]

LIMB_BITS = 30
_LIMB_MASK = (1 << LIMB_BITS) - 1
_LIMB_BASE_F = float(1 << LIMB_BITS)
_SPLITTER = 134217729.0  # 2**27 + 1, Dekker's splitting constant for binary64
_SMALL = 1 << 32  # largest multiplier allowed in one big_mul_small call


# ---------------------------------------------------------------- double-double
@jit
def dd_two_sum(a, b):
    """Error-free sum: ``a + b == s + e`` exactly."""
    s = a + b
    bb = s - a
    e = (a - (s - bb)) + (b - bb)
    return s, e


@jit
def dd_two_prod(a, b):
    """Error-free product by Dekker's splitting: ``a * b == p + e`` exactly."""
    p = a * b
    t = _SPLITTER * a
    ah = t - (t - a)
    al = a - ah
    t = _SPLITTER * b
    bh = t - (t - b)
    bl = b - bh
    e = ((ah * bh - p) + ah * bl + al * bh) + al * bl
    return p, e


@jit
def dd_mul(ah, al, bh, bl):
    """Double-double product, relative error about 2**-104."""
    p, e = dd_two_prod(ah, bh)
    e += ah * bl + al * bh
    h = p + e
    return h, e - (h - p)


@jit
def dd_div(ah, al, bh, bl):
    """Double-double quotient (one correction step), relative error about 2**-103."""
    q1 = ah / bh
    p, e = dd_two_prod(q1, bh)
    r = ((ah - p) - e) + al - q1 * bl
    q2 = r / bh
    h = q1 + q2
    return h, q2 - (h - q1)


@jit
def dd_sqrt(ah, al):
    """Double-double square root of a positive double-double (one Newton step)."""
    s = math.sqrt(ah)
    p, e = dd_two_prod(s, s)
    r = (((ah - p) - e) + al) / (2.0 * s)
    h = s + r
    return h, r - (h - s)


@jit
def dd_normalize(h, l, e):
    """Rescale ``(h + l) * 2**e`` so that ``0.5 <= |h| < 1``; exact (powers of two)."""
    if h == 0.0:
        return 0.0, 0.0, 0
    m, k = math.frexp(h)
    return m, math.ldexp(l, -k), e + k


@jit
def factorial_dd_table(nmax, hi, lo, ex):
    """Fill ``n! = (hi[n] + lo[n]) * 2**ex[n]`` for ``n = 0..nmax`` (``0.5 <= hi < 1``).

    Built by repeated double-double multiplication; after n steps the relative
    error is below ``n * 2**-104`` (about 1e-27 for n = 30000).
    """
    h, l, e = 0.5, 0.0, 1
    hi[0] = h
    lo[0] = l
    ex[0] = e
    for n in range(1, nmax + 1):
        h, l = dd_mul(h, l, float(n), 0.0)
        h, l, e = dd_normalize(h, l, e)
        hi[n] = h
        lo[n] = l
        ex[n] = e


# ---------------------------------------------------------------- big integers
@jit
def big_mul_small(x, n, c):
    """``x *= c`` in place for ``0 <= c < 2**32``; returns the new limb count."""
    carry = 0
    for i in range(n):
        t = x[i] * c + carry
        x[i] = t & _LIMB_MASK
        carry = t >> LIMB_BITS
    while carry:
        x[n] = carry & _LIMB_MASK
        carry >>= LIMB_BITS
        n += 1
    return n


@jit
def big_mul_three(x, n, f1, f2, f3):
    """``x *= f1 * f2 * f3`` for factors ``0 < f < 2**31``, in as few passes as fit."""
    c = f1 * f2
    if c < _SMALL:
        if c * f3 < _SMALL:
            return big_mul_small(x, n, c * f3)
        n = big_mul_small(x, n, c)
        return big_mul_small(x, n, f3)
    n = big_mul_small(x, n, f1)
    n = big_mul_small(x, n, f2)
    return big_mul_small(x, n, f3)


@jit
def big_compare(x, nx, y, ny):
    """Sign of ``x - y`` for normalised magnitudes (no leading zero limbs)."""
    if nx != ny:
        return 1 if nx > ny else -1
    for i in range(nx - 1, -1, -1):
        if x[i] != y[i]:
            return 1 if x[i] > y[i] else -1
    return 0


@jit
def big_add_into(x, nx, y, ny):
    """``x += y``; returns the new limb count of x."""
    n = nx if nx > ny else ny
    for i in range(nx, n):
        x[i] = 0
    carry = 0
    for i in range(n):
        t = x[i] + carry
        if i < ny:
            t += y[i]
        x[i] = t & _LIMB_MASK
        carry = t >> LIMB_BITS
    if carry:
        x[n] = carry
        n += 1
    return n


@jit
def big_sub_into(x, nx, y, ny, y_minus_x):
    """``x = x - y`` (or ``y - x`` when ``y_minus_x``), the result known to be >= 0."""
    n = nx if nx > ny else ny
    for i in range(nx, n):
        x[i] = 0
    borrow = 0
    for i in range(n):
        yi = y[i] if i < ny else 0
        if y_minus_x:
            t = yi - x[i] - borrow
        else:
            t = x[i] - yi - borrow
        if t < 0:
            t += 1 << LIMB_BITS
            borrow = 1
        else:
            borrow = 0
        x[i] = t
    while n > 0 and x[n - 1] == 0:
        n -= 1
    return n


@jit
def big_q_minus_p(num, nn, sign_p, den, nd):
    """``P <- Q - P`` in place for the signed magnitude ``(num, sign_p)`` and ``Q`` in ``den``.

    The slow branch of a Horner step, after both sides were multiplied by their
    factors; returns the new ``(nn, sign_p)``, with ``sign_p == 0`` when ``P`` became zero.
    """
    if sign_p < 0:
        return big_add_into(num, nn, den, nd), 1
    cmp = big_compare(num, nn, den, nd)
    if cmp == 0:
        return 0, 0
    if cmp < 0:
        return big_sub_into(num, nn, den, nd, True), 1
    return big_sub_into(num, nn, den, nd, False), -1


@jit
def big_horner_step(num, nn, sign_p, den, nd, a, b):
    """One Horner step ``Q <- b Q``, ``P <- b Q - a P`` in a single pass over the limbs.

    ``num`` holds ``|P|`` with sign ``sign_p`` (+1 or -1), ``den`` holds ``Q``;
    requires ``0 < a, b < 2**32``.  Returns the new ``(nn, sign_p, nd)``, with
    ``sign_p == 0`` when ``P`` became zero.  A negative difference is detected by
    the final borrow and turned back into a magnitude by two's complement.
    """
    size = nn if nn > nd else nd
    cq = 0
    cp = 0
    cs = 0  # carry (addition) or borrow (subtraction) of the combined limb
    i = 0
    while i < size or cq != 0 or cp != 0:
        q = den[i] if i < nd else 0
        p = num[i] if i < nn else 0
        tq = q * b + cq
        lq = tq & _LIMB_MASK
        cq = tq >> LIMB_BITS
        tp = p * a + cp
        lp = tp & _LIMB_MASK
        cp = tp >> LIMB_BITS
        den[i] = lq
        if sign_p > 0:
            t = lq - lp - cs
            if t < 0:
                t += 1 << LIMB_BITS
                cs = 1
            else:
                cs = 0
        else:
            t = lq + lp + cs
            cs = t >> LIMB_BITS
            t &= _LIMB_MASK
        num[i] = t
        i += 1
    nd = i
    if sign_p < 0 and cs != 0:
        num[i] = cs
        i += 1
    while nd > 0 and den[nd - 1] == 0:
        nd -= 1
    n = i
    if sign_p > 0 and cs != 0:
        # b Q < a P: the limbs hold 2**(30 n) - (a P - b Q); negate in place
        carry = 1
        for k in range(n):
            t = (_LIMB_MASK - num[k]) + carry
            num[k] = t & _LIMB_MASK
            carry = t >> LIMB_BITS
        sign_p = -1
    else:
        sign_p = 1
    while n > 0 and num[n - 1] == 0:
        n -= 1
    if n == 0:
        sign_p = 0
    return n, sign_p, nd


@jit
def big_to_dd(x, n):
    """Leading bits of a magnitude as ``(h, l, e)`` with ``x ~ (h + l) * 2**e``.

    Keeps the top four limbs (at least 91 bits), so the relative truncation
    error is below 2**-90.
    """
    h = 0.0
    l = 0.0
    stop = n - 4 if n > 4 else 0
    for i in range(n - 1, stop - 1, -1):
        h *= _LIMB_BASE_F
        l *= _LIMB_BASE_F
        s, e = dd_two_sum(h, float(x[i]))
        e += l
        h = s + e
        l = e - (h - s)
    return dd_normalize(h, l, LIMB_BITS * stop)


@jit
def racah_sum_limb_bound(kmin, kmax, jsum):
    """Limbs enough for the Horner numerator and denominator of a Racah sum.

    Every Horner multiplier is a product of three factors at most ``jsum + 1``;
    the numerator adds at most one bit per step on top of the denominator.
    """
    steps = kmax - kmin
    bits = steps * (3.0 * math.log2(jsum + 2.0) + 1.0) + 4.0
    return int(bits / LIMB_BITS) + 3


# ---------------------------------------------------------------- 3j core
@jit
def three_j_sum_range(tj1, tj2, tj3, tm1, tm2):
    """The factorial arguments and summation bounds of Racah's 3j sum, from doubled labels.

    Returns ``(c1, c2, d1, d2, d3, kmin, kmax)`` for
    ``sum_{k=kmin}^{kmax} (-1)**k / (k! (c1+k)! (c2+k)! (d1-k)! (d2-k)! (d3-k)!)``
    with ``c1 = j3 - j2 + m1``, ``c2 = j3 - j1 - m2``, ``d1 = j1 + j2 - j3``,
    ``d2 = j1 - m1``, ``d3 = j2 + m2``, ``kmin = max(0, -c1, -c2)`` and
    ``kmax = min(d1, d2, d3)`` (Edmonds 1957, eq. 3.7.3); the sum is empty when
    ``kmin > kmax``.  Integer arithmetic only, so the exact path of
    :mod:`~mathref.algebra.angular.coupling` runs the pure-Python twin on
    Python ints.  A plain tuple rather than a NamedTuple: building one in
    Python would add a tenth to the cost of an exact 3j symbol.
    """
    c1 = (tj3 - tj2 + tm1) // 2
    c2 = (tj3 - tj1 - tm2) // 2
    d1 = (tj1 + tj2 - tj3) // 2
    d2 = (tj1 - tm1) // 2
    d3 = (tj2 + tm2) // 2
    return c1, c2, d1, d2, d3, max(0, -c1, -c2), min(d1, d2, d3)


@jit
def dd_product6(fhi, flo, fex, n1, n2, n3, n4, n5, n6):
    """``n1! n2! ... n6!`` as an unnormalised scaled double-double, multiplied as a tree.

    The tree (depth 3 instead of a chain of 5) lets the independent products
    overlap in the CPU pipeline; no rescaling is needed since six mantissas in
    [0.5, 1) cannot underflow.
    """
    ah, al = dd_mul(fhi[n1], flo[n1], fhi[n2], flo[n2])
    bh, bl = dd_mul(fhi[n3], flo[n3], fhi[n4], flo[n4])
    ch, cl = dd_mul(fhi[n5], flo[n5], fhi[n6], flo[n6])
    ah, al = dd_mul(ah, al, bh, bl)
    ah, al = dd_mul(ah, al, ch, cl)
    return ah, al, fex[n1] + fex[n2] + fex[n3] + fex[n4] + fex[n5] + fex[n6]


@jit
def triangle_part(tj1, tj2, tj3, extra, fhi, flo, fex):
    """``extra * Delta(j1 j2 j3)`` as a normalised scaled double-double, where
    ``Delta = (j1+j2-j3)! (j1-j2+j3)! (-j1+j2+j3)! / (j1+j2+j3+1)!``."""
    n1 = (tj1 + tj2 - tj3) // 2
    n2 = (tj1 - tj2 + tj3) // 2
    n3 = (tj2 + tj3 - tj1) // 2
    n4 = (tj1 + tj2 + tj3) // 2 + 1
    ah, al = dd_mul(fhi[n1], flo[n1], fhi[n2], flo[n2])
    ef, extra_e = math.frexp(float(extra))  # extra < 2**53 is exact
    bh, bl = dd_mul(fhi[n3], flo[n3], ef, 0.0)
    ah, al = dd_mul(ah, al, bh, bl)
    ah, al = dd_div(ah, al, fhi[n4], flo[n4])
    return dd_normalize(ah, al, fex[n1] + fex[n2] + fex[n3] + extra_e - fex[n4])


@jit
def three_j_scaled(tj1, tj2, tj3, tm1, tm2, tm3, extra, fhi, flo, fex, num, den):
    """3j symbol times ``sqrt(extra)`` as ``(mantissa, exponent)``: value = mantissa * 2**exponent.

    Labels are doubled; selection rules are checked here (zero gives ``(0.0, 0)``),
    parity is not.  ``num`` and ``den`` are int64 work arrays of at least
    :func:`racah_sum_limb_bound` limbs; the factorial table must reach
    ``(tj1 + tj2 + tj3) / 2 + 1``.  See :func:`three_j_scaled_given_triangle`.
    """
    if tm1 + tm2 + tm3 != 0:
        return 0.0, 0
    if abs(tm1) > tj1 or abs(tm2) > tj2 or abs(tm3) > tj3:
        return 0.0, 0
    if tj3 < abs(tj1 - tj2) or tj3 > tj1 + tj2 or (tj1 + tj2 + tj3) % 2 != 0:
        return 0.0, 0
    th, tl, te = triangle_part(tj1, tj2, tj3, extra, fhi, flo, fex)
    return three_j_scaled_given_triangle(tj1, tj2, tj3, tm1, tm2, tm3, th, tl, te, fhi, flo, fex, num, den)


@jit
def three_j_scaled_given_triangle(tj1, tj2, tj3, tm1, tm2, tm3, th, tl, te, fhi, flo, fex, num, den):
    """The 3j core for labels already known to obey every selection rule.

    ``(th + tl) * 2**te`` is :func:`triangle_part` of ``(j1, j2, j3)``, shared by
    all entries of a table.  Racah's sum
    ``sum_k (-1)**k / (k! (c1+k)! (c2+k)! (d1-k)! (d2-k)! (d3-k)!)`` is
    evaluated exactly, in Horner form on the ratio of consecutive terms with
    big-integer numerator and denominator; everything else is a product of
    tabulated factorials in exponent-scaled double-double.  The mantissa is
    the double nearest to the double-double result, ``0.5 <= |mantissa| < 1``.
    """
    c1, c2, d1, d2, d3, kmin, kmax = three_j_sum_range(tj1, tj2, tj3, tm1, tm2)

    # exact Horner: x = 1 - (a_k / b_k) x from k = kmax-1 down to kmin, x = P / Q
    num[0] = 1
    den[0] = 1
    nn = 1
    nd = 1
    sign_p = 1
    for k in range(kmax - 1, kmin - 1, -1):
        if sign_p != 0:
            fa = (d1 - k) * (d2 - k) * (d3 - k)
            fb = (k + 1) * (c1 + k + 1) * (c2 + k + 1)
            if fa < _SMALL and fb < _SMALL:
                nn, sign_p, nd = big_horner_step(num, nn, sign_p, den, nd, fa, fb)
                continue
        nd = big_mul_three(den, nd, k + 1, c1 + k + 1, c2 + k + 1)
        if sign_p == 0:
            for i in range(nd):
                num[i] = den[i]
            nn = nd
            sign_p = 1
            continue
        nn = big_mul_three(num, nn, d1 - k, d2 - k, d3 - k)
        nn, sign_p = big_q_minus_p(num, nn, sign_p, den, nd)
    if sign_p == 0:
        return 0.0, 0  # a non-trivial (structural) zero of the 3j symbol

    # prefactor squared: triangle part * prod (j +- m)! / (first term's denominator)**2
    ph, pl, pe = dd_product6(
        fhi, flo, fex,
        (tj1 + tm1) // 2, (tj1 - tm1) // 2, (tj2 + tm2) // 2, (tj2 - tm2) // 2, (tj3 + tm3) // 2, (tj3 - tm3) // 2,
    )
    qh, ql, qe = dd_product6(fhi, flo, fex, kmin, c1 + kmin, c2 + kmin, d1 - kmin, d2 - kmin, d3 - kmin)
    ph, pl = dd_mul(ph, pl, th, tl)
    qh, ql = dd_mul(qh, ql, qh, ql)
    xh, xl = dd_div(ph, pl, qh, ql)
    xh, xl, xe = dd_normalize(xh, xl, pe + te - 2 * qe)
    if xe % 2 != 0:
        xh *= 2.0
        xl *= 2.0
        xe -= 1
    rh, rl = dd_sqrt(xh, xl)
    re = xe // 2

    # times the Horner ratio P / Q
    if kmax > kmin:
        a_h, a_l, a_e = big_to_dd(num, nn)
        b_h, b_l, b_e = big_to_dd(den, nd)
        s_h, s_l = dd_div(a_h, a_l, b_h, b_l)
        rh, rl = dd_mul(rh, rl, s_h, s_l)
        re += a_e - b_e
    rh, rl, re = dd_normalize(rh, rl, re)

    negative = sign_p < 0
    if ((tj1 - tj2 - tm3) // 2 + kmin) % 2 != 0:
        negative = not negative
    # rh is already the double nearest to rh + rl (dd results are normalised sums)
    return (-rh if negative else rh), re


@jit
def scaled_to_float(mantissa, exponent):
    """``mantissa * 2**exponent`` as a float; results below the subnormal range become a signed zero."""
    if mantissa == 0.0:
        return 0.0
    if exponent < -1100:
        return 0.0 * mantissa
    return math.ldexp(mantissa, int(exponent))


# ---------------------------------------------------------------- batched drivers
@jit
def _three_j_work_size(tj1, tj2, tj3, tm1, tm2, tm3):
    """Limbs needed by :func:`three_j_scaled` for these labels (1 when no sum is needed)."""
    c1, c2, d1, d2, d3, kmin, kmax = three_j_sum_range(tj1, tj2, tj3, tm1, tm2)
    if kmax <= kmin:
        return 1
    return racah_sum_limb_bound(kmin, kmax, (tj1 + tj2 + tj3) // 2)


@jit
def wigner_3j_batch(tj1, tj2, tj3, tm1, tm2, tm3, fhi, flo, fex, out):
    """``out[i] = 3j(tj1[i]/2, ..., tm3[i]/2)`` for flat int64 label arrays."""
    size = 8
    num = np.zeros(size, np.int64)
    den = np.zeros(size, np.int64)
    for i in range(out.shape[0]):
        need = _three_j_work_size(tj1[i], tj2[i], tj3[i], tm1[i], tm2[i], tm3[i])
        if need > size:
            size = 2 * need
            num = np.zeros(size, np.int64)
            den = np.zeros(size, np.int64)
        m, e = three_j_scaled(tj1[i], tj2[i], tj3[i], tm1[i], tm2[i], tm3[i], 1, fhi, flo, fex, num, den)
        out[i] = scaled_to_float(m, e)


@jit
def clebsch_gordan_batch(tj1, tm1, tj2, tm2, tj, tm, fhi, flo, fex, out):
    """``out[i] = <j1 m1 j2 m2 | j m>`` for flat int64 arrays of doubled labels."""
    size = 8
    num = np.zeros(size, np.int64)
    den = np.zeros(size, np.int64)
    for i in range(out.shape[0]):
        if tm1[i] + tm2[i] != tm[i]:
            out[i] = 0.0
            continue
        need = _three_j_work_size(tj1[i], tj2[i], tj[i], tm1[i], tm2[i], -tm[i])
        if need > size:
            size = 2 * need
            num = np.zeros(size, np.int64)
            den = np.zeros(size, np.int64)
        m, e = three_j_scaled(tj1[i], tj2[i], tj[i], tm1[i], tm2[i], -tm[i], tj[i] + 1, fhi, flo, fex, num, den)
        if ((tj1[i] - tj2[i] + tm[i]) // 2) % 2 != 0:
            m = -m
        out[i] = scaled_to_float(m, e)


@jit
def wigner_3j_dense(tj1, tj2, tj3, fhi, flo, fex, out):
    """Fill ``out[j1+m1, j2+m2, j3+m3]`` (shape ``(tj1+1, tj2+1, tj3+1)``, zeroed) with 3j symbols."""
    if tj3 < abs(tj1 - tj2) or tj3 > tj1 + tj2 or (tj1 + tj2 + tj3) % 2 != 0:
        return
    size = racah_sum_limb_bound(0, (tj1 + tj2 + tj3) // 2 + 1, (tj1 + tj2 + tj3) // 2)
    th, tl, te = triangle_part(tj1, tj2, tj3, 1, fhi, flo, fex)
    num = np.zeros(size, np.int64)
    den = np.zeros(size, np.int64)
    for a in range(tj1 + 1):
        tm1 = 2 * a - tj1
        for b in range(tj2 + 1):
            tm2 = 2 * b - tj2
            tm3 = -tm1 - tm2
            if abs(tm3) > tj3:
                continue
            m, e = three_j_scaled_given_triangle(tj1, tj2, tj3, tm1, tm2, tm3, th, tl, te, fhi, flo, fex, num, den)
            out[a, b, (tm3 + tj3) // 2] = scaled_to_float(m, e)


@jit
def clebsch_gordan_dense(tj1, tj2, tj, fhi, flo, fex, out):
    """Fill ``out[j1+m1, j2+m2, j+m]`` (shape ``(tj1+1, tj2+1, tj+1)``, zeroed) with CG coefficients."""
    if tj < abs(tj1 - tj2) or tj > tj1 + tj2 or (tj1 + tj2 + tj) % 2 != 0:
        return
    size = racah_sum_limb_bound(0, (tj1 + tj2 + tj) // 2 + 1, (tj1 + tj2 + tj) // 2)
    th, tl, te = triangle_part(tj1, tj2, tj, tj + 1, fhi, flo, fex)
    num = np.zeros(size, np.int64)
    den = np.zeros(size, np.int64)
    for a in range(tj1 + 1):
        tm1 = 2 * a - tj1
        for b in range(tj2 + 1):
            tm2 = 2 * b - tj2
            tm = tm1 + tm2
            if abs(tm) > tj:
                continue
            m, e = three_j_scaled_given_triangle(tj1, tj2, tj, tm1, tm2, -tm, th, tl, te, fhi, flo, fex, num, den)
            if ((tj1 - tj2 + tm) // 2) % 2 != 0:
                m = -m
            out[a, b, (tm + tj) // 2] = scaled_to_float(m, e)


@jit
def wigner_3j_single(tj1, tj2, tj3, tm1, tm2, tm3, fhi, flo, fex):
    """One 3j symbol from doubled labels, as a float."""
    size = _three_j_work_size(tj1, tj2, tj3, tm1, tm2, tm3)
    num = np.zeros(size, np.int64)
    den = np.zeros(size, np.int64)
    m, e = three_j_scaled(tj1, tj2, tj3, tm1, tm2, tm3, 1, fhi, flo, fex, num, den)
    return scaled_to_float(m, e)


@jit
def clebsch_gordan_single(tj1, tm1, tj2, tm2, tj, tm, fhi, flo, fex):
    """One Clebsch-Gordan coefficient from doubled labels, as a float."""
    if tm1 + tm2 != tm:
        return 0.0
    size = _three_j_work_size(tj1, tj2, tj, tm1, tm2, -tm)
    num = np.zeros(size, np.int64)
    den = np.zeros(size, np.int64)
    m, e = three_j_scaled(tj1, tj2, tj, tm1, tm2, -tm, tj + 1, fhi, flo, fex, num, den)
    if ((tj1 - tj2 + tm) // 2) % 2 != 0:
        m = -m
    return scaled_to_float(m, e)
