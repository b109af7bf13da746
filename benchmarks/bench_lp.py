"""LP and MPS files as real solvers write them: round-trip counts and read speed, mathref vs HiGHS and PuLP.

Workloads (issue 16 §4):
* round-trip counts.  A fixed corpus of random models (numpy seed 16) in three families: continuous LPs, MILPs,
  and MILPs with semi-continuous/semi-integer variables and ranged rows (not expressible in PuLP).  Each model is
  written by HiGHS (highspy ``writeModel``), PuLP (``writeLP``/``writeMPS(with_objsense=True)``) and mathref
  (``to_lp``/``to_mps``), as LP and as MPS.  A file counts as *read* when mathref reads it without error and the
  model equals HiGHS's reading of the same file field by field (doubles, names matched) with the same optimum
  (highspy).  The same counts for the reader of the ``main`` branch (before this work), when git has it, and,
  for mathref's own files, whether HiGHS reads them back identically.
* read speed: one larger model written by HiGHS and PuLP, read by mathref (exact Fractions), by highspy
  (``readModel``, C++, doubles) and by PuLP (``LpProblem.fromMPS``, MPS only).  No JIT is involved: the first
  read (cold) and the median of repeated reads (warm) are both shown.

Run:  python benchmarks/bench_lp.py [--quick]
"""

from __future__ import annotations

import argparse
import importlib.util
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np
from _harness import Table, environment, fmt_time, ratio, try_import

from mathref.combinatorics.lp import INF, LPModel, model_from_highs, model_to_highs, read_lp, read_mps

ROOT = Path(__file__).resolve().parent.parent

# ---------------------------------------------------------------------------------------------- the corpus


def random_model(rng, family, n_max=12, m_max=8):
    """A random model of ``family`` ("lp", "milp", "semi+ranged"), numbers with 1-3 decimals or full floats."""
    n = int(rng.integers(2, n_max + 1))
    m = int(rng.integers(1, m_max + 1))

    def num(scale=10.0):
        x = rng.uniform(-scale, scale)
        return float(x) if rng.random() < 0.2 else round(float(x), int(rng.integers(0, 4)))

    rows = []
    for _ in range(m):
        cols = sorted(rng.choice(n, size=int(rng.integers(1, n + 1)), replace=False).tolist())
        rows.append(tuple((j, v) for j in cols if (v := num()) != 0))
    senses, rhs, ranges = [], [], []
    for _ in range(m):
        kind = rng.choice(["<=", ">=", "==", "range"] if family == "semi+ranged" else ["<=", ">=", "=="])
        b = num(20.0)
        senses.append("<=" if kind == "range" else str(kind))
        rhs.append(b)
        ranges.append(b - abs(num()) - 0.5 if kind == "range" else None)
    types = {"lp": [0], "milp": [0, 1], "semi+ranged": [0, 1, 2, 3]}[family]
    integ = [int(rng.choice(types)) for _ in range(n)]
    lower, upper = [], []
    for t in integ:
        if t >= 2:
            lo = abs(num(3.0))
            lower.append(lo)
            upper.append(lo + abs(num(5.0)) + 0.5)
            continue
        lo = float(rng.choice([0.0, -INF, num(5.0)]))
        hi = INF if rng.random() < 0.4 else (0.0 if lo == -INF else lo) + abs(num(5.0)) + 0.5
        lower.append(lo)
        upper.append(hi)
    return LPModel("max" if rng.random() < 0.5 else "min", tuple(num() for _ in range(n)), tuple(rows),
                   tuple(senses), tuple(rhs), tuple(lower), tuple(upper), tuple(integ),
                   tuple(f"x{j}" for j in range(n)), tuple(f"c{i}" for i in range(m)),
                   num() if rng.random() < 0.5 else 0.0, "", tuple(ranges))


def corpus(count):
    rng = np.random.default_rng(16)
    return [(fam, random_model(rng, fam)) for fam in ("lp", "milp", "semi+ranged") for _ in range(count)]


# ------------------------------------------------------- writers and the reference reader (copies of the test helpers)


def highs_read(path):
    import highspy

    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    if h.readModel(str(path)) == highspy.HighsStatus.kError:
        return None
    return model_from_highs(h).replace(name="")


def pulp_write(pulp, model, path):
    if any(t > 1 for t in model.integrality) or any(lo is not None for lo in model.range_lower):
        return False  # PuLP has neither semi-continuous variables nor ranged rows
    prob = pulp.LpProblem("model", pulp.LpMaximize if model.sense == "max" else pulp.LpMinimize)
    xs = []
    for j, nm in enumerate(model.variable_names):
        lo, hi = model.lower[j], model.upper[j]
        args = (nm, None if lo == -INF else float(lo), None if hi == INF else float(hi))
        cat = "Integer" if model.integrality[j] else "Continuous"
        xs.append(prob.add_variable(*args, cat=cat) if hasattr(prob, "add_variable") else
                  pulp.LpVariable(*args, cat=cat))
    prob += pulp.LpAffineExpression([(xs[j], float(c)) for j, c in enumerate(model.objective)],
                                    constant=float(model.objective_constant))
    sense = {"<=": pulp.LpConstraintLE, ">=": pulp.LpConstraintGE, "==": pulp.LpConstraintEQ}
    for i, row in enumerate(model.rows):
        prob += pulp.LpConstraint(pulp.LpAffineExpression([(xs[j], float(a)) for j, a in row]),
                                  sense=sense[model.senses[i]], rhs=float(model.rhs[i]),
                                  name=model.constraint_names[i])
    if str(path).endswith(".lp"):
        prob.writeLP(str(path))
    else:
        prob.writeMPS(str(path), with_objsense=True)
    return True


def highs_write(model, path):
    model_to_highs(model).writeModel(str(path))
    return True


def ours_write(model, path):
    Path(path).write_text(model.to_lp() if str(path).endswith(".lp") else model.to_mps())
    return True


def differences(model, reference):
    if set(model.variable_names) != set(reference.variable_names) or set(model.constraint_names) != set(
            reference.constraint_names):
        return ["names"]
    vpos = {nm: k for k, nm in enumerate(reference.variable_names)}
    cpos = {nm: k for k, nm in enumerate(reference.constraint_names)}
    a = model.permuted([vpos[nm] for nm in model.variable_names],
                       [cpos[nm] for nm in model.constraint_names]).as_float()
    r = reference.as_float()
    out = []
    for f in ("sense", "objective", "rows", "senses", "rhs", "lower", "upper", "integrality", "objective_constant",
              "range_lower"):
        x, y = getattr(a, f), getattr(r, f)
        if f == "range_lower" and len(x) == len(y) and all(
                (u is None) == (v is None) and (u is None or abs(u - v) <= 2 * math.ulp(abs(b) + abs(u)))
                for u, v, b in zip(x, y, r.rhs)):
            continue  # HiGHS computes an MPS range end as rhs - |R| in doubles
        if x != y:
            out.append(f)
    return out


def optimum(model):
    """(status, value) from highspy (scipy 1.17's bundled HiGHS misjudges some semi-integer models)."""
    import highspy

    if model.n_variables == 0:  # HiGHS reports an empty model as kModelEmpty: decide its empty rows directly
        status, value, _ = model.solve()
        return ("optimal", value) if status == 0 else ("infeasible", None)
    h = model_to_highs(model)
    h.run()
    status = h.getModelStatus()
    return (str(status), None) if status != highspy.HighsModelStatus.kOptimal else (
        "optimal", h.getInfo().objective_function_value)


def same_optimum(a, b):
    (sa, va), (sb, vb) = optimum(a), optimum(b)
    return sa == sb and (va is None or math.isclose(va, vb, rel_tol=1e-7, abs_tol=1e-9))


def old_readers():
    """read_lp / read_mps of the main branch (before issue 16 §4), loaded from ``git show``; None if unavailable."""
    tmp = Path(tempfile.mkdtemp(prefix="mathref_lp_main_"))
    pkg = tmp / "lp_main"
    pkg.mkdir()
    try:
        for mod in ("numbers", "source", "bounds", "model", "lp_format", "mps_format"):
            text = subprocess.run(["git", "-C", str(ROOT), "show", f"main:combinatorics/lp/{mod}.py"],
                                  capture_output=True, text=True, check=True).stdout
            (pkg / f"{mod}.py").write_text(text)
    except (OSError, subprocess.CalledProcessError) as exc:
        print(f"# main-branch reader unavailable: {exc}", file=sys.stderr)
        return None
    (pkg / "__init__.py").write_text("")
    spec = importlib.util.spec_from_file_location("lp_main", pkg / "__init__.py", submodule_search_locations=[str(pkg)])
    module = importlib.util.module_from_spec(spec)
    sys.modules["lp_main"] = module
    spec.loader.exec_module(module)
    lp = importlib.import_module("lp_main.lp_format")
    mps = importlib.import_module("lp_main.mps_format")
    return {".lp": lp.read_lp, ".mps": mps.read_mps}


def _old_as_new(old):
    """A main-branch model as a current LPModel (its integrality codes were 0/1 and it had no ranges)."""
    return LPModel(old.sense, old.objective, old.rows, old.senses, old.rhs, old.lower, old.upper, old.integrality,
                   old.variable_names, old.constraint_names, old.objective_constant, "")


def round_trip_counts(count, pulp):
    readers = {".lp": read_lp, ".mps": read_mps}
    old = old_readers()
    writers = [("HiGHS", highs_write)] + ([("PuLP", lambda m, p: pulp_write(pulp, m, p))] if pulp else []) + [
        ("mathref", ours_write)]
    models = corpus(count)
    table = Table(["writer", "format", "files written",
                   "read by mathref (= HiGHS's reading, or the model for mathref's files, + optimum)",
                   "read by main-branch mathref", "read by HiGHS", "HiGHS reads the model written (field by field)"])
    totals = {}
    with tempfile.TemporaryDirectory() as tmp:
        for wname, write in writers:
            for suffix in (".lp", ".mps"):
                written = ours_ok = old_ok = highs_ok = highs_same = 0
                for k, (_fam, m) in enumerate(models):
                    path = os.path.join(tmp, f"{wname}{k}{suffix}")
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore")
                        if not write(m, path):
                            continue
                    written += 1
                    ref = highs_read(path)
                    highs_ok += ref is not None
                    if ref is not None and differences(m, ref) == [] and same_optimum(m, ref):
                        highs_same += 1
                    # the reading to match: HiGHS's for other writers' files, the model itself for ours
                    target = m if wname == "mathref" else ref
                    try:
                        ours = readers[suffix](path)
                        ours_ok += target is not None and differences(ours, target) == [] and same_optimum(ours,
                                                                                                           target)
                    except ValueError:
                        pass
                    if old is not None:
                        try:
                            prev = _old_as_new(old[suffix](path))
                            old_ok += target is not None and differences(prev, target) == [] and same_optimum(
                                prev, target)
                        except (ValueError, IndexError, TypeError):
                            pass
                totals[wname, suffix] = (written, ours_ok, old_ok)
                table.add(wname, suffix[1:].upper(), written, ours_ok, old_ok if old is not None else "—", highs_ok,
                          highs_same)
    return table, totals


# ---------------------------------------------------------------------------------------------- read speed


def median_time(fn, repeat):
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def read_speed(pulp, n, m, repeat):
    import highspy

    rng = np.random.default_rng(7)
    rows = []
    for _ in range(m):
        cols = np.sort(rng.choice(n, size=10, replace=False))
        rows.append(tuple((int(j), round(float(rng.uniform(-5, 5)), 3) or 1.0) for j in cols))
    model = LPModel("min", tuple(round(float(v), 3) for v in rng.uniform(-1, 1, n)), tuple(rows),
                    tuple(str(s) for s in rng.choice(["<=", ">="], m)),
                    tuple(round(float(v), 2) for v in rng.uniform(-10, 10, m)), (0.0,) * n,
                    tuple(float(v) for v in rng.integers(1, 10, n)), tuple(int(v) for v in rng.integers(0, 2, n)),
                    tuple(f"x{j}" for j in range(n)), tuple(f"c{i}" for i in range(m)))

    def highs_reader(path):
        h = highspy.Highs()
        h.setOptionValue("output_flag", False)
        h.readModel(path)

    table = Table(["file", "mathref cold", "mathref warm (median)", "highspy readModel", "PuLP fromMPS",
                   "highspy / mathref", "PuLP / mathref"])
    with tempfile.TemporaryDirectory() as tmp:
        for wname, write in [("HiGHS", highs_write)] + ([("PuLP", lambda mm, p: pulp_write(pulp, mm, p))]
                                                         if pulp else []):
            for suffix, reader in ((".lp", read_lp), (".mps", read_mps)):
                path = os.path.join(tmp, f"big_{wname}{suffix}")
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    write(model, path)
                t0 = time.perf_counter()
                reader(path)
                cold = time.perf_counter() - t0
                warm = median_time(lambda: reader(path), repeat)
                th = median_time(lambda: highs_reader(path), repeat)
                tp = None
                pulp_note = None
                if pulp and suffix == ".mps":
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore")
                        try:
                            tp = median_time(lambda: pulp.LpProblem.fromMPS(path), repeat)
                        except Exception as exc:  # PuLP's reader knows fewer bound types than HiGHS writes
                            pulp_note = f"fails ({exc})"
                table.add(f"{wname} {suffix[1:].upper()} ({n} vars, {m} rows, {model.nnz} nonzeros)",
                          fmt_time(cold), fmt_time(warm), fmt_time(th), pulp_note or fmt_time(tp), ratio(th, warm),
                          ratio(tp, warm))
    return table


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="a smaller corpus and model")
    args = ap.parse_args()
    highspy = try_import("highspy")
    pulp = try_import("pulp")
    if highspy is None:
        print("highspy is needed as the reference reader; install it (pip install highspy)")
        return
    count = 8 if args.quick else 40
    from importlib.metadata import version

    print(f"Environment: {environment()}, highspy {version('highspy')}, PuLP {getattr(pulp, '__version__', 'absent')}"
          "; 2 cores shared by 8 engineers' jobs.\n")
    table, totals = round_trip_counts(count, pulp)
    print(f"#### Round-trip counts ({3 * count} random models: {count} LP, {count} MILP, {count} semi+ranged)\n")
    print(table.render())
    tp = sum(v[0] for (w, _), v in totals.items() if w != "mathref")
    tr = sum(v[1] for (w, _), v in totals.items() if w != "mathref")
    to = sum(v[2] for (w, _), v in totals.items() if w != "mathref")
    print(f"\nFiles written by HiGHS and PuLP: {tr}/{tp} read now, {to}/{tp} by the main-branch reader.\n")
    n, m = (1000, 500) if args.quick else (5000, 2500)
    print("#### Read speed (one process, median of repeats)\n")
    print(read_speed(pulp, n, m, 3 if args.quick else 5).render())


if __name__ == "__main__":
    main()
