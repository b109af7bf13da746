"""Model texts shared by the LP/MPS reader tests: one production plan written in both formats."""

LP_TEXT = r"""
\ a small production plan
Maximize
 profit: 3 x + 2 y - 0.5 z + 1
Subject To
 wood:   x + y
         + z <= 4
 labour: x + 3 y >= -2.25
 -x + y = 1
Bounds
 x <= 3
 -1 <= z <= 2.5
 y free
General
 z
Binary
 b
End
"""

MPS_TEXT = """NAME          plan
OBJSENSE
    MAX
ROWS
 N  profit
 L  wood
 G  labour
 E  R0
COLUMNS
    x         profit    3          wood      1
    x         labour    1          R0        -1
    y         profit    2          wood      1
    y         labour    3          R0        1
    MARKER    'MARKER'  'INTORG'
    z         profit    -0.5       wood      1
    b         profit    0
    MARKER    'MARKER'  'INTEND'
RHS
    rhs       wood      4          labour    -2.25
    rhs       R0        1          profit    -1
BOUNDS
 UP bnd       x         3
 LO bnd       z         -1
 UP bnd       z         2.5
 FR bnd       y
 BV bnd       b
ENDATA
"""

# Written by HiGHS 1.16.0 (highspy, Highs.writeModel) for a max model with a ranged row r0 in [-1, 3], an
# integer c1, a semi-continuous c2 in {0} u [1, 4], a semi-integer c3 in {0} u [2, 9] and objective constant -1.5.
# Note the empty `bin` section and the ranged row split into r0lo/r0up in the LP file (trailing blanks of the
# MPS lines stripped).
HIGHS_LP_TEXT = r"""\ File written by HiGHS .lp file handler
max
 obj: +1 c0 -2 c1 +0.5 c2 +3 c3  -1.5
st
 r0lo: +1 c0 +1 c1 >= -1
 r0up: +1 c0 +1 c1 <= +3
 r1: +2 c0 +1 c2 <= +4
 r2: -1 c1 +1 c3 = +2
bounds
 -inf <= c1 <= 5
 1 <= c2 <= 4
 2 <= c3 <= 9
bin
gen
 c1
 c3
semi
 c2
 c3
end
"""

HIGHS_MPS_TEXT = """NAME
OBJSENSE
  MAX
ROWS
 N  Obj
 L  r0
 L  r1
 E  r2
COLUMNS
    c0        Obj       1
    c0        r0        1
    c0        r1        2
    MARK0000  'MARKER'                 'INTORG'
    c1        Obj       -2
    c1        r0        1
    c1        r2        -1
    MARK0001  'MARKER'                 'INTEND'
    c2        Obj       0.5
    c2        r1        1
    c3        Obj       3
    c3        r2        1
RHS
    RHS_V     Obj       1.5
    RHS_V     r0        3
    RHS_V     r1        4
    RHS_V     r2        2
RANGES
    RANGE     r0        4
BOUNDS
 MI BOUND     c1
 UI BOUND     c1        5
 LO BOUND     c2        1
 SC BOUND     c2        4
 LO BOUND     c3        2
 SI BOUND     c3        9
ENDATA
"""
