"""A set of textbook identities (all true) and false look-alikes for judging expression-equivalence provers.

Each entry is ``(name, area, lhs, rhs, source)``.  Sources:

* [AS] Abramowitz & Stegun, *Handbook of Mathematical Functions* (1964), §4.3 (circular),
  §4.4 (inverse circular), §4.5 (hyperbolic), §4.6 (inverse hyperbolic), §4.1-4.2 (log, exp);
* [DLMF] NIST DLMF chapter 4 (4.21 trigonometric identities, 4.23-4.24 inverse functions,
  4.35 hyperbolic identities, 4.37 inverse hyperbolic functions);
* [Alg] standard algebra identities (binomial theorem, factoring formulas, Lagrange's and
  Brahmagupta's identities, Sophie Germain's identity; e.g. Bronshtein-Semendyayev ch. 1);
* [egg] egg's ``tests/math.rs`` (github.com/egraphs-good/egg, commit f94c346748ea, 2026-04-14):
  the goals ``math_simplify_add``, ``math_powers``, ``math_simplify_const``,
  ``math_simplify_root``, ``math_simplify_factor``, ``math_fail`` and the associativity test;
* [egglog] egglog's ``tests/math-microbenchmark.egg`` (github.com/egraphs-good/egglog, commit
  171ebc890598, 2026-08-20): its ``(Add (Mul y (Add x y)) (Sub (Add x 2) (Add x x)))`` and
  ``1/((1+sqrt five)/2 - (1-sqrt five)/2)`` terms, with their simplified forms;
* [issue] mathref issue 15 (cases reported by users).

Terms that sympy would simplify on construction are built with ``evaluate=False`` so that the
prover, not the constructor, does the work.  ``FALSE_PAIRS`` are popular non-identities
(counterexamples exist in the stated domains); a sound prover never proves them.
"""

from __future__ import annotations

import sympy as sp

__all__ = ["identities", "false_pairs", "AREAS"]

AREAS = ("polynomial", "rational", "powers", "log/exp", "trig", "hyperbolic", "inverse", "abs/sign", "egg/egglog")

U = {"evaluate": False}


def _sum(*terms):
    acc = terms[0]
    for t in terms[1:]:
        acc = sp.Add(acc, t, **U)
    return acc


def identities():
    """The list of ``(name, area, lhs, rhs, source)`` true identities (138 entries)."""
    x, y, z, a, b, c, d, n_ = sp.symbols("x y z a b c d n")
    p, q = sp.symbols("p q", positive=True)
    x1, x2 = sp.symbols("x1 x2", positive=True)
    r, s = sp.symbols("r s", real=True)
    k = sp.Symbol("k", even=True)
    o = sp.Symbol("o", odd=True)
    m = sp.Symbol("m", integer=True)
    w = sp.Symbol("w", nonpositive=True)
    five = sp.Symbol("five")
    half = sp.Rational(1, 2)
    out = []

    def add(name, area, lhs, rhs, source):
        out.append((name, area, lhs, rhs, source))

    # ---------------------------------------------------------------- polynomial
    P = "polynomial"
    add("(x+y)² expansion", P, (x + y) ** 2, x**2 + 2 * x * y + y**2, "Alg")
    add("(x+y)³ expansion", P, (x + y) ** 3, sp.expand((x + y) ** 3), "Alg")
    add("(x+y)⁴ expansion", P, (x + y) ** 4, sp.expand((x + y) ** 4), "Alg")
    add("(x+y)⁵ expansion", P, (x + y) ** 5, sp.expand((x + y) ** 5), "Alg")
    add("(1+x)⁶ expansion", P, (1 + x) ** 6, sp.expand((1 + x) ** 6), "Alg")
    add("difference of squares", P, (x - y) * (x + y), x**2 - y**2, "Alg")
    add("difference of cubes", P, x**3 - y**3, (x - y) * (x**2 + x * y + y**2), "Alg")
    add("sum of cubes", P, x**3 + y**3, (x + y) * (x**2 - x * y + y**2), "Alg")
    add("(a+b+c)²", P, (a + b + c) ** 2, a**2 + b**2 + c**2 + 2 * a * b + 2 * b * c + 2 * c * a, "Alg")
    add("Lagrange's identity", P, (a**2 + b**2) * (c**2 + d**2), (a * c - b * d) ** 2 + (a * d + b * c) ** 2, "Alg")
    add(
        "Brahmagupta's identity",
        P,
        (a**2 + 3 * b**2) * (c**2 + 3 * d**2),
        (a * c - 3 * b * d) ** 2 + 3 * (a * d + b * c) ** 2,
        "Alg",
    )
    add("Sophie Germain", P, x**4 + 4 * y**4, (x**2 + 2 * x * y + 2 * y**2) * (x**2 - 2 * x * y + 2 * y**2), "Alg")
    add("a³+b³+c³−3abc", P, a**3 + b**3 + c**3 - 3 * a * b * c,
        (a + b + c) * (a**2 + b**2 + c**2 - a * b - b * c - c * a), "Alg")
    add("(x−1)(x⁴+…+1) = x⁵−1", P, (x - 1) * (x**4 + x**3 + x**2 + x + 1), x**5 - 1, "Alg")
    add("(x+1)(y+2)(z+3) expansion", P, (x + 1) * (y + 2) * (z + 3), sp.expand((x + 1) * (y + 2) * (z + 3)), "Alg")
    add("x(y+z) − xy = xz", P, x * (y + z) - x * y, x * z, "Alg")

    # ---------------------------------------------------------------- rational functions
    R = "rational"
    add("1/x + 1/y = (x+y)/(xy)", R, 1 / x + 1 / y, (x + y) / (x * y), "issue")
    add("x/x = 1", R, sp.Mul(x, 1 / x, **U), sp.Integer(1), "issue")
    add("x²/x = x", R, sp.Mul(x**2, 1 / x, **U), x, "issue")
    add("(x²−1)/(x−1) = x+1", R, (x**2 - 1) / (x - 1), x + 1, "Alg")
    add("(x³−1)/(x−1) = x²+x+1", R, (x**3 - 1) / (x - 1), x**2 + x + 1, "Alg")
    add("1/(x−1) − 1/(x+1) = 2/(x²−1)", R, 1 / (x - 1) - 1 / (x + 1), 2 / (x**2 - 1), "Alg")
    add("1/(1/x) = x", R, sp.Pow(sp.Pow(x, -1, **U), -1, **U), x, "Alg")
    add("(a/b)/(c/d) = ad/(bc)", R, sp.Mul(a / b, sp.Pow(c / d, -1, **U), **U), a * d / (b * c), "Alg")
    add("partial fractions 1/(x(x+1))", R, 1 / (x * (x + 1)), 1 / x - 1 / (x + 1), "Alg")
    add("(x+y)/(xy) − 1/x = 1/y", R, (x + y) / (x * y) - 1 / x, 1 / y, "Alg")
    add("(1 − 1/x)·x = x − 1", R, sp.Mul(1 - 1 / x, x, **U), x - 1, "Alg")
    add("1/(1+1/x) = x/(x+1)", R, 1 / (1 + 1 / x), x / (x + 1), "Alg")
    add("(x−x)/x = 0", R, sp.Mul(sp.Add(x, -x, **U), 1 / x, **U), sp.Integer(0), "issue")
    add("(1/x)⁰ = 1", R, sp.Pow(1 / x, 0, **U), sp.Integer(1), "issue")

    # ---------------------------------------------------------------- powers and roots
    W = "powers"
    add("x²·x³ = x⁵", W, sp.Mul(x**2, x**3, **U), x**5, "Alg")
    add("(x²)³ = x⁶", W, sp.Pow(x**2, 3, **U), x**6, "Alg")
    add("x^a·x^b = x^(a+b)", W, x**a * x**b, x ** (a + b), "AS 4.2")
    add("(xy)² = x²y²", W, sp.Pow(x * y, 2, **U), x**2 * y**2, "Alg")
    add("√p·√q = √(pq)", W, sp.sqrt(p) * sp.sqrt(q), sp.Pow(p * q, half, **U), "AS 4.2")
    add("√(p²) = p", W, sp.Pow(sp.Pow(p, 2, **U), half, **U), p, "AS 4.2")
    add("√(r²) = |r|", W, sp.Pow(sp.Pow(r, 2, **U), half, **U), sp.Abs(r), "AS 4.2")
    add("(p^r)^s = p^(rs)", W, sp.Pow(p**r, s, **U), p ** (r * s), "AS 4.2")
    add("√p·√p = p", W, sp.Mul(sp.sqrt(p), sp.sqrt(p), **U), p, "AS 4.2")
    add("√x·√x = x", W, sp.Mul(sp.sqrt(x), sp.sqrt(x), **U), x, "AS 4.2")
    add("x⁻¹·x² = x", W, sp.Mul(sp.Pow(x, -1, **U), x**2, **U), x, "Alg")
    add("1/√p = p^(−1/2)", W, 1 / sp.sqrt(p), sp.Pow(p, -half, **U), "AS 4.2")
    add("√8 = 2√2", W, sp.Pow(8, half, **U), 2 * sp.sqrt(2), "Alg")
    add("x^(3/2) = x·√x", W, x ** sp.Rational(3, 2), sp.Mul(x, sp.sqrt(x), **U), "AS 4.2")

    # ---------------------------------------------------------------- logarithms and exponentials
    L = "log/exp"
    add("log(x1²x2³) = 2 log x1 + 3 log x2", L, sp.log(x1**2 * x2**3), 2 * sp.log(x1) + 3 * sp.log(x2), "AS 4.1")
    add("log(pq) = log p + log q", L, sp.log(p * q), sp.log(p) + sp.log(q), "AS 4.1.7")
    add("log(p/q) = log p − log q", L, sp.log(p / q), sp.log(p) - sp.log(q), "AS 4.1.8")
    add("log(p^r) = r log p", L, sp.log(p**r), r * sp.log(p), "AS 4.1.11")
    add("exp(log p) = p", L, sp.exp(sp.log(p, **U), **U), p, "AS 4.2")
    add("exp(log x) = x", L, sp.exp(sp.log(x, **U), **U), x, "AS 4.2")
    add("log(exp r) = r", L, sp.log(sp.exp(r, **U), **U), r, "AS 4.2")
    add("exp(x+y) = exp x · exp y", L, sp.exp(x + y), sp.exp(x) * sp.exp(y), "AS 4.2.1")
    add("exp(2x) = exp(x)²", L, sp.exp(2 * x), sp.exp(x) ** 2, "AS 4.2.1")
    add("exp(x)/exp(y) = exp(x−y)", L, sp.exp(x) / sp.exp(y), sp.exp(x - y), "AS 4.2.1")
    add("exp(log p + log q) = pq", L, sp.exp(sp.log(p) + sp.log(q), **U), p * q, "AS 4.2")
    add("log √p = (log p)/2", L, sp.log(sp.sqrt(p)), sp.log(p) / 2, "AS 4.1.11")
    add("exp(x)³ = exp(3x)", L, sp.exp(x) ** 3, sp.exp(3 * x), "AS 4.2.1")
    add("exp(r log p) = p^r", L, sp.exp(r * sp.log(p), **U), p**r, "AS 4.2.4")
    add("log(1/p) = −log p", L, sp.log(1 / p), -sp.log(p), "AS 4.1")
    add("exp(iπ) = −1", L, sp.exp(sp.I * sp.pi, **U), sp.Integer(-1), "AS 4.3")
    add("log(x) − log(x) = 0", L, sp.Add(sp.log(x), -sp.log(x), **U), sp.Integer(0), "issue")

    # ---------------------------------------------------------------- trigonometric
    T = "trig"
    sx, cx, sy, cy, tx, ty = sp.sin(x), sp.cos(x), sp.sin(y), sp.cos(y), sp.tan(x), sp.tan(y)
    add("sin² + cos² = 1", T, sx**2 + cx**2, sp.Integer(1), "AS 4.3.10")
    add("sin 2x = 2 sin x cos x", T, sp.sin(2 * x), 2 * sx * cx, "AS 4.3.24")
    add("cos 2x = cos² − sin²", T, sp.cos(2 * x), cx**2 - sx**2, "AS 4.3.25")
    add("cos 2x = 1 − 2 sin²", T, sp.cos(2 * x), 1 - 2 * sx**2, "AS 4.3.25")
    add("cos 2x = 2 cos² − 1", T, sp.cos(2 * x), 2 * cx**2 - 1, "AS 4.3.25")
    add("tan 2x = 2 tan/(1 − tan²)", T, sp.tan(2 * x), 2 * tx / (1 - tx**2), "AS 4.3.26")
    add("sin 3x = 3 sin − 4 sin³", T, sp.sin(3 * x), 3 * sx - 4 * sx**3, "AS 4.3.27")
    add("cos 3x = 4 cos³ − 3 cos", T, sp.cos(3 * x), 4 * cx**3 - 3 * cx, "AS 4.3.28")
    add("sin 4x", T, sp.sin(4 * x), 4 * sx * cx**3 - 4 * sx**3 * cx, "AS 4.3.29")
    add("sin(x+y)", T, sp.sin(x + y), sx * cy + cx * sy, "AS 4.3.16")
    add("cos(x+y)", T, sp.cos(x + y), cx * cy - sx * sy, "AS 4.3.17")
    add("sin(x−y)", T, sp.sin(x - y), sx * cy - cx * sy, "AS 4.3.16")
    add("cos(x−y)", T, sp.cos(x - y), cx * cy + sx * sy, "AS 4.3.17")
    add("tan(x+y)", T, sp.tan(x + y), (tx + ty) / (1 - tx * ty), "AS 4.3.18")
    add("sin x + sin y", T, sx + sy, 2 * sp.sin((x + y) / 2) * sp.cos((x - y) / 2), "AS 4.3.34")
    add("sin x − sin y", T, sx - sy, 2 * sp.cos((x + y) / 2) * sp.sin((x - y) / 2), "AS 4.3.35")
    add("cos x + cos y", T, cx + cy, 2 * sp.cos((x + y) / 2) * sp.cos((x - y) / 2), "AS 4.3.36")
    add("cos x − cos y", T, cx - cy, -2 * sp.sin((x + y) / 2) * sp.sin((x - y) / 2), "AS 4.3.37")
    add("sin x sin y (product to sum)", T, sx * sy, (sp.cos(x - y) - sp.cos(x + y)) / 2, "AS 4.3.31")
    add("cos x cos y (product to sum)", T, cx * cy, (sp.cos(x - y) + sp.cos(x + y)) / 2, "AS 4.3.32")
    add("sin x cos y (product to sum)", T, sx * cy, (sp.sin(x + y) + sp.sin(x - y)) / 2, "AS 4.3.33")
    add("cos⁴ − sin⁴ = cos 2x", T, cx**4 - sx**4, sp.cos(2 * x), "issue")
    add("sin² = (1 − cos 2x)/2", T, sx**2, (1 - sp.cos(2 * x)) / 2, "AS 4.3.31")
    add("cos² = (1 + cos 2x)/2", T, cx**2, (1 + sp.cos(2 * x)) / 2, "AS 4.3.32")
    add("sin³ = (3 sin x − sin 3x)/4", T, sx**3, (3 * sx - sp.sin(3 * x)) / 4, "DLMF 4.21")
    add("1 + tan² = sec²", T, 1 + tx**2, sp.sec(x) ** 2, "AS 4.3.11")
    add("1 + cot² = csc²", T, 1 + sp.cot(x) ** 2, sp.csc(x) ** 2, "AS 4.3.12")
    add("cot = cos/sin", T, sp.cot(x), cx / sx, "AS 4.3.5")
    add("tan x cos x = sin x", T, tx * cx, sx, "issue")
    add("sin/cos = tan", T, sx / cx, tx, "AS 4.3.4")
    add("sin 2x/(1 + cos 2x) = tan x", T, sp.sin(2 * x) / (1 + sp.cos(2 * x)), tx, "DLMF 4.21")
    add("sin(x + π/2) = cos x", T, sp.sin(sp.Add(x, sp.pi / 2, **U), **U), cx, "AS 4.3.13")
    add("cos(π − x) = −cos x", T, sp.cos(sp.Add(sp.pi, -x, **U), **U), -cx, "AS 4.3.13")
    add("sin(−x) = −sin x", T, sp.sin(sp.Mul(-1, x, **U), **U), -sx, "AS 4.3.13")
    add("cos(x + 2π) = cos x", T, sp.cos(sp.Add(x, 2 * sp.pi, **U), **U), cx, "AS 4.3.13")
    add("cos(x + πm) = (−1)^m cos x", T, sp.cos(sp.Add(x, sp.pi * m, **U), **U), (-1) ** m * cx, "AS 4.3.13")
    add("cos(πk) = 1, k even", T, sp.cos(sp.Mul(sp.pi, k, **U), **U), sp.Integer(1), "issue")
    add("(−1)^k = 1, k even", T, sp.Pow(-1, k, **U), sp.Integer(1), "issue")
    add("(−1)^o = −1, o odd", T, sp.Pow(-1, o, **U), sp.Integer(-1), "issue")

    # ---------------------------------------------------------------- hyperbolic
    H = "hyperbolic"
    shx, chx, thx = sp.sinh(x), sp.cosh(x), sp.tanh(x)
    add("cosh² − sinh² = 1", H, chx**2 - shx**2, sp.Integer(1), "AS 4.5.16")
    add("sinh 2x = 2 sinh cosh", H, sp.sinh(2 * x), 2 * shx * chx, "AS 4.5.31")
    add("cosh 2x = cosh² + sinh²", H, sp.cosh(2 * x), chx**2 + shx**2, "AS 4.5.32")
    add("tanh 2x", H, sp.tanh(2 * x), 2 * thx / (1 + thx**2), "AS 4.5.33")
    add("sinh 3x", H, sp.sinh(3 * x), 3 * shx + 4 * shx**3, "AS 4.5.34")
    add("sinh(x+y)", H, sp.sinh(x + y), shx * sp.cosh(y) + chx * sp.sinh(y), "AS 4.5.24")
    add("cosh(x+y)", H, sp.cosh(x + y), chx * sp.cosh(y) + shx * sp.sinh(y), "AS 4.5.25")
    add("cosh + sinh = exp", H, chx + shx, sp.exp(x), "AS 4.5.1")
    add("cosh = (eˣ + e⁻ˣ)/2", H, chx, (sp.exp(x) + sp.exp(-x)) / 2, "AS 4.5.2")
    add("sinh(−x) = −sinh x", H, sp.sinh(sp.Mul(-1, x, **U), **U), -shx, "AS 4.5.19")
    add("tanh = sinh/cosh", H, thx, shx / chx, "AS 4.5.3")
    add("1 − tanh² = sech²", H, 1 - thx**2, sp.sech(x) ** 2, "AS 4.5.17")

    # ---------------------------------------------------------------- inverse functions
    V = "inverse"
    add("sin(asin x) = x", V, sp.sin(sp.asin(x), **U), x, "DLMF 4.24")
    add("cos(acos x) = x", V, sp.cos(sp.acos(x), **U), x, "DLMF 4.24")
    add("tan(atan x) = x", V, sp.tan(sp.atan(x), **U), x, "DLMF 4.24")
    add("acos x = π/2 − asin x", V, sp.acos(x), sp.pi / 2 - sp.asin(x), "AS 4.4.26")
    add("cos(asin x) = √(1 − x²)", V, sp.cos(sp.asin(x), **U), sp.sqrt(1 - x**2), "DLMF 4.24")
    add("sin(atan x) = x/√(1 + x²)", V, sp.sin(sp.atan(x), **U), x / sp.sqrt(1 + x**2), "DLMF 4.24")
    add("cos(atan x) = 1/√(1 + x²)", V, sp.cos(sp.atan(x), **U), 1 / sp.sqrt(1 + x**2), "DLMF 4.24")
    add("asinh x = log(x + √(x²+1))", V, sp.asinh(x), sp.log(x + sp.sqrt(x**2 + 1)), "AS 4.6.20")
    add("atanh x = (log(1+x) − log(1−x))/2", V, sp.atanh(x), (sp.log(1 + x) - sp.log(1 - x)) / 2, "AS 4.6.22")
    add("sinh(asinh x) = x", V, sp.sinh(sp.asinh(x), **U), x, "DLMF 4.37")
    add("cosh(asinh x) = √(1 + x²)", V, sp.cosh(sp.asinh(x), **U), sp.sqrt(1 + x**2), "DLMF 4.37")
    add("tanh(atanh x) = x", V, sp.tanh(sp.atanh(x), **U), x, "DLMF 4.37")
    add("atan(−x) = −atan x", V, sp.atan(sp.Mul(-1, x, **U), **U), -sp.atan(x), "AS 4.4.15")
    add("asin(−x) = −asin x", V, sp.asin(sp.Mul(-1, x, **U), **U), -sp.asin(x), "AS 4.4.14")
    add("exp(asinh x) = x + √(x²+1)", V, sp.exp(sp.asinh(x)), x + sp.sqrt(x**2 + 1), "AS 4.6.20")

    # ---------------------------------------------------------------- abs, sign
    A = "abs/sign"
    add("|xy| = |x||y|", A, sp.Abs(sp.Mul(x, y, **U), **U), sp.Abs(x) * sp.Abs(y), "Alg")
    add("|r|² = r²", A, sp.Pow(sp.Abs(r), 2, **U), r**2, "Alg")
    add("|−x| = |x|", A, sp.Abs(sp.Mul(-1, x, **U), **U), sp.Abs(x), "Alg")
    add("sign(r)·|r| = r", A, sp.Mul(sp.sign(r), sp.Abs(r), **U), r, "Alg")
    add("sign(x)·|x| = x", A, sp.Mul(sp.sign(x), sp.Abs(x), **U), x, "Alg")
    add("|p| = p", A, sp.Abs(p, **U), p, "Alg")
    add("|w| = −w, w ≤ 0", A, sp.Abs(w, **U), -w, "issue")
    add("sign(−x) = −sign(x)", A, sp.sign(sp.Mul(-1, x, **U), **U), -sp.sign(x), "Alg")
    add("|r|/r = sign(r)", A, sp.Mul(sp.Abs(r), 1 / r, **U), sp.sign(r), "Alg")
    add("|x|·|x| = |x|²", A, sp.Mul(sp.Abs(x), sp.Abs(x), **U), sp.Abs(x) ** 2, "Alg")

    # ---------------------------------------------------------------- egg / egglog test goals
    E = "egg/egglog"
    add("math_simplify_add: x+x+x+x = 4x", E, _sum(x, x, x, x), 4 * x, "egg")
    add("math_powers: 2^x 2^y = 2^(x+y)", E, sp.Mul(2**x, 2**y, **U), 2 ** (x + y), "egg")
    add("math_simplify_const: 1 + (a − (2−1)a) = 1", E,
        sp.Add(1, sp.Add(a, sp.Mul(-1, sp.Mul(sp.Add(2, -1, **U), a, **U), **U), **U), **U), sp.Integer(1), "egg")
    golden = sp.Mul(sp.Add(1, sp.sqrt(five), **U), half, **U)
    conj = sp.Mul(sp.Add(1, -sp.sqrt(five), **U), half, **U)
    add("math_simplify_root", E, sp.Pow(sp.Add(golden, sp.Mul(-1, conj, **U), **U), -1, **U), 1 / sp.sqrt(five),
        "egg, egglog")
    add("math_simplify_factor: (x+3)(x+1)", E, (x + 3) * (x + 1), x**2 + 4 * x + 3, "egg")
    add("egglog microbenchmark sum", E,
        sp.Add(y * (x + y), sp.Add(sp.Add(x, 2, **U), -sp.Add(x, x, **U), **U), **U), x * y + y**2 - x + 2, "egglog")
    add("egg: 1+(2+(…+7)) reassociated", E, _sum(*[sp.Integer(i) for i in range(1, 8)]),
        _sum(*[sp.Integer(i) for i in range(7, 0, -1)]), "egg")
    syms8 = sp.symbols("a0:8")
    order = [3, 1, 7, 0, 5, 2, 6, 4]
    add("8-term sum reassociated", E, _sum(*syms8), _sum(*[syms8[i] for i in order]), "egg")
    add("exp(log p) + log(exp r) = p + r", E, sp.Add(sp.exp(sp.log(p), **U), sp.log(sp.exp(r), **U), **U), p + r,
        "egg")
    del n_, z
    return out


def false_pairs():
    """``(name, lhs, rhs)`` pairs that are *not* identities on the stated domains (each has a counterexample)."""
    x, y = sp.symbols("x y")
    r = sp.Symbol("r", real=True)
    half = sp.Rational(1, 2)
    return [
        ("log(x+y) vs log x + log y", sp.log(x + y), sp.log(x) + sp.log(y)),
        ("(x+y)² vs x² + y²", (x + y) ** 2, x**2 + y**2),
        ("√(x²) vs x", sp.Pow(sp.Pow(x, 2, **U), half, **U), x),
        ("√(r²) vs r (real r)", sp.Pow(sp.Pow(r, 2, **U), half, **U), r),
        ("log(x²) vs 2 log x", sp.log(x**2), 2 * sp.log(x)),
        ("log(xy) vs log x + log y", sp.log(x * y), sp.log(x) + sp.log(y)),
        ("log(exp x) vs x (complex x)", sp.log(sp.exp(x, **U), **U), x),
        ("asin(sin r) vs r", sp.asin(sp.sin(r, **U), **U), r),
        ("atan(tan r) vs r", sp.atan(sp.tan(r, **U), **U), r),
        ("(x^a)^b vs x^(ab)", sp.Pow(x ** sp.Symbol("a"), sp.Symbol("b"), **U), x ** (sp.Symbol("a") * sp.Symbol("b"))),
        ("sin² − cos² vs 1", sp.sin(x) ** 2 - sp.cos(x) ** 2, sp.Integer(1)),
        ("x + y vs x/y (egg math_fail)", x + y, x / y),
        ("(1/r)^(1/2) vs 1/√r (real r)", sp.Pow(sp.Pow(r, -1, **U), half, **U), 1 / sp.sqrt(r)),
        ("|x|² vs x² (complex x)", sp.Abs(x) ** 2, x**2),
        ("cos(x+πm) vs cos x (integer m)", sp.cos(sp.Add(x, sp.pi * sp.Symbol("m", integer=True), **U), **U),
         sp.cos(x)),
    ]
