"""Score a system on test sets: answers, abstentions, verdicts, citations, retrieval, risk–coverage and latency.

``run_eval(settings, testsets)`` loads the engine once, asks every QA question, runs hybrid / BM25-only /
dense-only search (and the baseline of :mod:`eval.baseline`) for every question with gold sections, and returns an
:class:`EvalReport`. ``run_eval(..., answers=FILE)`` scores another system's answers (:mod:`eval.answers`) by the
same rules without loading the engine; its citations, in order, are its ranking. Retrieval-only items are searched
(or their citations read), never asked, and reported apart. Rules: :mod:`eval.scoring`; format: ``eval/README.md``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
from tqdm import tqdm

from eval.answers import MISSING, SystemAnswer, load_answers
from eval.riskcov import Decision, RiskCoverage, risk_coverage
from eval.scoring import (
    RETRIEVAL_K,
    AnswerScores,
    Outcome,
    RetrievalScores,
    answer_scores,
    citation_matches,
    question_correct,
    retrieval_scores,
)
from eval.testset import DEFAULT_TESTSET, EvalItem, Skipped, doc_key, load_testset, section_key
from planqa.config import Settings

CITATIONS = "citations"  # the ranking of a system known only by its answers: its citations, in order
MISS_K = 5  # a retrieval-only item is a miss when no gold section is in the primary ranking's first MISS_K


@dataclass
class QuestionResult:
    """What the system did with one question; ``got`` is None and ``correct`` None for a retrieval-only item
    searched by planqa (nothing was asked)."""

    item: EvalItem
    got: SystemAnswer | None
    cited: list[str]  # cited sections, "doc section" for another document
    correct: bool | None
    rankings: dict[str, list[str]] = field(default_factory=dict)  # system → ranked sections

    @property
    def answer(self) -> str:
        return self.got.answer if self.got else ""

    @property
    def abstained(self) -> bool:
        return self.got.abstained if self.got else False

    def outcome(self) -> Outcome:
        return Outcome(answerable=self.item.answerable, abstained=self.abstained, correct=bool(self.correct),
                       cited=tuple(self.cited), gold=self.item.sections)

    def expected(self) -> str:
        if not self.item.answerable:
            return "abstain"
        parts = []
        if self.item.verdict is not None:
            parts.append("verdict " + ("true (Đúng)" if self.item.verdict else "false (Chưa đúng)"))
        if self.item.answers:
            parts.append("any of " + " | ".join(self.item.answers))
        if self.item.answers_all:
            parts.append("all of " + " + ".join(self.item.answers_all))
        return "; ".join(parts) or "gold sections " + ", ".join(self.item.sections)

    def to_json(self) -> dict:
        got = self.got
        return {"id": self.item.id, "lang": self.item.lang, "type": self.item.type, "question": self.item.question,
                "scored": "retrieval" if self.item.retrieval_only else "answer", "doc": self.item.doc,
                "expected": self.expected(), "answer": self.answer, "abstained": self.abstained,
                "correct": self.correct, "cited": self.cited, "gold_sections": list(self.item.sections),
                "confidence": got.confidence if got else None, "verdict": got.verdict if got else None,
                "latency_ms": round(got.latency_ms, 1) if got and got.latency_ms is not None else None,
                "kind": got.kind if got else "", "rankings": self.rankings}


def _percentile(values: Sequence[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else 0.0


@dataclass
class EvalReport:
    """Every metric of one evaluation run, plus the per-question results."""

    testset: str
    system: str  # "planqa", or the answers file scored
    results: list[QuestionResult]
    skipped: list[Skipped]
    overall: AnswerScores
    by_lang: dict[str, AnswerScores]
    by_type: dict[str, AnswerScores]
    retrieval: dict[str, RetrievalScores]  # QA items with gold sections
    retrieval_only: dict[str, RetrievalScores]  # retrieval-only items
    risk: RiskCoverage
    latencies_ms: list[float]
    missing_answers: int = 0  # QA items the answers file does not answer (scored as abstentions)

    @property
    def answer_accuracy(self) -> float:
        return self.overall.accuracy

    @property
    def qa_results(self) -> list[QuestionResult]:
        return [r for r in self.results if not r.item.retrieval_only]

    @property
    def failures(self) -> list[QuestionResult]:
        return [r for r in self.qa_results if not r.correct]

    @property
    def primary(self) -> str:
        """The ranking the system itself uses: planqa's hybrid search, or a peer's citations."""
        return "hybrid" if self.system == "planqa" else CITATIONS

    @property
    def retrieval_misses(self) -> list[QuestionResult]:
        """Retrieval-only items with no gold section in the primary ranking's first :data:`MISS_K`."""
        return [r for r in self.results if r.item.retrieval_only and not any(
            citation_matches(s, g) for s in r.rankings.get(self.primary, [])[:MISS_K] for g in r.item.sections)]

    @property
    def latency_p50_ms(self) -> float:
        return _percentile(self.latencies_ms, 50)

    @property
    def latency_p95_ms(self) -> float:
        return _percentile(self.latencies_ms, 95)

    def to_json(self) -> dict:
        return {"testset": self.testset, "system": self.system, "answer_accuracy": self.answer_accuracy,
                "overall": asdict(self.overall), "missing_answers": self.missing_answers,
                "by_lang": {k: asdict(v) for k, v in self.by_lang.items()},
                "by_type": {k: asdict(v) for k, v in self.by_type.items()},
                "retrieval": {k: asdict(v) for k, v in self.retrieval.items()},
                "retrieval_only": {k: asdict(v) for k, v in self.retrieval_only.items()},
                "risk_coverage": self.risk.to_json(),
                "latency_ms": {"p50": round(self.latency_p50_ms, 1), "p95": round(self.latency_p95_ms, 1),
                               "max": round(max(self.latencies_ms, default=0.0), 1),
                               "questions": len(self.latencies_ms)},
                "skipped": [asdict(s) for s in self.skipped], "results": [r.to_json() for r in self.results]}


def _grouped(results: list[QuestionResult], key: Callable[[QuestionResult], str]) -> dict[str, AnswerScores]:
    groups: dict[str, list[Outcome]] = {}
    for r in results:
        groups.setdefault(key(r), []).append(r.outcome())
    return {k: answer_scores(v) for k, v in sorted(groups.items())}


def score_answer(item: EvalItem, got: SystemAnswer) -> QuestionResult:
    """One QA item scored on what the system said; its citations are also its ranking (:data:`CITATIONS`)."""
    cited = [section_key(d, s, item.doc) for d, s in got.citations]
    correct = None if item.retrieval_only else question_correct(
        item.answerable, got.abstained, got.answer, item.answers, item.answers_all, item.verdict, got.verdict)
    return QuestionResult(item=item, got=got, cited=cited, correct=correct)


def build_report(testset: str, system: str, results: list[QuestionResult], skipped: list[Skipped],
                 systems: Sequence[str], missing_answers: int = 0) -> EvalReport:
    """Every metric over scored results; ``systems`` names the rankings, in the order to report them."""
    qa = [r for r in results if not r.item.retrieval_only]
    only = [r for r in results if r.item.retrieval_only]

    def retrieval(rs: list[QuestionResult]) -> dict[str, RetrievalScores]:
        ranked = [r for r in rs if r.item.sections and r.item.answerable]
        return {name: retrieval_scores([(r.rankings.get(name, []), r.item.sections) for r in ranked])
                for name in systems}

    return EvalReport(
        testset=testset, system=system, results=results, skipped=skipped,
        overall=answer_scores([r.outcome() for r in qa]), by_lang=_grouped(qa, lambda r: r.item.lang),
        by_type=_grouped(qa, lambda r: r.item.type), retrieval=retrieval(qa), retrieval_only=retrieval(only),
        risk=risk_coverage([Decision(r.item.answerable, r.abstained, bool(r.correct),
                                     r.got.confidence if r.got else 0.0) for r in qa]),
        latencies_ms=[r.got.latency_ms for r in qa if r.got and r.got.latency_ms is not None],
        missing_answers=missing_answers)


def _warn(message: str) -> None:
    print(message, file=sys.stderr)


def _score_answers_file(items: list[EvalItem], answers_path: Path) -> tuple[list[QuestionResult], int]:
    answers = load_answers(answers_path)
    for s in answers.skipped:
        _warn(f"{s.path}: line {s.line}: {s.reason}; skipped")
    wanted = {i.id for i in items}
    unknown = [qid for qid in answers.answers if qid not in wanted]
    if unknown:
        _warn(f"{answers_path}: {len(unknown)} answers to ids not in the test set, ignored (e.g. {unknown[0]!r})")
    results, missing = [], 0
    for item in items:
        got = answers.answers.get(item.id)
        if got is None:
            missing += not item.retrieval_only
            got = MISSING
        result = score_answer(item, got)
        result.rankings = {CITATIONS: result.cited} if item.sections and item.answerable else {}
        results.append(result)
    if missing:
        _warn(f"{answers_path}: {missing} QA items have no answer; scored as abstentions")
    return results, missing


def _run_planqa(settings: Settings, items: list[EvalItem], baseline: bool) -> tuple[list[QuestionResult], list[str]]:
    from index.search import SearchMode
    from planqa.app import Engine

    show = sys.stderr.isatty()
    engine = Engine.load(settings, progress=show)
    known = {doc_key(d.id) for d in engine.corpus.documents}
    for name in sorted({i.doc for i in items if doc_key(i.doc) not in known}):
        _warn(f"doc {name!r} names no document of the corpus ({', '.join(d.id for d in engine.corpus.documents)})"
              f"; its items' citations and rankings can never match")
    searchers: dict[str, Callable[[str], list[tuple[str, str]]]] = {
        mode.value: (lambda q, m=mode: [(r.doc, r.section) for r in engine.search(q, RETRIEVAL_K, m)])
        for mode in (SearchMode.HYBRID, SearchMode.BM25, SearchMode.DENSE)}
    if baseline:
        from eval.baseline import Baseline

        searchers["baseline"] = Baseline(engine.corpus, engine.embedder).search
    results = []
    for item in tqdm(items, desc="eval", disable=not show, leave=False):
        if item.retrieval_only:
            result = QuestionResult(item=item, got=None, cited=[], correct=None)
        else:
            result = score_answer(item, SystemAnswer.from_answer(engine.ask(item.question, item.id)))
        if item.answerable and item.sections:
            result.rankings = {name: [section_key(d, s, item.doc) for d, s in search(item.question)]
                               for name, search in searchers.items()}
        results.append(result)
    return results, list(searchers)


def run_eval(settings: Settings | None = None, testsets: Sequence[Path] | None = None, baseline: bool = True,
             answers: Path | None = None) -> EvalReport:
    """Evaluate planqa built from ``settings`` — or the answers in ``answers`` — on ``testsets`` (files or
    folders; default ``eval/testset.jsonl``)."""
    paths = list(testsets or [DEFAULT_TESTSET])
    items, skipped = load_testset(*paths)
    for s in skipped:
        _warn(f"{s.path}: line {s.line}: {s.reason}; skipped")
    testset = ", ".join(str(p) for p in paths)
    if answers is not None:
        results, missing = _score_answers_file(items, answers)
        return build_report(testset, str(answers), results, skipped, [CITATIONS], missing)
    results, systems = _run_planqa(settings or Settings(), items, baseline)
    return build_report(testset, "planqa", results, skipped, systems)
