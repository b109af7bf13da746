"""Workloads for the thread and process stress tests (issue 18 §1).

Each workload is a list of tasks; a task is a zero-argument callable returning a
value that :func:`fingerprint` turns into plain, comparable data.  The tasks are
chosen to start from cold caches (big factorial splits, fresh lru entries) so
that threads racing to fill a cache are what is being tested.

Run as a script (``python workloads.py MODE OUT [NAMES...]``) it computes the
workloads in a fresh interpreter — serially or from many threads with a tiny
switch interval — and pickles the fingerprints to ``OUT``.
"""

from __future__ import annotations

import functools
import pickle
import random
import sys

import numpy as np


def _coupling_tasks():
    from mathref.algebra import clebsch_gordan, wigner_3j, wigner_6j, wigner_9j

    tasks = []
    for j in range(40, 700, 41):
        tasks.append(functools.partial(clebsch_gordan, j, 1, j + 1, -1, 2 * j, 0))
        tasks.append(functools.partial(wigner_3j, j, j, j + j % 2, 0, 0, 0))
        tasks.append(functools.partial(wigner_3j, j, j + 1, 2 * j - 3, 2, -3, 1))
    for j in range(10, 120, 13):
        tasks.append(functools.partial(wigner_6j, j, j + 1, 2, j + 2, j - 1, 3))
    for j in range(2, 12, 3):
        tasks.append(functools.partial(wigner_9j, j, j, 2, j + 1, j, 1, 1, 2, 3))
    return tasks


def _gaunt_tasks():
    from mathref.algebra import gaunt, real_gaunt

    tasks = []
    for l in range(6, 70, 9):
        tasks.append(functools.partial(gaunt, l, l + 2, 2 * l, 1, 1, -2))
        tasks.append(functools.partial(real_gaunt, l, l, 2, 1, 1, 2))
    return tasks


def _float_tasks():
    from mathref.algebra import clebsch_gordan_array, wigner_3j_array
    from mathref.geometry import sph_harm_all

    rng = np.random.default_rng(7)
    tasks = []
    for lmax in (10, 40, 90):
        j = np.arange(lmax, lmax + 50)
        tasks.append(functools.partial(wigner_3j_array, j, j, 2 * j, 0 * j, 0 * j, 0 * j))
        tasks.append(functools.partial(clebsch_gordan_array, j, 1 + 0 * j, 1 + 0 * j, -1 + 0 * j, j, 0 * j))
        points = rng.normal(size=(200, 3))
        tasks.append(functools.partial(sph_harm_all, lmax, points))
    return tasks


def _chemistry_tasks():
    from mathref.algebra import balance

    equations = [
        "C8H18 + O2 -> CO2 + H2O",
        "KMnO4 + HCl -> KCl + MnCl2 + H2O + Cl2",
        "Fe2(SO4)3 + KOH -> K2SO4 + Fe(OH)3",
        "Cu + HNO3 -> Cu(NO3)2 + NO + H2O",
        "C6H12O6 + O2 -> CO2 + H2O",
        "Ca3(PO4)2 + SiO2 + C -> CaSiO3 + P4 + CO",
        "K4Fe(CN)6 + KMnO4 + H2SO4 -> KHSO4 + Fe2(SO4)3 + MnSO4 + HNO3 + CO2 + H2O",
    ]
    return [functools.partial(balance, e) for e in equations]


def _equivalence_tasks():
    import sympy

    from mathref.combinatorics import equivalent

    x, y = sympy.symbols("x y", real=True)
    pairs = [
        ((x + y) ** 2, x**2 + 2 * x * y + y**2),
        (sympy.sin(x) ** 2 + sympy.cos(x) ** 2, sympy.Integer(1)),
        (sympy.exp(x) * sympy.exp(y), sympy.exp(x + y)),
        (x * (y + 1), x * y + x),
        (x + 1, x + 2),
    ]
    return [functools.partial(equivalent, a, b, rng=0) for a, b in pairs]


def _qsp_tasks():
    from mathref.spectral import cos_target, qsp_phases, sign_target

    targets = [functools.partial(cos_target, 8.0), functools.partial(sign_target, 0.2, eps=1e-3)]
    return [functools.partial(lambda t: qsp_phases(t()), t) for t in targets]


WORKLOADS = {
    "coupling": _coupling_tasks,
    "gaunt": _gaunt_tasks,
    "float": _float_tasks,
    "chemistry": _chemistry_tasks,
    "equivalence": _equivalence_tasks,
    "qsp": _qsp_tasks,
}


def fingerprint(value):
    """Plain data that two equal results share (exact values by their parts, arrays as bytes)."""
    from mathref.exact import SqrtRational

    if isinstance(value, SqrtRational):
        return ("exact", value.sign(), value.coefficient * value.coefficient * value.radicand, value.pi_power)
    if isinstance(value, np.ndarray):
        return ("array", value.dtype.str, value.shape, value.tobytes())
    if isinstance(value, (tuple, list)):
        return tuple(fingerprint(v) for v in value)
    for attr in ("phases", "verdict"):
        if hasattr(value, attr):
            inner = getattr(value, attr)
            return (type(value).__name__, attr, fingerprint(np.asarray(inner) if attr == "phases" else inner))
    return (type(value).__name__, str(value))


def run_serial(names):
    return {name: [fingerprint(task()) for task in WORKLOADS[name]()] for name in names}


def run_threads(names, threads=8, switch_interval=1e-6, seed=None):
    """Every task of every workload, from ``threads`` threads in shuffled orders, cold caches."""
    import concurrent.futures as cf

    jobs = [(name, i, task) for name in names for i, task in enumerate(WORKLOADS[name]())]
    random.Random(seed).shuffle(jobs)  # seed None: a new order every run
    old = sys.getswitchinterval()
    sys.setswitchinterval(switch_interval)
    try:
        with cf.ThreadPoolExecutor(threads) as pool:
            futures = [(name, i, pool.submit(task)) for name, i, task in jobs]
            done = [(name, i, fingerprint(f.result())) for name, i, f in futures]
    finally:
        sys.setswitchinterval(old)
    out = {name: [None] * len(WORKLOADS[name]()) for name in names}
    for name, i, fp in done:
        out[name][i] = fp
    return out


def _process_task(name, i):
    return fingerprint(WORKLOADS[name]()[i]())


def run_processes(names, workers=2):
    """The same tasks spread over a process pool (spawned interpreters: nothing inherited)."""
    import concurrent.futures as cf
    import multiprocessing as mp

    ctx = mp.get_context("spawn")
    sizes = {name: len(WORKLOADS[name]()) for name in names}
    with cf.ProcessPoolExecutor(workers, mp_context=ctx) as pool:
        futures = {name: [pool.submit(_process_task, name, i) for i in range(n)] for name, n in sizes.items()}
        return {name: [f.result() for f in fs] for name, fs in futures.items()}


if __name__ == "__main__":
    mode, out_path, *selected = sys.argv[1:]
    selected = selected or list(WORKLOADS)
    runner = {"serial": run_serial, "threads": run_threads, "processes": run_processes}[mode]
    with open(out_path, "wb") as fh:
        pickle.dump(runner(selected), fh)
