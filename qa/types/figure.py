"""A figure — a target or a number stated in the body — or a time, extracted with the sentence that states it."""

from __future__ import annotations

from qa.candidates import Candidate
from qa.evidence import Evidence
from qa.handlers import FIGURE_MIN_COSINE, extraction_candidates, figure_rows, scoped_rows
from qa.question import Question
from qa.types.topic import extracted

NAME = "figure"


def propose(q: Question, ev: Evidence) -> list[Candidate]:
    if not (q.asks_figure or q.asks_which_year or q.asks_deadline):
        return []
    rows = figure_rows(q, ev, scoped_rows(q, ev))
    return extracted(extraction_candidates(q, ev, rows, "figure", FIGURE_MIN_COSINE, 0.34), NAME)
