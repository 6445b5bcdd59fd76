"""The evaluation scorer on hand-made cases."""

from __future__ import annotations

import pytest

from eval.scoring import (
    Outcome,
    answer_passes,
    answer_scores,
    citation_matches,
    normalize_answer,
    question_correct,
    recall_at_k,
    reciprocal_rank,
    retrieval_scores,
)


def test_normalize_answer_nfc_lowercase_whitespace() -> None:
    decomposed = "Ho\u0302\u0300  Chi\u0301\n Minh"
    assert normalize_answer(decomposed) == "hồ chí minh"


def test_answer_passes_on_any_string() -> None:
    assert answer_passes("Cơ quan chủ trì: Sở  Khoa học và Công nghệ.", ["Sở Khoa học và Công nghệ"], [])


def test_wrong_answer_fails() -> None:
    assert not answer_passes("Sở Tài chính", ["Sở Khoa học và Công nghệ"], [])


def test_missing_all_part_fails() -> None:
    all_parts = ["Nội vụ", "Tài chính", "Công Thương"]
    assert answer_passes("Sở Nội vụ, Sở Tài chính, Sở Công Thương", [], all_parts)
    assert not answer_passes("Sở Nội vụ, Sở Tài chính", [], all_parts)


def test_any_and_all_both_required() -> None:
    assert not answer_passes("Sở Nội vụ", ["Quý II/2026"], ["Nội vụ"])
    assert answer_passes("Sở Nội vụ, Quý II/2026", ["Quý II/2026"], ["Nội vụ"])


@pytest.mark.parametrize(("answer", "passes"), [
    ("Có 19 nhiệm vụ.", True),
    ("đến năm 2019", False),
    ("190 nhiệm vụ", False),
    ("tasks 18-19, 20", True),
    ("11.19%", True),
])
def test_digits_match_whole_numbers(answer: str, passes: bool) -> None:
    assert answer_passes(answer, ["19"], []) is passes


@pytest.mark.parametrize(("section", "gold", "matches"), [
    ("III.1.3", "III.1.3", True),
    ("III.1.3.a", "III.1.3", True),
    ("PL.22", "PL", True),
    ("II.2.(1)", "II.2.(10)", False),
    ("II.2.(10)", "II.2.(1)", False),
    ("III.1.12", "III.1.1", False),
    ("III.1", "III.1.3", False),
])
def test_citation_matches_descendants_only(section: str, gold: str, matches: bool) -> None:
    assert citation_matches(section, gold) is matches


def test_abstention_scoring() -> None:
    assert question_correct(False, True, "", [], [])
    assert not question_correct(False, False, "Hải Phòng có 2 triệu dân", [], [])
    assert not question_correct(True, True, "Sở Nội vụ", ["Sở Nội vụ"], [])
    assert question_correct(True, False, "Sở Nội vụ", ["Sở Nội vụ"], [])


def test_recall_and_mrr_on_a_tiny_ranking() -> None:
    ranked = ["PL.1", "III.1.3.a", "PL.22", "II.2.(10)"]
    assert recall_at_k(ranked, ["III.1.3"], 1) == 0.0
    assert recall_at_k(ranked, ["III.1.3"], 2) == 1.0
    assert recall_at_k(ranked, ["PL.22", "PL.5"], 5) == 0.5
    assert recall_at_k(ranked, ["II.2.(1)"], 10) == 0.0
    assert reciprocal_rank(ranked, ["PL.22"]) == pytest.approx(1 / 3)
    assert reciprocal_rank(ranked, ["II.2.(1)"]) == 0.0
    assert reciprocal_rank(ranked, ["II.2.(10)"], k=3) == 0.0
    scores = retrieval_scores([(ranked, ["PL.1"]), (ranked, ["PL.22"]), (ranked, [])])
    assert scores.questions == 2
    assert scores.recall_1 == 0.5
    assert scores.recall_5 == 1.0
    assert scores.mrr_10 == pytest.approx((1 + 1 / 3) / 2)


def test_answer_scores_aggregate() -> None:
    outcomes = [
        Outcome(answerable=True, abstained=False, correct=True, cited=("PL.9", "PL.22.x", "PL.1"), gold=("PL.22",)),
        Outcome(answerable=True, abstained=False, correct=False, cited=("PL.1", "PL.2", "PL.3", "PL.5"),
                gold=("PL.5", "PL.6")),
        Outcome(answerable=True, abstained=True, correct=False, cited=(), gold=("II.2.(1)",)),
        Outcome(answerable=False, abstained=True, correct=True, cited=("PL.4",), gold=()),
        Outcome(answerable=False, abstained=False, correct=False, cited=(), gold=()),
    ]
    s = answer_scores(outcomes)
    assert (s.questions, s.correct, s.answered, s.wrong) == (5, 2, 3, 2)
    assert s.accuracy == pytest.approx(0.4)
    assert s.wrong_answer_rate == pytest.approx(2 / 3)
    assert (s.unanswerable, s.abstained_unanswerable, s.abstention_accuracy) == (2, 1, 0.5)
    assert s.false_abstentions == 1
    assert s.citation_accuracy_top3 == pytest.approx(1 / 3)
    assert s.citation_recall == pytest.approx(2 / 4)
