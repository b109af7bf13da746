"""Bad input to the QSP layer gets a clear error naming the argument; results survive pickling.

The cases are the ones issue 13 (section 4) and issue 18 list: empty phase lists (which
returned uninitialised memory or raised IndexError), text where numbers belong, bad
scales, sizes that would allocate gigabytes or run for minutes.
"""

from __future__ import annotations

import copy
import pickle

import numpy as np
import pytest

from mathref.errors import InvalidArgumentError
from mathref.spectral import (
    convert_phases,
    cos_target,
    qsp_phases,
    qsp_response,
    qsp_unitary,
    verify,
)
from mathref.spectral.qsp.solvers import estimated_seconds


@pytest.mark.parametrize("call", [
    lambda: qsp_unitary([], np.array([0.5])),
    lambda: qsp_response([], np.array([0.5])),
    lambda: convert_phases([], "Wx", "reflection"),
    lambda: convert_phases([], "Wx", "Wx"),
    lambda: verify([], [0.0, 0.5]),
])
def test_empty_phase_lists_are_refused(call):
    with pytest.raises(InvalidArgumentError, match="at least one phase"):
        call()


@pytest.mark.parametrize("call,name", [
    (lambda: qsp_phases("0.5"), "target"),
    (lambda: qsp_phases(["0.0", "0.5"]), "target"),
    (lambda: qsp_phases(np.array(["0.0", "0.5"])), "target"),
    (lambda: qsp_response("0.1", [0.5]), "phases"),
    (lambda: qsp_response([0.1], "0.5"), "x"),
    (lambda: convert_phases("0.1", "Wx", "Wz"), "phases"),
])
def test_text_is_not_a_number(call, name):
    with pytest.raises(TypeError, match=name):
        call()


def test_solver_options_are_validated_for_every_method():
    c = np.array([0.0, 0.5])
    with pytest.raises(InvalidArgumentError, match="maxiter"):
        qsp_phases(c, maxiter=-1)
    with pytest.raises(InvalidArgumentError, match="maxiter"):
        qsp_phases(c, method="newton", maxiter=0)
    with pytest.raises(TypeError, match="check"):
        qsp_phases(c, check="yes")
    with pytest.raises(InvalidArgumentError, match="time_limit"):
        qsp_phases(c, time_limit=0)
    with pytest.raises(InvalidArgumentError, match="points"):
        verify([0.1, 0.1], c, points=0)


def test_huge_degrees_are_refused_up_front_with_an_estimate():
    c = np.zeros(200_001)
    c[-1] = 0.5
    with pytest.raises(InvalidArgumentError, match=r"estimated to take ~[\d,]+ s"):
        qsp_phases(c)
    assert estimated_seconds(200_000) > 600
    assert estimated_seconds(1000) < 0.1


def test_large_tau_is_refused_before_allocating():
    # the issue: cos_target(1e9) tried to allocate 10.9 GiB
    with pytest.raises(InvalidArgumentError, match="tau=1e\\+09"):
        cos_target(1e9)


def test_phase_results_pickle_and_deepcopy():
    r = qsp_phases(np.array([0.0, 0.3, 0.0, 0.4]))
    for u in (pickle.loads(pickle.dumps(r)), copy.deepcopy(r)):
        assert u == r
    assert r != r.to("reflection")
    v = verify(r.phases, r.target)
    assert pickle.loads(pickle.dumps(v)) == v
    assert copy.deepcopy(v) == v
