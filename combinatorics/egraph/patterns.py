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

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Callable

from .core import INTEGER, LEAF_OPS, NEGATIVE, NONNEGATIVE, NONZERO, POSITIVE, REAL

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
}


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
        raise TypeError(f"text={text!r} must be a string")
    toks = _tokenize(text)
    if not toks:
        raise ValueError("text is empty: expected an s-expression such as '(+ ?a ?b)'")
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
                    raise ValueError(f"text={text!r}: unbalanced parentheses")
            pos += 1
            return (op, *args)
        if tok == ")":
            raise ValueError(f"text={text!r}: unexpected ')'")
        return atom(tok)

    try:
        out = parse()
    except IndexError:
        raise ValueError(f"text={text!r}: unbalanced parentheses") from None
    if pos != len(toks):
        raise ValueError(f"text={text!r}: trailing tokens after the pattern")
    return out


def pattern_vars(pattern) -> list:
    """Variables of a pattern in first-occurrence (depth-first) order.

    >>> pattern_vars(parse_pattern("(+ ?b (* ?a ?b))"))
    ['?b', '?a']
    """
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


_COMPILED: dict = {}


def _newer(nodes: dict, since: int):
    """Items stamped ``>= since``; the dicts are kept sorted by stamp, so scan from the end."""
    for item in reversed(nodes.items()):
        if item[1] < since:
            return
        yield item


def compile_matcher(pattern) -> Callable:
    """Compile a pattern into ``search(egraph, since) -> [(root, bindings)]``.

    ``bindings`` is a tuple of class ids in the order of :func:`pattern_vars`;
    only matches that use at least one node stamped ``>= since`` are returned.

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
    hit = _COMPILED.get(key)
    if hit is not None:
        return hit
    if isinstance(pattern, str) or pattern[0] in LEAF_OPS:
        raise ValueError(f"pattern={pattern!r}: the left-hand side must have an operator at its root")
    variables = pattern_vars(pattern)
    literals: list = []
    lines = ["def search(eg, since):"]
    lines.append("    classes = eg._classes")
    lines.append("    out = []")
    ind = "    "
    lit_lines = []
    bound: dict = {}
    counter = [0]

    def lit_index(leaf):
        if leaf not in literals:
            literals.append(leaf)
        return literals.index(leaf)

    body: list = []

    def emit(depth, text):
        body.append(ind * depth + text)

    root_op = pattern[0]
    emit(1, f"for c0 in list(eg._op_index.get({root_op!r}, ())):")
    emit(2, f"for n0, t0 in classes[c0].by_op[{root_op!r}].items():")
    emit(3, "f0 = t0 >= since")
    depth = 3
    # queue of (pattern node, name of the python variable holding the e-node)
    flag = "f0"

    def handle(pnode, nvar, depth, flag):
        # leaves first: cheap rejections before opening inner loops
        for k, child in enumerate(pnode[1:], start=1):
            if isinstance(child, str):
                if child in bound:
                    emit(depth, f"if {nvar}[{k}] != {bound[child]}: continue")
                else:
                    name = f"v{len(bound)}"
                    bound[child] = name
                    emit(depth, f"{name} = {nvar}[{k}]")
            elif child[0] in LEAF_OPS:
                emit(depth, f"if {nvar}[{k}] != K[{lit_index(child)}]: continue")
        for k, child in enumerate(pnode[1:], start=1):
            if not isinstance(child, str) and child[0] not in LEAF_OPS:
                counter[0] += 1
                j = counter[0]
                emit(depth, f"d{j} = classes[{nvar}[{k}]].by_op.get({child[0]!r}, EMPTY)")
                emit(depth, f"for n{j}, t{j} in (d{j}.items() if {flag} else newer(d{j}, since)):")
                depth += 1
                emit(depth, f"f{j} = {flag} or t{j} >= since")
                flag = f"f{j}"
                depth, flag = handle(child, f"n{j}", depth, flag)
        return depth, flag

    depth, flag = handle(pattern, "n0", depth, flag)
    names = [bound[v] for v in variables]
    tup = "(" + ", ".join(names) + ("," if len(names) == 1 else "") + ")"
    emit(depth, f"if {flag}: out.append((c0, {tup}))")
    body[:] = _specialise_innermost(body, counter[0], tup)
    if literals:
        lit_lines.append("    K = []")
        lit_lines.append("    for leaf in LITERALS:")
        lit_lines.append("        hit = eg._memo.get(leaf)")
        lit_lines.append("        if hit is None: return []")
        lit_lines.append("        K.append(eg.find(hit))")
    src = "\n".join(lines + lit_lines + body + ["    return out"])
    namespace = {"EMPTY": {}, "LITERALS": tuple(literals), "newer": _newer}
    exec(compile(src, f"<matcher {pattern!r}>", "exec"), namespace)
    fn = namespace["search"]
    fn.source = src
    _COMPILED[key] = fn
    return fn


_BUILDERS: dict = {}


def compile_builder(pattern, variables) -> Callable:
    """Compile a right-hand side into ``build(egraph, bindings) -> id`` (no explanations).

    ``bindings`` is a tuple of ids in the order of ``variables``.  The
    generated code canonicalises children and probes the hash-cons inline,
    calling :meth:`EGraph.add` only for nodes that are new.

    >>> from mathref.combinatorics.egraph import EGraph
    >>> g = EGraph(); x = g.add_term(("sym", "x"))
    >>> build = compile_builder(parse_pattern("(+ ?a 1)"), ("?a",))
    >>> g.find(build(g, (x,))) == g.lookup_term(("+", ("sym", "x"), ("num", 1)))
    True
    """
    key = (pattern, tuple(variables))
    hit = _BUILDERS.get(key)
    if hit is not None:
        return hit
    literals: list = []
    body = ["def build(eg, bs):", "    find = eg.find", "    memo = eg._memo", "    add = eg.add", "    P = eg._parent"]
    for i, v in enumerate(variables):
        body.append(f"    v{i} = bs[{i}]")
        body.append(f"    if P[v{i}] != v{i}: v{i} = find(v{i})")
    counter = [0]

    def gen(p):
        if isinstance(p, str):
            return f"v{variables.index(p)}"
        if p[0] in LEAF_OPS:
            if p not in literals:
                literals.append(p)
            j = literals.index(p)
            counter[0] += 1
            name = f"i{counter[0]}"
            body.append(f"    h = memo.get(L[{j}])")
            body.append(f"    {name} = add(L[{j}]) if h is None else find(h)")
            return name
        kids = [gen(q) for q in p[1:]]
        counter[0] += 1
        name = f"i{counter[0]}"
        body.append(f"    k = ({p[0]!r}, {', '.join(kids)}{',' if len(kids) == 0 else ''})")
        body.append("    h = memo.get(k)")
        body.append(f"    {name} = add(k) if h is None else (h if P[h] == h else find(h))")
        return name

    if isinstance(pattern, str):
        out = f"v{variables.index(pattern)}"
    else:
        out = gen(pattern)
    body.append(f"    return {out}")
    # the batch form: same body inside a loop over matches, with the union inlined
    head = body[:5]
    inner = body[5:-1]
    batch = head + [
        "    union = eg.union",
        "    n = 0",
        "    for root, bs in matches:",
        "        if GUARDED and not guard(eg, bs):",
        "            deferred[(root, bs)] = None",
        "            continue",
    ]
    batch += ["    " + line for line in inner]
    batch += [
        f"        res = {out}",
        "        if P[root] != root:",
        "            root = find(root)",
        "        if root != res:",
        "            union(root, res, name)",
        "        n += 1",
        "        if len(memo) > cap:",
        "            return n, True",
        "    return n, False",
    ]
    batch[0] = "def apply_all(eg, matches, name, cap, guard, deferred):"
    unguarded = [line.replace("GUARDED", "False") for line in batch]
    unguarded[0] = "def apply_all_unguarded(eg, matches, name, cap, guard, deferred):"
    unguarded = [ln for ln in unguarded if "if False and not guard" not in ln and "deferred[(root, bs)]" not in ln]
    unguarded = [ln for i, ln in enumerate(unguarded) if not (ln.strip() == "continue" and i < 12)]
    batch = [line.replace("GUARDED", "True") for line in batch]
    # explain mode: every node through add() (which keeps the ids of non-canonical nodes)
    plain = ["def build_plain(eg, bs):", "    add = eg.add"]
    for i, v in enumerate(variables):
        plain.append(f"    v{i} = bs[{i}]")

    def gen_plain(p):
        if isinstance(p, str):
            return f"v{variables.index(p)}"
        if p[0] in LEAF_OPS:
            if p not in literals:
                literals.append(p)
            return f"add(L[{literals.index(p)}])"
        kids = [gen_plain(q) for q in p[1:]]
        return f"add(({p[0]!r}, {', '.join(kids)}{',' if len(kids) == 1 else ''}))"

    plain.append(f"    return {gen_plain(pattern)}")
    ns = {"L": None}
    src = "\n".join(body) + "\n\n" + "\n".join(batch) + "\n\n" + "\n".join(unguarded) + "\n\n" + "\n".join(plain)
    exec(compile(src, f"<builder {pattern!r}>", "exec"), ns)
    ns["L"] = tuple(literals)
    fn = ns["build"]
    fn.source = src
    fn.apply_all = ns["apply_all"]
    fn.apply_all_unguarded = ns["apply_all_unguarded"]
    fn.build_plain = ns["build_plain"]
    _BUILDERS[key] = fn
    return fn


def _specialise_innermost(body, last, tup):
    """Rewrite the innermost loop of a generated matcher into an all-nodes and a new-nodes-only variant.

    Inside the innermost loop the only question is whether the candidate is
    new; splitting on the enclosing flag removes that test from the hot loop
    and lets the new-only variant stop at the first old node (dicts are sorted
    by stamp).
    """
    if last == 0:
        # no nested loops: restrict the root loop itself to new nodes, class by class
        i = next(k for k, ln in enumerate(body) if ln.lstrip().startswith("for n0, t0 in"))
        header = body[i]
        indent = header[: len(header) - len(header.lstrip())]
        dict_expr = header.split(" in ", 1)[1].rstrip(":").rsplit(".items()", 1)[0]
        rest = [ln for ln in body[i + 1 :] if ln.strip() != "f0 = t0 >= since"]
        rest = [ln.replace("if f0: out.append", "out.append") for ln in rest]
        return body[:i] + [
            f"{indent}for n0, t0 in reversed({dict_expr}.items()):",
            f"{indent}    if t0 < since: break",
        ] + rest
    j = last
    i = next(k for k, ln in enumerate(body) if ln.lstrip().startswith(f"for n{j}, t{j} in"))
    header = body[i]
    indent = header[: len(header) - len(header.lstrip())]
    outer_flag = header.split(" if ", 1)[1].split(" else ", 1)[0]
    inner = [ln for ln in body[i + 1 :] if not ln.strip().startswith(f"f{j} = ")]
    inner = [ln.replace(f"if f{j}: out.append", "out.append") for ln in inner]
    shifted = ["    " + ln for ln in inner]
    return body[:i] + [
        f"{indent}if {outer_flag}:",
        f"{indent}    for n{j} in d{j}:",
        *shifted,
        f"{indent}else:",
        f"{indent}    for n{j}, t{j} in reversed(d{j}.items()):",
        f"{indent}        if t{j} < since: break",
        *shifted,
    ]


def instantiate(egraph, pattern, subst: dict) -> int:
    """Add the instance of ``pattern`` under ``subst`` (variable -> id); return its id.

    >>> from mathref.combinatorics.egraph import EGraph
    >>> g = EGraph(); x = g.add_term(("sym", "x"))
    >>> g.find(instantiate(g, parse_pattern("(* ?a 1)"), {"?a": x})) == g.find(g.add_term(("*", ("sym", "x"), ("num", 1))))
    True
    """
    if isinstance(pattern, str):
        return subst[pattern]
    op = pattern[0]
    if op in LEAF_OPS:
        return egraph.add(pattern)
    return egraph.add((op,) + tuple(instantiate(egraph, p, subst) for p in pattern[1:]))


def match_term(pattern, term, subst: dict | None = None):
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
        if match_term(p, t, subst) is None:
            return None
    return subst


def instantiate_term(pattern, subst: dict):
    """The term obtained by substituting ``subst`` into ``pattern``.

    >>> instantiate_term(parse_pattern("(* 2 ?a)"), {"?a": ("sym", "x")})
    ('*', ('num', Fraction(2, 1)), ('sym', 'x'))
    """
    if isinstance(pattern, str):
        return subst[pattern]
    if pattern[0] in LEAF_OPS:
        return pattern
    return (pattern[0],) + tuple(instantiate_term(p, subst) for p in pattern[1:])


def check_guard(guard, facts_of: Callable, const_of: Callable) -> bool:
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
        return all(check_guard(g, facts_of, const_of) for g in guard[1:])
    if head == "or":
        return any(check_guard(g, facts_of, const_of) for g in guard[1:])
    if head == "not":
        return not check_guard(guard[1], facts_of, const_of)
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
    raise ValueError(f"guard={guard!r}: unknown guard atom {head!r}")


_GUARDS: dict = {}


def compile_guard(guard, variables) -> Callable:
    """Compile a declarative guard into ``f(egraph, bindings) -> bool`` reading the analyses directly.

    >>> from mathref.combinatorics.egraph import EGraph
    >>> g = EGraph(); one = g.add_term(("num", 1))
    >>> compile_guard(("and", ("positive", "?a"), ("int_const", "?a")), ("?a",))(g, (one,))
    True
    """
    key = (guard, tuple(variables))
    hit = _GUARDS.get(key)
    if hit is not None:
        return hit

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
        raise ValueError(f"guard={guard!r}: unknown guard atom {head!r}")

    src = "def guard(eg, bs):\n    C = eg._classes\n    find = eg.find\n    return " + gen(guard)
    ns = {
        "_int": lambda c: c is not None and c.denominator == 1,
        "_even": lambda c: c is not None and c.denominator == 1 and c.numerator % 2 == 0,
        "_pos": lambda c: c is not None and c > 0,
    }
    exec(compile(src, f"<guard {guard!r}>", "exec"), ns)
    fn = ns["guard"]
    _GUARDS[key] = fn
    return fn


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

    def search(self, egraph, since: int = 0):
        """Matches ``[(root, bindings)]`` with a node stamped ``>= since``."""
        return compile_matcher(self.lhs)(egraph, since)

    def guard_holds_fn(self):
        """``f(egraph, bindings) -> bool`` evaluating the guard (compiled; for batch appliers)."""
        return compile_guard(self.guard, self.variables)

    def guard_holds(self, egraph, bindings) -> bool:
        """Evaluate the guard on the e-class analyses of a match."""
        if self.guard is None:
            return True
        return compile_guard(self.guard, self.variables)(egraph, bindings)


def rewrite(name: str, lhs, rhs=None, *, guard=None, applier=None, incremental=True, check=None) -> Rewrite:
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
            raise ValueError(f"rule {name!r}: rhs variables {extra} do not occur in lhs")
    elif applier is None:
        raise ValueError(f"rule {name!r}: give an rhs pattern or an applier")
    compile_matcher(lhs_p)
    return Rewrite(name, lhs_p, rhs_p, guard, applier, incremental, variables, check)
