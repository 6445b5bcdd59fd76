"""The trainer's threshold choice and the curve it records: plain functions over (confidence, right, answerable)."""

from __future__ import annotations

from eval.train_scorer import at_threshold, budgets, choose_threshold
from qa.scorer import DocumentFamily

# Ten answerable questions: confident right answers, then a wrong one at 0.7, then right ones below it.
RESULTS = [(0.99, True, True), (0.95, True, True), (0.9, True, True), (0.7, False, True), (0.6, True, True),
           (0.5, True, True), (0.4, False, True), (0.3, True, True), (0.2, True, True), (0.1, False, True)]


def test_the_threshold_is_the_lowest_within_the_budget() -> None:
    assert choose_threshold(RESULTS, 0.0) > 0.7  # no wrong answer allowed: above the first wrong one
    assert at_threshold(RESULTS, choose_threshold(RESULTS, 0.0))["wrong"] == 0
    assert at_threshold(RESULTS, choose_threshold(RESULTS, 0.1))["wrong"] == 1


def test_the_curve_rises_with_the_budget() -> None:
    families = [DocumentFamily.PROSE] * len(RESULTS)
    curve = budgets(RESULTS, families)
    prose = list(curve["prose"].values())
    assert prose == sorted(prose) and prose[0] == 0.3  # three right before the first wrong answer
    assert curve["table"] == {k: 0.0 for k in curve["table"]}  # no question of that family
