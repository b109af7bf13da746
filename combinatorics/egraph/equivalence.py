"""Decide whether two expressions are equal: proof by equality saturation, refutation by a checked point.

:func:`equivalent` never guesses.  Its verdict is

* ``"equal"`` only when equality saturation put both expressions in one
  e-class using rules that hold under the symbols' assumptions; the result
  carries an :class:`~.explain.Explanation` that can be checked
  step by step;
* ``"different"`` only with a :class:`Counterexample`: a point of the domain
  (exact rationals, respecting ``positive=True``, ``real=True``, ``integer=True``
  ...) at which both sides are defined and differ, confirmed with mpmath at
  two high precisions;
* ``"unknown"`` otherwise, with the saturation :class:`~.saturation.RunReport`
  (agreement at sample points is never taken as a proof).

It also has the helpers that equivalence-aware symbolic regression (EGG-SR)
needs: a canonical representative of an expression's class, deduplication of
candidate expressions into proved-equal groups, and enumeration of equal forms.

Notes
-----
Symbols without assumptions are complex, as in sympy, and the rules are then
restricted to identities valid on all of C (principal branches); the sampler
tries real points first and complex ones after.  Sampling is a cheap float
screen (Python complex arithmetic, principal branches) at random points, at
special values (0, +-1, +-2, 1/2, ...) and along a hill climb that maximises
the relative discrepancy; any candidate is re-evaluated with mpmath at 50 and
80 significant digits and kept only if the difference is large and stable.
"""

from __future__ import annotations

import cmath
import math
import time
from dataclasses import dataclass, replace
from fractions import Fraction

import mpmath
import sympy

from mathref.errors import InvalidArgumentError
from mathref.validation import as_rng

from .analyses import INTEGER, NEGATIVE, NONNEGATIVE, NONZERO, POSITIVE, REAL
from .core import EGraph
from .explain import Explanation, explain_equivalence
from .extraction import canonical_term, enumerate_terms
from .rules import default_rules
from .saturation import Limits, RunReport, saturate
from .sympy_bridge import from_term, symbol_facts, symbols_of, to_term

__all__ = [
    "EquivalenceResult",
    "Counterexample",
    "DedupResult",
    "equivalent",
    "evaluate_term",
    "find_counterexample",
    "canonical_form",
    "deduplicate",
    "equivalent_forms",
]


@dataclass(frozen=True)
class Counterexample:
    """A point where two expressions differ, with both values at ``digits`` significant digits.

    ``point`` maps sympy Symbols to exact sympy numbers; the values are mpmath numbers.

    >>> x = sympy.Symbol("x")
    >>> c = equivalent(sympy.sqrt(x**2), x).counterexample
    >>> sympy.sqrt(c.point[x]**2) != c.point[x]
    True
    """

    point: dict
    lhs_value: object
    rhs_value: object
    digits: int


@dataclass(frozen=True)
class EquivalenceResult:
    """Verdict of :func:`equivalent` with its evidence.

    ``verdict`` is ``"equal"`` (``explanation`` set), ``"different"``
    (``counterexample`` set) or ``"unknown"``; ``report`` is the saturation
    report (None when a counterexample was found before saturating);
    ``samples`` counts the points evaluated.  Truthy iff equal.

    >>> x = sympy.Symbol("x")
    >>> r = equivalent(sympy.Mul(x, sympy.Add(x, 1, evaluate=False), evaluate=False), x**2 + x)
    >>> bool(r), r.verdict, r.counterexample
    (True, 'equal', None)
    """

    verdict: str
    explanation: Explanation | None
    counterexample: Counterexample | None
    report: RunReport | None
    samples: int

    def __bool__(self) -> bool:
        return self.verdict == "equal"


# ---------------------------------------------------------------------------------------------
# numeric evaluation


class _ComplexFloats:
    """Python complex floats: the fast screen."""

    pi = complex(math.pi)
    i = 1j
    zero = 0j

    @staticmethod
    def number(q):
        return complex(q)

    re = staticmethod(lambda z: z.real)
    power = staticmethod(lambda b, e: cmath.exp(e * cmath.log(b)))
    log, exp, sin, cos, tan = cmath.log, cmath.exp, cmath.sin, cmath.cos, cmath.tan
    abs = staticmethod(lambda z: complex(abs(z)))


class _Multiprecision:
    """mpmath numbers at the working precision: the confirmation."""

    pi = property(lambda self: +mpmath.pi)
    i = mpmath.mpc(0, 1)
    zero = mpmath.mpf(0)

    @staticmethod
    def number(q):
        return mpmath.mpf(q.numerator) / q.denominator

    re = staticmethod(mpmath.re)
    power = staticmethod(mpmath.power)
    log, exp, sin, cos = (staticmethod(f) for f in (mpmath.log, mpmath.exp, mpmath.sin, mpmath.cos))

    @staticmethod
    def tan(a):
        if mpmath.cos(a) == 0:
            raise ZeroDivisionError
        return mpmath.tan(a)

    abs = staticmethod(abs)


_FLOATS, _MP = _ComplexFloats(), _Multiprecision()


def _evaluate(term, env, ctx):
    """One evaluator for both number contexts; undefined points raise ZeroDivisionError."""
    op = term[0]
    if op == "num":
        return ctx.number(term[1])
    if op == "sym":
        return env[term[1]]
    if op == "pi":
        return ctx.pi
    if op == "I":
        return ctx.i
    if op == "+":
        return _evaluate(term[1], env, ctx) + _evaluate(term[2], env, ctx)
    if op == "*":
        return _evaluate(term[1], env, ctx) * _evaluate(term[2], env, ctx)
    if op == "^":
        b = _evaluate(term[1], env, ctx)
        e = term[2]
        if e[0] == "num" and e[1].denominator == 1:
            k = int(e[1])
            if b == 0 and k < 0:
                raise ZeroDivisionError
            return b**k
        ev = _evaluate(e, env, ctx)
        if b == 0:
            if ctx.re(ev) > 0:
                return ctx.zero
            raise ZeroDivisionError
        return ctx.power(b, ev)
    a = _evaluate(term[1], env, ctx)
    if op == "log":
        if a == 0:
            raise ZeroDivisionError
        return ctx.log(a)
    if op in ("exp", "sin", "cos", "tan", "abs"):
        return getattr(ctx, op)(a)
    raise InvalidArgumentError(f"unknown operator {op!r}")


def _ev_float(term, env):
    return _evaluate(term, env, _FLOATS)


def _ev_mp(term, env):
    return _evaluate(term, env, _MP)


def evaluate_term(term, point: dict, *, digits: int | None = None):
    """Value of a term at ``point`` (``{name: number}``); None where it is undefined.

    With ``digits=None`` Python complex floats are used (fast screen),
    otherwise mpmath at that many significant digits.  Branches are principal.

    Examples
    --------
    >>> evaluate_term(("log", ("sym", "x")), {"x": -1})
    3.141592653589793j
    >>> evaluate_term(("log", ("num", Fraction(0))), {}) is None
    True
    """
    try:
        if digits is None:
            env = {
                k: complex(float(v[0]), float(v[1])) if isinstance(v, tuple) else complex(v) for k, v in point.items()
            }
            v = _ev_float(term, env)
            if not (math.isfinite(v.real) and math.isfinite(v.imag)):
                return None
            return v
        with mpmath.workdps(digits):
            env = {k: _to_mp(v) for k, v in point.items()}
            v = _ev_mp(term, env)
            if not mpmath.isfinite(v):
                return None
            return v
    except (ZeroDivisionError, OverflowError, ValueError):
        return None


def _to_mp(v):
    if isinstance(v, Fraction):
        return mpmath.mpf(v.numerator) / v.denominator
    if isinstance(v, tuple):  # exact complex (re, im)
        return mpmath.mpc(_to_mp(v[0]), _to_mp(v[1]))
    return mpmath.mpmathify(v)


# ---------------------------------------------------------------------------------------------
# counterexample search


def _q(x: float) -> float:
    """Quantise to a multiple of 1/1000 (exactly representable as a small rational)."""
    return round(x * 1000.0) / 1000.0


def _exact(v):
    if isinstance(v, complex):
        return (Fraction(round(v.real * 1000), 1000), Fraction(round(v.imag * 1000), 1000))
    return Fraction(round(v * 1000), 1000)


def _sample_value(facts: int, rng, allow_complex: bool):
    # floats on the 1/1000 grid: fast to screen, exact as rationals when a candidate is confirmed
    if facts & INTEGER:
        lo, hi = -6, 6
        if facts & POSITIVE:
            lo = 1
        elif facts & NONNEGATIVE:
            lo = 0
        elif facts & NEGATIVE:
            hi = -1
        while True:
            v = int(rng.integers(lo, hi + 1))
            if v != 0 or not facts & NONZERO:
                return float(v)
    if facts & (POSITIVE | NONNEGATIVE):
        return max(_q(math.exp(rng.normal(0.0, 1.2))), 0.001)
    if facts & NEGATIVE:
        return -max(_q(math.exp(rng.normal(0.0, 1.2))), 0.001)
    re = _q(rng.normal(0.0, 2.0))
    if facts & REAL or not allow_complex:
        return re if re != 0 else 0.143
    return complex(re, _q(rng.normal(0.0, 2.0)))


_SPECIAL = [0.0, 1.0, -1.0, 2.0, -2.0, 0.5, -0.5, 3.0, -3.0, 10.0, 0.1]


def _in_domain(v, facts):
    if isinstance(v, complex):
        return not facts & REAL
    if facts & INTEGER and v != int(v):
        return False
    if facts & POSITIVE and v <= 0:
        return False
    if facts & NONNEGATIVE and v < 0:
        return False
    if facts & NEGATIVE and v >= 0:
        return False
    if facts & NONZERO and v == 0:
        return False
    return True


def _discrepancy(ta, tb, point):
    va = evaluate_term(ta, point)
    vb = evaluate_term(tb, point)
    if va is None or vb is None:
        return None
    return abs(va - vb) / (1.0 + abs(va) + abs(vb))


def _confirm(ta, tb, point):
    point = {k: _exact(v) for k, v in point.items()}
    out = []
    for digits in (50, 80):
        va = evaluate_term(ta, point, digits=digits)
        vb = evaluate_term(tb, point, digits=digits)
        if va is None or vb is None:
            return None
        out.append((va, vb))
    (a50, b50), (a80, b80) = out
    with mpmath.workdps(80):
        d80 = abs(a80 - b80)
        d50 = abs(a50 - b50)
        scale = 1 + abs(a80) + abs(b80)
        if d80 <= mpmath.mpf(10) ** -30 * scale:
            return None
        if abs(d50 - d80) > mpmath.mpf(10) ** -20 * scale:
            return None
    return a80, b80


def _point_to_sympy(point, syms):
    out = {}
    for name, v in point.items():
        v = _exact(v)
        if isinstance(v, tuple):
            val = sympy.Rational(v[0].numerator, v[0].denominator) + sympy.I * sympy.Rational(
                v[1].numerator, v[1].denominator
            )
        else:
            val = sympy.Rational(v.numerator, v.denominator)
        out[syms.get(name, sympy.Symbol(name))] = val
    return out


def find_counterexample(a, b, *, samples: int = 64, rng=None, adversarial: bool = True):
    """Search the domain for a point where ``a`` and ``b`` differ; a checked :class:`Counterexample` or None.

    Points respect the assumptions of the symbols.  A returned point is
    confirmed with mpmath at 50 and 80 digits; None proves nothing.

    Examples
    --------
    >>> x, y = sympy.symbols("x y", positive=True)
    >>> c = find_counterexample(sympy.log(x + y), sympy.log(x) + sympy.log(y), rng=0)
    >>> all(v > 0 for v in c.point.values())
    True
    """
    a = sympy.sympify(a)
    b = sympy.sympify(b)
    ta, tb = to_term(a), to_term(b)
    syms = symbols_of(a, b)
    facts = symbol_facts(a, b)
    found, _ = _search(ta, tb, facts, syms, samples, as_rng(rng), adversarial)
    return found


class _Probe:
    """Evaluates candidate points for one pair of terms, counting them and keeping their discrepancies."""

    def __init__(self, ta, tb, syms):
        self.ta, self.tb, self.syms = ta, tb, syms
        self.evaluated = 0
        self.scored: list = []  # [(discrepancy, point)] in evaluation order

    def try_point(self, point):
        """A confirmed :class:`Counterexample` at ``point``, or None."""
        self.evaluated += 1
        d = _discrepancy(self.ta, self.tb, point)
        if d is None:
            return None
        self.scored.append((d, point))
        if d > 1e-9:
            conf = _confirm(self.ta, self.tb, point)
            if conf is not None:
                return Counterexample(_point_to_sympy(point, self.syms), conf[0], conf[1], 80)
        return None


def _random_points(probe: _Probe, names, facts, samples: int, rng):
    """Random points of the domain: real ones first, then complex ones for symbols that may be complex."""
    for i in range(samples):
        allow_complex = i >= samples // 2
        hit = probe.try_point({n: _sample_value(facts[n], rng, allow_complex) for n in names})
        if hit is not None:
            return hit
    return None


def _special_points(probe: _Probe, names, facts, samples: int, rng):
    """Points made of special values (0, +-1, +-2, 1/2, ...) allowed by each symbol's domain."""
    for _ in range(samples // 2):
        point = {}
        for n in names:
            choices = [v for v in _SPECIAL if _in_domain(v, facts[n])]
            point[n] = choices[int(rng.integers(len(choices)))] if choices else _sample_value(facts[n], rng, False)
        hit = probe.try_point(point)
        if hit is not None:
            return hit
    return None


def _perturb(v, step: float, facts: int, rng):
    """A random neighbour of the value ``v`` on the 1/1000 grid (integers stay integers)."""
    if isinstance(v, complex):
        return complex(_q(v.real + rng.normal(0, step)), _q(v.imag + rng.normal(0, step)))
    cand = _q(v + rng.normal(0, step))
    if facts & INTEGER:
        cand = float(round(cand))
    return cand


def _hill_climb(probe: _Probe, names, facts, rng):
    """From the three most discrepant points so far, 30 random steps each towards a larger discrepancy."""
    scored = probe.scored
    scored.sort(key=lambda s: -s[0])
    for _, start in scored[:3]:
        cur = dict(start)
        best = _discrepancy(probe.ta, probe.tb, cur) or 0.0
        step = 1.0
        for _ in range(30):
            n = names[int(rng.integers(len(names)))]
            cand = _perturb(cur[n], step, facts[n], rng)
            if not _in_domain(cand, facts[n]):
                step *= 0.7
                continue
            trial = dict(cur)
            trial[n] = cand
            hit = probe.try_point(trial)
            if hit is not None:
                return hit
            d = scored[-1][0] if scored and scored[-1][1] is trial else None
            if d is not None and d > best:
                cur, best = trial, d
                step *= 1.5
            else:
                step *= 0.7
    return None


def _search(ta, tb, facts, syms, samples, rng, adversarial):
    """``(counterexample or None, points evaluated)``: random, special, then hill-climbing points."""
    names = sorted(facts)
    probe = _Probe(ta, tb, syms)
    hit = _random_points(probe, names, facts, samples, rng)
    if hit is None and names:
        hit = _special_points(probe, names, facts, samples, rng)
        if hit is None and adversarial and probe.scored:
            hit = _hill_climb(probe, names, facts, rng)
    return hit, probe.evaluated


# ---------------------------------------------------------------------------------------------
# the decision procedure


_DEFAULT_LIMITS = Limits(iterations=12, nodes=20_000, time=2.0)
_FORMS_LIMITS = Limits(iterations=6, nodes=5_000, time=2.0)
_HELPER_LIMITS = Limits(iterations=8, nodes=10_000, time=1.0)


def _rule_phases(rules):
    """``(rules, phases)``: the rule list and the rule sets to saturate with, one after the other.

    With the default rules, AC is explosive: the first phase runs without the
    commutativity and associativity rules (the normalising rules do most of
    their work), the second with everything.  Given rules form one phase.
    """
    if rules is None:
        rules = default_rules()
        return rules, [[r for r in rules if not r.name.startswith(("comm-", "assoc-"))], rules]
    rules = list(rules)
    return rules, [rules]


def _saturate_in_phases(egraph: EGraph, phases, limits: Limits, *, goal):
    """Saturate with each phase in turn within one shared time budget; the report of the last phase run.

    A phase that reaches the goal or a node or time limit ends the sequence;
    only a saturated (or iteration-limited) phase hands over to the next.
    """
    report = None
    start = time.perf_counter()
    for phase in phases:
        left = limits.time - (time.perf_counter() - start)
        if left <= 0:
            break
        report = saturate(egraph, phase, limits=replace(limits, time=left), goal=goal)
        if report.stop_reason in ("goal", "node_limit", "time_limit"):
            break
    return report


def equivalent(a, b, *, rules=None, limits: Limits | None = None, samples: int = 64, rng=0) -> EquivalenceResult:
    """Decide whether sympy expressions ``a`` and ``b`` are equal on the domain of their symbols.

    Parameters
    ----------
    a, b : sympy expressions (or anything :func:`sympy.sympify` accepts)
    rules : sequence of Rewrite, optional
        Default :func:`~.rules.default_rules` (sound, domain-guarded).
    limits : Limits, optional
        Saturation limits (default 12 iterations, 20,000 e-nodes, 2 s).
    samples : int
        Random points tried by the counterexample search.
    rng : None, int or numpy Generator
        Seed of the sampler (default 0, so results are reproducible).

    Returns
    -------
    EquivalenceResult
        ``verdict`` in ``{"equal", "different", "unknown"}``.

    Notes
    -----
    A quick float screen runs first; a discrepancy confirmed with mpmath ends
    the call with ``"different"``.  Otherwise both terms go into one e-graph
    (with explanations) and the rules run until the two classes meet
    (``"equal"``), saturation or a limit; then the full sampler (random,
    special and hill-climbing points) looks for a counterexample.

    Examples
    --------
    >>> x, y = sympy.symbols("x y", positive=True)
    >>> equivalent(sympy.log(x**2 * y**3), 2*sympy.log(x) + 3*sympy.log(y)).verdict
    'equal'
    >>> r = equivalent((x + y)**2, x**2 + y**2)
    >>> r.verdict, r.counterexample is not None
    ('different', True)
    >>> z = sympy.Symbol("z")
    >>> equivalent(sympy.sqrt(z**2), z).verdict   # false for z = -1
    'different'
    """
    a = sympy.sympify(a)
    b = sympy.sympify(b)
    if not isinstance(samples, int) or samples < 0:
        raise InvalidArgumentError(f"samples={samples!r} must be a nonnegative int")
    limits = limits or _DEFAULT_LIMITS
    rules, phases = _rule_phases(rules)
    ta, tb = to_term(a), to_term(b)
    syms = symbols_of(a, b)
    facts = symbol_facts(a, b)
    gen = as_rng(rng)
    evaluated = 0
    if samples:
        hit, evaluated = _search(ta, tb, facts, syms, max(8, samples // 4), gen, adversarial=False)
        if hit is not None:
            return EquivalenceResult("different", None, hit, None, evaluated)
    g = EGraph(explain=True, symbol_facts=facts)
    ia = g.add_term(ta)
    ib = g.add_term(tb)
    report = _saturate_in_phases(g, phases, limits, goal=lambda eg: eg.find(ia) == eg.find(ib))
    if g.find(ia) == g.find(ib):
        expl = explain_equivalence(g, ia, ib, rules=rules, symbol_facts=facts)
        return EquivalenceResult("equal", expl, None, report, evaluated)
    if samples:
        hit, more = _search(ta, tb, facts, syms, samples, gen, adversarial=True)
        evaluated += more
        if hit is not None:
            return EquivalenceResult("different", None, hit, report, evaluated)
    return EquivalenceResult("unknown", None, None, report, evaluated)


# ---------------------------------------------------------------------------------------------
# symbolic-regression helpers


@dataclass(frozen=True)
class DedupResult:
    """Groups of candidate indices proved equal, one representative per group, and the saturation reports.

    ``reports`` has one :class:`RunReport` per bucket of numerically
    indistinguishable candidates that needed a saturation run.

    >>> x = sympy.Symbol("x")
    >>> d = deduplicate([x + 1, 1 + x, x])
    >>> d.groups, len(d.reports)
    (((0, 1), (2,)), 1)
    """

    groups: tuple
    representatives: tuple
    reports: tuple


def _saturated_graph(exprs, rules, limits, *, ac=False):
    exprs = [sympy.sympify(e) for e in exprs]
    syms = symbols_of(*exprs)
    g = EGraph(symbol_facts=symbol_facts(*exprs))
    ids = [g.add_term(to_term(e)) for e in exprs]
    rules = default_rules(ac=ac) if rules is None else list(rules)
    report = saturate(g, rules, limits=limits or _HELPER_LIMITS)
    return g, ids, syms, report


def canonical_form(expr, *, rules=None, limits: Limits | None = None):
    """Canonical representative of the e-class of ``expr`` after saturation (smallest, ties by text).

    Equal to ``expr`` (it is in its e-class); two expressions with the same
    canonical form are proved equal, the converse needs saturation to reach
    both, so different forms do not prove a difference.

    Examples
    --------
    >>> x = sympy.Symbol("x", positive=True)
    >>> canonical_form(sympy.log(x**3) - sympy.log(x))
    2*log(x)
    """
    g, ids, syms, _ = _saturated_graph([expr], rules, limits)
    return from_term(canonical_term(g, ids[0]), symbols=syms)


def _fingerprint(term, points):
    out = []
    for pt in points:
        v = evaluate_term(term, pt)
        out.append(v)
    return out


def _same_fingerprint(fa, fb):
    for a, b in zip(fa, fb):
        if (a is None) != (b is None):
            return False
        if a is not None and abs(a - b) > 1e-9 * (1 + abs(a) + abs(b)):
            return False
    return True


def deduplicate(exprs, *, rules=None, limits: Limits | None = None, points: int = 6, rng=0) -> DedupResult:
    """Group candidate expressions into classes of proved-equal expressions (EGG-SR style).

    Candidates are first bucketed by their values at a few random points of
    the domain (numerically different candidates cannot be equal); each
    bucket with several members is then saturated in one e-graph until all
    of them meet or a limit is hit.  Members are grouped only when the
    e-graph proves them equal, never on numerical agreement alone.

    Parameters
    ----------
    exprs : sequence of sympy expressions
    rules, limits : as in :func:`equivalent`
    points : int
        Sample points for the numerical bucketing.
    rng : None, int or Generator

    Returns
    -------
    DedupResult
        ``groups`` (tuples of indices, ordered by first member) and one
        ``representatives`` entry per group: the smallest term of the class
        (ties broken by text) for groups that went through an e-graph, the
        candidate itself otherwise.

    Examples
    --------
    >>> x, y = sympy.symbols("x y", positive=True)
    >>> d = deduplicate([sympy.log(x*y), sympy.log(x) + sympy.log(y), x + y, y + x, x*(y + 1), x*y + x])
    >>> d.groups
    ((0, 1), (2, 3), (4, 5))
    """
    exprs = [sympy.sympify(e) for e in exprs]
    if not isinstance(points, int) or points < 1:
        raise InvalidArgumentError(f"points={points!r} must be a positive int")
    if not exprs:
        return DedupResult((), (), ())
    syms = symbols_of(*exprs)
    facts = symbol_facts(*exprs)
    terms = [to_term(e) for e in exprs]
    gen = as_rng(rng)
    names = sorted(facts)
    pts = [{n: _sample_value(facts[n], gen, allow_complex=False) for n in names} for _ in range(points)]
    prints = [_fingerprint(t, pts) for t in terms]
    buckets: list = []
    for i, fp in enumerate(prints):
        for b in buckets:
            if _same_fingerprint(prints[b[0]], fp):
                b.append(i)
                break
        else:
            buckets.append([i])
    limits = limits or _HELPER_LIMITS
    _, phases = _rule_phases(rules)
    groups = []
    reports = []
    for b in buckets:
        if len(b) == 1:
            groups.append((tuple(b), exprs[b[0]]))
            continue
        g = EGraph(symbol_facts=facts)
        ids = [g.add_term(terms[i]) for i in b]
        rep = _saturate_in_phases(g, phases, limits, goal=lambda eg, ids=ids: len({eg.find(i) for i in ids}) == 1)
        reports.append(rep)
        cls: dict = {}
        for i, cid in zip(b, ids):
            cls.setdefault(g.find(cid), []).append(i)
        for members in cls.values():
            groups.append((tuple(members), from_term(canonical_term(g, ids[b.index(members[0])]), symbols=syms)))
    groups.sort(key=lambda gr: gr[0][0])
    return DedupResult(tuple(gr[0] for gr in groups), tuple(gr[1] for gr in groups), tuple(reports))


def equivalent_forms(
    expr, *, max_size: int = 8, rules=None, limits: Limits | None = None, limit: int = 1000, as_terms: bool = False
) -> list:
    """Expressions proved equal to ``expr`` with at most ``max_size`` AST nodes (binary + and *).

    By default the e-graph's terms are turned into sympy expressions (which
    sympy then normalises) and duplicates are dropped; ``as_terms=True`` gives
    every syntactic variant as a term instead (e.g. both ``x + y`` and
    ``y + x``).  Saturation uses the full rule set, AC included, with small
    default limits (6 iterations, 5,000 e-nodes).

    Examples
    --------
    >>> x, y = sympy.symbols("x y")
    >>> forms = equivalent_forms(x * (y + 1), max_size=7)
    >>> x*y + x in forms
    True
    >>> len(equivalent_forms(x + y, max_size=3, as_terms=True))
    2
    """
    g, ids, syms, _ = _saturated_graph([expr], rules, limits or _FORMS_LIMITS, ac=True)
    terms = enumerate_terms(g, ids[0], max_size=max_size, limit=limit)
    if as_terms:
        return terms
    out = []
    seen = set()
    for t in terms:
        e = from_term(t, symbols=syms)
        if e not in seen:
            seen.add(e)
            out.append(e)
    return out
