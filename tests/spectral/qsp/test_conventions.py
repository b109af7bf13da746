"""Phase conventions: exact conversions keep the readout polynomial."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from mathref.spectral import convert_phases, qsp_response
from mathref.spectral.qsp import CONVENTIONS

phase_arrays = st.lists(st.floats(-np.pi, np.pi), min_size=2, max_size=40).map(np.array)


@given(phase_arrays, st.sampled_from(CONVENTIONS), st.sampled_from(CONVENTIONS))
def test_conventions_convert_exactly_and_round_trip(ph, a, b):
    if a == "reflection":
        ph = ph[:-1]
    x = np.linspace(-1, 1, 13)
    other = convert_phases(ph, a, b)
    ra = qsp_response(ph, x, convention=a)
    rb = qsp_response(other, x, convention=b)
    read = {"symmetric-im": lambda r: r.imag}
    fa = read.get(a, lambda r: r.real)(ra)
    fb = read.get(b, lambda r: r.real)(rb)
    assert np.allclose(fa, fb, atol=1e-12)
    assert np.allclose(convert_phases(other, b, a) - ph, 0, atol=1e-12) or a == "reflection" or b == "reflection"
