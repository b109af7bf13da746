"""Numba kernels for the short-range part of range-separated potentials (cell-list neighbour sums).

Kernels take contiguous float64/int64 arrays and scalars, validate nothing and
write into caller-allocated outputs.  The public wrapper is
:class:`spectral.potentials.MultiParticlePotential`.

Layout.  Charges are sorted by cell on a box grid whose cells are columns: about
cutoff/3 wide in x and y and cutoff/8 tall in z, with z the fastest index, so the
charges of one (x, y) column are contiguous and sorted by z-cell.  For a point,
each column whose (x, y) distance is below the cutoff contributes one contiguous
run of charges: the z-cells within ``sqrt(cutoff^2 - gap_xy^2)`` of the point.
Scanning whole runs (no per-cell loop in z, thin z-cells) wastes few pairs, and
the inner loop over a run has no branches, so LLVM vectorises it.

Kernel.  erfc(r/r0)/r = 1/r - E(r^2) with E(u) = erf(sqrt(u)/r0)/sqrt(u), an
entire function of u = r^2: one degree-32 polynomial in t = 2 r^2/cutoff^2 - 1
(monomial coefficients, all below 0.5 in size, so Horner's rule is stable) gives
E on the whole cutoff ball to about 1e-14 relative to E(0) = 2/(sqrt(pi) r0), with
no table look-up (a gather would stop the vectorisation) and no libm erfc call.
The cancellation in 1/r - E near the cutoff costs absolute, not relative,
accuracy: about 1e-16/r per term, the rounding a direct 1/r sum has anyway.

Every kernel has a plain-Python twin (``.py_func``); the ``*_parallel`` variants
spread the points over Numba's threads (``prange``) and are compiled only when a
call is large enough to pay for them.
"""

from __future__ import annotations

import math

from mathref.jit import jit, prange

# kernels compiled by the public warm-up; the *_parallel twins compile on the first large call
__all__ = ["short_range_cells", "short_range_gradient_cells"]

NEAR_DEGREE = 32  # fixed: a literal loop bound lets LLVM unroll Horner's rule and vectorise over charges
# reassociation vectorises the sums over a run; no nnan/ninf (r = 0 is masked, not assumed away)
_FAST = {"reassoc", "contract", "nsz", "arcp"}


@jit(fastmath=_FAST)
def _near_point(px, py, pz, x, y, z, q, cell_start, ncell, lo, cell, cutoff, coef):
    """(sum of q_j erfc(r/r0)/r over 0 < r < cutoff, sum of q_j at r = 0, count at r = 0) for one point."""
    nx, ny, nz = ncell[0], ncell[1], ncell[2]
    c2 = cutoff * cutoff
    scale = 2.0 / c2
    reach_x = int(math.ceil(cutoff / cell[0] - 1e-12))
    reach_y = int(math.ceil(cutoff / cell[1] - 1e-12))
    cx = min(max(int((px - lo[0]) / cell[0]), 0), nx - 1)
    cy = min(max(int((py - lo[1]) / cell[1]), 0), ny - 1)
    acc = 0.0
    hit = 0.0
    count = 0.0
    for ax in range(max(cx - reach_x, 0), min(cx + reach_x + 1, nx)):
        s0 = lo[0] + ax * cell[0]
        gx = s0 - px if px < s0 else (px - s0 - cell[0] if px > s0 + cell[0] else 0.0)
        ex = gx * gx
        if ex >= c2:
            continue
        for ay in range(max(cy - reach_y, 0), min(cy + reach_y + 1, ny)):
            s1 = lo[1] + ay * cell[1]
            gy = s1 - py if py < s1 else (py - s1 - cell[1] if py > s1 + cell[1] else 0.0)
            exy = ex + gy * gy
            if exy >= c2:
                continue  # the whole column lies beyond the cutoff
            rem = math.sqrt(c2 - exy)
            z_lo = max(int(math.floor((pz - rem - lo[2]) / cell[2])), 0)
            z_hi = min(int(math.floor((pz + rem - lo[2]) / cell[2])), nz - 1)
            if z_lo > z_hi:
                continue
            base = (ax * ny + ay) * nz
            for j in range(cell_start[base + z_lo], cell_start[base + z_hi + 1]):
                dx = px - x[j]
                dy = py - y[j]
                dz = pz - z[j]
                r2 = dx * dx + dy * dy + dz * dz
                t = min(r2 * scale - 1.0, 1.0)
                e = coef[32]
                for k in range(31, -1, -1):
                    e = e * t + coef[k]
                rinv = 1.0 / math.sqrt(max(r2, 1e-300))
                acc += q[j] * (rinv - e) if (r2 < c2 and r2 > 0.0) else 0.0
                hit += q[j] if r2 == 0.0 else 0.0
                count += 1.0 if r2 == 0.0 else 0.0
    return acc, hit, count


@jit(fastmath=_FAST)
def _near_gradient_point(px, py, pz, x, y, z, q, cell_start, ncell, lo, cell, cutoff, dcoef):
    """Gradient at one point of the short-range sum (terms at r = 0 left out), and the count at r = 0."""
    nx, ny, nz = ncell[0], ncell[1], ncell[2]
    c2 = cutoff * cutoff
    scale = 2.0 / c2
    reach_x = int(math.ceil(cutoff / cell[0] - 1e-12))
    reach_y = int(math.ceil(cutoff / cell[1] - 1e-12))
    cx = min(max(int((px - lo[0]) / cell[0]), 0), nx - 1)
    cy = min(max(int((py - lo[1]) / cell[1]), 0), ny - 1)
    gxs = 0.0
    gys = 0.0
    gzs = 0.0
    count = 0.0
    for ax in range(max(cx - reach_x, 0), min(cx + reach_x + 1, nx)):
        s0 = lo[0] + ax * cell[0]
        gx = s0 - px if px < s0 else (px - s0 - cell[0] if px > s0 + cell[0] else 0.0)
        ex = gx * gx
        if ex >= c2:
            continue
        for ay in range(max(cy - reach_y, 0), min(cy + reach_y + 1, ny)):
            s1 = lo[1] + ay * cell[1]
            gy = s1 - py if py < s1 else (py - s1 - cell[1] if py > s1 + cell[1] else 0.0)
            exy = ex + gy * gy
            if exy >= c2:
                continue
            rem = math.sqrt(c2 - exy)
            z_lo = max(int(math.floor((pz - rem - lo[2]) / cell[2])), 0)
            z_hi = min(int(math.floor((pz + rem - lo[2]) / cell[2])), nz - 1)
            if z_lo > z_hi:
                continue
            base = (ax * ny + ay) * nz
            for j in range(cell_start[base + z_lo], cell_start[base + z_hi + 1]):
                dx = px - x[j]
                dy = py - y[j]
                dz = pz - z[j]
                r2 = dx * dx + dy * dy + dz * dz
                t = min(r2 * scale - 1.0, 1.0)
                de = dcoef[31]  # dE/du, u = r^2
                for k in range(30, -1, -1):
                    de = de * t + dcoef[k]
                rinv = 1.0 / math.sqrt(max(r2, 1e-300))
                # grad (1/r - E(r^2)) = (-1/r^3 - 2 E'(r^2)) (p - x_j)
                f = q[j] * (-rinv * rinv * rinv - 2.0 * de) if (r2 < c2 and r2 > 0.0) else 0.0
                gxs += f * dx
                gys += f * dy
                gzs += f * dz
                count += 1.0 if r2 == 0.0 else 0.0
    return gxs, gys, gzs, count


@jit(fastmath=_FAST)
def short_range_cells(points, x, y, z, q, cell_start, ncell, lo, cell, cutoff, coef, out, on_q, on_n):
    """out[i] = sum over charges j with 0 < r_ij < cutoff of q_j erfc(r_ij / r0) / r_ij.

    ``coef`` holds the 33 monomial coefficients of E(r^2) = erf(r/r0)/r in
    t = 2 r^2/cutoff^2 - 1 (r0 enters only through them).  ``on_q[i]`` / ``on_n[i]``
    receive the sum and the number of the charges at distance exactly 0 from point
    i (the caller decides what such a self-term means).  ``cell_start`` has
    ``nx*ny*nz + 1`` entries: charges of cell c are ``x[cell_start[c]:cell_start[c+1]]``.
    """
    for i in range(points.shape[0]):
        out[i], on_q[i], on_n[i] = _near_point(points[i, 0], points[i, 1], points[i, 2], x, y, z, q, cell_start,
                                               ncell, lo, cell, cutoff, coef)
    return out


@jit(parallel=True, fastmath=_FAST)
def short_range_cells_parallel(points, x, y, z, q, cell_start, ncell, lo, cell, cutoff, coef, out, on_q, on_n):
    """:func:`short_range_cells` with the points spread over Numba's threads (each point written by one thread)."""
    for i in prange(points.shape[0]):
        out[i], on_q[i], on_n[i] = _near_point(points[i, 0], points[i, 1], points[i, 2], x, y, z, q, cell_start,
                                               ncell, lo, cell, cutoff, coef)
    return out


@jit(fastmath=_FAST)
def short_range_gradient_cells(points, x, y, z, q, cell_start, ncell, lo, cell, cutoff, dcoef, out, on_n):
    """out[i, :] = gradient at point i of the short-range sum; ``dcoef`` (32 entries) is dE/du in t."""
    for i in range(points.shape[0]):
        out[i, 0], out[i, 1], out[i, 2], on_n[i] = _near_gradient_point(
            points[i, 0], points[i, 1], points[i, 2], x, y, z, q, cell_start, ncell, lo, cell, cutoff, dcoef)
    return out


@jit(parallel=True, fastmath=_FAST)
def short_range_gradient_cells_parallel(points, x, y, z, q, cell_start, ncell, lo, cell, cutoff, dcoef, out, on_n):
    """:func:`short_range_gradient_cells` with the points spread over Numba's threads."""
    for i in prange(points.shape[0]):
        out[i, 0], out[i, 1], out[i, 2], on_n[i] = _near_gradient_point(
            points[i, 0], points[i, 1], points[i, 2], x, y, z, q, cell_start, ncell, lo, cell, cutoff, dcoef)
    return out
