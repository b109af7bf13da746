"""Shared test configuration: hypothesis profiles and the jit / plain-Python fixture."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

# "default" keeps the whole suite inside the CI budget; "thorough" is for
# local hunting (HYPOTHESIS_PROFILE=thorough pytest ...).
settings.register_profile(
    "default",
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("ci", parent=settings.get_profile("default"), derandomize=True, print_blob=True)
settings.register_profile("thorough", parent=settings.get_profile("default"), max_examples=1000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "default"))


@pytest.fixture(params=["compiled", "python"])
def jit_mode(request):
    """Run a test with kernels compiled and again with their plain-Python twins.

    The fixture value is a function ``select(kernel)`` returning the kernel to
    call in this mode, so a test reads ``select(my_kernel)(args)``.
    """
    from mathref.jit import JIT_ENABLED

    if request.param == "compiled":
        if not JIT_ENABLED:
            pytest.skip("JIT disabled in this run")
        return lambda kernel: kernel
    return lambda kernel: kernel.py_func


# ---------------------------------------------------------------- kernel warm-up
# A cold Numba cache costs seconds per kernel on first call.  Left alone, that cost
# lands on whichever test first touches a kernel (one test took 73 s on a cold cache
# under load), which hides the real cost of tests and makes the slowest-test list
# meaningless.  One session fixture compiles (or loads from cache) every kernel up
# front and the terminal summary says what that cost.
_WARMUP: list = []


@pytest.fixture(scope="session", autouse=True)
def compiled_kernels():
    """Every package's kernels, compiled once before the first test runs."""
    from mathref.warmup import warmup_all

    report = warmup_all()
    _WARMUP.append(report)
    return report


def pytest_terminal_summary(terminalreporter):
    if _WARMUP:
        terminalreporter.write_line(_WARMUP[0].summary())
