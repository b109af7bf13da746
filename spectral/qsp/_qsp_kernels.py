"""Numba kernels for quantum signal processing: SU(2) products and layer stripping.

Every kernel takes only scalars and contiguous arrays, validates nothing and
writes into caller-supplied output arrays.  The public wrappers live in
:mod:`spectral.qsp.response`, :mod:`spectral.qsp.solvers` and
:mod:`spectral.qsp.nlft`; each kernel also runs as plain Python (``.py_func``).

Convention used by all kernels (the GSLW "Wx" convention)::

    U(x) = e^{i phi_0 Z} W(x) e^{i phi_1 Z} W(x) ... W(x) e^{i phi_d Z},
    W(x) = [[x, i s], [i s, x]],  s = sqrt(1 - x^2).
"""

from __future__ import annotations

import math

import numpy as np

from mathref.jit import jit

__all__ = [
    "wx_top_left_entries",
    "wx_unitaries",
    "wx_top_left_jacobian",
    "real_nlft_layer_stripping",
    "real_nlft_forward_coefficients",
]


@jit
def wx_top_left_entries(phases, xs, ss, out):
    """Write <0|U(x)|0> for every x in ``xs`` into the complex array ``out``.

    ``ss`` holds sqrt(1 - x^2) for each x (callers with an angle pass sin(theta),
    which keeps the implied angle accurate near x = +-1).  The loop over x is the
    inner one so that independent points fill the vector units.
    """
    d = phases.shape[0] - 1
    n = xs.shape[0]
    # row vector <0| U, propagated left to right; v = (a, b) = (ar + i ai, br + i bi)
    ar = np.full(n, math.cos(phases[0]))
    ai = np.full(n, math.sin(phases[0]))
    br = np.zeros(n)
    bi = np.zeros(n)
    for k in range(1, d + 1):
        c = math.cos(phases[k])
        sn = math.sin(phases[k])
        for j in range(n):
            x = xs[j]
            s = ss[j]
            # (a, b) W = (a x + i s b, i s a + b x), then times diag(e^{i phi}, e^{-i phi})
            nar = ar[j] * x - s * bi[j]
            nai = ai[j] * x + s * br[j]
            nbr = br[j] * x - s * ai[j]
            nbi = bi[j] * x + s * ar[j]
            r0 = nar * c - nai * sn
            i0 = nar * sn + nai * c
            r1 = nbr * c + nbi * sn
            i1 = nbi * c - nbr * sn
            # the exact row has unit norm; one Newton step for 1/sqrt keeps rounding from
            # compounding coherently over thousands of factors
            g = 1.5 - 0.5 * (r0 * r0 + i0 * i0 + r1 * r1 + i1 * i1)
            ar[j] = r0 * g
            ai[j] = i0 * g
            br[j] = r1 * g
            bi[j] = i1 * g
    for j in range(n):
        out[j] = complex(ar[j], ai[j])


@jit
def wx_unitaries(phases, xs, out):
    """Write the full 2x2 matrices U(x) into ``out`` of shape (len(xs), 2, 2), complex."""
    d = phases.shape[0] - 1
    for j in range(xs.shape[0]):
        x = xs[j]
        s = math.sqrt(max(0.0, (1.0 - x) * (1.0 + x)))
        e0 = complex(math.cos(phases[0]), math.sin(phases[0]))
        u00 = e0
        u01 = 0j
        u10 = 0j
        u11 = e0.conjugate()
        for k in range(1, d + 1):
            n00 = u00 * x + u01 * (1j * s)
            n01 = u00 * (1j * s) + u01 * x
            n10 = u10 * x + u11 * (1j * s)
            n11 = u10 * (1j * s) + u11 * x
            e = complex(math.cos(phases[k]), math.sin(phases[k]))
            ec = e.conjugate()
            u00 = n00 * e
            u01 = n01 * ec
            u10 = n10 * e
            u11 = n11 * ec
        out[j, 0, 0] = u00
        out[j, 0, 1] = u01
        out[j, 1, 0] = u10
        out[j, 1, 1] = u11


@jit
def wx_top_left_jacobian(phases, xs, values, jac):
    """<0|U(x)|0> into ``values`` and its derivatives d/dphi_k into ``jac[j, k]`` (complex)."""
    d = phases.shape[0] - 1
    n = d + 1
    er = np.cos(phases)
    ei = np.sin(phases)
    right0 = np.empty(n, dtype=np.complex128)
    right1 = np.empty(n, dtype=np.complex128)
    for j in range(xs.shape[0]):
        x = xs[j]
        s = math.sqrt(max(0.0, (1.0 - x) * (1.0 + x)))
        # column vectors R_k = W E_{k+1} W ... W E_d |0>, R_d = |0>
        r0 = 1.0 + 0j
        r1 = 0j
        right0[d] = r0
        right1[d] = r1
        for k in range(d - 1, -1, -1):
            e = complex(er[k + 1], ei[k + 1])
            t0 = e * r0
            t1 = e.conjugate() * r1
            r0 = x * t0 + (1j * s) * t1
            r1 = (1j * s) * t0 + x * t1
            right0[k] = r0
            right1[k] = r1
        # row vectors L_k = <0| E_0 W E_1 ... W (without E_k)
        l0 = 1.0 + 0j
        l1 = 0j
        for k in range(n):
            e = complex(er[k], ei[k])
            ec = e.conjugate()
            jac[j, k] = 1j * (l0 * e * right0[k] - l1 * ec * right1[k])
            if k == d:
                values[j] = l0 * e * right0[k] + l1 * ec * right1[k]
            else:
                m0 = l0 * e
                m1 = l1 * ec
                l0 = m0 * x + m1 * (1j * s)
                l1 = m0 * (1j * s) + m1 * x


@jit
def real_nlft_layer_stripping(alpha, beta, out):
    """Inverse SU(2) nonlinear Fourier transform for real a* and purely imaginary b.

    ``alpha`` holds the coefficients of a*(z) (real, alpha[0] > 0), ``beta`` those of
    b(z)/i, both of length n.  Writes the n real numbers t_k with F_k = i t_k.
    Both inputs are overwritten (they are the working arrays).
    """
    n = alpha.shape[0]
    for k in range(n):
        m = n - k
        t = beta[0] / alpha[0]
        eta = 1.0 / math.sqrt(1.0 + t * t)
        out[k] = t
        # a*' = eta (a* + t b/i),  b'/i = eta (b/i - t a*) shifted down by one
        a_prev = alpha[0]
        b_prev = beta[0]
        alpha[0] = eta * (a_prev + t * b_prev)
        for i in range(1, m):
            a = alpha[i]
            b = beta[i]
            alpha[i] = eta * (a + t * b)
            beta[i - 1] = eta * (b - t * a)


@jit
def real_nlft_forward_coefficients(ts, alpha, beta):
    """Forward transform: coefficients of a*(z) and b(z)/i from the real numbers t_k.

    Builds the product G_0 G_1 ... G_{n-1} from the right, in O(n^2).  Outputs
    ``alpha`` and ``beta`` have length n.
    """
    n = ts.shape[0]
    for i in range(n):
        alpha[i] = 0.0
        beta[i] = 0.0
    alpha[0] = 1.0
    m = 0  # current length of the sequence built so far is m (polys of degree m-1)
    for k in range(n - 1, -1, -1):
        t = ts[k]
        eta = 1.0 / math.sqrt(1.0 + t * t)
        # prepend layer: b <- eta (t a* + z b),  a* <- eta (a* - t z b)   (real form)
        m += 1
        for i in range(m - 1, 0, -1):
            a = alpha[i]
            b_shift = beta[i - 1]
            alpha[i] = eta * (a - t * b_shift)
            beta[i] = eta * (t * a + b_shift)
        a = alpha[0]
        alpha[0] = eta * a
        beta[0] = eta * t * a
