"""The risk–coverage curve on synthetic confidences."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eval.riskcov import Decision, risk_coverage

# answerable?, abstained?, correct?, confidence
DECISIONS = [Decision(True, False, True, 0.9), Decision(True, False, False, 0.8), Decision(True, False, True, 0.8),
             Decision(False, False, False, 0.3), Decision(False, True, True, 0.6), Decision(True, True, False, 0.95)]


def test_points_on_a_small_example() -> None:
    curve = risk_coverage(DECISIONS)
    assert [p.threshold for p in curve.points] == [None, 0.9, 0.8, 0.3]  # abstentions set no threshold
    assert [p.answered for p in curve.points] == [0, 1, 3, 4]
    assert [p.coverage for p in curve.points] == pytest.approx([0, 1 / 6, 3 / 6, 4 / 6])
    # answering nothing: only the two unanswerable questions are right
    assert curve.points[0].accuracy == pytest.approx(2 / 6) and curve.points[0].wrong_answer_rate == 0.0
    # at 0.8: two right answers, one wrong; both unanswerable abstained on (the 0.3 answer is held back)
    at_08 = curve.points[2]
    assert (at_08.correct, at_08.wrong) == (4, 1)
    assert at_08.wrong_answer_rate == pytest.approx(1 / 3)
    # the operating point keeps every answer, as the system gave them
    op = curve.operating_point
    assert op is curve.points[-1] and op.threshold == 0.3
    assert (op.correct, op.wrong, op.answered) == (3, 2, 4)
    assert op.accuracy == pytest.approx(3 / 6) and op.wrong_answer_rate == pytest.approx(2 / 4)


def test_constant_confidence_gives_the_operating_point_alone() -> None:
    curve = risk_coverage([Decision(True, False, True, 0.0), Decision(True, False, False, 0.0),
                           Decision(False, True, True, 0.0)])
    assert [p.answered for p in curve.points] == [0, 2]
    assert curve.operating == 1 and curve.operating_point.wrong_answer_rate == 0.5


def test_nothing_answered_and_nothing_asked() -> None:
    curve = risk_coverage([Decision(True, True, False, 0.7)])
    assert len(curve.points) == 1 and curve.operating_point.coverage == 0.0
    assert risk_coverage([]).operating_point.accuracy == 0.0
    data = risk_coverage(DECISIONS).to_json()
    assert data["operating_point"]["threshold"] == 0.3 and len(data["points"]) == 4


decisions = st.lists(st.builds(Decision, st.booleans(), st.booleans(), st.booleans(),
                               st.floats(0, 1, allow_nan=False)), max_size=40)


@settings(max_examples=200, deadline=None)
@given(decisions)
def test_coverage_rises_as_the_threshold_falls(ds: list[Decision]) -> None:
    curve = risk_coverage(ds)
    thresholds = [p.threshold for p in curve.points[1:]]
    assert thresholds == sorted(thresholds, reverse=True)
    coverage = [p.coverage for p in curve.points]
    assert all(a < b for a, b in zip(coverage, coverage[1:], strict=False))
    assert curve.operating_point.answered == sum(not d.abstained for d in ds)
    assert all(0.0 <= p.accuracy <= 1.0 and 0.0 <= p.wrong_answer_rate <= 1.0 for p in curve.points)
