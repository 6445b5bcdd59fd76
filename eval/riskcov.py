"""Risk–coverage: what answering only above a confidence threshold would give, at every threshold.

At threshold t the system keeps the answers whose confidence is ≥ t and abstains on every other question (its own
abstentions stay abstentions: the answer it rejected is not known). Coverage = answers kept / questions; accuracy
= (kept answers that are right + unanswerable questions abstained on) / questions; wrong-answer rate (risk) =
kept answers that are wrong / answers kept. The thresholds are the distinct confidences of the answers, highest
first, after a first point that answers nothing; the last point keeps every answer: the system's own operating
point (its threshold is the lowest confidence it answered with).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Decision:
    """One QA question as the curve needs it."""

    answerable: bool
    abstained: bool
    correct: bool
    confidence: float


@dataclass(frozen=True)
class RiskPoint:
    """The outcome of answering only at confidence ≥ ``threshold`` (None: answering nothing)."""

    threshold: float | None
    answered: int
    coverage: float
    correct: int
    accuracy: float
    wrong: int
    wrong_answer_rate: float


@dataclass(frozen=True)
class RiskCoverage:
    """The curve, highest threshold first (coverage never falls along it), and the operating point's index."""

    questions: int
    points: tuple[RiskPoint, ...]
    operating: int

    @property
    def operating_point(self) -> RiskPoint:
        return self.points[self.operating]

    def to_json(self) -> dict:
        return {"questions": self.questions, "operating_point": asdict(self.operating_point),
                "points": [asdict(p) for p in self.points]}


def _point(decisions: Sequence[Decision], threshold: float | None) -> RiskPoint:
    kept = [d for d in decisions if not d.abstained and threshold is not None and d.confidence >= threshold]
    right_kept = sum(d.correct for d in kept)
    kept_ids = {id(d) for d in kept}
    abstained_right = sum(not d.answerable for d in decisions if id(d) not in kept_ids)
    n = len(decisions)
    return RiskPoint(threshold=threshold, answered=len(kept), coverage=len(kept) / n if n else 0.0,
                     correct=right_kept + abstained_right, accuracy=(right_kept + abstained_right) / n if n else 0.0,
                     wrong=len(kept) - right_kept,
                     wrong_answer_rate=(len(kept) - right_kept) / len(kept) if kept else 0.0)


def risk_coverage(decisions: Sequence[Decision]) -> RiskCoverage:
    """The risk–coverage curve of ``decisions`` (module docstring)."""
    thresholds = sorted({d.confidence for d in decisions if not d.abstained}, reverse=True)
    points = (_point(decisions, None), *(_point(decisions, t) for t in thresholds))
    return RiskCoverage(questions=len(decisions), points=points, operating=len(points) - 1)
