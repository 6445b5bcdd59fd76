"""Score planqa on a QA test set: answers, abstentions, citations, retrieval (vs a naive baseline) and latency.

``run_eval(settings)`` loads the engine once, asks every question, runs hybrid / BM25-only / dense-only search (and
the baseline of :mod:`eval.baseline`) for every answerable question, and returns an :class:`EvalReport`. Scoring
rules are in :mod:`eval.scoring`. Test set format: ``eval/README.md``; an item may name its document in an optional
``doc`` field (default ``20-CTr/TU``): sections of other documents never match its gold sections.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
from tqdm import tqdm

from eval.scoring import AnswerScores, Outcome, RetrievalScores, answer_scores, question_correct, retrieval_scores
from index.search import SearchMode
from planqa.config import Settings

DEFAULT_TESTSET = Path(__file__).resolve().parent / "testset.jsonl"
DEFAULT_DOC = "20-CTr/TU"
RETRIEVAL_K = 10


@dataclass(frozen=True)
class EvalItem:
    """One test question with its gold answer strings and sections."""

    id: str
    question: str
    lang: str
    type: str
    answers: tuple[str, ...]
    answers_all: tuple[str, ...]
    answerable: bool
    sections: tuple[str, ...]
    doc: str = DEFAULT_DOC


@dataclass(frozen=True)
class Skipped:
    """A test set line that could not be used, and why."""

    line: int
    reason: str


def _string_list(item: dict, key: str) -> tuple[str, ...]:
    value = item.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"'{key}' is not a list of strings")
    return tuple(value)


def parse_item(line: str, n: int) -> EvalItem:
    """An :class:`EvalItem` from one JSONL line; ValueError says what is wrong."""
    try:
        item = json.loads(line)
    except ValueError as e:
        raise ValueError(f"not valid JSON ({e.msg})") from e
    if not isinstance(item, dict):
        raise ValueError("not a JSON object")
    question, answerable = item.get("question"), item.get("answerable")
    if not isinstance(question, str) or not question.strip():
        raise ValueError("'question' missing or not a non-empty string")
    if not isinstance(answerable, bool):
        raise ValueError("'answerable' missing or not true/false")
    answers, answers_all = _string_list(item, "answers"), _string_list(item, "answers_all")
    if answerable and not (answers or answers_all):
        raise ValueError("answerable but neither 'answers' nor 'answers_all' is given")
    if not answerable and (answers or answers_all):
        raise ValueError("unanswerable but carries answers")
    strings = {k: item.get(k, default) for k, default in (("id", f"line-{n}"), ("lang", "?"), ("type", "?"),
                                                           ("doc", DEFAULT_DOC))}
    if not all(isinstance(v, str) and v for v in strings.values()):
        raise ValueError("'id', 'lang', 'type' or 'doc' is not a non-empty string")
    return EvalItem(id=strings["id"], question=question, lang=strings["lang"], type=strings["type"], answers=answers,
                    answers_all=answers_all, answerable=answerable, sections=_string_list(item, "sections"),
                    doc=strings["doc"])


def load_testset(path: Path) -> tuple[list[EvalItem], list[Skipped]]:
    """The usable items and the skipped lines; FileNotFoundError when ``path`` does not exist."""
    if not path.is_file():
        raise FileNotFoundError(f"test set not found: {path}")
    items: list[EvalItem] = []
    skipped: list[Skipped] = []
    seen: set[str] = set()
    with open(path, encoding="utf-8", errors="replace") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                item = parse_item(line, n)
                if item.id in seen:
                    raise ValueError(f"duplicate id {item.id!r}")
            except ValueError as e:
                skipped.append(Skipped(n, str(e)))
                continue
            seen.add(item.id)
            items.append(item)
    return items, skipped


@dataclass
class QuestionResult:
    """What the system did with one question."""

    item: EvalItem
    answer: str
    abstained: bool
    cited: list[str]  # cited sections, "doc section" for another document
    correct: bool
    latency_ms: float
    kind: str = ""
    rankings: dict[str, list[str]] = field(default_factory=dict)  # system → ranked sections

    def outcome(self) -> Outcome:
        return Outcome(answerable=self.item.answerable, abstained=self.abstained, correct=self.correct,
                       cited=tuple(self.cited), gold=self.item.sections)

    def expected(self) -> str:
        if not self.item.answerable:
            return "abstain"
        parts = []
        if self.item.answers:
            parts.append("any of " + " | ".join(self.item.answers))
        if self.item.answers_all:
            parts.append("all of " + " + ".join(self.item.answers_all))
        return "; ".join(parts)

    def to_json(self) -> dict:
        return {"id": self.item.id, "lang": self.item.lang, "type": self.item.type, "question": self.item.question,
                "expected": self.expected(), "answer": self.answer, "abstained": self.abstained,
                "correct": self.correct, "cited": self.cited, "gold_sections": list(self.item.sections),
                "latency_ms": round(self.latency_ms, 1), "kind": self.kind, "rankings": self.rankings}


def _section_key(doc: str, section: str, wanted_doc: str) -> str:
    return section if doc == wanted_doc else f"{doc} {section}"


def _table(headers: list[str], rows: list[list[str]], markdown: bool = False) -> str:
    if markdown:
        lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" if i == 0 else "---:"
                                                                   for i in range(len(headers))) + "|"]
        return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in rows])
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows, strict=True)]
    fmt = "  ".join(f"{{:<{w}}}" if i == 0 else f"{{:>{w}}}" for i, w in enumerate(widths))
    return "\n".join([fmt.format(*headers), fmt.format(*("-" * w for w in widths))] + [fmt.format(*r) for r in rows])


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


@dataclass
class EvalReport:
    """Every metric of one evaluation run, plus the per-question results."""

    testset: str
    results: list[QuestionResult]
    skipped: list[Skipped]
    overall: AnswerScores
    by_lang: dict[str, AnswerScores]
    by_type: dict[str, AnswerScores]
    retrieval: dict[str, RetrievalScores]
    latency_p50_ms: float
    latency_p95_ms: float

    @property
    def answer_accuracy(self) -> float:
        return self.overall.accuracy

    @property
    def failures(self) -> list[QuestionResult]:
        return [r for r in self.results if not r.correct]

    def _summary_rows(self) -> list[list[str]]:
        o = self.overall
        return [["answer accuracy", f"{_pct(o.accuracy)} ({o.correct}/{o.questions})"],
                ["wrong-answer rate (wrong / answered)", f"{_pct(o.wrong_answer_rate)} ({o.wrong}/{o.answered})"],
                ["abstention accuracy (unanswerable)",
                 f"{_pct(o.abstention_accuracy)} ({o.abstained_unanswerable}/{o.unanswerable})"],
                ["false abstentions (answerable)", str(o.false_abstentions)],
                ["citation accuracy, top 3", _pct(o.citation_accuracy_top3)],
                ["citation recall", _pct(o.citation_recall)],
                ["ask latency p50 / p95", f"{self.latency_p50_ms:.0f} / {self.latency_p95_ms:.0f} ms"]]

    @staticmethod
    def _group_rows(groups: dict[str, AnswerScores]) -> list[list[str]]:
        return [[name, str(s.questions), str(s.correct), _pct(s.accuracy), _pct(s.wrong_answer_rate)]
                for name, s in groups.items()]

    def _retrieval_rows(self) -> list[list[str]]:
        return [[name, f"{s.recall_1:.3f}", f"{s.recall_5:.3f}", f"{s.recall_10:.3f}", f"{s.mrr_10:.3f}",
                 str(s.questions)] for name, s in self.retrieval.items()]

    def _tables(self, markdown: bool) -> list[tuple[str, str]]:
        group_head = ["", "questions", "correct", "accuracy", "wrong-answer rate"]
        return [("Summary", _table(["metric", "value"], self._summary_rows(), markdown)),
                ("By language", _table(["language", *group_head[1:]], self._group_rows(self.by_lang), markdown)),
                ("By type", _table(["type", *group_head[1:]], self._group_rows(self.by_type), markdown)),
                (f"Retrieval (answerable questions, section level, k ≤ {RETRIEVAL_K})",
                 _table(["system", "R@1", "R@5", "R@10", "MRR@10", "questions"], self._retrieval_rows(), markdown))]

    def to_text(self) -> str:
        parts = [f"Evaluation on {self.testset}: {self.overall.questions} questions"
                 + (f", {len(self.skipped)} lines skipped" if self.skipped else "")]
        parts += [f"{title}\n{table}" for title, table in self._tables(markdown=False)]
        parts += [f"skipped line {s.line}: {s.reason}" for s in self.skipped]
        return "\n\n".join(parts)

    def to_json(self) -> dict:
        return {"testset": self.testset, "answer_accuracy": self.answer_accuracy, "overall": asdict(self.overall),
                "by_lang": {k: asdict(v) for k, v in self.by_lang.items()},
                "by_type": {k: asdict(v) for k, v in self.by_type.items()},
                "retrieval": {k: asdict(v) for k, v in self.retrieval.items()},
                "latency_ms": {"p50": round(self.latency_p50_ms, 1), "p95": round(self.latency_p95_ms, 1)},
                "skipped": [asdict(s) for s in self.skipped], "results": [r.to_json() for r in self.results]}

    def to_markdown(self) -> str:
        lines = [f"# planqa evaluation — {self.testset}", ""]
        for title, table in self._tables(markdown=True):
            lines += [f"## {title}", "", table, ""]
        if self.skipped:
            lines += ["## Skipped lines", ""] + [f"- line {s.line}: {s.reason}" for s in self.skipped] + [""]
        lines += [f"## Failures ({len(self.failures)})", ""]
        for r in self.failures:
            got = f"(abstained) {r.answer}" if r.abstained else r.answer
            lines += [f"### {r.item.id} · {r.item.type} · {r.item.lang}", "",
                      f"- **question:** {r.item.question}", f"- **expected:** {r.expected()}",
                      f"- **got:** {' '.join(got.split())}",
                      f"- **cited:** {', '.join(r.cited) or '—'}; gold: {', '.join(r.item.sections) or '—'}",
                      f"- **hybrid top 5:** {', '.join(r.rankings.get('hybrid', [])[:5]) or '—'}", ""]
        return "\n".join(lines)


def _grouped(results: list[QuestionResult], key: Callable[[QuestionResult], str]) -> dict[str, AnswerScores]:
    groups: dict[str, list[Outcome]] = {}
    for r in results:
        groups.setdefault(key(r), []).append(r.outcome())
    return {k: answer_scores(v) for k, v in sorted(groups.items())}


def run_eval(settings: Settings | None = None, testset: Path | None = None, report: Path | None = None,
             baseline: bool = True) -> EvalReport:
    """Evaluate the engine built from ``settings`` on ``testset``; write the Markdown report to ``report``."""
    from planqa.app import Engine

    settings = settings or Settings()
    path = testset or DEFAULT_TESTSET
    items, skipped = load_testset(path)
    for s in skipped:
        print(f"{path}: line {s.line}: {s.reason}; skipped", file=sys.stderr)
    show = sys.stderr.isatty()
    engine = Engine.load(settings, progress=show)
    searchers: dict[str, Callable[[str], list[tuple[str, str]]]] = {
        mode.value: (lambda q, m=mode: [(r.doc, r.section) for r in engine.search(q, RETRIEVAL_K, m)])
        for mode in (SearchMode.HYBRID, SearchMode.BM25, SearchMode.DENSE)}
    if baseline:
        from eval.baseline import Baseline

        searchers["baseline"] = Baseline(engine.corpus, engine.embedder).search

    results = []
    for item in tqdm(items, desc="eval", disable=not show, leave=False):
        started = time.perf_counter()
        answer = engine.ask(item.question, item.id)
        latency = (time.perf_counter() - started) * 1000
        result = QuestionResult(
            item=item, answer=answer.answer, abstained=answer.abstained,
            cited=[_section_key(c.doc, c.section, item.doc) for c in answer.citations],
            correct=question_correct(item.answerable, answer.abstained, answer.answer, item.answers,
                                     item.answers_all),
            latency_ms=latency, kind=answer.kind)
        if item.answerable and item.sections:
            result.rankings = {name: [_section_key(d, s, item.doc) for d, s in search(item.question)]
                               for name, search in searchers.items()}
        results.append(result)

    latencies = [r.latency_ms for r in results] or [0.0]
    outcome = EvalReport(
        testset=str(path), results=results, skipped=skipped, overall=answer_scores([r.outcome() for r in results]),
        by_lang=_grouped(results, lambda r: r.item.lang), by_type=_grouped(results, lambda r: r.item.type),
        retrieval={name: retrieval_scores([(r.rankings[name], r.item.sections) for r in results if r.rankings])
                   for name in searchers},
        latency_p50_ms=float(np.percentile(latencies, 50)), latency_p95_ms=float(np.percentile(latencies, 95)))
    if report is not None:
        report.parent.mkdir(parents=True, exist_ok=True)
        report.write_text(outcome.to_markdown(), encoding="utf-8")
    return outcome
