"""The qsp verify kind: phases are checked through the polynomial they achieve (issue 17 §1)."""

from __future__ import annotations

import numpy as np

from mathref.spectral import convert_phases, qsp_phases
from mathref.verify import verify

TARGET = np.array([0.0, 0.5, 0.0, 0.3])


def test_good_phases_pass_and_perturbed_fail():
    ph = qsp_phases(TARGET).phases
    assert verify("qsp", ph, target=TARGET).passed
    bad = ph.copy()
    bad[0] += 1e-6
    r = verify("qsp", bad, target=TARGET)
    assert not r.passed and r.detected is None and r.max_absolute > 1e-8


def test_phases_in_another_convention_are_named():
    ph = convert_phases(qsp_phases(TARGET).phases, "Wx", "reflection")
    r = verify("qsp", ph, target=TARGET)
    assert not r.passed and r.detected == "reflection"
    assert verify("qsp", ph, target=TARGET, convention="reflection").passed
