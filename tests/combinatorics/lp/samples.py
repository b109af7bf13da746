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
