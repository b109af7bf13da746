"""Random points of the symbols' domains, shared by the soundness tests of the rules and the explanations."""

from __future__ import annotations

from mathref.combinatorics.egraph.analyses import NONNEGATIVE, NONZERO, POSITIVE, REAL
from mathref.combinatorics.strategies import expression_terms

POS = REAL | POSITIVE | NONNEGATIVE | NONZERO
DOMAINS = {"p": POS, "q": POS, "r": REAL, "x": 0}

# random terms over the symbols of DOMAINS
terms = expression_terms(symbols=tuple(DOMAINS), max_leaves=6)


def sample_point(rng):
    pt = {}
    for name, f in DOMAINS.items():
        if f & POSITIVE:
            pt[name] = rng.uniform(0.2, 3.0)
        elif f & REAL:
            pt[name] = rng.uniform(-3.0, 3.0)
        else:
            pt[name] = complex(rng.uniform(-3, 3), rng.uniform(-3, 3)) if rng.random() < 0.5 else rng.uniform(-3, 3)
    return pt


def close(a, b):
    return abs(a - b) <= 1e-7 * (1 + abs(a) + abs(b))
