"""Table kind ``qsp``: QSP phase factors for standard target polynomials.

One row per phase: target name, its parameters, degree, convention, index k,
the phase as the shortest round-tripping decimal, and the measured max error of
the realised polynomial.  Phases are floats (solved to ~1e-14); the exact
column gives the exact value where one exists (T_d: zeros) and is empty otherwise.
Built on the public functions of :mod:`spectral.qsp`; the command line finds
:data:`TABLE_KINDS` through the ``mathref.tables`` entry point.
"""

from __future__ import annotations

import argparse
from typing import NamedTuple

import numpy as np

from mathref.errors import InvalidArgumentError
from mathref.spectral.qsp import (
    QSPTarget,
    convert_phases,
    cos_target,
    erf_target,
    inverse_target,
    qsp_phases,
    rectangle_target,
    sign_target,
    sin_target,
    threshold_target,
)
from mathref.tables import TableKind, rows_of_units

_STANDARD = ("cos", "sin", "inverse", "sign", "threshold", "rectangle", "erf", "chebyshev")


def _args(parser) -> None:
    parser.add_argument("--convention", default="Wx",
                        choices=("Wx", "symmetric", "symmetric-im", "Wz", "reflection"),
                        help="phase convention (default Wx: Re <0|U|0> = P)")
    parser.add_argument("--targets", default=",".join(_STANDARD),
                        help=f"comma-separated subset of {','.join(_STANDARD)}")
    parser.add_argument("--eps", type=float, default=1e-10,
                        help="approximation error of the target polynomials (default 1e-10)")


class _TableTarget(NamedTuple):
    """One target of the table: its label and parameters, degree, and the target (None for T_d, zero phases)."""

    label: str
    parameters: str
    degree: int
    target: QSPTarget | None


def _targets(args):
    eps = float(args.eps)
    if not 0 < eps < 1:
        raise InvalidArgumentError(f"--eps={args.eps!r} must lie in (0, 1)")
    names = [t.strip() for t in str(args.targets).split(",") if t.strip()]
    for n in names:
        if n not in _STANDARD:
            raise InvalidArgumentError(f"--targets: unknown target {n!r}; choose from {', '.join(_STANDARD)}")
    table = {
        "cos": lambda: ("0.5*cos(tau x)", "tau=10", cos_target(10.0, eps=eps)),
        "sin": lambda: ("0.5*sin(tau x)", "tau=10", sin_target(10.0, eps=eps)),
        "inverse": lambda: ("s/(kappa x)", "kappa=10", inverse_target(10.0, eps=eps)),
        "sign": lambda: ("s*sign(x)", "delta=0.1", sign_target(0.1, eps=eps)),
        "threshold": lambda: ("s*[|x|>=c]", "c=0.5,delta=0.1", threshold_target(0.5, 0.1, eps=eps)),
        "rectangle": lambda: ("s*[|x|<=c]", "c=0.5,delta=0.1", rectangle_target(0.5, 0.1, eps=eps)),
        "erf": lambda: ("s*erf(k x)", "k=5", erf_target(5.0, eps=eps)),
        "chebyshev": lambda: ("T_d", "d=7", None),
    }
    for n in names:
        label, params, target = table[n]()
        yield _TableTarget(label, params, 7 if target is None else target.degree, target)


def _target_names(args) -> list[str]:
    """The units of work: one target each, validated (names and --eps) before any phase is solved."""
    eps = float(args.eps)
    if not 0 < eps < 1:
        raise InvalidArgumentError(f"--eps={args.eps!r} must lie in (0, 1)")
    names = [t.strip() for t in str(args.targets).split(",") if t.strip()]
    for n in names:
        if n not in _STANDARD:
            raise InvalidArgumentError(f"--targets: unknown target {n!r}; choose from {', '.join(_STANDARD)}")
    return names


def _target_rows(args, name):
    (item,) = _targets(argparse.Namespace(**{**vars(args), "targets": name}))
    exact_zero = item.target is None
    if exact_zero:
        phases = convert_phases(np.zeros(item.degree + 1), "Wx", args.convention)
        err = 0.0
    else:
        res = qsp_phases(item.target, convention=args.convention)
        phases, err = res.phases, res.max_error
    for k, ph in enumerate(phases):
        exact = "0" if exact_zero and args.convention in ("Wx", "symmetric", "Wz") else ""
        yield (item.label, item.parameters, int(item.degree), args.convention, k, exact, float(ph), float(err))


_rows = rows_of_units(_target_names, _target_rows)


def _manifest(args):
    return {
        "Wx": "U = e^{i phi_0 Z} prod_k W(x) e^{i phi_k Z}, W(x) = exp(i arccos(x) X); Re <0|U|0> = P",
        "convention": args.convention,
        "see": "docs/conventions.md#qsp-conventions",
        "targets": "spectral.qsp.targets builders (scale s chosen so max|P| <= 1 - 1e-3); T_d has zero Wx phases",
        "max_error": "max |readout - P| on a Chebyshev grid of 8(d+1) points",
    }


TABLE_KINDS = (
    TableKind(
        name="qsp",
        description="QSP phase factors for standard targets (cos, sin, 1/x, sign, threshold, window, erf, T_d)",
        columns=("target", "parameters", "degree", "convention", "k", "exact", "phase", "max_error"),
        add_arguments=_args,
        rows=_rows,
        manifest=_manifest,
        count=lambda args: len([t for t in str(args.targets).split(",") if t.strip()]),
        units=_target_names,
        unit_rows=_target_rows,
        # a generous bound on the phases of one target (the degrees are in the tens to low hundreds)
        unit_estimates=lambda args: np.full(len(_target_names(args)), 400, dtype=np.int64),
        seconds_per_row=5e-3,
        text_columns=("target", "parameters", "convention", "exact"),
    ),
)
