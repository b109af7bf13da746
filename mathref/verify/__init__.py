"""Check someone else's numbers against mathref's exact values: ``mathref verify`` and :func:`verify`.

A user with their own Clebsch–Gordan, 3j, 6j, 9j, Gaunt, real-Gaunt, spherical
harmonic, Wigner D or QSP implementation hands over a table (a file as
``mathref tables`` writes it, an array, a dict label -> value) or the function
itself.  Every entry is compared with the exact value rounded once to a double;
the report gives the largest error in ulps and relative terms, sign errors,
nonzeros where the exact value is 0, missing entries, NaN/inf and the worst
entries.  A table that fails in our convention but fits another (sympy's
argument order, no Condon–Shortley phase, e3nn's real form, 4π or Schmidt
normalisation, a transposed dense layout, ...) is named as such.

The kinds come from the packages (``VERIFY_KINDS`` in ``algebra/verify.py``,
``geometry/verify.py``, ``spectral/verify_kinds.py``) through the ``mathref.verify``
entry-point group; this ground-floor package never imports them.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Union

import numpy as np

from mathref.errors import InvalidArgumentError, InvalidTypeError

from .engine import Tolerance, compare, detect_convention
from .kinds import ENTRY_POINT_GROUP, Convention, Entries, VerifyKind, get_kind, load_kinds
from .readers import TableData, read_table
from .report import EntryProblem, VerificationReport

if TYPE_CHECKING:
    import os

    from numpy.typing import ArrayLike

    # what verify() accepts: a file, an array (rows, structured or dense), a label -> value dict, a callable
    VerifyInput = Union[str, os.PathLike[str], ArrayLike, Mapping[tuple, complex], Callable[..., complex]]

__all__ = [
    "verify",
    "VerificationReport",
    "EntryProblem",
    "VerifyKind",
    "Convention",
    "Entries",
    "ENTRY_POINT_GROUP",
    "load_kinds",
    "get_kind",
    "read_table",
    "entries_from_dense",
]

#: Rows of exact strings re-parsed with sympy when a table carries them.
EXACT_STRING_SAMPLE = 200
#: Largest number of calls made to a user's callable.
MAX_CALLS = 2_000_000


def _nonneg(x, name):
    if x is None:
        return None
    if isinstance(x, bool) or not isinstance(x, (int, float, np.integer, np.floating)):
        raise InvalidTypeError(f"{name} must be a number, got {type(x).__name__}")
    x = float(x)
    if not (math.isfinite(x) and x >= 0):
        raise InvalidArgumentError(f"{name}={x!r} must be finite and >= 0")
    return x


def _label_number(x):
    """A label value as a plain float (accepts ints, floats, Fractions, '1/2')."""
    if isinstance(x, str):
        try:
            return float(Fraction(x.strip()))
        except (ValueError, ZeroDivisionError):
            raise InvalidArgumentError(f"label {x!r} is not a number") from None
    if isinstance(x, bool) or x is None:
        raise InvalidTypeError(f"label {x!r} is not a number")
    try:
        return float(x)
    except (TypeError, ValueError, OverflowError):
        raise InvalidTypeError(f"label {x!r} is not a number") from None


# ---------------------------------------------------------------- dense arrays with a stated layout
def _layout_names(layout) -> list[str]:
    if isinstance(layout, str):
        names = [s.strip() for s in layout.replace(" ", ",").split(",") if s.strip()]
    elif isinstance(layout, (list, tuple)) and all(isinstance(s, str) for s in layout):
        names = list(layout)
    else:
        raise InvalidTypeError(f"layout must be a comma-separated string or a sequence of names, got {layout!r}")
    if not names:
        raise InvalidArgumentError("layout names no axes")
    return names


def entries_from_dense(kind: str | VerifyKind, array: ArrayLike, layout: str | Sequence[str], *,
                       fixed: Mapping[str, float] | None = None, points: ArrayLike | None = None) -> Entries:
    """Entries of a dense array whose axes are named by ``layout``.

    An axis named after a degree label (``j1``, ``l``) has index i for j = i; one
    named after a projection (``m1``, ``mp``) has index i for m = i - j, j being
    the degree it belongs to; ``lm`` is the flat index l² + l + m; ``point`` runs
    over the rows of ``points`` (angles, in the kind's order, or unit vectors for
    the harmonics).  Every label no axis covers comes from ``fixed``.

    Examples
    --------
    >>> import numpy as np
    >>> from mathref.algebra import clebsch_gordan_table
    >>> e = entries_from_dense("cg", clebsch_gordan_table(1, 1, 2), "m1,m2,m", fixed={"j1": 1, "j2": 1, "j": 2})
    >>> e.labels.shape
    (45, 6)
    """
    kind = get_kind(kind)
    arr = np.asarray(array)
    if arr.dtype == object or not (np.issubdtype(arr.dtype, np.number)):
        raise InvalidTypeError(f"array must be numeric, got dtype {arr.dtype}")
    names = _layout_names(layout)
    if arr.ndim != len(names):
        raise InvalidArgumentError(f"layout {','.join(names)!r} names {len(names)} axes, the array has {arr.ndim}")
    if arr.size > 50_000_000:
        from mathref.errors import SizeLimitError

        raise SizeLimitError(f"array has {arr.size} entries (limit 5e7)", argument="array", estimate=f"{arr.size}")
    fixed = {str(k): _label_number(v) for k, v in dict(fixed or {}).items()}
    idx = np.indices(arr.shape).reshape(arr.ndim, -1).astype(float)
    cols: dict[str, np.ndarray] = {}
    point_labels = [n for n in kind.labels if n not in kind.m_of and n not in kind.m_of.values()]
    for axis, name in enumerate(names):
        if name == "lm":
            l = np.floor(np.sqrt(idx[axis]))
            cols["l"], cols["m"] = l, idx[axis] - l * l - l
        elif name == "point":
            if points is None:
                raise InvalidArgumentError("layout has a 'point' axis: pass points= (angles or unit vectors)")
            pts = np.asarray(points, dtype=float)
            if pts.ndim != 2 or pts.shape[0] != arr.shape[axis]:
                raise InvalidArgumentError(f"points must have shape ({arr.shape[axis]}, k), got {pts.shape}")
            if pts.shape[1] == 3 and len(point_labels) == 2:  # unit vectors -> (theta, phi)
                r = np.linalg.norm(pts, axis=1)
                pts = np.stack([np.arccos(np.clip(pts[:, 2] / np.where(r > 0, r, 1), -1, 1)),
                                np.arctan2(pts[:, 1], pts[:, 0])], axis=1)
            if pts.shape[1] != len(point_labels):
                raise InvalidArgumentError(f"points must have {len(point_labels)} columns ({', '.join(point_labels)})")
            rows = idx[axis].astype(int)
            for c, lab in enumerate(point_labels):
                cols[lab] = pts[rows, c]
        elif name in kind.labels:
            cols[name] = idx[axis]
        else:
            raise InvalidArgumentError(f"layout axis {name!r} is not a label of {kind.name} ({', '.join(kind.labels)}),"
                                       " 'lm' or 'point'")
    for m, j in kind.m_of.items():  # projections are offsets from their degree
        if m in cols and m not in fixed and m in names:
            jj = cols.get(j, None)
            if jj is None:
                if j not in fixed:
                    raise InvalidArgumentError(f"layout axis {m!r} needs {j!r} as an axis or in fixed=")
                jj = fixed[j]
            cols[m] = cols[m] - jj
    for name in kind.labels:
        if name not in cols:
            if name not in fixed:
                raise InvalidArgumentError(f"label {name!r} is neither an axis of the layout nor given in fixed=")
            cols[name] = np.full(arr.size, fixed[name])
    labels = np.stack([np.asarray(cols[n], dtype=float) for n in kind.labels], axis=1)
    values = arr.reshape(-1)
    values = values.astype(complex) if np.iscomplexobj(values) else values.astype(float)
    return Entries(labels, values, complete=True)


def _layout_candidates(kind, arr, layout, fixed, points):
    names = _layout_names(layout)
    out = []
    if len(names) > 4:
        return out
    for perm in itertools.permutations(range(len(names))):
        if perm == tuple(range(len(names))):
            continue
        new = [names[p] for p in perm]
        text = ",".join(new)

        def to_ours(_e, new=new):
            return entries_from_dense(kind, arr, new, fixed=fixed, points=points)

        out.append(Convention(f"layout {text}", f"axes in the order {text}: pass layout={text!r}", to_ours))
    return out


# ---------------------------------------------------------------- row tables
def _label_columns(kind, data: TableData):
    cols = data.columns
    if data.named and all(n in cols for n in kind.labels):
        return [cols[n] for n in kind.labels], [c for c in cols if c not in kind.labels]
    names = list(cols)
    k = len(kind.labels)
    if data.named and not set(kind.labels) & set(names):
        pass  # unnamed labels in a named table: fall back to position
    elif data.named:
        missing = [n for n in kind.labels if n not in cols]
        raise InvalidArgumentError(f"table has columns {names}; {kind.name} needs label columns {missing}")
    if len(names) < k + 1:
        raise InvalidArgumentError(f"table has {len(names)} columns; {kind.name} needs {k} labels and a value")
    return [cols[n] for n in names[:k]], names[k:]


def _numeric(col, name):
    arr = np.asarray(col)
    if arr.dtype == object:
        raise InvalidArgumentError(f"column {name!r} is not numeric")
    return arr


def _parse_exact(strings) -> np.ndarray:
    import sympy

    out = []
    for s in strings:
        try:
            v = complex(sympy.N(sympy.sympify(str(s), rational=True), 30))
        except (sympy.SympifyError, TypeError, ValueError, SyntaxError):
            v = complex("nan")
        out.append(v)
    arr = np.array(out, dtype=complex)
    return arr.real if not np.any(arr.imag) else arr


def _values(kind, data: TableData, rest: list[str]):
    cols = data.columns
    if data.named:
        for group in kind.value_columns:
            if all(g in cols for g in group):
                parts = [_numeric(cols[g], g).astype(complex if np.iscomplexobj(cols[g]) else float) for g in group]
                return parts[0] if len(parts) == 1 else parts[0] + 1j * parts[1]
        if "exact" in cols:
            return _parse_exact(cols["exact"])
        raise InvalidArgumentError(f"table has columns {list(cols)}; no value column {kind.value_columns}")
    numeric = [c for c in rest if np.asarray(cols[c]).dtype != object]
    if len(numeric) == 1:
        return _numeric(cols[numeric[0]], numeric[0])
    if len(numeric) == 2:
        return cols[numeric[0]].astype(float) + 1j * cols[numeric[1]].astype(float)
    raise InvalidArgumentError(f"after the {len(kind.labels)} label columns expected one value column "
                               "(or real and imaginary parts)")


def _entries_from_columns(kind, data: TableData) -> tuple[Entries, list[str]]:
    label_cols, rest = _label_columns(kind, data)
    labels = np.stack([_numeric(c, "label").astype(float) for c in label_cols], axis=1) if label_cols[0].size \
        else np.zeros((0, len(kind.labels)))
    values = np.asarray(_values(kind, data, rest))
    values = values.astype(complex) if np.iscomplexobj(values) else values.astype(float)
    notes = []
    if data.named and "exact" in data.columns and any(g[0] in data.columns for g in kind.value_columns):
        notes += _check_exact_strings(kind, labels, data.columns["exact"])
    return Entries(labels, values), notes


def _check_exact_strings(kind, labels, strings) -> list[str]:
    n = labels.shape[0]
    if n == 0:
        return []
    idx = np.unique(np.linspace(0, n - 1, min(n, EXACT_STRING_SAMPLE)).astype(int))
    parsed = _parse_exact(np.asarray(strings, dtype=object)[idx])
    expected, valid = kind.reference(labels[idx], {})
    bad = valid & ~(np.abs(parsed - expected) <= 1e-15 * np.maximum(np.abs(expected), 1e-300) + 1e-300)
    if bad.any():
        i = int(idx[np.flatnonzero(bad)[0]])
        return [f"exact strings: {int(bad.sum())} of {idx.size} sampled rows disagree, first at row {i} "
                f"({strings[i]!r})"]
    return [f"exact strings: {idx.size} sampled rows re-parsed with sympy agree"]


def _entries_from_mapping(kind, mapping: dict) -> Entries:
    labels, values = [], []
    for key, value in mapping.items():
        row = key if isinstance(key, tuple) else tuple(str(key).strip("()").split(","))
        if len(row) != len(kind.labels):
            raise InvalidArgumentError(f"key {key!r} has {len(row)} labels; {kind.name} takes {len(kind.labels)}")
        labels.append([_label_number(x) for x in row])
        values.append(value)
    vals = np.array(values)
    if vals.dtype == object or not np.issubdtype(vals.dtype, np.number) or vals.dtype == bool:
        raise InvalidTypeError("dict values must be numbers")
    vals = vals.astype(complex) if np.iscomplexobj(vals) else vals.astype(float)
    return Entries(np.array(labels, dtype=float).reshape(-1, len(kind.labels)), vals.reshape(-1))


def _entries_from_callable(kind, func, options) -> Entries:
    labels = np.asarray(kind.sample(options), dtype=float).reshape(-1, len(kind.labels))
    if labels.shape[0] > MAX_CALLS:
        from mathref.errors import SizeLimitError

        raise SizeLimitError(f"the sample needs {labels.shape[0]} calls (limit {MAX_CALLS})", argument="options",
                             estimate=f"{labels.shape[0]} calls")
    values = np.zeros(labels.shape[0], dtype=complex)
    raised = np.zeros(labels.shape[0], dtype=bool)
    first_error = None
    for i, row in enumerate(labels.tolist()):
        args = tuple(int(x) if float(x).is_integer() and n not in ("theta", "phi", "alpha", "beta", "gamma", "x")
                     else x for x, n in zip(row, kind.labels))
        try:
            values[i] = complex(kind.call(func, args))
        except Exception as exc:  # noqa: BLE001 - the user's code may raise anything; it is counted, not hidden
            raised[i] = True
            values[i] = np.nan
            first_error = first_error or f"{type(exc).__name__}: {exc}"
    if not np.any(values.imag[~raised]):
        values = values.real.copy()
    ctx = {"raised": raised}
    if first_error:
        ctx["first_error"] = first_error
    return Entries(labels, values, context=ctx, complete=True)


def _is_labelled_array(arr: np.ndarray, k: int) -> bool:
    return arr.ndim == 2 and arr.shape[1] in (k + 1, k + 2) and not np.iscomplexobj(arr)


def _gather(kind, obj, options, layout, fixed, points):
    """Entries (and notes, layout candidates, options from a manifest) from whatever the user passed."""
    notes: list[str] = []
    if isinstance(obj, (str, Path)):
        data = read_table(obj)
        if data.manifest:
            mkind = data.manifest.get("kind")
            if mkind and mkind != kind.name:
                raise InvalidArgumentError(f"the manifest beside {obj} says kind {mkind!r}, not {kind.name!r}")
            merged = dict(data.manifest.get("options") or {})
            merged.update(options)
            options = merged
            notes.append(f"manifest: {data.manifest.get('library', '?')} {data.manifest.get('version', '')}, "
                         f"options {data.manifest.get('options')}")
            options["_manifest_problems"] = _manifest_problems(data)
        if kind.from_input is not None:
            return kind.from_input(data, options), notes, (), options
        if data.array is not None:
            if layout is None:
                arr = data.array
                if _is_labelled_array(arr, len(kind.labels)):
                    return _rows_array(kind, arr), notes, (), options
                raise InvalidArgumentError(f"{obj} holds a dense array of shape {arr.shape}: pass layout=")
            pts = points if points is not None else data.arrays.get("points")
            if fixed is None:
                fixed = {k: float(np.asarray(v)) for k, v in data.arrays.items() if np.asarray(v).ndim == 0}
            return (entries_from_dense(kind, data.array, layout, fixed=fixed, points=pts), notes,
                    _layout_candidates(kind, data.array, layout, fixed, pts), options)
        entries, more = _entries_from_columns(kind, data)
        return entries, notes + more, (), options
    if kind.from_input is not None:
        return kind.from_input(obj, options), notes, (), options
    if isinstance(obj, dict):
        return _entries_from_mapping(kind, obj), notes, (), options
    if callable(obj) and not isinstance(obj, np.ndarray):
        entries = _entries_from_callable(kind, obj, options)
        if "first_error" in entries.context:
            notes.append(f"your callable raised, first: {entries.context['first_error']}")
        return entries, notes, (), options
    if obj is None or isinstance(obj, (bool, int, float, complex, bytes)):
        raise InvalidTypeError(f"values_or_callable must be a file path, an array, a dict or a callable, "
                               f"got {type(obj).__name__}")
    try:
        arr = np.asarray(obj)
    except (ValueError, TypeError):
        raise InvalidTypeError("values_or_callable could not be read as an array") from None
    if arr.dtype.names:
        entries, more = _entries_from_columns(kind, TableData(columns={n: arr[n] for n in arr.dtype.names}))
        return entries, more, (), options
    if arr.dtype == object or not np.issubdtype(arr.dtype, np.number):
        raise InvalidTypeError(f"values_or_callable: array of dtype {arr.dtype} is not numeric")
    if layout is not None:
        return (entries_from_dense(kind, arr, layout, fixed=fixed, points=points), notes,
                _layout_candidates(kind, arr, layout, fixed, points), options)
    if _is_labelled_array(arr, len(kind.labels)):
        return _rows_array(kind, arr), notes, (), options
    raise InvalidArgumentError(f"an array of shape {arr.shape} needs layout= (or rows of {len(kind.labels)} labels "
                               "and a value)")


def _manifest_problems(data: TableData) -> list[str]:
    """What a ``mathref tables`` manifest promises and the file does not hold (row count, checksum)."""
    import hashlib

    problems = []
    m = data.manifest or {}
    rows = m.get("rows")
    if isinstance(rows, int) and data.columns is not None and rows != data.n_rows:
        problems.append(f"the manifest promises {rows} rows, the file holds {data.n_rows}")
    digests = dict(m.get("checksums") or {})
    if isinstance(m.get("sha256"), str) and data.path is not None:
        digests.setdefault(data.path.name, m["sha256"])
    if data.path is not None and data.path.name in digests:
        got = hashlib.sha256(data.path.read_bytes()).hexdigest()
        want = str(digests[data.path.name]).split(":")[-1]
        if got != want:
            problems.append(f"sha256 of {data.path.name} is {got}, the manifest says {want}")
    return problems


def _rows_array(kind, arr):
    k = len(kind.labels)
    arr = np.asarray(arr, dtype=float)
    vals = arr[:, k] if arr.shape[1] == k + 1 else arr[:, k] + 1j * arr[:, k + 1]
    return Entries(arr[:, :k].copy(), vals.copy())


def verify(kind: str | VerifyKind, values_or_callable: VerifyInput, *, rtol: float | None = None,
           atol: float | None = None, ulps: float | None = None, layout: str | Sequence[str] | None = None,
           fixed: Mapping[str, float] | None = None, points: ArrayLike | None = None, convention: str | None = None,
           detect: bool = True, complete: bool = True, worst: int = 10, **options: object) -> VerificationReport:
    """Compare a table or a callable with mathref's exact values; a :class:`VerificationReport`.

    Parameters
    ----------
    kind : str
        ``cg``, ``3j``, ``6j``, ``9j``, ``gaunt``, ``real_gaunt``, ``sh``, ``real_sh``,
        ``wigner_d`` or ``qsp`` (see ``load_kinds()``).
    values_or_callable
        A file (json/csv/npy/npz, as ``mathref tables`` writes them, or a manifest);
        an array of rows (labels then value), a structured array, or a dense array
        with ``layout``; a dict label tuple -> value; or a callable taking the
        labels in mathref's argument order, which is called at ``kind``'s sample
        (options such as ``jmax=`` or ``lmax=`` size it).  For ``qsp``: phases.
    rtol, atol, ulps : float, optional
        An entry passes when ``|v - e| <= max(rtol |e|, atol, ulps ulp(e))``;
        defaults are the kind's (rtol 1e-12, atol 1e-14 for the coupling kinds).
    layout : str, optional
        Axis names of a dense array, e.g. ``"m1,m2,m"`` (see :func:`entries_from_dense`).
    fixed : dict, optional
        Labels not covered by the layout, e.g. ``{"j1": 1, "j2": 1, "j": 2}``.
    points : array_like, optional
        For a ``point`` axis: angles (or unit vectors for the harmonics).
    convention : str, optional
        Accept the table in this named convention of the kind (e.g. ``"sympy_order"``).
    detect : bool
        Try the kind's other conventions when the table fails (default True).
    complete : bool
        Report nonzero entries absent from a row table (default True).
    worst : int
        How many failing entries to list.

    Examples
    --------
    >>> from mathref.algebra import clebsch_gordan
    >>> verify("cg", lambda *a: float(clebsch_gordan(*a)), jmax=1).passed
    True
    >>> r = verify("cg", {(1, 0, 1, 0, 2, 0): 0.816496580927726, (1, 0, 1, 0, 0, 0): 0.5773502691896258},
    ...            complete=False)
    >>> r.passed, r.sign_errors
    (False, 1)
    """
    k = get_kind(kind)
    rtol = _nonneg(rtol, "rtol")
    atol = _nonneg(atol, "atol")
    ulps = _nonneg(ulps, "ulps")
    if isinstance(worst, bool) or not isinstance(worst, (int, np.integer)) or worst < 0:
        raise InvalidArgumentError(f"worst={worst!r} must be an int >= 0")
    worst = min(int(worst), 10_000)
    tol = Tolerance(rtol=k.rtol if rtol is None else rtol, atol=k.atol if atol is None else atol, ulps=ulps)
    options = dict(options)
    options["complete"] = bool(complete)
    entries, notes, layout_cands, options = _gather(k, values_or_callable, options, layout, fixed, points)
    stated = "mathref"
    if convention is not None:
        by_name = {c.name: c for c in k.conventions}
        if convention not in by_name and convention != "mathref":
            raise InvalidArgumentError(f"convention={convention!r} is not one of {['mathref', *by_name]}")
        if convention != "mathref":
            entries = by_name[convention].to_ours(entries)
            stated = convention
    problems = options.pop("_manifest_problems", [])
    report = compare(k, entries, tol, options=options, worst=worst, convention=stated, notes=tuple(notes))
    if problems:
        report = replace(report, passed=False, notes=report.notes + tuple(f"manifest: {p}" for p in problems))
    needs = report.exceeding or report.invalid_labels or (report.missing and len(entries))
    if not report.passed and detect and needs and convention is None:
        found, extra = detect_convention(k, entries, tol, report, candidates=tuple(layout_cands), options=options)
        if found is not None:
            # in the wrong convention most entries differ: list a few, the detected convention says the rest
            report = replace(report, detected=found.name, detected_error=extra.max_relative, worst=report.worst[:3],
                             notes=report.notes + (f"{found.name}: {found.description}",))
        else:
            report = replace(report, notes=report.notes + tuple(extra))
    return report
