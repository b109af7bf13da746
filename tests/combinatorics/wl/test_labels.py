"""Canonical label texts: equal values give equal texts, on every run."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from mathref.combinatorics.wl.labels import encode_labels, label_text


def test_numbers_compare_by_value():
    assert label_text(1) == label_text(1.0) == label_text(Fraction(2, 2)) == label_text(np.int64(1))
    assert label_text(-0.0) == label_text(0)
    assert label_text(0.5) == label_text(Fraction(1, 2)) == "num:1/2"
    assert label_text(float("inf")) == "num:inf" and label_text(float("nan")) == "num:nan"


def test_kinds_do_not_collide():
    texts = [label_text(v) for v in (None, True, 1, "1", b"1", (1,), frozenset({1}))]
    assert len(set(texts)) == len(texts)


def test_nested_texts_are_length_prefixed():
    assert label_text(("ab", "c")) != label_text(("a", "bc"))
    assert label_text(frozenset({2, 1})) == label_text(frozenset({1, 2}))


def test_strict_rejects_objects_without_canonical_form():
    with pytest.raises(TypeError, match="canonical"):
        label_text(object())
    assert label_text(object(), strict=False).startswith("obj:object:")


def test_encode_labels_ranks_sorted_texts():
    codes, vocab = encode_labels([2, "a", 2, None], strict=True)
    assert vocab == ("none", "num:2", "str:a")
    assert codes.tolist() == [1, 2, 1, 0] and codes.dtype == np.int64
