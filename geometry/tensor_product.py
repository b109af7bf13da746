"""Gaunt tensor products of real-SH feature arrays (three methods) and the Clebsch–Gordan product.

The Gaunt tensor product of x1 (..., (L1+1)²) and x2 (..., (L2+1)²) is the
projection onto degree ≤ lmax_out of the product of the two spherical functions
f_i = Σ x_i · Y (standard real harmonics, orthonormal):

    out_k = Σ_ij G_ijk x1_i x2_j,   G_ijk = ∫ Y_i Y_j Y_k dΩ  (the real Gaunt coefficients).

Three float methods give the same numbers (tested to 1e-12 relative, typically
1e-15):

* ``"dense"``: contraction with the dense real Gaunt tensor
  (``algebra.real_gaunt_tensor``, floats of the exact coefficients), O(L⁶)
  per pair.  :func:`real_gaunt_tensor_quadrature` builds the same tensor by
  exact quadrature, an independent cross-check.
* ``"fourier"``: change of basis to 2D Fourier series on the torus (θ, φ) ∈
  [0, 2π)², product by FFT convolution (``scipy.fft``, lengths from
  ``next_fast_len``), projection back with exact θ-integrals — Luo, Chen, He,
  Wang, "Enabling Efficient Equivariant Operations in the Fourier Basis via
  Gaunt Tensor Products", ICLR 2024.  O(L³) per pair.
* ``"grid"``: inverse SH transform onto a Gauss–Legendre × equispaced grid
  exact for degree L1 + L2 + lmax_out, pointwise product, forward transform —
  the variant of Xie, Daigavane, Kotak, Smidt, "The Price of Freedom" (2025).
  O(L³) per pair with separable transforms.

:func:`clebsch_gordan_tensor_product` is the full CG product in e3nn's
``FullTensorProduct`` output layout, and :func:`tensor_product_paths` reports
the (l1, l2, l) paths each product can produce: the Gaunt product has no path
with l1 + l2 + l odd (it is symmetric in its inputs and cannot form, e.g., the
cross product of two vectors).
"""

from __future__ import annotations

import math
import numbers
from typing import TYPE_CHECKING

import numpy as np
import scipy.fft

from mathref import caches
from mathref.algebra.angular.coupling_float import clebsch_gordan_table
from mathref.algebra.angular.gaunt_exact import real_gaunt_rules
from mathref.algebra.angular.gaunt_float import real_gaunt_tensor
from mathref.errors import InvalidArgumentError

from ._checks import as_float_array, as_nonneg_int
from ._limits import check_bytes, check_count
from .grids import gauss_legendre_grid, gauss_legendre_nodes, separable_transform
from .real_basis import complex_to_real_block
from .sph_harm import legendre_table

if TYPE_CHECKING:
    from numpy.typing import ArrayLike

# one (2l1+1)(2l2+1)(2l+1) block of CG values in floats; past this it is neither small nor quick
_MAX_COUPLING_ENTRIES = 2**24

__all__ = [
    "GAUNT_METHODS",
    "gaunt_tensor_product",
    "real_gaunt_tensor_quadrature",
    "clebsch_gordan_tensor_product",
    "full_tensor_product_paths",
    "tensor_product_paths",
    "real_coupling_tensor",
]

GAUNT_METHODS = ("dense", "fourier", "grid")


# ----------------------------------------------------------------- validation
def _features(x, name: str) -> tuple[np.ndarray, int]:
    arr = as_float_array(x, name)
    if arr.ndim == 0:
        raise InvalidArgumentError(f"{name} must have a last axis of length (L+1)**2")
    n = arr.shape[-1]
    lmax = math.isqrt(n) - 1
    if n == 0 or (lmax + 1) ** 2 != n:
        raise InvalidArgumentError(f"{name} has last dimension {n}, which is not (L+1)**2 for an integer L >= 0")
    return arr, lmax


def _broadcast_pair(x1, x2):
    a1, L1 = _features(x1, "x1")
    a2, L2 = _features(x2, "x2")
    try:
        batch = np.broadcast_shapes(a1.shape[:-1], a2.shape[:-1])
    except ValueError:
        raise InvalidArgumentError(
            f"batch shapes of x1 {a1.shape[:-1]} and x2 {a2.shape[:-1]} do not broadcast"
        ) from None
    a1 = np.ascontiguousarray(np.broadcast_to(a1, batch + a1.shape[-1:])).reshape(-1, a1.shape[-1])
    a2 = np.ascontiguousarray(np.broadcast_to(a2, batch + a2.shape[-1:])).reshape(-1, a2.shape[-1])
    return a1, a2, L1, L2, batch


# ------------------------------------------------------------ dense (Gaunt tensor)
def _azimuthal_factors(mmax: int, nph: int) -> np.ndarray:
    """T[m + mmax] = the real trigonometric factor of order m (√2 cos mφ, 1, √2 sin |m|φ) at nph equispaced φ."""
    phi = 2 * math.pi * np.arange(nph) / nph
    out = np.empty((2 * mmax + 1, nph))
    for m in range(-mmax, mmax + 1):
        if m > 0:
            out[m + mmax] = math.sqrt(2.0) * np.cos(m * phi)
        elif m < 0:
            out[m + mmax] = math.sqrt(2.0) * np.sin(-m * phi)
        else:
            out[m + mmax] = 1.0
    return out


def _degree_indices(L: int, m: int) -> np.ndarray:
    """Flat indices l*l + l + m of the harmonics of order m with |m| <= l <= L."""
    ls = np.arange(abs(m), L + 1)
    return ls * ls + ls + m


def _selection_mask(L1: int, L2: int, L3: int) -> np.ndarray:
    """True where (l1, l2, l3) of the flat indices pass the parity and triangle rules of the Gaunt integral."""
    l1 = np.repeat(np.arange(L1 + 1), 2 * np.arange(L1 + 1) + 1)
    l2 = np.repeat(np.arange(L2 + 1), 2 * np.arange(L2 + 1) + 1)
    l3 = np.repeat(np.arange(L3 + 1), 2 * np.arange(L3 + 1) + 1)
    a, b, c = l1[:, None, None], l2[None, :, None], l3[None, None, :]
    return ((a + b + c) % 2 == 0) & (c <= a + b) & (c >= np.abs(a - b))


@caches.lru(maxsize=16, name="geometry.tensor_product._gaunt_tensor")
def _gaunt_tensor(L1: int, L2: int, L3: int) -> np.ndarray:
    degree = L1 + L2 + L3
    # θ-integrals of three normalised Legendre functions on a Gauss–Legendre rule exact for their degree
    x, w = gauss_legendre_nodes(degree // 2 + 1)
    Lm = max(L1, L2, L3)
    table = legendre_table(Lm, np.arccos(x))

    def column(L, am):
        ls = np.arange(am, L + 1)
        return table[:, ls * (ls + 1) // 2 + am]

    # φ-integrals of three real trigonometric factors on an equispaced rule exact for their degree
    nph = degree + 1
    trig = _azimuthal_factors(Lm, nph)
    G = np.zeros(((L1 + 1) ** 2, (L2 + 1) ** 2, (L3 + 1) ** 2))
    theta_cache: dict[tuple[int, int, int], np.ndarray] = {}
    # the order triples whose azimuthal integral is nonzero: algebra's one enumeration of the real selection rules
    for rule in real_gaunt_rules(L1, L2, L3):
        m1, m2, m3 = rule.m1, rule.m2, rule.m3
        phi_int = float((trig[m1 + Lm] * trig[m2 + Lm] * trig[m3 + Lm]).sum()) * 2 * math.pi / nph
        key = (abs(m1), abs(m2), abs(m3))
        if key not in theta_cache:
            theta_cache[key] = np.einsum(
                "i,ia,ib,ic->abc", w, column(L1, key[0]), column(L2, key[1]), column(L3, key[2]), optimize=True
            )
        G[np.ix_(_degree_indices(L1, m1), _degree_indices(L2, m2), _degree_indices(L3, m3))] = (
            phi_int * theta_cache[key]
        )
    # selection rules (parity of l1+l2+l3, triangle) give exact zeros, not quadrature dust
    G[~_selection_mask(L1, L2, L3)] = 0.0
    G.setflags(write=False)
    return G


def real_gaunt_tensor_quadrature(L1: int, L2: int, L3: int) -> np.ndarray:
    """Dense real Gaunt tensor G[i, j, k] = ∫ Y_i Y_j Y_k dΩ by exact quadrature (float).

    Standard real harmonics, flat index l*l + l + m on each axis; shape
    ((L1+1)², (L2+1)², (L3+1)²).  Relative accuracy ≤ 1e-13 (tested against
    ``sympy.physics.wigner.real_gaunt``); entries forbidden by the selection
    rules are exactly 0.  The θ-integral of three normalised Legendre functions
    runs on a Gauss–Legendre rule exact for its degree and the φ-integral of
    three trigonometric factors on an exact equispaced rule.

    Examples
    --------
    >>> import numpy as np
    >>> G = real_gaunt_tensor_quadrature(1, 1, 0)
    >>> bool(np.allclose(G[:, :, 0], np.eye(4) / np.sqrt(4 * np.pi)))
    True
    """
    L1, L2, L3 = (as_nonneg_int(v, n) for v, n in ((L1, "L1"), (L2, "L2"), (L3, "L3")))
    # the tensor is dense: refuse before the quadrature tables are built
    entries = float(L1 + 1) ** 2 * float(L2 + 1) ** 2 * float(L3 + 1) ** 2
    check_bytes(8.0 * 2 * entries, argument=max(("L1", L1), ("L2", L2), ("L3", L3), key=lambda p: p[1])[0],
                what=f"real_gaunt_tensor_quadrature({L1}, {L2}, {L3}) (a dense tensor, twice: cached and copied)")
    return _gaunt_tensor(L1, L2, L3).copy()


@caches.lru(maxsize=16, name="geometry.tensor_product._dense_tensor")
def _dense_tensor(L1: int, L2: int, L3: int) -> np.ndarray:
    # the tensor built from the exact Gaunt coefficients (algebra), a route independent of the quadrature above
    G = np.array(real_gaunt_tensor(L1, L2, L3), dtype=float)  # a private copy, frozen: it is shared
    G.setflags(write=False)
    return G


def _dense(x1, x2, L1, L2, Lout):
    G = _dense_tensor(L1, L2, Lout)
    n1, n2, n3 = G.shape
    Gm = G.reshape(n1 * n2, n3)
    B = x1.shape[0]
    out = np.empty((B, n3))
    chunk = max(1, 4_000_000 // (n1 * n2))
    for s in range(0, B, chunk):
        e = min(B, s + chunk)
        outer = (x1[s:e, :, None] * x2[s:e, None, :]).reshape(e - s, n1 * n2)
        out[s:e] = outer @ Gm
    return out


# ------------------------------------------------------------------- grid
def _grid_method(x1, x2, L1, L2, Lout):
    grid = gauss_legendre_grid(L1 + L2 + Lout)
    f1 = separable_transform(L1, grid).inverse(x1)
    f2 = separable_transform(L2, grid).inverse(x2)
    f1 *= f2
    return separable_transform(Lout, grid).forward(f1)


# ----------------------------------------------------------------- fourier
class _FourierPlan:
    """Precomputed factors for one (L1, L2, Lout) Fourier-route product."""

    def __init__(self, L1: int, L2: int, Lout: int):
        self.L1, self.L2, self.Lout = L1, L2, Lout
        usum = L1 + L2
        # 5-smooth lengths: pocketfft is markedly slower on factors 7 and 11 (e.g. 33 = 3·11)
        self.nu = scipy.fft.next_fast_len(2 * usum + 1, real=True)
        self.nv = scipy.fft.next_fast_len(max(usum + Lout + 1, 2 * L1 + 1, 2 * L2 + 1), real=True)
        self.a1 = self._theta_fourier(L1)
        self.a2 = self._theta_fourier(L2)
        self.back = self._projection(Lout, usum)
        for value in (self.a1, self.a2, self.back):  # cached plan shared between threads
            if isinstance(value, np.ndarray):
                value.setflags(write=False)

    @staticmethod
    def _theta_fourier(L: int) -> np.ndarray:
        """A[v, l, u + L]: y_l^v(θ) = Σ_u A e^{iuθ}, θ over the whole circle (sin θ signed)."""
        n = scipy.fft.next_fast_len(2 * L + 1)
        theta = 2 * math.pi * np.arange(n) / n
        table = legendre_table(L, theta)
        spec = scipy.fft.fft(table, axis=0) / n
        A = np.zeros((L + 1, L + 1, 2 * L + 1), dtype=complex)
        us = np.arange(-L, L + 1)
        for v in range(L + 1):
            for l in range(v, L + 1):
                A[v, l] = spec[us % n, l * (l + 1) // 2 + v]
        # the exact coefficients vanish unless u ≡ l (mod 2); remove rounding dust there
        ls = np.arange(L + 1)[None, :, None]
        A[((us[None, None, :] - ls) % 2 == 1) & np.ones_like(A, dtype=bool)] = 0.0
        return A

    @staticmethod
    def _projection(Lout: int, usum: int) -> np.ndarray:
        """K[v, u + usum, l] = weights turning H[u, v] into real-SH coefficients c_{l,±v}."""
        nt = (usum + Lout) // 2 + 2
        x, w = gauss_legendre_nodes(nt)
        theta = np.arccos(x)
        table = legendre_table(Lout, theta)
        us = np.arange(-usum, usum + 1)
        K = np.zeros((Lout + 1, 2 * usum + 1, Lout + 1), dtype=complex)
        for v in range(Lout + 1):
            # symmetrised kernel (e^{iuθ} + (-1)^v e^{-iuθ})/2 keeps the θ-integrand a polynomial in cos θ
            ker = np.cos(np.outer(theta, us)) if v % 2 == 0 else 1j * np.sin(np.outer(theta, us))
            ls = np.arange(v, Lout + 1)
            y = table[:, ls * (ls + 1) // 2 + v]
            K[v, :, v:] = np.einsum("i,iu,il->ul", w, ker, y)
        scale = np.full(Lout + 1, 2 * math.sqrt(2.0) * math.pi)
        scale[0] = 2 * math.pi
        return K * scale[:, None, None]

    @staticmethod
    def _azimuthal_index(L: int):
        """Index arrays picking c_{l,v} and c_{l,-v} (or a zero pad column) for each (v, l)."""
        pad = (L + 1) ** 2
        cos_idx = np.full((L + 1, L + 1), pad)
        sin_idx = np.full((L + 1, L + 1), pad)
        for v in range(L + 1):
            for l in range(v, L + 1):
                cos_idx[v, l] = l * l + l + v
                if v:
                    sin_idx[v, l] = l * l + l - v
        return cos_idx, sin_idx

    def to_torus(self, x: np.ndarray, L: int, A: np.ndarray) -> np.ndarray:
        B = x.shape[0]
        cos_idx, sin_idx = self._azimuthal_index(L)
        pad = np.zeros((B, (L + 1) ** 2 + 1))
        pad[:, :-1] = x
        # complex azimuthal coefficient of e^{ivφ}: (c_{l,v} - i c_{l,-v})/√2 for v > 0, c_{l,0} for v = 0
        z = pad[:, cos_idx] - 1j * pad[:, sin_idx]
        z[:, 1:] *= 1 / math.sqrt(2.0)
        F = np.einsum("bvl,vlu->buv", z, A, optimize=True)  # SH → 2D Fourier coefficients
        spec = np.zeros((B, self.nu, self.nv // 2 + 1), dtype=complex)
        us = np.arange(-L, L + 1) % self.nu
        spec[:, us, : L + 1] = F
        return scipy.fft.irfft2(spec, s=(self.nu, self.nv), axes=(1, 2), norm="forward")

    def __call__(self, x1: np.ndarray, x2: np.ndarray) -> np.ndarray:
        f = self.to_torus(x1, self.L1, self.a1)
        f *= self.to_torus(x2, self.L2, self.a2)
        usum, Lout = self.L1 + self.L2, self.Lout
        us = np.arange(-usum, usum + 1) % self.nu
        vmax = min(Lout, usum)  # the product has no azimuthal frequency above L1 + L2
        # forward 2D FFT split by axis so the θ-transform runs only on the azimuthal orders kept (measured faster)
        H = scipy.fft.rfft(f, axis=2, norm="forward")[:, :, : vmax + 1]
        H = scipy.fft.fft(H, axis=1, norm="forward")
        w = np.einsum("buv,vul->bvl", H[:, us], self.back[: vmax + 1], optimize=True)
        B = x1.shape[0]
        out = np.zeros((B, (Lout + 1) ** 2))
        ls = np.arange(Lout + 1)
        out[:, ls * ls + ls] = w[:, 0].real
        for v in range(1, vmax + 1):
            lv = ls[v:]
            out[:, lv * lv + lv + v] = w[:, v, v:].real
            out[:, lv * lv + lv - v] = -w[:, v, v:].imag
        return out


@caches.lru(maxsize=32, name="geometry.tensor_product._fourier_plan")
def _fourier_plan(L1: int, L2: int, Lout: int) -> _FourierPlan:
    return _FourierPlan(L1, L2, Lout)


def gaunt_tensor_product(x1: ArrayLike, x2: ArrayLike, lmax_out: int, *, method: str = "grid") -> np.ndarray:
    """Gaunt tensor product of batched real-SH feature arrays (float).

    Projection onto degree ≤ ``lmax_out`` of the pointwise product of the two
    spherical functions; every method agrees with ``"dense"`` to ≤ 1e-12
    relative (max-norm over the batch), typically ≤ 1e-14.

    Parameters
    ----------
    x1 : array_like (..., (L1+1)²)
    x2 : array_like (..., (L2+1)²)
        Coefficients in the standard real basis, index l*l + l + m; batch
        shapes broadcast.
    lmax_out : int
    method : {"grid", "fourier", "dense"}

    Returns
    -------
    ndarray (..., (lmax_out+1)²)

    Notes
    -----
    out_k = Σ_ij x1_i x2_j ∫ Y_i Y_j Y_k dΩ.  The result is symmetric under
    swapping the inputs, equivariant (rotating both inputs by D^real rotates the
    output) and has no (l1, l2, l) path with l1 + l2 + l odd.  See the module
    docstring for the algorithms and references.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> x1, x2 = rng.normal(size=(5, 9)), rng.normal(size=(5, 16))
    >>> outs = [gaunt_tensor_product(x1, x2, 4, method=m) for m in ("dense", "fourier", "grid")]
    >>> outs[0].shape, all(np.allclose(o, outs[0], atol=1e-13) for o in outs)
    ((5, 25), True)
    """
    if not isinstance(method, str) or method not in GAUNT_METHODS:
        raise InvalidArgumentError(f"method={method!r} must be one of {GAUNT_METHODS}")
    Lout = as_nonneg_int(lmax_out, "lmax_out")
    a1, a2, L1, L2, batch = _broadcast_pair(x1, x2)
    if a1.shape[0] == 0:
        return np.zeros(batch + ((Lout + 1) ** 2,))
    if method == "dense":
        out = _dense(a1, a2, L1, L2, Lout)
    else:
        if method == "grid":
            degree = L1 + L2 + Lout
            points = (degree // 2 + 1) * (degree + 1)

            def run(u, v):
                return _grid_method(u, v, L1, L2, Lout)
        else:
            plan = _fourier_plan(L1, L2, Lout)
            points = plan.nu * plan.nv
            run = plan
        # work in cache-sized slices of the batch (about 1 MB of grid values each): the arrays of a whole
        # large batch spill out of cache and cost 2x at batch 10,000
        chunk = min(1024, max(32, (1 << 17) // points))
        B = a1.shape[0]
        if B <= chunk:
            out = run(a1, a2)
        else:
            out = np.empty((B, (Lout + 1) ** 2))
            for s in range(0, B, chunk):
                out[s : s + chunk] = run(a1[s : s + chunk], a2[s : s + chunk])
    return out.reshape(batch + ((Lout + 1) ** 2,))


# ------------------------------------------------------- Clebsch–Gordan product
@caches.lru(maxsize=512, name="geometry.tensor_product._coupling_block")
def _coupling_block(l1: int, l2: int, l: int) -> np.ndarray:
    cg = clebsch_gordan_table(l1, l2, l) / math.sqrt(2 * l + 1)  # unit Frobenius norm
    u1, u2, u3 = complex_to_real_block(l1), complex_to_real_block(l2), complex_to_real_block(l)
    W = np.einsum("am,bn,ck,mnk->abc", u1, u2, u3.conj(), cg)
    # the real-basis tensor is real or purely imaginary; the phase i^(l1+l2-l) makes it real, with
    # e3nn's signs on every path (checked against e3nn.o3.wigner_3j in the tests)
    W = ((1j) ** ((l1 + l2 - l) % 4) * W).real
    W[np.abs(W) < 1e-15] = 0.0
    W.setflags(write=False)
    return W


def real_coupling_tensor(l1: int, l2: int, l: int) -> np.ndarray:
    """Real-basis coupling tensor W[a, b, c] of l1 ⊗ l2 → l with unit Frobenius norm (float).

    W is the complex Clebsch–Gordan tensor ⟨l1 m1 l2 m2|l m⟩/√(2l+1) carried to
    the standard real basis and multiplied by i^(l1+l2-l), which makes it real.  In e3nn's basis W equals e3nn's
    ``wigner_3j(l1, l2, l)`` for every path (tested).  For l1 + l2 + l even its
    sign is that of the real Gaunt tensor,
    so that ∫ Y_a Y_b Y_c dΩ = c·W[a, b, c] with
    c = √((2l1+1)(2l2+1)(2l+1)/4π)·|(l1 l2 l; 0 0 0)| > 0 — the relation that
    holds for e3nn's ``wigner_3j`` in e3nn's basis.  Accuracy ≤ 1e-15 absolute.

    Examples
    --------
    >>> import numpy as np
    >>> W = real_coupling_tensor(1, 1, 1)
    >>> bool(np.isclose((W**2).sum(), 1.0)), bool(np.allclose(W, -W.transpose(1, 0, 2)))
    (True, True)
    """
    l1, l2, l = (as_nonneg_int(v, n) for v, n in ((l1, "l1"), (l2, "l2"), (l, "l")))
    entries = float(2 * l1 + 1) * (2 * l2 + 1) * (2 * l + 1)
    check_count(entries, _MAX_COUPLING_ENTRIES, argument=max(("l1", l1), ("l2", l2), ("l", l), key=lambda p: p[1])[0],
                what=f"real_coupling_tensor({l1}, {l2}, {l})", unit="entries")
    if not abs(l1 - l2) <= l <= l1 + l2:
        return np.zeros((2 * l1 + 1, 2 * l2 + 1, 2 * l + 1))
    return _coupling_block(l1, l2, l).copy()


def full_tensor_product_paths(L1: int, L2: int, lmax_out: int | None = None) -> list[tuple[int, int, int]]:
    """Paths (l1, l2, l) of the full CG product in e3nn's ``FullTensorProduct`` output order.

    Inputs are one copy of each degree 0..L (parity (-1)^l, as spherical
    harmonics); the output irreps are sorted by (l, parity) with odd parity
    first, ties in order of creation — e3nn's ``Irreps.sort``.

    Examples
    --------
    >>> full_tensor_product_paths(1, 1)
    [(0, 0, 0), (1, 1, 0), (0, 1, 1), (1, 0, 1), (1, 1, 1), (1, 1, 2)]
    """
    L1, L2 = as_nonneg_int(L1, "L1"), as_nonneg_int(L2, "L2")
    top = L1 + L2 if lmax_out is None else as_nonneg_int(lmax_out, "lmax_out")
    count = (L1 + 1) * (L2 + 1) * (2 * min(L1, L2, top) + 1)
    check_count(count, 2 * 10**6, argument="L1" if L1 >= L2 else "L2", what=f"full_tensor_product_paths({L1}, {L2})",
                unit="paths")
    made = []
    for l1 in range(L1 + 1):
        for l2 in range(L2 + 1):
            for l in range(abs(l1 - l2), min(l1 + l2, top) + 1):
                parity = (-1) ** (l1 + l2)
                made.append(((l, parity, len(made)), (l1, l2, l)))
    made.sort()
    return [p for _, p in made]


def clebsch_gordan_tensor_product(x1: ArrayLike, x2: ArrayLike, *, lmax_out: int | None = None) -> np.ndarray:
    """Full Clebsch–Gordan tensor product in e3nn's ``FullTensorProduct`` layout (float).

    Output is the concatenation over :func:`full_tensor_product_paths` of
    √(2l+1) Σ_ab W[a, b, c] x1[l1-block]_a x2[l2-block]_b, which is what e3nn's
    ``FullTensorProduct`` (component normalisation, no weights) computes in its
    own basis; here everything is in the standard real basis.  Accuracy ≤ 1e-14
    relative.

    Parameters
    ----------
    x1, x2 : array_like (..., (L+1)²)
    lmax_out : int, optional
        Drop paths with l > lmax_out.

    Returns
    -------
    ndarray (..., Σ_paths (2l+1))

    Examples
    --------
    >>> import numpy as np
    >>> a, b = np.zeros(4), np.zeros(4)
    >>> a[[3, 1, 2]] = [1.0, 0.0, 0.0]; b[[3, 1, 2]] = [0.0, 1.0, 0.0]   # x̂ and ŷ as (y, z, x)
    >>> out = clebsch_gordan_tensor_product(a, b)
    >>> out.shape
    (16,)
    """
    a1, a2, L1, L2, batch = _broadcast_pair(x1, x2)
    paths = full_tensor_product_paths(L1, L2, lmax_out)
    width = sum(2 * l + 1 for _, _, l in paths)
    out = np.empty((a1.shape[0], width))
    pos = 0
    for l1, l2, l in paths:
        W = _coupling_block(l1, l2, l)
        block = np.einsum("za,zb,abc->zc", a1[:, l1 * l1 : (l1 + 1) ** 2], a2[:, l2 * l2 : (l2 + 1) ** 2], W)
        out[:, pos : pos + 2 * l + 1] = math.sqrt(2 * l + 1) * block
        pos += 2 * l + 1
    return out.reshape(batch + (width,))


def tensor_product_paths(product: str, L1: int, L2: int, lmax_out: int | None = None, *,
                         tol: float = 1e-12) -> list[tuple[int, int, int]]:

    """Which (l1, l2, l) paths a product can produce, measured on its coupling tensor (float).

    A path is reported when the block of the product's bilinear map from
    degrees (l1, l2) to degree l has a nonzero entry (Frobenius norm > ``tol``),
    as the Price-of-Freedom paper measures expressivity.  For ``"gaunt"`` these
    are exactly the triangle paths with l1 + l2 + l even; for ``"cg"`` all
    triangle paths.

    Parameters
    ----------
    product : {"gaunt", "cg"}
    L1, L2 : int
    lmax_out : int, optional (default L1 + L2)

    Examples
    --------
    >>> (1, 1, 1) in tensor_product_paths("gaunt", 1, 1), (1, 1, 1) in tensor_product_paths("cg", 1, 1)
    (False, True)
    """
    if not isinstance(product, str) or product not in ("gaunt", "cg"):
        raise InvalidArgumentError(f"product={product!r} must be 'gaunt' or 'cg'")
    L1, L2 = as_nonneg_int(L1, "L1"), as_nonneg_int(L2, "L2")
    top = L1 + L2 if lmax_out is None else as_nonneg_int(lmax_out, "lmax_out")
    if isinstance(tol, bool) or not isinstance(tol, numbers.Real) or not (0 <= float(tol) < math.inf):
        raise InvalidArgumentError(f"tol={tol!r} must be a finite real number >= 0")
    # the measurement builds the whole dense tensor (both products): the size of real_gaunt_tensor_quadrature's
    entries = float(L1 + 1) ** 2 * float(L2 + 1) ** 2 * float(top + 1) ** 2
    check_count(entries, _MAX_COUPLING_ENTRIES, argument="L1" if L1 >= L2 else "L2",
                what=f"tensor_product_paths({product!r}, {L1}, {L2}, {top})", unit="tensor entries")
    if product == "gaunt":
        G = _gaunt_tensor(L1, L2, top)
        found = []
        for l1 in range(L1 + 1):
            for l2 in range(L2 + 1):
                for l in range(top + 1):
                    blk = G[l1 * l1 : (l1 + 1) ** 2, l2 * l2 : (l2 + 1) ** 2, l * l : (l + 1) ** 2]
                    if np.sqrt((blk**2).sum()) > tol:
                        found.append((l1, l2, l))
        return found
    if product == "cg":
        found = []
        for l1 in range(L1 + 1):
            for l2 in range(L2 + 1):
                for l in range(top + 1):
                    if abs(l1 - l2) <= l <= l1 + l2 and np.sqrt((_coupling_block(l1, l2, l) ** 2).sum()) > tol:
                        found.append((l1, l2, l))
        return found
    raise InvalidArgumentError(f"product={product!r} must be 'gaunt' or 'cg'")
