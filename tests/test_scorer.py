"""The scorer file matches the code's features and its training data; probabilities rank candidates."""

from __future__ import annotations

import json

import numpy as np
import pytest

from qa.answer import Answer
from qa.candidates import Candidate
from qa.features import FEATURES
from qa.scorer import Scorer, ScorerMismatch
from qa.settings import QASettings


def test_the_shipped_scorer_was_fitted_on_these_features(tmp_path) -> None:
    scorer = Scorer.load(QASettings().scorer, tmp_path)
    assert 0 < scorer.threshold < 1
    with np.load(scorer.training) as arrays:
        assert arrays["x"].shape[1] == len(FEATURES) and set(np.unique(arrays["y"])) == {0, 1}


def test_a_file_fitted_on_other_features_is_refused(tmp_path) -> None:
    path = tmp_path / "scorer.json"
    path.write_text(json.dumps({"features": ["other"], "params": {}, "training": "t.npz", "threshold": 0.5}))
    with pytest.raises(ScorerMismatch):
        Scorer.load(path)


def _scorer(tmp_path) -> Scorer:
    """A scorer fitted on made-up data where only the rule chain's choice is ever right."""
    rng = np.random.default_rng(0)
    x = np.zeros((200, len(FEATURES)))
    x[:100, FEATURES.index("legacy")] = 1.0
    x[:, FEATURES.index("cosine")] = rng.random(200)
    np.savez_compressed(tmp_path / "t.npz", x=x, y=(x[:, FEATURES.index("legacy")] > 0).astype(np.int8))
    (tmp_path / "s.json").write_text(json.dumps({"features": list(FEATURES), "params": {"max_iter": 20},
                                                 "training": "t.npz", "threshold": 0.5}))
    return Scorer.load(tmp_path / "s.json", tmp_path / "cache")


def test_rank_orders_by_probability_and_the_fit_is_cached(tmp_path) -> None:
    scorer = _scorer(tmp_path)
    plain = Candidate(Answer("q", "a", False), "topic", dict.fromkeys(FEATURES, 0.0))
    chosen = Candidate(Answer("q", "b", False), "topic", dict.fromkeys(FEATURES, 0.0) | {"legacy": 1.0})
    ranked = scorer.rank([plain, chosen])
    assert ranked[0] is chosen and ranked[0].probability > 0.5 > ranked[1].probability
    assert len(list((tmp_path / "cache").glob("scorer-*.pkl"))) == 1
    again = _scorer(tmp_path)
    assert again.rank([chosen])[0].probability == pytest.approx(ranked[0].probability)
