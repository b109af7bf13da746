"""Table kinds ``gaunt``, ``real_gaunt`` and ``sh_fourier`` (issue 3).

``gaunt`` and ``real_gaunt`` list every nonzero Gaunt coefficient with all
``l <= --lmax``; ``sh_fourier`` lists every nonzero coefficient ``c[l, m, u, v]``
of the expansion of the spherical harmonics in ``e^{i(uθ + vφ)}``.
"""

from __future__ import annotations

from mathref._validation import as_nonneg_int

from . import TableKind, register

_MAX_LMAX = 40


def _lmax_arg(parser) -> None:
    parser.add_argument("--lmax", default="4", help=f"largest degree l (integer, at most {_MAX_LMAX}); default 4")


def _fourier_args(parser) -> None:
    _lmax_arg(parser)
    parser.add_argument(
        "--basis",
        choices=("complex", "real"),
        default="complex",
        help="complex Condon-Shortley harmonics (default) or the standard real form",
    )


def _lmax(args) -> int:
    try:
        value = as_nonneg_int(int(str(args.lmax)), "--lmax")
    except ValueError:
        raise ValueError(f"--lmax={args.lmax!r} must be a non-negative integer") from None
    if value > _MAX_LMAX:
        raise ValueError(f"--lmax={value} is larger than {_MAX_LMAX}")
    return value


def _gaunt_rows(args, real: bool):
    from algebra.gaunt import _complex_block, _real_block, _sorted_triples, _spread

    lmax = _lmax(args)
    table: dict = {}
    for ls in _sorted_triples(lmax):
        yield None  # progress tick per block
        block = _complex_block(*ls)
        _spread(table, ls, _real_block(*ls, block) if real else block)
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
        return {**_GAUNT_COMMON, **extra, "lmax": _lmax(args)}

    return build


def _count_blocks(args):
    from algebra.gaunt import _sorted_triples

    return sum(1 for _ in _sorted_triples(_lmax(args)))


register(
    TableKind(
        name="gaunt",
        description="Gaunt coefficients (integral of Y_l1^m1 Y_l2^m2 Y_l3^m3), every nonzero value with l <= lmax",
        columns=("l1", "l2", "l3", "m1", "m2", "m3", "exact", "value"),
        add_arguments=_lmax_arg,
        rows=lambda args: _gaunt_rows(args, real=False),
        manifest=_gaunt_manifest(
            {
                "symbol": "integral over the sphere of Y_l1^m1 Y_l2^m2 Y_l3^m3 (no conjugation)",
                "harmonics": "complex, Condon-Shortley phase",
                "reference": "equal in value to sympy.physics.wigner.gaunt(l1, l2, l3, m1, m2, m3)",
            }
        ),
        count=_count_blocks,
    )
)
register(
    TableKind(
        name="real_gaunt",
        description="real Gaunt coefficients (integral of three real harmonics), nonzero values with l <= lmax",
        columns=("l1", "l2", "l3", "m1", "m2", "m3", "exact", "value"),
        add_arguments=_lmax_arg,
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
    )
)


def _fourier_rows(args):
    from geometry.fourier_basis import sh_fourier_coefficients_exact

    lmax = _lmax(args)
    for l in range(lmax + 1):
        for m in range(-l, l + 1):
            yield None
            coeffs = sh_fourier_coefficients_exact(l, m, basis=args.basis)
            for (u, v) in sorted(coeffs):
                z = coeffs[(u, v)]
                yield (l, m, u, v, str(z.real), str(z.imag), float(z.real), float(z.imag))


register(
    TableKind(
        name="sh_fourier",
        description="2D Fourier coefficients c[l,m,u,v] of the spherical harmonics, Y = sum c e^{i(u theta + v phi)}",
        columns=("l", "m", "u", "v", "exact_real", "exact_imag", "real", "imag"),
        add_arguments=_fourier_args,
        rows=_fourier_rows,
        manifest=lambda args: {
            "expansion": (
                "Y_{l,m}(theta, phi) = sum over (u, v) of c[l,m,u,v] exp(i (u theta + v phi)); "
                "theta polar, phi azimuth"
            ),
            "harmonics": (
                "complex Condon-Shortley Y_l^m (v = m)"
                if args.basis == "complex"
                else "standard real form, no Condon-Shortley phase (v = +-m)"
            ),
            "basis": args.basis,
            "exact": "columns 'exact_real', 'exact_imag' are sympy-parsable strings r*sqrt(s)/sqrt(pi)",
            "float": "columns 'real', 'imag' are the correctly rounded doubles of the exact parts",
            "reference": "Luo, Chen, He, Wang, ICLR 2024 (Gaunt tensor products), sec. 3",
            "lmax": _lmax(args),
        },
        count=lambda args: (_lmax(args) + 1) ** 2,
    )
)
