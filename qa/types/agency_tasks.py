"""The tasks an agency leads (co-led included), or how many."""

from __future__ import annotations

from qa.candidates import Candidate
from qa.evidence import Evidence
from qa.handlers import answer_agency
from qa.question import Question

NAME = "agency_tasks"


def propose(q: Question, ev: Evidence) -> list[Candidate]:
    answer = answer_agency(q, ev)
    return [Candidate(answer, NAME)] if answer is not None else []
