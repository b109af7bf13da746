"""The operator tables every e-graph module shares (a leaf module: it imports nothing from the package).

>>> sorted(LEAF_OPS)
['I', 'num', 'pi', 'sym']
>>> ARITY["+"], ARITY["sin"]
(2, 1)
"""

__all__ = ["LEAF_OPS", "ARITY"]

#: operators of the leaves: numbers, symbols and the constants pi and I
LEAF_OPS = frozenset({"num", "sym", "pi", "I"})
#: number of children of each built-in operator
ARITY = {
    "+": 2, "*": 2, "^": 2, "log": 1, "exp": 1, "sin": 1, "cos": 1, "tan": 1, "abs": 1, "sign": 1,
    "sinh": 1, "cosh": 1, "tanh": 1, "asin": 1, "acos": 1, "atan": 1, "asinh": 1, "acosh": 1, "atanh": 1,
}
