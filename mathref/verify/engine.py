"""The comparison engine: entries against exact values, and the search for the convention a table is in.

Every entry is compared with the exact value rounded once to a double.  An entry
passes when ``|value - exact| <= max(rtol |exact|, atol, ulps * ulp(exact))``.
Failures are classified (sign error: the negated value would pass; a nonzero
where the exact value is 0; NaN/inf; an invalid label; a call that raised) and
the worst are listed.  When a table fails, each candidate convention of the kind
(and each re-ordering of a dense array's axes) is tried on a sample and then on
every entry; a candidate that fits is named in the report instead of a list of
garbage differences.
"""

from __future__ import annotations

import numpy as np

from mathref.errors import MathrefError

from .kinds import Entries, VerifyKind
from .report import EntryProblem, VerificationReport

__all__ = ["Tolerance", "compare", "detect_convention"]

#: Entries tried per candidate convention before a full comparison.
SAMPLE = 2000

# ranking of problems in the list of worst entries (larger first)
_PRIORITY = {"invalid label": 7, "raised": 6, "NaN": 5, "inf": 5, "missing": 4, "sign": 3,
             "nonzero where exact is 0": 2, "tolerance": 1}


class Tolerance:
    """The per-entry acceptance rule ``|v - e| <= max(rtol |e|, atol, ulps ulp(e))``.

    Examples
    --------
    >>> Tolerance(rtol=1e-12, atol=0.0, ulps=None).text
    'rtol 1e-12'
    """

    def __init__(self, *, rtol: float, atol: float, ulps: float | None) -> None:
        self.rtol, self.atol, self.ulps = float(rtol), float(atol), ulps

    @property
    def text(self) -> str:
        parts = []
        if self.ulps is not None:
            parts.append(f"{self.ulps:g} ulp")
        if self.rtol:
            parts.append(f"rtol {self.rtol:g}")
        if self.atol:
            parts.append(f"atol {self.atol:g}")
        return " or ".join(parts) if parts else "exact (0 ulp)"

    def bound(self, magnitude: np.ndarray) -> np.ndarray:
        b = np.maximum(self.rtol * magnitude, self.atol)
        if self.ulps is not None:
            b = np.maximum(b, self.ulps * np.spacing(magnitude))
        return b


def _errors(values: np.ndarray, expected: np.ndarray):
    diff = np.abs(values - expected)
    mag = np.abs(expected)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        rel = np.where(mag > 0, diff / np.where(mag > 0, mag, 1.0), np.where(diff > 0, np.inf, 0.0))
        ulps = np.where(mag > 0, diff / np.spacing(mag), np.where(diff > 0, np.inf, 0.0))
    return diff, mag, rel, ulps


def _key_rows(labels: np.ndarray) -> np.ndarray:
    # labels are half-integers (or arbitrary floats for points): compare doubled and rounded
    return np.round(2.0 * labels, 9)


_MEMO: dict = {}


def reference(kind: VerifyKind, labels: np.ndarray, context: dict) -> tuple[np.ndarray, np.ndarray]:
    """``kind.reference`` with a small memo: candidate conventions that change only values reuse it."""
    labels = np.ascontiguousarray(labels, dtype=float)
    key = (kind.name, labels.shape, hash(labels.tobytes()), id(context))
    if key not in _MEMO:
        if len(_MEMO) >= 8:
            _MEMO.pop(next(iter(_MEMO)))
        expected, valid = kind.reference(labels, context)
        _MEMO[key] = (np.asarray(expected), np.asarray(valid, dtype=bool))
    return _MEMO[key]


def _row_keys(rows: np.ndarray) -> np.ndarray:
    # one opaque key per row (its bytes) so that numpy's set operations compare whole rows
    rows = np.ascontiguousarray(rows + 0.0)  # + 0.0 turns -0.0 into 0.0
    return rows.view(np.dtype((np.void, rows.dtype.itemsize * rows.shape[1]))).reshape(-1)


def _missing(kind: VerifyKind, entries: Entries, options: dict) -> np.ndarray:
    if entries.complete or kind.expected_nonzeros is None or not options.get("complete", True):
        return np.zeros((0, len(kind.labels)))
    want = np.asarray(kind.expected_nonzeros(entries.labels, options), dtype=float).reshape(-1, len(kind.labels))
    if want.shape[0] == 0:
        return want
    mask = ~np.isin(_row_keys(_key_rows(want)), _row_keys(_key_rows(entries.labels)))
    return want[mask]


def _check_engine_arguments(kind, entries, tol) -> None:
    from ..errors import InvalidTypeError

    for name, value, cls in (("kind", kind, VerifyKind), ("entries", entries, Entries), ("tol", tol, Tolerance)):
        if not isinstance(value, cls):
            raise InvalidTypeError(f"{name}={value!r:.60} must be a {cls.__name__} (use mathref.verify.verify)")


def compare(kind: VerifyKind, entries: Entries, tol: Tolerance, *, options: dict | None = None, worst: int = 10,
            convention: str = "mathref", notes: tuple = ()) -> VerificationReport:
    """Compare every entry with the exact value; a :class:`VerificationReport`.

    Examples
    --------
    >>> from mathref.verify import get_kind
    >>> k = get_kind("cg")
    >>> e = Entries(np.array([[0.5, 0.5, 0.5, -0.5, 1, 0]]), np.array([0.5 ** 0.5]))
    >>> compare(k, e, Tolerance(rtol=0, atol=0, ulps=0), options={"complete": False}).passed
    True
    """
    _check_engine_arguments(kind, entries, tol)
    options = options or {}
    labels, values = entries.labels, entries.values
    n = len(entries)
    expected, valid = reference(kind, labels, entries.context)
    raised = np.asarray(entries.context.get("raised", np.zeros(n, dtype=bool)), dtype=bool)
    finite = np.isfinite(values.real) & np.isfinite(values.imag) if np.iscomplexobj(values) else np.isfinite(values)
    is_nan = np.isnan(values.real) | np.isnan(values.imag) if np.iscomplexobj(values) else np.isnan(values)
    safe_v = np.where(finite, values, 0.0)
    safe_e = np.where(valid, expected, 0.0)
    diff, mag, rel, ulps = _errors(safe_v, safe_e)
    bound = tol.bound(mag)
    ok = valid & finite & ~raised & (diff <= bound)
    live = valid & finite & ~raised
    sign = live & ~ok & (mag > 0) & (np.abs(safe_v + safe_e) <= bound)
    spurious = live & ~ok & (mag == 0)
    nonfinite = valid & ~finite & ~raised
    missing = _missing(kind, entries, options)

    problem = np.full(n, "", dtype=object)
    problem[live & ~ok] = "tolerance"
    problem[spurious] = "nonzero where exact is 0"
    problem[sign] = "sign"
    problem[nonfinite] = "inf"
    problem[nonfinite & is_nan] = "NaN"
    problem[raised] = "raised"
    problem[~valid] = "invalid label"
    bad = np.flatnonzero(problem != "")
    score = np.array([_PRIORITY[p] for p in problem[bad]]) * 1e6 + np.minimum(np.nan_to_num(rel[bad], posinf=1e5), 1e5)
    pick = bad[np.argsort(-score, kind="stable")[:worst]]
    # None (not NaN) where a value or exact value does not exist, so reports compare equal after pickling
    listed = [EntryProblem(tuple(float(x) for x in labels[i]), values[i].item(), expected[i].item() if valid[i]
                           else None, float(ulps[i]), float(rel[i]), float(diff[i]), str(problem[i]))
              for i in pick]
    shown = missing[: max(0, worst - len(listed))]
    if shown.shape[0]:
        exact_missing, _ = kind.reference(shown, entries.context)
        listed += [EntryProblem(tuple(float(x) for x in row), None, np.asarray(ex).item(), float("inf"),
                                float("inf"), float("inf"), "missing") for row, ex in zip(shown, exact_missing)]
    nz = live & (mag > tol.atol)  # ulps and relative errors of values below atol say nothing
    report = VerificationReport(
        kind=kind.name, label_names=tuple(kind.labels), entries=n,
        passed=bool(n > 0 and ok.all() and missing.shape[0] == 0),
        tolerance=tol.text,
        max_ulps=float(ulps[nz].max()) if nz.any() else 0.0,
        max_relative=float(rel[nz].max()) if nz.any() else 0.0,
        max_absolute=float(diff[live].max()) if live.any() else 0.0,
        exceeding=int((live & ~ok).sum()), sign_errors=int(sign.sum()), spurious_nonzeros=int(spurious.sum()),
        nonfinite=int(nonfinite.sum()), missing=int(missing.shape[0]), invalid_labels=int((~valid).sum()),
        raised=int(raised.sum()), worst=tuple(listed), convention=convention,
        notes=tuple(notes) + (("no entries were given",) if n == 0 else ()),
    )
    return report


def _subset(entries: Entries, idx: np.ndarray) -> Entries:
    ctx = dict(entries.context)
    if "raised" in ctx:
        ctx["raised"] = np.asarray(ctx["raised"])[idx]
    return entries.with_(labels=entries.labels[idx], values=entries.values[idx], context=ctx, complete=False)


def _fits(kind, entries, tol) -> float:
    """Fraction of entries within tolerance (NaN/invalid count as misses)."""
    expected, valid = reference(kind, entries.labels, entries.context)
    v = entries.values
    finite = np.isfinite(v.real) & np.isfinite(v.imag) if np.iscomplexobj(v) else np.isfinite(v)
    e = np.where(valid, expected, 0.0)
    diff = np.abs(np.where(finite, v, 0.0) - e)
    ok = np.asarray(valid, bool) & finite & (diff <= tol.bound(np.abs(e)))
    return float(ok.mean()) if ok.size else 0.0


def detect_convention(kind: VerifyKind, entries: Entries, tol: Tolerance, failing: VerificationReport, *,
                      candidates: tuple = (), options: dict | None = None,
                      rng: int | np.random.Generator | None = 0) -> tuple:
    """Try every candidate convention; ``(convention, report)`` of the first that fits, else ``(None, notes)``.

    A candidate is tried on a sample of at most :data:`SAMPLE` entries (the worst
    failing ones included) and, if every sampled entry fits, on all entries.
    """
    _check_engine_arguments(kind, entries, tol)
    options = dict(options or {})
    n = len(entries)
    gen = np.random.default_rng(rng)
    idx = np.arange(n) if n <= SAMPLE else np.sort(gen.choice(n, SAMPLE, replace=False))
    best = (0.0, None)
    # a dense array's axis orders first: a transposed layout is the likelier mistake than a phase convention
    for cand in tuple(candidates) + tuple(kind.conventions):
        try:
            sample = cand.to_ours(_subset(entries, idx))
            frac = _fits(kind, sample, tol)
            if frac > best[0]:
                best = (frac, cand)
            if frac < 1.0:
                continue
            full = cand.to_ours(entries)
            report = compare(kind, full, tol, options=options, convention=cand.name)
        except (MathrefError, ValueError, TypeError, ArithmeticError):
            continue  # the candidate does not apply to these labels
        if report.passed:
            return cand, report
    frac, cand = best
    if cand is not None and frac >= 0.5 and frac > _fits(kind, _subset(entries, idx), tol):
        return None, (f"closest other convention: {cand.name} ({cand.description}), "
                      f"{100 * frac:.1f}% of sampled entries fit",)
    if tuple(kind.conventions) + tuple(candidates):
        return None, ("no other known convention of this kind fits either",)
    return None, ()

