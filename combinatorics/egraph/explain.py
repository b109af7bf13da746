"""Explanations: a proved equality as a chain of single rewrites, each checkable on its own.

An :class:`Explanation` lists terms ``t0 -> t1 -> ... -> tn`` where each step
rewrites one subterm (at ``path``) by one rule, in either direction.  It is
read off the proof forest that an :class:`~.core.EGraph` built
with ``explain=True`` keeps; congruence edges are expanded into the steps of
the children, so the chain only contains rule applications and constant
folds.

Notes
-----
:meth:`Explanation.check` re-verifies every step without the e-graph: for a
pattern rule the local ``before`` must match one side of the rule, the other
side instantiated with the same substitution must equal the local ``after``,
and the guard must hold by the domain facts of the subterms (recomputed from
the symbol assumptions); for the AC-normalising rules both sides must be equal
Laurent polynomials over their non-arithmetic subterms (negative powers only
of subterms known to be nonzero); for a constant fold the exact value must
agree; for a ``normal-form`` step the exact normal forms of both sides
(:mod:`.normal_form`) must be equal.  The steps must also chain: each
``after`` is the next ``before`` and the ends are the two given terms.  Every
step is an identity on the common domain of its two sides, so the chain
proves ``start = end`` where every term of it is defined: the explanation
states those conditions (:attr:`Explanation.conditions`, subterms that must
be nonzero) and the check re-derives them and fails if one is missing.  This follows the explanation design of
egg (Flatt, Coward, Willsey, Tatlock, Panchekha, FMCAD 2022), without its
proof-size optimisations.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING

from mathref.errors import InvalidArgumentError, InvalidTypeError

from ._validate import check_class, check_symbol_facts, check_term
from .analyses import NONZERO
from .core import EGraph
from .definedness import _definedness_conditions as definedness_conditions
from .definedness import _term_facts_iter as term_facts_iter
from .definedness import conditions_text
from .normal_form import NormalFormContext
from .patterns import _check_guard as check_guard
from .patterns import _instantiate_term as instantiate_term
from .patterns import _match_term as match_term
from .terms import LEAF_OPS, term_to_str
from .terms import _fold_constant as fold_constant

if TYPE_CHECKING:
    from .patterns import Rewrite

__all__ = ["RewriteStep", "Explanation", "explain_equivalence", "term_facts", "laurent_polynomial"]


@dataclass(frozen=True)
class RewriteStep:
    """One rewrite: ``rule`` turned ``local_before`` at ``path`` of ``before`` into ``local_after``.

    ``path`` lists child positions (0-based) from the root of ``before``.

    >>> x = ("sym", "x")
    >>> print(RewriteStep("exp-log", ("exp", ("log", x)), x, (), ("exp", ("log", x)), x))
    exp(log(x))  =exp-log=>  x
    """

    rule: str
    before: tuple
    after: tuple
    path: tuple
    local_before: tuple
    local_after: tuple

    def __post_init__(self):
        if not isinstance(self.rule, str):
            raise InvalidTypeError(f"rule={self.rule!r:.60} must be a rule name (str)")
        for name in ("before", "after", "local_before", "local_after"):
            v = getattr(self, name)
            if not (isinstance(v, tuple) and v and isinstance(v[0], str)):
                raise InvalidTypeError(f"{name}={v!r:.60} must be a term (a tuple such as ('sym', 'x'))")
        if not isinstance(self.path, tuple) or not all(isinstance(i, int) and i >= 0 for i in self.path):
            raise InvalidTypeError(f"path={self.path!r:.60} must be a tuple of nonnegative ints")

    def __str__(self) -> str:
        return f"{term_to_str(self.local_before)}  ={self.rule}=>  {term_to_str(self.local_after)}"


@dataclass(frozen=True)
class Explanation:
    """A chain of rewrites from ``start`` to ``end`` (see :func:`explain_equivalence`).

    Examples
    --------
    >>> import sympy
    >>> from mathref.combinatorics import default_rules, equivalent
    >>> x = sympy.Symbol("x", positive=True)
    >>> e = equivalent(sympy.exp(sympy.log(x), evaluate=False), x, rules=default_rules()).explanation
    >>> print(e)
    exp(log(x))
      = x    [exp-log]
    >>> e.check()
    True
    >>> y = sympy.Symbol("y")
    >>> e = equivalent(sympy.Mul(y, 1 / y, evaluate=False), 1).explanation
    >>> print(e)
    (y * y^(-1))
      = 1    [normal-form]
      where y ≠ 0
    >>> e.check(), e.check_steps()[-1]
    (True, (True, 'normal forms agree'))
    """

    start: tuple
    end: tuple
    steps: tuple
    rules: dict = field(default_factory=dict, compare=False, repr=False)
    symbol_facts: dict = field(default_factory=dict, compare=False, repr=False)
    conditions: tuple = ()

    def __post_init__(self):
        for name in ("start", "end"):
            v = getattr(self, name)
            if not (isinstance(v, tuple) and v and isinstance(v[0], str)):
                raise InvalidTypeError(f"{name}={v!r:.60} must be a term (a tuple such as ('sym', 'x'))")
        if not isinstance(self.steps, tuple) or not all(isinstance(st, RewriteStep) for st in self.steps):
            raise InvalidTypeError("steps must be a tuple of RewriteStep")
        if not isinstance(self.rules, dict) or not isinstance(self.symbol_facts, dict):
            raise InvalidTypeError("rules and symbol_facts must be dicts")
        if not isinstance(self.conditions, tuple):
            raise InvalidTypeError(f"conditions={self.conditions!r:.60} must be a tuple of terms")

    @property
    def domain(self) -> str:
        """The conditions as text, ``"x ≠ 0"``; ``""`` when the chain is defined everywhere."""
        return conditions_text(self.conditions)

    def __len__(self) -> int:
        return len(self.steps)

    def __str__(self) -> str:
        lines = [term_to_str(self.start)]
        for s in self.steps:
            lines.append(f"  = {term_to_str(s.after)}    [{s.rule}]")
        if self.conditions:
            lines.append(f"  where {self.domain}")
        return "\n".join(lines)

    def check_steps(self) -> list:
        """``[(ok, message)]`` for every step (plus chaining problems, if any)."""
        out = []
        cur = self.start
        for i, s in enumerate(self.steps):
            if s.before != cur:
                out.append((False, f"step {i}: does not start where the previous step ended"))
                cur = s.after
                continue
            if _subterm(s.before, s.path) != s.local_before:
                out.append((False, f"step {i}: local term not found at path {s.path}"))
            elif _replace(s.before, s.path, s.local_after) != s.after:
                out.append((False, f"step {i}: after is not before with the rewrite applied"))
            else:
                out.append(_check_local(s, self.rules, self.symbol_facts))
            cur = s.after
        if cur != self.end:
            out.append((False, "the chain does not end at the claimed term"))
        terms = [self.start, self.end] + [s.after for s in self.steps]
        stated = set(self.conditions)
        missing = [c for c in definedness_conditions(terms, self.symbol_facts) if c not in stated]
        if missing:
            where = " or ".join(f"{term_to_str(c)} = 0" for c in missing)
            out.append((False, f"the chain is undefined where {where}, and its conditions do not say so"))
        return out

    def check(self) -> bool:
        """True iff every step is a valid rule application and the chain connects the ends."""
        return all(ok for ok, _ in self.check_steps())


def _subterm(term, path):
    for i in path:
        term = term[i + 1]
    return term


def _replace(term, path, new):
    """``term`` with the subterm at ``path`` replaced by ``new`` (iterative: paths of any length)."""
    spine = []
    t = term
    for i in path:
        spine.append((t, i))
        t = t[i + 1]
    out = new
    for t, i in reversed(spine):
        kids = list(t[1:])
        kids[i] = out
        out = (t[0], *kids)
    return out


def term_facts(term: tuple, symbol_facts: dict, _cache: dict | None = None) -> tuple:
    """``(constant or None, fact mask)`` of a term by the same rules as the e-class analysis.

    >>> from mathref.combinatorics.egraph import POSITIVE
    >>> term_facts(("exp", ("sym", "x")), {"x": 1})[1] & POSITIVE == POSITIVE
    True
    """
    check_term(term)
    if _cache is not None and not isinstance(_cache, dict):
        raise InvalidTypeError(f"_cache must be a dict or None, got {type(_cache).__name__}")
    return term_facts_iter(term, check_symbol_facts(symbol_facts), _cache)


def laurent_polynomial(term: tuple, symbol_facts: dict) -> dict:
    """Expand a term into ``{monomial: Fraction}`` over its non-arithmetic subterms (atoms).

    A monomial is a sorted tuple of ``(atom, integer exponent)``; negative exponents are only
    expanded for atoms known to be nonzero (see :func:`_laurent_polynomial`).

    >>> x = ("sym", "x")
    >>> laurent_polynomial(("*", x, x), {}) == {((x, 2),): Fraction(1)}
    True
    """
    check_term(term)
    return _laurent_polynomial(term, check_symbol_facts(symbol_facts))


def _poly_mul(p, q, cap=4096):
    out = {}
    for m1, c1 in p.items():
        for m2, c2 in q.items():
            d = dict(m1)
            for a, e in m2:
                d[a] = d.get(a, 0) + e
            m = tuple(sorted(((a, e) for a, e in d.items() if e != 0), key=repr))
            out[m] = out.get(m, 0) + c1 * c2
            if len(out) > cap:
                raise OverflowError("polynomial too large to compare")
    return {m: c for m, c in out.items() if c != 0}


def _laurent_polynomial(term, symbol_facts: dict) -> dict:
    """Expand a term into ``{monomial: Fraction}`` over its non-arithmetic subterms (atoms).

    A monomial is a sorted tuple of ``(atom, integer exponent)``.  Negative
    exponents are only expanded for atoms known to be nonzero; otherwise the
    whole power is kept as an atom, so equal polynomials mean an identity
    that holds wherever both sides are defined.

    >>> x = ("sym", "x")
    >>> laurent_polynomial(("+", x, x), {}) == {((x, 1),): Fraction(2)}
    True
    """
    op = term[0]
    if op == "num":
        return {(): term[1]} if term[1] != 0 else {}
    if op == "+":
        out = dict(_laurent_polynomial(term[1], symbol_facts))
        for m, c in _laurent_polynomial(term[2], symbol_facts).items():
            out[m] = out.get(m, 0) + c
        return {m: c for m, c in out.items() if c != 0}
    if op == "*":
        return _poly_mul(_laurent_polynomial(term[1], symbol_facts), _laurent_polynomial(term[2], symbol_facts))
    if op == "^" and term[2][0] == "num" and term[2][1].denominator == 1 and abs(term[2][1]) <= 16:
        k = int(term[2][1])
        base = _laurent_polynomial(term[1], symbol_facts)
        if k >= 0:
            out = {(): Fraction(1)}
            for _ in range(k):
                out = _poly_mul(out, base)
            return out
        if len(base) == 1:
            (m, c), = base.items()
            if all(term_facts_iter(a, symbol_facts)[1] & NONZERO for a, _ in m):
                return {tuple((a, e * k) for a, e in m): c**k}
    return {((term, 1),): Fraction(1)}


def _check_local(step, rules, symbol_facts):
    name = step.rule
    lb, la = step.local_before, step.local_after
    if name == "constant-fold":
        for t, v in ((lb, la), (la, lb)):
            if v[0] == "num" and t[0] not in LEAF_OPS and all(k[0] == "num" for k in t[1:]):
                if fold_constant(t[0], tuple(k[1] for k in t[1:])) == v[1]:
                    return True, "constant fold verified"
        return False, f"constant fold {term_to_str(lb)} -> {term_to_str(la)} not verified"
    if name == "normal-form":
        ok = NormalFormContext(symbol_facts).equal(lb, la)
        return ok, f"normal forms {'agree' if ok else 'differ'}"
    rule = rules.get(name)
    if rule is None:
        return False, f"unknown rule {name!r}"
    if rule.applier is not None:
        try:
            ok = _laurent_polynomial(lb, symbol_facts) == _laurent_polynomial(la, symbol_facts)
        except OverflowError:
            return False, f"{name}: polynomial comparison too large"
        return (ok, f"{name}: Laurent polynomials {'agree' if ok else 'differ'}")
    cache: dict = {}
    for src, dst in ((lb, la), (la, lb)):
        subst = match_term(rule.lhs, src)
        if subst is None:
            continue
        if instantiate_term(rule.rhs, subst) != dst:
            continue
        ok = check_guard(
            rule.guard,
            lambda v, subst=subst: term_facts_iter(subst[v], symbol_facts, cache)[1],
            lambda v, subst=subst: term_facts_iter(subst[v], symbol_facts, cache)[0],
        )
        if ok:
            return True, f"{name} verified"
        return False, f"{name}: guard {rule.guard} not re-derived from the symbol assumptions"
    return False, f"{name}: neither direction matches"


def _explain_ids(egraph: EGraph, a: int, b: int) -> list:
    """Steps ``(rule, path, local_before, local_after)`` leading from term(a) to term(b) (iterative).

    Congruence edges expand into the steps of their children, each under the
    child's position; an explicit stack replaces recursion, so the nesting
    depth of the terms is no limit.
    """
    steps = []
    term_of = egraph.term_of
    work = [("pair", a, b, ())]
    while work:
        item = work.pop()
        if item[0] == "emit":
            steps.append(item[1])
            continue
        _, x0, y0, prefix = item
        if x0 == y0:
            continue
        todo = []
        for x, y, just in egraph.proof_path(x0, y0):
            if just == "congruence":
                nx, ny = egraph.node_of(x), egraph.node_of(y)
                for i, (cx, cy) in enumerate(zip(nx[1:], ny[1:])):
                    todo.append(("pair", cx, cy, prefix + (i,)))
            else:
                todo.append(("emit", (just, prefix, term_of(x), term_of(y))))
        work.extend(reversed(todo))
    return steps


def explain_equivalence(egraph: EGraph, a: int, b: int, *, rules: Sequence[Rewrite] = (),
                        symbol_facts: dict[str, int] | None = None) -> Explanation:
    """Chain of rewrites proving that the terms of ids ``a`` and ``b`` are equal.

    ``egraph`` must have been built with ``explain=True``; ``a`` and ``b`` must
    be in the same class.  ``rules`` and ``symbol_facts`` are kept for
    :meth:`Explanation.check`; the conditions under which every term of the
    chain is defined are attached (see :mod:`.definedness`).

    Examples
    --------
    >>> from mathref.combinatorics.egraph.rules import ac_rules
    >>> from mathref.combinatorics.egraph.saturation import saturate
    >>> g = EGraph(explain=True)
    >>> a = g.add_term(("+", ("sym", "x"), ("sym", "y")))
    >>> b = g.add_term(("+", ("sym", "y"), ("sym", "x")))
    >>> _ = saturate(g, ac_rules("+"))
    >>> e = explain_equivalence(g, a, b, rules=ac_rules("+"))
    >>> [s.rule for s in e.steps], e.check()
    (['comm-+'], True)
    """
    a = check_class(egraph, a, "a")
    b = check_class(egraph, b, "b")
    if not egraph.explain:
        raise InvalidArgumentError("egraph: explanations need an EGraph built with explain=True")
    symbol_facts = check_symbol_facts(symbol_facts)
    if isinstance(rules, str | bytes | dict) or not hasattr(rules, "__iter__"):
        raise InvalidTypeError(f"rules must be a sequence of Rewrite rules, got {type(rules).__name__}")
    rules = tuple(rules)
    from .patterns import Rewrite

    for r in rules:
        if not isinstance(r, Rewrite):
            raise InvalidTypeError(f"rules must hold Rewrite rules, got {type(r).__name__}")
    if egraph.find(a) != egraph.find(b):
        raise InvalidArgumentError(f"a={a} and b={b} are not in the same e-class: there is nothing to explain")
    raw = _explain_ids(egraph, a, b)
    start = egraph.term_of(a)
    cur = start
    steps = []
    for rule, path, lb, la in raw:
        after = _replace(cur, path, la)
        steps.append(RewriteStep(rule, cur, after, path, lb, la))
        cur = after
    rule_map = {r.name: r for r in rules}
    facts = dict(symbol_facts or egraph.symbol_facts)
    end = egraph.term_of(b)
    conds = definedness_conditions([start, end] + [s.after for s in steps], facts)
    return Explanation(start, end, tuple(steps), rule_map, facts, conds)
