"""Exact normal forms: a term as a rational function over atoms, trig and hyperbolic functions through Euler.

:func:`normal_forms_agree` decides, exactly, whether two terms are equal as
rational functions after every ``exp``, ``sin``, ``cos``, ``tan``, ``sinh``,
``cosh``, ``tanh`` has been written through exponentials (Euler's formulas)
and every exponential of a linear combination has been split into powers of
one generator per atom.  Equal normal forms mean that the two terms are equal
at every point where both are defined (the rule of :mod:`.definedness`).

Notes
-----
The normal form lives in the ring ``Q(i)[atoms, E_u^q, F_u^q]``: polynomials
in *atoms* (symbols, ``pi`` and the subterms the procedure treats as opaque:
logarithms, ``abs``, ``sign``, inverse functions, roots) with Gaussian-rational
coefficients, times rational powers of the generators ``E_u = exp(u)`` and
``F_u = exp(i u)`` (``u`` an atom, or a non-linear monomial).  A rational
function is a pair ``(P, Q)`` of such polynomials; two are equal iff
``P1*Q2 == P2*Q1`` as polynomials.  Soundness needs only that evaluation is
a ring homomorphism into the complex numbers (``E^q E^r = E^(q+r)`` because
``exp(qu) exp(ru) = exp((q+r)u)``; ``F_pi`` is reduced by ``exp(i pi) = -1``;
``r^k`` for an atom ``r = b^(1/k)`` by ``r^k = b``, true for the principal root);
it does not need the atoms to be algebraically independent, so no relation
between atoms can make a proof wrong (a missing relation only makes it
incomplete).  Opaque atoms are keyed by the normal form of their argument,
so ``log(x*y)`` and ``log(y*x)`` are the same atom, and odd functions
(``sign``, ``asin``, ``atan``, ``asinh``, ``atanh``) take the sign out.

Polynomial arithmetic is exact (Fractions), on sparse dicts; products are
capped at :data:`MAX_TERMS` monomials and integer powers at exponent
:data:`MAX_POWER`, beyond which the procedure gives up (returns None): it
never guesses.  The traversal is iterative, so depth is no limit.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable
from fractions import Fraction

from mathref.errors import InvalidTypeError
from mathref.validation import as_mapping

from .analyses import EVEN, INTEGER, NONNEGATIVE, NONPOSITIVE, ODD, REAL
from .definedness import _term_facts_iter as term_facts_iter
from .terms import LEAF_OPS

__all__ = ["MAX_TERMS", "MAX_POWER", "NormalFormContext", "normal_forms_agree", "TooLargeError"]

MAX_TERMS = 20_000
MAX_POWER = 64

_I = 0  # atom index of the imaginary unit (exponent reduced mod 2)
_ZERO = Fraction(0)
_ONE = Fraction(1)
_ODD = frozenset({"sign", "asin", "atan", "asinh", "atanh"})
_LOG_FORMS = frozenset({"asin", "acos", "atan", "asinh", "acosh", "atanh"})
_OPAQUE = frozenset({"log", "abs", "sign", "asin", "acos", "atan", "asinh", "acosh", "atanh"})


class TooLargeError(ArithmeticError):
    """A normal form grew past :data:`MAX_TERMS` monomials or ran past its deadline."""


class _Cx:
    """A Gaussian rational ``re + i*im`` with exact Fraction parts (immutable)."""

    __slots__ = ("re", "im")

    def __init__(self, re, im=_ZERO):
        self.re = re
        self.im = im

    def __add__(self, o):
        return _Cx(self.re + o.re, self.im + o.im)

    def __mul__(self, o):
        return _Cx(self.re * o.re - self.im * o.im, self.re * o.im + self.im * o.re)

    def __neg__(self):
        return _Cx(-self.re, -self.im)

    def __bool__(self):
        return bool(self.re) or bool(self.im)

    def __eq__(self, o):
        return isinstance(o, _Cx) and self.re == o.re and self.im == o.im

    def __hash__(self):
        return hash((self.re, self.im))

    def inverse(self):
        d = self.re * self.re + self.im * self.im
        return _Cx(self.re / d, -self.im / d)

    def key(self):
        return (self.re, self.im)


_C1 = _Cx(_ONE)


class NormalFormContext:
    """Atoms, generators and the memo shared by the terms compared in one decision.

    ``symbol_facts`` (``{name: fact mask}``) enables the real-only reductions
    (``abs(u)**2 = u**2`` for real ``u``).  ``deadline`` is a
    ``time.perf_counter()`` value (or None); ``clock`` the time source.

    Examples
    --------
    >>> x = ("sym", "x")
    >>> ctx = NormalFormContext()
    >>> ctx.equal(("sin", ("*", ("num", Fraction(2)), x)), ("*", ("num", Fraction(2)),
    ...           ("*", ("sin", x), ("cos", x))))
    True
    """

    def __init__(self, symbol_facts: dict[str, int] | None = None, *, deadline: float | None = None,
                 clock: Callable[[], float] = time.perf_counter) -> None:
        self.symbol_facts = as_mapping(symbol_facts, "symbol_facts")
        self.deadline = deadline
        self.clock = clock
        self._atoms: dict = {("I",): _I}
        self._roots: dict = {}  # atom index -> (k, polynomial of the radicand)
        self._log_args: dict = {}  # atom index of log(w) -> the form of w
        self._memo: dict = {}  # id(term) -> (term, (P, Q))
        self._fact_cache: dict = {}
        self._ticks = 0

    # ---------------------------------------------------------------- polynomial arithmetic
    def _tick(self, n=1):
        self._ticks += n
        if self._ticks >= 2000:
            self._ticks = 0
            if self.deadline is not None and self.clock() > self.deadline:
                raise TooLargeError("normal form: deadline passed")

    def _atom(self, key):
        i = self._atoms.get(key)
        if i is None:
            i = self._atoms[key] = len(self._atoms)
        return i

    def _mono_mul(self, m1, m2):
        """Product of two monomials: ``(coefficient factor, monomial)``."""
        if not m1:
            return _C1, m2
        if not m2:
            return _C1, m1
        d = dict(m1)
        for a, e in m2:
            d[a] = d.get(a, 0) + e
        return self._reduce_mono(d)

    def _reduce_mono(self, d):
        c = _C1
        e = d.pop(_I, 0)
        if e:
            e %= 4
            c = (_C1, _Cx(_ZERO, _ONE), _Cx(-_ONE), _Cx(_ZERO, -_ONE))[e]
        out = [(a, e) for a, e in d.items() if e != 0]
        out.sort()
        return c, tuple(out)

    def _poly_mul(self, p, q):
        if len(p) * len(q) > 4 * MAX_TERMS:
            raise TooLargeError("normal form: product too large")
        out: dict = {}
        roots = self._roots
        for m1, c1 in p.items():
            for m2, c2 in q.items():
                f, m = self._mono_mul(m1, m2)
                c = c1 * c2 * f
                if roots and m:
                    for part_m, part_c in self._reduce_roots(m, c):
                        old = out.get(part_m)
                        out[part_m] = part_c if old is None else old + part_c
                    continue
                old = out.get(m)
                out[m] = c if old is None else old + c
            self._tick(len(q))
        out = {m: c for m, c in out.items() if c}
        if len(out) > MAX_TERMS:
            raise TooLargeError("normal form: too many monomials")
        return out

    def _reduce_roots(self, m, c):
        """``r^j`` with ``j >= k`` for a root atom ``r = b^(1/k)`` becomes ``r^(j-k) * b``."""
        for a, e in m:
            info = self._roots.get(a)
            if info is not None and e >= info[0]:
                k, radicand = info
                rest = {x: y for x, y in m}
                rest[a] = e - k
                f, rest_m = self._reduce_mono(rest)
                out = []
                for rm, rc in radicand.items():
                    g, mm = self._mono_mul(rest_m, rm)
                    out.extend(self._reduce_roots(mm, c * f * rc * g))
                return out
        return [(m, c)]

    @staticmethod
    def _poly_add(p, q, sign=1):
        out = dict(p)
        for m, c in q.items():
            old = out.get(m)
            c = c if sign == 1 else -c
            out[m] = c if old is None else old + c
        return {m: c for m, c in out.items() if c}

    def _rat_add(self, a, b):
        (p1, q1), (p2, q2) = a, b
        if q1 == q2:
            return self._poly_add(p1, p2), q1
        return self._poly_add(self._poly_mul(p1, q2), self._poly_mul(p2, q1)), self._poly_mul(q1, q2)

    def _rat_mul(self, a, b):
        return self._poly_mul(a[0], b[0]), self._poly_mul(a[1], b[1])

    def _rat_pow(self, a, k: int):
        p, q = a
        if k < 0:
            if not p:
                raise ZeroDivisionError("normal form: negative power of zero")
            p, q, k = q, p, -k
        if k > MAX_POWER and (len(p) > 1 or len(q) > 1):
            raise TooLargeError(f"normal form: power {k} of a sum")
        rp, rq = {(): _C1}, {(): _C1}
        bp, bq = p, q
        while k:
            if k & 1:
                rp, rq = self._poly_mul(rp, bp), self._poly_mul(rq, bq)
            k >>= 1
            if k:
                bp, bq = self._poly_mul(bp, bp), self._poly_mul(bq, bq)
        return rp, rq

    # ---------------------------------------------------------------- keys and linear forms
    @staticmethod
    def _canon_poly(p):
        return tuple(sorted((m, c.key()) for m, c in p.items()))

    def _canon(self, rat):
        """A hashable key of a rational function (canonical for polynomials, sound always)."""
        p, q = rat
        if len(q) == 1 and () in q:
            inv = q[()].inverse()
            return ("poly", self._canon_poly({m: c * inv for m, c in p.items()}))
        # scale so that the leading denominator coefficient is 1
        lead = q[max(q)]
        inv = lead.inverse()
        return (
            "rat",
            self._canon_poly({m: c * inv for m, c in p.items()}),
            self._canon_poly({m: c * inv for m, c in q.items()}),
        )

    def _odd_split(self, rat):
        """``(sign, rat)`` with ``rat`` scaled by -1 if its leading coefficient is negative."""
        p, q = rat
        if not p:
            return 1, rat
        c = p[max(p)]
        if c.re < 0 or (c.re == 0 and c.im < 0):
            return -1, ({m: -v for m, v in p.items()}, q)
        return 1, rat

    def _constant_poly(self, rat):
        """The Gaussian constant of a rational function that is one, else None."""
        p, q = rat
        if len(q) != 1 or () not in q:
            return None
        if not p:
            return _Cx(_ZERO)
        if len(p) == 1 and () in p:
            return p[()] * q[()].inverse()
        return None

    def _exp_of(self, rat):
        """``exp`` of a rational function: a product of generator powers and powers of log arguments.

        ``exp(c log w) = w^c`` for a rational ``c`` (principal powers; ``w != 0``
        wherever ``log w`` is defined), so exponentials of logarithms become powers.
        """
        p, q = rat
        if not (len(q) == 1 and () in q):
            key = self._canon(rat)
            return {((self._atom(("E", key)), _ONE),): _C1}, {(): _C1}
        powers = []
        inv = q[()].inverse()
        d: dict = {}
        coef = _C1
        pi = self._atoms.get(("pi",))
        for m, c in p.items():
            c = c * inv
            # the monomial m (without its i factor) is the atom of the generator; c = re + i im
            if not m:
                u = self._atom(("one",))
            elif len(m) == 1 and m[0][1] == 1:
                u = m[0][0]
            else:
                u = self._atom(("mono", m))
            if c.re and u in self._log_args and c.re.denominator <= MAX_POWER and abs(c.re.numerator) <= MAX_POWER:
                powers.append((u, c.re))
            elif c.re:
                g = self._atom(("E", u))
                d[g] = d.get(g, 0) + c.re
            if c.im and pi is not None and m and self._pi_times_integers(m, pi):
                # exp(i q pi k) for an integer k: q counts mod 2 (exp(2 pi i k) = 1); for integer q it is
                # (-1)^(q k): 1 if q or k is even, -1 if both are odd
                c = _Cx(c.re, c.im % 2)
                parity = self._parity(m, pi)
                if c.im.denominator == 1:
                    if parity == EVEN or c.im == 0:
                        c = _Cx(c.re)
                    elif parity == ODD:
                        coef, c = -coef, _Cx(c.re)
            if c.im:
                if u == pi:
                    # exp(i q pi): reduce q mod 2, take out -1 and i
                    qv = c.im % 2
                    if qv >= 1:
                        coef, qv = -coef, qv - 1
                    if qv >= Fraction(1, 2):
                        coef, qv = coef * _Cx(_ZERO, _ONE), qv - Fraction(1, 2)
                    if qv:
                        g = self._atom(("F", u))
                        d[g] = d.get(g, 0) + qv
                else:
                    g = self._atom(("F", u))
                    d[g] = d.get(g, 0) + c.im
        mono = tuple(sorted((a, e) for a, e in d.items() if e != 0))
        out = {mono: coef}, {(): _C1}
        for u, c in powers:
            w = self._log_args[u]
            if c.denominator == 1:
                out = self._rat_mul(out, self._rat_pow(w, int(c)))
            else:
                out = self._rat_mul(out, self._root_power(w, c.numerator, c.denominator))
        return out

    def _pi_times_integers(self, m, pi):
        """True iff the monomial is pi times symbols that are all integers."""
        rest = [(a, e) for a, e in m if a != pi]
        if len(rest) == len(m) or dict(m).get(pi) != 1 or not rest:
            return False
        names = self._names()
        return all(a in names and self.symbol_facts.get(names[a], 0) & INTEGER for a, _ in rest)

    def _parity(self, m, pi):
        """EVEN if one integer factor is even, ODD if all are odd, else 0."""
        names = self._names()
        fs = [self.symbol_facts.get(names[a], 0) for a, _ in m if a != pi]
        if any(f & EVEN for f in fs):
            return EVEN
        if all(f & ODD for f in fs):
            return ODD
        return 0

    def _names(self):
        return {i: k[1] for k, i in self._atoms.items() if k[0] == "sym"}

    def _facts(self, term):
        return term_facts_iter(term, self.symbol_facts, self._fact_cache)[1]

    # ---------------------------------------------------------------- one node from its children's forms
    def _node(self, term, kids):
        op = term[0]
        if op == "num":
            v = term[1]
            return ({(): _Cx(v)} if v else {}), {(): _C1}
        if op == "sym":
            f = self.symbol_facts.get(term[1], 0)
            if f & NONNEGATIVE and f & NONPOSITIVE:  # a symbol declared zero is the number 0
                return {}, {(): _C1}
            return {((self._atom(("sym", term[1])), 1),): _C1}, {(): _C1}
        if op == "pi":
            return {((self._atom(("pi",)), 1),): _C1}, {(): _C1}
        if op == "I":
            return {((_I, 1),): _C1}, {(): _C1}
        if op == "+":
            return self._rat_add(kids[0], kids[1])
        if op == "*":
            return self._rat_mul(kids[0], kids[1])
        if op == "^":
            return self._power(term, kids[0], kids[1])
        (a,) = kids
        if op in ("exp", "sin", "cos", "tan", "sinh", "cosh", "tanh"):
            comp = self._composition(op, term[1])
            if comp is not None:
                return comp
        if op == "exp":
            return self._exp_of(a)
        if op in ("sin", "cos", "tan", "sinh", "cosh", "tanh"):
            return self._trig(op, a)
        if op in _OPAQUE:
            return self._opaque(term, op, a)
        raise TooLargeError(f"normal form: operator {op!r} is not supported")

    def _sqrt(self, rat):
        """The form of ``rat ** (1/2)`` (principal root) as a root atom."""
        return self._root_power(rat, 1, 2)

    def _root_power(self, base, p: int, k: int):
        c = self._constant_poly(base)
        if c is not None and c.im == 0 and c.re > 0 and c.re != 1:
            outer, inner = _split_perfect_power(c.re, k)
            if outer != 1:
                # (f^k g)^(1/k) = f g^(1/k) for positive reals
                scale = self._rat_pow(({(): _Cx(outer)}, {(): _C1}), p)
                if inner == 1:
                    return scale
                return self._rat_mul(scale, self._root_power(({(): _Cx(inner)}, {(): _C1}), p, k))
        key = ("root", self._canon(base), k)
        new = key not in self._atoms
        r = self._atom(key)
        bp, bq = base
        if new and len(bq) == 1 and () in bq:
            inv = bq[()].inverse()
            self._roots[r] = (k, {m: v * inv for m, v in bp.items()})
        return self._rat_pow(({((r, 1),): _C1}, {(): _C1}), p)

    def _composition(self, op, inner):
        """Exact forms of f(g(u)) for a function f applied to an inverse function g, or None.

        Each is an identity of the principal branches on all of C (checked
        numerically in the tests, branch cuts included).
        """
        g = inner[0]
        if g in LEAF_OPS or len(inner) != 2:
            return None
        u = self._form(inner[1])
        one = ({(): _C1}, {(): _C1})
        u2 = self._rat_mul(u, u)
        neg_u2 = ({m: -c for m, c in u2[0].items()}, u2[1])
        if (op, g) in (("sin", "asin"), ("cos", "acos"), ("tan", "atan"), ("sinh", "asinh"), ("cosh", "acosh"),
                       ("tanh", "atanh"), ("exp", "log")):
            return u
        if (op, g) in (("cos", "asin"), ("sin", "acos")):
            return self._sqrt(self._rat_add(one, neg_u2))
        if (op, g) == ("cosh", "asinh"):
            return self._sqrt(self._rat_add(one, u2))
        if (op, g) == ("sin", "atan"):
            return self._rat_mul(u, self._rat_pow(self._sqrt(self._rat_add(one, u2)), -1))
        if (op, g) == ("cos", "atan"):
            return self._rat_pow(self._sqrt(self._rat_add(one, u2)), -1)
        if (op, g) == ("tan", "asin"):
            return self._rat_mul(u, self._rat_pow(self._sqrt(self._rat_add(one, neg_u2)), -1))
        if (op, g) == ("exp", "asinh"):
            return self._rat_add(u, self._sqrt(self._rat_add(u2, one)))
        if (op, g) == ("sinh", "acosh") or (op, g) == ("exp", "acosh"):
            m1 = ({m: c for m, c in u[0].items()}, u[1])
            plus = self._sqrt(self._rat_add(m1, one))
            minus = self._sqrt(self._rat_add(m1, ({(): _Cx(-_ONE)}, {(): _C1})))
            prod = self._rat_mul(plus, minus)
            return prod if op == "sinh" else self._rat_add(u, prod)
        return None

    def _trig(self, op, a):
        p, q = a
        if op in ("sin", "cos", "tan"):
            ia = ({m: c * _Cx(_ZERO, _ONE) for m, c in p.items()}, q)
        else:
            ia = a
        e_pos = self._exp_of(ia)
        e_neg = self._exp_of(({m: -c for m, c in ia[0].items()}, ia[1]))
        plus = self._rat_add(e_pos, e_neg)
        minus = self._rat_add(e_pos, self._rat_neg(e_neg))
        if op == "cos" or op == "cosh":
            return self._rat_mul(plus, ({(): _Cx(Fraction(1, 2))}, {(): _C1}))
        if op == "sinh":
            return self._rat_mul(minus, ({(): _Cx(Fraction(1, 2))}, {(): _C1}))
        if op == "sin":  # (e^{ia} - e^{-ia}) / (2i)
            return self._rat_mul(minus, ({(): _Cx(_ZERO, -Fraction(1, 2))}, {(): _C1}))
        if op == "tan":  # (e^{ia} - e^{-ia}) / (i (e^{ia} + e^{-ia}))
            return self._rat_mul(minus, self._rat_pow(self._rat_mul(plus, ({((_I, 1),): _C1}, {(): _C1})), -1))
        return self._rat_mul(minus, self._rat_pow(plus, -1))  # tanh

    def _opaque(self, term, op, a):
        sign = 1
        if op in _ODD:
            sign, a = self._odd_split(a)  # sign, asin, atan, asinh, atanh are odd on all of C
        if op == "abs":
            _, a = self._odd_split(a)  # abs(-z) = abs(z)
        if op == "log":
            return self._log_of(a)
        if op in _LOG_FORMS:
            form = self._inverse_as_logs(op, a)
            return ({m: c * _Cx(Fraction(sign)) for m, c in form[0].items()}, form[1])
        c = self._constant_poly(a)
        if op == "sign" and c is not None and c.im == 0:
            return ({(): _Cx(Fraction(sign * ((c.re > 0) - (c.re < 0))))} if c.re else {}), {(): _C1}
        key = (op, self._canon(a))
        return {((self._atom(key), 1),): _Cx(Fraction(sign))}, {(): _C1}

    def _inverse_as_logs(self, op, u):
        """An inverse trigonometric or hyperbolic function through principal logarithms and roots.

        asin u = -i log(iu + sqrt(1-u^2)), acos u = pi/2 - asin u,
        atan u = (i/2)(log(1-iu) - log(1+iu)), asinh u = log(u + sqrt(u^2+1)),
        acosh u = log(u + sqrt(u+1) sqrt(u-1)), atanh u = (log(1+u) - log(1-u))/2:
        identities of the principal branches on the whole domain (the tests check
        them with mpmath on a grid through the branch cuts).  The log arguments
        of asin, acos, asinh and acosh never vanish (each times its conjugate
        form is 1); those of atan and atanh vanish exactly where the function is
        undefined, which the definedness conditions state.
        """
        one = ({(): _C1}, {(): _C1})
        i = ({((_I, 1),): _C1}, {(): _C1})
        u2 = self._rat_mul(u, u)
        neg = self._rat_neg
        if op == "asin":
            w = self._rat_add(self._rat_mul(i, u), self._sqrt(self._rat_add(one, neg(u2))))
            return self._rat_mul(neg(i), self._log_of(w))
        if op == "acos":
            s, b = self._odd_split(u)
            asin = self._inverse_as_logs("asin", b)
            half_pi = ({((self._atom(("pi",)), 1),): _Cx(Fraction(1, 2))}, {(): _C1})
            return self._rat_add(half_pi, asin if s < 0 else neg(asin))
        if op == "atan":
            iu = self._rat_mul(i, u)
            diff = self._rat_add(self._log_of(self._rat_add(one, neg(iu))), neg(self._log_of(self._rat_add(one, iu))))
            return self._rat_mul(({((_I, 1),): _Cx(Fraction(1, 2))}, {(): _C1}), diff)
        if op == "asinh":
            return self._log_of(self._rat_add(u, self._sqrt(self._rat_add(u2, one))))
        if op == "acosh":
            prod = self._rat_mul(self._sqrt(self._rat_add(u, one)), self._sqrt(self._rat_add(u, neg(one))))
            return self._log_of(self._rat_add(u, prod))
        # atanh
        diff = self._rat_add(self._log_of(self._rat_add(one, u)), neg(self._log_of(self._rat_add(one, neg(u)))))
        return self._rat_mul(({(): _Cx(Fraction(1, 2))}, {(): _C1}), diff)

    @staticmethod
    def _rat_neg(a):
        return {m: -c for m, c in a[0].items()}, a[1]

    def _power(self, term, base, expo):
        c = self._constant_poly(expo)
        if c is not None and c.im == 0:
            e = c.re
            if e.denominator == 1:
                k = int(e)
                if k == 0:
                    return {(): _C1}, {(): _C1}
                if term[1][0] == "abs" and k % 2 == 0 and self._facts(term[1][1]) & REAL:
                    inner = self._form(term[1][1])
                    return self._rat_pow(inner, k)
                return self._rat_pow(base, k)
            if e.denominator <= MAX_POWER:
                # b^(p/k) = (b^(1/k))^p for the principal root; r = b^(1/k) satisfies r^k = b
                return self._root_power(base, e.numerator, e.denominator)
        # b^z = exp(z log b) for b != 0 (the definedness rule adds b != 0)
        return self._exp_of(self._rat_mul(expo, self._log_of(base)))

    def _log_of(self, rat):
        """The form of the principal ``log`` of a rational function: exact for negative constants."""
        c = self._constant_poly(rat)
        if c is not None and c.im == 0 and c.re < 0:
            # log(-r) = log(r) + i pi for r > 0
            log_r = {((self._atom(("log", ("poly", ((( ), (-c.re, _ZERO)),)))), 1),): _C1} if c.re != -1 else {}
            return self._poly_add(log_r, {((_I, 1), (self._atom(("pi",)), 1)): _C1}), {(): _C1}
        idx = self._atom(("log", self._canon(rat)))
        self._log_args.setdefault(idx, rat)
        return {((idx, 1),): _C1}, {(): _C1}

    # ---------------------------------------------------------------- traversal
    def _form(self, term):
        """The normal form ``(P, Q)`` of a term (iterative post-order, memoised by identity)."""
        memo = self._memo
        hit = memo.get(id(term))
        if hit is not None:
            return hit[1]
        stack = [(term, False)]
        while stack:
            t, ready = stack.pop()
            if id(t) in memo:
                continue
            if t[0] in LEAF_OPS:
                memo[id(t)] = (t, self._node(t, ()))
                continue
            if not ready:
                stack.append((t, True))
                stack.extend((k, False) for k in t[1:] if id(k) not in memo)
                continue
            kids = [memo[id(k)][1] for k in t[1:]]
            memo[id(t)] = (t, self._node(t, kids))
            self._tick()
        return memo[id(term)][1]

    def form(self, term: tuple) -> object | None:
        """The normal form of ``term``, or None if it is too large or unsupported."""
        try:
            return self._form(term)
        except (TooLargeError, ZeroDivisionError):
            return None

    def key(self, term: tuple) -> Hashable | None:
        """A hashable key of the normal form, canonical for polynomials (None when unavailable)."""
        f = self.form(term)
        if f is None:
            return None
        try:
            return self._canon(f)
        except TooLargeError:
            return None

    def equal(self, a: tuple, b: tuple) -> bool:
        """True iff the two terms have equal normal forms (so are equal where both are defined)."""
        fa, fb = self.form(a), self.form(b)
        if fa is None or fb is None:
            return False
        try:
            if fa[1] == fb[1]:
                return self._poly_add(fa[0], fb[0], sign=-1) == {}
            lhs = self._poly_mul(fa[0], fb[1])
            rhs = self._poly_mul(fb[0], fa[1])
        except TooLargeError:
            return False
        return self._poly_add(lhs, rhs, sign=-1) == {}


def normal_forms_agree(a: tuple, b: tuple, symbol_facts: dict[str, int] | None = None, *,
                       deadline: float | None = None) -> bool:
    """True iff terms ``a`` and ``b`` have equal exact normal forms (equal wherever both are defined).

    False proves nothing (the normal form is incomplete for logarithms,
    roots and inverse functions).

    Examples
    --------
    >>> x, y = ("sym", "x"), ("sym", "y")
    >>> cube = ("^", ("+", x, y), ("num", Fraction(3)))
    >>> normal_forms_agree(("^", ("cos", x), ("num", Fraction(2))),
    ...                    ("*", ("num", Fraction(1, 2)), ("+", ("num", Fraction(1)),
    ...                     ("cos", ("*", ("num", Fraction(2)), x)))))
    True
    >>> normal_forms_agree(("^", ("sym", "x"), ("num", Fraction(1, 2))), ("abs", x))
    False
    """
    from ._validate import check_symbol_facts, check_term

    check_term(a, "a")
    check_term(b, "b")
    if deadline is not None and (isinstance(deadline, bool) or not isinstance(deadline, int | float)):
        raise InvalidTypeError(f"deadline={deadline!r:.60} must be a clock reading (float) or None")
    return NormalFormContext(check_symbol_facts(symbol_facts), deadline=deadline).equal(a, b)


def _split_perfect_power(value: Fraction, k: int, bound: int = 1000):
    """``(f, g)`` with ``value = f**k * g``, ``f`` collecting the k-th powers of primes below ``bound``.

    Trial division only (never a full factorisation), so the cost is bounded.

    >>> _split_perfect_power(Fraction(8), 2)
    (Fraction(2, 1), Fraction(2, 1))
    """
    parts = []
    for n in (value.numerator, value.denominator):
        f = 1
        d = 2
        while d < bound and d**k <= n:
            while n % d**k == 0:
                n //= d**k
                f *= d
            d += 1
        parts.append((f, n))
    (fn, gn), (fd, gd) = parts
    return Fraction(fn, fd), Fraction(gn, gd)
