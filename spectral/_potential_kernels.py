"""Numba kernels for the short-range part of range-separated potentials (cell-list neighbour sums).

Kernels take contiguous float64/int64 arrays and scalars, validate nothing and
write into caller-allocated outputs.  The public wrapper is
:class:`spectral.potentials.MultiParticlePotential`.  Charges are sorted by
cell (cells of side >= cutoff on a box grid), so the neighbours of a point lie
in the 27 cells around its own.
"""

from __future__ import annotations

import math

from mathref.jit import jit

__all__ = ["short_range_cells", "short_range_gradient_cells"]


@jit
def short_range_cells(points, pos, q, cell_start, ncell, lo, cell, cutoff, r0, out, on_charge):
    """out[i] = sum over charges j with 0 < r_ij < cutoff of q_j erfc(r_ij / r0) / r_ij.

    ``on_charge[i]`` accumulates the charges at distance exactly 0 from point i
    (the caller decides what such a self-term means).  ``cell_start`` has
    ``nx*ny*nz + 1`` entries: charges of cell c are ``pos[cell_start[c]:cell_start[c+1]]``.
    """
    nx, ny, nz = ncell[0], ncell[1], ncell[2]
    c2 = cutoff * cutoff
    for i in range(points.shape[0]):
        px, py, pz = points[i, 0], points[i, 1], points[i, 2]
        cx = min(max(int((px - lo[0]) / cell[0]), 0), nx - 1)
        cy = min(max(int((py - lo[1]) / cell[1]), 0), ny - 1)
        cz = min(max(int((pz - lo[2]) / cell[2]), 0), nz - 1)
        acc = 0.0
        hit = 0.0
        for ax in range(max(cx - 1, 0), min(cx + 2, nx)):
            for ay in range(max(cy - 1, 0), min(cy + 2, ny)):
                for az in range(max(cz - 1, 0), min(cz + 2, nz)):
                    c = (ax * ny + ay) * nz + az
                    for j in range(cell_start[c], cell_start[c + 1]):
                        dx = px - pos[j, 0]
                        dy = py - pos[j, 1]
                        dz = pz - pos[j, 2]
                        r2 = dx * dx + dy * dy + dz * dz
                        if r2 < c2:
                            if r2 == 0.0:
                                hit += q[j]
                            else:
                                r = math.sqrt(r2)
                                acc += q[j] * math.erfc(r / r0) / r
        out[i] = acc
        on_charge[i] = hit
    return out


@jit
def short_range_gradient_cells(points, pos, q, cell_start, ncell, lo, cell, cutoff, r0, out, on_charge):
    """out[i, :] = gradient at point i of the short-range sum (terms with r = 0 skipped, counted in on_charge)."""
    nx, ny, nz = ncell[0], ncell[1], ncell[2]
    c2 = cutoff * cutoff
    two_over_sqrt_pi = 2.0 / math.sqrt(math.pi)
    for i in range(points.shape[0]):
        px, py, pz = points[i, 0], points[i, 1], points[i, 2]
        cx = min(max(int((px - lo[0]) / cell[0]), 0), nx - 1)
        cy = min(max(int((py - lo[1]) / cell[1]), 0), ny - 1)
        cz = min(max(int((pz - lo[2]) / cell[2]), 0), nz - 1)
        gx = 0.0
        gy = 0.0
        gz = 0.0
        hit = 0.0
        for ax in range(max(cx - 1, 0), min(cx + 2, nx)):
            for ay in range(max(cy - 1, 0), min(cy + 2, ny)):
                for az in range(max(cz - 1, 0), min(cz + 2, nz)):
                    c = (ax * ny + ay) * nz + az
                    for j in range(cell_start[c], cell_start[c + 1]):
                        dx = px - pos[j, 0]
                        dy = py - pos[j, 1]
                        dz = pz - pos[j, 2]
                        r2 = dx * dx + dy * dy + dz * dz
                        if r2 < c2:
                            if r2 == 0.0:
                                hit += q[j]
                            else:
                                r = math.sqrt(r2)
                                s = r / r0
                                dphi = -two_over_sqrt_pi / r0 * math.exp(-s * s) / r - math.erfc(s) / r2
                                f = q[j] * dphi / r
                                gx += f * dx
                                gy += f * dy
                                gz += f * dz
        out[i, 0] = gx
        out[i, 1] = gy
        out[i, 2] = gz
        on_charge[i] = hit
    return out
