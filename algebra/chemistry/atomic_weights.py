"""Standard atomic weights (IUPAC/CIAAW 2021), exact decimals, and molar masses from them.

Source
------
CIAAW, *Standard atomic weights of the elements 2021*, T. Prohaska et al., Pure Appl. Chem. 94, 573-600
(2022), with the conventional values of the IUPAC Periodic Table of the Elements (4 May 2022) for the
elements whose standard atomic weight is an interval (H, Li, B, C, N, O, Mg, Si, S, Cl, Ar, Br, Tl, Pb).
Elements without a standard atomic weight carry the mass number of their longest-lived isotope (the
bracketed values of that table).  Isotope masses (for ``D``, ``T`` and bracketed mass numbers such as
``[13C]``) are the AME2020 atomic masses (M. Wang et al., Chinese Phys. C 45, 030003 (2021)).

Every value is held as the exact decimal :class:`fractions.Fraction` of the tabulated digits, so a molar
mass is an exact rational function of the table; the table itself carries the uncertainty CIAAW states.

Examples
--------
>>> STANDARD_ATOMIC_WEIGHTS["Fe"]
Fraction(11169, 200)
>>> float(STANDARD_ATOMIC_WEIGHTS["O"])
15.999
"""

from __future__ import annotations

from fractions import Fraction

from mathref.errors import InvalidArgumentError, InvalidTypeError

__all__ = ["STANDARD_ATOMIC_WEIGHTS", "ISOTOPE_MASSES", "TABLE_SOURCE", "atomic_weight"]

TABLE_SOURCE = ("CIAAW 2021 standard atomic weights (Prohaska et al., Pure Appl. Chem. 94, 573 (2022)); "
                "conventional values for interval elements; AME2020 isotope masses")

_WEIGHTS = """
H 1.008 He 4.002602 Li 6.94 Be 9.0121831 B 10.81 C 12.011 N 14.007 O 15.999 F 18.998403163 Ne 20.1797
Na 22.98976928 Mg 24.305 Al 26.9815384 Si 28.085 P 30.973761998 S 32.06 Cl 35.45 Ar 39.95 K 39.0983
Ca 40.078 Sc 44.955908 Ti 47.867 V 50.9415 Cr 51.9961 Mn 54.938043 Fe 55.845 Co 58.933194 Ni 58.6934
Cu 63.546 Zn 65.38 Ga 69.723 Ge 72.630 As 74.921595 Se 78.971 Br 79.904 Kr 83.798 Rb 85.4678 Sr 87.62
Y 88.90584 Zr 91.224 Nb 92.90637 Mo 95.95 Tc 97 Ru 101.07 Rh 102.90549 Pd 106.42 Ag 107.8682 Cd 112.414
In 114.818 Sn 118.710 Sb 121.760 Te 127.60 I 126.90447 Xe 131.293 Cs 132.90545196 Ba 137.327 La 138.90547
Ce 140.116 Pr 140.90766 Nd 144.242 Pm 145 Sm 150.36 Eu 151.964 Gd 157.25 Tb 158.925354 Dy 162.500
Ho 164.930329 Er 167.259 Tm 168.934219 Yb 173.045 Lu 174.9668 Hf 178.486 Ta 180.94788 W 183.84
Re 186.207 Os 190.23 Ir 192.217 Pt 195.084 Au 196.966570 Hg 200.592 Tl 204.38 Pb 207.2 Bi 208.98040
Po 209 At 210 Rn 222 Fr 223 Ra 226 Ac 227 Th 232.0377 Pa 231.03588 U 238.02891 Np 237 Pu 244 Am 243
Cm 247 Bk 247 Cf 251 Es 252 Fm 257 Md 258 No 259 Lr 266 Rf 267 Db 268 Sg 269 Bh 270 Hs 269 Mt 278
Ds 281 Rg 282 Cn 285 Nh 286 Fl 289 Mc 290 Lv 293 Ts 294 Og 294
""".split()

#: element symbol -> standard atomic weight (exact decimal of the tabulated digits)
STANDARD_ATOMIC_WEIGHTS: dict[str, Fraction] = {
    _WEIGHTS[i]: Fraction(_WEIGHTS[i + 1]) for i in range(0, len(_WEIGHTS), 2)
}

#: nuclide label (``"[2H]"``, ``"[13C]"``, ...) -> atomic mass in u (AME2020)
ISOTOPE_MASSES: dict[str, Fraction] = {k: Fraction(v) for k, v in {
    "[1H]": "1.00782503223", "[2H]": "2.01410177812", "[3H]": "3.01604928132",
    "[12C]": "12", "[13C]": "13.00335483507", "[14C]": "14.0032419884",
    "[14N]": "14.00307400443", "[15N]": "15.00010889888",
    "[16O]": "15.99491461957", "[17O]": "16.99913175650", "[18O]": "17.99915961286",
    "[19F]": "18.99840316273", "[31P]": "30.97376199842", "[32S]": "31.9720711744", "[34S]": "33.967867004",
    "[35Cl]": "34.968852682", "[37Cl]": "36.965902602",
}.items()}


def atomic_weight(label: str) -> Fraction:
    """Standard atomic weight of an element symbol, or the mass of a nuclide label such as ``"[13C]"``.

    Examples
    --------
    >>> atomic_weight("C"), atomic_weight("[13C]")
    (Fraction(12011, 1000), Fraction(1300335483507, 100000000000))
    """
    if not isinstance(label, str):
        raise InvalidTypeError(f"label={label!r} must be a str (an element symbol or a nuclide such as '[13C]')")
    if label in STANDARD_ATOMIC_WEIGHTS:
        return STANDARD_ATOMIC_WEIGHTS[label]
    if label in ISOTOPE_MASSES:
        return ISOTOPE_MASSES[label]
    raise InvalidArgumentError(
        f"no tabulated mass for {label!r}: the isotope table holds {', '.join(sorted(ISOTOPE_MASSES))}"
    )
