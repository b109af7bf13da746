"""Independent truth for certificate tests: mpmath evaluation of the float coefficients against f.

Nothing here shares code with :mod:`mathref.spectral.qsp.certificates`: P is summed by
Clenshaw's recurrence in mpmath at 160 bits from the float64 coefficients as stored, and
f is evaluated by mpmath at the same points.  The result is a lower bound on the true
``max |P - s f|`` (a maximum over finitely many points), so ``certificate >= truth`` is a
necessary condition for a certificate to be a bound.
"""

from __future__ import annotations

import numpy as np
from mpmath.ctx_mp import MPContext


def mp_clenshaw(ctx, coef, x):
    b1 = b2 = ctx.zero
    for c in coef[:0:-1]:
        b1, b2 = 2 * x * b1 - b2 + ctx.mpf(float(c)), b1
    return x * b1 - b2 + ctx.mpf(float(coef[0]))


def _candidate_points(t, n_uniform: int, n_float: int, top: int) -> np.ndarray:
    pts = []
    for a, b in t.domain:
        xs = np.cos(np.linspace(np.arccos(b), np.arccos(a), n_float))
        pts.append(xs)
        if t.parity is not None and a >= 0:
            pts.append(-xs)
    x = np.concatenate(pts)
    if np.iscomplexobj(t.coef):
        err = np.abs(t(x) - t.function(x))
    else:
        err = np.abs(t(x) - t.function(x))
    best = x[np.argsort(-err)[:top]]
    uniform = x[np.linspace(0, x.size - 1, n_uniform).astype(int)]
    return np.unique(np.concatenate([best, uniform]))


def true_error(t, f_mp, *, n_uniform: int = 200, n_float: int = 20001, top: int = 40) -> float:
    """max over candidate points of |P(x) - s f(x)| in mpmath (a lower bound on the sup)."""
    ctx = MPContext()
    ctx.prec = 160
    coef = np.asarray(t.coef)
    best = 0.0
    for x in _candidate_points(t, n_uniform, n_float, top):
        xm = ctx.mpf(float(x))
        if np.iscomplexobj(coef):
            p = mp_clenshaw(ctx, coef.real, xm) + 1j * mp_clenshaw(ctx, coef.imag, xm)
        else:
            p = mp_clenshaw(ctx, coef, xm)
        best = max(best, float(abs(p - t.scale * f_mp(ctx, xm))))
    return best


def true_sup(coef, *, n: int = 40001, top: int = 20) -> float:
    """max |P| over the ``top`` largest points of an n-point float scan, P summed in mpmath."""
    ctx = MPContext()
    ctx.prec = 160
    c = np.asarray(coef)
    xs = np.cos(np.linspace(0, np.pi, n))
    vals = np.abs(np.polynomial.chebyshev.chebval(xs, c))
    pick = xs[np.argsort(-vals)[:top]]
    return max(float(abs(mp_clenshaw(ctx, c, ctx.mpf(float(x))))) for x in pick)
