"""Rule sets for arithmetic, powers, logarithms/exponentials and trigonometry, each with its domain guard.

Every rule is an identity of the principal-branch functions over the complex
numbers *wherever its guard holds*; guards consult the e-class domain analysis
(facts that follow from symbol assumptions).  The classic unsound shortcuts
are therefore absent: ``sqrt(x**2) -> x`` needs ``x >= 0`` (for real x it
gives ``abs(x)``), ``log(x*y) -> log(x) + log(y)`` needs one factor positive
and the other nonzero, ``log(x**a) -> a*log(x)`` needs ``x > 0`` and real
``a``, ``log(exp(x)) -> x`` needs real ``x``, ``(x**a)**b -> x**(a*b)`` needs an
integer ``b`` or ``x > 0`` with real ``a``.

Notes
-----
Besides pattern rules there are two AC-normalising rules, ``normalize-+`` and
``normalize-*``: they flatten a sum (product) through the e-graph, collect
like terms (equal bases) with exact rational coefficients (integer
exponents), and add the sorted, right-nested result to the same class.  They
are ordinary sound rewrites (commutative-ring identities; exponents are only
combined when the base is nonzero or all exponents are positive), their steps
are checked in explanations by Laurent-polynomial comparison, and they avoid
the 3**n blow-up that plain commutativity/associativity causes on long sums.
Commutativity and associativity are still in the default set (banned by the
back-off scheduler when they explode) so that pattern rules see operands next
to each other.
"""

from __future__ import annotations

from fractions import Fraction

from mathref.caches import register
from mathref.errors import InvalidArgumentError
from mathref.validation import as_flag

from .analyses import NONZERO
from .patterns import Rewrite, rewrite

__all__ = [
    "ac_rules",
    "arithmetic_rules",
    "distributivity_rules",
    "power_rules",
    "log_exp_rules",
    "trig_rules",
    "normalization_rules",
    "default_rules",
    "unsound_rules",
]


def ac_rules(op: str = "+") -> list[Rewrite]:
    """Commutativity and associativity (both directions) of ``op`` in ``{"+", "*"}``.

    Saturating an n-term sum with these gives the AC closure: one class per
    nonempty subset of operands and ``3**n - 2**(n+1) + 1 + n`` e-nodes.

    >>> [r.name for r in ac_rules("*")]
    ['comm-*', 'assoc-*', 'assoc-*-rev']
    """
    if not isinstance(op, str) or op not in ("+", "*"):
        raise InvalidArgumentError(f"op={op!r} must be '+' or '*'")
    return [
        rewrite(f"comm-{op}", f"({op} ?a ?b)", f"({op} ?b ?a)"),
        rewrite(f"assoc-{op}", f"({op} ({op} ?a ?b) ?c)", f"({op} ?a ({op} ?b ?c))"),
        rewrite(f"assoc-{op}-rev", f"({op} ?a ({op} ?b ?c))", f"({op} ({op} ?a ?b) ?c)"),
    ]


def distributivity_rules() -> list[Rewrite]:
    """Distributivity of ``*`` over ``+`` in both directions (expansion and factoring).

    >>> [r.name for r in distributivity_rules()]
    ['distribute', 'distribute-right', 'factor']
    """
    return [
        rewrite("distribute", "(* ?a (+ ?b ?c))", "(+ (* ?a ?b) (* ?a ?c))"),
        rewrite("distribute-right", "(* (+ ?a ?b) ?c)", "(+ (* ?a ?c) (* ?b ?c))"),
        rewrite("factor", "(+ (* ?a ?b) (* ?a ?c))", "(* ?a (+ ?b ?c))"),
    ]


def arithmetic_rules(*, ac: bool = True) -> list[Rewrite]:
    """Field identities: AC (optional), distributivity both ways, neutral and absorbing elements.

    >>> "add-zero" in [r.name for r in arithmetic_rules()]
    True
    """
    rules = (ac_rules("+") + ac_rules("*")) if as_flag(ac, "ac") else []
    rules += distributivity_rules()
    rules += [
        rewrite("add-zero", "(+ ?a 0)", "?a"),
        rewrite("mul-one", "(* ?a 1)", "?a"),
        rewrite("mul-zero", "(* ?a 0)", "0"),
        rewrite("add-self", "(+ ?a ?a)", "(* 2 ?a)"),
        rewrite("cancel", "(+ ?a (* -1 ?a))", "0"),
        rewrite("collect-one", "(+ (* ?c ?a) ?a)", "(* (+ ?c 1) ?a)", guard=("const", "?c")),
        rewrite(
            "collect", "(+ (* ?c ?a) (* ?d ?a))", "(* (+ ?c ?d) ?a)", guard=("and", ("const", "?c"), ("const", "?d"))
        ),
    ]
    return rules


def power_rules() -> list[Rewrite]:
    """Rules for ``^`` (and ``abs``), each guarded by the domain where it holds.

    >>> r = {r.name: r for r in power_rules()}["pow-pow"]
    >>> r.guard[0]
    'or'
    """
    nz_or_pos_exps = ("or", ("nonzero", "?a"), ("and", ("pos_const", "?b"), ("pos_const", "?c")))
    return [
        rewrite("square", "(^ ?a 2)", "(* ?a ?a)"),
        rewrite("square-rev", "(* ?a ?a)", "(^ ?a 2)"),
        rewrite("pow-one", "(^ ?a 1)", "?a"),
        rewrite("pow-zero", "(^ ?a 0)", "1"),
        rewrite("pow-mul", "(* (^ ?a ?b) (^ ?a ?c))", "(^ ?a (+ ?b ?c))", guard=nz_or_pos_exps),
        rewrite(
            "pow-mul-base",
            "(* ?a (^ ?a ?b))",
            "(^ ?a (+ ?b 1))",
            guard=("or", ("nonzero", "?a"), ("pos_const", "?b")),
        ),
        rewrite(
            "pow-pow",
            "(^ (^ ?a ?b) ?c)",
            "(^ ?a (* ?b ?c))",
            guard=(
                "or",
                (
                    "and",
                    ("int_const", "?c"),
                    ("or", ("nonzero", "?a"), ("and", ("pos_const", "?b"), ("pos_const", "?c"))),
                ),
                ("and", ("positive", "?a"), ("real", "?b")),
            ),
        ),
        rewrite("sqrt-square", "(^ (^ ?a 2) 1/2)", "(abs ?a)", guard=("real", "?a")),
        rewrite(
            "pow-of-product",
            "(^ (* ?a ?b) ?c)",
            "(* (^ ?a ?c) (^ ?b ?c))",
            guard=("or", ("int_const", "?c"), ("and", ("positive", "?a"), ("positive", "?b"), ("real", "?c"))),
        ),
        rewrite(
            "pow-of-product-rev",
            "(* (^ ?a ?c) (^ ?b ?c))",
            "(^ (* ?a ?b) ?c)",
            guard=("or", ("int_const", "?c"), ("and", ("positive", "?a"), ("positive", "?b"), ("real", "?c"))),
        ),
        rewrite("abs-nonneg", "(abs ?a)", "?a", guard=("nonnegative", "?a")),
        rewrite("abs-neg", "(abs ?a)", "(* -1 ?a)", guard=("negative", "?a")),
        rewrite("abs-nonpos", "(abs ?a)", "(* -1 ?a)", guard=("nonpositive", "?a")),
        rewrite("sign-abs", "(* (sign ?a) (abs ?a))", "?a"),
        rewrite("abs-sign", "(abs ?a)", "(* (sign ?a) ?a)", guard=("real", "?a")),
        rewrite("abs-mul", "(abs (* ?a ?b))", "(* (abs ?a) (abs ?b))"),
    ]


def log_exp_rules() -> list[Rewrite]:
    """Logarithm and exponential rules with their branch conditions (principal log).

    >>> {r.name: r.guard for r in log_exp_rules()}["log-exp"]
    ('real', '?a')
    """
    split = ("or", ("and", ("positive", "?a"), ("nonzero", "?b")), ("and", ("positive", "?b"), ("nonzero", "?a")))
    return [
        rewrite("log-mul", "(log (* ?a ?b))", "(+ (log ?a) (log ?b))", guard=split),
        rewrite("log-mul-rev", "(+ (log ?a) (log ?b))", "(log (* ?a ?b))", guard=split),
        rewrite("log-pow", "(log (^ ?a ?b))", "(* ?b (log ?a))", guard=("and", ("positive", "?a"), ("real", "?b"))),
        rewrite("log-pow-rev", "(* ?b (log ?a))", "(log (^ ?a ?b))", guard=("and", ("positive", "?a"), ("real", "?b"))),
        rewrite("exp-log", "(exp (log ?a))", "?a", guard=("nonzero", "?a")),
        rewrite("log-exp", "(log (exp ?a))", "?a", guard=("real", "?a")),
        rewrite("exp-add", "(exp (+ ?a ?b))", "(* (exp ?a) (exp ?b))"),
        rewrite("exp-add-rev", "(* (exp ?a) (exp ?b))", "(exp (+ ?a ?b))"),
        rewrite("exp-mul-log", "(exp (* ?b (log ?a)))", "(^ ?a ?b)", guard=("nonzero", "?a")),
    ]


def trig_rules() -> list[Rewrite]:
    """Pythagorean identity, double angles, angle sums, parity, tan = sin/cos (valid on all of C).

    >>> len(trig_rules())
    12
    """
    return [
        rewrite("pythagoras", "(+ (^ (sin ?x) 2) (^ (cos ?x) 2))", "1"),
        rewrite("pythagoras-cs", "(+ (^ (cos ?x) 2) (^ (sin ?x) 2))", "1"),
        rewrite("sin-square", "(^ (sin ?x) 2)", "(+ 1 (* -1 (^ (cos ?x) 2)))"),
        rewrite("cos-square", "(^ (cos ?x) 2)", "(+ 1 (* -1 (^ (sin ?x) 2)))"),
        rewrite("sin-double", "(sin (* 2 ?x))", "(* 2 (* (sin ?x) (cos ?x)))"),
        rewrite("cos-double", "(cos (* 2 ?x))", "(+ (^ (cos ?x) 2) (* -1 (^ (sin ?x) 2)))"),
        rewrite("sin-sum", "(sin (+ ?a ?b))", "(+ (* (sin ?a) (cos ?b)) (* (cos ?a) (sin ?b)))"),
        rewrite("cos-sum", "(cos (+ ?a ?b))", "(+ (* (cos ?a) (cos ?b)) (* -1 (* (sin ?a) (sin ?b))))"),
        rewrite("sin-neg", "(sin (* -1 ?x))", "(* -1 (sin ?x))"),
        rewrite("cos-neg", "(cos (* -1 ?x))", "(cos ?x)"),
        rewrite("tan-def", "(tan ?x)", "(* (sin ?x) (^ (cos ?x) -1))"),
        rewrite("tan-def-rev", "(* (sin ?x) (^ (cos ?x) -1))", "(tan ?x)"),
    ]


def unsound_rules() -> list[Rewrite]:
    """The popular unguarded rules (for demonstrations only: they prove false identities).

    >>> [r.name for r in unsound_rules()]
    ['unsound-sqrt-square', 'unsound-log-pow', 'unsound-log-mul']
    """
    return [
        rewrite("unsound-sqrt-square", "(^ (^ ?a 2) 1/2)", "?a"),
        rewrite("unsound-log-pow", "(log (^ ?a ?b))", "(* ?b (log ?a))"),
        rewrite("unsound-log-mul", "(log (* ?a ?b))", "(+ (log ?a) (log ?b))"),
    ]


# ---------------------------------------------------------------------------------------------
# AC normalisation with collection of like terms


def _flatten(egraph, op, cid, path, out_ops, max_operands, memo=None):
    """Operands of an ``op``-tree reachable from class ``cid`` (choosing one node per class).

    Returns the shape (nested ``(op, left, right)`` with class ids at the leaves)
    and appends the leaves to ``out_ops``.  ``memo`` caches shapes of classes
    whose flattening did not hit a cycle or the operand cap.
    """
    cls = egraph.eclass(cid)
    if memo is not None:
        hit = memo.get(cls.id)
        if hit is not None and len(out_ops) + len(hit[1]) <= max_operands:
            out_ops.extend(hit[1])
            return hit[0]
    nodes = cls.by_op.get(op)
    if nodes and len(out_ops) < max_operands and cls.id not in path:
        for n in nodes:
            if n[1] != cls.id and n[2] != cls.id:
                start = len(out_ops)
                path.add(cls.id)
                left = _flatten(egraph, op, n[1], path, out_ops, max_operands, memo)
                right = _flatten(egraph, op, n[2], path, out_ops, max_operands, memo)
                path.discard(cls.id)
                shape = (op, left, right)
                if memo is not None and not path and len(out_ops) < max_operands:
                    memo[cls.id] = (shape, tuple(out_ops[start:]))
                return shape
    out_ops.append(cls.id)
    return cls.id


def _is_inner(egraph, op, root):
    """True if the class is an operand of another ``op`` node: its parent's normal form covers it."""
    find = egraph.find
    for node, pid in egraph.classes[root].parents:
        if node[0] == op and find(pid) != root:
            return True
    return False


def _const_node(egraph, value):
    if type(value) is not Fraction:
        value = Fraction(value)
    return egraph.add(("num", value))


def _decompose_summand(egraph, cid):
    """(coefficient, base class or None, concrete id for the explanation)."""
    cls = egraph.eclass(cid)
    if cls.const is not None:
        return cls.const, None, ("num", cls.const)
    for n in cls.by_op.get("*", ()):
        for first in (True, False):
            k, other = (n[1], n[2]) if first else (n[2], n[1])
            c = egraph.constant(k)
            if c is not None and egraph.find(other) != cls.id:
                spec = ("*", ("num", c), other) if first else ("*", other, ("num", c))
                return c, egraph.find(other), spec
    return Fraction(1), cls.id, cls.id


def _decompose_factor(egraph, cid):
    """(constant or None, base class, integer exponent, concrete id for the explanation)."""
    cls = egraph.eclass(cid)
    if cls.const is not None:
        return cls.const, None, 0, ("num", cls.const)
    for n in cls.by_op.get("^", ()):
        e = egraph.constant(n[2])
        if e is not None and e.denominator == 1 and egraph.find(n[1]) != cls.id:
            return None, egraph.find(n[1]), int(e), ("^", n[1], ("num", e))
    return None, cls.id, 1, cls.id


def _concrete(egraph, shape, leaves):
    """Add the concrete term described by an operand tree shape; leaves map class -> concrete spec."""
    if isinstance(shape, tuple):
        return egraph.add((shape[0], _concrete(egraph, shape[1], leaves), _concrete(egraph, shape[2], leaves)))
    return _spec_id(egraph, leaves[shape])


def _spec_id(egraph, spec):
    if isinstance(spec, int):
        return spec
    if spec[0] == "num":
        return _const_node(egraph, spec[1])
    return egraph.add((spec[0],) + tuple(_spec_id(egraph, s) for s in spec[1:]))


def _right_nest(egraph, op, ids):
    acc = ids[-1]
    for i in reversed(ids[:-1]):
        acc = egraph.add((op, i, acc))
    return acc


class _ACNormalizer:
    """An applier that flattens an ``op`` tree and rebuilds it in collected form.

    ``collect(egraph, operands, leaves)`` returns ``(signature, build)``: a hashable
    summary of the collected form (so each form is added once) and a function that
    adds it to the e-graph and returns its id.  A module-level class (not a
    closure) so that rules, explanations and results holding it pickle; its
    per-e-graph memory lives in ``egraph.rule_state``, keyed by the operator.
    """

    def __init__(self, op, collect, max_operands=24):
        self.op, self.collect, self.max_operands = op, collect, max_operands

    def __eq__(self, other):
        return isinstance(other, _ACNormalizer) and (self.op, self.collect, self.max_operands) == (
            other.op, other.collect, other.max_operands)

    def __hash__(self):
        return hash((self.op, self.collect.__name__, self.max_operands))

    def __repr__(self):
        return f"_ACNormalizer({self.op!r}, {self.collect.__name__})"

    def __call__(self, egraph, root, subst):
        op = self.op
        root = egraph.find(root)
        # per e-graph memory: classes done in this iteration, collected forms already added
        memo = egraph.rule_state.setdefault(("normalize", op), {"clock": None, "seen": set(), "made": set(),
                                                                "flat": {}})
        if memo["clock"] != egraph.clock:
            memo["clock"] = egraph.clock
            memo["seen"] = set()
            memo["flat"] = {}
        seen, made, flat = memo["seen"], memo["made"], memo["flat"]
        if root in seen:
            return []
        seen.add(root)
        if _is_inner(egraph, op, root):
            return []
        operands = []
        shape = _flatten(egraph, op, root, set(), operands, self.max_operands, flat)
        if len(operands) < 2:
            return []
        leaves = {}
        signature, build = self.collect(egraph, operands, leaves)
        key = (root, signature)
        if key in made:
            return []
        made.add(key)
        result = build()
        lhs = _concrete(egraph, shape, leaves) if egraph.explain else root
        return [(lhs, result)]


def _collect_sum(egraph, operands, leaves):
    """Like terms of a sum: a rational constant plus rational multiples of each base."""
    const = Fraction(0)
    coefs = {}
    for o in operands:
        c, base, spec = _decompose_summand(egraph, o)
        leaves[o] = spec
        if base is None:
            const += c
        else:
            coefs[base] = coefs.get(base, 0) + c

    def build():
        terms = []
        if const != 0:
            terms.append(_const_node(egraph, const))
        for base in sorted(coefs):
            c = coefs[base]
            if c == 0:
                continue
            terms.append(base if c == 1 else egraph.add(("*", _const_node(egraph, c), base)))
        return _right_nest(egraph, "+", terms) if terms else _const_node(egraph, 0)

    return (const, tuple(sorted(coefs.items()))), build


def _collect_product(egraph, operands, leaves):
    """Like factors of a product: a rational coefficient and the exponents of each base."""
    coef = Fraction(1)
    groups = {}
    for o in operands:
        c, base, e, spec = _decompose_factor(egraph, o)
        leaves[o] = spec
        if base is None:
            coef *= c
        else:
            groups.setdefault(base, []).append(e)

    def build():
        if coef == 0:
            return _const_node(egraph, 0)
        factors = []
        for base in sorted(groups):
            exps = groups[base]
            # x^a x^b = x^(a+b) needs x != 0 unless every exponent is positive
            if egraph.facts(base) & NONZERO or all(e > 0 for e in exps):
                exps = [sum(exps)]
            for e in exps:
                if e == 0:
                    continue
                factors.append(base if e == 1 else egraph.add(("^", base, _const_node(egraph, e))))
        if coef != 1:
            factors.insert(0, _const_node(egraph, coef))
        return _right_nest(egraph, "*", factors) if factors else _const_node(egraph, 1)

    return (coef, tuple(sorted((b, tuple(sorted(es))) for b, es in groups.items()))), build


def normalization_rules() -> list[Rewrite]:
    """The AC-normalising rules ``normalize-+`` and ``normalize-*`` (collect like terms).

    >>> [r.name for r in normalization_rules()]
    ['normalize-+', 'normalize-*']
    """
    return [
        rewrite("normalize-+", "(+ ?a ?b)", applier=_ACNormalizer("+", _collect_sum), incremental=False),
        rewrite("normalize-*", "(* ?a ?b)", applier=_ACNormalizer("*", _collect_product), incremental=False),
    ]


def default_rules(*, ac: bool = True) -> list[Rewrite]:
    """Everything sound: normalisation, arithmetic (AC optional), powers, log/exp, trig.

    >>> len(default_rules()) - len(default_rules(ac=False))
    6
    """
    ac = as_flag(ac, "ac")
    hit = _DEFAULT_CACHE.get(ac)
    if hit is None:
        # rules are immutable and keep their per-e-graph state in the e-graph, so they can be shared
        # between threads; build locally, publish atomically (two builders give equal tuples)
        built = tuple(normalization_rules() + arithmetic_rules(ac=ac) + power_rules() + log_exp_rules() + trig_rules())
        hit = _DEFAULT_CACHE.setdefault(ac, built)
    return list(hit)


_DEFAULT_CACHE: dict = {}  # at most two entries (ac=True, ac=False)
register("combinatorics.egraph.default_rules", _DEFAULT_CACHE.clear, lambda: {"currsize": len(_DEFAULT_CACHE),
                                                                              "maxsize": 2})
