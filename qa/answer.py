"""What the question-answering stage returns: an answer with citations to canonical section ids.

An answer may be composite: ``items`` for a list (every item with its number, title and the asked field),
``parts`` for a question that asks two things (each part an :class:`Answer` with its own citations), and
``verdict`` for a claim to verify (True: "Đúng", False: "Chưa đúng", None: not a claim). ``confidence`` is the
scorer's calibrated probability that the answer is right; abstentions carry the best rejected candidate's.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Citation:
    """Where an answer is written: ``quote`` is exact source text, ``doc.source[start:end] == quote``."""

    doc: str
    section: str
    title: str
    quote: str
    start: int
    end: int


@dataclass(frozen=True)
class AnswerItem:
    """One item of a list answer: a task, target or article, with the field the question asked for."""

    number: str  # "22", "(7)", "Điều 10"
    title: str  # cut at a word boundary
    value: str = ""  # the asked field: a deadline, a lead agency …
    note: str = ""  # "đồng chủ trì" (co-lead) and the like
    citation: int = -1  # index into Answer.citations, -1 when none


@dataclass
class Answer:
    """The direct answer (the document's words and figures), or an abstention with the closest sections."""

    question: str
    answer: str
    abstained: bool
    citations: list[Citation] = field(default_factory=list)
    latency_ms: float = 0.0
    kind: str = ""  # the answer type that answered ("task_lead", "target", …)
    id: str = ""
    confidence: float = 0.0
    lang: str = "vi"
    verdict: bool | None = None
    items: list[AnswerItem] = field(default_factory=list)
    parts: list[Answer] = field(default_factory=list)

    def to_json(self) -> dict:
        """The public JSON contract: id, question, answer, abstained, citations (doc, section, title, quote),
        latency_ms; plus kind, confidence, lang, and — when present — verdict, items and parts."""
        out = {"id": self.id, "question": self.question, "answer": self.answer, "abstained": self.abstained,
               "citations": [{k: v for k, v in asdict(c).items() if k in ("doc", "section", "title", "quote")}
                             for c in self.citations],
               "latency_ms": round(self.latency_ms, 1), "kind": self.kind, "confidence": round(self.confidence, 4),
               "lang": self.lang}
        if self.verdict is not None:
            out["verdict"] = self.verdict
        if self.items:
            out["items"] = [asdict(i) for i in self.items]
        if self.parts:
            out["parts"] = [p.to_json() for p in self.parts]
        return out
