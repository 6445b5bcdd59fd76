"""One scorer for every candidate: a logistic regression over :data:`qa.features.FEATURES`, fitted on development
questions by ``eval/train_scorer.py`` and stored with its threshold in ``qa/data/scorer.json``.

Its output is a calibrated probability that the candidate is right (checked on questions the fit never saw; the
file records how); the answer is the most probable candidate when that probability reaches the threshold.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from qa.candidates import Candidate
from qa.features import FEATURES, vector


class ScorerMismatch(ValueError):
    """The scorer file was fitted on other features than the code computes: refit it."""


@dataclass(frozen=True)
class Scorer:
    """Weights per feature, intercept and the fitted answer threshold."""

    weights: tuple[float, ...]
    intercept: float
    threshold: float

    @classmethod
    def load(cls, path: Path) -> Scorer:
        data = json.loads(path.read_text(encoding="utf-8"))
        if tuple(data["features"]) != FEATURES:
            raise ScorerMismatch(f"{path} was fitted on other features: run python eval/train_scorer.py")
        return cls(tuple(float(w) for w in data["weights"]), float(data["intercept"]), float(data["threshold"]))

    def probability(self, c: Candidate) -> float:
        z = self.intercept + sum(w * x for w, x in zip(self.weights, vector(c), strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def rank(self, candidates: list[Candidate]) -> list[Candidate]:
        """The candidates with their probabilities, most probable first (ties: the order they were proposed)."""
        for c in candidates:
            c.probability = self.probability(c)
        return sorted(candidates, key=lambda c: -c.probability)
