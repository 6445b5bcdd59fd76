"""What a system said for one question, from planqa's :class:`Answer` or from another system's answers file.

Answers file (``planqa eval --answers FILE``): JSONL, one object per question, ``{"id", "answer", "abstained",
"citations": [{"doc", "section"}, …]}`` plus optional ``confidence`` (0–1), ``verdict`` (true/false/null) and
``latency_ms``; ``planqa ask --jsonl`` writes this format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from eval.testset import Skipped, json_object
from qa.answer import Answer


@dataclass(frozen=True)
class SystemAnswer:
    """One system's answer to one question, as the scorer needs it."""

    answer: str
    abstained: bool
    citations: tuple[tuple[str, str], ...] = ()  # (doc, section), in citation order
    confidence: float = 0.0
    verdict: bool | None = None
    latency_ms: float | None = None
    kind: str = ""

    @classmethod
    def from_answer(cls, answer: Answer) -> SystemAnswer:
        return cls(answer=answer.answer, abstained=answer.abstained,
                   citations=tuple((c.doc, c.section) for c in answer.citations), confidence=answer.confidence,
                   verdict=answer.verdict, latency_ms=answer.latency_ms, kind=answer.kind)


MISSING = SystemAnswer(answer="", abstained=True, kind="missing")  # a question the answers file does not answer


def _citations(value: object) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, list):
        raise ValueError("'citations' is not a list")
    out = []
    for c in value:
        if not (isinstance(c, dict) and isinstance(c.get("doc"), str) and isinstance(c.get("section"), str)):
            raise ValueError("a citation is not an object with 'doc' and 'section' strings")
        out.append((c["doc"], c["section"]))
    return tuple(out)


def _number(value: object, key: str, low: float = 0.0, high: float = float("inf")) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise ValueError(f"'{key}' is not a number in [{low:g}, {high:g}]")
    return float(value)


def parse_answer(line: str) -> tuple[str, SystemAnswer]:
    """(question id, answer) from one JSONL line; ValueError says what is wrong."""
    obj = json_object(line)
    qid, text, abstained = obj.get("id"), obj.get("answer", ""), obj.get("abstained")
    if not isinstance(qid, str) or not qid:
        raise ValueError("'id' missing or not a non-empty string")
    if not isinstance(text, str):
        raise ValueError("'answer' is not a string")
    if not isinstance(abstained, bool):
        raise ValueError("'abstained' missing or not true/false")
    verdict = obj.get("verdict")
    if verdict is not None and not isinstance(verdict, bool):
        raise ValueError("'verdict' is not true, false or null")
    latency = obj.get("latency_ms")
    return qid, SystemAnswer(
        answer=text, abstained=abstained, citations=_citations(obj.get("citations", [])),
        confidence=_number(obj.get("confidence", 0.0), "confidence", 0.0, 1.0), verdict=verdict,
        latency_ms=None if latency is None else _number(latency, "latency_ms"), kind=str(obj.get("kind", "")))


@dataclass
class AnswersFile:
    """The answers of one file by question id, and the lines that could not be used."""

    path: str
    answers: dict[str, SystemAnswer] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)


def load_answers(path: Path) -> AnswersFile:
    """Every usable answer of ``path``; FileNotFoundError when it does not exist."""
    if not path.is_file():
        raise FileNotFoundError(f"answers file not found: {path}")
    out = AnswersFile(str(path))
    with open(path, encoding="utf-8", errors="replace") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                qid, answer = parse_answer(line)
                if qid in out.answers:
                    raise ValueError(f"duplicate id {qid!r}")
            except ValueError as e:
                out.skipped.append(Skipped(n, str(e), str(path)))
                continue
            out.answers[qid] = answer
    return out
