"""Evidence lookups kept per question, and units ranked with numpy."""

from __future__ import annotations

import pytest

from qa.question import Question


@pytest.fixture(scope="module")
def evidence(engine):
    return engine.answerer.evidence


def test_a_value_kept_per_question_is_computed_once_per_question_text(evidence):
    calls = []

    def words(q, ev):
        calls.append(q.raw)
        return q.words

    first = evidence.memo(words, Question("Ai chủ trì nhiệm vụ 22?"))
    again = evidence.memo(words, Question("Ai chủ trì nhiệm vụ 22?"))
    other = evidence.memo(words, Question("Nhiệm vụ 23 do ai chủ trì?"))
    assert first is again and other != first
    assert calls == ["Ai chủ trì nhiệm vụ 22?", "Nhiệm vụ 23 do ai chủ trì?"]


@pytest.mark.parametrize("text", ["Hải Phòng phát triển công nghiệp bán dẫn thế nào?", "data market", "xyz"])
def test_the_best_few_units_are_the_first_of_the_whole_ranking(evidence, text):
    q = Question(text)
    prior = [(r.doc, r.section) for r in evidence.search(q, 8)]
    everything = evidence.rank_units(q, prior=prior)
    assert len(everything) == len(evidence.rows)
    assert evidence.rank_units(q, prior=prior, limit=5) == everything[:5]
    scores = [c.score for c in everything]
    assert scores == sorted(scores, reverse=True)
    tied = [(a.row, b.row) for a, b in zip(everything, everything[1:], strict=False) if a.score == b.score]
    assert all(a < b for a, b in tied)  # a tie keeps the order of the rows


def test_units_are_ranked_by_cosine_overlap_and_the_search_prior(evidence):
    from qa.evidence import LEXICAL_WEIGHT, PRIOR_WEIGHT

    q = Question("Thị trường dữ liệu được xây dựng và vận hành ra sao?")
    prior = [(r.doc, r.section) for r in evidence.search(q, 8)]
    for c in evidence.rank_units(q, prior=prior, limit=20):
        unit = evidence.units[c.row]
        rank = prior.index((unit.doc, unit.section)) if (unit.doc, unit.section) in prior else None
        boost = PRIOR_WEIGHT / (rank + 1) if rank is not None else 0.0
        assert c.overlap == evidence.overlap(q, c.row)
        assert c.score == c.cosine + LEXICAL_WEIGHT[q.lang] * c.overlap + boost
