"""Numba kernels for the float 6j and 9j evaluators in :mod:`mathref.algebra.angular.recoupling_float`.

Kernels take doubled labels (``2j`` as int64) and contiguous arrays, validate
nothing, and run unchanged as plain Python (``kernel.py_func`` or
``NUMBA_DISABLE_JIT=1``).  They reuse the limb big integers and the
exponent-scaled double-double numbers of :mod:`._coupling_kernels`:

* a 6j symbol is ``sqrt(prefactor) * P / Q`` where ``P / Q`` is Racah's
  alternating sum with its first term factored out, evaluated **exactly** on
  limb big integers (so its sign and its zeros are exact), and the prefactor
  is a product and quotient of tabulated factorials in double-double;
* a 9j symbol is the sum over ``x`` of ``(2x+1)`` times three 6j symbols
  (Edmonds 1957, eq. 6.4.3), factored as three Racah sums (:func:`racah_scaled`)
  times the three triangle coefficients that hold ``x`` (they appear squared),
  with the square root of the six fixed triangle coefficients taken once
  (half the double-double work of three full 6j symbols per term).  Each term
  is formed in double-double with a relative error below
  :func:`nine_j_term_rel_error` (about ``2**-80`` even at ``j = 10000``); the
  terms are summed in double-double, and the kernel returns,
  next to the sum, a rigorous bound on its error.  The Python driver accepts
  the result only when that bound certifies the double it rounds to (the
  ``certified`` flags of :func:`nine_j_batch`); otherwise it falls back to the
  exact value.

For small labels (every Racah sum and triangle number an integer below
``2**53``) :func:`six_j_small` and :func:`nine_j_small` work on exact integers
held in doubles instead, with :func:`nine_j_small_zero` proving accidental 9j
zeros by modular arithmetic.  The entry kernels ``six_j_single`` /
``six_j_batch`` / ``nine_j_single`` / ``nine_j_batch`` run only that path (so a
small call compiles no limb arithmetic) and report the symbols it cannot take;
``*_general`` run the limb / scaled double-double path.

Names: ``six_j_*`` and ``nine_j_*`` act on one symbol; ``*_batch`` loop over
flat label arrays.
"""

from __future__ import annotations

import math

import numpy as np

from mathref.jit import jit

from ._coupling_kernels import (
    LIMB_BITS,
    big_horner_step,
    big_mul_small,
    big_q_minus_p,
    big_to_dd,
    dd_div,
    dd_mul,
    dd_normalize,
    dd_product6,
    dd_sqrt,
    dd_two_prod,
    dd_two_sum,
    scaled_to_float,
)

__all__ = [
    "six_j_rel_error",
    "nine_j_term_rel_error",
    "racah_rel_error",
    "racah_horner",
    "racah_scaled",
    "six_j_limb_bound",
    "six_j_limb_bound_for",
    "six_j_scaled",
    "six_j_batch",
    "six_j_batch_general",
    "six_j_single",
    "six_j_single_general",
    "nine_j_scaled",
    "nine_j_batch",
    "nine_j_batch_general",
    "nine_j_single",
    "nine_j_single_general",
    "certify_nine_j",
    "nine_j_symmetry_zero",
    "racah_exact",
    "triangle_number",
    "six_j_small",
    "nine_j_small",
    "nine_j_small_zero",
    "ZERO_TEST_PRIMES",
]

_SMALL = 1 << 32
# the permutations of (0, 1, 2) with their parity (1 = odd)
_PERM3 = ((0, 1, 2, 0), (1, 2, 0, 0), (2, 0, 1, 0), (0, 2, 1, 1), (2, 1, 0, 1), (1, 0, 2, 1))


@jit
def six_j_rel_error(nmax):
    """Bound on the relative error of :func:`six_j_scaled` before its final rounding.

    ``nmax`` is the largest factorial argument.  Each tabulated ``n!`` carries
    a relative error below ``n * 2**-104`` (``factorial_dd_table``) and 25
    enter the squared prefactor (the square root halves that, not counted);
    about 40 double-double operations add ``2**-103`` each, and the two reads
    of leading limbs of the Horner numerator and denominator ``2**-90`` each.
    """
    return (25.0 * nmax + 80.0) * 2.0**-104 + 2.0**-88


@jit
def six_j_limb_bound_for(tmax):
    """Limbs enough for the Horner sum of any 6j symbol whose doubled labels are ``<= tmax``.

    The sum has at most ``tmax / 2 + 1`` terms (every ``beta_j - alpha_i`` is at
    most ``tmax / 2``), so ``tmax`` Horner steps is a safe count, and each
    multiplier is four factors of at most ``2 tmax + 2``.
    """
    bits = tmax * (4.0 * math.log2(2.0 * tmax + 4.0) + 1.0) + 4.0
    return int(bits / LIMB_BITS) + 3


@jit
def is_triad(ta, tb, tc):
    """Triangle rule with an integer sum, on doubled labels."""
    return abs(ta - tb) <= tc <= ta + tb and (ta + tb + tc) % 2 == 0


@jit
def six_j_limb_bound(ta, tb, tc, td, te, tf):
    """Limbs enough for the Horner numerator and denominator of the 6j Racah sum."""
    b1 = (ta + tb + td + te) // 2
    k_lo = max((ta + tb + tc) // 2, (ta + te + tf) // 2, (td + tb + tf) // 2, (td + te + tc) // 2)
    k_hi = min(b1, (ta + tc + td + tf) // 2, (tb + tc + te + tf) // 2)
    steps = k_hi - k_lo
    if steps < 0:
        steps = 0
    top = max(b1, (ta + tc + td + tf) // 2, (tb + tc + te + tf) // 2) + 2
    bits = steps * (4.0 * math.log2(top + 2.0) + 1.0) + 4.0
    return int(bits / LIMB_BITS) + 3


@jit
def _mul_factors4(x, n, f1, f2, f3, f4):
    """``x *= f1 f2 f3 f4`` for factors ``0 < f < 2**31``, in as few passes as fit below 2**32."""
    c = f1 * f2
    if c < _SMALL:
        d = c * f3
        if d < _SMALL:
            e = d * f4
            if e < _SMALL:
                return big_mul_small(x, n, e)
            n = big_mul_small(x, n, d)
            return big_mul_small(x, n, f4)
        n = big_mul_small(x, n, c)
        n = big_mul_small(x, n, f3)
        return big_mul_small(x, n, f4)
    n = big_mul_small(x, n, f1)
    n = big_mul_small(x, n, f2)
    n = big_mul_small(x, n, f3)
    return big_mul_small(x, n, f4)


@jit
def racah_horner(a1, a2, a3, a4, b1, b2, b3, kmin, kmax, num, den):
    """Racah's alternating 6j sum divided by its first term, exactly, as ``P / Q`` on limb big integers.

    ``alpha = (a1..a4)`` and ``beta = (b1..b3)`` are the triad and four-label sums,
    ``kmin = max(alpha) <= kmax = min(beta)``.  Returns ``(nn, nd, sign)``: ``P``
    in ``num[:nn]`` with sign ``sign`` (0 for an exact zero), ``Q > 0`` in ``den[:nd]``.
    """
    # exact Horner on the term ratio: x = 1 - (A_k / B_k) x from k = kmax-1 down to kmin
    num[0] = 1
    den[0] = 1
    nn = 1
    nd = 1
    sign_p = 1
    for k in range(kmax - 1, kmin - 1, -1):
        fa1 = k + 2
        fa2 = b1 - k
        fa3 = b2 - k
        fa4 = b3 - k
        fb1 = k + 1 - a1
        fb2 = k + 1 - a2
        fb3 = k + 1 - a3
        fb4 = k + 1 - a4
        if sign_p != 0:
            fa = fa1 * fa2 * fa3 * fa4
            fb = fb1 * fb2 * fb3 * fb4
            if fa < _SMALL and fb < _SMALL:
                nn, sign_p, nd = big_horner_step(num, nn, sign_p, den, nd, fa, fb)
                continue
        nd = _mul_factors4(den, nd, fb1, fb2, fb3, fb4)
        if sign_p == 0:
            for i in range(nd):
                num[i] = den[i]
            nn = nd
            sign_p = 1
            continue
        nn = _mul_factors4(num, nn, fa1, fa2, fa3, fa4)
        nn, sign_p = big_q_minus_p(num, nn, sign_p, den, nd)
    return nn, nd, sign_p


@jit
def six_j_scaled(ta, tb, tc, td, te, tf, fhi, flo, fex, num, den):
    """The 6j symbol ``{a b c; d e f}`` as a scaled double-double ``(h + l) * 2**e``.

    Returns ``(h, l, e)`` with ``0.5 <= |h| < 1`` (or ``(0.0, 0.0, 0)`` for a zero,
    structural or not).  Triads are checked here.  ``num`` and ``den`` are
    int64 work arrays of at least :func:`six_j_limb_bound` limbs; the factorial
    table must reach ``max(beta) + 1`` where ``beta`` are the three sums of four labels.

    Racah's formula (Edmonds 1957, eq. 6.3.7):
    ``{a b c; d e f} = sqrt(D(abc) D(aef) D(dbf) D(dec)) *
    sum_k (-1)**k (k+1)! / (prod_i (k - alpha_i)! prod_j (beta_j - k)!)``.
    """
    if not (is_triad(ta, tb, tc) and is_triad(ta, te, tf) and is_triad(td, tb, tf) and is_triad(td, te, tc)):
        return 0.0, 0.0, 0
    a1 = (ta + tb + tc) // 2
    a2 = (ta + te + tf) // 2
    a3 = (td + tb + tf) // 2
    a4 = (td + te + tc) // 2
    b1 = (ta + tb + td + te) // 2
    b2 = (ta + tc + td + tf) // 2
    b3 = (tb + tc + te + tf) // 2
    kmin = max(a1, a2, a3, a4)
    kmax = min(b1, b2, b3)
    if kmin > kmax:
        return 0.0, 0.0, 0

    nn, nd, sign_p = racah_horner(a1, a2, a3, a4, b1, b2, b3, kmin, kmax, num, den)
    if sign_p == 0:
        return 0.0, 0.0, 0

    # squared prefactor: the four triangle coefficients times the first term squared,
    # (kmin+1)!**2 / (prod (kmin-alpha)!**2 prod (beta-kmin)!**2); products of up to six
    # mantissas in [0.5, 1) cannot underflow, so they are formed as trees and normalised once
    ph, pl, pe = dd_product6(
        fhi, flo, fex,
        (ta + tb - tc) // 2, (ta - tb + tc) // 2, (tb + tc - ta) // 2,
        (ta + te - tf) // 2, (ta - te + tf) // 2, (te + tf - ta) // 2,
    )
    p2h, p2l, p2e = dd_product6(
        fhi, flo, fex,
        (td + tb - tf) // 2, (td - tb + tf) // 2, (tb + tf - td) // 2,
        (td + te - tc) // 2, (td - te + tc) // 2, (te + tc - td) // 2,
    )
    ph, pl = dd_mul(ph, pl, p2h, p2l)
    ph, pl, pe = dd_normalize(ph, pl, pe + p2e)
    n1 = kmin + 1
    kh, kl = dd_mul(fhi[n1], flo[n1], fhi[n1], flo[n1])
    ph, pl = dd_mul(ph, pl, kh, kl)
    pe += 2 * fex[n1]
    # denominator: the four (alpha_i + 1)! and the first term's seven factorials, squared
    dh, dl, de = dd_product6(fhi, flo, fex, a1 + 1, a2 + 1, a3 + 1, a4 + 1, 0, 0)
    qh, ql, qe = dd_product6(fhi, flo, fex, kmin - a1, kmin - a2, kmin - a3, kmin - a4, b1 - kmin, b2 - kmin)
    qh, ql = dd_mul(qh, ql, fhi[b3 - kmin], flo[b3 - kmin])
    qe += fex[b3 - kmin]
    qh, ql, qe = dd_normalize(qh, ql, qe)
    qh, ql = dd_mul(qh, ql, qh, ql)
    dh, dl = dd_mul(dh, dl, qh, ql)
    h, l = dd_div(ph, pl, dh, dl)
    h, l, e = dd_normalize(h, l, pe - de - 2 * qe)
    if e % 2 != 0:
        h *= 2.0
        l *= 2.0
        e -= 1
    rh, rl = dd_sqrt(h, l)
    re = e // 2

    if kmax > kmin:
        a_h, a_l, a_e = big_to_dd(num, nn)
        b_h, b_l, b_e = big_to_dd(den, nd)
        s_h, s_l = dd_div(a_h, a_l, b_h, b_l)
        rh, rl = dd_mul(rh, rl, s_h, s_l)
        re += a_e - b_e
    rh, rl, re = dd_normalize(rh, rl, re)
    negative = sign_p < 0
    if kmin % 2 != 0:
        negative = not negative
    if negative:
        return -rh, -rl, re
    return rh, rl, re


@jit
def six_j_batch(ta, tb, tc, td, te, tf, binom, out, general):
    """``out[i] = {ta[i]/2 ... tf[i]/2}`` (6j symbols as floats) for the small labels of flat int64 label arrays.

    Takes :func:`six_j_small` (exact integers in doubles) and sets
    ``general[i] = 1`` where the labels are too large for it; those rows are for
    :func:`six_j_batch_general`.  Kept apart so that small labels never compile
    the limb arithmetic.  Returns the number of such rows.
    """
    count = 0
    for i in range(out.shape[0]):
        v, ok = six_j_small(ta[i], tb[i], tc[i], td[i], te[i], tf[i], binom)
        out[i] = v
        if not ok:
            general[i] = 1
            count += 1
    return count


@jit
def six_j_batch_general(ta, tb, tc, td, te, tf, fhi, flo, fex, out):
    """``out[i] = {ta[i]/2 ... tf[i]/2}`` by :func:`six_j_scaled` (limb Racah sum, scaled double-double prefactor)."""
    size = 8
    num = np.zeros(size, np.int64)
    den = np.zeros(size, np.int64)
    for i in range(out.shape[0]):
        need = six_j_limb_bound(ta[i], tb[i], tc[i], td[i], te[i], tf[i])
        if need > size:
            size = 2 * need
            num = np.zeros(size, np.int64)
            den = np.zeros(size, np.int64)
        h, l, e = six_j_scaled(ta[i], tb[i], tc[i], td[i], te[i], tf[i], fhi, flo, fex, num, den)
        out[i] = scaled_to_float(h, e)


@jit
def racah_scaled(ta, tb, tc, td, te, tf, fhi, flo, fex, num, den):
    """Racah's sum of the 6j symbol ``{a b c; d e f}`` (the symbol without its triangle coefficients).

    ``sum_k (-1)**k (k+1)! / (prod_i (k - alpha_i)! prod_j (beta_j - k)!)`` as a
    scaled double-double ``(h, l, e)``, ``(0.0, 0.0, 0)`` for an exact zero; the
    triads must couple (not checked).  Relative error below
    :func:`racah_rel_error` of the largest factorial argument.
    """
    a1 = (ta + tb + tc) // 2
    a2 = (ta + te + tf) // 2
    a3 = (td + tb + tf) // 2
    a4 = (td + te + tc) // 2
    b1 = (ta + tb + td + te) // 2
    b2 = (ta + tc + td + tf) // 2
    b3 = (tb + tc + te + tf) // 2
    kmin = max(a1, a2, a3, a4)
    kmax = min(b1, b2, b3)
    if kmin > kmax:
        return 0.0, 0.0, 0
    nn, nd, sign_p = racah_horner(a1, a2, a3, a4, b1, b2, b3, kmin, kmax, num, den)
    if sign_p == 0:
        return 0.0, 0.0, 0
    # the first term: (kmin+1)! over seven factorials
    n1 = kmin + 1
    qh, ql, qe = dd_product6(fhi, flo, fex, kmin - a1, kmin - a2, kmin - a3, kmin - a4, b1 - kmin, b2 - kmin)
    qh, ql = dd_mul(qh, ql, fhi[b3 - kmin], flo[b3 - kmin])
    h, l = dd_div(fhi[n1], flo[n1], qh, ql)
    e = fex[n1] - qe - fex[b3 - kmin]
    if kmax > kmin:
        a_h, a_l, a_e = big_to_dd(num, nn)
        b_h, b_l, b_e = big_to_dd(den, nd)
        s_h, s_l = dd_div(a_h, a_l, b_h, b_l)
        h, l = dd_mul(h, l, s_h, s_l)
        e += a_e - b_e
    h, l, e = dd_normalize(h, l, e)
    negative = sign_p < 0
    if kmin % 2 != 0:
        negative = not negative
    if negative:
        return -h, -l, e
    return h, l, e


@jit
def racah_rel_error(nmax):
    """Bound on the relative error of :func:`racah_scaled`: eight tabulated factorials (``n 2**-104`` each),
    about a dozen double-double operations, and the two leading-limb reads of ``P / Q`` (``2**-90`` each)."""
    return (8.0 * nmax + 16.0) * 2.0**-104 + 2.0**-89


@jit
def nine_j_term_rel_error(nmax):
    """Bound on the relative error of one 9j term of :func:`nine_j_scaled`, prefactor included.

    Per term: three Racah sums, the three triangle coefficients that hold ``x``
    (twelve factorials) and ``2x+1``, a few products; the square root of the six
    fixed triangle coefficients (24 factorials, halved by the root) multiplies
    the whole sum and is counted here, once per term, which over-covers it.
    """
    return 3.1 * racah_rel_error(nmax) + (12.0 * nmax + 12.0 * nmax + 40.0) * 2.0**-104


@jit
def _triangle_dd(ta, tb, tc, fhi, flo, fex):
    """``Delta(a b c) = (a+b-c)! (a-b+c)! (-a+b+c)! / (a+b+c+1)!`` as an unnormalised scaled double-double."""
    n1 = (ta + tb - tc) // 2
    n2 = (ta - tb + tc) // 2
    n3 = (tb + tc - ta) // 2
    n4 = (ta + tb + tc) // 2 + 1
    h, l = dd_mul(fhi[n1], flo[n1], fhi[n2], flo[n2])
    h, l = dd_mul(h, l, fhi[n3], flo[n3])
    h, l = dd_div(h, l, fhi[n4], flo[n4])
    return h, l, fex[n1] + fex[n2] + fex[n3] - fex[n4]


@jit
def nine_j_scaled(t1, t2, t3, t4, t5, t6, t7, t8, t9, fhi, flo, fex, num, den, th, tl, te):
    """The 9j symbol with rows ``(t1 t2 t3)(t4 t5 t6)(t7 t8 t9)`` in double-double, with an error bound.

    Returns ``(h, l, e, bound)``: the value is ``(h + l) * 2**e`` up to an
    absolute error of at most ``bound * 2**e`` (``bound`` may exceed ``|h|``, in
    which case not even the sign is known).  Zero rows or columns that fail a
    triangle give ``(0, 0, 0, 0)`` (an exact zero).  ``num``/``den`` must hold
    the limbs of the largest 6j of the sum; ``th``, ``tl`` (float64) and ``te``
    (int64) hold the terms and need ``min(t1 + t9, t4 + t8, t2 + t6) / 2 + 1`` entries.

    The sum over ``x`` of ``(-1)**(2x) (2x+1)`` times three 6j symbols (Edmonds
    1957, eq. 6.4.3) is evaluated factored: the triangle coefficients that hold
    ``x`` appear squared over the three symbols, so each term is three Racah
    sums times three triangle coefficients (no square root), and the square
    root of the six fixed (row and column) triangle coefficients is taken once.
    """
    if not (
        is_triad(t1, t2, t3) and is_triad(t4, t5, t6) and is_triad(t7, t8, t9)
        and is_triad(t1, t4, t7) and is_triad(t2, t5, t8) and is_triad(t3, t6, t9)
    ):
        return 0.0, 0.0, 0, 0.0
    lo = max(abs(t1 - t9), abs(t4 - t8), abs(t2 - t6))
    hi = min(t1 + t9, t4 + t8, t2 + t6)
    tmax = max(t1, t2, t3, t4, t5, t6, t7, t8, t9, hi)
    emax = -(1 << 62)
    count = 0
    for tx in range(lo, hi + 1, 2):
        if not (is_triad(t1, t9, tx) and is_triad(t8, t4, tx) and is_triad(t2, tx, t6)):
            continue
        h1, l1, e1 = racah_scaled(t1, t4, t7, t8, t9, tx, fhi, flo, fex, num, den)
        if h1 == 0.0:
            continue
        h2, l2, e2 = racah_scaled(t2, t5, t8, t4, tx, t6, fhi, flo, fex, num, den)
        if h2 == 0.0:
            continue
        h3, l3, e3 = racah_scaled(t3, t6, t9, tx, t1, t2, fhi, flo, fex, num, den)
        if h3 == 0.0:
            continue
        d1h, d1l, d1e = _triangle_dd(t1, t9, tx, fhi, flo, fex)
        d2h, d2l, d2e = _triangle_dd(t8, t4, tx, fhi, flo, fex)
        d3h, d3l, d3e = _triangle_dd(t2, tx, t6, fhi, flo, fex)
        h, l = dd_mul(h1, l1, h2, l2)
        ah, al = dd_mul(h3, l3, d1h, d1l)
        bh, bl = dd_mul(d2h, d2l, d3h, d3l)
        h, l = dd_mul(h, l, ah, al)
        h, l = dd_mul(h, l, bh, bl)
        w, we = math.frexp(float(tx + 1))
        h, l = dd_mul(h, l, w, 0.0)
        h, l, e = dd_normalize(h, l, e1 + e2 + e3 + d1e + d2e + d3e + we)
        if tx % 2 != 0:
            h = -h
            l = -l
        th[count] = h
        tl[count] = l
        te[count] = e
        if e > emax:
            emax = e
        count += 1
    if count == 0:
        return 0.0, 0.0, 0, 0.0
    # sum in double-double at the common scale 2**emax; terms far below it round away (bounded below)
    sh = 0.0
    sl = 0.0
    abs_sum = 0.0
    for i in range(count):
        shift = te[i] - emax
        if shift < -1000:
            abs_sum += 2.0**-1000
            continue
        h = math.ldexp(th[i], int(shift))
        l = math.ldexp(tl[i], int(shift))
        abs_sum += abs(h)
        s, err = dd_two_sum(sh, h)
        err += sl + l
        sh = s + err
        sl = err - (sh - s)
    # the square root of the six fixed triangle coefficients, once
    ph, pl, pe = dd_product6(
        fhi, flo, fex,
        (t1 + t2 - t3) // 2, (t1 - t2 + t3) // 2, (t2 + t3 - t1) // 2,
        (t4 + t5 - t6) // 2, (t4 - t5 + t6) // 2, (t5 + t6 - t4) // 2,
    )
    p2h, p2l, p2e = dd_product6(
        fhi, flo, fex,
        (t7 + t8 - t9) // 2, (t7 - t8 + t9) // 2, (t8 + t9 - t7) // 2,
        (t1 + t4 - t7) // 2, (t1 - t4 + t7) // 2, (t4 + t7 - t1) // 2,
    )
    p3h, p3l, p3e = dd_product6(
        fhi, flo, fex,
        (t2 + t5 - t8) // 2, (t2 - t5 + t8) // 2, (t5 + t8 - t2) // 2,
        (t3 + t6 - t9) // 2, (t3 - t6 + t9) // 2, (t6 + t9 - t3) // 2,
    )
    ph, pl = dd_mul(ph, pl, p2h, p2l)
    ph, pl = dd_mul(ph, pl, p3h, p3l)
    ph, pl, pe = dd_normalize(ph, pl, pe + p2e + p3e)
    qh, ql, qe = dd_product6(
        fhi, flo, fex,
        (t1 + t2 + t3) // 2 + 1, (t4 + t5 + t6) // 2 + 1, (t7 + t8 + t9) // 2 + 1,
        (t1 + t4 + t7) // 2 + 1, (t2 + t5 + t8) // 2 + 1, (t3 + t6 + t9) // 2 + 1,
    )
    ph, pl = dd_div(ph, pl, qh, ql)
    ph, pl, pe = dd_normalize(ph, pl, pe - qe)
    if pe % 2 != 0:
        ph *= 2.0
        pl *= 2.0
        pe -= 1
    rh, rl = dd_sqrt(ph, pl)
    base = emax + pe // 2
    # error: each term's own error (the root's included), the double-double summation (a few
    # 2**-104 per term) and the subnormal truncation of the shifted low parts, then times the root
    bound = abs_sum * (nine_j_term_rel_error(2 * tmax + 2) + (count + 2) * 2.0**-102) + count * 2.0**-1070
    bound *= rh * (1.0 + 2.0**-50)
    sh, sl = dd_mul(sh, sl, rh, rl)
    if sh == 0.0:
        return 0.0, 0.0, base, bound
    m, k = math.frexp(sh)
    return m, math.ldexp(sl, -k), base + k, math.ldexp(bound, -k)


@jit
def nine_j_symmetry_zero(t1, t2, t3, t4, t5, t6, t7, t8, t9):
    """True when a symmetry of the 9j symbol proves it zero.

    Permuting rows or columns multiplies the symbol by ``(-1)**S`` per odd
    permutation (``S`` the sum of the nine labels), transposing leaves it
    unchanged.  With ``S`` odd, an odd symmetry that maps the array to itself
    (two equal rows or columns, or a row swap combined with the transpose that
    reproduces the array) forces the value to be its own negative.  These are
    the commonest zeros the float sum cannot certify (about half of them for
    random labels with ``j <= 5``).
    """
    if (t1 + t2 + t3 + t4 + t5 + t6 + t7 + t8 + t9) % 4 != 2:  # S = (sum of doubled labels) / 2 odd
        return False
    a = (t1, t2, t3, t4, t5, t6, t7, t8, t9)
    # the six permutations of three indices and their parities
    for r in range(6):
        r0, r1, r2, rodd = _PERM3[r]
        for c in range(6):
            c0, c1, c2, codd = _PERM3[c]
            if (rodd + codd) % 2 == 0:
                continue
            rows = (r0, r1, r2)
            cols = (c0, c1, c2)
            same = True
            same_t = True
            for i in range(3):
                for j in range(3):
                    v = a[3 * rows[i] + cols[j]]
                    if v != a[3 * i + j]:
                        same = False
                    if v != a[3 * j + i]:
                        same_t = False
            if same or same_t:
                return True
    return False


@jit
def nine_j_batch(t1, t2, t3, t4, t5, t6, t7, t8, t9, binom, out, status):
    """``out[i]`` = the 9j symbol of row ``i`` by :func:`nine_j_small`, with ``status[i]`` as it returns.

    ``status`` 1: certified; 0: recompute exactly; 2: labels too large for
    exact doubles, for :func:`nine_j_batch_general`.  Returns the number of rows
    with status 2.
    """
    count = 0
    for i in range(out.shape[0]):
        v, st = nine_j_small(t1[i], t2[i], t3[i], t4[i], t5[i], t6[i], t7[i], t8[i], t9[i], binom)
        out[i] = v
        status[i] = st
        if st == 2:
            count += 1
    return count


@jit
def nine_j_batch_general(t1, t2, t3, t4, t5, t6, t7, t8, t9, fhi, flo, fex, out, certified):
    """``out[i]`` = the 9j symbol of row ``i`` as a float; ``certified[i]`` = 1 when the error bound proves it.

    A certified value is the correctly rounded double of the exact 9j symbol or
    its neighbour (one ulp) when the exact value lies within the bound of a
    rounding tie; an uncertified one must be recomputed exactly by the caller.
    """
    size = 8
    num = np.zeros(size, np.int64)
    den = np.zeros(size, np.int64)
    nterm = 8
    th = np.zeros(nterm)
    tl = np.zeros(nterm)
    te = np.zeros(nterm, np.int64)
    for i in range(out.shape[0]):
        top = max(t1[i], t2[i], t3[i], t4[i], t5[i], t6[i], t7[i], t8[i], t9[i])
        need = six_j_limb_bound_for(2 * top)
        if need > size:
            size = 2 * need
            num = np.zeros(size, np.int64)
            den = np.zeros(size, np.int64)
        if top + 2 > nterm:
            nterm = 2 * top + 2
            th = np.zeros(nterm)
            tl = np.zeros(nterm)
            te = np.zeros(nterm, np.int64)
        h, l, e, bound = nine_j_scaled(
            t1[i], t2[i], t3[i], t4[i], t5[i], t6[i], t7[i], t8[i], t9[i], fhi, flo, fex, num, den, th, tl, te
        )
        out[i], certified[i] = certify_nine_j(h, l, e, bound)
        if certified[i] == 0 and nine_j_symmetry_zero(t1[i], t2[i], t3[i], t4[i], t5[i], t6[i], t7[i], t8[i], t9[i]):
            out[i] = 0.0
            certified[i] = 1


@jit
def certify_nine_j(h, l, e, bound):
    """``(float value, 1)`` when the error bound proves the double, else ``(0.0, 0)``.

    The double nearest to ``h + l`` is certified when the exact value is within
    ``2**-60`` relative of it (then rounding can be off by at most one ulp).
    """
    if h == 0.0 and bound == 0.0:
        return 0.0, 1
    value = h + l
    if bound <= abs(value) * 2.0**-60:
        return scaled_to_float(value, e), 1
    return 0.0, 0


@jit
def six_j_single(ta, tb, tc, td, te, tf, binom):
    """One 6j symbol from small doubled labels: ``(value, ok)`` as :func:`six_j_small` (``ok`` False: too large)."""
    return six_j_small(ta, tb, tc, td, te, tf, binom)


@jit
def six_j_single_general(ta, tb, tc, td, te, tf, fhi, flo, fex):
    """One 6j symbol from doubled labels of any size up to the float limit, as a float."""
    size = six_j_limb_bound(ta, tb, tc, td, te, tf)
    num = np.zeros(size, np.int64)
    den = np.zeros(size, np.int64)
    h, l, e = six_j_scaled(ta, tb, tc, td, te, tf, fhi, flo, fex, num, den)
    return scaled_to_float(h, e)


@jit
def nine_j_single(t1, t2, t3, t4, t5, t6, t7, t8, t9, binom):
    """One 9j symbol from small doubled labels: ``(value, status)`` as :func:`nine_j_small`."""
    return nine_j_small(t1, t2, t3, t4, t5, t6, t7, t8, t9, binom)


@jit
def nine_j_single_general(t1, t2, t3, t4, t5, t6, t7, t8, t9, fhi, flo, fex):
    """One 9j symbol from doubled labels: ``(value, certified)`` as for :func:`nine_j_batch_general`."""
    top = max(t1, t2, t3, t4, t5, t6, t7, t8, t9)
    size = six_j_limb_bound_for(2 * top)
    num = np.zeros(size, np.int64)
    den = np.zeros(size, np.int64)
    th = np.zeros(top + 2)
    tl = np.zeros(top + 2)
    te = np.zeros(top + 2, np.int64)
    h, l, e, bound = nine_j_scaled(t1, t2, t3, t4, t5, t6, t7, t8, t9, fhi, flo, fex, num, den, th, tl, te)
    value, certified = certify_nine_j(h, l, e, bound)
    if certified == 0 and nine_j_symmetry_zero(t1, t2, t3, t4, t5, t6, t7, t8, t9):
        return 0.0, 1
    return value, certified


# ---------------------------------------------------------------- small labels: exact integers in doubles
# For small labels every Racah sum is an integer below 2**53, and so is every triangle
# number 1 / Delta(a b c); a double then holds them exactly, so a 6j is one quotient and a
# square root of exact integers, and a 9j a short sum of exactly known rationals.  Each
# function below returns ``ok = False`` as soon as a number would leave the exact range,
# and the callers then take the general (limb and scaled double-double) path.

_TWO53 = 9007199254740992.0  # 2**53: integers below it are exact doubles
#: Primes just below 2**31 for the modular zero test of the 9j sum (products of two residues fit in int64).
ZERO_TEST_PRIMES = np.array([
    2147483647, 2147483629, 2147483587, 2147483579, 2147483563, 2147483549, 2147483543, 2147483497,
    2147483489, 2147483477, 2147483423, 2147483399, 2147483353, 2147483323, 2147483269, 2147483249,
    2147483237, 2147483179, 2147483171, 2147483137, 2147483123, 2147483077, 2147483069, 2147483059,
    2147483053, 2147483033, 2147483029, 2147482951, 2147482949, 2147482943, 2147482937, 2147482921,
    2147482877, 2147482873, 2147482867, 2147482859, 2147482819, 2147482817, 2147482811, 2147482801,
    2147482763, 2147482739, 2147482697, 2147482693, 2147482681, 2147482663, 2147482661, 2147482621,
], dtype=np.int64)
_PRIME_BITS = 30.99  # every prime above exceeds 2**30.99
# relative error of one small 9j term (a product of three exact integers over a product of
# three, four double-double operations of at most 2**-102 each) and of the final root and quotient
_SMALL_TERM_REL = 2.0**-99
_SMALL_ROOT_REL = 2.0**-99


@jit
def racah_exact(ta, tb, tc, td, te, tf, binom):
    """Racah's sum of the 6j symbol ``{a b c; d e f}`` as an exact integer in a double: ``(R, ok)``.

    ``R = sum_k (-1)**k (k+1)! / (prod_i (k - alpha_i)! prod_j (beta_j - k)!)``;
    every term is ``(k+1)`` times a multinomial coefficient (the seven lower
    arguments add up to ``k``), hence an integer.  The first term is built from
    the exact binomial table ``binom`` (``inf`` where a binomial is not below
    ``2**53``), the next ones by the exact ratio ``t_{k+1} = t_k A_k / B_k``.  Each
    product is checked to stay below ``2**53`` before it is formed, so every
    operation is exact; ``ok`` is False when one would not be.  The triads must
    couple (not checked).
    """
    a1 = (ta + tb + tc) // 2
    a2 = (ta + te + tf) // 2
    a3 = (td + tb + tf) // 2
    a4 = (td + te + tc) // 2
    b1 = (ta + tb + td + te) // 2
    b2 = (ta + tc + td + tf) // 2
    b3 = (tb + tc + te + tf) // 2
    kmin = max(a1, a2, a3, a4)
    kmax = min(b1, b2, b3)
    if kmin > kmax:
        return 0.0, True
    if kmin >= binom.shape[0]:
        return 0.0, False
    # first term: (kmin + 1) times the multinomial (kmin; n1, ..., n7) as a product of binomials
    n1 = kmin - a1
    n2 = kmin - a2
    n3 = kmin - a3
    n4 = kmin - a4
    n5 = b1 - kmin
    n6 = b2 - kmin
    s = n1 + n2
    t = binom[s, n2]
    s += n3
    t *= binom[s, n3]
    s += n4
    t *= binom[s, n4]
    s += n5
    t *= binom[s, n5]
    s += n6
    t *= binom[s, n6]
    t *= binom[kmin, s]  # the seventh part is kmin - s
    t *= float(kmin + 1)
    if not t < _TWO53:  # also catches inf from the table
        return 0.0, False
    total = t
    acc = t if kmin % 2 == 0 else -t
    for k in range(kmin, kmax):
        num = float((k + 2) * (b1 - k) * (b2 - k) * (b3 - k))
        if t * num >= _TWO53:
            return 0.0, False
        t = t * num / float((k + 1 - a1) * (k + 1 - a2) * (k + 1 - a3) * (k + 1 - a4))
        total += t
        if total >= _TWO53:
            return 0.0, False
        acc = acc - t if k % 2 == 0 else acc + t
    return acc, True


@jit
def triangle_number(ta, tb, tc, binom):
    """``1 / Delta(a b c) = (a+b+c+1)! / ((a+b-c)! (a-b+c)! (-a+b+c)!)`` exactly in a double, or ``inf``.

    An integer: ``(s + 1)`` times a multinomial, ``s = a + b + c``.  ``inf`` when
    it is not below ``2**53`` (or beyond the binomial table).
    """
    n1 = (ta + tb - tc) // 2
    n2 = (ta - tb + tc) // 2
    n3 = (tb + tc - ta) // 2
    s = n1 + n2 + n3
    if s >= binom.shape[0]:
        return math.inf
    v = float(s + 1) * binom[s, n1] * binom[n2 + n3, n2]
    return v if v < _TWO53 else math.inf


@jit
def six_j_small(ta, tb, tc, td, te, tf, binom):
    """One 6j symbol ``R / sqrt(N1 N2 N3 N4)`` from exact integers: ``(value, ok)``.

    ``R`` is the exact Racah sum, the ``N`` the exact triangle numbers; the
    products ``N1 N2`` and ``N3 N4`` are error-free, and a double-double
    product, square root and quotient leave a relative error below ``2**-100``
    before the final rounding.  Triads are checked here.
    """
    if not (is_triad(ta, tb, tc) and is_triad(ta, te, tf) and is_triad(td, tb, tf) and is_triad(td, te, tc)):
        return 0.0, True
    r, ok = racah_exact(ta, tb, tc, td, te, tf, binom)
    if not ok:
        return 0.0, False
    if r == 0.0:
        return 0.0, True
    m1 = triangle_number(ta, tb, tc, binom)
    m2 = triangle_number(ta, te, tf, binom)
    m3 = triangle_number(td, tb, tf, binom)
    m4 = triangle_number(td, te, tc, binom)
    if max(m1, m2, m3, m4) == math.inf:
        return 0.0, False
    ph, pl = dd_two_prod(m1, m2)
    qh, ql = dd_two_prod(m3, m4)
    ph, pl = dd_mul(ph, pl, qh, ql)
    sh, sl = dd_sqrt(ph, pl)
    vh, vl = dd_div(r, 0.0, sh, sl)
    return vh + vl, True


@jit
def _x_range(t1, t2, t4, t6, t8, t9):
    """The doubled range of the 9j summation label ``x``."""
    return max(abs(t1 - t9), abs(t4 - t8), abs(t2 - t6)), min(t1 + t9, t4 + t8, t2 + t6)


@jit
def _mulmod(a, b, p):
    return (a * b) % p


@jit
def nine_j_small_zero(t1, t2, t3, t4, t5, t6, t7, t8, t9, log2_bound, binom):
    """Whether the rational 9j sum ``S = sum_x (-1)**(2x) (2x+1) R1 R2 R3 / (N1 N2 N3)`` is exactly zero.

    ``log2_bound`` bounds ``log2 |S|`` (from the double-double sum and its error
    bound).  ``D = M1! M2! M3!``, with ``M_i`` the largest ``a+b+c+1`` of the
    ``i``-th triangle that holds ``x``, is a common denominator (each ``N``
    divides the factorial of its ``a+b+c+1``), so ``D S`` is an integer with
    ``|D S| < 2**(log2 D + log2_bound)``.  ``S`` is evaluated modulo primes
    ``p > M_i`` (every ``N`` invertible) as a fraction ``A / B``; ``A = 0 mod p``
    for primes whose product exceeds ``2 |D S|`` proves ``D S = 0``.  Returns
    ``(known, zero)``: ``known`` is False when more primes would be needed than
    :data:`ZERO_TEST_PRIMES` holds or a number leaves the exact range.
    """
    lo, hi = _x_range(t1, t2, t4, t6, t8, t9)
    m1 = 0
    m2 = 0
    m3 = 0
    for tx in range(lo, hi + 1, 2):
        m1 = max(m1, (t1 + t9 + tx) // 2 + 1)
        m2 = max(m2, (t8 + t4 + tx) // 2 + 1)
        m3 = max(m3, (t2 + tx + t6) // 2 + 1)
    # log2(M!) from lgamma, with a generous margin for its rounding
    log2_d = (math.lgamma(m1 + 1.0) + math.lgamma(m2 + 1.0) + math.lgamma(m3 + 1.0)) / math.log(2.0)
    bits = log2_d * (1.0 + 2.0**-40) + log2_bound + 4.0
    nprimes = int(bits / _PRIME_BITS) + 1
    if nprimes < 1:
        nprimes = 1
    if nprimes > ZERO_TEST_PRIMES.shape[0]:
        return False, False
    for ip in range(nprimes):
        p = ZERO_TEST_PRIMES[ip]
        a = 0
        b = 1
        for tx in range(lo, hi + 1, 2):
            if not (is_triad(t1, t9, tx) and is_triad(t8, t4, tx) and is_triad(t2, tx, t6)):
                continue
            r1, ok1 = racah_exact(t1, t4, t7, t8, t9, tx, binom)
            r2, ok2 = racah_exact(t2, t5, t8, t4, tx, t6, binom)
            r3, ok3 = racah_exact(t3, t6, t9, tx, t1, t2, binom)
            if not (ok1 and ok2 and ok3):
                return False, False
            if r1 == 0.0 or r2 == 0.0 or r3 == 0.0:
                continue
            n1 = triangle_number(t1, t9, tx, binom)
            n2 = triangle_number(t8, t4, tx, binom)
            n3 = triangle_number(t2, tx, t6, binom)
            if max(n1, n2, n3) == math.inf:
                return False, False
            num = _mulmod(_mulmod(int(r1) % p, int(r2) % p, p), int(r3) % p, p)
            num = _mulmod(num, tx + 1, p)
            if tx % 2 != 0:
                num = (p - num) % p
            den = _mulmod(_mulmod(int(n1) % p, int(n2) % p, p), int(n3) % p, p)
            a = (_mulmod(a, den, p) + _mulmod(num, b, p)) % p
            b = _mulmod(b, den, p)
        if a != 0:
            return True, False
    return True, True


@jit
def nine_j_small(t1, t2, t3, t4, t5, t6, t7, t8, t9, binom):
    """One 9j symbol from exact integers: ``(value, status)``.

    ``status`` 1: ``value`` is certified (within one ulp, as for
    :func:`certify_nine_j`; exact zeros included); 0: the labels are small but
    the sum could not be certified (the caller recomputes it exactly); 2: a
    number left the exact range (the caller takes the general path).

    Each term ``(-1)**(2x) (2x+1) R1 R2 R3 / (N1 N2 N3)`` of the factored sum
    (Racah sums ``R`` and triangle numbers ``N`` exact, see
    :func:`racah_exact`) is formed in double-double with a relative error below
    ``2**-99``; the terms are summed in double-double with a running bound, and
    the sum is divided by the square root of the six fixed triangle numbers.
    A sum that the bound cannot tell from zero goes through
    :func:`nine_j_small_zero`.  All numbers stay between ``2**-320`` and
    ``2**330``: no scaling is needed.
    """
    if not (
        is_triad(t1, t2, t3) and is_triad(t4, t5, t6) and is_triad(t7, t8, t9)
        and is_triad(t1, t4, t7) and is_triad(t2, t5, t8) and is_triad(t3, t6, t9)
    ):
        return 0.0, 1
    lo, hi = _x_range(t1, t2, t4, t6, t8, t9)
    sh = 0.0
    sl = 0.0
    abs_sum = 0.0
    count = 0
    for tx in range(lo, hi + 1, 2):
        if not (is_triad(t1, t9, tx) and is_triad(t8, t4, tx) and is_triad(t2, tx, t6)):
            continue
        r1, ok = racah_exact(t1, t4, t7, t8, t9, tx, binom)
        if not ok:
            return 0.0, 2
        if r1 == 0.0:
            continue
        r2, ok = racah_exact(t2, t5, t8, t4, tx, t6, binom)
        if not ok:
            return 0.0, 2
        if r2 == 0.0:
            continue
        r3, ok = racah_exact(t3, t6, t9, tx, t1, t2, binom)
        if not ok:
            return 0.0, 2
        if r3 == 0.0:
            continue
        n1 = triangle_number(t1, t9, tx, binom)
        n2 = triangle_number(t8, t4, tx, binom)
        n3 = triangle_number(t2, tx, t6, binom)
        if max(n1, n2, n3) == math.inf:
            return 0.0, 2
        ph, pl = dd_two_prod(r1, r2)
        w = r3 * float(tx + 1)
        if abs(w) < _TWO53:  # exact
            ph, pl = dd_mul(ph, pl, w, 0.0)
        else:
            ph, pl = dd_mul(ph, pl, r3, 0.0)
            ph, pl = dd_mul(ph, pl, float(tx + 1), 0.0)
        qh, ql = dd_two_prod(n1, n2)
        qh, ql = dd_mul(qh, ql, n3, 0.0)
        h, l = dd_div(ph, pl, qh, ql)
        if tx % 2 != 0:
            h = -h
            l = -l
        abs_sum += abs(h)
        s, err = dd_two_sum(sh, h)
        err += sl + l
        sh = s + err
        sl = err - (sh - s)
        count += 1
    if count == 0:
        return 0.0, 1
    # the six fixed triangle numbers
    f1 = triangle_number(t1, t2, t3, binom)
    f2 = triangle_number(t4, t5, t6, binom)
    f3 = triangle_number(t7, t8, t9, binom)
    f4 = triangle_number(t1, t4, t7, binom)
    f5 = triangle_number(t2, t5, t8, binom)
    f6 = triangle_number(t3, t6, t9, binom)
    if max(f1, f2, f3, f4, f5, f6) == math.inf:
        return 0.0, 2
    ah, al = dd_two_prod(f1, f2)
    bh, bl = dd_two_prod(f3, f4)
    ch, cl = dd_two_prod(f5, f6)
    ah, al = dd_mul(ah, al, bh, bl)
    ah, al = dd_mul(ah, al, ch, cl)
    rh, rl = dd_sqrt(ah, al)
    # absolute error of the sum: each term's own error and the double-double summation
    bound = abs_sum * (_SMALL_TERM_REL + (count + 2) * 2.0**-102)
    vh, vl = dd_div(sh, sl, rh, rl)
    value = vh + vl
    # the root and the quotient add a relative error; dividing by the root scales the rest
    vbound = (bound / rh + abs(value) * _SMALL_ROOT_REL) * (1.0 + 2.0**-50)
    if vbound <= abs(value) * 2.0**-60:
        return value, 1
    # not certified: an exact zero (the commonest case) or heavy cancellation
    if nine_j_symmetry_zero(t1, t2, t3, t4, t5, t6, t7, t8, t9):
        return 0.0, 1
    known, zero = nine_j_small_zero(
        t1, t2, t3, t4, t5, t6, t7, t8, t9, math.log2(abs(sh) + abs(sl) + bound), binom
    )
    if known and zero:
        return 0.0, 1
    return 0.0, 0
