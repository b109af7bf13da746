"""Hypothesis strategies for algebra: coupling labels, Gaunt labels and chemical species.

Import these into your own test-suites::

    from mathref.algebra.strategies import three_j_labels

This package needs hypothesis (``pip install "mathref[strategies]"``); the runtime package
``mathref.algebra`` never imports it.
"""

from mathref.optional import require

require("hypothesis", extra="strategies", feature="mathref.algebra.strategies")


from .chemistry import element_symbols, formulas, ions, species_sets
from .coupling import (
    angular_momenta,
    clebsch_gordan_labels,
    half_integers,
    projections,
    six_j_labels,
    three_j_labels,
    triangle_triples,
)
from .gaunt import gaunt_degrees, gaunt_labels, real_gaunt_labels

__all__ = [
    # coupling labels
    "half_integers",
    "angular_momenta",
    "projections",
    "triangle_triples",
    "three_j_labels",
    "clebsch_gordan_labels",
    "six_j_labels",
    # Gaunt labels
    "gaunt_degrees",
    "gaunt_labels",
    "real_gaunt_labels",
    # chemistry
    "element_symbols",
    "formulas",
    "ions",
    "species_sets",
]
