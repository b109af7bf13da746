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
    # graphs below 64 nodes (refinement) and 12 nodes (search) run the plain-Python kernels until the compiled
    # ones are loaded, so the warm-up uses a 64-node path and a 20-node cycle
    n = 64
    path_indptr = [0] + [1 + 2 * i for i in range(n - 1)] + [2 * (n - 1)]
    path_indices = [1] + sum(([i - 1, i + 1] for i in range(1, n - 1)), []) + [n - 2]
    colour_refinement(CSRGraph.from_arrays(path_indptr, path_indices))
    # the canonical-labelling search: a 20-cycle (no twins, so it needs a search), once with one slot label
    # and once with two; the "connected" selector reaches the last branch of ir_select_cell
    c = 20
    indptr = [2 * i for i in range(c + 1)]
    indices = sum(([(i - 1) % c, (i + 1) % c] for i in range(c)), [])
    csr_canonical_labelling(CSRGraph.from_arrays(indptr, indices), cell_selector="connected")
    labels = [0] * (2 * c)
    labels[0] = labels[2 * c - 1] = 1  # the edge 0 - 19 carries label 1 on both of its slots
    csr_canonical_labelling(CSRGraph.from_arrays(indptr, indices, edge_labels=labels))
    return ["wl_sorted_signatures", "wl_order_by_colour_and_key", "wl_assign_ranks", "ir_refine", "ir_select_cell",
            "ir_search", "ir_orbit_sizes", "ir_twin_classes", "ir_components", "ir_root_partition"]


def warmup() -> list[str]:
    """Reach every kernel of the package once; returns the names of the kernels touched."""
    return _egraph_warmup() + _wl_warmup()
