"""Which body the implementation part assigns a piece of work to (not a task of the table)."""

from __future__ import annotations

from qa.candidates import Candidate
from qa.evidence import Evidence
from qa.handlers import answer_body
from qa.question import Question

NAME = "body"


def propose(q: Question, ev: Evidence) -> list[Candidate]:
    answer = answer_body(q, ev)
    return [Candidate(answer, NAME)] if answer is not None else []
