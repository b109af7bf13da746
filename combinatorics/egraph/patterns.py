"""Patterns, compiled e-matching and (conditional) rewrite rules.

A pattern is a term in which some leaves are variables (strings starting with
``?``).  Patterns are written as s-expressions, ``"(+ ?a (* ?b ?c))"``, with
rational literals (``2``, ``-1``, ``1/2``) and bare symbol names.  Matching is
exact and syntactic modulo the e-graph: a variable binds to an e-class, and a
match is a proof that the matched class contains an instance of the pattern.

Notes
-----
Each left-hand side is compiled once into a Python function made of nested
loops (one per operator in the pattern) that walks the per-class operator
index of the e-graph: the root loop runs over the classes that hold the root
operator only, and each inner loop over the nodes with the required operator
inside one child class.  Literal children are compared with the id of the
literal's class, repeated variables with the id bound earlier.  Each
candidate carries a flag telling whether any of its nodes joined its class
since the rule last ran; old candidates are skipped (semi-naive matching, as
in egglog), so a saturated region costs a loop iteration, not a rewrite.

Guards are small declarative formulas over the domain analysis, for instance
``("and", ("positive", "?x"), ("nonzero", "?y"))``.  Being data rather than
code, they can be re-checked on terms when an explanation is verified.
"""

from __future__ import annotations

import itertools
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Callable, NamedTuple

from mathref.caches import register
from mathref.errors import InvalidArgumentError, InvalidTypeError
from mathref.validation import check_fields

from ._validate import check_egraph, check_pattern, check_term, check_variables
from .analyses import EVEN, INTEGER, NEGATIVE, NONNEGATIVE, NONPOSITIVE, NONZERO, ODD, POSITIVE, REAL
from .terms import LEAF_OPS

if TYPE_CHECKING:
    from .core import EGraph

__all__ = [
    "parse_pattern",
    "pattern_vars",
    "Rewrite",
    "rewrite",
    "compile_matcher",
    "instantiate",
    "match_term",
    "instantiate_term",
    "check_guard",
    "FACT_NAMES",
]

FACT_NAMES = {
    "real": REAL,
    "positive": POSITIVE,
    "nonnegative": NONNEGATIVE,
    "negative": NEGATIVE,
    "nonzero": NONZERO,
    "integer": INTEGER,
    "even": EVEN,
    "odd": ODD,
    "nonpositive": NONPOSITIVE,
}


_GUARD_ATOMS = ("const", "nonconst", "int_const", "even_const", "pos_const")


def check_guard_spec(guard: tuple | None, variables: Sequence[str] | None = None, name: str = "guard") -> None:
    """Raise unless ``guard`` is None or a declarative guard over ``variables`` (any, when None).

    >>> check_guard_spec(("and", ("positive", "?a"), ("not", ("const", "?a"))), ("?a",))
    >>> check_guard_spec(("positive", "?b"), ("?a",))
    Traceback (most recent call last):
    ...
    mathref.errors.InvalidArgumentError: guard: variable '?b' is not bound by the pattern (variables ('?a',))
    """
    if guard is None:
        return
    stack = [guard]
    while stack:
        g = stack.pop()
        if not isinstance(g, tuple) or not g or not isinstance(g[0], str):
            raise InvalidTypeError(f"{name}: {g!r:.60} is not a guard: use (fact, '?x'), ('const', '?x'), "
                                   "('and', ...), ('or', ...) or ('not', g)")
        head = g[0]
        if head in ("and", "or"):
            if len(g) < 2:
                raise InvalidArgumentError(f"{name}: {head!r} needs at least one operand")
            stack.extend(g[1:])
        elif head == "not":
            if len(g) != 2:
                raise InvalidArgumentError(f"{name}: 'not' takes one operand")
            stack.append(g[1])
        elif head in FACT_NAMES or head in _GUARD_ATOMS:
            if len(g) != 2 or not isinstance(g[1], str):
                raise InvalidArgumentError(f"{name}: {g!r:.60} must be ({head!r}, '?var')")
            if variables is not None and g[1] not in variables:
                raise InvalidArgumentError(f"{name}: variable {g[1]!r} is not bound by the pattern "
                                           f"(variables {tuple(variables)!r})")
        else:
            raise InvalidArgumentError(f"{name}: unknown guard atom {head!r}; facts are {sorted(FACT_NAMES)}, "
                                       f"constant tests {list(_GUARD_ATOMS)}")



def _tokenize(text: str):
    return text.replace("(", " ( ").replace(")", " ) ").split()


def parse_pattern(text: str) -> tuple:
    """Parse an s-expression pattern into a nested tuple.

    Variables stay strings (``"?x"``), numbers become ``("num", Fraction)``,
    other atoms become symbols ``("sym", name)`` (``pi`` becomes ``("pi",)``).

    Examples
    --------
    >>> parse_pattern("(* ?a (+ ?b 1/2))")
    ('*', '?a', ('+', '?b', ('num', Fraction(1, 2))))
    """
    if not isinstance(text, str):
        raise InvalidTypeError(f"text={text!r} must be a string")
    toks = _tokenize(text)
    if not toks:
        raise InvalidArgumentError("text is empty: expected an s-expression such as '(+ ?a ?b)'")
    pos = 0

    def atom(tok):
        if tok.startswith("?"):
            return tok
        try:
            return ("num", Fraction(tok))
        except ValueError:
            pass
        if tok in ("pi", "I"):
            return (tok,)
        return ("sym", tok)

    def parse():
        nonlocal pos
        tok = toks[pos]
        pos += 1
        if tok == "(":
            op = toks[pos]
            pos += 1
            args = []
            while toks[pos] != ")":
                args.append(parse())
                if pos >= len(toks):
                    raise InvalidArgumentError(f"text={text!r}: unbalanced parentheses")
            pos += 1
            return (op, *args)
        if tok == ")":
            raise InvalidArgumentError(f"text={text!r}: unexpected ')'")
        return atom(tok)

    try:
        out = parse()
    except IndexError:
        raise InvalidArgumentError(f"text={text!r}: unbalanced parentheses") from None
    if pos != len(toks):
        raise InvalidArgumentError(f"text={text!r}: trailing tokens after the pattern")
    return out


def pattern_vars(pattern: tuple | str) -> list[str]:
    """Variables of a pattern in first-occurrence (depth-first) order.

    >>> pattern_vars(parse_pattern("(+ ?b (* ?a ?b))"))
    ['?b', '?a']
    """
    if not isinstance(pattern, str):
        check_pattern(pattern)
    elif not pattern.startswith("?"):
        raise InvalidTypeError(f"pattern={pattern!r:.60} is a string: parse it with parse_pattern first")
    out = []

    def walk(p):
        if isinstance(p, str):
            if p not in out:
                out.append(p)
        elif p[0] not in LEAF_OPS:
            for q in p[1:]:
                walk(q)

    walk(pattern)
    return out


# ---------------------------------------------------------------------------------------------
# the pattern compiler: each pattern becomes Python source, generated whole and compiled once.
# Generated code reads the e-graph only through its internal interface (classes, op_index,
# memo, parent_array, find, add, union), bound to locals once per call.

_INDENT = "    "


class _CompiledCache:
    """A bounded, thread-safe, registered cache of compiled functions (matchers, builders, guards).

    Compiling is deterministic, so two threads that miss at once compile equal
    functions; the first one published is kept (``setdefault`` under the lock).
    The cached functions hold no mutable state, so sharing them is safe.
    """

    def __init__(self, name: str, maxsize: int = 2048):
        self._data: OrderedDict = OrderedDict()
        self._lock = threading.Lock()
        self._maxsize = maxsize
        register(name, self.clear, self.info)

    def get(self, key):
        with self._lock:
            hit = self._data.get(key)
            if hit is not None:
                self._data.move_to_end(key)
            return hit

    def put(self, key, value):
        with self._lock:
            value = self._data.setdefault(key, value)
            while len(self._data) > self._maxsize:
                self._data.popitem(last=False)
            return value

    def clear(self):
        with self._lock:
            self._data.clear()

    def info(self) -> dict:
        return {"currsize": len(self._data), "maxsize": self._maxsize}


_COMPILED = _CompiledCache("combinatorics.egraph.matchers")


def _newer(nodes: dict, since: int):
    """Items stamped ``>= since``; the dicts are kept sorted by stamp, so scan from the end."""
    for item in reversed(nodes.items()):
        if item[1] < since:
            return
        yield item


class _Loop(NamedTuple):
    """One loop of a generated matcher: over the ``op`` nodes of the class ``source`` (None: the root).

    ``checks`` are the lines that test or bind the leaf children of the loop's
    node (variables and literals); the loop's e-node is ``n{index}``.
    """

    index: int
    op: str
    source: str | None
    checks: tuple


class _MatcherPlan(NamedTuple):
    """A left-hand side laid out for code generation: nested loops in depth-first order."""

    loops: tuple
    literals: tuple  # leaf patterns compared by the id of their class (``K[i]``)
    bindings: str  # source of the tuple of bound ids, in the order of :func:`pattern_vars`


def _plan_matcher(pattern) -> _MatcherPlan:
    """Lay out a pattern as a chain of nested loops, one per operator node, in depth-first order.

    Each loop first checks its node's leaf children (cheap rejections) before
    the next loop opens, so every loop is nested inside the previous one.
    """
    loops: list = []
    bound: dict = {}
    literals: list = []

    def leaf_checks(pnode, nvar):
        checks = []
        for k, child in enumerate(pnode[1:], start=1):
            if isinstance(child, str):
                if child in bound:
                    checks.append(f"if {nvar}[{k}] != {bound[child]}: continue")
                else:
                    bound[child] = f"v{len(bound)}"
                    checks.append(f"{bound[child]} = {nvar}[{k}]")
            elif child[0] in LEAF_OPS:
                if child not in literals:
                    literals.append(child)
                checks.append(f"if {nvar}[{k}] != K[{literals.index(child)}]: continue")
        return tuple(checks)

    def visit(pnode, source):
        j = len(loops)
        loops.append(_Loop(j, pnode[0], source, leaf_checks(pnode, f"n{j}")))
        for k, child in enumerate(pnode[1:], start=1):
            if not isinstance(child, str) and child[0] not in LEAF_OPS:
                visit(child, f"n{j}[{k}]")

    visit(pattern, None)
    names = [bound[v] for v in pattern_vars(pattern)]
    bindings = "(" + ", ".join(names) + ("," if len(names) == 1 else "") + ")"
    return _MatcherPlan(tuple(loops), tuple(literals), bindings)


def _matcher_lines(plan: _MatcherPlan) -> list:
    """Source lines of ``search(eg, since)`` for a planned pattern.

    Every loop but the innermost carries a flag ``f{j}``: does the candidate use
    a node stamped ``>= since``?  The innermost loop comes in two variants
    chosen by the enclosing flag: all nodes (the candidate is new already), or
    only the new ones, scanned from the end of the stamp-sorted dict up to the
    first old node.  A pattern with a single operator restricts the root loop
    itself to new nodes.
    """
    loops, last = plan.loops, len(plan.loops) - 1
    append = f"out.append((c0, {plan.bindings}))"
    lines = ["def search(eg, since):", "    classes = eg.classes", "    out = []"]
    if plan.literals:
        lines += [
            "    K = []",
            "    for leaf in LITERALS:",
            "        hit = eg.memo.get(leaf)",
            "        if hit is None: return []",
            "        K.append(eg.find(hit))",
        ]

    def emit(depth, *texts):
        lines.extend(_INDENT * depth + t for t in texts)

    root = loops[0]
    emit(1, f"for c0 in list(eg.op_index.get({root.op!r}, ())):")
    if last == 0:
        emit(2, f"for n0, t0 in reversed(classes[c0].by_op[{root.op!r}].items()):", "    if t0 < since: break")
        emit(3, *root.checks, append)
        return lines
    emit(2, f"for n0, t0 in classes[c0].by_op[{root.op!r}].items():")
    emit(3, "f0 = t0 >= since", *root.checks)
    for loop in loops[1:last]:
        j, depth = loop.index, 2 + loop.index
        emit(depth, f"d{j} = classes[{loop.source}].by_op.get({loop.op!r}, EMPTY)")
        emit(depth, f"for n{j}, t{j} in (d{j}.items() if f{j - 1} else newer(d{j}, since)):")
        emit(depth + 1, f"f{j} = f{j - 1} or t{j} >= since", *loop.checks)
    inner = loops[last]
    j, depth = inner.index, 2 + inner.index
    emit(depth, f"d{j} = classes[{inner.source}].by_op.get({inner.op!r}, EMPTY)", f"if f{j - 1}:")
    emit(depth + 1, f"for n{j} in d{j}:")
    emit(depth + 2, *inner.checks, append)
    emit(depth, "else:")
    emit(depth + 1, f"for n{j}, t{j} in reversed(d{j}.items()):", f"    if t{j} < since: break")
    emit(depth + 2, *inner.checks, append)
    return lines


def compile_matcher(pattern: tuple) -> Callable:
    """Compile a pattern into ``search(egraph, since) -> [(root, bindings)]``.

    ``bindings`` is a tuple of class ids in the order of :func:`pattern_vars`;
    only matches that use at least one node stamped ``>= since`` are returned.
    The generated source is kept as ``search.source``.

    Examples
    --------
    >>> from mathref.combinatorics.egraph import EGraph
    >>> g = EGraph()
    >>> r = g.add_term(("+", ("sym", "x"), ("+", ("sym", "y"), ("sym", "z"))))
    >>> search = compile_matcher(parse_pattern("(+ ?a (+ ?b ?c))"))
    >>> [root == r for root, _ in search(g, 0)]
    [True]
    """
    key = pattern
    try:
        hit = _COMPILED.get(key)
    except TypeError:
        raise InvalidTypeError(f"pattern={pattern!r:.60} must be a parsed pattern (a tuple)") from None
    if hit is not None:
        return hit
    if not isinstance(pattern, str):
        check_pattern(pattern)
    if isinstance(pattern, str) or pattern[0] in LEAF_OPS:
        raise InvalidArgumentError(f"pattern={pattern!r}: the left-hand side must have an operator at its root")
    plan = _plan_matcher(pattern)
    src = "\n".join(_matcher_lines(plan) + ["    return out"])
    namespace = {"EMPTY": {}, "LITERALS": plan.literals, "newer": _newer}
    exec(compile(src, f"<matcher {pattern!r}>", "exec"), namespace)
    fn = namespace["search"]
    fn.source = src
    return _COMPILED.put(key, fn)


_BUILDERS = _CompiledCache("combinatorics.egraph.builders")


def _build_steps(pattern, variables, literals: list) -> tuple:
    """Unindented lines that add the instance of ``pattern`` with inline hash-cons probes, and its id's name.

    Bound ids are ``v0, v1, ...`` (canonical); every node is looked up in the
    hash-cons first and only added when new; ids found there are canonicalised
    only if the union-find says they are stale (``P[h] != h``).  Literal leaves
    are collected in ``literals`` (the generated code reads them as ``L[i]``).
    """
    lines: list = []
    names = itertools.count(1)

    def literal(leaf):
        if leaf not in literals:
            literals.append(leaf)
        return literals.index(leaf)

    def gen(p):
        if isinstance(p, str):
            return f"v{variables.index(p)}"
        if p[0] in LEAF_OPS:
            j = literal(p)
            name = f"i{next(names)}"
            lines.append(f"h = memo.get(L[{j}])")
            lines.append(f"{name} = add(L[{j}]) if h is None else find(h)")
            return name
        kids = [gen(q) for q in p[1:]]  # children first: their ids are the node's children
        name = f"i{next(names)}"
        lines.append(f"k = ({p[0]!r}, {', '.join(kids)}{',' if len(kids) == 0 else ''})")
        lines.append("h = memo.get(k)")
        # the union-find walk inlined (path halving, as in EGraph.find): most probes hit canonical ids,
        # and a call per probe was the largest cost of AC saturation
        lines.append("if h is None:")
        lines.append(f"    {name} = addc(k)")
        lines.append("else:")
        lines.append("    while P[h] != h: P[h] = P[P[h]]; h = P[h]")
        lines.append(f"    {name} = h")
        return name

    out = gen(pattern)
    return lines, out


def _bind_lines(variables) -> list:
    """Unindented lines that read the bindings and canonicalise the stale ones."""
    lines = []
    for i in range(len(variables)):
        lines.append(f"v{i} = bs[{i}]")
        lines.append(f"while P[v{i}] != v{i}: P[v{i}] = P[P[v{i}]]; v{i} = P[v{i}]")
    return lines


_BUILDER_LOCALS = ["find = eg.find", "memo = eg.memo", "add = eg.add", "addc = eg.add_canonical", "P = eg.parent_array"]


def _builder_source(steps, out) -> list:
    """``build(eg, bs) -> id``: one right-hand side, canonicalising and probing the hash-cons inline."""
    return ["def build(eg, bs):"] + [_INDENT + ln for ln in _BUILDER_LOCALS + steps + [f"return {out}"]]


def _batch_source(fn_name: str, steps, out, *, guarded: bool) -> list:
    """``fn_name(eg, matches, name, cap, guard, deferred) -> (applied, hit_cap)``: the builder in a loop over matches.

    Each match's right-hand side is built and unioned with its root (the union
    inlined); a guarded batch first tests ``guard(eg, bs)`` and files matches
    that fail it in ``deferred`` (they are retried when the analysis learns
    more).  The batch stops as soon as the hash-cons grows past ``cap``.
    """
    head = [_INDENT + ln for ln in _BUILDER_LOCALS + ["union = eg.union", "n = 0", "for root, bs in matches:"]]
    check = ["if not guard(eg, bs):", "    deferred[(root, bs)] = None", "    continue"] if guarded else []
    tail = [
        f"res = {out}",
        "while P[root] != root: P[root] = P[P[root]]; root = P[root]",
        "if root != res:",
        "    union(root, res, name)",
        "n += 1",
        "if len(memo) > cap:",
        "    return n, True",
    ]
    body = [2 * _INDENT + ln for ln in check + steps + tail]
    return [f"def {fn_name}(eg, matches, name, cap, guard, deferred):"] + head + body + [_INDENT + "return n, False"]


def _plain_builder_source(pattern, variables, literals: list) -> list:
    """``build_plain(eg, bs) -> id``: every node through ``add`` (explain mode keeps non-canonical ids)."""

    def gen(p):
        if isinstance(p, str):
            return f"v{variables.index(p)}"
        if p[0] in LEAF_OPS:
            if p not in literals:
                literals.append(p)
            return f"add(L[{literals.index(p)}])"
        kids = [gen(q) for q in p[1:]]
        return f"add(({p[0]!r}, {', '.join(kids)}{',' if len(kids) == 1 else ''}))"

    lines = ["def build_plain(eg, bs):", "    add = eg.add"]
    lines += [f"    v{i} = bs[{i}]" for i in range(len(variables))]
    return lines + [f"    return {gen(pattern)}"]


def compile_builder(pattern: tuple | str, variables: Sequence[str]) -> Callable:
    """Compile a right-hand side into ``build(egraph, bindings) -> id`` (no explanations).

    ``bindings`` is a tuple of ids in the order of ``variables``.  The
    generated code canonicalises children and probes the hash-cons inline,
    calling :meth:`EGraph.add` only for nodes that are new.  The function
    carries three relatives, each generated whole: ``apply_all`` and
    ``apply_all_unguarded`` (the builder in a loop over a batch of matches,
    with and without a guard test) and ``build_plain`` (every node through
    ``add``, for explain mode); the source of all four is ``build.source``.

    >>> from mathref.combinatorics.egraph import EGraph
    >>> g = EGraph(); x = g.add_term(("sym", "x"))
    >>> build = compile_builder(parse_pattern("(+ ?a 1)"), ("?a",))
    >>> g.find(build(g, (x,))) == g.lookup_term(("+", ("sym", "x"), ("num", 1)))
    True
    """
    try:
        key = (pattern, tuple(variables))
        hit = _BUILDERS.get(key)
    except TypeError:
        raise InvalidTypeError(f"pattern={pattern!r:.60} must be a parsed pattern and variables a tuple of "
                               "'?var' strings") from None
    if hit is not None:
        return hit
    variables = check_variables(variables)
    if isinstance(pattern, str):
        if pattern not in variables:
            raise InvalidArgumentError(f"pattern={pattern!r:.60} is not one of the variables {variables!r}")
    else:
        check_pattern(pattern)
        missing = [v for v in pattern_vars(pattern) if v not in variables]
        if missing:
            raise InvalidArgumentError(f"pattern uses {missing}, which are not among the variables {variables!r}")
    literals: list = []
    steps, out = _build_steps(pattern, variables, literals)
    steps = _bind_lines(variables) + steps
    parts = [
        _builder_source(steps, out),
        _batch_source("apply_all", steps, out, guarded=True),
        _batch_source("apply_all_unguarded", steps, out, guarded=False),
        _plain_builder_source(pattern, variables, literals),
    ]
    src = "\n\n".join("\n".join(p) for p in parts)
    ns = {"L": tuple(literals)}
    exec(compile(src, f"<builder {pattern!r}>", "exec"), ns)
    fn = ns["build"]
    fn.source = src
    fn.apply_all = ns["apply_all"]
    fn.apply_all_unguarded = ns["apply_all_unguarded"]
    fn.build_plain = ns["build_plain"]
    return _BUILDERS.put(key, fn)


def _instantiate(egraph, pattern, subst: dict) -> int:
    """Add the instance of ``pattern`` under ``subst`` (variable -> id); return its id.

    >>> from mathref.combinatorics.egraph import EGraph
    >>> g = EGraph(); x = g.add_term(("sym", "x"))
    >>> i = instantiate(g, parse_pattern("(* ?a 1)"), {"?a": x})
    >>> g.find(i) == g.find(g.add_term(("*", ("sym", "x"), ("num", 1))))
    True
    """
    if isinstance(pattern, str):
        return subst[pattern]
    op = pattern[0]
    if op in LEAF_OPS:
        return egraph.add(pattern)
    return egraph.add((op,) + tuple(_instantiate(egraph, p, subst) for p in pattern[1:]))


def _match_term(pattern, term, subst: dict | None = None):
    """Syntactic match of a pattern against a term; returns ``{var: subterm}`` or None.

    >>> match_term(parse_pattern("(+ ?a ?a)"), ("+", ("sym", "x"), ("sym", "x")))
    {'?a': ('sym', 'x')}
    """
    subst = {} if subst is None else subst
    if isinstance(pattern, str):
        old = subst.get(pattern)
        if old is None:
            subst[pattern] = term
            return subst
        return subst if old == term else None
    if pattern[0] != term[0] or len(pattern) != len(term):
        return None
    if pattern[0] in LEAF_OPS:
        return subst if pattern == term else None
    for p, t in zip(pattern[1:], term[1:]):
        if _match_term(p, t, subst) is None:
            return None
    return subst


def _instantiate_term(pattern, subst: dict):
    """The term obtained by substituting ``subst`` into ``pattern``.

    >>> instantiate_term(parse_pattern("(* 2 ?a)"), {"?a": ("sym", "x")})
    ('*', ('num', Fraction(2, 1)), ('sym', 'x'))
    """
    if isinstance(pattern, str):
        return subst[pattern]
    if pattern[0] in LEAF_OPS:
        return pattern
    return (pattern[0],) + tuple(_instantiate_term(p, subst) for p in pattern[1:])


def _check_guard(guard, facts_of: Callable, const_of: Callable) -> bool:
    """Evaluate a declarative guard given ``facts_of(var)`` and ``const_of(var)``.

    Atoms are ``(fact, var)`` with fact in :data:`FACT_NAMES`, ``("const", var)``
    (a known rational), ``("int_const", var)``, ``("even_const", var)``,
    ``("pos_const", var)``; combinators ``("and", ...)``, ``("or", ...)``,
    ``("not", g)``.

    >>> check_guard(("or", ("positive", "?x"), ("const", "?x")), lambda v: POSITIVE, lambda v: None)
    True
    """
    if guard is None:
        return True
    head = guard[0]
    if head == "and":
        return all(_check_guard(g, facts_of, const_of) for g in guard[1:])
    if head == "or":
        return any(_check_guard(g, facts_of, const_of) for g in guard[1:])
    if head == "not":
        return not _check_guard(guard[1], facts_of, const_of)
    var = guard[1]
    if head in FACT_NAMES:
        return bool(facts_of(var) & FACT_NAMES[head])
    c = const_of(var)
    if head == "const":
        return c is not None
    if head == "int_const":
        return c is not None and c.denominator == 1
    if head == "even_const":
        return c is not None and c.denominator == 1 and c.numerator % 2 == 0
    if head == "pos_const":
        return c is not None and c > 0
    if head == "nonconst":
        return c is None
    raise InvalidArgumentError(f"guard={guard!r}: unknown guard atom {head!r}")


def _check_subst(subst, *, ids: bool) -> dict:
    if not isinstance(subst, dict):
        what = "id" if ids else "term"
        raise InvalidTypeError(f"subst must be a dict {{'?var': {what}}}, got {type(subst).__name__}")
    for k, v in subst.items():
        if not isinstance(k, str) or not k.startswith("?"):
            raise InvalidTypeError(f"subst keys must be pattern variables such as '?a', got {k!r:.60}")
        if ids:
            if isinstance(v, bool) or not isinstance(v, int):
                raise InvalidTypeError(f"subst[{k!r}] must be an e-class id (int), got {v!r:.60}")
        else:
            check_term(v, f"subst[{k!r}]")
    return subst


def _check_bound(pattern, subst):
    if isinstance(pattern, str) and not pattern.startswith("?"):
        raise InvalidTypeError(f"pattern={pattern!r:.60} is a string: parse it with parse_pattern first")
    missing = [v for v in pattern_vars(pattern) if v not in subst]
    if missing:
        raise InvalidArgumentError(f"subst binds no value for {missing}")


def instantiate(egraph: EGraph, pattern: tuple | str, subst: dict) -> int:
    """Add the instance of ``pattern`` under ``subst`` (variable -> id); return its id.

    >>> from mathref.combinatorics.egraph import EGraph
    >>> g = EGraph(); x = g.add_term(("sym", "x"))
    >>> i = instantiate(g, parse_pattern("(* ?a 1)"), {"?a": x})
    >>> g.find(i) == g.find(g.add_term(("*", ("sym", "x"), ("num", 1))))
    True
    """
    check_egraph(egraph)
    _check_subst(subst, ids=True)
    _check_bound(pattern, subst)
    n = len(egraph.parent_array)
    for k, v in subst.items():
        if not 0 <= v < n:
            raise InvalidArgumentError(f"subst[{k!r}]={v} is not a class id of this e-graph (ids 0 .. {n - 1})")
    return _instantiate(egraph, pattern, subst)


def match_term(pattern: tuple | str, term: tuple, subst: dict | None = None) -> dict | None:
    """Syntactic match of a pattern against a term; returns ``{var: subterm}`` or None.

    >>> match_term(parse_pattern("(+ ?a ?a)"), ("+", ("sym", "x"), ("sym", "x")))
    {'?a': ('sym', 'x')}
    """
    if isinstance(pattern, str) and not pattern.startswith("?"):
        raise InvalidTypeError(f"pattern={pattern!r:.60} is a string: parse it with parse_pattern first")
    if not isinstance(pattern, str):
        check_pattern(pattern)
    check_term(term)
    if subst is not None:
        _check_subst(subst, ids=False)
    return _match_term(pattern, term, subst)


def instantiate_term(pattern: tuple | str, subst: dict) -> tuple:
    """The term obtained by substituting ``subst`` into ``pattern``.

    >>> instantiate_term(parse_pattern("(* 2 ?a)"), {"?a": ("sym", "x")})
    ('*', ('num', Fraction(2, 1)), ('sym', 'x'))
    """
    _check_subst(subst, ids=False)
    _check_bound(pattern, subst)
    return _instantiate_term(pattern, subst)


def check_guard(guard: tuple | None, facts_of: Callable, const_of: Callable) -> bool:
    """Evaluate a declarative guard given ``facts_of(var)`` and ``const_of(var)``.

    Atoms are ``(fact, var)`` with fact in :data:`FACT_NAMES`, ``("const", var)``
    (a known rational), ``("int_const", var)``, ``("even_const", var)``,
    ``("pos_const", var)``, ``("nonconst", var)``; combinators ``("and", ...)``,
    ``("or", ...)``, ``("not", g)``.

    >>> check_guard(("or", ("positive", "?x"), ("const", "?x")), lambda v: POSITIVE, lambda v: None)
    True
    """
    check_guard_spec(guard)
    if not callable(facts_of) or not callable(const_of):
        raise InvalidTypeError("facts_of and const_of must be callables taking a pattern variable")
    return _check_guard(guard, facts_of, const_of)


_GUARDS = _CompiledCache("combinatorics.egraph.guards")


def compile_guard(guard: tuple | None, variables: Sequence[str]) -> Callable:
    """Compile a declarative guard into ``f(egraph, bindings) -> bool`` reading the analyses directly.

    >>> from mathref.combinatorics.egraph import EGraph
    >>> g = EGraph(); one = g.add_term(("num", 1))
    >>> compile_guard(("and", ("positive", "?a"), ("int_const", "?a")), ("?a",))(g, (one,))
    True
    """
    try:
        key = (guard, tuple(variables))
        hit = _GUARDS.get(key)
    except TypeError:
        raise InvalidTypeError(f"guard={guard!r:.60} must be a tuple guard and variables a tuple of "
                               "'?var' strings") from None
    if hit is not None:
        return hit
    variables = check_variables(variables)
    check_guard_spec(guard, variables)
    if guard is None:
        fn = lambda eg, bs: True  # noqa: E731
        return _GUARDS.put(key, fn)

    def gen(g):
        head = g[0]
        if head in ("and", "or"):
            return "(" + f" {head} ".join(gen(q) for q in g[1:]) + ")"
        if head == "not":
            return f"(not {gen(g[1])})"
        i = variables.index(g[1])
        cls = f"C[find(bs[{i}])]"
        if head in FACT_NAMES:
            return f"bool({cls}.facts & {FACT_NAMES[head]})"
        if head == "const":
            return f"({cls}.const is not None)"
        if head == "nonconst":
            return f"({cls}.const is None)"
        if head == "int_const":
            return f"_int({cls}.const)"
        if head == "even_const":
            return f"_even({cls}.const)"
        if head == "pos_const":
            return f"_pos({cls}.const)"
        raise InvalidArgumentError(f"guard={guard!r}: unknown guard atom {head!r}")

    src = "def guard(eg, bs):\n    C = eg.classes\n    find = eg.find\n    return " + gen(guard)
    ns = {
        "_int": lambda c: c is not None and c.denominator == 1,
        "_even": lambda c: c is not None and c.denominator == 1 and c.numerator % 2 == 0,
        "_pos": lambda c: c is not None and c > 0,
    }
    exec(compile(src, f"<guard {guard!r}>", "exec"), ns)
    fn = ns["guard"]
    return _GUARDS.put(key, fn)


@dataclass(frozen=True)
class Rewrite:
    """A rewrite rule ``lhs -> rhs`` valid wherever ``guard`` holds.

    Either ``rhs`` is a pattern, or ``applier(egraph, root, subst)`` builds the
    right-hand side itself and returns ``[(lhs_id, rhs_id)]`` pairs to merge
    (used for the AC-normalising rules).  ``incremental=False`` makes the
    runner offer every match each iteration instead of only new ones.

    Examples
    --------
    >>> r = rewrite("log-exp", "(log (exp ?x))", "?x", guard=("real", "?x"))
    >>> r.variables
    ('?x',)
    """

    name: str
    lhs: tuple
    rhs: object = None
    guard: tuple | None = None
    applier: Callable | None = None
    incremental: bool = True
    variables: tuple = field(default=(), compare=False)
    check: Callable | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        check_fields(self)  # a constructor given garbage raises at once

    def search(self, egraph: EGraph, since: int = 0) -> list[tuple[int, tuple[int, ...]]]:
        """Matches ``[(root, bindings)]`` with a node stamped ``>= since``."""
        return compile_matcher(self.lhs)(egraph, since)

    def guard_holds_fn(self) -> Callable[[EGraph, tuple[int, ...]], bool]:
        """``f(egraph, bindings) -> bool`` evaluating the guard (compiled; for batch appliers)."""
        return compile_guard(self.guard, self.variables)

    def guard_holds(self, egraph: EGraph, bindings: tuple[int, ...]) -> bool:
        """Evaluate the guard on the e-class analyses of a match."""
        if self.guard is None:
            return True
        return compile_guard(self.guard, self.variables)(egraph, bindings)


def rewrite(name: str, lhs: str | tuple, rhs: str | tuple | None = None, *, guard: tuple | None = None,
            applier: Callable[..., list[tuple[int, int]]] | None = None, incremental: bool = True,
            check: Callable[..., object] | None = None) -> Rewrite:
    """Build a :class:`Rewrite` from s-expressions (or already parsed patterns).

    Every variable of ``rhs`` must occur in ``lhs``.

    >>> rewrite("comm-add", "(+ ?a ?b)", "(+ ?b ?a)").lhs
    ('+', '?a', '?b')
    """
    lhs_p = parse_pattern(lhs) if isinstance(lhs, str) else lhs
    rhs_p = parse_pattern(rhs) if isinstance(rhs, str) else rhs
    variables = tuple(pattern_vars(lhs_p))
    if rhs_p is not None:
        extra = [v for v in pattern_vars(rhs_p) if v not in variables]
        if extra:
            raise InvalidArgumentError(f"rule {name!r}: rhs variables {extra} do not occur in lhs")
    elif applier is None:
        raise InvalidArgumentError(f"rule {name!r}: give an rhs pattern or an applier")
    compile_matcher(lhs_p)
    return Rewrite(name, lhs_p, rhs_p, guard, applier, incremental, variables, check)
