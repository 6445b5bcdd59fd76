"""One scorer for every candidate: gradient-boosted trees over :data:`qa.features.FEATURES`, fitted on the
development questions' candidates (``qa/data/scorer_training.npz``, written by ``eval/train_scorer.py``), with the
threshold chosen on questions the fit never saw (``qa/data/scorer.json`` records how).

Its output is the probability that a candidate is right. The answer is the most probable candidate; whether to give
it is read from the whole ranking by a logistic calibrator (:data:`qa.features.ANSWER_FEATURES`: the two best
probabilities, how crowded the ranking is, what kind of candidate won), fitted on rankings scored by trees that
never saw their question, and the answer is given when its confidence reaches the threshold. scikit-learn fits
the trees once per machine (seconds); they are cached by the hash of their data as node arrays (:mod:`qa.trees`),
which later processes load and evaluate with numpy alone.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from importlib.metadata import version
from pathlib import Path

import numpy as np

from qa.candidates import Candidate
from qa.features import ANSWER_FEATURES, FEATURES, answer_vector, vector
from qa.model_cache import cached_model
from qa.trees import TreeEnsemble, export_trees


class DocumentFamily(Enum):
    """What kind of document an answer comes from, for its threshold: one with a task table (a programme, a plan:
    answers read from its records) or prose (resolutions, laws: answers read from sentences), whose wrong answers
    the issues bound differently (3% and 5% of the questions)."""

    TABLE = "table"
    PROSE = "prose"


def family_of(has_tasks: bool) -> DocumentFamily:
    return DocumentFamily.TABLE if has_tasks else DocumentFamily.PROSE


class ScorerMismatch(ValueError):
    """The scorer file was fitted on other features than the code computes: refit it."""


def make_model(params: dict):
    from sklearn.ensemble import HistGradientBoostingClassifier

    return HistGradientBoostingClassifier(**params)


@dataclass(frozen=True)
class Calibrator:
    """A logistic model of whether a ranking's best candidate is right: standardised features, weights, bias."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    @classmethod
    def from_json(cls, data: dict) -> Calibrator:
        return cls(*(np.array(data[k], dtype=np.float64) for k in ("mean", "scale", "coef")), float(data["intercept"]))

    def to_json(self) -> dict:
        return {"features": list(ANSWER_FEATURES), "mean": self.mean.tolist(), "scale": self.scale.tolist(),
                "coef": self.coef.tolist(), "intercept": self.intercept}

    def probability(self, features: list[float]) -> float:
        z = float(((np.array(features) - self.mean) / self.scale) @ self.coef) + self.intercept
        return 1.0 / (1.0 + math.exp(-z))


@dataclass
class Scorer:
    """The fitted model's parameters and training data, the answer calibrator and the answer threshold."""

    params: dict
    training: Path
    threshold: float
    calibrator: Calibrator
    cache_dir: Path | None = None
    thresholds: dict[str, float] = field(default_factory=dict)  # by document family, where it has its own

    @classmethod
    def load(cls, path: Path, cache_dir: Path | None = None) -> Scorer:
        data = json.loads(path.read_text(encoding="utf-8"))
        calibrated = tuple(data.get("calibrator", {}).get("features", ()))
        if tuple(data["features"]) != FEATURES or calibrated != ANSWER_FEATURES:
            raise ScorerMismatch(f"{path} was fitted on other features: run python eval/train_scorer.py")
        return cls(dict(data["params"]), path.parent / data["training"], float(data["threshold"]),
                   Calibrator.from_json(data["calibrator"]), cache_dir,
                   {family: float(t) for family, t in data.get("thresholds", {}).items()})

    def threshold_for(self, family: DocumentFamily) -> float:
        """The answer threshold of answers from documents of ``family`` (the general one when it has none)."""
        return self.thresholds.get(family.value, self.threshold)

    @cached_property
    def model(self) -> TreeEnsemble:
        raw = self.training.read_bytes()
        digest = hashlib.sha256(raw + json.dumps(self.params, sort_keys=True).encode()
                                + version("scikit-learn").encode()).hexdigest()[:16]

        def fit_export() -> dict[str, np.ndarray]:
            with np.load(self.training) as arrays:
                return export_trees(make_model(self.params).fit(arrays["x"], arrays["y"]))

        return cached_model(self.cache_dir, f"scorer-{digest}", fit_export, TreeEnsemble.from_arrays)

    def rank(self, candidates: list[Candidate]) -> list[Candidate]:
        """The candidates with their probabilities, most probable first (ties: the order they were proposed)."""
        if not candidates:
            return []
        probabilities = self.model.probabilities(np.array([vector(c) for c in candidates], dtype=np.float64))
        for c, p in zip(candidates, probabilities, strict=True):
            c.probability = float(p)
        return sorted(candidates, key=lambda c: -c.probability)

    def confidence(self, ranked: list[Candidate]) -> float:
        """The probability that the best of a ranking (from :meth:`rank`) is right; 0 for no candidates."""
        if not ranked:
            return 0.0
        return self.calibrator.probability(answer_vector([c.probability for c in ranked], ranked))
