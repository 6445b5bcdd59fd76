"""The scorer file matches the code's features; probabilities rank candidates; the threshold is the fitted one."""

from __future__ import annotations

import json

import pytest

from qa.answer import Answer
from qa.candidates import Candidate
from qa.features import FEATURES
from qa.scorer import Scorer, ScorerMismatch
from qa.settings import QASettings


def test_the_shipped_scorer_was_fitted_on_these_features() -> None:
    scorer = Scorer.load(QASettings().scorer)
    assert len(scorer.weights) == len(FEATURES) and 0 < scorer.threshold < 1


def test_a_file_fitted_on_other_features_is_refused(tmp_path) -> None:
    path = tmp_path / "scorer.json"
    path.write_text(json.dumps({"features": ["other"], "weights": [1.0], "intercept": 0.0, "threshold": 0.5}))
    with pytest.raises(ScorerMismatch):
        Scorer.load(path)


def test_rank_orders_by_probability() -> None:
    scorer = Scorer(tuple(1.0 if f == "legacy" else 0.0 for f in FEATURES), -0.5, 0.5)
    plain = Candidate(Answer("q", "a", False), "topic", {name: 0.0 for name in FEATURES})
    chosen = Candidate(Answer("q", "b", False), "topic", {name: 0.0 for name in FEATURES} | {"legacy": 1.0})
    ranked = scorer.rank([plain, chosen])
    assert ranked[0] is chosen and ranked[0].probability > 0.5 > ranked[1].probability
