"""The calls of issue 18 §2 and §4, each refused at the call with a mathref error (or, for exact
values too large to normalise, kept exact and unnormalised).

``benchmarks/size_guards.py`` runs the same calls in fresh interpreters and prints the
time and memory of each for the closing note.
"""

from __future__ import annotations

import numpy as np
import pytest
import sympy

from mathref.errors import MathrefError


def _egraph_with_x():
    from mathref.combinatorics import EGraph

    eg = EGraph()
    return eg, eg.add_term(("x",))


REFUSED = {
    "sph_harm_symbolic(10**30, 1)": lambda: __import__("mathref.geometry").geometry.sph_harm_symbolic(10**30, 1),
    "full_tensor_product_paths(10**30, 1)":
        lambda: __import__("mathref.geometry").geometry.full_tensor_product_paths(10**30, 1),
    "erf_target(1e30)": lambda: __import__("mathref.spectral").spectral.erf_target(1e30),
    "bin_packing_model([3, 5], 8, 10**30)":
        lambda: __import__("mathref.combinatorics").combinatorics.bin_packing_model([3, 5], 8, 10**30),
    "enumerate_terms(max_size=10**30)":
        lambda: __import__("mathref.combinatorics").combinatorics.enumerate_terms(*_egraph_with_x(), max_size=10**30),
    "equivalent_forms(max_size=10**30)":
        lambda: __import__("mathref.combinatorics").combinatorics.equivalent_forms(sympy.Symbol("x") + 1,
                                                                                  max_size=10**30),
    "chebyshev_points(2**63)": lambda: __import__("mathref.spectral").spectral.chebyshev_points(2**63),
    "gauss_legendre_grid(10**12)": lambda: __import__("mathref.geometry").geometry.gauss_legendre_grid(10**12),
    "sh_forward_transform(lmax=10**12)":
        lambda: __import__("mathref.geometry").geometry.sh_forward_transform(np.zeros((4, 8)), 10**12),
    "newton(None)": lambda: __import__("mathref.spectral.potentials").spectral.potentials.newton(None),
    "chebyshev_coefficients_nd(None)": lambda: __import__("mathref.spectral").spectral.chebyshev_coefficients_nd(None),
    "slater(-7.5)": lambda: __import__("mathref.spectral.potentials").spectral.potentials.slater(-7.5),
    "canonical_term(eg, -1)":
        lambda: __import__("mathref.combinatorics").combinatorics.canonical_term(_egraph_with_x()[0], -1),
    "deduplicate('abc')": lambda: __import__("mathref.combinatorics").combinatorics.deduplicate("abc"),
    "evaluate_term(4-d array, {})":
        lambda: __import__("mathref.combinatorics").combinatorics.evaluate_term(np.zeros((2, 2, 2, 2)), {}),
    "bin_packing_model([3, 5], -1, 2)":
        lambda: __import__("mathref.combinatorics").combinatorics.bin_packing_model([3, 5], -1, 2),
    "ExactComplex('abc', None)":
        lambda: __import__("mathref.geometry.fourier_basis").geometry.fourier_basis.ExactComplex("abc", None),
    "parse_formula([])": lambda: __import__("mathref.algebra").algebra.parse_formula([]),
    "iter_circuits('not a matrix')": lambda: __import__("mathref.algebra").algebra.iter_circuits("not a matrix"),
    "factorial(-1)": lambda: __import__("mathref.factorials").factorials.factorial(-1),
    "factorial(10**30)": lambda: __import__("mathref.factorials").factorials.factorial(10**30),
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_at_the_call_with_a_mathref_error(name):
    with pytest.raises(MathrefError):
        REFUSED[name]()


@pytest.mark.parametrize("radicand", [10**24, 10**30, (2**127 - 1) * (2**89 - 1)])
def test_huge_radicands_stay_exact_without_factoring(radicand):
    from mathref import SqrtRational

    value = SqrtRational(1, radicand)
    assert value * value == radicand
    assert hash(value) == hash(SqrtRational(1, radicand))
