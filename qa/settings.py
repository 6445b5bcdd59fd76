"""The question-answering stage's settings: limits and thresholds, in one place (``planqa.config`` passes them in;
the environment overrides the defaults)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def _cache_dir() -> Path:
    """Where fitted models are kept: ``$PLANQA_CACHE/qa`` (default ``~/.cache/planqa/qa``)."""
    home = os.environ.get("PLANQA_CACHE") or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "planqa"
    return Path(home) / "qa"


def _float_env(name: str) -> float | None:
    value = os.environ.get(name, "").strip()
    return float(value) if value else None


@dataclass(frozen=True)
class QASettings:
    """Limits and thresholds of :class:`qa.pipeline.Answerer`."""

    max_question_chars: int = 2000  # longer questions are cut to this before anything else
    # Answer only when the scorer's probability reaches this; None: the threshold fitted with the scorer (chosen on
    # development questions the fit never saw, for at most 2% wrong answers given as fact among the questions).
    answer_threshold: float | None = field(default_factory=lambda: _float_env("PLANQA_ANSWER_THRESHOLD"))
    # A record lookup this sure is answered without ranking sentences (no query embedding: a fast cold start).
    early_exit: float = 0.9
    # A claim is confirmed by a candidate below the answer threshold when it prints every agency and figure the claim
    # asserts and is this probable; correcting a claim needs the answer threshold. Candidates looked at per claim:
    claim_confirm_probability: float = 0.3
    # … and when its evidence states at least this share of what the claim is about (its words beside its values).
    claim_confirm_stated_share: float = 0.5
    claim_candidates: int = 5
    # A document is about the place its text names most when it names it this often (and more than all others).
    own_place_mentions: int = 5
    # Below this, an abstention lists no "closest sections": they would not be relevant.
    closest_min_probability: float = 0.15
    # A question naming no document, answered with a figure: another document's figure on it is shown too when it is
    # this probable and carries the question's key terms (the programme restates a resolution's target in its words).
    other_document_probability: float = 0.25
    # The document a question that names none is about ("who signed it?"); "": the one citing most of the others.
    primary_document: str = field(default_factory=lambda: os.environ.get("PLANQA_PRIMARY_DOCUMENT", ""))
    scorer: Path = DATA / "scorer.json"
    intents: Path = DATA / "intents.tsv"
    cache_dir: Path | None = field(default_factory=_cache_dir)  # where the fitted classifiers are kept
