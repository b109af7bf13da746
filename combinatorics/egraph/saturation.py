"""Equality saturation: a runner with limits, a back-off scheduler and a frozen report.

The runner repeats *search all rules, apply all matches, rebuild* until nothing
changes (saturation) or a limit is hit.  Saturation is a proof that the rules
can derive nothing more; a limit stop proves nothing, and the report says which
limit stopped it.

Notes
-----
The back-off scheduler is egg's: a rule whose number of new matches in an
iteration exceeds ``match_limit << times_banned`` is not applied in that
iteration and is banned for ``ban_length << times_banned`` iterations.  Since
matching is semi-naive, a banned rule loses nothing: when it comes back it sees
every match that appeared in the meantime.  The run only counts as saturated
when no rule is banned.  Matches whose guard failed are kept and retried, since
the domain analysis can learn more facts later.
"""

from __future__ import annotations

import gc
import numbers
import time
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Callable, NamedTuple

from mathref.errors import InvalidArgumentError, InvalidTypeError

from .core import EGraph
from .patterns import Rewrite, compile_builder
from .patterns import _instantiate as instantiate
from .terms import LEAF_OPS

__all__ = ["Limits", "RunReport", "IterationStats", "saturate"]

_STOP_REASONS = frozenset({"saturated", "goal", "iteration_limit", "node_limit", "time_limit", "not_run"})
_perf_counter = time.perf_counter
_CHUNK = 1024  # matches applied between two looks at the clock


@dataclass(frozen=True)
class Limits:
    """Resource limits of a saturation run.

    ``time`` is wall seconds; ``clock`` the time source every deadline is read
    from (``time.perf_counter``; tests inject a fake clock to check that each
    phase keeps its deadline without timing anything).

    Examples
    --------
    >>> Limits(nodes=5000).iterations
    30
    """

    iterations: int = 30
    nodes: int = 20_000
    time: float = 5.0
    match_limit: int = 1_000
    ban_length: int = 5
    scheduler: str = "backoff"
    clock: Callable = field(default=_perf_counter, compare=False, repr=False)

    def __post_init__(self):
        for name in ("iterations", "nodes", "match_limit", "ban_length"):
            v = getattr(self, name)
            if not isinstance(v, int) or isinstance(v, bool) or v < 1:
                raise InvalidArgumentError(f"{name}={v!r} must be a positive int")
        if isinstance(self.time, bool) or not isinstance(self.time, numbers.Real):
            raise InvalidTypeError(f"time={self.time!r} must be a positive number of seconds")
        if not (self.time > 0):
            raise InvalidArgumentError(f"time={self.time!r} must be a positive number of seconds")
        if not isinstance(self.scheduler, str) or self.scheduler not in ("backoff", "simple"):
            raise InvalidArgumentError(f"scheduler={self.scheduler!r} must be 'backoff' or 'simple'")
        if not callable(self.clock):
            raise InvalidTypeError(f"clock={self.clock!r} must be a callable returning seconds")


@dataclass(frozen=True)
class IterationStats:
    """What one iteration did: e-nodes and classes after it, matches applied, unions, seconds.

    Examples
    --------
    >>> from mathref.combinatorics.egraph.rules import ac_rules
    >>> g = EGraph(); _ = g.add_term(("+", ("sym", "a"), ("sym", "b")))
    >>> [h.nodes for h in saturate(g, ac_rules("+")).history]
    [4, 4]
    """

    nodes: int
    classes: int
    applied: int
    unions: int
    seconds: float

    def __post_init__(self):
        for name in ("nodes", "classes", "applied", "unions"):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, int) or v < 0:
                raise InvalidArgumentError(f"{name}={v!r} must be a nonnegative int")
        if not isinstance(self.seconds, (int, float)) or self.seconds < 0:
            raise InvalidArgumentError(f"seconds={self.seconds!r} must be a nonnegative number")


@dataclass(frozen=True)
class RunReport:
    """Diagnostics of a saturation run (frozen).

    ``stop_reason`` is one of ``"saturated"``, ``"goal"``, ``"iteration_limit"``,
    ``"node_limit"``, ``"time_limit"`` (or ``"not_run"`` in the report of an
    :func:`~.equivalence.equivalent` call that needed no saturation);
    ``saturated`` is True only in the first case.  ``elapsed`` is the wall
    time of the whole run (of the whole call for ``equivalent``) and
    ``phase_times`` maps each phase to its seconds (``search``, ``apply``,
    ``rebuild`` here; ``convert``, ``screen``, ``normal_form``,
    ``saturation``, ``explanation``, ``search`` ... for ``equivalent``).
    ``rule_time`` maps rule names to seconds spent searching and applying,
    ``rule_matches`` to the number of matches applied; ``history`` holds one
    :class:`IterationStats` per iteration.

    Examples
    --------
    >>> from mathref.combinatorics.egraph.rules import ac_rules
    >>> g = EGraph(); _ = g.add_term(("+", ("sym", "a"), ("sym", "b")))
    >>> rep = saturate(g, ac_rules("+"))
    >>> rep.saturated, rep.iterations, rep.nodes, rep.classes, rep.rule_matches["comm-+"]
    (True, 2, 4, 3, 2)
    """

    iterations: int
    nodes: int
    classes: int
    stop_reason: str
    elapsed: float
    rule_time: dict = field(default_factory=dict)
    rule_matches: dict = field(default_factory=dict)
    history: tuple = ()
    phase_times: dict = field(default_factory=dict)

    def __post_init__(self):
        for name in ("iterations", "nodes", "classes"):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, int) or v < 0:
                raise InvalidArgumentError(f"{name}={v!r} must be a nonnegative int")
        if self.stop_reason not in _STOP_REASONS:
            raise InvalidArgumentError(f"stop_reason={self.stop_reason!r} must be one of {sorted(_STOP_REASONS)}")
        if not isinstance(self.elapsed, (int, float)) or self.elapsed < 0:
            raise InvalidArgumentError(f"elapsed={self.elapsed!r} must be a nonnegative number of seconds")
        for name in ("rule_time", "rule_matches", "phase_times"):
            if not isinstance(getattr(self, name), dict):
                raise InvalidTypeError(f"{name} must be a dict")
        if not isinstance(self.history, tuple):
            raise InvalidTypeError("history must be a tuple of IterationStats")

    @property
    def saturated(self) -> bool:
        return self.stop_reason == "saturated"


class _RuleState:
    __slots__ = ("since", "banned_until", "times_banned", "deferred", "time", "matches", "data_version")

    def __init__(self):
        self.since = 0
        self.banned_until = 0
        self.times_banned = 0
        self.deferred = {}
        self.time = 0.0
        self.matches = 0
        self.data_version = -1


def _apply(egraph: EGraph, rule: Rewrite, root: int, bindings) -> int:
    """Apply one match; returns the number of unions performed."""
    if rule.applier is not None:
        n = 0
        for a, b in rule.applier(egraph, root, dict(zip(rule.variables, bindings))):
            n += egraph.union(a, b, rule.name)
        return n
    if egraph.explain:
        rhs = compile_builder(rule.rhs, rule.variables).build_plain(egraph, bindings)
        lhs = compile_builder(rule.lhs, rule.variables).build_plain(egraph, bindings)
        return int(egraph.union(lhs, rhs, rule.name))
    rhs = instantiate(egraph, rule.rhs, dict(zip(rule.variables, bindings)))
    return int(egraph.union(root, rhs, rule.name))


# ---------------------------------------------------------------- the stages of one iteration


def _search_all(egraph: EGraph, rules, state: dict, limits: Limits, it: int, deadline: float):
    """Search phase (read-only): ``(found, any_banned, stop)`` with ``found = [(rule, state, matches)]``.

    ``stop`` is ``"time_limit"`` when the deadline passed between two rules
    (the matches found so far are dropped: the iteration is abandoned).

    The back-off scheduler skips banned rules and bans a rule whose number of
    new matches exceeds its threshold; each searched rule then looks only at
    nodes stamped after this search (the e-graph's clock moves on).
    """
    backoff = limits.scheduler == "backoff"
    found = []
    any_banned = False
    search_clock = egraph.clock
    clock = limits.clock
    for r in rules:
        if clock() > deadline:
            return found, any_banned, "time_limit"
        st = state[r.name]
        if backoff and st.banned_until > it:
            any_banned = True
            continue
        t0 = time.perf_counter()
        ms = r.search(egraph, st.since if r.incremental else 0)
        st.time += time.perf_counter() - t0
        if backoff and len(ms) > limits.match_limit << st.times_banned:
            st.banned_until = it + (limits.ban_length << st.times_banned)
            st.times_banned += 1
            any_banned = True
            continue
        st.since = search_clock + 1
        found.append((r, st, ms))
    egraph.clock = search_clock + 1
    return found, any_banned, None


def _with_deferred(egraph: EGraph, st: _RuleState, ms: list) -> list:
    """The matches to apply: ``ms`` after the earlier ones whose guard failed, if the analysis learnt anything since."""
    if not st.deferred or st.data_version == egraph.data_version:
        return ms
    st.data_version = egraph.data_version
    find = egraph.find
    retry = [(find(root), tuple(find(b) for b in bs)) for root, bs in st.deferred]
    st.deferred = {}
    return retry + ms


def _apply_batch(egraph: EGraph, r: Rewrite, st: _RuleState, ms, node_cap: int, deadline: float, clock):
    """Apply a pattern rule's matches with its compiled batch builder: ``(applied, stop or None)``."""
    builder = compile_builder(r.rhs, r.variables)
    if r.guard is not None:
        apply_all, guard = builder.apply_all, Rewrite.guard_holds_fn(r)
    else:
        apply_all, guard = builder.apply_all_unguarded, None
    n = 0
    # in chunks, so that a huge batch of matches cannot run far past the deadline
    for start in range(0, len(ms), _CHUNK):
        k, hit_cap = apply_all(egraph, ms[start : start + _CHUNK], r.name, node_cap, guard, st.deferred)
        n += k
        if hit_cap:
            return n, "node_limit"
        if clock() > deadline:
            return n, "time_limit"
    return n, None


def _apply_each(egraph: EGraph, r: Rewrite, st: _RuleState, ms, applied: int, node_cap: int, deadline: float, clock):
    """Apply matches one by one (appliers, explain mode): ``(applied so far this iteration, stop or None)``.

    The node limit is checked after every match, the clock every 64 matches
    of the iteration (``applied`` counts them across rules).
    """
    memo = egraph.memo
    guarded = r.guard is not None
    for root, bs in ms:
        if guarded and not r.guard_holds(egraph, bs):
            st.deferred[(root, bs)] = None
            continue
        _apply(egraph, r, root, bs)
        applied += 1
        if len(memo) > node_cap:
            return applied, "node_limit"
        if applied % 64 == 0 and clock() > deadline:
            return applied, "time_limit"
    return applied, None


def _apply_all(egraph: EGraph, found, limits: Limits, deadline: float):
    """Apply phase: every found match, rule by rule, until a limit stops it: ``(applied, stop or None)``."""
    applied = 0
    node_cap = limits.nodes
    clock = limits.clock
    for r, st, ms in found:
        if clock() > deadline:
            return applied, "time_limit"
        t0 = time.perf_counter()
        applied_before = applied
        ms = _with_deferred(egraph, st, ms)
        if r.applier is None and not egraph.explain:
            n, stop = _apply_batch(egraph, r, st, ms, node_cap, deadline, clock)
            applied += n
        else:
            applied, stop = _apply_each(egraph, r, st, ms, applied, node_cap, deadline, clock)
        st.matches += applied - applied_before
        st.time += time.perf_counter() - t0
        if stop:
            return applied, stop
    return applied, None


class _Sizes(NamedTuple):
    """What saturation compares before and after an iteration."""

    nodes: int
    classes: int
    unions: int

    @classmethod
    def of(cls, egraph: EGraph) -> _Sizes:
        return cls(egraph.num_nodes, egraph.num_classes, egraph.unions)


def _stop_after_iteration(egraph: EGraph, before: _Sizes, after: _Sizes, stop, any_banned: bool, node_cap, goal):
    """Why the run ends after this iteration (None: go on): a limit hit while applying, the node limit
    after the rebuild, the goal, or saturation (nothing changed and no rule banned)."""
    if stop is not None:
        return stop
    if after.nodes > node_cap:
        return "node_limit"
    if goal is not None and goal(egraph):
        return "goal"
    if not any_banned and after == before:
        return "saturated"
    return None


def saturate(egraph: EGraph, rules: Sequence[Rewrite], *, limits: Limits | None = None,
             goal: Callable[[EGraph], bool] | None = None) -> RunReport:
    """Run equality saturation on ``egraph`` with ``rules`` until saturation or a limit.

    Parameters
    ----------
    egraph : EGraph
        Modified in place.
    rules : sequence of Rewrite
    limits : Limits, optional
    goal : callable, optional
        ``goal(egraph) -> bool`` checked after each rebuild; the run stops with
        ``stop_reason="goal"`` as soon as it returns True (e.g. two classes met).

    Returns
    -------
    RunReport

    Notes
    -----
    Each iteration is three stages: search every rule (read-only, with the
    back-off scheduler), apply the matches (compiled batch builders for
    pattern rules, one by one for appliers and in explain mode), rebuild.  The
    node limit is checked after every applied match, so the e-graph never
    grows more than one right-hand side past it: memory stays bounded even for
    rule sets (AC with distributivity) whose closure is astronomically large.
    The clock is read between rules, every 1,024 applied matches and before
    each iteration; an iteration is not started when the previous one took
    longer than the time left (each iteration does at least as much work as
    the one before), so a run ends close to its time limit.

    Examples
    --------
    >>> from mathref.combinatorics.egraph.rules import ac_rules
    >>> g = EGraph(); _ = g.add_term(("+", ("sym", "a"), ("+", ("sym", "b"), ("sym", "c"))))
    >>> rep = saturate(g, ac_rules("+"), limits=Limits(scheduler="simple"))
    >>> rep.stop_reason, rep.nodes   # 3**3 - 2**4 + 1 + 3
    ('saturated', 15)
    """
    from ._validate import check_egraph

    check_egraph(egraph)
    if limits is not None and not isinstance(limits, Limits):
        raise InvalidTypeError(f"limits={limits!r:.60} must be a Limits instance or None")
    limits = limits or Limits()
    if isinstance(rules, str | bytes | dict | Rewrite) or not hasattr(rules, "__iter__"):
        raise InvalidTypeError(f"rules must be a sequence of Rewrite rules, got {type(rules).__name__}")
    rules = list(rules)
    for r in rules:
        if not isinstance(r, Rewrite):
            raise InvalidTypeError(f"rules must hold Rewrite rules, got {type(r).__name__}")
    names = [r.name for r in rules]
    if len(set(names)) != len(names):
        raise InvalidArgumentError("rules: rule names must be unique")
    with _cyclic_gc_paused():
        return _saturate(egraph, rules, names, limits, goal)


@contextmanager
def _cyclic_gc_paused():
    """Pause Python's cyclic garbage collector for the duration of a run.

    Saturation allocates millions of small containers (e-nodes, class dicts, parent lists) and
    frees almost none of them; the collector then re-scans the ever larger live heap, which cost
    about 30 % of an AC closure (n = 8, 9) and grew faster than the e-graph.  The e-graph makes no
    reference cycles, so nothing waits for the collector; reference counting still frees garbage,
    and the collector is switched back on (if it was on) however the run ends.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _saturate(egraph: EGraph, rules: list, names: list, limits: Limits, goal) -> RunReport:
    state = {r.name: _RuleState() for r in rules}
    clock = limits.clock
    t_start = clock()
    deadline = t_start + limits.time
    history = []
    phase = {"search": 0.0, "apply": 0.0, "rebuild": 0.0}
    compiled = _syntactic_programs(egraph, rules, limits, goal)
    egraph.rebuild()
    stop = "goal" if goal is not None and goal(egraph) else None
    it = 0
    while stop is None:
        if it >= limits.iterations:
            stop = "iteration_limit"
            break
        t_it = clock()
        # iterations only grow: one that cannot finish in the time left (judged by the last one) is not started
        if t_it > deadline or (history and history[-1].seconds > deadline - t_it):
            stop = "time_limit"
            break
        it += 1
        before = _Sizes.of(egraph)
        found, any_banned, stop = _search_all(egraph, rules, state, limits, it, deadline)
        t1 = clock()
        if stop is None:
            applied, stop = _apply_all(egraph, found, limits, deadline)
        else:
            applied = 0
        t2 = clock()
        egraph.rebuild()
        t3 = clock()
        phase["search"] += t1 - t_it
        phase["apply"] += t2 - t1
        phase["rebuild"] += t3 - t2
        after = _Sizes.of(egraph)
        history.append(IterationStats(after.nodes, after.classes, applied, after.unions - before.unions, t3 - t_it))
        stop = _stop_after_iteration(egraph, before, after, stop, any_banned, limits.nodes, goal)
        if stop is None and compiled is not None and after.nodes >= _KERNEL_MIN_NODES:
            t_k = clock()
            stop, it = _run_syntactic(egraph, rules, compiled, state, limits, it, history, deadline)
            phase["compiled"] = phase.get("compiled", 0.0) + clock() - t_k
            if stop is None:
                compiled = None  # the e-graph carries analysis data: stay in Python
    return RunReport(
        iterations=it,
        nodes=egraph.num_nodes,
        classes=egraph.num_classes,
        stop_reason=stop,
        elapsed=clock() - t_start,
        rule_time={n: state[n].time for n in names},
        rule_matches={n: state[n].matches for n in names},
        history=tuple(history),
        phase_times=phase,
    )


# ---------------------------------------------------------------- compiled syntactic saturation

#: e-node count from which a run of plain pattern rules continues in the compiled kernels (below it the
#: Python runner is faster than converting the e-graph, and small runs never pay for compilation)
_KERNEL_MIN_NODES = 300
#: matches applied per kernel call: between calls the clock is read and the arrays grow
_KERNEL_CHUNK = 1 << 16


def _syntactic_programs(egraph: EGraph, rules, limits: Limits, goal):
    """Per rule ``(lhs program, rhs program)`` for the kernels, or None when the run must stay in Python.

    The kernels cover plain pattern rewrites over operators of one or two arguments without literal
    leaves, no guard, no applier, the simple scheduler, no goal and no explanations (the analyses are
    checked when the e-graph is converted).
    """
    from mathref.jit import JIT_ENABLED

    if not JIT_ENABLED or egraph.explain or goal is not None or limits.scheduler != "simple" or not rules:
        return None
    ops: dict = {}
    progs = []
    for r in rules:
        if r.applier is not None or r.guard is not None or r.rhs is None or isinstance(r.rhs, str):
            return None
        lhs = _lhs_program(r.lhs, r.variables, ops)
        rhs = _rhs_program(r.rhs, r.variables, ops)
        if lhs is None or rhs is None:
            return None
        progs.append((lhs, rhs))
    return ops, progs


def _lhs_program(pattern, variables, ops):
    """Preorder arrays of the operator nodes of a left-hand side (see :mod:`._syntactic_kernels`)."""
    import numpy as np

    if isinstance(pattern, str):
        return None
    nodes = []  # (pattern node, parent index, slot)
    stack = [(pattern, -1, 0)]
    while stack:
        p, par, slot = stack.pop()
        if p[0] in LEAF_OPS or not 2 <= len(p) <= 3:
            return None
        k = len(nodes)
        nodes.append((p, par, slot))
        for s in reversed(range(1, len(p))):
            if not isinstance(p[s], str):
                stack.append((p[s], k, s - 1))
    # the stack visits children right to left reversed: re-sort into preorder by construction order
    K = len(nodes)
    pat_op = np.array([ops.setdefault(p[0], len(ops)) for p, _, _ in nodes], np.int64)
    pat_parent = np.array([par for _, par, _ in nodes], np.int64)
    pat_slot = np.array([slot for _, _, slot in nodes], np.int64)
    kind = np.full((K, 2), 2, np.int64)
    index = np.zeros((K, 2), np.int64)
    first = np.zeros((K, 2), np.int64)
    seen = set()
    child_of = {(par, slot): k for k, (_, par, slot) in enumerate(nodes)}
    for k, (p, _, _) in enumerate(nodes):
        for s in range(1, len(p)):
            q = p[s]
            if isinstance(q, str):
                kind[k, s - 1] = 0
                index[k, s - 1] = variables.index(q)
                if q not in seen:
                    seen.add(q)
                    first[k, s - 1] = 1
            else:
                kind[k, s - 1] = 1
                index[k, s - 1] = child_of[(k, s - 1)]
    return pat_op, pat_parent, pat_slot, kind, index, first, len(variables)


def _rhs_program(pattern, variables, ops):
    """Postorder instructions ``(op, kind0, index0, kind1, index1)`` building a right-hand side."""
    import numpy as np

    rows = []

    def ref(q):
        if isinstance(q, str):
            return 0, variables.index(q)
        j = gen(q)
        return (None, None) if j is None else (1, j)

    def gen(p):
        if p[0] in LEAF_OPS or not 2 <= len(p) <= 3:
            return None
        k0, i0 = ref(p[1])
        k1, i1 = ref(p[2]) if len(p) == 3 else (2, 0)
        if k0 is None or k1 is None:
            return None
        rows.append((ops.setdefault(p[0], len(ops)), k0, i0, k1, i1))
        return len(rows) - 1

    if gen(pattern) is None:
        return None
    cols = list(zip(*rows))
    return tuple(np.array(c, np.int64) for c in cols)


def _grow(arrays: dict, need: int) -> None:
    import numpy as np

    cap = arrays["op"].shape[0]
    if need <= cap:
        return
    new = max(need, 2 * cap)
    for key, fill in (("op", -1), ("a", -1), ("b", -1), ("stamp", 0), ("alive", False), ("size", 1)):
        old = arrays[key]
        grown = np.full(new, fill, old.dtype)
        grown[:cap] = old
        arrays[key] = grown
    parent = np.arange(new, dtype=np.int64)
    parent[:cap] = arrays["parent"]
    arrays["parent"] = parent


def _table(arrays: dict, stored: int, extra: int, tk, tv):
    """The hash-cons table, re-made larger (from the stored nodes) when it could pass half full."""
    import numpy as np

    from . import _syntactic_kernels as K

    if tv is not None and 2 * (stored + extra) <= tv.shape[0]:
        return tk, tv
    size = 1 << max(12, int(2 * (stored + extra) * 2).bit_length())
    tk = np.zeros((size, 3), np.int64)
    tv = np.full(size, -1, np.int64)
    K.fill_table(arrays["op"], arrays["a"], arrays["b"], arrays["alive"], arrays["n"], tk, tv)
    return tk, tv


def _run_syntactic(egraph: EGraph, rules, compiled, state: dict, limits: Limits, it: int, history: list,
                   deadline: float):
    """Continue a run of plain pattern rules in the compiled kernels; returns ``(stop reason, iterations)``.

    The same semi-naive iteration as the Python runner (search every rule, apply, rebuild), on the
    integer-array form of the e-graph; the e-graph is converted back when the run ends.
    """
    import numpy as np

    from . import _syntactic_kernels as K

    ops_map, progs = compiled
    conv = egraph.syntactic_arrays(2 * len(egraph.parent_array) + 1024)
    if conv is None:
        return None, it  # analysis data or pending work: the Python runner goes on
    arrays, ops, leaves = conv
    for name in ops:  # codes of the e-graph's operators first, then the rules' new ones
        ops_map.setdefault(name, len(ops_map))
    # the programs were compiled against ops_map; re-map the e-graph's own codes onto it
    remap = np.array([ops_map[name] for name in ops] or [0], np.int64)
    opa = arrays["op"]
    mask = opa >= 0
    opa[mask] = remap[opa[mask]]
    names = [None] * len(ops_map)
    for name, code in ops_map.items():
        names[code] = name
    nops = 2 * len(names) + 4
    clock = limits.clock
    cap = limits.nodes
    stored = int(arrays["alive"][: arrays["n"]].sum())
    classes = K.count_classes(arrays["parent"], arrays["alive"], arrays["n"])
    total_unions = 0
    tk, tv = _table(arrays, stored, 0, None, None)
    stop = None
    while stop is None:
        if it >= limits.iterations:
            stop = "iteration_limit"
            break
        t_it = clock()
        if t_it > deadline or (history and history[-1].seconds > deadline - t_it):
            stop = "time_limit"
            break
        it += 1
        before = (stored, classes)
        search_clock = egraph.clock
        n = arrays["n"]
        order, sk = K.class_index(arrays["op"], arrays["parent"], arrays["alive"], n, nops)
        found = []
        for r, (lhs, rhs) in zip(rules, progs):
            st = state[r.name]
            t0 = time.perf_counter()
            since = st.since if r.incremental else 0
            args = (arrays["op"], arrays["a"], arrays["b"], arrays["parent"], arrays["alive"], arrays["stamp"], n,
                    nops, order, sk, since) + lhs
            m = K.fill_matches(*args, np.zeros(1, np.int64), np.zeros((1, 1), np.int64), False)
            roots = np.zeros(m, np.int64)
            binds = np.zeros((m, max(lhs[-1], 1)), np.int64)
            K.fill_matches(*args, roots, binds, True)
            st.since = search_clock + 1
            st.time += time.perf_counter() - t0
            found.append((r, st, rhs, roots, binds))
        egraph.clock = stamp_now = search_clock + 1
        root_before = K.roots_of(arrays["parent"], n)
        applied = unions = 0
        for _r, st, rhs, roots, binds in found:
            t0 = time.perf_counter()
            m = roots.shape[0]
            per = rhs[0].shape[0]
            for start in range(0, m, _KERNEL_CHUNK):
                stop_at = min(m, start + _KERNEL_CHUNK)
                _grow(arrays, arrays["n"] + (stop_at - start) * per + 1)
                tk, tv = _table(arrays, stored, (stop_at - start) * per, tk, tv)
                k, u, n_new, stored, hit = K.apply_matches(
                    arrays["op"], arrays["a"], arrays["b"], arrays["parent"], arrays["size"], arrays["alive"],
                    arrays["stamp"], arrays["n"], tk, tv, stamp_now, roots, binds, start, stop_at, *rhs, stored, cap)
                arrays["n"] = n_new
                applied += k
                unions += u
                st.matches += k
                if hit:
                    stop = "node_limit"
                    break
                if clock() > deadline:
                    stop = "time_limit"
                    break
            st.time += time.perf_counter() - t0
            if stop is not None:
                break
        n = arrays["n"]
        if root_before.shape[0] < n:
            root_before = np.concatenate([root_before, np.arange(root_before.shape[0], n, dtype=np.int64)])
        tk, tv = _table(arrays, n, 0, tk, tv)
        u2, stored = K.rebuild(arrays["op"], arrays["a"], arrays["b"], arrays["parent"], arrays["size"],
                               arrays["alive"], arrays["stamp"], root_before, n, tk, tv, stamp_now)
        unions += u2
        total_unions += unions
        classes = K.count_classes(arrays["parent"], arrays["alive"], n)
        history.append(IterationStats(stored, classes, applied, unions, clock() - t_it))
        if stop is None:
            if stored > cap:
                stop = "node_limit"
            elif unions == 0 and (stored, classes) == before:
                stop = "saturated"
    egraph.load_syntactic_arrays(arrays, names, leaves, total_unions)
    return stop, it


def warmup_syntactic_kernels() -> list[str]:
    """Compile (or load from the cache) every kernel above with the signatures the runner uses.

    Saturates the AC closure of a four-term sum through the compiled path; returns the kernel names.
    """
    from .rules import ac_rules

    g = EGraph()
    t = ("sym", "a0")
    for i in range(1, 4):
        t = ("+", t, ("sym", f"a{i}"))
    g.add_term(t)
    rules = ac_rules("+")
    limits = Limits(scheduler="simple", nodes=10**5, iterations=100, time=600)
    compiled = _syntactic_programs(g, rules, limits, None)
    if compiled is not None:
        g.rebuild()
        _run_syntactic(g, rules, compiled, {r.name: _RuleState() for r in rules}, limits, 0, [],
                       limits.clock() + limits.time)
    return ["egraph_" + name for name in ("rebuild", "class_index", "fill_matches", "apply_matches", "roots_of",
                                          "count_classes", "fill_table")]
