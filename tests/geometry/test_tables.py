"""geometry.tables: the ``sh_fourier`` kind's rows, count, manifest and argument errors."""

from __future__ import annotations

import argparse

import pytest
import sympy

from mathref.errors import InvalidArgumentError
from mathref.geometry import sh_fourier_coefficients_exact
from mathref.geometry.tables import TABLE_KINDS


def _kind():
    (kind,) = [k for k in TABLE_KINDS if k.name == "sh_fourier"]
    return kind


def _args(*argv):
    parser = argparse.ArgumentParser()
    _kind().add_arguments(parser)
    return parser.parse_args(list(argv))


@pytest.mark.parametrize("basis", ["complex", "real"])
def test_rows_are_the_exact_coefficients(basis):
    args = _args("--lmax", "2", "--basis", basis)
    rows = [r for r in _kind().rows(args) if r is not None]
    labels = [(l, m) for l in range(3) for m in range(-l, l + 1)]
    assert len(rows) == sum(len(sh_fourier_coefficients_exact(l, m, basis=basis)) for l, m in labels)
    for l, m, u, v, exact_re, exact_im, re, im in rows:
        z = sh_fourier_coefficients_exact(l, m, basis=basis)[(u, v)]
        assert sympy.sympify(exact_re) == sympy.sympify(z.real) and sympy.sympify(exact_im) == sympy.sympify(z.imag)
        assert (re, im) == (float(z.real), float(z.imag))
    assert _kind().count(args) == 9
    manifest = _kind().manifest(args)
    assert manifest["basis"] == basis and manifest["lmax"] == 2
    assert len(_kind().columns) == len(rows[0])


def test_lmax_errors():
    for bad, match in (("-1", "non-negative"), ("x", "non-negative"), ("41", "larger than 40")):
        with pytest.raises(InvalidArgumentError, match=match):
            _kind().count(_args("--lmax", bad))
