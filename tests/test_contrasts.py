"""Terms that exclude each other: every example of ``qa/data/contrast_terms.yaml`` runs here."""

from __future__ import annotations

import pytest
import yaml

from qa.contrasts import DATA, contrasted

EXAMPLES = yaml.safe_load(DATA.read_text(encoding="utf-8"))["examples"]


@pytest.mark.parametrize(("question", "answer", "expected"), EXAMPLES)
def test_a_question_about_one_term_is_not_answered_by_a_text_about_another(question: str, answer: str,
                                                                            expected: bool) -> None:
    assert contrasted(question, answer) is expected


def test_every_group_has_two_terms_or_more_and_every_term_a_vietnamese_form() -> None:
    groups = yaml.safe_load(DATA.read_text(encoding="utf-8"))["groups"]
    assert all(len(g) >= 2 and all(t["vi"] for t in g) for g in groups)
