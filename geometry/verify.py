"""Verification kinds of the geometry package: ``sh``, ``real_sh``, ``wigner_d``.

The exact values are computed with mpmath at 30 significant digits and rounded
once to a double (``mpmath.spherharm`` for the harmonics, the explicit finite
sum for the Wigner small-d), so a float implementation is compared with the
correctly rounded value, not with mathref's own float kernels.  Conventions
(module docstrings of :mod:`~mathref.geometry.sph_harm`,
:mod:`~mathref.geometry.real_forms` and :mod:`~mathref.geometry.wigner_d`):
complex Y_l^m with the Condon-Shortley phase; the standard real form (as
sphericart); D^j_{m'm}(α, β, γ) = e^{-im'α} d^j_{m'm}(β) e^{-imγ}, ZYZ, active.
``mathref verify`` finds :data:`VERIFY_KINDS` through the ``mathref.verify``
entry point.
"""

from __future__ import annotations

import itertools
import math

import mpmath
import numpy as np

from mathref.errors import InvalidArgumentError
from mathref.verify.kinds import Convention, VerifyKind

__all__ = ["VERIFY_KINDS"]

#: Working precision (decimal digits) of the reference values.
DPS = 30
#: Largest degree the references are computed for (mpmath cost grows with l).
LMAX = 400


def _sign(x):
    return np.where(np.round(x) % 2 == 0, 1.0, -1.0)


#: Largest number of entries whose reference one call computes with mpmath (about 50 µs each).
MAX_ENTRIES = 200_000


def _check_cost(labels: np.ndarray, what: str) -> None:
    from mathref.errors import SizeLimitError

    l = labels[:, 0]
    big = np.isfinite(l) & (l > LMAX)
    if big.any():
        raise SizeLimitError(f"{what}: degree {float(l[big].max()):g} exceeds {LMAX}, the largest the mpmath "
                             "reference is computed for", argument="l", estimate=f"l = {float(l[big].max()):g}")
    if labels.shape[0] > MAX_ENTRIES:
        raise SizeLimitError(f"{what}: {labels.shape[0]} entries exceed {MAX_ENTRIES} (mpmath, about 50 µs each)",
                             argument="values_or_callable", estimate=f"{labels.shape[0] * 5e-5:.0f} s")


def _lm_ok(l, m, integer=True):
    ok = np.isfinite(l) & np.isfinite(m) & (l >= 0)
    if integer:
        ok &= (l == np.round(l)) & (m == np.round(m))
    else:
        ok &= (2 * l == np.round(2 * l)) & (2 * m == np.round(2 * m)) & ((l - m) == np.round(l - m))
    return ok


def _complex_y(l: int, m: int, theta: float, phi: float) -> mpmath.mpc:
    if abs(m) > l:
        return mpmath.mpc(0)
    return mpmath.spherharm(l, m, mpmath.mpf(theta), mpmath.mpf(phi))


def _sh_reference(labels, context):
    labels = np.asarray(labels, dtype=float)
    _check_cost(labels, "sh")
    l, m, th, ph = labels.T
    ok = _lm_ok(l, m) & np.isfinite(th) & np.isfinite(ph)
    out = np.zeros(labels.shape[0], dtype=complex)
    with mpmath.workdps(DPS):
        for i in np.flatnonzero(ok):
            out[i] = complex(_complex_y(int(l[i]), int(m[i]), th[i], ph[i]))
    return out, ok


def _real_y(l, m, theta, phi):
    if abs(m) > l:
        return 0.0
    if m == 0:
        return float(mpmath.re(_complex_y(l, 0, theta, phi)))
    y = _complex_y(l, abs(m), theta, phi)
    part = mpmath.re(y) if m > 0 else mpmath.im(y)
    return float(mpmath.sqrt(2) * (-1) ** abs(m) * part)


def _real_sh_reference(labels, context):
    labels = np.asarray(labels, dtype=float)
    _check_cost(labels, "real_sh")
    l, m, th, ph = labels.T
    ok = _lm_ok(l, m) & np.isfinite(th) & np.isfinite(ph)
    out = np.zeros(labels.shape[0])
    with mpmath.workdps(DPS):
        for i in np.flatnonzero(ok):
            out[i] = _real_y(int(l[i]), int(m[i]), th[i], ph[i])
    return out, ok


def _small_d(j2: int, mp2: int, m2: int, beta: float) -> mpmath.mpf:
    """d^j_{m'm}(β) by the explicit sum, in doubled labels (mpmath)."""
    if abs(mp2) > j2 or abs(m2) > j2:
        return mpmath.mpf(0)
    jpm, jmm, jpmp, jmmp = (j2 + m2) // 2, (j2 - m2) // 2, (j2 + mp2) // 2, (j2 - mp2) // 2
    dm = (mp2 - m2) // 2
    c, s = mpmath.cos(mpmath.mpf(beta) / 2), mpmath.sin(mpmath.mpf(beta) / 2)
    pre = mpmath.sqrt(mpmath.factorial(jpmp) * mpmath.factorial(jmmp) * mpmath.factorial(jpm) * mpmath.factorial(jmm))
    total = mpmath.mpf(0)
    for k in range(max(0, -dm), min(jpm, jmmp) + 1):
        term = (c ** (jpm + jmmp - 2 * k) * s ** (dm + 2 * k)
                / (mpmath.factorial(jpm - k) * mpmath.factorial(k) * mpmath.factorial(dm + k)
                   * mpmath.factorial(jmmp - k)))
        total += -term if (dm + k) % 2 else term
    return pre * total


def _wigner_d_reference(labels, context):
    labels = np.asarray(labels, dtype=float)
    _check_cost(labels, "wigner_d")
    j, mp, m, a, b, g = labels.T
    ok = _lm_ok(j, mp, integer=False) & _lm_ok(j, m, integer=False) & np.all(np.isfinite(labels[:, 3:]), axis=1)
    out = np.zeros(labels.shape[0], dtype=complex)
    with mpmath.workdps(DPS):
        for i in np.flatnonzero(ok):
            d = _small_d(int(round(2 * j[i])), int(round(2 * mp[i])), int(round(2 * m[i])), b[i])
            phase = mpmath.expj(-mpmath.mpf(mp[i]) * mpmath.mpf(a[i]) - mpmath.mpf(m[i]) * mpmath.mpf(g[i]))
            out[i] = complex(phase * d)
    return out, ok


# ------------------------------------------------------------------ samples for callables
def _points(options):
    rng = np.random.default_rng(int(options.get("seed", 0)))
    pts = [(0.0, 0.0), (math.pi, 0.3), (1e-8, 1.0), (math.pi - 1e-8, -2.0), (math.pi / 2, 0.0),
           (math.pi / 2, math.pi), (0.3, -0.4), (2.5, 3.0)]
    pts += [(float(math.acos(rng.uniform(-1, 1))), float(rng.uniform(-math.pi, math.pi))) for _ in range(8)]
    return pts


def _lmax(options, default, top):
    lmax = options.get("lmax", default)
    if isinstance(lmax, bool) or not isinstance(lmax, (int, np.integer, float, str)):
        raise InvalidArgumentError(f"lmax={lmax!r} must be an int")
    lmax = int(float(lmax))
    if not 0 <= lmax <= top:
        raise InvalidArgumentError(f"lmax={lmax} must lie in [0, {top}] for sampling a callable")
    return lmax


def _sh_sample(options):
    lmax = _lmax(options, 4, 60)
    rows = [(l, m, t, p) for (t, p) in _points(options) for l in range(lmax + 1) for m in range(-l, l + 1)]
    return np.array(rows, dtype=float)


def _wigner_d_sample(options):
    lmax = _lmax(options, 2, 20)
    rng = np.random.default_rng(int(options.get("seed", 0)))
    angles = [(0.0, 0.0, 0.0), (0.1, math.pi, 0.2), (0.3, 1e-7, -0.5), (1.0, math.pi / 2, 2.0)]
    angles += [tuple(float(x) for x in rng.uniform(-math.pi, math.pi, 3)) for _ in range(4)]
    rows = []
    for two_j in range(0, 2 * lmax + 1):
        j = two_j / 2
        for a, b, g in angles:
            for mp2 in range(-two_j, two_j + 1, 2):
                for m2 in range(-two_j, two_j + 1, 2):
                    rows.append((j, mp2 / 2, m2 / 2, a, b, g))
    return np.array(rows, dtype=float)


# ------------------------------------------------------------------ conventions
def _norms(l):
    return {"integral": np.ones_like(l), "component": np.full_like(l, math.sqrt(4 * math.pi)),
            "norm": np.sqrt(4 * math.pi / (2 * l + 1))}


_NORM_TEXT = {"integral": "", "component": "component (4pi) normalisation, sqrt(4pi) times ours",
              "norm": "norm (Schmidt) normalisation, sqrt(4pi/(2l+1)) times ours"}


def _sh_candidate(phase, norm, swapped):
    def to_ours(e):
        lab = e.labels[:, [0, 1, 3, 2]] if swapped else e.labels
        v = e.values / _norms(lab[:, 0])[norm]
        if phase == "no_cs":
            v = v * np.where(lab[:, 1] > 0, _sign(lab[:, 1]), 1.0)
        elif phase == "conjugate":
            v = np.conj(v)
        return e.with_(labels=lab, values=v)

    parts = [p for p in (phase if phase != "cs" else "", norm if norm != "integral" else "",
                         "phi_theta" if swapped else "") if p]
    text = "; ".join(t for t in ({"no_cs": "no Condon-Shortley phase ((-1)^m for m > 0)",
                                  "conjugate": "complex conjugate"}.get(phase, ""), _NORM_TEXT[norm],
                                 "arguments (phi, theta)" if swapped else "") if t)
    return Convention("+".join(parts), text, to_ours)


_SH_CONVENTIONS = tuple(_sh_candidate(p, n, s) for p, n, s in
                        itertools.product(("cs", "no_cs", "conjugate"), ("integral", "component", "norm"),
                                          (False, True)) if (p, n, s) != ("cs", "integral", False))


def _e3nn_points(theta, phi):
    # Y^e3nn(r) = Y^std(P r) with P(x, y, z) = (z, x, y) (geometry.real_forms)
    x, y, z = np.sin(theta) * np.cos(phi), np.sin(theta) * np.sin(phi), np.cos(theta)
    nx, ny, nz = z, x, y
    return np.arccos(np.clip(nz, -1.0, 1.0)), np.arctan2(ny, nx)


def _real_candidate(form, norm):
    def to_ours(e):
        lab = e.labels.copy()
        v = e.values / _norms(lab[:, 0])[norm]
        if form == "sympy":
            v = v * _sign(lab[:, 1])
        elif form == "e3nn":
            lab[:, 2], lab[:, 3] = _e3nn_points(lab[:, 2], lab[:, 3])
        return e.with_(labels=lab, values=v)

    parts = [p for p in (form if form != "standard" else "", norm if norm != "integral" else "") if p]
    text = "; ".join(t for t in ({"sympy": "sympy's real form ((-1)^m times ours)",
                                  "e3nn": "e3nn's y-polar real form, Y(x, y, z) = Y_ours(z, x, y)"}.get(form, ""),
                                 _NORM_TEXT[norm]) if t)
    return Convention("+".join(parts), text, to_ours)


_REAL_CONVENTIONS = tuple(_real_candidate(f, n) for f, n in
                          itertools.product(("standard", "sympy", "e3nn"), ("integral", "component", "norm"))
                          if (f, n) != ("standard", "integral"))


def _d_candidate(name, text, swap=False, conj=False, phase=False, reverse=False):
    def to_ours(e):
        lab = e.labels.copy()
        v = e.values
        if swap:
            lab[:, [1, 2]] = lab[:, [2, 1]]
        if reverse:
            lab[:, [3, 5]] = lab[:, [5, 3]]
        if conj:
            v = np.conj(v)
        if phase:
            v = v * _sign(lab[:, 1] - lab[:, 2])
        return e.with_(labels=lab, values=v)

    return Convention(name, text, to_ours)


_D_CONVENTIONS = (
    _d_candidate("conjugate", "complex conjugate, e^{+im'alpha} d e^{+im gamma} (as spherical.Wigner.D)", conj=True),
    _d_candidate("transposed", "rows m and columns m' exchanged", swap=True),
    _d_candidate("passive", "passive rotation: D(R)^dagger, i.e. conjugate and transposed", swap=True, conj=True),
    _d_candidate("phase", "a (-1)^(m'-m) phase (the other sign of d)", phase=True),
    _d_candidate("gamma_alpha", "Euler angles given as (gamma, beta, alpha)", reverse=True),
)


VERIFY_KINDS = (
    VerifyKind(name="sh", description="complex spherical harmonics Y_l^m(theta, phi), Condon-Shortley phase",
               labels=("l", "m", "theta", "phi"), reference=_sh_reference, sample=_sh_sample,
               conventions=_SH_CONVENTIONS, m_of={"m": "l"}, rtol=1e-12, atol=1e-13),
    VerifyKind(name="real_sh", description="real spherical harmonics, standard form (no CS phase, as sphericart)",
               labels=("l", "m", "theta", "phi"), reference=_real_sh_reference, sample=_sh_sample,
               conventions=_REAL_CONVENTIONS, m_of={"m": "l"}, rtol=1e-12, atol=1e-13),
    VerifyKind(name="wigner_d", description="Wigner D^j_{m'm}(alpha, beta, gamma), ZYZ, active, e^{-im'a} d e^{-im g}",
               labels=("l", "mp", "m", "alpha", "beta", "gamma"), reference=_wigner_d_reference,
               sample=_wigner_d_sample, conventions=_D_CONVENTIONS, m_of={"mp": "l", "m": "l"},
               rtol=1e-12, atol=1e-13),
)
