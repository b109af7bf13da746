"""The architecture, checked: imports run downward and nobody reaches into another room.

Rules (see ``docs/architecture.md``):

* no library module imports a private name (``_x``) or a private module from a
  different subpackage; within one subpackage, private kernels and helpers are shared
  freely;
* no import cycles between modules, nor between subpackages, counting imports made
  inside functions too;
* the ground floor (``mathref/``) imports none of the four subject packages;
* the packages listed in ``pyproject.toml`` are exactly the package folders, and the
  wheel installs no top-level name but ``mathref``.

Run ``python tests/test_layout.py`` for a report of every violation.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = {"mathref": "mathref", "algebra": "mathref.algebra", "geometry": "mathref.geometry",
           "spectral": "mathref.spectral", "combinatorics": "mathref.combinatorics"}
SUBJECTS = ("mathref.algebra", "mathref.geometry", "mathref.spectral", "mathref.combinatorics")


def library_modules() -> dict[str, Path]:
    """Installed module name -> file, for every library module in the repository."""
    modules = {}
    for folder, prefix in FOLDERS.items():
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "__pycache__" in path.parts:
                continue
            parts = path.relative_to(ROOT / folder).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            modules[".".join((prefix, *parts))] = path
    return modules


MODULES = library_modules()
PACKAGES = {name for name, path in MODULES.items() if path.name == "__init__.py"}


def package_of(module: str) -> str:
    """The deepest package that holds ``module`` (a package is its own package)."""
    return module if module in PACKAGES else module.rpartition(".")[0]


def is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def resolve(module: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = package_of(module).split(".")
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports(module: str):
    """``(target module, imported name or None, line)`` for every import in ``module``."""
    tree = ast.parse(MODULES[module].read_text(), filename=str(MODULES[module]))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, None, node.lineno
        elif isinstance(node, ast.ImportFrom):
            target = resolve(module, node)
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                if sub in MODULES:  # `from pkg import submodule`
                    yield sub, None, node.lineno
                else:
                    yield target, alias.name, node.lineno


def private_imports() -> list[str]:
    found = []
    for module in MODULES:
        home = package_of(module)
        for target, name, line in imports(module):
            if target not in MODULES or package_of(target) == home:
                continue
            tail = target[len(package_of(target)) + 1:] if target not in PACKAGES else ""
            if (tail and is_private(tail)) or (name is not None and is_private(name)):
                what = f"{target}.{name}" if name else target
                found.append(f"{MODULES[module].relative_to(ROOT)}:{line} imports private {what}")
    return found


# attributes whose leading underscore is public API of the standard library
PUBLIC_UNDERSCORED = {"_replace", "_asdict", "_fields", "_make", "_field_defaults", "_missing_", "_value_",
                      "_name_", "_generate_next_value_", "_getframe", "_sympy_", "_repr_latex_", "_repr_html_",
                      "_repr_png_", "_ipython_display_", "_repr_pretty_"}


def defined_private_names(tree: ast.AST) -> set[str]:
    """Private names a module defines: functions, classes, slots, and attributes it assigns."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            names.add(node.attr)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith("_"):
            names.add(node.value)  # __slots__ entries, getattr names
    return names


def foreign_private_attributes() -> list[str]:
    """``obj._x`` where ``_x`` is defined in no part of this module: reading another module's internals."""
    found = []
    for path in MODULES.values():
        tree = ast.parse(path.read_text())
        own = defined_private_names(tree)
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and is_private(node.attr) and node.attr not in own
                    and node.attr not in PUBLIC_UNDERSCORED):
                base = node.value.id if isinstance(node.value, ast.Name) else "..."
                if base not in ("self", "cls"):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} reads {base}.{node.attr}")
    return found


def import_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = defaultdict(set)
    for module in MODULES:
        for target, _, _ in imports(module):
            # importing a.b.c runs a and a.b first: count the nearest library module
            while target and target not in MODULES:
                target = target.rpartition(".")[0]
            if target and target != module:
                graph[module].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one node (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    counter = 0
    for start in sorted(set(graph) | {t for ts in graph.values() for t in ts}):
        if start in index:
            continue
        work = [(start, iter(sorted(graph.get(start, ()))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    top = stack.pop()
                    on_stack.discard(top)
                    component.append(top)
                    if top == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def package_graph() -> dict[str, set[str]]:
    """Subpackage -> subpackages it imports, leaving out a package's re-exports of its own children."""
    graph: dict[str, set[str]] = defaultdict(set)
    for module, targets in import_graph().items():
        home = package_of(module)
        for target in targets:
            there = package_of(target)
            if there != home and not there.startswith(home + "."):
                graph[home].add(there)
    return graph


def ground_floor_violations() -> list[str]:
    found = []
    for module in MODULES:
        if module.split(".")[1:2] and f"mathref.{module.split('.')[1]}" in SUBJECTS:
            continue
        for target, _, line in imports(module):
            if any(target == s or target.startswith(s + ".") for s in SUBJECTS):
                found.append(f"{MODULES[module].relative_to(ROOT)}:{line} imports {target}")
    return found


def test_no_private_imports_across_subpackages():
    assert private_imports() == []


def test_no_module_reads_another_modules_private_attributes():
    assert foreign_private_attributes() == []


def test_no_module_cycles():
    assert cycles(import_graph()) == []


def test_no_package_cycles():
    assert cycles(package_graph()) == []


def test_ground_floor_imports_none_of_the_four():
    assert ground_floor_violations() == []


def test_pyproject_lists_every_package():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert sorted(config["packages"]) == sorted(PACKAGES)
    for name, folder in config["package-dir"].items():
        assert FOLDERS[folder] == name


def test_wheel_claims_only_the_mathref_name(tmp_path):
    # build from a copy, so that no build/ directory left in the checkout can leak stale modules into the wheel
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", "build", "dist", "*.egg-info", "__pycache__", ".hypothesis", ".pytest_cache", "notebooks"))
    out = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(source)],
        capture_output=True, text=True, timeout=600,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    (wheel,) = tmp_path.glob("mathref-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        top = {name.split("/")[0] for name in zf.namelist()}
        zf.extractall(tmp_path / "site")
    assert {t for t in top if not t.endswith(".dist-info")} == {"mathref"}
    for folder in ("algebra", "geometry", "spectral", "combinatorics"):
        assert f"mathref/{folder}/__init__.py" in zf.namelist()
    code = ("import mathref.algebra as a, mathref.geometry, mathref.spectral, mathref.combinatorics; "
            "print(a.__file__); print(a.clebsch_gordan(1, 1, 1, -1, 0, 0))")
    env = dict(os.environ, PYTHONPATH=str(tmp_path / "site"))
    run = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stderr
    where, value = run.stdout.split()
    assert Path(where).is_relative_to(tmp_path / "site") and value == "sqrt(1/3)"


if __name__ == "__main__":
    print("private imports across subpackages:", *private_imports() or ["none"], sep="\n  ")
    print("private attributes of other modules:", *foreign_private_attributes() or ["none"], sep="\n  ")
    print("module cycles:", *[" -> ".join(c) for c in cycles(import_graph())] or ["none"], sep="\n  ")
    print("package cycles:", *[" -> ".join(c) for c in cycles(package_graph())] or ["none"], sep="\n  ")
    print("ground floor imports of the four:", *ground_floor_violations() or ["none"], sep="\n  ")
