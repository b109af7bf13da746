"""Verification kind of the spectral package: ``qsp`` (phases -> the achieved polynomial vs the target).

The input is a set of phase factors (an array, or a table as ``mathref tables
qsp`` writes it) and the target polynomial (Chebyshev coefficients or a
:class:`~mathref.spectral.qsp.QSPTarget`).  The phases are turned into the
polynomial they achieve by direct SU(2) products (:func:`qsp_response`) on a
Chebyshev grid plus the end points, and each grid value is compared with the
target; other phase conventions (and the other readout part) are the candidate
conventions.  ``mathref verify`` finds :data:`VERIFY_KINDS` through the
``mathref.verify`` entry point.  (The module is not called ``spectral/verify.py``:
``mathref.spectral.verify`` is already the public QSP check function, which a
submodule of that name would shadow once imported.)
"""

from __future__ import annotations

import numpy as np

from mathref.errors import InvalidArgumentError, InvalidTypeError
from mathref.verify.kinds import Convention, Entries, VerifyKind

from .qsp import (
    CONVENTIONS,
    QSPTarget,
    cos_target,
    erf_target,
    inverse_target,
    qsp_response,
    rectangle_target,
    sign_target,
    sin_target,
    threshold_target,
)

__all__ = ["VERIFY_KINDS"]

_READS_IMAG = {"symmetric-im"}


def _grid(degree: int) -> np.ndarray:
    n = max(64, 4 * (degree + 1))
    return np.concatenate([[-1.0, 1.0], np.cos((np.arange(n) + 0.5) * np.pi / n)])


def _readout(phases, x, convention):
    r = qsp_response(phases, x, convention=convention)
    return r.imag if convention in _READS_IMAG else r.real


def _coefficients(target) -> np.ndarray:
    if isinstance(target, QSPTarget):
        return np.asarray(target.coef)
    if target is None:
        raise InvalidArgumentError("qsp needs target= (Chebyshev coefficients or a QSPTarget) next to the phases")
    try:
        c = np.asarray(target, dtype=float)
    except (TypeError, ValueError):
        raise InvalidTypeError("target must be Chebyshev coefficients (numbers) or a QSPTarget") from None
    if c.ndim != 1 or c.size == 0 or not np.all(np.isfinite(c)):
        raise InvalidArgumentError("target must be a non-empty 1-D array of finite Chebyshev coefficients")
    return c


def _entries(groups, complete=True) -> Entries:
    """groups: list of (phases, coefficients, convention)."""
    labels, values = [], []
    for g, (phases, coef, conv) in enumerate(groups):
        x = _grid(max(len(coef) - 1, len(phases)))
        labels.append(np.stack([np.full(x.size, float(g)), x], axis=1))
        values.append(_readout(phases, x, conv))
    ctx = {"groups": [(np.asarray(p, float), np.asarray(c, float), conv) for p, c, conv in groups]}
    return Entries(np.concatenate(labels), np.concatenate(values).astype(float), context=ctx, complete=complete)


def _reference(labels, context):
    labels = np.asarray(labels, dtype=float)
    groups = context["groups"]
    out = np.zeros(labels.shape[0])
    g = labels[:, 0].astype(int)
    for k, (_, coef, _) in enumerate(groups):
        sel = g == k
        out[sel] = np.polynomial.chebyshev.chebval(labels[sel, 1], coef)
    return out, np.ones(labels.shape[0], dtype=bool)


def _params(text: str) -> dict:
    out = {}
    for part in str(text).split(","):
        if "=" in part:
            k, v = part.split("=", 1)
            out[k.strip()] = float(v)
    return out


def _rebuild(label: str, parameters: str, degree: int, eps: float):
    """The target of one ``mathref tables qsp`` row group (same builders as spectral/tables.py)."""
    p = _params(parameters)
    if label == "T_d":
        c = np.zeros(int(degree) + 1)
        c[-1] = 1.0
        return c
    builders = {
        "0.5*cos(tau x)": lambda: cos_target(p["tau"], eps=eps),
        "0.5*sin(tau x)": lambda: sin_target(p["tau"], eps=eps),
        "s/(kappa x)": lambda: inverse_target(p["kappa"], eps=eps),
        "s*sign(x)": lambda: sign_target(p["delta"], eps=eps),
        "s*[|x|>=c]": lambda: threshold_target(p["c"], p["delta"], eps=eps),
        "s*[|x|<=c]": lambda: rectangle_target(p["c"], p["delta"], eps=eps),
        "s*erf(k x)": lambda: erf_target(p["k"], eps=eps),
    }
    if label not in builders:
        raise InvalidArgumentError(f"qsp table: unknown target {label!r}")
    return np.asarray(builders[label]().coef)


# the ``mathref tables qsp`` target names, their row labels and parameters (spectral/tables.py)
_TABLE_TARGETS = {
    "cos": ("0.5*cos(tau x)", "tau=10"), "sin": ("0.5*sin(tau x)", "tau=10"), "inverse": ("s/(kappa x)", "kappa=10"),
    "sign": ("s*sign(x)", "delta=0.1"), "threshold": ("s*[|x|>=c]", "c=0.5,delta=0.1"),
    "rectangle": ("s*[|x|<=c]", "c=0.5,delta=0.1"), "erf": ("s*erf(k x)", "k=5"), "chebyshev": ("T_d", "d=7"),
}


def _label_numeric_table(cols, options):
    """An ``.npy`` qsp table keeps only numbers: name the groups from the manifest's target list."""
    names = [t.strip() for t in str(options.get("targets", "")).split(",") if t.strip()]
    starts = np.flatnonzero(np.asarray(cols["k"]) == 0)
    if not names or len(names) != starts.size:
        raise InvalidArgumentError("a qsp .npy table needs its manifest (the target list) beside it")
    n = len(cols["k"])
    target, params = np.empty(n, dtype=object), np.empty(n, dtype=object)
    for name, a, b in zip(names, starts, list(starts[1:]) + [n]):
        target[a:b], params[a:b] = _TABLE_TARGETS.get(name, (name, ""))
    return {**cols, "target": target, "parameters": params,
            "convention": np.full(n, str(options.get("convention", "Wx")), dtype=object)}


def _from_table(data, options) -> Entries:
    cols = data.columns or {}
    if "target" not in cols and "k" in cols and "phase" in cols:
        cols = _label_numeric_table(cols, options)
    need = ("target", "parameters", "degree", "convention", "k", "phase")
    if not all(c in cols for c in need):
        raise InvalidArgumentError(f"a qsp table needs columns {need}, has {list(cols)}")
    eps = float(options.get("eps", 1e-10))
    groups, order = {}, []
    for i in range(len(cols["phase"])):
        key = (str(cols["target"][i]), str(cols["parameters"][i]), int(cols["degree"][i]), str(cols["convention"][i]))
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append((int(cols["k"][i]), float(cols["phase"][i])))
    out = []
    for key in order:
        phases = np.array([ph for _, ph in sorted(groups[key])])
        out.append((phases, _rebuild(key[0], key[1], key[2], eps), key[3]))
    return _entries(out)


def _from_input(raw, options) -> Entries:
    if hasattr(raw, "columns") and hasattr(raw, "manifest"):  # a file read by mathref.verify.read_table
        if raw.columns is None:
            phases = np.asarray(raw.array, dtype=float).reshape(-1)
            return _entries([(phases, _coefficients(options.get("target")), options.get("phase_convention", "Wx"))])
        return _from_table(raw, options)
    if callable(raw) and not isinstance(raw, np.ndarray):
        raise InvalidTypeError("qsp takes phases (an array or a file), not a callable")
    try:
        phases = np.asarray(raw, dtype=float)
    except (TypeError, ValueError):
        raise InvalidTypeError("qsp phases must be an array of numbers") from None
    if phases.ndim != 1 or phases.size == 0 or not np.all(np.isfinite(phases)):
        raise InvalidArgumentError("phases must be a non-empty 1-D array of finite numbers")
    if phases.size > 100_000:
        raise InvalidArgumentError(f"phases has {phases.size} entries (limit 100000)")
    return _entries([(phases, _coefficients(options.get("target")), options.get("phase_convention", "Wx"))])


def _as(convention):
    def to_ours(e):
        groups = e.context["groups"]
        g = e.labels[:, 0].astype(int)
        v = np.empty(len(e))
        for k, (phases, _, _) in enumerate(groups):
            sel = g == k
            v[sel] = _readout(phases, e.labels[sel, 1], convention)
        return e.with_(values=v)

    return to_ours


_QSP_CONVENTIONS = tuple(
    Convention(c, f"phases in the {c!r} convention (spectral.qsp.convert_phases)", _as(c)) for c in CONVENTIONS
)


VERIFY_KINDS = (
    VerifyKind(name="qsp", description="QSP phase factors: the achieved polynomial against the target",
               labels=("target", "x"), reference=_reference, sample=lambda options: np.zeros((0, 2)),
               conventions=_QSP_CONVENTIONS, from_input=_from_input, rtol=0.0, atol=1e-11,
               value_columns=(("phase",),)),
)
