"""Exact QSP phases (sympy): layer stripping of an SU(2) polynomial pair in exact arithmetic.

Exact: no float is touched; sympy is imported inside the functions, on first
call.  The product is the Wx product of :mod:`spectral.qsp.conventions`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from mathref.errors import InvalidArgumentError, InvalidTypeError, SizeLimitError

from ._inputs import reject_text

if TYPE_CHECKING:
    import sympy

__all__ = ["exact_qsp_phases", "exact_qsp_unitary"]


def _exact_number(c, name: str):
    """One coefficient as an exact sympy number: a float is read as the binary rational it stores.

    ``Fraction(x)`` is exact for every finite float (0.1 becomes 3602879701896397 / 2**55, the
    value the float holds, not the decimal it prints); guessing a "nicer" rational, as
    ``nsimplify`` does, would change the input.
    """
    import decimal
    from fractions import Fraction

    import numpy as np
    import sympy

    if isinstance(c, (bool, np.bool_)):
        raise InvalidTypeError(f"{name} contains the boolean {c!r}; coefficients are numbers")
    if isinstance(c, (complex, np.complexfloating)):
        parts = (float(c.real), float(c.imag))
        if not all(math.isfinite(v) for v in parts):
            raise InvalidArgumentError(f"{name} contains NaN or infinite values; exact coefficients are finite")
        return sympy.Rational(Fraction(parts[0])) + sympy.I * sympy.Rational(Fraction(parts[1]))
    if isinstance(c, (float, np.floating, decimal.Decimal)):
        if not math.isfinite(float(c)) or (isinstance(c, decimal.Decimal) and not c.is_finite()):
            raise InvalidArgumentError(f"{name} contains NaN or infinite values; exact coefficients are finite")
        return sympy.Rational(Fraction(c) if isinstance(c, decimal.Decimal) else Fraction(float(c)))
    if isinstance(c, np.integer):
        return sympy.Integer(int(c))
    try:
        v = sympy.sympify(c, strict=True)
    except (sympy.SympifyError, TypeError, ValueError):
        raise InvalidTypeError(f"{name} must be a sequence of exact numbers, got {c!r}") from None
    if not isinstance(v, sympy.Expr) or v.free_symbols:
        raise InvalidTypeError(f"{name} must be a sequence of numbers (no symbols), got {c!r}")
    if v.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo):
        raise InvalidArgumentError(f"{name} contains NaN or infinite values; exact coefficients are finite")
    # sympy Floats inside an expression: each is the binary rational it stores (exact, as above)
    floats = v.atoms(sympy.Float)
    return v.xreplace({f: sympy.Rational(f) for f in floats}) if floats else v


def _sympy_poly(coeffs, name):
    import sympy

    x = sympy.Symbol("x", real=True)
    reject_text(coeffs, name)
    if coeffs is None or isinstance(coeffs, (int, float, complex, dict, set)) or not hasattr(coeffs, "__iter__"):
        raise InvalidTypeError(f"{name}={coeffs!r} must be a sequence of exact numbers")
    coeffs = list(coeffs)
    if len(coeffs) > 201:
        raise SizeLimitError(f"{name} has {len(coeffs)} coefficients: exact layer stripping is limited to "
                             "degree 200", argument=name, estimate=f"degree {len(coeffs) - 1}")
    vals = [_exact_number(c, name) for c in coeffs]
    return sympy.Poly(sum(v * x**k for k, v in enumerate(vals)), x, domain="EX" if vals else "QQ"), x


def exact_qsp_phases(P: Sequence, Q: Sequence) -> list:
    """Exact Wx phases (sympy) of the SU(2) polynomial pair (P, Q) by exact layer stripping.

    ``U(x) = [[P, i Q s], [i Q^* s, P^*]]`` with ``s = sqrt(1 - x^2)``, degree P = d,
    degree Q <= d - 1, parities d and d - 1, and ``|P|^2 + (1 - x^2)|Q|^2 = 1``; the phases
    satisfy ``U(x) = e^{i phi_0 Z} prod_k W(x) e^{i phi_k Z}`` exactly.  No float is
    touched.

    Parameters
    ----------
    P, Q : sequence
        Monomial coefficients (lowest first) as exact numbers (ints, Fractions, sympy
        rationals or algebraic numbers such as ``sympy.I/2``).  A float (Python, numpy or
        a sympy ``Float``, also inside an expression or as a complex part) is read as the
        exact binary rational it stores, ``Fraction(x)``: ``0.1`` is
        3602879701896397/2**55, not 1/10.  Nothing is rounded or guessed, so a pair typed
        as rounded decimals usually fails the unitarity check below (with a clear error);
        pass ``Fraction("0.1")`` or ``sympy.Rational(1, 10)`` for decimal values.

    Returns
    -------
    list of sympy.Expr
        d + 1 phases.

    Notes
    -----
    Step (Gilyén et al. 2019, Thm. 3): with leading coefficients p of P and q of Q,
    ``e^{2 i phi_d} = p / q``; then ``P <- x P e^{-i phi} + (1 - x^2) Q e^{i phi}``,
    ``Q <- x Q e^{i phi} - P e^{-i phi}`` lowers both degrees by one.  ``e^{i phi}`` is
    taken as ``(1 + r)/|1 + r|`` for ``r = p/q`` (``i`` when ``r = -1``), so that
    ``phi = atan(Im r / (1 + Re r))``.

    Examples
    --------
    >>> import sympy
    >>> exact_qsp_phases([0, -3, 0, 4], [-1, 0, 4])       # T_3 and U_2
    [0, 0, 0, 0]
    >>> ph = exact_qsp_phases([sympy.Rational(-3, 5) + sympy.Rational(4, 5) * sympy.I, 0, sympy.Rational(6, 5)],
    ...                       [0, sympy.Rational(6, 5)])
    >>> ph
    [0, atan(4/3), 0]
    >>> x = sympy.Symbol("x", real=True)
    >>> sympy.expand(exact_qsp_unitary(ph, x)[0, 0])
    6*x**2/5 - 3/5 + 4*I/5
    >>> exact_qsp_phases([0.0, -3.0, 0.0, 4.0], [-1.0, 0.0, 4.0])   # floats holding integers are exact
    [0, 0, 0, 0]
    """
    import sympy

    p_poly, x = _sympy_poly(P, "P")
    q_poly, _ = _sympy_poly(Q, "Q")
    pe = sympy.expand(p_poly.as_expr())
    qe = sympy.expand(q_poly.as_expr())
    check = sympy.expand(pe * sympy.conjugate(pe).subs(sympy.conjugate(x), x)
                         + (1 - x**2) * qe * sympy.conjugate(qe).subs(sympy.conjugate(x), x) - 1)
    if sympy.simplify(check) != 0:
        raise InvalidArgumentError("P and Q do not satisfy |P|^2 + (1 - x^2)|Q|^2 = 1 identically")
    d = sympy.degree(pe, x) if pe != 0 else 0
    phases = []
    for deg in range(d, 0, -1):
        p = sympy.expand(pe).coeff(x, deg)
        q = sympy.expand(qe).coeff(x, deg - 1)
        if p == 0 and q == 0:
            e = sympy.Integer(1)
            phi = sympy.Integer(0)
        else:
            # exact simplification only: nsimplify would replace r by a numerically close "nicer" number
            r = sympy.radsimp(sympy.simplify(p / q))
            if sympy.simplify(r + 1) == 0:
                e = sympy.I
                phi = sympy.pi / 2
            else:
                re_r, im_r = sympy.re(r), sympy.im(r)
                e = sympy.simplify((1 + r) / sympy.sqrt(2 + 2 * re_r))
                phi = sympy.atan(im_r / (1 + re_r))
        ec = sympy.conjugate(e)
        pe, qe = (sympy.expand(x * pe * ec + (1 - x**2) * qe * e), sympy.expand(x * qe * e - pe * ec))
        phases.append(sympy.simplify(phi))
    c0 = sympy.simplify(pe)
    phases.append(sympy.simplify(sympy.arg(c0)) if c0 != 1 else sympy.Integer(0))
    return phases[::-1]


def exact_qsp_unitary(phases: Sequence, x: object) -> "sympy.Matrix":
    """The Wx product ``U(x)`` as a sympy Matrix (exact; ``x`` may be a Symbol).

    Examples
    --------
    >>> import sympy
    >>> x = sympy.Symbol("x")
    >>> sympy.expand(exact_qsp_unitary([0, 0, 0], x)[0, 0])
    2*x**2 - 1
    """
    import sympy

    if phases is None or isinstance(phases, (str, bytes, dict, set)) or not hasattr(phases, "__len__"):
        raise InvalidTypeError(f"phases={phases!r} must be a sequence of numbers")
    if len(phases) == 0:
        raise InvalidArgumentError("phases must hold at least one phase")
    if len(phases) > 200:
        raise SizeLimitError(f"{len(phases)} phases: the exact product is limited to 200 factors",
                             argument="phases", estimate=f"{len(phases)} symbolic 2x2 products")
    try:
        phases = [sympy.sympify(p, strict=True) for p in phases]
        x = sympy.sympify(x, strict=True)
    except (sympy.SympifyError, TypeError, ValueError):
        raise InvalidTypeError("phases and x must be numbers or sympy expressions") from None
    if any(not isinstance(v, sympy.Expr) or v.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo)
           for v in [*phases, x]):
        raise InvalidArgumentError("phases and x must be finite numbers or symbols")
    s = sympy.sqrt(1 - x**2)
    W = sympy.Matrix([[x, sympy.I * s], [sympy.I * s, x]])

    def rz(phi):
        # cos/sin of atan(rational) evaluate to algebraic numbers, exp(i atan) would not
        e = sympy.cos(phi) + sympy.I * sympy.sin(phi)
        return sympy.Matrix([[e, 0], [0, sympy.conjugate(e)]])

    U = rz(sympy.sympify(phases[0]))
    for phi in phases[1:]:
        U = U * W * rz(sympy.sympify(phi))
    return U
