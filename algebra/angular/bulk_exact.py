r"""Bulk exact tables: every nonzero CG coefficient, 3j or 6j symbol with all ``j <= jmax`` in one call.

Exact: the values are :class:`~mathref.exact.SqrtRational`, the same values
(and, through :meth:`ExactCouplingTable.strings`, the same strings) that
``mathref tables cg|3j|6j`` writes, in the same row order.

Why faster than a loop over the scalar functions: each symbol is computed once
per symmetry class and written to every member of the class, and every
exact object is made once per distinct value.  A 3j symbol
has 12 classical images (column permutations and ``m -> -m``, with the sign
``(-1)**(j1+j2+j3)`` for odd ones), a 6j symbol 24 (column permutations and
the exchange of upper and lower entries in two columns, no sign), and a CG
coefficient is a 3j image times ``(-1)**(j1-j2+m) sqrt(2j+1)``.  The label
rows are made in the CLI's order with numpy (no sort), the classes found by
comparison networks on integer codes of the columns, and each class's Racah
sum reads factorials and square-free splits from tables shared by the whole
call.  Labels are checked once for the table, not per value.  Timings against
the scalar loop (10-27x) are in ``benchmarks/bench_angular_bulk.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from math import gcd

import numpy as np

from mathref.errors import InvalidArgumentError, InvalidTypeError, SizeLimitError
from mathref.exact import SqrtRational, round_sqrt_to_float
from mathref.factorials import factorial_table, int_split

from ._guards import as_plain_int, two_times_nonneg
from .coupling import Label, _racah_sum_table, _sqrt_jm, _sqrt_triangle

__all__ = ["ExactCouplingTable", "clebsch_gordan_exact_table", "wigner_3j_exact_table", "wigner_6j_exact_table"]

_ZERO = SqrtRational.from_normalized(Fraction(0), 1)

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
        """Labels as the CLI writes them (ints, or ``x.5`` floats for half-integers), row by row.

        >>> from mathref.algebra import wigner_3j_exact_table
        >>> wigner_3j_exact_table(0.5).labels()[1]
        (0, 0.5, 0.5, 0, -0.5, 0.5)
        """
        # doubled labels are small ints: the text of each once, then a lookup per entry
        numbers = {x: _label_number(x) for x in np.unique(self.doubled_labels).tolist()}
        get = numbers.__getitem__
        return [tuple(map(get, row)) for row in self.doubled_labels.tolist()]

    def _per_value(self, convert) -> list:
        # members of one symmetry class share one value object: convert each object once
        memo: dict = {}
        out = []
        for v in self.values:
            key = id(v)
            c = memo.get(key)
            if c is None:
                c = memo[key] = convert(v)
            out.append(c)
        return out

    def strings(self) -> list[str]:
        """The exact values as sympy-parsable strings, the CLI's ``exact`` column.

        >>> from mathref.algebra import wigner_6j_exact_table
        >>> wigner_6j_exact_table(0.5).strings()
        ['1', '-sqrt(1/2)', '-1/2', '-sqrt(1/2)', '-sqrt(1/2)', '-1/2', '-sqrt(1/2)', '-1/2']
        """
        return self._per_value(str)

    def floats(self) -> np.ndarray:
        """The correctly rounded float64 of every value, the CLI's ``value`` column.

        >>> from mathref.algebra import wigner_6j_exact_table
        >>> wigner_6j_exact_table(0.5).floats()[:2]
        array([ 1.        , -0.70710678])
        """
        return np.array(self._per_value(float), dtype=np.float64)

    def rows(self) -> Iterator[tuple]:
        """Iterate the CLI's rows: the labels, then the exact string, then the float.

        >>> from mathref.algebra import wigner_3j_exact_table
        >>> next(wigner_3j_exact_table(0).rows())
        (0, 0, 0, 0, 0, 0, '1', 1.0)
        """
        texts = self._per_value(lambda v: (str(v), float(v)))
        for labels, text in zip(self.labels(), texts):
            yield (*labels, *text)

    def as_dict(self) -> dict:
        """``{doubled label tuple: value}``.

        >>> from mathref.algebra import wigner_3j_exact_table
        >>> wigner_3j_exact_table(0).as_dict()
        {(0, 0, 0, 0, 0, 0): 1}
        """
        return dict(zip(map(tuple, self.doubled_labels.tolist()), self.values))


def _trusted(kind: str, labels: np.ndarray, values: tuple) -> ExactCouplingTable:
    """A table made here, skipping the constructor's checks of a hand-made one (a pass over every value)."""
    table = object.__new__(ExactCouplingTable)
    for name, value in (("kind", kind), ("columns", _COLUMNS[kind]),
                        ("doubled_labels", np.ascontiguousarray(labels, dtype=np.int64)), ("values", values)):
        object.__setattr__(table, name, value)
    return table


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


# ----------------------------------------------------------- exact values of one class, from shared tables
def _exact(num: int, den: int, s: int) -> SqrtRational:
    """``num / den * sqrt(s)`` for ints with ``den > 0`` and ``s`` square-free, reduced with one gcd."""
    if not num:
        return _ZERO
    g = gcd(num, den)
    return SqrtRational.from_coprime_ints(num // g, den // g, s)


def _reduced(num: int, den: int, s: int) -> tuple[int, int, int]:
    """``(num, den, s)`` over their gcd (``(0, 1, 1)`` for zero): a class value before it becomes an object."""
    if not num:
        return 0, 1, 1
    g = gcd(num, den)
    return num // g, den // g, s


def _jm_splits(top: int) -> list:
    """``sqrt((j+m)! (j-m)!)`` split as ``(a, b)`` for every ``tj <= top``, at ``tj * (top + 1) + (tm + tj) // 2``."""
    return [_sqrt_jm(t, 2 * k - t) if k <= t else None for t in range(top + 1) for k in range(top + 1)]


def _three_j_value(t1: int, t2: int, t3: int, u1: int, u2: int, fact, jm: list, top: int,
                   triangles: dict | None = None) -> tuple[int, int, int]:
    """Racah's 3j sum for labels that obey every selection rule, as reduced ``(num, den, s)``.

    The same formula as :func:`~mathref.algebra.angular.coupling.three_j_doubled`
    (whose closed forms are special cases of it), without its checks: the
    table's labels are known to be valid and well below the exact path's budget.
    Factorials come from ``fact``, the splits of ``(j+m)! (j-m)!`` from ``jm``
    (:func:`_jm_splits` of ``top``); ``triangles``, when given, keeps each triangle's
    ``sqrt(Δ)`` for the other classes of the same ``(j1, j2, j3)`` (a table has many per triangle).
    """
    u3 = -u1 - u2
    c1, c2 = (t3 - t2 + u1) // 2, (t3 - t1 - u2) // 2
    d1, d2, d3 = (t1 + t2 - t3) // 2, (t1 - u1) // 2, (t2 + u2) // 2
    kmin, kmax = max(0, -c1, -c2), min(d1, d2, d3)
    if triangles is None:
        num, den, s = _sqrt_triangle(t1, t2, t3)
    else:
        key = (t1, t2, t3)
        root = triangles.get(key)
        if root is None:
            root = triangles[key] = _sqrt_triangle(t1, t2, t3)
        num, den, s = root
    width = top + 1
    # the three splits of (j+m)! (j-m)!, unrolled (this runs once per class, thousands of times)
    a, b = jm[t1 * width + (u1 + t1) // 2]
    g = gcd(s, b)
    num *= a * g
    s = (s // g) * (b // g)
    a, b = jm[t2 * width + (u2 + t2) // 2]
    g = gcd(s, b)
    num *= a * g
    s = (s // g) * (b // g)
    a, b = jm[t3 * width + (u3 + t3) // 2]
    g = gcd(s, b)
    num *= a * g
    s = (s // g) * (b // g)
    snum = sden = 1
    for k in range(kmax - 1, kmin - 1, -1):
        b = (k + 1) * (c1 + k + 1) * (c2 + k + 1)
        snum, sden = b * sden - (d1 - k) * (d2 - k) * (d3 - k) * snum, b * sden
    num *= snum
    if not num:
        return 0, 1, 1
    den *= fact[kmin] * fact[c1 + kmin] * fact[c2 + kmin] * fact[d1 - kmin] * fact[d2 - kmin] * fact[d3 - kmin] * sden
    if ((t1 - t2 - u3) // 2 + kmin) & 1:
        num = -num
    g = gcd(num, den)
    return num // g, den // g, s


def _six_j_value(t1: int, t2: int, t3: int, t4: int, t5: int, t6: int, fact) -> tuple[int, int, int]:
    """Racah's 6j sum for labels whose four triads couple, as reduced ``(num, den, s)``; factorials from ``fact``."""
    num, den, s = 1, 1, 1
    for a, b, c in ((t1, t2, t3), (t1, t5, t6), (t4, t2, t6), (t4, t5, t3)):
        n, d, q = _sqrt_triangle(a, b, c)
        g = gcd(s, q)
        num *= n * g
        den *= d
        s = (s // g) * (q // g)
    snum, sden = _racah_sum_table(fact, t1, t2, t3, t4, t5, t6)
    return _reduced(num * snum, den * sden, s)


def _ragged(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Expand ``counts[i]`` children per parent ``i``: each child's parent and its position among its siblings."""
    parent = np.repeat(np.arange(len(counts)), counts)
    position = np.arange(len(parent)) - np.repeat(np.cumsum(counts) - counts, counts)
    return parent, position


def _ladder(lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Number of values ``lo, lo + 2, ..., <= hi`` (0 when ``hi < lo``)."""
    return np.where(hi >= lo, (hi - lo) // 2 + 1, 0)


def _sort3(c0: np.ndarray, c1: np.ndarray, c2: np.ndarray, base: int) -> tuple[np.ndarray, np.ndarray]:
    """Sort three codes per row with a comparison network: ``(key of the sorted triple, parity of the sort)``."""
    lo = np.minimum(np.minimum(c0, c1), c2)
    hi = np.maximum(np.maximum(c0, c1), c2)
    mid = c0 + c1 + c2 - lo - hi
    odd = (c0 > c1) ^ (c0 > c2) ^ (c1 > c2)  # parity of the number of inversions
    return (lo * base + mid) * base + hi, odd


# ----------------------------------------------------------- 3j and CG tables, vectorised
def _three_j_labels(top: int, integer_only: bool) -> np.ndarray:
    """Every doubled 3j label row with all j <= top/2 that passes the selection rules, in the CLI's order.

    Made in that order, so nothing is sorted: triangles ``(j1, j2, j3)`` in
    lexicographic order, then ``m1``, then every ``m2`` with ``|m1 + m2| <= j3``.
    """
    step = 2 if integer_only else 1
    js = np.arange(0, top + 1, step, dtype=np.int64)
    a, b = np.repeat(js, len(js)), np.tile(js, len(js))
    lo, hi = np.abs(a - b), np.minimum(a + b, top)
    hi = hi - ((hi - lo) & 1)  # j3 keeps the parity of j1 + j2
    tri, k = _ragged(_ladder(lo, hi))
    t1, t2, t3 = a[tri], b[tri], lo[tri] + 2 * k
    # m1 = -j1 .. j1, then m2 from max(-j2, -j3 - m1) to min(j2, j3 - m1)
    row, k = _ragged(t1 + 1)
    t1, t2, t3 = t1[row], t2[row], t3[row]
    u1 = 2 * k - t1
    lo, hi = np.maximum(-t2, -t3 - u1), np.minimum(t2, t3 - u1)
    row, k = _ragged(_ladder(lo, hi))
    u1, u2 = u1[row], lo[row] + 2 * k
    return np.stack([t1[row], t2[row], t3[row], u1, u2, -(u1 + u2)], axis=1)


def _classes(key: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(inverse, first)``: the class of each row and one row per class, classes numbered by key."""
    _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    return inverse.ravel(), first


def _classical_classes(labels: np.ndarray, top: int):
    """Classes under the 12 classical symmetries (column permutations, m -> -m): ``(inverse, sign, first)``.

    ``sign`` is +-1, the sign of each row relative to its class's canonical form
    (odd permutations and the reflection carry ``(-1)**(j1+j2+j3)``);
    ``first`` holds one row index per class, ``inverse`` each row's class.
    The canonical form sorts the columns by ``(j, m)``, of the row or of its reflection.
    """
    t1, t2, t3, u1, u2, u3 = labels.T
    base = 2 * top + 2
    keys, odds = [], []
    for flip in (1, -1):
        key, odd = _sort3(t1 * base + (flip * u1 + top), t2 * base + (flip * u2 + top),
                          t3 * base + (flip * u3 + top), base * (top + 1))
        keys.append(key)
        odds.append(odd if flip == 1 else ~odd)
    reflect = keys[1] < keys[0]
    best = np.where(reflect, keys[1], keys[0])
    odd = np.where(reflect, odds[1], odds[0])
    j_sum_odd = ((t1 + t2 + t3) // 2 & 1).astype(bool)
    sign = np.where(odd & j_sum_odd, -1, 1)
    inverse, first = _classes(best)
    return inverse, sign, first


def _three_j_rows(top: int, integer_only: bool):
    """Every 3j label row up to ``top`` in the CLI's order, its class, its sign relative to the class's
    representative, and the exact value of each class as reduced ``(num, den, s)`` (one Racah sum per class)."""
    labels = _three_j_labels(top, integer_only)
    cls, sign, first = _classical_classes(labels, top)
    fact = factorial_table(3 * top // 2 + 2)
    jm = _jm_splits(top)
    reps = labels[first].tolist()
    triangles: dict = {}
    values = [_three_j_value(t1, t2, t3, u1, u2, fact, jm, top, triangles) for t1, t2, t3, u1, u2, _ in reps]
    # relative to the class's representative rather than to its canonical form
    sign = sign * sign[first][cls]
    return labels, cls, sign, values


def _nonzero(values: list) -> np.ndarray:
    """Which class values (``(num, den, s)`` triples) are nonzero."""
    return np.fromiter((v[0] != 0 for v in values), dtype=bool, count=len(values))


def _signed(values: list, cls: np.ndarray, sign: np.ndarray) -> tuple:
    """``sign[i] * values[cls[i]]`` as exact values, one tuple entry per row.

    ``values`` are reduced ``(num, den, s)`` triples.  One object is made per
    distinct signed value that some row needs (classes of different labels often
    share a value, and building an object costs far more than a dict lookup).
    """
    n = len(values)
    index = np.where(sign < 0, cls + n, cls)
    needed = np.zeros(2 * n, dtype=bool)
    needed[index] = True
    both = np.empty(2 * n, object)
    made: dict = {}
    make = SqrtRational.from_coprime_ints
    for i in np.flatnonzero(needed).tolist():
        num, den, s = values[i % n] if i < n else values[i - n]
        if i >= n:
            num = -num
        key = (num, den, s)
        obj = made.get(key)
        if obj is None:
            obj = made[key] = make(num, den, s)
        both[i] = obj
    return tuple(both[index].tolist())


def wigner_3j_exact_table(jmax: Label, *, integer_only: bool = False) -> ExactCouplingTable:
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
    keep = np.flatnonzero(_nonzero(values)[cls])
    return _trusted("3j", labels.take(keep, axis=0), _signed(values, cls.take(keep), sign.take(keep)))


def clebsch_gordan_exact_table(jmax: Label, *, integer_only: bool = False) -> ExactCouplingTable:
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
    keep = np.flatnonzero(_nonzero(values)[cls])  # rows of nonzero classes (take: cheaper than a 2-d mask)
    labels, cls, sign = labels.take(keep, axis=0), cls.take(keep), sign.take(keep)
    t1, t2, t3, u1, u2, u3 = labels.T
    # <j1 m1 j2 m2 | j m> = (-1)**(j1 - j2 + m) sqrt(2j + 1) (j1 j2 j; m1 m2 -m): the root once per
    # (3j class, j, sign), shared by every row of the triple.  The rows stay in the 3j table's order,
    # which is the CLI's CG order too (j1, j2, j, m1, m2; m follows from m1 and m2).
    sign = sign * np.where((t1 - t2 - u3) // 2 & 1, -1, 1)
    # classes of one |value| are one: number the distinct magnitudes, carry each class's sign to its rows
    ids: dict = {}
    magnitude = np.fromiter((ids.setdefault((abs(n), d, q), len(ids)) for n, d, q in values),
                            dtype=np.int64, count=len(values))
    negative = np.fromiter((n < 0 for n, _, _ in values), dtype=bool, count=len(values))
    sign = np.where(negative[cls], -sign, sign)
    # one index per (magnitude, j, sign) in a dense array (the range is small): no sort, one pass
    width = top + 1
    index = 2 * (magnitude[cls] * width + t3) + (sign < 0)
    needed = np.zeros(2 * width * len(ids), dtype=bool)
    needed[index] = True
    slots = np.flatnonzero(needed)
    mags = list(ids)
    roots = [int_split(t + 1) for t in range(top + 1)]
    objects = []
    make = SqrtRational.from_coprime_ints
    gcd_ = gcd
    # one object per (magnitude, j, sign) slot; equal values reached from two slots stay two objects
    # (a dict to merge them costs more than the few objects it saves)
    for v, t, neg in zip((slots // (2 * width)).tolist(), (slots // 2 % width).tolist(), (slots & 1).tolist()):
        # (n/d) sqrt(s) * a sqrt(b) = (n a g / d) sqrt(s b / g**2), g = gcd(s, b); n and d are coprime,
        # so only the small factor a g can share anything with d
        num, den, radicand = mags[v]
        a_root, b_root = roots[t]
        g = gcd_(radicand, b_root)
        k = a_root * g
        if k != 1:
            h = gcd_(k, den)
            num *= k // h
            den //= h
        objects.append(make(-num if neg else num, den, (radicand // g) * (b_root // g)))
    table = np.empty(len(needed), object)
    table[slots] = objects
    cg = labels[:, [0, 3, 1, 4, 2, 5]]  # (j1, m1, j2, m2, j, m) with m = -m3
    cg[:, 5] *= -1
    return _trusted("cg", cg, tuple(table[index].tolist()))


def _six_j_labels(top: int, integer_only: bool) -> np.ndarray:
    """Every doubled 6j label row with all j <= top/2 whose four triads couple, in the CLI's order.

    Made in that order: triads ``(j1, j2, j3)`` lexicographically, then
    ``(j4, j5)`` with ``(j4, j5, j3)`` a triad, then the ``j6`` that close
    ``(j1, j5, j6)`` and ``(j4, j2, j6)`` (one parity class, step 1).
    """
    step = 2 if integer_only else 1
    js = np.arange(0, top + 1, step, dtype=np.int64)
    n = len(js)
    a, b, c = (x.ravel() for x in np.meshgrid(js, js, js, indexing="ij"))
    ok = (np.abs(a - b) <= c) & (c <= a + b) & ((a + b + c) % 2 == 0)
    a, b, c = a[ok], b[ok], c[ok]
    # (j4, j5) pairs for every triad, kept when (j4, j5, j3) couples
    row = np.repeat(np.arange(len(a)), n * n)
    t4, t5 = np.tile(np.repeat(js, n), len(a)), np.tile(js, n * len(a))
    t3 = c[row]
    ok = (np.abs(t4 - t5) <= t3) & (t3 <= t4 + t5) & ((t4 + t5 + t3) % 2 == 0)
    row, t4, t5 = row[ok], t4[ok], t5[ok]
    t1, t2, t3 = a[row], b[row], c[row]
    lo = np.maximum(np.abs(t1 - t5), np.abs(t4 - t2))
    hi = np.minimum(np.minimum(t1 + t5, t4 + t2), top)
    hi = hi - ((hi - lo) & 1)
    row, k = _ragged(_ladder(lo, hi))
    return np.stack([t1[row], t2[row], t3[row], t4[row], t5[row], lo[row] + 2 * k], axis=1)


def _six_j_classes(labels: np.ndarray, top: int) -> tuple[np.ndarray, np.ndarray]:
    """Classes under the 24 tetrahedral symmetries: ``(inverse, first)``.

    The group permutes the columns ``(j1 j4) (j2 j5) (j3 j6)`` and exchanges
    upper and lower entries in an even number of them; the canonical form is,
    over the four exchange patterns, the smallest sorted triple of column codes.
    """
    t1, t2, t3, t4, t5, t6 = labels.T
    base = top + 1
    best = None
    for f1, f2, f3 in ((False, False, False), (True, True, False), (True, False, True), (False, True, True)):
        codes = [(lower * base + upper) if flip else (upper * base + lower)
                 for upper, lower, flip in ((t1, t4, f1), (t2, t5, f2), (t3, t6, f3))]
        key, _ = _sort3(*codes, base * base)
        best = key if best is None else np.minimum(best, key)
    return _classes(best)


def wigner_6j_exact_table(jmax: Label, *, integer_only: bool = False) -> ExactCouplingTable:
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
    _check_rows(six_j_rows_bound(top, integer_only), "6j", str(jmax))
    labels = _six_j_labels(top, integer_only)
    cls, first = _six_j_classes(labels, top)
    fact = factorial_table(2 * top + 2)
    values = [_six_j_value(*row, fact) for row in labels[first].tolist()]
    keep = _nonzero(values)[cls]
    cls = cls[keep]
    return _trusted("6j", labels[keep], _signed(values, cls, np.ones(len(cls), np.int8)))


# ----------------------------------------------------------- small dense float tables without compiling
def _dense_rounded_table(t1: int, t2: int, t3: int, clebsch_gordan: bool) -> np.ndarray:
    """Every 3j symbol (or CG coefficient) of one doubled triangle, correctly rounded, from exact Python ints.

    The float tables of :mod:`~mathref.algebra.angular.coupling_float` use
    this for small labels instead of their big-integer Numba kernels: a few
    microseconds per entry, against seconds of compilation on a cold cache.
    Layout as ``wigner_3j_dense`` / ``clebsch_gordan_dense``:
    ``out[a, b, c]`` with ``m1 = a - j1``, ``m2 = b - j2`` and ``m3 = c - j3``
    (3j) or ``m = c - j`` (CG).  Labels are trusted doubled ints.

    Examples
    --------
    >>> float(_dense_rounded_table(2, 2, 0, False)[2, 0, 0])   # (1 1 0; 1 -1 0) = sqrt(1/3)
    0.5773502691896257
    >>> float(_dense_rounded_table(1, 1, 2, True)[1, 0, 1])    # <1/2 1/2 1/2 -1/2 | 1 0>
    0.7071067811865476
    """
    out = np.zeros((t1 + 1, t2 + 1, t3 + 1), np.float64)
    if t3 < abs(t1 - t2) or t3 > t1 + t2 or (t1 + t2 + t3) & 1:
        return out
    top = max(t1, t2, t3)
    fact = factorial_table((t1 + t2 + t3) // 2 + 2)
    jm = _jm_splits(top)
    odd_sum = (t1 + t2 + t3) // 2 & 1
    for a in range(t1 + 1):
        u1 = 2 * a - t1
        for b in range(t2 + 1):
            u2 = 2 * b - t2
            u3 = -u1 - u2
            if abs(u3) > t3:
                continue
            c = (u3 + t3) // 2
            if (a, b) > (t1 - a, t2 - b):
                # (j1 j2 j3; -m1 -m2 -m3) = (-1)**(j1+j2+j3) (j1 j2 j3; m1 m2 m3), already made
                x = out[t1 - a, t2 - b, t3 - c]
                out[a, b, c] = -x if odd_sum and x else x  # a structural zero stays +0.0
                continue
            num, den, s = _three_j_value(t1, t2, t3, u1, u2, fact, jm, top)
            if not num:
                continue
            out[a, b, c] = _rounded(num, den, s)
    if clebsch_gordan:
        # <j1 m1 j2 m2 | j m> = (-1)**(j1 - j2 + m) sqrt(2j + 1) (j1 j2 j; m1 m2 -m): round once, from the exact
        # square, rather than multiplying two rounded numbers
        cg = np.zeros_like(out)
        for a, b, c in zip(*np.nonzero(out)):
            u = -(2 * int(c) - t3)
            num, den, s = _three_j_value(t1, t2, t3, 2 * int(a) - t1, 2 * int(b) - t2, fact, jm, top)
            x = _rounded(num, den, s * (t3 + 1))
            cg[a, b, t3 - c] = -x if (t1 - t2 + u) // 2 & 1 else x
        return cg
    return out


def _rounded(num: int, den: int, s: int) -> float:
    """The correctly rounded float of ``num / den * sqrt(s)``."""
    if s == 1:
        return num / den  # int / int true division rounds correctly
    x = round_sqrt_to_float(num * num * s, den * den)
    return -x if num < 0 else x
