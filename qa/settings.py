"""The question-answering stage's settings: limits and thresholds, in one place (``planqa.config`` passes them in;
the environment overrides the defaults)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def _float_env(name: str) -> float | None:
    value = os.environ.get(name, "").strip()
    return float(value) if value else None


@dataclass(frozen=True)
class QASettings:
    """Limits and thresholds of :class:`qa.pipeline.Answerer`."""

    max_question_chars: int = 2000  # longer questions are cut to this before anything else
    # Answer only when the scorer's calibrated probability reaches this; None: the threshold fitted with the
    # scorer (chosen on held-out development questions for at most 2% wrong answers among those answered).
    answer_threshold: float | None = field(default_factory=lambda: _float_env("PLANQA_ANSWER_THRESHOLD"))
    # A record lookup this sure is answered without ranking sentences (no query embedding: a fast cold start).
    early_exit: float = 0.9
    # Below this, an abstention lists no "closest sections": they would not be relevant.
    closest_min_probability: float = 0.15
    scorer: Path = DATA / "scorer.json"
    intents: Path = DATA / "intents.tsv"
    cache_dir: Path | None = None  # where the fitted intent classifier is cached
