"""The evaluation scorer on hand-made cases."""

from __future__ import annotations

import csv
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eval.scoring import (
    _VERDICTS,
    Outcome,
    answer_passes,
    answer_scores,
    citation_matches,
    normalize_answer,
    outermost,
    question_correct,
    retrieval_scores,
    stated_verdict,
)


def recall_at_k(ranked: Sequence[str], gold: Sequence[str], k: int) -> float:
    """The hand-written reference: share of gold sections matched by one of the first k ranked sections."""
    return sum(any(citation_matches(s, g) for s in ranked[:k]) for g in gold) / len(gold)


def reciprocal_rank(ranked: Sequence[str], gold: Sequence[str], k: int = 10) -> float:
    """The hand-written reference: 1 / rank of the first match within k, else 0."""
    return next((1 / r for r, s in enumerate(ranked[:k], 1) if any(citation_matches(s, g) for g in gold)), 0.0)


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
    assert reciprocal_rank(ranked, ["PL.22"]) == pytest.approx(1 / 3)
    assert reciprocal_rank(ranked, ["II.2.(10)"], k=3) == 0.0
    scores = retrieval_scores([(ranked, ["PL.1"]), (ranked, ["PL.22"]), (ranked, [])])
    assert scores.questions == 2
    assert scores.recall_1 == 0.5
    assert scores.recall_5 == 1.0
    assert scores.mrr_10 == pytest.approx((1 + 1 / 3) / 2)
    one = retrieval_scores([(ranked, ["III.1.3"])])
    assert (one.recall_1, one.recall_5, one.mrr_10) == (0.0, 1.0, 0.5)  # a descendant counts
    none = retrieval_scores([([], ["PL.5"]), (ranked, ["II.2.(1)"])])  # nothing retrieved; no match
    assert (none.recall_10, none.mrr_10, none.questions) == (0.0, 0.0, 2)
    assert retrieval_scores([]).questions == 0


SECTIONS = ["PL.1", "PL.2", "PL.12", "PL.2.a", "PL.2.b", "III.1", "III.1.3", "III.1.3.a", "II.2.(1)", "II.2.(10)"]


def _no_nesting(gold: list[str]) -> bool:
    return outermost(gold) == tuple(gold)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.lists(st.sampled_from(SECTIONS), max_size=14, unique=True),
                          st.lists(st.sampled_from(SECTIONS), min_size=1, max_size=3, unique=True)
                          .filter(_no_nesting)), min_size=1, max_size=6))
def test_trec_eval_scores_equal_the_hand_written_ones(pairs: list[tuple[list[str], list[str]]]) -> None:
    scores = retrieval_scores(pairs)
    n = len(pairs)
    assert scores.questions == n
    for k, value in ((1, scores.recall_1), (5, scores.recall_5), (10, scores.recall_10)):
        assert value == pytest.approx(sum(recall_at_k(r, g, k) for r, g in pairs) / n)
    assert scores.mrr_10 == pytest.approx(sum(reciprocal_rank(r, g) for r, g in pairs) / n)


def test_nested_gold_sections_keep_the_outermost() -> None:
    assert outermost(["III.1.3", "III.1", "PL.2"]) == ("III.1", "PL.2")
    assert outermost(["II.2.(1)", "II.2.(10)", "PL.12", "PL.12"]) == ("II.2.(1)", "II.2.(10)", "PL.12")


def _verdict_rows() -> list[dict[str, str]]:
    with open(_VERDICTS, encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


@pytest.mark.parametrize("row", _verdict_rows(), ids=lambda r: r["prefix"])
def test_every_verdict_prefix_is_read(row: dict[str, str]) -> None:
    verdict = row["verdict"] == "true"
    assert stated_verdict(f"{row['prefix']}. Nhiệm vụ 22 do Sở Khoa học và Công nghệ chủ trì.") is verdict
    assert stated_verdict(f"  {row['prefix'].upper()}, …") is verdict
    assert stated_verdict(f"{row['prefix']}x khác") is None  # a longer word is not the verdict


@pytest.mark.parametrize(("answer", "verdict"), [
    ("Đúng: Sở Nội vụ chủ trì", True), ("Chưa đúng — Sở Tài chính chủ trì", False), ("Correct.", True),
    ("Not quite: the lead is Sở Tài chính", False), ("Sở Nội vụ chủ trì, đúng vậy", None), ("Đúngđắn", None),
])
def test_stated_verdict_reads_the_opening_words(answer: str, verdict: bool | None) -> None:
    assert stated_verdict(answer) is verdict


def test_claims_need_the_verdict_too() -> None:
    gold = ["Sở Tài chính"]
    assert question_correct(True, False, "Chưa đúng: Sở Tài chính chủ trì", gold, [], verdict=False)
    assert not question_correct(True, False, "Đúng: Sở Tài chính chủ trì", gold, [], verdict=False)
    assert not question_correct(True, False, "Sở Tài chính chủ trì", gold, [], verdict=False)  # no verdict said
    assert question_correct(True, False, "Đúng.", [], [], verdict=True)  # a verdict alone is a gold answer
    # the Answer's own verdict field wins over the words
    assert question_correct(True, False, "Sở Tài chính chủ trì", gold, [], verdict=False, answer_verdict=False)
    assert not question_correct(True, False, "Chưa đúng: Sở Tài chính", gold, [], verdict=False,
                                answer_verdict=True)
    assert not question_correct(True, True, "Chưa đúng", [], [], verdict=False)  # an abstention never passes


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


def test_tone_mark_placements_are_one_spelling() -> None:
    assert answer_passes("Sở Văn hóa, Thể thao và Du lịch", ["Văn hoá, Thể thao"], [])
    assert not answer_passes("Sở Văn hóa", ["Văn hoá, Thể thao"], [])
