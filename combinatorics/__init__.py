"""Equivalence checks: e-graphs with equality saturation, Weisfeiler-Lehman tests, LP/MILP models."""

__all__: list[str] = []

# --- e-graphs and expression equivalence (issue 7) ---

# --- Weisfeiler-Lehman and LP/MILP model equivalence (issue 8) ---
