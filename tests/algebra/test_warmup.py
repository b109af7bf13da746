"""algebra.warmup: reaches every kernel of the package, and leaves nothing for the public functions to compile."""

from __future__ import annotations

import pytest

from mathref.algebra import (
    circuits,
    clebsch_gordan_array,
    clebsch_gordan_table,
    complete_reaction_set,
    gaunt_block,
    real_gaunt_tensor,
    wigner_3j_array,
    wigner_3j_table,
    wigner_6j_array,
    wigner_9j_array,
)
from mathref.algebra.angular import _coupling_kernels, _recoupling_kernels
from mathref.algebra.intlinalg import _circuit_kernels
from mathref.algebra.warmup import warmup
from mathref.jit import JIT_ENABLED

MODULES = (_coupling_kernels, _recoupling_kernels, _circuit_kernels)


def _kernels():
    """Every kernel (function made by ``jit``) of the package's kernel modules, by name."""
    return {
        name: obj
        for mod in MODULES
        for name, obj in vars(mod).items()
        if hasattr(obj, "py_func") and getattr(obj, "__module__", mod.__name__) == mod.__name__
    }


@pytest.mark.kernel
def test_warmup_names_the_kernels_it_reaches():
    names = warmup()
    assert len(names) == len(set(names))
    assert set(names) <= set(_kernels())
    assert {"circuit_search_depth_first", "wigner_3j_batch", "clebsch_gordan_dense"} <= set(names)


@pytest.mark.kernel
def test_kernels_called_from_python_are_compiled_after_warmup():
    # helpers compile inside their callers (and come back from the disk cache that way), so only
    # the kernels the public functions call have signatures of their own
    names = warmup()
    if not JIT_ENABLED:
        return
    kernels = _kernels()
    assert [name for name in names if not kernels[name].signatures] == []


@pytest.mark.kernel
def test_after_warmup_public_calls_compile_nothing_new():
    warmup()
    if not JIT_ENABLED:
        return
    before = {name: len(k.signatures) for name, k in _kernels().items()}
    wigner_3j_array([2, 3], 2, 1, 0, 0, 0)
    clebsch_gordan_array(1.5, 0.5, 1, [-1, 0], 0.5, [-0.5, 0.5])
    float(wigner_3j_array(3, 2, 1, 0, 0, 0))
    clebsch_gordan_table(2, 1.5, 1.5)
    wigner_3j_table(3, 2, 1)
    gaunt_block(2, 1, 1)
    real_gaunt_tensor(1, 1, 2)
    circuits([[1, 0, 1, 1], [0, 2, 1, 2]], method="compiled")
    complete_reaction_set(["C", "O2", "CO", "CO2"])
    float(wigner_6j_array(2, 1.5, 1.5, 1, 0.5, 1))
    wigner_6j_array([1, 2], 1, 1, 1, 1, 1)
    float(wigner_9j_array(1, 1, 1, 1, 1, 1, 1, 1, 2))
    wigner_9j_array([1, 2], 1, 1, 1, 1, 1, 1, 1, 2)
    after = {name: len(k.signatures) for name, k in _kernels().items()}
    assert after == before
