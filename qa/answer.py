"""What the question-answering stage returns: an answer with citations to canonical section ids."""

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


@dataclass
class Answer:
    """The direct answer (the document's words and figures), or an abstention with the closest sections."""

    question: str
    answer: str
    abstained: bool
    citations: list[Citation] = field(default_factory=list)
    latency_ms: float = 0.0
    kind: str = ""  # the question type that answered ("task_lead", "target", …)
    id: str = ""

    def to_json(self) -> dict:
        """The public JSON contract: id, question, answer, abstained, citations (doc, section, title, quote)."""
        return {"id": self.id, "question": self.question, "answer": self.answer, "abstained": self.abstained,
                "citations": [{k: v for k, v in asdict(c).items() if k in ("doc", "section", "title", "quote")}
                              for c in self.citations],
                "latency_ms": round(self.latency_ms, 1)}
