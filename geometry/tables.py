"""Reference-table kind of the geometry package: ``sh_fourier``.

It lists every nonzero coefficient ``c[l, m, u, v]`` of the expansion of the spherical
harmonics in ``e^{i(uθ + vφ)}``.  The command line finds :data:`TABLE_KINDS` through the
``mathref.tables`` entry point.  Its units of work (for sharding and parallel
runs) are the ``(l, m)`` pairs, each with at most ``2 (2l + 1)`` rows.
"""

from __future__ import annotations

import numpy as np

from mathref.tables import TableKind, rows_of_units
from mathref.tables.options import add_lmax_option, lmax_option

from .fourier_basis import sh_fourier_coefficients_exact


def _fourier_args(parser) -> None:
    add_lmax_option(parser)
    parser.add_argument(
        "--basis",
        choices=("complex", "real"),
        default="complex",
        help="complex Condon-Shortley harmonics (default) or the standard real form",
    )


def _fourier_units(args):
    lmax = lmax_option(args)
    return [(l, m) for l in range(lmax + 1) for m in range(-l, l + 1)]


def _fourier_unit_rows(args, unit):
    l, m = unit
    coeffs = sh_fourier_coefficients_exact(l, m, basis=args.basis)
    for (u, v) in sorted(coeffs):
        z = coeffs[(u, v)]
        yield (l, m, u, v, str(z.real), str(z.imag), float(z.real), float(z.imag))


def _fourier_estimates(args):
    # u runs over -l..l; v is m (complex) or one of +-m (real)
    return np.array([2 * (2 * l + 1) for l, _ in _fourier_units(args)], dtype=np.int64)


_fourier_rows = rows_of_units(_fourier_units, _fourier_unit_rows)


TABLE_KINDS = (
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
            "lmax": lmax_option(args),
        },
        count=lambda args: (lmax_option(args) + 1) ** 2,
        units=_fourier_units,
        unit_rows=_fourier_unit_rows,
        unit_estimates=_fourier_estimates,
        seconds_per_row=1e-4,
    ),
)
