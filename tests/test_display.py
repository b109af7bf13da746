"""Notebook displays (issue 17 §5): results that are tables render as escaped HTML tables."""

from __future__ import annotations

from html.parser import HTMLParser

import networkx as nx
import pytest


class _Balanced(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack = []

    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()


def _check_html(text: str) -> None:
    parser = _Balanced()
    parser.feed(text)
    assert parser.stack == []


def _reaction_set():
    from mathref.algebra import complete_reaction_set

    return complete_reaction_set(["C", "O2", "CO", "CO2"])


def _refinement():
    from mathref.combinatorics import colour_refinement

    return colour_refinement(nx.path_graph(5))


def _qsp():
    from mathref.spectral import cos_target, qsp_phases, verify

    t = cos_target(4.0)
    return verify(qsp_phases(t).phases, t)


def _report():
    from mathref.verify import verify

    return verify("cg", {(0, 0, 0, 0, 0, 0): -1.0}, complete=False)


@pytest.mark.parametrize("factory", [_reaction_set, _refinement, _qsp, _report])
def test_html_repr_is_a_balanced_table(factory):
    text = factory()._repr_html_()
    assert "<table>" in text
    _check_html(text)


def test_html_table_escapes_and_cuts():
    from mathref.display import html_table

    text = html_table(["a<b"], [("x & y",)] * 50, max_rows=3)
    assert "a&lt;b" in text and "x &amp; y" in text and "47 more rows" in text
    _check_html(text)
