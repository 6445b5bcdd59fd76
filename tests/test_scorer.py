"""The scorer file matches the code's features and its training data; probabilities rank candidates; the exported
trees give scikit-learn's probabilities."""

from __future__ import annotations

import json

import numpy as np
import pytest
from threadpoolctl import threadpool_limits

from qa.answer import Answer, Citation
from qa.candidates import Candidate
from qa.features import ANSWER_FEATURES, FEATURES, year_slot
from qa.question import Question
from qa.scorer import Calibrator, Scorer, ScorerMismatch, make_model
from qa.settings import QASettings
from qa.trees import TreeEnsemble, export_trees


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
                                                 "training": "t.npz", "threshold": 0.5,
                                                 "calibrator": _best_only().to_json()}))
    return Scorer.load(tmp_path / "s.json", tmp_path / "cache")


def _best_only() -> Calibrator:
    """A calibrator that reads the best probability alone, as its log-odds."""
    n = len(ANSWER_FEATURES)
    coef = np.zeros(n)
    coef[ANSWER_FEATURES.index("best")] = 4.0
    return Calibrator(np.full(n, 0.5), np.ones(n), coef, 0.0)


def test_the_calibrator_gives_scikit_learns_probabilities() -> None:
    from sklearn.linear_model import LogisticRegression

    rng = np.random.default_rng(2)
    x = rng.random((300, len(ANSWER_FEATURES)))
    y = (x[:, 0] + 0.3 * rng.random(300) > 0.7).astype(int)
    model = LogisticRegression(max_iter=2000).fit(x, y)
    calibrator = Calibrator(np.zeros(x.shape[1]), np.ones(x.shape[1]), model.coef_[0], float(model.intercept_[0]))
    again = Calibrator.from_json(json.loads(json.dumps(calibrator.to_json())))
    assert np.allclose([again.probability(list(row)) for row in x[:20]], model.predict_proba(x[:20])[:, 1])


def test_confidence_reads_the_ranking(tmp_path) -> None:
    scorer = _scorer(tmp_path)
    chosen = Candidate(Answer("q", "b", False), "topic", dict.fromkeys(FEATURES, 0.0) | {"legacy": 1.0})
    plain = Candidate(Answer("q", "a", False), "topic", dict.fromkeys(FEATURES, 0.0))
    sure, unsure = scorer.confidence(scorer.rank([chosen, plain])), scorer.confidence(scorer.rank([plain]))
    assert 0.5 < sure <= 1.0 and 0.0 <= unsure < 0.5 and scorer.confidence([]) == 0.0


def test_rank_orders_by_probability_and_the_fit_is_cached(tmp_path) -> None:
    scorer = _scorer(tmp_path)
    plain = Candidate(Answer("q", "a", False), "topic", dict.fromkeys(FEATURES, 0.0))
    chosen = Candidate(Answer("q", "b", False), "topic", dict.fromkeys(FEATURES, 0.0) | {"legacy": 1.0})
    ranked = scorer.rank([plain, chosen])
    assert ranked[0] is chosen and ranked[0].probability > 0.5 > ranked[1].probability
    assert len(list((tmp_path / "cache").glob("scorer-*.npz"))) == 1
    again = _scorer(tmp_path)
    assert again.rank([chosen])[0].probability == ranked[0].probability


def test_a_damaged_cache_file_is_fitted_again(tmp_path) -> None:
    assert _scorer(tmp_path).model.depth > 0  # fitted and cached
    (cached,) = (tmp_path / "cache").glob("scorer-*.npz")
    cached.write_bytes(b"damaged")
    chosen = Candidate(Answer("q", "b", False), "topic", dict.fromkeys(FEATURES, 0.0) | {"legacy": 1.0})
    assert _scorer(tmp_path).rank([chosen])[0].probability > 0.5


@pytest.fixture(scope="module")
def shipped() -> tuple[object, np.ndarray]:
    """scikit-learn's fit of the shipped scorer (one thread: the two cores are shared) and its training rows."""
    scorer = Scorer.load(QASettings().scorer)
    with np.load(scorer.training) as arrays, threadpool_limits(1):
        return make_model(scorer.params).fit(arrays["x"], arrays["y"]), arrays["x"]


def _held_out(x: np.ndarray) -> np.ndarray:
    """Rows the fit never saw: training rows with a fifth of their values moved, a tenth missing, and extremes."""
    rng = np.random.default_rng(1)
    moved = x + rng.normal(0, 0.5, x.shape) * (rng.random(x.shape) < 0.2)
    missing = x.copy()
    missing[rng.random(x.shape) < 0.1] = np.nan
    return np.concatenate([moved, missing, np.full((1, x.shape[1]), 1e9), np.full((1, x.shape[1]), -1e9)])


def test_exported_trees_give_sklearns_probabilities(shipped) -> None:
    model, x = shipped
    trees = TreeEnsemble.from_arrays(export_trees(model))
    for rows in (x, _held_out(x)):
        np.testing.assert_allclose(trees.probabilities(rows), model.predict_proba(rows)[:, 1], rtol=0, atol=1e-9)
    assert trees.probabilities(x[:0]).shape == (0,)


def test_a_scorer_answers_without_sklearn(tmp_path) -> None:
    """With its export cached, a new process ranks candidates importing neither scikit-learn nor scipy."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    assert _scorer(tmp_path).model.depth > 0  # fitted and cached
    child = ("import sys; from pathlib import Path; from qa.scorer import Scorer; from qa.candidates import Candidate; "
             "from qa.answer import Answer; s = Scorer.load(Path(sys.argv[1]), Path(sys.argv[2])); "
             "print(s.rank([Candidate(Answer('q', 'a', False), 'topic')])[0].probability, "
             "'sklearn' in sys.modules or 'scipy' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", child, str(tmp_path / "s.json"), str(tmp_path / "cache")],
                          cwd=ROOT, capture_output=True, text=True, check=True)
    probability, imported = done.stdout.split()
    assert 0 < float(probability) < 0.5 and imported == "False"


@pytest.mark.parametrize(("question", "answer", "title", "slot"), [
    ("đến 2030 cần bao nhiêu doanh nghiệp?", "tối thiểu có 10 doanh nghiệp", "II- MỤC TIÊU > 2. Tầm nhìn đến năm 2045",
     -1.0),
    ("đến 2030 cần bao nhiêu doanh nghiệp?", "Tối thiểu có 5 doanh nghiệp", "II- MỤC TIÊU > 1. Đến năm 2030", 1.0),
    ("cần bao nhiêu doanh nghiệp công nghệ số?", "tối thiểu có 10 doanh nghiệp", "Tầm nhìn đến năm 2045", 0.0),
    ("GRDP per capita by 2030?", "đạt 11.247 USD/người", "II. MỤC TIÊU > 2. Một số chỉ tiêu chủ yếu", 0.0),
    ("Nghị quyết 198/2025/QH15 áp dụng cho ai?", "doanh nghiệp, hộ kinh doanh", "Điều 2 năm 2030", 0.0),
    ("How many social housing units in 2026 alone?", "32.900 căn nhà ở xã hội trong giai đoạn 2026 - 2030",
     "II.2. Một số chỉ tiêu chủ yếu", -1.0),  # 2026 opens a range: not a figure of 2026
    ("How many social housing units by 2030?", "32.900 căn nhà ở xã hội trong giai đoạn 2026 - 2030",
     "II.2. Một số chỉ tiêu chủ yếu", 1.0),
    ("Nhiệm vụ nào hạn năm 2026?", "Trong năm 2026", "PHỤ LỤC", 1.0),
])
def test_the_year_asked_is_matched_against_the_answer_and_its_section(question, answer, title, slot) -> None:
    cited = Citation(doc="d", section="s", title=title, quote="", start=0, end=0)
    candidate = Candidate(Answer(question=question, answer=answer, abstained=False, citations=[cited]), "figure")
    assert year_slot(Question(question), candidate) == slot


def test_a_family_of_documents_may_have_its_own_threshold(tmp_path) -> None:
    from qa.scorer import DocumentFamily

    scorer = _scorer(tmp_path)
    assert scorer.threshold_for(DocumentFamily.PROSE) == scorer.threshold_for(DocumentFamily.TABLE) == 0.5
    data = json.loads((tmp_path / "s.json").read_text())
    (tmp_path / "s.json").write_text(json.dumps(data | {"thresholds": {"prose": 0.4}}))
    scorer = Scorer.load(tmp_path / "s.json", tmp_path / "cache")
    assert scorer.threshold_for(DocumentFamily.PROSE) == 0.4 and scorer.threshold_for(DocumentFamily.TABLE) == 0.5


def test_the_shipped_thresholds_follow_the_family_of_the_cited_document(engine) -> None:
    answerer = engine.answerer
    scorer = answerer.scorer
    cited = Candidate(Answer("q", "a", False, [Citation("20-CTr/TU", "PL.22", "t", "a", 0, 1)]), "task_record")
    assert answerer.threshold(cited) == scorer.threshold  # the programme has a task table
    assert answerer.threshold(None) == scorer.threshold
