"""Verification kinds of the algebra package: ``cg``, ``3j``, ``6j``, ``9j``, ``gaunt``, ``real_gaunt``.

Built on the package's public exact functions (one value at a time) and its bulk
exact tables (every nonzero value up to a j at once, used when a table under
test is large).  ``mathref verify`` finds :data:`VERIFY_KINDS` through the
``mathref.verify`` entry point.  Each kind lists the other conventions a table
is commonly written in, so a table in sympy's argument order or built from 3j
symbols is named, not reported as garbage.
"""

from __future__ import annotations

import math
from fractions import Fraction
from functools import lru_cache

import numpy as np

from mathref.errors import MathrefError, SizeLimitError
from mathref.verify.kinds import Convention, VerifyKind

from .angular import (
    clebsch_gordan,
    clebsch_gordan_exact_table,
    gaunt,
    gaunt_table_exact,
    real_gaunt,
    real_gaunt_table_exact,
    six_j_rows_bound,
    three_j_rows_bound,
    wigner_3j,
    wigner_3j_exact_table,
    wigner_6j,
    wigner_6j_exact_table,
    wigner_9j,
)

__all__ = ["VERIFY_KINDS"]

#: A table under test with at least this many entries is checked against a bulk exact table.
BULK_ENTRIES = 500
#: The bulk table is built only when it holds at most this many rows.
BULK_ROWS = 400_000


def _doubled(labels: np.ndarray):
    """Doubled labels as int64 and a mask of rows that are all finite half-integers."""
    finite = np.all(np.isfinite(labels), axis=1) & np.all(np.abs(labels) < 1e6, axis=1)
    two = np.where(finite[:, None], np.round(2.0 * np.where(finite[:, None], labels, 0.0)), 0.0)
    ok = finite & np.all(two == 2.0 * np.where(finite[:, None], labels, 0.0), axis=1)
    return two.astype(np.int64), ok


def _one_by_one(exact, two: np.ndarray, ok: np.ndarray, known: dict | None = None):
    out = np.zeros(two.shape[0])
    valid = ok.copy()
    cache: dict = {}
    for i in np.flatnonzero(ok):
        key = tuple(two[i].tolist())
        if known is not None and key in known:
            out[i] = known[key]
            continue
        if key not in cache:
            try:
                cache[key] = float(exact(*(Fraction(t, 2) for t in key)))
            except SizeLimitError:
                raise  # a well-formed label too large to compute is not a wrong label: say so
            except MathrefError:
                cache[key] = None
        v = cache[key]
        if v is None:
            valid[i] = False
        else:
            out[i] = v
    return out, valid


@lru_cache(maxsize=2)
def _bulk(name: str, two_jmax: int, integer_only: bool) -> dict:
    build = {"cg": clebsch_gordan_exact_table, "3j": wigner_3j_exact_table, "6j": wigner_6j_exact_table}[name]
    table = build(Fraction(two_jmax, 2), integer_only=integer_only)
    return dict(zip(map(tuple, table.doubled_labels.tolist()), table.floats().tolist()))


def _bulk_fits(name: str, two_jmax: int, integer_only: bool) -> bool:
    bound = six_j_rows_bound if name == "6j" else three_j_rows_bound
    return bound(two_jmax, integer_only) <= BULK_ROWS


def _j_columns(name: str) -> list[int]:
    return {"cg": [0, 2, 4], "3j": [0, 1, 2], "6j": list(range(6)), "9j": list(range(9))}[name]


def _range_of(name, labels, two, ok, options):
    """(two_jmax, integer_only) of the range a table covers: from the manifest options or the labels."""
    jcols = _j_columns(name)
    if options.get("jmax") is not None:
        two_jmax = int(2 * Fraction(str(options["jmax"])))
    else:
        two_jmax = int(two[ok][:, jcols].max()) if ok.any() else 0
    if options.get("integer_only") is not None:
        integer_only = bool(options["integer_only"])
    else:
        integer_only = bool(ok.any() and np.all(two[ok][:, jcols] % 2 == 0))
    return two_jmax, integer_only


def _coupling_reference(name: str, exact):
    def reference(labels, context):
        two, ok = _doubled(np.asarray(labels, dtype=float))
        known = None
        if name in ("cg", "3j", "6j") and ok.sum() >= BULK_ENTRIES:
            two_jmax = int(two[ok][:, _j_columns(name)].max())
            if _bulk_fits(name, two_jmax, False):
                known = _bulk(name, two_jmax, False)
        if known is not None:
            # labels absent from the bulk table are zeros or malformed: ask the exact function
            keys = list(map(tuple, two.tolist()))
            hit = np.fromiter((k in known for k in keys), dtype=bool, count=len(keys)) & ok
            out = np.zeros(two.shape[0])
            out[hit] = [known[keys[i]] for i in np.flatnonzero(hit)]
            rest, valid = _one_by_one(exact, two, ok & ~hit)
            out[~hit] = rest[~hit]
            valid = valid | hit
            return out, valid
        return _one_by_one(exact, two, ok)

    return reference


def _coupling_nonzeros(name: str):
    def expected(labels, options):
        two, ok = _doubled(np.asarray(labels, dtype=float))
        if not ok.any():
            return np.zeros((0, labels.shape[1]))
        two_jmax, integer_only = _range_of(name, labels, two, ok, options)
        if name == "9j":
            return _nine_j_nonzeros(two_jmax, integer_only)
        if not _bulk_fits(name, two_jmax, integer_only):
            return np.zeros((0, labels.shape[1]))  # too large to enumerate: no missing-entry check
        keys = _bulk(name, two_jmax, integer_only)
        return np.array(list(keys), dtype=float).reshape(-1, labels.shape[1]) / 2.0

    return expected


def _triangle(a, b, c) -> bool:
    return abs(a - b) <= c <= a + b and (a + b + c) % 2 == 0


def _nine_j_nonzeros(two_jmax: int, integer_only: bool, limit: int = 200_000) -> np.ndarray:
    js = range(0, two_jmax + 1, 2 if integer_only else 1)
    triples = [(a, b, c) for a in js for b in js for c in js if _triangle(a, b, c)]
    if len(triples) ** 3 > 50 * limit:
        return np.zeros((0, 9))
    out = []
    for r1 in triples:
        for r2 in triples:
            for r3 in triples:
                if all(_triangle(r1[i], r2[i], r3[i]) for i in range(3)):
                    lab = (*r1, *r2, *r3)
                    if float(wigner_9j(*(Fraction(t, 2) for t in lab))) != 0.0:
                        out.append(lab)
                        if len(out) > limit:
                            return np.zeros((0, 9))
    return np.array(out, dtype=float).reshape(-1, 9) / 2.0


def _halves(jmax, integer_only=False):
    two = int(2 * Fraction(str(jmax)))
    if two < 0 or two > 40:
        from mathref.errors import InvalidArgumentError

        raise InvalidArgumentError(f"jmax={jmax!r} must lie in [0, 20] for sampling a callable")
    return range(0, two + 1, 2 if integer_only else 1)


def _cg_sample(options):
    rows = []
    js = _halves(options.get("jmax", 2), bool(options.get("integer_only", False)))
    for t1 in js:
        for t2 in js:
            for t in js:
                if (t1 + t2 + t) % 2:
                    continue
                for u1 in range(-t1, t1 + 1, 2):
                    for u2 in range(-t2, t2 + 1, 2):
                        if abs(u1 + u2) <= t:
                            rows.append((t1, u1, t2, u2, t, u1 + u2))
    return np.array(rows, dtype=float).reshape(-1, 6) / 2.0


def _3j_sample(options):
    cg = _cg_sample(options)
    return cg[:, [0, 2, 4, 1, 3, 5]] * np.array([1, 1, 1, 1, 1, -1.0])


def _6j_sample(options):
    js = list(_halves(options.get("jmax", 3 / 2), bool(options.get("integer_only", False))))
    rows = [(a, b, c, d, e, f) for a in js for b in js for c in js if (a + b + c) % 2 == 0
            for d in js for e in js if (d + e + c) % 2 == 0 for f in js
            if (a + e + f) % 2 == 0 and (d + b + f) % 2 == 0]
    return np.array(rows, dtype=float).reshape(-1, 6) / 2.0


def _9j_sample(options):
    two = int(2 * Fraction(str(options.get("jmax", 1))))
    return _nine_j_nonzeros(two, bool(options.get("integer_only", False)))


def _gaunt_sample(options):
    lmax = int(options.get("lmax", 3))
    if not 0 <= lmax <= 12:
        from mathref.errors import InvalidArgumentError

        raise InvalidArgumentError(f"lmax={lmax!r} must lie in [0, 12] for sampling a callable")
    rows = [(l1, l2, l3, m1, m2, -m1 - m2) for l1 in range(lmax + 1) for l2 in range(lmax + 1)
            for l3 in range(lmax + 1) for m1 in range(-l1, l1 + 1) for m2 in range(-l2, l2 + 1)
            if abs(m1 + m2) <= l3]
    return np.array(rows, dtype=float).reshape(-1, 6)


def _real_gaunt_sample(options):
    lmax = int(options.get("lmax", 3))
    if not 0 <= lmax <= 8:
        from mathref.errors import InvalidArgumentError

        raise InvalidArgumentError(f"lmax={lmax!r} must lie in [0, 8] for sampling a callable")
    rows = [(l1, l2, l3, m1, m2, m3) for l1 in range(lmax + 1) for l2 in range(lmax + 1)
            for l3 in range(lmax + 1) for m1 in range(-l1, l1 + 1) for m2 in range(-l2, l2 + 1)
            for m3 in range(-l3, l3 + 1)]
    return np.array(rows, dtype=float).reshape(-1, 6)


@lru_cache(maxsize=4)
def _gaunt_floats(real: bool, lmax: int) -> dict:
    table = (real_gaunt_table_exact if real else gaunt_table_exact)(lmax)
    return {k: float(v) for k, v in table.items()}


def _gaunt_reference(real: bool):
    exact = real_gaunt if real else gaunt

    def reference(labels, context):
        labels = np.asarray(labels, dtype=float)
        two, ok = _doubled(labels)
        ok &= np.all(two % 2 == 0, axis=1)  # integer labels only
        known = None
        if ok.sum() >= BULK_ENTRIES:
            lmax = int(two[ok][:, :3].max()) // 2
            if lmax <= 16:
                known = {tuple(2 * x for x in k): v for k, v in _gaunt_floats(real, lmax).items()}
        return _one_by_one(exact, two, ok, known)

    return reference


def _gaunt_nonzeros(real: bool):
    def expected(labels, options):
        two, ok = _doubled(np.asarray(labels, dtype=float))
        if not ok.any():
            return np.zeros((0, 6))
        lmax = int(options["lmax"]) if options.get("lmax") is not None else int(two[ok][:, :3].max()) // 2
        if lmax > 16:
            return np.zeros((0, 6))
        return np.array(list(_gaunt_floats(real, lmax)), dtype=float).reshape(-1, 6)

    return expected


# ------------------------------------------------------------------ conventions
def _sign(exponent: np.ndarray) -> np.ndarray:
    return np.where(np.round(exponent) % 2 == 0, 1.0, -1.0)


def _permute(order):
    def to_ours(e):
        return e.with_(labels=e.labels[:, order])

    return to_ours


_CG_CONVENTIONS = (
    Convention("sympy_order", "labels in sympy's order (j1, j2, j, m1, m2, m), as its clebsch_gordan",
               _permute([0, 3, 1, 4, 2, 5])),
    Convention("swapped", "<j2 m2 j1 m1 | j m>: j1 and j2 exchanged, (-1)^(j1+j2-j) times ours",
               lambda e: e.with_(values=e.values * _sign(e.labels[:, 0] + e.labels[:, 2] - e.labels[:, 4]))),
    Convention("3j", "Wigner 3j symbols (j1 j2 j; m1 m2 -m) in place of CG coefficients",
               lambda e: e.with_(values=e.values * _sign(e.labels[:, 0] - e.labels[:, 2] + e.labels[:, 5])
                                 * np.sqrt(2 * e.labels[:, 4] + 1))),
    Convention("pairs_order", "labels in the order (j1, j2, j, m1, m2, m) read as ours, inverse of sympy_order",
               _permute([0, 2, 4, 1, 3, 5])),
)

_3J_CONVENTIONS = (
    Convention("pairs_order", "labels in the order (j1, m1, j2, m2, j3, m3)", _permute([0, 2, 4, 1, 3, 5])),
    Convention("cg", "CG coefficients <j1 m1 j2 m2 | j3 -m3> in place of 3j symbols",
               lambda e: e.with_(values=e.values * _sign(e.labels[:, 0] - e.labels[:, 1] - e.labels[:, 5])
                                 / np.sqrt(2 * e.labels[:, 2] + 1))),
    Convention("odd_permutation", "columns 1 and 2 exchanged: (-1)^(j1+j2+j3) times ours",
               lambda e: e.with_(values=e.values * _sign(e.labels[:, :3].sum(axis=1)))),
)


def _racah_to_6j(e):
    a, b, c, d, ee, f = e.labels.T
    return e.with_(labels=np.stack([a, b, ee, d, c, f], axis=1), values=e.values * _sign(a + b + c + d))


_6J_CONVENTIONS = (
    Convention("racah_w", "Racah W(a b c d; e f) = (-1)^(a+b+c+d) {a b e; d c f} in place of 6j symbols",
               _racah_to_6j),
)


def _norm_factor(ls, norm):
    return np.prod(np.sqrt(4 * math.pi / (2 * ls + 1)), axis=1) if norm == "norm" else (4 * math.pi) ** 1.5


def _no_cs(ms):
    return np.prod(np.where(ms > 0, _sign(ms), 1.0), axis=1)


def _conjugated_first(e):
    m1 = e.labels[:, 3]
    lab = e.labels.copy()
    lab[:, 3] = -m1
    return e.with_(labels=lab, values=e.values * _sign(m1))


_GAUNT_CONVENTIONS = (
    Convention("4pi", "harmonics normalised to 4pi (component): (4pi)^(3/2) times ours",
               lambda e: e.with_(values=e.values / _norm_factor(e.labels[:, :3], "4pi"))),
    Convention("schmidt", "Schmidt semi-normalised harmonics (norm): prod sqrt(4pi/(2l+1)) times ours",
               lambda e: e.with_(values=e.values / _norm_factor(e.labels[:, :3], "norm"))),
    Convention("no_cs", "harmonics without the Condon-Shortley phase: (-1)^m for each m > 0",
               lambda e: e.with_(values=e.values * _no_cs(e.labels[:, 3:]))),
    Convention("conjugated_first", "integral of conj(Y_l1^m1) Y_l2^m2 Y_l3^m3", _conjugated_first),
)

_REAL_GAUNT_CONVENTIONS = _GAUNT_CONVENTIONS[:2]


def _kind(name, description, labels, reference, sample, nonzeros, conventions, m_of):
    return VerifyKind(name=name, description=description, labels=labels, reference=reference, sample=sample,
                      expected_nonzeros=nonzeros, conventions=conventions, m_of=m_of)


VERIFY_KINDS = (
    _kind("cg", "Clebsch-Gordan coefficients <j1 m1 j2 m2 | j m> (Condon-Shortley)",
          ("j1", "m1", "j2", "m2", "j", "m"), _coupling_reference("cg", clebsch_gordan), _cg_sample,
          _coupling_nonzeros("cg"), _CG_CONVENTIONS, {"m1": "j1", "m2": "j2", "m": "j"}),
    _kind("3j", "Wigner 3j symbols (j1 j2 j3; m1 m2 m3)", ("j1", "j2", "j3", "m1", "m2", "m3"),
          _coupling_reference("3j", wigner_3j), _3j_sample, _coupling_nonzeros("3j"), _3J_CONVENTIONS,
          {"m1": "j1", "m2": "j2", "m3": "j3"}),
    _kind("6j", "Wigner 6j symbols {j1 j2 j3; j4 j5 j6}", ("j1", "j2", "j3", "j4", "j5", "j6"),
          _coupling_reference("6j", wigner_6j), _6j_sample, _coupling_nonzeros("6j"), _6J_CONVENTIONS, {}),
    _kind("9j", "Wigner 9j symbols {j1 j2 j3; j4 j5 j6; j7 j8 j9}", tuple(f"j{i}" for i in range(1, 10)),
          _coupling_reference("9j", wigner_9j), _9j_sample, _coupling_nonzeros("9j"), (), {}),
    _kind("gaunt", "Gaunt coefficients: integral of Y_l1^m1 Y_l2^m2 Y_l3^m3 (complex, Condon-Shortley)",
          ("l1", "l2", "l3", "m1", "m2", "m3"), _gaunt_reference(False), _gaunt_sample, _gaunt_nonzeros(False),
          _GAUNT_CONVENTIONS, {"m1": "l1", "m2": "l2", "m3": "l3"}),
    _kind("real_gaunt", "real Gaunt coefficients: integral of three standard real harmonics (as sympy's real_gaunt)",
          ("l1", "l2", "l3", "m1", "m2", "m3"), _gaunt_reference(True), _real_gaunt_sample, _gaunt_nonzeros(True),
          _REAL_GAUNT_CONVENTIONS, {"m1": "l1", "m2": "l2", "m3": "l3"}),
)
