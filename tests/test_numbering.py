"""Numbered items named in questions: every example row of ``index/data/item_numbers.yaml`` runs here."""

from __future__ import annotations

import pytest

from index.numbering import data, numbers
from index.search import plain_query

EXAMPLES = [(kind, q, want) for kind in ("task", "target") for q, want in data()[kind]["examples"]]


@pytest.mark.parametrize(("kind", "question", "wanted"), EXAMPLES)
def test_examples(kind: str, question: str, wanted: list[int]) -> None:
    assert numbers(kind, plain_query(question)) == wanted


def test_every_marker_and_noun_is_a_string() -> None:
    assert all(isinstance(w, str) for w in data()["markers"])
    assert all(isinstance(w, str) for kind in ("task", "target") for w in data()[kind]["nouns"])
