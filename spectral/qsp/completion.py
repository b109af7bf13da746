"""Phases by polynomial completion: targets with |P| = 1 somewhere, complex targets, the Laurent readout.

Float.  Weiss' algorithm (:mod:`spectral.qsp.nlft`) needs ``max |P| < 1``: ``log(1 - |P|^2)``
is singular where P touches 1 (x, T_k, x^2, any polynomial reaching +-1).  Such targets,
and complex targets ``<0|U|0> = P`` (pyqsp's ``measurement="z"``) and the Laurent readout
``<+|U|+> = P`` (pyqsp's default for ``signal_operator="Wx"``), are handled the way pyqsp's
"laurent" method and GSLW's constructive proof do:

1. **completion**: find the other entries of ``U = [[A, i s B], [i s B*, A*]]`` with
   ``|A|^2 + (1 - x^2)|B|^2 = 1`` by root finding (Fejér–Riesz): for a real P,
   ``1 - P(cos t)^2 = |g(e^{2it})|^2`` with g built from the roots inside the unit disk,
   and ``A = P + i R``, ``B = S`` with ``R + i sin(t) S = e^{-idt} g(e^{2it})``; for a complex
   P, ``(1 - |P|^2) / (1 - x^2) = |B|^2`` on the real line, B from the upper-half-plane roots;
2. **layer stripping** of (A, B) in floats (GSLW 2019, Thm 3), one phase per degree;
3. **Gauss–Newton polish** of all d + 1 phases on the readout at Chebyshev nodes, with the
   analytic derivative ``dU/dphi_k = U_<k (iZ) U_>=k``, until the residual stops falling.

Root finding of a degree-2d polynomial limits this path to small degrees
(:data:`MAX_COMPLETION_DEGREE`); the achieved error is measured and reported by the caller.
Exact ``+-T_k`` targets get their exact phases (zeros, with pi/2 at both ends for -T_k).
"""

from __future__ import annotations

import math

import numpy as np
from numpy.polynomial import chebyshev as C
from numpy.polynomial import polynomial as Pm
from numpy.typing import ArrayLike

from mathref.errors import InvalidArgumentError, InvalidTypeError

from ._inputs import as_coefficients, reject_text

__all__ = ["MAX_COMPLETION_DEGREE", "chebyshev_phases", "completion_phases"]

#: Largest degree the completion path accepts (root finding of a degree-2d polynomial).
MAX_COMPLETION_DEGREE = 120


def chebyshev_phases(coef: np.ndarray) -> np.ndarray | None:
    """Exact Wx phases when the real target is ``+-T_d`` (else None): ``<0|U|0> = <+|U|+> = P``.

    Zero phases give ``U = [[T_d, i s U_{d-1}], [i s U_{d-1}, T_d]]``; ``e^{i pi/2 Z} = iZ`` at
    both ends multiplies ``<0|U|0>`` by ``i^2 = -1`` and keeps the off-diagonal purely imaginary.

    Examples
    --------
    >>> chebyshev_phases(np.array([0.0, 0.0, -1.0]))
    array([1.57079633, 0.        , 1.57079633])
    """
    coef = as_coefficients(coef, "coef")
    c = np.asarray(coef)
    d = c.size - 1
    if np.iscomplexobj(c) or np.any(c[:d] != 0) or abs(c[d]) != 1.0:
        return None
    ph = np.zeros(d + 1)
    if c[d] < 0:
        ph[0] = ph[-1] = math.pi / 2
    return ph


# ----------------------------------------------------------------------------- completion


def _cheb_to_mono(c):
    return C.cheb2poly(np.asarray(c))


def _real_completion(p_cheb: np.ndarray):
    """(R, S) Chebyshev coefficients, real, with P^2 + R^2 + (1 - x^2) S^2 = 1 (Fejér–Riesz)."""
    d = p_cheb.size - 1
    f = -C.chebmul(p_cheb, p_cheb)
    f[0] += 1.0
    f = np.pad(f, (0, 2 * d + 1 - f.size))
    # F(t) = sum_k f_k cos(k t), only even k: in w = e^{2it}, F = sum_{m=-d..d} a_m w^m
    a = np.zeros(2 * d + 1)
    a[d] = f[0]
    for m in range(1, d + 1):
        a[d + m] = a[d - m] = f[2 * m] / 2.0
    if d == 0:
        g = np.array([math.sqrt(max(0.0, a[0]))])
    else:
        if np.max(np.abs(a)) < 1e-15:
            g = np.zeros(d + 1)
        else:
            roots = Pm.polyroots(a)  # w^d F(w), lowest power first
            roots = roots[np.argsort(np.abs(roots))][:d]
            g = np.real(Pm.polyfromroots(roots))
            # fix the scale: |g|^2 = F on the circle (least squares over a grid)
            phi = np.linspace(0, np.pi, 4 * d + 3)
            w = np.exp(1j * phi)
            Fv = np.real(Pm.polyval(w, a) * w ** (-d))
            gv = np.abs(Pm.polyval(w, g)) ** 2
            g = g * math.sqrt(max(0.0, float(np.dot(Fv, gv) / max(np.dot(gv, gv), 1e-300))))
    # e^{-idt} g(e^{2it}) = sum_m g_m e^{i(2m - d)t} = R(cos t) + i sin t S(cos t)
    R = np.zeros(d + 1)
    S = np.zeros(max(d, 1))
    for m, gm in enumerate(g):
        k = 2 * m - d
        R[abs(k)] += gm
        if k != 0:
            # sin(k t) = sign(k) sin t U_{|k|-1}(cos t); U_n in Chebyshev T form
            S[: abs(k)] += np.sign(k) * gm * _u_as_t(abs(k) - 1)
    return R, S


def _u_as_t(n: int) -> np.ndarray:
    """Chebyshev-T coefficients of U_n: U_n = 2 sum_{j = n, n-2, ...} T_j (halved at j = 0)."""
    out = np.zeros(n + 1)
    for j in range(n, -1, -2):
        out[j] = 2.0 if j else 1.0
    return out


def _complex_completion(p_cheb: np.ndarray):
    """B (monomial, complex) with |P|^2 + (1 - x^2)|B|^2 = 1 for a complex P (roots in the upper half-plane)."""
    pm = _cheb_to_mono(p_cheb)
    d = pm.size - 1
    pp = Pm.polymul(pm, np.conj(pm))  # |P(x)|^2 for real x
    one = np.zeros(pp.size)
    one[0] = 1.0
    num = np.real(one - pp)
    if d == 0:
        return np.zeros(1, dtype=complex)
    q, r = Pm.polydiv(num, np.array([1.0, 0.0, -1.0]))
    if np.max(np.abs(r)) > 1e-8 * max(1.0, np.max(np.abs(num))):
        raise InvalidArgumentError("target is not realisable as <0|U|0>: |P(+-1)| must be 1 for a complex target")
    q = np.real(q)[: 2 * d - 1]
    if abs(q[-1]) < 1e-14:
        raise InvalidArgumentError("target is not realisable as <0|U|0> (degree conditions of GSLW Thm 3 fail)")
    # G(x) = q(x) is even; B = x^par K(x^2) with K(y) conj(K)(y) = G(sqrt y) / y^par for every real y
    par = (d - 1) % 2
    h = q[::2]
    if par:
        h = h[1:]
    lead = h[-1]
    if lead < 0:
        raise InvalidArgumentError("target is not realisable as <0|U|0>: the completion would need |B|^2 < 0")
    nk = h.size - 1
    if nk:
        roots = Pm.polyroots(h)
        roots = roots[np.argsort(-roots.imag)][: nk // 2 + (nk % 2)]
        if 2 * roots.size != nk:
            raise InvalidArgumentError("target is not realisable as <0|U|0> (GSLW's condition on P(ix) fails)")
        K = math.sqrt(lead) * Pm.polyfromroots(roots)
    else:
        K = np.array([math.sqrt(lead)], dtype=complex)
    B = np.zeros(2 * K.size - 1 + par, dtype=complex)
    B[par::2] = K
    return B


def _strip(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    """Float layer stripping of a monomial SU(2) pair (A degree d, B degree d - 1) into d + 1 Wx phases."""
    A = np.array(A, dtype=complex)
    B = np.array(B, dtype=complex)
    d = A.size - 1
    phases = []
    x = np.array([0.0, 1.0])
    one_minus = np.array([1.0, 0.0, -1.0])
    for deg in range(d, 0, -1):
        p = A[deg] if A.size > deg else 0.0
        q = B[deg - 1] if B.size > deg - 1 else 0.0
        if abs(q) < 1e-300:
            e = 1.0 + 0j
            phi = 0.0
        else:
            r = p / q
            if abs(1 + r) < 1e-12:
                e = 1j
                phi = math.pi / 2
            else:
                e = (1 + r) / abs(1 + r)
                phi = math.atan2(r.imag, 1 + r.real)
        newA = Pm.polyadd(Pm.polymul(x, A) * np.conj(e), Pm.polymul(one_minus, B) * e)
        newB = Pm.polysub(Pm.polymul(x, B) * e, A * np.conj(e))
        A = np.asarray(newA, dtype=complex)[:deg]
        B = np.asarray(newB, dtype=complex)[: max(deg - 1, 1)]
        phases.append(phi)
    phases.append(math.atan2(A[0].imag, A[0].real))
    return np.array(phases[::-1])


# ----------------------------------------------------------------------------- polish


def _unitaries_and_derivatives(phases: np.ndarray, x: np.ndarray):
    """U(x) (n, 2, 2) and dU/dphi_k (d + 1, n, 2, 2) of the Wx product, by prefix/suffix products."""
    n = x.size
    s = np.sqrt(np.maximum(0.0, (1 - x) * (1 + x)))
    W = np.zeros((n, 2, 2), dtype=complex)
    W[:, 0, 0] = W[:, 1, 1] = x
    W[:, 0, 1] = W[:, 1, 0] = 1j * s
    Zs = [np.array([[np.exp(1j * p), 0], [0, np.exp(-1j * p)]]) for p in phases]
    d = phases.size - 1
    pre = [np.broadcast_to(np.eye(2, dtype=complex), (n, 2, 2))]  # product of the factors before e^{i phi_k Z}
    cur = pre[0]
    for k in range(d):
        cur = (cur @ Zs[k]) @ W
        pre.append(cur)
    suf = [None] * (d + 1)  # e^{i phi_k Z} and everything after it
    cur = np.broadcast_to(Zs[d], (n, 2, 2))
    suf[d] = cur
    for k in range(d - 1, -1, -1):
        cur = Zs[k] @ (W @ cur)
        suf[k] = cur
    U = suf[0]
    iZ = np.array([[1j, 0], [0, -1j]])
    dU = np.stack([pre[k] @ (iZ @ suf[k]) for k in range(d + 1)])
    return U, dU


def _readout(M, readout: str):
    if readout == "plus":
        return 0.5 * (M[..., 0, 0] + M[..., 0, 1] + M[..., 1, 0] + M[..., 1, 1])
    return M[..., 0, 0]


def _polish(phases: np.ndarray, target_vals: np.ndarray, x: np.ndarray, readout: str, real_only: bool,
            iterations: int = 30) -> np.ndarray:
    best = phases.copy()
    best_res = math.inf
    ph = phases.copy()
    for _ in range(iterations):
        U, dU = _unitaries_and_derivatives(ph, x)
        val = _readout(U, readout)
        r = val - target_vals
        if real_only:
            res_vec = r.real
            J = _readout(dU, readout).real.T
        else:
            res_vec = np.concatenate([r.real, r.imag])
            Jc = _readout(dU, readout).T
            J = np.concatenate([Jc.real, Jc.imag])
        res = float(np.max(np.abs(res_vec)))
        if res < best_res:
            best, best_res = ph.copy(), res
        elif res > 2 * best_res:
            break
        if res < 1e-15:
            break
        step, *_ = np.linalg.lstsq(J, res_vec, rcond=1e-12)
        ph = ph - step
    return best


def _completion_coefficients(coef) -> np.ndarray:
    """A non-empty 1-D finite real or complex array of Chebyshev coefficients, or a mathref error."""
    coef = getattr(coef, "coef", coef)
    reject_text(coef, "coef")
    if coef is None or isinstance(coef, (dict, set)):
        raise InvalidTypeError(f"coef={coef!r} must be an array of Chebyshev coefficients")
    try:
        c = np.asarray(coef)
        if c.dtype == object or c.dtype.kind not in "biufc":
            c = np.array(c, dtype=np.complex128)
        c = c.astype(np.complex128 if np.iscomplexobj(c) else np.float64)
    except (TypeError, ValueError):
        raise InvalidTypeError("coef: coefficients must be numbers") from None
    if c.ndim != 1 or c.size == 0:
        raise InvalidArgumentError(f"coef must be a non-empty 1-D array, got shape {c.shape}")
    if not np.all(np.isfinite(c)):
        raise InvalidArgumentError("coef contains NaN or infinite values")
    return c


def completion_phases(coef: ArrayLike, *, readout: str = "0") -> np.ndarray:
    """Wx phases for a target touching |P| = 1, a complex target, or the Laurent readout.

    Parameters
    ----------
    coef : array_like
        Chebyshev coefficients of P (definite parity; complex allowed for ``readout="0"``).
    readout : {"0", "re", "plus"}
        ``"re"``: ``Re <0|U|0> = P`` (real P, |P| <= 1), with a real off-diagonal polynomial B
        so that the ``"laurent"`` convention (``<+|U|+> = P``) is one exact conversion away;
        ``"plus"``: that conversion, then polished on the complex ``<+|U|+> = P``;
        ``"0"``: ``<0|U|0> = P`` (complex P satisfying GSLW's conditions, e.g. ``|P(+-1)| = 1``).

    Returns
    -------
    numpy.ndarray
        d + 1 Wx phases (measure their error with :func:`spectral.qsp.verify` or the caller's check).

    Examples
    --------
    >>> from mathref.spectral import qsp_response
    >>> ph = completion_phases(np.array([0.5, 0.0, 0.5]), readout="re")       # x^2 touches 1 at +-1
    >>> x = np.linspace(-1, 1, 5)
    >>> bool(np.allclose(qsp_response(ph, x).real, x**2, atol=1e-12))
    True
    """
    c = _completion_coefficients(coef)
    if readout not in ("0", "re", "plus") if isinstance(readout, str) else True:
        raise InvalidArgumentError(f"readout={readout!r} must be one of '0', 're', 'plus'")
    nz = np.flatnonzero(c)
    c = c[: nz[-1] + 1] if nz.size else c[:1]
    d = c.size - 1
    if d > MAX_COMPLETION_DEGREE:
        raise InvalidArgumentError(
            f"the completion path (|P| = 1 or complex targets) needs root finding of a degree-{2 * d} "
            f"polynomial; degree {d} is above its limit {MAX_COMPLETION_DEGREE}")
    if readout == "plus":
        # the Laurent readout: the real-B solution conjugated by e^{i pi/4 Z}, polished on <+|U|+> = P itself
        ph = completion_phases(c, readout="re")
        ph[0] += math.pi / 4
        ph[-1] -= math.pi / 4
        m = d + 1
        x = np.cos((np.arange(m) + 0.5) * np.pi / m)
        return _polish(ph, C.chebval(x, c).astype(complex), x, "plus", False)
    exact = chebyshev_phases(c) if readout == "re" else None
    if exact is not None:
        return exact
    if readout == "0":
        if not np.iscomplexobj(c):
            c = c.astype(complex)
        B = _complex_completion(c)
        A = _cheb_to_mono(c)
        real_only = False
    elif readout == "re":
        if np.iscomplexobj(c):
            raise InvalidArgumentError(f"readout={readout!r} needs a real target")
        R, S = _real_completion(c.astype(float))
        A = _cheb_to_mono(c) + 1j * _cheb_to_mono(R)[: d + 1]
        B = _cheb_to_mono(S).astype(complex)  # real B: the Laurent readout is then one conversion away
        real_only = True
    else:
        raise InvalidArgumentError(f"readout={readout!r} is not one of ('0', 're', 'plus')")
    if d == 0:
        return np.array([math.atan2(complex(A[0]).imag, complex(A[0]).real)])
    ph = _strip(A, B)
    m = d + 1
    x = np.cos((np.arange(m) + 0.5) * np.pi / m)
    target_vals = C.chebval(x, c)
    return _polish(ph, target_vals, x, "0", real_only)
