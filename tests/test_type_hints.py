"""Every public callable carries parameter and return annotations (issue 17 §5).

The public API, as this test reads it:

* the names each of the four packages re-exports through its lazy ``__init__``
  (:func:`mathref.lazy.lazy_names`), and ``mathref.__all__``;
* the ``__all__`` of the ground-floor modules documented in ``docs/api/mathref.md``,
  of ``mathref.tables``, ``mathref.verify`` and ``mathref.testing``, of every
  package's ``warmup``/``verify``/``tables`` module and of the shipped hypothesis
  ``strategies`` modules (skipped when hypothesis is absent);
* for every exported class defined in mathref: its public methods, ``__init__``
  (or ``__new__``) when the class defines one, and the getter of each property.

A parameter counts as missing when it has no annotation (``self``/``cls`` are
exempt; ``*args``/``**kwargs`` are not); a return is missing when the signature
has none (``__init__`` included: it returns ``None``).  ``inspect.signature`` is
read as is, so string annotations (``from __future__ import annotations``) count
without being evaluated.

Run as a script for the counts: ``python -m tests.test_type_hints [-v] [--all]`` (from
the repository root: ``tests/mathref/`` would shadow the package if run by path);
``--all`` widens the survey to the ``__all__`` of every public submodule, beyond what
the test asserts.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import inspect
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from mathref.lazy import lazy_names

PACKAGES = ("mathref.algebra", "mathref.geometry", "mathref.spectral", "mathref.combinatorics")

# modules whose ``__all__`` is public API beyond the package re-exports
MODULES = (
    "mathref.errors",
    "mathref.exact",
    "mathref.caches",
    "mathref.optional",
    "mathref.validation",
    "mathref.jit",
    "mathref.lazy",
    "mathref.warmup",
    "mathref.tables",
    "mathref.verify",
    "mathref.testing",
    "mathref.algebra.warmup",
    "mathref.algebra.verify",
    "mathref.algebra.tables",
    "mathref.geometry.warmup",
    "mathref.geometry.verify",
    "mathref.geometry.tables",
    "mathref.spectral.warmup",
    "mathref.spectral.verify_kinds",
    "mathref.spectral.tables",
    "mathref.combinatorics.warmup",
)

# the shipped hypothesis strategies: public, but they need hypothesis to import
STRATEGY_MODULES = (
    "mathref.algebra.strategies",
    "mathref.geometry.strategies",
    "mathref.spectral.strategies",
    "mathref.combinatorics.strategies",
)

# Files whose offenders may stay open for a while (each entry a path relative to the
# repository root, or a folder ending in "/").  Empty: the whole public API is annotated.
PENDING_FILES: set[str] = set()


@dataclass
class Tally:
    """Counts of annotated parameters and returns, and the offenders."""

    parameters: int = 0
    parameters_annotated: int = 0
    returns: int = 0
    returns_annotated: int = 0
    offenders: dict[str, list[str]] = field(default_factory=dict)  # qualified name -> what is missing
    files: dict[str, str] = field(default_factory=dict)  # qualified name -> defining file

    def missing(self, name: str, what: str, path: str) -> None:
        self.offenders.setdefault(name, []).append(what)
        self.files[name] = path


def _ours(obj: object) -> bool:
    module = getattr(obj, "__module__", None) or ""
    return module == "mathref" or module.startswith("mathref.")


def _submodules() -> list[str]:
    """Every public submodule of mathref (no ``_`` in its dotted name), for the wider ``--all`` count."""
    import pkgutil

    names = []
    # each package is walked from its own path: the four subject folders are installed
    # under mathref by a package-dir mapping, not as folders inside mathref/
    for package in ("mathref", *PACKAGES):
        path = importlib.import_module(package).__path__
        for info in pkgutil.walk_packages(path, prefix=f"{package}."):
            if any(part.startswith("_") for part in info.name.split(".")[1:]):
                continue
            if ".strategies" in info.name and importlib.util.find_spec("hypothesis") is None:
                continue
            if info.name not in names:
                names.append(info.name)
    return names


def _exported(wide: bool = False) -> Iterator[tuple[str, object]]:
    import mathref

    for name in mathref.__all__:
        if not name.startswith("__"):
            yield f"mathref.{name}", getattr(mathref, name)
    for package in PACKAGES:
        module = importlib.import_module(package)
        for name in lazy_names(package, module.__file__):
            yield f"{package}.{name}", getattr(module, name)
    modules = list(MODULES)
    if importlib.util.find_spec("hypothesis") is not None:
        modules += STRATEGY_MODULES
    if wide:
        modules += [m for m in _submodules() if m not in modules]
    for module_name in modules:
        module = importlib.import_module(module_name)
        for name in getattr(module, "__all__", ()):
            yield f"{module_name}.{name}", getattr(module, name)


def _source_file(obj: object) -> str:
    target = inspect.unwrap(obj) if callable(obj) else obj
    try:
        path = inspect.getsourcefile(target) or ""
    except TypeError:
        path = ""
    root = str(Path(__file__).resolve().parents[1]) + "/"
    return path[len(root) :] if path.startswith(root) else path


def _is_kernel(obj: object) -> bool:
    # Numba dispatchers and the project's lazy kernels are private machinery
    kind = type(obj)
    return kind.__module__.startswith("numba.") or kind.__name__ in ("LazyKernel", "CPUDispatcher")


def _check_signature(tally: Tally, name: str, func: Callable, path: str, *, method: bool, init: bool = False) -> None:
    try:
        sig = inspect.signature(func)
    except (TypeError, ValueError):
        return
    params = list(sig.parameters.values())
    for index, param in enumerate(params):
        if method and index == 0 and param.name in ("self", "cls", "_cls"):
            continue
        tally.parameters += 1
        if param.annotation is inspect.Parameter.empty:
            tally.missing(name, f"parameter {param.name!r}", path)
        else:
            tally.parameters_annotated += 1
    tally.returns += 1
    if sig.return_annotation is inspect.Signature.empty:
        tally.missing(name, "return" if not init else "return (-> None)", path)
    else:
        tally.returns_annotated += 1


def _check_class(tally: Tally, name: str, cls: type, seen: set[int]) -> None:
    # methods inherited from a mathref base class are part of the class's API too
    for klass in cls.__mro__:
        if _ours(klass):
            _check_members(tally, name, klass, seen)


def _check_members(tally: Tally, name: str, cls: type, seen: set[int]) -> None:
    path = _source_file(cls)
    for attr, raw in vars(cls).items():
        if attr.startswith("_") and attr not in ("__init__", "__new__"):
            continue
        qualified = f"{name}.{attr}"
        if isinstance(raw, property):
            if raw.fget is not None and id(raw.fget) not in seen:
                seen.add(id(raw.fget))
                _check_signature(tally, qualified, raw.fget, path, method=True)
            continue
        if isinstance(raw, (staticmethod, classmethod)):
            func = raw.__func__
            method = isinstance(raw, classmethod)
        elif inspect.isfunction(raw):
            func = raw
            method = True
        else:
            continue
        if attr == "__new__":
            method = True  # cls
        # generated methods (a dataclass's __init__, a NamedTuple's __new__) are typed by
        # the annotated fields and live in no mathref module: skip them with the rest
        if not _ours(func):
            continue
        if id(func) in seen:
            continue
        seen.add(id(func))
        _check_signature(tally, qualified, func, path, method=method, init=attr == "__init__")


def survey(wide: bool = False) -> Tally:
    """Walk the public API once and count (``wide``: also every public submodule's ``__all__``)."""
    tally = Tally()
    seen: set[int] = set()
    for name, obj in _exported(wide):
        if id(obj) in seen or inspect.ismodule(obj) or _is_kernel(obj):
            continue
        seen.add(id(obj))
        if isinstance(obj, type):
            if _ours(obj):
                _check_class(tally, name, obj, seen)
            continue
        if not callable(obj):
            continue  # constants such as TABLE_KINDS
        if not _ours(obj) and not _ours(inspect.unwrap(obj)):
            continue
        _check_signature(tally, name, obj, _source_file(obj), method=False)
    return tally


def _pending(path: str) -> bool:
    return any(path == entry or (entry.endswith("/") and path.startswith(entry)) for entry in PENDING_FILES)


def _describe(tally: Tally, names: list[str]) -> str:
    return "\n".join(f"  {n} [{tally.files[n]}]: {', '.join(tally.offenders[n])}" for n in sorted(names))


@functools.cache
def _default_survey() -> Tally:
    return survey()


def test_public_api_is_annotated():
    tally = _default_survey()
    open_names = [n for n in tally.offenders if not _pending(tally.files[n])]
    assert not open_names, f"{len(open_names)} public callables lack annotations:\n" + _describe(tally, open_names)


def test_every_public_submodule_is_annotated():
    """The wider survey (each public submodule's ``__all__``) holds too, not only the package exports."""
    tally = survey(wide=True)
    open_names = [n for n in tally.offenders if not _pending(tally.files[n])]
    assert not open_names, f"{len(open_names)} public callables lack annotations:\n" + _describe(tally, open_names)


def test_survey_sees_the_api():
    # guard against a survey that silently walks nothing
    tally = _default_survey()
    assert tally.returns > 400 and tally.parameters > 1000


def main(argv: list[str]) -> None:
    tally = survey(wide="--all" in argv)
    print(f"returns annotated:    {tally.returns_annotated} / {tally.returns}")
    print(f"parameters annotated: {tally.parameters_annotated} / {tally.parameters}")
    pending = [n for n in tally.offenders if _pending(tally.files[n])]
    open_names = [n for n in tally.offenders if not _pending(tally.files[n])]
    print(f"callables with something missing: {len(tally.offenders)} ({len(pending)} in PENDING files)")
    if "-v" in argv:
        print("open:")
        print(_describe(tally, open_names))
        print("pending:")
        print(_describe(tally, pending))


if __name__ == "__main__":
    main(sys.argv[1:])
