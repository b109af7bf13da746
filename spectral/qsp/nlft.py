"""Weiss' algorithm and the inverse nonlinear Fourier transform: QSP phases in O(d^2).

Float.  The NLFT correspondence (Alexis, Lin, Mnatsakanyan, Thiele, Wang 2024;
Ni, Sarkar, Ying, Lin 2024): with ``F_k = i tan(phi_k)`` and ``z = e^{2 i arccos x}``,
``H U H D^{-d}`` is the SU(2) nonlinear Fourier transform of ``F``, so
``b(z) = i sum_k beta_k z^k`` is read off the target's Chebyshev coefficients
(:func:`_b_coefficients`), ``a*`` is the outer function with ``|a|^2 + |b|^2 = 1``
(:func:`_weiss_alpha`), and layer stripping in a compiled kernel recovers the
phases.  :func:`nlft_phases` is the interface :mod:`spectral.qsp.solvers` uses.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
import scipy.fft

from mathref.errors import InvalidArgumentError
from mathref.validation import checked_fields

from . import _qsp_kernels as _k
from ._inputs import as_coefficients

__all__ = ["NLFTPhases", "nlft_phases"]


@checked_fields
class NLFTPhases(NamedTuple):
    """Symmetric Im-readout phases from :func:`nlft_phases` and the FFT length Weiss' algorithm needed."""

    phases: np.ndarray
    fft_length: int


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


def nlft_phases(coef: np.ndarray) -> NLFTPhases:
    """Im-readout symmetric phases via Weiss + inverse NLFT (layer stripping).

    ``coef`` holds the Chebyshev coefficients of a validated target (definite
    parity, ``max |P| < 1``); the d + 1 phases realise ``Im <0|U|0> = P``.

    Examples
    --------
    >>> res = nlft_phases(np.array([0.0, 0.5]))          # <0|U|0> = e^{2 i phi} x for two equal phases
    >>> bool(np.allclose(res.phases, np.pi / 12))
    True
    """
    coef = as_coefficients(coef, "coef")
    beta = _b_coefficients(coef)
    alpha, nfft = _weiss_alpha(beta)
    ts = np.empty(beta.size)
    _k.real_nlft_layer_stripping(alpha, beta.copy(), ts)
    phases = np.arctan(ts)
    # the exact solution is symmetric; averaging removes the rounding asymmetry
    phases = 0.5 * (phases + phases[::-1])
    return NLFTPhases(phases, nfft)
