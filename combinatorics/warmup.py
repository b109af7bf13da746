"""Compile (or load from the cache) every Numba kernel of ``mathref.combinatorics`` once.

:func:`warmup` is registered in the ``mathref.warmup`` entry-point group, so
``mathref warmup`` and the test session run it before any real call needs a
kernel.  Each subpackage has its own part: the e-graph's compiled saturation of
plain pattern rules and the Weisfeiler-Lehman refinement.
"""

from __future__ import annotations

from .wl import CSRGraph, colour_refinement, csr_canonical_labelling

__all__ = ["warmup"]


def _egraph_warmup() -> list[str]:
    """Kernels of the e-graph's compiled saturation of plain pattern rules (``combinatorics.egraph``)."""
    from .egraph.saturation import warmup_syntactic_kernels

    return warmup_syntactic_kernels()


def _wl_warmup() -> list[str]:
    """Kernels of the Weisfeiler-Lehman refinement (``combinatorics.wl``): one refinement round reaches all three.

    Every caller (colour refinement, hashes, the isomorphism search, LP model
    equivalence) runs them on int64 CSR arrays, the one signature compiled here.
    """
    colour_refinement(CSRGraph.from_arrays([0, 1, 3, 4], [1, 0, 2, 1]))  # the path 0 - 1 - 2
    # the canonical-labelling search: a 5-cycle (no twins, so it needs a search), once with one slot label
    # and once with two; the "connected" selector reaches the last branch of ir_select_cell
    indptr = [0, 2, 4, 6, 8, 10]
    indices = [1, 4, 0, 2, 1, 3, 2, 4, 3, 0]
    csr_canonical_labelling(CSRGraph.from_arrays(indptr, indices), cell_selector="connected")
    labels = [0, 1, 0, 0, 0, 0, 0, 0, 0, 1]  # the edge 0 - 4 carries label 1 on both of its slots
    csr_canonical_labelling(CSRGraph.from_arrays(indptr, indices, edge_labels=labels))
    return ["wl_sorted_signatures", "wl_order_by_colour_and_key", "wl_assign_ranks", "ir_refine", "ir_select_cell"]


def warmup() -> list[str]:
    """Reach every kernel of the package once; returns the names of the kernels touched."""
    return _egraph_warmup() + _wl_warmup()
