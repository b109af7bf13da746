"""Port of sympy's own Rotation.d / Rotation.D assertions (sympy 1.14.0,
sympy/physics/quantum/tests/test_spin.py: test_rotation_small_d, test_rotation_d), as data in
``data/sympy_spin_rotation_values.py``.  Each expected value is checked three ways: mathref's exact
sympy expression (equal to 40 digits at several angles for symbolic rows, ``simplify(ours - expected) == 0``
for numeric rows), the float matrices (``wigner_small_d`` / ``wigner_D``), and, for symbolic rows, the
float at two more angles.  All 216 rows pass: no documented differences.
"""

from __future__ import annotations

import pytest
import sympy
from sympy import I, Rational, S, cos, exp, pi, sin, sqrt  # noqa: F401  (names used by the data strings)

from mathref.geometry import wigner_D, wigner_D_exact, wigner_small_d, wigner_small_d_exact

from .data.sympy_spin_rotation_values import ROWS

alpha, beta, gamma = sympy.symbols("alpha beta gamma")
NAMES = {"S": S, "Rational": Rational, "pi": pi, "I": I, "sqrt": sqrt, "sin": sin, "cos": cos, "exp": exp,
         "alpha": alpha, "beta": beta, "gamma": gamma}
SAMPLE = {alpha: Rational(3, 10), beta: Rational(7, 5), gamma: Rational(-9, 10)}


def _ev(text):
    return sympy.sympify(eval(text, {"__builtins__": {}}, NAMES))


def test_row_count():
    assert len(ROWS) == 216
    assert sum(r[0] == "d" for r in ROWS) == 108 and sum(r[0] == "D" for r in ROWS) == 108


@pytest.mark.parametrize("row", ROWS, ids=[f"{r[0]}-line{r[3]}" for r in ROWS])
def test_sympy_rotation_assertion(row):
    kind, args, expected_text, _line = row
    vals = [_ev(a) for a in args]
    expected = _ev(expected_text)
    j, m, mp = vals[:3]
    if kind == "d":
        ours = wigner_small_d_exact(j, m, mp, vals[3])
        angles = (0, vals[3], 0)
    else:
        ours = wigner_D_exact(j, m, mp, *vals[3:])
        angles = tuple(vals[3:])
    if expected.free_symbols:
        for shift in (0, Rational(-5, 7)):
            point = {s: v + shift for s, v in SAMPLE.items()}
            assert abs(sympy.N((ours - expected).subs(point), 40)) < 1e-32
    else:
        assert sympy.simplify(ours - expected) == 0
    # the float matrices at the same (or sampled) angles
    for shift in (0.25,):
        point = {s: float(v) + shift for s, v in SAMPLE.items()}
        a, b, g = (float(sympy.sympify(x).subs(point)) for x in angles)
        n = int(2 * j) + 1
        row, col = int(m + j), int(mp + j)
        value = complex(sympy.N(expected.subs({s: sympy.Float(v, 30) for s, v in point.items()}), 30))
        if kind == "d":
            got = wigner_small_d(j, b)[row, col]
        else:
            got = wigner_D(j, a, b, g)[row, col]
        assert got.shape == () and abs(got - value) < 1e-14, (n, row, col)
