"""Call every public callable of a package with garbage and classify what happens.

Issue 17 §4: a public callable given None, strings, NaN, inf, huge or negative
integers, empty or wrong-shape arrays must either return (a result we cannot
judge here, unless it is a constructor that accepted garbage for a required
argument) or raise a mathref error — a subclass of ``ValueError``/``TypeError``
from :mod:`mathref.errors` — within a time budget.  Anything else (a bare
``AttributeError``/``IndexError``/``KeyError``/``OverflowError``/``MemoryError``,
a ``ZeroDivisionError``, numpy's errors, a ``RecursionError``, a hang) is a
failure.  A ``TypeError`` raised by Python itself because the call does not fit
the signature is clean too.  A builtin ``ValueError``/``TypeError`` that is not a
mathref error is counted apart ("plain"): not a failure, but not yet the library
error naming the argument that the issue asks for.

The sweep, for each callable:

1. each garbage value alone, in every required positional slot at once;
2. a *base call* found by trying a few plausible values (1, 2, 0.5, small arrays,
   strings such as "H2O") for all required arguments; when one returns, each
   argument in turn (required ones and those with defaults) is replaced by each
   garbage value, the others kept.

Run as ``python -m tests.fuzz.api_fuzzer mathref.geometry`` for a JSON report.
"""

from __future__ import annotations

import importlib
import inspect
import json
import math
import pkgutil
import re
import signal
import sys
import time
import warnings
from dataclasses import dataclass, field

import numpy as np

from mathref.errors import MathrefError

CALL_BUDGET_S = 2.0
_SIGNATURE_ERROR = re.compile(
    r"missing \d+ required|unexpected keyword argument|takes (from )?\d+ (to \d+ )?positional|positional argument"
)


def garbage_values() -> list[tuple[str, object]]:
    """The garbage each argument receives, with a short name for the report."""
    return [
        ("None", None),
        ("str", "abc"),
        ("empty-str", ""),
        ("nan", math.nan),
        ("inf", math.inf),
        ("-inf", -math.inf),
        ("-1", -1),
        ("huge", 10**30),
        ("-huge", -(10**30)),
        ("2**63", 2**63),
        ("1.5", 1.5),
        ("complex", 1 + 1j),
        ("empty-list", []),
        ("nested-empty", [[]]),
        ("empty-array", np.array([])),
        ("4d-array", np.zeros((2, 2, 2, 2))),
        ("nan-array", np.array([math.nan, 1.0])),
        ("dict", {}),
        ("object", object()),
    ]


def plausible_values() -> list[object]:
    """Values tried for every required argument at once to find a base call."""
    return [1, 2, 0, 0.5, 3, "H2O", np.linspace(-0.5, 0.5, 3), [1, 2], (1, 1)]


class _Timeout(BaseException):
    """Raised by the alarm; a BaseException so library code cannot swallow it."""


def _alarm(signum, frame):  # pragma: no cover - timing dependent
    raise _Timeout


@dataclass
class Outcome:
    """What one call did."""

    kind: str  # "returned", "clean", "plain", "signature", "failure", "timeout", "accepted-garbage"
    detail: str = ""


@dataclass
class Report:
    """Counts of outcomes and the failures, per package."""

    package: str
    callables: int = 0
    calls: int = 0
    counts: dict = field(default_factory=dict)
    failures: list = field(default_factory=list)
    plain: list = field(default_factory=list)
    _seen: set = field(default_factory=set, repr=False)

    def add(self, name: str, call: str, outcome: Outcome) -> None:
        if call in self._seen:
            return
        self._seen.add(call)
        self.calls += 1
        self.counts[outcome.kind] = self.counts.get(outcome.kind, 0) + 1
        if outcome.kind in ("failure", "timeout", "accepted-garbage"):
            self.failures.append({"callable": name, "call": call, "kind": outcome.kind, "detail": outcome.detail})
        elif outcome.kind == "plain":
            self.plain.append({"callable": name, "call": call, "detail": outcome.detail})


def public_callables(package: str) -> dict[str, object]:
    """Every callable named in the ``__all__`` of the package and of its public modules, once each."""
    root = importlib.import_module(package)
    modules = [root]
    for info in pkgutil.walk_packages(root.__path__, prefix=f"{package}."):
        leaf = info.name.rsplit(".", 1)[-1]
        if any(part.startswith("_") for part in info.name.split(".")[1:]) or leaf in ("strategies", "warmup", "cli"):
            continue
        if ".strategies" in info.name or leaf == "__main__":
            continue
        modules.append(importlib.import_module(info.name))
    found: dict[str, object] = {}
    seen: set[int] = set()
    for module in modules:
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name, None)
            if obj is None or not callable(obj) or id(obj) in seen:
                continue
            if isinstance(obj, type) and issubclass(obj, BaseException):
                continue
            seen.add(id(obj))
            found[f"{module.__name__}.{name}"] = obj
    return found


def _required(sig: inspect.Signature) -> list[inspect.Parameter]:
    kinds = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    return [p for p in sig.parameters.values() if p.kind in kinds and p.default is inspect.Parameter.empty]


def _call(func, args, kwargs) -> Outcome:
    # the alarm repeats every 0.2 s after the budget, so code that swallows one
    # (a bare except in a retry loop) is interrupted again until the call ends
    sys.stderr.write(f"call {_render(func.__qualname__, args, kwargs)}\n")
    signal.setitimer(signal.ITIMER_REAL, CALL_BUDGET_S, 0.2)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = func(*args, **kwargs)
            if inspect.isgenerator(result):  # validation must happen at the call, not at the first next()
                next(iter(result), None)
                result.close()
    except _Timeout:
        return Outcome("timeout", f"> {CALL_BUDGET_S} s")
    except MathrefError as exc:
        return Outcome("clean", type(exc).__name__)
    except (TypeError, ValueError) as exc:
        # Python's own "missing/unexpected argument" TypeError is about the call, not the values
        message = str(exc)
        if isinstance(exc, TypeError) and _SIGNATURE_ERROR.search(message):
            return Outcome("signature", message[:120])
        # a builtin ValueError/TypeError: clean enough not to be a failure, but not a library error
        return Outcome("plain", f"{type(exc).__name__}: {message[:160]}")
    except BaseException as exc:  # noqa: BLE001 - the point is to classify everything
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        return Outcome("failure", f"{type(exc).__name__}: {str(exc)[:160]}")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return Outcome("returned", type(result).__name__)


def _render(name, args, kwargs) -> str:
    def short(v):
        text = repr(v)
        return text if len(text) <= 40 else text[:37] + "..."

    parts = [short(a) for a in args] + [f"{k}={short(v)}" for k, v in kwargs.items()]
    return f"{name.rsplit('.', 1)[-1]}({', '.join(parts)})"


def fuzz_callable(name: str, func, report: Report) -> None:
    """Run the sweep on one callable."""
    try:
        sig = inspect.signature(func)
    except (TypeError, ValueError):
        return
    report.callables += 1
    required = _required(sig)
    is_class = isinstance(func, type)
    garbage = garbage_values()
    for label, value in garbage:
        args = [value] * max(1, len(required))
        if not required and not any(p.kind == p.VAR_POSITIONAL for p in sig.parameters.values()):
            args = []
            if not sig.parameters:
                continue
            first = next(iter(sig.parameters.values()))
            outcome = _call(func, [], {first.name: value}) if first.kind != first.VAR_KEYWORD else None
            if outcome is not None:
                report.add(name, _render(name, [], {first.name: value}), outcome)
            continue
        outcome = _call(func, args, {})
        if (
            outcome.kind == "returned"
            and is_class
            and required
            and label in ("None", "object")  # a str or dict may be the right type for a name or a mapping
        ):
            outcome = Outcome("accepted-garbage", f"constructor accepted {label} for every required argument")
        report.add(name, _render(name, args, {}), outcome)
    # a base call from plausible values, then one argument at a time
    base = None
    for candidate in plausible_values():
        args = [candidate] * len(required)
        if _call(func, args, {}).kind == "returned":
            base = args
            break
    if base is None:
        return
    names = [p.name for p in sig.parameters.values() if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
    for position, pname in enumerate(names):
        for _label, value in garbage:
            if position < len(base):
                args = list(base)
                args[position] = value
                kwargs = {}
            else:
                args, kwargs = list(base), {pname: value}
            report.add(name, _render(name, args, kwargs), _call(func, args, kwargs))


def random_calls(name: str, func, report: Report, *, examples: int) -> None:
    """Hypothesis-drawn mixtures of garbage and plausible values, every required slot drawn independently."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    try:
        sig = inspect.signature(func)
    except (TypeError, ValueError):
        return
    width = len(_required(sig))
    if width == 0:
        return
    value = st.one_of(
        st.sampled_from([v for _, v in garbage_values()]),
        st.sampled_from(plausible_values()),
        st.integers(min_value=-(2**70), max_value=2**70),
        st.floats(allow_nan=True, allow_infinity=True),
    )

    @settings(max_examples=examples, database=None, derandomize=True, deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(st.lists(value, min_size=width, max_size=width))
    def probe(args):
        report.add(name, _render(name, args, {}), _call(func, args, {}))

    probe()


def fuzz_package(package: str, *, only: str | None = None, examples: int = 20) -> Report:
    """Fuzz every public callable of ``package`` (or only those whose name contains ``only``)."""
    signal.signal(signal.SIGALRM, _alarm)
    report = Report(package)
    for name, func in public_callables(package).items():
        if only and only not in name:
            continue
        fuzz_callable(name, func, report)
        if examples:
            random_calls(name, func, report, examples=examples)
    return report


def main(argv: list[str]) -> int:
    import os

    package = argv[0]
    only = argv[1] if len(argv) > 1 else None
    examples = int(os.environ.get("MATHREF_FUZZ_EXAMPLES", "20"))
    start = time.perf_counter()
    report = fuzz_package(package, only=only, examples=examples)
    data = {
        "package": report.package,
        "callables": report.callables,
        "calls": report.calls,
        "counts": report.counts,
        "failures": report.failures,
        "plain": report.plain,
        "seconds": round(time.perf_counter() - start, 1),
    }
    print(json.dumps(data))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
