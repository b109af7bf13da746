r"""Bulk exact tables: every nonzero CG coefficient, 3j or 6j symbol with all ``j <= jmax`` in one call.

Exact: the values are :class:`~mathref.exact.SqrtRational`, the same values
(and, through :meth:`ExactCouplingTable.strings`, the same strings) that
``mathref tables cg|3j|6j`` writes, in the same row order.

Why faster than a loop over the scalar functions: each symbol is computed once
per symmetry class and written to every member of the class.  A 3j symbol
has 12 classical images (column permutations and ``m -> -m``, with the sign
``(-1)**(j1+j2+j3)`` for odd ones), a 6j symbol 24 (column permutations and
the exchange of upper and lower entries in two columns, no sign), and a CG
coefficient is a 3j image times ``(-1)**(j1-j2+m) sqrt(2j+1)``.  Labels are
checked once for the table, not per value.  Timings against the scalar loop
are in ``benchmarks/bench_angular.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain, permutations
from math import gcd
from operator import itemgetter

import numpy as np

from mathref.errors import InvalidArgumentError, InvalidTypeError, SizeLimitError
from mathref.exact import SqrtRational
from mathref.factorials import int_split

from ._guards import as_plain_int, two_times_nonneg
from .coupling import is_triangle, six_j_doubled, three_j_doubled

__all__ = ["ExactCouplingTable", "clebsch_gordan_exact_table", "wigner_3j_exact_table", "wigner_6j_exact_table"]

# the unchecked doubled-label functions (labels here are trusted ints; the public
# names check their arguments for sibling packages)
_is_triangle = is_triangle.__wrapped__
_six_j_doubled = six_j_doubled.__wrapped__
_three_j_doubled = three_j_doubled.__wrapped__

#: Largest number of rows a bulk table may hold (they live in memory as Python objects).
MAX_ROWS = 5_000_000

_COLUMNS = {
    "cg": ("j1", "m1", "j2", "m2", "j", "m"),
    "3j": ("j1", "j2", "j3", "m1", "m2", "m3"),
    "6j": ("j1", "j2", "j3", "j4", "j5", "j6"),
}


def _label_number(two_x: int):
    """A doubled label as the CLI writes it: int when integral, else an exact binary float (x.5)."""
    return two_x // 2 if two_x % 2 == 0 else two_x / 2


@dataclass(frozen=True, eq=False)
class ExactCouplingTable:
    """Every nonzero value of one kind of coupling coefficient up to ``jmax``, in the CLI's row order.

    Attributes
    ----------
    kind : str
        ``"cg"``, ``"3j"`` or ``"6j"``.
    columns : tuple of str
        Label names in the order of :attr:`doubled_labels` (the CLI's columns).
    doubled_labels : numpy.ndarray
        int64 array of shape ``(n, 6)`` holding ``2 * label``.
    values : tuple of SqrtRational
        The exact values, row by row.

    Examples
    --------
    >>> from mathref.algebra import wigner_3j_exact_table
    >>> t = wigner_3j_exact_table(1, integer_only=True)
    >>> len(t), t.labels()[1], t.values[1]
    (16, (0, 1, 1, 0, -1, 1), sqrt(1/3))
    """

    kind: str
    columns: tuple
    doubled_labels: np.ndarray
    values: tuple

    def __len__(self) -> int:
        return len(self.values)

    def __eq__(self, other) -> bool:
        if not isinstance(other, ExactCouplingTable):
            return NotImplemented
        return (
            self.kind == other.kind
            and self.doubled_labels.shape == other.doubled_labels.shape
            and bool(np.array_equal(self.doubled_labels, other.doubled_labels))
            and self.values == other.values
        )

    __hash__ = None  # holds an array: compare, do not hash

    def __post_init__(self):
        # a table is normally made by the *_exact_table functions; a hand-made one is checked here,
        # so that a wrong one fails at construction rather than later in .labels() or .floats()
        if not isinstance(self.kind, str) or self.kind not in _COLUMNS:
            raise InvalidArgumentError(f"kind={self.kind!r} must be one of {sorted(_COLUMNS)}")
        if not isinstance(self.columns, (tuple, list)) or tuple(self.columns) != _COLUMNS[self.kind]:
            raise InvalidArgumentError(f"columns={self.columns!r} must be {_COLUMNS[self.kind]} for kind {self.kind!r}")
        labels = self.doubled_labels
        if not (isinstance(labels, np.ndarray) and labels.ndim == 2 and labels.shape[1] == 6
                and labels.dtype == np.int64):
            raise InvalidTypeError("doubled_labels must be an int64 numpy array of shape (n, 6)")
        if not isinstance(self.values, tuple) or len(self.values) != labels.shape[0]:
            raise InvalidArgumentError("values must be a tuple with one exact value per row of doubled_labels")
        if not set(map(type, self.values)) <= {SqrtRational}:
            raise InvalidTypeError("values must be SqrtRational values")

    def labels(self) -> list[tuple]:
        """Labels as the CLI writes them (ints, or ``x.5`` floats for half-integers), row by row."""
        return [tuple(_label_number(int(x)) for x in row) for row in self.doubled_labels.tolist()]

    def strings(self) -> list[str]:
        """The exact values as sympy-parsable strings, the CLI's ``exact`` column."""
        return [str(v) for v in self.values]

    def floats(self) -> np.ndarray:
        """The correctly rounded float64 of every value, the CLI's ``value`` column."""
        return np.array([float(v) for v in self.values], dtype=np.float64)

    def rows(self):
        """Iterate the CLI's rows: the labels, then the exact string, then the float."""
        for labels, value in zip(self.labels(), self.values):
            yield (*labels, str(value), float(value))

    def as_dict(self) -> dict:
        """``{doubled label tuple: value}``."""
        return dict(zip(map(tuple, self.doubled_labels.tolist()), self.values))


def _doubled_jmax(jmax) -> int:
    if isinstance(jmax, np.ndarray) and jmax.shape == ():
        jmax = jmax[()]
    top = two_times_nonneg(jmax, "jmax")
    if top > _LOOP_TOP:
        # far beyond any table that fits (MAX_ROWS rows are reached near jmax = 20): refuse before sizing
        _check_rows(max(three_j_rows_bound(min(top, 1 << 20), False), MAX_ROWS + 1), "coupling", str(jmax))
    return top


def _js(top: int, integer_only: bool) -> list[int]:
    return list(range(0, top + 1, 2 if integer_only else 1))


def _check_integer_only(integer_only) -> None:
    if not isinstance(integer_only, (bool, np.bool_)):
        raise InvalidTypeError(f"integer_only={integer_only!r} must be a bool")


def _top(top, integer_only) -> int:
    _check_integer_only(integer_only)
    top = as_plain_int(top, "top", 1 << 62)
    if top < 0:
        raise SizeLimitError(f"top={top} must be >= 0 (a doubled jmax)", argument="top", estimate="negative size")
    return top


# above this doubled jmax the bounds use a cruder closed form instead of a loop over pairs of j's
_LOOP_TOP = 1000


def three_j_rows_bound(top: int, integer_only: bool) -> int:
    """An upper bound on the rows of a 3j (or CG) table with doubled ``jmax = top``: pairs of m's per triangle."""
    top = _top(top, integer_only)
    js = _js(top, integer_only) if top <= _LOOP_TOP else None
    if js is None:
        # every pair (t1, t2) has at most top/2 + 1 values of t3, each with at most (top + 1)**2 m pairs
        n = top // (2 if integer_only else 1) + 1
        return n * n * (top + 1) ** 2 * (top // 2 + 1)
    total = 0
    for t1 in js:
        for t2 in js:
            lo, hi = abs(t1 - t2), min(t1 + t2, top)
            if hi >= lo:
                total += (t1 + 1) * (t2 + 1) * ((hi - lo) // 2 + 1)
    return total


def six_j_rows_bound(top: int, integer_only: bool) -> int:
    """An upper bound on the rows of a 6j table with doubled ``jmax = top``."""
    top = _top(top, integer_only)
    return (top // (2 if integer_only else 1) + 1) ** 6 // 4 + 1


def _check_rows(estimate: int, kind: str, jmax_text: str) -> None:
    if estimate > MAX_ROWS:
        raise SizeLimitError(
            f"a bulk {kind} table with jmax={jmax_text} would hold about {estimate:.3g} values "
            f"(more than {MAX_ROWS:.3g}); use a smaller jmax or stream the rows with the CLI",
            argument="jmax",
            estimate=f"{estimate:.3g} rows",
        )


def _finish(kind: str, table: dict) -> ExactCouplingTable:
    if not table:
        return ExactCouplingTable(kind, _COLUMNS[kind], np.zeros((0, 6), np.int64), ())
    # np.array on a list of tuples converts element by element (~3 µs a row); a flat iterator is ~50x faster
    n = len(table)
    keys = np.fromiter(chain.from_iterable(table.keys()), dtype=np.int64, count=6 * n).reshape(n, 6)
    values = list(table.values())
    # the CLI's loop order: j's first, then m's (for CG the columns interleave them)
    loop = (0, 2, 4, 1, 3, 5) if kind == "cg" else (0, 1, 2, 3, 4, 5)
    order = np.lexsort(tuple(keys[:, c] for c in reversed(loop)))
    ordered = tuple(map(values.__getitem__, order.tolist()))
    return ExactCouplingTable(kind, _COLUMNS[kind], np.ascontiguousarray(keys[order]), ordered)


# ----------------------------------------------------------- 3j and CG tables, vectorised
# the six permutations of three columns with their parity (1 = odd)
_PERMS3 = tuple(
    (p, sum(1 for i in range(3) for k in range(i + 1, 3) if p[i] > p[k]) & 1) for p in permutations(range(3))
)


def _regge_symmetries() -> tuple[np.ndarray, np.ndarray]:
    """Regge's 72 symmetries of the 3j square (Regge 1958).

    For each: the source positions of the entries (0,0) (0,1) (1,0) (1,1) of the
    image in the flattened square, and its parity (1 = odd, sign ``(-1)**J``).
    """
    square = np.arange(9).reshape(3, 3)
    sources, odd = [], []
    for m in (square, square.T):
        for p, po in _PERMS3:
            for q, qo in _PERMS3:
                sources.append(m[np.ix_(p, q)].ravel()[[0, 1, 3, 4]])
                odd.append(po ^ qo)
    return np.array(sources), np.array(odd, np.int8)


_REGGE_SOURCES, _REGGE_ODD = _regge_symmetries()


def _three_j_labels(top: int, integer_only: bool) -> np.ndarray:
    """Every doubled 3j label row with all j <= top/2 that passes the selection rules, in the CLI's order."""
    step = 2 if integer_only else 1
    tu = np.array([(t, u) for t in range(0, top + 1, step) for u in range(-t, t + 1, 2)], np.int64).reshape(-1, 2)
    first = np.repeat(tu, len(tu), axis=0)
    second = np.tile(tu, (len(tu), 1))
    t1, u1, t2, u2 = first[:, 0], first[:, 1], second[:, 0], second[:, 1]
    # j3 from max(|j1 - j2|, |m1 + m2|) to min(j1 + j2, jmax) in steps of 1 (doubled: 2), keeping j1+j2+j3's parity
    lo = np.maximum(np.abs(t1 - t2), np.abs(u1 + u2))
    hi = np.minimum(t1 + t2, top)
    if integer_only:
        lo = lo + (lo & 1)
        hi = hi - (hi & 1)
    count = np.maximum((hi - lo) // 2 + 1, 0)
    rows = np.repeat(np.arange(len(t1)), count)
    offsets = np.arange(len(rows)) - np.repeat(np.cumsum(count) - count, count)
    t3 = lo[rows] + 2 * offsets
    labels = np.stack([t1[rows], t2[rows], t3, u1[rows], u2[rows], -(u1[rows] + u2[rows])], axis=1)
    return np.ascontiguousarray(labels[np.lexsort(labels.T[::-1])])


def _classical_classes(labels: np.ndarray):
    """Classes under the 12 classical symmetries (column permutations, m -> -m): ``(inverse, sign, first)``.

    ``sign`` is +-1, the sign of each row relative to its class's canonical form
    (odd permutations and the reflection carry ``(-1)**(j1+j2+j3)``);
    ``first`` holds one row index per class, ``inverse`` each row's class.
    """
    t = labels[:, :3]
    u = labels[:, 3:]
    top = int(t.max()) if len(t) else 0
    base = 2 * top + 2
    best = sign_odd = None
    for flip in (1, -1):
        codes = t * base + (flip * u + top)  # one integer per column, ordered by (j, m)
        order = np.argsort(codes, axis=1, kind="stable")
        s = np.take_along_axis(codes, order, axis=1)
        key = (s[:, 0] * base * base + s[:, 1]) * base * base + s[:, 2]
        # parity of the sorting permutation of three items: its inversions
        o0, o1, o2 = order[:, 0], order[:, 1], order[:, 2]
        odd = ((o0 > o1).astype(np.int8) + (o0 > o2) + (o1 > o2)) & 1
        if flip == -1:
            odd = odd ^ 1
            better = key < best
            best = np.where(better, key, best)
            sign_odd = np.where(better, odd, sign_odd)
        else:
            best, sign_odd = key, odd
    j_sum_odd = (labels[:, 0] + labels[:, 1] + labels[:, 2]) // 2 & 1
    sign = np.where((sign_odd == 1) & (j_sum_odd == 1), -1, 1)
    _, first, inverse = np.unique(best, return_index=True, return_inverse=True)
    return inverse.ravel(), sign, first


def _regge_classes(labels: np.ndarray):
    """Classes under Regge's 72 symmetries of a few rows (the classical representatives): ``(inverse, sign, first)``."""
    t1, t2, t3, u1, u2, u3 = labels.T
    square = np.stack([(-t1 + t2 + t3) // 2, (t1 - t2 + t3) // 2, (t1 + t2 - t3) // 2,
                       (t1 - u1) // 2, (t2 - u2) // 2, (t3 - u3) // 2,
                       (t1 + u1) // 2, (t2 + u2) // 2, (t3 + u3) // 2], axis=1)
    j_sum = (t1 + t2 + t3) // 2
    base = int(j_sum.max()) + 1 if len(j_sum) else 1
    # rows and columns of the square sum to J, so J and four entries determine an image
    weights = base ** np.arange(3, -1, -1, dtype=np.int64)
    keys = square[:, _REGGE_SOURCES] @ weights  # (rows, 72)
    pick = np.argmin(keys, axis=1)
    best = keys[np.arange(len(keys)), pick] + j_sum * base**4
    sign = np.where((_REGGE_ODD[pick] == 1) & (j_sum % 2 == 1), -1, 1)
    _, first, inverse = np.unique(best, return_index=True, return_inverse=True)
    return inverse.ravel(), sign, first


def _three_j_rows(top: int, integer_only: bool):
    """Every 3j label row up to ``top`` in the CLI's order, its Regge class, its sign relative to the class's
    representative, and the exact value of each class (one exact 3j symbol per class)."""
    labels = _three_j_labels(top, integer_only)
    c_inverse, c_sign, c_first = _classical_classes(labels)
    r_inverse, r_sign, r_first = _regge_classes(labels[c_first])
    values = [_three_j_doubled(*row) for row in labels[c_first[r_first]].tolist()]
    cls = r_inverse[c_inverse]
    # row -> classical representative -> Regge representative
    sign = c_sign * c_sign[c_first][c_inverse] * r_sign[c_inverse] * r_sign[r_first][cls]
    return labels, cls, sign, values


def _signed(values: list, cls: np.ndarray, sign: np.ndarray) -> np.ndarray:
    """An object array of ``sign[i] * values[cls[i]]`` (each negation made once per class)."""
    pos = np.empty(len(values), object)
    pos[:] = values
    neg = np.empty(len(values), object)
    neg[:] = [-v for v in values]
    return np.where(sign > 0, pos[cls], neg[cls])


def wigner_3j_exact_table(jmax, *, integer_only: bool = False) -> ExactCouplingTable:
    r"""Every nonzero Wigner 3j symbol with all ``j <= jmax``, exactly, in the order ``mathref tables 3j`` writes.

    Exact: each value equals :func:`mathref.algebra.wigner_3j` of its labels.

    Parameters
    ----------
    jmax : int, half-integer float, Fraction or sympy Rational
        Largest ``j``.
    integer_only : bool, keyword-only
        Only integer ``j`` (the CLI's ``--integer-only``).

    Returns
    -------
    ExactCouplingTable
        Rows ordered as the CLI writes them; ``.strings()`` and ``.floats()``
        give its ``exact`` and ``value`` columns.

    Raises
    ------
    ValueError
        ``jmax`` negative or not a half-integer; more than ``MAX_ROWS`` rows
        (``SizeLimitError``).

    Examples
    --------
    >>> from mathref.algebra import wigner_3j_exact_table
    >>> t = wigner_3j_exact_table(0.5)
    >>> len(t), t.labels()[1], t.strings()[1]
    (7, (0, 0.5, 0.5, 0, -0.5, 0.5), '-sqrt(1/2)')
    """
    _check_integer_only(integer_only)
    top = _doubled_jmax(jmax)
    _check_rows(three_j_rows_bound(top, integer_only), "3j", str(jmax))
    labels, cls, sign, values = _three_j_rows(top, integer_only)
    nonzero = np.array([bool(v) for v in values], dtype=bool)[cls]
    signed = _signed(values, cls[nonzero], sign[nonzero])
    return ExactCouplingTable("3j", _COLUMNS["3j"], np.ascontiguousarray(labels[nonzero]), tuple(signed.tolist()))


def clebsch_gordan_exact_table(jmax, *, integer_only: bool = False) -> ExactCouplingTable:
    r"""Every nonzero Clebsch-Gordan coefficient with ``j1, j2, j <= jmax``, exactly, in the CLI's order.

    Exact: each value equals :func:`mathref.algebra.clebsch_gordan` of its
    labels (columns ``j1, m1, j2, m2, j, m``), Condon-Shortley phase.

    Parameters
    ----------
    jmax : int, half-integer float, Fraction or sympy Rational
        Largest ``j``.
    integer_only : bool, keyword-only
        Only integer ``j``.

    Returns
    -------
    ExactCouplingTable
        Rows ordered as ``mathref tables cg`` writes them.

    Notes
    -----
    ``<j1 m1 j2 m2|j m> = (-1)**(j1-j2+m) sqrt(2j+1) (j1 j2 j; m1 m2 -m)``:
    one multiplication by ``sqrt(2j+1)`` per 3j symmetry class and choice of
    the coupled ``j``, shared by the four images that keep ``j`` in place.

    Examples
    --------
    >>> from mathref.algebra import clebsch_gordan_exact_table
    >>> t = clebsch_gordan_exact_table(0.5)
    >>> dict(zip(t.labels(), t.strings()))[(0.5, 0.5, 0.5, -0.5, 0, 0)]   # <1/2 1/2 1/2 -1/2 | 0 0>
    'sqrt(1/2)'
    """
    _check_integer_only(integer_only)
    top = _doubled_jmax(jmax)
    _check_rows(three_j_rows_bound(top, integer_only), "cg", str(jmax))
    labels, cls, sign, values = _three_j_rows(top, integer_only)
    nonzero = np.array([bool(v) for v in values], dtype=bool)[cls]
    labels, cls, sign = labels[nonzero], cls[nonzero], sign[nonzero]
    t1, t2, t3, u1, u2, u3 = labels.T
    # <j1 m1 j2 m2 | j m> = (-1)**(j1 - j2 + m) sqrt(2j + 1) (j1 j2 j; m1 m2 -m): the root once per
    # (3j class, j) pair, shared by every row of the pair
    sign = sign * np.where((t1 - t2 - u3) // 2 & 1, -1, 1)
    _, p_first, p_inverse = np.unique(cls * (top + 1) + t3, return_index=True, return_inverse=True)
    roots: dict = {}
    scaled = []
    for c, t in zip(cls[p_first].tolist(), t3[p_first].tolist()):
        root = roots.get(t)
        if root is None:
            root = roots[t] = int_split(t + 1)
        # r sqrt(s) * a sqrt(b) = (r a g) sqrt(s b / g**2), g = gcd(s, b)
        value, (a_root, b_root) = values[c], root
        g = gcd(value.radicand, b_root)
        radicand = (value.radicand // g) * (b_root // g)
        scaled.append(SqrtRational.from_normalized(value.coefficient * (a_root * g), radicand))
    signed = _signed(scaled, p_inverse.ravel(), sign)
    cg = np.stack([t1, u1, t2, u2, t3, -u3], axis=1)
    order = np.lexsort((cg[:, 5], cg[:, 3], cg[:, 1], cg[:, 4], cg[:, 2], cg[:, 0]))  # j1, j2, j, m1, m2, m
    return ExactCouplingTable("cg", _COLUMNS["cg"], np.ascontiguousarray(cg[order]), tuple(signed[order].tolist()))


# the 24 symmetries of a 6j symbol {a b c; d e f}: positions 0..5 = a b c d e f
def _six_j_symmetries():
    cols = ((0, 3), (1, 4), (2, 5))
    perms = ((0, 1, 2), (1, 2, 0), (2, 0, 1), (1, 0, 2), (0, 2, 1), (2, 1, 0))
    flips = ((False, False, False), (True, True, False), (True, False, True), (False, True, True))
    out = []
    for p in perms:
        for f in flips:
            upper, lower = [], []
            for k, col in enumerate(p):
                top, bottom = cols[col]
                if f[k]:
                    top, bottom = bottom, top
                upper.append(top)
                lower.append(bottom)
            out.append(tuple(upper + lower))
    return tuple(out)


_SIX_J_SYMMETRIES = _six_j_symmetries()


def wigner_6j_exact_table(jmax, *, integer_only: bool = False) -> ExactCouplingTable:
    r"""Every nonzero Wigner 6j symbol with all ``j <= jmax``, exactly, in the order ``mathref tables 6j`` writes.

    Exact: each value equals :func:`mathref.algebra.wigner_6j` of its labels.

    Parameters
    ----------
    jmax : int, half-integer float, Fraction or sympy Rational
        Largest ``j``.
    integer_only : bool, keyword-only
        Only integer ``j``.

    Returns
    -------
    ExactCouplingTable

    Notes
    -----
    Each symbol is computed once for its class under the 24 tetrahedral
    symmetries (column permutations, exchange of upper and lower entries in
    two columns), which carry no sign.

    Examples
    --------
    >>> from mathref.algebra import wigner_6j_exact_table
    >>> t = wigner_6j_exact_table(1, integer_only=True)
    >>> len(t), dict(zip(t.labels(), t.strings()))[(1, 1, 1, 1, 1, 1)]
    (15, '1/6')
    """
    _check_integer_only(integer_only)
    top = _doubled_jmax(jmax)
    js = _js(top, integer_only)
    _check_rows(six_j_rows_bound(top, integer_only), "6j", str(jmax))
    table: dict = {}
    # the 24 images as C-level getters, and the triangle rule as a set lookup
    images = [itemgetter(*sym) for sym in _SIX_J_SYMMETRIES]
    triads = {(a, b, c) for a in js for b in js for c in js if _is_triangle(a, b, c)}
    for t1, t2, t3 in sorted(triads):
        for t4 in js:
            for t5 in js:
                if (t4, t5, t3) not in triads:
                    continue
                for t6 in js:
                    key = (t1, t2, t3, t4, t5, t6)
                    if key in table or (t1, t5, t6) not in triads or (t4, t2, t6) not in triads:
                        continue
                    value = _six_j_doubled(*key)
                    for image in images:
                        table.setdefault(image(key), value)
    return _finish("6j", {k: v for k, v in table.items() if v})
