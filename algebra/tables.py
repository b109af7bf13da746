"""Reference-table kinds of the algebra package.

``cg``, ``3j``, ``6j``, ``9j`` list every nonzero coupling coefficient up to ``--jmax``;
``gaunt`` and ``real_gaunt`` every nonzero Gaunt coefficient up to ``--lmax``.  The
command line finds :data:`TABLE_KINDS` through the ``mathref.tables`` entry point.

Each kind is cut into units of work that :mod:`mathref.tables.build` shards and
runs in parallel: one ``(j1, j2)`` block (cg, 3j, 6j), one first row
``(j1, j2, j3)`` (9j), one ``(l1, l2)`` pair (Gaunt).  The rows of the units, unit after
unit, are the table in its documented order.  Small coupling tables are one
unit built by the bulk path (one value per symmetry class).  Every unit has a
cheap upper bound on its rows, for the estimate that comes before any work.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from mathref.errors import InvalidArgumentError
from mathref.tables import TableKind, rows_of_units
from mathref.tables.options import add_lmax_option, lmax_option
from mathref.validation import two_times_nonneg

from .angular import (
    clebsch_gordan_doubled,
    clebsch_gordan_exact_table,
    gaunt_block_exact,
    is_triangle,
    nine_j_doubled,
    real_gaunt_block_exact,
    six_j_doubled,
    six_j_rows_bound,
    three_j_doubled,
    wigner_3j_exact_table,
    wigner_6j_exact_table,
)

#: Tables estimated to hold at most this many rows are one unit built in memory by the
#: bulk path (one value per symmetry class, ~12x and ~24x fewer evaluations); larger ones
#: are cut into (j1, j2) blocks computed symbol by symbol, so memory stays bounded.
BULK_ROWS = 250_000
#: Largest --jmax / --lmax accepted at all (the row estimate and --max-rows guard what lies below).
MAX_TWO_JMAX = 4000
MAX_GAUNT_LMAX = 200


def _label(two_x: int):
    """A doubled label as a JSON number: int when integral, else an exact binary float (x.5)."""
    return two_x // 2 if two_x % 2 == 0 else two_x / 2


def _exact_columns(value) -> tuple[str, float]:
    return str(value), float(value)


def _jmax_arg(parser) -> None:
    parser.add_argument("--jmax", default="2", help="largest j (integer or half-integer, e.g. 3 or 5/2); default 2")
    parser.add_argument("--integer-only", action="store_true", help="only integer j (skip half-integer labels)")


def _two_jmax(args) -> int:
    try:
        value = Fraction(str(args.jmax))
    except (ValueError, ZeroDivisionError):
        raise InvalidArgumentError(f"--jmax={args.jmax!r} is not a number") from None
    two = two_times_nonneg(value, "--jmax")
    if two > MAX_TWO_JMAX:
        raise InvalidArgumentError(f"--jmax={args.jmax} is larger than {MAX_TWO_JMAX // 2}")
    return two


def _js(args):
    step = 2 if args.integer_only else 1
    return range(0, _two_jmax(args) + 1, step)


class _Pairs:
    """The (j1, j2) blocks in row order, as a lazy sequence (a jmax of 1000 has 4 million)."""

    def __init__(self, js):
        self.js = list(js)

    def __len__(self) -> int:
        return len(self.js) ** 2

    def __getitem__(self, index):
        n = len(self.js)
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(n * n))]
        if not -n * n <= index < n * n:
            raise IndexError(index)
        i, k = divmod(index % (n * n), n)
        return self.js[i], self.js[k]

    def grid(self):
        """Doubled j1 and j2 of every block, as int64 arrays in unit order."""
        a = np.asarray(self.js, dtype=np.int64)
        return np.repeat(a, len(a)), np.tile(a, len(a))


_BULK = ("bulk",)


def _bulk_fits(args, per_j: int) -> bool:
    if per_j == 6:
        return six_j_rows_bound(_two_jmax(args), args.integer_only) <= BULK_ROWS
    # the same bound as three_j_rows_bound, summed with numpy (a jmax of 1000 has 4 million blocks)
    return int(_block_bounds(args).sum()) <= BULK_ROWS


def _block_bounds(args):
    t1, t2 = _Pairs(_js(args)).grid()
    return (t1 + 1) * (t2 + 1) * _triangle_counts(t1, t2, _two_jmax(args))


def _coupling_units(per_j):
    def units(args):
        return [_BULK] if _bulk_fits(args, per_j) else _Pairs(_js(args))

    return units


def _triangle_counts(t1, t2, top):
    """Number of j3 in the triangle of (j1, j2) with j3 <= jmax, elementwise (doubled arrays)."""
    lo, hi = np.abs(t1 - t2), np.minimum(t1 + t2, top)
    return np.where(hi >= lo, (hi - lo) // 2 + 1, 0)


def _pair_estimates(args):
    bounds = _block_bounds(args)
    return np.array([bounds.sum()], dtype=np.int64) if int(bounds.sum()) <= BULK_ROWS else bounds


def _six_j_estimates(args):
    top = _two_jmax(args)
    if _bulk_fits(args, 6):
        return np.array([six_j_rows_bound(top, args.integer_only)], dtype=np.int64)
    js = np.asarray(list(_js(args)), dtype=np.int64)
    a, b = np.meshgrid(js, js, indexing="ij")
    # pairs(t3): number of (j4, j5) in the triangle of j3 (each also with j3 <= jmax)
    pairs = np.zeros(top + 1, dtype=np.int64)
    for t3 in js:
        pairs[t3] = np.count_nonzero((np.abs(a - b) <= t3) & (t3 <= a + b) & ((a + b + t3) % 2 == 0))
    prefix = pairs.copy()  # prefix[t] = sum of pairs[t'] for t' <= t of the parity of t
    for t in range(2, top + 1):
        prefix[t] += prefix[t - 2]
    t1, t2 = _Pairs(js).grid()
    lo, hi = np.abs(t1 - t2), np.minimum(t1 + t2, top)
    below = np.where(lo >= 2, prefix[np.maximum(lo - 2, 0)], 0)
    sums = np.where(hi >= lo, prefix[np.clip(hi, 0, top)] - below, 0)
    # the sixth label runs over at most min(j1, j2) + 1 values
    return sums * (np.minimum(t1, t2) + 1)


def _cg_block(args, unit):
    if unit == _BULK:
        yield from clebsch_gordan_exact_table(Fraction(_two_jmax(args), 2), integer_only=args.integer_only).rows()
        return
    t1, t2 = unit
    for t in range(abs(t1 - t2), min(t1 + t2, _two_jmax(args)) + 1, 2):
        for u1 in range(-t1, t1 + 1, 2):
            for u2 in range(-t2, t2 + 1, 2):
                u = u1 + u2
                if abs(u) > t:
                    continue
                v = clebsch_gordan_doubled(t1, u1, t2, u2, t, u)
                if v:
                    yield (*(_label(x) for x in (t1, u1, t2, u2, t, u)), *_exact_columns(v))


def _3j_block(args, unit):
    if unit == _BULK:
        yield from wigner_3j_exact_table(Fraction(_two_jmax(args), 2), integer_only=args.integer_only).rows()
        return
    t1, t2 = unit
    for t3 in range(abs(t1 - t2), min(t1 + t2, _two_jmax(args)) + 1, 2):
        for u1 in range(-t1, t1 + 1, 2):
            for u2 in range(-t2, t2 + 1, 2):
                u3 = -u1 - u2
                if abs(u3) > t3:
                    continue
                v = three_j_doubled(t1, t2, t3, u1, u2, u3)
                if v:
                    yield (*(_label(x) for x in (t1, t2, t3, u1, u2, u3)), *_exact_columns(v))


def _6j_block(args, unit):
    if unit == _BULK:
        yield from wigner_6j_exact_table(Fraction(_two_jmax(args), 2), integer_only=args.integer_only).rows()
        return
    t1, t2 = unit
    top = _two_jmax(args)
    js = list(_js(args))
    step = 2 if args.integer_only else 1
    for t3 in range(abs(t1 - t2), min(t1 + t2, top) + 1, 2):
        for t4 in js:
            for t5 in js:
                if not is_triangle(t4, t5, t3):
                    continue
                # the triads (j1 j5 j6) and (j4 j2 j6): j6 runs over one parity class
                if (t1 + t5 - t4 - t2) % 2:
                    continue
                lo = max(abs(t1 - t5), abs(t4 - t2))
                hi = min(t1 + t5, t4 + t2, top)
                if step == 2 and lo % 2:
                    continue
                for t6 in range(lo, hi + 1, 2):
                    v = six_j_doubled(t1, t2, t3, t4, t5, t6)
                    if v:
                        yield (*(_label(x) for x in (t1, t2, t3, t4, t5, t6)), *_exact_columns(v))


def _triples(args):
    js = list(_js(args))
    return [(a, b, c) for a in js for b in js for c in js if is_triangle(a, b, c)]


def _9j_block(args, r1):
    top = _two_jmax(args)
    step = 2 if args.integer_only else 1
    a, b, c = r1

    def column(x, y):
        lo = abs(x - y)
        if step == 2 and lo % 2:
            return range(0)
        return range(lo, min(x + y, top) + 1, 2)

    for r2 in _triples(args):
        d, e, f = r2
        for g in column(a, d):
            for h in column(b, e):
                for i in column(c, f):
                    if not is_triangle(g, h, i):
                        continue
                    labels = (a, b, c, d, e, f, g, h, i)
                    v = nine_j_doubled(*labels)
                    if v:
                        yield (*(_label(x) for x in labels), *_exact_columns(v))


def _9j_estimates(args):
    t = np.asarray(_triples(args), dtype=np.int64).reshape(-1, 3)
    if not len(t):
        return np.zeros(0, dtype=np.int64)
    # third row: each column's label runs over at most min(upper, middle) + 1 values
    out = np.empty(len(t), dtype=np.int64)
    for k, row in enumerate(t):
        out[k] = int(np.prod(np.minimum(row, t) + 1, axis=1).sum())
    return out


_COMMON = {
    "phase": "Condon-Shortley",
    "exact": "column 'exact' is a sympy-parsable string of the exact value r*sqrt(s)",
    "float": "column 'value' is the correctly rounded IEEE double of the exact value",
    "labels": "half-integer labels are written as numbers (x.5 is exact in binary)",
    "reference": "equal in value to sympy.physics.wigner",
}


def _manifest(extra):
    def build(args):
        return {**_COMMON, **extra, "jmax": str(Fraction(_two_jmax(args), 2))}

    return build


def _count(units):
    return lambda args: len(units(args))


# ---------------------------------------------------------------- Gaunt


def _gaunt_lmax(args) -> int:
    return lmax_option(args, maximum=MAX_GAUNT_LMAX)


def _gaunt_units(args):
    lmax = _gaunt_lmax(args)
    return [(l1, l2) for l1 in range(lmax + 1) for l2 in range(lmax + 1)]


def _gaunt_estimates(real: bool):
    def estimates(args):
        lmax = _gaunt_lmax(args)
        out = []
        for l1, l2 in _gaunt_units(args):
            n3 = max(0, (min(l1 + l2, lmax) - abs(l1 - l2)) // 2 + 1)
            # one m3 per (m1, m2) for complex harmonics, at most two for real ones
            out.append(n3 * (2 * l1 + 1) * (2 * l2 + 1) * (2 if real else 1))
        return np.array(out, dtype=np.int64)

    return estimates


def _gaunt_block(real: bool):
    def rows(args, unit):
        lmax = _gaunt_lmax(args)
        l1, l2 = unit
        for l3 in range(abs(l1 - l2), min(l1 + l2, lmax) + 1, 2):  # l1 + l2 + l3 even, triangle
            ls = (l1, l2, l3)
            order = sorted(range(3), key=lambda i: ls[i])
            block = gaunt_block_exact(*(ls[i] for i in order))
            if real:
                block = real_gaunt_block_exact(*(ls[i] for i in order), block)
            # the block holds the sorted degrees; a column permutation changes no value
            place = [order.index(i) for i in range(3)]
            entries = sorted(((m[place[0]], m[place[1]], m[place[2]]), v) for m, v in block.items())
            for m, value in entries:
                yield (*ls, *m, str(value), float(value))

    return rows


_GAUNT_COMMON = {
    "exact": "column 'exact' is a sympy-parsable string r*sqrt(s)/sqrt(pi) of the exact value",
    "float": "column 'value' is the correctly rounded IEEE double of the exact value",
    "selection_rules": "only nonzero values are listed (l1+l2+l3 even, triangle, |m_i| <= l_i)",
}


def _gaunt_manifest(extra):
    def build(args):
        return {**_GAUNT_COMMON, **extra, "lmax": _gaunt_lmax(args)}

    return build


def _add_gaunt_lmax(parser) -> None:
    add_lmax_option(parser, maximum=MAX_GAUNT_LMAX)


_CG_UNITS, _3J_UNITS, _6J_UNITS = _coupling_units(3), _coupling_units(3), _coupling_units(6)
_REAL_GAUNT_ROWS, _GAUNT_ROWS = _gaunt_block(True), _gaunt_block(False)

TABLE_KINDS = (
    TableKind(
        name="cg",
        description="Clebsch-Gordan coefficients <j1 m1 j2 m2 | j m>, every nonzero value with j1, j2, j <= jmax",
        columns=("j1", "m1", "j2", "m2", "j", "m", "exact", "value"),
        add_arguments=_jmax_arg,
        rows=rows_of_units(_CG_UNITS, _cg_block),
        manifest=_manifest(
            {"symbol": "<j1 m1 j2 m2 | j m>", "argument_order": "j1, m1, j2, m2, j, m (sympy: j1, j2, j, m1, m2, m)"}
        ),
        count=_count(_CG_UNITS),
        units=_CG_UNITS,
        unit_rows=_cg_block,
        unit_estimates=_pair_estimates,
        seconds_per_row=3e-5,
    ),
    TableKind(
        name="3j",
        description="Wigner 3j symbols (j1 j2 j3; m1 m2 m3), every nonzero value with all j <= jmax",
        columns=("j1", "j2", "j3", "m1", "m2", "m3", "exact", "value"),
        add_arguments=_jmax_arg,
        rows=rows_of_units(_3J_UNITS, _3j_block),
        manifest=_manifest({"symbol": "(j1 j2 j3; m1 m2 m3)", "argument_order": "j1, j2, j3, m1, m2, m3"}),
        count=_count(_3J_UNITS),
        units=_3J_UNITS,
        unit_rows=_3j_block,
        unit_estimates=_pair_estimates,
        seconds_per_row=3e-5,
    ),
    TableKind(
        name="6j",
        description="Wigner 6j symbols {j1 j2 j3; j4 j5 j6}, every nonzero value with all j <= jmax",
        columns=("j1", "j2", "j3", "j4", "j5", "j6", "exact", "value"),
        add_arguments=_jmax_arg,
        rows=rows_of_units(_6J_UNITS, _6j_block),
        manifest=_manifest({"symbol": "{j1 j2 j3; j4 j5 j6}", "argument_order": "j1, ..., j6 (rows)"}),
        count=_count(_6J_UNITS),
        units=_6J_UNITS,
        unit_rows=_6j_block,
        unit_estimates=_six_j_estimates,
        seconds_per_row=6e-5,
    ),
    TableKind(
        name="9j",
        description=(
            "Wigner 9j symbols with rows (j1 j2 j3)(j4 j5 j6)(j7 j8 j9), every nonzero value with all j <= jmax"
        ),
        columns=("j1", "j2", "j3", "j4", "j5", "j6", "j7", "j8", "j9", "exact", "value"),
        add_arguments=_jmax_arg,
        rows=rows_of_units(_triples, _9j_block),
        manifest=_manifest({"symbol": "{j1 j2 j3; j4 j5 j6; j7 j8 j9}", "argument_order": "j1, ..., j9 (rows)"}),
        count=_count(_triples),
        units=_triples,
        unit_rows=_9j_block,
        unit_estimates=_9j_estimates,
        seconds_per_row=2e-4,
    ),
    TableKind(
        name="gaunt",
        description="Gaunt coefficients (integral of Y_l1^m1 Y_l2^m2 Y_l3^m3), every nonzero value with l <= lmax",
        columns=("l1", "l2", "l3", "m1", "m2", "m3", "exact", "value"),
        add_arguments=_add_gaunt_lmax,
        rows=rows_of_units(_gaunt_units, _GAUNT_ROWS),
        manifest=_gaunt_manifest(
            {
                "symbol": "integral over the sphere of Y_l1^m1 Y_l2^m2 Y_l3^m3 (no conjugation)",
                "harmonics": "complex, Condon-Shortley phase",
                "reference": "equal in value to sympy.physics.wigner.gaunt(l1, l2, l3, m1, m2, m3)",
            }
        ),
        count=_count(_gaunt_units),
        units=_gaunt_units,
        unit_rows=_GAUNT_ROWS,
        unit_estimates=_gaunt_estimates(False),
        seconds_per_row=1e-4,
    ),
    TableKind(
        name="real_gaunt",
        description="real Gaunt coefficients (integral of three real harmonics), nonzero values with l <= lmax",
        columns=("l1", "l2", "l3", "m1", "m2", "m3", "exact", "value"),
        add_arguments=_add_gaunt_lmax,
        rows=rows_of_units(_gaunt_units, _REAL_GAUNT_ROWS),
        manifest=_gaunt_manifest(
            {
                "symbol": "integral over the sphere of Y_{l1 m1} Y_{l2 m2} Y_{l3 m3}, real harmonics",
                "harmonics": (
                    "standard real form, no Condon-Shortley phase (as sphericart): "
                    "sqrt2 (-1)^m Re Y_l^m for m > 0, sqrt2 (-1)^m Im Y_l^|m| for m < 0; l = 1 is sqrt(3/4pi)(y, z, x)"
                ),
                "reference": (
                    "equal in value to sympy.physics.wigner.real_gaunt (sympy's real form differs by (-1)^m, "
                    "which cancels in every nonzero coefficient)"
                ),
            }
        ),
        count=_count(_gaunt_units),
        units=_gaunt_units,
        unit_rows=_REAL_GAUNT_ROWS,
        unit_estimates=_gaunt_estimates(True),
        seconds_per_row=1.5e-4,
    ),
)
