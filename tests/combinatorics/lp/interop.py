"""Helpers of the round-trip tests: write a model with PuLP or highspy, read a file with HiGHS, compare models.

PuLP and highspy are optional (test extras); callers import them with ``pytest.importorskip``.
"""

from __future__ import annotations

import math
import os
import tempfile

from mathref.combinatorics.lp import INF, LPModel, model_from_highs, model_to_highs

FIELDS = ("sense", "objective", "rows", "senses", "rhs", "lower", "upper", "integrality", "objective_constant",
          "range_lower")


def aligned(model: LPModel, like: LPModel) -> LPModel | None:
    """``model`` with variables and rows reordered to ``like``'s name order (None if the name sets differ)."""
    if set(model.variable_names) != set(like.variable_names) or set(model.constraint_names) != set(
            like.constraint_names):
        return None
    vpos = {nm: k for k, nm in enumerate(like.variable_names)}
    cpos = {nm: k for k, nm in enumerate(like.constraint_names)}
    return model.permuted([vpos[nm] for nm in model.variable_names], [cpos[nm] for nm in model.constraint_names])


def _close_ends(xs, ys, rhs):
    """Range ends as HiGHS computes them: rhs - |R| in doubles, so within 2 ulps of |rhs| + |lo|."""
    return len(xs) == len(ys) and all(
        (x is None and y is None)
        or (x is not None and y is not None and abs(x - y) <= 2 * math.ulp(abs(b) + abs(x)))
        for x, y, b in zip(xs, ys, rhs))


def differences(model: LPModel, reference: LPModel, fields=FIELDS) -> list[str]:
    """Fields in which ``model`` differs from ``reference`` as floats, after matching names ([] = identical).

    Every field must be equal as doubles, except the lower ends of ranged rows (see :func:`_close_ends`).
    """
    a = aligned(model, reference)
    if a is None:
        return ["names"]
    a, r = a.as_float(), reference.as_float()
    out = []
    for f in fields:
        x, y = getattr(a, f), getattr(r, f)
        if f == "range_lower" and _close_ends(x, y, r.rhs):
            continue
        if x != y:
            out.append(f)
    return out


def optimum(model: LPModel):
    """``(status, value)`` from highspy (value None unless optimal).

    highspy rather than scipy's milp: scipy 1.17's bundled HiGHS calls a feasible semi-integer model infeasible
    when its ranged row is split in two (x0 semi-integer in {0} u [0, 2.04], -0.26 x0 + 0.01 x1 in
    [-0.53, -0.52]: milp says infeasible, highspy 1.16 finds x = (2, 0)).
    """
    import highspy

    if model.n_variables == 0:  # HiGHS reports an empty model as kModelEmpty: decide its empty rows directly
        status, value, _ = model.solve()
        return ("optimal", value) if status == 0 else ("infeasible", None)
    h = model_to_highs(model)
    # a hypothesis-drawn MILP can be hard for branch and bound (one ran for minutes in CI): bound the anchor
    h.setOptionValue("time_limit", 10.0)
    h.run()
    status = h.getModelStatus()
    if status == highspy.HighsModelStatus.kTimeLimit:
        return "undecided", None
    if status == highspy.HighsModelStatus.kInfeasible:
        return "infeasible", None  # the same word as the empty-model branch above
    if status != highspy.HighsModelStatus.kOptimal:
        return str(status), None
    return "optimal", h.getInfo().objective_function_value


def same_optimum(a: LPModel, b: LPModel, rtol=1e-7) -> bool:
    (sa, va), (sb, vb) = optimum(a), optimum(b)
    if "undecided" in (sa, sb):  # the anchor gave up on this example: draw another rather than judge
        from hypothesis import reject

        reject()
    if sa != sb:
        return False
    return va is None or math.isclose(va, vb, rel_tol=rtol, abs_tol=1e-9)


def highs_read(path) -> LPModel | None:
    """HiGHS's reading of a file as an LPModel (floats), or None when HiGHS rejects the file."""
    import highspy

    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    if h.readModel(str(path)) == highspy.HighsStatus.kError:
        return None
    return model_from_highs(h).replace(name="")


def highs_write(model: LPModel, path) -> None:
    """The file HiGHS writes for ``model`` (format from the extension, .lp or .mps)."""
    h = model_to_highs(model)
    h.writeModel(str(path))


def pulp_problem(model: LPModel):
    """``model`` as a PuLP problem (continuous and integer variables, plain rows: what PuLP can express)."""
    import pulp

    if any(t > 1 for t in model.integrality) or any(lo is not None for lo in model.range_lower):
        raise ValueError("PuLP has no semi-continuous variables or ranged rows")
    prob = pulp.LpProblem(model.name or "model", pulp.LpMaximize if model.sense == "max" else pulp.LpMinimize)
    xs = []
    for j, nm in enumerate(model.variable_names):
        lo, hi = model.lower[j], model.upper[j]
        args = (nm, None if lo == -INF else float(lo), None if hi == INF else float(hi))
        cat = "Integer" if model.integrality[j] else "Continuous"
        # PuLP >= 3.3 deprecates building variables outside the problem
        xs.append(prob.add_variable(*args, cat=cat) if hasattr(prob, "add_variable") else
                  pulp.LpVariable(*args, cat=cat))
    prob += pulp.LpAffineExpression([(xs[j], float(c)) for j, c in enumerate(model.objective)],
                                    constant=float(model.objective_constant))
    sense = {"<=": pulp.LpConstraintLE, ">=": pulp.LpConstraintGE, "==": pulp.LpConstraintEQ}
    for i, row in enumerate(model.rows):
        expr = pulp.LpAffineExpression([(xs[j], float(a)) for j, a in row])
        prob += pulp.LpConstraint(expr, sense=sense[model.senses[i]], rhs=float(model.rhs[i]),
                                  name=model.constraint_names[i])
    return prob


def pulp_write(model: LPModel, path, *, with_objsense=True) -> None:
    prob = pulp_problem(model)
    if str(path).endswith(".lp"):
        prob.writeLP(str(path))
    else:
        prob.writeMPS(str(path), with_objsense=with_objsense)


class scratch_file:
    """A temporary file path with the given suffix, removed afterwards."""

    def __init__(self, suffix):
        self.suffix = suffix

    def __enter__(self):
        fd, self.path = tempfile.mkstemp(suffix=self.suffix)
        os.close(fd)
        return self.path

    def __exit__(self, *exc):
        os.unlink(self.path)
        return False
