"""Reference-table kinds of the algebra package.

``cg``, ``3j``, ``6j``, ``9j`` list every nonzero coupling coefficient up to ``--jmax``;
``gaunt`` and ``real_gaunt`` every nonzero Gaunt coefficient up to ``--lmax``.  The
command line finds :data:`TABLE_KINDS` through the ``mathref.tables`` entry point.
"""

from __future__ import annotations

from fractions import Fraction

from mathref.errors import InvalidArgumentError
from mathref.tables import TableKind
from mathref.tables.options import add_lmax_option, lmax_option
from mathref.validation import two_times_nonneg

from .angular import (
    allowed_degree_triples,
    clebsch_gordan_doubled,
    clebsch_gordan_exact_table,
    gaunt_block_exact,
    is_triangle,
    nine_j_doubled,
    real_gaunt_block_exact,
    six_j_doubled,
    six_j_rows_bound,
    spread_over_permutations,
    three_j_doubled,
    three_j_rows_bound,
    wigner_3j_exact_table,
    wigner_6j_exact_table,
)


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
    return two_times_nonneg(value, "--jmax")


def _js(args):
    step = 2 if args.integer_only else 1
    return range(0, _two_jmax(args) + 1, step)


#: Tables estimated to hold at most this many rows are built in memory by the bulk path
#: (one value per symmetry class); larger ones are streamed symbol by symbol.
BULK_ROWS = 1_000_000


def _bulk_fits(args, per_j: int) -> bool:
    bound = six_j_rows_bound if per_j == 6 else three_j_rows_bound
    return bound(_two_jmax(args), args.integer_only) <= BULK_ROWS


def _bulk_rows(args, build, stream, per_j):
    if not _bulk_fits(args, per_j):
        yield from stream(args)
        return
    yield None  # one progress unit: the whole table at once
    yield from build(Fraction(_two_jmax(args), 2), integer_only=args.integer_only).rows()


def _cg_rows(args):
    yield from _bulk_rows(args, clebsch_gordan_exact_table, _cg_rows_streamed, 3)


def _3j_rows(args):
    yield from _bulk_rows(args, wigner_3j_exact_table, _3j_rows_streamed, 3)


def _6j_rows(args):
    yield from _bulk_rows(args, wigner_6j_exact_table, _6j_rows_streamed, 6)


def _cg_rows_streamed(args):
    for t1 in _js(args):
        for t2 in _js(args):
            yield None  # progress tick per (j1, j2) block
            for t in range(abs(t1 - t2), min(t1 + t2, _two_jmax(args)) + 1, 2):
                for u1 in range(-t1, t1 + 1, 2):
                    for u2 in range(-t2, t2 + 1, 2):
                        u = u1 + u2
                        if abs(u) > t:
                            continue
                        v = clebsch_gordan_doubled(t1, u1, t2, u2, t, u)
                        if v:
                            yield (*(_label(x) for x in (t1, u1, t2, u2, t, u)), *_exact_columns(v))


def _3j_rows_streamed(args):
    top = _two_jmax(args)
    for t1 in _js(args):
        for t2 in _js(args):
            yield None
            for t3 in range(abs(t1 - t2), min(t1 + t2, top) + 1, 2):
                for u1 in range(-t1, t1 + 1, 2):
                    for u2 in range(-t2, t2 + 1, 2):
                        u3 = -u1 - u2
                        if abs(u3) > t3:
                            continue
                        v = three_j_doubled(t1, t2, t3, u1, u2, u3)
                        if v:
                            yield (*(_label(x) for x in (t1, t2, t3, u1, u2, u3)), *_exact_columns(v))


def _6j_rows_streamed(args):
    js = list(_js(args))
    for t1 in js:
        for t2 in js:
            yield None
            for t3 in js:
                if not is_triangle(t1, t2, t3):
                    continue
                for t4 in js:
                    for t5 in js:
                        if not is_triangle(t4, t5, t3):
                            continue
                        for t6 in js:
                            v = six_j_doubled(t1, t2, t3, t4, t5, t6)
                            if v:
                                yield (*(_label(x) for x in (t1, t2, t3, t4, t5, t6)), *_exact_columns(v))


def _9j_rows(args):
    js = list(_js(args))
    triples = [(a, b, c) for a in js for b in js for c in js if is_triangle(a, b, c)]
    for r1 in triples:
        yield None
        for r2 in triples:
            for r3 in triples:
                cols = ((r1[0], r2[0], r3[0]), (r1[1], r2[1], r3[1]), (r1[2], r2[2], r3[2]))
                if not all(is_triangle(*c) for c in cols):
                    continue
                labels = (*r1, *r2, *r3)
                v = nine_j_doubled(*labels)
                if v:
                    yield (*(_label(x) for x in labels), *_exact_columns(v))


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


def _count_pairs(args):
    # progress units: one for a table built in memory, else one per (j1, j2) block
    return 1 if _bulk_fits(args, 3) else len(_js(args)) ** 2


def _count_6j(args):
    return 1 if _bulk_fits(args, 6) else len(_js(args)) ** 2




def _gaunt_rows(args, real: bool):
    lmax = lmax_option(args)
    table: dict = {}
    for ls in allowed_degree_triples(lmax):
        yield None  # progress tick per block
        block = gaunt_block_exact(*ls)
        spread_over_permutations(table, ls, real_gaunt_block_exact(*ls, block) if real else block)
    for key in sorted(table):
        value = table[key]
        yield (*key, str(value), float(value))


_GAUNT_COMMON = {
    "exact": "column 'exact' is a sympy-parsable string r*sqrt(s)/sqrt(pi) of the exact value",
    "float": "column 'value' is the correctly rounded IEEE double of the exact value",
    "selection_rules": "only nonzero values are listed (l1+l2+l3 even, triangle, |m_i| <= l_i)",
}


def _gaunt_manifest(extra):
    def build(args):
        return {**_GAUNT_COMMON, **extra, "lmax": lmax_option(args)}

    return build


def _count_blocks(args):
    return sum(1 for _ in allowed_degree_triples(lmax_option(args)))


TABLE_KINDS = (
    TableKind(
        name="cg",
        description="Clebsch-Gordan coefficients <j1 m1 j2 m2 | j m>, every nonzero value with j1, j2, j <= jmax",
        columns=("j1", "m1", "j2", "m2", "j", "m", "exact", "value"),
        add_arguments=_jmax_arg,
        rows=_cg_rows,
        manifest=_manifest(
            {"symbol": "<j1 m1 j2 m2 | j m>", "argument_order": "j1, m1, j2, m2, j, m (sympy: j1, j2, j, m1, m2, m)"}
        ),
        count=_count_pairs,
    ),
    TableKind(
        name="3j",
        description="Wigner 3j symbols (j1 j2 j3; m1 m2 m3), every nonzero value with all j <= jmax",
        columns=("j1", "j2", "j3", "m1", "m2", "m3", "exact", "value"),
        add_arguments=_jmax_arg,
        rows=_3j_rows,
        manifest=_manifest({"symbol": "(j1 j2 j3; m1 m2 m3)", "argument_order": "j1, j2, j3, m1, m2, m3"}),
        count=_count_pairs,
    ),
    TableKind(
        name="6j",
        description="Wigner 6j symbols {j1 j2 j3; j4 j5 j6}, every nonzero value with all j <= jmax",
        columns=("j1", "j2", "j3", "j4", "j5", "j6", "exact", "value"),
        add_arguments=_jmax_arg,
        rows=_6j_rows,
        manifest=_manifest({"symbol": "{j1 j2 j3; j4 j5 j6}", "argument_order": "j1, ..., j6 (rows)"}),
        count=_count_6j,
    ),
    TableKind(
        name="9j",
        description=(
            "Wigner 9j symbols with rows (j1 j2 j3)(j4 j5 j6)(j7 j8 j9), every nonzero value with all j <= jmax"
        ),
        columns=("j1", "j2", "j3", "j4", "j5", "j6", "j7", "j8", "j9", "exact", "value"),
        add_arguments=_jmax_arg,
        rows=_9j_rows,
        manifest=_manifest({"symbol": "{j1 j2 j3; j4 j5 j6; j7 j8 j9}", "argument_order": "j1, ..., j9 (rows)"}),
        count=None,
    ),
    TableKind(
        name="gaunt",
        description="Gaunt coefficients (integral of Y_l1^m1 Y_l2^m2 Y_l3^m3), every nonzero value with l <= lmax",
        columns=("l1", "l2", "l3", "m1", "m2", "m3", "exact", "value"),
        add_arguments=add_lmax_option,
        rows=lambda args: _gaunt_rows(args, real=False),
        manifest=_gaunt_manifest(
            {
                "symbol": "integral over the sphere of Y_l1^m1 Y_l2^m2 Y_l3^m3 (no conjugation)",
                "harmonics": "complex, Condon-Shortley phase",
                "reference": "equal in value to sympy.physics.wigner.gaunt(l1, l2, l3, m1, m2, m3)",
            }
        ),
        count=_count_blocks,
    ),
    TableKind(
        name="real_gaunt",
        description="real Gaunt coefficients (integral of three real harmonics), nonzero values with l <= lmax",
        columns=("l1", "l2", "l3", "m1", "m2", "m3", "exact", "value"),
        add_arguments=add_lmax_option,
        rows=lambda args: _gaunt_rows(args, real=True),
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
        count=_count_blocks,
    ),
)
