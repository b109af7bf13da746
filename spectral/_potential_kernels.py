"""Numba kernels for the short-range part of range-separated potentials (cell-list neighbour sums).

Kernels take contiguous float64/int64 arrays and scalars, validate nothing and
write into caller-allocated outputs.  The public wrapper is
:class:`spectral.potentials.MultiParticlePotential`.  Charges are sorted by
cell on a box grid of cells of side >= cutoff / reach, so the neighbours of a
point lie within ``reach`` cells of its own on every axis; of those
(2 reach + 1)^3 cells only the ones whose box comes within the cutoff of the
point are scanned (with reach = 2 that visits about a third of the pairs the
classic 27 cells of side cutoff would).
"""

from __future__ import annotations

import math

from mathref.jit import jit

__all__ = ["short_range_cells", "short_range_gradient_cells"]  # erfc_table_value: compiled inside them


@jit
def erfc_table_value(s, table, inv_h):
    """erfc(s) for 0 <= s from a piecewise polynomial table (0 beyond it).

    ``table[j]`` holds the monomial coefficients, lowest first, of erfc on
    [j h, (j + 1) h] in the local variable t = 2 (s / h - j) - 1 in [-1, 1]
    (h = 1 / inv_h); eight coefficients give a few 1e-16 absolute at h = 1/32, at
    a fraction of the cost of a libm erfc call.
    """
    u = s * inv_h
    j = int(u)
    if j >= table.shape[0]:
        return 0.0
    t = 2.0 * (u - j) - 1.0
    row = table[j]
    acc = row[row.shape[0] - 1]
    for k in range(row.shape[0] - 2, -1, -1):
        acc = acc * t + row[k]
    return acc


@jit
def _gap(p, start, width):
    """Squared distance from the coordinate p to the interval [start, start + width] (0 inside)."""
    if p < start:
        return (start - p) * (start - p)
    end = start + width
    if p > end:
        return (p - end) * (p - end)
    return 0.0


@jit
def short_range_cells(points, pos, q, cell_start, ncell, lo, cell, cutoff, r0, out, on_charge, table, inv_h):
    """out[i] = sum over charges j with 0 < r_ij < cutoff of q_j erfc(r_ij / r0) / r_ij.

    Cells may be smaller than the cutoff: the kernel scans ``ceil(cutoff / cell)``
    cells each way and skips cells entirely beyond the cutoff.  erfc comes from the
    table of :func:`erfc_table_value` (which must reach cutoff / r0).

    ``on_charge[i]`` accumulates the charges at distance exactly 0 from point i
    (the caller decides what such a self-term means).  ``cell_start`` has
    ``nx*ny*nz + 1`` entries: charges of cell c are ``pos[cell_start[c]:cell_start[c+1]]``.
    """
    nx, ny, nz = ncell[0], ncell[1], ncell[2]
    c2 = cutoff * cutoff
    reach = int(math.ceil(cutoff / min(cell[0], min(cell[1], cell[2])) - 1e-12))
    for i in range(points.shape[0]):
        px, py, pz = points[i, 0], points[i, 1], points[i, 2]
        cx = min(max(int((px - lo[0]) / cell[0]), 0), nx - 1)
        cy = min(max(int((py - lo[1]) / cell[1]), 0), ny - 1)
        cz = min(max(int((pz - lo[2]) / cell[2]), 0), nz - 1)
        acc = 0.0
        hit = 0.0
        for ax in range(max(cx - reach, 0), min(cx + reach + 1, nx)):
            ex = _gap(px, lo[0] + ax * cell[0], cell[0])
            for ay in range(max(cy - reach, 0), min(cy + reach + 1, ny)):
                exy = ex + _gap(py, lo[1] + ay * cell[1], cell[1])
                if exy >= c2:
                    continue
                for az in range(max(cz - reach, 0), min(cz + reach + 1, nz)):
                    if exy + _gap(pz, lo[2] + az * cell[2], cell[2]) >= c2:
                        continue  # the whole cell lies beyond the cutoff
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
                                acc += q[j] * erfc_table_value(r / r0, table, inv_h) / r
        out[i] = acc
        on_charge[i] = hit
    return out


@jit
def short_range_gradient_cells(points, pos, q, cell_start, ncell, lo, cell, cutoff, r0, out, on_charge):
    """out[i, :] = gradient at point i of the short-range sum (terms with r = 0 skipped, counted in on_charge)."""
    nx, ny, nz = ncell[0], ncell[1], ncell[2]
    c2 = cutoff * cutoff
    reach = int(math.ceil(cutoff / min(cell[0], min(cell[1], cell[2])) - 1e-12))
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
        for ax in range(max(cx - reach, 0), min(cx + reach + 1, nx)):
            ex = _gap(px, lo[0] + ax * cell[0], cell[0])
            for ay in range(max(cy - reach, 0), min(cy + reach + 1, ny)):
                exy = ex + _gap(py, lo[1] + ay * cell[1], cell[1])
                if exy >= c2:
                    continue
                for az in range(max(cz - reach, 0), min(cz + reach + 1, nz)):
                    if exy + _gap(pz, lo[2] + az * cell[2], cell[2]) >= c2:
                        continue  # the whole cell lies beyond the cutoff
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
