"""egglog (Rust) as an identity prover with egg-style rules, for the side-by-side benchmark.

The rules are those of egg's ``tests/math.rs`` (commutativity, associativity, neutral and
absorbing elements, distributivity both ways, powers) plus the textbook trigonometric,
hyperbolic, logarithmic and inverse-function identities that a user of egg would add, all
*unguarded* as in egg's examples (egglog has no domain analysis here): it can therefore
"prove" false identities such as ``log(xy) = log x + log y``, which the benchmark counts.
Translation: sympy expression -> s-expression over one ``Math`` datatype, rational
constants as ``BigRat``, n-ary sums and products nested to the left (as in mathref).
"""

from __future__ import annotations

import time

import sympy as sp

DATATYPE = """
(datatype Math
  (Num BigRat) (Var String) (Pi) (ImI)
  (Add Math Math) (Mul Math Math) (Pow Math Math)
  (Ln Math) (Exp Math) (Sin Math) (Cos Math) (Tan Math)
  (Sinh Math) (Cosh Math) (Tanh Math)
  (Asin Math) (Acos Math) (Atan Math) (Asinh Math) (Acosh Math) (Atanh Math)
  (Abs Math) (Sign Math))
"""


def _n(p, q=1):
    return f"(Num (bigrat (bigint {p}) (bigint {q})))"


RULES = [
    # egg tests/math.rs
    "(rewrite (Add a b) (Add b a))",
    "(rewrite (Mul a b) (Mul b a))",
    "(rewrite (Add a (Add b c)) (Add (Add a b) c))",
    "(rewrite (Mul a (Mul b c)) (Mul (Mul a b) c))",
    "(rewrite (Add (Add a b) c) (Add a (Add b c)))",
    "(rewrite (Mul (Mul a b) c) (Mul a (Mul b c)))",
    f"(rewrite (Add a {_n(0)}) a)",
    f"(rewrite (Mul a {_n(0)}) {_n(0)})",
    f"(rewrite (Mul a {_n(1)}) a)",
    f"(rewrite (Add a (Mul {_n(-1)} a)) {_n(0)})",
    "(rewrite (Mul a (Add b c)) (Add (Mul a b) (Mul a c)))",
    "(rewrite (Add (Mul a b) (Mul a c)) (Mul a (Add b c)))",
    "(rewrite (Mul (Pow a b) (Pow a c)) (Pow a (Add b c)))",
    f"(rewrite (Pow x {_n(0)}) {_n(1)})",
    f"(rewrite (Pow x {_n(1)}) x)",
    f"(rewrite (Pow x {_n(2)}) (Mul x x))",
    f"(rewrite (Mul x x) (Pow x {_n(2)}))",
    f"(rewrite (Mul x (Pow x {_n(-1)})) {_n(1)})",
    "(rewrite (Add (Num a) (Num b)) (Num (+ a b)))",
    "(rewrite (Mul (Num a) (Num b)) (Num (* a b)))",
    f"(rewrite (Add a a) (Mul {_n(2)} a))",
    "(rewrite (Add (Mul (Num c) a) (Mul (Num d) a)) (Mul (Num (+ c d)) a))",
    "(rewrite (Add (Mul (Num c) a) a) (Mul (Num (+ c (bigrat (bigint 1) (bigint 1)))) a))",
    "(rewrite (Pow (Pow a b) c) (Pow a (Mul b c)))",
    "(rewrite (Pow (Mul a b) c) (Mul (Pow a c) (Pow b c)))",
    # logarithms and exponentials (unguarded, as in egg-style rule sets)
    "(rewrite (Ln (Mul a b)) (Add (Ln a) (Ln b)))",
    "(rewrite (Add (Ln a) (Ln b)) (Ln (Mul a b)))",
    "(rewrite (Ln (Pow a b)) (Mul b (Ln a)))",
    "(rewrite (Exp (Ln a)) a)",
    "(rewrite (Ln (Exp a)) a)",
    "(rewrite (Exp (Add a b)) (Mul (Exp a) (Exp b)))",
    "(rewrite (Mul (Exp a) (Exp b)) (Exp (Add a b)))",
    "(rewrite (Exp (Mul b (Ln a))) (Pow a b))",
    "(rewrite (Pow (Exp a) b) (Exp (Mul a b)))",
    # trigonometry
    f"(rewrite (Add (Pow (Sin x) {_n(2)}) (Pow (Cos x) {_n(2)})) {_n(1)})",
    f"(rewrite (Pow (Sin x) {_n(2)}) (Add {_n(1)} (Mul {_n(-1)} (Pow (Cos x) {_n(2)}))))",
    f"(rewrite (Pow (Cos x) {_n(2)}) (Add {_n(1)} (Mul {_n(-1)} (Pow (Sin x) {_n(2)}))))",
    f"(rewrite (Sin (Mul {_n(2)} x)) (Mul {_n(2)} (Mul (Sin x) (Cos x))))",
    f"(rewrite (Cos (Mul {_n(2)} x)) (Add (Pow (Cos x) {_n(2)}) (Mul {_n(-1)} (Pow (Sin x) {_n(2)}))))",
    "(rewrite (Sin (Add a b)) (Add (Mul (Sin a) (Cos b)) (Mul (Cos a) (Sin b))))",
    f"(rewrite (Cos (Add a b)) (Add (Mul (Cos a) (Cos b)) (Mul {_n(-1)} (Mul (Sin a) (Sin b)))))",
    f"(rewrite (Sin (Mul {_n(-1)} x)) (Mul {_n(-1)} (Sin x)))",
    f"(rewrite (Cos (Mul {_n(-1)} x)) (Cos x))",
    f"(rewrite (Tan x) (Mul (Sin x) (Pow (Cos x) {_n(-1)})))",
    f"(rewrite (Mul (Sin x) (Pow (Cos x) {_n(-1)})) (Tan x))",
    f"(rewrite (Sin (Add x (Mul {_n(1, 2)} (Pi)))) (Cos x))",
    f"(rewrite (Cos (Add x (Pi))) (Mul {_n(-1)} (Cos x)))",
    # hyperbolic
    f"(rewrite (Sinh x) (Mul {_n(1, 2)} (Add (Exp x) (Mul {_n(-1)} (Exp (Mul {_n(-1)} x))))))",
    f"(rewrite (Cosh x) (Mul {_n(1, 2)} (Add (Exp x) (Exp (Mul {_n(-1)} x)))))",
    f"(rewrite (Tanh x) (Mul (Sinh x) (Pow (Cosh x) {_n(-1)})))",
    # inverse functions
    "(rewrite (Sin (Asin x)) x)",
    "(rewrite (Cos (Acos x)) x)",
    "(rewrite (Tan (Atan x)) x)",
    "(rewrite (Sinh (Asinh x)) x)",
    "(rewrite (Cosh (Acosh x)) x)",
    "(rewrite (Tanh (Atanh x)) x)",
    f"(rewrite (Acos x) (Add (Mul {_n(1, 2)} (Pi)) (Mul {_n(-1)} (Asin x))))",
    f"(rewrite (Asinh x) (Ln (Add x (Pow (Add (Pow x {_n(2)}) {_n(1)}) {_n(1, 2)}))))",
    f"(rewrite (Asin (Mul {_n(-1)} x)) (Mul {_n(-1)} (Asin x)))",
    f"(rewrite (Atan (Mul {_n(-1)} x)) (Mul {_n(-1)} (Atan x)))",
    # abs and sign
    "(rewrite (Abs (Mul a b)) (Mul (Abs a) (Abs b)))",
    f"(rewrite (Pow (Pow a {_n(2)}) {_n(1, 2)}) (Abs a))",
    "(rewrite (Mul (Sign a) (Abs a)) a)",
]

_FN = {
    sp.exp: "Exp", sp.log: "Ln", sp.sin: "Sin", sp.cos: "Cos", sp.tan: "Tan", sp.sinh: "Sinh", sp.cosh: "Cosh",
    sp.tanh: "Tanh", sp.asin: "Asin", sp.acos: "Acos", sp.atan: "Atan", sp.asinh: "Asinh", sp.acosh: "Acosh",
    sp.atanh: "Atanh", sp.Abs: "Abs", sp.sign: "Sign",
}
_RECIP = {sp.sec: "Cos", sp.csc: "Sin", sp.sech: "Cosh", sp.csch: "Sinh"}


def to_egglog(e) -> str:
    """The s-expression of a sympy expression in the ``Math`` datatype (raises TypeError if unsupported)."""
    if e.is_Symbol:
        return f'(Var "{e.name}")'
    if e.is_Rational:
        return _n(int(e.p), int(e.q))
    if e is sp.pi:
        return "(Pi)"
    if e is sp.I:
        return "(ImI)"
    if e is sp.E:
        return f"(Exp {_n(1)})"
    if e.is_Add or e.is_Mul:
        op = "Add" if e.is_Add else "Mul"
        acc = to_egglog(e.args[0])
        for a in e.args[1:]:
            acc = f"({op} {acc} {to_egglog(a)})"
        return acc
    if e.is_Pow:
        return f"(Pow {to_egglog(e.base)} {to_egglog(e.exp)})"
    if e.func in _FN:
        return f"({_FN[e.func]} {to_egglog(e.args[0])})"
    if e.func in _RECIP:
        return f"(Pow ({_RECIP[e.func]} {to_egglog(e.args[0])}) {_n(-1)})"
    if e.func is sp.cot:
        a = to_egglog(e.args[0])
        return f"(Mul (Cos {a}) (Pow (Sin {a}) {_n(-1)}))"
    raise TypeError(f"no egglog translation for {e.func}")


def prove(lhs, rhs, *, iterations: int = 12):
    """``(proved, seconds)``: build the e-graph and run ``iterations`` rounds with egglog's back-off scheduler.

    The time covers translation, parsing, building the e-graph, running and the final check.
    egglog's text interface has no time or node limit for a run, so the back-off scheduler
    (match limit 1000, ban length 5: egg's defaults, the same as mathref's) bounds the growth.
    """
    from egglog import bindings

    t0 = time.perf_counter()
    try:
        a, b = to_egglog(lhs), to_egglog(rhs)
    except TypeError:
        return False, time.perf_counter() - t0
    eg = bindings.EGraph()
    prog = (
        DATATYPE
        + "\n".join(RULES)
        + f"\n(let $lhs {a})\n(let $rhs {b})\n"
        + "(run-schedule (seq (let-scheduler bo (back-off :match-limit 1000 :ban-length 5))"
        + f" (repeat {iterations} (run-with bo))))\n"
    )
    eg.run_program(*eg.parse_program(prog))
    try:
        eg.run_program(*eg.parse_program("(check (= $lhs $rhs))"))
        ok = True
    except Exception:
        ok = False
    return ok, time.perf_counter() - t0
