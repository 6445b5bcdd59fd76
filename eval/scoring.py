"""Scoring rules of the evaluation, as pure functions: answer matching, citation matching, retrieval metrics.

Definitions (also printed in the report):
- an answerable question is answered correctly when the system did not abstain and its answer contains any of
  ``answers`` (no requirement when the list is empty) and all of ``answers_all``, compared after NFC, lowercasing
  and whitespace collapsing; a string of digits only matches a whole number ("19" is not found in "2019");
- an unanswerable question is answered correctly when the system abstained;
- wrong-answer rate = questions answered (not abstained) with a wrong answer / questions answered; an answer to an
  unanswerable question counts as wrong;
- a section matches a gold section when it is the gold section or one of its descendants (``III.1.3.a`` matches
  ``III.1.3``; ``II.2.(10)`` does not match ``II.2.(1)``);
- Recall@k = share of a question's gold sections matched within the first k results (standard IR recall: a question
  with n > k gold sections scores at most k/n); MRR@10 = 1 / rank of the first matching result within 10, else 0;
  both averaged over questions;
- citation accuracy (top 3) = share of answerable questions with gold sections whose first three citations contain
  a match; citation recall = share of all gold sections (pooled over those questions) matched by any citation.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

_SPACE = re.compile(r"\s+")
_NUMBER = re.compile(r"\d+")


def normalize_answer(text: str) -> str:
    """NFC, lowercase, whitespace collapsed to single spaces, stripped."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text).lower()).strip()


def contains(text: str, needle: str) -> bool:
    """Whether ``needle`` occurs in ``text`` after normalisation; digit-only needles match whole numbers."""
    needle = normalize_answer(needle)
    text = normalize_answer(text)
    if needle.isdigit():
        return any(int(m) == int(needle) for m in _NUMBER.findall(text))
    return needle in text


def answer_passes(answer: str, answers: Sequence[str], answers_all: Sequence[str]) -> bool:
    """Any of ``answers`` (skipped when empty) and all of ``answers_all`` occur in ``answer``."""
    any_ok = not answers or any(contains(answer, a) for a in answers)
    return any_ok and all(contains(answer, a) for a in answers_all)


def citation_matches(section: str, gold: str) -> bool:
    """``section`` is ``gold`` or one of its descendants."""
    return section == gold or section.startswith(gold + ".")


def _matches_any(section: str, gold: Sequence[str]) -> bool:
    return any(citation_matches(section, g) for g in gold)


def recall_at_k(ranked: Sequence[str], gold: Sequence[str], k: int) -> float:
    """Share of ``gold`` sections matched by one of the first ``k`` ranked sections."""
    if not gold:
        return 0.0
    top = ranked[:k]
    return sum(any(citation_matches(s, g) for s in top) for g in gold) / len(gold)


def reciprocal_rank(ranked: Sequence[str], gold: Sequence[str], k: int = 10) -> float:
    """1 / rank of the first ranked section matching a gold section within ``k``; 0 when none does."""
    for rank, section in enumerate(ranked[:k], 1):
        if _matches_any(section, gold):
            return 1.0 / rank
    return 0.0


@dataclass(frozen=True)
class RetrievalScores:
    """Retrieval metrics averaged over questions."""

    recall_1: float
    recall_5: float
    recall_10: float
    mrr_10: float
    questions: int


def retrieval_scores(rankings: Sequence[tuple[Sequence[str], Sequence[str]]]) -> RetrievalScores:
    """Recall@1/5/10 and MRR@10 over (ranked sections, gold sections) pairs; pairs without gold are left out."""
    pairs = [(r, g) for r, g in rankings if g]
    n = len(pairs)

    def mean(values: list[float]) -> float:
        return sum(values) / n if n else 0.0

    return RetrievalScores(recall_1=mean([recall_at_k(r, g, 1) for r, g in pairs]),
                           recall_5=mean([recall_at_k(r, g, 5) for r, g in pairs]),
                           recall_10=mean([recall_at_k(r, g, 10) for r, g in pairs]),
                           mrr_10=mean([reciprocal_rank(r, g, 10) for r, g in pairs]), questions=n)


def question_correct(answerable: bool, abstained: bool, answer: str, answers: Sequence[str],
                     answers_all: Sequence[str]) -> bool:
    """Answerable: not abstained and the answer passes. Unanswerable: abstained."""
    if not answerable:
        return abstained
    return not abstained and answer_passes(answer, answers, answers_all)


def citation_hit_top3(cited: Sequence[str], gold: Sequence[str]) -> bool:
    """One of the first three cited sections matches a gold section."""
    return any(_matches_any(s, gold) for s in cited[:3])


def gold_cited(cited: Sequence[str], gold: Sequence[str]) -> int:
    """How many gold sections are matched by some citation."""
    return sum(any(citation_matches(s, g) for s in cited) for g in gold)


@dataclass(frozen=True)
class Outcome:
    """What one question needs for the answer metrics."""

    answerable: bool
    abstained: bool
    correct: bool
    cited: tuple[str, ...]  # cited sections, in citation order
    gold: tuple[str, ...]


@dataclass(frozen=True)
class AnswerScores:
    """Answer metrics over a set of questions (definitions in the module docstring)."""

    questions: int
    correct: int
    accuracy: float
    answered: int
    wrong: int  # answered, and wrong
    wrong_answer_rate: float
    unanswerable: int
    abstained_unanswerable: int
    abstention_accuracy: float  # share of unanswerable questions abstained on
    false_abstentions: int  # answerable questions abstained on
    citation_accuracy_top3: float
    citation_recall: float


def answer_scores(outcomes: Sequence[Outcome]) -> AnswerScores:
    """Accuracy, wrong-answer rate, abstention and citation metrics over ``outcomes``."""

    def share(part: int, whole: int) -> float:
        return part / whole if whole else 0.0

    answered = [o for o in outcomes if not o.abstained]
    wrong = sum(not o.correct for o in answered)
    unanswerable = [o for o in outcomes if not o.answerable]
    abstained = sum(o.abstained for o in unanswerable)
    cited = [o for o in outcomes if o.answerable and o.gold]
    correct = sum(o.correct for o in outcomes)
    return AnswerScores(
        questions=len(outcomes), correct=correct, accuracy=share(correct, len(outcomes)), answered=len(answered),
        wrong=wrong, wrong_answer_rate=share(wrong, len(answered)), unanswerable=len(unanswerable),
        abstained_unanswerable=abstained, abstention_accuracy=share(abstained, len(unanswerable)),
        false_abstentions=sum(o.abstained for o in outcomes if o.answerable),
        citation_accuracy_top3=share(sum(citation_hit_top3(o.cited, o.gold) for o in cited), len(cited)),
        citation_recall=share(sum(gold_cited(o.cited, o.gold) for o in cited), sum(len(o.gold) for o in cited)))
