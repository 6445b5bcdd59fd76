"""A candidate answer: what one answer type proposes, with the features the scorer weighs."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from qa.answer import Answer


@dataclass
class Candidate:
    """An answer proposed by one answer type; ``probability`` is the scorer's, filled in when ranked."""

    answer: Answer
    type: str
    features: dict[str, float] = field(default_factory=dict)
    legacy: bool = False  # the answer the rule chain would have given (a feature, not a decision)
    probability: float = 0.0
    also: tuple[str, ...] = ()  # the other types that proposed the same answer

    def fresh(self) -> Candidate:
        """A copy that scoring may mark (features, rule-chain choice, probability) without changing this one."""
        return replace(self, features=dict(self.features))

    @property
    def key(self) -> tuple[str, str, str]:
        """What makes two proposals the same answer: its text and first citation."""
        first = self.answer.citations[0] if self.answer.citations else None
        return self.answer.answer, first.doc if first else "", first.section if first else ""
