"""Scoring rules of the evaluation, as pure functions: answer matching, citation matching, retrieval metrics.

Definitions (also printed in the report):
- an answerable question is answered correctly when the system did not abstain and its answer contains any of
  ``answers`` (no requirement when the list is empty) and all of ``answers_all``, compared after NFC, one
  tone-mark convention ("hoá" and "hóa" are one spelling), lowercasing and whitespace collapsing; a string of
  digits only matches a whole number ("19" is not found in "2019");
- an unanswerable question is answered correctly when the system abstained;
- wrong-answer rate = questions answered (not abstained) with a wrong answer / questions answered; an answer to an
  unanswerable question counts as wrong;
- a section matches a gold section when it is the gold section or one of its descendants (``III.1.3.a`` matches
  ``III.1.3``; ``II.2.(10)`` does not match ``II.2.(1)``);
- Recall@k = share of a question's gold sections matched within the first k results (standard IR recall: a question
  with n > k gold sections scores at most k/n); MRR@10 = 1 / rank of the first matching result within 10, else 0;
  both averaged over questions, computed by trec_eval; a ranked section counts for one gold section only;
- a claim to verify (gold ``verdict`` true or false) also needs the answer to state that verdict: the answer's
  ``verdict`` field when the system gives one, else its opening words ("Đúng"/"Correct", "Chưa đúng"/"Not quite");
- citation accuracy (top 3) = share of answerable questions with gold sections whose first three citations contain
  a match; citation recall = share of all gold sections (pooled over those questions) matched by any citation.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytrec_eval

from ingest.agencies import canonical_text

_SPACE = re.compile(r"\s+")
_NUMBER = re.compile(r"\d+")
_VERDICTS = Path(__file__).resolve().parent / "data" / "verdict_prefixes.tsv"
RETRIEVAL_K = 10  # ranked sections scored per question


def normalize_answer(text: str) -> str:
    """NFC, one tone-mark convention (hoá → hóa), lowercase, whitespace collapsed to single spaces, stripped."""
    return _SPACE.sub(" ", canonical_text(unicodedata.normalize("NFC", text)).lower()).strip()


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


def outermost(gold: Sequence[str]) -> tuple[str, ...]:
    """``gold`` without the sections that lie inside another of them (a citation of ``Đ.17.1`` already matches
    ``Đ.17``), in order."""
    return tuple(h for h in dict.fromkeys(gold) if not any(g != h and citation_matches(h, g) for g in gold))


def _qrels_and_run(ranked: Sequence[str], gold: Sequence[str], k: int) -> tuple[dict[str, int], dict[str, float]]:
    """One question as trec_eval sees it: the gold sections as relevant ids, and the first ``k`` ranked sections
    with falling scores, each renamed to the gold section it is the first to match (so descendants count, once),
    every other entry kept under a name no gold section has (so ranks do not move)."""
    run: dict[str, float] = {}
    claimed: set[str] = set()
    for rank, section in enumerate(ranked[:k]):
        hit = next((g for g in gold if g not in claimed and citation_matches(section, g)), None)
        if hit is not None:
            claimed.add(hit)
        run[hit if hit is not None else f"{section}#{rank}"] = float(k - rank)
    return {g: 1 for g in gold}, run


@dataclass(frozen=True)
class RetrievalScores:
    """Retrieval metrics averaged over questions."""

    recall_1: float
    recall_5: float
    recall_10: float
    mrr_10: float
    questions: int


_MEASURES = {"recall_1": "recall.1", "recall_5": "recall.5", "recall_10": "recall.10", "mrr_10": "recip_rank"}


def retrieval_scores(rankings: Sequence[tuple[Sequence[str], Sequence[str]]]) -> RetrievalScores:
    """Recall@1/5/10 and MRR@10 over (ranked sections, gold sections) pairs, computed by trec_eval
    (``pytrec_eval``); pairs without gold are left out. Gold sections must not nest (:func:`outermost`)."""
    pairs = [(r, g) for r, g in rankings if g]
    if not pairs:
        return RetrievalScores(0.0, 0.0, 0.0, 0.0, 0)
    qrels, run = {}, {}
    for n, (ranked, gold) in enumerate(pairs):
        qrels[str(n)], run[str(n)] = _qrels_and_run(ranked, gold, RETRIEVAL_K)
    per_query = pytrec_eval.RelevanceEvaluator(qrels, set(_MEASURES.values())).evaluate(run)
    measure_keys = {name: measure.replace(".", "_") for name, measure in _MEASURES.items()}
    # trec_eval leaves out a question with nothing retrieved: it scores 0 on every measure
    totals = {name: sum(per_query.get(q, {}).get(key, 0.0) for q in qrels) for name, key in measure_keys.items()}
    return RetrievalScores(**{name: total / len(pairs) for name, total in totals.items()}, questions=len(pairs))


@cache
def verdict_prefixes() -> dict[bool, tuple[str, ...]]:
    """True/False → the words an answer opens with to state that verdict (``eval/data/verdict_prefixes.tsv``)."""
    with open(_VERDICTS, encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    return {v: tuple(normalize_answer(r["prefix"]) for r in rows if r["verdict"] == str(v).lower())
            for v in (True, False)}


def stated_verdict(answer: str) -> bool | None:
    """The verdict an answer's text opens with ("Đúng …" → True, "Chưa đúng …" → False), None when neither."""
    text = normalize_answer(answer)
    for verdict, prefixes in verdict_prefixes().items():
        for p in prefixes:
            if text.startswith(p) and not text[len(p):len(p) + 1].isalnum():
                return verdict
    return None


def question_correct(answerable: bool, abstained: bool, answer: str, answers: Sequence[str],
                     answers_all: Sequence[str], verdict: bool | None = None,
                     answer_verdict: bool | None = None) -> bool:
    """Answerable: not abstained, the answer passes, and — for a claim with a gold ``verdict`` — it states that
    verdict (the answer's own ``answer_verdict`` when the system gives one, else the words it opens with).
    Unanswerable: abstained."""
    if not answerable:
        return abstained
    if abstained or not answer_passes(answer, answers, answers_all):
        return False
    if verdict is None:
        return True
    said = answer_verdict if answer_verdict is not None else stated_verdict(answer)
    return said is verdict


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
