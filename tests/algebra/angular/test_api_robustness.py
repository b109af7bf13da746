"""Every public callable of ``mathref.algebra.angular`` called with garbage (issue 17 §4).

Each argument in turn is replaced by a value a fuzzer would try (None, strings,
NaN, infinities, huge and negative ints, empty and wrongly shaped arrays,
unsigned overflow, bools, objects); the call must return or raise an error
from :mod:`mathref.errors`, never a builtin one (``AttributeError``,
``OverflowError``, ``MemoryError``, a bare ``TypeError``...).  A watchdog turns a
hang into a failure (it is a guard against runaway loops, not a timing test).
"""

from __future__ import annotations

import inspect
import signal
import threading
from fractions import Fraction

import numpy as np
import pytest

import mathref.algebra.angular as angular
from mathref.errors import MathrefError, SizeLimitError

GARBAGE = [
    None,
    "1",
    "abc",
    float("nan"),
    float("inf"),
    -float("inf"),
    10**30,
    -(10**30),
    2**63,
    10**6,
    -1,
    1.5,
    0.3,
    True,
    1 + 1j,
    Fraction(1, 3),
    [1, 2],
    object(),
    np.float64("nan"),
    np.array(5),
    np.array([]),
    np.zeros((2, 3)),
    np.array([2**63], np.uint64),
]

CALLABLES = [name for name in angular.__all__ if callable(getattr(angular, name)) and name != "RealGauntRule"]


def _required(func):
    params = inspect.signature(func).parameters.values()
    return [p.name for p in params if p.default is inspect.Parameter.empty and p.kind is p.POSITIONAL_OR_KEYWORD]


def _base_args(name, func):
    if name == "spread_over_permutations":
        return [{}, (0, 1, 1), {(0, 1, -1): 1}]
    if name.endswith("_rows_bound"):
        return [2, False]
    return [1] * len(_required(func))


class _Hang(Exception):
    pass


def _call_with_watchdog(func, args, seconds=30):
    """Call ``func(*args)``; a call still running after ``seconds`` fails the test (POSIX main thread only)."""
    use_alarm = hasattr(signal, "SIGALRM") and threading.current_thread() is threading.main_thread()
    if use_alarm:
        def on_alarm(signum, frame):
            raise _Hang

        previous = signal.signal(signal.SIGALRM, on_alarm)
        signal.alarm(seconds)
    try:
        result = func(*args)
        if inspect.isgenerator(result):  # generators validate at the call; take one item too
            next(result, None)
        return result
    finally:
        if use_alarm:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("name", CALLABLES)
def test_garbage_gives_a_mathref_error_or_a_value(name):
    func = getattr(angular, name)
    base = _base_args(name, func)
    failures = []
    for position in range(len(base)):
        for bad in GARBAGE:
            args = list(base)
            args[position] = bad
            try:
                _call_with_watchdog(func, args)
            except MathrefError:
                pass
            except _Hang:
                failures.append((position, repr(bad)[:40], "hang"))
            except Exception as exc:  # noqa: BLE001 - the point of the test
                failures.append((position, repr(bad)[:40], f"{type(exc).__name__}: {exc}"[:120]))
    assert not failures, failures


def test_not_a_number_is_an_invalid_type_error_and_still_a_type_error():
    from mathref.errors import InvalidTypeError

    for func, args in (
        (angular.wigner_3j, (None, 1, 1, 0, 0, 0)),
        (angular.wigner_6j_array, ("abc", 1, 1, 1, 1, 1)),
        (angular.gaunt, (True, 1, 0, 0, 0, 0)),
        (angular.gaunt_block, (object(), 1, 1)),
        (angular.three_j_doubled, (2.0, 2, 0, 0, 0, 0)),
    ):
        with pytest.raises(InvalidTypeError):
            func(*args)
        with pytest.raises(TypeError):
            func(*args)


def test_sizes_are_refused_up_front_with_the_argument_named():
    with pytest.raises(SizeLimitError) as info:
        angular.wigner_3j_exact_table(10**6)
    assert info.value.argument == "jmax"
    with pytest.raises(SizeLimitError):
        angular.real_gaunt_rules(10**6, 10**6, 2)
    with pytest.raises(SizeLimitError):
        angular.gaunt_block_exact(10**6, 10**6, 2)
    # a huge bound is still an upper bound, computed in closed form
    assert angular.three_j_rows_bound(10**6, False) > 10**20


def test_checked_doubled_interface_keeps_its_values():
    # the argument checks of the sibling interface change nothing for trusted ints
    assert angular.is_triangle(2, 2, 4) and not angular.is_triangle(1, 1, 1)
    assert angular.three_j_doubled(2, 2, 0, 2, -2, 0) == angular.wigner_3j(1, 1, 0, 1, -1, 0)
    assert angular.three_j_doubled(np.int64(2), 2, 0, 2, -2, 0) == angular.three_j_doubled(2, 2, 0, 2, -2, 0)
    assert angular.six_j_doubled(ta=2, tb=2, tc=2, td=2, te=2, tf=2) == angular.wigner_6j(1, 1, 1, 1, 1, 1)
    assert angular.real_gaunt_block_exact(1, 1, 1) == {}  # odd degree sum: no block
    assert list(angular.allowed_degree_triples(1)) == [(0, 0, 0), (0, 1, 1)]


@pytest.mark.parametrize("bad", [None, "yes", 2, np.array([True, False]), float("nan")])
def test_integer_only_must_be_a_bool(bad):
    for build in (angular.wigner_3j_exact_table, angular.clebsch_gordan_exact_table, angular.wigner_6j_exact_table):
        with pytest.raises(MathrefError):
            build(1, integer_only=bad)


def test_a_hand_made_table_is_checked_at_construction():
    good = angular.wigner_3j_exact_table(0.5)
    assert angular.ExactCouplingTable(good.kind, good.columns, good.doubled_labels, good.values) == good
    for args in (
        (None, None, None, None),
        ("4j", good.columns, good.doubled_labels, good.values),
        ("3j", good.columns, good.doubled_labels.astype(float), good.values),
        ("3j", good.columns, good.doubled_labels, good.values[:-1]),
        ("3j", good.columns, good.doubled_labels, tuple(float(v) for v in good.values)),
    ):
        with pytest.raises(MathrefError):
            angular.ExactCouplingTable(*args)
